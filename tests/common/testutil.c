#include "testutil.h"

#include <stdio.h>
#include <string.h>

unsigned long tu_passed, tu_failed;

void tu_check(int ok, const char *what, const char *file, int line)
{
	if (ok) {
		tu_passed++;
		return;
	}
	tu_failed++;
	if (tu_failed <= 20)
		fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
}

int tu_check_bytes(const void *a, const void *b, size_t n, const char *what, const char *file,
                   int line)
{
	int ok = memcmp(a, b, n) == 0;
	tu_check(ok, what, file, line);
	if (!ok && tu_failed <= 20) {
		tu_print_hex("  got     ", a, n < 64 ? n : 64);
		tu_print_hex("  expected", b, n < 64 ? n : 64);
	}
	return ok;
}

int tu_report(const char *name)
{
	printf("%s: %lu passed, %lu failed\n", name, tu_passed, tu_failed);
	printf("%lu passed, %lu failed\n", tu_passed, tu_failed);
	return tu_failed == 0 && tu_passed > 0 ? 0 : 1;
}

static uint64_t tu_state = 0x6a09e667f3bcc908ull;

void tu_seed(uint64_t seed)
{
	tu_state = seed;
}

uint64_t tu_rand64(void)
{
	uint64_t z = (tu_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint32_t tu_rand32(void)
{
	return (uint32_t)(tu_rand64() >> 32);
}

size_t tu_rand_below(size_t bound)
{
	return (size_t)(tu_rand64() % bound);
}

void tu_rand_bytes(void *p, size_t n)
{
	/* Little-endian bytes of each word: the same stream on every host. */
	uint8_t *b = p;
	while (n > 0) {
		uint64_t r = tu_rand64();
		size_t k = n < 8 ? n : 8, i;
		for (i = 0; i < k; i++)
			b[i] = (uint8_t)(r >> (8 * i));
		b += k;
		n -= k;
	}
}

int tu_is_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint8_t acc = 0;
	size_t i;
	for (i = 0; i < n; i++)
		acc |= b[i];
	return acc == 0;
}

static int tu_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long tu_unhex(uint8_t *out, size_t max, const char *hex)
{
	size_t n = 0;
	while (hex[0] != '\0' && hex[1] != '\0') {
		int hi = tu_nibble(hex[0]), lo = tu_nibble(hex[1]);
		if (hi < 0 || lo < 0 || n >= max)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | lo);
		hex += 2;
	}
	return hex[0] == '\0' ? (long)n : -1;
}

void tu_print_hex(const char *label, const uint8_t *p, size_t n)
{
	size_t i;
	fprintf(stderr, "%s ", label);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%02x", p[i]);
	fprintf(stderr, "\n");
}

int tu_det_randombytes(uint8_t *out, size_t len)
{
	tu_rand_bytes(out, len);
	return 0;
}

/*
 * fuzz_proto.h - shared by the protocol fuzz targets (fuzz_nhx, fuzz_channel,
 * fuzz_password, fuzz_static_hs, fuzz_record).
 *
 * Each target builds its objects once, from a fixed-seed random source, and
 * hands every input to a copy of the waiting state (the first byte picks
 * which parser). What they assert, beyond "no crash, no sanitizer report":
 * a failed call zeroes its outputs, and a message that authenticates is the
 * genuine one (a mutation never completes a handshake).
 *
 * Seed corpus: building a target with -DFUZZ_WRITE_SEEDS adds a main() that
 * writes the genuine messages (with their selector byte) and a few damaged
 * ones into the directory named on its command line, e.g.
 *   cc -DFUZZ_WRITE_SEEDS -Iprimitives -Iprotocol -Itests/common \
 *      tests/fuzz/fuzz_nhx.c primitives/[a-z]*.c protocol/[a-z]*.c \
 *      tests/common/testutil.c -o seeds && ./seeds tests/fuzz/corpus/nhx
 */
#ifndef FUZZ_PROTO_H
#define FUZZ_PROTO_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hopebox.h"
#include "hopebox_protocol.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Fixed-seed random source (splitmix64). */
static uint64_t fz_state = 0x0123456789abcdefull;

static inline int fz_rng(uint8_t *out, size_t len)
{
	while (len > 0) {
		uint64_t z = (fz_state += 0x9e3779b97f4a7c15ull);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		*out++ = (uint8_t)(z ^ (z >> 31));
		len--;
	}
	return 0;
}

static inline int fz_zero(const void *p, size_t n)
{
	const uint8_t *b = (const uint8_t *)p;
	size_t i;
	uint8_t acc = 0;
	for (i = 0; i < n; i++)
		acc |= b[i];
	return acc == 0;
}

/* Abort (a finding) unless cond holds. */
#define FZ_ASSERT(cond)                                                                            \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond);                 \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* 1 when the input after the selector byte is exactly msg. */
static inline int fz_is(const uint8_t *in, size_t n, const uint8_t *msg, size_t len)
{
	return n == len && memcmp(in, msg, len) == 0;
}

#ifdef FUZZ_WRITE_SEEDS
static const char *fz_dir;
static int fz_count;

/* Write selector || msg[0..len) as the next seed file. */
static void fz_seed(uint8_t sel, const uint8_t *msg, size_t len)
{
	char path[4096];
	FILE *f;
	snprintf(path, sizeof path, "%s/seed-%02d", fz_dir, fz_count++);
	f = fopen(path, "wb");
	if (f == NULL) {
		perror(path);
		exit(1);
	}
	fputc(sel, f);
	if (len > 0)
		fwrite(msg, 1, len, f);
	fclose(f);
}

/* The genuine message, and truncated, extended and bit-flipped copies. */
static void fz_seeds_for(uint8_t sel, const uint8_t *msg, size_t len)
{
	uint8_t *m = malloc(len + 1);
	fz_seed(sel, msg, len);
	fz_seed(sel, msg, len - 1);
	memcpy(m, msg, len);
	m[len] = 0;
	fz_seed(sel, m, len + 1);
	m[len - 1] ^= 1;
	fz_seed(sel, m, len);
	m[len - 1] ^= 1;
	m[0] ^= 0x40;
	fz_seed(sel, m, len);
	free(m);
}
#endif

#endif

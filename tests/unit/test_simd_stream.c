/*
 * Differential test of the stream-cipher kernels: the portable path (forced
 * with hbox_cpu_override(0)) against the AVX2 kernels (AVX-512 masked off)
 * and against the default dispatch (the AVX-512 kernels on a CPU that has
 * AVX-512F), byte for byte, for ChaCha20 (IETF and original layout),
 * XChaCha20, Salsa20 and XSalsa20 (so HChaCha20 and HSalsa20 too):
 *   - random keys, nonces and messages of every length 0..2048;
 *   - out and in at independent offsets 0..31 from an aligned base;
 *   - in place, out of place, and in == NULL (keystream);
 *   - counters next to the IETF 32-bit wrap, the carry from word 12 into
 *     word 13 (Salsa20: word 8 into 9) at every lane position of an
 *     eight- or sixteen-block batch, the 64-bit wrap, and random ones;
 *   - nothing written before out or after out + len.
 * On a CPU without AVX2, or in a HOPEBOX_PORTABLE build, both sides are the
 * portable code: the test still runs (and checks the guards and aliasing)
 * and says that the differential half was skipped.
 */
#include <stdio.h>
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

#define MAXLEN 2048
#define SLACK 64 /* room for offsets 0..31 and guard bytes */
#define GUARD 0xa5

enum variant { IETF, ORIG, XCHACHA, SALSA, XSALSA, NVARIANTS };
static const char *const names[NVARIANTS] = {"chacha20_ietf", "chacha20", "xchacha20",
                                             "salsa20", "xsalsa20"};

static void run(enum variant v, uint8_t *out, const uint8_t *in, size_t len, const uint8_t *key,
                const uint8_t *nonce, uint64_t counter)
{
	switch (v) {
	case IETF:
		hbox_chacha20_ietf(out, in, len, key, nonce, (uint32_t)counter);
		break;
	case ORIG:
		hbox_chacha20(out, in, len, key, nonce, counter);
		break;
	case XCHACHA:
		hbox_xchacha20(out, in, len, key, nonce, counter);
		break;
	case SALSA:
		hbox_salsa20(out, in, len, key, nonce, counter);
		break;
	default:
		hbox_xsalsa20(out, in, len, key, nonce); /* counter fixed at 0 */
		break;
	}
}

/* A counter that puts a wrap or carry inside the call about half the time. */
static uint64_t pick_counter(enum variant v, size_t len)
{
	uint64_t back = tu_rand_below(len / 64 + 10); /* blocks before the edge */
	switch (tu_rand_below(4)) {
	case 0:
		return v == IETF ? tu_rand32() : tu_rand64();
	case 1:
		return 0xffffffffull - back + 1; /* 32-bit wrap / word carry */
	case 2:
		return ~(uint64_t)0 - back + 1; /* 64-bit wrap (IETF: same as case 1) */
	default:
		return tu_rand_below(1000);
	}
}

static int guards_ok(const uint8_t *base, size_t off, size_t len)
{
	size_t i;
	for (i = 0; i < off; i++)
		if (base[i] != GUARD)
			return 0;
	for (i = off + len; i < MAXLEN + SLACK; i++)
		if (base[i] != GUARD)
			return 0;
	return 1;
}

/*
 * One length and variant: portable results first, then the dispatched
 * path on the same inputs at fresh offsets. Returns 1 when all match.
 */
static int check_one(enum variant v, size_t len, unsigned features)
{
	static uint8_t msg_base[MAXLEN + SLACK], ref_ct[MAXLEN], ref_ks[MAXLEN];
	static uint8_t out_base[MAXLEN + SLACK];
	uint8_t key[32], nonce[24];
	uint64_t counter = pick_counter(v, len);
	size_t in_off = tu_rand_below(32), out_off = tu_rand_below(32);
	uint8_t *msg = msg_base + in_off, *out = out_base + out_off;
	int ok = 1;

	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(nonce, sizeof nonce);
	tu_rand_bytes(msg_base, sizeof msg_base);

	hbox_cpu_override(0);
	run(v, ref_ct, msg, len, key, nonce, counter);
	run(v, ref_ks, NULL, len, key, nonce, counter);
	hbox_cpu_override(features);

	/* out of place */
	memset(out_base, GUARD, sizeof out_base);
	run(v, out, msg, len, key, nonce, counter);
	ok &= memcmp(out, ref_ct, len) == 0 && guards_ok(out_base, out_off, len);

	/* keystream */
	memset(out_base, GUARD, sizeof out_base);
	run(v, out, NULL, len, key, nonce, counter);
	ok &= memcmp(out, ref_ks, len) == 0 && guards_ok(out_base, out_off, len);

	/* in place, at the message's own (odd) offset */
	memset(out_base, GUARD, sizeof out_base);
	memcpy(out_base + in_off, msg, len);
	run(v, out_base + in_off, out_base + in_off, len, key, nonce, counter);
	ok &= memcmp(out_base + in_off, ref_ct, len) == 0 && guards_ok(out_base, in_off, len);
	return ok;
}

/* Every lane position of the word-12 carry in an eight- or sixteen-block
 * batch, long enough for several batches and a tail. */
static void check_carry_lanes(unsigned features)
{
	/* the long batch kernels, and the short ones (two and four blocks) */
	static const size_t lens[] = {3000, 100, 128, 200, 256};
	static uint8_t a[3000], b[3000];
	uint8_t key[32], nonce[24];
	uint64_t k;
	size_t i;
	int v;

	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(nonce, sizeof nonce);
	for (v = IETF; v <= SALSA; v++) {
		for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
			for (k = 1; k <= 20; k++) {
				uint64_t counter = 0xffffffffull - k + 1;
				hbox_cpu_override(0);
				run((enum variant)v, a, NULL, lens[i], key, nonce, counter);
				hbox_cpu_override(features);
				run((enum variant)v, b, NULL, lens[i], key, nonce, counter);
				if (memcmp(a, b, lens[i]) != 0) {
					printf("%s: carry %llu blocks into %lu bytes differs\n",
					       names[v], (unsigned long long)k,
					       (unsigned long)lens[i]);
					CHECK(0);
					return;
				}
			}
		}
	}
	CHECK(1);
}

/* HChaCha20 and HSalsa20 on their own, with out == key half the time. */
static void check_cores(unsigned features)
{
	unsigned long bad = 0;
	int i, which;

	for (i = 0; i < 2000; i++) {
		uint8_t key[32], in[16], want[32], got[32];
		which = i & 1;
		tu_rand_bytes(key, sizeof key);
		tu_rand_bytes(in, sizeof in);
		hbox_cpu_override(0);
		if (which)
			hbox_hsalsa20(want, key, in);
		else
			hbox_hchacha20(want, key, in);
		hbox_cpu_override(features);
		if (i & 2) {
			if (which)
				hbox_hsalsa20(key, key, in);
			else
				hbox_hchacha20(key, key, in);
			memcpy(got, key, sizeof got);
		} else if (which) {
			hbox_hsalsa20(got, key, in);
		} else {
			hbox_hchacha20(got, key, in);
		}
		bad += memcmp(got, want, sizeof got) != 0;
	}
	CHECK(bad == 0);
}

int main(void)
{
	unsigned features = hbox_cpu_features(), paths_done = 0;
	size_t len;
	int v, p;

	/* The override itself. */
	hbox_cpu_override(0);
	CHECK(hbox_cpu_features() == 0);
	CHECK(strstr(hbox_build_info(), "avx2, using avx2") == NULL);
	hbox_cpu_override(HBOX_CPU_ALL);
	CHECK(hbox_cpu_features() == features);
	if (features & HBOX_CPU_AVX2)
		CHECK(strstr(hbox_build_info(), "using avx2") != NULL);
	else
		printf("AVX2 not available (CPU or build): both sides are portable, "
		       "differential half skipped\n");

	/* The AVX2 kernels, then (where the CPU has more) the default dispatch. */
	for (p = 0; p < 2; p++) {
		unsigned path = p == 0 ? features & ~(HBOX_CPU_AVX512F | HBOX_CPU_AVX512IFMA)
		                       : features;
		if (p == 1 && path == paths_done)
			break;
		for (v = 0; v < NVARIANTS; v++) {
			unsigned long bad = 0;
			for (len = 0; len <= MAXLEN; len++)
				bad += !check_one((enum variant)v, len, path);
			if (bad != 0)
				printf("%s (features %#x): %lu lengths differ\n", names[v], path,
				       bad);
			CHECK(bad == 0);
		}
		check_carry_lanes(path);
		check_cores(path);
		paths_done = path;
	}
	if (!(features & HBOX_CPU_AVX512F))
		printf("AVX-512F not available (CPU or build): AVX-512 kernels not tested\n");
	hbox_cpu_override(HBOX_CPU_ALL);
	return tu_report("test_simd_stream");
}

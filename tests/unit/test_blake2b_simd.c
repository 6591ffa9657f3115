/*
 * Differential test of the BLAKE2b AVX2 kernel (primitives/blake2b_avx2.c):
 * the portable code (forced with hbox_cpu_override(0)) against the default
 * dispatch, byte for byte:
 *   - random messages of every length 0..2048, with key length and output
 *     length changing with the message length (every key length 0..64 and
 *     every output length 1..64 come up), input, key and output at offsets
 *     0..31 from an aligned base, nothing written around out;
 *   - every key length 0..64 with every output length 1..64 at lengths
 *     around the block edges;
 *   - the incremental API in random pieces (empty ones too), with the path
 *     switched at random between calls (both paths keep the context in the
 *     same layout, so a context may cross over);
 *   - the 128-bit byte counter carrying from its low word into its high
 *     word inside a run of blocks (the context's counter set by hand).
 * On a CPU without AVX2, or in a HOPEBOX_PORTABLE build, both sides are the
 * portable code: the test still runs and says that the differential half
 * was skipped.
 */
#include <stdio.h>
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

#define MAXLEN 2048
#define SLACK 64 /* offsets 0..31 and guard bytes */
#define GUARD 0x5a

static uint8_t in_base[MAXLEN + SLACK], key_base[64 + SLACK], out_base[64 + SLACK];

static void portable(void)
{
	hbox_cpu_override(0);
}

static void fast(void)
{
	hbox_cpu_override(HBOX_CPU_ALL);
}

/* A random input of len bytes at a random offset from base. */
static uint8_t *fresh(uint8_t *base, size_t len)
{
	uint8_t *p = base + tu_rand_below(32);
	tu_rand_bytes(p, len);
	return p;
}

/* out_base filled with GUARD; a random offset into it. */
static uint8_t *guarded_out(void)
{
	memset(out_base, GUARD, sizeof out_base);
	return out_base + tu_rand_below(32);
}

/* Every byte of out_base outside [out, out + n) is still GUARD. */
static int guards_ok(const uint8_t *out, size_t n)
{
	size_t i, off = (size_t)(out - out_base);
	for (i = 0; i < sizeof out_base; i++)
		if ((i < off || i >= off + n) && out_base[i] != GUARD)
			return 0;
	return 1;
}

/* One-shot on both paths; 1 when they agree and nothing else was written. */
static int one_shot_same(const uint8_t *in, size_t len, const uint8_t *key, size_t keylen,
                         size_t outlen)
{
	uint8_t want[64], *out;
	int ok;

	portable();
	ok = hbox_blake2b(want, outlen, key, keylen, in, len) == 0;
	fast();
	out = guarded_out();
	ok &= hbox_blake2b(out, outlen, key, keylen, in, len) == 0;
	return ok && memcmp(out, want, outlen) == 0 && guards_ok(out, outlen);
}

static void test_lengths(void)
{
	unsigned long bad = 0;
	size_t len;

	for (len = 0; len <= MAXLEN; len++) {
		size_t keylen = (len * 7) % 65, outlen = 1 + (len * 13) % 64;
		const uint8_t *in = fresh(in_base, len), *key = fresh(key_base, keylen);
		bad += !one_shot_same(in, len, key, keylen, outlen);
		bad += !one_shot_same(in, len, NULL, 0, 64);
	}
	if (bad != 0)
		printf("one-shot: %lu mismatches\n", bad);
	CHECK(bad == 0);
}

static void test_key_and_out_lengths(void)
{
	static const size_t lens[] = {0, 1, 64, 127, 128, 129, 256, 300};
	unsigned long bad = 0;
	size_t i, keylen, outlen;

	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		const uint8_t *in = fresh(in_base, lens[i]), *key = fresh(key_base, 64);
		for (keylen = 0; keylen <= 64; keylen++)
			for (outlen = 1; outlen <= 64; outlen++)
				bad += !one_shot_same(in, lens[i], key, keylen, outlen);
	}
	if (bad != 0)
		printf("key/out lengths: %lu mismatches\n", bad);
	CHECK(bad == 0);
}

/* Random pieces, each update (and the final) on a random path. */
static void test_pieces(void)
{
	unsigned long bad = 0;
	int trial;

	for (trial = 0; trial < 3000; trial++) {
		size_t len = tu_rand_below(MAXLEN + 1), keylen = tu_rand_below(65);
		size_t outlen = 1 + tu_rand_below(64), at = 0;
		const uint8_t *in = fresh(in_base, len), *key = fresh(key_base, keylen);
		hbox_blake2b_ctx c;
		uint8_t want[64], *out;

		portable();
		CHECK(hbox_blake2b(want, outlen, key, keylen, in, len) == 0);
		hbox_cpu_override(tu_rand_below(2) ? HBOX_CPU_ALL : 0u);
		CHECK(hbox_blake2b_init(&c, outlen, key, keylen) == 0);
		while (at < len) {
			/* mostly short pieces, sometimes several blocks, sometimes empty */
			size_t n = tu_rand_below(4) == 0 ? tu_rand_below(600) : tu_rand_below(140);
			if (n > len - at)
				n = len - at;
			hbox_cpu_override(tu_rand_below(2) ? HBOX_CPU_ALL : 0u);
			hbox_blake2b_update(&c, in + at, n);
			at += n;
		}
		hbox_cpu_override(tu_rand_below(2) ? HBOX_CPU_ALL : 0u);
		out = guarded_out();
		hbox_blake2b_final(&c, out);
		bad += memcmp(out, want, outlen) != 0 || !guards_ok(out, outlen);
	}
	fast();
	if (bad != 0)
		printf("pieces: %lu mismatches\n", bad);
	CHECK(bad == 0);
}

/* The counter's low word wraps k blocks into a run of blocks. */
static void test_counter_carry(void)
{
	unsigned long bad = 0;
	uint64_t k;

	for (k = 0; k <= 12; k++) {
		size_t len = 1 + tu_rand_below(MAXLEN);
		const uint8_t *in = fresh(in_base, len);
		/* the low word wraps at the k-th block (or half a block later) */
		uint64_t t0 = ~(uint64_t)0 - 128 * k + 1 - tu_rand_below(2) * 64;
		hbox_blake2b_ctx c[2];
		uint8_t out[2][64];
		int path;

		for (path = 0; path < 2; path++) {
			hbox_cpu_override(path ? HBOX_CPU_ALL : 0u);
			CHECK(hbox_blake2b_init(&c[path], 64, NULL, 0) == 0);
			c[path].t[0] = t0;
			c[path].t[1] = 0x0123456789abcdefull;
			hbox_blake2b_update(&c[path], in, len);
			hbox_blake2b_final(&c[path], out[path]);
		}
		bad += memcmp(out[0], out[1], 64) != 0;
	}
	fast();
	CHECK(bad == 0);
}

int main(void)
{
	unsigned features = hbox_cpu_features();

	if (!(features & HBOX_CPU_AVX2))
		printf("AVX2 not available (CPU or build): both sides are portable, "
		       "differential half skipped\n");
	test_lengths();
	test_key_and_out_lengths();
	test_pieces();
	test_counter_carry();
	hbox_cpu_override(HBOX_CPU_ALL);
	return tu_report("test_blake2b_simd");
}

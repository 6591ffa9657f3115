/*
 * Differential test of the stream-cipher kernels: the portable path (forced
 * with hbox_cpu_override(0)) against the default dispatch (the AVX2 kernels
 * on a CPU that has AVX2), byte for byte, for ChaCha20 (IETF and original
 * layout), XChaCha20, Salsa20 and XSalsa20:
 *   - random keys, nonces and messages of every length 0..2048;
 *   - out and in at independent offsets 0..31 from an aligned base;
 *   - in place, out of place, and in == NULL (keystream);
 *   - counters next to the IETF 32-bit wrap, the carry from word 12 into
 *     word 13 (Salsa20: word 8 into 9) at every lane position of an
 *     eight-block batch, the 64-bit wrap, and random ones;
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

/* Every lane position of the word-12 carry in an eight-block batch, long
 * enough for several batches and a tail. */
static void check_carry_lanes(unsigned features)
{
	static uint8_t a[3000], b[3000];
	uint8_t key[32], nonce[24];
	uint64_t k;
	int v;

	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(nonce, sizeof nonce);
	for (v = IETF; v <= SALSA; v++) {
		for (k = 1; k <= 20; k++) {
			uint64_t counter = 0xffffffffull - k + 1;
			hbox_cpu_override(0);
			run((enum variant)v, a, NULL, sizeof a, key, nonce, counter);
			hbox_cpu_override(features);
			run((enum variant)v, b, NULL, sizeof b, key, nonce, counter);
			if (memcmp(a, b, sizeof a) != 0) {
				printf("%s: carry %llu blocks in differs\n", names[v],
				       (unsigned long long)k);
				CHECK(0);
				return;
			}
		}
	}
	CHECK(1);
}

int main(void)
{
	unsigned features = hbox_cpu_features();
	size_t len;
	int v;

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

	for (v = 0; v < NVARIANTS; v++) {
		unsigned long bad = 0;
		for (len = 0; len <= MAXLEN; len++)
			bad += !check_one((enum variant)v, len, features);
		if (bad != 0)
			printf("%s: %lu lengths differ\n", names[v], bad);
		CHECK(bad == 0);
	}
	check_carry_lanes(features);
	hbox_cpu_override(HBOX_CPU_ALL);
	return tu_report("test_simd_stream");
}

/*
 * Unit tests for the Keccak permutation, SHA3-256 and SHAKE-128/256.
 *
 * - hb_keccak_f1600 against a slow, literal reading of FIPS 202 section 3
 *   (rho offsets and iota constants computed here, not copied);
 * - incremental == one-shot at every split point of every message up to
 *   three blocks, for each rate;
 * - squeezing in every chunk size 1..200 == one long squeeze;
 * - hb_shake128_squeezeblocks (NewHope's entry) == the same stream;
 * - in-place use, context copies, wiping, absorb-after-squeeze ignored.
 */
#include <string.h>

#include "hb_keccak.h"
#include "hopebox.h"
#include "testutil.h"

/* ---- reference permutation: FIPS 202 algorithms 1-7, lane A[x][y] = s[x + 5y] ---- */

static uint64_t ref_rotl(uint64_t v, unsigned n)
{
	n %= 64;
	return n == 0 ? v : (v << n) | (v >> (64 - n));
}

/* rc(t) of FIPS 202 algorithm 5: an LFSR over 8 bits, R[k] held in bit k. */
static unsigned ref_rc_bit(unsigned t)
{
	unsigned r = 1, i;
	for (i = 0; i < t % 255; i++) {
		r <<= 1;
		if (r & 0x100)
			r ^= 0x100 | 0x71; /* R[0], R[4], R[5], R[6] ^= R[8]; truncate */
	}
	return r & 1;
}

static void ref_keccak_f1600(uint64_t s[25])
{
	unsigned rho[25] = {0};
	uint64_t c[5], t[25];
	unsigned x, y, i, ir, j;

	/* rho offsets: walk (x, y) from (1, 0), offset (t + 1)(t + 2) / 2. */
	x = 1;
	y = 0;
	for (i = 0; i < 24; i++) {
		unsigned nx = y, ny = (2 * x + 3 * y) % 5;
		rho[x + 5 * y] = ((i + 1) * (i + 2) / 2) % 64;
		x = nx;
		y = ny;
	}
	for (ir = 0; ir < 24; ir++) {
		uint64_t rc = 0;
		for (x = 0; x < 5; x++)
			c[x] = s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20];
		for (x = 0; x < 5; x++)
			for (y = 0; y < 5; y++)
				s[x + 5 * y] ^= c[(x + 4) % 5] ^ ref_rotl(c[(x + 1) % 5], 1);
		for (i = 0; i < 25; i++)
			s[i] = ref_rotl(s[i], rho[i]);
		for (x = 0; x < 5; x++)
			for (y = 0; y < 5; y++)
				t[x + 5 * y] = s[(x + 3 * y) % 5 + 5 * x];
		for (x = 0; x < 5; x++)
			for (y = 0; y < 5; y++)
				s[x + 5 * y] = t[x + 5 * y] ^
				               (~t[(x + 1) % 5 + 5 * y] & t[(x + 2) % 5 + 5 * y]);
		for (j = 0; j < 7; j++)
			rc |= (uint64_t)ref_rc_bit(j + 7 * ir) << ((1u << j) - 1);
		s[0] ^= rc;
	}
}

/* Both paths of hb_keccak_f1600 (keccak_avx2.c on a CPU with AVX2, then
 * keccak.c forced with hbox_cpu_override(0)) against the reference, on
 * zero, all-ones and random states, and chained 100 times. */
static void test_permutation(void)
{
	uint64_t a[25], b[25];
	unsigned pass;
	int n, i;
	for (pass = 0; pass < 2; pass++) {
		hbox_cpu_override(pass == 0 ? HBOX_CPU_ALL : 0u);
		for (n = 0; n < 20; n++) {
			for (i = 0; i < 25; i++)
				a[i] = n == 0 ? 0 : n == 1 ? ~(uint64_t)0 : tu_rand64();
			memcpy(b, a, sizeof a);
			hb_keccak_f1600(a);
			ref_keccak_f1600(b);
			CHECK(memcmp(a, b, sizeof a) == 0);
		}
		for (n = 0; n < 100; n++) {
			hb_keccak_f1600(a);
			ref_keccak_f1600(b);
		}
		CHECK(memcmp(a, b, sizeof a) == 0);
	}
	hbox_cpu_override(HBOX_CPU_ALL);
}

/* ---- the three sponge functions behind one interface ---- */

enum alg { SHA3_256, SHAKE128, SHAKE256 };
static const size_t rates[] = {136, 168, 136};
#define OUTLEN 64 /* SHAKE output length used by the split tests */

/* Both write OUTLEN bytes: the SHA3-256 digest is zero-padded. */
static void oneshot(enum alg a, uint8_t *out, const uint8_t *in, size_t len)
{
	memset(out, 0, OUTLEN);
	if (a == SHA3_256)
		hbox_sha3_256(out, in, len);
	else if (a == SHAKE128)
		hbox_shake128(out, OUTLEN, in, len);
	else
		hbox_shake256(out, OUTLEN, in, len);
}

/* Incremental hash of in[0..len), fed as pieces ending at the given cut points. */
static void pieces(enum alg a, uint8_t *out, const uint8_t *in, size_t len, const size_t *cuts,
                   int ncuts)
{
	size_t at = 0;
	int i;
	memset(out, 0, OUTLEN);
	if (a == SHA3_256) {
		hbox_sha3_256_ctx c;
		hbox_sha3_256_init(&c);
		for (i = 0; i < ncuts; i++) {
			hbox_sha3_256_update(&c, in + at, cuts[i] - at);
			at = cuts[i];
		}
		hbox_sha3_256_update(&c, in + at, len - at);
		hbox_sha3_256_final(&c, out);
	} else {
		hbox_shake_ctx c;
		if (a == SHAKE128)
			hbox_shake128_init(&c);
		else
			hbox_shake256_init(&c);
		for (i = 0; i < ncuts; i++) {
			hbox_shake_absorb(&c, in + at, cuts[i] - at);
			at = cuts[i];
		}
		hbox_shake_absorb(&c, in + at, len - at);
		hbox_shake_squeeze(&c, out, OUTLEN);
		hbox_shake_wipe(&c);
	}
}

static void test_splits(void)
{
	static uint8_t msg[3 * 168 + 2];
	uint8_t want[OUTLEN], got[OUTLEN];
	enum alg a;
	size_t len, cut[2];

	tu_rand_bytes(msg, sizeof msg);
	for (a = SHA3_256; a <= SHAKE256; a++) {
		size_t rate = rates[a];
		unsigned long bad = 0;
		for (len = 0; len <= 3 * rate + 1; len++) {
			oneshot(a, want, msg, len);
			/* Every single split point. */
			for (cut[0] = 0; cut[0] <= len; cut[0]++) {
				pieces(a, got, msg, len, cut, 1);
				bad += memcmp(got, want, OUTLEN) != 0;
			}
			/* Three pieces: cuts at a few offsets around the block edges. */
			for (cut[0] = 0; cut[0] <= len; cut[0] += rate / 2 + 1) {
				cut[1] = cut[0] + (len - cut[0]) / 3;
				pieces(a, got, msg, len, cut, 2);
				bad += memcmp(got, want, OUTLEN) != 0;
			}
		}
		CHECK(bad == 0);
	}
}

/* 0, 1, rate - 1, rate, rate + 1 (and two blocks): one-shot == byte by byte. */
static void test_edge_lengths(void)
{
	static uint8_t msg[2 * 168 + 1];
	uint8_t want[OUTLEN], got[OUTLEN];
	enum alg a;
	size_t k, i;

	tu_rand_bytes(msg, sizeof msg);
	for (a = SHA3_256; a <= SHAKE256; a++) {
		size_t rate = rates[a];
		const size_t lens[] = {0, 1, rate - 1, rate, rate + 1, 2 * rate, 2 * rate + 1};
		for (k = 0; k < sizeof lens / sizeof lens[0]; k++) {
			size_t cuts[2 * 168 + 1];
			for (i = 0; i < lens[k]; i++)
				cuts[i] = i;
			oneshot(a, want, msg, lens[k]);
			pieces(a, got, msg, lens[k], cuts, (int)lens[k]);
			CHECK_EQ_BYTES(got, want, OUTLEN);
		}
	}
}

/* Squeezing in chunks of every size 1..200 gives the one-shot stream. */
static void test_squeeze_chunks(void)
{
	enum { TOTAL = 3 * 168 + 57 };
	static uint8_t want[TOTAL], got[TOTAL];
	uint8_t seed[33];
	enum alg a;
	size_t chunk, off, n;

	tu_rand_bytes(seed, sizeof seed);
	for (a = SHAKE128; a <= SHAKE256; a++) {
		unsigned long bad = 0;
		if (a == SHAKE128)
			hbox_shake128(want, TOTAL, seed, sizeof seed);
		else
			hbox_shake256(want, TOTAL, seed, sizeof seed);
		for (chunk = 1; chunk <= 200; chunk++) {
			hbox_shake_ctx c;
			if (a == SHAKE128)
				hbox_shake128_init(&c);
			else
				hbox_shake256_init(&c);
			hbox_shake_absorb(&c, seed, sizeof seed);
			memset(got, 0, TOTAL);
			for (off = 0; off < TOTAL; off += n) {
				n = TOTAL - off < chunk ? TOTAL - off : chunk;
				hbox_shake_squeeze(&c, got + off, n);
			}
			bad += memcmp(got, want, TOTAL) != 0;
		}
		CHECK(bad == 0);
		/* Random chunk sizes, including zero-length squeezes. */
		{
			hbox_shake_ctx c;
			if (a == SHAKE128)
				hbox_shake128_init(&c);
			else
				hbox_shake256_init(&c);
			hbox_shake_absorb(&c, seed, sizeof seed);
			memset(got, 0, TOTAL);
			hbox_shake_squeeze(&c, NULL, 0);
			for (off = 0; off < TOTAL; off += n) {
				n = tu_rand_below(300);
				if (n > TOTAL - off)
					n = TOTAL - off;
				hbox_shake_squeeze(&c, got + off, n);
			}
			CHECK_EQ_BYTES(got, want, TOTAL);
		}
	}
}

/* NewHope's block squeeze: same bytes as the byte-oriented stream. */
static void test_squeezeblocks(void)
{
	enum { BLOCK = HBOX_SHAKE128_BLOCKBYTES };
	static uint8_t want[18 * BLOCK], got[18 * BLOCK];
	uint8_t seed[32];
	hbox_shake_ctx c;

	tu_rand_bytes(seed, sizeof seed);
	hbox_shake128(want, sizeof want, seed, sizeof seed);

	/* gen_a's pattern: 16 blocks, then one at a time. */
	hbox_shake128_init(&c);
	hbox_shake_absorb(&c, seed, sizeof seed);
	hb_shake128_squeezeblocks(&c, got, 16);
	hb_shake128_squeezeblocks(&c, got + 16 * BLOCK, 1);
	hb_shake128_squeezeblocks(&c, got + 17 * BLOCK, 1);
	CHECK_EQ_BYTES(got, want, sizeof want);

	/* Mixed with byte squeezes, and zero blocks. */
	memset(got, 0, sizeof got);
	hbox_shake128_init(&c);
	hbox_shake_absorb(&c, seed, 5);
	hbox_shake_absorb(&c, seed + 5, sizeof seed - 5);
	hbox_shake_squeeze(&c, got, 7);
	hb_shake128_squeezeblocks(&c, got + 7, 0);
	hb_shake128_squeezeblocks(&c, got + 7, 2);
	hbox_shake_squeeze(&c, got + 7 + 2 * BLOCK, sizeof got - 7 - 2 * BLOCK);
	CHECK_EQ_BYTES(got, want, sizeof want);
	hbox_shake_wipe(&c);
}

static void test_misc(void)
{
	uint8_t msg[300], buf[300], want[300], got[300];
	hbox_shake_ctx c, fork;
	hbox_sha3_256_ctx h, hfork;
	size_t len;

	tu_rand_bytes(msg, sizeof msg);

	/* In place: out == in, for one-shot SHA3-256 and SHAKE. */
	for (len = 0; len <= 200; len += 7) {
		hbox_sha3_256(want, msg, len);
		memcpy(buf, msg, len);
		hbox_sha3_256(buf, buf, len);
		CHECK_EQ_BYTES(buf, want, 32);
		hbox_shake128(want, 250, msg, len);
		memcpy(buf, msg, len);
		hbox_shake128(buf, 250, buf, len);
		CHECK_EQ_BYTES(buf, want, 250);
		hbox_shake256(want, 250, msg, len);
		memcpy(buf + 1, msg, len); /* overlapping, shifted by one */
		hbox_shake256(buf, 250, buf + 1, len);
		CHECK_EQ_BYTES(buf, want, 250);
	}

	/* Empty input through NULL pointers. */
	hbox_sha3_256(want, msg, 0);
	hbox_sha3_256(got, NULL, 0);
	CHECK_EQ_BYTES(got, want, 32);
	hbox_shake128(NULL, 0, NULL, 0);

	/* A copied context continues independently (fork after a common prefix). */
	hbox_shake256_init(&c);
	hbox_shake_absorb(&c, msg, 100);
	fork = c;
	hbox_shake_absorb(&c, msg + 100, 50);
	hbox_shake_squeeze(&c, got, 64);
	hbox_shake256(want, 64, msg, 150);
	CHECK_EQ_BYTES(got, want, 64);
	hbox_shake_squeeze(&fork, got, 64);
	hbox_shake256(want, 64, msg, 100);
	CHECK_EQ_BYTES(got, want, 64);
	hbox_sha3_256_init(&h);
	hbox_sha3_256_update(&h, msg, 137);
	hfork = h;
	hbox_sha3_256_update(&h, NULL, 0);
	hbox_sha3_256_final(&h, got);
	hbox_sha3_256(want, msg, 137);
	CHECK_EQ_BYTES(got, want, 32);
	hbox_sha3_256_update(&hfork, msg + 137, 1);
	hbox_sha3_256_final(&hfork, got);
	hbox_sha3_256(want, msg, 138);
	CHECK_EQ_BYTES(got, want, 32);

	/* _final and _wipe leave no state behind. */
	CHECK(tu_is_zero(&h, sizeof h));
	hbox_shake_wipe(&c);
	CHECK(tu_is_zero(&c, sizeof c));

	/* Absorbing after squeezing is ignored: the stream does not change. */
	hbox_shake128(want, 200, msg, 40);
	hbox_shake128_init(&c);
	hbox_shake_absorb(&c, msg, 40);
	hbox_shake_squeeze(&c, got, 10);
	hbox_shake_absorb(&c, msg, 40);
	hbox_shake_squeeze(&c, got + 10, 190);
	CHECK_EQ_BYTES(got, want, 200);
	hbox_shake_wipe(&c);

	/* SHAKE-128 and SHAKE-256 differ; SHAKE output is a prefix-stable stream. */
	hbox_shake128(want, 100, msg, 10);
	hbox_shake256(got, 100, msg, 10);
	CHECK(memcmp(got, want, 100) != 0);
	hbox_shake128(got, 33, msg, 10);
	CHECK_EQ_BYTES(got, want, 33);
}

int main(void)
{
	test_permutation();
	test_splits();
	test_edge_lengths();
	test_squeeze_chunks();
	test_squeezeblocks();
	test_misc();
	return tu_report("test_sha3");
}

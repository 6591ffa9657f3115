/*
 * Differential test of the SHA-NI paths (primitives/sha256_shani.c): the
 * portable code (forced with hbox_cpu_override(0)) against the default
 * dispatch, byte for byte:
 *   - SHA-256 of random messages of every length 0..2048, input and output
 *     at offsets 0..31 from an aligned base, nothing written around out;
 *   - the same messages through the incremental API in random pieces, with
 *     the path switched at random between calls (both paths keep the
 *     context's state in the same order, so a context may cross over);
 *   - final with junk in the context buffer past the buffered bytes (the
 *     SHA-NI final builds the padding in registers and must mask it);
 *   - HMAC with keys of 0..200 bytes and messages of every length
 *     0..2048, one-shot and incremental (path switches again);
 *   - HKDF (extract and expand) to every length 0..600 and to 8160;
 *   - PBKDF2 to every length 1..200 (one and two SHA-NI chains side by
 *     side, partial last blocks), 1..40 iterations, and a few runs of
 *     1,000 iterations and more.
 * On a CPU without SHA-NI, or in a HOPEBOX_PORTABLE build, both sides are
 * the portable code: the test still runs and says that the differential
 * half was skipped.
 */
#include <stdio.h>
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

#define MAXLEN 2048
#define SLACK 64 /* offsets 0..31 and guard bytes */
#define GUARD 0x5a

static unsigned features; /* the default dispatch */

static void portable(void)
{
	hbox_cpu_override(0);
}

static void fast(void)
{
	hbox_cpu_override(HBOX_CPU_ALL);
}

/* Either path, at random (for the crossing-over tests). */
static void either(void)
{
	hbox_cpu_override(tu_rand_below(2) ? HBOX_CPU_ALL : 0u);
}

static uint8_t in_base[MAXLEN + SLACK], out_base[8192 + SLACK];

/* A random input of len bytes at a random offset from in_base. */
static uint8_t *fresh_input(size_t len)
{
	uint8_t *p = in_base + tu_rand_below(32);
	tu_rand_bytes(p, len);
	return p;
}

/* out_base filled with GUARD; returns a random offset into it. */
static uint8_t *guarded_out(void)
{
	memset(out_base, GUARD, sizeof out_base);
	return out_base + 1 + tu_rand_below(31);
}

/* want == out[0..n) and every other byte of out_base still GUARD. */
static int same_guarded(const uint8_t *out, const uint8_t *want, size_t n)
{
	size_t i, off = (size_t)(out - out_base);
	if (n != 0 && memcmp(out, want, n) != 0)
		return 0;
	for (i = 0; i < sizeof out_base; i++)
		if ((i < off || i >= off + n) && out_base[i] != GUARD)
			return 0;
	return 1;
}

/* A random piece length for splitting len bytes: small ones are likely. */
static size_t piece(size_t left)
{
	size_t cap = tu_rand_below(3) == 0 ? left : (left < 70 ? left : 70);
	return tu_rand_below(cap + 1);
}

static void test_sha256(void)
{
	uint8_t want[32], got[32], *msg, *out;
	hbox_sha256_ctx c, snap;
	size_t len, off, n, snap_len;
	unsigned long bad1 = 0, bad2 = 0, bad3 = 0;

	for (len = 0; len <= MAXLEN; len++) {
		msg = fresh_input(len);
		portable();
		hbox_sha256(want, msg, len);

		fast();
		out = guarded_out();
		hbox_sha256(out, msg, len);
		bad1 += !same_guarded(out, want, 32);

		/* Incremental, path switched between calls; a snapshot taken
		 * midway is finished on the fast path. */
		either();
		hbox_sha256_init(&c);
		snap = c;
		snap_len = 0;
		for (off = 0; off < len; off += n) {
			n = piece(len - off);
			either();
			hbox_sha256_update(&c, msg + off, n);
			if (off + n <= len / 2) {
				snap = c;
				snap_len = off + n;
			}
		}
		either();
		hbox_sha256_final(&c, got);
		bad2 += memcmp(got, want, 32) != 0;
		fast();
		hbox_sha256_final(&snap, got);
		portable();
		hbox_sha256(want, msg, snap_len);
		bad2 += memcmp(got, want, 32) != 0;
	}
	CHECK(bad1 == 0);
	CHECK(bad2 == 0);

	/* Snapshots: finish the same context on both paths. */
	for (len = 0; len <= 300; len++) {
		msg = fresh_input(len);
		hbox_sha256_init(&c);
		hbox_sha256_update(&c, msg, len);
		snap = c;
		portable();
		hbox_sha256_final(&c, want);
		fast();
		hbox_sha256_final(&snap, got);
		bad3 += memcmp(got, want, 32) != 0;
	}
	CHECK(bad3 == 0);
}

/* Junk after the buffered bytes: both finals must ignore it. */
static void test_final_junk(void)
{
	uint8_t want[32], got[32], *msg;
	hbox_sha256_ctx c, d;
	size_t len, used;
	unsigned long bad = 0;

	for (len = 0; len < 400; len++) {
		msg = fresh_input(len);
		portable();
		hbox_sha256(want, msg, len);
		either();
		hbox_sha256_init(&c);
		hbox_sha256_update(&c, msg, len);
		used = len % 64;
		tu_rand_bytes(c.buf + used, sizeof c.buf - used);
		d = c;
		portable();
		hbox_sha256_final(&c, got);
		bad += memcmp(got, want, 32) != 0;
		fast();
		hbox_sha256_final(&d, got);
		bad += memcmp(got, want, 32) != 0;
	}
	CHECK(bad == 0);
}

static void test_hmac(void)
{
	static uint8_t key[200];
	uint8_t want[32], got[32], *msg, *out;
	hbox_hmac_sha256_ctx c;
	size_t len, keylen, off, n;
	unsigned long bad1 = 0, bad2 = 0;

	for (len = 0; len <= MAXLEN; len++) {
		/* Every key length 0..200 comes up, 64 and 65 often. */
		keylen = len % 4 == 0 ? 64 + tu_rand_below(2) : len % 201;
		tu_rand_bytes(key, keylen);
		msg = fresh_input(len);
		portable();
		hbox_hmac_sha256(want, key, keylen, msg, len);

		fast();
		out = guarded_out();
		hbox_hmac_sha256(out, key, keylen, msg, len);
		bad1 += !same_guarded(out, want, 32);

		either();
		hbox_hmac_sha256_init(&c, key, keylen);
		for (off = 0; off < len; off += n) {
			n = piece(len - off);
			either();
			hbox_hmac_sha256_update(&c, msg + off, n);
		}
		either();
		hbox_hmac_sha256_final(&c, got);
		bad2 += memcmp(got, want, 32) != 0;
	}
	CHECK(bad1 == 0);
	CHECK(bad2 == 0);
}

static void test_hkdf(void)
{
	static uint8_t want[8160];
	uint8_t salt[100], ikm[100], info[100], prk1[32], prk2[32], *out;
	size_t outlen, saltlen, ikmlen, infolen;
	unsigned long bad = 0;
	int r1, r2, i;

	for (outlen = 0; outlen <= 600; outlen++) {
		saltlen = tu_rand_below(sizeof salt + 1);
		ikmlen = tu_rand_below(sizeof ikm + 1);
		infolen = tu_rand_below(sizeof info + 1);
		tu_rand_bytes(salt, saltlen);
		tu_rand_bytes(ikm, ikmlen);
		tu_rand_bytes(info, infolen);
		portable();
		r1 = hbox_hkdf_sha256(want, outlen, salt, saltlen, ikm, ikmlen, info, infolen);
		hbox_hkdf_sha256_extract(prk1, salt, saltlen, ikm, ikmlen);
		fast();
		out = guarded_out();
		r2 = hbox_hkdf_sha256(out, outlen, salt, saltlen, ikm, ikmlen, info, infolen);
		bad += r1 != 0 || r2 != 0 || !same_guarded(out, want, outlen);
		hbox_hkdf_sha256_extract(prk2, salt, saltlen, ikm, ikmlen);
		bad += memcmp(prk1, prk2, 32) != 0;
	}
	/* The longest output, over every block counter. */
	for (i = 0; i < 3; i++) {
		infolen = (size_t)i * 40;
		tu_rand_bytes(prk1, sizeof prk1);
		tu_rand_bytes(info, infolen);
		portable();
		r1 = hbox_hkdf_sha256_expand(want, sizeof want, prk1, info, infolen);
		fast();
		out = guarded_out();
		r2 = hbox_hkdf_sha256_expand(out, sizeof want, prk1, info, infolen);
		bad += r1 != 0 || r2 != 0 || !same_guarded(out, want, sizeof want);
	}
	CHECK(bad == 0);
}

static void pbkdf2_case(size_t outlen, size_t pwlen, size_t saltlen, uint32_t iterations,
                        unsigned long *bad)
{
	static uint8_t want[200];
	uint8_t pw[100], salt[80], *out;
	int r1, r2;

	tu_rand_bytes(pw, pwlen);
	tu_rand_bytes(salt, saltlen);
	portable();
	r1 = hbox_pbkdf2_sha256(want, outlen, pw, pwlen, salt, saltlen, iterations);
	fast();
	out = guarded_out();
	r2 = hbox_pbkdf2_sha256(out, outlen, pw, pwlen, salt, saltlen, iterations);
	*bad += r1 != 0 || r2 != 0 || !same_guarded(out, want, outlen);
}

static void test_pbkdf2(void)
{
	static const size_t big_out[] = {32, 33, 64, 65, 96, 128};
	unsigned long bad = 0;
	size_t outlen, i;

	for (outlen = 1; outlen <= 200; outlen++)
		pbkdf2_case(outlen, tu_rand_below(101), tu_rand_below(81),
		            1 + (uint32_t)tu_rand_below(40), &bad);
	for (i = 0; i < sizeof big_out / sizeof big_out[0]; i++)
		pbkdf2_case(big_out[i], 16, 16, 1000 + (uint32_t)tu_rand_below(600), &bad);
	CHECK(bad == 0);
}

int main(void)
{
	tu_seed(0x5a256);
	fast();
	features = hbox_cpu_features();
	portable();
	CHECK((hbox_cpu_features() & HBOX_CPU_SHA) == 0);
	fast();
	if (features & HBOX_CPU_SHA)
		printf("test_sha256_simd: SHA-NI against the portable code\n");
	else
		printf("test_sha256_simd: no SHA-NI on this CPU or in this build: both sides are "
		       "the portable code, differential half skipped\n");

	test_sha256();
	test_final_junk();
	test_hmac();
	test_hkdf();
	test_pbkdf2();

	fast();
	CHECK(hbox_cpu_features() == features);
	return tu_report("test_sha256_simd");
}

/*
 * Unit tests for HMAC-SHA256, HKDF-SHA256 and PBKDF2-HMAC-SHA256.
 *
 * Each is checked against a plain re-statement of its definition built
 * on hbox_sha256 / hbox_hmac_sha256 (RFC 2104, RFC 5869 section 2.3,
 * RFC 8018 section 5.2), over the key, length and iteration edge cases,
 * plus the failure rules: HKDF outlen 0 succeeds and writes nothing,
 * 8160 succeeds, 8161 fails with the output zeroed; PBKDF2 with 0
 * iterations or outlen 0 fails with the output zeroed.
 */
#include <stdlib.h>
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

/* ---- references */

static void ref_hmac(uint8_t out[32], const uint8_t *key, size_t keylen, const uint8_t *msg,
                     size_t msglen)
{
	uint8_t k0[64] = {0}, *buf = malloc(64 + msglen + 1), ih[32], ob[96];
	size_t i;
	if (buf == NULL)
		abort();
	if (keylen > 64)
		hbox_sha256(k0, key, keylen);
	else if (keylen > 0)
		memcpy(k0, key, keylen);
	for (i = 0; i < 64; i++)
		buf[i] = k0[i] ^ 0x36;
	if (msglen > 0)
		memcpy(buf + 64, msg, msglen);
	hbox_sha256(ih, buf, 64 + msglen);
	for (i = 0; i < 64; i++)
		ob[i] = k0[i] ^ 0x5c;
	memcpy(ob + 64, ih, 32);
	hbox_sha256(out, ob, sizeof ob);
	free(buf);
}

static void ref_hkdf_expand(uint8_t *out, size_t outlen, const uint8_t prk[32],
                            const uint8_t *info, size_t infolen)
{
	uint8_t *buf = malloc(32 + infolen + 1), t[32];
	size_t off = 0, tlen = 0;
	unsigned i = 1;
	if (buf == NULL)
		abort();
	while (off < outlen) {
		size_t n = outlen - off < 32 ? outlen - off : 32;
		memcpy(buf, t, tlen);
		if (infolen > 0)
			memcpy(buf + tlen, info, infolen);
		buf[tlen + infolen] = (uint8_t)i++;
		hbox_hmac_sha256(t, prk, 32, buf, tlen + infolen + 1);
		tlen = 32;
		memcpy(out + off, t, n);
		off += n;
	}
	free(buf);
}

static void ref_pbkdf2(uint8_t *out, size_t outlen, const uint8_t *pw, size_t pwlen,
                       const uint8_t *salt, size_t saltlen, uint32_t c)
{
	uint8_t *s1 = malloc(saltlen + 4), u[32], t[32];
	size_t off = 0;
	uint32_t i = 1, j;
	int b;
	if (s1 == NULL)
		abort();
	if (saltlen > 0)
		memcpy(s1, salt, saltlen);
	while (off < outlen) {
		size_t n = outlen - off < 32 ? outlen - off : 32;
		s1[saltlen] = (uint8_t)(i >> 24);
		s1[saltlen + 1] = (uint8_t)(i >> 16);
		s1[saltlen + 2] = (uint8_t)(i >> 8);
		s1[saltlen + 3] = (uint8_t)i;
		hbox_hmac_sha256(u, pw, pwlen, s1, saltlen + 4);
		memcpy(t, u, 32);
		for (j = 1; j < c; j++) {
			hbox_hmac_sha256(u, pw, pwlen, u, 32);
			for (b = 0; b < 32; b++)
				t[b] ^= u[b];
		}
		memcpy(out + off, t, n);
		off += n;
		i++;
	}
	free(s1);
}

/* ---- HMAC */

static const size_t keylens[] = {0, 1, 31, 32, 63, 64, 65, 128, 200};

static void test_hmac_keys(void)
{
	uint8_t key[200], msg[150], want[32], got[32], hk[32];
	size_t i, m;

	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(msg, sizeof msg);
	for (i = 0; i < sizeof keylens / sizeof keylens[0]; i++) {
		for (m = 0; m <= sizeof msg; m += 37) {
			ref_hmac(want, key, keylens[i], msg, m);
			hbox_hmac_sha256(got, key, keylens[i], msg, m);
			CHECK_EQ_BYTES(got, want, 32);
		}
		/* A key longer than a block acts as its hash (RFC 2104 section 2). */
		if (keylens[i] > 64) {
			hbox_sha256(hk, key, keylens[i]);
			hbox_hmac_sha256(want, hk, 32, msg, 20);
			hbox_hmac_sha256(got, key, keylens[i], msg, 20);
			CHECK_EQ_BYTES(got, want, 32);
		}
	}
	/* Trailing zero bytes in a key of at most 64 bytes do not matter. */
	memset(key, 0, 64);
	hbox_hmac_sha256(want, NULL, 0, msg, 10);
	hbox_hmac_sha256(got, key, 64, msg, 10);
	CHECK_EQ_BYTES(got, want, 32);
	hbox_hmac_sha256(got, NULL, 0, NULL, 0);
	ref_hmac(want, NULL, 0, NULL, 0);
	CHECK_EQ_BYTES(got, want, 32);
}

/* Every 2-way split up to three blocks, 3-way splits on a coarser grid. */
static void test_hmac_incremental(void)
{
	uint8_t key[65], msg[192], want[32], got[32];
	hbox_hmac_sha256_ctx c, snap;
	unsigned long bad = 0;
	size_t len, i, j;

	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(msg, sizeof msg);
	for (len = 0; len <= sizeof msg; len++) {
		hbox_hmac_sha256(want, key, 32, msg, len);
		for (i = 0; i <= len; i++) {
			hbox_hmac_sha256_init(&c, key, 32);
			hbox_hmac_sha256_update(&c, msg, i);
			hbox_hmac_sha256_update(&c, msg + i, len - i);
			hbox_hmac_sha256_final(&c, got);
			bad += memcmp(got, want, 32) != 0;
			for (j = i; j <= len; j += 7) {
				hbox_hmac_sha256_init(&c, key, 32);
				hbox_hmac_sha256_update(&c, msg, i);
				hbox_hmac_sha256_update(&c, msg + i, j - i);
				hbox_hmac_sha256_update(&c, msg + j, len - j);
				hbox_hmac_sha256_final(&c, got);
				bad += memcmp(got, want, 32) != 0;
			}
		}
	}
	CHECK(bad == 0);

	/* Context copies fork the computation; _final wipes. */
	hbox_hmac_sha256_init(&c, key, 65);
	hbox_hmac_sha256_update(&c, msg, 50);
	snap = c;
	hbox_hmac_sha256_final(&snap, got);
	CHECK(tu_is_zero(&snap, sizeof snap));
	hbox_hmac_sha256(want, key, 65, msg, 50);
	CHECK_EQ_BYTES(got, want, 32);
	hbox_hmac_sha256_update(&c, msg + 50, 100);
	hbox_hmac_sha256_final(&c, got);
	hbox_hmac_sha256(want, key, 65, msg, 150);
	CHECK_EQ_BYTES(got, want, 32);
}

/* out may overlap the key or the message. */
static void test_hmac_alias(void)
{
	uint8_t buf[100], copy[100], want[32];
	tu_rand_bytes(buf, sizeof buf);
	memcpy(copy, buf, sizeof buf);
	hbox_hmac_sha256(want, copy, 40, copy + 40, 60);
	hbox_hmac_sha256(buf, buf, 40, buf + 40, 60);
	CHECK_EQ_BYTES(buf, want, 32);
	memcpy(buf, copy, sizeof buf);
	hbox_hmac_sha256(buf + 40, buf, 40, buf + 40, 60);
	CHECK_EQ_BYTES(buf + 40, want, 32);
}

/* ---- HKDF */

static void test_hkdf(void)
{
	static uint8_t out[HBOX_HKDF_SHA256_MAXBYTES + 1], want[HBOX_HKDF_SHA256_MAXBYTES];
	static const size_t lens[] = {1, 31, 32, 33, 64, 100, 255, 8159, 8160};
	uint8_t ikm[80], salt[80], info[80], prk[32], prk2[32], zeros[32] = {0};
	size_t i;

	tu_rand_bytes(ikm, sizeof ikm);
	tu_rand_bytes(salt, sizeof salt);
	tu_rand_bytes(info, sizeof info);

	/* Extract is HMAC(salt, ikm); a missing salt is 32 zero bytes. */
	hbox_hkdf_sha256_extract(prk, salt, 13, ikm, 22);
	ref_hmac(prk2, salt, 13, ikm, 22);
	CHECK_EQ_BYTES(prk, prk2, 32);
	hbox_hkdf_sha256_extract(prk, NULL, 0, ikm, 22);
	hbox_hkdf_sha256_extract(prk2, zeros, 32, ikm, 22);
	CHECK_EQ_BYTES(prk, prk2, 32);
	hbox_hkdf_sha256_extract(prk, NULL, 0, NULL, 0);
	ref_hmac(prk2, NULL, 0, NULL, 0);
	CHECK_EQ_BYTES(prk, prk2, 32);

	hbox_hkdf_sha256_extract(prk, salt, 32, ikm, 32);
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		size_t infolen = (i * 17) % sizeof info;
		ref_hkdf_expand(want, lens[i], prk, info, infolen);
		memset(out, 0xa5, sizeof out);
		CHECK(hbox_hkdf_sha256_expand(out, lens[i], prk, info, infolen) == 0);
		CHECK_EQ_BYTES(out, want, lens[i]);
		CHECK(out[lens[i]] == 0xa5); /* nothing written past outlen */
		memset(out, 0xa5, sizeof out);
		CHECK(hbox_hkdf_sha256(out, lens[i], salt, 32, ikm, 32, info, infolen) == 0);
		CHECK_EQ_BYTES(out, want, lens[i]);
		CHECK(out[lens[i]] == 0xa5);
	}
	CHECK(hbox_hkdf_sha256_expand(out, 50, prk, NULL, 0) == 0);
	ref_hkdf_expand(want, 50, prk, NULL, 0);
	CHECK_EQ_BYTES(out, want, 50);

	/* outlen 0: success, nothing written, NULL allowed. */
	memset(out, 0xa5, sizeof out);
	CHECK(hbox_hkdf_sha256_expand(out, 0, prk, info, 5) == 0);
	CHECK(hbox_hkdf_sha256(out, 0, salt, 5, ikm, 5, info, 5) == 0);
	CHECK(out[0] == 0xa5);
	CHECK(hbox_hkdf_sha256_expand(NULL, 0, prk, NULL, 0) == 0);
	CHECK(hbox_hkdf_sha256(NULL, 0, NULL, 0, NULL, 0, NULL, 0) == 0);

	/* 8161 = 255 * 32 + 1: rejected, output zeroed. */
	memset(out, 0xa5, sizeof out);
	CHECK(hbox_hkdf_sha256_expand(out, sizeof out, prk, info, 5) == -1);
	CHECK(tu_is_zero(out, sizeof out));
	memset(out, 0xa5, sizeof out);
	CHECK(hbox_hkdf_sha256(out, sizeof out, salt, 5, ikm, 5, info, 5) == -1);
	CHECK(tu_is_zero(out, sizeof out));

	/* out may overlap prk (expand) and salt / ikm (one-shot). */
	ref_hkdf_expand(want, 40, prk, info, 7);
	memcpy(out, prk, 32);
	CHECK(hbox_hkdf_sha256_expand(out, 40, out, info, 7) == 0);
	CHECK_EQ_BYTES(out, want, 40);
	CHECK(hbox_hkdf_sha256(want, 70, salt, 30, ikm, 30, info, 7) == 0);
	memcpy(out, salt, 30);
	memcpy(out + 30, ikm, 30);
	CHECK(hbox_hkdf_sha256(out, 70, out, 30, out + 30, 30, info, 7) == 0);
	CHECK_EQ_BYTES(out, want, 70);
}

/* ---- PBKDF2 */

static void test_pbkdf2(void)
{
	static const size_t pwlens[] = {0, 1, 32, 64, 65, 100};
	static const size_t outlens[] = {1, 31, 32, 33, 64, 100};
	static const uint32_t iters[] = {1, 2, 3, 17};
	uint8_t pw[100], salt[100], out[101], want[100], buf[200];
	size_t a, b, c;

	tu_rand_bytes(pw, sizeof pw);
	tu_rand_bytes(salt, sizeof salt);
	for (a = 0; a < sizeof pwlens / sizeof pwlens[0]; a++)
		for (b = 0; b < sizeof outlens / sizeof outlens[0]; b++)
			for (c = 0; c < sizeof iters / sizeof iters[0]; c++) {
				size_t saltlen = (a * 29 + b * 7 + c) % 70;
				ref_pbkdf2(want, outlens[b], pw, pwlens[a], salt, saltlen, iters[c]);
				memset(out, 0xa5, sizeof out);
				CHECK(hbox_pbkdf2_sha256(out, outlens[b], pw, pwlens[a], salt, saltlen,
				                         iters[c]) == 0);
				CHECK_EQ_BYTES(out, want, outlens[b]);
				CHECK(out[outlens[b]] == 0xa5);
			}
	CHECK(hbox_pbkdf2_sha256(out, 40, NULL, 0, NULL, 0, 5) == 0);
	ref_pbkdf2(want, 40, NULL, 0, NULL, 0, 5);
	CHECK_EQ_BYTES(out, want, 40);

	/* Rejected: 0 iterations (output zeroed), outlen 0 (nothing to zero). */
	memset(out, 0xa5, sizeof out);
	CHECK(hbox_pbkdf2_sha256(out, 64, pw, 8, salt, 8, 0) == -1);
	CHECK(tu_is_zero(out, 64));
	CHECK(out[64] == 0xa5);
	memset(out, 0xa5, sizeof out);
	CHECK(hbox_pbkdf2_sha256(out, 0, pw, 8, salt, 8, 1000) == -1);
	CHECK(out[0] == 0xa5);
	CHECK(hbox_pbkdf2_sha256(NULL, 0, NULL, 0, NULL, 0, 1) == -1);

	/* out may overlap the password and the salt. */
	ref_pbkdf2(want, 100, pw, 50, salt, 50, 3);
	memcpy(buf, pw, 50);
	memcpy(buf + 50, salt, 50);
	CHECK(hbox_pbkdf2_sha256(buf, 100, buf, 50, buf + 50, 50, 3) == 0);
	CHECK_EQ_BYTES(buf, want, 100);
	memcpy(buf + 100, pw, 50);
	memcpy(buf + 150, salt, 50);
	CHECK(hbox_pbkdf2_sha256(buf + 60, 100, buf + 100, 50, buf + 150, 50, 3) == 0);
	CHECK_EQ_BYTES(buf + 60, want, 100);
}

int main(void)
{
	test_hmac_keys();
	test_hmac_incremental();
	test_hmac_alias();
	test_hkdf();
	test_pbkdf2();
	return tu_report("test_hmac_hkdf_pbkdf2");
}

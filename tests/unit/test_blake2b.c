/*
 * Unit tests for BLAKE2b.
 *
 * - a short reference (RFC 7693 section 3, whole message at once: the block
 *   count is computed up front, so the "last block" rule is applied in a
 *   different way than the library's buffering) at the edge lengths and
 *   every output/key length;
 * - incremental == one-shot at every split point up to three blocks,
 *   keyed and unkeyed;
 * - outlen 0 / 65 and keylen 65 rejected with zeroed output;
 * - in-place (out == in, out == key), context copies, wiping.
 */
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

/* ---- reference ---- */

static const uint64_t ref_iv[8] = {
	0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull,
	0xa54ff53a5f1d36f1ull, 0x510e527fade682d1ull, 0x9b05688c2b3e6c1full,
	0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};

static const unsigned char ref_sigma[10][16] = {
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
	{14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
	{11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
	{7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
	{9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
	{2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
	{12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
	{13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
	{6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
	{10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
};

static uint64_t ref_rotr(uint64_t x, unsigned n)
{
	return (x >> n) | (x << (64 - n));
}

static void ref_mix(uint64_t v[16], int a, int b, int c, int d, uint64_t x, uint64_t y)
{
	v[a] += v[b] + x;
	v[d] = ref_rotr(v[d] ^ v[a], 32);
	v[c] += v[d];
	v[b] = ref_rotr(v[b] ^ v[c], 24);
	v[a] += v[b] + y;
	v[d] = ref_rotr(v[d] ^ v[a], 16);
	v[c] += v[d];
	v[b] = ref_rotr(v[b] ^ v[c], 63);
}

static void ref_compress(uint64_t h[8], const uint8_t blk[128], uint64_t t, int last)
{
	uint64_t v[16], m[16];
	int i, j, r;
	for (i = 0; i < 16; i++) {
		m[i] = 0;
		for (j = 7; j >= 0; j--)
			m[i] = (m[i] << 8) | blk[8 * i + j];
	}
	for (i = 0; i < 8; i++) {
		v[i] = h[i];
		v[i + 8] = ref_iv[i];
	}
	v[12] ^= t; /* messages here are short: the high counter word stays 0 */
	if (last)
		v[14] = ~v[14];
	for (r = 0; r < 12; r++) {
		const unsigned char *s = ref_sigma[r % 10];
		ref_mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
		ref_mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
		ref_mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
		ref_mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
		ref_mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
		ref_mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
		ref_mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
		ref_mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
	}
	for (i = 0; i < 8; i++)
		h[i] ^= v[i] ^ v[i + 8];
}

/* BLAKE2b of key-block || msg, laid out in one zero-padded buffer. */
static void ref_blake2b(uint8_t *out, size_t outlen, const uint8_t *key, size_t keylen,
                        const uint8_t *msg, size_t len)
{
	static uint8_t data[128 + 1024];
	uint64_t h[8];
	size_t total = len, nblocks, b, i;

	memset(data, 0, sizeof data);
	if (keylen > 0) {
		memcpy(data, key, keylen);
		total += 128;
		memcpy(data + 128, msg, len);
	} else {
		memcpy(data, msg, len);
	}
	nblocks = total == 0 ? 1 : (total + 127) / 128;
	for (i = 0; i < 8; i++)
		h[i] = ref_iv[i];
	h[0] ^= 0x01010000u ^ (keylen << 8) ^ outlen;
	for (b = 0; b < nblocks; b++) {
		int last = b + 1 == nblocks;
		ref_compress(h, data + 128 * b, last ? total : 128 * (b + 1), last);
	}
	for (i = 0; i < outlen; i++)
		out[i] = (uint8_t)(h[i / 8] >> (8 * (i % 8)));
}

/* ---- tests ---- */

static void test_reference(void)
{
	static uint8_t msg[1024];
	uint8_t key[64], want[64], got[64];
	const size_t lens[] = {0, 1, 127, 128, 129, 255, 256, 257, 383, 384, 385, 1024};
	size_t k, outlen, keylen;

	tu_rand_bytes(msg, sizeof msg);
	tu_rand_bytes(key, sizeof key);
	for (k = 0; k < sizeof lens / sizeof lens[0]; k++) {
		for (keylen = 0; keylen <= 64; keylen += 32) {
			ref_blake2b(want, 64, key, keylen, msg, lens[k]);
			CHECK(hbox_blake2b(got, 64, key, keylen, msg, lens[k]) == 0);
			CHECK_EQ_BYTES(got, want, 64);
		}
	}
	/* Every output length and every key length (the parameter block). */
	for (outlen = 1; outlen <= 64; outlen++) {
		memset(got, 0xee, sizeof got);
		ref_blake2b(want, outlen, NULL, 0, msg, 100);
		CHECK(hbox_blake2b(got, outlen, NULL, 0, msg, 100) == 0);
		CHECK_EQ_BYTES(got, want, outlen);
		CHECK(outlen == 64 || got[outlen] == 0xee); /* nothing written past outlen */
	}
	for (keylen = 1; keylen <= 64; keylen++) {
		ref_blake2b(want, 32, key, keylen, msg, 128);
		CHECK(hbox_blake2b(got, 32, key, keylen, msg, 128) == 0);
		CHECK_EQ_BYTES(got, want, 32);
	}
	/* Sizes are parameters: BLAKE2b-24 is not a prefix of BLAKE2b-64. */
	CHECK(hbox_blake2b(want, 64, NULL, 0, msg, 10) == 0);
	CHECK(hbox_blake2b(got, 24, NULL, 0, msg, 10) == 0);
	CHECK(memcmp(got, want, 24) != 0);
}

static int chunked(uint8_t *out, size_t outlen, const uint8_t *key, size_t keylen,
                   const uint8_t *in, size_t len, const size_t *cuts, int ncuts)
{
	hbox_blake2b_ctx c;
	size_t at = 0;
	int i;
	if (hbox_blake2b_init(&c, outlen, key, keylen) != 0)
		return -1;
	for (i = 0; i < ncuts; i++) {
		hbox_blake2b_update(&c, in + at, cuts[i] - at);
		at = cuts[i];
	}
	hbox_blake2b_update(&c, in + at, len - at);
	hbox_blake2b_final(&c, out);
	return 0;
}

static void test_splits(void)
{
	static uint8_t msg[3 * 128 + 1];
	uint8_t key[64], want[64], got[64];
	size_t len, cut[2], keylen;

	tu_rand_bytes(msg, sizeof msg);
	tu_rand_bytes(key, sizeof key);
	for (keylen = 0; keylen <= 64; keylen += 64) {
		unsigned long bad = 0;
		for (len = 0; len <= sizeof msg; len++) {
			CHECK(hbox_blake2b(want, 64, key, keylen, msg, len) == 0);
			for (cut[0] = 0; cut[0] <= len; cut[0]++) {
				memset(got, 0, sizeof got);
				bad += chunked(got, 64, key, keylen, msg, len, cut, 1) != 0;
				bad += memcmp(got, want, 64) != 0;
			}
			for (cut[0] = 0; cut[0] <= len; cut[0] += 61) {
				cut[1] = cut[0] + (len - cut[0]) / 2;
				memset(got, 0, sizeof got);
				bad += chunked(got, 64, key, keylen, msg, len, cut, 2) != 0;
				bad += memcmp(got, want, 64) != 0;
			}
		}
		CHECK(bad == 0);
	}
	/* Byte by byte over block edges. */
	for (len = 126; len <= 258; len += 66) {
		size_t cuts[258], i;
		for (i = 0; i < len; i++)
			cuts[i] = i;
		CHECK(hbox_blake2b(want, 48, key, 16, msg, len) == 0);
		CHECK(chunked(got, 48, key, 16, msg, len, cuts, (int)len) == 0);
		CHECK_EQ_BYTES(got, want, 48);
	}
}

static void test_rejects(void)
{
	uint8_t key[65], out[65], msg[10] = {1, 2, 3};
	hbox_blake2b_ctx c;

	tu_rand_bytes(key, sizeof key);
	memset(out, 0xaa, sizeof out);
	CHECK(hbox_blake2b(out, 65, NULL, 0, msg, sizeof msg) == -1);
	CHECK(tu_is_zero(out, 65));
	memset(out, 0xaa, sizeof out);
	CHECK(hbox_blake2b(out, 32, key, 65, msg, sizeof msg) == -1);
	CHECK(tu_is_zero(out, 32) && out[32] == 0xaa);
	memset(out, 0xaa, sizeof out);
	CHECK(hbox_blake2b(out, 0, NULL, 0, msg, sizeof msg) == -1);
	CHECK(out[0] == 0xaa); /* nothing to zero, nothing written */
	CHECK(hbox_blake2b(NULL, 0, NULL, 0, NULL, 0) == -1);

	/* Failed init: ctx zeroed; update/final on it write nothing. */
	memset(&c, 0x55, sizeof c);
	CHECK(hbox_blake2b_init(&c, 65, NULL, 0) == -1);
	CHECK(tu_is_zero(&c, sizeof c));
	CHECK(hbox_blake2b_init(&c, 0, NULL, 0) == -1);
	CHECK(hbox_blake2b_init(&c, 64, key, 65) == -1);
	CHECK(tu_is_zero(&c, sizeof c));
	hbox_blake2b_update(&c, msg, sizeof msg);
	memset(out, 0xaa, sizeof out);
	hbox_blake2b_final(&c, out);
	CHECK(out[0] == 0xaa);

	/* The limits themselves are accepted. */
	CHECK(hbox_blake2b(out, HBOX_BLAKE2B_BYTES_MIN, key, HBOX_BLAKE2B_KEYBYTES_MAX, msg, 3) ==
	      0);
	CHECK(hbox_blake2b(out, HBOX_BLAKE2B_BYTES_MAX, NULL, 0, NULL, 0) == 0);
}

static void test_misc(void)
{
	uint8_t msg[300], buf[300], key[64], want[64], got[64];
	hbox_blake2b_ctx c, fork;

	tu_rand_bytes(msg, sizeof msg);
	tu_rand_bytes(key, sizeof key);

	/* out == in (short and multi-block input), out == key. */
	CHECK(hbox_blake2b(want, 64, key, 32, msg, 64) == 0);
	memcpy(buf, msg, 64);
	CHECK(hbox_blake2b(buf, 64, key, 32, buf, 64) == 0);
	CHECK_EQ_BYTES(buf, want, 64);
	CHECK(hbox_blake2b(want, 40, key, 32, msg, 300) == 0);
	memcpy(buf, msg, 300);
	CHECK(hbox_blake2b(buf, 40, key, 32, buf, 300) == 0);
	CHECK_EQ_BYTES(buf, want, 40);
	CHECK(hbox_blake2b(want, 64, key, 64, msg, 50) == 0);
	memcpy(buf, key, 64);
	CHECK(hbox_blake2b(buf, 64, buf, 64, msg, 50) == 0);
	CHECK_EQ_BYTES(buf, want, 64);

	/* A copied context continues independently; final wipes. */
	CHECK(hbox_blake2b_init(&c, 32, key, 20) == 0);
	hbox_blake2b_update(&c, msg, 128);
	fork = c;
	hbox_blake2b_update(&c, NULL, 0);
	hbox_blake2b_final(&c, got);
	CHECK(tu_is_zero(&c, sizeof c));
	CHECK(hbox_blake2b(want, 32, key, 20, msg, 128) == 0);
	CHECK_EQ_BYTES(got, want, 32);
	hbox_blake2b_update(&fork, msg + 128, 1);
	hbox_blake2b_final(&fork, got);
	CHECK(hbox_blake2b(want, 32, key, 20, msg, 129) == 0);
	CHECK_EQ_BYTES(got, want, 32);

	/* The sealed-box nonce shape: 24 bytes of BLAKE2b(epk || pk), unkeyed. */
	CHECK(hbox_blake2b_init(&c, 24, NULL, 0) == 0);
	hbox_blake2b_update(&c, msg, 32);
	hbox_blake2b_update(&c, msg + 32, 32);
	hbox_blake2b_final(&c, got);
	CHECK(hbox_blake2b(want, 24, NULL, 0, msg, 64) == 0);
	CHECK_EQ_BYTES(got, want, 24);
}

int main(void)
{
	test_reference();
	test_splits();
	test_rejects();
	test_misc();
	return tu_report("test_blake2b");
}

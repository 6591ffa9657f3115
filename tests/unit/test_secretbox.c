/*
 * Unit tests for secretbox: the box against an explicit construction from
 * XSalsa20 and Poly1305 at every length up to 3 blocks and beyond, every
 * aliasing the header allows (m == c, m == c + 16, other overlaps, for both
 * seal and open), forgeries (every bit of a box, wrong nonce or key) and
 * short boxes rejected, output zeroed on failure and untouched when
 * clen < 16.
 */
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

#define MAXLEN 1100

/* tag || ct with ks = XSalsa20 keystream: ct = m ^ ks[32..], tag = Poly1305(ks[0..32], ct). */
static void reference_box(uint8_t *c, const uint8_t *m, size_t mlen, const uint8_t nonce[24],
                          const uint8_t key[32])
{
	static uint8_t ks[MAXLEN + 32];
	size_t i;
	hbox_xsalsa20(ks, NULL, mlen + 32, key, nonce);
	for (i = 0; i < mlen; i++)
		c[16 + i] = (uint8_t)(m[i] ^ ks[32 + i]);
	hbox_poly1305(c, c + 16, mlen, ks);
}

static void test_construction(void)
{
	static uint8_t m[MAXLEN], c[MAXLEN + 16], ref[MAXLEN + 16], out[MAXLEN];
	uint8_t key[32], nonce[24];
	unsigned long bad = 0;
	size_t mlen;

	for (mlen = 0; mlen <= MAXLEN; mlen += (mlen < 200 ? 1 : 97)) {
		tu_rand_bytes(key, 32);
		tu_rand_bytes(nonce, 24);
		tu_rand_bytes(m, mlen);
		hbox_secretbox(c, m, mlen, nonce, key);
		reference_box(ref, m, mlen, nonce, key);
		bad += memcmp(c, ref, mlen + 16) != 0;
		memset(out, 0xa5, sizeof out);
		bad += hbox_secretbox_open(out, c, mlen + 16, nonce, key) != 0;
		bad += memcmp(out, m, mlen) != 0 || out[mlen] != 0xa5;
	}
	CHECK(bad == 0);
	/* Empty message: NULL m is fine; the box is the tag alone. */
	hbox_secretbox(c, NULL, 0, nonce, key);
	reference_box(ref, m, 0, nonce, key);
	CHECK_EQ_BYTES(c, ref, 16);
	CHECK(hbox_secretbox_open(NULL, c, 16, nonce, key) == 0);
}

/*
 * Seal and open with the plaintext at offset moff and the box at offset
 * coff inside one buffer, against an out-of-place reference.
 */
static int alias_ok(size_t mlen, size_t moff, size_t coff)
{
	static uint8_t buf[MAXLEN + 64], want[MAXLEN + 16], m[MAXLEN];
	uint8_t key[32], nonce[24];
	tu_rand_bytes(key, 32);
	tu_rand_bytes(nonce, 24);
	tu_rand_bytes(m, mlen);
	hbox_secretbox(want, m, mlen, nonce, key);

	memcpy(buf + moff, m, mlen);
	hbox_secretbox(buf + coff, buf + moff, mlen, nonce, key);
	if (memcmp(buf + coff, want, mlen + 16) != 0)
		return 0;
	/* open back to the plaintext offset (the reverse move) */
	if (hbox_secretbox_open(buf + moff, buf + coff, mlen + 16, nonce, key) != 0)
		return 0;
	return memcmp(buf + moff, m, mlen) == 0;
}

static void test_aliasing(void)
{
	static const size_t lens[] = {0, 1, 15, 16, 17, 31, 32, 33, 64, 100, 1000};
	unsigned long bad = 0;
	size_t i, d;

	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		/* m == c (libsodium in-place), m == c + 16 (ciphertext over the
		 * plaintext), and every other shift either way within 40 bytes. */
		for (d = 0; d <= 40; d++) {
			bad += !alias_ok(lens[i], d, 20);
			bad += !alias_ok(lens[i], 20, d);
		}
	}
	CHECK(bad == 0);
}

static void test_forgery(void)
{
	static uint8_t m[100], c[116], c_copy[116], out[120];
	uint8_t key[32], nonce[24];
	unsigned long bad = 0;
	size_t i, mlen = sizeof m, clen = sizeof c;

	tu_rand_bytes(key, 32);
	tu_rand_bytes(nonce, 24);
	tu_rand_bytes(m, mlen);
	hbox_secretbox(c, m, mlen, nonce, key);
	memcpy(c_copy, c, clen);

	for (i = 0; i < 8 * clen; i++) {
		c[i / 8] ^= (uint8_t)(1u << (i % 8));
		memset(out, 0xa5, sizeof out);
		bad += hbox_secretbox_open(out, c, clen, nonce, key) != -1;
		bad += !tu_is_zero(out, mlen) || out[mlen] != 0xa5;
		c[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
	for (i = 0; i < 192; i += 3) {
		nonce[i / 8] ^= (uint8_t)(1u << (i % 8));
		bad += hbox_secretbox_open(out, c, clen, nonce, key) != -1;
		bad += !tu_is_zero(out, mlen);
		nonce[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
	for (i = 0; i < 256; i += 5) {
		key[i / 8] ^= (uint8_t)(1u << (i % 8));
		bad += hbox_secretbox_open(out, c, clen, nonce, key) != -1;
		key[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
	/* Every truncation; below 16 bytes the output is not touched at all. */
	for (i = 0; i < clen; i++) {
		memset(out, 0xa5, sizeof out);
		bad += hbox_secretbox_open(out, c, i, nonce, key) != -1;
		if (i < 16)
			bad += out[0] != 0xa5;
		else
			bad += !tu_is_zero(out, i - 16) || out[i - 16] != 0xa5;
	}
	CHECK(bad == 0);
	CHECK_EQ_BYTES(c, c_copy, clen);
	CHECK(hbox_secretbox_open(out, c, clen, nonce, key) == 0);
	CHECK_EQ_BYTES(out, m, mlen);
	/* In place forgery: the box buffer is zeroed where the plaintext would go. */
	c[20] ^= 1;
	CHECK(hbox_secretbox_open(c, c, clen, nonce, key) == -1);
	CHECK(tu_is_zero(c, mlen));
}

int main(void)
{
	test_construction();
	test_aliasing();
	test_forgery();
	return tu_report("test_secretbox");
}

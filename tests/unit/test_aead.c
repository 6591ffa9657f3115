/*
 * Unit tests for ChaCha20-Poly1305 and XChaCha20-Poly1305: the tag against
 * an explicit RFC 8439 2.8 MAC layout at every (adlen, len) up to 3 blocks,
 * round trips at edge lengths, in place, XChaCha = ChaCha under the
 * HChaCha20 subkey, and forgeries (every bit of tag, ciphertext and AD;
 * wrong nonce, key, length) rejected with -1 and the output zeroed.
 */
#include <stdlib.h>
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

typedef void (*seal_fn)(uint8_t *ct, uint8_t *tag, const uint8_t *pt, size_t len,
                        const uint8_t *ad, size_t adlen, const uint8_t *nonce,
                        const uint8_t *key);
typedef int (*open_fn)(uint8_t *pt, const uint8_t *ct, size_t len, const uint8_t *tag,
                       const uint8_t *ad, size_t adlen, const uint8_t *nonce,
                       const uint8_t *key);

struct variant {
	const char *name;
	size_t nonce_len;
	seal_fn seal;
	open_fn open;
};

static const struct variant variants[2] = {
	{"chacha20poly1305", 12, hbox_aead_chacha20poly1305_encrypt,
	 hbox_aead_chacha20poly1305_decrypt},
	{"xchacha20poly1305", 24, hbox_aead_xchacha20poly1305_encrypt,
	 hbox_aead_xchacha20poly1305_decrypt},
};

#define MAXLEN 1100

/*
 * Expected output of the IETF AEAD built from the stream cipher and
 * Poly1305 directly: ct = pt ^ ChaCha20(counter 1), tag = Poly1305 with the
 * key from block 0 over ad | zero pad | ct | zero pad | le64 adlen | le64 len.
 */
static void reference_ietf(uint8_t *ct, uint8_t tag[16], const uint8_t *pt, size_t len,
                           const uint8_t *ad, size_t adlen, const uint8_t nonce[12],
                           const uint8_t key[32])
{
	static uint8_t macdata[MAXLEN * 2 + 64];
	uint8_t otk[32];
	size_t n = 0, i;

	hbox_chacha20_ietf(otk, NULL, 32, key, nonce, 0);
	hbox_chacha20_ietf(ct, pt, len, key, nonce, 1);
	memset(macdata, 0, sizeof macdata);
	memcpy(macdata, ad, adlen);
	n = (adlen + 15) / 16 * 16;
	memcpy(macdata + n, ct, len);
	n += (len + 15) / 16 * 16;
	for (i = 0; i < 8; i++) {
		macdata[n + i] = (uint8_t)((uint64_t)adlen >> (8 * i));
		macdata[n + 8 + i] = (uint8_t)((uint64_t)len >> (8 * i));
	}
	hbox_poly1305(tag, macdata, n + 16, otk);
}

static void reference_x(uint8_t *ct, uint8_t tag[16], const uint8_t *pt, size_t len,
                        const uint8_t *ad, size_t adlen, const uint8_t nonce[24],
                        const uint8_t key[32])
{
	uint8_t sub[32], n12[12] = {0};
	hbox_hchacha20(sub, key, nonce);
	memcpy(n12 + 4, nonce + 16, 8);
	reference_ietf(ct, tag, pt, len, ad, adlen, n12, sub);
}

/* Every adlen and len in 0..48 (3 Poly1305 blocks), both variants. */
static void test_layout(void)
{
	static uint8_t pt[64], ad[64], ct[64], ref[64];
	uint8_t key[32], nonce[24], tag[16], rtag[16];
	unsigned long bad = 0;
	size_t adlen, len;

	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(nonce, sizeof nonce);
	tu_rand_bytes(pt, sizeof pt);
	tu_rand_bytes(ad, sizeof ad);
	for (adlen = 0; adlen <= 48; adlen++) {
		for (len = 0; len <= 48; len++) {
			hbox_aead_chacha20poly1305_encrypt(ct, tag, pt, len, ad, adlen, nonce, key);
			reference_ietf(ref, rtag, pt, len, ad, adlen, nonce, key);
			bad += memcmp(ct, ref, len) != 0 || memcmp(tag, rtag, 16) != 0;
			hbox_aead_xchacha20poly1305_encrypt(ct, tag, pt, len, ad, adlen, nonce, key);
			reference_x(ref, rtag, pt, len, ad, adlen, nonce, key);
			bad += memcmp(ct, ref, len) != 0 || memcmp(tag, rtag, 16) != 0;
		}
	}
	CHECK(bad == 0);
	/* NULL pointers with zero lengths. */
	hbox_aead_chacha20poly1305_encrypt(NULL, tag, NULL, 0, NULL, 0, nonce, key);
	reference_ietf(ref, rtag, pt, 0, ad, 0, nonce, key);
	CHECK_EQ_BYTES(tag, rtag, 16);
	CHECK(hbox_aead_chacha20poly1305_decrypt(NULL, NULL, 0, tag, NULL, 0, nonce, key) == 0);
	tag[3] ^= 4;
	CHECK(hbox_aead_chacha20poly1305_decrypt(NULL, NULL, 0, tag, NULL, 0, nonce, key) == -1);
}

/* Round trips at edge lengths, out of place and in place. */
static void test_roundtrip(const struct variant *a)
{
	static const size_t lens[] = {0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 1000, MAXLEN};
	static uint8_t pt[MAXLEN], ct[MAXLEN], out[MAXLEN], buf[MAXLEN];
	uint8_t key[32], nonce[24], ad[40], tag[16], tag2[16];
	unsigned long bad = 0;
	size_t i, adlen;

	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		size_t len = lens[i];
		adlen = tu_rand_below(sizeof ad + 1);
		tu_rand_bytes(key, 32);
		tu_rand_bytes(nonce, 24);
		tu_rand_bytes(ad, sizeof ad);
		tu_rand_bytes(pt, len);
		a->seal(ct, tag, pt, len, ad, adlen, nonce, key);
		memset(out, 0xa5, sizeof out);
		bad += a->open(out, ct, len, tag, ad, adlen, nonce, key) != 0;
		bad += memcmp(out, pt, len) != 0;
		/* in place gives the same bytes */
		memcpy(buf, pt, len);
		a->seal(buf, tag2, buf, len, ad, adlen, nonce, key);
		bad += memcmp(buf, ct, len) != 0 || memcmp(tag2, tag, 16) != 0;
		bad += a->open(buf, buf, len, tag2, ad, adlen, nonce, key) != 0;
		bad += memcmp(buf, pt, len) != 0;
		/* a different nonce gives a different ciphertext and tag */
		nonce[a->nonce_len - 1] ^= 1;
		a->seal(buf, tag2, pt, len, ad, adlen, nonce, key);
		bad += memcmp(tag2, tag, 16) == 0;
		bad += len >= 8 && memcmp(buf, ct, len) == 0;
	}
	CHECK(bad == 0);
}

/* open(...) must fail, leave out zeroed and not touch its inputs. */
static int rejected(const struct variant *a, const uint8_t *ct, size_t len, const uint8_t *tag,
                    const uint8_t *ad, size_t adlen, const uint8_t *nonce, const uint8_t *key)
{
	static uint8_t out[MAXLEN];
	memset(out, 0xa5, sizeof out);
	return a->open(out, ct, len, tag, ad, adlen, nonce, key) == -1 && tu_is_zero(out, len) &&
	       out[len] == 0xa5;
}

static void test_forgery(const struct variant *a)
{
	static uint8_t pt[200], ct[200], ct_copy[200];
	uint8_t key[32], nonce[24], ad[33], tag[16], ad_copy[33], tag_copy[16];
	unsigned long bad = 0;
	size_t len = 70, i;

	tu_rand_bytes(key, 32);
	tu_rand_bytes(nonce, 24);
	tu_rand_bytes(ad, sizeof ad);
	tu_rand_bytes(pt, len);
	a->seal(ct, tag, pt, len, ad, sizeof ad, nonce, key);
	memcpy(ct_copy, ct, len);
	memcpy(ad_copy, ad, sizeof ad);
	memcpy(tag_copy, tag, 16);

	for (i = 0; i < 128; i++) {
		tag[i / 8] ^= (uint8_t)(1u << (i % 8));
		bad += !rejected(a, ct, len, tag, ad, sizeof ad, nonce, key);
		tag[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
	for (i = 0; i < 8 * len; i++) {
		ct[i / 8] ^= (uint8_t)(1u << (i % 8));
		bad += !rejected(a, ct, len, tag, ad, sizeof ad, nonce, key);
		ct[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
	for (i = 0; i < 8 * sizeof ad; i++) {
		ad[i / 8] ^= (uint8_t)(1u << (i % 8));
		bad += !rejected(a, ct, len, tag, ad, sizeof ad, nonce, key);
		ad[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
	for (i = 0; i < 8 * a->nonce_len; i += 5) {
		nonce[i / 8] ^= (uint8_t)(1u << (i % 8));
		bad += !rejected(a, ct, len, tag, ad, sizeof ad, nonce, key);
		nonce[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
	for (i = 0; i < 256; i += 3) {
		key[i / 8] ^= (uint8_t)(1u << (i % 8));
		bad += !rejected(a, ct, len, tag, ad, sizeof ad, nonce, key);
		key[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
	/* Lengths: truncated or extended ciphertext, AD moved into the message. */
	bad += !rejected(a, ct, len - 1, tag, ad, sizeof ad, nonce, key);
	bad += !rejected(a, ct, len + 1, tag, ad, sizeof ad, nonce, key);
	bad += !rejected(a, ct, len, tag, ad, sizeof ad - 1, nonce, key);
	bad += !rejected(a, ct, len, tag, NULL, 0, nonce, key);
	CHECK(bad == 0);
	/* Failed calls did not change their inputs. */
	CHECK_EQ_BYTES(ct, ct_copy, len);
	CHECK_EQ_BYTES(ad, ad_copy, sizeof ad);
	CHECK_EQ_BYTES(tag, tag_copy, 16);
	/* The untouched message still opens. */
	CHECK(a->open(pt, ct, len, tag, ad, sizeof ad, nonce, key) == 0);

	/* In place: a forgery erases the buffer, which held the ciphertext. */
	tag[5] ^= 0x10;
	CHECK(a->open(ct, ct, len, tag, ad, sizeof ad, nonce, key) == -1);
	CHECK(tu_is_zero(ct, len));
}

int main(void)
{
	int i;
	test_layout();
	for (i = 0; i < 2; i++) {
		test_roundtrip(&variants[i]);
		test_forgery(&variants[i]);
	}
	return tu_report("test_aead");
}

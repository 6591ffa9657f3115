/*
 * Interop with libsodium: 1,000 random messages of random lengths (0..2000)
 * and random AD (0..100 bytes), each run through
 *   - secretbox: hopebox seals, libsodium crypto_secretbox_open_easy opens,
 *     and libsodium crypto_secretbox_easy seals, hopebox opens (the boxes
 *     must also be byte-identical);
 *   - ChaCha20-Poly1305 and XChaCha20-Poly1305: hopebox encrypts, libsodium
 *     *_ietf_decrypt_detached decrypts, and the other way round;
 *   - Poly1305 against crypto_onetimeauth (random keys, plus keys with r and
 *     s all ones every 8th message).
 * Every 16th message is also forged (one random bit of the ciphertext or tag
 * flipped): both libraries must reject it.
 */
#include <sodium.h>
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

#define MAXLEN 2000
#define MAXAD 100
#define ROUNDS 1000

enum { SB, IETF, XCHACHA, POLY, NKINDS };
static unsigned long bad[NKINDS];

static void flip_random_bit(uint8_t *p, size_t n)
{
	size_t bit = tu_rand_below(8 * n);
	p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
}

static void secretbox_round(const uint8_t *m, size_t mlen, int forge)
{
	static uint8_t c1[MAXLEN + 16], c2[MAXLEN + 16], out[MAXLEN];
	uint8_t key[32], nonce[24];

	tu_rand_bytes(key, 32);
	tu_rand_bytes(nonce, 24);
	hbox_secretbox(c1, m, mlen, nonce, key);
	crypto_secretbox_easy(c2, m, mlen, nonce, key);
	bad[SB] += memcmp(c1, c2, mlen + 16) != 0;
	bad[SB] += crypto_secretbox_open_easy(out, c1, mlen + 16, nonce, key) != 0;
	bad[SB] += memcmp(out, m, mlen) != 0;
	memset(out, 0, mlen);
	bad[SB] += hbox_secretbox_open(out, c2, mlen + 16, nonce, key) != 0;
	bad[SB] += memcmp(out, m, mlen) != 0;
	if (forge) {
		flip_random_bit(c1, mlen + 16);
		bad[SB] += crypto_secretbox_open_easy(out, c1, mlen + 16, nonce, key) != -1;
		bad[SB] += hbox_secretbox_open(out, c1, mlen + 16, nonce, key) != -1;
	}
}

static void ietf_round(const uint8_t *m, size_t mlen, const uint8_t *ad, size_t adlen, int forge)
{
	static uint8_t c1[MAXLEN], c2[MAXLEN], out[MAXLEN];
	uint8_t key[32], nonce[12], t1[16], t2[16];
	unsigned long long tlen = 0;

	tu_rand_bytes(key, 32);
	tu_rand_bytes(nonce, 12);
	hbox_aead_chacha20poly1305_encrypt(c1, t1, m, mlen, ad, adlen, nonce, key);
	crypto_aead_chacha20poly1305_ietf_encrypt_detached(c2, t2, &tlen, m, mlen, ad, adlen, NULL,
	                                                   nonce, key);
	bad[IETF] += tlen != 16 || memcmp(c1, c2, mlen) != 0 || memcmp(t1, t2, 16) != 0;
	bad[IETF] += crypto_aead_chacha20poly1305_ietf_decrypt_detached(out, NULL, c1, mlen, t1, ad, adlen,
	                                                          nonce, key) != 0;
	bad[IETF] += memcmp(out, m, mlen) != 0;
	memset(out, 0, mlen);
	bad[IETF] += hbox_aead_chacha20poly1305_decrypt(out, c2, mlen, t2, ad, adlen, nonce, key) != 0;
	bad[IETF] += memcmp(out, m, mlen) != 0;
	if (forge) {
		if (mlen > 0 && (tu_rand32() & 1))
			flip_random_bit(c1, mlen);
		else
			flip_random_bit(t1, 16);
		bad[IETF] += crypto_aead_chacha20poly1305_ietf_decrypt_detached(out, NULL, c1, mlen, t1, ad,
		                                                          adlen, nonce, key) != -1;
		bad[IETF] += hbox_aead_chacha20poly1305_decrypt(out, c1, mlen, t1, ad, adlen, nonce, key) !=
		       -1;
	}
}

static void xchacha_round(const uint8_t *m, size_t mlen, const uint8_t *ad, size_t adlen, int forge)
{
	static uint8_t c1[MAXLEN], c2[MAXLEN], out[MAXLEN];
	uint8_t key[32], nonce[24], t1[16], t2[16];
	unsigned long long tlen = 0;

	tu_rand_bytes(key, 32);
	tu_rand_bytes(nonce, 24);
	hbox_aead_xchacha20poly1305_encrypt(c1, t1, m, mlen, ad, adlen, nonce, key);
	crypto_aead_xchacha20poly1305_ietf_encrypt_detached(c2, t2, &tlen, m, mlen, ad, adlen, NULL,
	                                                    nonce, key);
	bad[XCHACHA] += tlen != 16 || memcmp(c1, c2, mlen) != 0 || memcmp(t1, t2, 16) != 0;
	bad[XCHACHA] += crypto_aead_xchacha20poly1305_ietf_decrypt_detached(out, NULL, c1, mlen, t1, ad,
	                                                           adlen, nonce, key) != 0;
	bad[XCHACHA] += memcmp(out, m, mlen) != 0;
	memset(out, 0, mlen);
	bad[XCHACHA] += hbox_aead_xchacha20poly1305_decrypt(out, c2, mlen, t2, ad, adlen, nonce, key) != 0;
	bad[XCHACHA] += memcmp(out, m, mlen) != 0;
	if (forge) {
		if (mlen > 0 && (tu_rand32() & 1))
			flip_random_bit(c1, mlen);
		else
			flip_random_bit(t1, 16);
		bad[XCHACHA] += crypto_aead_xchacha20poly1305_ietf_decrypt_detached(out, NULL, c1, mlen, t1, ad,
		                                                           adlen, nonce, key) != -1;
		bad[XCHACHA] += hbox_aead_xchacha20poly1305_decrypt(out, c1, mlen, t1, ad, adlen, nonce, key) !=
		       -1;
	}
}

static void poly1305_round(const uint8_t *m, size_t mlen, int edge)
{
	uint8_t key[32], t1[16], t2[16];
	if (edge)
		memset(key, 0xff, 32);
	else
		tu_rand_bytes(key, 32);
	hbox_poly1305(t1, m, mlen, key);
	crypto_onetimeauth(t2, m, mlen, key);
	bad[POLY] += memcmp(t1, t2, 16) != 0;
	bad[POLY] += crypto_onetimeauth_verify(t1, m, mlen, key) != 0;
}

int main(void)
{
	static uint8_t m[MAXLEN];
	uint8_t ad[MAXAD];
	int i;

	if (sodium_init() < 0) {
		CHECK(!"sodium_init failed");
		return tu_report("interop_secretbox_aead");
	}
	for (i = 0; i < ROUNDS; i++) {
		size_t mlen = tu_rand_below(MAXLEN + 1), adlen = tu_rand_below(MAXAD + 1);
		int forge = (i & 15) == 0;
		tu_rand_bytes(m, mlen);
		/* every 8th message is all 0xff (Poly1305 blocks at their maximum) */
		if ((i & 7) == 3)
			memset(m, 0xff, mlen);
		tu_rand_bytes(ad, adlen);
		secretbox_round(m, mlen, forge);
		ietf_round(m, mlen, ad, adlen, forge);
		xchacha_round(m, mlen, ad, adlen, forge);
		poly1305_round(m, mlen, (i & 7) == 5);
	}
	CHECK(bad[SB] == 0);
	CHECK(bad[IETF] == 0);
	CHECK(bad[XCHACHA] == 0);
	CHECK(bad[POLY] == 0);
	return tu_report("interop_secretbox_aead");
}

/*
 * Interop with libsodium: 1,000 rounds, each with fresh key pairs and a
 * random message of random length (0..2000):
 *   - X25519: hbox_x25519 / hbox_x25519_base against crypto_scalarmult /
 *     crypto_scalarmult_base (random scalar, random u with bit 255 random);
 *   - box: crypto_box_beforenm equals hbox_box_beforenm; hopebox boxes and
 *     libsodium crypto_box_open_easy opens, and crypto_box_easy boxes and
 *     hopebox opens (the boxes must be byte-identical), also through the
 *     afternm forms (crypto_box_easy_afternm / open_easy_afternm);
 *   - sealed box: crypto_box_seal seals and hbox_box_seal_open opens, and
 *     hbox_box_seal seals and crypto_box_seal_open opens.
 * Every 16th round also forges one random bit of each box: both libraries
 * must reject it. (secretbox itself: interop_secretbox_aead.c.)
 *
 * Key pairs: libsodium's crypto_box_seed_keypair derives sk as the first 32
 * bytes of SHA-512(seed); hopebox's hbox_box_seed_keypair uses BLAKE2b-256
 * (no SHA-512 in hopebox). Checked here: libsodium's rule is as stated and
 * its key pair works with hopebox (pk = hbox_x25519_base(sk)).
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

#define MAXLEN 2000
#define ROUNDS 1000

enum { X25519, BOX, SEAL, SEED, NKINDS };
static unsigned long bad[NKINDS];
static const char *const kind_name[NKINDS] = {"x25519", "box", "seal", "seed_keypair"};

static void flip_random_bit(uint8_t *p, size_t n)
{
	size_t bit = tu_rand_below(8 * n);
	p[bit / 8] ^= (uint8_t)(1u << (bit % 8));
}

static void x25519_round(void)
{
	uint8_t s[32], u[32], q1[32], q2[32];
	tu_rand_bytes(s, 32);
	tu_rand_bytes(u, 32);
	hbox_x25519_base(q1, s);
	bad[X25519] += crypto_scalarmult_base(q2, s) != 0;
	bad[X25519] += memcmp(q1, q2, 32) != 0;
	bad[X25519] += hbox_x25519(q1, s, u) != 0;
	bad[X25519] += crypto_scalarmult(q2, s, u) != 0;
	bad[X25519] += memcmp(q1, q2, 32) != 0;
}

static void box_round(const uint8_t *m, size_t mlen, int forge)
{
	static uint8_t c1[MAXLEN + 16], c2[MAXLEN + 16], out[MAXLEN];
	uint8_t apk[32], ask[32], bpk[32], bsk[32], k1[32], k2[32], nonce[24];

	bad[BOX] += crypto_box_keypair(apk, ask) != 0;
	bad[BOX] += hbox_box_keypair(bpk, bsk) != 0;
	tu_rand_bytes(nonce, 24);

	bad[BOX] += hbox_box_beforenm(k1, bpk, ask) != 0;
	bad[BOX] += crypto_box_beforenm(k2, bpk, ask) != 0;
	bad[BOX] += memcmp(k1, k2, 32) != 0;

	/* hopebox -> libsodium */
	bad[BOX] += hbox_box(c1, m, mlen, nonce, bpk, ask) != 0;
	bad[BOX] += crypto_box_easy(c2, m, mlen, nonce, bpk, ask) != 0;
	bad[BOX] += memcmp(c1, c2, mlen + 16) != 0;
	bad[BOX] += crypto_box_open_easy(out, c1, mlen + 16, nonce, apk, bsk) != 0;
	bad[BOX] += memcmp(out, m, mlen) != 0;
	/* libsodium -> hopebox */
	memset(out, 0, mlen);
	bad[BOX] += hbox_box_open(out, c2, mlen + 16, nonce, apk, bsk) != 0;
	bad[BOX] += memcmp(out, m, mlen) != 0;
	/* afternm forms */
	hbox_box_afternm(c1, m, mlen, nonce, k1);
	bad[BOX] += crypto_box_easy_afternm(c2, m, mlen, nonce, k2) != 0;
	bad[BOX] += memcmp(c1, c2, mlen + 16) != 0;
	bad[BOX] += crypto_box_open_easy_afternm(out, c1, mlen + 16, nonce, k2) != 0;
	memset(out, 0, mlen);
	bad[BOX] += hbox_box_open_afternm(out, c2, mlen + 16, nonce, k1) != 0;
	bad[BOX] += memcmp(out, m, mlen) != 0;

	if (forge) {
		flip_random_bit(c1, mlen + 16);
		bad[BOX] += crypto_box_open_easy(out, c1, mlen + 16, nonce, apk, bsk) != -1;
		bad[BOX] += hbox_box_open(out, c1, mlen + 16, nonce, apk, bsk) != -1;
	}
}

static void seal_round(const uint8_t *m, size_t mlen, int forge)
{
	static uint8_t c1[MAXLEN + 48], c2[MAXLEN + 48], out[MAXLEN];
	uint8_t pk1[32], sk1[32], pk2[32], sk2[32];

	bad[SEAL] += hbox_box_keypair(pk1, sk1) != 0;
	bad[SEAL] += crypto_box_keypair(pk2, sk2) != 0;

	/* libsodium seals to a hopebox key pair, hopebox opens */
	bad[SEAL] += crypto_box_seal(c1, m, mlen, pk1) != 0;
	bad[SEAL] += hbox_box_seal_open(out, c1, mlen + 48, pk1, sk1) != 0;
	bad[SEAL] += memcmp(out, m, mlen) != 0;
	/* hopebox seals to a libsodium key pair, libsodium opens */
	bad[SEAL] += hbox_box_seal(c2, m, mlen, pk2) != 0;
	memset(out, 0, mlen);
	bad[SEAL] += crypto_box_seal_open(out, c2, mlen + 48, pk2, sk2) != 0;
	bad[SEAL] += memcmp(out, m, mlen) != 0;

	if (forge) {
		flip_random_bit(c1, mlen + 48);
		bad[SEAL] += hbox_box_seal_open(out, c1, mlen + 48, pk1, sk1) != -1;
		flip_random_bit(c2, mlen + 48);
		bad[SEAL] += crypto_box_seal_open(out, c2, mlen + 48, pk2, sk2) != -1;
	}
}

static void seed_round(void)
{
	uint8_t seed[32], pk[32], sk[32], h[64], pk2[32];
	tu_rand_bytes(seed, 32);
	bad[SEED] += crypto_box_seed_keypair(pk, sk, seed) != 0;
	bad[SEED] += crypto_hash_sha512(h, seed, 32) != 0;
	bad[SEED] += memcmp(sk, h, 32) != 0; /* libsodium: SHA-512(seed)[0..32] */
	hbox_x25519_base(pk2, sk);
	bad[SEED] += memcmp(pk, pk2, 32) != 0;
}

int main(void)
{
	static uint8_t m[MAXLEN];
	unsigned long r;
	int i;

	if (sodium_init() < 0) {
		CHECK(0);
		return tu_report("interop_box");
	}
	for (r = 0; r < ROUNDS; r++) {
		size_t mlen = tu_rand_below(MAXLEN + 1);
		tu_rand_bytes(m, mlen);
		x25519_round();
		box_round(m, mlen, r % 16 == 0);
		seal_round(m, mlen, r % 16 == 0);
		if (r % 10 == 0)
			seed_round();
	}
	for (i = 0; i < NKINDS; i++) {
		if (bad[i] != 0)
			fprintf(stderr, "%s: %lu mismatches\n", kind_name[i], bad[i]);
		CHECK(bad[i] == 0);
	}
	return tu_report("interop_box");
}

/*
 * test_box.c - NaCl box and sealed box: round trips at many lengths,
 * aliasing, rejection of every forgery tried (bit flips, truncation, wrong
 * keys, small-order keys, a box forged under the all-zero key) with zeroed
 * outputs, random-source failure, seeded key pairs, and the deterministic
 * seal against the randomised one.
 */
#include <string.h>

#include "hb_box.h"
#include "hopebox.h"
#include "testutil.h"

#define MAXLEN 1100

static const size_t lens[] = {0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 1000};

/* A point of order 8 (RFC 7748 section 6.1 all-zero case). */
static const uint8_t order8[32] = {0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3,
                                   0xfa, 0xf1, 0x9f, 0xc4, 0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32,
                                   0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00};

static int failing_randombytes(uint8_t *out, size_t len)
{
	(void)out;
	(void)len;
	return -1;
}

static void test_box_roundtrip(void)
{
	static uint8_t m[MAXLEN], c[MAXLEN + 16], c2[MAXLEN + 16], out[MAXLEN + 16],
	    buf[MAXLEN + 32];
	uint8_t apk[32], ask[32], bpk[32], bsk[32], k1[32], k2[32], nonce[24];
	size_t i, n;

	CHECK(hbox_box_keypair(apk, ask) == 0);
	CHECK(hbox_box_keypair(bpk, bsk) == 0);
	CHECK(hbox_box_beforenm(k1, bpk, ask) == 0);
	CHECK(hbox_box_beforenm(k2, apk, bsk) == 0);
	CHECK_EQ_BYTES(k1, k2, 32);

	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		n = lens[i];
		tu_rand_bytes(m, n);
		tu_rand_bytes(nonce, 24);
		CHECK(hbox_box(c, m, n, nonce, bpk, ask) == 0);
		hbox_box_afternm(c2, m, n, nonce, k1);
		CHECK_EQ_BYTES(c, c2, n + 16);
		hbox_secretbox(c2, m, n, nonce, k1); /* afternm is secretbox */
		CHECK_EQ_BYTES(c, c2, n + 16);

		memset(out, 0, sizeof out);
		CHECK(hbox_box_open(out, c, n + 16, nonce, apk, bsk) == 0);
		CHECK_EQ_BYTES(out, m, n);
		memset(out, 0, sizeof out);
		CHECK(hbox_box_open_afternm(out, c, n + 16, nonce, k2) == 0);
		CHECK_EQ_BYTES(out, m, n);

		/* in place: m == c (output shifted by 16) and m == c + 16 */
		memcpy(buf, m, n);
		CHECK(hbox_box(buf, buf, n, nonce, bpk, ask) == 0);
		CHECK_EQ_BYTES(buf, c, n + 16);
		CHECK(hbox_box_open(buf, buf, n + 16, nonce, apk, bsk) == 0);
		CHECK_EQ_BYTES(buf, m, n);
		memcpy(buf + 16, m, n);
		CHECK(hbox_box(buf, buf + 16, n, nonce, bpk, ask) == 0);
		CHECK_EQ_BYTES(buf, c, n + 16);
		CHECK(hbox_box_open(buf + 16, buf, n + 16, nonce, apk, bsk) == 0);
		CHECK_EQ_BYTES(buf + 16, m, n);

		/* truncated by one byte, wrong key, wrong nonce: rejected, zeroed */
		if (n > 0) {
			memset(out, 0xa5, sizeof out);
			CHECK(hbox_box_open(out, c, n + 15, nonce, apk, bsk) == -1);
			CHECK(tu_is_zero(out, n - 1));
		}
		memset(out, 0xa5, sizeof out);
		CHECK(hbox_box_open(out, c, n + 16, nonce, bpk, bsk) == -1);
		CHECK(tu_is_zero(out, n));
		nonce[23] ^= 1;
		memset(out, 0xa5, sizeof out);
		CHECK(hbox_box_open(out, c, n + 16, nonce, apk, bsk) == -1);
		CHECK(tu_is_zero(out, n));
		CHECK(out[n] == 0xa5); /* nothing written past the plaintext */
	}

	/* clen < 16: -1, nothing written */
	for (n = 0; n < 16; n++) {
		memset(out, 0xa5, sizeof out);
		CHECK(hbox_box_open(out, c, n, nonce, apk, bsk) == -1);
		CHECK(hbox_box_open_afternm(out, c, n, nonce, k2) == -1);
		CHECK(out[0] == 0xa5);
	}
}

/* Every single-bit change of a short box is rejected with a zeroed output. */
static void test_box_bitflips(void)
{
	uint8_t apk[32], ask[32], bpk[32], bsk[32], nonce[24], m[5], c[21], out[5];
	size_t bit;
	int ok = 1;

	CHECK(hbox_box_keypair(apk, ask) == 0);
	CHECK(hbox_box_keypair(bpk, bsk) == 0);
	tu_rand_bytes(nonce, 24);
	tu_rand_bytes(m, sizeof m);
	CHECK(hbox_box(c, m, sizeof m, nonce, bpk, ask) == 0);
	for (bit = 0; bit < 8 * sizeof c; bit++) {
		c[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		memset(out, 0xa5, sizeof out);
		ok &= hbox_box_open(out, c, sizeof c, nonce, apk, bsk) == -1;
		ok &= tu_is_zero(out, sizeof out);
		c[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	CHECK(ok);
	CHECK(hbox_box_open(out, c, sizeof c, nonce, apk, bsk) == 0);
	CHECK_EQ_BYTES(out, m, sizeof m);
}

/*
 * A small-order public key makes the X25519 result all zero: beforenm,
 * box and box_open fail with zeroed outputs. In particular a box that an
 * attacker forges under the key every small-order pk would lead to
 * (HSalsa20 of 32 zero bytes, or the masked all-zero key) is rejected.
 */
static void test_small_order_keys(void)
{
	static const uint8_t zero[32] = {0}, zero16[16] = {0};
	uint8_t pk[32], sk[32], k[32], nonce[24], m[40], c[56], out[40], kz[32];

	CHECK(hbox_box_keypair(pk, sk) == 0);
	tu_rand_bytes(nonce, 24);
	tu_rand_bytes(m, sizeof m);

	memset(k, 0xa5, 32);
	CHECK(hbox_box_beforenm(k, order8, sk) == -1);
	CHECK(tu_is_zero(k, 32));
	memset(c, 0xa5, sizeof c);
	CHECK(hbox_box(c, m, sizeof m, nonce, order8, sk) == -1);
	CHECK(tu_is_zero(c, sizeof c));

	hbox_secretbox(c, m, sizeof m, nonce, zero);
	memset(out, 0xa5, sizeof out);
	CHECK(hbox_box_open(out, c, sizeof c, nonce, order8, sk) == -1);
	CHECK(tu_is_zero(out, sizeof out));
	hbox_hsalsa20(kz, zero, zero16);
	hbox_secretbox(c, m, sizeof m, nonce, kz);
	memset(out, 0xa5, sizeof out);
	CHECK(hbox_box_open(out, c, sizeof c, nonce, order8, sk) == -1);
	CHECK(tu_is_zero(out, sizeof out));

	/* sealed to a small-order key: -1, zeroed */
	memset(c, 0xa5, sizeof c);
	CHECK(hbox_box_seal(c, m, 8, order8) == -1);
	CHECK(tu_is_zero(c, 8 + 48));
}

static void test_seal(void)
{
	static uint8_t m[MAXLEN], c[MAXLEN + 48], c2[MAXLEN + 48], out[MAXLEN + 48],
	    buf[MAXLEN + 48];
	uint8_t pk[32], sk[32], pk2[32], sk2[32], esk[32];
	size_t i, n;

	CHECK(hbox_box_keypair(pk, sk) == 0);
	CHECK(hbox_box_keypair(pk2, sk2) == 0);
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		n = lens[i];
		tu_rand_bytes(m, n);

		/* the randomised seal is the derand seal with the drawn esk */
		hbox_set_randombytes(tu_det_randombytes);
		tu_seed(1000 + i);
		CHECK(hbox_box_seal(c, m, n, pk) == 0);
		tu_seed(1000 + i);
		CHECK(tu_det_randombytes(esk, 32) == 0);
		hbox_set_randombytes(NULL);
		CHECK(hb_box_seal_derand(c2, m, n, pk, esk) == 0);
		CHECK_EQ_BYTES(c, c2, n + 48);

		memset(out, 0, sizeof out);
		CHECK(hbox_box_seal_open(out, c, n + 48, pk, sk) == 0);
		CHECK_EQ_BYTES(out, m, n);

		/* fresh randomness: a different box that opens the same */
		CHECK(hbox_box_seal(c2, m, n, pk) == 0);
		CHECK(memcmp(c, c2, 32) != 0);
		CHECK(hbox_box_seal_open(out, c2, n + 48, pk, sk) == 0);
		CHECK_EQ_BYTES(out, m, n);

		/* in place: m == c and m == c + 48, for seal and open */
		memcpy(buf, m, n);
		CHECK(hb_box_seal_derand(buf, buf, n, pk, esk) == 0);
		CHECK_EQ_BYTES(buf, c, n + 48);
		CHECK(hbox_box_seal_open(buf, buf, n + 48, pk, sk) == 0);
		CHECK_EQ_BYTES(buf, m, n);
		memcpy(buf + 48, m, n);
		CHECK(hb_box_seal_derand(buf, buf + 48, n, pk, esk) == 0);
		CHECK_EQ_BYTES(buf, c, n + 48);
		CHECK(hbox_box_seal_open(buf + 48, buf, n + 48, pk, sk) == 0);
		CHECK_EQ_BYTES(buf + 48, m, n);

		/* the wrong recipient, the wrong pk for the nonce, truncation */
		memset(out, 0xa5, sizeof out);
		CHECK(hbox_box_seal_open(out, c, n + 48, pk2, sk2) == -1);
		CHECK(tu_is_zero(out, n));
		memset(out, 0xa5, sizeof out);
		CHECK(hbox_box_seal_open(out, c, n + 48, pk2, sk) == -1);
		CHECK(tu_is_zero(out, n));
		if (n > 0) {
			memset(out, 0xa5, sizeof out);
			CHECK(hbox_box_seal_open(out, c, n + 47, pk, sk) == -1);
			CHECK(tu_is_zero(out, n - 1));
			CHECK(out[n - 1] == 0xa5);
		}
	}

	/* clen 0..47: -1 and nothing written */
	for (n = 0; n < 48; n++) {
		memset(out, 0xa5, sizeof out);
		CHECK(hbox_box_seal_open(out, c, n, pk, sk) == -1);
		CHECK(out[0] == 0xa5);
	}
}

/* Every single-bit change of a short sealed box (epk included) is rejected. */
static void test_seal_bitflips(void)
{
	uint8_t pk[32], sk[32], m[3], c[51], out[3];
	size_t bit;
	int ok = 1;

	CHECK(hbox_box_keypair(pk, sk) == 0);
	tu_rand_bytes(m, sizeof m);
	CHECK(hbox_box_seal(c, m, sizeof m, pk) == 0);
	for (bit = 0; bit < 8 * sizeof c; bit++) {
		c[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		memset(out, 0xa5, sizeof out);
		ok &= hbox_box_seal_open(out, c, sizeof c, pk, sk) == -1;
		ok &= tu_is_zero(out, sizeof out);
		c[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	CHECK(ok);
	CHECK(hbox_box_seal_open(out, c, sizeof c, pk, sk) == 0);
	CHECK_EQ_BYTES(out, m, sizeof m);
}

static void test_keypairs_and_rng_failure(void)
{
	uint8_t pk[32], sk[32], pk2[32], sk2[32], seed[32], c[60], m[12] = {0};

	/* keypair: pk = X25519(sk, 9) */
	CHECK(hbox_box_keypair(pk, sk) == 0);
	hbox_x25519_base(pk2, sk);
	CHECK_EQ_BYTES(pk, pk2, 32);

	/* seed keypair: sk = BLAKE2b-256(seed) (hopebox's rule, box.h) */
	tu_rand_bytes(seed, 32);
	hbox_box_seed_keypair(pk, sk, seed);
	CHECK(hbox_blake2b(sk2, 32, NULL, 0, seed, 32) == 0);
	CHECK_EQ_BYTES(sk, sk2, 32);
	hbox_x25519_base(pk2, sk2);
	CHECK_EQ_BYTES(pk, pk2, 32);
	memcpy(sk2, seed, 32);
	hbox_box_seed_keypair(pk2, sk2, sk2); /* seed may alias sk */
	CHECK_EQ_BYTES(sk2, sk, 32);
	CHECK_EQ_BYTES(pk2, pk, 32);

	/* a failing random source: -1 and zeroed outputs */
	hbox_set_randombytes(failing_randombytes);
	memset(pk2, 0xa5, 32);
	memset(sk2, 0xa5, 32);
	CHECK(hbox_box_keypair(pk2, sk2) == -1);
	CHECK(tu_is_zero(pk2, 32));
	CHECK(tu_is_zero(sk2, 32));
	memset(c, 0xa5, sizeof c);
	CHECK(hbox_box_seal(c, m, sizeof m, pk) == -1);
	CHECK(tu_is_zero(c, sizeof c));
	hbox_set_randombytes(NULL);
}

int main(void)
{
	test_box_roundtrip();
	test_box_bitflips();
	test_small_order_keys();
	test_seal();
	test_seal_bitflips();
	test_keypairs_and_rng_failure();
	return tu_report("test_box");
}

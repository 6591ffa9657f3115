/*
 * Constant time: NaCl box and sealed box with the secret keys, the seed and
 * the message poisoned, and a random source whose output is poisoned (the
 * ephemeral key of a sealed box, the secret key of a key pair).
 *
 * Declassified after each call, because the protocol publishes them: boxes,
 * public keys and verdicts. Opened plaintexts are declassified only to
 * compare them with the expected bytes, computed beforehand on unpoisoned
 * copies.
 */
#include <string.h>

#include "ct_poison.h"
#include "hb_box.h"
#include "hopebox.h"
#include "testutil.h"

#define MAXLEN 100

/* tu_det_randombytes, whose output valgrind treats as secret. */
static int secret_randombytes(uint8_t *out, size_t len)
{
	int r = tu_det_randombytes(out, len);
	CT_SECRET(out, len);
	return r;
}

int main(void)
{
	static const size_t lens[] = {0, 1, 16, 33, MAXLEN};
	uint8_t apk[32], ask[32], bpk[32], bsk[32], esk[32], seed[32], k[32], pk[32], sk[32];
	uint8_t nonce[24], m0[MAXLEN], m[MAXLEN], c0[MAXLEN + 48], c[MAXLEN + 48],
	    out[MAXLEN + 48];
	size_t i, n;
	int r;

	CHECK(hbox_box_keypair(apk, ask) == 0);
	CHECK(hbox_box_keypair(bpk, bsk) == 0);

	/* beforenm: sk poisoned; the key is declassified only to compare */
	hbox_box_beforenm(c0, bpk, ask);
	CT_SECRET(ask, 32);
	r = hbox_box_beforenm(k, bpk, ask);
	CT_PUBLIC(&r, sizeof r); /* the verdict is public */
	CT_PUBLIC(k, 32);
	CT_PUBLIC(ask, 32);
	CHECK(r == 0);
	CHECK_EQ_BYTES(k, c0, 32);

	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		n = lens[i];
		tu_rand_bytes(nonce, 24);
		tu_rand_bytes(m0, n);

		/* box: sender sk and message poisoned */
		CHECK(hbox_box(c0, m0, n, nonce, bpk, ask) == 0);
		memcpy(m, m0, n);
		CT_SECRET(ask, 32);
		CT_SECRET(m, n);
		r = hbox_box(c, m, n, nonce, bpk, ask);
		CT_PUBLIC(&r, sizeof r);
		CT_PUBLIC(c, n + 16); /* the box is published */
		CT_PUBLIC(ask, 32);
		CHECK(r == 0);
		CHECK_EQ_BYTES(c, c0, n + 16);

		/* box_open: recipient sk poisoned, valid and forged */
		CT_SECRET(bsk, 32);
		r = hbox_box_open(out, c, n + 16, nonce, apk, bsk);
		CT_PUBLIC(&r, sizeof r);
		CT_PUBLIC(out, n); /* only to compare */
		CHECK(r == 0);
		CHECK_EQ_BYTES(out, m0, n);
		c[n + 15] ^= 0x20;
		memset(out, 0xa5, n);
		r = hbox_box_open(out, c, n + 16, nonce, apk, bsk);
		CT_PUBLIC(&r, sizeof r);
		CT_PUBLIC(out, n);
		CHECK(r == -1);
		CHECK(tu_is_zero(out, n));
		CT_PUBLIC(bsk, 32);

		/* seal: the ephemeral secret (from the random source) and the
		 * message poisoned; the reference is the derand seal with the
		 * same esk */
		tu_seed(7000 + i);
		CHECK(tu_det_randombytes(esk, 32) == 0);
		CHECK(hb_box_seal_derand(c0, m0, n, bpk, esk) == 0);
		hbox_set_randombytes(secret_randombytes);
		tu_seed(7000 + i);
		memcpy(m, m0, n);
		CT_SECRET(m, n);
		r = hbox_box_seal(c, m, n, bpk);
		hbox_set_randombytes(NULL);
		CT_PUBLIC(&r, sizeof r);
		CT_PUBLIC(c, n + 48); /* the sealed box is published */
		CHECK(r == 0);
		CHECK_EQ_BYTES(c, c0, n + 48);

		/* seal_open: recipient sk poisoned, valid and forged */
		CT_SECRET(bsk, 32);
		r = hbox_box_seal_open(out, c, n + 48, bpk, bsk);
		CT_PUBLIC(&r, sizeof r);
		CT_PUBLIC(out, n);
		CHECK(r == 0);
		CHECK_EQ_BYTES(out, m0, n);
		c[n + 47] ^= 0x01;
		memset(out, 0xa5, n);
		r = hbox_box_seal_open(out, c, n + 48, bpk, bsk);
		CT_PUBLIC(&r, sizeof r);
		CT_PUBLIC(out, n);
		CHECK(r == -1);
		CHECK(tu_is_zero(out, n));
		CT_PUBLIC(bsk, 32);
	}

	/* key pairs: from a poisoned random source, and from a poisoned seed */
	hbox_set_randombytes(secret_randombytes);
	r = hbox_box_keypair(pk, sk);
	hbox_set_randombytes(NULL);
	CT_PUBLIC(&r, sizeof r);
	CT_PUBLIC(pk, 32); /* public key */
	CT_PUBLIC(sk, 32); /* only to compare */
	CHECK(r == 0);
	hbox_x25519_base(k, sk);
	CHECK_EQ_BYTES(pk, k, 32);

	tu_rand_bytes(seed, 32);
	CT_SECRET(seed, 32);
	hbox_box_seed_keypair(pk, sk, seed);
	CT_PUBLIC(pk, 32);
	CT_PUBLIC(sk, 32);
	hbox_x25519_base(k, sk);
	CHECK_EQ_BYTES(pk, k, 32);

	return tu_report("ct_box");
}

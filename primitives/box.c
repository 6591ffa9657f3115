/*
 * box.c - NaCl box (X25519 + HSalsa20 + secretbox) and libsodium's sealed
 * box, in libsodium's byte layouts (see box.h).
 *
 * No branch here depends on secret-derived data, the verdicts included:
 * a failure turns a mask to zero and the mask wipes the outputs. The X25519
 * all-zero verdict depends only on the public key, and the tag verdict is
 * public once returned, but deriving both from secret-tainted values means
 * a valgrind constant-time test would (rightly) refuse any branch on them.
 */
#include "box.h"

#include "blake2b.h"
#include "hb_box.h"
#include "hb_internal.h"
#include "randombytes.h"
#include "salsa20.h"
#include "secretbox.h"
#include "x25519.h"

HB_STATIC_ASSERT(HBOX_BOX_SEALBYTES == HBOX_BOX_PUBLICKEYBYTES + HBOX_BOX_MACBYTES, sealbytes);
HB_STATIC_ASSERT(HBOX_BOX_MACBYTES == HBOX_SECRETBOX_MACBYTES, macbytes);
HB_STATIC_ASSERT(HBOX_BOX_NONCEBYTES == HBOX_SECRETBOX_NONCEBYTES, noncebytes);

/* Byte mask: 0xff when r == 0 (success), 0x00 when r == -1. */
static uint8_t box_keep(int r)
{
	uint32_t keep = ~(uint32_t)r;
	HB_BARRIER32(keep);
	return (uint8_t)keep;
}

static void box_mask(uint8_t *p, size_t n, uint8_t keep)
{
	size_t i;
	for (i = 0; i < n; i++)
		p[i] &= keep;
}

int hbox_box_keypair(uint8_t pk[HBOX_BOX_PUBLICKEYBYTES], uint8_t sk[HBOX_BOX_SECRETKEYBYTES])
{
	if (hbox_randombytes(sk, HBOX_BOX_SECRETKEYBYTES) != 0) {
		memset(pk, 0, HBOX_BOX_PUBLICKEYBYTES);
		return -1;
	}
	hbox_x25519_base(pk, sk);
	return 0;
}

void hbox_box_seed_keypair(uint8_t pk[HBOX_BOX_PUBLICKEYBYTES], uint8_t sk[HBOX_BOX_SECRETKEYBYTES],
                           const uint8_t seed[HBOX_BOX_SEEDBYTES])
{
	/* hopebox's own derivation (box.h): BLAKE2b-256(seed), not libsodium's
	 * SHA-512(seed)[0..32]. Cannot fail with these lengths. */
	(void)hbox_blake2b(sk, HBOX_BOX_SECRETKEYBYTES, NULL, 0, seed, HBOX_BOX_SEEDBYTES);
	hbox_x25519_base(pk, sk);
}

int hbox_box_beforenm(uint8_t k[HBOX_BOX_BEFORENMBYTES], const uint8_t pk[HBOX_BOX_PUBLICKEYBYTES],
                      const uint8_t sk[HBOX_BOX_SECRETKEYBYTES])
{
	static const uint8_t zero[HBOX_HSALSA20_INBYTES] = {0};
	uint8_t s[HBOX_X25519_BYTES];
	int r;

	r = hbox_x25519(s, sk, pk);
	hbox_hsalsa20(k, s, zero);
	box_mask(k, HBOX_BOX_BEFORENMBYTES, box_keep(r));
	hbox_wipe(s, sizeof s);
	return r;
}

void hbox_box_afternm(uint8_t *c, const uint8_t *m, size_t mlen,
                      const uint8_t nonce[HBOX_BOX_NONCEBYTES],
                      const uint8_t k[HBOX_BOX_BEFORENMBYTES])
{
	hbox_secretbox(c, m, mlen, nonce, k);
}

int hbox_box_open_afternm(uint8_t *m, const uint8_t *c, size_t clen,
                          const uint8_t nonce[HBOX_BOX_NONCEBYTES],
                          const uint8_t k[HBOX_BOX_BEFORENMBYTES])
{
	return hbox_secretbox_open(m, c, clen, nonce, k);
}

int hbox_box(uint8_t *c, const uint8_t *m, size_t mlen, const uint8_t nonce[HBOX_BOX_NONCEBYTES],
             const uint8_t pk[HBOX_BOX_PUBLICKEYBYTES], const uint8_t sk[HBOX_BOX_SECRETKEYBYTES])
{
	uint8_t k[HBOX_BOX_BEFORENMBYTES];
	int r;

	r = hbox_box_beforenm(k, pk, sk);
	hbox_secretbox(c, m, mlen, nonce, k);
	box_mask(c, mlen + HBOX_BOX_MACBYTES, box_keep(r));
	hbox_wipe(k, sizeof k);
	return r;
}

int hbox_box_open(uint8_t *m, const uint8_t *c, size_t clen,
                  const uint8_t nonce[HBOX_BOX_NONCEBYTES],
                  const uint8_t pk[HBOX_BOX_PUBLICKEYBYTES],
                  const uint8_t sk[HBOX_BOX_SECRETKEYBYTES])
{
	uint8_t k[HBOX_BOX_BEFORENMBYTES];
	int r;

	if (clen < HBOX_BOX_MACBYTES)
		return -1; /* public length check; m has no bytes */
	/* With a small-order pk, k is zeroed: a key anyone knows, under which
	 * anyone can forge a box. Hence both verdicts must pass. */
	r = hbox_box_beforenm(k, pk, sk);
	r |= hbox_secretbox_open(m, c, clen, nonce, k);
	box_mask(m, clen - HBOX_BOX_MACBYTES, box_keep(r));
	hbox_wipe(k, sizeof k);
	return r;
}

/* nonce = BLAKE2b-192(epk || pk), unkeyed (libsodium's sealed box nonce). */
static void box_seal_nonce(uint8_t nonce[HBOX_BOX_NONCEBYTES],
                           const uint8_t epk[HBOX_BOX_PUBLICKEYBYTES],
                           const uint8_t pk[HBOX_BOX_PUBLICKEYBYTES])
{
	uint8_t in[2 * HBOX_BOX_PUBLICKEYBYTES];

	memcpy(in, epk, HBOX_BOX_PUBLICKEYBYTES);
	memcpy(in + HBOX_BOX_PUBLICKEYBYTES, pk, HBOX_BOX_PUBLICKEYBYTES);
	/* Cannot fail with these lengths. */
	(void)hbox_blake2b(nonce, HBOX_BOX_NONCEBYTES, NULL, 0, in, sizeof in);
}

int hb_box_seal_derand(uint8_t *c, const uint8_t *m, size_t mlen, const uint8_t pk[32],
                       const uint8_t esk[32])
{
	uint8_t epk[HBOX_BOX_PUBLICKEYBYTES], nonce[HBOX_BOX_NONCEBYTES];
	int r;

	hbox_x25519_base(epk, esk);
	box_seal_nonce(nonce, epk, pk);
	/* The box goes first and epk last, so m may overlap c in any way. */
	r = hbox_box(c + HBOX_BOX_PUBLICKEYBYTES, m, mlen, nonce, pk, esk);
	memcpy(c, epk, HBOX_BOX_PUBLICKEYBYTES);
	box_mask(c, HBOX_BOX_PUBLICKEYBYTES, box_keep(r));
	return r;
}

int hbox_box_seal(uint8_t *c, const uint8_t *m, size_t mlen,
                  const uint8_t pk[HBOX_BOX_PUBLICKEYBYTES])
{
	uint8_t esk[HBOX_BOX_SECRETKEYBYTES];
	int r;

	if (hbox_randombytes(esk, sizeof esk) != 0) {
		memset(c, 0, mlen + HBOX_BOX_SEALBYTES);
		return -1;
	}
	r = hb_box_seal_derand(c, m, mlen, pk, esk);
	hbox_wipe(esk, sizeof esk);
	return r;
}

int hbox_box_seal_open(uint8_t *m, const uint8_t *c, size_t clen,
                       const uint8_t pk[HBOX_BOX_PUBLICKEYBYTES],
                       const uint8_t sk[HBOX_BOX_SECRETKEYBYTES])
{
	uint8_t epk[HBOX_BOX_PUBLICKEYBYTES], nonce[HBOX_BOX_NONCEBYTES];

	if (clen < HBOX_BOX_SEALBYTES)
		return -1; /* public length check; m has no bytes */
	/* Copy epk before m is written (m may overlap c). */
	memcpy(epk, c, HBOX_BOX_PUBLICKEYBYTES);
	box_seal_nonce(nonce, epk, pk);
	return hbox_box_open(m, c + HBOX_BOX_PUBLICKEYBYTES, clen - HBOX_BOX_PUBLICKEYBYTES, nonce,
	                     epk, sk);
}

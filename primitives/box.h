/*
 * box.h - NaCl box and libsodium-compatible sealed box.
 *
 * box (crypto_box_curve25519xsalsa20poly1305, libsodium _easy layout):
 *   k = HSalsa20(X25519(sk, pk), 16 zero bytes)   (hbox_box_beforenm)
 *   c = secretbox(m, nonce, k) = tag (16) || ciphertext (mlen)
 * so c is mlen + 16 bytes, byte for byte what crypto_box_easy gives.
 *
 * sealed box (libsodium crypto_box_seal): an anonymous box to pk.
 *   (epk, esk) = fresh key pair
 *   nonce = BLAKE2b(epk || pk), 24-byte output, no key
 *   c = epk (32) || box(m, nonce, pk, esk)        (mlen + 48 bytes)
 * Only the holder of pk's secret key can open it; the sender is anonymous
 * and cannot open it either (esk is wiped).
 *
 * Failure (-1) always leaves every output zeroed. The reasons are: a
 * forged or corrupted box, a too short c, a peer public key of small order
 * (the X25519 result would be all zero: hbox_x25519), or a failed random
 * source. The functions do not branch on any secret-derived value, the
 * verdict included: it is returned, never acted upon inside.
 *
 * Aliasing: c and m may overlap in any way (as in hbox_secretbox); keys,
 * nonces and pk must not overlap c or m.
 */
#ifndef HOPEBOX_BOX_H
#define HOPEBOX_BOX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_BOX_PUBLICKEYBYTES 32
#define HBOX_BOX_SECRETKEYBYTES 32
#define HBOX_BOX_SEEDBYTES 32
#define HBOX_BOX_BEFORENMBYTES 32
#define HBOX_BOX_NONCEBYTES 24
#define HBOX_BOX_MACBYTES 16
#define HBOX_BOX_SEALBYTES 48 /* HBOX_BOX_PUBLICKEYBYTES + HBOX_BOX_MACBYTES */

/*
 * New key pair: sk = 32 random bytes from hbox_randombytes, pk =
 * hbox_x25519_base(sk). Returns 0, or -1 when the random source fails
 * (pk and sk zeroed).
 */
int hbox_box_keypair(uint8_t pk[HBOX_BOX_PUBLICKEYBYTES], uint8_t sk[HBOX_BOX_SECRETKEYBYTES]);

/*
 * Deterministic key pair from a 32-byte secret seed:
 * sk = BLAKE2b(seed) with a 32-byte output (unkeyed), pk = X25519(sk, 9).
 *
 * NOT libsodium's crypto_box_seed_keypair, which takes the first 32 bytes
 * of SHA-512(seed); hopebox has no SHA-512, so the same seed gives a
 * different key pair here. Key pairs themselves are interchangeable: any
 * 32-byte sk works with both libraries.
 * seed may alias sk.
 */
void hbox_box_seed_keypair(uint8_t pk[HBOX_BOX_PUBLICKEYBYTES], uint8_t sk[HBOX_BOX_SECRETKEYBYTES],
                           const uint8_t seed[HBOX_BOX_SEEDBYTES]);

/*
 * Precompute the box key shared by (pk, sk): k = HSalsa20(X25519(sk, pk),
 * 0^16) (crypto_box_beforenm). Returns 0, or -1 with k zeroed when pk has
 * small order.
 */
int hbox_box_beforenm(uint8_t k[HBOX_BOX_BEFORENMBYTES], const uint8_t pk[HBOX_BOX_PUBLICKEYBYTES],
                      const uint8_t sk[HBOX_BOX_SECRETKEYBYTES]);

/*
 * Box m[0..mlen) with a precomputed key: c (mlen + 16 bytes) = tag ||
 * ciphertext. Exactly hbox_secretbox with key k. Never reuse a nonce with
 * the same k (the same pair of keys, in either direction).
 */
void hbox_box_afternm(uint8_t *c, const uint8_t *m, size_t mlen,
                      const uint8_t nonce[HBOX_BOX_NONCEBYTES],
                      const uint8_t k[HBOX_BOX_BEFORENMBYTES]);

/*
 * Open c[0..clen) with a precomputed key into m (clen - 16 bytes).
 * Returns 0, or -1 when clen < 16 or the tag does not verify (then
 * m[0..clen - 16) is zeroed).
 */
int hbox_box_open_afternm(uint8_t *m, const uint8_t *c, size_t clen,
                          const uint8_t nonce[HBOX_BOX_NONCEBYTES],
                          const uint8_t k[HBOX_BOX_BEFORENMBYTES]);

/*
 * Box m[0..mlen) from the owner of sk to the owner of pk: c (mlen + 16
 * bytes) = tag || ciphertext (crypto_box_easy). Returns 0, or -1 when pk
 * has small order (c zeroed). The caller ensures mlen + 16 fits in size_t.
 */
int hbox_box(uint8_t *c, const uint8_t *m, size_t mlen, const uint8_t nonce[HBOX_BOX_NONCEBYTES],
             const uint8_t pk[HBOX_BOX_PUBLICKEYBYTES], const uint8_t sk[HBOX_BOX_SECRETKEYBYTES]);

/*
 * Open a box c[0..clen) sent by the owner of pk to the owner of sk into m
 * (clen - 16 bytes) (crypto_box_open_easy). Returns 0, or -1 when clen <
 * 16, the tag does not verify or pk has small order (m[0..clen - 16)
 * zeroed when clen >= 16).
 */
int hbox_box_open(uint8_t *m, const uint8_t *c, size_t clen,
                  const uint8_t nonce[HBOX_BOX_NONCEBYTES],
                  const uint8_t pk[HBOX_BOX_PUBLICKEYBYTES],
                  const uint8_t sk[HBOX_BOX_SECRETKEYBYTES]);

/*
 * Seal m[0..mlen) for the owner of pk: c (mlen + 48 bytes) = epk || tag ||
 * ciphertext, with a fresh ephemeral key pair (crypto_box_seal). Returns
 * 0, or -1 when the random source fails or pk has small order (c zeroed).
 * The caller ensures mlen + 48 fits in size_t.
 */
int hbox_box_seal(uint8_t *c, const uint8_t *m, size_t mlen,
                  const uint8_t pk[HBOX_BOX_PUBLICKEYBYTES]);

/*
 * Open a sealed box c[0..clen) with the recipient's key pair (pk, sk) into
 * m (clen - 48 bytes) (crypto_box_seal_open). Returns 0, or -1 when
 * clen < 48 (m has no bytes and is not touched), the tag does not verify
 * or the embedded epk has small order (m[0..clen - 48) zeroed).
 */
int hbox_box_seal_open(uint8_t *m, const uint8_t *c, size_t clen,
                       const uint8_t pk[HBOX_BOX_PUBLICKEYBYTES],
                       const uint8_t sk[HBOX_BOX_SECRETKEYBYTES]);

#ifdef __cplusplus
}
#endif

#endif

/*
 * aead.h - ChaCha20-Poly1305 (RFC 8439) and XChaCha20-Poly1305 AEAD, detached tags.
 *
 * AEAD_CHACHA20_POLY1305 (RFC 8439 section 2.8): the Poly1305 one-time key is
 * the first 32 bytes of ChaCha20 block 0 under (key, nonce); the message is
 * encrypted with ChaCha20 from block counter 1; the tag is Poly1305 over
 *   ad || pad16 || ciphertext || pad16 || le64(adlen) || le64(len).
 * Byte-compatible with libsodium's crypto_aead_chacha20poly1305_ietf_*.
 *
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03 section 2.3): the same AEAD
 * under the subkey HChaCha20(key, nonce[0..16]) and the 12-byte nonce
 * 00 00 00 00 || nonce[16..24]. Byte-compatible with libsodium's
 * crypto_aead_xchacha20poly1305_ietf_*. Its 24-byte nonce may be chosen at
 * random; the 12-byte nonce of the IETF variant may not (use a counter).
 *
 * Never encrypt two messages under the same (key, nonce): that reveals the
 * XOR of the plaintexts and the Poly1305 key, which allows forgeries.
 *
 * Aliasing, for every function here: ct may equal pt (in-place); any other
 * overlap between pt, ct, tag, ad, nonce and key is not allowed. Pointers may
 * be NULL when the matching length is 0.
 *
 * Length limit: the 32-bit block counter starts at 1, so one message holds at
 * most 2^32 - 1 blocks: len <= HBOX_AEAD_CHACHA20POLY1305_MESSAGEBYTES_MAX
 * (2^38 - 64 bytes, as in libsodium). Only reachable where size_t has more
 * than 32 bits. Encrypting more is refused (see _encrypt); decrypting more
 * returns -1.
 */
#ifndef HOPEBOX_AEAD_H
#define HOPEBOX_AEAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_AEAD_CHACHA20POLY1305_KEYBYTES 32
#define HBOX_AEAD_CHACHA20POLY1305_NONCEBYTES 12
#define HBOX_AEAD_CHACHA20POLY1305_ABYTES 16 /* tag */
#define HBOX_AEAD_CHACHA20POLY1305_MESSAGEBYTES_MAX 274877906880ull /* 2^38 - 64 */

#define HBOX_AEAD_XCHACHA20POLY1305_KEYBYTES 32
#define HBOX_AEAD_XCHACHA20POLY1305_NONCEBYTES 24
#define HBOX_AEAD_XCHACHA20POLY1305_ABYTES 16
#define HBOX_AEAD_XCHACHA20POLY1305_MESSAGEBYTES_MAX 274877906880ull /* 2^38 - 64 */

/*
 * Encrypt pt[0..len) into ct[0..len) and authenticate it together with
 * ad[0..adlen) (sent in clear, not encrypted).
 *
 * ct:    len bytes of ciphertext (may equal pt)
 * tag:   16-byte authentication tag
 * pt:    len bytes of plaintext
 * ad:    adlen bytes of associated data, or NULL when adlen is 0
 * nonce: 12 bytes, never used twice with the same key
 * key:   32-byte secret key
 *
 * Precondition: len <= HBOX_AEAD_CHACHA20POLY1305_MESSAGEBYTES_MAX. A longer
 * len would repeat keystream, so nothing is encrypted: ct and tag are
 * zeroed instead (and no decryption accepts that length).
 */
void hbox_aead_chacha20poly1305_encrypt(uint8_t *ct, uint8_t tag[HBOX_AEAD_CHACHA20POLY1305_ABYTES],
                                        const uint8_t *pt, size_t len, const uint8_t *ad,
                                        size_t adlen,
                                        const uint8_t nonce[HBOX_AEAD_CHACHA20POLY1305_NONCEBYTES],
                                        const uint8_t key[HBOX_AEAD_CHACHA20POLY1305_KEYBYTES]);

/*
 * Check tag against ct[0..len) and ad[0..adlen) in constant time, and only
 * if it matches decrypt ct into pt[0..len).
 *
 * pt:    len bytes of plaintext (may equal ct)
 * ct, len, tag, ad, adlen, nonce, key: as given to / produced by _encrypt
 *
 * Returns 0 on success. Returns -1 when the tag does not match or len is
 * above the limit; then pt[0..len) is zeroed (when pt == ct that erases the
 * ciphertext) and no plaintext byte was ever written. The verdict is not
 * branched on: a rejected message costs as much as an accepted one.
 */
int hbox_aead_chacha20poly1305_decrypt(uint8_t *pt, const uint8_t *ct, size_t len,
                                       const uint8_t tag[HBOX_AEAD_CHACHA20POLY1305_ABYTES],
                                       const uint8_t *ad, size_t adlen,
                                       const uint8_t nonce[HBOX_AEAD_CHACHA20POLY1305_NONCEBYTES],
                                       const uint8_t key[HBOX_AEAD_CHACHA20POLY1305_KEYBYTES]);

/* As hbox_aead_chacha20poly1305_encrypt, with a 24-byte (random-safe) nonce. */
void hbox_aead_xchacha20poly1305_encrypt(
	uint8_t *ct, uint8_t tag[HBOX_AEAD_XCHACHA20POLY1305_ABYTES], const uint8_t *pt, size_t len,
	const uint8_t *ad, size_t adlen, const uint8_t nonce[HBOX_AEAD_XCHACHA20POLY1305_NONCEBYTES],
	const uint8_t key[HBOX_AEAD_XCHACHA20POLY1305_KEYBYTES]);

/* As hbox_aead_chacha20poly1305_decrypt, with a 24-byte nonce. */
int hbox_aead_xchacha20poly1305_decrypt(
	uint8_t *pt, const uint8_t *ct, size_t len,
	const uint8_t tag[HBOX_AEAD_XCHACHA20POLY1305_ABYTES], const uint8_t *ad, size_t adlen,
	const uint8_t nonce[HBOX_AEAD_XCHACHA20POLY1305_NONCEBYTES],
	const uint8_t key[HBOX_AEAD_XCHACHA20POLY1305_KEYBYTES]);

#ifdef __cplusplus
}
#endif

#endif

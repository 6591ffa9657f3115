/*
 * secretbox.h - NaCl secretbox (XSalsa20-Poly1305), libsodium easy layout.
 *
 * Output layout: c = tag (16 bytes) || ciphertext (mlen bytes), exactly what
 * libsodium's crypto_secretbox_easy produces (NaCl's crypto_secretbox output
 * without its 16 leading zero bytes). Construction (NaCl): subkey =
 * HSalsa20(key, nonce[0..16]); keystream = Salsa20(subkey, nonce[16..24])
 * from block 0; its first 32 bytes are the Poly1305 key, the message is
 * XORed with the keystream from byte 32 on, and the tag is Poly1305 over the
 * ciphertext.
 *
 * The 24-byte nonce may be chosen at random. Never reuse a (key, nonce) pair.
 *
 * Aliasing: c and m may overlap in any way (the libsodium rules): m == c
 * encrypts a buffer in place with the output shifted by 16 bytes, and
 * m == c + 16 leaves the plaintext where the ciphertext goes. Overlaps other
 * than m == c + 16 cost one extra memmove. nonce and key must not overlap
 * c or m.
 */
#ifndef HOPEBOX_SECRETBOX_H
#define HOPEBOX_SECRETBOX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_SECRETBOX_KEYBYTES 32
#define HBOX_SECRETBOX_NONCEBYTES 24
#define HBOX_SECRETBOX_MACBYTES 16

/*
 * Encrypt and authenticate m[0..mlen).
 *
 * c:     mlen + 16 bytes: tag || ciphertext
 * m:     mlen bytes of plaintext (NULL allowed when mlen is 0)
 * nonce: 24 bytes, never used twice with the same key
 * key:   32-byte secret key
 *
 * The caller must ensure mlen + 16 does not overflow size_t.
 */
void hbox_secretbox(uint8_t *c, const uint8_t *m, size_t mlen,
                    const uint8_t nonce[HBOX_SECRETBOX_NONCEBYTES],
                    const uint8_t key[HBOX_SECRETBOX_KEYBYTES]);

/*
 * Verify and decrypt c[0..clen) = tag || ciphertext.
 *
 * m:     clen - 16 bytes of plaintext
 * c:     clen bytes as produced by hbox_secretbox
 * nonce, key: as given to hbox_secretbox
 *
 * The tag is checked in constant time before anything is decrypted, and the
 * verdict is not branched on (a rejected box costs as much as an accepted
 * one). Returns 0 on success. Returns -1 when clen < 16 (m is not touched:
 * it has no bytes) or when the tag does not match; then m[0..clen - 16) is
 * zeroed and no plaintext byte was ever written to m.
 */
int hbox_secretbox_open(uint8_t *m, const uint8_t *c, size_t clen,
                        const uint8_t nonce[HBOX_SECRETBOX_NONCEBYTES],
                        const uint8_t key[HBOX_SECRETBOX_KEYBYTES]);

#ifdef __cplusplus
}
#endif

#endif

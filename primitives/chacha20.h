/*
 * chacha20.h - ChaCha20 (RFC 8439 and the original 64-bit nonce variant),
 * HChaCha20 and XChaCha20.
 *
 * All stream functions XOR the keystream into `in` and write the result to
 * `out`; with in == NULL they write the keystream itself. out may equal in
 * (in-place); any other overlap of out and in is not allowed. len may be 0
 * (nothing is read or written; out and in may then be NULL).
 *
 * These are bare stream ciphers: no authentication. Never reuse a
 * (key, nonce) pair for two messages. Use the AEAD (aead.h) unless you know
 * why you need the raw cipher.
 */
#ifndef HOPEBOX_CHACHA20_H
#define HOPEBOX_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_CHACHA20_KEYBYTES 32
#define HBOX_CHACHA20_BLOCKBYTES 64
#define HBOX_CHACHA20_NONCEBYTES 8       /* original layout */
#define HBOX_CHACHA20_IETF_NONCEBYTES 12 /* RFC 8439 */
#define HBOX_XCHACHA20_NONCEBYTES 24
#define HBOX_HCHACHA20_INBYTES 16
#define HBOX_HCHACHA20_OUTBYTES 32

/*
 * ChaCha20 as in RFC 8439 section 2.4: 96-bit nonce, 32-bit block counter.
 *
 * out:     len bytes: in XOR keystream (or the keystream when in is NULL)
 * in:      len bytes, or NULL
 * key:     32-byte secret key
 * nonce:   12-byte nonce (state words 13..15)
 * counter: block number of the first keystream block (state word 12); the
 *          RFC 8439 AEAD uses 1 for the message, 0 for the Poly1305 key.
 *
 * Counter overflow: the block counter is a 32-bit word and wraps modulo
 * 2^32, as the RFC's arithmetic defines, so a call that runs past block
 * 2^32 - 1 continues with block 0 and REPEATS keystream. It is the caller's
 * job to keep counter + ceil(len / 64) <= 2^32 (at most 256 GiB per nonce);
 * the AEAD layer enforces its limit. (libsodium aborts the process in this
 * case instead; a void function here cannot report it.)
 */
void hbox_chacha20_ietf(uint8_t *out, const uint8_t *in, size_t len,
                        const uint8_t key[HBOX_CHACHA20_KEYBYTES],
                        const uint8_t nonce[HBOX_CHACHA20_IETF_NONCEBYTES], uint32_t counter);

/*
 * ChaCha20 in D. J. Bernstein's original layout: 64-bit block counter in
 * state words 12-13 (little-endian: low word first), 64-bit nonce in words
 * 14-15. This is the variant the NewHope reference uses. The counter never
 * wraps in practice (2^64 blocks).
 *
 * out, in, len, key: as hbox_chacha20_ietf
 * nonce:   8-byte nonce
 * counter: block number of the first keystream block
 *
 * For counter + blocks <= 2^32 the output equals hbox_chacha20_ietf with
 * nonce 00 00 00 00 || nonce.
 */
void hbox_chacha20(uint8_t *out, const uint8_t *in, size_t len,
                   const uint8_t key[HBOX_CHACHA20_KEYBYTES],
                   const uint8_t nonce[HBOX_CHACHA20_NONCEBYTES], uint64_t counter);

/*
 * HChaCha20 (draft-irtf-cfrg-xchacha-03 section 2.2): the 20-round ChaCha
 * permutation of (constants, key, in) without the final addition; output is
 * state words 0..3 and 12..15. Used to derive the XChaCha20 subkey.
 *
 * out: 32-byte derived key (secret)
 * key: 32-byte secret key
 * in:  16 bytes (state words 12..15), e.g. the first 16 bytes of a nonce
 * out may equal key.
 */
void hbox_hchacha20(uint8_t out[HBOX_HCHACHA20_OUTBYTES],
                    const uint8_t key[HBOX_CHACHA20_KEYBYTES],
                    const uint8_t in[HBOX_HCHACHA20_INBYTES]);

/*
 * XChaCha20 (draft-irtf-cfrg-xchacha-03 section 2.3): subkey =
 * HChaCha20(key, nonce[0..16]), then ChaCha20 with that subkey and the last
 * 8 nonce bytes, starting at block `counter`.
 *
 * The second stage uses the original 64-bit-counter layout (as libsodium's
 * crypto_stream_xchacha20 does). While counter + blocks <= 2^32 this is
 * exactly the draft's ChaCha20-IETF(subkey, 00000000 || nonce[16..24]);
 * beyond that the counter carries into word 13 instead of wrapping.
 *
 * out, in, len: as hbox_chacha20_ietf
 * key:     32-byte secret key
 * nonce:   24-byte nonce (random nonces are safe at this size)
 * counter: block number of the first keystream block
 */
void hbox_xchacha20(uint8_t *out, const uint8_t *in, size_t len,
                    const uint8_t key[HBOX_CHACHA20_KEYBYTES],
                    const uint8_t nonce[HBOX_XCHACHA20_NONCEBYTES], uint64_t counter);

#ifdef __cplusplus
}
#endif

#endif

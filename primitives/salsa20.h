/*
 * salsa20.h - Salsa20 core, Salsa20, HSalsa20, XSalsa20 (as in NaCl).
 *
 * All stream functions XOR the keystream into `in` and write the result to
 * `out`; with in == NULL they write the keystream itself. out may equal in
 * (in-place); any other overlap of out and in is not allowed. len may be 0
 * (nothing is read or written; out and in may then be NULL).
 *
 * These are bare stream ciphers: no authentication. Never reuse a
 * (key, nonce) pair. Use secretbox (secretbox.h) for encryption.
 *
 * For XSalsa20-Poly1305 (secretbox) the efficient recipe is:
 *     hbox_hsalsa20(subkey, key, nonce);                      once
 *     hbox_salsa20(block0, NULL, 64, subkey, nonce + 16, 0);   Poly1305 key =
 *                                                              block0[0..32]
 *     c[i] = m[i] ^ block0[32 + i] for i < min(mlen, 32)
 *     hbox_salsa20(c + 32, m + 32, mlen - 32, subkey, nonce + 16, 1)   if mlen > 32
 * which gives exactly the XSalsa20 stream from byte 32 on, without copying
 * the message.
 */
#ifndef HOPEBOX_SALSA20_H
#define HOPEBOX_SALSA20_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_SALSA20_KEYBYTES 32
#define HBOX_SALSA20_BLOCKBYTES 64
#define HBOX_SALSA20_NONCEBYTES 8
#define HBOX_SALSA20_COREINBYTES 16
#define HBOX_XSALSA20_NONCEBYTES 24
#define HBOX_HSALSA20_INBYTES 16
#define HBOX_HSALSA20_OUTBYTES 32

/*
 * The Salsa20/20 core (hash) function with the 32-byte-key constants
 * "expand 32-byte k" (NaCl crypto_core_salsa20 with that constant): the
 * 64-byte block Salsa20_key(in), where in = nonce || block counter (both
 * little-endian 64-bit for the stream cipher).
 *
 * out: 64-byte block (secret)
 * key: 32-byte secret key
 * in:  16 bytes (state words 6..9)
 */
void hbox_salsa20_core(uint8_t out[HBOX_SALSA20_BLOCKBYTES],
                       const uint8_t key[HBOX_SALSA20_KEYBYTES],
                       const uint8_t in[HBOX_SALSA20_COREINBYTES]);

/*
 * Salsa20/20 stream: block i of the keystream is
 * hbox_salsa20_core(key, nonce || le64(counter + i)).
 *
 * out:     len bytes: in XOR keystream (or the keystream when in is NULL)
 * in:      len bytes, or NULL
 * key:     32-byte secret key
 * nonce:   8-byte nonce
 * counter: block number of the first keystream block (64-bit; it never
 *          wraps in practice)
 */
void hbox_salsa20(uint8_t *out, const uint8_t *in, size_t len,
                  const uint8_t key[HBOX_SALSA20_KEYBYTES],
                  const uint8_t nonce[HBOX_SALSA20_NONCEBYTES], uint64_t counter);

/*
 * HSalsa20 (Bernstein, "Extending the Salsa20 nonce", section 2): the
 * Salsa20 rounds over (constants, key, in) without the final addition;
 * output is state words 0, 5, 10, 15, 6, 7, 8, 9. Used for the XSalsa20
 * subkey and for the NaCl box key (HSalsa20(shared secret, 16 zero bytes)).
 *
 * out: 32-byte derived key (secret)
 * key: 32-byte secret key
 * in:  16 bytes
 * out may equal key.
 */
void hbox_hsalsa20(uint8_t out[HBOX_HSALSA20_OUTBYTES], const uint8_t key[HBOX_SALSA20_KEYBYTES],
                   const uint8_t in[HBOX_HSALSA20_INBYTES]);

/*
 * XSalsa20: subkey = HSalsa20(key, nonce[0..16]), then the Salsa20 stream
 * with that subkey, nonce[16..24] and block counter 0 (NaCl
 * crypto_stream_xsalsa20_xor).
 *
 * out, in, len: as hbox_salsa20
 * key:   32-byte secret key
 * nonce: 24-byte nonce (random nonces are safe at this size)
 */
void hbox_xsalsa20(uint8_t *out, const uint8_t *in, size_t len,
                   const uint8_t key[HBOX_SALSA20_KEYBYTES],
                   const uint8_t nonce[HBOX_XSALSA20_NONCEBYTES]);

#ifdef __cplusplus
}
#endif

#endif

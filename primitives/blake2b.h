/*
 * blake2b.h - BLAKE2b (RFC 7693), keyed, 1..64-byte output.
 *
 * The output length and key length are parameters of the hash (they enter
 * the initial state), so BLAKE2b-192 of a message is not a prefix of
 * BLAKE2b-512 of it. libsodium's crypto_generichash is this function.
 */
#ifndef HOPEBOX_BLAKE2B_H
#define HOPEBOX_BLAKE2B_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_BLAKE2B_BYTES_MIN 1     /* shortest digest */
#define HBOX_BLAKE2B_BYTES_MAX 64    /* longest digest */
#define HBOX_BLAKE2B_BYTES 32        /* a sensible default digest length */
#define HBOX_BLAKE2B_KEYBYTES_MAX 64 /* longest key (0 = unkeyed) */
#define HBOX_BLAKE2B_BLOCKBYTES 128  /* compression block */

/*
 * Incremental state; a plain struct without pointers (copyable). Treat the
 * fields as private: h the chain value, t the byte counter (128 bits), buf
 * the not yet compressed bytes (kept back until more input arrives, because
 * the last block is compressed differently), buflen how many, outlen the
 * digest length.
 */
typedef struct hbox_blake2b_ctx {
	uint64_t h[8];
	uint64_t t[2];
	uint8_t buf[HBOX_BLAKE2B_BLOCKBYTES];
	uint32_t buflen;
	uint32_t outlen;
} hbox_blake2b_ctx;

/*
 * out[0..outlen) = BLAKE2b with outlen-byte output, keyed with
 * key[0..keylen) (keylen 0: unkeyed, key may be NULL), of in[0..inlen) (in
 * may be NULL when inlen is 0).
 * Returns 0, or -1 when outlen is not in 1..64 or keylen exceeds 64 (then
 * out[0..outlen) is zeroed). out may overlap in or key (all input is read
 * before out is written).
 */
int hbox_blake2b(uint8_t *out, size_t outlen, const uint8_t *key, size_t keylen,
                 const uint8_t *in, size_t inlen);

/*
 * Start an incremental hash with outlen-byte output and key[0..keylen)
 * (keylen 0: unkeyed, key may be NULL). Returns 0, or -1 when outlen is not
 * in 1..64 or keylen exceeds 64; then ctx is zeroed and _update/_final on it
 * produce nothing.
 */
int hbox_blake2b_init(hbox_blake2b_ctx *ctx, size_t outlen, const uint8_t *key, size_t keylen);

/* Hash in[0..len) (in may be NULL when len is 0); call any number of times. */
void hbox_blake2b_update(hbox_blake2b_ctx *ctx, const uint8_t *in, size_t len);

/*
 * Write the digest (the outlen given to _init) to out and wipe ctx (the
 * key stays in ctx until this call).
 */
void hbox_blake2b_final(hbox_blake2b_ctx *ctx, uint8_t *out);

#ifdef __cplusplus
}
#endif

#endif

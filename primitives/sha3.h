/*
 * sha3.h - SHA3-256, SHAKE-128, SHAKE-256 (FIPS 202).
 *
 * All three are the Keccak-f[1600] sponge with different rates and
 * padding: SHA3-256 absorbs 136-byte blocks and pads with 0x06, SHAKE-128
 * absorbs 168-byte blocks and SHAKE-256 136-byte blocks, both padding with
 * 0x1F (FIPS 202 sections 6.1, 6.2 and B.2).
 *
 * Contexts are plain structs without pointers: they may be copied (to fork a
 * hash of a common prefix) and live on the stack. Wipe them when done if the
 * input was secret (the _final functions and hbox_shake_wipe do).
 */
#ifndef HOPEBOX_SHA3_H
#define HOPEBOX_SHA3_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_SHA3_256_BYTES 32      /* SHA3-256 digest */
#define HBOX_SHA3_256_BLOCKBYTES 136 /* SHA3-256 rate */
#define HBOX_SHAKE128_BLOCKBYTES 168 /* SHAKE-128 rate */
#define HBOX_SHAKE256_BLOCKBYTES 136 /* SHAKE-256 rate */

/*
 * Keccak sponge state shared by SHAKE and SHA3-256. Treat the fields as
 * private: lanes are the 25 64-bit words of the state, rate the block size
 * in bytes, pos the offset inside the current block (of input while
 * absorbing, of output while squeezing) and squeezing is 1 once output has
 * been requested.
 */
typedef struct hbox_shake_ctx {
	uint64_t lanes[25];
	uint32_t rate;
	uint32_t pos;
	uint32_t squeezing;
} hbox_shake_ctx;

/* Incremental SHA3-256: a sponge with the SHA3 padding. */
typedef struct hbox_sha3_256_ctx {
	hbox_shake_ctx sponge;
} hbox_sha3_256_ctx;

/*
 * SHA3-256 of in[0..len). in may be NULL when len is 0; out may overlap in
 * (all input is read before out is written).
 */
void hbox_sha3_256(uint8_t out[HBOX_SHA3_256_BYTES], const uint8_t *in, size_t len);

/* Start an incremental SHA3-256. */
void hbox_sha3_256_init(hbox_sha3_256_ctx *ctx);

/* Hash in[0..len) (in may be NULL when len is 0); call any number of times. */
void hbox_sha3_256_update(hbox_sha3_256_ctx *ctx, const uint8_t *in, size_t len);

/* Write the digest of everything passed to _update and wipe ctx. */
void hbox_sha3_256_final(hbox_sha3_256_ctx *ctx, uint8_t out[HBOX_SHA3_256_BYTES]);

/*
 * The first outlen bytes of SHAKE-128(in[0..inlen)). in may be NULL when
 * inlen is 0, out may be NULL when outlen is 0; out may overlap in (all
 * input is read before out is written).
 */
void hbox_shake128(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen);

/* As hbox_shake128, with SHAKE-256. */
void hbox_shake256(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen);

/*
 * Incremental SHAKE (extendable output):
 *   hbox_shake128_init(&c);          (or hbox_shake256_init)
 *   hbox_shake_absorb(&c, in, len);  any number of times, any lengths
 *   hbox_shake_squeeze(&c, out, n);  any number of times, any lengths
 *   hbox_shake_wipe(&c);
 * The concatenated output of all squeeze calls equals one long squeeze of
 * the total length. Absorbing after the first squeeze is not allowed: such
 * a call is ignored (the input is dropped and the output stream does not
 * change). Start a new context to hash more.
 */
void hbox_shake128_init(hbox_shake_ctx *ctx);
void hbox_shake256_init(hbox_shake_ctx *ctx);

/* Absorb in[0..len) (in may be NULL when len is 0). */
void hbox_shake_absorb(hbox_shake_ctx *ctx, const uint8_t *in, size_t len);

/*
 * Write the next len bytes of output to out (out may be NULL when len is
 * 0). The first call finishes absorbing (applies the padding).
 */
void hbox_shake_squeeze(hbox_shake_ctx *ctx, uint8_t *out, size_t len);

/* Zero the context (it may be initialised again afterwards). */
void hbox_shake_wipe(hbox_shake_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif

/*
 * sha256.h - SHA-256 (FIPS 180-4), one-shot and incremental.
 *
 * Contexts are plain structs without pointers. A running hash may be
 * snapshotted by copying its context (`snap = ctx;` or memcpy) and calling
 * hbox_sha256_final on the copy: the original goes on absorbing input
 * unchanged. Handshake transcripts use this to take the hash of a prefix.
 */
#ifndef HOPEBOX_SHA256_H
#define HOPEBOX_SHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_SHA256_BYTES 32      /* digest */
#define HBOX_SHA256_BLOCKBYTES 64 /* compression block */

/*
 * Incremental SHA-256 state. Treat the fields as private: state is the
 * chaining value, count the number of bytes absorbed so far, buf the bytes
 * of the current, incomplete block (count mod 64 of them).
 */
typedef struct hbox_sha256_ctx {
	uint32_t state[8];
	uint64_t count;
	uint8_t buf[HBOX_SHA256_BLOCKBYTES];
} hbox_sha256_ctx;

/*
 * out = SHA-256(in[0..len)). in may be NULL when len is 0; out may overlap
 * in (all input is read before out is written).
 */
void hbox_sha256(uint8_t out[HBOX_SHA256_BYTES], const uint8_t *in, size_t len);

/* Start an incremental SHA-256 (any previous content of ctx is ignored). */
void hbox_sha256_init(hbox_sha256_ctx *ctx);

/*
 * Absorb in[0..len); call any number of times with any lengths. in may be
 * NULL when len is 0 and must not overlap ctx.
 */
void hbox_sha256_update(hbox_sha256_ctx *ctx, const uint8_t *in, size_t len);

/*
 * Write the digest of everything absorbed since _init to out, then wipe
 * ctx (call _init again to reuse it). To take an intermediate digest and
 * keep hashing, call this on a copy of ctx.
 */
void hbox_sha256_final(hbox_sha256_ctx *ctx, uint8_t out[HBOX_SHA256_BYTES]);

#ifdef __cplusplus
}
#endif

#endif

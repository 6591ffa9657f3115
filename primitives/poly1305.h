/*
 * poly1305.h - Poly1305 one-time authenticator (RFC 8439 section 2.5).
 *
 * A Poly1305 key is ONE-TIME: r || s, 32 bytes, used for a single message.
 * Authenticating two different messages under the same key lets an attacker
 * forge tags. Use it inside a construction that derives a fresh key per
 * message (hbox_aead_*, hbox_secretbox) unless you know what you are doing.
 *
 * Two arithmetic paths give identical tags: radix 2^64 with 64x64->128-bit
 * products where the compiler has unsigned __int128 (gcc, clang on 64-bit
 * targets), radix 2^26 with 32x32->64-bit products elsewhere (or when
 * HB_POLY1305_32BIT is defined while compiling poly1305.c). On x86-64
 * builds with SIMD code, long runs of blocks (from 384 bytes) go to an
 * AVX-512 IFMA or AVX2 kernel when the CPU has it (see info.h,
 * hbox_cpu_override); the tags are the same.
 */
#ifndef HOPEBOX_POLY1305_H
#define HOPEBOX_POLY1305_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_POLY1305_BYTES 16    /* tag */
#define HBOX_POLY1305_KEYBYTES 32 /* one-time key r || s */

/*
 * Incremental state. Treat the fields as private. The layout does not depend
 * on the arithmetic path: r is the clamped r and s the second key half, as
 * little-endian 32-bit words; h is the accumulator (below 2^131, bits 128
 * and up in h[4]); buf holds nbuf (< 16) bytes of a block not yet
 * processed. No pointers: a context may be copied to fork a computation.
 */
typedef struct hbox_poly1305_ctx {
	uint32_t r[4];
	uint32_t s[4];
	uint32_t h[5];
	uint8_t buf[16];
	size_t nbuf;
} hbox_poly1305_ctx;

/*
 * tag = Poly1305(key, msg[0..len)). msg may be NULL when len is 0. tag may
 * overlap msg or key (all input is read before tag is written).
 */
void hbox_poly1305(uint8_t tag[HBOX_POLY1305_BYTES], const uint8_t *msg, size_t len,
                   const uint8_t key[HBOX_POLY1305_KEYBYTES]);

/*
 * Recompute the tag of msg[0..len) under key and compare it with tag in
 * constant time. Returns 0 when they match, -1 otherwise. Nothing is
 * written.
 */
int hbox_poly1305_verify(const uint8_t tag[HBOX_POLY1305_BYTES], const uint8_t *msg, size_t len,
                         const uint8_t key[HBOX_POLY1305_KEYBYTES]);

/*
 * Incremental interface:
 *   hbox_poly1305_init(&c, key);
 *   hbox_poly1305_update(&c, msg, len);   any number of times, any lengths
 *   hbox_poly1305_final(&c, tag);         writes the tag and wipes c
 * The tag equals hbox_poly1305 of the concatenated input.
 */
void hbox_poly1305_init(hbox_poly1305_ctx *ctx, const uint8_t key[HBOX_POLY1305_KEYBYTES]);

/* Absorb msg[0..len); msg may be NULL when len is 0. */
void hbox_poly1305_update(hbox_poly1305_ctx *ctx, const uint8_t *msg, size_t len);

/* Write the tag of everything absorbed, then wipe ctx. */
void hbox_poly1305_final(hbox_poly1305_ctx *ctx, uint8_t tag[HBOX_POLY1305_BYTES]);

#ifdef __cplusplus
}
#endif

#endif

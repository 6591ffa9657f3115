/*
 * hb_sha256.h - SHA-256 compression function, shared by SHA-256, HMAC and
 * PBKDF2 (private).
 */
#ifndef HB_SHA256_H
#define HB_SHA256_H

#include <stddef.h>
#include <stdint.h>

/*
 * Compress one block given as its 16 big-endian message words into
 * state. w is used as the message schedule and is overwritten (the caller
 * wipes it when the block was secret). state and w must not overlap.
 */
void hb_sha256_compress(uint32_t state[8], uint32_t w[16]);

/* Compress nblocks consecutive 64-byte blocks of in into state. */
void hb_sha256_blocks(uint32_t state[8], const uint8_t *in, size_t nblocks);

#endif

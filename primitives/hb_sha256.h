/*
 * hb_sha256.h - SHA-256 compression function, shared by SHA-256, HMAC and
 * PBKDF2 (private).
 */
#ifndef HB_SHA256_H
#define HB_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* FIPS 180-4 section 4.2.2 round constants (sha256.c). */
extern const uint32_t hb_sha256_k[64];

/*
 * Compress one block given as its 16 big-endian message words into
 * state. w is used as the message schedule and is overwritten (the caller
 * wipes it when the block was secret). state and w must not overlap.
 */
void hb_sha256_compress(uint32_t state[8], uint32_t w[16]);

/* Compress nblocks consecutive 64-byte blocks of in into state. */
void hb_sha256_blocks(uint32_t state[8], const uint8_t *in, size_t nblocks);

/*
 * SHA-NI kernels (sha256_shani.c), present when HB_X86_SIMD (hb_cpu.h) and
 * called only when hbox_cpu_features() has HBOX_CPU_SHA. Same contracts as
 * the portable functions, except that w is only read.
 */
void hb_sha256_blocks_shani(uint32_t state[8], const uint8_t *in, size_t nblocks);
void hb_sha256_compress_shani(uint32_t state[8], const uint32_t w[16]);

/*
 * The end of a hash: pad the last used (< 64) message bytes at buf (the
 * rest of the 64 bytes may hold anything and is not read), compress them
 * into a copy of state, and write the digest. bits is the message length
 * in bits. state and buf are not modified.
 */
void hb_sha256_final_shani(const uint32_t state[8], const uint8_t buf[64], size_t used,
                           uint64_t bits, uint8_t out[32]);

/*
 * PBKDF2 iterations 2..count+1 of one output block (pbkdf2_sha256.c):
 * on entry t holds U_1 as words, on return U_1 ^ ... ^ U_{count+1}, where
 * U_j = SHA-256(K0 ^ opad || SHA-256(K0 ^ ipad || U_{j-1})) and inner,
 * outer are the states after the K0 ^ ipad and K0 ^ opad blocks.
 * The _x2 form does two blocks at once (t[0..7] and t[8..15]).
 */
void hb_pbkdf2_sha256_shani(uint32_t t[8], const uint32_t inner[8], const uint32_t outer[8],
                            uint32_t count);
void hb_pbkdf2_sha256_x2_shani(uint32_t t[16], const uint32_t inner[8],
                               const uint32_t outer[8], uint32_t count);

#endif

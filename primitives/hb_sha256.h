/*
 * hb_sha256.h - SHA-256 compression function and the internal pieces
 * shared by SHA-256, HMAC, HKDF and PBKDF2 (private).
 */
#ifndef HB_SHA256_H
#define HB_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "hb_internal.h"
#include "sha256.h"

/* FIPS 180-4 section 4.2.2 round constants and section 5.3.3 initial
 * state (sha256.c). */
extern const uint32_t hb_sha256_k[64];
extern const uint32_t hb_sha256_h0[8];

/*
 * Compress one block given as its 16 big-endian message words into
 * state, with the portable rounds (for the portable paths of HMAC and
 * PBKDF2; their SHA-NI paths have kernels of their own). w is used as the
 * message schedule and is overwritten (the caller wipes it when the block
 * was secret). state and w must not overlap.
 */
void hb_sha256_compress(uint32_t state[8], uint32_t w[16]);

/* Compress nblocks consecutive 64-byte blocks of in into state (SHA-NI
 * when available). */
void hb_sha256_blocks(uint32_t state[8], const uint8_t *in, size_t nblocks);

/* The end of a hash through ctx->buf (the portable paths): pad the
 * buffered bytes (FIPS 180-4 5.1.1) and compress; ctx->state is then the
 * digest as words. ctx is not wiped. */
void hb_sha256_pad_final(hbox_sha256_ctx *ctx);

/*
 * out[0..4n) = the words s[0..n) big-endian (a digest, a PBKDF2 block).
 * The fence keeps each word in a scalar register: without it gcc 12 -O3
 * vectorizes the byte stores into a long shift-and-or sequence (about 50
 * ticks per digest). Not a secret mask.
 */
static inline void hb_sha256_store_be(uint8_t *out, const uint32_t *s, int n)
{
	int i;
	for (i = 0; i < n; i++) {
		uint32_t v = s[i];
		HB_BARRIER32(v);
		hb_store32_be(out + 4 * i, v);
	}
}

/* Words 8..15 of a block holding a 32-byte value after a 64-byte prefix
 * (the outer HMAC block, every PBKDF2 block): the 0x80 terminator, zeros,
 * and the bit length (64 + 32) * 8 = 768 (FIPS 180-4 section 5.1.1). */
static inline void hb_sha256_pad96(uint32_t w[16])
{
	int i;
	w[8] = 0x80000000u;
	for (i = 9; i < 15; i++)
		w[i] = 0;
	w[15] = (HBOX_SHA256_BLOCKBYTES + HBOX_SHA256_BYTES) * 8;
}

/*
 * HMAC internals (hmac_sha256.c). hb_hmac_sha256_keys sets inner and outer
 * to the states after the blocks K0 ^ ipad and K0 ^ opad (k0 is K0, 64
 * bytes). hb_hmac_sha256_finish ends an inner hash (a context that started
 * from inner) and hashes its digest on top of outer: out = the MAC. It
 * wipes *ictx; out may overlap nothing else.
 */
void hb_hmac_sha256_keys(uint32_t inner[8], uint32_t outer[8], const uint8_t k0[64]);
void hb_hmac_sha256_finish(hbox_sha256_ctx *ictx, const uint32_t outer[8], uint8_t out[32]);

/*
 * SHA-NI kernels (sha256_shani.c), present when HB_X86_SIMD (hb_cpu.h) and
 * called only when hbox_cpu_features() has HBOX_CPU_SHA. They give the
 * results of the portable code; hb_sha256_blocks_shani has the contract of
 * hb_sha256_blocks, and:
 *
 * hb_sha256_final_shani pads the last used (< 64) message bytes at buf,
 * compresses them into a copy of state and writes the digest; bits is the
 * message length in bits. Only the 16-byte chunks of buf holding message
 * bytes are read. hb_hmac_sha256_final_shani does the same on inner and
 * then hashes the digest on top of outer (hb_hmac_sha256_finish).
 * hb_hmac_sha256_keys_shani takes h0 = hb_sha256_h0.
 *
 * hb_pbkdf2_sha256_shani runs PBKDF2 iterations 2..count+1 of one output
 * block: on entry t holds U_1 as words, on return U_1 ^ ... ^ U_{count+1},
 * where U_j = SHA-256(K0 ^ opad || SHA-256(K0 ^ ipad || U_{j-1})) and
 * inner, outer are the keyed states. The _x2 form does two blocks at once
 * (t[0..7] and t[8..15]).
 */
void hb_sha256_blocks_shani(uint32_t state[8], const uint8_t *in, size_t nblocks);
void hb_sha256_final_shani(const uint32_t state[8], const uint8_t *buf, size_t used,
                           uint64_t bits, uint8_t out[32]);
void hb_hmac_sha256_keys_shani(uint32_t inner[8], uint32_t outer[8], const uint8_t k0[64],
                               const uint32_t h0[8]);
void hb_hmac_sha256_final_shani(const uint32_t inner[8], const uint8_t *buf, size_t used,
                                uint64_t bits, const uint32_t outer[8], uint8_t out[32]);
void hb_pbkdf2_sha256_shani(uint32_t t[8], const uint32_t inner[8], const uint32_t outer[8],
                            uint32_t count);
void hb_pbkdf2_sha256_x2_shani(uint32_t t[16], const uint32_t inner[8],
                               const uint32_t outer[8], uint32_t count);

#endif

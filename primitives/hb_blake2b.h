/*
 * hb_blake2b.h - private pieces shared by blake2b.c and blake2b_avx2.c: the
 * IV, the message schedule and the AVX2 kernel's contract.
 *
 * Not installed, not part of the API.
 */
#ifndef HB_BLAKE2B_H
#define HB_BLAKE2B_H

#include "blake2b.h"
#include "hb_cpu.h"
#include "hb_internal.h"

/* Initialisation vector (RFC 7693 section 2.6, the SHA-512 IV). */
static const uint64_t hb_blake2b_iv[8] = {
	0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull,
	0xa54ff53a5f1d36f1ull, 0x510e527fade682d1ull, 0x9b05688c2b3e6c1full,
	0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};

/* Message schedule (RFC 7693 section 2.7); rounds 10 and 11 reuse rows 0
 * and 1. Rounds index it with constants, so it folds into the code. */
static const uint8_t hb_blake2b_sigma[12][16] = {
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
	{14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
	{11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
	{7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
	{9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
	{2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
	{12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
	{13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
	{6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
	{10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
	{14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
};

#if HB_X86_SIMD
/*
 * AVX2 kernel (blake2b_avx2.c), called by blake2b.c when
 * hbox_cpu_features() has HBOX_CPU_AVX2: for each of the nblocks (>= 1)
 * 128-byte blocks at in, add inc to the byte counter ctx->t, then compress
 * the block into ctx->h with last-block flag `last` (all-ones or zero).
 * Same result as the portable loop; reads exactly nblocks * 128 bytes.
 */
void hb_blake2b_blocks_avx2(hbox_blake2b_ctx *ctx, const uint8_t *in, size_t nblocks,
                            uint32_t inc, uint64_t last);
#endif

#endif

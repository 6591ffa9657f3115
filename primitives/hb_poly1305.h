/*
 * hb_poly1305.h - private side of Poly1305: the AVX2 and AVX-512 IFMA
 * kernels (poly1305_avx2.c, poly1305_avx512.c) that poly1305.c calls for long
 * inputs.
 *
 * Not installed, not part of the API.
 *
 * The kernels work on whole 16-byte blocks (each with the 2^128 bit),
 * HB_POLY1305_SIMD_STEP blocks at a time, and exchange the accumulator
 * with the portable code in the context's word form (hbox_poly1305_ctx in
 * poly1305.h: five little-endian 32-bit words, value below 2^130 + 2^128,
 * h[4] <= 4). So a computation may switch between the paths at any block
 * boundary and the tag is the same.
 */
#ifndef HB_POLY1305_H
#define HB_POLY1305_H

#include <stddef.h>
#include <stdint.h>

#include "hb_cpu.h"

#if HB_X86_SIMD
/* The kernels consume blocks in groups of this many. */
#define HB_POLY1305_SIMD_STEP 16

/*
 * Powers of r for the kernel, radix 2^26, limb i of four numbers in the four
 * 64-bit lanes of row i (low 32 bits used). Secret: wipe after use. A plain
 * struct (no pointers); hb_poly1305_avx2_setup fills it.
 */
typedef struct hb_poly1305_avx2_key {
	uint64_t loop[5][4];   /* r^16 in every lane */
	uint64_t fin[4][5][4]; /* final multipliers of the four chains */
} hb_poly1305_avx2_key;

/* k = the powers of r (the clamped r as four little-endian words). */
void hb_poly1305_avx2_setup(hb_poly1305_avx2_key *k, const uint32_t r[4]);

/*
 * Absorb nblocks full blocks of p (nblocks a non-zero multiple of
 * HB_POLY1305_SIMD_STEP) into the accumulator h (context word form, in and
 * out): the result equals the portable loop's modulo 2^130 - 5. Reads
 * p[0..16 nblocks) only. Needs HBOX_CPU_AVX2.
 */
void hb_poly1305_avx2_blocks(uint32_t h[5], const hb_poly1305_avx2_key *k, const uint8_t *p,
                             size_t nblocks);

/* The same for AVX-512 IFMA (radix 2^44, eight lanes); needs HBOX_CPU_AVX512IFMA. */
typedef struct hb_poly1305_ifma_key {
	uint64_t loop[3][8];   /* r^16 in every lane */
	uint64_t fin[2][3][8]; /* final multipliers of the two chains */
} hb_poly1305_ifma_key;

void hb_poly1305_ifma_setup(hb_poly1305_ifma_key *k, const uint32_t r[4]);
void hb_poly1305_ifma_blocks(uint32_t h[5], const hb_poly1305_ifma_key *k, const uint8_t *p,
                             size_t nblocks);
#endif

#endif

/*
 * hb_stream_avx512.h - private AVX-512 pieces shared by chacha20_avx512.c
 * and salsa20_avx512.c. Include only from those files, and only when
 * HB_X86_SIMD is 1.
 *
 * The files are compiled with the library's ordinary flags; every function
 * that uses the instructions carries HB_AVX512, and the dispatchers call
 * them only when hbox_cpu_features() has HBOX_CPU_AVX512F. That bit
 * promises AVX-512F and nothing more, so the code uses 512-bit (zmm)
 * instructions from AVX-512F only: no 128/256-bit EVEX forms (VL) and no
 * byte or word operations (BW).
 *
 * Two layouts, as in the AVX2 kernels (hb_stream_avx2.h):
 *   lanes  vector i holds state word i of sixteen consecutive blocks, one
 *          block per 32-bit lane (throughput: long messages);
 *   rows   one block per 128-bit lane, four blocks per vector (latency:
 *          short messages and the HSalsa20 / HChaCha20 cores).
 * AVX-512F has a rotate (vprold), so a lanes step is add, rotate, xor. In
 * the rows kernels, where latency counts, z ^= y <<< n is one three-way
 * XOR (vpternlogd) of z and the two shifted halves of y: 2 cycles after y
 * instead of 3 (rotate 2, xor 1 on Zen 4).
 *
 * Valgrind 3.19 cannot run AVX-512 and reports none to the program, so the
 * constant-time test (tests/ct/ct_stream.c) sees the AVX2 kernels, not
 * these. They have the same shape: add, xor, rotate and fixed shuffles; no
 * branch or address depends on the key or the message.
 */
#ifndef HB_STREAM_AVX512_H
#define HB_STREAM_AVX512_H

#include <immintrin.h>

#include "hb_stream.h"

#define HB_AVX512 __attribute__((target("avx2,avx512f")))

#define Z_ADD(a, b) _mm512_add_epi32((a), (b))
#define Z_XOR(a, b) _mm512_xor_si512((a), (b))
#define Z_ROTL(x, n) _mm512_rol_epi32((x), (n))
/* z ^ (y <<< n): the two shifted halves of y share no bits, so XORing both
 * into z (truth table 0x96: a ^ b ^ c) equals XORing their OR. */
#define Z_XOR_ROTL(z, y, n)                                                                    \
	_mm512_ternarylogic_epi32((z), _mm512_slli_epi32((y), (n)),                            \
	                          _mm512_srli_epi32((y), 32 - (n)), 0x96)

/* z ^ l ^ r on 256-bit vectors, for the rows kernels that keep one or two
 * blocks in ymm registers. */
static inline HB_AVX512 __m256i hb_yxor3(__m256i z, __m256i l, __m256i r)
{
	/* z ^ l ^ r by the 512-bit vpternlogd on the registers holding them
	 * (the upper halves are ignored). Written as asm: gcc 12 narrows the
	 * intrinsic form to the 256-bit instruction, which needs AVX-512VL,
	 * and fails with an internal error. "x" keeps to registers 0-15, which
	 * the AVX2 instructions around it can reach. */
	__asm__("vpternlogd $0x96, %g2, %g1, %g0" : "+x"(z) : "x"(l), "x"(r));
	return z;
}
static inline HB_AVX512 __m512i hb_zbcast(uint32_t w)
{
	return _mm512_set1_epi32((int)w);
}

/* The low word of the 64-bit counter (hi:lo) plus add (mod 2^32) in *vlo,
 * and in *vhi: hi, plus 1 in the lanes where the low word wrapped when
 * wide is set (a 64-bit counter), else hi. add <= 15 per lane. */
static inline HB_AVX512 void hb_zcounters(__m512i *vlo, __m512i *vhi, uint32_t lo, uint32_t hi,
                                          __m512i add, int wide)
{
	__m512i l = Z_ADD(hb_zbcast(lo), add), h = hb_zbcast(hi);
	if (wide)
		h = _mm512_mask_add_epi32(h, _mm512_cmplt_epu32_mask(l, hb_zbcast(lo)), h,
		                          hb_zbcast(1));
	*vlo = l;
	*vhi = h;
}

/*
 * One 64-byte keystream block ks at offset `at` of an n-byte message:
 * dst = src XOR ks (ks when src is NULL), whole, cut at n, or not at all.
 */
static inline HB_AVX512 void hb_zput_block(uint8_t *dst, const uint8_t *src, size_t n, size_t at,
                                           __m512i ks)
{
	if (n >= at + 64) {
		if (src != NULL)
			ks = Z_XOR(ks, _mm512_loadu_si512((const void *)(src + at)));
		_mm512_storeu_si512((void *)(dst + at), ks);
	} else if (n > at) {
		uint8_t buf[64];
		size_t i;
		_mm512_storeu_si512((void *)buf, ks);
		for (i = 0; i < n - at; i++)
			dst[at + i] = src == NULL ? buf[i] : (uint8_t)(src[at + i] ^ buf[i]);
		hbox_wipe(buf, sizeof buf);
	}
}

/*
 * Four blocks from vectors holding their words 0-3 (a), 4-7 (b), 8-11 (c)
 * and 12-15 (d), block k of the four in 128-bit lane k of each: a 4x4
 * transpose of 128-bit lanes, then written at offsets `at` + 64 * k * step
 * (k = 0..3), cut at n.
 */
static inline HB_AVX512 void hb_zput_quad(uint8_t *dst, const uint8_t *src, size_t n, size_t at,
                                          size_t step, __m512i a, __m512i b, __m512i c,
                                          __m512i d)
{
	__m512i ab01 = _mm512_shuffle_i32x4(a, b, 0x44); /* a0 a1 b0 b1 */
	__m512i cd01 = _mm512_shuffle_i32x4(c, d, 0x44); /* c0 c1 d0 d1 */
	__m512i ab23 = _mm512_shuffle_i32x4(a, b, 0xee); /* a2 a3 b2 b3 */
	__m512i cd23 = _mm512_shuffle_i32x4(c, d, 0xee); /* c2 c3 d2 d3 */
	hb_zput_block(dst, src, n, at, _mm512_shuffle_i32x4(ab01, cd01, 0x88));
	hb_zput_block(dst, src, n, at + 64 * step, _mm512_shuffle_i32x4(ab01, cd01, 0xdd));
	hb_zput_block(dst, src, n, at + 128 * step, _mm512_shuffle_i32x4(ab23, cd23, 0x88));
	hb_zput_block(dst, src, n, at + 192 * step, _mm512_shuffle_i32x4(ab23, cd23, 0xdd));
}

/*
 * Two blocks held as 256-bit rows: w0..w3 hold words 0-3, 4-7, 8-11, 12-15
 * of block k in their low halves and of block k + 1 in their high halves.
 * Written at offsets `at` and `at` + 64, cut at n.
 */
static inline HB_AVX512 void hb_yput_pair(uint8_t *dst, const uint8_t *src, size_t n, size_t at,
                                          __m256i w0, __m256i w1, __m256i w2, __m256i w3)
{
	__m512i x = _mm512_inserti64x4(_mm512_castsi256_si512(w0), w1, 1); /* w0 w1 */
	__m512i y = _mm512_inserti64x4(_mm512_castsi256_si512(w2), w3, 1); /* w2 w3 */
	hb_zput_block(dst, src, n, at, _mm512_shuffle_i32x4(x, y, 0x88));
	hb_zput_block(dst, src, n, at + 64, _mm512_shuffle_i32x4(x, y, 0xdd));
}

/* Transpose four word-vectors (words w..w+3 of blocks 0..15) in place:
 * afterwards r[j] holds words w..w+3 of block j + 4k in 128-bit lane k. */
static inline HB_AVX512 void hb_ztranspose4(__m512i *r0, __m512i *r1, __m512i *r2, __m512i *r3)
{
	__m512i t0 = _mm512_unpacklo_epi32(*r0, *r1);
	__m512i t1 = _mm512_unpackhi_epi32(*r0, *r1);
	__m512i t2 = _mm512_unpacklo_epi32(*r2, *r3);
	__m512i t3 = _mm512_unpackhi_epi32(*r2, *r3);
	*r0 = _mm512_unpacklo_epi64(t0, t2);
	*r1 = _mm512_unpackhi_epi64(t0, t2);
	*r2 = _mm512_unpacklo_epi64(t1, t3);
	*r3 = _mm512_unpackhi_epi64(t1, t3);
}

/*
 * Sixteen blocks of keystream in the lanes layout, x[i] = word i of blocks
 * 0..15 after the feed-forward: dst = src XOR keystream for the first n
 * (<= 1024) bytes. x is clobbered.
 */
static inline HB_AVX512 void hb_zlanes_output(uint8_t *dst, const uint8_t *src, size_t n,
                                              __m512i x[16])
{
	int j;
	hb_ztranspose4(&x[0], &x[1], &x[2], &x[3]);
	hb_ztranspose4(&x[4], &x[5], &x[6], &x[7]);
	hb_ztranspose4(&x[8], &x[9], &x[10], &x[11]);
	hb_ztranspose4(&x[12], &x[13], &x[14], &x[15]);
	/* x[j], x[4 + j], x[8 + j], x[12 + j]: words 0-3, 4-7, 8-11, 12-15 of
	 * blocks j, j + 4, j + 8, j + 12 */
	for (j = 0; j < 4; j++)
		hb_zput_quad(dst, src, n, 64 * (size_t)j, 4, x[j], x[4 + j], x[8 + j], x[12 + j]);
}

#endif

/*
 * hb_stream_avx2.h - private AVX2 pieces shared by chacha20_avx2.c and
 * salsa20_avx2.c. Include only from *_avx2.c files (compiled with -mavx2),
 * and only when HB_X86_SIMD is 1.
 *
 * Both ciphers use the same "lanes" layout for eight blocks at a time:
 * vector x[i] holds state word i of eight consecutive blocks, one block per
 * 32-bit lane, so the rounds are the scalar ones applied to eight blocks at
 * once. lanes_output() transposes the sixteen word-vectors into keystream
 * and XORs it into the message.
 *
 * Caller buffers are only touched with unaligned loads and stores, and
 * never beyond the n bytes asked for.
 */
#ifndef HB_STREAM_AVX2_H
#define HB_STREAM_AVX2_H

#include <immintrin.h>

#include "hb_stream.h"

#define HB_ADD(a, b) _mm256_add_epi32((a), (b))
#define HB_XOR(a, b) _mm256_xor_si256((a), (b))
#define HB_ROTL(x, n)                                                                        \
	_mm256_or_si256(_mm256_slli_epi32((x), (n)), _mm256_srli_epi32((x), 32 - (n)))

static inline __m256i hb_bcast(uint32_t w)
{
	return _mm256_set1_epi32((int)w);
}

/*
 * Counter words for eight consecutive blocks starting at the 64-bit counter
 * (hi:lo): *vlo = lo + lane (mod 2^32); *vhi = hi, plus 1 in the lanes whose
 * low word wrapped when wide is set (a 64-bit counter), else hi (a 32-bit
 * counter that wraps on its own). The counter is public.
 */
static inline void hb_lane_counters(__m256i *vlo, __m256i *vhi, uint32_t lo, uint32_t hi,
                                    int wide)
{
	__m256i l = HB_ADD(hb_bcast(lo), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
	__m256i h = hb_bcast(hi);
	if (wide) {
		/* unsigned l < lo, as a signed compare after flipping the top
		 * bits: -1 in the wrapped lanes, and subtracting -1 adds 1 */
		const __m256i top = hb_bcast(0x80000000u);
		h = _mm256_sub_epi32(h, _mm256_cmpgt_epi32(HB_XOR(hb_bcast(lo), top), HB_XOR(l, top)));
	}
	*vlo = l;
	*vhi = h;
}

/*
 * The same counters for the row layouts (one block per 128-bit half):
 * *p01 holds (low word, high word) of block 0 in dwords 0-1 and again in
 * 2-3 of its low half, and of block 1 in its high half; *p23 the same for
 * blocks 2 and 3.
 */
static inline void hb_row_counters(__m256i *p01, __m256i *p23, uint32_t lo, uint32_t hi,
                                   int wide)
{
	__m256i l, h;
	hb_lane_counters(&l, &h, lo, hi, wide);
	/* unpack: (lo, hi) of blocks 0, 1 | 4, 5 as 64-bit elements 0-3 */
	*p01 = _mm256_permute4x64_epi64(_mm256_unpacklo_epi32(l, h), 0x50);
	*p23 = _mm256_permute4x64_epi64(_mm256_unpackhi_epi32(l, h), 0x50);
}

/* dst[0..32) = src[0..32) XOR ks, or ks when src is NULL. */
static inline void hb_put32(uint8_t *dst, const uint8_t *src, __m256i ks)
{
	if (src != NULL)
		ks = HB_XOR(ks, _mm256_loadu_si256((const __m256i *)(const void *)src));
	_mm256_storeu_si256((__m256i *)(void *)dst, ks);
}

/* The first n (< 32) bytes of hb_put32(dst, src, ks). */
static inline void hb_put_partial(uint8_t *dst, const uint8_t *src, size_t n, __m256i ks)
{
	uint8_t buf[32];
	size_t i;
	_mm256_storeu_si256((__m256i *)(void *)buf, ks);
	for (i = 0; i < n; i++)
		dst[i] = src == NULL ? buf[i] : (uint8_t)(src[i] ^ buf[i]);
	hbox_wipe(buf, sizeof buf);
}

/*
 * The 32-byte keystream run at offset `at` of an n-byte message: XORed in
 * whole, in part (cut at n) or not at all. 1 when it was whole.
 */
static inline int hb_put_run(uint8_t *dst, const uint8_t *src, size_t n, size_t at, __m256i ks)
{
	const uint8_t *s = src == NULL ? NULL : src + at;
	if (n >= at + 32) {
		hb_put32(dst + at, s, ks);
		return 1;
	}
	if (n > at)
		hb_put_partial(dst + at, s, n - at, ks);
	return 0;
}

/*
 * Two blocks held as rows: w0..w3 hold words 0-3, 4-7, 8-11, 12-15 of block
 * k in their low halves and of block k + 1 in their high halves. Writes
 * them at offset `at`, cut at n; 1 when more bytes follow.
 */
static inline int hb_put_row_pair(uint8_t *dst, const uint8_t *src, size_t n, size_t at,
                                  __m256i w0, __m256i w1, __m256i w2, __m256i w3)
{
	return hb_put_run(dst, src, n, at, _mm256_permute2x128_si256(w0, w1, 0x20)) &&
	       hb_put_run(dst, src, n, at + 32, _mm256_permute2x128_si256(w2, w3, 0x20)) &&
	       hb_put_run(dst, src, n, at + 64, _mm256_permute2x128_si256(w0, w1, 0x31)) &&
	       hb_put_run(dst, src, n, at + 96, _mm256_permute2x128_si256(w2, w3, 0x31)) &&
	       n > at + 128;
}

/*
 * Transpose four word-vectors (words w..w+3 of blocks 0..7) in place:
 * afterwards r[j] holds words w..w+3 of block j in its low 128-bit half and
 * of block j + 4 in its high half (AVX2 unpacks work within halves).
 */
static inline void hb_transpose4(__m256i *r0, __m256i *r1, __m256i *r2, __m256i *r3)
{
	__m256i t0 = _mm256_unpacklo_epi32(*r0, *r1); /* w, w+1 of blocks 0, 1 */
	__m256i t1 = _mm256_unpackhi_epi32(*r0, *r1); /* w, w+1 of blocks 2, 3 */
	__m256i t2 = _mm256_unpacklo_epi32(*r2, *r3); /* w+2, w+3 of blocks 0, 1 */
	__m256i t3 = _mm256_unpackhi_epi32(*r2, *r3); /* w+2, w+3 of blocks 2, 3 */
	*r0 = _mm256_unpacklo_epi64(t0, t2);
	*r1 = _mm256_unpackhi_epi64(t0, t2);
	*r2 = _mm256_unpacklo_epi64(t1, t3);
	*r3 = _mm256_unpackhi_epi64(t1, t3);
}

/* Block j and block j + 4 from the transposed vectors holding their words
 * 0-3 (a), 4-7 (b), 8-11 (c) and 12-15 (d). */
static inline void hb_put_block_pair(uint8_t *dst, const uint8_t *src, size_t n, size_t j,
                                     __m256i a, __m256i b, __m256i c, __m256i d)
{
	hb_put_run(dst, src, n, 64 * j, _mm256_permute2x128_si256(a, b, 0x20));
	hb_put_run(dst, src, n, 64 * j + 32, _mm256_permute2x128_si256(c, d, 0x20));
	hb_put_run(dst, src, n, 64 * j + 256, _mm256_permute2x128_si256(a, b, 0x31));
	hb_put_run(dst, src, n, 64 * j + 288, _mm256_permute2x128_si256(c, d, 0x31));
}

/*
 * Eight blocks of keystream, x[i] = word i of blocks 0..7 (after the
 * feed-forward): dst = src XOR keystream for the first n (<= 512) bytes.
 */
static inline void hb_lanes_output(uint8_t *dst, const uint8_t *src, size_t n, __m256i x0,
                                   __m256i x1, __m256i x2, __m256i x3, __m256i x4, __m256i x5,
                                   __m256i x6, __m256i x7, __m256i x8, __m256i x9, __m256i x10,
                                   __m256i x11, __m256i x12, __m256i x13, __m256i x14,
                                   __m256i x15)
{
	hb_transpose4(&x0, &x1, &x2, &x3);
	hb_transpose4(&x4, &x5, &x6, &x7);
	hb_transpose4(&x8, &x9, &x10, &x11);
	hb_transpose4(&x12, &x13, &x14, &x15);
	hb_put_block_pair(dst, src, n, 0, x0, x4, x8, x12);
	hb_put_block_pair(dst, src, n, 1, x1, x5, x9, x13);
	hb_put_block_pair(dst, src, n, 2, x2, x6, x10, x14);
	hb_put_block_pair(dst, src, n, 3, x3, x7, x11, x15);
}

#endif

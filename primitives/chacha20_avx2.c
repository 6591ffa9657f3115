/*
 * chacha20_avx2.c - ChaCha20 keystream, eight blocks at a time with AVX2.
 *
 * Same bytes as the portable loop in chacha20.c (which dispatches here, see
 * hb_stream.h for the contract). Layout: vector x[i] holds state word i of
 * eight consecutive blocks, one block per 32-bit lane, so a quarter round
 * is the scalar one applied to eight blocks at once and no shuffles are
 * needed inside the rounds. At the end an 8x8 transpose of 32-bit words
 * turns the sixteen word-vectors into sixteen 32-byte runs of keystream.
 *
 * Everything is add, xor and rotate on 32-bit lanes; the key never selects
 * a branch or an address. Caller buffers are read and written with
 * unaligned loads and stores.
 */
#include "hb_cpu.h"
#include "hb_stream.h"

#if HB_X86_SIMD
#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -madx, or define HOPEBOX_PORTABLE"
#endif
#include <immintrin.h>

#define ADD(a, b) _mm256_add_epi32((a), (b))
#define XOR(a, b) _mm256_xor_si256((a), (b))
#define ROTL(x, n) _mm256_or_si256(_mm256_slli_epi32((x), (n)), _mm256_srli_epi32((x), 32 - (n)))
/* Rotations by 16 and 8 move whole bytes: one shuffle instead of three ops. */
#define ROT16(x) _mm256_shuffle_epi8((x), rot16)
#define ROT8(x) _mm256_shuffle_epi8((x), rot8)

#define QR(a, b, c, d)                                                                        \
	do {                                                                                  \
		a = ADD(a, b);                                                                \
		d = ROT16(XOR(d, a));                                                         \
		c = ADD(c, d);                                                                \
		b = ROTL(XOR(b, c), 12);                                                      \
		a = ADD(a, b);                                                                \
		d = ROT8(XOR(d, a));                                                          \
		c = ADD(c, d);                                                                \
		b = ROTL(XOR(b, c), 7);                                                       \
	} while (0)

static inline __m256i bcast(uint32_t w)
{
	return _mm256_set1_epi32((int)w);
}

/*
 * Transpose four word-vectors (state words w..w+3 of blocks 0..7) in place:
 * afterwards r[j] holds words w..w+3 of block j in its low 128-bit half and
 * of block j + 4 in its high half (AVX2 unpacks work within halves).
 */
static inline void transpose4(__m256i *r0, __m256i *r1, __m256i *r2, __m256i *r3)
{
	__m256i t0 = _mm256_unpacklo_epi32(*r0, *r1); /* w0 w1 of blocks 0, 1 */
	__m256i t1 = _mm256_unpackhi_epi32(*r0, *r1); /* w0 w1 of blocks 2, 3 */
	__m256i t2 = _mm256_unpacklo_epi32(*r2, *r3); /* w2 w3 of blocks 0, 1 */
	__m256i t3 = _mm256_unpackhi_epi32(*r2, *r3); /* w2 w3 of blocks 2, 3 */
	*r0 = _mm256_unpacklo_epi64(t0, t2);
	*r1 = _mm256_unpackhi_epi64(t0, t2);
	*r2 = _mm256_unpacklo_epi64(t1, t3);
	*r3 = _mm256_unpackhi_epi64(t1, t3);
}

/* dst[0..32) = src[0..32) XOR ks, or ks when src is NULL. */
static inline void put32(uint8_t *dst, const uint8_t *src, __m256i ks)
{
	if (src != NULL)
		ks = XOR(ks, _mm256_loadu_si256((const __m256i *)(const void *)src));
	_mm256_storeu_si256((__m256i *)(void *)dst, ks);
}

/*
 * Blocks st[12..13] + 0..7 as eight 64-byte blocks: dst[0..512) = src XOR
 * keystream (keystream when src is NULL). wide: the counter is the 64-bit
 * words 12-13 (original layout); otherwise word 12 alone wraps (IETF).
 * Does not advance st.
 */
static void blocks8(uint8_t *dst, const uint8_t *src, const uint32_t st[16], int wide)
{
	const __m256i rot16 = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13,
	                                       2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
	const __m256i rot8 = _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14,
	                                      3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);
	const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
	__m256i c12 = ADD(bcast(st[12]), lane), c13 = bcast(st[13]);
	__m256i x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15;
	int i;

	if (wide) {
		/* Lanes whose word 12 wrapped (unsigned c12 < st[12], compared
		 * as signed after flipping the top bits) carry into word 13:
		 * the compare gives -1 there, and subtracting -1 adds 1. */
		const __m256i top = bcast(0x80000000u);
		__m256i wrapped = _mm256_cmpgt_epi32(XOR(bcast(st[12]), top), XOR(c12, top));
		c13 = _mm256_sub_epi32(c13, wrapped);
	}
	x0 = bcast(st[0]), x1 = bcast(st[1]), x2 = bcast(st[2]), x3 = bcast(st[3]);
	x4 = bcast(st[4]), x5 = bcast(st[5]), x6 = bcast(st[6]), x7 = bcast(st[7]);
	x8 = bcast(st[8]), x9 = bcast(st[9]), x10 = bcast(st[10]), x11 = bcast(st[11]);
	x12 = c12, x13 = c13, x14 = bcast(st[14]), x15 = bcast(st[15]);
	for (i = 0; i < 10; i++) {
		QR(x0, x4, x8, x12);
		QR(x1, x5, x9, x13);
		QR(x2, x6, x10, x14);
		QR(x3, x7, x11, x15);
		QR(x0, x5, x10, x15);
		QR(x1, x6, x11, x12);
		QR(x2, x7, x8, x13);
		QR(x3, x4, x9, x14);
	}
	x0 = ADD(x0, bcast(st[0])), x1 = ADD(x1, bcast(st[1]));
	x2 = ADD(x2, bcast(st[2])), x3 = ADD(x3, bcast(st[3]));
	x4 = ADD(x4, bcast(st[4])), x5 = ADD(x5, bcast(st[5]));
	x6 = ADD(x6, bcast(st[6])), x7 = ADD(x7, bcast(st[7]));
	x8 = ADD(x8, bcast(st[8])), x9 = ADD(x9, bcast(st[9]));
	x10 = ADD(x10, bcast(st[10])), x11 = ADD(x11, bcast(st[11]));
	x12 = ADD(x12, c12), x13 = ADD(x13, c13);
	x14 = ADD(x14, bcast(st[14])), x15 = ADD(x15, bcast(st[15]));

	transpose4(&x0, &x1, &x2, &x3);
	transpose4(&x4, &x5, &x6, &x7);
	transpose4(&x8, &x9, &x10, &x11);
	transpose4(&x12, &x13, &x14, &x15);
	/* Block j: words 0-3 from x[j], 4-7 from x[4 + j], 8-11 from
	 * x[8 + j], 12-15 from x[12 + j]; low halves for j < 4, high halves
	 * for block j + 4. */
#define HB_OUT(j, a, b, c, d)                                                                 \
	do {                                                                                  \
		const uint8_t *s_ = src == NULL ? NULL : src + 64 * (j);                      \
		put32(dst + 64 * (j), s_, _mm256_permute2x128_si256(a, b, 0x20));             \
		put32(dst + 64 * (j) + 32, s_ == NULL ? NULL : s_ + 32,                       \
		      _mm256_permute2x128_si256(c, d, 0x20));                                 \
		s_ = src == NULL ? NULL : src + 64 * (j) + 256;                               \
		put32(dst + 64 * (j) + 256, s_, _mm256_permute2x128_si256(a, b, 0x31));       \
		put32(dst + 64 * (j) + 288, s_ == NULL ? NULL : s_ + 32,                      \
		      _mm256_permute2x128_si256(c, d, 0x31));                                 \
	} while (0)
	HB_OUT(0, x0, x4, x8, x12);
	HB_OUT(1, x1, x5, x9, x13);
	HB_OUT(2, x2, x6, x10, x14);
	HB_OUT(3, x3, x7, x11, x15);
#undef HB_OUT
}


/*
 * Row layout, diagonal round: with a[i] = a[i - 1], c[i] = c[i + 1] and
 * d[i] = d[i + 2] (indices mod 4, within each 128-bit half), lane i of
 * (a, b, c, d) holds diagonal i + 1: lane 1 is words 0, 5, 10, 15, lane 0
 * words 3, 4, 9, 14. UNDIAG moves them back.
 */
#define DIAG(a, c, d)                                                                         \
	(a = _mm256_shuffle_epi32(a, 0x93), c = _mm256_shuffle_epi32(c, 0x39),                 \
	 d = _mm256_shuffle_epi32(d, 0x4e))
#define UNDIAG(a, c, d)                                                                       \
	(a = _mm256_shuffle_epi32(a, 0x39), c = _mm256_shuffle_epi32(c, 0x93),                 \
	 d = _mm256_shuffle_epi32(d, 0x4e))

/*
 * Short messages: the first n (1..256) bytes of blocks st[12..13] + 0..3,
 * XORed into src (or keystream when src is NULL). Row layout: a vector
 * holds one row of the 4x4 state (words 4r..4r+3) of block k in its low
 * half and of block k + 1 in its high half. The diagonal round lines the
 * diagonals up under row b by rotating rows a, c, d (not b: it is the last
 * value a quarter round produces, so leaving it in place keeps the shuffle
 * off the critical path). Two independent pairs of blocks are interleaved
 * when n > 128.
 */
static void blocks4(uint8_t *dst, const uint8_t *src, size_t n, const uint32_t st[16], int wide)
{
	const __m256i rot16 = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13,
	                                       2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
	const __m256i rot8 = _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14,
	                                      3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);
	uint32_t ctr[4][2];
	__m256i a0, b0, c0, d0, a1, b1, c1, d1, ks[8];
	uint8_t buf[32];
	size_t k;
	int i;

	for (k = 0; k < 4; k++) {
		ctr[k][0] = st[12] + (uint32_t)k;
		/* the counter is public */
		ctr[k][1] = st[13] + (uint32_t)(wide && ctr[k][0] < st[12]);
	}
	a0 = a1 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)st));
	b0 = b1 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(st + 4)));
	c0 = c1 = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(st + 8)));
	d0 = _mm256_setr_epi32((int)ctr[0][0], (int)ctr[0][1], (int)st[14], (int)st[15],
	                       (int)ctr[1][0], (int)ctr[1][1], (int)st[14], (int)st[15]);
	d1 = _mm256_setr_epi32((int)ctr[2][0], (int)ctr[2][1], (int)st[14], (int)st[15],
	                       (int)ctr[3][0], (int)ctr[3][1], (int)st[14], (int)st[15]);
	ks[0] = a0, ks[1] = b0, ks[2] = c0, ks[3] = d0, ks[7] = d1;
	if (n <= 128) {
		for (i = 0; i < 10; i++) {
			QR(a0, b0, c0, d0);
			DIAG(a0, c0, d0);
			QR(a0, b0, c0, d0);
			UNDIAG(a0, c0, d0);
		}
	} else {
		for (i = 0; i < 10; i++) {
			QR(a0, b0, c0, d0);
			QR(a1, b1, c1, d1);
			DIAG(a0, c0, d0);
			DIAG(a1, c1, d1);
			QR(a0, b0, c0, d0);
			QR(a1, b1, c1, d1);
			UNDIAG(a0, c0, d0);
			UNDIAG(a1, c1, d1);
		}
	}
	a0 = ADD(a0, ks[0]), b0 = ADD(b0, ks[1]), c0 = ADD(c0, ks[2]), d0 = ADD(d0, ks[3]);
	a1 = ADD(a1, ks[0]), b1 = ADD(b1, ks[1]), c1 = ADD(c1, ks[2]), d1 = ADD(d1, ks[7]);
	/* 32-byte runs in stream order: block k words 0-7, then 8-15. */
	ks[0] = _mm256_permute2x128_si256(a0, b0, 0x20);
	ks[1] = _mm256_permute2x128_si256(c0, d0, 0x20);
	ks[2] = _mm256_permute2x128_si256(a0, b0, 0x31);
	ks[3] = _mm256_permute2x128_si256(c0, d0, 0x31);
	ks[4] = _mm256_permute2x128_si256(a1, b1, 0x20);
	ks[5] = _mm256_permute2x128_si256(c1, d1, 0x20);
	ks[6] = _mm256_permute2x128_si256(a1, b1, 0x31);
	ks[7] = _mm256_permute2x128_si256(c1, d1, 0x31);
	for (k = 0; 32 * k + 32 <= n; k++)
		put32(dst + 32 * k, src == NULL ? NULL : src + 32 * k, ks[k]);
	if (32 * k < n) {
		size_t j, left = n - 32 * k;
		_mm256_storeu_si256((__m256i *)(void *)buf, ks[k]);
		for (j = 0; j < left; j++)
			dst[32 * k + j] = src == NULL ? buf[j] : (uint8_t)(src[32 * k + j] ^ buf[j]);
		hbox_wipe(buf, sizeof buf);
	}
	hbox_wipe(ks, sizeof ks);
}

void hb_chacha20_avx2(uint32_t st[16], uint8_t *out, const uint8_t *in, size_t len, int wide)
{
	uint8_t ks[512];
	size_t i;

	for (;;) {
		uint32_t before = st[12];
		if (len < 512)
			break;
		blocks8(out, in, st, wide);
		st[12] += 8;
		if (wide && st[12] < before) /* the counter is public */
			st[13]++;
		out += 512;
		if (in != NULL)
			in += 512;
		len -= 512;
	}
	if (len == 0)
		return;
	if (len <= 256) {
		blocks4(out, in, len, st, wide);
		return;
	}
	/* The last 1..511 bytes: eight blocks of keystream, the needed part
	 * XORed in. */
	blocks8(ks, NULL, st, wide);
	for (i = 0; i + 32 <= len; i += 32)
		put32(out + i, in == NULL ? NULL : in + i,
		      _mm256_loadu_si256((const __m256i *)(const void *)(ks + i)));
	for (; i < len; i++)
		out[i] = in == NULL ? ks[i] : (uint8_t)(in[i] ^ ks[i]);
	hbox_wipe(ks, sizeof ks);
}

#else
/* ISO C forbids an empty translation unit. */
typedef int hb_chacha20_avx2_unused;
#endif

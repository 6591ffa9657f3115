/*
 * salsa20_avx2.c - Salsa20/20 keystream with AVX2, called from salsa20.c
 * when the CPU has AVX2 (contract in hb_stream.h; same bytes as the
 * portable loop). The 64-bit block counter is state words 8 (low) and 9.
 *
 * Two kernels, as for ChaCha20:
 *   blocks8  eight blocks in the lanes layout (hb_stream_avx2.h);
 *   blocks4  one to four blocks in a row layout, for short messages and
 *            tails up to 256 bytes;
 * and HSalsa20 (the first half of every XSalsa20 call) on the row layout:
 * about 20% less latency than the portable rounds.
 * Salsa20 rotates by 7, 9, 13 and 18: none is a whole number of bytes, so
 * every rotation is two shifts (XORed in one at a time, see XOR_ROTL).
 *
 * Everything is add, xor and rotate on 32-bit lanes plus fixed shuffles
 * and blends; the key never selects a branch or an address.
 */
#include "hb_cpu.h"
#include "hb_stream.h"

#if HB_X86_SIMD
#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -madx, or define HOPEBOX_PORTABLE"
#endif
#include "hb_stream_avx2.h"

/*
 * z ^= y <<< n, as z ^ (y << n) ^ (y >> (32 - n)): the two shifted halves
 * have no bits in common, so XORing each straight into z equals XORing
 * their OR. Same operation count, but one half can go in before the other
 * is ready, which schedules better: 0.85 instead of 0.86 ticks per byte
 * with gcc 12, 0.84 instead of 0.87 with clang 14, on Zen 4.
 */
#define XOR_ROTL(z, y, n)                                                                     \
	(z = HB_XOR(HB_XOR(z, _mm256_slli_epi32(y, n)), _mm256_srli_epi32(y, 32 - (n))))

/* The Salsa20 quarter round (HB_SALSA_QR) on vectors. */
#define QR(a, b, c, d)                                                                        \
	do {                                                                                  \
		__m256i t_;                                                                   \
		t_ = HB_ADD(a, d);                                                            \
		XOR_ROTL(b, t_, 7);                                                           \
		t_ = HB_ADD(b, a);                                                            \
		XOR_ROTL(c, t_, 9);                                                           \
		t_ = HB_ADD(c, b);                                                            \
		XOR_ROTL(d, t_, 13);                                                          \
		t_ = HB_ADD(d, c);                                                            \
		XOR_ROTL(a, t_, 18);                                                          \
	} while (0)

/* Lanes layout: column round, then row round, on x0..x15. */
#define LANES_DOUBLE_ROUND()                                                                  \
	do {                                                                                  \
		QR(x0, x4, x8, x12);                                                          \
		QR(x5, x9, x13, x1);                                                          \
		QR(x10, x14, x2, x6);                                                         \
		QR(x15, x3, x7, x11);                                                         \
		QR(x0, x1, x2, x3);                                                           \
		QR(x5, x6, x7, x4);                                                           \
		QR(x10, x11, x8, x9);                                                         \
		QR(x15, x12, x13, x14);                                                       \
	} while (0)

/*
 * The first n (1..512) bytes of blocks st[8..9] + 0..7: dst = src XOR
 * keystream (keystream when src is NULL). st unchanged.
 */
static void blocks8(uint8_t *dst, const uint8_t *src, size_t n, const uint32_t st[16])
{
	__m256i x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, c8, c9;
	int i;

	hb_lane_counters(&c8, &c9, st[8], st[9], 1);
	x0 = hb_bcast(st[0]), x1 = hb_bcast(st[1]), x2 = hb_bcast(st[2]), x3 = hb_bcast(st[3]);
	x4 = hb_bcast(st[4]), x5 = hb_bcast(st[5]), x6 = hb_bcast(st[6]), x7 = hb_bcast(st[7]);
	x8 = c8, x9 = c9, x10 = hb_bcast(st[10]), x11 = hb_bcast(st[11]);
	x12 = hb_bcast(st[12]), x13 = hb_bcast(st[13]), x14 = hb_bcast(st[14]);
	x15 = hb_bcast(st[15]);
	for (i = 0; i < 10; i++)
		LANES_DOUBLE_ROUND();
	hb_lanes_output(dst, src, n, HB_ADD(x0, hb_bcast(st[0])), HB_ADD(x1, hb_bcast(st[1])),
	                HB_ADD(x2, hb_bcast(st[2])), HB_ADD(x3, hb_bcast(st[3])),
	                HB_ADD(x4, hb_bcast(st[4])), HB_ADD(x5, hb_bcast(st[5])),
	                HB_ADD(x6, hb_bcast(st[6])), HB_ADD(x7, hb_bcast(st[7])), HB_ADD(x8, c8),
	                HB_ADD(x9, c9), HB_ADD(x10, hb_bcast(st[10])),
	                HB_ADD(x11, hb_bcast(st[11])), HB_ADD(x12, hb_bcast(st[12])),
	                HB_ADD(x13, hb_bcast(st[13])), HB_ADD(x14, hb_bcast(st[14])),
	                HB_ADD(x15, hb_bcast(st[15])));
}

/*
 * Row layout (one block per 128-bit half), arranged so that the column
 * round is a quarter round on whole vectors:
 *   a = words  0  5 10 15      b = words  4  9 14  3
 *   c = words  8 13  2  7      d = words 12  1  6 11
 * (lane i of a, b, c, d is column quarter round i). The row round's
 * quarter rounds (0 1 2 3), (5 6 7 4), (10 11 8 9), (15 12 13 14) are then
 * lanes 0..3 of (a, d[i+1], c[i+2], b[i+3]): ROWS rotates d, c, b into
 * place and COLUMNS rotates them back.
 */
#define ROWS(b, c, d)                                                                         \
	(b = _mm256_shuffle_epi32(b, 0x93), c = _mm256_shuffle_epi32(c, 0x4e),                 \
	 d = _mm256_shuffle_epi32(d, 0x39))
#define COLUMNS(b, c, d)                                                                      \
	(b = _mm256_shuffle_epi32(b, 0x39), c = _mm256_shuffle_epi32(c, 0x4e),                 \
	 d = _mm256_shuffle_epi32(d, 0x93))

/*
 * Four state words (i, j, k, l) of one block, in both halves: lanes whose
 * word is below 8 come from lo (words 0-7), the others from hi (words
 * 8-15), picked by cross-lane permutes and a blend.
 */
#define ROW_WORDS(lo, hi, i, j, k, l)                                                         \
	_mm256_blend_epi32(_mm256_permutevar8x32_epi32(                                       \
	                           lo, _mm256_setr_epi32(i & 7, j & 7, k & 7, l & 7, i & 7,   \
	                                                 j & 7, k & 7, l & 7)),               \
	                   _mm256_permutevar8x32_epi32(                                       \
	                           hi, _mm256_setr_epi32(i & 7, j & 7, k & 7, l & 7, i & 7,   \
	                                                 j & 7, k & 7, l & 7)),               \
	                   (i >> 3) * 0x11 | (j >> 3) * 0x22 | (k >> 3) * 0x44 | (l >> 3) * 0x88)

/* The keystream of two blocks in the row layout back in word order, then
 * written at offset `at` (hb_put_row_pair). */
static inline int put_pair(uint8_t *dst, const uint8_t *src, size_t n, size_t at, __m256i a,
                           __m256i b, __m256i c, __m256i d)
{
	/* words 0-3 = a0 d1 c2 b3, 4-7 = b0 a1 d2 c3, 8-11 = c0 b1 a2 d3,
	 * 12-15 = d0 c1 b2 a3 (blend bit set: take the second operand) */
#define PICK(p, q, r, s)                                                                      \
	_mm256_blend_epi32(_mm256_blend_epi32(_mm256_blend_epi32(p, q, 0x22), r, 0x44), s, 0x88)
	return hb_put_row_pair(dst, src, n, at, PICK(a, d, c, b), PICK(b, a, d, c),
	                       PICK(c, b, a, d), PICK(d, c, b, a));
#undef PICK
}

/*
 * As blocks8 for n = 1..256 (blocks st[8..9] + 0..3): one pair of blocks
 * for n <= 128, two independent pairs interleaved above.
 */
static void blocks4(uint8_t *dst, const uint8_t *src, size_t n, const uint32_t st[16])
{
	__m256i a0, b0, c0, d0, a1, b1, c1, d1, a, b, c, d, b0_in, c0_in, b1_in, c1_in, p01, p23;
	__m256i lo, hi;
	int i;

	/* counter low word at c lane 0, high word at b lane 1 */
	hb_row_counters(&p01, &p23, st[8], st[9], 1);
	lo = _mm256_loadu_si256((const __m256i *)(const void *)st);
	hi = _mm256_loadu_si256((const __m256i *)(const void *)(st + 8));
	a = ROW_WORDS(lo, hi, 0, 5, 10, 15);
	b = ROW_WORDS(lo, hi, 4, 9, 14, 3);
	c = ROW_WORDS(lo, hi, 8, 13, 2, 7);
	d = ROW_WORDS(lo, hi, 12, 1, 6, 11);
	b0_in = _mm256_blend_epi32(b, p01, 0x22);
	c0_in = _mm256_blend_epi32(c, p01, 0x11);
	b1_in = _mm256_blend_epi32(b, p23, 0x22);
	c1_in = _mm256_blend_epi32(c, p23, 0x11);
	a0 = a1 = a, d0 = d1 = d, b0 = b0_in, c0 = c0_in, b1 = b1_in, c1 = c1_in;
	if (n <= 128) {
		for (i = 0; i < 10; i++) {
			QR(a0, b0, c0, d0);
			ROWS(b0, c0, d0);
			QR(a0, d0, c0, b0);
			COLUMNS(b0, c0, d0);
		}
	} else {
		for (i = 0; i < 10; i++) {
			QR(a0, b0, c0, d0);
			QR(a1, b1, c1, d1);
			ROWS(b0, c0, d0);
			ROWS(b1, c1, d1);
			QR(a0, d0, c0, b0);
			QR(a1, d1, c1, b1);
			COLUMNS(b0, c0, d0);
			COLUMNS(b1, c1, d1);
		}
	}
	if (put_pair(dst, src, n, 0, HB_ADD(a0, a), HB_ADD(b0, b0_in), HB_ADD(c0, c0_in),
	             HB_ADD(d0, d)))
		put_pair(dst, src, n, 128, HB_ADD(a1, a), HB_ADD(b1, b1_in), HB_ADD(c1, c1_in),
		         HB_ADD(d1, d));
}

void hb_hsalsa20_avx2(uint8_t out[32], const uint32_t st[16])
{
	/* One block in the row layout of blocks4 (in both halves), each row
	 * built word by word: st was just written that way, and wider loads
	 * would wait for the stores instead of taking their data forwarded. */
#define ROW(i, j, k, l)                                                                        \
	_mm256_broadcastsi128_si256(                                                           \
		_mm_setr_epi32((int)st[i], (int)st[j], (int)st[k], (int)st[l]))
	__m256i a = ROW(0, 5, 10, 15), b = ROW(4, 9, 14, 3), c = ROW(8, 13, 2, 7);
	__m256i d = ROW(12, 1, 6, 11);
	__m128i w6789;
	int i;
#undef ROW

	for (i = 0; i < 10; i++) {
		QR(a, b, c, d);
		ROWS(b, c, d);
		QR(a, d, c, b);
		COLUMNS(b, c, d);
	}
	/* words 0, 5, 10, 15 are a; words 6, 7, 8, 9 are d2, c3, c0, b1 */
	w6789 = _mm256_castsi256_si128(_mm256_blend_epi32(_mm256_blend_epi32(c, b, 0x2), d, 0x4));
	_mm_storeu_si128((__m128i *)(void *)out, _mm256_castsi256_si128(a));
	_mm_storeu_si128((__m128i *)(void *)(out + 16), _mm_shuffle_epi32(w6789, 0x4e));
}

void hb_salsa20_avx2(uint32_t st[16], uint8_t *out, const uint8_t *in, size_t len)
{
	while (len >= 512) {
		uint32_t before = st[8];
		blocks8(out, in, 512, st);
		st[8] += 8;
		if (st[8] < before) /* the counter is public */
			st[9]++;
		out += 512;
		if (in != NULL)
			in += 512;
		len -= 512;
	}
	if (len > 256)
		blocks8(out, in, len, st);
	else if (len > 0)
		blocks4(out, in, len, st);
}

#else
/* ISO C forbids an empty translation unit. */
typedef int hb_salsa20_avx2_unused;
#endif

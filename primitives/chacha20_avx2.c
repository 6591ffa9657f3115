/*
 * chacha20_avx2.c - ChaCha20 keystream with AVX2, called from chacha20.c
 * when the CPU has AVX2 (contract in hb_stream.h; same bytes as the
 * portable loop).
 *
 * Two kernels:
 *   blocks8  eight blocks in the lanes layout (hb_stream_avx2.h): a quarter
 *            round is the scalar one on eight blocks at once, with no
 *            shuffles inside the rounds; used for every 512 bytes and for
 *            tails over 256 bytes.
 *   blocks4  one to four blocks in the row layout, for short messages and
 *            tails: latency-bound, but with less fixed cost;
 * and HChaCha20 (the first half of every XChaCha20 call) on the row layout.
 *
 * Everything is add, xor and rotate on 32-bit lanes plus fixed shuffles;
 * the key never selects a branch or an address.
 */
#include "hb_cpu.h"
#include "hb_stream.h"

#if HB_X86_SIMD
#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -madx, or define HOPEBOX_PORTABLE"
#endif
#include "hb_stream_avx2.h"

/* Rotations by 16 and 8 move whole bytes: one shuffle instead of three ops
 * (the masks rot16 and rot8 must be in scope). */
#define ROT16(x) _mm256_shuffle_epi8((x), rot16)
#define ROT8(x) _mm256_shuffle_epi8((x), rot8)
#define ROT_MASKS                                                                             \
	const __m256i rot16 = _mm256_setr_epi8(2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, \
	                                       13, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, \
	                                       12, 13);                                          \
	const __m256i rot8 = _mm256_setr_epi8(3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13,  \
	                                      14, 3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12,  \
	                                      13, 14)

/* RFC 8439 section 2.1, on vectors. */
#define QR(a, b, c, d)                                                                        \
	do {                                                                                  \
		a = HB_ADD(a, b);                                                             \
		d = ROT16(HB_XOR(d, a));                                                      \
		c = HB_ADD(c, d);                                                             \
		b = HB_ROTL(HB_XOR(b, c), 12);                                                \
		a = HB_ADD(a, b);                                                             \
		d = ROT8(HB_XOR(d, a));                                                       \
		c = HB_ADD(c, d);                                                             \
		b = HB_ROTL(HB_XOR(b, c), 7);                                                 \
	} while (0)

/* Lanes layout: column round, then diagonal round, on x0..x15. */
#define LANES_DOUBLE_ROUND()                                                                  \
	do {                                                                                  \
		QR(x0, x4, x8, x12);                                                          \
		QR(x1, x5, x9, x13);                                                          \
		QR(x2, x6, x10, x14);                                                         \
		QR(x3, x7, x11, x15);                                                         \
		QR(x0, x5, x10, x15);                                                         \
		QR(x1, x6, x11, x12);                                                         \
		QR(x2, x7, x8, x13);                                                          \
		QR(x3, x4, x9, x14);                                                          \
	} while (0)

/*
 * The first n (1..512) bytes of blocks st[12..13] + 0..7: dst = src XOR
 * keystream (keystream when src is NULL). wide: 64-bit counter in words
 * 12-13 (original layout), else word 12 wraps alone (IETF). st unchanged.
 */
static void blocks8(uint8_t *dst, const uint8_t *src, size_t n, const uint32_t st[16], int wide)
{
	ROT_MASKS;
	__m256i x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, c12, c13;
	int i;

	hb_lane_counters(&c12, &c13, st[12], st[13], wide);
	x0 = hb_bcast(st[0]), x1 = hb_bcast(st[1]), x2 = hb_bcast(st[2]), x3 = hb_bcast(st[3]);
	x4 = hb_bcast(st[4]), x5 = hb_bcast(st[5]), x6 = hb_bcast(st[6]), x7 = hb_bcast(st[7]);
	x8 = hb_bcast(st[8]), x9 = hb_bcast(st[9]), x10 = hb_bcast(st[10]);
	x11 = hb_bcast(st[11]), x12 = c12, x13 = c13, x14 = hb_bcast(st[14]);
	x15 = hb_bcast(st[15]);
	/* Two double rounds per iteration: gcc 12 allocates registers better
	 * (0.84 instead of 0.89 ticks per byte on Zen 4). */
	for (i = 0; i < 10; i += 2) {
		LANES_DOUBLE_ROUND();
		LANES_DOUBLE_ROUND();
	}
	hb_lanes_output(dst, src, n, HB_ADD(x0, hb_bcast(st[0])), HB_ADD(x1, hb_bcast(st[1])),
	                HB_ADD(x2, hb_bcast(st[2])), HB_ADD(x3, hb_bcast(st[3])),
	                HB_ADD(x4, hb_bcast(st[4])), HB_ADD(x5, hb_bcast(st[5])),
	                HB_ADD(x6, hb_bcast(st[6])), HB_ADD(x7, hb_bcast(st[7])),
	                HB_ADD(x8, hb_bcast(st[8])), HB_ADD(x9, hb_bcast(st[9])),
	                HB_ADD(x10, hb_bcast(st[10])), HB_ADD(x11, hb_bcast(st[11])),
	                HB_ADD(x12, c12), HB_ADD(x13, c13), HB_ADD(x14, hb_bcast(st[14])),
	                HB_ADD(x15, hb_bcast(st[15])));
}

/*
 * Row layout: a vector holds one row of the 4x4 state (words 4r..4r+3) of
 * block k in its low half and of block k + 1 in its high half; a quarter
 * round on rows (a, b, c, d) does the four columns. For the diagonal round,
 * DIAG sets a[i] = a[i - 1], c[i] = c[i + 1], d[i] = d[i + 2] (indices mod
 * 4, within each half), so lane i holds a diagonal: lane 1 is words 0, 5,
 * 10, 15, lane 0 words 3, 4, 9, 14. Row b stays: it is the last value a
 * quarter round produces, so not shuffling it keeps the shuffle off the
 * critical path. UNDIAG moves the rows back.
 */
#define DIAG(a, c, d)                                                                         \
	(a = _mm256_shuffle_epi32(a, 0x93), c = _mm256_shuffle_epi32(c, 0x39),                 \
	 d = _mm256_shuffle_epi32(d, 0x4e))
#define UNDIAG(a, c, d)                                                                       \
	(a = _mm256_shuffle_epi32(a, 0x39), c = _mm256_shuffle_epi32(c, 0x93),                 \
	 d = _mm256_shuffle_epi32(d, 0x4e))

/*
 * As blocks8 for n = 1..256 (blocks st[12..13] + 0..3). Latency-bound
 * (about 30 cycles per double round); one pair of blocks for n <= 128,
 * two independent pairs interleaved above.
 */
static void blocks4(uint8_t *dst, const uint8_t *src, size_t n, const uint32_t st[16], int wide)
{
	ROT_MASKS;
	__m256i a0, b0, c0, d0, a1, b1, c1, d1, a, b, c, d0_in, d1_in, nonce;
	int i;

	hb_row_counters(&d0_in, &d1_in, st[12], st[13], wide);
	a = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)st));
	b = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(st + 4)));
	c = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(st + 8)));
	/* Row d of block k: its counter words, then words 14 and 15. */
	nonce = _mm256_setr_epi32(0, 0, (int)st[14], (int)st[15], 0, 0, (int)st[14], (int)st[15]);
	d0_in = _mm256_blend_epi32(d0_in, nonce, 0xcc);
	d1_in = _mm256_blend_epi32(d1_in, nonce, 0xcc);
	a0 = a1 = a, b0 = b1 = b, c0 = c1 = c, d0 = d0_in, d1 = d1_in;
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
	if (hb_put_row_pair(dst, src, n, 0, HB_ADD(a0, a), HB_ADD(b0, b), HB_ADD(c0, c),
	                    HB_ADD(d0, d0_in)))
		hb_put_row_pair(dst, src, n, 128, HB_ADD(a1, a), HB_ADD(b1, b), HB_ADD(c1, c),
		                HB_ADD(d1, d1_in));
}

void hb_hchacha20_avx2(uint8_t out[32], const uint32_t st[16])
{
	/* One block in the row layout of blocks4 (in both halves), each row
	 * built word by word: st was just written that way, and wider loads
	 * would wait for the stores instead of taking their data forwarded. */
#define ROW(w)                                                                                 \
	_mm256_broadcastsi128_si256(_mm_setr_epi32((int)st[w], (int)st[(w) + 1],              \
	                                           (int)st[(w) + 2], (int)st[(w) + 3]))
	ROT_MASKS;
	__m256i a = ROW(0), b = ROW(4), c = ROW(8), d = ROW(12);
	int i;
#undef ROW

	for (i = 0; i < 10; i++) {
		QR(a, b, c, d);
		DIAG(a, c, d);
		QR(a, b, c, d);
		UNDIAG(a, c, d);
	}
	/* words 0-3 and 12-15, no feed-forward (chacha20.c) */
	_mm_storeu_si128((__m128i *)(void *)out, _mm256_castsi256_si128(a));
	_mm_storeu_si128((__m128i *)(void *)(out + 16), _mm256_castsi256_si128(d));
}

void hb_chacha20_avx2(uint32_t st[16], uint8_t *out, const uint8_t *in, size_t len, int wide)
{
	while (len >= 512) {
		uint32_t before = st[12];
		blocks8(out, in, 512, st, wide);
		st[12] += 8;
		if (wide && st[12] < before) /* the counter is public */
			st[13]++;
		out += 512;
		if (in != NULL)
			in += 512;
		len -= 512;
	}
	if (len > 256)
		blocks8(out, in, len, st, wide);
	else if (len > 0)
		blocks4(out, in, len, st, wide);
}

#else
/* ISO C forbids an empty translation unit. */
typedef int hb_chacha20_avx2_unused;
#endif

/*
 * salsa20_avx512.c - Salsa20/20 keystream and HSalsa20 with AVX-512F,
 * called from salsa20.c when hbox_cpu_features() has HBOX_CPU_AVX512F
 * (contracts in hb_stream.h; same bytes as the portable code). Layouts,
 * instruction subset and constant-time notes: hb_stream_avx512.h.
 *
 * Two kernels:
 *   blocks16  sixteen blocks in the lanes layout, for every 1024 bytes and
 *             tails over 256 bytes;
 *   rows      one to four blocks, one per 128-bit lane, for short
 *             messages and tails, and (one block, no feed-forward) for
 *             HSalsa20, the first half of every XSalsa20 call.
 */
#include "hb_cpu.h"
#include "hb_stream.h"

#if HB_X86_SIMD
#include "hb_stream_avx512.h"

/* Lanes layout: the Salsa20 quarter round (HB_SALSA_QR) on vectors. */
#define QR(a, b, c, d)                                                                         \
	do {                                                                                   \
		b = Z_XOR(b, Z_ROTL(Z_ADD(a, d), 7));                                          \
		c = Z_XOR(c, Z_ROTL(Z_ADD(b, a), 9));                                          \
		d = Z_XOR(d, Z_ROTL(Z_ADD(c, b), 13));                                         \
		a = Z_XOR(a, Z_ROTL(Z_ADD(d, c), 18));                                         \
	} while (0)

/*
 * The first n (1..1024) bytes of blocks st[8..9] + 0..15: dst = src XOR
 * keystream (keystream when src is NULL). st unchanged.
 */
static HB_AVX512 void blocks16(uint8_t *dst, const uint8_t *src, size_t n, const uint32_t st[16])
{
	__m512i x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, c8, c9;
	__m512i x[16];
	int i;

	hb_zcounters(&c8, &c9, st[8], st[9],
	             _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), 1);
	x0 = hb_zbcast(st[0]), x1 = hb_zbcast(st[1]), x2 = hb_zbcast(st[2]);
	x3 = hb_zbcast(st[3]), x4 = hb_zbcast(st[4]), x5 = hb_zbcast(st[5]);
	x6 = hb_zbcast(st[6]), x7 = hb_zbcast(st[7]), x8 = c8, x9 = c9;
	x10 = hb_zbcast(st[10]), x11 = hb_zbcast(st[11]), x12 = hb_zbcast(st[12]);
	x13 = hb_zbcast(st[13]), x14 = hb_zbcast(st[14]), x15 = hb_zbcast(st[15]);
	for (i = 0; i < 10; i++) {
		/* columns, then rows */
		QR(x0, x4, x8, x12);
		QR(x5, x9, x13, x1);
		QR(x10, x14, x2, x6);
		QR(x15, x3, x7, x11);
		QR(x0, x1, x2, x3);
		QR(x5, x6, x7, x4);
		QR(x10, x11, x8, x9);
		QR(x15, x12, x13, x14);
	}
	x[0] = Z_ADD(x0, hb_zbcast(st[0])), x[1] = Z_ADD(x1, hb_zbcast(st[1]));
	x[2] = Z_ADD(x2, hb_zbcast(st[2])), x[3] = Z_ADD(x3, hb_zbcast(st[3]));
	x[4] = Z_ADD(x4, hb_zbcast(st[4])), x[5] = Z_ADD(x5, hb_zbcast(st[5]));
	x[6] = Z_ADD(x6, hb_zbcast(st[6])), x[7] = Z_ADD(x7, hb_zbcast(st[7]));
	x[8] = Z_ADD(x8, c8), x[9] = Z_ADD(x9, c9);
	x[10] = Z_ADD(x10, hb_zbcast(st[10])), x[11] = Z_ADD(x11, hb_zbcast(st[11]));
	x[12] = Z_ADD(x12, hb_zbcast(st[12])), x[13] = Z_ADD(x13, hb_zbcast(st[13]));
	x[14] = Z_ADD(x14, hb_zbcast(st[14])), x[15] = Z_ADD(x15, hb_zbcast(st[15]));
	hb_zlanes_output(dst, src, n, x);
}

/*
 * Rows layout, as in salsa20_avx2.c (read its comment): in each 128-bit
 * lane
 *   a = words  0  5 10 15      b = words  4  9 14  3
 *   c = words  8 13  2  7      d = words 12  1  6 11
 * so the column round is a quarter round on whole vectors and the row
 * round one on (a, d, c, b) after turning b, c and d (ROWS), which
 * COLUMNS undoes. Each step is an add, two shifts and a three-way XOR.
 */
#define RQR(a, b, c, d)                                                                        \
	do {                                                                                   \
		__m512i t_;                                                                    \
		t_ = Z_ADD(a, d);                                                              \
		b = Z_XOR_ROTL(b, t_, 7);                                                      \
		t_ = Z_ADD(b, a);                                                              \
		c = Z_XOR_ROTL(c, t_, 9);                                                      \
		t_ = Z_ADD(c, b);                                                              \
		d = Z_XOR_ROTL(d, t_, 13);                                                     \
		t_ = Z_ADD(d, c);                                                              \
		a = Z_XOR_ROTL(a, t_, 18);                                                     \
	} while (0)
#define ROWS(b, c, d)                                                                          \
	(b = _mm512_shuffle_epi32(b, (_MM_PERM_ENUM)0x93),                                     \
	 c = _mm512_shuffle_epi32(c, (_MM_PERM_ENUM)0x4e),                                     \
	 d = _mm512_shuffle_epi32(d, (_MM_PERM_ENUM)0x39))
#define COLUMNS(b, c, d)                                                                       \
	(b = _mm512_shuffle_epi32(b, (_MM_PERM_ENUM)0x39),                                     \
	 c = _mm512_shuffle_epi32(c, (_MM_PERM_ENUM)0x4e),                                     \
	 d = _mm512_shuffle_epi32(d, (_MM_PERM_ENUM)0x93))

/* The 20 rounds on four blocks in the rows layout. */
static inline HB_AVX512 void rows_rounds(__m512i *pa, __m512i *pb, __m512i *pc, __m512i *pd)
{
	__m512i a = *pa, b = *pb, c = *pc, d = *pd;
	int i;
	for (i = 0; i < 10; i++) {
		RQR(a, b, c, d);
		ROWS(b, c, d);
		RQR(a, d, c, b);
		COLUMNS(b, c, d);
	}
	*pa = a, *pb = b, *pc = c, *pd = d;
}

/* One block's state st in the rows layout, the same in all four lanes. */
static inline HB_AVX512 void rows_load(__m512i *a, __m512i *b, __m512i *c, __m512i *d,
                                       const uint32_t st[16])
{
#define ROW(i, j, k, l)                                                                        \
	_mm512_broadcast_i32x4(_mm_setr_epi32((int)st[i], (int)st[j], (int)st[k], (int)st[l]))
	*a = ROW(0, 5, 10, 15);
	*b = ROW(4, 9, 14, 3);
	*c = ROW(8, 13, 2, 7);
	*d = ROW(12, 1, 6, 11);
#undef ROW
}

/*
 * The same rounds on one or two blocks in 256-bit vectors (block k in the
 * low half, k + 1 in the high half), for 1..128 bytes and HSalsa20: the
 * adds, shifts and shuffles use the AVX2 forms and only the three-way XOR
 * a 512-bit one (AVX-512F has it in no narrower form). On Zen 4 the 512-bit
 * shifts and shuffles share one unit at one per cycle, which the 512-bit
 * kernel above keeps nearly busy (29 cycles per double round); at 256 bits
 * it runs two per cycle and the double round takes its 24-cycle latency.
 */
#define Y_XOR_ROTL(z, y, n)                                                                    \
	hb_yxor3((z), _mm256_slli_epi32((y), (n)), _mm256_srli_epi32((y), 32 - (n)))
#define YQR(a, b, c, d)                                                                        \
	do {                                                                                   \
		__m256i t_;                                                                    \
		t_ = _mm256_add_epi32(a, d);                                                   \
		b = Y_XOR_ROTL(b, t_, 7);                                                      \
		t_ = _mm256_add_epi32(b, a);                                                   \
		c = Y_XOR_ROTL(c, t_, 9);                                                      \
		t_ = _mm256_add_epi32(c, b);                                                   \
		d = Y_XOR_ROTL(d, t_, 13);                                                     \
		t_ = _mm256_add_epi32(d, c);                                                   \
		a = Y_XOR_ROTL(a, t_, 18);                                                     \
	} while (0)
#define YROWS(b, c, d)                                                                         \
	(b = _mm256_shuffle_epi32(b, 0x93), c = _mm256_shuffle_epi32(c, 0x4e),                 \
	 d = _mm256_shuffle_epi32(d, 0x39))
#define YCOLUMNS(b, c, d)                                                                      \
	(b = _mm256_shuffle_epi32(b, 0x39), c = _mm256_shuffle_epi32(c, 0x4e),                 \
	 d = _mm256_shuffle_epi32(d, 0x93))

static inline HB_AVX512 void rows2_rounds(__m256i *pa, __m256i *pb, __m256i *pc, __m256i *pd)
{
	__m256i a = *pa, b = *pb, c = *pc, d = *pd;
	int i;
	for (i = 0; i < 10; i++) {
		YQR(a, b, c, d);
		YROWS(b, c, d);
		YQR(a, d, c, b);
		YCOLUMNS(b, c, d);
	}
	*pa = a, *pb = b, *pc = c, *pd = d;
}

/* The back-to-word-order blends of put_pair in salsa20_avx2.c: words 0-3
 * are a0 d1 c2 b3, 4-7 b0 a1 d2 c3, 8-11 c0 b1 a2 d3, 12-15 d0 c1 b2 a3
 * (dword i of each 128-bit lane; blend bit set: the second operand). */
#define YPICK(p, q, r, s)                                                                      \
	_mm256_blend_epi32(_mm256_blend_epi32(_mm256_blend_epi32(p, q, 0x22), r, 0x44), s, 0x88)
#define ZPICK(p, q, r, s)                                                                      \
	_mm512_mask_blend_epi32(0x8888,                                                        \
	                        _mm512_mask_blend_epi32(0x4444,                                \
	                                                _mm512_mask_blend_epi32(0x2222, p, q), \
	                                                r),                                    \
	                        s)

/* One block's state st in the rows layout, in both 128-bit halves. */
static inline HB_AVX512 void rows2_load(__m256i *a, __m256i *b, __m256i *c, __m256i *d,
                                        const uint32_t st[16])
{
#define ROW(i, j, k, l)                                                                        \
	_mm256_broadcastsi128_si256(                                                           \
		_mm_setr_epi32((int)st[i], (int)st[j], (int)st[k], (int)st[l]))
	*a = ROW(0, 5, 10, 15);
	*b = ROW(4, 9, 14, 3);
	*c = ROW(8, 13, 2, 7);
	*d = ROW(12, 1, 6, 11);
#undef ROW
}

/* As rows() below for n = 1..128 (blocks st[8..9] + 0..1). */
static HB_AVX512 void rows2(uint8_t *dst, const uint8_t *src, size_t n, const uint32_t st[16])
{
	__m256i a0, b0, c0, d0, a, b, c, d;
	uint32_t lo1 = st[8] + 1, hi1 = st[9] + (lo1 == 0); /* the counter is public */

	rows2_load(&a0, &b0, &c0, &d0, st);
	/* block counter: low word (8) in c's dword 0, high word (9) in b's dword 1 */
	c0 = _mm256_blend_epi32(c0, _mm256_setr_epi32((int)st[8], 0, 0, 0, (int)lo1, 0, 0, 0),
	                        0x11);
	b0 = _mm256_blend_epi32(b0, _mm256_setr_epi32(0, (int)st[9], 0, 0, 0, (int)hi1, 0, 0),
	                        0x22);
	a = a0, b = b0, c = c0, d = d0;
	rows2_rounds(&a, &b, &c, &d);
	a = _mm256_add_epi32(a, a0), b = _mm256_add_epi32(b, b0);
	c = _mm256_add_epi32(c, c0), d = _mm256_add_epi32(d, d0);
	hb_yput_pair(dst, src, n, 0, YPICK(a, d, c, b), YPICK(b, a, d, c), YPICK(c, b, a, d),
	             YPICK(d, c, b, a));
}

/*
 * The first n (129..256) bytes of blocks st[8..9] + 0..3, block k in lane k:
 * dst = src XOR keystream (keystream when src is NULL). st unchanged.
 */
static HB_AVX512 void rows(uint8_t *dst, const uint8_t *src, size_t n, const uint32_t st[16])
{
	__m512i a, b, c, d, a0, b0, c0, d0;
	/* carry into the high word for blocks 1..3 (the counter is public) */
	int k1 = st[8] + 1 < st[8], k2 = st[8] + 2 < st[8], k3 = st[8] + 3 < st[8];

	rows_load(&a0, &b0, &c0, &d0, st);
	/* block k's counter: low word (8) in c's dword 0, high word (9) in b's
	 * dword 1 of lane k; added rather than blended in (gcc 12 fails with an
	 * internal error on the masked blends here) */
	c0 = Z_ADD(c0, _mm512_setr_epi32(0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0));
	b0 = Z_ADD(b0, _mm512_setr_epi32(0, 0, 0, 0, 0, k1, 0, 0, 0, k2, 0, 0, 0, k3, 0, 0));
	a = a0, b = b0, c = c0, d = d0;
	rows_rounds(&a, &b, &c, &d);
	a = Z_ADD(a, a0), b = Z_ADD(b, b0), c = Z_ADD(c, c0), d = Z_ADD(d, d0);
	hb_zput_quad(dst, src, n, 0, 1, ZPICK(a, d, c, b), ZPICK(b, a, d, c), ZPICK(c, b, a, d),
	             ZPICK(d, c, b, a));
}

/* Advance the 64-bit block counter (words 8, 9) by k blocks; it is public. */
static void advance(uint32_t st[16], uint32_t k)
{
	uint32_t before = st[8];
	st[8] += k;
	if (st[8] < before)
		st[9]++;
}

/*
 * Sixteen blocks at a time while more than 768 bytes are left, then four
 * at a time in the rows kernel (latency-bound: up to three of its calls
 * cost less than one blocks16).
 */
HB_AVX512 void hb_salsa20_avx512(uint32_t st[16], uint8_t *out, const uint8_t *in, size_t len)
{
	for (;;) {
		size_t n = len > 1024 ? 1024 : len;
		if (len <= 768)
			break;
		blocks16(out, in, n, st);
		if (len == n)
			return;
		advance(st, 16);
		out += 1024;
		if (in != NULL)
			in += 1024;
		len -= 1024;
	}
	while (len > 0) {
		size_t n = len > 256 ? 256 : len;
		if (n <= 128)
			rows2(out, in, n, st);
		else
			rows(out, in, n, st);
		if (len == n)
			return;
		advance(st, 4);
		out += 256;
		if (in != NULL)
			in += 256;
		len -= 256;
	}
}

HB_AVX512 void hb_hsalsa20_avx512(uint8_t out[32], const uint32_t st[16])
{
	__m256i a, b, c, d;
	__m128i w6789;

	rows2_load(&a, &b, &c, &d, st);
	rows2_rounds(&a, &b, &c, &d);
	/* words 0, 5, 10, 15 are a; words 6, 7, 8, 9 are d2, c3, c0, b1 */
	w6789 = _mm256_castsi256_si128(_mm256_blend_epi32(_mm256_blend_epi32(c, b, 0x2), d, 0x4));
	w6789 = _mm_shuffle_epi32(w6789, 0x4e);
	_mm_storeu_si128((__m128i *)(void *)out, _mm256_castsi256_si128(a));
	_mm_storeu_si128((__m128i *)(void *)(out + 16), w6789);
}

#else
/* ISO C forbids an empty translation unit. */
typedef int hb_salsa20_avx512_unused;
#endif

/*
 * chacha20_avx512.c - ChaCha20 keystream and HChaCha20 with AVX-512F,
 * called from chacha20.c when hbox_cpu_features() has HBOX_CPU_AVX512F
 * (contracts in hb_stream.h; same bytes as the portable code). Layouts,
 * instruction subset and constant-time notes: hb_stream_avx512.h.
 *
 * Kernels:
 *   blocks16  sixteen blocks in the lanes layout, a quarter round step
 *             being add, xor, rotate (vprold); for everything over 256
 *             bytes;
 *   rows2     one or two blocks in ymm rows for up to 128 bytes, and one
 *             block without feed-forward for HChaCha20;
 * and 129..256 bytes go to the AVX2 kernel (hb_chacha20_avx2: two pairs
 * of row blocks interleaved), which that range keeps as busy as anything
 * here would.
 */
#include "hb_cpu.h"
#include "hb_stream.h"

#if HB_X86_SIMD
#include "hb_stream_avx512.h"

/* RFC 8439 section 2.1 on vectors (lanes layout). */
#define QR(a, b, c, d)                                                                         \
	do {                                                                                   \
		a = Z_ADD(a, b);                                                               \
		d = Z_ROTL(Z_XOR(d, a), 16);                                                   \
		c = Z_ADD(c, d);                                                               \
		b = Z_ROTL(Z_XOR(b, c), 12);                                                   \
		a = Z_ADD(a, b);                                                               \
		d = Z_ROTL(Z_XOR(d, a), 8);                                                    \
		c = Z_ADD(c, d);                                                               \
		b = Z_ROTL(Z_XOR(b, c), 7);                                                    \
	} while (0)

/*
 * The first n (1..1024) bytes of blocks st[12..13] + 0..15: dst = src XOR
 * keystream (keystream when src is NULL). wide: 64-bit counter in words
 * 12-13 (original layout), else word 12 wraps alone (IETF). st unchanged.
 */
static HB_AVX512 void blocks16(uint8_t *dst, const uint8_t *src, size_t n, const uint32_t st[16],
                               int wide)
{
	__m512i x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, c12, c13;
	__m512i x[16];
	int i;

	hb_zcounters(&c12, &c13, st[12], st[13],
	             _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), wide);
	x0 = hb_zbcast(st[0]), x1 = hb_zbcast(st[1]), x2 = hb_zbcast(st[2]);
	x3 = hb_zbcast(st[3]), x4 = hb_zbcast(st[4]), x5 = hb_zbcast(st[5]);
	x6 = hb_zbcast(st[6]), x7 = hb_zbcast(st[7]), x8 = hb_zbcast(st[8]);
	x9 = hb_zbcast(st[9]), x10 = hb_zbcast(st[10]), x11 = hb_zbcast(st[11]);
	x12 = c12, x13 = c13, x14 = hb_zbcast(st[14]), x15 = hb_zbcast(st[15]);
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
	x[0] = Z_ADD(x0, hb_zbcast(st[0])), x[1] = Z_ADD(x1, hb_zbcast(st[1]));
	x[2] = Z_ADD(x2, hb_zbcast(st[2])), x[3] = Z_ADD(x3, hb_zbcast(st[3]));
	x[4] = Z_ADD(x4, hb_zbcast(st[4])), x[5] = Z_ADD(x5, hb_zbcast(st[5]));
	x[6] = Z_ADD(x6, hb_zbcast(st[6])), x[7] = Z_ADD(x7, hb_zbcast(st[7]));
	x[8] = Z_ADD(x8, hb_zbcast(st[8])), x[9] = Z_ADD(x9, hb_zbcast(st[9]));
	x[10] = Z_ADD(x10, hb_zbcast(st[10])), x[11] = Z_ADD(x11, hb_zbcast(st[11]));
	x[12] = Z_ADD(x12, c12), x[13] = Z_ADD(x13, c13);
	x[14] = Z_ADD(x14, hb_zbcast(st[14])), x[15] = Z_ADD(x15, hb_zbcast(st[15]));
	hb_zlanes_output(dst, src, n, x);
}

/*
 * Rows layout (chacha20_avx2.c): a, b, c, d hold state rows 0..3 of block
 * k in their low 128-bit halves and of block k + 1 in their high halves.
 * For latency, d = (d ^ a) <<< 16 is computed as (d <<< 16) ^ (a << 16) ^
 * (a >> 16): the rotation of the old d is ready before the new a, so only
 * two shifts and one three-way XOR follow the add (2 cycles, against 3 for
 * xor then rotate). The rotations of the old values are two shifts and an
 * or each, written as asm: left to themselves, gcc 12 and clang 14 pick
 * other forms (a byte shuffle, or clang a 512-bit vprold) that make the
 * double round 30 to 37 cycles instead of 25 (Zen 4; the ideal is 24).
 * The asm is AT&T syntax, like every inline asm in the library.
 */
#define DEFINE_YROTL(n)                                                                        \
	static inline HB_AVX512 __m256i yrotl##n(__m256i x)                                    \
	{                                                                                      \
		__m256i l, r;                                                                  \
		__asm__("vpslld $" #n ", %2, %0\n\t"                                           \
		        "vpsrld $(32 - " #n "), %2, %1\n\t"                                    \
		        "vpor %1, %0, %0"                                                      \
		        : "=&x"(l), "=&x"(r)                                                   \
		        : "x"(x));                                                             \
		return l;                                                                      \
	}
DEFINE_YROTL(16)
DEFINE_YROTL(12)
DEFINE_YROTL(8)
DEFINE_YROTL(7)
/* (z ^ y) <<< n given zr = z <<< n */
#define YXR(zr, y, n) hb_yxor3((zr), _mm256_slli_epi32((y), (n)), _mm256_srli_epi32((y), 32 - (n)))
#define YQR(a, b, c, d)                                                                        \
	do {                                                                                   \
		a = _mm256_add_epi32(a, b);                                                    \
		d = YXR(yrotl16(d), a, 16);                                                      \
		c = _mm256_add_epi32(c, d);                                                    \
		b = YXR(yrotl12(b), c, 12);                                                      \
		a = _mm256_add_epi32(a, b);                                                    \
		d = YXR(yrotl8(d), a, 8);                                                        \
		c = _mm256_add_epi32(c, d);                                                    \
		b = YXR(yrotl7(b), c, 7);                                                        \
	} while (0)
/* Diagonals into the lanes and back (chacha20_avx2.c explains why a, c
 * and d move and b stays). */
#define DIAG(a, c, d)                                                                          \
	(a = _mm256_shuffle_epi32(a, 0x93), c = _mm256_shuffle_epi32(c, 0x39),                 \
	 d = _mm256_shuffle_epi32(d, 0x4e))
#define UNDIAG(a, c, d)                                                                        \
	(a = _mm256_shuffle_epi32(a, 0x39), c = _mm256_shuffle_epi32(c, 0x93),                 \
	 d = _mm256_shuffle_epi32(d, 0x4e))

/* The 20 rounds on the rows a, b, c, d. */
static inline HB_AVX512 void rows2_rounds(__m256i *pa, __m256i *pb, __m256i *pc, __m256i *pd)
{
	__m256i a = *pa, b = *pb, c = *pc, d = *pd;
	int i;
	for (i = 0; i < 10; i++) {
		YQR(a, b, c, d);
		DIAG(a, c, d);
		YQR(a, b, c, d);
		UNDIAG(a, c, d);
	}
	*pa = a, *pb = b, *pc = c, *pd = d;
}

/* Row r (words 4r..4r+3) of st, in both halves. */
#define ROW(r)                                                                                 \
	_mm256_broadcastsi128_si256(_mm_setr_epi32((int)st[4 * (r)], (int)st[4 * (r) + 1],     \
	                                           (int)st[4 * (r) + 2], (int)st[4 * (r) + 3]))

/* As blocks16 for n = 1..128 (blocks st[12..13] + 0..1). */
static HB_AVX512 void rows2(uint8_t *dst, const uint8_t *src, size_t n, const uint32_t st[16],
                            int wide)
{
	__m256i a0 = ROW(0), b0 = ROW(1), c0 = ROW(2), d0, a, b, c, d;
	uint32_t lo1 = st[12] + 1;
	uint32_t hi1 = st[13] + (uint32_t)(wide && lo1 == 0); /* the counter is public */

	d0 = _mm256_setr_epi32((int)st[12], (int)st[13], (int)st[14], (int)st[15], (int)lo1,
	                       (int)hi1, (int)st[14], (int)st[15]);
	a = a0, b = b0, c = c0, d = d0;
	rows2_rounds(&a, &b, &c, &d);
	hb_yput_pair(dst, src, n, 0, _mm256_add_epi32(a, a0), _mm256_add_epi32(b, b0),
	             _mm256_add_epi32(c, c0), _mm256_add_epi32(d, d0));
}

/* Advance the block counter by k blocks (carrying into word 13 when
 * wide); it is public. */
static void advance(uint32_t st[16], uint32_t k, int wide)
{
	uint32_t before = st[12];
	st[12] += k;
	if (wide && st[12] < before)
		st[13]++;
}

HB_AVX512 void hb_chacha20_avx512(uint32_t st[16], uint8_t *out, const uint8_t *in, size_t len,
                                  int wide)
{
	while (len > 256) {
		size_t n = len > 1024 ? 1024 : len;
		blocks16(out, in, n, st, wide);
		if (len == n)
			return;
		advance(st, 16, wide);
		out += 1024;
		if (in != NULL)
			in += 1024;
		len -= 1024;
	}
	if (len > 128)
		hb_chacha20_avx2(st, out, in, len, wide);
	else if (len > 0)
		rows2(out, in, len, st, wide);
}

HB_AVX512 void hb_hchacha20_avx512(uint8_t out[32], const uint32_t st[16])
{
	__m256i a = ROW(0), b = ROW(1), c = ROW(2), d = ROW(3);

	rows2_rounds(&a, &b, &c, &d);
	/* words 0-3 and 12-15, no feed-forward (chacha20.c) */
	_mm_storeu_si128((__m128i *)(void *)out, _mm256_castsi256_si128(a));
	_mm_storeu_si128((__m128i *)(void *)(out + 16), _mm256_castsi256_si128(d));
}

#else
/* ISO C forbids an empty translation unit. */
typedef int hb_chacha20_avx512_unused;
#endif

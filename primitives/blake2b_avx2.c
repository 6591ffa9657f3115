/*
 * blake2b_avx2.c - BLAKE2b compression with AVX2, called from blake2b.c
 * when the CPU has AVX2 (contract in hb_blake2b.h; same result as the
 * portable code).
 *
 * The 4x4 state of 64-bit words is four vectors, one row each:
 *   a = v0..v3, b = v4..v7, c = v8..v11, d = v12..v15,
 * so G on whole vectors is the four column G's of RFC 7693 section 3.2 at
 * once. For the diagonal step, a, c and d turn by one, two and three
 * words: lane i then holds the diagonal through v(4+i). Row b stays put: it
 * is the last value G produces, so leaving it keeps the slow cross-lane
 * permutes (4 cycles on Zen 4) off the critical path; a, c and d are ready
 * early enough for theirs to hide.
 *
 * A single message is one long dependency chain, so latency is what
 * counts: the rotations by 32 (vpshufd) and 24 and 16 (vpshufb) are one
 * shuffle, by 63 a shift and an add in parallel, then an or. The message
 * word is added to a before b arrives. The message vectors are assembled
 * from 64-bit broadcast loads and blends, off the critical path.
 *
 * Only add, xor, shifts and fixed shuffles; no branch or address depends
 * on the key or the message.
 */
#include "hb_blake2b.h"

#if HB_X86_SIMD
#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -madx, or define HOPEBOX_PORTABLE"
#endif
#include <immintrin.h>

#define ADD(x, y) _mm256_add_epi64((x), (y))
#define XOR(x, y) _mm256_xor_si256((x), (y))
#define ROT32(x) _mm256_shuffle_epi32((x), 0xb1)
#define ROT24(x) _mm256_shuffle_epi8((x), rot24)
#define ROT16(x) _mm256_shuffle_epi8((x), rot16)
#define ROT63(x) _mm256_or_si256(_mm256_srli_epi64((x), 63), ADD((x), (x)))

/*
 * Message vectors: MSG(i, j, k, l) is (m[i], m[j], m[k], m[l]), lane 0
 * first, made of four 64-bit broadcast loads (load-port work) and three
 * dword blends, which run on all four vector pipes; the shuffle pipes are
 * left to the rounds. This measures about 1% faster than building it from
 * 128-bit pairs with unpacks.
 */
#define BCAST(i) _mm256_set1_epi64x((long long)hb_load64_le(in + 8 * (i)))
#define MSG(i, j, k, l)                                                                        \
	_mm256_blend_epi32(_mm256_blend_epi32(BCAST(i), BCAST(j), 0x0c),                        \
	                   _mm256_blend_epi32(BCAST(k), BCAST(l), 0xc0), 0xf0)

/*
 * Stops the compiler from reassociating a sum: in a + m + b, b is the value
 * G has just produced and a and m are older, so a + m must come first to
 * leave one add, not two, on the critical path.
 */
#define KEEP(x) __asm__("" : "+x"(x))

/* G on the four lanes of a, b, c, d (RFC 7693 section 3.1). */
#define G(a, b, c, d, mx, my)                                                                  \
	do {                                                                                   \
		a = ADD(a, mx);                                                                \
		KEEP(a);                                                                       \
		a = ADD(a, b);                                                                 \
		d = ROT32(XOR(d, a));                                                          \
		c = ADD(c, d);                                                                 \
		b = ROT24(XOR(b, c));                                                          \
		a = ADD(a, my);                                                                \
		KEEP(a);                                                                       \
		a = ADD(a, b);                                                                 \
		d = ROT16(XOR(d, a));                                                          \
		c = ADD(c, d);                                                                 \
		b = ROT63(XOR(b, c));                                                          \
	} while (0)

/*
 * Round r: columns, then diagonals. After DIAG lane i holds a = v(i-1),
 * c = v(8+(i+1)%4), d = v(12+(i+2)%4), the diagonal G number (i+3)%4, whose
 * message words are s[8 + 2((i+3)%4)] and the one after.
 */
#define ROUND(r)                                                                               \
	do {                                                                                   \
		const uint8_t *s = hb_blake2b_sigma[r];                                        \
		G(a, b, c, d, MSG(s[0], s[2], s[4], s[6]), MSG(s[1], s[3], s[5], s[7]));       \
		a = _mm256_permute4x64_epi64(a, 0x93);                                         \
		c = _mm256_permute4x64_epi64(c, 0x39);                                         \
		d = _mm256_permute4x64_epi64(d, 0x4e);                                         \
		G(a, b, c, d, MSG(s[14], s[8], s[10], s[12]), MSG(s[15], s[9], s[11], s[13])); \
		a = _mm256_permute4x64_epi64(a, 0x39);                                         \
		c = _mm256_permute4x64_epi64(c, 0x93);                                         \
		d = _mm256_permute4x64_epi64(d, 0x4e);                                         \
	} while (0)

void hb_blake2b_blocks_avx2(hbox_blake2b_ctx *ctx, const uint8_t *in, size_t nblocks,
                            uint32_t inc, uint64_t last)
{
	/* byte k of each 64-bit word takes byte k + 3 (resp. k + 2): right rotations */
	const __m256i rot24 = _mm256_setr_epi8(3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9,
	                                       10, 3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8,
	                                       9, 10);
	const __m256i rot16 = _mm256_setr_epi8(2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8,
	                                       9, 2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15,
	                                       8, 9);
	const __m256i iv_lo = _mm256_loadu_si256((const __m256i *)(const void *)hb_blake2b_iv);
	const __m256i iv_hi =
		_mm256_loadu_si256((const __m256i *)(const void *)(hb_blake2b_iv + 4));
	__m256i h0 = _mm256_loadu_si256((const __m256i *)(void *)ctx->h);
	__m256i h1 = _mm256_loadu_si256((const __m256i *)(void *)(ctx->h + 4));
	uint64_t t0 = ctx->t[0], t1 = ctx->t[1];

	for (; nblocks > 0; nblocks--, in += HBOX_BLAKE2B_BLOCKBYTES) {
		__m256i a = h0, b = h1, c = iv_lo, d;

		t0 += inc;
		t1 += (uint64_t)(t0 < inc); /* carry; lengths are public */
		d = XOR(iv_hi, _mm256_set_epi64x(0, (long long)last, (long long)t1, (long long)t0));
		ROUND(0);
		ROUND(1);
		ROUND(2);
		ROUND(3);
		ROUND(4);
		ROUND(5);
		ROUND(6);
		ROUND(7);
		ROUND(8);
		ROUND(9);
		ROUND(10);
		ROUND(11);
		h0 = XOR(h0, XOR(a, c));
		h1 = XOR(h1, XOR(b, d));
	}
	_mm256_storeu_si256((__m256i *)(void *)ctx->h, h0);
	_mm256_storeu_si256((__m256i *)(void *)(ctx->h + 4), h1);
	ctx->t[0] = t0;
	ctx->t[1] = t1;
}

#else
/* ISO C forbids an empty translation unit. */
typedef int hb_blake2b_avx2_unused;
#endif

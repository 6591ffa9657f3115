/*
 * poly1305_avx2.c - Poly1305 over sixteen blocks at a time with AVX2,
 * called from poly1305.c for long inputs when the CPU has AVX2 but not
 * AVX-512 IFMA (poly1305_avx512.c). Contract in hb_poly1305.h; the tags
 * are those of the portable code.
 *
 * Horner's rule h = (h + c_i) r, run over blocks c_1..c_n, is regrouped by
 * residue: with n = 16q,
 *   h r^n + sum_i c_i r^(n-i+1)
 *     = sum_{j=1..16} (sum_t c_(16t+j) r^(16(q-1-t))) r^(17-j) + h r^n,
 * so sixteen independent accumulators run Horner's rule with the
 * multiplier r^16 over every sixteenth block, and the last step multiplies
 * accumulator j by r^(17-j) instead of r^16 and adds them up. The incoming
 * h joins the first block, which gets the highest power. With AVX2 the
 * sixteen accumulators are four chains of four 64-bit lanes (chain c takes
 * blocks 16t+4c..16t+4c+3); the chains are independent, so the core
 * overlaps one chain's multiplication with another's carries.
 *
 * Numbers are in radix 2^26, five limbs x0 + x1 2^26 + x2 2^52 + x3 2^78 +
 * x4 2^104, one limb per 64-bit lane (low 32 bits), multiplied with
 * vpmuludq (32x32 -> 64 bits). Products at 2^130 and up come back times 5
 * (2^130 = 5 mod p) through s_i = 5 r_i. The powers of r are computed in
 * the same representation (hb_poly1305_avx2_setup).
 *
 * Bounds (checked in the comments of mul() and carry()): limbs of h going
 * into a multiplication are below 2^27 + 2^10, limbs of a multiplier below
 * 2^26 + 2^10, so every column fits 58 bits and the sums at the end fit 62.
 *
 * Only multiplies, adds, shifts, masks and fixed shuffles: nothing secret
 * reaches a branch or an address. Caller buffers are read with unaligned
 * loads.
 */
#include "hb_cpu.h"
#include "hb_poly1305.h"

#if HB_X86_SIMD
#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -madx, or define HOPEBOX_PORTABLE"
#endif
#include <immintrin.h>

#include "hb_internal.h"

#define M26 0x3ffffffu
#define LOADU(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))

/* Five limb vectors: limb i of four numbers, one number per 64-bit lane. */
typedef struct {
	__m256i l[5];
} vec130;

/*
 * Column sums of h * r (no carries), with s[i] = 5 r[i] for i = 1..4:
 *   d0 = h0 r0 + h1 s4 + h2 s3 + h3 s2 + h4 s1
 *   d1 = h0 r1 + h1 r0 + h2 s4 + h3 s3 + h4 s2
 *   d2 = h0 r2 + h1 r1 + h2 r0 + h3 s4 + h4 s3
 *   d3 = h0 r3 + h1 r2 + h2 r1 + h3 r0 + h4 s4
 *   d4 = h0 r4 + h1 r3 + h2 r2 + h3 r1 + h4 r0
 * With h limbs < 2^27 + 2^10 and r limbs < 2^26 + 2^10 (so s limbs <
 * 5 (2^26 + 2^10)), a column is below (2^27 + 2^10)(21 (2^26 + 2^10)) <
 * 2^57.4.
 */
static inline vec130 mul(const vec130 *h, const vec130 *r, const vec130 *s)
{
#define MUL(a, b) _mm256_mul_epu32((a), (b))
#define ADD(a, b) _mm256_add_epi64((a), (b))
	const __m256i h0 = h->l[0], h1 = h->l[1], h2 = h->l[2], h3 = h->l[3], h4 = h->l[4];
	__m256i x;
	vec130 d;
	/* One multiplier limb at a time: few values live at once. */
	x = r->l[0];
	d.l[0] = MUL(h0, x), d.l[1] = MUL(h1, x), d.l[2] = MUL(h2, x);
	d.l[3] = MUL(h3, x), d.l[4] = MUL(h4, x);
	x = r->l[1];
	d.l[1] = ADD(d.l[1], MUL(h0, x)), d.l[2] = ADD(d.l[2], MUL(h1, x));
	d.l[3] = ADD(d.l[3], MUL(h2, x)), d.l[4] = ADD(d.l[4], MUL(h3, x));
	d.l[0] = ADD(d.l[0], MUL(h4, s->l[1]));
	x = r->l[2];
	d.l[2] = ADD(d.l[2], MUL(h0, x)), d.l[3] = ADD(d.l[3], MUL(h1, x));
	d.l[4] = ADD(d.l[4], MUL(h2, x));
	x = s->l[2];
	d.l[0] = ADD(d.l[0], MUL(h3, x)), d.l[1] = ADD(d.l[1], MUL(h4, x));
	x = r->l[3];
	d.l[3] = ADD(d.l[3], MUL(h0, x)), d.l[4] = ADD(d.l[4], MUL(h1, x));
	x = s->l[3];
	d.l[0] = ADD(d.l[0], MUL(h2, x)), d.l[1] = ADD(d.l[1], MUL(h3, x));
	d.l[2] = ADD(d.l[2], MUL(h4, x));
	x = s->l[4];
	d.l[0] = ADD(d.l[0], MUL(h1, x)), d.l[1] = ADD(d.l[1], MUL(h2, x));
	d.l[2] = ADD(d.l[2], MUL(h3, x)), d.l[3] = ADD(d.l[3], MUL(h4, x));
	d.l[4] = ADD(d.l[4], MUL(h0, r->l[4]));
	return d;
}

/*
 * Partial carry of columns d (each < 2^58) back to limbs, two chains
 * interleaved (0 -> 1 -> 2 -> 3 -> 4 and 3 -> 4 -> 0 -> 1):
 *   after d0->d1, d3->d4: d1, d4 < 2^58 + 2^32
 *   after d1->d2, d4->d0: d2 < 2^58 + 2^33, d0 < 2^26 + 5 (2^32 + 1) < 2^35
 *   after d2->d3, d0->d1: d3 < 2^26 + 2^33, d1 < 2^26 + 2^9
 *   after d3->d4:         d4 < 2^26 + 2^8
 * leaving limbs 0, 2, 3 below 2^26 and limbs 1, 4 below 2^26 + 2^10:
 * the same number modulo p. Adding a block (limbs < 2^26, top limb < 2^25)
 * gives limbs below 2^27 + 2^10, the bound mul() assumes.
 */
static inline vec130 carry(vec130 d)
{
	const __m256i m = _mm256_set1_epi64x(M26);
	__m256i c0, c3;

	c0 = _mm256_srli_epi64(d.l[0], 26), d.l[0] = _mm256_and_si256(d.l[0], m);
	c3 = _mm256_srli_epi64(d.l[3], 26), d.l[3] = _mm256_and_si256(d.l[3], m);
	d.l[1] = ADD(d.l[1], c0), d.l[4] = ADD(d.l[4], c3);

	c0 = _mm256_srli_epi64(d.l[1], 26), d.l[1] = _mm256_and_si256(d.l[1], m);
	c3 = _mm256_srli_epi64(d.l[4], 26), d.l[4] = _mm256_and_si256(d.l[4], m);
	d.l[2] = ADD(d.l[2], c0);
	d.l[0] = ADD(d.l[0], ADD(c3, _mm256_slli_epi64(c3, 2))); /* 5 c3 */

	c0 = _mm256_srli_epi64(d.l[2], 26), d.l[2] = _mm256_and_si256(d.l[2], m);
	c3 = _mm256_srli_epi64(d.l[0], 26), d.l[0] = _mm256_and_si256(d.l[0], m);
	d.l[3] = ADD(d.l[3], c0), d.l[1] = ADD(d.l[1], c3);

	c3 = _mm256_srli_epi64(d.l[3], 26), d.l[3] = _mm256_and_si256(d.l[3], m);
	d.l[4] = ADD(d.l[4], c3);
	return d;
}

/* s = 5 r, limbs 1..4 (limb 0 is not used). */
static inline vec130 times5(const vec130 *r)
{
	vec130 s;
	s.l[0] = r->l[0];
	s.l[1] = ADD(r->l[1], _mm256_slli_epi64(r->l[1], 2));
	s.l[2] = ADD(r->l[2], _mm256_slli_epi64(r->l[2], 2));
	s.l[3] = ADD(r->l[3], _mm256_slli_epi64(r->l[3], 2));
	s.l[4] = ADD(r->l[4], _mm256_slli_epi64(r->l[4], 2));
	return s;
}

/*
 * Blocks 0..3 at p as limbs, in lanes ordered 0, 2, 1, 3 (what the 64-bit
 * unpacks give without a cross-lane shuffle; the powers in the final step
 * follow the same order), with the 2^128 bit: limbs 0..3 < 2^26, limb 4 <
 * 2^25. Limb 2 (bits 52..77) comes from bytes 6..13, loaded separately, so
 * that it needs no shift-and-merge: the loads at p + 6 and p + 30 hold
 * bytes 6..13 of blocks 0, 1 and of blocks 2, 3 in the 64-bit lanes 0, 2
 * and 1, 3. No load reaches past p + 64.
 */
static inline vec130 load4(const uint8_t *p)
{
	const __m256i m = _mm256_set1_epi64x(M26);
	const __m256i a = LOADU(p), b = LOADU(p + 32);
	const __m256i lo = _mm256_unpacklo_epi64(a, b); /* bytes 0..7 of blocks 0, 2, 1, 3 */
	const __m256i hi = _mm256_unpackhi_epi64(a, b); /* bytes 8..15 */
	const __m256i mid = _mm256_blend_epi32(LOADU(p + 6), LOADU(p + 30), 0xcc);
	vec130 x;
	x.l[0] = _mm256_and_si256(lo, m);
	x.l[1] = _mm256_and_si256(_mm256_srli_epi64(lo, 26), m);
	x.l[2] = _mm256_and_si256(_mm256_srli_epi64(mid, 4), m);
	x.l[3] = _mm256_and_si256(_mm256_srli_epi64(hi, 14), m);
	x.l[4] = _mm256_or_si256(_mm256_srli_epi64(hi, 40), _mm256_set1_epi64x(1 << 24));
	return x;
}

static inline vec130 add(vec130 a, const vec130 *b)
{
	a.l[0] = ADD(a.l[0], b->l[0]);
	a.l[1] = ADD(a.l[1], b->l[1]);
	a.l[2] = ADD(a.l[2], b->l[2]);
	a.l[3] = ADD(a.l[3], b->l[3]);
	a.l[4] = ADD(a.l[4], b->l[4]);
	return a;
}

static inline vec130 load_key(const uint64_t rows[5][4])
{
	vec130 x;
	x.l[0] = LOADU(rows[0]);
	x.l[1] = LOADU(rows[1]);
	x.l[2] = LOADU(rows[2]);
	x.l[3] = LOADU(rows[3]);
	x.l[4] = LOADU(rows[4]);
	return x;
}

static inline void store_key(uint64_t rows[5][4], const vec130 *x)
{
	_mm256_storeu_si256((__m256i *)(void *)rows[0], x->l[0]);
	_mm256_storeu_si256((__m256i *)(void *)rows[1], x->l[1]);
	_mm256_storeu_si256((__m256i *)(void *)rows[2], x->l[2]);
	_mm256_storeu_si256((__m256i *)(void *)rows[3], x->l[3]);
	_mm256_storeu_si256((__m256i *)(void *)rows[4], x->l[4]);
}

/* Lane 0 of x in every lane. */
static inline vec130 spread0(const vec130 *x)
{
	vec130 y;
	y.l[0] = _mm256_permute4x64_epi64(x->l[0], 0);
	y.l[1] = _mm256_permute4x64_epi64(x->l[1], 0);
	y.l[2] = _mm256_permute4x64_epi64(x->l[2], 0);
	y.l[3] = _mm256_permute4x64_epi64(x->l[3], 0);
	y.l[4] = _mm256_permute4x64_epi64(x->l[4], 0);
	return y;
}

/* Per limb: the lanes whose bits are set in imm (a blend_epi32 mask) from b, the others from a. */
#define BLEND(a, b, imm)                                                                      \
	((vec130){{_mm256_blend_epi32((a).l[0], (b).l[0], (imm)),                              \
	           _mm256_blend_epi32((a).l[1], (b).l[1], (imm)),                              \
	           _mm256_blend_epi32((a).l[2], (b).l[2], (imm)),                              \
	           _mm256_blend_epi32((a).l[3], (b).l[3], (imm)),                              \
	           _mm256_blend_epi32((a).l[4], (b).l[4], (imm))}})

/* The carried product x * y. */
static inline vec130 mulc(const vec130 *x, const vec130 *y)
{
	const vec130 s = times5(y);
	return carry(mul(x, y, &s));
}

/*
 * r as limbs in every lane, then
 *   p2 = r r                         = (r^2, r^2, r^2, r^2)
 *   y  = (r^2, r^2, r, r) p2         = (r^4, r^4, r^3, r^3)
 *   f3 = (y0, p2, y2, r)             = (r^4, r^2, r^3, r)
 *   f2 = f3 r^4                      = (r^8, r^6, r^7, r^5)
 *   f1 = f3 r^8, f0 = f2 r^8         = (r^12, ...), (r^16, r^14, r^15, r^13)
 * fc is the final multiplier of chain c (lane order 0, 2, 1, 3: see load4);
 * the loop multiplier is r^16 everywhere. Every product is carried, so the
 * powers' limbs are below 2^26 + 2^10.
 */
void hb_poly1305_avx2_setup(hb_poly1305_avx2_key *k, const uint32_t r[4])
{
	vec130 r1, p2, y, f3, f2, f1, f0, rr;

	r1.l[0] = _mm256_set1_epi64x(r[0] & M26);
	r1.l[1] = _mm256_set1_epi64x(((r[0] >> 26) | (r[1] << 6)) & M26);
	r1.l[2] = _mm256_set1_epi64x(((r[1] >> 20) | (r[2] << 12)) & M26);
	r1.l[3] = _mm256_set1_epi64x(((r[2] >> 14) | (r[3] << 18)) & M26);
	r1.l[4] = _mm256_set1_epi64x(r[3] >> 8);

	p2 = mulc(&r1, &r1);
	y = BLEND(p2, r1, 0xf0);
	y = mulc(&y, &p2);
	f3 = BLEND(y, p2, 0x0c);
	f3 = BLEND(f3, r1, 0xc0);
	rr = spread0(&y); /* r^4 */
	f2 = mulc(&f3, &rr);
	rr = spread0(&f2); /* r^8 */
	f1 = mulc(&f3, &rr);
	f0 = mulc(&f2, &rr);
	store_key(k->fin[0], &f0);
	store_key(k->fin[1], &f1);
	store_key(k->fin[2], &f2);
	store_key(k->fin[3], &f3);
	rr = spread0(&f0); /* r^16 */
	store_key(k->loop, &rr);
}

/* Sum of the four 64-bit lanes. */
static inline uint64_t hsum(__m256i x)
{
	__m128i t = _mm_add_epi64(_mm256_castsi256_si128(x), _mm256_extracti128_si256(x, 1));
	t = _mm_add_epi64(t, _mm_unpackhi_epi64(t, t));
	return (uint64_t)_mm_cvtsi128_si64(t);
}

/* Chain c, final step: a times its powers k->fin[c] (columns not carried). */
static inline vec130 last(const vec130 *a, const hb_poly1305_avx2_key *k, size_t c)
{
	const vec130 f = load_key(k->fin[c]), fs = times5(&f);
	return mul(a, &f, &fs);
}

/*
 * Four chains, group g (blocks 4g..4g+3) going to chain g mod 4. The
 * chains' accumulators stay in memory on purpose: one chain's step at a
 * time is in registers, the out-of-order core overlaps consecutive steps
 * (they belong to different chains), and the compilers do not spill the
 * multiplier (0.27 ticks per byte on Zen 4 with gcc 12, against 0.30 to
 * 0.32 for chains held in registers). gcc also needs to schedule before
 * register allocation, with register pressure in mind (0.32 without).
 */
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("schedule-insns", "sched-pressure")))
#endif
void hb_poly1305_avx2_blocks(uint32_t h[5], const hb_poly1305_avx2_key *k, const uint8_t *p,
                             size_t nblocks)
{
	const vec130 r16 = load_key(k->loop), s16 = times5(&r16);
	const size_t ngroups = nblocks >> 2;
	vec130 acc[4], t, *a;
	uint64_t d[5], c;
	size_t g;

	for (g = 0; g < 4; g++)
		acc[g] = load4(p + 64 * g);
	/* h (below 2^130 + 2^128, so its top limb is below 5 2^24) joins block 0. */
	t.l[0] = _mm256_setr_epi64x(h[0] & M26, 0, 0, 0);
	t.l[1] = _mm256_setr_epi64x(((h[0] >> 26) | (h[1] << 6)) & M26, 0, 0, 0);
	t.l[2] = _mm256_setr_epi64x(((h[1] >> 20) | (h[2] << 12)) & M26, 0, 0, 0);
	t.l[3] = _mm256_setr_epi64x(((h[2] >> 14) | (h[3] << 18)) & M26, 0, 0, 0);
	t.l[4] = _mm256_setr_epi64x((h[3] >> 8) | (h[4] << 24), 0, 0, 0);
	acc[0] = add(acc[0], &t);

	for (g = 4; g < ngroups; g++) {
		a = &acc[g & 3];
		t = carry(mul(a, &r16, &s16));
		*a = load4(p + 64 * g);
		*a = add(*a, &t);
	}

	/* Chain c times (r^(16-4c), r^(14-4c), r^(15-4c), r^(13-4c)); the
	 * columns of the four chains (each < 2^57.4) and then the four lanes
	 * add up below 2^61.4. */
	t = last(&acc[0], k, 0);
	for (g = 1; g < 4; g++) {
		const vec130 u = last(&acc[g], k, g);
		t = add(t, &u);
	}
	hbox_wipe(acc, sizeof acc);
	d[0] = hsum(t.l[0]);
	d[1] = hsum(t.l[1]);
	d[2] = hsum(t.l[2]);
	d[3] = hsum(t.l[3]);
	d[4] = hsum(t.l[4]);

	/* Full carry (as in the portable 2^26 code): limbs below 2^26 except
	 * d4 <= 2^26, so the stored h[4] <= 4. */
	d[1] += d[0] >> 26, d[0] &= M26;
	d[2] += d[1] >> 26, d[1] &= M26;
	d[3] += d[2] >> 26, d[2] &= M26;
	d[4] += d[3] >> 26, d[3] &= M26;
	c = d[4] >> 26, d[4] &= M26; /* c < 2^36 */
	d[0] += 5 * c;
	d[1] += d[0] >> 26, d[0] &= M26;
	d[2] += d[1] >> 26, d[1] &= M26;
	d[3] += d[2] >> 26, d[2] &= M26;
	d[4] += d[3] >> 26, d[3] &= M26;
	h[0] = (uint32_t)(d[0] | (d[1] << 26));
	h[1] = (uint32_t)((d[1] >> 6) | (d[2] << 20));
	h[2] = (uint32_t)((d[2] >> 12) | (d[3] << 14));
	h[3] = (uint32_t)((d[3] >> 18) | (d[4] << 8));
	h[4] = (uint32_t)(d[4] >> 24);
	hbox_wipe(d, sizeof d);
}

#else
typedef int hb_poly1305_avx2_empty; /* ISO C forbids an empty translation unit */
#endif

/*
 * poly1305_avx512.c - Poly1305 over sixteen blocks at a time with AVX-512
 * IFMA, called from poly1305.c for long inputs when the CPU has it
 * (contract in hb_poly1305.h; the tags are those of the portable code).
 *
 * The scheme of poly1305_avx2.c (sixteen accumulators running Horner's rule
 * with the multiplier r^16, the last step multiplying accumulator j by
 * r^(17-j)) in radix 2^44 with 52-bit multiply-accumulate (vpmadd52luq /
 * vpmadd52huq): three limbs x0 + x1 2^44 + x2 2^88, eight lanes per
 * 512-bit vector, two chains (blocks 16t..16t+7 and 16t+8..16t+15).
 *
 * Like the other *_avx512.c files this one is compiled with the library's
 * ordinary flags: every function using the instructions carries HB_IFMA,
 * and the dispatcher calls them only when hbox_cpu_features() has
 * HBOX_CPU_AVX512IFMA, which promises AVX-512F and IFMA: only 512-bit
 * forms are used (no VL). Valgrind 3.19 cannot run AVX-512 and reports
 * none to the program, so under valgrind the dispatch takes the AVX2
 * kernel and the constant-time test (tests/ct/ct_poly1305_aead.c) cannot
 * see this one. It has the same shape: multiplies, adds, shifts, masks and
 * fixed shuffles; no branch or address depends on the key or the message.
 *
 * An IFMA product of a and b (both below 2^52) is split at bit 52: lo =
 * bits 0..51 added to one accumulator, hi = bits 52..103 to another. For
 * column k (weight 2^(44k)) the hi sum has weight 2^(44k + 52) = 2^8 times
 * the next column's; column 2's hi sum has weight 2^140 = 5 2^10 (mod p).
 * Products at 2^132 and up come back through s_i = 20 r_i (2^132 = 4 2^130
 * = 20 mod p).
 */
#include "hb_cpu.h"
#include "hb_poly1305.h"

#if HB_X86_SIMD
#include <immintrin.h>

#include "hb_internal.h"

#define HB_IFMA __attribute__((target("avx2,avx512f,avx512ifma")))
#define M44 0xfffffffffffull /* 2^44 - 1 */
#define M42 0x3ffffffffffull /* 2^42 - 1 */
#define ADDZ(a, b) _mm512_add_epi64((a), (b))
#define LOADZ(p) _mm512_loadu_si512((const void *)(p))

/* Three limb vectors: limb i of eight numbers, one per 64-bit lane. */
typedef struct {
	__m512i l[3];
} vec44;

/*
 * Columns of h * r, hi halves moved to their weights, not carried:
 *   d0 = lo(h0 r0 + h1 s2 + h2 s1) + 5 2^10 hi(h0 r2 + h1 r1 + h2 r0)
 *   d1 = lo(h0 r1 + h1 r0 + h2 s2) + 2^8 hi(h0 r0 + h1 s2 + h2 s1)
 *   d2 = lo(h0 r2 + h1 r1 + h2 r0) + 2^8 hi(h0 r1 + h1 r0 + h2 s2)
 * (lo and hi of each product taken separately.) With h limbs < 2^45.1 and
 * r limbs < 2^44 + 2^15 (s limbs < 2^48.4), a product is below 2^93.5, so
 * a hi half is below 2^41.5 and a sum of three below 2^43.1; a lo sum is
 * below 3 2^52. So d0 < 2^53.6 + 2^55.5 < 2^55.8, d1, d2 < 2^53.6 + 2^51.1.
 */
static inline HB_IFMA vec44 mul44(const vec44 *h, const vec44 *r, const vec44 *s)
{
#define LO(acc, a, b) _mm512_madd52lo_epu64((acc), (a), (b))
#define HI(acc, a, b) _mm512_madd52hi_epu64((acc), (a), (b))
	const __m512i z = _mm512_setzero_si512();
	__m512i l0, l1, l2, u0, u1, u2;
	vec44 d;
	l0 = LO(LO(LO(z, h->l[0], r->l[0]), h->l[1], s->l[2]), h->l[2], s->l[1]);
	u0 = HI(HI(HI(z, h->l[0], r->l[0]), h->l[1], s->l[2]), h->l[2], s->l[1]);
	l1 = LO(LO(LO(z, h->l[0], r->l[1]), h->l[1], r->l[0]), h->l[2], s->l[2]);
	u1 = HI(HI(HI(z, h->l[0], r->l[1]), h->l[1], r->l[0]), h->l[2], s->l[2]);
	l2 = LO(LO(LO(z, h->l[0], r->l[2]), h->l[1], r->l[1]), h->l[2], r->l[0]);
	u2 = HI(HI(HI(z, h->l[0], r->l[2]), h->l[1], r->l[1]), h->l[2], r->l[0]);
	d.l[0] = ADDZ(l0, ADDZ(_mm512_slli_epi64(u2, 12), _mm512_slli_epi64(u2, 10)));
	d.l[1] = ADDZ(l1, _mm512_slli_epi64(u0, 8));
	d.l[2] = ADDZ(l2, _mm512_slli_epi64(u1, 8));
	return d;
}

/*
 * One parallel carry pass (IFMA needs limbs below 2^52, not 2^44): with
 * d0 < 2^55.8 and d1, d2 < 2^54, c0 = d0 >> 44 < 2^11.8, c1 < 2^10,
 * c2 = d2 >> 42 < 2^12, so the limbs become d0 < 2^44 + 5 2^12 < 2^44 +
 * 2^15, d1 < 2^44 + 2^12, d2 < 2^42 + 2^10. Adding a block (limbs < 2^44,
 * < 2^41 for limb 2) keeps them below 2^45.1, as mul44 assumes.
 */
static inline HB_IFMA vec44 carry44(vec44 d)
{
	const __m512i m = _mm512_set1_epi64((long long)M44);
	const __m512i c0 = _mm512_srli_epi64(d.l[0], 44), c1 = _mm512_srli_epi64(d.l[1], 44);
	const __m512i c2 = _mm512_srli_epi64(d.l[2], 42);
	d.l[0] = ADDZ(_mm512_and_si512(d.l[0], m), ADDZ(c2, _mm512_slli_epi64(c2, 2)));
	d.l[1] = ADDZ(_mm512_and_si512(d.l[1], m), c0);
	d.l[2] = ADDZ(_mm512_and_si512(d.l[2], _mm512_set1_epi64((long long)M42)), c1);
	return d;
}

/* s = 20 r, limbs 1 and 2 (limb 0 is not used). */
static inline HB_IFMA vec44 times20(const vec44 *r)
{
	vec44 s;
	s.l[0] = r->l[0];
	s.l[1] = ADDZ(_mm512_slli_epi64(r->l[1], 4), _mm512_slli_epi64(r->l[1], 2));
	s.l[2] = ADDZ(_mm512_slli_epi64(r->l[2], 4), _mm512_slli_epi64(r->l[2], 2));
	return s;
}

/*
 * Blocks 0..7 at p as limbs with the 2^128 bit, in lanes ordered 0, 4, 1,
 * 5, 2, 6, 3, 7 (the 64-bit unpacks work within 128-bit lanes): limbs 0, 1
 * < 2^44, limb 2 < 2^41. Reads p[0..128) only.
 */
static inline HB_IFMA vec44 load8(const uint8_t *p)
{
	const __m512i m = _mm512_set1_epi64((long long)M44);
	const __m512i a = LOADZ(p), b = LOADZ(p + 64);
	const __m512i lo = _mm512_unpacklo_epi64(a, b); /* bytes 0..7 */
	const __m512i hi = _mm512_unpackhi_epi64(a, b); /* bytes 8..15 */
	vec44 x;
	x.l[0] = _mm512_and_si512(lo, m);
	/* 0xa8: (a | b) & c */
	x.l[1] = _mm512_ternarylogic_epi64(_mm512_srli_epi64(lo, 44), _mm512_slli_epi64(hi, 20), m,
	                                   0xa8);
	x.l[2] = _mm512_or_si512(_mm512_srli_epi64(hi, 24), _mm512_set1_epi64(1ll << 40));
	return x;
}

static inline HB_IFMA vec44 add44(vec44 a, const vec44 *b)
{
	a.l[0] = ADDZ(a.l[0], b->l[0]);
	a.l[1] = ADDZ(a.l[1], b->l[1]);
	a.l[2] = ADDZ(a.l[2], b->l[2]);
	return a;
}

static inline HB_IFMA vec44 mulc44(const vec44 *x, const vec44 *y)
{
	const vec44 s = times20(y);
	return carry44(mul44(x, y, &s));
}

/* Lane 0 of x in every lane. */
static inline HB_IFMA vec44 spread44(const vec44 *x)
{
	vec44 y;
	y.l[0] = _mm512_broadcastq_epi64(_mm512_castsi512_si128(x->l[0]));
	y.l[1] = _mm512_broadcastq_epi64(_mm512_castsi512_si128(x->l[1]));
	y.l[2] = _mm512_broadcastq_epi64(_mm512_castsi512_si128(x->l[2]));
	return y;
}

/* Per limb: lanes whose bit is set in k from b, the others from a. */
#define BLEND44(k, a, b)                                                                      \
	((vec44){{_mm512_mask_blend_epi64((k), (a).l[0], (b).l[0]),                            \
	          _mm512_mask_blend_epi64((k), (a).l[1], (b).l[1]),                            \
	          _mm512_mask_blend_epi64((k), (a).l[2], (b).l[2])}})

static inline HB_IFMA vec44 load_key44(const uint64_t rows[3][8])
{
	vec44 x;
	x.l[0] = LOADZ(rows[0]);
	x.l[1] = LOADZ(rows[1]);
	x.l[2] = LOADZ(rows[2]);
	return x;
}

static inline HB_IFMA void store_key44(uint64_t rows[3][8], const vec44 *x)
{
	_mm512_storeu_si512((void *)rows[0], x->l[0]);
	_mm512_storeu_si512((void *)rows[1], x->l[1]);
	_mm512_storeu_si512((void *)rows[2], x->l[2]);
}

/*
 * r as limbs in every lane, then
 *   p2 = r r                                  = r^2 everywhere
 *   y  = (r^2, r^2, r, r, ...) p2             = (r^4, r^4, r^3, r^3, ...)
 *   t  = (r^4, r^4, r^3, r^3, r^2, r^2, r, r) (r^4, 1, r^4, 1, ...)
 *                                             = (r^8, r^4, r^7, r^3, r^6, r^2, r^5, r)
 *   t8 = t r^8
 * which are the final multipliers of the chains (lane order 0, 4, 1, 5,
 * 2, 6, 3, 7: see load8); the loop multiplier is r^16 everywhere. Every
 * product is carried (limbs below 2^44 + 2^15).
 */
HB_IFMA void hb_poly1305_ifma_setup(hb_poly1305_ifma_key *k, const uint32_t r[4])
{
	const uint64_t lo = (uint64_t)r[0] | ((uint64_t)r[1] << 32);
	const uint64_t hi = (uint64_t)r[2] | ((uint64_t)r[3] << 32);
	vec44 a, one, p2, y, u, v, t, t8, rr;

	a.l[0] = _mm512_set1_epi64((long long)(lo & M44));
	a.l[1] = _mm512_set1_epi64((long long)(((lo >> 44) | (hi << 20)) & M44));
	a.l[2] = _mm512_set1_epi64((long long)(hi >> 24));
	one.l[0] = _mm512_set1_epi64(1);
	one.l[1] = one.l[2] = _mm512_setzero_si512();

	p2 = mulc44(&a, &a);
	y = BLEND44(0xcc, p2, a);
	y = mulc44(&y, &p2);
	u = BLEND44(0x30, y, p2);
	u = BLEND44(0xc0, u, a);
	rr = spread44(&y); /* r^4 */
	v = BLEND44(0xaa, rr, one);
	t = mulc44(&u, &v);
	rr = spread44(&t); /* r^8 */
	t8 = mulc44(&t, &rr);
	store_key44(k->fin[0], &t8);
	store_key44(k->fin[1], &t);
	rr = spread44(&t8); /* r^16 */
	store_key44(k->loop, &rr);
}

/* Chain c, final step: a times k->fin[c] (not carried). */
static inline HB_IFMA vec44 last44(const vec44 *a, const hb_poly1305_ifma_key *k, size_t c)
{
	const vec44 f = load_key44(k->fin[c]), fs = times20(&f);
	return mul44(a, &f, &fs);
}

/* As hb_poly1305_avx2_blocks: group g (blocks 8g..8g+7) goes to chain g
 * mod 2, whose accumulator stays in memory. */
HB_IFMA void hb_poly1305_ifma_blocks(uint32_t h[5], const hb_poly1305_ifma_key *k,
                                     const uint8_t *p, size_t nblocks)
{
	const vec44 r16 = load_key44(k->loop), s16 = times20(&r16);
	const size_t ngroups = nblocks >> 3;
	const uint64_t lo = (uint64_t)h[0] | ((uint64_t)h[1] << 32);
	const uint64_t hi = (uint64_t)h[2] | ((uint64_t)h[3] << 32);
	vec44 acc[2], t, *a;
	uint64_t d[3], c, w0, w1;
	size_t g;

	acc[0] = load8(p);
	acc[1] = load8(p + 128);
	/* h joins block 0 (lane 0): its limb 2 is below 5 2^40. */
	t.l[0] = _mm512_maskz_set1_epi64(1, (long long)(lo & M44));
	t.l[1] = _mm512_maskz_set1_epi64(1, (long long)(((lo >> 44) | (hi << 20)) & M44));
	t.l[2] = _mm512_maskz_set1_epi64(1, (long long)((hi >> 24) | ((uint64_t)h[4] << 40)));
	acc[0] = add44(acc[0], &t);

	for (g = 2; g < ngroups; g++) {
		a = &acc[g & 1];
		t = carry44(mul44(a, &r16, &s16));
		*a = load8(p + 128 * g);
		*a = add44(*a, &t);
	}

	/* The two chains' columns (each < 2^55.8) and then the eight lanes
	 * add up below 2^59.8. */
	t = last44(&acc[0], k, 0);
	{
		const vec44 u = last44(&acc[1], k, 1);
		t = add44(t, &u);
	}
	hbox_wipe(acc, sizeof acc);
	d[0] = (uint64_t)_mm512_reduce_add_epi64(t.l[0]);
	d[1] = (uint64_t)_mm512_reduce_add_epi64(t.l[1]);
	d[2] = (uint64_t)_mm512_reduce_add_epi64(t.l[2]);

	/* Full carry: d0, d1 < 2^44, d2 <= 2^42, so the stored h[4] <= 4. */
	d[1] += d[0] >> 44, d[0] &= M44;
	d[2] += d[1] >> 44, d[1] &= M44;
	c = d[2] >> 42, d[2] &= M42; /* c < 2^18 */
	d[0] += 5 * c;
	d[1] += d[0] >> 44, d[0] &= M44;
	d[2] += d[1] >> 44, d[1] &= M44;
	w0 = d[0] | (d[1] << 44);
	w1 = (d[1] >> 20) | (d[2] << 24);
	h[0] = (uint32_t)w0;
	h[1] = (uint32_t)(w0 >> 32);
	h[2] = (uint32_t)w1;
	h[3] = (uint32_t)(w1 >> 32);
	h[4] = (uint32_t)(d[2] >> 40);
	hbox_wipe(d, sizeof d);
}

#else
typedef int hb_poly1305_avx512_empty; /* ISO C forbids an empty translation unit */
#endif

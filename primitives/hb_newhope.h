/*
 * hb_newhope.h - private: polynomial arithmetic for NewHope (USENIX 2016).
 *
 * Ring Z_q[X]/(X^1024 + 1), q = 12289 = 3 * 2^12 + 1, so 2048 | q - 1 and the
 * ring splits into 1024 linear factors X - psi^(2k+1) with psi = 7, a
 * primitive 2048-th root of unity mod q.
 *
 * Layout conventions (they are the reference code's, and the transmitted
 * bytes depend on them):
 *   - A polynomial in the "coefficient" domain as produced by the noise
 *     sampler and fed to hb_nh_ntt is read in bit-reversed order: array
 *     entry i is the coefficient of X^brv10(i). Noise is i.i.d., so this
 *     order is invisible except through the bytes it produces.
 *   - The NTT domain is in natural order: entry k is the value of the
 *     polynomial at psi^(2k+1). gen_a's output is used as-is in this domain.
 *   - hb_nh_invntt returns coefficients in natural order (entry j is the
 *     coefficient of X^j), which is what reconciliation groups as
 *     (j, j+256, j+512, j+768).
 *
 * Coefficients are uint16_t and are kept lazily reduced: every function
 * documents the range it needs and the range it returns. Only hb_nh_tobytes
 * produces canonical values in [0, q).
 *
 * There is no division or modulo anywhere: reductions are Montgomery
 * (R = 2^16) and Barrett-style multiply-and-shift, written out below.
 */
#ifndef HB_NEWHOPE_H
#define HB_NEWHOPE_H

#include <stddef.h>
#include <stdint.h>

#include "hb_cpu.h"

#define HB_NH_N 1024
#define HB_NH_Q 12289u
#define HB_NH_POLYBYTES 1792 /* 1024 coefficients of 14 bits */
#define HB_NH_SEEDBYTES 32
#define HB_NH_RECBYTES 256 /* 1024 two-bit reconciliation hints */

typedef struct hb_nh_poly {
	uint16_t c[HB_NH_N];
} hb_nh_poly;

/*
 * Montgomery reduction, R = 2^16: for a < 2^32 - 2^16 q (about 3.49e9)
 * returns a value congruent to a * 2^-16 mod q and below a / 2^16 + q.
 * u = a * (-q^-1) mod 2^16 (12287 * 12289 = -1 mod 2^16) makes a + u q a
 * multiple of 2^16; the shift is the exact division.
 */
static inline uint32_t hb_nh_montred(uint32_t a)
{
	uint32_t u = (a * 12287u) & 0xFFFFu;
	return (a + u * HB_NH_Q) >> 16;
}

/*
 * Barrett-style reduction for a < 2^17: subtracts floor(a * 5 / 2^16) * q.
 * 5 / 2^16 is just below 1/q (5 q = 61445 < 65536) and the quotient is low
 * by at most a (1/q - 5/2^16) < 2^17 * 5.1e-6 < 0.7, so the result is in
 * [0, 2q).
 */
static inline uint32_t hb_nh_barrett(uint32_t a)
{
	return a - ((a * 5u) >> 16) * HB_NH_Q;
}

/*
 * 1 when x >= c, else 0, for x, c < 2^31: the borrow bit of x - c, negated.
 * Secret-derived flags like this one are only ever used in arithmetic
 * (multiplied by a constant, added), never to branch or index.
 */
static inline uint32_t hb_nh_geq(uint32_t x, uint32_t c)
{
	return 1u - ((x - c) >> 31);
}

/* v < 2^17 reduced to [0, q): Barrett, then one conditional
 * subtraction of q. */
static inline uint32_t hb_nh_modq(uint32_t v)
{
	uint32_t w = hb_nh_barrett(v); /* < 2q */
	return w - HB_NH_Q * hb_nh_geq(w, HB_NH_Q);
}

/* NTT twiddles: entry d + j (1 <= d <= 512 a power of two, j < d) is
 * z = psi^((512/d)(2j+1)) times 2^16 mod q (zetas) and -z^-1 times 2^16 mod
 * q (zetas_inv); entry 0 is unused. See newhope_ntt.c. */
extern const uint16_t hb_nh_zetas[HB_NH_N];
extern const uint16_t hb_nh_zetas_inv[HB_NH_N];

/*
 * Forward NTT in place. Input: values below 2q (noise samples), read as
 * the coefficients of X^brv10(i). Output: entry k = value at psi^(2k+1),
 * in [0, 4q). (The portable code accepts any uint16_t; the AVX2 kernel
 * relies on the bound.)
 */
void hb_nh_ntt(hb_nh_poly *p);

/*
 * Inverse of hb_nh_ntt, followed by a bit-reversal so that the result is in
 * natural coefficient order. Input: values below 2q (pointwise products).
 * Output: entry j = coefficient of X^j, in [0, 2q).
 */
void hb_nh_invntt(hb_nh_poly *p);

/* r = a o b (coefficient-wise product mod q); a below 2^14 (as from
 * hb_nh_frombytes or hb_nh_uniform), b any uint16_t values; output in
 * [0, 2q). r may alias a or b. */
void hb_nh_pointwise(hb_nh_poly *r, const hb_nh_poly *a, const hb_nh_poly *b);

/* r = a + b, reduced to [0, 2q) (any uint16_t inputs). r may alias a or b. */
void hb_nh_add(hb_nh_poly *r, const hb_nh_poly *a, const hb_nh_poly *b);

/* Pack: each coefficient (any uint16_t) is reduced to [0, q); 4 coefficients
 * c0..c3 go into 7 bytes as the 56-bit little-endian c0 | c1<<14 | c2<<28 | c3<<42. */
void hb_nh_tobytes(uint8_t out[HB_NH_POLYBYTES], const hb_nh_poly *p);

/*
 * Unpack (14-bit fields, so every output is below 2^14). Returns 0 when all
 * coefficients are below q, 1 otherwise; the check runs in constant time
 * (the input may be a secret key) and r is always fully written.
 */
uint32_t hb_nh_frombytes(hb_nh_poly *r, const uint8_t in[HB_NH_POLYBYTES]);

/*
 * gen_a: the public polynomial (NTT domain, natural order) from a public
 * seed by SHAKE-128 rejection sampling of 14-bit little-endian candidates
 * below q. Branches on the (public) SHAKE output. Output in [0, q).
 */
void hb_nh_uniform(hb_nh_poly *a, const uint8_t seed[HB_NH_SEEDBYTES]);

/*
 * Centred binomial noise psi_16 from ChaCha20 (original layout, key = seed,
 * nonce = (nonce, 0, ..., 0), counter from 0): coefficient i is
 * HW(b0) + HW(b1) - HW(b2) - HW(b3) + q for the 4 keystream bytes of word i.
 * Output in [q - 16, q + 16]. hb_nh_addnoise adds the same samples to r
 * instead (any uint16_t input, output below 2q), saving a polynomial buffer.
 */
void hb_nh_getnoise(hb_nh_poly *r, const uint8_t seed[32], uint8_t nonce);
void hb_nh_addnoise(hb_nh_poly *r, const uint8_t seed[32], uint8_t nonce);

/*
 * Reconciliation (paper section 5). helprec writes the 2-bit hints of v
 * (any uint16_t coefficients, natural order) packed 4 per byte (hint j in
 * bits 2(j mod 4) of byte j/4), using bit i of rnd (bit i mod 8 of byte
 * i/8) as the random bit of vector i; the reference draws rnd from
 * ChaCha20(noise seed, nonce = (0, ..., 0, 3)). rec turns v and the packed
 * hints into 32 key bytes (bit i of the key is bit i mod 8 of byte i/8).
 * Both are constant time in v, the hints and rnd.
 */
void hb_nh_helprec(uint8_t hint[HB_NH_RECBYTES], const hb_nh_poly *v, const uint8_t rnd[32]);
void hb_nh_rec(uint8_t key[32], const hb_nh_poly *v, const uint8_t hint[HB_NH_RECBYTES]);

#if HB_X86_SIMD
/*
 * AVX2 kernels (newhope_avx2.c), called by the functions above when
 * hbox_cpu_features() has HBOX_CPU_AVX2. Each accepts the same inputs and
 * meets the same output contract; where the contract leaves room (a range
 * of representatives mod q) the values may differ from the portable ones,
 * but every packed byte, hint, key bit and gen_a / getnoise value is
 * identical. hb_nh_noise_avx2 is hb_nh_addnoise when add is nonzero, else
 * hb_nh_getnoise. hb_nh_rejidx is gen_a's compaction table (exported for
 * the tests): entry m lists the set bits of m, one index per byte.
 */
void hb_nh_ntt_avx2(hb_nh_poly *p);
void hb_nh_invntt_avx2(hb_nh_poly *p);
void hb_nh_pointwise_avx2(hb_nh_poly *r, const hb_nh_poly *a, const hb_nh_poly *b);
void hb_nh_add_avx2(hb_nh_poly *r, const hb_nh_poly *a, const hb_nh_poly *b);
void hb_nh_tobytes_avx2(uint8_t out[HB_NH_POLYBYTES], const hb_nh_poly *p);
uint32_t hb_nh_frombytes_avx2(hb_nh_poly *r, const uint8_t in[HB_NH_POLYBYTES]);
void hb_nh_uniform_avx2(hb_nh_poly *a, const uint8_t seed[HB_NH_SEEDBYTES]);
void hb_nh_noise_avx2(hb_nh_poly *r, const uint8_t seed[32], uint8_t nonce, int add);
void hb_nh_helprec_avx2(uint8_t hint[HB_NH_RECBYTES], const hb_nh_poly *v, const uint8_t rnd[32]);
void hb_nh_rec_avx2(uint8_t key[32], const hb_nh_poly *v, const uint8_t hint[HB_NH_RECBYTES]);
extern const uint64_t hb_nh_rejidx[256];

/* The dispatch test: AVX2 allowed and present (public data). */
#define HB_NH_AVX2() ((hbox_cpu_features() & HBOX_CPU_AVX2) != 0)
#endif

#endif

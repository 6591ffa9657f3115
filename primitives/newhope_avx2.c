/*
 * newhope_avx2.c - AVX2 kernels for NewHope (USENIX 2016), called from the
 * portable functions in newhope_ntt.c, newhope_poly.c and newhope_rec.c
 * when the CPU has AVX2 (contracts in hb_newhope.h).
 *
 * Every kernel honours the portable contract: same inputs accepted, outputs
 * congruent mod q to the portable ones and within the documented range
 * (bit-identical wherever the contract fixes the value: packed bytes, hints,
 * key bits, gen_a, getnoise). So every serialized byte is the portable one.
 *
 * Arithmetic: 16 coefficients per vector, as signed 16-bit lanes inside the
 * transforms (Seiler, "Faster AVX2 optimized NTT multiplication for
 * Ring-LWE lattice cryptography", 2018). Products with a twiddle z are
 * signed Montgomery products (R = 2^16) from mullo/mulhi:
 *     m = a * (z q^-1) mod 2^16,  r = hi(a z) - hi(m q) = (a z - m q) / 2^16,
 * exact because a z and m q agree in their low 16 bits, so r = a z / R mod q
 * and |r| <= |a| |z| / 2^16 + q/2. The twiddles are the portable tables
 * (z R mod q, in [0, q)), so r = a * (true twiddle) mod q, and with |z| < q
 * a product is below 0.1875 |a| + 6145 in absolute value.
 * Sums are brought back with a signed Barrett reduction (|result| <= 6145
 * for every int16: tests/unit/test_newhope_simd.c checks its model).
 *
 * Constant time: no branch or address depends on secret data. The only
 * table lookups are vpshufb shuffles (popcount nibbles inside a register)
 * and, in gen_a, a load indexed by a comparison mask of the PUBLIC SHAKE
 * output. Byte buffers that hold secrets (keystream, the last packed
 * group) are wiped; vector temporaries are register values, like the
 * portable code's scalar locals.
 */
#include "hb_newhope.h"

#if HB_X86_SIMD
#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -madx, or define HOPEBOX_PORTABLE"
#endif
#include <immintrin.h>

#include "chacha20.h"
#include "hb_internal.h"
#include "hb_keccak.h"
#include "sha3.h"

typedef __m256i V;

#define NQ 12289
#define NQINV (-12287) /* q^-1 mod 2^16 (53249) as a signed 16-bit lane */
#define NVEC (HB_NH_N / 16)

static inline V v16(int x)
{
	return _mm256_set1_epi16((short)x);
}

static inline V vadd(V a, V b)
{
	return _mm256_add_epi16(a, b);
}

static inline V vsub(V a, V b)
{
	return _mm256_sub_epi16(a, b);
}

static inline V vload(const uint16_t *p)
{
	return _mm256_loadu_si256((const __m256i *)(const void *)p);
}

static inline void vstore(uint16_t *p, V x)
{
	_mm256_storeu_si256((__m256i *)(void *)p, x);
}

/*
 * A constant multiplier for vpmullw. The empty asm hides its value, or gcc
 * would turn the multiplication into shifts and adds: more instructions on
 * ports that are busy anyway, about 10% slower here (the multiplier ports
 * have room).
 */
static inline V mulconst(int x)
{
	V v = v16(x);
	__asm__("" : "+x"(v));
	return v;
}

/* z q^-1 mod 2^16: the companion of a Montgomery constant. */
static inline V qinv(V z)
{
	return _mm256_mullo_epi16(z, mulconst(NQINV));
}

/* a z / 2^16 mod q (see the top), |result| <= |a| |z| / 2^16 + 6144.5. */
static inline V fqmul(V a, V z, V zq)
{
	V m = _mm256_mullo_epi16(a, zq);
	V hi = _mm256_mulhi_epi16(a, z);
	return vsub(hi, _mm256_mulhi_epi16(m, v16(NQ)));
}

/* Signed Barrett: a - round(a / q) q with 5461 / 2^26 for 1 / q, rounding
 * by mulhrs; any int16 gives a congruent value in [-6145, 6145]. */
static inline V sreduce(V a)
{
	V t = _mm256_mulhi_epi16(a, v16(5461));
	t = _mm256_mulhrs_epi16(t, v16(32));
	return vsub(a, _mm256_mullo_epi16(t, mulconst(NQ)));
}

/* hb_nh_barrett on unsigned lanes: any uint16 to [0, 2q). */
static inline V ureduce(V a)
{
	return vsub(a, _mm256_mullo_epi16(_mm256_mulhi_epu16(a, v16(5)), mulconst(NQ)));
}

/* [0, 2q) to [0, q): a - q wraps above a exactly when a < q. */
static inline V csubq(V a)
{
	return _mm256_min_epu16(a, vsub(a, v16(NQ)));
}

/* ------------------------------------------------------------------ NTT */

/*
 * 16 x 16 transpose of 16-bit lanes: afterwards r[c] lane j is what r[j]
 * lane c was. Four rounds of interleaving (16-, 32-, 64-bit units, then
 * 128-bit halves); an involution.
 */
static inline void transpose16(V r[16])
{
	V a[16], b[16];
	int i;

	for (i = 0; i < 16; i += 2) { /* rows (i, i+1): pairs of one column */
		a[i] = _mm256_unpacklo_epi16(r[i], r[i + 1]);     /* cols 0-3 | 8-11 */
		a[i + 1] = _mm256_unpackhi_epi16(r[i], r[i + 1]); /* cols 4-7 | 12-15 */
	}
	for (i = 0; i < 16; i += 4) { /* rows i..i+3 */
		b[i] = _mm256_unpacklo_epi32(a[i], a[i + 2]);         /* cols 0,1 | 8,9 */
		b[i + 1] = _mm256_unpackhi_epi32(a[i], a[i + 2]);     /* 2,3 | 10,11 */
		b[i + 2] = _mm256_unpacklo_epi32(a[i + 1], a[i + 3]); /* 4,5 | 12,13 */
		b[i + 3] = _mm256_unpackhi_epi32(a[i + 1], a[i + 3]); /* 6,7 | 14,15 */
	}
	for (i = 0; i < 4; i++) { /* rows 0-7 in a[2i], a[2i+1]; 8-15 in a[8+..] */
		a[2 * i] = _mm256_unpacklo_epi64(b[i], b[i + 4]);      /* col 2i | 2i+8 */
		a[2 * i + 1] = _mm256_unpackhi_epi64(b[i], b[i + 4]);  /* col 2i+1 | 2i+9 */
		a[8 + 2 * i] = _mm256_unpacklo_epi64(b[i + 8], b[i + 12]);
		a[9 + 2 * i] = _mm256_unpackhi_epi64(b[i + 8], b[i + 12]);
	}
	for (i = 0; i < 8; i++) {
		r[i] = _mm256_permute2x128_si256(a[i], a[i + 8], 0x20);
		r[i + 8] = _mm256_permute2x128_si256(a[i], a[i + 8], 0x31);
	}
}

/* Cooley-Tukey butterfly (x, y) -> (x + z y, x - z y). */
#define CT(x, y, z, zq)                                                                           \
	do {                                                                                      \
		V t_ = fqmul((y), (z), (zq));                                                     \
		(y) = vsub((x), t_);                                                              \
		(x) = vadd((x), t_);                                                              \
	} while (0)

/* Gentleman-Sande butterfly (x, y) -> (x + y reduced, z^-1 (x - y)) with
 * zi = -z^-1 R mod q, as the portable one. */
#define GS(x, y, zi, ziq)                                                                         \
	do {                                                                                      \
		V d_ = vsub((y), (x));                                                            \
		(x) = sreduce(vadd((x), (y)));                                                    \
		(y) = fqmul(d_, (zi), (ziq));                                                     \
	} while (0)

/*
 * Twiddles come from the portable tables (z R mod q in [0, q)) and are
 * centred to [-(q-1)/2, (q-1)/2] on loading, which halves the Montgomery
 * products' growth: |a z / R mod q| <= 0.09375 |a| + 6145.
 */
static inline V centre(V z)
{
	return vsub(z, _mm256_and_si256(_mm256_cmpgt_epi16(z, v16(NQ / 2)), v16(NQ)));
}

/* Broadcast table entry k (centred) and its companion. */
#define BCAST(tab, k, z, zq)                                                                      \
	do {                                                                                      \
		(z) = v16((tab)[k] > NQ / 2 ? (tab)[k] - NQ : (tab)[k]);                          \
		(zq) = qinv(z);                                                                   \
	} while (0)

/* Twiddle vector: table entries k .. k+15, centred. */
#define TWVEC(tab, k, z, zq)                                                                      \
	do {                                                                                      \
		(z) = centre(vload((tab) + (k)));                                                 \
		(zq) = qinv(z);                                                                   \
	} while (0)

/* The same, as stored (in [0, q)): products below 0.1875 |a| + 6145. */
#define BCAST_RAW(tab, k, z, zq)                                                                  \
	do {                                                                                      \
		(z) = v16((tab)[k]);                                                              \
		(zq) = qinv(z);                                                                   \
	} while (0)
#define TWVEC_RAW(tab, k, z, zq)                                                                  \
	do {                                                                                      \
		(z) = vload((tab) + (k));                                                         \
		(zq) = qinv(z);                                                                   \
	} while (0)

/*
 * Bounds of the forward transform (absolute values, signed lanes). The
 * input (below 2q) is moved to [-q, q). A layer maps bound B to B +
 * 0.09375 B + 6145; the "x" inputs (those not multiplied) are
 * Barrett-reduced (to 6145) before layers d = 4, 32 and 256, which keeps
 * every value below 2^15 (the largest, after d = 128, is 31007) and the
 * output below 22767 < 2q; adding 2q gives the portable range [0, 4q).
 */

/* Layers d = 1, 2, 4, 8 on a transposed group: c[i] lane j holds entry
 * 16 j + i of the group, so distance d pairs c[i] with c[i + d]. */
static inline void ntt_low(V c[16])
{
	V z, zq;
	int i;

	BCAST(hb_nh_zetas, 1, z, zq);
	for (i = 0; i < 16; i += 2)
		CT(c[i], c[i + 1], z, zq);
	for (i = 0; i < 2; i++) {
		BCAST(hb_nh_zetas, 2 + i, z, zq);
		CT(c[i], c[i + 2], z, zq);
		CT(c[i + 4], c[i + 6], z, zq);
		CT(c[i + 8], c[i + 10], z, zq);
		CT(c[i + 12], c[i + 14], z, zq);
	}
	for (i = 0; i < 4; i++) {
		BCAST(hb_nh_zetas, 4 + i, z, zq);
		c[i] = sreduce(c[i]);
		c[i + 8] = sreduce(c[i + 8]);
		CT(c[i], c[i + 4], z, zq);
		CT(c[i + 8], c[i + 12], z, zq);
	}
	for (i = 0; i < 8; i++) {
		BCAST(hb_nh_zetas, 8 + i, z, zq);
		CT(c[i], c[i + 8], z, zq);
	}
}

/* Layers d = 16, 32, 64 on 8 consecutive vectors (128 entries). */
static inline void ntt_mid(V r[8])
{
	V z, zq;
	int i;

	TWVEC(hb_nh_zetas, 16, z, zq);
	for (i = 0; i < 8; i += 2)
		CT(r[i], r[i + 1], z, zq);
	for (i = 0; i < 2; i++) {
		TWVEC(hb_nh_zetas, 32 + 16 * i, z, zq);
		r[i] = sreduce(r[i]);
		r[i + 4] = sreduce(r[i + 4]);
		CT(r[i], r[i + 2], z, zq);
		CT(r[i + 4], r[i + 6], z, zq);
	}
	for (i = 0; i < 4; i++) {
		TWVEC(hb_nh_zetas, 64 + 16 * i, z, zq);
		CT(r[i], r[i + 4], z, zq);
	}
}

/* Layers d = 128, 256, 512 on the 8 vectors j + 8 i (i = 0..7). */
static inline void ntt_high(V r[8], int j)
{
	V z, zq;
	int i;

	TWVEC(hb_nh_zetas, 128 + 16 * j, z, zq);
	for (i = 0; i < 8; i += 2)
		CT(r[i], r[i + 1], z, zq);
	for (i = 0; i < 2; i++) {
		TWVEC(hb_nh_zetas, 256 + 16 * (j + 8 * i), z, zq);
		r[i] = sreduce(r[i]);
		r[i + 4] = sreduce(r[i + 4]);
		CT(r[i], r[i + 2], z, zq);
		CT(r[i + 4], r[i + 6], z, zq);
	}
	for (i = 0; i < 4; i++) {
		TWVEC(hb_nh_zetas, 512 + 16 * (j + 8 * i), z, zq);
		CT(r[i], r[i + 4], z, zq);
	}
}

/* Three passes over the polynomial, each keeping its vectors in registers
 * (as far as 16 registers allow): d = 1..8 on transposed groups of 16
 * vectors, d = 16..64 on 8 consecutive vectors, d = 128..512 on 8 vectors
 * 8 apart. */
void hb_nh_ntt_avx2(hb_nh_poly *p)
{
	uint16_t *a = p->c;
	V r[16];
	int g, i;

	for (g = 0; g < NVEC; g += 16) {
		for (i = 0; i < 16; i++)
			r[i] = vsub(vload(a + 16 * (g + i)), v16(NQ));
		transpose16(r);
		ntt_low(r);
		transpose16(r);
		for (i = 0; i < 16; i++)
			vstore(a + 16 * (g + i), r[i]);
	}
	for (g = 0; g < NVEC; g += 8) {
		for (i = 0; i < 8; i++)
			r[i] = vload(a + 16 * (g + i));
		ntt_mid(r);
		for (i = 0; i < 8; i++)
			vstore(a + 16 * (g + i), r[i]);
	}
	for (g = 0; g < 8; g++) {
		for (i = 0; i < 8; i++)
			r[i] = vload(a + 16 * (g + 8 * i));
		ntt_high(r, g);
		for (i = 0; i < 8; i++)
			vstore(a + 16 * (g + 8 * i), vadd(r[i], v16(2 * NQ)));
	}
}

/*
 * Inverse: Gentleman-Sande layers d = 512 .. 1 with every sum
 * Barrett-reduced and the twiddles as stored (centring them measured no
 * faster here), so every input of a layer stays below 9832 (sums and
 * differences below 2^15); the last layer multiplies both outputs by
 * 1/1024 (folded into its constants, as in the portable code) and gives
 * values below 7243 < q, moved to [0, 2q) by adding q.
 *
 * The final bit-reversal costs nothing: the low layers run on transposed
 * groups of the 16 vectors 4 brv4(j) + m (j = 0..15), and the transpose
 * already sends each entry 64 brv4(j) + 16 m + c to vector 4 brv4(c) +
 * brv2(m), lane j, which is its bit-reversed position.
 */
static const uint8_t nh_brv4[16] = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};

/* 1/1024 and zetas_inv[1] / 1024 in Montgomery form (newhope_ntt.c). */
#define NINV_MONT 64
#define Z1_NINV_MONT 3656

/* Layers d = 8, 4, 2, 1 on the group of vectors 4 brv4(j) + m (j = 0..15):
 * c[i] ends up as output vector 4 brv4(i) + brv2(m), in [-q, q). */
static inline void invntt_low(V c[16], const uint16_t *a, int m)
{
	V z, zq, y1, y1q;
	int i;

	for (i = 0; i < 16; i++)
		c[i] = vload(a + 16 * (4 * nh_brv4[i] + m));
	transpose16(c);
	for (i = 0; i < 8; i++) {
		BCAST_RAW(hb_nh_zetas_inv, 8 + i, z, zq);
		GS(c[i], c[i + 8], z, zq);
	}
	for (i = 0; i < 4; i++) {
		BCAST_RAW(hb_nh_zetas_inv, 4 + i, z, zq);
		GS(c[i], c[i + 4], z, zq);
		GS(c[i + 8], c[i + 12], z, zq);
	}
	for (i = 0; i < 2; i++) {
		BCAST_RAW(hb_nh_zetas_inv, 2 + i, z, zq);
		GS(c[i], c[i + 2], z, zq);
		GS(c[i + 4], c[i + 6], z, zq);
		GS(c[i + 8], c[i + 10], z, zq);
		GS(c[i + 12], c[i + 14], z, zq);
	}
	z = v16(NINV_MONT);
	zq = qinv(z);
	y1 = v16(Z1_NINV_MONT);
	y1q = qinv(y1);
	for (i = 0; i < 16; i += 2) {
		V s = fqmul(vadd(c[i], c[i + 1]), z, zq);
		c[i + 1] = fqmul(vsub(c[i + 1], c[i]), y1, y1q);
		c[i] = s;
	}
}

/* Store the output of invntt_low for group m, moved to [0, 2q). */
static inline void invntt_store(uint16_t *a, const V c[16], int m)
{
	static const uint8_t brv2[4] = {0, 2, 1, 3};
	int i;
	for (i = 0; i < 16; i++)
		vstore(a + 16 * (4 * nh_brv4[i] + brv2[m]), vadd(c[i], v16(NQ)));
}

/* GS layers d = 512, 256, 128 on the 8 vectors j + 8 i (i = 0..7). */
static inline void invntt_high(V r[8], int j)
{
	V z, zq;
	int i;

	for (i = 0; i < 4; i++) {
		TWVEC_RAW(hb_nh_zetas_inv, 512 + 16 * (j + 8 * i), z, zq);
		GS(r[i], r[i + 4], z, zq);
	}
	for (i = 0; i < 2; i++) {
		TWVEC_RAW(hb_nh_zetas_inv, 256 + 16 * (j + 8 * i), z, zq);
		GS(r[i], r[i + 2], z, zq);
		GS(r[i + 4], r[i + 6], z, zq);
	}
	TWVEC_RAW(hb_nh_zetas_inv, 128 + 16 * j, z, zq);
	for (i = 0; i < 8; i += 2)
		GS(r[i], r[i + 1], z, zq);
}

/* GS layers d = 64, 32, 16 on 8 consecutive vectors. */
static inline void invntt_mid(V r[8])
{
	V z, zq;
	int i;

	for (i = 0; i < 4; i++) {
		TWVEC_RAW(hb_nh_zetas_inv, 64 + 16 * i, z, zq);
		GS(r[i], r[i + 4], z, zq);
	}
	for (i = 0; i < 2; i++) {
		TWVEC_RAW(hb_nh_zetas_inv, 32 + 16 * i, z, zq);
		GS(r[i], r[i + 2], z, zq);
		GS(r[i + 4], r[i + 6], z, zq);
	}
	TWVEC_RAW(hb_nh_zetas_inv, 16, z, zq);
	for (i = 0; i < 8; i += 2)
		GS(r[i], r[i + 1], z, zq);
}

void hb_nh_invntt_avx2(hb_nh_poly *p)
{
	uint16_t *a = p->c;
	V r[16], r1[16];
	int g, i;

	/* inputs [0, 2q) -> [-q, q) */
	for (g = 0; g < 8; g++) {
		for (i = 0; i < 8; i++)
			r[i] = vsub(vload(a + 16 * (g + 8 * i)), v16(NQ));
		invntt_high(r, g);
		for (i = 0; i < 8; i++)
			vstore(a + 16 * (g + 8 * i), r[i]);
	}
	for (g = 0; g < NVEC; g += 8) {
		for (i = 0; i < 8; i++)
			r[i] = vload(a + 16 * (g + i));
		invntt_mid(r);
		for (i = 0; i < 8; i++)
			vstore(a + 16 * (g + i), r[i]);
	}

	/* d = 8, 4, 2, 1 and the bit-reversal. Group m reads the vectors
	 * whose index is m mod 4 and writes those whose index is brv2(m)
	 * mod 4: groups 1 and 2 swap places, so both are computed before
	 * either is stored. */
	invntt_low(r, a, 0);
	invntt_store(a, r, 0);
	invntt_low(r, a, 3);
	invntt_store(a, r, 3);
	invntt_low(r1, a, 1);
	invntt_low(r, a, 2);
	invntt_store(a, r1, 1);
	invntt_store(a, r, 2);
}

/* ------------------------------------------------------------ pointwise */

/* 2^32 mod q = R^2 (so a Montgomery product with it multiplies by R),
 * as a centred value: 10952 - q. */
#define R2_CENTRED (10952 - NQ)

void hb_nh_pointwise_avx2(hb_nh_poly *r, const hb_nh_poly *a, const hb_nh_poly *b)
{
	const V k = v16(R2_CENTRED), kq = qinv(k);
	int i;

	for (i = 0; i < HB_NH_N; i += 16) {
		/* a < 2^14 and b in [0, 2q): |a b / R| <= 6144 + 6145; times
		 * R^2 / R: below 12289 * 1337 / 2^16 + 6145 < 6400; plus q. */
		V x = vload(a->c + i);
		V y = ureduce(vload(b->c + i));
		V t = fqmul(x, y, qinv(y));
		vstore(r->c + i, vadd(fqmul(t, k, kq), v16(NQ)));
	}
}

void hb_nh_add_avx2(hb_nh_poly *r, const hb_nh_poly *a, const hb_nh_poly *b)
{
	int i;
	for (i = 0; i < HB_NH_N; i += 16) /* two values below 2q: sum below 4q */
		vstore(r->c + i, ureduce(vadd(ureduce(vload(a->c + i)), ureduce(vload(b->c + i)))));
}

/* -------------------------------------------------------------- packing */

/*
 * 16 coefficients are 4 groups of 7 bytes (56-bit little-endian c0 | c1 <<
 * 14 | c2 << 28 | c3 << 42), built in the four 64-bit lanes; each 128-bit
 * half then holds 14 bytes. Stores are 16 bytes wide and overlap the next
 * vector's bytes (written later), so the last vector goes through a
 * buffer to stay inside out[].
 */
void hb_nh_tobytes_avx2(uint8_t out[HB_NH_POLYBYTES], const hb_nh_poly *p)
{
	const V mul = _mm256_set1_epi32(1 | (1 << 30)); /* words (1, 2^14) */
	const V lo28 = _mm256_set1_epi64x(0x0FFFFFFF);
	const V hi28 = _mm256_set1_epi64x(0x00FFFFFFF0000000);
	const V pick = _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, -1, -1, 0, 1,
	                                2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14, -1, -1);
	uint8_t last[32];
	int i;

	for (i = 0; i < NVEC; i++) {
		V c = csubq(ureduce(vload(p->c + 16 * i)));
		V d = _mm256_madd_epi16(c, mul); /* 28-bit pairs in 32-bit lanes */
		V g = _mm256_or_si256(_mm256_and_si256(d, lo28),
		                      _mm256_and_si256(_mm256_srli_epi64(d, 4), hi28));
		uint8_t *o = i < NVEC - 1 ? out + 28 * i : last;
		g = _mm256_shuffle_epi8(g, pick);
		_mm_storeu_si128((__m128i *)(void *)o, _mm256_castsi256_si128(g));
		_mm_storeu_si128((__m128i *)(void *)(o + 14), _mm256_extracti128_si256(g, 1));
	}
	memcpy(out + 28 * (NVEC - 1), last, 28);
	hbox_wipe(last, sizeof last);
}

uint32_t hb_nh_frombytes_avx2(hb_nh_poly *r, const uint8_t in[HB_NH_POLYBYTES])
{
	const V spread = _mm256_setr_epi8(0, 1, 2, 3, 4, 5, 6, -1, 7, 8, 9, 10, 11, 12, 13, -1, 0, 1,
	                                  2, 3, 4, 5, 6, -1, 7, 8, 9, 10, 11, 12, 13, -1);
	const V m14 = v16(0x3FFF), qm1 = v16(NQ - 1);
	V bad = _mm256_setzero_si256();
	uint8_t last[32] = {0};
	uint32_t mask;
	int i;

	memcpy(last, in + 28 * (NVEC - 1), 28);
	for (i = 0; i < NVEC; i++) {
		const uint8_t *s = i < NVEC - 1 ? in + 28 * i : last;
		V x = _mm256_inserti128_si256(
		    _mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)s)),
		    _mm_loadu_si128((const __m128i *)(const void *)(s + 14)), 1);
		V c;
		x = _mm256_shuffle_epi8(x, spread); /* one 7-byte group per 64-bit lane */
		/* word k of a lane wants bits 14k.. of the group: shift the lane
		 * left by 2k so they start at bit 16k, then keep 14 bits */
		c = _mm256_blend_epi16(x, _mm256_slli_epi64(x, 2), 0x22);
		c = _mm256_blend_epi16(c, _mm256_slli_epi64(x, 4), 0x44);
		c = _mm256_blend_epi16(c, _mm256_slli_epi64(x, 6), 0x88);
		c = _mm256_and_si256(c, m14);
		bad = _mm256_or_si256(bad, _mm256_cmpgt_epi16(c, qm1));
		vstore(r->c + 16 * i, c);
	}
	hbox_wipe(last, sizeof last);
	mask = (uint32_t)_mm256_movemask_epi8(bad);
	return (mask | (0u - mask)) >> 31; /* 1 when any lane was >= q */
}

/* ---------------------------------------------------------------- noise */

#define NOISE_CHUNK 1024 /* keystream bytes per ChaCha20 call */

/*
 * psi_16 samples of 64 keystream bytes (16 words): per-byte popcounts by
 * nibble lookups inside a register, then HW(b0) + HW(b1) - HW(b2) - HW(b3)
 * per word, plus q.
 */
static inline V noise16(const uint8_t *ks)
{
	const V lut = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1,
	                               2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
	/* bytes 1, 1, -1, -1 per 32-bit lane: words 0x0101 and 0xFFFF */
	const V nib = _mm256_set1_epi8(0x0F), sign = _mm256_set1_epi32(0x0101 - 0x10000);
	V w[2];
	int h;

	for (h = 0; h < 2; h++) {
		V k = _mm256_loadu_si256((const __m256i *)(const void *)(ks + 32 * h));
		V pc = _mm256_add_epi8(_mm256_shuffle_epi8(lut, _mm256_and_si256(k, nib)),
		                       _mm256_shuffle_epi8(lut, _mm256_and_si256(_mm256_srli_epi16(k, 4), nib)));
		/* (p0 + p1, -p2 - p3) per word pair, then their sum per 32-bit lane */
		w[h] = _mm256_madd_epi16(_mm256_maddubs_epi16(pc, sign), v16(1));
	}
	/* pack the 16 sums to words in order (packs interleaves 128-bit halves) */
	return vadd(_mm256_permute4x64_epi64(_mm256_packs_epi32(w[0], w[1]), 0xD8), v16(NQ));
}

void hb_nh_noise_avx2(hb_nh_poly *r, const uint8_t seed[32], uint8_t nonce, int add)
{
	uint8_t buf[NOISE_CHUNK];
	uint8_t n[8] = {0};
	size_t chunk, i;

	n[0] = nonce;
	for (chunk = 0; chunk < 4 * HB_NH_N / NOISE_CHUNK; chunk++) {
		uint16_t *out = r->c + chunk * (NOISE_CHUNK / 4);
		hbox_chacha20(buf, NULL, sizeof buf, seed, n, (uint64_t)(chunk * (NOISE_CHUNK / 64)));
		for (i = 0; i < NOISE_CHUNK / 64; i++) {
			V e = noise16(buf + 64 * i);
			if (add) /* public choice; ureduce(r) + e < 3q + 16 */
				e = ureduce(vadd(ureduce(vload(out + 16 * i)), e));
			vstore(out + 16 * i, e);
		}
	}
	hbox_wipe(buf, sizeof buf);
}

/* ---------------------------------------------------------------- gen_a */

/*
 * hb_nh_rejidx[m]: the indices of the set bits of m, ascending, one per
 * byte from the lowest (unused bytes 0). A candidate mask selects the entry
 * and the entry, as a shuffle, moves the accepted 16-bit words to the
 * front. The mask comes from the public SHAKE output.
 */
const uint64_t hb_nh_rejidx[256] = {
	0x0000000000000000ull, 0x0000000000000000ull, 0x0000000000000001ull, 0x0000000000000100ull,
	0x0000000000000002ull, 0x0000000000000200ull, 0x0000000000000201ull, 0x0000000000020100ull,
	0x0000000000000003ull, 0x0000000000000300ull, 0x0000000000000301ull, 0x0000000000030100ull,
	0x0000000000000302ull, 0x0000000000030200ull, 0x0000000000030201ull, 0x0000000003020100ull,
	0x0000000000000004ull, 0x0000000000000400ull, 0x0000000000000401ull, 0x0000000000040100ull,
	0x0000000000000402ull, 0x0000000000040200ull, 0x0000000000040201ull, 0x0000000004020100ull,
	0x0000000000000403ull, 0x0000000000040300ull, 0x0000000000040301ull, 0x0000000004030100ull,
	0x0000000000040302ull, 0x0000000004030200ull, 0x0000000004030201ull, 0x0000000403020100ull,
	0x0000000000000005ull, 0x0000000000000500ull, 0x0000000000000501ull, 0x0000000000050100ull,
	0x0000000000000502ull, 0x0000000000050200ull, 0x0000000000050201ull, 0x0000000005020100ull,
	0x0000000000000503ull, 0x0000000000050300ull, 0x0000000000050301ull, 0x0000000005030100ull,
	0x0000000000050302ull, 0x0000000005030200ull, 0x0000000005030201ull, 0x0000000503020100ull,
	0x0000000000000504ull, 0x0000000000050400ull, 0x0000000000050401ull, 0x0000000005040100ull,
	0x0000000000050402ull, 0x0000000005040200ull, 0x0000000005040201ull, 0x0000000504020100ull,
	0x0000000000050403ull, 0x0000000005040300ull, 0x0000000005040301ull, 0x0000000504030100ull,
	0x0000000005040302ull, 0x0000000504030200ull, 0x0000000504030201ull, 0x0000050403020100ull,
	0x0000000000000006ull, 0x0000000000000600ull, 0x0000000000000601ull, 0x0000000000060100ull,
	0x0000000000000602ull, 0x0000000000060200ull, 0x0000000000060201ull, 0x0000000006020100ull,
	0x0000000000000603ull, 0x0000000000060300ull, 0x0000000000060301ull, 0x0000000006030100ull,
	0x0000000000060302ull, 0x0000000006030200ull, 0x0000000006030201ull, 0x0000000603020100ull,
	0x0000000000000604ull, 0x0000000000060400ull, 0x0000000000060401ull, 0x0000000006040100ull,
	0x0000000000060402ull, 0x0000000006040200ull, 0x0000000006040201ull, 0x0000000604020100ull,
	0x0000000000060403ull, 0x0000000006040300ull, 0x0000000006040301ull, 0x0000000604030100ull,
	0x0000000006040302ull, 0x0000000604030200ull, 0x0000000604030201ull, 0x0000060403020100ull,
	0x0000000000000605ull, 0x0000000000060500ull, 0x0000000000060501ull, 0x0000000006050100ull,
	0x0000000000060502ull, 0x0000000006050200ull, 0x0000000006050201ull, 0x0000000605020100ull,
	0x0000000000060503ull, 0x0000000006050300ull, 0x0000000006050301ull, 0x0000000605030100ull,
	0x0000000006050302ull, 0x0000000605030200ull, 0x0000000605030201ull, 0x0000060503020100ull,
	0x0000000000060504ull, 0x0000000006050400ull, 0x0000000006050401ull, 0x0000000605040100ull,
	0x0000000006050402ull, 0x0000000605040200ull, 0x0000000605040201ull, 0x0000060504020100ull,
	0x0000000006050403ull, 0x0000000605040300ull, 0x0000000605040301ull, 0x0000060504030100ull,
	0x0000000605040302ull, 0x0000060504030200ull, 0x0000060504030201ull, 0x0006050403020100ull,
	0x0000000000000007ull, 0x0000000000000700ull, 0x0000000000000701ull, 0x0000000000070100ull,
	0x0000000000000702ull, 0x0000000000070200ull, 0x0000000000070201ull, 0x0000000007020100ull,
	0x0000000000000703ull, 0x0000000000070300ull, 0x0000000000070301ull, 0x0000000007030100ull,
	0x0000000000070302ull, 0x0000000007030200ull, 0x0000000007030201ull, 0x0000000703020100ull,
	0x0000000000000704ull, 0x0000000000070400ull, 0x0000000000070401ull, 0x0000000007040100ull,
	0x0000000000070402ull, 0x0000000007040200ull, 0x0000000007040201ull, 0x0000000704020100ull,
	0x0000000000070403ull, 0x0000000007040300ull, 0x0000000007040301ull, 0x0000000704030100ull,
	0x0000000007040302ull, 0x0000000704030200ull, 0x0000000704030201ull, 0x0000070403020100ull,
	0x0000000000000705ull, 0x0000000000070500ull, 0x0000000000070501ull, 0x0000000007050100ull,
	0x0000000000070502ull, 0x0000000007050200ull, 0x0000000007050201ull, 0x0000000705020100ull,
	0x0000000000070503ull, 0x0000000007050300ull, 0x0000000007050301ull, 0x0000000705030100ull,
	0x0000000007050302ull, 0x0000000705030200ull, 0x0000000705030201ull, 0x0000070503020100ull,
	0x0000000000070504ull, 0x0000000007050400ull, 0x0000000007050401ull, 0x0000000705040100ull,
	0x0000000007050402ull, 0x0000000705040200ull, 0x0000000705040201ull, 0x0000070504020100ull,
	0x0000000007050403ull, 0x0000000705040300ull, 0x0000000705040301ull, 0x0000070504030100ull,
	0x0000000705040302ull, 0x0000070504030200ull, 0x0000070504030201ull, 0x0007050403020100ull,
	0x0000000000000706ull, 0x0000000000070600ull, 0x0000000000070601ull, 0x0000000007060100ull,
	0x0000000000070602ull, 0x0000000007060200ull, 0x0000000007060201ull, 0x0000000706020100ull,
	0x0000000000070603ull, 0x0000000007060300ull, 0x0000000007060301ull, 0x0000000706030100ull,
	0x0000000007060302ull, 0x0000000706030200ull, 0x0000000706030201ull, 0x0000070603020100ull,
	0x0000000000070604ull, 0x0000000007060400ull, 0x0000000007060401ull, 0x0000000706040100ull,
	0x0000000007060402ull, 0x0000000706040200ull, 0x0000000706040201ull, 0x0000070604020100ull,
	0x0000000007060403ull, 0x0000000706040300ull, 0x0000000706040301ull, 0x0000070604030100ull,
	0x0000000706040302ull, 0x0000070604030200ull, 0x0000070604030201ull, 0x0007060403020100ull,
	0x0000000000070605ull, 0x0000000007060500ull, 0x0000000007060501ull, 0x0000000706050100ull,
	0x0000000007060502ull, 0x0000000706050200ull, 0x0000000706050201ull, 0x0000070605020100ull,
	0x0000000007060503ull, 0x0000000706050300ull, 0x0000000706050301ull, 0x0000070605030100ull,
	0x0000000706050302ull, 0x0000070605030200ull, 0x0000070605030201ull, 0x0007060503020100ull,
	0x0000000007060504ull, 0x0000000706050400ull, 0x0000000706050401ull, 0x0000070605040100ull,
	0x0000000706050402ull, 0x0000070605040200ull, 0x0000070605040201ull, 0x0007060504020100ull,
	0x0000000706050403ull, 0x0000070605040300ull, 0x0000070605040301ull, 0x0007060504030100ull,
	0x0000070605040302ull, 0x0007060504030200ull, 0x0007060504030201ull, 0x0706050403020100ull,
};

/* Append the candidates of one SHAKE-128 block (84 little-endian 14-bit
 * values) below q to a[ctr..], up to HB_NH_N entries; returns the new count. */
static size_t uniform_block(uint16_t *a, size_t ctr, const uint8_t *blk)
{
	const __m128i m14 = _mm_set1_epi16(0x3FFF), vq = _mm_set1_epi16(NQ);
	const __m128i odd = _mm_set1_epi16(0x0100);
	size_t pos;

	for (pos = 0; pos < HBOX_SHAKE128_BLOCKBYTES && ctr < HB_NH_N; pos += 16) {
		__m128i w, idx;
		uint32_t keep;
		/* 168 = 10 * 16 + 8: the last step has 4 candidates */
		if (pos + 16 <= HBOX_SHAKE128_BLOCKBYTES)
			w = _mm_loadu_si128((const __m128i *)(const void *)(blk + pos));
		else
			w = _mm_loadl_epi64((const __m128i *)(const void *)(blk + pos));
		w = _mm_and_si128(w, m14);
		keep = (uint32_t)_mm_movemask_epi8(_mm_packs_epi16(_mm_cmplt_epi16(w, vq),
		                                                   _mm_setzero_si128()));
		if (pos + 16 > HBOX_SHAKE128_BLOCKBYTES)
			keep &= 0x0F;
		if (ctr + 8 <= HB_NH_N) {
			/* word indices s -> byte pairs (2s, 2s + 1) */
			idx = _mm_cvtepu8_epi16(_mm_loadl_epi64((const __m128i *)(const void *)&hb_nh_rejidx[keep]));
			idx = _mm_add_epi16(_mm_mullo_epi16(idx, _mm_set1_epi16(0x0202)), odd);
			_mm_storeu_si128((__m128i *)(void *)(a + ctr), _mm_shuffle_epi8(w, idx));
			ctr += (size_t)__builtin_popcount(keep);
		} else {
			uint16_t v[8];
			unsigned k;
			_mm_storeu_si128((__m128i *)(void *)v, w);
			for (k = 0; k < 8 && ctr < HB_NH_N; k++)
				if ((keep >> k) & 1u)
					a[ctr++] = v[k];
		}
	}
	return ctr;
}

void hb_nh_uniform_avx2(hb_nh_poly *a, const uint8_t seed[HB_NH_SEEDBYTES])
{
	hbox_shake_ctx ctx;
	size_t ctr;

	hbox_shake128_init(&ctx);
	hbox_shake_absorb(&ctx, seed, HB_NH_SEEDBYTES);
	hb_keccak_finish(&ctx, HB_KECCAK_PAD_SHAKE);
	/* The rate bytes are the first 168 bytes of the lanes in memory
	 * (x86-64 is little-endian, the FIPS 202 byte order). */
	ctr = uniform_block(a->c, 0, (const uint8_t *)ctx.lanes);
	while (ctr < HB_NH_N) {
		hb_keccak_f1600(ctx.lanes);
		ctr = uniform_block(a->c, ctr, (const uint8_t *)ctx.lanes);
	}
	hbox_shake_wipe(&ctx);
}

/* ------------------------------------------------------- reconciliation */

/*
 * Both functions work on 16 vectors x = (v[i], v[i+256], v[i+512],
 * v[i+768]) at a time, one per lane (see newhope_rec.c for the algorithm),
 * with v first brought to [0, 2q) (ureduce). Scaled coordinates reach 16q,
 * beyond 16 bits, so they are split: 4w = q t + r with w < 4q (w = 2v + b),
 * t = floor(4w / q) in [0, 16] and r in [0, q). Adding q to v adds 8 to t,
 * so only t mod 8 is used, as the portable code's reduction to [0, q)
 * implies. t is floor(w * 21 / 2^16) or one more for every w < 4q
 * (tests/unit/test_newhope_simd.c checks the model exhaustively), fixed by
 * one comparison; r is computed mod 2^16, exact because its true value is
 * in [0, q).
 */
static inline void divq4(V *t, V *r, V w)
{
	V tt = _mm256_mulhi_epu16(w, v16(21));
	V rr = vsub(_mm256_slli_epi16(w, 2), _mm256_mullo_epi16(tt, mulconst(NQ)));
	V over = _mm256_cmpgt_epi16(rr, v16(NQ - 1)); /* rr < 2q: signed compare */
	*t = vsub(tt, over);
	*r = vsub(rr, _mm256_and_si256(over, v16(NQ)));
}

/* Hint bits: c (values 0..3, one per lane) to 32 bits, 2 per lane, lane l
 * at bits 2l: bit 0 of c to the top of the low byte, bit 1 to the top of
 * the high byte, then movemask. */
static inline uint32_t pack2(V c)
{
	return (uint32_t)_mm256_movemask_epi8(_mm256_mullo_epi16(c, v16(0x4080)));
}

void hb_nh_helprec_avx2(uint8_t hint[HB_NH_RECBYTES], const hb_nh_poly *v, const uint8_t rnd[32])
{
	const V bits = _mm256_setr_epi16(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096,
	                                 8192, 16384, -32768);
	int base, k;

	for (base = 0; base < HB_NH_N / 4; base += 16) {
		/* random bit of vector base + l: bit l of these 16 bits */
		V b = _mm256_and_si256(v16(rnd[base / 8] | rnd[base / 8 + 1] << 8), bits);
		V v0[4], odd[4], sum = _mm256_setzero_si256(), far, c3;
		b = _mm256_srli_epi16(_mm256_cmpeq_epi16(b, bits), 15);

		for (k = 0; k < 4; k++) {
			/* x = 8 v + 4 b = 4 w = q t + r */
			V m = ureduce(vload(v->c + base + 256 * k)), t, r;
			divq4(&t, &r, vadd(vadd(m, m), b));
			odd[k] = _mm256_cmpeq_epi16(_mm256_and_si256(t, v16(1)), v16(1));
			v0[k] = _mm256_srli_epi16(vadd(t, v16(1)), 1); /* round(x / 2q), mod 4 */
			/* |x - 2q v0|: r for even t, q - r for odd t */
			sum = vadd(sum, vadd(vsub(_mm256_xor_si256(r, odd[k]), odd[k]),
			                     _mm256_and_si256(odd[k], v16(NQ))));
		}
		/* far: sum >= 2q (sum < 4q, so compare unsigned) */
		far = _mm256_cmpeq_epi16(_mm256_max_epu16(sum, v16(2 * NQ)), sum);
		for (k = 0; k < 4; k++) /* v1 = v0 - 1 where t was odd */
			v0[k] = vadd(v0[k], _mm256_and_si256(far, odd[k]));
		c3 = vsub(vadd(v0[3], v0[3]), far); /* far + 2 v0[3] */
		for (k = 0; k < 3; k++) {
			V c = _mm256_and_si256(vsub(v0[k], v0[3]), v16(3));
			hb_store32_le(hint + 64 * k + base / 4, pack2(c));
		}
		hb_store32_le(hint + 192 + base / 4, pack2(_mm256_and_si256(c3, v16(3))));
	}
}

void hb_nh_rec_avx2(uint8_t key[32], const hb_nh_poly *v, const uint8_t hint[HB_NH_RECBYTES])
{
	/* lane l takes hint byte l / 4 (all four bytes are in every 32-bit
	 * lane), then its field 2 (l mod 4) is lifted to bits 6-7 */
	const V spread = _mm256_setr_epi8(0, -1, 0, -1, 0, -1, 0, -1, 1, -1, 1, -1, 1, -1, 1, -1, 2,
	                                  -1, 2, -1, 2, -1, 2, -1, 3, -1, 3, -1, 3, -1, 3, -1);
	const V lift = _mm256_setr_epi16(64, 16, 4, 1, 64, 16, 4, 1, 64, 16, 4, 1, 64, 16, 4, 1);
	V bitv[2];
	int base, half, k;

	for (base = 0; base < HB_NH_N / 4; base += 32) {
		for (half = 0; half < 2; half++) {
			int i = base + 16 * half;
			V c[4], su = _mm256_setzero_si256(), sr = _mm256_setzero_si256(), kk;
			for (k = 0; k < 4; k++) {
				V h = _mm256_set1_epi32((int)hb_load32_le(hint + 64 * k + i / 4));
				h = _mm256_mullo_epi16(_mm256_shuffle_epi8(h, spread), lift);
				c[k] = _mm256_and_si256(_mm256_srli_epi16(h, 6), v16(3));
			}
			for (k = 0; k < 4; k++) {
				/* 8 v = q t + r; y = 8 v - q h mod 8q = q u + r with
				 * u = (t - h) mod 8; its distance to 8qZ is q u + r
				 * (u < 4) or q (7 - u) + (q - r) (u >= 4) */
				V m = ureduce(vload(v->c + i + 256 * k)), t, r, h, u, far;
				divq4(&t, &r, vadd(m, m));
				h = k < 3 ? vadd(vadd(c[k], c[k]), c[3]) : c[3];
				u = _mm256_and_si256(vsub(t, h), v16(7));
				far = _mm256_cmpgt_epi16(u, v16(3));
				su = vadd(su, _mm256_xor_si256(u, _mm256_and_si256(far, v16(7))));
				sr = vadd(sr, vadd(vsub(_mm256_xor_si256(r, far), far),
				                   _mm256_and_si256(far, v16(NQ))));
			}
			/* bit = q su + sr < 8q, i.e. sr < q (8 - su) (sr <= 4q, so
			 * 8 - su is clamped to [0, 5] to stay in 16 bits) */
			kk = _mm256_min_epi16(_mm256_max_epi16(vsub(v16(8), su), _mm256_setzero_si256()), v16(5));
			kk = _mm256_mullo_epi16(kk, mulconst(NQ));
			bitv[half] = _mm256_cmpeq_epi16(_mm256_max_epu16(sr, kk), sr); /* sr >= bound */
		}
		/* 32 flags to bytes in order, then to bits (1 = below the bound) */
		hb_store32_le(key + base / 8,
		              ~(uint32_t)_mm256_movemask_epi8(_mm256_permute4x64_epi64(
		                  _mm256_packs_epi16(bitv[0], bitv[1]), 0xD8)));
	}
}
#else
typedef int hb_newhope_avx2_unused;
#endif

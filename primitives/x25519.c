/*
 * x25519.c - X25519 (RFC 7748 section 5) on the field of hb_fe25519.h.
 */
#include "x25519.h"

#include "hb_fe25519.h"
#include "hb_x25519.h"

/*
 * The Montgomery ladder of RFC 7748 section 5, over bits 254..0 of the
 * clamped scalar e. On return (x2 : z2) is the projective u-coordinate of
 * e * (x1 : 1). When base is 1, x1 is 9 and its one product per step is a
 * multiplication by the small constant 9 (base is a public, compile-time
 * choice at each call site).
 *
 * Every step takes tight x2, z2, x3, z3 and leaves them tight: each add or
 * sub below reads only tight values (mul/sq outputs), and each mul/sq
 * reads tight or loose ones (see hb_fe25519.h). The step uses the form
 * z2 = E * (BB + 121666 * E), equal to the RFC's E * (AA + 121665 * E)
 * since AA = BB + E.
 */
static inline void hb_x25519_ladder(hb_fe x2, hb_fe z2, const hb_fe x1, const uint8_t e[32],
                                    int base)
{
	hb_fe x3, z3, a, b, c, d;
	unsigned swap = 0, bit;
	int i;

	hb_fe_1(x2);
	hb_fe_0(z2);
	hb_fe_copy(x3, x1);
	hb_fe_1(z3);

	for (i = 254; i >= 0; i--) {
		bit = (unsigned)(e[i >> 3] >> (i & 7)) & 1u;
		swap ^= bit;
		hb_fe_cswap(x2, x3, swap);
		hb_fe_cswap(z2, z3, swap);
		swap = bit;

		hb_fe_add(a, x2, z2);  /* A = x2 + z2 */
		hb_fe_sub(b, x2, z2);  /* B = x2 - z2 */
		hb_fe_add(c, x3, z3);  /* C = x3 + z3 */
		hb_fe_sub(d, x3, z3);  /* D = x3 - z3 */
		hb_fe_mul(d, d, a);    /* DA */
		hb_fe_mul(c, c, b);    /* CB */
		hb_fe_sq(a, a);        /* AA */
		hb_fe_sq(b, b);        /* BB */
		hb_fe_add(x3, d, c);   /* DA + CB */
		hb_fe_sub(z3, d, c);   /* DA - CB */
		hb_fe_sq(x3, x3);      /* x3 = (DA + CB)^2 */
		hb_fe_sq(z3, z3);      /* (DA - CB)^2 */
		if (base)
			hb_fe_mul_small(z3, z3, 9); /* z3 = x1 * (DA - CB)^2 */
		else
			hb_fe_mul(z3, z3, x1);
		hb_fe_mul(x2, a, b);   /* x2 = AA * BB */
		hb_fe_sub(c, a, b);    /* E = AA - BB */
		hb_fe_mul_small(d, c, 121666);
		hb_fe_add(d, d, b);    /* BB + 121666 * E */
		hb_fe_mul(z2, c, d);   /* z2 = E * (BB + 121666 * E) */
	}
	hb_fe_cswap(x2, x3, swap);
	hb_fe_cswap(z2, z3, swap);

	hbox_wipe(x3, sizeof x3);
	hbox_wipe(z3, sizeof z3);
	hbox_wipe(a, sizeof a);
	hbox_wipe(b, sizeof b);
	hbox_wipe(c, sizeof c);
	hbox_wipe(d, sizeof d);
}

/* e = sk clamped (RFC 7748 section 5, decodeScalar25519). */
static void hb_x25519_clamp(uint8_t e[32], const uint8_t sk[32])
{
	memcpy(e, sk, 32);
	e[0] &= 248;
	e[31] &= 127;
	e[31] |= 64;
}

/*
 * The AVX2 ladder is used in x86-64 builds on CPUs with AVX2; not in the
 * HOPEBOX_FE32 test build, which stands for 32-bit targets and must run
 * the 32-bit field.
 */
#if HB_X86_SIMD && HB_FE25519_BITS == 64
#define HB_X25519_AVX2 1
#else
#define HB_X25519_AVX2 0
#endif

/* (x2 : z2) = e * (pk : 1), pk a u-coordinate (x1 = 9 when base is 1). */
static void hb_x25519_ladder_any(hb_fe x2, hb_fe z2, const uint8_t e[32], const uint8_t pk[32],
                                 int base)
{
	hb_fe x1;

#if HB_X25519_AVX2
	const unsigned cpu = hbox_cpu_features();

	if (cpu & HBOX_CPU_AVX512IFMA) {
		hb_x25519_ladder_ifma(x2, z2, e, pk);
		return;
	}
	if (cpu & HBOX_CPU_AVX2) {
		hb_x25519_ladder_avx2(x2, z2, e, pk);
		return;
	}
#endif
	hb_fe_frombytes(x1, pk);
	hb_x25519_ladder(x2, z2, x1, e, base);
	hbox_wipe(x1, sizeof x1);
}

/* out = encoding of the u-coordinate of clamp(sk) * (pk : 1). */
static void hb_x25519_run(uint8_t out[32], const uint8_t sk[32], const uint8_t pk[32], int base)
{
	uint8_t e[32];
	hb_fe x2, z2;

	hb_x25519_clamp(e, sk);
	hb_x25519_ladder_any(x2, z2, e, pk, base);
	hb_fe_invert(z2, z2);
	hb_fe_mul(x2, x2, z2);
	hb_fe_tobytes(out, x2);

	hbox_wipe(e, sizeof e);
	hbox_wipe(x2, sizeof x2);
	hbox_wipe(z2, sizeof z2);
}

int hbox_x25519(uint8_t shared[32], const uint8_t sk[32], const uint8_t pk[32])
{
	uint32_t acc = 0;
	int i;

	hb_x25519_run(shared, sk, pk, 0);

	/* All-zero check by OR-ing every byte: no branch on the secret bytes;
	 * only the verdict leaves (public: it depends on pk alone). */
	for (i = 0; i < 32; i++)
		acc |= shared[i];
	return (int)~hb_mask_nonzero32(acc);
}

void hbox_x25519_base(uint8_t pk[32], const uint8_t sk[32])
{
#if HB_X25519_SMALL
	static const uint8_t nine[32] = {9};

	hb_x25519_run(pk, sk, nine, 1);
#else
	uint8_t e[32];

	hb_x25519_clamp(e, sk);
	hb_x25519_base_comb(pk, e);
	hbox_wipe(e, sizeof e);
#endif
}

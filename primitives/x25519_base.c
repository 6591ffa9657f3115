/*
 * x25519_base.c - fixed-base X25519 on edwards25519 with a table of
 * multiples of the base point (hb_x25519.h), on the field of hb_fe25519.h.
 *
 * e * B is computed as sum d_i * 16^i * B over the 64 signed base-16
 * digits d_i in [-8, 8] of the clamped scalar e: the table holds
 * j * 256^k * B for j = 1..8, so the odd-indexed terms are summed first,
 * multiplied by 16 (four doublings), and the even-indexed terms added.
 * That is 64 additions of a table point, 4 doublings and one inversion,
 * against 255 ladder steps. The table is read whole for every digit and
 * the entry selected with masks, so no address depends on the scalar.
 */
#include "hb_fe25519.h"
#include "hb_x25519.h"

#if !HB_X25519_SMALL

/* Extended coordinates (Hisil, Wong, Carter, Dawson, "Twisted Edwards
 * Curves Revisited", 2008): x = X/Z, y = Y/Z, x*y = T/Z. All tight. */
struct hb_ge {
	hb_fe x, y, z, t;
};

/* An affine point as y + x, y - x and 2*d*x*y (the table's form). */
struct hb_ge_niels {
	hb_fe ypx, ymx, xy2d;
};

/*
 * p += q (HWCD08 section 3.1, a = -1, with Z2 = 1 since q is affine):
 * 7 multiplications, 6 when the sum's T is not needed (the next operation
 * is a doubling, which does not read T). tmp: scratch, wiped by the caller.
 */
static void hb_ge_madd(struct hb_ge *p, const struct hb_ge_niels *q, int want_t, hb_fe tmp[4])
{
	hb_fe_sub(tmp[0], p->y, p->x);
	hb_fe_add(tmp[1], p->y, p->x);
	hb_fe_mul(tmp[0], tmp[0], q->ymx); /* A = (Y1 - X1)(y2 - x2) */
	hb_fe_mul(tmp[1], tmp[1], q->ypx); /* B = (Y1 + X1)(y2 + x2) */
	hb_fe_mul(tmp[2], p->t, q->xy2d);  /* C = T1 * 2d * x2 * y2 */
	hb_fe_mul_small(tmp[3], p->z, 2);  /* D = 2 * Z1 */
	hb_fe_sub(p->x, tmp[1], tmp[0]);   /* E = B - A */
	hb_fe_add(p->y, tmp[1], tmp[0]);   /* H = B + A */
	hb_fe_sub(tmp[0], tmp[3], tmp[2]); /* F = D - C */
	hb_fe_add(tmp[1], tmp[3], tmp[2]); /* G = D + C */
	if (want_t)
		hb_fe_mul(p->t, p->x, p->y); /* T3 = E * H */
	hb_fe_mul(p->x, p->x, tmp[0]);     /* X3 = E * F */
	hb_fe_mul(p->y, p->y, tmp[1]);     /* Y3 = H * G */
	hb_fe_mul(p->z, tmp[0], tmp[1]);   /* Z3 = F * G */
}

/*
 * p = 2p (HWCD08 section 3.3, a = -1; reads X, Y, Z only):
 * E = 2XY = (X + Y)^2 - X^2 - Y^2, G = Y^2 - X^2, H = Y^2 + X^2,
 * F = 2Z^2 - G; the result (E*F : H*G : G*F : E*H) is the negation of
 * every coordinate of the paper's, the same projective point.
 */
static void hb_ge_dbl(struct hb_ge *p, int want_t, hb_fe tmp[4])
{
	hb_fe_sq(tmp[0], p->x);            /* X^2 */
	hb_fe_sq(tmp[1], p->y);            /* Y^2 */
	hb_fe_sq(tmp[2], p->z);
	hb_fe_mul_small(tmp[2], tmp[2], 2); /* 2Z^2 */
	hb_fe_add(tmp[3], p->x, p->y);
	hb_fe_sq(tmp[3], tmp[3]);          /* (X + Y)^2 */
	hb_fe_add(p->y, tmp[1], tmp[0]);
	hb_fe_carry(p->y, p->y);           /* H */
	hb_fe_sub(p->z, tmp[1], tmp[0]);
	hb_fe_carry(p->z, p->z);           /* G */
	hb_fe_sub(tmp[3], tmp[3], p->y);   /* E */
	hb_fe_sub(tmp[2], tmp[2], p->z);   /* F */
	if (want_t)
		hb_fe_mul(p->t, tmp[3], p->y);
	hb_fe_mul(p->x, tmp[3], tmp[2]);
	hb_fe_mul(p->y, p->y, p->z);
	hb_fe_mul(p->z, p->z, tmp[2]);
}

/*
 * q = digit * 256^k * B from row tab = hb_x25519_base_table[k]. digit is a
 * two's complement byte in [-8, 8]: every entry is read and masked in,
 * digit 0 gives the identity (1, 1, 0), and a negative digit negates
 * (-x, y) by swapping y + x with y - x and negating 2dxy. tmp: scratch
 * (wiped by the caller).
 */
static void hb_ge_select(struct hb_ge_niels *q, const uint64_t tab[8][12], uint8_t digit,
                         hb_fe tmp[4])
{
	uint64_t w[12], m;
	uint8_t s[96];
	const uint32_t neg = (uint32_t)digit >> 7;
	const uint32_t mag = (((uint32_t)digit ^ (0u - neg)) + neg) & 0xffu;
	int j, k;

	for (k = 0; k < 12; k++)
		w[k] = 0;
	for (j = 0; j < 8; j++) {
		m = hb_mask_bit64(~hb_mask_nonzero32(mag ^ (uint32_t)(j + 1)) & 1u);
		for (k = 0; k < 12; k++)
			w[k] |= tab[j][k] & m;
	}
	m = ~hb_mask_nonzero32(mag) & 1u;
	w[0] |= m;
	w[4] |= m;

	for (k = 0; k < 12; k++)
		hb_store64_le(s + 8 * k, w[k]);
	hb_fe_frombytes(q->ypx, s);
	hb_fe_frombytes(q->ymx, s + 32);
	hb_fe_frombytes(q->xy2d, s + 64);
	hb_fe_cswap(q->ypx, q->ymx, neg);
	hb_fe_0(tmp[0]);
	hb_fe_sub(tmp[0], tmp[0], q->xy2d); /* loose: only multiplied */
	hb_fe_cswap(q->xy2d, tmp[0], neg);

	hbox_wipe(w, sizeof w);
	hbox_wipe(s, sizeof s);
}

/*
 * The 64 signed base-16 digits of e, as two's complement bytes: digit i
 * in [-8, 7] for i < 63, and the last in [0, 8] since e < 2^255. Unsigned
 * arithmetic throughout (no implementation-defined signed conversion).
 */
static void hb_x25519_recode(uint8_t d[64], const uint8_t e[32])
{
	uint32_t carry = 0, v;
	int i;

	for (i = 0; i < 63; i++) {
		v = (uint32_t)(e[i >> 1] >> (4 * (i & 1))) & 15u;
		v += carry;                   /* 0..16 */
		carry = (v + 8) >> 4;         /* 1 when v >= 8 */
		d[i] = (uint8_t)((v - (carry << 4)) & 0xffu);
	}
	d[63] = (uint8_t)((uint32_t)(e[31] >> 4) + carry);
}

/*
 * The vector additions (x25519_ifma.c, x25519_avx2.c) in x86-64 builds on
 * CPUs with AVX-512 IFMA or AVX2; not in the HOPEBOX_FE32 test build (it
 * stands for 32-bit targets, and the vector code takes the 64-bit field's
 * limbs).
 */
#if HB_X86_SIMD && HB_FE25519_BITS == 64
#define HB_X25519_BASE_IFMA 1
#else
#define HB_X25519_BASE_IFMA 0
#endif

/* p += sum of d[i] * 256^(i/2) * B over the odd i (odd = 1) or even i. */
static void hb_ge_adds(struct hb_ge *p, const uint8_t d[64], int odd, struct hb_ge_niels *q,
                       hb_fe tmp[4])
{
	int i;

#if HB_X25519_BASE_IFMA
	const unsigned cpu = hbox_cpu_features();

	if (cpu & (HBOX_CPU_AVX512IFMA | HBOX_CPU_AVX2)) {
		uint64_t v[4][5];

		memcpy(v[0], p->x, sizeof v[0]);
		memcpy(v[1], p->y, sizeof v[1]);
		memcpy(v[2], p->z, sizeof v[2]);
		memcpy(v[3], p->t, sizeof v[3]);
		if (cpu & HBOX_CPU_AVX512IFMA)
			hb_x25519_base_adds_ifma(v, d, odd);
		else
			hb_x25519_base_adds_avx2(v, d, odd);
		memcpy(p->x, v[0], sizeof v[0]);
		memcpy(p->y, v[1], sizeof v[1]);
		memcpy(p->z, v[2], sizeof v[2]);
		memcpy(p->t, v[3], sizeof v[3]);
		hbox_wipe(v, sizeof v);
		return;
	}
#endif
	for (i = odd; i < 64; i += 2) {
		hb_ge_select(q, hb_x25519_base_table[i >> 1], d[i], tmp);
		/* the last odd addition is followed by a doubling: no T */
		hb_ge_madd(p, q, i < 63, tmp);
	}
}

void hb_x25519_base_comb(uint8_t pk[32], const uint8_t e[32])
{
	uint8_t d[64];
	struct hb_ge p;
	struct hb_ge_niels q;
	hb_fe tmp[4];

	hb_x25519_recode(d, e);
	hb_fe_0(p.x);
	hb_fe_1(p.y);
	hb_fe_1(p.z);
	hb_fe_0(p.t);
	hb_ge_adds(&p, d, 1, &q, tmp);
	hb_ge_dbl(&p, 0, tmp);
	hb_ge_dbl(&p, 0, tmp);
	hb_ge_dbl(&p, 0, tmp);
	hb_ge_dbl(&p, 1, tmp);
	hb_ge_adds(&p, d, 0, &q, tmp);

	/* u = (1 + y) / (1 - y) = (Z + Y) / (Z - Y) (RFC 7748 section 4.1).
	 * Z - Y is never 0: e * B is not the identity for a clamped e. */
	hb_fe_add(p.x, p.z, p.y);
	hb_fe_sub(p.t, p.z, p.y);
	hb_fe_carry(p.t, p.t);
	hb_fe_invert(p.t, p.t);
	hb_fe_mul(p.x, p.x, p.t);
	hb_fe_tobytes(pk, p.x);

	hbox_wipe(d, sizeof d);
	hbox_wipe(&p, sizeof p);
	hbox_wipe(&q, sizeof q);
	hbox_wipe(tmp, sizeof tmp);
}

#endif

/*
 * fe25519.c - the out-of-line parts of GF(2^255 - 19) arithmetic (the
 * per-representation operations are static inline in hb_fe25519_64.h and
 * hb_fe25519_32.h, selected by hb_fe25519.h): the inversion, by
 * Bernstein-Yang divsteps with the 64-bit field, by Fermat's little
 * theorem with the 32-bit one (64-bit products are costly there).
 */
#include "hb_fe25519.h"

#if HB_FE25519_BITS == 64

/*
 * h = 1/z mod p (0 when z = 0) in constant time, by the "safegcd" of
 * Bernstein and Yang ("Fast constant-time gcd computation and modular
 * inversion", 2019), in the variant with delta starting at 1/2, for which
 * 590 divsteps bring any g < 2^256 to 0 (Wuille's bound, libsecp256k1
 * doc/safegcd_implementation.md); we run 10 batches of 60 = 600.
 *
 * A divstep maps (delta, f, g), f odd, to
 *   (1 - delta, g, (g - f) / 2)   when delta > 0 and g is odd,
 *   (1 + delta, f, (g + f) / 2)   when g is odd otherwise,
 *   (1 + delta, f, g / 2)         when g is even,
 * so (f, g) -> M (f, g) / 2 for a 2x2 integer matrix M, and gcd(f, g) is
 * preserved up to sign. From f = p, g = x the steps end at g = 0,
 * f = +-1 for x != 0. Alongside, d and e with d x = f and e x = g (mod p)
 * follow the same matrices (d = 0, e = 1 at the start), so in the end
 * 1/x = +-d; for x = 0, f stays p and d stays 0.
 *
 * A batch makes 60 divsteps on the low 64 bits of f and g only (the
 * choices depend on the low bit of g and on delta; after k steps the low
 * 64 - k bits are still exact), in two halves of 30 whose matrices T1, T2
 * (entries |t| <= 2^30: each step at most doubles a row's sum of absolute
 * values) are multiplied, then applies (f, g) <- T (f, g) / 2^60 exactly
 * and (d, e) <- T (d, e) / 2^60 mod p.
 *
 * Numbers are 5 signed limbs of 60 bits: limbs 0-3 in [0, 2^60), limb 4
 * signed. The products use signed __int128, and right shifts of negative
 * values are arithmetic (GCC and Clang define them so; checked below).
 */
__extension__ typedef __int128 hb_s128;
HB_STATIC_ASSERT((-2 >> 1) == -1, arithmetic_shift);
HB_STATIC_ASSERT(((hb_s128)-2 >> 1) == -1, arithmetic_shift_128);

#define HB_M60 ((((uint64_t)1) << 60) - 1)
/* p in 60-bit limbs, and -1/p mod 2^60 */
static const int64_t hb_p60[5] = {0xfffffffffffffed, 0xfffffffffffffff, 0xfffffffffffffff,
                                  0xfffffffffffffff, 0x7fff};
#define HB_NEG_PINV60 ((uint64_t)0x6bca1af286bca1b)

/*
 * 30 divsteps on the low bits *f, *g (f odd), updated in place, from
 * e = -2 delta; returns the new e and t = (u, v, q, r) with
 * 2^30 (f', g') = (u f + v g, q f + r g).
 * Branch-free, with the masks c1 (delta > 0, i.e. e < 0), c2 (g odd) and
 * s = c1 & c2 (swap): g, q, r gain -f, -u, -v (c1) or f, u, v when g is
 * odd; on a swap f, u, v become the old g, q, r; then g is halved (shown
 * by doubling u and v instead) and delta becomes 1 - delta (swap) or
 * 1 + delta. The matrix rows are packed in one word each, u + 2^32 v and
 * q + 2^32 r (every operation here is linear, and |u|, |v| <= 2^30 keeps
 * the halves apart). Values are in two's complement uint64.
 */
static uint64_t hb_divsteps30(uint64_t e, uint64_t *fp, uint64_t *gp, int64_t t[4])
{
	uint64_t f = *fp, g = *gp, uv = 1, qr = (uint64_t)1 << 32, c1, c2, s, x, y;
	int i;

	for (i = 0; i < 30; i++) {
		c1 = (uint64_t)((int64_t)e >> 63);
		c2 = 0 - (g & 1);
		HB_BARRIER64(c1);
		HB_BARRIER64(c2);
		s = c1 & c2;
		x = (f ^ g) & s;
		y = (uv ^ qr) & s;
		g += ((f ^ c1) - c1) & c2;
		qr += ((uv ^ c1) - c1) & c2;
		f ^= x;
		uv ^= y;
		e = (e ^ s) - (s + 2);
		g >>= 1;
		uv <<= 1;
	}
	*fp = f;
	*gp = g;
	t[0] = (int64_t)(int32_t)(uint32_t)uv;
	t[1] = ((int64_t)uv - t[0]) >> 32;
	t[2] = (int64_t)(int32_t)(uint32_t)qr;
	t[3] = ((int64_t)qr - t[2]) >> 32;
	return e;
}

/* t = b * a for 2x2 matrices (u, v, q, r); entries stay within 2^60. */
static void hb_matmul(int64_t t[4], const int64_t a[4], const int64_t b[4])
{
	t[0] = b[0] * a[0] + b[1] * a[2];
	t[1] = b[0] * a[1] + b[1] * a[3];
	t[2] = b[2] * a[0] + b[3] * a[2];
	t[3] = b[2] * a[1] + b[3] * a[3];
}

/* (f, g) <- (a f + b g, c f + w g) / 2^60, exact (t = a, b, c, w). */
static void hb_update_fg(int64_t f[5], int64_t g[5], const int64_t t[4])
{
	hb_s128 cf, cg;
	int i;

	cf = (hb_s128)t[0] * f[0] + (hb_s128)t[1] * g[0];
	cg = (hb_s128)t[2] * f[0] + (hb_s128)t[3] * g[0];
	cf >>= 60; /* the low 60 bits are zero */
	cg >>= 60;
	for (i = 1; i < 5; i++) {
		cf += (hb_s128)t[0] * f[i] + (hb_s128)t[1] * g[i];
		cg += (hb_s128)t[2] * f[i] + (hb_s128)t[3] * g[i];
		f[i - 1] = (int64_t)((uint64_t)cf & HB_M60);
		g[i - 1] = (int64_t)((uint64_t)cg & HB_M60);
		cf >>= 60;
		cg >>= 60;
	}
	f[4] = (int64_t)cf;
	g[4] = (int64_t)cg;
}

/*
 * (d, e) <- T (d, e) / 2^60 mod p. A multiple of p makes each sum
 * divisible by 2^60: md = -(a d + b e) / p mod 2^60 in [0, 2^60). With
 * |a| + |b| <= 2^60, |d|, |e| <= B gives |d'|, |e'| <= B + p: d and e are
 * not reduced on the way (from 0 and 1, ten batches leave them below 11p
 * in absolute value, 2^259).
 */
static void hb_update_de(int64_t d[5], int64_t e[5], const int64_t t[4])
{
	const int64_t md = (int64_t)((((uint64_t)t[0] * (uint64_t)d[0] +
	                               (uint64_t)t[1] * (uint64_t)e[0]) * HB_NEG_PINV60) & HB_M60);
	const int64_t me = (int64_t)((((uint64_t)t[2] * (uint64_t)d[0] +
	                               (uint64_t)t[3] * (uint64_t)e[0]) * HB_NEG_PINV60) & HB_M60);
	hb_s128 cd, ce;
	int i;

	cd = (hb_s128)t[0] * d[0] + (hb_s128)t[1] * e[0] + (hb_s128)md * hb_p60[0];
	ce = (hb_s128)t[2] * d[0] + (hb_s128)t[3] * e[0] + (hb_s128)me * hb_p60[0];
	cd >>= 60; /* the low 60 bits are zero */
	ce >>= 60;
	for (i = 1; i < 5; i++) {
		cd += (hb_s128)t[0] * d[i] + (hb_s128)t[1] * e[i] + (hb_s128)md * hb_p60[i];
		ce += (hb_s128)t[2] * d[i] + (hb_s128)t[3] * e[i] + (hb_s128)me * hb_p60[i];
		d[i - 1] = (int64_t)((uint64_t)cd & HB_M60);
		e[i - 1] = (int64_t)((uint64_t)ce & HB_M60);
		cd >>= 60;
		ce >>= 60;
	}
	d[4] = (int64_t)cd;
	e[4] = (int64_t)ce;
}

void hb_fe_invert(hb_fe h, const hb_fe z)
{
	uint8_t s[32];
	uint64_t w[4], fl, gl, dl = (uint64_t)0 - 1, neg;
	int64_t f[5], g[5], d[5] = {0}, e[5] = {1}, n[5], t1[4], t2[4], t[4];
	hb_s128 cn;
	int i;

	/* g = z canonical, f = p */
	hb_fe_tobytes(s, z);
	for (i = 0; i < 4; i++)
		w[i] = hb_load64_le(s + 8 * i);
	g[0] = (int64_t)(w[0] & HB_M60);
	g[1] = (int64_t)(((w[0] >> 60) | (w[1] << 4)) & HB_M60);
	g[2] = (int64_t)(((w[1] >> 56) | (w[2] << 8)) & HB_M60);
	g[3] = (int64_t)(((w[2] >> 52) | (w[3] << 12)) & HB_M60);
	g[4] = (int64_t)(w[3] >> 48);
	memcpy(f, hb_p60, sizeof f);

	/* e = -2 delta = -1 at the start */
	for (i = 0; i < 10; i++) {
		fl = (uint64_t)f[0] | ((uint64_t)f[1] << 60);
		gl = (uint64_t)g[0] | ((uint64_t)g[1] << 60);
		dl = hb_divsteps30(dl, &fl, &gl, t1);
		dl = hb_divsteps30(dl, &fl, &gl, t2);
		hb_matmul(t, t1, t2);
		hb_update_fg(f, g, t);
		hb_update_de(d, e, t);
	}

	/*
	 * f = +-1 (f = p when z = 0, and then d = 0): 1/z = +-d. n = 11p +- d
	 * lies in (0, 22p), below 2^260 (so no carry leaves limb 4); in radix
	 * 2^51 its bits from 255 up (< 2^5) fold into limb 0 times 19.
	 */
	neg = 0 - ((uint64_t)f[4] >> 63);
	HB_BARRIER64(neg);
	cn = 0;
	for (i = 0; i < 5; i++) {
		cn += (hb_s128)11 * hb_p60[i] + (int64_t)(((uint64_t)d[i] ^ neg) - neg);
		n[i] = (int64_t)((uint64_t)cn & HB_M60);
		cn >>= 60;
	}
	h[0] = (uint64_t)n[0] & HB_FE_M51;
	h[1] = (((uint64_t)n[0] >> 51) | ((uint64_t)n[1] << 9)) & HB_FE_M51;
	h[2] = (((uint64_t)n[1] >> 42) | ((uint64_t)n[2] << 18)) & HB_FE_M51;
	h[3] = (((uint64_t)n[2] >> 33) | ((uint64_t)n[3] << 27)) & HB_FE_M51;
	h[4] = ((uint64_t)n[3] >> 24) | ((uint64_t)n[4] << 36);
	h[0] += 19 * (h[4] >> 51);
	h[4] &= HB_FE_M51;

	hbox_wipe(s, sizeof s);
	hbox_wipe(w, sizeof w);
	hbox_wipe(f, sizeof f);
	hbox_wipe(g, sizeof g);
	hbox_wipe(d, sizeof d);
	hbox_wipe(e, sizeof e);
	hbox_wipe(n, sizeof n);
	hbox_wipe(t1, sizeof t1);
	hbox_wipe(t2, sizeof t2);
	hbox_wipe(t, sizeof t);
}

#else

/* h = f^(2^n), n >= 1. */
static void hb_fe_sq_n(hb_fe h, const hb_fe f, int n)
{
	hb_fe_sq(h, f);
	while (--n > 0)
		hb_fe_sq(h, h);
}

/*
 * h = z^(p - 2) with p - 2 = 2^255 - 21 (Fermat inversion, RFC 7748
 * section 5: "x_2 * (z_2^(p - 2))"), by a fixed chain of 254 squarings and
 * 11 multiplications. The comments give the exponent of z each value holds;
 * four temporaries keep the stack small (X25519 must fit in 1 KB on
 * Cortex-M).
 */
void hb_fe_invert(hb_fe h, const hb_fe z)
{
	hb_fe a, b, t, z11;

	hb_fe_sq(a, z);          /* a = 2 */
	hb_fe_sq_n(t, a, 2);     /* 8 */
	hb_fe_mul(b, t, z);      /* b = 9 */
	hb_fe_mul(z11, b, a);    /* 11 */
	hb_fe_sq(t, z11);        /* 22 */
	hb_fe_mul(a, t, b);      /* a = 31 = 2^5 - 1 */
	hb_fe_sq_n(t, a, 5);     /* 2^10 - 2^5 */
	hb_fe_mul(b, t, a);      /* b = 2^10 - 1 */
	hb_fe_sq_n(t, b, 10);    /* 2^20 - 2^10 */
	hb_fe_mul(a, t, b);      /* a = 2^20 - 1 */
	hb_fe_sq_n(t, a, 20);    /* 2^40 - 2^20 */
	hb_fe_mul(t, t, a);      /* 2^40 - 1 */
	hb_fe_sq_n(t, t, 10);    /* 2^50 - 2^10 */
	hb_fe_mul(a, t, b);      /* a = 2^50 - 1 */
	hb_fe_sq_n(t, a, 50);    /* 2^100 - 2^50 */
	hb_fe_mul(b, t, a);      /* b = 2^100 - 1 */
	hb_fe_sq_n(t, b, 100);   /* 2^200 - 2^100 */
	hb_fe_mul(t, t, b);      /* 2^200 - 1 */
	hb_fe_sq_n(t, t, 50);    /* 2^250 - 2^50 */
	hb_fe_mul(t, t, a);      /* 2^250 - 1 */
	hb_fe_sq_n(t, t, 5);     /* 2^255 - 2^5 */
	hb_fe_mul(h, t, z11);    /* 2^255 - 32 + 11 = 2^255 - 21 */

	hbox_wipe(a, sizeof a);
	hbox_wipe(b, sizeof b);
	hbox_wipe(t, sizeof t);
	hbox_wipe(z11, sizeof z11);
}

#endif

int hb_fe25519_bits(void)
{
	return HB_FE25519_BITS;
}

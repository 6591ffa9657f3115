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
 * inversion", 2019), in the variant with delta starting at 1/2 (here
 * D = 2 delta, from 1), for which 590 divsteps bring any g < 2^256 to 0
 * (Wuille's bound, libsecp256k1 doc/safegcd_implementation.md); we run
 * 10 batches of 62 = 620.
 *
 * A divstep maps (delta, f, g), f odd, to
 *   (1 - delta, g, (g - f) / 2)   when delta > 0 and g is odd,
 *   (1 + delta, f, (g + f) / 2)   when g is odd otherwise,
 *   (1 + delta, f, g / 2)         when g is even,
 * so (f, g) -> M (f, g) / 2 for a 2x2 integer matrix M, and gcd(f, g) is
 * preserved up to sign. From f = p, g = x the steps end at g = 0,
 * f = +-1 for x != 0. Alongside, d and e with d x = f and e x = g (mod p)
 * follow the same matrices (d = 0, e = 1 at the start), so in the end
 * 1/x = +-d.
 *
 * A batch makes 62 divsteps on the low 64 bits of f and g only (the
 * choices depend on the low bit of g and on delta; after k steps the low
 * 64 - k bits are still exact), collecting the product T of the matrices
 * (entries |T_ij| <= 2^62: each step doubles a row at most), then applies
 * (f, g) <- T (f, g) / 2^62 exactly and (d, e) <- T (d, e) / 2^62 mod p.
 *
 * Numbers are 5 signed limbs of 62 bits: limbs 0-3 in [0, 2^62), limb 4
 * signed. The products use signed __int128, and right shifts of negative
 * values are arithmetic (GCC and Clang define them so; checked below).
 */
__extension__ typedef __int128 hb_s128;
HB_STATIC_ASSERT((-2 >> 1) == -1, arithmetic_shift);
HB_STATIC_ASSERT(((hb_s128)-2 >> 1) == -1, arithmetic_shift_128);

#define HB_M62 ((((uint64_t)1) << 62) - 1)
/* p in 62-bit limbs, and -1/p mod 2^62 */
static const int64_t hb_p62[5] = {0x3fffffffffffffed, 0x3fffffffffffffff, 0x3fffffffffffffff,
                                  0x3fffffffffffffff, 0x7f};
#define HB_NEG_PINV62 ((uint64_t)0x06bca1af286bca1b)

/*
 * 62 divsteps on the low bits f, g (f odd) from D = 2 delta; returns the
 * new D and t = (u, v, q, r) with 2^62 (f', g') = (u f + v g, q f + r g).
 * Branch-free, with masks c1 (delta > 0) and c2 (g odd): g, q, r gain
 * -f, -u, -v (c1) or f, u, v when g is odd; then, on a swap (c1 and c2),
 * f, u, v gain the new g, q, r, which makes them the old g, q, r (the
 * swap without exchanging registers); then g is halved (shown by doubling
 * u and v instead) and D becomes 2 - D (swap) or 2 + D. Values are in
 * two's complement uint64.
 */
static uint64_t hb_divsteps62(uint64_t d, uint64_t f, uint64_t g, uint64_t t[4])
{
	uint64_t u = 1, v = 0, q = 0, r = 1, c1, c2;
	int i;

	for (i = 0; i < 62; i++) {
		c1 = 0 - ((0 - d) >> 63);
		c2 = 0 - (g & 1);
		HB_BARRIER64(c1);
		HB_BARRIER64(c2);
		g += ((f ^ c1) - c1) & c2;
		q += ((u ^ c1) - c1) & c2;
		r += ((v ^ c1) - c1) & c2;
		c1 &= c2;
		f += g & c1;
		u += q & c1;
		v += r & c1;
		d = (d ^ c1) - c1 + 2;
		g >>= 1;
		u <<= 1;
		v <<= 1;
	}
	t[0] = u;
	t[1] = v;
	t[2] = q;
	t[3] = r;
	return d;
}

/* (f, g) <- (a f + b g, c f + e g) / 2^62, exact (t = a, b, c, e). */
static void hb_update_fg(int64_t f[5], int64_t g[5], const uint64_t t[4])
{
	const int64_t a = (int64_t)t[0], b = (int64_t)t[1], c = (int64_t)t[2], e = (int64_t)t[3];
	hb_s128 cf, cg;
	int i;

	cf = (hb_s128)a * f[0] + (hb_s128)b * g[0];
	cg = (hb_s128)c * f[0] + (hb_s128)e * g[0];
	cf >>= 62; /* the low 62 bits are zero */
	cg >>= 62;
	for (i = 1; i < 5; i++) {
		cf += (hb_s128)a * f[i] + (hb_s128)b * g[i];
		cg += (hb_s128)c * f[i] + (hb_s128)e * g[i];
		f[i - 1] = (int64_t)((uint64_t)cf & HB_M62);
		g[i - 1] = (int64_t)((uint64_t)cg & HB_M62);
		cf >>= 62;
		cg >>= 62;
	}
	f[4] = (int64_t)cf;
	g[4] = (int64_t)cg;
}

/* a += p when mask is all ones (a in 62-bit limbs). */
static void hb_add_p62(int64_t a[5], uint64_t mask)
{
	int64_t c = 0;
	int i;

	for (i = 0; i < 4; i++) {
		c += a[i] + (int64_t)((uint64_t)hb_p62[i] & mask);
		a[i] = (int64_t)((uint64_t)c & HB_M62);
		c >>= 62;
	}
	a[4] += c + (int64_t)((uint64_t)hb_p62[4] & mask);
}

/* a in (-p, 2p) -> a mod p in [0, p). */
static void hb_reduce_p62(int64_t a[5])
{
	int64_t b[5], c = 0;
	uint64_t ge;
	int i;

	hb_add_p62(a, 0 - ((uint64_t)a[4] >> 63)); /* a < 0: a + p, now [0, 2p) */
	for (i = 0; i < 4; i++) {
		c += a[i] - hb_p62[i];
		b[i] = (int64_t)((uint64_t)c & HB_M62);
		c >>= 62;
	}
	b[4] = a[4] - hb_p62[4] + c;
	ge = ((uint64_t)b[4] >> 63) - 1; /* all ones when a - p >= 0 */
	HB_BARRIER64(ge);
	for (i = 0; i < 5; i++)
		a[i] ^= (int64_t)(ge & ((uint64_t)a[i] ^ (uint64_t)b[i]));
}

/*
 * (d, e) <- T (d, e) / 2^62 mod p, for d, e in [0, p). A multiple of p
 * makes each sum divisible by 2^62: md = -(a d + b e) / p mod 2^62. The
 * quotient lies in (-p, 2p) (|a| + |b| <= 2^62) and is reduced to [0, p).
 */
static void hb_update_de(int64_t d[5], int64_t e[5], const uint64_t t[4])
{
	const int64_t a = (int64_t)t[0], b = (int64_t)t[1], c = (int64_t)t[2], w = (int64_t)t[3];
	const int64_t md = (int64_t)(((t[0] * (uint64_t)d[0] + t[1] * (uint64_t)e[0]) *
	                              HB_NEG_PINV62) & HB_M62);
	const int64_t me = (int64_t)(((t[2] * (uint64_t)d[0] + t[3] * (uint64_t)e[0]) *
	                              HB_NEG_PINV62) & HB_M62);
	hb_s128 cd, ce;
	int i;

	cd = (hb_s128)a * d[0] + (hb_s128)b * e[0] + (hb_s128)md * hb_p62[0];
	ce = (hb_s128)c * d[0] + (hb_s128)w * e[0] + (hb_s128)me * hb_p62[0];
	cd >>= 62; /* the low 62 bits are zero */
	ce >>= 62;
	for (i = 1; i < 5; i++) {
		cd += (hb_s128)a * d[i] + (hb_s128)b * e[i] + (hb_s128)md * hb_p62[i];
		ce += (hb_s128)c * d[i] + (hb_s128)w * e[i] + (hb_s128)me * hb_p62[i];
		d[i - 1] = (int64_t)((uint64_t)cd & HB_M62);
		e[i - 1] = (int64_t)((uint64_t)ce & HB_M62);
		cd >>= 62;
		ce >>= 62;
	}
	d[4] = (int64_t)cd;
	e[4] = (int64_t)ce;
	hb_reduce_p62(d);
	hb_reduce_p62(e);
}

void hb_fe_invert(hb_fe h, const hb_fe z)
{
	uint8_t s[32];
	uint64_t w[4], t[4], dl = 1, neg;
	int64_t f[5], g[5], d[5] = {0}, e[5] = {1}, n[5], c;
	int i;

	/* g = z canonical, f = p */
	hb_fe_tobytes(s, z);
	for (i = 0; i < 4; i++)
		w[i] = hb_load64_le(s + 8 * i);
	g[0] = (int64_t)(w[0] & HB_M62);
	g[1] = (int64_t)(((w[0] >> 62) | (w[1] << 2)) & HB_M62);
	g[2] = (int64_t)(((w[1] >> 60) | (w[2] << 4)) & HB_M62);
	g[3] = (int64_t)(((w[2] >> 58) | (w[3] << 6)) & HB_M62);
	g[4] = (int64_t)(w[3] >> 56);
	memcpy(f, hb_p62, sizeof f);

	for (i = 0; i < 10; i++) {
		dl = hb_divsteps62(dl, (uint64_t)f[0] | ((uint64_t)f[1] << 62),
		                   (uint64_t)g[0] | ((uint64_t)g[1] << 62), t);
		hb_update_fg(f, g, t);
		hb_update_de(d, e, t);
	}

	/* f = +-1 (f = p when z = 0, and then d = 0): 1/z = d or p - d */
	c = 0;
	for (i = 0; i < 4; i++) {
		c += hb_p62[i] - d[i];
		n[i] = (int64_t)((uint64_t)c & HB_M62);
		c >>= 62;
	}
	n[4] = hb_p62[4] - d[4] + c;
	neg = 0 - ((uint64_t)f[4] >> 63);
	HB_BARRIER64(neg);
	for (i = 0; i < 5; i++)
		d[i] = (int64_t)((uint64_t)d[i] ^ (neg & ((uint64_t)d[i] ^ (uint64_t)n[i])));
	w[0] = (uint64_t)d[0] | ((uint64_t)d[1] << 62);
	w[1] = ((uint64_t)d[1] >> 2) | ((uint64_t)d[2] << 60);
	w[2] = ((uint64_t)d[2] >> 4) | ((uint64_t)d[3] << 58);
	w[3] = ((uint64_t)d[3] >> 6) | ((uint64_t)d[4] << 56);
	for (i = 0; i < 4; i++)
		hb_store64_le(s + 8 * i, w[i]);
	hb_fe_frombytes(h, s);

	hbox_wipe(s, sizeof s);
	hbox_wipe(w, sizeof w);
	hbox_wipe(t, sizeof t);
	hbox_wipe(f, sizeof f);
	hbox_wipe(g, sizeof g);
	hbox_wipe(d, sizeof d);
	hbox_wipe(e, sizeof e);
	hbox_wipe(n, sizeof n);
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

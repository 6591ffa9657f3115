/*
 * fe25519.c - the out-of-line parts of GF(2^255 - 19) arithmetic (the
 * per-representation operations are static inline in hb_fe25519_64.h and
 * hb_fe25519_32.h, selected by hb_fe25519.h).
 */
#include "hb_fe25519.h"

/* h = f^(2^n), n >= 1. */
static void hb_fe_sq_n(hb_fe h, const hb_fe f, int n)
{
	hb_fe_sq(h, f);
	while (--n > 0)
		hb_fe_sq(h, h);
}

/*
 * h = z^(p - 2) with p - 2 = 2^255 - 21 (Fermat inversion, RFC 7748
 * section 5: "x_2 * (z_2^(p - 2))"). The exponent is built by a fixed
 * chain of 254 squarings and 11 multiplications; the names below give the
 * exponent each value holds (z_a_b = z^(2^a - 2^b)).
 */
void hb_fe_invert(hb_fe h, const hb_fe z)
{
	hb_fe z2, z9, z11, z_5_0, z_10_0, z_20_0, z_50_0, z_100_0, t;

	hb_fe_sq(z2, z);              /* 2 */
	hb_fe_sq_n(t, z2, 2);         /* 8 */
	hb_fe_mul(z9, t, z);          /* 9 */
	hb_fe_mul(z11, z9, z2);       /* 11 */
	hb_fe_sq(t, z11);             /* 22 */
	hb_fe_mul(z_5_0, t, z9);      /* 31 = 2^5 - 1 */
	hb_fe_sq_n(t, z_5_0, 5);      /* 2^10 - 2^5 */
	hb_fe_mul(z_10_0, t, z_5_0);  /* 2^10 - 1 */
	hb_fe_sq_n(t, z_10_0, 10);    /* 2^20 - 2^10 */
	hb_fe_mul(z_20_0, t, z_10_0); /* 2^20 - 1 */
	hb_fe_sq_n(t, z_20_0, 20);    /* 2^40 - 2^20 */
	hb_fe_mul(t, t, z_20_0);      /* 2^40 - 1 */
	hb_fe_sq_n(t, t, 10);         /* 2^50 - 2^10 */
	hb_fe_mul(z_50_0, t, z_10_0); /* 2^50 - 1 */
	hb_fe_sq_n(t, z_50_0, 50);    /* 2^100 - 2^50 */
	hb_fe_mul(z_100_0, t, z_50_0); /* 2^100 - 1 */
	hb_fe_sq_n(t, z_100_0, 100);  /* 2^200 - 2^100 */
	hb_fe_mul(t, t, z_100_0);     /* 2^200 - 1 */
	hb_fe_sq_n(t, t, 50);         /* 2^250 - 2^50 */
	hb_fe_mul(t, t, z_50_0);      /* 2^250 - 1 */
	hb_fe_sq_n(t, t, 5);          /* 2^255 - 2^5 */
	hb_fe_mul(h, t, z11);         /* 2^255 - 32 + 11 = 2^255 - 21 */

	hbox_wipe(z2, sizeof z2);
	hbox_wipe(z9, sizeof z9);
	hbox_wipe(z11, sizeof z11);
	hbox_wipe(z_5_0, sizeof z_5_0);
	hbox_wipe(z_10_0, sizeof z_10_0);
	hbox_wipe(z_20_0, sizeof z_20_0);
	hbox_wipe(z_50_0, sizeof z_50_0);
	hbox_wipe(z_100_0, sizeof z_100_0);
	hbox_wipe(t, sizeof t);
}

int hb_fe25519_bits(void)
{
	return HB_FE25519_BITS;
}

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

int hb_fe25519_bits(void)
{
	return HB_FE25519_BITS;
}

/*
 * newhope_rec.c - NewHope reconciliation (paper section 5, "HelpRec" and
 * "Rec" over the lattice D~4 with r = 2 bits of hint per coefficient).
 *
 * The 1024 coefficients of v form 256 vectors x = (v[i], v[i+256], v[i+512],
 * v[i+768]). Everything is scaled by 8 so that it stays in integers: a
 * coordinate x_k = 8 v_k (+ 4 b) is compared with multiples of 2q, which
 * stand for the lattice Z^4 scaled by 2^r / q.
 *
 * helprec (with a uniformly random bit b per vector, the paper's "dither"):
 *   v0 = the nearest point of Z^4 (per coordinate round(x_k / 2q), halves up),
 *   v1 = floor(x_k / 2q) per coordinate, standing for the nearest point
 *        v1 + (1/2, 1/2, 1/2, 1/2) of the other coset of D~4,
 *   use v1 (coset bit 1) when |x - 2q v0|_1 >= 2q, else v0 (coset bit 0);
 *   the hint is the chosen point in the basis of D~4, mod 4:
 *   (vt_0 - vt_3, vt_1 - vt_3, vt_2 - vt_3, bit + 2 vt_3) mod 4.
 * rec: subtract the hinted point (16q - q (2 c_k + c_3) per coordinate; the
 *   16q keeps it positive), then the key bit is 1 when the l1 distance to
 *   8q Z^4 is below 8q.
 *
 * Only residues of v mod q matter: adding q to v_k moves x_k by 8q, which
 * shifts the rounded points by 4 and changes no hint bit mod 4 and no
 * distance. So v needs no full reduction (any value below 2^16 works).
 *
 * Constant time: no branch and no table index depends on v, the hints or
 * the random bits, and no mask is needed either. Divisions by q are
 * hb_nh_divq (multiply-and-shift). Distances to the nearest multiple use
 * the parity of the quotient: with t = floor(x / q) and r = x - t q, the
 * nearest multiple of 2q is t q (distance r) when t is even and (t + 1) q
 * (distance q - r) when t is odd, i.e. |x - 2q round(x / 2q)| =
 * r + (t & 1)(q - 2r); likewise for 8q with floor(x / 4q).
 */
#include "chacha20.h"
#include "hb_internal.h"
#include "hb_newhope.h"

void hb_nh_helprec(uint8_t hint[HB_NH_RECBYTES], const hb_nh_poly *v, const uint8_t seed[32],
                   uint8_t nonce)
{
	uint8_t rnd[32];
	uint8_t n[8] = {0};
	size_t i, k;

	n[7] = nonce;
	hbox_chacha20(rnd, NULL, sizeof rnd, seed, n, 0);
	memset(hint, 0, HB_NH_RECBYTES);

	for (i = 0; i < HB_NH_N / 4; i++) {
		uint32_t b = (uint32_t)(rnd[i >> 3] >> (i & 7)) & 1u;
		uint32_t v0[4], odd[4], sum = 0, far;

		for (k = 0; k < 4; k++) {
			/* x < 8 * 2^16 + 4 < 2^20 */
			uint32_t x = 8u * v->c[i + 256 * k] + 4u * b;
			uint32_t t = hb_nh_divq(x), r = x - t * HB_NH_Q;
			odd[k] = t & 1u;
			v0[k] = (t + 1) >> 1;                   /* round(x / 2q), halves up */
			sum += r + odd[k] * (HB_NH_Q - 2u * r); /* |x - 2q v0| <= q */
		}
		/* far = 1 when |x - 2q v0|_1 >= 2q: then use v1 = floor(x / 2q),
		 * which is v0 - 1 exactly when t is odd (else v1 = v0). */
		far = (2u * HB_NH_Q - 1u - sum) >> 31;
		for (k = 0; k < 4; k++)
			v0[k] -= far & odd[k];

		for (k = 0; k < 3; k++)
			hint[64 * k + (i >> 2)] |= (uint8_t)(((v0[k] - v0[3]) & 3u) << (2 * (i & 3)));
		hint[192 + (i >> 2)] |= (uint8_t)(((far + 2u * v0[3]) & 3u) << (2 * (i & 3)));
	}
	hbox_wipe(rnd, sizeof rnd);
}

/* Distance from y (< 2^20) to the nearest multiple of 8q (at most 4q). */
static uint32_t dist8q(uint32_t y)
{
	uint32_t u = hb_nh_divq(y) >> 2; /* floor(y / 4q) */
	uint32_t r = y - 4u * HB_NH_Q * u;
	return r + (u & 1u) * (4u * HB_NH_Q - 2u * r);
}

void hb_nh_rec(uint8_t key[32], const hb_nh_poly *v, const uint8_t hint[HB_NH_RECBYTES])
{
	size_t i, k;

	memset(key, 0, 32);
	for (i = 0; i < HB_NH_N / 4; i++) {
		unsigned sh = (unsigned)(2 * (i & 3));
		uint32_t c3 = (uint32_t)(hint[192 + (i >> 2)] >> sh) & 3u;
		uint32_t sum = 0;

		for (k = 0; k < 3; k++) {
			uint32_t ck = (uint32_t)(hint[64 * k + (i >> 2)] >> sh) & 3u;
			/* 8 v < 2^19, plus 16q, minus at most 9q: in [7q, 2^20) */
			sum += dist8q(8u * v->c[i + 256 * k] + 16u * HB_NH_Q - HB_NH_Q * (2u * ck + c3));
		}
		sum += dist8q(8u * v->c[i + 768] + 16u * HB_NH_Q - HB_NH_Q * c3);
		/* key bit 1 when sum < 8q (sum <= 16q, so the borrow is bit 31) */
		key[i >> 3] |= (uint8_t)(((sum - 8u * HB_NH_Q) >> 31) << (i & 7));
	}
}

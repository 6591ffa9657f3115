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
 * rec: subtract the hinted point (q (2 c_k + c_3) per coordinate, c_3 for the
 *   last), then the key bit is 1 when the l1 distance to 8q Z^4 is below 8q.
 *
 * Only residues of v mod q matter: adding q to v_k moves x_k by 8q, which
 * shifts the rounded points by 4 and changes no hint bit mod 4 and no
 * distance. So both functions first bring v_k into [0, q), after which every
 * scaled coordinate is below 8q and the quotients are found by comparisons:
 * no division, no multiplication by a secret except by a 0/1 flag.
 *
 * Constant time: no branch and no table index depends on v, the hints or
 * the random bits. Flags [x >= c] (hb_nh_geq) are used only in arithmetic.
 * The vectors are handled in chunks of
 * 64 with the 2-bit fields unpacked into bytes first, so that the main loops
 * are straight-line arithmetic over arrays (compilers vectorise them).
 */
#include "hb_internal.h"
#include "hb_newhope.h"

#define CHUNK 64 /* vectors per pass */

void hb_nh_helprec(uint8_t hint[HB_NH_RECBYTES], const hb_nh_poly *v, const uint8_t rnd[32])
{
#if HB_X86_SIMD
	if (HB_NH_AVX2()) {
		hb_nh_helprec_avx2(hint, v, rnd);
		return;
	}
#endif
	uint8_t b[CHUNK], c[4][CHUNK];
	size_t base, i, k;

	for (base = 0; base < HB_NH_N / 4; base += CHUNK) {
		/* bit i of the random string: bit i mod 8 of byte i / 8 */
		for (i = 0; i < CHUNK / 8; i++)
			for (k = 0; k < 8; k++)
				b[8 * i + k] = (uint8_t)(((unsigned)rnd[base / 8 + i] >> k) & 1u);

		for (i = 0; i < CHUNK; i++) {
			uint32_t v0[4], odd[4], sum = 0, far;
			for (k = 0; k < 4; k++) {
				/* x = 8 v + 4 b in [0, 8q); t = floor(x / q) bit by bit */
				uint32_t x = 8u * hb_nh_modq(v->c[base + i + 256 * k]) + 4u * b[i];
				uint32_t t2, t1, t0;
				t2 = hb_nh_geq(x, 4u * HB_NH_Q);
				x -= 4u * HB_NH_Q * t2;
				t1 = hb_nh_geq(x, 2u * HB_NH_Q);
				x -= 2u * HB_NH_Q * t1;
				t0 = hb_nh_geq(x, HB_NH_Q);
				x -= HB_NH_Q * t0; /* x mod q */
				odd[k] = t0;
				v0[k] = 2u * t2 + t1 + t0; /* round(x / 2q), halves up */
				/* |x - 2q v0| is x mod q for even t, q - (x mod q) for odd t */
				sum += x + t0 * (HB_NH_Q - 2u * x);
			}
			/* far: |x - 2q v0|_1 >= 2q, so use v1 = floor(x / 2q),
			 * which is v0 - 1 exactly when t is odd (else v1 = v0) */
			far = hb_nh_geq(sum, 2u * HB_NH_Q);
			for (k = 0; k < 4; k++)
				v0[k] -= far & odd[k];
			for (k = 0; k < 3; k++)
				c[k][i] = (uint8_t)((v0[k] - v0[3]) & 3u);
			c[3][i] = (uint8_t)((far + 2u * v0[3]) & 3u);
		}

		/* hint j is bits 2 (j mod 4) of byte j / 4; j = 256 k + base + i */
		for (k = 0; k < 4; k++)
			for (i = 0; i < CHUNK / 4; i++)
				hint[64 * k + base / 4 + i] =
				    (uint8_t)(c[k][4 * i] | c[k][4 * i + 1] << 2 | c[k][4 * i + 2] << 4 |
				              c[k][4 * i + 3] << 6);
	}
	hbox_wipe(b, sizeof b);
	hbox_wipe(c, sizeof c);
}

void hb_nh_rec(uint8_t key[32], const hb_nh_poly *v, const uint8_t hint[HB_NH_RECBYTES])
{
#if HB_X86_SIMD
	if (HB_NH_AVX2()) {
		hb_nh_rec_avx2(key, v, hint);
		return;
	}
#endif
	uint8_t c[4][CHUNK], bit[CHUNK];
	size_t base, i, k;

	for (base = 0; base < HB_NH_N / 4; base += CHUNK) {
		for (k = 0; k < 4; k++) {
			for (i = 0; i < CHUNK / 4; i++) {
				uint32_t h = hint[64 * k + base / 4 + i];
				c[k][4 * i] = (uint8_t)(h & 3u);
				c[k][4 * i + 1] = (uint8_t)((h >> 2) & 3u);
				c[k][4 * i + 2] = (uint8_t)((h >> 4) & 3u);
				c[k][4 * i + 3] = (uint8_t)(h >> 6);
			}
		}

		for (i = 0; i < CHUNK; i++) {
			uint32_t sum = 0;
			for (k = 0; k < 4; k++) {
				/* y = 8 v - q h mod 8q with h = 2 c_k + c_3 (c_3 for k = 3),
				 * first as 8 v + q ((-h) mod 8) < 15q, then in [0, 8q) */
				uint32_t h = k < 3 ? 2u * c[k][i] + c[3][i] : c[3][i];
				uint32_t y = 8u * hb_nh_modq(v->c[base + i + 256 * k]) + HB_NH_Q * ((8u - h) & 7u);
				y -= 8u * HB_NH_Q * hb_nh_geq(y, 8u * HB_NH_Q);
				/* distance to the nearer of 0 and 8q */
				sum += y + hb_nh_geq(y, 4u * HB_NH_Q) * (8u * HB_NH_Q - 2u * y);
			}
			bit[i] = (uint8_t)(1u - hb_nh_geq(sum, 8u * HB_NH_Q));
		}

		/* key bit j is bit j mod 8 of byte j / 8; j = base + i */
		for (i = 0; i < CHUNK / 8; i++)
			key[base / 8 + i] = (uint8_t)(bit[8 * i] | bit[8 * i + 1] << 1 | bit[8 * i + 2] << 2 |
			                              bit[8 * i + 3] << 3 | bit[8 * i + 4] << 4 |
			                              bit[8 * i + 5] << 5 | bit[8 * i + 6] << 6 |
			                              bit[8 * i + 7] << 7);
	}
	hbox_wipe(c, sizeof c);
	hbox_wipe(bit, sizeof bit);
}

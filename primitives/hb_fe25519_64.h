/*
 * hb_fe25519_64.h - GF(2^255 - 19) with 5 limbs of 51 bits (64-bit targets).
 * Included only through hb_fe25519.h.
 *
 * h = h0 + h1*2^51 + h2*2^102 + h3*2^153 + h4*2^204, limbs in uint64_t.
 * Since 2^255 = 19 (mod p), a product term landing at 2^(255 + 51k) is folded
 * into limb k with a factor 19.
 *
 * Bounds (B = 2^51):
 *   tight: every limb < B + 2^17        (mul/sq/mul_small out; frombytes < B)
 *   loose: every limb < 2^53            (add: < 2^52 + 2^18;
 *                                        sub: < B + 2^17 + 2p_i < 2^53)
 * mul/sq with loose inputs: each 64x64 product < 2^106 and the operand
 * multiplied by 19 (or 38) stays below 2^59, so a column sums to at most
 * 77 * 2^106 < 2^113 in unsigned __int128, and each carry is < 2^62.
 */
#ifndef HB_FE25519_64_H
#define HB_FE25519_64_H

__extension__ typedef unsigned __int128 hb_u128;

typedef uint64_t hb_fe[5];

#define HB_FE_M51 ((uint64_t)0x7ffffffffffff)

static inline void hb_fe_0(hb_fe h)
{
	h[0] = h[1] = h[2] = h[3] = h[4] = 0;
}

static inline void hb_fe_1(hb_fe h)
{
	h[0] = 1;
	h[1] = h[2] = h[3] = h[4] = 0;
}

static inline void hb_fe_copy(hb_fe h, const hb_fe f)
{
	h[0] = f[0];
	h[1] = f[1];
	h[2] = f[2];
	h[3] = f[3];
	h[4] = f[4];
}

static inline void hb_fe_frombytes(hb_fe h, const uint8_t s[32])
{
	/* Limb k starts at bit 51k; the last load reads bytes 24..31 and the
	 * mask drops bit 255. */
	h[0] = hb_load64_le(s) & HB_FE_M51;
	h[1] = (hb_load64_le(s + 6) >> 3) & HB_FE_M51;
	h[2] = (hb_load64_le(s + 12) >> 6) & HB_FE_M51;
	h[3] = (hb_load64_le(s + 19) >> 1) & HB_FE_M51;
	h[4] = (hb_load64_le(s + 24) >> 12) & HB_FE_M51;
}

/* h = the value of four little-endian 64-bit words, bit 255 ignored (as
 * frombytes of their bytes). */
static inline void hb_fe_from_words(hb_fe h, const uint64_t w[4])
{
	h[0] = w[0] & HB_FE_M51;
	h[1] = ((w[0] >> 51) | (w[1] << 13)) & HB_FE_M51;
	h[2] = ((w[1] >> 38) | (w[2] << 26)) & HB_FE_M51;
	h[3] = ((w[2] >> 25) | (w[3] << 39)) & HB_FE_M51;
	h[4] = (w[3] >> 12) & HB_FE_M51;
}

/* h = f + g, limb by limb (tight + tight < 2^52 + 2^18: loose). */
static inline void hb_fe_add(hb_fe h, const hb_fe f, const hb_fe g)
{
	h[0] = f[0] + g[0];
	h[1] = f[1] + g[1];
	h[2] = f[2] + g[2];
	h[3] = f[3] + g[3];
	h[4] = f[4] + g[4];
}

/*
 * h = f - g + 2p, limb by limb. 2p = (2^52 - 38, 2^52 - 2, ..., 2^52 - 2)
 * exceeds every tight limb of g, so nothing goes negative; h is loose.
 */
static inline void hb_fe_sub(hb_fe h, const hb_fe f, const hb_fe g)
{
	h[0] = (f[0] + (uint64_t)0xfffffffffffda) - g[0];
	h[1] = (f[1] + (uint64_t)0xffffffffffffe) - g[1];
	h[2] = (f[2] + (uint64_t)0xffffffffffffe) - g[2];
	h[3] = (f[3] + (uint64_t)0xffffffffffffe) - g[3];
	h[4] = (f[4] + (uint64_t)0xffffffffffffe) - g[4];
}

/*
 * Carry five columns r_k into a tight result, in two passes in which every
 * limb is independent of the others (no carry chain, so short latency):
 *   1. h_k = (r_k mod 2^51) + (r_{k-1} >> 51), with r_4 >> 51 entering
 *      limb 0 times 19. Column 4 has no folded term (< 5 * 2^106), so
 *      r_4 >> 51 < 2^58 and 19 times it < 2^62; the other carries are
 *      < 2^62 (column 0, the largest, is < 77 * 2^106 < 2^113). So every
 *      h_k < 2^63, in 64-bit arithmetic from here on.
 *   2. the same step once more on the h_k: each carry is now < 2^12, so
 *      limbs 1..4 end < 2^51 + 2^12 and limb 0 < 2^51 + 19 * 2^12.
 * Result: every limb < 2^51 + 2^17 (tight).
 */
static inline void hb_fe_carry_wide(hb_fe h, hb_u128 r0, hb_u128 r1, hb_u128 r2, hb_u128 r3,
                                    hb_u128 r4)
{
	uint64_t h0, h1, h2, h3, h4;

	h0 = ((uint64_t)r0 & HB_FE_M51) + 19 * (uint64_t)(r4 >> 51);
	h1 = ((uint64_t)r1 & HB_FE_M51) + (uint64_t)(r0 >> 51);
	h2 = ((uint64_t)r2 & HB_FE_M51) + (uint64_t)(r1 >> 51);
	h3 = ((uint64_t)r3 & HB_FE_M51) + (uint64_t)(r2 >> 51);
	h4 = ((uint64_t)r4 & HB_FE_M51) + (uint64_t)(r3 >> 51);

	h[0] = (h0 & HB_FE_M51) + 19 * (h4 >> 51);
	h[1] = (h1 & HB_FE_M51) + (h0 >> 51);
	h[2] = (h2 & HB_FE_M51) + (h1 >> 51);
	h[3] = (h3 & HB_FE_M51) + (h2 >> 51);
	h[4] = (h4 & HB_FE_M51) + (h3 >> 51);
}

#define HB_MUL64(a, b) ((hb_u128)(a) * (b))

/* h = f * g (loose inputs, tight output). */
static inline void hb_fe_mul(hb_fe h, const hb_fe f, const hb_fe g)
{
	const uint64_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
	const uint64_t g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4];
	/* 19 * g_j < 19 * 2^53 < 2^58 */
	const uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
	hb_u128 r0, r1, r2, r3, r4;

	r0 = HB_MUL64(f0, g0) + HB_MUL64(f1, g4_19) + HB_MUL64(f2, g3_19) + HB_MUL64(f3, g2_19) +
	     HB_MUL64(f4, g1_19);
	r1 = HB_MUL64(f0, g1) + HB_MUL64(f1, g0) + HB_MUL64(f2, g4_19) + HB_MUL64(f3, g3_19) +
	     HB_MUL64(f4, g2_19);
	r2 = HB_MUL64(f0, g2) + HB_MUL64(f1, g1) + HB_MUL64(f2, g0) + HB_MUL64(f3, g4_19) +
	     HB_MUL64(f4, g3_19);
	r3 = HB_MUL64(f0, g3) + HB_MUL64(f1, g2) + HB_MUL64(f2, g1) + HB_MUL64(f3, g0) +
	     HB_MUL64(f4, g4_19);
	r4 = HB_MUL64(f0, g4) + HB_MUL64(f1, g3) + HB_MUL64(f2, g2) + HB_MUL64(f3, g1) +
	     HB_MUL64(f4, g0);
	hb_fe_carry_wide(h, r0, r1, r2, r3, r4);
}

/*
 * h = f^2 (loose input, tight output): 15 products instead of 25, each
 * cross term doubled once (2 * f_i, or 38 = 2 * 19 for folded terms;
 * 38 * f_i < 2^59).
 */
static inline void hb_fe_sq(hb_fe h, const hb_fe f)
{
	const uint64_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
	const uint64_t f0_2 = 2 * f0, f1_2 = 2 * f1;
	const uint64_t f1_38 = 38 * f1, f2_38 = 38 * f2, f3_38 = 38 * f3;
	const uint64_t f3_19 = 19 * f3, f4_19 = 19 * f4;
	hb_u128 r0, r1, r2, r3, r4;

	r0 = HB_MUL64(f0, f0) + HB_MUL64(f1_38, f4) + HB_MUL64(f2_38, f3);
	r1 = HB_MUL64(f0_2, f1) + HB_MUL64(f2_38, f4) + HB_MUL64(f3_19, f3);
	r2 = HB_MUL64(f0_2, f2) + HB_MUL64(f1, f1) + HB_MUL64(f3_38, f4);
	r3 = HB_MUL64(f0_2, f3) + HB_MUL64(f1_2, f2) + HB_MUL64(f4_19, f4);
	r4 = HB_MUL64(f0_2, f4) + HB_MUL64(f1_2, f3) + HB_MUL64(f2, f2);
	hb_fe_carry_wide(h, r0, r1, r2, r3, r4);
}

/* h = c * f for a small constant c < 2^17 (loose input, tight output). */
static inline void hb_fe_mul_small(hb_fe h, const hb_fe f, uint32_t c)
{
	hb_fe_carry_wide(h, HB_MUL64(f[0], c), HB_MUL64(f[1], c), HB_MUL64(f[2], c),
	                 HB_MUL64(f[3], c), HB_MUL64(f[4], c));
}

#undef HB_MUL64

/* h = f with its limbs carried (loose input, tight output). */
static inline void hb_fe_carry(hb_fe h, const hb_fe f)
{
	hb_fe_carry_wide(h, f[0], f[1], f[2], f[3], f[4]);
}

/* Swap f and g when b == 1, leave them when b == 0 (b is secret). */
static inline void hb_fe_cswap(hb_fe f, hb_fe g, uint64_t b)
{
	uint64_t mask = (uint64_t)0 - b, x;
	int i;

	HB_BARRIER64(mask);
	for (i = 0; i < 5; i++) {
		x = mask & (f[i] ^ g[i]);
		f[i] ^= x;
		g[i] ^= x;
	}
}

/* One carry pass with the top carry folded back (times 19) into limb 0. */
static inline void hb_fe_carry_pass(uint64_t t[5])
{
	t[1] += t[0] >> 51;
	t[0] &= HB_FE_M51;
	t[2] += t[1] >> 51;
	t[1] &= HB_FE_M51;
	t[3] += t[2] >> 51;
	t[2] &= HB_FE_M51;
	t[4] += t[3] >> 51;
	t[3] &= HB_FE_M51;
	t[0] += 19 * (t[4] >> 51);
	t[4] &= HB_FE_M51;
}

/*
 * Canonical little-endian encoding of a tight h. Two carry passes leave
 * every limb < 2^51 (after the first, limb 0 < 2^51 + 38; if the second
 * carries out of limb 4, limbs 1..4 became 0 and limb 0 < 38 + 19). The
 * value v is then below 2^255 < 2p, so v >= p exactly when v + 19 carries
 * into bit 255: q is that carry, and v - q*p = v + 19q - q*2^255.
 */
static inline void hb_fe_tobytes(uint8_t s[32], const hb_fe h)
{
	uint64_t t[5], q;

	hb_fe_copy(t, h);
	hb_fe_carry_pass(t);
	hb_fe_carry_pass(t);

	q = (t[0] + 19) >> 51;
	q = (t[1] + q) >> 51;
	q = (t[2] + q) >> 51;
	q = (t[3] + q) >> 51;
	q = (t[4] + q) >> 51;

	t[0] += 19 * q;
	t[1] += t[0] >> 51;
	t[0] &= HB_FE_M51;
	t[2] += t[1] >> 51;
	t[1] &= HB_FE_M51;
	t[3] += t[2] >> 51;
	t[2] &= HB_FE_M51;
	t[4] += t[3] >> 51;
	t[3] &= HB_FE_M51;
	t[4] &= HB_FE_M51; /* drops q * 2^255 */

	hb_store64_le(s, t[0] | (t[1] << 51));
	hb_store64_le(s + 8, (t[1] >> 13) | (t[2] << 38));
	hb_store64_le(s + 16, (t[2] >> 26) | (t[3] << 25));
	hb_store64_le(s + 24, (t[3] >> 39) | (t[4] << 12));
	hbox_wipe(t, sizeof t);
}

#endif

/*
 * hb_fe25519_32.h - GF(2^255 - 19) with 10 limbs in radix 2^25.5 (32-bit
 * targets). Included only through hb_fe25519.h.
 *
 * h = sum h_i * 2^ceil(25.5 i): limbs 0, 2, 4, 6, 8 hold 26 bits and limbs
 * 1, 3, 5, 7, 9 hold 25 bits, in uint32_t; products are 32x32 -> 64 bits
 * (one UMULL/UMLAL on Cortex-M3/M4), accumulated in uint64_t.
 *
 * A product f_i * g_j belongs at bit position ceil(25.5 i) + ceil(25.5 j),
 * which is one more than the position of limb i + j when i and j are both
 * odd: such terms get a factor 2. Terms with i + j >= 10 wrap around with
 * a factor 19 (2^255 = 19 mod p).
 *
 * Bounds (all limbs unsigned):
 *   tight: even limbs < 2^26, odd limbs < 2^25 + 2^18
 *          (mul/sq/mul_small out; frombytes gives < 2^26 / 2^25)
 *   loose: even limbs < 1.5 * 2^27, odd limbs < 1.5 * 2^26
 *          (add and sub of tight values; sub adds 2p)
 * mul/sq with loose inputs: 19 * (even loose) < 28.5 * 2^27 < 2^32 and
 * 38 * (odd loose) < 2^32, so every pre-scaled operand fits in 32 bits.
 * A column of mul is at most 10 products < 2^59.5 and a column of sq at
 * most 6 products < 2^60.5, so every column is < 2^63.
 */
#ifndef HB_FE25519_32_H
#define HB_FE25519_32_H

typedef uint32_t hb_fe[10];

#define HB_FE_M26 ((uint32_t)0x3ffffff)
#define HB_FE_M25 ((uint32_t)0x1ffffff)
#define HB_M(a, b) ((uint64_t)(a) * (b))

static inline void hb_fe_0(hb_fe h)
{
	int i;
	for (i = 0; i < 10; i++)
		h[i] = 0;
}

static inline void hb_fe_1(hb_fe h)
{
	hb_fe_0(h);
	h[0] = 1;
}

static inline void hb_fe_copy(hb_fe h, const hb_fe f)
{
	int i;
	for (i = 0; i < 10; i++)
		h[i] = f[i];
}

static inline void hb_fe_frombytes(hb_fe h, const uint8_t s[32])
{
	/* Limb i starts at bit ceil(25.5 i) = 8 * byte + shift; the last
	 * mask drops bit 255. */
	h[0] = hb_load32_le(s) & HB_FE_M26;
	h[1] = (hb_load32_le(s + 3) >> 2) & HB_FE_M25;
	h[2] = (hb_load32_le(s + 6) >> 3) & HB_FE_M26;
	h[3] = (hb_load32_le(s + 9) >> 5) & HB_FE_M25;
	h[4] = (hb_load32_le(s + 12) >> 6) & HB_FE_M26;
	h[5] = hb_load32_le(s + 16) & HB_FE_M25;
	h[6] = (hb_load32_le(s + 19) >> 1) & HB_FE_M26;
	h[7] = (hb_load32_le(s + 22) >> 3) & HB_FE_M25;
	h[8] = (hb_load32_le(s + 25) >> 4) & HB_FE_M26;
	h[9] = (hb_load32_le(s + 28) >> 6) & HB_FE_M25;
}

/* h = f + g, limb by limb (tight + tight: loose). */
static inline void hb_fe_add(hb_fe h, const hb_fe f, const hb_fe g)
{
	int i;
	for (i = 0; i < 10; i++)
		h[i] = f[i] + g[i];
}

/*
 * h = f - g + 2p, limb by limb. 2p = (2^27 - 38, 2^26 - 2, 2^27 - 2,
 * 2^26 - 2, ...) exceeds every tight limb of g, so nothing wraps; h is loose.
 */
static inline void hb_fe_sub(hb_fe h, const hb_fe f, const hb_fe g)
{
	h[0] = (f[0] + (uint32_t)0x7ffffda) - g[0];
	h[1] = (f[1] + (uint32_t)0x3fffffe) - g[1];
	h[2] = (f[2] + (uint32_t)0x7fffffe) - g[2];
	h[3] = (f[3] + (uint32_t)0x3fffffe) - g[3];
	h[4] = (f[4] + (uint32_t)0x7fffffe) - g[4];
	h[5] = (f[5] + (uint32_t)0x3fffffe) - g[5];
	h[6] = (f[6] + (uint32_t)0x7fffffe) - g[6];
	h[7] = (f[7] + (uint32_t)0x3fffffe) - g[7];
	h[8] = (f[8] + (uint32_t)0x7fffffe) - g[8];
	h[9] = (f[9] + (uint32_t)0x3fffffe) - g[9];
}

/*
 * Carry ten columns (each < 2^63) into a tight result. The carry out of
 * column 9 is < 2^38, so 19 times it still fits; after folding it into
 * limb 0 and carrying once more, limb 1 is < 2^25 + 2^18.
 */
static inline void hb_fe_carry_wide(hb_fe h, uint64_t c[10])
{
	c[1] += c[0] >> 26;
	c[0] &= HB_FE_M26;
	c[2] += c[1] >> 25;
	c[1] &= HB_FE_M25;
	c[3] += c[2] >> 26;
	c[2] &= HB_FE_M26;
	c[4] += c[3] >> 25;
	c[3] &= HB_FE_M25;
	c[5] += c[4] >> 26;
	c[4] &= HB_FE_M26;
	c[6] += c[5] >> 25;
	c[5] &= HB_FE_M25;
	c[7] += c[6] >> 26;
	c[6] &= HB_FE_M26;
	c[8] += c[7] >> 25;
	c[7] &= HB_FE_M25;
	c[9] += c[8] >> 26;
	c[8] &= HB_FE_M26;
	c[0] += 19 * (c[9] >> 25);
	c[9] &= HB_FE_M25;
	c[1] += c[0] >> 26;
	c[0] &= HB_FE_M26;

	h[0] = (uint32_t)c[0];
	h[1] = (uint32_t)c[1];
	h[2] = (uint32_t)c[2];
	h[3] = (uint32_t)c[3];
	h[4] = (uint32_t)c[4];
	h[5] = (uint32_t)c[5];
	h[6] = (uint32_t)c[6];
	h[7] = (uint32_t)c[7];
	h[8] = (uint32_t)c[8];
	h[9] = (uint32_t)c[9];
}

/* h = f * g (loose inputs, tight output). */
static inline void hb_fe_mul(hb_fe h, const hb_fe f, const hb_fe g)
{
	const uint32_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
	const uint32_t f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
	const uint32_t g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4];
	const uint32_t g5 = g[5], g6 = g[6], g7 = g[7], g8 = g[8], g9 = g[9];
	const uint32_t f1_2 = 2 * f1, f3_2 = 2 * f3, f5_2 = 2 * f5, f7_2 = 2 * f7, f9_2 = 2 * f9;
	const uint32_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
	const uint32_t g5_19 = 19 * g5, g6_19 = 19 * g6, g7_19 = 19 * g7, g8_19 = 19 * g8;
	const uint32_t g9_19 = 19 * g9;
	uint64_t c[10];

	c[0] = HB_M(f0, g0) + HB_M(f1_2, g9_19) + HB_M(f2, g8_19) + HB_M(f3_2, g7_19) +
	     HB_M(f4, g6_19) + HB_M(f5_2, g5_19) + HB_M(f6, g4_19) + HB_M(f7_2, g3_19) +
	     HB_M(f8, g2_19) + HB_M(f9_2, g1_19);
	c[1] = HB_M(f0, g1) + HB_M(f1, g0) + HB_M(f2, g9_19) + HB_M(f3, g8_19) + HB_M(f4, g7_19) +
	     HB_M(f5, g6_19) + HB_M(f6, g5_19) + HB_M(f7, g4_19) + HB_M(f8, g3_19) +
	     HB_M(f9, g2_19);
	c[2] = HB_M(f0, g2) + HB_M(f1_2, g1) + HB_M(f2, g0) + HB_M(f3_2, g9_19) + HB_M(f4, g8_19) +
	     HB_M(f5_2, g7_19) + HB_M(f6, g6_19) + HB_M(f7_2, g5_19) + HB_M(f8, g4_19) +
	     HB_M(f9_2, g3_19);
	c[3] = HB_M(f0, g3) + HB_M(f1, g2) + HB_M(f2, g1) + HB_M(f3, g0) + HB_M(f4, g9_19) +
	     HB_M(f5, g8_19) + HB_M(f6, g7_19) + HB_M(f7, g6_19) + HB_M(f8, g5_19) +
	     HB_M(f9, g4_19);
	c[4] = HB_M(f0, g4) + HB_M(f1_2, g3) + HB_M(f2, g2) + HB_M(f3_2, g1) + HB_M(f4, g0) +
	     HB_M(f5_2, g9_19) + HB_M(f6, g8_19) + HB_M(f7_2, g7_19) + HB_M(f8, g6_19) +
	     HB_M(f9_2, g5_19);
	c[5] = HB_M(f0, g5) + HB_M(f1, g4) + HB_M(f2, g3) + HB_M(f3, g2) + HB_M(f4, g1) +
	     HB_M(f5, g0) + HB_M(f6, g9_19) + HB_M(f7, g8_19) + HB_M(f8, g7_19) + HB_M(f9, g6_19);
	c[6] = HB_M(f0, g6) + HB_M(f1_2, g5) + HB_M(f2, g4) + HB_M(f3_2, g3) + HB_M(f4, g2) +
	     HB_M(f5_2, g1) + HB_M(f6, g0) + HB_M(f7_2, g9_19) + HB_M(f8, g8_19) +
	     HB_M(f9_2, g7_19);
	c[7] = HB_M(f0, g7) + HB_M(f1, g6) + HB_M(f2, g5) + HB_M(f3, g4) + HB_M(f4, g3) +
	     HB_M(f5, g2) + HB_M(f6, g1) + HB_M(f7, g0) + HB_M(f8, g9_19) + HB_M(f9, g8_19);
	c[8] = HB_M(f0, g8) + HB_M(f1_2, g7) + HB_M(f2, g6) + HB_M(f3_2, g5) + HB_M(f4, g4) +
	     HB_M(f5_2, g3) + HB_M(f6, g2) + HB_M(f7_2, g1) + HB_M(f8, g0) + HB_M(f9_2, g9_19);
	c[9] = HB_M(f0, g9) + HB_M(f1, g8) + HB_M(f2, g7) + HB_M(f3, g6) + HB_M(f4, g5) +
	     HB_M(f5, g4) + HB_M(f6, g3) + HB_M(f7, g2) + HB_M(f8, g1) + HB_M(f9, g0);

	hb_fe_carry_wide(h, c);
}

/*
 * h = f^2 (loose input, tight output): 55 products instead of 100. A
 * cross term f_i f_j (i < j) appears twice, hence 2 * f_i on the left; the
 * right operand carries the 19 (wrap) and the extra 2 (both odd).
 */
static inline void hb_fe_sq(hb_fe h, const hb_fe f)
{
	const uint32_t f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4];
	const uint32_t f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
	const uint32_t f0_2 = 2 * f0, f1_2 = 2 * f1, f2_2 = 2 * f2, f3_2 = 2 * f3, f4_2 = 2 * f4;
	const uint32_t f5_2 = 2 * f5, f6_2 = 2 * f6, f7_2 = 2 * f7, f8_2 = 2 * f8, f9_2 = 2 * f9;
	const uint32_t f5_19 = 19 * f5, f6_19 = 19 * f6, f7_19 = 19 * f7, f8_19 = 19 * f8;
	const uint32_t f9_19 = 19 * f9, f7_38 = 38 * f7, f9_38 = 38 * f9;
	uint64_t c[10];

	c[0] = HB_M(f0, f0) + HB_M(f1_2, f9_38) + HB_M(f2_2, f8_19) + HB_M(f3_2, f7_38) +
	     HB_M(f4_2, f6_19) + HB_M(f5_2, f5_19);
	c[1] = HB_M(f0_2, f1) + HB_M(f2_2, f9_19) + HB_M(f3_2, f8_19) + HB_M(f4_2, f7_19) +
	     HB_M(f5_2, f6_19);
	c[2] = HB_M(f0_2, f2) + HB_M(f1_2, f1) + HB_M(f3_2, f9_38) + HB_M(f4_2, f8_19) +
	     HB_M(f5_2, f7_38) + HB_M(f6, f6_19);
	c[3] = HB_M(f0_2, f3) + HB_M(f1_2, f2) + HB_M(f4_2, f9_19) + HB_M(f5_2, f8_19) +
	     HB_M(f6_2, f7_19);
	c[4] = HB_M(f0_2, f4) + HB_M(f1_2, f3_2) + HB_M(f2, f2) + HB_M(f5_2, f9_38) +
	     HB_M(f6_2, f8_19) + HB_M(f7_2, f7_19);
	c[5] = HB_M(f0_2, f5) + HB_M(f1_2, f4) + HB_M(f2_2, f3) + HB_M(f6_2, f9_19) +
	     HB_M(f7_2, f8_19);
	c[6] = HB_M(f0_2, f6) + HB_M(f1_2, f5_2) + HB_M(f2_2, f4) + HB_M(f3_2, f3) +
	     HB_M(f7_2, f9_38) + HB_M(f8, f8_19);
	c[7] = HB_M(f0_2, f7) + HB_M(f1_2, f6) + HB_M(f2_2, f5) + HB_M(f3_2, f4) + HB_M(f8_2, f9_19);
	c[8] = HB_M(f0_2, f8) + HB_M(f1_2, f7_2) + HB_M(f2_2, f6) + HB_M(f3_2, f5_2) + HB_M(f4, f4) +
	     HB_M(f9_2, f9_19);
	c[9] = HB_M(f0_2, f9) + HB_M(f1_2, f8) + HB_M(f2_2, f7) + HB_M(f3_2, f6) + HB_M(f4_2, f5);

	hb_fe_carry_wide(h, c);
}

/* h = c * f for a small constant c < 2^17 (loose input, tight output). */
static inline void hb_fe_mul_small(hb_fe h, const hb_fe f, uint32_t c)
{
	uint64_t t[10];
	int i;
	for (i = 0; i < 10; i++)
		t[i] = HB_M(f[i], c);
	hb_fe_carry_wide(h, t);
}

#undef HB_M

/* h = f with its limbs carried (loose input, tight output). */
static inline void hb_fe_carry(hb_fe h, const hb_fe f)
{
	uint64_t t[10];
	int i;
	for (i = 0; i < 10; i++)
		t[i] = f[i];
	hb_fe_carry_wide(h, t);
}

/* Swap f and g when b == 1, leave them when b == 0 (b is secret). */
static inline void hb_fe_cswap(hb_fe f, hb_fe g, uint32_t b)
{
	uint32_t mask = 0u - b, x;
	int i;

	HB_BARRIER32(mask);
	for (i = 0; i < 10; i++) {
		x = mask & (f[i] ^ g[i]);
		f[i] ^= x;
		g[i] ^= x;
	}
}

/*
 * Carry limbs 0..9 in place; the carry out of limb 9 is multiplied by
 * `fold` and added to limb 0 (fold = 19: reduce; fold = 0: drop 2^255).
 */
static inline void hb_fe_carry_pass(uint32_t t[10], uint32_t fold)
{
	int i;
	uint32_t c;
	for (i = 0; i < 9; i++) {
		const unsigned w = 26 - (unsigned)(i & 1);
		t[i + 1] += t[i] >> w;
		t[i] &= (((uint32_t)1 << w) - 1);
	}
	c = t[9] >> 25;
	t[9] &= HB_FE_M25;
	t[0] += fold * c;
}

/*
 * Canonical little-endian encoding of a tight h. Two carry passes leave
 * every limb below its width (after the first, limb 0 < 2^26 + 38; if the
 * second carries out of limb 9, limbs 1..9 became 0 and limb 0 < 38 + 19).
 * The value v is then below 2^255 < 2p, so v >= p exactly when v + 19
 * carries into bit 255: q is that carry, and v - q*p = v + 19q - q*2^255.
 */
static inline void hb_fe_tobytes(uint8_t s[32], const hb_fe h)
{
	uint32_t t[10], q;
	int i;

	hb_fe_copy(t, h);
	hb_fe_carry_pass(t, 19);
	hb_fe_carry_pass(t, 19);

	q = (t[0] + 19) >> 26;
	for (i = 1; i < 10; i++)
		q = (t[i] + q) >> (26 - (i & 1));
	t[0] += 19 * q;
	hb_fe_carry_pass(t, 0);

	hb_store32_le(s, t[0] | (t[1] << 26));
	hb_store32_le(s + 4, (t[1] >> 6) | (t[2] << 19));
	hb_store32_le(s + 8, (t[2] >> 13) | (t[3] << 13));
	hb_store32_le(s + 12, (t[3] >> 19) | (t[4] << 6));
	hb_store32_le(s + 16, t[5] | (t[6] << 25));
	hb_store32_le(s + 20, (t[6] >> 7) | (t[7] << 19));
	hb_store32_le(s + 24, (t[7] >> 13) | (t[8] << 12));
	hb_store32_le(s + 28, (t[8] >> 20) | (t[9] << 6));
	hbox_wipe(t, sizeof t);
}

#endif

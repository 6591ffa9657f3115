/*
 * keccak.c - Keccak-f[1600] and the sponge core (FIPS 202).
 *
 * Lane (x, y) of the 5x5 state is lanes[x + 5y]. The whole permutation works
 * on public-indexed words with xor, and, not and fixed rotations, so its
 * running time does not depend on the data.
 */
#include "hb_internal.h"
#include "hb_keccak.h"

#if defined(__OPTIMIZE_SIZE__)
#define HB_KECCAK_UNROLL 2
#else
#define HB_KECCAK_UNROLL 4
#endif

/* Iota round constants, FIPS 202 section 3.2.5 (rc(t) folded per round). */
static const uint64_t keccak_rc[24] = {
	0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808Aull,
	0x8000000080008000ull, 0x000000000000808Bull, 0x0000000080000001ull,
	0x8000000080008081ull, 0x8000000000008009ull, 0x000000000000008Aull,
	0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000Aull,
	0x000000008000808Bull, 0x800000000000008Bull, 0x8000000000008089ull,
	0x8000000000008003ull, 0x8000000000008002ull, 0x8000000000000080ull,
	0x000000000000800Aull, 0x800000008000000Aull, 0x8000000080008081ull,
	0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull,
};

/*
 * One round, from the lanes A0..A24 into E0..E24 (local variables named by
 * token pasting, so the compiler can keep as many as fit in registers).
 *
 * theta's column parities c and corrections d come first; then for each
 * output row the five lanes pi moves there are read (with theta's
 * correction and rho's rotation applied on the way) and chi combines them.
 * pi sends lane (x, y) to (y, 2x + 3y), so output row y' takes its lane x'
 * from source lane (x' + 3y' mod 5, x'); the rotation amounts are FIPS 202
 * table 2 for those source lanes. iota is folded into lane 0.
 *
 * Lane complementing (Bertoni et al., "Keccak implementation overview",
 * section 2.2): the rounds run on a state whose lanes 1, 2, 8, 12, 17 and 20
 * are stored inverted. With that choice the inversions in chi's
 * b ^ (~b' & b'') mostly cancel: each row needs one NOT (nb) instead of
 * five, at the price of a different and/or mix per lane. Each lane's formula
 * was derived from its truth table, given which inputs arrive inverted and
 * whether its output must leave inverted; the KATs and the reference
 * permutation in tests/unit/test_sha3.c confirm them.
 */
#define KECCAK_ROUND(E, A, rc)                                                  \
	do {                                                                    \
		c0 = A##0 ^ A##5 ^ A##10 ^ A##15 ^ A##20;                       \
		c1 = A##1 ^ A##6 ^ A##11 ^ A##16 ^ A##21;                       \
		c2 = A##2 ^ A##7 ^ A##12 ^ A##17 ^ A##22;                       \
		c3 = A##3 ^ A##8 ^ A##13 ^ A##18 ^ A##23;                       \
		c4 = A##4 ^ A##9 ^ A##14 ^ A##19 ^ A##24;                       \
		d0 = c4 ^ hb_rotl64(c1, 1);                                     \
		d1 = c0 ^ hb_rotl64(c2, 1);                                     \
		d2 = c1 ^ hb_rotl64(c3, 1);                                     \
		d3 = c2 ^ hb_rotl64(c4, 1);                                     \
		d4 = c3 ^ hb_rotl64(c0, 1);                                     \
                                                                                \
		b0 = A##0 ^ d0;                                                 \
		b1 = hb_rotl64(A##6 ^ d1, 44);                                  \
		b2 = hb_rotl64(A##12 ^ d2, 43);                                 \
		b3 = hb_rotl64(A##18 ^ d3, 21);                                 \
		b4 = hb_rotl64(A##24 ^ d4, 14);                                 \
		nb = ~b2;                                                       \
		E##0 = b0 ^ (b1 | b2) ^ (rc);                                   \
		E##1 = b1 ^ (nb | b3);                                          \
		E##2 = b2 ^ (b3 & b4);                                          \
		E##3 = b3 ^ (b4 | b0);                                          \
		E##4 = b4 ^ (b0 & b1);                                          \
                                                                                \
		b0 = hb_rotl64(A##3 ^ d3, 28);                                  \
		b1 = hb_rotl64(A##9 ^ d4, 20);                                  \
		b2 = hb_rotl64(A##10 ^ d0, 3);                                  \
		b3 = hb_rotl64(A##16 ^ d1, 45);                                 \
		b4 = hb_rotl64(A##22 ^ d2, 61);                                 \
		nb = ~b4;                                                       \
		E##5 = b0 ^ (b1 | b2);                                          \
		E##6 = b1 ^ (b2 & b3);                                          \
		E##7 = b2 ^ (b3 | nb);                                          \
		E##8 = b3 ^ (b4 | b0);                                          \
		E##9 = b4 ^ (b0 & b1);                                          \
                                                                                \
		b0 = hb_rotl64(A##1 ^ d1, 1);                                   \
		b1 = hb_rotl64(A##7 ^ d2, 6);                                   \
		b2 = hb_rotl64(A##13 ^ d3, 25);                                 \
		b3 = hb_rotl64(A##19 ^ d4, 8);                                  \
		b4 = hb_rotl64(A##20 ^ d0, 18);                                 \
		nb = ~b3;                                                       \
		E##10 = b0 ^ (b1 | b2);                                         \
		E##11 = b1 ^ (b2 & b3);                                         \
		E##12 = b2 ^ (nb & b4);                                         \
		E##13 = nb ^ (b4 | b0);                                         \
		E##14 = b4 ^ (b0 & b1);                                         \
                                                                                \
		b0 = hb_rotl64(A##4 ^ d4, 27);                                  \
		b1 = hb_rotl64(A##5 ^ d0, 36);                                  \
		b2 = hb_rotl64(A##11 ^ d1, 10);                                 \
		b3 = hb_rotl64(A##17 ^ d2, 15);                                 \
		b4 = hb_rotl64(A##23 ^ d3, 56);                                 \
		nb = ~b3;                                                       \
		E##15 = b0 ^ (b1 & b2);                                         \
		E##16 = b1 ^ (b2 | b3);                                         \
		E##17 = b2 ^ (nb | b4);                                         \
		E##18 = nb ^ (b4 & b0);                                         \
		E##19 = b4 ^ (b0 | b1);                                         \
                                                                                \
		b0 = hb_rotl64(A##2 ^ d2, 62);                                  \
		b1 = hb_rotl64(A##8 ^ d3, 55);                                  \
		b2 = hb_rotl64(A##14 ^ d4, 39);                                 \
		b3 = hb_rotl64(A##15 ^ d0, 41);                                 \
		b4 = hb_rotl64(A##21 ^ d1, 2);                                  \
		nb = ~b1;                                                       \
		E##20 = b0 ^ (nb & b2);                                         \
		E##21 = nb ^ (b2 | b3);                                         \
		E##22 = b2 ^ (b3 & b4);                                         \
		E##23 = b3 ^ (b4 | b0);                                         \
		E##24 = b4 ^ (b0 & b1);                                         \
	} while (0)

/* The lanes kept inverted during the rounds (see above). */
#define KECCAK_COMPLEMENT(A)                                                    \
	do {                                                                    \
		A##1 = ~A##1;                                                   \
		A##2 = ~A##2;                                                   \
		A##8 = ~A##8;                                                   \
		A##12 = ~A##12;                                                 \
		A##17 = ~A##17;                                                 \
		A##20 = ~A##20;                                                 \
	} while (0)

void hb_keccak_f1600(uint64_t lanes[25])
{
	uint64_t a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12;
	uint64_t a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24;
	uint64_t e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12;
	uint64_t e13, e14, e15, e16, e17, e18, e19, e20, e21, e22, e23, e24;
	uint64_t c0, c1, c2, c3, c4, d0, d1, d2, d3, d4, b0, b1, b2, b3, b4, nb;
	int i;

	a0 = lanes[0]; a1 = lanes[1]; a2 = lanes[2]; a3 = lanes[3]; a4 = lanes[4];
	a5 = lanes[5]; a6 = lanes[6]; a7 = lanes[7]; a8 = lanes[8]; a9 = lanes[9];
	a10 = lanes[10]; a11 = lanes[11]; a12 = lanes[12]; a13 = lanes[13]; a14 = lanes[14];
	a15 = lanes[15]; a16 = lanes[16]; a17 = lanes[17]; a18 = lanes[18]; a19 = lanes[19];
	a20 = lanes[20]; a21 = lanes[21]; a22 = lanes[22]; a23 = lanes[23]; a24 = lanes[24];
	KECCAK_COMPLEMENT(a);
	/* Four rounds per iteration (two when optimising for size: half the code,
	 * about 3% slower on x86-64). */
	for (i = 0; i < 24; i += HB_KECCAK_UNROLL) {
		KECCAK_ROUND(e, a, keccak_rc[i]);
		KECCAK_ROUND(a, e, keccak_rc[i + 1]);
#if HB_KECCAK_UNROLL == 4
		KECCAK_ROUND(e, a, keccak_rc[i + 2]);
		KECCAK_ROUND(a, e, keccak_rc[i + 3]);
#endif
	}
	KECCAK_COMPLEMENT(a);
	lanes[0] = a0; lanes[1] = a1; lanes[2] = a2; lanes[3] = a3; lanes[4] = a4;
	lanes[5] = a5; lanes[6] = a6; lanes[7] = a7; lanes[8] = a8; lanes[9] = a9;
	lanes[10] = a10; lanes[11] = a11; lanes[12] = a12; lanes[13] = a13; lanes[14] = a14;
	lanes[15] = a15; lanes[16] = a16; lanes[17] = a17; lanes[18] = a18; lanes[19] = a19;
	lanes[20] = a20; lanes[21] = a21; lanes[22] = a22; lanes[23] = a23; lanes[24] = a24;
}

/* ---- sponge ---- */

/* XOR n bytes of in into the state starting at byte offset pos (pos + n <= rate). */
static void xor_bytes(uint64_t lanes[25], uint32_t pos, const uint8_t *in, size_t n)
{
	for (; n > 0 && (pos & 7) != 0; n--, pos++, in++)
		lanes[pos >> 3] ^= (uint64_t)*in << (8 * (pos & 7));
	for (; n >= 8; n -= 8, pos += 8, in += 8)
		lanes[pos >> 3] ^= hb_load64_le(in);
	for (; n > 0; n--, pos++, in++)
		lanes[pos >> 3] ^= (uint64_t)*in << (8 * (pos & 7));
}

/* Copy n bytes of the state starting at byte offset pos to out. */
static void read_bytes(uint8_t *out, const uint64_t lanes[25], uint32_t pos, size_t n)
{
	for (; n > 0 && (pos & 7) != 0; n--, pos++, out++)
		*out = (uint8_t)(lanes[pos >> 3] >> (8 * (pos & 7)));
	for (; n >= 8; n -= 8, pos += 8, out += 8)
		hb_store64_le(out, lanes[pos >> 3]);
	for (; n > 0; n--, pos++, out++)
		*out = (uint8_t)(lanes[pos >> 3] >> (8 * (pos & 7)));
}

void hb_keccak_init(hbox_shake_ctx *ctx, uint32_t rate)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->rate = rate;
}

void hb_keccak_absorb(hbox_shake_ctx *ctx, const uint8_t *in, size_t len)
{
	uint32_t rate = ctx->rate, pos = ctx->pos;

	while (len > 0) {
		size_t take = rate - pos;
		if (take > len)
			take = len;
		xor_bytes(ctx->lanes, pos, in, take);
		pos += (uint32_t)take;
		in += take;
		len -= take;
		if (pos == rate) {
			hb_keccak_f1600(ctx->lanes);
			pos = 0;
		}
	}
	ctx->pos = pos;
}

void hb_keccak_finish(hbox_shake_ctx *ctx, uint8_t pad)
{
	uint32_t last = ctx->rate - 1;

	/* pad10*1 after the domain bits: pad's bits, zeros, then a final 1 bit
	 * at the top of the block (the two may share one byte). */
	ctx->lanes[ctx->pos >> 3] ^= (uint64_t)pad << (8 * (ctx->pos & 7));
	ctx->lanes[last >> 3] ^= (uint64_t)0x80 << (8 * (last & 7));
	hb_keccak_f1600(ctx->lanes);
	ctx->pos = 0;
	ctx->squeezing = 1;
}

void hb_keccak_squeeze(hbox_shake_ctx *ctx, uint8_t *out, size_t len)
{
	uint32_t rate = ctx->rate, pos = ctx->pos;

	while (len > 0) {
		size_t take;
		/* Permute lazily, only when more output is actually wanted. */
		if (pos == rate) {
			hb_keccak_f1600(ctx->lanes);
			pos = 0;
		}
		take = rate - pos;
		if (take > len)
			take = len;
		read_bytes(out, ctx->lanes, pos, take);
		pos += (uint32_t)take;
		out += take;
		len -= take;
	}
	ctx->pos = pos;
}

void hb_shake128_squeezeblocks(hbox_shake_ctx *ctx, uint8_t *out, size_t nblocks)
{
	if (!ctx->squeezing)
		hb_keccak_finish(ctx, HB_KECCAK_PAD_SHAKE);
	hb_keccak_squeeze(ctx, out, nblocks * HBOX_SHAKE128_BLOCKBYTES);
}

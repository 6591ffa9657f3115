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
const uint64_t hb_keccak_rc[24] = {
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
 * One round (theta, rho, pi from hb_keccak.h; chi and iota here), from the
 * lanes A0..A24 into E0..E24.
 *
 * Lane complementing (Bertoni et al., "Keccak implementation overview",
 * section 2.2): the rounds run on a state whose lanes 1, 2, 8, 12, 17 and 20
 * are stored inverted. With that choice the inversions in chi's
 * b ^ (~b' & b'') mostly cancel: each row needs one NOT (nb) instead of
 * five, at the price of a different and/or mix per lane. Each lane's formula
 * was derived from its truth table, given which inputs arrive inverted and
 * whether its output must leave inverted; the KATs and the reference
 * permutation in tests/unit/test_sha3.c confirm them. (keccak_avx2.c, for
 * CPUs with BMI1's and-not, uses the plain formula instead.)
 */
#define KECCAK_ROUND(E, A, rc)                                                  \
	do {                                                                    \
		HB_KECCAK_THETA(A);                                             \
		HB_KECCAK_ROW0(A);                                              \
		nb = ~b2;                                                       \
		E##0 = b0 ^ (b1 | b2) ^ (rc);                                   \
		E##1 = b1 ^ (nb | b3);                                          \
		E##2 = b2 ^ (b3 & b4);                                          \
		E##3 = b3 ^ (b4 | b0);                                          \
		E##4 = b4 ^ (b0 & b1);                                          \
		HB_KECCAK_ROW1(A);                                              \
		nb = ~b4;                                                       \
		E##5 = b0 ^ (b1 | b2);                                          \
		E##6 = b1 ^ (b2 & b3);                                          \
		E##7 = b2 ^ (b3 | nb);                                          \
		E##8 = b3 ^ (b4 | b0);                                          \
		E##9 = b4 ^ (b0 & b1);                                          \
		HB_KECCAK_ROW2(A);                                              \
		nb = ~b3;                                                       \
		E##10 = b0 ^ (b1 | b2);                                         \
		E##11 = b1 ^ (b2 & b3);                                         \
		E##12 = b2 ^ (nb & b4);                                         \
		E##13 = nb ^ (b4 | b0);                                         \
		E##14 = b4 ^ (b0 & b1);                                         \
		HB_KECCAK_ROW3(A);                                              \
		nb = ~b3;                                                       \
		E##15 = b0 ^ (b1 & b2);                                         \
		E##16 = b1 ^ (b2 | b3);                                         \
		E##17 = b2 ^ (nb | b4);                                         \
		E##18 = nb ^ (b4 & b0);                                         \
		E##19 = b4 ^ (b0 | b1);                                         \
		HB_KECCAK_ROW4(A);                                              \
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
	HB_KECCAK_LOCALS;
	uint64_t nb;
	int i;

#if HB_X86_SIMD
	if (hbox_cpu_features() & HBOX_CPU_AVX2) {
		hb_keccak_f1600_avx2(lanes);
		return;
	}
#endif
	HB_KECCAK_LOAD(a, lanes);
	KECCAK_COMPLEMENT(a);
	/* Four rounds per iteration (two when optimising for size: half the code,
	 * about 3% slower on x86-64). */
	for (i = 0; i < 24; i += HB_KECCAK_UNROLL) {
		KECCAK_ROUND(e, a, hb_keccak_rc[i]);
		KECCAK_ROUND(a, e, hb_keccak_rc[i + 1]);
#if HB_KECCAK_UNROLL == 4
		KECCAK_ROUND(e, a, hb_keccak_rc[i + 2]);
		KECCAK_ROUND(a, e, hb_keccak_rc[i + 3]);
#endif
	}
	KECCAK_COMPLEMENT(a);
	HB_KECCAK_STORE(lanes, a);
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

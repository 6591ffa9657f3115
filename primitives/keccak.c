/*
 * keccak.c - Keccak-f[1600] and the sponge core (FIPS 202).
 *
 * Lane (x, y) of the 5x5 state is lanes[x + 5y]. The whole permutation works
 * on public-indexed words with xor, and, not and fixed rotations, so its
 * running time does not depend on the data.
 */
#include "hb_internal.h"
#include "hb_keccak.h"

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
 * chi on one output row y: e[x + 5y] = b_x ^ (~b_{x+1} & b_{x+2}).
 */
#define KECCAK_CHI(e, y, b0, b1, b2, b3, b4)        \
	do {                                        \
		(e)[5 * (y) + 0] = b0 ^ (~b1 & b2); \
		(e)[5 * (y) + 1] = b1 ^ (~b2 & b3); \
		(e)[5 * (y) + 2] = b2 ^ (~b3 & b4); \
		(e)[5 * (y) + 3] = b3 ^ (~b4 & b0); \
		(e)[5 * (y) + 4] = b4 ^ (~b0 & b1); \
	} while (0)

/*
 * One round from a into e. theta's column parities are computed first; then
 * for each output row the five lanes pi moves there are read (with theta's
 * correction and rho's rotation applied on the way) and chi combines them.
 * pi sends lane (x, y) to (y, 2x + 3y), so output row y' takes its lane x'
 * from source lane (x' + 3y' mod 5, x'); the rotation amounts are FIPS 202
 * table 2 for those source lanes.
 */
static inline void keccak_round(uint64_t e[25], const uint64_t a[25], uint64_t rc)
{
	uint64_t c0, c1, c2, c3, c4, d0, d1, d2, d3, d4, b0, b1, b2, b3, b4;

	c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20];
	c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
	c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22];
	c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
	c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
	d0 = c4 ^ hb_rotl64(c1, 1);
	d1 = c0 ^ hb_rotl64(c2, 1);
	d2 = c1 ^ hb_rotl64(c3, 1);
	d3 = c2 ^ hb_rotl64(c4, 1);
	d4 = c3 ^ hb_rotl64(c0, 1);

	b0 = a[0] ^ d0;
	b1 = hb_rotl64(a[6] ^ d1, 44);
	b2 = hb_rotl64(a[12] ^ d2, 43);
	b3 = hb_rotl64(a[18] ^ d3, 21);
	b4 = hb_rotl64(a[24] ^ d4, 14);
	KECCAK_CHI(e, 0, b0, b1, b2, b3, b4);
	e[0] ^= rc; /* iota */

	b0 = hb_rotl64(a[3] ^ d3, 28);
	b1 = hb_rotl64(a[9] ^ d4, 20);
	b2 = hb_rotl64(a[10] ^ d0, 3);
	b3 = hb_rotl64(a[16] ^ d1, 45);
	b4 = hb_rotl64(a[22] ^ d2, 61);
	KECCAK_CHI(e, 1, b0, b1, b2, b3, b4);

	b0 = hb_rotl64(a[1] ^ d1, 1);
	b1 = hb_rotl64(a[7] ^ d2, 6);
	b2 = hb_rotl64(a[13] ^ d3, 25);
	b3 = hb_rotl64(a[19] ^ d4, 8);
	b4 = hb_rotl64(a[20] ^ d0, 18);
	KECCAK_CHI(e, 2, b0, b1, b2, b3, b4);

	b0 = hb_rotl64(a[4] ^ d4, 27);
	b1 = hb_rotl64(a[5] ^ d0, 36);
	b2 = hb_rotl64(a[11] ^ d1, 10);
	b3 = hb_rotl64(a[17] ^ d2, 15);
	b4 = hb_rotl64(a[23] ^ d3, 56);
	KECCAK_CHI(e, 3, b0, b1, b2, b3, b4);

	b0 = hb_rotl64(a[2] ^ d2, 62);
	b1 = hb_rotl64(a[8] ^ d3, 55);
	b2 = hb_rotl64(a[14] ^ d4, 39);
	b3 = hb_rotl64(a[15] ^ d0, 41);
	b4 = hb_rotl64(a[21] ^ d1, 2);
	KECCAK_CHI(e, 4, b0, b1, b2, b3, b4);
}

void hb_keccak_f1600(uint64_t lanes[25])
{
	uint64_t e[25];
	int i;

	for (i = 0; i < 24; i += 2) {
		keccak_round(e, lanes, keccak_rc[i]);
		keccak_round(lanes, e, keccak_rc[i + 1]);
	}
	hbox_wipe(e, sizeof e);
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

/*
 * blake2b.c - BLAKE2b (RFC 7693).
 *
 * Everything here is add/xor/rotate on 64-bit words at public indices, so
 * the running time depends only on the lengths.
 */
#include "hb_blake2b.h"

HB_STATIC_ASSERT(HBOX_BLAKE2B_KEYBYTES_MAX <= HBOX_BLAKE2B_BLOCKBYTES, key_fits_block);

/* The mixing function G (RFC 7693 section 3.1), rotation constants 32, 24, 16, 63. */
#define B2B_G(a, b, c, d, x, y)                \
	do {                                   \
		a = a + b + (x);               \
		d = hb_rotr64(d ^ a, 32);      \
		c = c + d;                     \
		b = hb_rotr64(b ^ c, 24);      \
		a = a + b + (y);               \
		d = hb_rotr64(d ^ a, 16);      \
		c = c + d;                     \
		b = hb_rotr64(b ^ c, 63);      \
	} while (0)

/* Message word i of the block being compressed, read straight from it (no
 * copy of a possibly secret block is left on the stack). */
#define B2B_M(i) hb_load64_le(block + 8 * (i))

/* One round: G on the four columns, then on the four diagonals. With a
 * constant r the sigma lookups fold to fixed message words. */
#define B2B_ROUND(r)                                                            \
	do {                                                                    \
		const uint8_t *s = hb_blake2b_sigma[r];                            \
		B2B_G(v0, v4, v8, v12, B2B_M(s[0]), B2B_M(s[1]));               \
		B2B_G(v1, v5, v9, v13, B2B_M(s[2]), B2B_M(s[3]));               \
		B2B_G(v2, v6, v10, v14, B2B_M(s[4]), B2B_M(s[5]));              \
		B2B_G(v3, v7, v11, v15, B2B_M(s[6]), B2B_M(s[7]));              \
		B2B_G(v0, v5, v10, v15, B2B_M(s[8]), B2B_M(s[9]));              \
		B2B_G(v1, v6, v11, v12, B2B_M(s[10]), B2B_M(s[11]));            \
		B2B_G(v2, v7, v8, v13, B2B_M(s[12]), B2B_M(s[13]));             \
		B2B_G(v3, v4, v9, v14, B2B_M(s[14]), B2B_M(s[15]));             \
	} while (0)

/*
 * Compression F (RFC 7693 section 3.2) of one 128-byte block. The counter
 * must already include this block's bytes; last is all-ones for the final
 * block and zero otherwise (a public flag).
 */
static void blake2b_compress(hbox_blake2b_ctx *ctx, const uint8_t block[HBOX_BLAKE2B_BLOCKBYTES],
                             uint64_t last)
{
	uint64_t v0, v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15;
#if defined(__OPTIMIZE_SIZE__)
	int r;
#endif

	v0 = ctx->h[0];
	v1 = ctx->h[1];
	v2 = ctx->h[2];
	v3 = ctx->h[3];
	v4 = ctx->h[4];
	v5 = ctx->h[5];
	v6 = ctx->h[6];
	v7 = ctx->h[7];
	v8 = hb_blake2b_iv[0];
	v9 = hb_blake2b_iv[1];
	v10 = hb_blake2b_iv[2];
	v11 = hb_blake2b_iv[3];
	v12 = hb_blake2b_iv[4] ^ ctx->t[0];
	v13 = hb_blake2b_iv[5] ^ ctx->t[1];
	v14 = hb_blake2b_iv[6] ^ last;
	v15 = hb_blake2b_iv[7];

#if defined(__OPTIMIZE_SIZE__)
	/* A third of the code, about 40% slower (sigma is then read at run time). */
	for (r = 0; r < 12; r++)
		B2B_ROUND(r);
#else
	B2B_ROUND(0);
	B2B_ROUND(1);
	B2B_ROUND(2);
	B2B_ROUND(3);
	B2B_ROUND(4);
	B2B_ROUND(5);
	B2B_ROUND(6);
	B2B_ROUND(7);
	B2B_ROUND(8);
	B2B_ROUND(9);
	B2B_ROUND(10);
	B2B_ROUND(11);
#endif

	ctx->h[0] ^= v0 ^ v8;
	ctx->h[1] ^= v1 ^ v9;
	ctx->h[2] ^= v2 ^ v10;
	ctx->h[3] ^= v3 ^ v11;
	ctx->h[4] ^= v4 ^ v12;
	ctx->h[5] ^= v5 ^ v13;
	ctx->h[6] ^= v6 ^ v14;
	ctx->h[7] ^= v7 ^ v15;
}

/*
 * For each of nblocks whole blocks at in: add inc (at most one block) to
 * the 128-bit byte counter, then compress the block with flag last. The
 * AVX2 kernel keeps the chain value in registers across the blocks.
 */
static void blake2b_blocks(hbox_blake2b_ctx *ctx, const uint8_t *in, size_t nblocks,
                           uint32_t inc, uint64_t last)
{
#if HB_X86_SIMD
	if (hbox_cpu_features() & HBOX_CPU_AVX2) {
		hb_blake2b_blocks_avx2(ctx, in, nblocks, inc, last);
		return;
	}
#endif
	for (; nblocks > 0; nblocks--, in += HBOX_BLAKE2B_BLOCKBYTES) {
		ctx->t[0] += inc;
		ctx->t[1] += (uint64_t)(ctx->t[0] < inc); /* carry; lengths are public */
		blake2b_compress(ctx, in, last);
	}
}

int hbox_blake2b_init(hbox_blake2b_ctx *ctx, size_t outlen, const uint8_t *key, size_t keylen)
{
	int i;

	if (outlen < HBOX_BLAKE2B_BYTES_MIN || outlen > HBOX_BLAKE2B_BYTES_MAX ||
	    keylen > HBOX_BLAKE2B_KEYBYTES_MAX) {
		memset(ctx, 0, sizeof *ctx);
		return -1;
	}
	/* Fields one by one: gcc turns a memset of the whole context into a
	 * slow `rep stos` (about 6% of a 64-byte hash). buf needs no clearing:
	 * _final zero-pads it. */
	ctx->t[0] = 0;
	ctx->t[1] = 0;
	ctx->buflen = 0;
	for (i = 0; i < 8; i++)
		ctx->h[i] = hb_blake2b_iv[i];
	/* Parameter block word 0: digest length, key length, fanout 1, depth 1. */
	ctx->h[0] ^= 0x01010000u ^ ((uint64_t)keylen << 8) ^ (uint64_t)outlen;
	ctx->outlen = (uint32_t)outlen;
	if (keylen > 0) {
		/* The key, zero-padded, is the first block (RFC 7693 section 3.3). */
		memcpy(ctx->buf, key, keylen);
		memset(ctx->buf + keylen, 0, HBOX_BLAKE2B_BLOCKBYTES - keylen);
		ctx->buflen = HBOX_BLAKE2B_BLOCKBYTES;
	}
	return 0;
}

void hbox_blake2b_update(hbox_blake2b_ctx *ctx, const uint8_t *in, size_t len)
{
	size_t take;

	if (len == 0)
		return;
	/* A full buffer is only compressed once more input shows it is not the last block. */
	if (ctx->buflen == HBOX_BLAKE2B_BLOCKBYTES) {
		blake2b_blocks(ctx, ctx->buf, 1, HBOX_BLAKE2B_BLOCKBYTES, 0);
		ctx->buflen = 0;
	}
	if (ctx->buflen > 0) {
		take = HBOX_BLAKE2B_BLOCKBYTES - ctx->buflen;
		if (take > len)
			take = len;
		memcpy(ctx->buf + ctx->buflen, in, take);
		ctx->buflen += (uint32_t)take;
		in += take;
		len -= take;
		if (len == 0)
			return;
		blake2b_blocks(ctx, ctx->buf, 1, HBOX_BLAKE2B_BLOCKBYTES, 0);
		ctx->buflen = 0;
	}
	/* Whole blocks straight from the input, keeping at least one byte back. */
	if (len > HBOX_BLAKE2B_BLOCKBYTES) {
		size_t n = (len - 1) >> 7; /* whole 128-byte blocks before the last byte */
		blake2b_blocks(ctx, in, n, HBOX_BLAKE2B_BLOCKBYTES, 0);
		in += n * HBOX_BLAKE2B_BLOCKBYTES;
		len -= n * HBOX_BLAKE2B_BLOCKBYTES;
	}
	memcpy(ctx->buf, in, len);
	ctx->buflen = (uint32_t)len;
}

void hbox_blake2b_final(hbox_blake2b_ctx *ctx, uint8_t *out)
{
	uint32_t i;

	memset(ctx->buf + ctx->buflen, 0, HBOX_BLAKE2B_BLOCKBYTES - ctx->buflen);
	blake2b_blocks(ctx, ctx->buf, 1, ctx->buflen, ~(uint64_t)0);
	/* The digest is the first outlen bytes of h, little-endian. */
	for (i = 0; i + 8 <= ctx->outlen; i += 8)
		hb_store64_le(out + i, ctx->h[i >> 3]);
	for (; i < ctx->outlen; i++)
		out[i] = (uint8_t)(ctx->h[i >> 3] >> (8 * (i & 7)));
	hbox_wipe(ctx, sizeof *ctx);
}

int hbox_blake2b(uint8_t *out, size_t outlen, const uint8_t *key, size_t keylen,
                 const uint8_t *in, size_t inlen)
{
	hbox_blake2b_ctx ctx;

	if (hbox_blake2b_init(&ctx, outlen, key, keylen) != 0) {
		if (outlen > 0)
			memset(out, 0, outlen);
		return -1;
	}
	hbox_blake2b_update(&ctx, in, inlen);
	hbox_blake2b_final(&ctx, out);
	return 0;
}

/*
 * sha3.c - SHA3-256, SHAKE-128 and SHAKE-256 on the sponge in keccak.c.
 */
#include "sha3.h"
#include "hb_internal.h"
#include "hb_keccak.h"

HB_STATIC_ASSERT(HBOX_SHA3_256_BLOCKBYTES == 200 - 2 * HBOX_SHA3_256_BYTES, sha3_256_rate);
HB_STATIC_ASSERT(HBOX_SHAKE128_BLOCKBYTES == 200 - 2 * 16, shake128_rate);
HB_STATIC_ASSERT(HBOX_SHAKE256_BLOCKBYTES == 200 - 2 * 32, shake256_rate);

void hbox_sha3_256_init(hbox_sha3_256_ctx *ctx)
{
	hb_keccak_init(&ctx->sponge, HBOX_SHA3_256_BLOCKBYTES);
}

void hbox_sha3_256_update(hbox_sha3_256_ctx *ctx, const uint8_t *in, size_t len)
{
	hb_keccak_absorb(&ctx->sponge, in, len);
}

void hbox_sha3_256_final(hbox_sha3_256_ctx *ctx, uint8_t out[HBOX_SHA3_256_BYTES])
{
	hb_keccak_finish(&ctx->sponge, HB_KECCAK_PAD_SHA3);
	hb_keccak_squeeze(&ctx->sponge, out, HBOX_SHA3_256_BYTES);
	hbox_wipe(ctx, sizeof *ctx);
}

void hbox_sha3_256(uint8_t out[HBOX_SHA3_256_BYTES], const uint8_t *in, size_t len)
{
	hbox_sha3_256_ctx ctx;
	hbox_sha3_256_init(&ctx);
	hbox_sha3_256_update(&ctx, in, len);
	hbox_sha3_256_final(&ctx, out);
}

void hbox_shake128_init(hbox_shake_ctx *ctx)
{
	hb_keccak_init(ctx, HBOX_SHAKE128_BLOCKBYTES);
}

void hbox_shake256_init(hbox_shake_ctx *ctx)
{
	hb_keccak_init(ctx, HBOX_SHAKE256_BLOCKBYTES);
}

void hbox_shake_absorb(hbox_shake_ctx *ctx, const uint8_t *in, size_t len)
{
	/* Absorbing after squeezing is not allowed (sha3.h): ignored. */
	if (ctx->squeezing)
		return;
	hb_keccak_absorb(ctx, in, len);
}

void hbox_shake_squeeze(hbox_shake_ctx *ctx, uint8_t *out, size_t len)
{
	if (!ctx->squeezing)
		hb_keccak_finish(ctx, HB_KECCAK_PAD_SHAKE);
	hb_keccak_squeeze(ctx, out, len);
}

void hbox_shake_wipe(hbox_shake_ctx *ctx)
{
	hbox_wipe(ctx, sizeof *ctx);
}

void hbox_shake128(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen)
{
	hbox_shake_ctx ctx;
	hbox_shake128_init(&ctx);
	hb_keccak_absorb(&ctx, in, inlen);
	hbox_shake_squeeze(&ctx, out, outlen);
	hbox_shake_wipe(&ctx);
}

void hbox_shake256(uint8_t *out, size_t outlen, const uint8_t *in, size_t inlen)
{
	hbox_shake_ctx ctx;
	hbox_shake256_init(&ctx);
	hb_keccak_absorb(&ctx, in, inlen);
	hbox_shake_squeeze(&ctx, out, outlen);
	hbox_shake_wipe(&ctx);
}

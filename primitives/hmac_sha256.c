/*
 * hmac_sha256.c - HMAC-SHA256 (RFC 2104, FIPS 198-1).
 */
#include "hmac_sha256.h"
#include "hb_internal.h"

void hbox_hmac_sha256_init(hbox_hmac_sha256_ctx *ctx, const uint8_t *key, size_t keylen)
{
	uint8_t pad[HBOX_SHA256_BLOCKBYTES];
	int i;

	/* K0: the key, or its hash when longer than a block, zero-padded. */
	memset(pad, 0, sizeof pad);
	if (keylen > HBOX_SHA256_BLOCKBYTES)
		hbox_sha256(pad, key, keylen);
	else if (keylen != 0)
		memcpy(pad, key, keylen);

	for (i = 0; i < HBOX_SHA256_BLOCKBYTES; i++)
		pad[i] ^= 0x36; /* ipad */
	hbox_sha256_init(&ctx->inner);
	hbox_sha256_update(&ctx->inner, pad, sizeof pad);
	for (i = 0; i < HBOX_SHA256_BLOCKBYTES; i++)
		pad[i] ^= 0x36 ^ 0x5c; /* ipad off, opad on */
	hbox_sha256_init(&ctx->outer);
	hbox_sha256_update(&ctx->outer, pad, sizeof pad);
	hbox_wipe(pad, sizeof pad);
}

void hbox_hmac_sha256_update(hbox_hmac_sha256_ctx *ctx, const uint8_t *msg, size_t len)
{
	hbox_sha256_update(&ctx->inner, msg, len);
}

void hbox_hmac_sha256_final(hbox_hmac_sha256_ctx *ctx, uint8_t out[HBOX_HMAC_SHA256_BYTES])
{
	uint8_t ih[HBOX_SHA256_BYTES];

	hbox_sha256_final(&ctx->inner, ih);
	hbox_sha256_update(&ctx->outer, ih, sizeof ih);
	hbox_sha256_final(&ctx->outer, out);
	hbox_wipe(ih, sizeof ih);
	/* Both halves were wiped by hbox_sha256_final. */
}

void hbox_hmac_sha256(uint8_t out[HBOX_HMAC_SHA256_BYTES], const uint8_t *key, size_t keylen,
                      const uint8_t *msg, size_t msglen)
{
	hbox_hmac_sha256_ctx ctx;
	hbox_hmac_sha256_init(&ctx, key, keylen);
	hbox_hmac_sha256_update(&ctx, msg, msglen);
	hbox_hmac_sha256_final(&ctx, out);
}

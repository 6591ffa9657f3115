/*
 * hmac_sha256.c - HMAC-SHA256 (RFC 2104, FIPS 198-1).
 *
 * Keying compresses the two blocks K0 ^ ipad and K0 ^ opad once (with
 * SHA-NI side by side, as they are independent). The outer context keeps
 * only its keyed state: final hashes the inner digest on top of it as a
 * single block of words, with no buffering (with SHA-NI the inner padding
 * and the outer block are one kernel call).
 */
#include "hmac_sha256.h"
#include "hb_cpu.h"
#include "hb_internal.h"
#include "hb_sha256.h"

void hb_hmac_sha256_keys(uint32_t inner[8], uint32_t outer[8], const uint8_t k0[64])
{
	uint8_t pad[HBOX_SHA256_BLOCKBYTES];
	int i;

#if HB_X86_SIMD
	if (hbox_cpu_features() & HBOX_CPU_SHA) {
		hb_hmac_sha256_keys_shani(inner, outer, k0, hb_sha256_h0);
		return;
	}
#endif
	for (i = 0; i < HBOX_SHA256_BLOCKBYTES; i++)
		pad[i] = (uint8_t)(k0[i] ^ 0x36); /* ipad */
	memcpy(inner, hb_sha256_h0, sizeof hb_sha256_h0);
	hb_sha256_blocks(inner, pad, 1);
	for (i = 0; i < HBOX_SHA256_BLOCKBYTES; i++)
		pad[i] = (uint8_t)(k0[i] ^ 0x5c); /* opad */
	memcpy(outer, hb_sha256_h0, sizeof hb_sha256_h0);
	hb_sha256_blocks(outer, pad, 1);
	hbox_wipe(pad, sizeof pad);
}

void hb_hmac_sha256_finish(hbox_sha256_ctx *ictx, const uint32_t outer[8], uint8_t out[32])
{
	uint32_t s[8], w[16];

#if HB_X86_SIMD
	if (hbox_cpu_features() & HBOX_CPU_SHA) {
		hb_hmac_sha256_final_shani(ictx->state, ictx->buf,
		                           (size_t)(ictx->count & (HBOX_SHA256_BLOCKBYTES - 1)),
		                           ictx->count << 3, outer, out);
		hbox_wipe(ictx, sizeof *ictx);
		return;
	}
#endif
	/* The inner digest goes straight from state words to message words. */
	hb_sha256_pad_final(ictx);
	memcpy(w, ictx->state, sizeof ictx->state);
	hbox_wipe(ictx, sizeof *ictx);
	hb_sha256_pad96(w);
	memcpy(s, outer, sizeof s);
	hb_sha256_compress(s, w);
	hb_sha256_store_be(out, s, 8);
	hbox_wipe(s, sizeof s);
	hbox_wipe(w, sizeof w);
}

void hbox_hmac_sha256_init(hbox_hmac_sha256_ctx *ctx, const uint8_t *key, size_t keylen)
{
	uint8_t k0[HBOX_SHA256_BLOCKBYTES];

	/* K0: the key, or its hash when longer than a block, zero-padded. */
	memset(k0, 0, sizeof k0);
	if (keylen > HBOX_SHA256_BLOCKBYTES)
		hbox_sha256(k0, key, keylen);
	else if (keylen != 0)
		memcpy(k0, key, keylen);
	hb_hmac_sha256_keys(ctx->inner.state, ctx->outer.state, k0);
	/* One block absorbed by each; the buffers are empty (their bytes are
	 * never read while empty, so they are left as they are). */
	ctx->inner.count = HBOX_SHA256_BLOCKBYTES;
	ctx->outer.count = HBOX_SHA256_BLOCKBYTES;
	hbox_wipe(k0, sizeof k0);
}

void hbox_hmac_sha256_update(hbox_hmac_sha256_ctx *ctx, const uint8_t *msg, size_t len)
{
	hbox_sha256_update(&ctx->inner, msg, len);
}

void hbox_hmac_sha256_final(hbox_hmac_sha256_ctx *ctx, uint8_t out[HBOX_HMAC_SHA256_BYTES])
{
	hb_hmac_sha256_finish(&ctx->inner, ctx->outer.state, out);
	hbox_wipe(&ctx->outer, sizeof ctx->outer);
}

void hbox_hmac_sha256(uint8_t out[HBOX_HMAC_SHA256_BYTES], const uint8_t *key, size_t keylen,
                      const uint8_t *msg, size_t msglen)
{
	hbox_hmac_sha256_ctx ctx;
	hbox_hmac_sha256_init(&ctx, key, keylen);
	hbox_hmac_sha256_update(&ctx, msg, msglen);
	hbox_hmac_sha256_final(&ctx, out);
}

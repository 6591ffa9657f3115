/*
 * hmac_sha256.h - HMAC-SHA256 (RFC 2104 / FIPS 198-1).
 *
 * HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m)), where K0 is the key
 * padded with zeros to 64 bytes, or SHA-256(K) padded when the key is
 * longer than 64 bytes (RFC 2104 section 2).
 *
 * The context is a plain struct without pointers: copying it (`=` or
 * memcpy) forks the MAC computation, e.g. to MAC several messages that
 * share a prefix, or the same key over many messages without re-keying.
 */
#ifndef HOPEBOX_HMAC_SHA256_H
#define HOPEBOX_HMAC_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "sha256.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_HMAC_SHA256_BYTES 32    /* MAC (tag) */
#define HBOX_HMAC_SHA256_KEYBYTES 32 /* recommended key size; any length works */

/*
 * Incremental HMAC state. Treat the fields as private: inner has absorbed
 * K0 ^ ipad and the message so far, outer has absorbed K0 ^ opad.
 */
typedef struct hbox_hmac_sha256_ctx {
	hbox_sha256_ctx inner;
	hbox_sha256_ctx outer;
} hbox_hmac_sha256_ctx;

/*
 * out = HMAC-SHA256(key[0..keylen), msg[0..msglen)). key may be NULL when
 * keylen is 0, msg when msglen is 0; out may overlap key or msg (both are
 * read before out is written). To check a received tag, compute the MAC
 * and compare with hbox_verify32, never memcmp.
 */
void hbox_hmac_sha256(uint8_t out[HBOX_HMAC_SHA256_BYTES], const uint8_t *key, size_t keylen,
                      const uint8_t *msg, size_t msglen);

/*
 * Start an incremental HMAC under key[0..keylen) (key may be NULL when
 * keylen is 0). The key is not kept: it may be wiped right after this call.
 */
void hbox_hmac_sha256_init(hbox_hmac_sha256_ctx *ctx, const uint8_t *key, size_t keylen);

/* Absorb msg[0..len); any number of calls, any lengths (msg may be NULL
 * when len is 0). */
void hbox_hmac_sha256_update(hbox_hmac_sha256_ctx *ctx, const uint8_t *msg, size_t len);

/*
 * Write the MAC of everything absorbed since _init to out and wipe ctx.
 * To take an intermediate MAC and keep going, call this on a copy of ctx.
 */
void hbox_hmac_sha256_final(hbox_hmac_sha256_ctx *ctx, uint8_t out[HBOX_HMAC_SHA256_BYTES]);

#ifdef __cplusplus
}
#endif

#endif

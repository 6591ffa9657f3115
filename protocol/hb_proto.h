/*
 * hb_proto.h - private helpers shared by the protocol/ modules: the
 * handshake transcript and key schedule of PROTOCOLS.md ("Common
 * notation"), constant-time selection, the random source, and test hooks.
 *
 * Constant-time convention of protocol/: every verdict that depends on a
 * secret (a MAC or box check, an all-zero X25519 result, a password proof)
 * becomes a mask `fail` (0 or all-ones) and is never branched on inside the
 * library. Outputs are computed in full, then zeroed under the mask; the
 * object's next state, its secrets and its error code are selected under
 * the mask. Only the caller branches, on the return value. Checks on public
 * data (state, type byte, length, flags, counters) branch normally, before
 * anything is computed, and leave the object unchanged.
 */
#ifndef HB_PROTO_H
#define HB_PROTO_H

#include "hb_internal.h"
#include "randombytes.h"
#include "record.h"
#include "sha256.h"

/* ---- transcript (th) ---- */

/* Start th: a SHA-256 that absorbs the ASCII protocol name, e.g.
 * "hopebox/v1 nhx" (no terminator, no length). */
void hb_th_init(hbox_sha256_ctx *th, const char *name);

/* Absorb one handshake message exactly as sent (type byte included). */
static inline void hb_th_absorb(hbox_sha256_ctx *th, const uint8_t *msg, size_t len)
{
	hbox_sha256_update(th, msg, len);
}

/* Freeze: out = the digest of th followed by tail[0..len) (the message
 * part before a MAC), taken on a copy: th itself is unchanged. */
void hb_th_peek(uint8_t out[32], const hbox_sha256_ctx *th, const uint8_t *tail, size_t len);

/* ---- key schedule ---- */

struct hb_keys {
	uint8_t i2r[32];
	uint8_t r2i[32];
	uint8_t confirm[32];
};

/* KDF(ikm, label) = HKDF-SHA256(salt = th, ikm, info = "hopebox/v1 " ||
 * label), 96 bytes split into i2r || r2i || confirm. label is at most 16
 * characters. */
void hb_kdf(struct hb_keys *k, const uint8_t th[32], const uint8_t *ikm, size_t ikmlen,
            const char *label);

/* confirm(role) = HMAC-SHA256(k_confirm, role || th), role HBOX_ROLE_I/_R. */
void hb_confirm(uint8_t mac[32], const uint8_t k_confirm[32], uint8_t role, const uint8_t th[32]);

/* Open ch for the side `role` with the keys k and the session id
 * SHA-256("id" || th); stream mode, counters 0. */
void hb_channel_setup(hbox_channel *ch, const struct hb_keys *k, uint8_t role,
                      const uint8_t th[32]);

/* Close ch when fail is all-ones (keys and session id zeroed, state
 * CLOSED); leave it when fail is 0. A freshly set-up channel becomes all
 * zero on failure. */
void hb_channel_fail_if(hbox_channel *ch, uint32_t fail);

/* ---- randomness ---- */

/* Draw len bytes from rng, or from hbox_randombytes when rng is NULL.
 * Returns 0, or -1 with out zeroed. */
int hb_random(hbox_randombytes_fn rng, uint8_t *out, size_t len);

/* ---- constant-time selection ---- */

/* 0 / all-ones from a primitive's 0 / -1 return value (possibly secret). */
static inline uint32_t hb_fail_mask(int rc)
{
	return hb_mask_nonzero32((uint32_t)rc);
}

/* Zero p[0..n) when fail is all-ones; leave it when fail is 0. */
static inline void hb_ct_zero_if(void *p, size_t n, uint32_t fail)
{
	uint8_t *b = (uint8_t *)p;
	uint8_t keep;
	size_t i;
	HB_BARRIER32(fail);
	keep = (uint8_t)~fail;
	for (i = 0; i < n; i++)
		b[i] &= keep;
}

/* m all-ones: a; m zero: b. */
static inline uint8_t hb_ct_sel8(uint32_t m, uint8_t a, uint8_t b)
{
	return (uint8_t)((a & m) | (b & ~m));
}

static inline uint64_t hb_ct_sel64(uint32_t m, uint64_t a, uint64_t b)
{
	uint64_t m64 = (uint64_t)0 - (uint64_t)(m & 1u);
	HB_BARRIER64(m64);
	return (a & m64) | (b & ~m64);
}

/* The stored form of an error code: its magnitude (codes are negative). */
static inline uint8_t hb_errbyte(int code)
{
	return (uint8_t)(-code);
}

/* ---- test hooks (tests and fuzzers only; never called by the library) ---- */

/* Set the next send counter and the receive position (stream: next
 * expected counter; datagram: highest counter seen), clearing the window
 * and the exhaustion flags, to test the limits without 2^64 records. */
void hb_channel_set_counters(hbox_channel *ch, uint64_t send_next, uint64_t recv_top);

#endif

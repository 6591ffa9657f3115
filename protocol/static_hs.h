/*
 * static_hs.h - static-key handshakes on X25519 boxes (PROTOCOLS.md
 * section 4): poorman_handshake's HalfHandShake and HandShake, and the
 * Alice/Bob/Oscar key transport, with NaCl boxes in place of RSA.
 *
 *   half    I->R  0x41 || nonce (24) || box(secret (32), nonce, pk_R, sk_I)  73 bytes
 *           keys = KDF(secret, "half"); th over the message.
 *   mutual  I->R and R->I, each  0x42 || nonce || box(secret_X, nonce, pk_peer, sk_X)
 *           keys = KDF(secret_I || secret_R, "mutual"); th over I's then R's.
 *   seal    I->R  0x43 || sealed box(secret, pk_R)                           81 bytes
 *           keys = KDF(secret, "seal"); th over the message.
 *
 * half: both know each other's static key; the receiver authenticates the
 *   sender. One message, so no freshness from the receiver: a replayed
 *   message gives the receiver the same keys again (the attacker still
 *   cannot use them). Use mutual when that matters.
 * mutual: each side contributes a secret; each side writes its message,
 *   then reads the peer's (the messages may cross). A message that carries
 *   our own nonce (reflected back to us) is refused.
 * seal: anonymous sender; only R is authenticated (by holding sk_R).
 *
 * One struct type serves the three protocols; the init function chosen
 * fixes which, and the other protocols' functions then fail (HBOX_ESTATE).
 *
 * States (hbox_static_hs_state):
 *   HBOX_SHS_NONE    wiped / never set up
 *   HBOX_SHS_START   set up
 *   HBOX_SHS_SENT    mutual: our message written, the peer's awaited
 *   HBOX_SHS_DONE    finished (secrets wiped)
 *   HBOX_SHS_FAILED  authentication failed or small-order key: final
 * Errors (hbox_static_hs_last_error): HBOX_ESTATE (also: the wrong role or
 * protocol), HBOX_EBADMSG, HBOX_ERNG, HBOX_EPARAM (object unchanged);
 * HBOX_EAUTH (box does not open, reflected message) and HBOX_EKEY (a
 * small-order public key): final.
 *
 * Randomness (rng, NULL: hbox_randombytes), one call per message written:
 * half and mutual draw secret (32) || nonce (24); seal draws secret (32) ||
 * the sealed box's ephemeral secret key (32).
 */
#ifndef HOPEBOX_STATIC_HS_H
#define HOPEBOX_STATIC_HS_H

#include <stddef.h>
#include <stdint.h>

#include "randombytes.h"
#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_HALF_MSG 0x41 /* type bytes */
#define HBOX_MUTUAL_MSG 0x42
#define HBOX_SEAL_MSG 0x43
#define HBOX_HALF_MSG_BYTES 73
#define HBOX_MUTUAL_MSG_BYTES 73
#define HBOX_SEAL_MSG_BYTES 81
#define HBOX_SHS_PUBLICKEYBYTES 32
#define HBOX_SHS_SECRETKEYBYTES 32

#define HBOX_SHS_NONE 0
#define HBOX_SHS_START 1
#define HBOX_SHS_SENT 2
#define HBOX_SHS_DONE 3
#define HBOX_SHS_FAILED 4

typedef struct hbox_static_hs {
	uint8_t sk[32];     /* our static secret key (not the seal sender's) */
	uint8_t pk[32];     /* the peer's public key; seal receiver: our own */
	uint8_t secret[32]; /* mutual: our secret */
	uint8_t own[HBOX_MUTUAL_MSG_BYTES]; /* mutual: our message */
	hbox_randombytes_fn rng;
	uint8_t proto;      /* the type byte of the protocol */
	uint8_t role, state, err;
} hbox_static_hs;

/*
 * half: set up the sender (role HBOX_ROLE_I: sk = its secret key, pk = the
 * receiver's public key) or the receiver (HBOX_ROLE_R: sk = its secret key,
 * pk = the sender's public key). rng: random source or NULL.
 * Returns 0 (state START), or -1 (HBOX_EPARAM: bad role or NULL key).
 */
int hbox_half_init(hbox_static_hs *st, uint8_t role, const uint8_t sk[HBOX_SHS_SECRETKEYBYTES],
                   const uint8_t pk[HBOX_SHS_PUBLICKEYBYTES], hbox_randombytes_fn rng);

/*
 * half, sender: write the message and set up ch (initiator side).
 * Returns 0 (state DONE), or -1 with msg and ch zeroed: HBOX_ESTATE,
 * HBOX_ERNG (st unchanged); HBOX_EKEY (the receiver's key has small
 * order): final.
 */
int hbox_half_write(hbox_static_hs *st, hbox_channel *ch, uint8_t msg[HBOX_HALF_MSG_BYTES]);

/*
 * half, receiver: read the message (len bytes) and set up ch (responder
 * side). Returns 0 (state DONE), or -1 with ch zeroed: HBOX_ESTATE,
 * HBOX_EBADMSG (st unchanged); HBOX_EAUTH (not boxed by the sender's key):
 * final.
 */
int hbox_half_read(hbox_static_hs *st, hbox_channel *ch, const uint8_t *msg, size_t len);

/*
 * mutual: set up either side (role HBOX_ROLE_I or HBOX_ROLE_R; sk = our
 * secret key, pk = the peer's public key). Returns 0, or -1 (HBOX_EPARAM).
 */
int hbox_mutual_init(hbox_static_hs *st, uint8_t role, const uint8_t sk[HBOX_SHS_SECRETKEYBYTES],
                     const uint8_t pk[HBOX_SHS_PUBLICKEYBYTES], hbox_randombytes_fn rng);

/*
 * mutual: write our message. Returns 0 (state SENT), or -1 with msg
 * zeroed: HBOX_ESTATE, HBOX_ERNG (st unchanged); HBOX_EKEY: final.
 */
int hbox_mutual_write(hbox_static_hs *st, uint8_t msg[HBOX_MUTUAL_MSG_BYTES]);

/*
 * mutual: read the peer's message (len bytes) and set up ch. Returns 0
 * (state DONE), or -1 with ch zeroed: HBOX_ESTATE (not written yet),
 * HBOX_EBADMSG (st unchanged); HBOX_EAUTH (box does not open, or our own
 * message reflected): final.
 */
int hbox_mutual_read(hbox_static_hs *st, hbox_channel *ch, const uint8_t *msg, size_t len);

/*
 * seal: set up the anonymous sender with the receiver's public key
 * (sk_or_pk = pk_R, role HBOX_ROLE_I) or the receiver with its secret key
 * (sk_or_pk = sk_R, role HBOX_ROLE_R). Returns 0, or -1 (HBOX_EPARAM).
 */
int hbox_seal_init(hbox_static_hs *st, uint8_t role, const uint8_t sk_or_pk[32],
                   hbox_randombytes_fn rng);

/*
 * seal, sender: write the message and set up ch (initiator side).
 * Returns 0 (state DONE), or -1 with msg and ch zeroed: HBOX_ESTATE,
 * HBOX_ERNG (st unchanged); HBOX_EKEY (pk_R of small order): final.
 */
int hbox_seal_write(hbox_static_hs *st, hbox_channel *ch, uint8_t msg[HBOX_SEAL_MSG_BYTES]);

/*
 * seal, receiver: read the message (len bytes) and set up ch (responder
 * side). Returns 0, or -1 with ch zeroed: HBOX_ESTATE, HBOX_EBADMSG (st
 * unchanged); HBOX_EAUTH: final.
 */
int hbox_seal_read(hbox_static_hs *st, hbox_channel *ch, const uint8_t *msg, size_t len);

/* The state (HBOX_SHS_*). */
int hbox_static_hs_state(const hbox_static_hs *st);

/* The last error code (HBOX_OK after a success). */
int hbox_static_hs_last_error(const hbox_static_hs *st);

/* Wipe st (state becomes HBOX_SHS_NONE). */
void hbox_static_hs_wipe(hbox_static_hs *st);

#ifdef __cplusplus
}
#endif

#endif

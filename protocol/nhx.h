/*
 * nhx.h - hybrid NewHope + X25519 key exchange with a sealed prekey chunk
 * (PROTOCOLS.md section 1; the seed NewHope_X25519_XSalsa20_Poly1305 made
 * sound: everything is bound by the transcript and confirmed by MACs).
 *
 *   HELLO  R->I    33 bytes  0x10 || pk_R
 *   INIT   I->R  1937 bytes  0x11 || epk_I || senda (1824) || seal(chunk, pk_R) (80)
 *   RESP   R->I  2113 bytes  0x12 || epk_R || sendb (2048) || confirm('R')
 *   FIN    I->R    33 bytes  0x13 || confirm('I')
 *
 * prekey = nh_key || chunk (64 bytes, the seed's value, exported);
 * keys = KDF(nh_key || chunk || X25519(e_I, e_R), "nhx") with th over HELLO
 * (when it was sent), INIT and RESP up to its MAC.
 *
 * Who sends HELLO: on a connection, R sends HELLO as soon as it opens (a
 * pinning I checks it). Elsewhere only when I does not pin pk_R. Both sides
 * must agree: R's transcript holds HELLO iff hbox_nhx_write_hello was
 * called, I's iff hbox_nhx_read_hello accepted one.
 *
 * Security: pinning pk_R authenticates R (only its secret key opens the
 * chunk, and confirm('R') depends on the chunk); without a pin, HELLO is
 * unauthenticated and a man in the middle can substitute its own key. I is
 * never authenticated. X25519(e_I, e_R) keeps forward secrecy if sk_R is
 * stolen later; NewHope protects against a future quantum attacker.
 *
 * Use (initiator):  hbox_nhx_initiator_init, [hbox_nhx_read_hello],
 *                   hbox_nhx_write_init, hbox_nhx_read_resp (gives FIN,
 *                   channel, prekey).
 * Use (responder):  hbox_nhx_responder_init, [hbox_nhx_write_hello],
 *                   hbox_nhx_read_init (gives RESP), hbox_nhx_read_fin
 *                   (gives channel, prekey).
 *
 * States (hbox_nhx_state):
 *   HBOX_NHX_NONE      wiped / never set up
 *   HBOX_NHX_I_START   initiator: may read a HELLO, then write INIT
 *   HBOX_NHX_I_SENT    initiator: INIT written, waits for RESP
 *   HBOX_NHX_R_START   responder: may write HELLO, waits for INIT
 *   HBOX_NHX_R_SENT    responder: RESP written, waits for FIN
 *   HBOX_NHX_DONE      finished, secrets wiped
 *   HBOX_NHX_FAILED    authentication failed: final, secrets wiped
 * Errors (hbox_nhx_last_error): HBOX_ESTATE (also: INIT before the
 * responder key is known, a second HELLO), HBOX_EBADMSG (type, size, or a
 * NewHope coefficient >= q), HBOX_EKEY from read_hello (not the pinned key),
 * HBOX_ERNG, HBOX_EPARAM: object unchanged. HBOX_EAUTH (sealed chunk or MAC
 * fails) and HBOX_EKEY from the other steps (a small-order X25519 key):
 * final.
 *
 * Randomness (rng, NULL: hbox_randombytes), one call per step:
 *   responder_init without a key: sk_R (32);
 *   write_init: e_I (32) || NewHope keygen coins (64: public seed, noise
 *               seed) || chunk (32) || ephemeral key of the sealed box (32);
 *   read_init:  NewHope sharedb coins (32) || e_R (32).
 */
#ifndef HOPEBOX_NHX_H
#define HOPEBOX_NHX_H

#include <stddef.h>
#include <stdint.h>

#include "newhope.h"
#include "randombytes.h"
#include "record.h"
#include "sha256.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_NHX_HELLO 0x10 /* type bytes */
#define HBOX_NHX_INIT 0x11
#define HBOX_NHX_RESP 0x12
#define HBOX_NHX_FIN 0x13
#define HBOX_NHX_HELLO_BYTES 33
#define HBOX_NHX_INIT_BYTES 1937
#define HBOX_NHX_RESP_BYTES 2113
#define HBOX_NHX_FIN_BYTES 33
#define HBOX_NHX_PREKEYBYTES 64
#define HBOX_NHX_PUBLICKEYBYTES 32
#define HBOX_NHX_SECRETKEYBYTES 32

#define HBOX_NHX_NONE 0
#define HBOX_NHX_I_START 1
#define HBOX_NHX_I_SENT 2
#define HBOX_NHX_R_START 3
#define HBOX_NHX_R_SENT 4
#define HBOX_NHX_DONE 5
#define HBOX_NHX_FAILED 6

typedef struct hbox_nhx {
	hbox_sha256_ctx th;                  /* running transcript */
	uint8_t nh_sk[HBOX_NEWHOPE_SKBYTES]; /* I: NewHope secret key */
	uint8_t e[32];                       /* I: e_I */
	uint8_t chunk[32];                   /* I: the sealed chunk */
	uint8_t pk_r[32];                    /* R's public key (pinned, from HELLO, or own) */
	uint8_t sk_r[32];                    /* R: own secret key */
	uint8_t keys[96];                    /* R after INIT: k_i2r || k_r2i || k_confirm */
	uint8_t th_final[32];                /* R after INIT: frozen th */
	uint8_t prekey[HBOX_NHX_PREKEYBYTES]; /* R after INIT */
	hbox_randombytes_fn rng;
	uint8_t have_pk;                     /* I: pk_r is set (pinned or HELLO) */
	uint8_t pinned;                      /* I: pk_r was given at init */
	uint8_t hello;                       /* HELLO sent (R) / received (I) */
	uint8_t state, err;
} hbox_nhx;

/*
 * Set up an initiator.
 *   pinned_pk: R's static public key to pin, or NULL (then a HELLO must
 *              be read before INIT)
 *   rng:       random source, or NULL for hbox_randombytes
 * Returns 0 (state HBOX_NHX_I_START).
 */
int hbox_nhx_initiator_init(hbox_nhx *st, const uint8_t pinned_pk[HBOX_NHX_PUBLICKEYBYTES],
                            hbox_randombytes_fn rng);

/*
 * Set up a responder.
 *   sk:  R's static X25519 secret key (its public key, hbox_x25519_base(sk),
 *        is what initiators pin), or NULL for a fresh per-session key
 *   rng: as above
 * Returns 0 (state HBOX_NHX_R_START), or -1 (HBOX_ERNG, st wiped) when a
 * per-session key cannot be drawn.
 */
int hbox_nhx_responder_init(hbox_nhx *st, const uint8_t sk[HBOX_NHX_SECRETKEYBYTES],
                            hbox_randombytes_fn rng);

/*
 * Responder: write HELLO (0x10 || pk_R). Allowed before INIT is read;
 * calling it again writes the same bytes (for retransmission).
 * Returns 0, or -1 (HBOX_ESTATE, hello zeroed).
 */
int hbox_nhx_write_hello(hbox_nhx *st, uint8_t hello[HBOX_NHX_HELLO_BYTES]);

/*
 * Initiator: read R's HELLO (len bytes). With a pinned key, the HELLO must
 * carry exactly that key (else HBOX_EKEY); without, its key is adopted.
 * Returns 0, or -1 with HBOX_ESTATE (after INIT, or a second HELLO),
 * HBOX_EBADMSG or HBOX_EKEY; st is unchanged then.
 */
int hbox_nhx_read_hello(hbox_nhx *st, const uint8_t *hello, size_t len);

/*
 * Initiator: write INIT. Needs R's key (pinned or from HELLO).
 * Returns 0 (state HBOX_NHX_I_SENT), or -1 with init zeroed: HBOX_ESTATE,
 * HBOX_ERNG (st unchanged), or HBOX_EKEY when pk_R has small order (final).
 */
int hbox_nhx_write_init(hbox_nhx *st, uint8_t init[HBOX_NHX_INIT_BYTES]);

/*
 * Responder: read INIT (len bytes), write RESP.
 * Returns 0 (state HBOX_NHX_R_SENT), or -1 with resp zeroed:
 * HBOX_ESTATE, HBOX_EBADMSG, HBOX_ERNG (st unchanged); HBOX_EAUTH (the
 * sealed chunk does not open) or HBOX_EKEY (epk_I of small order): final.
 */
int hbox_nhx_read_init(hbox_nhx *st, uint8_t resp[HBOX_NHX_RESP_BYTES], const uint8_t *init,
                       size_t len);

/*
 * Initiator: read RESP (len bytes), check confirm('R'), write FIN and set
 * up the channel.
 *   fin:    out, the FIN to send
 *   ch:     out, the channel (initiator side)
 *   prekey: out, nh_key || chunk (64 bytes), or NULL when not wanted
 * Returns 0 (state HBOX_NHX_DONE), or -1 with fin, ch and prekey zeroed:
 * HBOX_ESTATE, HBOX_EBADMSG (st unchanged); HBOX_EAUTH (MAC) or HBOX_EKEY
 * (epk_R of small order): final.
 */
int hbox_nhx_read_resp(hbox_nhx *st, uint8_t fin[HBOX_NHX_FIN_BYTES], hbox_channel *ch,
                       uint8_t prekey[HBOX_NHX_PREKEYBYTES], const uint8_t *resp, size_t len);

/*
 * Responder: read FIN (len bytes), check confirm('I'), set up the channel.
 *   ch, prekey: as for hbox_nhx_read_resp (responder side)
 * Returns 0 (state HBOX_NHX_DONE), or -1 with ch and prekey zeroed:
 * HBOX_ESTATE, HBOX_EBADMSG (st unchanged); HBOX_EAUTH: final.
 */
int hbox_nhx_read_fin(hbox_nhx *st, hbox_channel *ch, uint8_t prekey[HBOX_NHX_PREKEYBYTES],
                      const uint8_t *fin, size_t len);

/* The state (HBOX_NHX_*). */
int hbox_nhx_state(const hbox_nhx *st);

/* The last error code (HBOX_OK after a success). */
int hbox_nhx_last_error(const hbox_nhx *st);

/* Wipe st (state becomes HBOX_NHX_NONE). */
void hbox_nhx_wipe(hbox_nhx *st);

#ifdef __cplusplus
}
#endif

#endif

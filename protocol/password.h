/*
 * password.h - the PBKDF2 password handshake (PROTOCOLS.md section 3;
 * poorman_handshake's PasswordHandShake with its reflection bug fixed).
 *
 * Each side sends one message, in either order or crossing on the wire:
 *   0x31 || iters (4, big-endian) || iv (16) || proof (32)      53 bytes
 *   proof = HMAC-SHA256(PBKDF2-SHA256(password, iv, iters, 32),
 *                       "hopebox/v1 pw-proof" || role)
 * with role the sender's 'I' or 'R'. Each side checks the peer's proof,
 * then derives material = PBKDF2-SHA256(password, iv_I XOR iv_R, iters, 32)
 * and keys = KDF(material, "password"), th over I's message then R's.
 *
 * SECURITY: this is not a PAKE. Anyone who records one message (a passive
 * eavesdropper, or anyone who connects and gets the peer's answer) can test
 * password guesses offline, at the cost of `iters` HMAC iterations per
 * guess. Use a long random password, or a handshake with keys.
 *
 * Rules enforced: iters >= HBOX_PASSWORD_MIN_ITERS (10,000) on both sides;
 * a peer message announcing another count is refused (HBOX_EITERS); a
 * message carrying our own iv (reflected back to us) is refused as an
 * authentication failure, as is a proof made with the other role.
 *
 * Use: hbox_password_init, hbox_password_write (send the message), then
 * hbox_password_read with the peer's message (gives the channel). Each side
 * writes before it reads; the two messages may cross on the wire.
 * Cost: three PBKDF2 runs of `iters` iterations per side.
 *
 * States (hbox_password_state):
 *   HBOX_PASSWORD_NONE    wiped / never set up
 *   HBOX_PASSWORD_START   set up: write
 *   HBOX_PASSWORD_SENT    message written: read the peer's
 *   HBOX_PASSWORD_DONE    finished, secrets wiped
 *   HBOX_PASSWORD_FAILED  wrong password, forged or reflected message:
 *                         final, secrets wiped
 * Errors (hbox_password_last_error): HBOX_ESTATE, HBOX_EBADMSG, HBOX_EITERS,
 * HBOX_ERNG, HBOX_EPARAM (object unchanged); HBOX_EAUTH (final).
 *
 * Randomness (rng, NULL: hbox_randombytes): write draws the iv (16).
 */
#ifndef HOPEBOX_PASSWORD_H
#define HOPEBOX_PASSWORD_H

#include <stddef.h>
#include <stdint.h>

#include "randombytes.h"
#include "record.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_PASSWORD_MSG 0x31 /* type byte */
#define HBOX_PASSWORD_MSG_BYTES 53
#define HBOX_PASSWORD_IVBYTES 16
#define HBOX_PASSWORD_MIN_ITERS 10000u
#define HBOX_PASSWORD_DEFAULT_ITERS 100000u

#define HBOX_PASSWORD_NONE 0
#define HBOX_PASSWORD_START 1
#define HBOX_PASSWORD_SENT 2
#define HBOX_PASSWORD_DONE 3
#define HBOX_PASSWORD_FAILED 4

typedef struct hbox_password {
	uint8_t pw[64];   /* the HMAC key the password stands for (see _init) */
	uint8_t own[HBOX_PASSWORD_MSG_BYTES]; /* our message */
	hbox_randombytes_fn rng;
	uint32_t iters;
	uint8_t pwlen, role, state, err;
} hbox_password;

/*
 * Set up one side.
 *   role:  HBOX_ROLE_I or HBOX_ROLE_R (the two sides
 *          must take different roles)
 *   pw:    the password, pwlen bytes (any length; NULL when pwlen is 0).
 *          A password longer than 64 bytes is kept as its SHA-256, which
 *          HMAC uses in its place anyway (RFC 2104 section 2), so st holds
 *          at most 64 bytes and pw need not outlive the call.
 *   iters: PBKDF2 iteration count, 0 for HBOX_PASSWORD_DEFAULT_ITERS; both
 *          sides must use the same
 *   rng:   random source, or NULL for hbox_randombytes
 * Returns 0 (state START), or -1 with st wiped: HBOX_EITERS (iters below
 * HBOX_PASSWORD_MIN_ITERS), HBOX_EPARAM (bad role).
 */
int hbox_password_init(hbox_password *st, uint8_t role, const uint8_t *pw, size_t pwlen,
                       uint32_t iters, hbox_randombytes_fn rng);

/*
 * Write our message. Returns 0 (state SENT), or -1 with msg zeroed:
 * HBOX_ESTATE, HBOX_ERNG (st unchanged).
 */
int hbox_password_write(hbox_password *st, uint8_t msg[HBOX_PASSWORD_MSG_BYTES]);

/*
 * Read the peer's message (len bytes), check its proof and set up ch.
 * Returns 0 (state DONE), or -1 with ch zeroed: HBOX_ESTATE (not written
 * yet, or finished), HBOX_EBADMSG, HBOX_EITERS (another count) (st
 * unchanged); HBOX_EAUTH (wrong password, forged or reflected message):
 * final.
 */
int hbox_password_read(hbox_password *st, hbox_channel *ch, const uint8_t *msg, size_t len);

/* The state (HBOX_PASSWORD_*). */
int hbox_password_state(const hbox_password *st);

/* The last error code (HBOX_OK after a success). */
int hbox_password_last_error(const hbox_password *st);

/* Wipe st (state becomes HBOX_PASSWORD_NONE). */
void hbox_password_wipe(hbox_password *st);

#ifdef __cplusplus
}
#endif

#endif

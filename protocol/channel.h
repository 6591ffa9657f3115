/*
 * channel.h - the channel handshake: CONNECT / ACCEPT, X25519 + HKDF-SHA256,
 * giving a ChaCha20-Poly1305 hbox_channel (record.h). PROTOCOLS.md
 * section 2; the secure channels of the BittrRt (UDP) and X25519-TCP-Chat
 * (TCP) seeds.
 *
 *   CONNECT  I->R  0x21 || flags || key field              34 or 74 bytes
 *   ACCEPT   R->I  0x22 || flags || key field || confirm16 50 or 90 bytes
 *
 * Modes (flags): Noise-NN style by default; bit1 (NK): the client pins
 * the server's static X25519 public key, and the server proves it holds
 * the secret key; bit0 (PSK): both know a 32-byte pre-shared key, which
 * hides the ephemeral keys (the key field becomes nonce || XChaCha20-
 * Poly1305 box of the key, 72 bytes) and is mixed into the keys.
 * ikm = X25519(e_I, e_R) [|| X25519(e_I, s_R)] [|| psk];
 * keys = KDF(ikm, "channel"); confirm16 = first 16 bytes of confirm('R').
 * The client sends no third message: its first record proves it holds
 * the keys, so a server should treat the peer as unconfirmed until a
 * record from it opens.
 *
 * Server policy: a server set up with a PSK requires flag bit0 (a CONNECT
 * without it gets HBOX_EMODE); a server with a static key accepts NN and NK
 * CONNECTs; a server without one refuses NK (HBOX_EMODE).
 *
 * Retransmission (UDP): the client resends the same CONNECT (calling
 * hbox_channel_connect again returns the same bytes) every 100 ms, up to 50
 * times, until an ACCEPT verifies. The server keeps one hbox_channel_hs per
 * client address: a repeated CONNECT (same bytes) gets the same ACCEPT
 * again, with no new key; a late or repeated ACCEPT at the client gets
 * HBOX_ESTATE and is ignored.
 *
 * States (hbox_channel_hs_state):
 *   HBOX_CHANNEL_HS_NONE      wiped / never set up: every call fails
 *   HBOX_CHANNEL_HS_CLIENT    client set up: hbox_channel_connect
 *   HBOX_CHANNEL_HS_SENT      client sent CONNECT: hbox_channel_connect
 *                             (resend) or hbox_channel_finish
 *   HBOX_CHANNEL_HS_SERVER    server set up: hbox_channel_accept
 *   HBOX_CHANNEL_HS_ACCEPTED  server answered: hbox_channel_accept answers
 *                             the same CONNECT again. Only public bytes
 *                             (the two messages) are kept.
 *   HBOX_CHANNEL_HS_DONE      client finished (secrets wiped)
 *   HBOX_CHANNEL_HS_FAILED    authentication failed: final, secrets wiped
 * Errors (hbox_channel_hs_last_error): HBOX_EBADMSG, HBOX_ESTATE, HBOX_EMODE,
 * HBOX_ERNG (object unchanged); HBOX_EAUTH (bad confirm16, wrong PSK) and
 * HBOX_EKEY (all-zero X25519 result): final.
 *
 * Randomness: rng (NULL: hbox_randombytes). The client draws e_I (32)
 * [|| obfuscation nonce (24)] in one call in hbox_channel_connect; the
 * server draws e_R (32) [|| nonce (24)] in hbox_channel_accept.
 */
#ifndef HOPEBOX_CHANNEL_H
#define HOPEBOX_CHANNEL_H

#include <stddef.h>
#include <stdint.h>

#include "randombytes.h"
#include "record.h"
#include "sha256.h"

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_CHANNEL_CONNECT 0x21 /* type bytes */
#define HBOX_CHANNEL_ACCEPT 0x22
#define HBOX_CHANNEL_FLAG_PSK 0x01
#define HBOX_CHANNEL_FLAG_PINNED 0x02
#define HBOX_CHANNEL_PSKBYTES 32
#define HBOX_CHANNEL_PUBLICKEYBYTES 32
#define HBOX_CHANNEL_SECRETKEYBYTES 32
#define HBOX_CHANNEL_CONNECT_BYTES 34     /* without PSK */
#define HBOX_CHANNEL_CONNECT_PSK_BYTES 74 /* with PSK */
#define HBOX_CHANNEL_ACCEPT_BYTES 50
#define HBOX_CHANNEL_ACCEPT_PSK_BYTES 90
#define HBOX_CHANNEL_CONNECT_MAX HBOX_CHANNEL_CONNECT_PSK_BYTES
#define HBOX_CHANNEL_ACCEPT_MAX HBOX_CHANNEL_ACCEPT_PSK_BYTES

#define HBOX_CHANNEL_HS_NONE 0
#define HBOX_CHANNEL_HS_CLIENT 1
#define HBOX_CHANNEL_HS_SENT 2
#define HBOX_CHANNEL_HS_SERVER 3
#define HBOX_CHANNEL_HS_ACCEPTED 4
#define HBOX_CHANNEL_HS_DONE 5
#define HBOX_CHANNEL_HS_FAILED 6

typedef struct hbox_channel_hs {
	hbox_sha256_ctx th;       /* client: th after CONNECT */
	uint8_t e[32];            /* client: ephemeral secret e_I */
	uint8_t psk[32];
	uint8_t k_obf[32];        /* HKDF(psk, "hopebox/v1 obfs") */
	uint8_t skey[32];         /* client: pinned server key; server: static secret */
	uint8_t connect[HBOX_CHANNEL_CONNECT_MAX];
	uint8_t accept[HBOX_CHANNEL_ACCEPT_MAX];
	hbox_randombytes_fn rng;
	uint8_t connect_len, accept_len;
	uint8_t flags;            /* client: flags sent; server: modes it can serve */
	uint8_t state, err;
} hbox_channel_hs;

/*
 * Set up a client.
 *   server_pk: the server's static public key to pin (NK), or NULL (NN)
 *   psk:       32-byte pre-shared key, or NULL
 *   rng:       random source, or NULL for hbox_randombytes
 * Returns 0 (state HBOX_CHANNEL_HS_CLIENT). Any previous content of hs is
 * overwritten.
 */
int hbox_channel_client_init(hbox_channel_hs *hs,
                             const uint8_t server_pk[HBOX_CHANNEL_PUBLICKEYBYTES],
                             const uint8_t psk[HBOX_CHANNEL_PSKBYTES], hbox_randombytes_fn rng);

/*
 * Set up a server, one hbox_channel_hs per client.
 *   server_sk: static secret key (lets clients pin its public key
 *              hbox_x25519_base(server_sk)), or NULL (NN only)
 *   psk, rng:  as for the client
 * Returns 0 (state HBOX_CHANNEL_HS_SERVER).
 */
int hbox_channel_server_init(hbox_channel_hs *hs,
                             const uint8_t server_sk[HBOX_CHANNEL_SECRETKEYBYTES],
                             const uint8_t psk[HBOX_CHANNEL_PSKBYTES], hbox_randombytes_fn rng);

/*
 * Client: write CONNECT into connect (*connect_len = 34 or 74 bytes). In
 * state SENT, writes the same CONNECT again (for retransmission).
 * Returns 0, or -1 (connect zeroed, *connect_len = 0) with HBOX_ESTATE or
 * HBOX_ERNG.
 */
int hbox_channel_connect(hbox_channel_hs *hs, uint8_t connect[HBOX_CHANNEL_CONNECT_MAX],
                         size_t *connect_len);

/*
 * Server: answer a CONNECT (connect_len bytes as received).
 *   accept:     out, the ACCEPT to send (*accept_len = 50 or 90 bytes)
 *   ch:         the client's channel: set up when this call answers the
 *               first CONNECT. Later calls never touch it: a repeated
 *               CONNECT (same bytes) gets the same ACCEPT again and 0,
 *               anything else HBOX_ESTATE, and the live channel goes on.
 * Returns 0, or -1 with accept zeroed, *accept_len = 0 (and, on the first
 * CONNECT, ch zeroed): HBOX_ESTATE, HBOX_EBADMSG, HBOX_EMODE (flags this
 * server cannot honour), HBOX_ERNG (hs unchanged); HBOX_EAUTH (wrong PSK)
 * or HBOX_EKEY (small-order key): final.
 * No output may overlap an input.
 */
int hbox_channel_accept(hbox_channel_hs *hs, uint8_t accept[HBOX_CHANNEL_ACCEPT_MAX],
                        size_t *accept_len, hbox_channel *ch, const uint8_t *connect,
                        size_t connect_len);

/*
 * Client: check the server's ACCEPT (accept_len bytes as received) and set
 * up ch. Returns 0 (state DONE), or -1 with ch zeroed: HBOX_ESTATE,
 * HBOX_EBADMSG, HBOX_EMODE (other flags than sent) (hs unchanged);
 * HBOX_EAUTH (bad confirm16: a forgery, another pinned key, another PSK)
 * or HBOX_EKEY (small-order key): final.
 */
int hbox_channel_finish(hbox_channel_hs *hs, hbox_channel *ch, const uint8_t *accept,
                        size_t accept_len);

/* The state (HBOX_CHANNEL_HS_*). */
int hbox_channel_hs_state(const hbox_channel_hs *hs);

/* The last error code (HBOX_OK after a success). */
int hbox_channel_hs_last_error(const hbox_channel_hs *hs);

/* Wipe hs (state becomes HBOX_CHANNEL_HS_NONE). */
void hbox_channel_hs_wipe(hbox_channel_hs *hs);

#ifdef __cplusplus
}
#endif

#endif

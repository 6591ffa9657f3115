/*
 * record.h - the secure channel every hopebox handshake ends in
 * (hbox_channel), its records, the stream framing helpers, and the error
 * codes shared by every protocol/ module. Wire format: PROTOCOLS.md
 * section 2 "Records" and "Transports".
 *
 * A record is  0x23 || counter (8, big-endian) || ciphertext || tag (16):
 * ChaCha20-Poly1305 (RFC 8439) with nonce = 00 00 00 00 || counter and
 * associated data = 0x23 || counter. Each direction has its own key and
 * counts from 0.
 *
 * Two receive modes, fixed before the first record moves:
 *   HBOX_CHANNEL_STREAM (default)  for TCP and other ordered transports:
 *       the counter must be exactly the next one. ANY failure of
 *       hbox_channel_open (forgery, gap, repeat, bad size) ends the
 *       channel: the stream cannot resynchronise.
 *   HBOX_CHANNEL_DATAGRAM          for UDP: a 2,048-counter sliding window
 *       (as in WireGuard) accepts reordering within the window and rejects
 *       replays and anything older. A bad record is dropped (-1) and the
 *       channel stays usable, so an off-path attacker cannot kill it. The
 *       window is checked and moved only AFTER the tag verified: a forged
 *       record with a huge counter cannot slide the window.
 *
 * Error reporting (every protocol/ module): int functions return 0 on
 * success and -1 on failure, as everywhere in hopebox, and zero their
 * outputs on failure. The reason for the last failure is kept in the
 * object and read with its *_last_error() function: one of the HBOX_E*
 * codes below (all negative), or 0 after a success.
 *
 * Objects are caller-owned plain structs: no heap, no globals, no clock.
 * Treat their fields as private. Never copy a live hbox_channel to use both
 * copies (that reuses nonces); copies are for tests only.
 */
#ifndef HOPEBOX_RECORD_H
#define HOPEBOX_RECORD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- error codes (returned by the *_last_error functions) ---- */
#define HBOX_OK 0
/* Wrong type byte, wrong size, bad flags or non-canonical encoding. The
 * object is unchanged and still accepts the right message. */
#define HBOX_EBADMSG (-2)
/* The call is not valid in the object's current state (message sent in the
 * wrong state, sent twice, object failed or closed). Object unchanged. */
#define HBOX_ESTATE (-3)
/* Authentication failed (MAC, box, AEAD tag, wrong PSK or password,
 * reflected message). In a handshake this is final: the object is wiped
 * and stays failed. For a datagram record, the record is dropped. */
#define HBOX_EAUTH (-4)
/* Password handshake: iteration count below HBOX_PASSWORD_MIN_ITERS, or a
 * peer message announcing a different count. Object unchanged. */
#define HBOX_EITERS (-5)
/* Record counter already seen, older than the window, or (stream mode) not
 * the next one. */
#define HBOX_EREPLAY (-6)
/* A counter would wrap: the channel is closed and wiped. */
#define HBOX_ECOUNTER (-7)
/* A peer public key was refused: not the pinned key, or a point of small
 * order (all-zero X25519 result; final in a handshake). */
#define HBOX_EKEY (-8)
/* The peer asked for (or answered with) a mode this side is not set up
 * for: PSK or pinned-key flags. Object unchanged. */
#define HBOX_EMODE (-9)
/* Invalid argument from the caller (NULL pointer, bad role, too long
 * plaintext). Object unchanged. */
#define HBOX_EPARAM (-10)
/* The random source failed. Object unchanged. */
#define HBOX_ERNG (-11)

/* ---- sizes ---- */
#define HBOX_CHANNEL_KEYBYTES 32
#define HBOX_SESSION_ID_BYTES 32
#define HBOX_RECORD_TYPE 0x23
#define HBOX_RECORD_HEADERBYTES 9   /* type + counter */
#define HBOX_RECORD_OVERHEAD 25     /* type + counter + tag */
#define HBOX_RECORD_MAX_PLAINTEXT 65536
#define HBOX_RECORD_MAX_BYTES (HBOX_RECORD_MAX_PLAINTEXT + HBOX_RECORD_OVERHEAD)
#define HBOX_REPLAY_WINDOW 2048     /* datagram mode: counters kept */
#define HBOX_FRAME_HEADERBYTES 4    /* stream length prefix */
#define HBOX_FRAME_MAX (65536 + 25) /* longest framed message (PROTOCOLS.md) */

/* Handshake roles: the initiator I and the responder R (the byte is the
 * ASCII letter, as used inside MACs and proofs). */
#define HBOX_ROLE_I 0x49
#define HBOX_ROLE_R 0x52

/* Receive modes (hbox_channel_set_mode). */
#define HBOX_CHANNEL_STREAM 0
#define HBOX_CHANNEL_DATAGRAM 1

/* Channel states: a zeroed (wiped) struct is CLOSED. */
#define HBOX_CHANNEL_CLOSED 0
#define HBOX_CHANNEL_OPEN 1

typedef struct hbox_channel {
	uint8_t key_send[HBOX_CHANNEL_KEYBYTES];
	uint8_t key_recv[HBOX_CHANNEL_KEYBYTES];
	uint8_t session_id[HBOX_SESSION_ID_BYTES];
	uint64_t send_next; /* counter of the next record sealed */
	uint64_t recv_top;  /* stream: next expected; datagram: highest accepted */
	uint64_t window[HBOX_REPLAY_WINDOW / 64]; /* datagram: bit (c mod 2048) */
	uint8_t state;      /* HBOX_CHANNEL_CLOSED / _OPEN */
	uint8_t mode;       /* HBOX_CHANNEL_STREAM / _DATAGRAM */
	uint8_t used;       /* a record was sealed or opened: mode is fixed */
	uint8_t send_done;  /* counter 2^64 - 1 was used: sealing is over */
	uint8_t recv_done;  /* stream: counter 2^64 - 1 was received */
	uint8_t err;        /* minus the last error code */
} hbox_channel;

/*
 * Choose the receive mode (HBOX_CHANNEL_STREAM, the default after every
 * handshake, or HBOX_CHANNEL_DATAGRAM). Allowed only before the first
 * record is sealed or opened. Returns 0, or -1 (HBOX_ESTATE when the
 * channel is closed or already used, HBOX_EPARAM for an unknown mode).
 */
int hbox_channel_set_mode(hbox_channel *ch, int mode);

/*
 * Encrypt one record.
 *   record: out, ptlen + HBOX_RECORD_OVERHEAD bytes
 *   pt:     ptlen bytes of plaintext, 0 <= ptlen <= HBOX_RECORD_MAX_PLAINTEXT
 *           (pt may be NULL when ptlen is 0)
 * Uses the next send counter. Returns 0, or -1 with:
 *   HBOX_ESTATE   channel closed (record zeroed);
 *   HBOX_EPARAM   ptlen too long (nothing written, channel unchanged);
 *   HBOX_ECOUNTER the counter space is used up (the record after the one
 *                 with counter 2^64 - 1): the channel is closed and wiped,
 *                 record zeroed.
 * pt and record must not overlap.
 */
int hbox_channel_seal(hbox_channel *ch, uint8_t *record, const uint8_t *pt, size_t ptlen);

/*
 * Decrypt and check one record.
 *   pt:     out, reclen - HBOX_RECORD_OVERHEAD bytes
 *   record: reclen bytes as received (one datagram, or one stream frame
 *           without its 4-byte length)
 * Returns 0, or -1 with pt zeroed and the reason:
 *   HBOX_ESTATE   channel closed;
 *   HBOX_EBADMSG  reclen below 25 or above HBOX_RECORD_MAX_BYTES, or type
 *                 byte not 0x23;
 *   HBOX_EAUTH    the tag does not verify (forgery, or another key);
 *   HBOX_EREPLAY  datagram: counter seen before or older than the window;
 *                 stream: not the next counter;
 *   HBOX_ECOUNTER stream: a record after counter 2^64 - 1.
 * Datagram mode leaves the channel unchanged on failure; stream mode closes
 * and wipes it. pt and record must not overlap.
 */
int hbox_channel_open(hbox_channel *ch, uint8_t *pt, const uint8_t *record, size_t reclen);

/*
 * The 32-byte session identifier SHA-256("id" || th) of the handshake that
 * made ch (equal on both sides; public, e.g. for channel binding or logs).
 * Returns 0, or -1 (HBOX_ESTATE, id zeroed) when ch is closed.
 */
int hbox_channel_session_id(uint8_t id[HBOX_SESSION_ID_BYTES], const hbox_channel *ch);

/* 1 when ch can seal or open records, else 0. */
int hbox_channel_is_open(const hbox_channel *ch);

/* The last error code of ch (HBOX_OK after a success). */
int hbox_channel_last_error(const hbox_channel *ch);

/* Close the channel: wipe its keys and state (the struct reads as closed). */
void hbox_channel_close(hbox_channel *ch);

/*
 * Stream framing (PROTOCOLS.md "Transports"): every message and record on
 * a stream is preceded by its length as 4 bytes big-endian; 0 and lengths
 * above HBOX_FRAME_MAX are errors that close the connection.
 *
 * hbox_frame_encode writes the prefix for a message of len bytes; returns
 * 0, or -1 (prefix zeroed) when len is 0 or above HBOX_FRAME_MAX.
 * hbox_frame_decode reads a prefix; returns 0 with *len set, or -1 with
 * *len = 0 for a forbidden length.
 */
int hbox_frame_encode(uint8_t prefix[HBOX_FRAME_HEADERBYTES], size_t len);
int hbox_frame_decode(size_t *len, const uint8_t prefix[HBOX_FRAME_HEADERBYTES]);

#ifdef __cplusplus
}
#endif

#endif

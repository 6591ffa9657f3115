/*
 * newhope.h - NewHope key exchange (USENIX 2016, n = 1024, q = 12289).
 *
 * Alkim, Ducas, Poeppelmann, Schwabe, "Post-quantum key exchange - a new
 * hope", USENIX Security 2016. Byte-compatible with the authors' reference
 * code (tpoeppelmann/newhope, June 2016): given the same random bytes, every
 * message and key is identical (checked by hopebox-kat against the
 * reference's 1,000-iteration test-vector output).
 *
 * Flow (Alice = initiator, Bob = responder):
 *   Alice: hbox_newhope_keygen(senda, sk)          -> send senda
 *   Bob:   hbox_newhope_sharedb(keyb, sendb, senda) -> send sendb
 *   Alice: hbox_newhope_shareda(keya, sk, sendb)
 * Afterwards keya == keyb except with probability below 2^-60.
 *
 * NewHope is an unauthenticated, ephemeral key exchange: use a keypair for
 * one exchange only and authenticate the transcript (or combine the key
 * with a classical exchange, as the hybrid handshakes in protocol/ do).
 *
 * Wire formats (all public):
 *   senda = pk (1024 coefficients of 14 bits, 4 per 7 bytes, NTT domain)
 *           || 32-byte public seed of the polynomial a
 *   sendb = b' (same packing) || 256 bytes of 2-bit reconciliation hints
 * The secret key is an opaque 1792-byte string (the packed secret polynomial).
 * Decoding rejects any 14-bit field >= q = 12289 (the reference accepted them).
 *
 * No output may overlap an input. All functions are constant time with
 * respect to secret data; the secret key and every intermediate secret are
 * wiped from the stack before returning.
 */
#ifndef HOPEBOX_NEWHOPE_H
#define HOPEBOX_NEWHOPE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_NEWHOPE_SENDABYTES 1824     /* Alice's message */
#define HBOX_NEWHOPE_SENDBBYTES 2048     /* Bob's message */
#define HBOX_NEWHOPE_SKBYTES 1792        /* Alice's secret key */
#define HBOX_NEWHOPE_BYTES 32            /* shared key */
#define HBOX_NEWHOPE_KEYGEN_COINBYTES 64 /* random bytes keygen consumes */
#define HBOX_NEWHOPE_SHAREDB_COINBYTES 32 /* random bytes sharedb consumes */

/*
 * Alice's first step: a fresh secret key and the message for Bob, using 64
 * bytes from hbox_randombytes.
 * Returns 0, or -1 (with senda and sk zeroed) when the random source fails.
 */
int hbox_newhope_keygen(uint8_t senda[HBOX_NEWHOPE_SENDABYTES], uint8_t sk[HBOX_NEWHOPE_SKBYTES]);

/*
 * Bob's step: from Alice's message, the shared key and the reply, using 32
 * bytes from hbox_randombytes.
 * Returns 0; -1 (with key and sendb zeroed) when senda holds a coefficient
 * >= q or the random source fails.
 */
int hbox_newhope_sharedb(uint8_t key[HBOX_NEWHOPE_BYTES], uint8_t sendb[HBOX_NEWHOPE_SENDBBYTES],
                         const uint8_t senda[HBOX_NEWHOPE_SENDABYTES]);

/*
 * Alice's last step: the shared key from her secret key and Bob's reply.
 * Returns 0; -1 (with key zeroed) when sk or sendb holds a coefficient
 * >= q. The check does not branch on sk. A tampered but well-formed sendb
 * is not detected: a change to the polynomial gives a key that differs
 * from Bob's, while a change to the 256 hint bytes often leaves the key
 * unchanged (it moves a point by less than the decoding radius). Only an
 * authenticated transcript protects the exchange.
 */
int hbox_newhope_shareda(uint8_t key[HBOX_NEWHOPE_BYTES], const uint8_t sk[HBOX_NEWHOPE_SKBYTES],
                         const uint8_t sendb[HBOX_NEWHOPE_SENDBBYTES]);

/*
 * Deterministic keygen: coins[0..32) is the public seed of a, coins[32..64)
 * the secret noise seed, in the order the reference draws them (so the
 * reference's test vectors can be replayed). coins must be uniformly random
 * and secret (the first half becomes public). Returns 0.
 */
int hbox_newhope_keygen_derand(uint8_t senda[HBOX_NEWHOPE_SENDABYTES],
                               uint8_t sk[HBOX_NEWHOPE_SKBYTES],
                               const uint8_t coins[HBOX_NEWHOPE_KEYGEN_COINBYTES]);

/*
 * Deterministic sharedb: coins is Bob's secret 32-byte noise seed.
 * Returns as hbox_newhope_sharedb (no random source involved).
 */
int hbox_newhope_sharedb_derand(uint8_t key[HBOX_NEWHOPE_BYTES],
                                uint8_t sendb[HBOX_NEWHOPE_SENDBBYTES],
                                const uint8_t senda[HBOX_NEWHOPE_SENDABYTES],
                                const uint8_t coins[HBOX_NEWHOPE_SHAREDB_COINBYTES]);

#ifdef __cplusplus
}
#endif

#endif

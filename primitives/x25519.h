/*
 * x25519.h - X25519 Diffie-Hellman (RFC 7748).
 */
#ifndef HOPEBOX_X25519_H
#define HOPEBOX_X25519_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_X25519_BYTES 32       /* shared secret */
#define HBOX_X25519_SCALARBYTES 32 /* secret key */
#define HBOX_X25519_POINTBYTES 32  /* public key (u-coordinate) */

/*
 * shared = X25519(sk, pk) (RFC 7748 section 5): sk is clamped (bits 0-2
 * and 255 cleared, bit 254 set), bit 255 of the u-coordinate pk is
 * ignored and values of pk >= 2^255 - 19 are reduced, as the RFC requires.
 * Runs in time independent of sk and pk.
 *
 * Returns 0 on success. Returns -1 when the result is all zero, which
 * happens exactly when pk is a point of small order (the peer contributed
 * nothing; RFC 7748 section 6.1 lets a protocol abort): shared is then all
 * zero, as for every hopebox failure.
 * shared may alias sk or pk.
 */
int hbox_x25519(uint8_t shared[32], const uint8_t sk[32], const uint8_t pk[32]);

/*
 * pk = X25519(sk, 9): the public key of secret key sk (clamped as above).
 * Cannot fail: the base point has prime order and a clamped scalar is
 * never a multiple of it. pk may alias sk.
 */
void hbox_x25519_base(uint8_t pk[32], const uint8_t sk[32]);

#ifdef __cplusplus
}
#endif

#endif

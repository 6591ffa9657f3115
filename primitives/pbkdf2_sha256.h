/*
 * pbkdf2_sha256.h - PBKDF2-HMAC-SHA256 (RFC 8018 section 5.2).
 *
 * Derives a key from a password by iterating HMAC-SHA256; the iteration
 * count sets the cost for both the user and an attacker (OWASP suggests
 * 600,000 for SHA-256 in 2023). Each iteration costs two SHA-256 block
 * compressions here: the keyed HMAC states are computed once per call.
 */
#ifndef HOPEBOX_PBKDF2_SHA256_H
#define HOPEBOX_PBKDF2_SHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_PBKDF2_SHA256_BLOCKBYTES 32 /* one PRF output: T_i */

/*
 * out[0..outlen) = PBKDF2(PRF = HMAC-SHA256, pw, salt, iterations, outlen).
 * Returns 0, or -1 with out zeroed when iterations is 0, outlen is 0 or
 * outlen > (2^32 - 1) * 32 (RFC 8018 "derived key too long"; only
 * reachable where size_t has more than 32 bits). pw and salt may be NULL
 * when their length is 0. out may overlap pw or salt: both are read before
 * any output is written.
 */
int hbox_pbkdf2_sha256(uint8_t *out, size_t outlen, const uint8_t *pw, size_t pwlen,
                       const uint8_t *salt, size_t saltlen, uint32_t iterations);

#ifdef __cplusplus
}
#endif

#endif

/*
 * hkdf_sha256.h - HKDF-SHA256 (RFC 5869).
 *
 * Extract turns input keying material (a Diffie-Hellman output, a
 * password hash, ...) and an optional salt into a 32-byte pseudorandom key
 * PRK; Expand stretches PRK into up to 255 * 32 = 8160 bytes bound to a
 * context string info. Output length 0 is allowed (nothing is written,
 * success is returned): RFC 5869 section 2.3 only bounds L from above.
 */
#ifndef HOPEBOX_HKDF_SHA256_H
#define HOPEBOX_HKDF_SHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_HKDF_SHA256_PRKBYTES 32     /* Extract output */
#define HBOX_HKDF_SHA256_MAXBYTES 8160   /* Expand output limit, 255 * 32 */

/*
 * prk = HMAC-SHA256(salt, ikm) (RFC 5869 section 2.2). A missing salt
 * (salt NULL, saltlen 0) acts as 32 zero bytes, as the RFC specifies.
 * salt / ikm may be NULL when their length is 0; prk may overlap them.
 */
void hbox_hkdf_sha256_extract(uint8_t prk[HBOX_HKDF_SHA256_PRKBYTES], const uint8_t *salt,
                              size_t saltlen, const uint8_t *ikm, size_t ikmlen);

/*
 * out[0..outlen) = the first outlen bytes of T(1) || T(2) || ..., where
 * T(i) = HMAC-SHA256(prk, T(i-1) || info || i) (RFC 5869 section 2.3).
 * Returns 0, or -1 with out zeroed when outlen > HBOX_HKDF_SHA256_MAXBYTES.
 * out may be NULL when outlen is 0 and info when infolen is 0. out may
 * overlap prk (read before any output is written) but not info (read for
 * every 32-byte block).
 */
int hbox_hkdf_sha256_expand(uint8_t *out, size_t outlen,
                            const uint8_t prk[HBOX_HKDF_SHA256_PRKBYTES], const uint8_t *info,
                            size_t infolen);

/*
 * Extract then Expand: out[0..outlen) = HKDF(salt, ikm, info, outlen).
 * Returns 0, or -1 with out zeroed when outlen > HBOX_HKDF_SHA256_MAXBYTES.
 * NULL is allowed for any pointer whose length is 0. out may overlap salt
 * or ikm, not info.
 */
int hbox_hkdf_sha256(uint8_t *out, size_t outlen, const uint8_t *salt, size_t saltlen,
                     const uint8_t *ikm, size_t ikmlen, const uint8_t *info, size_t infolen);

#ifdef __cplusplus
}
#endif

#endif

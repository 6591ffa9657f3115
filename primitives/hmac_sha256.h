/*
 * hmac_sha256.h - HMAC-SHA256 (RFC 2104 / FIPS 198-1).
 */
#ifndef HOPEBOX_HMAC_SHA256_H
#define HOPEBOX_HMAC_SHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* (declarations to be added by the module) */

#ifdef __cplusplus
}
#endif

#endif

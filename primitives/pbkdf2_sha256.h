/*
 * pbkdf2_sha256.h - PBKDF2-HMAC-SHA256 (RFC 8018).
 */
#ifndef HOPEBOX_PBKDF2_SHA256_H
#define HOPEBOX_PBKDF2_SHA256_H

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

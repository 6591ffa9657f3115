/*
 * hkdf_sha256.h - HKDF-SHA256 (RFC 5869).
 */
#ifndef HOPEBOX_HKDF_SHA256_H
#define HOPEBOX_HKDF_SHA256_H

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

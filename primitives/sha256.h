/*
 * sha256.h - SHA-256 (FIPS 180-4), one-shot and incremental.
 */
#ifndef HOPEBOX_SHA256_H
#define HOPEBOX_SHA256_H

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

/*
 * sha3.h - SHA3-256, SHAKE-128, SHAKE-256 (FIPS 202).
 */
#ifndef HOPEBOX_SHA3_H
#define HOPEBOX_SHA3_H

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

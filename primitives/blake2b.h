/*
 * blake2b.h - BLAKE2b (RFC 7693), keyed, 1..64-byte output.
 */
#ifndef HOPEBOX_BLAKE2B_H
#define HOPEBOX_BLAKE2B_H

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

/*
 * chacha20.h - ChaCha20 (RFC 8439 and the original 64-bit nonce variant), HChaCha20.
 */
#ifndef HOPEBOX_CHACHA20_H
#define HOPEBOX_CHACHA20_H

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

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

/* (declarations to be added by the module) */

#ifdef __cplusplus
}
#endif

#endif

/*
 * poly1305.h - Poly1305 one-time authenticator (RFC 8439 section 2.5).
 */
#ifndef HOPEBOX_POLY1305_H
#define HOPEBOX_POLY1305_H

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

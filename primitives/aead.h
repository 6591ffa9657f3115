/*
 * aead.h - ChaCha20-Poly1305 (RFC 8439) and XChaCha20-Poly1305 AEAD, detached tags.
 */
#ifndef HOPEBOX_AEAD_H
#define HOPEBOX_AEAD_H

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

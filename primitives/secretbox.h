/*
 * secretbox.h - NaCl secretbox (XSalsa20-Poly1305), libsodium easy layout.
 */
#ifndef HOPEBOX_SECRETBOX_H
#define HOPEBOX_SECRETBOX_H

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

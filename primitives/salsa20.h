/*
 * salsa20.h - Salsa20 core, HSalsa20, XSalsa20.
 */
#ifndef HOPEBOX_SALSA20_H
#define HOPEBOX_SALSA20_H

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

/*
 * box.h - NaCl box and libsodium-compatible sealed box.
 */
#ifndef HOPEBOX_BOX_H
#define HOPEBOX_BOX_H

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

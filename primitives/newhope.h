/*
 * newhope.h - NewHope key exchange (USENIX 2016, n = 1024, q = 12289).
 */
#ifndef HOPEBOX_NEWHOPE_H
#define HOPEBOX_NEWHOPE_H

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

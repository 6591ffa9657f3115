/*
 * hb_box.h - internal entry points of box.c (tests and known answers).
 */
#ifndef HB_BOX_H
#define HB_BOX_H

#include <stddef.h>
#include <stdint.h>

/*
 * hbox_box_seal with the ephemeral secret key esk given instead of drawn
 * from the random source: deterministic, for known-answer tests only (a
 * sealed box is only anonymous when esk is fresh and secret). Returns 0,
 * or -1 when pk has small order (c zeroed). Aliasing as hbox_box_seal.
 */
int hb_box_seal_derand(uint8_t *c, const uint8_t *m, size_t mlen, const uint8_t pk[32],
                       const uint8_t esk[32]);

#endif

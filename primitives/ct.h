/*
 * ct.h - constant-time comparison and wiping.
 */
#ifndef HOPEBOX_CT_H
#define HOPEBOX_CT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Compare two 16-byte strings (e.g. Poly1305 tags) in constant time.
 * Returns 0 when equal, -1 otherwise. Running time does not depend on the
 * contents of a or b.
 */
int hbox_verify16(const uint8_t a[16], const uint8_t b[16]);

/* As hbox_verify16, for 32-byte strings (HMAC outputs, keys). */
int hbox_verify32(const uint8_t a[32], const uint8_t b[32]);

/*
 * Overwrite n bytes at p with zeros. Unlike memset, the compiler may not
 * remove the stores even when p is never read again. p may be NULL when n
 * is 0.
 */
void hbox_wipe(void *p, size_t n);

#ifdef __cplusplus
}
#endif

#endif

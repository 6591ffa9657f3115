/*
 * randombytes.h - the one source of randomness in hopebox.
 */
#ifndef HOPEBOX_RANDOMBYTES_H
#define HOPEBOX_RANDOMBYTES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A random source: fill out[0..len) with unpredictable bytes; return 0 on
 * success, -1 on failure (the caller then zeroes out and fails too).
 */
typedef int (*hbox_randombytes_fn)(uint8_t *out, size_t len);

/*
 * Fill out[0..len) with random bytes from the installed source: by default
 * getrandom() on Linux (retried on EINTR and short reads, never a silent
 * fallback) or arc4random_buf() on BSD and macOS. Returns 0 on success; on
 * failure returns -1 and zeroes out. Builds without an OS source
 * (HOPEBOX_NO_OS_RANDOM, e.g. firmware) fail until a source is installed.
 */
int hbox_randombytes(uint8_t *out, size_t len);

/*
 * Install fn as the random source for every later hopebox call (firmware
 * TRNG, or a deterministic source in tests); NULL restores the default.
 * Set it once at start-up: the pointer is shared, unsynchronised state.
 */
void hbox_set_randombytes(hbox_randombytes_fn fn);

#ifdef __cplusplus
}
#endif

#endif

/*
 * testutil.h - tiny helpers shared by the unit, ct and interop tests.
 *
 *   CHECK(cond)         count a pass or print the failed condition
 *   CHECK_EQ_BYTES(a, b, n)
 *   return tu_report("name");   prints "N passed, M failed", returns exit code
 *
 * tu_rand_* is a fixed-seed generator (splitmix64): tests are reproducible.
 */
#ifndef HB_TESTUTIL_H
#define HB_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

extern unsigned long tu_passed, tu_failed;

void tu_check(int ok, const char *what, const char *file, int line);
int tu_check_bytes(const void *a, const void *b, size_t n, const char *what, const char *file,
                   int line);
int tu_report(const char *name);

#define CHECK(cond) tu_check(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_EQ_BYTES(a, b, n) tu_check_bytes((a), (b), (n), #a " == " #b, __FILE__, __LINE__)

void tu_seed(uint64_t seed);
uint64_t tu_rand64(void);
uint32_t tu_rand32(void);
/* Uniform-ish in [0, bound) (bound > 0); tests only, modulo bias irrelevant. */
size_t tu_rand_below(size_t bound);
void tu_rand_bytes(void *p, size_t n);
int tu_is_zero(const void *p, size_t n);

/* Parse hex into out (at most max bytes); returns the byte count or -1. */
long tu_unhex(uint8_t *out, size_t max, const char *hex);
void tu_print_hex(const char *label, const uint8_t *p, size_t n);

/* A deterministic hbox_randombytes source for tests (install with
 * hbox_set_randombytes(tu_det_randombytes)); reseed with tu_seed. */
int tu_det_randombytes(uint8_t *out, size_t len);

#endif

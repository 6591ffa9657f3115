/*
 * hb_fe25519.h - arithmetic in GF(2^255 - 19), private to X25519.
 *
 * Two representations, chosen at compile time:
 *   - 64-bit (hb_fe25519_64.h): 5 limbs of 51 bits, products in unsigned
 *     __int128. Used when the compiler has that type (64-bit gcc/clang).
 *   - 32-bit (hb_fe25519_32.h): 10 limbs alternating 26 and 25 bits
 *     ("radix 2^25.5"), products in uint64_t. Used everywhere else, and
 *     forced with -DHOPEBOX_FE32=1 (the tests build it that way on x86-64 too).
 *
 * Both headers provide the same static inline operations on the type hb_fe,
 * so x25519.c is written once. Every operation is straight-line code: no
 * branch and no memory index depends on the values. Outputs may alias
 * inputs everywhere.
 *
 * Limb bounds. Each header states them precisely; in both, two classes
 * matter to the caller:
 *   tight   - output of frombytes, mul, sq, mul_small (carried limbs);
 *   loose   - output of add or sub of two tight values.
 * mul, sq and mul_small accept loose inputs; add and sub need tight inputs
 * (sub adds 2p first, which only covers a tight subtrahend); tobytes needs
 * a tight input. The Montgomery ladder in x25519.c respects this, which is
 * why it needs no extra carries ("lazy reduction").
 */
#ifndef HB_FE25519_H
#define HB_FE25519_H

#include "hb_internal.h"

#if defined(HOPEBOX_FE32) && HOPEBOX_FE32
#define HB_FE25519_BITS 32
#elif defined(__SIZEOF_INT128__)
#define HB_FE25519_BITS 64
#else
#define HB_FE25519_BITS 32
#endif

#if HB_FE25519_BITS == 64
#include "hb_fe25519_64.h"
#else
#include "hb_fe25519_32.h"
#endif

/*
 * Operations each representation header defines (all static inline):
 *   hb_fe_0(h), hb_fe_1(h), hb_fe_copy(h, f)
 *   hb_fe_frombytes(h, s[32])  bit 255 of s ignored; values >= p accepted
 *                              (RFC 7748 section 5: decodeUCoordinate)
 *   hb_fe_tobytes(s[32], h)    canonical encoding, 0 <= value < p
 *   hb_fe_add(h, f, g), hb_fe_sub(h, f, g)
 *   hb_fe_mul(h, f, g), hb_fe_sq(h, f)
 *   hb_fe_mul_small(h, f, c)   c < 2^17 (121666, 9)
 *   hb_fe_carry(h, f)          h = f, loose in, tight out
 *   hb_fe_cswap(f, g, b)       swap f and g when b == 1, b in {0, 1}
 */

/* h = z^(p-2) = 1/z (0 when z = 0), by a fixed addition chain. z tight. */
void hb_fe_invert(hb_fe h, const hb_fe z);

/* 64 or 32: the representation this library was built with (for tests and
 * build reports). */
int hb_fe25519_bits(void);

#endif

/*
 * hb_internal.h - private helpers shared by every hopebox module.
 *
 * Not installed, not part of the API. Everything here is static inline so a
 * vendor can compile any subset of primitives/ without link-order surprises.
 *
 * Byte order: every load/store is written byte by byte. Compilers turn these
 * into single moves on little-endian targets, and the code stays correct on
 * big-endian ones (tested under qemu for s390x). Never cast a byte pointer to
 * a wider type.
 *
 * Constant-time discipline (one mechanism, used everywhere): every mask or
 * flag derived from secret data passes through HB_BARRIER32/64 before it is
 * used to select, so the optimiser cannot see that the value is 0/1 or
 * 0/all-ones and turn the select into a branch (the failure seen in
 * Monocypher 4.0.2 and pq-crystals/kyber's poly_frommsg). The barrier is an
 * empty asm that claims to modify the value; compilers without GNU asm get
 * a volatile round-trip instead.
 */
#ifndef HB_INTERNAL_H
#define HB_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ct.h"

#if defined(__GNUC__) || defined(__clang__)
#define HB_BARRIER32(x) __asm__ volatile("" : "+r"(x))
#define HB_BARRIER64(x) __asm__ volatile("" : "+r"(x))
#define HB_UNUSED __attribute__((unused))
#else
#define HB_BARRIER32(x) ((x) = *(volatile uint32_t *)&(x))
#define HB_BARRIER64(x) ((x) = *(volatile uint64_t *)&(x))
#define HB_UNUSED
#endif

/* Compile-time assertion (C99 has no _Static_assert). */
#define HB_STATIC_ASSERT(cond, name) typedef char hb_static_assert_##name[(cond) ? 1 : -1]

static inline uint32_t hb_load32_le(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

static inline void hb_store32_le(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline uint64_t hb_load64_le(const uint8_t *p)
{
	return (uint64_t)hb_load32_le(p) | ((uint64_t)hb_load32_le(p + 4) << 32);
}

static inline void hb_store64_le(uint8_t *p, uint64_t v)
{
	hb_store32_le(p, (uint32_t)v);
	hb_store32_le(p + 4, (uint32_t)(v >> 32));
}

static inline uint32_t hb_load32_be(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) |
	       (uint32_t)p[3];
}

static inline void hb_store32_be(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline uint64_t hb_load64_be(const uint8_t *p)
{
	return ((uint64_t)hb_load32_be(p) << 32) | (uint64_t)hb_load32_be(p + 4);
}

static inline void hb_store64_be(uint8_t *p, uint64_t v)
{
	hb_store32_be(p, (uint32_t)(v >> 32));
	hb_store32_be(p + 4, (uint32_t)v);
}

static inline uint32_t hb_rotl32(uint32_t x, unsigned n)
{
	return (x << n) | (x >> ((32 - n) & 31));
}

static inline uint32_t hb_rotr32(uint32_t x, unsigned n)
{
	return (x >> n) | (x << ((32 - n) & 31));
}

static inline uint64_t hb_rotl64(uint64_t x, unsigned n)
{
	return (x << n) | (x >> ((64 - n) & 63));
}

static inline uint64_t hb_rotr64(uint64_t x, unsigned n)
{
	return (x >> n) | (x << ((64 - n) & 63));
}

/* All-ones when x != 0, zero when x == 0, without a comparison operator. */
static inline uint32_t hb_mask_nonzero32(uint32_t x)
{
	uint32_t m = (uint32_t)(0u - ((x | (0u - x)) >> 31));
	HB_BARRIER32(m);
	return m;
}

/* All-ones when bit (0 or 1) is 1, else zero. */
static inline uint32_t hb_mask_bit32(uint32_t bit)
{
	uint32_t m = 0u - (bit & 1u);
	HB_BARRIER32(m);
	return m;
}

static inline uint64_t hb_mask_bit64(uint64_t bit)
{
	uint64_t m = (uint64_t)0 - (bit & 1u);
	HB_BARRIER64(m);
	return m;
}

/*
 * 0 when a[0..n) == b[0..n), -1 otherwise; time depends only on n.
 * The verdict is public, the bytes are not.
 */
static inline int hb_verify_n(const uint8_t *a, const uint8_t *b, size_t n)
{
	uint32_t d = 0;
	size_t i;
	for (i = 0; i < n; i++)
		d |= (uint32_t)(a[i] ^ b[i]);
	return (int)hb_mask_nonzero32(d);
}

#endif

/*
 * hb_keccak.h - private: the Keccak-f[1600] permutation and the sponge core
 * behind SHA3-256 and SHAKE (FIPS 202). Used by sha3.c and by NewHope's
 * gen_a.
 *
 * The sponge state is the public hbox_shake_ctx (sha3.h). Lanes are held as
 * uint64_t and bytes enter and leave them little-endian (FIPS 202 section
 * B.1 bit order), written with shifts so big-endian hosts agree.
 *
 * Life cycle: hb_keccak_init, hb_keccak_absorb*, hb_keccak_finish (padding,
 * once), hb_keccak_squeeze*. The callers enforce the order.
 */
#ifndef HB_KECCAK_H
#define HB_KECCAK_H

#include <stddef.h>
#include <stdint.h>

#include "hb_cpu.h"
#include "sha3.h"

/* Domain-separation + first padding bit (FIPS 202 B.2), as the first pad byte. */
#define HB_KECCAK_PAD_SHA3 0x06u
#define HB_KECCAK_PAD_SHAKE 0x1Fu

/* Apply the 24-round Keccak-f[1600] permutation to the state in place. */
void hb_keccak_f1600(uint64_t lanes[25]);

/* Iota round constants (FIPS 202 section 3.2.5), one per round. */
extern const uint64_t hb_keccak_rc[24];

/*
 * The parts of a round shared by keccak.c and keccak_avx2.c, on lanes
 * A##0 .. A##24 (lane (x, y) is A##(x + 5y); local variables named by token
 * pasting, so the compiler keeps what fits in registers) and the scratch
 * variables c0..c4, d0..d4, b0..b4.
 *
 * HB_KECCAK_THETA: theta's column parities c and corrections d.
 * HB_KECCAK_ROWk: the five lanes that pi moves to output row k, read with
 * theta's correction and rho's rotation applied, into b0..b4 (chi then
 * combines them, in each file's own way). pi sends lane (x, y) to
 * (y, 2x + 3y), so output row y' takes its lane x' from source lane
 * (x' + 3y' mod 5, x'); the rotation amounts are FIPS 202 table 2 for
 * those source lanes.
 */
#define HB_KECCAK_THETA(A)                                                      \
	do {                                                                    \
		c0 = A##0 ^ A##5 ^ A##10 ^ A##15 ^ A##20;                       \
		c1 = A##1 ^ A##6 ^ A##11 ^ A##16 ^ A##21;                       \
		c2 = A##2 ^ A##7 ^ A##12 ^ A##17 ^ A##22;                       \
		c3 = A##3 ^ A##8 ^ A##13 ^ A##18 ^ A##23;                       \
		c4 = A##4 ^ A##9 ^ A##14 ^ A##19 ^ A##24;                       \
		d0 = c4 ^ hb_rotl64(c1, 1);                                     \
		d1 = c0 ^ hb_rotl64(c2, 1);                                     \
		d2 = c1 ^ hb_rotl64(c3, 1);                                     \
		d3 = c2 ^ hb_rotl64(c4, 1);                                     \
		d4 = c3 ^ hb_rotl64(c0, 1);                                     \
	} while (0)

#define HB_KECCAK_ROW0(A)                                                       \
	do {                                                                    \
		b0 = A##0 ^ d0;                                                 \
		b1 = hb_rotl64(A##6 ^ d1, 44);                                  \
		b2 = hb_rotl64(A##12 ^ d2, 43);                                 \
		b3 = hb_rotl64(A##18 ^ d3, 21);                                 \
		b4 = hb_rotl64(A##24 ^ d4, 14);                                 \
	} while (0)

#define HB_KECCAK_ROW1(A)                                                       \
	do {                                                                    \
		b0 = hb_rotl64(A##3 ^ d3, 28);                                  \
		b1 = hb_rotl64(A##9 ^ d4, 20);                                  \
		b2 = hb_rotl64(A##10 ^ d0, 3);                                  \
		b3 = hb_rotl64(A##16 ^ d1, 45);                                 \
		b4 = hb_rotl64(A##22 ^ d2, 61);                                 \
	} while (0)

#define HB_KECCAK_ROW2(A)                                                       \
	do {                                                                    \
		b0 = hb_rotl64(A##1 ^ d1, 1);                                   \
		b1 = hb_rotl64(A##7 ^ d2, 6);                                   \
		b2 = hb_rotl64(A##13 ^ d3, 25);                                 \
		b3 = hb_rotl64(A##19 ^ d4, 8);                                  \
		b4 = hb_rotl64(A##20 ^ d0, 18);                                 \
	} while (0)

#define HB_KECCAK_ROW3(A)                                                       \
	do {                                                                    \
		b0 = hb_rotl64(A##4 ^ d4, 27);                                  \
		b1 = hb_rotl64(A##5 ^ d0, 36);                                  \
		b2 = hb_rotl64(A##11 ^ d1, 10);                                 \
		b3 = hb_rotl64(A##17 ^ d2, 15);                                 \
		b4 = hb_rotl64(A##23 ^ d3, 56);                                 \
	} while (0)

#define HB_KECCAK_ROW4(A)                                                       \
	do {                                                                    \
		b0 = hb_rotl64(A##2 ^ d2, 62);                                  \
		b1 = hb_rotl64(A##8 ^ d3, 55);                                  \
		b2 = hb_rotl64(A##14 ^ d4, 39);                                 \
		b3 = hb_rotl64(A##15 ^ d0, 41);                                 \
		b4 = hb_rotl64(A##21 ^ d1, 2);                                  \
	} while (0)

/* Lanes to and from the 25 local variables A##0 .. A##24. */
#define HB_KECCAK_LOAD(A, lanes)                                                \
	do {                                                                    \
		A##0 = (lanes)[0]; A##1 = (lanes)[1]; A##2 = (lanes)[2];        \
		A##3 = (lanes)[3]; A##4 = (lanes)[4]; A##5 = (lanes)[5];        \
		A##6 = (lanes)[6]; A##7 = (lanes)[7]; A##8 = (lanes)[8];        \
		A##9 = (lanes)[9]; A##10 = (lanes)[10]; A##11 = (lanes)[11];    \
		A##12 = (lanes)[12]; A##13 = (lanes)[13]; A##14 = (lanes)[14];  \
		A##15 = (lanes)[15]; A##16 = (lanes)[16]; A##17 = (lanes)[17];  \
		A##18 = (lanes)[18]; A##19 = (lanes)[19]; A##20 = (lanes)[20];  \
		A##21 = (lanes)[21]; A##22 = (lanes)[22]; A##23 = (lanes)[23];  \
		A##24 = (lanes)[24];                                            \
	} while (0)

#define HB_KECCAK_STORE(lanes, A)                                               \
	do {                                                                    \
		(lanes)[0] = A##0; (lanes)[1] = A##1; (lanes)[2] = A##2;        \
		(lanes)[3] = A##3; (lanes)[4] = A##4; (lanes)[5] = A##5;        \
		(lanes)[6] = A##6; (lanes)[7] = A##7; (lanes)[8] = A##8;        \
		(lanes)[9] = A##9; (lanes)[10] = A##10; (lanes)[11] = A##11;    \
		(lanes)[12] = A##12; (lanes)[13] = A##13; (lanes)[14] = A##14;  \
		(lanes)[15] = A##15; (lanes)[16] = A##16; (lanes)[17] = A##17;  \
		(lanes)[18] = A##18; (lanes)[19] = A##19; (lanes)[20] = A##20;  \
		(lanes)[21] = A##21; (lanes)[22] = A##22; (lanes)[23] = A##23;  \
		(lanes)[24] = A##24;                                            \
	} while (0)

/* The local variables a permutation function declares for the above. */
#define HB_KECCAK_LOCALS                                                        \
	uint64_t a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12;         \
	uint64_t a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24;    \
	uint64_t e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12;         \
	uint64_t e13, e14, e15, e16, e17, e18, e19, e20, e21, e22, e23, e24;    \
	uint64_t c0, c1, c2, c3, c4, d0, d1, d2, d3, d4, b0, b1, b2, b3, b4

#if HB_X86_SIMD
/*
 * keccak_avx2.c: the same permutation for CPUs with AVX2 (and so BMI1 and
 * BMI2): chi as b ^ andn(b', b''), no complemented lanes; about 7% faster
 * on the machine of shared/anchors.md. Called by hb_keccak_f1600 when
 * hbox_cpu_features() has HBOX_CPU_AVX2.
 */
void hb_keccak_f1600_avx2(uint64_t lanes[25]);
#endif

/* Empty state with a rate of `rate` bytes (a multiple of 8, at most 192). */
void hb_keccak_init(hbox_shake_ctx *ctx, uint32_t rate);

/* Absorb in[0..len) (in may be NULL when len is 0). Requires !ctx->squeezing. */
void hb_keccak_absorb(hbox_shake_ctx *ctx, const uint8_t *in, size_t len);

/*
 * Pad with `pad` (HB_KECCAK_PAD_*) and the final 1 bit, permute, and switch to
 * squeezing. Requires !ctx->squeezing.
 */
void hb_keccak_finish(hbox_shake_ctx *ctx, uint8_t pad);

/* Next len bytes of output (out may be NULL when len is 0). Requires ctx->squeezing. */
void hb_keccak_squeeze(hbox_shake_ctx *ctx, uint8_t *out, size_t len);

/*
 * NewHope's entry: nblocks * 168 bytes of SHAKE-128 output into out, the same
 * bytes hbox_shake_squeeze would give (the first call applies the padding).
 * ctx must come from hbox_shake128_init + hbox_shake_absorb; nblocks * 168
 * must fit in a size_t. out may be NULL when nblocks is 0.
 */
void hb_shake128_squeezeblocks(hbox_shake_ctx *ctx, uint8_t *out, size_t nblocks);

#endif

/*
 * x25519_avx2.c - the Montgomery ladder of X25519 and the table additions
 * of the fixed-base multiplication (x25519_base.c) with AVX2, four field
 * operations at a time (contracts in hb_x25519.h).
 *
 * A field element is 10 limbs in radix 2^25.5, as in hb_fe25519_32.h; a
 * vector element ("fe4") holds four field elements, limb l of lane j in
 * 64-bit word 4l + j (so limb l of all four lanes is one ymm register, and
 * vpmuludq multiplies the four lanes' 32-bit limbs at once). One ladder
 * step (RFC 7748 section 5) is two 4-way multiplications on the state
 * S = [x2, z2, x3, z3]:
 *
 *   stage 1  U = [A, B, C, D] = [x2 + z2, x2 - z2, x3 + z3, x3 - z3],
 *            V = [A, B, B, A];         M = U * V = [AA, BB, CB, DA]
 *   stage 2  U = [AA, E, DA + CB, DA - CB] with E = AA - BB,
 *            V = [BB, BB + 121666 E, DA + CB, x1 (DA - CB)];
 *                                      S = U * V = [x2', z2', x3', z3']
 *
 * (z2' = E * (BB + 121666 E) equals the RFC's E * (AA + 121665 E), and
 * z3' = x1 (DA - CB)^2.) The one-lane product x1 (DA - CB) is a scalar
 * multiplication in the 64-bit field (radix 2^51), on the integer units,
 * beside the vector work of stage 2, so a step is two vector
 * multiplications deep. The conditional swap of (x2, z2) with (x3, z3) is
 * a lane permutation (vpermd) whose index vector is computed from the
 * scalar bit with masks.
 *
 * The vector code is inline assembly, so it (and its timing) does not
 * depend on how a compiler allocates 16 ymm registers: no branch and no
 * address depends on the scalar. (Measured on Zen 4: the step is bound by
 * instruction throughput, about 320 cycles for some 1,000 instructions.)
 *
 * Limb bounds, with tight/loose as in hb_fe25519_32.h except that the
 * carries here are vectorised and leave tight limbs a little wider: even
 * limbs < 2^26 + 2^17.3, odd < 2^25 + 2^17 (the carry into limb 0 is 19
 * times a 38-bit value). A sum or difference (+2p) of tight values stays
 * below 1.5 * 2^27 + 2^17.3 (even) and 1.5 * 2^26 + 2^17 (odd), so 19 or 38
 * times it still fits the 32 bits vpmuludq reads, and a column of 10
 * products stays below 2^63.
 */
#include "hb_cpu.h"
#include "hb_x25519.h"

#if HB_X86_SIMD
#ifndef __AVX2__
#error "compile *_avx2.c with -mavx2 -mbmi2 -madx, or define HOPEBOX_PORTABLE"
#endif
#include "hb_internal.h"
/* The 64-bit field (radix 2^51) for the conversions at both ends and the
 * scalar product x1 (DA - CB); this file never includes hb_fe25519.h, so
 * the names do not clash. */
#include "hb_fe25519_64.h"

/* Each asm block below must stay one statement (the compiler may use ymm
 * registers between two), so some strings pass C99's 4095-character
 * minimum limit, which GNU assemblers do not have. */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Woverlength-strings"
#endif

#define HB_ALIGN32 __attribute__((aligned(32)))

/*
 * Constants, at these byte offsets (the assembly below names them):
 *     0  2p, limb by limb (10 vectors)     448  lanes 1-3 all ones
 *   320  2^26 - 1                          480  lanes 0-1 all ones
 *   352  2^25 - 1                          512  dwords 0, 1, ..., 7
 *   384  19                                544  dwords all 4
 *   416  121666 in lane 1, 0 in the others
 */
#define HB_2P_EVEN 0x7fffffeu
#define HB_2P_ODD 0x3fffffeu
#define HB_V4(x) x, x, x, x
static const uint64_t hb_x4_const[72] HB_ALIGN32 = {
    HB_V4(0x7ffffdau), HB_V4(HB_2P_ODD), HB_V4(HB_2P_EVEN), HB_V4(HB_2P_ODD),
    HB_V4(HB_2P_EVEN), HB_V4(HB_2P_ODD), HB_V4(HB_2P_EVEN), HB_V4(HB_2P_ODD),
    HB_V4(HB_2P_EVEN), HB_V4(HB_2P_ODD), HB_V4(0x3ffffffu), HB_V4(0x1ffffffu),
    HB_V4(19u), 0, 121666u, 0, 0, 0, ~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0,
    ~(uint64_t)0, ~(uint64_t)0, 0, 0, 0x100000000u, 0x300000002u, 0x500000004u, 0x700000006u,
    HB_V4(0x400000004u)};
#undef HB_V4
#define M26 "320(%[k])"
#define M25 "352(%[k])"

#define HB_YMM_CLOBBERS                                                                       \
	"xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", \
	    "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "memory"

/* ------------------------------------------------------------ multiplication */

/*
 * Columns c_0..c_9 of f * g accumulate in ymm0..ymm9, row by row: row i
 * loads f_i into ymm10 and forms 2 f_i (ymm11), 19 f_i (ymm12) and 38 f_i
 * (ymm13); the product f_i g_j lands in column (i + j) mod 10, times 19
 * when i + j >= 10 (2^255 = 19) and times 2 when i and j are both odd
 * (radix 2^25.5). HB_P(k, r, j): column k += ymm<r> * g_j.
 */
#define HB_P(k, r, j)                                                                         \
	"vpmuludq 32*" #j "(%[g]), %%ymm" #r ", %%ymm14\n\t"                                  \
	"vpaddq %%ymm14, %%ymm" #k ", %%ymm" #k "\n\t"
#define HB_P0(k) "vpmuludq 32*" #k "(%[g]), %%ymm10, %%ymm" #k "\n\t"
#define HB_ROW_EVEN(i)                                                                        \
	"vmovdqa 32*" #i "(%[f]), %%ymm10\n\t"                                                \
	"vpmuludq %%ymm15, %%ymm10, %%ymm12\n\t"
#define HB_ROW_ODD(i)                                                                         \
	HB_ROW_EVEN(i)                                                                        \
	"vpaddq %%ymm10, %%ymm10, %%ymm11\n\t"                                                \
	"vpaddq %%ymm12, %%ymm12, %%ymm13\n\t"

#define HB_PRODUCTS                                                                           \
	"vmovdqa 384(%[k]), %%ymm15\n\t"                                                      \
	"vmovdqa (%[f]), %%ymm10\n\t"                                                         \
	HB_P0(0) HB_P0(1) HB_P0(2) HB_P0(3) HB_P0(4) HB_P0(5) HB_P0(6) HB_P0(7) HB_P0(8)      \
	HB_P0(9)                                                                              \
	HB_ROW_ODD(1)                                                                         \
	HB_P(0, 13, 9) HB_P(1, 10, 0) HB_P(2, 11, 1) HB_P(3, 10, 2) HB_P(4, 11, 3)            \
	HB_P(5, 10, 4) HB_P(6, 11, 5) HB_P(7, 10, 6) HB_P(8, 11, 7) HB_P(9, 10, 8)            \
	HB_ROW_EVEN(2)                                                                        \
	HB_P(0, 12, 8) HB_P(1, 12, 9) HB_P(2, 10, 0) HB_P(3, 10, 1) HB_P(4, 10, 2)            \
	HB_P(5, 10, 3) HB_P(6, 10, 4) HB_P(7, 10, 5) HB_P(8, 10, 6) HB_P(9, 10, 7)            \
	HB_ROW_ODD(3)                                                                         \
	HB_P(0, 13, 7) HB_P(1, 12, 8) HB_P(2, 13, 9) HB_P(3, 10, 0) HB_P(4, 11, 1)            \
	HB_P(5, 10, 2) HB_P(6, 11, 3) HB_P(7, 10, 4) HB_P(8, 11, 5) HB_P(9, 10, 6)            \
	HB_ROW_EVEN(4)                                                                        \
	HB_P(0, 12, 6) HB_P(1, 12, 7) HB_P(2, 12, 8) HB_P(3, 12, 9) HB_P(4, 10, 0)            \
	HB_P(5, 10, 1) HB_P(6, 10, 2) HB_P(7, 10, 3) HB_P(8, 10, 4) HB_P(9, 10, 5)            \
	HB_ROW_ODD(5)                                                                         \
	HB_P(0, 13, 5) HB_P(1, 12, 6) HB_P(2, 13, 7) HB_P(3, 12, 8) HB_P(4, 13, 9)            \
	HB_P(5, 10, 0) HB_P(6, 11, 1) HB_P(7, 10, 2) HB_P(8, 11, 3) HB_P(9, 10, 4)            \
	HB_ROW_EVEN(6)                                                                        \
	HB_P(0, 12, 4) HB_P(1, 12, 5) HB_P(2, 12, 6) HB_P(3, 12, 7) HB_P(4, 12, 8)            \
	HB_P(5, 12, 9) HB_P(6, 10, 0) HB_P(7, 10, 1) HB_P(8, 10, 2) HB_P(9, 10, 3)            \
	HB_ROW_ODD(7)                                                                         \
	HB_P(0, 13, 3) HB_P(1, 12, 4) HB_P(2, 13, 5) HB_P(3, 12, 6) HB_P(4, 13, 7)            \
	HB_P(5, 12, 8) HB_P(6, 13, 9) HB_P(7, 10, 0) HB_P(8, 11, 1) HB_P(9, 10, 2)            \
	HB_ROW_EVEN(8)                                                                        \
	HB_P(0, 12, 2) HB_P(1, 12, 3) HB_P(2, 12, 4) HB_P(3, 12, 5) HB_P(4, 12, 6)            \
	HB_P(5, 12, 7) HB_P(6, 12, 8) HB_P(7, 12, 9) HB_P(8, 10, 0) HB_P(9, 10, 1)            \
	HB_ROW_ODD(9)                                                                         \
	HB_P(0, 13, 1) HB_P(1, 12, 2) HB_P(2, 13, 3) HB_P(3, 12, 4) HB_P(4, 13, 5)            \
	HB_P(5, 12, 6) HB_P(6, 13, 7) HB_P(7, 12, 8) HB_P(8, 13, 9) HB_P(9, 10, 0)

/*
 * Carry of columns ymm0..ymm9 into tight limbs. HB_C(i, j, w, m): carry
 * the bits of column i above w into column j (m: the mask register). Two
 * interleaved chains (0..5 and 4..9), then the carry out of limb 9 times
 * 19 (= 16 + 2 + 1, by shifts: it can exceed 32 bits) into limb 0, and 0
 * into 1 once more. The masks 2^26 - 1 and 2^25 - 1 go to ymm12 and ymm13;
 * ymm10, ymm11, ymm14 are temporaries.
 */
#define HB_C(i, j, w, m)                                                                      \
	"vpsrlq $" #w ", %%ymm" #i ", %%ymm14\n\t"                                            \
	"vpaddq %%ymm14, %%ymm" #j ", %%ymm" #j "\n\t"                                        \
	"vpand %%ymm" #m ", %%ymm" #i ", %%ymm" #i "\n\t"
#define HB_CARRY                                                                              \
	"vmovdqa 320(%[k]), %%ymm12\n\t"                                                      \
	"vmovdqa 352(%[k]), %%ymm13\n\t"                                                      \
	HB_C(0, 1, 26, 12) HB_C(4, 5, 26, 12)                                                 \
	HB_C(1, 2, 25, 13) HB_C(5, 6, 25, 13)                                                 \
	HB_C(2, 3, 26, 12) HB_C(6, 7, 26, 12)                                                 \
	HB_C(3, 4, 25, 13) HB_C(7, 8, 25, 13)                                                 \
	HB_C(4, 5, 26, 12) HB_C(8, 9, 26, 12)                                                 \
	"vpsrlq $25, %%ymm9, %%ymm14\n\t"                                                     \
	"vpand %%ymm13, %%ymm9, %%ymm9\n\t"                                                   \
	"vpsllq $1, %%ymm14, %%ymm10\n\t"                                                     \
	"vpsllq $4, %%ymm14, %%ymm11\n\t"                                                     \
	"vpaddq %%ymm14, %%ymm10, %%ymm10\n\t"                                                \
	"vpaddq %%ymm11, %%ymm0, %%ymm0\n\t"                                                  \
	"vpaddq %%ymm10, %%ymm0, %%ymm0\n\t"                                                  \
	HB_C(0, 1, 26, 12)

#define HB_STORE(p)                                                                           \
	"vmovdqa %%ymm0, 0(%[" p "])\n\t"                                                     \
	"vmovdqa %%ymm1, 32(%[" p "])\n\t"                                                    \
	"vmovdqa %%ymm2, 64(%[" p "])\n\t"                                                    \
	"vmovdqa %%ymm3, 96(%[" p "])\n\t"                                                    \
	"vmovdqa %%ymm4, 128(%[" p "])\n\t"                                                   \
	"vmovdqa %%ymm5, 160(%[" p "])\n\t"                                                   \
	"vmovdqa %%ymm6, 192(%[" p "])\n\t"                                                   \
	"vmovdqa %%ymm7, 224(%[" p "])\n\t"                                                   \
	"vmovdqa %%ymm8, 256(%[" p "])\n\t"                                                   \
	"vmovdqa %%ymm9, 288(%[" p "])\n\t"

/* h = f * g, lane by lane (loose inputs, tight output; h may alias). */
static void hb_fe4_mul(uint64_t h[40], const uint64_t f[40], const uint64_t g[40])
{
	__asm__ volatile(HB_PRODUCTS HB_CARRY HB_STORE("h")
	                 :
	                 : [h] "r"(h), [f] "r"(f), [g] "r"(g), [k] "r"(hb_x4_const)
	                 : HB_YMM_CLOBBERS);
}

/* ------------------------------------------------------------ stage 1 */

/*
 * From S to U = [A, B, C, D] and V = [A, B, B, A], S permuted first by the
 * conditional swap: swap is 0 or all ones (secret), and the vpermd index
 * vector (ymm15) is dwords 0..7, with 4 xored in (the two 128-bit halves
 * exchanged) when swap is all ones; it is formed in registers from swap
 * (a vector store and load would stall store-to-load forwarding). With
 * s = the permuted [x2, z2, x3, z3] and t = s with the lanes of each
 * 128-bit half swapped = [z2, x2, z3, x3]: U = t + [s0, 2p - s1, s2, 2p - s3].
 */
#define HB_SWAP_INDEX                                                                         \
	"vmovd %[sw], %%xmm15\n\t"                                                            \
	"vpbroadcastd %%xmm15, %%ymm15\n\t"                                                   \
	"vpand 544(%[k]), %%ymm15, %%ymm15\n\t"                                               \
	"vpxor 512(%[k]), %%ymm15, %%ymm15\n\t"
#define HB_STAGE1(l, c)                                                                       \
	"vpermd 32*" #l "(%[s]), %%ymm15, %%ymm" #l "\n\t"                                    \
	"vpshufd $0x4e, %%ymm" #l ", %%ymm10\n\t"                                             \
	"vpsubq %%ymm" #l ", %%ymm" #c ", %%ymm11\n\t"                                        \
	"vpblendd $0xcc, %%ymm11, %%ymm" #l ", %%ymm" #l "\n\t"                               \
	"vpaddq %%ymm10, %%ymm" #l ", %%ymm" #l "\n\t"                                        \
	"vmovdqa %%ymm" #l ", 32*" #l "(%[u])\n\t"                                            \
	"vpermq $0x14, %%ymm" #l ", %%ymm" #l "\n\t"                                          \
	"vmovdqa %%ymm" #l ", 32*" #l "(%[v])\n\t"

static void hb_x4_stage1(uint64_t u[40], uint64_t v[40], const uint64_t s[40], uint32_t swap)
{
	__asm__ volatile(HB_SWAP_INDEX
	                 "vmovdqa 0(%[k]), %%ymm12\n\t"  /* 2p, limb 0 */
	                 "vmovdqa 64(%[k]), %%ymm13\n\t" /* 2p, even limbs */
	                 "vmovdqa 32(%[k]), %%ymm14\n\t" /* 2p, odd limbs */
	                 HB_STAGE1(0, 12) HB_STAGE1(1, 14) HB_STAGE1(2, 13) HB_STAGE1(3, 14)
	                 HB_STAGE1(4, 13) HB_STAGE1(5, 14) HB_STAGE1(6, 13) HB_STAGE1(7, 14)
	                 HB_STAGE1(8, 13) HB_STAGE1(9, 14)
	                 :
	                 : [u] "r"(u), [v] "r"(v), [s] "r"(s), [sw] "r"(swap), [k] "r"(hb_x4_const)
	                 : HB_YMM_CLOBBERS);
}

/* ------------------------------------------------------------ stage 2 */

/*
 * From M = [AA, BB, CB, DA] to U = [AA, AA - BB, DA + CB, DA - CB] and
 * V = [BB, BB + 121666 E, DA + CB, x1 (DA - CB)], the last lane from y
 * (hb_x4_x1). With t = M with the lanes of each half swapped =
 * [BB, AA, DA, CB]:
 *   U = [AA, AA, DA, DA] + [0, 2p - BB, CB, 2p - CB]
 *   V = [BB, BB, CB, DA] + [0, K, 0, 0], lane 2 then taken from U,
 * where K = [0, 121666, 0, 0] * U (lane 1 only) needs a carry: its limbs are below
 * 2^44.6, and one carry step in which every limb gives its high bits to
 * the next (limb 9 to limb 0 times 19) brings them to < 2^26 + 2^23.9.
 * Streamed limb by limb: limb l's K carries into limb l + 1, so the carry
 * into limb l is known once K_{l-1} is; limb 0, which needs K_9, is
 * finished last (u_0 in ymm7, [BB, BB, CB, DA]_0 in ymm8, K_0 in ymm9).
 * ymm14: lanes-1-3 mask, ymm15: [0, 121666, 0, 0].
 */
#define HB_STAGE2_UV(l, kr, c)                                                                \
	"vmovdqa 32*" #l "(%[m]), %%ymm0\n\t"                                                 \
	"vpshufd $0x4e, %%ymm0, %%ymm1\n\t"                                                   \
	"vpblendd $0x3c, %%ymm1, %%ymm0, %%ymm2\n\t"                                          \
	"vpblendd $0xc0, %%ymm1, %%ymm0, %%ymm3\n\t"                                          \
	"vpsubq %%ymm3, " c ", %%ymm4\n\t"                                                    \
	"vpblendd $0xcc, %%ymm4, %%ymm3, %%ymm3\n\t"                                          \
	"vpand %%ymm14, %%ymm3, %%ymm3\n\t"                                                   \
	"vpaddq %%ymm3, %%ymm2, %%ymm2\n\t"                                                   \
	"vmovdqa %%ymm2, 32*" #l "(%[u])\n\t"                                                 \
	"vpblendd $0x03, %%ymm1, %%ymm0, %%ymm3\n\t"                                          \
	"vpmuludq %%ymm15, %%ymm2, %%ymm" #kr "\n\t"
/* V limb l from u (ymm2), [BB, BB, CB, DA] (ymm3), K_l (kr), K_{l-1} (kp),
 * x1 (DA - CB) (lane 3 of y). */
#define HB_STAGE2_V(l, kr, kp, wp, m)                                                         \
	"vpsrlq $" #wp ", %%ymm" #kp ", %%ymm5\n\t"                                           \
	"vpand " m ", %%ymm" #kr ", %%ymm6\n\t"                                               \
	"vpaddq %%ymm5, %%ymm6, %%ymm6\n\t"                                                   \
	"vpaddq %%ymm6, %%ymm3, %%ymm3\n\t"                                                   \
	"vpblendd $0x30, %%ymm2, %%ymm3, %%ymm3\n\t"                                          \
	"vpbroadcastq 32*" #l "+24(%[y]), %%ymm4\n\t"                                         \
	"vpblendd $0xc0, %%ymm4, %%ymm3, %%ymm3\n\t"                                          \
	"vmovdqa %%ymm3, 32*" #l "(%[v])\n\t"
#define HB_STAGE2(l, kr, kp, wp, m, c) HB_STAGE2_UV(l, kr, c) HB_STAGE2_V(l, kr, kp, wp, m)

static void hb_x4_stage2(uint64_t u[40], uint64_t v[40], const uint64_t m[40],
                         const uint64_t y[40])
{
	__asm__ volatile("vmovdqa 448(%[k]), %%ymm14\n\t"
	                 "vmovdqa 416(%[k]), %%ymm15\n\t"
	                 "vmovdqa 0(%[k]), %%ymm12\n\t"  /* 2p, limb 0 */
	                 HB_STAGE2_UV(0, 9, "%%ymm12")
	                 "vmovdqa 64(%[k]), %%ymm12\n\t" /* 2p, even limbs */
	                 "vmovdqa 32(%[k]), %%ymm13\n\t" /* 2p, odd limbs */
	                 "vmovdqa %%ymm2, %%ymm7\n\t"
	                 "vmovdqa %%ymm3, %%ymm8\n\t"
	                 HB_STAGE2(1, 10, 9, 26, M25, "%%ymm13")
	                 HB_STAGE2(2, 11, 10, 25, M26, "%%ymm12")
	                 HB_STAGE2(3, 10, 11, 26, M25, "%%ymm13")
	                 HB_STAGE2(4, 11, 10, 25, M26, "%%ymm12")
	                 HB_STAGE2(5, 10, 11, 26, M25, "%%ymm13")
	                 HB_STAGE2(6, 11, 10, 25, M26, "%%ymm12")
	                 HB_STAGE2(7, 10, 11, 26, M25, "%%ymm13")
	                 HB_STAGE2(8, 11, 10, 25, M26, "%%ymm12")
	                 HB_STAGE2(9, 10, 11, 26, M25, "%%ymm13")
	                 /* limb 0: carry 19 * (K_9 >> 25) */
	                 "vpsrlq $25, %%ymm10, %%ymm5\n\t"
	                 "vpsllq $1, %%ymm5, %%ymm6\n\t"
	                 "vpsllq $4, %%ymm5, %%ymm4\n\t"
	                 "vpaddq %%ymm6, %%ymm5, %%ymm5\n\t"
	                 "vpaddq %%ymm4, %%ymm5, %%ymm5\n\t"
	                 "vpand " M26 ", %%ymm9, %%ymm6\n\t"
	                 "vpaddq %%ymm5, %%ymm6, %%ymm6\n\t"
	                 "vpaddq %%ymm6, %%ymm8, %%ymm8\n\t"
	                 "vpblendd $0x30, %%ymm7, %%ymm8, %%ymm8\n\t"
	                 "vpbroadcastq 24(%[y]), %%ymm4\n\t"
	                 "vpblendd $0xc0, %%ymm4, %%ymm8, %%ymm8\n\t"
	                 "vmovdqa %%ymm8, (%[v])\n\t"
	                 :
	                 : [u] "r"(u), [v] "r"(v), [m] "r"(m), [y] "r"(y), [k] "r"(hb_x4_const)
	                 : HB_YMM_CLOBBERS);
}

/* ------------------------------------------------------------ x1 (DA - CB) */

/*
 * Radix 2^25.5 limbs 2k and 2k + 1 sit at bits 51k and 51k + 26: lane j of
 * a 4-way element as a radix-2^51 field element is limb k = l_2k +
 * 2^26 l_2k+1, and back, l_2k = limb k mod 2^26, l_2k+1 = limb k >> 26.
 * A loose 4-way lane (even limbs < 1.5 2^27 + 2^17.3, odd < 1.5 2^26 +
 * 2^17) gives radix-2^51 limbs below 2^52.7, within the "loose" bound of
 * hb_fe25519_64.h (2^53).
 */
static void hb_fe4_get_lane(hb_fe f, const uint64_t v[40], int j)
{
	uint64_t lo, hi;
	int k;

	for (k = 0; k < 5; k++) {
		/* in general-purpose registers: a compiler vectorising these
		 * loads would put the scalar product back on the vector units */
		lo = v[8 * k + j];
		hi = v[8 * k + 4 + j];
		HB_BARRIER64(lo);
		HB_BARRIER64(hi);
		f[k] = lo + (hi << 26);
	}
}

static void hb_fe4_set_lane(uint64_t v[40], int j, const hb_fe f)
{
	int k;
	for (k = 0; k < 5; k++) {
		v[8 * k + j] = f[k] & 0x3ffffffu;
		v[8 * k + 4 + j] = f[k] >> 26;
	}
}

/*
 * Lane 3 of y = x1 (DA - CB) from M = [AA, BB, CB, DA] (the other lanes of
 * y are not used), with the scalar 64-bit field on the integer units, so
 * that it runs beside stage 2 on the vector units. tmp: scratch.
 */
static void hb_x4_x1(uint64_t y[40], const uint64_t m[40], const hb_fe x1, hb_fe tmp[2])
{
	hb_fe4_get_lane(tmp[0], m, 3);
	hb_fe4_get_lane(tmp[1], m, 2);
	hb_fe_sub(tmp[0], tmp[0], tmp[1]);
	hb_fe_mul(tmp[0], tmp[0], x1);
	hb_fe4_set_lane(y, 3, tmp[0]);
}

/* ------------------------------------------------------------ the ladder */

void hb_x25519_ladder_avx2(uint64_t x2[5], uint64_t z2[5], const uint8_t e[32],
                           const uint8_t u[32])
{
	uint64_t s[40] HB_ALIGN32, a[40] HB_ALIGN32, b[40] HB_ALIGN32, m[40] HB_ALIGN32;
	uint64_t y[40] HB_ALIGN32;
	uint32_t swap = 0, bit, mask;
	uint64_t mask64;
	hb_fe x1, t, tmp[2];
	int i, k;

	/* S = [1, 0, x1, 1] */
	hb_fe_frombytes(x1, u);
	hb_fe_1(t);
	hb_fe4_set_lane(s, 0, t);
	hb_fe4_set_lane(s, 3, t);
	hb_fe4_set_lane(s, 2, x1);
	hb_fe_0(t);
	hb_fe4_set_lane(s, 1, t);

	for (i = 254; i >= 0; i--) {
		bit = (uint32_t)(e[i >> 3] >> (i & 7)) & 1u;
		swap ^= bit;
		mask = 0u - swap;
		HB_BARRIER32(mask);
		swap = bit;
		hb_x4_stage1(a, b, s, mask);
		hb_fe4_mul(m, a, b);
		hb_x4_x1(y, m, x1, tmp);
		hb_x4_stage2(a, b, m, y);
		hb_fe4_mul(s, a, b);
	}
	__asm__ volatile("vzeroupper" ::: "memory");

	/* Last swap, then lanes 0 and 1 out. */
	mask64 = hb_mask_bit64(swap);
	for (k = 0; k < 40; k += 4) {
		s[k] ^= mask64 & (s[k] ^ s[k + 2]);
		s[k + 1] ^= mask64 & (s[k + 1] ^ s[k + 3]);
	}
	hb_fe4_get_lane(t, s, 0);
	hb_fe_carry(x2, t);
	hb_fe4_get_lane(t, s, 1);
	hb_fe_carry(z2, t);

	hbox_wipe(s, sizeof s);
	hbox_wipe(a, sizeof a);
	hbox_wipe(b, sizeof b);
	hbox_wipe(m, sizeof m);
	hbox_wipe(y, sizeof y);
	hbox_wipe(t, sizeof t);
	hbox_wipe(tmp, sizeof tmp);
	hbox_wipe(&swap, sizeof swap);
}


/* ------------------------------------------------------------ fixed base */
#if !HB_X25519_SMALL

/*
 * P += Q on edwards25519 (the mixed addition of x25519_base.c, HWCD08
 * section 3.1 with a = -1, Z2 = 1), P = [X, Y, Z, T] and
 * Q = [y - x, y + x, 2dxy, 2] as 4-way elements (tight P, loose Q):
 *   stage a: U = [Y - X, Y + X, T, Z]; M = U * Q = [A, B, C, D];
 *   stage b: W1 = [A + B, A + B, C + D, C + D] = [H, H, G, G],
 *            W2 = [B - A, A - B, D - C, C - D] (+2p) = [E, -E, F, -F],
 *            U = [E, G, F, E], V = [F, H, G, H]; P = U * V =
 *            [EF, GH, FG, EH] = [X3, Y3, Z3, T3].
 * Sums and differences of tight values are loose, as the products accept.
 */
#define HB_MADD_A(l, c)                                                                       \
	"vmovdqa 32*" #l "(%[p]), %%ymm0\n\t"                                                 \
	"vpshufd $0x4e, %%ymm0, %%ymm1\n\t"                                                   \
	"vpsubq %%ymm0, %%ymm" #c ", %%ymm2\n\t"                                              \
	"vpblendd $0x03, %%ymm2, %%ymm0, %%ymm0\n\t"                                          \
	"vpand %%ymm15, %%ymm0, %%ymm0\n\t"                                                   \
	"vpaddq %%ymm1, %%ymm0, %%ymm0\n\t"                                                   \
	"vmovdqa %%ymm0, 32*" #l "(%[u])\n\t"

static void hb_x4_madd_a(uint64_t u[40], const uint64_t p[40])
{
	__asm__ volatile("vmovdqa 480(%[k]), %%ymm15\n\t"
	                 "vmovdqa 0(%[k]), %%ymm12\n\t"  /* 2p, limb 0 */
	                 "vmovdqa 64(%[k]), %%ymm13\n\t" /* 2p, even limbs */
	                 "vmovdqa 32(%[k]), %%ymm14\n\t" /* 2p, odd limbs */
	                 HB_MADD_A(0, 12) HB_MADD_A(1, 14) HB_MADD_A(2, 13) HB_MADD_A(3, 14)
	                 HB_MADD_A(4, 13) HB_MADD_A(5, 14) HB_MADD_A(6, 13) HB_MADD_A(7, 14)
	                 HB_MADD_A(8, 13) HB_MADD_A(9, 14)
	                 :
	                 : [u] "r"(u), [p] "r"(p), [k] "r"(hb_x4_const)
	                 : HB_YMM_CLOBBERS);
}

/*
 * Stage b, limb l of M: W1 (ymm2), W2 (ymm3); U = [W2_0, W1_2, W2_2, W2_0]
 * and V = [W2_2, W1_1, W1_2, W1_0] by lane permutations and blends.
 */
#define HB_MADD_B(l, c)                                                                       \
	"vmovdqa 32*" #l "(%[m]), %%ymm0\n\t"                                                 \
	"vpshufd $0x4e, %%ymm0, %%ymm1\n\t"                                                   \
	"vpaddq %%ymm1, %%ymm0, %%ymm2\n\t"                                                   \
	"vpsubq %%ymm0, %%ymm" #c ", %%ymm3\n\t"                                              \
	"vpaddq %%ymm1, %%ymm3, %%ymm3\n\t"                                                   \
	"vpermq $0x20, %%ymm3, %%ymm4\n\t"                                                    \
	"vpermq $0x08, %%ymm2, %%ymm5\n\t"                                                    \
	"vpblendd $0x0c, %%ymm5, %%ymm4, %%ymm4\n\t"                                          \
	"vmovdqa %%ymm4, 32*" #l "(%[u])\n\t"                                                 \
	"vpermq $0x24, %%ymm2, %%ymm6\n\t"                                                    \
	"vpermq $0x02, %%ymm3, %%ymm7\n\t"                                                    \
	"vpblendd $0x03, %%ymm7, %%ymm6, %%ymm6\n\t"                                          \
	"vmovdqa %%ymm6, 32*" #l "(%[v])\n\t"

static void hb_x4_madd_b(uint64_t u[40], uint64_t v[40], const uint64_t m[40])
{
	__asm__ volatile("vmovdqa 0(%[k]), %%ymm12\n\t"  /* 2p, limb 0 */
	                 "vmovdqa 64(%[k]), %%ymm13\n\t" /* 2p, even limbs */
	                 "vmovdqa 32(%[k]), %%ymm14\n\t" /* 2p, odd limbs */
	                 HB_MADD_B(0, 12) HB_MADD_B(1, 14) HB_MADD_B(2, 13) HB_MADD_B(3, 14)
	                 HB_MADD_B(4, 13) HB_MADD_B(5, 14) HB_MADD_B(6, 13) HB_MADD_B(7, 14)
	                 HB_MADD_B(8, 13) HB_MADD_B(9, 14)
	                 :
	                 : [u] "r"(u), [v] "r"(v), [m] "r"(m), [k] "r"(hb_x4_const)
	                 : HB_YMM_CLOBBERS);
}

/*
 * q = digit * 256^k * B from tab = hb_x25519_base_table[k] as
 * [y - x, y + x, 2dxy, 2] (digit: a two's complement byte in [-8, 8], as
 * in x25519_base.c). Every entry is read and masked in; digit 0 gives the
 * identity (y - x = y + x = 1, 2dxy = 0); a negative digit swaps y + x
 * with y - x and takes 2p - 2dxy. tmp, w: scratch (wiped by the caller).
 */
static void hb_x4_select(uint64_t q[40], const uint64_t tab[8][12], uint8_t digit, hb_fe tmp[4],
                         uint64_t w[12])
{
	uint64_t m, neg;
	const uint32_t sgn = (uint32_t)digit >> 7;
	const uint32_t mag = (((uint32_t)digit ^ (0u - sgn)) + sgn) & 0xffu;
	int j, k;

	for (k = 0; k < 12; k++)
		w[k] = 0;
	for (j = 0; j < 8; j++) {
		m = hb_mask_bit64(~hb_mask_nonzero32(mag ^ (uint32_t)(j + 1)) & 1u);
		for (k = 0; k < 12; k++)
			w[k] |= tab[j][k] & m;
	}
	m = ~hb_mask_nonzero32(mag) & 1u;
	w[0] |= m;
	w[4] |= m;

	hb_fe_from_words(tmp[0], w);     /* y + x */
	hb_fe_from_words(tmp[1], w + 4); /* y - x */
	hb_fe_from_words(tmp[2], w + 8); /* 2dxy */
	neg = hb_mask_bit64(sgn);
	hb_fe_cswap(tmp[0], tmp[1], neg & 1u);
	hb_fe_0(tmp[3]);
	hb_fe_sub(tmp[3], tmp[3], tmp[2]);
	hb_fe_cswap(tmp[2], tmp[3], neg & 1u);
	hb_fe4_set_lane(q, 0, tmp[1]);
	hb_fe4_set_lane(q, 1, tmp[0]);
	hb_fe4_set_lane(q, 2, tmp[2]);
	hb_fe_0(tmp[3]);
	tmp[3][0] = 2;
	hb_fe4_set_lane(q, 3, tmp[3]);
}

void hb_x25519_base_adds_avx2(uint64_t p[4][5], const uint8_t d[64], int odd)
{
	uint64_t v[40] HB_ALIGN32, q[40] HB_ALIGN32, a[40] HB_ALIGN32, m[40] HB_ALIGN32, w[12];
	hb_fe tmp[4];
	int i, j;

	for (j = 0; j < 4; j++)
		hb_fe4_set_lane(v, j, p[j]);
	for (i = odd; i < 64; i += 2) {
		hb_x4_select(q, hb_x25519_base_table[i >> 1], d[i], tmp, w);
		hb_x4_madd_a(a, v);
		hb_fe4_mul(m, a, q);
		hb_x4_madd_b(a, q, m);
		hb_fe4_mul(v, a, q);
	}
	__asm__ volatile("vzeroupper" ::: "memory");
	for (j = 0; j < 4; j++) {
		hb_fe4_get_lane(tmp[0], v, j);
		hb_fe_carry(p[j], tmp[0]);
	}

	hbox_wipe(v, sizeof v);
	hbox_wipe(q, sizeof q);
	hbox_wipe(a, sizeof a);
	hbox_wipe(m, sizeof m);
	hbox_wipe(w, sizeof w);
	hbox_wipe(tmp, sizeof tmp);
}

#endif
#endif

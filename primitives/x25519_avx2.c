/*
 * x25519_avx2.c - the Montgomery ladder of X25519 with AVX2, four field
 * operations at a time (contract in hb_x25519.h).
 *
 * A field element is 10 limbs in radix 2^25.5, as in hb_fe25519_32.h; a
 * vector element ("fe4") holds four field elements, limb l of lane j in
 * 64-bit word 4l + j (so limb l of all four lanes is one ymm register, and
 * vpmuludq multiplies the four lanes' 32-bit limbs at once). One ladder
 * step (RFC 7748 section 5) is three 4-way stages on the state
 * S = [x2, z2, x3, z3]:
 *
 *   stage 1  U = [A, B, C, D] = [x2 + z2, x2 - z2, x3 + z3, x3 - z3],
 *            V = [A, B, B, A];         M = U * V = [AA, BB, CB, DA]
 *   stage 2  U = [AA, E, DA + CB, DA - CB] with E = AA - BB,
 *            V = [BB, BB + 121666 E, DA + CB, DA - CB];
 *                                      M = U * V = [x2', z2', x3', W]
 *   stage 3  S = [x2', z2', x3', x1 * W]
 *
 * (z2' = E * (BB + 121666 E) equals the RFC's E * (AA + 121665 E).) The
 * conditional swap of (x2, z2) with (x3, z3) is a lane permutation (vpermd)
 * whose index vector is computed from the scalar bit with masks. Stage 3
 * has one useful product, so its 100 partial products are spread over the
 * four lanes by output column (x1 is public, its multiples are a table).
 *
 * Everything is in inline assembly, so the code (and its timing) does not
 * depend on how a compiler allocates 16 ymm registers: no branch and no
 * address depends on the scalar.
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
/* The 32-bit field for the conversions at both ends (this file never
 * includes hb_fe25519.h, so the names do not clash). */
#include "hb_fe25519_32.h"

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
 *   320  2^26 - 1                          480  lane 1 all ones
 *   352  2^25 - 1
 *   384  19
 *   416  121666
 */
#define HB_2P_EVEN 0x7fffffeu
#define HB_2P_ODD 0x3fffffeu
#define HB_V4(x) x, x, x, x
static const uint64_t hb_x4_const[64] HB_ALIGN32 = {
    HB_V4(0x7ffffdau), HB_V4(HB_2P_ODD), HB_V4(HB_2P_EVEN), HB_V4(HB_2P_ODD),
    HB_V4(HB_2P_EVEN), HB_V4(HB_2P_ODD), HB_V4(HB_2P_EVEN), HB_V4(HB_2P_ODD),
    HB_V4(HB_2P_EVEN), HB_V4(HB_2P_ODD), HB_V4(0x3ffffffu), HB_V4(0x1ffffffu),
    HB_V4(19u), HB_V4(121666u), 0, ~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0,
    0, ~(uint64_t)0, 0, 0};
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
 * the bits of column i above w into column j. Two interleaved chains
 * (0..5 and 4..9), then the carry out of limb 9 times 19 (= 16 + 2 + 1,
 * by shifts: it can exceed 32 bits) into limb 0, and 0 into 1 once more.
 * Uses ymm10, ymm11, ymm14.
 */
#define HB_C(i, j, w, m)                                                                      \
	"vpsrlq $" #w ", %%ymm" #i ", %%ymm14\n\t"                                            \
	"vpaddq %%ymm14, %%ymm" #j ", %%ymm" #j "\n\t"                                        \
	"vpand " m ", %%ymm" #i ", %%ymm" #i "\n\t"
#define HB_CARRY                                                                              \
	HB_C(0, 1, 26, M26) HB_C(4, 5, 26, M26)                                               \
	HB_C(1, 2, 25, M25) HB_C(5, 6, 25, M25)                                               \
	HB_C(2, 3, 26, M26) HB_C(6, 7, 26, M26)                                               \
	HB_C(3, 4, 25, M25) HB_C(7, 8, 25, M25)                                               \
	HB_C(4, 5, 26, M26) HB_C(8, 9, 26, M26)                                               \
	"vpsrlq $25, %%ymm9, %%ymm14\n\t"                                                     \
	"vpand " M25 ", %%ymm9, %%ymm9\n\t"                                                   \
	"vpsllq $1, %%ymm14, %%ymm10\n\t"                                                     \
	"vpsllq $4, %%ymm14, %%ymm11\n\t"                                                     \
	"vpaddq %%ymm14, %%ymm10, %%ymm10\n\t"                                                \
	"vpaddq %%ymm11, %%ymm0, %%ymm0\n\t"                                                  \
	"vpaddq %%ymm10, %%ymm0, %%ymm0\n\t"                                                  \
	HB_C(0, 1, 26, M26)

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
 * From S (permuted by idx: the conditional swap) to U = [A, B, C, D] and
 * V = [A, B, B, A]. With s = the permuted [x2, z2, x3, z3] and
 * t = s with the lanes of each 128-bit half swapped = [z2, x2, z3, x3]:
 * U = t + [s0, 2p - s1, s2, 2p - s3].
 */
#define HB_STAGE1(l)                                                                          \
	"vpermd 32*" #l "(%[s]), %%ymm15, %%ymm0\n\t"                                         \
	"vpshufd $0x4e, %%ymm0, %%ymm1\n\t"                                                   \
	"vmovdqa 32*" #l "(%[k]), %%ymm2\n\t"                                                 \
	"vpsubq %%ymm0, %%ymm2, %%ymm2\n\t"                                                   \
	"vpblendd $0xcc, %%ymm2, %%ymm0, %%ymm0\n\t"                                          \
	"vpaddq %%ymm1, %%ymm0, %%ymm0\n\t"                                                   \
	"vmovdqa %%ymm0, 32*" #l "(%[u])\n\t"                                                 \
	"vpermq $0x14, %%ymm0, %%ymm0\n\t"                                                    \
	"vmovdqa %%ymm0, 32*" #l "(%[v])\n\t"

static void hb_x4_stage1(uint64_t u[40], uint64_t v[40], const uint64_t s[40],
                         const uint32_t idx[8])
{
	__asm__ volatile("vmovdqu (%[idx]), %%ymm15\n\t"
	                 HB_STAGE1(0) HB_STAGE1(1) HB_STAGE1(2) HB_STAGE1(3) HB_STAGE1(4)
	                 HB_STAGE1(5) HB_STAGE1(6) HB_STAGE1(7) HB_STAGE1(8) HB_STAGE1(9)
	                 :
	                 : [u] "r"(u), [v] "r"(v), [s] "r"(s), [idx] "r"(idx), [k] "r"(hb_x4_const)
	                 : HB_YMM_CLOBBERS);
}

/* ------------------------------------------------------------ stage 2 */

/*
 * From M = [AA, BB, CB, DA] to U = [AA, AA - BB, DA + CB, DA - CB] and
 * V = [BB, BB + 121666 E, DA + CB, DA - CB]. With t = M with the lanes of
 * each half swapped = [BB, AA, DA, CB]:
 *   U = [AA, AA, DA, DA] + [0, 2p - BB, CB, 2p - CB]
 *   V = [BB, BB, CB, DA] + [0, K, 0, 0], lanes 2-3 then taken from U,
 * where K = 121666 * U (lane 1 matters) needs a carry: its limbs are below
 * 2^44.6, and one carry step in which every limb gives its high bits to
 * the next (limb 9 to limb 0 times 19) brings them to < 2^26 + 2^23.9.
 * Streamed limb by limb: limb l's K carries into limb l + 1, so the carry
 * into limb l is known once K_{l-1} is; limb 0, which needs K_9, is
 * finished last (u_0 in ymm7, [BB, BB, CB, DA]_0 in ymm8, K_0 in ymm9).
 * ymm13: lane-1 mask, ymm14: lanes-1-3 mask, ymm15: 121666.
 */
#define HB_STAGE2_UV(l, kr)                                                                   \
	"vmovdqa 32*" #l "(%[m]), %%ymm0\n\t"                                                 \
	"vpshufd $0x4e, %%ymm0, %%ymm1\n\t"                                                   \
	"vpblendd $0x3c, %%ymm1, %%ymm0, %%ymm2\n\t"                                          \
	"vpblendd $0xc0, %%ymm1, %%ymm0, %%ymm3\n\t"                                          \
	"vmovdqa 32*" #l "(%[k]), %%ymm4\n\t"                                                 \
	"vpsubq %%ymm3, %%ymm4, %%ymm4\n\t"                                                   \
	"vpblendd $0xcc, %%ymm4, %%ymm3, %%ymm3\n\t"                                          \
	"vpand %%ymm14, %%ymm3, %%ymm3\n\t"                                                   \
	"vpaddq %%ymm3, %%ymm2, %%ymm2\n\t"                                                   \
	"vmovdqa %%ymm2, 32*" #l "(%[u])\n\t"                                                 \
	"vpblendd $0x03, %%ymm1, %%ymm0, %%ymm3\n\t"                                          \
	"vpmuludq %%ymm15, %%ymm2, %%ymm" #kr "\n\t"
/* V limb l from u (ymm2), [BB, BB, CB, DA] (ymm3), K_l (kr), K_{l-1} (kp). */
#define HB_STAGE2_V(l, kr, kp, wp, m)                                                         \
	"vpsrlq $" #wp ", %%ymm" #kp ", %%ymm5\n\t"                                           \
	"vpand " m ", %%ymm" #kr ", %%ymm6\n\t"                                               \
	"vpaddq %%ymm5, %%ymm6, %%ymm6\n\t"                                                   \
	"vpand %%ymm13, %%ymm6, %%ymm6\n\t"                                                   \
	"vpaddq %%ymm6, %%ymm3, %%ymm3\n\t"                                                   \
	"vpblendd $0xf0, %%ymm2, %%ymm3, %%ymm3\n\t"                                          \
	"vmovdqa %%ymm3, 32*" #l "(%[v])\n\t"
#define HB_STAGE2(l, kr, kp, wp, m) HB_STAGE2_UV(l, kr) HB_STAGE2_V(l, kr, kp, wp, m)

static void hb_x4_stage2(uint64_t u[40], uint64_t v[40], const uint64_t m[40])
{
	__asm__ volatile("vmovdqa 480(%[k]), %%ymm13\n\t"
	                 "vmovdqa 448(%[k]), %%ymm14\n\t"
	                 "vmovdqa 416(%[k]), %%ymm15\n\t"
	                 HB_STAGE2_UV(0, 9)
	                 "vmovdqa %%ymm2, %%ymm7\n\t"
	                 "vmovdqa %%ymm3, %%ymm8\n\t"
	                 HB_STAGE2(1, 10, 9, 26, M25)
	                 HB_STAGE2(2, 11, 10, 25, M26)
	                 HB_STAGE2(3, 10, 11, 26, M25)
	                 HB_STAGE2(4, 11, 10, 25, M26)
	                 HB_STAGE2(5, 10, 11, 26, M25)
	                 HB_STAGE2(6, 11, 10, 25, M26)
	                 HB_STAGE2(7, 10, 11, 26, M25)
	                 HB_STAGE2(8, 11, 10, 25, M26)
	                 HB_STAGE2(9, 10, 11, 26, M25)
	                 /* limb 0: carry 19 * (K_9 >> 25) */
	                 "vpsrlq $25, %%ymm10, %%ymm5\n\t"
	                 "vpsllq $1, %%ymm5, %%ymm6\n\t"
	                 "vpsllq $4, %%ymm5, %%ymm4\n\t"
	                 "vpaddq %%ymm6, %%ymm5, %%ymm5\n\t"
	                 "vpaddq %%ymm4, %%ymm5, %%ymm5\n\t"
	                 "vpand " M26 ", %%ymm9, %%ymm6\n\t"
	                 "vpaddq %%ymm5, %%ymm6, %%ymm6\n\t"
	                 "vpand %%ymm13, %%ymm6, %%ymm6\n\t"
	                 "vpaddq %%ymm6, %%ymm8, %%ymm8\n\t"
	                 "vpblendd $0xf0, %%ymm7, %%ymm8, %%ymm8\n\t"
	                 "vmovdqa %%ymm8, (%[v])\n\t"
	                 :
	                 : [u] "r"(u), [v] "r"(v), [m] "r"(m), [k] "r"(hb_x4_const)
	                 : HB_YMM_CLOBBERS);
}

/* ------------------------------------------------------------ stage 3 */

/*
 * S = M with lane 3 multiplied by x1. Column k of x1 * W (W = lane 3 of M)
 * is sum_i W_i * x1t(i, k), where x1t(i, k) = x1_j times 19 if i + j >= 10
 * and times 2 if i and j are odd, j = (k - i) mod 10. Round r computes
 * columns 4r..4r+3 in lanes 0..3: acc_r = sum_i broadcast(W_i) * xt[r][i],
 * xt[r][i] lane j = x1t(i, 4r + j) (0 past column 9). Then lane k mod 4 of
 * acc_{k/4} goes to lane 3 of limb k, lanes 0-2 come from M, and the whole
 * vector is carried (lanes 0-2 are already tight and stay so).
 */
#define HB_STAGE3_ROW(i)                                                                      \
	"vpermq $0xff, 32*" #i "(%[m]), %%ymm13\n\t"                                          \
	"vpmuludq 32*" #i "(%[x]), %%ymm13, %%ymm14\n\t"                                      \
	"vpaddq %%ymm14, %%ymm10, %%ymm10\n\t"                                                \
	"vpmuludq 320+32*" #i "(%[x]), %%ymm13, %%ymm14\n\t"                                  \
	"vpaddq %%ymm14, %%ymm11, %%ymm11\n\t"                                                \
	"vpmuludq 640+32*" #i "(%[x]), %%ymm13, %%ymm14\n\t"                                  \
	"vpaddq %%ymm14, %%ymm12, %%ymm12\n\t"
/* limb k = lanes 0-2 of M, lane 3 from lane j of acc (ymm<a>) */
#define HB_STAGE3_LIMB(k, a, j)                                                               \
	"vpermq $" #j "<<6, %%ymm" #a ", %%ymm" #k "\n\t"                                     \
	"vpblendd $0x3f, 32*" #k "(%[m]), %%ymm" #k ", %%ymm" #k "\n\t"

static void hb_x4_stage3(uint64_t s[40], const uint64_t m[40], const uint64_t xt[120])
{
	__asm__ volatile("vpermq $0xff, (%[m]), %%ymm13\n\t"
	                 "vpmuludq (%[x]), %%ymm13, %%ymm10\n\t"
	                 "vpmuludq 320(%[x]), %%ymm13, %%ymm11\n\t"
	                 "vpmuludq 640(%[x]), %%ymm13, %%ymm12\n\t"
	                 HB_STAGE3_ROW(1) HB_STAGE3_ROW(2) HB_STAGE3_ROW(3) HB_STAGE3_ROW(4)
	                 HB_STAGE3_ROW(5) HB_STAGE3_ROW(6) HB_STAGE3_ROW(7) HB_STAGE3_ROW(8)
	                 HB_STAGE3_ROW(9)
	                 HB_STAGE3_LIMB(0, 10, 0) HB_STAGE3_LIMB(1, 10, 1)
	                 HB_STAGE3_LIMB(2, 10, 2) HB_STAGE3_LIMB(3, 10, 3)
	                 HB_STAGE3_LIMB(4, 11, 0) HB_STAGE3_LIMB(5, 11, 1)
	                 HB_STAGE3_LIMB(6, 11, 2) HB_STAGE3_LIMB(7, 11, 3)
	                 HB_STAGE3_LIMB(8, 12, 0) HB_STAGE3_LIMB(9, 12, 1)
	                 HB_CARRY HB_STORE("s")
	                 :
	                 : [s] "r"(s), [m] "r"(m), [x] "r"(xt), [k] "r"(hb_x4_const)
	                 : HB_YMM_CLOBBERS);
}

/* ------------------------------------------------------------ the ladder */

/* Lane j of the 4-way element v = the 10 limbs of f. */
static void hb_fe4_set_lane(uint64_t v[40], int j, const hb_fe f)
{
	int l;
	for (l = 0; l < 10; l++)
		v[4 * l + j] = f[l];
}

/* xt[r][i] lane j = x1t(i, 4r + j), see hb_x4_stage3. */
static void hb_x4_x1_table(uint64_t xt[120], const hb_fe x1)
{
	int r, i, j, k, d;
	uint64_t c;

	for (r = 0; r < 3; r++) {
		for (i = 0; i < 10; i++) {
			for (j = 0; j < 4; j++) {
				k = 4 * r + j;
				d = k - i + (k < i ? 10 : 0); /* (k - i) mod 10 */
				c = k > 9 ? 0 : x1[d];
				c *= (i + d >= 10) ? 19u : 1u;
				c *= ((i & d & 1) != 0) ? 2u : 1u;
				xt[40 * r + 4 * i + j] = c;
			}
		}
	}
}

/*
 * idx = the vpermd index vector of the conditional swap: the identity, or
 * the two 128-bit halves exchanged when swap is 1 (swap is secret: a mask,
 * no branch).
 */
static void hb_x4_swap_index(uint32_t idx[8], uint32_t swap)
{
	uint32_t m = 0u - swap;
	int j;

	HB_BARRIER32(m);
	for (j = 0; j < 8; j++)
		idx[j] = (uint32_t)j ^ (m & 4u);
}

void hb_x25519_ladder_avx2(uint8_t x2[32], uint8_t z2[32], const uint8_t e[32],
                           const uint8_t u[32])
{
	uint64_t s[40] HB_ALIGN32, a[40] HB_ALIGN32, b[40] HB_ALIGN32, m[40] HB_ALIGN32;
	uint64_t xt[120] HB_ALIGN32;
	uint32_t idx[8], swap = 0, bit, mask;
	hb_fe x1, t;
	int i, l;

	/* S = [1, 0, x1, 1] */
	hb_fe_frombytes(x1, u);
	hb_x4_x1_table(xt, x1);
	hb_fe_1(t);
	hb_fe4_set_lane(s, 0, t);
	hb_fe4_set_lane(s, 3, t);
	hb_fe4_set_lane(s, 2, x1);
	hb_fe_0(t);
	hb_fe4_set_lane(s, 1, t);

	for (i = 254; i >= 0; i--) {
		bit = (uint32_t)(e[i >> 3] >> (i & 7)) & 1u;
		swap ^= bit;
		hb_x4_swap_index(idx, swap);
		swap = bit;
		hb_x4_stage1(a, b, s, idx);
		hb_fe4_mul(m, a, b);
		hb_x4_stage2(a, b, m);
		hb_fe4_mul(m, a, b);
		hb_x4_stage3(s, m, xt);
	}
	__asm__ volatile("vzeroupper" ::: "memory");

	/* Last swap, then lanes 0 and 1 out. */
	mask = 0u - swap;
	HB_BARRIER32(mask);
	for (l = 0; l < 10; l++) {
		t[l] = (uint32_t)s[4 * l] ^ (mask & (uint32_t)(s[4 * l] ^ s[4 * l + 2]));
		x1[l] = (uint32_t)s[4 * l + 1] ^ (mask & (uint32_t)(s[4 * l + 1] ^ s[4 * l + 3]));
	}
	hb_fe_carry(t, t);
	hb_fe_tobytes(x2, t);
	hb_fe_carry(x1, x1);
	hb_fe_tobytes(z2, x1);

	hbox_wipe(s, sizeof s);
	hbox_wipe(a, sizeof a);
	hbox_wipe(b, sizeof b);
	hbox_wipe(m, sizeof m);
	hbox_wipe(xt, sizeof xt);
	hbox_wipe(t, sizeof t);
	hbox_wipe(x1, sizeof x1);
	hbox_wipe(&swap, sizeof swap);
}

#endif

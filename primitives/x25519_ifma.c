/*
 * x25519_ifma.c - the Montgomery ladder of X25519 and the table additions
 * of the fixed-base multiplication with AVX-512 IFMA on 256-bit vectors,
 * four field operations at a time (contracts in hb_x25519.h). Used only in
 * builds with HOPEBOX_AVX512 (the CPU probe reports no AVX-512 otherwise).
 *
 * A field element is 5 limbs in radix 2^51 as in hb_fe25519_64.h, limb l
 * of lane j in 64-bit word 4l + j, and a product is formed with
 * vpmadd52luq / vpmadd52huq, which add the low or high 52 bits of the
 * 104-bit product of two 52-bit lanes to an accumulator: one 4-way
 * multiplication is 50 such instructions (against 100 vpmuludq in radix
 * 2^25.5 with AVX2). A ladder step (RFC 7748 section 5) on the state
 * S = [x2, z2, x3, z3] is one asm block with every intermediate in
 * registers, three 4-way multiplications:
 *
 *   stage 1  U = [A, B, C, D] = [x2 + z2, x2 - z2, x3 + z3, x3 - z3],
 *            V = [A, B, B, A];         M = U * V = [AA, BB, CB, DA]
 *   stage 2  U = [AA, E, DA + CB, DA - CB] with E = AA - BB,
 *            V = [BB, BB + 121666 E, DA + CB, DA - CB];
 *                                      M = U * V = [x2', z2', x3', W]
 *   stage 3  S = M * [1, 1, 1, x1] = [x2', z2', x3', x1 W]
 *
 * (z2' = E * (BB + 121666 E) equals the RFC's E * (AA + 121665 E).) The
 * conditional swap of (x2, z2) with (x3, z3) is a lane permutation
 * (vpermd) whose index vector is computed from the scalar bit with masks.
 *
 * Valgrind 3.19 cannot run AVX-512 and reports none to the program, so the
 * constant-time test (tests/ct/ct_x25519.c) sees the AVX2 ladder, not this
 * one. This code has the same shape: multiplies, adds, shifts, masks and
 * lane shuffles with fixed patterns, the swap as a vpermd index computed
 * with masks; no branch and no address depends on the scalar.
 *
 * Bounds. IFMA reads only bits 0..51 of each lane, so every input of a
 * multiplication must be below 2^52. A product leaves limbs <= 2^51
 * ("tight": limb 1 may reach 2^51 exactly). Sums and differences (+2p)
 * of tight values are below 2^51 + 2^52 and get one parallel carry step
 * (every limb keeps 51 bits and passes its high bits, at most 2, to the
 * next; limb 4's go to limb 0 times 19), which leaves limbs < 2^51 + 64.
 */
#include "hb_cpu.h"
#include "hb_x25519.h"

#if HB_X86_SIMD
#include "hb_internal.h"
/* The 64-bit field for the conversions at both ends (this file never
 * includes hb_fe25519.h, so the names do not clash). */
#include "hb_fe25519_64.h"

/* Each asm block must stay one statement (the compiler may use vector
 * registers between two), so some strings pass C99's 4095-character
 * minimum limit, which GNU assemblers do not have. */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Woverlength-strings"
#endif

/* AVX-512 VL (256-bit EVEX forms, ymm16-31) comes with IFMA on every CPU
 * that has IFMA. */
#define HB_IFMA __attribute__((target("avx512f,avx512vl,avx512ifma")))
#define HB_ALIGN32 __attribute__((aligned(32)))

/*
 * Constants, at these byte offsets:
 *     0  2p, limb by limb (5 vectors)      288  lane 1 all ones
 *   160  2^51 - 1                          320  lanes 0-1 all ones
 *   192  19                                352  vpermt2q index [0, 6, 2, 0]
 *   224  121666                            384  vpermt2q index [2, 5, 6, 4]
 *   256  lanes 1-3 all ones                416  dwords 0, 1, ..., 7
 *                                          448  dwords all 4
 */
#define HB_V4(x) x, x, x, x
static const uint64_t hb_i4_const[60] HB_ALIGN32 = {
    HB_V4(0xfffffffffffdaull), HB_V4(0xffffffffffffeull), HB_V4(0xffffffffffffeull),
    HB_V4(0xffffffffffffeull), HB_V4(0xffffffffffffeull), HB_V4(0x7ffffffffffffull),
    HB_V4(19u), HB_V4(121666u), 0, ~(uint64_t)0, ~(uint64_t)0, ~(uint64_t)0,
    0, ~(uint64_t)0, 0, 0, ~(uint64_t)0, ~(uint64_t)0, 0, 0,
    0, 6, 2, 0, 2, 5, 6, 4, 0x100000000u, 0x300000002u, 0x500000004u, 0x700000006u,
    HB_V4(0x400000004u)};
#undef HB_V4

#define HB_ZMM_CLOBBERS                                                                       \
	"xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", \
	    "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "xmm16", "xmm17", "xmm18", "xmm19",    \
	    "xmm20", "xmm21", "xmm22", "xmm23", "xmm24", "xmm25", "xmm26", "xmm27", "xmm28",    \
	    "xmm29", "xmm30", "xmm31", "memory"

/* ------------------------------------------------------------ multiplication */

/*
 * f in ymm18..22, g in ymm23..27. Column k of the product is
 * L_k + 2 H_{k-1}, where L_k (ymm<k>, k = 0..8) sums the low halves of the
 * products f_i g_j with i + j = k and H_k (ymm<9 + k>) their high halves:
 * a high half has weight 2^52 = 2 * 2^51 relative to its column. Columns
 * 5..9 fold into 0..4 times 19 (2^255 = 19 mod p).
 * Bounds: inputs < 2^52, so L_k, H_k < 5 * 2^52 and a column < 2^55.9;
 * after the fold r_k < 2^55.9 + 19 * 2^55.9 < 2^60.3.
 */
#define HB_I_P(f, g, l, h)                                                                    \
	"vpmadd52luq %%ymm" #g ", %%ymm" #f ", %%ymm" #l "\n\t"                               \
	"vpmadd52huq %%ymm" #g ", %%ymm" #f ", %%ymm" #h "\n\t"
#define HB_I_ZERO(r) "vpxorq %%xmm" #r ", %%xmm" #r ", %%xmm" #r "\n\t"
#define HB_I_LOAD(p, r0, r1, r2, r3, r4)                                                      \
	"vmovdqa64 0(%[" p "]), %%ymm" #r0 "\n\t"                                             \
	"vmovdqa64 32(%[" p "]), %%ymm" #r1 "\n\t"                                            \
	"vmovdqa64 64(%[" p "]), %%ymm" #r2 "\n\t"                                            \
	"vmovdqa64 96(%[" p "]), %%ymm" #r3 "\n\t"                                            \
	"vmovdqa64 128(%[" p "]), %%ymm" #r4 "\n\t"
#define HB_I_STORE(p)                                                                         \
	"vmovdqa64 %%ymm0, 0(%[" p "])\n\t"                                                   \
	"vmovdqa64 %%ymm1, 32(%[" p "])\n\t"                                                  \
	"vmovdqa64 %%ymm2, 64(%[" p "])\n\t"                                                  \
	"vmovdqa64 %%ymm3, 96(%[" p "])\n\t"                                                  \
	"vmovdqa64 %%ymm4, 128(%[" p "])\n\t"
/* column k (ymm<k>) += 2 H_{k-1} (ymm<h>) */
#define HB_I_HI(k, h)                                                                         \
	"vpaddq %%ymm" #h ", %%ymm" #h ", %%ymm" #h "\n\t"                                    \
	"vpaddq %%ymm" #h ", %%ymm" #k ", %%ymm" #k "\n\t"
/* ymm<k> += 19 * ymm<x> (19 x = x + 2x + 16x; x may exceed 52 bits) */
#define HB_I_FOLD(k, x)                                                                       \
	"vpsllq $1, %%ymm" #x ", %%ymm30\n\t"                                                 \
	"vpsllq $4, %%ymm" #x ", %%ymm31\n\t"                                                 \
	"vpaddq %%ymm30, %%ymm" #x ", %%ymm" #x "\n\t"                                        \
	"vpaddq %%ymm31, %%ymm" #x ", %%ymm" #x "\n\t"                                        \
	"vpaddq %%ymm" #x ", %%ymm" #k ", %%ymm" #k "\n\t"
/* carry from limb i to limb j (ymm28 = 2^51 - 1) */
#define HB_I_C(i, j)                                                                          \
	"vpsrlq $51, %%ymm" #i ", %%ymm30\n\t"                                                \
	"vpandq %%ymm28, %%ymm" #i ", %%ymm" #i "\n\t"                                        \
	"vpaddq %%ymm30, %%ymm" #j ", %%ymm" #j "\n\t"

/*
 * h = f * g from f in ymm18..22 and g in ymm23..27 (both < 2^52), result
 * in ymm0..4 (tight): the chain 0 -> 1 -> 2 -> 3 -> 4, 19 times the carry
 * out of limb 4 into limb 0 (an IFMA: the carry is < 2^10), then 0 -> 1.
 * Limb 0 then ends < 2^51 and limb 1 <= 2^51.
 */
#define HB_I_MUL                                                                              \
	HB_I_ZERO(0) HB_I_ZERO(1) HB_I_ZERO(2) HB_I_ZERO(3) HB_I_ZERO(4) HB_I_ZERO(5)         \
	HB_I_ZERO(6) HB_I_ZERO(7) HB_I_ZERO(8) HB_I_ZERO(9) HB_I_ZERO(10) HB_I_ZERO(11)       \
	HB_I_ZERO(12) HB_I_ZERO(13) HB_I_ZERO(14) HB_I_ZERO(15) HB_I_ZERO(16) HB_I_ZERO(17)   \
	HB_I_P(18, 23, 0, 9) HB_I_P(18, 24, 1, 10) HB_I_P(18, 25, 2, 11)                      \
	HB_I_P(18, 26, 3, 12) HB_I_P(18, 27, 4, 13)                                           \
	HB_I_P(19, 23, 1, 10) HB_I_P(19, 24, 2, 11) HB_I_P(19, 25, 3, 12)                     \
	HB_I_P(19, 26, 4, 13) HB_I_P(19, 27, 5, 14)                                           \
	HB_I_P(20, 23, 2, 11) HB_I_P(20, 24, 3, 12) HB_I_P(20, 25, 4, 13)                     \
	HB_I_P(20, 26, 5, 14) HB_I_P(20, 27, 6, 15)                                           \
	HB_I_P(21, 23, 3, 12) HB_I_P(21, 24, 4, 13) HB_I_P(21, 25, 5, 14)                     \
	HB_I_P(21, 26, 6, 15) HB_I_P(21, 27, 7, 16)                                           \
	HB_I_P(22, 23, 4, 13) HB_I_P(22, 24, 5, 14) HB_I_P(22, 25, 6, 15)                     \
	HB_I_P(22, 26, 7, 16) HB_I_P(22, 27, 8, 17)                                           \
	HB_I_HI(1, 9) HB_I_HI(2, 10) HB_I_HI(3, 11) HB_I_HI(4, 12) HB_I_HI(5, 13)             \
	HB_I_HI(6, 14) HB_I_HI(7, 15) HB_I_HI(8, 16)                                          \
	"vpaddq %%ymm17, %%ymm17, %%ymm17\n\t" /* column 9 */                                  \
	HB_I_FOLD(0, 5) HB_I_FOLD(1, 6) HB_I_FOLD(2, 7) HB_I_FOLD(3, 8) HB_I_FOLD(4, 17)      \
	"vmovdqa64 160(%[k]), %%ymm28\n\t"                                                    \
	"vmovdqa64 192(%[k]), %%ymm29\n\t"                                                    \
	HB_I_C(0, 1) HB_I_C(1, 2) HB_I_C(2, 3) HB_I_C(3, 4)                                   \
	"vpsrlq $51, %%ymm4, %%ymm30\n\t"                                                     \
	"vpandq %%ymm28, %%ymm4, %%ymm4\n\t"                                                  \
	"vpmadd52luq %%ymm29, %%ymm30, %%ymm0\n\t"                                            \
	HB_I_C(0, 1)

/*
 * One parallel carry step on limbs ymm<a>..ymm<a+4> (values < 2^53): every
 * limb keeps 51 bits (ymm28 = 2^51 - 1) and passes the rest to the next,
 * limb 4's to limb 0 times 19 (ymm29 = 19; an IFMA, the carry being
 * small). Temporaries ymm<t0>..ymm<t4>.
 */
#define HB_I_CARRY1(a0, a1, a2, a3, a4, t0, t1, t2, t3, t4)                                  \
	"vpsrlq $51, %%ymm" #a0 ", %%ymm" #t0 "\n\t"                                          \
	"vpsrlq $51, %%ymm" #a1 ", %%ymm" #t1 "\n\t"                                          \
	"vpsrlq $51, %%ymm" #a2 ", %%ymm" #t2 "\n\t"                                          \
	"vpsrlq $51, %%ymm" #a3 ", %%ymm" #t3 "\n\t"                                          \
	"vpsrlq $51, %%ymm" #a4 ", %%ymm" #t4 "\n\t"                                          \
	"vpandq %%ymm28, %%ymm" #a0 ", %%ymm" #a0 "\n\t"                                      \
	"vpandq %%ymm28, %%ymm" #a1 ", %%ymm" #a1 "\n\t"                                      \
	"vpandq %%ymm28, %%ymm" #a2 ", %%ymm" #a2 "\n\t"                                      \
	"vpandq %%ymm28, %%ymm" #a3 ", %%ymm" #a3 "\n\t"                                      \
	"vpandq %%ymm28, %%ymm" #a4 ", %%ymm" #a4 "\n\t"                                      \
	"vpmadd52luq %%ymm29, %%ymm" #t4 ", %%ymm" #a0 "\n\t"                                 \
	"vpaddq %%ymm" #t0 ", %%ymm" #a1 ", %%ymm" #a1 "\n\t"                                 \
	"vpaddq %%ymm" #t1 ", %%ymm" #a2 ", %%ymm" #a2 "\n\t"                                 \
	"vpaddq %%ymm" #t2 ", %%ymm" #a3 ", %%ymm" #a3 "\n\t"                                 \
	"vpaddq %%ymm" #t3 ", %%ymm" #a4 ", %%ymm" #a4 "\n\t"

/* ------------------------------------------------------------ stage 1 */

/*
 * ymm<l> = limb l of U = t + [s0, 2p - s1, s2, 2p - s3], s = S permuted
 * by the swap index (ymm15), t = s with the lanes of each 128-bit half
 * swapped.
 */
#define HB_I_STAGE1(l)                                                                        \
	"vpermd 32*" #l "(%[s]), %%ymm15, %%ymm" #l "\n\t"                                    \
	"vpshufd $0x4e, %%ymm" #l ", %%ymm10\n\t"                                             \
	"vmovdqa 32*" #l "(%[k]), %%ymm11\n\t"                                                \
	"vpsubq %%ymm" #l ", %%ymm11, %%ymm11\n\t"                                            \
	"vpblendd $0xcc, %%ymm11, %%ymm" #l ", %%ymm" #l "\n\t"                               \
	"vpaddq %%ymm10, %%ymm" #l ", %%ymm" #l "\n\t"
/* ymm<r> = [A, B, B, A] from U = [A, B, C, D] in ymm<l> */
#define HB_I_V(l, r) "vpermq $0x14, %%ymm" #l ", %%ymm" #r "\n\t"

/* ------------------------------------------------------------ stage 2 */

/*
 * From M = [AA, BB, CB, DA] with limb l in ymm<l>: ymm<l> = limb l of
 * U = [AA, AA, DA, DA] + [0, 2p - BB, CB, 2p - CB] (before its carry) and
 * ymm<v> = limb l of [BB, BB, CB, DA]. ymm6 = M with the lanes of each
 * 128-bit half swapped; ymm15: lanes 1-3 mask.
 */
#define HB_I_STAGE2(l, v)                                                                     \
	"vpshufd $0x4e, %%ymm" #l ", %%ymm6\n\t"                                              \
	"vpblendd $0x3c, %%ymm6, %%ymm" #l ", %%ymm5\n\t"                                     \
	"vpblendd $0xc0, %%ymm6, %%ymm" #l ", %%ymm7\n\t"                                     \
	"vpblendd $0x03, %%ymm6, %%ymm" #l ", %%ymm" #v "\n\t"                                \
	"vmovdqa 32*" #l "(%[k]), %%ymm8\n\t"                                                 \
	"vpsubq %%ymm7, %%ymm8, %%ymm8\n\t"                                                   \
	"vpblendd $0xcc, %%ymm8, %%ymm7, %%ymm7\n\t"                                          \
	"vpand %%ymm15, %%ymm7, %%ymm7\n\t"                                                   \
	"vpaddq %%ymm7, %%ymm5, %%ymm" #l "\n\t"
/*
 * 121666 E, lane 1 only (ymm17 = lane-1 mask, ymm16 = 121666), from limb l
 * of U (ymm<l>, carried): the low 52 bits of each product are added to
 * [BB, BB, CB, DA] (ymm<w>), the high ones go to ymm<h>. Since
 * 121666 u_l = lo + 2^52 hi, hi belongs to limb l + 1, times 2.
 */
#define HB_I_K(l, w, h)                                                                       \
	"vpandq %%ymm17, %%ymm" #l ", %%ymm30\n\t"                                            \
	"vpmadd52luq %%ymm16, %%ymm30, %%ymm" #w "\n\t"                                       \
	HB_I_ZERO(h)                                                                          \
	"vpmadd52huq %%ymm16, %%ymm30, %%ymm" #h "\n\t"
/* ymm<h> = (w >> 51) + 2 hi, and w keeps 51 bits (temporary ymm<s>). */
#define HB_I_KC(w, h, s)                                                                      \
	"vpsrlq $51, %%ymm" #w ", %%ymm" #s "\n\t"                                            \
	"vpandq %%ymm28, %%ymm" #w ", %%ymm" #w "\n\t"                                        \
	"vpaddq %%ymm" #h ", %%ymm" #h ", %%ymm" #h "\n\t"                                    \
	"vpaddq %%ymm" #s ", %%ymm" #h ", %%ymm" #h "\n\t"
/* V limb (ymm<w>): lanes 2-3 from U (ymm<l>); then into ymm<g> */
#define HB_I_V2(l, w, g)                                                                      \
	"vpblendd $0xf0, %%ymm" #l ", %%ymm" #w ", %%ymm" #w "\n\t"                           \
	"vmovdqa64 %%ymm" #w ", %%ymm" #g "\n\t"

/* ymm18..22 = ymm0..4 (the next multiplication's f) */
#define HB_I_TO_F                                                                             \
	"vmovdqa64 %%ymm0, %%ymm18\n\t"                                                       \
	"vmovdqa64 %%ymm1, %%ymm19\n\t"                                                       \
	"vmovdqa64 %%ymm2, %%ymm20\n\t"                                                       \
	"vmovdqa64 %%ymm3, %%ymm21\n\t"                                                       \
	"vmovdqa64 %%ymm4, %%ymm22\n\t"

/*
 * One ladder step, S = [x2, z2, x3, z3] in memory (permuted first by the
 * conditional swap: swap is 0 or all ones, and the vpermd index is dwords
 * 0..7 with 4 xored in when swap is all ones, formed in registers) to the
 * next S, with every intermediate in registers:
 *   stage 1: U = [A, B, C, D] carried, V = [A, B, B, A]; M = U * V;
 *   stage 2: U = [AA, E, DA + CB, DA - CB] carried, V = [BB, BB + 121666 E,
 *            DA + CB, DA - CB] (lane 1 carried: BB + lo < 2^51 + 2^52 and
 *            hi < 2^17, so every limb ends below 2^51 + 19 (2 + 2^18));
 *            M = U * V;
 *   stage 3: S = M * [1, 1, 1, x1] (x1v).
 */
static HB_IFMA void hb_i4_step(uint64_t s[20], uint32_t swap, const uint64_t x1v[20])
{
	__asm__ volatile("vmovd %[sw], %%xmm15\n\t"
	                 "vpbroadcastd %%xmm15, %%ymm15\n\t"
	                 "vpand 448(%[k]), %%ymm15, %%ymm15\n\t"
	                 "vpxor 416(%[k]), %%ymm15, %%ymm15\n\t"
	                 "vmovdqa64 160(%[k]), %%ymm28\n\t"
	                 "vmovdqa64 192(%[k]), %%ymm29\n\t"
	                 HB_I_STAGE1(0) HB_I_STAGE1(1) HB_I_STAGE1(2) HB_I_STAGE1(3)
	                 HB_I_STAGE1(4)
	                 HB_I_CARRY1(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
	                 HB_I_TO_F
	                 HB_I_V(0, 23) HB_I_V(1, 24) HB_I_V(2, 25) HB_I_V(3, 26) HB_I_V(4, 27)
	                 HB_I_MUL
	                 /* stage 2 */
	                 "vmovdqa 256(%[k]), %%ymm15\n\t"
	                 "vmovdqa64 288(%[k]), %%ymm17\n\t"
	                 "vmovdqa64 224(%[k]), %%ymm16\n\t"
	                 HB_I_STAGE2(0, 10) HB_I_STAGE2(1, 11) HB_I_STAGE2(2, 12)
	                 HB_I_STAGE2(3, 13) HB_I_STAGE2(4, 14)
	                 HB_I_CARRY1(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
	                 HB_I_TO_F
	                 HB_I_K(0, 10, 5) HB_I_K(1, 11, 6) HB_I_K(2, 12, 7) HB_I_K(3, 13, 8)
	                 HB_I_K(4, 14, 9)
	                 HB_I_KC(10, 5, 23) HB_I_KC(11, 6, 24) HB_I_KC(12, 7, 25)
	                 HB_I_KC(13, 8, 26) HB_I_KC(14, 9, 27)
	                 "vpaddq %%ymm5, %%ymm11, %%ymm11\n\t"
	                 "vpaddq %%ymm6, %%ymm12, %%ymm12\n\t"
	                 "vpaddq %%ymm7, %%ymm13, %%ymm13\n\t"
	                 "vpaddq %%ymm8, %%ymm14, %%ymm14\n\t"
	                 "vpmadd52luq %%ymm29, %%ymm9, %%ymm10\n\t"
	                 HB_I_V2(0, 10, 23) HB_I_V2(1, 11, 24) HB_I_V2(2, 12, 25)
	                 HB_I_V2(3, 13, 26) HB_I_V2(4, 14, 27)
	                 HB_I_MUL
	                 /* stage 3 */
	                 HB_I_TO_F
	                 HB_I_LOAD("x", 23, 24, 25, 26, 27)
	                 HB_I_MUL HB_I_STORE("s")
	                 :
	                 : [s] "r"(s), [sw] "r"(swap), [x] "r"(x1v), [k] "r"(hb_i4_const)
	                 : HB_ZMM_CLOBBERS);
}

/* ------------------------------------------------------------ the ladder */

/* Lane j of the 4-way element v = the 5 limbs of f. */
static void hb_i4_set_lane(uint64_t v[20], int j, const hb_fe f)
{
	int l;
	for (l = 0; l < 5; l++)
		v[4 * l + j] = f[l];
}

HB_IFMA void hb_x25519_ladder_ifma(uint64_t x2[5], uint64_t z2[5], const uint8_t e[32],
                                   const uint8_t u[32])
{
	uint64_t s[20] HB_ALIGN32, x1v[20] HB_ALIGN32;
	uint32_t swap = 0, bit, m;
	uint64_t mask;
	hb_fe x1, t;
	int i, l;

	/* S = [1, 0, x1, 1]; the multiplier of stage 3 is [1, 1, 1, x1]. */
	hb_fe_frombytes(x1, u);
	hb_fe_1(t);
	hb_i4_set_lane(s, 0, t);
	hb_i4_set_lane(s, 3, t);
	hb_i4_set_lane(x1v, 0, t);
	hb_i4_set_lane(x1v, 1, t);
	hb_i4_set_lane(x1v, 2, t);
	hb_i4_set_lane(s, 2, x1);
	hb_i4_set_lane(x1v, 3, x1);
	hb_fe_0(t);
	hb_i4_set_lane(s, 1, t);

	for (i = 254; i >= 0; i--) {
		bit = (uint32_t)(e[i >> 3] >> (i & 7)) & 1u;
		swap ^= bit;
		m = 0u - swap;
		HB_BARRIER32(m);
		swap = bit;
		hb_i4_step(s, m, x1v);
	}
	__asm__ volatile("vzeroupper" ::: "memory");

	/* Last swap, then lanes 0 and 1 out (tight). */
	mask = hb_mask_bit64(swap);
	for (l = 0; l < 5; l++) {
		x2[l] = s[4 * l] ^ (mask & (s[4 * l] ^ s[4 * l + 2]));
		z2[l] = s[4 * l + 1] ^ (mask & (s[4 * l + 1] ^ s[4 * l + 3]));
	}

	hbox_wipe(s, sizeof s);
	hbox_wipe(t, sizeof t);
	hbox_wipe(x1, sizeof x1);
	hbox_wipe(x1v, sizeof x1v);
	hbox_wipe(&swap, sizeof swap);
}


/* ------------------------------------------------------------ fixed base */
#if !HB_X25519_SMALL

/*
 * P += Q on edwards25519 (the mixed addition of x25519_base.c, HWCD08
 * section 3.1 with a = -1, Z2 = 1), P = [X, Y, Z, T] with limb l of
 * coordinate j in word 4l + j (tight), Q = [y - x, y + x, 2dxy, 2] in the
 * same layout (limbs < 2^52):
 *   stage a: U = [Y - X, Y + X, T, Z] carried; M = U * Q = [A, B, C, D];
 *   stage b: W1 = [A + B, A + B, C + D, C + D] = [H, H, G, G],
 *            W2 = [B - A, A - B, D - C, C - D] (+2p) = [E, -E, F, -F],
 *            U = [E, G, F, E], V = [F, H, G, H] (two-source lane
 *            permutations of W2 and W1), both carried; P = U * V =
 *            [EF, GH, FG, EH] = [X3, Y3, Z3, T3].
 */
#define HB_I_MADD_A(l)                                                                        \
	"vmovdqa 32*" #l "(%[p]), %%ymm" #l "\n\t"                                            \
	"vpshufd $0x4e, %%ymm" #l ", %%ymm10\n\t"                                             \
	"vmovdqa 32*" #l "(%[k]), %%ymm11\n\t"                                                \
	"vpsubq %%ymm" #l ", %%ymm11, %%ymm11\n\t"                                            \
	"vpblendd $0x03, %%ymm11, %%ymm" #l ", %%ymm" #l "\n\t"                               \
	"vpand %%ymm15, %%ymm" #l ", %%ymm" #l "\n\t"                                         \
	"vpaddq %%ymm10, %%ymm" #l ", %%ymm" #l "\n\t"
/* stage b on limb l of M (ymm<l>): U limb to ymm<l>, V limb to ymm<v> */
#define HB_I_MADD_B(l, v)                                                                     \
	"vpshufd $0x4e, %%ymm" #l ", %%ymm5\n\t"                                              \
	"vpaddq %%ymm5, %%ymm" #l ", %%ymm6\n\t"                                              \
	"vmovdqa 32*" #l "(%[k]), %%ymm7\n\t"                                                 \
	"vpsubq %%ymm" #l ", %%ymm7, %%ymm7\n\t"                                              \
	"vpaddq %%ymm5, %%ymm7, %%ymm7\n\t"                                                   \
	"vmovdqa %%ymm7, %%ymm" #v "\n\t"                                                     \
	"vpermt2q %%ymm6, %%ymm16, %%ymm7\n\t"                                                \
	"vpermt2q %%ymm6, %%ymm17, %%ymm" #v "\n\t"                                           \
	"vmovdqa %%ymm7, %%ymm" #l "\n\t"

static HB_IFMA void hb_i4_madd(uint64_t p[20], const uint64_t q[20])
{
	__asm__ volatile("vmovdqa 320(%[k]), %%ymm15\n\t"
	                 "vmovdqa64 160(%[k]), %%ymm28\n\t"
	                 "vmovdqa64 192(%[k]), %%ymm29\n\t"
	                 HB_I_MADD_A(0) HB_I_MADD_A(1) HB_I_MADD_A(2) HB_I_MADD_A(3)
	                 HB_I_MADD_A(4)
	                 HB_I_CARRY1(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
	                 HB_I_TO_F
	                 HB_I_LOAD("q", 23, 24, 25, 26, 27)
	                 HB_I_MUL
	                 "vmovdqa64 352(%[k]), %%ymm16\n\t"
	                 "vmovdqa64 384(%[k]), %%ymm17\n\t"
	                 HB_I_MADD_B(0, 10) HB_I_MADD_B(1, 11) HB_I_MADD_B(2, 12)
	                 HB_I_MADD_B(3, 13) HB_I_MADD_B(4, 14)
	                 HB_I_CARRY1(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
	                 HB_I_CARRY1(10, 11, 12, 13, 14, 5, 6, 7, 8, 9)
	                 HB_I_TO_F
	                 "vmovdqa64 %%ymm10, %%ymm23\n\t"
	                 "vmovdqa64 %%ymm11, %%ymm24\n\t"
	                 "vmovdqa64 %%ymm12, %%ymm25\n\t"
	                 "vmovdqa64 %%ymm13, %%ymm26\n\t"
	                 "vmovdqa64 %%ymm14, %%ymm27\n\t"
	                 HB_I_MUL HB_I_STORE("p")
	                 :
	                 : [p] "r"(p), [q] "r"(q), [k] "r"(hb_i4_const)
	                 : HB_ZMM_CLOBBERS);
}

/*
 * q = digit * 256^k * B from tab = hb_x25519_base_table[k] as
 * [y - x, y + x, 2dxy, 2] in the lane layout (digit: a two's complement
 * byte in [-8, 8], as in x25519_base.c). Every entry is read and masked in;
 * digit 0 gives the identity (y - x = y + x = 1, 2dxy = 0); a negative
 * digit swaps y + x with y - x and takes 2p - 2dxy. w, abc: scratch (wiped
 * by the caller).
 */
static HB_IFMA void hb_i4_select(uint64_t q[20], const uint64_t tab[8][12], uint8_t digit,
                                 uint64_t w[12], hb_fe abc[3])
{
	uint64_t m, neg, t;
	const uint32_t sgn = (uint32_t)digit >> 7;
	const uint32_t mag = (((uint32_t)digit ^ (0u - sgn)) + sgn) & 0xffu;
	uint64_t *a = abc[0], *b = abc[1], *c = abc[2];
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

	/* a = y + x, b = y - x, c = 2dxy */
	hb_fe_from_words(a, w);
	hb_fe_from_words(b, w + 4);
	hb_fe_from_words(c, w + 8);

	neg = hb_mask_bit64(sgn);
	for (k = 0; k < 5; k++) {
		t = neg & (a[k] ^ b[k]);
		q[4 * k] = b[k] ^ t;     /* y - x, or y + x when negative */
		q[4 * k + 1] = a[k] ^ t; /* y + x, or y - x */
		t = hb_i4_const[4 * k] - c[k];
		q[4 * k + 2] = c[k] ^ (neg & (c[k] ^ t));
		q[4 * k + 3] = k == 0 ? 2 : 0;
	}
}

HB_IFMA void hb_x25519_base_adds_ifma(uint64_t p[4][5], const uint8_t d[64], int odd)
{
	uint64_t v[20] HB_ALIGN32, q[20] HB_ALIGN32, w[12];
	hb_fe abc[3];
	int i, l, j;

	for (j = 0; j < 4; j++)
		for (l = 0; l < 5; l++)
			v[4 * l + j] = p[j][l];
	for (i = odd; i < 64; i += 2) {
		hb_i4_select(q, hb_x25519_base_table[i >> 1], d[i], w, abc);
		hb_i4_madd(v, q);
	}
	__asm__ volatile("vzeroupper" ::: "memory");
	for (j = 0; j < 4; j++)
		for (l = 0; l < 5; l++)
			p[j][l] = v[4 * l + j];

	hbox_wipe(v, sizeof v);
	hbox_wipe(q, sizeof q);
	hbox_wipe(w, sizeof w);
	hbox_wipe(abc, sizeof abc);
}

#endif
#endif

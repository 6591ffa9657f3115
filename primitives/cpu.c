/*
 * cpu.c - run-time CPU feature probe and the dispatch override (info.h).
 *
 * The only mutable global in the library besides the random-source hook is
 * `cache` below, one 32-bit word:
 *   bit 31       set once the CPU has been probed
 *   bits 0..14   features the CPU and OS support (HBOX_CPU_*)
 *   bits 16..30  features hbox_cpu_override allows (all after the probe)
 * Thread safety: the first calls may race to probe, but every thread
 * computes the same value and stores the whole word at once, so whichever
 * store lands last leaves the same cache (a benign race; the word is
 * volatile so the compiler neither splits nor re-orders the store around
 * the probe). hbox_cpu_override is the one writer that changes the value,
 * which is why it must not run while other threads are inside hopebox.
 */
#include <stdint.h>

#include "hb_cpu.h"

#define PROBED 0x80000000u
#define FEATURE_BITS 0x7fffu
#define ALLOWED_SHIFT 16

static volatile uint32_t cache;

#if HB_X86_SIMD
#include <cpuid.h>

/* XCR0: which register states the OS saves on a context switch. */
#define XCR0_SSE 0x02u
#define XCR0_AVX 0x04u
#define XCR0_AVX512 0xe0u /* opmask, ZMM0-15 upper halves, ZMM16-31 */

static uint32_t read_xcr0(void)
{
	uint32_t lo, hi;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0u));
	(void)hi;
	return lo;
}

static uint32_t bit(uint32_t reg, unsigned n)
{
	return (reg >> n) & 1u;
}

/*
 * Intel SDM vol. 2A, CPUID: leaf 1 ECX bit 9 SSSE3, 19 SSE4.1, 27 OSXSAVE,
 * 28 AVX; leaf 7 subleaf 0 EBX bit 5 AVX2, 8 BMI2, 16 AVX512F, 19 ADX,
 * 21 AVX512_IFMA, 29 SHA. AVX state is usable only when OSXSAVE is set and
 * XCR0 has both the SSE and AVX bits (checking AVX alone is a known bug:
 * the OS may enable XSAVE without YMM state).
 */
static uint32_t probe(void)
{
	unsigned a, b, c, d, b7 = 0, c1;
	uint32_t f = 0, xcr0 = 0, ymm, zmm;

	if (!__get_cpuid(1, &a, &b, &c, &d))
		return 0;
	c1 = c;
	if (!__get_cpuid_count(7, 0, &a, &b7, &c, &d))
		b7 = 0;
	if (bit(c1, 27))
		xcr0 = read_xcr0();
	ymm = bit(c1, 28) & (uint32_t)((xcr0 & (XCR0_SSE | XCR0_AVX)) == (XCR0_SSE | XCR0_AVX));
	zmm = ymm & (uint32_t)((xcr0 & XCR0_AVX512) == XCR0_AVX512) & bit(b7, 16);

	/* *_avx2.c files are compiled with -mbmi2 and use BMI1's andn, so AVX2
	 * here implies BMI1 (leaf 7 EBX bit 3) and BMI2. */
	if (ymm & bit(b7, 5) & bit(b7, 3) & bit(b7, 8))
		f |= HBOX_CPU_AVX2;
	if (bit(b7, 8))
		f |= HBOX_CPU_BMI2;
	if (bit(b7, 19))
		f |= HBOX_CPU_ADX;
	if (bit(b7, 29) & bit(c1, 9) & bit(c1, 19))
		f |= HBOX_CPU_SHA;
#if defined(HOPEBOX_AVX512)
	/* AVX-512 kernels are opt-in (CMake HOPEBOX_AVX512): valgrind 3.19
	 * cannot execute them, so the default build ships only paths its
	 * constant-time tests run (README, "Constant-time policy"). */
	if (zmm)
		f |= HBOX_CPU_AVX512F;
	/* The IFMA kernels also use 256-bit EVEX forms: AVX512VL (bit 31). */
	if (zmm & bit(b7, 21) & bit(b7, 31))
		f |= HBOX_CPU_AVX512IFMA;
#else
	(void)zmm;
#endif
	return f;
}
#else
static uint32_t probe(void)
{
	return 0;
}
#endif

/* The cache word, probing first if needed. */
static uint32_t load(void)
{
	uint32_t v = cache;
	if (!(v & PROBED)) {
		v = PROBED | probe() | ((uint32_t)FEATURE_BITS << ALLOWED_SHIFT);
		cache = v;
	}
	return v;
}

unsigned hbox_cpu_features(void)
{
	uint32_t v = load();
	return (unsigned)(v & (v >> ALLOWED_SHIFT) & FEATURE_BITS);
}

void hbox_cpu_override(unsigned allowed)
{
	uint32_t v = load();
	cache = PROBED | (v & FEATURE_BITS) | (((uint32_t)allowed & FEATURE_BITS) << ALLOWED_SHIFT);
}

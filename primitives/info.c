/*
 * info.c - build facts.
 */
#include "hb_cpu.h"
#include "info.h"

#if HB_X86_SIMD
#define HB_COMPILED "hopebox " HBOX_VERSION " portable+avx2+sha-ni, using "
/* Indexed by avx2 | sha << 1: static strings, so the result needs no
 * buffer (and no shared mutable state). */
static const char *const hb_using[4] = {
	HB_COMPILED "portable",
	HB_COMPILED "avx2",
	HB_COMPILED "sha-ni",
	HB_COMPILED "avx2+sha-ni",
};
#endif

const char *hbox_build_info(void)
{
#if HB_X86_SIMD
	unsigned f = hbox_cpu_features();
	unsigned i = (f & HBOX_CPU_AVX2 ? 1u : 0u) | (f & HBOX_CPU_SHA ? 2u : 0u);
	return hb_using[i];
#else
	return "hopebox " HBOX_VERSION " portable";
#endif
}

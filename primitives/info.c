/*
 * info.c - build facts.
 */
#include "hb_cpu.h"
#include "info.h"

const char *hbox_build_info(void)
{
#if HB_X86_SIMD
	if (hbox_cpu_features() & HBOX_CPU_AVX2)
		return "hopebox " HBOX_VERSION " portable+avx2, using avx2";
	return "hopebox " HBOX_VERSION " portable+avx2, using portable";
#else
	return "hopebox " HBOX_VERSION " portable";
#endif
}

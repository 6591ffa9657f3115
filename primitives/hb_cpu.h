/*
 * hb_cpu.h - private side of the run-time CPU dispatch (cpu.c).
 *
 * Not installed, not part of the API. The public side (feature bits,
 * hbox_cpu_features, hbox_cpu_override) is in info.h.
 *
 * HB_X86_SIMD is 1 when this build contains x86-64 SIMD code: x86-64, a GNU
 * C compiler (gcc or clang), and HOPEBOX_PORTABLE not defined. It must
 * agree with the HB_SIMD test in CMakeLists.txt, which compiles the
 * *_avx2.c files with -mavx2 -mbmi2 -madx (other SIMD files, such as
 * sha256_shani.c, use target attributes instead). When it is 0 no portable
 * file may name a SIMD symbol, the SIMD files compile to nothing, and
 * hbox_cpu_features() is always 0.
 *
 * A dispatcher is written as
 *
 *     #if HB_X86_SIMD
 *         if (hbox_cpu_features() & HBOX_CPU_AVX2)
 *             ... call the AVX2 kernel ...
 *     #endif
 *         ... portable code ...
 *
 * The feature test is a branch on public data (the CPU model and the
 * override), never on secrets.
 */
#ifndef HB_CPU_H
#define HB_CPU_H

#include "info.h"

#if !defined(HOPEBOX_PORTABLE) && defined(__x86_64__) &&                                      \
	(defined(__GNUC__) || defined(__clang__)) && !defined(__INTEL_LLVM_COMPILER)
#define HB_X86_SIMD 1
#else
#define HB_X86_SIMD 0
#endif

#endif

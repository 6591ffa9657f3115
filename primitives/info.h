/*
 * info.h - build facts and the power-on self-test.
 */
#ifndef HOPEBOX_INFO_H
#define HOPEBOX_INFO_H

#ifdef __cplusplus
extern "C" {
#endif

#define HBOX_VERSION "0.1.0"

/*
 * A static string naming the version, the code paths compiled in and the one
 * in use now, e.g. "hopebox 0.1.0 portable+avx2, using avx2" (x86-64 build on
 * a CPU with AVX2), "hopebox 0.1.0 portable+avx2, using portable" (no AVX2,
 * or disabled with hbox_cpu_override) or "hopebox 0.1.0 portable" (a
 * HOPEBOX_PORTABLE build, or a target without SIMD code).
 */
const char *hbox_build_info(void);

/*
 * Run-time CPU dispatch.
 *
 * On x86-64 builds with gcc or clang, some primitives have AVX2 kernels
 * beside the portable code; the library probes the CPU once (cpuid, and
 * xgetbv to check that the OS saves the wide registers) and uses a kernel
 * only when the CPU has what it needs. Every kernel gives exactly the bytes
 * of the portable code, at the same constant-time standard. Builds with
 * HOPEBOX_PORTABLE, and other targets, contain no SIMD code and report no
 * features.
 *
 * Feature bits (a feature is reported only when the OS supports it too):
 */
#define HBOX_CPU_AVX2 0x01u       /* AVX2 and BMI2, YMM state enabled */
#define HBOX_CPU_BMI2 0x02u       /* BMI2 (mulx, shrx, ...) */
#define HBOX_CPU_ADX 0x04u        /* ADX (adcx, adox) */
#define HBOX_CPU_SHA 0x08u        /* SHA-NI, with SSSE3 and SSE4.1 */
#define HBOX_CPU_AVX512F 0x10u    /* AVX-512F, ZMM and opmask state enabled */
#define HBOX_CPU_AVX512IFMA 0x20u /* AVX-512 IFMA52 (with AVX-512F) */
#define HBOX_CPU_ALL 0x7fffu      /* every bit this API can ever define */

/*
 * The HBOX_CPU_* features the library uses now: those the CPU and OS
 * support, in a build that has SIMD code, minus any removed by
 * hbox_cpu_override. The first call probes the CPU (thread-safe: see
 * cpu.c).
 */
unsigned hbox_cpu_features(void);

/*
 * Restrict the features the library may use to `allowed` (a set of
 * HBOX_CPU_* bits); features the CPU lacks stay off whatever allowed says.
 *   hbox_cpu_override(0)             every primitive takes its portable path
 *   hbox_cpu_override(HBOX_CPU_ALL)  back to the default: everything usable
 * Meant for tests (run both paths in one process and compare) and for
 * working around a suspect kernel in the field. The setting is process-wide
 * and takes effect for calls that start after it returns; do not call it
 * while other threads are inside hopebox.
 */
void hbox_cpu_override(unsigned allowed);

/*
 * Power-on self-test for firmware: runs one compiled-in known answer per
 * primitive (hashes, KDFs, stream ciphers, MACs, AEADs, boxes, X25519,
 * NewHope). Returns 0 when every answer matches, -1 otherwise. Uses no
 * files and no heap; about 10 KiB of stack (NewHope messages). Takes
 * about a millisecond on a desktop CPU.
 */
int hbox_selftest(void);

#ifdef __cplusplus
}
#endif

#endif

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
 * the CPU selects, e.g. "hopebox 0.1.0 portable".
 */
const char *hbox_build_info(void);

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

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

#ifdef __cplusplus
}
#endif

#endif

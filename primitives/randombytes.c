/*
 * randombytes.c - OS random source and the firmware hook. This is the only
 * file of the library that talks to the operating system.
 */
#if defined(__linux__) && !defined(HOPEBOX_NO_OS_RANDOM)
#define _GNU_SOURCE
#include <errno.h>
#include <sys/random.h>
#define HB_RANDOM_GETRANDOM 1
#elif (defined(__APPLE__) || defined(__FreeBSD__) || defined(__OpenBSD__) || \
       defined(__NetBSD__)) && !defined(HOPEBOX_NO_OS_RANDOM)
#include <stdlib.h>
#define HB_RANDOM_ARC4 1
#endif

#include "randombytes.h"
#include "hb_internal.h"

static hbox_randombytes_fn hb_random_hook;

static int hb_os_random(uint8_t *out, size_t len)
{
#if defined(HB_RANDOM_GETRANDOM)
	while (len > 0) {
		/* getrandom returns at most 33554431 bytes per call; ask in
		 * chunks of 256 so a call is never interrupted part-way. */
		size_t chunk = len < 256 ? len : 256;
		ssize_t r = getrandom(out, chunk, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		out += (size_t)r;
		len -= (size_t)r;
	}
	return 0;
#elif defined(HB_RANDOM_ARC4)
	arc4random_buf(out, len);
	return 0;
#else
	(void)out;
	(void)len;
	return -1;
#endif
}

int hbox_randombytes(uint8_t *out, size_t len)
{
	hbox_randombytes_fn fn = hb_random_hook;
	int r = fn != NULL ? fn(out, len) : hb_os_random(out, len);
	if (r != 0) {
		hbox_wipe(out, len);
		return -1;
	}
	return 0;
}

void hbox_set_randombytes(hbox_randombytes_fn fn)
{
	hb_random_hook = fn;
}

/*
 * hopebox-kat: run every known-answer suite.
 *
 *   hopebox-kat [--slow] [--vectors DIR] [--filter TEXT] [--list]
 *
 * Prints one line per group ("name: N passed, M failed") and a final
 * "N passed, M failed"; exits 1 on any failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hopebox.h"
#include "kat.h"
#include "kat_suites.h"

struct suite {
	const char *name;
	void (*run)(struct kat *);
};

static const struct suite suites[] = {HB_TABLE_ROWS};

int main(int argc, char **argv)
{
	struct kat k;
	int i, list = 0;
	const char *env = getenv("HOPEBOX_KAT_DIR");

	memset(&k, 0, sizeof k);
	/* HOPEBOX_FORCE_PORTABLE=1 runs everything on the portable code paths
	 * (the library itself reads no environment: this is the tool's choice). */
	if (getenv("HOPEBOX_FORCE_PORTABLE") != NULL && strcmp(getenv("HOPEBOX_FORCE_PORTABLE"), "0") != 0)
		hbox_cpu_override(0);
	k.dir = env != NULL ? env : HBOX_KAT_DIR;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--slow") == 0) {
			k.slow = 1;
		} else if (strcmp(argv[i], "--vectors") == 0 && i + 1 < argc) {
			k.dir = argv[++i];
		} else if (strcmp(argv[i], "--filter") == 0 && i + 1 < argc) {
			k.filter = argv[++i];
		} else if (strcmp(argv[i], "--list") == 0) {
			list = 1;
		} else {
			fprintf(stderr, "usage: %s [--slow] [--vectors DIR] [--filter TEXT] [--list]\n",
			        argv[0]);
			return 2;
		}
	}
	if (list) {
		for (i = 0; suites[i].name != NULL; i++)
			printf("%s\n", suites[i].name);
		return 0;
	}
	printf("hopebox-kat: vectors from %s%s\n", k.dir, k.slow ? " (slow vectors included)" : "");
	printf("build: %s\n", hbox_build_info());
	for (i = 0; suites[i].name != NULL; i++)
		suites[i].run(&k);
	printf("%lu passed, %lu failed\n", k.passed, k.failed);
	return k.failed == 0 && k.passed > 0 ? 0 : 1;
}

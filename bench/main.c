/*
 * hopebox-bench: cycles per operation and per byte for every primitive.
 *
 *   hopebox-bench [--summary] [--filter TEXT] [--json FILE] [--no-peers]
 *
 * When libsodium, OpenSSL or Nettle were found at build time, the same
 * operations are timed with them in the same run and a comparison table
 * (hopebox / best peer) follows the hopebox rows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "bench_suites.h"
#include "hopebox.h"

struct suite {
	const char *name;
	void (*run)(struct bench *);
};

static const struct suite suites[] = {HB_TABLE_ROWS};

static void cpu_name(char *out, size_t n)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];
	snprintf(out, n, "unknown CPU");
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "model name", 10) == 0) {
			char *c = strchr(line, ':');
			if (c != NULL) {
				c += 2;
				c[strcspn(c, "\n")] = '\0';
				snprintf(out, n, "%s", c);
			}
			break;
		}
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	struct bench b;
	char cpu[256], date[32];
	time_t t = time(NULL);
	const char *json = NULL;
	int i, peers = 1;

	memset(&b, 0, sizeof b);
	/* HOPEBOX_FORCE_PORTABLE=1 runs everything on the portable code paths
	 * (the library itself reads no environment: this is the tool's choice). */
	if (getenv("HOPEBOX_FORCE_PORTABLE") != NULL && strcmp(getenv("HOPEBOX_FORCE_PORTABLE"), "0") != 0)
		hbox_cpu_override(0);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--summary") == 0) {
			b.quick = 1;
		} else if (strcmp(argv[i], "--filter") == 0 && i + 1 < argc) {
			b.filter = argv[++i];
		} else if (strcmp(argv[i], "--json") == 0 && i + 1 < argc) {
			json = argv[++i];
		} else if (strcmp(argv[i], "--no-peers") == 0) {
			peers = 0;
		} else {
			fprintf(stderr, "usage: %s [--summary] [--filter TEXT] [--json FILE] [--no-peers]\n",
			        argv[0]);
			return 2;
		}
	}
	cpu_name(cpu, sizeof cpu);
	strftime(date, sizeof date, "%Y-%m-%d", gmtime(&t));
	printf("hopebox-bench on %s, %s\n", cpu, date);
	printf("build: %s\n", hbox_build_info());
#if defined(__x86_64__) || defined(__i386__)
	printf("unit: rdtsc ticks (median of %d batches)\n", b.quick ? 11 : 41);
#else
	printf("unit: nanoseconds (median of %d batches)\n", b.quick ? 11 : 41);
#endif
	printf("%-32s %8s %14s %10s\n", "operation", "bytes", "cycles/op", "cycles/B");
	for (i = 0; suites[i].name != NULL; i++)
		suites[i].run(&b);
	if (peers)
		bench_peers(&b);
	bench_compare(json, cpu, date);
	return 0;
}

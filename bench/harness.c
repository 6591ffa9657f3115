#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
static uint64_t now(void)
{
	return __rdtsc();
}
#else
static uint64_t now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
#endif

const size_t bench_sizes[3] = {64, 1024, 16384};

static volatile uint8_t sink_byte;

void bench_sink(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint8_t acc = 0;
	size_t i;
	for (i = 0; i < n; i++)
		acc ^= b[i];
	sink_byte ^= acc;
}

int bench_want(const struct bench *b, const char *name)
{
	return b->filter == NULL || strstr(name, b->filter) != NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double bench_run(const struct bench *b, bench_fn fn, void *ctx, size_t len)
{
	enum { MAX_SAMPLES = 41 };
	double samples[MAX_SAMPLES];
	int nsamples = b->quick ? 11 : MAX_SAMPLES;
	uint64_t t0, t1;
	unsigned batch = 1, i;
	int s;

	/* Grow the batch until one batch takes at least ~20k ticks, so the
	 * timer's own cost and resolution do not matter. */
	for (;;) {
		t0 = now();
		for (i = 0; i < batch; i++)
			fn(ctx, len);
		t1 = now();
		if (t1 - t0 >= 20000 || batch >= (1u << 20))
			break;
		batch *= 2;
	}
	for (s = 0; s < nsamples; s++) {
		t0 = now();
		for (i = 0; i < batch; i++)
			fn(ctx, len);
		t1 = now();
		samples[s] = (double)(t1 - t0) / batch;
	}
	qsort(samples, (size_t)nsamples, sizeof samples[0], cmp_double);
	return samples[nsamples / 2];
}

struct result {
	const char *name, *impl;
	size_t len;
	double cycles;
};

static struct result results[1024];
static size_t nresults;

static void record(const char *name, size_t len, const char *impl, double cycles)
{
	if (nresults < sizeof results / sizeof results[0]) {
		struct result r = {name, impl, len, cycles};
		results[nresults++] = r;
	}
}

void bench_row(const struct bench *b, const char *name, size_t len, double cycles)
{
	(void)b;
	record(name, len, "hopebox", cycles);
	if (len == 0)
		printf("%-32s %8s %14.0f\n", name, "-", cycles);
	else
		printf("%-32s %8zu %14.0f %10.2f\n", name, len, cycles, cycles / (double)len);
	fflush(stdout);
}

void bench_peer_row(const struct bench *b, const char *name, size_t len, const char *peer,
                    double cycles)
{
	(void)b;
	record(name, len, peer, cycles);
}

void bench_per_byte(const struct bench *b, const char *name, bench_fn fn, void *ctx)
{
	size_t i;
	if (!bench_want(b, name))
		return;
	for (i = 0; i < 3; i++)
		bench_row(b, name, bench_sizes[i], bench_run(b, fn, ctx, bench_sizes[i]));
}

static const char *const peer_names[] = {"libsodium", "openssl", "nettle"};

static double find(const char *name, size_t len, const char *impl)
{
	size_t i;
	for (i = 0; i < nresults; i++)
		if (strcmp(results[i].name, name) == 0 && results[i].len == len &&
		    strcmp(results[i].impl, impl) == 0)
			return results[i].cycles;
	return 0;
}

void bench_compare(const char *json_path, const char *cpu, const char *date)
{
	size_t i, j, shown = 0;
	FILE *f;

	for (i = 0; i < nresults; i++) {
		const struct result *r = &results[i];
		double best = 0;
		const char *best_name = NULL;
		if (strcmp(r->impl, "hopebox") != 0)
			continue;
		for (j = 0; j < 3; j++) {
			double c = find(r->name, r->len, peer_names[j]);
			if (c > 0 && (best == 0 || c < best)) {
				best = c;
				best_name = peer_names[j];
			}
		}
		if (best_name == NULL)
			continue;
		if (shown++ == 0) {
			printf("\ncomparison (same run; ratio = hopebox / best peer, < 1 is faster)\n");
			printf("%-28s %6s %11s %11s %11s %11s %7s\n", "operation", "bytes", "hopebox",
			       "libsodium", "openssl", "nettle", "ratio");
		}
		printf("%-28s %6zu %11.0f", r->name, r->len, r->cycles);
		for (j = 0; j < 3; j++) {
			double c = find(r->name, r->len, peer_names[j]);
			if (c > 0)
				printf(" %11.0f", c);
			else
				printf(" %11s", "-");
		}
		printf(" %7.2f\n", r->cycles / best);
	}
	if (shown == 0)
		printf("\n(no peer library found at build time: no comparison)\n");
	if (json_path == NULL)
		return;
	f = fopen(json_path, "w");
	if (f == NULL) {
		fprintf(stderr, "bench: cannot write %s\n", json_path);
		return;
	}
	fprintf(f, "{\n  \"cpu\": \"%s\",\n  \"date\": \"%s\",\n  \"results\": [\n", cpu, date);
	for (i = 0; i < nresults; i++)
		fprintf(f, "    {\"name\": \"%s\", \"bytes\": %zu, \"impl\": \"%s\", \"cycles\": %.1f}%s\n",
		        results[i].name, results[i].len, results[i].impl, results[i].cycles,
		        i + 1 < nresults ? "," : "");
	fprintf(f, "  ]\n}\n");
	fclose(f);
}

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

void bench_row(const struct bench *b, const char *name, size_t len, double cycles)
{
	(void)b;
	if (len == 0)
		printf("%-32s %8s %14.0f\n", name, "-", cycles);
	else
		printf("%-32s %8zu %14.0f %10.2f\n", name, len, cycles, cycles / (double)len);
}

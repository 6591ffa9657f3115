/*
 * bench.h - hopebox-bench's small API.
 *
 * A file bench/bench_<name>.c defines `void bench_<name>(struct bench *b)`;
 * CMake generates the table, so adding a benchmark is adding a file.
 *
 * Measuring: bench_run(b, fn, ctx, len) calls fn(ctx, len) in batches,
 * takes the median over many batches of the time per call, and returns it in
 * cycles (rdtsc ticks on x86-64, nanoseconds elsewhere; the header line says
 * which). bench_row prints one result line (and collects it for --json).
 */
#ifndef HB_BENCH_H
#define HB_BENCH_H

#include <stddef.h>
#include <stdint.h>

struct bench {
	int quick;          /* --summary: fewer samples */
	const char *filter; /* only rows whose name contains this */
};

typedef void (*bench_fn)(void *ctx, size_t len);

/* 1 when rows named `name` should run. */
int bench_want(const struct bench *b, const char *name);
/* Median cycles per call of fn(ctx, len). */
double bench_run(const struct bench *b, bench_fn fn, void *ctx, size_t len);
/* Record and print a hopebox result: "name  len  cycles/op  cycles/byte"
 * (len 0: a per-operation row). */
void bench_row(const struct bench *b, const char *name, size_t len, double cycles);
/* Record a peer library's result for the hopebox row of the same name and
 * len (printed in the comparison table at the end). */
void bench_peer_row(const struct bench *b, const char *name, size_t len, const char *peer,
                    double cycles);
/* bench_row for each of bench_sizes[], timing fn(ctx, size). */
void bench_per_byte(const struct bench *b, const char *name, bench_fn fn, void *ctx);

/* Print the hopebox / best-peer comparison; write JSON when path != NULL. */
void bench_compare(const char *json_path, const char *cpu, const char *date);
/* Peer rows (bench/peers.c; empty when no peer library was found). */
void bench_peers(struct bench *b);

/* Standard sizes for per-byte rows: 64 B, 1 KiB, 16 KiB. */
extern const size_t bench_sizes[3];

/* Keep a result alive so the optimiser cannot drop the work. */
void bench_sink(const void *p, size_t n);

#endif

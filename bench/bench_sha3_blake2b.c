/*
 * Bench: SHA3-256, SHAKE-128/256 and BLAKE2b.
 *
 * Per-operation rows match the peer figures in shared/anchors.md:
 * SHA3-256 of 32 bytes, SHAKE-128 32 B -> 2688 B (NewHope's gen_a squeeze)
 * and BLAKE2b 64 B -> 24 B (the sealed-box nonce). Per-byte rows hash
 * bench_sizes[] bytes (SHAKE with a 32-byte output).
 */
#include <stdint.h>

#include "bench.h"
#include "hopebox.h"

static uint8_t msg[16384];
static uint8_t out[2688];

static void run_sha3_256(void *ctx, size_t len)
{
	(void)ctx;
	hbox_sha3_256(out, msg, len);
	bench_sink(out, 1);
}

static void run_sha3_256_32(void *ctx, size_t len)
{
	(void)len;
	run_sha3_256(ctx, 32);
}

static void run_shake128(void *ctx, size_t len)
{
	(void)ctx;
	hbox_shake128(out, 32, msg, len);
	bench_sink(out, 1);
}

static void run_shake128_2688(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	hbox_shake128(out, 2688, msg, 32);
	bench_sink(out, 1);
}

static void run_shake256(void *ctx, size_t len)
{
	(void)ctx;
	hbox_shake256(out, 32, msg, len);
	bench_sink(out, 1);
}

static void run_blake2b(void *ctx, size_t len)
{
	(void)ctx;
	(void)hbox_blake2b(out, 64, NULL, 0, msg, len);
	bench_sink(out, 1);
}

static void run_blake2b_64_24(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	(void)hbox_blake2b(out, 24, NULL, 0, msg, 64);
	bench_sink(out, 1);
}

/* A per-byte row at each of bench_sizes[]. */
static void sized_rows(struct bench *b, const char *name, bench_fn fn)
{
	size_t i;
	if (!bench_want(b, name))
		return;
	for (i = 0; i < sizeof bench_sizes / sizeof bench_sizes[0]; i++)
		bench_row(b, name, bench_sizes[i], bench_run(b, fn, NULL, bench_sizes[i]));
}

void bench_sha3_blake2b(struct bench *b)
{
	size_t i;
	for (i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)(i * 131u + 7u);

	if (bench_want(b, "sha3_256_32B"))
		bench_row(b, "sha3_256_32B", 0, bench_run(b, run_sha3_256_32, NULL, 0));
	if (bench_want(b, "shake128_32B_to_2688B"))
		bench_row(b, "shake128_32B_to_2688B", 0, bench_run(b, run_shake128_2688, NULL, 0));
	sized_rows(b, "sha3_256", run_sha3_256);
	sized_rows(b, "shake128", run_shake128);
	sized_rows(b, "shake256", run_shake256);
	if (bench_want(b, "blake2b_64B_to_24B"))
		bench_row(b, "blake2b_64B_to_24B", 0, bench_run(b, run_blake2b_64_24, NULL, 0));
	sized_rows(b, "blake2b", run_blake2b);
}

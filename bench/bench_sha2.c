/*
 * Bench: SHA-256, HMAC-SHA256, HKDF-SHA256, PBKDF2-HMAC-SHA256.
 *
 * Per-operation rows match the peer figures in shared/anchors.md:
 * HMAC with a 32-byte key over 64 bytes; HKDF (32-byte salt and ikm,
 * 16-byte info) to 64 bytes; PBKDF2 at 1,000 iterations (32-byte output,
 * one block): the anchor's 100,000 iterations cost 100 times as much.
 */
#include <stdint.h>

#include "bench.h"
#include "hopebox.h"

static uint8_t msg[16384];
static uint8_t out[64];

static void run_sha256(void *ctx, size_t len)
{
	(void)ctx;
	hbox_sha256(out, msg, len);
	bench_sink(out, 1);
}

static void run_hmac(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	hbox_hmac_sha256(out, msg, 32, msg + 32, 64);
	bench_sink(out, 1);
}

static void run_hkdf(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	(void)hbox_hkdf_sha256(out, 64, msg, 32, msg + 32, 32, msg + 64, 16);
	bench_sink(out, 1);
}

static void run_pbkdf2(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	(void)hbox_pbkdf2_sha256(out, 32, msg, 16, msg + 16, 16, 1000);
	bench_sink(out, 1);
}

void bench_sha2(struct bench *b)
{
	size_t i;
	for (i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)(i * 131u + 7u);

	if (bench_want(b, "sha256"))
		for (i = 0; i < sizeof bench_sizes / sizeof bench_sizes[0]; i++)
			bench_row(b, "sha256", bench_sizes[i],
			          bench_run(b, run_sha256, NULL, bench_sizes[i]));
	if (bench_want(b, "hmac_sha256_32B_key_64B"))
		bench_row(b, "hmac_sha256_32B_key_64B", 0, bench_run(b, run_hmac, NULL, 0));
	if (bench_want(b, "hkdf_sha256_to_64B"))
		bench_row(b, "hkdf_sha256_to_64B", 0, bench_run(b, run_hkdf, NULL, 0));
	if (bench_want(b, "pbkdf2_sha256_1000it"))
		bench_row(b, "pbkdf2_sha256_1000it", 0, bench_run(b, run_pbkdf2, NULL, 0));
}

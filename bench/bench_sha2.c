/*
 * Bench: SHA-256, HMAC-SHA256, HKDF-SHA256, PBKDF2-HMAC-SHA256.
 *
 * Per-operation rows match the peer figures in shared/anchors.md:
 * HMAC with a 32-byte key over 64 bytes; HKDF (32-byte salt and ikm,
 * 16-byte info) to 64 bytes; PBKDF2 at 1,000 iterations (32-byte output,
 * one block): the anchor's 100,000 iterations cost 100 times as much.
 * pbkdf2_sha256_1000it_64B has two output blocks (with SHA-NI they run
 * side by side).
 *
 * Every row runs on the default dispatch (SHA-NI when the CPU has it);
 * the *_portable rows force the portable code with hbox_cpu_override(0).
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

static void run_pbkdf2_64(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	(void)hbox_pbkdf2_sha256(out, 64, msg, 16, msg + 16, 16, 1000);
	bench_sink(out, 1);
}

/* Row names (the harness keeps the pointers): default dispatch first,
 * then the forced-portable twin. */
static const char *const names[2][5] = {
	{"sha256", "hmac_sha256_32B_key_64B", "hkdf_sha256_to_64B", "pbkdf2_sha256_1000it",
	 "pbkdf2_sha256_1000it_64B"},
	{"sha256_portable", "hmac_sha256_32B_key_64B_portable", "hkdf_sha256_to_64B_portable",
	 "pbkdf2_sha256_1000it_portable", "pbkdf2_sha256_1000it_64B_portable"},
};

static void rows(struct bench *b, const char *const *name)
{
	bench_per_byte(b, name[0], run_sha256, NULL);
	if (bench_want(b, name[1]))
		bench_row(b, name[1], 0, bench_run(b, run_hmac, NULL, 0));
	if (bench_want(b, name[2]))
		bench_row(b, name[2], 0, bench_run(b, run_hkdf, NULL, 0));
	if (bench_want(b, name[3]))
		bench_row(b, name[3], 0, bench_run(b, run_pbkdf2, NULL, 0));
	if (bench_want(b, name[4]))
		bench_row(b, name[4], 0, bench_run(b, run_pbkdf2_64, NULL, 0));
}

void bench_sha2(struct bench *b)
{
	size_t i;
	for (i = 0; i < sizeof msg; i++)
		msg[i] = (uint8_t)(i * 131u + 7u);

	rows(b, names[0]);
	hbox_cpu_override(0);
	rows(b, names[1]);
	hbox_cpu_override(HBOX_CPU_ALL);
}

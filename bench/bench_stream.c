/*
 * Bench: the stream ciphers, encrypting bench_sizes[] bytes in place
 * (XOR of a message, as the AEAD and secretbox use them). Peer figures at
 * 16 KiB are in shared/anchors.md: ChaCha20 OpenSSL 0.494 / libsodium 1.040
 * ticks/byte, XSalsa20 libsodium 0.846. Also HChaCha20 and HSalsa20 per call.
 *
 * Every row runs on the default dispatch (the AVX-512 kernels when the CPU
 * has AVX-512F, else the AVX2 ones when it has AVX2); the *_avx2 rows mask
 * AVX-512 off with hbox_cpu_override (printed only on a CPU with both), and
 * the *_portable rows force the portable code with hbox_cpu_override(0).
 */
#include <stdint.h>

#include "bench.h"
#include "hopebox.h"

static uint8_t buf[16384];
static const uint8_t key[32] = {1, 2, 3};
static const uint8_t nonce[24] = {4, 5, 6};

static void run_chacha20_ietf(void *ctx, size_t len)
{
	(void)ctx;
	hbox_chacha20_ietf(buf, buf, len, key, nonce, 1);
	bench_sink(buf, 1);
}

static void run_chacha20(void *ctx, size_t len)
{
	(void)ctx;
	hbox_chacha20(buf, buf, len, key, nonce, 0);
	bench_sink(buf, 1);
}

static void run_xchacha20(void *ctx, size_t len)
{
	(void)ctx;
	hbox_xchacha20(buf, buf, len, key, nonce, 1);
	bench_sink(buf, 1);
}

static void run_salsa20(void *ctx, size_t len)
{
	(void)ctx;
	hbox_salsa20(buf, buf, len, key, nonce, 0);
	bench_sink(buf, 1);
}

static void run_xsalsa20(void *ctx, size_t len)
{
	(void)ctx;
	hbox_xsalsa20(buf, buf, len, key, nonce);
	bench_sink(buf, 1);
}

static void run_hchacha20(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	hbox_hchacha20(buf, key, nonce);
	bench_sink(buf, 1);
}

static void run_hsalsa20(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	hbox_hsalsa20(buf, key, nonce);
	bench_sink(buf, 1);
}

/* Row names (the harness keeps the pointers): default dispatch, then the
 * AVX2 and forced-portable twins. */
static const struct {
	const char *name[3];
	bench_fn fn;
} rows[] = {
	{{"chacha20_ietf", "chacha20_ietf_avx2", "chacha20_ietf_portable"}, run_chacha20_ietf},
	{{"chacha20", "chacha20_avx2", "chacha20_portable"}, run_chacha20},
	{{"xchacha20", "xchacha20_avx2", "xchacha20_portable"}, run_xchacha20},
	{{"salsa20", "salsa20_avx2", "salsa20_portable"}, run_salsa20},
	{{"xsalsa20", "xsalsa20_avx2", "xsalsa20_portable"}, run_xsalsa20},
};

void bench_stream(struct bench *b)
{
	const unsigned avx2 = HBOX_CPU_ALL & ~(HBOX_CPU_AVX512F | HBOX_CPU_AVX512IFMA);
	const unsigned paths[3] = {HBOX_CPU_ALL, avx2, 0};
	int has512 = (hbox_cpu_features() & HBOX_CPU_AVX512F) != 0;
	size_t r;
	int path;
	for (path = 0; path < 3; path++) {
		if (path == 1 && !has512)
			continue;
		hbox_cpu_override(paths[path]);
		for (r = 0; r < sizeof rows / sizeof rows[0]; r++)
			bench_per_byte(b, rows[r].name[path], rows[r].fn, NULL);
	}
	hbox_cpu_override(HBOX_CPU_ALL);
	if (bench_want(b, "hchacha20"))
		bench_row(b, "hchacha20", 0, bench_run(b, run_hchacha20, NULL, 0));
	if (bench_want(b, "hsalsa20"))
		bench_row(b, "hsalsa20", 0, bench_run(b, run_hsalsa20, NULL, 0));
}

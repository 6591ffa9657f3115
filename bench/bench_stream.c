/*
 * Bench: the stream ciphers, encrypting bench_sizes[] bytes in place
 * (XOR of a message, as the AEAD and secretbox use them). Peer figures at
 * 16 KiB are in shared/anchors.md: ChaCha20 OpenSSL 0.494 / libsodium 1.040
 * ticks/byte, XSalsa20 libsodium 0.846. Also HChaCha20 and HSalsa20 per call.
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

static const struct {
	const char *name;
	bench_fn fn;
} rows[] = {
	{"chacha20_ietf", run_chacha20_ietf}, {"chacha20", run_chacha20},
	{"xchacha20", run_xchacha20},         {"salsa20", run_salsa20},
	{"xsalsa20", run_xsalsa20},
};

void bench_stream(struct bench *b)
{
	size_t r, i;
	for (r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		if (!bench_want(b, rows[r].name))
			continue;
		for (i = 0; i < 3; i++)
			bench_row(b, rows[r].name, bench_sizes[i],
			          bench_run(b, rows[r].fn, NULL, bench_sizes[i]));
	}
	if (bench_want(b, "hchacha20"))
		bench_row(b, "hchacha20", 0, bench_run(b, run_hchacha20, NULL, 0));
	if (bench_want(b, "hsalsa20"))
		bench_row(b, "hsalsa20", 0, bench_run(b, run_hsalsa20, NULL, 0));
}

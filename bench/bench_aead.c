/*
 * Bench: Poly1305, ChaCha20-Poly1305 and XChaCha20-Poly1305 (encrypt, and
 * decrypt of a valid message), secretbox (seal and open) at bench_sizes[].
 * Peer figures at 16 KiB in shared/anchors.md: Poly1305 OpenSSL 0.212
 * ticks/byte (libsodium 0.643); ChaCha20-Poly1305 OpenSSL 0.749 (libsodium
 * 1.736); secretbox libsodium 1.58.
 *
 * Forced paths (hbox_cpu_override): poly1305_avx2 masks off AVX-512 IFMA
 * (the AVX2 kernel on a CPU with AVX2), the *_portable rows use the
 * portable code only. The setting in force before (e.g. from
 * HOPEBOX_FORCE_PORTABLE) is restored afterwards.
 */
#include <stdint.h>

#include "bench.h"
#include "hopebox.h"

static uint8_t buf[16384 + 16], ct[16384 + 16], tag[16];
static const uint8_t key[32] = {1, 2, 3};
static const uint8_t nonce[24] = {4, 5, 6};
static const uint8_t ad[16] = {7};

static void run_poly1305(void *ctx, size_t len)
{
	(void)ctx;
	hbox_poly1305(tag, buf, len, key);
	bench_sink(tag, 1);
}

static void run_chacha_seal(void *ctx, size_t len)
{
	(void)ctx;
	hbox_aead_chacha20poly1305_encrypt(buf, tag, buf, len, ad, sizeof ad, nonce, key);
	bench_sink(tag, 1);
}

static void run_chacha_open(void *ctx, size_t len)
{
	(void)ctx;
	bench_sink(&(int){hbox_aead_chacha20poly1305_decrypt(buf, ct, len, tag, ad, sizeof ad, nonce,
	                                                     key)},
	           sizeof(int));
}

static void run_xchacha_seal(void *ctx, size_t len)
{
	(void)ctx;
	hbox_aead_xchacha20poly1305_encrypt(buf, tag, buf, len, ad, sizeof ad, nonce, key);
	bench_sink(tag, 1);
}

static void run_secretbox(void *ctx, size_t len)
{
	(void)ctx;
	hbox_secretbox(ct, buf, len, nonce, key);
	bench_sink(ct, 1);
}

static void run_secretbox_open(void *ctx, size_t len)
{
	(void)ctx;
	bench_sink(&(int){hbox_secretbox_open(buf, ct, len + 16, nonce, key)}, sizeof(int));
}

static void per_byte(struct bench *b, const char *name, bench_fn fn)
{
	size_t i;
	if (!bench_want(b, name))
		return;
	for (i = 0; i < 3; i++)
		bench_row(b, name, bench_sizes[i], bench_run(b, fn, NULL, bench_sizes[i]));
}

/* per_byte with the library's SIMD use limited to `allowed`. */
static void per_byte_forced(struct bench *b, const char *name, bench_fn fn, unsigned allowed)
{
	const unsigned before = hbox_cpu_features();
	hbox_cpu_override(before & allowed);
	per_byte(b, name, fn);
	hbox_cpu_override(before);
}

void bench_aead(struct bench *b)
{
	size_t i;

	per_byte(b, "poly1305", run_poly1305);
	per_byte_forced(b, "poly1305_avx2", run_poly1305, ~HBOX_CPU_AVX512IFMA);
	per_byte_forced(b, "poly1305_portable", run_poly1305, 0u);
	per_byte_forced(b, "aead_chacha20poly1305_portable", run_chacha_seal, 0u);
	per_byte(b, "aead_chacha20poly1305", run_chacha_seal);
	per_byte(b, "aead_xchacha20poly1305", run_xchacha_seal);
	per_byte(b, "secretbox", run_secretbox);

	/* Opening: valid inputs prepared per size (a forgery costs the same). */
	if (bench_want(b, "aead_chacha20poly1305_open")) {
		for (i = 0; i < 3; i++) {
			size_t n = bench_sizes[i];
			hbox_aead_chacha20poly1305_encrypt(ct, tag, buf, n, ad, sizeof ad, nonce, key);
			bench_row(b, "aead_chacha20poly1305_open", n,
			          bench_run(b, run_chacha_open, NULL, n));
		}
	}
	if (bench_want(b, "secretbox_open")) {
		for (i = 0; i < 3; i++) {
			size_t n = bench_sizes[i];
			hbox_secretbox(ct, buf, n, nonce, key);
			bench_row(b, "secretbox_open", n, bench_run(b, run_secretbox_open, NULL, n));
		}
	}
}

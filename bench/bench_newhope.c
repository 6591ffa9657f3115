/*
 * Bench: NewHope (USENIX 2016). Per-operation rows for the three API calls
 * (with their draws from hbox_randombytes) and for the kernels behind them:
 * forward and inverse NTT, gen_a (SHAKE-128 rejection sampling) and the
 * noise sampler (ChaCha20 + centred binomial, one polynomial).
 *
 * The reference code's own figures on this machine kind (shared/anchors.md,
 * ticks): portable keygen 152,802, sharedb 237,588, shareda 49,894,
 * NTT 33,124, inverse NTT 34,528, noise 21,294, gen_a 25,064.
 */
#include <stdint.h>

#include "bench.h"
#include "hb_newhope.h"
#include "hopebox.h"

static uint8_t senda[HBOX_NEWHOPE_SENDABYTES];
static uint8_t sendb[HBOX_NEWHOPE_SENDBBYTES];
static uint8_t sk[HBOX_NEWHOPE_SKBYTES];
static uint8_t key[HBOX_NEWHOPE_BYTES];
static const uint8_t seed[32] = {7, 8, 9};
static hb_nh_poly poly;

static void run_keygen(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	(void)hbox_newhope_keygen(senda, sk);
	bench_sink(senda, 1);
}

static void run_sharedb(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	(void)hbox_newhope_sharedb(key, sendb, senda);
	bench_sink(key, 1);
}

static void run_shareda(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	(void)hbox_newhope_shareda(key, sk, sendb);
	bench_sink(key, 1);
}

static void run_ntt(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	hb_nh_ntt(&poly);
	bench_sink(poly.c, 2);
}

static void run_invntt(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	hb_nh_invntt(&poly);
	bench_sink(poly.c, 2);
}

static void run_gen_a(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	hb_nh_uniform(&poly, seed);
	bench_sink(poly.c, 2);
}

static void run_noise(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	hb_nh_getnoise(&poly, seed, 0);
	bench_sink(poly.c, 2);
}

void bench_newhope(struct bench *b)
{
	/* Valid messages for sharedb / shareda. */
	(void)hbox_newhope_keygen(senda, sk);
	(void)hbox_newhope_sharedb(key, sendb, senda);

	if (bench_want(b, "newhope_keygen"))
		bench_row(b, "newhope_keygen", 0, bench_run(b, run_keygen, NULL, 0));
	if (bench_want(b, "newhope_sharedb"))
		bench_row(b, "newhope_sharedb", 0, bench_run(b, run_sharedb, NULL, 0));
	if (bench_want(b, "newhope_shareda"))
		bench_row(b, "newhope_shareda", 0, bench_run(b, run_shareda, NULL, 0));
	if (bench_want(b, "newhope_ntt"))
		bench_row(b, "newhope_ntt", 0, bench_run(b, run_ntt, NULL, 0));
	if (bench_want(b, "newhope_invntt")) {
		/* invntt needs inputs below 2q: start from a valid polynomial
		 * (its outputs stay below 2q, so repeated calls remain valid). */
		hb_nh_uniform(&poly, seed);
		bench_row(b, "newhope_invntt", 0, bench_run(b, run_invntt, NULL, 0));
	}
	if (bench_want(b, "newhope_gen_a"))
		bench_row(b, "newhope_gen_a", 0, bench_run(b, run_gen_a, NULL, 0));
	if (bench_want(b, "newhope_noise"))
		bench_row(b, "newhope_noise", 0, bench_run(b, run_noise, NULL, 0));
}

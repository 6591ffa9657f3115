/*
 * Bench: NewHope (USENIX 2016). Per-operation rows for the three API calls
 * (with their draws from hbox_randombytes) and for the kernels behind them:
 * forward and inverse NTT, gen_a (SHAKE-128 rejection sampling) and the
 * noise sampler (ChaCha20 + centred binomial, one polynomial).
 *
 * Every row runs on the default dispatch (the AVX2 kernels on a CPU with
 * AVX2), then, when that is not the portable code, again as a *_portable
 * row with the portable code forced (hbox_cpu_override(0)).
 *
 * The reference code's own figures on this machine kind (shared/anchors.md,
 * ticks): portable keygen 152,802, sharedb 237,588, shareda 49,894,
 * NTT 33,124, inverse NTT 34,528, noise 21,294, gen_a 25,064; AVX2 keygen
 * 45,396, sharedb 65,520, shareda 13,858, NTT 3,978, inverse NTT 9,074,
 * noise 2,652, gen_a 24,804.
 */
#include <stdint.h>

#include <stdio.h>

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

/* The rows of one path; suffix "" or "_portable". */
static void rows(struct bench *b, const char *suffix)
{
	static const struct {
		const char *name;
		bench_fn fn;
	} ops[] = {
	    {"newhope_keygen", run_keygen},   {"newhope_sharedb", run_sharedb},
	    {"newhope_shareda", run_shareda}, {"newhope_ntt", run_ntt},
	    {"newhope_invntt", run_invntt},   {"newhope_gen_a", run_gen_a},
	    {"newhope_noise", run_noise},
	};
	char name[64];
	size_t i;

	/* Valid messages for sharedb / shareda. */
	(void)hbox_newhope_keygen(senda, sk);
	(void)hbox_newhope_sharedb(key, sendb, senda);
	for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		snprintf(name, sizeof name, "%s%s", ops[i].name, suffix);
		if (!bench_want(b, name))
			continue;
		/* start from a noise polynomial (below 2q, as ntt and invntt
		 * want); ntt then runs on its own outputs (below 4q: outside
		 * its contract, but the work and the time are the same) */
		hb_nh_getnoise(&poly, seed, 0);
		bench_row(b, name, 0, bench_run(b, ops[i].fn, NULL, 0));
	}
}

void bench_newhope(struct bench *b)
{
	rows(b, "");
	if (!(hbox_cpu_features() & HBOX_CPU_AVX2))
		return;
	hbox_cpu_override(0);
	rows(b, "_portable");
	hbox_cpu_override(HBOX_CPU_ALL);
}

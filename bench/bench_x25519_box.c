/*
 * Bench: X25519 (fixed base and variable point) and the sealed box of a
 * 32-byte message (seal: a key pair, a shared secret, BLAKE2b and a
 * secretbox; open: a shared secret, BLAKE2b and a secretbox open), per
 * operation. Peer figures (shared/anchors.md, libsodium 1.0.18): X25519
 * 77,298 (variable) / 71,604 (base), box_seal 151,528, box_seal_open 78,936
 * ticks. The inputs change every call (the output feeds the next scalar),
 * so no result can be reused.
 */
#include <stdint.h>
#include <string.h>

#include "bench.h"
#include "hopebox.h"

static uint8_t sk[32] = {1, 2, 3}, pk[32], out[32];
static uint8_t msg[32] = {7}, sealed[32 + 48], opened[32];

static void run_x25519_base(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	hbox_x25519_base(out, sk);
	sk[0] ^= out[1];
}

static void run_x25519(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	bench_sink(&(int){hbox_x25519(out, sk, pk)}, sizeof(int));
	sk[0] ^= out[1];
}

static void run_box_seal(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	bench_sink(&(int){hbox_box_seal(sealed, msg, sizeof msg, pk)}, sizeof(int));
	msg[0] ^= sealed[40];
}

static void run_box_seal_open(void *ctx, size_t len)
{
	(void)ctx;
	(void)len;
	bench_sink(&(int){hbox_box_seal_open(opened, sealed, sizeof sealed, pk, sk)}, sizeof(int));
}

void bench_x25519_box(struct bench *b)
{
	hbox_x25519_base(pk, sk);
	if (bench_want(b, "x25519_base"))
		bench_row(b, "x25519_base", 0, bench_run(b, run_x25519_base, NULL, 0));
	if (bench_want(b, "x25519"))
		bench_row(b, "x25519", 0, bench_run(b, run_x25519, NULL, 0));

	/* Recipient key pair (pk, sk) for the sealed box. */
	hbox_x25519_base(pk, sk);
	if (bench_want(b, "box_seal"))
		bench_row(b, "box_seal", 0, bench_run(b, run_box_seal, NULL, 0));
	if (hbox_box_seal(sealed, msg, sizeof msg, pk) == 0 && bench_want(b, "box_seal_open"))
		bench_row(b, "box_seal_open", 0, bench_run(b, run_box_seal_open, NULL, 0));
}

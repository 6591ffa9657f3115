/*
 * Bench: the protocols, per operation, both sides in one call:
 *   nhx_exchange           responder and initiator set-up, INIT, RESP, FIN
 *                          (pinned, no HELLO): 2 NewHope halves + keygen,
 *                          5 X25519, a sealed box and its opening, KDF, MACs
 *   channel_handshake      NN: CONNECT, ACCEPT, finish (2 fixed-base and
 *                          2 variable X25519, KDF, MAC)
 *   channel_handshake_nk_psk  NK + PSK (one X25519 more per side, the
 *                          XChaCha20-Poly1305 key fields)
 *   password_handshake_100k  both sides at 100,000 iterations (6 PBKDF2
 *                          runs; full runs only, not under --summary)
 *   half_handshake, mutual_handshake, seal_handshake
 * and the records, per byte at 64 B and 1 KiB:
 *   record_seal, record_open (stream mode; open starts from a copy of the
 *   receiving channel each time, so the same record is fresh)
 * Random bytes come from a fixed-seed source (the OS source would be
 * measured otherwise).
 */
#include <stdint.h>
#include <string.h>

#include "bench.h"
#include "hopebox.h"
#include "hopebox_protocol.h"

static uint64_t rs = 1;

static int fast_rng(uint8_t *out, size_t len)
{
	while (len > 0) {
		uint64_t z = (rs += 0x9e3779b97f4a7c15ull);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
		*out++ = (uint8_t)(z ^ (z >> 31));
		len--;
	}
	return 0;
}

static uint8_t sk_r[32], pk_r[32], sk_i[32], pk_i[32], psk[32];

static void run_nhx(void *ctx, size_t len)
{
	static uint8_t init[HBOX_NHX_INIT_BYTES], resp[HBOX_NHX_RESP_BYTES];
	static hbox_nhx i, r;
	uint8_t fin[HBOX_NHX_FIN_BYTES], pre[64];
	hbox_channel ci, cr;
	int rc;
	(void)ctx;
	(void)len;
	hbox_nhx_responder_init(&r, sk_r, fast_rng);
	hbox_nhx_initiator_init(&i, pk_r, fast_rng);
	rc = hbox_nhx_write_init(&i, init);
	rc |= hbox_nhx_read_init(&r, resp, init, sizeof init);
	rc |= hbox_nhx_read_resp(&i, fin, &ci, pre, resp, sizeof resp);
	rc |= hbox_nhx_read_fin(&r, &cr, pre, fin, sizeof fin);
	bench_sink(&rc, sizeof rc);
	bench_sink(ci.key_send, 32);
}

static void run_channel(void *ctx, size_t len)
{
	const int *psk_mode = ctx;
	uint8_t con[HBOX_CHANNEL_CONNECT_MAX], acc[HBOX_CHANNEL_ACCEPT_MAX];
	hbox_channel_hs c, s;
	hbox_channel ci, cr;
	size_t cl, al;
	int rc;
	(void)len;
	hbox_channel_client_init(&c, *psk_mode ? pk_r : NULL, *psk_mode ? psk : NULL, fast_rng);
	hbox_channel_server_init(&s, sk_r, *psk_mode ? psk : NULL, fast_rng);
	rc = hbox_channel_connect(&c, con, &cl);
	rc |= hbox_channel_accept(&s, acc, &al, &cr, con, cl);
	rc |= hbox_channel_finish(&c, &ci, acc, al);
	bench_sink(&rc, sizeof rc);
	bench_sink(ci.key_send, 32);
}

static void run_password(void *ctx, size_t len)
{
	static const uint8_t pw[] = "correct horse battery staple";
	uint8_t mi[HBOX_PASSWORD_MSG_BYTES], mr[HBOX_PASSWORD_MSG_BYTES];
	hbox_password i, r;
	hbox_channel ci, cr;
	int rc;
	(void)ctx;
	(void)len;
	hbox_password_init(&i, HBOX_ROLE_I, pw, sizeof pw - 1, 100000, fast_rng);
	hbox_password_init(&r, HBOX_ROLE_R, pw, sizeof pw - 1, 100000, fast_rng);
	rc = hbox_password_write(&i, mi);
	rc |= hbox_password_write(&r, mr);
	rc |= hbox_password_read(&i, &ci, mr, sizeof mr);
	rc |= hbox_password_read(&r, &cr, mi, sizeof mi);
	bench_sink(&rc, sizeof rc);
}

static void run_static(void *ctx, size_t len)
{
	const int *which = ctx;
	uint8_t m1[HBOX_SEAL_MSG_BYTES], m2[HBOX_MUTUAL_MSG_BYTES];
	hbox_static_hs a, b;
	hbox_channel ci, cr;
	int rc;
	(void)len;
	if (*which == 0) {
		hbox_half_init(&a, HBOX_ROLE_I, sk_i, pk_r, fast_rng);
		hbox_half_init(&b, HBOX_ROLE_R, sk_r, pk_i, fast_rng);
		rc = hbox_half_write(&a, &ci, m1);
		rc |= hbox_half_read(&b, &cr, m1, HBOX_HALF_MSG_BYTES);
	} else if (*which == 1) {
		hbox_mutual_init(&a, HBOX_ROLE_I, sk_i, pk_r, fast_rng);
		hbox_mutual_init(&b, HBOX_ROLE_R, sk_r, pk_i, fast_rng);
		rc = hbox_mutual_write(&a, m1);
		rc |= hbox_mutual_write(&b, m2);
		rc |= hbox_mutual_read(&a, &ci, m2, HBOX_MUTUAL_MSG_BYTES);
		rc |= hbox_mutual_read(&b, &cr, m1, HBOX_MUTUAL_MSG_BYTES);
	} else {
		hbox_seal_init(&a, HBOX_ROLE_I, pk_r, fast_rng);
		hbox_seal_init(&b, HBOX_ROLE_R, sk_r, fast_rng);
		rc = hbox_seal_write(&a, &ci, m1);
		rc |= hbox_seal_read(&b, &cr, m1, HBOX_SEAL_MSG_BYTES);
	}
	bench_sink(&rc, sizeof rc);
}

/* Records: a channel pair from a half handshake. */
static hbox_channel rec_send, rec_recv0;
static uint8_t rec_pt[1024], rec_buf[1024 + HBOX_RECORD_OVERHEAD], rec_out[1024];
static uint8_t rec_fresh[2][1024 + HBOX_RECORD_OVERHEAD]; /* counter 0, 64 B and 1 KiB */

static void run_record_seal(void *ctx, size_t len)
{
	(void)ctx;
	bench_sink(&(int){hbox_channel_seal(&rec_send, rec_buf, rec_pt, len)}, sizeof(int));
}

static void run_record_open(void *ctx, size_t len)
{
	hbox_channel r = rec_recv0; /* counter 0 is fresh again */
	(void)ctx;
	bench_sink(&(int){hbox_channel_open(&r, rec_out, rec_fresh[len == 64 ? 0 : 1],
	                                    len + HBOX_RECORD_OVERHEAD)},
	           sizeof(int));
}

void bench_protocol(struct bench *b)
{
	static const int zero = 0, one = 1, two = 2;
	static const size_t rec_sizes[2] = {64, 1024};
	uint8_t m[HBOX_HALF_MSG_BYTES];
	hbox_static_hs a, c;
	size_t k;

	fast_rng(sk_r, 32);
	fast_rng(sk_i, 32);
	fast_rng(psk, 32);
	hbox_x25519_base(pk_r, sk_r);
	hbox_x25519_base(pk_i, sk_i);

	if (bench_want(b, "nhx_exchange"))
		bench_row(b, "nhx_exchange", 0, bench_run(b, run_nhx, NULL, 0));
	if (bench_want(b, "channel_handshake"))
		bench_row(b, "channel_handshake", 0, bench_run(b, run_channel, (void *)&zero, 0));
	if (bench_want(b, "channel_handshake_nk_psk"))
		bench_row(b, "channel_handshake_nk_psk", 0, bench_run(b, run_channel, (void *)&one, 0));
	if (!b->quick && bench_want(b, "password_handshake_100k"))
		bench_row(b, "password_handshake_100k", 0, bench_run(b, run_password, NULL, 0));
	if (bench_want(b, "half_handshake"))
		bench_row(b, "half_handshake", 0, bench_run(b, run_static, (void *)&zero, 0));
	if (bench_want(b, "mutual_handshake"))
		bench_row(b, "mutual_handshake", 0, bench_run(b, run_static, (void *)&one, 0));
	if (bench_want(b, "seal_handshake"))
		bench_row(b, "seal_handshake", 0, bench_run(b, run_static, (void *)&two, 0));

	hbox_half_init(&a, HBOX_ROLE_I, sk_i, pk_r, fast_rng);
	hbox_half_init(&c, HBOX_ROLE_R, sk_r, pk_i, fast_rng);
	hbox_half_write(&a, &rec_send, m);
	hbox_half_read(&c, &rec_recv0, m, sizeof m);
	for (k = 0; k < 2; k++) {
		hbox_channel s = rec_send;
		hbox_channel_seal(&s, rec_fresh[k], rec_pt, rec_sizes[k]);
	}
	for (k = 0; k < 2; k++)
		if (bench_want(b, "record_seal"))
			bench_row(b, "record_seal", rec_sizes[k],
			          bench_run(b, run_record_seal, NULL, rec_sizes[k]));
	for (k = 0; k < 2; k++)
		if (bench_want(b, "record_open"))
			bench_row(b, "record_open", rec_sizes[k],
			          bench_run(b, run_record_open, NULL, rec_sizes[k]));
}

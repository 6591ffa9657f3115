/*
 * fuzz_channel.c - the channel parsers: first byte selects the mode (bits
 * 0-1: the PSK and NK flags) and the side (bit 2: 0 = a CONNECT to a fresh
 * server, 1 = an ACCEPT to the waiting client). An ACCEPT that verifies
 * must be the genuine one; failures zero outputs; a server that already
 * answered returns the same ACCEPT for the same CONNECT.
 */
#include "fuzz_proto.h"

static hbox_channel_hs server0[4], server_done[4], client_sent[4];
static uint8_t connect_msg[4][HBOX_CHANNEL_CONNECT_MAX], accept_msg[4][HBOX_CHANNEL_ACCEPT_MAX];
static size_t connect_len[4], accept_len[4];
static int ready;

static void setup(void)
{
	uint8_t sk[32], pk[32], psk[32];
	int f;

	fz_rng(sk, 32);
	fz_rng(psk, 32);
	hbox_x25519_base(pk, sk);
	for (f = 0; f < 4; f++) {
		hbox_channel_hs c, s;
		hbox_channel cc, sc;
		hbox_channel_client_init(&c, (f & 2) ? pk : NULL, (f & 1) ? psk : NULL, fz_rng);
		hbox_channel_server_init(&s, sk, (f & 1) ? psk : NULL, fz_rng);
		server0[f] = s;
		hbox_channel_connect(&c, connect_msg[f], &connect_len[f]);
		client_sent[f] = c;
		hbox_channel_accept(&s, accept_msg[f], &accept_len[f], &sc, connect_msg[f], connect_len[f]);
		server_done[f] = s;
		hbox_channel_finish(&c, &cc, accept_msg[f], accept_len[f]);
	}
	ready = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t out[HBOX_CHANNEL_ACCEPT_MAX];
	const uint8_t *m = data + 1;
	size_t n = size - 1, alen;
	hbox_channel_hs hs;
	hbox_channel ch;
	int f, rc;

	if (!ready)
		setup();
	if (size == 0)
		return 0;
	f = data[0] & 3;
	if (!(data[0] & 4)) {
		hs = server0[f];
		rc = hbox_channel_accept(&hs, out, &alen, &ch, m, n);
		FZ_ASSERT(rc == 0 || (alen == 0 && fz_zero(out, sizeof out) && fz_zero(&ch, sizeof ch)));
		/* the answered server repeats itself for the same bytes only */
		hs = server_done[f];
		rc = hbox_channel_accept(&hs, out, &alen, &ch, m, n);
		FZ_ASSERT((rc == 0) == fz_is(m, n, connect_msg[f], connect_len[f]));
		FZ_ASSERT(rc == -1 || (alen == accept_len[f] && memcmp(out, accept_msg[f], alen) == 0));
	} else {
		hs = client_sent[f];
		rc = hbox_channel_finish(&hs, &ch, m, n);
		FZ_ASSERT(rc == -1 || fz_is(m, n, accept_msg[f], accept_len[f]));
		FZ_ASSERT(rc == 0 || fz_zero(&ch, sizeof ch));
	}
	return 0;
}

#ifdef FUZZ_WRITE_SEEDS
int main(int argc, char **argv)
{
	int f;
	if (argc != 2)
		return 2;
	fz_dir = argv[1];
	setup();
	for (f = 0; f < 4; f++) {
		fz_seeds_for((uint8_t)f, connect_msg[f], connect_len[f]);
		fz_seeds_for((uint8_t)(4 | f), accept_msg[f], accept_len[f]);
	}
	return 0;
}
#endif

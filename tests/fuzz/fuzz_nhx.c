/*
 * fuzz_nhx.c - the nhx parsers: first byte (mod 4) selects
 *   0 HELLO -> initiator (pinned),  1 INIT -> responder,
 *   2 RESP -> initiator,            3 FIN -> responder,
 * each on a copy of the state a genuine run left waiting for it. A RESP or
 * FIN that authenticates must be the genuine one; failures zero outputs.
 */
#include "fuzz_proto.h"

static hbox_nhx i_start, i_sent, r_start, r_sent;
static uint8_t hello[HBOX_NHX_HELLO_BYTES], init[HBOX_NHX_INIT_BYTES];
static uint8_t resp[HBOX_NHX_RESP_BYTES], fin[HBOX_NHX_FIN_BYTES];
static int ready;

static void setup(void)
{
	uint8_t sk[32], pk[32], pre[64];
	hbox_nhx i, r;
	hbox_channel ch;

	fz_rng(sk, 32);
	hbox_x25519_base(pk, sk);
	hbox_nhx_responder_init(&r, sk, fz_rng);
	hbox_nhx_initiator_init(&i, pk, fz_rng);
	hbox_nhx_write_hello(&r, hello);
	i_start = i;
	hbox_nhx_write_init(&i, init);
	i_sent = i;
	r_start = r;
	hbox_nhx_read_init(&r, resp, init, sizeof init);
	r_sent = r;
	hbox_nhx_read_resp(&i, fin, &ch, pre, resp, sizeof resp);
	ready = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[HBOX_NHX_RESP_BYTES];
	uint8_t f[HBOX_NHX_FIN_BYTES], pre[64];
	const uint8_t *m = data + 1;
	size_t n = size - 1;
	hbox_channel ch;
	hbox_nhx st;
	int rc;

	if (!ready)
		setup();
	if (size == 0)
		return 0;
	switch (data[0] & 3) {
	case 0:
		st = i_start;
		rc = hbox_nhx_read_hello(&st, m, n);
		FZ_ASSERT(rc == -1 || fz_is(m, n, hello, sizeof hello));
		break;
	case 1:
		st = r_start;
		rc = hbox_nhx_read_init(&st, out, m, n);
		FZ_ASSERT(rc == 0 || fz_zero(out, sizeof out));
		break;
	case 2:
		st = i_sent;
		rc = hbox_nhx_read_resp(&st, f, &ch, pre, m, n);
		FZ_ASSERT(rc == -1 || fz_is(m, n, resp, sizeof resp));
		FZ_ASSERT(rc == 0 || (fz_zero(f, sizeof f) && fz_zero(&ch, sizeof ch) && fz_zero(pre, 64)));
		break;
	default:
		st = r_sent;
		rc = hbox_nhx_read_fin(&st, &ch, pre, m, n);
		FZ_ASSERT(rc == -1 || fz_is(m, n, fin, sizeof fin));
		FZ_ASSERT(rc == 0 || (fz_zero(&ch, sizeof ch) && fz_zero(pre, 64)));
		break;
	}
	return 0;
}

#ifdef FUZZ_WRITE_SEEDS
int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	fz_dir = argv[1];
	setup();
	fz_seeds_for(0, hello, sizeof hello);
	fz_seeds_for(1, init, sizeof init);
	fz_seeds_for(2, resp, sizeof resp);
	fz_seeds_for(3, fin, sizeof fin);
	return 0;
}
#endif

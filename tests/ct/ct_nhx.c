/*
 * Constant time: the nhx exchange with the responder's static secret key
 * and every random byte poisoned (ephemeral keys, NewHope noise seeds, the
 * chunk, the sealed box's ephemeral key), except the NewHope public seed
 * (bytes 32..64 of the initiator's draw), which becomes part of senda and
 * drives the public rejection sampling of a. Declassified: the messages
 * (they are sent), each step's verdict (ct_proto.h), public keys.
 * Runs the good path in both set-ups, then the final failures (forged
 * chunk, forged MACs) and records on the resulting channels.
 */
#include "ct_proto.h"

static int secret_rng(uint8_t *out, size_t len)
{
	tu_rand_bytes(out, len);
	CT_SECRET(out, len);
	if (len == 160)
		CT_PUBLIC(out + 32, 32); /* NewHope's public seed */
	return 0;
}

static void run(int pinned, int hello, int forge)
{
	uint8_t sk[32], pk[32], h[HBOX_NHX_HELLO_BYTES], fin[HBOX_NHX_FIN_BYTES];
	static uint8_t init[HBOX_NHX_INIT_BYTES], resp[HBOX_NHX_RESP_BYTES];
	uint8_t pk_i[64], pk_r[64];
	hbox_nhx i, r;
	hbox_channel ci, cr;
	int rc;

	tu_rand_bytes(sk, 32);
	hbox_x25519_base(pk, sk);
	CT_SECRET(sk, 32);
	CHECK(hbox_nhx_responder_init(&r, sk, secret_rng) == 0);
	CT_PUBLIC(r.pk_r, 32); /* R's public key */
	CHECK(hbox_nhx_initiator_init(&i, pinned ? pk : NULL, secret_rng) == 0);
	if (hello) {
		CHECK(hbox_nhx_write_hello(&r, h) == 0);
		CHECK(hbox_nhx_read_hello(&i, h, sizeof h) == 0);
	}
	rc = hbox_nhx_write_init(&i, init);
	CT_OUTCOME(rc, &i);
	CT_PUBLIC(init, sizeof init);
	CHECK(rc == 0);
	if (forge == 1)
		init[sizeof init - 1] ^= 1; /* the sealed chunk */
	rc = hbox_nhx_read_init(&r, resp, init, sizeof init);
	CT_OUTCOME(rc, &r);
	CT_PUBLIC(resp, sizeof resp);
	CHECK(rc == (forge == 1 ? -1 : 0));
	if (forge == 1)
		return;
	if (forge == 2)
		resp[sizeof resp - 1] ^= 1; /* confirm('R') */
	rc = hbox_nhx_read_resp(&i, fin, &ci, pk_i, resp, sizeof resp);
	CT_OUTCOME(rc, &i);
	CT_PUBLIC(fin, sizeof fin);
	ct_channel_public(&ci);
	CHECK(rc == (forge == 2 ? -1 : 0));
	if (forge == 2)
		return;
	if (forge == 3)
		fin[1] ^= 1; /* confirm('I') */
	rc = hbox_nhx_read_fin(&r, &cr, pk_r, fin, sizeof fin);
	CT_OUTCOME(rc, &r);
	ct_channel_public(&cr);
	CHECK(rc == (forge == 3 ? -1 : 0));
	if (forge == 3)
		return;
	CT_PUBLIC(pk_i, 64); /* only to compare */
	CT_PUBLIC(pk_r, 64);
	CHECK(memcmp(pk_i, pk_r, 64) == 0);
	CHECK(ct_records(&ci, &cr, HBOX_CHANNEL_STREAM));
	CHECK(ct_records(&ci, &cr, HBOX_CHANNEL_DATAGRAM));
}

int main(void)
{
	run(1, 0, 0);
	run(0, 1, 0);
	run(1, 0, 1);
	run(1, 0, 2);
	run(1, 0, 3);
	return tu_report("ct_nhx");
}

/*
 * nhx_test.h - a clean, deterministic nhx run whose states and messages
 * the nhx tests start from (test_nhx.c, test_nhx_flips.c).
 */
#ifndef NHX_TEST_H
#define NHX_TEST_H

#include "proto_test.h"

#define NHX_SEED_I 0x3131
#define NHX_SEED_R 0x5252

/* Scenarios: pinned or not, HELLO sent or not, static or per-session key. */
#define NHX_PINNED 1
#define NHX_HELLO 2
#define NHX_EPHEMERAL_R 4

struct nhx_run {
	int how;
	uint8_t sk_r[32], pk_r[32];
	hbox_nhx i_start;  /* initiator before INIT (HELLO read, if any) */
	hbox_nhx i_sent;   /* initiator after INIT */
	hbox_nhx r_start;  /* responder before INIT (HELLO written, if any) */
	hbox_nhx r_sent;   /* responder after RESP */
	uint8_t hello[HBOX_NHX_HELLO_BYTES], init[HBOX_NHX_INIT_BYTES];
	uint8_t resp[HBOX_NHX_RESP_BYTES], fin[HBOX_NHX_FIN_BYTES];
	hbox_channel ci, cr;
	uint8_t prekey_i[64], prekey_r[64];
	uint64_t rs_i, rs_r; /* random stream positions before INIT / RESP */
};

/* The responder's static key is fixed by the seed; the run is complete and
 * checked with CHECK. */
static inline void nhx_clean_run(struct nhx_run *r, int how)
{
	hbox_nhx i, s;
	memset(r, 0, sizeof *r);
	r->how = how;
	tu_seed(0xabcdef);
	tu_rand_bytes(r->sk_r, 32);
	hbox_x25519_base(r->pk_r, r->sk_r);

	pt_seed_r(NHX_SEED_R);
	CHECK(hbox_nhx_responder_init(&s, (how & NHX_EPHEMERAL_R) ? NULL : r->sk_r, pt_rng_r) == 0);
	if (how & NHX_EPHEMERAL_R)
		memcpy(r->pk_r, s.pk_r, 32);
	CHECK(hbox_nhx_state(&s) == HBOX_NHX_R_START);
	CHECK(hbox_nhx_initiator_init(&i, (how & NHX_PINNED) ? r->pk_r : NULL, pt_rng_i) == 0);
	CHECK(hbox_nhx_state(&i) == HBOX_NHX_I_START);
	if (how & NHX_HELLO) {
		CHECK(hbox_nhx_write_hello(&s, r->hello) == 0);
		CHECK(hbox_nhx_read_hello(&i, r->hello, sizeof r->hello) == 0);
	}
	r->i_start = i;
	r->r_start = s;
	r->rs_r = pt_state_r;
	pt_seed_i(NHX_SEED_I);
	r->rs_i = pt_state_i;
	CHECK(hbox_nhx_write_init(&i, r->init) == 0);
	CHECK(hbox_nhx_state(&i) == HBOX_NHX_I_SENT);
	r->i_sent = i;
	CHECK(hbox_nhx_read_init(&s, r->resp, r->init, sizeof r->init) == 0);
	CHECK(hbox_nhx_state(&s) == HBOX_NHX_R_SENT);
	r->r_sent = s;
	CHECK(hbox_nhx_read_resp(&i, r->fin, &r->ci, r->prekey_i, r->resp, sizeof r->resp) == 0);
	CHECK(hbox_nhx_state(&i) == HBOX_NHX_DONE && hbox_nhx_last_error(&i) == HBOX_OK);
	CHECK(hbox_nhx_read_fin(&s, &r->cr, r->prekey_r, r->fin, sizeof r->fin) == 0);
	CHECK(hbox_nhx_state(&s) == HBOX_NHX_DONE);
	CHECK_EQ_BYTES(r->prekey_i, r->prekey_r, 64);
}

/* st equals ref except for the error byte. */
static inline int nhx_same(const hbox_nhx *st, const hbox_nhx *ref)
{
	hbox_nhx t = *ref;
	t.err = st->err;
	return memcmp(&t, st, sizeof t) == 0;
}

#endif

/*
 * test_nhx.c - the nhx exchange in its four set-ups (pinned or not, HELLO
 * or not, static or per-session responder key), the key schedule
 * recomputed from PROTOCOLS.md with the bare primitives, and the bad
 * inputs: truncated, extended, wrong type, replayed, wrong state, sent
 * twice for all four messages; every bit of HELLO and FIN flipped (INIT
 * and RESP: test_nhx_flips_init.c, test_nhx_flips_resp.c); a HELLO with
 * another key than the pinned one; another responder key; small-order keys (including a RESP whose MAC
 * is right for the all-zero X25519 result); NewHope coefficients >= q;
 * random-source failures.
 */
#include "hb_box.h"
#include "hb_proto.h"
#include "nhx_test.h"

/* Recompute messages and keys from the specification. */
static void check_schedule(const struct nhx_run *r)
{
	uint8_t ri[160], rr[64], epk[32], senda[HBOX_NEWHOPE_SENDABYTES];
	uint8_t sk[HBOX_NEWHOPE_SKBYTES], sendb[HBOX_NEWHOPE_SENDBBYTES], nh_key[32], chunk[32];
	uint8_t ikm[96], okm[96], th[32], mac[33], idm[34], id[32], info[14];
	hbox_sha256_ctx h;

	pt_state_i = r->rs_i;
	pt_rng_i(ri, sizeof ri);
	pt_state_r = r->rs_r;
	pt_rng_r(rr, sizeof rr);
	/* INIT = 0x11 || epk_I || senda || seal(chunk, pk_R) */
	CHECK(r->init[0] == 0x11);
	hbox_x25519_base(epk, ri);
	CHECK_EQ_BYTES(r->init + 1, epk, 32);
	CHECK(hbox_newhope_keygen_derand(senda, sk, ri + 32) == 0);
	CHECK(memcmp(r->init + 33, senda, sizeof senda) == 0);
	CHECK(hbox_box_seal_open(chunk, r->init + 33 + 1824, 80, r->pk_r,
	                         (r->how & NHX_EPHEMERAL_R) ? r->r_start.sk_r : r->sk_r) == 0);
	CHECK_EQ_BYTES(chunk, ri + 96, 32);
	/* RESP = 0x12 || epk_R || sendb || confirm('R') */
	CHECK(r->resp[0] == 0x12);
	CHECK(hbox_newhope_sharedb_derand(nh_key, sendb, senda, rr) == 0);
	CHECK(memcmp(r->resp + 33, sendb, sizeof sendb) == 0);
	hbox_x25519_base(epk, rr + 32);
	CHECK_EQ_BYTES(r->resp + 1, epk, 32);
	/* th, KDF, confirm, FIN, channel keys, prekey, session id */
	hbox_sha256_init(&h);
	hbox_sha256_update(&h, (const uint8_t *)"hopebox/v1 nhx", 14);
	if (r->how & NHX_HELLO)
		hbox_sha256_update(&h, r->hello, 33);
	hbox_sha256_update(&h, r->init, sizeof r->init);
	hbox_sha256_update(&h, r->resp, 2081);
	hbox_sha256_final(&h, th);
	memcpy(ikm, nh_key, 32);
	memcpy(ikm + 32, chunk, 32);
	CHECK(hbox_x25519(ikm + 64, ri, epk) == 0);
	memcpy(info, "hopebox/v1 nhx", 14);
	CHECK(hbox_hkdf_sha256(okm, 96, th, 32, ikm, 96, info, 14) == 0);
	mac[0] = 'R';
	memcpy(mac + 1, th, 32);
	hbox_hmac_sha256(mac + 1, okm + 64, 32, mac, 33);
	CHECK_EQ_BYTES(r->resp + 2081, mac + 1, 32);
	mac[0] = 'I';
	memcpy(mac + 1, th, 32);
	hbox_hmac_sha256(mac + 1, okm + 64, 32, mac, 33);
	CHECK(r->fin[0] == 0x13);
	CHECK_EQ_BYTES(r->fin + 1, mac + 1, 32);
	CHECK_EQ_BYTES(r->ci.key_send, okm, 32);
	CHECK_EQ_BYTES(r->ci.key_recv, okm + 32, 32);
	CHECK_EQ_BYTES(r->cr.key_recv, okm, 32);
	CHECK_EQ_BYTES(r->cr.key_send, okm + 32, 32);
	CHECK_EQ_BYTES(r->prekey_i, nh_key, 32);
	CHECK_EQ_BYTES(r->prekey_i + 32, chunk, 32);
	idm[0] = 'i';
	idm[1] = 'd';
	memcpy(idm + 2, th, 32);
	hbox_sha256(id, idm, 34);
	CHECK_EQ_BYTES(r->ci.session_id, id, 32);
	CHECK_EQ_BYTES(r->cr.session_id, id, 32);
	if (r->how & NHX_HELLO) {
		CHECK(r->hello[0] == 0x10);
		CHECK_EQ_BYTES(r->hello + 1, r->pk_r, 32);
	}
}

static void test_setups(void)
{
	static const int hows[] = {NHX_PINNED, NHX_PINNED | NHX_HELLO, NHX_HELLO,
	                           NHX_HELLO | NHX_EPHEMERAL_R};
	size_t k;
	for (k = 0; k < sizeof hows / sizeof hows[0]; k++) {
		struct nhx_run r;
		uint8_t rec[64], out[64];
		hbox_nhx s;
		uint8_t hello[33];

		nhx_clean_run(&r, hows[k]);
		check_schedule(&r);
		CHECK(hbox_channel_seal(&r.ci, rec, (const uint8_t *)"hi", 2) == 0);
		CHECK(hbox_channel_open(&r.cr, out, rec, 27) == 0 && memcmp(out, "hi", 2) == 0);
		CHECK(hbox_channel_seal(&r.cr, rec, (const uint8_t *)"yo", 2) == 0);
		CHECK(hbox_channel_open(&r.ci, out, rec, 27) == 0 && memcmp(out, "yo", 2) == 0);
		/* HELLO again: same bytes, transcript unchanged */
		if (hows[k] & NHX_HELLO) {
			s = r.r_start;
			CHECK(hbox_nhx_write_hello(&s, hello) == 0);
			CHECK_EQ_BYTES(hello, r.hello, 33);
			CHECK(nhx_same(&s, &r.r_start));
		}
	}
}

/* Deliver a bad message; recoverable errors must leave st unchanged
 * (HBOX_EKEY is final except for a HELLO with a key other than the pin). */
static void expect_reject_(hbox_nhx *st, const hbox_nhx *ref, int rc, int want_err, int final)
{
	CHECK(rc == -1);
	CHECK(hbox_nhx_last_error(st) == want_err);
	if (final)
		CHECK(hbox_nhx_state(st) == HBOX_NHX_FAILED);
	else
		CHECK(nhx_same(st, ref));
}

#define expect_reject(st, ref, rc, err) expect_reject_(st, ref, rc, err, pt_final(err))

static void test_hello(void)
{
	struct nhx_run r, u;
	uint8_t m[40], init[HBOX_NHX_INIT_BYTES], resp[HBOX_NHX_RESP_BYTES];
	hbox_nhx i, s;
	size_t len, b;
	unsigned t;

	nhx_clean_run(&r, NHX_PINNED | NHX_HELLO);
	nhx_clean_run(&u, NHX_HELLO);
	/* truncated, extended, wrong type: unchanged, the right HELLO works */
	for (len = 0; len <= 34; len++) {
		if (len == 33)
			continue;
		hbox_nhx ref;
		memcpy(m, r.hello, 33);
		m[33] = 0;
		hbox_nhx_initiator_init(&i, r.pk_r, pt_rng_i);
		ref = i;
		expect_reject(&i, &ref, hbox_nhx_read_hello(&i, m, len), HBOX_EBADMSG);
		CHECK(hbox_nhx_read_hello(&i, r.hello, 33) == 0);
		CHECK(nhx_same(&i, &r.i_start));
	}
	for (t = 0; t < 256; t++) {
		hbox_nhx ref;
		if (t == 0x10)
			continue;
		memcpy(m, u.hello, 33);
		m[0] = (uint8_t)t;
		hbox_nhx_initiator_init(&i, NULL, pt_rng_i);
		ref = i;
		expect_reject(&i, &ref, hbox_nhx_read_hello(&i, m, 33), HBOX_EBADMSG);
		CHECK(hbox_nhx_read_hello(&i, u.hello, 33) == 0);
	}
	/* sent twice / replayed after INIT / sent to the responder */
	i = u.i_start;
	expect_reject(&i, &u.i_start, hbox_nhx_read_hello(&i, u.hello, 33), HBOX_ESTATE);
	i = u.i_sent;
	expect_reject(&i, &u.i_sent, hbox_nhx_read_hello(&i, u.hello, 33), HBOX_ESTATE);
	s = u.r_start;
	expect_reject(&s, &u.r_start, hbox_nhx_read_hello(&s, u.hello, 33), HBOX_ESTATE);

	/* every bit: pinned -> refused as another key (or a bad type), the
	 * right HELLO still accepted; unpinned -> adopted, then the responder
	 * cannot open the chunk sealed to the wrong key */
	for (b = 0; b < 8 * 33; b++) {
		hbox_nhx ref;
		memcpy(m, r.hello, 33);
		pt_flip(m, b);
		hbox_nhx_initiator_init(&i, r.pk_r, pt_rng_i);
		ref = i;
		expect_reject_(&i, &ref, hbox_nhx_read_hello(&i, m, 33), b < 8 ? HBOX_EBADMSG : HBOX_EKEY,
		               0);
		CHECK(hbox_nhx_read_hello(&i, r.hello, 33) == 0);

		memcpy(m, u.hello, 33);
		pt_flip(m, b);
		hbox_nhx_initiator_init(&i, NULL, pt_rng_i);
		if (b < 8) {
			ref = i;
			expect_reject(&i, &ref, hbox_nhx_read_hello(&i, m, 33), HBOX_EBADMSG);
			continue;
		}
		CHECK(hbox_nhx_read_hello(&i, m, 33) == 0);
		/* (bit 255 of the key, which X25519 ignores, still changes the
		 * sealed box's nonce) */
		pt_state_i = u.rs_i;
		if (hbox_nhx_write_init(&i, init) != 0) {
			/* the flipped key has small order: refused at INIT */
			CHECK(hbox_nhx_last_error(&i) == HBOX_EKEY);
			continue;
		}
		s = u.r_start;
		pt_state_r = u.rs_r;
		CHECK(hbox_nhx_read_init(&s, resp, init, sizeof init) == -1);
		CHECK(hbox_nhx_last_error(&s) == HBOX_EAUTH && hbox_nhx_state(&s) == HBOX_NHX_FAILED);
		CHECK(tu_is_zero(resp, sizeof resp));
	}
}

static void test_init_resp_fin_shapes(void)
{
	struct nhx_run r;
	static uint8_t m[HBOX_NHX_RESP_BYTES + 1], resp[HBOX_NHX_RESP_BYTES];
	uint8_t fin[33], pk[64];
	hbox_channel ch;
	hbox_nhx st;
	size_t lens[4];
	unsigned t, k;

	nhx_clean_run(&r, NHX_PINNED);

	/* INIT: truncated / extended / wrong type -> R unchanged, then the right
	 * INIT gives the clean RESP */
	lens[0] = 0;
	lens[1] = 1;
	lens[2] = HBOX_NHX_INIT_BYTES - 1;
	lens[3] = HBOX_NHX_INIT_BYTES + 1;
	memcpy(m, r.init, sizeof r.init);
	m[sizeof r.init] = 0;
	for (k = 0; k < 4; k++) {
		st = r.r_start;
		memset(resp, 1, sizeof resp);
		expect_reject(&st, &r.r_start, hbox_nhx_read_init(&st, resp, m, lens[k]), HBOX_EBADMSG);
		CHECK(tu_is_zero(resp, sizeof resp));
	}
	for (t = 0; t < 256; t++) {
		if (t == 0x11)
			continue;
		m[0] = (uint8_t)t;
		st = r.r_start;
		expect_reject(&st, &r.r_start, hbox_nhx_read_init(&st, resp, m, sizeof r.init),
		              HBOX_EBADMSG);
	}
	pt_state_r = r.rs_r;
	CHECK(hbox_nhx_read_init(&st, resp, r.init, sizeof r.init) == 0);
	CHECK(memcmp(resp, r.resp, sizeof resp) == 0);
	/* INIT twice / replayed after FIN / sent to the initiator */
	st = r.r_sent;
	expect_reject(&st, &r.r_sent, hbox_nhx_read_init(&st, resp, r.init, sizeof r.init),
	              HBOX_ESTATE);
	st = r.i_sent;
	expect_reject(&st, &r.i_sent, hbox_nhx_read_init(&st, resp, r.init, sizeof r.init),
	              HBOX_ESTATE);
	{
		hbox_nhx done = r.r_sent;
		CHECK(hbox_nhx_read_fin(&done, &ch, pk, r.fin, 33) == 0);
		st = done;
		expect_reject(&st, &done, hbox_nhx_read_init(&st, resp, r.init, sizeof r.init),
		              HBOX_ESTATE);
	}

	/* RESP: the same at the initiator */
	lens[2] = HBOX_NHX_RESP_BYTES - 1;
	lens[3] = HBOX_NHX_RESP_BYTES + 1;
	memcpy(m, r.resp, sizeof r.resp);
	m[sizeof r.resp] = 0;
	for (k = 0; k < 4; k++) {
		st = r.i_sent;
		memset(fin, 1, sizeof fin);
		memset(&ch, 1, sizeof ch);
		memset(pk, 1, sizeof pk);
		expect_reject(&st, &r.i_sent, hbox_nhx_read_resp(&st, fin, &ch, pk, m, lens[k]),
		              HBOX_EBADMSG);
		CHECK(tu_is_zero(fin, 33) && tu_is_zero(&ch, sizeof ch) && tu_is_zero(pk, 64));
	}
	for (t = 0; t < 256; t++) {
		if (t == 0x12)
			continue;
		m[0] = (uint8_t)t;
		st = r.i_sent;
		expect_reject(&st, &r.i_sent, hbox_nhx_read_resp(&st, fin, &ch, pk, m, sizeof r.resp),
		              HBOX_EBADMSG);
	}
	CHECK(hbox_nhx_read_resp(&st, fin, &ch, pk, r.resp, sizeof r.resp) == 0);
	CHECK_EQ_BYTES(fin, r.fin, 33);
	CHECK(memcmp(&ch, &r.ci, sizeof ch) == 0 && memcmp(pk, r.prekey_i, 64) == 0);
	/* RESP twice, RESP before INIT, RESP to the responder */
	expect_reject(&st, &st, hbox_nhx_read_resp(&st, fin, &ch, pk, r.resp, sizeof r.resp),
	              HBOX_ESTATE);
	st = r.i_start;
	expect_reject(&st, &r.i_start, hbox_nhx_read_resp(&st, fin, &ch, pk, r.resp, sizeof r.resp),
	              HBOX_ESTATE);
	st = r.r_sent;
	expect_reject(&st, &r.r_sent, hbox_nhx_read_resp(&st, fin, &ch, pk, r.resp, sizeof r.resp),
	              HBOX_ESTATE);

	/* FIN: shapes, every bit, twice, wrong state */
	memcpy(m, r.fin, 33);
	m[33] = 0;
	for (k = 0; k < 35; k++) {
		if (k == 33)
			continue;
		st = r.r_sent;
		expect_reject(&st, &r.r_sent, hbox_nhx_read_fin(&st, &ch, pk, m, k), HBOX_EBADMSG);
	}
	for (k = 0; k < 8 * 33; k++) {
		memcpy(m, r.fin, 33);
		pt_flip(m, k);
		st = r.r_sent;
		memset(&ch, 1, sizeof ch);
		memset(pk, 1, sizeof pk);
		if (k < 8) {
			expect_reject(&st, &r.r_sent, hbox_nhx_read_fin(&st, &ch, pk, m, 33), HBOX_EBADMSG);
			CHECK(hbox_nhx_read_fin(&st, &ch, pk, r.fin, 33) == 0);
			CHECK(memcmp(&ch, &r.cr, sizeof ch) == 0);
		} else {
			expect_reject(&st, &r.r_sent, hbox_nhx_read_fin(&st, &ch, pk, m, 33), HBOX_EAUTH);
			CHECK(tu_is_zero(&ch, sizeof ch) && tu_is_zero(pk, 64));
			CHECK(tu_is_zero(st.keys, sizeof st.keys) && tu_is_zero(st.prekey, 64));
			CHECK(hbox_nhx_read_fin(&st, &ch, pk, r.fin, 33) == -1);
			CHECK(hbox_nhx_last_error(&st) == HBOX_ESTATE);
		}
	}
	st = r.r_sent;
	CHECK(hbox_nhx_read_fin(&st, &ch, pk, r.fin, 33) == 0);
	expect_reject(&st, &st, hbox_nhx_read_fin(&st, &ch, pk, r.fin, 33), HBOX_ESTATE);
	st = r.r_start;
	expect_reject(&st, &r.r_start, hbox_nhx_read_fin(&st, &ch, pk, r.fin, 33), HBOX_ESTATE);
	st = r.i_sent;
	expect_reject(&st, &r.i_sent, hbox_nhx_read_fin(&st, &ch, pk, r.fin, 33), HBOX_ESTATE);
	/* no INIT without R's key; no HELLO from an initiator */
	hbox_nhx_initiator_init(&st, NULL, pt_rng_i);
	{
		hbox_nhx ref = st;
		uint8_t init[HBOX_NHX_INIT_BYTES], hello[33];
		expect_reject(&st, &ref, hbox_nhx_write_init(&st, init), HBOX_ESTATE);
		expect_reject(&st, &ref, hbox_nhx_write_hello(&st, hello), HBOX_ESTATE);
		CHECK(tu_is_zero(hello, 33) && tu_is_zero(init, sizeof init));
	}
}

static void test_keys_and_encodings(void)
{
	struct nhx_run r;
	static uint8_t m[HBOX_NHX_RESP_BYTES], resp[HBOX_NHX_RESP_BYTES];
	uint8_t fin[33], pk[64], other[32], init[HBOX_NHX_INIT_BYTES];
	hbox_channel ch;
	hbox_nhx st, s;

	nhx_clean_run(&r, NHX_PINNED);

	/* the responder holds another key than the pinned one: the chunk does
	 * not open (final) */
	tu_rand_bytes(other, 32);
	hbox_nhx_responder_init(&s, other, pt_rng_r);
	{
		hbox_nhx ref = s;
		expect_reject(&s, &ref, hbox_nhx_read_init(&s, resp, r.init, sizeof r.init), HBOX_EAUTH);
		CHECK(tu_is_zero(resp, sizeof resp) && tu_is_zero(s.sk_r, 32));
	}

	/* a small-order pinned key: INIT refused (final) */
	hbox_nhx_initiator_init(&st, pt_order8, pt_rng_i);
	CHECK(hbox_nhx_write_init(&st, init) == -1);
	CHECK(hbox_nhx_last_error(&st) == HBOX_EKEY && hbox_nhx_state(&st) == HBOX_NHX_FAILED);
	CHECK(tu_is_zero(init, sizeof init));

	/* INIT with a small-order epk_I: final */
	memcpy(m, r.init, sizeof r.init);
	memcpy(m + 1, pt_order8, 32);
	st = r.r_start;
	pt_state_r = r.rs_r;
	expect_reject(&st, &r.r_start, hbox_nhx_read_init(&st, resp, m, sizeof r.init), HBOX_EKEY);

	/* RESP with a small-order epk_R and a MAC made for the all-zero X25519
	 * result (what a responder holding sk_R could send): final */
	{
		uint8_t rr[64], nh_key[32], chunk[32], ikm[96] = {0}, th[32];
		hbox_sha256_ctx h;
		struct hb_keys k;

		pt_state_r = r.rs_r;
		pt_rng_r(rr, 64);
		memcpy(m, r.resp, sizeof r.resp);
		memcpy(m + 1, pt_order8, 32);
		CHECK(hbox_newhope_sharedb_derand(nh_key, m + 33, r.init + 33, rr) == 0);
		CHECK(hbox_box_seal_open(chunk, r.init + 1857, 80, r.pk_r, r.sk_r) == 0);
		memcpy(ikm, nh_key, 32);
		memcpy(ikm + 32, chunk, 32);
		h = r.i_sent.th;
		hbox_sha256_update(&h, m, 2081);
		hbox_sha256_final(&h, th);
		hb_kdf(&k, th, ikm, 96, "nhx");
		hb_confirm(m + 2081, k.confirm, HBOX_ROLE_R, th);
		st = r.i_sent;
		expect_reject(&st, &r.i_sent, hbox_nhx_read_resp(&st, fin, &ch, pk, m, sizeof r.resp),
		              HBOX_EKEY);
		CHECK(tu_is_zero(fin, 33) && tu_is_zero(&ch, sizeof ch) && tu_is_zero(pk, 64));
		/* the same RESP with a proper key but a MAC for zero: EAUTH */
		memcpy(m + 1, r.resp + 1, 32);
		st = r.i_sent;
		expect_reject(&st, &r.i_sent, hbox_nhx_read_resp(&st, fin, &ch, pk, m, sizeof r.resp),
		              HBOX_EAUTH);
	}

	/* a NewHope coefficient >= q (first 14-bit field all ones): a bad
	 * encoding, object unchanged, the right message still works */
	memcpy(m, r.init, sizeof r.init);
	m[33] = 0xff;
	m[34] |= 0x3f;
	st = r.r_start;
	pt_state_r = r.rs_r;
	expect_reject(&st, &r.r_start, hbox_nhx_read_init(&st, resp, m, sizeof r.init), HBOX_EBADMSG);
	pt_state_r = r.rs_r;
	CHECK(hbox_nhx_read_init(&st, resp, r.init, sizeof r.init) == 0);
	CHECK(memcmp(resp, r.resp, sizeof resp) == 0);
	memcpy(m, r.resp, sizeof r.resp);
	m[33] = 0xff;
	m[34] |= 0x3f;
	st = r.i_sent;
	expect_reject(&st, &r.i_sent, hbox_nhx_read_resp(&st, fin, &ch, pk, m, sizeof r.resp),
	              HBOX_EBADMSG);
	CHECK(hbox_nhx_read_resp(&st, fin, &ch, pk, r.resp, sizeof r.resp) == 0);
	CHECK(memcmp(&ch, &r.ci, sizeof ch) == 0);
	/* prekey is optional */
	st = r.i_sent;
	CHECK(hbox_nhx_read_resp(&st, fin, &ch, NULL, r.resp, sizeof r.resp) == 0);

	/* random-source failures: unchanged */
	st = r.i_start;
	st.rng = pt_failing_rng;
	{
		hbox_nhx ref = st;
		expect_reject(&st, &ref, hbox_nhx_write_init(&st, init), HBOX_ERNG);
		CHECK(tu_is_zero(init, sizeof init));
	}
	st = r.r_start;
	st.rng = pt_failing_rng;
	{
		hbox_nhx ref = st;
		expect_reject(&st, &ref, hbox_nhx_read_init(&st, resp, r.init, sizeof r.init), HBOX_ERNG);
	}
	CHECK(hbox_nhx_responder_init(&st, NULL, pt_failing_rng) == -1);
	CHECK(hbox_nhx_last_error(&st) == HBOX_ERNG && hbox_nhx_state(&st) == HBOX_NHX_NONE);
	hbox_nhx_wipe(&st);
	CHECK(tu_is_zero(&st, sizeof st));
}

int main(void)
{
	test_setups();
	test_hello();
	test_init_resp_fin_shapes();
	test_keys_and_encodings();
	return tu_report("test_nhx");
}

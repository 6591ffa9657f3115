/*
 * test_channel.c - CONNECT / ACCEPT in all four modes (NN, PSK, NK,
 * NK + PSK): the key schedule recomputed from PROTOCOLS.md with the bare
 * primitives, retransmission and the idempotent answer, and every bad
 * input: truncated, extended, wrong type, every single bit flipped of
 * CONNECT and of ACCEPT, replayed, wrong state, sent twice, flags the
 * other side cannot honour, another pinned key, another PSK, small-order
 * keys (with a confirm16 an attacker can compute), random-source failure.
 */
#include "hb_proto.h"
#include "proto_test.h"

#define SEED_I 0x1111
#define SEED_R 0x2222

static uint8_t server_sk[32], server_pk[32], psk[32];

struct run {
	hbox_channel_hs c0;      /* client after CONNECT */
	hbox_channel_hs s0;      /* fresh server */
	uint8_t connect[HBOX_CHANNEL_CONNECT_MAX], accept[HBOX_CHANNEL_ACCEPT_MAX];
	size_t clen, alen;
	hbox_channel cc, sc;     /* the clean run's channels */
};

/* Server set up with a static key unless told otherwise (so that NN runs
 * can also see a flipped NK bit honoured). */
static void server_init(hbox_channel_hs *s, uint8_t flags, int with_static)
{
	hbox_channel_server_init(s, with_static ? server_sk : NULL,
	                         (flags & HBOX_CHANNEL_FLAG_PSK) ? psk : NULL, pt_rng_r);
}

static void clean_run(struct run *r, uint8_t flags)
{
	hbox_channel_hs c, s;

	pt_seed_i(SEED_I + flags);
	hbox_channel_client_init(&c, (flags & HBOX_CHANNEL_FLAG_PINNED) ? server_pk : NULL,
	                         (flags & HBOX_CHANNEL_FLAG_PSK) ? psk : NULL, pt_rng_i);
	CHECK(hbox_channel_hs_state(&c) == HBOX_CHANNEL_HS_CLIENT);
	CHECK(hbox_channel_connect(&c, r->connect, &r->clen) == 0);
	CHECK(r->clen == ((flags & 1) ? 74u : 34u));
	CHECK(r->connect[0] == 0x21 && r->connect[1] == flags);
	r->c0 = c;
	server_init(&s, flags, 1);
	r->s0 = s;
	pt_seed_r(SEED_R + flags);
	CHECK(hbox_channel_accept(&s, r->accept, &r->alen, &r->sc, r->connect, r->clen) == 0);
	CHECK(r->alen == ((flags & 1) ? 90u : 50u));
	CHECK(hbox_channel_hs_state(&s) == HBOX_CHANNEL_HS_ACCEPTED);
	CHECK(hbox_channel_finish(&c, &r->cc, r->accept, r->alen) == 0);
	CHECK(hbox_channel_hs_state(&c) == HBOX_CHANNEL_HS_DONE);
	CHECK(hbox_channel_hs_last_error(&c) == HBOX_OK);
}

/* Recompute the whole key schedule from the specification. */
static void check_schedule(const struct run *r, uint8_t flags)
{
	uint8_t e_i[32], e_r[32], epk_i[32], epk_r[32], ikm[96], okm[96], th[32], mac[32];
	uint8_t k_obf[32], info[40], idm[34], id[32];
	hbox_sha256_ctx h;
	size_t n = 32, off = 2;

	pt_seed_i(SEED_I + flags);
	pt_rng_i(e_i, 32);
	pt_seed_r(SEED_R + flags);
	pt_rng_r(e_r, 32);
	hbox_x25519_base(epk_i, e_i);
	hbox_x25519_base(epk_r, e_r);
	if (flags & HBOX_CHANNEL_FLAG_PSK) {
		uint8_t dec[32];
		CHECK(hbox_hkdf_sha256(k_obf, 32, NULL, 0, psk, 32, (const uint8_t *)"hopebox/v1 obfs",
		                       15) == 0);
		CHECK(hbox_aead_xchacha20poly1305_decrypt(dec, r->connect + 26, 32, r->connect + 58,
		                                          r->connect, 2, r->connect + 2, k_obf) == 0);
		CHECK_EQ_BYTES(dec, epk_i, 32);
		CHECK(hbox_aead_xchacha20poly1305_decrypt(dec, r->accept + 26, 32, r->accept + 58,
		                                          r->accept, 2, r->accept + 2, k_obf) == 0);
		CHECK_EQ_BYTES(dec, epk_r, 32);
		/* the nonce is the 24 bytes the side drew after its key */
		pt_seed_i(SEED_I + flags);
		pt_rng_i(dec, 32);
		pt_rng_i(dec, 24);
		CHECK_EQ_BYTES(r->connect + 2, dec, 24);
	} else {
		CHECK_EQ_BYTES(r->connect + off, epk_i, 32);
		CHECK_EQ_BYTES(r->accept + off, epk_r, 32);
	}
	CHECK(hbox_x25519(ikm, e_i, epk_r) == 0);
	if (flags & HBOX_CHANNEL_FLAG_PINNED) {
		CHECK(hbox_x25519(ikm + n, e_i, server_pk) == 0);
		n += 32;
	}
	if (flags & HBOX_CHANNEL_FLAG_PSK) {
		memcpy(ikm + n, psk, 32);
		n += 32;
	}
	hbox_sha256_init(&h);
	hbox_sha256_update(&h, (const uint8_t *)"hopebox/v1 channel", 18);
	hbox_sha256_update(&h, r->connect, r->clen);
	hbox_sha256_update(&h, r->accept, r->alen - 16);
	hbox_sha256_final(&h, th);
	memcpy(info, "hopebox/v1 channel", 18);
	CHECK(hbox_hkdf_sha256(okm, 96, th, 32, ikm, n, info, 18) == 0);
	CHECK_EQ_BYTES(r->cc.key_send, okm, 32);
	CHECK_EQ_BYTES(r->cc.key_recv, okm + 32, 32);
	CHECK_EQ_BYTES(r->sc.key_recv, okm, 32);
	CHECK_EQ_BYTES(r->sc.key_send, okm + 32, 32);
	info[0] = 'R';
	memcpy(info + 1, th, 32);
	hbox_hmac_sha256(mac, okm + 64, 32, info, 33);
	CHECK_EQ_BYTES(r->accept + r->alen - 16, mac, 16);
	idm[0] = 'i';
	idm[1] = 'd';
	memcpy(idm + 2, th, 32);
	hbox_sha256(id, idm, 34);
	CHECK_EQ_BYTES(r->cc.session_id, id, 32);
	CHECK_EQ_BYTES(r->sc.session_id, id, 32);
}

/* Records flow both ways on a fresh pair of channels. */
static int records_ok(hbox_channel *a, hbox_channel *b)
{
	uint8_t rec[64], out[64];
	int ok = hbox_channel_seal(a, rec, (const uint8_t *)"ping", 4) == 0 &&
	         hbox_channel_open(b, out, rec, 29) == 0 && memcmp(out, "ping", 4) == 0 &&
	         hbox_channel_seal(b, rec, (const uint8_t *)"pong", 4) == 0 &&
	         hbox_channel_open(a, out, rec, 29) == 0 && memcmp(out, "pong", 4) == 0;
	return ok;
}

/* hs equals ref except for the error byte. */
static int same_hs(const hbox_channel_hs *hs, const hbox_channel_hs *ref)
{
	hbox_channel_hs t = *ref;
	t.err = hs->err;
	return memcmp(&t, hs, sizeof t) == 0;
}

static void test_modes(void)
{
	uint8_t flags;
	for (flags = 0; flags < 4; flags++) {
		struct run r;
		hbox_channel_hs c, s;
		hbox_channel ch, cc, sc;
		uint8_t buf[HBOX_CHANNEL_ACCEPT_MAX], rec[64], out[HBOX_CHANNEL_ACCEPT_MAX];
		size_t n;

		clean_run(&r, flags);
		check_schedule(&r, flags);
		cc = r.cc;
		sc = r.sc;
		CHECK(records_ok(&cc, &sc));

		/* the client resends the very same CONNECT */
		c = r.c0;
		CHECK(hbox_channel_connect(&c, buf, &n) == 0);
		CHECK(n == r.clen && memcmp(buf, r.connect, n) == 0);
		CHECK(same_hs(&c, &r.c0));

		/* the server answers a repeated CONNECT with the same ACCEPT and
		 * leaves the live channel alone */
		s = r.s0;
		pt_seed_r(SEED_R + flags);
		CHECK(hbox_channel_accept(&s, buf, &n, &ch, r.connect, r.clen) == 0);
		CHECK(hbox_channel_seal(&ch, rec, (const uint8_t *)"x", 1) == 0);
		sc = ch;
		CHECK(hbox_channel_accept(&s, buf, &n, &ch, r.connect, r.clen) == 0);
		CHECK(n == r.alen && memcmp(buf, r.accept, n) == 0);
		CHECK(memcmp(&ch, &sc, sizeof ch) == 0);
		CHECK(hbox_channel_accept(&s, buf, &n, &ch, r.connect, r.clen) == 0);
		/* another CONNECT at that server: refused, channel untouched */
		memcpy(buf, r.connect, r.clen);
		buf[r.clen - 1] ^= 1;
		CHECK(hbox_channel_accept(&s, out, &n, &ch, buf, r.clen) == -1);
		CHECK(hbox_channel_hs_last_error(&s) == HBOX_ESTATE);
		CHECK(n == 0 && tu_is_zero(out, sizeof out) && memcmp(&ch, &sc, sizeof ch) == 0);

		/* a late or repeated ACCEPT at a finished client */
		c = r.c0;
		CHECK(hbox_channel_finish(&c, &ch, r.accept, r.alen) == 0);
		CHECK(hbox_channel_finish(&c, &ch, r.accept, r.alen) == -1);
		CHECK(hbox_channel_hs_last_error(&c) == HBOX_ESTATE && tu_is_zero(&ch, sizeof ch));
		CHECK(hbox_channel_connect(&c, buf, &n) == -1 && n == 0);

		/* a CONNECT replayed to a new server state: answered, but the
		 * replaying party has no keys and the real client's records do
		 * not open there */
		server_init(&s, flags, 1);
		CHECK(hbox_channel_accept(&s, buf, &n, &ch, r.connect, r.clen) == 0);
		cc = r.cc;
		CHECK(hbox_channel_seal(&cc, rec, (const uint8_t *)"ping", 4) == 0);
		CHECK(hbox_channel_open(&ch, out, rec, 29) == -1);
	}
}

static void test_wrong_state(void)
{
	struct run r;
	hbox_channel_hs c, s;
	hbox_channel ch;
	uint8_t buf[HBOX_CHANNEL_ACCEPT_MAX];
	size_t n;

	clean_run(&r, 0);
	/* ACCEPT before CONNECT */
	hbox_channel_client_init(&c, NULL, NULL, pt_rng_i);
	CHECK(hbox_channel_finish(&c, &ch, r.accept, r.alen) == -1);
	CHECK(hbox_channel_hs_last_error(&c) == HBOX_ESTATE);
	CHECK(hbox_channel_hs_state(&c) == HBOX_CHANNEL_HS_CLIENT);
	/* a server does not connect or finish; a client does not accept */
	s = r.s0;
	CHECK(hbox_channel_connect(&s, buf, &n) == -1 && hbox_channel_hs_last_error(&s) == HBOX_ESTATE);
	CHECK(hbox_channel_finish(&s, &ch, r.accept, r.alen) == -1);
	c = r.c0;
	CHECK(hbox_channel_accept(&c, buf, &n, &ch, r.connect, r.clen) == -1);
	CHECK(hbox_channel_hs_last_error(&c) == HBOX_ESTATE);
	CHECK(same_hs(&c, &r.c0));
	/* a CONNECT sent to the client, an ACCEPT to the server */
	CHECK(hbox_channel_finish(&c, &ch, r.connect, r.clen) == -1);
	CHECK(hbox_channel_hs_last_error(&c) == HBOX_EBADMSG && same_hs(&c, &r.c0));
	CHECK(hbox_channel_accept(&s, buf, &n, &ch, r.accept, r.alen) == -1);
	CHECK(hbox_channel_hs_last_error(&s) == HBOX_EBADMSG && same_hs(&s, &r.s0));
	/* wiped objects refuse everything */
	hbox_channel_hs_wipe(&c);
	CHECK(hbox_channel_hs_state(&c) == HBOX_CHANNEL_HS_NONE);
	CHECK(hbox_channel_connect(&c, buf, &n) == -1);
	CHECK(hbox_channel_accept(&c, buf, &n, &ch, r.connect, r.clen) == -1);
}

/* Deliver a bad CONNECT to a fresh server: expect a rejection that leaves
 * it able to answer the right CONNECT exactly as in the clean run. */
static void connect_rejected(const struct run *r, uint8_t flags, const uint8_t *m, size_t len,
                             int want_err)
{
	hbox_channel_hs s = r->s0;
	hbox_channel ch;
	uint8_t buf[HBOX_CHANNEL_ACCEPT_MAX];
	size_t n = 99;

	memset(&ch, 0x5a, sizeof ch);
	pt_seed_r(SEED_R + flags);
	CHECK(hbox_channel_accept(&s, buf, &n, &ch, m, len) == -1);
	CHECK(hbox_channel_hs_last_error(&s) == want_err);
	CHECK(n == 0 && tu_is_zero(buf, sizeof buf) && tu_is_zero(&ch, sizeof ch));
	CHECK(same_hs(&s, &r->s0));
	pt_seed_r(SEED_R + flags);
	CHECK(hbox_channel_accept(&s, buf, &n, &ch, r->connect, r->clen) == 0);
	CHECK(n == r->alen && memcmp(buf, r->accept, n) == 0);
	CHECK(memcmp(&ch, &r->sc, sizeof ch) == 0);
}

/* Deliver a bad ACCEPT to the waiting client: rejected and unchanged (then
 * the right ACCEPT still works), or rejected for good. */
static void accept_rejected(const struct run *r, const uint8_t *m, size_t len, int want_err)
{
	hbox_channel_hs c = r->c0;
	hbox_channel ch;

	memset(&ch, 0x5a, sizeof ch);
	CHECK(hbox_channel_finish(&c, &ch, m, len) == -1);
	CHECK(hbox_channel_hs_last_error(&c) == want_err);
	CHECK(tu_is_zero(&ch, sizeof ch));
	if (pt_final(want_err)) {
		CHECK(hbox_channel_hs_state(&c) == HBOX_CHANNEL_HS_FAILED);
		CHECK(hbox_channel_finish(&c, &ch, r->accept, r->alen) == -1);
		CHECK(hbox_channel_hs_last_error(&c) == HBOX_ESTATE);
		return;
	}
	CHECK(same_hs(&c, &r->c0));
	CHECK(hbox_channel_finish(&c, &ch, r->accept, r->alen) == 0);
	CHECK(memcmp(&ch, &r->cc, sizeof ch) == 0);
}

static void test_truncated_extended_type(void)
{
	uint8_t flags;
	for (flags = 0; flags < 4; flags++) {
		struct run r;
		uint8_t m[HBOX_CHANNEL_ACCEPT_MAX + 1];
		unsigned t;
		size_t len;

		clean_run(&r, flags);
		for (len = 0; len < r.clen; len++)
			connect_rejected(&r, flags, r.connect, len, HBOX_EBADMSG);
		memcpy(m, r.connect, r.clen);
		m[r.clen] = 0;
		connect_rejected(&r, flags, m, r.clen + 1, HBOX_EBADMSG);
		for (len = 0; len < r.alen; len++)
			accept_rejected(&r, r.accept, len, HBOX_EBADMSG);
		memcpy(m, r.accept, r.alen);
		m[r.alen] = 0;
		accept_rejected(&r, m, r.alen + 1, HBOX_EBADMSG);
		for (t = 0; t < 256; t++) {
			if (t == 0x21)
				continue;
			memcpy(m, r.connect, r.clen);
			m[0] = (uint8_t)t;
			connect_rejected(&r, flags, m, r.clen, HBOX_EBADMSG);
		}
		for (t = 0; t < 256; t++) {
			if (t == 0x22)
				continue;
			memcpy(m, r.accept, r.alen);
			m[0] = (uint8_t)t;
			accept_rejected(&r, m, r.alen, HBOX_EBADMSG);
		}
	}
}

static void test_bit_flips(void)
{
	unsigned long connect_recoverable = 0, connect_final = 0, connect_later = 0;
	unsigned long accept_recoverable = 0, accept_final = 0;
	uint8_t flags;

	for (flags = 0; flags < 4; flags++) {
		struct run r;
		uint8_t m[HBOX_CHANNEL_ACCEPT_MAX], a[HBOX_CHANNEL_ACCEPT_MAX];
		size_t i, n;

		clean_run(&r, flags);
		for (i = 0; i < 8 * r.clen; i++) {
			hbox_channel_hs s = r.s0, c = r.c0;
			hbox_channel ch;
			int err;

			memcpy(m, r.connect, r.clen);
			pt_flip(m, i);
			pt_seed_r(SEED_R + flags);
			if (hbox_channel_accept(&s, a, &n, &ch, m, r.clen) == 0) {
				/* undetectable here (an NN key, or the NK bit honoured):
				 * the client refuses the answer */
				connect_later++;
				CHECK(!(flags & HBOX_CHANNEL_FLAG_PSK) && i >= 8);
				CHECK(hbox_channel_finish(&c, &ch, a, n) == -1);
				CHECK(tu_is_zero(&ch, sizeof ch));
				continue;
			}
			err = hbox_channel_hs_last_error(&s);
			if (pt_final(err)) {
				connect_final++;
				/* a PSK key field, or a flag (the AEAD's ad) changed */
				CHECK(err == HBOX_EAUTH && (flags & HBOX_CHANNEL_FLAG_PSK) && i >= 8);
				CHECK(hbox_channel_hs_state(&s) == HBOX_CHANNEL_HS_FAILED);
				CHECK(hbox_channel_accept(&s, a, &n, &ch, r.connect, r.clen) == -1);
			} else {
				connect_recoverable++;
				CHECK(i < 16); /* type or flags */
				connect_rejected(&r, flags, m, r.clen, err);
			}
		}
		for (i = 0; i < 8 * r.alen; i++) {
			hbox_channel_hs c = r.c0;
			hbox_channel ch;
			int err;

			memcpy(m, r.accept, r.alen);
			pt_flip(m, i);
			CHECK(hbox_channel_finish(&c, &ch, m, r.alen) == -1);
			err = hbox_channel_hs_last_error(&c);
			if (i < 16) {
				accept_recoverable++;
				CHECK(err == HBOX_EBADMSG || err == HBOX_EMODE);
			} else {
				accept_final++;
				CHECK(err == HBOX_EAUTH);
			}
			accept_rejected(&r, m, r.alen, err);
		}
	}
	/* 2 * (34 + 74) * 8 CONNECT bits, 2 * (50 + 90) * 8 ACCEPT bits */
	CHECK(connect_recoverable + connect_final + connect_later == 1728);
	CHECK(accept_recoverable + accept_final == 2240);
	CHECK(connect_later > 0 && connect_final > 0 && connect_recoverable > 0);
}

static void test_modes_refused(void)
{
	hbox_channel_hs c, s;
	hbox_channel ch, cc;
	uint8_t con[HBOX_CHANNEL_CONNECT_MAX], acc[HBOX_CHANNEL_ACCEPT_MAX], other[32];
	size_t n, m;

	/* PSK client, server without PSK; NN client, server with PSK; NK
	 * client, server without a static key: HBOX_EMODE, server unchanged */
	hbox_channel_client_init(&c, NULL, psk, pt_rng_i);
	CHECK(hbox_channel_connect(&c, con, &n) == 0);
	hbox_channel_server_init(&s, server_sk, NULL, pt_rng_r);
	CHECK(hbox_channel_accept(&s, acc, &m, &ch, con, n) == -1);
	CHECK(hbox_channel_hs_last_error(&s) == HBOX_EMODE);
	CHECK(hbox_channel_hs_state(&s) == HBOX_CHANNEL_HS_SERVER);
	hbox_channel_client_init(&c, NULL, NULL, pt_rng_i);
	CHECK(hbox_channel_connect(&c, con, &n) == 0);
	hbox_channel_server_init(&s, server_sk, psk, pt_rng_r);
	CHECK(hbox_channel_accept(&s, acc, &m, &ch, con, n) == -1);
	CHECK(hbox_channel_hs_last_error(&s) == HBOX_EMODE);
	hbox_channel_client_init(&c, server_pk, NULL, pt_rng_i);
	CHECK(hbox_channel_connect(&c, con, &n) == 0);
	hbox_channel_server_init(&s, NULL, NULL, pt_rng_r);
	CHECK(hbox_channel_accept(&s, acc, &m, &ch, con, n) == -1);
	CHECK(hbox_channel_hs_last_error(&s) == HBOX_EMODE);

	/* the client pins another key: the real server's ACCEPT is refused */
	tu_rand_bytes(other, 32);
	hbox_x25519_base(other, other);
	hbox_channel_client_init(&c, other, NULL, pt_rng_i);
	CHECK(hbox_channel_connect(&c, con, &n) == 0);
	hbox_channel_server_init(&s, server_sk, NULL, pt_rng_r);
	CHECK(hbox_channel_accept(&s, acc, &m, &ch, con, n) == 0);
	CHECK(hbox_channel_finish(&c, &cc, acc, m) == -1);
	CHECK(hbox_channel_hs_last_error(&c) == HBOX_EAUTH);
	CHECK(hbox_channel_hs_state(&c) == HBOX_CHANNEL_HS_FAILED);
	/* ... and a server with another static key fails the pinning client */
	hbox_channel_client_init(&c, server_pk, NULL, pt_rng_i);
	CHECK(hbox_channel_connect(&c, con, &n) == 0);
	tu_rand_bytes(other, 32);
	hbox_channel_server_init(&s, other, NULL, pt_rng_r);
	CHECK(hbox_channel_accept(&s, acc, &m, &ch, con, n) == 0);
	CHECK(hbox_channel_finish(&c, &cc, acc, m) == -1);
	CHECK(hbox_channel_hs_last_error(&c) == HBOX_EAUTH);

	/* another PSK: the server cannot open the key field (final) */
	tu_rand_bytes(other, 32);
	hbox_channel_client_init(&c, NULL, other, pt_rng_i);
	CHECK(hbox_channel_connect(&c, con, &n) == 0);
	hbox_channel_server_init(&s, NULL, psk, pt_rng_r);
	memset(&ch, 0x5a, sizeof ch);
	CHECK(hbox_channel_accept(&s, acc, &m, &ch, con, n) == -1);
	CHECK(hbox_channel_hs_last_error(&s) == HBOX_EAUTH);
	CHECK(hbox_channel_hs_state(&s) == HBOX_CHANNEL_HS_FAILED);
	CHECK(m == 0 && tu_is_zero(acc, sizeof acc) && tu_is_zero(&ch, sizeof ch));
}

static void test_small_order_and_rng(void)
{
	hbox_channel_hs c, s, c0, s0;
	hbox_channel ch;
	uint8_t con[HBOX_CHANNEL_CONNECT_MAX], acc[HBOX_CHANNEL_ACCEPT_MAX], th[32], mac[32];
	uint8_t ikm[32] = {0};
	struct hb_keys k;
	size_t n, m;

	/* a CONNECT with a small-order key: final HBOX_EKEY */
	con[0] = 0x21;
	con[1] = 0;
	memcpy(con + 2, pt_order8, 32);
	hbox_channel_server_init(&s, NULL, NULL, pt_rng_r);
	CHECK(hbox_channel_accept(&s, acc, &m, &ch, con, 34) == -1);
	CHECK(hbox_channel_hs_last_error(&s) == HBOX_EKEY);
	CHECK(hbox_channel_hs_state(&s) == HBOX_CHANNEL_HS_FAILED);

	/* an ACCEPT with a small-order key and the confirm16 anyone can
	 * compute for the all-zero shared secret: still refused */
	hbox_channel_client_init(&c, NULL, NULL, pt_rng_i);
	CHECK(hbox_channel_connect(&c, con, &n) == 0);
	acc[0] = 0x22;
	acc[1] = 0;
	memcpy(acc + 2, pt_order8, 32);
	hb_th_peek(th, &c.th, acc, 34);
	hb_kdf(&k, th, ikm, 32, "channel");
	hb_confirm(mac, k.confirm, HBOX_ROLE_R, th);
	memcpy(acc + 34, mac, 16);
	CHECK(hbox_channel_finish(&c, &ch, acc, 50) == -1);
	CHECK(hbox_channel_hs_last_error(&c) == HBOX_EKEY);
	CHECK(hbox_channel_hs_state(&c) == HBOX_CHANNEL_HS_FAILED && tu_is_zero(&ch, sizeof ch));

	/* random source failures leave both sides unchanged */
	hbox_channel_client_init(&c, NULL, psk, pt_failing_rng);
	c0 = c;
	memset(con, 1, sizeof con);
	CHECK(hbox_channel_connect(&c, con, &n) == -1);
	CHECK(hbox_channel_hs_last_error(&c) == HBOX_ERNG && same_hs(&c, &c0));
	CHECK(n == 0 && tu_is_zero(con, sizeof con));
	hbox_channel_client_init(&c, NULL, psk, pt_rng_i);
	CHECK(hbox_channel_connect(&c, con, &n) == 0);
	hbox_channel_server_init(&s, NULL, psk, pt_failing_rng);
	s0 = s;
	CHECK(hbox_channel_accept(&s, acc, &m, &ch, con, n) == -1);
	CHECK(hbox_channel_hs_last_error(&s) == HBOX_ERNG && same_hs(&s, &s0));
	s.rng = pt_rng_r;
	CHECK(hbox_channel_accept(&s, acc, &m, &ch, con, n) == 0);
	CHECK(hbox_channel_finish(&c, &ch, acc, m) == 0);
}

int main(void)
{
	tu_rand_bytes(server_sk, 32);
	hbox_x25519_base(server_pk, server_sk);
	tu_rand_bytes(psk, 32);
	test_modes();
	test_wrong_state();
	test_truncated_extended_type();
	test_bit_flips();
	test_modes_refused();
	test_small_order_and_rng();
	return tu_report("test_channel");
}

/*
 * test_password.c - the PBKDF2 password handshake: key schedule recomputed
 * from PROTOCOLS.md, both reading orders, long and empty passwords, the
 * default count, and the bad inputs: wrong password, reflected message,
 * a message made with the same role, iteration counts below the floor and
 * different from ours, truncated, extended, wrong type, every bit flipped,
 * replayed, wrong state, sent twice, random-source failure.
 */
#include "hb_proto.h"
#include "proto_test.h"

#define ITERS 10000u

static const uint8_t pw[] = "correct horse battery staple";

struct pw_run {
	hbox_password i0, r0; /* after writing */
	uint8_t mi[HBOX_PASSWORD_MSG_BYTES], mr[HBOX_PASSWORD_MSG_BYTES];
	hbox_channel ci, cr;
};

static void pw_run(struct pw_run *r, const uint8_t *p, size_t plen, uint32_t iters)
{
	hbox_password i, s;
	pt_seed_i(0x77);
	pt_seed_r(0x88);
	CHECK(hbox_password_init(&i, HBOX_ROLE_I, p, plen, iters, pt_rng_i) == 0);
	CHECK(hbox_password_init(&s, HBOX_ROLE_R, p, plen, iters, pt_rng_r) == 0);
	CHECK(hbox_password_state(&i) == HBOX_PASSWORD_START);
	CHECK(hbox_password_write(&i, r->mi) == 0);
	CHECK(hbox_password_write(&s, r->mr) == 0);
	CHECK(hbox_password_state(&i) == HBOX_PASSWORD_SENT);
	r->i0 = i;
	r->r0 = s;
	CHECK(hbox_password_read(&i, &r->ci, r->mr, sizeof r->mr) == 0);
	CHECK(hbox_password_read(&s, &r->cr, r->mi, sizeof r->mi) == 0);
	CHECK(hbox_password_state(&i) == HBOX_PASSWORD_DONE);
	CHECK(hbox_password_last_error(&s) == HBOX_OK);
	CHECK_EQ_BYTES(r->ci.key_send, r->cr.key_recv, 32);
	CHECK_EQ_BYTES(r->ci.key_recv, r->cr.key_send, 32);
	CHECK_EQ_BYTES(r->ci.session_id, r->cr.session_id, 32);
}

static int same_pw(const hbox_password *st, const hbox_password *ref)
{
	hbox_password t = *ref;
	t.err = st->err;
	return memcmp(&t, st, sizeof t) == 0;
}

/* Recompute from the specification. */
static void check_schedule(const struct pw_run *r, const uint8_t *p, size_t plen)
{
	uint8_t k[32], label[20], proof[32], salt[16], mat[32], th[32], okm[96], iv[16];
	hbox_sha256_ctx h;
	int side;

	for (side = 0; side < 2; side++) {
		const uint8_t *m = side == 0 ? r->mi : r->mr;
		CHECK(m[0] == 0x31 && hb_load32_be(m + 1) == ITERS);
		CHECK(hbox_pbkdf2_sha256(k, 32, p, plen, m + 5, 16, ITERS) == 0);
		memcpy(label, "hopebox/v1 pw-proof", 19);
		label[19] = side == 0 ? 'I' : 'R';
		hbox_hmac_sha256(proof, k, 32, label, 20);
		CHECK_EQ_BYTES(m + 21, proof, 32);
	}
	pt_seed_i(0x77);
	pt_rng_i(iv, 16);
	CHECK_EQ_BYTES(r->mi + 5, iv, 16);
	for (side = 0; side < 16; side++)
		salt[side] = (uint8_t)(r->mi[5 + side] ^ r->mr[5 + side]);
	CHECK(hbox_pbkdf2_sha256(mat, 32, p, plen, salt, 16, ITERS) == 0);
	hbox_sha256_init(&h);
	hbox_sha256_update(&h, (const uint8_t *)"hopebox/v1 password", 19);
	hbox_sha256_update(&h, r->mi, 53);
	hbox_sha256_update(&h, r->mr, 53);
	hbox_sha256_final(&h, th);
	CHECK(hbox_hkdf_sha256(okm, 96, th, 32, mat, 32, (const uint8_t *)"hopebox/v1 password",
	                       19) == 0);
	CHECK_EQ_BYTES(r->ci.key_send, okm, 32);
	CHECK_EQ_BYTES(r->cr.key_send, okm + 32, 32);
}

static void test_good(void)
{
	struct pw_run r, r2;
	uint8_t longpw[100];
	hbox_password i, s;
	hbox_channel ci, cr;

	pw_run(&r, pw, sizeof pw - 1, ITERS);
	check_schedule(&r, pw, sizeof pw - 1);
	/* the responder reads first: same keys */
	i = r.i0;
	s = r.r0;
	CHECK(hbox_password_read(&s, &cr, r.mi, 53) == 0);
	CHECK(hbox_password_read(&i, &ci, r.mr, 53) == 0);
	CHECK(memcmp(&ci, &r.ci, sizeof ci) == 0 && memcmp(&cr, &r.cr, sizeof cr) == 0);

	/* a 100-byte password is kept as its SHA-256, transparently */
	tu_rand_bytes(longpw, sizeof longpw);
	pw_run(&r2, longpw, sizeof longpw, ITERS);
	check_schedule(&r2, longpw, sizeof longpw);
	/* the empty password works (and is a bad idea) */
	pw_run(&r2, NULL, 0, ITERS);
	check_schedule(&r2, (const uint8_t *)"", 0);

	/* the default count */
	CHECK(hbox_password_init(&i, HBOX_ROLE_I, pw, 5, 0, pt_rng_i) == 0);
	CHECK(i.iters == HBOX_PASSWORD_DEFAULT_ITERS && i.iters == 100000u);
	CHECK(hbox_password_write(&i, r2.mi) == 0 && hb_load32_be(r2.mi + 1) == 100000u);
}

static void test_refusals(void)
{
	struct pw_run r;
	hbox_password i, s, x;
	hbox_channel ch;
	uint8_t m[HBOX_PASSWORD_MSG_BYTES + 1];
	unsigned t;
	size_t len;

	pw_run(&r, pw, sizeof pw - 1, ITERS);

	/* iteration floor, on our side */
	CHECK(hbox_password_init(&i, HBOX_ROLE_I, pw, 5, HBOX_PASSWORD_MIN_ITERS - 1, NULL) == -1);
	CHECK(hbox_password_last_error(&i) == HBOX_EITERS);
	CHECK(hbox_password_state(&i) == HBOX_PASSWORD_NONE);
	CHECK(hbox_password_init(&i, HBOX_ROLE_I, pw, 5, 1, NULL) == -1);
	CHECK(hbox_password_init(&i, 'X', pw, 5, ITERS, NULL) == -1);
	CHECK(hbox_password_last_error(&i) == HBOX_EPARAM);

	/* a peer announcing fewer (below the floor) or more iterations:
	 * HBOX_EITERS, unchanged, the right message still works */
	for (t = 0; t < 4; t++) {
		static const uint32_t counts[4] = {1, 9999, 10001, 100000};
		memcpy(m, r.mr, 53);
		hb_store32_be(m + 1, counts[t]);
		i = r.i0;
		memset(&ch, 1, sizeof ch);
		CHECK(hbox_password_read(&i, &ch, m, 53) == -1);
		CHECK(hbox_password_last_error(&i) == HBOX_EITERS && same_pw(&i, &r.i0));
		CHECK(tu_is_zero(&ch, sizeof ch));
	}
	CHECK(hbox_password_read(&i, &ch, r.mr, 53) == 0);

	/* wrong password: final on both sides */
	pt_seed_r(0x88);
	CHECK(hbox_password_init(&s, HBOX_ROLE_R, (const uint8_t *)"Tr0ub4dor&3", 11, ITERS,
	                         pt_rng_r) == 0);
	CHECK(hbox_password_write(&s, m) == 0);
	x = s;
	i = r.i0;
	CHECK(hbox_password_read(&i, &ch, m, 53) == -1);
	CHECK(hbox_password_last_error(&i) == HBOX_EAUTH);
	CHECK(hbox_password_state(&i) == HBOX_PASSWORD_FAILED);
	CHECK(tu_is_zero(&ch, sizeof ch) && tu_is_zero(i.pw, sizeof i.pw));
	CHECK(hbox_password_read(&i, &ch, r.mr, 53) == -1);
	CHECK(hbox_password_last_error(&i) == HBOX_ESTATE);
	CHECK(hbox_password_read(&x, &ch, r.mi, 53) == -1);
	CHECK(hbox_password_last_error(&x) == HBOX_EAUTH);

	/* our own message reflected back: refused (the seed accepted it and
	 * derived a key from an all-zero salt) */
	i = r.i0;
	CHECK(hbox_password_read(&i, &ch, r.mi, 53) == -1);
	CHECK(hbox_password_last_error(&i) == HBOX_EAUTH);
	/* ... also with the role check alone: a message from another 'I' */
	pt_seed_i(0x99);
	CHECK(hbox_password_init(&x, HBOX_ROLE_I, pw, sizeof pw - 1, ITERS, pt_rng_i) == 0);
	CHECK(hbox_password_write(&x, m) == 0);
	i = r.i0;
	CHECK(hbox_password_read(&i, &ch, m, 53) == -1);
	CHECK(hbox_password_last_error(&i) == HBOX_EAUTH);

	/* truncated, extended, wrong type: unchanged */
	memcpy(m, r.mr, 53);
	m[53] = 0;
	for (len = 0; len <= 54; len++) {
		if (len == 53)
			continue;
		i = r.i0;
		CHECK(hbox_password_read(&i, &ch, m, len) == -1);
		CHECK(hbox_password_last_error(&i) == HBOX_EBADMSG && same_pw(&i, &r.i0));
	}
	for (t = 0; t < 256; t++) {
		if (t == 0x31)
			continue;
		m[0] = (uint8_t)t;
		i = r.i0;
		CHECK(hbox_password_read(&i, &ch, m, 53) == -1);
		CHECK(hbox_password_last_error(&i) == HBOX_EBADMSG && same_pw(&i, &r.i0));
	}
	CHECK(hbox_password_read(&i, &ch, r.mr, 53) == 0);
	CHECK(memcmp(&ch, &r.ci, sizeof ch) == 0);

	/* replayed / sent twice / wrong state */
	CHECK(hbox_password_read(&i, &ch, r.mr, 53) == -1);
	CHECK(hbox_password_last_error(&i) == HBOX_ESTATE);
	CHECK(hbox_password_write(&i, m) == -1 && tu_is_zero(m, 53));
	x = r.i0;
	CHECK(hbox_password_write(&x, m) == -1); /* written already */
	CHECK(hbox_password_last_error(&x) == HBOX_ESTATE && same_pw(&x, &r.i0));
	CHECK(hbox_password_init(&x, HBOX_ROLE_I, pw, sizeof pw - 1, ITERS, pt_rng_i) == 0);
	CHECK(hbox_password_read(&x, &ch, r.mr, 53) == -1); /* read before write */
	CHECK(hbox_password_last_error(&x) == HBOX_ESTATE);
	CHECK(hbox_password_state(&x) == HBOX_PASSWORD_START);

	/* random-source failure */
	CHECK(hbox_password_init(&x, HBOX_ROLE_I, pw, 3, ITERS, pt_failing_rng) == 0);
	memset(m, 1, 53);
	CHECK(hbox_password_write(&x, m) == -1);
	CHECK(hbox_password_last_error(&x) == HBOX_ERNG && tu_is_zero(m, 53));
	CHECK(hbox_password_state(&x) == HBOX_PASSWORD_START);
	hbox_password_wipe(&x);
	CHECK(tu_is_zero(&x, sizeof x));
}

static void test_bit_flips(void)
{
	struct pw_run r;
	uint8_t m[HBOX_PASSWORD_MSG_BYTES];
	unsigned long n_type = 0, n_iters = 0, n_auth = 0;
	size_t b;

	pw_run(&r, pw, sizeof pw - 1, ITERS);
	for (b = 0; b < 8 * 53; b++) {
		hbox_password i = r.i0;
		hbox_channel ch;
		int err;

		memcpy(m, r.mr, 53);
		pt_flip(m, b);
		CHECK(hbox_password_read(&i, &ch, m, 53) == -1);
		CHECK(tu_is_zero(&ch, sizeof ch));
		err = hbox_password_last_error(&i);
		if (b < 8) {
			n_type++;
			CHECK(err == HBOX_EBADMSG && same_pw(&i, &r.i0));
		} else if (b < 8 * 5) {
			n_iters++;
			CHECK(err == HBOX_EITERS && same_pw(&i, &r.i0));
		} else {
			n_auth++;
			CHECK(err == HBOX_EAUTH && hbox_password_state(&i) == HBOX_PASSWORD_FAILED);
			continue;
		}
		CHECK(hbox_password_read(&i, &ch, r.mr, 53) == 0);
		CHECK(memcmp(&ch, &r.ci, sizeof ch) == 0);
	}
	CHECK(n_type == 8 && n_iters == 32 && n_auth == 8 * 48);
}

int main(void)
{
	test_good();
	test_refusals();
	test_bit_flips();
	return tu_report("test_password");
}

/*
 * test_static_hs.c - half, mutual and seal: messages and keys recomputed
 * from PROTOCOLS.md with the bare primitives, both reading orders of
 * mutual, and the bad inputs: truncated, extended, wrong type, every bit
 * flipped, replayed (half: same keys, as documented), sent twice, wrong
 * state / role / protocol, reflected (mutual), wrong keys, small-order
 * keys, random-source failure, bad parameters.
 */
#include "hb_box.h"
#include "hb_proto.h"
#include "proto_test.h"

static uint8_t sk_i[32], pk_i[32], sk_r[32], pk_r[32];

static int same_st(const hbox_static_hs *st, const hbox_static_hs *ref)
{
	hbox_static_hs t = *ref;
	t.err = st->err;
	return memcmp(&t, st, sizeof t) == 0;
}

/* keys = HKDF(th = SHA-256(name || m1 [|| m2]), ikm, "hopebox/v1 " label) */
static void expect_keys(const hbox_channel *ci, const hbox_channel *cr, const char *name,
                        const uint8_t *m1, const uint8_t *m2, size_t mlen, const uint8_t *ikm,
                        size_t ikmlen)
{
	uint8_t th[32], okm[96];
	hbox_sha256_ctx h;
	size_t n = strlen(name);
	hbox_sha256_init(&h);
	hbox_sha256_update(&h, (const uint8_t *)name, n);
	hbox_sha256_update(&h, m1, mlen);
	if (m2 != NULL)
		hbox_sha256_update(&h, m2, mlen);
	hbox_sha256_final(&h, th);
	CHECK(hbox_hkdf_sha256(okm, 96, th, 32, ikm, ikmlen, (const uint8_t *)name, n) == 0);
	CHECK_EQ_BYTES(ci->key_send, okm, 32);
	CHECK_EQ_BYTES(ci->key_recv, okm + 32, 32);
	CHECK_EQ_BYTES(cr->key_recv, okm, 32);
	CHECK_EQ_BYTES(cr->key_send, okm + 32, 32);
}

/*
 * Deliver every bad form of msg (len bytes) to copies of the waiting
 * receiver st0: truncated, extended, every other type byte (unchanged,
 * then the right message gives the clean channel want), and every bit
 * flipped (type byte: unchanged; others: final).
 */
typedef int (*read_fn)(hbox_static_hs *, hbox_channel *, const uint8_t *, size_t);

static void bad_forms(read_fn rd, const hbox_static_hs *st0, const uint8_t *msg, size_t len,
                      const hbox_channel *want)
{
	uint8_t m[100];
	hbox_static_hs st;
	hbox_channel ch;
	size_t k;
	unsigned t;

	memcpy(m, msg, len);
	m[len] = 0;
	for (k = 0; k <= len + 1; k++) {
		if (k == len)
			continue;
		st = *st0;
		CHECK(rd(&st, &ch, m, k) == -1);
		CHECK(hbox_static_hs_last_error(&st) == HBOX_EBADMSG && same_st(&st, st0));
	}
	for (t = 0; t < 256; t++) {
		if (t == msg[0])
			continue;
		m[0] = (uint8_t)t;
		st = *st0;
		CHECK(rd(&st, &ch, m, len) == -1);
		CHECK(hbox_static_hs_last_error(&st) == HBOX_EBADMSG && same_st(&st, st0));
	}
	CHECK(rd(&st, &ch, msg, len) == 0);
	CHECK(memcmp(&ch, want, sizeof ch) == 0);
	/* replayed at the finished receiver */
	CHECK(rd(&st, &ch, msg, len) == -1 && hbox_static_hs_last_error(&st) == HBOX_ESTATE);

	for (k = 0; k < 8 * len; k++) {
		memcpy(m, msg, len);
		pt_flip(m, k);
		st = *st0;
		memset(&ch, 1, sizeof ch);
		CHECK(rd(&st, &ch, m, len) == -1);
		CHECK(tu_is_zero(&ch, sizeof ch));
		if (k < 8) {
			CHECK(hbox_static_hs_last_error(&st) == HBOX_EBADMSG && same_st(&st, st0));
		} else {
			CHECK(hbox_static_hs_last_error(&st) == HBOX_EAUTH);
			CHECK(hbox_static_hs_state(&st) == HBOX_SHS_FAILED && tu_is_zero(st.sk, 32));
		}
	}
}

static void test_half(void)
{
	hbox_static_hs s, r, r0, x;
	hbox_channel ci, cr, ch;
	uint8_t msg[HBOX_HALF_MSG_BYTES], box[48], rnd[56], other[32], big[HBOX_SEAL_MSG_BYTES];

	pt_seed_i(0x41);
	CHECK(hbox_half_init(&s, HBOX_ROLE_I, sk_i, pk_r, pt_rng_i) == 0);
	CHECK(hbox_half_init(&r, HBOX_ROLE_R, sk_r, pk_i, NULL) == 0);
	r0 = r;
	CHECK(hbox_half_write(&s, &ci, msg) == 0);
	CHECK(hbox_static_hs_state(&s) == HBOX_SHS_DONE && tu_is_zero(s.sk, 32));
	CHECK(hbox_half_read(&r, &cr, msg, sizeof msg) == 0);
	/* 0x41 || nonce || box(secret, nonce, pk_R, sk_I) */
	pt_seed_i(0x41);
	pt_rng_i(rnd, 56);
	CHECK(msg[0] == 0x41);
	CHECK_EQ_BYTES(msg + 1, rnd + 32, 24);
	CHECK(hbox_box(box, rnd, 32, rnd + 32, pk_r, sk_i) == 0);
	CHECK_EQ_BYTES(msg + 25, box, 48);
	expect_keys(&ci, &cr, "hopebox/v1 half", msg, NULL, sizeof msg, rnd, 32);

	bad_forms(hbox_half_read, &r0, msg, sizeof msg, &cr);
	/* replayed to a new receiver: the same keys (no receiver freshness) */
	x = r0;
	CHECK(hbox_half_read(&x, &ch, msg, sizeof msg) == 0);
	CHECK(memcmp(&ch, &cr, sizeof ch) == 0);
	/* the sender writes once; a receiver does not write; a sender does not
	 * read; another protocol's function refuses */
	CHECK(hbox_half_write(&s, &ch, msg) == -1 && hbox_static_hs_last_error(&s) == HBOX_ESTATE);
	x = r0;
	CHECK(hbox_half_write(&x, &ch, msg) == -1 && same_st(&x, &r0));
	CHECK(tu_is_zero(msg, sizeof msg));
	CHECK(hbox_half_init(&x, HBOX_ROLE_I, sk_i, pk_r, pt_rng_i) == 0);
	CHECK(hbox_half_read(&x, &ch, box, 73) == -1 && hbox_static_hs_last_error(&x) == HBOX_ESTATE);
	CHECK(hbox_seal_write(&x, &ch, big) == -1 && hbox_static_hs_last_error(&x) == HBOX_ESTATE);
	CHECK(hbox_mutual_write(&x, msg) == -1 && hbox_static_hs_last_error(&x) == HBOX_ESTATE);

	/* the receiver expects another sender: final */
	pt_seed_i(0x41);
	CHECK(hbox_half_init(&s, HBOX_ROLE_I, sk_i, pk_r, pt_rng_i) == 0);
	CHECK(hbox_half_write(&s, &ci, msg) == 0);
	tu_rand_bytes(other, 32);
	hbox_x25519_base(other, other);
	CHECK(hbox_half_init(&x, HBOX_ROLE_R, sk_r, other, NULL) == 0);
	CHECK(hbox_half_read(&x, &ch, msg, sizeof msg) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_EAUTH);
	/* a small-order receiver key: final at the sender */
	CHECK(hbox_half_init(&x, HBOX_ROLE_I, sk_i, pt_order8, pt_rng_i) == 0);
	CHECK(hbox_half_write(&x, &ch, msg) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_EKEY && hbox_static_hs_state(&x) == HBOX_SHS_FAILED);
	CHECK(tu_is_zero(msg, sizeof msg) && tu_is_zero(&ch, sizeof ch));
	/* random-source failure: unchanged */
	CHECK(hbox_half_init(&x, HBOX_ROLE_I, sk_i, pk_r, pt_failing_rng) == 0);
	r = x;
	CHECK(hbox_half_write(&x, &ch, msg) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_ERNG && same_st(&x, &r));
	/* bad parameters */
	CHECK(hbox_half_init(&x, 'Q', sk_i, pk_r, NULL) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_EPARAM && hbox_static_hs_state(&x) == HBOX_SHS_NONE);
	CHECK(hbox_half_init(&x, HBOX_ROLE_I, NULL, pk_r, NULL) == -1);
	CHECK(hbox_half_init(&x, HBOX_ROLE_I, sk_i, NULL, NULL) == -1);
}

static void test_mutual(void)
{
	hbox_static_hs a, b, a0, b0, x;
	hbox_channel ca, cb, ch, ch2;
	uint8_t ma[73], mb[73], mc[73], box[48], ra[56], rb[56], ikm[64];

	pt_seed_i(0x42);
	pt_seed_r(0x24);
	CHECK(hbox_mutual_init(&a, HBOX_ROLE_I, sk_i, pk_r, pt_rng_i) == 0);
	CHECK(hbox_mutual_init(&b, HBOX_ROLE_R, sk_r, pk_i, pt_rng_r) == 0);
	x = a;
	CHECK(hbox_mutual_read(&x, &ch, ma, 73) == -1); /* read before write */
	CHECK(hbox_static_hs_last_error(&x) == HBOX_ESTATE && same_st(&x, &a));
	CHECK(hbox_mutual_write(&a, ma) == 0);
	CHECK(hbox_mutual_write(&b, mb) == 0);
	CHECK(hbox_static_hs_state(&a) == HBOX_SHS_SENT);
	a0 = a;
	b0 = b;
	CHECK(hbox_mutual_write(&a, mc) == -1 && same_st(&a, &a0)); /* written twice */
	CHECK(hbox_mutual_read(&a, &ca, mb, 73) == 0);
	CHECK(hbox_mutual_read(&b, &cb, ma, 73) == 0);
	/* the other reading order gives the same channels */
	x = b0;
	CHECK(hbox_mutual_read(&x, &ch, ma, 73) == 0 && memcmp(&ch, &cb, sizeof ch) == 0);
	/* messages and keys from the specification */
	pt_seed_i(0x42);
	pt_rng_i(ra, 56);
	pt_seed_r(0x24);
	pt_rng_r(rb, 56);
	CHECK(ma[0] == 0x42 && mb[0] == 0x42);
	CHECK(hbox_box(box, ra, 32, ra + 32, pk_r, sk_i) == 0);
	CHECK_EQ_BYTES(ma + 25, box, 48);
	CHECK(hbox_box(box, rb, 32, rb + 32, pk_i, sk_r) == 0);
	CHECK_EQ_BYTES(mb + 25, box, 48);
	memcpy(ikm, ra, 32);
	memcpy(ikm + 32, rb, 32);
	expect_keys(&ca, &cb, "hopebox/v1 mutual", ma, mb, 73, ikm, 64);

	bad_forms(hbox_mutual_read, &a0, mb, 73, &ca);
	bad_forms(hbox_mutual_read, &b0, ma, 73, &cb);

	/* our own message reflected: its box opens (the box key is
	 * symmetric), the nonce check refuses it, final */
	x = a0;
	CHECK(hbox_mutual_read(&x, &ch, ma, 73) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_EAUTH && hbox_static_hs_state(&x) == HBOX_SHS_FAILED);
	/* a message for someone else (another peer key): final */
	CHECK(hbox_mutual_init(&x, HBOX_ROLE_R, sk_r, pk_r, pt_rng_r) == 0);
	CHECK(hbox_mutual_write(&x, mc) == 0);
	CHECK(hbox_mutual_read(&x, &ch2, ma, 73) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_EAUTH);
	/* a half message at a mutual receiver: wrong type, unchanged */
	x = b0;
	ma[0] = 0x41;
	CHECK(hbox_mutual_read(&x, &ch, ma, 73) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_EBADMSG && same_st(&x, &b0));
	CHECK(hbox_half_read(&x, &ch, ma, 73) == -1 && hbox_static_hs_last_error(&x) == HBOX_ESTATE);
	/* small-order peer key: final at write */
	CHECK(hbox_mutual_init(&x, HBOX_ROLE_I, sk_i, pt_order8, pt_rng_i) == 0);
	CHECK(hbox_mutual_write(&x, ma) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_EKEY && tu_is_zero(ma, 73));
	CHECK(hbox_static_hs_state(&x) == HBOX_SHS_FAILED && tu_is_zero(&x.secret, 32));
	/* random-source failure */
	CHECK(hbox_mutual_init(&x, HBOX_ROLE_I, sk_i, pk_r, pt_failing_rng) == 0);
	a = x;
	CHECK(hbox_mutual_write(&x, ma) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_ERNG && same_st(&x, &a));
	CHECK(hbox_mutual_init(&x, HBOX_ROLE_I, sk_i, NULL, NULL) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_EPARAM);
}

static void test_seal(void)
{
	hbox_static_hs s, r, r0, x;
	hbox_channel ci, cr, ch;
	uint8_t msg[HBOX_SEAL_MSG_BYTES], c[80], rnd[64], other[32];

	pt_seed_i(0x43);
	CHECK(hbox_seal_init(&s, HBOX_ROLE_I, pk_r, pt_rng_i) == 0);
	CHECK(hbox_seal_init(&r, HBOX_ROLE_R, sk_r, NULL) == 0);
	CHECK_EQ_BYTES(r.pk, pk_r, 32);
	r0 = r;
	CHECK(hbox_seal_write(&s, &ci, msg) == 0);
	CHECK(hbox_seal_read(&r, &cr, msg, sizeof msg) == 0);
	/* 0x43 || crypto_box_seal(secret, pk_R) with the drawn ephemeral key */
	pt_seed_i(0x43);
	pt_rng_i(rnd, 64);
	CHECK(msg[0] == 0x43);
	CHECK(hb_box_seal_derand(c, rnd, 32, pk_r, rnd + 32) == 0);
	CHECK_EQ_BYTES(msg + 1, c, 80);
	expect_keys(&ci, &cr, "hopebox/v1 seal", msg, NULL, sizeof msg, rnd, 32);

	bad_forms(hbox_seal_read, &r0, msg, sizeof msg, &cr);
	/* sealed to someone else: final */
	tu_rand_bytes(other, 32);
	CHECK(hbox_seal_init(&x, HBOX_ROLE_R, other, NULL) == 0);
	CHECK(hbox_seal_read(&x, &ch, msg, sizeof msg) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_EAUTH);
	/* wrong roles / twice */
	CHECK(hbox_seal_write(&s, &ch, msg) == -1 && hbox_static_hs_last_error(&s) == HBOX_ESTATE);
	x = r0;
	CHECK(hbox_seal_write(&x, &ch, msg) == -1 && same_st(&x, &r0));
	/* small-order recipient, random failure, parameters */
	CHECK(hbox_seal_init(&x, HBOX_ROLE_I, pt_order8, pt_rng_i) == 0);
	CHECK(hbox_seal_write(&x, &ch, msg) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_EKEY && tu_is_zero(msg, sizeof msg));
	CHECK(hbox_seal_init(&x, HBOX_ROLE_I, pk_r, pt_failing_rng) == 0);
	r = x;
	CHECK(hbox_seal_write(&x, &ch, msg) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_ERNG && same_st(&x, &r));
	CHECK(hbox_seal_init(&x, HBOX_ROLE_I, NULL, NULL) == -1);
	CHECK(hbox_seal_init(&x, 0, pk_r, NULL) == -1);
	CHECK(hbox_static_hs_last_error(&x) == HBOX_EPARAM);
	hbox_static_hs_wipe(&x);
	CHECK(tu_is_zero(&x, sizeof x));
}

int main(void)
{
	tu_rand_bytes(sk_i, 32);
	tu_rand_bytes(sk_r, 32);
	hbox_x25519_base(pk_i, sk_i);
	hbox_x25519_base(pk_r, sk_r);
	test_half();
	test_mutual();
	test_seal();
	return tu_report("test_static_hs");
}

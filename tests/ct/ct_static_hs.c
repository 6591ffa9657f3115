/*
 * Constant time: half, mutual and seal with every static secret key and
 * every random byte (the secrets, box nonces, sealed-box ephemeral keys)
 * poisoned; declassified: public keys, the messages (sent), the verdicts.
 * Good paths, forged messages, a reflected mutual message, and records on
 * the resulting channels.
 */
#include "ct_proto.h"

static int secret_rng(uint8_t *out, size_t len)
{
	tu_rand_bytes(out, len);
	CT_SECRET(out, len);
	return 0;
}

static uint8_t sk_i[32], pk_i[32], sk_r[32], pk_r[32];

static void half(int forge)
{
	hbox_static_hs s, r;
	hbox_channel ci, cr;
	uint8_t m[HBOX_HALF_MSG_BYTES];
	int rc;

	hbox_half_init(&s, HBOX_ROLE_I, sk_i, pk_r, secret_rng);
	hbox_half_init(&r, HBOX_ROLE_R, sk_r, pk_i, secret_rng);
	rc = hbox_half_write(&s, &ci, m);
	CT_OUTCOME(rc, &s);
	CT_PUBLIC(m, sizeof m);
	ct_channel_public(&ci);
	CHECK(rc == 0);
	m[40] ^= (uint8_t)forge;
	rc = hbox_half_read(&r, &cr, m, sizeof m);
	CT_OUTCOME(rc, &r);
	ct_channel_public(&cr);
	CHECK(rc == (forge ? -1 : 0));
	if (!forge)
		CHECK(ct_records(&ci, &cr, HBOX_CHANNEL_STREAM));
}

static void mutual(int forge, int reflect)
{
	hbox_static_hs a, b;
	hbox_channel ca, cb;
	uint8_t ma[73], mb[73];
	int rc;

	hbox_mutual_init(&a, HBOX_ROLE_I, sk_i, pk_r, secret_rng);
	hbox_mutual_init(&b, HBOX_ROLE_R, sk_r, pk_i, secret_rng);
	rc = hbox_mutual_write(&a, ma);
	CT_OUTCOME(rc, &a);
	CT_PUBLIC(ma, sizeof ma);
	CHECK(rc == 0);
	rc = hbox_mutual_write(&b, mb);
	CT_OUTCOME(rc, &b);
	CT_PUBLIC(mb, sizeof mb);
	CHECK(rc == 0);
	mb[60] ^= (uint8_t)forge;
	rc = hbox_mutual_read(&a, &ca, reflect ? ma : mb, 73);
	CT_OUTCOME(rc, &a);
	ct_channel_public(&ca);
	CHECK(rc == (forge || reflect ? -1 : 0));
	rc = hbox_mutual_read(&b, &cb, ma, 73);
	CT_OUTCOME(rc, &b);
	ct_channel_public(&cb);
	CHECK(rc == 0);
	if (!forge && !reflect)
		CHECK(ct_records(&ca, &cb, HBOX_CHANNEL_DATAGRAM));
}

static void seal(int forge)
{
	hbox_static_hs s, r;
	hbox_channel ci, cr;
	uint8_t m[HBOX_SEAL_MSG_BYTES];
	int rc;

	hbox_seal_init(&s, HBOX_ROLE_I, pk_r, secret_rng);
	hbox_seal_init(&r, HBOX_ROLE_R, sk_r, NULL);
	CT_PUBLIC(r.pk, 32); /* the receiver's public key */
	rc = hbox_seal_write(&s, &ci, m);
	CT_OUTCOME(rc, &s);
	CT_PUBLIC(m, sizeof m);
	ct_channel_public(&ci);
	CHECK(rc == 0);
	m[70] ^= (uint8_t)forge;
	rc = hbox_seal_read(&r, &cr, m, sizeof m);
	CT_OUTCOME(rc, &r);
	ct_channel_public(&cr);
	CHECK(rc == (forge ? -1 : 0));
	if (!forge)
		CHECK(ct_records(&ci, &cr, HBOX_CHANNEL_STREAM));
}

int main(void)
{
	tu_rand_bytes(sk_i, 32);
	tu_rand_bytes(sk_r, 32);
	hbox_x25519_base(pk_i, sk_i);
	hbox_x25519_base(pk_r, sk_r);
	CT_SECRET(sk_i, 32);
	CT_SECRET(sk_r, 32);
	half(0);
	half(4);
	mutual(0, 0);
	mutual(8, 0);
	mutual(0, 1);
	seal(0);
	seal(2);
	return tu_report("ct_static_hs");
}

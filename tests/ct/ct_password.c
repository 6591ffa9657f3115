/*
 * Constant time: the password handshake with the password poisoned (also
 * one longer than 64 bytes, which is hashed) and the ivs poisoned as they
 * are drawn; declassified: the messages (sent) and the verdicts. Runs the
 * good path, a wrong password and a reflected message, at the floor of
 * 10,000 iterations (the count is public and only sets the loop length).
 */
#include "ct_proto.h"

static int secret_rng(uint8_t *out, size_t len)
{
	tu_rand_bytes(out, len);
	CT_SECRET(out, len);
	return 0;
}

static void run(size_t pwlen, int wrong, int reflect)
{
	uint8_t pw_i[100], pw_r[100], mi[53], mr[53];
	hbox_password i, r;
	hbox_channel ci, cr;
	int rc;

	memset(pw_i, 'p', sizeof pw_i);
	memcpy(pw_r, pw_i, sizeof pw_r);
	if (wrong)
		pw_r[pwlen - 1] ^= 1;
	CT_SECRET(pw_i, sizeof pw_i);
	CT_SECRET(pw_r, sizeof pw_r);
	CHECK(hbox_password_init(&i, HBOX_ROLE_I, pw_i, pwlen, HBOX_PASSWORD_MIN_ITERS, secret_rng) == 0);
	CHECK(hbox_password_init(&r, HBOX_ROLE_R, pw_r, pwlen, HBOX_PASSWORD_MIN_ITERS, secret_rng) == 0);
	rc = hbox_password_write(&i, mi);
	CT_OUTCOME(rc, &i);
	CT_PUBLIC(mi, sizeof mi);
	CHECK(rc == 0);
	rc = hbox_password_write(&r, mr);
	CT_OUTCOME(rc, &r);
	CT_PUBLIC(mr, sizeof mr);
	CHECK(rc == 0);
	rc = hbox_password_read(&i, &ci, reflect ? mi : mr, 53);
	CT_OUTCOME(rc, &i);
	ct_channel_public(&ci);
	CHECK(rc == (wrong || reflect ? -1 : 0));
	rc = hbox_password_read(&r, &cr, mi, 53);
	CT_OUTCOME(rc, &r);
	ct_channel_public(&cr);
	CHECK(rc == (wrong ? -1 : 0));
	if (!wrong && !reflect)
		CHECK(ct_records(&ci, &cr, HBOX_CHANNEL_DATAGRAM));
}

int main(void)
{
	run(20, 0, 0);
	run(100, 0, 0);
	run(20, 1, 0);
	run(20, 0, 1);
	return tu_report("ct_password");
}

/*
 * Constant time: CONNECT / ACCEPT in all four modes with the PSK, the
 * server's static secret key and every random byte (ephemeral keys,
 * obfuscation nonces) poisoned; declassified: the messages (sent), the
 * steps' verdicts and public channel fields (ct_proto.h), the server's
 * public key. Also the failures: another PSK (server), a forged confirm16
 * and a PSK-obfuscated key field that does not open (client), and records
 * on the resulting channels.
 */
#include "ct_proto.h"

static int secret_rng(uint8_t *out, size_t len)
{
	tu_rand_bytes(out, len);
	CT_SECRET(out, len);
	return 0;
}

static void run(uint8_t flags, int forge)
{
	uint8_t sk[32], pk[32], psk[32], psk2[32];
	uint8_t con[HBOX_CHANNEL_CONNECT_MAX], acc[HBOX_CHANNEL_ACCEPT_MAX];
	hbox_channel_hs c, s;
	hbox_channel cc, sc;
	size_t cl, al;
	int rc;

	tu_rand_bytes(sk, 32);
	hbox_x25519_base(pk, sk);
	tu_rand_bytes(psk, 32);
	memcpy(psk2, psk, 32);
	if (forge == 1)
		psk2[0] ^= 1; /* the client has another PSK */
	CT_SECRET(sk, 32);
	CT_SECRET(psk, 32);
	CT_SECRET(psk2, 32);
	hbox_channel_client_init(&c, (flags & 2) ? pk : NULL, (flags & 1) ? psk2 : NULL, secret_rng);
	hbox_channel_server_init(&s, sk, (flags & 1) ? psk : NULL, secret_rng);
	rc = hbox_channel_connect(&c, con, &cl);
	CT_OUTCOME(rc, &c);
	CT_PUBLIC(con, sizeof con);
	CHECK(rc == 0);
	rc = hbox_channel_accept(&s, acc, &al, &sc, con, cl);
	CT_OUTCOME(rc, &s);
	CT_PUBLIC(&al, sizeof al);
	CT_PUBLIC(acc, sizeof acc);
	ct_channel_public(&sc);
	CHECK(rc == (forge == 1 ? -1 : 0));
	if (forge == 1)
		return;
	if (forge == 2)
		acc[al - 1] ^= 1; /* confirm16 */
	if (forge == 3)
		acc[40] ^= 1; /* inside the key field (obfuscated with a PSK) */
	rc = hbox_channel_finish(&c, &cc, acc, al);
	CT_OUTCOME(rc, &c);
	ct_channel_public(&cc);
	CHECK(rc == (forge ? -1 : 0));
	if (forge)
		return;
	CHECK(ct_records(&cc, &sc, HBOX_CHANNEL_STREAM));
	CHECK(ct_records(&cc, &sc, HBOX_CHANNEL_DATAGRAM));
	/* the repeated CONNECT is answered from public bytes only */
	rc = hbox_channel_accept(&s, acc, &al, &sc, con, cl);
	CT_OUTCOME(rc, &s);
	CHECK(rc == 0);
}

int main(void)
{
	uint8_t flags;
	for (flags = 0; flags < 4; flags++) {
		run(flags, 0);
		run(flags, 2);
		run(flags, 3);
		if (flags & 1)
			run(flags, 1);
	}
	return tu_report("ct_channel");
}

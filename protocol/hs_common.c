/*
 * hs_common.c - what every handshake shares: the transcript th, the key
 * schedule (PROTOCOLS.md "Common notation") and the random source.
 */
#include "hb_proto.h"
#include "hkdf_sha256.h"
#include "hmac_sha256.h"

#define HB_INFO_PREFIX "hopebox/v1 "
#define HB_INFO_PREFIX_LEN 11
#define HB_LABEL_MAX 16

static size_t hs_strlen(const char *s)
{
	size_t n = 0;
	while (s[n] != '\0')
		n++;
	return n;
}

void hb_th_init(hbox_sha256_ctx *th, const char *name)
{
	hbox_sha256_init(th);
	hbox_sha256_update(th, (const uint8_t *)name, hs_strlen(name));
}

void hb_th_peek(uint8_t out[32], const hbox_sha256_ctx *th, const uint8_t *tail, size_t len)
{
	hbox_sha256_ctx copy = *th;
	hbox_sha256_update(&copy, tail, len);
	hbox_sha256_final(&copy, out); /* final wipes the copy */
}

void hb_kdf(struct hb_keys *k, const uint8_t th[32], const uint8_t *ikm, size_t ikmlen,
            const char *label)
{
	uint8_t info[HB_INFO_PREFIX_LEN + HB_LABEL_MAX];
	uint8_t okm[96];
	size_t n = hs_strlen(label);

	memcpy(info, HB_INFO_PREFIX, HB_INFO_PREFIX_LEN);
	memcpy(info + HB_INFO_PREFIX_LEN, label, n);
	/* 96 <= 255 * 32: HKDF cannot fail here. */
	(void)hbox_hkdf_sha256(okm, sizeof okm, th, 32, ikm, ikmlen, info, HB_INFO_PREFIX_LEN + n);
	memcpy(k->i2r, okm, 32);
	memcpy(k->r2i, okm + 32, 32);
	memcpy(k->confirm, okm + 64, 32);
	hbox_wipe(okm, sizeof okm);
}

void hb_confirm(uint8_t mac[32], const uint8_t k_confirm[32], uint8_t role, const uint8_t th[32])
{
	uint8_t msg[33];
	msg[0] = role;
	memcpy(msg + 1, th, 32);
	hbox_hmac_sha256(mac, k_confirm, 32, msg, sizeof msg);
	hbox_wipe(msg, sizeof msg);
}

void hb_channel_setup(hbox_channel *ch, const struct hb_keys *k, uint8_t role,
                      const uint8_t th[32])
{
	uint8_t idmsg[34];
	memset(ch, 0, sizeof *ch);
	if (role == HBOX_ROLE_I) {
		memcpy(ch->key_send, k->i2r, 32);
		memcpy(ch->key_recv, k->r2i, 32);
	} else {
		memcpy(ch->key_send, k->r2i, 32);
		memcpy(ch->key_recv, k->i2r, 32);
	}
	idmsg[0] = 'i';
	idmsg[1] = 'd';
	memcpy(idmsg + 2, th, 32);
	hbox_sha256(ch->session_id, idmsg, sizeof idmsg);
	ch->state = HBOX_CHANNEL_OPEN;
	ch->mode = HBOX_CHANNEL_STREAM;
}

void hb_channel_fail_if(hbox_channel *ch, uint32_t fail)
{
	hb_ct_zero_if(ch->key_send, sizeof ch->key_send, fail);
	hb_ct_zero_if(ch->key_recv, sizeof ch->key_recv, fail);
	hb_ct_zero_if(ch->session_id, sizeof ch->session_id, fail);
	ch->state = hb_ct_sel8(fail, HBOX_CHANNEL_CLOSED, ch->state);
}

int hb_random(hbox_randombytes_fn rng, uint8_t *out, size_t len)
{
	int rc = rng != NULL ? rng(out, len) : hbox_randombytes(out, len);
	if (rc != 0) {
		hbox_wipe(out, len);
		return -1;
	}
	return 0;
}

/*
 * static_hs.c - half, mutual and seal static-key handshakes (PROTOCOLS.md
 * section 4).
 */
#include "box.h"
#include "hb_box.h"
#include "hb_proto.h"
#include "static_hs.h"
#include "x25519.h"

#define BOX_NONCE 1  /* offset of the nonce in half / mutual messages */
#define BOX_BODY 25  /* offset of the box (48 bytes) */

static int shs_reject(hbox_static_hs *st, int code)
{
	st->err = hb_errbyte(code);
	return -1;
}

static int shs_init(hbox_static_hs *st, uint8_t proto, uint8_t role, const uint8_t *sk,
                    const uint8_t *pk, hbox_randombytes_fn rng)
{
	memset(st, 0, sizeof *st);
	if ((role != HBOX_ROLE_I && role != HBOX_ROLE_R) || (sk == NULL && pk == NULL))
		return shs_reject(st, HBOX_EPARAM);
	if (sk != NULL)
		memcpy(st->sk, sk, 32);
	if (pk != NULL)
		memcpy(st->pk, pk, 32);
	st->proto = proto;
	st->role = role;
	st->rng = rng;
	st->state = HBOX_SHS_START;
	return 0;
}

/* 0 when a call of protocol proto, role role, is allowed in state state. */
static int shs_check(hbox_static_hs *st, uint8_t proto, uint8_t role, uint8_t state)
{
	if (st->proto != proto || st->role != role || st->state != state)
		return shs_reject(st, HBOX_ESTATE);
	return 0;
}

/*
 * The end of every handshake here: th over the message(s) (m2 may be
 * NULL), keys = KDF(ikm, label), ch for our role; under the secret-derived
 * mask fail, ch is zeroed and st fails with code. st is wiped either way.
 */
static int shs_finish(hbox_static_hs *st, hbox_channel *ch, const char *name, const uint8_t *m1,
                      const uint8_t *m2, size_t mlen, const uint8_t *ikm, size_t ikmlen,
                      const char *label, uint32_t fail, int code)
{
	hbox_sha256_ctx thc;
	struct hb_keys k;
	uint8_t th[32];

	hb_th_init(&thc, name);
	hb_th_absorb(&thc, m1, mlen);
	if (m2 != NULL)
		hb_th_absorb(&thc, m2, mlen);
	hbox_sha256_final(&thc, th);
	hb_kdf(&k, th, ikm, ikmlen, label);
	hb_channel_setup(ch, &k, st->role, th);
	hb_channel_fail_if(ch, fail);
	hbox_wipe(st, sizeof *st);
	st->state = hb_ct_sel8(fail, HBOX_SHS_FAILED, HBOX_SHS_DONE);
	st->err = hb_ct_sel8(fail, hb_errbyte(code), 0);
	hbox_wipe(&k, sizeof k);
	return -(int)(fail & 1u);
}

/* msg = type || nonce || box(secret, nonce, pk_peer, sk); rnd = secret || nonce */
static uint32_t shs_box_msg(uint8_t *msg, uint8_t type, const hbox_static_hs *st,
                            const uint8_t rnd[56])
{
	uint32_t fail;
	msg[0] = type;
	memcpy(msg + BOX_NONCE, rnd + 32, 24);
	fail = hb_fail_mask(hbox_box(msg + BOX_BODY, rnd, 32, msg + BOX_NONCE, st->pk, st->sk));
	hb_ct_zero_if(msg, HBOX_HALF_MSG_BYTES, fail);
	return fail;
}

int hbox_half_init(hbox_static_hs *st, uint8_t role, const uint8_t sk[HBOX_SHS_SECRETKEYBYTES],
                   const uint8_t pk[HBOX_SHS_PUBLICKEYBYTES], hbox_randombytes_fn rng)
{
	if (sk == NULL || pk == NULL) {
		memset(st, 0, sizeof *st);
		return shs_reject(st, HBOX_EPARAM);
	}
	return shs_init(st, HBOX_HALF_MSG, role, sk, pk, rng);
}

int hbox_half_write(hbox_static_hs *st, hbox_channel *ch, uint8_t msg[HBOX_HALF_MSG_BYTES])
{
	uint8_t rnd[56];
	uint32_t fail;
	int rc;

	memset(msg, 0, HBOX_HALF_MSG_BYTES);
	memset(ch, 0, sizeof *ch);
	if (shs_check(st, HBOX_HALF_MSG, HBOX_ROLE_I, HBOX_SHS_START) != 0)
		return -1;
	if (hb_random(st->rng, rnd, sizeof rnd) != 0)
		return shs_reject(st, HBOX_ERNG);
	fail = shs_box_msg(msg, HBOX_HALF_MSG, st, rnd);
	rc = shs_finish(st, ch, "hopebox/v1 half", msg, NULL, HBOX_HALF_MSG_BYTES, rnd, 32, "half",
	                fail, HBOX_EKEY);
	hbox_wipe(rnd, sizeof rnd);
	return rc;
}

int hbox_half_read(hbox_static_hs *st, hbox_channel *ch, const uint8_t *msg, size_t len)
{
	uint8_t secret[32];
	uint32_t fail;
	int rc;

	memset(ch, 0, sizeof *ch);
	if (shs_check(st, HBOX_HALF_MSG, HBOX_ROLE_R, HBOX_SHS_START) != 0)
		return -1;
	if (len != HBOX_HALF_MSG_BYTES || msg[0] != HBOX_HALF_MSG)
		return shs_reject(st, HBOX_EBADMSG);
	fail = hb_fail_mask(hbox_box_open(secret, msg + BOX_BODY, 48, msg + BOX_NONCE, st->pk, st->sk));
	rc = shs_finish(st, ch, "hopebox/v1 half", msg, NULL, HBOX_HALF_MSG_BYTES, secret, 32, "half",
	                fail, HBOX_EAUTH);
	hbox_wipe(secret, sizeof secret);
	return rc;
}

int hbox_mutual_init(hbox_static_hs *st, uint8_t role, const uint8_t sk[HBOX_SHS_SECRETKEYBYTES],
                     const uint8_t pk[HBOX_SHS_PUBLICKEYBYTES], hbox_randombytes_fn rng)
{
	if (sk == NULL || pk == NULL) {
		memset(st, 0, sizeof *st);
		return shs_reject(st, HBOX_EPARAM);
	}
	return shs_init(st, HBOX_MUTUAL_MSG, role, sk, pk, rng);
}

int hbox_mutual_write(hbox_static_hs *st, uint8_t msg[HBOX_MUTUAL_MSG_BYTES])
{
	uint8_t rnd[56];
	uint32_t fail;

	memset(msg, 0, HBOX_MUTUAL_MSG_BYTES);
	if (st->proto != HBOX_MUTUAL_MSG || st->state != HBOX_SHS_START)
		return shs_reject(st, HBOX_ESTATE);
	if (hb_random(st->rng, rnd, sizeof rnd) != 0)
		return shs_reject(st, HBOX_ERNG);
	fail = shs_box_msg(msg, HBOX_MUTUAL_MSG, st, rnd);
	memcpy(st->secret, rnd, 32);
	memcpy(st->own, msg, HBOX_MUTUAL_MSG_BYTES);
	hb_ct_zero_if(st->sk, sizeof st->sk, fail);
	hb_ct_zero_if(st->secret, sizeof st->secret, fail);
	st->state = hb_ct_sel8(fail, HBOX_SHS_FAILED, HBOX_SHS_SENT);
	st->err = hb_ct_sel8(fail, hb_errbyte(HBOX_EKEY), 0);
	hbox_wipe(rnd, sizeof rnd);
	return -(int)(fail & 1u);
}

int hbox_mutual_read(hbox_static_hs *st, hbox_channel *ch, const uint8_t *msg, size_t len)
{
	uint8_t ikm[64], own[HBOX_MUTUAL_MSG_BYTES];
	uint8_t *peer_secret;
	uint32_t reflected, fail;
	int initiator, rc;

	memset(ch, 0, sizeof *ch);
	if (st->proto != HBOX_MUTUAL_MSG || st->state != HBOX_SHS_SENT)
		return shs_reject(st, HBOX_ESTATE);
	if (len != HBOX_MUTUAL_MSG_BYTES || msg[0] != HBOX_MUTUAL_MSG)
		return shs_reject(st, HBOX_EBADMSG);
	initiator = st->role == HBOX_ROLE_I;
	/* ikm = secret_I || secret_R */
	memcpy(initiator ? ikm : ikm + 32, st->secret, 32);
	peer_secret = initiator ? ikm + 32 : ikm;
	/* Our own box comes back open-able (the box key is symmetric): refuse
	 * a message with our nonce. */
	reflected = ~hb_fail_mask(hb_verify_n(msg + BOX_NONCE, st->own + BOX_NONCE, 24));
	fail = reflected | hb_fail_mask(hbox_box_open(peer_secret, msg + BOX_BODY, 48,
	                                               msg + BOX_NONCE, st->pk, st->sk));
	memcpy(own, st->own, sizeof own);
	rc = shs_finish(st, ch, "hopebox/v1 mutual", initiator ? own : msg, initiator ? msg : own,
	                HBOX_MUTUAL_MSG_BYTES, ikm, sizeof ikm, "mutual", fail, HBOX_EAUTH);
	hbox_wipe(ikm, sizeof ikm);
	return rc;
}

int hbox_seal_init(hbox_static_hs *st, uint8_t role, const uint8_t sk_or_pk[32],
                   hbox_randombytes_fn rng)
{
	int rc;
	if (sk_or_pk == NULL) {
		memset(st, 0, sizeof *st);
		return shs_reject(st, HBOX_EPARAM);
	}
	if (role != HBOX_ROLE_R)
		return shs_init(st, HBOX_SEAL_MSG, role, NULL, sk_or_pk, rng);
	rc = shs_init(st, HBOX_SEAL_MSG, role, sk_or_pk, NULL, rng);
	hbox_x25519_base(st->pk, st->sk);
	return rc;
}

int hbox_seal_write(hbox_static_hs *st, hbox_channel *ch, uint8_t msg[HBOX_SEAL_MSG_BYTES])
{
	uint8_t rnd[64];
	uint32_t fail;
	int rc;

	memset(msg, 0, HBOX_SEAL_MSG_BYTES);
	memset(ch, 0, sizeof *ch);
	if (shs_check(st, HBOX_SEAL_MSG, HBOX_ROLE_I, HBOX_SHS_START) != 0)
		return -1;
	if (hb_random(st->rng, rnd, sizeof rnd) != 0)
		return shs_reject(st, HBOX_ERNG);
	msg[0] = HBOX_SEAL_MSG;
	fail = hb_fail_mask(hb_box_seal_derand(msg + 1, rnd, 32, st->pk, rnd + 32));
	hb_ct_zero_if(msg, HBOX_SEAL_MSG_BYTES, fail);
	rc = shs_finish(st, ch, "hopebox/v1 seal", msg, NULL, HBOX_SEAL_MSG_BYTES, rnd, 32, "seal",
	                fail, HBOX_EKEY);
	hbox_wipe(rnd, sizeof rnd);
	return rc;
}

int hbox_seal_read(hbox_static_hs *st, hbox_channel *ch, const uint8_t *msg, size_t len)
{
	uint8_t secret[32];
	uint32_t fail;
	int rc;

	memset(ch, 0, sizeof *ch);
	if (shs_check(st, HBOX_SEAL_MSG, HBOX_ROLE_R, HBOX_SHS_START) != 0)
		return -1;
	if (len != HBOX_SEAL_MSG_BYTES || msg[0] != HBOX_SEAL_MSG)
		return shs_reject(st, HBOX_EBADMSG);
	fail = hb_fail_mask(hbox_box_seal_open(secret, msg + 1, HBOX_SEAL_MSG_BYTES - 1, st->pk, st->sk));
	rc = shs_finish(st, ch, "hopebox/v1 seal", msg, NULL, HBOX_SEAL_MSG_BYTES, secret, 32, "seal",
	                fail, HBOX_EAUTH);
	hbox_wipe(secret, sizeof secret);
	return rc;
}

int hbox_static_hs_state(const hbox_static_hs *st)
{
	return st->state;
}

int hbox_static_hs_last_error(const hbox_static_hs *st)
{
	return -(int)st->err;
}

void hbox_static_hs_wipe(hbox_static_hs *st)
{
	hbox_wipe(st, sizeof *st);
}

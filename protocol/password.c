/*
 * password.c - PBKDF2 password handshake (PROTOCOLS.md section 3).
 */
#include "hb_proto.h"
#include "hmac_sha256.h"
#include "password.h"
#include "pbkdf2_sha256.h"

#define PW_NAME "hopebox/v1 password"
#define PW_PROOF_LABEL "hopebox/v1 pw-proof"
#define PW_PROOF_LABEL_LEN 19
#define MSG_ITERS 1
#define MSG_IV 5
#define MSG_PROOF 21

HB_STATIC_ASSERT(MSG_PROOF + 32 == HBOX_PASSWORD_MSG_BYTES, pw_msg_size);

static int pw_reject(hbox_password *st, int code)
{
	st->err = hb_errbyte(code);
	return -1;
}

int hbox_password_init(hbox_password *st, uint8_t role, const uint8_t *pw, size_t pwlen,
                       uint32_t iters, hbox_randombytes_fn rng)
{
	memset(st, 0, sizeof *st);
	if (iters == 0)
		iters = HBOX_PASSWORD_DEFAULT_ITERS;
	if (role != HBOX_ROLE_I && role != HBOX_ROLE_R)
		return pw_reject(st, HBOX_EPARAM);
	if (iters < HBOX_PASSWORD_MIN_ITERS)
		return pw_reject(st, HBOX_EITERS);
	if (pwlen > sizeof st->pw) {
		hbox_sha256(st->pw, pw, pwlen);
		st->pwlen = 32;
	} else {
		if (pwlen > 0)
			memcpy(st->pw, pw, pwlen);
		st->pwlen = (uint8_t)pwlen;
	}
	st->role = role;
	st->iters = iters;
	st->rng = rng;
	st->state = HBOX_PASSWORD_START;
	return 0;
}

/* proof = HMAC(PBKDF2(pw, iv, iters, 32), "hopebox/v1 pw-proof" || role) */
static void pw_proof(uint8_t proof[32], const hbox_password *st, const uint8_t iv[16],
                     uint8_t role)
{
	uint8_t key[32], label[PW_PROOF_LABEL_LEN + 1];
	/* iters >= 10,000 and outlen 32: PBKDF2 cannot fail here */
	(void)hbox_pbkdf2_sha256(key, 32, st->pw, st->pwlen, iv, 16, st->iters);
	memcpy(label, PW_PROOF_LABEL, PW_PROOF_LABEL_LEN);
	label[PW_PROOF_LABEL_LEN] = role;
	hbox_hmac_sha256(proof, key, 32, label, sizeof label);
	hbox_wipe(key, sizeof key);
}

int hbox_password_write(hbox_password *st, uint8_t msg[HBOX_PASSWORD_MSG_BYTES])
{
	if (st->state != HBOX_PASSWORD_START) {
		memset(msg, 0, HBOX_PASSWORD_MSG_BYTES);
		return pw_reject(st, HBOX_ESTATE);
	}
	if (hb_random(st->rng, msg + MSG_IV, 16) != 0) {
		memset(msg, 0, HBOX_PASSWORD_MSG_BYTES);
		return pw_reject(st, HBOX_ERNG);
	}
	msg[0] = HBOX_PASSWORD_MSG;
	hb_store32_be(msg + MSG_ITERS, st->iters);
	pw_proof(msg + MSG_PROOF, st, msg + MSG_IV, st->role);
	memcpy(st->own, msg, HBOX_PASSWORD_MSG_BYTES);
	st->state = HBOX_PASSWORD_SENT;
	st->err = 0;
	return 0;
}

int hbox_password_read(hbox_password *st, hbox_channel *ch, const uint8_t *msg, size_t len)
{
	uint8_t want[32], salt[16], material[32], th[32];
	const uint8_t *msg_i, *msg_r;
	hbox_sha256_ctx thc;
	struct hb_keys k;
	uint8_t peer_role;
	uint32_t reflected, bad_proof, fail;
	size_t i;

	memset(ch, 0, sizeof *ch);
	if (st->state != HBOX_PASSWORD_SENT)
		return pw_reject(st, HBOX_ESTATE);
	if (len != HBOX_PASSWORD_MSG_BYTES || msg[0] != HBOX_PASSWORD_MSG)
		return pw_reject(st, HBOX_EBADMSG);
	if (hb_load32_be(msg + MSG_ITERS) != st->iters)
		return pw_reject(st, HBOX_EITERS);

	/* Our own iv coming back is a reflection (the seed then derived a key
	 * from an all-zero salt); the role in the proof catches it too. */
	reflected = ~hb_fail_mask(hb_verify_n(msg + MSG_IV, st->own + MSG_IV, 16));
	peer_role = st->role == HBOX_ROLE_I ? HBOX_ROLE_R : HBOX_ROLE_I;
	pw_proof(want, st, msg + MSG_IV, peer_role);
	bad_proof = hb_fail_mask(hbox_verify32(want, msg + MSG_PROOF));
	fail = reflected | bad_proof;

	for (i = 0; i < 16; i++)
		salt[i] = (uint8_t)(msg[MSG_IV + i] ^ st->own[MSG_IV + i]);
	(void)hbox_pbkdf2_sha256(material, 32, st->pw, st->pwlen, salt, 16, st->iters);
	msg_i = st->role == HBOX_ROLE_I ? st->own : msg;
	msg_r = st->role == HBOX_ROLE_I ? msg : st->own;
	hb_th_init(&thc, PW_NAME);
	hb_th_absorb(&thc, msg_i, HBOX_PASSWORD_MSG_BYTES);
	hb_th_absorb(&thc, msg_r, HBOX_PASSWORD_MSG_BYTES);
	hbox_sha256_final(&thc, th);
	hb_kdf(&k, th, material, 32, "password");
	hb_channel_setup(ch, &k, st->role, th);
	hb_channel_fail_if(ch, fail);

	/* Over either way. */
	hbox_wipe(st, sizeof *st);
	st->state = hb_ct_sel8(fail, HBOX_PASSWORD_FAILED, HBOX_PASSWORD_DONE);
	st->err = hb_ct_sel8(fail, hb_errbyte(HBOX_EAUTH), 0);

	hbox_wipe(want, sizeof want);
	hbox_wipe(material, sizeof material);
	hbox_wipe(&k, sizeof k);
	return -(int)(fail & 1u);
}

int hbox_password_state(const hbox_password *st)
{
	return st->state;
}

int hbox_password_last_error(const hbox_password *st)
{
	return -(int)st->err;
}

void hbox_password_wipe(hbox_password *st)
{
	hbox_wipe(st, sizeof *st);
}

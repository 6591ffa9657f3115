/*
 * nhx.c - hybrid NewHope + X25519 exchange (PROTOCOLS.md section 1).
 */
#include "box.h"
#include "hb_box.h"
#include "hb_proto.h"
#include "newhope.h"
#include "nhx.h"
#include "x25519.h"

#define NHX_NAME "hopebox/v1 nhx"
/* offsets inside INIT and RESP */
#define INIT_EPK 1
#define INIT_SENDA 33
#define INIT_SEAL (INIT_SENDA + HBOX_NEWHOPE_SENDABYTES)
#define RESP_EPK 1
#define RESP_SENDB 33
#define RESP_MAC (RESP_SENDB + HBOX_NEWHOPE_SENDBBYTES)

HB_STATIC_ASSERT(INIT_SEAL + 32 + HBOX_BOX_SEALBYTES == HBOX_NHX_INIT_BYTES, nhx_init_size);
HB_STATIC_ASSERT(RESP_MAC + 32 == HBOX_NHX_RESP_BYTES, nhx_resp_size);
/* st->keys holds a struct hb_keys byte for byte */
HB_STATIC_ASSERT(sizeof(struct hb_keys) == sizeof(((hbox_nhx *)0)->keys), nhx_keys_size);

static int nhx_reject(hbox_nhx *st, int code)
{
	st->err = hb_errbyte(code);
	return -1;
}

/* Wipe the secret fields of st when mask is all-ones. The public fields
 * (transcript, R's public key, flags) are left as they are: masking them
 * too would make them secret-dependent for no gain. */
static void nhx_wipe_secrets(hbox_nhx *st, uint32_t mask)
{
	hb_ct_zero_if(st->nh_sk, sizeof st->nh_sk, mask);
	hb_ct_zero_if(st->e, sizeof st->e, mask);
	hb_ct_zero_if(st->chunk, sizeof st->chunk, mask);
	hb_ct_zero_if(st->sk_r, sizeof st->sk_r, mask);
	hb_ct_zero_if(st->keys, sizeof st->keys, mask);
	hb_ct_zero_if(st->prekey, sizeof st->prekey, mask);
}

/*
 * The end of a step whose outcome is the secret-derived mask fail: on
 * failure wipe the secrets (final) and record code; otherwise enter
 * next_state.
 */
static void nhx_settle(hbox_nhx *st, uint32_t fail, uint8_t next_state, uint8_t code)
{
	nhx_wipe_secrets(st, fail);
	st->state = hb_ct_sel8(fail, HBOX_NHX_FAILED, next_state);
	st->err = hb_ct_sel8(fail, code, 0);
}

int hbox_nhx_initiator_init(hbox_nhx *st, const uint8_t pinned_pk[HBOX_NHX_PUBLICKEYBYTES],
                            hbox_randombytes_fn rng)
{
	memset(st, 0, sizeof *st);
	st->rng = rng;
	if (pinned_pk != NULL) {
		memcpy(st->pk_r, pinned_pk, 32);
		st->pinned = 1;
		st->have_pk = 1;
	}
	hb_th_init(&st->th, NHX_NAME);
	st->state = HBOX_NHX_I_START;
	return 0;
}

int hbox_nhx_responder_init(hbox_nhx *st, const uint8_t sk[HBOX_NHX_SECRETKEYBYTES],
                            hbox_randombytes_fn rng)
{
	memset(st, 0, sizeof *st);
	st->rng = rng;
	if (sk != NULL) {
		memcpy(st->sk_r, sk, 32);
	} else if (hb_random(rng, st->sk_r, 32) != 0) {
		hbox_wipe(st, sizeof *st);
		return nhx_reject(st, HBOX_ERNG);
	}
	hbox_x25519_base(st->pk_r, st->sk_r);
	st->have_pk = 1;
	hb_th_init(&st->th, NHX_NAME);
	st->state = HBOX_NHX_R_START;
	return 0;
}

int hbox_nhx_write_hello(hbox_nhx *st, uint8_t hello[HBOX_NHX_HELLO_BYTES])
{
	if (st->state != HBOX_NHX_R_START) {
		memset(hello, 0, HBOX_NHX_HELLO_BYTES);
		return nhx_reject(st, HBOX_ESTATE);
	}
	hello[0] = HBOX_NHX_HELLO;
	memcpy(hello + 1, st->pk_r, 32);
	if (!st->hello) {
		hb_th_absorb(&st->th, hello, HBOX_NHX_HELLO_BYTES);
		st->hello = 1;
	}
	st->err = 0;
	return 0;
}

int hbox_nhx_read_hello(hbox_nhx *st, const uint8_t *hello, size_t len)
{
	if (st->state != HBOX_NHX_I_START || st->hello)
		return nhx_reject(st, HBOX_ESTATE);
	if (len != HBOX_NHX_HELLO_BYTES || hello[0] != HBOX_NHX_HELLO)
		return nhx_reject(st, HBOX_EBADMSG);
	/* pk_R is public: an ordinary comparison will do */
	if (st->pinned && hb_verify_n(hello + 1, st->pk_r, 32) != 0)
		return nhx_reject(st, HBOX_EKEY);
	memcpy(st->pk_r, hello + 1, 32);
	st->have_pk = 1;
	st->hello = 1;
	hb_th_absorb(&st->th, hello, HBOX_NHX_HELLO_BYTES);
	st->err = 0;
	return 0;
}

int hbox_nhx_write_init(hbox_nhx *st, uint8_t init[HBOX_NHX_INIT_BYTES])
{
	/* e_I || NewHope coins (64) || chunk || sealed-box ephemeral key */
	uint8_t rnd[32 + HBOX_NEWHOPE_KEYGEN_COINBYTES + 32 + 32];
	const uint8_t *coins = rnd + 32, *chunk = rnd + 96, *esk = rnd + 128;
	uint32_t fail;

	if (st->state != HBOX_NHX_I_START || !st->have_pk) {
		memset(init, 0, HBOX_NHX_INIT_BYTES);
		return nhx_reject(st, HBOX_ESTATE);
	}
	if (hb_random(st->rng, rnd, sizeof rnd) != 0) {
		memset(init, 0, HBOX_NHX_INIT_BYTES);
		return nhx_reject(st, HBOX_ERNG);
	}
	memcpy(st->e, rnd, 32);
	memcpy(st->chunk, chunk, 32);
	init[0] = HBOX_NHX_INIT;
	hbox_x25519_base(init + INIT_EPK, st->e);
	(void)hbox_newhope_keygen_derand(init + INIT_SENDA, st->nh_sk, coins);
	fail = hb_fail_mask(hb_box_seal_derand(init + INIT_SEAL, chunk, 32, st->pk_r, esk));
	hb_th_absorb(&st->th, init, HBOX_NHX_INIT_BYTES);
	hb_ct_zero_if(init, HBOX_NHX_INIT_BYTES, fail);
	nhx_settle(st, fail, HBOX_NHX_I_SENT, hb_errbyte(HBOX_EKEY));
	hbox_wipe(rnd, sizeof rnd);
	return -(int)(fail & 1u);
}

/* keys = KDF(nh_key || chunk || dh, "nhx") */
static void nhx_keys(struct hb_keys *k, const uint8_t th[32], const uint8_t nh_key[32],
                     const uint8_t chunk[32], const uint8_t dh[32])
{
	uint8_t ikm[96];
	memcpy(ikm, nh_key, 32);
	memcpy(ikm + 32, chunk, 32);
	memcpy(ikm + 64, dh, 32);
	hb_kdf(k, th, ikm, sizeof ikm, "nhx");
	hbox_wipe(ikm, sizeof ikm);
}

int hbox_nhx_read_init(hbox_nhx *st, uint8_t resp[HBOX_NHX_RESP_BYTES], const uint8_t *init,
                       size_t len)
{
	uint8_t rnd[HBOX_NEWHOPE_SHAREDB_COINBYTES + 32], nh_key[32], chunk[32], dh[32], th[32];
	const uint8_t *e_r = rnd + HBOX_NEWHOPE_SHAREDB_COINBYTES;
	hbox_sha256_ctx thc;
	struct hb_keys k;
	uint32_t bad_open, bad_dh, fail;

	memset(resp, 0, HBOX_NHX_RESP_BYTES);
	if (st->state != HBOX_NHX_R_START)
		return nhx_reject(st, HBOX_ESTATE);
	if (len != HBOX_NHX_INIT_BYTES || init[0] != HBOX_NHX_INIT)
		return nhx_reject(st, HBOX_EBADMSG);
	if (hb_random(st->rng, rnd, sizeof rnd) != 0)
		return nhx_reject(st, HBOX_ERNG);
	/* Fails only on a coefficient >= q in senda: public, object unchanged. */
	if (hbox_newhope_sharedb_derand(nh_key, resp + RESP_SENDB, init + INIT_SENDA, rnd) != 0) {
		hbox_wipe(rnd, sizeof rnd);
		memset(resp, 0, HBOX_NHX_RESP_BYTES);
		return nhx_reject(st, HBOX_EBADMSG);
	}
	bad_open = hb_fail_mask(hbox_box_seal_open(chunk, init + INIT_SEAL, 32 + HBOX_BOX_SEALBYTES,
	                                           st->pk_r, st->sk_r));
	bad_dh = hb_fail_mask(hbox_x25519(dh, e_r, init + INIT_EPK));
	fail = bad_open | bad_dh;

	resp[0] = HBOX_NHX_RESP;
	hbox_x25519_base(resp + RESP_EPK, e_r);
	thc = st->th;
	hb_th_absorb(&thc, init, HBOX_NHX_INIT_BYTES);
	hb_th_peek(th, &thc, resp, RESP_MAC);
	hbox_wipe(&thc, sizeof thc);
	nhx_keys(&k, th, nh_key, chunk, dh);
	hb_confirm(resp + RESP_MAC, k.confirm, HBOX_ROLE_R, th);

	/* sk_R is not needed any more, whatever the outcome */
	hbox_wipe(st->sk_r, sizeof st->sk_r);
	memcpy(st->keys, &k, sizeof st->keys);
	memcpy(st->th_final, th, 32);
	memcpy(st->prekey, nh_key, 32);
	memcpy(st->prekey + 32, chunk, 32);
	hb_ct_zero_if(resp, HBOX_NHX_RESP_BYTES, fail);
	nhx_settle(st, fail, HBOX_NHX_R_SENT,
	           hb_ct_sel8(bad_open, hb_errbyte(HBOX_EAUTH), hb_errbyte(HBOX_EKEY)));

	hbox_wipe(rnd, sizeof rnd);
	hbox_wipe(nh_key, sizeof nh_key);
	hbox_wipe(chunk, sizeof chunk);
	hbox_wipe(dh, sizeof dh);
	hbox_wipe(&k, sizeof k);
	return -(int)(fail & 1u);
}

int hbox_nhx_read_resp(hbox_nhx *st, uint8_t fin[HBOX_NHX_FIN_BYTES], hbox_channel *ch,
                       uint8_t prekey[HBOX_NHX_PREKEYBYTES], const uint8_t *resp, size_t len)
{
	uint8_t nh_key[32], dh[32], th[32], mac[32];
	struct hb_keys k;
	uint32_t bad_dec, bad_dh, bad_mac, final, fail;
	uint8_t state_if_bad_dec = st->state;

	memset(fin, 0, HBOX_NHX_FIN_BYTES);
	memset(ch, 0, sizeof *ch);
	if (prekey != NULL)
		memset(prekey, 0, HBOX_NHX_PREKEYBYTES);
	if (st->state != HBOX_NHX_I_SENT)
		return nhx_reject(st, HBOX_ESTATE);
	if (len != HBOX_NHX_RESP_BYTES || resp[0] != HBOX_NHX_RESP)
		return nhx_reject(st, HBOX_EBADMSG);

	/*
	 * shareda fails on a coefficient >= q in sendb (bad encoding: object
	 * unchanged). Its verdict formally involves nh_sk, so it is handled
	 * under a mask like the others.
	 */
	bad_dec = hb_fail_mask(hbox_newhope_shareda(nh_key, st->nh_sk, resp + RESP_SENDB));
	bad_dh = hb_fail_mask(hbox_x25519(dh, st->e, resp + RESP_EPK));
	hb_th_peek(th, &st->th, resp, RESP_MAC);
	nhx_keys(&k, th, nh_key, st->chunk, dh);
	hb_confirm(mac, k.confirm, HBOX_ROLE_R, th);
	bad_mac = hb_fail_mask(hbox_verify32(mac, resp + RESP_MAC));
	final = ~bad_dec & (bad_dh | bad_mac);
	fail = bad_dec | final;

	fin[0] = HBOX_NHX_FIN;
	hb_confirm(fin + 1, k.confirm, HBOX_ROLE_I, th);
	hb_channel_setup(ch, &k, HBOX_ROLE_I, th);
	if (prekey != NULL) {
		memcpy(prekey, nh_key, 32);
		memcpy(prekey + 32, st->chunk, 32);
		hb_ct_zero_if(prekey, HBOX_NHX_PREKEYBYTES, fail);
	}
	hb_ct_zero_if(fin, HBOX_NHX_FIN_BYTES, fail);
	hb_channel_fail_if(ch, fail);

	/* A bad encoding leaves st as it was; otherwise the handshake is over. */
	nhx_wipe_secrets(st, ~bad_dec);
	st->state = hb_ct_sel8(bad_dec, state_if_bad_dec,
	                       hb_ct_sel8(final, HBOX_NHX_FAILED, HBOX_NHX_DONE));
	st->err = hb_ct_sel8(bad_dec, hb_errbyte(HBOX_EBADMSG),
	                     hb_ct_sel8(bad_dh, hb_errbyte(HBOX_EKEY),
	                                hb_ct_sel8(bad_mac, hb_errbyte(HBOX_EAUTH), 0)));

	hbox_wipe(nh_key, sizeof nh_key);
	hbox_wipe(dh, sizeof dh);
	hbox_wipe(mac, sizeof mac);
	hbox_wipe(&k, sizeof k);
	return -(int)(fail & 1u);
}

int hbox_nhx_read_fin(hbox_nhx *st, hbox_channel *ch, uint8_t prekey[HBOX_NHX_PREKEYBYTES],
                      const uint8_t *fin, size_t len)
{
	uint8_t mac[32];
	struct hb_keys k;
	uint32_t fail;

	memset(ch, 0, sizeof *ch);
	if (prekey != NULL)
		memset(prekey, 0, HBOX_NHX_PREKEYBYTES);
	if (st->state != HBOX_NHX_R_SENT)
		return nhx_reject(st, HBOX_ESTATE);
	if (len != HBOX_NHX_FIN_BYTES || fin[0] != HBOX_NHX_FIN)
		return nhx_reject(st, HBOX_EBADMSG);

	memcpy(&k, st->keys, sizeof k);
	hb_confirm(mac, k.confirm, HBOX_ROLE_I, st->th_final);
	fail = hb_fail_mask(hbox_verify32(mac, fin + 1));
	hb_channel_setup(ch, &k, HBOX_ROLE_R, st->th_final);
	hb_channel_fail_if(ch, fail);
	if (prekey != NULL) {
		memcpy(prekey, st->prekey, HBOX_NHX_PREKEYBYTES);
		hb_ct_zero_if(prekey, HBOX_NHX_PREKEYBYTES, fail);
	}
	/* Over either way. */
	hbox_wipe(st, sizeof *st);
	st->state = hb_ct_sel8(fail, HBOX_NHX_FAILED, HBOX_NHX_DONE);
	st->err = hb_ct_sel8(fail, hb_errbyte(HBOX_EAUTH), 0);
	hbox_wipe(mac, sizeof mac);
	hbox_wipe(&k, sizeof k);
	return -(int)(fail & 1u);
}

int hbox_nhx_state(const hbox_nhx *st)
{
	return st->state;
}

int hbox_nhx_last_error(const hbox_nhx *st)
{
	return -(int)st->err;
}

void hbox_nhx_wipe(hbox_nhx *st)
{
	hbox_wipe(st, sizeof *st);
}

/*
 * channel.c - CONNECT / ACCEPT handshake (PROTOCOLS.md section 2).
 */
#include "aead.h"
#include "channel.h"
#include "hb_proto.h"
#include "hkdf_sha256.h"
#include "x25519.h"

#define CH_NAME "hopebox/v1 channel"
#define CH_KEYFIELD_PSK 72 /* nonce (24) || XChaCha20-Poly1305(key) (48) */

static int hs_reject(hbox_channel_hs *hs, int code)
{
	hs->err = hb_errbyte(code);
	return -1;
}

static size_t connect_size(uint8_t flags)
{
	return (flags & HBOX_CHANNEL_FLAG_PSK) ? HBOX_CHANNEL_CONNECT_PSK_BYTES
	                                       : HBOX_CHANNEL_CONNECT_BYTES;
}

static size_t accept_size(uint8_t flags)
{
	return (flags & HBOX_CHANNEL_FLAG_PSK) ? HBOX_CHANNEL_ACCEPT_PSK_BYTES
	                                       : HBOX_CHANNEL_ACCEPT_BYTES;
}

static void hs_common_init(hbox_channel_hs *hs, const uint8_t psk[32], hbox_randombytes_fn rng)
{
	static const uint8_t info[] = "hopebox/v1 obfs";
	memset(hs, 0, sizeof *hs);
	hs->rng = rng;
	if (psk != NULL) {
		memcpy(hs->psk, psk, 32);
		/* k_obf = HKDF-SHA256(salt = "", ikm = psk, info = "hopebox/v1 obfs") */
		(void)hbox_hkdf_sha256(hs->k_obf, 32, NULL, 0, psk, 32, info, sizeof info - 1);
	}
}

int hbox_channel_client_init(hbox_channel_hs *hs,
                             const uint8_t server_pk[HBOX_CHANNEL_PUBLICKEYBYTES],
                             const uint8_t psk[HBOX_CHANNEL_PSKBYTES], hbox_randombytes_fn rng)
{
	hs_common_init(hs, psk, rng);
	if (psk != NULL)
		hs->flags |= HBOX_CHANNEL_FLAG_PSK;
	if (server_pk != NULL) {
		memcpy(hs->skey, server_pk, 32);
		hs->flags |= HBOX_CHANNEL_FLAG_PINNED;
	}
	hs->state = HBOX_CHANNEL_HS_CLIENT;
	return 0;
}

int hbox_channel_server_init(hbox_channel_hs *hs,
                             const uint8_t server_sk[HBOX_CHANNEL_SECRETKEYBYTES],
                             const uint8_t psk[HBOX_CHANNEL_PSKBYTES], hbox_randombytes_fn rng)
{
	hs_common_init(hs, psk, rng);
	if (psk != NULL)
		hs->flags |= HBOX_CHANNEL_FLAG_PSK;
	if (server_sk != NULL) {
		memcpy(hs->skey, server_sk, 32);
		hs->flags |= HBOX_CHANNEL_FLAG_PINNED;
	}
	hs->state = HBOX_CHANNEL_HS_SERVER;
	return 0;
}

/*
 * Write the key field of a message (type, flags already in msg[0..2)):
 * the public key itself, or with a PSK nonce || XChaCha20-Poly1305(k_obf,
 * pk, ad = type || flags).
 */
static void keyfield_write(const hbox_channel_hs *hs, uint8_t *msg, const uint8_t pk[32],
                           const uint8_t nonce[24])
{
	if (!(msg[1] & HBOX_CHANNEL_FLAG_PSK)) {
		memcpy(msg + 2, pk, 32);
		return;
	}
	memcpy(msg + 2, nonce, 24);
	hbox_aead_xchacha20poly1305_encrypt(msg + 26, msg + 58, pk, 32, msg, 2, msg + 2, hs->k_obf);
}

/* Read the peer's public key from a message's key field; returns the
 * verdict mask (all-ones: wrong PSK or forged field, pk zeroed). */
static uint32_t keyfield_read(const hbox_channel_hs *hs, uint8_t pk[32], const uint8_t *msg)
{
	if (!(msg[1] & HBOX_CHANNEL_FLAG_PSK)) {
		memcpy(pk, msg + 2, 32);
		return 0;
	}
	return hb_fail_mask(hbox_aead_xchacha20poly1305_decrypt(pk, msg + 26, 32, msg + 58, msg, 2,
	                                                        msg + 2, hs->k_obf));
}

int hbox_channel_connect(hbox_channel_hs *hs, uint8_t connect[HBOX_CHANNEL_CONNECT_MAX],
                         size_t *connect_len)
{
	uint8_t rnd[56], epk[32];
	size_t len = connect_size(hs->flags);

	*connect_len = 0;
	if (hs->state == HBOX_CHANNEL_HS_SENT) {
		memcpy(connect, hs->connect, hs->connect_len);
		*connect_len = hs->connect_len;
		hs->err = 0;
		return 0;
	}
	if (hs->state != HBOX_CHANNEL_HS_CLIENT) {
		memset(connect, 0, HBOX_CHANNEL_CONNECT_MAX);
		return hs_reject(hs, HBOX_ESTATE);
	}
	if (hb_random(hs->rng, rnd, 32 + ((hs->flags & HBOX_CHANNEL_FLAG_PSK) ? 24 : 0)) != 0) {
		memset(connect, 0, HBOX_CHANNEL_CONNECT_MAX);
		return hs_reject(hs, HBOX_ERNG);
	}
	memcpy(hs->e, rnd, 32);
	hbox_x25519_base(epk, hs->e);
	connect[0] = HBOX_CHANNEL_CONNECT;
	connect[1] = hs->flags;
	keyfield_write(hs, connect, epk, rnd + 32);
	memcpy(hs->connect, connect, len);
	hs->connect_len = (uint8_t)len;
	hb_th_init(&hs->th, CH_NAME);
	hb_th_absorb(&hs->th, connect, len);
	hs->state = HBOX_CHANNEL_HS_SENT;
	hs->err = 0;
	*connect_len = len;
	hbox_wipe(rnd, sizeof rnd);
	return 0;
}

/*
 * ikm = X25519(e, e_peer) [|| X25519(e or s, peer)] [|| psk] as the flags
 * say; returns the all-zero verdict mask.
 */
static uint32_t channel_ikm(uint8_t ikm[96], size_t *ikmlen, const hbox_channel_hs *hs,
                            uint8_t flags, const uint8_t dh1_sk[32], const uint8_t dh1_pk[32],
                            const uint8_t dh2_sk[32], const uint8_t dh2_pk[32])
{
	uint32_t fail = hb_fail_mask(hbox_x25519(ikm, dh1_sk, dh1_pk));
	size_t n = 32;
	if (flags & HBOX_CHANNEL_FLAG_PINNED) {
		fail |= hb_fail_mask(hbox_x25519(ikm + n, dh2_sk, dh2_pk));
		n += 32;
	}
	if (flags & HBOX_CHANNEL_FLAG_PSK) {
		memcpy(ikm + n, hs->psk, 32);
		n += 32;
	}
	*ikmlen = n;
	return fail;
}

int hbox_channel_accept(hbox_channel_hs *hs, uint8_t accept[HBOX_CHANNEL_ACCEPT_MAX],
                        size_t *accept_len, hbox_channel *ch, const uint8_t *connect,
                        size_t connect_len)
{
	uint8_t rnd[56], e[32], epk[32], epk_i[32], ikm[96], th[32], mac[32];
	hbox_sha256_ctx thc;
	struct hb_keys k;
	uint32_t bad_obf, bad_dh, fail;
	size_t alen, ikmlen;
	uint8_t flags;

	*accept_len = 0;
	if (hs->state == HBOX_CHANNEL_HS_ACCEPTED) {
		/* never touch ch: it is the live channel of this client */
		if (connect_len == hs->connect_len && hb_verify_n(connect, hs->connect, connect_len) == 0) {
			memcpy(accept, hs->accept, hs->accept_len);
			*accept_len = hs->accept_len;
			hs->err = 0;
			return 0;
		}
		memset(accept, 0, HBOX_CHANNEL_ACCEPT_MAX);
		return hs_reject(hs, HBOX_ESTATE);
	}
	memset(accept, 0, HBOX_CHANNEL_ACCEPT_MAX);
	memset(ch, 0, sizeof *ch);
	if (hs->state != HBOX_CHANNEL_HS_SERVER)
		return hs_reject(hs, HBOX_ESTATE);
	if (connect_len < 2 || connect[0] != HBOX_CHANNEL_CONNECT ||
	    (connect[1] & ~(HBOX_CHANNEL_FLAG_PSK | HBOX_CHANNEL_FLAG_PINNED)) != 0)
		return hs_reject(hs, HBOX_EBADMSG);
	flags = connect[1];
	if ((flags & HBOX_CHANNEL_FLAG_PSK) != (hs->flags & HBOX_CHANNEL_FLAG_PSK) ||
	    ((flags & HBOX_CHANNEL_FLAG_PINNED) && !(hs->flags & HBOX_CHANNEL_FLAG_PINNED)))
		return hs_reject(hs, HBOX_EMODE);
	if (connect_len != connect_size(flags))
		return hs_reject(hs, HBOX_EBADMSG);
	if (hb_random(hs->rng, rnd, 32 + ((flags & HBOX_CHANNEL_FLAG_PSK) ? 24 : 0)) != 0)
		return hs_reject(hs, HBOX_ERNG);

	memcpy(e, rnd, 32);
	bad_obf = keyfield_read(hs, epk_i, connect);
	bad_dh = channel_ikm(ikm, &ikmlen, hs, flags, e, epk_i, hs->skey, epk_i);
	fail = bad_obf | bad_dh;

	alen = accept_size(flags);
	hbox_x25519_base(epk, e);
	accept[0] = HBOX_CHANNEL_ACCEPT;
	accept[1] = flags;
	keyfield_write(hs, accept, epk, rnd + 32);
	hb_th_init(&thc, CH_NAME);
	hb_th_absorb(&thc, connect, connect_len);
	hb_th_absorb(&thc, accept, alen - 16);
	hbox_sha256_final(&thc, th);
	hb_kdf(&k, th, ikm, ikmlen, "channel");
	hb_confirm(mac, k.confirm, HBOX_ROLE_R, th);
	memcpy(accept + alen - 16, mac, 16);
	hb_channel_setup(ch, &k, HBOX_ROLE_R, th);

	hb_ct_zero_if(accept, alen, fail);
	hb_channel_fail_if(ch, fail);
	/* Keep only the public messages, for repeated CONNECTs. */
	hbox_wipe(hs, sizeof *hs);
	memcpy(hs->connect, connect, connect_len);
	hs->connect_len = (uint8_t)connect_len;
	memcpy(hs->accept, accept, alen);
	hs->accept_len = (uint8_t)alen;
	hs->state = hb_ct_sel8(fail, HBOX_CHANNEL_HS_FAILED, HBOX_CHANNEL_HS_ACCEPTED);
	hs->err = hb_ct_sel8(bad_obf, hb_errbyte(HBOX_EAUTH),
	                     hb_ct_sel8(bad_dh, hb_errbyte(HBOX_EKEY), 0));
	*accept_len = (size_t)hb_ct_sel64(fail, 0, alen);

	hbox_wipe(rnd, sizeof rnd);
	hbox_wipe(e, sizeof e);
	hbox_wipe(ikm, sizeof ikm);
	hbox_wipe(&k, sizeof k);
	hbox_wipe(mac, sizeof mac);
	return -(int)(fail & 1u);
}

int hbox_channel_finish(hbox_channel_hs *hs, hbox_channel *ch, const uint8_t *accept,
                        size_t accept_len)
{
	uint8_t epk_r[32], ikm[96], th[32], mac[32];
	struct hb_keys k;
	uint32_t bad_obf, bad_dh, bad_mac, fail;
	size_t ikmlen;

	memset(ch, 0, sizeof *ch);
	if (hs->state != HBOX_CHANNEL_HS_SENT)
		return hs_reject(hs, HBOX_ESTATE);
	if (accept_len < 2 || accept[0] != HBOX_CHANNEL_ACCEPT)
		return hs_reject(hs, HBOX_EBADMSG);
	if (accept[1] != hs->flags)
		return hs_reject(hs, HBOX_EMODE);
	if (accept_len != accept_size(hs->flags))
		return hs_reject(hs, HBOX_EBADMSG);

	bad_obf = keyfield_read(hs, epk_r, accept);
	bad_dh = channel_ikm(ikm, &ikmlen, hs, hs->flags, hs->e, epk_r, hs->e, hs->skey);
	hb_th_peek(th, &hs->th, accept, accept_len - 16);
	hb_kdf(&k, th, ikm, ikmlen, "channel");
	hb_confirm(mac, k.confirm, HBOX_ROLE_R, th);
	bad_mac = hb_fail_mask(hbox_verify16(mac, accept + accept_len - 16));
	fail = bad_obf | bad_dh | bad_mac;
	hb_channel_setup(ch, &k, HBOX_ROLE_I, th);
	hb_channel_fail_if(ch, fail);

	/* Success or not, the handshake is over: nothing in hs is needed. */
	hbox_wipe(hs, sizeof *hs);
	hs->state = hb_ct_sel8(fail, HBOX_CHANNEL_HS_FAILED, HBOX_CHANNEL_HS_DONE);
	hs->err = hb_ct_sel8(bad_obf, hb_errbyte(HBOX_EAUTH),
	                     hb_ct_sel8(bad_dh, hb_errbyte(HBOX_EKEY),
	                                hb_ct_sel8(bad_mac, hb_errbyte(HBOX_EAUTH), 0)));

	hbox_wipe(ikm, sizeof ikm);
	hbox_wipe(&k, sizeof k);
	hbox_wipe(mac, sizeof mac);
	hbox_wipe(epk_r, sizeof epk_r);
	return -(int)(fail & 1u);
}

int hbox_channel_hs_state(const hbox_channel_hs *hs)
{
	return hs->state;
}

int hbox_channel_hs_last_error(const hbox_channel_hs *hs)
{
	return -(int)hs->err;
}

void hbox_channel_hs_wipe(hbox_channel_hs *hs)
{
	hbox_wipe(hs, sizeof *hs);
}

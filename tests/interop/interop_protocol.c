/*
 * interop_protocol.c - a second implementation of PROTOCOLS.md, written
 * from the document on libsodium 1.0.18 (X25519, XChaCha20-Poly1305 and
 * ChaCha20-Poly1305 IETF, box, sealed box, SHA-256, HMAC-SHA256; HKDF and
 * PBKDF2 built here from libsodium's HMAC), talks to hopebox in both roles:
 *   channel  NN, PSK, NK, NK + PSK, each side played by either library,
 *            then records both ways;
 *   nhx      pinned and with HELLO, either side by the peer (NewHope
 *            itself is not in libsodium: the peer calls hopebox's NewHope,
 *            whose wire format the newhope KAT ties to the reference);
 *   password, half, mutual, seal: either side by the peer.
 * Each run checks that both sides get the same channel keys (records open
 * across), the same session id, and, for nhx, the same prekey.
 */
#include <sodium.h>
#include <string.h>

#include "hopebox.h"
#include "hopebox_protocol.h"
#include "testutil.h"

/* ---------------- the peer: HMAC, HKDF, PBKDF2, KDF, confirm ---------------- */

static void p_hmac(uint8_t out[32], const uint8_t *key, size_t keylen, const uint8_t *m1,
                   size_t l1, const uint8_t *m2, size_t l2)
{
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, key, keylen);
	crypto_auth_hmacsha256_update(&st, m1, l1);
	if (m2 != NULL)
		crypto_auth_hmacsha256_update(&st, m2, l2);
	crypto_auth_hmacsha256_final(&st, out);
}

/* RFC 5869 with SHA-256; outlen <= 96 here. */
static void p_hkdf(uint8_t *out, size_t outlen, const uint8_t *salt, size_t saltlen,
                   const uint8_t *ikm, size_t ikmlen, const char *info)
{
	uint8_t zeros[32] = {0}, prk[32], t[32], buf[32 + 64 + 1];
	size_t done = 0, tl = 0, il = strlen(info);
	uint8_t i = 1;
	p_hmac(prk, saltlen ? salt : zeros, saltlen ? saltlen : 32, ikm, ikmlen, NULL, 0);
	while (done < outlen) {
		size_t n;
		memcpy(buf, t, tl);
		memcpy(buf + tl, info, il);
		buf[tl + il] = i++;
		p_hmac(t, prk, 32, buf, tl + il + 1, NULL, 0);
		tl = 32;
		n = outlen - done < 32 ? outlen - done : 32;
		memcpy(out + done, t, n);
		done += n;
	}
}

/* RFC 8018 PBKDF2-HMAC-SHA256, one 32-byte block. */
static void p_pbkdf2(uint8_t out[32], const uint8_t *pw, size_t pwlen, const uint8_t *salt,
                     size_t saltlen, uint32_t iters)
{
	uint8_t u[32], one[4] = {0, 0, 0, 1};
	uint32_t i;
	int j;
	p_hmac(u, pw, pwlen, salt, saltlen, one, 4);
	memcpy(out, u, 32);
	for (i = 1; i < iters; i++) {
		p_hmac(u, pw, pwlen, u, 32, NULL, 0);
		for (j = 0; j < 32; j++)
			out[j] ^= u[j];
	}
}

struct p_keys {
	uint8_t i2r[32], r2i[32], confirm[32], th[32];
};

static void p_kdf(struct p_keys *k, const uint8_t *ikm, size_t ikmlen, const char *label)
{
	char info[32] = "hopebox/v1 ";
	uint8_t okm[96];
	strcat(info, label);
	p_hkdf(okm, 96, k->th, 32, ikm, ikmlen, info);
	memcpy(k->i2r, okm, 32);
	memcpy(k->r2i, okm + 32, 32);
	memcpy(k->confirm, okm + 64, 32);
}

static void p_confirm(uint8_t out[32], const struct p_keys *k, uint8_t role)
{
	p_hmac(out, k->confirm, 32, &role, 1, k->th, 32);
}

/* th = SHA-256(name || m1 || m2 || m3) (NULL parts skipped) */
static void p_th(uint8_t th[32], const char *name, const uint8_t *m1, size_t l1,
                 const uint8_t *m2, size_t l2, const uint8_t *m3, size_t l3)
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const uint8_t *)name, strlen(name));
	if (m1 != NULL)
		crypto_hash_sha256_update(&h, m1, l1);
	if (m2 != NULL)
		crypto_hash_sha256_update(&h, m2, l2);
	if (m3 != NULL)
		crypto_hash_sha256_update(&h, m3, l3);
	crypto_hash_sha256_final(&h, th);
}

/*
 * The peer's channel end is checked against hopebox's: a record each way
 * (0x23 || counter || ChaCha20-Poly1305(nonce 0^4 || counter, ad = 0x23 ||
 * counter)) at counters 0 and 1, and the session id SHA-256("id" || th).
 */
static int p_record_seal(uint8_t *rec, const uint8_t key[32], uint64_t ctr, const uint8_t *pt,
                         size_t n)
{
	uint8_t nonce[12] = {0};
	int i;
	rec[0] = 0x23;
	for (i = 0; i < 8; i++)
		rec[1 + i] = (uint8_t)(ctr >> (56 - 8 * i));
	memcpy(nonce + 4, rec + 1, 8);
	return crypto_aead_chacha20poly1305_ietf_encrypt_detached(rec + 9, rec + 9 + n, NULL, pt, n,
	                                                          rec, 9, NULL, nonce, key);
}

static int p_record_open(uint8_t *pt, const uint8_t key[32], uint64_t ctr, const uint8_t *rec,
                         size_t reclen)
{
	uint8_t nonce[12] = {0}, ad[9];
	int i;
	ad[0] = 0x23;
	for (i = 0; i < 8; i++)
		ad[1 + i] = (uint8_t)(ctr >> (56 - 8 * i));
	if (reclen < 25 || memcmp(rec, ad, 9) != 0)
		return -1;
	memcpy(nonce + 4, ad + 1, 8);
	return crypto_aead_chacha20poly1305_ietf_decrypt_detached(pt, NULL, rec + 9, reclen - 25,
	                                                          rec + reclen - 16, rec, 9, nonce, key);
}

/* peer_is_i: the peer plays I (sends with i2r). */
static void check_channel(hbox_channel *ch, const struct p_keys *k, int peer_is_i)
{
	const uint8_t *p_send = peer_is_i ? k->i2r : k->r2i, *p_recv = peer_is_i ? k->r2i : k->i2r;
	uint8_t rec[64], pt[40], idm[34], id[32], hid[32];
	uint64_t c;
	for (c = 0; c < 2; c++) {
		CHECK(p_record_seal(rec, p_send, c, (const uint8_t *)"from the peer", 13) == 0);
		CHECK(hbox_channel_open(ch, pt, rec, 38) == 0 && memcmp(pt, "from the peer", 13) == 0);
		CHECK(hbox_channel_seal(ch, rec, (const uint8_t *)"from hopebox", 12) == 0);
		CHECK(p_record_open(pt, p_recv, c, rec, 37) == 0 && memcmp(pt, "from hopebox", 12) == 0);
	}
	idm[0] = 'i';
	idm[1] = 'd';
	memcpy(idm + 2, k->th, 32);
	crypto_hash_sha256(id, idm, 34);
	CHECK(hbox_channel_session_id(hid, ch) == 0 && memcmp(hid, id, 32) == 0);
}

/* ---------------- channel ---------------- */

static uint8_t srv_sk[32], srv_pk[32], psk[32];

static void p_kobf(uint8_t k[32])
{
	p_hkdf(k, 32, NULL, 0, psk, 32, "hopebox/v1 obfs");
}

/* Write the key field of msg (type, flags set); returns the length. */
static size_t p_keyfield(uint8_t *msg, const uint8_t pk[32])
{
	uint8_t k[32];
	if (!(msg[1] & 1)) {
		memcpy(msg + 2, pk, 32);
		return 34;
	}
	p_kobf(k);
	randombytes_buf(msg + 2, 24);
	crypto_aead_xchacha20poly1305_ietf_encrypt_detached(msg + 26, msg + 58, NULL, pk, 32, msg, 2,
	                                                    NULL, msg + 2, k);
	return 74;
}

static int p_keyfield_read(uint8_t pk[32], const uint8_t *msg)
{
	uint8_t k[32];
	if (!(msg[1] & 1)) {
		memcpy(pk, msg + 2, 32);
		return 0;
	}
	p_kobf(k);
	return crypto_aead_xchacha20poly1305_ietf_decrypt_detached(pk, NULL, msg + 26, 32, msg + 58,
	                                                           msg, 2, msg + 2, k);
}

static void channel_peer_client(uint8_t flags)
{
	uint8_t e[32], epk[32], epk_r[32], con[74], acc[90], ikm[96], mac[32];
	struct p_keys k;
	size_t cl, al, n = 32;
	hbox_channel_hs s;
	hbox_channel ch;

	randombytes_buf(e, 32);
	crypto_scalarmult_base(epk, e);
	con[0] = 0x21;
	con[1] = flags;
	cl = p_keyfield(con, epk);
	hbox_channel_server_init(&s, srv_sk, (flags & 1) ? psk : NULL, NULL);
	CHECK(hbox_channel_accept(&s, acc, &al, &ch, con, cl) == 0);
	CHECK(al == cl + 16 && acc[0] == 0x22 && acc[1] == flags);
	CHECK(p_keyfield_read(epk_r, acc) == 0);
	CHECK(crypto_scalarmult(ikm, e, epk_r) == 0);
	if (flags & 2) {
		CHECK(crypto_scalarmult(ikm + 32, e, srv_pk) == 0);
		n += 32;
	}
	if (flags & 1) {
		memcpy(ikm + n, psk, 32);
		n += 32;
	}
	p_th(k.th, "hopebox/v1 channel", con, cl, acc, al - 16, NULL, 0);
	p_kdf(&k, ikm, n, "channel");
	p_confirm(mac, &k, 'R');
	CHECK(sodium_memcmp(mac, acc + al - 16, 16) == 0);
	check_channel(&ch, &k, 1);
}

static void channel_peer_server(uint8_t flags)
{
	uint8_t e[32], epk[32], epk_i[32], con[74], acc[90], ikm[96], mac[32];
	struct p_keys k;
	size_t cl, al, n = 32;
	hbox_channel_hs c;
	hbox_channel ch;

	hbox_channel_client_init(&c, (flags & 2) ? srv_pk : NULL, (flags & 1) ? psk : NULL, NULL);
	CHECK(hbox_channel_connect(&c, con, &cl) == 0);
	CHECK(con[0] == 0x21 && con[1] == flags && cl == ((flags & 1) ? 74u : 34u));
	CHECK(p_keyfield_read(epk_i, con) == 0);
	randombytes_buf(e, 32);
	crypto_scalarmult_base(epk, e);
	CHECK(crypto_scalarmult(ikm, e, epk_i) == 0);
	if (flags & 2) {
		CHECK(crypto_scalarmult(ikm + 32, srv_sk, epk_i) == 0);
		n += 32;
	}
	if (flags & 1) {
		memcpy(ikm + n, psk, 32);
		n += 32;
	}
	acc[0] = 0x22;
	acc[1] = flags;
	al = p_keyfield(acc, epk) + 16;
	p_th(k.th, "hopebox/v1 channel", con, cl, acc, al - 16, NULL, 0);
	p_kdf(&k, ikm, n, "channel");
	p_confirm(mac, &k, 'R');
	memcpy(acc + al - 16, mac, 16);
	CHECK(hbox_channel_finish(&c, &ch, acc, al) == 0);
	check_channel(&ch, &k, 0);
}

/* ---------------- nhx ---------------- */

static uint8_t nhx_sk[32], nhx_pk[32];

/* The peer as responder; hopebox initiates (pinned, or after HELLO). */
static void nhx_peer_responder(int hello)
{
	static uint8_t init[1937], resp[2113];
	uint8_t hel[33], fin[33], chunk[32], nh_key[32], e[32], ikm[96], pre[64], mac[32];
	struct p_keys k;
	hbox_nhx i;
	hbox_channel ch;

	hbox_nhx_initiator_init(&i, hello ? NULL : nhx_pk, NULL);
	if (hello) {
		hel[0] = 0x10;
		memcpy(hel + 1, nhx_pk, 32);
		CHECK(hbox_nhx_read_hello(&i, hel, 33) == 0);
	}
	CHECK(hbox_nhx_write_init(&i, init) == 0);
	CHECK(init[0] == 0x11);
	CHECK(crypto_box_seal_open(chunk, init + 1857, 80, nhx_pk, nhx_sk) == 0);
	resp[0] = 0x12;
	randombytes_buf(e, 32);
	crypto_scalarmult_base(resp + 1, e);
	CHECK(hbox_newhope_sharedb(nh_key, resp + 33, init + 33) == 0);
	memcpy(ikm, nh_key, 32);
	memcpy(ikm + 32, chunk, 32);
	CHECK(crypto_scalarmult(ikm + 64, e, init + 1) == 0);
	p_th(k.th, "hopebox/v1 nhx", hello ? hel : NULL, 33, init, 1937, resp, 2081);
	p_kdf(&k, ikm, 96, "nhx");
	p_confirm(resp + 2081, &k, 'R');
	CHECK(hbox_nhx_read_resp(&i, fin, &ch, pre, resp, sizeof resp) == 0);
	p_confirm(mac, &k, 'I');
	CHECK(fin[0] == 0x13 && memcmp(fin + 1, mac, 32) == 0);
	CHECK(memcmp(pre, ikm, 64) == 0); /* prekey = nh_key || chunk */
	check_channel(&ch, &k, 0);
}

/* The peer as initiator; hopebox responds. */
static void nhx_peer_initiator(int hello)
{
	static uint8_t init[1937], resp[2113];
	uint8_t hel[33], fin[33], chunk[32], nh_key[32], e[32], ikm[96], pre[64], mac[32];
	uint8_t nh_sk[HBOX_NEWHOPE_SKBYTES];
	struct p_keys k;
	hbox_nhx r;
	hbox_channel ch;

	hbox_nhx_responder_init(&r, nhx_sk, NULL);
	if (hello) {
		CHECK(hbox_nhx_write_hello(&r, hel) == 0);
		CHECK(hel[0] == 0x10 && memcmp(hel + 1, nhx_pk, 32) == 0);
	}
	init[0] = 0x11;
	randombytes_buf(e, 32);
	crypto_scalarmult_base(init + 1, e);
	CHECK(hbox_newhope_keygen(init + 33, nh_sk) == 0);
	randombytes_buf(chunk, 32);
	CHECK(crypto_box_seal(init + 1857, chunk, 32, nhx_pk) == 0);
	CHECK(hbox_nhx_read_init(&r, resp, init, sizeof init) == 0);
	CHECK(resp[0] == 0x12);
	CHECK(hbox_newhope_shareda(nh_key, nh_sk, resp + 33) == 0);
	memcpy(ikm, nh_key, 32);
	memcpy(ikm + 32, chunk, 32);
	CHECK(crypto_scalarmult(ikm + 64, e, resp + 1) == 0);
	p_th(k.th, "hopebox/v1 nhx", hello ? hel : NULL, 33, init, 1937, resp, 2081);
	p_kdf(&k, ikm, 96, "nhx");
	p_confirm(mac, &k, 'R');
	CHECK(sodium_memcmp(mac, resp + 2081, 32) == 0);
	fin[0] = 0x13;
	p_confirm(fin + 1, &k, 'I');
	CHECK(hbox_nhx_read_fin(&r, &ch, pre, fin, 33) == 0);
	CHECK(memcmp(pre, ikm, 64) == 0);
	check_channel(&ch, &k, 1);
}

/* ---------------- password ---------------- */

static void password_peer(uint8_t peer_role)
{
	static const uint8_t pw[] = "interop password";
	uint8_t pm[53], hm[53], key[32], label[20], proof[32], salt[16], mat[32];
	struct p_keys k;
	hbox_password st;
	hbox_channel ch;
	uint8_t hb_role = peer_role == 'I' ? HBOX_ROLE_R : HBOX_ROLE_I;
	int j;

	hbox_password_init(&st, hb_role, pw, sizeof pw - 1, 10000, NULL);
	CHECK(hbox_password_write(&st, hm) == 0);
	/* the peer's message */
	pm[0] = 0x31;
	pm[1] = 0;
	pm[2] = 0;
	pm[3] = 0x27;
	pm[4] = 0x10; /* 10,000 */
	randombytes_buf(pm + 5, 16);
	p_pbkdf2(key, pw, sizeof pw - 1, pm + 5, 16, 10000);
	memcpy(label, "hopebox/v1 pw-proof", 19);
	label[19] = peer_role;
	p_hmac(pm + 21, key, 32, label, 20, NULL, 0);
	/* hopebox's message checks out for the peer */
	CHECK(hm[0] == 0x31 && memcmp(hm + 1, pm + 1, 4) == 0);
	p_pbkdf2(key, pw, sizeof pw - 1, hm + 5, 16, 10000);
	label[19] = (uint8_t)(peer_role == 'I' ? 'R' : 'I');
	p_hmac(proof, key, 32, label, 20, NULL, 0);
	CHECK(memcmp(proof, hm + 21, 32) == 0);
	for (j = 0; j < 16; j++)
		salt[j] = (uint8_t)(pm[5 + j] ^ hm[5 + j]);
	p_pbkdf2(mat, pw, sizeof pw - 1, salt, 16, 10000);
	if (peer_role == 'I')
		p_th(k.th, "hopebox/v1 password", pm, 53, hm, 53, NULL, 0);
	else
		p_th(k.th, "hopebox/v1 password", hm, 53, pm, 53, NULL, 0);
	p_kdf(&k, mat, 32, "password");
	CHECK(hbox_password_read(&st, &ch, pm, 53) == 0);
	check_channel(&ch, &k, peer_role == 'I');
}

/* ---------------- half, mutual, seal ---------------- */

static uint8_t a_sk[32], a_pk[32], b_sk[32], b_pk[32];

/* 0x4x || nonce || box(secret, nonce, pk_to, sk_from) */
static void p_box_msg(uint8_t m[73], uint8_t type, uint8_t secret[32], const uint8_t *pk_to,
                      const uint8_t *sk_from)
{
	m[0] = type;
	randombytes_buf(secret, 32);
	randombytes_buf(m + 1, 24);
	CHECK(crypto_box_easy(m + 25, secret, 32, m + 1, pk_to, sk_from) == 0);
}

static void static_peers(void)
{
	uint8_t m[81], hm[73], s1[32], s2[32], ikm[64];
	struct p_keys k;
	hbox_static_hs st;
	hbox_channel ch;

	/* half: the peer (a) sends to hopebox (b) */
	p_box_msg(m, 0x41, s1, b_pk, a_sk);
	hbox_half_init(&st, HBOX_ROLE_R, b_sk, a_pk, NULL);
	CHECK(hbox_half_read(&st, &ch, m, 73) == 0);
	p_th(k.th, "hopebox/v1 half", m, 73, NULL, 0, NULL, 0);
	p_kdf(&k, s1, 32, "half");
	check_channel(&ch, &k, 1);
	/* half: hopebox (b) sends to the peer (a) */
	hbox_half_init(&st, HBOX_ROLE_I, b_sk, a_pk, NULL);
	CHECK(hbox_half_write(&st, &ch, hm) == 0);
	CHECK(hm[0] == 0x41 && crypto_box_open_easy(s1, hm + 25, 48, hm + 1, b_pk, a_sk) == 0);
	p_th(k.th, "hopebox/v1 half", hm, 73, NULL, 0, NULL, 0);
	p_kdf(&k, s1, 32, "half");
	check_channel(&ch, &k, 0);

	/* mutual: the peer is I, hopebox R */
	hbox_mutual_init(&st, HBOX_ROLE_R, b_sk, a_pk, NULL);
	CHECK(hbox_mutual_write(&st, hm) == 0);
	p_box_msg(m, 0x42, s1, b_pk, a_sk);
	CHECK(hm[0] == 0x42 && crypto_box_open_easy(s2, hm + 25, 48, hm + 1, b_pk, a_sk) == 0);
	CHECK(hbox_mutual_read(&st, &ch, m, 73) == 0);
	memcpy(ikm, s1, 32);
	memcpy(ikm + 32, s2, 32);
	p_th(k.th, "hopebox/v1 mutual", m, 73, hm, 73, NULL, 0);
	p_kdf(&k, ikm, 64, "mutual");
	check_channel(&ch, &k, 1);
	/* mutual: hopebox is I, the peer R */
	hbox_mutual_init(&st, HBOX_ROLE_I, b_sk, a_pk, NULL);
	CHECK(hbox_mutual_write(&st, hm) == 0);
	p_box_msg(m, 0x42, s2, b_pk, a_sk);
	CHECK(crypto_box_open_easy(s1, hm + 25, 48, hm + 1, b_pk, a_sk) == 0);
	CHECK(hbox_mutual_read(&st, &ch, m, 73) == 0);
	memcpy(ikm, s1, 32);
	memcpy(ikm + 32, s2, 32);
	p_th(k.th, "hopebox/v1 mutual", hm, 73, m, 73, NULL, 0);
	p_kdf(&k, ikm, 64, "mutual");
	check_channel(&ch, &k, 0);

	/* seal: the peer seals to hopebox, then hopebox to the peer */
	m[0] = 0x43;
	randombytes_buf(s1, 32);
	CHECK(crypto_box_seal(m + 1, s1, 32, b_pk) == 0);
	hbox_seal_init(&st, HBOX_ROLE_R, b_sk, NULL);
	CHECK(hbox_seal_read(&st, &ch, m, 81) == 0);
	p_th(k.th, "hopebox/v1 seal", m, 81, NULL, 0, NULL, 0);
	p_kdf(&k, s1, 32, "seal");
	check_channel(&ch, &k, 1);
	hbox_seal_init(&st, HBOX_ROLE_I, a_pk, NULL);
	CHECK(hbox_seal_write(&st, &ch, m) == 0);
	CHECK(m[0] == 0x43 && crypto_box_seal_open(s1, m + 1, 80, a_pk, a_sk) == 0);
	p_th(k.th, "hopebox/v1 seal", m, 81, NULL, 0, NULL, 0);
	p_kdf(&k, s1, 32, "seal");
	check_channel(&ch, &k, 0);
}

int main(void)
{
	uint8_t flags;
	int round;

	if (sodium_init() < 0)
		return 1;
	for (round = 0; round < 8; round++) {
		randombytes_buf(srv_sk, 32);
		crypto_scalarmult_base(srv_pk, srv_sk);
		randombytes_buf(psk, 32);
		for (flags = 0; flags < 4; flags++) {
			channel_peer_client(flags);
			channel_peer_server(flags);
		}
		crypto_box_keypair(nhx_pk, nhx_sk);
		nhx_peer_responder(round & 1);
		nhx_peer_initiator(round & 1);
		crypto_box_keypair(a_pk, a_sk);
		crypto_box_keypair(b_pk, b_sk);
		static_peers();
	}
	password_peer('I');
	password_peer('R');
	return tu_report("interop_protocol");
}

/*
 * newhope.c - the NewHope (USENIX 2016) key exchange: keygen, sharedb,
 * shareda, byte-compatible with the reference code's newhope.c.
 *
 *   Alice: s, e <- psi_16 (noise seed, nonces 0, 1); a <- gen_a(seed)
 *          pk = a o NTT(s) + NTT(e);  senda = pk || seed;  sk = NTT(s)
 *   Bob:   s', e', e'' <- psi_16 (his noise seed, nonces 0, 1, 2)
 *          b' = a o NTT(s') + NTT(e')
 *          v  = NTT^-1(pk o NTT(s')) + e''
 *          c  = HelpRec(v) (random bits: ChaCha20 nonce (0,..,0,3))
 *          key = SHA3-256(Rec(v, c));  sendb = b' || c
 *   Alice: v' = NTT^-1(sk o b');  key = SHA3-256(Rec(v', c))
 *
 * Stack: at most two polynomials (2 KiB each) are live at a time: noise e''
 * is added in place and each buffer is reused once its value is consumed.
 */
#include "newhope.h"

#include "chacha20.h"
#include "hb_internal.h"
#include "hb_newhope.h"
#include "randombytes.h"
#include "sha3.h"

HB_STATIC_ASSERT(HBOX_NEWHOPE_SENDABYTES == HB_NH_POLYBYTES + HB_NH_SEEDBYTES, senda_size);
HB_STATIC_ASSERT(HBOX_NEWHOPE_SENDBBYTES == HB_NH_POLYBYTES + HB_NH_RECBYTES, sendb_size);
HB_STATIC_ASSERT(HBOX_NEWHOPE_SKBYTES == HB_NH_POLYBYTES, sk_size);

/* Reference nonces: noise polynomials 0, 1, 2; the reconciliation bits 3. */
#define NONCE_S 0
#define NONCE_E 1
#define NONCE_E2 2
#define NONCE_REC 3

int hbox_newhope_keygen_derand(uint8_t senda[HBOX_NEWHOPE_SENDABYTES],
                               uint8_t sk[HBOX_NEWHOPE_SKBYTES],
                               const uint8_t coins[HBOX_NEWHOPE_KEYGEN_COINBYTES])
{
	const uint8_t *seed = coins, *noiseseed = coins + HB_NH_SEEDBYTES;
	hb_nh_poly s, t;

	/* t = a o NTT(s), sk = NTT(s) */
	hb_nh_getnoise(&s, noiseseed, NONCE_S);
	hb_nh_ntt(&s);
	hb_nh_uniform(&t, seed);
	hb_nh_pointwise(&t, &t, &s); /* a < q, as pointwise needs */
	hb_nh_tobytes(sk, &s);

	/* pk = t + NTT(e), e reusing s's storage */
	hb_nh_getnoise(&s, noiseseed, NONCE_E);
	hb_nh_ntt(&s);
	hb_nh_add(&t, &t, &s);
	hb_nh_tobytes(senda, &t);
	memcpy(senda + HB_NH_POLYBYTES, seed, HB_NH_SEEDBYTES);

	hbox_wipe(&s, sizeof s);
	hbox_wipe(&t, sizeof t);
	return 0;
}

int hbox_newhope_keygen(uint8_t senda[HBOX_NEWHOPE_SENDABYTES], uint8_t sk[HBOX_NEWHOPE_SKBYTES])
{
	uint8_t coins[HBOX_NEWHOPE_KEYGEN_COINBYTES];
	int rc = -1;

	if (hbox_randombytes(coins, sizeof coins) == 0)
		rc = hbox_newhope_keygen_derand(senda, sk, coins);
	hbox_wipe(coins, sizeof coins);
	if (rc != 0) {
		memset(senda, 0, HBOX_NEWHOPE_SENDABYTES);
		memset(sk, 0, HBOX_NEWHOPE_SKBYTES);
	}
	return rc;
}

int hbox_newhope_sharedb_derand(uint8_t key[HBOX_NEWHOPE_BYTES],
                                uint8_t sendb[HBOX_NEWHOPE_SENDBBYTES],
                                const uint8_t senda[HBOX_NEWHOPE_SENDABYTES],
                                const uint8_t coins[HBOX_NEWHOPE_SHAREDB_COINBYTES])
{
	uint8_t *hint = sendb + HB_NH_POLYBYTES;
	uint8_t rnd[32], bits[32], nonce[8] = {0};
	hb_nh_poly sp, v;

	/* senda is public: rejecting it early leaks nothing. */
	if (hb_nh_frombytes(&v, senda) != 0) {
		hbox_wipe(&v, sizeof v);
		memset(key, 0, HBOX_NEWHOPE_BYTES);
		memset(sendb, 0, HBOX_NEWHOPE_SENDBBYTES);
		return -1;
	}

	/* v = NTT^-1(pk o NTT(s')) + e'' */
	hb_nh_getnoise(&sp, coins, NONCE_S);
	hb_nh_ntt(&sp);
	hb_nh_pointwise(&v, &v, &sp); /* pk < 2^14 from frombytes */
	hb_nh_invntt(&v);
	hb_nh_addnoise(&v, coins, NONCE_E2);

	/* helprec's random bits: ChaCha20 with the nonce byte last (reference) */
	nonce[7] = NONCE_REC;
	hbox_chacha20(rnd, NULL, sizeof rnd, coins, nonce, 0);
	hb_nh_helprec(hint, &v, rnd);
	hb_nh_rec(bits, &v, hint);
	hbox_sha3_256(key, bits, sizeof bits);

	/* b' = a o NTT(s') + NTT(e'), reusing v's and then s''s storage */
	hb_nh_uniform(&v, senda + HB_NH_POLYBYTES);
	hb_nh_pointwise(&v, &v, &sp);
	hb_nh_getnoise(&sp, coins, NONCE_E);
	hb_nh_ntt(&sp);
	hb_nh_add(&v, &v, &sp);
	hb_nh_tobytes(sendb, &v);

	hbox_wipe(rnd, sizeof rnd);
	hbox_wipe(bits, sizeof bits);
	hbox_wipe(&sp, sizeof sp);
	hbox_wipe(&v, sizeof v);
	return 0;
}

int hbox_newhope_sharedb(uint8_t key[HBOX_NEWHOPE_BYTES], uint8_t sendb[HBOX_NEWHOPE_SENDBBYTES],
                         const uint8_t senda[HBOX_NEWHOPE_SENDABYTES])
{
	uint8_t coins[HBOX_NEWHOPE_SHAREDB_COINBYTES];
	int rc = -1;

	if (hbox_randombytes(coins, sizeof coins) == 0)
		rc = hbox_newhope_sharedb_derand(key, sendb, senda, coins);
	hbox_wipe(coins, sizeof coins);
	if (rc != 0) {
		memset(key, 0, HBOX_NEWHOPE_BYTES);
		memset(sendb, 0, HBOX_NEWHOPE_SENDBBYTES);
	}
	return rc;
}

int hbox_newhope_shareda(uint8_t key[HBOX_NEWHOPE_BYTES], const uint8_t sk[HBOX_NEWHOPE_SKBYTES],
                         const uint8_t sendb[HBOX_NEWHOPE_SENDBBYTES])
{
	uint8_t bits[32];
	hb_nh_poly v, b;
	uint32_t bad, ok;
	size_t i;

	/* The secret key's range check must not branch: run the whole
	 * computation on whatever was decoded and mask the result. */
	bad = hb_nh_frombytes(&v, sk);
	bad |= hb_nh_frombytes(&b, sendb);
	hb_nh_pointwise(&v, &v, &b);
	hb_nh_invntt(&v);
	hb_nh_rec(bits, &v, sendb + HB_NH_POLYBYTES);
	hbox_sha3_256(key, bits, sizeof bits);

	ok = bad - 1u; /* all ones when both decoded cleanly */
	HB_BARRIER32(ok);
	for (i = 0; i < HBOX_NEWHOPE_BYTES; i++)
		key[i] &= (uint8_t)ok;

	hbox_wipe(bits, sizeof bits);
	hbox_wipe(&v, sizeof v);
	hbox_wipe(&b, sizeof b);
	return -(int)bad;
}

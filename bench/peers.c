/*
 * peers.c - the same operations as hopebox's bench rows, run with the peer
 * libraries installed on this machine (libsodium, OpenSSL, Nettle), so every
 * ratio compares figures measured in the same run on the same inputs.
 *
 * Each peer row uses the row name of the hopebox row it competes with; the
 * harness pairs them by (name, bytes). A peer that lacks an operation simply
 * has no row. Only the benchmark links the peers; the library never does.
 */
#include <stdint.h>
#include <string.h>

#include "bench.h"

#if defined(__GNUC__)
#define HB_UNUSED_FN __attribute__((unused))
#else
#define HB_UNUSED_FN
#endif

#if defined(HB_HAVE_SODIUM)
#include <sodium.h>
#endif
#if defined(HB_HAVE_OPENSSL)
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#endif
#if defined(HB_HAVE_NETTLE)
#include <nettle/chacha-poly1305.h>
#include <nettle/curve25519.h>
#include <nettle/hkdf.h>
#include <nettle/hmac.h>
#include <nettle/pbkdf2.h>
#include <nettle/sha2.h>
#include <nettle/sha3.h>
#endif

static uint8_t in[16384 + 64], out[16384 + 64], tag[16];
static const uint8_t key[32] = {1, 2, 3};
static const uint8_t nonce[24] = {4, 5, 6};
static const uint8_t ad[16] = {7};
static uint8_t sk[32] = {9, 8, 7}, pk[32];

/* One peer operation: the hopebox row it competes with, per byte (at
 * bench_sizes[]) or per operation, and the function to time. */
struct peer_op {
	const char *row;
	int per_byte;
	bench_fn fn;
};

static HB_UNUSED_FN void run_ops(struct bench *b, const char *peer, const struct peer_op *ops, size_t n)
{
	size_t i, j;
	for (i = 0; i < n; i++) {
		if (!bench_want(b, ops[i].row))
			continue;
		if (!ops[i].per_byte)
			bench_peer_row(b, ops[i].row, 0, peer, bench_run(b, ops[i].fn, NULL, 0));
		else
			for (j = 0; j < 3; j++)
				bench_peer_row(b, ops[i].row, bench_sizes[j], peer,
				               bench_run(b, ops[i].fn, NULL, bench_sizes[j]));
	}
}

/* ------------------------------------------------------------ libsodium */
#if defined(HB_HAVE_SODIUM)
static uint8_t sealed[32 + 48];

static void na_x25519_base(void *c, size_t n)
{
	(void)c, (void)n;
	crypto_scalarmult_base(out, sk);
	bench_sink(out, 1);
}
static void na_x25519(void *c, size_t n)
{
	(void)c, (void)n;
	bench_sink(&(int){crypto_scalarmult(out, sk, pk)}, sizeof(int));
}
static void na_seal(void *c, size_t n)
{
	(void)c, (void)n;
	crypto_box_seal(out, in, 32, pk);
	bench_sink(out, 1);
}
static void na_seal_open(void *c, size_t n)
{
	(void)c, (void)n;
	bench_sink(&(int){crypto_box_seal_open(out, sealed, sizeof sealed, pk, sk)}, sizeof(int));
}
static void na_secretbox(void *c, size_t n)
{
	(void)c;
	crypto_secretbox_easy(out, in, n, nonce, key);
	bench_sink(out, 1);
}
static void na_chachapoly(void *c, size_t n)
{
	(void)c;
	crypto_aead_chacha20poly1305_ietf_encrypt_detached(out, tag, NULL, in, n, ad, sizeof ad,
	                                                   NULL, nonce, key);
	bench_sink(tag, 1);
}
static void na_xchachapoly(void *c, size_t n)
{
	(void)c;
	crypto_aead_xchacha20poly1305_ietf_encrypt_detached(out, tag, NULL, in, n, ad, sizeof ad,
	                                                    NULL, nonce, key);
	bench_sink(tag, 1);
}
static void na_chacha20_ietf(void *c, size_t n)
{
	(void)c;
	crypto_stream_chacha20_ietf_xor_ic(out, in, n, nonce, 1, key);
	bench_sink(out, 1);
}
static void na_chacha20(void *c, size_t n)
{
	(void)c;
	crypto_stream_chacha20_xor_ic(out, in, n, nonce, 0, key);
	bench_sink(out, 1);
}
static void na_xchacha20(void *c, size_t n)
{
	(void)c;
	crypto_stream_xchacha20_xor_ic(out, in, n, nonce, 0, key);
	bench_sink(out, 1);
}
static void na_xsalsa20(void *c, size_t n)
{
	(void)c;
	crypto_stream_xsalsa20_xor(out, in, n, nonce, key);
	bench_sink(out, 1);
}
static void na_poly1305(void *c, size_t n)
{
	(void)c;
	crypto_onetimeauth_poly1305(tag, in, n, key);
	bench_sink(tag, 1);
}
static void na_sha256(void *c, size_t n)
{
	(void)c;
	crypto_hash_sha256(out, in, n);
	bench_sink(out, 1);
}
static void na_hmac(void *c, size_t n)
{
	crypto_auth_hmacsha256_state st;
	(void)c, (void)n;
	crypto_auth_hmacsha256_init(&st, key, 32);
	crypto_auth_hmacsha256_update(&st, in, 64);
	crypto_auth_hmacsha256_final(&st, out);
	bench_sink(out, 1);
}
static void na_blake2b(void *c, size_t n)
{
	(void)c;
	crypto_generichash(out, n == 0 ? 24 : 64, in, n == 0 ? 64 : n, NULL, 0);
	bench_sink(out, 1);
}

static const struct peer_op sodium_ops[] = {
	{"x25519_base", 0, na_x25519_base},
	{"x25519", 0, na_x25519},
	{"box_seal", 0, na_seal},
	{"box_seal_open", 0, na_seal_open},
	{"secretbox", 1, na_secretbox},
	{"aead_chacha20poly1305", 1, na_chachapoly},
	{"aead_xchacha20poly1305", 1, na_xchachapoly},
	{"chacha20_ietf", 1, na_chacha20_ietf},
	{"chacha20", 1, na_chacha20},
	{"xchacha20", 1, na_xchacha20},
	{"xsalsa20", 1, na_xsalsa20},
	{"poly1305", 1, na_poly1305},
	{"sha256", 1, na_sha256},
	{"hmac_sha256_32B_key_64B", 0, na_hmac},
	{"blake2b_64B_to_24B", 0, na_blake2b},
	{"blake2b", 1, na_blake2b},
};

static void sodium_rows(struct bench *b)
{
	if (sodium_init() < 0)
		return;
	crypto_scalarmult_base(pk, sk);
	crypto_box_seal(sealed, in, 32, pk);
	run_ops(b, "libsodium", sodium_ops, sizeof sodium_ops / sizeof sodium_ops[0]);
}
#endif

/* -------------------------------------------------------------- OpenSSL */
#if defined(HB_HAVE_OPENSSL)
static EVP_PKEY *ossl_sk, *ossl_pk;

static void os_x25519_base(void *c, size_t n)
{
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, sk, 32);
	size_t len = 32;
	(void)c, (void)n;
	EVP_PKEY_get_raw_public_key(k, out, &len);
	EVP_PKEY_free(k);
	bench_sink(out, 1);
}
static void os_x25519(void *c, size_t n)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(ossl_sk, NULL);
	size_t len = 32;
	(void)c, (void)n;
	EVP_PKEY_derive_init(ctx);
	EVP_PKEY_derive_set_peer(ctx, ossl_pk);
	EVP_PKEY_derive(ctx, out, &len);
	EVP_PKEY_CTX_free(ctx);
	bench_sink(out, 1);
}
static void os_cipher(const EVP_CIPHER *cipher, const uint8_t *iv, size_t n, int aead)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int len;
	EVP_EncryptInit_ex(ctx, cipher, NULL, key, iv);
	if (aead)
		EVP_EncryptUpdate(ctx, NULL, &len, ad, sizeof ad);
	EVP_EncryptUpdate(ctx, out, &len, in, (int)n);
	EVP_EncryptFinal_ex(ctx, out + len, &len);
	if (aead)
		EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, tag);
	EVP_CIPHER_CTX_free(ctx);
	bench_sink(out, 1);
}
static void os_chachapoly(void *c, size_t n)
{
	(void)c;
	os_cipher(EVP_chacha20_poly1305(), nonce, n, 1);
}
static void os_chacha20_ietf(void *c, size_t n)
{
	/* OpenSSL's 16-byte IV: 32-bit counter (LE) then the 96-bit nonce. */
	uint8_t iv[16] = {1, 0, 0, 0};
	(void)c;
	memcpy(iv + 4, nonce, 12);
	os_cipher(EVP_chacha20(), iv, n, 0);
}
static void os_mac(const char *alg, const char *digest, size_t keylen, size_t n)
{
	EVP_MAC *mac = EVP_MAC_fetch(NULL, alg, NULL);
	EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
	OSSL_PARAM params[2] = {OSSL_PARAM_END, OSSL_PARAM_END};
	size_t len;
	if (digest != NULL)
		params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, (char *)digest, 0);
	EVP_MAC_init(ctx, key, keylen, params);
	EVP_MAC_update(ctx, in, n);
	EVP_MAC_final(ctx, out, &len, 64);
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	bench_sink(out, 1);
}
static void os_poly1305(void *c, size_t n)
{
	(void)c;
	os_mac("POLY1305", NULL, 32, n);
}
static void os_hmac(void *c, size_t n)
{
	(void)c, (void)n;
	os_mac("HMAC", "SHA256", 32, 64);
}
static void os_digest(const EVP_MD *md, size_t n, size_t outlen)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	unsigned len;
	EVP_DigestInit_ex(ctx, md, NULL);
	EVP_DigestUpdate(ctx, in, n);
	if (outlen > 0)
		EVP_DigestFinalXOF(ctx, out, outlen);
	else
		EVP_DigestFinal_ex(ctx, out, &len);
	EVP_MD_CTX_free(ctx);
	bench_sink(out, 1);
}
static void os_sha256(void *c, size_t n)
{
	(void)c;
	os_digest(EVP_sha256(), n, 0);
}
static void os_sha3_32(void *c, size_t n)
{
	(void)c, (void)n;
	os_digest(EVP_sha3_256(), 32, 0);
}
static void os_shake128_2688(void *c, size_t n)
{
	static uint8_t big[2688];
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	(void)c, (void)n;
	EVP_DigestInit_ex(ctx, EVP_shake128(), NULL);
	EVP_DigestUpdate(ctx, in, 32);
	EVP_DigestFinalXOF(ctx, big, sizeof big);
	EVP_MD_CTX_free(ctx);
	bench_sink(big, 1);
}
static void os_kdf(const char *alg, unsigned iterations)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, alg, NULL);
	EVP_KDF_CTX *ctx = EVP_KDF_CTX_new(kdf);
	OSSL_PARAM params[6], *p = params;
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, "SHA256", 0);
	if (iterations > 0) {
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, (void *)key, 16);
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)nonce, 16);
		*p++ = OSSL_PARAM_construct_uint(OSSL_KDF_PARAM_ITER, &iterations);
	} else {
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)key, 32);
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)nonce, 16);
		*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)ad, 16);
	}
	*p = OSSL_PARAM_construct_end();
	EVP_KDF_derive(ctx, out, iterations > 0 ? 32 : 64, params);
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	bench_sink(out, 1);
}
static void os_hkdf(void *c, size_t n)
{
	(void)c, (void)n;
	os_kdf("HKDF", 0);
}
static void os_pbkdf2(void *c, size_t n)
{
	(void)c, (void)n;
	os_kdf("PBKDF2", 1000);
}

static const struct peer_op openssl_ops[] = {
	{"x25519_base", 0, os_x25519_base},
	{"x25519", 0, os_x25519},
	{"aead_chacha20poly1305", 1, os_chachapoly},
	{"chacha20_ietf", 1, os_chacha20_ietf},
	{"poly1305", 1, os_poly1305},
	{"sha256", 1, os_sha256},
	{"hmac_sha256_32B_key_64B", 0, os_hmac},
	{"hkdf_sha256_to_64B", 0, os_hkdf},
	{"pbkdf2_sha256_1000it", 0, os_pbkdf2},
	{"sha3_256_32B", 0, os_sha3_32},
	{"shake128_32B_to_2688B", 0, os_shake128_2688},
};

static void openssl_rows(struct bench *b)
{
	uint8_t pub[32];
	size_t len = 32;
	ossl_sk = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, sk, 32);
	EVP_PKEY_get_raw_public_key(ossl_sk, pub, &len);
	ossl_pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, pub, 32);
	run_ops(b, "openssl", openssl_ops, sizeof openssl_ops / sizeof openssl_ops[0]);
	EVP_PKEY_free(ossl_sk);
	EVP_PKEY_free(ossl_pk);
}
#endif

/* --------------------------------------------------------------- Nettle */
#if defined(HB_HAVE_NETTLE)
static void ne_x25519_base(void *c, size_t n)
{
	(void)c, (void)n;
	curve25519_mul_g(out, sk);
	bench_sink(out, 1);
}
static void ne_x25519(void *c, size_t n)
{
	(void)c, (void)n;
	curve25519_mul(out, sk, pk);
	bench_sink(out, 1);
}
static void ne_chachapoly(void *c, size_t n)
{
	struct chacha_poly1305_ctx ctx;
	(void)c;
	chacha_poly1305_set_key(&ctx, key);
	chacha_poly1305_set_nonce(&ctx, nonce);
	chacha_poly1305_update(&ctx, sizeof ad, ad);
	chacha_poly1305_encrypt(&ctx, n, out, in);
	chacha_poly1305_digest(&ctx, 16, tag);
	bench_sink(tag, 1);
}
static void ne_sha256(void *c, size_t n)
{
	struct sha256_ctx ctx;
	(void)c;
	sha256_init(&ctx);
	sha256_update(&ctx, n, in);
	sha256_digest(&ctx, 32, out);
	bench_sink(out, 1);
}
static void ne_hmac(void *c, size_t n)
{
	struct hmac_sha256_ctx ctx;
	(void)c, (void)n;
	hmac_sha256_set_key(&ctx, 32, key);
	hmac_sha256_update(&ctx, 64, in);
	hmac_sha256_digest(&ctx, 32, out);
	bench_sink(out, 1);
}
static void ne_hkdf(void *c, size_t n)
{
	struct hmac_sha256_ctx ctx;
	uint8_t prk[32];
	(void)c, (void)n;
	hmac_sha256_set_key(&ctx, 16, nonce);
	hkdf_extract(&ctx, (nettle_hash_update_func *)hmac_sha256_update,
	             (nettle_hash_digest_func *)hmac_sha256_digest, 32, 32, key, prk);
	hmac_sha256_set_key(&ctx, 32, prk);
	hkdf_expand(&ctx, (nettle_hash_update_func *)hmac_sha256_update,
	            (nettle_hash_digest_func *)hmac_sha256_digest, 32, sizeof ad, ad, 64, out);
	bench_sink(out, 1);
}
static void ne_pbkdf2(void *c, size_t n)
{
	(void)c, (void)n;
	pbkdf2_hmac_sha256(16, key, 1000, 16, nonce, 32, out);
	bench_sink(out, 1);
}
static void ne_sha3_32(void *c, size_t n)
{
	struct sha3_256_ctx ctx;
	(void)c, (void)n;
	sha3_256_init(&ctx);
	sha3_256_update(&ctx, 32, in);
	sha3_256_digest(&ctx, 32, out);
	bench_sink(out, 1);
}

static const struct peer_op nettle_ops[] = {
	{"x25519_base", 0, ne_x25519_base},
	{"x25519", 0, ne_x25519},
	{"aead_chacha20poly1305", 1, ne_chachapoly},
	{"sha256", 1, ne_sha256},
	{"hmac_sha256_32B_key_64B", 0, ne_hmac},
	{"hkdf_sha256_to_64B", 0, ne_hkdf},
	{"pbkdf2_sha256_1000it", 0, ne_pbkdf2},
	{"sha3_256_32B", 0, ne_sha3_32},
};

static void nettle_rows(struct bench *b)
{
	curve25519_mul_g(pk, sk);
	run_ops(b, "nettle", nettle_ops, sizeof nettle_ops / sizeof nettle_ops[0]);
}
#endif

void bench_peers(struct bench *b)
{
	memset(in, 0x5a, sizeof in);
#if defined(HB_HAVE_SODIUM)
	sodium_rows(b);
#endif
#if defined(HB_HAVE_OPENSSL)
	openssl_rows(b);
#endif
#if defined(HB_HAVE_NETTLE)
	nettle_rows(b);
#endif
	(void)b;
}

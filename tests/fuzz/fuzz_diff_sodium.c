/*
 * fuzz_diff_sodium.c - differential target: hopebox and libsodium on the
 * same inputs must agree byte for byte (and on every verdict). The first
 * byte (mod 9) picks the function; fixed-size fields (keys, nonces, lengths)
 * are taken from the front of the rest (zero-filled when it runs out), the
 * remainder is the message:
 *   0 crypto_generichash        outlen byte (1..64), keylen byte (0..64), key
 *   1 crypto_hash_sha256
 *   2 crypto_auth_hmacsha256    key (32)
 *   3 crypto_onetimeauth_poly1305  key (32)
 *   4 crypto_stream_chacha20_ietf_xor_ic  key, nonce (12), counter (4, LE;
 *                               lowered so the counter does not wrap)
 *   5 crypto_stream_xsalsa20_xor key, nonce (24)
 *   6 crypto_secretbox_easy / _open_easy  key, nonce (24); the message is
 *                               both sealed and opened as a box
 *   7 crypto_aead_chacha20poly1305_ietf_{en,de}crypt_detached  key,
 *                               nonce (12), tag (16), adlen byte, ad; the
 *                               message is encrypted, and decrypted under tag
 *   8 crypto_scalarmult          sk (32), pk (32): output and all-zero verdict
 * Linked with libsodium: CTest builds it only when pkg-config finds it.
 */
#include <sodium.h>

#include "fuzz_proto.h"

#define NSEL 9

/* Take len bytes from the input into dst, zero-filling past its end. */
static void take(const uint8_t **p, size_t *n, uint8_t *dst, size_t len)
{
	size_t k = *n < len ? *n : len;
	memcpy(dst, *p, k);
	memset(dst + k, 0, len - k);
	*p += k;
	*n -= k;
}

/* An exact-size heap buffer (ASan bounds), never NULL. */
static uint8_t *buf(size_t n)
{
	uint8_t *b = malloc(n > 0 ? n : 1);
	FZ_ASSERT(b != NULL);
	return b;
}

static void diff_hashes(unsigned sel, const uint8_t *p, size_t n)
{
	uint8_t a[64], b[64], key[64], lens[2];
	size_t outlen = 32, keylen = 0;
	const uint8_t *msg;
	if (sel == 0) {
		take(&p, &n, lens, 2);
		outlen = 1 + lens[0] % 64u;
		keylen = lens[1] % 65u;
	} else if (sel >= 2) {
		keylen = 32;
	}
	take(&p, &n, key, keylen);
	msg = n > 0 ? p : NULL;
	switch (sel) {
	case 0:
		FZ_ASSERT(hbox_blake2b(a, outlen, keylen ? key : NULL, keylen, msg, n) == 0);
		FZ_ASSERT(crypto_generichash(b, outlen, msg, n, keylen ? key : NULL, keylen) == 0);
		break;
	case 1:
		hbox_sha256(a, msg, n);
		crypto_hash_sha256(b, msg, n);
		break;
	case 2:
		hbox_hmac_sha256(a, key, 32, msg, n);
		crypto_auth_hmacsha256(b, msg, n, key);
		break;
	default:
		outlen = 16;
		hbox_poly1305(a, msg, n, key);
		crypto_onetimeauth_poly1305(b, msg, n, key);
		FZ_ASSERT((hbox_poly1305_verify(b, msg, n, key) == 0) ==
		          (crypto_onetimeauth_poly1305_verify(a, msg, n, key) == 0));
		break;
	}
	FZ_ASSERT(memcmp(a, b, outlen) == 0);
}

static void diff_streams(unsigned sel, const uint8_t *p, size_t n)
{
	uint8_t key[32], nonce[24], ctr[4], *in, *a, *b;
	take(&p, &n, key, 32);
	take(&p, &n, nonce, sel == 4 ? 12 : 24);
	if (sel == 4)
		take(&p, &n, ctr, 4);
	in = buf(n);
	a = buf(n);
	b = buf(n);
	memcpy(in, p, n);
	if (sel == 4) {
		uint64_t blocks = ((uint64_t)n + 63) / 64;
		uint64_t ic = ctr[0] | (uint32_t)ctr[1] << 8 | (uint32_t)ctr[2] << 16 |
		              (uint32_t)ctr[3] << 24;
		if (ic + blocks > 0x100000000ull) /* libsodium aborts on a wrap */
			ic = 0x100000000ull - blocks;
		hbox_chacha20_ietf(a, in, n, key, nonce, (uint32_t)ic);
		crypto_stream_chacha20_ietf_xor_ic(b, in, n, nonce, (uint32_t)ic, key);
	} else {
		hbox_xsalsa20(a, in, n, key, nonce);
		crypto_stream_xsalsa20_xor(b, in, n, nonce, key);
	}
	FZ_ASSERT(memcmp(a, b, n) == 0);
	free(in);
	free(a);
	free(b);
}

static void diff_secretbox(const uint8_t *p, size_t n)
{
	uint8_t key[32], nonce[24], *in, *a, *b;
	int ra, rb;
	take(&p, &n, key, 32);
	take(&p, &n, nonce, 24);
	in = buf(n);
	memcpy(in, p, n);
	a = buf(n + 16);
	b = buf(n + 16);
	hbox_secretbox(a, in, n, nonce, key);
	FZ_ASSERT(crypto_secretbox_easy(b, in, n, nonce, key) == 0);
	FZ_ASSERT(memcmp(a, b, n + 16) == 0);
	/* the sealed box opens under both */
	FZ_ASSERT(hbox_secretbox_open(b, a, n + 16, nonce, key) == 0 && memcmp(b, in, n) == 0);
	FZ_ASSERT(crypto_secretbox_open_easy(b, a, n + 16, nonce, key) == 0);
	FZ_ASSERT(memcmp(b, in, n) == 0);
	/* the message itself as a box: same verdict, same plaintext */
	if (n >= 16) {
		ra = hbox_secretbox_open(a, in, n, nonce, key);
		rb = crypto_secretbox_open_easy(b, in, n, nonce, key);
		FZ_ASSERT(ra == rb);
		FZ_ASSERT(ra != 0 || memcmp(a, b, n - 16) == 0);
	}
	free(in);
	free(a);
	free(b);
}

static void diff_aead(const uint8_t *p, size_t n)
{
	uint8_t key[32], nonce[12], tag[16], ta[16], tb[16], adlen, *ad, *in, *a, *b;
	unsigned long long tlen;
	int ra, rb;
	take(&p, &n, key, 32);
	take(&p, &n, nonce, 12);
	take(&p, &n, tag, 16);
	take(&p, &n, &adlen, 1);
	ad = buf(adlen);
	take(&p, &n, ad, adlen);
	in = buf(n);
	memcpy(in, p, n);
	a = buf(n);
	b = buf(n);
	hbox_aead_chacha20poly1305_encrypt(a, ta, in, n, ad, adlen, nonce, key);
	FZ_ASSERT(crypto_aead_chacha20poly1305_ietf_encrypt_detached(b, tb, &tlen, in, n, ad, adlen,
	                                                             NULL, nonce, key) == 0);
	FZ_ASSERT(tlen == 16 && memcmp(a, b, n) == 0 && memcmp(ta, tb, 16) == 0);
	ra = hbox_aead_chacha20poly1305_decrypt(a, in, n, tag, ad, adlen, nonce, key);
	rb = crypto_aead_chacha20poly1305_ietf_decrypt_detached(b, NULL, in, n, tag, ad, adlen,
	                                                        nonce, key);
	FZ_ASSERT(ra == rb);
	FZ_ASSERT(ra != 0 || memcmp(a, b, n) == 0);
	free(ad);
	free(in);
	free(a);
	free(b);
}

static void diff_x25519(const uint8_t *p, size_t n)
{
	uint8_t sk[32], pk[32], a[32], b[32];
	int ra, rb;
	take(&p, &n, sk, 32);
	take(&p, &n, pk, 32);
	ra = hbox_x25519(a, sk, pk);
	rb = crypto_scalarmult(b, sk, pk);
	FZ_ASSERT(ra == rb);
	FZ_ASSERT(ra != 0 || memcmp(a, b, 32) == 0);
	FZ_ASSERT(ra == 0 || fz_zero(a, 32));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	unsigned sel;
	if (!ready) {
		FZ_ASSERT(sodium_init() >= 0);
		ready = 1;
	}
	if (size < 1)
		return 0;
	sel = data[0] % NSEL;
	if (sel <= 3)
		diff_hashes(sel, data + 1, size - 1);
	else if (sel <= 5)
		diff_streams(sel, data + 1, size - 1);
	else if (sel == 6)
		diff_secretbox(data + 1, size - 1);
	else if (sel == 7)
		diff_aead(data + 1, size - 1);
	else
		diff_x25519(data + 1, size - 1);
	return 0;
}

#ifdef FUZZ_WRITE_SEEDS
int main(int argc, char **argv)
{
	uint8_t in[200];
	unsigned sel;
	if (argc != 2)
		return 2;
	fz_dir = argv[1];
	for (sel = 0; sel < NSEL; sel++) {
		fz_rng(in, sizeof in);
		fz_seed((uint8_t)sel, in, 1 + 23 * sel);
	}
	for (sel = 0; sel < NSEL; sel++)
		fz_seeds_for((uint8_t)sel, in, sizeof in);
	/* chacha20: counter 0xffffffff (lowered to the last blocks) */
	memset(in + 32 + 12, 0xff, 4);
	fz_seed(4, in, sizeof in);
	/* X25519 with a small-order point (0) and with u = 1 */
	memset(in, 0, 64);
	in[0] = 1;
	fz_seed(8, in, 64);
	in[32] = 1;
	fz_seed(8, in, 64);
	return 0;
}
#endif

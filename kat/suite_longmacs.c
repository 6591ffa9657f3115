/*
 * suite_longmacs.c - long-message known answers for Poly1305,
 * ChaCha20-Poly1305, XChaCha20-Poly1305 and secretbox, at lengths that
 * straddle the SIMD Poly1305 thresholds (runs of 24 and 32 blocks), the
 * kernels' 16-block groups and the AEADs' first 448-byte keystream batch,
 * up to 64 KiB.
 *
 * Expected values computed by libsodium 1.0.18 (and, for Poly1305, also by
 * Python integers) with tests/tools/gen_long_mac_vectors.py; inputs are
 * patterns (byte i of an n-byte input is (i k + (i >> 8) + c) mod 256), so
 * no vector file is needed.
 *
 *   poly1305-long-libsodium       one-shot, incremental in uneven pieces,
 *                                 verify; cases with key and message all
 *                                 0xff (r at its clamped maximum)
 *   aead-*-long-libsodium         SHA-256(ciphertext || tag); decryption,
 *                                 in place too; a flipped tag is rejected
 *                                 with the output zeroed
 *   secretbox-long-libsodium      SHA-256(box); opening; a flipped box byte
 *                                 is rejected with the output zeroed
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aead.h"
#include "kat.h"
#include "poly1305.h"
#include "secretbox.h"
#include "sha256.h"

struct poly_case {
	size_t len;
	unsigned kk, mk; /* key and message patterns; 0: all 0xff */
	const char *tag;
};

struct hash_case {
	size_t len;
	const char *sha256;
};

static const struct poly_case poly_cases[] = {
	{0, 3, 1, "303336393c3f4245484b4e5154575a5d"},
	{15, 5, 5, "4103d02fde33d2a4b24e6e63801263fd"},
	{256, 7, 9, "10e8b65361cff5a7e1d54dc77f80bb99"},
	{383, 0, 0, "d5a5bc61c360715933f9b4808ce8db76"},
	{384, 11, 17, "3d887f7c2be6c303f6a5870ab39deadd"},
	{400, 13, 21, "f7ed20c58eadafe7b3395a36c7b5cadf"},
	{511, 15, 25, "747a0f2a4f0c7b97bc745ba948ddec90"},
	{512, 0, 0, "9e88d43de1910a5d696035588fbe6e1a"},
	{1000, 19, 33, "32c224dd12fae91e44208a6b78e05bd8"},
	{4096, 21, 37, "1756b58b6bb928a1615523a3dcfb5ebb"},
	{16383, 23, 41, "7f60b2e49b4b4d775c4aa1c98b2312d9"},
	{16384, 0, 0, "f1197116b8a9c20738b48e6ba2e6f2fe"},
	{65541, 27, 49, "69f5e76471591ee0ce0ecd9f58dc39be"},
};

static const struct hash_case ietf_cases[] = {
	{0, "34c38ef85afb51d64e056c1aafdecf7e7a7fb8fc762567f0f8a485addeff73a6"},
	{63, "42e4d8087b940ac8d75f0a65cea8ce289bc7e9e03229b3b09aaf9c333c18c391"},
	{448, "7aac7a056f784af22b4fdeb0ad28bd74956b9a7281d4593a2da80591277d5e73"},
	{449, "9498d13d5ed44746454a8fda2c663f9dd573caa4f3c0b06df6d3cf23cf2d9062"},
	{511, "ed43839550923230b8bb2bce20f34736fe4e675d863e1620a2ddd9ef39e7df85"},
	{512, "e2ee8dc700fd030bc7b454239bb5ba978bae4bdd4fb063f12f5071aba236b263"},
	{1000, "b4561cde9a6d579e7a58ad6a22a4e1f2bbc98a6ad92b83b6c78ddf18477c74c3"},
	{4096, "6a547203188250f7c35ed7f60ba7b5a144d7d9e561bfccd3c62c3524c5311e56"},
	{16387, "3399e225ed4029dd5e327e0f878b2b6f1a8b25668ecb5130f5a46aad522d93e6"},
	{65553, "fbb9c67b8a99b083a5a9e4c94428662f37be997c9e702435d711fb8eda4fed75"},
};

static const struct hash_case xchacha_cases[] = {
	{0, "0e7cde25543d2800c8fd10a17572e82505bf27a5446cbb75e0889ffc388392b8"},
	{63, "a30b68e73d67831e1a334b8c64af8c9fb19647281e7b5b88df84715e4ae89bd7"},
	{448, "b5bea8d98ccd64993cff1527a5f6e007191a35c5cc7baf0bba1e096c2d4fde1e"},
	{449, "b6834a9a459d74eb960c34ea70980563b6a4755fab4fad616e6074a72ee6da30"},
	{511, "ee7b42a8feb5e80577ae9a776a5babe9cbaf9420f8160d2a3aa8578c1cc82038"},
	{512, "79e4417322c8b76fc36c7da271ce144936e60d4cde89047eb9379091722c4c18"},
	{1000, "3085ad8e97ad10f3edee3828b991f255b5e4bf744cc90fdb239d2d0b8b3b451d"},
	{4096, "4f262ddd5d2258b7a1c2528522c99231a8188c0533b6af466792a9e20dea9508"},
	{16387, "48c905870fa05495685bce9bf8b9239a0d001ff31254ac8616d15f73d7009206"},
	{65553, "0e2502aa8491d1348932ed2aca179083ff53bc3961538e5fe4a448f43f1a6c2c"},
};

static const struct hash_case secretbox_cases[] = {
	{0, "4f8437b26b8237db89c2305461c3d38c9f1268829f2a6a24dd362304a6ad58a3"},
	{63, "7697c0e1137e5db80b7081a7b58e4783c316dfefd1b8eaf7397dba730bc289ba"},
	{448, "0130921280cbf1dd6d7fd957f4794763ebf3f65474d54c9c231637297e47fe2f"},
	{449, "0b525c66ddaefc9d2f15f044ebba004153c71318ff3b61f5b72f11abf5a3c0e8"},
	{511, "720e80ac24fcb90491c9f0b35a3d61448b089f048916273e77d775117108e0fa"},
	{512, "241b70af5e6f461f59ba6daddeb4be66cc47ffa985a2c1d894bbfedd07ef4f78"},
	{1000, "da0b4a5add3cc8f90925582d6be0ca15f0de26a6811b71e40eba1d9ac7d7e7f2"},
	{4096, "2dd8ec93657d544cbb55815104659b9ef29d0b1f8ffbd3f62a5306fc88b5b35c"},
	{16387, "9faedc257dcd76b34bbe7d6cb0e0af96fcbbf984662d35d6555f19866ca932c5"},
	{65553, "860665e61876197b2fc9e41740d0148f8e99b12fa43a2c6a78a6c19115acf589"},
};

#define NCASES(a) (sizeof(a) / sizeof((a)[0]))

/* p[0..n) = (i k + (i >> 8) + c) mod 256. */
static void pattern(uint8_t *p, size_t n, unsigned k, unsigned c)
{
	size_t i;
	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(i * k + (i >> 8) + c);
}

/* malloc that exits on failure (vectors up to 64 KiB). */
static uint8_t *alloc(size_t n)
{
	uint8_t *p = malloc(n > 0 ? n : 1);
	if (p == NULL) {
		fprintf(stderr, "kat: out of memory\n");
		exit(1);
	}
	return p;
}

static int hex_is(const uint8_t *got, size_t n, const char *hex)
{
	size_t len;
	uint8_t *want = kat_hex(hex, &len);
	int ok = len == n && memcmp(got, want, n) == 0;
	free(want);
	return ok;
}

static int zero(const uint8_t *p, size_t n)
{
	uint8_t d = 0;
	size_t i;
	for (i = 0; i < n; i++)
		d |= p[i];
	return d == 0;
}

static int poly_ok(const struct poly_case *c, unsigned t)
{
	uint8_t key[32], tag[16], *msg = alloc(c->len);
	hbox_poly1305_ctx ctx;
	size_t i, n;
	int ok;

	if (c->kk == 0) {
		memset(key, 0xff, sizeof key);
		memset(msg, 0xff, c->len);
	} else {
		pattern(key, sizeof key, c->kk, t);
		pattern(msg, c->len, c->mk, 7 * t);
	}
	hbox_poly1305(tag, msg, c->len, key);
	ok = hex_is(tag, 16, c->tag);
	/* pieces of 1 + (37 j mod 700) bytes: runs start and end off block edges */
	hbox_poly1305_init(&ctx, key);
	for (i = 0, n = 1; i < c->len; i += n, n = 1 + (n * 37) % 700) {
		if (n > c->len - i)
			n = c->len - i;
		hbox_poly1305_update(&ctx, msg + i, n);
	}
	hbox_poly1305_final(&ctx, tag);
	ok = ok && hex_is(tag, 16, c->tag);
	ok = ok && hbox_poly1305_verify(tag, msg, c->len, key) == 0;
	free(msg);
	return ok;
}

typedef void (*seal_fn)(uint8_t *ct, uint8_t *tag, const uint8_t *pt, size_t len,
                        const uint8_t *ad, size_t adlen, const uint8_t *nonce,
                        const uint8_t *key);
typedef int (*open_fn)(uint8_t *pt, const uint8_t *ct, size_t len, const uint8_t *tag,
                       const uint8_t *ad, size_t adlen, const uint8_t *nonce,
                       const uint8_t *key);

static int aead_ok(const struct hash_case *c, unsigned t, size_t nonce_len, seal_fn seal,
                   open_fn open)
{
	uint8_t key[32], nonce[24], ad[32], digest[32], *pt = alloc(c->len);
	uint8_t *buf = alloc(c->len + 16), *out = alloc(c->len);
	const size_t adlen = t + 9;
	int ok;

	pattern(key, sizeof key, 5, t);
	pattern(nonce, nonce_len, 3, 11 * t);
	pattern(ad, adlen, 7, 1);
	pattern(pt, c->len, 13, t);
	seal(buf, buf + c->len, pt, c->len, ad, adlen, nonce, key);
	hbox_sha256(digest, buf, c->len + 16);
	ok = hex_is(digest, 32, c->sha256);
	ok = ok && open(out, buf, c->len, buf + c->len, ad, adlen, nonce, key) == 0 &&
	     memcmp(out, pt, c->len) == 0;
	/* in place */
	memcpy(out, pt, c->len);
	seal(out, digest, out, c->len, ad, adlen, nonce, key);
	ok = ok && memcmp(out, buf, c->len) == 0 && memcmp(digest, buf + c->len, 16) == 0;
	ok = ok && open(out, out, c->len, buf + c->len, ad, adlen, nonce, key) == 0 &&
	     memcmp(out, pt, c->len) == 0;
	/* forged */
	buf[c->len + 15] ^= 0x01;
	memset(out, 0xa5, c->len);
	ok = ok && open(out, buf, c->len, buf + c->len, ad, adlen, nonce, key) == -1 &&
	     zero(out, c->len);
	free(pt);
	free(buf);
	free(out);
	return ok;
}

static int secretbox_ok(const struct hash_case *c, unsigned t)
{
	uint8_t key[32], nonce[24], digest[32], *m = alloc(c->len);
	uint8_t *box = alloc(c->len + 16), *out = alloc(c->len);
	int ok;

	pattern(key, sizeof key, 5, t);
	pattern(nonce, sizeof nonce, 3, 11 * t);
	pattern(m, c->len, 13, t);
	hbox_secretbox(box, m, c->len, nonce, key);
	hbox_sha256(digest, box, c->len + 16);
	ok = hex_is(digest, 32, c->sha256);
	ok = ok && hbox_secretbox_open(out, box, c->len + 16, nonce, key) == 0 &&
	     memcmp(out, m, c->len) == 0;
	box[c->len + 15] ^= 0x01; /* last ciphertext byte, or the tag when empty */
	memset(out, 0xa5, c->len);
	ok = ok && hbox_secretbox_open(out, box, c->len + 16, nonce, key) == -1 &&
	     zero(out, c->len);
	free(m);
	free(box);
	free(out);
	return ok;
}

/* "len=N" in a static buffer. */
static const char *case_id(size_t len)
{
	static char id[32];
	snprintf(id, sizeof id, "len=%lu", (unsigned long)len);
	return id;
}

void kat_longmacs(struct kat *k)
{
	unsigned t;

	if (kat_begin(k, "poly1305-long-libsodium")) {
		for (t = 0; t < NCASES(poly_cases); t++)
			kat_check(k, poly_ok(&poly_cases[t], t), case_id(poly_cases[t].len));
		kat_end(k);
	}
	if (kat_begin(k, "aead-chacha20poly1305-long-libsodium")) {
		for (t = 0; t < NCASES(ietf_cases); t++)
			kat_check(k,
			          aead_ok(&ietf_cases[t], t, 12, hbox_aead_chacha20poly1305_encrypt,
			                  hbox_aead_chacha20poly1305_decrypt),
			          case_id(ietf_cases[t].len));
		kat_end(k);
	}
	if (kat_begin(k, "aead-xchacha20poly1305-long-libsodium")) {
		for (t = 0; t < NCASES(xchacha_cases); t++)
			kat_check(k,
			          aead_ok(&xchacha_cases[t], t, 24, hbox_aead_xchacha20poly1305_encrypt,
			                  hbox_aead_xchacha20poly1305_decrypt),
			          case_id(xchacha_cases[t].len));
		kat_end(k);
	}
	if (kat_begin(k, "secretbox-long-libsodium")) {
		for (t = 0; t < NCASES(secretbox_cases); t++)
			kat_check(k, secretbox_ok(&secretbox_cases[t], t),
			          case_id(secretbox_cases[t].len));
		kat_end(k);
	}
}

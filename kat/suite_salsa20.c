/*
 * suite_salsa20.c - known answers for HSalsa20, Salsa20 and XSalsa20, from
 * rfc/nacl_xsalsa20_poly1305_box.txt (the NaCl test data):
 *
 *   hsalsa20                  HSalsa20(key, in); const is always "expand 32-byte k"
 *   xsalsa20_stream           first 63 keystream bytes
 *   secretbox                 only the stream part: ciphertext after the
 *                             16-byte tag = msg XOR XSalsa20 keystream from
 *                             byte 32, computed with the recipe documented
 *                             in salsa20.h (the tag belongs to the
 *                             secretbox suite)
 *   salsa20_stream_sha256, xsalsa20_stream_sha256
 *                             SHA-256 of 4 MiB of keystream (tens of ms
 *                             in all): Salsa20 generated in 4 KiB pieces with
 *                             the counter argument advanced, XSalsa20 in one
 *                             call
 *
 * The X25519, box, Poly1305 types belong to other suites.
 */
#include <stdlib.h>
#include <string.h>

#include "kat.h"
#include "salsa20.h"
#include "sha256.h"

/* 1 when the block's comment starts with "type: <type>" followed by the end
 * of the string, a space or a semicolon. */
static int type_is(const struct kv_file *kv, const char *type)
{
	const char *c = kv_get(kv, "comment");
	size_t n = strlen(type);
	if (c == NULL || strncmp(c, "type: ", 6) != 0 || strncmp(c + 6, type, n) != 0)
		return 0;
	return c[6 + n] == '\0' || c[6 + n] == ' ' || c[6 + n] == ';';
}

static const uint8_t sigma[16] = "expand 32-byte k";

static int hsalsa_ok(const struct kv_file *kv)
{
	size_t klen, ilen, clen, olen;
	uint8_t *key = kv_bytes(kv, "key", &klen);
	uint8_t *in = kv_bytes(kv, "in", &ilen);
	uint8_t *c = kv_bytes(kv, "const", &clen);
	uint8_t *want = kv_bytes(kv, "out", &olen);
	uint8_t got[32];
	int ok = key != NULL && klen == 32 && in != NULL && ilen == 16 && c != NULL && clen == 16 &&
	         memcmp(c, sigma, 16) == 0 && want != NULL && olen == 32;
	if (ok) {
		hbox_hsalsa20(got, key, in);
		ok = memcmp(got, want, 32) == 0;
		hbox_hsalsa20(key, key, in); /* out may equal key */
		ok = ok && memcmp(key, want, 32) == 0;
	}
	free(key);
	free(in);
	free(c);
	free(want);
	return ok;
}

static int xsalsa_prefix_ok(const struct kv_file *kv)
{
	size_t klen, nlen, slen;
	uint8_t *key = kv_bytes(kv, "key", &klen);
	uint8_t *nonce = kv_bytes(kv, "nonce", &nlen);
	uint8_t *want = kv_bytes(kv, "keystream", &slen);
	uint8_t got[256];
	int ok = key != NULL && klen == 32 && nonce != NULL && nlen == 24 && want != NULL &&
	         slen <= sizeof got;
	if (ok) {
		hbox_xsalsa20(got, NULL, slen, key, nonce);
		ok = memcmp(got, want, slen) == 0;
	}
	free(key);
	free(nonce);
	free(want);
	return ok;
}

/* The secretbox body via HSalsa20 once + Salsa20 block 0 + Salsa20 from
 * block 1, checked also against plain hbox_xsalsa20 over 32 zeros || msg. */
static int secretbox_body_ok(const struct kv_file *kv)
{
	size_t klen, nlen, mlen, clen, i;
	uint8_t *key = kv_bytes(kv, "key", &klen);
	uint8_t *nonce = kv_bytes(kv, "nonce", &nlen);
	uint8_t *m = kv_bytes(kv, "msg", &mlen);
	uint8_t *c = kv_bytes(kv, "ciphertext", &clen);
	uint8_t *got = malloc(mlen + 32), subkey[32], block0[64];
	int ok = key != NULL && klen == 32 && nonce != NULL && nlen == 24 && m != NULL &&
	         c != NULL && clen == mlen + 16 && got != NULL && mlen > 32;
	if (ok) {
		hbox_hsalsa20(subkey, key, nonce);
		hbox_salsa20(block0, NULL, 64, subkey, nonce + 16, 0);
		for (i = 0; i < 32; i++)
			got[i] = (uint8_t)(m[i] ^ block0[32 + i]);
		hbox_salsa20(got + 32, m + 32, mlen - 32, subkey, nonce + 16, 1);
		ok = memcmp(got, c + 16, mlen) == 0;

		memset(got, 0, 32);
		memcpy(got + 32, m, mlen);
		hbox_xsalsa20(got, got, mlen + 32, key, nonce);
		ok = ok && memcmp(got + 32, c + 16, mlen) == 0 && memcmp(got, block0, 32) == 0;
	}
	free(key);
	free(nonce);
	free(m);
	free(c);
	free(got);
	return ok;
}

/* SHA-256 of outlen bytes of Salsa20 (x == 0) or XSalsa20 (x == 1). */
static int stream_sha256_ok(const struct kv_file *kv, int x)
{
	enum { PIECE = 4096 };
	size_t klen, nlen, hlen, off;
	uint8_t *key = kv_bytes(kv, "key", &klen);
	uint8_t *nonce = kv_bytes(kv, "nonce", &nlen);
	uint8_t *want = kv_bytes(kv, "sha256", &hlen);
	long outlen = kv_long(kv, "outlen");
	uint8_t *buf = NULL, got[32];
	int ok = key != NULL && klen == 32 && nonce != NULL && nlen == (x ? 24u : 8u) &&
	         want != NULL && hlen == 32 && outlen > 0;
	if (ok)
		buf = malloc(x ? (size_t)outlen : PIECE);
	ok = ok && buf != NULL;
	if (ok && x) {
		hbox_xsalsa20(buf, NULL, (size_t)outlen, key, nonce);
		hbox_sha256(got, buf, (size_t)outlen);
	} else if (ok) {
		hbox_sha256_ctx c;
		hbox_sha256_init(&c);
		for (off = 0; off < (size_t)outlen; off += PIECE) {
			size_t n = (size_t)outlen - off < PIECE ? (size_t)outlen - off : PIECE;
			hbox_salsa20(buf, NULL, n, key, nonce, off / 64);
			hbox_sha256_update(&c, buf, n);
		}
		hbox_sha256_final(&c, got);
	}
	ok = ok && memcmp(got, want, 32) == 0;
	free(key);
	free(nonce);
	free(want);
	free(buf);
	return ok;
}

static int salsa_sha256_ok(const struct kv_file *kv)
{
	return stream_sha256_ok(kv, 0);
}

static int xsalsa_sha256_ok(const struct kv_file *kv)
{
	return stream_sha256_ok(kv, 1);
}

static void run_nacl(struct kat *k, const char *group, const char *type,
                     int (*check)(const struct kv_file *))
{
	const char *rel = "rfc/nacl_xsalsa20_poly1305_box.txt";
	struct kv_file kv;
	if (!kat_begin(k, group))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv))
		if (type_is(&kv, type))
			kat_check(k, check(&kv), kv_get(&kv, "id"));
	kv_close(&kv);
	kat_end(k);
}

void kat_salsa20(struct kat *k)
{
	run_nacl(k, "hsalsa20-nacl", "hsalsa20", hsalsa_ok);
	run_nacl(k, "xsalsa20-nacl", "xsalsa20_stream", xsalsa_prefix_ok);
	run_nacl(k, "xsalsa20-nacl-secretbox-stream", "secretbox", secretbox_body_ok);
	run_nacl(k, "salsa20-nacl-4mib-sha256", "salsa20_stream_sha256", salsa_sha256_ok);
	run_nacl(k, "xsalsa20-nacl-4mib-sha256", "xsalsa20_stream_sha256", xsalsa_sha256_ok);
}

/*
 * suite_secretbox.c - known answers for NaCl secretbox (XSalsa20-Poly1305).
 *
 *   rfc/nacl_xsalsa20_poly1305_box.txt   type secretbox (NaCl / libsodium
 *       secretbox test data; ciphertext = tag || encrypted message):
 *       group secretbox-nacl
 *
 * The vector is sealed and opened out of place and in place (m == c, the
 * libsodium in-place convention), every truncation of the box is rejected,
 * and a box with any single bit flipped (tag or ciphertext) is rejected with
 * the output zeroed.
 */
#include <stdlib.h>
#include <string.h>

#include "kat.h"
#include "secretbox.h"

static int is_secretbox(const struct kv_file *kv)
{
	const char *c = kv_get(kv, "comment");
	return c != NULL && strncmp(c, "type: secretbox;", 16) == 0;
}

static int zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;
	while (n-- > 0)
		acc |= *p++;
	return acc == 0;
}

static int secretbox_ok(const struct kv_file *kv)
{
	size_t klen, nlen, mlen, clen, i;
	uint8_t *key = kv_bytes(kv, "key", &klen);
	uint8_t *nonce = kv_bytes(kv, "nonce", &nlen);
	uint8_t *msg = kv_bytes(kv, "msg", &mlen);
	uint8_t *want = kv_bytes(kv, "ciphertext", &clen);
	uint8_t *buf = malloc(clen + 1), *m = malloc(clen + 1);
	int ok = key != NULL && klen == 32 && nonce != NULL && nlen == 24 && msg != NULL &&
	         want != NULL && clen == mlen + 16 && buf != NULL && m != NULL;

	if (ok) {
		hbox_secretbox(buf, msg, mlen, nonce, key);
		ok = memcmp(buf, want, clen) == 0;
		ok = ok && hbox_secretbox_open(m, want, clen, nonce, key) == 0;
		ok = ok && memcmp(m, msg, mlen) == 0;
		/* in place: plaintext at the start of the box buffer */
		memcpy(buf, msg, mlen);
		hbox_secretbox(buf, buf, mlen, nonce, key);
		ok = ok && memcmp(buf, want, clen) == 0;
		ok = ok && hbox_secretbox_open(buf, buf, clen, nonce, key) == 0;
		ok = ok && memcmp(buf, msg, mlen) == 0;
		/* truncated boxes */
		for (i = 0; i < clen; i++)
			ok = ok && hbox_secretbox_open(m, want, i, nonce, key) == -1;
		/* every single-bit forgery */
		for (i = 0; ok && i < 8 * clen; i++) {
			memcpy(buf, want, clen);
			buf[i / 8] ^= (uint8_t)(1u << (i % 8));
			memset(m, 0xa5, mlen);
			ok = hbox_secretbox_open(m, buf, clen, nonce, key) == -1 && zero(m, mlen);
		}
	}
	free(key);
	free(nonce);
	free(msg);
	free(want);
	free(buf);
	free(m);
	return ok;
}

void kat_secretbox(struct kat *k)
{
	const char *rel = "rfc/nacl_xsalsa20_poly1305_box.txt";
	struct kv_file kv;
	if (!kat_begin(k, "secretbox-nacl"))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv))
		if (is_secretbox(&kv))
			kat_check(k, secretbox_ok(&kv), kv_get(&kv, "id"));
	kv_close(&kv);
	kat_end(k);
}

/*
 * suite_poly1305.c - known answers for Poly1305.
 *
 *   rfc/chacha20_poly1305_rfc8439.txt     type poly1305 (RFC 8439 2.5.2 and
 *                                         A.3 #1-11): group poly1305-rfc8439
 *   rfc/nacl_xsalsa20_poly1305_box.txt    type poly1305 (NaCl
 *                                         crypto_onetimeauth): poly1305-nacl
 *
 * Each vector is checked one-shot, incrementally (one byte at a time, and in
 * 7- then 13-byte pieces), through hbox_poly1305_verify, and a tag with one
 * flipped bit must fail verification.
 */
#include <stdlib.h>
#include <string.h>

#include "kat.h"
#include "poly1305.h"

static int comment_is(const struct kv_file *kv, const char *want)
{
	const char *c = kv_get(kv, "comment");
	return c != NULL && strcmp(c, want) == 0;
}

static int poly_ok(const struct kv_file *kv)
{
	size_t klen, mlen, tlen, i;
	uint8_t *key = kv_bytes(kv, "key", &klen);
	uint8_t *msg = kv_bytes(kv, "msg", &mlen);
	uint8_t *want = kv_bytes(kv, "tag", &tlen);
	uint8_t tag[16];
	hbox_poly1305_ctx ctx;
	int ok = key != NULL && klen == 32 && msg != NULL && want != NULL && tlen == 16;

	if (ok) {
		hbox_poly1305(tag, msg, mlen, key);
		ok = memcmp(tag, want, 16) == 0;

		hbox_poly1305_init(&ctx, key);
		for (i = 0; i < mlen; i++)
			hbox_poly1305_update(&ctx, msg + i, 1);
		hbox_poly1305_final(&ctx, tag);
		ok = ok && memcmp(tag, want, 16) == 0;

		hbox_poly1305_init(&ctx, key);
		for (i = 0; i < mlen;) {
			size_t n = (i & 1) ? 13 : 7;
			if (n > mlen - i)
				n = mlen - i;
			hbox_poly1305_update(&ctx, msg + i, n);
			i += n;
		}
		hbox_poly1305_final(&ctx, tag);
		ok = ok && memcmp(tag, want, 16) == 0;

		ok = ok && hbox_poly1305_verify(want, msg, mlen, key) == 0;
		want[15] ^= 0x80;
		ok = ok && hbox_poly1305_verify(want, msg, mlen, key) == -1;
	}
	free(key);
	free(msg);
	free(want);
	return ok;
}

static void run_file(struct kat *k, const char *group, const char *rel)
{
	struct kv_file kv;
	if (!kat_begin(k, group))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv))
		if (comment_is(&kv, "type: poly1305"))
			kat_check(k, poly_ok(&kv), kv_get(&kv, "id"));
	kv_close(&kv);
	kat_end(k);
}

void kat_poly1305(struct kat *k)
{
	run_file(k, "poly1305-rfc8439", "rfc/chacha20_poly1305_rfc8439.txt");
	run_file(k, "poly1305-nacl", "rfc/nacl_xsalsa20_poly1305_box.txt");
}

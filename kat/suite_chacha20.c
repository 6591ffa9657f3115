/*
 * suite_chacha20.c - known answers for ChaCha20 (IETF and original layout),
 * HChaCha20 and XChaCha20.
 *
 *   rfc/chacha20_poly1305_rfc8439.txt         types chacha_quarterround,
 *       chacha20_block, chacha20_encrypt (the Poly1305 and AEAD types belong
 *       to the AEAD suite)
 *   rfc/xchacha20_draft_irtf_cfrg_xchacha_03.txt   types hchacha20 and
 *       xchacha20 (the AEAD type belongs to the AEAD suite)
 *
 * Every stream vector is checked three ways: keystream (in == NULL) where
 * the file prints it, plaintext -> ciphertext out of place, and ciphertext
 * -> plaintext in place. RFC 8439 vectors whose nonce starts with four zero
 * bytes are also run through the original 64-bit-counter layout, which must
 * agree for those (group chacha20-orig-from-rfc8439).
 */
#include <stdlib.h>
#include <string.h>

#include "chacha20.h"
#include "hb_stream.h"
#include "kat.h"

/* 1 when the block's comment is "type: <type>", optionally followed by a
 * space and a remark. */
static int type_is(const struct kv_file *kv, const char *type)
{
	const char *c = kv_get(kv, "comment");
	size_t n = strlen(type);
	if (c == NULL || strncmp(c, "type: ", 6) != 0 || strncmp(c + 6, type, n) != 0)
		return 0;
	return c[6 + n] == '\0' || c[6 + n] == ' ';
}

/* One stream-cipher variant behind a common signature. */
typedef void (*stream_fn)(uint8_t *out, const uint8_t *in, size_t len, const uint8_t *key,
                          const uint8_t *nonce, uint64_t counter);

static void ietf(uint8_t *out, const uint8_t *in, size_t len, const uint8_t *key,
                 const uint8_t *nonce, uint64_t counter)
{
	hbox_chacha20_ietf(out, in, len, key, nonce, (uint32_t)counter);
}

/* Original layout fed the last 8 bytes of a 12-byte IETF nonce. */
static void orig_from_ietf(uint8_t *out, const uint8_t *in, size_t len, const uint8_t *key,
                           const uint8_t *nonce, uint64_t counter)
{
	hbox_chacha20(out, in, len, key, nonce + 4, counter);
}

static void xchacha(uint8_t *out, const uint8_t *in, size_t len, const uint8_t *key,
                    const uint8_t *nonce, uint64_t counter)
{
	hbox_xchacha20(out, in, len, key, nonce, counter);
}

/*
 * Check the current block with fn: fields key, nonce (nonce_len bytes),
 * counter, and at least one of keystream or plaintext + ciphertext.
 */
static int stream_ok(const struct kv_file *kv, stream_fn fn, size_t nonce_len)
{
	size_t klen, nlen, ptlen = 0, ctlen = 0, kslen = 0;
	uint8_t *key = kv_bytes(kv, "key", &klen);
	uint8_t *nonce = kv_bytes(kv, "nonce", &nlen);
	uint8_t *pt = kv_bytes(kv, "plaintext", &ptlen);
	uint8_t *ct = kv_bytes(kv, "ciphertext", &ctlen);
	uint8_t *ks = kv_bytes(kv, "keystream", &kslen);
	long counter = kv_long(kv, "counter");
	size_t max = ptlen > kslen ? ptlen : kslen;
	uint8_t *buf = malloc(max + 1);
	int ok = key != NULL && klen == 32 && nonce != NULL && nlen == nonce_len && counter >= 0 &&
	         buf != NULL && (ks != NULL || (pt != NULL && ct != NULL));

	if (ok && ks != NULL) {
		memset(buf, 0xa5, kslen);
		fn(buf, NULL, kslen, key, nonce, (uint64_t)counter);
		ok = memcmp(buf, ks, kslen) == 0;
	}
	if (ok && pt != NULL && ct != NULL) {
		ok = ptlen == ctlen;
		if (ok) {
			fn(buf, pt, ptlen, key, nonce, (uint64_t)counter);
			ok = memcmp(buf, ct, ctlen) == 0;
		}
		if (ok) {
			memcpy(buf, ct, ctlen);
			fn(buf, buf, ctlen, key, nonce, (uint64_t)counter);
			ok = memcmp(buf, pt, ptlen) == 0;
		}
	}
	free(key);
	free(nonce);
	free(pt);
	free(ct);
	free(ks);
	free(buf);
	return ok;
}

static int quarterround_ok(const struct kv_file *kv)
{
	size_t ilen, olen;
	uint8_t *in = kv_bytes(kv, "in", &ilen);
	uint8_t *out = kv_bytes(kv, "out", &olen);
	int ok = in != NULL && out != NULL && ilen == 16 && olen == 16;
	if (ok) {
		/* Words are printed big-endian, as in the RFC. */
		uint32_t a = hb_load32_be(in), b = hb_load32_be(in + 4);
		uint32_t c = hb_load32_be(in + 8), d = hb_load32_be(in + 12);
		HB_CHACHA_QR(a, b, c, d);
		ok = a == hb_load32_be(out) && b == hb_load32_be(out + 4) &&
		     c == hb_load32_be(out + 8) && d == hb_load32_be(out + 12);
	}
	free(in);
	free(out);
	return ok;
}

/* chacha20_block: the serialized block equals 64 bytes of keystream. */
static int block_ok(const struct kv_file *kv, stream_fn fn)
{
	size_t klen, nlen, blen;
	uint8_t *key = kv_bytes(kv, "key", &klen);
	uint8_t *nonce = kv_bytes(kv, "nonce", &nlen);
	uint8_t *want = kv_bytes(kv, "block", &blen);
	long counter = kv_long(kv, "counter");
	uint8_t got[64];
	int ok = key != NULL && klen == 32 && nonce != NULL && nlen == 12 && want != NULL &&
	         blen == 64 && counter >= 0;
	if (ok) {
		fn(got, NULL, 64, key, nonce, (uint64_t)counter);
		ok = memcmp(got, want, 64) == 0;
	}
	free(key);
	free(nonce);
	free(want);
	return ok;
}

/* Nonce of the current block starts with four zero bytes. */
static int nonce_fits_orig(const struct kv_file *kv)
{
	const char *n = kv_get(kv, "nonce");
	return n != NULL && strlen(n) == 24 && strncmp(n, "00000000", 8) == 0;
}

static void run_rfc8439(struct kat *k, const char *group, int orig)
{
	const char *rel = "rfc/chacha20_poly1305_rfc8439.txt";
	struct kv_file kv;
	if (!kat_begin(k, group))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv)) {
		const char *id = kv_get(&kv, "id");
		if (orig) {
			if (!nonce_fits_orig(&kv))
				continue;
			if (type_is(&kv, "chacha20_block"))
				kat_check(k, block_ok(&kv, orig_from_ietf), id);
			else if (type_is(&kv, "chacha20_encrypt"))
				kat_check(k, stream_ok(&kv, orig_from_ietf, 12), id);
		} else if (type_is(&kv, "chacha_quarterround")) {
			kat_check(k, quarterround_ok(&kv), id);
		} else if (type_is(&kv, "chacha20_block")) {
			kat_check(k, block_ok(&kv, ietf), id);
		} else if (type_is(&kv, "chacha20_encrypt")) {
			kat_check(k, stream_ok(&kv, ietf, 12), id);
		}
	}
	kv_close(&kv);
	kat_end(k);
}

static int hchacha_ok(const struct kv_file *kv)
{
	size_t klen, nlen, slen;
	uint8_t *key = kv_bytes(kv, "key", &klen);
	uint8_t *in = kv_bytes(kv, "nonce", &nlen);
	uint8_t *want = kv_bytes(kv, "subkey", &slen);
	uint8_t got[32];
	int ok = key != NULL && klen == 32 && in != NULL && nlen == 16 && want != NULL && slen == 32;
	if (ok) {
		hbox_hchacha20(got, key, in);
		ok = memcmp(got, want, 32) == 0;
		/* out may equal key */
		hbox_hchacha20(key, key, in);
		ok = ok && memcmp(key, want, 32) == 0;
	}
	free(key);
	free(in);
	free(want);
	return ok;
}

static void run_xchacha(struct kat *k, const char *group, const char *type)
{
	const char *rel = "rfc/xchacha20_draft_irtf_cfrg_xchacha_03.txt";
	struct kv_file kv;
	if (!kat_begin(k, group))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv)) {
		if (!type_is(&kv, type))
			continue;
		if (strcmp(type, "hchacha20") == 0)
			kat_check(k, hchacha_ok(&kv), kv_get(&kv, "id"));
		else
			kat_check(k, stream_ok(&kv, xchacha, 24), kv_get(&kv, "id"));
	}
	kv_close(&kv);
	kat_end(k);
}

void kat_chacha20(struct kat *k)
{
	run_rfc8439(k, "chacha20-rfc8439", 0);
	run_rfc8439(k, "chacha20-orig-from-rfc8439", 1);
	run_xchacha(k, "hchacha20-xchacha-03", "hchacha20");
	run_xchacha(k, "xchacha20-xchacha-03", "xchacha20");
}

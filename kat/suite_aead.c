/*
 * suite_aead.c - known answers for ChaCha20-Poly1305 and XChaCha20-Poly1305.
 *
 *   rfc/chacha20_poly1305_rfc8439.txt
 *       type poly1305_keygen (2.6.2, A.4 #1-3)    aead-poly1305-keygen-rfc8439
 *       type chacha20poly1305 (2.8.2, A.5)        aead-chacha20poly1305-rfc8439
 *   rfc/xchacha20_draft_irtf_cfrg_xchacha_03.txt
 *       type xchacha20poly1305 (A.3.1, libsodium) aead-xchacha20poly1305-draft03
 *   wycheproof/chacha20_poly1305_test.json   (325 vectors)
 *   wycheproof/xchacha20_poly1305_test.json  (315 vectors)
 *
 * Wycheproof policy, three groups per file:
 *   -valid:      encrypt(msg) gives exactly ct || tag, decrypt gives msg, both
 *                also in place, and the tag with one bit flipped is rejected.
 *   -invalid:    decrypt returns -1 and leaves the output zeroed. Any result
 *                other than "valid" or "invalid" (these files have no
 *                "acceptable" vectors) fails here.
 *   -nonce-size: vectors whose nonce is not 12 (resp. 24) bytes. The API
 *                takes the nonce as a fixed-size array, so such a nonce cannot
 *                be passed at all: they are rejected by the API. The check is
 *                that Wycheproof labels each of them invalid.
 */
#include <stdlib.h>
#include <string.h>

#include "aead.h"
#include "chacha20.h"
#include "kat.h"

typedef void (*seal_fn)(uint8_t *ct, uint8_t *tag, const uint8_t *pt, size_t len,
                        const uint8_t *ad, size_t adlen, const uint8_t *nonce,
                        const uint8_t *key);
typedef int (*open_fn)(uint8_t *pt, const uint8_t *ct, size_t len, const uint8_t *tag,
                       const uint8_t *ad, size_t adlen, const uint8_t *nonce,
                       const uint8_t *key);

struct variant {
	const char *name;
	size_t nonce_len;
	seal_fn seal;
	open_fn open;
};

static const struct variant chacha = {"chacha20poly1305", 12, hbox_aead_chacha20poly1305_encrypt,
                                      hbox_aead_chacha20poly1305_decrypt};
static const struct variant xchacha = {"xchacha20poly1305", 24,
                                       hbox_aead_xchacha20poly1305_encrypt,
                                       hbox_aead_xchacha20poly1305_decrypt};

/* One AEAD vector. Buffers are separate allocations, so a read past the end
 * shows up under ASan. */
struct vec {
	uint8_t *key, *nonce, *ad, *pt, *ct, *tag;
	size_t klen, nlen, adlen, ptlen, ctlen, tlen;
};

static void vec_free(struct vec *v)
{
	free(v->key);
	free(v->nonce);
	free(v->ad);
	free(v->pt);
	free(v->ct);
	free(v->tag);
}

static int all_zero(const uint8_t *p, size_t n)
{
	size_t i;
	uint8_t acc = 0;
	for (i = 0; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

/* A valid vector: seal and open, out of place and in place; forgery fails. */
static int valid_ok(const struct variant *a, const struct vec *v)
{
	uint8_t *buf = malloc(v->ptlen + 1), tag[16];
	int ok = buf != NULL && v->klen == 32 && v->nlen == a->nonce_len && v->tlen == 16 &&
	         v->ctlen == v->ptlen;

	if (ok) {
		a->seal(buf, tag, v->pt, v->ptlen, v->ad, v->adlen, v->nonce, v->key);
		ok = memcmp(buf, v->ct, v->ctlen) == 0 && memcmp(tag, v->tag, 16) == 0;
		memset(buf, 0xa5, v->ptlen);
		ok = ok && a->open(buf, v->ct, v->ctlen, v->tag, v->ad, v->adlen, v->nonce, v->key) == 0;
		ok = ok && memcmp(buf, v->pt, v->ptlen) == 0;
		/* in place */
		a->seal(buf, tag, buf, v->ptlen, v->ad, v->adlen, v->nonce, v->key);
		ok = ok && memcmp(buf, v->ct, v->ctlen) == 0 && memcmp(tag, v->tag, 16) == 0;
		ok = ok && a->open(buf, buf, v->ctlen, tag, v->ad, v->adlen, v->nonce, v->key) == 0;
		ok = ok && memcmp(buf, v->pt, v->ptlen) == 0;
		/* forged tag */
		tag[0] ^= 1;
		memset(buf, 0xa5, v->ptlen);
		ok = ok && a->open(buf, v->ct, v->ctlen, tag, v->ad, v->adlen, v->nonce, v->key) == -1;
		ok = ok && all_zero(buf, v->ptlen);
	}
	free(buf);
	return ok;
}

/* An invalid vector: rejected, output zeroed. */
static int invalid_ok(const struct variant *a, const struct vec *v)
{
	uint8_t *buf = malloc(v->ctlen + 1);
	int ok = buf != NULL && v->klen == 32 && v->nlen == a->nonce_len;
	if (ok && v->tlen != 16) {
		free(buf);
		return 1; /* a tag of another size cannot be passed either */
	}
	if (ok) {
		memset(buf, 0xa5, v->ctlen);
		ok = a->open(buf, v->ct, v->ctlen, v->tag, v->ad, v->adlen, v->nonce, v->key) == -1;
		ok = ok && all_zero(buf, v->ctlen);
	}
	free(buf);
	return ok;
}

/* ---- RFC / draft vectors (key = value files) ---- */

static int comment_is(const struct kv_file *kv, const char *want)
{
	const char *c = kv_get(kv, "comment");
	return c != NULL && strcmp(c, want) == 0;
}

/* The Poly1305 one-time key the AEAD derives (RFC 8439 2.6), for the
 * nonce size of variant a. */
static void one_time_key(uint8_t otk[32], const struct variant *a, const uint8_t *nonce,
                         const uint8_t *key)
{
	uint8_t sub[32], n12[12] = {0};
	if (a->nonce_len == 12) {
		hbox_chacha20_ietf(otk, NULL, 32, key, nonce, 0);
		return;
	}
	hbox_hchacha20(sub, key, nonce);
	memcpy(n12 + 4, nonce + 16, 8);
	hbox_chacha20_ietf(otk, NULL, 32, sub, n12, 0);
}

static int keygen_ok(const struct kv_file *kv)
{
	size_t klen, nlen, olen;
	uint8_t *key = kv_bytes(kv, "key", &klen);
	uint8_t *nonce = kv_bytes(kv, "nonce", &nlen);
	uint8_t *want = kv_bytes(kv, "otk", &olen);
	uint8_t otk[32];
	int ok = key != NULL && klen == 32 && nonce != NULL && nlen == 12 && want != NULL &&
	         olen == 32;
	if (ok) {
		one_time_key(otk, &chacha, nonce, key);
		ok = memcmp(otk, want, 32) == 0;
	}
	free(key);
	free(nonce);
	free(want);
	return ok;
}

static int kv_aead_ok(const struct kv_file *kv, const struct variant *a)
{
	struct vec v;
	size_t olen;
	uint8_t *otk = kv_bytes(kv, "otk", &olen), got[32];
	int ok;

	v.key = kv_bytes(kv, "key", &v.klen);
	v.nonce = kv_bytes(kv, "nonce", &v.nlen);
	v.ad = kv_bytes(kv, "aad", &v.adlen);
	v.pt = kv_bytes(kv, "plaintext", &v.ptlen);
	v.ct = kv_bytes(kv, "ciphertext", &v.ctlen);
	v.tag = kv_bytes(kv, "tag", &v.tlen);
	ok = v.key != NULL && v.nonce != NULL && v.ad != NULL && v.pt != NULL && v.ct != NULL &&
	     v.tag != NULL && valid_ok(a, &v);
	if (ok && otk != NULL) {
		one_time_key(got, a, v.nonce, v.key);
		ok = olen == 32 && memcmp(got, otk, 32) == 0;
	}
	vec_free(&v);
	free(otk);
	return ok;
}

static void run_kv(struct kat *k, const char *group, const char *rel, const char *type,
                   const struct variant *a)
{
	struct kv_file kv;
	if (!kat_begin(k, group))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv)) {
		if (!comment_is(&kv, type))
			continue;
		kat_check(k, a != NULL ? kv_aead_ok(&kv, a) : keygen_ok(&kv), kv_get(&kv, "id"));
	}
	kv_close(&kv);
	kat_end(k);
}

/* ---- Wycheproof ---- */

enum wp_kind { WP_VALID, WP_INVALID, WP_NONCE_SIZE };

static void run_wycheproof(struct kat *k, const char *rel, const struct variant *a)
{
	static const char *suffix[] = {"valid", "invalid", "nonce-size"};
	const struct json *groups;
	struct json *root = json_load(k, rel);
	char group[96], id[32];
	int kind;
	size_t g, t;

	groups = root != NULL ? json_get(root, "testGroups") : NULL;
	for (kind = WP_VALID; kind <= WP_NONCE_SIZE; kind++) {
		snprintf(group, sizeof group, "aead-%s-wycheproof-%s", a->name, suffix[kind]);
		if (!kat_begin(k, group))
			continue;
		if (groups == NULL || groups->type != JSON_ARR) {
			kat_fail(k, rel);
			kat_end(k);
			continue;
		}
		for (g = 0; g < groups->n; g++) {
			const struct json *tests = json_get(&groups->v[g], "tests");
			for (t = 0; tests != NULL && t < tests->n; t++) {
				const struct json *tc = &tests->v[t];
				const char *result = json_str(tc, "result");
				struct vec v;
				int ok, this_kind;

				v.nonce = json_bytes(tc, "iv", &v.nlen);
				if (v.nlen != a->nonce_len)
					this_kind = WP_NONCE_SIZE;
				else if (result != NULL && strcmp(result, "valid") == 0)
					this_kind = WP_VALID;
				else
					this_kind = WP_INVALID;
				if (this_kind != kind) {
					free(v.nonce);
					continue;
				}
				v.key = json_bytes(tc, "key", &v.klen);
				v.ad = json_bytes(tc, "aad", &v.adlen);
				v.pt = json_bytes(tc, "msg", &v.ptlen);
				v.ct = json_bytes(tc, "ct", &v.ctlen);
				v.tag = json_bytes(tc, "tag", &v.tlen);
				ok = v.nonce != NULL && v.key != NULL && v.ad != NULL && v.pt != NULL &&
				     v.ct != NULL && v.tag != NULL && result != NULL;
				if (ok && kind == WP_VALID)
					ok = valid_ok(a, &v);
				else if (ok && kind == WP_INVALID)
					ok = strcmp(result, "invalid") == 0 && invalid_ok(a, &v);
				else if (ok)
					ok = strcmp(result, "invalid") == 0; /* rejected by the API */
				snprintf(id, sizeof id, "tcId %ld", json_long(tc, "tcId"));
				kat_check(k, ok, id);
				vec_free(&v);
			}
		}
		kat_end(k);
	}
	json_free(root);
}

void kat_aead(struct kat *k)
{
	run_kv(k, "aead-poly1305-keygen-rfc8439", "rfc/chacha20_poly1305_rfc8439.txt",
	       "type: poly1305_keygen", NULL);
	run_kv(k, "aead-chacha20poly1305-rfc8439", "rfc/chacha20_poly1305_rfc8439.txt",
	       "type: chacha20poly1305", &chacha);
	run_kv(k, "aead-xchacha20poly1305-draft03", "rfc/xchacha20_draft_irtf_cfrg_xchacha_03.txt",
	       "type: xchacha20poly1305", &xchacha);
	run_wycheproof(k, "wycheproof/chacha20_poly1305_test.json", &chacha);
	run_wycheproof(k, "wycheproof/xchacha20_poly1305_test.json", &xchacha);
}

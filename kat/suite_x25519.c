/*
 * suite_x25519.c - known answers for X25519.
 *
 *   rfc/x25519_rfc7748.txt      RFC 7748 section 5.2 (two vectors; the
 *                               iterated vector after 1 and 1,000 steps, and
 *                               after 1,000,000 with --slow) and section 6.1
 *                               (Diffie-Hellman: both public keys, the shared
 *                               secret from both sides)
 *   rfc/nacl_xsalsa20_poly1305_box.txt
 *                               the X25519 blocks of the NaCl test data
 *                               (types x25519_base and x25519)
 *   wycheproof/x25519_test.json all 518 vectors. Policy: the 31 vectors
 *                               flagged ZeroSharedSecret ("acceptable") must
 *                               return -1 with an all-zero output (hopebox
 *                               rejects an all-zero shared secret, RFC 7748
 *                               section 6.1); every other vector, valid or
 *                               acceptable (twist points, non-canonical and
 *                               special public keys), must return 0 and the
 *                               expected shared secret.
 */
#include <stdlib.h>
#include <string.h>

#include "kat.h"
#include "x25519.h"

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

/* 32-byte hex field, or NULL (absent or another length). */
static uint8_t *field32(const struct kv_file *kv, const char *name)
{
	size_t n;
	uint8_t *p = kv_bytes(kv, name, &n);
	if (p != NULL && n != 32) {
		free(p);
		return NULL;
	}
	return p;
}

/* X25519(scalar, u) == want, also with the output aliasing each input. */
static int x25519_ok(const uint8_t *scalar, const uint8_t *u, const uint8_t *want)
{
	uint8_t got[32], buf[32];
	int ok = hbox_x25519(got, scalar, u) == 0 && memcmp(got, want, 32) == 0;
	memcpy(buf, scalar, 32);
	ok = ok && hbox_x25519(buf, buf, u) == 0 && memcmp(buf, want, 32) == 0;
	memcpy(buf, u, 32);
	ok = ok && hbox_x25519(buf, scalar, buf) == 0 && memcmp(buf, want, 32) == 0;
	return ok;
}

static int base_ok(const uint8_t *scalar, const uint8_t *want)
{
	static const uint8_t nine[32] = {9};
	uint8_t got[32], buf[32];
	hbox_x25519_base(got, scalar);
	memcpy(buf, scalar, 32);
	hbox_x25519_base(buf, buf);
	return memcmp(got, want, 32) == 0 && memcmp(buf, want, 32) == 0 &&
	       x25519_ok(scalar, nine, want);
}

/* k, u = X25519(k, u), k; `iterations` times (RFC 7748 section 5.2). */
static int iterated_ok(const struct kv_file *kv)
{
	uint8_t *k = field32(kv, "k"), *u = field32(kv, "u"), *want = field32(kv, "k_final");
	long n = kv_long(kv, "iterations"), i;
	uint8_t t[32];
	int ok = k != NULL && u != NULL && want != NULL && n > 0;
	for (i = 0; ok && i < n; i++) {
		ok = hbox_x25519(t, k, u) == 0;
		memcpy(u, k, 32);
		memcpy(k, t, 32);
	}
	ok = ok && memcmp(k, want, 32) == 0;
	free(k);
	free(u);
	free(want);
	return ok;
}

static int dh_ok(const struct kv_file *kv)
{
	uint8_t *ask = field32(kv, "alice_sk"), *apk = field32(kv, "alice_pk");
	uint8_t *bsk = field32(kv, "bob_sk"), *bpk = field32(kv, "bob_pk");
	uint8_t *shared = field32(kv, "shared");
	int ok = ask != NULL && apk != NULL && bsk != NULL && bpk != NULL && shared != NULL &&
	         base_ok(ask, apk) && base_ok(bsk, bpk) && x25519_ok(ask, bpk, shared) &&
	         x25519_ok(bsk, apk, shared);
	free(ask);
	free(apk);
	free(bsk);
	free(bpk);
	free(shared);
	return ok;
}

static int scalarmult_ok(const struct kv_file *kv)
{
	uint8_t *s = field32(kv, "scalar"), *u = field32(kv, "u"), *want = field32(kv, "shared");
	int ok = s != NULL && u != NULL && want != NULL && x25519_ok(s, u, want);
	free(s);
	free(u);
	free(want);
	return ok;
}

static int base_block_ok(const struct kv_file *kv)
{
	uint8_t *s = field32(kv, "scalar"), *want = field32(kv, "public");
	int ok = s != NULL && want != NULL && base_ok(s, want);
	free(s);
	free(want);
	return ok;
}

/* The RFC 7748 file; the 1,000,000-step vector only when want_slow. */
static void run_rfc(struct kat *k, const char *group, int want_slow)
{
	const char *rel = "rfc/x25519_rfc7748.txt";
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
		if (type_is(&kv, "x25519_iterated")) {
			int slow = kv_long(&kv, "iterations") > 1000;
			if (slow == want_slow)
				kat_check(k, iterated_ok(&kv), id);
		} else if (want_slow) {
			continue;
		} else if (type_is(&kv, "x25519")) {
			kat_check(k, scalarmult_ok(&kv), id);
		} else if (type_is(&kv, "x25519_dh")) {
			kat_check(k, dh_ok(&kv), id);
		} else {
			kat_check(k, 0, id); /* unknown type: the file changed */
		}
	}
	kv_close(&kv);
	kat_end(k);
}

static void run_nacl(struct kat *k)
{
	const char *rel = "rfc/nacl_xsalsa20_poly1305_box.txt";
	struct kv_file kv;
	if (!kat_begin(k, "x25519-nacl"))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv)) {
		if (type_is(&kv, "x25519_base"))
			kat_check(k, base_block_ok(&kv), kv_get(&kv, "id"));
		else if (type_is(&kv, "x25519"))
			kat_check(k, scalarmult_ok(&kv), kv_get(&kv, "id"));
	}
	kv_close(&kv);
	kat_end(k);
}

/* 1 when the test's flags list contains flag. */
static int has_flag(const struct json *t, const char *flag)
{
	const struct json *flags = json_get(t, "flags");
	size_t i;
	if (flags == NULL || flags->type != JSON_ARR)
		return 0;
	for (i = 0; i < flags->n; i++)
		if (flags->v[i].type == JSON_STR && strcmp(flags->v[i].str, flag) == 0)
			return 1;
	return 0;
}

/* One Wycheproof test under the policy in the header comment. */
static int wycheproof_ok(const struct json *t, int zero_shared)
{
	size_t plen, slen, shlen;
	uint8_t *pub = json_bytes(t, "public", &plen);
	uint8_t *priv = json_bytes(t, "private", &slen);
	uint8_t *shared = json_bytes(t, "shared", &shlen);
	const char *result = json_str(t, "result");
	uint8_t got[32];
	int ok = pub != NULL && plen == 32 && priv != NULL && slen == 32 && shared != NULL &&
	         shlen == 32 && result != NULL &&
	         (strcmp(result, "valid") == 0 || strcmp(result, "acceptable") == 0);
	if (ok) {
		memset(got, 0xa5, sizeof got);
		if (zero_shared) {
			static const uint8_t zero[32] = {0};
			ok = strcmp(result, "acceptable") == 0 && memcmp(shared, zero, 32) == 0 &&
			     hbox_x25519(got, priv, pub) == -1 && memcmp(got, zero, 32) == 0;
		} else {
			ok = hbox_x25519(got, priv, pub) == 0 && memcmp(got, shared, 32) == 0;
		}
	}
	free(pub);
	free(priv);
	free(shared);
	return ok;
}

static void run_wycheproof(struct kat *k, const struct json *all, const char *group,
                           int zero_shared)
{
	const struct json *groups = json_get(all, "testGroups");
	char id[48];
	size_t g, i;
	if (!kat_begin(k, group))
		return;
	if (groups == NULL || groups->type != JSON_ARR) {
		kat_fail(k, "wycheproof/x25519_test.json");
		kat_end(k);
		return;
	}
	for (g = 0; g < groups->n; g++) {
		const struct json *tests = json_get(&groups->v[g], "tests");
		if (tests == NULL || tests->type != JSON_ARR) {
			kat_fail(k, "wycheproof group without tests");
			continue;
		}
		for (i = 0; i < tests->n; i++) {
			const struct json *t = &tests->v[i];
			if (has_flag(t, "ZeroSharedSecret") != zero_shared)
				continue;
			snprintf(id, sizeof id, "tcId %ld", json_long(t, "tcId"));
			kat_check(k, wycheproof_ok(t, zero_shared), id);
		}
	}
	kat_end(k);
}

void kat_x25519(struct kat *k)
{
	struct json *all;

	run_rfc(k, "x25519-rfc7748", 0);
	if (k->slow)
		run_rfc(k, "x25519-rfc7748-iterated-1000000", 1);
	run_nacl(k);
	all = json_load(k, "wycheproof/x25519_test.json");
	run_wycheproof(k, all, "x25519-wycheproof", 0);
	run_wycheproof(k, all, "x25519-wycheproof-zero-shared", 1);
	if (all != NULL)
		json_free(all);
}

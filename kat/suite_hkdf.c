/*
 * suite_hkdf.c - known answers for HKDF-SHA256.
 *
 *   rfc/hkdf_sha256_rfc5869.txt      RFC 5869 A.1-A.3: PRK and OKM
 *   wycheproof/hkdf_sha256_test.json  86 HkdfTest vectors
 *
 * Policy for Wycheproof: "valid" vectors must give okm (one-shot, and
 * Extract then Expand); the "invalid" ones are all flagged SizeTooLarge
 * (size 8161 = 255 * 32 + 1) and must return -1 with the output zeroed.
 */
#include <stdlib.h>
#include <string.h>

#include "hkdf_sha256.h"
#include "info.h"
#include "kat.h"

/* 1 when both HKDF entry points give want[0..len) (len <= the maximum). */
static int hkdf_matches(const uint8_t *salt, size_t saltlen, const uint8_t *ikm, size_t ikmlen,
                        const uint8_t *info, size_t infolen, const uint8_t *want, size_t len)
{
	uint8_t *got = malloc(len + 1), prk[HBOX_HKDF_SHA256_PRKBYTES];
	int ok;
	if (got == NULL)
		exit(2);
	ok = hbox_hkdf_sha256(got, len, salt, saltlen, ikm, ikmlen, info, infolen) == 0 &&
	     memcmp(got, want, len) == 0;
	memset(got, 0, len);
	hbox_hkdf_sha256_extract(prk, salt, saltlen, ikm, ikmlen);
	ok = ok && hbox_hkdf_sha256_expand(got, len, prk, info, infolen) == 0 &&
	     memcmp(got, want, len) == 0;
	free(got);
	return ok;
}

/* 1 when both entry points reject outlen with -1 and a zeroed output. */
static int hkdf_rejects(const uint8_t *salt, size_t saltlen, const uint8_t *ikm, size_t ikmlen,
                        const uint8_t *info, size_t infolen, size_t outlen)
{
	uint8_t *got = malloc(outlen), prk[HBOX_HKDF_SHA256_PRKBYTES];
	size_t i;
	int ok;
	if (got == NULL)
		exit(2);
	memset(got, 0xa5, outlen);
	ok = hbox_hkdf_sha256(got, outlen, salt, saltlen, ikm, ikmlen, info, infolen) == -1;
	for (i = 0; i < outlen; i++)
		ok = ok && got[i] == 0;
	memset(got, 0xa5, outlen);
	hbox_hkdf_sha256_extract(prk, salt, saltlen, ikm, ikmlen);
	ok = ok && hbox_hkdf_sha256_expand(got, outlen, prk, info, infolen) == -1;
	for (i = 0; i < outlen; i++)
		ok = ok && got[i] == 0;
	free(got);
	return ok;
}

static void run_rfc5869(struct kat *k, const char *group)
{
	const char *rel = "rfc/hkdf_sha256_rfc5869.txt";
	struct kv_file kv;
	if (!kat_begin(k, group))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv)) {
		size_t ilen, slen, nlen, plen, olen;
		uint8_t *ikm = kv_bytes(&kv, "ikm", &ilen);
		uint8_t *salt = kv_bytes(&kv, "salt", &slen);
		uint8_t *info = kv_bytes(&kv, "info", &nlen);
		uint8_t *prk = kv_bytes(&kv, "prk", &plen);
		uint8_t *okm = kv_bytes(&kv, "okm", &olen);
		uint8_t got[HBOX_HKDF_SHA256_PRKBYTES];
		long length = kv_long(&kv, "length");
		int ok = ikm != NULL && salt != NULL && info != NULL && prk != NULL && okm != NULL &&
		         plen == sizeof got && length >= 0 && (size_t)length == olen;
		if (ok) {
			hbox_hkdf_sha256_extract(got, salt, slen, ikm, ilen);
			ok = memcmp(got, prk, sizeof got) == 0 &&
			     hkdf_matches(salt, slen, ikm, ilen, info, nlen, okm, olen);
		}
		kat_check(k, ok, kv_get(&kv, "id"));
		free(ikm);
		free(salt);
		free(info);
		free(prk);
		free(okm);
	}
	kv_close(&kv);
	kat_end(k);
}

static void run_wycheproof(struct kat *k, const char *group)
{
	const char *rel = "wycheproof/hkdf_sha256_test.json";
	const struct json *groups;
	struct json *root;
	unsigned long nvalid = 0, ninvalid = 0;
	size_t g, t;
	char id[48];

	if (!kat_begin(k, group))
		return;
	root = json_load(k, rel);
	groups = json_get(root, "testGroups");
	if (groups == NULL || groups->type != JSON_ARR) {
		kat_fail(k, rel);
		kat_end(k);
		json_free(root);
		return;
	}
	for (g = 0; g < groups->n; g++) {
		const struct json *tests = json_get(&groups->v[g], "tests");
		for (t = 0; tests != NULL && t < tests->n; t++) {
			const struct json *v = &tests->v[t];
			const char *result = json_str(v, "result");
			size_t ilen, slen, nlen, olen;
			uint8_t *ikm = json_bytes(v, "ikm", &ilen);
			uint8_t *salt = json_bytes(v, "salt", &slen);
			uint8_t *info = json_bytes(v, "info", &nlen);
			uint8_t *okm = json_bytes(v, "okm", &olen);
			long size = json_long(v, "size");
			int ok = ikm != NULL && salt != NULL && info != NULL && okm != NULL &&
			         result != NULL && size >= 0;
			snprintf(id, sizeof id, "tcId %ld", json_long(v, "tcId"));
			if (ok && strcmp(result, "valid") == 0) {
				ok = (size_t)size == olen &&
				     hkdf_matches(salt, slen, ikm, ilen, info, nlen, okm, olen);
				nvalid++;
			} else if (ok && strcmp(result, "invalid") == 0) {
				ok = hkdf_rejects(salt, slen, ikm, ilen, info, nlen, (size_t)size);
				ninvalid++;
			} else {
				ok = 0; /* no "acceptable" vectors in this file */
			}
			kat_check(k, ok, id);
			free(ikm);
			free(salt);
			free(info);
			free(okm);
		}
	}
	json_free(root);
	kat_end(k);
	printf("  (%lu valid, %lu invalid)\n", nvalid, ninvalid);
}

/*
 * Every group runs on the default dispatch and then, on a CPU where that
 * is SHA-NI, again with the portable code forced (hbox_cpu_override(0)),
 * under the same group name with "-portable" appended.
 */
void kat_hkdf(struct kat *k)
{
	run_rfc5869(k, "hkdf-sha256-rfc5869");
	run_wycheproof(k, "hkdf-sha256-wycheproof");
	if (!(hbox_cpu_features() & HBOX_CPU_SHA))
		return;
	hbox_cpu_override(0);
	run_rfc5869(k, "hkdf-sha256-rfc5869-portable");
	run_wycheproof(k, "hkdf-sha256-wycheproof-portable");
	hbox_cpu_override(HBOX_CPU_ALL);
}

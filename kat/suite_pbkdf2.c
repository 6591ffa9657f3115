/*
 * suite_pbkdf2.c - known answers for PBKDF2-HMAC-SHA256.
 *
 *   rfc/pbkdf2_hmac_sha256.txt   RFC 7914 section 11 (2) and 6 community
 *                                vectors on the RFC 6070 inputs; the one
 *                                marked "note = slow" (16,777,216
 *                                iterations, several seconds) runs only
 *                                with --slow
 *   wycheproof/pbkdf2_hmacsha256_test.json   60 PbkdfTest vectors, all
 *                                "valid" (iterations up to 80,000)
 */
#include <stdlib.h>
#include <string.h>

#include "info.h"
#include "kat.h"
#include "pbkdf2_sha256.h"

/* 1 when PBKDF2 succeeds and gives want[0..len). */
static int pbkdf2_matches(const uint8_t *pw, size_t pwlen, const uint8_t *salt, size_t saltlen,
                          long iterations, const uint8_t *want, size_t len)
{
	uint8_t *got = malloc(len + 1);
	int ok;
	if (got == NULL)
		exit(2);
	ok = iterations > 0 && (unsigned long)iterations <= 0xffffffffUL &&
	     hbox_pbkdf2_sha256(got, len, pw, pwlen, salt, saltlen, (uint32_t)iterations) == 0 &&
	     memcmp(got, want, len) == 0;
	free(got);
	return ok;
}

static void run_file(struct kat *k, const char *group)
{
	const char *rel = "rfc/pbkdf2_hmac_sha256.txt";
	struct kv_file kv;
	unsigned long skipped = 0;
	if (!kat_begin(k, group))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv)) {
		size_t plen, slen, dlen;
		const char *note = kv_get(&kv, "note");
		uint8_t *pw, *salt, *dk;
		long dklen;
		if (!k->slow && note != NULL && strncmp(note, "slow", 4) == 0) {
			skipped++;
			continue;
		}
		pw = kv_bytes(&kv, "password", &plen);
		salt = kv_bytes(&kv, "salt", &slen);
		dk = kv_bytes(&kv, "dk", &dlen);
		dklen = kv_long(&kv, "dklen");
		kat_check(k,
		          pw != NULL && salt != NULL && dk != NULL && dklen >= 0 &&
		                  (size_t)dklen == dlen &&
		                  pbkdf2_matches(pw, plen, salt, slen, kv_long(&kv, "iterations"), dk,
		                                 dlen),
		          kv_get(&kv, "id"));
		free(pw);
		free(salt);
		free(dk);
	}
	kv_close(&kv);
	kat_end(k);
	if (skipped != 0)
		printf("  (%lu slow vector skipped: run with --slow)\n", skipped);
}

static void run_wycheproof(struct kat *k, const char *group)
{
	const char *rel = "wycheproof/pbkdf2_hmacsha256_test.json";
	const struct json *groups;
	struct json *root;
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
			size_t plen, slen, dlen;
			uint8_t *pw = json_bytes(v, "password", &plen);
			uint8_t *salt = json_bytes(v, "salt", &slen);
			uint8_t *dk = json_bytes(v, "dk", &dlen);
			long dklen = json_long(v, "dkLen");
			snprintf(id, sizeof id, "tcId %ld", json_long(v, "tcId"));
			/* Every vector in this file is "valid"; anything else would
			 * need a policy, so it fails until one is written. */
			kat_check(k,
			          pw != NULL && salt != NULL && dk != NULL && result != NULL &&
			                  strcmp(result, "valid") == 0 && dklen >= 0 &&
			                  (size_t)dklen == dlen &&
			                  pbkdf2_matches(pw, plen, salt, slen,
			                                 json_long(v, "iterationCount"), dk, dlen),
			          id);
			free(pw);
			free(salt);
			free(dk);
		}
	}
	json_free(root);
	kat_end(k);
}

/*
 * Every group runs on the default dispatch and then, on a CPU where that
 * is SHA-NI, again with the portable code forced (hbox_cpu_override(0)),
 * under the same group name with "-portable" appended.
 */
void kat_pbkdf2(struct kat *k)
{
	run_file(k, "pbkdf2-sha256-rfc");
	run_wycheproof(k, "pbkdf2-sha256-wycheproof");
	if (!(hbox_cpu_features() & HBOX_CPU_SHA))
		return;
	hbox_cpu_override(0);
	run_file(k, "pbkdf2-sha256-rfc-portable");
	run_wycheproof(k, "pbkdf2-sha256-wycheproof-portable");
	hbox_cpu_override(HBOX_CPU_ALL);
}

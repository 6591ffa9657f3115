/*
 * suite_hmac.c - known answers for HMAC-SHA256.
 *
 *   rfc/hmac_sha256_rfc4231.txt     RFC 4231 test cases 1-7 (case 5 gives
 *                                   only the first 16 bytes of the MAC)
 *   wycheproof/hmac_sha256_test.json  174 MacTest vectors, tags of 256 and
 *                                   128 bits (tagSize), keys of 128-520 bits
 *
 * Policy for Wycheproof: a tag of tagSize bits is the first tagSize / 8
 * bytes of the MAC. "valid" vectors must match it, "invalid" ones (all
 * flagged ModifiedTag) must not. Every MAC is computed one-shot and
 * incrementally (message in 7-byte chunks); both must agree.
 */
#include <stdlib.h>
#include <string.h>

#include "hmac_sha256.h"
#include "info.h"
#include "kat.h"

/* 1 when the one-shot and incremental MACs agree; the MAC goes to mac. */
static int hmac_both(uint8_t mac[HBOX_HMAC_SHA256_BYTES], const uint8_t *key, size_t keylen,
                     const uint8_t *msg, size_t msglen)
{
	uint8_t again[HBOX_HMAC_SHA256_BYTES];
	hbox_hmac_sha256_ctx c;
	size_t off, n;

	hbox_hmac_sha256(mac, key, keylen, msg, msglen);
	hbox_hmac_sha256_init(&c, key, keylen);
	for (off = 0; off < msglen; off += n) {
		n = msglen - off < 7 ? msglen - off : 7;
		hbox_hmac_sha256_update(&c, msg + off, n);
	}
	hbox_hmac_sha256_final(&c, again);
	return memcmp(mac, again, sizeof again) == 0;
}

static void run_rfc4231(struct kat *k, const char *group)
{
	const char *rel = "rfc/hmac_sha256_rfc4231.txt";
	struct kv_file kv;
	if (!kat_begin(k, group))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv)) {
		size_t klen, dlen, tlen;
		uint8_t *key = kv_bytes(&kv, "key", &klen);
		uint8_t *data = kv_bytes(&kv, "data", &dlen);
		uint8_t *want = kv_bytes(&kv, "mac", &tlen);
		uint8_t mac[HBOX_HMAC_SHA256_BYTES];
		int ok = key != NULL && data != NULL && want != NULL && tlen >= 16 &&
		         tlen <= sizeof mac;
		ok = ok && hmac_both(mac, key, klen, data, dlen) && memcmp(mac, want, tlen) == 0;
		kat_check(k, ok, kv_get(&kv, "id"));
		free(key);
		free(data);
		free(want);
	}
	kv_close(&kv);
	kat_end(k);
}

static void run_wycheproof(struct kat *k, const char *group)
{
	const char *rel = "wycheproof/hmac_sha256_test.json";
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
		const struct json *grp = &groups->v[g], *tests = json_get(grp, "tests");
		long tagbits = json_long(grp, "tagSize");
		for (t = 0; tests != NULL && t < tests->n; t++) {
			const struct json *v = &tests->v[t];
			const char *result = json_str(v, "result");
			size_t klen, mlen, tlen;
			uint8_t *key = json_bytes(v, "key", &klen);
			uint8_t *msg = json_bytes(v, "msg", &mlen);
			uint8_t *tag = json_bytes(v, "tag", &tlen);
			uint8_t mac[HBOX_HMAC_SHA256_BYTES];
			int ok = key != NULL && msg != NULL && tag != NULL && result != NULL &&
			         tagbits > 0 && tagbits % 8 == 0 &&
			         (size_t)tagbits / 8 <= sizeof mac && tlen == (size_t)tagbits / 8 &&
			         hmac_both(mac, key, klen, msg, mlen);
			snprintf(id, sizeof id, "tcId %ld", json_long(v, "tcId"));
			if (ok && strcmp(result, "valid") == 0) {
				ok = memcmp(mac, tag, tlen) == 0;
				nvalid++;
			} else if (ok && strcmp(result, "invalid") == 0) {
				ok = memcmp(mac, tag, tlen) != 0;
				ninvalid++;
			} else {
				ok = 0; /* no "acceptable" vectors in this file */
			}
			kat_check(k, ok, id);
			free(key);
			free(msg);
			free(tag);
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
void kat_hmac(struct kat *k)
{
	run_rfc4231(k, "hmac-sha256-rfc4231");
	run_wycheproof(k, "hmac-sha256-wycheproof");
	if (!(hbox_cpu_features() & HBOX_CPU_SHA))
		return;
	hbox_cpu_override(0);
	run_rfc4231(k, "hmac-sha256-rfc4231-portable");
	run_wycheproof(k, "hmac-sha256-wycheproof-portable");
	hbox_cpu_override(HBOX_CPU_ALL);
}

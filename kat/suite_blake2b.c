/*
 * suite_blake2b.c - known answers for BLAKE2b.
 *
 *   rfc/blake2b_rfc7693.txt     RFC 7693 Appendix A ("abc", 64-byte output)
 *   blake2/blake2b-kat.txt      256 keyed BLAKE2b-512 vectors, lines
 *                               "in:<TAB>hex", "key:<TAB>hex", "hash:<TAB>hex"
 *   blake2/blake2-kat.json      entries with "hash": "blake2b" (256 unkeyed,
 *                               256 keyed); the other hashes are skipped
 *
 * Every vector is checked one-shot and through the incremental API with the
 * input split in odd-sized pieces.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blake2b.h"
#include "kat.h"

/* One-shot and chunked (pieces of `step` bytes) BLAKE2b both equal want. */
static int blake2b_matches(const uint8_t *key, size_t keylen, const uint8_t *in, size_t inlen,
                           const uint8_t *want, size_t outlen, size_t step)
{
	uint8_t got[HBOX_BLAKE2B_BYTES_MAX];
	hbox_blake2b_ctx c;
	size_t off, n;
	int ok;

	if (outlen < HBOX_BLAKE2B_BYTES_MIN || outlen > HBOX_BLAKE2B_BYTES_MAX)
		return 0;
	ok = hbox_blake2b(got, outlen, key, keylen, in, inlen) == 0 &&
	     memcmp(got, want, outlen) == 0;
	memset(got, 0, sizeof got);
	if (hbox_blake2b_init(&c, outlen, key, keylen) != 0)
		return 0;
	for (off = 0; off < inlen; off += n) {
		n = inlen - off < step ? inlen - off : step;
		hbox_blake2b_update(&c, in + off, n);
	}
	hbox_blake2b_final(&c, got);
	return ok && memcmp(got, want, outlen) == 0;
}

static void run_rfc(struct kat *k)
{
	const char *rel = "rfc/blake2b_rfc7693.txt";
	struct kv_file kv;
	if (!kat_begin(k, "blake2b-rfc7693"))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv)) {
		size_t keylen, mlen, hlen;
		uint8_t *key = kv_bytes(&kv, "key", &keylen);
		uint8_t *msg = kv_bytes(&kv, "msg", &mlen);
		uint8_t *hash = kv_bytes(&kv, "hash", &hlen);
		long outlen = kv_long(&kv, "outlen");
		int ok = key != NULL && msg != NULL && hash != NULL && outlen >= 0 &&
		         (size_t)outlen == hlen;
		kat_check(k, ok && blake2b_matches(key, keylen, msg, mlen, hash, hlen, 1),
		          kv_get(&kv, "id"));
		free(key);
		free(msg);
		free(hash);
	}
	kv_close(&kv);
	kat_end(k);
}

/* Value after "name:" and blanks on a line of blake2b-kat.txt, or NULL. */
static const char *tagged(char *line, const char *name)
{
	size_t n = strlen(name), e;
	if (strncmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	line += n + 1;
	while (*line == ' ' || *line == '\t')
		line++;
	e = strlen(line);
	while (e > 0 && (line[e - 1] == '\n' || line[e - 1] == '\r' || line[e - 1] == ' '))
		line[--e] = '\0';
	return line;
}

static void run_kat_txt(struct kat *k)
{
	const char *rel = "blake2/blake2b-kat.txt";
	char line[1024], id[32];
	uint8_t *in = NULL, *key = NULL;
	size_t inlen = 0, keylen = 0;
	unsigned long count = 0;
	FILE *f;

	if (!kat_begin(k, "blake2b-kat-txt-keyed"))
		return;
	f = fopen(kat_path(k, rel), "r");
	if (f == NULL) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	/* Records are in:, key:, hash: lines; a hash line completes one. */
	while (fgets(line, sizeof line, f) != NULL) {
		const char *v;
		if ((v = tagged(line, "in")) != NULL) {
			free(in);
			in = kat_hex(v, &inlen);
		} else if ((v = tagged(line, "key")) != NULL) {
			free(key);
			key = kat_hex(v, &keylen);
		} else if ((v = tagged(line, "hash")) != NULL) {
			size_t hlen, step = 1 + count % 131;
			uint8_t *hash = kat_hex(v, &hlen);
			int ok = in != NULL && key != NULL &&
			         blake2b_matches(key, keylen, in, inlen, hash, hlen, step);
			snprintf(id, sizeof id, "in length %lu", count++);
			kat_check(k, ok, id);
			free(hash);
			free(in);
			free(key);
			in = key = NULL;
		}
	}
	free(in);
	free(key);
	fclose(f);
	kat_end(k);
}

/* The blake2b entries of the JSON file: keyed (key non-empty) or unkeyed. */
static void run_json(struct kat *k, const struct json *all, const char *group, int keyed)
{
	char id[48];
	size_t i;
	if (!kat_begin(k, group))
		return;
	if (all == NULL || all->type != JSON_ARR) {
		kat_fail(k, "blake2/blake2-kat.json");
		kat_end(k);
		return;
	}
	for (i = 0; i < all->n; i++) {
		const struct json *e = &all->v[i];
		const char *h = json_str(e, "hash");
		size_t inlen, keylen, outlen;
		uint8_t *in, *key, *out;
		if (h == NULL || strcmp(h, "blake2b") != 0)
			continue;
		in = json_bytes(e, "in", &inlen);
		key = json_bytes(e, "key", &keylen);
		out = json_bytes(e, "out", &outlen);
		if (key != NULL && (keylen > 0) == keyed) {
			int ok = in != NULL && out != NULL &&
			         blake2b_matches(key, keylen, in, inlen, out, outlen, 1 + i % 129);
			snprintf(id, sizeof id, "entry %lu (in length %lu)", (unsigned long)i,
			         (unsigned long)inlen);
			kat_check(k, ok, id);
		} else if (key == NULL) {
			kat_check(k, 0, "blake2b entry without key field");
		}
		free(in);
		free(key);
		free(out);
	}
	kat_end(k);
}

void kat_blake2b(struct kat *k)
{
	struct json *all;
	run_rfc(k);
	run_kat_txt(k);
	all = json_load(k, "blake2/blake2-kat.json");
	run_json(k, all, "blake2b-json-unkeyed", 0);
	run_json(k, all, "blake2b-json-keyed", 1);
	if (all != NULL)
		json_free(all);
}

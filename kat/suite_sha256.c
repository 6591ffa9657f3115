/*
 * suite_sha256.c - known answers for SHA-256.
 *
 *   nist/sha256/SHA256{ShortMsg,LongMsg}.rsp   NIST CAVP byte-oriented records
 *                            (Len in bits, Msg, MD)
 *   nist/sha256/SHA256Monte.rsp    Seed and 100 checkpoints of the SHAVS
 *                            Monte Carlo procedure (SHAVS section 6.4)
 *   nist/generated/sha256_sha3_shake_generated.txt   the sha256 field of every
 *                            block (the other fields belong to the SHA-3 suite)
 *
 * Every message is hashed one-shot and through the incremental API in
 * chunks that do not line up with the 64-byte block.
 */
#include <stdlib.h>
#include <string.h>

#include "info.h"
#include "kat.h"
#include "sha256.h"

/* One-shot and chunked (step bytes per update) digests both equal want. */
static int sha256_matches(const uint8_t *msg, size_t len, const uint8_t *want, size_t step)
{
	uint8_t got[HBOX_SHA256_BYTES];
	hbox_sha256_ctx c;
	size_t off, n;
	int ok;

	hbox_sha256(got, msg, len);
	ok = memcmp(got, want, sizeof got) == 0;
	hbox_sha256_init(&c);
	for (off = 0; off < len; off += n) {
		n = len - off < step ? len - off : step;
		hbox_sha256_update(&c, msg + off, n);
	}
	hbox_sha256_final(&c, got);
	return ok && memcmp(got, want, sizeof got) == 0;
}

static int open_group(struct kat *k, struct kv_file *kv, const char *group, const char *rel)
{
	if (!kat_begin(k, group))
		return 0;
	if (kv_open(kv, k, rel) == 0)
		return 1;
	kat_fail(k, rel);
	kat_end(k);
	return 0;
}

static void run_rsp(struct kat *k, const char *group, const char *rel)
{
	struct kv_file kv;
	char id[64];
	if (!open_group(k, &kv, group, rel))
		return;
	while (kv_next(&kv)) {
		long bits = kv_long(&kv, "Len");
		size_t mlen, wlen;
		uint8_t *msg = kv_bytes(&kv, "Msg", &mlen);
		uint8_t *want = kv_bytes(&kv, "MD", &wlen);
		snprintf(id, sizeof id, "Len = %ld", bits);
		/* Len = 0 records carry Msg = 00: hash Len / 8 bytes, not mlen. */
		if (bits < 0 || bits % 8 != 0 || msg == NULL || want == NULL ||
		    (size_t)bits / 8 > mlen || wlen != HBOX_SHA256_BYTES)
			kat_check(k, 0, id);
		else
			kat_check(k, sha256_matches(msg, (size_t)bits / 8, want, 13), id);
		free(msg);
		free(want);
	}
	kv_close(&kv);
	kat_end(k);
}

/*
 * SHAVS Monte Carlo: MD_0 = MD_1 = MD_2 = Seed; MD_i = SHA-256(MD_{i-3} ||
 * MD_{i-2} || MD_{i-1}) for i = 3..1002; checkpoint j is MD_1002, which
 * is also the next Seed.
 */
static void run_monte(struct kat *k, const char *group)
{
	const char *rel = "nist/sha256/SHA256Monte.rsp";
	struct kv_file kv;
	uint8_t seed[HBOX_SHA256_BYTES], m[3 * HBOX_SHA256_BYTES];
	int have_seed = 0, i;
	char id[32];

	if (!open_group(k, &kv, group, rel))
		return;
	while (kv_next(&kv)) {
		size_t len;
		uint8_t *v = kv_bytes(&kv, "Seed", &len);
		long count = kv_long(&kv, "COUNT");
		if (v != NULL) {
			have_seed = len == sizeof seed;
			if (have_seed)
				memcpy(seed, v, sizeof seed);
			free(v);
			continue;
		}
		v = kv_bytes(&kv, "MD", &len);
		snprintf(id, sizeof id, "COUNT = %ld", count);
		if (!have_seed || v == NULL || len != sizeof seed) {
			kat_check(k, 0, id);
			free(v);
			continue;
		}
		/* m holds the sliding window MD_{i-3} || MD_{i-2} || MD_{i-1}. */
		memcpy(m, seed, 32);
		memcpy(m + 32, seed, 32);
		memcpy(m + 64, seed, 32);
		for (i = 3; i < 1003; i++) {
			hbox_sha256(seed, m, sizeof m); /* MD_i */
			memmove(m, m + 32, 64);
			memcpy(m + 64, seed, 32);
		}
		kat_check(k, memcmp(seed, v, sizeof seed) == 0, id);
		free(v);
	}
	kv_close(&kv);
	kat_end(k);
}

/* Generated block's message: msg, or j mod 256 / 'a' * 10^6 when the id says
 * so and msg is not written out. NULL when neither applies. */
static uint8_t *generated_msg(const struct kv_file *kv, size_t *len)
{
	const char *id = kv_get(kv, "id");
	uint8_t *m = kv_bytes(kv, "msg", len);
	unsigned long n;
	size_t j;
	int one_million_a;

	if (m != NULL || id == NULL)
		return m;
	one_million_a = strcmp(id, "one million a") == 0;
	if (one_million_a)
		n = 1000000;
	else if (sscanf(id, "pattern len %lu", &n) != 1)
		return NULL;
	*len = n;
	m = malloc(n + 1);
	if (m == NULL)
		exit(2);
	for (j = 0; j < n; j++)
		m[j] = one_million_a ? 'a' : (uint8_t)j;
	return m;
}

static void run_generated(struct kat *k, const char *group)
{
	const char *rel = "nist/generated/sha256_sha3_shake_generated.txt";
	struct kv_file kv;
	if (!open_group(k, &kv, group, rel))
		return;
	while (kv_next(&kv)) {
		size_t mlen, wlen;
		uint8_t *msg = generated_msg(&kv, &mlen);
		uint8_t *want = kv_bytes(&kv, "sha256", &wlen);
		const char *id = kv_get(&kv, "id");
		if (msg == NULL || want == NULL || wlen != HBOX_SHA256_BYTES)
			kat_check(k, 0, id);
		else
			kat_check(k, sha256_matches(msg, mlen, want, 1 + mlen % 101), id);
		free(msg);
		free(want);
	}
	kv_close(&kv);
	kat_end(k);
}

/*
 * Every group runs on the default dispatch and then, on a CPU where that
 * is SHA-NI, again with the portable code forced (hbox_cpu_override(0)),
 * under the same group name with "-portable" appended.
 */
void kat_sha256(struct kat *k)
{
	run_rsp(k, "sha256-nist-short", "nist/sha256/SHA256ShortMsg.rsp");
	run_rsp(k, "sha256-nist-long", "nist/sha256/SHA256LongMsg.rsp");
	run_monte(k, "sha256-nist-monte");
	run_generated(k, "sha256-generated");
	if (!(hbox_cpu_features() & HBOX_CPU_SHA))
		return;
	hbox_cpu_override(0);
	run_rsp(k, "sha256-nist-short-portable", "nist/sha256/SHA256ShortMsg.rsp");
	run_rsp(k, "sha256-nist-long-portable", "nist/sha256/SHA256LongMsg.rsp");
	run_monte(k, "sha256-nist-monte-portable");
	run_generated(k, "sha256-generated-portable");
	hbox_cpu_override(HBOX_CPU_ALL);
}

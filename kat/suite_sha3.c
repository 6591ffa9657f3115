/*
 * suite_sha3.c - known answers for SHA3-256, SHAKE-128 and SHAKE-256.
 *
 *   nist/sha3/<name>.rsp     NIST CAVP byte-oriented Short/Long files (headers
 *                            stripped: Len in bits, Msg, MD or Output)
 *   nist/generated/sha256_sha3_shake_generated.txt   sha3_256, shake128_32 and
 *                            shake256_64 of every block (the sha256 field
 *                            belongs to the SHA-256 suite)
 *   nist/generated/shake_xof_outlen_generated.txt    long outputs, checked one-shot
 *                            and through the incremental API in odd chunks
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "info.h"
#include "kat.h"
#include "sha3.h"

enum alg { SHA3_256, SHAKE128, SHAKE256 };

/* One-shot digest / XOF output of the chosen algorithm. */
static void hash_oneshot(enum alg a, uint8_t *out, size_t outlen, const uint8_t *in, size_t len)
{
	if (a == SHA3_256)
		hbox_sha3_256(out, in, len);
	else if (a == SHAKE128)
		hbox_shake128(out, outlen, in, len);
	else
		hbox_shake256(out, outlen, in, len);
}

/*
 * The same through the incremental API: input fed in chunks of `step`
 * bytes, output (SHAKE) drawn in chunks of step + 1, so neither lines up
 * with the block size.
 */
static void hash_chunked(enum alg a, uint8_t *out, size_t outlen, const uint8_t *in, size_t len,
                         size_t step)
{
	size_t off, n;
	if (a == SHA3_256) {
		hbox_sha3_256_ctx c;
		hbox_sha3_256_init(&c);
		for (off = 0; off < len; off += n) {
			n = len - off < step ? len - off : step;
			hbox_sha3_256_update(&c, in + off, n);
		}
		hbox_sha3_256_final(&c, out);
		return;
	} else {
		hbox_shake_ctx c;
		if (a == SHAKE128)
			hbox_shake128_init(&c);
		else
			hbox_shake256_init(&c);
		for (off = 0; off < len; off += n) {
			n = len - off < step ? len - off : step;
			hbox_shake_absorb(&c, in + off, n);
		}
		for (off = 0; off < outlen; off += n) {
			n = outlen - off < step + 1 ? outlen - off : step + 1;
			hbox_shake_squeeze(&c, out + off, n);
		}
		hbox_shake_wipe(&c);
	}
}

/* Check one-shot and chunked results against want[0..wantlen). */
static int hash_matches(enum alg a, const uint8_t *msg, size_t len, const uint8_t *want,
                        size_t wantlen, size_t step)
{
	uint8_t *got = malloc(wantlen + 1);
	int ok;
	if (got == NULL)
		exit(2);
	hash_oneshot(a, got, wantlen, msg, len);
	ok = memcmp(got, want, wantlen) == 0;
	memset(got, 0, wantlen);
	hash_chunked(a, got, wantlen, msg, len, step);
	ok = ok && memcmp(got, want, wantlen) == 0;
	free(got);
	return ok;
}

/* A NIST .rsp file: records of Len (bits), Msg and MD (or Output). */
static void run_rsp(struct kat *k, const char *group, const char *rel, enum alg a,
                    const char *outfield)
{
	struct kv_file kv;
	char id[64];
	if (!kat_begin(k, group))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv)) {
		long bits = kv_long(&kv, "Len");
		size_t mlen, wlen;
		uint8_t *msg = kv_bytes(&kv, "Msg", &mlen);
		uint8_t *want = kv_bytes(&kv, outfield, &wlen);
		snprintf(id, sizeof id, "Len = %ld", bits);
		if (bits < 0 || bits % 8 != 0 || msg == NULL || want == NULL ||
		    (size_t)bits / 8 > mlen || (a == SHA3_256 && wlen != HBOX_SHA3_256_BYTES)) {
			kat_check(k, 0, id);
		} else {
			kat_check(k, hash_matches(a, msg, (size_t)bits / 8, want, wlen, 7), id);
		}
		free(msg);
		free(want);
	}
	kv_close(&kv);
	kat_end(k);
}

/*
 * The message of a generated block: the msg field, or, when it is not
 * written out, j mod 256 of the length in the id ("pattern len N") or
 * 1,000,000 bytes of 'a'. NULL when the block cannot be understood.
 */
static uint8_t *generated_msg(const struct kv_file *kv, size_t *len)
{
	const char *id = kv_get(kv, "id");
	uint8_t *m = kv_bytes(kv, "msg", len);
	unsigned long n;
	size_t j;
	if (m != NULL || id == NULL)
		return m;
	if (strcmp(id, "one million a") == 0) {
		*len = 1000000;
		m = malloc(*len);
		if (m == NULL)
			exit(2);
		memset(m, 'a', *len);
		return m;
	}
	if (sscanf(id, "pattern len %lu", &n) != 1)
		return NULL;
	*len = n;
	m = malloc(*len + 1);
	if (m == NULL)
		exit(2);
	for (j = 0; j < *len; j++)
		m[j] = (uint8_t)j;
	return m;
}

/* One algorithm's field (e.g. "shake128_32") of every block in the generated file. */
static void run_generated(struct kat *k, const char *group, enum alg a, const char *field)
{
	const char *rel = "nist/generated/sha256_sha3_shake_generated.txt";
	struct kv_file kv;
	if (!kat_begin(k, group))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv)) {
		size_t mlen, wlen;
		uint8_t *msg = generated_msg(&kv, &mlen);
		uint8_t *want = kv_bytes(&kv, field, &wlen);
		const char *id = kv_get(&kv, "id");
		if (msg == NULL || want == NULL)
			kat_check(k, 0, id);
		else
			kat_check(k, hash_matches(a, msg, mlen, want, wlen, 1 + mlen % 97), id);
		free(msg);
		free(want);
	}
	kv_close(&kv);
	kat_end(k);
}

/* Long SHAKE outputs; ids start with "shake128" or "shake256". */
static void run_outlen(struct kat *k, const char *suffix)
{
	const char *rel = "nist/generated/shake_xof_outlen_generated.txt";
	static const size_t steps[] = {1, 5, 31, 167, 169, 1000};
	struct kv_file kv;
	char name[64];
	snprintf(name, sizeof name, "shake-xof-outlen-generated%s", suffix);
	if (!kat_begin(k, name))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv)) {
		size_t mlen, wlen, s;
		uint8_t *msg = kv_bytes(&kv, "msg", &mlen);
		uint8_t *want = kv_bytes(&kv, "output", &wlen);
		const char *id = kv_get(&kv, "id");
		long outlen = kv_long(&kv, "outlen");
		int ok = msg != NULL && want != NULL && id != NULL && outlen >= 0 &&
		         (size_t)outlen == wlen;
		enum alg a = SHAKE128;
		if (ok && strncmp(id, "shake256", 8) == 0)
			a = SHAKE256;
		else if (ok && strncmp(id, "shake128", 8) != 0)
			ok = 0;
		/* One-shot, and chunked with every step in steps[] (absorb in
		 * chunks of step bytes, squeeze in chunks of step + 1). */
		for (s = 0; ok && s < sizeof steps / sizeof steps[0]; s++)
			ok = hash_matches(a, msg, mlen, want, wlen, steps[s]);
		kat_check(k, ok, id);
		free(msg);
		free(want);
	}
	kv_close(&kv);
	kat_end(k);
}

/* The groups once; suffix "" or "-portable" is appended to every name. */
static void run_all(struct kat *k, const char *suffix)
{
	static const struct {
		const char *group, *rel, *field;
		enum alg a;
	} rsp[] = {
	    {"sha3-256-nist-short", "nist/sha3/SHA3_256ShortMsg.rsp", "MD", SHA3_256},
	    {"sha3-256-nist-long", "nist/sha3/SHA3_256LongMsg.rsp", "MD", SHA3_256},
	    {"shake128-nist-short", "nist/sha3/SHAKE128ShortMsg.rsp", "Output", SHAKE128},
	    {"shake128-nist-long", "nist/sha3/SHAKE128LongMsg.rsp", "Output", SHAKE128},
	    {"shake256-nist-short", "nist/sha3/SHAKE256ShortMsg.rsp", "Output", SHAKE256},
	    {"shake256-nist-long", "nist/sha3/SHAKE256LongMsg.rsp", "Output", SHAKE256},
	};
	static const struct {
		const char *group, *field;
		enum alg a;
	} gen[] = {
	    {"sha3-256-generated", "sha3_256", SHA3_256},
	    {"shake128-generated", "shake128_32", SHAKE128},
	    {"shake256-generated", "shake256_64", SHAKE256},
	};
	char name[64];
	size_t i;

	for (i = 0; i < sizeof rsp / sizeof rsp[0]; i++) {
		snprintf(name, sizeof name, "%s%s", rsp[i].group, suffix);
		run_rsp(k, name, rsp[i].rel, rsp[i].a, rsp[i].field);
	}
	for (i = 0; i < sizeof gen / sizeof gen[0]; i++) {
		snprintf(name, sizeof name, "%s%s", gen[i].group, suffix);
		run_generated(k, name, gen[i].a, gen[i].field);
	}
	run_outlen(k, suffix);
}

/*
 * Every group runs on the default dispatch and then, on a CPU where that
 * is keccak_avx2.c, again with the portable permutation forced
 * (hbox_cpu_override(0)), under the same group name with "-portable"
 * appended.
 */
void kat_sha3(struct kat *k)
{
	run_all(k, "");
	if (!(hbox_cpu_features() & HBOX_CPU_AVX2))
		return;
	hbox_cpu_override(0);
	run_all(k, "-portable");
	hbox_cpu_override(HBOX_CPU_ALL);
}

/*
 * suite_newhope.c - known answers for NewHope (USENIX 2016).
 *
 * The reference test program (tpoeppelmann/newhope ref/test/testvectors.c)
 * runs 1,000 exchanges with a deterministic RNG and prints, per iteration,
 * four lines of lowercase hex: senda, sendb, Alice's key, Alice's key again.
 * We do not store that 7.9 MB transcript, only its SHA-256
 * (newhope/newhope_usenix_testvectors.sha256), and regenerate it:
 *
 *   newhope/newhope_usenix_coins.txt  the 96 RNG bytes of each iteration
 *       (coins_keygen: public seed || noise seed; coins_sharedb: Bob's
 *       noise seed), replayed through the _derand functions.
 *
 * Checked per iteration: Bob's key equals Alice's key, and the coins equal
 * the test program's generator (D. J. Bernstein's SURF keyed with the digits
 * of pi, as described in kat/vectors/VECTORS-README.md), re-implemented
 * below so the coins file is not taken on trust. At the end: the SHA-256 of
 * the regenerated transcript. All in one group, newhope-usenix, on the
 * default dispatch; on a CPU where that is AVX2 the group runs again with
 * the portable code forced (hbox_cpu_override(0)) as newhope-usenix-portable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "info.h"
#include "kat.h"
#include "newhope.h"
#include "sha256.h"

#define NH_ITERATIONS 1000

/* ---- the test program's RNG (SURF) ---- */
struct surf {
	uint32_t in[12], out[8];
	unsigned left;
};

static const uint32_t surf_key[32] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3,
                                      2, 3, 8, 4, 6, 2, 6, 4, 3, 3, 8, 3, 2, 7, 9, 5};

static uint32_t rotl(uint32_t x, unsigned n)
{
	return (x << n) | (x >> (32 - n));
}

static void surf_block(struct surf *s)
{
	static const unsigned rot[4] = {5, 7, 9, 13};
	uint32_t t[12], x, sum = 0;
	int pass, round, i;

	for (i = 0; i < 12; i++)
		t[i] = s->in[i] ^ surf_key[12 + i];
	for (i = 0; i < 8; i++)
		s->out[i] = surf_key[24 + i];
	x = t[11];
	for (pass = 0; pass < 2; pass++) {
		for (round = 0; round < 16; round++) {
			sum += 0x9E3779B9u;
			for (i = 0; i < 12; i++) {
				t[i] += ((x ^ surf_key[i]) + sum) ^ rotl(x, rot[i & 3]);
				x = t[i];
			}
		}
		for (i = 0; i < 8; i++)
			s->out[i] ^= t[i + 4];
	}
}

static void surf_bytes(struct surf *s, uint8_t *p, size_t n)
{
	int w;
	while (n-- > 0) {
		if (s->left == 0) {
			/* 128-bit little-endian counter in in[0..3] */
			for (w = 0; w < 4 && ++s->in[w] == 0; w++)
				;
			surf_block(s);
			s->left = 8;
		}
		*p++ = (uint8_t)s->out[--s->left];
	}
}

/* ---- transcript ---- */
static void hash_hex_line(hbox_sha256_ctx *c, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	char buf[2 * HBOX_NEWHOPE_SENDBBYTES + 1];
	size_t i;
	for (i = 0; i < n; i++) {
		buf[2 * i] = digits[p[i] >> 4];
		buf[2 * i + 1] = digits[p[i] & 15];
	}
	buf[2 * n] = '\n';
	hbox_sha256_update(c, (const uint8_t *)buf, 2 * n + 1);
}

/* The expected digest: the first 64 hex digits of the .sha256 file. */
static int read_digest(const struct kat *k, uint8_t out[32])
{
	FILE *f = fopen(kat_path(k, "newhope/newhope_usenix_testvectors.sha256"), "r");
	char hex[65];
	uint8_t *d;
	size_t len;
	int ok;

	if (f == NULL)
		return 0;
	ok = fscanf(f, "%64s", hex) == 1 && strlen(hex) == 64;
	fclose(f);
	if (!ok)
		return 0;
	d = kat_hex(hex, &len);
	memcpy(out, d, 32);
	free(d);
	return 1;
}

static void run_usenix(struct kat *k, const char *group)
{
	struct kv_file kv;
	struct surf rng;
	hbox_sha256_ctx transcript;
	uint8_t senda[HBOX_NEWHOPE_SENDABYTES], sendb[HBOX_NEWHOPE_SENDBBYTES];
	uint8_t sk[HBOX_NEWHOPE_SKBYTES], key_a[32], key_b[32], want[32], got[32];
	uint8_t coins[HBOX_NEWHOPE_KEYGEN_COINBYTES + HBOX_NEWHOPE_SHAREDB_COINBYTES];
	unsigned long n = 0;

	if (!kat_begin(k, group))
		return;
	if (!read_digest(k, want) || kv_open(&kv, k, "newhope/newhope_usenix_coins.txt") != 0) {
		kat_fail(k, "newhope vector files missing");
		kat_end(k);
		return;
	}
	memset(&rng, 0, sizeof rng);
	hbox_sha256_init(&transcript);
	while (kv_next(&kv)) {
		size_t lk = 0, lb = 0;
		uint8_t *ck = kv_bytes(&kv, "coins_keygen", &lk);
		uint8_t *cb = kv_bytes(&kv, "coins_sharedb", &lb);
		const char *id = kv_get(&kv, "id");
		int ok;

		surf_bytes(&rng, coins, sizeof coins);
		ok = ck != NULL && cb != NULL && lk == HBOX_NEWHOPE_KEYGEN_COINBYTES &&
		     lb == HBOX_NEWHOPE_SHAREDB_COINBYTES && memcmp(coins, ck, lk) == 0 &&
		     memcmp(coins + lk, cb, lb) == 0;
		if (ok) {
			ok = hbox_newhope_keygen_derand(senda, sk, ck) == 0;
			ok &= hbox_newhope_sharedb_derand(key_b, sendb, senda, cb) == 0;
			ok &= hbox_newhope_shareda(key_a, sk, sendb) == 0;
			ok &= memcmp(key_a, key_b, sizeof key_a) == 0;
			hash_hex_line(&transcript, senda, sizeof senda);
			hash_hex_line(&transcript, sendb, sizeof sendb);
			hash_hex_line(&transcript, key_a, sizeof key_a);
			hash_hex_line(&transcript, key_a, sizeof key_a);
		}
		kat_check(k, ok, id);
		free(ck);
		free(cb);
		n++;
	}
	kv_close(&kv);
	hbox_sha256_final(&transcript, got);
	kat_check(k, n == NH_ITERATIONS && memcmp(got, want, sizeof got) == 0,
	          "transcript SHA-256 (newhope_usenix_testvectors.sha256)");
	kat_end(k);
}

void kat_newhope(struct kat *k)
{
	run_usenix(k, "newhope-usenix");
	if (!(hbox_cpu_features() & HBOX_CPU_AVX2))
		return;
	hbox_cpu_override(0);
	run_usenix(k, "newhope-usenix-portable");
	hbox_cpu_override(HBOX_CPU_ALL);
}

/*
 * Constant time: SHA-256, HMAC-SHA256, HKDF-SHA256 and PBKDF2-HMAC-SHA256
 * with every secret input poisoned (message, key, ikm, salt, prk,
 * password). Lengths and iteration counts are public. Each result is
 * declassified only to compare it with the same computation on
 * unpoisoned copies of the inputs (a test-only step: the value itself is
 * never published by the library).
 *
 * Every check runs twice: on the default dispatch and with the portable
 * code forced (hbox_cpu_override(0)). Run natively, the first pass is the
 * SHA-NI path on a CPU that has it. Under valgrind it is not: valgrind
 * 3.19 does not implement the SHA instructions (SIGILL) and its CPUID
 * hides them, so both passes take the portable path there. The SHA-NI
 * kernels (primitives/sha256_shani.c) branch only on lengths and
 * iteration counts and index no memory with data; SHA256RNDS2, MSG1 and
 * MSG2 and the SSE shuffles, adds and masks around them have fixed
 * latencies, independent of the values.
 */
#include <stdio.h>
#include <string.h>

#include "ct_poison.h"
#include "hopebox.h"
#include "testutil.h"

static const size_t lens[] = {0, 1, 31, 55, 56, 63, 64, 65, 127, 200, 1000};
#define NLENS (sizeof lens / sizeof lens[0])

static uint8_t secret[1000], copy[1000], secret2[1000], copy2[1000];

/* Fresh random secrets, with public copies for the reference runs. */
static void fresh(void)
{
	tu_rand_bytes(copy, sizeof copy);
	tu_rand_bytes(copy2, sizeof copy2);
	memcpy(secret, copy, sizeof copy);
	memcpy(secret2, copy2, sizeof copy2);
	CT_SECRET(secret, sizeof secret);
	CT_SECRET(secret2, sizeof secret2);
}

/* Declassify a result (test-only) and compare with the reference. */
static void same(uint8_t *got, const uint8_t *want, size_t n)
{
	CT_PUBLIC(got, n);
	CHECK_EQ_BYTES(got, want, n);
}

static void ct_sha256(void)
{
	uint8_t got[32], want[32];
	hbox_sha256_ctx c, snap;
	size_t i;

	fresh();
	for (i = 0; i < NLENS; i++) {
		hbox_sha256(got, secret, lens[i]);
		hbox_sha256(want, copy, lens[i]);
		same(got, want, 32);
		hbox_sha256_init(&c);
		hbox_sha256_update(&c, secret, lens[i] / 3);
		snap = c;
		hbox_sha256_update(&c, secret + lens[i] / 3, lens[i] - lens[i] / 3);
		hbox_sha256_final(&c, got);
		same(got, want, 32);
		hbox_sha256_final(&snap, got);
		hbox_sha256(want, copy, lens[i] / 3);
		same(got, want, 32);
	}
}

static void ct_hmac(void)
{
	static const size_t keylens[] = {0, 1, 32, 64, 65, 200};
	uint8_t got[32], want[32];
	hbox_hmac_sha256_ctx c;
	size_t i, j;

	fresh();
	for (i = 0; i < sizeof keylens / sizeof keylens[0]; i++)
		for (j = 0; j < NLENS; j += 2) {
			hbox_hmac_sha256(got, secret, keylens[i], secret2, lens[j]);
			hbox_hmac_sha256(want, copy, keylens[i], copy2, lens[j]);
			same(got, want, 32);
			hbox_hmac_sha256_init(&c, secret, keylens[i]);
			hbox_hmac_sha256_update(&c, secret2, lens[j] / 2);
			hbox_hmac_sha256_update(&c, secret2 + lens[j] / 2, lens[j] - lens[j] / 2);
			hbox_hmac_sha256_final(&c, got);
			same(got, want, 32);
		}
	/* A tag check: the tag is public, the verdict is public. */
	hbox_hmac_sha256(got, secret, 32, secret2, 100);
	hbox_hmac_sha256(want, copy, 32, copy2, 100);
	{
		int v = hbox_verify32(got, want);
		CT_PUBLIC(&v, sizeof v); /* the verdict is published */
		CHECK(v == 0);
	}
}

static void ct_hkdf(void)
{
	static const size_t outlens[] = {0, 1, 32, 33, 100, 300};
	uint8_t got[300], want[300], prk[32], prk_copy[32], info[20];
	size_t i;

	fresh();
	tu_rand_bytes(info, sizeof info); /* info is a public context string */
	for (i = 0; i < sizeof outlens / sizeof outlens[0]; i++) {
		size_t saltlen = i * 13, ikmlen = 1 + i * 11;
		hbox_hkdf_sha256_extract(prk, secret2, saltlen, secret, ikmlen);
		hbox_hkdf_sha256_extract(prk_copy, copy2, saltlen, copy, ikmlen);
		same(prk, prk_copy, 32);
		CT_SECRET(prk, sizeof prk);
		CHECK(hbox_hkdf_sha256_expand(got, outlens[i], prk, info, i) == 0);
		CHECK(hbox_hkdf_sha256_expand(want, outlens[i], prk_copy, info, i) == 0);
		same(got, want, outlens[i]);
		CHECK(hbox_hkdf_sha256(got, outlens[i], secret2, saltlen, secret, ikmlen, info,
		                       sizeof info) == 0);
		CHECK(hbox_hkdf_sha256(want, outlens[i], copy2, saltlen, copy, ikmlen, info,
		                       sizeof info) == 0);
		same(got, want, outlens[i]);
	}
}

static void ct_pbkdf2(void)
{
	static const size_t pwlens[] = {0, 8, 64, 65};
	uint8_t got[70], want[70];
	size_t i;

	fresh();
	for (i = 0; i < sizeof pwlens / sizeof pwlens[0]; i++) {
		size_t outlen = 20 + 16 * i, saltlen = 4 + 20 * i;
		CHECK(hbox_pbkdf2_sha256(got, outlen, secret, pwlens[i], secret2, saltlen, 3) == 0);
		CHECK(hbox_pbkdf2_sha256(want, outlen, copy, pwlens[i], copy2, saltlen, 3) == 0);
		same(got, want, outlen);
	}
}

int main(void)
{
	unsigned pass;

	if (!(hbox_cpu_features() & HBOX_CPU_SHA))
		printf("ct_sha2: SHA-NI not in use here (no SHA-NI, HOPEBOX_PORTABLE, or valgrind): "
		       "portable path only\n");
	for (pass = 0; pass < 2; pass++) {
		hbox_cpu_override(pass == 0 ? HBOX_CPU_ALL : 0u);
		ct_sha256();
		ct_hmac();
		ct_hkdf();
		ct_pbkdf2();
	}
	hbox_cpu_override(HBOX_CPU_ALL);
	return tu_report("ct_sha2");
}

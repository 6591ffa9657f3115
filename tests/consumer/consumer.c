/*
 * consumer.c - a program that uses hopebox the way an application does:
 * only through the umbrella header "hopebox.h" and the installed (or
 * vendored) library. Built by tests/consumer/run_consumer.sh against an
 * installed package, through add_subdirectory and through pkg-config, and
 * by the amalgamation test against hopebox.c + hopebox.h alone.
 */
#include <stdio.h>
#include <string.h>

#include "hopebox.h"

static int passed, failed;

static void check(int ok, const char *what)
{
	if (ok) {
		passed++;
	} else {
		failed++;
		printf("consumer: FAILED %s\n", what);
	}
}

int main(void)
{
	/* SHA-256("abc"), FIPS 180-2 appendix B.1 */
	static const uint8_t abc_digest[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
		0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
	uint8_t seed_a[HBOX_BOX_SEEDBYTES], seed_b[HBOX_BOX_SEEDBYTES];
	uint8_t pk_a[HBOX_BOX_PUBLICKEYBYTES], sk_a[HBOX_BOX_SECRETKEYBYTES];
	uint8_t pk_b[HBOX_BOX_PUBLICKEYBYTES], sk_b[HBOX_BOX_SECRETKEYBYTES];
	uint8_t nonce[HBOX_BOX_NONCEBYTES], digest[32];
	const char msg[] = "hello from a consumer";
	uint8_t c[sizeof msg + HBOX_BOX_MACBYTES], m[sizeof msg];

	printf("consumer: %s\n", hbox_build_info());
	check(hbox_selftest() == 0, "hbox_selftest");

	hbox_sha256(digest, (const uint8_t *)"abc", 3);
	check(memcmp(digest, abc_digest, 32) == 0, "SHA-256(abc)");

	memset(seed_a, 1, sizeof seed_a);
	memset(seed_b, 2, sizeof seed_b);
	memset(nonce, 3, sizeof nonce);
	hbox_box_seed_keypair(pk_a, sk_a, seed_a);
	hbox_box_seed_keypair(pk_b, sk_b, seed_b);
	check(hbox_box(c, (const uint8_t *)msg, sizeof msg, nonce, pk_b, sk_a) == 0, "box");
	check(hbox_box_open(m, c, sizeof c, nonce, pk_a, sk_b) == 0 && memcmp(m, msg, sizeof msg) == 0,
	      "box_open");
	c[HBOX_BOX_MACBYTES] ^= 1;
	check(hbox_box_open(m, c, sizeof c, nonce, pk_a, sk_b) == -1, "box_open rejects a forgery");

	printf("consumer: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}

/*
 * Constant time: SHA3-256, SHAKE-128/256 (one-shot, incremental, NewHope's
 * block squeeze; portable and AVX2 Keccak) and BLAKE2b (unkeyed and keyed;
 * portable and AVX2 paths)
 * with the message, and the key, poisoned. Lengths, output lengths and chunk sizes are public.
 *
 * Each result is computed first from clean inputs, then from poisoned
 * copies; the poisoned run's output is declassified only to compare it with
 * the clean one (test-only: in real use a digest of a secret stays secret
 * until the protocol publishes it).
 */
#include <string.h>

#include "ct_poison.h"
#include "hb_keccak.h"
#include "hopebox.h"
#include "testutil.h"

static const size_t lens[] = {0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129,
                              135, 136, 137, 167, 168, 169, 1000};
#define NLENS (sizeof lens / sizeof lens[0])

static uint8_t msg[1000], sec[1000];
static uint8_t want[400], got[400];

/* Poisoned copy of msg[0..len). */
static const uint8_t *secret_msg(size_t len)
{
	memcpy(sec, msg, len);
	CT_SECRET(sec, len);
	return sec;
}

static void check_same(size_t n)
{
	CT_PUBLIC(got, n); /* test-only declassification, see above */
	CHECK_EQ_BYTES(got, want, n);
}

static void test_sha3(void)
{
	size_t i;
	for (i = 0; i < NLENS; i++) {
		size_t len = lens[i];
		hbox_sha3_256_ctx h;
		hbox_shake_ctx c;

		hbox_sha3_256(want, msg, len);
		hbox_sha3_256(got, secret_msg(len), len);
		check_same(32);

		hbox_sha3_256_init(&h);
		hbox_sha3_256_update(&h, secret_msg(len), len / 3);
		hbox_sha3_256_update(&h, sec + len / 3, len - len / 3);
		hbox_sha3_256_final(&h, got);
		check_same(32);

		hbox_shake128(want, 400, msg, len);
		hbox_shake128(got, 400, secret_msg(len), len);
		check_same(400);

		/* Incremental, with odd chunks on both sides. */
		hbox_shake128_init(&c);
		hbox_shake_absorb(&c, secret_msg(len), len / 2);
		hbox_shake_absorb(&c, sec + len / 2, len - len / 2);
		hbox_shake_squeeze(&c, got, 13);
		hbox_shake_squeeze(&c, got + 13, 387);
		hbox_shake_wipe(&c);
		check_same(400);

		hbox_shake256(want, 300, msg, len);
		hbox_shake256(got, 300, secret_msg(len), len);
		check_same(300);
	}
	/* NewHope's gen_a path: 32-byte seed (public there, secret here to be strict). */
	hbox_shake128(want, 2 * HBOX_SHAKE128_BLOCKBYTES, msg, 32);
	{
		hbox_shake_ctx c;
		hbox_shake128_init(&c);
		hbox_shake_absorb(&c, secret_msg(32), 32);
		hb_shake128_squeezeblocks(&c, got, 2);
		hbox_shake_wipe(&c);
		check_same(2 * HBOX_SHAKE128_BLOCKBYTES);
	}
}

/* BLAKE2b on the path hbox_cpu_override has chosen; the expected digests
 * come from the portable path. */
static void test_blake2b(unsigned allowed)
{
	uint8_t key[64], skey[64];
	size_t i, keylen;

	tu_rand_bytes(key, sizeof key);
	for (i = 0; i < NLENS; i++) {
		size_t len = lens[i];
		for (keylen = 0; keylen <= 64; keylen += 32) {
			hbox_blake2b_ctx c;
			int r;
			memcpy(skey, key, keylen);
			CT_SECRET(skey, keylen);

			hbox_cpu_override(0);
			CHECK(hbox_blake2b(want, 64, key, keylen, msg, len) == 0);
			hbox_cpu_override(allowed);
			r = hbox_blake2b(got, 64, skey, keylen, secret_msg(len), len);
			CHECK(r == 0); /* depends only on the public lengths */
			check_same(64);

			hbox_cpu_override(0);
			CHECK(hbox_blake2b(want, 24, key, keylen, msg, len) == 0);
			hbox_cpu_override(allowed);
			CHECK(hbox_blake2b_init(&c, 24, skey, keylen) == 0);
			hbox_blake2b_update(&c, secret_msg(len), len / 2);
			hbox_blake2b_update(&c, sec + len / 2, len - len / 2);
			hbox_blake2b_final(&c, got);
			check_same(24);
		}
	}
}

int main(void)
{
	tu_rand_bytes(msg, sizeof msg);
	/* SHA-3 on both Keccak permutations: keccak.c, then the default
	 * dispatch (keccak_avx2.c where valgrind's CPU has AVX2). */
	hbox_cpu_override(0);
	test_sha3();
	hbox_cpu_override(HBOX_CPU_ALL);
	test_sha3();
	/* BLAKE2b on both paths: portable, then the default dispatch (the AVX2
	 * kernel where the CPU, or valgrind's view of it, has AVX2). */
	test_blake2b(0);
	test_blake2b(HBOX_CPU_ALL);
	return tu_report("ct_sha3_blake2b");
}

/*
 * Unit tests for SHA-256: known digests at the padding boundaries,
 * incremental == one-shot at every 2- and 3-way split of messages up to
 * three blocks, context copies as snapshots, _final wiping, aliasing and
 * unaligned input.
 *
 * Known digests are of msg[j] = j mod 256 (from
 * kat/vectors/nist/generated/sha256_sha3_shake_generated.txt) and the
 * FIPS 180-2 examples.
 */
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

static const struct {
	size_t len;
	const char *hex;
} pattern[] = {
	{0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	{1, "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"},
	{55, "463eb28e72f82e0a96c0a4cc53690c571281131f672aa229e0d45ae59b598b59"},
	{56, "da2ae4d6b36748f2a318f23e7ab1dfdf45acdc9d049bd80e59de82a60895f562"},
	{63, "29af2686fd53374a36b0846694cc342177e428d1647515f078784d69cdb9e488"},
	{64, "fdeab9acf3710362bd2658cdc9a29e8f9c757fcf9811603a8c447cd1d9151108"},
	{65, "4bfd2c8b6f1eec7a2afeb48b934ee4b2694182027e6d0fc075074f2fabb31781"},
	{119, "da18797ed7c3a777f0847f429724a2d8cd5138e6ed2895c3fa1a6d39d18f7ec6"},
	{120, "f52b23db1fbb6ded89ef42a23ce0c8922c45f25c50b568a93bf1c075420bbb7c"},
	{128, "471fb943aa23c511f6f72f8d1652d9c880cfa392ad80503120547703e56a2be5"},
	{300, "7728ae2f2c36e2aaafbe79ca14c87ae2f89e7c88c4390ecbbf82dce88706958d"},
	{1000, "a8af099bf2e878609558dbf69d8f88f4a31040a8cf84b549a0cfa912f12ffc3f"},
	{100000, "db8f1d69251d95e2c88268d3c540533cc5182e0e33065a6f3f322f606a574489"},
};

static uint8_t big[100000 + 1];

static void digest_of(uint8_t out[32], const char *hex)
{
	CHECK(tu_unhex(out, 32, hex) == 32);
}

static void test_known(void)
{
	uint8_t want[32], got[32];
	size_t i, j;

	for (j = 0; j < sizeof big; j++)
		big[j] = (uint8_t)j;
	for (i = 0; i < sizeof pattern / sizeof pattern[0]; i++) {
		digest_of(want, pattern[i].hex);
		hbox_sha256(got, big, pattern[i].len);
		CHECK_EQ_BYTES(got, want, 32);
		/* Unaligned input: the same message one byte further on. */
		memmove(big + 1, big, pattern[i].len);
		hbox_sha256(got, big + 1, pattern[i].len);
		CHECK_EQ_BYTES(got, want, 32);
		for (j = 0; j < sizeof big; j++)
			big[j] = (uint8_t)j;
	}
	hbox_sha256(got, NULL, 0);
	digest_of(want, pattern[0].hex);
	CHECK_EQ_BYTES(got, want, 32);

	hbox_sha256(got, (const uint8_t *)"abc", 3);
	digest_of(want, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	CHECK_EQ_BYTES(got, want, 32);
	hbox_sha256(got, (const uint8_t *)"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	            56);
	digest_of(want, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	CHECK_EQ_BYTES(got, want, 32);
}

/* One million 'a', fed in uneven pieces (lengths 1..131) through _update. */
static void test_million_a(void)
{
	uint8_t want[32], got[32], a[131];
	hbox_sha256_ctx c;
	size_t done = 0, n = 1;

	memset(a, 'a', sizeof a);
	hbox_sha256_init(&c);
	while (done < 1000000) {
		size_t take = 1000000 - done < n ? 1000000 - done : n;
		hbox_sha256_update(&c, a, take);
		done += take;
		n = n % sizeof a + 1;
	}
	hbox_sha256_final(&c, got);
	digest_of(want, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	CHECK_EQ_BYTES(got, want, 32);
}

/* Every split of msg[0..len) into 2 and 3 updates (and an empty update
 * in front) gives the one-shot digest. Failures are counted, not each
 * reported, to keep the output short. */
static void test_splits(void)
{
	uint8_t msg[192], want[32], got[32];
	size_t len, i, j;
	unsigned long bad2 = 0, bad3 = 0;
	hbox_sha256_ctx c;

	tu_rand_bytes(msg, sizeof msg);
	for (len = 0; len <= sizeof msg; len++) {
		hbox_sha256(want, msg, len);
		for (i = 0; i <= len; i++) {
			hbox_sha256_init(&c);
			hbox_sha256_update(&c, NULL, 0);
			hbox_sha256_update(&c, msg, i);
			hbox_sha256_update(&c, msg + i, len - i);
			hbox_sha256_final(&c, got);
			bad2 += memcmp(got, want, 32) != 0;
			for (j = i; j <= len; j++) {
				hbox_sha256_init(&c);
				hbox_sha256_update(&c, msg, i);
				hbox_sha256_update(&c, msg + i, j - i);
				hbox_sha256_update(&c, msg + j, len - j);
				hbox_sha256_final(&c, got);
				bad3 += memcmp(got, want, 32) != 0;
			}
		}
	}
	CHECK(bad2 == 0);
	CHECK(bad3 == 0);
}

/* A copied context is a snapshot: finishing the copy gives the digest of
 * the prefix, and the original keeps going. _final wipes the context. */
static void test_snapshot(void)
{
	uint8_t msg[200], want[32], got[32];
	hbox_sha256_ctx c, snap;
	size_t cut;

	tu_rand_bytes(msg, sizeof msg);
	for (cut = 0; cut <= sizeof msg; cut += 25) {
		hbox_sha256_init(&c);
		hbox_sha256_update(&c, msg, cut);
		snap = c;
		hbox_sha256_final(&snap, got);
		hbox_sha256(want, msg, cut);
		CHECK_EQ_BYTES(got, want, 32);
		CHECK(tu_is_zero(&snap, sizeof snap));
		memcpy(&snap, &c, sizeof c);
		hbox_sha256_update(&c, msg + cut, sizeof msg - cut);
		hbox_sha256_final(&c, got);
		hbox_sha256(want, msg, sizeof msg);
		CHECK_EQ_BYTES(got, want, 32);
		/* The memcpy'd snapshot is just as good. */
		hbox_sha256_update(&snap, msg + cut, sizeof msg - cut);
		hbox_sha256_final(&snap, got);
		CHECK_EQ_BYTES(got, want, 32);
	}
	/* init after final reuses a context. */
	hbox_sha256_init(&c);
	hbox_sha256_update(&c, msg, 3);
	hbox_sha256_final(&c, got);
	hbox_sha256(want, msg, 3);
	CHECK_EQ_BYTES(got, want, 32);
}

/* out may overlap in; the input is not modified. */
static void test_alias(void)
{
	uint8_t buf[130], copy[130], want[32];
	size_t len;
	for (len = 0; len <= sizeof buf; len += 13) {
		tu_rand_bytes(buf, sizeof buf);
		memcpy(copy, buf, sizeof buf);
		hbox_sha256(want, buf, len);
		CHECK_EQ_BYTES(buf, copy, sizeof buf);
		hbox_sha256(buf, buf, len);
		CHECK_EQ_BYTES(buf, want, 32);
		if (len >= 40) {
			memcpy(buf, copy, sizeof buf);
			hbox_sha256(buf + 8, buf, len);
			CHECK_EQ_BYTES(buf + 8, want, 32);
		}
	}
}

int main(void)
{
	test_known();
	test_million_a();
	test_splits();
	test_snapshot();
	test_alias();
	return tu_report("test_sha256");
}

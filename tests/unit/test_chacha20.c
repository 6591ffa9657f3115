/*
 * Unit tests for ChaCha20 (IETF and original layout), HChaCha20, XChaCha20.
 *
 * The KAT suite pins the block function; here the multi-block machinery is
 * checked against single-block calls: every length 0..300 and a few long
 * ones, in place == out of place, in == NULL == encrypting zeros, chunked
 * calls with advancing counters == one call, nothing written past len,
 * unaligned buffers, and the counter edge cases (IETF wraps at 2^32, the
 * original layout carries into word 13).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hopebox.h"
#include "hb_internal.h"
#include "testutil.h"

typedef void (*stream_fn)(uint8_t *out, const uint8_t *in, size_t len, const uint8_t *key,
                          const uint8_t *nonce, uint64_t counter);

static void ietf(uint8_t *out, const uint8_t *in, size_t len, const uint8_t *key,
                 const uint8_t *nonce, uint64_t counter)
{
	hbox_chacha20_ietf(out, in, len, key, nonce, (uint32_t)counter);
}

static void orig(uint8_t *out, const uint8_t *in, size_t len, const uint8_t *key,
                 const uint8_t *nonce, uint64_t counter)
{
	hbox_chacha20(out, in, len, key, nonce, counter);
}

static void xchacha(uint8_t *out, const uint8_t *in, size_t len, const uint8_t *key,
                    const uint8_t *nonce, uint64_t counter)
{
	hbox_xchacha20(out, in, len, key, nonce, counter);
}

static const struct variant {
	const char *name;
	stream_fn fn;
} variants[] = {{"chacha20_ietf", ietf}, {"chacha20", orig}, {"xchacha20", xchacha}};

#define LONG_LEN (100000 + 37)
#define GUARD 16

/*
 * Length and aliasing checks for one variant against a reference keystream
 * built one 64-byte block per call.
 */
static void check_variant(const struct variant *v, uint64_t counter)
{
	static const size_t long_lens[] = {511, 512, 513, 4096 + 17, LONG_LEN};
	uint8_t key[32], nonce[24];
	size_t nblocks = (LONG_LEN + 63) / 64, len, i, j;
	uint8_t *ref = malloc(nblocks * 64);
	uint8_t *msg = malloc(LONG_LEN);
	uint8_t *buf = malloc(LONG_LEN + 1 + GUARD);
	uint8_t *buf2 = malloc(LONG_LEN + 1);
	char what[80];
	int bad;

	if (ref == NULL || msg == NULL || buf == NULL || buf2 == NULL) {
		CHECK(!"out of memory");
		return;
	}
	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(nonce, sizeof nonce);
	tu_rand_bytes(msg, LONG_LEN);
	for (i = 0; i < nblocks; i++)
		v->fn(ref + 64 * i, NULL, 64, key, nonce, counter + i);

	for (len = 0; len <= 300 + sizeof long_lens / sizeof long_lens[0]; len++) {
		size_t n = len <= 300 ? len : long_lens[len - 301];
		uint8_t *out = buf + 1; /* deliberately unaligned */

		/* keystream, and no byte past n touched */
		memset(buf, 0xee, n + 1 + GUARD);
		v->fn(out, NULL, n, key, nonce, counter);
		bad = memcmp(out, ref, n) != 0;
		for (j = 0; j < GUARD; j++)
			bad |= out[n + j] != 0xee;
		/* encryption: msg XOR keystream */
		v->fn(out, msg, n, key, nonce, counter);
		for (j = 0; j < n; j++)
			bad |= out[j] != (uint8_t)(msg[j] ^ ref[j]);
		for (j = 0; j < GUARD; j++)
			bad |= out[n + j] != 0xee;
		/* in place (odd offset) decrypts back */
		v->fn(out, out, n, key, nonce, counter);
		bad |= memcmp(out, msg, n) != 0;
		/* in == NULL is the same as encrypting zeros */
		memset(buf2, 0, n);
		v->fn(buf2, buf2, n, key, nonce, counter);
		bad |= memcmp(buf2, ref, n) != 0;
		snprintf(what, sizeof what, "%s, counter %llu, len %lu", v->name,
		         (unsigned long long)counter, (unsigned long)n);
		tu_check(!bad, what, __FILE__, __LINE__);
	}

	/* Chunked: pieces of whole blocks with the counter advanced, then the
	 * rest, equal one call. */
	for (i = 0; i < 50; i++) {
		size_t total = tu_rand_below(4000), off = 0;
		while (total - off >= 64 && tu_rand_below(4) != 0) {
			size_t piece = 64 * (1 + tu_rand_below((total - off) / 64));
			v->fn(buf + off, msg + off, piece, key, nonce, counter + off / 64);
			off += piece;
		}
		v->fn(buf + off, msg + off, total - off, key, nonce, counter + off / 64);
		v->fn(buf2, msg, total, key, nonce, counter);
		CHECK_EQ_BYTES(buf, buf2, total);
	}

	/* len 0 reads and writes nothing */
	v->fn(NULL, NULL, 0, key, nonce, counter);
	CHECK(1);
	free(ref);
	free(msg);
	free(buf);
	free(buf2);
}

/* IETF: the 32-bit counter wraps to 0 inside one call (documented). */
static void check_ietf_wrap(void)
{
	uint8_t key[32], nonce[12], got[192], want[192];
	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(nonce, sizeof nonce);
	hbox_chacha20_ietf(got, NULL, sizeof got, key, nonce, 0xffffffffu);
	hbox_chacha20_ietf(want, NULL, 64, key, nonce, 0xffffffffu);
	hbox_chacha20_ietf(want + 64, NULL, 128, key, nonce, 0);
	CHECK_EQ_BYTES(got, want, sizeof got);
}

/*
 * Original layout: a call starting at block 2^32 - 1 carries into word 13.
 * Independent check: the IETF function puts its counter in word 12 and the
 * first nonce word in word 13, so block 2^32 + j of the original layout is
 * IETF block j with nonce le32(1) || nonce8.
 */
static void check_orig_carry(void)
{
	uint8_t key[32], nonce[8], inonce[12], got[64 * 3], want[64 * 3], msg[64 * 3 - 5];
	uint8_t piece[64];
	size_t i;

	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(nonce, sizeof nonce);
	tu_rand_bytes(msg, sizeof msg);
	hbox_chacha20(got, NULL, sizeof got, key, nonce, 0xffffffffull);

	/* block 2^32 - 1: word 13 = 0, i.e. IETF nonce 0 || nonce8 */
	hb_store32_le(inonce, 0);
	memcpy(inonce + 4, nonce, 8);
	hbox_chacha20_ietf(want, NULL, 64, key, inonce, 0xffffffffu);
	/* blocks 2^32, 2^32 + 1: word 13 = 1 */
	hb_store32_le(inonce, 1);
	hbox_chacha20_ietf(want + 64, NULL, 128, key, inonce, 0);
	CHECK_EQ_BYTES(got, want, sizeof got);

	/* Also through the 64-bit counter argument directly. */
	for (i = 0; i < 3; i++) {
		hbox_chacha20(piece, NULL, 64, key, nonce, 0xffffffffull + i);
		CHECK_EQ_BYTES(piece, want + 64 * i, 64);
	}

	/* And encryption across the carry with a partial last block. */
	hbox_chacha20(got, msg, sizeof msg, key, nonce, 0xffffffffull);
	for (i = 0; i < sizeof msg; i++)
		want[i] ^= msg[i];
	CHECK_EQ_BYTES(got, want, sizeof msg);

	/* Counter 2^64 - 1 is followed by 0 (plain 64-bit arithmetic). */
	hbox_chacha20(got, NULL, 128, key, nonce, ~(uint64_t)0);
	hbox_chacha20(want, NULL, 64, key, nonce, ~(uint64_t)0);
	hbox_chacha20(want + 64, NULL, 64, key, nonce, 0);
	CHECK_EQ_BYTES(got, want, 128);
}

/* Original layout with counter < 2^32 equals IETF with nonce 0 || nonce8. */
static void check_orig_vs_ietf(void)
{
	uint8_t key[32], nonce[8], inonce[12], a[300], b[300];
	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(nonce, sizeof nonce);
	memset(inonce, 0, 4);
	memcpy(inonce + 4, nonce, 8);
	hbox_chacha20(a, NULL, sizeof a, key, nonce, 12345);
	hbox_chacha20_ietf(b, NULL, sizeof b, key, inonce, 12345);
	CHECK_EQ_BYTES(a, b, sizeof a);
}

/*
 * HChaCha20 is the block function without the feed-forward, so its output
 * equals words 0..3 and 12..15 of the IETF block (counter = in word 0,
 * nonce = in[4..16]) minus the constants and the input words.
 */
static void check_hchacha_vs_block(void)
{
	static const uint8_t sigma[16] = "expand 32-byte k";
	uint8_t key[32], in[16], h[32], block[64], want[32];
	int i, t;

	for (t = 0; t < 20; t++) {
		tu_rand_bytes(key, sizeof key);
		tu_rand_bytes(in, sizeof in);
		hbox_hchacha20(h, key, in);
		hbox_chacha20_ietf(block, NULL, 64, key, in + 4, hb_load32_le(in));
		for (i = 0; i < 4; i++) {
			hb_store32_le(want + 4 * i,
			              hb_load32_le(block + 4 * i) - hb_load32_le(sigma + 4 * i));
			hb_store32_le(want + 16 + 4 * i,
			              hb_load32_le(block + 48 + 4 * i) - hb_load32_le(in + 4 * i));
		}
		CHECK_EQ_BYTES(h, want, 32);
	}
}

/* XChaCha20 = HChaCha20 subkey, then the draft's IETF form with nonce
 * 00000000 || nonce[16..24] (counter < 2^32). */
static void check_xchacha_construction(void)
{
	uint8_t key[32], nonce[24], subkey[32], inonce[12], a[200], b[200];
	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(nonce, sizeof nonce);
	hbox_hchacha20(subkey, key, nonce);
	memset(inonce, 0, 4);
	memcpy(inonce + 4, nonce + 16, 8);
	hbox_xchacha20(a, NULL, sizeof a, key, nonce, 7);
	hbox_chacha20_ietf(b, NULL, sizeof b, subkey, inonce, 7);
	CHECK_EQ_BYTES(a, b, sizeof a);
}

int main(void)
{
	size_t i;
	for (i = 0; i < sizeof variants / sizeof variants[0]; i++) {
		check_variant(&variants[i], 0);
		check_variant(&variants[i], 1000);
	}
	/* The original layout also across the word-12 carry. */
	check_variant(&variants[1], 0xffffffffull - 700);
	check_ietf_wrap();
	check_orig_carry();
	check_orig_vs_ietf();
	check_hchacha_vs_block();
	check_xchacha_construction();
	return tu_report("test_chacha20");
}

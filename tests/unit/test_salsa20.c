/*
 * Unit tests for the Salsa20 core, Salsa20, HSalsa20 and XSalsa20.
 *
 * The Salsa20 stream is checked against hbox_salsa20_core, which builds the
 * block input from bytes (nonce || le64(counter)) and so shares no counter
 * code with the stream: every length 0..300 and a few long ones, in place,
 * in == NULL == encrypting zeros, chunked calls == one call, nothing
 * written past len, unaligned buffers, the carry from word 8 into word 9.
 * HSalsa20 is checked against the core (same rounds, no feed-forward) and
 * XSalsa20 against HSalsa20 + Salsa20.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hopebox.h"
#include "hb_internal.h"
#include "testutil.h"

#define LONG_LEN (100000 + 37)
#define GUARD 16

/* Keystream block `counter` from the core function. */
static void core_block(uint8_t out[64], const uint8_t key[32], const uint8_t nonce[8],
                       uint64_t counter)
{
	uint8_t in[16];
	memcpy(in, nonce, 8);
	hb_store64_le(in + 8, counter);
	hbox_salsa20_core(out, key, in);
}

/* Stream under test: Salsa20 at `counter`, or XSalsa20 when xnonce != NULL
 * (counter then must be 0). */
static void stream(uint8_t *out, const uint8_t *in, size_t len, const uint8_t key[32],
                   const uint8_t *xnonce, const uint8_t nonce[8], uint64_t counter)
{
	if (xnonce != NULL)
		hbox_xsalsa20(out, in, len, key, xnonce);
	else
		hbox_salsa20(out, in, len, key, nonce, counter);
}

/*
 * Lengths and aliasing. With x set, the XSalsa20 stream is compared with
 * core blocks under the HSalsa20 subkey.
 */
static void check_stream(int x, uint64_t counter)
{
	static const size_t long_lens[] = {511, 512, 513, 4096 + 17, LONG_LEN};
	uint8_t key[32], xnonce[24], subkey[32];
	const uint8_t *nonce = xnonce + 16;
	size_t nblocks = (LONG_LEN + 63) / 64, len, i, j;
	uint8_t *ref = malloc(nblocks * 64);
	uint8_t *msg = malloc(LONG_LEN);
	uint8_t *buf = malloc(LONG_LEN + 1 + GUARD);
	uint8_t *buf2 = malloc(LONG_LEN + 1);
	const uint8_t *xn = x ? xnonce : NULL;
	char what[80];
	int bad;

	if (ref == NULL || msg == NULL || buf == NULL || buf2 == NULL) {
		CHECK(!"out of memory");
		return;
	}
	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(xnonce, sizeof xnonce);
	tu_rand_bytes(msg, LONG_LEN);
	if (x)
		hbox_hsalsa20(subkey, key, xnonce);
	else
		memcpy(subkey, key, 32);
	for (i = 0; i < nblocks; i++)
		core_block(ref + 64 * i, subkey, nonce, counter + i);

	for (len = 0; len <= 300 + sizeof long_lens / sizeof long_lens[0]; len++) {
		size_t n = len <= 300 ? len : long_lens[len - 301];
		uint8_t *out = buf + 1; /* deliberately unaligned */

		memset(buf, 0xee, n + 1 + GUARD);
		stream(out, NULL, n, key, xn, nonce, counter);
		bad = memcmp(out, ref, n) != 0;
		for (j = 0; j < GUARD; j++)
			bad |= out[n + j] != 0xee;
		stream(out, msg, n, key, xn, nonce, counter);
		for (j = 0; j < n; j++)
			bad |= out[j] != (uint8_t)(msg[j] ^ ref[j]);
		for (j = 0; j < GUARD; j++)
			bad |= out[n + j] != 0xee;
		stream(out, out, n, key, xn, nonce, counter);
		bad |= memcmp(out, msg, n) != 0;
		memset(buf2, 0, n);
		stream(buf2, buf2, n, key, xn, nonce, counter);
		bad |= memcmp(buf2, ref, n) != 0;
		snprintf(what, sizeof what, "%s, counter %llu, len %lu", x ? "xsalsa20" : "salsa20",
		         (unsigned long long)counter, (unsigned long)n);
		tu_check(!bad, what, __FILE__, __LINE__);
	}

	/* Chunked Salsa20 (whole blocks, counter advanced) == one call. XSalsa20
	 * has no counter argument: it is the HSalsa20 subkey + Salsa20 at 0. */
	for (i = 0; !x && i < 50; i++) {
		size_t total = tu_rand_below(4000), off = 0;
		while (total - off >= 64 && tu_rand_below(4) != 0) {
			size_t piece = 64 * (1 + tu_rand_below((total - off) / 64));
			hbox_salsa20(buf + off, msg + off, piece, key, nonce, counter + off / 64);
			off += piece;
		}
		hbox_salsa20(buf + off, msg + off, total - off, key, nonce, counter + off / 64);
		hbox_salsa20(buf2, msg, total, key, nonce, counter);
		CHECK_EQ_BYTES(buf, buf2, total);
	}
	if (x) {
		hbox_xsalsa20(buf, msg, 1000, key, xnonce);
		hbox_salsa20(buf2, msg, 1000, subkey, nonce, 0);
		CHECK_EQ_BYTES(buf, buf2, 1000);
	}

	stream(NULL, NULL, 0, key, xn, nonce, counter);
	CHECK(1);
	free(ref);
	free(msg);
	free(buf);
	free(buf2);
}

/*
 * HSalsa20 = the core without the feed-forward: its output words are core
 * words 0, 5, 10, 15 minus the constants and words 6..9 minus the input.
 */
static void check_hsalsa_vs_core(void)
{
	static const uint8_t sigma[16] = "expand 32-byte k";
	static const int pos[8] = {0, 5, 10, 15, 6, 7, 8, 9};
	uint8_t key[32], in[16], h[32], block[64], want[32];
	int i, t;

	for (t = 0; t < 20; t++) {
		tu_rand_bytes(key, sizeof key);
		tu_rand_bytes(in, sizeof in);
		hbox_hsalsa20(h, key, in);
		hbox_salsa20_core(block, key, in);
		for (i = 0; i < 8; i++) {
			uint32_t init = i < 4 ? hb_load32_le(sigma + 4 * i) : hb_load32_le(in + 4 * (i - 4));
			hb_store32_le(want + 4 * i, hb_load32_le(block + 4 * pos[i]) - init);
		}
		CHECK_EQ_BYTES(h, want, 32);
		hbox_hsalsa20(key, key, in); /* out may equal key */
		CHECK_EQ_BYTES(key, want, 32);
	}
}

/* A partial block ending right after the carry. */
static void check_carry(void)
{
	uint8_t key[32], nonce[8], got[64 * 3 - 9], want[64 * 3];
	int i;
	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(nonce, sizeof nonce);
	hbox_salsa20(got, NULL, sizeof got, key, nonce, 0xffffffffull);
	for (i = 0; i < 3; i++)
		core_block(want + 64 * i, key, nonce, 0xffffffffull + (uint64_t)i);
	CHECK_EQ_BYTES(got, want, sizeof got);
	hbox_salsa20(got, NULL, 128, key, nonce, ~(uint64_t)0);
	core_block(want, key, nonce, ~(uint64_t)0);
	core_block(want + 64, key, nonce, 0);
	CHECK_EQ_BYTES(got, want, 128);
}

int main(void)
{
	check_stream(0, 0);
	check_stream(0, 1000);
	check_stream(0, 0xffffffffull - 700);
	check_stream(1, 0);
	check_hsalsa_vs_core();
	check_carry();
	return tu_report("test_salsa20");
}

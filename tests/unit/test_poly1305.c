/*
 * Unit tests for Poly1305: RFC 8439 example, incremental == one-shot at
 * every split, both arithmetic paths against each other and against a slow
 * byte-wise reference, edge keys and blocks, rare carries, verify, aliasing,
 * ctx wipe.
 *
 * Both paths: the library uses radix 2^64 where __int128 exists. This file
 * compiles primitives/poly1305.c a second time, forced onto the radix 2^26
 * path with HB_POLY1305_32BIT and with its public functions renamed p26_*,
 * so the two run side by side in one program on the same context type (the
 * context layout does not depend on the path). On a target without
 * __int128 both copies are the 2^26 path and the comparison is trivial; the
 * reference comparison still checks it.
 */
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

#define HB_POLY1305_32BIT 1
#define hbox_poly1305_init p26_init
#define hbox_poly1305_update p26_update
#define hbox_poly1305_final p26_final
#define hbox_poly1305 p26_poly1305
#define hbox_poly1305_verify p26_verify
#include "poly1305.c"
#undef hbox_poly1305_init
#undef hbox_poly1305_update
#undef hbox_poly1305_final
#undef hbox_poly1305
#undef hbox_poly1305_verify

/* ---- slow reference: 17 bytes per number, schoolbook mod 2^130 - 5 ---- */

/* Propagate carries; bits at 2^130 and up come back times 5 (twice, so
 * the result is below 2^130 + small). */
static void ref_carry(uint32_t h[17])
{
	int pass, i;
	uint32_t c;
	for (pass = 0; pass < 2; pass++) {
		c = 0;
		for (i = 0; i < 16; i++) {
			h[i] += c;
			c = h[i] >> 8;
			h[i] &= 255;
		}
		h[16] += c;
		c = h[16] >> 2;
		h[16] &= 3;
		h[0] += 5 * c;
	}
}

static void ref_poly1305(uint8_t tag[16], const uint8_t *m, size_t len, const uint8_t key[32])
{
	uint32_t r[17] = {0}, h[17] = {0}, t[17], g[17], c;
	size_t n, i, j;
	for (i = 0; i < 16; i++)
		r[i] = key[i];
	r[3] &= 15, r[7] &= 15, r[11] &= 15, r[15] &= 15;
	r[4] &= 252, r[8] &= 252, r[12] &= 252;
	while (len > 0) {
		n = len < 16 ? len : 16;
		for (i = 0; i < n; i++)
			h[i] += m[i];
		h[n] += 1;
		m += n;
		len -= n;
		/* t = h * r, limb i+j >= 17 is 2^(8(i+j)) = 2^136 * ... = 320 * ... */
		for (i = 0; i < 17; i++) {
			t[i] = 0;
			for (j = 0; j < 17; j++)
				t[i] += j <= i ? h[j] * r[i - j] : 320 * h[j] * r[i + 17 - j];
		}
		/* Columns are below 2^30: spread them into bytes, then fold. */
		c = 0;
		for (i = 0; i < 16; i++) {
			c += t[i];
			h[i] = c & 255;
			c >>= 8;
		}
		h[16] = c + t[16];
		ref_carry(h);
	}
	ref_carry(h);
	/* h < 2^130 + small: subtract p when h + 5 reaches 2^130. */
	c = 5;
	for (i = 0; i < 17; i++) {
		c += h[i];
		g[i] = c & 255;
		c >>= 8;
	}
	if (g[16] >> 2)
		memcpy(h, g, sizeof h);
	c = 0;
	for (i = 0; i < 16; i++) {
		c += h[i] + key[16 + i];
		tag[i] = (uint8_t)c;
		c >>= 8;
	}
}

/* ---- tests ---- */

static void test_rfc(void)
{
	/* RFC 8439 2.5.2 */
	uint8_t key[32], msg[64], want[16], tag[16];
	long n;
	tu_unhex(key, 32, "85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
	n = tu_unhex(msg, 64, "43727970746f6772617068696320466f72756d2052657365617263682047726f7570");
	tu_unhex(want, 16, "a8061dc1305136c6c22b8baf0c0127a9");
	hbox_poly1305(tag, msg, (size_t)n, key);
	CHECK_EQ_BYTES(tag, want, 16);
	p26_poly1305(tag, msg, (size_t)n, key);
	CHECK_EQ_BYTES(tag, want, 16);
	ref_poly1305(tag, msg, (size_t)n, key);
	CHECK_EQ_BYTES(tag, want, 16);
	CHECK(hbox_poly1305_verify(want, msg, (size_t)n, key) == 0);
}

/* Incremental in 2 and 3 pieces at every split of every length <= 48. */
static void test_splits(void)
{
	uint8_t key[32], msg[48], want[16], tag[16];
	hbox_poly1305_ctx c;
	size_t len, i, j;
	unsigned long bad = 0;

	tu_rand_bytes(key, sizeof key);
	tu_rand_bytes(msg, sizeof msg);
	for (len = 0; len <= 48; len++) {
		hbox_poly1305(want, msg, len, key);
		for (i = 0; i <= len; i++) {
			for (j = i; j <= len; j++) {
				hbox_poly1305_init(&c, key);
				hbox_poly1305_update(&c, msg, i);
				hbox_poly1305_update(&c, msg + i, j - i);
				hbox_poly1305_update(&c, msg + j, len - j);
				hbox_poly1305_final(&c, tag);
				bad += memcmp(tag, want, 16) != 0;
				p26_init(&c, key);
				p26_update(&c, msg, i);
				p26_update(&c, msg + i, j - i);
				p26_update(&c, msg + j, len - j);
				p26_final(&c, tag);
				bad += memcmp(tag, want, 16) != 0;
			}
		}
	}
	CHECK(bad == 0);

	/* Byte at a time over a long message. */
	{
		uint8_t big[1000];
		tu_rand_bytes(big, sizeof big);
		hbox_poly1305(want, big, sizeof big, key);
		hbox_poly1305_init(&c, key);
		for (i = 0; i < sizeof big; i++)
			hbox_poly1305_update(&c, big + i, 1);
		hbox_poly1305_update(&c, NULL, 0);
		hbox_poly1305_final(&c, tag);
		CHECK_EQ_BYTES(tag, want, 16);
		/* final wipes the context */
		CHECK(tu_is_zero(&c, sizeof c));
	}
}

/* Library path, 2^26 path and reference agree; mixed paths on one ctx too. */
static void compare_all(const uint8_t *msg, size_t len, const uint8_t key[32], unsigned long *bad)
{
	uint8_t a[16], b[16], r[16];
	hbox_poly1305_ctx c;
	size_t half = len / 2;

	hbox_poly1305(a, msg, len, key);
	p26_poly1305(b, msg, len, key);
	ref_poly1305(r, msg, len, key);
	*bad += memcmp(a, r, 16) != 0;
	*bad += memcmp(b, r, 16) != 0;
	/* The state carries between paths: first half one way, rest the other. */
	hbox_poly1305_init(&c, key);
	hbox_poly1305_update(&c, msg, half);
	p26_update(&c, msg + half, len - half);
	hbox_poly1305_final(&c, a);
	*bad += memcmp(a, r, 16) != 0;
	p26_init(&c, key);
	p26_update(&c, msg, half);
	hbox_poly1305_update(&c, msg + half, len - half);
	p26_final(&c, b);
	*bad += memcmp(b, r, 16) != 0;
}

static void test_paths(void)
{
	static const size_t lens[] = {0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 255, 1000, 4103};
	static uint8_t msg[4103];
	uint8_t key[32];
	unsigned long bad = 0;
	size_t i, k, len;
	int trial;

	/* Random keys and messages at the listed lengths. */
	for (trial = 0; trial < 20; trial++) {
		tu_rand_bytes(key, 32);
		tu_rand_bytes(msg, sizeof msg);
		for (i = 0; i < sizeof lens / sizeof lens[0]; i++)
			compare_all(msg, lens[i], key, &bad);
	}
	/* Edge values: r and s with every bit set (r clamped to its maximum),
	 * message blocks of 0xff (each block is 2^129 - 1 before reduction),
	 * all-zero keys and messages, and mixtures of 00/ff bytes. */
	for (trial = 0; trial < 6; trial++) {
		memset(key, (trial & 1) ? 0xff : 0x00, 16);
		memset(key + 16, (trial & 2) ? 0xff : 0x00, 16);
		memset(msg, trial < 4 ? 0xff : 0x00, 512);
		if (trial >= 4)
			for (i = 0; i < 512; i++)
				msg[i] = (tu_rand32() & 1) ? 0xff : 0x00;
		for (len = 0; len <= 512; len += (len < 64 ? 1 : 37))
			compare_all(msg, len, key, &bad);
	}
	/* Random keys whose bytes are mostly 0xff or 0x00. */
	for (trial = 0; trial < 200; trial++) {
		for (k = 0; k < 32; k++)
			key[k] = (tu_rand32() & 3) ? 0xff : (uint8_t)tu_rand32();
		for (k = 0; k < 128; k++)
			msg[k] = (tu_rand32() & 3) ? 0xff : (uint8_t)tu_rand32();
		compare_all(msg, tu_rand_below(129), key, &bad);
	}
	CHECK(bad == 0);
}

/*
 * Accumulator values near p: with r = 1 (key bytes 01 00 .. 00) the tag of
 * one full block c is (c + 2^128) mod p + s, so h can be set to any value
 * in [2^128, 2^129) and, over two blocks, to values around p itself.
 */
static void test_near_p(void)
{
	uint8_t key[32] = {1}, msg[32], a[16], b[16], r[16];
	unsigned long bad = 0;
	int i, lo;

	for (i = 0; i < 64; i++) {
		memset(msg, 0xff, 32);
		/* Blocks 2^128 - 1 and 2^128 - 1 - i: h = 2^130 - 2 - i, i.e. p + 3 - i. */
		for (lo = 0; lo < 16; lo++)
			msg[16 + lo] = (uint8_t)(lo == 0 ? 0xff - i : 0xff);
		memcpy(key + 16, msg, 16);
		hbox_poly1305(a, msg, 32, key);
		p26_poly1305(b, msg, 32, key);
		ref_poly1305(r, msg, 32, key);
		bad += memcmp(a, r, 16) != 0;
		bad += memcmp(b, r, 16) != 0;
	}
	CHECK(bad == 0);
}

/*
 * Rare carries. With r = 1 the accumulator is the plain sum of the blocks
 * (plus 2^128 each, mod p), so chosen blocks reach the carry paths random
 * data practically never hits: e.g. ff..ff then 01 00..00 carries out of
 * both low words at once, and three ff..ff blocks make the fold of bits 130+
 * carry through both words into the top limb. Other small r (r1 = 4 gives
 * s1 = 5 on the 64-bit path) mix the columns. Blocks are drawn from a
 * palette of such edge values; all paths must agree with the reference.
 */
static void test_carries(void)
{
	static const char *const keys_r[] = {
		"01000000000000000000000000000000", "00000000000000000400000000000000",
		"01000000000000000400000000000000", "ffffff0f000000000000000000000000",
		"0000000000000000fcffff0ffcffff0f", "03000000000000000000000000000000",
	};
	uint8_t key[32], msg[16 * 8], a[16], b[16], r[16];
	unsigned long bad = 0;
	size_t nblocks, i, j, tail;
	int trial;

	for (i = 0; i < sizeof keys_r / sizeof keys_r[0]; i++) {
		tu_unhex(key, 16, keys_r[i]);
		for (trial = 0; trial < 400; trial++) {
			tu_rand_bytes(key + 16, 16);
			nblocks = 1 + tu_rand_below(8);
			for (j = 0; j < nblocks; j++) {
				uint8_t *blk = msg + 16 * j;
				switch (tu_rand_below(5)) {
				case 0:
					memset(blk, 0xff, 16);
					break;
				case 1:
					memset(blk, 0, 16);
					blk[0] = (uint8_t)(1 + tu_rand_below(8));
					break;
				case 2:
					memset(blk, 0xff, 16);
					blk[0] = (uint8_t)(0xff - tu_rand_below(8));
					break;
				case 3:
					memset(blk, 0, 16);
					break;
				default:
					tu_rand_bytes(blk, 16);
				}
			}
			/* sometimes end in a partial block */
			tail = (trial & 3) == 0 ? tu_rand_below(16) : 0;
			compare_all(msg, 16 * (nblocks - 1) + (tail ? tail : 16), key, &bad);
		}
	}
	/* The two named cases, explicitly. */
	memset(key, 0, 32);
	key[0] = 1;
	memset(msg, 0xff, 48);
	for (i = 16; i < 32; i++)
		msg[i] = (uint8_t)(i == 16);
	hbox_poly1305(a, msg, 32, key);
	p26_poly1305(b, msg, 32, key);
	ref_poly1305(r, msg, 32, key);
	CHECK_EQ_BYTES(a, r, 16);
	CHECK_EQ_BYTES(b, r, 16);
	memset(msg, 0xff, 48);
	hbox_poly1305(a, msg, 48, key);
	p26_poly1305(b, msg, 48, key);
	ref_poly1305(r, msg, 48, key);
	CHECK_EQ_BYTES(a, r, 16);
	CHECK_EQ_BYTES(b, r, 16);
	CHECK(bad == 0);
}

static void test_verify_alias(void)
{
	uint8_t key[32], msg[100], tag[16], want[16];
	hbox_poly1305_ctx c1, c2;
	int i;

	tu_rand_bytes(key, 32);
	tu_rand_bytes(msg, sizeof msg);
	hbox_poly1305(tag, msg, sizeof msg, key);
	CHECK(hbox_poly1305_verify(tag, msg, sizeof msg, key) == 0);
	CHECK(p26_verify(tag, msg, sizeof msg, key) == 0);
	for (i = 0; i < 128; i++) {
		tag[i / 8] ^= (uint8_t)(1u << (i % 8));
		CHECK(hbox_poly1305_verify(tag, msg, sizeof msg, key) == -1);
		tag[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
	for (i = 0; i < 8 * (int)sizeof msg; i += 7) {
		msg[i / 8] ^= (uint8_t)(1u << (i % 8));
		CHECK(hbox_poly1305_verify(tag, msg, sizeof msg, key) == -1);
		msg[i / 8] ^= (uint8_t)(1u << (i % 8));
	}
	CHECK(hbox_poly1305_verify(tag, msg, sizeof msg - 1, key) == -1);

	/* tag written over the start of msg, and over key. */
	{
		uint8_t buf[100], k2[32];
		memcpy(want, tag, 16);
		memcpy(buf, msg, sizeof buf);
		hbox_poly1305(buf, buf, sizeof buf, key);
		CHECK_EQ_BYTES(buf, want, 16);
		memcpy(k2, key, 32);
		hbox_poly1305(k2, msg, sizeof msg, k2);
		CHECK_EQ_BYTES(k2, want, 16);
	}

	/* A copied context continues independently (forking a common prefix). */
	hbox_poly1305_init(&c1, key);
	hbox_poly1305_update(&c1, msg, 37);
	c2 = c1;
	hbox_poly1305_update(&c1, msg + 37, sizeof msg - 37);
	hbox_poly1305_final(&c1, tag);
	CHECK_EQ_BYTES(tag, want, 16);
	hbox_poly1305_update(&c2, msg + 37, 10);
	hbox_poly1305_final(&c2, tag);
	hbox_poly1305(want, msg, 47, key);
	CHECK_EQ_BYTES(tag, want, 16);
}

int main(void)
{
	test_rfc();
	test_splits();
	test_paths();
	test_near_p();
	test_carries();
	test_verify_alias();
	return tu_report("test_poly1305");
}

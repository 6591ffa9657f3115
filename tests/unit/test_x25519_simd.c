/*
 * Differential test of the X25519 fast paths: every path this build and
 * CPU offer (the default dispatch, and each HBOX_CPU_* feature alone)
 * against the portable code (forced with hbox_cpu_override(0)), output
 * bytes and return value, for hbox_x25519 and hbox_x25519_base on:
 *   - random scalars and u-coordinates (bit 255 random);
 *   - non-canonical u (p + r for r < 19, and 2^255 - 1 - r), u with bit
 *     255 set, u = 2, 9, p - 2, and limbs at their extremes (bytes 0xff);
 *   - every small-order u (0, 1, p - 1, the two points of order 8, p,
 *     p + 1): -1 and an all-zero output on every path;
 *   - scalars with runs of equal bits (many or no conditional swaps),
 *     all zero and all ones, and single bits.
 * On a CPU without the SIMD features, or in a HOPEBOX_PORTABLE build, every
 * path is the portable one: the test still runs and says so.
 */
#include <stdio.h>
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

static unsigned paths[8];
static int npaths;

/* Every distinct feature set worth forcing: each feature alone, then all. */
static void find_paths(void)
{
	static const unsigned singles[] = {HBOX_CPU_AVX2, HBOX_CPU_AVX512IFMA | HBOX_CPU_AVX512F};
	unsigned all = hbox_cpu_features(), f;
	size_t i;
	int j, seen;

	for (i = 0; i <= sizeof singles / sizeof singles[0]; i++) {
		f = i < sizeof singles / sizeof singles[0] ? singles[i] & all : all;
		seen = f == 0;
		for (j = 0; j < npaths; j++)
			seen |= paths[j] == f;
		if (!seen)
			paths[npaths++] = f;
	}
}

static void check_u(const uint8_t sk[32], const uint8_t u[32])
{
	uint8_t want[32], got[32];
	int rwant, rgot, j;

	hbox_cpu_override(0);
	rwant = hbox_x25519(want, sk, u);
	for (j = 0; j < npaths; j++) {
		hbox_cpu_override(paths[j]);
		memset(got, 0xa5, 32);
		rgot = hbox_x25519(got, sk, u);
		CHECK(rgot == rwant);
		CHECK_EQ_BYTES(got, want, 32);
	}
	hbox_cpu_override(HBOX_CPU_ALL);
}

static void check_base(const uint8_t sk[32])
{
	uint8_t want[32], got[32];
	int j;

	hbox_cpu_override(0);
	hbox_x25519_base(want, sk);
	for (j = 0; j < npaths; j++) {
		hbox_cpu_override(paths[j]);
		hbox_x25519_base(got, sk);
		CHECK_EQ_BYTES(got, want, 32);
	}
	hbox_cpu_override(HBOX_CPU_ALL);
}

/* u = p + r (r < 19), canonically r; flags bit 255 when top is set. */
static void set_p_plus(uint8_t u[32], unsigned r, int top)
{
	memset(u, 0xff, 32);
	u[0] = (uint8_t)(0xed + r);
	u[31] = top ? 0xff : 0x7f;
}

static void test_edges(void)
{
	static const char *const small[] = {
	    "0000000000000000000000000000000000000000000000000000000000000000",
	    "0100000000000000000000000000000000000000000000000000000000000000",
	    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
	    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
	    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	};
	static const uint8_t fills[] = {0x00, 0xff, 0x55, 0xaa, 0x0f, 0xf0, 0x80, 0x01};
	uint8_t sk[32], u[32], out[32];
	size_t i, f;
	unsigned r;
	int j;

	for (f = 0; f < sizeof fills; f++) {
		memset(sk, fills[f], 32);
		check_base(sk);
		for (r = 0; r < 19; r++) {
			set_p_plus(u, r, (int)(r & 1));
			if (r < 2)
				continue; /* p, p + 1: small order, below */
			check_u(sk, u);
		}
		for (r = 0; r < 4; r++) { /* 2^255 - 1 - r, bit 255 set or not */
			memset(u, 0xff, 32);
			u[0] = (uint8_t)(0xff - r);
			u[31] = (uint8_t)(0x7f | (r << 7));
			check_u(sk, u);
		}
		memset(u, 0, 32);
		u[0] = 2;
		check_u(sk, u);
		u[0] = 9;
		check_u(sk, u);
		u[31] = 0x80; /* 9 with bit 255 set */
		check_u(sk, u);
		set_p_plus(u, 0, 0);
		u[0] = 0xeb; /* p - 2 */
		check_u(sk, u);
	}

	/* small order: -1 and zeros on every path */
	for (i = 0; i < sizeof small / sizeof small[0] + 2; i++) {
		if (i < sizeof small / sizeof small[0])
			CHECK(tu_unhex(u, 32, small[i]) == 32);
		else
			set_p_plus(u, (unsigned)(i - sizeof small / sizeof small[0]), 0);
		for (j = 0; j < 4; j++) {
			tu_rand_bytes(sk, 32);
			if (j == 2)
				u[31] |= 0x80;
			check_u(sk, u);
			CHECK(hbox_x25519(out, sk, u) == -1);
			CHECK(tu_is_zero(out, 32));
		}
	}

	/* single scalar bits */
	tu_rand_bytes(u, 32);
	for (i = 0; i < 256; i += 3) {
		memset(sk, 0, 32);
		sk[i / 8] = (uint8_t)(1u << (i % 8));
		check_u(sk, u);
		check_base(sk);
	}
}

static void test_random(void)
{
	uint8_t sk[32], u[32];
	int n;

	for (n = 0; n < 500; n++) {
		tu_rand_bytes(sk, 32);
		tu_rand_bytes(u, 32);
		check_u(sk, u);
		if (n % 5 == 0)
			check_base(sk);
	}
}

int main(void)
{
	find_paths();
	printf("test_x25519_simd: %s; %d fast path(s) (features 0x%x)\n", hbox_build_info(),
	       npaths, hbox_cpu_features());
	if (npaths == 0) {
		printf("test_x25519_simd: no SIMD path here: portable against itself only\n");
		paths[npaths++] = 0;
	}
	test_edges();
	test_random();
	return tu_report("test_x25519_simd");
}

/*
 * test_x25519.c - X25519 and its field arithmetic.
 *
 * Built twice by CTest: against the default library (64-bit field where the
 * compiler has unsigned __int128) and, as test_x25519_fe32, against a
 * library built with -DHOPEBOX_FE32=1 (this file then also gets
 * HOPEBOX_FE32=1, so the inline field operations it tests directly are the
 * 32-bit ones too).
 *
 *  - field: every operation against a slow reference (8 x 32-bit words,
 *    reduced mod p) on random operands and on operands at the limb bounds
 *    the representation header promises (the "lazy reduction" contract);
 *  - X25519: random DH agreement, clamping, bit 255 and non-canonical u,
 *    all-zero results (-1, zeroed output), aliasing;
 *  - a chain of 256 scalar multiplications on random points whose final
 *    value was computed with libsodium 1.0.18 (crypto_scalarmult): both
 *    builds must reach it, so the 64-bit and 32-bit fields agree with each
 *    other and with libsodium.
 */
#include <string.h>

#include "hb_fe25519.h"
#include "hopebox.h"
#include "testutil.h"

/* ---------------------------------------------------------------- reference */

/* p = 2^255 - 19 as 8 little-endian 32-bit words. */
static const uint32_t ref_p[8] = {0xffffffed, 0xffffffff, 0xffffffff, 0xffffffff,
                                  0xffffffff, 0xffffffff, 0xffffffff, 0x7fffffff};

static int ref_geq_p(const uint32_t a[8])
{
	int i;
	for (i = 7; i >= 0; i--) {
		if (a[i] != ref_p[i])
			return a[i] > ref_p[i];
	}
	return 1;
}

static void ref_sub_p(uint32_t a[8])
{
	uint64_t borrow = 0;
	int i;
	for (i = 0; i < 8; i++) {
		uint64_t d = (uint64_t)a[i] - ref_p[i] - borrow;
		a[i] = (uint32_t)d;
		borrow = (d >> 32) & 1;
	}
}

/* out = x mod p for a 16-word x (2^256 = 38 mod p; fold until it fits). */
static void ref_reduce(uint32_t out[8], const uint32_t x[16])
{
	uint32_t t[16];
	int i, high;
	memcpy(t, x, sizeof t);
	do {
		uint64_t c = 0;
		for (i = 0; i < 8; i++) {
			c += (uint64_t)t[i] + (uint64_t)t[8 + i] * 38;
			t[i] = (uint32_t)c;
			c >>= 32;
		}
		t[8] = (uint32_t)c;
		for (i = 9; i < 16; i++)
			t[i] = 0;
		high = t[8] != 0;
	} while (high);
	while (ref_geq_p(t))
		ref_sub_p(t);
	memcpy(out, t, 8 * sizeof(uint32_t));
}

static void ref_mul(uint32_t out[8], const uint32_t a[8], const uint32_t b[8])
{
	uint32_t x[16] = {0};
	int i, j;
	for (i = 0; i < 8; i++) {
		uint64_t c = 0;
		for (j = 0; j < 8; j++) {
			c += (uint64_t)a[i] * b[j] + x[i + j];
			x[i + j] = (uint32_t)c;
			c >>= 32;
		}
		x[i + 8] = (uint32_t)c;
	}
	ref_reduce(out, x);
}

/* out = a + b mod p, out = a - b mod p (a, b canonical). */
static void ref_add(uint32_t out[8], const uint32_t a[8], const uint32_t b[8])
{
	uint32_t x[16] = {0};
	uint64_t c = 0;
	int i;
	for (i = 0; i < 8; i++) {
		c += (uint64_t)a[i] + b[i];
		x[i] = (uint32_t)c;
		c >>= 32;
	}
	x[8] = (uint32_t)c;
	ref_reduce(out, x);
}

static void ref_sub(uint32_t out[8], const uint32_t a[8], const uint32_t b[8])
{
	uint32_t neg_b[8];
	uint64_t borrow = 0;
	int i;
	/* neg_b = p - b (b < p, so no borrow out), then a + neg_b */
	for (i = 0; i < 8; i++) {
		uint64_t d = (uint64_t)ref_p[i] - b[i] - borrow;
		neg_b[i] = (uint32_t)d;
		borrow = (d >> 32) & 1;
	}
	ref_add(out, a, neg_b);
}

/* Number of limbs and bit position of limb i in this build's field. */
#define FE_LIMBS (HB_FE25519_BITS == 64 ? 5 : 10)
static unsigned fe_pos(int i)
{
	return HB_FE25519_BITS == 64 ? 51u * (unsigned)i : (51u * (unsigned)i + 1) / 2;
}

/* Value of f (limbs possibly above their nominal width) mod p. */
static void fe_value(uint32_t out[8], const hb_fe f)
{
	uint32_t x[16] = {0};
	int i, w;
	for (i = 0; i < FE_LIMBS; i++) {
		unsigned pos = fe_pos(i);
		uint64_t v = (uint64_t)f[i], c;
		/* add v << (pos % 32) at word pos / 32, carrying upwards */
		c = (v << (pos % 32)) & 0xffffffffu;
		v = (pos % 32) ? (v >> (32 - pos % 32)) : (v >> 32);
		for (w = (int)(pos / 32); w < 16; w++) {
			c += x[w];
			x[w] = (uint32_t)c;
			c >>= 32;
			c += v & 0xffffffffu;
			v >>= 32;
		}
	}
	ref_reduce(out, x);
}

static void ref_from_bytes(uint32_t out[8], const uint8_t s[32])
{
	uint32_t x[16] = {0};
	int i;
	for (i = 0; i < 8; i++)
		x[i] = (uint32_t)s[4 * i] | ((uint32_t)s[4 * i + 1] << 8) |
		       ((uint32_t)s[4 * i + 2] << 16) | ((uint32_t)s[4 * i + 3] << 24);
	ref_reduce(out, x);
}

static int fe_equals_ref(const hb_fe f, const uint32_t want[8])
{
	uint32_t got[8];
	fe_value(got, f);
	return memcmp(got, want, sizeof got) == 0;
}

/* ---------------------------------------------------------------- field tests */

/* Largest limb values of the "tight" class (hb_fe25519_64.h / _32.h). */
static uint64_t tight_max(int i)
{
	if (HB_FE25519_BITS == 64)
		return ((uint64_t)1 << 51) + ((uint64_t)1 << 17) - 1;
	return (i & 1) ? ((uint64_t)1 << 25) + ((uint64_t)1 << 18) - 1 : ((uint64_t)1 << 26) - 1;
}

static void fe_random_tight(hb_fe f)
{
	int i;
	for (i = 0; i < FE_LIMBS; i++) {
		/* mostly uniform below the bound, sometimes the bound itself or 0 */
		uint64_t r = tu_rand64(), m = tight_max(i);
		f[i] = (r & 7) == 0 ? m : (r & 7) == 1 ? 0 : (r >> 3) % (m + 1);
	}
}

/* Check every operation on tight inputs f, g and on the loose values
 * f + g and f - g derived from them. */
static void check_ops(const hb_fe f, const hb_fe g)
{
	uint32_t vf[8], vg[8], vs[8], vd[8], want[8], t[8];
	uint32_t c121666[8] = {121666}, c9[8] = {9};
	hb_fe s, d, h;
	uint8_t enc[32];

	fe_value(vf, f);
	fe_value(vg, g);
	hb_fe_add(s, f, g);
	hb_fe_sub(d, f, g);
	fe_value(vs, s);
	fe_value(vd, d);
	ref_add(want, vf, vg);
	CHECK(memcmp(vs, want, sizeof want) == 0);
	ref_sub(want, vf, vg);
	CHECK(memcmp(vd, want, sizeof want) == 0);

	/* mul/sq/mul_small on every tight/loose combination */
	hb_fe_mul(h, f, g);
	ref_mul(want, vf, vg);
	CHECK(fe_equals_ref(h, want));
	hb_fe_mul(h, s, d);
	ref_mul(want, vs, vd);
	CHECK(fe_equals_ref(h, want));
	hb_fe_mul(h, d, d);
	ref_mul(want, vd, vd);
	CHECK(fe_equals_ref(h, want));
	hb_fe_mul(h, s, s);
	ref_mul(want, vs, vs);
	CHECK(fe_equals_ref(h, want));
	hb_fe_sq(h, s);
	CHECK(fe_equals_ref(h, want));
	hb_fe_sq(h, d);
	ref_mul(want, vd, vd);
	CHECK(fe_equals_ref(h, want));
	hb_fe_sq(h, f);
	ref_mul(want, vf, vf);
	CHECK(fe_equals_ref(h, want));
	hb_fe_mul_small(h, d, 121666);
	ref_mul(want, vd, c121666);
	CHECK(fe_equals_ref(h, want));
	hb_fe_mul_small(h, s, 9);
	ref_mul(want, vs, c9);
	CHECK(fe_equals_ref(h, want));

	/* tobytes of a tight value is canonical, and frombytes reads it back */
	hb_fe_tobytes(enc, f);
	ref_from_bytes(t, enc);
	CHECK(memcmp(t, vf, sizeof t) == 0);
	CHECK((enc[31] & 0x80) == 0);
	{
		uint32_t w[8];
		int i;
		for (i = 0; i < 8; i++)
			w[i] = (uint32_t)enc[4 * i] | ((uint32_t)enc[4 * i + 1] << 8) |
			       ((uint32_t)enc[4 * i + 2] << 16) | ((uint32_t)enc[4 * i + 3] << 24);
		CHECK(!ref_geq_p(w)); /* canonical: below p */
	}
	hb_fe_frombytes(h, enc);
	CHECK(fe_equals_ref(h, vf));

	/* the results of mul/sq are tight again: feed one back through sub */
	hb_fe_mul(h, s, d);
	hb_fe_sub(h, h, f);
	hb_fe_mul(h, h, h);
	ref_mul(t, vs, vd);
	ref_sub(t, t, vf);
	ref_mul(want, t, t);
	CHECK(fe_equals_ref(h, want));
}

static void test_field(void)
{
	hb_fe f, g, zero, one, inv;
	uint32_t vf[8], want[8], onev[8] = {1};
	int i, n;

	/* the extremes of the tight class */
	for (i = 0; i < FE_LIMBS; i++) {
		f[i] = tight_max(i);
		zero[i] = 0;
	}
	check_ops(f, f);
	check_ops(f, zero);
	check_ops(zero, f);
	check_ops(zero, zero);

	for (n = 0; n < 3000; n++) {
		fe_random_tight(f);
		fe_random_tight(g);
		check_ops(f, g);
	}

	hb_fe_1(one);
	hb_fe_invert(inv, zero);
	CHECK(fe_equals_ref(inv, (uint32_t[8]){0}));
	hb_fe_invert(inv, one);
	CHECK(fe_equals_ref(inv, onev));

	/* cswap */
	fe_random_tight(f);
	fe_random_tight(g);
	fe_value(vf, f);
	fe_value(want, g);
	hb_fe_cswap(f, g, 0);
	CHECK(fe_equals_ref(f, vf) && fe_equals_ref(g, want));
	hb_fe_cswap(f, g, 1);
	CHECK(fe_equals_ref(f, want) && fe_equals_ref(g, vf));
}

/* f * (1/f) = 1, or 1/f = 0 when f = 0 (mod p). */
static void check_invert(const hb_fe f)
{
	static const uint32_t zerov[8] = {0}, onev[8] = {1};
	uint32_t vf[8];
	hb_fe inv, g;

	fe_value(vf, f);
	hb_fe_invert(inv, f);
	hb_fe_mul(g, inv, f);
	if (memcmp(vf, zerov, sizeof vf) == 0)
		CHECK(fe_equals_ref(inv, zerov));
	else
		CHECK(fe_equals_ref(g, onev));
}

/*
 * The inversion (divsteps with the 64-bit field, Fermat with the 32-bit
 * one) on random tight values, small values, values next to powers of two
 * and to p, multiples of p (non-canonical zero), and the tight maximum.
 */
static void test_invert(void)
{
	static const uint8_t pbytes[32] = {0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	                                   0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
	uint8_t s[32];
	hb_fe f;
	int i, k, n;

	for (n = 0; n < 3000; n++) {
		fe_random_tight(f);
		check_invert(f);
	}
	for (n = 0; n < 300; n++) { /* small values */
		memset(s, 0, 32);
		hb_store32_le(s, (uint32_t)n);
		hb_fe_frombytes(f, s);
		check_invert(f);
	}
	for (k = 0; k < 255; k++) { /* 2^k - 1, 2^k, 2^k + 1 */
		for (i = -1; i <= 1; i++) {
			memset(s, 0, 32);
			s[k / 8] = (uint8_t)(1u << (k % 8));
			if (i == -1) {
				memset(s, 0xff, (size_t)(k / 8));
				s[k / 8] = (uint8_t)((1u << (k % 8)) - 1);
			} else if (i == 1) {
				s[0] |= 1;
			}
			hb_fe_frombytes(f, s);
			check_invert(f);
		}
	}
	for (i = 0; i < 40; i++) { /* p - 20 .. p + 19: p, p + 1 non-canonical */
		memcpy(s, pbytes, 32);
		s[0] = (uint8_t)(0xed - 20 + i);
		hb_fe_frombytes(f, s);
		check_invert(f);
	}
	hb_fe_frombytes(f, pbytes); /* p as a sum of limbs: 1/p = 0 */
	hb_fe_add(f, f, f);
	hb_fe_carry(f, f); /* 2p, tight */
	check_invert(f);
	for (i = 0; i < FE_LIMBS; i++)
		f[i] = tight_max(i);
	check_invert(f);
}

/* ---------------------------------------------------------------- X25519 */

static void set_u(uint8_t u[32], const uint32_t w[8])
{
	int i;
	for (i = 0; i < 8; i++)
		hb_store32_le(u + 4 * i, w[i]);
}

static void test_dh(void)
{
	uint8_t a[32], b[32], pa[32], pb[32], s1[32], s2[32];
	int n;
	for (n = 0; n < 64; n++) {
		tu_rand_bytes(a, 32);
		tu_rand_bytes(b, 32);
		hbox_x25519_base(pa, a);
		hbox_x25519_base(pb, b);
		CHECK(hbox_x25519(s1, a, pb) == 0);
		CHECK(hbox_x25519(s2, b, pa) == 0);
		CHECK_EQ_BYTES(s1, s2, 32);
		CHECK((pa[31] & 0x80) == 0);
	}
}

static void test_clamp_and_encoding(void)
{
	static const uint8_t nine[32] = {9};
	uint8_t s[32], s2[32], u[32], u2[32], r1[32], r2[32];
	uint32_t w[8];
	int i;

	tu_rand_bytes(s, 32);
	tu_rand_bytes(u, 32);
	u[31] &= 0x7f;

	/* clamping: bits 0..2 and 255 of the scalar do not matter, bit 254 is
	 * always set */
	CHECK(hbox_x25519(r1, s, u) == 0);
	memcpy(s2, s, 32);
	s2[0] ^= 7;
	s2[31] ^= 0x80;
	s2[31] |= 0x40; /* bit 254: clamping sets it anyway */
	CHECK(hbox_x25519(r2, s2, u) == 0);
	CHECK_EQ_BYTES(r1, r2, 32);

	/* bit 255 of u is ignored (RFC 7748 section 5) */
	memcpy(u2, u, 32);
	u2[31] |= 0x80;
	CHECK(hbox_x25519(r2, s, u2) == 0);
	CHECK_EQ_BYTES(r1, r2, 32);

	/* non-canonical u: u + p for u < 19 encodes the same point */
	for (i = 0; i < 19; i++) {
		if (i == 0 || i == 1)
			continue; /* small order: tested below */
		memset(w, 0, sizeof w);
		w[0] = (uint32_t)i;
		set_u(u, w);
		memcpy(w, ref_p, sizeof w);
		w[0] += (uint32_t)i;
		set_u(u2, w);
		CHECK(hbox_x25519(r1, s, u) == 0);
		CHECK(hbox_x25519(r2, s, u2) == 0);
		CHECK_EQ_BYTES(r1, r2, 32);
		u2[31] |= 0x80; /* and with bit 255 set on top */
		CHECK(hbox_x25519(r2, s, u2) == 0);
		CHECK_EQ_BYTES(r1, r2, 32);
	}

	/* base = X25519(s, 9), also when the output aliases the scalar */
	hbox_x25519_base(r1, s);
	CHECK(hbox_x25519(r2, s, nine) == 0);
	CHECK_EQ_BYTES(r1, r2, 32);
	memcpy(s2, s, 32);
	hbox_x25519_base(s2, s2);
	CHECK_EQ_BYTES(r1, s2, 32);

	/* aliasing: shared == sk, shared == pk */
	CHECK(hbox_x25519(r1, s, u) == 0);
	memcpy(s2, s, 32);
	CHECK(hbox_x25519(s2, s2, u) == 0);
	CHECK_EQ_BYTES(r1, s2, 32);
	memcpy(u2, u, 32);
	CHECK(hbox_x25519(u2, s, u2) == 0);
	CHECK_EQ_BYTES(r1, u2, 32);
}

/*
 * u-coordinates of small order on the curve or its twist (0, 1, the two
 * points of order 8, p - 1) and the non-canonical p, p + 1 (= 0, 1), each
 * also with bit 255 set (ignored): the result is all zero, so -1 and a
 * zeroed output.
 */
static void test_small_order(void)
{
	static const char *const small[] = {
	    "0000000000000000000000000000000000000000000000000000000000000000",
	    "0100000000000000000000000000000000000000000000000000000000000000",
	    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
	    "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
	    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	    "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	    "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
	};
	uint8_t s[32], u[32], out[32];
	size_t i;
	int n;
	for (i = 0; i < sizeof small / sizeof small[0]; i++) {
		CHECK(tu_unhex(u, 32, small[i]) == 32);
		for (n = 0; n < 8; n++) {
			if (n == 4)
				u[31] |= 0x80;
			tu_rand_bytes(s, 32);
			memset(out, 0xa5, 32);
			CHECK(hbox_x25519(out, s, u) == -1);
			CHECK(tu_is_zero(out, 32));
		}
	}
}

/* n bytes from tu_rand64, each word stored little-endian (tu_rand_bytes
 * copies host-order words, which would change the chain below on a
 * big-endian host). */
static void rand_bytes_le(uint8_t *p, size_t n)
{
	uint8_t w[8];
	size_t i;
	for (i = 0; i < n; i++) {
		if (i % 8 == 0)
			hb_store64_le(w, tu_rand64());
		p[i] = w[i % 8];
	}
}

/*
 * 256 steps of s = X25519(s, u_i) with u_i = 32 random bytes (bit 255
 * included) from tu_seed(25519), the start s likewise; the final s was
 * computed with libsodium 1.0.18 crypto_scalarmult over the same sequence
 * (on x86-64, where tu_rand_bytes gives the same bytes as rand_bytes_le).
 */
static void test_chain(void)
{
	static const char *want_hex =
	    "ee753423edefbf3f378fa902f4ed3bc60e40897856fecc58193a1ee3f638a65f";
	uint8_t s[32], u[32], want[32];
	int i, ok = 1;

	tu_seed(25519);
	rand_bytes_le(s, 32);
	for (i = 0; i < 256; i++) {
		rand_bytes_le(u, 32);
		ok &= hbox_x25519(s, s, u) == 0;
	}
	CHECK(ok);
	CHECK(tu_unhex(want, 32, want_hex) == 32);
	CHECK_EQ_BYTES(s, want, 32);
}

int main(void)
{
#if defined(HOPEBOX_FE32) && HOPEBOX_FE32
	CHECK(hb_fe25519_bits() == 32); /* the library really is the 32-bit build */
#elif defined(__SIZEOF_INT128__)
	CHECK(hb_fe25519_bits() == 64);
#endif
	CHECK(hb_fe25519_bits() == HB_FE25519_BITS);
	test_field();
	test_invert();
	test_dh();
	test_clamp_and_encoding();
	test_small_order();
	test_chain();
#if defined(HOPEBOX_FE32) && HOPEBOX_FE32
	return tu_report("test_x25519_fe32");
#else
	return tu_report("test_x25519");
#endif
}

/*
 * test_x25519_base.c - fixed-base X25519 (x25519_base.c, hb_x25519.h).
 *
 * Built twice by CTest, like test_x25519.c: against the default library
 * and, as test_x25519_base_fe32, against the 32-bit-field library.
 *
 *  - the committed table (primitives/x25519_table.c, written by
 *    tests/tools/gen_x25519_table.py with Python integers) equals a
 *    recomputation here with affine Edwards additions on the library's own
 *    field operations (which test_x25519 checks against a reference);
 *  - hbox_x25519_base(sk) equals the Montgomery ladder hbox_x25519(sk, 9)
 *    on random scalars and on scalars chosen for their signed base-16
 *    digits: every digit value, long runs of carries, the largest and
 *    smallest clamped scalars.
 * In a HOPEBOX_SMALL build there is no table; the second part still runs
 * (both sides are then the ladder).
 */
#include <string.h>

#include "hb_fe25519.h"
#include "hb_x25519.h"
#include "hopebox.h"
#include "testutil.h"

static void check_base_equals_ladder(const uint8_t sk[32])
{
	static const uint8_t nine[32] = {9};
	uint8_t a[32], b[32];

	hbox_x25519_base(a, sk);
	CHECK(hbox_x25519(b, sk, nine) == 0);
	CHECK_EQ_BYTES(a, b, 32);
}

static void test_base_vs_ladder(void)
{
	/* Nibble values around the recoding's threshold (8) and extremes. */
	static const uint8_t nibbles[] = {0, 1, 7, 8, 9, 15};
	uint8_t sk[32];
	size_t i, j, k;
	int n;

	for (n = 0; n < 200; n++) {
		tu_rand_bytes(sk, 32);
		check_base_equals_ladder(sk);
	}
	/* Every byte the same: 0x00 (e = 2^254), 0xff (the largest clamped
	 * scalar), and runs that carry through every digit (0x88, 0xf8, 0x8f)
	 * or never carry (0x77). */
	for (i = 0; i < 256; i += 17) {
		memset(sk, (int)i, 32);
		check_base_equals_ladder(sk);
	}
	for (i = 0; i < 256; i++) {
		static const uint8_t fills[] = {0x88, 0x77, 0x78, 0x87, 0xf8, 0x8f, 0x80, 0x08};
		memset(sk, fills[i % sizeof fills], 32);
		/* one digit changed: every nibble position sees every value */
		for (j = 0; j < sizeof nibbles; j++) {
			k = i % 64;
			sk[k / 2] = (uint8_t)((sk[k / 2] & (k % 2 ? 0x0f : 0xf0)) |
			                      (nibbles[j] << (k % 2 ? 4 : 0)));
			check_base_equals_ladder(sk);
		}
	}
	/* Random nibbles from the edge set. */
	for (n = 0; n < 100; n++) {
		for (i = 0; i < 32; i++)
			sk[i] = (uint8_t)(nibbles[tu_rand_below(sizeof nibbles)] |
			                  (nibbles[tu_rand_below(sizeof nibbles)] << 4));
		check_base_equals_ladder(sk);
	}
}

#if !HB_X25519_SMALL

/* Affine edwards25519 point. */
struct aff {
	hb_fe x, y;
};

static void fe_small(hb_fe h, uint32_t v)
{
	uint8_t s[32] = {0};
	hb_store32_le(s, v);
	hb_fe_frombytes(h, s);
}

/* Tight results of add and sub (the field's add/sub give loose values). */
static void fe_add_t(hb_fe h, const hb_fe f, const hb_fe g)
{
	hb_fe_add(h, f, g);
	hb_fe_carry(h, h);
}

static void fe_sub_t(hb_fe h, const hb_fe f, const hb_fe g)
{
	hb_fe_sub(h, f, g);
	hb_fe_carry(h, h);
}

/*
 * r = p + q on -x^2 + y^2 = 1 + d x^2 y^2 (RFC 8032 section 5.1.4 in
 * affine form): x3 = (x1 y2 + x2 y1) / (1 + t), y3 = (y1 y2 + x1 x2) / (1 - t),
 * t = d x1 x2 y1 y2. r may alias p or q.
 */
static void aff_add(struct aff *r, const struct aff *p, const struct aff *q, const hb_fe d)
{
	hb_fe a, b, c, t, one, den;

	hb_fe_1(one);
	hb_fe_mul(a, p->x, q->y);
	hb_fe_mul(b, q->x, p->y);
	fe_add_t(a, a, b);      /* x1 y2 + x2 y1 */
	hb_fe_mul(b, p->y, q->y);
	hb_fe_mul(c, p->x, q->x);
	fe_add_t(b, b, c);      /* y1 y2 + x1 x2 */
	hb_fe_mul(t, c, d);
	hb_fe_mul(t, t, p->y);
	hb_fe_mul(t, t, q->y);  /* t */
	fe_add_t(den, one, t);
	hb_fe_invert(den, den);
	hb_fe_mul(r->x, a, den);
	fe_sub_t(den, one, t);
	hb_fe_invert(den, den);
	hb_fe_mul(r->y, b, den);
}

static void fe_from_words(hb_fe h, const uint64_t w[4])
{
	uint8_t s[32];
	int i;
	for (i = 0; i < 4; i++)
		hb_store64_le(s + 8 * i, w[i]);
	hb_fe_frombytes(h, s);
}

static int fe_eq(const hb_fe f, const hb_fe g)
{
	uint8_t a[32], b[32];
	hb_fe_tobytes(a, f);
	hb_fe_tobytes(b, g);
	return memcmp(a, b, 32) == 0;
}

/* Table entries must be canonical: the encoding of the decoded value gives
 * back the same words. */
static int words_canonical(const uint64_t w[4])
{
	uint8_t s[32], t[32];
	hb_fe h;
	int i;
	for (i = 0; i < 4; i++)
		hb_store64_le(s + 8 * i, w[i]);
	hb_fe_frombytes(h, s);
	hb_fe_tobytes(t, h);
	return memcmp(s, t, 32) == 0;
}

static void test_table(void)
{
	/* x of the base point B (RFC 8032 section 5.1, the even root),
	 * little-endian; y = 4/5. */
	static const char *bx_hex =
	    "1ad5258f602d56c9b2a7259560c72c695cdcd6fd31e2a4c0fe536ecdd3366921";
	uint8_t bx[32];
	hb_fe d, t, u, lhs, rhs, xy2d, ypx, ymx;
	struct aff b, row, p;
	int i, j, k, ok = 1;

	/* d = -121665 / 121666 */
	fe_small(t, 121666);
	hb_fe_invert(t, t);
	fe_small(u, 121665);
	hb_fe_0(d);
	fe_sub_t(d, d, u);
	hb_fe_mul(d, d, t);

	CHECK(tu_unhex(bx, 32, bx_hex) == 32);
	hb_fe_frombytes(b.x, bx);
	fe_small(t, 5);
	hb_fe_invert(t, t);
	hb_fe_mul_small(b.y, t, 4);

	/* B is on the curve: -x^2 + y^2 = 1 + d x^2 y^2 */
	hb_fe_sq(t, b.x);
	hb_fe_sq(u, b.y);
	fe_sub_t(lhs, u, t);
	hb_fe_mul(rhs, t, u);
	hb_fe_mul(rhs, rhs, d);
	hb_fe_1(t);
	fe_add_t(rhs, rhs, t);
	CHECK(fe_eq(lhs, rhs));

	row = b;
	for (i = 0; i < 32; i++) {
		p = row;
		for (j = 0; j < 8; j++) {
			const uint64_t *w = hb_x25519_base_table[i][j];
			fe_add_t(ypx, p.y, p.x);
			fe_sub_t(ymx, p.y, p.x);
			hb_fe_mul(xy2d, p.x, p.y);
			hb_fe_mul(xy2d, xy2d, d);
			hb_fe_mul_small(xy2d, xy2d, 2);
			fe_from_words(t, w);
			ok &= fe_eq(t, ypx);
			fe_from_words(t, w + 4);
			ok &= fe_eq(t, ymx);
			fe_from_words(t, w + 8);
			ok &= fe_eq(t, xy2d);
			ok &= words_canonical(w) & words_canonical(w + 4) & words_canonical(w + 8);
			aff_add(&p, &p, &row, d);
		}
		for (k = 0; k < 8; k++)
			aff_add(&row, &row, &row, d);
	}
	CHECK(ok);
}
#endif

int main(void)
{
#if !HB_X25519_SMALL
	test_table();
#endif
	test_base_vs_ladder();
#if defined(HOPEBOX_FE32) && HOPEBOX_FE32
	return tu_report("test_x25519_base_fe32");
#else
	return tu_report("test_x25519_base");
#endif
}

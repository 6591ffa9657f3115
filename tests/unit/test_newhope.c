/*
 * test_newhope.c - NewHope (USENIX 2016): arithmetic, sampling,
 * reconciliation and the API.
 *
 *   - the NTT tables, recomputed from psi = 7;
 *   - the reductions (Barrett exhaustively over its whole range);
 *   - the NTT against its definition (values at psi^(2k+1), bit-reversed
 *     input) and NTT-based products against a schoolbook negacyclic product;
 *   - packing, the range check of unpacking, gen_a and the noise sampler
 *     against direct models built on the public SHAKE / ChaCha20 APIs;
 *   - helprec / rec against a model written with plain division;
 *   - 10,000 random exchanges agree; every single-bit flip of senda and
 *     sendb is rejected or makes the keys disagree (with two explained
 *     exceptions, see test_bit_flips); out-of-range coefficients in senda,
 *     sendb and sk are rejected with zeroed outputs; random-source failures.
 * The KAT suite (kat/suite_newhope.c) checks byte-exactness with the
 * reference code.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hb_newhope.h"
#include "hopebox.h"
#include "testutil.h"

#define N HB_NH_N
#define Q HB_NH_Q

static uint32_t powmod(uint32_t b, uint32_t e)
{
	uint64_t r = 1, x = b % Q;
	while (e != 0) {
		if (e & 1)
			r = r * x % Q;
		x = x * x % Q;
		e >>= 1;
	}
	return (uint32_t)r;
}

static unsigned brv10(unsigned i)
{
	unsigned r = 0, k;
	for (k = 0; k < 10; k++)
		r |= ((i >> k) & 1u) << (9 - k);
	return r;
}

static void rand_poly(hb_nh_poly *p, uint32_t bound)
{
	size_t i;
	for (i = 0; i < N; i++)
		p->c[i] = (uint16_t)tu_rand_below(bound);
}

/* ---------------------------------------------------------------- tables */
static void test_tables(void)
{
	unsigned k, bad = 0;
	CHECK(powmod(7, 1024) == Q - 1); /* psi = 7 has order 2048 */
	for (k = 1; k < N; k++) {
		unsigned d = 1;
		uint32_t z;
		while (2 * d <= k)
			d *= 2;
		z = powmod(7, (512 / d) * (2 * (k - d) + 1));
		bad += hb_nh_zetas[k] != (uint32_t)((uint64_t)z * 65536 % Q);
		/* zetas_inv = -z^-1 * 2^16: times z (and 2^-16) gives -1 */
		bad += (uint64_t)hb_nh_zetas_inv[k] * z % Q != (uint64_t)(Q - 1) * 65536 % Q;
	}
	CHECK(bad == 0);
}

/* ---------------------------------------------------------------- reductions */
static void test_reductions(void)
{
	uint32_t x, bad = 0;
	for (x = 0; x < (1u << 17); x++) {
		uint32_t r = hb_nh_barrett(x);
		bad += r >= 2 * Q || r % Q != x % Q;
	}
	CHECK(bad == 0);
	/* Montgomery: random products below 2^30 and the extremes of the range */
	for (x = 0; x < 200000; x++) {
		/* the largest allowed input is 2^32 - 2^16 q - 1 = 3489595391 */
		uint32_t a = x < 4 ? (uint32_t)(3489595391u - x) : (tu_rand32() >> 2);
		uint32_t r = hb_nh_montred(a);
		bad += (uint64_t)r * 65536 % Q != a % Q || (uint64_t)r * 65536 >= a + 65536ull * Q;
	}
	CHECK(bad == 0);
}

/* ---------------------------------------------------------------- NTT */
/* Schoolbook product in Z_q[X]/(X^1024 + 1), natural coefficient order. */
static void schoolbook(uint32_t r[N], const uint32_t f[N], const uint32_t g[N])
{
	static uint64_t acc[2 * N];
	size_t i, j;
	memset(acc, 0, sizeof acc);
	for (i = 0; i < N; i++)
		for (j = 0; j < N; j++)
			acc[i + j] += (uint64_t)f[i] * g[j];
	for (i = 0; i < N; i++)
		r[i] = (uint32_t)((acc[i] % Q + Q - acc[i + N] % Q) % Q);
}

static void test_ntt_definition(void)
{
	hb_nh_poly p, x;
	unsigned k, i, bad = 0, range = 0;

	rand_poly(&x, 2 * Q); /* the forward input contract: below 2q */
	p = x;
	hb_nh_ntt(&p);
	for (k = 0; k < N; k += 37) {
		uint64_t s = 0;
		for (i = 0; i < N; i++)
			s += (uint64_t)x.c[i] * powmod(7, (brv10(i) * (2 * k + 1)) % 2048);
		bad += p.c[k] % Q != s % Q;
	}
	for (k = 0; k < N; k++)
		range += p.c[k] >= 4 * Q;
	CHECK(bad == 0);
	CHECK(range == 0);

	/* invntt(ntt(x)) is x with the bit-reversed order undone */
	rand_poly(&x, Q);
	p = x;
	hb_nh_ntt(&p);
	for (k = 0; k < N; k++) /* reduce below 2q, as invntt needs */
		p.c[k] = (uint16_t)(p.c[k] % Q);
	hb_nh_invntt(&p);
	for (k = 0; k < N; k++) {
		bad += p.c[k] % Q != x.c[brv10(k)];
		range += p.c[k] >= 2 * Q;
	}
	CHECK(bad == 0);
	CHECK(range == 0);

	/* extreme inputs keep their ranges: all 2q-1 forward and inverse */
	for (k = 0; k < N; k++)
		p.c[k] = 2 * Q - 1;
	hb_nh_ntt(&p);
	for (k = 0; k < N; k++)
		range += p.c[k] >= 4 * Q;
	for (k = 0; k < N; k++)
		p.c[k] = 2 * Q - 1;
	hb_nh_invntt(&p);
	for (k = 0; k < N; k++)
		range += p.c[k] >= 2 * Q;
	CHECK(range == 0);
}

static void test_ntt_product(void)
{
	static uint32_t f[N], g[N], want[N];
	hb_nh_poly F, G;
	int trial;
	size_t i;

	for (trial = 0; trial < 4; trial++) {
		unsigned bad = 0;
		for (i = 0; i < N; i++) {
			/* trial 0: all q-1; trial 1: small (noise-like); else uniform */
			f[i] = trial == 0 ? Q - 1 : trial == 1 ? (uint32_t)tu_rand_below(33) : (uint32_t)tu_rand_below(Q);
			g[i] = trial == 0 ? Q - 1 : (uint32_t)tu_rand_below(Q);
			F.c[brv10((unsigned)i)] = (uint16_t)f[i]; /* forward input is bit-reversed */
			G.c[brv10((unsigned)i)] = (uint16_t)g[i];
		}
		schoolbook(want, f, g);
		hb_nh_ntt(&F);
		hb_nh_ntt(&G);
		for (i = 0; i < N; i++) /* pointwise wants its first operand < 2^14 */
			F.c[i] = (uint16_t)(F.c[i] % Q);
		hb_nh_pointwise(&F, &F, &G);
		hb_nh_invntt(&F);
		for (i = 0; i < N; i++)
			bad += F.c[i] % Q != want[i];
		CHECK(bad == 0);
	}
}

static void test_pointwise_add(void)
{
	hb_nh_poly a, b, r;
	unsigned i, bad = 0;
	rand_poly(&a, 1u << 14);
	rand_poly(&b, 65536);
	a.c[0] = (1u << 14) - 1;
	b.c[0] = 0xFFFF;
	hb_nh_pointwise(&r, &a, &b);
	for (i = 0; i < N; i++)
		bad += r.c[i] >= 2 * Q || r.c[i] % Q != (uint32_t)a.c[i] * b.c[i] % Q;
	rand_poly(&a, 65536);
	a.c[1] = 0xFFFF;
	b.c[1] = 0xFFFF;
	hb_nh_add(&r, &a, &b);
	for (i = 0; i < N; i++)
		bad += r.c[i] >= 2 * Q || r.c[i] % Q != ((uint32_t)a.c[i] + b.c[i]) % Q;
	CHECK(bad == 0);
}

/* ---------------------------------------------------------------- packing */
static void test_packing(void)
{
	static uint8_t buf[HB_NH_POLYBYTES], buf2[HB_NH_POLYBYTES];
	hb_nh_poly p, r;
	uint32_t v;
	unsigned i, bad = 0;

	/* tobytes reduces every uint16 value to [0, q) */
	for (v = 0; v < 65536; v += N) {
		for (i = 0; i < N; i++)
			p.c[i] = (uint16_t)(v + i);
		hb_nh_tobytes(buf, &p);
		CHECK(hb_nh_frombytes(&r, buf) == 0);
		for (i = 0; i < N; i++)
			bad += r.c[i] != (v + i) % Q;
	}
	CHECK(bad == 0);

	/* layout: coefficient 4i + k is bits 14k..14k+13 of bytes 7i..7i+6 */
	memset(&p, 0, sizeof p);
	p.c[5] = 0x2ABC; /* group 1, field 1: bits 14..27 of bytes 7..13 */
	hb_nh_tobytes(buf, &p);
	memset(buf2, 0, sizeof buf2);
	buf2[8] = (uint8_t)(0x2ABC << 6);
	buf2[9] = (uint8_t)(0x2ABC >> 2);
	buf2[10] = (uint8_t)(0x2ABC >> 10);
	CHECK_EQ_BYTES(buf, buf2, sizeof buf);

	/* frombytes flags any field >= q, wherever it is; q - 1 is fine */
	for (i = 0; i < N; i += 85) {
		uint32_t vals[3] = {Q - 1, Q, 0x3FFF}, j;
		for (j = 0; j < 3; j++) {
			memset(&p, 0, sizeof p);
			hb_nh_tobytes(buf, &p);
			/* write the raw 14-bit field i */
			{
				size_t g = i / 4, k = i % 4, bit = 14 * k, b;
				for (b = 0; b < 14; b++, bit++)
					buf[7 * g + bit / 8] |= (uint8_t)(((vals[j] >> b) & 1) << (bit % 8));
			}
			CHECK(hb_nh_frombytes(&r, buf) == (j == 0 ? 0u : 1u));
			CHECK(r.c[i] == vals[j]);
		}
	}
}

/* ---------------------------------------------------------------- sampling */
static void test_gen_a(void)
{
	static uint8_t stream[8 * 168 * 4];
	uint8_t seed[32];
	hb_nh_poly a;
	size_t pos = 0, ctr = 0;
	unsigned bad = 0;

	tu_rand_bytes(seed, sizeof seed);
	hb_nh_uniform(&a, seed);
	hbox_shake128(stream, sizeof stream, seed, sizeof seed);
	while (ctr < N && pos + 2 <= sizeof stream) {
		uint32_t v = (stream[pos] | (uint32_t)stream[pos + 1] << 8) & 0x3FFF;
		pos += 2;
		if (v < Q)
			bad += a.c[ctr++] != v;
	}
	CHECK(ctr == N);
	CHECK(bad == 0);
}

static unsigned popcount8(unsigned x)
{
	unsigned c = 0;
	for (; x != 0; x >>= 1)
		c += x & 1;
	return c;
}

static void test_noise(void)
{
	static uint8_t ks[4 * N];
	uint8_t seed[32], nonce[8] = {0};
	hb_nh_poly r;
	unsigned i, bad = 0, range = 0, nz;
	long sum = 0;

	tu_rand_bytes(seed, sizeof seed);
	for (nz = 0; nz < 3; nz++) {
		nonce[0] = (uint8_t)(nz * 101);
		hb_nh_getnoise(&r, seed, nonce[0]);
		hbox_chacha20(ks, NULL, sizeof ks, seed, nonce, 0);
		for (i = 0; i < N; i++) {
			uint32_t want = popcount8(ks[4 * i]) + popcount8(ks[4 * i + 1]) + Q -
			                popcount8(ks[4 * i + 2]) - popcount8(ks[4 * i + 3]);
			bad += r.c[i] != want;
			range += r.c[i] < Q - 16 || r.c[i] > Q + 16;
			sum += (long)r.c[i] - Q;
		}
	}
	CHECK(bad == 0);
	CHECK(range == 0);
	CHECK(sum > -1000 && sum < 1000); /* variance 8 per coefficient: sd ~ 155 */

	/* addnoise adds the same samples to any uint16 values, below 2q */
	{
		hb_nh_poly a, e;
		rand_poly(&a, 65536);
		a.c[0] = 0xFFFF;
		r = a;
		hb_nh_addnoise(&r, seed, 7);
		hb_nh_getnoise(&e, seed, 7);
		for (i = 0; i < N; i++)
			bad += r.c[i] >= 2 * Q || r.c[i] % Q != (a.c[i] + e.c[i]) % Q;
		CHECK(bad == 0);
	}
}

/* ---------------------------------------------------------------- reconciliation */
/* Straightforward model of helprec / rec for one group, from the paper's
 * description (scaled by 8), with plain division and branches. */
static void model_helprec(uint32_t c[4], const uint32_t v[4], uint32_t b)
{
	int32_t x[4], v0[4], v1[4], k = 0;
	int j, far;
	for (j = 0; j < 4; j++) {
		x[j] = (int32_t)(8 * (v[j] % Q) + 4 * b);
		v0[j] = (x[j] + (int32_t)Q) / (2 * (int32_t)Q); /* round half up */
		v1[j] = x[j] / (2 * (int32_t)Q);                /* floor */
		k += x[j] - 2 * (int32_t)Q * v0[j] < 0 ? 2 * (int32_t)Q * v0[j] - x[j]
		                                       : x[j] - 2 * (int32_t)Q * v0[j];
	}
	far = k >= 2 * (int32_t)Q;
	for (j = 0; j < 4; j++)
		if (far)
			v0[j] = v1[j];
	for (j = 0; j < 3; j++)
		c[j] = (uint32_t)(v0[j] - v0[3]) & 3;
	c[3] = (uint32_t)(far + 2 * v0[3]) & 3;
}

static uint32_t model_rec(const uint32_t v[4], const uint32_t c[4])
{
	int32_t sum = 0;
	int j;
	for (j = 0; j < 4; j++) {
		int32_t y = 16 * (int32_t)Q + 8 * (int32_t)(v[j] % Q) -
		            (int32_t)Q * (j < 3 ? (int32_t)(2 * c[j] + c[3]) : (int32_t)c[3]);
		int32_t m = y % (8 * (int32_t)Q);
		sum += m < 4 * (int32_t)Q ? m : 8 * (int32_t)Q - m;
	}
	return sum < 8 * (int32_t)Q;
}

static void test_reconciliation(void)
{
	static uint8_t hint[HB_NH_RECBYTES], key[32], rnd[32];
	hb_nh_poly v;
	int trial;
	unsigned bad = 0;

	for (trial = 0; trial < 200; trial++) {
		size_t i, j;
		/* uniform below 2^16, uniform mod q, and values near the
		 * decision boundaries (multiples of q/8) */
		for (i = 0; i < N; i++) {
			if (trial % 3 == 0)
				v.c[i] = (uint16_t)tu_rand_below(65536);
			else if (trial % 3 == 1)
				v.c[i] = (uint16_t)tu_rand_below(Q);
			else
				v.c[i] = (uint16_t)((tu_rand_below(16) * Q / 8 + tu_rand_below(5) + Q - 2) % Q +
				                    Q * tu_rand_below(5));
		}
		tu_rand_bytes(rnd, sizeof rnd);
		hb_nh_helprec(hint, &v, rnd);
		hb_nh_rec(key, &v, hint);
		for (i = 0; i < N / 4; i++) {
			uint32_t vv[4], c[4], bit;
			for (j = 0; j < 4; j++)
				vv[j] = v.c[i + 256 * j];
			model_helprec(c, vv, (rnd[i / 8] >> (i % 8)) & 1);
			for (j = 0; j < 4; j++)
				bad += ((hint[64 * j + i / 4] >> (2 * (i % 4))) & 3) != c[j];
			bit = model_rec(vv, c);
			bad += (uint32_t)((key[i / 8] >> (i % 8)) & 1) != bit;
		}
		/* rec with random hints (as a tampered sendb gives) */
		tu_rand_bytes(hint, sizeof hint);
		hb_nh_rec(key, &v, hint);
		for (i = 0; i < N / 4; i++) {
			uint32_t vv[4], c[4];
			for (j = 0; j < 4; j++) {
				vv[j] = v.c[i + 256 * j];
				c[j] = (hint[64 * j + i / 4] >> (2 * (i % 4))) & 3;
			}
			bad += (uint32_t)((key[i / 8] >> (i % 8)) & 1) != model_rec(vv, c);
		}
	}
	CHECK(bad == 0);
}

/* ---------------------------------------------------------------- API */
static int failing_rng(uint8_t *out, size_t len)
{
	(void)out;
	(void)len;
	return -1;
}

static void test_exchanges(void)
{
	static uint8_t senda[HBOX_NEWHOPE_SENDABYTES], sendb[HBOX_NEWHOPE_SENDBBYTES];
	static uint8_t sk[HBOX_NEWHOPE_SKBYTES];
	uint8_t ka[32], kb[32];
	unsigned i, fails = 0, errs = 0;
	clock_t t0 = clock();

	hbox_set_randombytes(tu_det_randombytes);
	for (i = 0; i < 10000; i++) {
		errs += hbox_newhope_keygen(senda, sk) != 0;
		errs += hbox_newhope_sharedb(kb, sendb, senda) != 0;
		errs += hbox_newhope_shareda(ka, sk, sendb) != 0;
		fails += memcmp(ka, kb, 32) != 0;
	}
	hbox_set_randombytes(NULL);
	CHECK(errs == 0);
	CHECK(fails == 0);
	printf("10000 exchanges: %u disagreements, %.2f s\n", fails,
	       (double)(clock() - t0) / CLOCKS_PER_SEC);
}

static void test_derand(void)
{
	uint8_t coins[96], senda[HBOX_NEWHOPE_SENDABYTES], senda2[HBOX_NEWHOPE_SENDABYTES];
	uint8_t sk[HBOX_NEWHOPE_SKBYTES], sk2[HBOX_NEWHOPE_SKBYTES];
	uint8_t sendb[HBOX_NEWHOPE_SENDBBYTES], sendb2[HBOX_NEWHOPE_SENDBBYTES];
	uint8_t ka[32], kb[32], kb2[32];

	tu_rand_bytes(coins, sizeof coins);
	CHECK(hbox_newhope_keygen_derand(senda, sk, coins) == 0);
	CHECK(hbox_newhope_keygen_derand(senda2, sk2, coins) == 0);
	CHECK_EQ_BYTES(senda, senda2, sizeof senda);
	CHECK_EQ_BYTES(sk, sk2, sizeof sk);
	CHECK_EQ_BYTES(senda + 1792, coins, 32); /* the public seed travels as is */
	CHECK(hbox_newhope_sharedb_derand(kb, sendb, senda, coins + 64) == 0);
	CHECK(hbox_newhope_sharedb_derand(kb2, sendb2, senda, coins + 64) == 0);
	CHECK_EQ_BYTES(sendb, sendb2, sizeof sendb);
	CHECK_EQ_BYTES(kb, kb2, 32);
	CHECK(hbox_newhope_shareda(ka, sk, sendb) == 0);
	CHECK_EQ_BYTES(ka, kb, 32);

	/* the random-source forms fail cleanly */
	hbox_set_randombytes(failing_rng);
	memset(senda2, 0xAA, sizeof senda2);
	memset(sk2, 0xAA, sizeof sk2);
	CHECK(hbox_newhope_keygen(senda2, sk2) == -1);
	CHECK(tu_is_zero(senda2, sizeof senda2) && tu_is_zero(sk2, sizeof sk2));
	memset(kb2, 0xAA, sizeof kb2);
	memset(sendb2, 0xAA, sizeof sendb2);
	CHECK(hbox_newhope_sharedb(kb2, sendb2, senda) == -1);
	CHECK(tu_is_zero(kb2, sizeof kb2) && tu_is_zero(sendb2, sizeof sendb2));
	hbox_set_randombytes(NULL);
}

/* Set the raw 14-bit field i of a packed polynomial. */
static void set_field(uint8_t *p, size_t i, uint32_t val)
{
	size_t bit = 14 * (i % 4), b;
	uint8_t *g = p + 7 * (i / 4);
	for (b = 0; b < 14; b++, bit++) {
		g[bit / 8] = (uint8_t)(g[bit / 8] & ~(1u << (bit % 8)));
		g[bit / 8] |= (uint8_t)(((val >> b) & 1) << (bit % 8));
	}
}

static void test_rejection(void)
{
	static uint8_t senda[HBOX_NEWHOPE_SENDABYTES], sendb[HBOX_NEWHOPE_SENDBBYTES];
	static uint8_t sk[HBOX_NEWHOPE_SKBYTES], bad_msg[HBOX_NEWHOPE_SENDBBYTES];
	static uint8_t out[HBOX_NEWHOPE_SENDBBYTES];
	uint8_t coins[96], key[32];
	static const size_t where[] = {0, 1, 2, 3, 511, 1020, 1023};
	static const uint32_t vals[] = {Q, Q + 1, 0x3FFF};
	size_t w, v;

	tu_rand_bytes(coins, sizeof coins);
	CHECK(hbox_newhope_keygen_derand(senda, sk, coins) == 0);
	CHECK(hbox_newhope_sharedb_derand(key, sendb, senda, coins + 64) == 0);

	for (w = 0; w < sizeof where / sizeof where[0]; w++) {
		for (v = 0; v < 3; v++) {
			memcpy(bad_msg, senda, sizeof senda);
			set_field(bad_msg, where[w], vals[v]);
			memset(out, 0xAA, sizeof out);
			memset(key, 0xAA, sizeof key);
			CHECK(hbox_newhope_sharedb_derand(key, out, bad_msg, coins + 64) == -1);
			CHECK(tu_is_zero(key, 32) && tu_is_zero(out, sizeof out));

			memcpy(bad_msg, sendb, sizeof sendb);
			set_field(bad_msg, where[w], vals[v]);
			memset(key, 0xAA, sizeof key);
			CHECK(hbox_newhope_shareda(key, sk, bad_msg) == -1);
			CHECK(tu_is_zero(key, 32));

			memcpy(bad_msg, sk, sizeof sk);
			set_field(bad_msg, where[w], vals[v]);
			memset(key, 0xAA, sizeof key);
			CHECK(hbox_newhope_shareda(key, bad_msg, sendb) == -1);
			CHECK(tu_is_zero(key, 32));
		}
	}
	/* q - 1 everywhere is valid (no false rejection at the boundary) */
	memcpy(bad_msg, senda, sizeof senda);
	for (w = 0; w < N; w++)
		set_field(bad_msg, w, Q - 1);
	CHECK(hbox_newhope_sharedb_derand(key, out, bad_msg, coins + 64) == 0);
}

/*
 * Every single-bit flip of senda and of sendb. A flip in a polynomial
 * coefficient or in the seed must be rejected (field >= q) or make the two
 * keys disagree, with one exception that is pure arithmetic: when the
 * receiver's secret has a zero NTT coordinate k, coefficient k of the
 * message is multiplied by 0 and a change there has no effect at all (about
 * one exchange in 12 has such a coordinate). We check that every flip that
 * goes unnoticed is of that kind. The 256 hint bytes are not authenticated
 * and a hint change moves a vector by less than the decoding radius, so
 * there a flip often leaves the key unchanged: we only require a clean
 * return and count the outcomes.
 */
static void test_bit_flips(void)
{
	static uint8_t senda[HBOX_NEWHOPE_SENDABYTES], sendb[HBOX_NEWHOPE_SENDBBYTES];
	static uint8_t sk[HBOX_NEWHOPE_SKBYTES], msg[HBOX_NEWHOPE_SENDBBYTES];
	static uint8_t out[HBOX_NEWHOPE_SENDBBYTES];
	uint8_t coins[96], ka[32], kb[32], ka2[32], kb2[32];
	hb_nh_poly s, sp;
	size_t bit;
	unsigned rejected = 0, changed = 0, zero_coord = 0, hint_same = 0, hint_changed = 0, bad = 0;

	tu_rand_bytes(coins, sizeof coins);
	CHECK(hbox_newhope_keygen_derand(senda, sk, coins) == 0);
	CHECK(hbox_newhope_sharedb_derand(kb, sendb, senda, coins + 64) == 0);
	CHECK(hbox_newhope_shareda(ka, sk, sendb) == 0);
	CHECK_EQ_BYTES(ka, kb, 32);
	/* the secrets in the NTT domain: Alice's from sk, Bob's recomputed */
	CHECK(hb_nh_frombytes(&s, sk) == 0);
	hb_nh_getnoise(&sp, coins + 64, 0);
	hb_nh_ntt(&sp);

	for (bit = 0; bit < 8 * sizeof senda; bit++) {
		memcpy(msg, senda, sizeof senda);
		msg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		if (hbox_newhope_sharedb_derand(kb2, out, msg, coins + 64) == -1) {
			rejected++;
			bad += !tu_is_zero(kb2, 32) || !tu_is_zero(out, sizeof out);
			continue;
		}
		bad += hbox_newhope_shareda(ka2, sk, out) != 0;
		if (memcmp(ka2, kb2, 32) != 0)
			changed++;
		else if (bit < 8 * HB_NH_POLYBYTES && sp.c[bit / 14] % Q == 0 &&
		         memcmp(kb2, kb, 32) == 0 && memcmp(out, sendb, sizeof sendb) == 0)
			zero_coord++;
		else
			bad++;
	}
	for (bit = 0; bit < 8 * sizeof sendb; bit++) {
		int rc;
		memcpy(msg, sendb, sizeof sendb);
		msg[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		rc = hbox_newhope_shareda(ka2, sk, msg);
		if (bit < 8 * HB_NH_POLYBYTES) {
			if (rc == -1)
				rejected++, bad += !tu_is_zero(ka2, 32);
			else if (memcmp(ka2, kb, 32) != 0)
				changed++;
			else if (s.c[bit / 14] % Q == 0)
				zero_coord++;
			else
				bad++;
		} else {
			bad += rc != 0;
			if (memcmp(ka2, kb, 32) == 0)
				hint_same++;
			else
				hint_changed++;
		}
	}
	CHECK(bad == 0);
	printf("bit flips: %u rejected, %u made the keys disagree, %u hit a zero NTT "
	       "coordinate of the secret; hint bytes: %u changed the key, %u did not\n",
	       rejected, changed, zero_coord, hint_changed, hint_same);
}

int main(void)
{
	tu_seed(0x6E657768u);
	test_tables();
	test_reductions();
	test_ntt_definition();
	test_ntt_product();
	test_pointwise_add();
	test_packing();
	test_gen_a();
	test_noise();
	test_reconciliation();
	test_derand();
	test_rejection();
	test_bit_flips();
	test_exchanges();
	return tu_report("test_newhope");
}

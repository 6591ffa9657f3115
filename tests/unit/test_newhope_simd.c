/*
 * Differential test of the NewHope kernels: the portable code (forced with
 * hbox_cpu_override(0)) against the default dispatch (the AVX2 kernels of
 * primitives/newhope_avx2.c on a CPU with AVX2), on random inputs, the
 * boundary coefficients (0, 1, q - 1, q, 2q - 1, 4q - 1, 2^14 - 1, 2^15,
 * 2^16 - 1) and the whole unreduced range each kernel accepts:
 *   - exact kernels (packing, unpacking and its range flag, gen_a, the
 *     noise sampler, helprec hints, rec key bits): identical outputs;
 *   - kernels whose contract is a range of representatives (NTT, inverse
 *     NTT, pointwise product, sum, addnoise): congruent mod q and inside
 *     the documented range;
 *   - whole exchanges (derandomised): identical messages and keys, also
 *     with the two sides on different paths;
 *   - gen_a's compaction table, entry by entry;
 *   - scalar models of the kernels' arithmetic (lane by lane as vpmulhw,
 *     vpmulhrsw, vpmullw compute it): the signed Barrett reduction over
 *     every int16, the estimated division by q in helprec / rec over every
 *     input it gets, the Montgomery product bound on random operands.
 * Every 16-bit value reaches helprec and rec (so their division by q is
 * checked for every w), and the NTTs see all-extreme inputs.
 * On a CPU without AVX2, or in a HOPEBOX_PORTABLE build, both sides are the
 * portable code: the test still runs and says the differential half was
 * skipped.
 */
#include <stdio.h>
#include <string.h>

#include "hb_newhope.h"
#include "hopebox.h"
#include "testutil.h"

#define N HB_NH_N
#define Q HB_NH_Q

static unsigned features;

static void portable(void)
{
	hbox_cpu_override(0);
}

static void fast(void)
{
	hbox_cpu_override(features);
}

static const uint16_t boundary[] = {0,     1,         Q - 1,      Q,     2 * Q - 1,
                                    4 * Q - 1, (1u << 14) - 1, 1u << 15, 0xFFFF};

/* kind 0: uniform below bound; 1: boundary values; 2: all the largest;
 * 3: all zero; 4: boundary values below bound only */
static void fill(hb_nh_poly *p, int kind, uint32_t bound)
{
	size_t i, nb = sizeof boundary / sizeof boundary[0];
	for (i = 0; i < N; i++) {
		uint32_t v;
		switch (kind) {
		case 0:
			v = (uint32_t)tu_rand_below(bound);
			break;
		case 1:
			do
				v = boundary[tu_rand_below(nb)];
			while (v >= bound);
			break;
		case 2:
			v = bound - 1;
			break;
		default:
			v = 0;
			break;
		}
		p->c[i] = (uint16_t)v;
	}
}

/* 1 when a and b agree mod q and every b is below lim. */
static int congruent(const hb_nh_poly *a, const hb_nh_poly *b, uint32_t lim)
{
	size_t i;
	for (i = 0; i < N; i++)
		if (a->c[i] % Q != b->c[i] % Q || b->c[i] >= lim)
			return 0;
	return 1;
}

static void test_table(void)
{
#if HB_X86_SIMD
	unsigned m, k, bad = 0;
	for (m = 0; m < 256; m++) {
		uint64_t want = 0;
		unsigned n = 0;
		for (k = 0; k < 8; k++)
			if ((m >> k) & 1)
				want |= (uint64_t)k << (8 * n++);
		bad += hb_nh_rejidx[m] != want;
	}
	CHECK(bad == 0);
#endif
}

/* 16-bit lane operations as the instructions define them. */
static int32_t mulhi16(int32_t a, int32_t b)
{
	int32_t p = a * b;
	return p >= 0 ? p / 65536 : -((-p + 65535) / 65536); /* floor */
}

static int32_t wrap16(int32_t x)
{
	x &= 0xFFFF;
	return x >= 0x8000 ? x - 0x10000 : x;
}

static void test_models(void)
{
	int32_t a;
	uint32_t w, i, bad = 0;

	/* sreduce: a - round(mulhi(a, 5461) / 2^10) q, |result| <= 6145 */
	for (a = -32768; a < 32768; a++) {
		int32_t t = mulhi16(a, 5461);
		int32_t t2 = (t * 32 + 16384) >= 0 ? (t * 32 + 16384) / 32768
		                                     : -((-(t * 32 + 16384) + 32767) / 32768);
		int32_t r = wrap16(a - wrap16(t2 * (int32_t)Q));
		bad += r != a - t2 * (int32_t)Q || r > 6145 || r < -6145 || (a - r) % (int32_t)Q != 0;
	}
	CHECK(bad == 0);

	/* divq4: for w < 4q, tt = mulhi_epu16(w, 21) is floor(4w / q) or one
	 * less, and rr = 4w - tt q (mod 2^16) is in [0, 2q) */
	for (w = 0; w < 4 * Q; w++) {
		uint32_t tt = (w * 21) >> 16, t = 4 * w / Q;
		uint32_t rr = (4 * w - tt * Q) & 0xFFFF;
		bad += (t != tt && t != tt + 1) || rr >= 2 * Q || rr != 4 * w - tt * Q;
	}
	CHECK(bad == 0);

	/* Montgomery product: r = hi(a z) - hi(m q), m = lo(a (z q^-1)), is
	 * a z / 2^16 exactly and below |a| |z| / 2^16 + 6144.5 */
	for (i = 0; i < 1000000; i++) {
		int32_t x = (int32_t)tu_rand_below(65536) - 32768;
		int32_t z = (int32_t)tu_rand_below(Q);
		int32_t zq = wrap16(z * -12287);
		int32_t m = wrap16(x * zq);
		int32_t r = mulhi16(x, z) - mulhi16(m, (int32_t)Q);
		int64_t exact = (int64_t)x * z - (int64_t)m * Q;
		double lim = (double)(x < 0 ? -x : x) * z / 65536.0 + 6144.5;
		bad += exact != (int64_t)r * 65536 || (r < 0 ? -r : r) > lim;
	}
	CHECK(bad == 0);
}

static void test_ntt(void)
{
	hb_nh_poly x, a, b;
	int trial, bad_f = 0, bad_i = 0;

	for (trial = 0; trial < 40; trial++) {
		int kind = trial < 4 ? trial : trial % 2;
		/* forward: below 2q in, [0, 4q) out */
		fill(&x, kind, 2 * Q);
		a = x;
		b = x;
		portable();
		hb_nh_ntt(&a);
		fast();
		hb_nh_ntt(&b);
		bad_f += !congruent(&a, &b, 4 * Q);
		/* inverse: [0, 2q) in, [0, 2q) out */
		fill(&x, kind, 2 * Q);
		a = x;
		b = x;
		portable();
		hb_nh_invntt(&a);
		fast();
		hb_nh_invntt(&b);
		bad_i += !congruent(&a, &b, 2 * Q);
	}
	CHECK(bad_f == 0);
	CHECK(bad_i == 0);
}

static void test_pointwise_add(void)
{
	hb_nh_poly x, y, a, b;
	int trial, bad_p = 0, bad_a = 0;

	for (trial = 0; trial < 40; trial++) {
		int kind = trial < 4 ? trial : trial % 2;
		fill(&x, kind, 1u << 14); /* pointwise: a < 2^14, b any */
		fill(&y, trial % 3 == 0 ? 2 : kind, 65536);
		portable();
		hb_nh_pointwise(&a, &x, &y);
		fast();
		hb_nh_pointwise(&b, &x, &y);
		bad_p += !congruent(&a, &b, 2 * Q);
		/* in place, as newhope.c calls it */
		b = x;
		hb_nh_pointwise(&b, &b, &y);
		bad_p += !congruent(&a, &b, 2 * Q);

		fill(&x, kind, 65536);
		portable();
		hb_nh_add(&a, &x, &y);
		fast();
		hb_nh_add(&b, &x, &y);
		bad_a += !congruent(&a, &b, 2 * Q);
	}
	CHECK(bad_p == 0);
	CHECK(bad_a == 0);
}

static void test_packing(void)
{
	static uint8_t pa[HB_NH_POLYBYTES + 8], pb[HB_NH_POLYBYTES + 8];
	hb_nh_poly x, a, b;
	int trial, bad = 0;

	for (trial = 0; trial < 60; trial++) {
		uint32_t fa, fb;
		size_t where;
		/* tobytes: any uint16; guard bytes after the buffer stay put */
		fill(&x, trial < 4 ? trial : trial % 2, 65536);
		memset(pa, 0x5A, sizeof pa);
		memset(pb, 0x5A, sizeof pb);
		portable();
		hb_nh_tobytes(pa, &x);
		fast();
		hb_nh_tobytes(pb, &x);
		bad += memcmp(pa, pb, sizeof pa) != 0;

		/* frombytes: valid bytes, then one field >= q at a random
		 * place (trial 4: in the last 64 bytes), then random bytes */
		where = trial == 4 ? N - 1 - tu_rand_below(16) : tu_rand_below(N);
		if (trial % 3 == 1) {
			uint8_t *g = pb + 7 * (where / 4);
			size_t bit = 14 * (where % 4), k;
			uint32_t v = Q + (uint32_t)tu_rand_below((1u << 14) - Q);
			for (k = 0; k < 14; k++, bit++) {
				g[bit / 8] = (uint8_t)(g[bit / 8] & ~(1u << (bit % 8)));
				g[bit / 8] |= (uint8_t)(((v >> k) & 1u) << (bit % 8));
			}
		} else if (trial % 3 == 2) {
			tu_rand_bytes(pb, HB_NH_POLYBYTES);
		}
		portable();
		fa = hb_nh_frombytes(&a, pb);
		fast();
		fb = hb_nh_frombytes(&b, pb);
		bad += fa != fb || memcmp(&a, &b, sizeof a) != 0;
		bad += (trial % 3 == 1) != (fa == 1) && trial % 3 != 2;
	}
	CHECK(bad == 0);
}

static void test_sampling(void)
{
	hb_nh_poly x, a, b;
	uint8_t seed[32];
	int trial, bad_u = 0, bad_g = 0, bad_n = 0;

	for (trial = 0; trial < 300; trial++) {
		uint8_t nonce = (uint8_t)tu_rand_below(256);
		tu_rand_bytes(seed, sizeof seed);
		portable();
		hb_nh_uniform(&a, seed);
		fast();
		hb_nh_uniform(&b, seed);
		bad_u += memcmp(&a, &b, sizeof a) != 0;
		if (trial >= 60)
			continue;

		portable();
		hb_nh_getnoise(&a, seed, nonce);
		fast();
		hb_nh_getnoise(&b, seed, nonce);
		bad_g += memcmp(&a, &b, sizeof a) != 0;

		fill(&x, trial < 4 ? trial : trial % 2, 65536);
		a = x;
		b = x;
		portable();
		hb_nh_addnoise(&a, seed, nonce);
		fast();
		hb_nh_addnoise(&b, seed, nonce);
		bad_n += !congruent(&a, &b, 2 * Q);
	}
	CHECK(bad_u == 0);
	CHECK(bad_g == 0);
	CHECK(bad_n == 0);
}

static void test_reconciliation(void)
{
	uint8_t rnd[32], ha[HB_NH_RECBYTES], hb[HB_NH_RECBYTES], ka[32], kb[32];
	hb_nh_poly v;
	int trial, bad_h = 0, bad_r = 0;

	for (trial = 0; trial < 160; trial++) {
		size_t i;
		/* trials 0..63 together cover every uint16 value; then uniform
		 * mod q, uniform uint16 and boundary values */
		for (i = 0; i < N; i++) {
			if (trial < 64)
				v.c[i] = (uint16_t)(1024u * (unsigned)trial + i);
			else if (trial % 3 == 0)
				v.c[i] = (uint16_t)tu_rand_below(Q);
			else if (trial % 3 == 1)
				v.c[i] = (uint16_t)tu_rand_below(65536);
			else
				v.c[i] = (uint16_t)((tu_rand_below(16) * Q / 8 + tu_rand_below(5) + Q - 2) % Q +
				                    Q * tu_rand_below(5));
		}
		tu_rand_bytes(rnd, sizeof rnd);
		portable();
		hb_nh_helprec(ha, &v, rnd);
		hb_nh_rec(ka, &v, ha);
		fast();
		hb_nh_helprec(hb, &v, rnd);
		hb_nh_rec(kb, &v, ha);
		bad_h += memcmp(ha, hb, sizeof ha) != 0;
		bad_r += memcmp(ka, kb, sizeof ka) != 0;
		/* rec with arbitrary hints, as a tampered message gives */
		tu_rand_bytes(ha, sizeof ha);
		portable();
		hb_nh_rec(ka, &v, ha);
		fast();
		hb_nh_rec(kb, &v, ha);
		bad_r += memcmp(ka, kb, sizeof ka) != 0;
	}
	CHECK(bad_h == 0);
	CHECK(bad_r == 0);
}

/*
 * Decision boundaries of rec: all four coordinates of every vector near the
 * same special value s (0, 1, q - 1 and the multiples of q/8 +- 1, plus
 * random multiples of q), and the hints of vector i set to the four 2-bit
 * digits of i, so every hint combination meets every s. This reaches the
 * corners (e.g. all coordinates 0 mod q with hint (0, 0, 0, 1)) that
 * random inputs almost never do.
 */
static void test_rec_corners(void)
{
	uint8_t hint[HB_NH_RECBYTES], rnd[32], ka[32], kb[32], ha[HB_NH_RECBYTES], hb[HB_NH_RECBYTES];
	hb_nh_poly v;
	uint32_t specials[26];
	size_t ns = 0, si, i, k;
	int var, bad = 0;

	specials[ns++] = 0;
	specials[ns++] = 1;
	specials[ns++] = Q - 1;
	for (i = 1; i < 8; i++) {
		uint32_t m = (uint32_t)((i * Q + 4) / 8);
		specials[ns++] = m - 1;
		specials[ns++] = m;
		specials[ns++] = m + 1;
	}
	for (i = 0; i < N / 4; i++)
		for (k = 0; k < 4; k++)
			hint[64 * k + i / 4] = (uint8_t)((hint[64 * k + i / 4] & ~(3u << (2 * (i % 4)))) |
			                                 (((i >> (2 * k)) & 3u) << (2 * (i % 4))));
	for (si = 0; si < ns; si++) {
		for (var = 0; var < 2; var++) {
			for (i = 0; i < N; i++) {
				uint32_t d = var ? (uint32_t)tu_rand_below(3) : 1; /* -1, 0, +1 */
				v.c[i] = (uint16_t)((specials[si] + Q + d - 1) % Q + Q * tu_rand_below(5));
			}
			tu_rand_bytes(rnd, sizeof rnd);
			portable();
			hb_nh_rec(ka, &v, hint);
			hb_nh_helprec(ha, &v, rnd);
			fast();
			hb_nh_rec(kb, &v, hint);
			hb_nh_helprec(hb, &v, rnd);
			bad += memcmp(ka, kb, 32) != 0 || memcmp(ha, hb, sizeof ha) != 0;
		}
	}
	CHECK(bad == 0);
}

/* One exchange with Alice on path pa and Bob on path pb. */
static int exchange(const uint8_t coins[96], int pa, int pb, uint8_t senda[HBOX_NEWHOPE_SENDABYTES],
                    uint8_t sk[HBOX_NEWHOPE_SKBYTES], uint8_t sendb[HBOX_NEWHOPE_SENDBBYTES],
                    uint8_t ka[32], uint8_t kb[32])
{
	int rc = 0;
	pa ? fast() : portable();
	rc |= hbox_newhope_keygen_derand(senda, sk, coins);
	pb ? fast() : portable();
	rc |= hbox_newhope_sharedb_derand(kb, sendb, senda, coins + 64);
	pa ? fast() : portable();
	rc |= hbox_newhope_shareda(ka, sk, sendb);
	return rc;
}

static void test_exchanges(void)
{
	static uint8_t senda[2][HBOX_NEWHOPE_SENDABYTES], sendb[2][HBOX_NEWHOPE_SENDBBYTES];
	static uint8_t sk[2][HBOX_NEWHOPE_SKBYTES];
	uint8_t coins[96], ka[2][32], kb[2][32];
	int trial, bad = 0;

	for (trial = 0; trial < 200; trial++) {
		int mix = trial % 2;
		tu_rand_bytes(coins, sizeof coins);
		bad += exchange(coins, 0, 0, senda[0], sk[0], sendb[0], ka[0], kb[0]) != 0;
		/* the fast side, or Alice fast and Bob portable */
		bad += exchange(coins, 1, !mix, senda[1], sk[1], sendb[1], ka[1], kb[1]) != 0;
		bad += memcmp(senda[0], senda[1], sizeof senda[0]) != 0;
		bad += memcmp(sk[0], sk[1], sizeof sk[0]) != 0;
		bad += memcmp(sendb[0], sendb[1], sizeof sendb[0]) != 0;
		bad += memcmp(ka[0], ka[1], 32) != 0 || memcmp(kb[0], kb[1], 32) != 0;
		bad += memcmp(ka[1], kb[1], 32) != 0;
	}
	CHECK(bad == 0);
}

int main(void)
{
	tu_seed(0x6E68736Du);
	features = hbox_cpu_features();
	if (!(features & HBOX_CPU_AVX2))
		printf("AVX2 not available (CPU or build): both sides are portable, "
		       "differential half skipped\n");
	test_table();
	test_models();
	test_ntt();
	test_pointwise_add();
	test_packing();
	test_sampling();
	test_reconciliation();
	test_rec_corners();
	test_exchanges();
	hbox_cpu_override(HBOX_CPU_ALL);
	return tu_report("test_newhope_simd");
}

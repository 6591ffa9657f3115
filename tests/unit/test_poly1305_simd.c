/*
 * Differential test of the Poly1305 paths: the portable code (forced with
 * hbox_cpu_override(0)) against each SIMD path, tag for tag. The SIMD
 * paths: the default dispatch (the AVX-512 IFMA kernel for runs of 24
 * blocks and more on a CPU with IFMA, else the AVX2 kernel for runs of 32
 * blocks and more), and AVX2 alone (IFMA masked off with the override)
 * when that differs. Each is checked on:
 *   - random keys and messages of every length 0..2048 at odd offsets,
 *     one-shot and split into 2..5 pieces at random points (so the kernel
 *     sees runs that start after buffered bytes and end before others);
 *   - a context passed between the paths in the middle of a message;
 *   - edge keys (r with every allowed bit set, r = 1, r = 0; s all ones)
 *     with messages of 0xff bytes, the largest limbs the kernel can see;
 *   - and each kernel is called directly (hb_poly1305_avx2_blocks,
 *     hb_poly1305_ifma_blocks) from accumulator states up to the largest
 *     the context allows (h[4] = 4, the other words all ones), on 16..256
 *     blocks, and from states left by the portable code.
 * Messages live in heap buffers of their exact size, so a run under
 * valgrind or a sanitizer also catches a read past the end.
 * On a CPU without AVX2, or in a HOPEBOX_PORTABLE build, both sides are
 * the portable code: the test still runs and says that the differential
 * half was skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hb_cpu.h"
#include "hb_poly1305.h"
#include "hopebox.h"
#include "testutil.h"

#define MAXLEN 2048

static unsigned features; /* the SIMD path under test (an override mask) */

/* Tag on the portable path. */
static void tag_portable(uint8_t tag[16], const uint8_t *m, size_t len, const uint8_t key[32])
{
	hbox_cpu_override(0);
	hbox_poly1305(tag, m, len, key);
	hbox_cpu_override(features);
}

/* Tag with the default dispatch, the message split at npieces - 1 random points. */
static void tag_split(uint8_t tag[16], const uint8_t *m, size_t len, const uint8_t key[32],
                      int npieces)
{
	hbox_poly1305_ctx c;
	size_t done = 0, n;
	int i;

	hbox_poly1305_init(&c, key);
	for (i = 1; i < npieces; i++) {
		n = tu_rand_below(len - done + 1);
		hbox_poly1305_update(&c, m + done, n);
		done += n;
	}
	hbox_poly1305_update(&c, m + done, len - done);
	hbox_poly1305_final(&c, tag);
}

/* A copy of msg[0..len) in a heap buffer of exactly len bytes (not NULL for 0). */
static uint8_t *exact_copy(const uint8_t *msg, size_t len)
{
	uint8_t *p = malloc(len > 0 ? len : 1);
	if (p == NULL) {
		printf("out of memory\n");
		exit(1);
	}
	memcpy(p, msg, len);
	return p;
}

static void test_lengths(void)
{
	static uint8_t base[MAXLEN + 32];
	uint8_t key[32], want[16], got[16], *m;
	unsigned long bad = 0;
	size_t len, off;

	for (len = 0; len <= MAXLEN; len++) {
		tu_rand_bytes(key, sizeof key);
		tu_rand_bytes(base, sizeof base);
		off = 1 + 2 * tu_rand_below(15); /* odd */
		tag_portable(want, base + off, len, key);
		hbox_poly1305(got, base + off, len, key);
		bad += memcmp(got, want, 16) != 0;
		tag_split(got, base + off, len, key, 2 + (int)tu_rand_below(4));
		bad += memcmp(got, want, 16) != 0;
		if ((len & 15) == 0 || len % 97 == 0) {
			m = exact_copy(base + off, len);
			hbox_poly1305(got, m, len, key);
			bad += memcmp(got, want, 16) != 0;
			free(m);
		}
	}
	if (bad != 0)
		printf("lengths: %lu tags differ\n", bad);
	CHECK(bad == 0);
}

/* Portable first half, dispatched second half, and the other way round. */
static void test_switch(void)
{
	static uint8_t m[MAXLEN];
	uint8_t key[32], want[16], got[16];
	hbox_poly1305_ctx c;
	unsigned long bad = 0;
	size_t len, cut;
	int trial, way;

	for (trial = 0; trial < 200; trial++) {
		len = 512 + tu_rand_below(MAXLEN - 511);
		cut = tu_rand_below(len + 1);
		tu_rand_bytes(key, sizeof key);
		tu_rand_bytes(m, len);
		tag_portable(want, m, len, key);
		for (way = 0; way < 2; way++) {
			hbox_cpu_override(way ? 0u : features);
			hbox_poly1305_init(&c, key);
			hbox_poly1305_update(&c, m, cut);
			hbox_cpu_override(way ? features : 0u);
			hbox_poly1305_update(&c, m + cut, len - cut);
			hbox_poly1305_final(&c, got);
			bad += memcmp(got, want, 16) != 0;
		}
	}
	hbox_cpu_override(features);
	CHECK(bad == 0);
}

static void test_edge_keys(void)
{
	static const char *const r_hex[] = {
		"ffffffffffffffffffffffffffffffff", /* clamps to every allowed bit */
		"01000000000000000000000000000000", /* r = 1 */
		"00000000000000000000000000000000", /* r = 0 */
		"fffffffffcffffff0000000000000000",
	};
	static uint8_t m[MAXLEN];
	uint8_t key[32], want[16], got[16];
	unsigned long bad = 0;
	size_t i, len;
	int fill;

	for (i = 0; i < sizeof r_hex / sizeof r_hex[0]; i++) {
		tu_unhex(key, 16, r_hex[i]);
		for (fill = 0; fill < 3; fill++) {
			memset(key + 16, fill == 1 ? 0x00 : 0xff, 16);
			memset(m, 0xff, sizeof m);
			if (fill == 2) /* mostly 0xff, some random blocks */
				for (len = 0; len < sizeof m; len += 16)
					if (tu_rand_below(4) == 0)
						tu_rand_bytes(m + len, 16);
			for (len = 480; len <= MAXLEN; len += 16 + tu_rand_below(40)) {
				tag_portable(want, m, len, key);
				hbox_poly1305(got, m, len, key);
				bad += memcmp(got, want, 16) != 0;
			}
		}
	}
	CHECK(bad == 0);
}

#if HB_X86_SIMD
/* One kernel: key set-up and blocks, on a context's r and h. */
typedef void (*kernel_fn)(hbox_poly1305_ctx *c, const uint8_t *m, size_t nblocks);

static void run_avx2(hbox_poly1305_ctx *c, const uint8_t *m, size_t nblocks)
{
	hb_poly1305_avx2_key k;
	hb_poly1305_avx2_setup(&k, c->r);
	hb_poly1305_avx2_blocks(c->h, &k, m, nblocks);
}

static void run_ifma(hbox_poly1305_ctx *c, const uint8_t *m, size_t nblocks)
{
	hb_poly1305_ifma_key k;
	hb_poly1305_ifma_setup(&k, c->r);
	hb_poly1305_ifma_blocks(c->h, &k, m, nblocks);
}

/*
 * The kernel from a given accumulator: ctx (r, s and h set) absorbs
 * nblocks of m with the kernel on one copy and the portable code on
 * another; the tags after a short tail must agree.
 */
static int kernel_vs_portable(kernel_fn kernel, const hbox_poly1305_ctx *ctx, const uint8_t *m,
                              size_t nblocks, const uint8_t *tail, size_t taillen)
{
	hbox_poly1305_ctx a = *ctx, b = *ctx;
	uint8_t ta[16], tb[16];

	kernel(&a, m, nblocks);
	if (a.h[4] > 4) /* the kernel must leave the context's bound */
		return 0;
	hbox_cpu_override(0);
	hbox_poly1305_update(&a, tail, taillen);
	hbox_poly1305_final(&a, ta);
	hbox_poly1305_update(&b, m, 16 * nblocks);
	hbox_poly1305_update(&b, tail, taillen);
	hbox_poly1305_final(&b, tb);
	hbox_cpu_override(HBOX_CPU_ALL);
	return memcmp(ta, tb, 16) == 0;
}

static void test_kernel(kernel_fn kernel, const char *name)
{
	uint8_t key[32], tail[40], *m;
	hbox_poly1305_ctx c;
	unsigned long bad = 0;
	size_t nblocks, taillen;
	int trial, i;

	for (trial = 0; trial < 400; trial++) {
		nblocks = HB_POLY1305_SIMD_STEP * (1 + tu_rand_below(16));
		m = malloc(16 * nblocks);
		if (m == NULL) {
			printf("out of memory\n");
			exit(1);
		}
		tu_rand_bytes(key, sizeof key);
		if (trial & 1)
			memset(key, 0xff, 16); /* r at its clamped maximum */
		if (trial & 2)
			memset(key + 16, 0xff, 16);
		tu_rand_bytes(m, 16 * nblocks);
		if (trial & 4)
			memset(m, 0xff, 16 * nblocks);
		taillen = tu_rand_below(sizeof tail + 1);
		tu_rand_bytes(tail, sizeof tail);
		hbox_poly1305_init(&c, key);
		switch (trial % 5) {
		case 0: /* the largest accumulator the context allows */
			for (i = 0; i < 4; i++)
				c.h[i] = 0xffffffffu;
			c.h[4] = 4;
			break;
		case 1: /* a random one within it */
			for (i = 0; i < 4; i++)
				c.h[i] = tu_rand32();
			c.h[4] = (uint32_t)tu_rand_below(5);
			break;
		case 2: /* left by the portable code after some blocks */
			hbox_cpu_override(0);
			hbox_poly1305_update(&c, tail, 32);
			hbox_cpu_override(HBOX_CPU_ALL);
			break;
		default: /* zero, as after init */
			break;
		}
		bad += !kernel_vs_portable(kernel, &c, m, nblocks, tail, taillen);
		hbox_wipe(&c, sizeof c);
		free(m);
	}
	if (bad != 0)
		printf("%s kernel: %lu of 400 differ\n", name, bad);
	CHECK(bad == 0);
}
#endif

/* The path-level checks with the SIMD paths limited to `allowed`. */
static void test_path(unsigned allowed)
{
	features = allowed;
	hbox_cpu_override(allowed);
	test_lengths();
	test_switch();
	test_edge_keys();
	hbox_cpu_override(HBOX_CPU_ALL);
}

int main(void)
{
	const unsigned all = hbox_cpu_features();

	if (!(all & (HBOX_CPU_AVX2 | HBOX_CPU_AVX512IFMA)))
		printf("no AVX2 or IFMA (CPU or build): both sides are portable, "
		       "differential half skipped\n");
	test_path(all);
	if ((all & HBOX_CPU_AVX512IFMA) && (all & HBOX_CPU_AVX2))
		test_path(all & ~HBOX_CPU_AVX512IFMA);
	else if (!(all & HBOX_CPU_AVX512IFMA))
		printf("no AVX-512 IFMA (CPU, build or valgrind): IFMA kernel not tested\n");
#if HB_X86_SIMD
	if (all & HBOX_CPU_AVX2)
		test_kernel(run_avx2, "AVX2");
	if (all & HBOX_CPU_AVX512IFMA)
		test_kernel(run_ifma, "IFMA");
#endif
	hbox_cpu_override(HBOX_CPU_ALL);
	return tu_report("test_poly1305_simd");
}

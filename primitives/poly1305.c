/*
 * poly1305.c - Poly1305 (RFC 8439 section 2.5).
 *
 * tag = ((sum of c_i * r^(q-i+1)) mod p + s) mod 2^128, p = 2^130 - 5, where
 * each 16-byte block c_i is read little-endian with a 1 appended above its
 * top byte (2^128 for a full block; the last partial block gets its 1 right
 * after its last byte and is zero-padded).
 *
 * The context keeps r, s and the accumulator h as 32-bit words, the same for
 * both arithmetic paths. Only poly_blocks() works in limbs: it loads h and r
 * into limbs, runs Horner's rule h = (h + c_i) * r mod p over the blocks,
 * carries, and stores h back as words with h < 2^130 + 2^128 (h[4] <= 4).
 * The final reduction and the addition of s work on the words, so they are
 * shared by both paths and are branch-free.
 *
 * Reduction uses 2^130 = 5 (mod p): a carry out of bit 130 re-enters at the
 * bottom multiplied by 5.
 *
 * Path selection: radix 2^64 (two full words and a 3-bit top limb,
 * 64x64->128 products) when the compiler provides unsigned __int128 and
 * __builtin_add_overflow (gcc, clang on 64-bit targets); radix 2^26 (five
 * limbs, 32x32->64 products) otherwise or when HB_POLY1305_32BIT is
 * defined. (Radix 2^44, donna-64 style, measured 1.64 ticks/byte with
 * gcc 12 against 0.84 for radix 2^64: its serial carry chain is longer.)
 * tests/unit/test_poly1305.c compiles this file a second time with
 * HB_POLY1305_32BIT to check both paths against each other.
 *
 * On x86-64 builds with SIMD code, long runs of whole blocks go to the
 * AVX-512 IFMA or AVX2 kernel when the CPU has one (poly_full_blocks,
 * hb_poly1305.h). The kernels take the accumulator in the context's word
 * form and give it back in the same form, so nothing else changes.
 */
#include "poly1305.h"

#include "hb_internal.h"
#include "hb_poly1305.h"

/* The 64-bit path needs unsigned __int128 and __builtin_add_overflow (gcc >= 5, clang). */
#if defined(__SIZEOF_INT128__) && !defined(HB_POLY1305_32BIT) &&                            \
	(defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 5))
#define HB_POLY1305_RADIX64 1
#endif

/* The AVX2 kernel joins the 64-bit path (a copy forced onto the 2^26 path,
 * as the tests compile one, stays portable throughout). */
#if defined(HB_POLY1305_RADIX64) && HB_X86_SIMD
#define HB_POLY1305_AVX2 1
#endif

/* Clamp r (RFC 8439 2.5): clear the top 4 bits of every word and the bottom
 * 2 bits of words 1..3. This keeps the limb products below in range. */
static const uint32_t poly_clamp[4] = {0x0fffffffu, 0x0ffffffcu, 0x0ffffffcu, 0x0ffffffcu};

#ifdef HB_POLY1305_RADIX64

__extension__ typedef unsigned __int128 hb_u128;

/*
 * *a += b; returns the carry out (0 or 1) as a value, never a branch.
 * Optimised gcc and clang compile __builtin_add_overflow to add/adc/setc:
 * 0.84 ticks/byte with gcc 12, against 1.11 for the majority formula below
 * and 1.15 for unsigned __int128 additions (gcc spills those to the stack).
 * But gcc 12 at -O0 compiles the builtin to a conditional jump on the carry
 * (caught by tests/ct/ct_poly1305_aead.c), so unoptimised builds use the
 * formula: a carry leaves bit 63 when both top bits are set, or when one
 * is and the top bit of the sum is clear.
 */
static inline uint64_t poly_addc(uint64_t *a, uint64_t b)
{
#if defined(__OPTIMIZE__)
	return __builtin_add_overflow(*a, b, a);
#else
	uint64_t x = *a, s = x + b;
	*a = s;
	return ((x & b) | ((x | b) & ~s)) >> 63;
#endif
}

/*
 * Radix 2^64: h = h0 + h1 2^64 + h2 2^128 with h2 <= 4 on entry and exit,
 * r = r0 + r1 2^64 with r0, r1 < 2^60 and r1 a multiple of 4 (clamping).
 *
 * h r has terms at 2^128 and 2^192 from r1; since r1 = 4 (r1 / 4) and
 * 2^130 = 5 (mod p), h1 r1 2^128 = 5 (r1 / 4) h1 and h2 r1 2^192 =
 * 5 (r1 / 4) h2 2^64, so they enter the low columns through
 * s1 = 5 r1 / 4 = r1 + (r1 >> 2) < 2^61. Bounds (h2 <= 6 after adding a
 * block): d0 = h0 r0 + h1 s1 < 2^126; d1 = h0 r1 + h1 r0 + h2 s1 + carry <
 * 2^126; the top column h2 r0 + carry < 2^63. Its bits from 130 up fold
 * back times 5: c = 5 (top >> 2) = (top & ~3) + (top >> 2) < 2^64, leaving
 * h2 = (top & 3) + carry <= 4.
 */
static void poly_blocks(hbox_poly1305_ctx *ctx, const uint8_t *p, size_t nblocks, uint64_t hibit)
{
	const uint64_t r0 = (uint64_t)ctx->r[0] | ((uint64_t)ctx->r[1] << 32);
	const uint64_t r1 = (uint64_t)ctx->r[2] | ((uint64_t)ctx->r[3] << 32);
	const uint64_t s1 = r1 + (r1 >> 2);
	uint64_t h0 = (uint64_t)ctx->h[0] | ((uint64_t)ctx->h[1] << 32);
	uint64_t h1 = (uint64_t)ctx->h[2] | ((uint64_t)ctx->h[3] << 32);
	uint64_t h2 = ctx->h[4];
	uint64_t c0, c1, top;
	hb_u128 d0, d1;

	while (nblocks-- > 0) {
		/* h += block + hibit 2^128 */
		c0 = poly_addc(&h0, hb_load64_le(p));
		c1 = poly_addc(&h1, hb_load64_le(p + 8));
		c1 += poly_addc(&h1, c0);
		h2 += c1 + hibit;
		p += 16;

		/* h *= r */
		d0 = (hb_u128)h0 * r0 + (hb_u128)h1 * s1;
		d1 = (hb_u128)h0 * r1 + (hb_u128)h1 * r0 + (d0 >> 64) + h2 * s1;
		top = h2 * r0 + (uint64_t)(d1 >> 64);
		h0 = (uint64_t)d0;
		h1 = (uint64_t)d1;

		/* fold bits 130 and up */
		c0 = poly_addc(&h0, (top & ~(uint64_t)3) + (top >> 2));
		c1 = poly_addc(&h1, c0);
		h2 = (top & 3) + c1;
	}

	ctx->h[0] = (uint32_t)h0;
	ctx->h[1] = (uint32_t)(h0 >> 32);
	ctx->h[2] = (uint32_t)h1;
	ctx->h[3] = (uint32_t)(h1 >> 32);
	ctx->h[4] = (uint32_t)h2;
}

#else /* radix 2^26 */

#define M26 0x3ffffffu /* 2^26 - 1 */

/*
 * Limbs: x = x0 + x1 2^26 + x2 2^52 + x3 2^78 + x4 2^104. On entry to a
 * multiplication every h limb is below 2^27 + 2^25, every r limb below 2^26;
 * products at 2^130 and above fold down with s_i = 5 r_i (< 2^29), so each
 * column is below 5 * 2^56 < 2^59.
 */
static void poly_blocks(hbox_poly1305_ctx *ctx, const uint8_t *p, size_t nblocks, uint32_t hibit)
{
	const uint32_t r0 = ctx->r[0] & M26;
	const uint32_t r1 = ((ctx->r[0] >> 26) | (ctx->r[1] << 6)) & M26;
	const uint32_t r2 = ((ctx->r[1] >> 20) | (ctx->r[2] << 12)) & M26;
	const uint32_t r3 = ((ctx->r[2] >> 14) | (ctx->r[3] << 18)) & M26;
	const uint32_t r4 = ctx->r[3] >> 8;
	const uint32_t s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;
	uint32_t h0 = ctx->h[0] & M26;
	uint32_t h1 = ((ctx->h[0] >> 26) | (ctx->h[1] << 6)) & M26;
	uint32_t h2 = ((ctx->h[1] >> 20) | (ctx->h[2] << 12)) & M26;
	uint32_t h3 = ((ctx->h[2] >> 14) | (ctx->h[3] << 18)) & M26;
	uint32_t h4 = (ctx->h[3] >> 8) | (ctx->h[4] << 24);
	uint64_t d0, d1, d2, d3, d4, t;

	while (nblocks-- > 0) {
		h0 += hb_load32_le(p) & M26;
		h1 += (hb_load32_le(p + 3) >> 2) & M26;
		h2 += (hb_load32_le(p + 6) >> 4) & M26;
		h3 += (hb_load32_le(p + 9) >> 6) & M26;
		h4 += (hb_load32_le(p + 12) >> 8) | (hibit << 24);
		p += 16;

		d0 = (uint64_t)h0 * r0 + (uint64_t)h1 * s4 + (uint64_t)h2 * s3 +
		     (uint64_t)h3 * s2 + (uint64_t)h4 * s1;
		d1 = (uint64_t)h0 * r1 + (uint64_t)h1 * r0 + (uint64_t)h2 * s4 +
		     (uint64_t)h3 * s3 + (uint64_t)h4 * s2;
		d2 = (uint64_t)h0 * r2 + (uint64_t)h1 * r1 + (uint64_t)h2 * r0 +
		     (uint64_t)h3 * s4 + (uint64_t)h4 * s3;
		d3 = (uint64_t)h0 * r3 + (uint64_t)h1 * r2 + (uint64_t)h2 * r1 +
		     (uint64_t)h3 * r0 + (uint64_t)h4 * s4;
		d4 = (uint64_t)h0 * r4 + (uint64_t)h1 * r3 + (uint64_t)h2 * r2 +
		     (uint64_t)h3 * r1 + (uint64_t)h4 * r0;

		h0 = (uint32_t)d0 & M26;
		d1 += d0 >> 26;
		h1 = (uint32_t)d1 & M26;
		d2 += d1 >> 26;
		h2 = (uint32_t)d2 & M26;
		d3 += d2 >> 26;
		h3 = (uint32_t)d3 & M26;
		d4 += d3 >> 26;
		h4 = (uint32_t)d4 & M26;
		t = (uint64_t)h0 + (d4 >> 26) * 5; /* weight 2^130 = 5 */
		h0 = (uint32_t)t & M26;
		h1 += (uint32_t)(t >> 26); /* h1 < 2^26 + 2^8 */
	}

	/* Carry h1 up through h4 so h4 <= 2^26 and the stored h[4] <= 4. */
	h2 += h1 >> 26;
	h1 &= M26;
	h3 += h2 >> 26;
	h2 &= M26;
	h4 += h3 >> 26;
	h3 &= M26;
	ctx->h[0] = h0 | (h1 << 26);
	ctx->h[1] = (h1 >> 6) | (h2 << 20);
	ctx->h[2] = (h2 >> 12) | (h3 << 14);
	ctx->h[3] = (h3 >> 18) | (h4 << 8);
	ctx->h[4] = h4 >> 24;
}

#endif

#ifdef HB_POLY1305_AVX2
/*
 * Runs of at least this many blocks go to a SIMD kernel. Both take
 * multiples of 16 blocks, at 0.27 (AVX2) and 0.16 (IFMA) ticks per byte
 * against 0.8 for the 64-bit code on Zen 4 with gcc 12, after a fixed cost
 * (the powers of r, the final sums) of about 260 and 220 ticks. Whole
 * calls, 256 / 384 / 512 bytes: 64-bit code 273 / 382 / 484 ticks, AVX2
 * 335 / 374 / 411, IFMA 268 / 294 / 312. With the blocks past a multiple
 * of 16 left to the 64-bit code, AVX2 pays from 32 blocks, IFMA from
 * about 20.
 */
#define POLY_AVX2_MIN 32
#define POLY_IFMA_MIN 24
#endif

/* nblocks full blocks of a message: a SIMD kernel takes the longest prefix it can. */
static void poly_full_blocks(hbox_poly1305_ctx *ctx, const uint8_t *p, size_t nblocks)
{
#ifdef HB_POLY1305_AVX2
	const unsigned f = nblocks >= POLY_IFMA_MIN ? hbox_cpu_features() : 0u;
	const size_t n = nblocks & ~(size_t)(HB_POLY1305_SIMD_STEP - 1);

	if (f & HBOX_CPU_AVX512IFMA) {
		hb_poly1305_ifma_key k;
		hb_poly1305_ifma_setup(&k, ctx->r);
		hb_poly1305_ifma_blocks(ctx->h, &k, p, n);
		hbox_wipe(&k, sizeof k);
		p += 16 * n;
		nblocks -= n;
	} else if ((f & HBOX_CPU_AVX2) && nblocks >= POLY_AVX2_MIN) {
		hb_poly1305_avx2_key k;
		hb_poly1305_avx2_setup(&k, ctx->r);
		hb_poly1305_avx2_blocks(ctx->h, &k, p, n);
		hbox_wipe(&k, sizeof k);
		p += 16 * n;
		nblocks -= n;
	}
#endif
	poly_blocks(ctx, p, nblocks, 1);
}

void hbox_poly1305_init(hbox_poly1305_ctx *ctx, const uint8_t key[HBOX_POLY1305_KEYBYTES])
{
	unsigned i;
	for (i = 0; i < 4; i++) {
		ctx->r[i] = hb_load32_le(key + 4 * i) & poly_clamp[i];
		ctx->s[i] = hb_load32_le(key + 16 + 4 * i);
		ctx->h[i] = 0;
	}
	ctx->h[4] = 0;
	memset(ctx->buf, 0, sizeof ctx->buf);
	ctx->nbuf = 0;
}

void hbox_poly1305_update(hbox_poly1305_ctx *ctx, const uint8_t *msg, size_t len)
{
	size_t take;

	if (len == 0)
		return;
	if (ctx->nbuf > 0) {
		take = 16 - ctx->nbuf;
		if (take > len)
			take = len;
		memcpy(ctx->buf + ctx->nbuf, msg, take);
		ctx->nbuf += take;
		msg += take;
		len -= take;
		if (ctx->nbuf < 16)
			return;
		poly_blocks(ctx, ctx->buf, 1, 1);
		ctx->nbuf = 0;
	}
	if (len >= 16) {
		poly_full_blocks(ctx, msg, len >> 4);
		msg += len & ~(size_t)15;
		len &= 15;
	}
	if (len > 0) {
		memcpy(ctx->buf, msg, len);
		ctx->nbuf = len;
	}
}

void hbox_poly1305_final(hbox_poly1305_ctx *ctx, uint8_t tag[HBOX_POLY1305_BYTES])
{
	uint32_t g[5], mask;
	uint64_t acc;
	unsigned i;

	if (ctx->nbuf > 0) {
		/* Last partial block: append 1, zero-pad, no 2^128 bit. */
		ctx->buf[ctx->nbuf] = 1;
		memset(ctx->buf + ctx->nbuf + 1, 0, 15 - ctx->nbuf);
		poly_blocks(ctx, ctx->buf, 1, 0);
	}

	/*
	 * Full reduction. h < 2^130 + 2^128 < 2p, so h mod p is h or h - p.
	 * g = h + 5 reaches 2^130 exactly when h >= p, and then g - 2^130 =
	 * h - p. Bit 130 of g selects, through a mask (no branch).
	 */
	acc = 5;
	for (i = 0; i < 5; i++) {
		acc += ctx->h[i];
		g[i] = (uint32_t)acc;
		acc >>= 32;
	}
	mask = hb_mask_bit32(g[4] >> 2);
	/* tag = (h mod p) + s mod 2^128: only the low four words matter. */
	acc = 0;
	for (i = 0; i < 4; i++) {
		acc += (uint64_t)((ctx->h[i] & ~mask) | (g[i] & mask)) + ctx->s[i];
		hb_store32_le(tag + 4 * i, (uint32_t)acc);
		acc >>= 32;
	}
	hbox_wipe(g, sizeof g);
	hbox_wipe(ctx, sizeof *ctx);
}

void hbox_poly1305(uint8_t tag[HBOX_POLY1305_BYTES], const uint8_t *msg, size_t len,
                   const uint8_t key[HBOX_POLY1305_KEYBYTES])
{
	hbox_poly1305_ctx ctx;
	hbox_poly1305_init(&ctx, key);
	hbox_poly1305_update(&ctx, msg, len);
	hbox_poly1305_final(&ctx, tag);
}

int hbox_poly1305_verify(const uint8_t tag[HBOX_POLY1305_BYTES], const uint8_t *msg, size_t len,
                         const uint8_t key[HBOX_POLY1305_KEYBYTES])
{
	uint8_t want[HBOX_POLY1305_BYTES];
	int r;
	hbox_poly1305(want, msg, len, key);
	r = hbox_verify16(want, tag);
	hbox_wipe(want, sizeof want);
	return r;
}

/*
 * sha256.c - SHA-256 (FIPS 180-4).
 *
 * The compression function keeps the message schedule in a 16-word ring
 * (W[t] lives in w[t mod 16], FIPS 180-4 section 6.2.2 step 1 computed on
 * the fly) and unrolls 16 rounds, so every ring index is a constant; the
 * eight working variables are renamed between rounds instead of shifted.
 * Nothing here depends on the data except the values: no table is indexed
 * by the message, and the only branches are on lengths.
 *
 * On x86-64 CPUs with SHA-NI, hb_sha256_blocks and hbox_sha256_final hand
 * the work to sha256_shani.c; the context keeps the state in the order
 * used here on both paths.
 */
#include "sha256.h"
#include "hb_cpu.h"
#include "hb_internal.h"
#include "hb_sha256.h"

/* FIPS 180-4 section 4.2.2: first 32 bits of the fractional parts of the
 * cube roots of the first 64 primes. */
const uint32_t hb_sha256_k[64] = {
	0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u,
	0x923f82a4u, 0xab1c5ed5u, 0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u,
	0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u, 0xe49b69c1u, 0xefbe4786u,
	0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
	0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u,
	0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u,
	0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u, 0xa2bfe8a1u, 0xa81a664bu,
	0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
	0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au,
	0x5b9cca4fu, 0x682e6ff3u, 0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u,
	0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

/* FIPS 180-4 section 5.3.3: fractional parts of the square roots of the
 * first 8 primes. */
const uint32_t hb_sha256_h0[8] = {
	0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
	0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u,
};

/* FIPS 180-4 section 4.1.2 functions. Maj is computed in ROUND. */
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define BSIG0(x) (hb_rotr32((x), 2) ^ hb_rotr32((x), 13) ^ hb_rotr32((x), 22))
#define BSIG1(x) (hb_rotr32((x), 6) ^ hb_rotr32((x), 11) ^ hb_rotr32((x), 25))
#define SSIG0(x) (hb_rotr32((x), 7) ^ hb_rotr32((x), 18) ^ ((x) >> 3))
#define SSIG1(x) (hb_rotr32((x), 17) ^ hb_rotr32((x), 19) ^ ((x) >> 10))

/*
 * Round t = (k - K) + j, j = 0..15, with W[t] in w[j]: T1 goes into d (the
 * next e) and T1 + T2 into h (the next a). Maj(a, b, c) is computed as
 * b ^ ((a ^ b) & (b ^ c)); this round's a ^ b is the next round's b ^ c,
 * so it is kept (in ab) and reused, saving an operation per round.
 */
#define ROUND(a, b, c, d, e, f, g, h, j, ab, bc)                                  \
	do {                                                                      \
		uint32_t t1_ = (h) + BSIG1(e) + CH(e, f, g) + k[j] + w[j];        \
		(d) += t1_;                                                       \
		(ab) = (a) ^ (b);                                                 \
		(h) = t1_ + BSIG0(a) + ((b) ^ ((ab) & (bc)));                     \
	} while (0)

/* t >= 16: W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], written
 * over W[t-16] in the ring. */
#define SCHEDULE(j)                                                                \
	(w[j] += SSIG1(w[((j) + 14) & 15]) + w[((j) + 9) & 15] + SSIG0(w[((j) + 1) & 15]))

#define ROUND_S(a, b, c, d, e, f, g, h, j, ab, bc)                                \
	do {                                                                      \
		SCHEDULE(j);                                                      \
		ROUND(a, b, c, d, e, f, g, h, j, ab, bc);                         \
	} while (0)

/* Eight rounds starting at ring index o; after them the names line up
 * again (and y holds b ^ c, as on entry). */
#define ROUNDS8(R, o)                                  \
	R(a, b, c, d, e, f, g, h, (o) + 0, x, y);      \
	R(h, a, b, c, d, e, f, g, (o) + 1, y, x);      \
	R(g, h, a, b, c, d, e, f, (o) + 2, x, y);      \
	R(f, g, h, a, b, c, d, e, (o) + 3, y, x);      \
	R(e, f, g, h, a, b, c, d, (o) + 4, x, y);      \
	R(d, e, f, g, h, a, b, c, (o) + 5, y, x);      \
	R(c, d, e, f, g, h, a, b, (o) + 6, x, y);      \
	R(b, c, d, e, f, g, h, a, (o) + 7, y, x)

/*
 * Rounds 0-15, then three passes of 16 scheduling rounds. Writing out all
 * 64 rounds gains 2-5% on x86-64 but costs 3.3 KB more code on a Cortex-M4
 * (7.5 KB instead of 4.2 KB at -Os), so the loop stays.
 */
void hb_sha256_compress(uint32_t state[8], uint32_t w[16])
{
	uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
	uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
	uint32_t x, y = b ^ c;
	const uint32_t *k = hb_sha256_k;
	int r;

	ROUNDS8(ROUND, 0);
	ROUNDS8(ROUND, 8);
	for (r = 0; r < 3; r++) {
		k += 16;
		ROUNDS8(ROUND_S, 0);
		ROUNDS8(ROUND_S, 8);
		/* Not a secret mask: an optimisation fence. Without it gcc 12
		 * -O3 loop distribution splits this loop and runs 30% slower. */
		HB_BARRIER32(a);
	}
	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
	state[4] += e;
	state[5] += f;
	state[6] += g;
	state[7] += h;
}

/* The dispatcher: SHA-NI when the CPU has it (a branch on the CPU model
 * and the override, never on data), else the portable rounds. */
void hb_sha256_blocks(uint32_t state[8], const uint8_t *in, size_t nblocks)
{
	uint32_t w[16];
	int i;
	if (nblocks == 0)
		return;
#if HB_X86_SIMD
	if (hbox_cpu_features() & HBOX_CPU_SHA) {
		hb_sha256_blocks_shani(state, in, nblocks);
		return;
	}
#endif
	do {
		for (i = 0; i < 16; i++)
			w[i] = hb_load32_be(in + 4 * i);
		hb_sha256_compress(state, w);
		in += HBOX_SHA256_BLOCKBYTES;
	} while (--nblocks != 0);
	hbox_wipe(w, sizeof w);
}

void hbox_sha256_init(hbox_sha256_ctx *ctx)
{
	memcpy(ctx->state, hb_sha256_h0, sizeof hb_sha256_h0);
	ctx->count = 0;
	memset(ctx->buf, 0, sizeof ctx->buf);
}

void hbox_sha256_update(hbox_sha256_ctx *ctx, const uint8_t *in, size_t len)
{
	size_t used = (size_t)(ctx->count & (HBOX_SHA256_BLOCKBYTES - 1)), nblocks;

	if (len == 0)
		return;
	ctx->count += len;
	if (used != 0) {
		size_t take = HBOX_SHA256_BLOCKBYTES - used;
		if (len < take) {
			memcpy(ctx->buf + used, in, len);
			return;
		}
		memcpy(ctx->buf + used, in, take);
		hb_sha256_blocks(ctx->state, ctx->buf, 1);
		in += take;
		len -= take;
	}
	nblocks = len >> 6; /* whole 64-byte blocks */
	hb_sha256_blocks(ctx->state, in, nblocks);
	in += nblocks << 6;
	len &= HBOX_SHA256_BLOCKBYTES - 1;
	if (len != 0)
		memcpy(ctx->buf, in, len);
}

void hb_sha256_pad_final(hbox_sha256_ctx *ctx)
{
	/* FIPS 180-4 section 5.1.1: 0x80, zeros to 56 mod 64, 64-bit bit length. */
	size_t used = (size_t)(ctx->count & (HBOX_SHA256_BLOCKBYTES - 1));
	uint64_t bits = ctx->count << 3;

	ctx->buf[used++] = 0x80;
	if (used > HBOX_SHA256_BLOCKBYTES - 8) {
		memset(ctx->buf + used, 0, HBOX_SHA256_BLOCKBYTES - used);
		hb_sha256_blocks(ctx->state, ctx->buf, 1);
		used = 0;
	}
	memset(ctx->buf + used, 0, HBOX_SHA256_BLOCKBYTES - 8 - used);
	hb_store64_be(ctx->buf + HBOX_SHA256_BLOCKBYTES - 8, bits);
	hb_sha256_blocks(ctx->state, ctx->buf, 1);
}

void hbox_sha256_final(hbox_sha256_ctx *ctx, uint8_t out[HBOX_SHA256_BYTES])
{
#if HB_X86_SIMD
	if (hbox_cpu_features() & HBOX_CPU_SHA) {
		hb_sha256_final_shani(ctx->state, ctx->buf,
		                      (size_t)(ctx->count & (HBOX_SHA256_BLOCKBYTES - 1)),
		                      ctx->count << 3, out);
		hbox_wipe(ctx, sizeof *ctx);
		return;
	}
#endif
	hb_sha256_pad_final(ctx);
	hb_sha256_store_be(out, ctx->state, 8);
	hbox_wipe(ctx, sizeof *ctx);
}

void hbox_sha256(uint8_t out[HBOX_SHA256_BYTES], const uint8_t *in, size_t len)
{
	hbox_sha256_ctx ctx;
	hbox_sha256_init(&ctx);
	hbox_sha256_update(&ctx, in, len);
	hbox_sha256_final(&ctx, out);
}

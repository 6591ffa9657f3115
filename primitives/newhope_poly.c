/*
 * newhope_poly.c - NewHope polynomials: packing, pointwise arithmetic, the
 * public polynomial a (gen_a) and the noise sampler.
 *
 * Everything here follows the byte-level behaviour of the USENIX 2016
 * reference code (tpoeppelmann/newhope, ref/), as documented in
 * kat/vectors/VECTORS-README.md, section "NewHope (USENIX 2016 ...)".
 * No division: see the reductions in hb_newhope.h.
 */
#include "chacha20.h"
#include "hb_internal.h"
#include "hb_keccak.h"
#include "hb_newhope.h"
#include "sha3.h"

/* 2^32 mod q: Montgomery-multiplying by it turns b into b * 2^16 mod q. */
#define NH_R2_MOD_Q 10952u

void hb_nh_pointwise(hb_nh_poly *r, const hb_nh_poly *a, const hb_nh_poly *b)
{
#if HB_X86_SIMD
	if (HB_NH_AVX2()) {
		hb_nh_pointwise_avx2(r, a, b);
		return;
	}
#endif
	size_t i;
	for (i = 0; i < HB_NH_N; i++) {
		/* b < 2^16: b * 10952 < 2^30, so t = b * 2^16 mod q is below
		 * 10952 + q < 2q. a < 2^14: a * t < 2^29, so the result a b mod q
		 * is below 2^13 + q < 2q. */
		uint32_t t = hb_nh_montred((uint32_t)b->c[i] * NH_R2_MOD_Q);
		r->c[i] = (uint16_t)hb_nh_montred((uint32_t)a->c[i] * t);
	}
}

void hb_nh_add(hb_nh_poly *r, const hb_nh_poly *a, const hb_nh_poly *b)
{
#if HB_X86_SIMD
	if (HB_NH_AVX2()) {
		hb_nh_add_avx2(r, a, b);
		return;
	}
#endif
	size_t i;
	for (i = 0; i < HB_NH_N; i++)
		r->c[i] = (uint16_t)hb_nh_barrett((uint32_t)a->c[i] + b->c[i]);
}

/*
 * Packing: coefficients c0..c3 of each group of 4 are the 56-bit
 * little-endian integer c0 | c1 << 14 | c2 << 28 | c3 << 42 in 7 bytes.
 * Written byte by byte with 16-bit pieces (no 64-bit shifts, which cost
 * extra on 32-bit targets).
 */
void hb_nh_tobytes(uint8_t out[HB_NH_POLYBYTES], const hb_nh_poly *p)
{
#if HB_X86_SIMD
	if (HB_NH_AVX2()) {
		hb_nh_tobytes_avx2(out, p);
		return;
	}
#endif
	uint16_t t[64];
	size_t base, i;
	for (base = 0; base < HB_NH_N; base += 64) {
		for (i = 0; i < 64; i++) /* a separate pass vectorises */
			t[i] = (uint16_t)hb_nh_modq(p->c[base + i]);
		for (i = 0; i < 64; i += 4) {
			const uint16_t *c = t + i;
			uint8_t *o = out + 7 * ((base + i) / 4);
			o[0] = (uint8_t)c[0];
			o[1] = (uint8_t)((c[0] >> 8) | (c[1] << 6));
			o[2] = (uint8_t)(c[1] >> 2);
			o[3] = (uint8_t)((c[1] >> 10) | (c[2] << 4));
			o[4] = (uint8_t)(c[2] >> 4);
			o[5] = (uint8_t)((c[2] >> 12) | (c[3] << 2));
			o[6] = (uint8_t)(c[3] >> 6);
		}
	}
}

uint32_t hb_nh_frombytes(hb_nh_poly *r, const uint8_t in[HB_NH_POLYBYTES])
{
#if HB_X86_SIMD
	if (HB_NH_AVX2()) {
		return hb_nh_frombytes_avx2(r, in);
	}
#endif
	uint32_t bad = 0;
	size_t i, k;
	for (i = 0; i < HB_NH_N / 4; i++) {
		const uint8_t *s = in + 7 * i;
		uint16_t *c = r->c + 4 * i;
		c[0] = (uint16_t)((uint32_t)s[0] | ((s[1] & 0x3Fu) << 8));
		c[1] = (uint16_t)((uint32_t)(s[1] >> 6) | ((uint32_t)s[2] << 2) | ((s[3] & 0x0Fu) << 10));
		c[2] = (uint16_t)((uint32_t)(s[3] >> 4) | ((uint32_t)s[4] << 4) | ((s[5] & 0x03u) << 12));
		c[3] = (uint16_t)((uint32_t)(s[5] >> 2) | ((uint32_t)s[6] << 6));
		for (k = 0; k < 4; k++)
			bad |= (HB_NH_Q - 1u - c[k]) >> 31; /* 1 when c >= q */
	}
	return bad;
}

void hb_nh_uniform(hb_nh_poly *a, const uint8_t seed[HB_NH_SEEDBYTES])
{
#if HB_X86_SIMD
	if (HB_NH_AVX2()) {
		hb_nh_uniform_avx2(a, seed);
		return;
	}
#endif
	hbox_shake_ctx ctx;
	uint8_t buf[HBOX_SHAKE128_BLOCKBYTES];
	size_t ctr = 0, pos;

	hbox_shake128_init(&ctx);
	hbox_shake_absorb(&ctx, seed, HB_NH_SEEDBYTES);
	/* The reference squeezes 16 blocks, then one at a time: the same
	 * stream as one block at a time. The rate (168) is even, so no 2-byte
	 * candidate straddles two blocks. Branching here is on public data. */
	while (ctr < HB_NH_N) {
		hb_shake128_squeezeblocks(&ctx, buf, 1);
		for (pos = 0; pos < sizeof buf && ctr < HB_NH_N; pos += 2) {
			uint32_t val = ((uint32_t)buf[pos] | ((uint32_t)buf[pos + 1] << 8)) & 0x3FFFu;
			if (val < HB_NH_Q)
				a->c[ctr++] = (uint16_t)val;
		}
	}
	hbox_shake_wipe(&ctx);
}

/* Keystream bytes processed per ChaCha20 call in the noise sampler. */
#define NH_NOISE_CHUNK 512

/*
 * r[i] = (r[i] & keep) + noise_i, reduced below 2q: keep = 0 samples, keep =
 * 0xFFFF adds (a public choice). Barrett leaves the plain samples
 * q - 16 .. q + 16 unchanged (5 (q + 16) < 2^16).
 */
static void nh_noise(hb_nh_poly *r, const uint8_t seed[32], uint8_t nonce, uint32_t keep)
{
#if HB_X86_SIMD
	if (HB_NH_AVX2()) {
		hb_nh_noise_avx2(r, seed, nonce, keep != 0);
		return;
	}
#endif
	uint8_t buf[NH_NOISE_CHUNK];
	uint8_t n[8] = {0};
	size_t chunk, i;

	n[0] = nonce;
	for (chunk = 0; chunk < 4 * HB_NH_N / NH_NOISE_CHUNK; chunk++) {
		uint16_t *out = r->c + chunk * (NH_NOISE_CHUNK / 4);
		hbox_chacha20(buf, NULL, sizeof buf, seed, n,
		              (uint64_t)(chunk * (NH_NOISE_CHUNK / 64)));
		for (i = 0; i < NH_NOISE_CHUNK / 4; i++) {
			/* Per-byte popcounts (SWAR), then fold bytes 0+1 into the
			 * low half and bytes 2+3 into the high half. */
			uint32_t w = hb_load32_le(buf + 4 * i);
			w = w - ((w >> 1) & 0x55555555u);
			w = (w & 0x33333333u) + ((w >> 2) & 0x33333333u);
			w = (w + (w >> 4)) & 0x0F0F0F0Fu;
			w = (w + (w >> 8)) & 0x00FF00FFu;
			w = (w & 0xFFFFu) + HB_NH_Q - (w >> 16);
			out[i] = (uint16_t)hb_nh_barrett((out[i] & keep) + w);
		}
	}
	hbox_wipe(buf, sizeof buf);
}

void hb_nh_getnoise(hb_nh_poly *r, const uint8_t seed[32], uint8_t nonce)
{
	nh_noise(r, seed, nonce, 0);
}

void hb_nh_addnoise(hb_nh_poly *r, const uint8_t seed[32], uint8_t nonce)
{
	nh_noise(r, seed, nonce, 0xFFFFu);
}

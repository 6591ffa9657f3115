/*
 * salsa20.c - Salsa20/20 core and stream, HSalsa20, XSalsa20. Portable C;
 * add-rotate-xor on 32-bit words only.
 *
 * State (Bernstein, "Salsa20 specification", section 9):
 *   word:  0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
 *          c0 k0 k1 k2 k3 c1 n0 n1 b0 b1 c2 k4 k5 k6 k7 c3
 * c = "expand 32-byte k", k = key, n = nonce, b = 64-bit block counter.
 */
#include "salsa20.h"
#include "hb_stream.h"

/* x = the 20 Salsa20 rounds (10 column + row double rounds) applied to s. */
static inline void salsa20_rounds(uint32_t x[16], const uint32_t s[16])
{
	uint32_t x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3];
	uint32_t x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7];
	uint32_t x8 = s[8], x9 = s[9], x10 = s[10], x11 = s[11];
	uint32_t x12 = s[12], x13 = s[13], x14 = s[14], x15 = s[15];
	int i;

	for (i = 0; i < 10; i++) {
		/* columns */
		HB_SALSA_QR(x0, x4, x8, x12);
		HB_SALSA_QR(x5, x9, x13, x1);
		HB_SALSA_QR(x10, x14, x2, x6);
		HB_SALSA_QR(x15, x3, x7, x11);
		/* rows */
		HB_SALSA_QR(x0, x1, x2, x3);
		HB_SALSA_QR(x5, x6, x7, x4);
		HB_SALSA_QR(x10, x11, x8, x9);
		HB_SALSA_QR(x15, x12, x13, x14);
	}
	x[0] = x0, x[1] = x1, x[2] = x2, x[3] = x3;
	x[4] = x4, x[5] = x5, x[6] = x6, x[7] = x7;
	x[8] = x8, x[9] = x9, x[10] = x10, x[11] = x11;
	x[12] = x12, x[13] = x13, x[14] = x14, x[15] = x15;
}

/* Constants and key; words 6..9 are left to the caller. */
static void salsa20_init(uint32_t st[16], const uint8_t key[32])
{
	int i;
	st[0] = HB_SIGMA0;
	st[5] = HB_SIGMA1;
	st[10] = HB_SIGMA2;
	st[15] = HB_SIGMA3;
	for (i = 0; i < 4; i++) {
		st[1 + i] = hb_load32_le(key + 4 * i);
		st[11 + i] = hb_load32_le(key + 16 + 4 * i);
	}
}

/* ks = Salsa20 block of st (rounds plus feed-forward). */
static void salsa20_block(uint32_t ks[16], const uint32_t st[16])
{
	int i;
	salsa20_rounds(ks, st);
	for (i = 0; i < 16; i++)
		ks[i] += st[i];
}

void hbox_salsa20_core(uint8_t out[HBOX_SALSA20_BLOCKBYTES],
                       const uint8_t key[HBOX_SALSA20_KEYBYTES],
                       const uint8_t in[HBOX_SALSA20_COREINBYTES])
{
	uint32_t st[16], ks[16];
	int i;

	salsa20_init(st, key);
	for (i = 0; i < 4; i++)
		st[6 + i] = hb_load32_le(in + 4 * i);
	salsa20_block(ks, st);
	hb_stream_block(out, NULL, ks);
	hbox_wipe(st, sizeof st);
	hbox_wipe(ks, sizeof ks);
}

void hbox_salsa20(uint8_t *out, const uint8_t *in, size_t len,
                  const uint8_t key[HBOX_SALSA20_KEYBYTES],
                  const uint8_t nonce[HBOX_SALSA20_NONCEBYTES], uint64_t counter)
{
	uint32_t st[16], ks[16];

	salsa20_init(st, key);
	st[6] = hb_load32_le(nonce);
	st[7] = hb_load32_le(nonce + 4);
	st[8] = (uint32_t)counter;
	st[9] = (uint32_t)(counter >> 32);
#if HB_X86_SIMD
	if (hbox_cpu_features() & (HBOX_CPU_AVX512F | HBOX_CPU_AVX2)) {
		if (hbox_cpu_features() & HBOX_CPU_AVX512F)
			hb_salsa20_avx512(st, out, in, len);
		else
			hb_salsa20_avx2(st, out, in, len);
		hbox_wipe(st, sizeof st);
		return;
	}
#endif
	while (len > 0) {
		salsa20_block(ks, st);
		if (len < 64) {
			hb_stream_tail(out, in, len, ks);
			break;
		}
		hb_stream_block(out, in, ks);
		st[8]++;
		if (st[8] == 0) /* the counter is public */
			st[9]++;
		out += 64;
		if (in != NULL)
			in += 64;
		len -= 64;
	}
	hbox_wipe(st, sizeof st);
	hbox_wipe(ks, sizeof ks);
}

void hbox_hsalsa20(uint8_t out[HBOX_HSALSA20_OUTBYTES], const uint8_t key[HBOX_SALSA20_KEYBYTES],
                   const uint8_t in[HBOX_HSALSA20_INBYTES])
{
	/* Words 0, 5, 10, 15 (constants) and 6..9 (input): the positions whose
	 * initial values are public, so the feed-forward is omitted. */
	static const unsigned char pick[8] = {0, 5, 10, 15, 6, 7, 8, 9};
	uint32_t st[16], x[16];
	int i;

	salsa20_init(st, key);
	for (i = 0; i < 4; i++)
		st[6 + i] = hb_load32_le(in + 4 * i);
#if HB_X86_SIMD
	if (hbox_cpu_features() & (HBOX_CPU_AVX512F | HBOX_CPU_AVX2)) {
		if (hbox_cpu_features() & HBOX_CPU_AVX512F)
			hb_hsalsa20_avx512(out, st);
		else
			hb_hsalsa20_avx2(out, st);
		hbox_wipe(st, sizeof st);
		return;
	}
#endif
	salsa20_rounds(x, st);
	for (i = 0; i < 8; i++)
		hb_store32_le(out + 4 * i, x[pick[i]]);
	hbox_wipe(st, sizeof st);
	hbox_wipe(x, sizeof x);
}

void hbox_xsalsa20(uint8_t *out, const uint8_t *in, size_t len,
                   const uint8_t key[HBOX_SALSA20_KEYBYTES],
                   const uint8_t nonce[HBOX_XSALSA20_NONCEBYTES])
{
	uint8_t subkey[32];
	hbox_hsalsa20(subkey, key, nonce);
	hbox_salsa20(out, in, len, subkey, nonce + 16, 0);
	hbox_wipe(subkey, sizeof subkey);
}

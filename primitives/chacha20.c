/*
 * chacha20.c - ChaCha20 (RFC 8439, and the original 64-bit nonce layout),
 * HChaCha20 and XChaCha20. Portable C; everything is add-rotate-xor on
 * 32-bit words, so there is nothing secret-dependent to branch on.
 *
 * State (RFC 8439 section 2.3): words 0-3 constants, 4-11 key, 12-15
 * counter and nonce, whose split depends on the variant:
 *   IETF:     word 12 = 32-bit counter, words 13-15 = 96-bit nonce
 *   original: words 12-13 = 64-bit counter, words 14-15 = 64-bit nonce
 */
#include "chacha20.h"
#include "hb_stream.h"

/* x = the 20-round ChaCha permutation of s (10 column + diagonal rounds). */
static inline void chacha20_rounds(uint32_t x[16], const uint32_t s[16])
{
	uint32_t x0 = s[0], x1 = s[1], x2 = s[2], x3 = s[3];
	uint32_t x4 = s[4], x5 = s[5], x6 = s[6], x7 = s[7];
	uint32_t x8 = s[8], x9 = s[9], x10 = s[10], x11 = s[11];
	uint32_t x12 = s[12], x13 = s[13], x14 = s[14], x15 = s[15];
	int i;

	for (i = 0; i < 10; i++) {
		HB_CHACHA_QR(x0, x4, x8, x12);
		HB_CHACHA_QR(x1, x5, x9, x13);
		HB_CHACHA_QR(x2, x6, x10, x14);
		HB_CHACHA_QR(x3, x7, x11, x15);
		HB_CHACHA_QR(x0, x5, x10, x15);
		HB_CHACHA_QR(x1, x6, x11, x12);
		HB_CHACHA_QR(x2, x7, x8, x13);
		HB_CHACHA_QR(x3, x4, x9, x14);
	}
	x[0] = x0, x[1] = x1, x[2] = x2, x[3] = x3;
	x[4] = x4, x[5] = x5, x[6] = x6, x[7] = x7;
	x[8] = x8, x[9] = x9, x[10] = x10, x[11] = x11;
	x[12] = x12, x[13] = x13, x[14] = x14, x[15] = x15;
}

/* Words 0-11: constants and key. */
static void chacha20_init(uint32_t st[16], const uint8_t key[32])
{
	int i;
	st[0] = HB_SIGMA0;
	st[1] = HB_SIGMA1;
	st[2] = HB_SIGMA2;
	st[3] = HB_SIGMA3;
	for (i = 0; i < 8; i++)
		st[4 + i] = hb_load32_le(key + 4 * i);
}

/*
 * XOR len bytes of keystream from state st into in (or write keystream when
 * in is NULL), advancing the block counter after every block. wide selects
 * the original layout, where word 12 carries into word 13; otherwise word 12
 * wraps on its own (IETF). Whole blocks go straight from in to out.
 */
static void chacha20_stream(uint32_t st[16], uint8_t *out, const uint8_t *in, size_t len,
                            int wide)
{
	uint32_t ks[16];
	int i;

#if HB_X86_SIMD
	if (hbox_cpu_features() & (HBOX_CPU_AVX512F | HBOX_CPU_AVX2)) {
		if (hbox_cpu_features() & HBOX_CPU_AVX512F)
			hb_chacha20_avx512(st, out, in, len, wide);
		else
			hb_chacha20_avx2(st, out, in, len, wide);
		return;
	}
#endif
	while (len > 0) {
		chacha20_rounds(ks, st);
		for (i = 0; i < 16; i++)
			ks[i] += st[i];
		if (len < 64) {
			hb_stream_tail(out, in, len, ks);
			break;
		}
		hb_stream_block(out, in, ks);
		st[12]++;
		if (wide && st[12] == 0) /* the counter is public */
			st[13]++;
		out += 64;
		if (in != NULL)
			in += 64;
		len -= 64;
	}
	hbox_wipe(ks, sizeof ks);
}

void hbox_chacha20_ietf(uint8_t *out, const uint8_t *in, size_t len,
                        const uint8_t key[HBOX_CHACHA20_KEYBYTES],
                        const uint8_t nonce[HBOX_CHACHA20_IETF_NONCEBYTES], uint32_t counter)
{
	uint32_t st[16];
	chacha20_init(st, key);
	st[12] = counter;
	st[13] = hb_load32_le(nonce);
	st[14] = hb_load32_le(nonce + 4);
	st[15] = hb_load32_le(nonce + 8);
	chacha20_stream(st, out, in, len, 0);
	hbox_wipe(st, sizeof st);
}

void hbox_chacha20(uint8_t *out, const uint8_t *in, size_t len,
                   const uint8_t key[HBOX_CHACHA20_KEYBYTES],
                   const uint8_t nonce[HBOX_CHACHA20_NONCEBYTES], uint64_t counter)
{
	uint32_t st[16];
	chacha20_init(st, key);
	st[12] = (uint32_t)counter;
	st[13] = (uint32_t)(counter >> 32);
	st[14] = hb_load32_le(nonce);
	st[15] = hb_load32_le(nonce + 4);
	chacha20_stream(st, out, in, len, 1);
	hbox_wipe(st, sizeof st);
}

void hbox_hchacha20(uint8_t out[HBOX_HCHACHA20_OUTBYTES],
                    const uint8_t key[HBOX_CHACHA20_KEYBYTES],
                    const uint8_t in[HBOX_HCHACHA20_INBYTES])
{
	uint32_t st[16], x[16];
	int i;

	chacha20_init(st, key);
	for (i = 0; i < 4; i++)
		st[12 + i] = hb_load32_le(in + 4 * i);
#if HB_X86_SIMD
	if (hbox_cpu_features() & (HBOX_CPU_AVX512F | HBOX_CPU_AVX2)) {
		if (hbox_cpu_features() & HBOX_CPU_AVX512F)
			hb_hchacha20_avx512(out, st);
		else
			hb_hchacha20_avx2(out, st);
		hbox_wipe(st, sizeof st);
		return;
	}
#endif
	chacha20_rounds(x, st);
	/* No feed-forward: words 0-3 and 12-15 sit where the public constants
	 * and input were, so adding those back would add nothing secret
	 * (draft-irtf-cfrg-xchacha-03 section 2.2). */
	for (i = 0; i < 4; i++) {
		hb_store32_le(out + 4 * i, x[i]);
		hb_store32_le(out + 16 + 4 * i, x[12 + i]);
	}
	hbox_wipe(st, sizeof st);
	hbox_wipe(x, sizeof x);
}

void hbox_xchacha20(uint8_t *out, const uint8_t *in, size_t len,
                    const uint8_t key[HBOX_CHACHA20_KEYBYTES],
                    const uint8_t nonce[HBOX_XCHACHA20_NONCEBYTES], uint64_t counter)
{
	uint8_t subkey[32];
	hbox_hchacha20(subkey, key, nonce);
	hbox_chacha20(out, in, len, subkey, nonce + 16, counter);
	hbox_wipe(subkey, sizeof subkey);
}

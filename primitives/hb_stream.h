/*
 * hb_stream.h - private pieces shared by the ChaCha20 and Salsa20 stream
 * ciphers: the "expand 32-byte k" constants, the two quarter rounds, and the
 * code that turns one 16-word keystream block into output bytes.
 *
 * Not installed, not part of the API.
 */
#ifndef HB_STREAM_H
#define HB_STREAM_H

#include "hb_cpu.h"
#include "hb_internal.h"

/* "expand 32-byte k" as four little-endian words (ChaCha20 and Salsa20). */
#define HB_SIGMA0 0x61707865u
#define HB_SIGMA1 0x3320646eu
#define HB_SIGMA2 0x79622d32u
#define HB_SIGMA3 0x6b206574u

/* ChaCha quarter round on four uint32_t lvalues (RFC 8439 section 2.1). */
#define HB_CHACHA_QR(a, b, c, d)                                                              \
	do {                                                                                  \
		a += b;                                                                       \
		d = hb_rotl32(d ^ a, 16);                                                     \
		c += d;                                                                       \
		b = hb_rotl32(b ^ c, 12);                                                     \
		a += b;                                                                       \
		d = hb_rotl32(d ^ a, 8);                                                      \
		c += d;                                                                       \
		b = hb_rotl32(b ^ c, 7);                                                      \
	} while (0)

/* Salsa20 quarter round (Bernstein, "The Salsa20 family of stream ciphers",
 * section 4.2): y1 ^= (y0 + y3) <<< 7, y2 ^= (y1 + y0) <<< 9, ... */
#define HB_SALSA_QR(a, b, c, d)                                                               \
	do {                                                                                  \
		b ^= hb_rotl32(a + d, 7);                                                     \
		c ^= hb_rotl32(b + a, 9);                                                     \
		d ^= hb_rotl32(c + b, 13);                                                    \
		a ^= hb_rotl32(d + c, 18);                                                    \
	} while (0)

/*
 * One whole 64-byte block: out = in XOR ks, or out = ks when in is NULL.
 * Each word of in is read before the same word of out is written, so
 * out == in is fine.
 */
static inline void hb_stream_block(uint8_t *out, const uint8_t *in, const uint32_t ks[16])
{
	unsigned i;
	if (in == NULL) {
		for (i = 0; i < 16; i++)
			hb_store32_le(out + 4 * i, ks[i]);
	} else {
		for (i = 0; i < 16; i++)
			hb_store32_le(out + 4 * i, hb_load32_le(in + 4 * i) ^ ks[i]);
	}
}

/* The first len (< 64) bytes of a block, same rules as hb_stream_block. */
static inline void hb_stream_tail(uint8_t *out, const uint8_t *in, size_t len,
                                  const uint32_t ks[16])
{
	size_t i;
	for (i = 0; i < len; i++) {
		uint8_t k = (uint8_t)(ks[i >> 2] >> (8 * (i & 3)));
		out[i] = in == NULL ? k : (uint8_t)(in[i] ^ k);
	}
}

#if HB_X86_SIMD
/*
 * AVX2 kernels (chacha20_avx2.c, salsa20_avx2.c), called by the portable
 * stream functions when hbox_cpu_features() has HBOX_CPU_AVX2. Each writes
 * all len bytes, exactly as the portable loop would: out = in XOR keystream
 * (keystream when in is NULL; out == in allowed), starting at the block
 * counter in st, which is advanced by whole blocks as the portable loop
 * advances it (the value left after a partial last block is unspecified).
 * wide: ChaCha20 counter in words 12-13 (original layout) rather than word
 * 12 alone (IETF).
 */
void hb_chacha20_avx2(uint32_t st[16], uint8_t *out, const uint8_t *in, size_t len, int wide);
/* HChaCha20 of the core's initial state st (constants, key and the 16-byte
 * input in place): the 32-byte output. */
void hb_hchacha20_avx2(uint8_t out[32], const uint32_t st[16]);
/* Salsa20: the 64-bit counter is words 8-9. */
void hb_salsa20_avx2(uint32_t st[16], uint8_t *out, const uint8_t *in, size_t len);
/* HSalsa20 of the core's initial state st (key, constants and the 16-byte
 * input in place): the 32-byte output. */
void hb_hsalsa20_avx2(uint8_t out[32], const uint32_t st[16]);

/*
 * AVX-512F kernels (chacha20_avx512.c, salsa20_avx512.c), called instead
 * of the AVX2 ones when hbox_cpu_features() has HBOX_CPU_AVX512F; same
 * contracts (the H functions as hb_hsalsa20_avx2).
 */
void hb_chacha20_avx512(uint32_t st[16], uint8_t *out, const uint8_t *in, size_t len, int wide);
void hb_hchacha20_avx512(uint8_t out[32], const uint32_t st[16]);
void hb_salsa20_avx512(uint32_t st[16], uint8_t *out, const uint8_t *in, size_t len);
void hb_hsalsa20_avx512(uint8_t out[32], const uint32_t st[16]);
#endif

#endif

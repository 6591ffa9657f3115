/*
 * sha256_shani.c - SHA-256 with the x86 SHA extensions (SHA-NI): the block
 * function, the end of a hash (padding built in registers), the HMAC
 * keying and finishing steps, and the PBKDF2 iteration loop.
 *
 * Same results as the portable code in sha256.c, hmac_sha256.c and
 * pbkdf2_sha256.c, which dispatch here when hbox_cpu_features() reports
 * HBOX_CPU_SHA (contracts in hb_sha256.h). The file is compiled with the
 * library's ordinary flags; the functions that use the instructions carry
 * target attributes, and the dispatchers call them only on a CPU that has
 * SHA-NI, SSSE3 and SSE4.1.
 *
 * Register layout (Intel SDM vol. 2B, SHA256RNDS2): the eight working
 * variables live in two vectors, ABEF = (F, E, B, A) and CDGH = (H, G, D, C)
 * from lane 0 up. SHA256RNDS2 takes CDGH and ABEF and two W[t] + K[t] sums
 * from the low lanes of a third operand, and returns the new ABEF two rounds
 * on; the old ABEF is then the new CDGH. So four rounds are two
 * instructions with the two vectors trading places (R4 below). The message
 * schedule keeps W[t..t+3] in one vector, lane j = W[t + j]; SHA256MSG1 and
 * SHA256MSG2 compute the sigma0 and sigma1 halves of FIPS 180-4 6.2.2 step 1
 * four words at a time, and the W[t-7] term is a byte shift across two
 * vectors. One block is 32 dependent SHA256RNDS2, which sets the speed of
 * a single chain (about 91 ticks per block on Zen 4); independent blocks
 * (the two HMAC keying blocks, two PBKDF2 output blocks) are interleaved.
 *
 * Constant time: branches only on lengths and counts, no data-dependent
 * addresses; the SHA instructions, like the adds, shuffles and masks
 * around them, have fixed latencies. valgrind 3.19 does not implement the
 * SHA instructions and its CPUID hides them, so under valgrind the
 * portable path runs instead (tests/ct/ct_sha2.c). As in the portable
 * code, values the compiler spills to the stack are not wiped.
 */
#include "hb_cpu.h"
#include "hb_sha256.h"

#if HB_X86_SIMD
#include <immintrin.h>

#define HB_SHANI __attribute__((target("sha,sse4.1")))

/* FIPS 180-4 section 4.2.2, four per vector (the table in sha256.c). */
#define KV(i) _mm_loadu_si128((const __m128i *)(const void *)(hb_sha256_k + 4 * (i)))

/* Rounds 4i..4i+3 with message words m = W[4i..4i+3]. */
#define R4(abef, cdgh, m, i)                                                                 \
	do {                                                                                 \
		__m128i wk_ = _mm_add_epi32((m), KV(i));                                     \
		(cdgh) = _mm_sha256rnds2_epu32((cdgh), (abef), wk_);                         \
		(abef) = _mm_sha256rnds2_epu32((abef), (cdgh), _mm_shuffle_epi32(wk_, 0x0e)); \
	} while (0)

/* m0 = W[t..t+3] becomes W[t+16..t+19], given m1, m2, m3 = W[t+4..t+15]. */
#define SCHED(m0, m1, m2, m3)                                                          \
	((m0) = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32((m0), (m1)),    \
	                                           _mm_alignr_epi8((m3), (m2), 4)),     \
	                             (m3)))

/* Rounds 16..63: the schedule and four rounds at a time, W[0..15] in
 * m0..m3 on entry (the four vectors are overwritten). */
#define ROUNDS_16_63(x, y, m0, m1, m2, m3)                                                   \
	do {                                                                                 \
		int r_;                                                                      \
		for (r_ = 4; r_ < 16; r_ += 4) {                                             \
			SCHED(m0, m1, m2, m3);                                               \
			R4(x, y, m0, r_);                                                    \
			SCHED(m1, m2, m3, m0);                                               \
			R4(x, y, m1, r_ + 1);                                                \
			SCHED(m2, m3, m0, m1);                                               \
			R4(x, y, m2, r_ + 2);                                                \
			SCHED(m3, m0, m1, m2);                                               \
			R4(x, y, m3, r_ + 3);                                                \
		}                                                                            \
	} while (0)

/*
 * One block: 64 rounds on (abef, cdgh) with W[0..15] in m0..m3, then the
 * feed-forward addition of the state on entry.
 */
static inline HB_SHANI void compress(__m128i *abef, __m128i *cdgh, __m128i m0, __m128i m1,
                                     __m128i m2, __m128i m3)
{
	__m128i s0 = *abef, s1 = *cdgh, x = *abef, y = *cdgh;

	R4(x, y, m0, 0);
	R4(x, y, m1, 1);
	R4(x, y, m2, 2);
	R4(x, y, m3, 3);
	ROUNDS_16_63(x, y, m0, m1, m2, m3);
	*abef = _mm_add_epi32(x, s0);
	*cdgh = _mm_add_epi32(y, s1);
}

/*
 * Two independent blocks, round by round: SHA256RNDS2 has a latency of
 * several cycles but issues more often, so the second chain fills the
 * gaps of the first and two blocks take little longer than one.
 */
static inline HB_SHANI void compress_x2(__m128i *abef, __m128i *cdgh, __m128i m0, __m128i m1,
                                        __m128i m2, __m128i m3, __m128i *abef2,
                                        __m128i *cdgh2, __m128i n0, __m128i n1, __m128i n2,
                                        __m128i n3)
{
	__m128i x = *abef, y = *cdgh, p = *abef2, q = *cdgh2;

	R4(x, y, m0, 0); R4(p, q, n0, 0);
	R4(x, y, m1, 1); R4(p, q, n1, 1);
	R4(x, y, m2, 2); R4(p, q, n2, 2);
	R4(x, y, m3, 3); R4(p, q, n3, 3);
	SCHED(m0, m1, m2, m3); R4(x, y, m0, 4); SCHED(n0, n1, n2, n3); R4(p, q, n0, 4);
	SCHED(m1, m2, m3, m0); R4(x, y, m1, 5); SCHED(n1, n2, n3, n0); R4(p, q, n1, 5);
	SCHED(m2, m3, m0, m1); R4(x, y, m2, 6); SCHED(n2, n3, n0, n1); R4(p, q, n2, 6);
	SCHED(m3, m0, m1, m2); R4(x, y, m3, 7); SCHED(n3, n0, n1, n2); R4(p, q, n3, 7);
	SCHED(m0, m1, m2, m3); R4(x, y, m0, 8); SCHED(n0, n1, n2, n3); R4(p, q, n0, 8);
	SCHED(m1, m2, m3, m0); R4(x, y, m1, 9); SCHED(n1, n2, n3, n0); R4(p, q, n1, 9);
	SCHED(m2, m3, m0, m1); R4(x, y, m2, 10); SCHED(n2, n3, n0, n1); R4(p, q, n2, 10);
	SCHED(m3, m0, m1, m2); R4(x, y, m3, 11); SCHED(n3, n0, n1, n2); R4(p, q, n3, 11);
	SCHED(m0, m1, m2, m3); R4(x, y, m0, 12); SCHED(n0, n1, n2, n3); R4(p, q, n0, 12);
	SCHED(m1, m2, m3, m0); R4(x, y, m1, 13); SCHED(n1, n2, n3, n0); R4(p, q, n1, 13);
	SCHED(m2, m3, m0, m1); R4(x, y, m2, 14); SCHED(n2, n3, n0, n1); R4(p, q, n2, 14);
	SCHED(m3, m0, m1, m2); R4(x, y, m3, 15); SCHED(n3, n0, n1, n2); R4(p, q, n3, 15);
	*abef = _mm_add_epi32(x, *abef);
	*cdgh = _mm_add_epi32(y, *cdgh);
	*abef2 = _mm_add_epi32(p, *abef2);
	*cdgh2 = _mm_add_epi32(q, *cdgh2);
}

/* (a, b, c, d) and (e, f, g, h) from lane 0 up, to ABEF and CDGH. */
static inline HB_SHANI void to_abef(__m128i *abef, __m128i *cdgh, __m128i abcd, __m128i efgh)
{
	__m128i dcba = _mm_shuffle_epi32(abcd, 0x1b), hgfe = _mm_shuffle_epi32(efgh, 0x1b);
	*abef = _mm_unpackhi_epi64(hgfe, dcba); /* f e b a */
	*cdgh = _mm_unpacklo_epi64(hgfe, dcba); /* h g d c */
}

/* The inverse of to_abef: (a, b, c, d) and (e, f, g, h) from lane 0 up. */
static inline HB_SHANI void from_abef(__m128i *abcd, __m128i *efgh, __m128i abef, __m128i cdgh)
{
	*abcd = _mm_shuffle_epi32(_mm_unpackhi_epi64(abef, cdgh), 0xb1); /* b a d c -> a b c d */
	*efgh = _mm_shuffle_epi32(_mm_unpacklo_epi64(abef, cdgh), 0xb1); /* f e h g -> e f g h */
}

static inline HB_SHANI void load_state(__m128i *abef, __m128i *cdgh, const uint32_t s[8])
{
	to_abef(abef, cdgh, _mm_loadu_si128((const __m128i *)(const void *)s),
	        _mm_loadu_si128((const __m128i *)(const void *)(s + 4)));
}

static inline HB_SHANI void store_state(uint32_t s[8], __m128i abef, __m128i cdgh)
{
	__m128i abcd, efgh;
	from_abef(&abcd, &efgh, abef, cdgh);
	_mm_storeu_si128((__m128i *)(void *)s, abcd);
	_mm_storeu_si128((__m128i *)(void *)(s + 4), efgh);
}

static inline HB_SHANI __m128i load_words(const uint32_t *w)
{
	return _mm_loadu_si128((const __m128i *)(const void *)w);
}

/* Byte swap within each 32-bit lane: big-endian words to lanes and back. */
#define BSWAP32 _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3)

static inline HB_SHANI __m128i load_be(const uint8_t *p)
{
	return _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), BSWAP32);
}

HB_SHANI void hb_sha256_blocks_shani(uint32_t state[8], const uint8_t *in, size_t nblocks)
{
	__m128i abef, cdgh;

	load_state(&abef, &cdgh, state);
	while (nblocks-- != 0) {
		compress(&abef, &cdgh, load_be(in), load_be(in + 16), load_be(in + 32),
		         load_be(in + 48));
		in += 64;
	}
	store_state(state, abef, cdgh);
}

/* The digest: the state words big-endian, a to h. */
static inline HB_SHANI void store_digest(uint8_t out[32], __m128i abef, __m128i cdgh)
{
	__m128i abcd, efgh;
	from_abef(&abcd, &efgh, abef, cdgh);
	_mm_storeu_si128((__m128i *)(void *)out, _mm_shuffle_epi8(abcd, BSWAP32));
	_mm_storeu_si128((__m128i *)(void *)(out + 16), _mm_shuffle_epi8(efgh, BSWAP32));
}

/*
 * Pad and compress the last used (< 64) message bytes at buf; bits is the
 * message length in bits. The padding is built in registers rather than
 * in buf: storing the 0x80, the zeros and the length in pieces and then
 * loading 16 bytes across those stores defeats store-to-load forwarding,
 * which costs more than the few masks here. buf is read only in the
 * 16-byte chunks holding message bytes (used is a public length).
 */
static inline HB_SHANI void last(__m128i *abef, __m128i *cdgh, const uint8_t *buf, size_t used,
                                 uint64_t bits)
{
	const __m128i u = _mm_set1_epi8((char)used), sixteen = _mm_set1_epi8(16);
	const __m128i lenw = _mm_set_epi32((int)(uint32_t)bits, (int)(uint32_t)(bits >> 32), 0, 0);
	__m128i m[4], idx = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
	size_t k;

	for (k = 0; k < 4; k++) {
		/* Message bytes below used, 0x80 at used, zeros above. */
		__m128i d = _mm_setzero_si128();
		if (used > 16 * k)
			d = _mm_loadu_si128((const __m128i *)(const void *)(buf + 16 * k));
		d = _mm_and_si128(d, _mm_cmpgt_epi8(u, idx));
		d = _mm_or_si128(d, _mm_and_si128(_mm_cmpeq_epi8(u, idx), _mm_set1_epi8(-128)));
		m[k] = _mm_shuffle_epi8(d, BSWAP32);
		idx = _mm_add_epi8(idx, sixteen);
	}
	/* FIPS 180-4 5.1.1: the bit length ends the block if there is room
	 * (used <= 55), else a block of its own. */
	if (used < 56) {
		m[3] = _mm_or_si128(m[3], lenw);
	} else {
		compress(abef, cdgh, m[0], m[1], m[2], m[3]);
		m[0] = m[1] = m[2] = _mm_setzero_si128();
		m[3] = lenw;
	}
	compress(abef, cdgh, m[0], m[1], m[2], m[3]);
}

HB_SHANI void hb_sha256_final_shani(const uint32_t state[8], const uint8_t *buf, size_t used,
                                    uint64_t bits, uint8_t out[32])
{
	__m128i abef, cdgh;
	load_state(&abef, &cdgh, state);
	last(&abef, &cdgh, buf, used, bits);
	store_digest(out, abef, cdgh);
}

/*
 * HMAC pieces. The outer hash, and every PBKDF2 hash, is one block on a
 * keyed state with a 32-byte value in words 0..7 and the padding for a
 * 96-byte message in words 8..15; the value goes from one compression to
 * the next in registers, as message words (no byte conversion).
 */
#define PAD_HI _mm_set_epi32(0, 0, 0, (int)0x80000000u)
#define PAD_LEN _mm_set_epi32((96 * 8), 0, 0, 0)

HB_SHANI void hb_hmac_sha256_keys_shani(uint32_t inner[8], uint32_t outer[8],
                                        const uint8_t k0[64], const uint32_t h0[8])
{
	const __m128i ipad = _mm_set1_epi8(0x36), opad = _mm_set1_epi8(0x5c);
	__m128i ia, ic, oa, oc, k[4];
	int i;

	for (i = 0; i < 4; i++)
		k[i] = load_be(k0 + 16 * i); /* the pads are the same byte in every lane */
	load_state(&ia, &ic, h0);
	oa = ia;
	oc = ic;
	compress_x2(&ia, &ic, _mm_xor_si128(k[0], ipad), _mm_xor_si128(k[1], ipad),
	            _mm_xor_si128(k[2], ipad), _mm_xor_si128(k[3], ipad), &oa, &oc,
	            _mm_xor_si128(k[0], opad), _mm_xor_si128(k[1], opad),
	            _mm_xor_si128(k[2], opad), _mm_xor_si128(k[3], opad));
	store_state(inner, ia, ic);
	store_state(outer, oa, oc);
}

HB_SHANI void hb_hmac_sha256_final_shani(const uint32_t inner[8], const uint8_t *buf,
                                         size_t used, uint64_t bits, const uint32_t outer[8],
                                         uint8_t out[32])
{
	__m128i abef, cdgh, w0, w1;

	load_state(&abef, &cdgh, inner);
	last(&abef, &cdgh, buf, used, bits);
	from_abef(&w0, &w1, abef, cdgh);
	load_state(&abef, &cdgh, outer);
	compress(&abef, &cdgh, w0, w1, PAD_HI, PAD_LEN);
	store_digest(out, abef, cdgh);
}

/* One PRF call of PBKDF2 on two chains: (u0, u1) = HMAC words of (u0, u1)
 * under the keyed states (ia, ic) and (oa, oc), and the same for (v0, v1).
 * Two chains are bound by the throughput of SHA256RNDS2, not its latency,
 * so chain()'s shortcut would not pay here. */
#define PRF_X2(u0, u1, v0, v1)                                                               \
	do {                                                                                 \
		__m128i x_ = ia, y_ = ic, p_ = ia, q_ = ic;                                  \
		compress_x2(&x_, &y_, (u0), (u1), PAD_HI, PAD_LEN, &p_, &q_, (v0), (v1),     \
		            PAD_HI, PAD_LEN);                                                \
		from_abef(&(u0), &(u1), x_, y_);                                             \
		from_abef(&(v0), &(v1), p_, q_);                                             \
		x_ = oa, y_ = oc, p_ = oa, q_ = oc;                                          \
		compress_x2(&x_, &y_, (u0), (u1), PAD_HI, PAD_LEN, &p_, &q_, (v0), (v1),     \
		            PAD_HI, PAD_LEN);                                                \
		from_abef(&(u0), &(u1), x_, y_);                                             \
		from_abef(&(v0), &(v1), p_, q_);                                             \
	} while (0)

/*
 * PBKDF2 block on a keyed state (x, y) whose message is the previous hash
 * of the chain, given as that hash's round outputs (px, py) before its
 * feed-forward (f0, f1) was added. The first two SHA256RNDS2 need only
 * W0, W1 = a, b (lanes 3, 2 of px) and W2, W3 = c, d (lanes 3, 2 of py):
 * they are taken straight from px and py, with the feed-forward and K
 * folded into constants (ka, kb = fold(f0, f1)), one shuffle and one add
 * after the previous block instead of four operations. The full message
 * words (for the schedule, and returned in *w0, *w1) are formed beside
 * them. On return (x, y) are this block's outputs before its feed-forward.
 */
static inline HB_SHANI void chain(__m128i *x, __m128i *y, __m128i *w0, __m128i *w1, __m128i px,
                                  __m128i py, __m128i f0, __m128i f1, __m128i ka, __m128i kb)
{
	__m128i m0, m1, m2 = PAD_HI, m3 = PAD_LEN;

	from_abef(&m0, &m1, _mm_add_epi32(px, f0), _mm_add_epi32(py, f1));
	*w0 = m0;
	*w1 = m1;
	*y = _mm_sha256rnds2_epu32(*y, *x, _mm_add_epi32(_mm_shuffle_epi32(px, 0x1b), ka));
	*x = _mm_sha256rnds2_epu32(*x, *y, _mm_add_epi32(_mm_shuffle_epi32(py, 0x1b), kb));
	R4(*x, *y, m1, 1);
	R4(*x, *y, m2, 2);
	R4(*x, *y, m3, 3);
	ROUNDS_16_63(*x, *y, m0, m1, m2, m3);
}

/* The constants of chain() for a block that follows one with feed-forward
 * (f0, f1): lanes 0, 1 of ka are f(a) + K0, f(b) + K1; of kb, f(c) + K2,
 * f(d) + K3. */
static inline HB_SHANI void fold(__m128i *ka, __m128i *kb, __m128i f0, __m128i f1)
{
	*ka = _mm_add_epi32(_mm_shuffle_epi32(f0, 0x1b), KV(0));
	*kb = _mm_add_epi32(_mm_shuffle_epi32(f1, 0x1b), _mm_shuffle_epi32(KV(0), 0x0e));
}

HB_SHANI void hb_pbkdf2_sha256_shani(uint32_t t[8], const uint32_t inner[8],
                                     const uint32_t outer[8], uint32_t count)
{
	const __m128i zero = _mm_setzero_si128();
	__m128i ia, ic, oa, oc, kia, kib, koa, kob, kza, kzb, x, y, px, py, w0, w1, t0, t1;

	load_state(&ia, &ic, inner);
	load_state(&oa, &oc, outer);
	fold(&kia, &kib, ia, ic);
	fold(&koa, &kob, oa, oc);
	fold(&kza, &kzb, zero, zero);
	/* U_1 as the outputs of a block with a zero feed-forward. */
	to_abef(&px, &py, load_words(t), load_words(t + 4));
	t0 = t1 = zero;
	if (count-- != 0) {
		x = ia, y = ic;
		chain(&x, &y, &w0, &w1, px, py, zero, zero, kza, kzb); /* w = U_1 */
		t0 = w0, t1 = w1;
		px = x, py = y;
		x = oa, y = oc;
		chain(&x, &y, &w0, &w1, px, py, ia, ic, kia, kib);
		while (count-- != 0) {
			px = x, py = y;
			x = ia, y = ic;
			chain(&x, &y, &w0, &w1, px, py, oa, oc, koa, kob); /* w = U_{j-1} */
			t0 = _mm_xor_si128(t0, w0);
			t1 = _mm_xor_si128(t1, w1);
			px = x, py = y;
			x = oa, y = oc;
			chain(&x, &y, &w0, &w1, px, py, ia, ic, kia, kib);
		}
		from_abef(&w0, &w1, _mm_add_epi32(x, oa), _mm_add_epi32(y, oc)); /* U_c */
	} else {
		from_abef(&w0, &w1, px, py); /* U_1 */
	}
	_mm_storeu_si128((__m128i *)(void *)t, _mm_xor_si128(t0, w0));
	_mm_storeu_si128((__m128i *)(void *)(t + 4), _mm_xor_si128(t1, w1));
}

HB_SHANI void hb_pbkdf2_sha256_x2_shani(uint32_t t[16], const uint32_t inner[8],
                                        const uint32_t outer[8], uint32_t count)
{
	__m128i ia, ic, oa, oc, u0, u1, v0, v1, t0, t1, t2, t3;

	load_state(&ia, &ic, inner);
	load_state(&oa, &oc, outer);
	t0 = u0 = load_words(t);
	t1 = u1 = load_words(t + 4);
	t2 = v0 = load_words(t + 8);
	t3 = v1 = load_words(t + 12);
	while (count-- != 0) {
		PRF_X2(u0, u1, v0, v1);
		t0 = _mm_xor_si128(t0, u0);
		t1 = _mm_xor_si128(t1, u1);
		t2 = _mm_xor_si128(t2, v0);
		t3 = _mm_xor_si128(t3, v1);
	}
	_mm_storeu_si128((__m128i *)(void *)t, t0);
	_mm_storeu_si128((__m128i *)(void *)(t + 4), t1);
	_mm_storeu_si128((__m128i *)(void *)(t + 8), t2);
	_mm_storeu_si128((__m128i *)(void *)(t + 12), t3);
}

#else
typedef int hb_sha256_shani_unused; /* ISO C forbids an empty translation unit */
#endif

/*
 * pbkdf2_sha256.c - PBKDF2-HMAC-SHA256 (RFC 8018 section 5.2).
 *
 *   T_i = U_1 ^ U_2 ^ ... ^ U_c,  U_1 = HMAC(P, S || INT(i)),  U_j = HMAC(P, U_{j-1})
 *
 * U_j for j >= 2 is the HMAC of a 32-byte message, i.e. one padded block
 * on top of the state after K0 ^ ipad, then one padded block on top of the
 * state after K0 ^ opad. Both states are computed once, and the iteration
 * works on words: no key hashing, no byte conversion, no buffering.
 */
#include "pbkdf2_sha256.h"
#include "hb_cpu.h"
#include "hb_internal.h"
#include "hb_sha256.h"
#include "hmac_sha256.h"

HB_STATIC_ASSERT(HBOX_PBKDF2_SHA256_BLOCKBYTES == HBOX_HMAC_SHA256_BYTES, pbkdf2_block);

/* RFC 8018 section 5.2 step 1: dkLen > (2^32 - 1) * hLen is an error. A
 * function so that a 32-bit size_t (where it cannot happen) draws no
 * "comparison is always false" warning. */
static int pbkdf2_too_long(uint64_t outlen)
{
	return outlen > (uint64_t)0xffffffffu * HBOX_PBKDF2_SHA256_BLOCKBYTES;
}

/* Portable iterations: t = U_1 on entry, U_1 ^ ... ^ U_{count+1} on return
 * (the contract of hb_pbkdf2_sha256_shani in hb_sha256.h). */
static void pbkdf2_iterate(uint32_t t[8], const uint32_t inner[8], const uint32_t outer[8],
                    uint32_t count)
{
	uint32_t s[8], u[8], w[16];
	int i;

	memcpy(u, t, sizeof u);
	while (count-- != 0) {
		/* s = SHA-256(K0 ^ ipad || U_{j-1}) */
		memcpy(w, u, sizeof u);
		hb_sha256_pad96(w);
		memcpy(s, inner, sizeof s);
		hb_sha256_compress(s, w);
		/* U_j = SHA-256(K0 ^ opad || s) */
		memcpy(w, s, sizeof s);
		hb_sha256_pad96(w);
		memcpy(u, outer, sizeof u);
		hb_sha256_compress(u, w);
		for (i = 0; i < 8; i++)
			t[i] ^= u[i];
	}
	hbox_wipe(s, sizeof s);
	hbox_wipe(u, sizeof u);
	hbox_wipe(w, sizeof w);
}

/* U_1 = HMAC(P, S || INT(index)) as words, from the salted HMAC state. */
static void pbkdf2_first_u(uint32_t t[8], const hbox_hmac_sha256_ctx *salted, uint32_t index)
{
	hbox_hmac_sha256_ctx c = *salted;
	uint8_t be[4], blk[HBOX_PBKDF2_SHA256_BLOCKBYTES];
	int i;

	hb_store32_be(be, index);
	hbox_hmac_sha256_update(&c, be, sizeof be);
	hbox_hmac_sha256_final(&c, blk); /* wipes c */
	for (i = 0; i < 8; i++)
		t[i] = hb_load32_be(blk + 4 * i);
	hbox_wipe(blk, sizeof blk);
}

int hbox_pbkdf2_sha256(uint8_t *out, size_t outlen, const uint8_t *pw, size_t pwlen,
                       const uint8_t *salt, size_t saltlen, uint32_t iterations)
{
	hbox_hmac_sha256_ctx salted;
	uint32_t inner[8], outer[8], t[16];
	uint8_t blk[2 * HBOX_PBKDF2_SHA256_BLOCKBYTES];
	uint32_t index = 0;
	size_t off, n;
	int nb;

	if (iterations == 0 || outlen == 0 || pbkdf2_too_long(outlen)) {
		if (outlen != 0)
			memset(out, 0, outlen);
		return -1;
	}

	/* Keyed states (after exactly one block, so nothing is buffered),
	 * then the salted prefix shared by every U_1. */
	hbox_hmac_sha256_init(&salted, pw, pwlen);
	memcpy(inner, salted.inner.state, sizeof inner);
	memcpy(outer, salted.outer.state, sizeof outer);
	hbox_hmac_sha256_update(&salted, salt, saltlen);

	for (off = 0; off < outlen; off += n) {
		nb = 1;
		pbkdf2_first_u(t, &salted, ++index);
#if HB_X86_SIMD
		/* SHA-NI: two output blocks side by side when two remain, which
		 * costs about as much time as one (hb_sha256.h). */
		if (hbox_cpu_features() & HBOX_CPU_SHA) {
			if (outlen - off > HBOX_PBKDF2_SHA256_BLOCKBYTES) {
				nb = 2;
				pbkdf2_first_u(t + 8, &salted, ++index);
				hb_pbkdf2_sha256_x2_shani(t, inner, outer, iterations - 1);
			} else {
				hb_pbkdf2_sha256_shani(t, inner, outer, iterations - 1);
			}
		} else
#endif
			pbkdf2_iterate(t, inner, outer, iterations - 1);
		hb_sha256_store_be(blk, t, 8 * nb);
		n = outlen - off < (size_t)(32 * nb) ? outlen - off : (size_t)(32 * nb);
		memcpy(out + off, blk, n);
	}
	hbox_wipe(&salted, sizeof salted);
	hbox_wipe(inner, sizeof inner);
	hbox_wipe(outer, sizeof outer);
	hbox_wipe(t, sizeof t);
	hbox_wipe(blk, sizeof blk);
	return 0;
}

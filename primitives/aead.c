/*
 * aead.c - ChaCha20-Poly1305 (RFC 8439 section 2.8) and XChaCha20-Poly1305
 * (draft-irtf-cfrg-xchacha-03 section 2.3), detached tags.
 *
 * XChaCha20-Poly1305 is the IETF construction run under an HChaCha20 subkey,
 * so both share aead_seal / aead_open.
 */
#include "aead.h"

#include "chacha20.h"
#include "hb_internal.h"
#include "poly1305.h"

/* 1 when len exceeds the per-nonce limit (only possible with a 64-bit size_t). */
static int aead_too_long(size_t len)
{
#if SIZE_MAX > 0xffffffffu
	return len > HBOX_AEAD_CHACHA20POLY1305_MESSAGEBYTES_MAX;
#else
	(void)len;
	return 0;
#endif
}

/*
 * The first keystream call covers block 0 (its first 32 bytes are the
 * Poly1305 one-time key, RFC 8439 2.6) and blocks 1..7, i.e. the first
 * AEAD_HEAD message bytes: a short message costs one call instead of two
 * (the AVX2 ChaCha20 computes 8 blocks per call anyway). Longer messages
 * continue at block 8.
 */
#define AEAD_HEAD 448

/* tag = Poly1305(otk, ad || pad16 || ct || pad16 || le64(adlen) || le64(len)). */
static void aead_mac(uint8_t tag[16], const uint8_t otk[32], const uint8_t *ad, size_t adlen,
                     const uint8_t *ct, size_t len)
{
	static const uint8_t zeros[16] = {0};
	uint8_t lens[16];
	hbox_poly1305_ctx ctx;

	hbox_poly1305_init(&ctx, otk);
	hbox_poly1305_update(&ctx, ad, adlen);
	hbox_poly1305_update(&ctx, zeros, (16 - (adlen & 15)) & 15);
	hbox_poly1305_update(&ctx, ct, len);
	hbox_poly1305_update(&ctx, zeros, (16 - (len & 15)) & 15);
	hb_store64_le(lens, (uint64_t)adlen);
	hb_store64_le(lens + 8, (uint64_t)len);
	hbox_poly1305_update(&ctx, lens, sizeof lens);
	hbox_poly1305_final(&ctx, tag);
}

static void aead_seal(uint8_t *ct, uint8_t tag[16], const uint8_t *pt, size_t len,
                      const uint8_t *ad, size_t adlen, const uint8_t nonce[12],
                      const uint8_t key[32])
{
	uint8_t ks[64 + AEAD_HEAD];
	size_t head = len < AEAD_HEAD ? len : AEAD_HEAD, i;

	if (aead_too_long(len)) {
		memset(ct, 0, len);
		memset(tag, 0, 16);
		return;
	}
	hbox_chacha20_ietf(ks, NULL, 64 + head, key, nonce, 0);
	for (i = 0; i < head; i++)
		ct[i] = (uint8_t)(pt[i] ^ ks[64 + i]);
	if (len > head)
		hbox_chacha20_ietf(ct + head, pt + head, len - head, key, nonce, 8);
	aead_mac(tag, ks, ad, adlen, ct, len);
	hbox_wipe(ks, 64 + head);
}

/*
 * Verify, then decrypt under the verdict mask keep = 0xff (accepted) or
 * 0x00 (rejected), without a branch on the verdict. (It is public, but
 * derived from the key: keeping it out of branches lets the valgrind
 * constant-time test run this exact code with the key poisoned and
 * declassify only the return value.)
 *
 * The first AEAD_HEAD bytes use the keystream of the first call: pt =
 * (ct XOR keystream) AND keep. The rest is decrypted straight into pt,
 * under the key masked by the verdict (the real key, or the all-zero key
 * on rejection), and then ANDed with keep. So a rejected message leaves
 * zeros, and pt never holds its plaintext, not even for a moment: before
 * the mask pass it holds ct XOR the keystream of the all-zero key, a
 * public function of public data. (This costs one pass over pt instead of
 * a keystream buffer, a copy and a masked XOR per chunk.)
 */
static int aead_open(uint8_t *pt, const uint8_t *ct, size_t len, const uint8_t tag[16],
                     const uint8_t *ad, size_t adlen, const uint8_t nonce[12],
                     const uint8_t key[32])
{
	uint8_t ks[64 + AEAD_HEAD], want[16], mkey[32], keep;
	size_t head = len < AEAD_HEAD ? len : AEAD_HEAD, i;
	uint32_t fail;

	if (aead_too_long(len)) {
		memset(pt, 0, len);
		return -1;
	}
	hbox_chacha20_ietf(ks, NULL, 64 + head, key, nonce, 0);
	aead_mac(want, ks, ad, adlen, ct, len);
	fail = (uint32_t)hbox_verify16(want, tag); /* 0 or all-ones */
	HB_BARRIER32(fail);
	keep = (uint8_t)~fail;
	for (i = 0; i < head; i++)
		pt[i] = (uint8_t)((ct[i] ^ ks[64 + i]) & keep);
	if (len > head) {
		for (i = 0; i < 32; i++)
			mkey[i] = (uint8_t)(key[i] & keep);
		hbox_chacha20_ietf(pt + head, ct + head, len - head, mkey, nonce, 8);
		for (i = head; i < len; i++)
			pt[i] &= keep;
		hbox_wipe(mkey, sizeof mkey);
	}
	hbox_wipe(ks, 64 + head);
	hbox_wipe(want, sizeof want);
	return -(int)(fail & 1u);
}

void hbox_aead_chacha20poly1305_encrypt(uint8_t *ct, uint8_t tag[HBOX_AEAD_CHACHA20POLY1305_ABYTES],
                                        const uint8_t *pt, size_t len, const uint8_t *ad,
                                        size_t adlen,
                                        const uint8_t nonce[HBOX_AEAD_CHACHA20POLY1305_NONCEBYTES],
                                        const uint8_t key[HBOX_AEAD_CHACHA20POLY1305_KEYBYTES])
{
	aead_seal(ct, tag, pt, len, ad, adlen, nonce, key);
}

int hbox_aead_chacha20poly1305_decrypt(uint8_t *pt, const uint8_t *ct, size_t len,
                                       const uint8_t tag[HBOX_AEAD_CHACHA20POLY1305_ABYTES],
                                       const uint8_t *ad, size_t adlen,
                                       const uint8_t nonce[HBOX_AEAD_CHACHA20POLY1305_NONCEBYTES],
                                       const uint8_t key[HBOX_AEAD_CHACHA20POLY1305_KEYBYTES])
{
	return aead_open(pt, ct, len, tag, ad, adlen, nonce, key);
}

/* XChaCha20: subkey = HChaCha20(key, nonce[0..16]), nonce12 = 0^4 || nonce[16..24]. */
static void xchacha_subkey(uint8_t subkey[32], uint8_t nonce12[12], const uint8_t nonce[24],
                           const uint8_t key[32])
{
	hbox_hchacha20(subkey, key, nonce);
	memset(nonce12, 0, 4);
	memcpy(nonce12 + 4, nonce + 16, 8);
}

void hbox_aead_xchacha20poly1305_encrypt(
	uint8_t *ct, uint8_t tag[HBOX_AEAD_XCHACHA20POLY1305_ABYTES], const uint8_t *pt, size_t len,
	const uint8_t *ad, size_t adlen, const uint8_t nonce[HBOX_AEAD_XCHACHA20POLY1305_NONCEBYTES],
	const uint8_t key[HBOX_AEAD_XCHACHA20POLY1305_KEYBYTES])
{
	uint8_t subkey[32], nonce12[12];
	xchacha_subkey(subkey, nonce12, nonce, key);
	aead_seal(ct, tag, pt, len, ad, adlen, nonce12, subkey);
	hbox_wipe(subkey, sizeof subkey);
}

int hbox_aead_xchacha20poly1305_decrypt(
	uint8_t *pt, const uint8_t *ct, size_t len,
	const uint8_t tag[HBOX_AEAD_XCHACHA20POLY1305_ABYTES], const uint8_t *ad, size_t adlen,
	const uint8_t nonce[HBOX_AEAD_XCHACHA20POLY1305_NONCEBYTES],
	const uint8_t key[HBOX_AEAD_XCHACHA20POLY1305_KEYBYTES])
{
	uint8_t subkey[32], nonce12[12];
	int r;
	xchacha_subkey(subkey, nonce12, nonce, key);
	r = aead_open(pt, ct, len, tag, ad, adlen, nonce12, subkey);
	hbox_wipe(subkey, sizeof subkey);
	return r;
}

/*
 * secretbox.c - NaCl crypto_secretbox (XSalsa20-Poly1305) in libsodium's
 * easy layout: c = tag || ciphertext.
 *
 * Keystream byte k (from block 0 of Salsa20 under the HSalsa20 subkey):
 * bytes 0..31 are the Poly1305 key, message byte i uses byte 32 + i. So the
 * first 32 message bytes use the second half of block 0 and the rest start
 * exactly at block 1.
 */
#include "secretbox.h"

#include "hb_internal.h"
#include "poly1305.h"
#include "salsa20.h"

/* 1 when [a, a + n) and [b, b + n) share a byte (pointer values are public). */
static int sb_overlap(const uint8_t *a, const uint8_t *b, size_t n)
{
	uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
	return x < y + n && y < x + n;
}

/*
 * The first keystream call covers block 0 (bytes 0..31: the Poly1305 key,
 * bytes 32..63: message bytes 0..31) and blocks 1..7 (message bytes
 * 32..479), so a short box costs one call; longer messages continue at
 * block 8. Returns the number of message bytes covered, min(mlen, SB_HEAD).
 */
#define SB_HEAD 480

static size_t sb_start(uint8_t subkey[32], uint8_t ks[32 + SB_HEAD], size_t mlen,
                       const uint8_t nonce[24], const uint8_t key[32])
{
	size_t head = mlen < SB_HEAD ? mlen : SB_HEAD;
	hbox_hsalsa20(subkey, key, nonce);
	hbox_salsa20(ks, NULL, 32 + head, subkey, nonce + 16, 0);
	return head;
}

void hbox_secretbox(uint8_t *c, const uint8_t *m, size_t mlen,
                    const uint8_t nonce[HBOX_SECRETBOX_NONCEBYTES],
                    const uint8_t key[HBOX_SECRETBOX_KEYBYTES])
{
	uint8_t subkey[32], ks[32 + SB_HEAD];
	uint8_t *ct = c + HBOX_SECRETBOX_MACBYTES;
	size_t head, i;

	/* Any overlap: move the plaintext to where the ciphertext goes, then
	 * encrypt in place (the stream cipher allows out == in only). */
	if (mlen > 0 && m != ct && sb_overlap(m, ct, mlen)) {
		memmove(ct, m, mlen);
		m = ct;
	}
	head = sb_start(subkey, ks, mlen, nonce, key);
	for (i = 0; i < head; i++)
		ct[i] = (uint8_t)(m[i] ^ ks[32 + i]);
	if (mlen > head)
		hbox_salsa20(ct + head, m + head, mlen - head, subkey, nonce + 16, 8);
	hbox_poly1305(c, ct, mlen, ks);
	hbox_wipe(subkey, sizeof subkey);
	hbox_wipe(ks, 32 + head);
}

/*
 * Open: verify, then decrypt under the verdict mask keep = 0xff (accepted)
 * or 0x00 (rejected), without a branch on the verdict. (It is public, but
 * derived from the key: keeping it out of branches lets the valgrind
 * constant-time test run this exact code with the key poisoned and
 * declassify only the return value.)
 *
 * The first SB_HEAD bytes use the keystream of the first call: m = (ct XOR
 * keystream) AND keep. The rest is decrypted straight into m, under the
 * subkey masked by the verdict (the real subkey, or the all-zero key on
 * rejection), and then ANDed with keep. So a rejected box leaves zeros,
 * and m never holds its plaintext, not even for a moment: before the mask
 * pass it holds ct XOR the keystream of the all-zero key, a public
 * function of public data. (This costs one pass over m instead of a
 * keystream buffer and a masked XOR per chunk.)
 */
int hbox_secretbox_open(uint8_t *m, const uint8_t *c, size_t clen,
                        const uint8_t nonce[HBOX_SECRETBOX_NONCEBYTES],
                        const uint8_t key[HBOX_SECRETBOX_KEYBYTES])
{
	uint8_t subkey[32], ks[32 + SB_HEAD], keep;
	const uint8_t *ct = c + HBOX_SECRETBOX_MACBYTES;
	size_t mlen, head, i;
	uint32_t fail;

	if (clen < HBOX_SECRETBOX_MACBYTES)
		return -1;
	mlen = clen - HBOX_SECRETBOX_MACBYTES;
	head = sb_start(subkey, ks, mlen, nonce, key);
	fail = (uint32_t)hbox_poly1305_verify(c, ct, mlen, ks); /* 0 or all-ones */
	HB_BARRIER32(fail);
	keep = (uint8_t)~fail;
	if (mlen > 0 && m != ct && sb_overlap(m, ct, mlen)) {
		memmove(m, ct, mlen); /* ciphertext, public */
		ct = m;
	}
	for (i = 0; i < head; i++)
		m[i] = (uint8_t)((ct[i] ^ ks[32 + i]) & keep);
	if (mlen > head) {
		for (i = 0; i < 32; i++)
			subkey[i] &= keep;
		hbox_salsa20(m + head, ct + head, mlen - head, subkey, nonce + 16, 8);
		for (i = head; i < mlen; i++)
			m[i] &= keep;
	}
	hbox_wipe(subkey, sizeof subkey);
	hbox_wipe(ks, 32 + head);
	return -(int)(fail & 1u);
}

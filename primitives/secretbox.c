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

/* subkey = HSalsa20(key, nonce[0..16]); block0 = Salsa20 block 0 under it. */
static void sb_start(uint8_t subkey[32], uint8_t block0[64], const uint8_t nonce[24],
                     const uint8_t key[32])
{
	hbox_hsalsa20(subkey, key, nonce);
	hbox_salsa20(block0, NULL, 64, subkey, nonce + 16, 0);
}

/* c[0..len) = m[0..len) XOR keystream from byte 32; c may equal m. */
static void sb_encrypt(uint8_t *c, const uint8_t *m, size_t len, const uint8_t subkey[32],
                       const uint8_t block0[64], const uint8_t nonce[24])
{
	size_t head = len < 32 ? len : 32, i;
	for (i = 0; i < head; i++)
		c[i] = (uint8_t)(m[i] ^ block0[32 + i]);
	if (len > 32)
		hbox_salsa20(c + 32, m + 32, len - 32, subkey, nonce + 16, 1);
}

/*
 * m[0..len) = (c[0..len) XOR keystream from byte 32) AND keep, where keep is
 * 0xff (tag accepted) or 0x00 (rejected); m may equal c. A rejected box
 * yields zeros without a branch on the verdict, and no plaintext byte is
 * ever written. After block 0, the keystream comes in chunks of 8 blocks.
 */
static void sb_decrypt_masked(uint8_t *m, const uint8_t *c, size_t len, uint8_t keep,
                              const uint8_t subkey[32], const uint8_t block0[64],
                              const uint8_t nonce[24])
{
	uint8_t ks[512];
	uint64_t counter = 1;
	size_t n, i;

	n = len < 32 ? len : 32;
	for (i = 0; i < n; i++)
		m[i] = (uint8_t)((c[i] ^ block0[32 + i]) & keep);
	m += n;
	c += n;
	len -= n;
	while (len > 0) {
		n = len < sizeof ks ? len : sizeof ks;
		hbox_salsa20(ks, NULL, n, subkey, nonce + 16, counter);
		for (i = 0; i < n; i++)
			m[i] = (uint8_t)((c[i] ^ ks[i]) & keep);
		m += n;
		c += n;
		len -= n;
		counter += sizeof ks / 64;
	}
	hbox_wipe(ks, sizeof ks);
}

void hbox_secretbox(uint8_t *c, const uint8_t *m, size_t mlen,
                    const uint8_t nonce[HBOX_SECRETBOX_NONCEBYTES],
                    const uint8_t key[HBOX_SECRETBOX_KEYBYTES])
{
	uint8_t subkey[32], block0[64];
	uint8_t *ct = c + HBOX_SECRETBOX_MACBYTES;

	/* Any overlap: move the plaintext to where the ciphertext goes, then
	 * encrypt in place (the stream cipher allows out == in only). */
	if (mlen > 0 && m != ct && sb_overlap(m, ct, mlen)) {
		memmove(ct, m, mlen);
		m = ct;
	}
	sb_start(subkey, block0, nonce, key);
	sb_encrypt(ct, m, mlen, subkey, block0, nonce);
	hbox_poly1305(c, ct, mlen, block0);
	hbox_wipe(subkey, sizeof subkey);
	hbox_wipe(block0, sizeof block0);
}

int hbox_secretbox_open(uint8_t *m, const uint8_t *c, size_t clen,
                        const uint8_t nonce[HBOX_SECRETBOX_NONCEBYTES],
                        const uint8_t key[HBOX_SECRETBOX_KEYBYTES])
{
	uint8_t subkey[32], block0[64];
	const uint8_t *ct = c + HBOX_SECRETBOX_MACBYTES;
	size_t mlen;
	uint32_t fail;

	if (clen < HBOX_SECRETBOX_MACBYTES)
		return -1;
	mlen = clen - HBOX_SECRETBOX_MACBYTES;
	sb_start(subkey, block0, nonce, key);
	/*
	 * Constant-time tag check before any output. The verdict is public but
	 * derived from the key; it only masks the output (see
	 * sb_decrypt_masked), so the valgrind test can run this code with the
	 * key poisoned and declassify just the return value.
	 */
	fail = (uint32_t)hbox_poly1305_verify(c, ct, mlen, block0); /* 0 or all-ones */
	HB_BARRIER32(fail);
	if (mlen > 0 && m != ct && sb_overlap(m, ct, mlen)) {
		memmove(m, ct, mlen); /* ciphertext, public */
		ct = m;
	}
	sb_decrypt_masked(m, ct, mlen, (uint8_t)~fail, subkey, block0, nonce);
	hbox_wipe(subkey, sizeof subkey);
	hbox_wipe(block0, sizeof block0);
	return -(int)(fail & 1u);
}

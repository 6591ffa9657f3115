/*
 * fuzz_open.c - the primitive openers on arbitrary input. The first byte
 * (mod 7) picks the opener; the rest is its ciphertext, under fixed keys and
 * nonces:
 *   0 hbox_box_open            rest = c (tag || ciphertext)
 *   1 hbox_box_open_afternm    rest = c
 *   2 hbox_box_seal_open       rest = c (epk || tag || ciphertext)
 *   3 hbox_secretbox_open      rest = c
 *   4 hbox_aead_chacha20poly1305_decrypt   rest = adlen (1 byte) || ad ||
 *   5 hbox_aead_xchacha20poly1305_decrypt       tag (16) || ciphertext
 *   6 hbox_poly1305_verify     rest = tag (16) || message
 * Every input and output lives in an exact-size heap buffer, so ASan sees
 * any over-read or over-write. Asserted: a failure zeroes the whole output;
 * a success is genuine: encrypting (or MACing) the plaintext again gives
 * back exactly the input (a sealed box: its inner box opens to the same
 * plaintext under the key derived from its ephemeral public key).
 *
 * Seeds: -DFUZZ_WRITE_SEEDS (see fuzz_proto.h) writes genuine inputs for
 * every opener, and damaged copies.
 */
#include "fuzz_proto.h"

#define NSEL 7

static uint8_t pk_a[32], sk_a[32], pk_b[32], sk_b[32], k_ab[32];
static uint8_t skey[32], nonce24[24], nonce12[12], otk[32];
static int ready;

static void setup(void)
{
	uint8_t seed[32];
	if (ready)
		return;
	fz_rng(seed, 32);
	hbox_box_seed_keypair(pk_a, sk_a, seed); /* sender */
	fz_rng(seed, 32);
	hbox_box_seed_keypair(pk_b, sk_b, seed); /* recipient (and sealed-box owner) */
	FZ_ASSERT(hbox_box_beforenm(k_ab, pk_a, sk_b) == 0);
	fz_rng(skey, 32);
	fz_rng(nonce24, 24);
	fz_rng(nonce12, 12);
	fz_rng(otk, 32);
	ready = 1;
}

/* A heap copy of p[0..n) (malloc(0) may be NULL: allocate 1 then). */
static uint8_t *dup(const uint8_t *p, size_t n)
{
	uint8_t *d = malloc(n > 0 ? n : 1);
	FZ_ASSERT(d != NULL);
	if (n > 0)
		memcpy(d, p, n);
	return d;
}

/* Selectors 0..3: c = [epk ||] tag || ciphertext, overhead bytes ahead of m. */
static void fuzz_box(unsigned sel, const uint8_t *in, size_t n)
{
	size_t over = sel == 2 ? HBOX_BOX_SEALBYTES : HBOX_BOX_MACBYTES;
	size_t mlen = n >= over ? n - over : 0;
	uint8_t *c = dup(in, n), *m = malloc(mlen > 0 ? mlen : 1), *c2;
	int rc;
	FZ_ASSERT(m != NULL);
	memset(m, 0xa5, mlen);
	switch (sel) {
	case 0:
		rc = hbox_box_open(m, c, n, nonce24, pk_a, sk_b);
		break;
	case 1:
		rc = hbox_box_open_afternm(m, c, n, nonce24, k_ab);
		break;
	case 2:
		rc = hbox_box_seal_open(m, c, n, pk_b, sk_b);
		break;
	default:
		rc = hbox_secretbox_open(m, c, n, nonce24, skey);
		break;
	}
	FZ_ASSERT(rc == 0 || rc == -1);
	if (n < over) {
		FZ_ASSERT(rc == -1);
	} else if (rc != 0) {
		FZ_ASSERT(fz_zero(m, mlen));
	} else if (sel == 2) {
		/* inner box: nonce = BLAKE2b-24(epk || pk), from epk to pk_b */
		uint8_t hin[64], nonce[24], *m2 = malloc(mlen > 0 ? mlen : 1);
		FZ_ASSERT(m2 != NULL);
		memcpy(hin, c, 32);
		memcpy(hin + 32, pk_b, 32);
		FZ_ASSERT(hbox_blake2b(nonce, 24, NULL, 0, hin, 64) == 0);
		FZ_ASSERT(hbox_box_open(m2, c + 32, n - 32, nonce, c, sk_b) == 0);
		FZ_ASSERT(memcmp(m, m2, mlen) == 0);
		free(m2);
	} else {
		c2 = malloc(n);
		FZ_ASSERT(c2 != NULL);
		if (sel == 3)
			hbox_secretbox(c2, m, mlen, nonce24, skey);
		else
			hbox_box_afternm(c2, m, mlen, nonce24, k_ab);
		FZ_ASSERT(memcmp(c, c2, n) == 0);
		free(c2);
	}
	free(c);
	free(m);
}

/* Selectors 4, 5: adlen || ad || tag || ciphertext. */
static void fuzz_aead(unsigned sel, const uint8_t *in, size_t n)
{
	size_t adlen, len;
	uint8_t *ad, *tag, *ct, *pt;
	int rc;
	if (n < 1)
		return;
	adlen = in[0];
	if (n < 1 + adlen + 16)
		return;
	len = n - 1 - adlen - 16;
	ad = dup(in + 1, adlen);
	tag = dup(in + 1 + adlen, 16);
	ct = dup(in + 1 + adlen + 16, len);
	pt = malloc(len > 0 ? len : 1);
	FZ_ASSERT(pt != NULL);
	memset(pt, 0xa5, len);
	if (sel == 4)
		rc = hbox_aead_chacha20poly1305_decrypt(pt, ct, len, tag, ad, adlen, nonce12, skey);
	else
		rc = hbox_aead_xchacha20poly1305_decrypt(pt, ct, len, tag, ad, adlen, nonce24, skey);
	FZ_ASSERT(rc == 0 || rc == -1);
	if (rc != 0) {
		FZ_ASSERT(fz_zero(pt, len));
	} else {
		uint8_t *ct2 = malloc(len > 0 ? len : 1), tag2[16];
		FZ_ASSERT(ct2 != NULL);
		if (sel == 4)
			hbox_aead_chacha20poly1305_encrypt(ct2, tag2, pt, len, ad, adlen, nonce12, skey);
		else
			hbox_aead_xchacha20poly1305_encrypt(ct2, tag2, pt, len, ad, adlen, nonce24, skey);
		FZ_ASSERT(memcmp(ct, ct2, len) == 0 && memcmp(tag, tag2, 16) == 0);
		free(ct2);
	}
	free(ad);
	free(tag);
	free(ct);
	free(pt);
}

/* Selector 6: tag || message. */
static void fuzz_poly1305(const uint8_t *in, size_t n)
{
	uint8_t *tag, *msg, tag2[16];
	int rc;
	if (n < 16)
		return;
	tag = dup(in, 16);
	msg = dup(in + 16, n - 16);
	rc = hbox_poly1305_verify(tag, msg, n - 16, otk);
	hbox_poly1305(tag2, msg, n - 16, otk);
	FZ_ASSERT(rc == (memcmp(tag, tag2, 16) == 0 ? 0 : -1));
	free(tag);
	free(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned sel;
	if (size < 1)
		return 0;
	setup();
	sel = data[0] % NSEL;
	if (sel <= 3)
		fuzz_box(sel, data + 1, size - 1);
	else if (sel <= 5)
		fuzz_aead(sel, data + 1, size - 1);
	else
		fuzz_poly1305(data + 1, size - 1);
	return 0;
}

#ifdef FUZZ_WRITE_SEEDS
int main(int argc, char **argv)
{
	uint8_t m[40], c[40 + 48], buf[1 + 5 + 16 + 40];
	unsigned sel;
	if (argc != 2)
		return 2;
	fz_dir = argv[1];
	setup();
	fz_rng(m, sizeof m);
	hbox_box(c, m, sizeof m, nonce24, pk_b, sk_a);
	fz_seeds_for(0, c, sizeof m + 16);
	hbox_box_afternm(c, m, 7, nonce24, k_ab);
	fz_seeds_for(1, c, 7 + 16);
	hbox_set_randombytes(fz_rng);
	FZ_ASSERT(hbox_box_seal(c, m, sizeof m, pk_b) == 0);
	hbox_set_randombytes(NULL);
	fz_seeds_for(2, c, sizeof m + 48);
	hbox_secretbox(c, m, sizeof m, nonce24, skey);
	fz_seeds_for(3, c, sizeof m + 16);
	hbox_secretbox(c, m, 0, nonce24, skey);
	fz_seed(3, c, 16);
	for (sel = 4; sel <= 5; sel++) {
		buf[0] = 5;
		memcpy(buf + 1, "hdr00", 5);
		if (sel == 4)
			hbox_aead_chacha20poly1305_encrypt(buf + 22, buf + 6, m, 40, buf + 1, 5,
			                                   nonce12, skey);
		else
			hbox_aead_xchacha20poly1305_encrypt(buf + 22, buf + 6, m, 40, buf + 1, 5,
			                                    nonce24, skey);
		fz_seeds_for((uint8_t)sel, buf, sizeof buf);
	}
	hbox_poly1305(buf, m, sizeof m, otk);
	memcpy(buf + 16, m, sizeof m);
	fz_seeds_for(6, buf, 16 + sizeof m);
	return 0;
}
#endif

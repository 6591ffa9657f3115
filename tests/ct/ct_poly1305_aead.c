/*
 * Constant time: Poly1305 (both arithmetic paths), ChaCha20-Poly1305 and
 * XChaCha20-Poly1305 with secrets poisoned.
 *
 *   Poly1305:  key and message poisoned; one-shot, incremental, verify (the
 *              tag to check is poisoned too).
 *   AEAD:      key, plaintext and AD poisoned for encryption; for decryption
 *              the key, the tag and the AD, for a valid and for a forged
 *              message, in place and out of place.
 *
 * Declassified after each call, because the protocol publishes them: tags,
 * ciphertexts and verdicts. Decrypted plaintexts are declassified only to
 * compare them with the expected bytes. Expected values come from the same
 * calls on unpoisoned copies made beforehand.
 *
 * The radix 2^26 Poly1305 path is not in the library on a 64-bit host; this
 * file compiles primitives/poly1305.c a second time with HB_POLY1305_32BIT
 * (functions renamed p26_*, as in tests/unit/test_poly1305.c) so that
 * valgrind checks it too.
 *
 * The library's paths: everything runs on the portable code
 * (hbox_cpu_override(0)), with AVX2 (runs of 32 blocks and more to the
 * AVX2 Poly1305 kernel, the keystream to the AVX2 ChaCha20) and, natively
 * on a CPU with AVX-512 IFMA, with the IFMA Poly1305 kernel. Valgrind 3.19
 * executes AVX2 but not AVX-512 (and reports no AVX-512), so under
 * valgrind the IFMA pass is the AVX2 one and is skipped: the IFMA kernel
 * gets no constant-time check here. The longest lengths are above every
 * threshold. Messages and ciphertexts
 * are in heap buffers of their exact length, so valgrind also reports any
 * read past their end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ct_poison.h"
#include "hopebox.h"
#include "testutil.h"

#define HB_POLY1305_32BIT 1
#define hbox_poly1305_init p26_init
#define hbox_poly1305_update p26_update
#define hbox_poly1305_final p26_final
#define hbox_poly1305 p26_poly1305
#define hbox_poly1305_verify p26_verify
#include "poly1305.c"
#undef hbox_poly1305_init
#undef hbox_poly1305_update
#undef hbox_poly1305_final
#undef hbox_poly1305
#undef hbox_poly1305_verify

#define MAXLEN 1100 /* above the AEAD's 512-byte chunks and the 512-byte AVX2 threshold */

static const size_t lens[] = {0, 1, 15, 16, 17, 63, 64, 65, 129, 600, MAXLEN};
#define NLENS (sizeof lens / sizeof lens[0])

struct poly_impl {
	void (*mac)(uint8_t *, const uint8_t *, size_t, const uint8_t *);
	int (*verify)(const uint8_t *, const uint8_t *, size_t, const uint8_t *);
	void (*init)(hbox_poly1305_ctx *, const uint8_t *);
	void (*update)(hbox_poly1305_ctx *, const uint8_t *, size_t);
	void (*final)(hbox_poly1305_ctx *, uint8_t *);
};

/* n bytes on the heap (valgrind flags any access past them); never NULL. */
static uint8_t *heap(size_t n)
{
	uint8_t *p = malloc(n > 0 ? n : 1);
	if (p == NULL) {
		printf("out of memory\n");
		exit(1);
	}
	return p;
}

static void test_poly(const struct poly_impl *p)
{
	uint8_t key[32], *msg, want[16], tag[16], t2[16];
	hbox_poly1305_ctx ctx;
	size_t i, n;
	int r;

	for (i = 0; i < NLENS; i++) {
		n = lens[i];
		msg = heap(n);
		tu_rand_bytes(key, sizeof key);
		tu_rand_bytes(msg, n);
		hbox_poly1305(want, msg, n, key); /* unpoisoned reference */

		CT_SECRET(key, sizeof key);
		CT_SECRET(msg, n);
		p->mac(tag, msg, n, key);
		CT_PUBLIC(tag, 16); /* a tag is published */
		CHECK_EQ_BYTES(tag, want, 16);

		p->init(&ctx, key);
		p->update(&ctx, msg, n / 3);
		p->update(&ctx, msg + n / 3, n - n / 3);
		p->final(&ctx, tag);
		CT_PUBLIC(tag, 16);
		CHECK_EQ_BYTES(tag, want, 16);

		/* verify: key, message and the tag under test all secret */
		memcpy(t2, want, 16);
		CT_SECRET(t2, 16);
		r = p->verify(t2, msg, n, key);
		CT_PUBLIC(&r, sizeof r); /* the verdict is public */
		CHECK(r == 0);
		t2[15] ^= 0x40;
		CT_SECRET(t2, 16);
		r = p->verify(t2, msg, n, key);
		CT_PUBLIC(&r, sizeof r);
		CHECK(r == -1);
		CT_PUBLIC(key, sizeof key);
		CT_PUBLIC(msg, n);
		free(msg);
	}
}

typedef void (*seal_fn)(uint8_t *ct, uint8_t *tag, const uint8_t *pt, size_t len,
                        const uint8_t *ad, size_t adlen, const uint8_t *nonce,
                        const uint8_t *key);
typedef int (*open_fn)(uint8_t *pt, const uint8_t *ct, size_t len, const uint8_t *tag,
                       const uint8_t *ad, size_t adlen, const uint8_t *nonce,
                       const uint8_t *key);

static void test_aead(seal_fn seal, open_fn open)
{
	static uint8_t pt0[MAXLEN], ct0[MAXLEN];
	uint8_t key[32], nonce[24], ad[20], tag[16], tag0[16], *pt, *ct, *out;
	size_t i, n, adlen;
	int r;

	for (i = 0; i < NLENS; i++) {
		n = lens[i];
		pt = heap(n);
		ct = heap(n);
		out = heap(n);
		adlen = i % 3 == 0 ? 0 : sizeof ad - i % 8;
		tu_rand_bytes(key, sizeof key);
		tu_rand_bytes(nonce, sizeof nonce);
		tu_rand_bytes(ad, sizeof ad);
		tu_rand_bytes(pt0, n);
		seal(ct0, tag0, pt0, n, ad, adlen, nonce, key); /* unpoisoned reference */

		/* encrypt: key, plaintext and AD secret */
		memcpy(pt, pt0, n);
		CT_SECRET(key, sizeof key);
		CT_SECRET(pt, n);
		CT_SECRET(ad, sizeof ad);
		seal(ct, tag, pt, n, ad, adlen, nonce, key);
		CT_PUBLIC(ct, n); /* ciphertext and tag are published */
		CT_PUBLIC(tag, 16);
		CHECK_EQ_BYTES(ct, ct0, n);
		CHECK_EQ_BYTES(tag, tag0, 16);

		/* decrypt a valid message: key, tag and AD secret */
		CT_SECRET(tag, 16);
		r = open(out, ct, n, tag, ad, adlen, nonce, key);
		CT_PUBLIC(&r, sizeof r); /* the verdict is public */
		CT_PUBLIC(out, n);       /* only to compare */
		CHECK(r == 0);
		CHECK_EQ_BYTES(out, pt0, n);

		/* in place */
		memcpy(out, ct0, n);
		CT_SECRET(tag, 16);
		r = open(out, out, n, tag, ad, adlen, nonce, key);
		CT_PUBLIC(&r, sizeof r);
		CT_PUBLIC(out, n);
		CHECK(r == 0);
		CHECK_EQ_BYTES(out, pt0, n);

		/* a forged tag: rejected, output zeroed */
		CT_PUBLIC(tag, 16);
		tag[7] ^= 0x02;
		CT_SECRET(tag, 16);
		memset(out, 0xa5, n);
		r = open(out, ct, n, tag, ad, adlen, nonce, key);
		CT_PUBLIC(&r, sizeof r);
		CT_PUBLIC(out, n);
		CHECK(r == -1);
		CHECK(tu_is_zero(out, n));

		/* encrypt in place */
		memcpy(out, pt0, n);
		CT_SECRET(out, n);
		seal(out, tag, out, n, ad, adlen, nonce, key);
		CT_PUBLIC(out, n);
		CT_PUBLIC(tag, 16);
		CHECK_EQ_BYTES(out, ct0, n);
		CHECK_EQ_BYTES(tag, tag0, 16);

		CT_PUBLIC(key, sizeof key);
		CT_PUBLIC(ad, sizeof ad);
		free(pt);
		free(ct);
		free(out);
	}
}

int main(void)
{
	static const struct poly_impl lib = {hbox_poly1305, hbox_poly1305_verify, hbox_poly1305_init,
	                                     hbox_poly1305_update, hbox_poly1305_final};
	static const struct poly_impl p26 = {p26_poly1305, p26_verify, p26_init, p26_update,
	                                     p26_final};
	const unsigned features = hbox_cpu_features();
	/* portable; AVX2 (IFMA masked off); everything the CPU has */
	const unsigned paths[3] = {0u, features & ~HBOX_CPU_AVX512IFMA, features};
	int i;

	if (!(features & HBOX_CPU_AVX2))
		printf("ct_poly1305_aead: no AVX2 (CPU or build): portable path only\n");
	for (i = 0; i < 3; i++) {
		if (i > 0 && paths[i] == paths[i - 1])
			continue;
		hbox_cpu_override(paths[i]);
		test_poly(&lib);
		test_aead(hbox_aead_chacha20poly1305_encrypt, hbox_aead_chacha20poly1305_decrypt);
		test_aead(hbox_aead_xchacha20poly1305_encrypt, hbox_aead_xchacha20poly1305_decrypt);
	}
	hbox_cpu_override(HBOX_CPU_ALL);
	test_poly(&p26);
	return tu_report("ct_poly1305_aead");
}

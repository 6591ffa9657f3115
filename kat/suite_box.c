/*
 * suite_box.c - known answers for the NaCl box and the sealed box.
 *
 *   rfc/nacl_xsalsa20_poly1305_box.txt (NaCl test data)
 *     box_beforenm   k = HSalsa20(X25519(sk, pk), 0^16)
 *     box            crypto_box_easy from Alice to Bob: boxed by Alice
 *                    (hbox_box and beforenm + afternm), opened by Bob
 *                    (hbox_box_open and open_afternm), both byte for byte
 *   rfc/box_seal_generated_libsodium.txt (libsodium 1.0.18 output)
 *     box_seal_open             random ephemeral key: must open to msg;
 *                               epk and nonce (BLAKE2b-192(epk || pk)) are
 *                               given and checked through the derand seal
 *     box_seal_fixed_ephemeral  given esk: hb_box_seal_derand must give
 *                               the ciphertext byte for byte, and it opens
 *
 * Every vector also checks a rejection: the ciphertext with its last byte
 * flipped must fail with a zeroed output.
 */
#include <stdlib.h>
#include <string.h>

#include "box.h"
#include "hb_box.h"
#include "kat.h"
#include "x25519.h"

static int type_is(const struct kv_file *kv, const char *type)
{
	const char *c = kv_get(kv, "comment");
	size_t n = strlen(type);
	if (c == NULL || strncmp(c, "type: ", 6) != 0 || strncmp(c + 6, type, n) != 0)
		return 0;
	return c[6 + n] == '\0' || c[6 + n] == ' ' || c[6 + n] == ';';
}

static uint8_t *field32(const struct kv_file *kv, const char *name)
{
	size_t n;
	uint8_t *p = kv_bytes(kv, name, &n);
	if (p != NULL && n != 32) {
		free(p);
		return NULL;
	}
	return p;
}

static int all_zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;
	size_t i;
	for (i = 0; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

static int beforenm_ok(const struct kv_file *kv)
{
	uint8_t *sk = field32(kv, "sk"), *pk = field32(kv, "pk"), *want = field32(kv, "k");
	uint8_t got[32];
	int ok = sk != NULL && pk != NULL && want != NULL && hbox_box_beforenm(got, pk, sk) == 0 &&
	         memcmp(got, want, 32) == 0;
	free(sk);
	free(pk);
	free(want);
	return ok;
}

static int box_ok(const struct kv_file *kv)
{
	uint8_t *ssk = field32(kv, "sender_sk"), *spk = field32(kv, "sender_pk");
	uint8_t *rsk = field32(kv, "recipient_sk"), *rpk = field32(kv, "recipient_pk");
	size_t nlen, mlen, clen;
	uint8_t *nonce = kv_bytes(kv, "nonce", &nlen);
	uint8_t *m = kv_bytes(kv, "msg", &mlen);
	uint8_t *c = kv_bytes(kv, "ciphertext", &clen);
	uint8_t *got = malloc(clen + 1), pk[32], k[32];
	int ok = ssk != NULL && spk != NULL && rsk != NULL && rpk != NULL && nonce != NULL &&
	         nlen == 24 && m != NULL && c != NULL && clen == mlen + 16 && got != NULL;
	if (ok) {
		hbox_x25519_base(pk, ssk);
		ok = memcmp(pk, spk, 32) == 0;
		hbox_x25519_base(pk, rsk);
		ok = ok && memcmp(pk, rpk, 32) == 0;

		ok = ok && hbox_box(got, m, mlen, nonce, rpk, ssk) == 0 && memcmp(got, c, clen) == 0;
		ok = ok && hbox_box_beforenm(k, rpk, ssk) == 0;
		memset(got, 0, clen);
		hbox_box_afternm(got, m, mlen, nonce, k);
		ok = ok && memcmp(got, c, clen) == 0;

		ok = ok && hbox_box_open(got, c, clen, nonce, spk, rsk) == 0 &&
		     memcmp(got, m, mlen) == 0;
		ok = ok && hbox_box_beforenm(k, spk, rsk) == 0;
		memset(got, 0, mlen);
		ok = ok && hbox_box_open_afternm(got, c, clen, nonce, k) == 0 &&
		     memcmp(got, m, mlen) == 0;

		c[clen - 1] ^= 1;
		ok = ok && hbox_box_open(got, c, clen, nonce, spk, rsk) == -1 && all_zero(got, mlen);
	}
	free(ssk);
	free(spk);
	free(rsk);
	free(rpk);
	free(nonce);
	free(m);
	free(c);
	free(got);
	return ok;
}

static void run_nacl(struct kat *k)
{
	const char *rel = "rfc/nacl_xsalsa20_poly1305_box.txt";
	struct kv_file kv;
	if (!kat_begin(k, "box-nacl"))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv)) {
		if (type_is(&kv, "box_beforenm"))
			kat_check(k, beforenm_ok(&kv), kv_get(&kv, "id"));
		else if (type_is(&kv, "box"))
			kat_check(k, box_ok(&kv), kv_get(&kv, "id"));
	}
	kv_close(&kv);
	kat_end(k);
}

/*
 * Both sealed-box types: open c to msg; check the given epk / nonce
 * through the derand seal (with esk when given: byte for byte); reject a
 * flipped last byte.
 */
static int seal_ok(const struct kv_file *kv, int fixed)
{
	uint8_t *rsk = field32(kv, "recipient_sk"), *rpk = field32(kv, "recipient_pk");
	uint8_t *epk = field32(kv, "epk"), *esk = fixed ? field32(kv, "esk") : NULL;
	size_t nlen, mlen, clen;
	uint8_t *nonce = kv_bytes(kv, "nonce", &nlen);
	uint8_t *m = kv_bytes(kv, "msg", &mlen);
	uint8_t *c = kv_bytes(kv, "ciphertext", &clen);
	uint8_t *got = malloc(clen + 1), pk[32];
	int ok = rsk != NULL && rpk != NULL && epk != NULL && (esk != NULL || !fixed) &&
	         nonce != NULL && nlen == 24 && m != NULL && c != NULL &&
	         clen == mlen + HBOX_BOX_SEALBYTES && got != NULL;
	if (ok) {
		hbox_x25519_base(pk, rsk);
		ok = memcmp(pk, rpk, 32) == 0 && memcmp(c, epk, 32) == 0;
		ok = ok && hbox_box_seal_open(got, c, clen, rpk, rsk) == 0 &&
		     memcmp(got, m, mlen) == 0;
		/* The nonce: opening the box part as a plain box with it. */
		ok = ok && hbox_box_open(got, c + 32, clen - 32, nonce, epk, rsk) == 0 &&
		     memcmp(got, m, mlen) == 0;
		if (fixed) {
			hbox_x25519_base(pk, esk);
			ok = ok && memcmp(pk, epk, 32) == 0;
			memset(got, 0, clen);
			ok = ok && hb_box_seal_derand(got, m, mlen, rpk, esk) == 0 &&
			     memcmp(got, c, clen) == 0;
		}
		c[clen - 1] ^= 1;
		memset(got, 0xa5, mlen);
		ok = ok && hbox_box_seal_open(got, c, clen, rpk, rsk) == -1 && all_zero(got, mlen);
	}
	free(rsk);
	free(rpk);
	free(epk);
	free(esk);
	free(nonce);
	free(m);
	free(c);
	free(got);
	return ok;
}

static void run_seal(struct kat *k)
{
	const char *rel = "rfc/box_seal_generated_libsodium.txt";
	struct kv_file kv;
	if (!kat_begin(k, "box-seal-libsodium"))
		return;
	if (kv_open(&kv, k, rel) != 0) {
		kat_fail(k, rel);
		kat_end(k);
		return;
	}
	while (kv_next(&kv)) {
		const char *id = kv_get(&kv, "id");
		if (type_is(&kv, "box_seal_open"))
			kat_check(k, seal_ok(&kv, 0), id);
		else if (type_is(&kv, "box_seal_fixed_ephemeral"))
			kat_check(k, seal_ok(&kv, 1), id);
		else
			kat_check(k, 0, id); /* unknown type: the file changed */
	}
	kv_close(&kv);
	kat_end(k);
}

void kat_box(struct kat *k)
{
	run_nacl(k);
	run_seal(k);
}

/*
 * hkdf_sha256.c - HKDF-SHA256 (RFC 5869).
 */
#include "hkdf_sha256.h"
#include "hb_internal.h"
#include "hb_sha256.h"
#include "hmac_sha256.h"

HB_STATIC_ASSERT(HBOX_HKDF_SHA256_MAXBYTES == 255 * HBOX_HMAC_SHA256_BYTES, hkdf_max);
HB_STATIC_ASSERT(HBOX_HKDF_SHA256_PRKBYTES == HBOX_HMAC_SHA256_BYTES, hkdf_prk);

void hbox_hkdf_sha256_extract(uint8_t prk[HBOX_HKDF_SHA256_PRKBYTES], const uint8_t *salt,
                              size_t saltlen, const uint8_t *ikm, size_t ikmlen)
{
	/* An empty HMAC key and 32 zero bytes give the same padded key K0,
	 * so "salt not provided" needs no special case. */
	hbox_hmac_sha256(prk, salt, saltlen, ikm, ikmlen);
}

int hbox_hkdf_sha256_expand(uint8_t *out, size_t outlen,
                            const uint8_t prk[HBOX_HKDF_SHA256_PRKBYTES], const uint8_t *info,
                            size_t infolen)
{
	hbox_hmac_sha256_ctx keyed;
	hbox_sha256_ctx c;
	uint8_t t[HBOX_HMAC_SHA256_BYTES];
	uint8_t counter = 0;
	size_t off, n;

	if (outlen > HBOX_HKDF_SHA256_MAXBYTES) {
		memset(out, 0, outlen);
		return -1;
	}
	if (outlen == 0)
		return 0;
	/* Key once; every block is an inner hash from the keyed inner state,
	 * finished on top of the keyed outer state. */
	hbox_hmac_sha256_init(&keyed, prk, HBOX_HKDF_SHA256_PRKBYTES);
	for (off = 0; off < outlen; off += n) {
		c = keyed.inner;
		if (counter != 0)
			hbox_sha256_update(&c, t, sizeof t); /* T(i-1) */
		hbox_sha256_update(&c, info, infolen);
		counter++; /* 1..255: outlen <= 255 * 32 */
		hbox_sha256_update(&c, &counter, 1);
		hb_hmac_sha256_finish(&c, keyed.outer.state, t); /* wipes c */
		n = outlen - off < sizeof t ? outlen - off : sizeof t;
		memcpy(out + off, t, n);
	}
	hbox_wipe(&keyed, sizeof keyed);
	hbox_wipe(t, sizeof t);
	return 0;
}

int hbox_hkdf_sha256(uint8_t *out, size_t outlen, const uint8_t *salt, size_t saltlen,
                     const uint8_t *ikm, size_t ikmlen, const uint8_t *info, size_t infolen)
{
	uint8_t prk[HBOX_HKDF_SHA256_PRKBYTES];
	int r;

	if (outlen > HBOX_HKDF_SHA256_MAXBYTES) {
		memset(out, 0, outlen);
		return -1;
	}
	hbox_hkdf_sha256_extract(prk, salt, saltlen, ikm, ikmlen);
	r = hbox_hkdf_sha256_expand(out, outlen, prk, info, infolen);
	hbox_wipe(prk, sizeof prk);
	return r;
}

/*
 * Constant time: secretbox seal and open with secrets poisoned.
 *
 *   seal: key and message poisoned (out of place, and in place m == c);
 *   open: key and the tag bytes poisoned, for a valid box and a forged one,
 *         out of place and in place.
 *
 * Declassified after each call, because the protocol publishes them: the
 * box and the verdict. Opened plaintexts are declassified only to compare
 * them with the expected bytes, computed beforehand on unpoisoned copies.
 */
#include <string.h>

#include "ct_poison.h"
#include "hopebox.h"
#include "testutil.h"

#define MAXLEN 600 /* above open's 32 + 512-byte keystream chunk */

int main(void)
{
	static const size_t lens[] = {0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 129, MAXLEN};
	static uint8_t m0[MAXLEN], m[MAXLEN], c0[MAXLEN + 16], c[MAXLEN + 16], out[MAXLEN + 16];
	uint8_t key[32], nonce[24];
	size_t i, n;
	int r;

	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		n = lens[i];
		tu_rand_bytes(key, sizeof key);
		tu_rand_bytes(nonce, sizeof nonce);
		tu_rand_bytes(m0, n);
		hbox_secretbox(c0, m0, n, nonce, key); /* unpoisoned reference */

		memcpy(m, m0, n);
		CT_SECRET(key, sizeof key);
		CT_SECRET(m, n);
		hbox_secretbox(c, m, n, nonce, key);
		CT_PUBLIC(c, n + 16); /* the box is published */
		CHECK_EQ_BYTES(c, c0, n + 16);

		/* seal in place (m == c) */
		memcpy(out, m0, n);
		CT_SECRET(out, n);
		hbox_secretbox(out, out, n, nonce, key);
		CT_PUBLIC(out, n + 16);
		CHECK_EQ_BYTES(out, c0, n + 16);

		/* open a valid box; the tag bytes are poisoned too */
		CT_SECRET(c, 16);
		r = hbox_secretbox_open(out, c, n + 16, nonce, key);
		CT_PUBLIC(&r, sizeof r); /* the verdict is public */
		CT_PUBLIC(out, n);       /* only to compare */
		CHECK(r == 0);
		CHECK_EQ_BYTES(out, m0, n);

		/* open in place (m == c) */
		memcpy(out, c0, n + 16);
		CT_SECRET(out, 16);
		r = hbox_secretbox_open(out, out, n + 16, nonce, key);
		CT_PUBLIC(&r, sizeof r);
		CT_PUBLIC(out, n);
		CHECK(r == 0);
		CHECK_EQ_BYTES(out, m0, n);

		/* a forged box: rejected, output zeroed */
		memcpy(c, c0, n + 16);
		c[n + 15] ^= 0x10; /* last ciphertext byte, or the tag when n == 0 */
		CT_SECRET(c, 16);
		memset(out, 0xa5, n);
		r = hbox_secretbox_open(out, c, n + 16, nonce, key);
		CT_PUBLIC(&r, sizeof r);
		CT_PUBLIC(out, n);
		CHECK(r == -1);
		CHECK(tu_is_zero(out, n));

		CT_PUBLIC(key, sizeof key);
		CT_PUBLIC(c, 16);
	}
	return tu_report("ct_secretbox");
}

/*
 * Constant time: X25519 with the scalar poisoned (and, in one round, the
 * peer's u-coordinate too, since hbox_x25519 promises time independent of
 * both), on the portable path (hbox_cpu_override(0)) and on the default
 * dispatch: the AVX2 ladder where valgrind's CPU model offers AVX2 (it
 * does on x86-64; it hides AVX-512, so an AVX-512 kernel is never chosen
 * under valgrind). Built also as ct_x25519_fe32 against the
 * 32-bit-field library.
 */
#include <string.h>

#include "ct_poison.h"
#include "hopebox.h"
#include "testutil.h"

/* One round of the checks on the path the current override selects. */
static void run_pass(void)
{
	static const uint8_t order8[32] = {0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae,
	                                   0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a,
	                                   0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd,
	                                   0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00};
	uint8_t sk[32], sk2[32], pk[32], pk2[32], s1[32], s2[32];
	int r, n;

	for (n = 0; n < 4; n++) {
		tu_rand_bytes(sk, 32);
		tu_rand_bytes(sk2, 32);
		hbox_x25519_base(pk2, sk2);

		CT_SECRET(sk, 32);
		if (n == 3)
			CT_SECRET(pk2, 32);
		hbox_x25519_base(pk, sk);
		r = hbox_x25519(s1, sk, pk2);
		CT_PUBLIC(pk, 32);       /* a public key is published */
		CT_PUBLIC(pk2, 32);
		CT_PUBLIC(&r, sizeof r); /* the all-zero verdict depends on pk2 only */
		CHECK(r == 0);

		/* The other side, unpoisoned; the secrets are declassified only
		 * now, to check the answer. */
		CHECK(hbox_x25519(s2, sk2, pk) == 0);
		CT_PUBLIC(s1, 32);
		CT_PUBLIC(sk, 32);
		CHECK_EQ_BYTES(s1, s2, 32);
	}

	/* A small-order point: -1 and a zeroed output, still without a branch
	 * on the secret scalar. */
	tu_rand_bytes(sk, 32);
	CT_SECRET(sk, 32);
	memset(s1, 0xa5, 32);
	r = hbox_x25519(s1, sk, order8);
	CT_PUBLIC(&r, sizeof r); /* the verdict is public */
	CT_PUBLIC(s1, 32);       /* all zero: nothing secret */
	CHECK(r == -1);
	CHECK(tu_is_zero(s1, 32));
}

int main(void)
{
	hbox_cpu_override(0);
	run_pass();
	hbox_cpu_override(HBOX_CPU_ALL);
	run_pass();

#if defined(HOPEBOX_FE32) && HOPEBOX_FE32
	return tu_report("ct_x25519_fe32");
#else
	return tu_report("ct_x25519");
#endif
}

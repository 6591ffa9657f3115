/*
 * Constant time: the ChaCha20 and Salsa20 families with the key and the
 * message poisoned (nonces and counters are public), at lengths around the
 * block size and the AVX2 kernels' batch sizes (256, 512 bytes), in place
 * and out of place, with and without input. Everything runs on the
 * portable path (hbox_cpu_override(0)), on the AVX2 kernels and, where
 * the CPU has more, on the default dispatch. Valgrind 3.19 runs AVX2 code
 * and reports AVX2 in cpuid, but no AVX-512: under valgrind the default
 * dispatch is the AVX2 kernels, and the AVX-512 kernels
 * (hb_stream_avx512.h) are not checked here.
 *
 * Each output is declassified only after the call, to compare it with the
 * same call made on unpoisoned data: that checks the test did real work; the
 * constant-time evidence is that valgrind saw no branch or address depend on
 * the poisoned bytes inside the library.
 */
#include <stdio.h>
#include <string.h>

#include "ct_poison.h"
#include "hopebox.h"
#include "testutil.h"

#define MAXLEN 1100

enum which { IETF, ORIG, XCHACHA, SALSA, XSALSA, NWHICH };

static void run(enum which w, uint8_t *out, const uint8_t *in, size_t len, const uint8_t key[32],
                const uint8_t nonce[24])
{
	switch (w) {
	case IETF:
		hbox_chacha20_ietf(out, in, len, key, nonce, 0xfffffffeu); /* crosses the wrap */
		break;
	case ORIG:
		hbox_chacha20(out, in, len, key, nonce, 0xfffffffeull); /* crosses the carry */
		break;
	case XCHACHA:
		hbox_xchacha20(out, in, len, key, nonce, 1);
		break;
	case SALSA:
		hbox_salsa20(out, in, len, key, nonce, 0xfffffffeull);
		break;
	default:
		hbox_xsalsa20(out, in, len, key, nonce);
		break;
	}
}

/*
 * Every variant and length on the path `features` selects (0: portable).
 * The expected outputs come from the portable path on unpoisoned data.
 */
static void check_path(unsigned features, const uint8_t nonce[24])
{
	static const size_t lens[] = {0,   1,   15,  16,  17,  63,  64,  65,  128,
	                              129, 200, 256, 257, 511, 512, 513, 1000, MAXLEN};
	uint8_t key[32], msg[MAXLEN], want[MAXLEN], got[MAXLEN];
	size_t i;
	int w;

	for (w = 0; w < NWHICH; w++) {
		for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
			size_t n = lens[i];
			tu_rand_bytes(key, sizeof key);
			tu_rand_bytes(msg, sizeof msg);

			/* encrypt, out of place */
			hbox_cpu_override(0);
			run((enum which)w, want, msg, n, key, nonce);
			hbox_cpu_override(features);
			CT_SECRET(key, sizeof key);
			CT_SECRET(msg, sizeof msg);
			run((enum which)w, got, msg, n, key, nonce);
			CT_PUBLIC(got, n); /* ciphertext is public */
			CHECK_EQ_BYTES(got, want, n);

			/* keystream only (in == NULL) */
			run((enum which)w, got, NULL, n, key, nonce);
			CT_PUBLIC(got, n); /* declassified only to compare */
			CT_PUBLIC(key, sizeof key);
			hbox_cpu_override(0);
			run((enum which)w, want, NULL, n, key, nonce);
			hbox_cpu_override(features);
			CHECK_EQ_BYTES(got, want, n);

			/* in place, on a poisoned message */
			CT_SECRET(key, sizeof key);
			memcpy(got, msg, n);
			run((enum which)w, got, got, n, key, nonce);
			CT_PUBLIC(got, n); /* ciphertext is public */
			CT_PUBLIC(key, sizeof key);
			CT_PUBLIC(msg, sizeof msg);
			hbox_cpu_override(0);
			run((enum which)w, want, msg, n, key, nonce);
			hbox_cpu_override(features);
			CHECK_EQ_BYTES(got, want, n);
		}
	}
}

int main(void)
{
	uint8_t key[32], nonce[24], hin[16], small[64], small_want[64];
	unsigned features = hbox_cpu_features();
	int w;

	tu_rand_bytes(nonce, sizeof nonce);
	tu_rand_bytes(hin, sizeof hin);
	check_path(0, nonce);
	if (features & HBOX_CPU_AVX2) {
		unsigned avx2 = features & ~(HBOX_CPU_AVX512F | HBOX_CPU_AVX512IFMA);
		check_path(avx2, nonce);
		if (features != avx2)
			check_path(features, nonce);
	} else {
		printf("no AVX2 (CPU or build): portable path only\n");
	}
	hbox_cpu_override(HBOX_CPU_ALL);

	/* The key-derivation cores (HChaCha20, HSalsa20, Salsa20 core). */
	for (w = 0; w < 3; w++) {
		tu_rand_bytes(key, sizeof key);
		if (w == 0)
			hbox_hchacha20(small_want, key, hin);
		else if (w == 1)
			hbox_hsalsa20(small_want, key, hin);
		else
			hbox_salsa20_core(small_want, key, hin);
		CT_SECRET(key, sizeof key);
		CT_SECRET(hin, sizeof hin); /* stronger than needed: in is usually public */
		if (w == 0)
			hbox_hchacha20(small, key, hin);
		else if (w == 1)
			hbox_hsalsa20(small, key, hin);
		else
			hbox_salsa20_core(small, key, hin);
		CT_PUBLIC(small, sizeof small); /* declassified only to compare */
		CT_PUBLIC(key, sizeof key);
		CT_PUBLIC(hin, sizeof hin);
		CHECK_EQ_BYTES(small, small_want, w < 2 ? 32 : 64);
	}
	return tu_report("ct_stream");
}

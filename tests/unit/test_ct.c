/* Unit tests for the constant-time helpers and the random source. */
#include <string.h>

#include "hopebox.h"
#include "hb_internal.h"
#include "testutil.h"

static int failing_source(uint8_t *out, size_t len)
{
	memset(out, 0xaa, len);
	return -1;
}

int main(void)
{
	uint8_t a[32], b[32], buf[100];
	int i;

	tu_rand_bytes(a, sizeof a);
	memcpy(b, a, sizeof a);
	CHECK(hbox_verify16(a, b) == 0);
	CHECK(hbox_verify32(a, b) == 0);
	/* Every single-bit difference, at every position, is seen. */
	for (i = 0; i < 256; i++) {
		b[i / 8] ^= (uint8_t)(1u << (i % 8));
		CHECK(hbox_verify32(a, b) == -1);
		if (i < 128)
			CHECK(hbox_verify16(a, b) == -1);
		else
			CHECK(hbox_verify16(a, b) == 0);
		b[i / 8] ^= (uint8_t)(1u << (i % 8));
	}

	memset(buf, 0x5c, sizeof buf);
	hbox_wipe(buf + 1, 98);
	CHECK(buf[0] == 0x5c && buf[99] == 0x5c && tu_is_zero(buf + 1, 98));
	hbox_wipe(NULL, 0);

	CHECK(hb_load32_le((const uint8_t *)"\x01\x02\x03\x04") == 0x04030201u);
	CHECK(hb_load32_be((const uint8_t *)"\x01\x02\x03\x04") == 0x01020304u);
	CHECK(hb_load64_le((const uint8_t *)"\x01\x02\x03\x04\x05\x06\x07\x08") ==
	      0x0807060504030201ull);
	CHECK(hb_mask_nonzero32(0) == 0 && hb_mask_nonzero32(1) == 0xffffffffu &&
	      hb_mask_nonzero32(0x80000000u) == 0xffffffffu);

	/* OS source: two draws differ; a failing hook zeroes the output. */
	CHECK(hbox_randombytes(a, 32) == 0);
	CHECK(hbox_randombytes(b, 32) == 0);
	CHECK(memcmp(a, b, 32) != 0);
	hbox_set_randombytes(failing_source);
	memset(buf, 0x11, sizeof buf);
	CHECK(hbox_randombytes(buf, sizeof buf) == -1);
	CHECK(tu_is_zero(buf, sizeof buf));
	hbox_set_randombytes(tu_det_randombytes);
	tu_seed(7);
	CHECK(hbox_randombytes(a, 32) == 0);
	tu_seed(7);
	CHECK(hbox_randombytes(b, 32) == 0);
	CHECK(memcmp(a, b, 32) == 0);
	hbox_set_randombytes(NULL);
	CHECK(hbox_randombytes(a, 0) == 0);
	return tu_report("test_ct");
}

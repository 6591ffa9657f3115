/* Constant time: hbox_verify16/32 and hbox_wipe on poisoned data. */
#include <string.h>

#include "ct_poison.h"
#include "hopebox.h"
#include "testutil.h"

int main(void)
{
	uint8_t a[32], b[32];
	int r16, r32;

	tu_rand_bytes(a, 32);
	memcpy(b, a, 32);
	b[31] ^= 1;
	CT_SECRET(a, 32);
	CT_SECRET(b, 32);
	r16 = hbox_verify16(a, b);
	r32 = hbox_verify32(a, b);
	CT_PUBLIC(&r16, sizeof r16); /* the verdict is public */
	CT_PUBLIC(&r32, sizeof r32);
	CHECK(r16 == 0);
	CHECK(r32 == -1);
	hbox_wipe(a, 32);
	CHECK(tu_is_zero(a, 32));
	return tu_report("ct_verify");
}

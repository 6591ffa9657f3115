/*
 * ct.c - constant-time comparison and wiping.
 */
#include "ct.h"
#include "hb_internal.h"

int hbox_verify16(const uint8_t a[16], const uint8_t b[16])
{
	return hb_verify_n(a, b, 16);
}

int hbox_verify32(const uint8_t a[32], const uint8_t b[32])
{
	return hb_verify_n(a, b, 32);
}

void hbox_wipe(void *p, size_t n)
{
	/*
	 * memset followed by an asm statement that "reads" the buffer: the
	 * compiler must assume the zeros are observed, so it keeps the stores
	 * (checked by disassembly with gcc 12 and clang 14). Elsewhere, fall
	 * back to byte stores through a volatile pointer.
	 */
#if defined(__GNUC__) || defined(__clang__)
	if (n == 0)
		return;
	memset(p, 0, n);
	__asm__ volatile("" : : "r"(p) : "memory");
#else
	volatile uint8_t *v = (volatile uint8_t *)p;
	while (n--)
		*v++ = 0;
#endif
}

/* hbox_selftest passes on the default and the portable paths, and
 * hbox_build_info names the version. */
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

int main(void)
{
	CHECK(hbox_selftest() == 0);
	hbox_cpu_override(0);
	CHECK(hbox_selftest() == 0);
	CHECK(strstr(hbox_build_info(), "avx2,") == NULL && strstr(hbox_build_info(), "using avx2") == NULL);
	hbox_cpu_override(HBOX_CPU_ALL);
	CHECK(strstr(hbox_build_info(), HBOX_VERSION) != NULL);
	return tu_report("test_selftest");
}

/* hbox_selftest passes, and hbox_build_info names the version. */
#include <string.h>

#include "hopebox.h"
#include "testutil.h"

int main(void)
{
	CHECK(hbox_selftest() == 0);
	CHECK(strstr(hbox_build_info(), HBOX_VERSION) != NULL);
	return tu_report("test_selftest");
}

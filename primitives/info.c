/*
 * info.c - build facts.
 */
#include "info.h"

const char *hbox_build_info(void)
{
	return "hopebox " HBOX_VERSION " portable";
}

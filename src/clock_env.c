/*
 * clock_env — whether this build reads TUMORBOARD_NOW: the installed
 * program does not (anyone could stop its clock, keep an emergency grant
 * alive for ever and backdate the logs). A file of its own so that the
 * program the tests run links another definition (tests/clock_env_test.c)
 * and the installed program has no switch.
 */
#include "clock.h"

bool clock_env_honoured(void)
{
	return false;
}

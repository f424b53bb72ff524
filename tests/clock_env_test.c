/*
 * The clock of tests/tumorboard-as: TUMORBOARD_NOW is honoured, so that
 * the tests' output is reproducible. Linked before libtbcore.a, this
 * definition replaces src/clock_env.c's; the installed program never
 * reads the variable. Built for make check only, never installed.
 */
#include "clock.h"

bool clock_env_honoured(void)
{
	return true;
}

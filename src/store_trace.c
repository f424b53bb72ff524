/*
 * store_trace — the statements prepared, for tests: nothing in the
 * installed program, which never writes SQL anywhere. A file of its own
 * so that the program the tests run links another definition
 * (tests/store_trace_test.c) and the installed program has no switch.
 */
#include "store.h"

void store_trace_sql(const char *sql)
{
	(void)sql;
}

/*
 * The statement trace of tests/tumorboard-as: with $TB_SQL_TRACE set,
 * the text of every statement prepared is appended to that file, one
 * line each (values are bound, never in the text). tests/access.sh reads
 * it to find a command that read patient data without logging the read.
 * Linked before libtbcore.a, this definition replaces
 * src/store_trace.c's; the installed program has no such switch. Built
 * for make check only, never installed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store.h"

void store_trace_sql(const char *sql)
{
	const char *path = getenv("TB_SQL_TRACE");
	if (!path || !*path || !sql)
		return;
	FILE *f = fopen(path, "a");
	if (!f)
		return;
	for (const char *p = sql; *p; p++)
		fputc(*p == '\n' || *p == '\t' ? ' ' : *p, f);
	fputc('\n', f);
	fclose(f);
}

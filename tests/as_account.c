/*
 * The account of tests/tumorboard-as: the program itself (src/main.c and
 * everything it links), but signed in as the account named by $TB_AS, so
 * that the shell tests can act as a coordinator, a nurse or an auditor
 * without operating-system accounts of their own. Linked before
 * libtbcore.a, this definition replaces src/user_os.c's; the installed
 * program has no such switch. Built for make check only, never installed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "user.h"

const char *user_os_account(void)
{
	const char *as = getenv("TB_AS");
	if (!as || !*as) {
		fputs("tumorboard-as: set TB_AS to the account to act as\n",
		      stderr);
		exit(2);
	}
	return as;
}

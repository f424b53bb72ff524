/*
 * The account of tests/tumorboard-as: the program itself (src/main.c and
 * everything it links), but signed in as the account named by $TB_AS, so
 * that the shell tests can act as a coordinator, a nurse or an auditor
 * without operating-system accounts of their own; without $TB_AS it is
 * the operating-system account, as in the installed program ($TB, the
 * program every test runs, is this one: it also honours TUMORBOARD_NOW,
 * tests/clock_env_test.c). Linked before libtbcore.a, this definition
 * replaces src/user_os.c's; the installed program has no such switch.
 * Built for make check only, never installed.
 */
#include <stdlib.h>

#include "user.h"

const char *user_os_account(void)
{
	const char *as = getenv("TB_AS");
	if (!as || !*as)
		return user_passwd_account();
	return as;
}

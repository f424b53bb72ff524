/*
 * user_os — the operating-system account running the program: the passwd
 * entry of the real user id. Deliberately not $LOGNAME or $USER, which
 * anyone can set. A file of its own so that a test program links another
 * definition (tests/tumorboard-as) and the program itself has no switch.
 */
#include "user.h"

const char *user_os_account(void)
{
	return user_passwd_account();
}

/*
 * user_os — the operating-system account running the program: the passwd
 * entry of the real user id. Deliberately not $LOGNAME or $USER, which
 * anyone can set. A file of its own so that a test program links another
 * definition (tests/tumorboard-as) and the program itself has no switch.
 */
#include "user.h"

#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

const char *user_os_account(void)
{
	static char name[USER_ACCOUNT_MAX + 1];
	if (name[0])
		return name;
	struct passwd *pw = getpwuid(getuid());
	if (!pw || !pw->pw_name || !*pw->pw_name)
		return NULL;
	snprintf(name, sizeof(name), "%s", pw->pw_name);
	return name;
}

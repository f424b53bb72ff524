#include "status.h"
#include "i18n.h"

#include <stddef.h>

static const struct {
	int code;
	const char *message;
} status_table[] = {
#define STATUS_ROW(name, code, msg) {code, msg},
    STATUS_TABLE(STATUS_ROW)
#undef STATUS_ROW
};

const char *status_message(enum tb_status st)
{
	if ((size_t)st >= sizeof(status_table) / sizeof(status_table[0]))
		return _("unknown status");
	/* xgettext reads the messages from STATUS_TABLE (X:3 in po/Makevars) */
	return _(status_table[st].message);
}

int status_exit_code(enum tb_status st)
{
	if ((size_t)st >= sizeof(status_table) / sizeof(status_table[0]))
		return 1;
	return status_table[st].code;
}

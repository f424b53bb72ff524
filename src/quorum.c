#include "quorum.h"

#include <string.h>
#include <strings.h>

/* True when a line of attendees has role (its second column). */
static bool has_role(const char *attendees, const char *role)
{
	size_t n = strlen(role);
	for (const char *p = attendees; p && *p;) {
		size_t len = strcspn(p, "\n");
		const char *tab = memchr(p, '\t', len);
		if (tab) {
			const char *r = tab + 1;
			size_t rl = strcspn(r, "\t\n");
			if (rl == n && strncasecmp(r, role, n) == 0)
				return true;
		}
		p += len;
		if (*p)
			p++;
	}
	return false;
}

size_t quorum_missing(const struct board *b, const char *attendees,
		      struct strbuf *missing)
{
	size_t n = 0;
	for (size_t i = 0; i < b->n_core_roles; i++) {
		if (has_role(attendees, b->core_roles[i]))
			continue;
		if (missing)
			strbuf_printf(missing, "%s%s", n ? ", " : "",
				      b->core_roles[i]);
		n++;
	}
	return n;
}

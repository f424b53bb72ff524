#include "action.h"
#include "i18n.h"

#include <string.h>

static const struct {
	const char *name, *group, *help;
} actions[ACTION__COUNT] = {[ACTION_NONE] = {"", "", ""},
#define ACTION_ROW(e, n, g, h) [ACTION_##e] = {n, g, h},
			    ACTION_TABLE(ACTION_ROW)
#undef ACTION_ROW
};

const char *action_name(enum action a)
{
	return (unsigned)a < ACTION__COUNT ? actions[a].name : "";
}

const char *action_group(enum action a)
{
	return (unsigned)a < ACTION__COUNT ? actions[a].group : "";
}

/* The groups of ACTION_TABLE as the help screen heads them (xgettext
 * reads the help texts from the table itself: X:4 in po/Makevars). */
static const char *const group_labels[] = {
    NC_("action group", "navigation"), NC_("action group", "search"),
    NC_("action group", "general"),    NC_("action group", "case"),
    NC_("action group", "lists"),      NC_("action group", "agenda"),
    NC_("action group", "follow-up"),  NC_("action group", "form"),
    NC_("action group", "summary"),    NC_("action group", "meeting"),
};

const char *action_group_label(enum action a)
{
	const char *g = action_group(a);
	for (size_t i = 0; i < sizeof group_labels / sizeof *group_labels;
	     i++)
		if (strcmp(strchr(group_labels[i], '\004') + 1, g) == 0)
			return i18n_ctx(group_labels[i]);
	return g;
}

const char *action_help(enum action a)
{
	return (unsigned)a < ACTION__COUNT ? _(actions[a].help) : "";
}

enum action action_by_name(const char *name)
{
	for (int a = 1; a < ACTION__COUNT; a++)
		if (strcmp(actions[a].name, name) == 0)
			return (enum action)a;
	return ACTION_NONE;
}

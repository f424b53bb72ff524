#include "action.h"

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

const char *action_help(enum action a)
{
	return (unsigned)a < ACTION__COUNT ? actions[a].help : "";
}

enum action action_by_name(const char *name)
{
	for (int a = 1; a < ACTION__COUNT; a++)
		if (strcmp(actions[a].name, name) == 0)
			return (enum action)a;
	return ACTION_NONE;
}

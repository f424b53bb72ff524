#include "action.h"
#include "i18n.h"

#include <stdio.h>
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
	for (size_t i = 0; i < sizeof group_labels / sizeof *group_labels; i++)
		if (strcmp(strchr(group_labels[i], '\004') + 1, g) == 0)
			return i18n_ctx(group_labels[i]);
	return g;
}

/* The name of each action as the status line's hints show it (the keys
 * file and the help keep the names themselves); tests/test_keymap.c
 * checks that every action of ACTION_TABLE has one. */
static const char *const hints[] = {
    NC_("action hint", "move-up"),
    NC_("action hint", "move-down"),
    NC_("action hint", "page-up"),
    NC_("action hint", "page-down"),
    NC_("action hint", "first"),
    NC_("action hint", "last"),
    NC_("action hint", "open"),
    NC_("action hint", "back"),
    NC_("action hint", "search"),
    NC_("action hint", "search-next"),
    NC_("action hint", "search-prev"),
    NC_("action hint", "help"),
    NC_("action hint", "command"),
    NC_("action hint", "quit"),
    NC_("action hint", "next-pane"),
    NC_("action hint", "prev-pane"),
    NC_("action hint", "next-case"),
    NC_("action hint", "prev-case"),
    NC_("action hint", "queue"),
    NC_("action hint", "move-item-down"),
    NC_("action hint", "move-item-up"),
    NC_("action hint", "meetings"),
    NC_("action hint", "followups"),
    NC_("action hint", "carried-out"),
    NC_("action hint", "not-carried-out"),
    NC_("action hint", "informed"),
    NC_("action hint", "toggle-id"),
    NC_("action hint", "decide"),
    NC_("action hint", "edit"),
    NC_("action hint", "next-incomplete"),
    NC_("action hint", "clear"),
    NC_("action hint", "sign"),
    NC_("action hint", "undo"),
    NC_("action hint", "restore"),
    NC_("action hint", "text-language"),
    NC_("action hint", "brief"),
    NC_("action hint", "summary"),
    NC_("action hint", "print"),
    NC_("action hint", "language"),
    NC_("action hint", "start-meeting"),
    NC_("action hint", "finish-meeting"),
    NC_("action hint", "defer"),
    NC_("action hint", "not-discussed"),
    NC_("action hint", "undo-mark"),
    NC_("action hint", "minutes"),
    NC_("action hint", "attendance"),
    NC_("action hint", "cover"),
    NC_("action hint", "leave"),
    NC_("action hint", "mark"),
    NC_("action hint", "add-to-agenda"),
    NC_("action hint", "remove"),
    NC_("action hint", "slot"),
    NC_("action hint", "transfer"),
    NC_("action hint", "override"),
    NC_("action hint", "save-pdf"),
    NC_("action hint", "plan-meeting"),
    NC_("action hint", "edit-meeting"),
    NC_("action hint", "cancel-meeting"),
    NC_("action hint", "follow"),
};

/* The index in hints[] of action a's hint, looked for once: -1 none. */
static long hint_index(enum action a)
{
	/* 0: not looked for yet; else 1 + the index, or -1 */
	static long found[ACTION__COUNT];
	if ((unsigned)a < ACTION__COUNT && found[a])
		return found[a] > 0 ? found[a] - 1 : -1;
	const char *name = action_name(a);
	long at = -1;
	for (size_t i = 0; i < sizeof hints / sizeof *hints && at < 0; i++)
		if (strcmp(strchr(hints[i], '\004') + 1, name) == 0)
			at = (long)i;
	if ((unsigned)a < ACTION__COUNT)
		found[a] = at >= 0 ? at + 1 : -1;
	return at;
}

/* Untranslated (English), a hint is the action's name read as words:
 * "next case" for next-case (action_typed_name gives the name back). */
const char *action_hint(enum action a)
{
	static char words[ACTION__COUNT][32];
	const char *name = action_name(a);
	long at = hint_index(a);
	for (size_t i = at >= 0 ? (size_t)at : sizeof hints / sizeof *hints;
	     i < sizeof hints / sizeof *hints; i++) {
		const char *own = strchr(hints[i], '\004') + 1;
		if (strcmp(own, name) != 0)
			continue;
		const char *t = i18n_ctx(hints[i]);
		if (strcmp(t, own) != 0 || (unsigned)a >= ACTION__COUNT ||
		    strlen(own) >= sizeof(words[0]))
			return t;
		for (size_t k = 0; (words[a][k] = own[k]); k++)
			if (own[k] == '-')
				words[a][k] = ' ';
		return words[a];
	}
	return name;
}

bool action_has_hint(enum action a)
{
	const char *name = action_name(a);
	for (size_t i = 0; i < sizeof hints / sizeof *hints; i++)
		if (strcmp(strchr(hints[i], '\004') + 1, name) == 0)
			return true;
	return false;
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

const char *action_typed_name(enum action a, char *buf, size_t len)
{
	snprintf(buf, len, "%s", action_hint(a));
	for (char *p = buf; *p; p++)
		if (*p == ' ')
			*p = '-';
	return buf;
}

enum action action_by_typed_name(const char *name)
{
	enum action a = action_by_name(name);
	char buf[64];
	for (int b = 1; a == ACTION_NONE && b < ACTION__COUNT; b++)
		if (strcmp(action_typed_name((enum action)b, buf, sizeof(buf)),
			   name) == 0)
			a = (enum action)b;
	return a;
}

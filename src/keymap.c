#include "keymap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "util.h"

static const char *const view_names[KEYMAP_VIEW__COUNT] = {
    "generic", "list",	  "case",     "meetings", "agenda",
    "form",    "summary", "followup", "queue"};
/* The views as the help names them, in the interface language (the keys
 * file names them as view_names does). */
static const char *const view_labels[KEYMAP_VIEW__COUNT] = {
    NC_("view name", "generic"), NC_("view name", "list"),
    NC_("view name", "case"),	 NC_("view name", "meetings"),
    NC_("view name", "agenda"),	 NC_("view name", "form"),
    NC_("view name", "summary"), NC_("view name", "followup"),
    NC_("view name", "queue")};

/* The view whose bindings apply where a view does not bind a key itself
 * (before the generic ones): the queue is the case list filtered, with
 * the list's keys except its own (q is back there, not quit). */
static int parent_view(int view)
{
	return view == KEYMAP_VIEW_QUEUE ? KEYMAP_VIEW_LIST
					 : KEYMAP_VIEW_GENERIC;
}

static const struct {
	const char *name;
	int key;
} named_keys[] = {
    {"Up", KEYMAP_UP},
    {"Down", KEYMAP_DOWN},
    {"Left", KEYMAP_LEFT},
    {"Right", KEYMAP_RIGHT},
    {"PgUp", KEYMAP_PGUP},
    {"PgDn", KEYMAP_PGDN},
    {"Home", KEYMAP_HOME},
    {"End", KEYMAP_END},
    {"BackTab", KEYMAP_BACKTAB},
    {"Backspace", KEYMAP_BACKSPACE},
    {"Delete", KEYMAP_DELETE},
    {"Enter", '\r'},
    {"Esc", 27},
    {"Tab", '\t'},
    {"Space", ' '},
    {"Hash", '#'},
};

/* The defaults, as data. Generic bindings apply in every view unless the
 * view binds the key itself. Of several keys for one action the last is
 * the one the status line shows. */
static const struct keymap_binding defaults[] = {
    {KEYMAP_VIEW_GENERIC, KEYMAP_UP, ACTION_MOVE_UP},
    {KEYMAP_VIEW_GENERIC, 'k', ACTION_MOVE_UP},
    {KEYMAP_VIEW_GENERIC, KEYMAP_DOWN, ACTION_MOVE_DOWN},
    {KEYMAP_VIEW_GENERIC, 'j', ACTION_MOVE_DOWN},
    {KEYMAP_VIEW_GENERIC, KEYMAP_PGUP, ACTION_PAGE_UP},
    {KEYMAP_VIEW_GENERIC, ' ', ACTION_PAGE_DOWN},
    {KEYMAP_VIEW_GENERIC, KEYMAP_PGDN, ACTION_PAGE_DOWN},
    {KEYMAP_VIEW_GENERIC, KEYMAP_HOME, ACTION_FIRST},
    {KEYMAP_VIEW_GENERIC, 'g', ACTION_FIRST},
    {KEYMAP_VIEW_GENERIC, KEYMAP_END, ACTION_LAST},
    {KEYMAP_VIEW_GENERIC, 'G', ACTION_LAST},
    {KEYMAP_VIEW_GENERIC, KEYMAP_F1, ACTION_HELP},
    {KEYMAP_VIEW_GENERIC, '?', ACTION_HELP},
    {KEYMAP_VIEW_GENERIC, ':', ACTION_COMMAND},
    {KEYMAP_VIEW_GENERIC, 'Q', ACTION_QUIT},
    {KEYMAP_VIEW_GENERIC, '/', ACTION_SEARCH},
    {KEYMAP_VIEW_GENERIC, 'n', ACTION_SEARCH_NEXT},
    {KEYMAP_VIEW_GENERIC, 'N', ACTION_SEARCH_PREV},
    {KEYMAP_VIEW_GENERIC, 27, ACTION_BACK},
    {KEYMAP_VIEW_LIST, '\r', ACTION_OPEN},
    {KEYMAP_VIEW_LIST, 'q', ACTION_QUIT},
    {KEYMAP_VIEW_QUEUE, 'q', ACTION_BACK},
    {KEYMAP_VIEW_CASE, 'q', ACTION_BACK},
    {KEYMAP_VIEW_CASE, 'i', ACTION_TOGGLE_ID},
    {KEYMAP_VIEW_CASE, '\t', ACTION_NEXT_PANE},
    {KEYMAP_VIEW_CASE, KEYMAP_BACKTAB, ACTION_PREV_PANE},
    {KEYMAP_VIEW_CASE, ']', ACTION_NEXT_CASE},
    {KEYMAP_VIEW_CASE, '[', ACTION_PREV_CASE},
    {KEYMAP_VIEW_LIST, 'm', ACTION_MEETINGS},
    {KEYMAP_VIEW_LIST, 'r', ACTION_QUEUE},
    {KEYMAP_VIEW_MEETINGS, '\r', ACTION_OPEN},
    {KEYMAP_VIEW_MEETINGS, 'q', ACTION_BACK},
    {KEYMAP_VIEW_AGENDA, '\r', ACTION_OPEN},
    {KEYMAP_VIEW_AGENDA, 'q', ACTION_BACK},
    {KEYMAP_VIEW_AGENDA, 'J', ACTION_MOVE_ITEM_DOWN},
    {KEYMAP_VIEW_AGENDA, 'K', ACTION_MOVE_ITEM_UP},
    {KEYMAP_VIEW_CASE, 'd', ACTION_DECIDE},
    {KEYMAP_VIEW_FORM, '\r', ACTION_EDIT},
    {KEYMAP_VIEW_FORM, 'e', ACTION_EDIT},
    {KEYMAP_VIEW_FORM, 14, ACTION_NEXT_INCOMPLETE}, /* C-n */
    {KEYMAP_VIEW_FORM, 'n', ACTION_NEXT_INCOMPLETE},
    {KEYMAP_VIEW_FORM, KEYMAP_DELETE, ACTION_CLEAR_VALUE},
    {KEYMAP_VIEW_FORM, 'x', ACTION_CLEAR_VALUE},
    {KEYMAP_VIEW_FORM, 21, ACTION_UNDO}, /* C-u */
    {KEYMAP_VIEW_FORM, 'u', ACTION_UNDO},
    {KEYMAP_VIEW_FORM, 18, ACTION_RESTORE}, /* C-r */
    {KEYMAP_VIEW_FORM, 'R', ACTION_RESTORE},
    {KEYMAP_VIEW_FORM, 12, ACTION_TEXT_LANGUAGE}, /* C-l */
    {KEYMAP_VIEW_FORM, 'l', ACTION_TEXT_LANGUAGE},
    {KEYMAP_VIEW_FORM, KEYMAP_F1 + 1, ACTION_SIGN},
    {KEYMAP_VIEW_FORM, 'S', ACTION_SIGN},
    {KEYMAP_VIEW_FORM, '\t', ACTION_NEXT_PANE},
    {KEYMAP_VIEW_FORM, KEYMAP_BACKTAB, ACTION_PREV_PANE},
    {KEYMAP_VIEW_FORM, 'q', ACTION_BACK},
    {KEYMAP_VIEW_CASE, 'p', ACTION_SUMMARY},
    {KEYMAP_VIEW_CASE, 'b', ACTION_BRIEF},
    {KEYMAP_VIEW_SUMMARY, 'P', ACTION_PRINT},
    {KEYMAP_VIEW_SUMMARY, 'l', ACTION_LANGUAGE},
    {KEYMAP_VIEW_SUMMARY, 'q', ACTION_BACK},
    {KEYMAP_VIEW_LIST, 'f', ACTION_FOLLOWUPS},
    {KEYMAP_VIEW_FOLLOWUP, '\r', ACTION_OPEN},
    {KEYMAP_VIEW_FOLLOWUP, 'q', ACTION_BACK},
    {KEYMAP_VIEW_FOLLOWUP, 'c', ACTION_CARRIED_OUT},
    {KEYMAP_VIEW_FOLLOWUP, 'x', ACTION_NOT_CARRIED_OUT},
    {KEYMAP_VIEW_FOLLOWUP, 'i', ACTION_INFORMED},
    {KEYMAP_VIEW_AGENDA, 'S', ACTION_START_MEETING},
    {KEYMAP_VIEW_AGENDA, 'F', ACTION_FINISH_MEETING},
    {KEYMAP_VIEW_AGENDA, 'D', ACTION_DEFER},
    {KEYMAP_VIEW_AGENDA, 'X', ACTION_NOT_DISCUSSED},
    {KEYMAP_VIEW_AGENDA, 'u', ACTION_UNDO_MARK},
    {KEYMAP_VIEW_AGENDA, 'M', ACTION_MINUTES},
    {KEYMAP_VIEW_AGENDA, 'A', ACTION_ATTENDANCE},
    {KEYMAP_VIEW_AGENDA, 'c', ACTION_COVER},
    {KEYMAP_VIEW_AGENDA, 'L', ACTION_LEAVE},
    {KEYMAP_VIEW_LIST, 'x', ACTION_MARK},
    {KEYMAP_VIEW_LIST, 'a', ACTION_ADD_TO_AGENDA},
    {KEYMAP_VIEW_AGENDA, 'R', ACTION_REMOVE_ITEM},
    {KEYMAP_VIEW_AGENDA, 'P', ACTION_SET_SLOT},
    {KEYMAP_VIEW_AGENDA, 'T', ACTION_TRANSFER},
    {KEYMAP_VIEW_LIST, 'O', ACTION_OVERRIDE},
    {KEYMAP_VIEW_AGENDA, 'O', ACTION_OVERRIDE},
    {KEYMAP_VIEW_SUMMARY, 'W', ACTION_SAVE_PDF},
    {KEYMAP_VIEW_AGENDA, 'p', ACTION_PRINT},
    {KEYMAP_VIEW_AGENDA, 'W', ACTION_SAVE_PDF},
    {KEYMAP_VIEW_MEETINGS, 'a', ACTION_PLAN_MEETING},
    {KEYMAP_VIEW_MEETINGS, 'e', ACTION_EDIT_MEETING},
    {KEYMAP_VIEW_MEETINGS, 'C', ACTION_CANCEL_MEETING},
    {KEYMAP_VIEW_MEETINGS, 'f', ACTION_FOLLOW},
    {KEYMAP_VIEW_AGENDA, 'f', ACTION_FOLLOW},
};

void keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof(*km));
	for (size_t i = 0; i < UTIL_ARRAY_LEN(defaults); i++)
		keymap_bind(km, defaults[i].view, defaults[i].key,
			    defaults[i].action);
}

void keymap_done(struct keymap *km)
{
	free(km->b);
	memset(km, 0, sizeof(*km));
}

void keymap_bind(struct keymap *km, int view, int key, enum action a)
{
	for (size_t i = 0; i < km->n; i++) {
		if (km->b[i].view == view && km->b[i].key == key) {
			km->b[i].action = a;
			return;
		}
	}
	if (km->n == km->cap) {
		km->cap = km->cap ? km->cap * 2 : 32;
		km->b = xrealloc(km->b, km->cap * sizeof(*km->b));
	}
	km->b[km->n++] = (struct keymap_binding){view, key, a};
}

static const struct keymap_binding *find(const struct keymap *km, int view,
					 int key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->b[i].view == view && km->b[i].key == key)
			return &km->b[i];
	return NULL;
}

enum action keymap_lookup(const struct keymap *km, int view, int key)
{
	for (;;) {
		const struct keymap_binding *b = find(km, view, key);
		if (b)
			return b->action; /* may be ACTION_NONE: unbound */
		if (view == KEYMAP_VIEW_GENERIC)
			return ACTION_NONE;
		view = parent_view(view);
	}
}

/* Decodes one UTF-8 character that must make up all of s. */
static int single_codepoint(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s);
	if (n == 1 && u[0] > ' ' && u[0] < 127)
		return u[0];
	if (!util_utf8_valid(s, n, NULL))
		return -1;
	int len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 0;
	if (len == 0 || (size_t)len != n)
		return -1;
	int cp = u[0] & (0x7F >> len);
	for (int i = 1; i < len; i++)
		cp = (cp << 6) | (u[i] & 0x3F);
	return cp;
}

int keymap_parse_key(const char *name)
{
	for (size_t i = 0; i < UTIL_ARRAY_LEN(named_keys); i++)
		if (strcmp(name, named_keys[i].name) == 0)
			return named_keys[i].key;
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		char *end;
		long n = strtol(name + 1, &end, 10);
		if (!*end && n >= 1 && n <= 12)
			return KEYMAP_F1 + (int)n - 1;
	}
	if (name[0] == 'C' && name[1] == '-' && name[2] >= 'a' &&
	    name[2] <= 'z' && !name[3])
		return name[2] - 'a' + 1;
	return single_codepoint(name);
}

const char *keymap_key_name(int key, char buf[16])
{
	for (size_t i = 0; i < UTIL_ARRAY_LEN(named_keys); i++) {
		if (named_keys[i].key == key) {
			snprintf(buf, 16, "%s", named_keys[i].name);
			return buf;
		}
	}
	if (key >= KEYMAP_F1 && key <= KEYMAP_F12)
		snprintf(buf, 16, "F%d", key - KEYMAP_F1 + 1);
	else if (key >= 1 && key <= 26)
		snprintf(buf, 16, "C-%c", 'a' + key - 1);
	else if (key > ' ' && key < 0x110000) {
		/* Encode as UTF-8. */
		unsigned c = (unsigned)key;
		if (c < 0x80)
			snprintf(buf, 16, "%c", (char)c);
		else if (c < 0x800)
			snprintf(buf, 16, "%c%c", (char)(0xC0 | (c >> 6)),
				 (char)(0x80 | (c & 0x3F)));
		else if (c < 0x10000)
			snprintf(buf, 16, "%c%c%c", (char)(0xE0 | (c >> 12)),
				 (char)(0x80 | ((c >> 6) & 0x3F)),
				 (char)(0x80 | (c & 0x3F)));
		else
			snprintf(buf, 16, "%c%c%c%c", (char)(0xF0 | (c >> 18)),
				 (char)(0x80 | ((c >> 12) & 0x3F)),
				 (char)(0x80 | ((c >> 6) & 0x3F)),
				 (char)(0x80 | (c & 0x3F)));
	} else {
		snprintf(buf, 16, "?");
	}
	return buf;
}

const char *keymap_view_name(int view)
{
	return view >= 0 && view < KEYMAP_VIEW__COUNT ? view_names[view] : "";
}

int keymap_view_by_name(const char *name)
{
	for (int v = 0; v < KEYMAP_VIEW__COUNT; v++)
		if (strcmp(view_names[v], name) == 0)
			return v;
	return -1;
}

/* Every name the keys file takes for a view, from view_names, comma
 * separated. Caller frees. */
static char *view_name_list(void)
{
	size_t len = 1;
	for (int v = 0; v < KEYMAP_VIEW__COUNT; v++)
		len += strlen(view_names[v]) + 2;
	char *out = xmalloc(len);
	out[0] = '\0';
	for (int v = 0; v < KEYMAP_VIEW__COUNT; v++) {
		if (v > 0)
			strcat(out, ", ");
		strcat(out, view_names[v]);
	}
	return out;
}

enum tb_status keymap_load_file(struct keymap *km, const char *path,
				struct diag *d)
{
	FILE *f = fopen(path, "r");
	char line[512];
	long lineno = 0;
	enum tb_status st = TB_OK;

	if (!f) {
		if (errno == ENOENT)
			return TB_OK;
		diag_add(d, path, 0, NULL, _("cannot read: %s"),
			 strerror(errno));
		return TB_IO;
	}
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (!strchr(line, '\n') && !feof(f)) {
			diag_add(d, path, lineno, NULL, _("line is too long"));
			st = TB_INVALID;
			int c;
			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			continue;
		}
		/* '#' after white space starts a comment; the key itself is
		 * written "Hash". */
		for (char *h = line; (h = strchr(h, '#')); h++) {
			if (h == line || h[-1] == ' ' || h[-1] == '\t') {
				*h = '\0';
				break;
			}
		}
		char *tok[5] = {0};
		int n = 0;
		for (char *t = strtok(line, " \t\r\n"); t && n < 5;
		     t = strtok(NULL, " \t\r\n"))
			tok[n++] = t;
		if (n == 0)
			continue;
		if (strcmp(tok[0], "bind") != 0 || n != 4) {
			diag_add(d, path, lineno, NULL,
				 _("expected: bind VIEW KEY ACTION"));
			st = TB_INVALID;
			continue;
		}
		int view = keymap_view_by_name(tok[1]);
		int key = keymap_parse_key(tok[2]);
		enum action a = action_by_name(tok[3]);
		if (view < 0) {
			char *names = view_name_list();
			diag_add(d, path, lineno, NULL,
				 _("unknown view '%s' (use one of: %s)"),
				 tok[1], names);
			free(names);
			st = TB_INVALID;
		} else if (key < 0) {
			diag_add(d, path, lineno, NULL, _("unknown key '%s'"),
				 tok[2]);
			st = TB_INVALID;
		} else if (a == ACTION_NONE && strcmp(tok[3], "none") != 0) {
			diag_add(d, path, lineno, NULL,
				 _("unknown action '%s' (see the help screen, "
				   "or 'none' to unbind)"),
				 tok[3]);
			st = TB_INVALID;
		} else {
			keymap_bind(km, view, key, a);
		}
	}
	fclose(f);
	return st;
}

char *keymap_default_path(void)
{
	return util_config_path("keys");
}

int keymap_key_for(const struct keymap *km, int view, enum action a)
{
	/* The latest binding wins, so a user's own key is the one shown. */
	for (size_t i = km->n; i-- > 0;)
		if (km->b[i].view == view && km->b[i].action == a)
			return km->b[i].key;
	/* then the views below it, where this view does not override the
	 * key */
	for (int v = view; v != KEYMAP_VIEW_GENERIC;) {
		v = parent_view(v);
		for (size_t i = km->n; i-- > 0;)
			if (km->b[i].view == v && km->b[i].action == a &&
			    keymap_lookup(km, view, km->b[i].key) == a)
				return km->b[i].key;
	}
	return -1;
}

/* One line of the help: the keys bound to a in every view, its help. */
static void help_action(const struct keymap *km, int a, struct textdoc *doc)
{
	char name[16];

	struct strbuf keys = {0};
	for (int v = 0; v < KEYMAP_VIEW__COUNT; v++) {
		struct strbuf in_view = {0};
		for (size_t i = 0; i < km->n; i++) {
			const struct keymap_binding *b = &km->b[i];
			if (b->view != v || b->action != (enum action)a)
				continue;
			if (v != KEYMAP_VIEW_GENERIC &&
			    keymap_lookup(km, v, b->key) != (enum action)a)
				continue;
			strbuf_printf(&in_view, "%s%s", in_view.len ? " " : "",
				      keymap_key_name(b->key, name));
		}
		if (in_view.len)
			strbuf_printf(&keys, "%s%s%s%s", keys.len ? "; " : "",
				      v == KEYMAP_VIEW_GENERIC ? "" : _("in "),
				      v == KEYMAP_VIEW_GENERIC
					  ? ""
					  : i18n_ctx(view_labels[v]),
				      v == KEYMAP_VIEW_GENERIC ? "" : ": ");
		if (in_view.len)
			strbuf_puts(&keys, in_view.buf);
		strbuf_done(&in_view);
	}
	/* keys wider than their column (two spaces kept before the
	 * description) get lines of their own; the help wraps at the
	 * document's width (80 columns in any language) */
	const char *k = keys.len ? keys.buf : _("(unbound)");
	textdoc_put(doc, TD_STRONG, "  ");
	if (util_display_width(k) > 25)
		textdoc_wrap_on(doc, 4, TD_STRONG, k);
	else
		textdoc_put(doc, TD_STRONG, k);
	textdoc_pad_to(doc, 29);
	char typed[64];
	char *text = xasprintf("%s  [%s]", action_help(a),
			       action_typed_name(a, typed, sizeof(typed)));
	textdoc_wrap_on(doc, 29, TD_NORMAL, text);
	free(text);
	strbuf_done(&keys);
}

/* The editor's keys (lineedit; not bound by the keys file), for the
 * help's last group: the keys as the keys file names them in any
 * language (untranslated). */
static const struct {
	const char *keys, *what;
} edit_keys[] = {
    {"Enter", N_("Save the value; a refused one stays, with the reason")},
    {/* untranslated: key names */ "Esc C-g",
     N_("Leave without saving (a changed text asks with a "
	"second Esc)")},
    {/* untranslated: key names */ "Left Right C-b C-f",
     N_("Move by a character")},
    {/* untranslated: key names */ "Home End C-a C-e",
     N_("To the start or the end of the line")},
    {/* untranslated: key names */ "Up Down C-p C-n",
     N_("The line above or below, in a text of several "
	"lines")},
    {/* untranslated: key names */ "Backspace Delete C-d",
     N_("Delete a character")},
    {"C-w", N_("Delete the word before the cursor")},
    {"C-u", N_("Clear the text")},
    {"C-o", N_("A new line; in findings a new row")},
    {"F1", N_("This help; back, the text is as it was")},
};

void keymap_help(const struct keymap *km, struct textdoc *doc)
{
	const char *group = NULL;

	textdoc_put(doc, TD_TITLE, _("Keys"));
	textdoc_newline(doc);
	/* each group once, in the order the table first names it, with all
	 * of its actions (the table does not keep a group's rows together) */
	for (int at = 1; at < ACTION__COUNT; at++) {
		group = action_group(at);
		bool seen = false;
		for (int b = 1; b < at && !seen; b++)
			seen = strcmp(action_group(b), group) == 0;
		if (seen)
			continue;
		textdoc_newline(doc);
		textdoc_put(doc, TD_HEADING, action_group_label(at));
		textdoc_newline(doc);
		for (int a = at; a < ACTION__COUNT; a++) {
			if (strcmp(action_group(a), group) != 0)
				continue;
			help_action(km, a, doc);
		}
	}
	textdoc_newline(doc);
	textdoc_put(doc, TD_HEADING, _("editing a value"));
	textdoc_newline(doc);
	for (size_t i = 0; i < UTIL_ARRAY_LEN(edit_keys); i++) {
		textdoc_put(doc, TD_STRONG, "  ");
		textdoc_put(doc, TD_STRONG, edit_keys[i].keys);
		textdoc_pad_to(doc, 29);
		textdoc_wrap_on(doc, 29, TD_NORMAL, _(edit_keys[i].what));
	}
}

/*
 * keymap — key bindings as data. A key is an int: a Unicode code point for
 * ordinary keys (control keys are 1..31), or KEYMAP_SPECIAL + n for named
 * keys. Bindings are per view, with "generic" bindings as the fallback.
 * Defaults come from a table; users rebind in
 * $XDG_CONFIG_HOME/tumorboard/keys with lines "bind VIEW KEY ACTION"
 * (tumorboard-keys(5)). Curses never appears here: the UI translates its
 * key codes into these.
 */
#ifndef TB_KEYMAP_H
#define TB_KEYMAP_H

#include <stddef.h>

#include "action.h"
#include "diag.h"
#include "status.h"
#include "textdoc.h"

#define KEYMAP_SPECIAL 0x200000
enum keymap_special {
	KEYMAP_UP = KEYMAP_SPECIAL,
	KEYMAP_DOWN,
	KEYMAP_LEFT,
	KEYMAP_RIGHT,
	KEYMAP_PGUP,
	KEYMAP_PGDN,
	KEYMAP_HOME,
	KEYMAP_END,
	KEYMAP_BACKTAB,
	KEYMAP_BACKSPACE,
	KEYMAP_DELETE,
	KEYMAP_F1,
	KEYMAP_F12 = KEYMAP_F1 + 11,
	KEYMAP_RESIZE, /* not bindable: the terminal changed size */
};

enum keymap_view {
	KEYMAP_VIEW_GENERIC,
	KEYMAP_VIEW_LIST,
	KEYMAP_VIEW_CASE,
	KEYMAP_VIEW_MEETINGS,
	KEYMAP_VIEW_AGENDA,
	KEYMAP_VIEW_FORM,
	KEYMAP_VIEW_SUMMARY,
	KEYMAP_VIEW_FOLLOWUP,
	/* the referral queue: its own bindings, then the list's */
	KEYMAP_VIEW_QUEUE,
	KEYMAP_VIEW__COUNT
};

struct keymap_binding {
	int view;
	int key;
	enum action action;
};

struct keymap {
	struct keymap_binding *b;
	size_t n, cap;
};

/* Fills km with the default bindings. */
void keymap_init(struct keymap *km);
void keymap_done(struct keymap *km);

/* Binds (or, with ACTION_NONE, unbinds) key in view. */
void keymap_bind(struct keymap *km, int view, int key, enum action a);
/* The action for key in view, falling back to the view it is built on
 * (the queue on the list) and then to the generic bindings. */
enum action keymap_lookup(const struct keymap *km, int view, int key);

/* Key names: "j", "Down", "PgDn", "Enter", "Esc", "Space", "Tab", "F1",
 * "C-l". Returns -1 for an unknown name. */
int keymap_parse_key(const char *name);
/* The name of key (for help and hints); buf holds at least 16 bytes. */
const char *keymap_key_name(int key, char buf[16]);

const char *keymap_view_name(int view);
int keymap_view_by_name(const char *name); /* -1 when unknown */

/*
 * Reads a keys file. A missing file is not an error (TB_OK). Each bad line
 * adds "FILE:LINE: message" to d and is skipped; the rest still applies.
 * Returns TB_INVALID when any line was bad, TB_IO when unreadable.
 */
enum tb_status keymap_load_file(struct keymap *km, const char *path,
				struct diag *d);

/* The default user file: $XDG_CONFIG_HOME/tumorboard/keys or
 * ~/.config/tumorboard/keys; caller frees; NULL without a home. */
char *keymap_default_path(void);

/* The most recently bound key for a in view (else in the view it is built
 * on, else generic, where the view does not override it); -1 when none. */
int keymap_key_for(const struct keymap *km, int view, enum action a);

/* The help screen: every action by group, with its keys in each view. */
void keymap_help(const struct keymap *km, struct textdoc *doc);

#endif

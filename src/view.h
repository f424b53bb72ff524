/*
 * view — the screen as a stack of views and the one loop that runs it.
 *
 * A view is a table of operations (struct view_ops) and a state that
 * belongs to it. The loop draws the top view (title bar, its body, the
 * status line with the keys that matter there), reads a key, gives it to
 * the view raw when the view wants keys (the form takes digits and typed
 * text), else maps it to an action with the bindings of the view's keymap
 * view and dispatches it: quit, help, the command line (":") and resize
 * are handled here, once; the view's on_action gets the rest, and an
 * action it does not know goes back here (back closes the view). No view
 * runs a loop of its own: opening another screen pushes a view, and
 * closing it pops back to the one below, which reloads what changed.
 *
 * Data versions: each view remembers the store's data version it shows
 * (db_data_version: another connection's commit or our own moves it).
 * Before the top view is drawn, and before an action that changes
 * something runs, a moved version makes the view reload, so what is on
 * the screen is never older than what an action acts on.
 *
 * Permissions and the access log: every action passes view_permit() with
 * the case it acts on (the view's subject), and every case opened on the
 * screen passes view_open_case() — the two places where the screen asks
 * the core whether the user may, and records the read.
 *
 * Prompts (a reason, a yes or no, the command line) are views drawn over
 * the view they were asked from (view_ops.over): the loop draws that view
 * and then the prompt on its status line, and gives the prompt every key.
 * The asker waits for the answer in view_run_top, the one loop run until
 * the prompt has left the stack; no prompt reads keys itself.
 */
#ifndef TB_VIEW_H
#define TB_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "access.h"
#include "action.h"
#include "keymap.h"
#include "lineedit.h"
#include "readiness.h"

struct app;
struct ui;

/* What on_key and on_action return (bits; 0: handled). */
enum {
	VIEW_UNKNOWN = 1, /* not this view's: the generic layer takes it */
	VIEW_CLOSE = 2,	  /* close this view (back to the one below) */
	VIEW_QUIT = 4	  /* quit the program */
};

struct view_ops {
	const char *name;
	int keymap; /* the keymap view whose bindings apply */
	/* The title bar's text (borrowed until the next call). */
	const char *(*title)(struct ui *ui, void *st);
	/* Draws the body (rows 1 to the line above the status line). True
	 * when it drew the status line itself (an editor there, its cursor
	 * placed); else the loop draws the hints. */
	bool (*draw)(struct ui *ui, void *st);
	/* The actions the status line names, most used first (may be NULL:
	 * open, back, help, quit). */
	const enum action *(*hints)(struct ui *ui, void *st, size_t *n);
	/* What the status line calls action a in this view (may be NULL,
	 * and may return NULL: the action's own word). */
	const char *(*hint_word)(struct ui *ui, void *st, enum action a);
	/* A key before it is mapped (may be NULL); VIEW_UNKNOWN maps it. */
	int (*on_key)(struct ui *ui, void *st, int key);
	int (*on_action)(struct ui *ui, void *st, enum action a);
	/* The screen's size changed (may be NULL). */
	void (*on_resize)(struct ui *ui, void *st);
	/* The store changed since the view was drawn (may be NULL):
	 * VIEW_CLOSE when what it showed is gone. */
	int (*reload)(struct ui *ui, void *st);
	/* Frees st (the view is leaving the stack). */
	void (*close)(struct ui *ui, void *st);
	/* The case the view's actions act on (the selected or shown one); 0
	 * when none. May be NULL. */
	long long (*subject)(struct ui *ui, void *st);
	/* Work put off until the pause after the screen is drawn (may be
	 * NULL; a count a key left open): true when it did some and the
	 * screen is drawn again. Called in every pause without a key. */
	bool (*idle)(struct ui *ui, void *st);
	/* A running clock is on screen: redraw every second (may be NULL). */
	bool (*ticks)(struct ui *ui, void *st);
	/* A running meeting's clock for the title of the views above (may
	 * be NULL); false when none runs. */
	bool (*clock)(struct ui *ui, void *st, char *buf, size_t n);
	/* The title starts with the clock of a view below, when one runs. */
	bool clock_in_title;
	/* The view's name when one table serves several views (rows,
	 * documents): what permissions are asked in (may be NULL: name). */
	const char *(*kind)(void *st);
	/* Drawn over the view below (a prompt on its status line): the
	 * loop draws that one first, and fits it to the screen's size. */
	bool over;
	/* The subject is the row selected in a list of many cases, not a
	 * case the view shows: the view stays when an emergency access to
	 * that case ends (the list drops the case when reloaded). */
	bool rows;
	/* An emergency access to case_id, the case the view shows, ended at
	 * until (may be NULL: the view closes). The view stays but stops
	 * showing the case and reads nothing more of it: follow mode, which
	 * may be the only view. */
	void (*lapse)(struct ui *ui, void *st, long long case_id,
		      const char *until);
	/* The view changes nothing and opens nothing that could: the
	 * command line's "case" is refused over it (follow mode; its own
	 * keys it refuses itself). */
	bool read_only;
};

struct view {
	const struct view_ops *ops;
	void *st;
	struct view *below;
	/* the store's data version shown: other connections' and ours */
	unsigned long long seen_other, seen_own;
	int cols, lines; /* the size it was last drawn at */
	/* the patients its list has shown, each logged once */
	struct access_shown shown;
};

/* How a case is opened: alone (ids NULL) or as one of an agenda's cases,
 * readiness as of as_of (NULL: today). */
struct view_case_args {
	long long case_id;
	const long long *ids; /* agenda order, borrowed while the view lives */
	const char *const *ext; /* their external ids, borrowed as ids (may
				   be NULL) */
	int n, idx;
	const char *as_of;
	long long meeting_id; /* 0 outside an agenda */
	const char *chair;    /* borrowed while the view lives; may be NULL */
	int *shown; /* set to the index last shown when it closes (may be
		       NULL) */
};

struct ui {
	struct app *app;
	struct keymap keys;
	/* A message for the status line until the next key (a refusal's
	 * reasons with how to override them, in Swedish too). */
	char msg[512];
	struct view *top;
	bool quit;
	/* Set by the wiring (ui.c): how a case view and the help open. */
	bool (*case_opener)(struct ui *ui, const struct view_case_args *a);
	void (*help_opener)(struct ui *ui);
	/* Called once when the first screen is up. */
	void (*first_screen)(struct ui *ui);
	/* The second (clock_now) a running clock was last drawn in. */
	long long tick_drawn;
	/* The first screen is up (first_screen was called). */
	bool drawn;
	/* The cases read under an emergency access (view_access) and when
	 * each grant ends: once one has, the views showing its case are
	 * closed, said why, before the next key runs or the view reloads. */
	struct ui_grant {
		long long case_id;
		time_t until;
		char until_text[21];
	} * grants;
	size_t n_grants;
	/* The patients the lists logged lately under a care relationship
	 * (access.h): a list of the same kind shown again does not log
	 * them again. */
	struct access_recent recent;
	/* The meetings list's readiness as last read: the list opened again
	 * while nothing changed does not read the agendas' cases again. */
	struct readiness_memo meetings_ready;
	/* The agenda as last built (view_agenda_kept.c) */
	struct agenda_kept *agenda_kept;
	/* The follow-up list as last read (view_followup.c) */
	struct followup_kept *followup_kept;
	/* The meetings list's meetings as last read (view_meetings.c) */
	struct meetings_kept *meetings_kept;
	/* The referral queue as it was closed (view_list.c) */
	struct list *queue_kept;
};

/* Says something on the status line until the next key. */
void ui_say(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The working mark: shows "what…" on the status line at once, before work
 * that can take over half a second (a PDF written, a print, a meeting
 * finished); the screen drawn after the action replaces it. */
void ui_working(struct ui *ui, const char *what);

/* Pushes a view with state st (the view owns it: ops->close frees it). */
void view_push(struct ui *ui, const struct view_ops *ops, void *st);
/* Closes the top view. */
void view_pop(struct ui *ui);
/* Runs the loop until quit, a signal, or the script ran out; closes every
 * view. */
void view_run(struct ui *ui);
/* Runs the loop until the top view has left the stack (a prompt has
 * answered), or as view_run ends; the view is closed then. */
void view_run_top(struct ui *ui);

/* The one place where the screen asks whether the user may take action
 * a on case case_id (0: no case). False (with the reason said) refuses. */
bool view_permit(struct ui *ui, enum action a, long long case_id);
/* view_permit for an action of the view on top (its kind names it). */
bool view_permit_top(struct ui *ui, enum action a, long long case_id);
/* Planning action a for board (a meeting's): the permission a needs
 * (perm_for_action) and, for meeting.plan, that the user belongs to the
 * board (perm_require_board). False (the reason said, the refusal
 * logged) refuses. */
bool view_permit_board(struct ui *ui, enum action a, const char *board);
/* Opens a case view: the permission check and the access log of a case
 * read on the screen are here. False when it was not opened. */
bool view_open_case(struct ui *ui, const struct view_case_args *a);
/* Opens case_id's data for a read on the screen other than opening the
 * case (what: access.h) and logs it (access_open_case); false, with the
 * reason said, when it is refused or cannot be logged: show nothing. */
bool view_access(struct ui *ui, enum access_what what, long long case_id);
/* view_access of the case follow mode shows: one outside the user's care
 * is said to be so, and where to open it to ask for emergency access. */
bool view_access_following(struct ui *ui, long long case_id);
/* The patients a list on top shows (case ids; 0 skipped): each logged
 * once while the view is open, the first time it is drawn
 * (access_log_shown_recent; one transaction for a screenful), so moving
 * about, drawing again and reloading write nothing; a patient a list of
 * the same kind logged lately under a care relationship is not logged
 * again (struct access_recent). False (said on the status
 * line) when the read cannot be logged: draw no row then. */
bool view_access_list(struct ui *ui, enum access_what what,
		      const long long *ids, size_t n);
/* The list on top shows another list now (a search left, a search
 * cleared): its patients are logged again as they are shown. True. */
bool view_access_list_new(struct ui *ui);

/* Draws the top view's title bar (with a running clock from below when
 * the view asks for it): for views that redraw while an editor is open. */
void view_draw_title(struct ui *ui);

/* The status-line hints for acts in keymap view, or the status message;
 * an action the user's roles do not grant is not offered (as in the
 * other two). Caller frees. */
char *ui_hints(struct ui *ui, int view, const enum action *acts, size_t n);
/* The same, with the keys found by key (-1: not shown) and lead ("1-4
 * pick") before them. */
char *ui_hints_by(struct ui *ui, const char *lead, const enum action *acts,
		  size_t n, int (*key)(enum action a, void *arg), void *arg);
/* The hints of view v (view_hints.c): ui_hints in the view's own words
 * (its hint_word). */
char *view_hints(struct ui *ui, struct view *v, const enum action *acts,
		 size_t n);
/* text on the status line; wider than it, it takes the lines above it
 * too, word-wrapped (at most half the screen): nothing of it is cut. */
void ui_draw_status(const char *text);
/* The key that runs action a in keymap view, as text, or "?". */
const char *ui_key_name(struct ui *ui, int view, enum action a, char name[16]);

/* The line editor on the status line after prompt, cursor placed; a
 * prompt too long for one line is wrapped on the lines above it. Returns
 * how many lines above the status line it took. */
int ui_draw_prompt(const char *prompt, struct lineedit *le);

/* A refusal (text) above a prompt, in the warning colour: wrapped to the
 * screen's width on at most max lines (five at most) ending on row last,
 * its start always shown; the last line ends in "…" when more did not
 * fit. How many lines it took. */
int ui_draw_refusal(const char *text, int last, int max);
/* Reads a line on the status line; NULL when cancelled. Caller frees. */
char *ui_prompt_line(struct ui *ui, const char *prompt, const char *init);
/* A yes-or-no question on the status line, answered with one key: y (or
 * the interface language's yes key, j in Swedish) is yes; n, Esc and
 * Ctrl-C are no; any other key says how to answer and is passed to no
 * screen. Text typed at it (a printable key that is no answer) is
 * ignored up to Enter, y and n in it too: only then does a key answer.
 * The question is shown with " (y/n)" in the interface language. */
bool ui_confirm(struct ui *ui, const char *question);
/* Shows message on the status line over the top view (wrapped on the
 * lines above it when longer) until Enter, Esc or Ctrl-C; every other
 * key is ignored and nothing typed is shown: a refusal that holds the
 * keys, so that a reason typed ahead reaches no screen behind it. */
void ui_notice(struct ui *ui, const char *message);
/* A choice answered with one key, at once, no Enter: the index in keys
 * (e.g. "123") of the key pressed; -1 when cancelled (Esc, Ctrl-C). Any
 * other key shows hint (how to answer) above the prompt. */
int ui_choose(struct ui *ui, const char *prompt, const char *keys,
	      const char *hint);
/* Like ui_prompt_line, but an answer check(value, arg) refuses (it
 * returns the reason) is not taken: the reason shows above the prompt and
 * the text can be edited again. NULL when cancelled. Caller frees. */
char *ui_prompt_checked(struct ui *ui, const char *prompt, const char *init,
			const char *(*check)(const char *value,
					     const void *arg),
			const void *arg);
/* A check for ui_prompt_checked: a non-empty answer (arg: the
 * message). */
const char *ui_require_text(const char *value, const void *message);
/* A check for ui_prompt_checked: the name of a file to write, not
 * empty (arg: the message), not a folder, in a folder that is there and
 * may be written (else "Not saved: cannot write …", with why). */
const char *ui_require_writable(const char *value, const void *message);

#endif

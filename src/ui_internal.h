/*
 * ui_internal — what the screens in src/ui*.c share: semantic colours,
 * clipped drawing of sanitized text, the title and status bars, the key
 * source (terminal or script), the bindings, board types and the status
 * message. Only src/ui*.c include this (after ui_curses.h).
 */
#ifndef TB_UI_INTERNAL_H
#define TB_UI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"
#include "board.h"
#include "keymap.h"
#include "lineedit.h"
#include "kb.h"
#include "support.h"
#include "textdoc.h"

/* Semantic colours: pair colours and the attribute used on monochrome
 * terminals or with NO_COLOR (the table is in ui.c). */
enum ui_color {
	UC_NORMAL,
	UC_TITLE,
	UC_STATUS,
	UC_SELECTED,
	UC_HEADING,
	UC_LABEL,
	UC_DIM,
	UC_WARN,
	UC_STRONG,
	UC_COUNT
};

attr_t ui_attr(enum ui_color c);
/* Draws sanitized s at (y, x) in at most maxw columns; returns the columns
 * used. Wide characters that would cross the edge are not drawn. */
int ui_put_clipped(int y, int x, int maxw, const char *s, attr_t a);
void ui_fill_line(int y, attr_t a);
/* A full-width bar (title or status line); text is sanitized here. */
void ui_draw_bar(int y, enum ui_color c, const char *text);
/* The title bar; while a running meeting's case is open (its form, say)
 * the case's clock and the time left come first. */
void ui_draw_title(const char *title);
void ui_draw_doc_line(int y, const struct textdoc_line *l);
/* The line editor on the status line after prompt, cursor placed; a
 * prompt too long for one line is wrapped on the lines above it. Returns
 * how many lines above the status line it took. */
int ui_draw_prompt(const char *prompt, const struct lineedit *le);
/* The next key (terminal or script), -1 when none (resize, dump). */
int ui_getkey(void);
/* True when every loop must end: a signal, or the script ran out. */
bool ui_stopping(void);
/* The status-line hints for acts in view, or the pending status message;
 * caller frees. */
char *ui_hints(int view, const enum action *acts, size_t n);
/* Reads a line on the status line (prompt, then the editor from init);
 * NULL when cancelled. Caller frees. */
char *ui_prompt_line(const char *prompt, const char *init);
/* Like ui_prompt_line, but an answer check(value, arg) refuses (it returns
 * the reason, text that outlives the call) is not taken: the reason is
 * shown above the prompt and the same text can be edited again. NULL when
 * cancelled. Caller frees. */
char *ui_prompt_checked(const char *prompt, const char *init,
			const char *(*check)(const char *value,
					     const void *arg),
			const void *arg);
/* A check for ui_prompt_checked: refuses an empty answer with message
 * (the arg, a string). */
const char *ui_require_text(const char *value, const void *message);
/* The command line (":"): reads a command and returns the action it names
 * (ACTION_NONE when it was handled here, e.g. "case ID", or unknown). */
enum action ui_command(void);
/* When set (a meeting is running), ui_getkey returns -1 every second so
 * that clocks on the screen move. */
extern bool ui_ticking;

/* The help screen; true when the user asked to quit. */
bool ui_show_help(void);

struct db;
struct form_set;
/* The decision form for a case (its draft resumed, or one opened with the
 * form of its board). Opened from a meeting's agenda (meeting_id not 0)
 * the decision is linked to the meeting, those present are the attendees
 * and the board's quorum is checked; chair (may be NULL) is offered as
 * the signer. True when the user asked to quit the program. */
bool ui_form_run(struct db *db, const struct form_set *forms, long long case_id,
		 long long meeting_id, const char *chair);

/* A message for the status bar until the next key. */
extern char ui_status_msg[256];
/* The key bindings and board types, loaded once by ui_run. */
extern struct keymap ui_keys;
extern struct boards ui_boards;
/* The decision forms and the summary wording: call ui_need_forms() before
 * using them (they are read once, on first need). */
void ui_need_forms(void);
extern struct form_set ui_forms;
extern struct form_phrases ui_phrases;
/* The knowledge base (read with the forms). */
extern struct kb ui_kb;
extern struct trials ui_trials;
extern struct levels ui_levels;

#endif

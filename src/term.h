/*
 * term — the terminal: the only code that includes curses (through
 * src/ui_curses.h), for keys, modes and terminfo. Semantic colours with a
 * monochrome column, drawing of sanitized text clipped by display width
 * into the screen's cells (term_grid.h, written out by term_out.h), bars,
 * the key source (the terminal or a key script), resize, Ctrl-Z, signals,
 * the headless screen of the scripted runs and its dumps, and restoring
 * the terminal on every exit path.
 *
 * Views draw only through these functions: no view includes curses.
 */
#ifndef TB_TERM_H
#define TB_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include "textdoc.h"

/* Semantic colours: a colour pair, and the attribute used on monochrome
 * terminals or with NO_COLOR (the table is in term.c). */
enum term_color {
	TC_NORMAL,
	TC_TITLE,
	TC_STATUS,
	TC_SELECTED,
	TC_HEADING,
	TC_LABEL,
	TC_DIM,
	TC_WARN,
	TC_STRONG,
	TC_OFFERED, /* a prompt's offered value, replaced by what is typed */
	TC_COUNT
};

/* The exit status without a usable terminal (tumorboard(1), EXIT STATUS). */
enum { TERM_EXIT_NO_TERMINAL = 1 };

/* Scripted runs: the key script, where dumps go and how. */
struct term_script {
	const char *script; /* NULL: the interactive terminal */
	const char *dump;   /* NULL: standard output */
	bool dump_attrs;
	int cols, rows;
};

/*
 * Whether the interactive screen can run here; says why not on standard
 * error. Nothing is left changed on the terminal.
 */
bool term_usable(void);
/* Reads the key script (scripted runs); returns a process exit code, 0
 * when all is well (the message is printed). */
int term_script_load(const struct term_script *s);
/* Takes the terminal (or the headless screen): signals, colours, keys. */
void term_setup(void);
/* Gives the terminal back; safe to call twice (also runs at exit). */
void term_restore(void);
/* Writes the timing of a scripted run to path and frees the script. */
void term_finish(const char *timing_path);
/* The exit code after a signal or hang-up, 0 otherwise. */
int term_exit_code(void);

/* The screen's size. */
int term_cols(void);
int term_lines(void);

/* The next key as a keymap key (keymap.h). Interactive: a key, or -1 when
 * none came within a quarter of a second, a signal came or the terminal
 * hung up. Scripted: the next key of the script (dump and resize handled
 * here), -1 once it ran out. */
int term_getkey(void);
/* True when every loop must end: a signal, a hang-up, or the script ran
 * out. */
bool term_stopping(void);
/* Scripted runs: the first screen is up (start-up CPU time is taken). */
void term_first_screen(void);
/* Scripted runs with --timing: ms gives the CPU milliseconds another
 * process working for this one has spent so far (a database server), or
 * -1; each key's share is written beside the program's own. */
void term_timing_peer(double (*ms)(void *arg), void *arg);
/* Whether block elements (the RECIST sparkline) can be drawn: a UTF-8
 * locale on a terminal that is not the Linux console; never headless. */
bool term_blocks(void);

void term_erase(void);
void term_refresh(void);
void term_move(int y, int x);
void term_clear_eol(void);
void term_cursor(bool visible);

/* Draws sanitized s at (y, x) in at most maxw columns in colour c; returns
 * the columns used. Wide characters that would cross the edge are not
 * drawn. */
int term_put(int y, int x, int maxw, const char *s, enum term_color c);
/* Sanitizes s (untrusted text) and draws it like term_put. */
int term_put_text(int y, int x, int maxw, const char *s, enum term_color c);
/* Row y filled with blanks in colour c. */
void term_fill(int y, enum term_color c);
/* Row y recoloured in c, its text kept. */
void term_recolor(int y, enum term_color c);
/* A full-width bar (title or status line); text is sanitized here. */
void term_bar(int y, enum term_color c, const char *text);
/* One line of a rendered document, its styles as colours. */
void term_doc_line(int y, const struct textdoc_line *l);

/* Says msg on the status line at once (a write waits for another
 * program). Does nothing before the screen is set up. */
void term_notice(const char *msg);
/* Long work starts (on) or has ended: while it runs, Ctrl-C asks to
 * cancel it instead of ending the program. */
void term_work(bool on);
/* Whether Esc or Ctrl-C was pressed since the work started (a script's
 * "cancel" as its next key); another key typed meanwhile stays for the
 * loop. */
bool term_cancel_asked(void);

#endif

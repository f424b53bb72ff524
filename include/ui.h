/*
 * ui — the interactive screen. The only layer that includes curses (through
 * src/ui_curses.h). This first version lists the cases and opens the whole
 * case in a pager; the full meeting screens build on it.
 */
#ifndef TB_UI_H
#define TB_UI_H

#include <stdbool.h>

struct db;

/*
 * Headless, scripted runs (screen tests, keystroke benchmarks): keys are
 * read from script (see tumorboard(1), SCREEN SCRIPTS), the screen has
 * cols x rows cells and is dumped as text to dump (stdout when NULL) at
 * each "dump" and at the end (with --dump-mode attrs, each row followed
 * by its colours and attributes); timing, when set, receives start-up and
 * per-keystroke latencies. All NULL/0 for the interactive screen.
 */
struct ui_opts {
	const char *script;
	const char *dump;
	const char *timing;
	int cols, rows;
	/* each dumped row followed by its colour pairs and attributes */
	bool dump_attrs;
	/* tumorboard follow: the screen follows this meeting, read only
	 * (0: the case list, as usual) */
	long long follow_meeting;
};

/* Runs until the user quits; returns the process exit code. The terminal
 * is restored on every exit path, including SIGINT/SIGTERM/SIGHUP. */
int ui_run(struct db *db, const struct ui_opts *opts);

/* Says on the status line, at once, that a write waits for another
 * program (an import) to finish writing: the screen's notice for
 * db_set_busy(). Does nothing before the screen is set up. */
void ui_busy_notice(const char *msg);

#endif

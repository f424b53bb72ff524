/*
 * ui — the interactive screen. The only layer that includes curses (through
 * src/ui_curses.h). This first version lists the cases and opens the whole
 * case in a pager; the full meeting screens build on it.
 */
#ifndef TB_UI_H
#define TB_UI_H

struct db;

/* Runs until the user quits; returns the process exit code. The terminal
 * is restored on every exit path, including SIGINT/SIGTERM/SIGHUP. */
int ui_run(struct db *db);

#endif

/*
 * progress — one line of progress on standard error for long work (import
 * of many or large files, migrations, verify): what is done, the rate and
 * the time left, redrawn in place at most ten times a second. The final
 * line says what was done and how long it took. Nothing at all is written
 * when standard error is not a terminal, so scripts and logs see only the
 * work's own output. One piece of work at a time (the state is global, so
 * the code doing the work only counts).
 */
#ifndef TB_PROGRESS_H
#define TB_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>

/* Starts counting units (e.g. "cases") of the work what (e.g. "import");
 * total is the number expected, 0 when not known. Both strings are
 * borrowed until progress_end. */
void progress_begin(const char *what, const char *unit, long long total);

/* n more units done. Cheap: call it per unit. */
void progress_add(long long n);

/* When the total is not known in units: the share of the work done, split
 * into parts (files, say). progress_part(from, to) says the next part
 * spans [from, to) of the whole; progress_within(f) how far into it the
 * work is (0..1), and draws the line as progress_add does (work that
 * counts no unit for a while still shows it moves). The time left is
 * estimated from the share. */
void progress_part(double from, double to);
void progress_within(double f);

/* Clears the line (before other output on the terminal); the next
 * progress_add draws it again. */
void progress_clear(void);

/* Ends the line: "import: 100,000 cases in 1 min 2 s (1,612 a second)". */
void progress_end(void);

/* Ends work that failed: the line is cleared and no final line is
 * written (the caller says what went wrong). */
void progress_abandon(void);

/* For tests: write to out as if it were a terminal, every line drawn
 * (no tenth of a second between them; NULL: back to standard error, if
 * it is one). */
void progress_force(FILE *out);

/* The line as it would be drawn now (tests); caller-provided buffer. */
void progress_format(char *buf, size_t len, bool final);

#endif

/*
 * term_out — the screen's cells written to the terminal: each frame, only
 * the cells that differ from what the terminal shows (the row's first to
 * last changed cell after one cursor move, a row's blank end cleared with
 * one erase), each colour change as one prepared sequence, rows a list
 * moved scrolled by the terminal. The sequences come from the terminal's
 * description (terminfo), read once.
 */
#ifndef TB_TERM_OUT_H
#define TB_TERM_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "term_grid.h"
#include "util.h"

/* The sequences used, NULL where the terminal has none; set by
 * term.c from terminfo, or by a test. */
struct term_caps {
	const char *cup;   /* the cursor to a row and column (tparm) */
	const char *clear; /* the screen cleared */
	const char *el;	   /* the row cleared from the cursor */
	const char *csr;   /* the scrolling region (tparm) */
	const char *ind;   /* scroll up a row (cursor at the region's end) */
	const char *ri;	   /* scroll down a row (cursor at its start) */
	const char *civis, *cnorm; /* the cursor hidden, shown */
	/* each cell colour's sequence (0: erased), starting from normal */
	char *style[TC_COUNT + 1];
	bool bottom_right; /* the last cell of the last row can be written
			      without the screen scrolling */
	/* cup and csr with two numbers (terminfo's tparm); NULL: only the
	 * common ANSI forms are known */
	const char *(*tparm2)(const char *cap, int a, int b);
};

struct term_out {
	struct term_caps caps;
	FILE *f;
	struct term_grid shown; /* what the terminal shows */
	bool known;		/* shown is what the terminal shows */
	int sgr;		/* the colour in effect, -1: not known */
	int cursor;		/* visibility: 1, 0, -1 not known */
	int scroll_top, scroll_bottom, scroll; /* a pending scroll */
	struct strbuf buf;
	/* put_param: the last sequence asked for and its ANSI form (0, 1),
	 * or -1 for terminfo's */
	const char *param_cap;
	int param_form;
};

/* Sets up with the sequences caps (the style strings are o's from here
 * on), writing to f. */
void term_out_init(struct term_out *o, FILE *f, const struct term_caps *caps);
void term_out_done(struct term_out *o);
/* What the terminal shows is not known (a new size, back from a stop):
 * the next frame clears it and writes every cell. */
void term_out_forget(struct term_out *o);
/* Rows top to bottom of the grid were moved by shift (term_grid_shift):
 * the terminal's rows are scrolled the same at the next frame. */
void term_out_scroll(struct term_out *o, int top, int bottom, int shift);
/* Writes what differs between g and the terminal, then puts the cursor at
 * (y, x), shown or hidden, and flushes. */
void term_out_frame(struct term_out *o, struct term_grid *g, int y, int x,
		    bool cursor);

#endif

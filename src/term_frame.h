/*
 * term_frame — one screen drawn again, row by row. The drawing calls of a
 * frame (term_erase to term_refresh) are recorded, each row's calls summed
 * in a hash; at the refresh only the rows whose calls differ from the
 * frame before (or that were drawn on outside a frame) are cleared and
 * drawn, the others stay on the curses screen as they are. The screen is
 * the same cell for cell as when every row is erased and drawn: a row's
 * cells follow from its own calls alone, and a frame with a call that
 * reaches another row (text past the right edge, which curses wraps)
 * draws every row. No curses here: term.c applies what it says.
 */
#ifndef TB_TERM_FRAME_H
#define TB_TERM_FRAME_H

#include <stdbool.h>
#include <stddef.h>

enum term_op_kind {
	TERM_OP_PUT,	   /* text at (y, x) in at most maxw columns */
	TERM_OP_FILL,	   /* row y blank in a colour */
	TERM_OP_RECOLOR,   /* row y recoloured */
	TERM_OP_MOVE,	   /* the cursor to (y, x) */
	TERM_OP_CLEAR_EOL, /* row y cleared from x */
};

struct term_op {
	enum term_op_kind kind;
	int y, x, maxw, color;
	size_t text; /* TERM_OP_PUT: offset of its text in the frame */
};

struct term_frame {
	bool recording; /* between term_erase and term_refresh */
	bool whole;	/* this frame draws every row */
	int rows, cols;
	unsigned long long *hash, *prev; /* each row's calls, now and before */
	bool *stale; /* drawn on outside a frame: drawn again next time */
	struct term_op *ops;
	size_t n_ops, cap_ops;
	char *text;
	size_t text_len, text_cap;
};

/* A frame starts on a screen of rows x cols (a new size draws every
 * row). */
void term_frame_begin(struct term_frame *f, int rows, int cols);
/* Records op (text: its text for TERM_OP_PUT, else NULL); an op on no
 * row of the screen, or reaching another row, makes the frame whole. */
void term_frame_add(struct term_frame *f, struct term_op op, const char *text);
/* Whether row y is drawn at this frame's end (rows off the screen: yes). */
bool term_frame_row_changed(const struct term_frame *f, int y);
/* Rows that show what other rows showed before, shifted by *shift (the
 * list moved by a row or a few): on the screen the rows *top to *bottom
 * are to be scrolled by *shift (curses' wscrl), after which rows of the
 * frame in [*top, *bottom] equal to the row *shift below them before are
 * unchanged (term_frame_scrolled). False when no block of four rows or
 * more moved. */
bool term_frame_shift(const struct term_frame *f, int *top, int *bottom,
		      int *shift);
/* The screen's rows top to bottom were scrolled by shift. */
void term_frame_scrolled(struct term_frame *f, int top, int bottom, int shift);
/* The text of a recorded TERM_OP_PUT. */
const char *term_frame_text(const struct term_frame *f,
			    const struct term_op *op);
/* The frame was applied: its hashes are what the screen shows now. */
void term_frame_end(struct term_frame *f);
/* Row y (all rows: y < 0) was drawn on outside a frame. */
void term_frame_touch(struct term_frame *f, int y);
void term_frame_done(struct term_frame *f);

#endif

/*
 * term_grid — the screen as cells: what every cell shows (a character, a
 * combining mark on it, its colour) in the screen being drawn and in what
 * the terminal shows. Views draw into it through term.h; term_out.c
 * writes to the terminal the cells that differ; term_dump.c writes it as
 * text. No curses here.
 */
#ifndef TB_TERM_GRID_H
#define TB_TERM_GRID_H

#include <stdbool.h>
#include <stdint.h>

#include "term.h"

/* A cell's character: the right half of the wide character to its left. */
#define TERM_CELL_RIGHT 0xFFFFFFFFu

/* Attributes of a style (term_style). */
enum {
	TA_BOLD = 1,
	TA_DIM = 2,
	TA_REVERSE = 4,
	TA_UNDERLINE = 8,
};

struct term_cell {
	uint32_t ch;	 /* a character, ' ' when blank, or TERM_CELL_RIGHT */
	uint32_t mark;	 /* a combining mark on it; 0: none */
	uint8_t color;	 /* 0: erased (the terminal's own colours); else
			    1 + enum term_color */
	uint8_t zero[3]; /* always 0: rows are compared with memcmp */
};

struct term_grid {
	int rows, cols;
	struct term_cell *cell; /* rows x cols, row by row */
	bool *dirty;		/* a row changed since the terminal got it */
};

/* How a semantic colour is shown: foreground and background (-1: the
 * terminal's own) and attributes in colour; attributes without it. */
struct term_style {
	short fg, bg;
	unsigned color_attrs, mono_attrs;
};
extern const struct term_style term_styles[TC_COUNT];

/* A grid of rows x cols, every cell erased and every row dirty. */
void term_grid_init(struct term_grid *g, int rows, int cols);
void term_grid_done(struct term_grid *g);

static inline struct term_cell *term_grid_at(const struct term_grid *g, int y,
					     int x)
{
	return &g->cell[(long)y * g->cols + x];
}

/* Row y erased from column x to its end. */
void term_grid_clear(struct term_grid *g, int y, int x);
/* Row y blank in colour c. */
void term_grid_fill(struct term_grid *g, int y, enum term_color c);
/* Row y recoloured in c, its characters kept. */
void term_grid_recolor(struct term_grid *g, int y, enum term_color c);
/*
 * Puts the sanitized UTF-8 text s at (*y, *x) in at most maxw columns (or,
 * draw false, only measures it) in colour c; returns the columns used.
 * Like a terminal, text reaching the right edge goes on at the start of the
 * next row (*y, *x are left where it ended), a wide character that does
 * not fit on a row goes to the next, and nothing is put past the last
 * row. A character the text cannot give (bad UTF-8) is a '?'.
 */
int term_grid_put(struct term_grid *g, int *y, int *x, int maxw, const char *s,
		  enum term_color c, bool draw);
/* Rows top to bottom moved by shift rows (up when positive), the rows
 * left behind erased. */
void term_grid_shift(struct term_grid *g, int top, int bottom, int shift);

/* The colour pair a dump names for a cell's colour, its attributes, and
 * its foreground and background as drawn (reverse video swaps them). */
int term_grid_pair(unsigned color, bool colour);
unsigned term_grid_attrs(unsigned color, bool colour);
void term_grid_colours(unsigned color, bool colour, short *fg, short *bg);

#endif

/*
 * See term_grid.h.
 */
#include "term_grid.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util.h"

/* Terminal colour numbers (as curses' COLOR_*). */
enum { BLACK = 0, RED = 1, GREEN = 2, BLUE = 4, CYAN = 6, WHITE = 7 };

const struct term_style term_styles[TC_COUNT] = {
    [TC_NORMAL] = {-1, -1, 0, 0},
    [TC_TITLE] = {WHITE, BLUE, TA_BOLD, TA_REVERSE},
    [TC_STATUS] = {BLACK, CYAN, 0, TA_REVERSE},
    [TC_SELECTED] = {BLACK, 3 /* yellow */, 0, TA_REVERSE},
    [TC_HEADING] = {CYAN, -1, TA_BOLD, TA_BOLD | TA_UNDERLINE},
    [TC_LABEL] = {GREEN, -1, 0, TA_BOLD},
    [TC_DIM] = {-1, -1, TA_DIM, TA_DIM},
    [TC_WARN] = {RED, -1, TA_BOLD, TA_BOLD},
    [TC_STRONG] = {-1, -1, TA_BOLD, TA_BOLD},
    /* inside the status line: reverse already, so also underlined */
    [TC_OFFERED] = {BLACK, 3, 0, TA_REVERSE | TA_UNDERLINE},
};

static const struct term_cell blank = {.ch = ' '};

void term_grid_init(struct term_grid *g, int rows, int cols)
{
	term_grid_done(g);
	g->rows = rows > 0 ? rows : 0;
	g->cols = cols > 0 ? cols : 0;
	size_t n = (size_t)g->rows * (size_t)g->cols;
	g->cell = xmalloc((n ? n : 1) * sizeof(*g->cell));
	for (size_t i = 0; i < n; i++)
		g->cell[i] = blank;
	g->dirty = xmalloc((g->rows ? (size_t)g->rows : 1) * sizeof(bool));
	for (int y = 0; y < g->rows; y++)
		g->dirty[y] = true;
}

void term_grid_done(struct term_grid *g)
{
	free(g->cell);
	free(g->dirty);
	g->cell = NULL;
	g->dirty = NULL;
	g->rows = g->cols = 0;
}

static bool row_ok(const struct term_grid *g, int y)
{
	return y >= 0 && y < g->rows;
}

/* The wide character whose half is at (y, x) is split: its other half
 * becomes a blank of its colour. */
static void split_wide(struct term_grid *g, int y, int x)
{
	struct term_cell *c = term_grid_at(g, y, x);
	if (c->ch == TERM_CELL_RIGHT && x > 0) {
		struct term_cell *l = term_grid_at(g, y, x - 1);
		l->ch = ' ';
		l->mark = 0;
	} else if (x + 1 < g->cols &&
		   term_grid_at(g, y, x + 1)->ch == TERM_CELL_RIGHT) {
		struct term_cell *r = term_grid_at(g, y, x + 1);
		r->ch = ' ';
		r->mark = 0;
	}
}

void term_grid_clear(struct term_grid *g, int y, int x)
{
	if (!row_ok(g, y) || x >= g->cols)
		return;
	if (x < 0)
		x = 0;
	split_wide(g, y, x);
	for (struct term_cell *c = term_grid_at(g, y, x),
			      *end = term_grid_at(g, y, 0) + g->cols;
	     c < end; c++)
		*c = blank;
	g->dirty[y] = true;
}

void term_grid_fill(struct term_grid *g, int y, enum term_color color)
{
	if (!row_ok(g, y))
		return;
	struct term_cell f = {.ch = ' ', .color = (uint8_t)(color + 1)};
	struct term_cell *c = term_grid_at(g, y, 0);
	for (int x = 0; x < g->cols; x++)
		c[x] = f;
	g->dirty[y] = true;
}

void term_grid_recolor(struct term_grid *g, int y, enum term_color color)
{
	if (!row_ok(g, y))
		return;
	struct term_cell *c = term_grid_at(g, y, 0);
	for (int x = 0; x < g->cols; x++)
		c[x].color = (uint8_t)(color + 1);
	g->dirty[y] = true;
}

/* One character of width w (1 or 2) at (*y, *x), the position moved on
 * past it; a wide one that does not fit goes to the next row, the cell
 * it leaves blank. False past the last row. */
static bool put_char(struct term_grid *g, int *y, int *x, uint32_t wc, int w,
		     uint8_t color)
{
	if (*x + w > g->cols) {
		if (*x < g->cols) { /* a wide character at the last column */
			split_wide(g, *y, *x);
			*term_grid_at(g, *y, *x) = (struct term_cell){
			    .ch = ' ', .mark = 0, .color = color};
			g->dirty[*y] = true;
		}
		*x = 0;
		++*y;
	}
	if (!row_ok(g, *y) || w > g->cols)
		return false;
	split_wide(g, *y, *x);
	*term_grid_at(g, *y, *x) =
	    (struct term_cell){.ch = wc, .mark = 0, .color = color};
	if (w == 2) {
		if (*x + 2 < g->cols &&
		    term_grid_at(g, *y, *x + 2)->ch == TERM_CELL_RIGHT)
			term_grid_at(g, *y, *x + 2)->ch = ' ';
		*term_grid_at(g, *y, *x + 1) = (struct term_cell){
		    .ch = TERM_CELL_RIGHT, .mark = 0, .color = color};
	}
	g->dirty[*y] = true;
	*x += w;
	return true;
}

/* A combining mark goes on the character before (y, x) on its row. */
static void put_mark(struct term_grid *g, int y, int x, uint32_t wc)
{
	if (!row_ok(g, y) || x <= 0 || x > g->cols)
		return;
	struct term_cell *c = term_grid_at(g, y, x - 1);
	if (c->ch == TERM_CELL_RIGHT)
		c--;
	if (!c->mark) /* one is kept: more would stack out of the row */
		c->mark = wc;
}

/* Printable ASCII from p (at most n bytes, max columns) on row y from
 * column x, as far as the row goes: as put_char one at a time, with the
 * wide characters split at the run's two ends only (inside it every cell
 * is written). Returns the bytes (columns) put; 0 when none fits. */
static size_t ascii_run(struct term_grid *g, int y, int x,
			const unsigned char *p, size_t n, int max,
			uint8_t color)
{
	if (x < 0 || x >= g->cols || max <= 0)
		return 0;
	size_t k = 0, room = (size_t)(g->cols - x);
	if ((size_t)max < room)
		room = (size_t)max;
	while (k < n && k < room && p[k] >= 0x20 && p[k] < 0x7f)
		k++;
	if (!k)
		return 0;
	split_wide(g, y, x);
	struct term_cell *c = term_grid_at(g, y, x);
	for (size_t i = 0; i < k; i++)
		c[i] =
		    (struct term_cell){.ch = p[i], .mark = 0, .color = color};
	if (x + (int)k < g->cols && c[k].ch == TERM_CELL_RIGHT) {
		c[k].ch = ' ';
		c[k].mark = 0;
	}
	g->dirty[y] = true;
	return k;
}

int term_grid_put(struct term_grid *g, int *y, int *x, int maxw, const char *s,
		  enum term_color c, bool draw)
{
	mbstate_t ps;
	memset(&ps, 0, sizeof(ps));
	int used = 0;
	bool on = draw && row_ok(g, *y) && *x >= 0 && *x < g->cols;
	uint8_t color = (uint8_t)(c + 1);
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	if (!on) /* measured only: printable ASCII is a column a byte */
		for (; n > 0 && used < maxw && *p >= 0x20 && *p < 0x7f; n--) {
			p++;
			used++;
		}
	while (n > 0 && used < maxw) {
		wchar_t wc;
		size_t len;
		int w;
		if (on && *p >= 0x20 && *p < 0x7f) {
			size_t k =
			    ascii_run(g, *y, *x, p, n, maxw - used, color);
			if (k) {
				*x += (int)k;
				used += (int)k;
				p += k;
				n -= k;
				continue;
			}
		}
		if (*p >= 0x20 && *p < 0x7f) {
			wc = (wchar_t)*p;
			len = 1;
			w = 1;
		} else {
			len = mbrtowc(&wc, (const char *)p, n, &ps);
			if (len == (size_t)-1 || len == (size_t)-2 ||
			    len == 0) {
				memset(&ps, 0, sizeof(ps));
				wc = L'?';
				len = 1;
			}
			w = wcwidth(wc);
			if (w < 0)
				w = 1;
		}
		if (used + w > maxw)
			break;
		if (on && w == 0)
			put_mark(g, *y, *x, (uint32_t)wc);
		else if (on)
			on = put_char(g, y, x, (uint32_t)wc, w, color);
		used += w;
		p += len;
		n -= len;
	}
	return used;
}

void term_grid_shift(struct term_grid *g, int top, int bottom, int shift)
{
	if (top < 0 || bottom >= g->rows || top > bottom || !shift)
		return;
	int n = bottom - top + 1, s = shift > 0 ? shift : -shift;
	size_t row = (size_t)g->cols * sizeof(struct term_cell);
	if (s < n) {
		if (shift > 0)
			memmove(term_grid_at(g, top, 0),
				term_grid_at(g, top + s, 0),
				row * (size_t)(n - s));
		else
			memmove(term_grid_at(g, top + s, 0),
				term_grid_at(g, top, 0), row * (size_t)(n - s));
	}
	for (int i = 0; i < (s < n ? s : n); i++)
		term_grid_clear(g, shift > 0 ? bottom - i : top + i, 0);
	for (int y = top; y <= bottom; y++)
		g->dirty[y] = true;
}

int term_grid_pair(unsigned color, bool colour)
{
	return colour ? (int)color : 0;
}

unsigned term_grid_attrs(unsigned color, bool colour)
{
	if (!color || color > TC_COUNT)
		return 0;
	const struct term_style *s = &term_styles[color - 1];
	return colour ? s->color_attrs : s->mono_attrs;
}

void term_grid_colours(unsigned color, bool colour, short *fg, short *bg)
{
	*fg = *bg = -1;
	if (colour && color && color <= TC_COUNT) {
		*fg = term_styles[color - 1].fg;
		*bg = term_styles[color - 1].bg;
	}
	if (term_grid_attrs(color, colour) & TA_REVERSE) {
		short t = *fg;
		*fg = *bg;
		*bg = t;
	}
}

#include "chart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"
#include "i18n.h"
#include "util.h"

void chart_init(struct chart *c, const char *title, const char *unit)
{
	memset(c, 0, sizeof(*c));
	c->title = xstrdup(title);
	c->unit = xstrdup(unit);
}

struct chart_bar *chart_add(struct chart *c, const char *label, double value,
			    const char *note)
{
	c->bars = xrealloc(c->bars, (c->n + 1) * sizeof(*c->bars));
	struct chart_bar *b = &c->bars[c->n++];
	memset(b, 0, sizeof(*b));
	b->label = xstrdup(label);
	b->value = value;
	b->lo = b->hi = -1;
	b->note = note ? xstrdup(note) : NULL;
	return b;
}

/* A number on a chart, as the interface writes it (2,5 in Swedish). */
void chart_shown_number(char *buf, size_t n, double v)
{
	snprintf(buf, n, "%g", v);
	i18n_decimals_shown(buf);
}

void chart_table(struct chart *c, size_t cols, const char *const *head,
		 size_t rows, const char *const *cells)
{
	c->cols = cols;
	c->rows = rows;
	c->head = xcalloc(cols, sizeof(char *));
	c->cells = xcalloc(rows * cols + 1, sizeof(char *));
	for (size_t i = 0; i < cols; i++)
		c->head[i] = xstrdup(head[i]);
	/* a chart is for people: decimals as the interface writes them */
	for (size_t i = 0; i < rows * cols; i++)
		c->cells[i] = i18n_decimals_shown(xstrdup(cells[i]));
}

void chart_point(struct chart *c, double x, double y, const char *label)
{
	c->px = xrealloc(c->px, (c->n_points + 1) * sizeof(double));
	c->py = xrealloc(c->py, (c->n_points + 1) * sizeof(double));
	c->plabel = xrealloc(c->plabel, (c->n_points + 1) * sizeof(char *));
	c->px[c->n_points] = x;
	c->py[c->n_points] = y;
	c->plabel[c->n_points++] = xstrdup(label);
}

void chart_event(struct chart *c, double x, const char *label)
{
	c->ex = xrealloc(c->ex, (c->n_events + 1) * sizeof(double));
	c->elabel = xrealloc(c->elabel, (c->n_events + 1) * sizeof(char *));
	c->ex[c->n_events] = x;
	c->elabel[c->n_events++] = xstrdup(label);
}

void chart_done(struct chart *c)
{
	for (size_t i = 0; i < c->n_points; i++)
		free(c->plabel[i]);
	for (size_t i = 0; i < c->n_events; i++)
		free(c->elabel[i]);
	free(c->px);
	free(c->py);
	free(c->plabel);
	free(c->ex);
	free(c->elabel);
	for (size_t i = 0; i < c->cols; i++)
		free(c->head[i]);
	for (size_t i = 0; i < c->rows * c->cols; i++)
		free(c->cells[i]);
	free(c->head);
	free(c->cells);
	for (size_t i = 0; i < c->n; i++) {
		free(c->bars[i].label);
		free(c->bars[i].note);
	}
	free(c->bars);
	free(c->title);
	free(c->unit);
	free(c->legend);
	memset(c, 0, sizeof(*c));
}

/* How many blocks a table's number columns are drawn in, and how many
 * columns each holds (the first column repeats in every block). */
size_t chart_table_blocks(const struct chart *c, size_t *per)
{
	size_t data = c->cols - 1;
	size_t blocks = (data + TABLE_MAX_COLS - 1) / TABLE_MAX_COLS;
	if (!blocks)
		blocks = 1;
	*per = (data + blocks - 1) / blocks;
	return blocks;
}

double chart_height(const struct chart *c)
{
	if (c->n_points)
		return TITLE_H + 14 * (double)c->n_events + COURSE_H + AXIS_H +
		       (c->legend ? LEGEND_H * 2 : 0);
	if (c->cols) {
		size_t per, blocks = chart_table_blocks(c, &per);
		return TITLE_H +
		       (double)blocks *
			   (TABLE_HEAD_H + (double)c->rows * TABLE_ROW_H + 10);
	}
	return TITLE_H + (double)c->n * ROW_H + AXIS_H +
	       (c->legend ? LEGEND_H * 2 : 0);
}

/* The page body's height that charts are laid out for: A4 less margins. */
#define PAGE_ROOM 700.0

/* Puts the charts on pages in order: the first page holds first_room
 * points (0: none), the others room; a chart taller than a page has one
 * of its own. Sets *shared when the first page is the short one. */
static int layout(struct chart_set *s, double first_room, double room,
		  bool *shared)
{
	double used = 0, limit = room;
	s->pages = 0;
	*shared = false;
	/* the short page only when the first chart fits on it */
	if (s->n && first_room > 0 && chart_height(&s->c[0]) <= first_room) {
		*shared = true;
		limit = first_room;
		s->first[0] = 0;
		s->count[0] = 0;
		s->pages = 1;
	}
	for (size_t i = 0; i < s->n; i++) {
		double h = chart_height(&s->c[i]);
		bool fresh = s->pages == 0;
		if (!fresh && s->count[s->pages - 1] &&
		    used + CHART_GAP + h > limit)
			fresh = true;
		if (fresh) {
			s->first[s->pages] = i;
			s->count[s->pages] = 0;
			s->pages++;
			used = 0;
			limit = room;
		} else if (s->count[s->pages - 1])
			used += CHART_GAP;
		used += h;
		s->count[s->pages - 1]++;
	}
	return s->pages;
}

void chart_set_init(struct chart_set *s, struct chart *charts, size_t n)
{
	memset(s, 0, sizeof(*s));
	s->c = charts;
	s->n = n;
	s->first = xcalloc(n + 2, sizeof(size_t));
	s->count = xcalloc(n + 2, sizeof(size_t));
	bool shared;
	layout(s, 0, PAGE_ROOM, &shared);
}

int chart_layout(double first_h, double h, bool *shared, void *arg)
{
	struct chart_set *s = arg;
	return layout(s, first_h, h < PAGE_ROOM ? h : PAGE_ROOM, shared);
}

void chart_set_done(struct chart_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		chart_done(&s->c[i]);
	free(s->c);
	free(s->first);
	free(s->count);
	memset(s, 0, sizeof(*s));
}

/*
 * chart_draw — a page of charts drawn with Cairo and Pango (the
 * figure callback of a PDF, chart_page); part of the PDF module, so the
 * program maps Cairo and Pango only when it writes a PDF.
 */
#include "chart.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"
#include "i18n.h"
#include "util.h"
static PangoLayout *text(cairo_t *cr, const char *font, double size, bool bold,
			 bool italic, const char *s)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(font);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	if (italic)
		pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	char *clean = util_sanitize(s ? s : "", false);
	pango_layout_set_text(l, clean, -1);
	free(clean);
	return l;
}

static double text_w(PangoLayout *l)
{
	PangoRectangle r;
	pango_layout_get_extents(l, NULL, &r);
	return (double)r.width / PANGO_SCALE;
}

static double text_h(PangoLayout *l)
{
	PangoRectangle r;
	pango_layout_get_extents(l, NULL, &r);
	return (double)r.height / PANGO_SCALE;
}

/* Draws s centred vertically on cy with its left edge at x (its right
 * edge when right), at most maxw wide (ellipsized); cleared: on white,
 * for a text over the plot, which no grid line may run through. */
static void put_on(cairo_t *cr, const char *font, double size, bool bold,
		   bool italic, const char *s, double x, double cy, bool right,
		   double maxw, bool cleared)
{
	PangoLayout *l = text(cr, font, size, bold, italic, s);
	if (maxw > 0) {
		pango_layout_set_width(l, (int)(maxw * PANGO_SCALE));
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	double w = text_w(l), h = text_h(l);
	double lx = right ? x - w : x;
	if (cleared) {
		cairo_save(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_rectangle(cr, lx - 2, cy - h / 2, w + 4, h);
		cairo_fill(cr);
		cairo_restore(cr);
	}
	cairo_move_to(cr, lx, cy - h / 2);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

/* put_on, not cleared. */
static void put(cairo_t *cr, const char *font, double size, bool bold,
		bool italic, const char *s, double x, double cy, bool right,
		double maxw)
{
	put_on(cr, font, size, bold, italic, s, x, cy, right, maxw, false);
}

/* An axis step of 1, 2 or 5 × 10^k giving at most six intervals. */
static double nice_step(double max)
{
	double raw = max / 6.0, p = 1;
	while (p * 10 < raw)
		p *= 10;
	while (p > raw && p > 1e-6)
		p /= 10;
	if (raw > 5 * p)
		return 10 * p;
	if (raw > 2 * p)
		return 5 * p;
	if (raw > p)
		return 2 * p;
	return p;
}

/* Where a chart's parts go: its left edge and width, the labels' and
 * the notes' columns, the bars' (bx, bw), and the axis' end. */
struct plot {
	const char *font;
	double x, w, lw, nw, bx, bw, max;
};

/* The labels' and notes' columns and the axis' end (a whole number of
 * steps, *step) of chart c drawn w wide. */
static void measure(cairo_t *cr, const struct chart *c, struct plot *p,
		    double *step)
{
	double lw = 0, nw = 0, max = c->max;
	for (size_t i = 0; i < c->n; i++) {
		const struct chart_bar *b = &c->bars[i];
		PangoLayout *l =
		    text(cr, p->font, LABEL_SIZE, b->heading, false, b->label);
		if (!b->heading && text_w(l) > lw)
			lw = text_w(l);
		g_object_unref(l);
		if (b->note) {
			l = text(cr, p->font, LABEL_SIZE, false, b->value < 0,
				 b->note);
			if (text_w(l) > nw)
				nw = text_w(l);
			g_object_unref(l);
		}
		double top = b->hi > b->value ? b->hi : b->value;
		if (b->mark > top)
			top = b->mark;
		if (!c->max && top > max)
			max = top;
	}
	if (lw > p->w * 0.32)
		lw = p->w * 0.32;
	if (nw > p->w * 0.3)
		nw = p->w * 0.3;
	if (max <= 0)
		max = 1;
	*step = nice_step(max);
	if (c->whole && *step < 1) /* no 0.2 of a case */
		*step = 1;
	{
		double top = *step;
		while (top < max - 1e-9)
			top += *step;
		max = top;
	}
	p->lw = lw;
	p->nw = nw;
	p->max = max;
	p->bx = p->x + lw + 8;
	p->bw = p->w - lw - nw - 16;
}

/* The grid lines, the axis with its numbers every step, and the unit
 * under it, for rows_h of rows from y down. */
static void draw_axis(cairo_t *cr, const struct plot *p, double y,
		      double rows_h, double step, const char *unit)
{
	double bx = p->bx, bw = p->bw, max = p->max;
	cairo_set_line_width(cr, 0.5);
	for (double t = 0; t <= max + step / 2; t += step) {
		double gx = bx + bw * t / max;
		cairo_set_source_rgb(cr, GRID_GREY, GRID_GREY, GRID_GREY);
		cairo_move_to(cr, gx, y);
		cairo_line_to(cr, gx, y + rows_h);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_move_to(cr, gx, y + rows_h);
		cairo_line_to(cr, gx, y + rows_h + 4);
		cairo_stroke(cr);
		char num[32];
		chart_shown_number(num, sizeof(num), t);
		PangoLayout *l =
		    text(cr, p->font, LABEL_SIZE, false, false, num);
		cairo_move_to(cr, gx - text_w(l) / 2, y + rows_h + 5);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, 1.0);
	cairo_move_to(cr, bx, y);
	cairo_line_to(cr, bx, y + rows_h);
	cairo_line_to(cr, bx + bw, y + rows_h);
	cairo_stroke(cr);
	{ /* the unit, centred under the axis */
		PangoLayout *l =
		    text(cr, p->font, LABEL_SIZE, false, false, unit);
		cairo_move_to(cr, bx + (bw - text_w(l)) / 2, y + rows_h + 22);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
	}
}

/* One row centred on cy: a heading, or the label, the bar, its range,
 * the target's mark and the note. */
static void draw_row(cairo_t *cr, const struct plot *p,
		     const struct chart_bar *b, double cy)
{
	const char *font = p->font;
	double bx = p->bx, bw = p->bw, max = p->max;
	cairo_set_source_rgb(cr, 0, 0, 0);
	if (b->heading) {
		put(cr, font, LABEL_SIZE, true, false, b->label, p->x, cy,
		    false, p->w);
		return;
	}
	put(cr, font, LABEL_SIZE, false, false, b->label, bx - 6, cy, true,
	    p->lw);
	double end = bx;
	if (b->value >= 0) {
		double bl = bw * (b->value / max);
		cairo_rectangle(cr, bx, cy - BAR_H / 2, bl, BAR_H);
		cairo_set_source_rgb(cr, BAR_GREY, BAR_GREY, BAR_GREY);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 0.8);
		cairo_stroke(cr);
		end = bx + bl;
	}
	if (b->value >= 0 && b->lo >= 0 && b->hi >= b->lo) {
		double x1 = bx + bw * b->lo / max, x2 = bx + bw * b->hi / max;
		cairo_set_line_width(cr, 1.5);
		cairo_move_to(cr, x1, cy);
		cairo_line_to(cr, x2, cy);
		cairo_move_to(cr, x1, cy - 3.5);
		cairo_line_to(cr, x1, cy + 3.5);
		cairo_move_to(cr, x2, cy - 3.5);
		cairo_line_to(cr, x2, cy + 3.5);
		cairo_stroke(cr);
		if (x2 > end)
			end = x2;
	}
	/* a row without a bar says why in its note, which runs over
	 * the plot on white: no mark crosses it, the note names the target
	 * (a note after a bar within the plot is on white too) */
	char *note = b->note ? xstrdup(b->note) : NULL;
	if (b->mark > 0 && b->value < 0) {
		char *with = i18n_decimals_shown(
		    xasprintf(_("%s%starget %g"), note ? note : "",
			      note ? "; " : "", b->mark));
		free(note);
		note = with;
	} else if (b->mark > 0) {
		double mx = bx + bw * b->mark / max;
		double dash[] = {2.0, 1.5};
		cairo_set_dash(cr, dash, 2, 0);
		cairo_set_line_width(cr, 1.5);
		cairo_move_to(cr, mx, cy - ROW_H / 2 + 1);
		cairo_line_to(cr, mx, cy + ROW_H / 2 - 1);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		/* the note starts after the mark, never on it */
		if (mx > end)
			end = mx;
	}
	if (note)
		put_on(cr, font, LABEL_SIZE, false, b->value < 0, note, end + 5,
		       cy, false, p->nw + (bx + bw - end) + 8, end < bx + bw);
	free(note);
}

static double draw_chart(cairo_t *cr, const struct chart *c, double x, double y,
			 double w, const char *font)
{
	cairo_set_source_rgb(cr, 0, 0, 0);
	put(cr, font, TITLE_SIZE, true, false, c->title, x, y + TITLE_H / 2,
	    false, w);
	y += TITLE_H;
	/* columns: labels, bars, notes */
	struct plot p = {.font = font, .x = x, .w = w};
	double step;
	measure(cr, c, &p, &step);
	double rows_h = (double)c->n * ROW_H;
	draw_axis(cr, &p, y, rows_h, step, c->unit);
	for (size_t i = 0; i < c->n; i++)
		draw_row(cr, &p, &c->bars[i], y + ((double)i + 0.5) * ROW_H);
	double h = TITLE_H + rows_h + AXIS_H;
	if (c->legend) {
		PangoLayout *l =
		    text(cr, font, LABEL_SIZE, false, false, c->legend);
		pango_layout_set_width(l, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD);
		cairo_move_to(cr, x, y + rows_h + AXIS_H - 4);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
		h += LEGEND_H * 2;
	}
	return h;
}

/* The least room between two columns' headings, in points. */
#define HEAD_GAP 8.0

/* One block of a table: the first column and columns from..to-1. */
static double draw_block(cairo_t *cr, const struct chart *c, size_t from,
			 size_t to, double x, double y, double w, double first,
			 double colw, const char *font)
{
	for (size_t k = from; k < to; k++) {
		PangoLayout *l =
		    text(cr, font, TABLE_SIZE, true, false, c->head[k]);
		/* right-aligned with the figures below, and at least
		 * HEAD_GAP from the heading before it: one that needs more
		 * wraps at a space rather than running into its neighbour */
		pango_layout_set_width(
		    l, (int)((colw - 4 - HEAD_GAP) * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		double hx = x + first + colw * (double)(k - from) + HEAD_GAP;
		cairo_move_to(cr, hx, y + TABLE_HEAD_H - 3 - text_h(l));
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
	}
	put(cr, font, TABLE_SIZE, true, false, c->head[0], x,
	    y + TABLE_HEAD_H - 3 - TABLE_ROW_H / 2, false, first);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, x, y + TABLE_HEAD_H);
	cairo_line_to(cr, x + w, y + TABLE_HEAD_H);
	cairo_stroke(cr);
	y += TABLE_HEAD_H;
	for (size_t r = 0; r < c->rows; r++) {
		double cy = y + ((double)r + 0.5) * TABLE_ROW_H;
		bool total = r + 1 == c->rows;
		if (r % 2 == 1) { /* banded rows, light enough to print */
			cairo_set_source_rgb(cr, 0.92, 0.92, 0.92);
			cairo_rectangle(cr, x, y + (double)r * TABLE_ROW_H, w,
					TABLE_ROW_H);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
		}
		if (total) { /* the total row: a rule above, bold */
			cairo_set_line_width(cr, 0.5);
			cairo_move_to(cr, x, y + (double)r * TABLE_ROW_H);
			cairo_line_to(cr, x + w, y + (double)r * TABLE_ROW_H);
			cairo_stroke(cr);
		}
		put(cr, font, TABLE_SIZE, total, false, c->cells[r * c->cols],
		    x, cy, false, first - 4);
		for (size_t k = from; k < to; k++)
			put(cr, font, TABLE_SIZE, total, false,
			    c->cells[r * c->cols + k],
			    x + first + colw * (double)(k - from + 1) - 4, cy,
			    true, 0);
	}
	return TABLE_HEAD_H + (double)c->rows * TABLE_ROW_H + 10;
}

static double draw_table(cairo_t *cr, const struct chart *c, double x, double y,
			 double w, const char *font)
{
	cairo_set_source_rgb(cr, 0, 0, 0);
	put(cr, font, TITLE_SIZE, true, false, c->title, x, y + TITLE_H / 2,
	    false, w);
	y += TITLE_H;
	/* the first column as wide as its widest cell, the rest shared */
	double first = 0;
	for (size_t r = 0; r < c->rows; r++) {
		PangoLayout *l = text(cr, font, TABLE_SIZE, true, false,
				      c->cells[r * c->cols]);
		if (text_w(l) > first)
			first = text_w(l);
		g_object_unref(l);
	}
	first += 8;
	if (first > w * 0.3)
		first = w * 0.3;
	size_t per, blocks = chart_table_blocks(c, &per);
	double colw = per ? (w - first) / (double)per : 0;
	for (size_t b = 0; b < blocks; b++) {
		size_t from = 1 + b * per, to = from + per;
		if (to > c->cols)
			to = c->cols;
		y += draw_block(cr, c, from, to, x, y, w, first, colw, font);
	}
	return chart_height(c);
}

/* A course: the y axis in the unit on the left, dates under the points,
 * each value above its point, events as dashed lines numbered 1, 2, …
 * with their labels listed above the plot. */
static double draw_course(cairo_t *cr, const struct chart *c, double x,
			  double y, double w, const char *font)
{
	double y0 = y;
	cairo_set_source_rgb(cr, 0, 0, 0);
	put(cr, font, TITLE_SIZE, true, false, c->title, x, y + TITLE_H / 2,
	    false, w);
	y += TITLE_H;
	for (size_t e = 0; e < c->n_events; e++) {
		char *s = xasprintf("%zu  %s", e + 1, c->elabel[e]);
		put(cr, font, LABEL_SIZE, false, false, s, x, y + 7, false, w);
		free(s);
		y += 14;
	}
	double xmin = c->px[0], xmax = c->px[0], ymax = c->py[0];
	for (size_t i = 0; i < c->n_points; i++) {
		xmin = c->px[i] < xmin ? c->px[i] : xmin;
		xmax = c->px[i] > xmax ? c->px[i] : xmax;
		ymax = c->py[i] > ymax ? c->py[i] : ymax;
	}
	for (size_t e = 0; e < c->n_events; e++) {
		xmin = c->ex[e] < xmin ? c->ex[e] : xmin;
		xmax = c->ex[e] > xmax ? c->ex[e] : xmax;
	}
	if (xmax <= xmin)
		xmax = xmin + 1;
	double step = nice_step(ymax > 0 ? ymax : 1), top = step;
	while (top < ymax - 1e-9)
		top += step;
	double px0 = x + 50, pw = w - 50 - 40, ph = COURSE_H - 24,
	       py0 = y + 16; /* room for the value labels */
#define PX(v) (px0 + pw * ((v)-xmin) / (xmax - xmin))
#define PY(v) (py0 + ph - ph * (v) / top)
	cairo_set_line_width(cr, 0.5);
	for (double t = 0; t <= top + step / 2; t += step) {
		cairo_set_source_rgb(cr, GRID_GREY, GRID_GREY, GRID_GREY);
		cairo_move_to(cr, px0, PY(t));
		cairo_line_to(cr, px0 + pw, PY(t));
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		char num[32];
		chart_shown_number(num, sizeof(num), t);
		put(cr, font, LABEL_SIZE, false, false, num, px0 - 5, PY(t),
		    true, 0);
	}
	cairo_set_line_width(cr, 1.0);
	cairo_move_to(cr, px0, py0);
	cairo_line_to(cr, px0, py0 + ph);
	cairo_line_to(cr, px0 + pw, py0 + ph);
	cairo_stroke(cr);
	/* events: dashed lines, numbered at the top */
	for (size_t e = 0; e < c->n_events; e++) {
		double ex = PX(c->ex[e]);
		double dash[] = {3.0, 2.0};
		cairo_set_dash(cr, dash, 2, 0);
		cairo_set_line_width(cr, 1.2);
		cairo_move_to(cr, ex, py0);
		cairo_line_to(cr, ex, py0 + ph);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
		char num[32];
		snprintf(num, sizeof(num), "%zu", e + 1);
		put(cr, font, LABEL_SIZE, true, false, num, ex + 3, py0 - 8,
		    false, 0);
	}
	/* the course: a line through the points, each a filled circle */
	cairo_set_line_width(cr, 2.0);
	for (size_t i = 0; i < c->n_points; i++) {
		if (i)
			cairo_line_to(cr, PX(c->px[i]), PY(c->py[i]));
		else
			cairo_move_to(cr, PX(c->px[i]), PY(c->py[i]));
	}
	cairo_stroke(cr);
	for (size_t i = 0; i < c->n_points; i++) {
		double cx = PX(c->px[i]), cy = PY(c->py[i]);
		cairo_new_path(cr); /* no line from the last label */
		cairo_arc(cr, cx, cy, 3.5, 0, 6.2832);
		cairo_fill(cr);
		char num[32];
		chart_shown_number(num, sizeof(num), c->py[i]);
		PangoLayout *l = text(cr, font, LABEL_SIZE, true, false, num);
		cairo_move_to(cr, cx + 3, cy - 4 - text_h(l));
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
		/* the date under the axis, alternating rows when crowded */
		l = text(cr, font, LABEL_SIZE - 1, false, false, c->plabel[i]);
		double row = (i % 2 && c->n_points > 4) ? 13 : 0;
		cairo_move_to(cr, cx - text_w(l) / 2, py0 + ph + 4 + row);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
	}
#undef PX
#undef PY
	/* the unit below the dates (two rows when crowded), the legend
	 * below the unit with a gap: no line of text touches another */
	PangoLayout *l = text(cr, font, LABEL_SIZE, false, false, c->unit);
	cairo_move_to(cr, px0 + (pw - text_w(l)) / 2, py0 + ph + 32);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	y = py0 + ph + AXIS_H;
	if (c->legend) {
		l = text(cr, font, LABEL_SIZE, false, false, c->legend);
		pango_layout_set_width(l, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD);
		cairo_move_to(cr, x, y + 6);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
		y += LEGEND_H * 2;
	}
	(void)y0;
	return chart_height(c);
}

void chart_page(void *crv, int page, double x, double y, double w, double h,
		const char *font, void *arg)
{
	cairo_t *cr = crv;
	const struct chart_set *s = arg;
	(void)h;
	if (page < 0 || page >= s->pages)
		return;
	size_t first = s->first[page], n = s->count[page];
	for (size_t i = first; i < first + n && i < s->n; i++) {
		const char *f = font ? font : "Sans";
		y += s->c[i].n_points ? draw_course(cr, &s->c[i], x, y, w, f)
		     : s->c[i].cols   ? draw_table(cr, &s->c[i], x, y, w, f)
				      : draw_chart(cr, &s->c[i], x, y, w, f);
		y += CHART_GAP;
	}
}

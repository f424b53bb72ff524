/*
 * chart — simple charts drawn with Cairo on PDF pages (with pdf, the only
 * module that includes Cairo or Pango; this header does not).
 *
 * A chart is a table (numbers right-aligned under headings that wrap), a
 * course over time (values joined by a line on a time axis, with events
 * as dashed lines), or a list of horizontal bars, one per row, each with a
 * label on the left, an optional range (a whisker from lo to hi, say the
 * quartiles) and an optional mark (a target), and a note printed after the bar
 * (the value with its unit, or the counts it rests on). A bar whose value is
 * below 0 is not drawn (a suppressed group): its note says why. Axis,
 * ticks and the unit are drawn under the bars. Everything is black, white
 * and greys with outlines, so charts read in greyscale and in print.
 *
 * A struct chart_set holds charts for whole pages: pdf_write calls
 * chart_page for each of its pages (see pdf_options.figure).
 */
#ifndef TB_CHART_H
#define TB_CHART_H

#include <stdbool.h>
#include <stddef.h>

struct chart_bar {
	char *label;
	double value;  /* < 0: not drawn */
	double lo, hi; /* a range drawn as a whisker; lo < 0: none */
	double mark;   /* a short vertical mark (a target); <= 0: none */
	char *note;    /* printed right of the bar; may be NULL */
	bool heading;  /* a group heading: label only, in bold */
};

struct chart {
	char *title;
	char *unit;   /* under the axis: "days", "% of decided" */
	char *legend; /* under the unit; may be NULL */
	double max;   /* the axis' end; 0: from the values */
	bool whole;   /* counts: the axis' steps whole numbers */
	struct chart_bar *bars;
	size_t n;
	/* a table instead of bars when cols > 0: a header row and rows ×
	 * cols cells; the first column left-aligned, the others right */
	size_t cols, rows;
	char **head, **cells;
	/* a course over time instead of bars when n_points > 0: values at
	 * days (x, from the first), joined by a line, each labelled (a
	 * date); events (decisions) as dashed vertical lines, labelled */
	double *px, *py;
	char **plabel;
	size_t n_points;
	double *ex;
	char **elabel;
	size_t n_events;
};

struct chart_set {
	struct chart *c;
	size_t n;
	int pages;
	/* which chart starts each page and how many it holds */
	size_t *first, *count;
};

void chart_init(struct chart *c, const char *title, const char *unit);
/* Adds a bar; label and note are copied (note may be NULL). */
struct chart_bar *chart_add(struct chart *c, const char *label, double value,
			    const char *note);
/* Adds a point of a course (x in days, y in the unit) or an event. */
void chart_point(struct chart *c, double x, double y, const char *label);
void chart_event(struct chart *c, double x, const char *label);

/* Makes c a table (copies head and cells). */
void chart_table(struct chart *c, size_t cols, const char *const *head,
		 size_t rows, const char *const *cells);
void chart_done(struct chart *c);

/* Lays charts out on pages (a long chart has a page of its own). Takes
 * over the charts (freed by chart_set_done). */
void chart_set_init(struct chart_set *s, struct chart *charts, size_t n);
void chart_set_done(struct chart_set *s);

/*
 * pdf_options.figure_layout for a chart set (arg): the charts fill the room
 * below the text on its last page (first_h points) when the first of them
 * fits there, then pages of h points. Returns the number of pages.
 */
int chart_layout(double first_h, double h, bool *shared, void *arg);

/*
 * Draws page (0-based) of the chart set arg (a struct chart_set) on cr (a
 * cairo_t) in the box x, y, w, h (points). font is a font family or NULL.
 */
void chart_page(void *cr, int page, double x, double y, double w, double h,
		const char *font, void *arg);

#endif

#include "pdf.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "clock.h"
#include "i18n.h"
#include "util.h"
#include "work.h"

/* A4 in points; margins in millimetres. The footer sits in the bottom
 * margin. */
#define PT_PER_MM	(72.0 / 25.4)
#define PAGE_W		595.276
#define PAGE_H		841.89
#define MARGIN_X	(20.0 * PT_PER_MM)
#define MARGIN_TOP	(20.0 * PT_PER_MM)
#define MARGIN_BOTTOM	(25.0 * PT_PER_MM)
#define FOOTER_BASELINE (PAGE_H - 12.0 * PT_PER_MM)
#define HEADER_TOP	(6.5 * PT_PER_MM)
#define BODY_W		(PAGE_W - 2.0 * MARGIN_X)

/* Relative to the base font size. */
#define TITLE_SCALE   1.6
#define HEADING_SCALE 1.25
#define FOOTER_SCALE  0.85
#define GAP	      0.6  /* an empty line */
#define HEADING_ABOVE 1.0  /* space before a heading */
#define HEADING_BELOW 0.25 /* space after a heading */
#define TITLE_BELOW   0.35
#define DIM_GREY      0x4f4f /* dark enough to print well */
#define TAB_GAP	      0.75   /* least space between table columns */
#define PARA_SPACE    0.45   /* between paragraphs of more than one line */
#define LINE_SPACING  1.15   /* times the font's line height */

/* A textdoc line turned into a paragraph's text: leading spaces dropped
 * (they become an indent), padding runs turned into tabs. */
struct para {
	char *text;
	size_t *map; /* byte offset in the line → offset in text */
	int indent;  /* columns */
	int *stops;  /* tab stop columns */
	double *seg; /* natural width of the text before each stop, points */
	size_t n_stops;
	enum textdoc_style kind; /* TD_TITLE, TD_HEADING or TD_NORMAL */
	bool empty;
	PangoLayout *layout;
};

/* One laid-out line on a page. */
struct placed {
	PangoLayoutLine *line; /* owned by its paragraph's layout */
	double x, baseline;
	int page;
};

struct writer {
	FILE *f;
	int err; /* errno of the first failed write */
};

static cairo_status_t write_cb(void *closure, const unsigned char *data,
			       unsigned int length)
{
	struct writer *w = closure;
	if (fwrite(data, 1, length, w->f) != length) {
		if (!w->err)
			w->err = errno ? errno : EIO;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* The display width of line[0..n). */
static int prefix_width(const char *line, size_t n)
{
	char *s = xstrndup(line, n);
	int w = util_display_width(s);
	free(s);
	return w;
}

static enum textdoc_style style_at(const struct textdoc_line *l, size_t at)
{
	for (size_t i = 0; i < l->n_spans; i++)
		if (at >= l->spans[i].start &&
		    at < l->spans[i].start + l->spans[i].len)
			return l->spans[i].style;
	return TD_NORMAL;
}

/* Whether text holds Hebrew or Arabic letters (U+0580..U+06FF). */
static bool has_rtl(const char *text, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		unsigned char b = (unsigned char)text[k];
		if (b >= 0xD6 && b <= 0xDB)
			return true;
	}
	return false;
}

/* text with a left-to-right mark before each run of digits when it is
 * right-to-left text (see para_from_line); caller frees. */
static char *rtl_numbers(const char *text)
{
	size_t n = strlen(text);
	if (!has_rtl(text, n))
		return xstrdup(text);
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < n; i++) {
		if (isdigit((unsigned char)text[i]) &&
		    (i == 0 || !isdigit((unsigned char)text[i - 1])))
			strbuf_puts(&sb, "\xe2\x80\x8e");
		strbuf_putc(&sb, text[i]);
	}
	return strbuf_detach(&sb);
}

static void para_from_line(struct para *p, const struct textdoc_line *l)
{
	size_t lead = 0;
	struct strbuf sb = {0};

	memset(p, 0, sizeof(*p));
	while (lead < l->len && l->text[lead] == ' ')
		lead++;
	if (lead == l->len) {
		p->empty = true;
		return;
	}
	p->indent = prefix_width(l->text, lead);
	enum textdoc_style first = style_at(l, lead);
	p->kind = first == TD_TITLE || first == TD_HEADING ? first : TD_NORMAL;

	/* Right-to-left text (Arabic, Hebrew) keeps numbers in their order:
	 * a left-to-right mark before each run of digits makes "2026-11-30"
	 * and "046-17 10 00" one left-to-right run (Unicode bidi rule W7). */
	bool rtl = has_rtl(l->text + lead, l->len - lead);

	/* The leading spaces map to offset 0. */
	p->map = xcalloc(l->len + 1, sizeof(*p->map));
	size_t i = lead;
	while (i < l->len) {
		size_t j = i;
		while (j < l->len && l->text[j] == ' ')
			j++;
		if (j - i >= 2 && j < l->len) {
			/* Padding: a tab to the column where text resumes. */
			p->stops = xrealloc(p->stops, (p->n_stops + 1) *
							  sizeof(*p->stops));
			p->stops[p->n_stops++] = prefix_width(l->text, j);
			for (size_t k = i; k < j; k++)
				p->map[k] = sb.len;
			strbuf_putc(&sb, '\t');
			i = j;
		} else if (j > i && j == l->len) {
			/* Trailing spaces are dropped. */
			for (size_t k = i; k < j; k++)
				p->map[k] = sb.len;
			i = j;
		} else {
			p->map[i] = sb.len;
			if (rtl && isdigit((unsigned char)l->text[i]) &&
			    (i == lead ||
			     !isdigit((unsigned char)l->text[i - 1])))
				strbuf_puts(&sb, "\xe2\x80\x8e"); /* U+200E */
			strbuf_putc(&sb, l->text[i]);
			i++;
		}
	}
	p->map[l->len] = sb.len;
	p->text = strbuf_detach(&sb);
}

static void para_done(struct para *p)
{
	if (p->layout)
		g_object_unref(p->layout);
	free(p->text);
	free(p->map);
	free(p->stops);
	free(p->seg);
	memset(p, 0, sizeof(*p));
}

static void add_attr(PangoAttrList *attrs, PangoAttribute *a, size_t start,
		     size_t end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(attrs, a);
}

/* The Pango attributes of a style over text[start..end). */
static void style_attrs(PangoAttrList *attrs, enum textdoc_style style,
			double size, size_t start, size_t end)
{
	switch (style) {
	case TD_TITLE:
		add_attr(attrs,
			 pango_attr_size_new(
			     (int)(size * TITLE_SCALE * PANGO_SCALE + 0.5)),
			 start, end);
		add_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start,
			 end);
		break;
	case TD_HEADING:
		add_attr(attrs,
			 pango_attr_size_new(
			     (int)(size * HEADING_SCALE * PANGO_SCALE + 0.5)),
			 start, end);
		add_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start,
			 end);
		break;
	case TD_STRONG:
	case TD_LABEL:
		add_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start,
			 end);
		break;
	case TD_WARN:
		add_attr(attrs, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start,
			 end);
		add_attr(attrs, pango_attr_style_new(PANGO_STYLE_ITALIC), start,
			 end);
		break;
	case TD_DIM:
		add_attr(
		    attrs,
		    pango_attr_foreground_new(DIM_GREY, DIM_GREY, DIM_GREY),
		    start, end);
		break;
	case TD_NORMAL:
	case TD_STYLE_COUNT:
		break;
	}
}

/* Creates p's layout, not yet wrapped, and measures the text before each
 * tab stop. */
static void para_layout(struct para *p, const struct textdoc_line *l,
			PangoContext *ctx, const PangoFontDescription *font,
			double size)
{
	PangoLayout *layout = pango_layout_new(ctx);

	pango_layout_set_font_description(layout, font);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
#if PANGO_VERSION_CHECK(1, 44, 0)
	pango_layout_set_line_spacing(layout, (float)LINE_SPACING);
#endif
	pango_layout_set_text(layout, p->text, -1);

	PangoAttrList *attrs = pango_attr_list_new();
	for (size_t i = 0; i < l->n_spans; i++) {
		const struct textdoc_span *s = &l->spans[i];
		size_t end = s->start + s->len;
		if (end > l->len)
			continue;
		if (p->map[s->start] < p->map[end])
			style_attrs(attrs, s->style, size, p->map[s->start],
				    p->map[end]);
	}
	pango_layout_set_attributes(layout, attrs);
	pango_attr_list_unref(attrs);

	if (p->n_stops) {
		/* Unwrapped, with default tabs: the x of a tab is the end of
		 * the text before it, the x after it the start of the next. */
		p->seg = xcalloc(p->n_stops, sizeof(*p->seg));
		double from = 0;
		size_t k = 0;
		for (const char *t = p->text; *t && k < p->n_stops; t++) {
			if (*t != '\t')
				continue;
			PangoRectangle at, after;
			int idx = (int)(t - p->text);
			pango_layout_index_to_pos(layout, idx, &at);
			pango_layout_index_to_pos(layout, idx + 1, &after);
			p->seg[k++] = (double)at.x / PANGO_SCALE - from;
			from = (double)after.x / PANGO_SCALE;
		}
	}
	p->layout = layout;
}

/*
 * Where each tab stop column goes, in points from the left margin: at its
 * column, or further right when the widest text before it (in any line)
 * would otherwise run into it. pos has widest + 1 entries.
 */
static void tab_positions(const struct para *paras, size_t n, int widest,
			  double colw, double size, double *pos)
{
	for (int c = 0; c <= widest; c++)
		pos[c] = -1;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < paras[i].n_stops; k++)
			pos[paras[i].stops[k]] = 0;
	for (int c = 0; c <= widest; c++) {
		if (pos[c] < 0)
			continue;
		pos[c] = c * colw;
		for (size_t i = 0; i < n; i++) {
			const struct para *p = &paras[i];
			for (size_t k = 0; k < p->n_stops; k++) {
				if (p->stops[k] != c)
					continue;
				double start =
				    k ? pos[p->stops[k - 1]] : p->indent * colw;
				double need =
				    start + p->seg[k] + TAB_GAP * size;
				if (need > pos[c])
					pos[c] = need;
			}
		}
	}
}

/* Sets the width, tabs and hanging indent of p's layout. */
static void para_wrap(struct para *p, const double *pos, double colw)
{
	double indent = p->indent * colw;
	double width = BODY_W - indent;

	pango_layout_set_width(p->layout, (int)(width * PANGO_SCALE));
	if (!p->n_stops)
		return;
	PangoTabArray *tabs = pango_tab_array_new((gint)p->n_stops, FALSE);
	int last = 0;
	for (size_t i = 0; i < p->n_stops; i++) {
		int at = (int)((pos[p->stops[i]] - indent) * PANGO_SCALE);
		if (at <= last)
			at = last + 1;
		pango_tab_array_set_tab(tabs, (gint)i, PANGO_TAB_LEFT, at);
		last = at;
	}
	pango_layout_set_tabs(p->layout, tabs);
	pango_tab_array_free(tabs);
	/* Wrapped lines hang at the first stop ("Label  value"). */
	double hang = pos[p->stops[0]] - indent;
	if (hang < width / 2)
		pango_layout_set_indent(p->layout, -(int)(hang * PANGO_SCALE));
}

struct lines {
	struct placed *v;
	size_t n, cap;
	int pages;
	double end_y; /* below the last line, on the last page */
};

static void place(struct lines *out, PangoLayoutLine *line, double x,
		  double baseline, int page)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 128;
		out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	out->v[out->n++] = (struct placed){
	    .line = line, .x = x, .baseline = baseline, .page = page};
	if (page + 1 > out->pages)
		out->pages = page + 1;
}

static double layout_height(PangoLayout *layout)
{
	PangoRectangle log;
	pango_layout_get_extents(layout, NULL, &log);
	return (double)log.height / PANGO_SCALE;
}

/* The height of the lines at the start of a paragraph that go on a page
 * together (pdf_lead_lines), with the spacing below them: what must fit
 * at the bottom of a page below a heading. */
static double lead_height(PangoLayout *layout)
{
	size_t lead =
	    pdf_lead_lines((size_t)pango_layout_get_line_count(layout));
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	int y0, y1, top;
	pango_layout_iter_get_line_yrange(it, &top, &y1);
	for (size_t i = 1; i < lead && pango_layout_iter_next_line(it); i++)
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
	pango_layout_iter_free(it);
	return (double)(y1 - top) / PANGO_SCALE;
}

/* The space above paragraph i: for an empty line, a heading, after a title
 * or heading, and between paragraphs of prose (more than one line, no
 * columns). */
static double space_above(const struct para *paras, size_t i, double size)
{
	double space = 0;
	size_t j = i;
	while (j > 0 && paras[j - 1].empty)
		j--;
	if (j < i)
		space = GAP * size;
	if (j == 0)
		return 0;
	const struct para *prev = &paras[j - 1], *p = &paras[i];
	double want = 0;
	if (p->kind == TD_HEADING)
		want = HEADING_ABOVE * size;
	else if (prev->kind == TD_TITLE)
		want = TITLE_BELOW * size;
	else if (prev->kind == TD_HEADING)
		want = HEADING_BELOW * size;
	else if (!p->n_stops && !prev->n_stops &&
		 (pango_layout_get_line_count(p->layout) > 1 ||
		  pango_layout_get_line_count(prev->layout) > 1))
		want = PARA_SPACE * size;
	return space > want ? space : want;
}

struct line_info {
	PangoLayoutLine *line;
	double dx, h, base;
};

/* The lines of a layout with their offsets and heights. Caller frees. */
static struct line_info *layout_lines(PangoLayout *layout, size_t *n)
{
	size_t cap = (size_t)pango_layout_get_line_count(layout);
	struct line_info *li = xcalloc(cap ? cap : 1, sizeof(*li));
	PangoLayoutIter *it = pango_layout_get_iter(layout);
	*n = 0;
	do {
		PangoRectangle log, own;
		int y0, y1;
		if (*n == cap)
			break;
		struct line_info *l = &li[(*n)++];
		pango_layout_iter_get_line_extents(it, NULL, &log);
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		l->line = pango_layout_iter_get_line_readonly(it);
		pango_layout_line_get_extents(l->line, NULL, &own);
		l->dx = (double)(log.x - own.x) / PANGO_SCALE;
		l->h = (double)(y1 - y0) / PANGO_SCALE;
		l->base = (double)(pango_layout_iter_get_baseline(it) - y0) /
			  PANGO_SCALE;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	return li;
}

/*
 * Breaks the paragraphs into pages: a line never straddles a page; a title
 * or heading stays with the first lines of the paragraph after it; a
 * paragraph neither leaves its first line alone at the bottom of a page
 * nor its last line alone at the top of the next.
 */
static void paginate(struct para *paras, size_t n, double size, double colw,
		     struct lines *out)
{
	const double top = MARGIN_TOP, bottom = PAGE_H - MARGIN_BOTTOM;
	double y = top;
	bool at_top = true;
	int page = 0;

	out->pages = 1;
	for (size_t i = 0; i < n; i++) {
		struct para *p = &paras[i];
		if (p->empty)
			continue;
		double above = space_above(paras, i, size);
		if (p->kind != TD_NORMAL && !at_top) {
			double need = layout_height(p->layout);
			for (size_t j = i + 1; j < n; j++) {
				if (paras[j].empty)
					continue;
				need += space_above(paras, j, size) +
					lead_height(paras[j].layout);
				break;
			}
			if (y + above + need > bottom) {
				page++;
				y = top;
				at_top = true;
			}
		}
		if (!at_top)
			y += above;

		double x = MARGIN_X + p->indent * colw;
		size_t nl;
		struct line_info *li = layout_lines(p->layout, &nl);
		double *h = xcalloc(nl ? nl : 1, sizeof(*h));
		for (size_t m = 0; m < nl; m++)
			h[m] = li[m].h;
		size_t k = 0;
		while (k < nl) {
			size_t fit = pdf_lines_fit(h, nl, k, y, bottom, at_top);
			for (size_t m = 0; m < fit; m++, k++) {
				place(out, li[k].line, x + li[k].dx,
				      y + li[k].base, page);
				y += li[k].h;
				at_top = false;
			}
			if (k < nl) {
				page++;
				y = top;
				at_top = true;
			}
		}
		free(h);
		free(li);
	}
	out->end_y = y;
}

/* Space between the text and figures drawn below it on its last page. */
#define FIGURE_GAP 18.0

static void draw_footer(cairo_t *cr, PangoContext *ctx,
			const PangoFontDescription *font,
			const char *footer_text, const char *page_text)
{
	PangoLayout *layout = pango_layout_new(ctx);
	PangoRectangle log;
	int base;

	pango_layout_set_font_description(layout, font);
	cairo_set_source_rgb(cr, DIM_GREY / 65535.0, DIM_GREY / 65535.0,
			     DIM_GREY / 65535.0);

	pango_layout_set_text(layout, page_text, -1);
	pango_layout_get_extents(layout, NULL, &log);
	base = pango_layout_get_baseline(layout);
	double page_w = (double)log.width / PANGO_SCALE;
	cairo_move_to(cr, PAGE_W - MARGIN_X - page_w,
		      FOOTER_BASELINE - (double)base / PANGO_SCALE);
	pango_cairo_show_layout(cr, layout);

	if (footer_text && *footer_text) {
		double room = BODY_W - page_w - 24.0;
		if (room > 24.0) {
			pango_layout_set_text(layout, footer_text, -1);
			pango_layout_set_width(layout,
					       (int)(room * PANGO_SCALE));
			pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
			base = pango_layout_get_baseline(layout);
			cairo_move_to(cr, MARGIN_X,
				      FOOTER_BASELINE -
					  (double)base / PANGO_SCALE);
			pango_cairo_show_layout(cr, layout);
		}
	}
	/* A hairline between the text and the footer. */
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, MARGIN_X, PAGE_H - MARGIN_BOTTOM + 6.0);
	cairo_line_to(cr, PAGE_W - MARGIN_X, PAGE_H - MARGIN_BOTTOM + 6.0);
	cairo_stroke(cr);
	g_object_unref(layout);
}

/* The width of n bytes of s in the header's font (layout's), points. */
static double header_width(const char *s, size_t n, void *arg)
{
	PangoLayout *layout = arg;
	PangoRectangle log;
	pango_layout_set_text(layout, s, (int)n);
	pango_layout_get_extents(layout, NULL, &log);
	return (double)log.width / PANGO_SCALE;
}

/* The header: up to two lines in the top margin, above a hairline. */
static void draw_header(cairo_t *cr, PangoContext *ctx,
			const PangoFontDescription *font, const char *text)
{
	PangoLayout *layout = pango_layout_new(ctx);
	pango_layout_set_font_description(layout, font);
	cairo_set_source_rgb(cr, DIM_GREY / 65535.0, DIM_GREY / 65535.0,
			     DIM_GREY / 65535.0);
	char *parts = pdf_header_unbreakable(text);
	char *lines = pdf_header_lines(parts, header_width, layout, BODY_W);
	free(parts);
	char *shown = rtl_numbers(lines);
	free(lines);
	pango_layout_set_text(layout, shown, -1);
	free(shown);
	/* up to two lines between the top edge and the hairline */
	pango_layout_set_width(layout, (int)(BODY_W * PANGO_SCALE));
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_height(layout, -2);
	pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
	cairo_move_to(cr, MARGIN_X, HEADER_TOP);
	pango_cairo_show_layout(cr, layout);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, MARGIN_X, MARGIN_TOP - 6.0);
	cairo_line_to(cr, PAGE_W - MARGIN_X, MARGIN_TOP - 6.0);
	cairo_stroke(cr);
	g_object_unref(layout);
}

static PangoFontDescription *make_font(const char *family, double size)
{
	PangoFontDescription *font = pango_font_description_new();
	/* A family list: fontconfig takes the first one installed. */
	char *families =
	    family && *family && strcmp(family, PDF_DEFAULT_FONT) != 0
		? xasprintf("%s,%s,sans-serif", family, PDF_DEFAULT_FONT)
		: xstrdup(PDF_DEFAULT_FONT ",sans-serif");
	pango_font_description_set_family(font, families);
	pango_font_description_set_size(font, (gint)(size * PANGO_SCALE + 0.5));
	free(families);
	return font;
}

static void set_metadata(cairo_surface_t *surface, const char *title)
{
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
	if (title && *title) {
		char *clean = util_sanitize(title, false);
		cairo_pdf_surface_set_metadata(surface,
					       CAIRO_PDF_METADATA_TITLE, clean);
		free(clean);
	}
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
				       "tumorboard");
	if (clock_is_fixed()) {
		char ts[21];
		clock_timestamp(ts);
		cairo_pdf_surface_set_metadata(
		    surface, CAIRO_PDF_METADATA_CREATE_DATE, ts);
		cairo_pdf_surface_set_metadata(surface,
					       CAIRO_PDF_METADATA_MOD_DATE, ts);
	}
#else
	(void)surface;
	(void)title;
#endif
}

/* doc's lines as paragraphs laid out with font at size, wrapped at the
 * tab stops of one column width and broken into pages in *lines; *n_out
 * paragraphs (caller frees each with para_done, then the array). */
static struct para *layout(const struct textdoc *doc, PangoContext *ctx,
			   PangoFontDescription *font, double size,
			   size_t *n_out, struct lines *lines)
{
	/* The trailing open line is not part of the document when empty. */
	size_t n = doc->n_lines;
	if (n && doc->lines[n - 1].len == 0)
		n--;
	struct para *paras = xcalloc(n ? n : 1, sizeof(*paras));
	int widest = 0;
	for (size_t i = 0; i < n; i++) {
		para_from_line(&paras[i], &doc->lines[i]);
		for (size_t k = 0; k < paras[i].n_stops; k++)
			if (paras[i].stops[k] > widest)
				widest = paras[i].stops[k];
	}

	/* One column is the average character width, narrowed when the
	 * widest table would not fit (leaving room for its last column). */
	PangoFontMetrics *m = pango_context_get_metrics(ctx, font, NULL);
	double colw = (double)pango_font_metrics_get_approximate_char_width(m) /
		      PANGO_SCALE;
	pango_font_metrics_unref(m);
	if (widest && (widest + 12) * colw > BODY_W)
		colw = BODY_W / (widest + 12);

	for (size_t i = 0; i < n; i++)
		if (!paras[i].empty)
			para_layout(&paras[i], &doc->lines[i], ctx, font, size);
	double *pos = xcalloc((size_t)widest + 1, sizeof(*pos));
	tab_positions(paras, n, widest, colw, size, pos);
	for (size_t i = 0; i < n; i++)
		if (!paras[i].empty)
			para_wrap(&paras[i], pos, colw);
	free(pos);

	paginate(paras, n, size, colw, lines);
	*n_out = n;
	return paras;
}

/* Lays out and draws doc on surface. */
static void render(cairo_surface_t *surface, const struct textdoc *doc,
		   const struct pdf_options *opt, double size)
{
	cairo_t *cr = cairo_create(surface);
	PangoContext *ctx = pango_cairo_create_context(cr);
	cairo_font_options_t *fo = cairo_font_options_create();
	PangoFontDescription *font = make_font(opt->font_family, size);
	double footer_size = size * FOOTER_SCALE < PDF_MIN_FONT_SIZE
				 ? PDF_MIN_FONT_SIZE
				 : size * FOOTER_SCALE;
	PangoFontDescription *footer_font =
	    make_font(opt->font_family, footer_size);
	char *footer_text =
	    opt->footer_text ? util_sanitize(opt->footer_text, false) : NULL;
	char *page_tmpl =
	    opt->page_text ? util_sanitize(opt->page_text, false) : NULL;
	char *header_text =
	    opt->header_text ? util_sanitize(opt->header_text, false) : NULL;

	/* Points, not pixels, and no hinting: the layout is for print. */
	pango_cairo_context_set_resolution(ctx, 72.0);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);

	size_t n;
	struct lines lines = {0};
	struct para *paras = layout(doc, ctx, font, size, &n, &lines);

	const char *figure_font = opt->font_family && *opt->font_family
				      ? opt->font_family
				      : PDF_DEFAULT_FONT;
	const double body_h = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM;
	/* figures may start below the text on its last page */
	bool shared = false;
	double first_y = lines.n ? lines.end_y + FIGURE_GAP : MARGIN_TOP;
	double first_h = PAGE_H - MARGIN_BOTTOM - first_y;
	int figures = !opt->figure ? 0
		      : opt->figure_layout
			  ? opt->figure_layout(first_h > 0 ? first_h : 0,
					       body_h, &shared, opt->figure_arg)
			  : opt->figure_pages;
	int pages = lines.pages + figures - (shared && figures ? 1 : 0);
	size_t k = 0;
	for (int page = 0; page < lines.pages && !work_cancelled(); page++) {
		cairo_set_source_rgb(cr, 0, 0, 0);
		for (; k < lines.n && lines.v[k].page == page; k++) {
			cairo_move_to(cr, lines.v[k].x, lines.v[k].baseline);
			pango_cairo_show_layout_line(cr, lines.v[k].line);
		}
		if (shared && figures && page == lines.pages - 1) {
			cairo_save(cr);
			opt->figure(cr, 0, MARGIN_X, first_y, BODY_W, first_h,
				    figure_font, opt->figure_arg);
			cairo_restore(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
		}
		char *pt = pdf_page_text(page_tmpl, page + 1, pages);
		draw_footer(cr, ctx, footer_font, footer_text, pt);
		free(pt);
		if (header_text && *header_text)
			draw_header(cr, ctx, footer_font, header_text);
		cairo_show_page(cr);
	}
	for (int page = shared ? 1 : 0; page < figures && !work_cancelled();
	     page++) {
		cairo_save(cr);
		opt->figure(cr, page, MARGIN_X, MARGIN_TOP, BODY_W, body_h,
			    figure_font, opt->figure_arg);
		cairo_restore(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		char *pt = pdf_page_text(
		    page_tmpl, lines.pages + page + 1 - (shared ? 1 : 0),
		    pages);
		draw_footer(cr, ctx, footer_font, footer_text, pt);
		free(pt);
		if (header_text && *header_text)
			draw_header(cr, ctx, footer_font, header_text);
		cairo_show_page(cr);
	}

	free(lines.v);
	for (size_t i = 0; i < n; i++)
		para_done(&paras[i]);
	free(paras);
	free(footer_text);
	free(header_text);
	free(page_tmpl);
	pango_font_description_free(font);
	pango_font_description_free(footer_font);
	g_object_unref(ctx);
	cairo_destroy(cr);
}

static void set_err(char *err, size_t errlen, const char *path, const char *why)
{
	if (err && errlen)
		snprintf(err, errlen, "%s: %s", path, why);
}

enum tb_status pdf_write(const struct textdoc *doc,
			 const struct pdf_options *opt, const char *path,
			 char *err, size_t errlen)
{
	static const struct pdf_options defaults = PDF_OPTIONS_DEFAULT;
	enum tb_status st = TB_IO;
	char *tmp = xasprintf("%s.XXXXXX", path);
	struct writer w = {0};
	cairo_surface_t *surface = NULL;
	int fd;

	if (!opt)
		opt = &defaults;
	double size = opt->font_size > PDF_MIN_FONT_SIZE ? opt->font_size
							 : PDF_MIN_FONT_SIZE;

	fd = mkstemp(tmp);
	if (fd < 0) {
		set_err(err, errlen, path, strerror(errno));
		free(tmp);
		return TB_IO;
	}
	w.f = fdopen(fd, "wb");
	if (!w.f) {
		set_err(err, errlen, path, strerror(errno));
		close(fd);
		goto cleanup;
	}

	surface =
	    cairo_pdf_surface_create_for_stream(write_cb, &w, PAGE_W, PAGE_H);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		set_err(err, errlen, path,
			cairo_status_to_string(cairo_surface_status(surface)));
		goto cleanup;
	}
	set_metadata(surface, opt->title);
	render(surface, doc, opt, size);
	if (work_cancelled() && err && errlen) /* between two pages */
		snprintf(err, errlen, _("cancelled; nothing was written"));
	if (work_cancelled()) /* the file goes */
		goto cleanup;
	cairo_surface_finish(surface);
	cairo_status_t cs = cairo_surface_status(surface);
	if (cs != CAIRO_STATUS_SUCCESS) {
		set_err(err, errlen, path,
			w.err ? strerror(w.err) : cairo_status_to_string(cs));
		goto cleanup;
	}
	if (fflush(w.f) != 0 || fsync(fileno(w.f)) != 0) {
		set_err(err, errlen, path, strerror(errno));
		goto cleanup;
	}
	int rc = fclose(w.f);
	w.f = NULL;
	if (rc != 0) {
		set_err(err, errlen, path, strerror(errno));
		goto cleanup;
	}
	if (rename(tmp, path) != 0) {
		set_err(err, errlen, path, strerror(errno));
		goto cleanup;
	}
	st = TB_OK;

cleanup:
	if (surface)
		cairo_surface_destroy(surface);
	if (w.f)
		fclose(w.f);
	if (st != TB_OK)
		unlink(tmp);
	free(tmp);
	return st;
}

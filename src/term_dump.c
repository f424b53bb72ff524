/*
 * term_dump — the screen's cells written as text: what "dump" in a key
 * script writes (tumorboard(1), SCREEN SCRIPTS), and in the attribute mode
 * the colours and attributes of every cell, runs of the same marked
 * UNREADABLE where the foreground is the background. Reads the grid
 * (term_grid.h); draws nothing. Used by term.c.
 */
#include "term_dump.h"

#include <stdlib.h>
#include <wchar.h>

#include "util.h"

/* The attribute names written in an attribute dump, in this order. */
static const struct {
	unsigned a;
	const char *name;
} dump_attr_names[] = {
    {TA_BOLD, "bold"},
    {TA_DIM, "dim"},
    {TA_REVERSE, "reverse"},
    {TA_UNDERLINE, "underline"},
};

/*
 * An attribute dump row: runs of cells with the same pair and attributes,
 * "= FROM-TO pPAIR FG/BG ATTRS", colours as numbers or "-" for the
 * terminal's default; a run whose printed (non-blank) cells have the same
 * foreground and background colour is marked UNREADABLE. Adds the row's
 * printed and unreadable cells to *printed and *bad.
 */
static void dump_row_attrs(FILE *out, const struct term_grid *g, int y,
			   bool colour, int *printed, int *bad)
{
	struct strbuf sb = {0};
	int x = 0;
	while (x < g->cols) {
		unsigned color = term_grid_at(g, y, x)->color;
		int pair = term_grid_pair(color, colour);
		unsigned a = term_grid_attrs(color, colour);
		int from = x, run_printed = 0;
		for (; x < g->cols; x++) {
			const struct term_cell *c = term_grid_at(g, y, x);
			if (term_grid_pair(c->color, colour) != pair ||
			    term_grid_attrs(c->color, colour) != a)
				break;
			if (c->ch != ' ')
				run_printed++;
		}
		short fg, bg;
		term_grid_colours(color, colour, &fg, &bg);
		strbuf_printf(&sb, "%s%d-%d p%d ", sb.len ? "  " : "= ", from,
			      x - 1, pair);
		if (fg < 0)
			strbuf_puts(&sb, "-/");
		else
			strbuf_printf(&sb, "%d/", fg);
		if (bg < 0)
			strbuf_puts(&sb, "-");
		else
			strbuf_printf(&sb, "%d", bg);
		for (size_t i = 0; i < UTIL_ARRAY_LEN(dump_attr_names); i++)
			if (a & dump_attr_names[i].a)
				strbuf_printf(&sb, " %s",
					      dump_attr_names[i].name);
		*printed += run_printed;
		if (run_printed && fg == bg && fg >= 0) {
			strbuf_puts(&sb, " UNREADABLE");
			*bad += run_printed;
		}
	}
	fprintf(out, "%s\n", sb.buf ? sb.buf : "=");
	strbuf_done(&sb);
}

void term_dump_screen(FILE *out, const struct term_grid *g, int number,
		      bool attrs, bool colour)
{
	size_t cap = (size_t)g->cols * 2 + 1;
	wchar_t *row = xcalloc(cap, sizeof(wchar_t));
	char *mb = xmalloc(cap * MB_CUR_MAX + 1);
	int printed = 0, bad = 0;
	fprintf(out,
		/* untranslated: read by tests */ "--- screen %d (%dx%d) ---\n",
		number, g->cols, g->rows);
	for (int y = 0; y < g->rows; y++) {
		size_t n = 0;
		for (int x = 0; x < g->cols; x++) {
			const struct term_cell *c = term_grid_at(g, y, x);
			if (c->ch == TERM_CELL_RIGHT)
				continue;
			row[n++] = (wchar_t)c->ch;
			if (c->mark)
				row[n++] = (wchar_t)c->mark;
		}
		row[n] = L'\0';
		size_t len = wcstombs(mb, row, cap * MB_CUR_MAX);
		if (len == (size_t)-1)
			len = 0;
		while (len && mb[len - 1] == ' ')
			len--;
		fprintf(out, "%.*s\n", (int)len, mb);
		if (attrs)
			dump_row_attrs(out, g, y, colour, &printed, &bad);
	}
	if (attrs)
		fprintf(out,
			/* untranslated: read by tests */
			"--- %s: %d printed cells, %d unreadable (fg = bg) "
			"---\n",
			colour ? "colour" : "monochrome", printed, bad);
	free(row);
	free(mb);
}

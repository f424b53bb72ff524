/*
 * term_dump — the headless screen read back and written as text: what
 * "dump" in a key script writes (tumorboard(1), SCREEN SCRIPTS), and in
 * the attribute mode the colours and attributes of every cell, runs of
 * the same marked UNREADABLE where the foreground is the background.
 * Reads the curses screen; draws nothing. Used by term.c.
 */
#include "term_dump.h"

#include <stdlib.h>
#include <wchar.h>

#include "ui_curses.h"
#include "util.h"

/* The attribute names written in an attribute dump, in this order. */
static const struct {
	attr_t a;
	const char *name;
} dump_attr_names[] = {
    {A_BOLD, "bold"},	      {A_DIM, "dim"},
    {A_REVERSE, "reverse"},   {A_UNDERLINE, "underline"},
    {A_STANDOUT, "standout"}, {A_BLINK, "blink"},
};

/*
 * The colours a cell is drawn in: the pair's foreground and background
 * (-1: the terminal's default), swapped by reverse video as a terminal
 * does. Colour pairs only count when the screen uses colour.
 */
static void cell_colours(short pair, attr_t a, bool colour, short *fg,
			 short *bg)
{
	*fg = *bg = -1;
	if (colour && pair_content(pair, fg, bg) == ERR)
		*fg = *bg = -1;
	if (a & A_REVERSE) {
		short t = *fg;
		*fg = *bg;
		*bg = t;
	}
}

/*
 * An attribute dump row: runs of cells with the same pair and attributes,
 * "= FROM-TO pPAIR FG/BG ATTRS", colours as numbers or "-" for the
 * terminal's default; a run whose printed (non-blank) cells have the same
 * foreground and background colour is marked UNREADABLE. Adds the row's
 * printed and unreadable cells to *printed and *bad.
 */
static void dump_row_attrs(FILE *out, int y, bool colour, int *printed,
			   int *bad)
{
	struct strbuf sb = {0};
	int x = 0;
	while (x < COLS) {
		cchar_t cc;
		wchar_t wch[CCHARW_MAX + 1];
		attr_t a;
		short pair;
		mvin_wch(y, x, &cc);
		getcchar(&cc, wch, &a, &pair, NULL);
		a &= A_ATTRIBUTES & ~A_COLOR;
		int from = x, run_printed = 0;
		for (; x < COLS; x++) {
			attr_t a2;
			short pair2;
			mvin_wch(y, x, &cc);
			getcchar(&cc, wch, &a2, &pair2, NULL);
			a2 &= A_ATTRIBUTES & ~A_COLOR;
			if (a2 != a || pair2 != pair)
				break;
			if (wch[0] && wch[0] != L' ')
				run_printed++;
		}
		short fg, bg;
		cell_colours(pair, a, colour, &fg, &bg);
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

void term_dump_screen(FILE *out, int number, bool attrs, bool colour)
{
	wchar_t *row = xcalloc((size_t)COLS + 1, sizeof(wchar_t));
	char *mb = xmalloc((size_t)COLS * MB_CUR_MAX + 1);
	int printed = 0, bad = 0;
	fprintf(out,
		/* untranslated: read by tests */ "--- screen %d (%dx%d) ---\n",
		number, COLS, LINES);
	for (int y = 0; y < LINES; y++) {
		int n = mvinnwstr(y, 0, row, COLS);
		if (n < 0)
			n = 0;
		row[n] = L'\0';
		size_t len = wcstombs(mb, row, (size_t)COLS * MB_CUR_MAX);
		if (len == (size_t)-1)
			len = 0;
		while (len && mb[len - 1] == ' ')
			len--;
		fprintf(out, "%.*s\n", (int)len, mb);
		if (attrs)
			dump_row_attrs(out, y, colour, &printed, &bad);
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

/*
 * See term_out.h.
 */
#include "term_out.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

void term_out_init(struct term_out *o, FILE *f, const struct term_caps *caps)
{
	memset(o, 0, sizeof(*o));
	o->caps = *caps;
	o->f = f;
	o->sgr = -1;
	o->cursor = -1;
}

void term_out_done(struct term_out *o)
{
	for (int i = 0; i <= TC_COUNT; i++) {
		free(o->caps.style[i]);
		o->caps.style[i] = NULL;
	}
	term_grid_done(&o->shown);
	strbuf_done(&o->buf);
	o->known = false;
}

void term_out_forget(struct term_out *o)
{
	o->known = false;
	o->scroll = 0;
	o->sgr = -1;	/* colours and the cursor's visibility are sent */
	o->cursor = -1; /* again too (curses may have changed them) */
}

void term_out_scroll(struct term_out *o, int top, int bottom, int shift)
{
	/* one scroll a frame; without the sequences the rows are written */
	if (!o->known || o->scroll || !o->caps.csr || !o->caps.cup ||
	    !(shift > 0 ? o->caps.ind : o->caps.ri))
		return;
	o->scroll_top = top;
	o->scroll_bottom = bottom;
	o->scroll = shift;
}

static void put_uint(struct strbuf *b, unsigned v)
{
	char d[12];
	int n = 0;
	do
		d[n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < (int)sizeof(d));
	while (n)
		strbuf_putc(b, d[--n]);
}

/* A sequence with two numbers: the common ANSI forms written here, any
 * other through terminfo's tparm. */
static void put_param(struct term_out *o, const char *cap, int a, int b)
{
	static const char *const ansi[] = {"\033[%i%p1%d;%p2%dH",
					   "\033[%i%p1%d;%p2%dr"};
	if (cap != o->param_cap) { /* the same caps come again and again */
		o->param_cap = cap;
		o->param_form = -1;
		for (int i = 0; i < (int)UTIL_ARRAY_LEN(ansi); i++)
			if (strcmp(cap, ansi[i]) == 0)
				o->param_form = i;
	}
	if (o->param_form >= 0) {
		strbuf_puts(&o->buf, "\033[");
		put_uint(&o->buf, (unsigned)a + 1);
		strbuf_putc(&o->buf, ';');
		put_uint(&o->buf, (unsigned)b + 1);
		strbuf_putc(&o->buf, o->param_form ? 'r' : 'H');
		return;
	}
	const char *s = o->caps.tparm2 ? o->caps.tparm2(cap, a, b) : NULL;
	if (s)
		strbuf_puts(&o->buf, s);
}

static void put_color(struct term_out *o, int color)
{
	if (o->sgr == color)
		return;
	if (o->caps.style[color])
		strbuf_puts(&o->buf, o->caps.style[color]);
	o->sgr = color;
}

static void put_char(struct term_out *o, uint32_t ch)
{
	if (ch < 0x80) {
		strbuf_putc(&o->buf, (char)ch);
		return;
	}
	char mb[MB_LEN_MAX];
	mbstate_t st;
	memset(&st, 0, sizeof(st));
	size_t n = wcrtomb(mb, (wchar_t)ch, &st);
	if (n == (size_t)-1)
		strbuf_putc(&o->buf, '?');
	else
		strbuf_add(&o->buf, mb, n);
}

static bool cell_eq(const struct term_cell *a, const struct term_cell *b)
{
	return a->ch == b->ch && a->mark == b->mark && a->color == b->color;
}

static bool cell_blank(const struct term_cell *c)
{
	return c->ch == ' ' && !c->mark && !c->color;
}

/* The cells from c on (at most n) that are ASCII without a mark, in c's
 * colour, added at once (as put_char would one by one); how many. */
static int ascii_run(struct term_out *o, const struct term_cell *c, int n)
{
	char run[128];
	int k = 0;
	while (k < n && k < (int)sizeof(run) && c[k].ch < 0x80 && !c[k].mark &&
	       c[k].color == c[0].color) {
		run[k] = (char)c[k].ch;
		k++;
	}
	if (k)
		strbuf_add(&o->buf, run, (size_t)k);
	return k;
}

/* Row y: from its first to its last changed cell (whole wide characters,
 * old and new), a blank end as one erase. */
static void put_row(struct term_out *o, const struct term_grid *g, int y)
{
	const struct term_cell *nw = term_grid_at(g, y, 0);
	struct term_cell *old = term_grid_at(&o->shown, y, 0);
	int cols = g->cols, first = 0, last = cols - 1;
	if (memcmp(nw, old, (size_t)cols * sizeof(*nw)) == 0)
		return;
	while (first < cols && cell_eq(&nw[first], &old[first]))
		first++;
	if (first == cols)
		return;
	while (cell_eq(&nw[last], &old[last]))
		last--;
	while (first > 0 && (nw[first].ch == TERM_CELL_RIGHT ||
			     old[first].ch == TERM_CELL_RIGHT))
		first--;
	while (last + 1 < cols && (nw[last + 1].ch == TERM_CELL_RIGHT ||
				   old[last + 1].ch == TERM_CELL_RIGHT))
		last++;
	int end = cols; /* the row is blank from end on */
	while (end > first && cell_blank(&nw[end - 1]))
		end--;
	bool erase = o->caps.el && end <= last;
	int upto = erase ? end - 1 : last; /* the last cell written */
	if (!o->caps.bottom_right && y == g->rows - 1 && upto == cols - 1) {
		/* writing the last cell would scroll the screen: left */
		upto = nw[cols - 1].ch == TERM_CELL_RIGHT ? cols - 3 : cols - 2;
		last = upto;
	}
	if (upto < first && !erase)
		return;
	put_param(o, o->caps.cup, y, first);
	for (int x = first; x <= upto; x++) {
		put_color(o, nw[x].color);
		int k = ascii_run(o, nw + x, upto - x + 1);
		if (k) {
			x += k - 1;
			continue;
		}
		if (nw[x].ch == TERM_CELL_RIGHT) {
			if (x == first) /* a half: a blank holds its place */
				put_char(o, ' ');
			continue;
		}
		put_char(o, nw[x].ch);
		if (nw[x].mark)
			put_char(o, nw[x].mark);
	}
	if (erase) {
		put_color(o, 0);
		strbuf_puts(&o->buf, o->caps.el);
		last = cols - 1;
	}
	memcpy(old + first, nw + first,
	       (size_t)(last - first + 1) * sizeof(*old));
}

/* The pending scroll, the same on the terminal and on shown. */
static void put_scroll(struct term_out *o)
{
	int top = o->scroll_top, bottom = o->scroll_bottom, s = o->scroll;
	o->scroll = 0;
	put_color(o, 0); /* the rows scrolled in get the normal background */
	put_param(o, o->caps.csr, top, bottom);
	put_param(o, o->caps.cup, s > 0 ? bottom : top, 0);
	for (int i = 0; i < (s > 0 ? s : -s); i++)
		strbuf_puts(&o->buf, s > 0 ? o->caps.ind : o->caps.ri);
	put_param(o, o->caps.csr, 0, o->shown.rows - 1);
	term_grid_shift(&o->shown, top, bottom, s);
}

/* The terminal cleared (or, without the sequence, every cell taken as
 * unknown: all of them are written). */
static void put_clear(struct term_out *o, const struct term_grid *g)
{
	term_grid_init(&o->shown, g->rows, g->cols);
	put_color(o, 0);
	if (o->caps.clear)
		strbuf_puts(&o->buf, o->caps.clear);
	else
		for (long i = 0; i < (long)g->rows * g->cols; i++)
			o->shown.cell[i].ch = 0;
	for (int y = 0; y < g->rows; y++)
		g->dirty[y] = true;
	o->known = true;
	o->scroll = 0;
}

/* The frame's bytes in one write(2) where the stream has a descriptor
 * (a slow link gets the screen whole, not in the stream's pieces). */
static void put_out(struct term_out *o)
{
	int fd = fileno(o->f);
	if (fd < 0) {
		fwrite(o->buf.buf, 1, o->buf.len, o->f);
		fflush(o->f);
		return;
	}
	fflush(o->f);
	for (size_t done = 0; done < o->buf.len;) {
		ssize_t n = write(fd, o->buf.buf + done, o->buf.len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return; /* the terminal is gone: the key loop sees it */
		done += (size_t)n;
	}
}

void term_out_frame(struct term_out *o, struct term_grid *g, int y, int x,
		    bool cursor)
{
	o->buf.len = 0;
	if (o->buf.buf)
		o->buf.buf[0] = '\0';
	if (!o->caps.cup)
		return;
	if (!o->known || o->shown.rows != g->rows || o->shown.cols != g->cols)
		put_clear(o, g);
	if (o->scroll)
		put_scroll(o);
	for (int r = 0; r < g->rows; r++)
		if (g->dirty[r]) {
			put_row(o, g, r);
			g->dirty[r] = false;
		}
	if (cursor && g->rows > 0 && g->cols > 0)
		put_param(o, o->caps.cup,
			  y < g->rows ? (y < 0 ? 0 : y) : g->rows - 1,
			  x < g->cols ? (x < 0 ? 0 : x) : g->cols - 1);
	if ((int)cursor != o->cursor) {
		const char *s = cursor ? o->caps.cnorm : o->caps.civis;
		if (s)
			strbuf_puts(&o->buf, s);
		o->cursor = cursor;
	}
	if (o->buf.len && o->f)
		put_out(o);
}

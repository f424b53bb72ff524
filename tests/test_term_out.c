/*
 * Unit tests: term_grid and term_out, the screen's cells and what is
 * written to the terminal. The writer's bytes are played on a model
 * terminal that knows the sequences given to it, and after every frame
 * the model must show each cell as the grid has it: character, mark and
 * colour.
 */
#include "testutil.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../src/term_dump.h"
#include "../src/term_out.h"

static int frame_no; /* the frame being checked, for messages */

/* The model terminal. */
struct model {
	int rows, cols, y, x, color, top, bottom;
	struct term_cell *c;
};

static struct term_cell *mcell(struct model *m, int y, int x)
{
	return &m->c[y * m->cols + x];
}

static void mscroll(struct model *m, int dir)
{
	int from = m->top, to = m->bottom;
	struct term_cell blank = {.ch = ' ', .color = (uint8_t)m->color};
	if (dir > 0) {
		memmove(mcell(m, from, 0), mcell(m, from + 1, 0),
			sizeof(struct term_cell) *
			    (size_t)(m->cols * (to - from)));
		for (int x = 0; x < m->cols; x++)
			*mcell(m, to, x) = blank;
	} else {
		memmove(mcell(m, from + 1, 0), mcell(m, from, 0),
			sizeof(struct term_cell) *
			    (size_t)(m->cols * (to - from)));
		for (int x = 0; x < m->cols; x++)
			*mcell(m, from, x) = blank;
	}
}

/* Plays bytes s of length n; fails on anything it does not know. */
static void mplay(struct model *m, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (s[i] == '\033') {
			int a = 0, b = 0, k = 0;
			char fin = 0;
			if (s[i + 1] == 'M') {
				if (m->y == m->top)
					mscroll(m, -1);
				else
					m->y--;
				i += 2;
				continue;
			}
			assert_int_equal(s[i + 1], '[');
			i += 2;
			if (s[i] == '?') { /* cursor shown or hidden */
				i += 4;
				continue;
			}
			while (i < n &&
			       (s[i] == ';' || (s[i] >= '0' && s[i] <= '9'))) {
				if (s[i] == ';')
					k++;
				else if (k)
					b = b * 10 + s[i] - '0';
				else
					a = a * 10 + s[i] - '0';
				i++;
			}
			fin = s[i++];
			if (fin == 'H') { /* no numbers: the top left */
				m->y = a ? a - 1 : 0;
				m->x = b ? b - 1 : 0;
			} else if (fin == 'r') {
				m->top = a - 1;
				m->bottom = b - 1;
			} else if (fin == 'J') {
				for (int j = 0; j < m->rows * m->cols; j++)
					m->c[j] = (struct term_cell){
					    .ch = ' ',
					    .mark = 0,
					    .color = (uint8_t)m->color};
			} else if (fin == 'K') {
				for (int x = m->x; x < m->cols; x++)
					*mcell(m, m->y, x) = (struct term_cell){
					    .ch = ' ',
					    .mark = 0,
					    .color = (uint8_t)m->color};
			} else if (fin == 'm') {
				m->color = a - 100; /* the test's styles */
			} else {
				fail_msg("unknown sequence %c", fin);
			}
			continue;
		}
		if (s[i] == '\n') {
			if (m->y == m->bottom)
				mscroll(m, 1);
			else
				m->y++;
			i++;
			continue;
		}
		wchar_t wc;
		mbstate_t st;
		memset(&st, 0, sizeof(st));
		size_t len = mbrtowc(&wc, s + i, n - i, &st);
		assert_true(len > 0 && len <= 4);
		i += len;
		int w = wcwidth(wc);
		if (w == 0) {
			assert_true(m->x > 0);
			struct term_cell *c = mcell(m, m->y, m->x - 1);
			if (c->ch == TERM_CELL_RIGHT)
				c--;
			c->mark = (uint32_t)wc;
			continue;
		}
		assert_true(m->y >= 0 && m->y < m->rows);
		assert_true(m->x >= 0 && m->x + w <= m->cols);
		*mcell(m, m->y, m->x) = (struct term_cell){
		    .ch = (uint32_t)wc, .mark = 0, .color = (uint8_t)m->color};
		if (w == 2)
			*mcell(m, m->y, m->x + 1) =
			    (struct term_cell){.ch = TERM_CELL_RIGHT,
					       .mark = 0,
					       .color = (uint8_t)m->color};
		m->x += w; /* at the right edge: no wrap is ever asked for */
	}
}

/* A writer into a memory buffer with the common ANSI sequences. */
struct rig {
	struct term_out out;
	struct term_grid g;
	struct model m;
	char *mem;
	size_t len;
	FILE *f;
};

static void rig_init(struct rig *r, int rows, int cols, bool bottom_right)
{
	memset(r, 0, sizeof(*r));
	r->f = open_memstream(&r->mem, &r->len);
	struct term_caps c = {
	    .cup = "\033[%i%p1%d;%p2%dH",
	    .clear = "\033[H\033[2J",
	    .el = "\033[K",
	    .csr = "\033[%i%p1%d;%p2%dr",
	    .ind = "\n",
	    .ri = "\033M",
	    .civis = "\033[?25l",
	    .cnorm = "\033[?25h",
	    .bottom_right = bottom_right,
	};
	for (int i = 0; i <= TC_COUNT; i++)
		c.style[i] = xasprintf("\033[%dm", 100 + i);
	term_out_init(&r->out, r->f, &c);
	term_grid_init(&r->g, rows, cols);
	r->m = (struct model){
	    .rows = rows, .cols = cols, .bottom = rows - 1, .color = 7};
	r->m.c = xcalloc((size_t)rows * (size_t)cols, sizeof(struct term_cell));
}

/* A frame written and played; returns the bytes written. */
static size_t rig_frame(struct rig *r)
{
	long before = ftell(r->f);
	term_out_frame(&r->out, &r->g, 0, 0, false);
	fflush(r->f);
	size_t n = r->len - (size_t)before;
	mplay(&r->m, r->mem + before, n);
	return n;
}

static void rig_same(struct rig *r, int skip_last)
{
	for (int y = 0; y < r->g.rows; y++)
		for (int x = 0; x < r->g.cols; x++) {
			if (skip_last && y == r->g.rows - 1 &&
			    x == r->g.cols - 1)
				continue;
			const struct term_cell *a = term_grid_at(&r->g, y, x),
					       *b = mcell(&r->m, y, x);
			if (a->ch != b->ch || a->mark != b->mark ||
			    a->color != b->color)
				fail_msg("frame %d, cell %d,%d: grid %x/%x/%d, "
					 "terminal %x/%x/%d",
					 frame_no, y, x, a->ch, a->mark,
					 a->color, b->ch, b->mark, b->color);
		}
}

static void rig_done(struct rig *r)
{
	term_out_done(&r->out);
	term_grid_done(&r->g);
	fclose(r->f);
	free(r->mem);
	free(r->m.c);
}

static void put(struct term_grid *g, int y, int x, const char *s,
		enum term_color c)
{
	term_grid_put(g, &y, &x, g->cols, s, c, true);
}

static void test_frames_show_the_grid(void **state)
{
	(void)state;
	static const char *const words[] = {
	    "Anna Berg", "åäö ÅÄÖ",	"中文 text",	"e\xcc\x81t\xc3\xa9",
	    "a",	 "KRAS p.G12C", "\xe4\xb8\xad", "|",
	};
	struct rig r;
	rig_init(&r, 12, 40, true);
	srand(7);
	for (int frame = 0; frame < 400; frame++) {
		int ops = 1 + rand() % 6;
		for (int k = 0; k < ops; k++) {
			int y = rand() % 12, x = rand() % 40;
			enum term_color c =
			    (enum term_color)(rand() % TC_COUNT);
			switch (rand() % 7) {
			case 0:
				term_grid_fill(&r.g, y, c);
				break;
			case 1:
				term_grid_recolor(&r.g, y, c);
				break;
			case 2:
				term_grid_clear(&r.g, y, x);
				break;
			case 3: {
				int top = rand() % 6, bottom = 6 + rand() % 6;
				int shift = 1 + rand() % 3;
				if (rand() % 2)
					shift = -shift;
				term_grid_shift(&r.g, top, bottom, shift);
				term_out_scroll(&r.out, top, bottom, shift);
				break;
			}
			default:
				put(&r.g, y, x, words[rand() % 8], c);
			}
		}
		frame_no = frame;
		rig_frame(&r);
		rig_same(&r, 0);
	}
	rig_done(&r);
}

static void test_unchanged_frame_writes_nothing(void **state)
{
	(void)state;
	struct rig r;
	rig_init(&r, 10, 30, true);
	put(&r.g, 2, 3, "Lungcancer, stadium IIIA", TC_NORMAL);
	term_grid_fill(&r.g, 9, TC_STATUS);
	assert_true(rig_frame(&r) > 30);
	rig_same(&r, 0);
	assert_int_equal(rig_frame(&r), 0);
	/* one cell changed: a move and the cell, nothing else */
	put(&r.g, 2, 10, "x", TC_NORMAL);
	size_t n = rig_frame(&r);
	assert_true(n > 0 && n <= 16);
	rig_same(&r, 0);
	rig_done(&r);
}

static void test_last_cell_kept_where_it_would_scroll(void **state)
{
	(void)state;
	struct rig r;
	rig_init(&r, 5, 20, false);
	term_grid_fill(&r.g, 4, TC_STATUS);
	put(&r.g, 4, 0, "status line reaching", TC_STATUS);
	rig_frame(&r);
	rig_same(&r, 1);
	assert_int_not_equal(mcell(&r.m, 4, 19)->ch, 'g');
	rig_done(&r);
}

static void test_wide_and_marks_in_grid(void **state)
{
	(void)state;
	struct term_grid g = {0};
	term_grid_init(&g, 3, 6);
	int y = 0, x = 4;
	/* a wide character at the last column goes to the next row */
	assert_int_equal(
	    term_grid_put(&g, &y, &x, 10, "a\xe4\xb8\xad", TC_NORMAL, true), 3);
	assert_int_equal(term_grid_at(&g, 0, 4)->ch, 'a');
	assert_int_equal(term_grid_at(&g, 0, 5)->ch, ' ');
	assert_int_equal(term_grid_at(&g, 1, 0)->ch, 0x4E2D);
	assert_int_equal(term_grid_at(&g, 1, 1)->ch, TERM_CELL_RIGHT);
	/* writing on its right half blanks its left */
	y = 1, x = 1;
	term_grid_put(&g, &y, &x, 1, "b", TC_NORMAL, true);
	assert_int_equal(term_grid_at(&g, 1, 0)->ch, ' ');
	assert_int_equal(term_grid_at(&g, 1, 1)->ch, 'b');
	/* a combining mark goes on the character before, no column */
	y = 2, x = 0;
	assert_int_equal(
	    term_grid_put(&g, &y, &x, 6, "e\xcc\x81z", TC_NORMAL, true), 2);
	assert_int_equal(term_grid_at(&g, 2, 0)->mark, 0x301);
	assert_int_equal(term_grid_at(&g, 2, 1)->ch, 'z');
	/* nothing past the last row */
	y = 2, x = 5;
	assert_int_equal(term_grid_put(&g, &y, &x, 10, "xyz", TC_NORMAL, true),
			 3);
	assert_int_equal(term_grid_at(&g, 2, 5)->ch, 'x');
	term_grid_done(&g);
}

static void test_ascii_run_splits_wide_at_its_ends(void **state)
{
	(void)state;
	struct term_grid g = {0};
	term_grid_init(&g, 1, 8);
	int y = 0, x = 0;
	term_grid_put(&g, &y, &x, 8, "\xe4\xb8\xad\xe6\x96\x87\xe4\xb8\xad",
		      TC_NORMAL, true);
	/* from the right half of the first to the left half of the
	 * second: both are split, the third is kept */
	y = 0, x = 1;
	assert_int_equal(term_grid_put(&g, &y, &x, 8, "ab", TC_WARN, true), 2);
	assert_int_equal(x, 3);
	static const uint32_t want[] = {' ', 'a',    'b',
					' ', 0x4E2D, TERM_CELL_RIGHT};
	for (int i = 0; i < 6; i++)
		assert_int_equal(term_grid_at(&g, 0, i)->ch, want[i]);
	assert_int_equal(term_grid_at(&g, 0, 1)->color, TC_WARN + 1);
	assert_int_equal(term_grid_at(&g, 0, 3)->color, TC_NORMAL + 1);
	/* a run reaching the right edge goes on at the next row: none */
	y = 0, x = 6;
	assert_int_equal(term_grid_put(&g, &y, &x, 8, "xyz", TC_NORMAL, true),
			 3);
	assert_int_equal(term_grid_at(&g, 0, 6)->ch, 'x');
	assert_int_equal(term_grid_at(&g, 0, 7)->ch, 'y');
	/* at most maxw columns */
	y = 0, x = 0;
	assert_int_equal(term_grid_put(&g, &y, &x, 2, "pqrs", TC_NORMAL, true),
			 2);
	assert_int_equal(term_grid_at(&g, 0, 2)->ch, 'b');
	term_grid_done(&g);
}

static void test_dump_reads_the_grid(void **state)
{
	(void)state;
	struct term_grid g = {0};
	term_grid_init(&g, 2, 12);
	put(&g, 0, 0, "Ärende", TC_WARN);
	term_grid_fill(&g, 1, TC_STATUS);
	put(&g, 1, 1, "ok", TC_STATUS);
	char *mem = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&mem, &len);
	term_dump_screen(f, &g, 3, true, true);
	fclose(f);
	assert_string_equal(mem, "--- screen 3 (12x2) ---\n"
				 "Ärende\n"
				 "= 0-5 p8 1/- bold  6-11 p0 -/-\n"
				 " ok\n"
				 "= 0-11 p3 0/6\n"
				 "--- colour: 8 printed cells, 0 unreadable "
				 "(fg = bg) ---\n");
	free(mem);
	term_grid_done(&g);
}

int main(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_frames_show_the_grid),
	    cmocka_unit_test(test_unchanged_frame_writes_nothing),
	    cmocka_unit_test(test_last_cell_kept_where_it_would_scroll),
	    cmocka_unit_test(test_wide_and_marks_in_grid),
	    cmocka_unit_test(test_ascii_run_splits_wide_at_its_ends),
	    cmocka_unit_test(test_dump_reads_the_grid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests: report — small-group suppression (exact, with the second
 * cell hidden) and quartiles on hand-counted values. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "chart.h"
#include "decision.h"
#include "model.h"
#include "render.h"
#include "report.h"
#include "textdoc.h"
#include "util.h"

/* A column of groups and its printed total; returns the texts joined by
 * spaces, total last. Caller frees. */
static char *column(const long *v, size_t n)
{
	struct report_sup s;
	report_sup_init(&s);
	size_t cells[16], total;
	long sum = 0;
	for (size_t i = 0; i < n; i++) {
		cells[i] = report_sup_cell(&s, v[i], true);
		sum += v[i];
	}
	total = report_sup_cell(&s, sum, true);
	report_sup_line(&s, total, cells, n);
	report_sup_run(&s);
	char out[256] = "";
	for (size_t i = 0; i <= n; i++) {
		char *t = report_sup_text(&s, i < n ? cells[i] : total);
		strcat(out, t);
		strcat(out, i < n ? " " : "");
		free(t);
	}
	report_sup_done(&s);
	return strdup(out);
}

#define assert_column(want, ...)                                               \
	do {                                                                   \
		const long v_[] = {__VA_ARGS__};                               \
		char *got_ = column(v_, sizeof(v_) / sizeof(v_[0]));           \
		assert_string_equal(got_, want);                               \
		free(got_);                                                    \
	} while (0)

static void test_groups_of_one_to_four(void **state)
{
	(void)state;
	/* each small group alone beside large ones: it is "<5", and the
	 * smallest other group is hidden so the total gives nothing away */
	assert_column("<5 x 20 31", 1, 10, 20);
	assert_column("<5 x 20 32", 2, 10, 20);
	assert_column("<5 x 20 33", 3, 10, 20);
	assert_column("<5 x 20 34", 4, 10, 20);
	/* five is shown; so is everything when nothing is small */
	assert_column("5 10 20 35", 5, 10, 20);
	/* zero is under five too */
	assert_column("<5 x 20 30", 0, 10, 20);
	/* two small groups protect each other: nothing more is hidden */
	assert_column("<5 <5 20 24", 1, 3, 20);
	assert_column("<5 <5 <5 8", 1, 4, 3);
	/* the hidden one is the smallest shown one */
	assert_column("12 <5 x 20", 12, 3, 5);
}

static void test_total_small(void **state)
{
	(void)state;
	/* all of it small: every cell and the total "<5" */
	assert_column("<5 <5 <5", 1, 2);
	/* one group: the total is the group */
	assert_column("<5 <5", 3);
	assert_column("7 7", 7);
}

/* A row and its column at once: hiding a cell in the row must not let
 * the column give it away. Two rows (a, b) of two columns, with row
 * totals and column totals printed:
 *        c1  c2 | total
 *   a     2   8 |  10
 *   b     9   6 |  15
 *        11  14 |  25
 * a·c1 = 2 is "<5"; the row a would give it (10 − 8): a·c2 is hidden;
 * then column c2 would give a·c2 (14 − 6): b·c2 is hidden; then row b
 * would give b·c2 (15 − 9): b·c1 is hidden; column c1 now has two
 * unknown. */
static void test_row_and_column(void **state)
{
	(void)state;
	struct report_sup s;
	report_sup_init(&s);
	size_t a1 = report_sup_cell(&s, 2, true),
	       a2 = report_sup_cell(&s, 8, true),
	       b1 = report_sup_cell(&s, 9, true),
	       b2 = report_sup_cell(&s, 6, true),
	       ta = report_sup_cell(&s, 10, true),
	       tb = report_sup_cell(&s, 15, true),
	       t1 = report_sup_cell(&s, 11, true),
	       t2 = report_sup_cell(&s, 14, true);
	size_t ra[] = {a1, a2}, rb[] = {b1, b2}, c1[] = {a1, b1},
	       c2[] = {a2, b2};
	report_sup_line(&s, ta, ra, 2);
	report_sup_line(&s, tb, rb, 2);
	report_sup_line(&s, t1, c1, 2);
	report_sup_line(&s, t2, c2, 2);
	report_sup_run(&s);
	assert_int_equal(s.mark[a1], REPORT_SMALL);
	assert_int_equal(s.mark[a2], REPORT_HIDDEN);
	assert_int_equal(s.mark[b2], REPORT_HIDDEN);
	assert_int_equal(s.mark[b1], REPORT_HIDDEN);
	assert_int_equal(s.mark[ta], REPORT_SHOWN);
	assert_int_equal(s.mark[t1], REPORT_SHOWN);
	report_sup_done(&s);
}

/* A count that is not printed but can be worked out (referred but not
 * discussed) takes part in the lines: discussed 8 of referred 10 (shown)
 * leaves 2 known but unprinted — allowed; and a printed small count that
 * only an unprinted count would reveal is protected. */
static void test_unprinted_cells(void **state)
{
	(void)state;
	struct report_sup s;
	report_sup_init(&s);
	size_t whole = report_sup_cell(&s, 10, true),
	       part = report_sup_cell(&s, 8, true),
	       rest = report_sup_cell(&s, 2, false);
	size_t two[] = {part, rest};
	report_sup_line(&s, whole, two, 2);
	report_sup_run(&s);
	assert_int_equal(s.mark[whole], REPORT_SHOWN);
	assert_int_equal(s.mark[part], REPORT_SHOWN);
	report_sup_done(&s);

	/* small printed part 3 of 10 with the rest unprinted: the part is
	 * "<5" and nothing else needs hiding */
	report_sup_init(&s);
	whole = report_sup_cell(&s, 10, true);
	part = report_sup_cell(&s, 3, true);
	rest = report_sup_cell(&s, 7, false);
	size_t two2[] = {part, rest};
	report_sup_line(&s, whole, two2, 2);
	report_sup_run(&s);
	assert_int_equal(s.mark[part], REPORT_SMALL);
	assert_int_equal(s.mark[whole], REPORT_SHOWN);
	report_sup_done(&s);

	/* but when another line gives the rest (7 printed elsewhere), the
	 * whole would give the 3 away: the line has no printed part left
	 * to hide, so the cell that gave the rest away is hidden */
	report_sup_init(&s);
	whole = report_sup_cell(&s, 10, true);
	part = report_sup_cell(&s, 3, true);
	rest = report_sup_cell(&s, 7, false);
	size_t seven = report_sup_cell(&s, 7, true);
	size_t two3[] = {part, rest};
	report_sup_line(&s, whole, two3, 2);
	report_sup_line(&s, rest, &seven, 1);
	report_sup_run(&s);
	assert_int_equal(s.mark[part], REPORT_SMALL);
	assert_int_equal(s.mark[seven], REPORT_HIDDEN);
	assert_int_equal(s.mark[whole], REPORT_SHOWN);
	report_sup_done(&s);
}

/* The days v[0..n-1], added one case at a time in the order given. */
static struct report_days days_of(const long *v, size_t n)
{
	struct report_days d = {0};
	for (size_t i = 0; i < n; i++)
		report_days_add(&d, v[i], 1);
	return d;
}

static void test_quantiles(void **state)
{
	(void)state;
	/* position (n − 1) p, linear between the closest ranks, whatever
	 * order the days come in */
	const long a[] = {3, 1, 4, 2};
	struct report_days d = days_of(a, 4);
	assert_int_equal(d.n, 4);
	assert_int_equal(d.n_v, 4);
	assert_true(report_quantile(&d, 0.5) == 2.5);
	assert_true(report_quantile(&d, 0.25) == 1.75);
	assert_true(report_quantile(&d, 0.75) == 3.25);
	report_days_done(&d);
	const long b[] = {19, 9, 9, 30, 9, 19, 9, 9, 19, 9, 19};
	d = days_of(b, 11);
	assert_int_equal(d.n, 11);
	assert_int_equal(d.n_v, 3); /* 9, 19 and 30, each with its count */
	assert_int_equal(d.v[0].day, 9);
	assert_int_equal(d.v[0].count, 6);
	assert_int_equal(d.v[2].day, 30);
	assert_true(report_quantile(&d, 0.5) == 9);
	assert_true(report_quantile(&d, 0.25) == 9);
	assert_true(report_quantile(&d, 0.75) == 19);
	assert_int_equal(report_days_between(&d, 8, 19), 10);
	assert_int_equal(report_days_between(&d, 20, -1), 1);
	report_days_done(&d);
	const long c[] = {7, 0, 2, 0, 0, 3, 0, 7, 0, 2, 0};
	d = days_of(c, 11);
	assert_true(report_quantile(&d, 0.75) == 2.5);
	/* a day before its referral (a date mistyped) sorts first */
	report_days_add(&d, -4, 2);
	assert_int_equal(d.n, 13);
	assert_true(report_quantile(&d, 0) == -4);
	assert_true(report_quantile(&d, 1) == 7);
	/* two groups' days together: as if added one by one */
	struct report_days m = days_of(a, 4);
	report_days_merge(&m, &d);
	assert_int_equal(m.n, 17);
	long all[] = {3, 1, 4, 2, 7, 0, 2, 0, 0, 3, 0, 7, 0, 2, 0, -4, -4};
	struct report_days one_by_one = days_of(all, 17);
	assert_int_equal(m.n_v, one_by_one.n_v);
	for (double p = 0; p <= 1; p += 0.125)
		assert_true(report_quantile(&m, p) ==
			    report_quantile(&one_by_one, p));
	report_days_done(&m);
	report_days_done(&one_by_one);
	report_days_done(&d);
	const long one[] = {42};
	d = days_of(one, 1);
	assert_true(report_quantile(&d, 0.25) == 42);
	report_days_done(&d);
	assert_true(report_quantile(&d, 0.5) == -1); /* none */
}

static void test_year_before(void **state)
{
	(void)state;
	char out[11];
	report_year_before("2026-07-01", out);
	assert_string_equal(out, "2025-07-02");
	report_year_before("2026-12-31", out);
	assert_string_equal(out, "2026-01-01");
	report_year_before("2028-02-29", out); /* 2027 has no 29 February */
	assert_string_equal(out, "2027-03-01");
	report_year_before("2025-02-28", out);
	assert_string_equal(out, "2024-02-29");
}

/* The RECIST sparkline: 14 → ▁ (the least), 31 → █ (the most), 22 →
 * 8/17 of 7 steps = 3.3 → ▄, 18 → 4/17 of 7 = 1.6 → ▃. */
static void test_sparkline(void **state)
{
	(void)state;
	const double v[] = {14, 22, 31, 18};
	char *s = render_sparkline(v, 4, NULL);
	assert_string_equal(s, "▁▄█▃");
	free(s);
	const bool marks[] = {false, false, true, false, true};
	s = render_sparkline(v, 4, marks);
	assert_string_equal(s, "▁▄│█▃│");
	free(s);
	const double same[] = {7, 7};
	s = render_sparkline(same, 2, NULL);
	assert_string_equal(s, "▄▄");
	free(s);
}

static char *doc_text(const struct textdoc *doc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	textdoc_write(doc, f);
	fclose(f);
	return buf;
}

/* The imaging tab: with block elements, the sums in date order (the file
 * order is not) with the decision of 2026-02-01 marked before the scan of
 * 2026-03-10; without, only the numbers. */
static void test_imaging_sparkline(void **state)
{
	(void)state;
	struct tb_case *c = model_case_new();
	const char *dates[] = {"2026-05-10", "2026-01-10", "2026-03-10"};
	const double sums[] = {20, 40, 30};
	for (size_t i = 0; i < 3; i++) {
		struct tb_imaging *im = model_case_add_imaging(c);
		im->date = xstrdup(dates[i]);
		im->modality = xstrdup("ct");
		im->region = xstrdup("Thorax");
		im->findings = xstrdup("Mätbar sjukdom.");
		im->impression = xstrdup("Se mått.");
		im->has_recist = true;
		im->recist_sum = sums[i];
	}
	char at[] = "2026-02-01T10:00:00Z", rec[] = "Målriktad behandling";
	struct decision_brief b = {
	    .id = 1, .version = 1, .signed_at = at, .recommendation = rec};
	struct render_opts o = {.today = "2026-06-01",
				.decisions = &b,
				.n_decisions = 1,
				.blocks = true};
	struct textdoc doc;
	textdoc_init(&doc, 100);
	render_case_section(c, &o, RENDER_IMAGING, &doc);
	char *text = doc_text(&doc);
	assert_non_null(strstr(text, "  RECIST sum  █│▅▁  20–40 mm, "
				     "2026-01-10 to 2026-05-10; │ a "
				     "decision\n"));
	free(text);
	textdoc_done(&doc);
	o.blocks = false;
	textdoc_init(&doc, 100);
	render_case_section(c, &o, RENDER_IMAGING, &doc);
	text = doc_text(&doc);
	assert_null(strstr(text, "▁"));
	assert_non_null(strstr(text, "RECIST sum over time:"));
	free(text);
	textdoc_done(&doc);
	model_case_free(&c);
}

/* The course chart of a brief: scans in date order as points (days from
 * the first), the decision of 2026-02-01 as an event 22 days in, an
 * amended (superseded) one left out. */
static void test_course_chart(void **state)
{
	(void)state;
	struct tb_case *c = model_case_new();
	c->external_id = xstrdup("T-1");
	const char *dates[] = {"2026-03-10", "2026-01-10"};
	const double sums[] = {30, 40};
	for (size_t i = 0; i < 2; i++) {
		struct tb_imaging *im = model_case_add_imaging(c);
		im->date = xstrdup(dates[i]);
		im->has_recist = true;
		im->recist_sum = sums[i];
	}
	char at[] = "2026-02-01T10:00:00Z", at2[] = "2026-01-20T10:00:00Z",
	     rec[] = "Targeted therapy";
	struct decision_brief b[] = {
	    {.id = 2, .version = 2, .signed_at = at, .recommendation = rec},
	    {.id = 1, .version = 1, .signed_at = at2, .superseded = true}};
	struct chart ch;
	assert_true(report_course_chart(c, b, 2, &ch));
	assert_int_equal(ch.n_points, 2);
	assert_true(ch.px[0] == 0 && ch.py[0] == 40);
	assert_true(ch.px[1] == 59 && ch.py[1] == 30);
	assert_string_equal(ch.plabel[0], "2026-01-10");
	assert_int_equal(ch.n_events, 1);
	assert_true(ch.ex[0] == 22);
	assert_string_equal(ch.elabel[0], "2026-02-01: Targeted therapy");
	assert_string_equal(ch.title,
			    "Course of T-1: RECIST sum and decisions");
	assert_non_null(strstr(ch.legend, "Dashed lines"));
	chart_done(&ch);
	/* no decision: the legend promises no dashed line */
	assert_true(report_course_chart(c, NULL, 0, &ch));
	assert_int_equal(ch.n_events, 0);
	assert_null(strstr(ch.legend, "Dashed"));
	assert_non_null(strstr(ch.legend, "No signed decision"));
	chart_done(&ch);
	/* no sums: no chart */
	struct tb_case *none = model_case_new();
	assert_false(report_course_chart(none, NULL, 0, &ch));
	model_case_free(&none);
	model_case_free(&c);
}

/* One group of a hand-made report (figures in the order of struct
 * report_group's counts). */
static void group(struct report *r, const char *dim, const char *name,
		  const struct board *b, const long f[15])
{
	r->g = xrealloc(r->g, (r->n_g + 1) * sizeof(*r->g));
	struct report_group *g = &r->g[r->n_g++];
	memset(g, 0, sizeof(*g));
	g->dim = xstrdup(dim);
	g->name = xstrdup(name);
	g->board = b;
	g->referred = f[0];
	g->discussed = f[1];
	g->deferred = f[2];
	g->not_discussed = f[3];
	g->decided = f[4];
	g->done = f[5];
	g->not_done = f[6];
	g->why_medical = f[7];
	g->why_patient = f[8];
	g->why_other = f[9];
	g->open = f[10];
	g->informed = f[11];
	g->molecular = f[12];
	g->trial_considered = f[13];
	g->trial_offered = f[14];
}

static const char *table_cell(const struct report *r, const char *id,
			      const char *row, const char *head)
{
	for (size_t i = 0; i < r->n_t; i++) {
		const struct report_table *t = &r->t[i];
		for (size_t c = 1; strcmp(t->id, id) == 0 && c < t->cols; c++)
			for (size_t k = 0;
			     strcmp(t->head[c], head) == 0 && k < t->rows; k++)
				if (strcmp(t->cells[k * t->cols], row) == 0)
					return t->cells[k * t->cols + c];
	}
	fail_msg("no cell %s/%s/%s", id, row, head);
	return NULL;
}

/*
 * A cell hidden in one table is hidden in every table that prints it: 28
 * cases counted by hand, by board (b0 16, b1 2, b2 10) and by sex (female
 * 15, male 13). Of 21 decided, 11 were carried out (female 7, male 4), 10
 * not (5 and 5), none open. In the table by sex, male's 4 carried out is
 * small; with female's 12 decided and 5 not carried out, and male's 9 and
 * 5, the total of 11 carried out gives it away (7 + 4 = 11 leaves no open
 * case on either side, so male's is 9 − 5 = 4): the total is hidden there.
 * The table by board prints the same total (all cases, carried out); it
 * must hide it too, or the table by sex hid it for nothing. (Before the
 * tables were suppressed together it printed 11.)
 */
static void test_cross_table(void **state)
{
	(void)state;
	static char n0[] = "b0", n1[] = "b1", n2[] = "b2";
	static const struct board b0 = {.id = n0, .target_days = 14},
				  b1 = {.id = n1}, b2 = {.id = n2};
	/* referred discussed deferred not-discussed | decided done not-done
	 * (medical patient other) open informed | molecular trial-considered
	 * trial-offered */
	static const long f_b0[15] = {16, 14, 0, 2, 13, 7, 6, 3,
				      3,  0,  0, 8, 6,	4, 3};
	static const long f_b1[15] = {2, 2, 0, 0, 2, 1, 1, 0,
				      1, 0, 0, 1, 2, 1, 1};
	static const long f_b2[15] = {10, 6, 3, 1, 6, 3, 3, 2,
				      0,  1, 0, 2, 2, 2, 1};
	static const long f_all[15] = {28, 22, 3, 3,  21, 11, 10, 5,
				       4,  1,  0, 11, 10, 7,  5};
	static const long f_f[15] = {15, 13, 0, 2, 12, 7, 5, 3,
				     1,	 1,  0, 6, 7,  4, 3};
	static const long f_m[15] = {13, 9, 3, 1, 9, 4, 5, 2,
				     3,	 0, 0, 5, 3, 3, 2};
	/* the hand count adds up both ways */
	for (int i = 0; i < 15; i++) {
		assert_int_equal(f_b0[i] + f_b1[i] + f_b2[i], f_all[i]);
		assert_int_equal(f_f[i] + f_m[i], f_all[i]);
	}
	struct report r;
	memset(&r, 0, sizeof(r));
	group(&r, "board", "b0 regional", &b0, f_b0);
	group(&r, "board", "b1 regional", &b1, f_b1);
	group(&r, "board", "b2 regional", &b2, f_b2);
	group(&r, "all", "all", NULL, f_all);
	group(&r, "sex", "female", NULL, f_f);
	group(&r, "sex", "male", NULL, f_m);
	report_tables(&r);
	assert_string_equal(
	    table_cell(&r, "followup-sex", "male", "carried out"), "<5");
	assert_string_equal(
	    table_cell(&r, "followup-sex", "all", "carried out"), "x");
	assert_string_equal(table_cell(&r, "followup", "all", "carried out"),
			    "x");
	/* nor a share that gives it back (11 of 21) */
	assert_string_equal(table_cell(&r, "followup", "all", "share"), "x");
	/* every count printed in two tables is printed alike */
	static const char *const counts[] = {"referred",
					     "discussed",
					     "deferred",
					     "not discussed",
					     "at a meeting",
					     "within",
					     "decided",
					     "carried out",
					     "not carried out",
					     "medical",
					     "patient's wish",
					     "other",
					     "open",
					     "informed",
					     "molecular before",
					     "trial considered",
					     "trial offered",
					     NULL};
	for (size_t i = 0; i < r.n_t; i++)
		for (size_t j = 0; j < r.n_t; j++)
			for (size_t h = 0; counts[h]; h++)
				for (size_t k = 0; k < r.n_g; k++) {
					const struct report_table *a = &r.t[i],
								  *b = &r.t[j];
					const char *x = NULL, *y = NULL;
					for (size_t c = 1; c < a->cols; c++)
						for (size_t w = 0;
						     strcmp(a->head[c],
							    counts[h]) == 0 &&
						     w < a->rows;
						     w++)
							if (strcmp(
								a->cells
								    [w *
								     a->cols],
								r.g[k].name) ==
							    0)
								x = a->cells
									[w * a->cols +
									 c];
					for (size_t c = 1; c < b->cols; c++)
						for (size_t w = 0;
						     strcmp(b->head[c],
							    counts[h]) == 0 &&
						     w < b->rows;
						     w++)
							if (strcmp(
								b->cells
								    [w *
								     b->cols],
								r.g[k].name) ==
							    0)
								y = b->cells
									[w * b->cols +
									 c];
					if (x && y && strcmp(x, y) != 0)
						fail_msg("%s of %s: %s in %s, "
							 "%s in %s",
							 counts[h], r.g[k].name,
							 x, a->id, y, b->id);
				}
	report_done(&r);
}

/* The one-line summary of a board (agenda, minutes) prints its counts as
 * the report's tables do: a board at two levels, 12 regional and 3 local
 * cases referred, is not "15 referred" while the table hides the 3 ("<5")
 * — 15 − 12 would give it away. */
static void test_board_line_as_tables(void **state)
{
	(void)state;
	static char id[] = "b0", name[] = "B0";
	static const struct board b0 = {.id = id, .name = name};
	static const long reg[15] = {12, 10, 1, 1, 10, 6, 2, 1,
				     1,	 0,  2, 6, 5,  2, 1};
	static const long loc[15] = {3, 3, 0, 0, 3, 2, 1, 1,
				     0, 0, 0, 2, 1, 0, 0};
	long all[15];
	for (int i = 0; i < 15; i++)
		all[i] = reg[i] + loc[i];
	struct report r;
	memset(&r, 0, sizeof(r));
	group(&r, "board", "b0 local", &b0, loc);
	group(&r, "board", "b0 regional", &b0, reg);
	group(&r, "all", "all", NULL, all);
	report_tables(&r);
	assert_string_equal(table_cell(&r, "cases", "b0 local", "referred"),
			    "<5");
	char *line = report_board_line(&r, "b0");
	/* withheld in words, and why: never a bare "x referred" */
	assert_non_null(strstr(line, ": numbers referred and discussed "
				     "withheld (withheld so that the report's "
				     "other figures cannot reveal a group "
				     "under 5). "));
	assert_null(strstr(line, "x referred"));
	assert_null(strstr(line, "15"));
	free(line);
	report_done(&r);
	/* one level: the table's own cells */
	memset(&r, 0, sizeof(r));
	group(&r, "board", "b0 regional", &b0, reg);
	group(&r, "all", "all", NULL, reg);
	report_tables(&r);
	line = report_board_line(&r, "b0");
	assert_non_null(strstr(line, ": 12 referred, 10 discussed. No median "
				     "of the days from referral to meeting: "
				     "fewer than 5 cases reached one."));
	free(line);
	report_done(&r);
}

/* Draws a chart of one bar and one row without a bar (its note over the
 * plot, with_note) at 4 pixels a point, as grey levels; *w, *h: its
 * size in pixels. Caller frees. */
enum { CHART_PX = 4, CHART_W = 420, CHART_H = 160 };
static unsigned char *chart_pixels(bool with_note, double whole_max, int *w,
				   int *h)
{
	struct chart *c = xcalloc(1, sizeof(*c));
	chart_init(c, "T", "days");
	c->whole = whole_max > 0;
	chart_add(c, "shown", whole_max > 0 ? whole_max : 24, "24 days");
	struct chart_bar *b =
	    chart_add(c, "hidden", -1,
		      with_note ? "not shown (fewer than 5 cases)" : NULL);
	b->mark = with_note ? 14 : 0;
	struct chart_set set;
	chart_set_init(&set, c, 1);
	*w = CHART_W * CHART_PX;
	*h = CHART_H * CHART_PX;
	cairo_surface_t *img =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, *w, *h);
	cairo_t *cr = cairo_create(img);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, CHART_PX, CHART_PX);
	chart_page(cr, 0, 10, 10, CHART_W - 20, CHART_H - 20, NULL, &set);
	cairo_surface_flush(img);
	unsigned char *grey = xmalloc((size_t)*w * (size_t)*h);
	const unsigned char *data = cairo_image_surface_get_data(img);
	int stride = cairo_image_surface_get_stride(img);
	for (int y = 0; y < *h; y++)
		for (int x = 0; x < *w; x++)
			grey[y * *w + x] = data[y * stride + x * 4 + 1]; /* G */
	cairo_destroy(cr);
	cairo_surface_destroy(img);
	chart_set_done(&set);
	return grey;
}

/* A row without a bar says why over the plot, on white: no grid line runs
 * through its words (the report's "not shown (fewer than 5 cases); target
 * 14" had the grid across it). The grid's columns are read in the first
 * row above its bar, where nothing but the grid is drawn; in the second
 * row's note no such column shows a stretch of the grid's grey. */
static void test_chart_note_clear_of_grid(void **state)
{
	(void)state;
	int w, h;
	unsigned char *px = chart_pixels(true, 0, &w, &h);
	/* rows from 10 + 26 pt, 19 pt each: the first row's top 1.5 pt in,
	 * the second's middle */
	int above = (int)((10 + 26 + 1.5) * CHART_PX);
	int cy = (int)((10 + 26 + 19 + 9.5) * CHART_PX);
	int axis = -1, x1 = -1, grid = 0, through = 0;
	for (int x = 0; x < w && axis < 0; x++)
		if (px[above * w + x] < 100)
			axis = x; /* the first dark column there */
	for (int x = axis + 2 * CHART_PX; axis >= 0 && x < w; x++)
		for (int y = cy - 4 * CHART_PX; y <= cy + 4 * CHART_PX; y++)
			if (px[y * w + x] < 100)
				x1 = x; /* the note's last ink */
	assert_true(axis > 0 && x1 > axis + 40 * CHART_PX);
	for (int x = axis + 2 * CHART_PX; x <= x1; x++) {
		int g = px[above * w + x];
		if (g == 255 || g < 150)
			continue; /* not a grid line's column */
		grid++;
		int run = 0, longest = 0;
		for (int y = cy - 5 * CHART_PX; y <= cy + 5 * CHART_PX; y++) {
			int v = px[y * w + x];
			run = v > g - 12 && v < g + 12 ? run + 1 : 0;
			longest = run > longest ? run : longest;
		}
		through += longest >= 3 * CHART_PX;
	}
	if (!grid)
		fail_msg("no grid line under the note: the test sees nothing");
	if (through)
		fail_msg("%d of %d columns of grid lines show through the "
			 "note",
			 through, grid);
	free(px);
}

/* A count's axis steps by whole numbers: no 0.2 of a case. */
static void test_chart_whole_steps(void **state)
{
	(void)state;
	int w, h;
	/* one case at most: 0 and 1 on the axis, no grid line between */
	unsigned char *px = chart_pixels(false, 1, &w, &h);
	int cy = (int)((10 + 26 + 9.5) * CHART_PX), lines = 0;
	bool in = false;
	for (int x = 0; x < w; x++) {
		unsigned char g = px[(cy - 8 * CHART_PX) * w + x];
		bool line = g != 255;
		lines += line && !in;
		in = line;
	}
	/* the axis and the one grid line at 1 (the bar's row above the
	 * bar: only lines cross it) */
	if (lines != 2)
		fail_msg("%d lines cross the first row above its bar", lines);
	free(px);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_groups_of_one_to_four),
	    cmocka_unit_test(test_total_small),
	    cmocka_unit_test(test_row_and_column),
	    cmocka_unit_test(test_unprinted_cells),
	    cmocka_unit_test(test_quantiles),
	    cmocka_unit_test(test_year_before),
	    cmocka_unit_test(test_sparkline),
	    cmocka_unit_test(test_imaging_sparkline),
	    cmocka_unit_test(test_course_chart),
	    cmocka_unit_test(test_cross_table),
	    cmocka_unit_test(test_board_line_as_tables),
	    cmocka_unit_test(test_chart_note_clear_of_grid),
	    cmocka_unit_test(test_chart_whole_steps),
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}

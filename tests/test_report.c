/* Unit tests: report — small-group suppression (exact, with the second
 * cell hidden) and quartiles on hand-counted values. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

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

static void test_quantiles(void **state)
{
	(void)state;
	/* position (n − 1) p, linear between the closest ranks */
	const double a[] = {1, 2, 3, 4};
	assert_true(report_quantile(a, 4, 0.5) == 2.5);
	assert_true(report_quantile(a, 4, 0.25) == 1.75);
	assert_true(report_quantile(a, 4, 0.75) == 3.25);
	const double b[] = {9, 9, 9, 9, 9, 9, 19, 19, 19, 19, 30};
	assert_true(report_quantile(b, 11, 0.5) == 9);
	assert_true(report_quantile(b, 11, 0.25) == 9);
	assert_true(report_quantile(b, 11, 0.75) == 19);
	const double c[] = {0, 0, 0, 0, 0, 0, 2, 2, 3, 7, 7};
	assert_true(report_quantile(c, 11, 0.75) == 2.5);
	const double one[] = {42};
	assert_true(report_quantile(one, 1, 0.25) == 42);
	assert_true(report_quantile(one, 0, 0.5) == -1);
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
	chart_done(&ch);
	/* no sums: no chart */
	struct tb_case *none = model_case_new();
	assert_false(report_course_chart(none, NULL, 0, &ch));
	model_case_free(&none);
	model_case_free(&c);
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
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}

/* Unit tests: report — small-group suppression (exact, with the second
 * cell hidden) and quartiles on hand-counted values. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_groups_of_one_to_four),
	    cmocka_unit_test(test_total_small),
	    cmocka_unit_test(test_row_and_column),
	    cmocka_unit_test(test_unprinted_cells),
	    cmocka_unit_test(test_quantiles),
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}

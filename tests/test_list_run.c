/* Unit tests: the case list's rows read lately (view_list_run.c), joined
 * in list order as pages are read by key, and given back only when the
 * run holds every row a read would give. */
#include "testutil.h"

#include <stdio.h>

#include "db_case.h"
#include "view_list_run.h"

/* A read's rows: the cases of ids from first to last (list order, by one
 * up or down), each line "row ID". */
static void rows(struct page *pg, long long first, long long last)
{
	page_clear(pg);
	long long step = first <= last ? 1 : -1;
	for (long long id = first;; id += step) {
		pg->ids[pg->n] = id;
		memcpy(pg->dates[pg->n], id % 2 ? "2026-01-02" : "2026-01-01",
		       sizeof(pg->dates[0]));
		char line[32];
		snprintf(line, sizeof(line), "row %lld", id);
		pg->lines[pg->n] = xstrdup(line);
		pg->n++;
		if (id == last)
			break;
	}
}

/* Whether the run gives for the read (mode, id, limit) exactly the rows
 * from first to last (first > last: none at all). */
static bool gives(const struct list_run *r, int mode, long long id, int limit,
		  long long first, long long last)
{
	static struct page out;
	out.n = 0;
	if (!list_run_take(r, mode, id, limit, &out))
		return false;
	int want = first > last ? 0 : (int)(last - first + 1);
	bool ok = out.n == want;
	for (int i = 0; ok && i < out.n; i++) {
		char line[32];
		snprintf(line, sizeof(line), "row %lld", first + i);
		ok = out.ids[i] == first + i && strcmp(out.lines[i], line) == 0;
	}
	page_clear(&out);
	return ok;
}

static void test_pages_joined(void **state)
{
	(void)state;
	static struct page pg;
	struct list_run r = {0};
	list_run_check(&r, 1, "en");
	assert_false(list_run_take(&r, DB_KEY_NONE, 0, 3, &pg));
	/* Home: the list's first three rows */
	rows(&pg, 1, 3);
	list_run_keep(&r, DB_KEY_NONE, 0, 3, &pg);
	assert_true(gives(&r, DB_KEY_NONE, 0, 3, 1, 3));
	assert_false(list_run_take(&r, DB_KEY_AFTER, 3, 3, &pg));
	/* PgDn: the three after row 3 */
	rows(&pg, 4, 6);
	list_run_keep(&r, DB_KEY_AFTER, 3, 3, &pg);
	assert_int_equal(r.seg[0].n, 6);
	/* PgUp from there, a window from any row, a step */
	assert_true(gives(&r, DB_KEY_BEFORE, 4, 3, 1, 3));
	assert_true(gives(&r, DB_KEY_FROM, 2, 3, 2, 4));
	assert_true(gives(&r, DB_KEY_AFTER, 2, 1, 3, 3));
	assert_true(gives(&r, DB_KEY_BEFORE, 3, 1, 2, 2));
	/* at the list's start: fewer than asked for, none before row 1 */
	assert_true(gives(&r, DB_KEY_BEFORE, 2, 3, 1, 1));
	assert_true(gives(&r, DB_KEY_BEFORE, 1, 3, 1, 0));
	/* the end is not known: rows past 6 are read */
	assert_false(list_run_take(&r, DB_KEY_AFTER, 5, 3, &pg));
	assert_false(list_run_take(&r, DB_KEY_LAST, 0, 3, &pg));
	assert_false(list_run_take(&r, DB_KEY_AFTER, 99, 1, &pg));
	/* a read that gives fewer than asked for reached the end */
	rows(&pg, 7, 7);
	list_run_keep(&r, DB_KEY_AFTER, 6, 3, &pg);
	assert_true(r.seg[0].at_end);
	assert_true(gives(&r, DB_KEY_AFTER, 5, 3, 6, 7));
	assert_true(gives(&r, DB_KEY_AFTER, 7, 3, 1, 0));
	assert_true(gives(&r, DB_KEY_LAST, 0, 3, 5, 7));
	assert_true(gives(&r, DB_KEY_LAST, 0, 10, 1, 7));
	list_run_forget(&r);
	assert_int_equal(r.seg[0].n, 0);
	assert_false(list_run_take(&r, DB_KEY_NONE, 0, 3, &pg));
	page_clear(&pg);
}

static void test_from_the_end(void **state)
{
	(void)state;
	static struct page pg;
	struct list_run r = {0};
	list_run_check(&r, 1, "en");
	/* End: the last three rows (read backwards, given in list order) */
	rows(&pg, 98, 100);
	list_run_keep(&r, DB_KEY_LAST, 0, 3, &pg);
	assert_true(r.seg[0].at_end);
	assert_false(r.seg[0].at_start);
	/* PgUp twice: joined in front */
	rows(&pg, 95, 97);
	list_run_keep(&r, DB_KEY_BEFORE, 98, 3, &pg);
	rows(&pg, 92, 94);
	list_run_keep(&r, DB_KEY_BEFORE, 95, 3, &pg);
	assert_int_equal(r.seg[0].n, 9);
	assert_int_equal(r.seg[0].rows[0].id, 92);
	assert_true(gives(&r, DB_KEY_AFTER, 94, 3, 95, 97));
	assert_true(gives(&r, DB_KEY_LAST, 0, 4, 97, 100));
	/* Home is not in the run */
	assert_false(list_run_take(&r, DB_KEY_NONE, 0, 3, &pg));
	/* a read before row 92 that reached the start */
	rows(&pg, 90, 91);
	list_run_keep(&r, DB_KEY_BEFORE, 92, 3, &pg);
	assert_true(r.seg[0].at_start);
	assert_true(gives(&r, DB_KEY_NONE, 0, 3, 90, 92));
	list_run_forget(&r);
	page_clear(&pg);
}

static void test_started_again(void **state)
{
	(void)state;
	static struct page pg;
	struct list_run r = {0};
	list_run_check(&r, 1, "en");
	rows(&pg, 1, 3);
	list_run_keep(&r, DB_KEY_NONE, 0, 3, &pg);
	/* a read from a row the run does not hold starts it again */
	rows(&pg, 50, 52);
	list_run_keep(&r, DB_KEY_AFTER, 49, 3, &pg);
	assert_int_equal(r.seg[0].n, 3);
	assert_false(r.seg[0].at_start);
	/* the rows read before are the other piece */
	assert_true(gives(&r, DB_KEY_NONE, 0, 3, 1, 3));
	assert_true(gives(&r, DB_KEY_FROM, 50, 3, 50, 52));
	/* a read whose rows are not those the run has there (the list
	 * changed under it) starts it again from the read */
	rows(&pg, 51, 53);
	pg.ids[1] = 77;
	list_run_keep(&r, DB_KEY_FROM, 51, 3, &pg);
	assert_int_equal(r.seg[0].n, 3);
	assert_int_equal(r.seg[0].rows[0].id, 51);
	assert_int_equal(r.seg[0].rows[1].id, 77);
	/* another layout or language: nothing kept */
	list_run_check(&r, 1, "en");
	assert_int_equal(r.seg[0].n, 3);
	list_run_check(&r, 2, "en");
	assert_int_equal(r.seg[0].n, 0);
	rows(&pg, 1, 3);
	list_run_keep(&r, DB_KEY_NONE, 0, 3, &pg);
	list_run_check(&r, 2, "sv");
	assert_int_equal(r.seg[0].n, 0);
	list_run_forget(&r);
	page_clear(&pg);
}

static void test_two_pieces(void **state)
{
	(void)state;
	static struct page pg;
	struct list_run r = {0};
	list_run_check(&r, 1, "en");
	/* Home and two pages down: rows 1 to 9 of a list of 30 */
	rows(&pg, 1, 3);
	list_run_keep(&r, DB_KEY_NONE, 0, 3, &pg);
	rows(&pg, 4, 6);
	list_run_keep(&r, DB_KEY_AFTER, 3, 3, &pg);
	rows(&pg, 7, 9);
	list_run_keep(&r, DB_KEY_AFTER, 6, 3, &pg);
	/* End: a jump; the rows read before are kept as the other piece */
	rows(&pg, 28, 30);
	list_run_keep(&r, DB_KEY_LAST, 0, 3, &pg);
	assert_int_equal(r.seg[0].n, 3);
	assert_int_equal(r.seg[1].n, 9);
	assert_true(gives(&r, DB_KEY_NONE, 0, 3, 1, 3));
	assert_true(gives(&r, DB_KEY_AFTER, 3, 3, 4, 6));
	assert_true(gives(&r, DB_KEY_LAST, 0, 3, 28, 30));
	assert_false(list_run_take(&r, DB_KEY_AFTER, 9, 3, &pg));
	/* Home from there: back to the first piece, joined again */
	rows(&pg, 1, 3);
	list_run_keep(&r, DB_KEY_NONE, 0, 3, &pg);
	assert_int_equal(r.seg[0].n, 9);
	assert_int_equal(r.seg[1].n, 3);
	/* paging down until the pieces meet: one piece, start to end (rows
	 * next to each other are not known to be until a read has both) */
	for (long long last = 9; last < 27; last += 3) {
		rows(&pg, last + 1, last + 3);
		list_run_keep(&r, DB_KEY_AFTER, last, 3, &pg);
	}
	assert_int_equal(r.seg[1].n, 3);
	assert_int_equal(r.seg[0].n, 27);
	rows(&pg, 28, 30);
	list_run_keep(&r, DB_KEY_AFTER, 27, 3, &pg);
	assert_int_equal(r.seg[0].n, 30);
	assert_int_equal(r.seg[1].n, 0);
	assert_true(r.seg[0].at_start);
	assert_true(r.seg[0].at_end);
	assert_true(gives(&r, DB_KEY_LAST, 0, 3, 28, 30));
	assert_true(gives(&r, DB_KEY_BEFORE, 28, 3, 25, 27));
	/* and meeting from the other side: End, then up into Home's rows */
	list_run_forget(&r);
	rows(&pg, 1, 3);
	list_run_keep(&r, DB_KEY_NONE, 0, 3, &pg);
	rows(&pg, 4, 6);
	list_run_keep(&r, DB_KEY_AFTER, 3, 3, &pg);
	rows(&pg, 10, 12);
	list_run_keep(&r, DB_KEY_LAST, 0, 3, &pg);
	rows(&pg, 7, 9);
	list_run_keep(&r, DB_KEY_BEFORE, 10, 3, &pg);
	assert_int_equal(r.seg[0].n, 6);
	rows(&pg, 4, 6);
	list_run_keep(&r, DB_KEY_BEFORE, 7, 3, &pg);
	assert_int_equal(r.seg[0].n, 12);
	assert_int_equal(r.seg[1].n, 0);
	assert_true(r.seg[0].at_start);
	assert_true(r.seg[0].at_end);
	assert_true(gives(&r, DB_KEY_NONE, 0, 5, 1, 5));
	/* pieces that disagree (never while the data stands): the other
	 * piece is let go, the rows just read kept */
	list_run_forget(&r);
	rows(&pg, 1, 3);
	list_run_keep(&r, DB_KEY_NONE, 0, 3, &pg);
	rows(&pg, 20, 22);
	list_run_keep(&r, DB_KEY_LAST, 0, 3, &pg);
	rows(&pg, 2, 4);
	pg.ids[1] = 99;
	list_run_keep(&r, DB_KEY_BEFORE, 20, 3, &pg);
	assert_int_equal(r.seg[1].n, 0);
	assert_int_equal(r.seg[0].rows[0].id, 2);
	list_run_forget(&r);
	page_clear(&pg);
}

static void test_bounded(void **state)
{
	(void)state;
	static struct page pg;
	struct list_run r = {0};
	list_run_check(&r, 1, "en");
	rows(&pg, 1, 500);
	list_run_keep(&r, DB_KEY_NONE, 0, 500, &pg);
	/* paging down far: the rows farthest back are let go */
	for (long long last = 500; last < 5000; last += 500) {
		rows(&pg, last + 1, last + 500);
		list_run_keep(&r, DB_KEY_AFTER, last, 500, &pg);
		assert_true(r.seg[0].n <= LIST_RUN_MAX);
	}
	assert_int_equal(r.seg[0].n, LIST_RUN_MAX);
	assert_false(r.seg[0].at_start);
	assert_int_equal(r.seg[0].rows[r.seg[0].n - 1].id, 5000);
	assert_false(list_run_take(&r, DB_KEY_NONE, 0, 3, &pg));
	assert_true(gives(&r, DB_KEY_BEFORE, 4001, 500, 3501, 4000));
	/* and paging up far from the end: the rows farthest on go */
	for (long long first = 5000 - LIST_RUN_MAX + 1; first > 1000;
	     first -= 500) {
		rows(&pg, first - 500, first - 1);
		list_run_keep(&r, DB_KEY_BEFORE, first, 500, &pg);
		assert_true(r.seg[0].n <= LIST_RUN_MAX);
	}
	assert_int_equal(r.seg[0].n, LIST_RUN_MAX);
	assert_int_equal(r.seg[0].rows[0].id, 953);
	list_run_forget(&r);
	page_clear(&pg);
}

/* The ids from a row on, either way, for the readiness read ahead: the
 * piece that holds the row, id's first, no further than max or the
 * piece's end; none for a row the run does not hold. */
static void test_ids(void **state)
{
	(void)state;
	static struct page pg;
	struct list_run r = {0};
	long long out[8];
	list_run_check(&r, 1, "en");
	rows(&pg, 1, 6);
	list_run_keep(&r, DB_KEY_NONE, 0, 6, &pg);
	assert_int_equal(list_run_ids(&r, 2, 1, out, 3), 3);
	assert_true(out[0] == 2 && out[1] == 3 && out[2] == 4);
	assert_int_equal(list_run_ids(&r, 5, 1, out, 8), 2);
	assert_true(out[0] == 5 && out[1] == 6);
	assert_int_equal(list_run_ids(&r, 3, -1, out, 8), 3);
	assert_true(out[0] == 3 && out[1] == 2 && out[2] == 1);
	assert_int_equal(list_run_ids(&r, 99, 1, out, 8), 0);
	/* a second piece (a jump to End) answers for its own rows */
	rows(&pg, 20, 22);
	list_run_keep(&r, DB_KEY_LAST, 0, 3, &pg);
	assert_int_equal(list_run_ids(&r, 21, 1, out, 8), 2);
	assert_true(out[0] == 21 && out[1] == 22);
	assert_int_equal(list_run_ids(&r, 6, -1, out, 2), 2);
	assert_true(out[0] == 6 && out[1] == 5);
	list_run_forget(&r);
	assert_int_equal(list_run_ids(&r, 2, 1, out, 8), 0);
	page_clear(&pg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pages_joined),
	    cmocka_unit_test(test_from_the_end),
	    cmocka_unit_test(test_started_again),
	    cmocka_unit_test(test_two_pieces),
	    cmocka_unit_test(test_bounded),
	    cmocka_unit_test(test_ids),
	};
	return cmocka_run_group_tests_name("list_run", tests, NULL, NULL);
}

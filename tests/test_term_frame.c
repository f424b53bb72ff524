/* Unit tests: term_frame, which rows a screen drawn again changes. */
#include "testutil.h"

#include "../src/term_frame.h"

static struct term_op put(int y, int x, int maxw)
{
	return (struct term_op){
	    .kind = TERM_OP_PUT, .y = y, .x = x, .maxw = maxw};
}

/* a frame of rows rows: row y shows text[y] (NULL: nothing) */
static void draw(struct term_frame *f, int rows, const char *const *text)
{
	term_frame_begin(f, rows, 80);
	for (int y = 0; y < rows; y++)
		if (text[y])
			term_frame_add(f, put(y, 1, 79), text[y]);
}

static int n_changed(const struct term_frame *f)
{
	int n = 0;
	for (int y = 0; y < f->rows; y++)
		n += term_frame_row_changed(f, y);
	return n;
}

static void test_first_frame_draws_every_row(void **state)
{
	(void)state;
	struct term_frame f = {0};
	const char *t[4] = {"title", "a", NULL, "status"};
	draw(&f, 4, t);
	assert_int_equal(n_changed(&f), 4);
	term_frame_end(&f);
	term_frame_done(&f);
}

static void test_only_rows_drawn_otherwise_change(void **state)
{
	(void)state;
	struct term_frame f = {0};
	const char *t[4] = {"title", "a", "b", "status"};
	draw(&f, 4, t);
	term_frame_end(&f);
	/* the same calls: nothing to draw */
	draw(&f, 4, t);
	assert_int_equal(n_changed(&f), 0);
	term_frame_end(&f);
	/* one text, one colour, one column, one row left out: each
	 * changes its row and no other */
	const char *u[4] = {"title", "A", "b", "status"};
	draw(&f, 4, u);
	assert_true(term_frame_row_changed(&f, 1));
	assert_int_equal(n_changed(&f), 1);
	term_frame_end(&f);
	term_frame_begin(&f, 4, 80);
	term_frame_add(&f, put(0, 1, 79), "title");
	term_frame_add(
	    &f,
	    (struct term_op){
		.kind = TERM_OP_PUT, .y = 1, .x = 1, .maxw = 79, .color = 3},
	    "A");
	term_frame_add(&f, put(2, 2, 78), "b");
	assert_true(term_frame_row_changed(&f, 1));
	assert_true(term_frame_row_changed(&f, 2));
	assert_true(term_frame_row_changed(&f, 3)); /* its text is gone */
	assert_int_equal(n_changed(&f), 3);
	term_frame_end(&f);
	term_frame_done(&f);
}

static void test_drawn_outside_a_frame(void **state)
{
	(void)state;
	struct term_frame f = {0};
	const char *t[3] = {"title", "a", "status"};
	draw(&f, 3, t);
	term_frame_end(&f);
	term_frame_touch(&f, 2); /* a notice on the status line */
	draw(&f, 3, t);
	assert_true(term_frame_row_changed(&f, 2));
	assert_int_equal(n_changed(&f), 1);
	term_frame_end(&f);
	term_frame_touch(&f, -1); /* text wrapped: any row */
	draw(&f, 3, t);
	assert_int_equal(n_changed(&f), 3);
	term_frame_end(&f);
	/* a new size */
	draw(&f, 3, t);
	term_frame_end(&f);
	term_frame_begin(&f, 3, 100);
	assert_int_equal(n_changed(&f), 3);
	term_frame_end(&f);
	term_frame_done(&f);
}

static void test_off_screen_or_wrapping_draws_whole(void **state)
{
	(void)state;
	struct term_frame f = {0};
	const char *t[3] = {"title", "a", "status"};
	draw(&f, 3, t);
	term_frame_end(&f);
	draw(&f, 3, t);
	term_frame_add(&f, put(5, 0, 10), "off");
	assert_int_equal(n_changed(&f), 3);
	term_frame_end(&f);
	term_frame_done(&f);
}

static void test_rows_shifted_by_one(void **state)
{
	(void)state;
	struct term_frame f = {0};
	const char *t[9] = {"title", "r1", "r2", "r3",	  "r4",
			    "r5",    "r6", "r7", "status"};
	const char *u[9] = {"title", "r2", "r3", "r4",	  "r5",
			    "r6",    "r7", "r8", "status"};
	draw(&f, 9, t);
	term_frame_end(&f);
	draw(&f, 9, u);
	int top, bottom, shift;
	assert_true(term_frame_shift(&f, &top, &bottom, &shift));
	assert_int_equal(shift, 1);
	assert_int_equal(top, 1);
	assert_int_equal(bottom, 7);
	term_frame_scrolled(&f, top, bottom, shift);
	/* only the row scrolled in is drawn */
	assert_true(term_frame_row_changed(&f, 7));
	assert_int_equal(n_changed(&f), 1);
	term_frame_end(&f);
	/* and back up */
	draw(&f, 9, t);
	assert_true(term_frame_shift(&f, &top, &bottom, &shift));
	assert_int_equal(shift, -1);
	assert_int_equal(top, 1);
	assert_int_equal(bottom, 7);
	term_frame_scrolled(&f, top, bottom, shift);
	assert_true(term_frame_row_changed(&f, 1));
	assert_int_equal(n_changed(&f), 1);
	term_frame_end(&f);
	/* fewer than four rows moved: drawn, not scrolled */
	const char *v[9] = {"title", "x",  "x",	 "x",	  "x",
			    "r1",    "r2", "r3", "status"};
	draw(&f, 9, v);
	assert_false(term_frame_shift(&f, &top, &bottom, &shift));
	term_frame_end(&f);
	term_frame_done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_first_frame_draws_every_row),
	    cmocka_unit_test(test_only_rows_drawn_otherwise_change),
	    cmocka_unit_test(test_drawn_outside_a_frame),
	    cmocka_unit_test(test_off_screen_or_wrapping_draws_whole),
	    cmocka_unit_test(test_rows_shifted_by_one),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests: app — the case page (readiness, decisions, suggestions), the
 * rule that opens, resumes or amends a decision, and the defer rule. */
#include "testutil.h"

#include <time.h>

#include "app.h"
#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_form.h"
#include "db_meeting.h"
#include "diag.h"
#include "model.h"

struct fixture {
	struct test_db t;
	struct app app;
	long long lung, breast;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct tm tm = {
	    .tm_year = 126, .tm_mon = 10, .tm_mday = 23, .tm_hour = 9};
	clock_set_fixed(timegm(&tm));
	test_db_open(&f->t);
	f->lung = test_add_case(f->t.db, "L-1", "19560312-9809", "C34.1");
	f->breast = test_add_case(f->t.db, "B-1", "19771012-9847", "C50.4");
	app_init(&f->app, f->t.db);
	struct diag d;
	diag_init(&d);
	char *path = NULL;
	assert_int_equal(app_load_boards(&f->app, &d, &path), TB_OK);
	free(path);
	diag_done(&d);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	app_done(&f->app);
	db_close(&f->t.db);
	test_db_done(&f->t);
	free(f);
	return 0;
}

/* The page holds what show and the case view print: readiness against the
 * board, the knowledge base, the decisions section; masked by default. */
static void test_case_page(void **state)
{
	struct fixture *f = *state;
	struct app_case_page p;
	char msg[256] = "";
	assert_int_equal(
	    app_case_page(&f->app, f->lung, NULL, &p, msg, sizeof(msg)), TB_OK);
	assert_string_equal(msg, "");
	assert_string_equal(p.c->external_id, "L-1");
	assert_non_null(p.ro.readiness);
	assert_ptr_equal(p.ro.readiness, &p.rd);
	assert_non_null(p.ro.kb);
	assert_true(p.ro.with_decisions);
	assert_int_equal(p.n_briefs, 0);
	assert_true(p.ro.mask_id);
	assert_string_equal(p.as_of, "2026-11-23");
	app_case_page_done(&p);
	assert_int_equal(
	    app_case_page(&f->app, f->lung, "2026-12-01", &p, NULL, 0), TB_OK);
	assert_string_equal(p.as_of, "2026-12-01");
	app_case_page_done(&p);
	assert_int_equal(app_case_page(&f->app, 9999, NULL, &p, NULL, 0),
			 TB_NOT_FOUND);
	app_case_page_done(&p);
}

/* New, then resumed: one draft per case, with the form of its board. */
static void test_decision_open(void **state)
{
	struct fixture *f = *state;
	long long latest = -1, inst = 0, again = -1;
	struct diag d;
	diag_init(&d);
	assert_int_equal(app_decision_start(&f->app, f->lung, &latest),
			 APP_DECISION_NEW);
	assert_int_equal(latest, 0);
	assert_int_equal(app_decision_open(&f->app, f->lung, NULL, &d, &inst),
			 TB_OK);
	assert_true(inst > 0);
	assert_int_equal(app_decision_start(&f->app, f->lung, &latest),
			 APP_DECISION_RESUME);
	/* resumed: no second draft */
	assert_int_equal(app_decision_open(&f->app, f->lung, NULL, &d, &again),
			 TB_OK);
	assert_int_equal(again, 0);
	struct db_form_instance fi;
	struct form_values v;
	form_values_init(&v);
	assert_int_equal(db_form_draft(f->t.db, f->lung, &fi, &v), TB_OK);
	assert_int_equal(fi.id, inst);
	assert_string_equal(fi.form_id, "lung");
	db_form_instance_done(&fi);
	form_values_done(&v);
	/* the breast board's form for a breast case */
	assert_int_equal(app_decision_open(&f->app, f->breast, NULL, &d, &inst),
			 TB_OK);
	form_values_init(&v);
	assert_int_equal(db_form_draft(f->t.db, f->breast, &fi, &v), TB_OK);
	assert_string_equal(fi.form_id, "breast");
	db_form_instance_done(&fi);
	form_values_done(&v);
	diag_done(&d);
}

/* Deferred to the board's next meeting with a reason; none without one,
 * none when no later meeting of the board is planned. */
static void test_defer(void **state)
{
	struct fixture *f = *state;
	long long m1 = test_plan_meeting(f->t.db, "2026-12-01", "lung");
	long long other = test_plan_meeting(f->t.db, "2026-12-05", "breast");
	const char *why = NULL;
	assert_int_equal(db_agenda_add(f->t.db, m1, f->lung, NULL, 0, &why),
			 TB_OK);
	long long to = 0;
	assert_int_equal(app_agenda_defer(&f->app, m1, f->lung, "  ", &to),
			 TB_INVALID);
	assert_int_equal(app_agenda_defer(&f->app, m1, f->lung, NULL, &to),
			 TB_INVALID);
	assert_int_equal(
	    app_agenda_defer(&f->app, m1, f->lung, "results missing", &to),
	    TB_NOT_FOUND);
	assert_int_equal(to, 0);
	long long m2 = test_plan_meeting(f->t.db, "2026-12-08", "lung");
	assert_int_equal(
	    app_agenda_defer(&f->app, m1, f->lung, "results missing", &to),
	    TB_OK);
	assert_int_equal(to, m2);
	assert_true(to != other);
}

/* The app's clock: clock.h's until a test sets one, then that one for
 * this app alone (the case page's today, and what the views read). */
static void test_clock(void **state)
{
	struct fixture *f = *state;
	char today[11];
	app_today(&f->app, today);
	assert_string_equal(today, "2026-11-23");
	assert_true(app_now(&f->app) == clock_now());
	struct tm tm = {
	    .tm_year = 2027 - 1900, .tm_mon = 1, .tm_mday = 3, .tm_hour = 9};
	f->app.now = timegm(&tm);
	app_today(&f->app, today);
	assert_string_equal(today, "2027-02-03");
	assert_true(app_now(&f->app) == f->app.now);
	struct app_case_page p;
	assert_int_equal(app_case_page(&f->app, f->lung, NULL, &p, NULL, 0),
			 TB_OK);
	assert_string_equal(p.as_of, "2027-02-03");
	app_case_page_done(&p);
	/* clock.h's clock is untouched */
	clock_today(today);
	assert_string_equal(today, "2026-11-23");
	f->app.now = 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_case_page, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_decision_open, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_defer, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_clock, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

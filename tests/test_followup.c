/* The follow-up list's index (schema 28): a window of the latest
 * decisions by their follow-up date, what earlier versions leave, and the
 * dates of decisions signed before the index read in once. */
#include "testforms.h"

#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_decision.h"
#include "decision.h"
#include "diag.h"
#include "followup.h"
#include "form_def.h"
#include "import.h"
#include "import_form.h"

static const struct decision_sign_opts sign_opts = {
    .signed_by = "Ordförande", .attendees = "Anna Berg\tonkolog\tcore"};

/* The draft of case cid filled and signed with follow-up date due. */
static long long sign(struct db *db, long long cid, const char *due)
{
	test_fill_general(db, cid, due);
	struct diag d;
	diag_init(&d);
	long long dec = 0;
	if (decision_sign(db, &forms, cid, &sign_opts, &d, &dec) != TB_OK) {
		diag_print(&d, stderr);
		fail_msg("signing case %lld failed", cid);
	}
	diag_done(&d);
	return dec;
}

#define N_CASES 40

/* N_CASES cases, case i's decision due 2026-12-01 plus i days; the
 * decision of case 5 amended to be due 2027-05-01. The ids in dec[],
 * the amended one's first version in *old. */
static void archive(struct db *db, long long dec[N_CASES], long long *old)
{
	const struct form *general = form_set_get(&forms, "general");
	assert_non_null(general);
	for (int i = 0; i < N_CASES; i++) {
		char ext[32], due[11];
		snprintf(ext, sizeof(ext), "LUND-%d", i);
		struct tb_case *c =
		    test_make_case(ext, "19560312-2389", "Märta");
		long long cid = test_store_case(db, c, "2026-11-23T09:00:00Z");
		model_case_free(&c);
		struct diag d;
		diag_init(&d);
		long long inst = 0;
		assert_int_equal(
		    decision_open(db, general, NULL, cid, &d, &inst), TB_OK);
		diag_done(&d);
		int day = 1 + i;
		snprintf(due, sizeof(due), "%s-%02d",
			 day <= 31 ? "2026-12" : "2027-01",
			 day <= 31 ? day : day - 31);
		dec[i] = sign(db, cid, due);
	}
	struct diag d;
	diag_init(&d);
	long long inst = 0;
	*old = dec[5];
	assert_int_equal(
	    decision_amend(db, &forms, dec[5], "ny bedömning", &d, &inst),
	    TB_OK);
	diag_done(&d);
	struct tb_decision first;
	assert_int_equal(db_decision_get(db, *old, &first), TB_OK);
	dec[5] = sign(db, first.case_id, "2027-05-01");
	db_decision_done(&first);
}

struct rows {
	long long id[2 * N_CASES];
	char day[2 * N_CASES][11], due[2 * N_CASES][11];
	int n;
};

static bool row(const struct followup_row *r, void *arg)
{
	struct rows *rs = arg;
	assert_true(rs->n < 2 * N_CASES);
	rs->id[rs->n] = r->decision_id;
	snprintf(rs->day[rs->n], 11, "%s", r->day);
	snprintf(rs->due[rs->n], 11, "%s", r->due);
	rs->n++;
	return true;
}

/* The window of past before today and ahead from today on; whether there
 * are more before (*earlier) and after (*later, may be NULL). */
static void window_ahead(struct db *db, const char *today, int past, int ahead,
			 bool *earlier, bool *later, struct rows *rs)
{
	memset(rs, 0, sizeof(*rs));
	struct db_followup_span span = {.past = past, .ahead = ahead};
	assert_int_equal(followup_window(db, &forms, today, &span, row, rs),
			 TB_OK);
	if (earlier)
		*earlier = span.earlier;
	if (later)
		*later = span.later;
	for (int i = 1; i < rs->n; i++) {
		int c = strcmp(rs->day[i - 1], rs->day[i]);
		/* by day, then id */
		assert_true(c < 0 || (c == 0 && rs->id[i - 1] < rs->id[i]));
	}
}

static void window(struct db *db, const char *today, int past, bool *earlier,
		   struct rows *rs)
{
	bool later = true;
	window_ahead(db, today, past, -1, earlier, &later, rs);
	assert_false(later);
}

static bool has(const struct rows *rs, long long id)
{
	for (int i = 0; i < rs->n; i++)
		if (rs->id[i] == id)
			return true;
	return false;
}

static void test_window(void **state)
{
	(void)state;
	struct test_db t;
	test_db_open(&t);
	long long dec[N_CASES], old = 0;
	archive(t.db, dec, &old);
	struct rows rs;
	bool earlier = true;

	/* every one: each case's latest, the amended version not */
	window(t.db, "2027-01-05", -1, &earlier, &rs);
	assert_false(earlier);
	assert_int_equal(rs.n, N_CASES);
	assert_false(has(&rs, old));
	for (int i = 0; i < N_CASES; i++)
		assert_true(has(&rs, dec[i]));
	/* each at its follow-up date, the amended one at its new one */
	assert_string_equal(rs.day[0], "2026-12-01");
	assert_string_equal(rs.due[0], "2026-12-01");
	assert_int_equal(rs.id[rs.n - 1], dec[5]);
	assert_string_equal(rs.day[rs.n - 1], "2027-05-01");

	/* 34 due before 2027-01-05 (35 dates less the amended): the last
	 * 30 of them, then every one from today on */
	window(t.db, "2027-01-05", 30, &earlier, &rs);
	assert_true(earlier);
	int before = 0;
	for (int i = 0; i < rs.n; i++)
		before += strcmp(rs.day[i], "2027-01-05") < 0;
	assert_int_equal(before, 30);
	assert_int_equal(rs.n, 30 + (N_CASES - 34));
	/* the four earliest left out (12-06 was amended away) */
	assert_string_equal(rs.day[0], "2026-12-05");
	assert_false(has(&rs, dec[0]));
	assert_true(has(&rs, dec[39]));

	/* more than there are: all, none earlier */
	window(t.db, "2027-01-05", 34, &earlier, &rs);
	assert_false(earlier);
	assert_int_equal(rs.n, N_CASES);
	/* none before today: from today on, none earlier */
	window(t.db, "2026-11-30", 30, &earlier, &rs);
	assert_false(earlier);
	assert_int_equal(rs.n, N_CASES);
	/* past 0: today's and later only */
	window(t.db, "2027-01-09", 0, &earlier, &rs);
	assert_true(earlier);
	assert_int_equal(rs.n, 2); /* 2027-01-09 and 2027-05-01 */

	/* the ones ahead bounded too: the first 10 from today on, and the
	 * 30 before */
	bool later = false;
	window_ahead(t.db, "2026-12-11", 30, 10, &earlier, &later, &rs);
	assert_false(earlier); /* 9 before 12-11 (12-06 amended away) */
	assert_true(later);
	assert_int_equal(rs.n, 9 + 10);
	assert_string_equal(rs.day[9], "2026-12-11");
	assert_string_equal(rs.day[rs.n - 1], "2026-12-20");
	/* as many as there are: none later */
	window_ahead(t.db, "2026-11-30", 30, N_CASES, &earlier, &later, &rs);
	assert_false(later);
	assert_int_equal(rs.n, N_CASES);
	window_ahead(t.db, "2026-11-30", 30, N_CASES - 1, &earlier, &later,
		     &rs);
	assert_true(later);
	assert_int_equal(rs.n, N_CASES - 1);
	assert_false(has(&rs, dec[5])); /* 2027-05-01, the last */
	/* every one before today, the first 2 after */
	window_ahead(t.db, "2027-01-09", -1, 2, &earlier, &later, &rs);
	assert_false(later);
	assert_int_equal(rs.n, N_CASES);
	window_ahead(t.db, "2027-01-09", -1, 1, &earlier, &later, &rs);
	assert_true(later);
	assert_int_equal(rs.n, N_CASES - 1);
	db_close(&t.db);
	test_db_done(&t);
}

static void test_catch_up(void **state)
{
	(void)state;
	struct test_db t;
	test_db_open(&t);
	long long dec[N_CASES], old = 0;
	archive(t.db, dec, &old);
	struct rows want, got;
	window(t.db, "2027-01-05", 30, NULL, &want);
	long long unknown = -1;
	assert_int_equal(db_followup_unknown_count(t.db, &unknown), TB_OK);
	assert_int_equal(unknown, 0);

	/* the archive as it was before schema 28, brought up to date: the
	 * index made anew, every decision at the day it was signed and its
	 * date not read yet */
	struct tb_case *c = test_make_case("LUND-X", "19560312-2389", "Märta");
	test_db_back_to(&t, c,
			"DROP TABLE followup_due;"
			" PRAGMA user_version = 27");
	model_case_free(&c);
	assert_int_equal(db_followup_unknown_count(t.db, &unknown), TB_OK);
	assert_int_equal(unknown, N_CASES + 1);
	assert_int_equal(test_file_scalar(t.path,
					  "SELECT count(*) FROM followup_due"
					  " WHERE latest = 1"),
			 N_CASES);
	char *sql = xasprintf("SELECT latest FROM followup_due"
			      " WHERE decision_id = %lld",
			      old);
	assert_int_equal(test_file_scalar(t.path, sql), 0);
	free(sql);
	/* the list reads their dates in first: the same list */
	window(t.db, "2027-01-05", 30, NULL, &got);
	assert_int_equal(db_followup_unknown_count(t.db, &unknown), TB_OK);
	assert_int_equal(unknown, 0);
	assert_int_equal(got.n, want.n);
	for (int i = 0; i < want.n; i++) {
		assert_int_equal(got.id[i], want.id[i]);
		assert_string_equal(got.day[i], want.day[i]);
		assert_string_equal(got.due[i], want.due[i]);
	}
	db_close(&t.db);
	test_db_done(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_window),
	    cmocka_unit_test(test_catch_up),
	};
	return cmocka_run_group_tests(tests, test_forms_setup,
				      test_forms_teardown);
}

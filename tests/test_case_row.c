/* Unit tests: the case list's rows in list order (case_row, schema 31,
 * db_case_row.c). After each change a screen can follow (a case added or
 * changed, a patient renamed, a case listed on a meeting, the meeting
 * run, finished or cancelled, a case taken off an agenda) the list and
 * the referral queue read from case_row are what the cases and agendas
 * say, in order, with their count; verify finds a row changed behind the
 * program's back; an archive of schema 30 opens with the rows made. */
#include "testutil.h"

#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_internal.h"
#include "db_meeting.h"
#include "diag.h"
#include "model.h"

#define REF_QUEUE                                                              \
	" FROM cases c WHERE c.status IN " DB_QUEUE_STATUSES                   \
	" AND NOT EXISTS (SELECT 1 FROM agenda_item a JOIN meeting m ON"       \
	" m.id = a.meeting_id WHERE a.case_id = c.id AND a.status = 'listed'"  \
	" AND m.status IN ('planned','running'))"

struct seen {
	long long sum; /* of each id times its place, so that order counts */
	long long n;
	char given[64];
	long long given_of;
	char date[32]; /* the last row's key */
	long long id;
	long long ids[16]; /* the first rows' */
};

static bool see(const struct db_case_row *r, void *arg)
{
	struct seen *s = arg;
	s->n++;
	s->sum += r->id * s->n;
	if (r->id == s->given_of)
		snprintf(s->given, sizeof(s->given), "%s", r->given_name);
	snprintf(s->date, sizeof(s->date), "%s", r->referral_date);
	s->id = r->id;
	if (s->n <= 16)
		s->ids[s->n - 1] = r->id;
	return true;
}

/* The list walked a row at a time as a screen scrolls (each row after
 * the last one's key), forward, and backward from its end (each row
 * before the key, from the last rows): the ids weighted by their place
 * in list order, as see() sums them. */
static long long walked(struct db *db, bool queue, bool back, long long n)
{
	struct seen one = {0};
	long long sum = 0;
	struct db_case_filter f = {.limit = 1, .queue = queue};
	f.key_mode = back ? DB_KEY_LAST : DB_KEY_NONE;
	for (long long k = 0; k < n; k++) {
		one.n = 0;
		assert_int_equal(db_case_list(db, &f, see, &one), TB_OK);
		assert_int_equal(one.n, 1);
		sum += one.id * (back ? n - k : k + 1);
		f.key_mode = back ? DB_KEY_BEFORE : DB_KEY_AFTER;
		f.key_date = one.date;
		f.key_id = one.id;
	}
	one.n = 0;
	assert_int_equal(db_case_list(db, &f, see, &one), TB_OK);
	assert_int_equal(one.n, 0); /* and nothing past either end */
	return sum;
}

/* What the cases say, on the file (another connection): the queue's
 * ids weighted by place in list order, and how many. */
static void reference(const char *path, bool queue, long long *sum,
		      long long *n)
{
	const char *from = queue ? REF_QUEUE : " FROM cases c";
	char *sql = xasprintf("SELECT coalesce(sum(id * rn), 0) FROM (SELECT"
			      " c.id, row_number() OVER (ORDER BY"
			      " c.referral_date DESC, c.id DESC) AS rn%s)",
			      from);
	*sum = test_file_scalar(path, sql);
	free(sql);
	sql = xasprintf("SELECT count(*)%s", from);
	*n = test_file_scalar(path, sql);
	free(sql);
}

static size_t verify_lines(struct db *db)
{
	struct diag d;
	diag_init(&d);
	assert_int_equal(db_case_row_verify(db, &d), TB_OK);
	size_t n = d.n;
	for (size_t i = 0; i < d.n; i++)
		print_message("# %s\n", d.items[i].message);
	diag_done(&d);
	return n;
}

/* The list and the queue as the program reads them against the
 * reference; verify finds nothing. Returns the queue's count. */
static long long agree(struct test_db *t, const char *when)
{
	long long want_sum, want_n;
	for (int q = 0; q < 2; q++) {
		struct seen got = {0};
		struct db_case_filter f = {.limit = 1000, .queue = q == 1};
		assert_int_equal(db_case_list(t->db, &f, see, &got), TB_OK);
		reference(t->path, q == 1, &want_sum, &want_n);
		long long counted = 0;
		bool more = false;
		assert_int_equal(
		    db_case_count_capped(t->db, &f, 1000, &counted, &more),
		    TB_OK);
		if (got.n != want_n || got.sum != want_sum || counted != want_n)
			fail_msg(
			    "%s: the %s read %lld rows (%lld counted), the "
			    "cases say %lld",
			    when, q ? "queue" : "list", got.n, counted, want_n);
		/* a page further down (cases --offset): the whole's rows */
		struct seen page = {0};
		f.limit = 2;
		f.offset = 1;
		assert_int_equal(db_case_list(t->db, &f, see, &page), TB_OK);
		if (page.n != (want_n > 2 ? 2 : want_n - 1) ||
		    (page.n > 0 && page.ids[0] != got.ids[1]) ||
		    (page.n > 1 && page.ids[1] != got.ids[2]))
			fail_msg(
			    "%s: the %s's rows from the second are not the "
			    "whole's",
			    when, q ? "queue" : "list");
		for (int back = 0; back < 2; back++)
			if (walked(t->db, q == 1, back, want_n) != want_sum)
				fail_msg("%s: the %s walked %s is out of order",
					 when, q ? "queue" : "list",
					 back ? "back" : "forward");
	}
	if (verify_lines(t->db))
		fail_msg("%s: verify found differences", when);
	return want_n;
}

static long long queued(struct db *db)
{
	long long n = 0;
	bool more = false;
	struct db_case_filter f = {.queue = true};
	assert_int_equal(db_case_count_capped(db, &f, 1000, &n, &more), TB_OK);
	return n;
}

static void test_rows_follow_every_change(void **state)
{
	(void)state;
	struct test_db t;
	test_db_open(&t);
	/* the oldest id referred last: the list's order is not the ids' */
	struct tb_case *first = test_make_case("A-1", "19560312-9809", "Märta");
	util_set(&first->referral_date, "2026-11-25");
	long long a = test_store_case(t.db, first, "t");
	model_case_free(&first);
	long long b = test_add_case(t.db, "B-2", "19710824-9819", "C34.2");
	long long c = test_add_case(t.db, "C-3", "19480615-9802", "C50.1");
	test_add_case(t.db, "D-4", "19500101-9807", "C18.7");
	assert_int_equal(agree(&t, "four cases"), 4);

	/* the patient renamed by a later import: the row shows the name */
	struct tb_case *ca = test_make_case("A-1", "19560312-9809", "Märtha");
	test_store_case(t.db, ca, "t2");
	model_case_free(&ca);
	struct seen got = {.given_of = a};
	struct db_case_filter all = {.limit = 10};
	assert_int_equal(db_case_list(t.db, &all, see, &got), TB_OK);
	assert_string_equal(got.given, "Märtha");
	agree(&t, "a patient renamed");

	/* a later referral date moves the case to the top of the list */
	struct tb_case *cc = test_make_case("C-3", "19480615-9802", "Märta");
	util_set(&cc->icd10, "C50.1");
	util_set(&cc->referral_date, "2026-11-20");
	test_store_case(t.db, cc, "t3");
	model_case_free(&cc);
	agree(&t, "a referral date changed");

	/* listed on a planned meeting: out of the queue */
	long long m = test_plan_meeting(t.db, "2026-12-10", "lung");
	const char *why = NULL;
	assert_int_equal(db_agenda_add(t.db, m, a, NULL, 0, &why), TB_OK);
	assert_int_equal(db_agenda_add(t.db, m, b, NULL, 0, &why), TB_OK);
	assert_int_equal(agree(&t, "two cases listed"), 2);

	/* running: still out; taken off the agenda: back */
	assert_int_equal(db_meeting_start(t.db, m), TB_OK);
	assert_int_equal(agree(&t, "the meeting started"), 2);
	char why_not[256];
	assert_int_equal(db_agenda_remove(t.db, m, b, "Väntar på PET", why_not,
					  sizeof(why_not)),
			 TB_OK);
	assert_int_equal(agree(&t, "a case taken off"), 3);

	/* finished with a case not reached: back in the queue */
	assert_int_equal(db_meeting_finish(t.db, m), TB_OK);
	assert_int_equal(agree(&t, "the meeting finished"), 4);

	/* listed on another meeting that is cancelled: back again */
	long long m2 = test_plan_meeting(t.db, "2026-12-17", "lung");
	assert_int_equal(db_agenda_add(t.db, m2, c, NULL, 0, &why), TB_OK);
	assert_int_equal(agree(&t, "listed again"), 3);
	assert_int_equal(db_meeting_cancel(t.db, m2, "Sjukdom"), TB_OK);
	assert_int_equal(agree(&t, "the meeting cancelled"), 4);

	/* a case signed leaves the queue, and the list keeps it */
	struct tb_case *cb = test_make_case("B-2", "19710824-9819", "Märta");
	util_set(&cb->icd10, "C34.2");
	util_set(&cb->status, "signed");
	test_store_case(t.db, cb, "t4");
	model_case_free(&cb);
	assert_int_equal(agree(&t, "a case signed"), 3);
	assert_int_equal(queued(t.db), 3);

	db_close(&t.db);
	test_db_done(&t);
}

/* The archive closed, sql run on its file with another tool, and opened
 * again as t->db. */
static void behind_the_back(struct test_db *t, const char *sql)
{
	char *err = NULL;
	db_close(&t->db);
	test_file_exec(t->path, sql);
	if (db_open(t->path, false, &t->db, &err) != TB_OK)
		fail_msg("%s: %s", t->path, err ? err : "cannot open");
}

/* A row or the count changed with another tool: verify names it. */
static void test_verify_finds_a_row_changed(void **state)
{
	(void)state;
	struct test_db t;
	test_db_open(&t);
	test_add_case(t.db, "A-1", "19560312-9809", "C34.1");
	long long b = test_add_case(t.db, "B-2", "19710824-9819", "C34.2");
	assert_int_equal(verify_lines(t.db), 0);
	behind_the_back(&t, "UPDATE case_row SET family_name = 'Ek'"
			    " WHERE external_id = 'B-2';"
			    "UPDATE queue_count SET n = n + 5");
	struct diag d;
	diag_init(&d);
	assert_int_equal(db_case_row_verify(t.db, &d), TB_OK);
	assert_int_equal(d.n, 2);
	/* one case's row changed: one case, though the row differs both
	 * ways (the row in the table, the row the case makes) */
	char *want = xasprintf("for 1 case (case %lld (B-2) first)", b);
	if (!strstr(d.items[0].message, want))
		fail_msg("%s", d.items[0].message);
	free(want);
	assert_non_null(strstr(d.items[1].message, "says 7 cases wait"));
	diag_done(&d);
	/* verify --repair: both made again from the cases */
	assert_int_equal(db_case_row_rebuild(t.db), TB_OK);
	agree(&t, "made again");
	db_close(&t.db);
	test_db_done(&t);
}

/* A new archive of two cases, A-1 and B-2, B-2 listed on a planned
 * meeting: B-2's id. */
static long long listed_second(struct test_db *t)
{
	test_db_open(t);
	test_add_case(t->db, "A-1", "19560312-9809", "C34.1");
	long long m = test_plan_meeting(t->db, "2026-12-10", "lung");
	long long b = test_add_case(t->db, "B-2", "19710824-9819", "C34.2");
	const char *why = NULL;
	assert_int_equal(db_agenda_add(t->db, m, b, NULL, 0, &why), TB_OK);
	return b;
}

/* A row missing and a row too many, made again: the list and the queue
 * as the cases say, the count too. */
static void test_rebuild_mends_missing_and_extra_rows(void **state)
{
	(void)state;
	struct test_db t;
	listed_second(&t);
	test_add_case(t.db, "C-3", "19800101-9805", "C34.3");
	long long before = agree(&t, "before");
	behind_the_back(&t, "DELETE FROM case_row WHERE external_id = 'A-1';"
			    "INSERT INTO case_row SELECT 1, '2026-01-01', 999,"
			    " 'X-9', patient_id, pnr, family_name, given_name,"
			    " birth_date, sex, icd10, diagnosis_text, level,"
			    " priority, status, region, referrer_unit FROM"
			    " case_row WHERE external_id = 'C-3'");
	struct diag d;
	diag_init(&d);
	assert_int_equal(db_case_row_verify(t.db, &d), TB_OK);
	if (d.n < 1 || !strstr(d.items[0].message, "for 2 cases"))
		fail_msg("%s", d.n ? d.items[0].message : "(nothing found)");
	diag_done(&d);
	assert_int_equal(db_case_row_rebuild(t.db), TB_OK);
	assert_int_equal(agree(&t, "made again"), before);
	db_close(&t.db);
	test_db_done(&t);
}

/* An archive of schema 30 opens with the rows made, the queue's count
 * and the triggers that keep them. */
static void test_migration_step_31(void **state)
{
	(void)state;
	struct test_db t;
	listed_second(&t);
	behind_the_back(
	    &t,
	    "DROP TRIGGER queue_count_i; DROP TRIGGER queue_count_d;"
	    " DROP TRIGGER queue_count_u; DROP TRIGGER case_row_i;"
	    " DROP TRIGGER case_row_u; DROP TRIGGER case_row_d;"
	    " DROP TRIGGER case_row_patient; DROP TRIGGER case_row_agenda_i;"
	    " DROP TRIGGER case_row_agenda_u; DROP TRIGGER case_row_agenda_d;"
	    " DROP TRIGGER case_row_meeting; DROP TABLE case_row;"
	    " DROP TABLE queue_count; PRAGMA user_version = 30");
	assert_int_equal(db_user_version(t.db), DB_SCHEMA_VERSION);
	assert_int_equal(test_file_scalar(t.path, "SELECT count(*) FROM"
						  " case_row"),
			 2);
	assert_int_equal(agree(&t, "upgraded"), 1);
	assert_int_equal(
	    test_file_scalar(t.path,
			     "SELECT count(*) FROM sqlite_master WHERE name IN"
			     " ('case_row_i', 'case_row_agenda_d',"
			     " 'queue_count_u', 'cases_referral')"),
	    4);
	db_close(&t.db);
	test_db_done(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rows_follow_every_change),
	    cmocka_unit_test(test_verify_finds_a_row_changed),
	    cmocka_unit_test(test_rebuild_mends_missing_and_extra_rows),
	    cmocka_unit_test(test_migration_step_31),
	};
	clock_set_fixed(1795424400); /* 2026-11-23T09:00:00Z */
	return cmocka_run_group_tests_name("case_row", tests, NULL, NULL);
}

/* Unit tests: db_meeting — a closed meeting refuses changes, bounds on
 * positions and dates, finishing as one transaction (a step made to fail
 * midway changes nothing), decided cases leaving other agendas, the
 * coordinator's checks with an override, and the real start. */
#include "testutil.h"

#include "access.h"
#include "agenda_doc.h"
#include "board.h"
#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_live.h"
#include "db_meeting.h"
#include "diag.h"
#include "import_boards.h"
#include "minutes.h"
#include "textdoc.h"
#include "model.h"
#include "readiness.h"

struct fixture {
	struct test_db t;
	long long cases[4]; /* three lung cases and a breast case */
};

/* One text value from a query on a second connection (caller frees). */
static char *file_text(const char *path, const char *sql)
{
	struct store *conn;
	struct store_stmt *st;
	char *v = NULL;
	conn = test_store_open(path);
	assert_int_equal(store_prepare(conn, sql, 0, &st), STORE_OK);
	if (store_step(st) == STORE_ROW && store_column_text(st, 0))
		v = xstrdup(store_column_text(st, 0));
	store_finalize(st);
	store_close(conn);
	return v ? v : xstrdup("");
}

/* Everything finishing may touch, as one string: meetings, agenda items,
 * cases' statuses, the audit log's length. */
static char *snapshot(const char *path)
{
	return file_text(
	    path,
	    "SELECT (SELECT group_concat(id || ':' || status, ',') FROM"
	    " meeting) || '|' || (SELECT group_concat(meeting_id || '/' ||"
	    " case_id || '/' || position || '/' || status || '/' ||"
	    " coalesce(note, ''), ',') FROM agenda_item) || '|' || (SELECT"
	    " group_concat(id || ':' || status, ',') FROM cases) || '|' ||"
	    " (SELECT count(*) FROM audit) || '|' || (SELECT count(*) FROM"
	    " meeting_run WHERE finished IS NOT NULL)");
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	test_db_open(&f->t);
	f->cases[0] = test_add_case(f->t.db, "L-1", "19560312-9809", "C34.1");
	f->cases[1] = test_add_case(f->t.db, "L-2", "19710824-9819", "C34.9");
	f->cases[2] = test_add_case(f->t.db, "L-3", "19511130-9877", "C34.1");
	f->cases[3] = test_add_case(f->t.db, "B-1", "19771012-9847", "C50.4");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	db_close(&f->t.db);
	test_db_done(&f->t);
	free(f);
	return 0;
}

static void add(struct db *db, long long m, long long c)
{
	const char *why = NULL;
	assert_int_equal(db_agenda_add(db, m, c, NULL, 0, &why), TB_OK);
}

struct rows {
	int n;
	long long cases[8];
	char status[8][16];
	long long next[8];
	bool decided[8];
};

static bool see(const struct db_agenda_row *r, void *arg)
{
	struct rows *rs = arg;
	rs->cases[rs->n] = r->case_id;
	snprintf(rs->status[rs->n], sizeof(rs->status[0]), "%s", r->status);
	rs->next[rs->n] = r->next_meeting;
	rs->decided[rs->n] = r->decided;
	rs->n++;
	return rs->n < 8;
}

static void test_closed_meeting_refuses_changes(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	long long m = test_plan_meeting(db, "2026-11-23", "lung");
	add(db, m, f->cases[0]);
	add(db, m, f->cases[1]);
	const char *why = NULL;
	/* attendance is recorded once the meeting runs */
	assert_int_equal(
	    db_attendee_join(db, m, "Eva Lind", "onkolog", true, &why),
	    TB_INVALID);
	assert_non_null(strstr(why, "has not started"));
	assert_int_equal(db_meeting_start(db, m), TB_OK);
	assert_int_equal(
	    db_attendee_join(db, m, "Eva Lind", "onkolog", true, &why), TB_OK);
	struct db_finish res;
	assert_int_equal(db_meeting_finish_all(db, m, &res), TB_OK);
	assert_int_equal(db_agenda_add(db, m, f->cases[2], NULL, 0, &why),
			 TB_CLOSED);
	assert_int_equal(db_agenda_move(db, m, f->cases[1], 1), TB_CLOSED);
	assert_int_equal(db_agenda_set(db, m, f->cases[0], 10, "Dr X"),
			 TB_CLOSED);
	assert_int_equal(db_agenda_remove(db, m, f->cases[0], "x", NULL, 0),
			 TB_CLOSED);
	assert_int_equal(
	    db_agenda_mark(db, m, f->cases[0], "not-discussed", "x"),
	    TB_CLOSED);
	long long later = test_plan_meeting(db, "2026-12-01", "lung");
	char *with_later = snapshot(f->t.path);
	assert_int_equal(db_agenda_transfer(db, m, f->cases[0], later, "x",
					    false, NULL, NULL, 0, NULL),
			 TB_CLOSED);
	assert_int_equal(
	    db_attendee_join(db, m, "Nils Ek", "radiolog", true, &why),
	    TB_CLOSED);
	assert_int_equal(db_attendee_leave(db, m, "Eva Lind"), TB_CLOSED);
	assert_int_equal(db_agenda_clock(db, m, f->cases[0]), TB_CLOSED);
	char *after = snapshot(f->t.path);
	assert_string_equal(with_later, after); /* nothing changed */
	assert_string_equal(status_message(TB_CLOSED),
			    "the meeting is finished or cancelled: its record "
			    "is closed");
	assert_int_equal(status_exit_code(TB_CLOSED), 3);

	/* a cancelled meeting is closed too */
	long long c = test_plan_meeting(db, "2026-12-02", "lung");
	add(db, c, f->cases[2]);
	assert_int_equal(db_meeting_cancel(db, c, "sjukdom"), TB_OK);
	assert_int_equal(db_agenda_add(db, c, f->cases[2], NULL, 0, &why),
			 TB_CLOSED);
	free(with_later);
	free(after);
}

static void test_move_and_dates_are_bounded(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	long long m = test_plan_meeting(db, "2026-12-01", "lung");
	for (int i = 0; i < 3; i++)
		add(db, m, f->cases[i]);
	assert_int_equal(db_agenda_move(db, m, f->cases[0], 9), TB_INVALID);
	assert_int_equal(db_agenda_move(db, m, f->cases[0], 4), TB_INVALID);
	assert_int_equal(db_agenda_move(db, m, f->cases[0], 0), TB_INVALID);
	struct rows rs = {0};
	db_agenda_list(db, m, see, &rs);
	assert_int_equal(rs.cases[0], f->cases[0]); /* unchanged */
	assert_int_equal(db_agenda_move(db, m, f->cases[0], 3), TB_OK);
	memset(&rs, 0, sizeof(rs));
	db_agenda_list(db, m, see, &rs);
	assert_int_equal(rs.cases[2], f->cases[0]);

	struct tb_meeting old = {.length_min = 60};
	snprintf(old.start_time, sizeof(old.start_time), "09:00");
	snprintf(old.board, sizeof(old.board), "lung");
	snprintf(old.level, sizeof(old.level), "local");
	snprintf(old.date, sizeof(old.date), "1999-03-02");
	assert_int_equal(db_meeting_create(db, &old), TB_INVALID);
	snprintf(old.date, sizeof(old.date), "2029-01-10");
	assert_int_equal(db_meeting_create(db, &old), TB_INVALID);
	char why[120];
	assert_false(
	    db_meeting_date_ok("1999-03-02", "2026-11-23", why, sizeof(why)));
	assert_non_null(strstr(why, "more than a year ago"));
	assert_true(
	    db_meeting_date_ok("2025-11-23", "2026-11-23", why, sizeof(why)));
	assert_true(
	    db_meeting_date_ok("2028-11-22", "2026-11-23", why, sizeof(why)));
	struct tb_meeting got;
	assert_int_equal(db_meeting_get(db, m, &got), TB_OK);
	snprintf(got.date, sizeof(got.date), "1999-12-01");
	assert_int_equal(db_meeting_update(db, &got), TB_INVALID);
}

static void test_finish_is_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	long long m = test_plan_meeting(db, "2026-11-23", "lung");
	long long next = test_plan_meeting(db, "2026-11-30", "lung");
	for (int i = 0; i < 3; i++)
		add(db, m, f->cases[i]);
	assert_int_equal(db_meeting_start(db, m), TB_OK);
	/* the second case's move to the next meeting fails */
	char *sql = xasprintf("CREATE TRIGGER fail_second BEFORE INSERT ON"
			      " agenda_item WHEN new.case_id = %lld BEGIN"
			      " SELECT RAISE(ABORT, 'injected'); END;",
			      f->cases[1]);
	test_file_exec(f->t.path, sql);
	free(sql);
	char *before = snapshot(f->t.path);
	struct db_finish res = {.moved = 99};
	assert_int_equal(db_meeting_finish_all(db, m, &res), TB_DB);
	char *after = snapshot(f->t.path);
	assert_string_equal(before, after); /* nothing changed */
	assert_int_equal(res.moved, 0);
	assert_string_equal(res.error, "injected"); /* the reason is kept */
	struct tb_meeting got;
	assert_int_equal(db_meeting_get(db, m, &got), TB_OK);
	assert_string_equal(got.status, "running");
	assert_string_equal(got.finished, "");
	struct rows rs = {0};
	db_agenda_list(db, next, see, &rs);
	assert_int_equal(rs.n, 0); /* not even the first moved */

	test_file_exec(f->t.path, "DROP TRIGGER fail_second");
	assert_int_equal(db_meeting_finish_all(db, m, &res), TB_OK);
	assert_int_equal(res.next, next);
	assert_int_equal(res.moved, 3);
	assert_int_equal(res.not_moved, 0);
	memset(&rs, 0, sizeof(rs));
	db_agenda_list(db, next, see, &rs);
	assert_int_equal(rs.n, 3);
	assert_int_equal(db_meeting_get(db, m, &got), TB_OK);
	assert_string_equal(got.status, "finished");
	assert_string_not_equal(got.finished, "");
	assert_int_equal(db_meeting_finish_all(db, m, &res), TB_INVALID);
	free(before);
	free(after);
}

/* A decision signed for case at meeting m (0: outside a meeting), written
 * underneath (the sign path has its own tests). */
static void sign_at(const char *path, long long case_id, long long m)
{
	char *sql = xasprintf(
	    "INSERT INTO form_instance (case_id, form_id, form_version,"
	    " status, created, updated) VALUES (%lld, 'general', '1',"
	    " 'signed', 'x', 'x');"
	    "INSERT INTO decision (case_id, form_instance_id, version,"
	    " meeting_id, form_id, form_version, content, signed_by,"
	    " signed_at, attendees, content_hash) VALUES (%lld,"
	    " (SELECT max(id) FROM form_instance), 1, nullif(%lld, 0),"
	    " 'general', '1', 'c', 'Ordf',"
	    " '2026-11-23T09:30:00Z', 'A', 'h');"
	    "UPDATE cases SET status = 'signed' WHERE id = %lld;"
	    "UPDATE agenda_item SET status = 'discussed' WHERE case_id = %lld"
	    " AND meeting_id = %lld;",
	    case_id, case_id, m, case_id, case_id, m);
	test_file_exec(path, sql);
	free(sql);
}

static void test_decided_cases_leave_other_agendas(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	long long m = test_plan_meeting(db, "2026-11-23", "lung");
	long long later = test_plan_meeting(db, "2026-12-07", "lung");
	long long other = test_plan_meeting(db, "2026-12-14", "lung");
	add(db, m, f->cases[0]);
	/* a case waits on one agenda at a time ... */
	const char *why = NULL;
	assert_int_equal(db_agenda_add(db, later, f->cases[0], NULL, 0, &why),
			 TB_INVALID);
	char *want_why = xasprintf("the case is on the agenda of meeting %lld "
				   "already",
				   m);
	assert_non_null(strstr(why, want_why));
	free(want_why);
	/* ... but an archive from before that rule may list it twice */
	char *sql = xasprintf("INSERT INTO agenda_item (meeting_id, case_id,"
			      " position) VALUES (%lld, %lld, 1)",
			      later, f->cases[0]);
	test_file_exec(f->t.path, sql);
	free(sql);
	add(db, later, f->cases[1]);
	add(db, other, f->cases[2]);
	assert_int_equal(db_meeting_start(db, m), TB_OK);
	sign_at(f->t.path, f->cases[0], m);

	/* before the meeting finishes the other agenda marks it decided */
	struct rows rs = {0};
	db_agenda_list(db, later, see, &rs);
	assert_int_equal(rs.n, 2);
	assert_true(rs.decided[0]);
	assert_false(rs.decided[1]);

	struct db_finish res;
	assert_int_equal(db_meeting_finish_all(db, m, &res), TB_OK);
	assert_int_equal(res.withdrawn, 1);
	memset(&rs, 0, sizeof(rs));
	db_agenda_list(db, later, see, &rs);
	assert_int_equal(rs.n, 1);
	assert_int_equal(rs.cases[0], f->cases[1]);
	char *note = file_text(f->t.path, "SELECT note FROM agenda_item WHERE"
					  " status = 'removed'");
	char *want = xasprintf("decided at meeting %lld", m);
	assert_string_equal(note, want);
	free(note);
	free(want);

	/* a case decided outside any meeting is marked, not removed */
	sign_at(f->t.path, f->cases[2], 0);
	memset(&rs, 0, sizeof(rs));
	db_agenda_list(db, other, see, &rs);
	assert_int_equal(rs.n, 1);
	assert_true(rs.decided[0]);
}

static void test_decided_meanwhile_does_not_move_on(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	long long m = test_plan_meeting(db, "2026-11-23", "lung");
	long long next = test_plan_meeting(db, "2026-11-30", "lung");
	add(db, m, f->cases[0]);
	add(db, m, f->cases[1]);
	assert_int_equal(db_meeting_start(db, m), TB_OK);
	sign_at(f->t.path, f->cases[0], 0); /* signed outside the meeting */
	struct db_finish res;
	assert_int_equal(db_meeting_finish_all(db, m, &res), TB_OK);
	assert_int_equal(res.decided, 1);
	assert_int_equal(res.moved, 1);
	struct rows rs = {0};
	db_agenda_list(db, next, see, &rs);
	assert_int_equal(rs.n, 1);
	assert_int_equal(rs.cases[0], f->cases[1]);
}

/* Boards of the hospital's own without a catch-all: a case without a
 * diagnosis code belongs to no board, and listing it says so (it said
 * "belongs to the no board"). */
static void test_add_no_board(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/boards.xml", dir);
	const char *xml =
	    "<boards xmlns=\"urn:x-tumorboard:boards:1\" version=\"t\">\n"
	    "<board id=\"lung\" name=\"Lunga\" minutes-per-case=\"5\">"
	    "<diagnoses>C34</diagnoses><ready><question/></ready>"
	    "</board>\n</boards>\n";
	test_write_file(path, xml, strlen(xml));
	struct boards bs;
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_boards_load(path, &bs, &d), TB_OK);
	diag_done(&d);
	long long lung = test_plan_meeting(db, "2026-12-01", "lung");
	test_file_exec(f->t.path, "UPDATE cases SET icd10 = '' WHERE"
				  " external_id = 'L-2'");
	char why[256];
	assert_int_equal(db_agenda_add_checked(db, &bs, lung, f->cases[1], NULL,
					       0, NULL, why, sizeof(why), NULL),
			 TB_INVALID);
	assert_string_equal(why, "the case has no diagnosis code and no board "
				 "takes it; list it on this lung meeting "
				 "anyway with an override and its reason");
	assert_int_equal(db_agenda_add_checked(db, &bs, lung, f->cases[1], NULL,
					       0, "Oklar primärtumör", why,
					       sizeof(why), NULL),
			 TB_OK);
	boards_done(&bs);
	test_rmtree(dir);
	free(path);
	free(dir);
}

static void test_add_checks_board_and_decision(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	struct boards bs;
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_boards_load(NULL, &bs, &d), TB_OK);
	diag_done(&d);
	long long lung = test_plan_meeting(db, "2026-12-01", "lung");
	long long general = test_plan_meeting(db, "2026-12-02", "general");
	char why[256];

	/* a breast case on the lung board */
	assert_int_equal(db_agenda_add_checked(db, &bs, lung, f->cases[3], NULL,
					       0, NULL, why, sizeof(why), NULL),
			 TB_INVALID);
	assert_non_null(strstr(why, "is a diagnosis of the breast board, not "
				    "of the lung board (C33 C34 C38.4 C45)"));
	struct rows rs = {0};
	db_agenda_list(db, lung, see, &rs);
	assert_int_equal(rs.n, 0);
	assert_int_equal(db_agenda_add_checked(db, &bs, lung, f->cases[3], NULL,
					       0, "", why, sizeof(why), NULL),
			 TB_INVALID);
	assert_int_equal(db_agenda_add_checked(db, &bs, lung, f->cases[3], NULL,
					       0, "Lungmetastas", why,
					       sizeof(why), NULL),
			 TB_OK);
	char *note = file_text(f->t.path, "SELECT note FROM agenda_item");
	assert_string_equal(note, "listed with an override: Lungmetastas");
	free(note);
	char *audit = file_text(f->t.path, "SELECT detail FROM audit WHERE"
					   " action = 'override'");
	assert_string_equal(audit, "listed for another board; reason recorded");
	free(audit);
	/* listed on the lung meeting, it goes on no other agenda until it
	 * leaves that one */
	assert_int_equal(db_agenda_add_checked(db, &bs, general, f->cases[3],
					       NULL, 0, NULL, why, sizeof(why),
					       NULL),
			 TB_INVALID);
	assert_non_null(strstr(why, "is on the agenda of meeting"));
	assert_int_equal(
	    db_agenda_remove(db, lung, f->cases[3], "fel möte", NULL, 0),
	    TB_OK);
	/* the general board takes every diagnosis */
	assert_int_equal(db_agenda_add_checked(db, &bs, general, f->cases[3],
					       NULL, 0, NULL, why, sizeof(why),
					       NULL),
			 TB_OK);
	/* a lung case on the lung board */
	assert_int_equal(db_agenda_add_checked(db, &bs, lung, f->cases[0],
					       "Dr X", 8, NULL, why,
					       sizeof(why), NULL),
			 TB_OK);
	assert_int_equal(db_agenda_add_checked(db, &bs, lung, f->cases[0], NULL,
					       0, NULL, why, sizeof(why), NULL),
			 TB_INVALID);
	assert_non_null(strstr(why, "already on this agenda"));

	/* a signed case on a new agenda needs an override (a re-review) */
	test_file_exec(f->t.path, "UPDATE cases SET status = 'signed'");
	assert_int_equal(db_agenda_add_checked(db, &bs, lung, f->cases[1], NULL,
					       0, NULL, why, sizeof(why), NULL),
			 TB_INVALID);
	assert_non_null(strstr(why, "signed decision"));
	assert_int_equal(db_agenda_add_checked(db, &bs, lung, f->cases[1], NULL,
					       0, "Ny medicinsk bedömning", why,
					       sizeof(why), NULL),
			 TB_OK);
	char *st = file_text(f->t.path, "SELECT status FROM cases WHERE"
					" external_id = 'L-2'");
	assert_string_equal(st, "listed");
	free(st);
	boards_done(&bs);
}

static void test_real_start_and_deferral_target(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	long long m =
	    test_plan_meeting(db, "2026-11-20", "lung"); /* planned earlier */
	long long next = test_plan_meeting(db, "2026-12-04", "lung");
	add(db, m, f->cases[0]);
	add(db, m, f->cases[1]);
	struct tb_meeting got;
	assert_int_equal(db_meeting_get(db, m, &got), TB_OK);
	assert_string_equal(got.started, "");
	assert_int_equal(db_meeting_start(db, m), TB_OK);
	assert_int_equal(db_meeting_get(db, m, &got), TB_OK);
	assert_string_equal(got.started, "2026-11-23T09:00:00Z");
	assert_string_equal(got.date, "2026-11-20");
	assert_int_equal(db_agenda_transfer(db, m, f->cases[0], next, "Ny DT",
					    true, NULL, NULL, 0, NULL),
			 TB_OK);
	struct rows rs = {0};
	db_agenda_list(db, m, see, &rs);
	assert_string_equal(rs.status[0], "deferred");
	/* where it went is the record's; the list does not look */
	assert_int_equal(rs.next[0], 0);
	rs.n = 0;
	assert_int_equal(db_agenda_record(db, m, see, &rs), TB_OK);
	assert_string_equal(rs.status[0], "deferred");
	assert_int_equal(rs.next[0], next);
	assert_int_equal(rs.next[1], 0);
}

/* A case deferred to a meeting planned for it (db_agenda_defer_new): the
 * meeting and the move in one transaction. When the move is refused (the
 * case not on the agenda any more, say: dealt with elsewhere), no meeting
 * is left planned for nothing; when it is not, the case is on the new
 * meeting's agenda, deferred at the first. */
static void test_defer_to_a_new_meeting(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	long long m = test_plan_meeting(db, "2026-11-24", "lung");
	add(db, m, f->cases[0]);
	struct tb_meeting next;
	assert_int_equal(db_meeting_get(db, m, &next), TB_OK);
	snprintf(next.date, sizeof(next.date), "%s", "2026-12-01");
	char *before = file_text(f->t.path, "SELECT count(*) FROM meeting");
	/* not on the agenda: refused, nothing planned */
	assert_int_equal(db_agenda_defer_new(db, m, f->cases[1], &next, "PET"),
			 TB_NOT_FOUND);
	assert_int_equal(next.id, 0);
	char *after = file_text(f->t.path, "SELECT count(*) FROM meeting");
	assert_string_equal(after, before);
	free(after);
	/* no reason: refused before anything is written */
	assert_int_equal(db_agenda_defer_new(db, m, f->cases[0], &next, " "),
			 TB_INVALID);
	after = file_text(f->t.path, "SELECT count(*) FROM meeting");
	assert_string_equal(after, before);
	free(after);
	free(before);
	assert_int_equal(db_agenda_defer_new(db, m, f->cases[0], &next, "PET"),
			 TB_OK);
	assert_true(next.id > m);
	struct rows rs = {0};
	assert_int_equal(db_agenda_record(db, m, see, &rs), TB_OK);
	assert_string_equal(rs.status[0], "deferred");
	assert_int_equal(rs.next[0], next.id);
	struct rows nr = {0};
	db_agenda_list(db, next.id, see, &nr);
	assert_int_equal(nr.n, 1);
	assert_string_equal(nr.status[0], "listed");
	struct tb_meeting got;
	assert_int_equal(db_meeting_get(db, next.id, &got), TB_OK);
	assert_string_equal(got.date, "2026-12-01");
	assert_string_equal(got.board, "lung");
	assert_string_equal(got.status, "planned");
}

/* A finished meeting's agenda is its record: every case it listed, in the
 * order it had, also those finishing did not reach (moved on, decided
 * meanwhile); a case the coordinator took off before stays off. */
static void test_finished_agenda_keeps_every_case(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	long long m = test_plan_meeting(db, "2026-11-23", "lung");
	long long next = test_plan_meeting(db, "2026-11-30", "lung");
	for (int i = 0; i < 4; i++)
		add(db, m, f->cases[i]);
	assert_int_equal(
	    db_agenda_remove(db, m, f->cases[3], "fel MDK", NULL, 0), TB_OK);
	assert_int_equal(db_meeting_start(db, m), TB_OK);
	sign_at(f->t.path, f->cases[1], 0); /* decided outside the meeting */
	assert_int_equal(
	    db_agenda_mark(db, m, f->cases[2], "not-discussed", "Standard"),
	    TB_OK);
	struct db_finish res;
	assert_int_equal(db_meeting_finish_all(db, m, &res), TB_OK);
	struct rows rs = {0};
	assert_int_equal(db_agenda_list(db, m, see, &rs), TB_OK);
	assert_int_equal(rs.n, 1); /* the list: what stayed on it */
	rs.n = 0;
	assert_int_equal(db_agenda_record(db, m, see, &rs), TB_OK);
	assert_int_equal(rs.n, 3);
	assert_int_equal(rs.cases[0], f->cases[0]);
	assert_string_equal(rs.status[0], "not-reached");
	assert_int_equal(rs.next[0], next);
	assert_int_equal(rs.cases[1], f->cases[1]);
	assert_string_equal(rs.status[1], "not-reached");
	assert_int_equal(rs.cases[2], f->cases[2]);
	assert_string_equal(rs.status[2], "not-discussed");
	/* the next meeting lists only what moved on */
	struct rows rn = {0};
	assert_int_equal(db_agenda_list(db, next, see, &rn), TB_OK);
	assert_int_equal(rn.n, 1);
	assert_string_equal(rn.status[0], "listed");
}

/* A case's clock runs while it is open, stops when another is opened and
 * goes on from where it stopped; opening it again while it runs changes
 * nothing. */
static void test_case_clock_pauses(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	long long m = test_plan_meeting(db, "2026-11-23", "lung");
	long long s;
	add(db, m, f->cases[0]);
	add(db, m, f->cases[1]);
	assert_int_equal(db_meeting_start(db, m), TB_OK);
	clock_set_fixed(1795424400 + 5 * 60); /* 09:05 */
	assert_int_equal(db_agenda_clock(db, m, f->cases[0]), TB_OK);
	clock_set_fixed(1795424400 + 10 * 60); /* 09:10: the other one */
	assert_int_equal(db_agenda_clock(db, m, f->cases[1]), TB_OK);
	clock_set_fixed(1795424400 + 20 * 60); /* 09:20: back, 5 min spent */
	assert_int_equal(db_agenda_clock(db, m, f->cases[0]), TB_OK);
	clock_set_fixed(1795424400 + 21 * 60); /* running: left as it is */
	assert_int_equal(db_agenda_clock(db, m, f->cases[0]), TB_OK);
	assert_int_equal(
	    db_agenda_seconds(db, m, f->cases[0], 1795424400 + 22 * 60, &s),
	    TB_OK);
	assert_int_equal(s, 7 * 60);
	assert_int_equal(
	    db_agenda_seconds(db, m, f->cases[1], 1795424400 + 22 * 60, &s),
	    TB_OK);
	assert_int_equal(s, 10 * 60);
	/* stopped at 09:22: its time stays what it was then */
	clock_set_fixed(1795424400 + 22 * 60);
	assert_int_equal(db_agenda_clock(db, m, 0), TB_OK);
	assert_int_equal(
	    db_agenda_seconds(db, m, f->cases[0], 1795424400 + 50 * 60, &s),
	    TB_OK);
	assert_int_equal(s, 7 * 60);
	clock_set_fixed(1795424400);
}

/* What a live step writes, as one string: the audit log's length, the
 * clocks, the room's case. */
static char *step_state(const char *path)
{
	return file_text(
	    path, "SELECT (SELECT count(*) FROM audit) || '|' || coalesce(("
		  "SELECT group_concat(item_id || ':' || started || ':' ||"
		  " coalesce(ended, '-'), ',') FROM agenda_time), '') || '|' ||"
		  " coalesce((SELECT case_id FROM meeting_live), '-')");
}

/* The newest audit entry's action (caller frees). */
static char *last_action(const char *path)
{
	return file_text(path,
			 "SELECT action FROM audit ORDER BY id DESC LIMIT 1");
}

/* A live step is one write: the case's clock and the room's case
 * together under one audit entry that seals the clocks; without the
 * right to move the room only the clock, as before; a failure of either
 * part writes neither; and the chain verifies. */
static void test_live_step_one_write(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	const char *path = f->t.path;
	const char *count = "SELECT count(*) FROM audit";
	long long m = test_plan_meeting(db, "2026-11-23", "lung");
	long long s;
	struct db_live live;
	for (int i = 0; i < 3; i++)
		add(db, m, f->cases[i]);
	/* not running: the room follows nothing, and nothing is written */
	char *before = step_state(path), *after, *what;
	assert_int_equal(db_agenda_step(db, m, f->cases[0], true, NULL),
			 TB_CLOSED);
	after = step_state(path);
	assert_string_equal(before, after);
	free(before);
	free(after);

	assert_int_equal(db_meeting_start(db, m), TB_OK);
	long long n = test_file_scalar(path, count);
	struct db_agenda_time t, back;
	clock_set_fixed(1795424400 + 5 * 60); /* 09:05 */
	assert_int_equal(db_agenda_step(db, m, f->cases[0], true, &t), TB_OK);
	assert_int_equal(test_file_scalar(path, count), n + 1);
	/* the clock as the step left it: running from 09:05 */
	assert_int_equal(t.from, 1795424400 + 5 * 60);
	assert_int_equal(t.until, 0);
	what = last_action(path);
	assert_string_equal(what, "current");
	free(what);
	assert_int_equal(db_live_get(db, m, &live), TB_OK);
	assert_int_equal(live.case_id, f->cases[0]);
	assert_string_equal(live.since, "2026-11-23T09:05:00Z");
	clock_set_fixed(1795424400 + 10 * 60); /* 09:10: the next case */
	assert_int_equal(db_agenda_step(db, m, f->cases[1], true, NULL), TB_OK);
	assert_int_equal(test_file_scalar(path, count), n + 2);
	/* its entry seals both clocks: the one stopped, the one started */
	assert_int_equal(
	    test_file_scalar(path, "SELECT count(*) FROM audit_seal WHERE"
				   " entity = 'agenda_item' AND audit_id ="
				   " (SELECT max(id) FROM audit)"),
	    2);
	assert_int_equal(db_live_get(db, m, &live), TB_OK);
	assert_int_equal(live.case_id, f->cases[1]);
	assert_int_equal(
	    db_agenda_seconds(db, m, f->cases[0], 1795424400 + 30 * 60, &s),
	    TB_OK);
	assert_int_equal(s, 5 * 60);
	/* the room already on the case, its clock running: nothing */
	assert_int_equal(db_agenda_step(db, m, f->cases[1], true, NULL), TB_OK);
	assert_int_equal(test_file_scalar(path, count), n + 2);

	/* a member reading ahead: the clock as before, sealed at commit;
	 * the room stays on the chair's case */
	clock_set_fixed(1795424400 + 12 * 60); /* 09:12 */
	assert_int_equal(db_agenda_step(db, m, f->cases[2], false, NULL),
			 TB_OK);
	assert_int_equal(test_file_scalar(path, count), n + 3);
	what = last_action(path);
	assert_string_equal(what, "seal");
	free(what);
	assert_int_equal(db_live_get(db, m, &live), TB_OK);
	assert_int_equal(live.case_id, f->cases[1]);
	assert_int_equal(
	    db_agenda_seconds(db, m, f->cases[2], 1795424400 + 13 * 60, &s),
	    TB_OK);
	assert_int_equal(s, 60);

	/* the room's case cannot be written: the clocks are not either */
	test_file_exec(path, "CREATE TRIGGER fail_room BEFORE UPDATE ON"
			     " meeting_live BEGIN SELECT RAISE(ABORT,"
			     " 'injected'); END;");
	clock_set_fixed(1795424400 + 14 * 60);
	before = step_state(path);
	assert_int_equal(db_agenda_step(db, m, f->cases[0], true, NULL), TB_DB);
	after = step_state(path);
	assert_string_equal(before, after);
	free(after);
	test_file_exec(path, "DROP TRIGGER fail_room");
	/* nor when the case is not on the agenda */
	assert_int_equal(db_agenda_step(db, m, f->cases[3], true, NULL),
			 TB_NOT_FOUND);
	after = step_state(path);
	assert_string_equal(before, after);
	free(before);
	free(after);

	/* back to the first case at 09:20: its clock goes on from its 5
	 * minutes, and the step says so as a read back would */
	clock_set_fixed(1795424400 + 20 * 60);
	assert_int_equal(db_agenda_step(db, m, f->cases[0], true, &t), TB_OK);
	assert_int_equal(t.from, 1795424400 + 15 * 60);
	assert_int_equal(t.until, 0);
	assert_int_equal(db_agenda_time_get(db, m, f->cases[0], &back), TB_OK);
	assert_int_equal(back.from, t.from);
	assert_int_equal(back.until, 0);
	assert_int_equal(db_agenda_time_seconds(&t, 1795424400 + 21 * 60),
			 6 * 60);
	/* a stopped clock read back: its seconds as stored */
	assert_int_equal(db_agenda_time_get(db, m, f->cases[1], &back), TB_OK);
	assert_int_equal(db_agenda_time_seconds(&back, 1795424400 + 50 * 60),
			 2 * 60);

	/* back on the agenda: every clock stopped, the room on none */
	clock_set_fixed(1795424400 + 22 * 60);
	assert_int_equal(db_agenda_step(db, m, 0, true, NULL), TB_OK);
	assert_int_equal(test_file_scalar(path, count), n + 5);
	assert_int_equal(db_live_get(db, m, &live), TB_OK);
	assert_int_equal(live.case_id, 0);
	assert_int_equal(test_file_scalar(path, "SELECT count(*) FROM"
						" agenda_time WHERE ended IS"
						" NULL"),
			 0);
	struct diag d;
	struct db_audit_check chk;
	diag_init(&d);
	assert_int_equal(db_audit_verify(db, &d, &chk), TB_OK);
	assert_int_equal(d.n, 0);
	diag_done(&d);
	clock_set_fixed(1795424400);
}

/* At a running meeting the case the chair has open stays on the agenda
 * until the chair moves on; a case decided at the meeting stays too;
 * the others come off as before. Refused, nothing is written. */
static void test_remove_refuses_open_and_decided(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	const char *path = f->t.path;
	long long m = test_plan_meeting(db, "2026-11-23", "lung");
	for (int i = 0; i < 3; i++)
		add(db, m, f->cases[i]);
	assert_int_equal(db_meeting_start(db, m), TB_OK);
	assert_int_equal(db_agenda_step(db, m, f->cases[0], true, NULL), TB_OK);
	char why[300] = "x", *before = snapshot(path), *after;
	assert_true(db_agenda_remove_refused(db, m, f->cases[0], NULL, 0));
	assert_int_equal(
	    db_agenda_remove(db, m, f->cases[0], "fel", why, sizeof(why)),
	    TB_INVALID);
	assert_non_null(strstr(why, "L-1 is being discussed now at meeting"));
	assert_non_null(strstr(why, "the chair moves on"));
	after = snapshot(path);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* decided here: stays, also once the chair has moved on */
	sign_at(path, f->cases[1], m);
	assert_int_equal(db_agenda_step(db, m, f->cases[2], true, NULL), TB_OK);
	assert_int_equal(
	    db_agenda_remove(db, m, f->cases[1], "fel", why, sizeof(why)),
	    TB_INVALID);
	assert_non_null(strstr(why, "L-2 has a decision signed at meeting"));
	/* the chair moved on: the first case comes off, audited */
	long long n = test_file_scalar(path, "SELECT count(*) FROM audit");
	assert_false(db_agenda_remove_refused(db, m, f->cases[0], why, 4));
	assert_int_equal(
	    db_agenda_remove(db, m, f->cases[0], "fel", why, sizeof(why)),
	    TB_OK);
	assert_string_equal(why, "");
	assert_int_equal(test_file_scalar(path, "SELECT count(*) FROM audit"),
			 n + 1);
	char *what = last_action(path);
	assert_string_equal(what, "remove");
	free(what);
	/* a planned meeting's cases come off as before */
	long long later = test_plan_meeting(db, "2026-11-30", "lung");
	add(db, later, f->cases[3]);
	assert_int_equal(
	    db_agenda_remove(db, later, f->cases[3], "fel", NULL, 0), TB_OK);
}

/* The minutes give each case's time at the meeting, who came and left
 * when, and the counts. */
static void test_minutes_times_and_outcomes(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	struct boards bs;
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_boards_load(NULL, &bs, &d), TB_OK);
	diag_done(&d);
	long long m = test_plan_meeting(db, "2026-11-23", "lung");
	add(db, m, f->cases[0]);
	add(db, m, f->cases[1]);
	const char *why;
	assert_int_equal(db_meeting_start(db, m), TB_OK);
	assert_int_equal(
	    db_attendee_join(db, m, "Eva Lind", "onkolog", true, &why), TB_OK);
	clock_set_fixed(1795424400 + 5 * 60); /* 09:05 */
	assert_int_equal(db_agenda_clock(db, m, f->cases[0]), TB_OK);
	clock_set_fixed(1795424400 + 12 * 60 + 30);
	assert_int_equal(db_agenda_clock(db, m, 0), TB_OK);
	assert_int_equal(db_attendee_leave(db, m, "Eva Lind"), TB_OK);
	assert_int_equal(db_agenda_mark(db, m, f->cases[0], "discussed", NULL),
			 TB_OK);
	struct textdoc doc;
	textdoc_init(&doc, 200); /* wide: each line whole */
	assert_int_equal(minutes_build(db, &bs, NULL, m, &doc), TB_OK);
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; i < doc.n_lines; i++)
		strbuf_printf(&sb, "%s\n", doc.lines[i].text);
	assert_non_null(strstr(sb.buf, "(not finished)"));
	assert_non_null(strstr(sb.buf, "09:05–09:12, 7:30 min"));
	assert_non_null(strstr(sb.buf, "09:00–09:12"));
	assert_non_null(strstr(sb.buf, "discussed, no decision signed"));
	/* the board's roles in the interface's words */
	assert_non_null(strstr(sb.buf, "Core roles nobody attended as: "
				       "pulmonologist, thoracic surgeon"));
	assert_non_null(strstr(sb.buf, "2 cases: 0 decided, 1 discussed "
				       "without a decision, 0 deferred, 0 "
				       "not discussed, 0 not reached, 1 "
				       "still listed"));
	strbuf_done(&sb);
	textdoc_done(&doc);
	assert_int_equal(minutes_build(db, &bs, NULL, 999, &doc), TB_NOT_FOUND);
	boards_done(&bs);
	clock_set_fixed(1795424400);
}

static void load_boards(struct boards *bs)
{
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_boards_load(NULL, bs, &d), TB_OK);
	diag_done(&d);
}

/* Several cases at once: those the checks let through are added in the
 * order given, in one transaction; each refusal keeps its reason. */
static void test_add_all(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	struct boards bs;
	load_boards(&bs);
	long long m = test_plan_meeting(db, "2026-11-30", "lung");
	add(db, m, f->cases[1]);
	long long ids[5] = {f->cases[2], f->cases[1], f->cases[3], 0,
			    f->cases[0]};
	struct db_agenda_added out[5];
	size_t added = 0;
	assert_int_equal(
	    db_agenda_add_all(db, &bs, m, ids, 5, NULL, out, &added), TB_OK);
	assert_int_equal(added, 2);
	assert_int_equal(out[0].st, TB_OK);
	assert_int_equal(out[1].st, TB_INVALID);
	assert_non_null(strstr(out[1].why, "already on this agenda"));
	assert_int_equal(out[2].st, TB_INVALID);
	assert_non_null(strstr(out[2].why, "of the breast board, not of"));
	assert_int_equal(out[3].st, TB_NOT_FOUND);
	assert_int_equal(out[4].st, TB_OK);
	struct rows rs = {0};
	assert_int_equal(db_agenda_list(db, m, see, &rs), TB_OK);
	assert_int_equal(rs.n, 3);
	assert_int_equal(rs.cases[0], f->cases[1]);
	assert_int_equal(rs.cases[1], f->cases[2]);
	assert_int_equal(rs.cases[2], f->cases[0]);
	/* with an override the other board's case goes on too */
	long long one[1] = {f->cases[3]};
	assert_int_equal(
	    db_agenda_add_all(db, &bs, m, one, 1, "MDK önskad", out, &added),
	    TB_OK);
	assert_int_equal(added, 1);
	/* a finished meeting takes none, and says so */
	assert_int_equal(db_meeting_start(db, m), TB_OK);
	struct db_finish res;
	assert_int_equal(db_meeting_finish_all(db, m, &res), TB_OK);
	long long again[1] = {f->cases[2]};
	assert_int_equal(
	    db_agenda_add_all(db, &bs, m, again, 1, NULL, out, &added),
	    TB_CLOSED);
	assert_int_equal(added, 0);
	boards_done(&bs);
}

/* Every field a load fills, as one string (test only: values are
 * synthetic). */
static void fp_s(struct strbuf *sb, const char *s)
{
	strbuf_printf(sb, "%s|", s ? s : "(null)");
}

static char *fingerprint(const struct tb_case *c)
{
	struct strbuf sb = {0};
	const struct tb_patient *p = &c->patient;
	strbuf_printf(&sb, "%lld|%lld|%d|%d|", c->id, p->id, c->ecog,
		      p->interpreter);
	const char *cs[] = {c->external_id,
			    c->referral_date,
			    c->level,
			    c->level_reason,
			    c->priority,
			    c->status,
			    c->icd10,
			    c->icdo3,
			    c->diagnosis_text,
			    c->diagnosis_date,
			    c->question,
			    c->summary,
			    c->referrer_name,
			    c->referrer_unit,
			    c->referrer_phone,
			    c->ecog_date,
			    c->tnm_t,
			    c->tnm_n,
			    c->tnm_m,
			    c->tnm_stage,
			    c->tnm_date,
			    c->source.system,
			    c->source.received,
			    c->updated,
			    p->pnr,
			    p->id_type,
			    p->family_name,
			    p->given_name,
			    p->birth_date,
			    p->sex,
			    p->language,
			    p->region,
			    p->hospital};
	for (size_t i = 0; i < sizeof(cs) / sizeof(cs[0]); i++)
		fp_s(&sb, cs[i]);
	for (size_t i = 0; i < c->n_pathology; i++) {
		const struct tb_pathology *pa = &c->pathology[i];
		strbuf_puts(&sb, "\npath:");
		const char *ps[] = {
		    pa->date,	 pa->lab,	    pa->specimen,
		    pa->icdo3,	 pa->grade,	    pa->report,
		    pa->context, pa->source.system, pa->source.received};
		for (size_t k = 0; k < sizeof(ps) / sizeof(ps[0]); k++)
			fp_s(&sb, ps[k]);
		for (size_t m = 0; m < pa->n_markers; m++) {
			fp_s(&sb, pa->markers[m].name);
			fp_s(&sb, pa->markers[m].value);
		}
	}
	for (size_t i = 0; i < c->n_findings; i++) {
		const struct tb_finding *fi = &c->findings[i];
		strbuf_printf(&sb, "\nfind:%d %g %d %g|", fi->has_copies,
			      fi->copies, fi->has_vaf, fi->vaf);
		const char *fs[] = {fi->gene,	       fi->kind,
				    fi->origin,	       fi->hgvs_c,
				    fi->hgvs_p,	       fi->hgvs_g,
				    fi->transcript,    fi->partner,
				    fi->value,	       fi->classification,
				    fi->test,	       fi->sample,
				    fi->lab,	       fi->date,
				    fi->context,       fi->note,
				    fi->source.system, fi->source.received};
		for (size_t k = 0; k < sizeof(fs) / sizeof(fs[0]); k++)
			fp_s(&sb, fs[k]);
	}
	for (size_t i = 0; i < c->n_imaging; i++) {
		const struct tb_imaging *im = &c->imaging[i];
		strbuf_printf(&sb, "\nimg:%d %g %d|", im->has_recist,
			      im->recist_sum, im->ai);
		const char *is[] = {im->date,		im->modality,
				    im->region,		im->findings,
				    im->impression,	im->source.system,
				    im->source.received};
		for (size_t k = 0; k < sizeof(is) / sizeof(is[0]); k++)
			fp_s(&sb, is[k]);
	}
	for (size_t i = 0; i < c->n_level_changes; i++) {
		const struct tb_level_change *l = &c->level_changes[i];
		strbuf_puts(&sb, "\nlevel:");
		fp_s(&sb, l->at);
		fp_s(&sb, l->by);
		fp_s(&sb, l->from);
		fp_s(&sb, l->to);
		fp_s(&sb, l->reason);
	}
	return strbuf_detach(&sb);
}

/* A case with i pathology reports of i markers each (up to 3), findings
 * and imaging varying with i. */
static long long store_parts(struct db *db, int i)
{
	char ext[16], pnr[32];
	snprintf(ext, sizeof(ext), "P-%d", i);
	snprintf(pnr, sizeof(pnr), "1950%02d%02d-9%03d", 1 + i % 12, 1 + i % 28,
		 i);
	struct tb_case *c = test_make_case(ext, pnr, "Åsa");
	for (int k = 0; k < i % 4; k++) {
		struct tb_pathology *p = model_case_add_pathology(c);
		p->date = xasprintf("2026-10-%02d", 1 + k);
		p->lab = xstrdup("Lund");
		p->specimen = xstrdup("EBUS");
		p->report = xasprintf("Rapport %d/%d", i, k);
		for (int m = 0; m < (i + k) % 4; m++) {
			struct tb_marker *mk = model_pathology_add_marker(p);
			mk->name = xasprintf("M%d", m);
			mk->value = xstrdup(m % 2 ? "positiv" : "3+");
		}
	}
	for (int k = 0; k < i % 3; k++) {
		struct tb_finding *fi = model_case_add_finding(c);
		fi->gene = xstrdup(k ? "KRAS" : "ALK");
		fi->kind = xstrdup("snv");
		fi->origin = xstrdup("somatic");
		fi->test = xstrdup("GMS560");
		fi->sample = xstrdup("EBUS");
		fi->lab = xstrdup("Lund");
		fi->date = xasprintf("2026-09-%02d", 10 + k);
		fi->context = xstrdup(k ? "research" : "clinical");
		fi->has_copies = k == 1;
		fi->copies = 4.5;
	}
	if (i % 5 == 0) {
		free(c->imaging[0].date);
		c->imaging[0].date = xasprintf("2026-%02d-15", 1 + i % 11);
	}
	test_store_case(db, c, "t");
	long long id = c->id;
	model_case_free(&c);
	if (i % 7 == 0)
		assert_int_equal(
		    db_case_refer(db, id, "national", "Fas 3-studie"), TB_OK);
	return id;
}

/* An agenda's cases are read at once (issue 20: round trips per key):
 * each exactly as db_case_load reads it (itself a statement per part,
 * whatever the number of pathology reports), in a few statements
 * whatever their number; the readiness of a meeting the same as case by case,
 * in as many statements for twelve cases as for two. */
static void test_cases_read_at_once(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	enum { N = DB_CASE_BATCH + 8 };
	long long ids[N + 2];
	for (int i = 0; i < N; i++)
		ids[N - 1 - i] = store_parts(db, i + 1);
	ids[N] = ids[3];   /* twice */
	ids[N + 1] = 9999; /* no such case */
	struct db_case_set set;
	unsigned long long before = db_statements_run(db);
	assert_int_equal(db_case_set_load(db, ids, N + 2, &set), TB_OK);
	/* two batches of six parts at most */
	assert_true(db_statements_run(db) - before <= 12);
	assert_int_equal(set.n, N);
	assert_null(db_case_set_find(&set, 9999));
	size_t paths = 0, markers = 0, levels = 0;
	for (int i = 0; i < N; i++) {
		struct tb_case *one = NULL;
		before = db_statements_run(db);
		assert_int_equal(db_case_load(db, ids[i], &one), TB_OK);
		/* one case: a statement per part, the markers of all its
		 * reports in one */
		assert_true(db_statements_run(db) - before <= 6);
		const struct tb_case *c = db_case_set_find(&set, ids[i]);
		assert_non_null(c);
		char *a = fingerprint(one), *b = fingerprint(c);
		assert_string_equal(b, a);
		free(a);
		free(b);
		paths += one->n_pathology;
		levels += one->n_level_changes;
		for (size_t k = 0; k < one->n_pathology; k++)
			markers += one->pathology[k].n_markers;
		model_case_free(&one);
	}
	/* the parts are there to compare */
	assert_true(paths > N && markers > N && levels >= 5);
	db_case_set_done(&set);
	assert_int_equal(set.n, 0);
	assert_int_equal(db_case_set_load(db, ids, 0, &set), TB_OK);
	assert_int_equal(set.n, 0);

	/* readiness of a meeting: two cases, then twelve */
	struct boards bs;
	load_boards(&bs);
	long long m = test_plan_meeting(db, "2026-11-10", "lung");
	struct tb_meeting mt;
	assert_int_equal(db_meeting_get(db, m, &mt), TB_OK);
	unsigned long long cost[2], doc_cost[2];
	for (int round = 0; round < 2; round++) {
		int from = round ? 2 : 0, to = round ? 12 : 2;
		for (int i = from; i < to; i++)
			add(db, m, ids[i]);
		int ready = -1, n = -1, want = 0;
		before = db_statements_run(db);
		assert_int_equal(readiness_meeting(db, &bs, &mt, &ready, &n),
				 TB_OK);
		cost[round] = db_statements_run(db) - before;
		assert_int_equal(n, to);
		/* the agenda as a document: as many statements too */
		struct textdoc doc;
		struct agenda_doc_info ai;
		textdoc_init(&doc, 200);
		before = db_statements_run(db);
		assert_int_equal(agenda_doc_build(db, &bs, NULL, &mt, true,
						  false, &doc, &ai),
				 TB_OK);
		doc_cost[round] = db_statements_run(db) - before;
		textdoc_done(&doc);
		assert_int_equal(ai.items, to);
		assert_int_equal(ai.ready, ready);
		for (int i = 0; i < to; i++) {
			struct tb_case *c = NULL;
			struct readiness rd;
			assert_int_equal(db_case_load(db, ids[i], &c), TB_OK);
			readiness_check(c, boards_for_icd10(&bs, c->icd10),
					mt.date, &rd);
			want += rd.missing == 0;
			model_case_free(&c);
		}
		assert_int_equal(ready, want);
		assert_true(want > 0 && want < to);
	}
	assert_int_equal(cost[1], cost[0]);
	assert_true(cost[0] <= 8);
	assert_int_equal(doc_cost[1], doc_cost[0]);
	assert_true(doc_cost[0] <= 9);
	boards_done(&bs);
}

/* The meetings list's readiness kept with the data version
 * (readiness_meetings_kept): asked again while nothing changed it reads
 * no agenda and no case; a case put on the agenda, or another date, and
 * it is read again. */
static void test_readiness_kept(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	struct boards bs;
	load_boards(&bs);
	long long ids[4];
	for (int i = 0; i < 4; i++)
		ids[i] = store_parts(db, i + 1);
	long long m = test_plan_meeting(db, "2026-11-10", "lung");
	for (int i = 0; i < 3; i++)
		add(db, m, ids[i]);
	struct tb_meeting mt;
	assert_int_equal(db_meeting_get(db, m, &mt), TB_OK);
	struct readiness_memo memo = {0};
	int ready = -1, n = -1, want_ready = -1, want_n = -1;
	assert_int_equal(readiness_meeting(db, &bs, &mt, &want_ready, &want_n),
			 TB_OK);
	unsigned long long before = db_statements_run(db);
	assert_int_equal(
	    readiness_meetings_kept(&memo, db, &bs, &mt, 1, &ready, &n), TB_OK);
	unsigned long long first = db_statements_run(db) - before;
	assert_int_equal(n, 3);
	assert_int_equal(n, want_n);
	assert_int_equal(ready, want_ready);
	/* again: the data version read, nothing else */
	ready = n = -1;
	before = db_statements_run(db);
	assert_int_equal(
	    readiness_meetings_kept(&memo, db, &bs, &mt, 1, &ready, &n), TB_OK);
	unsigned long long again = db_statements_run(db) - before;
	assert_int_equal(n, want_n);
	assert_int_equal(ready, want_ready);
	assert_true(again < first);
	assert_true(again <= 1);
	/* this terminal's own access-log entries (a list of cases shown,
	 * one case opened) change none of it: kept */
	assert_int_equal(access_log_cases(db, ACCESS_LIST, ids, 4), TB_OK);
	assert_int_equal(access_open_case(db, ACCESS_SCREEN_CASE, ids[0], NULL),
			 TB_OK);
	ready = n = -1;
	before = db_statements_run(db);
	assert_int_equal(
	    readiness_meetings_kept(&memo, db, &bs, &mt, 1, &ready, &n), TB_OK);
	assert_true(db_statements_run(db) - before <= 1);
	assert_int_equal(n, want_n);
	assert_int_equal(ready, want_ready);
	/* a case put on the agenda: read again */
	add(db, m, ids[3]);
	assert_int_equal(readiness_meeting(db, &bs, &mt, &want_ready, &want_n),
			 TB_OK);
	assert_int_equal(
	    readiness_meetings_kept(&memo, db, &bs, &mt, 1, &ready, &n), TB_OK);
	assert_int_equal(n, 4);
	assert_int_equal(ready, want_ready);
	/* the same meeting on another day: read again as of that day */
	snprintf(mt.date, sizeof(mt.date), "%s", "2027-06-01");
	assert_int_equal(readiness_meeting(db, &bs, &mt, &want_ready, &want_n),
			 TB_OK);
	before = db_statements_run(db);
	assert_int_equal(
	    readiness_meetings_kept(&memo, db, &bs, &mt, 1, &ready, &n), TB_OK);
	assert_true(db_statements_run(db) - before > 1);
	assert_int_equal(n, want_n);
	assert_int_equal(ready, want_ready);
	readiness_memo_done(&memo);
	boards_done(&bs);
}

/* Attendance takes the role from the board: a core role or another of its
 * roles, in the board's spelling; cover only for a core role; anything
 * else is refused with the board's roles named. */
static void test_attend_board_roles(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	struct boards bs;
	load_boards(&bs);
	long long m = test_plan_meeting(db, "2026-11-30", "lung");
	char why[600];
	assert_int_equal(db_meeting_start(db, m), TB_OK);
	assert_int_equal(db_attendee_join_checked(db, &bs, m, "Eva Lind",
						  "Onkolog", false, why,
						  sizeof(why)),
			 TB_OK);
	assert_int_equal(db_attendee_join_checked(db, &bs, m, "Nils Ek",
						  "onkologist", false, why,
						  sizeof(why)),
			 TB_INVALID);
	assert_string_equal(why, "'onkologist' is not a role of the lung "
				 "board; did you mean 'oncologist'? Its roles: "
				 "pulmonologist, oncologist, thoracic surgeon, "
				 "radiologist, pathologist, contact nurse, "
				 "clinical geneticist, research nurse, "
				 "referring physician");
	assert_int_equal(db_attendee_join_checked(db, &bs, m, "Nils Ek",
						  "kurator", false, why,
						  sizeof(why)),
			 TB_INVALID);
	assert_non_null(strstr(why, "'kurator' is not a role of the lung "
				    "board; its roles: pulmonologist, "
				    "oncologist"));
	assert_non_null(strstr(why, "clinical geneticist"));
	/* a role by its English name, stored by its code */
	assert_int_equal(db_attendee_join_checked(db, &bs, m, "Lena Holm",
						  "Contact Nurse", false, why,
						  sizeof(why)),
			 TB_OK);
	assert_int_equal(db_attendee_join_checked(db, &bs, m, "Nils Ek",
						  "klinisk genetiker", true,
						  why, sizeof(why)),
			 TB_INVALID);
	assert_non_null(strstr(why, "not a core role"));
	assert_int_equal(db_attendee_join_checked(db, &bs, m, "Nils Ek",
						  "klinisk genetiker", false,
						  why, sizeof(why)),
			 TB_OK);
	assert_int_equal(db_attendee_join_checked(db, &bs, m, "Eva Lind",
						  "onkolog", false, why,
						  sizeof(why)),
			 TB_INVALID);
	assert_non_null(strstr(why, "present already"));
	char *roles = file_text(f->t.path, "SELECT group_concat(role, '|') FROM"
					   " attendee ORDER BY id");
	assert_string_equal(roles,
			    "onkolog|kontaktsjuksköterska|klinisk genetiker");
	free(roles);
	const struct board *lung = boards_by_id(&bs, "lung");
	assert_string_equal(
	    board_attendee_kind(lung, "klinisk genetiker", true), "other");
	assert_string_equal(board_attendee_kind(lung, "onkolog", true), "core");
	assert_string_equal(board_attendee_kind(lung, "onkolog", false),
			    "cover");
	boards_done(&bs);
}

/* Undo takes back the meeting's last deferral or not-discussed, once. */
static void test_undo_last(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	long long m = test_plan_meeting(db, "2026-11-23", "lung");
	long long next = test_plan_meeting(db, "2026-11-30", "lung");
	add(db, m, f->cases[0]);
	add(db, m, f->cases[1]);
	add(db, m, f->cases[2]);
	assert_int_equal(db_meeting_start(db, m), TB_OK);
	struct db_undo u;
	assert_int_equal(db_agenda_undo_last(db, m, &u), TB_NOT_FOUND);
	assert_int_equal(db_agenda_transfer(db, m, f->cases[0], next, "Ny DT",
					    true, NULL, NULL, 0, NULL),
			 TB_OK);
	assert_int_equal(
	    db_agenda_mark(db, m, f->cases[1], "not-discussed", "Standard"),
	    TB_OK);
	/* a case discussed since is not what undo takes back */
	assert_int_equal(db_agenda_mark(db, m, f->cases[2], "discussed", NULL),
			 TB_OK);
	assert_int_equal(db_agenda_undo_last(db, m, &u), TB_OK);
	assert_int_equal(u.case_id, f->cases[1]);
	assert_string_equal(u.what, "not-discussed");
	assert_int_equal(u.moved_to, 0);
	/* an undo is not undone */
	assert_int_equal(db_agenda_undo_last(db, m, &u), TB_NOT_FOUND);
	/* the deferral, once it is the last */
	assert_int_equal(db_agenda_unmark(db, m, f->cases[1], 0), TB_NOT_FOUND);
	assert_int_equal(db_agenda_transfer(db, m, f->cases[1], next, "PET",
					    true, NULL, NULL, 0, NULL),
			 TB_OK);
	assert_int_equal(db_agenda_undo_last(db, m, &u), TB_OK);
	assert_int_equal(u.case_id, f->cases[1]);
	assert_string_equal(u.what, "deferred");
	assert_int_equal(u.moved_to, next);
	struct rows rs = {0};
	assert_int_equal(db_agenda_list(db, next, see, &rs), TB_OK);
	assert_int_equal(rs.n, 1); /* the first deferral stays */
	assert_int_equal(rs.cases[0], f->cases[0]);
	/* finished: closed */
	struct db_finish res;
	assert_int_equal(db_meeting_finish_all(db, m, &res), TB_OK);
	assert_int_equal(db_agenda_undo_last(db, m, &u), TB_CLOSED);
}

/* A case is moved onto a meeting still planned past its time (not held)
 * only with an override, refused as an add is, with the store saying that
 * an override would do; a deferral's next meeting passes such a meeting
 * over. */
static void test_transfer_past(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	long long earlier = test_plan_meeting(db, "2026-11-18", "lung");
	long long past = test_plan_meeting(db, "2026-11-20", "lung");
	long long coming = test_plan_meeting(db, "2026-12-01", "lung");
	const char *already;
	assert_int_equal(
	    db_agenda_add(db, coming, f->cases[0], NULL, 0, &already), TB_OK);
	char *before = snapshot(f->t.path);
	char why[300];
	bool may = false;
	assert_int_equal(db_agenda_transfer(db, coming, f->cases[0], past, "x",
					    false, NULL, why, sizeof(why),
					    &may),
			 TB_INVALID);
	assert_true(may);
	assert_non_null(strstr(why, "lies in the past and was not held"));
	assert_int_equal(db_agenda_transfer(db, coming, f->cases[0], past, "x",
					    true, NULL, why, sizeof(why), &may),
			 TB_INVALID);
	char *after = snapshot(f->t.path);
	assert_string_equal(before, after); /* nothing changed */
	free(before);
	free(after);
	long long next = 0;
	assert_int_equal(db_meeting_next(db, earlier, &next), TB_OK);
	assert_int_equal(next, coming);
	assert_int_equal(db_agenda_transfer(db, coming, f->cases[0], past, "x",
					    false, "Efterregistrering", why,
					    sizeof(why), &may),
			 TB_OK);
	char *note = file_text(f->t.path, "SELECT note FROM agenda_item"
					  " WHERE status = 'listed'");
	assert_string_equal(note, "listed with an override: Efterregistrering");
	free(note);
	char *audit = file_text(f->t.path, "SELECT detail FROM audit WHERE"
					   " action = 'override'");
	assert_string_equal(
	    audit, "moved to a meeting past its time; reason recorded");
	free(audit);
	/* on that agenda already: an override would not help */
	assert_int_equal(
	    db_agenda_add(db, coming, f->cases[1], NULL, 0, &already), TB_OK);
	assert_int_equal(db_agenda_transfer(db, past, f->cases[0], coming, "x",
					    false, NULL, why, sizeof(why),
					    &may),
			 TB_OK);
	assert_int_equal(db_agenda_transfer(db, coming, f->cases[1], past, "x",
					    false, "y", why, sizeof(why), &may),
			 TB_OK);
	assert_int_equal(db_agenda_transfer(db, past, f->cases[1], coming, "x",
					    false, NULL, why, sizeof(why),
					    &may),
			 TB_OK);
	struct boards bs;
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_boards_load(NULL, &bs, &d), TB_OK);
	diag_done(&d);
	may = true;
	assert_int_equal(db_agenda_add_checked(db, &bs, coming, f->cases[1],
					       NULL, 0, "z", why, sizeof(why),
					       &may),
			 TB_INVALID);
	assert_false(may);
	assert_non_null(strstr(why, "already on this agenda"));
	boards_done(&bs);
}

/* db_meeting_window's rows, by id. */
struct window_ids {
	int n;
	long long ids[16];
};

static bool window_id(const struct tb_meeting *m, void *arg)
{
	struct window_ids *w = arg;
	if (w->n < 16)
		w->ids[w->n++] = m->id;
	return true;
}

/* The meetings list reads a window, never every meeting: the last past
 * ones held or cancelled, every one still to be held (a planned one not
 * held is not forgotten, however old), every one from today on; whether
 * there are earlier ones. A board's last meeting is read alone. */
static void test_meeting_window(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t.db;
	long long old_open = test_plan_meeting(db, "2026-01-05", "lung");
	long long closed[4];
	const char *dates[] = {"2026-03-02", "2026-05-04", "2026-07-06",
			       "2026-09-07"};
	for (int i = 0; i < 4; i++) {
		closed[i] = test_plan_meeting(db, dates[i], "lung");
		assert_int_equal(db_meeting_cancel(db, closed[i], "r"), TB_OK);
	}
	long long today = test_plan_meeting(db, "2026-11-30", "breast");
	long long ahead = test_plan_meeting(db, "2026-12-07", "lung");

	struct window_ids w = {0};
	bool earlier = false;
	assert_int_equal(
	    db_meeting_window(db, "2026-11-30", 2, &earlier, window_id, &w),
	    TB_OK);
	assert_true(earlier);
	assert_int_equal(w.n, 5);
	assert_int_equal(w.ids[0], old_open); /* still to be held */
	assert_int_equal(w.ids[1], closed[2]);
	assert_int_equal(w.ids[2], closed[3]);
	assert_int_equal(w.ids[3], today);
	assert_int_equal(w.ids[4], ahead);

	/* as many as there are: none earlier */
	memset(&w, 0, sizeof(w));
	assert_int_equal(
	    db_meeting_window(db, "2026-11-30", 4, &earlier, window_id, &w),
	    TB_OK);
	assert_false(earlier);
	assert_int_equal(w.n, 7);
	assert_int_equal(w.ids[1], closed[0]);

	/* the meetings still to be held */
	memset(&w, 0, sizeof(w));
	assert_int_equal(db_meeting_open_list(db, window_id, &w), TB_OK);
	assert_int_equal(w.n, 3);
	assert_int_equal(w.ids[0], old_open);
	assert_int_equal(w.ids[2], ahead);

	/* the board's last meeting not cancelled; none for a board without */
	struct tb_meeting m;
	assert_int_equal(db_meeting_last_of_board(db, "lung", &m), TB_OK);
	assert_int_equal(m.id, ahead);
	assert_int_equal(db_meeting_cancel(db, ahead, "r"), TB_OK);
	assert_int_equal(db_meeting_last_of_board(db, "lung", &m), TB_OK);
	assert_int_equal(m.id, old_open);
	assert_int_equal(db_meeting_last_of_board(db, "colorectal", &m),
			 TB_NOT_FOUND);

	/* those still to be held come from their own index (schema 27),
	 * not from a walk over every meeting */
	struct store *conn = test_store_open(f->t.path);
	struct store_stmt *st;
	assert_int_equal(store_prepare(conn,
				       "EXPLAIN QUERY PLAN SELECT id FROM"
				       " meeting WHERE status IN"
				       " ('planned','running')",
				       0, &st),
			 STORE_OK);
	bool indexed = false;
	while (store_step(st) == STORE_ROW) {
		const char *detail = store_column_text(st, 3);
		indexed =
		    indexed || (detail && strstr(detail, "INDEX meeting_open"));
	}
	store_finalize(st);
	store_close(conn);
	assert_true(indexed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_case_clock_pauses, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_live_step_one_write, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(
		test_remove_refuses_open_and_decided, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_closed_meeting_refuses_changes,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_move_and_dates_are_bounded,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_finish_is_all_or_nothing,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_decided_cases_leave_other_agendas, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_decided_meanwhile_does_not_move_on, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_add_checks_board_and_decision,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_add_no_board, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_defer_to_a_new_meeting, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_real_start_and_deferral_target,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_finished_agenda_keeps_every_case, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_minutes_times_and_outcomes,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_add_all, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_attend_board_roles, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_undo_last, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_readiness_kept, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_cases_read_at_once, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_meeting_window, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_transfer_past, setup,
					    teardown),
	};
	clock_set_fixed(1795424400); /* 2026-11-23T09:00:00Z */
	return cmocka_run_group_tests_name("meeting", tests, NULL, NULL);
}

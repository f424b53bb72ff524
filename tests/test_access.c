/* Unit tests: access (what a read is, who, the relationship hook) and
 * db_access (append in or outside a transaction, the chain, review marks,
 * queries, verify). */
#include "testutil.h"

#include "access.h"
#include "clock.h"
#include "db.h"
#include "db_access.h"
#include "db_case.h"
#include "db_internal.h"
#include "db_user.h"
#include "diag.h"
#include "import_roles.h"
#include "model.h"
#include "perm.h"
#include "user.h"

struct fx {
	char *dir, *path;
	struct db *db;
	long long case1, case2, patient1;
	const struct user *user;
};

/* Adds a user (member) with unit and signs them in. */
static const struct user *signed_in(struct db *db, const char *account,
				    const char *unit)
{
	struct user *u = user_new();
	char why[200];
	u->account = xstrdup(account);
	u->name = xstrdup("Eva Lind");
	u->title = xstrdup("sjuksköterska");
	user_list_add(&u->roles, &u->n_roles, "member");
	user_list_add(&u->units, &u->n_units, unit);
	assert_int_equal(db_user_add(db, u, "admin", why, sizeof(why)), TB_OK);
	user_set_current(u);
	return user_current();
}

static long long store(struct db *db, const char *ext, const char *pnr,
		       const char *given)
{
	bool created;
	char *changes = NULL;
	struct tb_case *c = test_make_case(ext, pnr, given);
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(
	    db_case_store(db, c, "2026-11-23T09:00:00Z", &created, &changes),
	    TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	long long id = c->id;
	free(changes);
	model_case_free(&c);
	return id;
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	char *err = NULL;
	clock_set_fixed(1795424400); /* 2026-11-23T09:00:00Z */
	f->dir = test_tmpdir();
	f->path = xasprintf("%s/tb.db", f->dir);
	assert_int_equal(db_open(f->path, false, &f->db, &err), TB_OK);
	f->case1 = store(f->db, "A-1", "19560312-9809", "Märta");
	f->case2 = store(f->db, "A-2", "19440715-9847", "Karin");
	assert_int_equal(db_access_patient_of(f->db, f->case1, &f->patient1),
			 TB_OK);
	/* a member of no board whose unit referred both cases */
	struct roles *rs = xcalloc(1, sizeof(*rs));
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_roles_load(NULL, rs, &d), TB_OK);
	diag_done(&d);
	perm_session_begin(rs, NULL);
	free(rs);
	f->user = signed_in(f->db, "eva.lind", "Lungmedicin");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	db_close(&f->db);
	test_rmtree(f->dir);
	free(f->dir);
	free(f->path);
	free(f);
	user_set_current(NULL);
	perm_session_end();
	return 0;
}

static long long scalar(struct fx *f, const char *sql)
{
	struct store *conn;
	struct store_stmt *st;
	long long v = -1;
	conn = test_store_open(f->path);
	assert_int_equal(store_prepare(conn, sql, 0, &st), STORE_OK);
	if (store_step(st) == STORE_ROW)
		v = store_column_int64(st, 0);
	store_finalize(st);
	store_close(conn);
	return v;
}

static void exec_file(struct fx *f, const char *sql)
{
	struct store *conn;
	conn = test_store_open(f->path);
	if (store_exec(conn, sql) != STORE_OK)
		fail_msg("%s: %s", sql, store_errmsg(conn));
	store_close(conn);
}

/* verify finds the access log intact, with this many entries (-1: any). */
static void verify_intact(struct fx *f, long long entries)
{
	struct diag d;
	long long n = 0;
	diag_init(&d);
	assert_int_equal(db_access_verify(f->db, &d, &n), TB_OK);
	if (d.n)
		fail_msg("%s", d.items[0].message);
	if (entries >= 0)
		assert_int_equal(n, entries);
	diag_done(&d);
}

static void test_codes_and_words(void **state)
{
	(void)state;
	for (int w = 0; w < ACCESS_WHAT__COUNT; w++) {
		const char *code = access_what_code((enum access_what)w);
		assert_non_null(code);
		assert_non_null(access_what_words(code, "en"));
		assert_non_null(access_what_words(code, "sv"));
		assert_string_not_equal(access_what_words(code, "en"),
					access_what_words(code, "sv"));
	}
	/* the staff's lists show words, never a code (log --case) */
	for (int w = 0; w < ACCESS_WHAT__COUNT; w++) {
		const char *code = access_what_code((enum access_what)w);
		assert_non_null(access_what_label(code));
		assert_string_not_equal(access_what_label(code), code);
	}
	for (int r = 0; r < ACCESS_REL__COUNT; r++) {
		const char *code = access_rel_code((enum access_rel)r);
		assert_non_null(access_rel_label(code));
		assert_string_not_equal(access_rel_label(code), code);
	}
	assert_string_equal(access_what_label("nothing"), "nothing");
	assert_null(access_what_code(ACCESS_WHAT__COUNT));
	assert_null(access_what_words("nothing", "sv"));
	for (int r = 0; r < ACCESS_REL__COUNT; r++) {
		const char *code = access_rel_code((enum access_rel)r);
		assert_non_null(access_rel_words(code, "sv"));
		assert_non_null(access_rel_words(code, "en"));
	}
	assert_int_equal(access_rel_by_code("emergency"), ACCESS_REL_EMERGENCY);
	assert_int_equal(access_rel_by_code("friend"), ACCESS_REL__COUNT);
	assert_string_equal(access_rel_code(ACCESS_REL_NONE), "none");
}

struct seen {
	int n;
	char who[32], unit[64], what[32], rel[16], reason[64], ext[16];
	long long case_id, patient_id;
};

static bool collect(const struct db_access_row *r, void *arg)
{
	struct seen *s = arg;
	s->n++;
	snprintf(s->who, sizeof(s->who), "%s", r->who);
	snprintf(s->unit, sizeof(s->unit), "%s", r->unit ? r->unit : "-");
	snprintf(s->what, sizeof(s->what), "%s", r->what);
	snprintf(s->rel, sizeof(s->rel), "%s", r->relation);
	snprintf(s->reason, sizeof(s->reason), "%s",
		 r->reason ? r->reason : "-");
	snprintf(s->ext, sizeof(s->ext), "%s", r->case_ext ? r->case_ext : "-");
	s->case_id = r->case_id;
	s->patient_id = r->patient_id;
	return true;
}

static void test_log_a_read(void **state)
{
	struct fx *f = *state;
	long long before = access_logged_count();
	char *err = NULL;
	assert_int_equal(access_open_case(f->db, ACCESS_SHOW, f->case1, &err),
			 TB_OK);
	assert_null(err);
	assert_int_equal(access_logged_count(), before + 1);
	struct seen s = {0};
	struct db_access_filter flt = {.patient_id = f->patient1};
	assert_int_equal(db_access_each(f->db, &flt, collect, &s), TB_OK);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.who, "eva.lind");
	assert_string_equal(s.unit, "Lungmedicin");
	assert_string_equal(s.what, "show");
	assert_string_equal(s.rel, "referral");
	assert_string_equal(s.ext, "A-1");
	assert_int_equal(s.case_id, f->case1);
	/* no such case: nothing logged */
	assert_int_equal(access_open_case(f->db, ACCESS_SHOW, 999, &err),
			 TB_NOT_FOUND);
	free(err);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log"), 1);
	/* the other patient's log is apart */
	assert_int_equal(access_open_case(f->db, ACCESS_NOTE, f->case2, NULL),
			 TB_OK);
	s.n = 0;
	assert_int_equal(db_access_each(f->db, &flt, collect, &s), TB_OK);
	assert_int_equal(s.n, 1);
	/* nobody signed in: the operating-system account, unchecked */
	user_set_current(NULL);
	assert_int_equal(access_open_case(f->db, ACCESS_SHOW, f->case1, NULL),
			 TB_OK);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log WHERE"
				   " relation = 'unchecked' AND unit IS NULL"
				   " AND who <> 'eva.lind'"),
			 1);
}

static void test_outside_care_and_emergency(void **state)
{
	struct fx *f = *state;
	char *err = NULL;
	f->user = signed_in(f->db, "ola.berg", "Kirurgi Borås");
	/* no care relationship: refused, nothing logged, the refusal in the
	 * audit log */
	assert_int_equal(
	    access_open_case(f->db, ACCESS_SCREEN_CASE, f->case1, &err),
	    TB_DENIED);
	assert_non_null(err);
	/* to the reader as you, no account, no internal prefix */
	assert_non_null(strstr(err, "You may not open this case: it is not "
				    "in your care"));
	assert_null(strstr(err, "ola.berg"));
	assert_null(strstr(err, "screen-case"));
	free(err);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log"), 0);
	assert_int_equal(scalar(f, "SELECT count(*) FROM audit WHERE action ="
				   " 'denied' AND actor = 'ola.berg'"),
			 1);
	/* a list or search shows it all the same: logged as outside a
	 * relationship, flagged */
	long long ids[] = {f->case1};
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, ids, 1), TB_OK);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log WHERE"
				   " relation = 'none'"),
			 1);
	/* emergency access with a reason: granted, logged with its grant */
	struct roles *rs = xcalloc(1, sizeof(*rs));
	struct diag d;
	diag_init(&d);
	assert_int_equal(import_roles_load(NULL, rs, &d), TB_OK);
	diag_done(&d);
	perm_session_begin(rs, "Akut försämring, jour");
	free(rs);
	assert_int_equal(
	    access_open_case(f->db, ACCESS_SCREEN_CASE, f->case1, &err), TB_OK);
	struct seen s = {0};
	struct db_access_filter flt = {.unreviewed_flagged = true};
	assert_int_equal(db_access_each(f->db, &flt, collect, &s), TB_OK);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.rel, "emergency");
	assert_string_equal(s.reason, "Akut försämring, jour");
	/* the reason is in the grant, never in the access log */
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log a JOIN"
				   " emergency_access e ON e.id ="
				   " a.emergency_id"),
			 1);
	/* an emergency entry without its grant is refused */
	struct access_who w = {"ola.berg", NULL};
	struct access_grant g = {ACCESS_REL_EMERGENCY, 0};
	assert_int_equal(
	    access_log_case_as(f->db, &w, &g, ACCESS_SHOW, f->case1),
	    TB_INVALID);
}

static void test_batch_and_open_transaction(void **state)
{
	struct fx *f = *state;
	long long ids[] = {f->case1, f->case2};
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, ids, 2), TB_OK);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log"), 2);
	/* one unknown case: the whole batch is rolled back */
	long long bad[] = {f->case1, 999};
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, bad, 2),
			 TB_NOT_FOUND);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log"), 2);
	/* inside an open transaction the entry is part of it */
	assert_int_equal(db_begin(f->db), TB_OK);
	assert_int_equal(access_open_case(f->db, ACCESS_EXPORT, f->case1, NULL),
			 TB_OK);
	db_rollback(f->db);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log"), 2);
}

/* The patients of a batch are read in one statement, up to
 * DB_ACCESS_PREFETCH of them, the rest one by one; each entry names its
 * case's patient and the chain holds. */
static void test_patients_read_at_once(void **state)
{
	struct fx *f = *state;
	enum { N = DB_ACCESS_PREFETCH + 6 };
	long long ids[N], p2 = 0;
	for (int i = 0; i < N - 2; i++) {
		char ext[16], pnr[16];
		snprintf(ext, sizeof(ext), "B-%d", i);
		snprintf(pnr, sizeof(pnr), "1950%02d%02d-9%03d", 1 + i % 12,
			 1 + i % 28, i);
		ids[i] = store(f->db, ext, pnr, "Anna");
	}
	/* a case twice, the first two cases last */
	ids[N - 2] = f->case1;
	ids[N - 1] = ids[0];
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, ids, N), TB_OK);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log"), N);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log a JOIN"
				   " cases c ON c.id = a.case_id"
				   " WHERE a.patient_id = c.patient_id"),
			 N);
	verify_intact(f, N);

	/* answered from what was read until forgotten */
	assert_int_equal(db_access_patient_of(f->db, f->case2, &p2), TB_OK);
	assert_int_not_equal(p2, f->patient1);
	long long two[] = {f->case1, 999};
	assert_int_equal(db_access_patients_prefetch(f->db, 0, two, 2), TB_OK);
	char *sql = xasprintf("UPDATE cases SET patient_id = %lld WHERE id = "
			      "%lld",
			      p2, f->case1);
	exec_file(f, sql);
	free(sql);
	long long p = 0;
	assert_int_equal(db_access_patient_of(f->db, f->case1, &p), TB_OK);
	assert_int_equal(p, f->patient1);
	assert_int_equal(db_access_patient_of(f->db, 999, &p), TB_NOT_FOUND);
	db_access_patients_forget(f->db);
	assert_int_equal(db_access_patient_of(f->db, f->case1, &p), TB_OK);
	assert_int_equal(p, p2);
}

/* A screenful logged (issue 20: round trips per key): the care facts and
 * the patients of its rows read at once, in one statement (issue 16), and
 * its entries written by up to DB_ACCESS_ROWS in one INSERT, in a few
 * statements instead of two per row; each entry with its own
 * relationship, the chain whole. */
static void test_screenful_in_few_statements(void **state)
{
	struct fx *f = *state;
	enum { N = DB_ACCESS_PREFETCH + 6, SCREEN = 36 };
	long long ids[N];
	for (int i = 0; i < N; i++) {
		char ext[16], pnr[16];
		snprintf(ext, sizeof(ext), "S-%d", i);
		snprintf(pnr, sizeof(pnr), "1960%02d%02d-9%03d", 1 + i % 12,
			 1 + i % 28, i);
		ids[i] = store(f->db, ext, pnr, "Åsa");
		if (i % 3 == 0) {
			/* referred by a unit not the reader's */
			char *sql = xasprintf("UPDATE cases SET referrer_unit ="
					      " 'Kirurgi' WHERE id = %lld",
					      ids[i]);
			exec_file(f, sql);
			free(sql);
		}
	}
	long long grant = 0;
	assert_int_equal(db_user_emergency_grant(f->db, f->user, ids[3], "Jour",
						 "2026-11-23T08:00:00Z",
						 "2026-11-23T12:00:00Z",
						 &grant),
			 TB_OK);
	/* as on a screen: the lookups are filled in its pause, not with
	 * the key's entries (counted apart below) */
	db_defer_checkpoints(f->db);
	unsigned long long before = db_statements_run(f->db);
	/* the INSERTs prepared in a pause before (the 4 of the 36, and
	 * what no batch is: none, more than one INSERT holds) run nothing,
	 * and the batch writes with them as without */
	db_access_warm(f->db, 4);
	db_access_warm(f->db, 0);
	db_access_warm(f->db, DB_ACCESS_ROWS + 5);
	assert_int_equal(db_statements_run(f->db), before);
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, ids, SCREEN),
			 TB_OK);
	/* the care facts with the patients, the head, two INSERTs (32 + 4) */
	assert_true(db_statements_run(f->db) - before <= 4);
	/* the pause: the lookups' three statements (by patient, by case,
	 * the mark) */
	before = db_statements_run(f->db);
	assert_true(db_idle(f->db));
	assert_int_equal(db_statements_run(f->db) - before, 3);
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, ids, N), TB_OK);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log"),
			 SCREEN + N);
	for (int i = 0; i < N; i++) {
		const char *want = i == 3	? "emergency"
				   : i % 3 == 0 ? "none"
						: "referral";
		char *sql = xasprintf(
		    "SELECT count(*) FROM access_log a JOIN cases c ON c.id ="
		    " a.case_id WHERE a.case_id = %lld AND a.relation = '%s'"
		    " AND a.patient_id = c.patient_id AND a.who = 'eva.lind'"
		    " AND a.unit = 'Lungmedicin' AND a.what = 'search'"
		    " AND (a.emergency_id = %lld OR a.emergency_id IS NULL"
		    " AND %d)",
		    ids[i], want, grant, i != 3);
		assert_int_equal(scalar(f, sql), i < SCREEN ? 2 : 1);
		free(sql);
	}
	verify_intact(f, SCREEN + N);
	/* a failed batch writes none of its entries */
	long long bad[] = {ids[0], ids[1], 999};
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, bad, 3),
			 TB_NOT_FOUND);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log"),
			 SCREEN + N);
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, ids, 1), TB_OK);
	verify_intact(f, SCREEN + N + 1);
	/* a screen's rows: the one read under the grant is handed back
	 * with the grant's end, once (the screen reads it again then) */
	struct access_shown sh = {0};
	struct access_shown_grant g;
	assert_int_equal(
	    access_log_shown(f->db, &sh, ACCESS_LIST, ids, 5, NULL), TB_OK);
	assert_true(access_shown_grant(&sh, &g));
	assert_int_equal(g.case_id, ids[3]);
	assert_string_equal(g.until, "2026-11-23T12:00:00Z");
	assert_false(access_shown_grant(&sh, &g));
	assert_int_equal(
	    access_log_shown(f->db, &sh, ACCESS_LIST, ids, 5, NULL), TB_OK);
	assert_false(access_shown_grant(&sh, &g));
	access_shown_done(&sh);
	verify_intact(f, SCREEN + N + 6);
}

/* A list of the same kind shown again: its patients in care logged
 * lately are not logged again; those outside care are; another kind,
 * another what, a change in the archive, the window passed or another
 * reader log them all again. */
/* The log's head as the connection's last batch left it is taken
 * unread while no other connection has committed; one that appended
 * meanwhile is noticed (the data version; or, where that notice comes
 * late, as a server's notifications may, the INSERT's check of the
 * head) and the batch runs again with the head read: the chain whole. */
static void test_head_taken_unread(void **state)
{
	struct fx *f = *state;
	unsigned long long s0 = db_statements_run(f->db);
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, &f->case1, 1),
			 TB_OK);
	unsigned long long s1 = db_statements_run(f->db);
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, &f->case2, 1),
			 TB_OK);
	unsigned long long s2 = db_statements_run(f->db);
	assert_true(s2 - s1 + 1 == s1 - s0); /* the head not read again */
	struct db *other = NULL;
	char *err = NULL;
	assert_int_equal(db_open(f->path, false, &other, &err), TB_OK);
	assert_int_equal(access_log_cases(other, ACCESS_LIST, &f->case1, 1),
			 TB_OK);
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, &f->case2, 1),
			 TB_OK);
	/* appended again, its commit taken as seen already */
	assert_int_equal(access_log_cases(other, ACCESS_LIST, &f->case1, 1),
			 TB_OK);
	unsigned long long seen, own;
	assert_int_equal(store_data_version(f->db->conn, &seen, &own),
			 STORE_OK);
	f->db->access_known_other = seen;
	long long before = access_logged_count();
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, &f->case2, 1),
			 TB_OK);
	assert_int_equal(access_logged_count(), before + 1);
	db_close(&other);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log"), 6);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log WHERE"
				   " case_id = (SELECT max(case_id) FROM"
				   " access_log)"),
			 3);
	verify_intact(f, 6);
}

static bool list_ids(const struct db_case_row *r, void *arg)
{
	long long *ids = arg;
	ids[ids[2]++] = r->id;
	return ids[2] < 2;
}

/* Schema 23: the lookups by patient and by case. A command's batch fills
 * them with its entries; a screen's (db_defer_checkpoints) leaves that
 * to a pause (db_idle), and a patient's or a case's entries are listed
 * all the same, read past the lookups' mark. A pause that finds another
 * connection writing does not wait for it and tries again at the next;
 * at DB_ACCESS_LOOKUP_CAP waiting entries a batch fills them itself. */
static void test_lookups_caught_up(void **state)
{
	struct fx *f = *state;
	long long ids[] = {f->case1, f->case2};
	struct seen s = {0};
	struct db_access_filter byp = {.patient_id = f->patient1};
	struct db_access_filter byc = {.case_id = f->case2};
	const char *upto = "SELECT upto FROM access_log_indexed";
	const char *in_both = "SELECT (SELECT count(*) FROM"
			      " access_log_by_patient) + (SELECT count(*)"
			      " FROM access_log_by_case)";

	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, ids, 2), TB_OK);
	assert_int_equal(scalar(f, upto), 2);
	assert_int_equal(scalar(f, in_both), 4);

	db_defer_checkpoints(f->db);
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, ids, 2), TB_OK);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log"), 4);
	assert_int_equal(scalar(f, upto), 2);
	assert_int_equal(scalar(f, in_both), 4);
	assert_int_equal(db_access_each(f->db, &byp, collect, &s), TB_OK);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.patient_id, f->patient1);
	s.n = 0;
	assert_int_equal(db_access_each(f->db, &byc, collect, &s), TB_OK);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.case_id, f->case2);

	struct store *other = test_store_open(f->path);
	assert_int_equal(store_exec(other, "BEGIN IMMEDIATE"), STORE_OK);
	db_idle(f->db);
	assert_false(f->db->busy_gave_up); /* not a wait that gave up */
	assert_int_equal(scalar(f, upto), 2);
	assert_int_equal(store_exec(other, "COMMIT"), STORE_OK);
	store_close(other);
	db_idle(f->db);
	assert_int_equal(scalar(f, upto), 4);
	assert_int_equal(scalar(f, in_both), 8);
	s.n = 0;
	assert_int_equal(db_access_each(f->db, &byp, collect, &s), TB_OK);
	assert_int_equal(s.n, 2);

	f->db->access_behind = DB_ACCESS_LOOKUP_CAP - 2;
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, ids, 2), TB_OK);
	assert_int_equal(scalar(f, upto), 6);
	assert_int_equal(f->db->access_behind, 0);
	verify_intact(f, 6);
}

/* Schema 23 on an archive of schema 22 (the log with its indexes by
 * patient and by case): both lookups filled from the log, the indexes
 * gone, the reads of a patient listed, verify content. */
static void test_migration_step_23_lookups(void **state)
{
	struct fx *f = *state;
	long long ids[] = {f->case1, f->case2};
	char *err = NULL;
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, ids, 2), TB_OK);
	assert_int_equal(access_open_case(f->db, ACCESS_SHOW, f->case1, NULL),
			 TB_OK);
	db_close(&f->db);
	exec_file(f, TEST_UNDO_23_LOG "PRAGMA user_version = 22");
	const char *indexes = "SELECT count(*) FROM sqlite_master WHERE"
			      " name IN ('access_log_patient',"
			      " 'access_log_case')";
	assert_int_equal(scalar(f, indexes), 2);
	assert_int_equal(db_open(f->path, false, &f->db, &err), TB_OK);
	assert_int_equal(db_user_version(f->db), DB_SCHEMA_VERSION);
	assert_int_equal(scalar(f, "SELECT upto FROM access_log_indexed"), 3);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log_by_patient"
				   " WHERE patient_id = (SELECT patient_id"
				   " FROM access_log WHERE id = 3)"),
			 2);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log_by_case"),
			 3);
	assert_int_equal(scalar(f, indexes), 0);
	struct seen s = {0};
	struct db_access_filter byp = {.patient_id = f->patient1};
	assert_int_equal(db_access_each(f->db, &byp, collect, &s), TB_OK);
	assert_int_equal(s.n, 2);
	verify_intact(f, -1);
}

/* Rows the case list read for the user (access_user) come with their
 * patients and the user's care facts where the store is a server
 * (read_ahead): their access log reads nothing more, while the data
 * stands; after a change it reads them again. On SQLite the log reads
 * them. */
static void test_facts_with_the_list(void **state)
{
	struct fx *f = *state;
	struct db_case_filter flt = {.access_user = f->user->id};
	long long ids[3] = {0, 0, 0};
	/* as on a screen: the lookups are filled in its pause */
	db_defer_checkpoints(f->db);
	/* on SQLite the batch reads the facts itself (a read of its own
	 * costs less there than the list's wider query) */
	assert_false(f->db->read_ahead);
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, &f->case1, 1),
			 TB_OK);
	assert_int_equal(db_case_list(f->db, &flt, list_ids, ids), TB_OK);
	unsigned long long s0 = db_statements_run(f->db);
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, ids, 2), TB_OK);
	assert_true(db_statements_run(f->db) - s0 > 1);
	/* as on a server: the facts come with the list's rows */
	f->db->read_ahead = true;
	ids[2] = 0;
	/* the head read once, by an earlier batch */
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, &f->case1, 1),
			 TB_OK);
	assert_int_equal(db_case_list(f->db, &flt, list_ids, ids), TB_OK);
	assert_int_equal(ids[2], 2);
	s0 = db_statements_run(f->db);
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, ids, 2), TB_OK);
	assert_int_equal(db_statements_run(f->db) - s0, 1); /* the INSERT */
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log a JOIN"
				   " cases c ON c.id = a.case_id WHERE a.id > 4"
				   " AND a.patient_id = c.patient_id AND"
				   " a.relation = 'referral'"),
			 2);
	/* read with the list, then changed: the unit no longer refers it */
	ids[2] = 0;
	assert_int_equal(db_case_list(f->db, &flt, list_ids, ids), TB_OK);
	exec_file(f, "UPDATE cases SET referrer_unit = 'Kirurgi'");
	s0 = db_statements_run(f->db);
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, ids, 2), TB_OK);
	assert_true(db_statements_run(f->db) - s0 > 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log WHERE"
				   " id > 6 AND relation = 'none'"),
			 2);
	/* used once: the next batch of the same rows reads them */
	s0 = db_statements_run(f->db);
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, ids, 2), TB_OK);
	assert_true(db_statements_run(f->db) - s0 > 1);
}

/* The care facts a screen read ahead in a pause shows first are its
 * access log's (db_user_care_ahead) while the data stands: the batch
 * writes its INSERT alone; after a change elsewhere it reads them again
 * and logs what holds now; none are kept while an emergency access of
 * the user's runs (its end changes her care with nothing in the store). */
static void test_facts_read_ahead(void **state)
{
	struct fx *f = *state;
	long long ids[2] = {f->case1, f->case2};
	db_defer_checkpoints(f->db);
	/* the log's head read by an earlier batch */
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, &f->case1, 1),
			 TB_OK);
	assert_int_equal(db_user_care_ahead(f->db, f->user, ids, 2), TB_OK);
	unsigned long long s0 = db_statements_run(f->db);
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, ids, 2), TB_OK);
	assert_int_equal(db_statements_run(f->db) - s0, 1); /* the INSERT */
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log WHERE"
				   " id > 1 AND relation = 'referral'"),
			 2);
	/* read ahead, then changed elsewhere: her unit no longer refers
	 * them */
	assert_int_equal(db_user_care_ahead(f->db, f->user, ids, 2), TB_OK);
	exec_file(f, "UPDATE cases SET referrer_unit = 'Kirurgi'");
	s0 = db_statements_run(f->db);
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, ids, 2), TB_OK);
	assert_true(db_statements_run(f->db) - s0 > 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log WHERE"
				   " id > 3 AND relation = 'none'"),
			 2);
	/* an emergency access of hers running: nothing is kept */
	long long grant = 0;
	assert_int_equal(db_user_emergency_grant(f->db, f->user, f->case1,
						 "Jour", "2026-11-23T08:00:00Z",
						 "2026-11-23T12:00:00Z",
						 &grant),
			 TB_OK);
	assert_int_equal(db_user_care_ahead(f->db, f->user, ids, 2), TB_OK);
	s0 = db_statements_run(f->db);
	assert_int_equal(access_log_cases(f->db, ACCESS_LIST, ids, 2), TB_OK);
	assert_true(db_statements_run(f->db) - s0 > 1);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log WHERE"
				   " id > 5 AND relation = 'emergency'"),
			 1);
}

static void test_list_shown_again(void **state)
{
	struct fx *f = *state;
	enum { N = 6 };
	long long ids[N];
	for (int i = 0; i < N; i++) {
		char ext[16], pnr[16];
		snprintf(ext, sizeof(ext), "R-%d", i);
		snprintf(pnr, sizeof(pnr), "1961%02d%02d-9%03d", 1 + i, 1 + i,
			 i);
		ids[i] = store(f->db, ext, pnr, "Åsa");
		if (i % 3 == 0) {
			/* referred by a unit not the reader's: none */
			char *sql = xasprintf("UPDATE cases SET referrer_unit ="
					      " 'Kirurgi' WHERE id = %lld",
					      ids[i]);
			exec_file(f, sql);
			free(sql);
		}
	}
	const long long none = 2; /* ids[0], ids[3] */
	struct access_recent r = {0};
	struct access_shown sh = {0};
	int list_kind, queue_kind;
	size_t w = 99;
	long long entries = scalar(f, "SELECT count(*) FROM access_log");
#define SHOWN_AGAIN(kind, what, want)                                          \
	do {                                                                   \
		access_shown_done(&sh);                                        \
		assert_int_equal(access_log_shown_recent(f->db, &sh, &r,       \
							 (kind), (what), ids,  \
							 N, &w),               \
				 TB_OK);                                       \
		assert_int_equal(w, (want));                                   \
		entries += (want);                                             \
		assert_int_equal(scalar(f, "SELECT count(*) FROM access_log"), \
				 entries); /* every row is in the list's own   \
					      set: drawn again, none */        \
		assert_int_equal(access_log_shown_recent(f->db, &sh, &r,       \
							 (kind), (what), ids,  \
							 N, &w),               \
				 TB_OK);                                       \
		assert_int_equal(w, 0);                                        \
	} while (0)
	SHOWN_AGAIN(&list_kind, ACCESS_LIST, N);
	SHOWN_AGAIN(&list_kind, ACCESS_LIST, none);
	SHOWN_AGAIN(&list_kind, ACCESS_LIST, none);
	SHOWN_AGAIN(&queue_kind, ACCESS_LIST, N);
	SHOWN_AGAIN(&queue_kind, ACCESS_LIST, none);
	SHOWN_AGAIN(&list_kind, ACCESS_SEARCH, N);
	SHOWN_AGAIN(&list_kind, ACCESS_SEARCH, none);
	/* the archive changed: logged again, then remembered again */
	store(f->db, "R-X", "19620303-9123", "Ida");
	SHOWN_AGAIN(&list_kind, ACCESS_LIST, N);
	SHOWN_AGAIN(&list_kind, ACCESS_LIST, none);
	/* the window: ten minutes from the first entry of it */
	clock_set_fixed(1795424400 + ACCESS_RECENT_SECONDS - 1);
	SHOWN_AGAIN(&list_kind, ACCESS_LIST, none);
	clock_set_fixed(1795424400 + ACCESS_RECENT_SECONDS);
	SHOWN_AGAIN(&list_kind, ACCESS_LIST, N);
	SHOWN_AGAIN(&list_kind, ACCESS_LIST, none);
	/* a clock set back */
	clock_set_fixed(1795424400);
	SHOWN_AGAIN(&list_kind, ACCESS_LIST, N);
	/* another reader */
	signed_in(f->db, "ola.berg", "Lungmedicin");
	SHOWN_AGAIN(&list_kind, ACCESS_LIST, N);
	SHOWN_AGAIN(&list_kind, ACCESS_LIST, none);
#undef SHOWN_AGAIN
	/* without recent, as access_log_shown: every new list logs all */
	access_shown_done(&sh);
	assert_int_equal(access_log_shown(f->db, &sh, ACCESS_LIST, ids, N, &w),
			 TB_OK);
	assert_int_equal(w, N);
	access_shown_done(&sh);
	access_recent_done(&r);
	verify_intact(f, entries + N);
}

static void test_chain_and_verify(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 3; i++)
		assert_int_equal(
		    access_open_case(f->db, ACCESS_SHOW, f->case1, NULL),
		    TB_OK);
	struct diag d;
	long long n = 0;
	diag_init(&d);
	assert_int_equal(db_access_verify(f->db, &d, &n), TB_OK);
	assert_int_equal(d.n, 0);
	assert_int_equal(n, 3);
	/* each entry names the hash of the one before */
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log a JOIN"
				   " access_log b ON b.id = a.id - 1 WHERE"
				   " a.prev_hash = b.hash"),
			 2);
	/* an edit behind the program's back is found */
	exec_file(f, "DROP TRIGGER access_log_append_only_u;"
		     "UPDATE access_log SET what = 'note' WHERE id = 2;");
	db_close(&f->db);
	char *err = NULL;
	assert_int_equal(db_open(f->path, false, &f->db, &err), TB_OK);
	assert_int_equal(db_access_verify(f->db, &d, &n), TB_OK);
	bool altered = false, guard = false;
	for (size_t i = 0; i < d.n; i++) {
		altered |=
		    strstr(d.items[i].message, "entry 2 was altered") != NULL;
		guard |= strstr(d.items[i].message,
				"access_log_append_only_u") != NULL;
	}
	assert_true(altered);
	assert_true(guard);
	diag_done(&d);
}

static void test_review_marks(void **state)
{
	struct fx *f = *state;
	f->user = signed_in(f->db, "ola.berg", "Kirurgi Borås");
	long long ids[] = {f->case1};
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, ids, 1), TB_OK);
	assert_int_equal(db_access_review(f->db, 1, "revisor", "maybe", NULL),
			 TB_INVALID);
	assert_int_equal(
	    db_access_review(f->db, 7, "revisor", "justified", NULL),
	    TB_NOT_FOUND);
	struct db_access_mark prev;
	assert_int_equal(
	    db_access_review(f->db, 1, "revisor", "justified", &prev), TB_OK);
	assert_int_equal(prev.n, 0);
	/* a second mark does not replace the first: both are kept, the
	 * caller is told of the earlier one, the newest counts */
	assert_int_equal(
	    db_access_review(f->db, 1, "granskare", "unjustified", &prev),
	    TB_OK);
	assert_int_equal(prev.n, 1);
	assert_string_equal(prev.finding, "justified");
	assert_string_equal(prev.by, "revisor");
	assert_int_equal(
	    scalar(f, "SELECT count(*) FROM access_review WHERE access_id = 1"),
	    2);
	assert_int_equal(
	    db_access_review(f->db, 1, "revisor", "justified", &prev), TB_OK);
	assert_int_equal(prev.n, 2);
	assert_string_equal(prev.finding, "unjustified");
	struct seen s = {0};
	struct db_access_filter flt = {.unreviewed_flagged = true};
	assert_int_equal(db_access_each(f->db, &flt, collect, &s), TB_OK);
	assert_int_equal(s.n, 0);
	assert_int_equal(scalar(f, "SELECT count(*) FROM audit WHERE action ="
				   " 'access-review' AND detail ="
				   " 'reviewed: justified'"),
			 2);
	struct diag d;
	long long n;
	diag_init(&d);
	assert_int_equal(db_access_verify(f->db, &d, &n), TB_OK);
	assert_int_equal(d.n, 0);
	/* a review mark forged with another tool is found */
	exec_file(f, "INSERT INTO access_review (access_id, audit_id, at, by,"
		     " finding) VALUES (1, 9999, 'x', 'someone', 'justified')");
	assert_int_equal(db_access_verify(f->db, &d, &n), TB_OK);
	assert_int_equal(d.n, 1);
	assert_non_null(strstr(d.items[0].message, "review mark"));
	diag_done(&d);
}

static bool vol(const char *who, const char *day, long long n, void *arg)
{
	int *count = arg;
	assert_string_equal(who, "eva.lind");
	assert_string_equal(day, "2026-11-23");
	assert_int_equal(n, 2);
	(*count)++;
	return true;
}

static bool vol3(const char *who, const char *day, long long n, void *arg)
{
	int *count = arg;
	assert_string_equal(who, "eva.lind");
	assert_string_equal(day, "2026-11-23");
	assert_int_equal(n, 3);
	(*count)++;
	return true;
}

static void test_volume(void **state)
{
	struct fx *f = *state;
	long long ids[] = {f->case1, f->case2, f->case1};
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, ids, 3), TB_OK);
	int count = 0;
	struct db_access_filter flt = {0};
	assert_int_equal(db_access_volume(f->db, &flt, 1, vol, &count), TB_OK);
	assert_int_equal(count, 1);
	count = 0;
	assert_int_equal(db_access_volume(f->db, &flt, 2, vol, &count), TB_OK);
	assert_int_equal(count, 0);
	/* the reviewer's own lists of the log name a third patient: logged,
	 * but not a read of patients, so the volume stays 2 */
	long long third = store(f->db, "A-3", "19500101-9801", "Bo");
	struct access_who w;
	struct access_grant g = {ACCESS_REL_UNCHECKED, 0};
	access_who_current(&w);
	long long before = scalar(f, "SELECT count(*) FROM access_log");
	assert_int_equal(db_begin(f->db), TB_OK);
	assert_int_equal(
	    access_log_case_as(f->db, &w, &g, ACCESS_LOG_LIST, third), TB_OK);
	assert_int_equal(
	    access_log_case_as(f->db, &w, &g, ACCESS_LOG_LIST, f->case2),
	    TB_OK);
	assert_int_equal(db_commit(f->db), TB_OK);
	assert_int_equal(scalar(f, "SELECT count(*) FROM access_log"),
			 before + 2);
	count = 0;
	assert_int_equal(db_access_volume(f->db, &flt, 1, vol, &count), TB_OK);
	assert_int_equal(count, 1); /* vol asserts 2 patients */
	count = 0;
	assert_int_equal(db_access_volume(f->db, &flt, 2, vol, &count), TB_OK);
	assert_int_equal(count, 0);
	/* a read of the third patient's case counts */
	assert_int_equal(access_log_cases(f->db, ACCESS_SEARCH, &third, 1),
			 TB_OK);
	assert_int_equal(db_access_volume(f->db, &flt, 2, vol3, &count), TB_OK);
	assert_int_equal(count, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_codes_and_words),
	    cmocka_unit_test_setup_teardown(test_log_a_read, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_outside_care_and_emergency,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_batch_and_open_transaction,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_patients_read_at_once, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_screenful_in_few_statements,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_head_taken_unread, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_facts_with_the_list, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_facts_read_ahead, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_list_shown_again, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_chain_and_verify, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_lookups_caught_up, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(test_migration_step_23_lookups,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_review_marks, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_volume, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

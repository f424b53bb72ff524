/* Unit tests: db (open, pragmas, migrations, audit chain, triggers) and
 * db_case (store, load, update, list, search). */
#include "testutil.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_internal.h"
#include "db_meeting.h"
#include "diag.h"
#include "model.h"
#include "store.h"

/* The database argument names its engine: URIs and conninfo strings are
 * PostgreSQL, everything else a file; a build without PostgreSQL says so
 * and creates nothing. */
static void test_engine_of_database_argument(void **state)
{
	(void)state;
	static const char *const pg[] = {
	    "postgresql://board@db1/tumorboard", "postgres://db1/tb",
	    "host=/run/postgresql dbname=tb", "service=board", "dbname = tb"};
	static const char *const file[] = {
	    "tb.db",	  "/var/lib/tumorboard/tb.db",
	    ":memory:",	  "./a=b.db",
	    "postgresql", "Host=x",
	    "=x",	  ""};
	for (size_t i = 0; i < sizeof(pg) / sizeof(*pg); i++)
		assert_int_equal(store_engine_for(pg[i]),
				 STORE_ENGINE_POSTGRES);
	for (size_t i = 0; i < sizeof(file) / sizeof(*file); i++)
		assert_int_equal(store_engine_for(file[i]),
				 STORE_ENGINE_SQLITE);
	assert_true(store_engine_available(STORE_ENGINE_SQLITE));
	assert_string_equal(store_engine_name(STORE_ENGINE_POSTGRES),
			    "PostgreSQL");

	char *dir = test_tmpdir();
	char *cwd = getcwd(NULL, 0);
	assert_int_equal(chdir(dir), 0);
	struct db *db = NULL;
	char *err = NULL;
	enum tb_status st = db_open("dbname=tb", false, &db, &err);
	if (!store_engine_available(STORE_ENGINE_POSTGRES)) {
		assert_int_equal(st, TB_DB);
		assert_null(db);
		assert_non_null(err);
		assert_non_null(strstr(err, "without PostgreSQL support"));
		/* and no file of that name was made */
		assert_int_not_equal(access("dbname=tb", F_OK), 0);
	} else {
		db_close(&db);
	}
	free(err);
	assert_int_equal(chdir(cwd), 0);
	free(cwd);
	test_rmtree(dir);
	free(dir);
}

static void test_open_creates_private_file(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/sub/dir/tb.db", dir);
	char *err = NULL;
	struct db *db = NULL;
	struct stat sb;

	assert_int_equal(db_make_parent_dirs(path, &err), TB_OK);
	assert_int_equal(db_open(path, false, &db, &err), TB_OK);
	assert_null(err);
	assert_int_equal(db_user_version(db), DB_SCHEMA_VERSION);
	db_close(&db);
	assert_null(db);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	char *parent = xasprintf("%s/sub/dir", dir);
	assert_int_equal(stat(parent, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	/* WAL mode is recorded in the header: bytes 18 and 19 are 2. */
	unsigned char hdr[20];
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(hdr, 1, sizeof(hdr), fp), sizeof(hdr));
	fclose(fp);
	assert_int_equal(hdr[18], 2);
	assert_int_equal(hdr[19], 2);
	free(parent);
	free(path);
	test_rmtree(dir);
	free(dir);
}

static void test_newer_database_refused(void **state)
{
	(void)state;
	struct test_db t;
	char *err = NULL;

	test_db_open(&t);
	struct db *db = t.db;
	db_close(&db);
	test_file_exec(t.path, "PRAGMA user_version = 99");
	assert_int_equal(db_open(t.path, false, &db, &err), TB_DB_NEWER);
	assert_null(db);
	assert_non_null(strstr(err, "schema version 99"));
	free(err);
	err = NULL;
	/* Untouched: still 99, and read-only opening refuses it too. */
	assert_int_equal(test_file_scalar(t.path, "PRAGMA user_version"), 99);
	assert_int_equal(db_open(t.path, true, &db, &err), TB_DB_NEWER);
	free(err);
	test_db_done(&t);
}

static void test_pragmas_and_strict(void **state)
{
	(void)state;
	struct test_db t;

	test_db_open(&t);
	struct db *db = t.db;
	db_close(&db);
	assert_int_equal(test_file_scalar(t.path,
					  "SELECT count(*) FROM "
					  "pragma_table_list WHERE strict = 1"
					  " AND schema = 'main'"),
			 41);
	struct store *conn;
	conn = test_store_open(t.path);
	/* STRICT refuses a text ECOG. */
	assert_int_not_equal(
	    store_exec(conn,
		       "INSERT INTO meeting (date, start_time, length_min,"
		       " board, level, created, updated) VALUES"
		       " ('2026-12-01','14:00','many','lung','regional',"
		       " 'x','x')"),
	    STORE_OK);
	store_close(conn);
	test_db_done(&t);
}

static void test_migration_step_2_builds_search_index(void **state)
{
	(void)state;
	struct test_db t;
	char *err = NULL;
	bool created;
	char *changes;

	test_db_open(&t);
	struct db *db = t.db;
	struct tb_case *c = test_make_case("A-1", "19560312-9809", "Märta");
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(
	    db_case_store(db, c, "2026-11-23T09:00:00Z", &created, &changes),
	    TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	db_close(&db);
	/* Turn it back into a version-1 database holding data. */
	test_file_exec(
	    t.path,
	    "DROP TRIGGER case_fts_i; DROP TRIGGER case_fts_u;"
	    "DROP TRIGGER patient_fts_u; DROP TABLE case_fts;"
	    "DROP TRIGGER decision_fts_i; DROP TABLE decision_fts;"
	    "DROP TABLE form_amend; DROP TABLE meeting_run;"
	    "DROP TABLE agenda_time; DROP TABLE follow_up;"
	    "DROP TABLE patient_informed; DROP TABLE level_change;"
	    "DROP TABLE form_value_rev;"
	    "ALTER TABLE form_instance DROP COLUMN revision;"
	    "DROP TRIGGER case_count_i; DROP TRIGGER case_count_d;"
	    "DROP TABLE case_count; DROP INDEX IF EXISTS cases_queue;"
	    "ALTER TABLE patient DROP COLUMN interpreter;"
	    "DROP TABLE audit_seal; ALTER TABLE audit DROP COLUMN"
	    " fmt; ALTER TABLE audit DROP COLUMN seals;"
	    "DROP TABLE research_extract;"
	    "DROP TABLE access_review; DROP TABLE access_log;"
	    "DROP TABLE emergency_access; DROP TABLE user_board; DROP "
	    "TABLE user_unit; DROP TABLE user_role; DROP TABLE users;"
	    "DROP TABLE referral_answer; DROP TABLE case_origin;"
	    "DROP INDEX audit_entity; DROP TABLE meeting_live;"
	    "ALTER TABLE cases DROP COLUMN lansky;"
	    "ALTER TABLE cases DROP COLUMN lansky_date;"
	    "ALTER TABLE finding DROP COLUMN result;"
	    "DROP TABLE case_fts_word;" TEST_UNDO_23 "PRAGMA user_version = 1");
	assert_int_equal(db_open(t.path, false, &db, &err), TB_OK);
	assert_int_equal(db_user_version(db), DB_SCHEMA_VERSION);
	struct db_case_filter f = {.text = "märta"};
	long long n = 0;
	assert_int_equal(db_case_count(db, &f, &n), TB_OK);
	assert_int_equal(n, 1);
	db_close(&db);
	model_case_free(&c);
	test_db_done(&t);
}

/* A version-6 database: the case search neither folded accents nor kept
 * prefix indexes, and nothing kept the number of cases. */
static void test_migration_step_7_folds_and_counts(void **state)
{
	(void)state;
	struct test_db t;
	char *err = NULL;
	bool created;
	char *changes;

	test_db_open(&t);
	struct db *db = t.db;
	struct tb_case *a = test_make_case("A-1", "19560312-9809", "Märta");
	util_set(&a->question, "Remiss från Östergötland: SBRT?");
	struct tb_case *b = test_make_case("B-2", "19710824-9819", "Örjan");
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, a, "t", &created, &changes), TB_OK);
	assert_int_equal(db_case_store(db, b, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	db_close(&db);
	test_file_exec(
	    t.path,
	    "DROP TRIGGER case_count_i; DROP TRIGGER case_count_d;"
	    "DROP TABLE case_count; DROP TABLE case_fts;"
	    "DROP INDEX IF EXISTS cases_queue;"
	    "CREATE VIRTUAL TABLE case_fts USING fts5(external_id, name,"
	    " diagnosis, question, summary, content='',"
	    " tokenize='unicode61 remove_diacritics 0');"
	    "INSERT INTO case_fts(rowid, external_id, name, diagnosis,"
	    " question, summary) SELECT c.id, c.external_id,"
	    " p.given_name || ' ' || p.family_name, c.icd10 || ' ' ||"
	    " c.diagnosis_text, c.question, c.summary FROM cases c"
	    " JOIN patient p ON p.id = c.patient_id;"
	    "ALTER TABLE patient DROP COLUMN interpreter;"
	    "DROP TABLE audit_seal; ALTER TABLE audit DROP COLUMN"
	    " fmt; ALTER TABLE audit DROP COLUMN seals;"
	    "DROP TABLE research_extract;"
	    "DROP TABLE access_review; DROP TABLE access_log;"
	    "DROP TABLE emergency_access; DROP TABLE user_board; DROP "
	    "TABLE user_unit; DROP TABLE user_role; DROP TABLE users;"
	    "DROP TABLE referral_answer; DROP TABLE case_origin;"
	    "DROP INDEX audit_entity; DROP TABLE meeting_live;"
	    "ALTER TABLE cases DROP COLUMN lansky;"
	    "ALTER TABLE cases DROP COLUMN lansky_date;"
	    "ALTER TABLE finding DROP COLUMN result;"
	    "DROP TABLE case_fts_word;" TEST_UNDO_23 "PRAGMA user_version = 6");
	assert_int_equal(test_file_scalar(t.path,
					  "SELECT count(*) FROM case_fts"
					  " WHERE case_fts MATCH"
					  " 'ostergotland'"),
			 0);
	assert_int_equal(db_open(t.path, false, &db, &err), TB_OK);
	assert_int_equal(db_user_version(db), DB_SCHEMA_VERSION);

	/* accents and case fold both ways; words typed so far are
	 * prefixes */
	static const struct {
		const char *text;
		long long n;
	} searches[] = {
	    {"ostergotland", 1}, {"ÖSTERGÖTLAND", 1},
	    {"Östergötl", 1},	 {"OSTERG", 1},
	    {"marta", 1},	 {"MÄRTA astrom", 1},
	    {"orjan", 1},	 {"o", 2},
	    {"åström", 2},	 {"c34", 2},
	    {"vasterbotten", 0},
	};
	for (size_t i = 0; i < sizeof(searches) / sizeof(searches[0]); i++) {
		struct db_case_filter f = {.text = searches[i].text};
		long long n = -1;
		assert_int_equal(db_case_count(db, &f, &n), TB_OK);
		if (n != searches[i].n)
			fail_msg("search \"%s\": %lld, want %lld",
				 searches[i].text, n, searches[i].n);
	}
	/* the kept count: right after the migration and after an import */
	struct db_case_filter all = {0};
	long long n = 0;
	assert_int_equal(db_case_count(db, &all, &n), TB_OK);
	assert_int_equal(n, 2);
	struct tb_case *c = test_make_case("C-3", "19480130-9826", "Åke");
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, c, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	assert_int_equal(db_case_count(db, &all, &n), TB_OK);
	assert_int_equal(n, 3);
	assert_int_equal(test_file_scalar(t.path, "SELECT n FROM case_count"),
			 3);
	db_close(&db);
	model_case_free(&a);
	model_case_free(&b);
	model_case_free(&c);
	test_db_done(&t);
}

/* A statement whose statement journal spills to a temporary file (here
 * 5 MB of rows changed by one UPDATE inside a transaction, a trigger on
 * the table) commits: with SQLite 3.40 a spill limit above 128 KiB made it
 * fail with "database or disk is full", as it did a migration's rebuild
 * of the search index at 100,000 cases. */
static void test_large_statement_in_a_transaction(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/big.db", dir);
	struct store *s = NULL;
	char *err = NULL;
	assert_int_equal(store_open(path,
				    STORE_OPEN_READWRITE | STORE_OPEN_CREATE,
				    &s, &err),
			 STORE_OK);
	int rc = store_exec(
	    s, "BEGIN; CREATE TABLE big (x BLOB);"
	       " INSERT INTO big SELECT randomblob(1000) FROM"
	       " (WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1"
	       " FROM r WHERE i < 5000) SELECT i FROM r);"
	       " CREATE TRIGGER big_u AFTER UPDATE ON big BEGIN SELECT 1; END;"
	       " UPDATE big SET x = randomblob(1000);"
	       " DELETE FROM big WHERE rowid % 3 = 0; COMMIT;");
	if (rc != STORE_OK)
		fail_msg("%s", store_errmsg(s));
	store_close(s);
	assert_int_equal(test_file_scalar(path, "SELECT count(*) FROM big"),
			 3334);
	free(path);
	test_rmtree(dir);
	free(dir);
}

static long long file_size(const char *path)
{
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	return (long long)sb.st_size;
}

/* A screen's connection (store_defer_checkpoints): commits that leave
 * 1,000 pages and more in the write-ahead log do not copy them into the
 * database file (SQLite's own checkpoint at 1,000 pages took tens of
 * milliseconds of a key at 100,000 cases); store_idle does, once, and
 * not again until something more was written; a connection that does
 * not defer checkpoints at 1,000 pages as before. */
static void test_checkpoints_wait_for_idle(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	for (int defer = 1; defer >= 0; defer--) {
		char *path = xasprintf("%s/wal%d.db", dir, defer);
		struct store *s = NULL;
		char *err = NULL;
		assert_int_equal(
		    store_open(path, STORE_OPEN_READWRITE | STORE_OPEN_CREATE,
			       &s, &err),
		    STORE_OK);
		assert_int_equal(store_exec(s, "CREATE TABLE t (x BLOB)"),
				 STORE_OK);
		if (defer)
			store_defer_checkpoints(s);
		long long before = file_size(path);
		/* 15 commits of about 100 pages each */
		for (int i = 0; i < 15; i++)
			assert_int_equal(
			    store_exec(s,
				       "WITH RECURSIVE r(i) AS (SELECT 1"
				       " UNION ALL SELECT i + 1 FROM r"
				       " WHERE i < 100)"
				       " INSERT INTO t SELECT randomblob(3900)"
				       " FROM r"),
			    STORE_OK);
		if (defer) {
			assert_int_equal(file_size(path), before);
			assert_true(store_idle(s));
			assert_true(file_size(path) > before + 1400 * 4096);
			assert_false(store_idle(s)); /* nothing new */
			assert_int_equal(
			    store_exec(s, "INSERT INTO t VALUES (1)"),
			    STORE_OK);
			assert_true(store_idle(s));
		} else {
			assert_true(file_size(path) > before + 900 * 4096);
			assert_false(store_idle(s));
		}
		store_close(s);
		free(path);
	}
	test_rmtree(dir);
	free(dir);
}

/* The ids of a list, in its order (at most 8). */
struct ids {
	long long id[8];
	int n;
};

static bool collect_ids(const struct db_case_row *r, void *arg)
{
	struct ids *ids = arg;
	if (ids->n < 8)
		ids->id[ids->n++] = r->id;
	return true;
}

/* Column col of every row of a query on the file, one line each (caller
 * frees; NULL without rows). */
static char *file_text(const char *path, const char *sql, int col)
{
	struct store *conn = test_store_open(path);
	struct store_stmt *st;
	struct strbuf sb = {0};
	assert_int_equal(store_prepare(conn, sql, 0, &st), STORE_OK);
	while (store_step(st) == STORE_ROW)
		strbuf_printf(&sb, "%s\n",
			      store_column_text(st, col)
				  ? store_column_text(st, col)
				  : "");
	store_finalize(st);
	store_close(conn);
	return sb.buf ? strbuf_detach(&sb) : NULL;
}

/* A version-16 database: a page of the case list read every row from the
 * table (scattered over the archive by referral date), and the search
 * kept prefix indexes of one to three letters only. Schema 17 read a
 * page from one index (cases_list) and indexes four-letter prefixes;
 * schema 31 reads it from one range of case_row, and keeps a narrow
 * index of referral dates for the report; the lists and searches answer
 * as before. */
static void test_migration_step_17_list_index(void **state)
{
	(void)state;
	struct test_db t;
	char *err = NULL;
	bool created;
	char *changes;
	/* the list's page query, as db_case.c asked it before schema 31 */
	static const char plan[] =
	    "EXPLAIN QUERY PLAN SELECT c.id, c.external_id, p.pnr,"
	    " p.family_name, p.given_name, p.birth_date, p.sex, c.icd10,"
	    " c.diagnosis_text, c.level, c.priority, c.status,"
	    " c.referral_date, p.region, (SELECT count(*) FROM finding fi"
	    " WHERE fi.case_id = c.id) FROM cases c JOIN patient p"
	    " ON p.id = c.patient_id WHERE 1 AND (c.referral_date, c.id) <"
	    " ('2026-10-29', 9) ORDER BY c.referral_date DESC, c.id DESC"
	    " LIMIT 40";

	test_db_open(&t);
	struct db *db = t.db;
	struct tb_case *a = test_make_case("A-1", "19560312-9809", "Märta");
	struct tb_case *b = test_make_case("B-2", "19710824-9819", "Örjan");
	util_set(&b->referral_date, "2026-09-01");
	util_set(&b->question, "Kemoterapi eller kirurgi?");
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, a, "t", &created, &changes), TB_OK);
	assert_int_equal(db_case_store(db, b, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	db_close(&db);
	test_file_exec(
	    t.path,
	    "DROP INDEX IF EXISTS cases_list; DROP INDEX cases_referral;"
	    "CREATE INDEX cases_referral ON cases(referral_date DESC,"
	    " id DESC);"
	    "DROP TABLE case_fts;"
	    "CREATE VIRTUAL TABLE case_fts USING fts5(external_id, name,"
	    " diagnosis, question, summary, content='',"
	    " tokenize='unicode61 remove_diacritics 2',"
	    " prefix='1 2 3');"
	    "INSERT INTO case_fts(rowid, external_id, name, diagnosis,"
	    " question, summary) SELECT c.id, c.external_id,"
	    " p.given_name || ' ' || p.family_name, c.icd10 || ' ' ||"
	    " c.diagnosis_text, c.question, c.summary FROM cases c"
	    " JOIN patient p ON p.id = c.patient_id;"
	    "ALTER TABLE cases DROP COLUMN lansky;"
	    "ALTER TABLE cases DROP COLUMN lansky_date;"
	    "ALTER TABLE finding DROP COLUMN result;"
	    "DROP TABLE case_fts_word;" TEST_UNDO_23_LOG
	    "PRAGMA user_version = 16");
	char *before = file_text(t.path, plan, 3);
	assert_non_null(before);
	/* the index gives the order, every row then comes from the table */
	if (!strstr(before, "SEARCH c USING INDEX cases_referral"))
		fail_msg("the plan before: %s", before);
	free(before);

	assert_int_equal(db_open(t.path, false, &db, &err), TB_OK);
	assert_int_equal(db_user_version(db), DB_SCHEMA_VERSION);
	char *after = file_text(t.path,
				"EXPLAIN QUERY PLAN SELECT c.id, c.pnr FROM"
				" case_row c WHERE TRUE AND (c.referral_date,"
				" c.id) < ('2026-10-29', 9) AND c.waiting = 0"
				" ORDER BY c.referral_date DESC, c.id DESC"
				" LIMIT 40",
				3);
	assert_non_null(after);
	if (!strstr(after, "SEARCH c USING PRIMARY KEY (waiting=? AND "
			   "(referral_date,id)<(?,?))") ||
	    strstr(after, "B-TREE"))
		fail_msg("a page is no range of case_row: %s", after);
	free(after);
	assert_int_equal(test_file_scalar(t.path,
					  "SELECT count(*) FROM sqlite_master"
					  " WHERE name IN ('cases_list',"
					  " 'cases_queue')"),
			 0);
	char *fts = file_text(t.path,
			      "SELECT sql FROM sqlite_master"
			      " WHERE name = 'case_fts'",
			      0);
	assert_non_null(fts);
	assert_non_null(strstr(fts, "prefix='1 2 3 4'"));
	free(fts);

	/* the searches and the list answer as before */
	static const struct {
		const char *text;
		long long n;
	} searches[] = {
	    {"osim", 1},   {"osimertinib", 1}, {"kemo", 1}, {"åstr", 2},
	    {"astrom", 2}, {"orja", 1},	       {"c34", 2},  {"adenok", 2},
	};
	for (size_t i = 0; i < sizeof(searches) / sizeof(searches[0]); i++) {
		struct db_case_filter f = {.text = searches[i].text};
		long long n = -1;
		assert_int_equal(db_case_count(db, &f, &n), TB_OK);
		if (n != searches[i].n)
			fail_msg("search \"%s\": %lld, want %lld",
				 searches[i].text, n, searches[i].n);
	}
	struct ids got = {0};
	struct db_case_filter all = {.limit = 10};
	assert_int_equal(db_case_list(db, &all, collect_ids, &got), TB_OK);
	assert_int_equal(got.n, 2);
	assert_int_equal(got.id[0], a->id); /* the newer referral first */
	assert_int_equal(got.id[1], b->id);
	db_close(&db);
	model_case_free(&a);
	model_case_free(&b);
	test_db_done(&t);
}

/* Schema 26: a screen of the referral queue was one range of its partial
 * index, which carried the list's columns; since schema 31 it is one
 * range of case_row, the waiting cases' (db_case_row.c): an archive of
 * schema 25 (the index of the order alone, every row
 * then read from the table) opens with the old index gone and its queue
 * as it was. */
static void test_migration_step_26_queue_index(void **state)
{
	(void)state;
	struct test_db t;
	char *err = NULL;
	bool created;
	char *changes;
	/* the queue's screen query, as db_case_list.c asked it on SQLite
	 * before schema 31 */
	static const char plan[] =
	    "EXPLAIN QUERY PLAN SELECT c.id, c.external_id, p.pnr,"
	    " p.family_name, p.given_name, p.birth_date, p.sex, c.icd10,"
	    " c.diagnosis_text, c.level, c.priority, c.status,"
	    " c.referral_date, p.region FROM cases c INDEXED BY cases_queue"
	    " JOIN patient p ON p.id = c.patient_id WHERE TRUE AND c.status"
	    " IN " DB_QUEUE_STATUSES " AND NOT EXISTS (SELECT 1 FROM"
	    " agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE"
	    " a.case_id = c.id AND a.status = 'listed' AND m.status IN"
	    " ('planned','running')) ORDER BY c.referral_date DESC, c.id DESC"
	    " LIMIT 40";

	test_db_open(&t);
	struct db *db = t.db;
	struct tb_case *a = test_make_case("A-1", "19560312-9809", "Märta");
	struct tb_case *b = test_make_case("B-2", "19710824-9819", "Örjan");
	util_set(&b->referral_date, "2026-09-01");
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, a, "t", &created, &changes), TB_OK);
	assert_int_equal(db_case_store(db, b, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	db_close(&db);
	test_file_exec(t.path,
		       "DROP INDEX IF EXISTS cases_queue;"
		       "CREATE INDEX cases_queue ON cases(referral_date"
		       " DESC, id DESC) WHERE status IN " DB_QUEUE_STATUSES ";"
		       "PRAGMA user_version = 25");
	char *before = file_text(t.path, plan, 3);
	assert_non_null(before);
	if (!strstr(before, "SCAN c USING INDEX cases_queue"))
		fail_msg("the plan before: %s", before);
	free(before);

	assert_int_equal(db_open(t.path, false, &db, &err), TB_OK);
	assert_int_equal(db_user_version(db), DB_SCHEMA_VERSION);
	char *after = file_text(
	    t.path,
	    "EXPLAIN QUERY PLAN SELECT c.id, c.external_id, c.pnr,"
	    " c.family_name, c.given_name, c.birth_date, c.sex, c.icd10,"
	    " c.diagnosis_text, c.level, c.priority, c.status,"
	    " c.referral_date, c.region FROM case_row c WHERE TRUE AND"
	    " c.waiting = 1 ORDER BY c.referral_date DESC, c.id DESC LIMIT 40",
	    3);
	assert_non_null(after);
	if (!strstr(after, "SEARCH c USING PRIMARY KEY (waiting=?)") ||
	    strstr(after, "B-TREE"))
		fail_msg("a screen of the queue reads the table: %s", after);
	free(after);
	assert_int_equal(test_file_scalar(t.path,
					  "SELECT count(*) FROM sqlite_master"
					  " WHERE name = 'cases_queue'"),
			 0);
	struct ids got = {0};
	struct db_case_filter queue = {.limit = 10, .queue = true};
	assert_int_equal(db_case_list(db, &queue, collect_ids, &got), TB_OK);
	assert_int_equal(got.n, 2);
	assert_int_equal(got.id[0], a->id); /* the newer referral first */
	assert_int_equal(got.id[1], b->id);
	db_close(&db);
	model_case_free(&a);
	model_case_free(&b);
	test_db_done(&t);
}

/* The search index's b-trees (FTS5 segments) in an archive's file. */
static long long fts_segments(const char *path)
{
	return test_file_scalar(
	    path, "SELECT count(DISTINCT segid) FROM case_fts_idx");
}

/* Schema 30: the search index is written again only when a case's words
 * change. An archive of 29, whose update trigger wrote the case's words
 * at each change of status (a b-tree each), opens with the new triggers
 * and the index merged into one b-tree; a change of status then writes
 * nothing to it, a change of a word does, and the search finds the same
 * cases by the same words. */
static void test_migration_step_30_search_index(void **state)
{
	(void)state;
	struct test_db t;
	char *err = NULL;
	bool created;
	char *changes;

	test_db_open(&t);
	struct db *db = t.db;
	struct tb_case *a = test_make_case("A-1", "19560312-9809", "Märta");
	struct tb_case *b = test_make_case("B-2", "19710824-9819", "Örjan");
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, a, "t", &created, &changes), TB_OK);
	assert_int_equal(db_case_store(db, b, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	db_close(&db);
	for (size_t i = 0; db_case_fts_schema_v29[i]; i++)
		test_file_exec(t.path, db_case_fts_schema_v29[i]);
	static const char *const status[] = {"listed", "discussed", "signed"};
	for (size_t i = 0; i < 3; i++) {
		char *sql = xasprintf("UPDATE cases SET status = '%s'"
				      " WHERE external_id = 'A-1'",
				      status[i]);
		test_file_exec(t.path, sql);
		free(sql);
	}
	test_file_exec(t.path, "PRAGMA user_version = 29");
	long long old = fts_segments(t.path);
	if (old < 4)
		fail_msg("schema 29's trigger wrote %lld b-trees, not 4", old);

	assert_int_equal(db_open(t.path, false, &db, &err), TB_OK);
	assert_int_equal(db_user_version(db), DB_SCHEMA_VERSION);
	assert_int_equal(fts_segments(t.path), 1);
	test_file_exec(t.path, "UPDATE cases SET status = 'communicated'"
			       " WHERE external_id = 'A-1'");
	test_file_exec(t.path,
		       "UPDATE cases SET level = 'national',"
		       " priority = 'urgent' WHERE external_id = 'B-2'");
	test_file_exec(t.path, "UPDATE patient SET given_name = given_name");
	assert_int_equal(fts_segments(t.path), 1);
	test_file_exec(t.path, "UPDATE cases SET question = 'Kirurgi?'"
			       " WHERE external_id = 'B-2'");
	assert_int_equal(fts_segments(t.path), 2);
	static const struct {
		const char *text;
		long long want;
	} search[] = {{"märta", 1}, {"örjan", 1}, {"kirurgi", 1}};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(search); i++) {
		struct db_case_filter f = {.text = search[i].text};
		long long n = -1;
		assert_int_equal(db_case_count(db, &f, &n), TB_OK);
		if (n != search[i].want)
			fail_msg("%s: %lld", search[i].text, n);
	}
	db_close(&db);
	model_case_free(&a);
	model_case_free(&b);
	test_db_done(&t);
}

/* Schema 18: Lansky play-performance beside ECOG. An archive of schema
 * 17 opens with its cases as they were (no Lansky), every seal still
 * holding (a NULL column is not hashed: nothing is resealed), and a
 * child's Lansky is stored and read back; the column takes 0-100 in
 * steps of 10 only. */
static void test_migration_step_18_lansky(void **state)
{
	(void)state;
	struct test_db t;
	bool created;
	char *changes = NULL;
	struct tb_case *back = NULL;
	struct diag d;
	struct db_audit_check chk;
	diag_init(&d);

	test_db_open(&t);
	struct tb_case *a = test_make_case("A-1", "19560312-9809", "Märta");
	test_db_back_to(&t, a,
			"ALTER TABLE cases DROP COLUMN lansky;"
			"ALTER TABLE cases DROP COLUMN lansky_date;"
			"ALTER TABLE finding DROP COLUMN result;"
			"DROP TABLE case_fts_word;" TEST_UNDO_23_LOG
			"PRAGMA user_version = 17");
	struct db *db = t.db;
	assert_int_equal(db_case_load(db, a->id, &back), TB_OK);
	assert_int_equal(back->lansky, -1);
	assert_null(back->lansky_date);
	assert_int_equal(back->ecog, a->ecog);
	model_case_free(&back);

	a->lansky = 70;
	util_set(&a->lansky_date, "2026-11-10");
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, a, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	assert_non_null(changes);
	assert_non_null(strstr(changes, "lansky"));
	free(changes);
	assert_int_equal(db_case_load(db, a->id, &back), TB_OK);
	assert_int_equal(back->lansky, 70);
	assert_string_equal(back->lansky_date, "2026-11-10");
	model_case_free(&back);
	assert_int_equal(db_audit_verify(db, &d, &chk), TB_OK);
	db_close(&db);
	/* the column refuses what is not a Lansky score */
	assert_int_equal(
	    test_file_scalar(t.path,
			     "SELECT count(*) FROM cases WHERE lansky = 70"),
	    1);
	struct store *conn = test_store_open(t.path);
	assert_int_not_equal(store_exec(conn, "UPDATE cases SET lansky = 75"),
			     STORE_OK);
	assert_int_not_equal(store_exec(conn, "UPDATE cases SET lansky = 110"),
			     STORE_OK);
	store_close(conn);
	assert_int_equal(
	    test_file_scalar(t.path,
			     "SELECT count(*) FROM cases WHERE lansky = 70"),
	    1);
	diag_done(&d);
	model_case_free(&a);
	test_db_done(&t);
}

/* Schema 21: a finding's result. An archive of schema 20 opens with its
 * findings as they were (found: result NULL), every seal still holding
 * (a NULL column is not hashed: nothing is resealed); a variant not
 * found is stored as such, read back, and seen as a change of the case;
 * the column takes 'absent' only. */
static void test_migration_step_21_absent(void **state)
{
	(void)state;
	struct test_db t;
	bool created;
	char *changes = NULL;
	struct tb_case *back = NULL;
	struct diag d;
	struct db_audit_check chk;
	diag_init(&d);

	test_db_open(&t);
	struct tb_case *a = test_make_case("A-1", "19560312-9809", "Märta");
	test_db_back_to(
	    &t, a,
	    "ALTER TABLE finding DROP COLUMN result;" TEST_UNDO_23_LOG
	    "PRAGMA user_version = 20");
	struct db *db = t.db;
	assert_int_equal(db_case_load(db, a->id, &back), TB_OK);
	assert_int_equal(back->n_findings, 1);
	assert_false(back->findings[0].absent);
	model_case_free(&back);

	/* KRAS G12C looked for and not found, beside the EGFR found */
	test_add_snv(a, "KRAS", "p.Gly12Cys")->absent = true;
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, a, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	assert_non_null(changes);
	assert_non_null(strstr(changes, "findings"));
	free(changes);
	changes = NULL;
	assert_int_equal(db_case_load(db, a->id, &back), TB_OK);
	assert_int_equal(back->n_findings, 2);
	assert_false(back->findings[0].absent);
	assert_true(back->findings[1].absent);
	assert_string_equal(back->findings[1].hgvs_p, "p.Gly12Cys");
	model_case_free(&back);
	/* found again (the same finding, now present) is a change too */
	a->findings[1].absent = false;
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, a, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	assert_non_null(changes);
	free(changes);
	a->findings[1].absent = true;
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, a, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	free(changes);
	assert_int_equal(db_audit_verify(db, &d, &chk), TB_OK);
	assert_int_equal(d.n, 0);
	db_close(&db);
	assert_int_equal(test_file_scalar(t.path, "SELECT count(*) FROM finding"
						  " WHERE result = 'absent'"),
			 1);
	struct store *conn = test_store_open(t.path);
	assert_int_not_equal(
	    store_exec(conn, "UPDATE finding SET result = 'present'"),
	    STORE_OK);
	store_close(conn);
	assert_int_equal(test_file_scalar(t.path, "SELECT count(*) FROM finding"
						  " WHERE result IS NULL"),
			 1);
	diag_done(&d);
	model_case_free(&a);
	test_db_done(&t);
}

/* Capped counts stop at the cap and say there are more; no filter is
 * counted exactly. A list read inside another list's callback works
 * (the cached statement is in use: a fresh one is prepared). */
struct nested {
	struct db *db;
	int outer, inner;
};

static bool count_inner(const struct db_case_row *r, void *arg)
{
	(void)r;
	((struct nested *)arg)->inner++;
	return true;
}

static bool list_nested(const struct db_case_row *r, void *arg)
{
	struct nested *n = arg;
	(void)r;
	n->outer++;
	/* the same shape as the outer list: the same cached statement */
	struct db_case_filter f = {.limit = 3};
	assert_int_equal(db_case_list(n->db, &f, count_inner, n), TB_OK);
	return true;
}

/* Schema 24: a CHECK against a list of more than two texts as ORs. */
static void test_migration_step_24_checks(void **state)
{
	(void)state;
	static const struct {
		const char *sql, *want; /* want NULL: nothing to rewrite */
	} rw[] = {
	    {"CREATE TABLE t (s TEXT CHECK (s IN ('a','b','c')))",
	     "CREATE TABLE t (s TEXT CHECK ((s = 'a' OR s = 'b' OR s = 'c')))"},
	    {"CREATE TABLE t (s TEXT CHECK (s in  ( 'a' , 'it''s',\n 'c' )),"
	     " u TEXT CHECK (u IN ('x','y','z','w')))",
	     "CREATE TABLE t (s TEXT CHECK ((s = 'a' OR s = 'it''s' OR"
	     " s = 'c')), u TEXT CHECK ((u = 'x' OR u = 'y' OR u = 'z' OR"
	     " u = 'w')))"},
	    /* two texts, NOT IN, numbers, a subquery, IN inside a text */
	    {"CREATE TABLE t (s TEXT CHECK (s IN ('a','b')))", NULL},
	    {"CREATE TABLE t (s TEXT CHECK (s NOT IN ('a','b','c')))", NULL},
	    {"CREATE TABLE t (s INT CHECK (s IN (1, 2, 3)))", NULL},
	    {"CREATE TABLE t (s TEXT CHECK (s IN (SELECT x FROM y)))", NULL},
	    {"CREATE TABLE t (s TEXT DEFAULT 'x IN (''a'',''b'',''c'')')",
	     NULL},
	    {"CREATE TABLE t (s TEXT CHECK (s IN ('a','b','c'", NULL},
	};
	for (size_t i = 0; i < sizeof(rw) / sizeof(rw[0]); i++) {
		char *got = db_checks_rewrite(rw[i].sql);
		if (rw[i].want)
			assert_string_equal(got ? got : "(none)", rw[i].want);
		else if (got)
			fail_msg("rewrote %s as %s", rw[i].sql, got);
		free(got);
	}

	/* an archive at 23, its access log's CHECK as an IN list */
	struct test_db t;
	char *err = NULL;
	test_db_open(&t);
	struct db *db = t.db;
	bool created;
	char *changes = NULL;
	struct tb_case *a = test_make_case("A-1", "19560312-9809", "Märta");
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, a, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	free(changes);
	model_case_free(&a);
	const char *ors =
	    "(relation = ''unchecked'' OR relation = ''agenda'' OR"
	    " relation = ''board'' OR relation = ''referral'' OR"
	    " relation = ''emergency'' OR relation = ''none'')";
	char *has = xasprintf("SELECT count(*) FROM sqlite_master WHERE"
			      " name = 'access_log' AND instr(sql, '%s') > 0",
			      ors);
	assert_int_equal(test_file_scalar(t.path, has), 1); /* a new one */
	db_close(&db);
	char *undo = xasprintf(
	    "PRAGMA writable_schema = ON;"
	    " UPDATE sqlite_master SET sql = replace(sql, '%s',"
	    " 'relation IN (''unchecked'',''agenda'',''board'',''referral'',"
	    "''emergency'',''none'')') WHERE name = 'access_log';"
	    " PRAGMA schema_version = 1000; PRAGMA writable_schema = OFF;"
	    " PRAGMA user_version = 23",
	    ors);
	test_file_exec(t.path, undo);
	free(undo);
	assert_int_equal(
	    test_file_scalar(t.path,
			     "SELECT count(*) FROM sqlite_master"
			     " WHERE name = 'access_log' AND"
			     " sql LIKE '%relation IN (''unchecked''%'"),
	    1);
	assert_int_equal(db_open(t.path, false, &db, &err), TB_OK);
	assert_int_equal(db_user_version(db), DB_SCHEMA_VERSION);
	db_close(&db);
	/* rewritten, seen by a new connection, the file sound */
	assert_int_equal(test_file_scalar(t.path, has), 1);
	free(has);
	assert_true(test_file_scalar(t.path, "PRAGMA schema_version") > 1000);
	/* the same values pass: a relation of the list, and no other */
	struct store *conn = test_store_open(t.path);
#define ROW(relation)                                                          \
	"INSERT INTO access_log (id, at, who, what, patient_id, relation,"     \
	" prev_hash, hash) SELECT 1000000, 'x', 'x', 'x', id, '" relation      \
	"', 'x', 'x' FROM patient LIMIT 1"
	assert_int_equal(store_exec(conn, "BEGIN"), STORE_OK);
	assert_int_not_equal(store_exec(conn, ROW("agenda-")), STORE_OK);
	assert_non_null(strstr(store_errmsg(conn), "CHECK constraint"));
	/* (emergency needs its grant's id) */
	assert_int_not_equal(store_exec(conn, ROW("emergency")), STORE_OK);
	assert_int_equal(store_exec(conn, ROW("referral")), STORE_OK);
	struct store_stmt *n = NULL;
	assert_int_equal(store_prepare(conn,
				       "SELECT count(*) FROM access_log"
				       " WHERE id = 1000000",
				       0, &n),
			 STORE_OK);
	assert_int_equal(store_step(n), STORE_ROW);
	assert_int_equal(store_column_int64(n, 0), 1);
	store_finalize(n);
#undef ROW
	assert_int_equal(store_exec(conn, "ROLLBACK"), STORE_OK);
	store_close(conn);
	assert_int_equal(test_file_scalar(t.path, "SELECT count(*) FROM"
						  " pragma_quick_check"
						  " WHERE quick_check <> 'ok'"),
			 0);
	test_db_done(&t);
}

static void test_capped_counts_and_nested_lists(void **state)
{
	(void)state;
	char *err = NULL;
	struct db *db = NULL;
	bool created;
	char *changes;
	assert_int_equal(db_open(":memory:", false, &db, &err), TB_OK);
	assert_int_equal(db_begin(db), TB_OK);
	for (int i = 0; i < 12; i++) {
		char ext[16], pnr[16];
		snprintf(ext, sizeof(ext), "K-%d", i);
		snprintf(pnr, sizeof(pnr), "194801%02d-9826", i + 1);
		struct tb_case *c = test_make_case(ext, pnr, "Åke");
		if (i % 3 == 0)
			util_set(&c->status, "closed");
		assert_int_equal(db_case_store(db, c, "t", &created, &changes),
				 TB_OK);
		model_case_free(&c);
	}
	assert_int_equal(db_commit(db), TB_OK);
	static const struct {
		struct db_case_filter f;
		long long cap, want;
		bool more;
	} cases[] = {
	    {{0}, 5, 12, false}, /* every case: exact */
	    {{.text = "ake"}, 5, 5, true},
	    {{.text = "ake"}, 12, 12, false},
	    {{.text = "ake"}, 20, 12, false},
	    {{.text = " "}, 5, 12, false}, /* blank: every case */
	    {{.status = "closed"}, 3, 3, true},
	    {{.status = "closed"}, 4, 4, false},
	    {{.queue = true}, 100, 8, false},
	    {{.queue = true}, 7, 7, true},
	    {{.region = "Skåne", .text = "åke"}, 11, 11, true},
	    {{.text = "nobody"}, 5, 0, false},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long long n = -1;
		bool more = !cases[i].more;
		assert_int_equal(db_case_count_capped(db, &cases[i].f,
						      cases[i].cap, &n, &more),
				 TB_OK);
		if (n != cases[i].want || more != cases[i].more)
			fail_msg("count %zu: %lld%s, want %lld%s", i, n,
				 more ? "+" : "", cases[i].want,
				 cases[i].more ? "+" : "");
	}
	long long exact = 0;
	struct db_case_filter q = {.queue = true};
	assert_int_equal(db_case_count(db, &q, &exact), TB_OK);
	assert_int_equal(exact, 8);

	struct nested n = {.db = db};
	struct db_case_filter f = {.limit = 3};
	assert_int_equal(db_case_list(db, &f, list_nested, &n), TB_OK);
	assert_int_equal(n.outer, 3);
	assert_int_equal(n.inner, 9);
	/* and the cached statements still work afterwards */
	n.outer = n.inner = 0;
	assert_int_equal(db_case_list(db, &f, list_nested, &n), TB_OK);
	assert_int_equal(n.outer, 3);
	assert_int_equal(n.inner, 9);
	db_close(&db);
}

static void test_store_load_update(void **state)
{
	(void)state;
	char *err = NULL;
	struct db *db = NULL;
	bool created;
	char *changes = NULL;
	long long id;

	assert_int_equal(db_open(":memory:", false, &db, &err), TB_OK);
	struct tb_case *c = test_make_case("A-1", "19560312-9809", "Märta");
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(
	    db_case_store(db, c, "2026-11-23T09:00:00Z", &created, &changes),
	    TB_OK);
	assert_true(created);
	assert_null(changes);
	assert_int_equal(db_commit(db), TB_OK);

	assert_int_equal(db_case_find(db, "A-1", &id), TB_OK);
	assert_int_equal(db_case_find(db, "nope", &id), TB_NOT_FOUND);
	struct tb_case *back = NULL;
	assert_int_equal(db_case_load(db, id, &back), TB_OK);
	assert_string_equal(back->patient.given_name, "Märta");
	assert_string_equal(back->patient.family_name, "Åström");
	assert_int_equal(back->ecog, 1);
	assert_int_equal(back->n_findings, 1);
	assert_true(back->findings[0].has_vaf);
	assert_true(back->findings[0].vaf > 0.309 &&
		    back->findings[0].vaf < 0.311);
	assert_string_equal(back->findings[0].context, "clinical");
	assert_int_equal(back->n_imaging, 1);
	assert_string_equal(back->imaging[0].source.system, "test");
	assert_null(model_case_diff(c, back));

	/* Same again: no change, no duplicate. */
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(
	    db_case_store(db, c, "2026-11-23T10:00:00Z", &created, &changes),
	    TB_OK);
	assert_false(created);
	assert_null(changes);
	c->ecog = 2;
	c->findings[0].has_vaf = false;
	assert_int_equal(
	    db_case_store(db, c, "2026-11-23T10:00:00Z", &created, &changes),
	    TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	assert_false(created);
	assert_string_equal(changes, "ecog; findings: 1 added, 1 removed");
	free(changes);

	struct db_case_filter all = {0};
	long long n = 0;
	assert_int_equal(db_case_count(db, &all, &n), TB_OK);
	assert_int_equal(n, 1);
	model_case_free(&back);
	assert_int_equal(db_case_load(db, id, &back), TB_OK);
	assert_int_equal(back->ecog, 2);
	assert_false(back->findings[0].has_vaf);
	model_case_free(&back);
	assert_int_equal(db_case_load(db, id + 100, &back), TB_NOT_FOUND);
	assert_null(back);

	model_case_free(&c);
	db_close(&db);
}

/* The interpreter flag is stored, read back, named in the change list;
 * a version-8 database gains the column with the flag off. */
static void test_interpreter_flag(void **state)
{
	(void)state;
	struct test_db t;
	char *err = NULL;
	bool created;
	char *changes = NULL;
	long long id;

	test_db_open(&t);
	struct db *db = t.db;
	struct tb_case *c = test_make_case("A-1", "19560312-9809", "Märta");
	c->patient.interpreter = true;
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, c, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	assert_int_equal(db_case_find(db, "A-1", &id), TB_OK);
	struct tb_case *back = NULL;
	assert_int_equal(db_case_load(db, id, &back), TB_OK);
	assert_true(back->patient.interpreter);
	assert_null(model_case_diff(c, back));
	model_case_free(&back);
	c->patient.interpreter = false;
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, c, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	assert_non_null(changes);
	assert_non_null(strstr(changes, "patient/language"));
	free(changes);
	assert_int_equal(test_file_scalar(t.path, "SELECT count(*) FROM audit"
						  " WHERE detail LIKE "
						  "'%interpreter%'"),
			 1);
	c->patient.interpreter = true;
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, c, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	free(changes);
	db_close(&db);
	test_file_exec(
	    t.path,
	    "ALTER TABLE patient DROP COLUMN interpreter;"
	    "DROP TABLE audit_seal; ALTER TABLE audit DROP COLUMN"
	    " fmt; ALTER TABLE audit DROP COLUMN seals;"
	    "DROP TABLE research_extract;"
	    "DROP TABLE access_review; DROP TABLE access_log;"
	    "DROP TABLE emergency_access; DROP TABLE user_board; DROP "
	    "TABLE user_unit; DROP TABLE user_role; DROP TABLE users;"
	    "DROP TABLE referral_answer; DROP TABLE case_origin;"
	    "DROP INDEX audit_entity; DROP TABLE meeting_live;"
	    "ALTER TABLE cases DROP COLUMN lansky;"
	    "ALTER TABLE cases DROP COLUMN lansky_date;"
	    "ALTER TABLE finding DROP COLUMN result;"
	    "DROP TABLE case_fts_word;" TEST_UNDO_23 "PRAGMA user_version = 8");
	assert_int_equal(db_open(t.path, false, &db, &err), TB_OK);
	assert_int_equal(db_user_version(db), DB_SCHEMA_VERSION);
	assert_int_equal(db_case_load(db, id, &back), TB_OK);
	assert_false(back->patient.interpreter);
	model_case_free(&back);
	db_close(&db);
	model_case_free(&c);
	test_db_done(&t);
}

struct collect {
	int n;
	char ids[8][32];
};

static bool collect(const struct db_case_row *r, void *arg)
{
	struct collect *co = arg;
	snprintf(co->ids[co->n++], 32, "%s", r->external_id);
	return co->n < 8;
}

static void test_list_filters_and_search(void **state)
{
	(void)state;
	char *err = NULL;
	struct db *db = NULL;
	bool created;
	char *changes;
	assert_int_equal(db_open(":memory:", false, &db, &err), TB_OK);
	assert_int_equal(db_begin(db), TB_OK);
	struct tb_case *a = test_make_case("A-1", "19560312-9809", "Märta");
	struct tb_case *b = test_make_case("B-2", "19710824-9819", "Örjan");
	util_set(&b->referral_date, "2026-11-02");
	util_set(&b->level, "national");
	util_set(&b->icd10, "C50.4");
	util_set(&b->question, "Riskreducerande kirurgi vid BRCA1?");
	struct tb_case *c = test_make_case("C-3", "19480130-9826", "Åke");
	util_set(&c->referral_date, "2026-09-01");
	util_set(&c->status, "ready");
	struct tb_case *all[] = {a, b, c};
	for (int i = 0; i < 3; i++)
		assert_int_equal(
		    db_case_store(db, all[i], "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);

	struct collect co = {0};
	struct db_case_filter f = {0};
	assert_int_equal(db_case_list(db, &f, collect, &co), TB_OK);
	assert_int_equal(co.n, 3);
	assert_string_equal(co.ids[0], "B-2"); /* newest referral first */
	assert_string_equal(co.ids[2], "C-3");

	memset(&co, 0, sizeof(co));
	f = (struct db_case_filter){.limit = 1, .offset = 1};
	db_case_list(db, &f, collect, &co);
	assert_int_equal(co.n, 1);
	assert_string_equal(co.ids[0], "A-1");

	/* Keyset paging around A-1 (2026-10-28): B-2 is before it in list
	 * order, C-3 after it. */
	long long a_id;
	assert_int_equal(db_case_find(db, "A-1", &a_id), TB_OK);
	struct {
		int mode;
		const char *want[3];
	} keyset[] = {
	    {DB_KEY_FROM, {"A-1", "C-3", NULL}},
	    {DB_KEY_AFTER, {"C-3", NULL, NULL}},
	    {DB_KEY_BEFORE, {"B-2", NULL, NULL}},
	    {DB_KEY_LAST, {"C-3", "A-1", "B-2"}},
	};
	for (size_t k = 0; k < sizeof(keyset) / sizeof(keyset[0]); k++) {
		memset(&co, 0, sizeof(co));
		f = (struct db_case_filter){.key_mode = keyset[k].mode,
					    .key_date = "2026-10-28",
					    .key_id = a_id};
		assert_int_equal(db_case_list(db, &f, collect, &co), TB_OK);
		int want = 0;
		while (want < 3 && keyset[k].want[want])
			want++;
		assert_int_equal(co.n, want);
		for (int i = 0; i < want; i++)
			assert_string_equal(co.ids[i], keyset[k].want[i]);
	}
	/* With a search the key is the id alone, newest registered first. */
	memset(&co, 0, sizeof(co));
	f = (struct db_case_filter){.text = "Åström"};
	db_case_list(db, &f, collect, &co);
	assert_int_equal(co.n, 3);
	assert_string_equal(co.ids[0], "C-3");
	memset(&co, 0, sizeof(co));
	f.key_mode = DB_KEY_AFTER;
	f.key_id = a_id + 1; /* B-2 */
	db_case_list(db, &f, collect, &co);
	assert_int_equal(co.n, 1);
	assert_string_equal(co.ids[0], "A-1");

	long long n;
	f = (struct db_case_filter){.level = "national"};
	db_case_count(db, &f, &n);
	assert_int_equal(n, 1);
	f = (struct db_case_filter){.icd10_prefix = "C34"};
	db_case_count(db, &f, &n);
	assert_int_equal(n, 2);
	f = (struct db_case_filter){.status = "ready"};
	db_case_count(db, &f, &n);
	assert_int_equal(n, 1);
	f = (struct db_case_filter){.region = "Skåne"};
	db_case_count(db, &f, &n);
	assert_int_equal(n, 3);
	/* Full text: prefix, diacritics kept, punctuation harmless. */
	f = (struct db_case_filter){.text = "riskreduc"};
	db_case_count(db, &f, &n);
	assert_int_equal(n, 1);
	f = (struct db_case_filter){.text = "Örjan"};
	db_case_count(db, &f, &n);
	assert_int_equal(n, 1);
	f = (struct db_case_filter){.text = "\"BRCA1?\" OR (x"};
	assert_int_equal(db_case_count(db, &f, &n), TB_OK);
	assert_int_equal(n, 0);
	/* A renamed patient is found under the new name only. */
	util_set(&b->patient.given_name, "Östen");
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, b, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	assert_string_equal(changes, "patient/name");
	free(changes);
	f = (struct db_case_filter){.text = "Östen"};
	db_case_count(db, &f, &n);
	assert_int_equal(n, 1);
	f = (struct db_case_filter){.text = "Örjan"};
	db_case_count(db, &f, &n);
	assert_int_equal(n, 0);

	for (int i = 0; i < 3; i++)
		model_case_free(&all[i]);
	db_close(&db);
}

/* test_open_waits_for_a_writer's other process: holds the whole file for
 * 300 ms from the byte it writes to ready. */
static int hold_file(const char *path, int ready)
{
	struct store *s = NULL;
	char *e = NULL;
	if (store_open(path, STORE_OPEN_READWRITE, &s, &e) != STORE_OK ||
	    store_exec(s, "PRAGMA locking_mode = EXCLUSIVE;"
			  " BEGIN EXCLUSIVE; COMMIT;") != STORE_OK ||
	    write(ready, "x", 1) != 1) {
		free(e);
		store_close(s);
		return 2;
	}
	struct timespec ts = {0, 300 * 1000000L};
	nanosleep(&ts, NULL);
	store_close(s);
	return 0;
}

/* Opening waits for another connection's write like every statement
 * after it: the open's own settings (the write-ahead log) go through the
 * busy handler, where they once failed at once ("cannot configure
 * database: database is locked"). */
static void test_open_waits_for_a_writer(void **state)
{
	(void)state;
	struct test_db t;
	char *err = NULL;
	int ready[2];

	test_db_open(&t);
	struct db *db = t.db;
	db_close(&db);
	assert_int_equal(pipe(ready), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int rc = hold_file(t.path, ready[1]);
		free(t.path);
		free(t.dir);
		_exit(rc);
	}
	char c;
	close(ready[1]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	db_set_busy(10, NULL);
	enum tb_status st = db_open_existing(t.path, &db, &err);
	if (st != TB_OK)
		fail_msg("%s", err ? err : "open failed");
	assert_null(err);
	db_close(&db);
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	db_set_busy(DB_BUSY_TIMEOUT_DEFAULT, NULL);
	test_db_done(&t);
}

/* An audit entry outside a transaction is a broken invariant (the entry
 * and the change it records could part): the assertion stops the program,
 * in every build. */
static void test_audit_outside_a_transaction_aborts(void **state)
{
	(void)state;
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct db *db = NULL;
		char *err = NULL;
		/* the assertion's message is expected: keep it off the log */
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		if (db_open(":memory:", false, &db, &err) != TB_OK)
			_exit(2);
		db_audit_append(db, "chair", "create", "case", 1, "imported");
		_exit(0);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

static void test_audit_chain_and_immutability(void **state)
{
	(void)state;
	struct test_db t;

	test_db_open(&t);
	struct db *db = t.db;
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(
	    db_audit_append(db, "chair", "create", "case", 1, "imported"),
	    TB_OK);
	assert_int_equal(
	    db_audit_append(db, "chair", "update", "case", 1, "ecog"), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	db_close(&db);
	assert_int_equal(test_file_scalar(t.path,
					  "SELECT count(*) FROM audit a JOIN"
					  " audit b ON b.id = a.id + 1 WHERE"
					  " b.prev_hash = a.hash"),
			 1);
	assert_int_equal(test_file_scalar(t.path,
					  "SELECT count(*) FROM audit WHERE"
					  " id = 1 AND prev_hash = 'genesis'"
					  " AND length(hash) = 64"),
			 1);
	struct store *conn;
	conn = test_store_open(t.path);
	assert_int_not_equal(store_exec(conn, "UPDATE audit SET detail='x'"),
			     STORE_OK);
	assert_int_not_equal(store_exec(conn, "DELETE FROM audit"), STORE_OK);
	store_close(conn);
	assert_int_equal(test_file_scalar(t.path, "SELECT count(*) FROM audit"),
			 2);
	test_db_done(&t);
}

/* The bytes a record hash is taken over are part of the archive's format:
 * verify recomputes them for every record ever sealed. These hashes were
 * computed by the first serialisation (printf); a faster one must give
 * the same. */
static void test_record_hash_format(void **state)
{
	(void)state;
	struct test_db t;
	bool created;
	char *changes = NULL;

	test_db_open(&t);
	struct db *db = t.db;
	struct tb_case *c = test_make_case("A-1", "19560312-9809", "Märta");
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(
	    db_case_store(db, c, "2026-11-23T09:00:00Z", &created, &changes),
	    TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	model_case_free(&c);
	db_close(&db);

	struct store *conn;
	struct store_stmt *st;
	conn = test_store_open(t.path);
	assert_int_equal(
	    store_prepare(conn,
			  "SELECT group_concat(entity || ' ' || entity_id"
			  " || ' ' || hash, ';') FROM (SELECT * FROM"
			  " audit_seal ORDER BY entity, entity_id)",
			  0, &st),
	    STORE_OK);
	assert_int_equal(store_step(st), STORE_ROW);
	assert_string_equal(
	    store_column_text(st, 0),
	    "case 1 "
	    "7c200f80427dfc33d8b8d17a9499ecbb6424e337ce431545fb3f9d4d3774e973;"
	    "patient 1 "
	    "30ac09640d0c48fbe2b55a1395fd744a8427f85e2a3328fdf6e0dba58946a0b2");
	store_finalize(st);
	store_close(conn);
	test_db_done(&t);
}

struct agenda_seen {
	int n;
	long long cases[8];
	int positions[8];
};

static bool see_item(const struct db_agenda_row *r, void *arg)
{
	struct agenda_seen *a = arg;
	a->cases[a->n] = r->case_id;
	a->positions[a->n++] = r->position;
	return true;
}

static bool count_meeting(const struct tb_meeting *m, void *arg)
{
	(void)m;
	(*(int *)arg)++;
	return true;
}

static void test_meetings_and_agenda(void **state)
{
	(void)state;
	struct db *db = NULL;
	char *err = NULL;
	bool created;
	char *changes;
	assert_int_equal(db_open(":memory:", false, &db, &err), TB_OK);
	struct tb_case *a = test_make_case("A-1", "19560312-9809", "Märta");
	struct tb_case *b = test_make_case("B-2", "19710824-9819", "Örjan");
	util_set(&b->status, "signed");
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, a, "t", &created, &changes), TB_OK);
	assert_int_equal(db_case_store(db, b, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);

	struct tb_meeting m = {.length_min = 60};
	strcpy(m.date, "2026-11-26");
	strcpy(m.start_time, "14:00");
	strcpy(m.board, "lung");
	strcpy(m.level, "regional");
	assert_int_equal(db_meeting_create(db, &m), TB_OK);
	assert_true(m.id > 0);
	struct tb_meeting bad = m;
	strcpy(bad.level, "county");
	strcpy(bad.start_time, "16:00"); /* not the same time: no clash */
	assert_int_equal(db_meeting_create(db, &bad), TB_DB);

	const char *why = NULL;
	assert_int_equal(db_agenda_add(db, m.id, a->id, "Dr X", 0, &why),
			 TB_OK);
	assert_int_equal(db_agenda_add(db, m.id, b->id, NULL, 10, &why), TB_OK);
	assert_int_equal(db_agenda_add(db, m.id, a->id, NULL, 0, &why),
			 TB_INVALID);
	assert_non_null(why);
	assert_int_equal(db_agenda_add(db, m.id + 5, a->id, NULL, 0, &why),
			 TB_NOT_FOUND); /* no such meeting */

	struct agenda_seen seen = {0};
	assert_int_equal(db_agenda_list(db, m.id, see_item, &seen), TB_OK);
	assert_int_equal(seen.n, 2);
	assert_int_equal(seen.cases[0], a->id);
	assert_int_equal(seen.positions[1], 2);

	struct tb_meeting got;
	assert_int_equal(db_meeting_get(db, m.id, &got), TB_OK);
	assert_int_equal(got.n_cases, 2);
	assert_string_equal(got.status, "planned");
	assert_int_equal(db_meeting_get(db, m.id + 5, &got), TB_NOT_FOUND);
	int n = 0;
	assert_int_equal(db_meeting_list(db, count_meeting, &n), TB_OK);
	assert_int_equal(n, 1);

	/* Move the second case first; remove it with a reason; add it
	 * again (the removed row comes back, last). */
	assert_int_equal(db_agenda_move(db, m.id, b->id, 1), TB_OK);
	memset(&seen, 0, sizeof(seen));
	db_agenda_list(db, m.id, see_item, &seen);
	assert_int_equal(seen.cases[0], b->id);
	assert_int_equal(seen.positions[0], 1);
	assert_int_equal(seen.positions[1], 2);
	assert_int_equal(db_agenda_move(db, m.id, b->id + 50, 1), TB_NOT_FOUND);
	assert_int_equal(
	    db_agenda_remove(db, m.id, a->id, "Ny DT bokad", NULL, 0), TB_OK);
	assert_int_equal(db_agenda_remove(db, m.id, a->id, "x", NULL, 0),
			 TB_NOT_FOUND);
	memset(&seen, 0, sizeof(seen));
	db_agenda_list(db, m.id, see_item, &seen);
	assert_int_equal(seen.n, 1);
	assert_int_equal(seen.positions[0], 1);
	struct tb_case *gone = NULL;
	assert_int_equal(db_case_load(db, a->id, &gone), TB_OK);
	assert_string_equal(gone->status, "referred");
	model_case_free(&gone);
	assert_int_equal(db_agenda_add(db, m.id, a->id, NULL, 0, &why), TB_OK);
	memset(&seen, 0, sizeof(seen));
	db_agenda_list(db, m.id, see_item, &seen);
	assert_int_equal(seen.n, 2);
	assert_int_equal(seen.cases[1], a->id);
	assert_int_equal(seen.positions[1], 2);

	/* Listing moves a referred case to "listed", not a signed one. */
	struct tb_case *back = NULL;
	assert_int_equal(db_case_load(db, a->id, &back), TB_OK);
	assert_string_equal(back->status, "listed");
	model_case_free(&back);
	assert_int_equal(db_case_load(db, b->id, &back), TB_OK);
	assert_string_equal(back->status, "signed");
	model_case_free(&back);

	model_case_free(&a);
	model_case_free(&b);
	db_close(&db);
}

/* The count and the first screen at once give what the count and the list
 * give apart: the same rows in the same order, the same capped count; for
 * a search alone (read once from the index) and for other filters. */
static void test_list_counted(void **state)
{
	(void)state;
	char *err = NULL;
	struct db *db = NULL;
	bool created;
	char *changes;
	assert_int_equal(db_open(":memory:", false, &db, &err), TB_OK);
	assert_int_equal(db_begin(db), TB_OK);
	for (int i = 0; i < 9; i++) {
		char ext[16], pnr[16];
		snprintf(ext, sizeof(ext), "L-%d", i);
		snprintf(pnr, sizeof(pnr), "194801%02d-9826", i + 1);
		struct tb_case *c =
		    test_make_case(ext, pnr, i % 2 ? "Åke" : "Eva");
		if (i % 3 == 0)
			util_set(&c->status, "closed");
		assert_int_equal(db_case_store(db, c, "t", &created, &changes),
				 TB_OK);
		model_case_free(&c);
	}
	assert_int_equal(db_commit(db), TB_OK);
	static const struct db_case_filter filters[] = {
	    {.text = "ake", .limit = 3},
	    {.text = "ÅSTRÖM", .limit = 8},
	    {.text = "eva", .limit = 8},
	    {.text = "nobody", .limit = 3},
	    {.status = "closed", .limit = 2},
	    {.limit = 4},
	    {.text = "ake", .queue = true, .limit = 3},
	};
	for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
		for (long long cap = 2; cap <= 10; cap += 4) {
			struct collect a = {0}, b = {0};
			long long na = -1, nb = -2;
			bool ma = false, mb = true;
			assert_int_equal(db_case_list_counted(db, &filters[i],
							      cap, collect, &a,
							      &na, &ma),
					 TB_OK);
			assert_int_equal(db_case_count_capped(db, &filters[i],
							      cap, &nb, &mb),
					 TB_OK);
			assert_int_equal(
			    db_case_list(db, &filters[i], collect, &b), TB_OK);
			if (na != nb || ma != mb || a.n != b.n)
				fail_msg("filter %zu cap %lld: %lld%s %d rows, "
					 "want %lld%s %d rows",
					 i, cap, na, ma ? "+" : "", a.n, nb,
					 mb ? "+" : "", b.n);
			for (int r = 0; r < a.n; r++)
				assert_string_equal(a.ids[r], b.ids[r]);
		}
	}
	db_close(&db);
}

/* A deferral or a not-discussed undone: the case is listed again, and a
 * deferred case comes off the meeting it went to; audited; nothing to
 * undo is TB_NOT_FOUND. */
static void test_agenda_unmark(void **state)
{
	(void)state;
	struct db *db = NULL;
	char *err = NULL;
	bool created;
	char *changes;
	assert_int_equal(db_open(":memory:", false, &db, &err), TB_OK);
	struct tb_case *a = test_make_case("A-1", "19560312-9809", "Märta");
	struct tb_case *b = test_make_case("B-2", "19710824-9819", "Örjan");
	assert_int_equal(db_begin(db), TB_OK);
	assert_int_equal(db_case_store(db, a, "t", &created, &changes), TB_OK);
	assert_int_equal(db_case_store(db, b, "t", &created, &changes), TB_OK);
	assert_int_equal(db_commit(db), TB_OK);
	struct tb_meeting m = {.length_min = 60}, next;
	strcpy(m.date, "2026-11-26");
	strcpy(m.start_time, "14:00");
	strcpy(m.board, "lung");
	strcpy(m.level, "regional");
	next = m;
	strcpy(next.date, "2026-12-03");
	assert_int_equal(db_meeting_create(db, &m), TB_OK);
	assert_int_equal(db_meeting_create(db, &next), TB_OK);
	const char *why = NULL;
	assert_int_equal(db_agenda_add(db, m.id, a->id, NULL, 0, &why), TB_OK);
	assert_int_equal(db_agenda_add(db, m.id, b->id, NULL, 0, &why), TB_OK);
	assert_int_equal(db_meeting_start(db, m.id), TB_OK);

	/* nothing to undo yet */
	assert_int_equal(db_agenda_unmark(db, m.id, a->id, 0), TB_NOT_FOUND);

	assert_int_equal(db_agenda_transfer(db, m.id, a->id, next.id, "PET-CT",
					    true, NULL, NULL, 0, NULL),
			 TB_OK);
	struct agenda_seen seen = {0};
	db_agenda_list(db, next.id, see_item, &seen);
	assert_int_equal(seen.n, 1);
	assert_int_equal(db_agenda_unmark(db, m.id, a->id, next.id), TB_OK);
	memset(&seen, 0, sizeof(seen));
	db_agenda_list(db, next.id, see_item, &seen);
	assert_int_equal(seen.n, 0);
	struct tb_case *back = NULL;
	assert_int_equal(db_case_load(db, a->id, &back), TB_OK);
	assert_string_equal(back->status, "listed");
	model_case_free(&back);
	/* listed again: it can be marked, and undone once only */
	assert_int_equal(db_agenda_mark(db, m.id, a->id, "not-discussed", ""),
			 TB_OK);
	assert_int_equal(db_agenda_unmark(db, m.id, a->id, 0), TB_OK);
	assert_int_equal(db_agenda_unmark(db, m.id, a->id, 0), TB_NOT_FOUND);
	assert_int_equal(db_case_load(db, a->id, &back), TB_OK);
	assert_string_equal(back->status, "listed");
	model_case_free(&back);
	/* a discussed case is not undone */
	assert_int_equal(db_agenda_mark(db, m.id, b->id, "discussed", ""),
			 TB_OK);
	assert_int_equal(db_agenda_unmark(db, m.id, b->id, 0), TB_NOT_FOUND);
	model_case_free(&a);
	model_case_free(&b);
	db_close(&db);
}

/* A temporary trigger made expires every statement prepared before it
 * (SQLite prepares each again at its next step): store_renew prepares
 * one again at once, with the values bound to it, and leaves alone one
 * that is running, whose rows go on. */
static void test_statements_renewed(void **state)
{
	(void)state;
	struct store *conn = test_store_open(":memory:");
	struct store_stmt *one, *all, *kept;
	assert_int_equal(store_exec(conn,
				    "CREATE TABLE t (v INTEGER);"
				    " INSERT INTO t VALUES (1), (2), (3)"),
			 STORE_OK);
	assert_int_equal(store_prepare(conn,
				       "SELECT v * 10 FROM t WHERE v = ?1",
				       STORE_PERSISTENT, &one),
			 STORE_OK);
	assert_int_equal(
	    store_prepare(conn, "SELECT v FROM t ORDER BY v", 0, &all),
	    STORE_OK);
	assert_int_equal(
	    store_prepare(conn, "SELECT count(*) FROM t", 0, &kept), STORE_OK);
	store_bind_int64(one, 1, 2);
	assert_int_equal(store_step(all), STORE_ROW);
	assert_int_equal(store_column_int(all, 0), 1);
	assert_int_equal(store_exec(conn, "CREATE TEMP TRIGGER tw AFTER INSERT"
					  " ON main.t BEGIN SELECT 1; END"),
			 STORE_OK);
	assert_int_equal(store_renew(one), STORE_OK);
	assert_int_equal(store_renew(all), STORE_OK);
	assert_int_equal(store_renew(kept), STORE_OK);
	assert_int_equal(store_renew(NULL), STORE_OK);
	/* the running one: its next rows */
	assert_int_equal(store_step(all), STORE_ROW);
	assert_int_equal(store_column_int(all, 0), 2);
	assert_int_equal(store_step(all), STORE_ROW);
	assert_int_equal(store_column_int(all, 0), 3);
	assert_int_equal(store_step(all), STORE_DONE);
	/* the value bound before, kept */
	assert_int_equal(store_step(one), STORE_ROW);
	assert_int_equal(store_column_int(one, 0), 20);
	assert_int_equal(store_step(one), STORE_DONE);
	assert_int_equal(store_step(kept), STORE_ROW);
	assert_int_equal(store_column_int(kept, 0), 3);
	/* and after the trigger fires */
	store_reset(kept);
	assert_int_equal(store_exec(conn, "INSERT INTO t VALUES (4)"),
			 STORE_OK);
	assert_int_equal(store_step(kept), STORE_ROW);
	assert_int_equal(store_column_int(kept, 0), 4);
	store_finalize(one);
	store_finalize(all);
	store_finalize(kept);
	store_close(conn);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_engine_of_database_argument),
	    cmocka_unit_test(test_open_creates_private_file),
	    cmocka_unit_test(test_open_waits_for_a_writer),
	    cmocka_unit_test(test_newer_database_refused),
	    cmocka_unit_test(test_pragmas_and_strict),
	    cmocka_unit_test(test_migration_step_2_builds_search_index),
	    cmocka_unit_test(test_store_load_update),
	    cmocka_unit_test(test_interpreter_flag),
	    cmocka_unit_test(test_list_filters_and_search),
	    cmocka_unit_test(test_migration_step_7_folds_and_counts),
	    cmocka_unit_test(test_migration_step_17_list_index),
	    cmocka_unit_test(test_migration_step_26_queue_index),
	    cmocka_unit_test(test_migration_step_30_search_index),
	    cmocka_unit_test(test_migration_step_18_lansky),
	    cmocka_unit_test(test_migration_step_21_absent),
	    cmocka_unit_test(test_migration_step_24_checks),
	    cmocka_unit_test(test_large_statement_in_a_transaction),
	    cmocka_unit_test(test_statements_renewed),
	    cmocka_unit_test(test_checkpoints_wait_for_idle),
	    cmocka_unit_test(test_capped_counts_and_nested_lists),
	    cmocka_unit_test(test_list_counted),
	    cmocka_unit_test(test_audit_chain_and_immutability),
	    cmocka_unit_test(test_record_hash_format),
	    cmocka_unit_test(test_audit_outside_a_transaction_aborts),
	    cmocka_unit_test(test_meetings_and_agenda),
	    cmocka_unit_test(test_agenda_unmark),
	};
	clock_set_fixed(1795424400); /* 2026-11-23T09:00:00Z */
	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}

/*
 * db_schema_pg — the schema on PostgreSQL, from the same steps as on
 * SQLite (migrations[] in db.c and the schema arrays of db_audit.c,
 * db_user.c, db_access.c, db_extract.c): each statement of a step as
 * store_pg_sql_ddl() turns it, then that step's PostgreSQL pieces below,
 * where SQLite's own features have their counterparts:
 *
 *   tb_refuse()        the function every append-only guard calls (the
 *                      guards themselves come from the SQLite steps)
 *   case_fts           full-text search of the cases: one row per case
 *                      (rowid = cases.id) with a tsvector of the same
 *                      words as SQLite's FTS5 table (tb_fts_doc: split
 *                      and folded as unicode61 does, store_pg_fts.c),
 *                      GIN index; kept by triggers on cases and patient;
 *                      "case_fts MATCH ?" is rewritten to
 *                      "case_fts.doc @@ case_fts_query(?)"
 *   decision_fts       the same for signed decisions (their content)
 *                      (tb_fts_fold: PL/pgSQL since step 22)
 *   case_count         kept by triggers, as on SQLite
 *   tb_watch_TABLE     on every table whose rows are sealed into the
 *                      audit chain: records the touched record in the
 *                      connection's temporary tb_dirty, where it exists
 *                      (db_audit_watch makes it; SQLite does the same
 *                      with temporary triggers, which PostgreSQL lacks)
 *
 * and the privileges of the application role, tumorboard_app (a role the
 * server's administrator creates and grants to the accounts that run
 * tumorboard): every table may be read and written, except that the
 * append-only tables (the audit log and its seals, the access log and
 * its reviews, signed decisions, the record of research extracts) may
 * only be read and added to — UPDATE, DELETE and TRUNCATE are revoked, so
 * that even with the guards dropped by their owner the application
 * cannot change them. The schema's owner (the role that creates it)
 * keeps every right; the program runs as the application role.
 */
#include "db_schema_pg.h"

#include <stdlib.h>

#include "db_internal.h"
#include "i18n.h"
#include "store.h"
#include "store_pg_sql.h"
#include "util.h"

/* Before the first step. */
static const char *const pg_prelude[] = {
    "CREATE OR REPLACE FUNCTION tb_refuse() RETURNS trigger LANGUAGE plpgsql"
    " AS $$" STORE_PG_REFUSE_BODY "$$",
    NULL};

/* Step 2: full-text search over the cases (SQLite: case_fts, FTS5). */
static const char *const pg_v2[] = {
    "CREATE TABLE case_fts ("
    " rowid BIGINT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,"
    " doc tsvector NOT NULL)",
    "CREATE INDEX case_fts_doc ON case_fts USING gin (doc)",
    /* the words of a case, column by column as SQLite's index holds
     * them (remove_diacritics 2) */
    "CREATE FUNCTION tb_case_words(c cases) RETURNS tsvector LANGUAGE sql"
    " STABLE AS $$ SELECT tb_fts_doc(ARRAY[c.external_id,"
    " p.given_name || ' ' || p.family_name,"
    " c.icd10 || ' ' || c.diagnosis_text, c.question, c.summary], true)"
    " FROM patient p WHERE p.id = c.patient_id $$",
    "CREATE FUNCTION tb_case_fts() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN INSERT INTO case_fts (rowid, doc)"
    " VALUES (NEW.id, tb_case_words(NEW))"
    " ON CONFLICT (rowid) DO UPDATE SET doc = EXCLUDED.doc;"
    " RETURN NULL; END $$",
    "CREATE TRIGGER case_fts_iu AFTER INSERT OR UPDATE ON cases"
    " FOR EACH ROW EXECUTE FUNCTION tb_case_fts()",
    "CREATE FUNCTION tb_patient_fts() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN UPDATE case_fts f SET doc = tb_case_words(c) FROM cases c"
    " WHERE c.patient_id = NEW.id AND f.rowid = c.id; RETURN NULL; END $$",
    "CREATE TRIGGER patient_fts_u AFTER UPDATE OF given_name, family_name"
    " ON patient FOR EACH ROW EXECUTE FUNCTION tb_patient_fts()",
    "INSERT INTO case_fts (rowid, doc) SELECT c.id, tb_case_words(c)"
    " FROM cases c",
    NULL};

/* Step 3: signed decisions searchable (SQLite: decision_fts). */
static const char *const pg_v3[] = {
    "CREATE TABLE decision_fts ("
    " rowid BIGINT PRIMARY KEY REFERENCES decision(id),"
    " doc tsvector NOT NULL)",
    "CREATE INDEX decision_fts_doc ON decision_fts USING gin (doc)",
    "CREATE FUNCTION tb_decision_fts() RETURNS trigger LANGUAGE plpgsql"
    " AS $$ BEGIN INSERT INTO decision_fts (rowid, doc) VALUES (NEW.id,"
    " tb_fts_doc(ARRAY[NEW.content], false)); RETURN NULL; END $$",
    "CREATE TRIGGER decision_fts_i AFTER INSERT ON decision"
    " FOR EACH ROW EXECUTE FUNCTION tb_decision_fts()",
    NULL};

/* Step 7: the number of cases kept by triggers. (The FTS index built
 * again with prefix indexes has nothing to do here: a tsquery prefix
 * search uses the GIN index as it is.) */
static const char *const pg_v7[] = {
    "CREATE FUNCTION tb_case_count() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN UPDATE case_count SET n = n + CASE WHEN TG_OP = 'INSERT'"
    " THEN 1 ELSE -1 END; RETURN NULL; END $$",
    "CREATE TRIGGER case_count_i AFTER INSERT ON cases"
    " FOR EACH ROW EXECUTE FUNCTION tb_case_count()",
    "CREATE TRIGGER case_count_d AFTER DELETE ON cases"
    " FOR EACH ROW EXECUTE FUNCTION tb_case_count()",
    NULL};

/* Step 23: the access log's mark (access_log_indexed.upto, how far its
 * lookups reach) moves only as a catch-up moves it, on to the newest
 * entry and over entries that are in both lookups. Queries read the
 * entries past it one by one: a mark moved on over entries that are not
 * in the lookups would hide them from a patient's extract, and the
 * application role must update it (tumorboard_app; the owner is not
 * stopped). One row, never added or taken away. */
static const char *const pg_v23[] = {
    "CREATE FUNCTION tb_access_mark_guard() RETURNS trigger LANGUAGE"
    " plpgsql AS $$ BEGIN"
    " IF TG_OP <> 'UPDATE' THEN RAISE EXCEPTION"
    " 'the access log''s lookups have one mark'; END IF;"
    " IF NEW.upto < OLD.upto OR NEW.upto > (SELECT coalesce(max(id), 0)"
    " FROM access_log) OR EXISTS (SELECT 1 FROM access_log a"
    " WHERE a.id > OLD.upto AND a.id <= NEW.upto AND (NOT EXISTS"
    " (SELECT 1 FROM access_log_by_patient l WHERE l.patient_id ="
    " a.patient_id AND l.id = a.id) OR (a.case_id IS NOT NULL AND NOT"
    " EXISTS (SELECT 1 FROM access_log_by_case l WHERE l.case_id ="
    " a.case_id AND l.id = a.id)))) THEN RAISE EXCEPTION"
    " 'the access log''s lookups'' mark moves only over entries in"
    " them'; END IF; RETURN NEW; END $$",
    "CREATE TRIGGER access_log_indexed_guard BEFORE INSERT OR UPDATE OR"
    " DELETE ON access_log_indexed FOR EACH ROW EXECUTE FUNCTION"
    " tb_access_mark_guard()",
    NULL};

/* Step 25: the mark's guard looks each entry it passes up in the two
 * lookups by their keys. Step 23's NOT EXISTS under an OR was planned as
 * a hash of each whole lookup (a sequential read of both, every time the
 * mark moved: 20 ms at 27,000 entries for the 300 passed, and growing
 * with the log, at every pause of a screen that logged a read); OFFSET 0
 * keeps each as a probe of its primary key, some 2 ms for the same 300
 * whatever the log's size. The same entries pass and the same are
 * refused. */
static const char *const pg_v25[] = {
    "CREATE OR REPLACE FUNCTION tb_access_mark_guard() RETURNS trigger"
    " LANGUAGE plpgsql AS $$ BEGIN"
    " IF TG_OP <> 'UPDATE' THEN RAISE EXCEPTION"
    " 'the access log''s lookups have one mark'; END IF;"
    " IF NEW.upto < OLD.upto OR NEW.upto > (SELECT coalesce(max(id), 0)"
    " FROM access_log) OR EXISTS (SELECT 1 FROM access_log a"
    " WHERE a.id > OLD.upto AND a.id <= NEW.upto AND (NOT EXISTS"
    " (SELECT 1 FROM access_log_by_patient l WHERE l.patient_id ="
    " a.patient_id AND l.id = a.id OFFSET 0) OR (a.case_id IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM access_log_by_case l WHERE l.case_id"
    " = a.case_id AND l.id = a.id OFFSET 0)))) THEN RAISE EXCEPTION"
    " 'the access log''s lookups'' mark moves only over entries in"
    " them'; END IF; RETURN NEW; END $$",
    NULL};

/* Step 30: a case's words made again only when one of them changed (as
 * on SQLite, db_case_fts.c): every change of a case's status made its
 * tsvector and wrote a new version of its row of case_fts, and of the
 * GIN index, three or four times for each case a board decides. */
static const char *const pg_v30[] = {
    "DROP TRIGGER case_fts_iu ON cases",
    "CREATE TRIGGER case_fts_i AFTER INSERT ON cases"
    " FOR EACH ROW EXECUTE FUNCTION tb_case_fts()",
    "CREATE TRIGGER case_fts_u AFTER UPDATE OF external_id, patient_id,"
    " icd10, diagnosis_text, question, summary ON cases FOR EACH ROW"
    " WHEN (OLD.external_id IS DISTINCT FROM NEW.external_id OR"
    " OLD.patient_id IS DISTINCT FROM NEW.patient_id OR OLD.icd10 IS"
    " DISTINCT FROM NEW.icd10 OR OLD.diagnosis_text IS DISTINCT FROM"
    " NEW.diagnosis_text OR OLD.question IS DISTINCT FROM NEW.question OR"
    " OLD.summary IS DISTINCT FROM NEW.summary)"
    " EXECUTE FUNCTION tb_case_fts()",
    "DROP TRIGGER patient_fts_u ON patient",
    "CREATE TRIGGER patient_fts_u AFTER UPDATE OF given_name, family_name"
    " ON patient FOR EACH ROW WHEN (OLD.given_name IS DISTINCT FROM"
    " NEW.given_name OR OLD.family_name IS DISTINCT FROM NEW.family_name)"
    " EXECUTE FUNCTION tb_patient_fts()",
    NULL};

static const char *const *const pg_steps[DB_SCHEMA_VERSION] = {
    [1] = pg_v2,   [2] = pg_v3,	  [6] = pg_v7,
    [22] = pg_v23, [24] = pg_v25, [29] = pg_v30};

/* The tables the application may read and add to, never change. */
static const char *const append_only[] = {"audit",
					  "audit_seal",
					  "access_log",
					  "access_review",
					  "decision",
					  "research_extract",
					  "decision_fts",
					  "access_log_by_patient",
					  "access_log_by_case",
					  NULL};

/* Runs one statement; *err names the step on failure. */
static enum tb_status run(struct store *s, int step, const char *sql,
			  char **err)
{
	if (store_exec(s, sql) == STORE_OK)
		return TB_OK;
	*err = xasprintf(_("schema step %d on PostgreSQL failed: %s"), step,
			 store_errmsg(s));
	return TB_DB;
}

enum tb_status db_schema_pg_step(struct store *s, int v, char **err)
{
	const char *const *sqlite_step = db_schema_step(v);
	enum tb_status st = TB_OK;

	if (v == 0)
		for (size_t i = 0; st == TB_OK && pg_prelude[i]; i++)
			st = run(s, 1, pg_prelude[i], err);
	if (v == 0 && st == TB_OK) {
		char *fts = store_pg_sql_fts_functions();
		st = run(s, 1, fts, err);
		free(fts);
	}
	for (size_t i = 0; st == TB_OK && sqlite_step && sqlite_step[i]; i++) {
		char *sql = store_pg_sql_ddl(sqlite_step[i]);
		if (sql)
			st = run(s, v + 1, sql, err);
		free(sql);
	}
	for (size_t i = 0; st == TB_OK && pg_steps[v] && pg_steps[v][i]; i++)
		st = run(s, v + 1, pg_steps[v][i], err);
	if (v == 21 && st == TB_OK) {
		/* step 22: the folding of step 1 in PL/pgSQL */
		char *fold = store_pg_sql_fts_fold_v22();
		st = run(s, v + 1, fold, err);
		free(fold);
	}
	return st;
}

enum tb_status db_schema_pg_watch(struct store *s, char **err)
{
	enum tb_status st = TB_OK;
	char *sql;
	for (size_t i = 0; st == TB_OK && (sql = db_audit_watch_sql_pg(i));
	     i++) {
		st = run(s, DB_SCHEMA_VERSION, sql, err);
		free(sql);
	}
	return st;
}

enum tb_status db_schema_pg_grant(struct store *s, char **err)
{
	enum tb_status st =
	    run(s, DB_SCHEMA_VERSION,
		"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA"
		" public TO tumorboard_app",
		err);
	if (st == TB_OK)
		st = run(s, DB_SCHEMA_VERSION,
			 /* untranslated: SQL */
			 "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO"
			 " tumorboard_app",
			 err);
	if (st == TB_OK)
		st = run(s, DB_SCHEMA_VERSION,
			 "REVOKE ALL ON schema_version FROM tumorboard_app;"
			 " GRANT SELECT ON schema_version TO tumorboard_app",
			 err);
	if (st == TB_OK)
		/* the lookups' mark: updated (tb_access_mark_guard), one row */
		st = run(s, DB_SCHEMA_VERSION,
			 "REVOKE INSERT, DELETE, TRUNCATE ON access_log_indexed"
			 " FROM tumorboard_app",
			 err);
	for (size_t i = 0; st == TB_OK && append_only[i]; i++) {
		char *sql = xasprintf("REVOKE UPDATE, DELETE, TRUNCATE ON %s"
				      " FROM tumorboard_app",
				      append_only[i]);
		st = run(s, DB_SCHEMA_VERSION, sql, err);
		free(sql);
	}
	return st;
}

enum tb_status db_schema_pg_steps(struct store *s, int from, char **err)
{
	enum tb_status st = TB_OK;
	for (int step = from; st == TB_OK && step < DB_SCHEMA_VERSION; step++)
		st = db_schema_pg_step(s, step, err);
	if (st == TB_OK &&
	    store_set_schema_version(s, DB_SCHEMA_VERSION) != STORE_OK) {
		*err = xasprintf(_("cannot record the schema version: %s"),
				 store_errmsg(s));
		st = TB_DB;
	}
	if (st == TB_OK)
		st = db_schema_pg_watch(s, err);
	if (st == TB_OK)
		st = db_schema_pg_grant(s, err);
	return st;
}

enum tb_status db_schema_pg_create(struct store *s, char **err)
{
	int v = -1;
	enum tb_status st = TB_OK;

	*err = NULL;
	if (store_schema_version(s, &v) != STORE_OK) {
		*err = xasprintf(_("cannot read the schema version: %s"),
				 store_errmsg(s));
		return TB_DB;
	}
	if (v != 0) {
		*err = xasprintf(_("the PostgreSQL database already holds "
				   "schema version %d; a new archive needs an "
				   "empty database"),
				 v);
		return TB_INVALID;
	}
	if (store_begin(s) != STORE_OK) {
		*err = xasprintf(_("cannot begin: %s"), store_errmsg(s));
		return TB_DB;
	}
	st = db_schema_pg_steps(s, 0, err);
	if (st == TB_OK && store_commit(s) != STORE_OK) {
		*err = xasprintf(_("cannot commit the schema: %s"),
				 store_errmsg(s));
		st = TB_DB;
	}
	if (st != TB_OK)
		store_rollback(s);
	return st;
}

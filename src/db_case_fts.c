/*
 * The case search index (case_fts, SQLite's FTS5) written once at the
 * commit of a transaction that stores many cases (schema 29).
 *
 * FTS5 writes the terms it holds to the file whenever a statement
 * savepoint opens, and every write that fires a trigger opens one (every
 * sealed table has triggers): an import wrote a b-tree of its own for
 * each case, five with the prefix indexes, and merged them as it went, a
 * fifth of its instructions. While case_fts_defer has a row, the triggers
 * leave the cases with an id after its `since` (those this transaction
 * added) to db_case_fts_flush, which db_commit runs first: it indexes
 * them in one statement, with what they are at the commit (a case
 * changed, or its patient renamed, after it was added is indexed as it
 * ends). The row is taken out in the same transaction: no other
 * connection ever sees it, and a transaction rolled back takes it away
 * with the cases. A case that was there before is indexed by the
 * triggers as ever.
 *
 * SQLite only: PostgreSQL's search index is its own (db_schema_pg.c), and
 * store_pg_sql_ddl leaves the table and these triggers out.
 */
#include "db_case.h"

#include "db_internal.h"

/* What an update trigger of schema 29 and 30 does: a case's words, as
 * they were, deleted from the index and added as they are (all its
 * cases' for a renamed patient, but those this transaction added, which
 * db_case_fts_flush indexes). */
#define CASE_FTS_U_BODY                                                        \
	" INSERT INTO case_fts(case_fts, rowid, external_id, name,"            \
	" diagnosis, question, summary) SELECT 'delete', old.id,"              \
	" old.external_id, p.given_name || ' ' || p.family_name,"              \
	" old.icd10 || ' ' || old.diagnosis_text, old.question,"               \
	" old.summary FROM patient p WHERE p.id = old.patient_id;"             \
	" INSERT INTO case_fts(rowid, external_id, name, diagnosis,"           \
	" question, summary) SELECT new.id, new.external_id,"                  \
	" p.given_name || ' ' || p.family_name,  new.icd10 || ' ' ||"          \
	" new.diagnosis_text, new.question, new.summary FROM patient p"        \
	" WHERE p.id = new.patient_id; END;"
#define PATIENT_FTS_U_BODY                                                     \
	" INSERT INTO case_fts(case_fts, rowid, external_id, name,"            \
	" diagnosis, question, summary) SELECT 'delete', c.id,"                \
	" c.external_id, old.given_name || ' ' || old.family_name,"            \
	" c.icd10 || ' ' || c.diagnosis_text, c.question, c.summary"           \
	" FROM cases c WHERE c.patient_id = old.id AND NOT EXISTS"             \
	" (SELECT 1 FROM case_fts_defer WHERE c.id > since); INSERT"           \
	" INTO case_fts(rowid, external_id, name, diagnosis, question,"        \
	" summary) SELECT c.id, c.external_id, new.given_name || ' ' ||"       \
	" new.family_name,  c.icd10 || ' ' || c.diagnosis_text,"               \
	" c.question, c.summary FROM cases c WHERE c.patient_id ="             \
	" new.id AND NOT EXISTS (SELECT 1 FROM case_fts_defer WHERE"           \
	" c.id > since); END;"

const char *const db_case_fts_schema_v29[] = {
    "CREATE TABLE IF NOT EXISTS case_fts_defer (since INTEGER NOT NULL)"
    " STRICT;",
    "DROP TRIGGER IF EXISTS case_fts_i;",
    "CREATE TRIGGER case_fts_i AFTER INSERT ON cases WHEN NOT EXISTS"
    " (SELECT 1 FROM case_fts_defer WHERE new.id > since) BEGIN"
    " INSERT INTO case_fts(rowid, external_id, name, diagnosis, question,"
    " summary)"
    " SELECT new.id, new.external_id, p.given_name || ' ' || p.family_name,"
    "  new.icd10 || ' ' || new.diagnosis_text, new.question, new.summary"
    " FROM patient p WHERE p.id = new.patient_id;"
    " END;",
    "DROP TRIGGER IF EXISTS case_fts_u;",
    "CREATE TRIGGER case_fts_u AFTER UPDATE ON cases WHEN NOT EXISTS"
    " (SELECT 1 FROM case_fts_defer WHERE old.id > since) "
    "BEGIN" CASE_FTS_U_BODY,
    "DROP TRIGGER IF EXISTS patient_fts_u;",
    "CREATE TRIGGER patient_fts_u AFTER UPDATE OF given_name, family_name"
    " ON patient BEGIN" PATIENT_FTS_U_BODY,
    NULL};

/* Schema 30: a case's words written again only when one of them changed.
 * The update trigger fired on every change of a case, and most are of
 * its status (listed, discussed, signed...: three or four for each case
 * a board decides), each leaving in the index the case's words deleted
 * and added again, a b-tree of its own that every search then read (the
 * bench's 100,000-case archive: 21 after its history, 9 at 1,000). Now
 * only a change of an indexed column (the name through patient_id) or
 * a renamed patient writes the index, and the migration merges what the
 * old trigger left into one b-tree. */
const char *const db_case_fts_schema_v30[] = {
    "DROP TRIGGER IF EXISTS case_fts_u;",
    "CREATE TRIGGER case_fts_u AFTER UPDATE OF external_id, patient_id,"
    " icd10, diagnosis_text, question, summary ON cases WHEN NOT EXISTS"
    " (SELECT 1 FROM case_fts_defer WHERE old.id > since) AND"
    " (old.external_id IS NOT new.external_id OR old.patient_id IS NOT"
    " new.patient_id OR old.icd10 IS NOT new.icd10 OR old.diagnosis_text"
    " IS NOT new.diagnosis_text OR old.question IS NOT new.question OR"
    " old.summary IS NOT new.summary) BEGIN" CASE_FTS_U_BODY,
    "DROP TRIGGER IF EXISTS patient_fts_u;",
    "CREATE TRIGGER patient_fts_u AFTER UPDATE OF given_name, family_name"
    " ON patient WHEN old.given_name IS NOT new.given_name OR"
    " old.family_name IS NOT new.family_name BEGIN" PATIENT_FTS_U_BODY,
    "INSERT INTO case_fts(case_fts) VALUES('optimize');",
    NULL};

enum tb_status db_case_fts_defer(struct db *db)
{
	if (db->fts_held || store_engine(db->conn) != STORE_ENGINE_SQLITE)
		return TB_OK;
	if (store_exec(db->conn,
		       "INSERT INTO case_fts_defer (since)"
		       " SELECT coalesce(max(id), 0) FROM cases") != STORE_OK)
		return TB_DB;
	db->fts_held = true;
	return TB_OK;
}

enum tb_status db_case_fts_flush(struct db *db)
{
	if (!db->fts_held)
		return TB_OK;
	db->fts_held = false;
	if (store_exec(db->conn,
		       "INSERT INTO case_fts(rowid, external_id, name,"
		       " diagnosis, question, summary)"
		       " SELECT c.id, c.external_id, p.given_name || ' ' ||"
		       " p.family_name, c.icd10 || ' ' || c.diagnosis_text,"
		       " c.question, c.summary FROM cases c JOIN patient p"
		       " ON p.id = c.patient_id"
		       " WHERE c.id > (SELECT since FROM case_fts_defer)") !=
		STORE_OK ||
	    store_exec(db->conn, "DELETE FROM case_fts_defer") != STORE_OK)
		return TB_DB;
	return TB_OK;
}

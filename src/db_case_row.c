/*
 * The case list's rows in list order (schema 31, SQLite only).
 *
 * A screen of the case list or of the referral queue is 40 rows in the
 * order of their referral dates. The cases' own columns ride in an index
 * of that order (cases_list, cases_queue), but each row's patient lies
 * wherever the patient was added, and whether a case waits in the queue
 * took a look into the agenda of the meetings still to come: on a large
 * archive forty pages of the file scattered apart. SQLite empties its
 * page cache whenever another connection has committed, and each of
 * those pages is then read from the file again: a view's reload grew
 * with the archive (0.12 ms at 1,000 cases, 0.20 ms at 100,000).
 *
 * case_row holds what a row of the list shows, the patient's columns
 * with the case's and whether the case waits in the referral queue
 * (waiting: an open status and on no meeting still to come, the queue's
 * own condition in db_case_list.c), keyed by waiting and then the
 * list's order: the queue is one range of it, read in list order, and
 * the whole list the merge of its two ranges (db_case_list.c, list_sql),
 * so that a screen lies on two or three pages of each in any archive;
 * queue_count holds how many wait. Triggers keep both: on the cases (added,
 * changed in a column the list shows, removed), on a patient's columns, on an
 * agenda item (added, moved, its status, removed) and on a meeting's status.
 * verify checks them against the cases (db_case_row_verify).
 *
 * case_row takes the place of the indexes the list read until schema
 * 31, cases_list and cases_queue, which the migration drops: each is
 * written at random places by an import as case_row is (gencases'
 * referral dates are random). Imports of 100,000 generated cases: 32-38
 * s with those two, 38 s with case_row, 49 s with case_row and an index
 * of the queue's rows beside it (as wide as case_row): hence one b-tree
 * with the queue a range of it. A narrow index of referral dates
 * (cases_referral) serves the report's period.
 *
 * SQLite only: a server keeps its own buffers across other sessions'
 * commits, and reads the list from cases and patient with cases_list and
 * cases_queue (db_case_list.c); the migration's hook makes nothing
 * there, and migrate copies neither table (each engine fills its own).
 */
#include "db_case.h"

#include "db_internal.h"
#include "diag.h"
#include "i18n.h"
#include "store.h"

/* Whether case ID with status ST waits in the referral queue: the
 * queue's condition (db_case_list.c, list_where) of one case. */
#define WAITING(ID, ST)                                                        \
	"(" ST " IN " DB_QUEUE_STATUSES " AND NOT EXISTS (SELECT 1 FROM"       \
	" agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE"           \
	" a.case_id = " ID " AND a.status = 'listed' AND m.status IN"          \
	" ('planned','running')))"

#define ROW_COLUMNS                                                            \
	/* untranslated: SQL */                                                \
	"waiting, referral_date, id, external_id, patient_id, pnr,"            \
	" family_name, given_name, birth_date, sex, icd10, diagnosis_text,"    \
	" level, priority, status, region, referrer_unit"

/* A case C's row, its patient P's columns beside it. */
#define ROW_OF(C, P)                                                           \
	WAITING(C ".id", C ".status")                                          \
	", " C ".referral_date, " C ".id, " C ".external_id, " C               \
	".patient_id, " P ".pnr, " P ".family_name, " P ".given_name, " P      \
	".birth_date, " P ".sex, " C ".icd10, " C ".diagnosis_text, " C        \
	".level, " C ".priority, " C ".status, " P ".region, " C               \
	".referrer_unit"

/* The rows of the cases whose (referral_date, id) the subquery S gives
 * (each in one of the two ranges of waiting: the key's first column). */
#define ROWS_OF(S) " WHERE waiting IN (0, 1) AND (referral_date, id) IN (" S ")"
/* A case's row by the case's old key. */
#define ROW_OF_OLD                                                             \
	" WHERE waiting IN (0, 1) AND referral_date = old.referral_date AND"   \
	" id = old.id;"

static const char *const tables[] = {
    /* the key's columns first, in its order (SQLite 3.40's quick_check
     * sees NULLs in a WITHOUT ROWID table's key columns otherwise) */
    "CREATE TABLE IF NOT EXISTS case_row ("
    " waiting INTEGER NOT NULL CHECK (waiting = 0 OR waiting = 1),"
    " referral_date TEXT NOT NULL, id INTEGER NOT NULL,"
    " external_id TEXT NOT NULL, patient_id INTEGER NOT NULL,"
    " pnr TEXT, family_name TEXT, given_name TEXT, birth_date TEXT,"
    " sex TEXT, icd10 TEXT NOT NULL, diagnosis_text TEXT NOT NULL,"
    " level TEXT NOT NULL, priority TEXT NOT NULL, status TEXT NOT NULL,"
    " region TEXT, referrer_unit TEXT NOT NULL,"
    " PRIMARY KEY (waiting, referral_date DESC, id DESC)) STRICT,"
    " WITHOUT ROWID;",
    "CREATE TABLE IF NOT EXISTS queue_count (n INTEGER NOT NULL) STRICT;",
    NULL};

/* Both filled from the cases: by the upgrade, and again by verify
 * --repair (db_case_row_rebuild). */
static const char *const fill[] = {
    "DELETE FROM case_row;",
    "INSERT INTO case_row (" ROW_COLUMNS ") SELECT " ROW_OF(
	"c", "p") " FROM cases c LEFT JOIN patient p ON p.id = c.patient_id;",
    "DELETE FROM queue_count;",
    "INSERT INTO queue_count (n) SELECT count(*) FROM case_row"
    " WHERE waiting = 1;",
    NULL};

/* Then what keeps them. */
static const char *const keep[] = {
    /* what the list read on SQLite until now: case_row serves it, and
     * the report's period finds its cases by a narrow index (the wide
     * ones cost an import as much as case_row does) */
    "DROP INDEX IF EXISTS cases_list;",
    "DROP INDEX IF EXISTS cases_queue;",
    "CREATE INDEX IF NOT EXISTS cases_referral ON cases(referral_date"
    " DESC, id DESC);",
    "CREATE TRIGGER IF NOT EXISTS queue_count_i AFTER INSERT ON case_row"
    " WHEN new.waiting = 1 BEGIN UPDATE queue_count SET n = n + 1; END;",
    "CREATE TRIGGER IF NOT EXISTS queue_count_d AFTER DELETE ON case_row"
    " WHEN old.waiting = 1 BEGIN UPDATE queue_count SET n = n - 1; END;",
    "CREATE TRIGGER IF NOT EXISTS queue_count_u AFTER UPDATE OF waiting"
    " ON case_row WHEN old.waiting <> new.waiting BEGIN"
    " UPDATE queue_count SET n = n + new.waiting - old.waiting; END;",
    "CREATE TRIGGER IF NOT EXISTS case_row_i AFTER INSERT ON cases BEGIN"
    " INSERT INTO case_row (" ROW_COLUMNS
    ") SELECT " ROW_OF("new", "p") " FROM (SELECT 1) LEFT JOIN patient p ON "
				   "p.id = new.patient_id; END;",
    "CREATE TRIGGER IF NOT EXISTS case_row_u AFTER UPDATE OF"
    " referral_date, external_id, patient_id, icd10, diagnosis_text,"
    " level, priority, status, referrer_unit ON cases WHEN"
    " old.referral_date IS NOT new.referral_date OR old.external_id IS NOT"
    " new.external_id OR old.patient_id IS NOT new.patient_id OR"
    " old.icd10 IS NOT new.icd10 OR old.diagnosis_text IS NOT"
    " new.diagnosis_text OR old.level IS NOT new.level OR old.priority IS"
    " NOT new.priority OR old.status IS NOT new.status OR"
    " old.referrer_unit IS NOT new.referrer_unit BEGIN"
    " DELETE FROM case_row" ROW_OF_OLD " INSERT INTO case_row (" ROW_COLUMNS
    ") SELECT " ROW_OF("new", "p") " FROM (SELECT 1) LEFT JOIN patient p ON "
				   "p.id = new.patient_id; END;",
    "CREATE TRIGGER IF NOT EXISTS case_row_d AFTER DELETE ON cases BEGIN"
    " DELETE FROM case_row" ROW_OF_OLD " END;",
    "CREATE TRIGGER IF NOT EXISTS case_row_patient AFTER UPDATE OF pnr,"
    " family_name, given_name, birth_date, sex, region ON patient WHEN"
    " old.pnr IS NOT new.pnr OR old.family_name IS NOT new.family_name OR"
    " old.given_name IS NOT new.given_name OR old.birth_date IS NOT"
    " new.birth_date OR old.sex IS NOT new.sex OR old.region IS NOT"
    " new.region BEGIN UPDATE case_row SET pnr = new.pnr, family_name ="
    " new.family_name, given_name = new.given_name, birth_date ="
    " new.birth_date, sex = new.sex, region = new.region" ROWS_OF(
	"SELECT referral_date, id FROM cases WHERE patient_id = new.id") "; "
									 "END;",
    "CREATE TRIGGER IF NOT EXISTS case_row_agenda_i AFTER INSERT ON"
    " agenda_item BEGIN UPDATE case_row SET waiting = " WAITING(
	"case_row.id", "case_row.status") ROWS_OF("SELECT referral_date, id"
						  " FROM cases WHERE id ="
						  " new.case_id") "; END;",
    "CREATE TRIGGER IF NOT EXISTS case_row_agenda_u AFTER UPDATE OF"
    " meeting_id, case_id, status ON agenda_item BEGIN UPDATE case_row SET"
    " waiting = " WAITING("case_row.id", "case_row.status")
	ROWS_OF("SELECT referral_date, id FROM cases WHERE id IN (old.case_id,"
		" new.case_id)") "; END;",
    "CREATE TRIGGER IF NOT EXISTS case_row_agenda_d AFTER DELETE ON"
    " agenda_item BEGIN UPDATE case_row SET waiting = " WAITING(
	"case_row.id", "case_row.status") ROWS_OF("SELECT referral_date, id"
						  " FROM cases WHERE id ="
						  " old.case_id") "; END;",
    "CREATE TRIGGER IF NOT EXISTS case_row_meeting AFTER UPDATE OF status"
    " ON meeting WHEN old.status IS NOT new.status BEGIN UPDATE case_row"
    " SET waiting = " WAITING("case_row.id", "case_row.status") ROWS_OF(
	"SELECT c.referral_date, c.id FROM agenda_item x JOIN cases c ON"
	" c.id = x.case_id WHERE x.meeting_id = new.id") "; END;",
    NULL};

const char *const db_case_row_schema_v31[] = {NULL};

/* Runs the statements of each list in turn. */
static enum tb_status run_all(struct db *db, const char *const *const *lists)
{
	for (size_t l = 0; lists[l]; l++)
		for (size_t i = 0; lists[l][i]; i++)
			if (store_exec(db->conn, lists[l][i]) != STORE_OK)
				return TB_DB;
	return TB_OK;
}

enum tb_status db_case_row_migrate(struct db *db)
{
	if (store_engine(db->conn) != STORE_ENGINE_SQLITE)
		return TB_OK;
	const char *const *const lists[] = {tables, fill, keep, NULL};
	return run_all(db, lists);
}

enum tb_status db_case_row_rebuild(struct db *db)
{
	if (store_engine(db->conn) != STORE_ENGINE_SQLITE)
		return TB_OK;
	const char *const *const lists[] = {fill, NULL};
	enum tb_status st = db_begin(db);
	if (st == TB_OK)
		st = run_all(db, lists);
	return db_commit_if(db, st);
}

/* The cases whose rows differ from what the cases make, either way (a
 * row changed differs both ways: one case); the count of waiting cases
 * against the table's. */
static const char differ_sql[] =
    "SELECT count(DISTINCT id), min(id) FROM (SELECT * FROM (SELECT " ROW_OF(
	"c",
	"p") " FROM cases c LEFT JOIN patient p ON p.id = c.patient_id EXCEPT"
	     " SELECT " ROW_COLUMNS " FROM case_row) UNION ALL SELECT * FROM"
	     " (SELECT " ROW_COLUMNS " FROM case_row EXCEPT SELECT " ROW_OF(
		 "c", "p") " FROM cases c LEFT JOIN patient p ON p.id = "
			   "c.patient_id))";
static const char count_sql[] =
    "SELECT (SELECT n FROM queue_count), (SELECT count(*) FROM case_row"
    " WHERE waiting = 1), (SELECT count(*) FROM queue_count)";

/* The numbers of a query's one row (an aggregate's), for db_each. */
struct numbers {
	long long v[3];
	int n;
	bool read;
};

static bool numbers_row(struct store_stmt *st, void *arg)
{
	struct numbers *x = arg;
	for (int i = 0; i < x->n; i++)
		x->v[i] = store_column_int64(st, i);
	x->read = true;
	return false;
}

enum tb_status db_case_row_verify(struct db *db, struct diag *d)
{
	struct numbers differ = {.n = 2}, count = {.n = 3};
	if (store_engine(db->conn) != STORE_ENGINE_SQLITE)
		return TB_OK;
	if (db_each(db, differ_sql, NULL, numbers_row, &differ) != TB_OK ||
	    !differ.read ||
	    db_each(db, count_sql, NULL, numbers_row, &count) != TB_OK ||
	    !count.read)
		return TB_DB;
	char name[DB_CASE_NAME_MAX]; /* "?": a row of no case */
	if (differ.v[0])
		db_case_name(db, differ.v[1], name);
	if (differ.v[0])
		diag_add(d, NULL, 0, "case_row",
			 ngettext("the case list's rows differ from the cases "
				  "for %lld case (case %lld (%s) first)",
				  "the case list's rows differ from the cases "
				  "for %lld cases (case %lld (%s) first)",
				  (unsigned long)differ.v[0]),
			 differ.v[0], differ.v[1], name);
	/* the count kept, the rows waiting, the count's rows (one) */
	if (count.v[2] != 1 || count.v[0] != count.v[1])
		diag_add(d, NULL, 0, "case_row",
			 _("the referral queue's count says %lld cases wait, "
			   "the case list's rows %lld"),
			 count.v[0], count.v[1]);
	return TB_OK;
}

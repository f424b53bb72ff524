/*
 * Statements: the cache of the fixed ones (prepared once per connection,
 * by id), and the helpers for the others: db_each (prepare, bind, a
 * callback per row, finalize), db_first_int, db_step_id, db_column_dup,
 * db_exec_bound; what the server spent on them (db_server_cpu_ms); the
 * page cache held small while a file is checked (db_cache_small).
 */
#include "db.h"

#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "util.h"

/* The columns of a case's load, one case (db_case_load) or many
 * (db_case_set_load) */
#define CASE_COLS                                                              \
	/* untranslated: SQL */                                                \
	"c.id, c.external_id, c.referral_date, c.level, c.level_reason,"       \
	" c.priority, c.status, c.icd10, c.icdo3, c.diagnosis_text,"           \
	" c.diagnosis_date, c.question, c.summary, c.referrer_name,"           \
	" c.referrer_unit, c.referrer_phone, c.ecog, c.ecog_date, c.tnm_t,"    \
	" c.tnm_n, c.tnm_m, c.tnm_stage, c.tnm_date, c.source, c.received,"    \
	" c.updated, p.id, p.pnr, p.id_type, p.family_name, p.given_name,"     \
	" p.birth_date, p.sex, p.language, p.region, p.hospital,"              \
	" p.interpreter, c.lansky, c.lansky_date"
#define PATHOLOGY_COLS                                                         \
	/* untranslated: SQL */ "id, date, lab, specimen, icdo3, grade, "      \
				"report, context, source,"                     \
				" received"
#define FINDING_COLS                                                           \
	/* untranslated: SQL */                                                \
	"gene, kind, origin, hgvs_c, hgvs_p, hgvs_g, transcript, partner,"     \
	" copies, value, vaf, classification, test, sample, lab, date,"        \
	" context, note, source, received, result"
/* FINDING_COLS with NULL for what no trial is judged by and readiness
 * does not count (support_has_trial: kb_entry_matches; the clinical
 * findings), read by the same reader: an agenda's rows */
#define FINDING_ROW_COLS                                                       \
	/* untranslated: SQL */                                                \
	"gene, kind, origin, hgvs_c, hgvs_p, NULL, transcript, partner,"       \
	" copies, value, NULL, classification, NULL, NULL, NULL, NULL,"        \
	" context, NULL, NULL, NULL, result"
#define IMAGING_COLS                                                           \
	/* untranslated: SQL */ "date, modality, region, findings, "           \
				"impression, recist_sum, ai,"                  \
				" source, received"
/* by: the user's name, title (or account) */
#define LEVEL_CHANGE_COLS                                                      \
	"at, coalesce((SELECT name || ', ' || title FROM users WHERE"          \
	" account = by), by), from_level, to_level, reason"
/* What a case's readiness is checked by (struct readiness_facts, in its
 * order), each part of the case an aggregate: the imaging's newest date
 * by the index imaging_case (dates are YYYY-MM-DD, so that text order
 * is date order on either engine) */
#define READY_COLS DB_READY_COLS("c", "p")
/* DB_CASE_BATCH parameters */
#define IN_BATCH                                                               \
	"(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12"                              \
	",?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24"                     \
	",?25,?26,?27,?28,?29,?30,?31,?32)"

static const char *const stmt_sql[DB_STMT__COUNT] = {
    /* one case: the shapes of the load of many, with its id alone */
    [DB_STMT_CASE_LOAD] = "SELECT " CASE_COLS " FROM cases c JOIN patient p"
			  " ON p.id = c.patient_id WHERE c.id = ?1",
    [DB_STMT_PATHOLOGY_LOAD] =
	"SELECT case_id, " PATHOLOGY_COLS " FROM pathology WHERE case_id = ?1"
	" ORDER BY case_id, seq, id",
    [DB_STMT_MARKER_LOAD] =
	"SELECT m.pathology_id, m.name, m.value FROM pathology_marker m"
	" JOIN pathology p ON p.id = m.pathology_id WHERE p.case_id = ?1"
	" ORDER BY p.case_id, p.seq, p.id, m.id",
    [DB_STMT_FINDING_LOAD] = "SELECT case_id, " FINDING_COLS " FROM finding"
			     " WHERE case_id = ?1 ORDER BY case_id, seq",
    [DB_STMT_IMAGING_LOAD] = "SELECT case_id, " IMAGING_COLS " FROM imaging"
			     " WHERE case_id = ?1 ORDER BY case_id, date, seq",
    [DB_STMT_LEVEL_CHANGE_LOAD] = "SELECT case_id, " LEVEL_CHANGE_COLS
				  " FROM level_change WHERE case_id = ?1"
				  " ORDER BY case_id, id",
    /* the same columns after the case's id, by case in the order above;
     * the markers in their pathology report's order */
    [DB_STMT_CASE_LOAD_MANY] = "SELECT " CASE_COLS " FROM cases c JOIN"
			       " patient p ON p.id = c.patient_id"
			       " WHERE c.id IN " IN_BATCH " ORDER BY c.id",
    [DB_STMT_PATHOLOGY_LOAD_MANY] =
	"SELECT case_id, " PATHOLOGY_COLS " FROM pathology"
	" WHERE case_id IN " IN_BATCH " ORDER BY case_id, seq, id",
    [DB_STMT_MARKER_LOAD_MANY] =
	"SELECT m.pathology_id, m.name, m.value FROM pathology_marker m"
	" JOIN pathology p ON p.id = m.pathology_id"
	" WHERE p.case_id IN " IN_BATCH
	" ORDER BY p.case_id, p.seq, p.id, m.id",
    [DB_STMT_FINDING_LOAD_MANY] =
	"SELECT case_id, " FINDING_COLS " FROM finding"
	" WHERE case_id IN " IN_BATCH " ORDER BY case_id, seq",
    [DB_STMT_IMAGING_LOAD_MANY] =
	"SELECT case_id, " IMAGING_COLS " FROM imaging"
	" WHERE case_id IN " IN_BATCH " ORDER BY case_id, date, seq",
    [DB_STMT_LEVEL_CHANGE_LOAD_MANY] =
	"SELECT case_id, " LEVEL_CHANGE_COLS " FROM level_change"
	" WHERE case_id IN " IN_BATCH " ORDER BY case_id, id",
    /* an agenda's rows: of each case what its row shows and its
     * readiness is checked by (db_case_row_read), with the count of its
     * pathology reports and its newest imaging's date (each read by its
     * index, as READY_COLS reads them), not the reports and studies */
    [DB_STMT_CASE_ROWS_MANY] =
	"SELECT c.id, c.external_id, c.icd10, c.question, c.level_reason,"
	" c.ecog, c.lansky, c.tnm_stage, p.pnr, p.family_name, p.given_name,"
	" p.birth_date, p.language, p.interpreter, (SELECT count(*) FROM"
	" pathology WHERE case_id = c.id), (SELECT max(date) FROM imaging"
	" WHERE case_id = c.id) FROM cases c JOIN patient p"
	" ON p.id = c.patient_id WHERE c.id IN " IN_BATCH " ORDER BY c.id",
    [DB_STMT_FINDING_ROWS_MANY] =
	"SELECT case_id, " FINDING_ROW_COLS " FROM finding"
	" WHERE case_id IN " IN_BATCH " ORDER BY case_id, seq",
    [DB_STMT_CASE_READY] = "SELECT " READY_COLS " FROM cases c JOIN"
			   " patient p ON p.id = c.patient_id WHERE c.id = ?1",
    [DB_STMT_CASE_READY_MANY] = "SELECT " READY_COLS " FROM cases c JOIN"
				" patient p ON p.id = c.patient_id"
				" WHERE c.id IN " IN_BATCH " ORDER BY c.id",
    [DB_STMT_PATIENT_FIND] =
	"SELECT id, id_type, family_name, given_name, birth_date, sex,"
	" language, region, hospital, interpreter FROM patient WHERE pnr = ?1",
    [DB_STMT_PATIENT_INSERT] =
	"INSERT INTO patient (pnr, id_type, family_name, given_name,"
	" birth_date, sex, language, region, hospital, source, received,"
	" updated, interpreter)"
	" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?11,?12) RETURNING id",
    [DB_STMT_PATIENT_UPDATE] =
	"UPDATE patient SET id_type=?2, family_name=?3, given_name=?4,"
	" birth_date=?5, sex=?6, language=?7, region=?8, hospital=?9,"
	" source=?10, received=?11, updated=?11, interpreter=?12 WHERE id=?1",
    [DB_STMT_CASE_FIND] = "SELECT id FROM cases WHERE external_id = ?1",
    [DB_STMT_CASE_INSERT] =
	"INSERT INTO cases (external_id, patient_id, referral_date,"
	" level, level_reason, priority, status, icd10, icdo3,"
	" diagnosis_text, diagnosis_date, question, summary,"
	" referrer_name, referrer_unit, referrer_phone, ecog, ecog_date,"
	" tnm_t, tnm_n, tnm_m, tnm_stage, tnm_date, source, received,"
	" created, updated, lansky, lansky_date) VALUES (?1,?2,?3,?4,?5,?6,"
	"?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,"
	"?24,?25,?25,?25,?26,?27) RETURNING id",
    [DB_STMT_CASE_UPDATE] =
	"UPDATE cases SET patient_id=?2, referral_date=?3, level=?4,"
	" level_reason=?5, priority=?6, status=?7, icd10=?8, icdo3=?9,"
	" diagnosis_text=?10, diagnosis_date=?11, question=?12,"
	" summary=?13, referrer_name=?14, referrer_unit=?15,"
	" referrer_phone=?16, ecog=?17, ecog_date=?18, tnm_t=?19,"
	" tnm_n=?20, tnm_m=?21, tnm_stage=?22, tnm_date=?23, source=?24,"
	" received=?25, updated=?25, lansky=?26, lansky_date=?27 WHERE id=?1",
    [DB_STMT_CASE_DELETE_CHILDREN_PATH] =
	"DELETE FROM pathology WHERE case_id = ?1",
    [DB_STMT_CASE_DELETE_CHILDREN_FIND] =
	"DELETE FROM finding WHERE case_id = ?1",
    [DB_STMT_CASE_DELETE_CHILDREN_IMG] =
	"DELETE FROM imaging WHERE case_id = ?1",
    [DB_STMT_PATHOLOGY_INSERT] =
	"INSERT INTO pathology (case_id, seq, date, lab, specimen, icdo3,"
	" grade, report, context, source, received) VALUES"
	" (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11) RETURNING id",
    [DB_STMT_MARKER_INSERT] =
	"INSERT INTO pathology_marker (pathology_id, name, value)"
	" VALUES (?1,?2,?3)",
    [DB_STMT_FINDING_INSERT] =
	"INSERT INTO finding (case_id, seq, gene, kind, origin, hgvs_c,"
	" hgvs_p, hgvs_g, transcript, partner, copies, value, vaf,"
	" classification, test, sample, lab, date, context, note, source,"
	" received, result) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
	"?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23)",
    [DB_STMT_IMAGING_INSERT] =
	"INSERT INTO imaging (case_id, seq, date, modality, region,"
	" findings, impression, recist_sum, ai, source, received) VALUES"
	" (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
    [DB_STMT_AUDIT_LAST] =
	"SELECT id, hash, at FROM audit ORDER BY id DESC LIMIT 1",
    [DB_STMT_AUDIT_INSERT] =
	"INSERT INTO audit (id, at, actor, action, entity, entity_id, detail,"
	" prev_hash, hash, fmt, seals) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,2,"
	"?10)",
    [DB_STMT_REFERRAL_ANSWERS] =
	"SELECT id, case_id, board, decision, signed_at, recommendation,"
	" intent, format, package, package_sha256, received FROM"
	" referral_answer WHERE case_id = ?1 ORDER BY id",
    [DB_STMT_REFERRAL_ORIGIN] = "SELECT board, to_board, sent, received,"
				" package_sha256 FROM case_origin"
				" WHERE case_id = ?1",
    [DB_STMT_ACCESS_PATIENT] = "SELECT patient_id FROM cases WHERE id = ?1",
    [DB_STMT_ACCESS_LAST] =
	"SELECT id, hash, at FROM access_log ORDER BY id DESC LIMIT 1",
    [DB_STMT_ACCESS_INSERT] =
	"INSERT INTO access_log (id, at, who, unit, what, patient_id,"
	" case_id, relation, emergency_id, prev_hash, hash)"
	" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
    /* tb_dirty is a temporary table: these are prepared only once
     * db_audit_watch() made it */
    [DB_STMT_DIRTY_SEALS] =
	"SELECT d.entity, d.id, (SELECT hash FROM audit_seal s WHERE"
	" s.entity = d.entity AND s.entity_id = d.id ORDER BY audit_id DESC"
	" LIMIT 1) FROM tb_dirty d ORDER BY d.entity, d.id",
    [DB_STMT_SEAL_INSERT] = "INSERT INTO audit_seal (audit_id, entity,"
			    " entity_id, hash) VALUES (?1, ?2, ?3, ?4)",
    [DB_STMT_DIRTY_CLEAR] = "DELETE FROM tb_dirty",
    [DB_STMT_CASE_WORD_ADD] = "INSERT INTO case_fts_word (word) VALUES (?1)"
			      " ON CONFLICT DO NOTHING",
    [DB_STMT_CASE_WORD_RANGE] = "SELECT word FROM case_fts_word WHERE word"
				" >= ?1 AND word < ?2 ORDER BY word"
				" LIMIT ?3",
};

struct store_stmt *db_stmt(struct db *db, enum db_stmt_id id)
{
	if (!db->stmts[id]) {
		if (store_prepare(db->conn, stmt_sql[id], STORE_PERSISTENT,
				  &db->stmts[id]) != STORE_OK)
			return NULL;
	}
	return db->stmts[id];
}

struct store_stmt *db_stmt_sql(struct db *db, enum db_stmt_id id,
			       char *(*sql)(void))
{
	if (!db->stmts[id]) {
		char *text = sql();
		int rc = store_prepare(db->conn, text, STORE_PERSISTENT,
				       &db->stmts[id]);
		free(text);
		if (rc != STORE_OK)
			return NULL;
	}
	return db->stmts[id];
}

enum tb_status db_each(struct db *db, const char *sql,
		       const struct db_param *params, db_row_fn fn, void *arg)
{
	struct store_stmt *st = NULL;
	if (store_prepare(db->conn, sql, 0, &st) != STORE_OK)
		return TB_DB;
	int n = store_param_count(st);
	for (int i = 0; params && params[i].kind != DB_PARAM_END && i < n;
	     i++) {
		if (params[i].kind == DB_PARAM_INT)
			store_bind_int64(st, i + 1, params[i].i);
		else
			store_bind_text(st, i + 1, params[i].t);
	}
	enum tb_status status = db_rows(st, fn, arg);
	store_finalize(st);
	return status;
}

void db_each_warm(struct db *db, const char *sql)
{
	struct store_stmt *st = NULL;
	if (store_prepare(db->conn, sql, 0, &st) == STORE_OK)
		store_finalize(st);
}

enum tb_status db_rows(struct store_stmt *st, db_row_fn fn, void *arg)
{
	int rc;
	while ((rc = store_step(st)) == STORE_ROW)
		if (!fn(st, arg))
			return TB_OK;
	return rc == STORE_DONE ? TB_OK : TB_DB;
}

struct first {
	long long v;
	bool found;
};

static bool first_int(struct store_stmt *st, void *arg)
{
	struct first *f = arg;
	f->v = store_column_int64(st, 0); /* NULL reads 0 */
	f->found = true;
	return false;
}

enum tb_status db_first_value(struct db *db, const char *sql,
			      const struct db_param *params, long long *out)
{
	struct first f = {0};
	enum tb_status st = db_each(db, sql, params, first_int, &f);
	if (st != TB_OK)
		return st;
	if (!f.found)
		return TB_NOT_FOUND;
	*out = f.v;
	return TB_OK;
}

long long db_first_int(struct db *db, const char *sql,
		       const struct db_param *params, long long none)
{
	long long v;
	return db_first_value(db, sql, params, &v) == TB_OK ? v : none;
}

enum tb_status db_commit_if(struct db *db, enum tb_status st)
{
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK)
		db_rollback(db);
	return st;
}

unsigned long long db_statements_run(struct db *db)
{
	return store_statements_run(db->conn);
}

int db_step_id(struct store_stmt *st, long long *id)
{
	int rc = store_step(st);
	if (rc != STORE_ROW)
		return rc == STORE_DONE ? STORE_ERROR : rc;
	*id = store_column_int64(st, 0);
	return store_step(st);
}

char *db_column_dup(struct store_stmt *st, int col)
{
	const char *t = db_column_text(st, col);
	if (!t)
		return NULL;
	return xstrndup(t, (size_t)store_column_bytes(st, col));
}

enum tb_status db_exec_bound(struct db *db, const char *sql, long long a,
			     long long b, const char *text)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	if (store_prepare(db->conn, sql, 0, &st) == STORE_OK) {
		int n = store_param_count(st);
		store_bind_int64(st, 1, a);
		if (n >= 2)
			store_bind_int64(st, 2, b);
		if (n >= 3)
			store_bind_text(st, 3, text);
		if (store_step(st) == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(st);
	return status;
}

long long *db_ids_distinct(const long long *ids, size_t n, size_t *n_out)
{
	long long *u = xmalloc((n ? n : 1) * sizeof(*u));
	if (n)
		memcpy(u, ids, n * sizeof(*u));
	qsort(u, n, sizeof(*u), util_cmp_ll);
	size_t nu = 0;
	for (size_t i = 0; i < n; i++)
		if (!nu || u[nu - 1] != u[i])
			u[nu++] = u[i];
	*n_out = nu;
	return u;
}

/* The statements the first screen prepared (the case list's, its
 * readiness, the access log's), which db_ready_writes' temporary
 * triggers expired, prepared again now: else the first key of each kind
 * prepares again those it runs (some 1.6 M instructions of the first
 * page or queue at 100,000 cases). */
static void renew(struct db *db)
{
	for (int i = 0; i < DB_STMT__COUNT; i++)
		(void)store_renew(db->stmts[i]);
	for (int i = 0; i < DB_LIST_CACHE; i++)
		(void)store_renew(db->list_cache[i].st);
	for (int i = 0; i < DB_SEAL_STMTS; i++)
		(void)store_renew(db->seal_stmts[i]);
	for (int i = 0; i < DB_ACCESS_ROWS; i++) {
		(void)store_renew(db->access_insert[i]);
		(void)store_renew(db->access_insert_checked[i]);
	}
}

bool db_warm(struct db *db)
{
	static const enum db_stmt_id ids[] = {DB_STMT_CASE_READY,
					      DB_STMT_CASE_READY_MANY};
	/* on a server each would be a round trip of its own before the
	 * first key; there a statement is prepared as its key needs it */
	if (db->read_ahead)
		return false;
	renew(db);
	for (size_t i = 0; i < UTIL_ARRAY_LEN(ids); i++)
		(void)db_stmt(db, ids[i]);
	db_case_warm(db);
	db_agenda_listed_warm(db);
	db_meeting_warm(db);
	return true;
}

double db_server_cpu_ms(struct db *db)
{
	return db && db->conn ? store_server_cpu_ms(db->conn) : -1;
}

void db_cache_small(struct db *db, bool small)
{
	store_cache_small(db->conn, small);
}

/*
 * db_access_lookup — the access log read: the queries of `tumorboard log`,
 * and the lookups that find the entries of one patient and of one case
 * without reading the whole log (schema 23).
 *
 * A page of the case list logs some thirty reads of thirty patients. An
 * index of the log by patient (and one by case) takes each entry at
 * another place of the archive: at 100,000 cases the two indexes were
 * half of a new page's time (pages read and written for every entry). The
 * lookups are therefore tables of their own beside the log, filled from
 * it up to a mark (access_log_indexed.upto): at the end of every batch of
 * a command, and on the screen in a pause between keys (db_idle), or at
 * once when DB_ACCESS_LOOKUP_CAP entries wait. The entries past the mark
 * are found by reading those alone (their ids follow the mark), so a
 * query is complete whether the lookups have caught up or not. verify
 * checks that the lookups hold every entry up to the mark and nothing
 * else.
 */
#include "db_access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "diag.h"
#include "i18n.h"
#include "util.h"

/* How far the lookups reach (0 when the mark is gone: every entry is then
 * read as one past it). */
#define MARK "(SELECT coalesce(max(upto), 0) FROM access_log_indexed)"

/* The entries past the mark into both lookups, then the mark moved to
 * the newest entry: a catch-up, and the filling of the schema step. A
 * row already there for an entry past the mark (put in ahead, by hand or
 * by PostgreSQL's application role, which may add to the lookups) is the
 * entry's own: kept, not a failure of every read from then on. */
#define FILL_PATIENT                                                           \
	"INSERT INTO access_log_by_patient (patient_id, id)"                   \
	" SELECT patient_id, id FROM access_log"                               \
	" WHERE id > " MARK /* untranslated: SQL */ " ON CONFLICT DO NOTHING"
#define FILL_CASE                                                              \
	"INSERT INTO access_log_by_case (case_id, id)"                         \
	" SELECT case_id, id FROM access_log"                                  \
	" WHERE id > " MARK " AND case_id IS NOT NULL" /* untranslated: SQL */ \
	" ON CONFLICT DO NOTHING"
#define FILL_MARK                                                              \
	"UPDATE access_log_indexed SET upto ="                                 \
	" (SELECT max(id) FROM access_log)"                                    \
	" WHERE upto < (SELECT max(id) FROM access_log)"

const char *const db_access_lookup_schema[] = {
    "CREATE TABLE access_log_by_patient ("
    " patient_id INTEGER NOT NULL, id INTEGER NOT NULL,"
    " PRIMARY KEY (patient_id, id)"
    ") STRICT, WITHOUT ROWID",
    "CREATE TABLE access_log_by_case ("
    " case_id INTEGER NOT NULL, id INTEGER NOT NULL,"
    " PRIMARY KEY (case_id, id)"
    ") STRICT, WITHOUT ROWID",
    "CREATE TABLE access_log_indexed (upto INTEGER NOT NULL) STRICT",
    "INSERT INTO access_log_indexed (upto) VALUES (0)",
    FILL_PATIENT,
    FILL_CASE,
    FILL_MARK,
    "DROP INDEX access_log_patient",
    "DROP INDEX access_log_case",
    NULL};

/* The statements prepared, then stepped, not run as a script: on a
 * server a script drops every statement the connection keeps for reuse,
 * is parsed and planned every time and waited for; prepared, the three
 * are kept, and inside a transaction they go with its commit (writes
 * sent ahead: store.h). All three are prepared before the first is
 * stepped: a statement prepared afresh behind a write sent ahead waits
 * for that write's answer first. */
enum tb_status db_access_lookup_fill(struct store *s)
{
	static const char *const fill[] = {FILL_PATIENT, FILL_CASE, FILL_MARK};
	struct store_stmt *st[UTIL_ARRAY_LEN(fill)] = {NULL};
	int rc = STORE_OK;
	for (size_t i = 0; rc == STORE_OK && i < UTIL_ARRAY_LEN(fill); i++)
		rc = store_prepare(s, fill[i], 0, &st[i]);
	for (size_t i = 0; rc == STORE_OK && i < UTIL_ARRAY_LEN(fill); i++)
		if (store_step(st[i]) != STORE_DONE)
			rc = STORE_ERROR;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(fill); i++)
		store_finalize(st[i]);
	return rc == STORE_OK ? TB_OK : TB_DB;
}

enum tb_status db_access_lookup_catch_up(struct db *db)
{
	if (!db->access_behind)
		return TB_OK;
	if (store_in_transaction(db->conn))
		return TB_OK; /* at the next pause, or when the db closes */
	unsigned long long other, own0 = 0;
	bool versioned =
	    store_data_version(db->conn, &other, &own0) == STORE_OK;
	/* never a wait for another terminal's write: the next pause */
	db->busy_no_wait = true;
	int rc = store_begin(db->conn);
	db->busy_no_wait = false;
	if (rc != STORE_OK)
		return TB_DB;
	if (db_access_lookup_fill(db->conn) != TB_OK ||
	    store_commit(db->conn) != STORE_OK) {
		store_rollback(db->conn);
		return TB_DB;
	}
	db->access_behind = 0;
	/* the lookups are the access log's: no screen reads again for them
	 * (db_data_version) */
	if (versioned)
		db_access_own_since(db, own0, &other);
	return TB_OK;
}

/* " AND" the entries of one patient or case (column "patient" or "case",
 * param the placeholder of its id), through the lookup and past its mark;
 * the query's log is "a". */
static void lookup_where(struct strbuf *sb, const char *column,
			 const char *param)
{
	/* the column itself as well: a lookup's row never widens a query */
	strbuf_printf(sb,
		      " AND a.%s_id = %s AND a.id IN (SELECT id FROM"
		      " access_log_by_%s WHERE %s_id = %s UNION ALL SELECT id"
		      " FROM access_log WHERE id > " MARK " AND %s_id = %s)",
		      column, param, column, column, param, column, param);
}

/* ------------------------------------------------------------------------
 * Reading
 * ---------------------------------------------------------------------- */

/* The WHERE clause of f over access_log a, parameters ?1–?5. */
static void where(struct strbuf *sb, const struct db_access_filter *f)
{
	strbuf_puts(sb, " WHERE TRUE");
	if (f->patient_id)
		lookup_where(sb, "patient", "?1");
	if (f->case_id)
		lookup_where(sb, "case", "?2");
	if (f->who)
		strbuf_puts(sb, " AND a.who = ?3");
	if (f->from)
		strbuf_puts(sb, " AND a.at >= ?4");
	if (f->to)
		/* the whole day --to names (at is an ISO 8601 time) */
		strbuf_puts(sb, " AND substr(a.at, 1, 10) <= ?5");
	if (f->unreviewed_flagged)
		strbuf_puts(sb, " AND a.relation IN ('emergency','none')"
				" AND NOT EXISTS (SELECT 1 FROM access_review r"
				" WHERE r.access_id = a.id)");
}

/* The parameters of where(f): ?1–?5 (those f leaves out are not in the
 * SQL), then ?6 = extra. */
#define FILTER_PARAMS(f, extra)                                                \
	DB_PARAMS(DB_INT((f)->patient_id), DB_INT((f)->case_id),               \
		  DB_TEXT((f)->who), DB_TEXT((f)->from), DB_TEXT((f)->to),     \
		  DB_INT(extra))

struct access_fn {
	union {
		bool (*row)(const struct db_access_row *r, void *arg);
		bool (*volume)(const char *who, const char *day,
			       long long patients, void *arg);
	} fn;
	void *arg;
};

static bool access_row(struct store_stmt *st, void *arg)
{
	const struct access_fn *x = arg;
	struct db_access_row r = {
	    .id = store_column_int64(st, 0),
	    .at = db_column_text(st, 1),
	    .who = db_column_text(st, 2),
	    .unit = db_column_text(st, 3),
	    .what = db_column_text(st, 4),
	    .patient_id = store_column_int64(st, 5),
	    .case_id = store_column_int64(st, 6),
	    .case_ext = db_column_text(st, 7),
	    .relation = db_column_text(st, 8),
	    .reason = db_column_text(st, 9),
	    .reviewed = db_column_text(st, 10),
	    .reviewed_by = db_column_text(st, 11),
	    .reviewed_at = db_column_text(st, 12),
	    .emergency_id = store_column_int64(st, 13),
	    .emergency_until = db_column_text(st, 14),
	    .who_name = db_column_text(st, 15),
	    .who_title = db_column_text(st, 16),
	    .review_marks = store_column_int64(st, 17),
	};
	return x->fn.row(&r, x->arg);
}

enum tb_status
db_access_each(struct db *db, const struct db_access_filter *f,
	       bool (*fn)(const struct db_access_row *r, void *arg), void *arg)
{
	struct strbuf sql = {0};
	struct access_fn x = {.fn.row = fn, .arg = arg};
	strbuf_puts(&sql,
		    "SELECT a.id, a.at, a.who, a.unit, a.what, a.patient_id,"
		    " a.case_id, c.external_id, a.relation, e.reason,"
		    " r.finding, r.by, r.at, a.emergency_id, e.until,"
		    " u.name, u.title, (SELECT count(*) FROM access_review"
		    " WHERE access_id = a.id) FROM access_log a"
		    " LEFT JOIN cases c ON c.id = a.case_id"
		    " LEFT JOIN emergency_access e ON e.id = a.emergency_id"
		    " LEFT JOIN users u ON u.account = a.who"
		    " LEFT JOIN access_review r ON r.id = (SELECT max(id) FROM"
		    " access_review WHERE access_id = a.id)");
	where(&sql, f);
	strbuf_puts(&sql, " ORDER BY a.id");
	enum tb_status status =
	    db_each(db, sql.buf, FILTER_PARAMS(f, 0), access_row, &x);
	strbuf_done(&sql);
	return status;
}

static bool volume_row(struct store_stmt *st, void *arg)
{
	const struct access_fn *x = arg;
	return x->fn.volume(db_column_text(st, 0), db_column_text(st, 1),
			    store_column_int64(st, 2), x->arg);
}

enum tb_status db_access_volume(struct db *db, const struct db_access_filter *f,
				long long limit,
				bool (*fn)(const char *who, const char *day,
					   long long patients, void *arg),
				void *arg)
{
	struct strbuf sql = {0};
	struct access_fn x = {.fn.volume = fn, .arg = arg};
	strbuf_puts(&sql, "SELECT a.who, substr(a.at, 1, 10) AS day,"
			  " count(DISTINCT a.patient_id) AS n"
			  " FROM access_log a");
	struct db_access_filter g = *f;
	g.unreviewed_flagged = false;
	where(&sql, &g);
	/* a reviewer's list of the log names cases without reading them
	 * (still logged, as "log-list"): not a read of patients */
	strbuf_puts(&sql, " AND a.what <> 'log-list'");
	strbuf_puts(&sql, " GROUP BY a.who, day HAVING count(DISTINCT"
			  " a.patient_id) > ?6"
			  " ORDER BY day, a.who");
	enum tb_status status =
	    db_each(db, sql.buf, FILTER_PARAMS(&g, limit), volume_row, &x);
	strbuf_done(&sql);
	return status;
}

enum tb_status db_access_patient_find(struct db *db, const char *pnr,
				      struct db_access_patient *out)
{
	struct store_stmt *st = db_stmt(db, DB_STMT_PATIENT_FIND);
	memset(out, 0, sizeof(*out));
	if (!st)
		return TB_DB;
	store_bind_text(st, 1, pnr);
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		out->id = store_column_int64(st, 0);
		out->family_name = db_column_dup(st, 2);
		out->given_name = db_column_dup(st, 3);
		out->birth_date = db_column_dup(st, 4);
		out->language = db_column_dup(st, 6);
	}
	store_reset(st);
	store_clear_bindings(st);
	if (rc == STORE_ROW)
		return TB_OK;
	return rc == STORE_DONE ? TB_NOT_FOUND : TB_DB;
}

void db_access_patient_done(struct db_access_patient *p)
{
	free(p->given_name);
	free(p->family_name);
	free(p->birth_date);
	free(p->language);
	memset(p, 0, sizeof(*p));
}

/* A lookup's row or an entry found wrong: which lookup ("patient",
 * "case"), and where problems go. */
struct wrong {
	struct diag *d;
	const char *lookup;
};

/* A pair (id, key) found on one side only: column 2 says which (0: an
 * entry up to the mark that its lookup lacks; 1: a lookup's row that is
 * no such entry's). Each lookup's words whole, for the translation. */
static bool one_sided(struct store_stmt *st, void *arg)
{
	const struct wrong *w = arg;
	bool by_patient = strcmp(w->lookup, "patient") == 0;
	long long id = store_column_int64(st, 0);
	long long key = store_column_int64(st, 1);
	if (store_column_int64(st, 2) == 0)
		diag_add(w->d, NULL, 0,
			 /* untranslated: an audit detail */ "access log",
			 by_patient
			     ? _("access log entry %lld is missing from the "
				 "log's lookup by patient (a read of that "
				 "patient would not be listed)")
			     : _("access log entry %lld is missing from the "
				 "log's lookup by case (a read of that case "
				 "would not be listed)"),
			 id);
	else
		diag_add(w->d, NULL, 0,
			 /* untranslated: an audit detail */ "access log",
			 by_patient
			     ? _("the access log's lookup by patient names "
				 "entry %lld for patient %lld, which the log "
				 "does not hold")
			     : _("the access log's lookup by case names entry "
				 "%lld for case %lld, which the log does not "
				 "hold"),
			 id, key);
	return true;
}

static bool bad_mark(struct store_stmt *st, void *arg)
{
	diag_add(arg, NULL, 0,
		 /* untranslated: an audit detail */ "access log",
		 _("the access log's lookups say they hold the entries up "
		   "to %lld, but the log's newest entry is %lld (an entry "
		   "added later would not be listed by patient or case)"),
		 (long long)store_column_int64(st, 0),
		 (long long)store_column_int64(st, 1));
	return true;
}

static bool mark_count(struct store_stmt *st, void *arg)
{
	diag_add(arg, NULL, 0,
		 /* untranslated: an audit detail */ "access log",
		 _("the access log's lookups have %lld marks of how far "
		   "they reach, not one"),
		 (long long)store_column_int64(st, 0));
	return true;
}

/* One lookup (by "patient" or "case") against the log, in one statement
 * (one snapshot, while screens catch the lookups up): the entries up to
 * the mark and the lookup's rows, each read in its own order and sorted
 * together once, a pair found on one side only reported. Not a probe of
 * the other side per row: at a million entries those read a page of the
 * archive for nearly every entry (verify took seconds per lookup where
 * the whole chain takes under one). */
static enum tb_status verify_lookup(struct db *db, struct diag *d,
				    const char *column)
{
	struct wrong w = {.d = d, .lookup = column};
	char *sql = xasprintf(
	    "SELECT id, k, max(side) FROM (SELECT id, %s_id AS k, 0 AS side"
	    " FROM access_log WHERE id <= " MARK " AND %s_id IS NOT NULL"
	    " UNION ALL SELECT id, %s_id, 1 FROM access_log_by_%s) AS s"
	    " GROUP BY k, id HAVING count(*) = 1 ORDER BY id, max(side)",
	    column, column, column, column);
	enum tb_status st = db_each(db, sql, NULL, one_sided, &w);
	free(sql);
	return st;
}

enum tb_status db_access_lookup_verify(struct db *db, struct diag *d)
{
	enum tb_status st = db_each(
	    db, "SELECT count(*) FROM access_log_indexed HAVING count(*) <> 1",
	    NULL, mark_count, d);
	if (st == TB_OK)
		st = db_each(db,
			     "SELECT " MARK ", n FROM (SELECT coalesce(max(id),"
			     " 0) AS n FROM access_log) AS newest WHERE " MARK
			     " > n",
			     NULL, bad_mark, d);
	if (st == TB_OK)
		st = verify_lookup(db, d, "patient");
	if (st == TB_OK)
		st = verify_lookup(db, d, "case");
	return st;
}

/*
 * What became of each decision: its follow-up (carried out or not, and
 * why), when the patient was told, and the follow-up list's own index of
 * the latest decisions by their follow-up date (schema 28), read a
 * window at a time.
 */
#include "db_decision.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_internal.h"
#include "util.h"

void db_followup_done(struct db_followup *f)
{
	free(f->note);
	free(f->updated_by);
	free(f->informed_by);
	free(f->how);
	memset(f, 0, sizeof(*f));
}

/* The columns read into a struct db_followup, from the follow-up f and
 * the patient told i of a decision. */
#define FOLLOWUP_COLS                                                          \
	/* untranslated: SQL */                                                \
	"f.status, f.reason, f.note, f.updated, f.updated_by,"                 \
	" i.informed_on, i.informed_by, i.how"

static void followup_read(struct store_stmt *st, int col,
			  struct db_followup *out)
{
	const char *t;
	memset(out, 0, sizeof(*out));
	if ((t = db_column_text(st, col)))
		snprintf(out->status, sizeof(out->status), "%s", t);
	if ((t = db_column_text(st, col + 1)))
		snprintf(out->reason, sizeof(out->reason), "%s", t);
	out->note = db_column_dup(st, col + 2);
	if ((t = db_column_text(st, col + 3)))
		snprintf(out->updated, sizeof(out->updated), "%s", t);
	out->updated_by = db_column_dup(st, col + 4);
	if ((t = db_column_text(st, col + 5)))
		snprintf(out->informed_on, sizeof(out->informed_on), "%s", t);
	out->informed_by = db_column_dup(st, col + 6);
	out->how = db_column_dup(st, col + 7);
}

enum tb_status db_followup_get(struct db *db, long long decision_id,
			       struct db_followup *out)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	memset(out, 0, sizeof(*out));
	if (store_prepare(db->conn,
			  "SELECT " FOLLOWUP_COLS
			  " FROM (SELECT CAST(?1 AS INTEGER) AS id) k"
			  " LEFT JOIN follow_up f ON f.decision_id = k.id"
			  " LEFT JOIN patient_informed i ON i.decision_id ="
			  " k.id",
			  0, &st) != STORE_OK)
		return TB_DB;
	store_bind_int64(st, 1, decision_id);
	if (store_step(st) == STORE_ROW) {
		followup_read(st, 0, out);
		status = TB_OK;
	}
	store_finalize(st);
	return status;
}

static bool decision_exists(struct db *db, long long id)
{
	struct tb_decision d;
	if (db_decision_get(db, id, &d) != TB_OK)
		return false;
	db_decision_done(&d);
	return true;
}

enum tb_status db_followup_set(struct db *db, long long decision_id,
			       const char *status, const char *reason,
			       const char *note)
{
	bool done = strcmp(status, "done") == 0;
	if (!done && strcmp(status, "not-done") != 0)
		return TB_INVALID;
	if (!done && (!reason || (strcmp(reason, "medical") != 0 &&
				  strcmp(reason, "patient-wish") != 0 &&
				  strcmp(reason, "other") != 0)))
		return TB_INVALID;
	if (!decision_exists(db, decision_id))
		return TB_NOT_FOUND;
	char now[21];
	clock_timestamp(now);
	struct store_stmt *st = NULL;
	enum tb_status rc = TB_DB;
	/* inside the caller's transaction (with its access log entry,
	 * followup_record) or one of its own */
	bool own = !store_in_transaction(db->conn);
	if (own && db_begin(db) != TB_OK)
		return TB_DB;
	if (store_prepare(
		db->conn,
		"INSERT INTO follow_up (decision_id, status, reason, note,"
		" updated, updated_by) VALUES (?1, ?2, ?3, nullif(?4, ''), ?5,"
		" ?6) ON CONFLICT (decision_id) DO UPDATE SET status ="
		" excluded.status, reason = excluded.reason, note ="
		" excluded.note, updated = excluded.updated, updated_by ="
		" excluded.updated_by",
		0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, decision_id);
	store_bind_text(st, 2, status);
	store_bind_text(st, 3, done ? NULL : reason);
	store_bind_text(st, 4, note);
	store_bind_text(st, 5, now);
	store_bind_text(st, 6, db_actor());
	if (store_step(st) != STORE_DONE)
		goto cleanup;
	rc = db_exec_bound(db,
			   "UPDATE cases SET status = 'followed-up'"
			   " WHERE id = (SELECT case_id FROM decision"
			   " WHERE id = ?1) AND status IN ('signed',"
			   " 'communicated') AND ?2 = 0",
			   decision_id, 0, NULL);
	/* why it was not done concerns the patient: the reason and the
	 * note stay in follow_up, the log says only that they exist */
	if (rc == TB_OK)
		rc = db_audit_append(
		    db, db_actor(), "follow-up", "decision", decision_id,
		    done ? (note && *note ? /* untranslated: an audit detail */
				"follow-up: done; note recorded"
					  : /* untranslated: an audit detail */
				"follow-up: done")
			 : /* untranslated: an audit detail */ "follow-up: not "
							       "done; reason "
							       "recorded");
	if (rc == TB_OK && own)
		rc = db_commit(db);
cleanup:
	store_finalize(st);
	if (rc != TB_OK && own)
		db_rollback(db);
	return rc;
}

enum tb_status db_followup_informed(struct db *db, long long decision_id,
				    const char *on, const char *by,
				    const char *how)
{
	if (util_blank(on) || util_blank(by))
		return TB_INVALID;
	if (!decision_exists(db, decision_id))
		return TB_NOT_FOUND;
	struct store_stmt *st = NULL;
	enum tb_status rc = TB_DB;
	bool own = !store_in_transaction(db->conn);
	if (own && db_begin(db) != TB_OK)
		return TB_DB;
	if (store_prepare(
		db->conn,
		"INSERT INTO patient_informed (decision_id, informed_on,"
		" informed_by, how) VALUES (?1, ?2, ?3, nullif(?4, ''))"
		" ON CONFLICT (decision_id) DO UPDATE SET informed_on ="
		" excluded.informed_on, informed_by = excluded.informed_by,"
		" how = excluded.how",
		0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, decision_id);
	store_bind_text(st, 2, on);
	store_bind_text(st, 3, by);
	store_bind_text(st, 4, how);
	if (store_step(st) != STORE_DONE)
		goto cleanup;
	rc = db_exec_bound(db,
			   "UPDATE cases SET status = 'communicated'"
			   " WHERE id = (SELECT case_id FROM decision"
			   " WHERE id = ?1) AND status = 'signed'"
			   " AND ?2 = 0",
			   decision_id, 0, NULL);
	if (rc == TB_OK)
		rc = db_audit_append(db, db_actor(), "informed", "decision",
				     decision_id,
				     /* untranslated: an audit detail */
				     "the patient was informed");
	if (rc == TB_OK && own)
		rc = db_commit(db);
cleanup:
	store_finalize(st);
	if (rc != TB_OK && own)
		db_rollback(db);
	return rc;
}

/* ------------------------------------------------------------------------
 * The follow-up list's index (schema 28)
 * ---------------------------------------------------------------------- */

/* Schema 28: the follow-up list reads a window of the latest decisions by
 * their follow-up date; without an index of its own it read and decoded
 * every decision ever signed on each opening (90 ms at 4,767 decisions).
 * A row per decision: its follow-up date (NULL when it gives none), the
 * day it stands at in the list (that date, else the day it was signed),
 * whether it is still the latest of its chain, what the list shows of it
 * (the owner, the recommendation's field and value: a row is never
 * decoded from the content), and whether those were read from its
 * content (known). The decisions signed before this schema
 * are entered unknown, at the day they were signed: their dates are
 * read from their content once, by who knows the forms
 * (followup_due_catch_up, followup.c). An archive taken back to an
 * older schema and brought up again gets its index made anew. */
const char *const db_followup_schema_v28[] = {
    "DROP TABLE IF EXISTS followup_due;",
    "CREATE TABLE followup_due ("
    " decision_id INTEGER PRIMARY KEY REFERENCES decision(id),"
    " case_id INTEGER NOT NULL REFERENCES cases(id),"
    " due TEXT, day TEXT NOT NULL, owner TEXT,"
    " rec_field TEXT, rec_value TEXT,"
    " latest INTEGER NOT NULL CHECK (latest = 0 OR latest = 1),"
    " known INTEGER NOT NULL CHECK (known = 0 OR known = 1)"
    ") STRICT;",
    "CREATE INDEX followup_due_list ON followup_due(day, decision_id)"
    " WHERE latest = 1;",
    "CREATE INDEX followup_due_unknown ON followup_due(decision_id)"
    " WHERE known = 0;",
    "INSERT INTO followup_due (decision_id, case_id, due, day, latest,"
    " known) SELECT d.id, d.case_id, NULL, substr(d.signed_at, 1, 10),"
    " CASE WHEN s.supersedes IS NULL THEN 1 ELSE 0 END, 0"
    " FROM decision d LEFT JOIN (SELECT DISTINCT supersedes FROM decision"
    " WHERE supersedes IS NOT NULL) s ON s.supersedes = d.id;",
    NULL};

void db_followup_facts_done(struct tb_followup_facts *f)
{
	free(f->due);
	free(f->owner);
	free(f->rec_field);
	free(f->rec_value);
	memset(f, 0, sizeof(*f));
}

/* ?5 … ?8: the facts (NULL for each not given) */
static void bind_facts(struct store_stmt *st, const struct tb_followup_facts *f)
{
	store_bind_text(st, 5, f->due);
	store_bind_text(st, 6, f->owner);
	store_bind_text(st, 7, f->rec_field);
	store_bind_text(st, 8, f->rec_value);
}

enum tb_status db_followup_due_add(struct db *db, const struct tb_decision *d)
{
	struct store_stmt *st = NULL;
	enum tb_status rc = TB_DB;
	if (store_prepare(db->conn,
			  "INSERT INTO followup_due (decision_id, case_id, due,"
			  " day, owner, rec_field, rec_value, latest, known)"
			  " VALUES (?1, ?2, ?5, coalesce(?5, substr(?4, 1,"
			  " 10)), ?6, ?7, ?8, 1, 1)",
			  0, &st) != STORE_OK)
		goto out;
	store_bind_int64(st, 1, d->id);
	store_bind_int64(st, 2, d->case_id);
	store_bind_text(st, 4, d->signed_at);
	bind_facts(st, &d->follow_up);
	if (store_step(st) != STORE_DONE)
		goto out;
	/* the version it amends leaves the list */
	rc = d->supersedes ? db_exec_bound(db,
					   "UPDATE followup_due SET latest = 0"
					   " WHERE decision_id = ?1 AND ?2 = 0",
					   d->supersedes, 0, NULL)
			   : TB_OK;
out:
	store_finalize(st);
	return rc;
}

struct unknown {
	bool (*cb)(long long id, const char *form_id, const char *form_version,
		   const char *content, void *arg);
	void *arg;
};

static bool unknown_row(struct store_stmt *st, void *arg)
{
	const struct unknown *u = arg;
	return u->cb(store_column_int64(st, 0), db_column_text(st, 1),
		     db_column_text(st, 2), db_column_text(st, 3), u->arg);
}

enum tb_status db_followup_unknown(struct db *db, int limit,
				   bool (*cb)(long long id, const char *form_id,
					      const char *form_version,
					      const char *content, void *arg),
				   void *arg)
{
	struct unknown u = {cb, arg};
	return db_each(db,
		       "SELECT d.id, d.form_id, d.form_version, d.content"
		       " FROM followup_due x JOIN decision d ON d.id ="
		       " x.decision_id WHERE x.known = 0"
		       " ORDER BY x.decision_id LIMIT ?1",
		       DB_PARAMS(DB_INT(limit)), unknown_row, &u);
}

static bool count_row(struct store_stmt *st, void *arg)
{
	*(long long *)arg = store_column_int64(st, 0);
	return false;
}

enum tb_status db_followup_unknown_count(struct db *db, long long *n)
{
	*n = 0;
	return db_each(db, "SELECT count(*) FROM followup_due WHERE known = 0",
		       NULL, count_row, n);
}

enum tb_status db_followup_due_put(struct db *db, long long decision_id,
				   const struct tb_followup_facts *f)
{
	struct store_stmt *st = NULL;
	enum tb_status rc = TB_DB;
	if (store_prepare(db->conn,
			  "UPDATE followup_due SET due = ?5, day = coalesce(?5,"
			  " day), owner = ?6, rec_field = ?7, rec_value = ?8,"
			  " known = 1 WHERE decision_id = ?1",
			  0, &st) == STORE_OK) {
		store_bind_int64(st, 1, decision_id);
		bind_facts(st, f);
		if (store_step(st) == STORE_DONE)
			rc = TB_OK;
	}
	store_finalize(st);
	return rc;
}

/* The columns of a row of the window, from the index x, the decision d,
 * its case c and patient p, and what was recorded (f, i). */
#define ITEM_COLS                                                              \
	/* untranslated: SQL */                                                \
	"x.decision_id, x.case_id, d.version, c.external_id, p.family_name,"   \
	" p.given_name, d.form_id, d.form_version, x.owner, x.rec_field,"      \
	" x.rec_value, coalesce(x.due, ''), x.day, " FOLLOWUP_COLS
#define ITEM_FROM                                                              \
	/* untranslated: SQL */                                                \
	" FROM followup_due x JOIN cases c ON c.id = x.case_id"
#define ITEM_JOINS                                                             \
	/* untranslated: SQL */                                                \
	" JOIN decision d ON d.id = x.decision_id"                             \
	" JOIN patient p ON p.id = c.patient_id"                               \
	" LEFT JOIN follow_up f ON f.decision_id = x.decision_id"              \
	" LEFT JOIN patient_informed i ON i.decision_id = x.decision_id"

struct window_fn {
	bool (*cb)(const struct db_followup_item *it, void *arg);
	void *arg;
};

static bool item_row(struct store_stmt *st, void *arg)
{
	const struct window_fn *w = arg;
	const char *t;
	struct db_followup_item it = {
	    .decision_id = store_column_int64(st, 0),
	    .case_row = store_column_int64(st, 1),
	    .version = store_column_int(st, 2),
	    .case_id = (t = db_column_text(st, 3)) ? t : "",
	    .family = (t = db_column_text(st, 4)) ? t : "",
	    .given = (t = db_column_text(st, 5)) ? t : "",
	    .form_id = (t = db_column_text(st, 6)) ? t : "",
	    .form_version = (t = db_column_text(st, 7)) ? t : "",
	    .owner = (t = db_column_text(st, 8)) ? t : "",
	    .rec_field = (t = db_column_text(st, 9)) ? t : "",
	    .rec_value = (t = db_column_text(st, 10)) ? t : "",
	    .due = (t = db_column_text(st, 11)) ? t : "",
	    .day = (t = db_column_text(st, 12)) ? t : ""};
	followup_read(st, 13, &it.fu);
	bool more = w->cb(&it, w->arg);
	db_followup_done(&it.fu);
	return more;
}

/* The place of the window's first row: the past-th latest decision
 * before today in the user's care (its day and id), and *k how many
 * there are from it to today; *earlier when there is one before it. With
 * fewer, the earliest there is, or today. */
static enum tb_status window_start(struct db *db,
				   const struct db_case_care *care,
				   const char *today, int past, char day[11],
				   long long *id, int *k, bool *earlier)
{
	struct strbuf sb = {0};
	/* the case only for the care rule: the index alone otherwise */
	strbuf_puts(&sb, care ? "SELECT x.day, x.decision_id" ITEM_FROM
				" WHERE x.latest = 1 AND x.day < :today"
			      : "SELECT x.day, x.decision_id FROM"
				" followup_due x WHERE x.latest = 1"
				" AND x.day < :today");
	if (care)
		strbuf_puts(&sb, db_user_care_sql);
	strbuf_puts(&sb, " ORDER BY x.day DESC, x.decision_id DESC"
			 " LIMIT :n");
	struct store_stmt *st = NULL;
	int rc = store_prepare(db->conn, sb.buf, 0, &st);
	strbuf_done(&sb);
	snprintf(day, 11, "%s", today);
	*id = 0;
	*earlier = false;
	if (rc != STORE_OK) {
		store_finalize(st);
		return TB_DB;
	}
	store_bind_text(st, store_param_index(st, ":today"), today);
	store_bind_int64(st, store_param_index(st, ":n"), (long long)past + 1);
	db_user_care_bind(st, care);
	*k = 0;
	while ((rc = store_step(st)) == STORE_ROW) {
		if (*k == past) {
			*earlier = true;
			continue;
		}
		++*k;
		const char *t = db_column_text(st, 0);
		snprintf(day, 11, "%s", t ? t : "");
		*id = store_column_int64(st, 1);
	}
	store_finalize(st);
	return rc == STORE_DONE ? TB_OK : TB_DB;
}

/* db_followup_window's rows: until the ahead-th from today on, the one
 * after it only said to be there. */
static enum tb_status window_rows(struct store_stmt *st, const char *today,
				  struct db_followup_span *span,
				  struct window_fn *w)
{
	int src, n_ahead = 0;
	while ((src = store_step(st)) == STORE_ROW) {
		const char *day = db_column_text(st, 12);
		if (span->ahead >= 0 && day && strcmp(day, today) >= 0 &&
		    ++n_ahead > span->ahead) {
			span->later = true;
			return TB_OK;
		}
		if (!item_row(st, w))
			return TB_OK;
	}
	return src == STORE_DONE ? TB_OK : TB_DB;
}

enum tb_status
db_followup_window(struct db *db, const struct db_case_care *care,
		   const char *today, struct db_followup_span *span,
		   bool (*cb)(const struct db_followup_item *it, void *arg),
		   void *arg)
{
	char day[11] = "";
	long long from = 0;
	int k = 0;
	span->earlier = span->later = false;
	enum tb_status rc = span->past >= 0
				? window_start(db, care, today, span->past, day,
					       &from, &k, &span->earlier)
				: TB_OK;
	if (rc != TB_OK)
		return rc;
	struct strbuf sb = {0};
	strbuf_puts(&sb, "SELECT " ITEM_COLS ITEM_FROM ITEM_JOINS
			 " WHERE x.latest = 1 AND x.day >= :day"
			 " AND (x.day > :day OR x.decision_id >= :id)");
	if (care)
		strbuf_puts(&sb, db_user_care_sql);
	strbuf_puts(&sb, " ORDER BY x.day, x.decision_id");
	/* the rows before today found, the ones ahead and one to say
	 * there are more */
	if (span->past >= 0 && span->ahead >= 0)
		strbuf_printf(&sb, " LIMIT %d", k + span->ahead + 1);
	struct store_stmt *st = NULL;
	int src = store_prepare(db->conn, sb.buf, 0, &st);
	strbuf_done(&sb);
	if (src != STORE_OK) {
		store_finalize(st);
		return TB_DB;
	}
	store_bind_text(st, store_param_index(st, ":day"), day);
	store_bind_int64(st, store_param_index(st, ":id"), from);
	db_user_care_bind(st, care);
	struct window_fn w = {cb, arg};
	rc = window_rows(st, today, span, &w);
	store_finalize(st);
	return rc;
}

/* ------------------------------------------------------------------------
 * The index against the decisions (verify)
 * ---------------------------------------------------------------------- */

struct db_followup_check_fn {
	bool (*fn)(const struct db_followup_check *c, void *arg);
	void *arg;
};

static bool check_row(struct store_stmt *st, void *arg)
{
	const struct db_followup_check_fn *x = arg;
	const char *t;
	struct db_followup_check c = {
	    .decision_id = store_column_int64(st, 0),
	    .case_id = (t = db_column_text(st, 1)) ? t : "",
	    .case_row = store_column_int64(st, 2),
	    .latest = store_column_int(st, 3) != 0,
	    .form_id = (t = db_column_text(st, 4)) ? t : "",
	    .form_version = (t = db_column_text(st, 5)) ? t : "",
	    .content = (t = db_column_text(st, 6)) ? t : "",
	    .signed_on = (t = db_column_text(st, 7)) ? t : "",
	    .indexed = store_column_type(st, 8) != STORE_NULL,
	    .x_case_row = store_column_int64(st, 8),
	    .x_latest = store_column_int(st, 9) != 0,
	    .x_known = store_column_int(st, 10) != 0,
	    .x_day = (t = db_column_text(st, 11)) ? t : "",
	    .x_due = db_column_text(st, 12),
	    .x_owner = db_column_text(st, 13),
	    .x_rec_field = db_column_text(st, 14),
	    .x_rec_value = db_column_text(st, 15)};
	return x->fn(&c, x->arg);
}

enum tb_status
db_followup_check_each(struct db *db,
		       bool (*fn)(const struct db_followup_check *c, void *arg),
		       void *arg, long long *orphans)
{
	struct db_followup_check_fn x = {fn, arg};
	enum tb_status st = db_each(
	    db,
	    "SELECT d.id, c.external_id, d.case_id, CASE WHEN s.supersedes IS"
	    " NULL THEN 1 ELSE 0 END, d.form_id, d.form_version, d.content,"
	    " substr(d.signed_at, 1, 10), x.case_id, x.latest, x.known, x.day,"
	    " x.due, x.owner, x.rec_field, x.rec_value"
	    " FROM decision d JOIN cases c ON c.id = d.case_id"
	    " LEFT JOIN (SELECT DISTINCT supersedes FROM decision"
	    " WHERE supersedes IS NOT NULL) s ON s.supersedes = d.id"
	    " LEFT JOIN followup_due x ON x.decision_id = d.id ORDER BY d.id",
	    NULL, check_row, &x);
	*orphans = 0;
	if (st == TB_OK)
		st = db_each(db,
			     "SELECT count(*) FROM followup_due x WHERE NOT"
			     " EXISTS (SELECT 1 FROM decision d WHERE d.id ="
			     " x.decision_id)",
			     NULL, count_row, orphans);
	return st;
}

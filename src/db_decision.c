#include "db_decision.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_internal.h"
#include "util.h"

void db_decision_done(struct tb_decision *d)
{
	free(d->amend_reason);
	free(d->form_id);
	free(d->form_version);
	free(d->kb_version);
	free(d->content);
	free(d->signed_by);
	free(d->signed_at);
	free(d->attendees);
	free(d->quorum_override);
	free(d->content_hash);
	free(d->case_external_id);
	db_followup_facts_done(&d->follow_up);
	memset(d, 0, sizeof(*d));
}

static const char select_decision[] =
    "SELECT d.id, d.case_id, d.form_instance_id, d.version, d.supersedes,"
    " d.amend_reason, d.meeting_id, d.form_id, d.form_version, d.kb_version,"
    " d.content, d.signed_by, d.signed_at, d.attendees, d.quorum_override,"
    " d.content_hash, c.external_id"
    " FROM decision d JOIN cases c ON c.id = d.case_id";

static void read_row(struct store_stmt *st, struct tb_decision *d)
{
	memset(d, 0, sizeof(*d));
	d->id = store_column_int64(st, 0);
	d->case_id = store_column_int64(st, 1);
	d->form_instance_id = store_column_int64(st, 2);
	d->version = store_column_int(st, 3);
	d->supersedes = store_column_int64(st, 4);
	d->amend_reason = db_column_dup(st, 5);
	d->meeting_id = store_column_int64(st, 6);
	d->form_id = db_column_dup(st, 7);
	d->form_version = db_column_dup(st, 8);
	d->kb_version = db_column_dup(st, 9);
	d->content = db_column_dup(st, 10);
	d->signed_by = db_column_dup(st, 11);
	d->signed_at = db_column_dup(st, 12);
	d->attendees = db_column_dup(st, 13);
	d->quorum_override = db_column_dup(st, 14);
	d->content_hash = db_column_dup(st, 15);
	d->case_external_id = db_column_dup(st, 16);
}

static void bind_id_or_null(struct store_stmt *st, int idx, long long id)
{
	if (id)
		store_bind_int64(st, idx, id);
	else
		store_bind_null(st, idx);
}

enum tb_status db_decision_insert(struct db *db, struct tb_decision *d,
				  void (*hash_fn)(struct tb_decision *d))
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	/* the instance must still be a draft: signing twice is refused */
	if (store_prepare(db->conn,
			  "SELECT (SELECT status FROM form_instance"
			  " WHERE id = ?1 AND case_id = ?2),"
			  " (SELECT coalesce(max(version), 0) FROM decision"
			  " WHERE case_id = ?2),"
			  " (SELECT revision FROM form_instance WHERE id = ?1)",
			  0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, d->form_instance_id);
	store_bind_int64(st, 2, d->case_id);
	if (store_step(st) != STORE_ROW)
		goto cleanup;
	const char *fs = db_column_text(st, 0);
	if (!fs || strcmp(fs, "draft") != 0 ||
	    (d->form_revision &&
	     store_column_int64(st, 2) != d->form_revision)) {
		status = TB_INVALID;
		goto cleanup;
	}
	d->version = store_column_int(st, 1) + 1;
	store_finalize(st);
	st = NULL;
	/* what a signed decision must hold, whatever the caller: it names its
	 * case and draft, says who signed when, and an amendment says why */
	assert(d->case_id > 0 && d->form_instance_id > 0);
	assert(d->content && d->signed_by && *d->signed_by && d->signed_at);
	assert(!d->supersedes || (d->amend_reason && *d->amend_reason));
	assert(d->version >= 1);
	hash_fn(d);
	assert(d->content_hash && strlen(d->content_hash) == 64);
	if (store_prepare(
		db->conn,
		"INSERT INTO decision (case_id, form_instance_id, version,"
		" supersedes, amend_reason, meeting_id, form_id, form_version,"
		" kb_version, content, signed_by, signed_at, attendees,"
		" quorum_override, content_hash) VALUES (?1, ?2, ?3, ?4, ?5,"
		" ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id",
		0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, d->case_id);
	store_bind_int64(st, 2, d->form_instance_id);
	store_bind_int64(st, 3, d->version);
	bind_id_or_null(st, 4, d->supersedes);
	store_bind_text(st, 5, d->amend_reason);
	bind_id_or_null(st, 6, d->meeting_id);
	store_bind_text(st, 7, d->form_id);
	store_bind_text(st, 8, d->form_version);
	store_bind_text(st, 9, d->kb_version);
	store_bind_text(st, 10, d->content);
	store_bind_text(st, 11, d->signed_by);
	store_bind_text(st, 12, d->signed_at);
	store_bind_text(st, 13, d->attendees);
	store_bind_text(st, 14, d->quorum_override);
	store_bind_text(st, 15, d->content_hash);
	if (db_step_id(st, &d->id) != STORE_DONE ||
	    db_followup_due_add(db, d) != TB_OK)
		goto cleanup;
	char *detail = xasprintf(
	    /* untranslated: an audit detail */ "version %d sha256=%s",
	    d->version, d->content_hash);
	status = db_exec_bound(db,
			       "UPDATE form_instance SET status = 'signed'"
			       " WHERE id = ?1",
			       d->form_instance_id, 0, NULL);
	if (status == TB_OK)
		status = db_exec_bound(db,
				       "UPDATE cases SET status = 'signed'"
				       " WHERE id = ?1",
				       d->case_id, 0, NULL);
	/* signed at a meeting: the case was discussed there, while it runs
	 * (a finished meeting's agenda is its record, which the minutes
	 * recorded at its finish: a decision signed later changes neither) */
	if (status == TB_OK && d->meeting_id)
		status = db_exec_bound(
		    db,
		    "UPDATE agenda_item SET status = 'discussed' WHERE"
		    " meeting_id = ?1 AND case_id = ?2 AND status = 'listed'"
		    " AND EXISTS (SELECT 1 FROM meeting WHERE id = ?1 AND"
		    " status = 'running')",
		    d->meeting_id, d->case_id, NULL);
	if (status == TB_OK)
		status = db_audit_append(db, db_actor(),
					 d->supersedes ? "amend" : "sign",
					 "decision", d->id, detail);
	free(detail);
	if (status == TB_OK)
		status = db_commit(db);
cleanup:
	store_finalize(st);
	if (status != TB_OK) {
		db_rollback(db);
		d->id = 0;
	}
	return status;
}

enum tb_status db_decision_get(struct db *db, long long id,
			       struct tb_decision *out)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	char *sql = xasprintf("%s WHERE d.id = ?1", select_decision);
	if (store_prepare(db->conn, sql, 0, &st) == STORE_OK) {
		store_bind_int64(st, 1, id);
		int rc = store_step(st);
		if (rc == STORE_ROW) {
			read_row(st, out);
			status = TB_OK;
		} else if (rc == STORE_DONE)
			status = TB_NOT_FOUND;
	}
	store_finalize(st);
	free(sql);
	return status;
}

struct decision_fn {
	bool (*fn)(const struct tb_decision *d, void *arg);
	void *arg;
};

/* A row as the decision it holds, for db_rows. */
static bool decision_row(struct store_stmt *st, void *arg)
{
	const struct decision_fn *x = arg;
	struct tb_decision d;
	read_row(st, &d);
	bool go = x->fn(&d, x->arg);
	db_decision_done(&d);
	return go;
}

/* Calls fn for each decision a statement's rows hold, until fn says
 * stop; TB_DB when a step failed. */
static enum tb_status
each_row(struct store_stmt *st,
	 bool (*fn)(const struct tb_decision *d, void *arg), void *arg)
{
	struct decision_fn x = {fn, arg};
	return db_rows(st, decision_row, &x);
}

/* Calls fn for each decision the clause (WHERE and ORDER BY, with ?1 =
 * key) selects. */
static enum tb_status
each_where(struct db *db, const char *clause, long long key,
	   bool (*fn)(const struct tb_decision *d, void *arg), void *arg)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	char *sql = xasprintf("%s %s", select_decision, clause);
	if (store_prepare(db->conn, sql, 0, &st) == STORE_OK) {
		store_bind_int64(st, 1, key);
		status = each_row(st, fn, arg);
	}
	store_finalize(st);
	free(sql);
	return status;
}

enum tb_status db_decision_each_sql(
    struct db *db, const char *clause, const struct db_param *params,
    bool (*fn)(const struct tb_decision *d, void *arg), void *arg)
{
	struct decision_fn x = {fn, arg};
	char *sql = xasprintf("%s %s", select_decision, clause);
	enum tb_status status = db_each(db, sql, params, decision_row, &x);
	free(sql);
	return status;
}

enum tb_status
db_decision_each(struct db *db, long long case_id,
		 bool (*fn)(const struct tb_decision *d, void *arg), void *arg)
{
	/* two statements, not "?1 = 0 OR d.case_id = ?1": with the OR the
	 * engine cannot use the index decision_case, and one case's
	 * decisions were read by scanning every decision */
	if (case_id == 0)
		return each_where(db, "ORDER BY d.id", 0, fn, arg);
	return each_where(db, "WHERE d.case_id = ?1 ORDER BY d.id", case_id, fn,
			  arg);
}

enum tb_status db_decision_each_meeting(struct db *db, long long meeting_id,
					bool (*fn)(const struct tb_decision *d,
						   void *arg),
					void *arg)
{
	return each_where(db, "WHERE d.meeting_id = ?1 ORDER BY d.id",
			  meeting_id, fn, arg);
}

enum tb_status db_decision_each_patient(struct db *db, long long patient_id,
					bool (*fn)(const struct tb_decision *d,
						   void *arg),
					void *arg)
{
	return each_where(db, "WHERE c.patient_id = ?1 ORDER BY d.id DESC",
			  patient_id, fn, arg);
}

/* The patient's decisions by one of their cases: sent with the case's
 * own parts (db_decision_send) before the case says who the patient
 * is. */
static char *of_patient_sql(void)
{
	return xasprintf("%s WHERE c.patient_id = (SELECT patient_id FROM"
			 " cases WHERE id = ?1) ORDER BY d.id DESC",
			 select_decision);
}

enum tb_status db_decision_send(struct db *db, long long case_id)
{
	struct store_stmt *st =
	    db_stmt_sql(db, DB_STMT_DECISIONS_OF_PATIENT, of_patient_sql);
	if (!st)
		return TB_DB;
	db_decision_unsend(db);
	store_bind_int64(st, 1, case_id);
	if (store_send(st) != STORE_OK) {
		store_reset(st);
		return TB_DB;
	}
	db->sent_decisions = case_id;
	return TB_OK;
}

void db_decision_unsend(struct db *db)
{
	if (db->sent_decisions)
		store_reset(db_stmt_sql(db, DB_STMT_DECISIONS_OF_PATIENT,
					of_patient_sql));
	db->sent_decisions = 0;
}

enum tb_status
db_decision_each_of_patient(struct db *db, long long case_id,
			    bool (*fn)(const struct tb_decision *d, void *arg),
			    void *arg)
{
	struct store_stmt *st =
	    db_stmt_sql(db, DB_STMT_DECISIONS_OF_PATIENT, of_patient_sql);
	if (!st)
		return TB_DB;
	/* sent ahead for this case, or run here */
	if (db->sent_decisions != case_id) {
		db_decision_unsend(db);
		store_bind_int64(st, 1, case_id);
	}
	db->sent_decisions = 0;
	enum tb_status status = each_row(st, fn, arg);
	store_reset(st);
	return status;
}

enum tb_status db_decision_audit_each(struct db *db,
				      void (*fn)(long long id,
						 const char *detail, void *arg),
				      void *arg)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	if (store_prepare(db->conn,
			  "SELECT entity_id, detail FROM audit"
			  " WHERE entity = 'decision'"
			  " AND action IN ('sign', 'amend') ORDER BY id",
			  0, &st) == STORE_OK) {
		int rc;
		while ((rc = store_step(st)) == STORE_ROW)
			fn(store_column_int64(st, 0), db_column_text(st, 1),
			   arg);
		if (rc == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(st);
	return status;
}

enum tb_status db_decision_search(struct db *db, const char *query, int limit,
				  void (*fn)(long long id, void *arg),
				  void *arg)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	char *fts = db_fts_query(db, query);
	if (!fts)
		return TB_OK; /* no word, no match */
	if (store_prepare(db->conn,
			  "SELECT rowid FROM decision_fts"
			  " WHERE decision_fts MATCH ?1"
			  " ORDER BY rowid DESC LIMIT ?2",
			  0, &st) == STORE_OK) {
		store_bind_text(st, 1, fts);
		store_bind_int64(st, 2, limit);
		int rc;
		while ((rc = store_step(st)) == STORE_ROW)
			fn(store_column_int64(st, 0), arg);
		status = rc == STORE_DONE ? TB_OK : TB_DB;
	}
	store_finalize(st);
	free(fts);
	return status;
}

#include "db_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_internal.h"
#include "util.h"

void db_form_instance_done(struct db_form_instance *fi)
{
	free(fi->form_id);
	free(fi->form_version);
	free(fi->status);
	free(fi->created);
	free(fi->updated);
	free(fi->amend_reason);
	memset(fi, 0, sizeof(*fi));
}

static const char select_instance[] =
    "SELECT f.id, f.case_id, f.form_id, f.form_version, f.status,"
    " f.created, f.updated, a.amends, a.reason, f.revision"
    " FROM form_instance f LEFT JOIN form_amend a ON a.instance_id = f.id";

static enum tb_status read_instance(struct db *db, struct store_stmt *st,
				    struct db_form_instance *out,
				    struct form_values *v)
{
	int rc = store_step(st);
	if (rc == STORE_DONE)
		return TB_NOT_FOUND;
	if (rc != STORE_ROW)
		return TB_DB;
	memset(out, 0, sizeof(*out));
	out->id = store_column_int64(st, 0);
	out->case_id = store_column_int64(st, 1);
	out->form_id = db_column_dup(st, 2);
	out->form_version = db_column_dup(st, 3);
	out->status = db_column_dup(st, 4);
	out->created = db_column_dup(st, 5);
	out->updated = db_column_dup(st, 6);
	out->amends = store_column_int64(st, 7);
	out->amend_reason = db_column_dup(st, 8);
	out->revision = store_column_int64(st, 9);
	if (!v)
		return TB_OK;
	struct store_stmt *vs = NULL;
	enum tb_status status = TB_DB;
	if (store_prepare(db->conn,
			  "SELECT field, value FROM form_value"
			  " WHERE instance_id = ?1",
			  0, &vs) == STORE_OK) {
		store_bind_int64(vs, 1, out->id);
		while ((rc = store_step(vs)) == STORE_ROW)
			form_values_set(v, db_column_text(vs, 0),
					db_column_text(vs, 1));
		if (rc == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(vs);
	if (status != TB_OK)
		db_form_instance_done(out);
	return status;
}

static enum tb_status get_by(struct db *db, const char *where, long long key,
			     struct db_form_instance *out,
			     struct form_values *v)
{
	struct store_stmt *st = NULL;
	char *sql = xasprintf("%s WHERE %s", select_instance, where);
	enum tb_status status = TB_DB;
	if (store_prepare(db->conn, sql, 0, &st) == STORE_OK) {
		store_bind_int64(st, 1, key);
		status = read_instance(db, st, out, v);
	}
	store_finalize(st);
	free(sql);
	return status;
}

enum tb_status db_form_draft(struct db *db, long long case_id,
			     struct db_form_instance *out,
			     struct form_values *v)
{
	return get_by(db, "f.case_id = ?1 AND f.status = 'draft'", case_id, out,
		      v);
}

enum tb_status db_form_get(struct db *db, long long id,
			   struct db_form_instance *out, struct form_values *v)
{
	return get_by(db, "f.id = ?1", id, out, v);
}

/* Writes (or with NULL/"" deletes) one value and notes the revision that
 * changed the field. */
static enum tb_status put_value(struct db *db, long long id, const char *field,
				const char *value, long long revision)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	bool clear = !value || !*value;
	const char *sql =
	    clear ? "DELETE FROM form_value WHERE instance_id = ?1"
		    " AND field = ?2"
		  : "INSERT INTO form_value (instance_id, field, value)"
		    " VALUES (?1, ?2, ?3) ON CONFLICT (instance_id, field)"
		    " DO UPDATE SET value = excluded.value";
	if (store_prepare(db->conn, sql, 0, &st) == STORE_OK) {
		store_bind_int64(st, 1, id);
		store_bind_text(st, 2, field);
		if (!clear)
			store_bind_text(st, 3, value);
		if (store_step(st) == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(st);
	st = NULL;
	if (status != TB_OK)
		return status;
	status = TB_DB;
	if (store_prepare(db->conn,
			  "INSERT INTO form_value_rev (instance_id, field,"
			  " revision) VALUES (?1, ?2, ?3)"
			  " ON CONFLICT (instance_id, field)"
			  " DO UPDATE SET revision = excluded.revision",
			  0, &st) == STORE_OK) {
		store_bind_int64(st, 1, id);
		store_bind_text(st, 2, field);
		store_bind_int64(st, 3, revision);
		if (store_step(st) == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(st);
	return status;
}

/* How the entry that opens a draft names the case's status before it. */
#define PRIOR_MARK /* untranslated: an audit detail */ "; the case was "

void db_case_status(struct db *db, long long case_id, char out[32])
{
	struct store_stmt *st = NULL;
	out[0] = '\0';
	if (store_prepare(db->conn, "SELECT status FROM cases WHERE id = ?1", 0,
			  &st) == STORE_OK) {
		store_bind_int64(st, 1, case_id);
		if (store_step(st) == STORE_ROW)
			snprintf(out, 32, "%s", db_column_text(st, 0));
	}
	store_finalize(st);
}

/* The case's status before draft id was opened, as its opening entry
 * recorded it, into out (32 bytes); "" when it did not change it (an
 * amendment of a signed decision) or is older than the record. */
static enum tb_status status_before(struct db *db, long long id, char out[32])
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	out[0] = '\0';
	if (store_prepare(db->conn,
			  "SELECT detail FROM audit WHERE entity ="
			  " 'form_instance' AND entity_id = ?1 AND action ="
			  " 'open' ORDER BY id LIMIT 1",
			  0, &st) == STORE_OK) {
		store_bind_int64(st, 1, id);
		int rc = store_step(st);
		if (rc == STORE_ROW) {
			const char *m =
			    strstr(db_column_text(st, 0), PRIOR_MARK);
			if (m)
				snprintf(out, 32, "%s", m + strlen(PRIOR_MARK));
		}
		if (rc == STORE_ROW || rc == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(st);
	return status;
}

enum tb_status db_form_create(struct db *db, long long case_id,
			      const char *form_id, const char *form_version,
			      const struct form_values *initial,
			      long long amends, const char *reason,
			      long long *id_out)
{
	char now[21];
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	clock_timestamp(now);
	if (amends && util_blank(reason))
		return TB_INVALID;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	struct db_form_instance old;
	if (db_form_draft(db, case_id, &old, NULL) == TB_OK) {
		db_form_instance_done(&old);
		status = TB_INVALID;
		goto cleanup;
	}
	if (store_prepare(db->conn,
			  "INSERT INTO form_instance (case_id, form_id,"
			  " form_version, status, created, updated)"
			  " VALUES (?1, ?2, ?3, 'draft', ?4, ?4) RETURNING id",
			  0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, form_id);
	store_bind_text(st, 3, form_version);
	store_bind_text(st, 4, now);
	long long id = 0;
	if (db_step_id(st, &id) != STORE_DONE)
		goto cleanup;
	for (size_t i = 0; initial && i < initial->n; i++)
		if (put_value(db, id, initial->field[i], initial->value[i],
			      1) != TB_OK)
			goto cleanup;
	if (amends) {
		struct store_stmt *am = NULL;
		bool ok = store_prepare(db->conn,
					"INSERT INTO form_amend (instance_id,"
					" amends, reason) VALUES (?1, ?2, ?3)",
					0, &am) == STORE_OK;
		if (ok) {
			store_bind_int64(am, 1, id);
			store_bind_int64(am, 2, amends);
			store_bind_text(am, 3, reason);
			ok = store_step(am) == STORE_DONE;
		}
		store_finalize(am);
		if (!ok)
			goto cleanup;
	}
	/* the case's status before the draft, in the entry that opens it,
	 * so that abandoning the draft gives it back (db_form_abandon)
	 * once a value saved has made it a decision draft */
	char before[32] = "";
	db_case_status(db, case_id, before);
	bool moves = before[0] && strcmp(before, "decision-draft") != 0 &&
		     strcmp(before, "signed") != 0 &&
		     strcmp(before, "communicated") != 0 &&
		     strcmp(before, "followed-up") != 0 &&
		     strcmp(before, "closed") != 0;
	char *detail = xasprintf(
	    /* untranslated: an audit detail */ "form %s version %s%s%s%s",
	    form_id, form_version,
	    amends ? /* untranslated: an audit detail */ ", amending a decision"
		   : "",
	    moves ? PRIOR_MARK : "", moves ? before : "");
	/* the case is a decision draft from the first value saved
	 * (db_form_set_at), not from the form opened */
	status = db_audit_append(db, db_actor(), "open", "form_instance", id,
				 detail);
	free(detail);
	if (status != TB_OK)
		goto cleanup;
	status = db_commit(db);
	if (status == TB_OK && id_out)
		*id_out = id;
cleanup:
	store_finalize(st);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

/* TB_OK when the instance exists and is a draft. */
static enum tb_status must_be_draft(struct db *db, long long id)
{
	struct db_form_instance fi;
	enum tb_status st = db_form_get(db, id, &fi, NULL);
	if (st == TB_OK && strcmp(fi.status, "draft") != 0)
		st = TB_INVALID;
	if (st != TB_NOT_FOUND && st != TB_DB)
		db_form_instance_done(&fi);
	return st;
}

enum tb_status db_form_revision(struct db *db, long long instance_id,
				long long *revision)
{
	return db_first_value(
	    db, "SELECT revision FROM form_instance WHERE id = ?1",
	    DB_PARAMS(DB_INT(instance_id)), revision);
}

enum tb_status db_form_set_at(struct db *db, long long instance_id,
			      const char *field, const char *value,
			      long long seen, bool *stale)
{
	char now[21];
	clock_timestamp(now);
	if (stale)
		*stale = false;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	char *detail = NULL;
	enum tb_status status = must_be_draft(db, instance_id);
	if (status != TB_OK)
		goto cleanup;
	long long rev = 0, field_rev = 0;
	if ((status = db_form_revision(db, instance_id, &rev)) != TB_OK)
		goto cleanup;
	/* the field changed after the caller read it: refused */
	status = db_first_value(db,
				"SELECT revision FROM form_value_rev"
				" WHERE instance_id = ?1 AND field = ?2",
				DB_PARAMS(DB_INT(instance_id), DB_TEXT(field)),
				&field_rev);
	if (status == TB_NOT_FOUND)
		status = TB_OK;
	if (status != TB_OK)
		goto cleanup;
	if (seen > 0 && field_rev > seen) {
		if (stale)
			*stale = true;
		status = TB_INVALID;
		goto cleanup;
	}
	/* the same value again changes nothing, not even the revision */
	long long same = 0;
	if (value && *value) {
		struct store_stmt *st = NULL;
		if (store_prepare(db->conn,
				  "SELECT 1 FROM form_value WHERE"
				  " instance_id = ?1 AND field = ?2 AND"
				  " value = ?3",
				  0, &st) == STORE_OK) {
			store_bind_int64(st, 1, instance_id);
			store_bind_text(st, 2, field);
			store_bind_text(st, 3, value);
			same = store_step(st) == STORE_ROW;
		}
		store_finalize(st);
	} else {
		/* clearing a field that has no value */
		status = db_first_value(
		    db,
		    "SELECT count(*) = 0 FROM form_value WHERE"
		    " instance_id = ?1 AND field = ?2",
		    DB_PARAMS(DB_INT(instance_id), DB_TEXT(field)), &same);
		if (status != TB_OK)
			goto cleanup;
	}
	if (same) {
		status = db_commit(db);
		goto cleanup;
	}
	detail = xasprintf(
	    /* untranslated: an audit detail */ "field %s %s, revision %lld",
	    field, value && *value ? "set" : "cleared", rev + 1);
	status = put_value(db, instance_id, field, value, rev + 1);
	if (status == TB_OK)
		status = db_exec_bound(db,
				       "UPDATE form_instance SET updated = ?3,"
				       " revision = revision + 1"
				       " WHERE id = ?1 AND ?2 = 0",
				       instance_id, 0, now);
	/* a value saved: the case is a decision draft now (a signed one
	 * being amended keeps its status) */
	if (status == TB_OK)
		status = db_exec_bound(
		    db,
		    "UPDATE cases SET status = 'decision-draft' WHERE id ="
		    " (SELECT case_id FROM form_instance WHERE id = ?1)"
		    " AND ?2 = 0 AND status NOT IN ('decision-draft',"
		    " 'signed', 'communicated', 'followed-up', 'closed')",
		    instance_id, 0, NULL);
	if (status == TB_OK)
		status = db_audit_append(db, db_actor(), "set", "form_instance",
					 instance_id, detail);
	if (status == TB_OK)
		status = db_commit(db);
cleanup:
	free(detail);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

enum tb_status db_form_set(struct db *db, long long instance_id,
			   const char *field, const char *value)
{
	return db_form_set_at(db, instance_id, field, value, 0, NULL);
}

enum tb_status db_form_field_by(struct db *db, long long instance_id,
				const char *field, long long *revision,
				char **by, char **at)
{
	*revision = 0;
	*by = *at = NULL;
	enum tb_status status = db_first_value(
	    db,
	    "SELECT revision FROM form_value_rev"
	    " WHERE instance_id = ?1 AND field = ?2",
	    DB_PARAMS(DB_INT(instance_id), DB_TEXT(field)), revision);
	if (status == TB_NOT_FOUND || (status == TB_OK && *revision <= 1))
		return TB_OK;
	if (status != TB_OK)
		return status;
	/* db_form_set_at's entry: "field F set|cleared, revision N" */
	char *set = xasprintf(
	    /* untranslated: an audit detail */ "field %s set, revision %lld",
	    field, *revision);
	char *cleared =
	    xasprintf(/* untranslated: an audit detail */
		      "field %s cleared, revision %lld", field, *revision);
	struct store_stmt *st = NULL;
	status = TB_DB;
	if (store_prepare(db->conn,
			  "SELECT actor, at FROM audit"
			  " WHERE entity = 'form_instance'"
			  " AND entity_id = ?1 AND action = 'set'"
			  " AND detail IN (?2, ?3)"
			  " ORDER BY id DESC LIMIT 1",
			  0, &st) == STORE_OK) {
		store_bind_int64(st, 1, instance_id);
		store_bind_text(st, 2, set);
		store_bind_text(st, 3, cleared);
		int rc = store_step(st);
		if (rc == STORE_ROW) {
			*by = db_column_dup(st, 0);
			*at = db_column_dup(st, 1);
		}
		if (rc == STORE_ROW || rc == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(st);
	free(set);
	free(cleared);
	return status;
}

enum tb_status db_form_changed_since(struct db *db, long long instance_id,
				     long long revision, struct strbuf *fields)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	if (store_prepare(db->conn,
			  "SELECT field FROM form_value_rev"
			  " WHERE instance_id = ?1 AND revision > ?2"
			  " ORDER BY revision, field",
			  0, &st) == STORE_OK) {
		store_bind_int64(st, 1, instance_id);
		store_bind_int64(st, 2, revision);
		int rc;
		while ((rc = store_step(st)) == STORE_ROW)
			strbuf_printf(fields, "%s%s", fields->len ? "\n" : "",
				      db_column_text(st, 0));
		if (rc == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(st);
	return status;
}

enum tb_status db_form_abandon(struct db *db, long long instance_id)
{
	char now[21];
	clock_timestamp(now);
	if (db_begin(db) != TB_OK)
		return TB_DB;
	enum tb_status status = must_be_draft(db, instance_id);
	struct db_form_instance fi = {0};
	char before[32] = "";
	if (status == TB_OK)
		status = db_form_get(db, instance_id, &fi, NULL);
	if (status == TB_OK)
		status = status_before(db, instance_id, before);
	if (status == TB_OK)
		status = db_exec_bound(
		    db,
		    "UPDATE form_instance SET status = 'abandoned',"
		    " updated = ?3 WHERE id = ?1 AND ?2 = 0",
		    instance_id, 0, now);
	/* no draft any more: the case is where it was before one was
	 * opened (unless something else moved it meanwhile) */
	if (status == TB_OK && before[0])
		status = db_exec_bound(db,
				       "UPDATE cases SET status = ?3 WHERE id ="
				       " ?1 AND status = 'decision-draft' AND"
				       " ?2 = 0",
				       fi.case_id, 0, before);
	char *detail =
	    before[0]
		? xasprintf(
		      /* untranslated: an audit detail */ "draft abandoned%s%s "
							  "again",
		      /* untranslated: an audit detail */ "; the case is ",
		      before)
		: xstrdup(
		      /* untranslated: an audit detail */ "draft abandoned");
	if (status == TB_OK)
		status = db_audit_append(db, db_actor(), "abandon",
					 "form_instance", instance_id, detail);
	free(detail);
	db_form_instance_done(&fi);
	if (status == TB_OK)
		status = db_commit(db);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

enum tb_status db_form_drop_unsaved(struct db *db, long long instance_id,
				    bool *dropped)
{
	char now[21];
	clock_timestamp(now);
	*dropped = false;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	/* read and changed in one transaction: a value another terminal
	 * saved first keeps the draft */
	long long unsaved = 0;
	enum tb_status status =
	    db_first_value(db,
			   "SELECT count(*) FROM form_instance WHERE id = ?1"
			   " AND status = 'draft' AND revision = 1",
			   DB_PARAMS(DB_INT(instance_id)), &unsaved);
	if (status == TB_OK && unsaved)
		status = db_exec_bound(
		    db,
		    "UPDATE form_instance SET status = 'abandoned',"
		    " updated = ?3 WHERE id = ?1 AND ?2 = 0",
		    instance_id, 0, now);
	static const char detail[] =
	    /* untranslated: an audit detail */ "draft left with nothing saved";
	if (status == TB_OK && unsaved)
		status = db_audit_append(db, db_actor(), "abandon",
					 "form_instance", instance_id, detail);
	if (status == TB_OK)
		status = db_commit(db);
	if (status != TB_OK)
		db_rollback(db);
	else
		*dropped = unsaved != 0;
	return status;
}

struct drafts_fn {
	struct strbuf *ids;
	int n;
};

static bool draft_row(struct store_stmt *st, void *arg)
{
	struct drafts_fn *x = arg;
	strbuf_printf(x->ids, "%s%s", x->n++ ? ", " : "",
		      db_column_text(st, 0));
	return true;
}

enum tb_status db_form_agenda_drafts(struct db *db, long long meeting_id,
				     struct strbuf *ids, int *n)
{
	struct drafts_fn x = {.ids = ids};
	enum tb_status st =
	    db_each(db,
		    "SELECT c.external_id FROM agenda_item a"
		    " JOIN cases c ON c.id = a.case_id"
		    " WHERE a.meeting_id = ?1 AND a.status <> 'removed'"
		    " AND EXISTS (SELECT 1 FROM form_instance f WHERE"
		    "  f.case_id = a.case_id AND f.status = 'draft'"
		    "  AND f.revision > 1)"
		    " ORDER BY a.position, a.id",
		    DB_PARAMS(DB_INT(meeting_id)), draft_row, &x);
	*n = x.n;
	return st;
}

#include "db_live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_internal.h"
#include "util.h"

/* Schema 16: the case the chair of a running meeting has open, for the
 * screens that follow it (db_live.h). Not a clinical record: which case
 * was on the screen is in the audit log. */
const char *const db_live_schema[] = {
    "CREATE TABLE meeting_live ("
    " meeting_id INTEGER PRIMARY KEY REFERENCES meeting(id),"
    " case_id INTEGER REFERENCES cases(id),"
    " since TEXT NOT NULL, opened_by TEXT NOT NULL"
    ") STRICT;",
    NULL};

enum tb_status db_live_get(struct db *db, long long meeting_id,
			   struct db_live *out)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	memset(out, 0, sizeof(*out));
	if (store_prepare(db->conn,
			  "SELECT coalesce(case_id, 0), since"
			  " FROM meeting_live WHERE meeting_id = ?1",
			  0, &st) == STORE_OK) {
		store_bind_int64(st, 1, meeting_id);
		int rc = store_step(st);
		if (rc == STORE_ROW) {
			out->case_id = store_column_int64(st, 0);
			snprintf(out->since, sizeof(out->since), "%s",
				 db_column_text(st, 1));
		}
		if (rc == STORE_ROW || rc == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(st);
	return status;
}

enum tb_status db_live_set(struct db *db, long long meeting_id,
			   long long case_id)
{
	char now[21];
	clock_timestamp(now);
	if (db_begin(db) != TB_OK)
		return TB_DB;
	/* the meeting running, the case on its agenda and the case open
	 * now, read together (one round trip on a server) */
	static const char *const sql[] = {
	    "SELECT status = 'running' FROM meeting WHERE id = ?1",
	    "SELECT count(*) FROM agenda_item WHERE meeting_id = ?1 AND"
	    " case_id = ?2 AND status <> 'removed'",
	    "SELECT coalesce(case_id, 0), since FROM meeting_live"
	    " WHERE meeting_id = ?1"};
	struct store_stmt *q[3] = {0};
	enum tb_status st = TB_OK;
	for (int i = 0; i < 3 && st == TB_OK; i++) {
		if (i == 1 && !case_id)
			continue;
		if (store_prepare(db->conn, sql[i], 0, &q[i]) != STORE_OK) {
			st = TB_DB;
			break;
		}
		store_bind_int64(q[i], 1, meeting_id);
		if (i == 1)
			store_bind_int64(q[i], 2, case_id);
		if (store_send(q[i]) != STORE_OK)
			st = TB_DB;
	}
	int rc = st == TB_OK ? store_step(q[0]) : STORE_ERROR;
	if (st == TB_OK && rc != STORE_ROW)
		st = rc == STORE_DONE ? TB_NOT_FOUND : TB_DB;
	if (st == TB_OK && !store_column_int64(q[0], 0))
		st = TB_CLOSED;
	if (st == TB_OK && case_id) {
		rc = store_step(q[1]);
		if (rc != STORE_ROW)
			st = TB_DB;
		else if (!store_column_int64(q[1], 0))
			st = TB_NOT_FOUND;
	}
	struct db_live was = {0};
	if (st == TB_OK) {
		rc = store_step(q[2]);
		if (rc == STORE_ROW) {
			was.case_id = store_column_int64(q[2], 0);
			snprintf(was.since, sizeof(was.since), "%s",
				 db_column_text(q[2], 1));
		} else if (rc != STORE_DONE) {
			st = TB_DB;
		}
	}
	for (int i = 0; i < 3; i++)
		store_finalize(q[i]);
	if (st == TB_OK && was.since[0] && was.case_id == case_id) {
		db_rollback(db); /* nothing moved: nothing written */
		return TB_OK;
	}
	struct store_stmt *ins = NULL;
	if (st == TB_OK) {
		st = TB_DB;
		if (store_prepare(
			db->conn,
			"INSERT INTO meeting_live (meeting_id, case_id, since,"
			" opened_by) VALUES (?1, ?2, ?3, ?4) ON CONFLICT "
			"(meeting_id)"
			" DO UPDATE SET case_id = excluded.case_id,"
			" since = excluded.since, opened_by = "
			"excluded.opened_by",
			0, &ins) == STORE_OK) {
			store_bind_int64(ins, 1, meeting_id);
			if (case_id)
				store_bind_int64(ins, 2, case_id);
			else
				store_bind_null(ins, 2);
			store_bind_text(ins, 3, now);
			store_bind_text(ins, 4, db_actor());
			if (store_step(ins) == STORE_DONE)
				st = TB_OK;
		}
		store_finalize(ins);
	}
	if (st == TB_OK) {
		/* the case's row number, never anything of the patient */
		char *detail =
		    case_id
			? xasprintf(/* untranslated: an audit detail */
				    "case %lld open", case_id)
			: xstrdup(/* untranslated: an audit detail */ "no case "
								      "open");
		st = db_audit_append(db, db_actor(), "current", "meeting",
				     meeting_id, detail);
		free(detail);
	}
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK)
		db_rollback(db);
	return st;
}

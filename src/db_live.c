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
	long long running = 0, listed = 0;
	enum tb_status st = db_first_value(
	    db, "SELECT status = 'running' FROM meeting WHERE id = ?1",
	    DB_PARAMS(DB_INT(meeting_id)), &running);
	if (st == TB_OK && !running)
		st = TB_CLOSED;
	if (st == TB_OK && case_id) {
		st = db_first_value(
		    db,
		    "SELECT count(*) FROM agenda_item WHERE"
		    " meeting_id = ?1 AND case_id = ?2 AND"
		    " status <> 'removed'",
		    DB_PARAMS(DB_INT(meeting_id), DB_INT(case_id)), &listed);
		if (st == TB_OK && !listed)
			st = TB_NOT_FOUND;
	}
	struct db_live was;
	if (st == TB_OK)
		st = db_live_get(db, meeting_id, &was);
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

#include "db_live.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_case.h"
#include "db_meeting.h"
#include "db_meeting_internal.h"
#include "i18n.h"
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

struct store_stmt *db_live_send(struct db *db, long long meeting_id)
{
	struct store_stmt *st = NULL;
	if (store_prepare(db->conn,
			  "SELECT coalesce(case_id, 0), since"
			  " FROM meeting_live WHERE meeting_id = ?1",
			  0, &st) != STORE_OK) {
		store_finalize(st);
		return NULL;
	}
	store_bind_int64(st, 1, meeting_id);
	store_send(st); /* a failure is the step's */
	return st;
}

enum tb_status db_live_read(struct store_stmt *st, struct db_live *out)
{
	memset(out, 0, sizeof(*out));
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		out->case_id = store_column_int64(st, 0);
		snprintf(out->since, sizeof(out->since), "%s",
			 db_column_text(st, 1));
	}
	return rc == STORE_ROW || rc == STORE_DONE ? TB_OK : TB_DB;
}

enum tb_status db_live_get(struct db *db, long long meeting_id,
			   struct db_live *out)
{
	memset(out, 0, sizeof(*out));
	struct store_stmt *st = db_live_send(db, meeting_id);
	enum tb_status status = st ? db_live_read(st, out) : TB_DB;
	store_finalize(st);
	return status;
}

enum tb_status db_live_write(struct db *db, long long meeting_id,
			     long long case_id, const char *now)
{
	struct store_stmt *ins = NULL;
	enum tb_status st = TB_DB;
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
	if (st != TB_OK)
		return st;
	/* the case's row number, never anything of the patient; the entry
	 * seals what the transaction wrote before it (the step's clocks) */
	char *detail =
	    case_id ? xasprintf(/* untranslated: an audit detail */
				"case %lld open", case_id)
		    : xstrdup(/* untranslated: an audit detail */ "no case "
								  "open");
	st = db_audit_append(db, db_actor(), "current", "meeting", meeting_id,
			     detail);
	free(detail);
	return st;
}

/* db_each's row: the case id into arg (64 bytes). */
static bool external_id(struct store_stmt *st, void *arg)
{
	const char *ext = db_column_text(st, 0);
	snprintf(arg, DB_CASE_NAME_MAX, "%s", ext ? ext : "?");
	return false;
}

void db_case_name(struct db *db, long long case_id, char name[DB_CASE_NAME_MAX])
{
	snprintf(name, DB_CASE_NAME_MAX, "?");
	db_each(db, "SELECT external_id FROM cases WHERE id = ?1",
		DB_PARAMS(DB_INT(case_id)), external_id, name);
}

bool db_agenda_remove_refused(struct db *db, long long meeting_id,
			      long long case_id, char *why, size_t why_len)
{
	/* the case the chair has open at the running meeting */
	long long open =
	    db_first_int(db,
			 "SELECT count(*) FROM meeting_live l JOIN meeting m"
			 " ON m.id = l.meeting_id WHERE l.meeting_id = ?1"
			 " AND l.case_id = ?2 AND m.status = 'running'",
			 DB_PARAMS(DB_INT(meeting_id), DB_INT(case_id)), 0);
	/* a decision signed at this meeting: the agenda is its record */
	long long decided =
	    open ? 0
		 : db_first_int(db,
				"SELECT count(*) FROM decision WHERE"
				" meeting_id = ?1 AND case_id = ?2",
				DB_PARAMS(DB_INT(meeting_id), DB_INT(case_id)),
				0);
	if (!open && !decided)
		return false;
	if (!why || !why_len)
		return true;
	char name[DB_CASE_NAME_MAX];
	db_case_name(db, case_id, name);
	if (open)
		snprintf(why, why_len,
			 _("%s is being discussed now at meeting %lld: the "
			   "chair moves on to another case first"),
			 name, meeting_id);
	else
		snprintf(why, why_len,
			 _("%s has a decision signed at meeting %lld: it "
			   "stays on that agenda, the record of where it was "
			   "decided"),
			 name, meeting_id);
	return true;
}

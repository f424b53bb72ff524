/*
 * The clock of each case on a running meeting's agenda: it runs while the
 * case is open, stops when another is opened, and goes on from where it
 * stopped when the case is opened again. The seconds are computed here
 * from the stored times ("YYYY-MM-DDTHH:MM:SSZ"), not by the engine:
 * SQLite's strftime('%s') has no form that PostgreSQL reads too.
 */
#include "db_meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_internal.h"
#include "db_meeting_internal.h"
#include "util.h"

/* Seconds from one stored time to another, or to now_epoch when the
 * second is NULL; 0 when one is malformed. */
static long long seconds_between(const char *from, const char *to,
				 long long now_epoch)
{
	time_t a, b = (time_t)now_epoch;
	if (!from || !clock_parse_utc(from, &a) ||
	    (to && !clock_parse_utc(to, &b)))
		return 0;
	return (long long)(b - a);
}

/* Item's clock runs from now; one that ran before goes on from where it
 * stopped: the time spent is what counts, so the start moves by the
 * pause. A running one is left as it is. */
static enum tb_status clock_restart(struct db *db, long long item,
				    const char *now)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	char start[21];
	bool found = false, stopped = false;
	if (store_prepare(db->conn,
			  "SELECT started, ended FROM agenda_time WHERE"
			  " item_id = ?1",
			  0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, item);
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		const char *ended = db_column_text(st, 1);
		time_t t;
		found = true;
		stopped = ended != NULL;
		if (stopped && clock_parse_utc(now, &t))
			clock_format_utc(
			    t - (time_t)seconds_between(db_column_text(st, 0),
							ended, 0),
			    start);
		else
			snprintf(start, sizeof(start), "%s", now);
	} else if (rc != STORE_DONE) {
		goto cleanup;
	}
	if (!found)
		status = db_exec_bound(db,
				       "INSERT INTO agenda_time (item_id,"
				       " started) VALUES (?1, ?3)",
				       item, 0, now);
	else if (stopped)
		status = db_exec_bound(db,
				       "UPDATE agenda_time SET started = ?3,"
				       " ended = NULL WHERE item_id = ?1",
				       item, 0, start);
	else
		status = TB_OK;
cleanup:
	store_finalize(st);
	return status;
}

enum tb_status db_agenda_clock(struct db *db, long long meeting_id,
			       long long case_id)
{
	char now[21];
	clock_timestamp(now);
	if (db_begin(db) != TB_OK)
		return TB_DB;
	/* a closed meeting's times are final; stopping is harmless */
	enum tb_status st =
	    case_id ? db_meeting_check_open(db, meeting_id) : TB_OK;
	if (st != TB_OK) {
		db_rollback(db);
		return st;
	}
	/* every other running clock of the meeting stops */
	st = db_exec_bound(
	    db,
	    "UPDATE agenda_time SET ended = ?3 WHERE ended IS NULL AND"
	    " item_id IN (SELECT id FROM agenda_item WHERE meeting_id = ?1"
	    " AND case_id <> ?2)",
	    meeting_id, case_id, now);
	long long item =
	    case_id ? db_meeting_active_item(db, meeting_id, case_id) : 0;
	if (st == TB_OK && case_id && !item)
		st = TB_NOT_FOUND;
	if (st == TB_OK && item)
		st = clock_restart(db, item, now);
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK)
		db_rollback(db);
	return st;
}

enum tb_status db_agenda_seconds(struct db *db, long long meeting_id,
				 long long case_id, long long now_epoch,
				 long long *seconds)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	*seconds = -1;
	if (store_prepare(db->conn,
			  "SELECT t.started, t.ended FROM agenda_time t JOIN"
			  " agenda_item a ON a.id = t.item_id WHERE"
			  " a.meeting_id = ?1 AND a.case_id = ?2",
			  0, &st) == STORE_OK) {
		store_bind_int64(st, 1, meeting_id);
		store_bind_int64(st, 2, case_id);
		int rc = store_step(st);
		if (rc == STORE_ROW)
			*seconds =
			    seconds_between(db_column_text(st, 0),
					    db_column_text(st, 1), now_epoch);
		if (rc == STORE_ROW || rc == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(st);
	return status;
}

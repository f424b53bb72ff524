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

/* Item's clock runs from now; one that ran before (found: its started
 * and ended) goes on from where it stopped: the time spent is what
 * counts, so the start moves by the pause. A running one is left as it
 * is. */
static enum tb_status clock_restart(struct db *db, long long item, bool found,
				    const char *started, const char *ended,
				    const char *now, struct db_agenda_time *out)
{
	char start[21];
	time_t at;
	if (ended && clock_parse_utc(now, &at))
		clock_format_utc(
		    at - (time_t)seconds_between(started, ended, 0), start);
	else
		snprintf(start, sizeof(start), "%s",
			 found && !ended && started ? started : now);
	/* what the clock is now: running from start */
	out->until = 0;
	out->from = clock_parse_utc(start, &at) ? (long long)at : 0;
	if (!found)
		return db_exec_bound(db,
				     "INSERT INTO agenda_time (item_id,"
				     " started) VALUES (?1, ?3)",
				     item, 0, now);
	if (ended)
		return db_exec_bound(db,
				     "UPDATE agenda_time SET started = ?3,"
				     " ended = NULL WHERE item_id = ?1",
				     item, 0, start);
	return TB_OK;
}

/* Sends a statement of one or two ids (the second bound when the SQL
 * has it) and keeps it in *out; false when it could not be prepared. */
static bool send_ids(struct db *db, const char *sql, long long a, long long b,
		     struct store_stmt **out)
{
	if (store_prepare(db->conn, sql, 0, out) != STORE_OK)
		return false;
	store_bind_int64(*out, 1, a);
	if (store_param_count(*out) >= 2)
		store_bind_int64(*out, 2, b);
	return store_send(*out) == STORE_OK;
}

enum tb_status db_agenda_step(struct db *db, long long meeting_id,
			      long long case_id, bool move_room,
			      struct db_agenda_time *clock)
{
	struct db_agenda_time ran = {0};
	char now[21];
	clock_timestamp(now);
	if (db_begin(db) != TB_OK)
		return TB_DB;
	/* the meeting's status, every other running clock of the meeting
	 * stopped, the case's item and its clock, the room's case: sent
	 * together (one round trip on a server; the stop is undone with the
	 * rest when the meeting turns out closed) */
	struct store_stmt *status = NULL, *item = NULL, *room = NULL;
	enum tb_status st = TB_OK;
	if ((case_id || move_room) &&
	    !send_ids(db, "SELECT status FROM meeting WHERE id = ?1",
		      meeting_id, 0, &status))
		st = TB_DB;
	if (st == TB_OK)
		st = db_exec_bound(
		    db,
		    "UPDATE agenda_time SET ended = ?3 WHERE ended IS NULL AND"
		    " item_id IN (SELECT id FROM agenda_item WHERE"
		    " meeting_id = ?1 AND case_id <> ?2)",
		    meeting_id, case_id, now);
	if (st == TB_OK && case_id &&
	    !send_ids(db,
		      "SELECT a.id, t.started, t.ended, t.item_id,"
		      " coalesce(a.slot_minutes, 0)"
		      " FROM agenda_item a LEFT JOIN agenda_time t"
		      " ON t.item_id = a.id WHERE a.meeting_id = ?1"
		      " AND a.case_id = ?2 AND a.status <> 'removed'",
		      meeting_id, case_id, &item))
		st = TB_DB;
	if (st == TB_OK && move_room && !(room = db_live_send(db, meeting_id)))
		st = TB_DB;
	/* a closed meeting's times are final; stopping is harmless. The
	 * room follows a running meeting only. */
	if (st == TB_OK && status) {
		int rc = store_step(status);
		const char *cur =
		    rc == STORE_ROW ? db_column_text(status, 0) : NULL;
		if (rc != STORE_ROW && rc != STORE_DONE)
			st = TB_DB;
		else if (!cur)
			st = TB_NOT_FOUND;
		else if (strcmp(cur, "finished") == 0 ||
			 strcmp(cur, "cancelled") == 0 ||
			 (move_room && strcmp(cur, "running") != 0))
			st = TB_CLOSED;
	}
	if (st == TB_OK && case_id) {
		int rc = store_step(item);
		if (rc == STORE_DONE)
			st = TB_NOT_FOUND;
		else if (rc != STORE_ROW)
			st = TB_DB;
		else {
			st = clock_restart(db, store_column_int64(item, 0),
					   store_column_type(item, 3) !=
					       STORE_NULL,
					   db_column_text(item, 1),
					   db_column_text(item, 2), now, &ran);
			ran.slot = store_column_int(item, 4);
		}
	}
	struct db_live was = {0};
	if (st == TB_OK && room)
		st = db_live_read(room, &was);
	store_finalize(status);
	store_finalize(item);
	store_finalize(room);
	/* the room's case with the clocks, its audit entry sealing both;
	 * a room already on the case writes nothing of its own (the
	 * clocks, when they moved, are sealed at commit) */
	if (st == TB_OK && move_room &&
	    !(was.since[0] && was.case_id == case_id))
		st = db_live_write(db, meeting_id, case_id, now);
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK)
		db_rollback(db);
	else if (clock)
		*clock = ran;
	return st;
}

enum tb_status db_agenda_clock(struct db *db, long long meeting_id,
			       long long case_id)
{
	return db_agenda_step(db, meeting_id, case_id, false, NULL);
}

long long db_agenda_time_seconds(const struct db_agenda_time *t,
				 long long now_epoch)
{
	if (!t->from)
		return -1;
	return (t->until ? t->until : now_epoch) - t->from;
}

enum tb_status db_agenda_time_get(struct db *db, long long meeting_id,
				  long long case_id, struct db_agenda_time *out)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	memset(out, 0, sizeof(*out));
	if (store_prepare(db->conn,
			  "SELECT t.started, t.ended,"
			  " coalesce(a.slot_minutes, 0) FROM agenda_item a"
			  " LEFT JOIN agenda_time t ON t.item_id = a.id WHERE"
			  " a.meeting_id = ?1 AND a.case_id = ?2",
			  0, &st) == STORE_OK) {
		store_bind_int64(st, 1, meeting_id);
		store_bind_int64(st, 2, case_id);
		int rc = store_step(st);
		time_t at;
		const char *started =
		    rc == STORE_ROW ? db_column_text(st, 0) : NULL;
		const char *ended =
		    rc == STORE_ROW ? db_column_text(st, 1) : NULL;
		if (rc == STORE_ROW)
			out->slot = store_column_int(st, 2);
		if (started && clock_parse_utc(started, &at)) {
			out->from = (long long)at;
			/* a stopped clock: its seconds as stored */
			if (ended)
				out->until = out->from +
					     seconds_between(started, ended, 0);
		}
		if (rc == STORE_ROW || rc == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(st);
	return status;
}

enum tb_status db_agenda_seconds(struct db *db, long long meeting_id,
				 long long case_id, long long now_epoch,
				 long long *seconds)
{
	struct db_agenda_time t;
	enum tb_status st = db_agenda_time_get(db, meeting_id, case_id, &t);
	*seconds = st == TB_OK ? db_agenda_time_seconds(&t, now_epoch) : -1;
	return st;
}

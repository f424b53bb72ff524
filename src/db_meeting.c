#include "db_meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_internal.h"
#include "util.h"

static void copy_col(sqlite3_stmt *st, int col, char *out, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(out, n, "%s", t ? (const char *)t : "");
}

static const char meeting_cols[] =
    "SELECT m.id, m.date, m.start_time, m.length_min, m.board, m.level,"
    " coalesce(m.location, ''), coalesce(m.chair, ''), m.status,"
    " (SELECT count(*) FROM agenda_item a WHERE a.meeting_id = m.id"
    "  AND a.status <> 'removed') FROM meeting m";

static void read_meeting(sqlite3_stmt *st, struct tb_meeting *m)
{
	m->id = sqlite3_column_int64(st, 0);
	copy_col(st, 1, m->date, sizeof(m->date));
	copy_col(st, 2, m->start_time, sizeof(m->start_time));
	m->length_min = sqlite3_column_int(st, 3);
	copy_col(st, 4, m->board, sizeof(m->board));
	copy_col(st, 5, m->level, sizeof(m->level));
	copy_col(st, 6, m->location, sizeof(m->location));
	copy_col(st, 7, m->chair, sizeof(m->chair));
	copy_col(st, 8, m->status, sizeof(m->status));
	m->n_cases = sqlite3_column_int(st, 9);
}

enum tb_status db_meeting_create(struct db *db, struct tb_meeting *m)
{
	sqlite3_stmt *st = NULL;
	enum tb_status status = TB_DB;
	char now[21];

	clock_timestamp(now);
	if (db_begin(db) != TB_OK)
		return TB_DB;
	if (sqlite3_prepare_v2(db->conn,
			       "INSERT INTO meeting (date, start_time,"
			       " length_min, board, level, location, chair,"
			       " status, created, updated) VALUES (?1,?2,?3,"
			       "?4,?5,nullif(?6,''),nullif(?7,''),'planned',"
			       "?8,?8)",
			       -1, &st, NULL) != SQLITE_OK)
		goto cleanup;
	db_bind_text(st, 1, m->date);
	db_bind_text(st, 2, m->start_time);
	sqlite3_bind_int(st, 3, m->length_min);
	db_bind_text(st, 4, m->board);
	db_bind_text(st, 5, m->level);
	db_bind_text(st, 6, m->location);
	db_bind_text(st, 7, m->chair);
	db_bind_text(st, 8, now);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto cleanup;
	m->id = sqlite3_last_insert_rowid(db->conn);
	snprintf(m->status, sizeof(m->status), "planned");
	m->n_cases = 0;
	if (db_audit_append(db, db_actor(), "create", "meeting", m->id,
			    "planned") != TB_OK)
		goto cleanup;
	status = db_commit(db);
cleanup:
	sqlite3_finalize(st);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

enum tb_status db_meeting_get(struct db *db, long long id,
			      struct tb_meeting *out)
{
	sqlite3_stmt *st = NULL;
	char *sql = xasprintf("%s WHERE m.id = ?1", meeting_cols);
	enum tb_status status = TB_DB;
	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			read_meeting(st, out);
			status = TB_OK;
		} else if (rc == SQLITE_DONE) {
			status = TB_NOT_FOUND;
		}
	}
	sqlite3_finalize(st);
	free(sql);
	return status;
}

enum tb_status
db_meeting_list(struct db *db,
		bool (*cb)(const struct tb_meeting *m, void *arg), void *arg)
{
	sqlite3_stmt *st = NULL;
	char *sql =
	    xasprintf("%s ORDER BY m.date, m.start_time, m.id", meeting_cols);
	enum tb_status status = TB_DB;
	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) == SQLITE_OK) {
		int rc;
		struct tb_meeting m;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			read_meeting(st, &m);
			if (!cb(&m, arg)) {
				rc = SQLITE_DONE;
				break;
			}
		}
		if (rc == SQLITE_DONE)
			status = TB_OK;
	}
	sqlite3_finalize(st);
	free(sql);
	return status;
}

enum tb_status db_agenda_add(struct db *db, long long meeting_id,
			     long long case_id, const char *presenter,
			     int slot_minutes, const char **why)
{
	sqlite3_stmt *st = NULL;
	enum tb_status status = TB_DB;

	*why = NULL;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	if (sqlite3_prepare_v2(
		db->conn,
		"INSERT INTO agenda_item (meeting_id, case_id,"
		" position, slot_minutes, presenter) VALUES"
		" (?1, ?2, (SELECT coalesce(max(position), 0) + 1"
		" FROM agenda_item WHERE meeting_id = ?1),"
		" nullif(?3, 0), ?4)",
		-1, &st, NULL) != SQLITE_OK)
		goto cleanup;
	sqlite3_bind_int64(st, 1, meeting_id);
	sqlite3_bind_int64(st, 2, case_id);
	sqlite3_bind_int(st, 3, slot_minutes);
	db_bind_text(st, 4, presenter);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		*why = "the case is already on this agenda";
		status = TB_INVALID;
		goto cleanup;
	}
	if (rc != SQLITE_DONE)
		goto cleanup;
	long long item = sqlite3_last_insert_rowid(db->conn);
	sqlite3_finalize(st);
	st = NULL;
	/* A case put on an agenda is listed, unless it has gone further. */
	if (sqlite3_prepare_v2(
		db->conn,
		"UPDATE cases SET status = 'listed' WHERE id = ?1"
		" AND status IN ('referred','incomplete','ready',"
		"'deferred')",
		-1, &st, NULL) != SQLITE_OK)
		goto cleanup;
	sqlite3_bind_int64(st, 1, case_id);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto cleanup;
	char *detail =
	    xasprintf("case %lld on meeting %lld", case_id, meeting_id);
	enum tb_status a = db_audit_append(db, db_actor(), "list",
					   "agenda_item", item, detail);
	free(detail);
	if (a != TB_OK)
		goto cleanup;
	status = db_commit(db);
cleanup:
	sqlite3_finalize(st);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

enum tb_status
db_agenda_list(struct db *db, long long meeting_id,
	       bool (*cb)(const struct db_agenda_row *r, void *arg), void *arg)
{
	sqlite3_stmt *st = NULL;
	enum tb_status status = TB_DB;
	if (sqlite3_prepare_v2(
		db->conn,
		"SELECT a.id, a.position, a.case_id,"
		" c.external_id, coalesce(a.slot_minutes, 0),"
		" a.presenter, a.status FROM agenda_item a"
		" JOIN cases c ON c.id = a.case_id"
		" WHERE a.meeting_id = ?1 AND a.status <> 'removed'"
		" ORDER BY a.position",
		-1, &st, NULL) != SQLITE_OK)
		goto cleanup;
	sqlite3_bind_int64(st, 1, meeting_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_agenda_row r = {
		    .item_id = sqlite3_column_int64(st, 0),
		    .position = sqlite3_column_int(st, 1),
		    .case_id = sqlite3_column_int64(st, 2),
		    .external_id = (const char *)sqlite3_column_text(st, 3),
		    .slot_minutes = sqlite3_column_int(st, 4),
		    .presenter = (const char *)sqlite3_column_text(st, 5),
		    .status = (const char *)sqlite3_column_text(st, 6),
		};
		if (!cb(&r, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc == SQLITE_DONE)
		status = TB_OK;
cleanup:
	sqlite3_finalize(st);
	return status;
}

/*
 * A case referred on to another level (regional, national): the level
 * change recorded with its reason, the case's level moved, the agendas of
 * the level it left given up, one audit entry; all in one transaction.
 */
#include "db_case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_internal.h"
#include "db_meeting.h"
#include "model.h"
#include "util.h"

enum tb_status db_case_refer(struct db *db, long long case_id, const char *to,
			     const char *reason)
{
	if (util_blank(reason) || !model_enum_valid(model_levels, to))
		return TB_INVALID;
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	char now[21];
	char from[16] = "";
	clock_timestamp(now);
	if (db_begin(db) != TB_OK)
		return TB_DB;
	if (store_prepare(db->conn, "SELECT level FROM cases WHERE id = ?1", 0,
			  &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, case_id);
	int rc = store_step(st);
	if (rc == STORE_DONE) {
		status = TB_NOT_FOUND;
		goto cleanup;
	}
	if (rc != STORE_ROW)
		goto cleanup;
	snprintf(from, sizeof(from), "%s", db_column_text(st, 0));
	store_finalize(st);
	st = NULL;
	if (strcmp(from, to) == 0) {
		status = TB_INVALID;
		goto cleanup;
	}
	if (store_prepare(db->conn,
			  "INSERT INTO level_change (case_id, at, by,"
			  " from_level, to_level, reason) VALUES (?1, ?2,"
			  " ?3, ?4, ?5, ?6)",
			  0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, now);
	store_bind_text(st, 3, db_actor());
	store_bind_text(st, 4, from);
	store_bind_text(st, 5, to);
	store_bind_text(st, 6, reason);
	if (store_step(st) != STORE_DONE)
		goto cleanup;
	store_finalize(st);
	st = NULL;
	if (store_prepare(db->conn, "UPDATE cases SET level = ?2 WHERE id = ?1",
			  0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, to);
	if (store_step(st) != STORE_DONE)
		goto cleanup;
	int left = 0; /* it leaves the agendas of the level it left */
	if (db_agenda_leave_levels(db, case_id, to, &left) != TB_OK)
		goto cleanup;
	char *detail = xasprintf(/* untranslated: an audit detail */
				 "level %s → %s; reason recorded", from, to);
	status =
	    db_audit_append(db, db_actor(), "refer", "case", case_id, detail);
	free(detail);
	if (status == TB_OK)
		status = db_commit(db);
cleanup:
	store_finalize(st);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

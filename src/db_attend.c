/*
 * Attendance at a meeting: who joins in which role (the board's roles,
 * core or cover), who leaves, who is present.
 */
#include "db_meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "clock.h"
#include "db_internal.h"
#include "db_meeting_internal.h"
#include "i18n.h"
#include "model.h"
#include "util.h"
#include "validate.h"

/* The id of name's open attendance (not left), 0 when none. */
static long long present_id(struct db *db, long long meeting_id,
			    const char *name)
{
	return db_first_int(db,
			    "SELECT id FROM attendee WHERE meeting_id = ?1"
			    " AND name = ?2 AND left_at IS NULL",
			    DB_PARAMS(DB_INT(meeting_id), DB_TEXT(name)), 0);
}

enum tb_status db_attendee_join(struct db *db, long long meeting_id,
				const char *name, const char *role, bool core,
				const char **why)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	char now[21];
	clock_timestamp(now);
	*why = NULL;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	status = db_meeting_check_open(db, meeting_id);
	if (status != TB_OK)
		goto cleanup;
	/* attendance is who came to the meeting: recorded once it runs */
	char cur[12];
	db_meeting_status(db, meeting_id, cur);
	if (strcmp(cur, "running") != 0) {
		*why = _("the meeting has not started: start it first "
			 "(meeting start), then record who came");
		status = TB_INVALID;
		goto cleanup;
	}
	status = TB_DB;
	if (present_id(db, meeting_id, name)) {
		/* cmd_meeting.c compares with this message */
		*why = _("is present already");
		status = TB_INVALID;
		goto cleanup;
	}
	if (store_prepare(db->conn,
			  "INSERT INTO attendee (meeting_id, name, role,"
			  " core, joined) VALUES (?1, ?2, ?3, ?4, ?5)"
			  " RETURNING id",
			  0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, meeting_id);
	store_bind_text(st, 2, name);
	store_bind_text(st, 3, role);
	store_bind_int64(st, 4, core ? 1 : 0);
	store_bind_text(st, 5, now);
	long long attendee_id = 0;
	if (db_step_id(st, &attendee_id) != STORE_DONE)
		goto cleanup;
	status = db_audit_append(
	    db, db_actor(), "join", "attendee", attendee_id,
	    core ? /* untranslated: an audit detail */ "joined as a core member"
		 : /* untranslated: an audit detail */ "joined as cover");
	if (status == TB_OK)
		status = db_commit(db);
cleanup:
	store_finalize(st);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

enum tb_status db_attendee_join_checked(struct db *db, const struct boards *bs,
					long long meeting_id, const char *name,
					const char *role, bool cover, char *why,
					size_t why_len)
{
	struct tb_meeting m;
	why[0] = '\0';
	enum tb_status st = db_meeting_get(db, meeting_id, &m);
	if (st != TB_OK)
		return st;
	const struct board *b = boards_by_id(bs, m.board);
	bool core = false;
	const char *known = b ? board_role(b, role, &core) : NULL;
	if (!known) {
		struct strbuf roles;
		strbuf_init(&roles);
		if (b)
			board_roles_list(b, &roles);
		size_t dist = (size_t)-1;
		const char *near =
		    b ? board_role_nearest(b, role, NULL, &dist) : NULL;
		bool several = false;
		if (b && !near)
			near = board_role_within(b, role, NULL, &several);
		if (several)
			near = NULL;
		if (near)
			snprintf(why, why_len,
				 _("'%s' is not a role of the %s board; did "
				   "you mean '%s'? Its roles: %s"),
				 role, m.board, model_role_label(near),
				 roles.buf ? roles.buf : _("none"));
		else
			snprintf(why, why_len,
				 _("'%s' is not a role of the %s board; its "
				   "roles: %s"),
				 role, m.board,
				 roles.buf ? roles.buf : _("none"));
		strbuf_done(&roles);
		return TB_INVALID;
	}
	if (cover && !core) {
		snprintf(why, why_len,
			 _("%s is not a core role of the %s board: nobody "
			   "covers for it"),
			 known, m.board);
		return TB_INVALID;
	}
	const char *dup = NULL;
	st = db_attendee_join(db, meeting_id, name, known, !cover, &dup);
	if (st == TB_INVALID && dup)
		snprintf(why, why_len, "%s", dup);
	return st;
}

static long long present_row(struct db *db, long long meeting_id,
			     const struct meeting_change *c)
{
	return present_id(db, meeting_id, c->name);
}

enum tb_status db_attendee_leave(struct db *db, long long meeting_id,
				 const char *name)
{
	char now[21];
	clock_timestamp(now);
	const struct meeting_change leave = {
	    .find = present_row,
	    .name = name,
	    .update = "UPDATE attendee SET left_at = ?3 WHERE id = ?1"
		      " AND ?2 = 0",
	    .text = now,
	    .action = "leave",
	    .entity = "attendee",
	    .detail = /* untranslated: an audit detail */ "left the meeting"};
	return db_meeting_change(db, meeting_id, &leave);
}

static bool attendee_row(struct store_stmt *st, void *arg)
{
	const struct meeting_fn *x = arg;
	struct db_attendee a = {
	    .id = store_column_int64(st, 0),
	    .name = db_column_text(st, 1),
	    .role = db_column_text(st, 2),
	    .core = store_column_int(st, 3) != 0,
	    .joined = db_column_text(st, 4),
	    .left_at = db_column_text(st, 5),
	};
	return x->fn.attendee(&a, x->arg);
}

enum tb_status
db_attendee_list(struct db *db, long long meeting_id, bool present_only,
		 bool (*cb)(const struct db_attendee *a, void *arg), void *arg)
{
	struct meeting_fn x = {.fn.attendee = cb, .arg = arg};
	return db_each(
	    db,
	    "SELECT id, name, role, core, joined, left_at"
	    " FROM attendee WHERE meeting_id = ?1"
	    " AND (?2 = 0 OR left_at IS NULL) ORDER BY id",
	    DB_PARAMS(DB_INT(meeting_id), DB_INT(present_only ? 1 : 0)),
	    attendee_row, &x);
}

/*
 * A case deferred to a meeting planned for it: the meeting created and the
 * case moved onto its agenda in one transaction, so that a deferral that
 * fails leaves no meeting planned for nothing (db_meeting.h).
 */
#include "db_meeting.h"

#include "db_internal.h"
#include "db_meeting_internal.h"
#include "util.h"

enum tb_status db_agenda_defer_new(struct db *db, long long from,
				   long long case_id, struct tb_meeting *next,
				   const char *reason)
{
	if (util_blank(reason))
		return TB_INVALID;
	next->id = 0;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	enum tb_status st = db_meeting_insert(db, next);
	bool already = false;
	if (st == TB_OK)
		st = db_meeting_agenda_transfer(db, from, case_id, next->id,
						reason, true, false, &already);
	st = db_commit_if(db, st);
	if (st != TB_OK)
		next->id = 0;
	return st;
}

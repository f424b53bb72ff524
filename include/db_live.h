/*
 * db_live — the live state of a running meeting that the room follows
 * (tumorboard follow): the case the chair has open now, since when and
 * who opened it. One row per meeting (meeting_live, schema 16), written
 * when the chair opens a case from the live agenda, steps to another or
 * goes back to the agenda (db_agenda_step in db_meeting.h, with the
 * case's clock); each change is in the audit log ("current", the
 * meeting, the case's row number). It holds no patient value.
 */
#ifndef TB_DB_LIVE_H
#define TB_DB_LIVE_H

#include "db.h"
#include "status.h"

struct db_live {
	long long case_id; /* 0: no case open (the agenda is shown) */
	char since[21];	   /* UTC "YYYY-MM-DDTHH:MM:SSZ"; "" when never set */
};

/* The meeting's live state; case_id 0 and since "" when none was ever
 * recorded. */
enum tb_status db_live_get(struct db *db, long long meeting_id,
			   struct db_live *out);

#endif

/*
 * db_meeting — meetings and their agendas. An agenda item puts a case on a
 * meeting at a position, with an optional presenter and slot length (the
 * board's minutes per case when not set). Every change is audited.
 */
#ifndef TB_DB_MEETING_H
#define TB_DB_MEETING_H

#include <stdbool.h>

#include "db.h"

struct tb_meeting {
	long long id;
	char date[11];	    /* YYYY-MM-DD */
	char start_time[6]; /* HH:MM */
	int length_min;
	char board[41];	    /* a board id of boards.xml */
	char level[10];	    /* local | regional | national */
	char location[201]; /* room or video link; may be empty */
	char chair[201];    /* may be empty */
	char status[12];    /* planned | running | finished | cancelled */
	int n_cases;	    /* agenda items not removed */
};

/* Inserts m (id is set). Checks are the caller's; the database refuses
 * what its constraints refuse (TB_DB). */
enum tb_status db_meeting_create(struct db *db, struct tb_meeting *m);

/* TB_NOT_FOUND when there is no such meeting. */
enum tb_status db_meeting_get(struct db *db, long long id,
			      struct tb_meeting *out);

/* Every meeting, by date and start time; cb returns false to stop. */
enum tb_status
db_meeting_list(struct db *db,
		bool (*cb)(const struct tb_meeting *m, void *arg), void *arg);

struct db_agenda_row {
	long long item_id;
	int position;
	long long case_id;
	const char *external_id;
	int slot_minutes;      /* 0 = the board's default */
	const char *presenter; /* may be NULL */
	const char *status;
};

/* Puts a case last on a meeting's agenda (again, if it was removed).
 * TB_INVALID with *why set (static text) when the case is already on it. */
enum tb_status db_agenda_add(struct db *db, long long meeting_id,
			     long long case_id, const char *presenter,
			     int slot_minutes, const char **why);

/* Takes a case off an agenda, keeping the row with its reason (required,
 * stored with the item, not in the audit log). The case goes back to
 * "referred" if it was "listed". TB_NOT_FOUND when it is not on it. */
enum tb_status db_agenda_remove(struct db *db, long long meeting_id,
				long long case_id, const char *reason);

/* Moves a case to position (1-based, clamped to the agenda), renumbering
 * the others. TB_NOT_FOUND when it is not on the agenda. */
enum tb_status db_agenda_move(struct db *db, long long meeting_id,
			      long long case_id, int position);

/* The agenda in order (removed items left out). Strings are borrowed for
 * the callback's duration. */
enum tb_status
db_agenda_list(struct db *db, long long meeting_id,
	       bool (*cb)(const struct db_agenda_row *r, void *arg), void *arg);

/* One person's attendance at a meeting. Strings are borrowed for the
 * callback's duration. */
struct db_attendee {
	long long id;
	const char *name;
	const char *role;
	bool core;	     /* a core member; false: covering for one */
	const char *joined;  /* YYYY-MM-DDTHH:MM:SSZ */
	const char *left_at; /* NULL while present */
};

/* Records that name joined in role now. TB_INVALID with *why (static text)
 * when name is present already. */
enum tb_status db_attendee_join(struct db *db, long long meeting_id,
				const char *name, const char *role, bool core,
				const char **why);

/* Records that name left now. TB_NOT_FOUND when name is not present. */
enum tb_status db_attendee_leave(struct db *db, long long meeting_id,
				 const char *name);

/* Everyone who attended, in order of joining; present_only leaves out
 * those who left. */
enum tb_status
db_attendee_list(struct db *db, long long meeting_id, bool present_only,
		 bool (*cb)(const struct db_attendee *a, void *arg), void *arg);

#endif

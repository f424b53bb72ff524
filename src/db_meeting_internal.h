/*
 * (private to src/db_meeting.c, db_agenda.c, db_attend.c,
 * db_agenda_clock.c, db_live.c, db_defer.c, db_meeting_window.c) what
 * the meeting, its agenda, its attendance and the room's case give each
 * other.
 */
#ifndef TB_DB_MEETING_INTERNAL_H
#define TB_DB_MEETING_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "db_internal.h"
#include "db_live.h"
#include "db_meeting.h"
#include "status.h"

/* A row callback of the list functions and its argument. */
struct meeting_fn {
	union {
		bool (*meeting)(const struct tb_meeting *m, void *arg);
		bool (*agenda)(const struct db_agenda_row *r, void *arg);
		bool (*attendee)(const struct db_attendee *a, void *arg);
	} fn;
	void *arg;
};

/* SQL over an agenda item a of a meeting m: the items a finished
 * meeting's record keeps though finishing took them off its agenda (not
 * reached and moved on, or decided meanwhile; told by their notes). The
 * meetings list counts them, db_agenda_record lists them. */
#define DB_AGENDA_TAKEN_AT_FINISH                                              \
	"(m.status = 'finished' AND (a.note = '" DB_AGENDA_DECIDED_MEANWHILE   \
	"' OR a.note LIKE 'moved to meeting %: " DB_AGENDA_NOT_REACHED "'))"

/* db_meeting.c */
/* SELECT … FROM meeting m …: the columns db_meeting_read reads. */
extern const char db_meeting_cols[];
/* A row of db_meeting_cols into m. */
void db_meeting_read(struct store_stmt *st, struct tb_meeting *m);
/* The first row of sql (db_meeting_cols and what follows) into *out;
 * TB_NOT_FOUND when it has none. */
enum tb_status db_meeting_one(struct db *db, const char *sql,
			      const struct db_param *params,
			      struct tb_meeting *out);
/* Column col of st as text into out (n bytes); "" for NULL. */
void db_meeting_copy_col(struct store_stmt *st, int col, char *out, size_t n);
/* The meeting's status into out; "" when there is no such meeting. */
void db_meeting_status(struct db *db, long long id, char out[12]);
/* TB_OK when meeting id may change (planned or running); TB_CLOSED when
 * it is finished or cancelled; TB_NOT_FOUND when there is none. */
enum tb_status db_meeting_check_open(struct db *db, long long id);
/* A meeting still planned whose time has passed was not held: a case put
 * there (added or moved) would wait on a meeting that never comes. True,
 * with the reason in why (why_len bytes), when m is such a meeting and
 * no override is given (forced false). */
bool db_meeting_past_refused(const struct tb_meeting *m, bool forced, char *why,
			     size_t why_len);
/* An override's reason kept with agenda item item (its note, as a
 * removal's) and the audit log's entry that one was given (detail, not
 * the reason). */
enum tb_status db_meeting_note_override(struct db *db, long long item,
					const char *override,
					const char *detail);
/* The id of case_id's active item on meeting_id's agenda, or 0. */
long long db_meeting_active_item(struct db *db, long long meeting_id,
				 long long case_id);

/* One change to one row of a meeting (an agenda item, an attendee). */
struct meeting_change {
	/* the row changed: its id, or 0 when there is none */
	long long (*find)(struct db *db, long long meeting_id,
			  const struct meeting_change *c);
	long long case_id; /* the key find reads: a case, */
	const char *name;  /* or an attendee's name */
	/* run with ?1 the row, ?2 n and ?3 text (db_exec_bound); may be
	 * NULL */
	const char *update;
	long long n;
	const char *text;
	/* run after update with the row; may be NULL */
	enum tb_status (*apply)(struct db *db, long long meeting_id,
				long long row, const struct meeting_change *c);
	int position; /* for apply */
	char *why;    /* for apply: why it refused (why_len bytes; may be
			 NULL) */
	size_t why_len;
	/* the audit entry: action on entity, the row, detail */
	const char *action, *entity, *detail;
};
/* c as a write of its own: begun, the meeting open
 * (db_meeting_check_open), the row found (TB_NOT_FOUND when not), update
 * and apply run, the audit entry written and committed; rolled back
 * when any step fails, with that step's status. */
enum tb_status db_meeting_change(struct db *db, long long meeting_id,
				 const struct meeting_change *c);
/* db_meeting_create's row and audit entry inside the caller's
 * transaction (m->id set), with no check of its own. */
enum tb_status db_meeting_insert(struct db *db, struct tb_meeting *m);
/* db_agenda_transfer inside the caller's transaction; *already: the case
 * was on the other agenda already (TB_INVALID then). keep_position
 * leaves the other items' positions as they are. */
enum tb_status db_meeting_agenda_transfer(struct db *db, long long from,
					  long long case_id, long long to,
					  const char *reason, bool deferred,
					  bool keep_position, bool *already);

/* db_agenda.c */
/* db_agenda_add inside the caller's transaction; *why says why not. */
enum tb_status db_meeting_agenda_add(struct db *db, long long meeting_id,
				     long long case_id, const char *presenter,
				     int slot_minutes, const char **why);
/* Renumbers the active items 1..n, putting item moved at position (moved
 * 0: keep the order, close gaps). */
enum tb_status db_meeting_renumber(struct db *db, long long meeting_id,
				   long long moved, int position);
/* db_agenda_mark inside the caller's transaction. */
enum tb_status db_meeting_agenda_mark(struct db *db, long long meeting_id,
				      long long case_id, const char *status,
				      const char *note);
/* The ids a query binding ?1 = id returns; caller frees *out. */
enum tb_status db_meeting_id_list(struct db *db, const char *sql, long long id,
				  long long **out, size_t *n);

/* db_live.c */
/* The read of the meeting's room's case (meeting_live), prepared and
 * sent; NULL when it could not be prepared. The caller finalizes it. */
struct store_stmt *db_live_send(struct db *db, long long meeting_id);
/* Steps st (db_live_send) into out: case_id 0 and since "" when none. */
enum tb_status db_live_read(struct store_stmt *st, struct db_live *out);
/* Inside the caller's transaction: the room's case set to case_id (0:
 * none) since now, and its audit entry ("current"), which seals what the
 * transaction wrote before it. */
enum tb_status db_live_write(struct db *db, long long meeting_id,
			     long long case_id, const char *now);

#endif

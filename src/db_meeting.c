#include "db_meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "clock.h"
#include "db_internal.h"
#include "i18n.h"
#include "util.h"
#include "validate.h"

static enum tb_status meeting_open(struct db *db, long long id);
static long long active_item(struct db *db, long long meeting_id,
			     long long case_id);
static void meeting_status(struct db *db, long long id, char out[12]);
static enum tb_status agenda_transfer(struct db *db, long long from,
				      long long case_id, long long to,
				      const char *reason, bool deferred,
				      bool keep_position, bool *already);

static void copy_col(struct store_stmt *st, int col, char *out, size_t n)
{
	const char *t = db_column_text(st, col);
	snprintf(out, n, "%s", t ? t : "");
}

static const char meeting_cols[] =
    "SELECT m.id, m.date, m.start_time, m.length_min, m.board, m.level,"
    " coalesce(m.location, ''), coalesce(m.chair, ''), m.status,"
    " (SELECT count(*) FROM agenda_item a WHERE a.meeting_id = m.id"
    "  AND a.status <> 'removed'),"
    " coalesce(r.started, ''), coalesce(r.finished, '')"
    " FROM meeting m LEFT JOIN meeting_run r ON r.meeting_id = m.id";

static void read_meeting(struct store_stmt *st, struct tb_meeting *m)
{
	m->id = store_column_int64(st, 0);
	copy_col(st, 1, m->date, sizeof(m->date));
	copy_col(st, 2, m->start_time, sizeof(m->start_time));
	m->length_min = store_column_int(st, 3);
	copy_col(st, 4, m->board, sizeof(m->board));
	copy_col(st, 5, m->level, sizeof(m->level));
	copy_col(st, 6, m->location, sizeof(m->location));
	copy_col(st, 7, m->chair, sizeof(m->chair));
	copy_col(st, 8, m->status, sizeof(m->status));
	m->n_cases = store_column_int(st, 9);
	copy_col(st, 10, m->started, sizeof(m->started));
	copy_col(st, 11, m->finished, sizeof(m->finished));
}

/* Binds what the coordinator sets of a meeting (date, start, length, board,
 * level, location, chair) to the seven parameters from first on. */
static void bind_meeting(struct store_stmt *st, int first,
			 const struct tb_meeting *m)
{
	store_bind_text(st, first, m->date);
	store_bind_text(st, first + 1, m->start_time);
	store_bind_int64(st, first + 2, m->length_min);
	store_bind_text(st, first + 3, m->board);
	store_bind_text(st, first + 4, m->level);
	store_bind_text(st, first + 5, m->location);
	store_bind_text(st, first + 6, m->chair);
}

bool db_meeting_date_ok(const char *date, const char *today, char *why,
			size_t why_len)
{
	long d = validate_date_diff(today, date);
	if (d < -DB_MEETING_PAST_DAYS) {
		snprintf(why, why_len,
			 _("%s is more than a year ago: meetings are planned "
			   "from one year back"),
			 date);
		return false;
	}
	if (d > DB_MEETING_AHEAD_DAYS) {
		snprintf(why, why_len,
			 _("%s is more than two years ahead: meetings are "
			   "planned at most two years ahead"),
			 date);
		return false;
	}
	return true;
}

long long db_meeting_clash(struct db *db, const struct tb_meeting *m)
{
	int h, mi;
	if (sscanf(m->start_time, "%2d:%2d", &h, &mi) != 2)
		return 0;
	long long from = h * 60 + mi, to = from + m->length_min;
	return db_first_int(
	    db,
	    "SELECT min(id) FROM meeting WHERE board = ?1"
	    " AND date = ?2 AND id <> ?3 AND status <> 'cancelled'"
	    " AND CAST(substr(start_time, 1, 2) AS INTEGER) * 60"
	    " + CAST(substr(start_time, 4, 2) AS INTEGER) < ?5"
	    " AND CAST(substr(start_time, 1, 2) AS INTEGER) * 60"
	    " + CAST(substr(start_time, 4, 2) AS INTEGER)"
	    " + length_min > ?4",
	    DB_PARAMS(DB_TEXT(m->board), DB_TEXT(m->date), DB_INT(m->id),
		      DB_INT(from), DB_INT(to)),
	    -1);
}

enum tb_status db_meeting_create(struct db *db, struct tb_meeting *m)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	char now[21], today[11], why[120];

	clock_timestamp(now);
	clock_today(today);
	if (!db_meeting_date_ok(m->date, today, why, sizeof(why)))
		return TB_INVALID;
	m->id = 0;
	if (db_meeting_clash(db, m) != 0)
		return TB_INVALID;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	if (store_prepare(db->conn,
			  "INSERT INTO meeting (date, start_time,"
			  " length_min, board, level, location, chair,"
			  " status, created, updated) VALUES (?1,?2,?3,"
			  "?4,?5,nullif(?6,''),nullif(?7,''),'planned',"
			  "?8,?8) RETURNING id",
			  0, &st) != STORE_OK)
		goto cleanup;
	bind_meeting(st, 1, m);
	store_bind_text(st, 8, now);
	if (db_step_id(st, &m->id) != STORE_DONE)
		goto cleanup;
	snprintf(m->status, sizeof(m->status), "planned");
	m->n_cases = 0;
	if (db_audit_append(db, db_actor(), "create", "meeting", m->id,
			    "planned") != TB_OK)
		goto cleanup;
	status = db_commit(db);
cleanup:
	store_finalize(st);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

enum tb_status db_meeting_get(struct db *db, long long id,
			      struct tb_meeting *out)
{
	struct store_stmt *st = NULL;
	char *sql = xasprintf("%s WHERE m.id = ?1", meeting_cols);
	enum tb_status status = TB_DB;
	if (store_prepare(db->conn, sql, 0, &st) == STORE_OK) {
		store_bind_int64(st, 1, id);
		int rc = store_step(st);
		if (rc == STORE_ROW) {
			read_meeting(st, out);
			status = TB_OK;
		} else if (rc == STORE_DONE) {
			status = TB_NOT_FOUND;
		}
	}
	store_finalize(st);
	free(sql);
	return status;
}

char *db_meeting_label(struct db *db, long long id)
{
	struct tb_meeting m;
	if (db_meeting_get(db, id, &m) == TB_OK)
		return xasprintf(_("meeting %lld (%s %s)"), id, m.date,
				 m.start_time);
	return xasprintf(_("meeting %lld"), id);
}

struct meeting_fn {
	union {
		bool (*meeting)(const struct tb_meeting *m, void *arg);
		bool (*agenda)(const struct db_agenda_row *r, void *arg);
		bool (*attendee)(const struct db_attendee *a, void *arg);
	} fn;
	void *arg;
};

static bool meeting_row(struct store_stmt *st, void *arg)
{
	const struct meeting_fn *x = arg;
	struct tb_meeting m;
	read_meeting(st, &m);
	return x->fn.meeting(&m, x->arg);
}

enum tb_status
db_meeting_list(struct db *db,
		bool (*cb)(const struct tb_meeting *m, void *arg), void *arg)
{
	struct meeting_fn x = {.fn.meeting = cb, .arg = arg};
	char *sql =
	    xasprintf("%s ORDER BY m.date, m.start_time, m.id", meeting_cols);
	enum tb_status status = db_each(db, sql, NULL, meeting_row, &x);
	free(sql);
	return status;
}

/* The planned or running meeting other than meeting_id whose agenda
 * lists the case (still to be discussed there); 0 when none, -1 on a
 * database error. */
static long long listed_elsewhere(struct db *db, long long meeting_id,
				  long long case_id)
{
	return db_first_int(db,
			    "SELECT min(i.meeting_id) FROM agenda_item i"
			    " JOIN meeting m ON m.id = i.meeting_id"
			    " WHERE i.case_id = ?2 AND i.meeting_id <> ?1"
			    " AND i.status = 'listed'"
			    " AND m.status IN ('planned', 'running')",
			    DB_PARAMS(DB_INT(meeting_id), DB_INT(case_id)), -1);
}

/* db_agenda_add inside the caller's transaction. */
static enum tb_status agenda_add(struct db *db, long long meeting_id,
				 long long case_id, const char *presenter,
				 int slot_minutes, const char **why)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;

	*why = NULL;
	status = meeting_open(db, meeting_id);
	if (status != TB_OK)
		return status;
	/* A case waits on one agenda at a time: listed on another planned
	 * or running meeting, it is moved from there (transfer), never put
	 * on a second one. */
	long long other = listed_elsewhere(db, meeting_id, case_id);
	if (other < 0)
		return TB_DB;
	if (other > 0) {
		/* single-threaded: the message lives until the next call */
		static char msg[200];
		snprintf(msg, sizeof(msg),
			 _("the case is on the agenda of meeting %lld "
			   "already; move it from there with: agenda %lld "
			   "transfer CASE-ID %lld"),
			 other, other, meeting_id);
		*why = msg;
		return TB_INVALID;
	}
	status = TB_DB;
	if (store_prepare(
		db->conn,
		"INSERT INTO agenda_item (meeting_id, case_id, position,"
		" slot_minutes, presenter) VALUES (?1, ?2, (SELECT"
		" coalesce(max(position), 0) + 1 FROM agenda_item WHERE"
		" meeting_id = ?1 AND status <> 'removed'), nullif(?3, 0), ?4)"
		" ON CONFLICT (meeting_id, case_id) DO UPDATE SET"
		" status = 'listed', position = excluded.position,"
		" slot_minutes = excluded.slot_minutes,"
		" presenter = excluded.presenter, note = NULL"
		" WHERE status = 'removed' RETURNING id",
		0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, meeting_id);
	store_bind_int64(st, 2, case_id);
	store_bind_int64(st, 3, slot_minutes);
	store_bind_text(st, 4, presenter);
	int rc = store_step(st);
	if (rc == STORE_DONE) {
		/* The row exists and is not removed: already listed. */
		*why = _("the case is already on this agenda");
		status = TB_INVALID;
		goto cleanup;
	}
	if (rc != STORE_ROW)
		goto cleanup;
	long long item = store_column_int64(st, 0);
	store_finalize(st);
	st = NULL;
	/* A case put on an agenda is listed, unless it has gone further. */
	if (store_prepare(db->conn,
			  "UPDATE cases SET status = 'listed' WHERE id = ?1"
			  " AND status IN ('referred','incomplete','ready',"
			  "'deferred')",
			  0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, case_id);
	if (store_step(st) != STORE_DONE)
		goto cleanup;
	char *detail =
	    xasprintf("case %lld on meeting %lld", case_id, meeting_id);
	status = db_audit_append(db, db_actor(), "list", "agenda_item", item,
				 detail);
	free(detail);
cleanup:
	store_finalize(st);
	return status;
}

enum tb_status db_agenda_add(struct db *db, long long meeting_id,
			     long long case_id, const char *presenter,
			     int slot_minutes, const char **why)
{
	if (db_begin(db) != TB_OK)
		return TB_DB;
	enum tb_status st =
	    agenda_add(db, meeting_id, case_id, presenter, slot_minutes, why);
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK)
		db_rollback(db);
	return st;
}

/* The case's ICD-10 code and status, copied; false when no such case. */
static bool case_facts(struct db *db, long long case_id, char icd10[16],
		       char status[20])
{
	struct store_stmt *st = NULL;
	bool found = false;
	if (store_prepare(db->conn,
			  "SELECT coalesce(icd10, ''), status FROM cases"
			  " WHERE id = ?1",
			  0, &st) == STORE_OK) {
		store_bind_int64(st, 1, case_id);
		if (store_step(st) == STORE_ROW) {
			copy_col(st, 0, icd10, 16);
			copy_col(st, 1, status, 20);
			found = true;
		}
	}
	store_finalize(st);
	return found;
}

/* db_agenda_add_checked inside the caller's transaction: the checks, then
 * the item. On TB_INVALID why says why and nothing was written. */
static enum tb_status agenda_add_checked(struct db *db, const struct boards *bs,
					 const struct tb_meeting *m,
					 long long case_id,
					 const char *presenter,
					 int slot_minutes, const char *override,
					 char *why, size_t why_len)
{
	char icd10[16], cstatus[20];
	const char *static_why = NULL;
	bool forced = override && *override;
	why[0] = '\0';
	if (!case_facts(db, case_id, icd10, cstatus))
		return TB_NOT_FOUND;
	/* a board with no diagnoses of its own takes every case */
	const struct board *mb = boards_by_id(bs, m->board);
	const struct board *cb = boards_for_icd10(bs, icd10);
	bool fits = !mb || !mb->n_diagnoses || cb == mb;
	bool decided = strcmp(cstatus, "signed") == 0 ||
		       strcmp(cstatus, "communicated") == 0 ||
		       strcmp(cstatus, "followed-up") == 0 ||
		       strcmp(cstatus, "closed") == 0;
	if (!forced && !fits) {
		snprintf(
		    why, why_len,
		    _("the case's diagnosis belongs to the %s board, not "
		      "to this %s meeting; list it anyway with an override "
		      "and its reason"),
		    cb ? cb->id : "no", m->board);
		return TB_INVALID;
	}
	if (!forced && decided) {
		snprintf(
		    why, why_len,
		    _("the case has a signed decision (status %s); list it "
		      "again (a re-review) with an override and its reason"),
		    cstatus);
		return TB_INVALID;
	}
	enum tb_status st = agenda_add(db, m->id, case_id, presenter,
				       slot_minutes, &static_why);
	if (static_why)
		snprintf(why, why_len, "%s", static_why);
	long long item = st == TB_OK ? active_item(db, m->id, case_id) : 0;
	if (st == TB_OK && forced) {
		/* the override's reason stays with the item, like a removal's;
		 * the audit log only says that one was given */
		char *note = xasprintf("listed with an override: %s", override);
		st = db_exec_bound(db,
				   "UPDATE agenda_item SET note = ?3"
				   " WHERE id = ?1 AND ?2 = 0",
				   item, 0, note);
		free(note);
		/* a decided case listed again is up for a re-review */
		if (st == TB_OK && decided)
			st = db_exec_bound(db,
					   "UPDATE cases SET status = 'listed'"
					   " WHERE id = ?1 AND ?2 = 0",
					   case_id, 0, NULL);
		if (st == TB_OK)
			st = db_audit_append(
			    db, db_actor(), "override", "agenda_item", item,
			    !fits && decided ? "listed for another board and "
					       "decided; reason recorded"
			    : !fits	     ? "listed for another board; "
					       "reason recorded"
			    : decided	     ? "listed again although "
					       "decided; reason recorded"
				      : "override given; reason recorded");
	}
	return st;
}

enum tb_status db_agenda_add_checked(struct db *db, const struct boards *bs,
				     long long meeting_id, long long case_id,
				     const char *presenter, int slot_minutes,
				     const char *override, char *why,
				     size_t why_len)
{
	struct tb_meeting m;
	why[0] = '\0';
	enum tb_status st = db_meeting_get(db, meeting_id, &m);
	if (st != TB_OK)
		return st;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	st = agenda_add_checked(db, bs, &m, case_id, presenter, slot_minutes,
				override, why, why_len);
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK)
		db_rollback(db);
	return st;
}

enum tb_status db_agenda_add_all(struct db *db, const struct boards *bs,
				 long long meeting_id,
				 const long long *case_ids, size_t n,
				 const char *override,
				 struct db_agenda_added *out, size_t *added)
{
	struct tb_meeting m;
	*added = 0;
	for (size_t i = 0; i < n; i++) {
		out[i].case_id = case_ids[i];
		out[i].st = TB_OK;
		out[i].why[0] = '\0';
	}
	enum tb_status st = db_meeting_get(db, meeting_id, &m);
	if (st != TB_OK)
		return st;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	for (size_t i = 0; st == TB_OK && i < n; i++) {
		enum tb_status one = agenda_add_checked(
		    db, bs, &m, case_ids[i], NULL, 0, override, out[i].why,
		    sizeof(out[i].why));
		out[i].st = one;
		/* a refused case is left out; anything else stops them all */
		if (one == TB_OK)
			(*added)++;
		else if (one == TB_NOT_FOUND)
			snprintf(out[i].why, sizeof(out[i].why),
				 "no such case");
		else if (one != TB_INVALID)
			st = one;
	}
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK) {
		db_rollback(db);
		*added = 0;
	}
	return st;
}

/* The active item of a case on a meeting, or 0. */
static long long active_item(struct db *db, long long meeting_id,
			     long long case_id)
{
	return db_first_int(db,
			    "SELECT id FROM agenda_item WHERE meeting_id = ?1"
			    " AND case_id = ?2 AND status <> 'removed'",
			    DB_PARAMS(DB_INT(meeting_id), DB_INT(case_id)), 0);
}

/* How many cases an agenda holds (removed items left out). */
static int active_count(struct db *db, long long meeting_id)
{
	return (int)db_first_int(db,
				 "SELECT count(*) FROM agenda_item WHERE"
				 " meeting_id = ?1 AND status <> 'removed'",
				 DB_PARAMS(DB_INT(meeting_id)), 0);
}

/* A growing list of ids (id_list, renumber); skip is left out. */
struct ids {
	long long *v;
	size_t n;
	long long skip;
};

static bool id_row(struct store_stmt *st, void *arg)
{
	struct ids *ids = arg;
	long long id = store_column_int64(st, 0);
	if (id && id == ids->skip)
		return true;
	ids->v = xrealloc(ids->v, (ids->n + 1) * sizeof(*ids->v));
	ids->v[ids->n++] = id;
	return true;
}

/* Renumbers the active items of a meeting 1..n in their order, putting
 * item `moved` at `position` (moved 0: keep the order, close gaps). */
static enum tb_status renumber(struct db *db, long long meeting_id,
			       long long moved, int position)
{
	struct ids list = {.skip = moved};
	enum tb_status status =
	    db_each(db,
		    "SELECT id FROM agenda_item WHERE meeting_id = ?1"
		    " AND status <> 'removed' ORDER BY position, id",
		    DB_PARAMS(DB_INT(meeting_id)), id_row, &list);
	long long *ids = list.v;
	size_t n = list.n;
	if (status != TB_OK)
		goto cleanup;
	status = TB_DB;
	if (moved) {
		size_t at = position < 1 ? 0 : (size_t)position - 1;
		if (at > n)
			at = n;
		ids = xrealloc(ids, (n + 1) * sizeof(*ids));
		memmove(ids + at + 1, ids + at, (n - at) * sizeof(*ids));
		ids[at] = moved;
		n++;
	}
	for (size_t i = 0; i < n; i++)
		if (db_exec_bound(db,
				  "UPDATE agenda_item SET position = ?2"
				  " WHERE id = ?1",
				  ids[i], (long long)i + 1, NULL) != TB_OK)
			goto cleanup;
	status = TB_OK;
cleanup:
	free(ids);
	return status;
}

enum tb_status db_agenda_remove(struct db *db, long long meeting_id,
				long long case_id, const char *reason)
{
	enum tb_status status = TB_DB;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	status = meeting_open(db, meeting_id);
	if (status != TB_OK)
		goto cleanup;
	status = TB_DB;
	long long item = active_item(db, meeting_id, case_id);
	if (!item) {
		status = TB_NOT_FOUND;
		goto cleanup;
	}
	/* The reason stays with the item; the audit log only says that one
	 * was given (it may name clinical facts). */
	if (db_exec_bound(db,
			  "UPDATE agenda_item SET status = 'removed', note = ?3"
			  " WHERE id = ?1 AND ?2 = 0",
			  item, 0, reason) != TB_OK ||
	    db_exec_bound(db,
			  "UPDATE cases SET status = 'referred' WHERE id = ?1"
			  " AND status = 'listed'",
			  case_id, 0, NULL) != TB_OK ||
	    renumber(db, meeting_id, 0, 0) != TB_OK ||
	    db_audit_append(db, db_actor(), "remove", "agenda_item", item,
			    "removed from the agenda; reason recorded") !=
		TB_OK)
		goto cleanup;
	status = db_commit(db);
cleanup:
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

enum tb_status db_agenda_move(struct db *db, long long meeting_id,
			      long long case_id, int position)
{
	enum tb_status status = TB_DB;
	char detail[64];
	if (db_begin(db) != TB_OK)
		return TB_DB;
	status = meeting_open(db, meeting_id);
	if (status != TB_OK)
		goto cleanup;
	status = TB_DB;
	long long item = active_item(db, meeting_id, case_id);
	if (!item) {
		status = TB_NOT_FOUND;
		goto cleanup;
	}
	/* a position past the end is a mistake, not "last" */
	if (position < 1 || position > active_count(db, meeting_id)) {
		status = TB_INVALID;
		goto cleanup;
	}
	snprintf(detail, sizeof(detail), "moved to position %d", position);
	if (renumber(db, meeting_id, item, position) != TB_OK ||
	    db_audit_append(db, db_actor(), "move", "agenda_item", item,
			    detail) != TB_OK)
		goto cleanup;
	status = db_commit(db);
cleanup:
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

static enum tb_status
agenda_list(struct db *db, long long meeting_id, bool record,
	    bool (*cb)(const struct db_agenda_row *r, void *arg), void *arg);

enum tb_status
db_agenda_list(struct db *db, long long meeting_id,
	       bool (*cb)(const struct db_agenda_row *r, void *arg), void *arg)
{
	return agenda_list(db, meeting_id, false, cb, arg);
}

enum tb_status db_agenda_record(struct db *db, long long meeting_id,
				bool (*cb)(const struct db_agenda_row *r,
					   void *arg),
				void *arg)
{
	return agenda_list(db, meeting_id, true, cb, arg);
}

static bool agenda_row(struct store_stmt *st, void *arg)
{
	const struct meeting_fn *x = arg;
	struct db_agenda_row r = {
	    .item_id = store_column_int64(st, 0),
	    .position = store_column_int(st, 1),
	    .case_id = store_column_int64(st, 2),
	    .external_id = db_column_text(st, 3),
	    .slot_minutes = store_column_int(st, 4),
	    .presenter = db_column_text(st, 5),
	    .status = db_column_text(st, 6),
	    .note = db_column_text(st, 7),
	    .started = db_column_text(st, 8),
	    .ended = db_column_text(st, 9),
	    .next_meeting = store_column_int64(st, 10),
	    .decided = store_column_int(st, 11) != 0,
	};
	return x->fn.agenda(&r, x->arg);
}

static enum tb_status
agenda_list(struct db *db, long long meeting_id, bool record,
	    bool (*cb)(const struct db_agenda_row *r, void *arg), void *arg)
{
	struct meeting_fn x = {.fn.agenda = cb, .arg = arg};
	return db_each(
	    db,
	    "SELECT a.id, a.position, a.case_id,"
	    " c.external_id, coalesce(a.slot_minutes, 0), a.presenter,"
	    " CASE a.status WHEN 'removed' THEN 'not-reached'"
	    " ELSE a.status END, a.note, t.started, t.ended,"
	    " (SELECT b.meeting_id FROM agenda_item b JOIN meeting mb"
	    "  ON mb.id = b.meeting_id WHERE b.case_id = a.case_id"
	    "  AND b.meeting_id <> a.meeting_id AND b.status <> 'removed'"
	    "  AND (mb.date, mb.start_time) > (m.date, m.start_time)"
	    "  ORDER BY mb.date, mb.start_time LIMIT 1),"
	    " c.status IN ('signed','communicated','followed-up','closed')"
	    " AND a.status = 'listed'"
	    " FROM agenda_item a"
	    " JOIN meeting m ON m.id = a.meeting_id"
	    " JOIN cases c ON c.id = a.case_id"
	    " LEFT JOIN agenda_time t ON t.item_id = a.id"
	    " WHERE a.meeting_id = ?1 AND (a.status <> 'removed'"
	    /* a finished meeting's record: also the cases it did not
	     * reach, which finishing took off (by their notes) */
	    "  OR (?4 AND m.status = 'finished' AND (a.note = ?2"
	    "   OR a.note LIKE 'moved to meeting %: ' || ?3)))"
	    " ORDER BY a.position, a.id",
	    DB_PARAMS(DB_INT(meeting_id), DB_TEXT(DB_AGENDA_DECIDED_MEANWHILE),
		      DB_TEXT(DB_AGENDA_NOT_REACHED), DB_INT(record ? 1 : 0)),
	    agenda_row, &x);
}

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
	status = meeting_open(db, meeting_id);
	if (status != TB_OK)
		goto cleanup;
	/* attendance is who came to the meeting: recorded once it runs */
	char cur[12];
	meeting_status(db, meeting_id, cur);
	if (strcmp(cur, "running") != 0) {
		*why = _("the meeting has not started: start it first "
			 "(meeting start), then record who came");
		status = TB_INVALID;
		goto cleanup;
	}
	status = TB_DB;
	if (present_id(db, meeting_id, name)) {
		/* cmd_meeting.c looks for "present already": not translated */
		*why = "is present already";
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
	    core ? "joined as a core member" : "joined as cover");
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
		snprintf(why, why_len,
			 _("'%s' is not a role of the %s board; its roles: %s"),
			 role, m.board, roles.buf ? roles.buf : "none");
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

enum tb_status db_attendee_leave(struct db *db, long long meeting_id,
				 const char *name)
{
	char now[21];
	clock_timestamp(now);
	if (db_begin(db) != TB_OK)
		return TB_DB;
	enum tb_status status = meeting_open(db, meeting_id);
	long long id = present_id(db, meeting_id, name);
	if (status == TB_OK && !id)
		status = TB_NOT_FOUND;
	if (status == TB_OK)
		status = db_exec_bound(db,
				       "UPDATE attendee SET left_at = ?3"
				       " WHERE id = ?1 AND ?2 = 0",
				       id, 0, now);
	if (status == TB_OK)
		status = db_audit_append(db, db_actor(), "leave", "attendee",
					 id, "left the meeting");
	if (status == TB_OK)
		status = db_commit(db);
	if (status != TB_OK)
		db_rollback(db);
	return status;
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

/* The meeting's status; "" when there is no such meeting. */
static void meeting_status(struct db *db, long long id, char out[12])
{
	struct store_stmt *st = NULL;
	out[0] = '\0';
	if (store_prepare(db->conn, "SELECT status FROM meeting WHERE id = ?1",
			  0, &st) == STORE_OK) {
		store_bind_int64(st, 1, id);
		if (store_step(st) == STORE_ROW)
			snprintf(out, 12, "%s", db_column_text(st, 0));
	}
	store_finalize(st);
}

/* TB_OK while a meeting's record may change (planned or running),
 * TB_CLOSED once it is finished or cancelled, TB_NOT_FOUND when there is
 * no such meeting. */
static enum tb_status meeting_open(struct db *db, long long id)
{
	char cur[12];
	meeting_status(db, id, cur);
	if (!cur[0])
		return TB_NOT_FOUND;
	if (strcmp(cur, "finished") == 0 || strcmp(cur, "cancelled") == 0)
		return TB_CLOSED;
	return TB_OK;
}

enum tb_status db_meeting_update(struct db *db, const struct tb_meeting *m)
{
	struct tb_meeting old;
	enum tb_status status = db_meeting_get(db, m->id, &old);
	if (status != TB_OK)
		return status;
	if (strcmp(old.status, "planned") != 0)
		return TB_INVALID;
	char today[11], why[120];
	clock_today(today);
	if (strcmp(old.date, m->date) != 0 &&
	    !db_meeting_date_ok(m->date, today, why, sizeof(why)))
		return TB_INVALID;
	if (db_meeting_clash(db, m) != 0)
		return TB_INVALID;
	struct strbuf changed;
	strbuf_init(&changed);
	const struct {
		const char *name, *a, *b;
	} f[] = {{"date", old.date, m->date},
		 {"start", old.start_time, m->start_time},
		 {"board", old.board, m->board},
		 {"level", old.level, m->level},
		 {"location", old.location, m->location},
		 {"chair", old.chair, m->chair}};
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (strcmp(f[i].a, f[i].b) != 0)
			strbuf_printf(&changed, "%s%s", changed.len ? ", " : "",
				      f[i].name);
	if (old.length_min != m->length_min)
		strbuf_printf(&changed, "%slength", changed.len ? ", " : "");
	if (!changed.len) {
		strbuf_done(&changed);
		return TB_OK;
	}
	char now[21];
	clock_timestamp(now);
	struct store_stmt *st = NULL;
	status = TB_DB;
	if (db_begin(db) != TB_OK) {
		strbuf_done(&changed);
		return TB_DB;
	}
	if (store_prepare(db->conn,
			  "UPDATE meeting SET date = ?2, start_time = ?3,"
			  " length_min = ?4, board = ?5, level = ?6,"
			  " location = nullif(?7, ''),"
			  " chair = nullif(?8, ''), updated = ?9"
			  " WHERE id = ?1",
			  0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, m->id);
	bind_meeting(st, 2, m);
	store_bind_text(st, 9, now);
	if (store_step(st) != STORE_DONE)
		goto cleanup;
	char *detail = xasprintf("changed: %s", changed.buf);
	status =
	    db_audit_append(db, db_actor(), "edit", "meeting", m->id, detail);
	free(detail);
	if (status == TB_OK)
		status = db_commit(db);
cleanup:
	store_finalize(st);
	strbuf_done(&changed);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

/* Moves the meeting from one status to another, noting when, inside the
 * caller's transaction. */
static enum tb_status set_status_in(struct db *db, long long id,
				    const char *from, const char *to,
				    const char *reason)
{
	char cur[12], now[21];
	meeting_status(db, id, cur);
	if (!cur[0])
		return TB_NOT_FOUND;
	if (strcmp(cur, from) != 0)
		return TB_INVALID;
	clock_timestamp(now);
	enum tb_status st = db_exec_bound(db,
					  "UPDATE meeting SET status = ?3"
					  " WHERE id = ?1 AND ?2 = 0",
					  id, 0, to);
	if (st == TB_OK)
		st = db_exec_bound(db,
				   "INSERT INTO meeting_run (meeting_id)"
				   " VALUES (?1) ON CONFLICT DO NOTHING",
				   id, 0, NULL);
	if (st == TB_OK && strcmp(to, "running") == 0)
		st = db_exec_bound(db,
				   "UPDATE meeting_run SET started = ?3"
				   " WHERE meeting_id = ?1 AND ?2 = 0",
				   id, 0, now);
	if (st == TB_OK && strcmp(to, "finished") == 0)
		st = db_exec_bound(db,
				   "UPDATE meeting_run SET finished = ?3"
				   " WHERE meeting_id = ?1 AND ?2 = 0",
				   id, 0, now);
	if (st == TB_OK && strcmp(to, "cancelled") == 0) {
		st = db_exec_bound(db,
				   "UPDATE meeting_run SET cancel_reason = ?3"
				   " WHERE meeting_id = ?1 AND ?2 = 0",
				   id, 0, reason);
		/* its listed cases go back to the referral queue */
		if (st == TB_OK)
			st = db_exec_bound(
			    db,
			    "UPDATE cases SET status = 'referred' WHERE id IN"
			    " (SELECT case_id FROM agenda_item WHERE"
			    " meeting_id = ?1 AND status = 'listed')"
			    " AND status = 'listed' AND ?2 = 0",
			    id, 0, NULL);
		if (st == TB_OK)
			st = db_exec_bound(db,
					   "UPDATE agenda_item SET status ="
					   " 'removed', note = 'the meeting was"
					   " cancelled' WHERE meeting_id = ?1"
					   " AND status = 'listed' AND ?2 = 0",
					   id, 0, NULL);
	}
	if (st == TB_OK && strcmp(to, "finished") == 0)
		st = db_exec_bound(db,
				   "UPDATE agenda_time SET ended = ?3 WHERE"
				   " ended IS NULL AND item_id IN (SELECT id"
				   " FROM agenda_item WHERE meeting_id = ?1"
				   " AND ?2 = 0)",
				   id, 0, now);
	if (st == TB_OK)
		st = db_audit_append(db, db_actor(), to, "meeting", id,
				     reason ? "with a reason" : to);
	return st;
}

static enum tb_status set_status(struct db *db, long long id, const char *from,
				 const char *to, const char *reason)
{
	if (db_begin(db) != TB_OK)
		return TB_DB;
	enum tb_status st = set_status_in(db, id, from, to, reason);
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK)
		db_rollback(db);
	return st;
}

/* The case ids of a query binding ?1 = id; caller frees *out. */
static enum tb_status id_list(struct db *db, const char *sql, long long id,
			      long long **out, size_t *n)
{
	struct ids ids = {0};
	enum tb_status status =
	    db_each(db, sql, DB_PARAMS(DB_INT(id)), id_row, &ids);
	*out = ids.v;
	*n = ids.n;
	return status;
}

/* Takes a case decided at meeting `decided_at` off every other agenda
 * that is still to come, with a note; counts them in *n. */
static enum tb_status withdraw_decided(struct db *db, long long decided_at,
				       long long case_id, int *n)
{
	long long *items = NULL, *meetings = NULL;
	size_t ni = 0, nm = 0;
	enum tb_status st =
	    id_list(db,
		    "SELECT a.id FROM agenda_item a JOIN meeting m ON"
		    " m.id = a.meeting_id WHERE a.case_id = ?1 AND"
		    " a.status = 'listed' AND m.status = 'planned'"
		    " ORDER BY a.id",
		    case_id, &items, &ni);
	if (st == TB_OK)
		st = id_list(db,
			     "SELECT a.meeting_id FROM agenda_item a JOIN"
			     " meeting m ON m.id = a.meeting_id WHERE"
			     " a.case_id = ?1 AND a.status = 'listed' AND"
			     " m.status = 'planned' ORDER BY a.id",
			     case_id, &meetings, &nm);
	char *note = xasprintf("decided at meeting %lld", decided_at);
	for (size_t i = 0; st == TB_OK && i < ni && i < nm; i++) {
		if (meetings[i] == decided_at)
			continue;
		st = db_exec_bound(db,
				   "UPDATE agenda_item SET status = 'removed',"
				   " note = ?3 WHERE id = ?1 AND ?2 = 0",
				   items[i], 0, note);
		if (st == TB_OK)
			st = renumber(db, meetings[i], 0, 0);
		if (st == TB_OK)
			st = db_audit_append(db, db_actor(), "remove",
					     "agenda_item", items[i], note);
		if (st == TB_OK)
			(*n)++;
	}
	free(note);
	free(items);
	free(meetings);
	return st;
}

/* An agenda item and its meeting, in pairs (item, meeting). */
static bool pair_row(struct store_stmt *st, void *arg)
{
	struct ids *ids = arg;
	ids->v = xrealloc(ids->v, (ids->n + 2) * sizeof(*ids->v));
	ids->v[ids->n++] = store_column_int64(st, 0);
	ids->v[ids->n++] = store_column_int64(st, 1);
	return true;
}

enum tb_status db_agenda_leave_levels(struct db *db, long long case_id,
				      const char *level, int *n)
{
	struct ids pairs = {0};
	*n = 0;
	enum tb_status st = db_each(
	    db,
	    "SELECT a.id, a.meeting_id FROM agenda_item a JOIN meeting m"
	    " ON m.id = a.meeting_id WHERE a.case_id = ?1"
	    " AND a.status = 'listed' AND m.status = 'planned'"
	    " AND m.level <> ?2 ORDER BY a.id",
	    DB_PARAMS(DB_INT(case_id), DB_TEXT(level)), pair_row, &pairs);
	char *note = xasprintf("referred to the %s level", level);
	for (size_t i = 0; st == TB_OK && i + 1 < pairs.n; i += 2) {
		st = db_exec_bound(db,
				   "UPDATE agenda_item SET status = 'removed',"
				   " note = ?3 WHERE id = ?1 AND ?2 = 0",
				   pairs.v[i], 0, note);
		if (st == TB_OK)
			st = renumber(db, pairs.v[i + 1], 0, 0);
		if (st == TB_OK)
			st = db_audit_append(db, db_actor(), "remove",
					     "agenda_item", pairs.v[i], note);
		if (st == TB_OK)
			(*n)++;
	}
	/* listed nowhere now: back in the referral queue */
	if (st == TB_OK && *n)
		st = db_exec_bound(db,
				   "UPDATE cases SET status = 'referred'"
				   " WHERE id = ?1 AND status = 'listed'"
				   " AND NOT EXISTS (SELECT 1 FROM agenda_item"
				   " WHERE case_id = ?1 AND status = 'listed')"
				   " AND ?2 = 0",
				   case_id, 0, NULL);
	free(note);
	free(pairs.v);
	return st;
}

enum tb_status db_meeting_finish_all(struct db *db, long long id,
				     struct db_finish *out)
{
	long long *cases = NULL;
	size_t n = 0;
	memset(out, 0, sizeof(*out));
	if (db_begin(db) != TB_OK)
		return TB_DB;
	char cur[12];
	meeting_status(db, id, cur);
	enum tb_status st = !cur[0]			  ? TB_NOT_FOUND
			    : strcmp(cur, "running") != 0 ? TB_INVALID
							  : TB_OK;
	if (st == TB_OK)
		st = db_meeting_next(db, id, &out->next);
	/* cases not reached that were decided meanwhile do not move on */
	if (st == TB_OK)
		st = id_list(db,
			     "SELECT a.id FROM agenda_item a JOIN cases c ON"
			     " c.id = a.case_id WHERE a.meeting_id = ?1 AND"
			     " a.status = 'listed' AND c.status IN ('signed',"
			     "'communicated','followed-up','closed')"
			     " ORDER BY a.position",
			     id, &cases, &n);
	for (size_t i = 0; st == TB_OK && i < n; i++) {
		static const char note[] = DB_AGENDA_DECIDED_MEANWHILE;
		st = db_exec_bound(db,
				   "UPDATE agenda_item SET status = 'removed',"
				   " note = ?3 WHERE id = ?1 AND ?2 = 0",
				   cases[i], 0, note);
		if (st == TB_OK)
			st = db_audit_append(db, db_actor(), "remove",
					     "agenda_item", cases[i], note);
		if (st == TB_OK)
			out->decided++;
	}
	free(cases);
	cases = NULL;
	/* the cases not reached move on to the board's next meeting */
	if (st == TB_OK)
		st = id_list(db,
			     "SELECT case_id FROM agenda_item WHERE"
			     " meeting_id = ?1 AND status = 'listed'"
			     " ORDER BY position",
			     id, &cases, &n);
	for (size_t i = 0; st == TB_OK && i < n; i++) {
		bool already = false;
		if (!out->next) {
			out->not_moved++;
			continue;
		}
		/* the item keeps its place: the finished meeting's
		 * agenda still lists it, where it was */
		st = agenda_transfer(db, id, cases[i], out->next,
				     DB_AGENDA_NOT_REACHED, false, true,
				     &already);
		if (st == TB_INVALID && already)
			st = TB_OK;
		if (st == TB_OK)
			out->moved++;
	}
	free(cases);
	cases = NULL;
	/* a case decided here is no longer "ready" on agendas to come */
	if (st == TB_OK)
		st = id_list(db,
			     "SELECT DISTINCT case_id FROM decision WHERE"
			     " meeting_id = ?1 ORDER BY case_id",
			     id, &cases, &n);
	for (size_t i = 0; st == TB_OK && i < n; i++)
		st = withdraw_decided(db, id, cases[i], &out->withdrawn);
	free(cases);
	if (st == TB_OK)
		st = set_status_in(db, id, "running", "finished", NULL);
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK) {
		/* the database's reason, before the rollback clears it */
		char error[sizeof(out->error)];
		snprintf(error, sizeof(error), "%s",
			 st == TB_DB ? store_errmsg(db->conn) : "");
		db_rollback(db);
		memset(out, 0, sizeof(*out));
		memcpy(out->error, error, sizeof(error));
	}
	return st;
}

enum tb_status db_meeting_cancel(struct db *db, long long id,
				 const char *reason)
{
	if (util_blank(reason))
		return TB_INVALID;
	return set_status(db, id, "planned", "cancelled", reason);
}

enum tb_status db_meeting_start(struct db *db, long long id)
{
	return set_status(db, id, "planned", "running", NULL);
}

enum tb_status db_meeting_finish(struct db *db, long long id)
{
	return set_status(db, id, "running", "finished", NULL);
}

enum tb_status db_meeting_times(struct db *db, long long id, char *started,
				char *finished, char *cancel_reason,
				size_t reason_len)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	started[0] = finished[0] = '\0';
	if (cancel_reason && reason_len)
		cancel_reason[0] = '\0';
	if (store_prepare(db->conn,
			  "SELECT coalesce(started, ''),"
			  " coalesce(finished, ''),"
			  " coalesce(cancel_reason, '')"
			  " FROM meeting_run WHERE meeting_id = ?1",
			  0, &st) == STORE_OK) {
		store_bind_int64(st, 1, id);
		int rc = store_step(st);
		if (rc == STORE_ROW) {
			snprintf(started, 21, "%s", db_column_text(st, 0));
			snprintf(finished, 21, "%s", db_column_text(st, 1));
			if (cancel_reason && reason_len)
				snprintf(cancel_reason, reason_len, "%s",
					 db_column_text(st, 2));
		}
		if (rc == STORE_ROW || rc == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(st);
	return status;
}

enum tb_status db_meeting_next(struct db *db, long long id, long long *next)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	*next = 0;
	if (store_prepare(
		db->conn,
		"SELECT n.id FROM meeting m JOIN meeting n ON n.board ="
		" m.board AND n.status = 'planned' AND n.id <> m.id AND"
		" (n.date > m.date OR (n.date = m.date AND n.start_time >"
		" m.start_time)) WHERE m.id = ?1"
		" ORDER BY n.date, n.start_time LIMIT 1",
		0, &st) == STORE_OK) {
		store_bind_int64(st, 1, id);
		int rc = store_step(st);
		if (rc == STORE_ROW)
			*next = store_column_int64(st, 0);
		if (rc == STORE_ROW || rc == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(st);
	return status;
}

enum tb_status db_agenda_set(struct db *db, long long meeting_id,
			     long long case_id, int slot_minutes,
			     const char *presenter)
{
	if (db_begin(db) != TB_OK)
		return TB_DB;
	enum tb_status st = meeting_open(db, meeting_id);
	long long item = active_item(db, meeting_id, case_id);
	if (st == TB_OK && !item)
		st = TB_NOT_FOUND;
	if (st == TB_OK)
		st = db_exec_bound(db,
				   "UPDATE agenda_item SET slot_minutes ="
				   " nullif(?2, 0), presenter = nullif(?3, '')"
				   " WHERE id = ?1",
				   item, slot_minutes, presenter);
	if (st == TB_OK)
		st = db_audit_append(db, db_actor(), "edit", "agenda_item",
				     item, "slot and presenter set");
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK)
		db_rollback(db);
	return st;
}

/* The listed item of a case on an agenda; 0 when none. */
static long long listed_item(struct db *db, long long meeting_id,
			     long long case_id)
{
	return db_first_int(db,
			    "SELECT id FROM agenda_item WHERE meeting_id ="
			    " ?1 AND case_id = ?2 AND status = 'listed'",
			    DB_PARAMS(DB_INT(meeting_id), DB_INT(case_id)), 0);
}

/* db_agenda_mark inside the caller's transaction. */
static enum tb_status agenda_mark(struct db *db, long long meeting_id,
				  long long case_id, const char *status,
				  const char *note)
{
	enum tb_status open = meeting_open(db, meeting_id);
	if (open != TB_OK)
		return open;
	long long item = listed_item(db, meeting_id, case_id);
	if (!item)
		return TB_NOT_FOUND;
	enum tb_status st = db_exec_bound(db,
					  "UPDATE agenda_item SET status = ?3"
					  " WHERE id = ?1 AND ?2 = 0",
					  item, 0, status);
	if (st == TB_OK && note && *note)
		st = db_exec_bound(db,
				   "UPDATE agenda_item SET note = ?3"
				   " WHERE id = ?1 AND ?2 = 0",
				   item, 0, note);
	/* the case follows: discussed or not, or deferred */
	if (st == TB_OK)
		st = db_exec_bound(db,
				   "UPDATE cases SET status = ?3 WHERE id = ?1"
				   " AND status = 'listed' AND ?2 = 0",
				   case_id, 0, status);
	if (st == TB_OK) {
		char *detail = xasprintf(
		    "%s%s", status, note && *note ? "; reason recorded" : "");
		st = db_audit_append(db, db_actor(), "mark", "agenda_item",
				     item, detail);
		free(detail);
	}
	return st;
}

enum tb_status db_agenda_mark(struct db *db, long long meeting_id,
			      long long case_id, const char *status,
			      const char *note)
{
	if (strcmp(status, "discussed") != 0 &&
	    strcmp(status, "not-discussed") != 0 &&
	    strcmp(status, "deferred") != 0)
		return TB_INVALID;
	if (strcmp(status, "deferred") == 0 && util_blank(note))
		return TB_INVALID;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	enum tb_status st = agenda_mark(db, meeting_id, case_id, status, note);
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK)
		db_rollback(db);
	return st;
}

/* db_agenda_unmark inside the caller's transaction. */
static enum tb_status agenda_unmark(struct db *db, long long meeting_id,
				    long long case_id, long long moved_to)
{
	long long item = 0;
	/* a finished meeting's record is closed */
	enum tb_status st = meeting_open(db, meeting_id);
	struct store_stmt *q = NULL;
	if (store_prepare(db->conn,
			  "SELECT id FROM agenda_item WHERE meeting_id = ?1"
			  " AND case_id = ?2 AND status IN ('deferred',"
			  " 'not-discussed')",
			  0, &q) == STORE_OK) {
		store_bind_int64(q, 1, meeting_id);
		store_bind_int64(q, 2, case_id);
		if (store_step(q) == STORE_ROW)
			item = store_column_int64(q, 0);
	}
	store_finalize(q);
	if (st == TB_OK && !item)
		st = TB_NOT_FOUND;
	/* a deferral put the case on the other meeting: it comes off */
	if (st == TB_OK && moved_to) {
		long long other = active_item(db, moved_to, case_id);
		st = other ? db_exec_bound(db,
					   "UPDATE agenda_item SET status ="
					   " 'removed', note = ?3 WHERE id = ?1"
					   " AND ?2 = 0",
					   other, 0, "deferral undone")
			   : TB_NOT_FOUND;
		if (st == TB_OK)
			st = renumber(db, moved_to, 0, 0);
	}
	if (st == TB_OK)
		st = db_exec_bound(db,
				   "UPDATE agenda_item SET status = 'listed',"
				   " note = NULL WHERE id = ?1 AND ?2 = 0",
				   item, 0, NULL);
	if (st == TB_OK)
		st = db_exec_bound(
		    db,
		    "UPDATE cases SET status = 'listed' WHERE id ="
		    " ?1 AND status IN ('deferred',"
		    " 'not-discussed', 'listed') AND ?2 = 0",
		    case_id, 0, NULL);
	if (st == TB_OK)
		st = db_audit_append(
		    db, db_actor(), "unmark", "agenda_item", item,
		    moved_to ? "deferral undone" : "not-discussed undone");
	return st;
}

enum tb_status db_agenda_unmark(struct db *db, long long meeting_id,
				long long case_id, long long moved_to)
{
	if (db_begin(db) != TB_OK)
		return TB_DB;
	enum tb_status st = agenda_unmark(db, meeting_id, case_id, moved_to);
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK)
		db_rollback(db);
	return st;
}

enum tb_status db_agenda_undo_last(struct db *db, long long meeting_id,
				   struct db_undo *out)
{
	memset(out, 0, sizeof(*out));
	if (db_begin(db) != TB_OK)
		return TB_DB;
	enum tb_status st = meeting_open(db, meeting_id);
	struct store_stmt *q = NULL;
	long long case_id = 0;
	char status[16] = "", note[300] = "";
	bool found = false;
	/* the meeting's last outcome given or undone, from the audit log,
	 * read from its end (CROSS JOIN keeps that order: a running
	 * meeting's marks are among the last entries) */
	if (st == TB_OK &&
	    store_prepare(
		db->conn,
		"SELECT au.action, i.case_id, i.status, coalesce(i.note, ''),"
		" au.detail FROM audit au CROSS JOIN agenda_item i"
		" ON i.id = au.entity_id WHERE au.entity = 'agenda_item'"
		" AND i.meeting_id = ?1 AND (au.action = 'unmark'"
		"  OR (au.action = 'mark' AND (au.detail LIKE 'deferred%'"
		"   OR au.detail LIKE 'not-discussed%')))"
		" ORDER BY au.id DESC LIMIT 1",
		0, &q) == STORE_OK) {
		store_bind_int64(q, 1, meeting_id);
		if (store_step(q) == STORE_ROW) {
			/* an undo is not undone again: the outcome it took
			 * back is gone, with its reason */
			found = strcmp(db_column_text(q, 0), "mark") == 0;
			case_id = store_column_int64(q, 1);
			copy_col(q, 2, status, sizeof(status));
			copy_col(q, 3, note, sizeof(note));
		}
	} else if (st == TB_OK)
		st = TB_DB;
	store_finalize(q);
	/* undone already, or changed since: nothing to undo */
	if (st == TB_OK && (!found || (strcmp(status, "deferred") != 0 &&
				       strcmp(status, "not-discussed") != 0)))
		st = TB_NOT_FOUND;
	long long moved_to = 0;
	if (st == TB_OK && strcmp(status, "deferred") == 0 &&
	    sscanf(note, "moved to meeting %lld:", &moved_to) != 1)
		st = TB_NOT_FOUND;
	if (st == TB_OK)
		st = agenda_unmark(db, meeting_id, case_id, moved_to);
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK)
		db_rollback(db);
	else {
		out->case_id = case_id;
		snprintf(out->what, sizeof(out->what), "%s", status);
		out->moved_to = moved_to;
	}
	return st;
}

/* db_agenda_transfer inside the caller's transaction. *already is set
 * when the case was on the other agenda already (TB_INVALID then; the old
 * item is changed all the same, for the caller to keep or roll back).
 * keep_position leaves the other items' positions as they are (finishing:
 * the meeting's record keeps its order). */
static enum tb_status agenda_transfer(struct db *db, long long from,
				      long long case_id, long long to,
				      const char *reason, bool deferred,
				      bool keep_position, bool *already)
{
	*already = false;
	enum tb_status st = meeting_open(db, from);
	if (st != TB_OK)
		return st;
	long long item = active_item(db, from, case_id);
	if (!item)
		return TB_NOT_FOUND;
	/* the case keeps its slot and presenter where it goes */
	int slot = 0;
	char *presenter = NULL;
	struct store_stmt *q = NULL;
	if (store_prepare(db->conn,
			  "SELECT coalesce(slot_minutes, 0), presenter"
			  " FROM agenda_item WHERE id = ?1",
			  0, &q) != STORE_OK)
		return TB_DB;
	store_bind_int64(q, 1, item);
	if (store_step(q) == STORE_ROW) {
		slot = store_column_int(q, 0);
		presenter = db_column_dup(q, 1);
	}
	store_finalize(q);
	char *note = xasprintf("moved to meeting %lld: %s", to, reason);
	if (deferred)
		st = agenda_mark(db, from, case_id, "deferred", note);
	else {
		st = db_exec_bound(db,
				   "UPDATE agenda_item SET status = 'removed',"
				   " note = ?3 WHERE id = ?1 AND ?2 = 0",
				   item, 0, note);
		if (st == TB_OK && !keep_position)
			st = renumber(db, from, 0, 0);
		if (st == TB_OK)
			st = db_audit_append(db, db_actor(), "move",
					     "agenda_item", item,
					     "moved to another meeting; reason "
					     "recorded");
	}
	free(note);
	const char *why = NULL;
	if (st == TB_OK) {
		st = agenda_add(db, to, case_id, presenter, slot, &why);
		*already = st == TB_INVALID && why;
	}
	free(presenter);
	return st;
}

enum tb_status db_agenda_transfer(struct db *db, long long from,
				  long long case_id, long long to,
				  const char *reason, bool deferred)
{
	if (util_blank(reason) || from == to)
		return TB_INVALID;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	bool already;
	enum tb_status st = agenda_transfer(db, from, case_id, to, reason,
					    deferred, false, &already);
	if (st == TB_OK)
		st = db_commit(db);
	if (st != TB_OK)
		db_rollback(db);
	return st;
}

enum tb_status db_agenda_clock(struct db *db, long long meeting_id,
			       long long case_id)
{
	char now[21];
	clock_timestamp(now);
	if (db_begin(db) != TB_OK)
		return TB_DB;
	/* a closed meeting's times are final; stopping is harmless */
	enum tb_status st = case_id ? meeting_open(db, meeting_id) : TB_OK;
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
	long long item = case_id ? active_item(db, meeting_id, case_id) : 0;
	if (st == TB_OK && case_id && !item)
		st = TB_NOT_FOUND;
	/* a clock that ran before goes on from where it stopped: the time
	 * spent is what counts, so the start moves by the pause */
	if (st == TB_OK && item)
		st = db_exec_bound(
		    db,
		    "INSERT INTO agenda_time (item_id, started) VALUES (?1,"
		    " ?3) ON CONFLICT (item_id) DO UPDATE SET started ="
		    " strftime('%Y-%m-%dT%H:%M:%SZ', CAST(strftime('%s', ?3) "
		    "AS INTEGER) -"
		    " (CAST(strftime('%s', ended) AS INTEGER) - "
		    "CAST(strftime('%s', started) AS INTEGER)), 'unixepoch'),"
		    " ended = NULL WHERE ended IS NOT NULL AND ?2 = ?2",
		    item, 0, now);
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
	if (store_prepare(
		db->conn,
		"SELECT coalesce(CAST(strftime('%s', t.ended) AS INTEGER), ?3) "
		"- CAST(strftime('%s', t.started) AS INTEGER)"
		" FROM agenda_time t JOIN agenda_item a ON a.id = t.item_id"
		" WHERE a.meeting_id = ?1 AND a.case_id = ?2",
		0, &st) == STORE_OK) {
		store_bind_int64(st, 1, meeting_id);
		store_bind_int64(st, 2, case_id);
		store_bind_int64(st, 3, now_epoch);
		int rc = store_step(st);
		if (rc == STORE_ROW)
			*seconds = store_column_int64(st, 0);
		if (rc == STORE_ROW || rc == STORE_DONE)
			status = TB_OK;
	}
	store_finalize(st);
	return status;
}

/*
 * Meetings: their rows and date bounds, their states (planned, running
 * from its real start, finished in one transaction with what finishing
 * moves, cancelled). The agenda is in db_agenda.c, attendance in
 * db_attend.c; what the three share is in db_meeting_internal.h.
 */
#include "db_meeting.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "clock.h"
#include "db_internal.h"
#include "db_meeting_internal.h"
#include "db_user.h"
#include "i18n.h"
#include "model.h"
#include "util.h"
#include "validate.h"

void db_meeting_copy_col(struct store_stmt *st, int col, char *out, size_t n)
{
	const char *t = db_column_text(st, col);
	snprintf(out, n, "%s", t ? t : "");
}

const char db_meeting_cols[] =
    "SELECT m.id, m.date, m.start_time, m.length_min, m.board, m.level,"
    " coalesce(m.location, ''), coalesce(m.chair, ''), m.status,"
    /* a finished meeting counts every case its record lists */
    " (SELECT count(*) FROM agenda_item a WHERE a.meeting_id = m.id"
    "  AND (a.status <> 'removed' OR " DB_AGENDA_TAKEN_AT_FINISH ")),"
    " coalesce(r.started, ''), coalesce(r.finished, '')"
    " FROM meeting m LEFT JOIN meeting_run r ON r.meeting_id = m.id";

void db_meeting_read(struct store_stmt *st, struct tb_meeting *m)
{
	m->id = store_column_int64(st, 0);
	db_meeting_copy_col(st, 1, m->date, sizeof(m->date));
	db_meeting_copy_col(st, 2, m->start_time, sizeof(m->start_time));
	m->length_min = store_column_int(st, 3);
	db_meeting_copy_col(st, 4, m->board, sizeof(m->board));
	db_meeting_copy_col(st, 5, m->level, sizeof(m->level));
	db_meeting_copy_col(st, 6, m->location, sizeof(m->location));
	db_meeting_copy_col(st, 7, m->chair, sizeof(m->chair));
	db_meeting_copy_col(st, 8, m->status, sizeof(m->status));
	m->n_cases = store_column_int(st, 9);
	db_meeting_copy_col(st, 10, m->started, sizeof(m->started));
	db_meeting_copy_col(st, 11, m->finished, sizeof(m->finished));
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

/* Only a meeting still to be held (planned) or being held (running)
 * holds its time: a finished one is a record and a cancelled one was
 * never held, and neither keeps the board from meeting then. */
long long db_meeting_clash(struct db *db, const struct tb_meeting *m)
{
	int h, mi;
	if (sscanf(m->start_time, "%2d:%2d", &h, &mi) != 2)
		return 0;
	long long from = h * 60 + mi, to = from + m->length_min;
	return db_first_int(
	    db,
	    "SELECT min(id) FROM meeting WHERE board = ?1"
	    " AND date = ?2 AND id <> ?3"
	    " AND status IN ('planned', 'running')"
	    " AND CAST(substr(start_time, 1, 2) AS INTEGER) * 60"
	    " + CAST(substr(start_time, 4, 2) AS INTEGER) < ?5"
	    " AND CAST(substr(start_time, 1, 2) AS INTEGER) * 60"
	    " + CAST(substr(start_time, 4, 2) AS INTEGER)"
	    " + length_min > ?4",
	    DB_PARAMS(DB_TEXT(m->board), DB_TEXT(m->date), DB_INT(m->id),
		      DB_INT(from), DB_INT(to)),
	    -1);
}

enum tb_status db_meeting_insert(struct db *db, struct tb_meeting *m)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	char now[21];

	clock_timestamp(now);
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
	status = db_audit_append(db, db_actor(), "create", "meeting", m->id,
				 "planned");
cleanup:
	store_finalize(st);
	return status;
}

enum tb_status db_meeting_create(struct db *db, struct tb_meeting *m)
{
	char today[11], why[120];

	clock_today(today);
	if (!db_meeting_date_ok(m->date, today, why, sizeof(why)))
		return TB_INVALID;
	db_user_name_for(db, m->chair, sizeof(m->chair)); /* not an account */
	m->id = 0;
	if (db_meeting_clash(db, m) != 0)
		return TB_INVALID;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	return db_commit_if(db, db_meeting_insert(db, m));
}

/* The texts of db_meeting_get and db_meeting_list (caller frees). */
static char *get_sql(void)
{
	return xasprintf("%s WHERE m.id = ?1", db_meeting_cols);
}

static char *list_sql(void)
{
	return xasprintf("%s ORDER BY m.date, m.start_time, m.id",
			 db_meeting_cols);
}

void db_meeting_warm(struct db *db)
{
	char *(*const texts[])(void) = {list_sql, get_sql};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(texts); i++) {
		char *sql = texts[i]();
		db_each_warm(db, sql);
		free(sql);
	}
}

/* db_meeting_one's row. */
struct one_meeting {
	struct tb_meeting *out;
	bool found;
};

static bool one_row(struct store_stmt *st, void *arg)
{
	struct one_meeting *o = arg;
	db_meeting_read(st, o->out);
	o->found = true;
	return false;
}

enum tb_status db_meeting_one(struct db *db, const char *sql,
			      const struct db_param *params,
			      struct tb_meeting *out)
{
	struct one_meeting o = {.out = out};
	enum tb_status st = db_each(db, sql, params, one_row, &o);
	return st != TB_OK ? st : o.found ? TB_OK : TB_NOT_FOUND;
}

enum tb_status db_meeting_get(struct db *db, long long id,
			      struct tb_meeting *out)
{
	char *sql = get_sql();
	enum tb_status st = db_meeting_one(db, sql, DB_PARAMS(DB_INT(id)), out);
	free(sql);
	return st;
}

char *db_meeting_label(struct db *db, long long id)
{
	struct tb_meeting m;
	if (db_meeting_get(db, id, &m) == TB_OK)
		return xasprintf(_("meeting %lld (%s %s)"), id, m.date,
				 m.start_time);
	return xasprintf(_("meeting %lld"), id);
}

static bool meeting_row(struct store_stmt *st, void *arg)
{
	const struct meeting_fn *x = arg;
	struct tb_meeting m;
	db_meeting_read(st, &m);
	return x->fn.meeting(&m, x->arg);
}

enum tb_status
db_meeting_list(struct db *db,
		bool (*cb)(const struct tb_meeting *m, void *arg), void *arg)
{
	struct meeting_fn x = {.fn.meeting = cb, .arg = arg};
	char *sql = list_sql();
	enum tb_status status = db_each(db, sql, NULL, meeting_row, &x);
	free(sql);
	return status;
}

bool db_meeting_board_takes(const struct boards *bs, const char *board_id,
			    const char *icd10)
{
	const struct board *mb = boards_by_id(bs, board_id);
	return !mb || !mb->n_diagnoses || boards_for_icd10(bs, icd10) == mb;
}

/* db_meeting_next_for's walk over the meetings, by date. */
struct next_for {
	const struct boards *bs;
	char (*icd10)[16]; /* each case's code; "" when none */
	size_t n;
	time_t now;
	long long own, any; /* the first of the cases' board; of any */
};

static bool next_for_row(const struct tb_meeting *m, void *arg)
{
	struct next_for *x = arg;
	if (strcmp(m->status, "planned") != 0 || model_meeting_past(m, x->now))
		return true;
	const struct board *mb = boards_by_id(x->bs, m->board);
	bool own = mb != NULL, any = true;
	for (size_t i = 0; i < x->n; i++) {
		own = own && boards_for_icd10(x->bs, x->icd10[i]) == mb;
		any =
		    any && db_meeting_board_takes(x->bs, m->board, x->icd10[i]);
	}
	if (own && !x->own)
		x->own = m->id;
	if (any && !x->any)
		x->any = m->id;
	return !x->own;
}

long long db_meeting_next_for(struct db *db, const struct boards *bs,
			      const long long *case_ids, size_t n)
{
	struct next_for x = {.bs = bs, .n = n, .now = clock_now()};
	if (!n)
		return 0;
	x.icd10 = xcalloc(n, sizeof(*x.icd10));
	for (size_t i = 0; i < n; i++) {
		struct store_stmt *st = NULL;
		if (store_prepare(db->conn,
				  "SELECT coalesce(icd10, '') FROM cases"
				  " WHERE id = ?1",
				  0, &st) == STORE_OK) {
			store_bind_int64(st, 1, case_ids[i]);
			if (store_step(st) == STORE_ROW)
				db_meeting_copy_col(st, 0, x.icd10[i], 16);
		}
		store_finalize(st);
	}
	if (db_meeting_open_list(db, next_for_row, &x) != TB_OK)
		x.own = x.any = 0;
	free(x.icd10);
	return x.own ? x.own : x.any;
}

/* The active item of a case on a meeting, or 0. */
enum tb_status db_meeting_note_override(struct db *db, long long item,
					const char *override,
					const char *detail)
{
	char *note = xasprintf(/* untranslated: an audit detail */
			       "listed with an override: %s", override);
	enum tb_status st = db_exec_bound(db,
					  "UPDATE agenda_item SET note = ?3"
					  " WHERE id = ?1 AND ?2 = 0",
					  item, 0, note);
	free(note);
	if (st == TB_OK)
		st = db_audit_append(db, db_actor(), "override", "agenda_item",
				     item, detail);
	return st;
}

long long db_meeting_active_item(struct db *db, long long meeting_id,
				 long long case_id)
{
	return db_first_int(db,
			    "SELECT id FROM agenda_item WHERE meeting_id = ?1"
			    " AND case_id = ?2 AND status <> 'removed'",
			    DB_PARAMS(DB_INT(meeting_id), DB_INT(case_id)), 0);
}

/* The meeting's status; "" when there is no such meeting. */
void db_meeting_status(struct db *db, long long id, char out[12])
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
enum tb_status db_meeting_check_open(struct db *db, long long id)
{
	char cur[12];
	db_meeting_status(db, id, cur);
	if (!cur[0])
		return TB_NOT_FOUND;
	if (strcmp(cur, "finished") == 0 || strcmp(cur, "cancelled") == 0)
		return TB_CLOSED;
	return TB_OK;
}

enum tb_status db_meeting_update(struct db *db, struct tb_meeting *m)
{
	struct tb_meeting old;
	db_user_name_for(db, m->chair, sizeof(m->chair)); /* not an account */
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
	char *detail = xasprintf(
	    /* untranslated: an audit detail */ "changed: %s", changed.buf);
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
	db_meeting_status(db, id, cur);
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
			    " AND status = "
			    "'listed'" DB_CASE_ON_NO_COMING_AGENDA,
			    id, id, NULL);
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
		st = db_audit_append(
		    db, db_actor(), to, "meeting", id,
		    reason ? /* untranslated: an audit detail */ "with a reason"
			   : to);
	return st;
}

static enum tb_status set_status(struct db *db, long long id, const char *from,
				 const char *to, const char *reason)
{
	if (db_begin(db) != TB_OK)
		return TB_DB;
	return db_commit_if(db, set_status_in(db, id, from, to, reason));
}

/* Takes a case decided at meeting `decided_at` off every other agenda
 * that is still to come, with a note; counts them in *n. */
static enum tb_status withdraw_decided(struct db *db, long long decided_at,
				       long long case_id, int *n)
{
	long long *items = NULL, *meetings = NULL;
	size_t ni = 0, nm = 0;
	enum tb_status st = db_meeting_id_list(
	    db,
	    "SELECT a.id FROM agenda_item a JOIN meeting m ON"
	    " m.id = a.meeting_id WHERE a.case_id = ?1 AND"
	    " a.status = 'listed' AND m.status = 'planned'"
	    " ORDER BY a.id",
	    case_id, &items, &ni);
	if (st == TB_OK)
		st = db_meeting_id_list(
		    db,
		    "SELECT a.meeting_id FROM agenda_item a JOIN"
		    " meeting m ON m.id = a.meeting_id WHERE"
		    " a.case_id = ?1 AND a.status = 'listed' AND"
		    " m.status = 'planned' ORDER BY a.id",
		    case_id, &meetings, &nm);
	char *note = xasprintf(
	    /* untranslated: an audit detail */ "decided at meeting %lld",
	    decided_at);
	for (size_t i = 0; st == TB_OK && i < ni && i < nm; i++) {
		if (meetings[i] == decided_at)
			continue;
		st = db_exec_bound(db,
				   "UPDATE agenda_item SET status = 'removed',"
				   " note = ?3 WHERE id = ?1 AND ?2 = 0",
				   items[i], 0, note);
		if (st == TB_OK)
			st = db_meeting_renumber(db, meetings[i], 0, 0);
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

enum tb_status db_meeting_finish_all(struct db *db, long long id,
				     struct db_finish *out)
{
	long long *cases = NULL;
	size_t n = 0;
	memset(out, 0, sizeof(*out));
	if (db_begin(db) != TB_OK)
		return TB_DB;
	char cur[12];
	db_meeting_status(db, id, cur);
	enum tb_status st = !cur[0]			  ? TB_NOT_FOUND
			    : strcmp(cur, "running") != 0 ? TB_INVALID
							  : TB_OK;
	if (st == TB_OK)
		st = db_meeting_next(db, id, &out->next);
	/* a case opened at the meeting (its clock ran) was reached: it was
	 * discussed, decided or not, and stays here; it is never "not
	 * reached" and never moves on by itself */
	if (st == TB_OK)
		st = db_meeting_id_list(
		    db,
		    "SELECT a.case_id FROM agenda_item a JOIN agenda_time t"
		    " ON t.item_id = a.id WHERE a.meeting_id = ?1 AND"
		    " a.status = 'listed' ORDER BY a.position",
		    id, &cases, &n);
	for (size_t i = 0; st == TB_OK && i < n; i++)
		st =
		    db_meeting_agenda_mark(db, id, cases[i], "discussed", NULL);
	free(cases);
	cases = NULL;
	/* cases not reached that were decided meanwhile do not move on */
	if (st == TB_OK)
		st = db_meeting_id_list(
		    db,
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
		st = db_meeting_id_list(db,
					"SELECT case_id FROM agenda_item WHERE"
					" meeting_id = ?1 AND status = 'listed'"
					" ORDER BY position",
					id, &cases, &n);
	for (size_t i = 0; st == TB_OK && i < n; i++) {
		bool already = false;
		if (!out->next) {
			/* it stays on this agenda, not reached, and is
			 * listed on none to come: back in the queue */
			st = db_exec_bound(
			    db,
			    "UPDATE cases SET status = 'referred'"
			    " WHERE id = ?1 AND status ="
			    " 'listed'" DB_CASE_ON_NO_COMING_AGENDA,
			    cases[i], id, NULL);
			out->not_moved++;
			continue;
		}
		/* the item keeps its place: the finished meeting's
		 * agenda still lists it, where it was */
		st = db_meeting_agenda_transfer(db, id, cases[i], out->next,
						DB_AGENDA_NOT_REACHED, false,
						true, &already);
		if (st == TB_INVALID && already)
			st = TB_OK;
		if (st == TB_OK)
			out->moved++;
	}
	free(cases);
	cases = NULL;
	/* a case decided here is no longer "ready" on agendas to come */
	if (st == TB_OK)
		st = db_meeting_id_list(
		    db,
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
	*next = 0;
	long long *ids = NULL;
	size_t n = 0;
	/* the planned ones after it in order; one whose time has passed was
	 * not held (model_meeting_past) and is passed over: a case sent
	 * there would wait on a meeting that never comes */
	enum tb_status st = db_meeting_id_list(
	    db,
	    "SELECT n.id FROM meeting m JOIN meeting n ON n.board ="
	    " m.board AND n.status = 'planned' AND n.id <> m.id AND"
	    " (n.date > m.date OR (n.date = m.date AND n.start_time >"
	    " m.start_time)) WHERE m.id = ?1"
	    " ORDER BY n.date, n.start_time",
	    id, &ids, &n);
	time_t now = clock_now();
	for (size_t i = 0; st == TB_OK && !*next && i < n; i++) {
		struct tb_meeting m;
		st = db_meeting_get(db, ids[i], &m);
		if (st == TB_OK && !model_meeting_past(&m, now))
			*next = ids[i];
	}
	free(ids);
	return st;
}

/* db_agenda_transfer inside the caller's transaction. *already is set
 * when the case was on the other agenda already (TB_INVALID then; the old
 * item is changed all the same, for the caller to keep or roll back).
 * keep_position leaves the other items' positions as they are (finishing:
 * the meeting's record keeps its order). */
enum tb_status db_meeting_agenda_transfer(struct db *db, long long from,
					  long long case_id, long long to,
					  const char *reason, bool deferred,
					  bool keep_position, bool *already)
{
	*already = false;
	enum tb_status st = db_meeting_check_open(db, from);
	if (st != TB_OK)
		return st;
	long long item = db_meeting_active_item(db, from, case_id);
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
	char *note = xasprintf(
	    /* untranslated: an audit detail */ "moved to meeting %lld: %s", to,
	    reason);
	if (deferred)
		st =
		    db_meeting_agenda_mark(db, from, case_id, "deferred", note);
	else {
		st = db_exec_bound(db,
				   "UPDATE agenda_item SET status = 'removed',"
				   " note = ?3 WHERE id = ?1 AND ?2 = 0",
				   item, 0, note);
		if (st == TB_OK && !keep_position)
			st = db_meeting_renumber(db, from, 0, 0);
		if (st == TB_OK)
			st = db_audit_append(db, db_actor(), "move",
					     "agenda_item", item,
					     /* untranslated: an audit detail */
					     "moved to another meeting; reason "
					     "recorded");
	}
	free(note);
	const char *why = NULL;
	if (st == TB_OK) {
		st = db_meeting_agenda_add(db, to, case_id, presenter, slot,
					   &why);
		*already = st == TB_INVALID && why;
	}
	free(presenter);
	return st;
}

/* A meeting whose time passed while it was planned was not held: a case
 * put there (added or moved) would wait on a meeting that never comes.
 * True, with why set, when m is such a meeting and no override is
 * given. */
bool db_meeting_past_refused(const struct tb_meeting *m, bool forced, char *why,
			     size_t why_len)
{
	if (forced || !model_meeting_past(m, clock_now()))
		return false;
	snprintf(why, why_len,
		 _("meeting %lld (%s %s %s) lies in the past and was "
		   "not held; put the case on a coming meeting, or "
		   "list it here anyway with an override and its "
		   "reason"),
		 m->id, model_board_label(m->board), m->date, m->start_time);
	return true;
}

enum tb_status db_agenda_transfer(struct db *db, long long from,
				  long long case_id, long long to,
				  const char *reason, bool deferred,
				  const char *override, char *why,
				  size_t why_len, bool *overridable)
{
	char own[300];
	bool forgo;
	if (!why) {
		why = own;
		why_len = sizeof(own);
	}
	if (!overridable)
		overridable = &forgo;
	why[0] = '\0';
	*overridable = false;
	if (util_blank(reason) || from == to)
		return TB_INVALID;
	struct tb_meeting m;
	enum tb_status st = db_meeting_get(db, to, &m);
	if (st != TB_OK)
		return st;
	/* the rule of db_agenda_add_checked: not onto a meeting not held */
	bool forced = override && *override;
	if (db_meeting_past_refused(&m, forced, why, why_len)) {
		*overridable = true;
		return TB_INVALID;
	}
	if (db_begin(db) != TB_OK)
		return TB_DB;
	bool already;
	st = db_meeting_agenda_transfer(db, from, case_id, to, reason, deferred,
					false, &already);
	if (already)
		snprintf(why, why_len, "%s",
			 _("the case is on that agenda already"));
	/* forced onto a meeting past its time: the reason stays with the
	 * new item, the audit log says that one was given (as an add) */
	long long item =
	    st == TB_OK && forced && model_meeting_past(&m, clock_now())
		? db_meeting_active_item(db, to, case_id)
		: 0;
	if (item)
		st = db_meeting_note_override(
		    db, item, override,
		    /* untranslated: an audit detail */
		    "moved to a meeting past its time; reason recorded");
	return db_commit_if(db, st);
}

long long db_meeting_of_case(struct db *db, long long case_id)
{
	return db_first_int(
	    db,
	    "SELECT a.meeting_id FROM agenda_item a JOIN meeting m ON"
	    " m.id = a.meeting_id WHERE a.case_id = ?1 AND"
	    " a.status <> 'removed' AND m.status IN ('planned', 'running')"
	    " ORDER BY CASE m.status WHEN 'running' THEN 0 ELSE 1 END,"
	    " m.date, m.start_time, m.id LIMIT 1",
	    DB_PARAMS(DB_INT(case_id)), 0);
}

enum tb_status db_meeting_change(struct db *db, long long meeting_id,
				 const struct meeting_change *c)
{
	if (db_begin(db) != TB_OK)
		return TB_DB;
	enum tb_status st = db_meeting_check_open(db, meeting_id);
	long long row = st == TB_OK ? c->find(db, meeting_id, c) : 0;
	if (st == TB_OK && !row)
		st = TB_NOT_FOUND;
	if (st == TB_OK && c->update)
		st = db_exec_bound(db, c->update, row, c->n, c->text);
	if (st == TB_OK && c->apply)
		st = c->apply(db, meeting_id, row, c);
	if (st == TB_OK)
		st = db_audit_append(db, db_actor(), c->action, c->entity, row,
				     c->detail);
	return db_commit_if(db, st);
}

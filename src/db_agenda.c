/*
 * The agenda of a meeting: add (once; the board and decision checks with
 * an override; several at once), remove with a reason, move, slot and
 * presenter, outcome marks and their undo, transfer (the clock per case:
 * db_agenda_clock.c).
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
enum tb_status db_meeting_agenda_add(struct db *db, long long meeting_id,
				     long long case_id, const char *presenter,
				     int slot_minutes, const char **why)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;

	*why = NULL;
	status = db_meeting_check_open(db, meeting_id);
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
		" WHERE agenda_item.status = 'removed' RETURNING id",
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
	char *detail = xasprintf(
	    /* untranslated: an audit detail */ "case %lld on meeting %lld",
	    case_id, meeting_id);
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
	return db_commit_if(db, db_meeting_agenda_add(db, meeting_id, case_id,
						      presenter, slot_minutes,
						      why));
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
			db_meeting_copy_col(st, 0, icd10, 16);
			db_meeting_copy_col(st, 1, status, 20);
			found = true;
		}
	}
	store_finalize(st);
	return found;
}

/* db_agenda_add_checked inside the caller's transaction: the checks, then
 * the item. On TB_INVALID why says why and nothing was written. */
static enum tb_status agenda_add_checked(
    struct db *db, const struct boards *bs, const struct tb_meeting *m,
    long long case_id, const char *presenter, int slot_minutes,
    const char *override, char *why, size_t why_len, bool *overridable)
{
	char icd10[16], cstatus[20];
	const char *static_why = NULL;
	bool forced = override && *override;
	why[0] = '\0';
	*overridable = false;
	if (!case_facts(db, case_id, icd10, cstatus))
		return TB_NOT_FOUND;
	/* every refusal of these checks gives way to an override; those of
	 * db_meeting_agenda_add below do not */
	*overridable = true;
	bool past = model_meeting_past(m, clock_now());
	if (db_meeting_past_refused(m, forced, why, why_len))
		return TB_INVALID;
	/* a board with no diagnoses of its own takes every case */
	const struct board *cb = boards_for_icd10(bs, icd10);
	bool fits = db_meeting_board_takes(bs, m->board, icd10);
	bool decided = strcmp(cstatus, "signed") == 0 ||
		       strcmp(cstatus, "communicated") == 0 ||
		       strcmp(cstatus, "followed-up") == 0 ||
		       strcmp(cstatus, "closed") == 0;
	char rule[200];
	if (!forced && !fits &&
	    !boards_check_icd10(bs, m->board, icd10, rule, sizeof(rule))) {
		/* the rule of the decision form's diagnosis: the code, its
		 * board and the diagnoses this board takes */
		snprintf(why, why_len,
			 _("%s; list it anyway with an override and its "
			   "reason"),
			 rule);
		return TB_INVALID;
	}
	if (!forced && !fits && !cb) { /* no code, and no catch-all board */
		snprintf(why, why_len,
			 _("the case has no diagnosis code and no board takes "
			   "it; list it on this %s meeting anyway with an "
			   "override and its reason"),
			 model_board_label(m->board));
		return TB_INVALID;
	}
	if (!forced && !fits) { /* no code: the catch-all board's case */
		snprintf(
		    why, why_len,
		    _("the case's diagnosis belongs to the %s board, not "
		      "to this %s meeting; list it anyway with an override "
		      "and its reason"),
		    model_board_label(cb->id), model_board_label(m->board));
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
	*overridable = false;
	enum tb_status st = db_meeting_agenda_add(db, m->id, case_id, presenter,
						  slot_minutes, &static_why);
	if (static_why)
		snprintf(why, why_len, "%s", static_why);
	long long item =
	    st == TB_OK ? db_meeting_active_item(db, m->id, case_id) : 0;
	if (st == TB_OK && forced) {
		/* a decided case listed again is up for a re-review */
		if (decided)
			st = db_exec_bound(db,
					   "UPDATE cases SET status = 'listed'"
					   " WHERE id = ?1 AND ?2 = 0",
					   case_id, 0, NULL);
		const char *what =
		    !fits && decided
			? /* untranslated: an audit detail */
			"listed for another board and "
			"decided; reason recorded"
			: !fits ? /* untranslated: an audit detail */
			      "listed for another board; "
			      "reason recorded"
				: decided ? /* untranslated: an audit
					       detail */
				      "listed again although "
				      "decided; reason recorded"
					  : /* untranslated: an audit
					       detail */
				      "override given; reason recorded";
		char *detail =
		    past ? xasprintf(/* untranslated: an audit detail */
				     "listed on a meeting past its time; %s",
				     what)
			 : xstrdup(what);
		/* the override's reason stays with the item, like a removal's;
		 * the audit log only says that one was given */
		if (st == TB_OK)
			st = db_meeting_note_override(db, item, override,
						      detail);
		free(detail);
	}
	return st;
}

enum tb_status db_agenda_add_checked(struct db *db, const struct boards *bs,
				     long long meeting_id, long long case_id,
				     const char *presenter, int slot_minutes,
				     const char *override, char *why,
				     size_t why_len, bool *overridable)
{
	struct tb_meeting m;
	bool forgo;
	if (!overridable)
		overridable = &forgo;
	*overridable = false;
	why[0] = '\0';
	enum tb_status st = db_meeting_get(db, meeting_id, &m);
	if (st != TB_OK)
		return st;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	return db_commit_if(
	    db, agenda_add_checked(db, bs, &m, case_id, presenter, slot_minutes,
				   override, why, why_len, overridable));
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
		out[i].overridable = false;
	}
	enum tb_status st = db_meeting_get(db, meeting_id, &m);
	if (st != TB_OK)
		return st;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	for (size_t i = 0; st == TB_OK && i < n; i++) {
		enum tb_status one = agenda_add_checked(
		    db, bs, &m, case_ids[i], NULL, 0, override, out[i].why,
		    sizeof(out[i].why), &out[i].overridable);
		out[i].st = one;
		/* a refused case is left out; anything else stops them all */
		if (one != TB_INVALID)
			out[i].overridable = false;
		if (one == TB_OK)
			(*added)++;
		else if (one == TB_NOT_FOUND)
			snprintf(out[i].why, sizeof(out[i].why),
				 _("no such case"));
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

/* The case ids of a query binding ?1 = id; caller frees *out. */
enum tb_status db_meeting_id_list(struct db *db, const char *sql, long long id,
				  long long **out, size_t *n)
{
	struct ids ids = {0};
	enum tb_status status =
	    db_each(db, sql, DB_PARAMS(DB_INT(id)), id_row, &ids);
	*out = ids.v;
	*n = ids.n;
	return status;
}

/* Renumbers the active items of a meeting 1..n in their order, putting
 * item `moved` at `position` (moved 0: keep the order, close gaps). */
enum tb_status db_meeting_renumber(struct db *db, long long meeting_id,
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

/* The case's active item on the agenda (db_meeting_change's find). */
static long long active_row(struct db *db, long long meeting_id,
			    const struct meeting_change *c)
{
	return db_meeting_active_item(db, meeting_id, c->case_id);
}

/* A removed case goes back to the referral queue and the others close
 * up; the case being discussed, or decided here, stays. */
static enum tb_status removed(struct db *db, long long meeting_id,
			      long long item, const struct meeting_change *c)
{
	(void)item;
	if (db_agenda_remove_refused(db, meeting_id, c->case_id, c->why,
				     c->why_len))
		return TB_INVALID;
	enum tb_status st =
	    db_exec_bound(db,
			  "UPDATE cases SET status = 'referred' WHERE id = ?1"
			  " AND status = 'listed'" DB_CASE_ON_NO_COMING_AGENDA,
			  c->case_id, meeting_id, NULL);
	return st == TB_OK ? db_meeting_renumber(db, meeting_id, 0, 0) : st;
}

enum tb_status db_agenda_remove(struct db *db, long long meeting_id,
				long long case_id, const char *reason,
				char *why, size_t why_len)
{
	if (why && why_len)
		why[0] = '\0';
	/* The reason stays with the item; the audit log only says that one
	 * was given (it may name clinical facts). */
	const struct meeting_change remove = {
	    .find = active_row,
	    .case_id = case_id,
	    .update = "UPDATE agenda_item SET status = 'removed', note = ?3"
		      " WHERE id = ?1 AND ?2 = 0",
	    .text = reason,
	    .apply = removed,
	    .why = why,
	    .why_len = why_len,
	    .action = "remove",
	    .entity = "agenda_item",
	    .detail = /* untranslated: an audit detail */
	    "removed from the agenda; reason recorded"};
	return db_meeting_change(db, meeting_id, &remove);
}

/* The item at c->position of the active ones; a position past the end is
 * a mistake, not "last". */
static enum tb_status moved(struct db *db, long long meeting_id, long long item,
			    const struct meeting_change *c)
{
	if (c->position < 1 || c->position > active_count(db, meeting_id))
		return TB_INVALID;
	return db_meeting_renumber(db, meeting_id, item, c->position);
}

enum tb_status db_agenda_move(struct db *db, long long meeting_id,
			      long long case_id, int position)
{
	char detail[64];
	snprintf(detail, sizeof(detail),
		 /* untranslated: an audit detail */ "moved to position %d",
		 position);
	const struct meeting_change move = {.find = active_row,
					    .case_id = case_id,
					    .apply = moved,
					    .position = position,
					    .action = "move",
					    .entity = "agenda_item",
					    .detail = detail};
	return db_meeting_change(db, meeting_id, &move);
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
	char *note = xasprintf(
	    /* untranslated: an audit detail */ "referred to the %s level",
	    level);
	for (size_t i = 0; st == TB_OK && i + 1 < pairs.n; i += 2) {
		st = db_exec_bound(db,
				   "UPDATE agenda_item SET status = 'removed',"
				   " note = ?3 WHERE id = ?1 AND ?2 = 0",
				   pairs.v[i], 0, note);
		if (st == TB_OK)
			st = db_meeting_renumber(db, pairs.v[i + 1], 0, 0);
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
				   " WHERE id = ?1 AND status ="
				   " 'listed'" DB_CASE_ON_NO_COMING_AGENDA,
				   case_id, 0, NULL);
	free(note);
	free(pairs.v);
	return st;
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
	    .decided_here = store_column_int(st, 12) != 0,
	};
	return x->fn.agenda(&r, x->arg);
}

/* A finished meeting's finish, in its record (?2 = 1): a decision signed
 * after it is not the record's (a finished meeting's agenda and minutes
 * are as they were at the finish; the minutes say it after them). */
#define FINISHED_AT                                                            \
	"(SELECT r.finished FROM meeting_run r WHERE ?2 = 1 AND"               \
	" r.meeting_id = a.meeting_id AND m.status = 'finished')"

/* An agenda's rows (?1 the meeting; ?2 = 1: its record, db_agenda_record). */
static const char agenda_sql[] =
    "SELECT a.id, a.position, a.case_id,"
    " c.external_id, coalesce(a.slot_minutes, 0), a.presenter,"
    " CASE a.status WHEN 'removed' THEN 'not-reached'"
    " ELSE a.status END, a.note, t.started, t.ended,"
    /* where each case went: the record's (the minutes, follow-up), not
     * looked for in a list (a search and a sort a row) */
    " CASE WHEN ?2 = 1 THEN (SELECT b.meeting_id FROM agenda_item b"
    "  JOIN meeting mb ON mb.id = b.meeting_id WHERE b.case_id ="
    "  a.case_id AND b.meeting_id <> a.meeting_id AND b.status <>"
    "  'removed' AND (mb.date, mb.start_time) > (m.date, m.start_time)"
    "  ORDER BY mb.date, mb.start_time LIMIT 1) END,"
    " c.status IN ('signed','communicated','followed-up','closed')"
    " AND a.status = 'listed' AND (" FINISHED_AT " IS NULL OR EXISTS"
    "  (SELECT 1 FROM decision e WHERE e.case_id = a.case_id AND"
    "  e.signed_at <= " FINISHED_AT ")),"
    /* signed at this meeting: what the minutes call decided */
    " EXISTS (SELECT 1 FROM decision d WHERE d.case_id = a.case_id"
    "  AND d.meeting_id = a.meeting_id AND (" FINISHED_AT
    /* untranslated: SQL */ " IS NULL OR d.signed_at <= " FINISHED_AT "))"
    " FROM agenda_item a"
    " JOIN meeting m ON m.id = a.meeting_id"
    " JOIN cases c ON c.id = a.case_id"
    " LEFT JOIN agenda_time t ON t.item_id = a.id"
    " WHERE a.meeting_id = ?1 AND (a.status <> 'removed'"
    /* a finished meeting's record: also the cases it did not
     * reach, which finishing took off */
    "  OR (?2 = 1 AND " DB_AGENDA_TAKEN_AT_FINISH "))"
    " ORDER BY a.position, a.id";

static enum tb_status
agenda_list(struct db *db, long long meeting_id, bool record,
	    bool (*cb)(const struct db_agenda_row *r, void *arg), void *arg)
{
	struct meeting_fn x = {.fn.agenda = cb, .arg = arg};
	return db_each(db, agenda_sql,
		       DB_PARAMS(DB_INT(meeting_id), DB_INT(record ? 1 : 0)),
		       agenda_row, &x);
}

/* The meetings of a db_agenda_listed statement: one shape, the list
 * filled up with its first id. */
#define LISTED_MEETINGS 32

struct listed_fn {
	bool (*cb)(long long meeting_id, long long case_id, bool decided,
		   void *arg);
	void *arg;
};

static bool listed_row(struct store_stmt *st, void *arg)
{
	const struct listed_fn *x = arg;
	return x->cb(store_column_int64(st, 0), store_column_int64(st, 1),
		     store_column_int(st, 2) != 0, x->arg);
}

/* One shape for every call: a statement of the cache (db_stmt_sql). */
static char *listed_sql(void)
{
	struct strbuf sql = {0};
	/* the rows db_agenda_list gives the status "listed", and its
	 * "decided" */
	strbuf_puts(&sql, "SELECT a.meeting_id, a.case_id,"
			  " c.status IN ('signed','communicated','followed-up',"
			  "'closed') FROM agenda_item a JOIN cases c"
			  " ON c.id = a.case_id WHERE a.status = 'listed'"
			  " AND a.meeting_id IN (?1");
	for (int i = 2; i <= LISTED_MEETINGS; i++)
		strbuf_printf(&sql, ", ?%d", i);
	strbuf_puts(&sql, ") ORDER BY a.meeting_id, a.position, a.id");
	return strbuf_detach(&sql);
}

void db_agenda_listed_warm(struct db *db)
{
	(void)db_stmt_sql(db, DB_STMT_AGENDA_LISTED, listed_sql);
	db_each_warm(db, agenda_sql);
}

enum tb_status
db_agenda_listed(struct db *db, const long long *meeting_ids, size_t n,
		 bool (*cb)(long long meeting_id, long long case_id,
			    bool decided, void *arg),
		 void *arg)
{
	struct listed_fn x = {.cb = cb, .arg = arg};
	enum tb_status st = TB_OK;
	for (size_t at = 0; at < n && st == TB_OK; at += LISTED_MEETINGS) {
		struct store_stmt *s =
		    db_stmt_sql(db, DB_STMT_AGENDA_LISTED, listed_sql);
		if (!s)
			return TB_DB;
		for (int i = 0; i < LISTED_MEETINGS; i++) {
			size_t k = at + (size_t)i;
			store_bind_int64(s, i + 1, meeting_ids[k < n ? k : at]);
		}
		st = db_rows(s, listed_row, &x);
		/* reset before the callback's caller goes on: the statement
		 * is the connection's, not this call's */
		store_reset(s);
	}
	return st;
}

enum tb_status db_agenda_set(struct db *db, long long meeting_id,
			     long long case_id, int slot_minutes,
			     const char *presenter)
{
	const struct meeting_change set = {
	    .find = active_row,
	    .case_id = case_id,
	    .update = "UPDATE agenda_item SET slot_minutes = nullif(?2, 0),"
		      " presenter = nullif(?3, '') WHERE id = ?1",
	    .n = slot_minutes,
	    .text = presenter,
	    .action = "edit",
	    .entity = "agenda_item",
	    .detail = /* untranslated: an audit detail */
	    "slot and presenter set"};
	return db_meeting_change(db, meeting_id, &set);
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
enum tb_status db_meeting_agenda_mark(struct db *db, long long meeting_id,
				      long long case_id, const char *status,
				      const char *note)
{
	enum tb_status open = db_meeting_check_open(db, meeting_id);
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
		    "%s%s", status,
		    note && *note ? /* untranslated: an audit detail */
			"; reason recorded"
				  : "");
		st = db_audit_append(db, db_actor(), "mark", "agenda_item",
				     item, detail);
		free(detail);
	}
	return st;
}

enum tb_status db_agenda_markable(struct db *db, long long meeting_id,
				  long long case_id)
{
	enum tb_status open = db_meeting_check_open(db, meeting_id);
	if (open != TB_OK)
		return open;
	return listed_item(db, meeting_id, case_id) ? TB_OK : TB_NOT_FOUND;
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
	return db_commit_if(
	    db, db_meeting_agenda_mark(db, meeting_id, case_id, status, note));
}

/* db_agenda_unmark inside the caller's transaction. */
static enum tb_status agenda_unmark(struct db *db, long long meeting_id,
				    long long case_id, long long moved_to)
{
	long long item = 0;
	/* a finished meeting's record is closed */
	enum tb_status st = db_meeting_check_open(db, meeting_id);
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
		long long other = db_meeting_active_item(db, moved_to, case_id);
		st = other ? db_exec_bound(db,
					   "UPDATE agenda_item SET status ="
					   " 'removed', note = ?3 WHERE id = ?1"
					   " AND ?2 = 0",
					   other, 0,
					   /* untranslated: an audit detail */
					   "deferral undone")
			   : TB_NOT_FOUND;
		if (st == TB_OK)
			st = db_meeting_renumber(db, moved_to, 0, 0);
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
		    moved_to
			? /* untranslated: an audit detail */ "deferral undone"
			: /* untranslated: an audit detail */ "not-discussed "
							      "undone");
	return st;
}

enum tb_status db_agenda_unmark(struct db *db, long long meeting_id,
				long long case_id, long long moved_to)
{
	if (db_begin(db) != TB_OK)
		return TB_DB;
	return db_commit_if(db,
			    agenda_unmark(db, meeting_id, case_id, moved_to));
}

enum tb_status db_agenda_undo_last(struct db *db, long long meeting_id,
				   struct db_undo *out)
{
	memset(out, 0, sizeof(*out));
	if (db_begin(db) != TB_OK)
		return TB_DB;
	enum tb_status st = db_meeting_check_open(db, meeting_id);
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
			db_meeting_copy_col(q, 2, status, sizeof(status));
			db_meeting_copy_col(q, 3, note, sizeof(note));
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
	    sscanf(note,
		   /* untranslated: an audit detail */ "moved to meeting %lld:",
		   &moved_to) != 1)
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

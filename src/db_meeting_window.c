/*
 * The meetings a screen reads: a window of them, never every meeting of
 * the archive (a decade of a region's boards is thousands). The meetings
 * list's rows around today, the meetings still to be held, a board's
 * last meeting.
 */
#include <stdlib.h>
#include <string.h>

#include "db_meeting_internal.h"
#include "util.h"

/* The meetings still to be held, by the partial index meeting_open
 * (schema 27): the condition is the index's, word for word. */
#define OPEN_MEETING /* untranslated: SQL */ "status IN ('planned','running')"

/* Schema 27: the meetings list reads the meetings still to be held
 * whatever their date (one not held is flagged, not forgotten), and the
 * window of the others by date: without an index of their own that read
 * went over every meeting of the archive. */
const char *const db_meeting_schema_v27[] = {
    "DROP INDEX IF EXISTS meeting_open;",
    "CREATE INDEX meeting_open ON meeting(date, start_time, id) "
    "WHERE " OPEN_MEETING ";",
    NULL};

static bool meeting_row(struct store_stmt *st, void *arg)
{
	const struct meeting_fn *x = arg;
	struct tb_meeting m;
	db_meeting_read(st, &m);
	return x->fn.meeting(&m, x->arg);
}

enum tb_status db_meeting_open_list(
    struct db *db, bool (*cb)(const struct tb_meeting *m, void *arg), void *arg)
{
	struct meeting_fn x = {.fn.meeting = cb, .arg = arg};
	char *sql = xasprintf("%s WHERE m." OPEN_MEETING
			      " ORDER BY m.date, m.start_time, m.id",
			      db_meeting_cols);
	enum tb_status st = db_each(db, sql, NULL, meeting_row, &x);
	free(sql);
	return st;
}

/* db_meeting_window's rows, kept until the earlier ones are known. */
struct window {
	const char *today;
	struct tb_meeting *ms;
	size_t n, closed_before;
};

bool db_meeting_closed_before(const struct tb_meeting *m, const char *today)
{
	return strcmp(m->date, today) < 0 && strcmp(m->status, "planned") &&
	       strcmp(m->status, "running");
}

static bool window_row(const struct tb_meeting *m, void *arg)
{
	struct window *w = arg;
	w->ms = xrealloc(w->ms, (w->n + 1) * sizeof(*w->ms));
	w->ms[w->n++] = *m;
	if (db_meeting_closed_before(m, w->today))
		w->closed_before++;
	return true;
}

enum tb_status
db_meeting_window(struct db *db, const char *today, int past, bool *earlier,
		  bool (*cb)(const struct tb_meeting *m, void *arg), void *arg)
{
	struct window w = {.today = today};
	struct meeting_fn x = {.fn.meeting = window_row, .arg = &w};
	/* one more of the closed ones than asked for: whether there are
	 * earlier ones; three parts that share no row (UNION ALL: no
	 * table of their own to take out twice) */
	char *sql = xasprintf(
	    "%s WHERE m.id IN (SELECT id FROM (SELECT id FROM meeting"
	    " WHERE date < ?1 AND NOT " OPEN_MEETING
	    " ORDER BY date DESC, start_time DESC, id DESC LIMIT ?2) AS p"
	    " UNION ALL SELECT id FROM meeting WHERE date < ?1 "
	    "AND " OPEN_MEETING
	    " UNION ALL SELECT id FROM meeting WHERE date >= ?1)"
	    " ORDER BY m.date, m.start_time, m.id",
	    db_meeting_cols);
	enum tb_status st =
	    db_each(db, sql, DB_PARAMS(DB_TEXT(today), DB_INT(past + 1)),
		    meeting_row, &x);
	free(sql);
	*earlier = st == TB_OK && w.closed_before > (size_t)past;
	bool skip = *earlier; /* the earliest closed one: beyond past */
	for (size_t i = 0; st == TB_OK && i < w.n; i++) {
		const struct tb_meeting *m = &w.ms[i];
		if (skip && db_meeting_closed_before(m, today)) {
			skip = false;
			continue;
		}
		if (!cb(m, arg))
			break;
	}
	free(w.ms);
	return st;
}

enum tb_status db_meeting_last_of_board(struct db *db, const char *board,
					struct tb_meeting *out)
{
	char *sql = xasprintf("%s WHERE m.board = ?1 AND m.status <>"
			      " 'cancelled' ORDER BY m.date DESC,"
			      " m.start_time DESC, m.id DESC LIMIT 1",
			      db_meeting_cols);
	enum tb_status st =
	    db_meeting_one(db, sql, DB_PARAMS(DB_TEXT(board)), out);
	free(sql);
	return st;
}

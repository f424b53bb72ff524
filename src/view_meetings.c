/*
 * The meetings: planned, running, finished and cancelled, each with its
 * readiness; Enter opens the meeting's agenda.
 */
#include "view_meetings.h"

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "db_meeting.h"
#include "readiness.h"
#include "render.h"
#include "status.h"
#include "util.h"
#include "view.h"
#include "view_agenda.h"
#include "view_rows.h"

struct meetings_view {
	struct db *db;
	const struct boards *boards;
	long long *ids;
	int n;
	struct row_list rl;
};

static bool meetings_collect(const struct tb_meeting *m, void *arg)
{
	struct meetings_view *mv = arg;
	mv->ids = xrealloc(mv->ids, (size_t)(mv->n + 1) * sizeof(long long));
	mv->ids[mv->n++] = m->id;
	int ready = -1, n = 0;
	if (readiness_meeting(mv->db, mv->boards, m, &ready, &n) != TB_OK)
		ready = -1;
	struct textdoc doc;
	textdoc_init(&doc, 300);
	render_meeting_row(m, ready, &doc);
	row_list_add(&mv->rl, xstrdup(doc.lines[0].text));
	textdoc_done(&doc);
	return true;
}

static void meetings_clear(struct meetings_view *mv)
{
	row_list_done(&mv->rl);
	free(mv->ids);
	mv->ids = NULL;
	mv->n = 0;
}

/* The store changed (a meeting planned, started or finished elsewhere). */
static void meetings_reload(struct ui *ui, void *arg)
{
	(void)ui;
	struct meetings_view *mv = arg;
	meetings_clear(mv);
	db_meeting_list(mv->db, meetings_collect, mv);
}

static int meetings_open(struct ui *ui, void *arg, int *index)
{
	struct meetings_view *mv = arg;
	view_agenda_push(ui, mv->ids[*index]);
	return 0;
}

static void meetings_free(struct ui *ui, void *arg)
{
	(void)ui;
	meetings_clear(arg);
	free(arg);
}

void view_meetings_push(struct ui *ui)
{
	struct meetings_view *mv = xcalloc(1, sizeof(*mv));
	mv->db = ui->app->db;
	mv->boards = &ui->app->boards;
	if (db_meeting_list(mv->db, meetings_collect, mv) != TB_OK) {
		meetings_free(ui, mv);
		return;
	}
	struct row_spec s = {
	    .name = "meetings",
	    .title = "tumorboard — meetings",
	    .heading = "#     Date              Board       Level     "
		       "Status    Cases               Place",
	    .keymap = KEYMAP_VIEW_MEETINGS,
	    .rl = &mv->rl,
	    .empty = "No meetings planned. Plan one with 'tumorboard "
		     "meeting add'.",
	    .open = meetings_open,
	    .reload = meetings_reload,
	    .free_arg = meetings_free,
	    .arg = mv};
	view_rows_push(ui, &s);
}

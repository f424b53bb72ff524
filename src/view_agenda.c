/*
 * An agenda: position, time by the running clock, slot, case, readiness
 * as of the meeting date; Enter opens the case and ] [ walk the agenda.
 * A planned meeting starts here (S); a running one shows its quorum and
 * clock in the title, and its cases are deferred (D), recorded as not
 * discussed (X), taken back (u), and the meeting finished (F).
 */
#include "view_agenda.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "clock.h"
#include "db.h"
#include "db_case.h"
#include "db_meeting.h"
#include "decision.h"
#include "quorum.h"
#include "readiness.h"
#include "render.h"
#include "status.h"
#include "support.h"
#include "term.h"
#include "textdoc.h"
#include "util.h"
#include "view.h"
#include "view_rows.h"
#include "view_agenda_internal.h"

static bool agenda_collect(const struct db_agenda_row *r, void *arg)
{
	struct agenda_view *av = arg;
	size_t n1 = (size_t)av->n + 1;
	av->ids = xrealloc(av->ids, n1 * sizeof(long long));
	av->ext = xrealloc(av->ext, n1 * sizeof(char *));
	av->ext[av->n] = xstrdup(r->external_id ? r->external_id : "?");
	av->status = xrealloc(av->status, n1 * sizeof(char *));
	/* decided since it was listed: shown as such, not as "ready" */
	av->status[av->n] = xstrdup(r->decided ? "decided" : r->status);
	av->question = xrealloc(av->question, n1 * sizeof(char *));
	av->question[av->n] = NULL;
	av->trial = xrealloc(av->trial, n1 * sizeof(bool));
	av->trial[av->n] = false;
	av->ids[av->n++] = r->case_id;
	/* The row holds the slot for now; agenda_build_rows replaces it with
	 * the finished line once every case is known. */
	row_list_add(&av->rl, xasprintf("%d", r->slot_minutes));
	return true;
}

/* The agenda rows: a narrow screen (under 100 columns) leaves out the
 * identity number so that readiness shows. */
static bool agenda_narrow(void)
{
	return term_cols() < 100;
}

static void agenda_build_rows(struct agenda_view *av)
{
	const struct board *mb =
	    boards_by_id(&av->ui->app->boards, av->m.board);
	int clock_min =
	    atoi(av->m.start_time) * 60 + atoi(av->m.start_time + 3);
	/* a running meeting's clock counts from when it really started */
	if (av->started) {
		struct tm tm;
		localtime_r(&av->started, &tm); /* meetings run on local time */
		clock_min = tm.tm_hour * 60 + tm.tm_min;
	}
	av->ready = 0;
	for (int i = 0; i < av->n; i++) {
		int slot = atoi(av->rl.rows[i]);
		if (!slot)
			slot = mb ? mb->minutes_per_case : 5;
		struct tb_case *c = NULL;
		struct textdoc doc;
		textdoc_init(&doc, 300);
		if (db_case_load(av->db, av->ids[i], &c) == TB_OK) {
			const struct board *b =
			    boards_for_icd10(&av->ui->app->boards, c->icd10);
			struct readiness rd;
			if (b) {
				readiness_check(c, b, av->m.date, &rd);
				if (!rd.missing &&
				    strcmp(av->status[i], "decided") != 0)
					av->ready++;
			}
			/* a case a trial of the registry fits is flagged;
			 * after the meeting dealt with a case, its outcome
			 * shows in place of time, slot and readiness */
			av->trial[i] = support_has_trial(&av->ui->app->trials,
							 c, av->m.date);
			bool listed = strcmp(av->status[i], "listed") == 0;
			struct render_agenda_mark mark = {
			    .rd = b && listed ? &rd : NULL,
			    .outcome =
				listed ? NULL
				: strcmp(av->status[i], "not-discussed") == 0
				    ? "not discussed"
				    : av->status[i],
			    .trial = av->trial[i],
			    .narrow = av->narrow};
			render_agenda_row(c, i + 1, clock_min, slot, &mark,
					  &doc);
			free(av->question[i]);
			av->question[i] = xasprintf(
			    "%s: %s", c->external_id,
			    c->question ? c->question : "(no question)");
			model_case_free(&c);
		} else {
			textdoc_printf(&doc, TD_WARN, "%2d  (case not found)",
				       i + 1);
		}
		free(av->rl.rows[i]);
		av->rl.rows[i] = xstrdup(doc.lines[0].text);
		textdoc_done(&doc);
		clock_min += slot;
	}
	av->end_min = clock_min;
}

static const char *agenda_detail(struct ui *ui, void *arg, int index)
{
	(void)ui;
	struct agenda_view *av = arg;
	return index < av->n && av->question[index] ? av->question[index] : "";
}

static int agenda_open(struct ui *ui, void *arg, int *index)
{
	struct agenda_view *av = arg;
	/* back on the agenda at the case last shown (] and [ move on) */
	struct view_case_args a = {.case_id = av->ids[*index],
				   .ids = av->ids,
				   .n = av->n,
				   .idx = *index,
				   .as_of = av->m.date,
				   .meeting_id = av->m.id,
				   .chair = av->m.chair[0] ? av->m.chair : NULL,
				   .shown = index};
	view_open_case(ui, &a);
	return 0;
}

static void agenda_free_ids(struct agenda_view *av)
{
	for (int i = 0; i < av->n; i++) {
		free(av->status[i]);
		free(av->question[i]);
		free(av->ext[i]);
	}
	free(av->status);
	free(av->question);
	free(av->ext);
	av->ext = NULL;
	av->question = NULL;
	free(av->trial);
	av->trial = NULL;
	free(av->ids);
	av->status = NULL;
	av->ids = NULL;
	av->n = 0;
}

/* The live title moves with the clock and follows the width. */
static void agenda_tick(struct ui *ui, void *arg)
{
	(void)ui;
	struct agenda_view *av = arg;
	if (av->narrow != agenda_narrow())
		view_agenda_load(av); /* resized across the narrow width */
	if (strcmp(av->m.status, "running") == 0)
		view_agenda_live_title(av);
}

/* (Re)reads the agenda: ids, rows and title. */
bool view_agenda_load(struct agenda_view *av)
{
	row_list_done(&av->rl);
	agenda_free_ids(av);
	if (db_meeting_get(av->db, av->m.id, &av->m) != TB_OK ||
	    db_agenda_list(av->db, av->m.id, agenda_collect, av) != TB_OK)
		return false;
	bool running = strcmp(av->m.status, "running") == 0;
	av->started = running ? app_meeting_started(&av->m) : 0;
	av->narrow = agenda_narrow();
	snprintf(av->heading, sizeof(av->heading), "%s",
		 av->narrow
		     ? " #  Time    Slot    Case               Name       "
		       "         ICD-10  Readiness"
		     : " #  Time    Slot    Case                  Identity"
		       "       Name                   ICD-10  Readiness");
	agenda_build_rows(av);
	int end = atoi(av->m.start_time) * 60 + atoi(av->m.start_time + 3) +
		  av->m.length_min;
	if (running) {
		/* whether the board is quorate by its core roles */
		struct strbuf present, missing;
		strbuf_init(&present);
		strbuf_init(&missing);
		const struct board *qb =
		    boards_by_id(&av->ui->app->boards, av->m.board);
		decision_meeting_attendees(av->db, av->m.id, &present);
		av->n_missing =
		    qb ? quorum_missing(qb, present.buf ? present.buf : "",
					&missing)
		       : 0;
		snprintf(av->quorum, sizeof(av->quorum), "%s",
			 missing.buf ? missing.buf : "");
		strbuf_done(&present);
		strbuf_done(&missing);
		view_agenda_live_title(av);
	} else {
		snprintf(av->title, sizeof(av->title),
			 "tumorboard — agenda %s %s %s  %d of %d ready  "
			 "ends %02d:%02d%s%s",
			 av->m.date, av->m.start_time, av->m.board, av->ready,
			 av->n, av->end_min / 60 % 24, av->end_min % 60,
			 av->end_min > end ? " (over time)" : "",
			 strcmp(av->m.status, "planned") == 0 ? ""
			 : strcmp(av->m.status, "finished") == 0
			     ? "  finished"
			     : "  cancelled");
	}
	return true;
}

/* The key that runs action a in the agenda, as text ("u"), or "?". */
const char *view_agenda_key(struct agenda_view *av, enum action a,
			    char name[16])
{
	return ui_key_name(av->ui, KEYMAP_VIEW_AGENDA, a, name);
}

/* The status line: the keys of the meeting's state, most used first. */
static const enum action *agenda_hints(struct ui *ui, void *arg, size_t *n)
{
	static const enum action planned[] = {
	    ACTION_OPEN,	 ACTION_START_MEETING, ACTION_MOVE_ITEM_DOWN,
	    ACTION_MOVE_ITEM_UP, ACTION_BACK,	       ACTION_HELP};
	static const enum action running[] = {
	    ACTION_OPEN,	 ACTION_DEFER,		ACTION_NOT_DISCUSSED,
	    ACTION_UNDO_MARK,	 ACTION_FINISH_MEETING, ACTION_MOVE_ITEM_DOWN,
	    ACTION_MOVE_ITEM_UP, ACTION_BACK,		ACTION_HELP};
	static const enum action other[] = {ACTION_OPEN, ACTION_BACK,
					    ACTION_HELP};
	(void)ui;
	struct agenda_view *av = arg;
	if (strcmp(av->m.status, "planned") == 0) {
		*n = UTIL_ARRAY_LEN(planned);
		return planned;
	}
	if (strcmp(av->m.status, "running") == 0) {
		*n = UTIL_ARRAY_LEN(running);
		return running;
	}
	*n = UTIL_ARRAY_LEN(other);
	return other;
}

/* The agenda's own actions: start, finish, defer, not discussed, undo,
 * and J and K, which move the selected case down or up. */
static int agenda_act(struct ui *ui, void *arg, enum action a, int index)
{
	(void)ui;
	struct agenda_view *av = arg;
	int to;
	if (a != ACTION_FINISH_MEETING)
		av->confirm_finish = false;
	switch (a) {
	case ACTION_START_MEETING:
		return view_agenda_start(av, index);
	case ACTION_FINISH_MEETING:
		return view_agenda_finish(av, index);
	case ACTION_DEFER:
	case ACTION_NOT_DISCUSSED:
		return view_agenda_mark(av, a, index);
	case ACTION_UNDO_MARK:
		return view_agenda_undo(av, index);
	case ACTION_MOVE_ITEM_DOWN:
		to = index + 1;
		break;
	case ACTION_MOVE_ITEM_UP:
		to = index - 1;
		break;
	default:
		return -1;
	}
	/* a finished or cancelled meeting's agenda is a record */
	if (strcmp(av->m.status, "planned") != 0 &&
	    strcmp(av->m.status, "running") != 0) {
		ui_say(av->ui,
		       "The meeting is %s: its agenda can no longer be "
		       "reordered",
		       av->m.status);
		return index;
	}
	if (to < 0 || to >= av->n)
		return index;
	enum tb_status mst =
	    db_agenda_move(av->db, av->m.id, av->ids[index], to + 1);
	if (mst != TB_OK) {
		ui_say(av->ui, "Could not move: %s",
		       mst == TB_DB ? db_errmsg(av->db) : status_message(mst));
		return index;
	}
	view_agenda_load(av);
	return to;
}

/* The store changed: the agenda again (a case decided, deferred or
 * moved elsewhere). */
static void agenda_reload(struct ui *ui, void *arg)
{
	(void)ui;
	view_agenda_load(arg);
}

static long long agenda_subject(struct ui *ui, void *arg, int index)
{
	(void)ui;
	struct agenda_view *av = arg;
	return index < av->n ? av->ids[index] : 0;
}

/* A running meeting's clock is in the title. */
static bool agenda_ticks(struct ui *ui, void *arg)
{
	(void)ui;
	struct agenda_view *av = arg;
	return strcmp(av->m.status, "running") == 0;
}

static const char *agenda_title(struct ui *ui, void *arg)
{
	(void)ui;
	struct agenda_view *av = arg;
	return av->title;
}

static void agenda_free(struct ui *ui, void *arg)
{
	(void)ui;
	struct agenda_view *av = arg;
	row_list_done(&av->rl);
	agenda_free_ids(av);
	free(av);
}

bool view_agenda_push(struct ui *ui, long long meeting_id)
{
	struct agenda_view *av = xcalloc(1, sizeof(*av));
	av->ui = ui;
	av->db = ui->app->db;
	av->m.id = meeting_id;
	if (!view_agenda_load(av)) {
		agenda_free(ui, av);
		return false;
	}
	struct row_spec s = {.name = "agenda",
			     .title_of = agenda_title,
			     .heading = av->heading,
			     .keymap = KEYMAP_VIEW_AGENDA,
			     .rl = &av->rl,
			     .empty = "No cases on this agenda.",
			     .open = agenda_open,
			     .act = agenda_act,
			     .detail = agenda_detail,
			     .hints = agenda_hints,
			     .tick = agenda_tick,
			     .reload = agenda_reload,
			     .subject = agenda_subject,
			     .ticks = agenda_ticks,
			     .free_arg = agenda_free,
			     .arg = av};
	view_rows_push(ui, &s);
	return true;
}

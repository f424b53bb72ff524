/*
 * Follow mode: the case the chair has open at a running meeting, read
 * only, for the projector or a member joining by video (tumorboard
 * follow MEETING, or f on the meetings and the agenda). It reads the
 * meeting's live state (db_live: written by the chair's screen) whenever
 * the store's data version moves, so it follows within half a second;
 * the title shows the meeting's clock and the case's clock against its
 * slot, redrawn once a second. Every case it shows passes the same
 * permission check and access-log record as a case opened by hand
 * (view_permit, view_access); one the user may not read is not shown.
 */
#include "view_follow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "app.h"
#include "board.h"
#include "clock.h"
#include "db_live.h"
#include "db_meeting.h"
#include "i18n.h"
#include "model_meeting.h"
#include "render.h"
#include "term.h"
#include "textdoc.h"
#include "util.h"
#include "view.h"
#include "view_doc.h"

struct follow_view {
	long long meeting_id;
	struct tb_meeting m;
	time_t started;		     /* when the meeting really started */
	long long case_id;	     /* the case the chair has open; 0: none */
	struct app_case_page *page;  /* its page when shown; NULL otherwise */
	enum render_section section; /* its tab shown (Tab, BackTab) */
	char why[512];		     /* why the case is not shown */
	char title[256];
};

static void drop_page(struct follow_view *fv)
{
	if (fv->page)
		app_case_page_done(fv->page);
	free(fv->page);
	fv->page = NULL;
}

/* Reads the page of the case shown (mask: its identity number masked);
 * what cannot be read is not shown, and why. */
static void follow_read_page(struct ui *ui, struct follow_view *fv, bool mask)
{
	struct app_case_page *page = xcalloc(1, sizeof(*page));
	if (app_case_page(ui->app, fv->case_id, fv->m.date, page, fv->why,
			  sizeof(fv->why)) != TB_OK) {
		app_case_page_done(page);
		free(page);
		if (!fv->why[0])
			snprintf(fv->why, sizeof(fv->why), "%s",
				 _("the case could not be read"));
		return;
	}
	page->ro.mask_id = mask;
	page->ro.blocks = term_blocks();
	fv->page = page;
}

/* Reads the meeting and what the chair has open; a case newly open is
 * checked, logged as read and loaded; the case still open is read again
 * when again (the store moved). */
static void follow_load(struct ui *ui, struct follow_view *fv, bool again)
{
	struct app *app = ui->app;
	struct tb_meeting m = {0};
	if (db_meeting_get(app->db, fv->meeting_id, &m) == TB_OK)
		fv->m = m;
	fv->started = app_meeting_started(&fv->m);
	struct db_live live = {0};
	bool running = strcmp(fv->m.status, "running") == 0;
	if (!running || db_live_get(app->db, fv->meeting_id, &live) != TB_OK)
		live.case_id = 0;
	if (live.case_id == fv->case_id &&
	    (fv->page || fv->why[0] || !live.case_id)) {
		/* read again (the store moved: a value, its status, a
		 * signed decision), not logged again, as no view logs what
		 * it reads again */
		if (again && fv->page) {
			bool mask = fv->page->ro.mask_id;
			drop_page(fv);
			follow_read_page(ui, fv, mask);
		}
		return;
	}
	drop_page(fv);
	fv->why[0] = '\0';
	fv->case_id = live.case_id;
	if (!live.case_id)
		return;
	/* a case shown on the screen: the same check and record as any */
	ui->msg[0] = '\0';
	if (!view_permit(ui, ACTION_OPEN, live.case_id) ||
	    !view_access_following(ui, live.case_id)) {
		snprintf(fv->why, sizeof(fv->why), "%s", ui->msg);
		return;
	}
	follow_read_page(ui, fv, true);
}

static bool follow_ticks(struct ui *ui, void *arg)
{
	(void)ui;
	struct follow_view *fv = arg;
	return strcmp(fv->m.status, "running") == 0;
}

/* "FOLLOW lung 2026-11-26  ⏱ 2:05/6 min  52 min left  SKA-LUNG-2026-0001"
 * while it runs; what it is otherwise. */
static void follow_tick(struct ui *ui, void *arg)
{
	struct follow_view *fv = arg;
	char head[96];
	snprintf(head, sizeof(head), _("FOLLOW %s %s"),
		 model_board_label(fv->m.board), fv->m.date);
	if (strcmp(fv->m.status, "running") != 0) {
		snprintf(fv->title, sizeof(fv->title), "%s  %s", head,
			 strcmp(fv->m.status, "finished") == 0
			     ? _("the meeting is finished")
			 : strcmp(fv->m.status, "cancelled") == 0
			     ? _("the meeting was cancelled")
			     : _("the meeting has not started"));
		return;
	}
	time_t now = clock_now();
	int left = app_meeting_minutes_left(&fv->m, fv->started, now);
	int room = term_cols() - 2;
	if (!fv->case_id) {
		snprintf(fv->title, sizeof(fv->title),
			 _("%s  LIVE  %d min left"), head, left);
		/* narrower: the minutes left stay, "LIVE" goes */
		if (util_display_width(fv->title) > room)
			snprintf(fv->title, sizeof(fv->title),
				 _("%s  %d min left"), head, left);
		return;
	}
	/* the case's clock against its own slot, else the board's */
	struct db_agenda_time clk;
	long long secs = 0;
	if (db_agenda_time_get(ui->app->db, fv->meeting_id, fv->case_id,
			       &clk) == TB_OK)
		secs = db_agenda_time_seconds(&clk, (long long)now);
	else
		clk.slot = 0;
	const struct board *b = boards_by_id(&ui->app->boards, fv->m.board);
	int slot = board_slot_minutes(b, clk.slot);
	const char *ext = fv->page ? fv->page->c->external_id : "";
	long long m = secs > 0 ? secs / 60 : 0, s = secs > 0 ? secs % 60 : 0;
	const char *over = secs > slot * 60 ? _(" OVER") : "";
	snprintf(fv->title, sizeof(fv->title),
		 _("%s  LIVE  ⏱ %lld:%02lld/%d min%s  %d min left  %s"), head,
		 m, s, slot, over, left, ext);
	/* narrower (a split pane): the case and its clock stay, the
	 * minutes left and then the board and the date go */
	if (util_display_width(fv->title) > room)
		snprintf(fv->title, sizeof(fv->title),
			 _("%s  ⏱ %lld:%02lld/%d min%s  %s"), head, m, s, slot,
			 over, ext);
	if (util_display_width(fv->title) > room && *ext)
		snprintf(fv->title, sizeof(fv->title),
			 _("FOLLOW %s  ⏱ %lld:%02lld/%d min%s"), ext, m, s,
			 slot, over);
}

static const char *follow_title(struct ui *ui, void *arg)
{
	follow_tick(ui, arg);
	return ((struct follow_view *)arg)->title;
}

static void follow_header(struct ui *ui, void *arg, struct textdoc *doc)
{
	(void)ui;
	struct follow_view *fv = arg;
	if (!fv->page)
		return;
	render_case_banner(fv->page->c, &fv->page->ro, doc);
	render_case_tabs(fv->page->c, &fv->page->ro, fv->section, doc);
}

static void follow_render(struct ui *ui, void *arg, struct textdoc *doc)
{
	(void)ui;
	struct follow_view *fv = arg;
	if (fv->page) {
		render_case_section(fv->page->c, &fv->page->ro, fv->section,
				    doc);
		return;
	}
	if (strcmp(fv->m.status, "finished") == 0)
		textdoc_wrap(doc, 0, TD_DIM,
			     _("Nothing to follow: the meeting has ended."));
	else if (strcmp(fv->m.status, "cancelled") == 0)
		textdoc_wrap(doc, 0, TD_DIM,
			     _("Nothing to follow: the meeting was "
			       "cancelled."));
	else if (strcmp(fv->m.status, "running") != 0)
		textdoc_wrap(doc, 0, TD_DIM,
			     _("Nothing to follow: the meeting is not running. "
			       "This screen shows the case the chair opens "
			       "once it runs."));
	else if (fv->why[0]) {
		textdoc_wrap(doc, 0, TD_WARN,
			     _("The case the chair has open is "
			       "not shown here:"));
		textdoc_wrap(doc, 2, TD_WARN, fv->why);
	} else
		textdoc_wrap(doc, 0, TD_DIM,
			     _("The chair has no case open: the agenda is on "
			       "the chair's screen. The next case opened "
			       "shows here."));
}

/* The store moved: the chair may have moved on, or the case changed. */
static void follow_reload(struct ui *ui, void *arg)
{
	follow_load(ui, arg, true);
}

/* The emergency access under which the chair's case was shown ended:
 * the case is no longer shown and nothing more of it is read while the
 * chair keeps it open (follow_load reads a case again only when the
 * chair opens another). */
static void follow_lapse(struct ui *ui, void *arg, long long case_id,
			 const char *until)
{
	(void)ui;
	struct follow_view *fv = arg;
	if (case_id != fv->case_id)
		return;
	drop_page(fv);
	snprintf(fv->why, sizeof(fv->why),
		 _("the emergency access to it ended at %s"), until);
}

static long long follow_subject(struct ui *ui, void *arg)
{
	(void)ui;
	struct follow_view *fv = arg;
	return fv->page ? fv->case_id : 0;
}

/* Read only: nothing but moving about (the case's tabs too, as on the
 * case view: the tab is this screen's own), searching, help and
 * leaving. */
static int follow_action(struct ui *ui, void *arg, enum action a)
{
	struct follow_view *fv = arg;
	if (a != ACTION_NEXT_PANE && a != ACTION_PREV_PANE) {
		ui_say(ui, "%s", _("Follow mode is read only: q leaves"));
		return 0;
	}
	if (!fv->page)
		return 0;
	int n = fv->page->ro.with_decisions ? RENDER_SECTION_COUNT
					    : RENDER_DECISIONS;
	fv->section = (fv->section + (a == ACTION_NEXT_PANE ? 1 : n - 1)) % n;
	return DOC_RERENDER | DOC_TO_TOP;
}

/* Tab moves between the case's tabs, not between panes, and q leaves
 * follow mode: the status line says so. */
static const char *follow_hint_word(enum action a)
{
	if (a == ACTION_NEXT_PANE)
		return pgettext("action hint", "next tab");
	if (a == ACTION_BACK)
		return pgettext("action hint", "stop following");
	return NULL;
}

static void follow_free(struct ui *ui, void *arg)
{
	(void)ui;
	struct follow_view *fv = arg;
	drop_page(fv);
	free(fv);
}

/* Tab moves between the case's tabs: offered while a case is shown. */
static const enum action *follow_hints(struct ui *ui, void *arg, size_t *n)
{
	static const enum action with_case[] = {ACTION_NEXT_PANE, ACTION_SEARCH,
						ACTION_BACK, ACTION_HELP};
	(void)ui;
	const struct follow_view *fv = arg;
	*n = UTIL_ARRAY_LEN(with_case) - (fv->page ? 0 : 1);
	return fv->page ? with_case : with_case + 1;
}

bool view_follow_push(struct ui *ui, long long meeting_id)
{
	struct follow_view *fv = xcalloc(1, sizeof(*fv));
	fv->meeting_id = meeting_id;
	if (db_meeting_get(ui->app->db, meeting_id, &fv->m) != TB_OK) {
		ui_say(ui, _("No meeting %lld"), meeting_id);
		free(fv);
		return false;
	}
	follow_load(ui, fv, false);
	follow_tick(ui, fv);
	struct doc_spec s = {.name = "follow",
			     .keymap = KEYMAP_VIEW_CASE,
			     .hints_now = follow_hints,
			     .hint_word = follow_hint_word,
			     .title_of = follow_title,
			     .render = follow_render,
			     .header = follow_header,
			     .on_action = follow_action,
			     .tick = follow_tick,
			     .reload = follow_reload,
			     .subject = follow_subject,
			     .lapse = follow_lapse,
			     .ticks = follow_ticks,
			     .free_arg = follow_free,
			     .arg = fv};
	view_doc_push(ui, &s);
	return true;
}

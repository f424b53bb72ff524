/*
 * The case view: a document view (view_doc) over one case of the store,
 * with the patient's signed decisions and the knowledge base's
 * suggestions; d opens the decision form, b the brief, p the patient
 * summary of the case's latest decision.
 */
#include "view_case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "db_case.h"
#include "db_meeting.h"
#include "decision.h"
#include "i18n.h"
#include "perm.h"
#include "readiness.h"
#include "render.h"
#include "status.h"
#include "term.h"
#include "user.h"
#include "util.h"
#include "view.h"
#include "view_brief.h"
#include "view_doc.h"
#include "view_form.h"
#include "view_summary.h"

struct case_view {
	struct app_case_page *page; /* the case, readiness, decisions */
	struct tb_case *c;	    /* page->c */
	struct render_opts *ro;	    /* &page->ro */
	enum render_section section;
	int part;	/* where render_upto goes on: the part */
	size_t finding; /* and the finding */
	/* the agenda in order, the view's own copy (read again when the
	 * view reloads: another screen may take a case off); NULL outside
	 * an agenda */
	long long *ids;
	char **ext; /* their external ids (an entry may be NULL) */
	int n_ids, idx;
	bool off; /* the case was taken off the agenda: idx is where it was,
		     the case after it next */
	int *shown;
	char as_of[11];
	char title[320];
	const char *chair;    /* of the meeting; NULL outside an agenda */
	long long meeting_id; /* 0 outside an agenda */
	struct tb_meeting m;  /* the meeting, when opened from an agenda */
	bool live; /* the meeting is running: the case's clock runs */
	/* the case's clock as the step left it or as last read; read again
	 * when the view reloads (another screen may have moved it) */
	struct db_agenda_time clk;
	bool clk_known;
	time_t started; /* when the running meeting really started */
	char next[80];	/* "next CASE-ID" or "last case" */
};

/* What the room follows (tumorboard follow): the case open on the screen
 * of whoever runs the meeting (meeting.run: the chair, the coordinator),
 * not of a member reading ahead. */
static bool moves_room(void)
{
	const struct user *u = user_current();
	const struct roles *rs = perm_session_roles();
	return u && rs && perm_user_has(rs, u, PERM_MEETING_RUN);
}

/* Reads case id; at a running meeting a case newly shown (clock) on the
 * screen of who runs the meeting starts its clock and is the room's case:
 * one write (db_agenda_step). */
static bool case_view_load(struct ui *ui, struct case_view *cv, long long id,
			   bool clock)
{
	struct app *app = ui->app;
	struct app_case_page *page = xcalloc(1, sizeof(*page));
	if (app_case_page(app, id, cv->as_of, page, ui->msg, sizeof(ui->msg)) !=
	    TB_OK) {
		app_case_page_done(page);
		free(page);
		return false;
	}
	/* the identity stays as it was shown (a new case masks it again) */
	page->ro.mask_id = cv->ro ? cv->ro->mask_id : true;
	page->ro.blocks = term_blocks();
	if (cv->page)
		app_case_page_done(cv->page);
	free(cv->page);
	cv->page = page;
	cv->c = page->c;
	cv->ro = &page->ro;
	struct tb_case *c = cv->c;
	if (cv->live) {
		cv->clk_known = false;
		/* the meeting's clocks are the room's: a member reading
		 * ahead on their own screen moves none of them */
		if (clock && moves_room())
			cv->clk_known =
			    db_agenda_step(app->db, cv->meeting_id, id, true,
					   &cv->clk) == TB_OK;
		/* the next case of the agenda, named once per case: from
		 * the agenda's own rows, or read whole when it gave none */
		snprintf(cv->next, sizeof(cv->next), _("(last case)"));
		struct tb_case *nc = NULL;
		int next = cv->off ? cv->idx : cv->idx + 1;
		if (cv->ids && next < cv->n_ids && cv->ext[next])
			snprintf(cv->next, sizeof(cv->next), _("next %s"),
				 cv->ext[next]);
		else if (cv->ids && next < cv->n_ids &&
			 db_case_load(app->db, cv->ids[next], &nc) == TB_OK)
			snprintf(cv->next, sizeof(cv->next), _("next %s"),
				 nc->external_id);
		model_case_free(&nc);
	}
	if (cv->ids && cv->off)
		snprintf(cv->title, sizeof(cv->title),
			 _("tumorboard — case %s   taken off the agenda"),
			 c->external_id);
	else if (cv->ids)
		snprintf(cv->title, sizeof(cv->title),
			 _("tumorboard — case %s   %d of %d on the agenda"),
			 c->external_id, cv->idx + 1, cv->n_ids);
	else
		snprintf(cv->title, sizeof(cv->title),
			 _("tumorboard — case %s"), c->external_id);
	return true;
}

/* "⏱ 2:05/6 min  52 min left": the case's clock against its slot and what
 * is left of the meeting, counted from when it really started; own (NULL:
 * not asked for) the case's clock alone, "⏱ 2:05/6 min". */
static bool case_clocks(struct ui *ui, struct case_view *cv, char *buf,
			char *own, size_t n)
{
	if (!cv->live)
		return false;
	time_t now = clock_now();
	if (!cv->clk_known)
		cv->clk_known =
		    db_agenda_time_get(ui->app->db, cv->meeting_id, cv->c->id,
				       &cv->clk) == TB_OK;
	long long secs = cv->clk_known
			     ? db_agenda_time_seconds(&cv->clk, (long long)now)
			     : 0;
	/* the case's own slot (the agenda's), else the board's per case */
	const struct board *mb = boards_by_id(&ui->app->boards, cv->m.board);
	int slot = board_slot_minutes(mb, cv->clk_known ? cv->clk.slot : 0);
	snprintf(buf, n, _("⏱ %lld:%02lld/%d min%s  %d min left"),
		 secs > 0 ? secs / 60 : 0, secs > 0 ? secs % 60 : 0, slot,
		 secs > slot * 60 ? _(" OVER") : "",
		 app_meeting_minutes_left(&cv->m, cv->started, now));
	if (own)
		snprintf(own, n, _("⏱ %lld:%02lld/%d min%s"),
			 secs > 0 ? secs / 60 : 0, secs > 0 ? secs % 60 : 0,
			 slot, secs > slot * 60 ? _(" OVER") : "");
	return true;
}

static bool case_clock(struct ui *ui, void *arg, char *buf, size_t n)
{
	return case_clocks(ui, arg, buf, NULL, n);
}

static bool case_ticks(struct ui *ui, void *arg)
{
	(void)ui;
	struct case_view *cv = arg;
	return cv->live;
}

/* At a running meeting the title shows the case's clock against its
 * slot, the time left in the meeting and, when it fits, the next case. */
static void case_tick(struct ui *ui, void *arg)
{
	struct case_view *cv = arg;
	char clock_text[96], own[96];
	if (!case_clocks(ui, cv, clock_text, own, sizeof(clock_text)))
		return;
	if (cv->off)
		snprintf(cv->title, sizeof(cv->title),
			 _("LIVE %s  off the agenda  %s  %s"),
			 cv->c->external_id, clock_text, cv->next);
	else
		snprintf(cv->title, sizeof(cv->title),
			 _("LIVE %s  %d/%d  %s  %s"), cv->c->external_id,
			 cv->idx + 1, cv->n_ids, clock_text, cv->next);
	if (util_display_width(cv->title) > term_cols() - 2 && cv->off)
		snprintf(cv->title, sizeof(cv->title),
			 _("LIVE %s  off the agenda  %s"), cv->c->external_id,
			 clock_text);
	else if (util_display_width(cv->title) > term_cols() - 2)
		snprintf(cv->title, sizeof(cv->title), _("LIVE %s  %d/%d  %s"),
			 cv->c->external_id, cv->idx + 1, cv->n_ids,
			 clock_text);
	/* narrower (a split pane): the case and its clock stay, the
	 * position and then the minutes left go */
	if (util_display_width(cv->title) > term_cols() - 2)
		snprintf(cv->title, sizeof(cv->title), _("LIVE %s  %s"),
			 cv->c->external_id, clock_text);
	if (util_display_width(cv->title) > term_cols() - 2)
		snprintf(cv->title, sizeof(cv->title), _("LIVE %s  %s"),
			 cv->c->external_id, own);
}

static const char *case_title(struct ui *ui, void *arg)
{
	(void)ui;
	struct case_view *cv = arg;
	return cv->title;
}

static bool case_render_upto(struct ui *ui, void *arg, struct textdoc *doc,
			     size_t lines, bool first)
{
	(void)ui;
	struct case_view *cv = arg;
	if (first) {
		cv->part = 0;
		cv->finding = 0;
	}
	return render_case_section_upto(cv->c, cv->ro, cv->section, doc,
					&cv->part, &cv->finding, lines);
}

/* The patient banner and the tabs never scroll away. */
static void case_header(struct ui *ui, void *arg, struct textdoc *doc)
{
	(void)ui;
	struct case_view *cv = arg;
	render_case_banner(cv->c, cv->ro, doc);
	render_case_tabs(cv->c, cv->ro, cv->section, doc);
}

static int case_summary(struct ui *ui, struct case_view *cv)
{
	/* the case's latest version (briefs are newest first) */
	long long id = 0;
	const struct app_case_page *p = cv->page;
	for (size_t i = 0; i < p->n_briefs && !id; i++)
		if (strcmp(p->briefs[i].case_id, cv->c->external_id) == 0)
			id = p->briefs[i].id;
	if (!id) {
		ui_say(ui, _("No signed decision for this case yet"));
		return 0;
	}
	view_summary_push(ui, id);
	return 0;
}

static int case_step(struct ui *ui, struct case_view *cv, enum action a)
{
	/* a case taken off: the one after it took its place */
	int to = cv->idx + (a == ACTION_NEXT_CASE ? !cv->off : -1);
	if (!cv->ids || to < 0 || to >= cv->n_ids) {
		ui_say(ui, "%s",
		       cv->ids ? _("No more cases on this agenda")
			       : _("Opened from the list, not an agenda"));
		return 0;
	}
	/* another case opened: the same check and record as any case */
	if (!view_permit(ui, ACTION_OPEN, cv->ids[to]) ||
	    !view_access(ui, ACCESS_SCREEN_CASE, cv->ids[to]))
		return 0;
	int was = cv->idx;
	bool was_off = cv->off;
	cv->idx = to;
	cv->off = false;
	if (!case_view_load(ui, cv, cv->ids[to], true)) {
		cv->idx = was;
		cv->off = was_off;
		return 0;
	}
	/* A new patient: identity masked again. */
	cv->ro->mask_id = true;
	return DOC_RERENDER | DOC_TO_TOP;
}

static int case_action(struct ui *ui, void *arg, enum action a)
{
	struct case_view *cv = arg;
	switch (a) {
	case ACTION_TOGGLE_ID:
		if (cv->ro->mask_id &&
		    !view_access(ui, ACCESS_SCREEN_ID, cv->c->id))
			return 0;
		cv->ro->mask_id = !cv->ro->mask_id;
		return DOC_RERENDER;
	case ACTION_BRIEF:
		if (view_access(ui, ACCESS_BRIEF, cv->c->id))
			view_brief_push(ui, cv->c, cv->ro->readiness,
					cv->as_of);
		return 0;
	case ACTION_SUMMARY:
		if (!view_access(ui, ACCESS_SUMMARY, cv->c->id))
			return 0;
		return case_summary(ui, cv);
	case ACTION_DECIDE:
		view_form_push(ui, cv->c->id, cv->meeting_id, cv->chair);
		return 0;
	case ACTION_NEXT_PANE:
		cv->section = (cv->section + 1) % RENDER_SECTION_COUNT;
		return DOC_RERENDER | DOC_TO_TOP;
	case ACTION_PREV_PANE:
		cv->section = (cv->section + RENDER_SECTION_COUNT - 1) %
			      RENDER_SECTION_COUNT;
		return DOC_RERENDER | DOC_TO_TOP;
	case ACTION_NEXT_CASE:
	case ACTION_PREV_CASE:
		return case_step(ui, cv, a);
	default:
		return VIEW_UNKNOWN;
	}
}

/* The agenda's cases in order, copied (case_agenda). */
struct agenda_copy {
	long long *ids;
	char **ext;
	int n;
};

static bool agenda_copy_row(const struct db_agenda_row *r, void *arg)
{
	struct agenda_copy *a = arg;
	a->ids = xrealloc(a->ids, ((size_t)a->n + 1) * sizeof(*a->ids));
	a->ext = xrealloc(a->ext, ((size_t)a->n + 1) * sizeof(*a->ext));
	a->ext[a->n] = r->external_id ? xstrdup(r->external_id) : NULL;
	a->ids[a->n++] = r->case_id;
	return true;
}

static void agenda_copy_free(long long *ids, char **ext, int n)
{
	for (int i = 0; ext && i < n; i++)
		free(ext[i]);
	free(ext);
	free(ids);
}

/* The agenda read again (a case taken off, moved or added elsewhere):
 * where the case is on it now, or that it is off it. */
static void case_agenda(struct ui *ui, struct case_view *cv)
{
	struct agenda_copy a = {0};
	struct tb_meeting m;
	if (db_meeting_get(ui->app->db, cv->meeting_id, &m) != TB_OK)
		return;
	/* a finished meeting's agenda is its record (as the agenda shows) */
	if ((strcmp(m.status, "finished") == 0 ? db_agenda_record
					       : db_agenda_list)(
		ui->app->db, cv->meeting_id, agenda_copy_row, &a) != TB_OK) {
		agenda_copy_free(a.ids, a.ext, a.n);
		return;
	}
	if (!a.ids) { /* an agenda left empty is still an agenda */
		a.ids = xmalloc(sizeof(*a.ids));
		a.ext = xcalloc(1, sizeof(*a.ext));
	}
	int at = -1;
	for (int i = 0; i < a.n && at < 0; i++)
		if (a.ids[i] == cv->c->id)
			at = i;
	agenda_copy_free(cv->ids, cv->ext, cv->n_ids);
	cv->ids = a.ids;
	cv->ext = a.ext;
	cv->n_ids = a.n;
	cv->off = at < 0;
	if (at >= 0)
		cv->idx = at;
	else if (cv->idx > a.n)
		cv->idx = a.n;
}

/* The store changed (a decision signed, a result imported, the agenda
 * changed): read the case and its agenda again, its identity kept
 * masked or not. */
static void case_reload(struct ui *ui, void *arg)
{
	struct case_view *cv = arg;
	/* finished on another screen: no longer live, no clock runs */
	if (cv->live &&
	    db_meeting_get(ui->app->db, cv->meeting_id, &cv->m) == TB_OK &&
	    strcmp(cv->m.status, "running") != 0) {
		cv->live = false;
		ui_say(ui, _("The meeting was finished on another screen: it "
			     "is no longer live here"));
	}
	if (cv->c && cv->ids)
		case_agenda(ui, cv);
	if (cv->c)
		case_view_load(ui, cv, cv->c->id, false);
}

static long long case_subject(struct ui *ui, void *arg)
{
	(void)ui;
	struct case_view *cv = arg;
	return cv->c ? cv->c->id : 0;
}

static void case_free(struct ui *ui, void *arg)
{
	struct case_view *cv = arg;
	if (cv->shown)
		*cv->shown = cv->idx;
	/* back on the agenda: no case's clock runs */
	if (cv->live && moves_room()) {
		/* back on the agenda; a chair who quits (or whose terminal
		 * went away) leaves the room on the case */
		db_agenda_step(ui->app->db, cv->meeting_id, 0,
			       !ui->quit && !term_stopping(), NULL);
	}
	if (cv->page)
		app_case_page_done(cv->page);
	free(cv->page);
	agenda_copy_free(cv->ids, cv->ext, cv->n_ids);
	free(cv);
}

bool view_case_push(struct ui *ui, const struct view_case_args *a)
{
	/* most used first: what does not fit the width is left out */
	static const enum action list_acts[] = {
	    ACTION_DECIDE,    ACTION_SUMMARY, ACTION_BRIEF, ACTION_NEXT_PANE,
	    ACTION_TOGGLE_ID, ACTION_SEARCH,  ACTION_BACK,  ACTION_HELP};
	static const enum action agenda_acts[] = {
	    ACTION_NEXT_CASE, ACTION_PREV_CASE, ACTION_DECIDE,
	    ACTION_SUMMARY,   ACTION_BRIEF,	ACTION_NEXT_PANE,
	    ACTION_TOGGLE_ID, ACTION_BACK,	ACTION_HELP};
	struct db *db = ui->app->db;
	struct case_view *cv = xcalloc(1, sizeof(*cv));
	if (a->as_of && a->ids) {
		cv->ids = xmalloc((size_t)a->n * sizeof(*cv->ids) + 1);
		cv->ext = xcalloc((size_t)a->n + 1, sizeof(*cv->ext));
		for (int i = 0; i < a->n; i++) {
			cv->ids[i] = a->ids[i];
			cv->ext[i] =
			    a->ext && a->ext[i] ? xstrdup(a->ext[i]) : NULL;
		}
	}
	cv->n_ids = a->ids ? a->n : 1;
	cv->idx = a->ids ? a->idx : 0;
	cv->chair = a->chair;
	cv->meeting_id = a->meeting_id;
	cv->shown = a->shown;
	if (a->as_of)
		snprintf(cv->as_of, sizeof(cv->as_of), "%s", a->as_of);
	else
		clock_today(cv->as_of);
	if (cv->meeting_id &&
	    db_meeting_get(db, cv->meeting_id, &cv->m) == TB_OK)
		cv->live = strcmp(cv->m.status, "running") == 0;
	if (cv->live)
		cv->started = app_meeting_started(&cv->m);
	long long id = a->ids ? a->ids[a->idx] : a->case_id;
	if (!case_view_load(ui, cv, id, true)) {
		cv->shown = NULL;
		cv->live = false;
		case_free(ui, cv);
		return false;
	}
	struct doc_spec s = {.name = "case",
			     .keymap = KEYMAP_VIEW_CASE,
			     .hints = a->as_of ? agenda_acts : list_acts,
			     .n_hints = a->as_of ? UTIL_ARRAY_LEN(agenda_acts)
						 : UTIL_ARRAY_LEN(list_acts),
			     .title_of = case_title,
			     .render_upto = case_render_upto,
			     .header = case_header,
			     .on_action = case_action,
			     .tick = case_tick,
			     .reload = case_reload,
			     .subject = case_subject,
			     .ticks = case_ticks,
			     .clock = case_clock,
			     .free_arg = case_free,
			     .arg = cv};
	view_doc_push(ui, &s);
	return true;
}

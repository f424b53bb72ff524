/*
 * The live agenda: a running meeting's title (its clock, what is done,
 * the quorum), starting a planned meeting, deferring a case or recording
 * it as not discussed, taking the last of these back, and finishing the
 * meeting with its report. Part of the agenda view (view_agenda.c).
 */
#include "i18n.h"
#include "view_agenda_internal.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "clock.h"
#include "db.h"
#include "db_form.h"
#include "db_meeting.h"
#include "followup.h"
#include "minutes.h"
#include "model.h"
#include "perm.h"
#include "status.h"
#include "term.h"
#include "textdoc.h"
#include "user.h"
#include "util.h"
#include "validate.h"
#include "view.h"
#include "view_doc.h"

/* The head of a running meeting's title: the board, the cases done (and
 * open), the time of day unless !clock, the minutes left. */
static void live_head(const struct agenda_view *av, int done, int open,
		      const struct tm *tm, int left, bool clock, char *head,
		      size_t size)
{
	const char *board = model_board_label(av->m.board);
	if (!open && clock)
		snprintf(head, size,
			 _("LIVE %s  %d/%d done  %02d:%02d  %d min left"),
			 board, done, av->n, tm->tm_hour, tm->tm_min, left);
	else if (!open)
		snprintf(head, size, _("LIVE %s  %d/%d done  %d min left"),
			 board, done, av->n, left);
	else if (open == 1 && clock) /* Swedish: "1 öppet", "2 öppna" */
		snprintf(head, size,
			 _("LIVE %s  %d/%d done, 1 open  %02d:%02d  %d min "
			   "left"),
			 board, done, av->n, tm->tm_hour, tm->tm_min, left);
	else if (open == 1)
		snprintf(head, size,
			 _("LIVE %s  %d/%d done, 1 open  %d min left"), board,
			 done, av->n, left);
	else if (clock)
		snprintf(head, size,
			 _("LIVE %s  %d/%d done, %d open  %02d:%02d  %d min "
			   "left"),
			 board, done, av->n, open, tm->tm_hour, tm->tm_min,
			 left);
	else
		snprintf(head, size,
			 _("LIVE %s  %d/%d done, %d open  %d min left"), board,
			 done, av->n, open, left);
}

/* What a running meeting's title counts: the cases done and open, the
 * time of day, the minutes left. */
struct live_count {
	int done, open, left;
	struct tm tm;
};

/* head with how far the agenda runs over the meeting's length (over: 1
 * in words, 2 briefly, for a narrow screen; 0 or none over: not). */
static void live_over(const struct agenda_view *av, int over, char *head,
		      size_t size)
{
	if (av->over_min <= 0 || !over)
		return;
	/* TRANSLATORS: the minutes the agenda's last case not yet done is
	 * reckoned to end past the meeting's length, in a running meeting's
	 * title after its minutes left; the second, shorter, for a narrow
	 * screen */
	char *with = xasprintf(over == 1 ? _("%s  runs %d min over")
					 : _("%s  %d min over"),
			       head, av->over_min);
	snprintf(head, size, "%s", with);
	free(with);
}

/* The heads of a running meeting's title for a narrow screen (a split
 * pane): the time of day and the minutes left (brief), the time of day
 * alone (briefest); the board and the counts left out. */
static void live_brief(const struct live_count *k, char *brief, char *briefest,
		       size_t size)
{
	snprintf(brief, size, _("LIVE %02d:%02d  %d min left"), k->tm.tm_hour,
		 k->tm.tm_min, k->left);
	snprintf(briefest, size, _("LIVE %02d:%02d"), k->tm.tm_hour,
		 k->tm.tm_min);
}

/* How the quorum is said after a head: quorate, the missing counted,
 * or not quorate alone. */
enum live_quorum { LQ_QUORATE, LQ_COUNTED, LQ_BARE };

/* av's title with the quorum said as q and the first of heads that fits
 * in room; whether one did. */
static bool live_quorum_in(struct agenda_view *av, enum live_quorum q,
			   char (*heads)[200], int n, int room)
{
	for (int i = 0; i < n; i++) {
		if (q == LQ_QUORATE)
			snprintf(av->title, sizeof(av->title), _("%s  quorate"),
				 heads[i]);
		else if (q == LQ_COUNTED)
			snprintf(av->title, sizeof(av->title),
				 _("%s  NOT QUORATE (%zu missing)"), heads[i],
				 av->n_missing);
		else
			snprintf(av->title, sizeof(av->title),
				 _("%s  NOT QUORATE"), heads[i]);
		if (util_display_width(av->title) <= room)
			return true;
	}
	return false;
}

/* av's title with the overrun said as over says (live_over), the missing
 * core roles named when the width allows, else counted (the time of day
 * left out before the count is; on a narrow screen the board and the
 * counts of cases, then the minutes left, before the quorum); whether it
 * fits in room. */
static bool live_title_in(struct agenda_view *av, const struct live_count *k,
			  int over, int room)
{
	char heads[4][200];
	char *head = heads[0], *shorter = heads[1];
	live_head(av, k->done, k->open, &k->tm, k->left, true, head,
		  sizeof(heads[0]));
	live_head(av, k->done, k->open, &k->tm, k->left, false, shorter,
		  sizeof(heads[1]));
	live_brief(k, heads[2], heads[3], sizeof(heads[2]));
	for (int i = 0; i < 4; i++)
		live_over(av, over, heads[i], sizeof(heads[i]));
	if (!av->n_missing)
		return live_quorum_in(av, LQ_QUORATE, heads, 4, room);
	snprintf(av->title, sizeof(av->title), _("%s  NOT QUORATE: no %s"),
		 head, av->quorum);
	if (util_display_width(av->title) > room)
		snprintf(av->title, sizeof(av->title),
			 ngettext("%s  NOT QUORATE (%zu core role missing)",
				  "%s  NOT QUORATE (%zu core roles missing)",
				  (unsigned long)av->n_missing),
			 head, av->n_missing);
	/* still too wide (Swedish is longer): the count alone, then
	 * without the time of day */
	if (util_display_width(av->title) > room)
		snprintf(av->title, sizeof(av->title),
			 _("%s  NOT QUORATE (%zu missing)"), head,
			 av->n_missing);
	if (util_display_width(av->title) <= room ||
	    live_quorum_in(av, LQ_COUNTED, heads + 1, 3, room))
		return true;
	return live_quorum_in(av, LQ_BARE, heads, 4, room);
}

/* The title of a running meeting, what matters most first: how far the
 * agenda runs over the meeting's length is said in words, else briefly,
 * and left out only when the quorum would not fit beside it. The cases
 * are counted as the chair sees them: done (decided, deferred, not
 * discussed) out of all, and, when there are any, those open (listed
 * and opened at this meeting: discussed, not yet marked; finishing
 * records them discussed, not moved on). */
void view_agenda_live_title(struct agenda_view *av)
{
	struct live_count k = {0};
	for (int i = 0; i < av->n; i++) {
		bool listed = strcmp(av->status[i], "listed") == 0;
		k.done += !listed;
		k.open += listed && av->opened[i];
	}
	time_t now = app_now(av->ui->app);
	localtime_r(&now, &k.tm); /* meetings run on local time */
	k.left = app_meeting_minutes_left(&av->m, av->started, now);
	int room = term_cols() - 2;
	if (av->over_min > 0 &&
	    (live_title_in(av, &k, 1, room) || live_title_in(av, &k, 2, room)))
		return;
	live_title_in(av, &k, 0, room);
}

int view_agenda_start(struct agenda_view *av, int index)
{
	char today[11];
	app_today(av->ui->app, today);
	if (strcmp(av->m.status, "planned") != 0) {
		ui_say(av->ui,
		       _("Only a planned meeting can start; this one is %s"),
		       av->m.status);
		return index;
	}
	/* another day than planned: asked, and the clock counts from now */
	if (strcmp(today, av->m.date) != 0) {
		char question[160];
		snprintf(question, sizeof(question),
			 _("Planned for %s, today is %s: start it now?"),
			 av->m.date, today);
		if (!ui_confirm(av->ui, question)) {
			ui_say(av->ui, _("Not started"));
			return index;
		}
	}
	if (db_meeting_start(av->db, av->m.id) != TB_OK)
		ui_say(av->ui, _("The meeting could not be started"));
	else
		ui_say(av->ui,
		       _("The meeting is running: each case opened runs its "
			 "clock"));
	view_agenda_load(av);
	return index;
}

/* A title of what became of a meeting's cases: the first of leads (the
 * longest first) with which every count that is not 0 and tail (the
 * minutes' key) fit the width, else the first with which the counts
 * alone fit: the meeting is named shorter, then the tail left out, before
 * any count is. When even the last lead leaves no room for them all, the
 * counts that do not fit are left out (minutes_tally_words). Caller
 * frees. */
char *view_agenda_tally_title(const char *const *leads, size_t n_leads,
			      const struct minutes_tally *t, const char *tail)
{
	/* short of the last column: a title that reaches it reads as cut */
	int room = term_cols() - 3;
	char *all = minutes_tally_words(t, 1 << 20); /* 0s left out */
	/* the number of cases left out before a lead is shortened further
	 * or a count is: the counts add up to it */
	char *counts = minutes_tally_counts(t, 0);
	const char *words[] = {all, all, counts};
	const char *ends[] = {tail, "", ""};
	for (size_t pass = 0; pass < UTIL_ARRAY_LEN(words); pass++) {
		if (!words[pass])
			continue;
		int w = util_display_width(words[pass]) +
			util_display_width(ends[pass]);
		for (size_t i = 0; i < n_leads; i++) {
			if (util_display_width(leads[i]) + w > room)
				continue;
			char *title = xasprintf("%s%s%s", leads[i], words[pass],
						ends[pass]);
			free(all);
			free(counts);
			return title;
		}
	}
	free(all);
	free(counts);
	/* the last lead and the counts that fit, the number of cases left
	 * out first when they add up to it */
	const char *lead = n_leads ? leads[n_leads - 1] : "";
	int left = room - util_display_width(lead);
	char *fitted = minutes_tally_counts(t, left);
	if (!fitted)
		fitted = minutes_tally_words(t, left);
	char *title = xasprintf("%s%s", lead, fitted);
	free(fitted);
	return title;
}

/* A finished or cancelled meeting's title: what became of its cases, in
 * the minutes' words (minutes_tally_words) as far as the width holds. */
void view_agenda_record_title(struct agenda_view *av)
{
	char key[16], minutes[48] = "";
	bool finished = strcmp(av->m.status, "finished") == 0;
	if (finished)
		snprintf(minutes, sizeof(minutes), _("  (%s minutes)"),
			 view_agenda_key(av, ACTION_MINUTES, key));
	const char *board = model_board_label(av->m.board);
	const char *status = model_meeting_status_label(av->m.status);
	/* the meeting named shorter before any count is left out: the
	 * program's name, the time, the word agenda, then the status go
	 * first; its date and board stay */
	char *leads[] = {
	    xasprintf(_("tumorboard — agenda %s %s %s  %s: "), av->m.date,
		      av->m.start_time, board, status),
	    xasprintf(_("agenda %s %s %s  %s: "), av->m.date, av->m.start_time,
		      board, status),
	    xasprintf(_("agenda %s %s  %s: "), av->m.date, board, status),
	    /* TRANSLATORS: a meeting's date, board and status before its
	     * counts */
	    xasprintf(_("%s %s  %s: "), av->m.date, board, status),
	    /* TRANSLATORS: a meeting's date and board before its counts */
	    xasprintf(_("%s %s: "), av->m.date, board)};
	/* a cancelled meeting's cases: how many, nothing became of them */
	struct minutes_tally t =
	    finished ? av->tally : (struct minutes_tally){.cases = av->n};
	char *title = view_agenda_tally_title(
	    (const char *const *)leads, UTIL_ARRAY_LEN(leads), &t, minutes);
	snprintf(av->title, sizeof(av->title), "%s", title);
	free(title);
	for (size_t i = 0; i < UTIL_ARRAY_LEN(leads); i++)
		free(leads[i]);
}

int view_agenda_finish(struct agenda_view *av, int index)
{
	if (strcmp(av->m.status, "running") != 0) {
		ui_say(av->ui, _("The meeting is not running"));
		return index;
	}
	int left = 0, meanwhile = 0, undecided = 0;
	for (int i = 0; i < av->n; i++) {
		/* a case opened at the meeting was reached (finishing
		 * records it discussed) */
		left += strcmp(av->status[i], "listed") == 0 && !av->opened[i];
		undecided +=
		    strcmp(av->status[i], "listed") == 0 && av->opened[i];
		/* one signed outside the meeting and not opened at it:
		 * already signed, and it leaves the agenda (the report says
		 * so) */
		meanwhile += strcmp(av->status[i], "decided-elsewhere") == 0 &&
			     !av->opened[i];
	}
	long long next = 0;
	db_meeting_next(av->db, av->m.id, &next);
	struct strbuf question = {0};
	if (!left && !meanwhile) /* every case reached: nothing moves */
		strbuf_puts(&question, _("Finish the meeting? Every case was "
					 "reached."));
	else if (!left)
		strbuf_printf(&question,
			      ngettext("Finish? %d case was already signed "
				       "elsewhere: it leaves the agenda.",
				       "Finish? %d cases were already signed "
				       "elsewhere: they leave the agenda.",
				       (unsigned long)meanwhile),
			      meanwhile);
	else if (next)
		strbuf_printf(&question,
			      ngettext("Finish? %d case not reached moves to "
				       "the next meeting.",
				       "Finish? %d cases not reached move to "
				       "the next meeting.",
				       (unsigned long)left),
			      left);
	else
		strbuf_printf(
		    &question,
		    ngettext("Finish? %d case not reached goes back "
			     "to the referral queue: no later meeting "
			     "of the board is planned.",
			     "Finish? %d cases not reached go back to "
			     "the referral queue: no later meeting of "
			     "the board is planned.",
			     (unsigned long)left),
		    left);
	if (left && meanwhile)
		strbuf_printf(&question,
			      ngettext(" %d more was already signed "
				       "elsewhere: it leaves the agenda.",
				       " %d more were already signed "
				       "elsewhere: they leave the agenda.",
				       (unsigned long)meanwhile),
			      meanwhile);
	if (undecided)
		strbuf_printf(&question,
			      ngettext(" %d case opened without a decision is "
				       "recorded as discussed without one.",
				       " %d cases opened without a decision "
				       "are recorded as discussed without one.",
				       (unsigned long)undecided),
			      undecided);
	/* finishing signs nothing: a draft stays as it is, with its case
	 * (moved on or not) */
	struct strbuf drafts = {0};
	int n_drafts = 0;
	if (db_form_agenda_drafts(av->db, av->m.id, &drafts, &n_drafts) ==
		TB_OK &&
	    n_drafts)
		strbuf_printf(&question,
			      ngettext(" %d decision draft stays unsigned, "
				       "kept with its case: %s.",
				       " %d decision drafts stay unsigned, "
				       "kept with their cases: %s.",
				       (unsigned long)n_drafts),
			      n_drafts, drafts.buf);
	strbuf_done(&drafts);
	bool yes = ui_confirm(av->ui, question.buf);
	strbuf_done(&question);
	if (!yes) {
		ui_say(av->ui, _("Not finished"));
		return index;
	}
	/* the report: what moved, was decided, is unsigned, deferred */
	struct textdoc *report = xcalloc(1, sizeof(*report));
	textdoc_init(report, term_cols() - 1);
	struct db_finish res;
	ui_working(av->ui, _("Finishing the meeting"));
	struct minutes_tally tally;
	if (followup_finish_meeting_result(av->db, av->m.id, report, &res,
					   &tally) == TB_OK) {
		/* the last line, as the command line's */
		if (res.minutes) {
			textdoc_newline(report);
			textdoc_wrap(report, 0, TD_NORMAL,
				     _("Minutes recorded in the audit log (M "
				       "on the agenda shows them)"));
		}
		/* what became of the cases at a glance, in the minutes'
		 * words, as much as the width holds */
		const char *leads[] = {_("tumorboard — finished: "),
				       _("finished: "), ""};
		char *title = view_agenda_tally_title(
		    leads, UTIL_ARRAY_LEN(leads), &tally, "");
		view_doc_show(av->ui, title, KEYMAP_VIEW_CASE, report);
		free(title);
	} else {
		ui_say(av->ui, _("The meeting could not be finished"));
	}
	textdoc_done(report);
	free(report);
	view_agenda_load(av);
	return index < av->n ? index : 0;
}

/* The date of the board's next meeting, offered a week after this one:
 * checked as it will be planned (app_meeting_next_check), so that a date
 * refused is said while the prompt is open, its text kept. */
static const char *check_next_date(const char *v, const void *arg)
{
	const struct agenda_view *av = arg;
	static char why[200];
	struct tb_meeting next;
	/* v as the prompt trimmed it (and returns it) */
	enum tb_status st = app_meeting_next_check(av->ui->app, &av->m, v,
						   &next, why, sizeof(why));
	if (st == TB_OK)
		return NULL;
	if (!why[0])
		snprintf(why, sizeof(why), "%s", status_message(st));
	return why;
}

/* Whether the signed-in user may plan a meeting of board: meeting.plan
 * and, as the meetings screen asks, belonging to the board. Asked before
 * a plan is offered, so nothing is logged as refused. */
static bool may_plan(const char *board)
{
	const struct user *u = user_current();
	const struct roles *rs = perm_session_roles();
	return u && rs && perm_user_has(rs, u, PERM_MEETING_PLAN) &&
	       user_in_board(u, board);
}

/* Who plans meetings: the names of the roles granting meeting.plan, as
 * roles.xml names them (caller frees). */
static char *planners(void)
{
	const struct roles *rs = perm_session_roles();
	struct strbuf sb = {0};
	for (size_t i = 0; rs && i < rs->n; i++) {
		if (!rs->r[i].grants[PERM_MEETING_PLAN])
			continue;
		if (sb.len)
			strbuf_puts(&sb, _(" or "));
		strbuf_puts(&sb,
			    model_user_role_label(rs->r[i].id, rs->r[i].name));
	}
	if (!sb.len)
		strbuf_puts(&sb, _("coordinator"));
	return strbuf_detach(&sb);
}

/* D with no later meeting of the board planned, once the reason is
 * given: offers to plan one like this meeting (board, level, start,
 * length, place, chair) on a date asked (a week later offered), with the
 * planning permission; the date answered (caller frees), NULL when none
 * is to be planned (said why). A user who may not plan is not asked
 * (view_agenda_mark). The case is read again once the date is answered:
 * dealt with elsewhere meanwhile (*refused not TB_OK), nothing is
 * planned. The meeting is planned with the deferral, in one transaction
 * (app_agenda_defer_new). */
static char *plan_next(struct agenda_view *av, long long case_id,
		       enum tb_status *refused)
{
	char date[11];
	if (!ui_confirm(av->ui, _("No later meeting of this board is "
				  "planned. Plan one now?"))) {
		ui_say(av->ui, _("Not deferred: no later meeting of this "
				 "board is planned"));
		return NULL;
	}
	if (!view_permit_board(av->ui, ACTION_PLAN_MEETING, av->m.board))
		return NULL;
	app_meeting_week_after(av->ui->app, &av->m, date);
	char *ans =
	    ui_prompt_checked(av->ui, _("Next meeting's date (YYYY-MM-DD): "),
			      date, check_next_date, av);
	if (!ans) {
		ui_say(av->ui, _("Not deferred: no later meeting of this "
				 "board is planned"));
		return NULL;
	}
	*refused = db_agenda_markable(av->db, av->m.id, case_id);
	if (*refused != TB_OK) {
		free(ans);
		return NULL;
	}
	return ans;
}

/* D with no later meeting planned, by a user who may not plan one: said
 * plainly, no plan offered, the case left where it is. The message
 * holds the keys until Enter or Esc (a reason typed ahead after D is
 * taken there and dropped, neither shown nor read as agenda keys), then
 * stays on the status line. */
static void say_no_next(struct agenda_view *av, int index)
{
	char *who = planners();
	char *msg =
	    xasprintf(_("Not deferred: no later meeting of this board is "
			"planned, and you may not plan one; the board's %s "
			"plans meetings. %s stays listed here."),
		      who, av->ext[index]);
	char *prompt = xasprintf(_("%s (Enter: back) "), msg);
	ui_notice(av->ui, prompt);
	ui_say(av->ui, "%s", msg);
	free(prompt);
	free(msg);
	free(who);
}

/* D or X not recorded: another screen or the command line dealt with the
 * case (or finished the meeting) while this one asked the reason. The
 * agenda is shown as it is now, and what became of the case is said;
 * the selection stays on the case. */
static int mark_refused(struct agenda_view *av, int index, enum tb_status st)
{
	long long id = av->ids[index];
	char *ext = xstrdup(av->ext[index]);
	view_agenda_load(av);
	int now = -1;
	for (int i = 0; i < av->n; i++)
		if (av->ids[i] == id)
			now = i;
	if (now >= 0 && strcmp(av->status[now], "listed") != 0)
		ui_say(av->ui,
		       _("Not recorded: %s was recorded %s meanwhile, "
			 "elsewhere (shown as it is now)"),
		       ext, view_agenda_outcome(av->status[now]));
	else if (st == TB_CLOSED)
		ui_say(av->ui,
		       _("Not recorded: the meeting was %s meanwhile, "
			 "elsewhere"),
		       model_meeting_status_label(av->m.status));
	else
		ui_say(av->ui, _("Not recorded: %s"), status_message(st));
	free(ext);
	return now >= 0 ? now : (index < av->n ? index : 0);
}

/* D and X: a listed case deferred to the board's next meeting (a reason
 * is required) or recorded as listed but not discussed; u undoes the
 * last one. The selection moves on to the next listed case. */
int view_agenda_mark(struct agenda_view *av, enum action a, int index)
{
	bool defer = a == ACTION_DEFER;
	char name[16];
	if (strcmp(av->status[index], "listed") != 0) {
		char n2[16];
		ui_say(av->ui,
		       _("%s is %s already; %s and %s are for listed cases"),
		       av->ext[index], model_outcome_label(av->status[index]),
		       view_agenda_key(av, ACTION_DEFER, name),
		       view_agenda_key(av, ACTION_NOT_DISCUSSED, n2));
		return index;
	}
	long long next = 0;
	struct tb_meeting nm;
	if (defer && db_meeting_next(av->db, av->m.id, &next) != TB_OK)
		next = 0;
	if (defer && !next && !may_plan(av->m.board)) {
		say_no_next(av, index);
		return index;
	}
	/* the reason first: text typed after D lands in it, never in a
	 * question or on the agenda */
	char *why =
	    defer ? ui_prompt_checked(av->ui, _("Defer — why? "), "",
				      ui_require_text,
				      _("A deferral needs a reason"))
		  : ui_prompt_line(av->ui, _("Not discussed — why? "), "");
	if (!why)
		return index;
	/* the agenda under the prompt was not read again: the archive is,
	 * before any further question (the case may have been dealt with,
	 * or a next meeting planned, elsewhere meanwhile) */
	enum tb_status now =
	    db_agenda_markable(av->db, av->m.id, av->ids[index]);
	if (now == TB_OK && defer && !next &&
	    db_meeting_next(av->db, av->m.id, &next) != TB_OK)
		next = 0;
	/* none planned: plan one like this one, here and now */
	char *plan = NULL;
	if (now == TB_OK && defer && !next)
		plan = plan_next(av, av->ids[index], &now);
	if (now != TB_OK) {
		free(why);
		return mark_refused(av, index, now);
	}
	if (defer && !plan &&
	    (!next || db_meeting_get(av->db, next, &nm) != TB_OK)) {
		free(why);
		return index;
	}
	enum tb_status st;
	char not_planned[200] = "";
	if (plan) {
		st = app_agenda_defer_new(av->ui->app, av->m.id, av->ids[index],
					  plan, why, &next, not_planned,
					  sizeof(not_planned));
		/* the new meeting is this one's like (app_agenda_defer_new)
		 * on the date answered */
		nm = av->m;
		snprintf(nm.date, sizeof(nm.date), "%s", plan);
		free(plan);
	} else if (defer) {
		st = app_agenda_defer(av->ui->app, av->m.id, av->ids[index],
				      why, &next);
	} else {
		st = db_agenda_mark(av->db, av->m.id, av->ids[index],
				    "not-discussed", why);
	}
	free(why);
	if (not_planned[0]) {
		ui_say(av->ui, _("Not planned: %s"), not_planned);
		return index;
	}
	if (st != TB_OK)
		return mark_refused(av, index, st);
	if (defer)
		ui_say(av->ui,
		       _("%s deferred to the %s meeting of %s %s (%s undoes)"),
		       av->ext[index], model_board_label(nm.board), nm.date,
		       nm.start_time,
		       view_agenda_key(av, ACTION_UNDO_MARK, name));
	else
		ui_say(av->ui,
		       _("%s recorded as listed but not discussed (%s undoes)"),
		       av->ext[index],
		       view_agenda_key(av, ACTION_UNDO_MARK, name));
	view_agenda_load(av);
	for (int i = index + 1; i < av->n; i++)
		if (strcmp(av->status[i], "listed") == 0)
			return i;
	return index < av->n ? index : 0;
}

/* u: the meeting's last deferral or not-discussed taken back, whoever
 * recorded it and wherever (db_agenda_undo_last). */
int view_agenda_undo(struct agenda_view *av, int index)
{
	struct db_undo u;
	enum tb_status st = db_agenda_undo_last(av->db, av->m.id, &u);
	if (st == TB_NOT_FOUND) {
		ui_say(av->ui,
		       _("Nothing to undo: no case deferred or marked not "
			 "discussed since the last undo"));
		return index;
	}
	if (st != TB_OK) {
		ui_say(av->ui, _("Could not undo: %s"), status_message(st));
		return index;
	}
	view_agenda_load(av);
	for (int i = 0; i < av->n; i++)
		if (av->ids[i] == u.case_id) {
			ui_say(av->ui, _("Undone: %s is listed again%s"),
			       av->ext[i],
			       u.moved_to ? _(" (and off the next meeting)")
					  : "");
			return i;
		}
	return index;
}
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
#include "followup.h"
#include "agenda_doc.h"
#include "minutes.h"
#include "summary.h"
#include "db_decision.h"
#include "i18n.h"
#include "model.h"
#include "quorum.h"
#include "readiness.h"
#include "render.h"
#include "status.h"
#include "support.h"
#include "term.h"
#include "textdoc.h"
#include "perm.h"
#include "util.h"
#include "view.h"
#include "view_attend.h"
#include "view_doc.h"
#include "view_follow.h"
#include "view_refused.h"
#include "view_rows.h"
#include "view_agenda_internal.h"

const char *view_agenda_outcome(const char *status)
{
	return model_outcome_label(status);
}

static bool agenda_collect(const struct db_agenda_row *r, void *arg)
{
	struct agenda_view *av = arg;
	size_t n1 = (size_t)av->n + 1;
	av->ids = xrealloc(av->ids, n1 * sizeof(long long));
	av->ext = xrealloc(av->ext, n1 * sizeof(char *));
	av->ext[av->n] = xstrdup(r->external_id ? r->external_id : "?");
	av->status = xrealloc(av->status, n1 * sizeof(char *));
	/* what became of it, as the minutes count it */
	enum minutes_outcome o = minutes_tally_case(
	    &av->tally, r, strcmp(av->m.status, "finished") == 0);
	/* decided elsewhere since it was listed (or before finishing took
	 * it off): shown as such; signed at this meeting: decided, as the
	 * minutes say; a finished meeting's case no later meeting took */
	bool elsewhere = r->decided || o == MINUTES_ALREADY_SIGNED;
	av->status[av->n] = xstrdup(elsewhere	      ? "decided-elsewhere"
				    : r->decided_here ? "decided"
				    : o == MINUTES_NOT_REACHED ? "not-reached"
							       : r->status);
	av->question = xrealloc(av->question, n1 * sizeof(char *));
	av->question[av->n] = NULL;
	av->asked = xrealloc(av->asked, n1 * sizeof(char *));
	av->asked[av->n] = NULL;
	av->lacks = xrealloc(av->lacks, n1 * sizeof(char *));
	av->lacks[av->n] = NULL;
	av->trial = xrealloc(av->trial, n1 * sizeof(bool));
	av->trial[av->n] = false;
	av->opened = xrealloc(av->opened, n1 * sizeof(bool));
	av->opened[av->n] = r->started != NULL;
	av->ids[av->n++] = r->case_id;
	/* The row holds the slot and when the case's clock started at the
	 * meeting (local minute of the day, -1: not) for now;
	 * agenda_build_rows replaces it with the finished line once every
	 * case is known. */
	struct tm at;
	time_t t;
	bool known = r->started && clock_parse_utc(r->started, &t) &&
		     localtime_r(&t, &at);
	row_list_add(&av->rl,
		     xasprintf("%d %d", r->slot_minutes,
			       known ? at.tm_hour * 60 + at.tm_min : -1));
	return true;
}

/* The agenda rows: a narrow screen (under 100 columns) leaves out the
 * identity number so that readiness shows (1); under 80 columns whole
 * columns go, the name stays (2 + render_agenda_tight). */
static int agenda_narrow(void)
{
	int tight = render_agenda_tight(term_cols());
	return tight ? 1 + tight : term_cols() - 1 < render_agenda_full_cells();
}

/* The line under the agenda for its selected case ext: what its
 * readiness lacks (lacks not NULL: a row may have room for the count
 * only), then the question to the board (asked); at a running meeting
 * (running) the question first, what the board is to answer. */
static char *agenda_detail_of(const char *ext, const char *asked,
			      const char *lacks, bool running)
{
	if (!lacks)
		return xasprintf("%s: %s", ext, asked);
	if (running)
		return xasprintf(_("%s: %s · missing %s"), ext, asked, lacks);
	return xasprintf(_("%s: missing %s · %s"), ext, lacks, asked);
}

/* A running meeting's minute of the day now, past midnight of the day it
 * started counted on (above 24 * 60); -1 when it is not running, or the
 * clock is before its start or a day past it. */
static int agenda_now_min(const struct agenda_view *av)
{
	time_t now = app_now(av->ui->app);
	if (!av->started || now < av->started || now - av->started >= 24 * 3600)
		return -1;
	struct tm st, nt; /* meetings run on local time */
	localtime_r(&av->started, &st);
	localtime_r(&now, &nt);
	return nt.tm_hour * 60 + nt.tm_min +
	       (nt.tm_yday != st.tm_yday ? 24 * 60 : 0);
}

static void agenda_build_rows(struct agenda_view *av)
{
	const struct board *mb =
	    boards_by_id(&av->ui->app->boards, av->m.board);
	int clock_min =
	    atoi(av->m.start_time) * 60 + atoi(av->m.start_time + 3);
	/* a running meeting's clock counts from when it really started;
	 * a case not yet reached starts no earlier than now (earlier cases
	 * ran long: the rest of the agenda moves with them) */
	if (av->started) {
		struct tm tm;
		localtime_r(&av->started, &tm); /* meetings run on local time */
		clock_min = tm.tm_hour * 60 + tm.tm_min;
	}
	/* its length counts from the real start, as the minutes left do */
	int length_end = clock_min + av->m.length_min, last_end = -1;
	int now_min = av->built_min = agenda_now_min(av);
	av->ready = 0;
	av->decided = 0;
	av->interpreter = false;
	/* the agenda's cases read at once, not one by one, and only what
	 * their rows show: no pathology report or imaging study read */
	struct db_case_set set;
	if (db_case_set_load_rows(av->db, av->ids, (size_t)av->n, &set) !=
	    TB_OK)
		memset(&set, 0, sizeof(set));
	int *marks_at = xcalloc((size_t)av->n + 1, sizeof(*marks_at));
	for (int i = 0; i < av->n; i++) {
		marks_at[i] = -1;
		int slot = 0, at = -1;
		bool brief_int = false;
		if (sscanf(av->rl.rows[i], "%d %d", &slot, &at) < 1)
			slot = 0;
		slot = board_slot_minutes(mb, slot);
		/* a case opened at the meeting: when its clock started;
		 * one not reached: not before now */
		int row_min = clock_min;
		if (now_min >= 0 && strcmp(av->status[i], "listed") == 0) {
			if (!av->opened[i])
				row_min =
				    now_min > clock_min ? now_min : clock_min;
			else if (at >= 0 && at <= now_min)
				row_min = at;
			if (row_min > clock_min)
				clock_min = row_min;
			/* a case not yet done ends no earlier than now */
			last_end =
			    row_min + slot > now_min ? row_min + slot : now_min;
		}
		const struct tb_case *c = db_case_set_find(&set, av->ids[i]);
		const struct readiness_facts *f =
		    db_case_set_facts(&set, av->ids[i]);
		struct textdoc doc;
		textdoc_init(&doc, 300);
		if (c && f) {
			const struct board *b =
			    boards_for_icd10(&av->ui->app->boards, c->icd10);
			struct readiness rd;
			if (b) {
				readiness_check_facts(f, b, av->m.date, &rd);
				if (strcmp(av->status[i], "decided") == 0)
					av->decided++;
				else if (!rd.missing &&
					 strcmp(av->status[i],
						"decided-elsewhere") != 0)
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
			    .outcome = listed
					   ? NULL
					   : view_agenda_outcome(av->status[i]),
			    .trial = av->trial[i],
			    .narrow = av->narrow != 0,
			    .tight = av->narrow > 1 ? av->narrow - 1 : 0,
			    .ready_column = true,
			    .cols = term_cols() - 1,
			    .marks_at = &marks_at[i],
			    .brief_int = &brief_int};
			render_agenda_row(c, i + 1, row_min, slot, &mark, &doc);
			av->interpreter |= brief_int;
			/* what is missing while the meeting is prepared;
			 * at it, the question: its line made when the case
			 * is selected (agenda_detail) */
			free(av->asked[i]);
			av->asked[i] = xstrdup(
			    c->question ? c->question : _("(no question)"));
			free(av->lacks[i]);
			/* at a running meeting too: a row may name only
			 * the count (its marks after it) */
			av->lacks[i] =
			    b && listed ? render_agenda_lacks(&rd) : NULL;
		} else {
			textdoc_printf(&doc, TD_WARN,
				       _("%2d  (case not found)"), i + 1);
		}
		free(av->rl.rows[i]);
		av->rl.rows[i] = xstrdup(doc.lines[0].text);
		textdoc_done(&doc);
		clock_min += slot;
	}
	db_case_set_done(&set);
	/* TRIAL and INTERPRETER in a column of their own */
	render_agenda_marks_align(av->rl.rows, marks_at, av->n,
				  term_cols() - 1);
	free(marks_at);
	av->end_min = clock_min;
	/* the last case not yet done projected past the meeting's length */
	av->over_min = last_end > length_end ? last_end - length_end : 0;
}

static const char *agenda_detail(struct ui *ui, void *arg, int index)
{
	(void)ui;
	struct agenda_view *av = arg;
	if (index < 0 || index >= av->n || !av->asked[index])
		return "";
	if (!av->question[index])
		av->question[index] = agenda_detail_of(
		    av->ext[index], av->asked[index], av->lacks[index],
		    strcmp(av->m.status, "running") == 0);
	return av->question[index];
}

/* The marks of the rows explained: T (TRIAL) and INT, when shown. */
static const char *agenda_legend(struct ui *ui, void *arg)
{
	(void)ui;
	const struct agenda_view *av = arg;
	static char line[400];
	bool trial = false;
	for (int i = 0; i < av->n && !trial; i++)
		trial = av->trial && av->trial[i];
	const char *mark = pgettext("interpreter, narrow agenda", "  INT");
	snprintf(line, sizeof(line), "%s%s%s%s%s",
		 trial ? _("T, TRIAL: a trial of the registry may fit") : "",
		 trial && av->interpreter ? "; " : "",
		 av->interpreter ? mark + strspn(mark, " ") : "",
		 av->interpreter ? ": " : "",
		 av->interpreter ? _("needs an interpreter") : "");
	return line;
}

static int agenda_open(struct ui *ui, void *arg, int *index)
{
	struct agenda_view *av = arg;
	/* back on the agenda at the case last shown (] and [ move on) */
	struct view_case_args a = {.case_id = av->ids[*index],
				   .ids = av->ids,
				   .ext = (const char *const *)av->ext,
				   .n = av->n,
				   .idx = *index,
				   .as_of = av->m.date,
				   .meeting_id = av->m.id,
				   .chair = av->m.chair[0] ? av->m.chair : NULL,
				   .shown = index};
	view_open_case(ui, &a);
	return 0;
}

void view_agenda_free_ids(struct agenda_view *av)
{
	for (int i = 0; i < av->n; i++) {
		free(av->status[i]);
		free(av->question[i]);
		free(av->asked[i]);
		free(av->lacks[i]);
		free(av->ext[i]);
	}
	free(av->status);
	free(av->question);
	free(av->asked);
	free(av->lacks);
	av->asked = NULL;
	av->lacks = NULL;
	free(av->ext);
	av->ext = NULL;
	av->question = NULL;
	free(av->trial);
	av->trial = NULL;
	free(av->opened);
	av->opened = NULL;
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
	if (strcmp(av->m.status, "running") == 0) {
		/* a new minute: the times of the cases not reached move on */
		if (av->built_min >= 0 && agenda_now_min(av) != av->built_min)
			view_agenda_load(av);
		view_agenda_live_title(av);
	} else if (strcmp(av->m.status, "planned") != 0) {
		view_agenda_record_title(av);
	}
}

/* (Re)reads the agenda: ids, rows and title. */
bool view_agenda_load(struct agenda_view *av)
{
	row_list_done(&av->rl);
	view_agenda_free_ids(av);
	if (db_meeting_get(av->db, av->m.id, &av->m) != TB_OK)
		return false;
	/* a finished meeting's agenda is its record: every case it had,
	 * also those it did not reach */
	bool finished = strcmp(av->m.status, "finished") == 0;
	memset(&av->tally, 0, sizeof(av->tally));
	if ((finished ? db_agenda_record : db_agenda_list)(
		av->db, av->m.id, agenda_collect, av) != TB_OK)
		return false;
	/* its decisions amended at it (or since), as the minutes count */
	if (finished &&
	    minutes_tally_amended(av->db, av->m.id, av->ids, (size_t)av->n,
				  &av->tally.amended) != TB_OK)
		return false;
	bool running = strcmp(av->m.status, "running") == 0;
	av->started = running ? app_meeting_started(&av->m) : 0;
	av->narrow = agenda_narrow();
	const char *narrow = _(" #  Time    Slot   Case                Name  "
			       "           ICD-10 Readiness");
	struct strbuf tight = {0};
	if (av->narrow > 1)
		render_agenda_tight_heading(narrow, av->narrow - 1, &tight);
	snprintf(av->heading, sizeof(av->heading), "%s",
		 av->narrow > 1 ? tight.buf
		 : av->narrow
		     ? narrow
		     : _(" #  Time    Slot   Case                   Identity"
			 "       Name                   ICD-10  Readiness"));
	strbuf_done(&tight);
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
		    qb ? quorum_missing_said(qb, present.buf ? present.buf : "",
					     &missing)
		       : 0;
		snprintf(av->quorum, sizeof(av->quorum), "%s",
			 missing.buf ? missing.buf : "");
		strbuf_done(&present);
		strbuf_done(&missing);
		view_agenda_live_title(av);
	} else if (strcmp(av->m.status, "planned") != 0) {
		/* a record: what became of the cases, not their readiness */
		view_agenda_record_title(av);
	} else if (model_meeting_past(&av->m, clock_now())) {
		/* its time passed while it was planned: said, not an end */
		char *ready = agenda_doc_ready(av->ready, av->n, av->decided);
		snprintf(av->title, sizeof(av->title),
			 _("tumorboard — agenda %s %s %s  NOT HELD  %s"),
			 av->m.date, av->m.start_time,
			 model_board_label(av->m.board), ready);
		free(ready);
	} else {
		char *ready = agenda_doc_ready(av->ready, av->n, av->decided);
		/* the meeting's end, and where its cases' slots end */
		snprintf(av->title, sizeof(av->title),
			 _("tumorboard — agenda %s %s %s  %s  ends "
			   "%02d:%02d, cases to %02d:%02d%s"),
			 av->m.date, av->m.start_time,
			 model_board_label(av->m.board), ready, end / 60 % 24,
			 end % 60, av->end_min / 60 % 24, av->end_min % 60,
			 av->end_min > end ? _(" (over time)") : "");
		free(ready);
	}
	view_agenda_keep(av);
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
	    ACTION_MOVE_ITEM_UP, ACTION_REMOVE_ITEM,   ACTION_SET_SLOT,
	    ACTION_TRANSFER,	 ACTION_SAVE_PDF,      ACTION_BACK,
	    ACTION_HELP};
	static const enum action running[] = {
	    ACTION_OPEN,	   ACTION_DEFER,
	    ACTION_NOT_DISCUSSED,  ACTION_UNDO_MARK,
	    ACTION_ATTENDANCE,	   ACTION_FINISH_MEETING,
	    ACTION_MOVE_ITEM_DOWN, ACTION_MOVE_ITEM_UP,
	    ACTION_BACK,	   ACTION_HELP};
	static const enum action other[] = {ACTION_OPEN, ACTION_MINUTES,
					    ACTION_PRINT, ACTION_BACK,
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

/* The agenda can change (planned or running); else it says why not. */
static bool agenda_open_record(struct agenda_view *av)
{
	if (strcmp(av->m.status, "planned") == 0 ||
	    strcmp(av->m.status, "running") == 0)
		return true;
	ui_say(av->ui, _("The meeting is %s: its agenda is a record"),
	       model_meeting_status_label(av->m.status));
	return false;
}

/* R: the selected case off the agenda, with its reason. Not the case
 * being discussed or one decided here; at a running meeting only once
 * asked. */
static int agenda_remove(struct agenda_view *av, int index)
{
	if (!av->n || !agenda_open_record(av))
		return index;
	char refused[300];
	if (db_agenda_remove_refused(av->db, av->m.id, av->ids[index], refused,
				     sizeof(refused))) {
		ui_say(av->ui, _("Not removed: %s"), refused);
		return index;
	}
	/* the case as selected: the agenda may be read again while asked */
	long long case_id = av->ids[index];
	char ext[64];
	snprintf(ext, sizeof(ext), "%s", av->ext[index]);
	if (strcmp(av->m.status, "running") == 0) {
		char question[200];
		snprintf(question, sizeof(question),
			 _("Meeting %lld (%s %s) is running: take %s off its "
			   "agenda?"),
			 av->m.id, model_board_label(av->m.board), av->m.date,
			 ext);
		if (!ui_confirm(av->ui, question)) {
			ui_say(av->ui, _("Not removed: %s stays on the agenda"),
			       ext);
			return index;
		}
	}
	char prompt[120];
	snprintf(prompt, sizeof(prompt), _("Remove %s — why? "), ext);
	char *why = ui_prompt_checked(av->ui, prompt, "", ui_require_text,
				      _("A removal needs a reason"));
	if (!why)
		return index;
	enum tb_status st = db_agenda_remove(av->db, av->m.id, case_id, why,
					     refused, sizeof(refused));
	free(why);
	if (st == TB_OK)
		ui_say(av->ui, _("%s taken off the agenda; the reason is kept"),
		       ext);
	else if (st == TB_NOT_FOUND)
		ui_say(av->ui,
		       _("Not changed: %s is no longer on this agenda: it was "
			 "changed elsewhere meanwhile"),
		       ext);
	else
		ui_say(av->ui, _("Not removed: %s"),
		       refused[0] ? refused : status_message(st));
	view_agenda_load(av);
	return index < av->n ? index : (av->n ? av->n - 1 : 0);
}

/* A check for the slot prompt: empty (the board's) or 1–240 minutes. */
static const char *slot_check(const char *value, const void *arg)
{
	(void)arg;
	long minutes;
	if (!*value || util_parse_long(value, 1, 240, &minutes))
		return NULL;
	return _("A slot is 1–240 minutes");
}

/* P: the selected case's slot (empty: the board's) and presenter; a slot
 * out of range is asked again. */
static int agenda_slot(struct agenda_view *av, int index)
{
	if (!av->n || !agenda_open_record(av))
		return index;
	char *slot = ui_prompt_checked(
	    av->ui, _("Slot in minutes (empty: the board's): "), "", slot_check,
	    NULL);
	if (!slot)
		return index;
	long minutes = 0; /* empty: the board's */
	if (*slot)
		(void)util_parse_long(slot, 1, 240, &minutes); /* checked */
	free(slot);
	char *who = ui_prompt_line(av->ui, _("Presenter (empty: none): "), "");
	if (!who)
		return index;
	enum tb_status st = db_agenda_set(av->db, av->m.id, av->ids[index],
					  (int)minutes, util_trim(who));
	if (st == TB_OK)
		ui_say(av->ui, _("%s: %s, presenter %s"), av->ext[index],
		       minutes ? _("own slot") : _("the board's slot"),
		       *util_trim(who) ? util_trim(who)
				       : pgettext("presenter", "none"));
	else
		ui_say(av->ui, _("Not changed: %s"), status_message(st));
	free(who);
	view_agenda_load(av);
	return index;
}

/* What became of a move of case ext to meeting to (st; refused: the
 * store's reason for a refusal). */
static void agenda_moved_say(struct agenda_view *av, enum tb_status st,
			     const char *ext, long long to, const char *refused)
{
	struct tb_meeting tm;
	if (st == TB_OK && db_meeting_get(av->db, to, &tm) == TB_OK)
		ui_say(av->ui, _("%s moved to meeting %lld (%s %s)"), ext, to,
		       model_board_label(tm.board), tm.date);
	else if (st == TB_NOT_FOUND)
		ui_say(av->ui,
		       _("Not changed: %s is no longer on this agenda: it was "
			 "changed elsewhere meanwhile"),
		       ext);
	else
		/* a meeting not held says so, as an add there would */
		ui_say(av->ui, _("Not moved: %s"),
		       st == TB_INVALID && refused[0] ? refused
		       : st == TB_INVALID
			   ? _("the case is on that agenda already")
			   : status_message(st));
}

/* T: the selected case to another meeting's agenda, with the reason. */
static int agenda_transfer(struct agenda_view *av, int index)
{
	if (!av->n || !agenda_open_record(av))
		return index;
	struct tb_meeting tm;
	struct view_meeting_ask ask = {
	    .db = av->db,
	    .other_than = av->m.id,
	    .m = &tm,
	    .not_found = _("No other meeting of that number")};
	char *to_s = ui_prompt_checked(av->ui, _("Move to meeting number: "),
				       "", view_meeting_check, &ask);
	if (!to_s)
		return index;
	long long to = util_parse_id(util_trim(to_s));
	free(to_s);
	char *why = ui_prompt_checked(av->ui, _("Why? "), "", ui_require_text,
				      _("A move needs a reason"));
	if (!why)
		return index;
	char key[16], refused[300] = "";
	bool overridable = false;
	long long case_id = av->ids[index];
	enum tb_status st =
	    db_agenda_transfer(av->db, av->m.id, case_id, to, why, false, NULL,
			       refused, sizeof(refused), &overridable);
	if (st == TB_INVALID && overridable) {
		/* O, as the next key, moves it with the override's reason */
		view_agenda_forget(av);
		av->refused =
		    (struct agenda_refusal){.case_id = case_id, .to = to};
		snprintf(av->refused.ext, sizeof(av->refused.ext), "%s",
			 av->ext[index]);
		av->refused.why = why;
		ui_say(av->ui,
		       _("Not moved: %s. %s: move it anyway, with a reason"),
		       refused, view_agenda_key(av, ACTION_OVERRIDE, key));
	} else {
		agenda_moved_say(av, st, av->ext[index], to, refused);
		free(why);
	}
	view_agenda_load(av);
	return index < av->n ? index : (av->n ? av->n - 1 : 0);
}

void view_agenda_forget(struct agenda_view *av)
{
	free(av->refused.why);
	memset(&av->refused, 0, sizeof(av->refused));
}

/* Any key but O forgets a refused move. */
static void agenda_saw_key(struct ui *ui, void *arg, int key)
{
	struct agenda_view *av = arg;
	if (av->refused.case_id && keymap_lookup(&ui->keys, KEYMAP_VIEW_AGENDA,
						 key) != ACTION_OVERRIDE)
		view_agenda_forget(av);
}

/* O right after a move an override lets through: the move again, with
 * the override's reason asked; recorded as --override records it. A
 * case no longer on this agenda (changed elsewhere) is said so. */
static int agenda_override(struct agenda_view *av, int index)
{
	struct agenda_refusal r = av->refused;
	memset(&av->refused, 0, sizeof(av->refused));
	if (!r.case_id)
		return index; /* no refusal to override */
	char prompt[160], refused[300] = "";
	snprintf(prompt, sizeof(prompt),
		 _("Move %s anyway — the override's reason: "), r.ext);
	char *ov = ui_prompt_checked(av->ui, prompt, "", ui_require_text,
				     _("An override needs a reason"));
	if (ov) /* Esc: nothing moved */
		agenda_moved_say(av,
				 db_agenda_transfer(av->db, av->m.id, r.case_id,
						    r.to, r.why, false,
						    util_trim(ov), refused,
						    sizeof(refused), NULL),
				 r.ext, r.to, refused);
	free(ov);
	free(r.why);
	view_agenda_load(av);
	return index < av->n ? index : (av->n ? av->n - 1 : 0);
}

/* M: the minutes, as the command line prints them. */
static int agenda_minutes(struct agenda_view *av, int index)
{
	struct app *app = av->ui->app;
	char msg[200] = "";
	app_need_forms(app, msg, sizeof(msg));
	struct textdoc *doc = xcalloc(1, sizeof(*doc));
	textdoc_init(doc, term_cols() - 1);
	if (minutes_build(av->db, &app->boards, &app->forms, av->m.id, doc) ==
	    TB_OK) {
		char title[160];
		snprintf(title, sizeof(title),
			 _("tumorboard — minutes of meeting %lld, %s %s"),
			 av->m.id, av->m.date, model_board_label(av->m.board));
		view_doc_show(av->ui, title, KEYMAP_VIEW_CASE, doc);
	} else
		ui_say(av->ui, _("The minutes could not be read"));
	textdoc_done(doc);
	free(doc);
	return index;
}

/* The agenda's own actions: start, finish, defer, not discussed, undo,
 * and J and K, which move the selected case down or up. */
static int agenda_act(struct ui *ui, void *arg, enum action a, int index)
{
	struct agenda_view *av = arg;
	int to;
	/* planning is for the boards the user belongs to */
	enum perm p;
	if (perm_for_view_action("agenda", a, &p) && p == PERM_MEETING_PLAN &&
	    !view_permit_board(ui, a, av->m.board))
		return index;
	/* an empty agenda: what acts on the meeting still does (index -1),
	 * what acts on a case has none */
	if (index < 0 && a != ACTION_START_MEETING &&
	    a != ACTION_FINISH_MEETING && a != ACTION_MINUTES &&
	    a != ACTION_PRINT && a != ACTION_SAVE_PDF &&
	    a != ACTION_ATTENDANCE && a != ACTION_FOLLOW)
		return -1;
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
	case ACTION_MINUTES:
		return agenda_minutes(av, index);
	case ACTION_PRINT:
		if (strcmp(av->m.status, "planned") == 0 ||
		    strcmp(av->m.status, "running") == 0)
			return view_agenda_print(av, index);
		/* the patient summaries: what printing a summary needs */
		if (!view_permit(ui, ACTION_PRINT, 0))
			return index;
		return view_agenda_print_all(av, index);
	case ACTION_SAVE_PDF:
		return view_agenda_save_pdf(av, index);
	case ACTION_REMOVE_ITEM:
		return agenda_remove(av, index);
	case ACTION_SET_SLOT:
		return agenda_slot(av, index);
	case ACTION_TRANSFER:
		return agenda_transfer(av, index);
	case ACTION_OVERRIDE:
		return agenda_override(av, index);
	case ACTION_ATTENDANCE:
		view_attend_push(av->ui, av->m.id);
		return index;
	case ACTION_COVER: /* the attendance's keys, which it shares */
	case ACTION_LEAVE:
		ui_say(ui,
		       _("Arrivals and departures are recorded in the "
			 "attendance: press %s"),
		       ui_key_name(ui, KEYMAP_VIEW_AGENDA, ACTION_ATTENDANCE,
				   (char[16]){0}));
		return index;
	case ACTION_FOLLOW:
		view_follow_push(av->ui, av->m.id);
		return index;
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
		       _("The meeting is %s: its agenda can no longer be "
			 "reordered"),
		       model_meeting_status_label(av->m.status));
		return index;
	}
	if (to < 0 || to >= av->n)
		return index;
	enum tb_status mst =
	    db_agenda_move(av->db, av->m.id, av->ids[index], to + 1);
	if (mst != TB_OK) {
		ui_say(av->ui, _("Could not move: %s"),
		       mst == TB_DB ? db_errmsg(av->db) : status_message(mst));
		return index;
	}
	view_agenda_load(av);
	return to;
}

/* The store changed: the agenda again (a case decided, deferred or
 * moved elsewhere); a refused move whose case has left it meanwhile is
 * said so and forgotten: there is nothing left to override. */
static void agenda_reload(struct ui *ui, void *arg)
{
	struct agenda_view *av = arg;
	view_agenda_load(av);
	bool here = false;
	for (int i = 0; av->refused.case_id && i < av->n; i++)
		here = here || av->ids[i] == av->refused.case_id;
	if (av->refused.case_id && !here) {
		ui_say(ui,
		       _("Not changed: %s is no longer on this agenda: it was "
			 "changed elsewhere meanwhile"),
		       av->refused.ext);
		view_agenda_forget(av);
	}
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
	view_agenda_free_ids(av);
	view_agenda_forget(av);
	free(av);
}

bool view_agenda_push(struct ui *ui, long long meeting_id)
{
	struct agenda_view *av = xcalloc(1, sizeof(*av));
	av->ui = ui;
	av->db = ui->app->db;
	av->m.id = meeting_id;
	/* opened again while nothing changed: as it was built */
	bool kept = view_agenda_take_kept(av, agenda_narrow());
	if (kept && strcmp(av->m.status, "running") == 0)
		view_agenda_live_title(av);
	if (!kept && !view_agenda_load(av)) {
		agenda_free(ui, av);
		return false;
	}
	struct row_spec s = {.name = "agenda",
			     .title_of = agenda_title,
			     .heading = av->heading,
			     .keymap = KEYMAP_VIEW_AGENDA,
			     .rl = &av->rl,
			     .empty = _("No cases on this agenda."),
			     .open = agenda_open,
			     .act = agenda_act,
			     .detail = agenda_detail,
			     .legend = agenda_legend,
			     .hints = agenda_hints,
			     .tick = agenda_tick,
			     .reload = agenda_reload,
			     .subject = agenda_subject,
			     .ticks = agenda_ticks,
			     .saw_key = agenda_saw_key,
			     .free_arg = agenda_free,
			     .arg = av};
	view_rows_push(ui, &s);
	if (model_meeting_past(&av->m, clock_now())) {
		/* its cases wait on it: what can be done, said at once */
		char st[16], ed[16], ca[16];
		ui_say(ui,
		       _("Not held: its time passed while it was planned. %s "
			 "starts it if it is held now; on the meetings list %s "
			 "moves it to another day and %s cancels it (its cases "
			 "go back to the referral queue)"),
		       view_agenda_key(av, ACTION_START_MEETING, st),
		       ui_key_name(ui, KEYMAP_VIEW_MEETINGS,
				   ACTION_EDIT_MEETING, ed),
		       ui_key_name(ui, KEYMAP_VIEW_MEETINGS,
				   ACTION_CANCEL_MEETING, ca));
	}
	return true;
}

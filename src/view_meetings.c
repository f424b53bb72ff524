/*
 * The meetings: planned, running, finished and cancelled, each with its
 * readiness; Enter opens the meeting's agenda. a plans a meeting, e
 * changes a planned one and C cancels it: each field is asked in turn on
 * the status line and checked as it is typed in (the rules of meeting
 * add), so what is stored is what the command line would store.
 */
#include "view_meetings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "db_access.h"
#include "db_meeting.h"
#include "db_user.h"
#include "fts_word.h"
#include "model.h"
#include "perm.h"
#include "validate.h"
#include "i18n.h"
#include "readiness.h"
#include "render.h"
#include "status.h"
#include "term.h"
#include "user.h"
#include "util.h"
#include "view.h"
#include "view_agenda.h"
#include "view_follow.h"
#include "view_rows.h"

struct meetings_view {
	struct ui *ui;
	struct db *db;
	const struct boards *boards;
	struct readiness_memo *memo; /* the ui's: kept between openings */
	long long *ids;
	struct tb_meeting *ms; /* per row: the meeting, until its row is made */
	char **where; /* per row: place and chair, for the detail line */
	int n;
	bool place; /* the place in the row: wide enough for it */
	int tier;   /* the columns left out (render_meeting_tight) */
	int cols;   /* the width the rows were made for */
	struct row_list rl;
	char heading[200];
	char empty[200]; /* what the list says with no meeting in it */
	char title[200];
	/* the window read (db_meeting_window): the past meetings held or
	 * cancelled it goes back over, and whether there are earlier ones */
	int past;
	bool earlier;
	char today[11], first_date[11];
	int ahead; /* the first row from today on, or running; -1: none */
};

/* The past meetings a list opened goes back over, and how many more are
 * read each time the selection moves up from the first row. */
#define MEETINGS_PAST	 30
#define MEETINGS_EARLIER 50

/* The place needs columns 76 and on: below 100 it is on the detail line
 * of the selected meeting only. */
static bool meetings_wide(void)
{
	return term_cols() >= 100;
}

/* Whether the list may open on m: today's or later, or running. */
static bool meeting_ahead(const struct tb_meeting *m, const char *today)
{
	return strcmp(m->date, today) >= 0 || strcmp(m->status, "running") == 0;
}

static bool meetings_collect(const struct tb_meeting *m, void *arg)
{
	struct meetings_view *mv = arg;
	/* the first held or cancelled before today: where the window of
	 * those begins (one still to be held is read whatever its date) */
	if (!mv->first_date[0] && db_meeting_closed_before(m, mv->today))
		snprintf(mv->first_date, sizeof(mv->first_date), "%s", m->date);
	if (mv->ahead < 0 && meeting_ahead(m, mv->today))
		mv->ahead = mv->n;
	mv->ids = xrealloc(mv->ids, (size_t)(mv->n + 1) * sizeof(long long));
	mv->where = xrealloc(mv->where, (size_t)(mv->n + 1) * sizeof(char *));
	if (m->location[0] && m->chair[0])
		mv->where[mv->n] = xasprintf(_("Place: %s · Chair: %s"),
					     m->location, m->chair);
	else if (m->location[0])
		mv->where[mv->n] = xasprintf(_("Place: %s"), m->location);
	else if (m->chair[0])
		mv->where[mv->n] = xasprintf(_("Chair: %s"), m->chair);
	else
		mv->where[mv->n] = xstrdup("");
	mv->ms = xrealloc(mv->ms, (size_t)(mv->n + 1) * sizeof(*mv->ms));
	mv->ms[mv->n] = *m;
	mv->ids[mv->n++] = m->id;
	return true;
}

/* The window as last read (ui->meetings_kept): the list opened again
 * while the data, the day and the window asked stay reads no meeting
 * (another terminal's change moves the data version). */
struct meetings_kept {
	unsigned long long other, own;
	char today[11];
	int past;
	bool earlier;
	struct tb_meeting *ms;
	size_t n;
};

void view_meetings_kept_done(struct ui *ui)
{
	struct meetings_kept *k = ui->meetings_kept;
	if (k)
		free(k->ms);
	free(k);
	ui->meetings_kept = NULL;
}

struct kept_read {
	struct meetings_kept *k;
	bool (*cb)(const struct tb_meeting *m, void *arg);
	void *arg;
	bool whole; /* cb took every one */
};

static bool kept_collect(const struct tb_meeting *m, void *arg)
{
	struct kept_read *kr = arg;
	struct meetings_kept *k = kr->k;
	k->ms = xrealloc(k->ms, (k->n + 1) * sizeof(*k->ms));
	k->ms[k->n++] = *m;
	kr->whole = kr->cb(m, kr->arg);
	return kr->whole;
}

/* db_meeting_window, from the kept window where it stands. */
static enum tb_status
window_kept(struct ui *ui, struct db *db, const char *today, int past,
	    bool *earlier, bool (*cb)(const struct tb_meeting *m, void *arg),
	    void *arg)
{
	unsigned long long other = 0, own = 0;
	bool versioned = db_data_version(db, &other, &own) == TB_OK;
	const struct meetings_kept *k = ui->meetings_kept;
	if (versioned && k && k->other == other && k->own == own &&
	    k->past == past && strcmp(k->today, today) == 0) {
		*earlier = k->earlier;
		for (size_t i = 0; i < k->n && cb(&k->ms[i], arg); i++)
			;
		return TB_OK;
	}
	view_meetings_kept_done(ui);
	struct kept_read kr = {xcalloc(1, sizeof(*kr.k)), cb, arg, true};
	enum tb_status st =
	    db_meeting_window(db, today, past, earlier, kept_collect, &kr);
	if (st == TB_OK && versioned && kr.whole) {
		kr.k->other = other;
		kr.k->own = own;
		snprintf(kr.k->today, sizeof(kr.k->today), "%s", today);
		kr.k->past = past;
		kr.k->earlier = *earlier;
		ui->meetings_kept = kr.k;
	} else {
		free(kr.k->ms);
		free(kr.k);
	}
	return st;
}

/* The meetings and their rows, each with its readiness (the agendas of
 * the whole list read at once). */
static enum tb_status meetings_read(struct meetings_view *mv)
{
	clock_today(mv->today);
	mv->ahead = -1;
	mv->first_date[0] = '\0';
	enum tb_status st = window_kept(mv->ui, mv->db, mv->today, mv->past,
					&mv->earlier, meetings_collect, mv);
	size_t n = (size_t)mv->n;
	int *ready = xcalloc(n ? n : 1, sizeof(int));
	int *count = xcalloc(n ? n : 1, sizeof(int));
	if (st != TB_OK ||
	    readiness_meetings_kept(mv->memo, mv->db, mv->boards, mv->ms, n,
				    ready, count) != TB_OK)
		for (size_t i = 0; i < n; i++)
			ready[i] = -1;
	for (size_t i = 0; i < n; i++) {
		struct textdoc doc;
		textdoc_init(&doc, 300);
		render_meeting_row_tight(&mv->ms[i], ready[i], mv->tier,
					 mv->place, &doc);
		/* the place, last, ends after a whole word */
		row_list_add(&mv->rl, mv->place
					  ? util_fit_words(doc.lines[0].text,
							   mv->cols - 2)
					  : xstrdup(doc.lines[0].text));
		textdoc_done(&doc);
	}
	free(ready);
	free(count);
	free(mv->ms);
	mv->ms = NULL;
	return st;
}

static void meetings_clear(struct meetings_view *mv)
{
	row_list_done(&mv->rl);
	for (int i = 0; i < mv->n; i++)
		free(mv->where[i]);
	free(mv->where);
	mv->where = NULL;
	free(mv->ids);
	mv->ids = NULL;
	free(mv->ms);
	mv->ms = NULL;
	mv->n = 0;
}

/* The heading of the columns the rows have: under 80 columns, of those
 * left in (render_meeting_tight). */
static void meetings_heading(struct meetings_view *mv)
{
	struct strbuf sb;
	strbuf_init(&sb);
	render_meeting_heading(
	    _("#     Date              Board       Level     "
	      "Status    Cases"),
	    mv->place ? _("               Place") : NULL, mv->tier, &sb);
	snprintf(mv->heading, sizeof(mv->heading), "%s", sb.buf);
	strbuf_done(&sb);
}

/* The place and the columns the screen is wide enough for. */
static void meetings_layout(struct meetings_view *mv)
{
	mv->place = meetings_wide();
	mv->tier = render_meeting_tight(term_cols());
	mv->cols = term_cols();
}

/* The store changed (a meeting planned, started or finished elsewhere). */
static void meetings_reload(struct ui *ui, void *arg)
{
	(void)ui;
	struct meetings_view *mv = arg;
	meetings_clear(mv);
	meetings_layout(mv);
	meetings_heading(mv);
	meetings_read(mv);
}

/* The title says where the rows begin when earlier meetings are not
 * read: a decade of them is not one list. */
static const char *meetings_title(struct ui *ui, void *arg)
{
	(void)ui;
	struct meetings_view *mv = arg;
	if (!mv->earlier || !mv->first_date[0])
		return _("tumorboard — meetings");
	snprintf(mv->title, sizeof(mv->title),
		 /* TRANSLATORS: %s is the date of the first meeting held (or
		  * cancelled) the list shows; Up on the first row reads the
		  * ones before it */
		 _("tumorboard — meetings held since %s  Up at the top: "
		   "earlier"),
		 mv->first_date);
	return mv->title;
}

/* Up from the first row: MEETINGS_EARLIER more past meetings read above
 * it; how many rows came before the row that was first. */
static int meetings_more(struct ui *ui, void *arg)
{
	struct meetings_view *mv = arg;
	if (!mv->earlier || !mv->n)
		return 0;
	long long first = mv->ids[0];
	mv->past += MEETINGS_EARLIER;
	meetings_reload(ui, mv);
	for (int i = 0; i < mv->n; i++)
		if (mv->ids[i] == first)
			return i;
	return 0;
}

static const char *meetings_detail(struct ui *ui, void *arg, int index)
{
	(void)ui;
	struct meetings_view *mv = arg;
	return index >= 0 && index < mv->n ? mv->where[index] : "";
}

/* Across 100 columns the place moves into the rows or out of them;
 * under 80, whole columns. */
static void meetings_resize(struct ui *ui, void *arg)
{
	struct meetings_view *mv = arg;
	if (mv->place != meetings_wide() ||
	    mv->tier != render_meeting_tight(term_cols()) ||
	    (mv->place && mv->cols != term_cols()))
		meetings_reload(ui, mv);
}

static int meetings_open(struct ui *ui, void *arg, int *index)
{
	struct meetings_view *mv = arg;
	view_agenda_push(ui, mv->ids[*index]);
	return 0;
}

/* The checks of each field (ui_prompt_checked): NULL when the value will
 * do, else what is wrong. The date's arg is the app: its clock says what
 * today is. */
static const char *check_date(const char *v, const void *arg)
{
	static char why[160];
	char err[VALIDATE_ERR_MAX], today[11];
	if (!validate_date(v, NULL, err)) {
		snprintf(why, sizeof(why), "%s", err);
		return why;
	}
	app_today(arg, today);
	return db_meeting_date_ok(v, today, why, sizeof(why)) ? NULL : why;
}

static const char *check_time(const char *v, const void *arg)
{
	(void)arg;
	bool ok = strlen(v) == 5 && v[2] == ':' && v[0] >= '0' && v[0] <= '2' &&
		  v[1] >= '0' && v[1] <= '9' && v[3] >= '0' && v[3] <= '5' &&
		  v[4] >= '0' && v[4] <= '9' &&
		  (v[0] - '0') * 10 + (v[1] - '0') < 24;
	return ok ? NULL : _("Start wants HH:MM");
}

static const char *check_length(const char *v, const void *arg)
{
	(void)arg;
	long n;
	return util_parse_long(v, 10, 600, &n) ? NULL
					       : _("Length: minutes, 10–600");
}

/* Whether typed names name: case and accents aside (fts_word_folded). */
static bool same_name(const char *typed, const char *name)
{
	struct strbuf a = {0}, b = {0};
	fts_word_folded(&a, typed, strlen(typed), true);
	fts_word_folded(&b, name, strlen(name), true);
	bool same = a.len == b.len && (!a.len || !strcmp(a.buf, b.buf));
	strbuf_done(&a);
	strbuf_done(&b);
	return same;
}

/* The board typed: its id, or its name as the meetings list shows it in
 * the interface's language (model_board_label); NULL when none is. */
static const struct board *board_typed(const struct boards *bs, const char *v)
{
	for (size_t i = 0; *v && i < bs->n; i++)
		if (same_name(v, bs->b[i].id) ||
		    same_name(v, model_board_label(bs->b[i].id)))
			return &bs->b[i];
	return NULL;
}

/* The level typed, by its code or its word in the interface's language
 * (model_level_label); NULL when none. */
static const char *level_typed(const char *v)
{
	for (size_t i = 0; *v && model_levels[i]; i++)
		if (same_name(v, model_levels[i]) ||
		    same_name(v, model_level_label(model_levels[i])))
			return model_levels[i];
	return NULL;
}

static const char *check_board(const char *v, const void *arg)
{
	static char why[400];
	const struct boards *bs = arg;
	if (board_typed(bs, v))
		return NULL;
	struct strbuf sb = {0};
	for (size_t i = 0; i < bs->n; i++)
		strbuf_printf(&sb, "%s%s", i ? ", " : "",
			      model_board_label(bs->b[i].id));
	snprintf(why, sizeof(why),
		 /* TRANSLATORS: a board typed that no board is: the
		  * boards as the meetings list names them */
		 _("Boards: %s"), sb.len ? sb.buf : "");
	strbuf_done(&sb);
	return why;
}

static const char *check_level(const char *v, const void *arg)
{
	(void)arg;
	static char why[160];
	if (level_typed(v))
		return NULL;
	snprintf(why, sizeof(why), _("Level: %s, %s or %s"),
		 model_level_label("local"), model_level_label("regional"),
		 model_level_label("national"));
	return why;
}

static const char *check_line(const char *v, const void *arg)
{
	(void)arg;
	const char *bad;
	if (strlen(v) > 200)
		return _("At most 200 bytes");
	return util_text_check(v, false, &bad) ? NULL : bad;
}

/* The chair's field: one line, and not a user who may not sign the
 * meeting's decisions (perm_chair_refused). arg: the app. */
static const char *check_chair(const char *v, const void *arg)
{
	static char why[400];
	const char *bad = check_line(v, NULL);
	if (bad)
		return bad;
	const struct app *app = arg;
	return perm_chair_refused(app->db, perm_session_roles(), v, why,
				  sizeof(why))
		   ? why
		   : NULL;
}

/* A meeting planned for board b: its level, place and chair (the fields
 * asked after the board) offered as the board's last meeting had them;
 * as they were when it has none. */
static void offer_usual(struct db *db, struct tb_meeting *m,
			const struct board *b)
{
	struct tb_meeting last;
	if (db_meeting_last_of_board(db, b->id, &last) != TB_OK)
		return;
	snprintf(m->level, sizeof(m->level), "%s",
		 model_level_label(last.level));
	snprintf(m->location, sizeof(m->location), "%s", last.location);
	snprintf(m->chair, sizeof(m->chair), "%s", last.chair);
}

/* Asks every field of m in turn, each offered as it is; false when one
 * is cancelled (Esc). A meeting planned (usual: the archive) is offered
 * the level, place and chair of its board's last meeting once the board
 * is answered. */
static bool ask_meeting(struct ui *ui, struct tb_meeting *m,
			const struct boards *bs, struct db *usual)
{
	struct field {
		const char *prompt;
		char *value;
		size_t size;
		const char *(*check)(const char *, const void *);
		const void *arg;
	};
	char length[16];
	snprintf(length, sizeof(length), "%d", m->length_min);
	/* the board and the level offered and typed in the interface's
	 * words, kept as their codes */
	snprintf(m->board, sizeof(m->board), "%s", model_board_label(m->board));
	snprintf(m->level, sizeof(m->level), "%s", model_level_label(m->level));
	struct field f[] = {
	    {_("Date (YYYY-MM-DD): "), m->date, sizeof(m->date), check_date,
	     ui->app},
	    {_("Start (HH:MM): "), m->start_time, sizeof(m->start_time),
	     check_time, NULL},
	    {_("Length in minutes: "), length, sizeof(length), check_length,
	     NULL},
	    {_("Board: "), m->board, sizeof(m->board), check_board, bs},
	    /* TRANSLATORS: the level's three words as the interface shows
	     * them (MDK level); each, or its English word, is taken */
	    {_("Level (local, regional, national): "), m->level,
	     sizeof(m->level), check_level, NULL},
	    {_("Place (room or video link; may be empty): "), m->location,
	     sizeof(m->location), check_line, NULL},
	    {_("Chair (may be empty): "), m->chair, sizeof(m->chair),
	     check_chair, ui->app}};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(f); i++) {
		char *v = ui_prompt_checked(ui, f[i].prompt, f[i].value,
					    f[i].check, f[i].arg);
		if (!v)
			return false;
		snprintf(f[i].value, f[i].size, "%s", util_trim(v));
		free(v);
		const struct board *b = usual && f[i].value == m->board
					    ? board_typed(bs, m->board)
					    : NULL;
		if (b)
			offer_usual(usual, m, b);
	}
	m->length_min = atoi(length);
	const struct board *b = board_typed(bs, m->board);
	snprintf(m->board, sizeof(m->board), "%s", b ? b->id : "");
	const char *level = level_typed(m->level);
	snprintf(m->level, sizeof(m->level), "%s", level ? level : "");
	return true;
}

static int meetings_act(struct ui *ui, void *arg, enum action a, int index)
{
	struct meetings_view *mv = arg;
	struct tb_meeting m = {0};
	enum tb_status st;
	long long select = 0; /* the meeting planned or changed: selected */
	switch (a) {
	case ACTION_PLAN_MEETING:
		/* today, the usual morning slot, the first board: each asked */
		app_today(ui->app, m.date);
		snprintf(m.start_time, sizeof(m.start_time), "08:00");
		m.length_min = 60;
		snprintf(m.board, sizeof(m.board), "%s",
			 mv->boards->n ? mv->boards->b[0].id : "");
		snprintf(m.level, sizeof(m.level), "regional");
		if (!ask_meeting(ui, &m, mv->boards, mv->db)) {
			ui_say(ui, _("Not planned"));
			return index;
		}
		if (!view_permit_board(ui, a, m.board))
			return index;
		if (db_meeting_clash(mv->db, &m) > 0) {
			ui_say(ui,
			       _("Not planned: the board meets at that time "
				 "already (meeting %lld)"),
			       db_meeting_clash(mv->db, &m));
			return index;
		}
		st = db_meeting_create(mv->db, &m);
		if (st == TB_OK) {
			ui_say(ui, _("Meeting %lld planned: %s %s %s"), m.id,
			       m.date, m.start_time,
			       model_board_label(m.board));
			select = m.id;
		} else
			ui_say(ui, _("Not planned: %s"), status_message(st));
		break;
	case ACTION_FOLLOW:
		if (mv->n)
			view_follow_push(ui, mv->ids[index]);
		return index;
	case ACTION_EDIT_MEETING:
	case ACTION_CANCEL_MEETING:
		if (!mv->n ||
		    db_meeting_get(mv->db, mv->ids[index], &m) != TB_OK)
			return index;
		if (strcmp(m.status, "planned") != 0) {
			ui_say(ui,
			       _("Meeting %lld is %s: only a planned meeting "
				 "can be changed or cancelled"),
			       m.id, model_meeting_status_label(m.status));
			return index;
		}
		/* the board it is planned for, and any it moves to */
		if (!view_permit_board(ui, a, m.board))
			return index;
		if (a == ACTION_EDIT_MEETING) {
			if (!ask_meeting(ui, &m, mv->boards, NULL)) {
				ui_say(ui, _("Not changed"));
				return index;
			}
			if (!view_permit_board(ui, a, m.board))
				return index;
			if (db_meeting_clash(mv->db, &m) > 0) {
				ui_say(ui,
				       _("Not changed: the board meets at that "
					 "time already (meeting %lld)"),
				       db_meeting_clash(mv->db, &m));
				return index;
			}
			st = db_meeting_update(mv->db, &m);
			select = st == TB_OK ? m.id : 0;
			ui_say(ui,
			       st == TB_OK ? _("Meeting %lld changed")
					   : _("Meeting %lld not changed"),
			       m.id);
		} else {
			char *why = ui_prompt_checked(
			    ui, _("Cancel the meeting — why? "), "",
			    ui_require_text,
			    _("A cancellation needs a reason"));
			if (!why)
				return index;
			st = db_meeting_cancel(mv->db, m.id, util_trim(why));
			free(why);
			ui_say(ui,
			       st == TB_OK
				   ? _("Meeting %lld cancelled; its cases "
				       "are back in the referral queue")
				   : _("Meeting %lld not cancelled"),
			       m.id);
		}
		break;
	default:
		return -1;
	}
	meetings_reload(ui, mv);
	for (int i = 0; select && i < mv->n; i++)
		if (mv->ids[i] == select)
			return i;
	return index < mv->n ? index : (mv->n ? mv->n - 1 : 0);
}

static const enum action *meetings_hints(struct ui *ui, void *arg, size_t *n)
{
	static const enum action acts[] = {
	    ACTION_OPEN,	 ACTION_PLAN_MEETING,
	    ACTION_EDIT_MEETING, ACTION_CANCEL_MEETING,
	    ACTION_BACK,	 ACTION_FOLLOW,
	    ACTION_HELP};
	(void)ui;
	(void)arg;
	*n = UTIL_ARRAY_LEN(acts);
	return acts;
}

static void meetings_free(struct ui *ui, void *arg)
{
	(void)ui;
	meetings_clear(arg);
	free(arg);
}

static bool ahead_collect(const struct tb_meeting *m, void *arg)
{
	struct meetings_view *mv = arg;
	mv->ms = xrealloc(mv->ms, (size_t)(mv->n + 1) * sizeof(*mv->ms));
	mv->ms[mv->n++] = *m;
	return true;
}

/* The cases of an agenda read ahead (as many as a care read holds). */
struct agenda_cases {
	long long ids[DB_ACCESS_PREFETCH];
	size_t n;
};

static bool agenda_case(long long meeting_id, long long case_id, bool decided,
			void *arg)
{
	struct agenda_cases *ac = arg;
	(void)meeting_id;
	(void)decided;
	if (ac->n < UTIL_ARRAY_LEN(ac->ids))
		ac->ids[ac->n++] = case_id;
	return ac->n < UTIL_ARRAY_LEN(ac->ids);
}

void view_meetings_ahead(struct ui *ui)
{
	struct meetings_view mv = {.db = ui->app->db,
				   .boards = &ui->app->boards};
	char today[11];
	clock_today(today);
	bool earlier;
	/* the window the list reads when it opens: its readiness kept */
	if (window_kept(ui, mv.db, today, MEETINGS_PAST, &earlier,
			ahead_collect, &mv) == TB_OK &&
	    mv.n) {
		int *ready = xcalloc((size_t)mv.n, sizeof(int));
		int *count = xcalloc((size_t)mv.n, sizeof(int));
		(void)readiness_meetings_kept(&ui->meetings_ready, mv.db,
					      mv.boards, mv.ms, (size_t)mv.n,
					      ready, count);
		/* the agenda the list selects first, an Enter away: its
		 * first opening logs its cases (as many as its screen
		 * shows) in one INSERT of that many rows */
		int first = mv.n - 1;
		for (int i = mv.n - 1; i >= 0; i--)
			if (meeting_ahead(&mv.ms[i], today))
				first = i;
		db_access_warm(mv.db, (size_t)count[first]);
		/* and the care facts that log needs (db_user_care_ahead) */
		struct agenda_cases ac = {.n = 0};
		if (db_agenda_listed(mv.db, &mv.ms[first].id, 1, agenda_case,
				     &ac) == TB_OK)
			(void)db_user_care_ahead(mv.db, user_current(), ac.ids,
						 ac.n);
		free(ready);
		free(count);
	}
	free(mv.ms);
}

void view_meetings_push(struct ui *ui)
{
	struct meetings_view *mv = xcalloc(1, sizeof(*mv));
	mv->ui = ui;
	mv->db = ui->app->db;
	mv->boards = &ui->app->boards;
	mv->memo = &ui->meetings_ready;
	mv->past = MEETINGS_PAST;
	meetings_layout(mv);
	meetings_heading(mv);
	if (meetings_read(mv) != TB_OK) {
		meetings_free(ui, mv);
		return;
	}
	/* with none, how to plan one: the key as bound, to a user who may */
	const struct user *u = user_current();
	const struct roles *rs = perm_session_roles();
	char key[16];
	if (!u || !rs || perm_user_has(rs, u, PERM_MEETING_PLAN))
		snprintf(mv->empty, sizeof(mv->empty),
			 _("No meetings planned. Press %s to plan one."),
			 ui_key_name(ui, KEYMAP_VIEW_MEETINGS,
				     ACTION_PLAN_MEETING, key));
	else
		snprintf(mv->empty, sizeof(mv->empty), "%s",
			 _("No meetings planned."));
	struct row_spec s = {.name = "meetings",
			     .title_of = meetings_title,
			     .heading = mv->heading,
			     .keymap = KEYMAP_VIEW_MEETINGS,
			     .rl = &mv->rl,
			     .empty = mv->empty,
			     .open = meetings_open,
			     .act = meetings_act,
			     .detail = meetings_detail,
			     .on_resize = meetings_resize,
			     .hints = meetings_hints,
			     .reload = meetings_reload,
			     .free_arg = meetings_free,
			     .more_above = meetings_more,
			     /* today's meetings, not the archive's first */
			     .sel = mv->ahead >= 0 ? mv->ahead : mv->n - 1,
			     .arg = mv};
	view_rows_push(ui, &s);
}

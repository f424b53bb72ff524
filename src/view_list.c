/*
 * The case list and the referral queue (the same list, filtered to every
 * open case that no meeting to come lists: r opens it as a view of its
 * own above the list, and r or Esc goes back to the list as it was). It
 * pages through the store a screenful at a time, never the whole
 * archive; `/` filters incrementally by full-text search.
 */
#include "view_list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "app.h"
#include "clock.h"
#include "db_case.h"
#include "db_meeting.h"
#include "db_user.h"
#include "i18n.h"
#include "perm.h"
#include "readiness.h"
#include "render.h"
#include "status.h"
#include "term.h"
#include "user.h"
#include "util.h"
#include "view.h"
#include "view_followup.h"
#include "view_list_internal.h"
#include "view_meetings.h"
#include "view_refused.h"

static void queue_push(struct ui *ui, const char *search);

/* The list limited to the user's care (tumorboard-roles(5)). */
static void list_care(struct list *l)
{
	if (perm_list_care(&l->care))
		l->f.care = &l->care.c;
}

/* Whether case id is marked. */
static bool list_is_marked(const struct list *l, long long id)
{
	for (size_t k = 0; k < l->n_marked; k++)
		if (l->marked[k] == id)
			return true;
	return false;
}

/* The list without a search set aside as a search begins (its rows
 * read lately, its count, the stamp they were read at). */
static void list_set_aside(struct list *l)
{
	list_run_forget(&l->all.run);
	l->all.run = l->run;
	memset(&l->run, 0, sizeof(l->run));
	l->all.n = l->n;
	l->all.read = l->read;
	l->all.kept = true;
}

/* The search cleared: the list set aside back, when nothing changed
 * since it was read (true), else let go. */
static bool list_take_back(struct list *l)
{
	bool back = l->all.kept && list_stamp_same(&l->all.read, &l->read);
	if (back) {
		list_run_forget(&l->run);
		l->run = l->all.run;
		memset(&l->all.run, 0, sizeof(l->all.run));
		l->n = l->all.n;
	}
	list_run_forget(&l->all.run);
	l->all.kept = false;
	return back;
}

/* Shows only the cases matching text (full text; "" shows all). store is
 * the buffer the filter points into. */
static void list_filter(struct list *l, char *store, const char *text)
{
	bool was_all = !l->f.text;
	if (store != text)
		snprintf(store, LINEEDIT_MAX, "%s", text);
	l->f.text = store[0] ? store : NULL;
	if (was_all && l->f.text && l->read.ok)
		list_set_aside(l);
	list_versioned(l);
	if (!l->f.text && list_take_back(l)) {
		list_home(l); /* from its rows read lately */
		return;
	}
	/* the count and the first screen in one go */
	static struct page np;
	struct db_case_filter f = l->f;
	f.limit = l->body < PAGE_MAX ? l->body : PAGE_MAX;
	np.n = 0;
	list_run_forget(&l->run);
	list_run_check(&l->run, list_layout(), i18n_language());
	if (list_count_first(l->db, &f, collect_row, &np, &l->n) == TB_OK &&
	    !f.care)
		list_run_keep(&l->run, DB_KEY_NONE, 0, f.limit, &np);
	list_replace(l, &np);
	l->top = 0;
	l->sel = 0;
}

/* The selected case's readiness line, above the status line; after a
 * step, a case not read yet is read with the rows after it in the
 * direction moved. */
static void draw_list_readiness(struct ui *ui, struct list *l)
{
	long long id = l->pg.ids[l->sel], ahead[LIST_READY_AHEAD];
	int dir = l->dir;
	size_t most = db_case_ready_ahead(l->db);
	size_t n = dir ? list_run_ids(&l->run, id, dir, ahead, most) : 0;
	/* a list not kept in the run (the user's care): the window's */
	if (dir && !n)
		for (int i = l->sel; i >= 0 && i < l->pg.n && n < most;
		     i += dir)
			ahead[n++] = l->pg.ids[i];
	const struct ready_line *r =
	    list_ready_line(ui, &l->ready, id, ahead, n);
	if (!r)
		return;
	/* one line: what does not fit ends in "…", not in half a word */
	char *fit = util_fit_words(r->text, term_cols() - 2);
	term_put_text(term_lines() - 2, 1, term_cols() - 2, fit,
		      r->missing ? TC_WARN : TC_DIM);
	free(fit);
}

static const char *list_title(struct ui *ui, void *st)
{
	(void)ui;
	struct list *l = st;
	const char *set = l->f.queue ? _("referral queue") : _("cases");
	char *what = l->search[0]
			 ? xasprintf(_("%s matching \"%s\""), set, l->search)
			 : xstrdup(set);
	/* a capped count: "(1,000+)", and the row number only while it is
	 * known */
	char count[32], row[64] = "";
	list_count_text(&l->n, count, sizeof(count));
	if (l->n.total && l->top >= 0 && !l->n.counting)
		snprintf(row, sizeof(row), _("   row %lld of %s"),
			 l->top + l->sel + 1, count);
	snprintf(l->title, sizeof(l->title), _("tumorboard — %s (%s)%s"), what,
		 count, row);
	free(what);
	return l->title;
}

static bool list_draw(struct ui *ui, void *st)
{
	struct list *l = st;
	int cols = term_cols();
	term_put(1, 1, cols - 1, render_case_screen_heading(l->layout),
		 TC_LABEL);
	if (!l->n.total)
		term_put(3, 2, cols - 3,
			 l->search[0] || l->f.queue
			     ? render_no_match(l->search)
			     : _("No cases yet. Import some with "
				 "'tumorboard import FILE...'."),
			 TC_DIM);
	/* the patients shown are logged first (once while the list is
	 * open); a search while it is typed, when it is left (list_key) */
	int shown = l->pg.n < l->body ? l->pg.n : l->body;
	if (!l->prompting &&
	    !view_access_list(ui, l->search[0] ? ACCESS_SEARCH : ACCESS_LIST,
			      l->pg.ids, (size_t)shown))
		shown = 0;
	for (int i = 0; i < shown; i++) {
		bool is_sel = i == l->sel;
		if (is_sel)
			term_fill(i + 2, TC_SELECTED);
		term_put(i + 2, 1, cols - 1, l->pg.lines[i],
			 is_sel ? TC_SELECTED : TC_NORMAL);
		if (list_is_marked(l, l->pg.ids[i]))
			term_put(i + 2, 0, 1, "*",
				 is_sel ? TC_SELECTED : TC_STRONG);
	}
	if (l->sel < shown)
		draw_list_readiness(ui, l);
	if (l->prompting) {
		ui_draw_prompt("/", &l->le);
		return true;
	}
	return false;
}

static const enum action *list_hints(struct ui *ui, void *st, size_t *n)
{
	static const enum action acts[] = {ACTION_OPEN,	 ACTION_SEARCH,
					   ACTION_QUEUE, ACTION_MEETINGS,
					   ACTION_HELP,	 ACTION_QUIT};
	/* the referral queue: put cases on an agenda, marked or one by
	 * one. The hints are kept in this order while they fit (the
	 * status line's room): the queue's own action before marking */
	static const enum action queue[] = {
	    ACTION_OPEN,  ACTION_ADD_TO_AGENDA, ACTION_MARK, ACTION_SEARCH,
	    ACTION_QUEUE, ACTION_HELP,		ACTION_BACK};
	static const enum action refused[] = {
	    ACTION_OVERRIDE, ACTION_OPEN, ACTION_ADD_TO_AGENDA, ACTION_MARK,
	    ACTION_QUEUE,    ACTION_HELP, ACTION_BACK};
	(void)ui;
	const struct list *l = st;
	if (l->f.queue && l->refusal.n) {
		*n = UTIL_ARRAY_LEN(refused);
		return refused;
	}
	if (l->f.queue) {
		*n = UTIL_ARRAY_LEN(queue);
		return queue;
	}
	*n = UTIL_ARRAY_LEN(acts);
	return acts;
}

/* Incremental search: every change filters the list. */
static int list_key(struct ui *ui, void *st, int key)
{
	struct list *l = st;
	view_refused_key(ui, &l->refusal,
			 l->f.queue ? KEYMAP_VIEW_QUEUE : KEYMAP_VIEW_LIST,
			 key);
	if (!l->prompting)
		return VIEW_UNKNOWN;
	enum lineedit_result r = lineedit_key(&l->le, key);
	/* the patients the search showed, logged once when the search is
	 * left (not at every letter) */
	if ((r == LINEEDIT_ACCEPT || r == LINEEDIT_CANCEL) && l->le.buf[0] &&
	    view_access_list_new(ui) &&
	    !view_access_list(
		ui, ACCESS_SEARCH, l->pg.ids,
		(size_t)(l->pg.n < l->body ? l->pg.n : l->body))) {
		list_filter(l, l->search, "");
		ui_say(ui, _("Search cleared: the read could not be written to "
			     "the access log"));
	}
	if (r == LINEEDIT_CHANGED)
		list_filter(l, l->search, l->le.buf);
	else if (r == LINEEDIT_CANCEL)
		list_filter(l, l->search, l->saved);
	if (r == LINEEDIT_ACCEPT || r == LINEEDIT_CANCEL) {
		l->prompting = false;
		term_cursor(false);
	}
	return 0;
}

static int list_changed(struct ui *ui, void *st);

/* x: the selected case marked (or unmarked); the selection moves on. */
static void list_mark(struct ui *ui, struct list *l)
{
	if (!l->pg.n)
		return;
	long long id = l->pg.ids[l->sel];
	for (size_t k = 0; k < l->n_marked; k++)
		if (l->marked[k] == id) {
			l->marked[k] = l->marked[--l->n_marked];
			ui_say(ui,
			       ngettext("%zu marked", "%zu marked",
					(unsigned long)l->n_marked),
			       l->n_marked);
			return;
		}
	l->marked = xrealloc(l->marked, (l->n_marked + 1) * sizeof(id));
	l->marked[l->n_marked++] = id;
	ui_say(ui,
	       ngettext("%zu marked", "%zu marked", (unsigned long)l->n_marked),
	       l->n_marked);
	list_step(l, 1);
}

/* Selects the first marked case of the window; none there: the first in
 * the list's order, read a screenful at a time from the top; none at
 * all: the window stays as it was. */
static void list_select_marked(struct list *l)
{
	static struct page np;
	char date[11] = "";
	long long id = l->pg.n ? l->pg.ids[0] : 0, top = l->top;
	int sel = l->sel;
	if (id)
		memcpy(date, l->pg.dates[0], sizeof(date));
	for (int pass = 0;; pass++) {
		for (int i = 0; i < l->pg.n; i++)
			if (list_is_marked(l, l->pg.ids[i])) {
				l->sel = i;
				return;
			}
		long long last = l->pg.n ? l->pg.ids[l->pg.n - 1] : 0;
		if (pass)
			list_page(l, 1);
		else
			list_home(l);
		if (pass && (!l->pg.n || l->pg.ids[l->pg.n - 1] == last))
			break;
	}
	if (!id)
		return;
	list_fetch(l, DB_KEY_FROM, date, id, l->body, &np);
	list_replace(l, &np);
	l->top = top;
	l->sel = sel < l->pg.n ? sel : 0;
}

/* After cases left the window: the selection on the case it was on (was:
 * the window's ids before, n of them, sel the selected row), else on the
 * nearest row of those still listed, the one below first. */
static void list_keep_selection(struct list *l, const long long *was, int n,
				int sel)
{
	for (int d = 0; d < n; d++)
		for (int k = sel + d; k >= sel - d; k -= d ? 2 * d : 1)
			for (int i = 0; k >= 0 && k < n && i < l->pg.n; i++)
				if (l->pg.ids[i] == was[k]) {
					l->sel = i;
					return;
				}
}

/* ids (n of them) on meeting m's agenda (view_refused_add); the
 * selection on the first case still marked, else where it was. */
static void list_add_ids(struct ui *ui, struct list *l,
			 const struct tb_meeting *m, const long long *ids,
			 size_t n, const char *override)
{
	if (!view_refused_add(ui, m, ids, n, override, l->marked, &l->n_marked,
			      &l->refusal))
		return;
	/* the count too (the queue is shorter), the selection kept */
	list_changed(ui, l);
	if (l->n_marked)
		list_select_marked(l);
}

/* a: the marked cases (else the selected one) on a meeting's agenda, in
 * one transaction; each refused case is named with its reason
 * (view_refused) and stays marked. */
static void list_add_to_agenda(struct ui *ui, struct list *l)
{
	long long one = l->pg.n ? l->pg.ids[l->sel] : 0;
	const long long *ids = l->n_marked ? l->marked : &one;
	size_t n = l->n_marked ? l->n_marked : (one ? 1 : 0);
	struct tb_meeting m;
	if (view_refused_meeting(ui, ids, n, &m))
		list_add_ids(ui, l, &m, ids, n, NULL);
}

/* O right after a refusal an override lets through: the cases refused
 * so, with the reason asked; recorded as --override records it. */
static void list_override(struct ui *ui, struct list *l)
{
	struct tb_meeting m;
	char *why = view_refused_reason(ui, &l->refusal, &m);
	if (!why)
		return;
	struct view_refusal r = l->refusal;
	memset(&l->refusal, 0, sizeof(l->refusal));
	list_add_ids(ui, l, &m, r.ids, r.n, util_trim(why));
	free(r.ids);
	free(why);
}

static int list_action(struct ui *ui, void *st, enum action a)
{
	struct list *l = st;
	switch (a) {
	case ACTION_SEARCH:
		/* a new search: the prompt starts empty; Esc there brings
		 * the earlier one back */
		snprintf(l->saved, sizeof(l->saved), "%s", l->search);
		lineedit_init(&l->le, NULL);
		l->prompting = true;
		term_cursor(true);
		break;
	case ACTION_SEARCH_NEXT:
	case ACTION_MOVE_DOWN:
		list_step(l, 1);
		break;
	case ACTION_SEARCH_PREV:
	case ACTION_MOVE_UP:
		list_step(l, -1);
		break;
	case ACTION_BACK:
		/* a search is cleared first (a new list: its patients are
		 * logged again); the queue, without one, is left for the
		 * list below it */
		if (l->search[0] && view_access_list_new(ui))
			list_filter(l, l->search, "");
		else if (l->f.queue)
			return VIEW_CLOSE;
		break;
	case ACTION_PAGE_UP:
		list_page(l, -1);
		break;
	case ACTION_PAGE_DOWN:
		list_page(l, 1);
		break;
	case ACTION_FIRST:
		list_home(l);
		break;
	case ACTION_LAST:
		list_end(l);
		break;
	case ACTION_OPEN:
		if (l->pg.n) {
			struct view_case_args ca = {.case_id =
							l->pg.ids[l->sel]};
			view_open_case(ui, &ca);
		}
		break;
	case ACTION_QUEUE:
		/* the queue is a view of its own above the case list: r
		 * again (or Esc) is back to the list as it was */
		if (l->f.queue)
			return VIEW_CLOSE;
		queue_push(ui, l->search);
		break;
	case ACTION_FOLLOWUPS:
		view_followup_push(ui);
		break;
	case ACTION_MEETINGS:
		view_meetings_push(ui);
		break;
	case ACTION_MARK:
		list_mark(ui, l);
		break;
	case ACTION_ADD_TO_AGENDA:
		list_add_to_agenda(ui, l);
		break;
	case ACTION_OVERRIDE:
		list_override(ui, l);
		break;
	default:
		return VIEW_UNKNOWN;
	}
	return 0;
}

static void list_resize(struct ui *ui, void *st)
{
	(void)ui;
	struct list *l = st;
	l->body = list_body();
	l->layout = list_layout();
	list_reload(l);
}

/* The store changed (an import, a case listed or decided elsewhere): the
 * count and the window again, from the same first row. */
static int list_changed(struct ui *ui, void *st)
{
	(void)ui;
	struct list *l = st;
	/* the selection stays on its case wherever the change moved it
	 * (shown from it when it left the window), else on the nearest
	 * row still listed (list_keep_selection) */
	long long was[PAGE_MAX];
	int n_was = l->pg.n, sel = l->sel;
	char date[11];
	memcpy(was, l->pg.ids, (size_t)n_was * sizeof(was[0]));
	memcpy(date, l->pg.dates[sel], sizeof(date));
	list_versioned(l);
	list_count_all(l->db, &l->f, &l->n);
	list_ready_forget(&l->ready); /* the case may have changed */
	list_run_forget(&l->run);
	list_reload(l);
	static struct page np;
	np.n = 0;
	if (n_was && !page_has(&l->pg, was[sel]))
		list_fetch(l, DB_KEY_FROM, date, was[sel], l->body, &np);
	if (np.n && np.ids[0] == was[sel]) {
		list_replace(l, &np);
		l->top = -1; /* where it is now is not known */
	}
	page_clear(&np);
	list_keep_selection(l, was, n_was, sel);
	return 0;
}

/* The pause after the screen is drawn: a search's count. */
static bool list_idle(struct ui *ui, void *st)
{
	(void)ui;
	struct list *l = st;
	return list_count_due(l->db, &l->f, &l->n);
}

static long long list_subject(struct ui *ui, void *st)
{
	(void)ui;
	struct list *l = st;
	return l->pg.n && l->sel < l->pg.n ? l->pg.ids[l->sel] : 0;
}

static void list_free(struct list *l)
{
	page_clear(&l->pg);
	free(l->marked);
	view_refused_forget(&l->refusal);
	perm_care_done(&l->care);
	list_ready_forget(&l->ready);
	list_run_forget(&l->run);
	list_run_forget(&l->all.run);
	free(l);
}

void view_list_kept_done(struct ui *ui)
{
	if (ui->queue_kept)
		list_free(ui->queue_kept);
	ui->queue_kept = NULL;
}

/* The queue closed is kept (not one limited to the user's care, which
 * changes as emergency grants end): r again while nothing changed shows
 * it from its rows and readiness read lately, reading nothing. */
static void list_close(struct ui *ui, void *st)
{
	struct list *l = st;
	if (!l->f.queue || l->f.care || !l->read.ok) {
		list_free(l);
		return;
	}
	view_list_kept_done(ui);
	free(l->marked); /* the marks are the queue's of the moment */
	l->marked = NULL;
	l->n_marked = 0;
	view_refused_forget(&l->refusal);
	l->prompting = false;
	ui->queue_kept = l;
}

#define LIST_OPS                                                               \
	.title = list_title, .draw = list_draw, .hints = list_hints,           \
	.on_key = list_key, .on_action = list_action,                          \
	.on_resize = list_resize, .reload = list_changed, .close = list_close, \
	.subject = list_subject, .idle = list_idle, .rows = true

static const struct view_ops list_ops = {
    .name = "list",
    .keymap = KEYMAP_VIEW_LIST,
    LIST_OPS,
};

/* The same table with the queue's keys (q is back to the list there). */
static const struct view_ops queue_ops = {
    .name = "list",
    .keymap = KEYMAP_VIEW_QUEUE,
    LIST_OPS,
};

/* The referral queue's count and first screen read (nothing logged: the
 * screen that shows them logs their patients). */
static struct list *queue_read(struct ui *ui, const char *search)
{
	struct list *q = xcalloc(1, sizeof(*q));
	q->db = ui->app->db;
	q->f.queue = true;
	list_care(q);
	q->body = list_body();
	q->layout = list_layout();
	list_filter(q, q->search, search);
	return q;
}

/* The referral queue: the same table, filtered to every open case that no
 * meeting to come lists, with the search of the list below it. */
static void queue_push(struct ui *ui, const char *search)
{
	struct list *q = ui->queue_kept;
	struct list_stamp now;
	list_stamp_now(ui->app->db, &now);
	if (q && list_stamp_same(&q->read, &now) &&
	    strcmp(search, q->search) == 0 && q->body == list_body() &&
	    q->layout == list_layout()) {
		ui->queue_kept = NULL;
		list_home(q); /* from its rows read lately */
		view_push(ui, &queue_ops, q);
		return;
	}
	view_list_kept_done(ui);
	view_push(ui, &queue_ops, queue_read(ui, search));
}

void view_list_queue_ahead(struct ui *ui)
{
	struct list c = {.f.queue = true};
	list_care(&c);
	bool care = c.f.care != NULL;
	if (care) { /* changes as grants end: its statements prepared */
		c.f.limit = list_body() < PAGE_MAX ? list_body() : PAGE_MAX;
		db_case_list_warm(ui->app->db, &c.f);
	}
	perm_care_done(&c.care);
	if (care || ui->queue_kept)
		return;
	/* else read as r reads it, kept as a queue closed is, with the care
	 * facts its access log needs of the rows it shows first */
	struct list *q = queue_read(ui, "");
	ui->queue_kept = q;
	(void)db_user_care_ahead(ui->app->db, user_current(), q->pg.ids,
				 (size_t)q->pg.n);
}

bool view_list_push(struct ui *ui)
{
	struct list *l = xcalloc(1, sizeof(*l));
	l->db = ui->app->db;
	list_care(l);
	list_versioned(l); /* before the rows are read */
	/* a list limited to the user's care is counted capped, as a search */
	if (list_count_all(ui->app->db, &l->f, &l->n) != TB_OK) {
		perm_care_done(&l->care);
		free(l);
		return false;
	}
	l->db = ui->app->db;
	l->body = list_body();
	l->layout = list_layout();
	list_home(l);
	view_push(ui, &list_ops, l);
	return true;
}

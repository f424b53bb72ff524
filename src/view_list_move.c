/*
 * How the case list's window moves (view_list_internal.h): a window of
 * rows fetched by key (referral date, id), never by offset, so that
 * moving costs one indexed query whatever the position; top is the
 * absolute index of the window's first row, kept by arithmetic, for the
 * "row N of M" display. The rows read lately are kept (struct list_run):
 * a page moved back to is not read again.
 */
#include "view_list_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "i18n.h"
#include "render.h"
#include "term.h"
#include "textdoc.h"
#include "user.h"
#include "util.h"

/* The rows' layout for the screen's width (render_case_screen_layout). */
int list_layout(void)
{
	return render_case_screen_layout(term_cols());
}

bool collect_row(const struct db_case_row *r, void *arg)
{
	struct page *pg = arg;
	if (pg->n >= (int)UTIL_ARRAY_LEN(pg->ids))
		return false;
	struct textdoc doc;
	textdoc_init(&doc, 500);
	render_case_screen_row(r, list_layout(), &doc);
	pg->ids[pg->n] = r->id;
	snprintf(pg->dates[pg->n], sizeof(pg->dates[0]), "%s",
		 r->referral_date ? r->referral_date : "");
	pg->lines[pg->n] = xstrdup(doc.lines[0].text);
	pg->n++;
	textdoc_done(&doc);
	return true;
}

/* The version the rows about to be read stand for (read before them: a
 * change meanwhile has them read again). */
void list_stamp_now(struct db *db, struct list_stamp *st)
{
	st->ok = db_data_version(db, &st->other, &st->own) == TB_OK;
	clock_today(st->today);
}

bool list_stamp_same(const struct list_stamp *a, const struct list_stamp *b)
{
	return a->ok && b->ok && a->other == b->other && a->own == b->own &&
	       strcmp(a->today, b->today) == 0;
}

void list_versioned(struct list *l)
{
	list_stamp_now(l->db, &l->read);
	if (l->f.care)
		perm_care_now(&l->care); /* emergency grants end */
}

/* Fetches up to limit rows relative to a key into out (list order). */
void list_fetch(struct list *l, int mode, const char *date, long long id,
		int limit, struct page *out)
{
	struct db_case_filter f = l->f;
	if (f.care)
		perm_care_now(&l->care); /* emergency grants end */
	f.key_mode = mode;
	f.key_date = date;
	f.key_id = id;
	f.limit = limit < PAGE_MAX ? limit : PAGE_MAX;
	/* the rows come with what their access log needs (list_draw) */
	const struct user *u = user_current();
	f.access_user = u ? u->id : 0;
	/* a row scrolled into view is selected: its readiness line with
	 * it, where a statement is a round trip (list_readiness) */
	f.ready = limit == 1;
	/* not a list limited to the user's care: it changes as emergency
	 * grants end, with no change in the store */
	bool keep = !f.care;
	list_run_check(&l->run, list_layout(), i18n_language());
	if (keep && list_run_take(&l->run, mode, id, f.limit, out))
		return;
	out->n = 0;
	if (db_case_list(l->db, &f, collect_row, out) != TB_OK)
		keep = false;
	if (mode == DB_KEY_BEFORE || mode == DB_KEY_LAST)
		page_reverse(out); /* read backwards: into list order */
	if (keep)
		list_run_keep(&l->run, mode, id, f.limit, out);
}

void list_replace(struct list *l, struct page *np)
{
	page_clear(&l->pg);
	memcpy(&l->pg, np, sizeof(*np));
	np->n = 0;
	if (l->sel >= l->pg.n)
		l->sel = l->pg.n ? l->pg.n - 1 : 0;
}

void list_home(struct list *l)
{
	static struct page np;
	l->dir = 0;
	list_fetch(l, DB_KEY_NONE, NULL, 0, l->body, &np);
	list_replace(l, &np);
	l->top = 0;
	l->sel = 0;
}

void list_end(struct list *l)
{
	static struct page np;
	l->dir = 0;
	list_count_due(l->db, &l->f, &l->n); /* where the end is */
	list_fetch(l, DB_KEY_LAST, NULL, 0, l->body, &np);
	list_replace(l, &np);
	l->top = l->n.more ? -1 : l->n.total - l->pg.n;
	if (l->top < 0 && !l->n.more)
		l->top = 0;
	l->sel = l->pg.n ? l->pg.n - 1 : 0;
}

/* The last screenful when rows is the end of the list, read after the
 * window's last row: the window's last rows and those, as list_end would
 * read them again (moves rows' lines into the window). */
static void list_tail(struct list *l, struct page *rows)
{
	struct page *pg = &l->pg;
	int keep = l->body - rows->n;
	if (keep > pg->n)
		keep = pg->n;
	if (keep < 0)
		keep = 0;
	int drop = pg->n - keep;
	for (int i = 0; i < drop; i++)
		free(pg->lines[i]);
	memmove(pg->ids, pg->ids + drop, (size_t)keep * sizeof(pg->ids[0]));
	memmove(pg->dates, pg->dates + drop,
		(size_t)keep * sizeof(pg->dates[0]));
	memmove(pg->lines, pg->lines + drop,
		(size_t)keep * sizeof(pg->lines[0]));
	pg->n = keep;
	for (int i = 0; i < rows->n && pg->n < PAGE_MAX; i++) {
		pg->ids[pg->n] = rows->ids[i];
		memcpy(pg->dates[pg->n], rows->dates[i], sizeof(pg->dates[0]));
		pg->lines[pg->n++] = rows->lines[i];
		rows->lines[i] = NULL;
	}
	page_clear(rows);
	list_count_due(l->db, &l->f, &l->n);
	l->top = l->n.more ? -1 : l->n.total - l->pg.n;
	if (l->top < 0 && !l->n.more)
		l->top = 0;
	l->sel = l->pg.n ? l->pg.n - 1 : 0;
}

/* Reloads the window from its first row (after a resize, say). */
void list_reload(struct list *l)
{
	static struct page np;
	if (!l->pg.n) {
		list_home(l);
		return;
	}
	list_fetch(l, DB_KEY_FROM, l->pg.dates[0], l->pg.ids[0], l->body, &np);
	if (np.n < l->body && l->top > 0) {
		page_clear(&np);
		int sel_abs = (int)(l->top + l->sel);
		list_end(l);
		long long s = sel_abs - l->top;
		l->sel = s < 0 ? 0 : (s >= l->pg.n ? l->pg.n - 1 : (int)s);
		return;
	}
	list_replace(l, &np);
}

/* The row after (DB_KEY_AFTER) or before the row of id, into out: from
 * the run, or read with the screenful that follows it in that direction,
 * kept in the run, so that the next steps read nothing (a list not kept
 * there, the user's care, reads that row alone). Which row is the one
 * asked for: out's first after, its last before. */
static void list_fetch_next(struct list *l, int mode, const char *date,
			    long long id, struct page *out)
{
	list_run_check(&l->run, list_layout(), i18n_language());
	if (!l->f.care && list_run_take(&l->run, mode, id, 1, out))
		return;
	list_fetch(l, mode, date, id, l->f.care ? 1 : l->body, out);
}

/* Moves the selection by one row; at the window's edge the window slides
 * by one row (read ahead: list_fetch_next). */
void list_step(struct list *l, int delta)
{
	static struct page np;
	struct page *pg = &l->pg;
	l->dir = delta > 0 ? 1 : -1;
	if (delta > 0 && l->sel + 1 < pg->n) {
		l->sel++;
		return;
	}
	if (delta < 0 && l->sel > 0) {
		l->sel--;
		return;
	}
	if (!pg->n)
		return;
	if (delta > 0) {
		int last = pg->n - 1;
		list_fetch_next(l, DB_KEY_AFTER, pg->dates[last], pg->ids[last],
				&np);
		if (!np.n)
			return;
		if (pg->n == l->body) {
			free(pg->lines[0]);
			memmove(pg->ids, pg->ids + 1,
				(size_t)last * sizeof(pg->ids[0]));
			memmove(pg->dates, pg->dates + 1,
				(size_t)last * sizeof(pg->dates[0]));
			memmove(pg->lines, pg->lines + 1,
				(size_t)last * sizeof(pg->lines[0]));
			pg->n--;
			if (l->top >= 0)
				l->top++;
		}
		pg->ids[pg->n] = np.ids[0];
		memcpy(pg->dates[pg->n], np.dates[0], sizeof(pg->dates[0]));
		pg->lines[pg->n] = np.lines[0];
		np.lines[0] = NULL;
		page_clear(&np);
		pg->n++;
		l->sel = pg->n - 1;
	} else {
		list_fetch_next(l, DB_KEY_BEFORE, pg->dates[0], pg->ids[0],
				&np);
		if (!np.n)
			return;
		int k = np.n - 1; /* the row just before the window */
		if (pg->n == l->body) {
			free(pg->lines[pg->n - 1]);
			pg->n--;
		}
		memmove(pg->ids + 1, pg->ids,
			(size_t)pg->n * sizeof(pg->ids[0]));
		memmove(pg->dates + 1, pg->dates,
			(size_t)pg->n * sizeof(pg->dates[0]));
		memmove(pg->lines + 1, pg->lines,
			(size_t)pg->n * sizeof(pg->lines[0]));
		pg->ids[0] = np.ids[k];
		memcpy(pg->dates[0], np.dates[k], sizeof(pg->dates[0]));
		pg->lines[0] = np.lines[k];
		np.lines[k] = NULL;
		page_clear(&np);
		pg->n++;
		if (l->top > 0)
			l->top--;
		l->sel = 0;
	}
}

void list_page(struct list *l, int dir)
{
	static struct page np;
	l->dir = 0;
	if (!l->pg.n)
		return;
	if (dir > 0) {
		int last = l->pg.n - 1;
		list_fetch(l, DB_KEY_AFTER, l->pg.dates[last], l->pg.ids[last],
			   l->body, &np);
		if (np.n == l->body) {
			int sel = l->sel;
			list_replace(l, &np);
			if (l->top >= 0)
				l->top += l->body;
			l->sel = sel;
		} else if (np.n) {
			/* Near the end: show the last screenful and keep the
			 * selection a page further down. */
			long long target = l->top + l->sel + l->body;
			list_tail(l, &np);
			if (l->top >= 0 && target < l->n.total)
				l->sel = (int)(target - l->top);
		} else {
			l->sel = last;
		}
	} else {
		list_fetch(l, DB_KEY_BEFORE, l->pg.dates[0], l->pg.ids[0],
			   l->body, &np);
		if (np.n == l->body) {
			int sel = l->sel;
			list_replace(l, &np);
			if (l->top >= 0)
				l->top =
				    l->top > l->body ? l->top - l->body : 0;
			l->sel = sel;
		} else if (np.n) {
			long long target = l->top + l->sel - l->body;
			page_clear(&np);
			list_home(l);
			if (target > 0 && target < l->pg.n)
				l->sel = (int)target;
		} else {
			l->sel = 0;
		}
	}
}

/* The rows between the heading and the readiness line. */
int list_body(void)
{
	int body = term_lines() - 4 > 1 ? term_lines() - 4 : 1;
	return body > PAGE_MAX ? PAGE_MAX : body;
}

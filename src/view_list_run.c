/*
 * The case list's rows read lately, kept in list order (view_list_run.h).
 * A read by key gives rows that follow each other in the list; where its
 * key row is in the run, they are joined to it, so that paging down and
 * back up again reads the store only for rows not read yet. A jump (End,
 * Home, a row far away) starts a second piece; the first is kept, and the
 * two become one when their rows meet.
 */
#include "view_list_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_case.h"
#include "util.h"

void page_clear(struct page *pg)
{
	for (int i = 0; i < pg->n; i++)
		free(pg->lines[i]);
	pg->n = 0;
}

void page_reverse(struct page *pg)
{
	for (int i = 0, j = pg->n - 1; i < j; i++, j--) {
		long long id = pg->ids[i];
		pg->ids[i] = pg->ids[j];
		pg->ids[j] = id;
		char *line = pg->lines[i];
		pg->lines[i] = pg->lines[j];
		pg->lines[j] = line;
		char date[11];
		memcpy(date, pg->dates[i], sizeof(date));
		memcpy(pg->dates[i], pg->dates[j], sizeof(date));
		memcpy(pg->dates[j], date, sizeof(date));
	}
}

bool page_has(const struct page *pg, long long id)
{
	for (int i = 0; i < pg->n; i++)
		if (pg->ids[i] == id)
			return true;
	return false;
}

static void seg_forget(struct list_run_seg *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->rows[i].line);
	free(s->rows);
	memset(s, 0, sizeof(*s));
}

void list_run_forget(struct list_run *r)
{
	seg_forget(&r->seg[0]);
	seg_forget(&r->seg[1]);
}

void list_run_check(struct list_run *r, int layout, const char *lang)
{
	if (r->layout == layout &&
	    strncmp(r->lang, lang, sizeof(r->lang) - 1) == 0 &&
	    r->lang[0] != '\0')
		return;
	list_run_forget(r);
	r->layout = layout;
	snprintf(r->lang, sizeof(r->lang), "%s", lang);
}

/* The index of the row of id in s, or -1. */
static long seg_find(const struct list_run_seg *s, long long id)
{
	for (size_t i = s->n; i-- > 0;)
		if (s->rows[i].id == id)
			return (long)i;
	return -1;
}

/* Makes room for k rows before s's first (they are set after). */
static void seg_open_front(struct list_run_seg *s, size_t k)
{
	s->rows = xrealloc(s->rows, (s->n + k) * sizeof(s->rows[0]));
	memmove(s->rows + k, s->rows, s->n * sizeof(s->rows[0]));
	memset(s->rows, 0, k * sizeof(s->rows[0]));
	s->n += k;
}

/* Rows from..to-1 of s let go. */
static void seg_drop(struct list_run_seg *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		free(s->rows[i].line);
	memmove(s->rows + from, s->rows + to, (s->n - to) * sizeof(s->rows[0]));
	s->n -= to - from;
}

/* Writes rows pg into s from index at (which may run past its end):
 * false when a row already there is another case (what is kept is not
 * what the store holds now). */
static bool seg_write(struct list_run_seg *s, size_t at, const struct page *pg)
{
	size_t end = at + (size_t)pg->n;
	if (end > s->n) {
		s->rows = xrealloc(s->rows, end * sizeof(s->rows[0]));
		memset(s->rows + s->n, 0, (end - s->n) * sizeof(s->rows[0]));
		s->n = end;
	}
	for (int i = 0; i < pg->n; i++) {
		struct list_run_row *row = &s->rows[at + (size_t)i];
		if (row->line && row->id != pg->ids[i])
			return false;
		free(row->line);
		row->id = pg->ids[i];
		memcpy(row->date, pg->dates[i], sizeof(row->date));
		row->line = xstrdup(pg->lines[i] ? pg->lines[i] : "");
	}
	return true;
}

/* s started again from rows pg. */
static void seg_restart(struct list_run_seg *s, const struct page *pg,
			bool at_start, bool at_end)
{
	seg_forget(s);
	(void)seg_write(s, 0, pg);
	s->at_start = at_start;
	s->at_end = at_end;
}

/* b joined into a, where a holds b's first row (at index i), and emptied:
 * false when they do not agree there (neither is changed). */
static bool seg_join_at(struct list_run_seg *a, long i, struct list_run_seg *b)
{
	size_t over = a->n - (size_t)i; /* rows of a from b's first on */
	size_t same = over < b->n ? over : b->n;
	for (size_t k = 0; k < same; k++)
		if (a->rows[(size_t)i + k].id != b->rows[k].id)
			return false;
	if (i == 0 && b->at_start)
		a->at_start = true;
	if (b->n > over) {
		/* b runs on past a's end: a's end is b's */
		a->rows =
		    xrealloc(a->rows, ((size_t)i + b->n) * sizeof(a->rows[0]));
		for (size_t k = over; k < b->n; k++) {
			a->rows[(size_t)i + k] = b->rows[k];
			b->rows[k].line = NULL;
		}
		a->n = (size_t)i + b->n;
		a->at_end = b->at_end;
	} else if (b->n == over && b->at_end) {
		a->at_end = true;
	}
	seg_forget(b);
	return true;
}

/* The two pieces made one when they share a row (the other piece let go
 * when they disagree). */
static void run_meet(struct list_run *r)
{
	struct list_run_seg *a = &r->seg[0], *b = &r->seg[1];
	if (!a->n || !b->n)
		return;
	long i = seg_find(a, b->rows[0].id);
	if (i >= 0) {
		if (!seg_join_at(a, i, b))
			seg_forget(b);
		return;
	}
	i = seg_find(b, a->rows[0].id);
	if (i < 0)
		return;
	/* a's first is in b: a joined into b, which leads */
	struct list_run_seg t = *a;
	*a = *b;
	*b = t;
	if (!seg_join_at(a, i, b)) {
		t = *a;
		*a = *b;
		*b = t;
		seg_forget(b);
	}
}

/* At most LIST_RUN_MAX rows: the other piece goes first, then the rows
 * of this one farthest from those just kept (from..to). */
static void run_trim(struct list_run *r, size_t from, size_t to)
{
	struct list_run_seg *s = &r->seg[0];
	if (s->n + r->seg[1].n > LIST_RUN_MAX)
		seg_forget(&r->seg[1]);
	if (s->n <= LIST_RUN_MAX)
		return;
	size_t over = s->n - LIST_RUN_MAX;
	if (from >= s->n - to) {
		/* the rows kept are nearer the end: the front goes */
		seg_drop(s, 0, over);
		s->at_start = false;
	} else {
		seg_drop(s, s->n - over, s->n);
		s->at_end = false;
	}
}

/* Where a read by mode from the row of id goes in s (its first row's
 * index, which may be before s's start), or false when it does not join
 * s. */
static bool seg_place(const struct list_run_seg *s, int mode, long long id,
		      int n, long *at)
{
	long k;
	switch (mode) {
	case DB_KEY_NONE:
		*at = 0;
		return s->n && s->at_start;
	case DB_KEY_LAST:
		*at = (long)s->n - n;
		return s->n && s->at_end;
	case DB_KEY_FROM:
	case DB_KEY_AFTER:
	case DB_KEY_BEFORE:
		k = seg_find(s, id);
		*at = mode == DB_KEY_FROM    ? k
		      : mode == DB_KEY_AFTER ? k + 1
					     : k - n;
		return k >= 0;
	default:
		return false;
	}
}

void list_run_keep(struct list_run *r, int mode, long long id, int limit,
		   const struct page *pg)
{
	/* fewer rows than asked for: the read reached the list's end (or
	 * its start, read backwards) */
	bool short_read = pg->n < limit;
	bool backwards = mode == DB_KEY_BEFORE || mode == DB_KEY_LAST;
	struct list_run_seg *s = &r->seg[0];
	long at;
	if (!seg_place(s, mode, id, pg->n, &at)) {
		struct list_run_seg t = r->seg[0];
		if (seg_place(&r->seg[1], mode, id, pg->n, &at)) {
			/* back to the other piece */
			r->seg[0] = r->seg[1];
			r->seg[1] = t;
		} else {
			/* a jump: the rows read lately are the other piece
			 * now, these start a new one */
			seg_forget(&r->seg[1]);
			r->seg[1] = t;
			memset(s, 0, sizeof(*s));
			seg_restart(
			    s, pg,
			    mode == DB_KEY_NONE || (backwards && short_read),
			    mode == DB_KEY_LAST || (!backwards && short_read));
			run_meet(r);
			run_trim(r, pg->n ? (size_t)seg_find(s, pg->ids[0]) : 0,
				 s->n);
			return;
		}
	}
	if (at < 0) {
		seg_open_front(s, (size_t)-at);
		at = 0;
	}
	if (!seg_write(s, (size_t)at, pg)) {
		list_run_forget(r);
		seg_restart(s, pg, false, false);
		return;
	}
	if (short_read && backwards) {
		/* nothing before pg's first row: the rows before it are
		 * gone from the list */
		seg_drop(s, 0, (size_t)at);
		at = 0;
		s->at_start = true;
	} else if (short_read) {
		seg_drop(s, (size_t)at + (size_t)pg->n, s->n);
		s->at_end = true;
	}
	run_meet(r);
	/* where pg's rows are now (meeting the other piece moves them) */
	if (pg->n)
		at = seg_find(s, pg->ids[0]);
	run_trim(r, at < 0 ? 0 : (size_t)at,
		 (at < 0 ? 0 : (size_t)at) + (size_t)pg->n);
}

/* The rows of s a read by mode from the row of id would give (from, n):
 * where seg_place would put them, within s, when s holds them all (the
 * list's start or end where the read runs past s's). */
static bool seg_take(const struct list_run_seg *s, int mode, long long id,
		     int limit, size_t *from, size_t *n)
{
	long at;
	if (!seg_place(s, mode, id, limit, &at))
		return false;
	long end = at + limit;
	if ((at < 0 && !s->at_start) || (end > (long)s->n && !s->at_end))
		return false;
	*from = at < 0 ? 0 : (size_t)at;
	*n = (end > (long)s->n ? s->n : (size_t)end) - *from;
	return true;
}

bool list_run_take(const struct list_run *r, int mode, long long id, int limit,
		   struct page *out)
{
	if (limit <= 0 || limit > PAGE_MAX)
		return false;
	size_t from = 0, n = 0;
	const struct list_run_seg *s = &r->seg[0];
	if (!s->n || !seg_take(s, mode, id, limit, &from, &n)) {
		s = &r->seg[1];
		if (!s->n || !seg_take(s, mode, id, limit, &from, &n))
			return false;
	}
	for (size_t i = 0; i < n; i++) {
		const struct list_run_row *row = &s->rows[from + i];
		out->ids[i] = row->id;
		memcpy(out->dates[i], row->date, sizeof(out->dates[0]));
		out->lines[i] = xstrdup(row->line);
	}
	out->n = (int)n;
	return true;
}

size_t list_run_ids(const struct list_run *r, long long id, int dir,
		    long long *out, size_t max)
{
	for (int k = 0; k < 2; k++) {
		const struct list_run_seg *s = &r->seg[k];
		long at = seg_find(s, id);
		if (at < 0)
			continue;
		size_t n = 0;
		for (long i = at; i >= 0 && (size_t)i < s->n && n < max;
		     i += dir < 0 ? -1 : 1)
			out[n++] = s->rows[i].id;
		return n;
	}
	return 0;
}

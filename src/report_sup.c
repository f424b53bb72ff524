/*
 * report — suppression of small groups (cells under REPORT_MIN_COUNT shown
 * as "<5", and the second cell of every line that would give one away),
 * and the quantiles of days.
 */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- Suppression -------------------------------------------------------- */

void report_sup_init(struct report_sup *s)
{
	memset(s, 0, sizeof(*s));
}

void report_sup_done(struct report_sup *s)
{
	free(s->v);
	free(s->printed);
	free(s->mark);
	free(s->lines);
	memset(s, 0, sizeof(*s));
}

size_t report_sup_cell(struct report_sup *s, long v, bool printed)
{
	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	s->printed = xrealloc(s->printed, (s->n + 1) * sizeof(*s->printed));
	s->mark = xrealloc(s->mark, (s->n + 1) * sizeof(*s->mark));
	s->v[s->n] = v;
	s->printed[s->n] = printed;
	s->mark[s->n] = REPORT_SHOWN;
	return s->n++;
}

void report_sup_line(struct report_sup *s, size_t total, const size_t *parts,
		     size_t n)
{
	s->lines =
	    xrealloc(s->lines, (s->len_lines + n + 2) * sizeof(*s->lines));
	s->lines[s->len_lines++] = total;
	s->lines[s->len_lines++] = n;
	for (size_t i = 0; i < n; i++)
		s->lines[s->len_lines++] = parts[i];
	s->n_lines++;
}

bool report_small(long v)
{
	return v < REPORT_MIN_COUNT;
}

/* The smallest printed, shown member of the line at offset at (parts
 * before the total), other than skip; s->n when there is none. */
static size_t hide_in_line(const struct report_sup *s, size_t at, size_t skip)
{
	size_t total = s->lines[at], n = s->lines[at + 1], best = s->n;
	const size_t *parts = &s->lines[at + 2];
	for (size_t i = 0; i < n; i++) {
		size_t c = parts[i];
		if (c != skip && s->printed[c] && s->mark[c] == REPORT_SHOWN &&
		    (best == s->n || s->v[c] < s->v[best]))
			best = c;
	}
	if (best == s->n && total != skip && s->printed[total] &&
	    s->mark[total] == REPORT_SHOWN)
		best = total;
	return best;
}

/*
 * One pass: which cells are known (printed and shown, or worked out from
 * a line, remembered in via); when a line would give away a small cell,
 * hides a cell and returns true: the smallest printed, shown part of that
 * line; else one of a line that worked out another of its members; else
 * its total.
 */
static bool sup_step(struct report_sup *s, bool *known, size_t *via)
{
	for (size_t i = 0; i < s->n; i++) {
		known[i] = s->printed[i] && s->mark[i] == REPORT_SHOWN;
		via[i] = SIZE_MAX;
	}
	bool changed = true;
	while (changed) {
		changed = false;
		for (size_t l = 0, at = 0; l < s->n_lines; l++) {
			size_t here = at;
			size_t total = s->lines[at], n = s->lines[at + 1];
			const size_t *parts = &s->lines[at + 2];
			at += n + 2;
			size_t unknown = 0, which = total;
			if (!known[total])
				unknown++;
			for (size_t i = 0; i < n; i++)
				if (!known[parts[i]]) {
					unknown++;
					which = parts[i];
				}
			if (unknown != 1)
				continue;
			if (!s->printed[which] || !report_small(s->v[which])) {
				known[which] = true;
				via[which] = here;
				changed = true;
				continue;
			}
			/* would give away a small count: hide another */
			size_t best = s->n;
			for (size_t i = 0; i < n && best == s->n; i++)
				if (parts[i] != which && s->printed[parts[i]] &&
				    s->mark[parts[i]] == REPORT_SHOWN)
					best = hide_in_line(s, here, which);
			if (best == s->n) {
				/* a member worked out from another line: hide
				 * in that line instead */
				for (size_t i = 0; i <= n && best == s->n;
				     i++) {
					size_t m = i < n ? parts[i] : total;
					if (m != which && via[m] != SIZE_MAX)
						best =
						    hide_in_line(s, via[m], m);
				}
			}
			if (best == s->n)
				best = hide_in_line(s, here, which);
			if (best == s->n)
				continue; /* nothing printed to hide */
			s->mark[best] = REPORT_HIDDEN;
			return true;
		}
	}
	return false;
}

void report_sup_run(struct report_sup *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->printed[i] && report_small(s->v[i]))
			s->mark[i] = REPORT_SMALL;
	bool *known = xcalloc(s->n ? s->n : 1, sizeof(bool));
	size_t *via = xcalloc(s->n ? s->n : 1, sizeof(size_t));
	while (sup_step(s, known, via))
		;
	free(known);
	free(via);
}

char *report_sup_text(const struct report_sup *s, size_t cell)
{
	switch (s->mark[cell]) {
	case REPORT_SMALL:
		return xasprintf("<%d", REPORT_MIN_COUNT);
	case REPORT_HIDDEN:
		return xstrdup("x");
	default:
		return xasprintf("%ld", s->v[cell]);
	}
}

/* ---- Days and their quantiles ------------------------------------------ */

void report_days_add(struct report_days *d, long day, long count)
{
	size_t lo = 0, hi = d->n_v; /* the first of v at day or after it */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->v[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == d->n_v || d->v[lo].day != day) {
		d->v = xrealloc(d->v, (d->n_v + 1) * sizeof(*d->v));
		memmove(&d->v[lo + 1], &d->v[lo],
			(d->n_v - lo) * sizeof(*d->v));
		d->v[lo] = (struct report_day){day, 0};
		d->n_v++;
	}
	d->v[lo].count += count;
	d->n += count;
}

void report_days_merge(struct report_days *d, const struct report_days *from)
{
	for (size_t i = 0; i < from->n_v; i++)
		report_days_add(d, from->v[i].day, from->v[i].count);
}

long report_days_between(const struct report_days *d, long lo, long hi)
{
	long n = 0;
	for (size_t i = 0; i < d->n_v; i++)
		if (d->v[i].day >= lo && (hi < 0 || d->v[i].day <= hi))
			n += d->v[i].count;
	return n;
}

void report_days_done(struct report_days *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}

/* The day of rank k (0: the fewest days) of d's cases in order. */
static long day_of_rank(const struct report_days *d, long k)
{
	for (size_t i = 0; i < d->n_v; i++) {
		if (k < d->v[i].count)
			return d->v[i].day;
		k -= d->v[i].count;
	}
	return d->v[d->n_v - 1].day;
}

double report_quantile(const struct report_days *d, double p)
{
	if (d->n <= 0)
		return -1;
	double pos = (double)(d->n - 1) * p;
	long lo = (long)pos;
	double frac = pos - (double)lo;
	double a = (double)day_of_rank(d, lo);
	if (lo + 1 >= d->n)
		return a;
	return a + ((double)day_of_rank(d, lo + 1) - a) * frac;
}

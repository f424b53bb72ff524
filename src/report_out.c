/*
 * report — the report's output: text, CSV, the board's one-line summary on
 * the agenda and the minutes, the charts' data, and a case's course chart.
 */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "chart.h"
#include "i18n.h"
#include "model.h"
#include "model_decision.h"
#include "util.h"
#include "validate.h"

/* Report cells are looked up by their column's English name (report.c
 * translates the heads where they are shown). */
#define COL_AT_MEETING	/* untranslated: a lookup key */ "at a meeting"
#define COL_CARRIED_OUT /* untranslated: a lookup key */ "carried out"

/* ---- Output ------------------------------------------------------------- */

void report_intro(const struct report *r, struct textdoc *doc)
{
	textdoc_printf(doc, TD_TITLE, _("Quality and equity of care, %s – %s"),
		       r->from, r->to);
	textdoc_newline(doc);
	textdoc_printf(doc, TD_NORMAL,
		       _("Cases referred in the period: %zu. Aggregates only."),
		       r->n_cases);
	textdoc_newline(doc);
	textdoc_printf(doc, TD_DIM,
		       _("<%d: fewer than %d cases. x: hidden so that a small "
			 "group cannot be worked out. Days are calendar days "
			 "(n<5: of fewer than 5 cases, not given); "
			 "Q1–Q3: the 25th and 75th percentiles. Molecular "
			 "results: dated on or before the meeting. Trial "
			 "offered: the recommendation is a clinical trial."),
		       REPORT_MIN_COUNT, REPORT_MIN_COUNT);
	textdoc_newline(doc);
}

const char *report_group_label(const struct report_group *g, char *buf,
			       size_t len)
{
	if (strcmp(g->dim, "all") == 0)
		return i18n_ctx(NC_("report rows", "all"));
	if (strcmp(g->dim, "sex") == 0)
		return model_sex_label(g->name);
	const char *level = strchr(g->name, ' ');
	if (strcmp(g->dim, "board") != 0 || !g->board || !level)
		return g->name;
	snprintf(buf, len, "%s %s", model_board_label(g->board->id),
		 model_level_label(level + 1));
	return buf;
}

void report_text(const struct report *r, struct textdoc *doc)
{
	report_intro(r, doc);
	for (size_t i = 0; i < r->n_t; i++) {
		const struct report_table *t = &r->t[i];
		int *w = xcalloc(t->cols, sizeof(int));
		/* the cells as a person reads them (CSV keeps the point) */
		char **shown = xcalloc(t->rows * t->cols + 1, sizeof(char *));
		for (size_t k = 0; k < t->rows * t->cols; k++)
			shown[k] =
			    k % t->cols
				? i18n_decimals_shown(xstrdup(t->cells[k]))
				: xstrdup(t->label[k / t->cols]);
		for (size_t c = 0; c < t->cols; c++) {
			w[c] = util_display_width(_(t->head[c]));
			for (size_t k = 0; k < t->rows; k++) {
				int x =
				    util_display_width(shown[k * t->cols + c]);
				if (x > w[c])
					w[c] = x;
			}
		}
		textdoc_newline(doc);
		textdoc_put(doc, TD_HEADING, t->title);
		textdoc_newline(doc);
		for (size_t k = 0; k <= t->rows; k++) {
			int col = 0;
			for (size_t c = 0; c < t->cols; c++) {
				const char *x = k ? shown[(k - 1) * t->cols + c]
						  : _(t->head[c]);
				if (c) {
					/* numbers right-aligned */
					col += 2 + w[c] - util_display_width(x);
					textdoc_pad_to(doc, col);
				}
				textdoc_put(doc, k ? TD_NORMAL : TD_LABEL, x);
				col += c ? util_display_width(x) : 0;
				if (!c)
					col = w[0];
			}
			textdoc_newline(doc);
		}
		for (size_t k = 0; k < t->rows * t->cols; k++)
			free(shown[k]);
		free(shown);
		free(w);
	}
}

static void csv_field(FILE *out, const char *s)
{
	if (!strpbrk(s, ",\"\n")) {
		fputs(s, out);
		return;
	}
	putc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
}

void report_csv(const struct report *r, FILE *out)
{
	fputs(/* untranslated: a CSV head */ "from,to,table,row,column,value\n",
	      out);
	for (size_t i = 0; i < r->n_t; i++) {
		const struct report_table *t = &r->t[i];
		for (size_t k = 0; k < t->rows; k++)
			for (size_t c = 1; c < t->cols; c++) {
				fprintf(out, "%s,%s,", r->from, r->to);
				csv_field(out, t->id);
				putc(',', out);
				csv_field(out, t->cells[k * t->cols]);
				putc(',', out);
				csv_field(out, t->head[c]);
				putc(',', out);
				csv_field(out, t->cells[k * t->cols + c]);
				putc('\n', out);
			}
	}
}

static const char *cell_text(const struct report *r, const char *id,
			     const char *row, const char *head);

/* Whether a table's text is a count as printed (not "<5", not "x"). */
static bool shown(const char *text)
{
	return *text >= '0' && *text <= '9';
}

/*
 * The board's figure head of table id over its level rows, as printed:
 * one level row gives its cell; several give their sum only when each is
 * printed (the sum then tells nothing the table does not), else "x" (or
 * "<5" under REPORT_MIN_COUNT). The tables' suppression is never undone
 * here. Caller frees.
 */
static char *board_figure(const struct report *r, const char *board_id,
			  const char *id, const char *head, long sum)
{
	const char *one = NULL;
	size_t n = 0;
	bool all_shown = true;
	for (size_t i = 0; i < r->n_g; i++) {
		const struct report_group *g = &r->g[i];
		if (strcmp(g->dim, "board") != 0 ||
		    strcmp(g->board->id, board_id) != 0)
			continue;
		one = cell_text(r, id, g->name, head);
		all_shown &= shown(one);
		n++;
	}
	if (n == 1)
		return xstrdup(one);
	if (report_small(sum))
		return xasprintf("<%d", REPORT_MIN_COUNT);
	return all_shown ? xasprintf("%ld", sum) : xstrdup("x");
}

/* "13 referred", "fewer than 5 referred", or why the count is not there;
 * which is a figure as board_figure gives it, referred and discussed each
 * with its own words (Swedish orders them differently). */
static void put_count(struct strbuf *sb, const char *fig, bool discussed)
{
	if (shown(fig))
		strbuf_printf(
		    sb, discussed ? _("%s discussed") : _("%s referred"), fig);
	else if (fig[0] == '<')
		strbuf_printf(sb,
			      discussed ? _("fewer than %d discussed")
					: _("fewer than %d referred"),
			      REPORT_MIN_COUNT);
	else
		strbuf_puts(sb, discussed ? _("number discussed withheld")
					  : _("number referred withheld"));
}

/* The counts of the board's line as a sentence: a count withheld ("x" in
 * the tables, as it would give away a small group elsewhere) says so in
 * words. */
static void put_counts(struct strbuf *sb, const char *referred,
		       const char *discussed)
{
	bool hide_r = !shown(referred) && referred[0] != '<';
	bool hide_d = !shown(discussed) && discussed[0] != '<';
	if (hide_r && hide_d)
		strbuf_puts(sb, _("numbers referred and discussed withheld"));
	else {
		put_count(sb, referred, false);
		strbuf_puts(sb, ", ");
		put_count(sb, discussed, true);
	}
	if (hide_r || hide_d)
		strbuf_printf(sb,
			      _(" (withheld so that the report's other "
				"figures cannot reveal a group under %d)"),
			      REPORT_MIN_COUNT);
	strbuf_puts(sb, ". ");
}

char *report_board_line(const struct report *r, const char *board_id)
{
	long referred = 0, discussed = 0, within = 0;
	struct report_days days = {0};
	int target = 0;
	const char *name = board_id;
	for (size_t i = 0; i < r->n_g; i++) {
		const struct report_group *g = &r->g[i];
		if (strcmp(g->dim, "board") != 0 ||
		    strcmp(g->board->id, board_id) != 0)
			continue;
		name = board_name(g->board);
		target = g->board->target_days;
		referred += g->referred;
		discussed += g->discussed;
		within += g->within_target;
		report_days_merge(&days, &g->to_meeting);
	}
	long n = days.n;
	/* the counts as the report's tables print them */
	char *a = board_figure(r, board_id, "cases", "referred", referred);
	char *b = board_figure(r, board_id, "cases", "discussed", discussed);
	char *in = board_figure(r, board_id, "waiting", "within", within);
	char *at = board_figure(r, board_id, "waiting", COL_AT_MEETING, n);
	char *med = i18n_decimals_shown(report_fmt_days(&days, 0.5));
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_printf(&sb, _("%s, %s – %s: "), name, r->from, r->to);
	put_counts(&sb, a, b);
	if (n < REPORT_MIN_COUNT)
		strbuf_printf(&sb,
			      _("No median of the days from referral to "
				"meeting: fewer than %d cases reached one."),
			      REPORT_MIN_COUNT);
	else {
		strbuf_printf(&sb, _("Median %s days from referral to meeting"),
			      med);
		if (target > 0) {
			strbuf_printf(&sb,
				      ngettext(" (target %d day",
					       " (target %d days",
					       (unsigned long)target),
				      target);
			/* a share only where both its counts are printed,
			 * and neither it nor what is left of it is small */
			if (shown(in) && shown(at) && !report_small(within) &&
			    !report_small((long)n - within))
				strbuf_printf(&sb, _(", %ld %% within it"),
					      (within * 100 + n / 2) / n);
			strbuf_puts(&sb, ")");
		}
		strbuf_puts(&sb, ".");
	}
	free(a);
	free(b);
	free(in);
	free(at);
	free(med);
	report_days_done(&days);
	return strbuf_detach(&sb);
}

/* ---- Charts ------------------------------------------------------------- */

/* The printed cell of table id, row name, column head; "" when none. */
static const char *cell_text(const struct report *r, const char *id,
			     const char *row, const char *head)
{
	for (size_t i = 0; i < r->n_t; i++) {
		const struct report_table *t = &r->t[i];
		if (strcmp(t->id, id) != 0)
			continue;
		for (size_t c = 1; c < t->cols; c++) {
			if (strcmp(t->head[c], head) != 0)
				continue;
			for (size_t k = 0; k < t->rows; k++)
				if (strcmp(t->cells[k * t->cols], row) == 0)
					return t->cells[k * t->cols + c];
		}
	}
	return "";
}

static const struct {
	int lo, hi; /* days, hi < 0: and more */
} bins[] = {{0, 7}, {8, 14}, {15, 21}, {22, 28}, {29, 42}, {43, -1}};

/* Chart 1: median days to meeting per board and level. */
static void chart_days(const struct report *r, struct chart *c)
{
	chart_init(c, _("Days from referral to meeting, by board and level"),
		   _("days from referral to the meeting"));
	c->legend = xstrdup(_("Bar: median. Whisker: quartiles. Dashed mark: "
			      "the board's target."));
	for (size_t i = 0; i < r->n_g; i++) {
		const struct report_group *g = &r->g[i];
		if (strcmp(g->dim, "board") != 0 && strcmp(g->dim, "all") != 0)
			continue;
		const char *n =
		    cell_text(r, "waiting", g->name, COL_AT_MEETING);
		char label[120];
		bool enough = g->to_meeting.n >= REPORT_MIN_COUNT;
		char *note;
		if (enough) {
			char *m = i18n_decimals_shown(
			    report_fmt_days(&g->to_meeting, 0.5));
			note = xasprintf(_("%s days (n = %s)"), m, n);
			free(m);
		} else
			note =
			    xstrdup(strcmp(n, "x") == 0
					? _("not shown (hidden)")
					: _("not shown (fewer than 5 cases)"));
		struct chart_bar *b = chart_add(
		    c, report_group_label(g, label, sizeof(label)),
		    enough ? report_quantile(&g->to_meeting, 0.5) : -1, note);
		free(note);
		if (enough) {
			b->lo = report_quantile(&g->to_meeting, 0.25);
			b->hi = report_quantile(&g->to_meeting, 0.75);
		}
		if (g->board && g->board->target_days > 0)
			b->mark = g->board->target_days;
	}
}

/* Chart 2: the distribution of waiting days, all cases. */
static void chart_waiting(const struct report *r, struct chart *c)
{
	chart_init(c, _("Waiting days from referral to meeting, all cases"),
		   _("cases"));
	c->whole = true; /* cases counted */
	const struct report_group *all = NULL;
	for (size_t i = 0; i < r->n_g && !all; i++)
		if (strcmp(r->g[i].dim, "all") == 0)
			all = &r->g[i];
	size_t nb = sizeof(bins) / sizeof(bins[0]);
	struct report_sup s;
	report_sup_init(&s);
	size_t cell[8], total;
	for (size_t k = 0; k < nb; k++) {
		long v = all ? report_days_between(&all->to_meeting, bins[k].lo,
						   bins[k].hi)
			     : 0;
		cell[k] = report_sup_cell(&s, v, true);
	}
	total = report_sup_cell(&s, all ? all->to_meeting.n : 0, true);
	report_sup_line(&s, total, cell, nb);
	report_sup_run(&s);
	for (size_t k = 0; k < nb; k++) {
		char label[32];
		if (bins[k].hi < 0)
			snprintf(label, sizeof(label), _("%d days or more"),
				 bins[k].lo);
		else
			snprintf(label, sizeof(label), _("%d–%d days"),
				 bins[k].lo, bins[k].hi);
		char *t = report_sup_text(&s, cell[k]);
		bool shown = s.mark[cell[k]] == REPORT_SHOWN;
		char *note = shown ? xstrdup(t)
				   : xstrdup(s.mark[cell[k]] == REPORT_SMALL
						 ? _("fewer than 5: not shown")
						 : _("not shown (hidden)"));
		chart_add(c, label, shown ? (double)s.v[cell[k]] : -1, note);
		free(note);
		free(t);
	}
	char *t = report_sup_text(&s, total);
	c->legend = xasprintf(_("Cases discussed at a meeting: %s. <%d: fewer "
				"than %d; x: hidden so that a small group "
				"cannot be worked out."),
			      t, REPORT_MIN_COUNT, REPORT_MIN_COUNT);
	free(t);
	report_sup_done(&s);
}

/* Chart 3: recommendations carried out, per group. */
static void chart_followup(const struct report *r, struct chart *c)
{
	chart_init(c, _("Recommendations carried out, by group"),
		   /* xgettext:no-c-format */
		   _("% of signed recommendations"));
	c->max = 100;
	c->legend = xstrdup(_("Counts: carried out of decided. Groups under 5 "
			      "are not shown."));
	const char *const dnames[] = {"region", "sex", "age", "language"};
	for (size_t d = 0; d < 4; d++) {
		char id[40];
		snprintf(id, sizeof(id), "followup-%s", dnames[d]);
		struct chart_bar *h =
		    chart_add(c, _(report_dim_titles[d]), -1, NULL);
		h->heading = true;
		for (size_t i = 0; i < r->n_g; i++) {
			const struct report_group *g = &r->g[i];
			if (strcmp(g->dim, dnames[d]) != 0)
				continue;
			const char *done =
			    cell_text(r, id, g->name, COL_CARRIED_OUT);
			const char *dec = cell_text(r, id, g->name, "decided");
			const char *share = cell_text(r, id, g->name, "share");
			bool shown = strcmp(share, "x") != 0 && *share;
			char *note =
			    shown ? xasprintf(_("%s of %s"), done, dec)
			    : strcmp(dec, "x") == 0
				? xstrdup(_("not shown (hidden)"))
			    : strcmp(done, "x") == 0 || strcmp(dec, "<5") != 0
				? xasprintf(_("%s decided: share not shown"),
					    dec)
				: xstrdup(_("fewer than 5 decided: not shown"));
			char label[120];
			chart_add(
			    c, report_group_label(g, label, sizeof(label)),
			    shown && g->decided
				? 100.0 * (double)g->done / (double)g->decided
				: -1,
			    note);
			free(note);
		}
	}
}

void report_charts(const struct report *r, struct chart_set *out)
{
	struct chart *cs = xcalloc(3, sizeof(*cs));
	chart_days(r, &cs[0]);
	chart_waiting(r, &cs[1]);
	chart_followup(r, &cs[2]);
	/* then every table */
	cs = xrealloc(cs, (3 + r->n_t) * sizeof(*cs));
	for (size_t i = 0; i < r->n_t; i++) {
		const struct report_table *tb = &r->t[i];
		/* the heads as people read them; the table keeps the
		 * English ones (CSV, lookups) */
		const char *head[32];
		for (size_t k = 0; k < tb->cols && k < 32; k++)
			head[k] = _(tb->head[k]);
		chart_init(&cs[3 + i], tb->title, "");
		/* the rows as people read them too */
		const char **cells =
		    xcalloc(tb->rows * tb->cols + 1, sizeof(char *));
		for (size_t k = 0; k < tb->rows * tb->cols; k++)
			cells[k] = k % tb->cols ? tb->cells[k]
						: tb->label[k / tb->cols];
		chart_table(&cs[3 + i], tb->cols, head, tb->rows, cells);
		free(cells);
	}
	chart_set_init(out, cs, 3 + r->n_t);
}

void report_year_before(const char *date, char out[11])
{
	int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
	static const int mdays[] = {31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	y--;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int last = mdays[m - 1] + (m == 2 && leap);
	if (d > last)
		d = last; /* 29 February in a year without one */
	/* the day after */
	if (++d > last) {
		d = 1;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	char buf[48];
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
	snprintf(out, 11, "%.10s", buf);
}

enum tb_status report_board_summary(struct db *db, const struct boards *bs,
				    const char *board_id, const char *date,
				    char **line)
{
	char from[11];
	report_year_before(date, from);
	struct report r;
	enum tb_status st = report_build(db, bs, from, date, &r);
	if (st != TB_OK)
		return st;
	*line = report_board_line(&r, board_id);
	report_done(&r);
	return TB_OK;
}

bool report_course_chart(const struct tb_case *c,
			 const struct decision_brief *d, size_t n,
			 struct chart *out)
{
	/* the scans with a sum, in date order */
	size_t m = 0;
	const struct tb_imaging **im = xcalloc(c->n_imaging + 1, sizeof(*im));
	for (size_t i = 0; i < c->n_imaging; i++)
		if (c->imaging[i].has_recist && c->imaging[i].date &&
		    strlen(c->imaging[i].date) >= 10) {
			size_t k = m++;
			while (k && strcmp(im[k - 1]->date,
					   c->imaging[i].date) > 0) {
				im[k] = im[k - 1];
				k--;
			}
			im[k] = &c->imaging[i];
		}
	if (!m) {
		free(im);
		return false;
	}
	char *title =
	    xasprintf(_("Course of %s: RECIST sum and decisions"),
		      c->external_id ? c->external_id : _("the case"));
	chart_init(out, title, _("RECIST sum of target lesions (mm) by date"));
	free(title);
	const char *first = im[0]->date;
	for (size_t i = 0; i < m; i++)
		chart_point(out, (double)validate_date_diff(first, im[i]->date),
			    im[i]->recist_sum, im[i]->date);
	/* decisions oldest first (d is newest first) */
	for (size_t k = n; k-- > 0;) {
		if (d[k].superseded || !d[k].signed_at ||
		    strlen(d[k].signed_at) < 10)
			continue;
		char on[11];
		snprintf(on, sizeof(on), "%.10s", d[k].signed_at);
		char *label = xasprintf(
		    "%s: %s", on,
		    d[k].recommendation ? d[k].recommendation : "decision");
		chart_event(out, (double)validate_date_diff(first, on), label);
		free(label);
	}
	/* the legend names what is drawn, and only that */
	out->legend =
	    xstrdup(out->n_events
			? _("Dots: RECIST sums at each scan. Dashed lines, "
			    "numbered as listed above: signed decisions (lines "
			    "of treatment).")
			: _("Dots: RECIST sums at each scan. No signed "
			    "decision for this case yet."));
	free(im);
	return true;
}

/*
 * report — the quality and equity report of a period: the cases referred
 * in it, their groups (board and level, region, sex, age band, language)
 * and the tables, each figure one cell wherever it is printed.
 * Suppression is in report_sup.c, the output in report_out.c.
 */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "db_report.h"
#include "decision.h"
#include "form_def.h"
#include "i18n.h"
#include "model.h"
#include "progress.h"
#include "util.h"
#include "validate.h"

/* One case referred in the period, as far as the report needs it: made
 * from its row and added to its groups at once, kept no longer. */
struct rcase {
	char referred[11];
	const struct board *board;
	const char *level;
	const char *region, *sex, *language,
	    *age;		   /* "unknown" when not known */
	const char *first_finding; /* earliest molecular result date, "" none */
	char meeting[11]; /* first meeting that discussed it, "" none */
	bool discussed, deferred, not_discussed;
	bool first, latest; /* has a first, a latest decision */
	char first_signed[11], latest_signed[11];
	bool trial_considered, trial_offered;
	char status[12], reason[16], informed_on[11];
};

static const char *age_band(const char *birth, const char *on)
{
	/* YYYY-MM-DD both (an archive edited by hand may hold less) */
	if (!birth || strlen(birth) < 10 || !on || strlen(on) < 10)
		return "unknown";
	int y1 = atoi(birth), y2 = atoi(on);
	int age = y2 - y1;
	if (strncmp(on + 5, birth + 5, 5) < 0)
		age--;
	if (age < 50)
		return "0–49";
	if (age < 60)
		return "50–59";
	if (age < 70)
		return "60–69";
	if (age < 80)
		return "70–79";
	return "80+";
}

static const char *const age_bands[] = {"0–49", "50–59",   "60–69", "70–79",
					"80+",	"unknown", NULL};
static const char *const levels[] = {"local", "regional", "national", NULL};
static const char *const dims[] = {"region", "sex", "age", "language", NULL};

/* Where a group goes among the rows: boards × levels in the boards'
 * order (rank 0), all cases (1), then each breakdown (2 + its index in
 * dims): sex and age band in their own order and any other word after
 * them as first seen, the others by name. */
struct gorder {
	int rank;
	long k1, k2;
};

struct collect {
	struct report *r;
	const struct boards *bs;
	struct gorder *o; /* r->n_g of them, one a group */
};

static long index_in(const char *const *list, const char *s)
{
	for (long i = 0; list[i]; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

/* The group dim/name, made (at the place key says) when new. */
static struct report_group *group_get(struct collect *co, const char *dim,
				      const char *name,
				      const struct board *board,
				      struct gorder key)
{
	struct report *r = co->r;
	for (size_t i = 0; i < r->n_g; i++)
		if (strcmp(r->g[i].dim, dim) == 0 &&
		    strcmp(r->g[i].name, name) == 0)
			return &r->g[i];
	r->g = xrealloc(r->g, (r->n_g + 1) * sizeof(*r->g));
	co->o = xrealloc(co->o, (r->n_g + 1) * sizeof(*co->o));
	co->o[r->n_g] = key;
	struct report_group *g = &r->g[r->n_g++];
	memset(g, 0, sizeof(*g));
	g->dim = xstrdup(dim);
	g->name = xstrdup(name);
	g->board = board;
	return g;
}

static void group_add(struct report_group *g, const struct rcase *c)
{
	int target = c->board ? c->board->target_days : 0;
	g->referred++;
	g->discussed += c->discussed;
	g->deferred += c->deferred;
	g->not_discussed += c->not_discussed;
	if (c->discussed) {
		long days = validate_date_diff(c->referred, c->meeting);
		report_days_add(&g->to_meeting, days, 1);
		if (target > 0 && days <= target)
			g->within_target++;
		if (*c->first_finding &&
		    strcmp(c->first_finding, c->meeting) <= 0)
			g->molecular++;
		if (c->first)
			report_days_add(
			    &g->to_decision,
			    validate_date_diff(c->meeting, c->first_signed), 1);
	}
	if (c->latest) {
		g->decided++;
		g->trial_considered += c->trial_considered;
		g->trial_offered += c->trial_offered;
		if (strcmp(c->status, "done") == 0)
			g->done++;
		else if (strcmp(c->status, "not-done") == 0) {
			g->not_done++;
			if (strcmp(c->reason, "medical") == 0)
				g->why_medical++;
			else if (strcmp(c->reason, "patient-wish") == 0)
				g->why_patient++;
			else
				g->why_other++;
		} else
			g->open++;
		if (c->informed_on[0]) {
			g->informed++;
			report_days_add(&g->to_informed,
					validate_date_diff(c->latest_signed,
							   c->informed_on),
					1);
		}
	}
}

static const char *case_dim(const struct rcase *c, const char *dim)
{
	return strcmp(dim, "region") == 0 ? c->region
	       : strcmp(dim, "sex") == 0  ? c->sex
	       : strcmp(dim, "age") == 0  ? c->age
					  : c->language;
}

/* The latest decision's trial figures, from its content. */
static void read_trial(struct rcase *c, const char *content)
{
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(content ? content : "", &v);
	const char *tc = form_values_get(&v, "trial-considered");
	const char *rec = form_values_get(&v, "recommendation");
	c->trial_considered = tc && strcmp(tc, "yes") == 0;
	c->trial_offered = rec && strcmp(rec, "trial") == 0;
	form_values_done(&v);
}

/* A case of the period: counted in its board and level, in all cases and
 * in its group of each breakdown. */
static bool case_row(const struct db_report_case *row, void *arg)
{
	struct collect *co = arg;
	struct rcase c = {0};
	snprintf(c.referred, sizeof(c.referred), "%.10s", row->referral_date);
	c.board = boards_for_icd10(co->bs, row->icd10);
	c.level = row->level ? row->level : "";
#define KNOWN(v) ((v) && *(v) ? (v) : "unknown")
	c.region = KNOWN(row->region);
	c.sex = KNOWN(row->sex);
	c.language = KNOWN(row->language);
#undef KNOWN
	c.age = age_band(row->birth_date, c.referred);
	c.first_finding = row->first_finding ? row->first_finding : "";
	c.discussed = row->discussed;
	c.deferred = row->deferred;
	c.not_discussed = row->not_discussed;
	if (row->first_meeting)
		snprintf(c.meeting, sizeof(c.meeting), "%s",
			 row->first_meeting);
	if ((c.first = row->first_signed != NULL))
		snprintf(c.first_signed, sizeof(c.first_signed), "%.10s",
			 row->first_signed);
	if ((c.latest = row->latest_id != 0)) {
		snprintf(c.latest_signed, sizeof(c.latest_signed), "%.10s",
			 row->latest_signed ? row->latest_signed : "");
		read_trial(&c, row->latest_content);
#define COPY(f) snprintf(c.f, sizeof(c.f), "%s", row->f ? row->f : "")
		COPY(status);
		COPY(reason);
		COPY(informed_on);
#undef COPY
	}
	co->r->n_cases++;
	progress_add(1);
	long level = index_in(levels, c.level);
	if (c.board && level >= 0) {
		char name[120];
		snprintf(name, sizeof(name), "%s %s", c.board->id, c.level);
		struct gorder at = {0, (long)(c.board - co->bs->b), level};
		group_add(group_get(co, "board", name, c.board, at), &c);
	}
	group_add(group_get(co, "all", "all", NULL, (struct gorder){1, 0, 0}),
		  &c);
	for (int d = 0; dims[d]; d++) {
		const char *v = case_dim(&c, dims[d]);
		const char *const *order =
		    strcmp(dims[d], "sex") == 0	  ? model_sexes
		    : strcmp(dims[d], "age") == 0 ? age_bands
						  : NULL;
		struct gorder at = {2 + d, 0, 0};
		if (order) {
			long k = index_in(order, v);
			at.k1 = k >= 0 ? k : 1000 + (long)co->r->n_g;
		}
		group_add(group_get(co, dims[d], v, NULL, at), &c);
	}
	return true;
}

/* ---- Tables ------------------------------------------------------------- */

static struct report_table *table_new(struct report *r, const char *id,
				      const char *title,
				      const char *const *head, size_t rows)
{
	r->t = xrealloc(r->t, (r->n_t + 1) * sizeof(*r->t));
	struct report_table *t = &r->t[r->n_t++];
	memset(t, 0, sizeof(*t));
	t->id = xstrdup(id);
	t->title = xstrdup(title);
	while (head[t->cols])
		t->cols++;
	t->head = xcalloc(t->cols, sizeof(char *));
	for (size_t i = 0; i < t->cols; i++)
		t->head[i] = xstrdup(head[i]);
	t->rows = rows;
	size_t n_cells = rows * t->cols;
	t->cells = xcalloc(n_cells ? n_cells : 1, sizeof(char *));
	t->label = xcalloc(rows ? rows : 1, sizeof(char *));
	return t;
}

static void table_set(struct report_table *t, size_t row, size_t col,
		      char *text)
{
	free(t->cells[row * t->cols + col]);
	t->cells[row * t->cols + col] = text;
}

/* Days of fewer than REPORT_MIN_COUNT cases are not given: "n<5", so the
 * cell cannot be read as "under 5 days". */
char *report_fmt_days(const struct report_days *d, double p)
{
	if (d->n < REPORT_MIN_COUNT)
		return xasprintf("n<%d", REPORT_MIN_COUNT);
	double q = report_quantile(d, p);
	return q == (double)(long)q ? xasprintf("%ld", (long)q)
				    : xasprintf("%.1f", q);
}

static char *fmt_quartiles(const struct report_days *d)
{
	if (d->n < REPORT_MIN_COUNT)
		return xasprintf("n<%d", REPORT_MIN_COUNT);
	char *a = report_fmt_days(d, 0.25), *b = report_fmt_days(d, 0.75);
	char *s = xasprintf("%s–%s", a, b);
	free(a);
	free(b);
	return s;
}

/*
 * A table whose rows are groups g[0..n-1] followed by the total row t:
 * columns of counts, each a part of a printed or unprinted whole. Each
 * column is tied by the line "total = sum of the groups", and each count
 * with a whole by "whole = count + rest".
 */
enum col_kind { C_COUNT, C_SHARE, C_TEXT };
struct col {
	const char *head;
	enum col_kind kind;
	long (*count)(const struct report_group *g);
	long (*whole)(const struct report_group *g); /* NULL: none */
	int whole_col; /* the printed column of the whole, -1: not printed */
	char *(*text)(const struct report_group *g);
	bool
	    partition; /* with the others so marked: they add up to the whole */
};

/*
 * Every table of a report is suppressed at once, over one set of cells:
 * a figure (a count, or what is left of a whole after a count) of one
 * group is one cell wherever a table prints it or a line ties it, so a
 * count hidden in one table is hidden in every table that prints it, and
 * no table's totals give away what another table hides. A cell is known
 * by its group and the figure's functions (value a(g) − b(g)).
 */
typedef long (*count_fn)(const struct report_group *g);
struct sup_key {
	const struct report_group *g;
	count_fn a, b; /* b NULL: the count a(g) */
};
struct shared {
	struct report_sup s;
	struct sup_key *k; /* s.n of them */
};

static size_t shared_cell(struct shared *sh, const struct report_group *g,
			  count_fn a, count_fn b, bool printed)
{
	for (size_t i = 0; i < sh->s.n; i++)
		if (sh->k[i].g == g && sh->k[i].a == a && sh->k[i].b == b) {
			if (printed)
				sh->s.printed[i] = true;
			return i;
		}
	size_t c = report_sup_cell(&sh->s, a(g) - (b ? b(g) : 0), printed);
	sh->k = xrealloc(sh->k, sh->s.n * sizeof(*sh->k));
	sh->k[c] = (struct sup_key){.g = g, .a = a, .b = b};
	return c;
}

/* A table waiting for the suppression of the whole report: its rows, its
 * columns and the cell of each count (rows × columns). */
struct pending {
	size_t t; /* index in r->t */
	struct report_group **g;
	size_t n;
	const struct col *cols;
	size_t ncols;
	size_t *cell;
};

/* Adds the table's cells and the lines that tie them to sh; the texts
 * come with pending_fill once every table's lines are in. */
static void build_table(struct report *r, struct shared *sh, struct pending *p,
			const char *id, const char *title,
			const struct col *cols, size_t ncols)
{
	struct report_group **g = p->g;
	size_t n = p->n;
	const char *head[32] = {N_("group")};
	for (size_t c = 0; c < ncols; c++)
		head[c + 1] = cols[c].head;
	head[ncols + 1] = NULL;
	table_new(r, id, title, head, n);
	p->t = r->n_t - 1;
	p->cols = cols;
	p->ncols = ncols;
	/* cell index of each count; the rest (whole − count) when needed */
	size_t *cell = xcalloc(n * ncols + 1, sizeof(size_t));
	size_t *rest = xcalloc(n * ncols + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		for (size_t c = 0; c < ncols; c++) {
			if (cols[c].kind != C_COUNT)
				continue;
			cell[i * ncols + c] =
			    shared_cell(sh, g[i], cols[c].count, NULL, true);
			if (cols[c].whole)
				rest[i * ncols + c] =
				    shared_cell(sh, g[i], cols[c].whole,
						cols[c].count, false);
		}
	for (size_t c = 0; c < ncols; c++) {
		if (cols[c].kind != C_COUNT)
			continue;
		/* the last row is the total of the others */
		size_t *parts = xcalloc(n + 1, sizeof(size_t));
		for (size_t i = 0; i + 1 < n; i++)
			parts[i] = cell[i * ncols + c];
		if (n > 1)
			report_sup_line(&sh->s, cell[(n - 1) * ncols + c],
					parts, n - 1);
		for (size_t i = 0; i + 1 < n; i++)
			parts[i] = rest[i * ncols + c];
		if (n > 1 && cols[c].whole)
			report_sup_line(&sh->s, rest[(n - 1) * ncols + c],
					parts, n - 1);
		free(parts);
		for (size_t i = 0; cols[c].whole && i < n; i++) {
			size_t two[2] = {cell[i * ncols + c],
					 rest[i * ncols + c]};
			size_t whole =
			    shared_cell(sh, g[i], cols[c].whole, NULL,
					cols[c].whole_col >= 0);
			report_sup_line(&sh->s, whole, two, 2);
		}
	}
	/* columns that together add up to a printed whole */
	for (size_t i = 0; i < n; i++)
		for (size_t w = 0; w < ncols; w++) {
			size_t parts[32], k = 0;
			for (size_t c = 0; c < ncols; c++)
				if (cols[c].partition &&
				    cols[c].whole_col == (int)w)
					parts[k++] = cell[i * ncols + c];
			if (k)
				report_sup_line(&sh->s, cell[i * ncols + w],
						parts, k);
		}
	free(rest);
	p->cell = cell;
}

/* A share of part in whole, shown only when both counts it rests on are
 * (a share and its count would give away a hidden whole). */
static char *fmt_share(const struct shared *sh, size_t part, size_t whole)
{
	const struct report_sup *s = &sh->s;
	if (s->mark[part] != REPORT_SHOWN || s->mark[whole] != REPORT_SHOWN ||
	    s->v[whole] <= 0)
		return xstrdup("x");
	return xasprintf("%ld %%",
			 (s->v[part] * 100 + s->v[whole] / 2) / s->v[whole]);
}

/* The texts of a table, after the suppression ran; frees p's arrays. */
static void pending_fill(struct report *r, struct shared *sh, struct pending *p)
{
	struct report_table *t = &r->t[p->t];
	const struct col *cols = p->cols;
	size_t ncols = p->ncols;
	for (size_t i = 0; i < p->n; i++) {
		char buf[120];
		table_set(t, i, 0, xstrdup(p->g[i]->name));
		t->label[i] =
		    xstrdup(report_group_label(p->g[i], buf, sizeof(buf)));
		for (size_t c = 0; c < ncols; c++) {
			char *text;
			if (cols[c].kind == C_COUNT)
				text = report_sup_text(&sh->s,
						       p->cell[i * ncols + c]);
			else if (cols[c].kind == C_SHARE)
				text = fmt_share(sh, p->cell[i * ncols + c - 1],
						 shared_cell(sh, p->g[i],
							     cols[c - 1].whole,
							     NULL, false));
			else
				text = cols[c].text(p->g[i]);
			table_set(t, i, c + 1, text);
		}
	}
	free(p->cell);
	free(p->g);
	memset(p, 0, sizeof(*p));
}

#define COUNT_FN(name, expr)                                                   \
	static long name(const struct report_group *g)                         \
	{                                                                      \
		return (expr);                                                 \
	}
COUNT_FN(c_referred, g->referred)
COUNT_FN(c_discussed, g->discussed)
COUNT_FN(c_deferred, g->deferred)
COUNT_FN(c_not_discussed, g->not_discussed)
COUNT_FN(c_decided, g->decided)
COUNT_FN(c_done, g->done)
COUNT_FN(c_not_done, g->not_done)
COUNT_FN(c_open, g->open)
COUNT_FN(c_medical, g->why_medical)
COUNT_FN(c_patient, g->why_patient)
COUNT_FN(c_other, g->why_other)
COUNT_FN(c_informed, g->informed)
COUNT_FN(c_molecular, g->molecular)
COUNT_FN(c_trial_considered, g->trial_considered)
COUNT_FN(c_trial_offered, g->trial_offered)
COUNT_FN(c_n_meeting, g->to_meeting.n)
COUNT_FN(c_within, g->within_target)

static char *t_target(const struct report_group *g)
{
	if (!g->board)
		return xstrdup("");
	return g->board->target_days > 0
		   ? xasprintf("%d", g->board->target_days)
		   : xstrdup("none");
}
static char *t_meet_med(const struct report_group *g)
{
	return report_fmt_days(&g->to_meeting, 0.5);
}
static char *t_meet_q(const struct report_group *g)
{
	return fmt_quartiles(&g->to_meeting);
}
static char *t_dec_med(const struct report_group *g)
{
	return report_fmt_days(&g->to_decision, 0.5);
}
static char *t_dec_q(const struct report_group *g)
{
	return fmt_quartiles(&g->to_decision);
}
static char *t_inf_med(const struct report_group *g)
{
	return report_fmt_days(&g->to_informed, 0.5);
}

/* The four tables of one set of rows g (n, the total last) into
 * p[0..3] (each gets its own copy of the rows). */
static void build_tables(struct report *r, struct shared *sh, struct pending *p,
			 struct report_group **g, size_t n, const char *suffix,
			 const char *what)
{
	char id[64], title[160];
	for (size_t k = 0; k < 4; k++) {
		p[k].g = xcalloc(n + 1, sizeof(*g));
		memcpy(p[k].g, g, n * sizeof(*g));
		p[k].n = n;
	}
	static const struct col cases[] = {
	    {N_("referred"), C_COUNT, c_referred, NULL, -1, NULL, false},
	    {N_("discussed"), C_COUNT, c_discussed, c_referred, 0, NULL, false},
	    {N_("deferred"), C_COUNT, c_deferred, c_referred, 0, NULL, false},
	    {N_("not discussed"), C_COUNT, c_not_discussed, c_referred, 0, NULL,
	     false},
	};
	snprintf(id, sizeof(id), "cases%s", suffix);
	snprintf(title, sizeof(title), _("Cases %s"), _(what));
	build_table(r, sh, &p[0], id, title, cases, 4);
	static const struct col wait[] = {
	    {N_("at a meeting"), C_COUNT, c_n_meeting, NULL, -1, NULL, false},
	    {N_("target"), C_TEXT, NULL, NULL, -1, t_target, false},
	    {N_("within"), C_COUNT, c_within, c_n_meeting, 0, NULL, false},
	    {N_("share"), C_SHARE, NULL, NULL, -1, NULL, false},
	    {N_("median days to meeting"), C_TEXT, NULL, NULL, -1, t_meet_med,
	     false},
	    {N_("Q1–Q3"), C_TEXT, NULL, NULL, -1, t_meet_q, false},
	    {N_("median days to decision"), C_TEXT, NULL, NULL, -1, t_dec_med,
	     false},
	    {N_("Q1–Q3"), C_TEXT, NULL, NULL, -1, t_dec_q, false},
	};
	snprintf(id, sizeof(id), "waiting%s", suffix);
	snprintf(title, sizeof(title), _("Days to meeting and to decision %s"),
		 _(what));
	static const struct col w2[] = {
	    {N_("at a meeting"), C_COUNT, c_n_meeting, NULL, -1, NULL, false},
	    {N_("median days to meeting"), C_TEXT, NULL, NULL, -1, t_meet_med,
	     false},
	    {N_("Q1–Q3"), C_TEXT, NULL, NULL, -1, t_meet_q, false},
	    {N_("median days to decision"), C_TEXT, NULL, NULL, -1, t_dec_med,
	     false},
	    {N_("Q1–Q3"), C_TEXT, NULL, NULL, -1, t_dec_q, false},
	};
	/* the target applies to board rows only */
	if (*suffix)
		build_table(r, sh, &p[1], id, title, w2, 5);
	else
		build_table(r, sh, &p[1], id, title, wait, 8);
	static const struct col fu[] = {
	    {N_("decided"), C_COUNT, c_decided, NULL, -1, NULL, false},
	    {N_("carried out"), C_COUNT, c_done, c_decided, 0, NULL, true},
	    {N_("share"), C_SHARE, NULL, NULL, -1, NULL, false},
	    {N_("not carried out"), C_COUNT, c_not_done, c_decided, 0, NULL,
	     true},
	    {N_("medical"), C_COUNT, c_medical, c_not_done, 3, NULL, true},
	    {N_("patient's wish"), C_COUNT, c_patient, c_not_done, 3, NULL,
	     true},
	    {N_("other"), C_COUNT, c_other, c_not_done, 3, NULL, true},
	    {N_("open"), C_COUNT, c_open, c_decided, 0, NULL, true},
	    {N_("informed"), C_COUNT, c_informed, c_decided, 0, NULL, false},
	    {N_("days to informed"), C_TEXT, NULL, NULL, -1, t_inf_med, false},
	};
	snprintf(id, sizeof(id), "followup%s", suffix);
	snprintf(title, sizeof(title), _("Follow-up and patients informed %s"),
		 _(what));
	build_table(r, sh, &p[2], id, title, fu, 10);
	static const struct col mt[] = {
	    {N_("discussed"), C_COUNT, c_discussed, NULL, -1, NULL, false},
	    {N_("molecular before"), C_COUNT, c_molecular, c_discussed, 0, NULL,
	     false},
	    {N_("share"), C_SHARE, NULL, NULL, -1, NULL, false},
	    {N_("decided"), C_COUNT, c_decided, NULL, -1, NULL, false},
	    {N_("trial considered"), C_COUNT, c_trial_considered, c_decided, 3,
	     NULL, false},
	    {N_("trial offered"), C_COUNT, c_trial_offered, c_decided, 3, NULL,
	     false},
	};
	snprintf(id, sizeof(id), "molecular-trials%s", suffix);
	snprintf(title, sizeof(title), _("Molecular results and trials %s"),
		 _(what));
	build_table(r, sh, &p[3], id, title, mt, 6);
}

/* ---- Building ----------------------------------------------------------- */

const char *const report_dim_titles[4] = {N_("by region"), N_("by sex"),
					  N_("by age band"),
					  N_("by preferred language")};

void report_tables(struct report *r)
{
	/* tables: rows are pointers into r->g, the total last */
	const char *tdims[] = {"board", "region",   "sex",
			       "age",	"language", NULL};
	const char *suffixes[] = {"", "-region", "-sex", "-age", "-language"};
	const char *whats[] = {N_("by board and level"), report_dim_titles[0],
			       report_dim_titles[1], report_dim_titles[2],
			       report_dim_titles[3]};
	struct shared sh = {0};
	report_sup_init(&sh.s);
	struct pending p[5 * 4];
	memset(p, 0, sizeof(p));
	size_t np = 0;
	for (size_t d = 0; tdims[d]; d++) {
		struct report_group **rows = xcalloc(r->n_g + 1, sizeof(*rows));
		size_t n = 0;
		struct report_group *total = NULL;
		for (size_t i = 0; i < r->n_g; i++) {
			if (strcmp(r->g[i].dim, tdims[d]) == 0)
				rows[n++] = &r->g[i];
			else if (strcmp(r->g[i].dim, "all") == 0)
				total = &r->g[i];
		}
		if (total)
			rows[n++] = total;
		build_tables(r, &sh, &p[np], rows, n, suffixes[d], whats[d]);
		np += 4;
		free(rows);
	}
	report_sup_run(&sh.s);
	for (size_t i = 0; i < np; i++)
		pending_fill(r, &sh, &p[i]);
	free(sh.k);
	report_sup_done(&sh.s);
}

/* The groups put in their order (struct gorder): the tables' rows. */
struct placed {
	struct gorder k;
	const char *name;
	size_t i; /* in r->g as made */
};

static int by_place(const void *x, const void *y)
{
	const struct placed *a = x, *b = y;
	if (a->k.rank != b->k.rank)
		return a->k.rank < b->k.rank ? -1 : 1;
	if (a->k.k1 != b->k.k1)
		return a->k.k1 < b->k.k1 ? -1 : 1;
	if (a->k.k2 != b->k.k2)
		return a->k.k2 < b->k.k2 ? -1 : 1;
	return strcmp(a->name, b->name);
}

static void sort_groups(struct collect *co)
{
	struct report *r = co->r;
	struct placed *p = xcalloc(r->n_g + 1, sizeof(*p));
	for (size_t i = 0; i < r->n_g; i++)
		p[i] = (struct placed){co->o[i], r->g[i].name, i};
	qsort(p, r->n_g, sizeof(*p), by_place);
	struct report_group *g = xcalloc(r->n_g + 1, sizeof(*g));
	for (size_t i = 0; i < r->n_g; i++)
		g[i] = r->g[p[i].i];
	free(r->g);
	r->g = g;
	free(p);
}

enum tb_status report_build(struct db *db, const struct boards *bs,
			    const char *from, const char *to, struct report *r)
{
	memset(r, 0, sizeof(*r));
	char err[VALIDATE_ERR_MAX];
	if (!validate_date(from, NULL, err) || !validate_date(to, NULL, err) ||
	    strcmp(from, to) > 0)
		return TB_INVALID;
	snprintf(r->from, sizeof(r->from), "%s", from);
	snprintf(r->to, sizeof(r->to), "%s", to);
	struct collect co = {.r = r, .bs = bs};
	group_get(&co, "all", "all", NULL, (struct gorder){1, 0, 0});
	/* the period's cases one at a time, read through the index of
	 * referral dates, whatever the archive holds besides */
	enum tb_status st = db_report_cases(db, from, to, case_row, &co);
	if (st == TB_OK) {
		sort_groups(&co);
		report_tables(r);
	}
	free(co.o);
	if (st != TB_OK)
		report_done(r);
	return st;
}

void report_done(struct report *r)
{
	for (size_t i = 0; i < r->n_g; i++) {
		free(r->g[i].dim);
		free(r->g[i].name);
		report_days_done(&r->g[i].to_meeting);
		report_days_done(&r->g[i].to_decision);
		report_days_done(&r->g[i].to_informed);
	}
	free(r->g);
	for (size_t i = 0; i < r->n_t; i++) {
		struct report_table *t = &r->t[i];
		for (size_t c = 0; c < t->cols; c++)
			free(t->head[c]);
		for (size_t c = 0; c < t->rows * t->cols; c++)
			free(t->cells[c]);
		for (size_t k = 0; k < t->rows; k++)
			free(t->label[k]);
		free(t->head);
		free(t->cells);
		free(t->label);
		free(t->id);
		free(t->title);
	}
	free(r->t);
	memset(r, 0, sizeof(*r));
}

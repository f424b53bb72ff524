#include "followup.h"

#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "db_case.h"
#include "db_decision.h"
#include "db_form.h"
#include "db_meeting.h"
#include "decision.h"
#include "diag.h"
#include "form_type.h"
#include "minutes.h"
#include "model.h"
#include "model_list.h"
#include "i18n.h"
#include "perm.h"
#include "progress.h"
#include "status.h"
#include "textdoc.h"
#include "util.h"
#include "validate.h"

/* Every decision, for the turnaround figures. */
struct all {
	struct tb_decision *d;
	size_t n, cap;
};

static bool collect(const struct tb_decision *d, void *arg)
{
	struct all *a = arg;
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 64;
		a->d = xrealloc(a->d, a->cap * sizeof(*a->d));
	}
	struct tb_decision *c = &a->d[a->n++];
	memset(c, 0, sizeof(*c));
	c->id = d->id;
	c->case_id = d->case_id;
	c->version = d->version;
	c->meeting_id = d->meeting_id;
	c->signed_at = xstrdup(d->signed_at);
	return true;
}

static void all_done(struct all *a)
{
	for (size_t i = 0; i < a->n; i++)
		db_decision_done(&a->d[i]);
	free(a->d);
}

struct care_pair {
	long long id;
	char *name, *family, *given;
};

struct care_load {
	struct care_pair *p;
	size_t n;
};

static bool care_row(const struct db_case_row *r, void *arg)
{
	struct care_load *cl = arg;
	cl->p = xrealloc(cl->p, (cl->n + 1) * sizeof(*cl->p));
	struct care_pair *p = &cl->p[cl->n++];
	p->id = r->id;
	p->family = xstrdup(r->family_name ? r->family_name : "");
	p->given = xstrdup(r->given_name ? r->given_name : "");
	/* as the case list writes it (render.c) */
	p->name = xasprintf("%s, %s", p->family, p->given);
	return true;
}

enum tb_status followup_care_load(struct db *db, struct followup_care *fc)
{
	memset(fc, 0, sizeof(*fc));
	/* the same limit as the case list's (cases, the screen's list), of
	 * the decided cases alone: a list of decisions names no other */
	struct perm_care care;
	bool limited = perm_list_care(&care);
	struct care_load cl = {0};
	enum tb_status st =
	    db_case_decided(db, limited ? &care.c : NULL, care_row, &cl);
	perm_care_done(&care);
	/* by id (db_case_decided), as followup_care_find looks them up */
	fc->ids = xcalloc(cl.n ? cl.n : 1, sizeof(*fc->ids));
	fc->names = xcalloc(cl.n ? cl.n : 1, sizeof(*fc->names));
	fc->family = xcalloc(cl.n ? cl.n : 1, sizeof(*fc->family));
	fc->given = xcalloc(cl.n ? cl.n : 1, sizeof(*fc->given));
	for (size_t i = 0; i < cl.n; i++) {
		fc->ids[i] = cl.p[i].id;
		fc->names[i] = cl.p[i].name;
		fc->family[i] = cl.p[i].family;
		fc->given[i] = cl.p[i].given;
	}
	fc->n = cl.n;
	free(cl.p);
	if (st != TB_OK)
		followup_care_done(fc);
	return st;
}

long followup_care_find(const struct followup_care *fc, long long case_row)
{
	const long long *at = fc->n ? bsearch(&case_row, fc->ids, fc->n,
					      sizeof(*fc->ids), util_cmp_ll)
				    : NULL;
	return at ? (long)(at - fc->ids) : -1;
}

const char *followup_care_name(const struct followup_care *fc,
			       long long case_row)
{
	long i = followup_care_find(fc, case_row);
	return i >= 0 ? fc->names[i] : NULL;
}

void followup_care_done(struct followup_care *fc)
{
	for (size_t i = 0; i < fc->n; i++) {
		free(fc->names[i]);
		free(fc->family[i]);
		free(fc->given[i]);
	}
	free(fc->names);
	free(fc->family);
	free(fc->given);
	free(fc->ids);
	memset(fc, 0, sizeof(*fc));
}

enum tb_status followup_open_change(struct db *db, long long decision_id,
				    bool on_screen, char **err)
{
	struct tb_decision d;
	*err = NULL;
	enum tb_status st = db_decision_get(db, decision_id, &d);
	if (st != TB_OK)
		return st;
	long long case_id = d.case_id;
	db_decision_done(&d);
	/* the screen's refusal says how to be asked there, not the option */
	struct perm_asker screen = {NULL, NULL};
	char until[21];
	return access_open_case_asking(db, ACCESS_FOLLOWUP, case_id,
				       on_screen ? &screen : NULL, until, err);
}

enum tb_status followup_record(struct db *db, long long decision_id,
			       const struct followup_change *ch, bool on_screen,
			       char **err)
{
	*err = NULL;
	if (db_begin(db) != TB_OK) {
		*err = xstrdup(status_message(TB_DB));
		return TB_DB;
	}
	enum tb_status st =
	    followup_open_change(db, decision_id, on_screen, err);
	if (st == TB_OK && ch->informed_on)
		st = db_followup_informed(db, decision_id, ch->informed_on,
					  ch->informed_by, ch->how);
	else if (st == TB_OK)
		st = db_followup_set(db, decision_id, ch->status, ch->reason,
				     ch->note);
	/* a refusal wrote its audit entry alone: kept, as outside */
	if (st == TB_OK || st == TB_DENIED) {
		enum tb_status cst = db_commit(db);
		if (st == TB_OK)
			st = cst;
	} else
		db_rollback(db);
	return st;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

void followup_facts_of(const struct form *f, const struct form_values *v,
		       struct tb_followup_facts *out)
{
	memset(out, 0, sizeof(*out));
	out->due = dup_or_null(form_role_value(f, v, "follow-up-date", NULL));
	out->owner =
	    dup_or_null(form_role_value(f, v, "follow-up-owner", NULL));
	const struct form_field *fd = NULL;
	const char *rec = form_role_value(f, v, "recommendation", &fd);
	if (rec && *rec && fd) {
		out->rec_field = xstrdup(fd->id);
		out->rec_value = xstrdup(rec);
	}
}

/* The facts of a batch of decisions signed before schema 28, read from
 * their content. */
struct due_batch {
	const struct form_set *forms;
	long long *ids;
	struct tb_followup_facts *facts;
	size_t n;
};

static bool due_of(long long id, const char *form_id, const char *form_version,
		   const char *content, void *arg)
{
	struct due_batch *b = arg;
	const struct form *f =
	    form_set_version(b->forms, form_id, form_version);
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(content, &v);
	b->ids = xrealloc(b->ids, (b->n + 1) * sizeof(*b->ids));
	b->facts = xrealloc(b->facts, (b->n + 1) * sizeof(*b->facts));
	b->ids[b->n] = id;
	followup_facts_of(f, &v, &b->facts[b->n++]);
	form_values_done(&v);
	return true;
}

/* Decisions read and written per transaction while catching up. */
#define DUE_BATCH 1000

enum tb_status followup_due_catch_up(struct db *db,
				     const struct form_set *forms,
				     bool progress)
{
	long long left = 0;
	enum tb_status st = db_followup_unknown_count(db, &left);
	if (st != TB_OK || !left)
		return st;
	if (progress)
		progress_begin("followup", N_("decisions"), left);
	for (bool more = true; st == TB_OK && more;) {
		struct due_batch b = {.forms = forms};
		st = db_followup_unknown(db, DUE_BATCH, due_of, &b);
		more = b.n == DUE_BATCH;
		if (st == TB_OK && b.n)
			st = db_begin(db);
		for (size_t i = 0; st == TB_OK && i < b.n; i++)
			st = db_followup_due_put(db, b.ids[i], &b.facts[i]);
		if (st == TB_OK && b.n)
			st = db_commit(db);
		else if (b.n)
			db_rollback(db);
		if (progress)
			progress_add((long long)b.n);
		for (size_t i = 0; i < b.n; i++)
			db_followup_facts_done(&b.facts[i]);
		free(b.facts);
		free(b.ids);
	}
	if (progress && st == TB_OK)
		progress_end();
	else if (progress)
		progress_abandon();
	return st;
}

struct window_rows {
	const struct form_set *forms;
	const char *today;
	bool (*fn)(const struct followup_row *r, void *arg);
	void *arg;
};

static bool window_row(const struct db_followup_item *it, void *arg)
{
	const struct window_rows *w = arg;
	/* the recommendation in the reader's language, by its field */
	const struct form *f =
	    form_set_version(w->forms, it->form_id, it->form_version);
	const struct form_field *fd =
	    f && *it->rec_field ? form_field(f, it->rec_field, NULL) : NULL;
	char *rec =
	    fd ? form_type_format(f, fd, it->rec_value, i18n_language()) : NULL;
	/* as the case list writes it (render.c) */
	char *name = xasprintf("%s, %s", it->family, it->given);
	const char *status = it->fu.status[0] ? it->fu.status : "open";
	struct followup_row r = {.decision_id = it->decision_id,
				 .case_row = it->case_row,
				 .case_id = it->case_id,
				 .name = name,
				 .family = it->family,
				 .given = it->given,
				 .version = it->version,
				 .due = it->due,
				 .day = it->day,
				 .owner = it->owner,
				 .recommendation = rec ? rec : "",
				 .status = status,
				 .reason = it->fu.reason,
				 .overdue = strcmp(status, "open") == 0 &&
					    *it->due &&
					    strcmp(it->due, w->today) < 0,
				 .informed_on = it->fu.informed_on};
	bool more = w->fn(&r, w->arg);
	free(name);
	free(rec);
	return more;
}

enum tb_status
followup_window(struct db *db, const struct form_set *forms, const char *today,
		struct db_followup_span *span,
		bool (*fn)(const struct followup_row *r, void *arg), void *arg)
{
	enum tb_status st = followup_due_catch_up(db, forms, false);
	if (st != TB_OK)
		return st;
	/* a decision of a patient outside the user's care is not listed,
	 * as the case is not */
	struct perm_care care;
	bool limited = perm_list_care(&care);
	struct window_rows w = {forms, today, fn, arg};
	st = db_followup_window(db, limited ? &care.c : NULL, today, span,
				window_row, &w);
	perm_care_done(&care);
	return st;
}

enum tb_status
followup_list(struct db *db, const struct form_set *forms, const char *today,
	      bool (*fn)(const struct followup_row *r, void *arg), void *arg)
{
	struct db_followup_span every = {.past = -1, .ahead = -1};
	enum tb_status st = followup_due_catch_up(db, forms, true);
	return st == TB_OK ? followup_window(db, forms, today, &every, fn, arg)
			   : st;
}

const char *followup_status_label(const char *status)
{
	if (strcmp(status, "open") == 0)
		return pgettext("follow-up status", "open");
	/* the words of the keys that record them (c, x) */
	if (strcmp(status, "done") == 0)
		return pgettext("follow-up status", "carried out");
	if (strcmp(status, "not-done") == 0)
		return pgettext("follow-up status", "not carried out");
	return status;
}

const char *followup_reason_label(const char *reason)
{
	if (strcmp(reason, "medical") == 0)
		return pgettext("not carried out", "medical");
	if (strcmp(reason, "patient-wish") == 0)
		return pgettext("not carried out", "patient's wish");
	if (strcmp(reason, "other") == 0)
		return pgettext("not carried out", "other");
	return reason;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

static double median(double *v, size_t n)
{
	if (!n)
		return -1;
	qsort(v, n, sizeof(double), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

enum tb_status followup_turnaround(struct db *db, const struct boards *bs,
				   struct turnaround **out, size_t *n_out)
{
	struct all a = {0};
	enum tb_status st = db_decision_each(db, 0, collect, &a);
	struct turnaround *t = xcalloc(bs->n ? bs->n : 1, sizeof(*t));
	double **rm = xcalloc(bs->n ? bs->n : 1, sizeof(double *));
	double **ms = xcalloc(bs->n ? bs->n : 1, sizeof(double *));
	double **rs = xcalloc(bs->n ? bs->n : 1, sizeof(double *));
	for (size_t b = 0; b < bs->n; b++) {
		t[b].board_id = bs->b[b].id;
		t[b].board_name = board_name(&bs->b[b]);
		rm[b] = xcalloc(a.n ? a.n : 1, sizeof(double));
		ms[b] = xcalloc(a.n ? a.n : 1, sizeof(double));
		rs[b] = xcalloc(a.n ? a.n : 1, sizeof(double));
	}
	for (size_t i = 0; st == TB_OK && i < a.n; i++) {
		if (a.d[i].version != 1)
			continue; /* the first decision of each case */
		struct tb_case *c = NULL;
		if ((st = db_case_load(db, a.d[i].case_id, &c)) != TB_OK)
			break;
		const struct board *b = boards_for_icd10(bs, c->icd10);
		char signed_on[11];
		snprintf(signed_on, sizeof(signed_on), "%.10s",
			 a.d[i].signed_at);
		if (b && c->referral_date) {
			size_t k = (size_t)(b - bs->b);
			struct tb_meeting m;
			t[k].n++;
			rs[k][t[k].n - 1] = (double)validate_date_diff(
			    c->referral_date, signed_on);
			if (a.d[i].meeting_id &&
			    db_meeting_get(db, a.d[i].meeting_id, &m) ==
				TB_OK) {
				/* from the day it met, not the one planned */
				char held[11];
				model_meeting_held_on(&m, held);
				size_t j = t[k].n_meeting++;
				rm[k][j] = (double)validate_date_diff(
				    c->referral_date, held);
				ms[k][j] =
				    (double)validate_date_diff(held, signed_on);
			}
		}
		model_case_free(&c);
	}
	for (size_t b = 0; b < bs->n; b++) {
		t[b].referral_to_signed = median(rs[b], t[b].n);
		t[b].referral_to_meeting = median(rm[b], t[b].n_meeting);
		t[b].meeting_to_signed = median(ms[b], t[b].n_meeting);
		free(rm[b]);
		free(ms[b]);
		free(rs[b]);
	}
	free(rm);
	free(ms);
	free(rs);
	all_done(&a);
	if (st != TB_OK) {
		free(t);
		t = NULL;
	}
	*out = t;
	*n_out = st == TB_OK ? bs->n : 0;
	return st;
}

struct finish {
	struct db *db;
	struct strbuf discussed, deferred, not_discussed, meanwhile, drafts;
	char **listed_ext; /* not reached, not decided meanwhile */
	size_t n_listed;
	/* what became of the cases, counted as they are listed */
	struct minutes_tally tally;
};

/* A case of the finished meeting's record, counted and listed by the
 * rule the minutes count by (minutes_tally_case): the one pass. */
static bool finish_row(const struct db_agenda_row *r, void *arg)
{
	struct finish *fi = arg;
	struct strbuf *to = NULL;
	switch (minutes_tally_case(&fi->tally, r, true)) {
	case MINUTES_ALREADY_SIGNED: /* decided meanwhile, not moved on */
		to = &fi->meanwhile;
		break;
	case MINUTES_NOT_REACHED:
		fi->listed_ext = xrealloc(fi->listed_ext,
					  (fi->n_listed + 1) * sizeof(char *));
		fi->listed_ext[fi->n_listed++] = xstrdup(r->external_id);
		break;
	case MINUTES_UNDECIDED:
		/* discussed, or opened at the meeting (finishing recorded
		 * it discussed), with no decision signed at it */
		to = &fi->discussed;
		break;
	case MINUTES_DEFERRED: {
		/* deferred to which meeting: where the case is now */
		char *where = r->next_meeting
				  ? db_meeting_label(fi->db, r->next_meeting)
				  : xstrdup(_("no later meeting"));
		strbuf_printf(&fi->deferred, "%s%s → %s",
			      fi->deferred.len ? ", " : "", r->external_id,
			      where);
		free(where);
		break;
	}
	case MINUTES_NOT_DISCUSSED:
		to = &fi->not_discussed;
		break;
	case MINUTES_DECIDED:
	case MINUTES_LISTED:
		break;
	}
	if (to)
		strbuf_printf(to, "%s%s", to->len ? ", " : "", r->external_id);
	return true;
}

struct decided {
	long long meeting_id;
	struct textdoc *doc;
	long long *cases; /* each case once */
	bool *amended;	  /* its decision amended (at the meeting or since
			     an earlier one) */
	size_t n;
};

static bool decided_row(const struct tb_decision *d, void *arg)
{
	struct decided *dd = arg;
	if (d->meeting_id != dd->meeting_id)
		return true;
	textdoc_printf(dd->doc, TD_NORMAL,
		       _("  decision %lld: %s (version %d, signed by %s)"),
		       d->id, d->case_external_id, d->version, d->signed_by);
	textdoc_newline(dd->doc);
	/* a case signed and amended at the meeting is one case */
	for (size_t i = 0; i < dd->n; i++)
		if (dd->cases[i] == d->case_id) {
			dd->amended[i] = true;
			return true;
		}
	dd->cases = xrealloc(dd->cases, (dd->n + 1) * sizeof(long long));
	dd->amended = xrealloc(dd->amended, (dd->n + 1) * sizeof(bool));
	dd->amended[dd->n] = d->version > 1;
	dd->cases[dd->n++] = d->case_id;
	return true;
}

/* The finish report's last line: the meeting's tally (the minutes'
 * words) and what finishing moved, wrapped (the screen is narrower than
 * the command line). */
static void put_counts(struct textdoc *doc, const struct minutes_tally *t,
		       const struct db_finish *res)
{
	struct strbuf sb = {0};
	char *words = minutes_tally_words(t, 0);
	strbuf_puts(&sb, words);
	free(words);
	strbuf_printf(&sb,
		      ngettext(", %d moved on", ", %d moved on",
			       (unsigned long)res->moved),
		      res->moved);
	strbuf_printf(&sb,
		      ngettext(", %d not moved", ", %d not moved",
			       (unsigned long)res->not_moved),
		      res->not_moved);
	textdoc_wrap(doc, 0, TD_STRONG, sb.buf);
	strbuf_done(&sb);
}

enum tb_status followup_finish_meeting(struct db *db, long long meeting_id,
				       struct textdoc *doc)
{
	struct db_finish res;
	return followup_finish_meeting_result(db, meeting_id, doc, &res, NULL);
}

/* The report's title, a start on another day, and the cases not reached
 * (where they went). */
static void put_not_reached(struct db *db, struct textdoc *doc,
			    const struct tb_meeting *m, const struct finish *fi,
			    const struct db_finish *res)
{
	textdoc_printf(doc, TD_TITLE, _("Meeting %lld finished"), m->id);
	textdoc_newline(doc);
	/* a meeting held on another day than planned says so */
	if (m->started[0] && strncmp(m->started, m->date, 10) != 0) {
		textdoc_printf(doc, TD_WARN,
			       _("Planned for %s %s; started %.10s %.5s "
				 "UTC"),
			       m->date, m->start_time, m->started,
			       m->started + 11);
		textdoc_newline(doc);
	}
	textdoc_put(doc, TD_HEADING, _("Not reached"));
	textdoc_newline(doc);
	char *next = res->next ? db_meeting_label(db, res->next) : NULL;
	for (size_t i = 0; i < fi->n_listed; i++) {
		if (next)
			textdoc_printf(doc, TD_NORMAL, _("  moved to %s: %s"),
				       next, fi->listed_ext[i]);
		else
			textdoc_printf(doc, TD_WARN,
				       _("  NOT MOVED (no later meeting "
					 "of the board; back in the referral "
					 "queue): %s"),
				       fi->listed_ext[i]);
		textdoc_newline(doc);
	}
	free(next);
	if (!fi->n_listed) {
		textdoc_put(doc, TD_DIM, _("  none"));
		textdoc_newline(doc);
	}
}

/* The decisions signed at the meeting, the cases discussed without one,
 * deferred and not discussed, the decision drafts left unsigned, and the
 * counts. */
static void put_outcomes(struct db *db, struct textdoc *doc,
			 long long meeting_id, struct finish *fi,
			 const struct db_finish *res,
			 struct minutes_tally *tally)
{
	struct decided dd = {.meeting_id = meeting_id, .doc = doc};
	textdoc_put(doc, TD_HEADING, _("Decided"));
	textdoc_newline(doc);
	db_decision_each_meeting(db, meeting_id, decided_row, &dd);
	if (!dd.n) {
		textdoc_put(doc, TD_DIM, _("  none"));
		textdoc_newline(doc);
	}
	const struct {
		const char *label;
		struct strbuf *sb;
	} parts[] = {/* signed elsewhere before the meeting reached them */
		     {_("Already signed (decided meanwhile, not moved on)"),
		      &fi->meanwhile},
		     {_("Discussed without a decision"), &fi->discussed},
		     {_("Deferred"), &fi->deferred},
		     {_("Listed but not discussed"), &fi->not_discussed},
		     {_("Decision drafts left unsigned (kept with their "
			"cases)"),
		      &fi->drafts}};
	for (size_t p = 0; p < UTIL_ARRAY_LEN(parts); p++) {
		/* the already signed and the drafts only when there are
		 * some */
		if ((parts[p].sb == &fi->drafts ||
		     parts[p].sb == &fi->meanwhile) &&
		    !parts[p].sb->len)
			continue;
		textdoc_put(doc, TD_HEADING, parts[p].label);
		textdoc_newline(doc);
		textdoc_wrap(doc, 2, parts[p].sb->len ? TD_NORMAL : TD_DIM,
			     parts[p].sb->len ? parts[p].sb->buf : _("none"));
	}
	if (res->withdrawn) {
		textdoc_printf(doc, TD_NORMAL,
			       ngettext("%d case decided here taken "
					"off later agendas",
					"%d cases decided here taken "
					"off later agendas",
					(unsigned long)res->withdrawn),
			       res->withdrawn);
		textdoc_newline(doc);
	}
	/* cases, not decisions: one signed and amended at the meeting is
	 * one case decided; one decided at it but not on its agenda is
	 * decided too, not one of its cases, as the minutes count it */
	struct minutes_tally t = fi->tally;
	t.decided = (int)dd.n;
	for (size_t i = 0; i < dd.n; i++)
		t.amended += dd.amended[i];
	put_counts(doc, &t, res);
	if (tally)
		*tally = t;
	free(dd.cases);
	free(dd.amended);
}

static void finish_done(struct finish *fi)
{
	for (size_t i = 0; i < fi->n_listed; i++)
		free(fi->listed_ext[i]);
	free(fi->listed_ext);
	strbuf_done(&fi->discussed);
	strbuf_done(&fi->deferred);
	strbuf_done(&fi->not_discussed);
	strbuf_done(&fi->meanwhile);
	strbuf_done(&fi->drafts);
}

enum tb_status followup_finish_meeting_result(struct db *db,
					      long long meeting_id,
					      struct textdoc *doc,
					      struct db_finish *res,
					      struct minutes_tally *tally)
{
	struct tb_meeting m;
	struct finish fi = {.db = db};
	memset(res, 0, sizeof(*res));
	enum tb_status st = db_meeting_get(db, meeting_id, &m);
	if (st == TB_OK && strcmp(m.status, "running") != 0)
		st = TB_INVALID;
	if (st != TB_OK)
		return st;
	strbuf_init(&fi.discussed);
	strbuf_init(&fi.deferred);
	strbuf_init(&fi.not_discussed);
	strbuf_init(&fi.meanwhile);
	strbuf_init(&fi.drafts);
	/* the decision drafts finishing leaves unsigned, before the cases
	 * not reached leave the agenda */
	int n_drafts = 0;
	st = db_form_agenda_drafts(db, meeting_id, &fi.drafts, &n_drafts);
	/* one transaction: everything moves and the meeting finishes, or
	 * nothing changes */
	if (st == TB_OK)
		st = db_meeting_finish_all(db, meeting_id, res);
	/* what became of each case, from the finished meeting's record */
	if (st == TB_OK)
		st = db_agenda_record(db, meeting_id, finish_row, &fi);
	if (st == TB_OK) {
		put_not_reached(db, doc, &m, &fi, res);
		put_outcomes(db, doc, meeting_id, &fi, res, tally);
		/* the minutes as they stand at the finish, in the audit log;
		 * the meeting is finished whether or not this succeeds */
		res->minutes = minutes_record_finish(db, meeting_id) == TB_OK;
	}
	finish_done(&fi);
	return st;
}

/* ------------------------------------------------------------------------
 * The follow-up list's index against the decisions (verify)
 * ---------------------------------------------------------------------- */

struct index_check {
	const struct form_set *forms;
	struct diag *d;
};

static bool same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* What of the row differs from what the decision says, in words; NULL
 * when nothing does. */
static const char *index_differs(const struct db_followup_check *c,
				 const struct form_set *forms)
{
	if (c->x_case_row != c->case_row)
		return _("its case");
	if (c->x_latest != c->latest)
		return _("whether a later version replaces it");
	if (!c->x_known)
		return same(c->x_day, c->signed_on) && !c->x_due
			   ? NULL
			   : _("the day it stands at");
	const char *why = NULL;
	if (!forms)
		return NULL;
	const struct form *f =
	    form_set_version(forms, c->form_id, c->form_version);
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(c->content, &v);
	struct tb_followup_facts want;
	followup_facts_of(f, &v, &want);
	if (!same(c->x_due, want.due) ||
	    !same(c->x_day, want.due ? want.due : c->signed_on))
		why = _("its follow-up date");
	else if (!same(c->x_owner, want.owner))
		why = _("its owner");
	else if (!same(c->x_rec_field, want.rec_field) ||
		 !same(c->x_rec_value, want.rec_value))
		why = _("its recommendation");
	db_followup_facts_done(&want);
	form_values_done(&v);
	return why;
}

static bool index_row(const struct db_followup_check *c, void *arg)
{
	struct index_check *ic = arg;
	const char *why = c->indexed ? index_differs(c, ic->forms) : NULL;
	if (!c->indexed)
		diag_add(ic->d, NULL, 0, "followup",
			 _("decision %lld (case %s) is missing from the "
			   "follow-up list's index"),
			 c->decision_id, c->case_id);
	else if (why)
		diag_add(ic->d, NULL, 0, "followup",
			 _("the follow-up list's index differs from decision "
			   "%lld (case %s) in %s"),
			 c->decision_id, c->case_id, why);
	return true;
}

enum tb_status followup_index_verify(struct db *db,
				     const struct form_set *forms,
				     struct diag *d)
{
	struct index_check ic = {forms, d};
	long long orphans = 0;
	enum tb_status st =
	    db_followup_check_each(db, index_row, &ic, &orphans);
	if (st == TB_OK && orphans)
		diag_add(d, NULL, 0, "followup",
			 ngettext("the follow-up list's index names %lld "
				  "decision that is not in the archive",
				  "the follow-up list's index names %lld "
				  "decisions that are not in the archive",
				  (unsigned long)orphans),
			 orphans);
	return st;
}

/*
 * A summary out of the program (the audit record, PDF, lp) and loading a
 * decision's summary with its version chain.
 */
#include "summary.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"
#include "db_case.h"
#include "db_meeting.h"
#include "db_user.h"
#include "decision.h"
#include "i18n.h"
#include "import_kb.h"
#include "pdf.h"
#include "user.h"
#include "util.h"

/* ---- out of the program ---- */

char *summary_staff_notes(const struct summary_src *src)
{
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(src->d->content, &v);
	const char *nurse = form_role_value(src->f, &v, "contact-nurse", NULL);
	const char *phone = form_role_value(src->f, &v, "contact-phone", NULL);
	struct strbuf sb;
	strbuf_init(&sb);
	if (src->c->patient.interpreter)
		strbuf_printf(&sb, "%s\n",
			      _("the patient needs an interpreter: book one "
				"for when the letter is handed over and "
				"explained"));
	if (!phone || !*phone)
		strbuf_printf(&sb, "%s\n",
			      _("the contact nurse's phone number is missing "
				"from the decision: the letter sends the "
				"patient to the clinic or to 1177"));
	if (nurse && *nurse && !src->nurse_known) {
		strbuf_printf(&sb,
			      _("the contact nurse '%s' is not a known user: "
				"the letter does not say where to reach that "
				"name"),
			      nurse);
		strbuf_puts(&sb, "\n");
	}
	form_values_done(&v);
	return sb.len ? strbuf_detach(&sb) : (strbuf_done(&sb), NULL);
}

char *summary_nurse_line(struct db *db, const struct form *f,
			 const struct form_values *v)
{
	const char *nurse = form_role_value(f, v, "contact-nurse", NULL);
	if (!nurse || util_blank(nurse) ||
	    summary_nurse_user(db, nurse, NULL, NULL))
		return NULL;
	return xasprintf(_("Contact nurse '%s' is not a known user: the "
			   "patient's letter will not say where to reach that "
			   "name (give a user's name, or the phone number)"),
			 nurse);
}

struct nurse_match {
	const char *who, *referrer_unit;
	size_t n;
	char *unit;
	bool differ; /* users of that name have different units */
};

static bool nurse_row(const struct user *u, void *arg)
{
	struct nurse_match *m = arg;
	if (!u->active || strcasecmp(u->name, m->who) != 0)
		return true;
	const char *unit = u->n_units ? u->units[0] : NULL;
	if (m->referrer_unit && user_in_unit(u, m->referrer_unit))
		unit = m->referrer_unit;
	if (m->n++ == 0)
		m->unit = unit ? xstrdup(unit) : NULL;
	else if (!unit || !m->unit || strcmp(unit, m->unit) != 0)
		m->differ = true;
	return true;
}

bool summary_nurse_user(struct db *db, const char *name,
			const char *referrer_unit, char **unit)
{
	if (unit)
		*unit = NULL;
	char *who = xstrdup(name ? name : "");
	struct nurse_match m = {.who = util_trim(who),
				.referrer_unit = referrer_unit};
	if (*m.who && db_user_list(db, nurse_row, &m) != TB_OK)
		m.n = 0;
	if (m.n && !m.differ && unit) {
		*unit = m.unit;
		m.unit = NULL;
	}
	free(m.unit);
	free(who);
	return m.n > 0;
}

enum tb_status summary_record(struct db *db, const struct tb_decision *d,
			      const char *what)
{
	char *detail =
	    xasprintf(/* untranslated: an audit detail */ "%s, version %d",
		      what, d->version);
	enum tb_status st = db_begin(db);
	if (st == TB_OK)
		st = db_audit_append(db, db_actor(), "export", "decision",
				     d->id, detail);
	if (st == TB_OK)
		st = db_commit(db);
	else
		db_rollback(db);
	free(detail);
	return st;
}

static enum tb_status write_pdf(const struct summary_src *src, const char *lang,
				const char *path, struct summary_info *info,
				char *err, size_t errlen)
{
	struct textdoc doc;
	textdoc_init(&doc, PDF_TEXTDOC_WIDTH);
	summary_patient(src, lang, &doc, info);
	char *header = summary_header(src, lang);
	struct pdf_options po = {
	    .title = form_phrase(src->ph, "title", info->lang, NULL),
	    .page_text = form_phrase(src->ph, "page", info->lang, NULL),
	    .footer_text = src->board_name,
	    .header_text = header};
	enum tb_status st = pdf_write(&doc, &po, path, err, errlen);
	free(header);
	textdoc_done(&doc);
	return st;
}

enum tb_status summary_pdf(struct db *db, const struct summary_src *src,
			   const char *lang, const char *path,
			   struct summary_info *info, char *err, size_t errlen)
{
	enum tb_status st = write_pdf(src, lang, path, info, err, errlen);
	if (st == TB_OK) {
		char *what = xasprintf(/* untranslated: an audit detail */
				       "patient summary, PDF, %s", info->lang);
		st = summary_record(db, src->d, what);
		free(what);
		if (st != TB_OK)
			snprintf(err, errlen, _("the export was not recorded"));
	}
	return st;
}

enum tb_status summary_print(struct db *db, const struct summary_src *src,
			     const char *lang, const char *printer,
			     struct summary_info *info, char *err,
			     size_t errlen)
{
	char *tmp = pdf_temp_file("summary", err, errlen);
	if (!tmp)
		return TB_IO;
	if (!printer || !*printer)
		printer = getenv("TUMORBOARD_PRINTER");
	enum tb_status st = write_pdf(src, lang, tmp, info, err, errlen);
	if (st == TB_OK)
		st = pdf_lp(tmp, printer,
			    form_phrase(src->ph, "title", info->lang, NULL),
			    _("lp did not accept the summary"), err, errlen);
	unlink(tmp);
	free(tmp);
	if (st == TB_OK) {
		char *what = xasprintf(
		    /* untranslated: an audit detail */ "patient summary, "
							"printed%s%s, %s",
		    printer && *printer ? " on " : "",
		    printer && *printer ? printer : "", info->lang);
		st = summary_record(db, src->d, what);
		free(what);
		if (st != TB_OK)
			snprintf(err, errlen, _("the print was not recorded"));
	}
	return st;
}

/* ---- loading ---- */

/* The day a meeting was held: the local date of its real start, or the
 * planned date when no start was recorded (meetings run before starts
 * were recorded). */
static void held_date(const struct tb_meeting *m, char out[11])
{
	if (!m->started[0] || !clock_local_date(m->started, out))
		snprintf(out, 11, "%s", m->date);
}

enum tb_status summary_load(struct db *db, const struct form_set *forms,
			    const struct form_phrases *ph,
			    const struct boards *boards, long long id,
			    struct summary_loaded *out, char *err,
			    size_t errlen)
{
	memset(out, 0, sizeof(*out));
	enum tb_status st = db_decision_get(db, id, &out->d);
	if (st != TB_OK) {
		snprintf(err, errlen, "%s",
			 st == TB_NOT_FOUND ? _("no such decision")
					    : db_errmsg(db));
		return st;
	}
	/* nothing altered behind the program's back is handed out */
	struct tb_decision copy = out->d;
	copy.content_hash = NULL;
	decision_hash(&copy);
	bool intact = out->d.content_hash &&
		      strcmp(copy.content_hash, out->d.content_hash) == 0;
	free(copy.content_hash);
	if (!intact) {
		snprintf(err, errlen,
			 _("decision %lld does not match its hash (altered "
			   "outside tumorboard); see tumorboard verify"),
			 id);
		summary_loaded_done(out);
		return TB_INTEGRITY;
	}
	const struct form *f =
	    form_set_version(forms, out->d.form_id, out->d.form_version);
	if (!f) {
		snprintf(err, errlen,
			 _("decision %lld was made with form %s version %s, "
			   "which is not installed; its wording is needed"),
			 id, out->d.form_id, out->d.form_version);
		summary_loaded_done(out);
		return TB_INVALID;
	}
	st = db_case_load(db, out->d.case_id, &out->c);
	if (st != TB_OK) {
		snprintf(err, errlen, _("the decision's case: %s"),
			 status_message(st));
		summary_loaded_done(out);
		return st;
	}
	const struct board *b = NULL;
	struct tb_meeting m;
	snprintf(out->date, sizeof(out->date), "%.10s", out->d.signed_at);
	if (out->d.meeting_id &&
	    db_meeting_get(db, out->d.meeting_id, &m) == TB_OK) {
		b = boards_by_id(boards, m.board);
		held_date(&m, out->date);
	}
	if (!b)
		b = boards_for_icd10(boards, out->c->icd10);
	out->board_name = xstrdup(b ? b->name : "MDK");
	snprintf(out->board_id, sizeof(out->board_id), "%s",
		 b ? b->id : "general");
	out->src = (struct summary_src){.d = &out->d,
					.f = f,
					.c = out->c,
					.ph = ph,
					.board_name = out->board_name,
					.board_id = out->board_id,
					.date = out->date};
	/* the version it amends, for "what changed" */
	if (out->d.supersedes &&
	    db_decision_get(db, out->d.supersedes, &out->prev) == TB_OK) {
		out->src.prev = &out->prev;
		snprintf(out->prev_date, sizeof(out->prev_date), "%.10s",
			 out->prev.signed_at);
		if (out->prev.meeting_id &&
		    db_meeting_get(db, out->prev.meeting_id, &m) == TB_OK)
			held_date(&m, out->prev_date);
		out->src.prev_date = out->prev_date;
	}
	/* the contact nurse a known user, and her unit */
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(out->d.content, &v);
	out->src.nurse_known = summary_nurse_user(
	    db, form_role_value(f, &v, "contact-nurse", NULL),
	    out->c->referrer_unit, &out->nurse_unit);
	out->src.nurse_unit = out->nurse_unit;
	form_values_done(&v);
	/* the registry names a recommended trial, where it runs */
	struct diag td;
	diag_init(&td);
	if (import_trials_load(&out->trials, &td) != TB_OK) {
		trials_done(&out->trials);
		out->no_trials = true;
	}
	diag_done(&td);
	out->src.trials = &out->trials;
	/* whether a later version replaces it */
	long long *ids = NULL;
	int *versions = NULL;
	size_t n = summary_chain(db, id, &ids, &versions);
	out->latest_id = n ? ids[n - 1] : id;
	if (n && ids[n - 1] != id)
		out->src.latest_version = versions[n - 1];
	free(ids);
	free(versions);
	return TB_OK;
}

struct chain {
	long long *ids, *sup;
	int *ver;
	size_t n;
};

static bool chain_add(const struct tb_decision *d, void *arg)
{
	struct chain *c = arg;
	c->ids = xrealloc(c->ids, (c->n + 1) * sizeof(*c->ids));
	c->sup = xrealloc(c->sup, (c->n + 1) * sizeof(*c->sup));
	c->ver = xrealloc(c->ver, (c->n + 1) * sizeof(*c->ver));
	c->ids[c->n] = d->id;
	c->sup[c->n] = d->supersedes;
	c->ver[c->n] = d->version;
	c->n++;
	return true;
}

size_t summary_chain(struct db *db, long long id, long long **ids,
		     int **versions)
{
	*ids = NULL;
	if (versions)
		*versions = NULL;
	struct tb_decision d;
	if (db_decision_get(db, id, &d) != TB_OK)
		return 0;
	struct chain c = {0};
	enum tb_status st = db_decision_each(db, d.case_id, chain_add, &c);
	db_decision_done(&d);
	size_t n = 0;
	if (st == TB_OK && c.n) {
		/* back to the first version, then forward through the
		 * versions that amend it (decisions come in id order) */
		long long first = id;
		for (bool moved = true; moved;) {
			moved = false;
			for (size_t i = 0; i < c.n; i++)
				if (c.ids[i] == first && c.sup[i]) {
					first = c.sup[i];
					moved = true;
				}
		}
		*ids = xmalloc(c.n * sizeof(**ids));
		int *v = xmalloc(c.n * sizeof(*v));
		long long cur = first;
		for (size_t i = 0; i < c.n; i++)
			if (c.ids[i] == cur ||
			    (n && c.sup[i] == (*ids)[n - 1])) {
				(*ids)[n] = c.ids[i];
				v[n++] = c.ver[i];
				cur = c.ids[i];
			}
		if (versions)
			*versions = v;
		else
			free(v);
	}
	free(c.ids);
	free(c.sup);
	free(c.ver);
	return n;
}

void summary_loaded_done(struct summary_loaded *l)
{
	db_decision_done(&l->d);
	if (l->src.prev)
		db_decision_done(&l->prev);
	trials_done(&l->trials);
	model_case_free(&l->c);
	free(l->board_name);
	free(l->nurse_unit);
	memset(l, 0, sizeof(*l));
}

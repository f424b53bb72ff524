/*
 * Signed decisions read back: each checked against its hash and the one
 * the audit log recorded at signing (decision_verify), and the briefs of
 * a patient's decisions, newest first, superseded ones marked.
 */
#include "decision.h"

#include <stdlib.h>
#include <string.h>

#include "form_type.h"
#include "i18n.h"
#include "util.h"

struct verify_ctx {
	struct db *db;
	struct diag *d;
	long long n;
	long long problems;
	/* decision id → hash recorded in the audit log */
	long long *ids;
	char **hashes;
	size_t n_audit;
};

static void collect_audit(long long id, const char *detail, void *arg)
{
	struct verify_ctx *vc = arg;
	const char *h = detail ? strstr(detail, "sha256=") : NULL;
	vc->ids = xrealloc(vc->ids, (vc->n_audit + 1) * sizeof(long long));
	vc->hashes = xrealloc(vc->hashes, (vc->n_audit + 1) * sizeof(char *));
	vc->ids[vc->n_audit] = id;
	vc->hashes[vc->n_audit] = xstrdup(h ? h + 7 : "");
	vc->n_audit++;
}

static bool check_one(const struct tb_decision *dec, void *arg)
{
	struct verify_ctx *vc = arg;
	struct tb_decision copy = *dec;
	vc->n++;
	copy.content_hash = NULL;
	decision_hash(&copy);
	bool same = dec->content_hash &&
		    strcmp(copy.content_hash, dec->content_hash) == 0;
	free(copy.content_hash);
	if (!same) {
		diag_add(
		    vc->d, NULL, 0, "decision",
		    _("decision %lld (case %s, version %d) was altered: its "
		      "content does not match its hash"),
		    dec->id, dec->case_external_id, dec->version);
		vc->problems++;
	}
	size_t found = 0;
	bool match = false;
	for (size_t i = 0; i < vc->n_audit; i++)
		if (vc->ids[i] == dec->id) {
			found++;
			match = dec->content_hash &&
				strcmp(vc->hashes[i], dec->content_hash) == 0;
		}
	if (found != 1 || !match) {
		diag_add(vc->d, NULL, 0, "decision",
			 _("decision %lld (case %s, version %d): %s"), dec->id,
			 dec->case_external_id, dec->version,
			 found == 0 ? _("no signature in the audit log")
			 : found > 1
			     ? _("signed more than once in the audit log")
			     : _("its hash differs from the one the "
				 "audit log recorded at signing"));
		vc->problems++;
	}
	return true;
}

enum tb_status decision_verify(struct db *db, struct diag *d,
			       struct decision_verify_result *r)
{
	struct verify_ctx vc = {.db = db, .d = d};
	size_t before = d->n + d->dropped;
	memset(r, 0, sizeof(*r));
	struct db_audit_check ac;
	enum tb_status st = db_audit_verify(db, d, &ac);
	r->audit_entries = ac.entries;
	r->records = ac.records;
	r->head = ac.head;
	if (st == TB_OK)
		st = db_decision_audit_each(db, collect_audit, &vc);
	if (st == TB_OK)
		st = db_decision_each(db, 0, check_one, &vc);
	/* a signature in the log whose decision row is gone */
	for (size_t i = 0; st == TB_OK && i < vc.n_audit; i++) {
		struct tb_decision dec;
		enum tb_status g = db_decision_get(db, vc.ids[i], &dec);
		if (g == TB_NOT_FOUND) {
			diag_add(
			    d, NULL, 0, "decision",
			    _("decision %lld is signed in the audit log but "
			      "missing from the archive"),
			    vc.ids[i]);
			vc.problems++;
		} else if (g == TB_OK)
			db_decision_done(&dec);
		else
			st = g;
	}
	for (size_t i = 0; i < vc.n_audit; i++)
		free(vc.hashes[i]);
	free(vc.hashes);
	free(vc.ids);
	r->decisions = vc.n;
	r->problems = (long long)(d->n + d->dropped - before);
	if (st == TB_OK && r->problems > 0)
		st = TB_INTEGRITY;
	return st;
}

struct briefs {
	const struct form_set *forms;
	const char *lang;
	struct decision_brief *b;
	size_t n;
};

static bool add_brief(const struct tb_decision *d, void *arg)
{
	struct briefs *bs = arg;
	/* the labels of the version it was made with, never another's */
	const struct form *f =
	    form_set_version(bs->forms, d->form_id, d->form_version);
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(d->content, &v);
	bs->b = xrealloc(bs->b, (bs->n + 1) * sizeof(*bs->b));
	struct decision_brief *b = &bs->b[bs->n++];
	memset(b, 0, sizeof(*b));
	b->id = d->id;
	b->case_id = xstrdup(d->case_external_id ? d->case_external_id : "");
	b->version = d->version;
	b->supersedes = d->supersedes;
	b->signed_at = xstrdup(d->signed_at);
	b->signed_by = xstrdup(d->signed_by);
	b->recommendation = form_role_format(f, &v, "recommendation", bs->lang);
	if (!b->recommendation)
		b->recommendation =
		    xstrdup(form_values_get(&v, "recommendation")
				? form_values_get(&v, "recommendation")
				: "?");
	b->intent = form_role_format(f, &v, "intent", bs->lang);
	b->follow_up = form_role_format(f, &v, "follow-up-date", bs->lang);
	form_values_done(&v);
	return true;
}

/* The briefs of bs once read (st), superseded ones marked. */
static enum tb_status briefs_done(struct briefs *bs, enum tb_status st,
				  struct decision_brief **out, size_t *n);

enum tb_status decision_briefs(struct db *db, const struct form_set *forms,
			       long long patient_id, const char *lang,
			       struct decision_brief **out, size_t *n)
{
	struct briefs bs = {.forms = forms, .lang = lang};
	return briefs_done(
	    &bs, db_decision_each_patient(db, patient_id, add_brief, &bs), out,
	    n);
}

enum tb_status decision_briefs_of_case(struct db *db,
				       const struct form_set *forms,
				       long long case_id, const char *lang,
				       struct decision_brief **out, size_t *n)
{
	struct briefs bs = {.forms = forms, .lang = lang};
	return briefs_done(
	    &bs, db_decision_each_of_patient(db, case_id, add_brief, &bs), out,
	    n);
}

static enum tb_status briefs_done(struct briefs *p, enum tb_status st,
				  struct decision_brief **out, size_t *n)
{
	struct briefs bs = *p;
	/* newest first: a decision is superseded when a later one amends it */
	for (size_t i = 0; i < bs.n; i++)
		for (size_t j = 0; j < bs.n; j++)
			if (bs.b[j].supersedes == bs.b[i].id)
				bs.b[i].superseded = true;
	if (st != TB_OK) {
		decision_briefs_free(bs.b, bs.n);
		bs.b = NULL;
		bs.n = 0;
	}
	*out = bs.b;
	*n = bs.n;
	return st;
}

void decision_briefs_free(struct decision_brief *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(b[i].case_id);
		free(b[i].signed_at);
		free(b[i].signed_by);
		free(b[i].recommendation);
		free(b[i].intent);
		free(b[i].follow_up);
	}
	free(b);
}

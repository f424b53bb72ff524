#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "readiness.h"
#include "render.h"
#include "textdoc.h"
#include "util.h"

static void entries_done(struct kb_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].id);
		free(e[i].gene);
	}
	free(e);
}

static void list_done(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

void trials_done(struct trials *ts)
{
	for (size_t i = 0; i < ts->n; i++) {
		struct trial *t = &ts->t[i];
		free(t->id);
		free(t->study_id);
		free(t->title);
		free(t->title_sv);
		free(t->note);
		free(t->note_sv);
		free(t->phase);
		free(t->status);
		list_done(t->icd10, t->n_icd10);
		entries_done(t->requires, t->n_requires);
		entries_done(t->excludes, t->n_excludes);
		free(t->contact);
		free(t->contact_reach);
		free(t->contact_role);
		free(t->contact_role_sv);
		list_done(t->sites, t->n_sites);
	}
	free(ts->t);
	free(ts->version);
	memset(ts, 0, sizeof(*ts));
}

void levels_done(struct levels *ls)
{
	for (size_t i = 0; i < ls->n; i++) {
		struct level_criterion *c = &ls->c[i];
		free(c->id);
		free(c->level);
		free(c->when);
		list_done(c->icd10, c->n_icd10);
		free(c->text_sv);
		free(c->text_en);
	}
	free(ls->c);
	free(ls->version);
	memset(ls, 0, sizeof(*ls));
}

static bool icd10_in(char **list, size_t n, const char *icd10)
{
	for (size_t i = 0; icd10 && i < n; i++)
		if (strncmp(icd10, list[i], strlen(list[i])) == 0)
			return true;
	return false;
}

static void add(char *buf, size_t size, const char *text)
{
	size_t len = strlen(buf);
	snprintf(buf + len, size - len, "%s%s", len ? "; " : "", text);
}

static bool any_finding(const struct kb_entry *e, const struct tb_case *c)
{
	for (size_t i = 0; i < c->n_findings; i++)
		if (kb_entry_matches(e, &c->findings[i]))
			return true;
	return false;
}

/* Whether the case has the biomarkers the trial requires (any of them,
 * or all), as judge_trial finds it, stopping at the first that decides. */
static bool requires_met(const struct trial *t, const struct tb_case *c)
{
	for (size_t i = 0; i < t->n_requires; i++)
		if (any_finding(&t->requires[i], c) != t->requires_all)
			return !t->requires_all;
	return t->n_requires && t->requires_all;
}

/* How a case stands against each criterion of a trial, without the words:
 * what the agenda's flag and the level's criteria need. */
enum crit { CRIT_NONE, CRIT_MET, CRIT_FAILED, CRIT_UNKNOWN };

struct trial_judgement {
	bool diagnosis;	     /* the case's ICD-10 code is the trial's */
	enum crit biomarker; /* CRIT_NONE: the trial requires none */
	bool excluded;	     /* an excluding biomarker found */
	enum crit ecog, age;
	bool eligible, possible;
};

/* judge_trial with its biomarker's criterion given (biomarker_crit). */
static void judge_with(const struct trial *t, const struct tb_case *c,
		       const char *today, enum crit biomarker,
		       struct trial_judgement *j)
{
	memset(j, 0, sizeof(*j));
	j->diagnosis = icd10_in(t->icd10, t->n_icd10, c->icd10);
	j->biomarker = biomarker;
	for (size_t i = 0; i < t->n_excludes && !j->excluded; i++)
		j->excluded = any_finding(&t->excludes[i], c);
	if (t->max_ecog >= 0)
		j->ecog = c->ecog < 0		   ? CRIT_UNKNOWN
			  : c->ecog <= t->max_ecog ? CRIT_MET
						   : CRIT_FAILED;
	if (t->age_min >= 0 || t->age_max >= 0) {
		int age = render_age(c->patient.birth_date, today);
		j->age = age < 0 ? CRIT_UNKNOWN
			 : (t->age_min >= 0 && age < t->age_min) ||
				 (t->age_max >= 0 && age > t->age_max)
			     ? CRIT_FAILED
			     : CRIT_MET;
	}
	bool failed = !j->diagnosis || j->biomarker == CRIT_FAILED ||
		      j->excluded || j->ecog == CRIT_FAILED ||
		      j->age == CRIT_FAILED;
	/* a biomarker trial without molecular results is only possible */
	j->possible = !failed && j->biomarker == CRIT_UNKNOWN;
	j->eligible = !failed && !j->possible;
}

/* How the case stands against the biomarkers the trial requires. */
static enum crit biomarker_crit(const struct trial *t, const struct tb_case *c)
{
	if (!t->n_requires)
		return CRIT_NONE;
	return requires_met(t, c) ? CRIT_MET
	       : !c->n_findings	  ? CRIT_UNKNOWN
				  : CRIT_FAILED;
}

static void judge_trial(const struct trial *t, const struct tb_case *c,
			const char *today, struct trial_judgement *j)
{
	judge_with(t, c, today, biomarker_crit(t, c), j);
}

/* The judgement in words: what is met, not known and not met. */
static void fit_trial(const struct trial *t, const struct tb_case *c,
		      const char *today, struct trial_fit *f)
{
	struct trial_judgement j;
	char buf[160];
	judge_trial(t, c, today, &j);
	memset(f, 0, sizeof(*f));
	f->t = t;
	add(j.diagnosis ? f->met : f->failed, sizeof(f->met), _("diagnosis"));
	if (j.biomarker == CRIT_MET)
		add(f->met, sizeof(f->met), _("required biomarker"));
	else if (j.biomarker == CRIT_UNKNOWN)
		add(f->unknown, sizeof(f->unknown),
		    _("required biomarker (no molecular results)"));
	else if (j.biomarker == CRIT_FAILED)
		add(f->failed, sizeof(f->failed), _("required biomarker"));
	for (size_t i = 0; j.excluded && i < t->n_excludes; i++)
		if (any_finding(&t->excludes[i], c)) {
			snprintf(buf, sizeof(buf), _("excluding biomarker %s"),
				 t->excludes[i].gene);
			add(f->failed, sizeof(f->failed), buf);
		}
	if (j.ecog == CRIT_UNKNOWN)
		add(f->unknown, sizeof(f->unknown), "ECOG");
	else if (j.ecog == CRIT_MET)
		add(f->met, sizeof(f->met), "ECOG");
	else if (j.ecog == CRIT_FAILED) {
		snprintf(buf, sizeof(buf), _("ECOG %d above %d"), c->ecog,
			 t->max_ecog);
		add(f->failed, sizeof(f->failed), buf);
	}
	if (j.age != CRIT_NONE)
		add(j.age == CRIT_UNKNOWN ? f->unknown
		    : j.age == CRIT_MET	  ? f->met
					  : f->failed,
		    sizeof(f->met), _("age"));
	/* the case record does not say how many lines were given */
	if (t->max_lines >= 0) {
		snprintf(buf, sizeof(buf), _("at most %d prior lines"),
			 t->max_lines);
		add(f->unknown, sizeof(f->unknown), buf);
	}
	f->possible = j.possible;
	f->eligible = j.eligible;
}

size_t support_trials(const struct trials *ts, const struct tb_case *c,
		      const char *today, struct trial_fit **out)
{
	struct trial_fit *fits = xcalloc(ts->n ? ts->n : 1, sizeof(*fits));
	size_t n = 0;
	/* eligible first, then the rest; closed trials are left out */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < ts->n; i++) {
			if (strcmp(ts->t[i].status, "closed") == 0)
				continue;
			struct trial_fit f;
			fit_trial(&ts->t[i], c, today, &f);
			if (f.eligible == (pass == 0))
				fits[n++] = f;
		}
	*out = fits;
	return n;
}

static int level_rank(const char *level)
{
	return strcmp(level, "national") == 0	? 3
	       : strcmp(level, "regional") == 0 ? 2
	       : strcmp(level, "local") == 0	? 1
						: 0;
}

/* A germline finding classed pathogenic or likely pathogenic: an item for
 * the board (referral to cancer genetics). */
static bool germline_pathogenic(const struct tb_finding *f)
{
	const char *cl = f->classification ? f->classification : "";
	return f->origin && strcmp(f->origin, "germline") == 0 &&
	       (strcmp(cl, "pathogenic") == 0 ||
		strcmp(cl, "likely-pathogenic") == 0);
}

/* What the trial registry and the knowledge base say of the case, worked
 * out once for all the criteria. */
struct case_facts {
	bool trial, phase3_trial;	 /* an eligible open trial */
	bool off_label, tier_i, tier_ii; /* knowledge-base matches */
};

static void case_facts(const struct kb *kb, const struct trials *ts,
		       const struct tb_case *c, const char *today,
		       struct case_facts *cf)
{
	memset(cf, 0, sizeof(*cf));
	for (size_t i = 0; ts && i < ts->n; i++) {
		struct trial_judgement j;
		if (strcmp(ts->t[i].status, "closed") == 0)
			continue;
		judge_trial(&ts->t[i], c, today, &j);
		if (j.eligible) {
			cf->trial = true;
			cf->phase3_trial |= strcmp(ts->t[i].phase, "III") == 0;
		}
	}
	struct kb_match *m = NULL;
	size_t n = kb ? kb_match_case(kb, c, &m) : 0;
	for (size_t i = 0; i < n; i++) {
		const char *tier = m[i].e->tier;
		cf->off_label |= m[i].off_label;
		cf->tier_i |= strncmp(tier, "I-", 2) == 0;
		cf->tier_ii |= strncmp(tier, "II-", 3) == 0;
	}
	free(m);
}

/* Whether the case meets the condition named by a criterion. */
static bool meets(const struct level_criterion *cr, const struct case_facts *cf,
		  const struct tb_case *c, const char *today)
{
	const char *w = cr->when;
	if (strcmp(w, "trial-match") == 0)
		return cf->trial;
	if (strcmp(w, "phase3-trial-match") == 0)
		return cf->phase3_trial;
	if (strcmp(w, "off-label") == 0)
		return cf->off_label;
	if (strcmp(w, "tier-I-finding") == 0)
		return cf->tier_i;
	if (strcmp(w, "tier-II-finding") == 0)
		return cf->tier_ii;
	if (strcmp(w, "rare-tumour") == 0)
		return icd10_in(cr->icd10, cr->n_icd10, c->icd10);
	if (strcmp(w, "pediatric") == 0) {
		int age = render_age(c->patient.birth_date, today);
		return age >= 0 && age < 18;
	}
	if (strcmp(w, "broad-panel") == 0) {
		for (size_t i = 0; i < c->n_findings; i++) {
			const char *t = c->findings[i].test;
			if (t && (strstr(t, "GMS560") || strstr(t, "WGS") ||
				  strstr(t, "helgenom") || strstr(t, "panel")))
				return true;
		}
		return false;
	}
	if (strcmp(w, "germline-finding") == 0) {
		for (size_t i = 0; i < c->n_findings; i++)
			if (germline_pathogenic(&c->findings[i]))
				return true;
		return false;
	}
	return false;
}

void support_level(const struct levels *ls, const struct kb *kb,
		   const struct trials *ts, const struct tb_case *c,
		   const char *today, const char *lang,
		   struct level_suggestion *out)
{
	memset(out, 0, sizeof(*out));
	int best = 0;
	bool met[256] = {0};
	struct case_facts cf;
	case_facts(kb, ts, c, today, &cf);
	for (size_t i = 0; i < ls->n && i < 256; i++) {
		const struct level_criterion *cr = &ls->c[i];
		if (strcmp(cr->when, "default") == 0)
			continue;
		met[i] = meets(cr, &cf, c, today);
		if (met[i] && level_rank(cr->level) > best)
			best = level_rank(cr->level);
	}
	for (size_t i = 0; i < ls->n && i < 256; i++) {
		const struct level_criterion *cr = &ls->c[i];
		bool take = best ? met[i] && level_rank(cr->level) == best
				 : strcmp(cr->when, "default") == 0;
		if (!take)
			continue;
		snprintf(out->level, sizeof(out->level), "%s", cr->level);
		const char *t = lang && strcmp(lang, "en") == 0 && cr->text_en
				    ? cr->text_en
				    : cr->text_sv;
		size_t len = strlen(out->reasons);
		snprintf(out->reasons + len, sizeof(out->reasons) - len, "%s%s",
			 len ? "\n" : "", t ? t : cr->id);
	}
	out->fits = c->level && strcmp(c->level, out->level) == 0;
}

bool support_has_trial(const struct trials *ts, const struct tb_case *c,
		       const char *today)
{
	/* a biomarker-driven trial whose biomarker the case has: trials
	 * open to any solid tumour would flag every case */
	for (size_t i = 0; i < ts->n; i++) {
		const struct trial *t = &ts->t[i];
		struct trial_judgement j;
		/* what fails it before judge_trial matches every finding
		 * against every biomarker (an agenda asks this of each of
		 * its cases and trials): another diagnosis, no biomarker
		 * required, or the required ones not found */
		if (strcmp(t->status, "closed") == 0 || !t->n_requires ||
		    !icd10_in(t->icd10, t->n_icd10, c->icd10) ||
		    !requires_met(t, c))
			continue;
		judge_with(t, c, today, CRIT_MET, &j);
		if (j.eligible && j.biomarker == CRIT_MET)
			return true;
	}
	return false;
}

/* A trial's contact (name, role in the interface's language, email and
 * phone) and note in the brief. */
static void trial_more(const struct trial *tr, struct textdoc *doc)
{
	const char *role = kb_text(tr->contact_role, tr->contact_role_sv);
	char *t;
	if (tr->contact) {
		struct strbuf who;
		strbuf_init(&who);
		strbuf_puts(&who, tr->contact);
		if (role)
			strbuf_printf(&who, ", %s", role);
		if (tr->contact_reach && *tr->contact_reach)
			strbuf_printf(&who, ", %s", tr->contact_reach);
		t = xasprintf(_("contact: %s"), who.buf);
		textdoc_wrap(doc, 4, TD_DIM, t);
		free(t);
		strbuf_done(&who);
	}
	if (tr->note) {
		t = xasprintf(_("note: %s"), kb_text(tr->note, tr->note_sv));
		textdoc_wrap(doc, 4, TD_DIM, t);
		free(t);
	}
}

void support_brief(const struct tb_case *c, const struct kb *kb,
		   const struct trials *ts, const struct levels *ls,
		   const struct readiness *rd, const char *today,
		   struct textdoc *doc)
{
	struct render_opts ro = {
	    .mask_id = true, .today = today, .readiness = rd, .kb = kb};
	render_case_banner(c, &ro, doc);
	textdoc_newline(doc);
	textdoc_put(doc, TD_HEADING, _("QUESTION TO THE BOARD"));
	textdoc_newline(doc);
	textdoc_wrap(doc, 2, c->question ? TD_STRONG : TD_WARN,
		     c->question ? c->question : _("No question stated."));
	if (rd) {
		textdoc_newline(doc);
		textdoc_put(doc, TD_HEADING, _("READINESS"));
		textdoc_newline(doc);
		if (!rd->missing)
			textdoc_put(doc, TD_NORMAL, _("  ready"));
		for (int i = 0; i < rd->n; i++)
			if (!rd->items[i].ok)
				textdoc_printf(doc, TD_WARN, _("  missing: %s"),
					       rd->items[i].what);
		textdoc_newline(doc);
	}
	render_case_section(c, &ro, RENDER_MOLECULAR, doc);
	/* a pathogenic germline finding is an item for the board */
	for (size_t i = 0; i < c->n_findings; i++) {
		const struct tb_finding *g = &c->findings[i];
		if (!germline_pathogenic(g))
			continue;
		char *t = xasprintf(_("TO DO: refer to cancer genetics for the "
				      "germline %s finding, and consider "
				      "informing relatives."),
				    g->gene ? g->gene : "");
		textdoc_wrap(doc, 2, TD_WARN, t);
		free(t);
	}
	textdoc_newline(doc);
	struct trial_fit *f = NULL;
	size_t n = ts ? support_trials(ts, c, today, &f) : 0;
	size_t eligible = 0;
	for (size_t i = 0; i < n; i++)
		eligible += f[i].eligible;
	textdoc_printf(doc, TD_HEADING, _("TRIALS (%zu matching, registry %s)"),
		       eligible, ts && ts->version ? ts->version : "none");
	textdoc_newline(doc);
	if (!eligible)
		textdoc_put(doc, TD_DIM,
			    _("  No open trial of the registry "
			      "matches."));
	if (!eligible)
		textdoc_newline(doc);
	for (size_t i = 0; i < n && f[i].eligible; i++) {
		textdoc_printf(doc, TD_STRONG, "  %s", f[i].t->study_id);
		textdoc_printf(doc, TD_NORMAL, _("  phase %s, %s"),
			       f[i].t->phase,
			       model_trial_status_label(f[i].t->status));
		textdoc_newline(doc);
		textdoc_wrap(doc, 4, TD_NORMAL,
			     kb_text(f[i].t->title, f[i].t->title_sv));
		char *t = xasprintf(_("met: %s"), f[i].met[0] ? f[i].met : "—");
		textdoc_wrap(doc, 4, TD_DIM, t);
		free(t);
		if (f[i].unknown[0]) {
			t = xasprintf(_("not known: %s"), f[i].unknown);
			textdoc_wrap(doc, 4, TD_WARN, t);
			free(t);
		}
		trial_more(f[i].t, doc);
	}
	size_t possible = 0;
	for (size_t i = 0; i < n; i++)
		possible += f[i].possible;
	if (possible) {
		char *t = xasprintf(ngettext("%zu more trial possible if "
					     "molecular results are added.",
					     "%zu more trials possible if "
					     "molecular results are added.",
					     (unsigned long)possible),
				    possible);
		textdoc_wrap(doc, 2, TD_DIM, t);
		free(t);
	}
	free(f);
	if (ls && ls->n) {
		struct level_suggestion sg;
		support_level(ls, kb, ts, c, today, i18n_language(), &sg);
		textdoc_newline(doc);
		textdoc_put(doc, TD_HEADING, _("MDK LEVEL"));
		textdoc_newline(doc);
		textdoc_printf(doc, sg.fits ? TD_NORMAL : TD_WARN,
			       _("  Suggestion: %s (referred as %s)%s"),
			       model_level_label(sg.level),
			       c->level ? model_level_label(c->level) : "?",
			       sg.fits ? ""
				       : _(" — DOES NOT FIT the referral"));
		textdoc_newline(doc);
		char *copy = xstrdup(sg.reasons);
		char *save = NULL;
		for (char *l = strtok_r(copy, "\n", &save); l;
		     l = strtok_r(NULL, "\n", &save))
			textdoc_wrap(doc, 4, TD_NORMAL, l);
		free(copy);
	}
}

/*
 * The importer works on one file held in memory:
 *   1. bytes: size cap, UTF-8, and a prolog scan that refuses any DOCTYPE
 *      before the parser sees it (so no entity is ever declared);
 *   2. a streaming read (xmlTextReader, NONET, no entity substitution, no
 *      DTD loading) validating against the compiled-in RELAX NG schema as
 *      it goes, expanding one <case> at a time;
 *   3. for each case, a walk that maps it into a struct tb_case and
 *      reports every bad value with its line and field; while the file is
 *      clean the case is handed on (stored in the open transaction) and
 *      its subtree freed.
 * After the first problem cases are only checked, so every problem in the
 * file is reported; the caller rolls the transaction back.
 */
#include "import.h"
#include "i18n.h"
#include "import_xml.h"
#include "fhir_in.h"
#include "progress.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "clock.h"
#include "db_case.h"
#include "kb.h"
#include "schemas.h"
#include "util.h"
#include "validate.h"

#define CASE_NS "urn:x-tumorboard:case:1"

/* ------------------------------------------------------------------------
 * libxml2 plumbing
 * ---------------------------------------------------------------------- */

struct err_ctx {
	struct diag *d;
	const char *name;
};

static xmlParserInputPtr refuse_entity_loader(const char *url, const char *id,
					      xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

void import_global_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity_loader);
}

void import_global_cleanup(void)
{
	import_xml_cleanup();
	xmlCleanupParser();
}

/* Routes a libxml2 error into the diagnostics as FILE:LINE: message. */
static void structured_error(void *arg, xmlErrorPtr e)
{
	struct err_ctx *ec = arg;
	if (!e || e->level == XML_ERR_WARNING)
		return;
	char *msg = xstrdup(e->message ? e->message : _("malformed XML"));
	util_trim(msg);
	const char *field = NULL;
	if (e->node && ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE)
		field = (const char *)((xmlNodePtr)e->node)->name;
	diag_add(ec->d, ec->name, e->line, field, "%s", msg);
	free(msg);
}

/* ------------------------------------------------------------------------
 * The field walk
 * ---------------------------------------------------------------------- */

struct walk {
	const char *name; /* file name for messages */
	struct diag *d;
	const char *today;
	int today_year;
	const char *file_source;
	char received[21];
};

static long line_of(const xmlNode *n)
{
	return xmlGetLineNo(n);
}

/* Element text content, trimmed; NULL when empty. */
static char *text_of(const xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	util_trim(s);
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (import_xml_is(c, CASE_NS, name))
			return c;
	return NULL;
}

static void fail(struct walk *w, const xmlNode *n, const char *field,
		 const char *msg)
{
	diag_add(w->d, w->name, line_of(n), field, "%s", msg);
}

/* A required attribute: reports "missing" and returns NULL when absent or
 * empty. */
static char *req_attr(struct walk *w, const xmlNode *n, const char *name,
		      const char *field)
{
	char *v = import_xml_prop(n, name);
	if (!v || !*v) {
		diag_add(w->d, w->name, line_of(n), field,
			 _("required attribute is missing or empty"));
		free(v);
		return NULL;
	}
	return v;
}

static char *req_text(struct walk *w, const xmlNode *parent, const char *name,
		      const char *field)
{
	const xmlNode *c = child(parent, name);
	char *v = c ? text_of(c) : NULL;
	if (!v)
		diag_add(w->d, w->name, line_of(c ? c : parent), field,
			 c ? _("must not be empty")
			   : "required element is missing");
	return v;
}

static char *opt_text(const xmlNode *parent, const char *name)
{
	const xmlNode *c = child(parent, name);
	return c ? text_of(c) : NULL;
}

static void check_enum(struct walk *w, const xmlNode *n, const char *field,
		       const char *value, const char *const *list)
{
	if (!value || model_enum_valid(list, value))
		return;
	char *allowed = model_enum_describe(list);
	diag_add(w->d, w->name, line_of(n), field, _("unknown value; use %s"),
		 allowed);
	free(allowed);
}

static void check_date(struct walk *w, const xmlNode *n, const char *field,
		       const char *value, bool not_future)
{
	char err[VALIDATE_ERR_MAX];
	if (value && !validate_date(value, not_future ? w->today : NULL, err))
		fail(w, n, field, err);
}

typedef bool (*code_check)(const char *, char *);

static void check_code(struct walk *w, const xmlNode *n, const char *field,
		       const char *value, code_check fn)
{
	char err[VALIDATE_ERR_MAX];
	if (value && !fn(value, err))
		fail(w, n, field, err);
}

static void check_number(struct walk *w, const xmlNode *n, const char *field,
			 const char *value, double min, double max, bool *has,
			 double *out)
{
	char err[VALIDATE_ERR_MAX];
	if (!value)
		return;
	if (validate_number(value, min, max, out, err))
		*has = true;
	else
		fail(w, n, field, err);
}

static void source_of(struct walk *w, const xmlNode *n, struct tb_source *s)
{
	s->system = import_xml_prop(n, "source");
	s->received = xstrdup(w->received);
}

static void walk_patient(struct walk *w, const xmlNode *pn, struct tb_case *c)
{
	struct tb_patient *p = &c->patient;
	const xmlNode *idn = child(pn, "id");
	char err[VALIDATE_ERR_MAX];

	char *raw = req_text(w, pn, "id", "patient/id");
	if (raw) {
		char norm[14], birth[11];
		enum validate_id_kind kind;
		if (validate_pnr(raw, w->today_year, norm, birth, &kind, err)) {
			p->pnr = xstrdup(norm);
			p->birth_date = xstrdup(birth);
			p->id_type = xstrdup(kind == VALIDATE_ID_PERSONNUMMER
						 ? "personnummer"
						 : "samordningsnummer");
			char *declared = import_xml_prop(idn, "type");
			if (declared && strcmp(declared, p->id_type) != 0)
				fail(w, idn, "patient/id/@type",
				     kind == VALIDATE_ID_PERSONNUMMER
					 ? _("the number is a personnummer, "
					     "not a samordningsnummer")
					 : _("the number is a "
					     "samordningsnummer (day + 60)"));
			free(declared);
			if (strcmp(birth, w->today) > 0)
				fail(w, idn, "patient/id",
				     _("birth date is in the future"));
		} else {
			fail(w, idn, "patient/id", err);
		}
		free(raw);
	}
	const xmlNode *nn = child(pn, "name");
	if (nn) {
		p->family_name =
		    req_attr(w, nn, "family", "patient/name/@family");
		p->given_name = req_attr(w, nn, "given", "patient/name/@given");
	} else {
		fail(w, pn, "patient/name", "required element is missing");
	}
	p->sex = req_text(w, pn, "sex", "patient/sex");
	check_enum(w, child(pn, "sex") ? child(pn, "sex") : pn, "patient/sex",
		   p->sex, model_sexes);
	p->language = opt_text(pn, "language");
	if (p->language)
		check_code(w, child(pn, "language"), "patient/language",
			   p->language, validate_language);
	else
		p->language = xstrdup("sv");
	const xmlNode *ln = child(pn, "language");
	char *ip = ln ? import_xml_prop(ln, "interpreter") : NULL;
	if (ip && strcmp(ip, "yes") != 0 && strcmp(ip, "no") != 0)
		fail(w, ln, "patient/language/@interpreter",
		     _("use yes or no"));
	p->interpreter = ip && strcmp(ip, "yes") == 0;
	free(ip);
	p->region = opt_text(pn, "region");
	p->hospital = opt_text(pn, "hospital");
}

static void walk_pathology(struct walk *w, const xmlNode *n, struct tb_case *c)
{
	struct tb_pathology *p = model_case_add_pathology(c);
	p->date = req_attr(w, n, "date", "pathology/@date");
	check_date(w, n, "pathology/@date", p->date, true);
	p->lab = req_attr(w, n, "lab", "pathology/@lab");
	p->specimen = req_attr(w, n, "specimen", "pathology/@specimen");
	p->icdo3 = import_xml_prop(n, "icdo3");
	check_code(w, n, "pathology/@icdo3", p->icdo3, validate_icdo3);
	p->grade = import_xml_prop(n, "grade");
	p->context = import_xml_prop(n, "context");
	check_enum(w, n, "pathology/@context", p->context, model_contexts);
	if (!p->context)
		p->context = xstrdup("clinical");
	source_of(w, n, &p->source);
	p->report = req_text(w, n, "report", "pathology/report");
	for (const xmlNode *m = n->children; m; m = m->next) {
		if (!import_xml_is(m, CASE_NS, "marker"))
			continue;
		struct tb_marker *mk = model_pathology_add_marker(p);
		mk->name = req_attr(w, m, "name", "pathology/marker/@name");
		mk->value = req_attr(w, m, "value", "pathology/marker/@value");
	}
}

static void walk_finding(struct walk *w, const xmlNode *n, struct tb_case *c)
{
	struct tb_finding *f = model_case_add_finding(c);
	char err[VALIDATE_ERR_MAX];

	f->kind = req_attr(w, n, "kind", "finding/@kind");
	check_enum(w, n, "finding/@kind", f->kind, model_finding_kinds);
	f->gene = import_xml_prop(n, "gene");
	f->origin = req_attr(w, n, "origin", "finding/@origin");
	check_enum(w, n, "finding/@origin", f->origin, model_origins);
	f->hgvs_c = import_xml_prop(n, "c");
	check_code(w, n, "finding/@c", f->hgvs_c, validate_hgvs_c);
	f->hgvs_p = import_xml_prop(n, "p");
	check_code(w, n, "finding/@p", f->hgvs_p, validate_hgvs_p);
	f->hgvs_g = import_xml_prop(n, "g");
	check_code(w, n, "finding/@g", f->hgvs_g, validate_hgvs_g);
	f->transcript = import_xml_prop(n, "transcript");
	f->partner = import_xml_prop(n, "partner");
	char *copies = import_xml_prop(n, "copies");
	check_number(w, n, "finding/@copies", copies, 0, 1000, &f->has_copies,
		     &f->copies);
	free(copies);
	f->value = import_xml_prop(n, "value");
	char *vaf = import_xml_prop(n, "vaf");
	check_number(w, n, "finding/@vaf", vaf, 0, 1, &f->has_vaf, &f->vaf);
	free(vaf);
	f->classification = import_xml_prop(n, "classification");
	check_enum(w, n, "finding/@classification", f->classification,
		   model_classifications);
	f->test = req_attr(w, n, "test", "finding/@test");
	f->sample = req_attr(w, n, "sample", "finding/@sample");
	f->lab = req_attr(w, n, "lab", "finding/@lab");
	f->date = req_attr(w, n, "date", "finding/@date");
	check_date(w, n, "finding/@date", f->date, true);
	f->context = import_xml_prop(n, "context");
	check_enum(w, n, "finding/@context", f->context, model_contexts);
	if (!f->context)
		f->context = xstrdup("clinical");
	f->note = text_of(n);
	source_of(w, n, &f->source);

	if (!f->kind || !model_enum_valid(model_finding_kinds, f->kind))
		return;
	bool gene_needed =
	    strcmp(f->kind, "msi") != 0 && strcmp(f->kind, "tmb") != 0;
	/* a fusion written as one name ("EML4::ALK", "EML4-ALK"): gene and
	 * partner, keeping the order the lab wrote them in */
	char fg[32], fp[32];
	if (strcmp(f->kind, "fusion") == 0 && f->gene && !f->partner &&
	    kb_fusion_split(f->gene, fg, fp)) {
		util_set(&f->gene, fg);
		util_set(&f->partner, fp);
	}
	if (gene_needed && !f->gene)
		fail(w, n, "finding/@gene",
		     _("a gene is required for this kind"));
	if (!gene_needed && f->gene)
		fail(w, n, "finding/@gene",
		     _("MSI and TMB findings are not tied to one gene; leave "
		       "gene out"));
	if (f->gene && !validate_gene(f->gene, err))
		fail(w, n, "finding/@gene", err);
	if (f->partner && !validate_gene(f->partner, err))
		fail(w, n, "finding/@partner", err);
	if ((strcmp(f->kind, "snv") == 0 || strcmp(f->kind, "indel") == 0) &&
	    !f->hgvs_c && !f->hgvs_p && !f->hgvs_g)
		fail(w, n, "finding/@c",
		     _("an SNV or indel needs an HGVS description (c=, p= or "
		       "g=)"));
	if (strcmp(f->kind, "fusion") == 0 && !f->partner)
		fail(w, n, "finding/@partner",
		     _("a fusion needs its partner gene"));
	if (strcmp(f->kind, "cnv") == 0 && !f->has_copies) {
		/* an ISH result gives a ratio, not a copy number */
		char *raw = import_xml_prop(n, "copies");
		if (!raw && !(f->value && strstr(f->value, "ratio")))
			fail(w, n, "finding/@copies",
			     _("a copy-number finding needs copies= or an ISH "
			       "ratio in value= (value=\"HER2/CEP17 ratio "
			       "2.4\")"));
		free(raw);
	}
	if (strcmp(f->kind, "msi") == 0) {
		static const char *const msi[] = {"MSI-H", "MSI-L", "MSS",
						  NULL};
		if (!f->value)
			fail(w, n, "finding/@value",
			     _("an MSI finding needs value= MSI-H, MSI-L or "
			       "MSS"));
		else
			check_enum(w, n, "finding/@value", f->value, msi);
	}
	if (strcmp(f->kind, "tmb") == 0) {
		double tmb;
		if (!f->value)
			fail(w, n, "finding/@value",
			     _("a TMB finding needs value= in mutations/Mb"));
		else if (!validate_number(f->value, 0, 10000, &tmb, err))
			fail(w, n, "finding/@value", err);
	}
}

static void walk_imaging(struct walk *w, const xmlNode *n, struct tb_case *c)
{
	struct tb_imaging *im = model_case_add_imaging(c);
	im->date = req_attr(w, n, "date", "imaging/@date");
	check_date(w, n, "imaging/@date", im->date, true);
	im->modality = req_attr(w, n, "modality", "imaging/@modality");
	check_enum(w, n, "imaging/@modality", im->modality, model_modalities);
	im->region = req_attr(w, n, "region", "imaging/@region");
	char *recist = import_xml_prop(n, "recist-sum");
	check_number(w, n, "imaging/@recist-sum", recist, 0, 10000,
		     &im->has_recist, &im->recist_sum);
	free(recist);
	char *ai = import_xml_prop(n, "ai");
	if (ai && strcmp(ai, "true") != 0 && strcmp(ai, "false") != 0)
		fail(w, n, "imaging/@ai", _("use true or false"));
	im->ai = ai && strcmp(ai, "true") == 0;
	free(ai);
	source_of(w, n, &im->source);
	im->findings = req_text(w, n, "findings", "imaging/findings");
	im->impression = req_text(w, n, "impression", "imaging/impression");
}

static struct tb_case *walk_case(struct walk *w, const xmlNode *cn)
{
	struct tb_case *c = model_case_new();
	char err[VALIDATE_ERR_MAX];

	c->external_id = req_attr(w, cn, "id", "case/@id");
	c->referral_date = req_attr(w, cn, "referred", "case/@referred");
	check_date(w, cn, "case/@referred", c->referral_date, true);
	c->level = req_attr(w, cn, "level", "case/@level");
	check_enum(w, cn, "case/@level", c->level, model_levels);
	c->priority = import_xml_prop(cn, "priority");
	check_enum(w, cn, "case/@priority", c->priority, model_priorities);
	if (!c->priority)
		c->priority = xstrdup("routine");
	c->status = import_xml_prop(cn, "status");
	check_enum(w, cn, "case/@status", c->status, model_statuses);
	if (!c->status)
		c->status = xstrdup("referred");
	source_of(w, cn, &c->source);
	if (!c->source.system)
		c->source.system = xstrdup(w->file_source);

	const xmlNode *pn = child(cn, "patient");
	if (pn)
		walk_patient(w, pn, c);
	else
		fail(w, cn, "case/patient", "required element is missing");

	const xmlNode *dn = child(cn, "diagnosis");
	if (dn) {
		c->icd10 = req_attr(w, dn, "icd10", "diagnosis/@icd10");
		check_code(w, dn, "diagnosis/@icd10", c->icd10, validate_icd10);
		if (c->icd10 && validate_icd10(c->icd10, NULL) &&
		    !validate_icd10_is_neoplasm(c->icd10))
			fail(w, dn, "diagnosis/@icd10",
			     _("not a neoplasm code (C00–D48)"));
		c->icdo3 = import_xml_prop(dn, "icdo3");
		check_code(w, dn, "diagnosis/@icdo3", c->icdo3, validate_icdo3);
		c->diagnosis_date = import_xml_prop(dn, "date");
		check_date(w, dn, "diagnosis/@date", c->diagnosis_date, true);
		c->diagnosis_text = text_of(dn);
		if (!c->diagnosis_text)
			fail(w, dn, "diagnosis", _("must not be empty"));
	} else {
		fail(w, cn, "case/diagnosis", "required element is missing");
	}

	c->question = req_text(w, cn, "question", "case/question");
	c->level_reason = req_text(w, cn, "level-reason", "case/level-reason");
	c->summary = opt_text(cn, "summary");

	const xmlNode *rn = child(cn, "referrer");
	if (rn) {
		c->referrer_name = req_attr(w, rn, "name", "referrer/@name");
		c->referrer_unit = req_attr(w, rn, "unit", "referrer/@unit");
		c->referrer_phone = import_xml_prop(rn, "phone");
	} else {
		fail(w, cn, "case/referrer", _("required element is missing"));
	}

	const xmlNode *en = child(cn, "ecog");
	if (en) {
		char *v = text_of(en);
		if (!v || !validate_ecog(v, &c->ecog, err))
			fail(w, en, "ecog",
			     v ? err : _("ECOG must be a whole number 0–5"));
		free(v);
		c->ecog_date = req_attr(w, en, "date", "ecog/@date");
		check_date(w, en, "ecog/@date", c->ecog_date, true);
	}

	const xmlNode *tn = child(cn, "tnm");
	if (tn) {
		c->tnm_t = req_attr(w, tn, "t", "tnm/@t");
		check_code(w, tn, "tnm/@t", c->tnm_t, validate_tnm_t);
		c->tnm_n = req_attr(w, tn, "n", "tnm/@n");
		check_code(w, tn, "tnm/@n", c->tnm_n, validate_tnm_n);
		c->tnm_m = req_attr(w, tn, "m", "tnm/@m");
		check_code(w, tn, "tnm/@m", c->tnm_m, validate_tnm_m);
		c->tnm_stage = import_xml_prop(tn, "stage");
		check_code(w, tn, "tnm/@stage", c->tnm_stage, validate_stage);
		c->tnm_date = import_xml_prop(tn, "date");
		check_date(w, tn, "tnm/@date", c->tnm_date, true);
	}

	for (const xmlNode *n = cn->children; n; n = n->next) {
		if (import_xml_is(n, CASE_NS, "pathology"))
			walk_pathology(w, n, c);
		else if (import_xml_is(n, CASE_NS, "finding"))
			walk_finding(w, n, c);
		else if (import_xml_is(n, CASE_NS, "imaging"))
			walk_imaging(w, n, c);
	}
	if (c->referral_date && c->diagnosis_date &&
	    validate_date(c->referral_date, NULL, NULL) &&
	    validate_date(c->diagnosis_date, NULL, NULL) &&
	    strcmp(c->diagnosis_date, c->referral_date) > 0)
		fail(w, dn, "diagnosis/@date",
		     _("diagnosis date is after the referral"));
	return c;
}

static void free_cases(struct tb_case **cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		model_case_free(&cases[i]);
	free(cases);
}

/* ------------------------------------------------------------------------
 * Streaming: the file is read with xmlTextReader, one <case> subtree
 * expanded at a time and freed after it is checked, so memory follows the
 * largest case, not the file. The RELAX NG schema validates as the reader
 * goes.
 * ---------------------------------------------------------------------- */

/* A string map for the duplicate checks within a file (case ids, and the
 * name seen for each identity number). Open addressing, FNV-1a. */
struct seen {
	char **keys;
	char **vals;
	size_t cap, n;
};

static size_t seen_hash(const char *s)
{
	size_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

/* Returns the value stored for key, or stores val (copied) and returns
 * NULL when key is new. */
static const char *seen_put(struct seen *m, const char *key, const char *val)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		char **keys = xcalloc(cap, sizeof(char *));
		char **vals = xcalloc(cap, sizeof(char *));
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			size_t j = seen_hash(m->keys[i]) & (cap - 1);
			while (keys[j])
				j = (j + 1) & (cap - 1);
			keys[j] = m->keys[i];
			vals[j] = m->vals[i];
		}
		free(m->keys);
		free(m->vals);
		m->keys = keys;
		m->vals = vals;
		m->cap = cap;
	}
	size_t j = seen_hash(key) & (m->cap - 1);
	while (m->keys[j]) {
		if (strcmp(m->keys[j], key) == 0)
			return m->vals[j];
		j = (j + 1) & (m->cap - 1);
	}
	m->keys[j] = xstrdup(key);
	m->vals[j] = xstrdup(val);
	m->n++;
	return NULL;
}

static void seen_done(struct seen *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		free(m->keys[i]);
		free(m->vals[i]);
	}
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

typedef bool (*case_sink)(struct tb_case *c, void *arg);

/* "M. Å***": enough for a person to tell two patients apart, not enough
 * to repeat a name in a message. Caller frees. */
static char *mask_name(const char *given, const char *family)
{
	size_t g = given && *given ? util_utf8_char_len(given) : 0;
	size_t f = family && *family ? util_utf8_char_len(family) : 0;
	return xasprintf("%.*s. %.*s***", (int)g, g ? given : "", (int)f,
			 f ? family : "");
}

/*
 * An identity number stored under another name or sex is another person
 * or a changed identity: refused unless the import says the patient's
 * details changed. Adds a diagnostic and returns false when refused.
 */
static bool identity_ok(struct db *db, const struct tb_patient *p,
			const struct import_opts *opts, struct diag *d,
			const char *name, long line)
{
	struct tb_patient stored = {0};
	char *changed = NULL;
	bool identity = false;
	if (!db || !p->pnr || !p->family_name || !p->given_name || !p->sex)
		return true;
	enum tb_status st =
	    db_case_patient_compare(db, p, &stored, &changed, &identity);
	bool ok = true;
	if (st == TB_OK && identity && !(opts && opts->patient_changed)) {
		char *was = mask_name(stored.given_name, stored.family_name);
		char *now = mask_name(p->given_name, p->family_name);
		diag_add(
		    d, name, line, "patient/id",
		    _("this identity number is stored for %s%s, this file "
		      "names %s%s; if the patient's details changed, import "
		      "with --patient-changed"),
		    was, strcmp(stored.sex, p->sex) ? _(" (another sex)") : "",
		    now, strcmp(stored.sex, p->sex) ? _(" (another sex)") : "");
		free(was);
		free(now);
		ok = false;
	} else if (st != TB_OK && st != TB_NOT_FOUND) {
		diag_add(d, name, line, "patient/id",
			 _("cannot look up the identity number: %s"),
			 db_errmsg(db));
		ok = false;
	}
	if (st == TB_OK)
		model_patient_done(&stored);
	free(changed);
	return ok;
}

/* The line of the reader's current node; the parser's line (which may be
 * ahead) when the node has none. */
static long reader_line(xmlTextReaderPtr r)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(r);
	long line = n ? xmlGetLineNo(n) : -1;
	return line > 0 ? line : xmlTextReaderGetParserLineNumber(r);
}

/* True when the text holds something other than XML white space. */
static bool has_text(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return true;
	return false;
}

/*
 * The root element's own checks, done by hand because the schema only sees
 * one case at a time: its name and namespace, and its attributes (source
 * only, at most 200 characters). Returns false after a diagnostic.
 */
static bool check_root(xmlTextReaderPtr r, const char *name, struct diag *d,
		       char **source)
{
	long line = reader_line(r);
	const char *local = (const char *)xmlTextReaderConstLocalName(r);
	const char *ns = (const char *)xmlTextReaderConstNamespaceUri(r);
	if (!ns || strcmp(ns, CASE_NS) != 0 || strcmp(local, "cases") != 0) {
		diag_add(d, name, line, NULL,
			 _("the root element must be <cases xmlns=\"%s\">"),
			 CASE_NS);
		return false;
	}
	bool ok = true;
	while (ok && xmlTextReaderMoveToNextAttribute(r) == 1) {
		if (xmlTextReaderIsNamespaceDecl(r) == 1)
			continue;
		const char *an = (const char *)xmlTextReaderConstName(r);
		const char *av = (const char *)xmlTextReaderConstValue(r);
		if (strcmp(an, "source") != 0) {
			diag_add(
			    d, name, line, "cases",
			    _("unknown attribute; only source= is allowed"));
			ok = false;
		} else if (util_utf8_count(av ? av : "") > 200) {
			diag_add(d, name, line, "cases/@source",
				 _("longer than 200 characters"));
			ok = false;
		} else {
			*source = xstrdup(av ? av : "");
			util_trim(*source);
		}
	}
	xmlTextReaderMoveToElement(r);
	return ok;
}

/*
 * A document <cases xmlns=…/> that each case is copied into to be checked
 * against the schema on its own. The schema is not attached to the reader:
 * libxml2 2.9's streaming validator keeps a pointer to the last element it
 * saw, which the reader frees, and reports later errors through it (text
 * after the last case made it read freed memory and name a stale field
 * and line). A copy lives exactly as long as its check.
 */
struct case_check {
	xmlDocPtr doc;
	xmlNodePtr root;
	xmlRelaxNGValidCtxtPtr vc;
};

static bool case_check_init(struct case_check *cc, struct err_ctx *ec)
{
	memset(cc, 0, sizeof(*cc));
	xmlRelaxNGPtr schema =
	    import_xml_schema(schema_case_rng, schema_case_rng_len);
	if (!schema)
		return false;
	cc->doc = xmlNewDoc((const xmlChar *)"1.0");
	cc->root = xmlNewDocNode(cc->doc, NULL, (const xmlChar *)"cases", NULL);
	cc->vc = xmlRelaxNGNewValidCtxt(schema);
	if (!cc->doc || !cc->root || !cc->vc)
		util_die_nomem();
	xmlSetNs(cc->root, xmlNewNs(cc->root, (const xmlChar *)CASE_NS, NULL));
	xmlDocSetRootElement(cc->doc, cc->root);
	xmlRelaxNGSetValidStructuredErrors(cc->vc, structured_error, ec);
	return true;
}

/* Checks one expanded <case> against the schema; false when invalid. */
static bool case_check_run(struct case_check *cc, xmlNodePtr cn)
{
	xmlNodePtr copy = xmlDocCopyNode(cn, cc->doc, 1);
	if (!copy)
		util_die_nomem();
	xmlAddChild(cc->root, copy);
	int rc = xmlRelaxNGValidateDoc(cc->vc, cc->doc);
	xmlUnlinkNode(copy);
	xmlFreeNode(copy);
	return rc == 0;
}

static void case_check_done(struct case_check *cc)
{
	if (cc->vc)
		xmlRelaxNGFreeValidCtxt(cc->vc);
	if (cc->doc)
		xmlFreeDoc(cc->doc);
	memset(cc, 0, sizeof(*cc));
}

/*
 * What the per-case checks of one file share: the field walk, the schema
 * copy, the duplicate maps and where checked cases go.
 */
struct stream {
	const char *name;
	const struct import_opts *opts;
	struct db *db;
	struct diag *d;
	size_t errors_before;
	struct err_ctx ec;
	/* FHIR: schema messages only when the field walk found nothing (the
	 * walk names the FHIR element; the schema can only name ours) */
	bool fhir;
	struct walk w;
	struct case_check cc;
	struct seen ids, names;
	case_sink sink;
	void *arg;
	/* the write pass over bytes that passed already: the checks that
	 * depend on the bytes alone (schema, text) are not run again */
	bool again;
};

/*
 * Checks one expanded <case> (from a case file or built from FHIR): the
 * schema, the text, every field, duplicates within the file and identity
 * conflicts in the store. While the file is clean the case goes to the
 * sink; afterwards it is freed. Returns true when the sink took it.
 */
static bool check_case(struct stream *s, xmlNodePtr cn)
{
	struct diag *d = s->d;
	struct walk *w = &s->w;
	struct diag schema;
	diag_init(&schema);
	if (s->fhir)
		s->ec.d = &schema;
	if (!s->again)
		case_check_run(&s->cc, cn);
	s->ec.d = d;
	size_t walk_before = d->n + d->dropped;
	if (!s->again)
		import_xml_check_text(s->name, cn, d);
	struct tb_case *c = walk_case(w, cn);
	if (d->n + d->dropped == walk_before)
		for (size_t i = 0; i < schema.n; i++)
			diag_add(d, schema.items[i].file, schema.items[i].line,
				 schema.items[i].field, "%s",
				 schema.items[i].message);
	diag_done(&schema);
	if (c->external_id && seen_put(&s->ids, c->external_id, ""))
		fail(w, cn, "case/@id",
		     _("the same case id appears twice in this file"));
	if (c->patient.pnr && c->patient.family_name && c->patient.given_name) {
		char *nm = xasprintf("%s\x1f%s", c->patient.family_name,
				     c->patient.given_name);
		const char *before = seen_put(&s->names, c->patient.pnr, nm);
		if (before && strcmp(before, nm) != 0)
			fail(w, child(cn, "patient"), "patient/name",
			     _("the same identity number has another "
			       "name earlier in this file"));
		else if (!before)
			identity_ok(s->db, &c->patient, s->opts, d, s->name,
				    line_of(child(cn, "patient")));
		free(nm);
	}
	if (d->n + d->dropped == s->errors_before && s->sink) {
		if (!s->sink(c, s->arg))
			diag_add(d, s->name, line_of(cn), "case",
				 _("could not be stored"));
		return true;
	}
	model_case_free(&c);
	return false;
}

/* Sets up s for a file; false (after a diagnostic) when the schema cannot
 * be set up. */
static bool stream_init(struct stream *s, const char *name,
			const struct import_opts *opts, struct db *db,
			struct diag *d, case_sink sink, void *arg,
			char today[11])
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->opts = opts;
	s->db = db;
	s->d = d;
	s->errors_before = d->n + d->dropped;
	s->sink = sink;
	s->arg = arg;
	s->w.name = name;
	s->w.d = d;
	if (opts && opts->today)
		snprintf(today, 11, "%s", opts->today);
	else
		clock_today(today);
	s->w.today = today;
	s->w.today_year = atoi(today);
	clock_timestamp(s->w.received);
	s->ec.d = d;
	s->ec.name = name;
	if (!case_check_init(&s->cc, &s->ec)) {
		diag_add(d, name, 0, NULL,
			 _("cannot set up schema validation"));
		return false;
	}
	return true;
}

static void stream_done(struct stream *s)
{
	case_check_done(&s->cc);
	seen_done(&s->ids);
	seen_done(&s->names);
}

/*
 * A FHIR file (tumorboard-fhir(7)): its resources become <case> elements
 * that go through check_case like a case file's, with the diagnostics
 * turned back into FHIR lines and paths. The not-mapped report goes to
 * opts->notes when given.
 */
static enum tb_status parse_fhir(const char *name, const char *buf, size_t n,
				 const struct import_opts *opts, struct db *db,
				 struct diag *d, case_sink sink, void *arg)
{
	struct stream s;
	struct fhir_in fi;
	char today[11];
	size_t before = d->n + d->dropped;
	bool ok = stream_init(&s, name, opts, db, d, sink, arg, today);
	s.fhir = true;
	/* the cases are checked even after a problem in the FHIR itself,
	 * so that every problem is reported; nothing reaches the sink then */
	fhir_in_build(name, buf, n, today, &fi, d);
	if (ok) {
		const char *base = strrchr(name, '/');
		char *file_source =
		    xasprintf("file %s", base ? base + 1 : name);
		s.w.file_source = file_source;
		size_t k = 0;
		for (xmlNodePtr cn = fi.root->children; cn;
		     cn = cn->next, k++) {
			size_t from = d->n;
			if (check_case(&s, cn))
				progress_add(1);
			fhir_in_remap(&fi, k, name, d, from);
		}
		free(file_source);
	}
	if (opts && opts->notes)
		for (size_t i = 0; i < fi.notes.n; i++) {
			const struct diag_item *it = &fi.notes.items[i];
			diag_add(opts->notes, it->file, it->line, it->field,
				 "%s", it->message);
		}
	if (opts && opts->notes && fi.notes.dropped)
		opts->notes->dropped += fi.notes.dropped;
	fhir_in_done(&fi);
	stream_done(&s);
	return d->n + d->dropped == before ? TB_OK : TB_INVALID;
}

/*
 * Reads and checks a file held in memory. With a database, identity
 * numbers are looked up (read only) for conflicts. Each case that is checked
 * while the file is still free of problems goes to sink (which takes it);
 * after the first problem cases are only checked, so that every problem is
 * reported, and freed. Returns TB_INVALID when d gained any item. A FHIR
 * file (recognised by its content) is read by parse_fhir.
 *
 * again: these very bytes passed this function without a problem (the
 * write pass of import_file): the checks that depend on nothing but the
 * bytes (the byte check before parsing, the schema, the text check) are
 * not run a second time.
 * Everything else runs as before, the identity numbers' look-up too (the
 * database may have changed between the passes).
 */
static enum tb_status parse_stream(const char *name, const char *buf, size_t n,
				   const struct import_opts *opts,
				   struct db *db, struct diag *d, bool again,
				   case_sink sink, void *arg)
{
	struct stream s;
	xmlTextReaderPtr r = NULL;
	char *file_source = NULL;
	char today[11];
	size_t errors_before = d->n + d->dropped;
	size_t n_cases = 0;
	bool root_seen = false;

	if (fhir_in_detect(buf, n) != FHIR_FORMAT_NONE)
		return parse_fhir(name, buf, n, opts, db, d, sink, arg);
	if (n > INT32_MAX) {
		diag_add(d, name, 0, NULL, _("file is too large"));
		return TB_INVALID;
	}
	if (!again && !import_xml_precheck(name, buf, n, d))
		return TB_INVALID;

	bool ok = stream_init(&s, name, opts, db, d, sink, arg, today);
	s.again = again;
	r = xmlReaderForMemory(buf, (int)n, name, "UTF-8",
			       XML_PARSE_NONET | XML_PARSE_BIG_LINES |
				   XML_PARSE_COMPACT | XML_PARSE_NOCDATA);
	if (!r)
		util_die_nomem();
	if (!ok)
		goto cleanup;
	xmlTextReaderSetStructuredErrorHandler(r, structured_error, &s.ec);

	int ret = xmlTextReaderRead(r);
	while (ret == 1) {
		int type = xmlTextReaderNodeType(r);
		int depth = xmlTextReaderDepth(r);
		if (depth == 1 && (type == XML_READER_TYPE_TEXT ||
				   type == XML_READER_TYPE_CDATA)) {
			if (has_text((const char *)xmlTextReaderConstValue(r)))
				diag_add(d, name, reader_line(r), "cases",
					 _("text between cases; only <case> "
					   "elements belong in <cases>"));
			ret = xmlTextReaderRead(r);
			continue;
		}
		if (type != XML_READER_TYPE_ELEMENT) {
			ret = xmlTextReaderRead(r);
			continue;
		}
		const char *local =
		    (const char *)xmlTextReaderConstLocalName(r);
		const char *ns =
		    (const char *)xmlTextReaderConstNamespaceUri(r);
		bool ours = ns && strcmp(ns, CASE_NS) == 0;
		if (depth == 0) {
			root_seen = true;
			if (!check_root(r, name, d, &file_source)) {
				if (!ours || strcmp(local, "cases") != 0)
					break;
			}
			if (!file_source) {
				const char *base = strrchr(name, '/');
				file_source = xasprintf("file %s",
							base ? base + 1 : name);
			}
			s.w.file_source = file_source;
			ret = xmlTextReaderRead(r);
			continue;
		}
		if (depth != 1 || !ours || strcmp(local, "case") != 0) {
			diag_add(d, name, reader_line(r), "cases",
				 _("unexpected element <%s>; only <case> "
				   "elements belong in <cases>"),
				 local);
			ret = xmlTextReaderNext(r);
			continue;
		}
		xmlNodePtr cn = xmlTextReaderExpand(r);
		if (!cn)
			break;
		n_cases++;
		if (check_case(&s, cn)) {
			progress_add(1);
			progress_within((double)xmlTextReaderByteConsumed(r) /
					(double)n);
		}
		ret = xmlTextReaderNext(r);
	}
	if (ret < 0 && d->n + d->dropped == errors_before)
		diag_add(d, name, xmlTextReaderGetParserLineNumber(r), NULL,
			 _("not well-formed XML"));
	if (ret == 0 && !root_seen && d->n + d->dropped == errors_before)
		diag_add(d, name, 0, NULL, _("the file holds no XML element"));
	if (ret == 0 && root_seen && !n_cases &&
	    d->n + d->dropped == errors_before)
		diag_add(d, name, xmlTextReaderGetParserLineNumber(r), "cases",
			 _("the file holds no <case>"));
cleanup:
	xmlFreeTextReader(r);
	stream_done(&s);
	free(file_source);
	return d->n + d->dropped == errors_before ? TB_OK : TB_INVALID;
}

struct collect {
	struct tb_case **cases;
	size_t n;
};

static bool collect_case(struct tb_case *c, void *arg)
{
	struct collect *co = arg;
	co->cases = xrealloc(co->cases, (co->n + 1) * sizeof(*co->cases));
	co->cases[co->n++] = c;
	return true;
}

enum tb_status import_parse(const char *name, const char *buf, size_t n,
			    const struct import_opts *opts, struct diag *d,
			    struct tb_case ***out, size_t *n_out)
{
	struct collect co = {0};
	enum tb_status st =
	    parse_stream(name, buf, n, opts, NULL, d, false, collect_case, &co);
	if (st != TB_OK) {
		free_cases(co.cases, co.n);
		*out = NULL;
		*n_out = 0;
		return st;
	}
	*out = co.cases;
	*n_out = co.n;
	return TB_OK;
}

struct store {
	struct db *db;
	struct import_result *res;
	const struct import_opts *opts;
	char received[21];
	const char *path;
	struct diag *d;
};

/* Stores one checked case inside the file's transaction. The identity
 * check runs again here: another import may have come between the check
 * and the write lock. */
static bool store_case(struct tb_case *c, void *arg)
{
	struct store *s = arg;
	bool created;
	char *changes = NULL;
	enum tb_status st = TB_INVALID;
	if (identity_ok(s->db, &c->patient, s->opts, s->d, s->path, 0))
		st = db_case_store(s->db, c, s->received, &created, &changes);
	if (st == TB_INVALID) {
		/* reported by identity_ok */
	} else if (st != TB_OK) {
		diag_add(s->d, s->path, 0, "case", _("could not be stored: %s"),
			 db_errmsg(s->db));
	} else if (created) {
		s->res->created++;
	} else if (changes) {
		s->res->updated++;
	} else {
		s->res->unchanged++;
	}
	free(changes);
	model_case_free(&c);
	return st == TB_OK;
}

/* Files up to this size keep their checked cases in memory between the
 * check and the write; larger ones are read a second time to write, one
 * case at a time, so that memory stays bounded by the largest case. Kept
 * cases take about twice their file's size (a file of 1,000 cases, 2.3 MB,
 * kept 4.7 MiB of peak memory), so only small files keep them. */
#define IMPORT_KEEP_BYTES (256u * 1024u)

struct dry {
	struct db *db;
	struct strbuf out;
	struct import_result *res;
};

/* Says what storing the case would do, and frees it. */
static bool dry_case(struct tb_case *c, void *arg)
{
	struct dry *dr = arg;
	long long id;
	bool known = dr->db && c->external_id &&
		     db_case_find(dr->db, c->external_id, &id) == TB_OK;
	if (known)
		dr->res->updated++;
	else
		dr->res->created++;
	char *cid = util_sanitize(c->external_id ? c->external_id : "?", false);
	strbuf_printf(&dr->out,
		      "%s: %s, ICD-10 %s, %zu pathology, %zu findings, %zu "
		      "imaging%s%s\n",
		      cid, known ? "update" : "new", c->icd10 ? c->icd10 : "-",
		      c->n_pathology, c->n_findings, c->n_imaging,
		      c->ecog >= 0 ? ", ECOG" : "", c->tnm_t ? ", TNM" : "");
	free(cid);
	model_case_free(&c);
	return true;
}

enum tb_status import_file(struct db *db, const char *path,
			   const struct import_opts *opts, struct diag *d,
			   struct import_result *res)
{
	size_t max = opts && opts->max_bytes ? opts->max_bytes
					     : IMPORT_DEFAULT_MAX_BYTES;
	struct store s = {
	    .db = db, .res = res, .opts = opts, .path = path, .d = d};
	struct collect co = {0};
	bool keep;
	char *buf = NULL;
	size_t len = 0;
	bool in_txn = false;
	enum tb_status st;

	memset(res, 0, sizeof(*res));
	st = import_xml_read(path, max, &buf, &len, d);
	if (st != TB_OK)
		goto cleanup;
	if (opts && opts->dry_run) {
		struct dry dr = {.db = db, .res = res};
		st = parse_stream(path, buf, len, opts, db, d, false, dry_case,
				  &dr);
		if (st == TB_OK)
			res->dry_run = strbuf_detach(&dr.out);
		strbuf_done(&dr.out);
		goto cleanup;
	}
	/* The whole file is checked before the write lock is taken: a bad or
	 * hostile file never holds the database for anyone else. */
	/* a FHIR file is read whole anyway (references cross its entries):
	 * its cases are kept rather than read a second time */
	keep = len <= IMPORT_KEEP_BYTES ||
	       fhir_in_detect(buf, len) != FHIR_FORMAT_NONE;
	st = parse_stream(path, buf, len, opts, db, d, false,
			  keep ? collect_case : NULL, &co);
	if (st != TB_OK)
		goto cleanup;
	st = db_begin(db);
	if (st != TB_OK) {
		diag_add(d, path, 0, NULL, _("cannot start a transaction: %s"),
			 db_errmsg(db));
		goto cleanup;
	}
	in_txn = true;
	clock_timestamp(s.received);
	if (keep) {
		for (size_t i = 0; i < co.n; i++) {
			struct tb_case *c = co.cases[i];
			co.cases[i] = NULL;
			if (!store_case(c, &s)) {
				st = TB_INVALID;
				goto cleanup;
			}
		}
	} else {
		/* The same bytes, held in memory, checked above: the second
		 * pass skips the checks that depend on the bytes alone. */
		st = parse_stream(path, buf, len, opts, db, d, true, store_case,
				  &s);
		if (st != TB_OK)
			goto cleanup;
	}
	st = db_commit(db);
	in_txn = false;
	if (st != TB_OK)
		diag_add(d, path, 0, NULL, _("could not commit: %s"),
			 db_errmsg(db));
cleanup:
	if (in_txn)
		db_rollback(db);
	if (st != TB_OK) {
		free(res->dry_run);
		memset(res, 0, sizeof(*res));
	}
	free_cases(co.cases, co.n);
	free(buf);
	return st;
}

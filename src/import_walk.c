/*
 * The field walk of a case file: each element and attribute of one <case>
 * into struct tb_case, with the checks of validate.h on every value
 * (file:line: field: message).
 */
#include "import_walk.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "import_xml.h"
#include "kb.h"
#include "util.h"
#include "validate.h"

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

const xmlNode *import_walk_child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (import_xml_is(c, CASE_NS, name))
			return c;
	return NULL;
}

void import_walk_fail(struct import_walk *w, const xmlNode *n,
		      const char *field, const char *msg)
{
	diag_add(w->d, w->name, line_of(n), field, "%s", msg);
}

/* A required attribute: reports "missing" and returns NULL when absent or
 * empty. */
static char *req_attr(struct import_walk *w, const xmlNode *n, const char *name,
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

static char *req_text(struct import_walk *w, const xmlNode *parent,
		      const char *name, const char *field)
{
	const xmlNode *c = import_walk_child(parent, name);
	char *v = c ? text_of(c) : NULL;
	if (!v)
		diag_add(w->d, w->name, line_of(c ? c : parent), field,
			 c ? _("must not be empty")
			   : _("required element is missing"));
	return v;
}

static char *opt_text(const xmlNode *parent, const char *name)
{
	const xmlNode *c = import_walk_child(parent, name);
	return c ? text_of(c) : NULL;
}

static void check_enum(struct import_walk *w, const xmlNode *n,
		       const char *field, const char *value,
		       const char *const *list)
{
	if (!value || model_enum_valid(list, value))
		return;
	char *allowed = model_enum_describe(list);
	diag_add(w->d, w->name, line_of(n), field, _("unknown value; use %s"),
		 allowed);
	free(allowed);
}

static void check_date(struct import_walk *w, const xmlNode *n,
		       const char *field, const char *value, bool not_future)
{
	char err[VALIDATE_ERR_MAX];
	if (value && !validate_date(value, not_future ? w->today : NULL, err))
		import_walk_fail(w, n, field, err);
}

typedef bool (*code_check)(const char *, char *);

static void check_code(struct import_walk *w, const xmlNode *n,
		       const char *field, const char *value, code_check fn)
{
	char err[VALIDATE_ERR_MAX];
	if (value && !fn(value, err))
		import_walk_fail(w, n, field, err);
}

static void check_number(struct import_walk *w, const xmlNode *n,
			 const char *field, const char *value, double min,
			 double max, bool *has, double *out)
{
	char err[VALIDATE_ERR_MAX];
	if (!value)
		return;
	if (validate_number(value, min, max, out, err))
		*has = true;
	else
		import_walk_fail(w, n, field, err);
}

static void source_of(struct import_walk *w, const xmlNode *n,
		      struct tb_source *s)
{
	s->system = import_xml_prop(n, "source");
	s->received = xstrdup(w->received);
}

static void walk_patient(struct import_walk *w, const xmlNode *pn,
			 struct tb_case *c)
{
	struct tb_patient *p = &c->patient;
	const xmlNode *idn = import_walk_child(pn, "id");
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
				import_walk_fail(
				    w, idn, "patient/id/@type",
				    kind == VALIDATE_ID_PERSONNUMMER
					? _("the number is a personnummer, "
					    "not a samordningsnummer")
					: _("the number is a "
					    "samordningsnummer (day + 60)"));
			free(declared);
			if (strcmp(birth, w->today) > 0)
				import_walk_fail(
				    w, idn, "patient/id",
				    _("birth date is in the future"));
		} else {
			import_walk_fail(w, idn, "patient/id", err);
		}
		free(raw);
	}
	const xmlNode *nn = import_walk_child(pn, "name");
	if (nn) {
		p->family_name =
		    req_attr(w, nn, "family", "patient/name/@family");
		p->given_name = req_attr(w, nn, "given", "patient/name/@given");
	} else {
		import_walk_fail(w, pn, "patient/name",
				 _("required element is missing"));
	}
	p->sex = req_text(w, pn, "sex", "patient/sex");
	check_enum(
	    w, import_walk_child(pn, "sex") ? import_walk_child(pn, "sex") : pn,
	    "patient/sex", p->sex, model_sexes);
	p->language = opt_text(pn, "language");
	if (p->language)
		check_code(w, import_walk_child(pn, "language"),
			   "patient/language", p->language, validate_language);
	else
		p->language = xstrdup("sv");
	const xmlNode *ln = import_walk_child(pn, "language");
	char *ip = ln ? import_xml_prop(ln, "interpreter") : NULL;
	if (ip && strcmp(ip, "yes") != 0 && strcmp(ip, "no") != 0)
		import_walk_fail(w, ln, "patient/language/@interpreter",
				 _("use yes or no"));
	p->interpreter = ip && strcmp(ip, "yes") == 0;
	free(ip);
	p->region = opt_text(pn, "region");
	p->hospital = opt_text(pn, "hospital");
}

static void walk_pathology(struct import_walk *w, const xmlNode *n,
			   struct tb_case *c)
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

/* A variant looked for and not found (result="absent") is an SNV or an
 * indel that names the gene and the change looked for; it has no allele
 * frequency, copy number, value or class of its own. (MSI and TMB are
 * results with a value; a fusion or copy number not found is a region
 * studied, which the case's summary holds.) */
static void absent_checks(struct import_walk *w, const xmlNode *n,
			  const char *kind)
{
	static const struct {
		const char *attr, *field;
	} none[] = {
	    {"vaf", "finding/@vaf"},
	    {"copies", "finding/@copies"},
	    {"value", "finding/@value"},
	    {"classification", "finding/@classification"},
	};
	if (strcmp(kind, "snv") != 0 && strcmp(kind, "indel") != 0) {
		import_walk_fail(w, n, "finding/@result",
				 _("only an SNV or indel looked for can be "
				   "absent (MSS or a low TMB is a value)"));
		return;
	}
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (xmlHasProp(n, (const xmlChar *)none[i].attr))
			import_walk_fail(w, n, none[i].field,
					 _("a variant not found has none; "
					   "leave it out"));
}

static void walk_finding(struct import_walk *w, const xmlNode *n,
			 struct tb_case *c)
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
	char *result = import_xml_prop(n, "result");
	check_enum(w, n, "finding/@result", result, model_results);
	f->absent = result && strcmp(result, "absent") == 0;
	free(result);
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
	if (f->absent)
		absent_checks(w, n, f->kind);
	if (gene_needed && !f->gene)
		import_walk_fail(w, n, "finding/@gene",
				 _("a gene is required for this kind"));
	if (!gene_needed && f->gene)
		import_walk_fail(
		    w, n, "finding/@gene",
		    _("MSI and TMB findings are not tied to one gene; leave "
		      "gene out"));
	if (f->gene && !validate_gene(f->gene, err))
		import_walk_fail(w, n, "finding/@gene", err);
	if (f->partner && !validate_gene(f->partner, err))
		import_walk_fail(w, n, "finding/@partner", err);
	if ((strcmp(f->kind, "snv") == 0 || strcmp(f->kind, "indel") == 0) &&
	    !f->hgvs_c && !f->hgvs_p && !f->hgvs_g)
		import_walk_fail(
		    w, n, "finding/@c",
		    _("an SNV or indel needs an HGVS description (c=, p= or "
		      "g=)"));
	if (strcmp(f->kind, "fusion") == 0 && !f->partner)
		import_walk_fail(w, n, "finding/@partner",
				 _("a fusion needs its partner gene"));
	if (strcmp(f->kind, "cnv") == 0 && !f->has_copies) {
		/* an ISH result gives a ratio, not a copy number */
		char *raw = import_xml_prop(n, "copies");
		if (!raw && !(f->value && strstr(f->value, "ratio")))
			import_walk_fail(
			    w, n, "finding/@copies",
			    _("a copy-number finding needs copies= or an ISH "
			      "ratio in value= (value=\"HER2/CEP17 ratio "
			      "2.4\")"));
		free(raw);
	}
	if (strcmp(f->kind, "msi") == 0) {
		static const char *const msi[] = {"MSI-H", "MSI-L", "MSS",
						  NULL};
		if (!f->value)
			import_walk_fail(
			    w, n, "finding/@value",
			    _("an MSI finding needs value= MSI-H, MSI-L or "
			      "MSS"));
		else
			check_enum(w, n, "finding/@value", f->value, msi);
	}
	if (strcmp(f->kind, "tmb") == 0) {
		double tmb;
		if (!f->value)
			import_walk_fail(
			    w, n, "finding/@value",
			    _("a TMB finding needs value= in mutations/Mb"));
		else if (!validate_number(f->value, 0, 10000, &tmb, err))
			import_walk_fail(w, n, "finding/@value", err);
	}
}

static void walk_imaging(struct import_walk *w, const xmlNode *n,
			 struct tb_case *c)
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
		import_walk_fail(w, n, "imaging/@ai", _("use true or false"));
	im->ai = ai && strcmp(ai, "true") == 0;
	free(ai);
	source_of(w, n, &im->source);
	im->findings = req_text(w, n, "findings", "imaging/findings");
	im->impression = req_text(w, n, "impression", "imaging/impression");
}

struct tb_case *import_walk_case(struct import_walk *w, const xmlNode *cn)
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

	const xmlNode *pn = import_walk_child(cn, "patient");
	if (pn)
		walk_patient(w, pn, c);
	else
		import_walk_fail(w, cn, "case/patient",
				 _("required element is missing"));

	const xmlNode *dn = import_walk_child(cn, "diagnosis");
	if (dn) {
		c->icd10 = req_attr(w, dn, "icd10", "diagnosis/@icd10");
		check_code(w, dn, "diagnosis/@icd10", c->icd10, validate_icd10);
		if (c->icd10 && validate_icd10(c->icd10, NULL) &&
		    !validate_icd10_is_neoplasm(c->icd10))
			import_walk_fail(w, dn, "diagnosis/@icd10",
					 _("not a neoplasm code (C00–D48)"));
		c->icdo3 = import_xml_prop(dn, "icdo3");
		check_code(w, dn, "diagnosis/@icdo3", c->icdo3, validate_icdo3);
		c->diagnosis_date = import_xml_prop(dn, "date");
		check_date(w, dn, "diagnosis/@date", c->diagnosis_date, true);
		c->diagnosis_text = text_of(dn);
		if (!c->diagnosis_text)
			import_walk_fail(w, dn, "diagnosis",
					 _("must not be empty"));
	} else {
		import_walk_fail(w, cn, "case/diagnosis",
				 _("required element is missing"));
	}

	c->question = req_text(w, cn, "question", "case/question");
	c->level_reason = req_text(w, cn, "level-reason", "case/level-reason");
	c->summary = opt_text(cn, "summary");

	const xmlNode *rn = import_walk_child(cn, "referrer");
	if (rn) {
		c->referrer_name = req_attr(w, rn, "name", "referrer/@name");
		c->referrer_unit = req_attr(w, rn, "unit", "referrer/@unit");
		c->referrer_phone = import_xml_prop(rn, "phone");
	} else {
		import_walk_fail(w, cn, "case/referrer",
				 _("required element is missing"));
	}

	const xmlNode *en = import_walk_child(cn, "ecog");
	if (en) {
		char *v = text_of(en);
		if (!v || !validate_ecog(v, &c->ecog, err))
			import_walk_fail(
			    w, en, "ecog",
			    v ? err : _("ECOG must be a whole number 0–5"));
		free(v);
		c->ecog_date = req_attr(w, en, "date", "ecog/@date");
		check_date(w, en, "ecog/@date", c->ecog_date, true);
	}

	const xmlNode *ln = import_walk_child(cn, "lansky");
	if (ln) {
		char *v = text_of(ln);
		if (!validate_lansky(v, &c->lansky, err))
			import_walk_fail(w, ln, "lansky", err);
		free(v);
		c->lansky_date = req_attr(w, ln, "date", "lansky/@date");
		check_date(w, ln, "lansky/@date", c->lansky_date, true);
	}

	const xmlNode *tn = import_walk_child(cn, "tnm");
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
		import_walk_fail(w, dn, "diagnosis/@date",
				 _("diagnosis date is after the referral"));
	return c;
}

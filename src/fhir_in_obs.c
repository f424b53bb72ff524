/*
 * FHIR import: Observations (TNM, ECOG and Karnofsky, disease status,
 * regions studied, markers, RECIST sums); a variant, TMB and MSI are
 * findings (fhir_in_variant.c).
 */
#include "fhir_in_internal.h"

#include <stdlib.h>
#include <string.h>

#include "fhir.h"
#include "i18n.h"
#include "validate.h"

/* ------------------------------------------------------------------------
 * Observations
 * ---------------------------------------------------------------------- */

enum obs_kind fhir_in_obs_kind(struct fnode *r)
{
	struct fnode *cc = fhir_in_kid(r, "code");
	/* the profile first: one with another code is refused as a status */
	if (fhir_in_has_profile(r, FHIR_PROFILE_DISEASE_STATUS))
		return OBS_STATUS;
	static const struct {
		const char *sys, *code;
		enum obs_kind k;
	} table[] = {
	    {FHIR_SYS_LOINC, FHIR_LOINC_CT, OBS_T},
	    {FHIR_SYS_LOINC, FHIR_LOINC_PT, OBS_T},
	    {FHIR_SYS_SNOMED, FHIR_SCT_CT, OBS_T},
	    {FHIR_SYS_SNOMED, FHIR_SCT_PT, OBS_T},
	    {FHIR_SYS_SNOMED, FHIR_SCT_T, OBS_T},
	    {FHIR_SYS_LOINC, FHIR_LOINC_CN, OBS_N},
	    {FHIR_SYS_LOINC, FHIR_LOINC_PN, OBS_N},
	    {FHIR_SYS_SNOMED, FHIR_SCT_CN, OBS_N},
	    {FHIR_SYS_SNOMED, FHIR_SCT_PN, OBS_N},
	    {FHIR_SYS_SNOMED, FHIR_SCT_N, OBS_N},
	    {FHIR_SYS_LOINC, FHIR_LOINC_CM, OBS_M},
	    {FHIR_SYS_LOINC, FHIR_LOINC_PM, OBS_M},
	    {FHIR_SYS_SNOMED, FHIR_SCT_CM, OBS_M},
	    {FHIR_SYS_SNOMED, FHIR_SCT_PM, OBS_M},
	    {FHIR_SYS_SNOMED, FHIR_SCT_M, OBS_M},
	    {FHIR_SYS_LOINC, FHIR_LOINC_CSTAGE, OBS_STAGE},
	    {FHIR_SYS_LOINC, FHIR_LOINC_PSTAGE, OBS_STAGE},
	    {FHIR_SYS_SNOMED, FHIR_SCT_CSTAGE, OBS_STAGE},
	    {FHIR_SYS_SNOMED, FHIR_SCT_PSTAGE, OBS_STAGE},
	    {FHIR_SYS_SNOMED, FHIR_SCT_STAGE, OBS_STAGE},
	    {FHIR_SYS_LOINC, FHIR_LOINC_ECOG, OBS_ECOG},
	    {FHIR_SYS_NCIT, FHIR_NCIT_LANSKY, OBS_LANSKY},
	    {FHIR_SYS_LOINC, FHIR_LOINC_KARNOFSKY, OBS_KARNOFSKY},
	    {FHIR_SYS_LOINC, FHIR_LOINC_DISEASE_STATUS, OBS_STATUS},
	    {FHIR_SYS_LOINC, FHIR_LOINC_VARIANT, OBS_VARIANT},
	    {FHIR_SYS_LOINC, FHIR_LOINC_TMB, OBS_TMB},
	    {FHIR_SYS_LOINC, FHIR_LOINC_MSI, OBS_MSI},
	    {FHIR_SYS_LOINC, FHIR_LOINC_REGION_STUDIED, OBS_REGION},
	    {FHIR_SYS_LOINC, FHIR_LOINC_FINDINGS, OBS_FINDINGS},
	    {FHIR_SYS_TB_CODE, "recist-sum", OBS_RECIST},
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (fhir_in_cc_has(cc, table[i].sys, table[i].code))
			return table[i].k;
	if (fhir_in_has_profile(r, FHIR_PROFILE_VARIANT))
		return OBS_VARIANT;
	if (fhir_in_has_profile(r, FHIR_PROFILE_REGION_STUDIED))
		return OBS_REGION;
	if (fhir_in_has_profile(r, FHIR_PROFILE_TUMOR_MARKER))
		return OBS_MARKER;
	return OBS_OTHER;
}

/* effectiveDateTime, effectivePeriod.start or issued; marks it used */
const char *fhir_in_effective(struct fnode *r, struct fnode **src)
{
	struct fnode *p = fhir_in_kid(r, "effectivePeriod");
	*src = fhir_in_kid(r, "effectiveDateTime");
	if (!*src && p)
		*src = fhir_in_kid(p, "start");
	if (!*src)
		*src = fhir_in_kid(r, "issued");
	if (!*src)
		return NULL;
	(*src)->used = true;
	return (*src)->value;
}

/* A value as written, for markers and summary lines (caller frees). */
char *fhir_in_value_text(struct fnode *r, struct fnode **src)
{
	struct fnode *v;
	*src = NULL;
	if ((v = fhir_in_kid(r, "valueString")) ||
	    (v = fhir_in_kid(r, "valueInteger")) ||
	    (v = fhir_in_kid(r, "valueBoolean"))) {
		*src = v;
		v->used = true;
		return v->value ? xstrdup(v->value) : NULL;
	}
	if ((v = fhir_in_kid(r, "valueQuantity"))) {
		*src = fhir_in_kid(v, "value");
		const char *num = fhir_in_val(v, "value");
		const char *unit = fhir_in_val(v, "unit");
		if (!unit)
			unit = fhir_in_val(v, "code");
		fhir_in_val(v, "system");
		fhir_in_val(v, "comparator");
		if (!num)
			return NULL;
		const char *cmp = fhir_in_val(v, "comparator");
		return xasprintf("%s%s%s%s", cmp ? cmp : "", num,
				 unit ? " " : "", unit ? unit : "");
	}
	if ((v = fhir_in_kid(r, "valueCodeableConcept"))) {
		*src = v;
		const char *t = fhir_in_cc_text(v);
		fhir_in_use_all(v);
		return t ? xstrdup(t) : NULL;
	}
	return NULL;
}

/* TNM category or stage as written: an AJCC coding or the text. */
static const char *tnm_value(struct ctx *c, struct fnode *r, struct fnode **src)
{
	struct fnode *v = fhir_in_kid(r, "valueCodeableConcept");
	*src = v;
	if (!v) {
		fhir_in_err(c, r,
			    _("a TNM observation needs valueCodeableConcept"));
		return NULL;
	}
	struct fnode *aj = fhir_in_coding_in(v, FHIR_SYS_AJCC);
	const char *out = NULL;
	if (aj && fhir_in_coding_code(aj)) {
		*src = fhir_in_kid(aj, "code");
		out = fhir_in_coding_code(aj);
	} else if (fhir_in_kid(v, "text") && fhir_in_kid(v, "text")->value) {
		*src = fhir_in_kid(v, "text");
		out = (*src)->value;
	} else {
		struct fnode *s = fhir_in_coding_in(v, FHIR_SYS_SNOMED);
		fhir_in_err(
		    c, v,
		    _("the TNM value is coded only in %s; give it as written "
		      "(text, or a coding in %s)"),
		    s ? /* untranslated: a code name */ "SNOMED CT"
		      : _("a system tumorboard does not read"),
		    FHIR_SYS_AJCC);
	}
	fhir_in_use_all(v);
	/* the staging system */
	struct fnode *m = fhir_in_kid(r, "method");
	if (m) {
		const char *t = fhir_in_cc_text(m);
		bool tnm8 =
		    fhir_in_cc_has(m, FHIR_SYS_SNOMED, FHIR_SCT_AJCC8) ||
		    (t && (strstr(t, "TNM 8") || strstr(t, "TNM8") ||
			   strstr(t, "8th")));
		if (!tnm8)
			fhir_in_err(c, m,
				    _("the staging system is not TNM 8 "
				      "(SNOMED CT %s); the case holds TNM 8"),
				    FHIR_SCT_AJCC8);
		fhir_in_use_all(m);
	}
	return out;
}

void fhir_in_map_tnm(struct ctx *c, xmlNodePtr ce, struct obs_pick *pk)
{
	if (!pk->best[OBS_T] && !pk->best[OBS_N] && !pk->best[OBS_M] &&
	    !pk->best[OBS_STAGE])
		return;
	struct fnode *first = NULL;
	for (int k = OBS_T; k <= OBS_STAGE; k++)
		if (pk->best[k] && !first)
			first = pk->best[k]->n;
	xmlNodePtr te = fhir_in_el_new(c, ce, "tnm", first);
	fhir_in_attr(c, te, "edition", "8", NULL, NULL, NULL, NULL, NULL);
	static const char *const names[] = {"t", "n", "m", "stage"};
	static const char *const fields[] = {"tnm/@t", "tnm/@n", "tnm/@m",
					     "tnm/@stage"};
	static const char *const paths[] = {
	    /* untranslated: a FHIR path */ "Observation (T category, LOINC "
					    "21905-5)",
	    /* untranslated: a FHIR path */
	    "Observation (N category, LOINC 21906-3)",
	    /* untranslated: a FHIR path */
	    "Observation (M category, LOINC 21907-1)", NULL};
	for (int k = OBS_T; k <= OBS_STAGE; k++) {
		int i = k - OBS_T;
		struct res *x = pk->best[k];
		struct fnode *src = NULL;
		const char *v = x ? tnm_value(c, x->n, &src) : NULL;
		fhir_in_attr(c, te, names[i], v, src, fields[i],
			     paths[i] ? first : NULL, paths[i],
			     _("no observation of this kind for the patient"));
		if (x) {
			x->mapped = true;
			fhir_in_use_all(fhir_in_kid(x->n, "code"));
			struct fnode *e;
			fhir_in_effective(x->n, &e);
		}
	}
	struct res *dx =
	    pk->best[OBS_T] ? pk->best[OBS_T] : pk->best[OBS_STAGE];
	if (dx) {
		struct fnode *dsrc;
		char *date = fhir_in_date_part(fhir_in_effective(dx->n, &dsrc));
		fhir_in_attr(c, te, "date", date, dsrc, "tnm/@date", NULL, NULL,
			     NULL);
		free(date);
	}
}

/* A performance status (ECOG, Lansky) into the case's element name:
 * valueInteger, or for ECOG the LOINC answer code; the case format's
 * check of the value refuses one out of range at its line. */
static void map_score(struct ctx *c, xmlNodePtr ce, struct res *x,
		      const char *name, const char *path, const char *need)
{
	struct fnode *r = x->n;
	struct fnode *v = fhir_in_kid(r, "valueInteger");
	const char *score = v ? v->value : NULL;
	static const char *const la[] = {"LA9622-7", "LA9623-5", "LA9624-3",
					 "LA9625-0", "LA9626-8", "LA9627-6"};
	if (v) {
		v->used = true;
	} else if ((v = fhir_in_kid(r, "valueCodeableConcept")) &&
		   strcmp(name, "ecog") == 0) {
		static const char *const digits[] = {"0", "1", "2",
						     "3", "4", "5"};
		for (int i = 0; i < 6; i++)
			if (fhir_in_cc_has(v, FHIR_SYS_LOINC, la[i]))
				score = digits[i];
		fhir_in_use_all(v);
	} else
		v = NULL;
	/* interpretation repeats the score in words */
	fhir_in_use_all(fhir_in_kid(r, "interpretation"));
	fhir_in_use_all(fhir_in_kid(r, "code"));
	xmlNodePtr ee =
	    fhir_in_text_el(c, ce, name, score, v, name, NULL, NULL, NULL);
	if (!ee) {
		ee = fhir_in_el_new(c, ce, name, r);
		fhir_in_map_add(c, ee->line, name, r->line,
				xstrdup("Observation.valueInteger"), need);
	}
	struct fnode *dsrc;
	char *date = fhir_in_date_part(fhir_in_effective(r, &dsrc));
	fhir_in_attr(c, ee, "date", date, dsrc, path, r,
		     "Observation.effectiveDateTime", _("not given"));
	free(date);
	x->mapped = true;
}

void fhir_in_map_ecog(struct ctx *c, xmlNodePtr ce, struct res *x)
{
	map_score(c, ce, x, "ecog", "ecog/@date",
		  _("an ECOG observation needs valueInteger 0-5"));
}

void fhir_in_map_lansky(struct ctx *c, xmlNodePtr ce, struct res *x)
{
	map_score(c, ce, x, "lansky", "lansky/@date",
		  _("a Lansky observation needs valueInteger 0-100 in steps "
		    "of 10"));
}

/* "label: value (date)" for an observation that only the summary holds */
void fhir_in_obs_line(struct ctx *c, struct res *x, const char *label)
{
	struct fnode *r = x->n, *src, *dsrc;
	char *v = fhir_in_value_text(r, &src);
	char *date = fhir_in_date_part(fhir_in_effective(r, &dsrc));
	strbuf_printf(&c->lines, "%s: ", label);
	fhir_in_put_cc(&c->lines, fhir_in_kid(r, "code"));
	strbuf_printf(&c->lines, " = %s",
		      v ? v
			: /* untranslated: stored case text */ "(no value)");
	if (date)
		strbuf_printf(&c->lines, " (%s)", date);
	strbuf_putc(&c->lines, '\n');
	free(v);
	free(date);
	x->mapped = true;
}

/* Karnofsky's value: valueInteger (or valueQuantity.value), a whole
 * number 0–100 in steps of 10; anything else is refused where it stands,
 * as ECOG 7 is. The summary holds it as a line. */
void fhir_in_karnofsky_line(struct ctx *c, struct res *x)
{
	struct fnode *v = fhir_in_kid(x->n, "valueInteger");
	if (!v)
		v = fhir_in_kid(fhir_in_kid(x->n, "valueQuantity"), "value");
	for (struct fnode *k = x->n->first; !v && k; k = k->next)
		if (strncmp(k->name, "value", 5) == 0)
			v = k;
	const char *s = v ? v->value : NULL;
	size_t len = s ? strspn(s, "0123456789") : 0;
	if (v &&
	    (!s || !len || len > 3 || s[len] || atoi(s) > 100 || atoi(s) % 10))
		fhir_in_err(c, v,
			    _("Karnofsky must be a whole number 0–100 in "
			      "steps of 10"));
	fhir_in_obs_line(c, x, "Karnofsky");
}

/* The gene symbols of the patient's variants listed by report rep (-1:
 * by none); at most cap, how many. */
static size_t variant_genes_of(struct ctx *c, long pi, long rep,
			       const char **out, size_t cap)
{
	size_t n = 0;
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || x->report != rep ||
		    !fhir_in_is_type(x, "Observation") ||
		    fhir_in_obs_kind(x->n) != OBS_VARIANT ||
		    fhir_in_variant_absent(x->n))
			continue;
		EACH(cp, x->n, "component")
		{
			struct fnode *vc;
			bool is_gene;
			struct fnode *g = fhir_in_gene_node(cp, &vc, &is_gene);
			if (g && n < cap)
				out[n++] = g->value;
		}
	}
	return n;
}

/* A whole number written in FHIR (a decimal without a fraction). */
static bool whole_number(const char *s, long long *v)
{
	if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 15)
		return false;
	*v = atoll(s);
	return true;
}

struct fnode *fhir_in_gene_node(struct fnode *cp, struct fnode **vc,
				bool *is_gene)
{
	*vc = NULL;
	*is_gene = fhir_in_cc_has(fhir_in_kid(cp, "code"), FHIR_SYS_LOINC,
				  FHIR_LOINC_GENE);
	if (!*is_gene)
		return NULL;
	*vc = fhir_in_kid(cp, "valueCodeableConcept");
	struct fnode *h = fhir_in_coding_in(*vc, FHIR_SYS_HGNC);
	struct fnode *src = h ? fhir_in_kid(h, "display") : NULL;
	if (!src || !src->value)
		src = fhir_in_kid(*vc, "text");
	return src && src->value ? src : NULL;
}

/* One region studied into sb: its genes (added to genes, at most cap),
 * description, mutations tested for, reference sequence and ranges, and
 * coverage; every value checked where it stands. */
static void region_text(struct ctx *c, struct fnode *r, struct strbuf *sb,
			const char **genes, size_t *n_genes, size_t cap)
{
	char err[VALIDATE_ERR_MAX];
	size_t start = sb->len;
	bool named = false;
	EACH(cp, r, "component")
	{
		struct fnode *vc;
		bool is_gene;
		struct fnode *src = fhir_in_gene_node(cp, &vc, &is_gene);
		if (!is_gene)
			continue;
		const char *g = src ? src->value : NULL;
		fhir_in_use_all(cp);
		named = true; /* a gene, though it may be wrong below */
		if (!g) {
			fhir_in_err(c, vc ? vc : cp,
				    _("a gene studied needs its HGNC symbol "
				      "(the coding's display, or text)"));
			continue;
		}
		if (!validate_gene(g, err)) {
			fhir_in_err(c, src, "%s", err);
			continue;
		}
		strbuf_printf(sb, "%s%s", sb->len > start ? ", " : "", g);
		if (*n_genes < cap)
			genes[(*n_genes)++] = g;
	}
	struct fnode *d = fhir_in_component(r, FHIR_LOINC_REGION_DESC);
	const char *desc = d ? fhir_in_val(d, "valueString") : NULL;
	if (d)
		fhir_in_use_all(d);
	if (desc) {
		strbuf_printf(sb, "%s%s", sb->len > start ? " " : "", desc);
		named = true;
	}
	struct fnode *mu = fhir_in_component(r, FHIR_LOINC_MUTATIONS);
	if (mu) {
		const char *hg =
		    fhir_in_cc_text(fhir_in_kid(mu, "valueCodeableConcept"));
		fhir_in_use_all(mu);
		if (hg)
			strbuf_printf(sb, /* untranslated: stored case text */
				      " (tested for %s)", hg);
	}
	struct fnode *rg = fhir_in_component(r, FHIR_LOINC_RANGES);
	struct fnode *rs = fhir_in_component(r, FHIR_LOINC_GENOMIC_REF);
	const char *ref =
	    rs ? fhir_in_cc_text(fhir_in_kid(rs, "valueCodeableConcept"))
	       : NULL;
	if (rs)
		fhir_in_use_all(rs);
	/* coverage: its code is the IG's own (TbdCodes in 1.x, tbd-codes-cs
	 * later), read by the code alone */
	struct fnode *cov = NULL;
	EACH(cp, r, "component")
	EACH(cd, fhir_in_kid(cp, "code"), "coding")
	{
		const char *k = fhir_in_coding_code(cd);
		if (k && strcmp(k, FHIR_GR_REGION_COVERAGE) == 0)
			cov = cp;
	}
	bool bracket = false;
	if (rg) {
		struct fnode *v = fhir_in_kid(rg, "valueRange");
		const char *lo = fhir_in_val(fhir_in_kid(v, "low"), "value");
		const char *hi = fhir_in_val(fhir_in_kid(v, "high"), "value");
		long long a, b;
		fhir_in_use_all(rg);
		if (!whole_number(lo, &a) || !whole_number(hi, &b) || a > b) {
			fhir_in_err(c, v ? v : rg,
				    _("a range examined needs low and high, "
				      "whole numbers with low not above "
				      "high"));
		} else {
			strbuf_printf(sb, " [%s%s%lld-%lld", ref ? ref : "",
				      ref ? ":" : "", a, b);
			bracket = true;
			named = true;
		}
	} else if (ref) {
		strbuf_printf(sb, " [%s", ref);
		bracket = true;
	}
	if (cov) {
		struct fnode *q =
		    fhir_in_kid(fhir_in_kid(cov, "valueQuantity"), "value");
		const char *v = q ? q->value : NULL;
		char *end = NULL;
		double pct = v ? strtod(v, &end) : -1;
		fhir_in_use_all(cov);
		if (!v || !end || *end || pct < 0 || pct > 100)
			fhir_in_err(c, q ? q : cov,
				    _("region coverage is a percentage "
				      "0-100"));
		else
			strbuf_printf(sb, /* untranslated: stored case text */
				      "%scoverage %s %%", bracket ? ", " : " [",
				      v);
		bracket =
		    bracket || (v && end && !*end && pct >= 0 && pct <= 100);
	}
	if (bracket)
		strbuf_putc(sb, ']');
	if (!named) {
		sb->len = start;
		sb->buf[start] = '\0';
		fhir_in_err(c, r,
			    _("a region studied names no gene (component "
			      "48018-6), description (81293-3) or range "
			      "examined (51959-5)"));
	}
}

void fhir_in_region_lines(struct ctx *c, long pi, long rep)
{
	enum { CAP = 64 };
	const char *studied[CAP], *found[CAP];
	size_t n_studied = 0;
	size_t n_found = variant_genes_of(c, pi, rep, found, CAP);
	struct strbuf *sb = &c->lines;
	strbuf_puts(sb, /* untranslated: stored case text */ "Regions studied");
	if (rep >= 0) {
		fhir_in_lazy_load(c, (size_t)rep, &c->shared);
		const char *t =
		    fhir_in_cc_text(fhir_in_kid(c->res[rep].n, "code"));
		if (t)
			strbuf_printf(sb, " (%s)", t);
	}
	strbuf_puts(sb, ":");
	bool first = true;
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || x->report != rep || x->mapped ||
		    !fhir_in_is_type(x, "Observation") ||
		    fhir_in_obs_kind(x->n) != OBS_REGION)
			continue;
		strbuf_puts(sb, first ? " " : "; ");
		first = false;
		region_text(c, x->n, sb, studied, &n_studied, CAP);
		fhir_in_use_all(fhir_in_kid(x->n, "code"));
		fhir_in_use_all(fhir_in_kid(x->n, "subject"));
		fhir_in_use_all(fhir_in_kid(x->n, "focus"));
		fhir_in_val(x->n, "status");
		x->mapped = true;
	}
	/* a gene studied with no variant reads apart from one not studied
	 * (not named) */
	bool none = false;
	for (size_t i = 0; i < n_studied; i++) {
		bool hit = false, again = false;
		for (size_t j = 0; j < n_found && !hit; j++)
			hit = strcmp(studied[i], found[j]) == 0;
		for (size_t j = 0; j < i && !again; j++)
			again = strcmp(studied[i], studied[j]) == 0;
		if (hit || again)
			continue;
		strbuf_printf(sb, "%s%s",
			      none ? ", " : /* untranslated: stored case text */
				  ". No variant found in ",
			      studied[i]);
		none = true;
	}
	strbuf_puts(sb, none ? ".\n" : "\n");
}

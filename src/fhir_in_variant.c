/*
 * FHIR import: the Observations that are a case's findings: a genetic
 * variant (Genomics Reporting: gene, HGVS changes, allele frequency,
 * copy number, genomic source class, clinical significance), TMB and
 * MSI; with the test, lab, sample and date of the finding, from the
 * Observation or the DiagnosticReport that lists it.
 */
#include "fhir_in_internal.h"

#include <stdlib.h>
#include <string.h>

#include "fhir.h"
#include "i18n.h"

/* Where a variant's fields come from, as the standard names them. */
#define PATH_KIND /* untranslated: a FHIR path */                              \
	"Observation.component (48019-4 DNA change type)"
#define PATH_GENE /* untranslated: a FHIR path */                              \
	"Observation.component (48018-6 gene studied)"
#define PATH_ORIGIN /* untranslated: a FHIR path */                            \
	"Observation.component (48002-0 genomic source class)"

struct fnode *fhir_in_component(struct fnode *r, const char *loinc)
{
	EACH(cp, r, "component")
	if (fhir_in_cc_has(fhir_in_kid(cp, "code"), FHIR_SYS_LOINC, loinc))
		return cp;
	return NULL;
}

/* The code of a component's valueCodeableConcept (first coding), marking
 * the component used. */
static struct fnode *comp_code(struct fnode *cp)
{
	if (!cp)
		return NULL;
	struct fnode *v = fhir_in_kid(cp, "valueCodeableConcept");
	struct fnode *cd = fhir_in_coding_in(v, NULL);
	fhir_in_use_all(cp);
	if (cd && fhir_in_kid(cd, "code"))
		return fhir_in_kid(cd, "code");
	return v ? fhir_in_kid(v, "text") : NULL;
}

static const char *after_colon(const char *s)
{
	const char *col = s ? strrchr(s, ':') : NULL;
	return col ? col + 1 : s;
}

const char *fhir_in_classification_of(struct fnode *cc)
{
	static const char *const pairs[][2] = {
	    {"LA6668-3", "pathogenic"}, {"LA26332-9", "likely-pathogenic"},
	    {"LA26333-7", "vus"},	{"LA26334-5", "likely-benign"},
	    {"LA6675-8", "benign"},
	};
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (fhir_in_cc_has(cc, FHIR_SYS_LOINC, pairs[i][0]))
			return pairs[i][1];
	return NULL;
}

/* test, lab, sample and date from the observation, else its report */
static void finding_common(struct ctx *c, xmlNodePtr fe, struct res *x)
{
	struct fnode *r = x->n;
	if (x->report >= 0) /* read (a Bundle read a Patient at a time) */
		fhir_in_lazy_load(c, (size_t)x->report, &c->shared);
	struct res *dr = x->report >= 0 ? &c->res[x->report] : NULL;
	struct fnode *src = NULL;
	const char *test = NULL;
	if (dr) {
		struct fnode *code = fhir_in_kid(dr->n, "code");
		test = fhir_in_cc_text(code);
		src = code;
		fhir_in_use_all(code);
	}
	if (!test && fhir_in_kid(r, "method")) {
		src = fhir_in_kid(r, "method");
		test = fhir_in_cc_text(src);
		fhir_in_use_all(src);
	}
	fhir_in_attr(
	    c, fe, "test", test, src, "finding/@test", r,
	    "DiagnosticReport.code",
	    _("no DiagnosticReport lists this Observation in result, and it "
	      "has no method"));

	struct fnode *perf = fhir_in_kid(r, "performer");
	const char *lab = perf ? fhir_in_org_name(c, perf) : NULL;
	if (!lab && dr && fhir_in_kid(dr->n, "performer")) {
		perf = fhir_in_kid(dr->n, "performer");
		lab = fhir_in_org_name(c, perf);
	}
	fhir_in_attr(c, fe, "lab", lab, perf, "finding/@lab", r,
		     "Observation.performer",
		     _("no Organization performed it"));

	struct fnode *sp = fhir_in_kid(r, "specimen");
	if (!sp && dr)
		sp = fhir_in_kid(dr->n, "specimen");
	const char *sample = NULL;
	struct fnode *ssrc = sp;
	if (sp) {
		struct res *s = fhir_in_resolve_type(c, sp, "Specimen");
		if (s) {
			s->mapped = true;
			ssrc = fhir_in_kid(s->n, "type");
			sample = fhir_in_cc_text(ssrc);
			fhir_in_use_all(ssrc);
		}
	}
	fhir_in_attr(c, fe, "sample", sample, ssrc, "finding/@sample", r,
		     "Observation.specimen", _("no Specimen with a type"));

	struct fnode *dsrc;
	char *date = fhir_in_date_part(fhir_in_effective(r, &dsrc));
	if (!date && dr)
		date = fhir_in_date_part(fhir_in_effective(dr->n, &dsrc));
	fhir_in_attr(c, fe, "date", date, dsrc, "finding/@date", r,
		     "Observation.effectiveDateTime", _("not given"));
	free(date);
	const char *ctxv = fhir_in_tag(r, FHIR_SYS_TB_CONTEXT);
	if (!ctxv && dr)
		ctxv = fhir_in_tag(dr->n, FHIR_SYS_TB_CONTEXT);
	fhir_in_attr(c, fe, "context", ctxv, r, "finding/@context", NULL, NULL,
		     NULL);
	x->mapped = true;
}

/* The finding's note: Observation.note texts, one per line, and the
 * ClinVar id when there is one. */
static void finding_note(xmlNodePtr fe, struct fnode *r, const char *clinvar)
{
	struct strbuf sb = {0};
	EACH(nt, r, "note")
	{
		const char *t = fhir_in_val(nt, "text");
		if (t)
			strbuf_printf(&sb, "%s%s", sb.len ? "\n" : "", t);
	}
	if (clinvar)
		strbuf_printf(
		    &sb, /* untranslated: stored case text */ "%sClinVar %s",
		    sb.len ? "\n" : "", clinvar);
	if (sb.len)
		xmlNodeAddContent(fe, (const xmlChar *)sb.buf);
	strbuf_done(&sb);
}

/* The variant's genes (one, or two for a fusion): their symbols in gv
 * and where each was read in genes; how many. */
static int variant_genes(struct ctx *c, struct fnode *r, struct fnode *genes[2],
			 const char *gv[2])
{
	int ng = 0;
	EACH(cp, r, "component")
	{
		if (!fhir_in_cc_has(fhir_in_kid(cp, "code"), FHIR_SYS_LOINC,
				    FHIR_LOINC_GENE))
			continue;
		struct fnode *vc = fhir_in_kid(cp, "valueCodeableConcept");
		struct fnode *h = fhir_in_coding_in(vc, FHIR_SYS_HGNC);
		const char *sym = h ? fhir_in_coding_display(h) : NULL;
		if (!sym)
			sym = fhir_in_kid(vc, "text")
				  ? fhir_in_kid(vc, "text")->value
				  : NULL;
		fhir_in_use_all(cp);
		if (ng < 2) {
			genes[ng] = h ? fhir_in_kid(h, "display") : vc;
			gv[ng++] = sym;
		} else {
			fhir_in_note(c, cp,
				     _("more than two genes in one variant"));
		}
	}
	return ng;
}

/* finding/@origin from the genomic source class: somatic or germline. */
static void variant_origin(struct ctx *c, xmlNodePtr fe, struct fnode *r,
			   struct fnode *src_c)
{
	const char *origin = NULL;
	struct fnode *osrc = src_c;
	if (src_c) {
		struct fnode *vc = fhir_in_kid(src_c, "valueCodeableConcept");
		if (fhir_in_cc_has(vc, FHIR_SYS_LOINC, FHIR_LOINC_SOMATIC))
			origin = "somatic";
		else if (fhir_in_cc_has(vc, FHIR_SYS_LOINC,
					FHIR_LOINC_GERMLINE))
			origin = "germline";
		else
			fhir_in_err(c, vc ? vc : src_c,
				    _("genomic source class must be LOINC %s "
				      "(somatic) or %s (germline)"),
				    FHIR_LOINC_SOMATIC, FHIR_LOINC_GERMLINE);
		fhir_in_use_all(src_c);
	}
	fhir_in_attr(c, fe, "origin", origin, osrc, "finding/@origin",
		     src_c ? src_c : r, PATH_ORIGIN,
		     src_c ? _("neither somatic nor germline")
			   : _("not given"));
}

/* finding/@classification: the component's clinical significance, else
 * the interpretation, else significance (read at sig_src) from the
 * caller. */
static void variant_class(struct ctx *c, xmlNodePtr fe, struct fnode *r,
			  struct fnode *sig_c, const char *significance,
			  struct fnode *sig_src)
{
	const char *cls = NULL;
	struct fnode *csrc = NULL;
	if (sig_c) {
		csrc = fhir_in_kid(sig_c, "valueCodeableConcept");
		cls = fhir_in_classification_of(csrc);
		fhir_in_use_all(sig_c);
	}
	if (!cls && fhir_in_kid(r, "interpretation")) {
		csrc = fhir_in_kid(r, "interpretation");
		cls = fhir_in_classification_of(csrc);
		fhir_in_use_all(csrc);
	}
	if (!cls && significance) {
		cls = significance;
		csrc = sig_src;
	}
	if (csrc && !cls)
		fhir_in_err(
		    c, csrc,
		    _("clinical significance must be one of LOINC LA6668-3, "
		      "LA26332-9, LA26333-7, LA26334-5 or LA6675-8"));
	fhir_in_attr(c, fe, "classification", cls, csrc,
		     "finding/@classification", NULL, NULL, NULL);
}

/* A variant reported absent with the change looked for: result="absent",
 * its value (LA9634-2, or the component 69548-6 that carries it) used;
 * true when it is one. */
static bool absent_result(struct ctx *c, xmlNodePtr fe, struct fnode *r)
{
	if (!fhir_in_variant_absent(r))
		return false;
	struct fnode *vcp = fhir_in_component(r, FHIR_LOINC_VARIANT);
	if (vcp)
		fhir_in_use_all(vcp);
	fhir_in_attr(c, fe, "result", "absent",
		     fhir_in_cc_has(fhir_in_kid(r, "valueCodeableConcept"),
				    FHIR_SYS_LOINC, FHIR_LOINC_ABSENT)
			 ? fhir_in_kid(r, "valueCodeableConcept")
			 : vcp,
		     "finding/@result", NULL, NULL, NULL);
	return true;
}

void fhir_in_map_variant(struct ctx *c, xmlNodePtr ce, struct res *x,
			 const char *significance, struct fnode *sig_src)
{
	struct fnode *r = x->n;
	struct fnode *v = fhir_in_kid(r, "valueCodeableConcept");
	/* absent, naming no change: which gene had none, a line (and one
	 * naming no gene is refused there) */
	if (fhir_in_variant_absent(r) &&
	    (!fhir_in_absent_names_change(r) ||
	     !fhir_in_component(r, FHIR_LOINC_GENE))) {
		fhir_in_absent_line(c, x);
		return;
	}
	fhir_in_use_all(v);
	xmlNodePtr fe = fhir_in_el_new(c, ce, "finding", r);
	fhir_in_source_attr(c, fe, r, "finding/@source");
	bool absent = absent_result(c, fe, r);
	/* genes: one, or two for a fusion */
	struct fnode *genes[2] = {0};
	const char *gv[2] = {0};
	int ng = variant_genes(c, r, genes, gv);
	struct fnode *cdna = comp_code(fhir_in_component(r, FHIR_LOINC_HGVS_C));
	struct fnode *prot = comp_code(fhir_in_component(r, FHIR_LOINC_HGVS_P));
	struct fnode *gen = comp_code(fhir_in_component(r, FHIR_LOINC_HGVS_G));
	struct fnode *tx =
	    comp_code(fhir_in_component(r, FHIR_LOINC_TRANSCRIPT));
	struct fnode *ct =
	    comp_code(fhir_in_component(r, FHIR_LOINC_CHANGE_TYPE));
	struct fnode *cv = comp_code(fhir_in_component(r, FHIR_LOINC_DISCRETE));
	/* what a variant not found cannot have is listed as not mapped */
	struct fnode *copies_c =
	    absent ? NULL : fhir_in_component(r, FHIR_LOINC_COPIES);
	struct fnode *vaf_c =
	    absent ? NULL : fhir_in_component(r, FHIR_LOINC_VAF);
	struct fnode *src_c = fhir_in_component(r, FHIR_LOINC_SOURCE_CLASS);
	struct fnode *sig_c =
	    absent ? NULL : fhir_in_component(r, FHIR_LOINC_SIGNIFICANCE);

	const char *c_hgvs = cdna ? after_colon(cdna->value) : NULL;
	const char *kind = NULL;
	struct fnode *kind_src = ct;
	if (copies_c) {
		kind = "cnv";
		kind_src = copies_c;
	} else if (ng == 2) {
		kind = "fusion";
		kind_src = genes[1];
	} else if (ct && ct->value) {
		kind = strcmp(ct->value, "SO:0001483") == 0 ? "snv" : "indel";
	} else if (c_hgvs) {
		kind = strchr(c_hgvs, '>') ? "snv" : "indel";
		kind_src = cdna;
	} else if (prot && prot->value) {
		const char *p = after_colon(prot->value);
		kind = (strstr(p, "del") || strstr(p, "ins") ||
			strstr(p, "dup") || strstr(p, "fs"))
			   ? "indel"
			   : "snv";
		kind_src = prot;
	}
	fhir_in_attr(
	    c, fe, "kind", kind, kind_src ? kind_src : r, "finding/@kind", r,
	    PATH_KIND,
	    _("no HGVS change, DNA change type, copy number or second gene "
	      "says what kind of variant this is"));
	fhir_in_attr(c, fe, "gene", gv[0], genes[0], "finding/@gene", r,
		     PATH_GENE, _("no gene studied"));
	if (ng == 2)
		fhir_in_attr(c, fe, "partner", gv[1], genes[1],
			     "finding/@partner", NULL, NULL, NULL);
	fhir_in_attr(c, fe, "c", c_hgvs, cdna, "finding/@c", NULL, NULL, NULL);
	fhir_in_attr(c, fe, "p", prot ? after_colon(prot->value) : NULL, prot,
		     "finding/@p", NULL, NULL, NULL);
	fhir_in_attr(c, fe, "g", gen ? after_colon(gen->value) : NULL, gen,
		     "finding/@g", NULL, NULL, NULL);
	char *t = NULL;
	if (tx)
		t = xstrdup(tx->value ? tx->value : "");
	else if (cdna && cdna->value && strchr(cdna->value, ':'))
		t = xstrndup(cdna->value, strcspn(cdna->value, ":"));
	fhir_in_attr(c, fe, "transcript", t, tx ? tx : cdna,
		     "finding/@transcript", NULL, NULL, NULL);
	free(t);
	if (copies_c) {
		struct fnode *q = fhir_in_kid(
		    fhir_in_kid(copies_c, "valueQuantity"), "value");
		if (!q)
			q = fhir_in_kid(copies_c, "valueInteger");
		fhir_in_use_all(copies_c);
		fhir_in_attr(c, fe, "copies", q ? q->value : NULL, q,
			     "finding/@copies", copies_c,
			     "Observation.component.valueQuantity.value",
			     _("a copy number needs a value"));
	}
	if (vaf_c) {
		struct fnode *q =
		    fhir_in_kid(fhir_in_kid(vaf_c, "valueQuantity"), "value");
		fhir_in_use_all(vaf_c);
		fhir_in_attr(c, fe, "vaf", q ? q->value : NULL, q,
			     "finding/@vaf", vaf_c,
			     "Observation.component.valueQuantity.value",
			     _("an allele frequency needs a value"));
	}
	/* a panel's "not found" without a source class: the tumour's */
	if (absent && !src_c)
		fhir_in_attr(c, fe, "origin", "somatic", r, "finding/@origin",
			     NULL, NULL, NULL);
	else
		variant_origin(c, fe, r, src_c);
	if (!absent)
		variant_class(c, fe, r, sig_c, significance, sig_src);
	finding_note(fe, r, cv && cv->value ? cv->value : NULL);
	finding_common(c, fe, x);
}

void fhir_in_map_tmb_msi(struct ctx *c, xmlNodePtr ce, struct res *x, bool tmb)
{
	struct fnode *r = x->n, *src;
	xmlNodePtr fe = fhir_in_el_new(c, ce, "finding", r);
	fhir_in_source_attr(c, fe, r, "finding/@source");
	fhir_in_attr(c, fe, "kind", tmb ? "tmb" : "msi", fhir_in_kid(r, "code"),
		     "finding/@kind", NULL, NULL, NULL);
	fhir_in_use_all(fhir_in_kid(r, "code"));
	const char *value = NULL;
	char *owned = NULL;
	if (tmb) {
		struct fnode *q =
		    fhir_in_kid(fhir_in_kid(r, "valueQuantity"), "value");
		fhir_in_use_all(fhir_in_kid(r, "valueQuantity"));
		src = q;
		value = q ? q->value : NULL;
	} else {
		owned = fhir_in_value_text(r, &src);
		value = owned;
	}
	fhir_in_attr(c, fe, "value", value, src, "finding/@value", r,
		     tmb ? "Observation.valueQuantity.value"
			 : "Observation.valueCodeableConcept",
		     _("not given"));
	free(owned);
	/* not tied to one gene: the origin is the tumour's */
	struct fnode *sc = fhir_in_component(r, FHIR_LOINC_SOURCE_CLASS);
	fhir_in_attr(c, fe, "origin", "somatic", sc ? sc : r, "finding/@origin",
		     NULL, NULL, NULL);
	if (sc)
		fhir_in_use_all(sc);
	finding_note(fe, r, NULL);
	finding_common(c, fe, x);
}

/*
 * FHIR import: a genetic variant reported absent (Genomics Reporting:
 * Observation.valueCodeableConcept LOINC LA9634-2 "Absent", or a component
 * 69548-6 with that value). One that names the change looked for (HGVS
 * c. or p.) is a finding with result="absent" (fhir_in_variant.c); one
 * that names only the gene feeds the case as "no variant found" in that
 * gene, a summary line (a gene not studied is named nowhere), with the
 * test and the date.
 */
#include "fhir_in_internal.h"

#include <stdlib.h>
#include <string.h>

#include "fhir.h"
#include "i18n.h"
#include "validate.h"

bool fhir_in_variant_absent(struct fnode *r)
{
	if (fhir_in_cc_has(fhir_in_kid(r, "valueCodeableConcept"),
			   FHIR_SYS_LOINC, FHIR_LOINC_ABSENT))
		return true;
	struct fnode *cp = fhir_in_component(r, FHIR_LOINC_VARIANT);
	return cp && fhir_in_cc_has(fhir_in_kid(cp, "valueCodeableConcept"),
				    FHIR_SYS_LOINC, FHIR_LOINC_ABSENT);
}

bool fhir_in_absent_names_change(struct fnode *r)
{
	static const char *const changes[] = {FHIR_LOINC_HGVS_C,
					      FHIR_LOINC_HGVS_P};
	for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++)
		if (fhir_in_component(r, changes[i]))
			return true;
	return false;
}

/* The genes studied, checked as a finding's gene is, into sb; how many
 * the Observation names (a wrong one is reported where it stands). */
static int absent_genes(struct ctx *c, struct fnode *r, struct strbuf *sb)
{
	char err[VALIDATE_ERR_MAX];
	int n = 0;
	bool shown = false;
	EACH(cp, r, "component")
	{
		struct fnode *vc;
		bool is_gene;
		struct fnode *src = fhir_in_gene_node(cp, &vc, &is_gene);
		if (!is_gene)
			continue;
		fhir_in_use_all(cp);
		n++;
		if (!src || !src->value) {
			fhir_in_err(c, vc ? vc : cp,
				    _("a gene studied needs its HGNC symbol "
				      "(the coding's display, or text)"));
			continue;
		}
		if (!validate_gene(src->value, err)) {
			fhir_in_err(c, src, "%s", err);
			continue;
		}
		strbuf_printf(sb, "%s%s", shown ? ", " : "", src->value);
		shown = true;
	}
	return n;
}

void fhir_in_absent_line(struct ctx *c, struct res *x)
{
	struct fnode *r = x->n;
	struct strbuf *sb = &c->lines;
	strbuf_puts(sb, /* untranslated: stored case text */
		    "No variant found");
	if (x->report >= 0) /* read (a Bundle read a Patient at a time) */
		fhir_in_lazy_load(c, (size_t)x->report, &c->shared);
	struct res *dr = x->report >= 0 ? &c->res[x->report] : NULL;
	const char *test =
	    dr ? fhir_in_cc_text(fhir_in_kid(dr->n, "code")) : NULL;
	if (!test)
		test = fhir_in_cc_text(fhir_in_kid(r, "method"));
	if (fhir_in_kid(r, "method"))
		fhir_in_use_all(fhir_in_kid(r, "method"));
	if (test)
		strbuf_printf(sb, " (%s)", test);
	strbuf_puts(sb, ": ");
	if (!absent_genes(c, r, sb)) {
		fhir_in_err(c, r,
			    _("a variant reported absent needs the gene "
			      "studied (component 48018-6): it says in which "
			      "gene no variant was found"));
		strbuf_puts(sb, "?");
	}
	/* what was looked for, as written, with its reference sequence */
	static const char *const changes[] = {
	    FHIR_LOINC_HGVS_C, FHIR_LOINC_HGVS_P, FHIR_LOINC_HGVS_G,
	    FHIR_LOINC_DISCRETE};
	bool first = true;
	for (size_t i = 0; i < sizeof(changes) / sizeof(changes[0]); i++) {
		struct fnode *cp = fhir_in_component(r, changes[i]);
		if (!cp)
			continue;
		struct fnode *vc = fhir_in_kid(cp, "valueCodeableConcept");
		struct fnode *cd = fhir_in_coding_in(vc, NULL);
		const char *v = cd ? fhir_in_coding_code(cd) : NULL;
		if (!v)
			v = fhir_in_cc_text(vc);
		fhir_in_use_all(cp);
		if (!v)
			continue;
		strbuf_printf(sb, "%s%s",
			      first ? /* untranslated: stored case text */
				  ", tested for "
				    : " ",
			      v);
		first = false;
	}
	/* the absence itself: its code with its system */
	struct fnode *v = fhir_in_kid(r, "valueCodeableConcept");
	struct fnode *vcp = fhir_in_component(r, FHIR_LOINC_VARIANT);
	if (!fhir_in_cc_has(v, FHIR_SYS_LOINC, FHIR_LOINC_ABSENT) && vcp)
		v = fhir_in_kid(vcp, "valueCodeableConcept");
	strbuf_puts(sb, first ? ": " : "; ");
	fhir_in_put_cc(sb, v);
	if (vcp)
		fhir_in_use_all(vcp);
	struct fnode *dsrc;
	const char *when = fhir_in_effective(r, &dsrc);
	if (!when && dr)
		when = fhir_in_effective(dr->n, &dsrc);
	char *date = fhir_in_date_part(when);
	fhir_in_check_past_date(c, dsrc, date);
	if (date)
		strbuf_printf(sb, " (%s)", date);
	free(date);
	strbuf_putc(sb, '\n');
	x->mapped = true;
}

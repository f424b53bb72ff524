/*
 * FHIR import: Conditions (tumorboard-fhir(7)). The primary cancer feeds
 * the case's diagnosis; other primary cancers, secondary cancers (mCODE
 * secondary-cancer-condition, or ICD-10 C77-C79) and comorbidities each
 * become a summary line with their codes and systems, body sites and
 * date, checked where they stand.
 */
#include "fhir_in_internal.h"

#include <stdlib.h>
#include <string.h>

#include "fhir.h"
#include "i18n.h"
#include "validate.h"

/* Lines written into the imported case: stored in the archive in one
 * wording, whoever imports it. */
#define TEXT_OTHER_PRIMARY /* untranslated: stored case text */                \
	"Other primary cancer"
#define TEXT_SECONDARY	 /* untranslated: stored case text */ "Secondary cancer"
#define TEXT_COMORBIDITY /* untranslated: stored case text */ "Comorbidity"
#define NO_PRIMARY                                                             \
	_("no primary cancer Condition (ICD-10 C00-D48, or profile "           \
	  "mcode-primary-cancer-condition) refers to this Patient")

static struct fnode *icd10_coding(struct fnode *r)
{
	struct fnode *cc = fhir_in_kid(r, "code");
	struct fnode *cd = fhir_in_coding_in(cc, FHIR_SYS_ICD10);
	return cd ? cd : fhir_in_coding_in(cc, FHIR_SYS_ICD10CM);
}

enum cond_kind fhir_in_cond_kind(struct fnode *r)
{
	if (fhir_in_has_profile(r, FHIR_PROFILE_PRIMARY))
		return COND_PRIMARY;
	if (fhir_in_has_profile(r, FHIR_PROFILE_SECONDARY))
		return COND_SECONDARY;
	struct fnode *cd = icd10_coding(r);
	const char *code = cd ? fhir_in_coding_code(cd) : NULL;
	if (code && validate_icd10(code, NULL) &&
	    validate_icd10_is_neoplasm(code))
		return strncmp(code, "C77", 3) >= 0 &&
			       strncmp(code, "C79", 3) <= 0
			   ? COND_SECONDARY
			   : COND_PRIMARY;
	return COND_OTHER;
}

static const char *cond_date(struct fnode *r, struct fnode **src)
{
	*src = fhir_in_kid(r, "onsetDateTime");
	if (!*src || !(*src)->value)
		*src = fhir_in_kid(r, "recordedDate");
	if (*src)
		(*src)->used = true;
	return *src ? (*src)->value : NULL;
}

static void map_diagnosis(struct ctx *c, xmlNodePtr ce, struct fnode *r)
{
	xmlNodePtr de = fhir_in_el_new(c, ce, "diagnosis", r);
	struct fnode *cc = fhir_in_kid(r, "code");
	struct fnode *icd = icd10_coding(r);
	if (icd) {
		fhir_in_use_all(icd);
		fhir_in_attr(c, de, "icd10", fhir_in_coding_code(icd),
			     fhir_in_kid(icd, "code"), "diagnosis/@icd10", NULL,
			     NULL, NULL);
	} else {
		struct fnode *sct = fhir_in_coding_in(cc, FHIR_SYS_SNOMED);
		if (sct && fhir_in_coding_code(sct))
			fhir_in_err(
			    c, cc,
			    _("the primary cancer is coded only in SNOMED CT "
			      "(%s); the case needs its ICD-10 code (C00-D48) "
			      "in a coding with system %s"),
			    fhir_in_coding_code(sct), FHIR_SYS_ICD10);
		fhir_in_map_add(c, de->line, "diagnosis/@icd10",
				cc ? cc->line : r->line,
				xstrdup("Condition.code.coding"),
				_("no coding with system "
				  "http://hl7.org/fhir/sid/icd-10"));
	}
	EACH(ext, r, "extension")
	{
		const char *url = fhir_in_val(ext, "url");
		if (!url || strcmp(url, FHIR_EXT_HISTOLOGY) != 0)
			continue;
		struct fnode *v = fhir_in_kid(ext, "valueCodeableConcept");
		struct fnode *o = fhir_in_coding_in(v, FHIR_SYS_ICDO3);
		if (o && xmlHasProp(de, (const xmlChar *)"icdo3")) {
			/* the case holds one: which is meant is not ours to
			 * choose */
			fhir_in_use_all(ext);
			fhir_in_err(c, ext,
				    _("a second histology (ICD-O-3) for the "
				      "diagnosis: give one"));
		} else if (o) {
			fhir_in_use_all(ext);
			fhir_in_attr(c, de, "icdo3", fhir_in_coding_code(o),
				     fhir_in_kid(o, "code"), "diagnosis/@icdo3",
				     NULL, NULL, NULL);
		} else {
			fhir_in_note(c, ext,
				     _("the morphology is not coded in ICD-O-3 "
				       "(http://terminology.hl7.org/CodeSystem/"
				       "icd-o-3)"));
		}
	}
	struct fnode *dsrc;
	char *date = fhir_in_date_part(cond_date(r, &dsrc));
	fhir_in_attr(c, de, "date", date, dsrc, "diagnosis/@date", NULL, NULL,
		     NULL);
	free(date);
	struct strbuf sb = {0};
	const char *t = fhir_in_cc_text(cc);
	if (t)
		strbuf_puts(&sb, t);
	if (cc)
		fhir_in_use_all(cc);
	EACH(bs, r, "bodySite")
	{
		const char *b = fhir_in_cc_text(bs);
		if (b && (!t || !strstr(t, b)))
			strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", b);
		fhir_in_use_all(bs);
	}
	if (sb.len)
		xmlNodeAddContent(de, (const xmlChar *)sb.buf);
	strbuf_done(&sb);
}

/* A secondary cancer (mCODE secondary-cancer-condition, or ICD-10
 * C77-C79): its code is there, and an ICD-10 code is one and names a
 * secondary site (C77-C79; C7B in ICD-10-CM). */
static void check_secondary(struct ctx *c, struct fnode *r)
{
	char err[VALIDATE_ERR_MAX];
	struct fnode *cc = fhir_in_kid(r, "code");
	if (!cc) {
		fhir_in_err(c, r,
			    _("a secondary cancer needs its code "
			      "(Condition.code: ICD-10 C77-C79, or SNOMED "
			      "CT)"));
		return;
	}
	struct fnode *icd = icd10_coding(r);
	struct fnode *code = icd ? fhir_in_kid(icd, "code") : NULL;
	const char *v = code ? code->value : NULL;
	if (!v)
		return;
	if (!validate_icd10(v, err))
		fhir_in_err(c, code, "%s", err);
	else if (!(strncmp(v, "C77", 3) >= 0 && strncmp(v, "C79", 3) <= 0) &&
		 strncmp(v, "C7B", 3) != 0)
		fhir_in_err(c, code,
			    _("a secondary cancer is coded C77-C79 in ICD-10; "
			      "%s is not a secondary site (a second primary "
			      "cancer has the profile "
			      "mcode-primary-cancer-condition)"),
			    v);
}

static void cond_line(struct ctx *c, struct fnode *r, const char *label)
{
	struct strbuf *sb = &c->lines;
	strbuf_printf(sb, "%s: ", label);
	fhir_in_put_cc(sb, fhir_in_kid(r, "code"));
	EACH(bs, r, "bodySite")
	{
		strbuf_puts(sb, ", ");
		fhir_in_put_cc(sb, bs);
	}
	struct fnode *dsrc;
	char *date = fhir_in_date_part(cond_date(r, &dsrc));
	/* a date as the case's own: a FHIR date, not after today */
	fhir_in_check_past_date(c, dsrc, date);
	if (date)
		strbuf_printf(sb, " (%s)", date);
	free(date);
	strbuf_putc(sb, '\n');
}

/* The primary cancer: the Condition the referral names, else the first
 * primary one; NULL when none (noted). */
struct res *fhir_in_map_primary(struct ctx *c, xmlNodePtr ce, struct res *p,
				long pi, struct res *sr)
{
	struct fnode *srn = sr ? sr->n : NULL;
	struct res *primary = NULL;
	struct res *named =
	    sr ? fhir_in_resolve_type(c, fhir_in_kid(srn, "reasonReference"),
				      "Condition")
	       : NULL;
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !fhir_in_is_type(x, "Condition"))
			continue;
		if (fhir_in_cond_kind(x->n) == COND_PRIMARY && !primary &&
		    (!named || named == x))
			primary = x;
	}
	if (primary) {
		map_diagnosis(c, ce, primary->n);
		primary->mapped = true;
		fhir_in_use_all(fhir_in_kid(primary->n, "subject"));
		fhir_in_use_all(fhir_in_kid(primary->n, "category"));
		fhir_in_val(primary->n, "clinicalStatus");
		fhir_in_use_all(fhir_in_kid(primary->n, "clinicalStatus"));
		fhir_in_use_all(fhir_in_kid(primary->n, "verificationStatus"));
	} else {
		fhir_in_map_add(c, ce->line, "case/diagnosis", p->n->line,
				xstrdup("Condition"), NO_PRIMARY);
	}
	return primary;
}

/* The other Conditions as summary lines. */
void fhir_in_other_conditions(struct ctx *c, long pi, struct res *primary)
{
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !fhir_in_is_type(x, "Condition") ||
		    x == primary)
			continue;
		enum cond_kind k = fhir_in_cond_kind(x->n);
		if (k == COND_SECONDARY)
			check_secondary(c, x->n);
		cond_line(c, x->n,
			  k == COND_PRIMARY	? TEXT_OTHER_PRIMARY
			  : k == COND_SECONDARY ? TEXT_SECONDARY
						: TEXT_COMORBIDITY);
		fhir_in_use_all(fhir_in_kid(x->n, "subject"));
		fhir_in_use_all(fhir_in_kid(x->n, "category"));
		fhir_in_use_all(fhir_in_kid(x->n, "clinicalStatus"));
		fhir_in_use_all(fhir_in_kid(x->n, "verificationStatus"));
		x->mapped = true;
	}
}

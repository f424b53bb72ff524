/*
 * FHIR import: the cancer disease status (mCODE CancerDiseaseStatus, LOINC
 * 97509-4), checked as the profile asks and kept as a summary line: its
 * subject the Patient, the judgement a SNOMED CT code of mCODE's condition
 * status trend value set, when it was judged, and the cancer Condition it
 * is about (focus) when it names one.
 */
#include "fhir_in_internal.h"

#include <stdlib.h>
#include <string.h>

#include "fhir.h"
#include "i18n.h"

#define TEXT_STATUS /* untranslated: stored case text */ "Cancer disease status"
/* the profile's evidence type extension */
#define EXT_EVIDENCE                                                           \
	"http://hl7.org/fhir/us/mcode/StructureDefinition/"                    \
	"mcode-cancer-disease-status-evidence-type"

/* mCODE's ConditionStatusTrendVS (SNOMED CT). */
static const char *const trend[] = {
    "268910001",       /* condition improved */
    "359746009",       /* condition stable */
    "271299001",       /* condition worsened */
    "709137006",       /* condition undetermined */
    "550991000124107", /* malignant neoplasm in full remission */
    "551001000124108", /* malignant neoplasm in partial remission */
};

bool fhir_in_is_status(struct fnode *r)
{
	return fhir_in_has_profile(r, FHIR_PROFILE_DISEASE_STATUS) ||
	       fhir_in_cc_has(fhir_in_kid(r, "code"), FHIR_SYS_LOINC,
			      FHIR_LOINC_DISEASE_STATUS);
}

/* A cancer disease status of no Patient: why. */
static void status_subject(struct ctx *c, struct res *x)
{
	struct fnode *s = fhir_in_kid(x->n, "subject");
	struct fnode *rr = fhir_in_kid(s, "reference");
	if (!rr || !rr->value) {
		fhir_in_err(c, s ? s : x->n,
			    _("a cancer disease status needs its subject, a "
			      "reference to the Patient it is about"));
		return;
	}
	long p = fhir_in_resolve_str(c, rr);
	if (p >= 0) /* not a Patient (one that does not resolve was
		       reported) */
		fhir_in_err(c, rr,
			    _("the subject of a cancer disease status is the "
			      "Patient, not a %s"),
			    c->res[p].type);
}

void fhir_in_status_subjects(struct ctx *c)
{
	for (size_t i = 0; i < c->n_res; i++) {
		struct res *x = &c->res[i];
		if (x->patient >= 0 || !fhir_in_is_type(x, "Observation"))
			continue;
		/* a Bundle read an entry at a time: read for now (kept) */
		fhir_in_lazy_load(c, i, &c->shared);
		if (fhir_in_is_status(x->n))
			status_subject(c, x);
		fhir_in_lazy_let_go(c);
	}
}

/* The judgement: a SNOMED CT code of the value set; false after an
 * error. */
static bool check_value(struct ctx *c, struct fnode *r)
{
	struct fnode *v = fhir_in_kid(r, "valueCodeableConcept");
	if (!v) {
		struct fnode *other = NULL;
		for (struct fnode *k = r->first; k && !other; k = k->next)
			if (strncmp(k->name, "value", 5) == 0)
				other = k;
		fhir_in_err(c, other ? other : r,
			    other
				? _("a cancer disease status is a "
				    "valueCodeableConcept (SNOMED CT, mCODE's "
				    "condition status trend)")
				: _("a cancer disease status needs its value: "
				    "valueCodeableConcept (SNOMED CT, mCODE's "
				    "condition status trend)"));
		return false;
	}
	struct fnode *cd = fhir_in_coding_in(v, FHIR_SYS_SNOMED);
	const char *code = cd ? fhir_in_coding_code(cd) : NULL;
	for (size_t i = 0; code && i < sizeof(trend) / sizeof(trend[0]); i++)
		if (strcmp(code, trend[i]) == 0)
			return true;
	fhir_in_err(c, code ? fhir_in_kid(cd, "code") : v,
		    _("a cancer disease status is one of mCODE's condition "
		      "status trend codes (SNOMED CT 268910001 improved, "
		      "359746009 stable, 271299001 worsened, 709137006 "
		      "undetermined, 550991000124107 full remission, "
		      "551001000124108 partial remission)"));
	return false;
}

/* The Conditions it is about: this patient's cancers, put on the line. */
static void check_focus(struct ctx *c, struct res *x, struct strbuf *sb)
{
	EACH(f, x->n, "focus")
	{
		struct fnode *rr = fhir_in_kid(f, "reference");
		if (!rr || !rr->value) {
			fhir_in_err(c, f,
				    _("the focus of a cancer disease status "
				      "is a reference to the cancer "
				      "Condition"));
			continue;
		}
		struct res *y = fhir_in_resolve(c, f);
		if (!y)
			continue; /* reported */
		if (!fhir_in_is_type(y, "Condition")) {
			fhir_in_err(c, rr,
				    _("the focus of a cancer disease status "
				      "is the cancer Condition, not a %s"),
				    y->type);
		} else if (fhir_in_cond_kind(y->n) == COND_OTHER) {
			fhir_in_err(c, rr,
				    _("the focus of a cancer disease status "
				      "is a cancer (profile "
				      "mcode-primary-cancer-condition or "
				      "mcode-secondary-cancer-condition, or "
				      "ICD-10 C00-D48); this Condition is "
				      "none"));
		} else if (y->patient != x->patient) {
			fhir_in_err(c, rr,
				    _("the focus of a cancer disease status "
				      "is a Condition of its own Patient"));
		} else {
			/* untranslated: stored case text */
			strbuf_puts(sb, "; focus ");
			fhir_in_put_cc(sb, fhir_in_kid(y->n, "code"));
		}
	}
}

void fhir_in_status_line(struct ctx *c, struct res *x)
{
	struct fnode *r = x->n;
	struct fnode *code = fhir_in_kid(r, "code");
	if (!fhir_in_cc_has(code, FHIR_SYS_LOINC, FHIR_LOINC_DISEASE_STATUS))
		fhir_in_err(c, code ? code : r,
			    code ? _("a cancer disease status (profile "
				     "mcode-cancer-disease-status) is coded "
				     "LOINC 97509-4")
				 : _("a cancer disease status (profile "
				     "mcode-cancer-disease-status) needs its "
				     "code, LOINC 97509-4"));
	bool value_ok = check_value(c, r);
	struct fnode *dsrc = fhir_in_kid(r, "effectiveDateTime");
	if (!dsrc)
		dsrc = fhir_in_kid(fhir_in_kid(r, "effectivePeriod"), "start");
	char *date = dsrc ? fhir_in_date_part(dsrc->value) : NULL;
	if (!date)
		fhir_in_err(c, r,
			    _("a cancer disease status needs "
			      "effectiveDateTime, when it was judged"));
	else
		fhir_in_check_past_date(c, dsrc, date);
	if (dsrc) {
		dsrc->used = true;
		fhir_in_use_all(fhir_in_kid(r, "effectivePeriod"));
	}
	struct strbuf *sb = &c->lines;
	strbuf_printf(sb, "%s: ", TEXT_STATUS);
	if (value_ok)
		fhir_in_put_cc(sb, fhir_in_kid(r, "valueCodeableConcept"));
	check_focus(c, x, sb);
	EACH(ext, r, "extension")
	{
		const char *url = fhir_in_val(ext, "url");
		struct fnode *ev = fhir_in_kid(ext, "valueCodeableConcept");
		if (!url || strcmp(url, EXT_EVIDENCE) != 0 || !ev)
			continue;
		ext->used = true;
		/* untranslated: stored case text */
		strbuf_puts(sb, "; evidence ");
		fhir_in_put_cc(sb, ev);
	}
	if (date)
		strbuf_printf(sb, " (%s)", date);
	strbuf_putc(sb, '\n');
	free(date);
	x->mapped = true;
}

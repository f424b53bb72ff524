/*
 * FHIR import: DiagnosticReports (pathology, imaging, genomics),
 * Procedures and medication.
 */
#include "fhir_in_internal.h"

#include <stdlib.h>
#include <string.h>

#include "fhir.h"
#include "i18n.h"
#include "validate.h"

/* ------------------------------------------------------------------------
 * Diagnostic reports
 * ---------------------------------------------------------------------- */

static const char *dicom_modality(struct fnode *r, struct fnode **src)
{
	static const char *const pairs[][2] = {
	    {"CT", "ct"},	  {"MR", "mri"},	 {"PT", "pet-ct"},
	    {"US", "ultrasound"}, {"MG", "mammography"}, {"NM", "bone-scan"},
	    {"DX", "x-ray"},	  {"CR", "x-ray"},
	};
	const char *where[] = {"code", "category"};
	for (int w = 0; w < 2; w++) {
		EACH(cc, r, where[w])
		{
			struct fnode *cd =
			    fhir_in_coding_in(cc, FHIR_SYS_DICOM);
			if (!cd || !fhir_in_coding_code(cd))
				continue;
			*src = fhir_in_kid(cd, "code");
			for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]);
			     i++)
				if (strcmp(pairs[i][0],
					   fhir_in_coding_code(cd)) == 0)
					return pairs[i][1];
			return fhir_in_coding_code(
			    cd); /* refused by the check */
		}
	}
	*src = NULL;
	return NULL;
}

enum dr_kind fhir_in_dr_kind(struct fnode *r)
{
	EACH(cat, r, "category")
	{
		if (fhir_in_cc_has(cat, FHIR_SYS_V2_0074, "GE"))
			return DR_GENOMICS;
		if (fhir_in_cc_has(cat, FHIR_SYS_V2_0074, "SP") ||
		    fhir_in_cc_has(cat, FHIR_SYS_V2_0074, "PAT"))
			return DR_PATHOLOGY;
		if (fhir_in_cc_has(cat, FHIR_SYS_V2_0074, "RAD"))
			return DR_IMAGING;
	}
	if (fhir_in_cc_has(fhir_in_kid(r, "code"), FHIR_SYS_LOINC,
			   FHIR_LOINC_GENETIC_REPORT))
		return DR_GENOMICS;
	struct fnode *src;
	if (dicom_modality(r, &src))
		return DR_IMAGING;
	return DR_OTHER;
}

static void use_categories(struct fnode *r)
{
	EACH(cat, r, "category") fhir_in_use_all(cat);
}

void fhir_in_map_pathology(struct ctx *c, xmlNodePtr ce, struct res *x)
{
	struct fnode *r = x->n, *dsrc;
	xmlNodePtr pe = fhir_in_el_new(c, ce, "pathology", r);
	fhir_in_source_attr(c, pe, r, "pathology/@source");
	use_categories(r);
	char *date = fhir_in_date_part(fhir_in_effective(r, &dsrc));
	fhir_in_attr(c, pe, "date", date, dsrc, "pathology/@date", r,
		     "DiagnosticReport.effectiveDateTime", _("not given"));
	free(date);
	struct fnode *perf = fhir_in_kid(r, "performer");
	fhir_in_attr(c, pe, "lab", perf ? fhir_in_org_name(c, perf) : NULL,
		     perf, "pathology/@lab", r, "DiagnosticReport.performer",
		     _("no Organization performed it"));
	struct fnode *sp = fhir_in_kid(r, "specimen");
	const char *spec = NULL;
	struct fnode *ssrc = sp;
	if (sp) {
		struct res *s = fhir_in_resolve_type(c, sp, "Specimen");
		if (s) {
			s->mapped = true;
			ssrc = fhir_in_kid(s->n, "type");
			spec = fhir_in_cc_text(ssrc);
			fhir_in_use_all(ssrc);
		}
	}
	fhir_in_attr(c, pe, "specimen", spec, ssrc, "pathology/@specimen", r,
		     "DiagnosticReport.specimen", _("no Specimen with a type"));
	EACH(cc, r, "conclusionCode")
	{
		struct fnode *o = fhir_in_coding_in(cc, FHIR_SYS_ICDO3);
		if (o && !xmlHasProp(pe, (const xmlChar *)"icdo3")) {
			fhir_in_attr(c, pe, "icdo3", fhir_in_coding_code(o),
				     fhir_in_kid(o, "code"), "pathology/@icdo3",
				     NULL, NULL, NULL);
			fhir_in_use_all(cc);
		}
	}
	fhir_in_attr(c, pe, "context", fhir_in_tag(r, FHIR_SYS_TB_CONTEXT), r,
		     "pathology/@context", NULL, NULL, NULL);
	struct fnode *concl = fhir_in_kid(r, "conclusion");
	fhir_in_text_el(c, pe, "report", fhir_in_val(r, "conclusion"), concl,
			"pathology/report", r, "DiagnosticReport.conclusion",
			_("not given"));
	fhir_in_use_all(fhir_in_kid(r, "code"));
	EACH(ref, r, "result")
	{
		struct res *o = fhir_in_resolve_type(c, ref, "Observation");
		if (!o || o->mapped)
			continue;
		enum obs_kind k = fhir_in_obs_kind(o->n);
		if (k != OBS_OTHER && k != OBS_MARKER)
			continue; /* read with the patient's observations */
		struct fnode *vsrc;
		char *v = fhir_in_value_text(o->n, &vsrc);
		struct fnode *code = fhir_in_kid(o->n, "code");
		struct fnode *e;
		if (fhir_in_cc_has(code, FHIR_SYS_LOINC, FHIR_LOINC_GRADE) &&
		    !xmlHasProp(pe, (const xmlChar *)"grade")) {
			/* the histology grade: an attribute, not a marker */
			fhir_in_attr(c, pe, "grade", v, vsrc,
				     "pathology/@grade", o->n,
				     "Observation.value[x]", _("no value"));
			fhir_in_use_all(code);
			free(v);
			fhir_in_effective(o->n, &e);
			o->mapped = true;
			continue;
		}
		xmlNodePtr me = fhir_in_el_new(c, pe, "marker", o->n);
		fhir_in_attr(c, me, "name", fhir_in_cc_text(code), code,
			     "pathology/marker/@name", o->n, "Observation.code",
			     _("no text or display"));
		fhir_in_use_all(code);
		fhir_in_attr(c, me, "value", v, vsrc, "pathology/marker/@value",
			     o->n, "Observation.value[x]", _("no value"));
		free(v);
		fhir_in_effective(o->n, &e);
		o->mapped = true;
	}
	x->mapped = true;
}

void fhir_in_map_imaging(struct ctx *c, xmlNodePtr ce, struct res *x)
{
	struct fnode *r = x->n, *dsrc, *msrc;
	xmlNodePtr ie = fhir_in_el_new(c, ce, "imaging", r);
	fhir_in_source_attr(c, ie, r, "imaging/@source");
	char *date = fhir_in_date_part(fhir_in_effective(r, &dsrc));
	fhir_in_attr(c, ie, "date", date, dsrc, "imaging/@date", r,
		     "DiagnosticReport.effectiveDateTime", _("not given"));
	free(date);
	const char *mod = dicom_modality(r, &msrc);
	char hint[200];
	snprintf(hint, sizeof(hint), _("no coding in %s"), FHIR_SYS_DICOM);
	fhir_in_attr(c, ie, "modality", mod, msrc, "imaging/@modality", r,
		     "DiagnosticReport.code.coding", hint);
	struct fnode *code = fhir_in_kid(r, "code");
	struct fnode *text = fhir_in_kid(code, "text");
	fhir_in_attr(c, ie, "region", text ? text->value : NULL, text,
		     "imaging/@region", r, "DiagnosticReport.code.text",
		     _("not given"));
	fhir_in_use_all(code);
	use_categories(r);
	const char *ai = fhir_in_tag(r, FHIR_SYS_TB_TAG);
	if (ai && strcmp(ai, "ai") == 0)
		fhir_in_attr(c, ie, "ai", "true", fhir_in_kid(r, "meta"),
			     "imaging/@ai", NULL, NULL, NULL);
	const char *findings = NULL;
	struct fnode *fsrc = NULL;
	EACH(ref, r, "result")
	{
		struct res *o = fhir_in_resolve_type(c, ref, "Observation");
		if (!o)
			continue;
		enum obs_kind k = fhir_in_obs_kind(o->n);
		struct fnode *e;
		if (k == OBS_FINDINGS && !findings) {
			fsrc = fhir_in_kid(o->n, "valueString");
			findings = fhir_in_val(o->n, "valueString");
			fhir_in_use_all(fhir_in_kid(o->n, "code"));
			fhir_in_effective(o->n, &e);
			o->mapped = true;
		} else if (k == OBS_RECIST) {
			struct fnode *q = fhir_in_kid(
			    fhir_in_kid(o->n, "valueQuantity"), "value");
			fhir_in_use_all(fhir_in_kid(o->n, "valueQuantity"));
			fhir_in_use_all(fhir_in_kid(o->n, "code"));
			if (xmlHasProp(ie, (const xmlChar *)"recist-sum"))
				/* the report holds one sum */
				fhir_in_err(c, ref,
					    _("a second RECIST sum for the "
					      "report: give one"));
			else
				fhir_in_attr(c, ie, "recist-sum",
					     q ? q->value : NULL, q,
					     "imaging/@recist-sum", o->n,
					     "Observation.valueQuantity.value",
					     _("no value"));
			fhir_in_effective(o->n, &e);
			o->mapped = true;
		}
	}
	fhir_in_text_el(c, ie, "findings", findings, fsrc, "imaging/findings",
			r,
			/* untranslated: a FHIR path */
			"DiagnosticReport.result (Observation LOINC 59776-5 "
			"valueString)",
			_("no findings observation"));
	struct fnode *concl = fhir_in_kid(r, "conclusion");
	fhir_in_text_el(c, ie, "impression", fhir_in_val(r, "conclusion"),
			concl, "imaging/impression", r,
			"DiagnosticReport.conclusion", _("not given"));
	x->mapped = true;
}

void fhir_in_genomics_line(struct ctx *c, struct res *x)
{
	struct fnode *r = x->n, *dsrc;
	use_categories(r);
	struct fnode *concl = fhir_in_kid(r, "conclusion");
	if (!concl) {
		x->mapped = true;
		return;
	}
	const char *t = fhir_in_cc_text(fhir_in_kid(r, "code"));
	char *date = fhir_in_date_part(fhir_in_effective(r, &dsrc));
	strbuf_printf(&c->lines, /* untranslated: stored case text */
		      "Genomics report%s%s%s%s%s: %s\n", t || date ? " (" : "",
		      t ? t : "", t && date ? ", " : "", date ? date : "",
		      t || date ? ")" : "", fhir_in_val(r, "conclusion"));
	free(date);
	x->mapped = true;
}

/* ------------------------------------------------------------------------
 * Procedures and medication
 * ---------------------------------------------------------------------- */

bool fhir_in_check_date(struct ctx *c, struct fnode *n, const char *d)
{
	char err[VALIDATE_ERR_MAX];
	size_t len = d ? strlen(d) : 0;
	bool ok = len == 10 && validate_date(d, NULL, err);
	if (len == 4 || len == 7) {
		char full[16];
		snprintf(full, sizeof(full), "%s%s", d,
			 len == 4 ? "-01-01" : "-01");
		ok = validate_date(full, NULL, err);
	}
	if (d && !ok)
		fhir_in_err(c, n,
			    _("not a date (YYYY, YYYY-MM or YYYY-MM-DD)"));
	return !d || ok;
}

bool fhir_in_check_past_date(struct ctx *c, struct fnode *n, const char *d)
{
	if (!fhir_in_check_date(c, n, d))
		return false;
	if (d && strncmp(d, c->today, strlen(d)) > 0) {
		fhir_in_err(c, n, _("date is in the future"));
		return false;
	}
	return true;
}

static void period_text(struct ctx *c, struct fnode *r, const char *dt,
			const char *period)
{
	struct strbuf *sb = &c->lines;
	const char *d = fhir_in_val(r, dt);
	struct fnode *p = fhir_in_kid(r, period);
	if (d) {
		char *x = fhir_in_date_part(d);
		fhir_in_check_date(c, fhir_in_kid(r, dt), x);
		strbuf_printf(sb, " (%s)", x);
		free(x);
	} else if (p) {
		char *a = fhir_in_date_part(fhir_in_val(p, "start")),
		     *b = fhir_in_date_part(fhir_in_val(p, "end"));
		fhir_in_check_date(c, fhir_in_kid(p, "start"), a);
		fhir_in_check_date(c, fhir_in_kid(p, "end"), b);
		strbuf_printf(sb, " (%s\u2013%s)", a ? a : "", b ? b : "");
		free(a);
		free(b);
		p->used = true;
	}
}

void fhir_in_procedure_line(struct ctx *c, struct res *x)
{
	struct fnode *r = x->n;
	struct fnode *cat = fhir_in_kid(r, "category");
	const char *label = "Procedure";
	if (fhir_in_cc_has(cat, FHIR_SYS_SNOMED, FHIR_SCT_SURGERY))
		label = "Surgery";
	else if (fhir_in_cc_has(cat, FHIR_SYS_SNOMED, FHIR_SCT_RADIOTHERAPY) ||
		 fhir_in_cc_has(fhir_in_kid(r, "code"), FHIR_SYS_SNOMED,
				FHIR_SCT_RADIOTHERAPY))
		label = "Radiotherapy";
	else {
		struct fnode *meta = fhir_in_kid(r, "meta");
		EACH(p, meta, "profile")
		if (p->value && strstr(p->value, "radiotherapy"))
			label = "Radiotherapy";
	}
	fhir_in_use_all(cat);
	strbuf_printf(&c->lines, "%s: ", label);
	fhir_in_put_cc(&c->lines, fhir_in_kid(r, "code"));
	EACH(bs, r, "bodySite")
	{
		strbuf_puts(&c->lines, ", ");
		fhir_in_put_cc(&c->lines, bs);
	}
	period_text(c, r, "performedDateTime", "performedPeriod");
	const char *st = fhir_in_val(r, "status");
	if (st)
		strbuf_printf(&c->lines, ", %s", st);
	strbuf_putc(&c->lines, '\n');
	x->mapped = true;
}

void fhir_in_medication_line(struct ctx *c, struct res *x)
{
	struct fnode *r = x->n;
	strbuf_puts(&c->lines, "Therapy: ");
	struct fnode *mc = fhir_in_kid(r, "medicationCodeableConcept");
	if (!mc) {
		struct res *m = fhir_in_resolve_type(
		    c, fhir_in_kid(r, "medicationReference"), "Medication");
		if (m) {
			m->mapped = true;
			mc = fhir_in_kid(m->n, "code");
		}
	}
	if (mc)
		fhir_in_put_cc(&c->lines, mc);
	else
		strbuf_puts(&c->lines, /* untranslated: stored case text */
			    "(no medication named)");
	if (strcmp(x->type, "MedicationRequest") == 0)
		period_text(c, r, "authoredOn", "-");
	else
		period_text(c, r, "effectiveDateTime", "effectivePeriod");
	const char *st = fhir_in_val(r, "status");
	if (st)
		strbuf_printf(&c->lines, ", %s", st);
	fhir_in_val(r, "intent");
	strbuf_putc(&c->lines, '\n');
	x->mapped = true;
}

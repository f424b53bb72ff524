/*
 * FHIR import: Patient and referral, and one <case> per Patient built
 * from the resources that refer to it (tumorboard-fhir(7)); the
 * conditions are read in fhir_in_cond.c.
 */
#include "fhir_in_internal.h"

#include <stdlib.h>
#include <string.h>

#include "fhir.h"
#include "i18n.h"
#include "validate.h"

/* Lines written into the imported case: stored in the archive in one
 * wording, whoever imports it. */
#define TEXT_MARKER /* untranslated: stored case text */ "Tumour marker"
/* Hints of the not-mapped report used in long functions. */
#define NOT_GIVEN _("not given")
#define NO_PNR                                                                 \
	_("no identifier with system urn:oid:1.2.752.129.2.1.3.1 "             \
	  "(personnummer) or urn:oid:1.2.752.129.2.1.3.3 (samordningsnummer)")
#define NO_LEVEL _("no coding with system urn:x-tumorboard:mdk-level")

/* ------------------------------------------------------------------------
 * Patient and referral
 * ---------------------------------------------------------------------- */

/* The patient's Swedish identity number (the first; its type too); the
 * value's node, or NULL when there is none. */
static struct fnode *patient_id(struct ctx *c, xmlNodePtr pe, struct fnode *r)
{
	struct fnode *idv = NULL;
	const char *type = NULL;
	EACH(ident, r, "identifier")
	{
		struct fnode *s = fhir_in_kid(ident, "system");
		const char *sys = s ? s->value : NULL;
		const char *t = NULL;
		if (sys && strcmp(sys, FHIR_ID_PERSONNUMMER) == 0)
			t = "personnummer";
		else if (sys && strcmp(sys, FHIR_ID_SAMORDNINGSNUMMER) == 0)
			t = "samordningsnummer";
		if (t && !idv) {
			idv = fhir_in_kid(ident, "value");
			type = t;
			fhir_in_use_all(ident);
		} else {
			fhir_in_note(
			    c, ident,
			    t ? _("a second Swedish identity number; the case "
				  "keeps the first")
			      : _("the case keeps the personnummer or "
				  "samordningsnummer only"));
		}
	}
	xmlNodePtr ide =
	    fhir_in_text_el(c, pe, "id", idv ? idv->value : NULL, idv,
			    "patient/id", r, "Patient.identifier", NO_PNR);
	if (ide)
		fhir_in_attr(c, ide, "type", type, idv, "patient/id/@type",
			     NULL, NULL, NULL);
	return idv;
}

/* The patient's name: the official one, or the first. */
static void patient_name(struct ctx *c, xmlNodePtr pe, struct fnode *r)
{
	struct fnode *hn = NULL;
	EACH(nm, r, "name")
	{
		struct fnode *u = fhir_in_kid(nm, "use");
		if (u && u->value && strcmp(u->value, "official") == 0) {
			hn = nm;
			break;
		}
	}
	if (!hn)
		hn = fhir_in_kid(r, "name");
	EACH(nm, r, "name")
	if (nm != hn)
		fhir_in_note(c, nm,
			     _("the case keeps one name (the official)"));
	if (hn) {
		xmlNodePtr ne = fhir_in_el_new(c, pe, "name", hn);
		fhir_in_val(hn, "use");
		struct fnode *fam = fhir_in_kid(hn, "family");
		fhir_in_attr(c, ne, "family", fhir_in_val(hn, "family"), fam,
			     "patient/name/@family", hn, "Patient.name.family",
			     NULL);
		struct strbuf g = {0};
		struct fnode *g1 = fhir_in_kid(hn, "given");
		EACH(gv, hn, "given")
		{
			gv->used = true;
			if (g.len)
				strbuf_putc(&g, ' ');
			strbuf_puts(&g, gv->value ? gv->value : "");
		}
		fhir_in_attr(c, ne, "given", g.len ? g.buf : NULL, g1,
			     "patient/name/@given", hn, "Patient.name.given",
			     NULL);
		strbuf_done(&g);
	} else {
		fhir_in_map_add(c, pe->line, "patient/name", r->line,
				xstrdup("Patient.name"), NULL);
	}
}

/* The patient's language (the preferred, or the first) and whether an
 * interpreter is needed. */
static void patient_language(struct ctx *c, xmlNodePtr pe, struct fnode *r)
{
	struct fnode *lang = NULL;
	EACH(cm, r, "communication")
	{
		const char *pref = fhir_in_val(cm, "preferred");
		if (!lang || (pref && strcmp(pref, "true") == 0))
			lang = cm;
	}
	EACH(cm, r, "communication")
	if (cm != lang)
		fhir_in_note(c, cm,
			     _("the case keeps one language (the preferred)"));
	char *code = NULL;
	struct fnode *lsrc = NULL;
	if (lang) {
		struct fnode *cc = fhir_in_kid(lang, "language");
		struct fnode *cd = fhir_in_coding_in(cc, FHIR_SYS_BCP47);
		if (!cd)
			cd = fhir_in_coding_in(cc, NULL);
		lsrc = cd ? fhir_in_kid(cd, "code") : NULL;
		if (lsrc && lsrc->value) {
			code = xstrndup(lsrc->value, strcspn(lsrc->value, "-"));
			for (char *s = code; *s; s++)
				if (*s >= 'A' && *s <= 'Z')
					*s = (char)(*s - 'A' + 'a');
		}
		fhir_in_use_all(cc);
	}
	bool interp = false;
	struct fnode *isrc = NULL;
	EACH(ext, r, "extension")
	{
		const char *url = fhir_in_val(ext, "url");
		if (url && strcmp(url, FHIR_EXT_INTERPRETER) == 0) {
			isrc = fhir_in_kid(ext, "valueBoolean");
			interp = isrc && isrc->value &&
				 strcmp(isrc->value, "true") == 0;
			fhir_in_use_all(ext);
		}
	}
	if (code || interp) {
		xmlNodePtr le = fhir_in_text_el(
		    c, pe, "language", code ? code : "sv", lsrc ? lsrc : isrc,
		    "patient/language", NULL, NULL, NULL);
		if (interp)
			fhir_in_attr(c, le, "interpreter", "yes", isrc,
				     "patient/language/@interpreter", NULL,
				     NULL, NULL);
	}
	free(code);
}

static void map_patient(struct ctx *c, xmlNodePtr ce, struct res *p)
{
	struct fnode *r = p->n;
	xmlNodePtr pe = fhir_in_el_new(c, ce, "patient", r);
	struct fnode *idv = patient_id(c, pe, r);

	patient_name(c, pe, r);

	struct fnode *gender = fhir_in_kid(r, "gender");
	fhir_in_text_el(c, pe, "sex", fhir_in_val(r, "gender"), gender,
			"patient/sex", r, "Patient.gender", NULL);

	/* the birth date must be a date (FHIR's: a year, a month or a day),
	 * and agree with the identity number as far as it goes */
	struct fnode *bd = fhir_in_kid(r, "birthDate");
	if (bd && bd->value && idv && idv->value) {
		char norm[14], birth[11];
		bd->used = true;
		if (fhir_in_check_date(c, bd, bd->value) &&
		    validate_pnr(idv->value, atoi(c->today), norm, birth, NULL,
				 NULL) &&
		    strncmp(birth, bd->value, strlen(bd->value)) != 0)
			fhir_in_err(
			    c, bd,
			    _("differs from the birth date in the identity "
			      "number"));
	}

	patient_language(c, pe, r);

	struct fnode *addr = fhir_in_kid(r, "address");
	if (addr) {
		struct fnode *st = fhir_in_kid(addr, "state");
		fhir_in_text_el(c, pe, "region", fhir_in_val(addr, "state"), st,
				"patient/region", NULL, NULL, NULL);
	}
	struct fnode *mo = fhir_in_kid(r, "managingOrganization");
	if (mo) {
		const char *h = fhir_in_org_name(c, mo);
		fhir_in_text_el(c, pe, "hospital", h, mo, "patient/hospital",
				NULL, NULL, NULL);
	}
}

static void map_referrer(struct ctx *c, xmlNodePtr ce, struct fnode *sr)
{
	struct fnode *rq = fhir_in_kid(sr, "requester");
	if (!rq) {
		fhir_in_map_add(c, ce->line, "case/referrer", sr->line,
				xstrdup("ServiceRequest.requester"),
				_("not given"));
		return;
	}
	struct res *x = fhir_in_resolve(c, rq);
	if (!x)
		return;
	x->mapped = true;
	xmlNodePtr re = fhir_in_el_new(c, ce, "referrer", rq);
	struct res *pr = NULL, *org = NULL;
	struct fnode *phone = NULL;
	if (strcmp(x->type, "PractitionerRole") == 0) {
		pr = fhir_in_resolve_type(c, fhir_in_kid(x->n, "practitioner"),
					  "Practitioner");
		org = fhir_in_resolve_type(c, fhir_in_kid(x->n, "organization"),
					   "Organization");
		phone = fhir_in_phone_of(x->n);
	} else if (strcmp(x->type, "Practitioner") == 0) {
		pr = x;
	} else if (strcmp(x->type, "Organization") == 0) {
		org = x;
	}
	char *nm = NULL;
	if (pr) {
		pr->mapped = true;
		struct fnode *hn = fhir_in_kid(pr->n, "name");
		nm = hn ? fhir_in_human_name(hn) : NULL;
		if (hn)
			fhir_in_use_all(hn);
		if (!phone)
			phone = fhir_in_phone_of(pr->n);
	}
	fhir_in_attr(c, re, "name", nm, pr ? fhir_in_kid(pr->n, "name") : rq,
		     "referrer/@name", rq, "Practitioner.name",
		     _("the requester names no Practitioner"));
	free(nm);
	const char *unit = NULL;
	if (org) {
		org->mapped = true;
		unit = fhir_in_val(org->n, "name");
	}
	fhir_in_attr(c, re, "unit", unit,
		     org ? fhir_in_kid(org->n, "name") : rq, "referrer/@unit",
		     rq, "Organization.name",
		     _("the requester names no Organization (refer to a "
		       "PractitionerRole)"));
	if (phone)
		fhir_in_attr(c, re, "phone", phone->value, phone,
			     "referrer/@phone", NULL, NULL, NULL);
}

/* ------------------------------------------------------------------------
 * One case per Patient
 * ---------------------------------------------------------------------- */

bool fhir_in_is_type(const struct res *x, const char *t)
{
	return strcmp(x->type, t) == 0;
}

static const char *earlier(const char *a, const char *b)
{
	/* NULL dates sort first */
	if (!a)
		return b;
	if (!b)
		return a;
	return strcmp(a, b) <= 0 ? a : b;
}

/* From the resources' meta: the system the case came from (the
 * referral's, the patient's or the Bundle's meta.source) and the board's
 * status, as tumorboard's own export writes it. srn may be NULL. */
static void map_case_meta(struct ctx *c, xmlNodePtr ce, struct fnode *srn,
			  struct fnode *patient)
{
	if (srn && fhir_in_kid(fhir_in_kid(srn, "meta"), "source"))
		fhir_in_source_attr(c, ce, srn, "case/@source");
	else if (fhir_in_kid(fhir_in_kid(patient, "meta"), "source"))
		fhir_in_source_attr(c, ce, patient, "case/@source");
	else if (c->root_meta)
		fhir_in_source_attr(c, ce, c->root_meta->parent,
				    "case/@source");
	const char *status = fhir_in_tag(srn, FHIR_SYS_TB_STATUS);
	fhir_in_attr(c, ce, "status", status,
		     status ? fhir_in_kid(srn, "meta") : NULL, "case/@status",
		     NULL, NULL, NULL);
}

/* Said of what a referral would give when there is none. */
#define NO_SR _("no ServiceRequest in the file refers to this Patient")

/*
 * The case id of a ServiceRequest (its value node; NULL when none): the
 * first identifier in urn:x-tumorboard:case-id, else the first of any
 * system. A second case id that differs is refused, as the routing of a
 * package refuses it (fhir_package.c: one rule, tumorboard-fhir(7)); the
 * identifiers not used are listed as not mapped.
 */
static struct fnode *case_id_of(struct ctx *c, struct fnode *srn)
{
	struct fnode *cid = NULL;
	bool cid_ours = false;
	EACH(ident, srn, "identifier")
	{
		struct fnode *s = fhir_in_kid(ident, "system");
		struct fnode *v = fhir_in_kid(ident, "value");
		if (!v || !v->value)
			continue;
		bool ours =
		    s && s->value && strcmp(s->value, FHIR_SYS_TB_CASE) == 0;
		if (ours && cid_ours && strcmp(cid->value, v->value) != 0)
			fhir_in_err(c, v,
				    _("a second case id (system %s) that "
				      "differs from the first (line %ld): a "
				      "referral is about one case"),
				    FHIR_SYS_TB_CASE, (long)cid->line);
		if (!cid || (ours && !cid_ours)) {
			cid = v;
			cid_ours = ours;
		}
	}
	EACH(ident, srn, "identifier")
	{
		if (fhir_in_kid(ident, "value") == cid)
			fhir_in_use_all(ident);
		else
			fhir_in_note(c, ident,
				     _("the case keeps one identifier (system "
				       "urn:x-tumorboard:case-id first)"));
	}
	return cid;
}

/* The clinical significance given in its own Observation derivedFrom
 * variant vi (its value's node in *sig_src); NULL when none. */
static const char *significance_of(struct ctx *c, long pi, long vi,
				   struct fnode **sig_src_out)
{
	const char *sig = NULL;
	struct fnode *sig_src = NULL;
	for (size_t k2 = 0, j = 0; k2 < c->n_mine && (j = c->mine[k2], 1);
	     k2++) {
		struct res *y = &c->res[j];
		if (y->patient != pi || !fhir_in_is_type(y, "Observation") ||
		    j == (size_t)vi)
			continue;
		struct fnode *sc =
		    fhir_in_component(y->n, FHIR_LOINC_SIGNIFICANCE);
		struct fnode *df = fhir_in_kid(y->n, "derivedFrom");
		struct fnode *dfr = fhir_in_kid(df, "reference");
		if (!sc || !dfr || !dfr->value ||
		    fhir_in_resolve_str(c, dfr) != vi)
			continue;
		sig_src = fhir_in_kid(sc, "valueCodeableConcept");
		sig = fhir_in_classification_of(sig_src);
		if (sig) {
			fhir_in_use_all(sc);
			fhir_in_use_all(df);
			fhir_in_use_all(fhir_in_kid(y->n, "code"));
			fhir_in_use_all(fhir_in_kid(y->n, "subject"));
			fhir_in_val(y->n, "status");
			fhir_in_use_all(fhir_in_kid(y->n, "category"));
			y->mapped = true;
		}
	}
	*sig_src_out = sig_src;
	return sig;
}

/* The Patient's referral: its first ServiceRequest (a second is noted). */
static struct res *find_referral(struct ctx *c, long pi)
{
	struct res *sr = NULL;
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !fhir_in_is_type(x, "ServiceRequest"))
			continue;
		if (!sr) {
			sr = x;
		} else {
			fhir_in_note(
			    c, x->n,
			    _("a second ServiceRequest for the same Patient; "
			      "one case per Patient"));
			x->mapped = true;
		}
	}
	return sr;
}

/* The case's attributes from the referral: id, referred, level,
 * priority, who and when. */
static void map_referral(struct ctx *c, xmlNodePtr ce, struct res *p,
			 struct res *sr)
{
	struct fnode *srn = sr ? sr->n : NULL;
	struct fnode *cid_src = case_id_of(c, srn);
	const char *cid = cid_src ? cid_src->value : NULL;
	fhir_in_attr(c, ce, "id", cid, cid_src, "case/@id", srn ? srn : p->n,
		     "ServiceRequest.identifier", sr ? NOT_GIVEN : NO_SR);
	struct fnode *au = fhir_in_kid(srn, "authoredOn");
	char *referred = fhir_in_date_part(fhir_in_val(srn, "authoredOn"));
	fhir_in_attr(c, ce, "referred", referred, au, "case/@referred",
		     srn ? srn : p->n, "ServiceRequest.authoredOn",
		     sr ? NOT_GIVEN : NO_SR);
	free(referred);
	const char *level = NULL;
	struct fnode *lsrc = NULL;
	EACH(cat, srn, "category")
	{
		struct fnode *cd = fhir_in_coding_in(cat, FHIR_SYS_TB_LEVEL);
		if (cd) {
			level = fhir_in_coding_code(cd);
			lsrc = fhir_in_kid(cd, "code");
			fhir_in_use_all(cat);
		}
	}
	fhir_in_attr(c, ce, "level", level, lsrc, "case/@level",
		     srn ? srn : p->n, "ServiceRequest.category",
		     sr ? NO_LEVEL : NO_SR);
	struct fnode *prn = fhir_in_kid(srn, "priority");
	const char *pri = fhir_in_val(srn, "priority");
	if (pri)
		pri = strcmp(pri, "routine") == 0 ? "routine" : "urgent";
	fhir_in_attr(c, ce, "priority", pri, prn, "case/@priority", NULL, NULL,
		     NULL);
	map_case_meta(c, ce, srn, p->n);
	if (sr) {
		sr->mapped = true;
		fhir_in_val(srn, "status");
		fhir_in_val(srn, "intent");
		fhir_in_use_all(fhir_in_kid(srn, "subject"));
	}
	/* a package's boards, as routing reads them */
	fhir_in_note_routing(c, srn, "extension", "url",
			     FHIR_EXT_TB_REFERRAL_FROM, "valueString");
	fhir_in_note_routing(c, srn, "extension", "url",
			     FHIR_EXT_TB_REFERRAL_TO, "valueString");
}

/* The question to the board, why this level, and the referrer. */
static void map_request(struct ctx *c, xmlNodePtr ce, struct res *p,
			struct res *sr)
{
	struct fnode *srn = sr ? sr->n : NULL;
	fhir_in_text_el(c, ce, "question",
			srn && fhir_in_kid(fhir_in_kid(srn, "code"), "text")
			    ? fhir_in_val(fhir_in_kid(srn, "code"), "text")
			    : NULL,
			fhir_in_kid(fhir_in_kid(srn, "code"), "text"),
			"case/question", srn ? srn : p->n,
			"ServiceRequest.code.text", sr ? NOT_GIVEN : NO_SR);
	fhir_in_use_all(fhir_in_kid(srn, "code"));
	struct fnode *rc = fhir_in_kid(srn, "reasonCode");
	fhir_in_text_el(
	    c, ce, "level-reason", rc ? fhir_in_val(rc, "text") : NULL,
	    fhir_in_kid(rc, "text"), "case/level-reason", srn ? srn : p->n,
	    "ServiceRequest.reasonCode.text", sr ? NOT_GIVEN : NO_SR);
	if (rc)
		fhir_in_use_all(rc);
	if (sr)
		map_referrer(c, ce, srn);
	else
		fhir_in_map_add(c, ce->line, "case/referrer", p->n->line,
				xstrdup("ServiceRequest.requester"), NO_SR);
}

/* Which report lists which observation. */
static void link_reports(struct ctx *c, long pi)
{
	/* which report lists which observation */
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !fhir_in_is_type(x, "DiagnosticReport"))
			continue;
		EACH(ref, x->n, "result")
		{
			struct fnode *rr = fhir_in_kid(ref, "reference");
			long o =
			    rr && rr->value ? fhir_in_resolve_str(c, rr) : -1;
			if (o >= 0 && c->res[o].report < 0)
				c->res[o].report = (int)i;
		}
	}
}

/* Observations: the latest of each single-valued kind (ECOG, Lansky,
 * TNM). */
static void map_latest(struct ctx *c, xmlNodePtr ce, long pi)
{
	/* observations: the latest of each single-valued kind */
	struct obs_pick pk = {0};
	const char *best_date[OBS_KINDS] = {0};
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !fhir_in_is_type(x, "Observation"))
			continue;
		enum obs_kind k = fhir_in_obs_kind(x->n);
		if (k < OBS_T || k > OBS_LANSKY)
			continue;
		struct fnode *e = fhir_in_kid(x->n, "effectiveDateTime");
		const char *d = e ? e->value : NULL;
		if (!pk.best[k] || earlier(best_date[k], d) == best_date[k]) {
			if (pk.best[k])
				fhir_in_note(
				    c, pk.best[k]->n,
				    _("an earlier observation of the same "
				      "kind; the case holds the latest"));
			if (pk.best[k])
				pk.best[k]->mapped = true;
			pk.best[k] = x;
			best_date[k] = d;
		} else {
			fhir_in_note(
			    c, x->n,
			    _("an earlier observation of the same kind; the "
			      "case holds the latest"));
			x->mapped = true;
		}
	}
	if (pk.best[OBS_ECOG])
		fhir_in_map_ecog(c, ce, pk.best[OBS_ECOG]);
	if (pk.best[OBS_LANSKY])
		fhir_in_map_lansky(c, ce, pk.best[OBS_LANSKY]);
	fhir_in_map_tnm(c, ce, &pk);
}

/* The reports: pathology, imaging, genomics. */
static void map_reports(struct ctx *c, xmlNodePtr ce, long pi)
{
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !fhir_in_is_type(x, "DiagnosticReport"))
			continue;
		fhir_in_use_all(fhir_in_kid(x->n, "subject"));
		fhir_in_val(x->n, "status");
		switch (fhir_in_dr_kind(x->n)) {
		case DR_PATHOLOGY:
			fhir_in_map_pathology(c, ce, x);
			break;
		case DR_IMAGING:
			fhir_in_map_imaging(c, ce, x);
			break;
		case DR_GENOMICS:
			fhir_in_genomics_line(c, x);
			break;
		default:
			break; /* listed as not mapped */
		}
	}
}

/* The other observations: variants (with a significance given apart),
 * TMB and MSI, lines of their own. */
static void map_observations(struct ctx *c, xmlNodePtr ce, long pi)
{
	/* a clinical significance given in its own Observation (derivedFrom
	 * the variant) */
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !fhir_in_is_type(x, "Observation") ||
		    x->mapped)
			continue;
		enum obs_kind k = fhir_in_obs_kind(x->n);
		struct fnode *subj = fhir_in_kid(x->n, "subject");
		if (k == OBS_VARIANT) {
			struct fnode *sig_src = NULL;
			const char *sig =
			    significance_of(c, pi, (long)i, &sig_src);
			fhir_in_map_variant(c, ce, x, sig, sig_src);
		} else if (k == OBS_TMB || k == OBS_MSI) {
			fhir_in_map_tmb_msi(c, ce, x, k == OBS_TMB);
		} else if (k == OBS_REGION) {
			/* all that x's report lists, one line */
			fhir_in_region_lines(c, pi, x->report);
			continue;
		} else if (k == OBS_KARNOFSKY) {
			fhir_in_karnofsky_line(c, x);
		} else if (k == OBS_STATUS) {
			fhir_in_status_line(c, x);
		} else if (k == OBS_MARKER) {
			fhir_in_obs_line(c, x, TEXT_MARKER);
		} else {
			continue;
		}
		fhir_in_use_all(subj);
		fhir_in_val(x->n, "status");
		fhir_in_use_all(fhir_in_kid(x->n, "category"));
		fhir_in_use_all(fhir_in_kid(x->n, "code"));
		fhir_in_use_all(fhir_in_kid(x->n, "focus"));
	}
}

/* Procedures and medication as summary lines. */
static void map_treatments(struct ctx *c, long pi)
{
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi)
			continue;
		if (fhir_in_is_type(x, "Procedure"))
			fhir_in_procedure_line(c, x);
		else if (fhir_in_is_type(x, "MedicationStatement") ||
			 fhir_in_is_type(x, "MedicationRequest"))
			fhir_in_medication_line(c, x);
		else
			continue;
		fhir_in_use_all(fhir_in_kid(x->n, "subject"));
	}
}

/* What was read of the resources mapped: subject, status, category, the
 * results that were read. */
static void mark_read(struct ctx *c, long pi)
{
	for (size_t k_ = 0, i = 0; k_ < c->n_mine && (i = c->mine[k_], 1);
	     k_++) {
		struct res *x = &c->res[i];
		if (x->patient != pi || !x->mapped)
			continue;
		fhir_in_use_all(fhir_in_kid(x->n, "subject"));
		fhir_in_val(x->n, "status");
		/* an observation's category repeats what its code says */
		if (fhir_in_is_type(x, "Observation"))
			EACH(cat, x->n, "category") fhir_in_use_all(cat);
		/* a report's results that were read */
		EACH(ref, x->n, "result")
		{
			struct fnode *rr = fhir_in_kid(ref, "reference");
			long o =
			    rr && rr->value ? fhir_in_resolve_str(c, rr) : -1;
			if (o >= 0 && c->res[o].mapped)
				fhir_in_use_all(ref);
		}
	}
}

/* The summary: the referral's note, then the lines. */
static void map_summary(struct ctx *c, xmlNodePtr ce, struct res *p,
			struct res *sr)
{
	struct fnode *srn = sr ? sr->n : NULL;
	struct strbuf sum = {0};
	struct fnode *note_src = NULL;
	EACH(nt, srn, "note")
	{
		const char *t = fhir_in_val(nt, "text");
		if (!t)
			continue;
		if (!note_src)
			note_src = fhir_in_kid(nt, "text");
		strbuf_printf(&sum, "%s%s", sum.len ? "\n" : "", t);
	}
	if (c->lines.len) {
		if (sum.len)
			strbuf_putc(&sum, '\n');
		strbuf_add(&sum, c->lines.buf, c->lines.len - 1);
	}
	if (sum.len)
		fhir_in_text_el(c, ce, "summary", sum.buf,
				note_src ? note_src : p->n, "case/summary",
				NULL, NULL, NULL);
	strbuf_done(&sum);
}

void fhir_in_build_case(struct ctx *c, long pi)
{
	struct res *p = &c->res[pi];
	c->next_id = 0;
	c->too_many = false;
	strbuf_reset(&c->lines);
	p->mapped = true;
	xmlNodePtr ce = fhir_in_el_new(c, c->out->root, "case", p->n);
	struct res *sr = find_referral(c, pi);
	map_referral(c, ce, p, sr);
	map_patient(c, ce, p);
	struct res *primary = fhir_in_map_primary(c, ce, p, pi, sr);
	map_request(c, ce, p, sr);
	fhir_in_other_conditions(c, pi, primary);
	link_reports(c, pi);
	map_latest(c, ce, pi);
	map_reports(c, ce, pi);
	map_observations(c, ce, pi);
	map_treatments(c, pi);
	mark_read(c, pi);
	map_summary(c, ce, p, sr);
	if (c->too_many)
		fhir_in_err(c, p->n,
			    _("too many elements for one case "
			      "(over %d)"),
			    MAX_IDS);
	c->case_no++;
}

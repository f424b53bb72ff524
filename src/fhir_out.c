/*
 * fhir_out — builds the FHIR resources of a case or a signed decision as a
 * fhir_out_tree and writes it as XML or JSON. Elements are added in the
 * order of the R4 resource definitions (DomainResource: id, meta, text,
 * extension, then the resource's own elements).
 *
 * Every entry's fullUrl is "urn:uuid:" + a name-based UUID (SHA-256 of a
 * key made of our own ids, version nibble 8) and the resource id is the
 * same UUID, so the same archive always gives the same bytes. A struct
 * bundle remembers the Organizations, Practitioners and Specimens already
 * written, so each name is one resource.
 *
 * This file: the Bundle, the resources shared by both Bundles, and a case;
 * a signed decision is in fhir_out_decision.c.
 */
#include "fhir_out_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fhir.h"
#include "hash.h"

#define SYS_OBS_CATEGORY                                                       \
	"http://terminology.hl7.org/CodeSystem/observation-category"
#define SYS_COND_CLINICAL                                                      \
	"http://terminology.hl7.org/CodeSystem/condition-clinical"
#define SYS_COND_VER                                                           \
	"http://terminology.hl7.org/CodeSystem/condition-ver-status"
#define SYS_COND_CATEGORY                                                      \
	"http://terminology.hl7.org/CodeSystem/condition-category"
#define SYS_REFSEQ    "http://www.ncbi.nlm.nih.gov/refseq"
#define SYS_URI	      /* untranslated: a URI */ "urn:ietf:rfc:3986"
#define PROFILE_MCODE "http://hl7.org/fhir/us/mcode/StructureDefinition/"
#define PROFILE_GENOMICS                                                       \
	"http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/"

/* "urn:uuid:…" for key (caller frees). */
char *fhir_out_uuid_url(const char *key)
{
	char h[HASH_HEX_LEN + 1];
	hash_sha256_hex(key, strlen(key), h);
	h[12] = '8';
	h[16] = "89ab"[(h[16] - '0') & 3];
	return xasprintf(
	    /* untranslated: a URI */ "urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", h,
	    h + 8, h + 12, h + 16, h + 20);
}

/* A new entry with its fullUrl and resource (id = the UUID); *url_out
 * (may be NULL) receives the fullUrl (caller frees). */
struct fo *fhir_out_entry(struct bundle *b, const char *type, const char *key,
			  char **url_out)
{
	char *url = fhir_out_uuid_url(key);
	struct fo *e = fo_list(b->root, "entry");
	fo_str(e, "fullUrl", url);
	struct fo *r = fo_resource(e, type);
	fo_str(r, "id", url + strlen(/* untranslated: a URI */ "urn:uuid:"));
	if (url_out)
		*url_out = url;
	else
		free(url);
	return r;
}

static const char *find_named(struct named *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i].name, name) == 0)
			return list[i].url;
	return NULL;
}

static const char *remember(struct named **list, size_t *n, const char *name,
			    char *url)
{
	*list = xrealloc(*list, (*n + 1) * sizeof(**list));
	(*list)[*n].name = xstrdup(name);
	(*list)[*n].url = url;
	return (*list)[(*n)++].url;
}

/* The Organization named (written once); NULL for no name. Borrowed. */
static const char *organization(struct bundle *b, const char *name)
{
	if (util_blank(name))
		return NULL;
	const char *url = find_named(b->orgs, b->n_orgs, name);
	if (url)
		return url;
	char *key =
	    xasprintf(/* untranslated: a FHIR id */ "organization:%s", name);
	char *u;
	struct fo *r = fhir_out_entry(b, "Organization", key, &u);
	free(key);
	fo_str(r, "name", name);
	return remember(&b->orgs, &b->n_orgs, name, u);
}

const char *fhir_out_practitioner(struct bundle *b, const char *name)
{
	if (util_blank(name))
		return NULL;
	const char *url = find_named(b->pracs, b->n_pracs, name);
	if (url)
		return url;
	char *key =
	    xasprintf(/* untranslated: a FHIR id */ "practitioner:%s", name);
	char *u;
	struct fo *r = fhir_out_entry(b, "Practitioner", key, &u);
	free(key);
	struct fo *hn = fo_list(r, "name");
	fo_str(hn, "text", name);
	return remember(&b->pracs, &b->n_pracs, name, u);
}

static const char *specimen(struct bundle *b, const char *name)
{
	if (util_blank(name))
		return NULL;
	const char *url = find_named(b->specs, b->n_specs, name);
	if (url)
		return url;
	char *key = xasprintf(/* untranslated: a FHIR id */ "%s/specimen:%s",
			      b->scope, name);
	char *u;
	struct fo *r = fhir_out_entry(b, "Specimen", key, &u);
	free(key);
	fo_concept(r, "type", false, NULL, NULL, NULL, name);
	fo_ref(r, "subject", false, b->patient, NULL);
	return remember(&b->specs, &b->n_specs, name, u);
}

static void named_free(struct named *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].name);
		free(list[i].url);
	}
	free(list);
}

void fhir_out_bundle_done(struct bundle *b)
{
	fo_free(&b->root);
	free(b->scope);
	named_free(b->orgs, b->n_orgs);
	named_free(b->pracs, b->n_pracs);
	named_free(b->specs, b->n_specs);
	free(b->patient);
	free(b->condition);
	free(b->request);
}

static char *num(double v)
{
	return xasprintf("%.15g", v);
}

static void quantity(struct fo *parent, const char *name, const char *value,
		     const char *unit, const char *ucum)
{
	struct fo *q = fo_obj(parent, name);
	fo_num(q, "value", value);
	fo_str(q, "unit", unit);
	if (ucum) {
		fo_str(q, "system", FHIR_SYS_UCUM);
		fo_str(q, "code", ucum);
	}
}

/* Resource.meta: source (the system the item came from), a profile and a
 * tag in system; nothing when all are NULL. */
static void meta(struct fo *r, const char *source, const char *system,
		 const char *code, const char *profile)
{
	if (util_blank(source) && !code && !profile)
		return;
	struct fo *m = fo_obj(r, "meta");
	if (!util_blank(source))
		fo_str(m, "source", source);
	if (profile)
		fo_str_list(m, "profile", profile);
	if (code)
		fo_coding(m, "tag", true, system, code, NULL);
}

/* An extension with a primitive value; nothing without a value. */
void fhir_out_ext_value(struct fo *r, const char *url, const char *name,
			const char *value)
{
	if (!util_blank(value))
		fo_str(fo_ext(r, url), name, value);
}

static void category(struct fo *r, const char *system, const char *code)
{
	fo_concept(r, "category", true, system, code, NULL, NULL);
}

/* ---- the case ---- */

static void patient(struct bundle *b, const struct tb_case *c)
{
	const struct tb_patient *p = &c->patient;
	char *key = xasprintf("%s/patient", b->scope);
	const char *org = organization(b, p->hospital);
	struct fo *r = fhir_out_entry(b, "Patient", key, &b->patient);
	free(key);
	if (p->interpreter) {
		struct fo *e = fo_ext(r, FHIR_EXT_INTERPRETER);
		fo_bool(e, "valueBoolean", true);
	}
	if (p->pnr) {
		/* the Swedish FHIR spelling: twelve digits, no hyphen */
		char digits[16];
		size_t n = 0;
		for (const char *s = p->pnr; *s && n + 1 < sizeof(digits); s++)
			if (*s >= '0' && *s <= '9')
				digits[n++] = *s;
		digits[n] = '\0';
		bool samordning =
		    p->id_type && strcmp(p->id_type, "samordningsnummer") == 0;
		fo_identifier(r, "identifier", true,
			      samordning ? FHIR_ID_SAMORDNINGSNUMMER
					 : FHIR_ID_PERSONNUMMER,
			      digits);
	}
	struct fo *hn = fo_list(r, "name");
	fo_str(hn, "use", "official");
	fo_str(hn, "family", p->family_name);
	fo_str_list(hn, "given", p->given_name);
	fo_str(r, "gender", p->sex);
	fo_str(r, "birthDate", p->birth_date);
	if (!util_blank(p->region)) {
		struct fo *a = fo_list(r, "address");
		fo_str(a, "state", p->region);
	}
	if (!util_blank(p->language)) {
		struct fo *cm = fo_list(r, "communication");
		fo_concept(cm, "language", false, FHIR_SYS_BCP47, p->language,
			   NULL, NULL);
		fo_bool(cm, "preferred", true);
	}
	fo_ref(r, "managingOrganization", false, org, NULL);
}

static void condition(struct bundle *b, const struct tb_case *c)
{
	if (util_blank(c->icd10) && util_blank(c->diagnosis_text))
		return;
	char *key = xasprintf("%s/condition", b->scope);
	struct fo *r = fhir_out_entry(b, "Condition", key, &b->condition);
	free(key);
	meta(r, NULL, NULL, NULL, PROFILE_MCODE FHIR_PROFILE_PRIMARY);
	if (!util_blank(c->icdo3)) {
		struct fo *e = fo_ext(r, FHIR_EXT_HISTOLOGY);
		fo_concept(e, "valueCodeableConcept", false, FHIR_SYS_ICDO3,
			   c->icdo3, NULL, NULL);
	}
	fo_concept(r, "clinicalStatus", false, SYS_COND_CLINICAL, "active",
		   NULL, NULL);
	fo_concept(r, "verificationStatus", false, SYS_COND_VER, "confirmed",
		   NULL, NULL);
	category(r, SYS_COND_CATEGORY, "problem-list-item");
	fo_concept(r, "code", false, FHIR_SYS_ICD10, c->icd10, NULL,
		   c->diagnosis_text);
	fo_ref(r, "subject", false, b->patient, NULL);
	fo_str(r, "onsetDateTime", c->diagnosis_date);
}

/* A new Observation entry of the case keyed key. */
static struct fo *observation(struct bundle *b, const char *key, char **url_out)
{
	char *k = xasprintf("%s/%s", b->scope, key);
	struct fo *r = fhir_out_entry(b, "Observation", k, url_out);
	free(k);
	return r;
}

/* An Observation's head: status, category, code, subject, date. */
static void observation_head(struct bundle *b, struct fo *r, const char *cat,
			     const char *system, const char *code,
			     const char *text, const char *date)
{
	fo_str(r, "status", "final");
	if (cat)
		category(r, SYS_OBS_CATEGORY, cat);
	fo_concept(r, "code", false, system, code, NULL, text);
	fo_ref(r, "subject", false, b->patient, NULL);
	fo_str(r, "effectiveDateTime", date);
}

static void ecog(struct bundle *b, const struct tb_case *c)
{
	if (c->ecog < 0)
		return;
	struct fo *r = observation(b, "ecog", NULL);
	observation_head(b, r, "survey", FHIR_SYS_LOINC, FHIR_LOINC_ECOG, NULL,
			 c->ecog_date);
	fo_int(r, "valueInteger", c->ecog);
}

/* mCODE's Lansky Play Performance Status: the NCI Thesaurus code (there
 * is none in LOINC or SNOMED CT), the score as valueInteger */
static void lansky(struct bundle *b, const struct tb_case *c)
{
	if (c->lansky < 0)
		return;
	struct fo *r = observation(b, "lansky", NULL);
	observation_head(b, r, "survey", FHIR_SYS_NCIT, FHIR_NCIT_LANSKY,
			 /* untranslated: the code's name in FHIR */
			 "Lansky Play-Performance Status", c->lansky_date);
	fo_int(r, "valueInteger", c->lansky);
}

static void tnm(struct bundle *b, const struct tb_case *c)
{
	const struct {
		const char *key, *loinc, *value;
	} parts[] = {{"tnm-t", FHIR_LOINC_CT, c->tnm_t},
		     {"tnm-n", FHIR_LOINC_CN, c->tnm_n},
		     {"tnm-m", FHIR_LOINC_CM, c->tnm_m},
		     {"tnm-stage", FHIR_LOINC_CSTAGE, c->tnm_stage}};
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		if (util_blank(parts[i].value))
			continue;
		struct fo *r = observation(b, parts[i].key, NULL);
		observation_head(b, r, "exam", FHIR_SYS_LOINC, parts[i].loinc,
				 NULL, c->tnm_date);
		fo_concept(r, "valueCodeableConcept", false, FHIR_SYS_AJCC,
			   parts[i].value, NULL, parts[i].value);
		fo_concept(r, "method", false, NULL, NULL, NULL,
			   /* untranslated: a code name */ "UICC TNM 8");
	}
}

static void component_code(struct fo *r, const char *loinc, const char *system,
			   const char *code, const char *text)
{
	struct fo *cp = fo_list(r, "component");
	fo_concept(cp, "code", false, FHIR_SYS_LOINC, loinc, NULL, NULL);
	fo_concept(cp, "valueCodeableConcept", false, system, code, NULL, text);
}

static const char *significance_code(const char *cls)
{
	static const char *const map[][2] = {{"pathogenic", "LA6668-3"},
					     {"likely-pathogenic", "LA26332-9"},
					     {"vus", "LA26333-7"},
					     {"likely-benign", "LA26334-5"},
					     {"benign", "LA6675-8"}};
	for (size_t i = 0; cls && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], cls) == 0)
			return map[i][1];
	return NULL;
}

static void finding(struct bundle *b, const struct tb_finding *f, size_t i)
{
	bool tmb = f->kind && strcmp(f->kind, "tmb") == 0;
	bool msi = f->kind && strcmp(f->kind, "msi") == 0;
	char key[32];
	snprintf(key, sizeof(key), "finding-%zu", i + 1);
	const char *lab = organization(b, f->lab);
	const char *spec = specimen(b, f->sample);
	struct fo *r = observation(b, key, NULL);
	meta(r, f->source.system, FHIR_SYS_TB_CONTEXT, f->context,
	     tmb || msi ? NULL : PROFILE_GENOMICS FHIR_PROFILE_VARIANT);
	observation_head(b, r, "laboratory", FHIR_SYS_LOINC,
			 tmb   ? FHIR_LOINC_TMB
			 : msi ? FHIR_LOINC_MSI
			       : FHIR_LOINC_VARIANT,
			 NULL, f->date);
	fo_ref(r, "performer", true, lab, NULL);
	if (tmb) {
		char *end = NULL;
		if (f->value)
			(void)strtod(f->value, &end);
		if (f->value && end && end != f->value && !*end)
			quantity(r, "valueQuantity", f->value, "mut/Mb",
				 "{mutations}/1000000{bases}");
		else
			fo_str(r, "valueString", f->value);
	} else if (msi) {
		fo_concept(r, "valueCodeableConcept", false, NULL, NULL, NULL,
			   f->value);
	} else if (f->absent) {
		/* looked for and not found: the gene studied and the change
		 * looked for follow, as for one found */
		fo_concept(r, "valueCodeableConcept", false, FHIR_SYS_LOINC,
			   FHIR_LOINC_ABSENT, "Absent", NULL);
	} else {
		fo_concept(r, "valueCodeableConcept", false, FHIR_SYS_LOINC,
			   FHIR_LOINC_PRESENT, "Present", NULL);
	}
	if (!util_blank(f->note)) {
		struct fo *nt = fo_list(r, "note");
		fo_str(nt, "text", f->note);
	}
	fo_concept(r, "method", false, NULL, NULL, NULL, f->test);
	fo_ref(r, "specimen", false, spec, NULL);
	if (!util_blank(f->gene))
		component_code(r, FHIR_LOINC_GENE, FHIR_SYS_HGNC, NULL,
			       f->gene);
	if (!util_blank(f->partner))
		component_code(r, FHIR_LOINC_GENE, FHIR_SYS_HGNC, NULL,
			       f->partner);
	if (!util_blank(f->hgvs_c)) {
		char *c = f->transcript
			      ? xasprintf("%s:%s", f->transcript, f->hgvs_c)
			      : xstrdup(f->hgvs_c);
		component_code(r, FHIR_LOINC_HGVS_C, FHIR_SYS_HGVS, c, NULL);
		free(c);
	}
	if (!util_blank(f->hgvs_p))
		component_code(r, FHIR_LOINC_HGVS_P, FHIR_SYS_HGVS, f->hgvs_p,
			       NULL);
	if (!util_blank(f->hgvs_g))
		component_code(r, FHIR_LOINC_HGVS_G, FHIR_SYS_HGVS, f->hgvs_g,
			       NULL);
	if (!util_blank(f->transcript))
		component_code(r, FHIR_LOINC_TRANSCRIPT, SYS_REFSEQ,
			       f->transcript, NULL);
	if (f->has_vaf) {
		char *v = num(f->vaf);
		struct fo *cp = fo_list(r, "component");
		fo_concept(cp, "code", false, FHIR_SYS_LOINC, FHIR_LOINC_VAF,
			   NULL, NULL);
		quantity(cp, "valueQuantity", v, NULL, "1");
		free(v);
	}
	if (f->origin)
		component_code(r, FHIR_LOINC_SOURCE_CLASS, FHIR_SYS_LOINC,
			       strcmp(f->origin, "germline") == 0
				   ? FHIR_LOINC_GERMLINE
				   : FHIR_LOINC_SOMATIC,
			       NULL);
	if (significance_code(f->classification))
		component_code(r, FHIR_LOINC_SIGNIFICANCE, FHIR_SYS_LOINC,
			       significance_code(f->classification), NULL);
	if (f->has_copies) {
		char *v = num(f->copies);
		struct fo *cp = fo_list(r, "component");
		fo_concept(cp, "code", false, FHIR_SYS_LOINC, FHIR_LOINC_COPIES,
			   NULL, NULL);
		quantity(cp, "valueQuantity", v, NULL, NULL);
		free(v);
	}
}

static void pathology(struct bundle *b, const struct tb_pathology *p, size_t i)
{
	char key[80];
	const char *lab = organization(b, p->lab);
	const char *spec = specimen(b, p->specimen);
	char **markers = xcalloc(p->n_markers + 1, sizeof(*markers));
	char *grade = NULL;
	if (!util_blank(p->grade)) {
		snprintf(key, sizeof(key), "pathology-%zu-grade", i + 1);
		struct fo *r = observation(b, key, &grade);
		observation_head(b, r, "laboratory", FHIR_SYS_LOINC,
				 FHIR_LOINC_GRADE, NULL, p->date);
		fo_concept(r, "valueCodeableConcept", false, NULL, NULL, NULL,
			   p->grade);
	}
	for (size_t m = 0; m < p->n_markers; m++) {
		snprintf(key, sizeof(key), "pathology-%zu-marker-%zu", i + 1,
			 m + 1);
		struct fo *r = observation(b, key, &markers[m]);
		observation_head(b, r, "laboratory", NULL, NULL,
				 p->markers[m].name, p->date);
		fo_str(r, "valueString", p->markers[m].value);
	}
	char *rkey = xasprintf("%s/pathology-%zu", b->scope, i + 1);
	struct fo *r = fhir_out_entry(b, "DiagnosticReport", rkey, NULL);
	free(rkey);
	meta(r, p->source.system, FHIR_SYS_TB_CONTEXT, p->context, NULL);
	fo_str(r, "status", "final");
	category(r, FHIR_SYS_V2_0074, "PAT");
	fo_concept(r, "code", false, NULL, NULL, NULL, "Patologi");
	fo_ref(r, "subject", false, b->patient, NULL);
	fo_str(r, "effectiveDateTime", p->date);
	fo_ref(r, "performer", true, lab, NULL);
	fo_ref(r, "specimen", true, spec, NULL);
	fo_ref(r, "result", true, grade, NULL);
	free(grade);
	for (size_t m = 0; m < p->n_markers; m++) {
		fo_ref(r, "result", true, markers[m], NULL);
		free(markers[m]);
	}
	free(markers);
	fo_str(r, "conclusion", p->report);
	if (!util_blank(p->icdo3))
		fo_concept(r, "conclusionCode", true, FHIR_SYS_ICDO3, p->icdo3,
			   NULL, NULL);
}

static const char *dicom_modality(const char *m)
{
	static const char *const map[][2] = {
	    {"ct", "CT"},	  {"mri", "MR"},	 {"pet-ct", "PT"},
	    {"ultrasound", "US"}, {"mammography", "MG"}, {"bone-scan", "NM"},
	    {"x-ray", "DX"}};
	for (size_t i = 0; m && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], m) == 0)
			return map[i][1];
	return NULL;
}

static void imaging(struct bundle *b, const struct tb_imaging *im, size_t i)
{
	char key[80];
	char *findings = NULL, *recist = NULL;
	if (!util_blank(im->findings)) {
		snprintf(key, sizeof(key), "imaging-%zu-findings", i + 1);
		struct fo *r = observation(b, key, &findings);
		observation_head(b, r, "imaging", FHIR_SYS_LOINC,
				 FHIR_LOINC_FINDINGS, NULL, im->date);
		fo_str(r, "valueString", im->findings);
	}
	if (im->has_recist) {
		snprintf(key, sizeof(key), "imaging-%zu-recist", i + 1);
		struct fo *r = observation(b, key, &recist);
		observation_head(b, r, "imaging", FHIR_SYS_TB_CODE,
				 "recist-sum", NULL, im->date);
		char *v = num(im->recist_sum);
		quantity(r, "valueQuantity", v, "mm", "mm");
		free(v);
	}
	char *rkey = xasprintf("%s/imaging-%zu", b->scope, i + 1);
	struct fo *r = fhir_out_entry(b, "DiagnosticReport", rkey, NULL);
	free(rkey);
	meta(r, im->source.system, FHIR_SYS_TB_TAG, im->ai ? "ai" : NULL, NULL);
	fo_str(r, "status", "final");
	category(r, FHIR_SYS_V2_0074, "RAD");
	fo_concept(r, "code", false, FHIR_SYS_DICOM,
		   dicom_modality(im->modality), NULL, im->region);
	fo_ref(r, "subject", false, b->patient, NULL);
	fo_str(r, "effectiveDateTime", im->date);
	fo_ref(r, "result", true, findings, NULL);
	fo_ref(r, "result", true, recist, NULL);
	fo_str(r, "conclusion", im->impression);
	free(findings);
	free(recist);
}

static void service_request(struct bundle *b, const struct tb_case *c,
			    const struct fhir_out_referral *ref)
{
	char *role = NULL;
	if (!util_blank(c->referrer_name) || !util_blank(c->referrer_unit) ||
	    !util_blank(c->referrer_phone)) {
		const char *prac = fhir_out_practitioner(b, c->referrer_name);
		const char *org = organization(b, c->referrer_unit);
		char *key = xasprintf("%s/referrer", b->scope);
		struct fo *r =
		    fhir_out_entry(b, "PractitionerRole", key, &role);
		free(key);
		fo_ref(r, "practitioner", false, prac, NULL);
		fo_ref(r, "organization", false, org, NULL);
		if (!util_blank(c->referrer_phone)) {
			struct fo *t = fo_list(r, "telecom");
			fo_str(t, "system", "phone");
			fo_str(t, "value", c->referrer_phone);
		}
	}
	char *key = xasprintf("%s/referral", b->scope);
	struct fo *r = fhir_out_entry(b, "ServiceRequest", key, &b->request);
	free(key);
	/* the board's status of the case; a referral starts anew at the
	 * board it is sent to */
	meta(r, c->source.system, FHIR_SYS_TB_STATUS, ref ? NULL : c->status,
	     NULL);
	if (ref) {
		fhir_out_ext_value(r, FHIR_EXT_TB_REFERRAL_FROM, "valueString",
				   ref->from);
		fhir_out_ext_value(r, FHIR_EXT_TB_REFERRAL_TO, "valueString",
				   ref->to);
	}
	fo_identifier(r, "identifier", true, FHIR_SYS_TB_CASE, c->external_id);
	fo_str(r, "status", "active");
	fo_str(r, "intent", "order");
	category(r, FHIR_SYS_TB_LEVEL, c->level);
	fo_str(r, "priority", c->priority);
	fo_concept(r, "code", false, NULL, NULL, NULL, c->question);
	fo_ref(r, "subject", false, b->patient, NULL);
	fo_str(r, "authoredOn", c->referral_date);
	fo_ref(r, "requester", false, role, NULL);
	if (ref)
		fo_ref(r, "performer", true, NULL, ref->to);
	if (!util_blank(c->level_reason))
		fo_concept(r, "reasonCode", true, NULL, NULL, NULL,
			   c->level_reason);
	fo_ref(r, "reasonReference", true, b->condition, NULL);
	if (!util_blank(c->summary)) {
		struct fo *nt = fo_list(r, "note");
		fo_str(nt, "text", c->summary);
	}
	free(role);
}

/* Every resource of the case, Patient first. */
void fhir_out_case_entries(struct bundle *b, const struct tb_case *c,
			   const struct fhir_out_referral *ref)
{
	b->scope = xasprintf(/* untranslated: a FHIR id */ "case:%s",
			     c->external_id ? c->external_id : "");
	patient(b, c);
	condition(b, c);
	service_request(b, c, ref);
	ecog(b, c);
	lansky(b, c);
	tnm(b, c);
	for (size_t i = 0; i < c->n_findings; i++)
		finding(b, &c->findings[i], i);
	for (size_t i = 0; i < c->n_pathology; i++)
		pathology(b, &c->pathology[i], i);
	for (size_t i = 0; i < c->n_imaging; i++)
		imaging(b, &c->imaging[i], i);
}

enum tb_status fhir_out_write_out(struct bundle *b, enum fhir_out_format fmt,
				  struct strbuf *out)
{
	bool ok = fmt == FHIR_OUT_XML ? fo_write_xml(b->root, out)
				      : fo_write_json(b->root, out);
	return ok ? TB_OK : TB_IO;
}

/* Bundle.meta with a tag (NULL: none), identifier, type, timestamp. */
void fhir_out_bundle_head(struct bundle *b, const char *tag_code,
			  const char *id_key, const char *type,
			  const char *timestamp)
{
	char *id = fhir_out_uuid_url(id_key);
	fo_str(b->root, "id",
	       id + strlen(/* untranslated: a URI */ "urn:uuid:"));
	meta(b->root, NULL, FHIR_SYS_TB_TAG, tag_code, NULL);
	fo_identifier(b->root, "identifier", false, SYS_URI, id);
	fo_str(b->root, "type", type);
	fo_str(b->root, "timestamp", timestamp);
	free(id);
}

enum tb_status fhir_out_case(const struct tb_case *c,
			     const struct fhir_out_referral *ref,
			     enum fhir_out_format fmt, struct strbuf *out)
{
	struct bundle b = {0};
	b.root = fo_root("Bundle");
	char *key =
	    ref ? xasprintf(/* untranslated: a FHIR id */ "referral:%s:%s:%s",
			    c->external_id, ref->to, ref->sent)
		: xasprintf(/* untranslated: a FHIR id */ "case-bundle:%s:%s",
			    c->external_id, c->updated ? c->updated : "");
	fhir_out_bundle_head(&b, ref ? FHIR_TAG_REFERRAL : NULL, key,
			     "collection", ref ? ref->sent : c->updated);
	free(key);
	fhir_out_case_entries(&b, c, ref);
	enum tb_status st = fhir_out_write_out(&b, fmt, out);
	fhir_out_bundle_done(&b);
	return st;
}

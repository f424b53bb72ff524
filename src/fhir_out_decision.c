/*
 * fhir_out — a signed decision as a FHIR document Bundle: Composition with
 * the decision's sections, CarePlan, the meeting as an Encounter, the team
 * as Practitioner and PractitionerRole, and the case's resources.
 */
#include "fhir_out_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decision.h"
#include "fhir.h"
#include "form_type.h"

#define SYS_ACTCODE	   "http://terminology.hl7.org/CodeSystem/v3-ActCode"
#define LOINC_CONSULT_NOTE "11488-4"

/* ---- the decision ---- */

struct attendee {
	char *name, *role, *kind;
	char *role_url;
};

static size_t attendees_parse(const char *text, struct attendee **out)
{
	char *copy = xstrdup(text ? text : "");
	size_t n = 0;
	struct attendee *a = NULL;
	char *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *role, *kind;
		decision_attendee_split(line, &role, &kind);
		a = xrealloc(a, (n + 1) * sizeof(*a));
		a[n].name = xstrdup(line);
		a[n].role = xstrdup(role);
		a[n].kind = xstrdup(*kind ? kind : "core");
		a[n].role_url = NULL;
		n++;
	}
	free(copy);
	*out = a;
	return n;
}

static void attendees_free(struct attendee *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].name);
		free(a[i].role);
		free(a[i].kind);
		free(a[i].role_url);
	}
	free(a);
}

/* The label of a choice value in f (Swedish), else the value. */
static const char *option_label(const struct form *f, const char *field_id,
				const char *value)
{
	const struct form_field *fd = f ? form_field(f, field_id, NULL) : NULL;
	const struct form_option *o = fd ? form_option(fd, value) : NULL;
	const char *l = o ? form_text_get(&o->label, "sv", NULL) : NULL;
	return l && *l ? l : value;
}

static const char *intent_snomed(const char *intent)
{
	if (intent && strcmp(intent, "curative") == 0)
		return "373808002";
	if (intent && strcmp(intent, "palliative") == 0)
		return "363676003";
	return NULL;
}

/* The CarePlan: recommendation, intent, alternatives, follow-up. */
static void care_plan(struct bundle *b, const struct tb_decision *d,
		      const struct form *f, const struct form_values *v,
		      const char *encounter, const char *signer)
{
	const struct form_field *rec_fd = NULL, *int_fd = NULL, *alt_fd = NULL;
	const char *rec = form_role_value(f, v, "recommendation", &rec_fd);
	const char *intent = form_role_value(f, v, "intent", &int_fd);
	const char *alts = form_role_value(f, v, "alternatives", &alt_fd);
	const char *detail = form_role_value(f, v, "next-step", NULL);
	const char *rationale = form_role_value(f, v, "rationale", NULL);
	const char *guideline = form_role_value(f, v, "guideline", NULL);
	const char *trial = form_role_value(f, v, "trial", NULL);
	const char *fu_date = form_role_value(f, v, "follow-up-date", NULL);
	const char *fu_owner = form_role_value(f, v, "follow-up-owner", NULL);
	const char *responsible = form_role_value(f, v, "responsible", NULL);

	char *key = xasprintf(
	    /* untranslated: a FHIR id */ "decision:%lld:careplan", d->id);
	struct fo *r = fhir_out_entry(b, "CarePlan", key, NULL);
	free(key);
	if (intent) {
		struct fo *e = fo_ext(r, FHIR_EXT_TB_INTENT);
		struct fo *cc = fo_obj(e, "valueCodeableConcept");
		if (intent_snomed(intent))
			fo_coding(cc, "coding", true, FHIR_SYS_SNOMED,
				  intent_snomed(intent), NULL);
		fo_coding(
		    cc, "coding", true, FHIR_SYS_TB_OPTION, intent,
		    option_label(f, int_fd ? int_fd->id : "intent", intent));
	}
	fhir_out_ext_value(r, FHIR_EXT_TB_GUIDELINE, "valueCode", guideline);
	fhir_out_ext_value(r, FHIR_EXT_TB_TRIAL, "valueString", trial);
	char id[24];
	snprintf(id, sizeof(id), "%lld", d->id);
	fo_identifier(r, "identifier", true, FHIR_SYS_TB_DECISION, id);
	fo_ref(r, "basedOn", true, b->request, NULL);
	fo_str(r, "status", "active");
	/* a board's recommendation is advice to the treating physician */
	fo_str(r, "intent", "proposal");
	fo_str(r, "title", "MDK-rekommendation");
	fo_str(r, "description", detail);
	fo_ref(r, "subject", false, b->patient, NULL);
	fo_ref(r, "encounter", false, encounter, NULL);
	if (fu_date) {
		struct fo *p = fo_obj(r, "period");
		fo_str(p, "end", fu_date);
	}
	fo_str(r, "created", d->signed_at);
	fo_ref(r, "author", false, signer, NULL);
	fo_ref(r, "addresses", true, b->condition, NULL);
	if (rec) {
		struct fo *a = fo_list(r, "activity");
		struct fo *dt = fo_obj(a, "detail");
		fo_concept(dt, "code", false, FHIR_SYS_TB_OPTION, rec,
			   option_label(f, rec_fd ? rec_fd->id : "", rec),
			   NULL);
		fo_str(dt, "status", "not-started");
		fo_ref(dt, "performer", true, NULL, responsible);
		fo_str(dt, "description", detail);
	}
	/* the alternatives considered: not chosen, and why not */
	char *copy = xstrdup(alts ? alts : "");
	char *save = NULL;
	for (char *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');
		if (tab)
			*tab++ = '\0';
		struct fo *a = fo_list(r, "activity");
		struct fo *dt = fo_obj(a, "detail");
		const char *from = alt_fd && alt_fd->options_from
				       ? alt_fd->options_from
				       : (rec_fd ? rec_fd->id : "");
		fo_concept(dt, "code", false, FHIR_SYS_TB_OPTION, line,
			   option_label(f, from, line), NULL);
		fo_str(dt, "status", "cancelled");
		fo_concept(dt, "statusReason", false, NULL, NULL, NULL, tab);
		fo_bool(dt, "doNotPerform", true);
		fo_str(dt, "description", /* untranslated: the Swedish record */
		       "Övervägt alternativ, inte valt");
	}
	free(copy);
	if (fu_date) {
		struct fo *a = fo_list(r, "activity");
		struct fo *dt = fo_obj(a, "detail");
		fo_concept(dt, "code", false, NULL, NULL, NULL, "Uppföljning");
		fo_str(dt, "status", "scheduled");
		fo_str(dt, "scheduledString", fu_date);
		fo_ref(dt, "performer", true, NULL, fu_owner);
	}
	if (rationale) {
		struct fo *nt = fo_list(r, "note");
		fo_str(nt, "text", rationale);
	}
}

/* The meeting as an Encounter; the attendees take part through their
 * PractitionerRoles. */
static char *encounter(struct bundle *b, const struct tb_meeting *m,
		       const struct attendee *a, size_t n)
{
	char *key =
	    xasprintf(/* untranslated: a FHIR id */ "meeting:%lld", m->id);
	char *url;
	struct fo *r = fhir_out_entry(b, "Encounter", key, &url);
	free(key);
	char id[24];
	snprintf(id, sizeof(id), "%lld", m->id);
	fo_identifier(r, "identifier", true, FHIR_SYS_TB_MEETING, id);
	fo_str(r, "status",
	       strcmp(m->status, "finished") == 0    ? "finished"
	       : strcmp(m->status, "cancelled") == 0 ? "cancelled"
	       : strcmp(m->status, "running") == 0   ? "in-progress"
						     : "planned");
	fo_coding(r, "class", false, SYS_ACTCODE, "AMB", "ambulatory");
	char *type =
	    xasprintf("Multidisciplinär konferens (MDK), %s", m->board);
	fo_concept(r, "type", true, NULL, NULL, NULL, type);
	free(type);
	fo_concept(r, "serviceType", false, FHIR_SYS_TB_LEVEL, m->level, NULL,
		   NULL);
	fo_ref(r, "subject", false, b->patient, NULL);
	for (size_t i = 0; i < n; i++) {
		struct fo *p = fo_list(r, "participant");
		fo_concept(p, "type", true, FHIR_SYS_TB_ROLE, a[i].role, NULL,
			   NULL);
		fo_ref(p, "individual", false, a[i].role_url, NULL);
	}
	struct fo *pd = fo_obj(r, "period");
	if (*m->started) {
		fo_str(pd, "start", m->started);
		fo_str(pd, "end", m->finished);
	} else {
		fo_str(pd, "start", m->date);
	}
	return url;
}

/* One Composition section: title, the text of every value in it, and
 * the entries it rests on (NULL-terminated). */
static void section(struct fo *comp, const char *title, const char *text,
		    const char *const *entries)
{
	if (util_blank(text) && !(entries && entries[0]))
		return;
	struct fo *s = fo_list(comp, "section");
	fo_str(s, "title", title);
	fo_narrative(s, util_blank(text) ? title : text);
	for (size_t i = 0; entries && entries[i]; i++)
		fo_ref(s, "entry", true, entries[i], NULL);
}

static bool identity_key(const char *field)
{
	return strcmp(field, DECISION_PATIENT_NAME) == 0 ||
	       strcmp(field, DECISION_PATIENT_BORN) == 0;
}

/* "Label: value" for one signed value (labels and options in Swedish). */
static void value_line(struct strbuf *sb, const struct form *f,
		       const struct form_field *fd, const char *field,
		       const char *value)
{
	char *shown =
	    fd ? form_type_format(f, fd, value, "sv") : xstrdup(value);
	const char *label = fd ? form_text_get(&fd->label, "sv", NULL) : field;
	if (strchr(shown, '\n'))
		strbuf_printf(sb, "%s:\n%s\n", label, shown);
	else
		strbuf_printf(sb, "%s: %s\n", label, shown);
	free(shown);
}

static void composition(struct bundle *b, struct fo *r,
			const struct tb_decision *d, const struct form *f,
			const struct form_values *v, const char *enc,
			const char *signer, const char *plan)
{
	fo_str(r, "status", "final");
	fo_concept(r, "type", false, FHIR_SYS_LOINC, LOINC_CONSULT_NOTE,
		   /* untranslated: a FHIR id */ "Consult note", "MDK-beslut");
	fo_ref(r, "subject", false, b->patient, NULL);
	fo_ref(r, "encounter", false, enc, NULL);
	fo_str(r, "date", d->signed_at);
	fo_ref(r, "author", true, signer, NULL);
	const char *ftitle = f ? form_text_get(&f->title, "sv", NULL) : NULL;
	char *title = xasprintf(
	    /* untranslated: the Swedish record */ "MDK-beslut %s, version "
						   "%d%s%s",
	    d->case_external_id ? d->case_external_id : "", d->version,
	    ftitle && *ftitle ? ": " : "", ftitle ? ftitle : "");
	fo_str(r, "title", title);
	free(title);
	struct fo *at = fo_list(r, "attester");
	fo_str(at, "mode", "legal");
	fo_str(at, "time", d->signed_at);
	fo_ref(at, "party", false, signer, NULL);
	if (d->supersedes) {
		char id[24];
		snprintf(id, sizeof(id), "%lld", d->supersedes);
		struct fo *rel = fo_list(r, "relatesTo");
		fo_str(rel, "code", "replaces");
		fo_identifier(rel, "targetIdentifier", false,
			      FHIR_SYS_TB_DECISION, id);
	}

	/* the form's sections, each with its signed values */
	bool *used = xcalloc(v->n + 1, sizeof(*used));
	for (size_t s = 0; f && s < f->n_sections; s++) {
		const struct form_section *sec = &f->sections[s];
		struct strbuf sb;
		strbuf_init(&sb);
		bool has_plan = false, has_case = false;
		for (size_t i = sec->first; i < sec->first + sec->n; i++) {
			const struct form_field *fd = &f->fields[i];
			for (size_t k = 0; k < v->n; k++) {
				if (used[k] || strcmp(v->field[k], fd->id))
					continue;
				used[k] = true;
				value_line(&sb, f, fd, v->field[k],
					   v->value[k]);
				if (fd->role &&
				    strcmp(fd->role, "recommendation") == 0)
					has_plan = true;
				if (fd->prefill)
					has_case = true;
			}
		}
		const char *entries[3] = {NULL, NULL, NULL};
		size_t ne = 0;
		if (has_plan)
			entries[ne++] = plan;
		if (has_case && b->condition)
			entries[ne++] = b->condition;
		section(r, form_text_get(&sec->title, "sv", NULL), sb.buf,
			entries);
		strbuf_done(&sb);
	}
	/* what the form does not name (or every value without a form) */
	struct strbuf rest;
	strbuf_init(&rest);
	for (size_t k = 0; k < v->n; k++)
		if (!used[k] && !identity_key(v->field[k]))
			value_line(&rest, f, NULL, v->field[k], v->value[k]);
	section(r, "Övrigt", rest.buf, NULL);
	strbuf_done(&rest);
	free(used);

	/* the signature and what it was made with */
	struct strbuf sig;
	strbuf_init(&sig);
	strbuf_printf(
	    &sig, /* untranslated: the Swedish record */ "Signerat av %s %s\n",
	    d->signed_by, d->signed_at);
	strbuf_printf(
	    &sig,
	    /* untranslated: the Swedish record */ "Formulär %s version %s\n",
	    d->form_id, d->form_version);
	if (d->kb_version)
		strbuf_printf(&sig, /* untranslated: the Swedish record */
			      "Kunskapsbas version %s\n", d->kb_version);
	if (d->supersedes)
		strbuf_printf(&sig, /* untranslated: the Swedish record */
			      "Ändrar beslut %lld: %s\n", d->supersedes,
			      d->amend_reason ? d->amend_reason : "");
	if (d->quorum_override)
		strbuf_printf(&sig, /* untranslated: the Swedish record */
			      "Beslutat utan fullt kvorum: %s\n",
			      d->quorum_override);
	strbuf_printf(&sig, "SHA-256 %s", d->content_hash);
	section(r, "Underskrift", sig.buf, NULL);
	strbuf_done(&sig);
}

enum tb_status fhir_out_decision(const struct tb_decision *d,
				 const struct form *f, const struct tb_case *c,
				 const struct tb_meeting *m,
				 const struct fhir_out_referral *answer,
				 enum fhir_out_format fmt, struct strbuf *out)
{
	struct bundle b = {0};
	struct form_values v;
	struct attendee *att = NULL;
	size_t n_att = attendees_parse(d->attendees, &att);
	char *comp_url = NULL, *enc = NULL, *plan = NULL;
	form_values_init(&v);
	decision_content_decode(d->content, &v);

	b.root = fo_root("Bundle");
	char *key = xasprintf(/* untranslated: a FHIR id */ "decision:%lld:%s",
			      d->id, d->content_hash);
	fhir_out_bundle_head(&b, answer ? FHIR_TAG_ANSWER : NULL, key,
			     "document", d->signed_at);
	free(key);
	key = xasprintf(
	    /* untranslated: a FHIR id */ "decision:%lld:composition", d->id);
	struct fo *comp = fhir_out_entry(&b, "Composition", key, &comp_url);
	free(key);
	fhir_out_case_entries(&b, c, answer);

	const char *signer = fhir_out_practitioner(&b, d->signed_by);
	for (size_t i = 0; i < n_att; i++) {
		const char *prac = fhir_out_practitioner(&b, att[i].name);
		key = xasprintf(/* untranslated: a FHIR id */ "decision:%lld:"
							      "attendee:%s:%s",
				d->id, att[i].name, att[i].role);
		struct fo *r = fhir_out_entry(&b, "PractitionerRole", key,
					      &att[i].role_url);
		free(key);
		fhir_out_ext_value(r, FHIR_EXT_TB_MEMBER, "valueCode",
				   att[i].kind);
		fo_ref(r, "practitioner", false, prac, NULL);
		fo_concept(r, "code", true, FHIR_SYS_TB_ROLE, att[i].role, NULL,
			   NULL);
	}
	if (m)
		enc = encounter(&b, m, att, n_att);
	char *pkey = xasprintf(
	    /* untranslated: a FHIR id */ "decision:%lld:careplan", d->id);
	plan = fhir_out_uuid_url(pkey);
	free(pkey);
	care_plan(&b, d, f, &v, enc, signer);
	composition(&b, comp, d, f, &v, enc, signer, plan);

	enum tb_status st = fhir_out_write_out(&b, fmt, out);
	free(comp_url);
	free(enc);
	free(plan);
	attendees_free(att, n_att);
	form_values_done(&v);
	fhir_out_bundle_done(&b);
	return st;
}

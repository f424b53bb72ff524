#include "registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "decision.h"
#include "model.h"
#include "validate.h"

#define CS_TB	 "tumorboard"
#define CS_DATE	 "ISO 8601"
#define CS_SCT	 /* untranslated: a code name */ "SNOMED CT"
#define CS_ICD10 "ICD-10-SE"
#define CS_ICDO3 "ICD-O-3"
#define CS_TNM	 /* untranslated: a code name */ "UICC TNM 8"

struct out {
	struct strbuf *file, *names;
};

/* One line; nothing for an empty value. ';' and line breaks cannot be
 * in a value: they become ',' and ' '. */
static void put(struct out *o, const char *name, const char *value,
		const char *system)
{
	if (util_blank(value))
		return;
	char *clean = util_sanitize(value, false);
	for (char *p = clean; *p; p++)
		if (*p == ';')
			*p = ',';
	strbuf_printf(o->file, "%s;%s;%s\n", name, util_trim(clean), system);
	if (o->names->len)
		strbuf_putc(o->names, ',');
	strbuf_puts(o->names, name);
	free(clean);
}

static void put_ll(struct out *o, const char *name, long long v,
		   const char *system)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", v);
	put(o, name, buf, system);
}

/* The signed value of the field f pre-fills from the case field
 * prefill, else the value of the field with this id. */
static const char *signed_value(const struct form *f,
				const struct form_values *v,
				const char *prefill, const char *id)
{
	for (size_t i = 0; f && prefill && i < f->n_fields; i++)
		if (f->fields[i].prefill &&
		    strcmp(f->fields[i].prefill, prefill) == 0 &&
		    form_values_get(v, f->fields[i].id))
			return form_values_get(v, f->fields[i].id);
	return id ? form_values_get(v, id) : NULL;
}

void registry_write(const struct tb_decision *d, const struct form *f,
		    const struct tb_case *c, const struct tb_meeting *m,
		    struct strbuf *file, struct strbuf *names)
{
	struct out o = {file, names};
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(d->content, &v);
	char signed_on[11] = "";
	if (d->signed_at)
		clock_local_date(d->signed_at, signed_on);

	strbuf_puts(file,
		    /* untranslated: a CSV head */ "variabel;värde;kodverk\n");
	put(&o, "format", REGISTRY_FORMAT, CS_TB);
	/* the patient: the registries are kept by identity number */
	put(&o,
	    c->patient.id_type &&
		    strcmp(c->patient.id_type, "samordningsnummer") == 0
		? "samordningsnummer"
		: "personnummer",
	    c->patient.pnr,
	    c->patient.id_type &&
		    strcmp(c->patient.id_type, "samordningsnummer") == 0
		? "1.2.752.129.2.1.3.3"
		: "1.2.752.129.2.1.3.1");
	put(&o, "region", c->patient.region, CS_TB);
	put(&o, "sjukhus", c->patient.hospital, CS_TB);
	/* the conference */
	/* the day the board met, not the day it was planned for */
	char held[11] = "";
	if (m)
		model_meeting_held_on(m, held);
	put(&o, "mdk_datum", m ? held : signed_on, CS_DATE);
	put(&o, "mdk_niva", m ? m->level : c->level, CS_TB);
	put(&o, "mdk_typ", m ? m->board : d->form_id, CS_TB);
	put(&o, "remissdatum", c->referral_date, CS_DATE);
	put(&o, "beslutsdatum", signed_on, CS_DATE);
	char why[128];
	if (c->referral_date && *signed_on &&
	    validate_date(c->referral_date, NULL, why))
		put_ll(&o, "dagar_remiss_till_beslut",
		       validate_date_diff(c->referral_date, signed_on),
		       "dagar");
	/* what the decision rests on: the signed value, else the case's */
	const char *icd10 = signed_value(f, &v, "icd10", "diagnosis");
	put(&o, "diagnos", icd10 ? icd10 : c->icd10, CS_ICD10);
	put(&o, "morfologi", c->icdo3, CS_ICDO3);
	put(&o, "tnm_t", c->tnm_t, CS_TNM);
	put(&o, "tnm_n", c->tnm_n, CS_TNM);
	put(&o, "tnm_m", c->tnm_m, CS_TNM);
	put(&o, "stadium", c->tnm_stage, CS_TNM);
	/* performance status: ECOG for an adult, Lansky play-performance
	 * for a child; the case's value only when the decision holds
	 * neither */
	const char *ecog = signed_value(f, &v, "ecog", "ecog");
	const char *lansky = signed_value(f, &v, "lansky", "lansky");
	if (ecog)
		put(&o, "ecog", ecog, "ECOG/WHO");
	else if (!lansky && c->ecog >= 0)
		put_ll(&o, "ecog", c->ecog, "ECOG/WHO");
	if (lansky)
		put(&o, "lansky", lansky, "Lansky");
	else if (!ecog && c->lansky >= 0)
		put_ll(&o, "lansky", c->lansky, "Lansky");
	/* the decision */
	const char *intent = form_role_value(f, &v, "intent", NULL);
	put(&o, "rekommendation",
	    form_role_value(f, &v, "recommendation", NULL), CS_TB);
	put(&o, "behandlingsavsikt", intent, CS_TB);
	if (intent && strcmp(intent, "curative") == 0)
		put(&o, "behandlingsavsikt_snomed", "373808002", CS_SCT);
	else if (intent && strcmp(intent, "palliative") == 0)
		put(&o, "behandlingsavsikt_snomed", "363676003", CS_SCT);
	put(&o, "vardprogram", form_role_value(f, &v, "guideline", NULL),
	    CS_TB);
	put(&o, "studie_overvagd", form_values_get(&v, "trial-considered"),
	    CS_TB);
	put(&o, "studie", form_role_value(f, &v, "trial", NULL),
	    /* untranslated: a code name */ "NCT, EU CT, EudraCT");
	put(&o, "patientens_delaktighet",
	    form_role_value(f, &v, "patient-informed", NULL), CS_TB);
	put(&o, "uppfoljningsdatum",
	    form_role_value(f, &v, "follow-up-date", NULL), CS_DATE);
	/* who decided */
	size_t n = 0;
	struct strbuf roles;
	strbuf_init(&roles);
	char *att = xstrdup(d->attendees ? d->attendees : "");
	char *save = NULL;
	for (char *line = strtok_r(att, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *role, *kind;
		decision_attendee_split(line, &role, &kind);
		if (roles.len)
			strbuf_putc(&roles, ' ');
		strbuf_puts(&roles, role);
		n++;
	}
	put_ll(&o, "deltagare_antal", (long long)n, "antal");
	put(&o, "deltagare_roller", roles.buf, CS_TB);
	put(&o, "kvorum", d->quorum_override ? "avsteg" : "uppfyllt", CS_TB);
	put_ll(&o, "beslut_id", d->id, CS_TB);
	put_ll(&o, "beslut_version", d->version, CS_TB);
	if (d->supersedes)
		put_ll(&o, "andrar_beslut", d->supersedes, CS_TB);
	char *form = xasprintf("%s %s", d->form_id, d->form_version);
	put(&o, "formular", form, CS_TB);
	put(&o, "signerat", d->signed_at, CS_DATE);
	put(&o, "sha256", d->content_hash, "SHA-256");
	free(form);
	free(att);
	strbuf_done(&roles);
	form_values_done(&v);
}

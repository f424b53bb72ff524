/*
 * The clinician note: the decision in the referring clinician's words,
 * under Swedish labels (summary_note).
 */
#include "summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form_type.h"
#include "i18n.h"
#include "util.h"

static void note_line(struct textdoc *doc, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	textdoc_put(doc, TD_LABEL, label);
	/* a label too long for the column puts its value on the next line */
	if (util_display_width(label) >= 22) {
		textdoc_newline(doc);
		textdoc_pad_to(doc, 22);
	}
	textdoc_pad_to(doc, 22);
	if (strchr(text, '\n')) {
		/* rows: one per line under the label */
		char *copy = xstrdup(text);
		char *save = NULL;
		bool first = true;
		for (char *l = strtok_r(copy, "\n", &save); l;
		     l = strtok_r(NULL, "\n", &save)) {
			if (!first)
				textdoc_pad_to(doc, 22);
			textdoc_wrap_on(doc, 22, TD_NORMAL, l);
			first = false;
		}
		free(copy);
	} else
		textdoc_wrap_on(doc, 22, TD_NORMAL, text);
}

/* The formatted value of the first field filled from the case's prefill
 * source; caller frees; NULL when none. */
static char *prefill_format(const struct form *f, const struct form_values *v,
			    const char *prefill)
{
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		const char *val = form_values_get(v, fd->id);
		if (fd->prefill && strcmp(fd->prefill, prefill) == 0 && val)
			return form_type_format(f, fd, val, "sv");
	}
	return NULL;
}

/* The field with this id as a note line under its Swedish label, when it
 * has a value. */
static void note_field(struct textdoc *doc, const struct form *f,
		       const struct form_values *v, const char *id)
{
	const struct form_field *fd = form_field(f, id, NULL);
	const char *val = fd ? form_values_get(v, fd->id) : NULL;
	if (!val)
		return;
	char *t = form_type_format(f, fd, val, "sv");
	note_line(doc, form_text_get(&fd->label, "sv", NULL), t);
	free(t);
}

/* Whether the note shows fd before its "everything else" part: the
 * question (by its prefill), the deviation reason (after the guideline)
 * and whether a trial was considered. Fields with one of the note's
 * roles are checked by the caller. */
static bool note_shown(const struct form_field *fd, const char *question)
{
	return (fd->prefill && strcmp(fd->prefill, question) == 0) ||
	       strcmp(fd->id, "deviation-reason") == 0 ||
	       strcmp(fd->id, "trial-considered") == 0;
}

void summary_note(const struct summary_src *src, struct textdoc *doc)
{
	const struct tb_decision *d = src->d;
	const struct form *f = src->f;
	struct form_values v;
	form_values_init(&v);
	decision_content_decode(d->content, &v);

	textdoc_printf(doc, TD_TITLE, /* untranslated: the Swedish record */
		       "Multidisciplinär konferens %s — %s", src->date,
		       src->board_name);
	textdoc_newline(doc);
	textdoc_printf(doc, TD_DIM,
		       /* untranslated: the Swedish record */
		       "Ärende %s. Beslut %lld version %d, formulär %s %s, "
		       "signerat %s av %s.",
		       d->case_external_id ? d->case_external_id : "?", d->id,
		       d->version, d->form_id, d->form_version, d->signed_at,
		       d->signed_by);
	textdoc_newline(doc);
	if (d->supersedes) {
		char *t = xasprintf(/* untranslated: the Swedish record */
				    "ändrar beslut %lld: %s", d->supersedes,
				    d->amend_reason ? d->amend_reason : "");
		note_line(doc, "Ändring", t);
		free(t);
	}
	textdoc_newline(doc);
	const struct {
		const char *label, *role, *prefill;
	} rows[] = {
	    {"Frågeställning", NULL, "question"},
	    {/* untranslated: the Swedish record */ "Fynd som beaktades",
	     "findings", NULL},
	    {"Rekommendation", "recommendation", NULL},
	    {"Detaljer", "next-step", NULL},
	    {"Behandlingsavsikt", "intent", NULL},
	    {"Motivering", "rationale", NULL},
	    {"Vårdprogram", "guideline", NULL},
	    {/* untranslated: the Swedish record */ "Övervägda alternativ",
	     "alternatives", NULL},
	    {/* untranslated: the Swedish record */ "Klinisk studie", "trial",
	     NULL},
	    {/* untranslated: the Swedish record */ "Genetisk remiss",
	     "genetics-referral", NULL},
	    {/* untranslated: the Swedish record */ "Ansvarig läkare",
	     "responsible", NULL},
	    {"Kontaktsjuksköterska", "contact-nurse", NULL},
	    {/* untranslated: the Swedish record */ "Uppföljning senast",
	     "follow-up-date", NULL},
	    {/* untranslated: the Swedish record */ "Uppföljning av",
	     "follow-up-owner", NULL},
	    {/* untranslated: the Swedish record */ "Patientens delaktighet",
	     "patient-informed", NULL},
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *t = rows[i].role
			      ? form_role_format(f, &v, rows[i].role, "sv")
			      : prefill_format(f, &v, rows[i].prefill);
		note_line(doc, rows[i].label, t);
		free(t);
		if (rows[i].role && strcmp(rows[i].role, "guideline") == 0)
			note_field(doc, f, &v, "deviation-reason");
	}
	const struct form_field *tc = form_field(f, "trial-considered", NULL);
	const char *tcv = tc ? form_values_get(&v, tc->id) : NULL;
	if (tcv)
		note_line(doc, "Studie övervägd",
			  strcmp(tcv, "yes") == 0
			      ? /* untranslated: the form's language */ "ja"
			      : /* untranslated: the form's language */ "nej");
	/* everything else the board recorded, in the form's order: the note
	 * for the record leaves out nothing that was signed */
	bool heading = false;
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		if (note_shown(fd, rows[0].prefill) ||
		    !form_values_get(&v, fd->id))
			continue;
		for (size_t r = 1; r < sizeof(rows) / sizeof(rows[0]); r++)
			if (fd->role && strcmp(fd->role, rows[r].role) == 0)
				goto next;
		if (!heading) {
			textdoc_newline(doc);
			textdoc_put(doc, TD_LABEL,
				    /* untranslated: the Swedish record */
				    "Övrigt i beslutet");
			textdoc_newline(doc);
			heading = true;
		}
		note_field(doc, f, &v, fd->id);
	next:;
	}
	textdoc_newline(doc);
	textdoc_put(doc, TD_LABEL,
		    /* untranslated: the Swedish record */ "Deltagare");
	textdoc_newline(doc);
	char *att = xstrdup(d->attendees ? d->attendees : "");
	char *save = NULL;
	for (char *l = strtok_r(att, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save)) {
		char *role, *kind;
		decision_attendee_split(l, &role, &kind);
		textdoc_printf(doc, TD_NORMAL, "  %s, %s%s", l, role,
			       strcmp(kind, "cover") == 0 ? " (ersättare)"
							  : "");
		textdoc_newline(doc);
	}
	free(att);
	if (d->quorum_override)
		note_line(
		    doc, /* untranslated: the Swedish record */ "Ej beslutsför",
		    d->quorum_override);
	form_values_done(&v);
}

/*
 * bench_sign — a decision draft filled through the form path (see
 * bench_sign.h).
 */
#include <stdlib.h>
#include <string.h>

#include "bench_sign.h"
#include "db_form.h"
#include "decision.h"
#include "form_type.h"
#include "util.h"

/* A valid value for an empty required field (what a quick board enters). */
static char *value_for(const struct form_field *fd, long long k,
		       const char *date_input)
{
	switch (fd->type) {
	case FT_CHOICE:
	case FT_MULTI:
		return xstrdup(fd->options[0].value);
	case FT_YESNO:
		return xstrdup("no");
	case FT_NUMBER:
		return xasprintf("%g", fd->min);
	case FT_DATE:
		return xstrdup(date_input);
	case FT_CODE:
		return xstrdup(strcmp(fd->system, "tnm") == 0 ? "T1 N0 M0"
							      : "C34.1");
	case FT_TRIAL:
		return xstrdup("NCT01234567");
	case FT_FINDING:
	case FT_ALTERNATIVES:
		return NULL;
	default:
		return xasprintf("Enligt vårdprogram. Syntetiskt beslut %lld, "
				 "behandling med osimertinib övervägd.",
				 k);
	}
}

/* Rows of a pre-filled finding field with a tier added to each. */
static char *tiered(const char *rows)
{
	struct strbuf sb;
	strbuf_init(&sb);
	char *copy = xstrdup(rows);
	char *save = NULL;
	for (char *l = strtok_r(copy, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(l, '\t');
		if (tab)
			*tab = '\0';
		strbuf_printf(&sb, "%s%s\tX\t", sb.len ? "\n" : "", l);
	}
	free(copy);
	return strbuf_detach(&sb);
}

bool bench_sign_fill(struct db *db, const struct form_set *forms,
		     const struct form *f, long long case_id, long long k,
		     const char *date_input, struct diag *d)
{
	/* a value shown only once another is set is filled in a later
	 * round */
	for (int round = 0; round < 4; round++) {
		struct db_form_instance fi;
		struct form_values v;
		form_values_init(&v);
		if (db_form_draft(db, case_id, &fi, &v) != TB_OK) {
			form_values_done(&v);
			return false;
		}
		/* which fields are shown depends on the patient's age at the
		 * meeting, as the screen and signing see it */
		v.patients = decision_patients_of(db, case_id, 0);
		for (size_t i = 0; i < f->n_fields; i++) {
			const struct form_field *fd = &f->fields[i];
			const char *val = form_values_get(&v, fd->id);
			char *nv = NULL;
			if (fd->type == FT_FINDING && val)
				nv = tiered(val);
			else if (fd->required && !val &&
				 form_field_visible(f, fd, &v))
				nv = value_for(fd, k, date_input);
			if (nv)
				decision_set(db, forms, case_id, fd->id, nv, d);
			free(nv);
		}
		size_t left = form_required_left(f, &v);
		db_form_instance_done(&fi);
		form_values_done(&v);
		if (round > 0 && left == 0)
			break;
	}
	return true;
}

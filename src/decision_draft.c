/*
 * A draft's values beside the form's fields, and its history: the
 * language the team wrote the free text in (the patient letter marks free
 * text in another language than its own), who changed a field last, and
 * values that contradict each other (warned of, signing not blocked).
 */
#include "decision.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_form.h"
#include "i18n.h"
#include "util.h"

size_t decision_warnings(const struct form *f, const struct form_values *v,
			 struct diag *d)
{
	const struct form_field *fd = NULL;
	const char *intent = form_role_value(f, v, "intent", &fd);
	const char *rec = form_role_value(f, v, "recommendation", NULL);
	if (!intent || !rec || !form_value_has(intent, "curative") ||
	    !form_value_has(rec, "no-tumour-therapy"))
		return 0;
	if (d)
		diag_add(
		    d, NULL, 0, fd->id, "%s",
		    _("the treatment intent is curative, but the "
		      "recommendation "
		      "is no further tumour-specific therapy: check that both "
		      "are meant"));
	return 1;
}

enum tb_status decision_text_lang_set(struct db *db, long long instance_id,
				      const char *input, long long seen,
				      struct diag *d)
{
	char *code = xstrdup(input);
	util_trim(code);
	bool known = !*code;
	char langs[] = DECISION_TEXT_LANGS;
	char *save = NULL;
	for (char *l = strtok_r(langs, " ", &save); l && !known;
	     l = strtok_r(NULL, " ", &save))
		known = strcmp(code, l) == 0;
	if (!known) {
		diag_add(d, NULL, 0, DECISION_TEXT_LANG,
			 _("the team's free text is in one of: %s"),
			 DECISION_TEXT_LANGS);
		free(code);
		return TB_INVALID;
	}
	bool stale = false;
	enum tb_status st = db_form_set_at(db, instance_id, DECISION_TEXT_LANG,
					   code, seen, &stale);
	if (stale) {
		diag_add(d, NULL, 0, DECISION_TEXT_LANG, "%s",
			 status_message(TB_STALE));
		st = TB_STALE;
	}
	free(code);
	return st;
}

void decision_text_lang_keep(const struct form_values *draft,
			     struct form_values *shown)
{
	const char *tl = form_values_get(draft, DECISION_TEXT_LANG);
	if (tl && *tl && strcmp(tl, "sv") != 0)
		form_values_set(shown, DECISION_TEXT_LANG, tl);
}

const char *decision_text_lang(const struct form_values *v)
{
	const char *tl = form_values_get(v, DECISION_TEXT_LANG);
	return tl && strcmp(tl, "en") == 0 ? "en" : "sv";
}

char *decision_text_lang_line(const struct form_values *v)
{
	bool en = strcmp(decision_text_lang(v), "en") == 0;
	return xasprintf(_("Free text written in: %s"),
			 en ? _("English") : _("Swedish"));
}

void decision_change_done(struct decision_change *c)
{
	free(c->value);
	free(c->by);
	free(c->at);
	memset(c, 0, sizeof(*c));
}

enum tb_status decision_field_change(struct db *db, long long instance_id,
				     const char *field,
				     struct decision_change *out)
{
	struct db_form_instance fi;
	struct form_values v;
	char *at = NULL;
	memset(out, 0, sizeof(*out));
	form_values_init(&v);
	enum tb_status st = db_form_get(db, instance_id, &fi, &v);
	if (st != TB_OK) {
		form_values_done(&v);
		return st;
	}
	const char *now = form_values_get(&v, field);
	out->value = now && *now ? xstrdup(now) : NULL;
	st = db_form_field_by(db, instance_id, field, &out->revision, &out->by,
			      &at);
	char local[17];
	if (st == TB_OK && at && clock_local_minute(at, local))
		out->at = xstrdup(local);
	free(at);
	db_form_instance_done(&fi);
	form_values_done(&v);
	if (st != TB_OK)
		decision_change_done(out);
	return st;
}

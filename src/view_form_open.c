/*
 * The form a new decision is made with, asked on the decision form's
 * screen (view_form_internal.h): the case's board's, or the molecular
 * tumour board's when the case has findings.
 */
#include "view_form_internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "i18n.h"
#include "model.h"
#include "util.h"
#include "view.h"

bool view_form_pick(struct form_screen *fs, const char **form_id)
{
	struct app *app = fs->ui->app;
	/* the case the form was opened with (form_open read it) */
	const struct tb_case *c = fs->c;
	*form_id = NULL;
	if (!c)
		return true; /* the open says why */
	const struct form *board = app_decision_form(app, c);
	const struct form *mtb = app_decision_form_mtb(app, c);
	if (!board || !mtb)
		return true;
	const char *lang = i18n_language();
	char *q = xasprintf(_("The case has molecular findings. Decide with "
			      "1 %s, 2 %s (Esc: no draft): "),
			    form_text_get(&board->title, lang, NULL),
			    form_text_get(&mtb->title, lang, NULL));
	int k = ui_choose(fs->ui, q, "12", _("Answer 1 or 2"));
	free(q);
	if (k < 0) {
		ui_say(fs->ui, _("No draft opened"));
		return false;
	}
	*form_id = k == 1 ? mtb->id : NULL;
	return true;
}

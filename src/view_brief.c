/*
 * The brief: a document view over support_brief().
 */
#include "view_brief.h"

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "i18n.h"
#include "model.h"
#include "support.h"
#include "util.h"
#include "view.h"
#include "view_doc.h"

struct brief_view {
	const struct tb_case *c;
	const struct readiness *rd;
	char today[11];
	char title[200];
};

static void brief_render(struct ui *ui, void *arg, struct textdoc *doc)
{
	struct brief_view *bv = arg;
	struct app *app = ui->app;
	support_brief(bv->c, app_kb(app), &app->trials, &app->levels, bv->rd,
		      bv->today, doc);
}

static long long brief_subject(struct ui *ui, void *arg)
{
	(void)ui;
	struct brief_view *bv = arg;
	return bv->c->id;
}

static void brief_free(struct ui *ui, void *arg)
{
	(void)ui;
	free(arg);
}

void view_brief_push(struct ui *ui, const struct tb_case *c,
		     const struct readiness *rd, const char *today)
{
	static const enum action acts[] = {ACTION_SEARCH, ACTION_BACK,
					   ACTION_HELP};
	struct brief_view *bv = xcalloc(1, sizeof(*bv));
	bv->c = c;
	bv->rd = rd;
	snprintf(bv->today, sizeof(bv->today), "%s", today);
	snprintf(bv->title, sizeof(bv->title),
		 _("tumorboard — brief %s (suggestions: the board decides)"),
		 c->external_id);
	struct doc_spec s = {.name = "brief",
			     .keymap = KEYMAP_VIEW_CASE,
			     .hints = acts,
			     .n_hints = UTIL_ARRAY_LEN(acts),
			     .title = bv->title,
			     .render = brief_render,
			     .subject = brief_subject,
			     .free_arg = brief_free,
			     .arg = bv};
	view_doc_push(ui, &s);
}

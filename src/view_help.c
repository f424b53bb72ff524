/*
 * Help: a document view over keymap_help().
 */
#include "view_help.h"

#include <string.h>

#include "i18n.h"
#include "keymap.h"
#include "util.h"
#include "view.h"
#include "view_doc.h"

static void help_render(struct ui *ui, void *arg, struct textdoc *doc)
{
	(void)arg;
	keymap_help(&ui->keys, doc);
}

void view_help_push(struct ui *ui)
{
	static const enum action acts[] = {ACTION_BACK, ACTION_QUIT};
	if (view_doc_is(ui, "help"))
		return;
	struct doc_spec s = {.name = "help",
			     .keymap = KEYMAP_VIEW_CASE,
			     .hints = acts,
			     .n_hints = UTIL_ARRAY_LEN(acts),
			     .title = _("tumorboard — help"),
			     .render = help_render};
	view_doc_push(ui, &s);
}

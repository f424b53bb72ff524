/*
 * The cases a meeting refused when the referral queue put several on its
 * agenda: the status line names each by its case id with its own reason
 * when they fit there; else it says how many, and a document (view_doc)
 * lists each refused case with its reason, Esc back to the queue.
 */
#include "view_refused.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db_case.h"
#include "db_meeting.h"
#include "i18n.h"
#include "model.h"
#include "readiness.h"
#include "term.h"
#include "textdoc.h"
#include "util.h"
#include "view.h"
#include "view_doc.h"

/* The case id of each refused case of out, as the list shows it, in
 * labels[i] (NULL for one added); "#N" for a case the store does not
 * have. Caller frees each and the array. */
static char **refused_labels(struct ui *ui, const struct db_agenda_added *out,
			     size_t n)
{
	long long *ids = xcalloc(n, sizeof(*ids));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (out[i].st != TB_OK && out[i].case_id)
			ids[k++] = out[i].case_id;
	struct db_case_ready_set set = {0};
	if (k && db_case_ready_many(ui->app->db, ids, k, &set) != TB_OK)
		db_case_ready_set_done(&set);
	char **labels = xcalloc(n, sizeof(*labels));
	for (size_t i = 0; i < n; i++) {
		if (out[i].st == TB_OK)
			continue;
		const struct readiness_facts *f =
		    db_case_ready_find(&set, out[i].case_id);
		labels[i] = f && f->external_id
				? xstrdup(f->external_id)
				: xasprintf("#%lld", out[i].case_id);
	}
	db_case_ready_set_done(&set);
	free(ids);
	return labels;
}

/* The document: how many were added, then each refused case with its
 * reason. */
static void refused_show(struct ui *ui, const struct tb_meeting *m,
			 const struct db_agenda_added *out, size_t n,
			 size_t added, bool marked, char **labels)
{
	size_t refused = n - added;
	struct textdoc doc;
	textdoc_init(&doc, term_cols() > 21 ? term_cols() - 1 : 20);
	textdoc_printf(&doc, TD_TITLE,
		       _("%zu of %zu added to meeting %lld (%s %s)"), added, n,
		       m->id, model_board_label(m->board), m->date);
	textdoc_newline(&doc);
	textdoc_newline(&doc);
	if (marked)
		textdoc_printf(&doc, TD_HEADING,
			       ngettext("Not added, %zu case: still marked "
					"in the queue",
					"Not added, %zu cases: still marked "
					"in the queue",
					(unsigned long)refused),
			       refused);
	else
		textdoc_put(&doc, TD_HEADING, _("Not added"));
	textdoc_newline(&doc);
	for (size_t i = 0; i < n; i++) {
		if (out[i].st == TB_OK)
			continue;
		textdoc_put(&doc, TD_STRONG, labels[i]);
		textdoc_put(&doc, TD_NORMAL, ": ");
		textdoc_wrap_on(&doc, 4, TD_NORMAL, out[i].why);
	}
	char *title =
	    xasprintf(_("tumorboard — not added to meeting %lld"), m->id);
	view_doc_show(ui, title, KEYMAP_VIEW_CASE, &doc);
	free(title);
	textdoc_done(&doc);
	ui_say(ui,
	       ngettext("%zu of %zu added; %zu case not added, with its "
			"reason here",
			"%zu of %zu added; %zu cases not added, each with its "
			"reason here",
			(unsigned long)refused),
	       added, n, refused);
}

void view_refused_say(struct ui *ui, const struct tb_meeting *m,
		      const struct db_agenda_added *out, size_t n, size_t added,
		      bool marked)
{
	if (added == n) {
		ui_say(ui,
		       ngettext("%zu added to meeting %lld (%s %s)",
				"%zu added to meeting %lld (%s %s)",
				(unsigned long)added),
		       added, m->id, model_board_label(m->board), m->date);
		return;
	}
	char **labels = refused_labels(ui, out, n);
	struct strbuf each = {0};
	for (size_t i = 0; i < n; i++)
		if (out[i].st != TB_OK)
			strbuf_printf(&each, "%s%s: %s", each.len ? "; " : "",
				      labels[i], out[i].why);
	char *line = xasprintf(
	    _("%zu of %zu added to meeting %lld (%s %s); not added: %s"), added,
	    n, m->id, model_board_label(m->board), m->date, each.buf);
	/* the whole of it on the status line, or each reason in a list */
	if (util_display_width(line) <= term_cols() - 2 &&
	    strlen(line) < sizeof(ui->msg))
		ui_say(ui, "%s", line);
	else
		refused_show(ui, m, out, n, added, marked, labels);
	free(line);
	strbuf_done(&each);
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
}

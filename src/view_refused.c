/*
 * The referral queue's `a`: the meeting asked, then the cases a meeting
 * refused: the status line names each by its case id with its own reason
 * when they fit there; else it says how many, and a document (view_doc)
 * lists each refused case with its reason, Esc back to the queue. A
 * refusal an override lets through is remembered until the next key the
 * queue reads: O asks the override's reason and adds them with it.
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
#include "status.h"
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

/* How many cases of out were refused so that an override would let them
 * in. */
static size_t refused_overridable(const struct db_agenda_added *out, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (out[i].st != TB_OK && out[i].overridable)
			k++;
	return k;
}

/* How O overrides the refusals of out an override lets through ("O: add
 * it anyway, with a reason"); NULL when it lets none through. Caller
 * frees. */
static char *refused_how(struct ui *ui, const struct db_agenda_added *out,
			 size_t n, size_t added)
{
	size_t k = refused_overridable(out, n);
	char key[16];
	const char *o =
	    ui_key_name(ui, KEYMAP_VIEW_QUEUE, ACTION_OVERRIDE, key);
	if (!k)
		return NULL;
	if (k == n - added)
		return xasprintf(ngettext("%s: add it anyway, with a reason",
					  "%s: add them anyway, with a reason",
					  (unsigned long)k),
				 o);
	return xasprintf(ngettext("%s: add the %zu case an override lets in "
				  "anyway, with a reason",
				  "%s: add the %zu cases an override lets in "
				  "anyway, with a reason",
				  (unsigned long)k),
			 o, k);
}

/* The document: how many were added, then each refused case with its
 * reason. */
/* When meeting m is: its date and start ("2026-12-02 15:00"). */
static const char *refused_when(const struct tb_meeting *m, char buf[24])
{
	snprintf(buf, 24, "%s %s", m->date, m->start_time);
	return buf;
}

static void refused_show(struct ui *ui, const struct tb_meeting *m,
			 const struct db_agenda_added *out, size_t n,
			 size_t added, bool marked, char **labels)
{
	size_t refused = n - added;
	struct textdoc doc;
	textdoc_init(&doc, term_cols() > 21 ? term_cols() - 1 : 20);
	char when[24];
	textdoc_printf(&doc, TD_TITLE,
		       _("%zu of %zu added to meeting %lld (%s %s)"), added, n,
		       m->id, model_board_label(m->board),
		       refused_when(m, when));
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
	char *how = refused_how(ui, out, n, added);
	if (how) {
		char *esc = xasprintf(_("Esc, then %s"), how);
		textdoc_newline(&doc);
		textdoc_wrap(&doc, 0, TD_NORMAL, esc);
		free(esc);
		free(how);
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
	char when[24];
	refused_when(m, when);
	if (added == n) {
		ui_say(ui,
		       ngettext("%zu added to meeting %lld (%s %s)",
				"%zu added to meeting %lld (%s %s)",
				(unsigned long)added),
		       added, m->id, model_board_label(m->board), when);
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
	    n, m->id, model_board_label(m->board), when, each.buf);
	/* the whole of it on the status line, with how to override when an
	 * override lets any of them in (one line: the selected case's
	 * readiness stays in sight), or each reason in a list */
	char *how = refused_how(ui, out, n, added);
	if (how) {
		char *all = xasprintf("%s. %s", line, how);
		free(line);
		line = all;
	}
	if (util_display_width(line) <= term_cols() - 2 &&
	    strlen(line) < sizeof(ui->msg))
		ui_say(ui, "%s", line);
	else
		refused_show(ui, m, out, n, added, marked, labels);
	free(how);
	free(line);
	strbuf_done(&each);
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
}

size_t view_refused_unmark(long long *marked, size_t n_marked,
			   const struct db_agenda_added *out, size_t n)
{
	size_t keep = 0;
	for (size_t i = 0; i < n_marked; i++) {
		bool added = false;
		for (size_t k = 0; k < n && !added; k++)
			added =
			    out[k].st == TB_OK && out[k].case_id == marked[i];
		if (!added)
			marked[keep++] = marked[i];
	}
	return keep;
}

void view_refused_forget(struct view_refusal *r)
{
	free(r->ids);
	memset(r, 0, sizeof(*r));
}

void view_refused_keep(struct view_refusal *r, long long meeting_id,
		       const struct db_agenda_added *out, size_t n)
{
	view_refused_forget(r);
	size_t k = refused_overridable(out, n);
	if (!k)
		return;
	r->ids = xcalloc(k, sizeof(*r->ids));
	for (size_t i = 0; i < n; i++)
		if (out[i].st != TB_OK && out[i].overridable)
			r->ids[r->n++] = out[i].case_id;
	r->meeting_id = meeting_id;
}

void view_refused_key(struct ui *ui, struct view_refusal *r, int view, int key)
{
	if (r->n && keymap_lookup(&ui->keys, view, key) != ACTION_OVERRIDE)
		view_refused_forget(r);
}

const char *view_meeting_check(const char *value, const void *arg)
{
	const struct view_meeting_ask *a = arg;
	if (!*value)
		return _("Give the meeting's number");
	long long id = util_parse_id(value);
	if (!id || id == a->other_than ||
	    db_meeting_get(a->db, id, a->m) != TB_OK)
		return a->not_found;
	return NULL;
}

bool view_refused_meeting(struct ui *ui, const long long *ids, size_t n,
			  struct tb_meeting *m)
{
	if (!n) {
		ui_say(ui, _("No case to add"));
		return false;
	}
	/* the next meeting that takes them; never one already past */
	long long first =
	    db_meeting_next_for(ui->app->db, &ui->app->boards, ids, n);
	char init[32] = "", prompt[200], when[24];
	struct tb_meeting offered;
	if (first)
		snprintf(init, sizeof(init), "%lld", first);
	/* the meeting offered by its date and start (the board is said
	 * when they are added) */
	if (first && db_meeting_get(ui->app->db, first, &offered) == TB_OK)
		snprintf(prompt, sizeof(prompt),
			 ngettext("Add %zu case to meeting (%lld is %s): ",
				  "Add %zu cases to meeting (%lld is %s): ", n),
			 n, first, refused_when(&offered, when));
	else
		snprintf(prompt, sizeof(prompt),
			 ngettext("Add %zu case to meeting number: ",
				  "Add %zu cases to meeting number: ", n),
			 n);
	struct view_meeting_ask ask = {
	    .db = ui->app->db, .m = m, .not_found = _("No such meeting")};
	char *ans =
	    ui_prompt_checked(ui, prompt, init, view_meeting_check, &ask);
	if (!ans)
		return false;
	free(ans);
	return view_permit_board(ui, ACTION_ADD_TO_AGENDA, m->board);
}

char *view_refused_reason(struct ui *ui, struct view_refusal *r,
			  struct tb_meeting *m)
{
	/* the permission of the add it overrides, for the meeting's board */
	if (!r->n || db_meeting_get(ui->app->db, r->meeting_id, m) != TB_OK ||
	    !view_permit_board(ui, ACTION_ADD_TO_AGENDA, m->board)) {
		view_refused_forget(r);
		return NULL;
	}
	char prompt[120];
	snprintf(prompt, sizeof(prompt),
		 ngettext("Add %zu case anyway — the override's reason: ",
			  "Add %zu cases anyway — the override's reason: ",
			  (unsigned long)r->n),
		 r->n);
	char *why = ui_prompt_checked(ui, prompt, "", ui_require_text,
				      _("An override needs a reason"));
	if (!why)
		view_refused_forget(r);
	return why;
}

bool view_refused_add(struct ui *ui, const struct tb_meeting *m,
		      const long long *ids, size_t n, const char *override,
		      long long *marked, size_t *n_marked,
		      struct view_refusal *r)
{
	struct db_agenda_added *out = xcalloc(n, sizeof(*out));
	size_t added = 0;
	enum tb_status st =
	    db_agenda_add_all(ui->app->db, &ui->app->boards, m->id, ids, n,
			      override, out, &added);
	if (st != TB_OK) {
		ui_say(ui, _("Nothing added: %s"), status_message(st));
		free(out);
		return false;
	}
	/* the refused cases stay marked, in the order marked */
	bool were_marked = *n_marked > 0;
	*n_marked = view_refused_unmark(marked, *n_marked, out, n);
	view_refused_keep(r, m->id, out, n);
	view_refused_say(ui, m, out, n, added, were_marked);
	free(out);
	return true;
}

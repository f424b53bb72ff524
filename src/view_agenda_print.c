/*
 * An agenda's papers from the screen (view_agenda_internal.h): the agenda
 * printed or saved as a PDF (W), every patient summary of the meeting to
 * the printer (the nurse's batch).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agenda_doc.h"
#include "app.h"
#include "db_decision.h"
#include "i18n.h"
#include "status.h"
#include "summary.h"
#include "textdoc.h"
#include "util.h"
#include "view.h"
#include "view_agenda_internal.h"

struct meeting_decisions {
	long long *ids;
	size_t n;
};

static bool collect_decision(const struct tb_decision *d, void *arg)
{
	struct meeting_decisions *md = arg;
	md->ids = xrealloc(md->ids, (md->n + 1) * sizeof(*md->ids));
	md->ids[md->n++] = d->id;
	return true;
}

/* p: every patient summary of the meeting to the printer (the nurse's
 * batch): each decision signed at it, in its latest version, once; each
 * read is logged and each print recorded, as summary --meeting --print
 * does. */
int view_agenda_print_all(struct agenda_view *av, int index)
{
	struct app *app = av->ui->app;
	char msg[200] = "", err[256] = "";
	app_need_forms(app, msg, sizeof(msg));
	struct meeting_decisions md = {0};
	db_decision_each_meeting(av->db, av->m.id, collect_decision, &md);
	size_t k = 0, printed = 0;
	/* each chain's latest version, once (amended after the meeting) */
	for (size_t i = 0; i < md.n; i++) {
		long long *chain = NULL;
		size_t n = summary_chain(av->db, md.ids[i], &chain, NULL);
		long long latest = n ? chain[n - 1] : md.ids[i];
		free(chain);
		bool seen = false;
		for (size_t j = 0; j < k; j++)
			seen |= md.ids[j] == latest;
		if (!seen)
			md.ids[k++] = latest;
	}
	if (k)
		ui_working(av->ui, _("Printing"));
	for (size_t i = 0; i < k; i++) {
		struct summary_loaded l;
		if (summary_load(av->db, &app->forms, &app->phrases,
				 &app->boards, md.ids[i], &l, err,
				 sizeof(err)) != TB_OK)
			break;
		bool ok = view_access(av->ui, ACCESS_SUMMARY, l.d.case_id);
		struct summary_info info;
		if (ok && summary_print(av->db, &l.src, NULL, NULL, &info, err,
					sizeof(err)) == TB_OK)
			printed++;
		summary_loaded_done(&l);
		if (!ok || printed != i + 1)
			break;
	}
	free(md.ids);
	if (!k)
		ui_say(av->ui, _("No decision was signed at this meeting"));
	else if (printed == k)
		ui_say(av->ui,
		       ngettext("%zu summary sent to the printer; each print "
				"is recorded",
				"%zu summaries sent to the printer; each print "
				"is recorded",
				printed),
		       printed);
	else
		ui_say(av->ui,
		       /* TRANSLATORS: the form follows the second number,
			* the summaries there were to print */
		       ngettext("%zu of %zu summary printed; stopped: %s",
				"%zu of %zu summaries printed; stopped: %s", k),
		       printed, k, err[0] ? err : _("not allowed"));
	return index;
}

/* The agenda with each case's readiness, as W saves it and p prints it
 * (agenda M --check); doc initialised whatever the outcome. */
static enum tb_status checked_agenda(struct agenda_view *av,
				     struct textdoc *doc)
{
	struct agenda_doc_info ai;
	textdoc_init(doc, 200);
	return agenda_doc_build(av->db, &av->ui->app->boards,
				&av->ui->app->trials, &av->m, true, true, doc,
				&ai);
}

/* W: the agenda as an A4 PDF where the coordinator says, with each
 * case's readiness (as agenda M --check --pdf FILE), the export recorded. */
int view_agenda_save_pdf(struct agenda_view *av, int index)
{
	char init[64];
	snprintf(init, sizeof(init), "agenda-%lld.pdf", av->m.id);
	char *path =
	    ui_prompt_checked(av->ui, _("Save the agenda PDF as: "), init,
			      ui_require_writable, _("Name the file"));
	if (!path)
		return index;
	struct textdoc doc;
	char err[300] = "";
	enum tb_status st = checked_agenda(av, &doc);
	if (st == TB_OK) {
		ui_working(av->ui, _("Writing the PDF"));
		st = agenda_doc_pdf(av->db, &av->m, &doc, util_trim(path), err,
				    sizeof(err));
	}
	if (st == TB_OK)
		ui_say(av->ui, _("Saved as %s; the export is recorded"),
		       util_trim(path));
	else
		ui_say(av->ui, _("Not saved: %s"),
		       err[0] ? err : status_message(st));
	textdoc_done(&doc);
	free(path);
	return index;
}

/* p on a planned or running agenda: the agenda, with each case's
 * readiness (as agenda M --check --print), to the printer; the print is
 * recorded. */
int view_agenda_print(struct agenda_view *av, int index)
{
	struct textdoc doc;
	char err[300] = "";
	enum tb_status st = checked_agenda(av, &doc);
	if (st == TB_OK) {
		ui_working(av->ui, _("Printing"));
		st = agenda_doc_print(av->db, &av->m, &doc, NULL, err,
				      sizeof(err));
	}
	if (st == TB_OK)
		ui_say(av->ui,
		       _("The agenda was sent to the printer; the print is "
			 "recorded"));
	else
		ui_say(av->ui, _("Not printed: %s"),
		       err[0] ? err : status_message(st));
	textdoc_done(&doc);
	return index;
}

/*
 * The summary preview: a document view over summary_patient().
 */
#include "view_summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "summary.h"
#include "status.h"
#include "util.h"
#include "view.h"
#include "view_doc.h"

struct summary_view {
	struct summary_loaded l;
	const char *langs[3];
	int n_langs, lang;
	struct summary_info info;
	bool confirm; /* P was pressed once while above the limit or with
			 notes for staff */
	char *notes;  /* for staff, "; " between them; NULL: none */
	char title[256];
};

static void summary_render(struct ui *ui, void *arg, struct textdoc *doc)
{
	(void)ui;
	struct summary_view *sv = arg;
	summary_patient(&sv->l.src, sv->langs[sv->lang], doc, &sv->info);
	if (sv->info.scored)
		snprintf(sv->title, sizeof(sv->title),
			 _("tumorboard — patient summary, decision %lld (%s) — "
			   "%s %.0f%s, limit %.0f"),
			 sv->l.d.id, sv->info.lang,
			 sv->info.r.formula == READABILITY_LIX ? "LIX"
							       : "Flesch",
			 sv->info.r.score,
			 sv->info.within ? "" : _(" — ABOVE THE LIMIT"),
			 sv->info.limit);
	else
		snprintf(sv->title, sizeof(sv->title),
			 _("tumorboard — patient summary, decision %lld (%s) — "
			   "no readability formula"),
			 sv->l.d.id, sv->info.lang);
}

static int summary_act(struct ui *ui, void *arg, enum action a)
{
	struct summary_view *sv = arg;
	if (a == ACTION_LANGUAGE) {
		sv->lang = (sv->lang + 1) % sv->n_langs;
		sv->confirm = false;
		return DOC_RERENDER | DOC_TO_TOP;
	}
	if (a == ACTION_SAVE_PDF) {
		/* the nurse's copy: an A4 PDF where she says, recorded */
		char init[96];
		/* the name offered, in the interface's language: the
		 * decision's number, the letter's language */
		snprintf(init, sizeof(init),
			 pgettext("file name", "summary-%lld-%s.pdf"),
			 sv->l.d.id, sv->langs[sv->lang]);
		char *path =
		    ui_prompt_checked(ui, _("Save the PDF as: "), init,
				      ui_require_writable, _("Name the file"));
		if (!path)
			return 0;
		char err[300];
		struct summary_info info;
		ui_working(ui, _("Writing the PDF"));
		enum tb_status st =
		    summary_pdf(ui->app->db, &sv->l.src, sv->langs[sv->lang],
				util_trim(path), &info, err, sizeof(err));
		if (st == TB_OK && sv->notes)
			ui_say(ui,
			       _("Saved as %s (%s); the export is recorded. "
				 "For staff, not on the letter: %s"),
			       util_trim(path), info.lang, sv->notes);
		else if (st == TB_OK)
			ui_say(ui,
			       _("Saved as %s (%s); the export is recorded"),
			       util_trim(path), info.lang);
		else
			ui_say(ui, _("Not saved: %s"), err);
		free(path);
		return 0;
	}
	if (a != ACTION_PRINT)
		return VIEW_UNKNOWN;
	bool above = sv->info.scored && !sv->info.within;
	if ((above || sv->notes) && !sv->confirm) {
		sv->confirm = true;
		if (sv->notes)
			ui_say(ui,
			       _("Before printing, for staff (not on the "
				 "letter): %s. Press P again to print%s"),
			       sv->notes,
			       above ? _(" (above the readability limit)")
				     : "");
		else
			ui_say(ui, _("Above the readability limit: press P "
				     "again to print anyway"));
		return 0;
	}
	char err[200];
	struct summary_info info;
	ui_working(ui, _("Printing"));
	enum tb_status st =
	    summary_print(ui->app->db, &sv->l.src, sv->langs[sv->lang], NULL,
			  &info, err, sizeof(err));
	sv->confirm = false;
	if (st == TB_OK)
		ui_say(ui, _("Sent to the printer (%s); the print is recorded"),
		       info.lang);
	else
		ui_say(ui, _("Not printed: %s"), err);
	return 0;
}

static long long summary_subject(struct ui *ui, void *arg)
{
	(void)ui;
	struct summary_view *sv = arg;
	return sv->l.c ? sv->l.c->id : 0;
}

static void summary_free(struct ui *ui, void *arg)
{
	(void)ui;
	struct summary_view *sv = arg;
	summary_loaded_done(&sv->l);
	free(sv->notes);
	free(sv);
}

static const char *summary_title(struct ui *ui, void *arg)
{
	(void)ui;
	struct summary_view *sv = arg;
	return sv->title;
}

bool view_summary_push(struct ui *ui, long long decision_id)
{
	static const enum action acts[] = {ACTION_PRINT,    ACTION_SAVE_PDF,
					   ACTION_LANGUAGE, ACTION_SEARCH,
					   ACTION_BACK,	    ACTION_HELP};
	struct app *app = ui->app;
	struct summary_view *sv = xcalloc(1, sizeof(*sv));
	char err[256];
	app_need_forms(app, ui->msg, sizeof(ui->msg));
	if (summary_load(app->db, &app->forms, &app->phrases, &app->boards,
			 decision_id, &sv->l, err, sizeof(err)) != TB_OK) {
		ui_say(ui, "%s", err);
		free(sv);
		return false;
	}
	/* the patient's language first, then Swedish and English */
	const char *pl = sv->l.c->patient.language;
	sv->langs[sv->n_langs++] = pl && *pl ? pl : "sv";
	if (strcmp(sv->langs[0], "sv") != 0)
		sv->langs[sv->n_langs++] = "sv";
	if (strcmp(sv->langs[0], "en") != 0)
		sv->langs[sv->n_langs++] = "en";
	struct doc_spec s = {.name = "summary",
			     .keymap = KEYMAP_VIEW_SUMMARY,
			     .hints = acts,
			     .n_hints = UTIL_ARRAY_LEN(acts),
			     .title_of = summary_title,
			     .render = summary_render,
			     .on_action = summary_act,
			     .subject = summary_subject,
			     .free_arg = summary_free,
			     .arg = sv};
	view_doc_push(ui, &s);
	/* what the person printing must know, never on the letter */
	char *notes = summary_staff_notes(&sv->l.src);
	struct strbuf sb;
	strbuf_init(&sb);
	for (char *n = notes, *e; n && *n; n = e + 1) {
		e = strchr(n, '\n');
		*e = '\0';
		strbuf_printf(&sb, "%s%s", sb.len ? "; " : "", n);
	}
	free(notes);
	sv->notes = sb.len ? strbuf_detach(&sb) : (strbuf_done(&sb), NULL);
	if (sv->notes)
		ui_say(ui, _("For staff, not on the letter: %s"), sv->notes);
	return true;
}

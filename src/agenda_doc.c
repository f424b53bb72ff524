/*
 * The agenda of a meeting as a document: for the terminal (agenda M) and
 * for print (agenda M --pdf, and W on the screen). See agenda_doc.h.
 */
#include "agenda_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "db_case.h"
#include "i18n.h"
#include "model.h"
#include "pdf.h"
#include "readiness.h"
#include "render.h"
#include "report.h"
#include "support.h"
#include "util.h"

struct agenda_ids {
	long long *ids;
	size_t n;
};

struct agenda_print {
	struct db *db;
	const struct tb_meeting *m;
	const struct boards *bs;
	const struct trials *ts; /* NULL: no trial marks */
	int clock_min;		 /* minutes since midnight of the next slot */
	bool check;
	bool pdf; /* laid out for an A4 page */
	int items, ready;
	int decided; /* signed at this meeting: neither ready nor missing */
	int trials;  /* cases marked: a trial may fit */
	bool failed;
	struct textdoc *doc;	/* the agenda, for the terminal or a PDF */
	struct db_case_set set; /* the agenda's cases, read at once */
};

/* The first pass: the agenda's case ids. */
static bool agenda_ids(const struct db_agenda_row *r, void *arg)
{
	struct agenda_ids *ai = arg;
	ai->ids = xrealloc(ai->ids, (ai->n + 1) * sizeof(*ai->ids));
	ai->ids[ai->n++] = r->case_id;
	return true;
}

/* A stored agenda note (db_meeting.h: the store writes its own notes in
 * the words of no interface, the reason a person gave as typed) in the
 * interface's language; the caller frees it. */
static char *note_words(const char *note)
{
	long long n;
	int used = 0;
	if (strcmp(note, DB_AGENDA_DECIDED_MEANWHILE) == 0)
		return xstrdup(_("decided meanwhile; not moved on"));
	if (strcmp(note, DB_AGENDA_NOT_REACHED) == 0)
		return xstrdup(_("not reached at the meeting"));
	if (sscanf(note,
		   /* untranslated: a stored note */ "moved to meeting %lld%n",
		   &n, &used) == 1 &&
	    used > 0) {
		const char *rest = note + used;
		if (!*rest)
			return xasprintf(_("moved to meeting %lld"), n);
		if (strncmp(rest, ": ", 2) == 0) {
			char *why = note_words(rest + 2);
			char *out =
			    xasprintf(_("moved to meeting %lld: %s"), n, why);
			free(why);
			return out;
		}
	}
	used = 0;
	if (sscanf(note,
		   /* untranslated: a stored note */
		   "decided at meeting "
		   "%lld%n",
		   &n, &used) == 1 &&
	    used > 0 && !note[used])
		return xasprintf(_("decided at meeting %lld"), n);
	static const char ref[] = /* untranslated: a stored note */
	    "referred to the ";
	static const char lvl[] = /* untranslated: a stored note */ " level";
	size_t len = strlen(note);
	if (strncmp(note, ref, sizeof(ref) - 1) == 0 &&
	    len > sizeof(ref) - 1 + sizeof(lvl) - 1 &&
	    strcmp(note + len - (sizeof(lvl) - 1), lvl) == 0) {
		char *level =
		    xstrndup(note + sizeof(ref) - 1,
			     len - (sizeof(ref) - 1) - (sizeof(lvl) - 1));
		char *out = xasprintf(_("referred to the %s level"),
				      model_level_label(level));
		free(level);
		return out;
	}
	return xstrdup(note);
}

static bool agenda_row(const struct db_agenda_row *r, void *arg)
{
	struct agenda_print *ap = arg;
	const struct tb_case *c = db_case_set_find(&ap->set, r->case_id);
	if (!c) {
		ap->failed = true;
		return false;
	}
	const struct board *b = boards_for_icd10(ap->bs, c->icd10);
	const struct board *mb = boards_by_id(ap->bs, ap->m->board);
	int slot = board_slot_minutes(mb, r->slot_minutes);
	struct readiness rd;
	/* decided elsewhere since it was listed: not "ready" for this one;
	 * decided here: done, so "decided", not ready or missing */
	bool here = ap->check && r->decided_here && !r->decided;
	bool check = ap->check && b && !r->decided && !here;
	if (here)
		ap->decided++;
	if (check) {
		readiness_check(c, b, ap->m->date, &rd);
		if (!rd.missing)
			ap->ready++;
	}
	struct textdoc *doc_p = ap->doc;
#define doc (*doc_p)
	/* a trial of the registry may fit: marked as on the screen */
	bool trial = ap->ts && support_has_trial(ap->ts, c, ap->m->date);
	ap->trials += trial;
	struct render_agenda_mark mark = {.rd = check ? &rd : NULL,
					  .decided = here,
					  .details = true,
					  .trial = trial,
					  .print = ap->pdf,
					  .ready_column = ap->check};
	render_agenda_row(c, r->position, ap->clock_min, slot, &mark, &doc);
	if (r->presenter && *r->presenter) {
		textdoc_pad_to(&doc, ap->pdf ? 20 : 22);
		textdoc_printf(&doc, TD_NORMAL, _("presented by %s"),
			       r->presenter);
		textdoc_newline(&doc);
	}
	if (r->decided) {
		textdoc_pad_to(&doc, ap->pdf ? 20 : 22);
		textdoc_put(&doc, TD_WARN,
			    _("DECIDED: signed since it was listed; not to be "
			      "discussed again here"));
		textdoc_newline(&doc);
	}
	if (strcmp(r->status, "not-reached") == 0) {
		/* finishing took it off: on to the next meeting, or signed
		 * meanwhile (already signed, not skipped) */
		bool meanwhile =
		    r->note &&
		    strcmp(r->note, DB_AGENDA_DECIDED_MEANWHILE) == 0;
		textdoc_pad_to(&doc, ap->pdf ? 20 : 22);
		textdoc_put(&doc, TD_STRONG,
			    meanwhile ? model_outcome_label("decided-elsewhere")
				      : _("not reached"));
		const char *note = r->note ? r->note : "";
		const char *cut = strstr(note, ": " DB_AGENDA_NOT_REACHED);
		char *head =
		    cut ? xstrndup(note, (size_t)(cut - note)) : xstrdup(note);
		char *words = note_words(head);
		textdoc_printf(&doc, TD_NORMAL, ": %s", words);
		free(words);
		free(head);
		textdoc_newline(&doc);
	} else if (strcmp(r->status, "listed") != 0) {
		textdoc_pad_to(&doc, ap->pdf ? 20 : 22);
		/* signed here: the minutes' "discussed, decided" */
		textdoc_put(&doc, TD_STRONG,
			    r->decided_here ? _("decided at this meeting")
					    : model_outcome_label(r->status));
		if (r->note && *r->note) {
			char *words = note_words(r->note);
			textdoc_printf(&doc, TD_NORMAL, ": %s", words);
			free(words);
		}
		textdoc_newline(&doc);
	}
	long long secs = -1;
	if (r->started &&
	    db_agenda_seconds(ap->db, ap->m->id, r->case_id,
			      (long long)clock_now(), &secs) == TB_OK &&
	    secs >= 0) {
		textdoc_pad_to(&doc, ap->pdf ? 20 : 22);
		textdoc_printf(&doc, TD_DIM, _("time spent %lld:%02lld%s"),
			       secs / 60, secs % 60,
			       r->ended ? "" : _(" (running)"));
		textdoc_newline(&doc);
	}
#undef doc
	ap->items++;
	ap->clock_min += slot;
	return true;
}

char *agenda_doc_ready(int ready, int items, int decided)
{
	char *out = xasprintf(
	    /* TRANSLATORS: the number ready comes first; the plural
	     * follows it ("1 av 4 klart", "2 av 4 klara") */
	    ngettext("%d of %d ready", "%d of %d ready", (unsigned long)ready),
	    ready, items);
	if (decided > 0) {
		char *more = xasprintf(
		    /* TRANSLATORS: after "1 of 2 ready": the cases signed
		     * at this meeting ("1 av 2 klart, 1 beslutat") */
		    ngettext("%s, %d decided", "%s, %d decided",
			     (unsigned long)decided),
		    out, decided);
		free(out);
		out = more;
	}
	return out;
}

enum tb_status agenda_doc_build(struct db *db, const struct boards *bs,
				const struct trials *ts,
				const struct tb_meeting *m, bool check,
				bool pdf, struct textdoc *doc,
				struct agenda_doc_info *out)
{
	const struct board *mb = boards_by_id(bs, m->board);
	if (pdf) {
		/* a printed agenda: the meeting first (title, date, team),
		 * then the agenda; the board's figures at the end */
		textdoc_printf(doc, TD_TITLE, _("Agenda %s %s — %s"), m->date,
			       m->start_time, mb ? board_name(mb) : m->board);
		textdoc_newline(doc);
		textdoc_printf(doc, TD_DIM,
			       _("Meeting %lld, %s MDK, %d min%s%s"), m->id,
			       model_level_label(m->level), m->length_min,
			       m->location[0] ? ", " : "", m->location);
		if (m->chair[0])
			textdoc_printf(doc, TD_DIM, _(". Chair: %s"), m->chair);
	} else
		textdoc_printf(doc, TD_TITLE,
			       _("Meeting %lld: %s %s, %s, %s MDK, %d min%s%s"),
			       m->id, m->date, m->start_time,
			       model_board_label(m->board),
			       model_level_label(m->level), m->length_min,
			       m->location[0] ? ", " : "", m->location);
	textdoc_newline(doc);
	if (pdf)
		textdoc_newline(doc);
	/* a finished or cancelled meeting is a record: its readiness is no
	 * longer checked ("x of y ready" would mislead) */
	bool closed = strcmp(m->status, "finished") == 0 ||
		      strcmp(m->status, "cancelled") == 0;
	/* a printed agenda always says what each case still lacks */
	if (pdf)
		check = true;
	struct agenda_print ap = {.db = db,
				  .m = m,
				  .bs = bs,
				  .ts = ts,
				  .check = check && !closed,
				  .pdf = pdf,
				  .doc = doc};
	ap.clock_min = atoi(m->start_time) * 60 + atoi(m->start_time + 3);
	if (pdf)
		render_agenda_head_print(ap.check, doc);
	/* the agenda twice: its case ids, then its rows with the cases
	 * read at once in between (not one by one) */
	struct agenda_ids ids = {0};
	enum tb_status st = db_agenda_record(db, m->id, agenda_ids, &ids);
	if (st == TB_OK)
		st = db_case_set_load(db, ids.ids, ids.n, &ap.set);
	free(ids.ids);
	if (st == TB_OK)
		st = db_agenda_record(db, m->id, agenda_row, &ap);
	db_case_set_done(&ap.set);
	int end_min =
	    atoi(m->start_time) * 60 + atoi(m->start_time + 3) + m->length_min;
	if (st == TB_OK && !ap.failed) {
		if (!ap.items) {
			textdoc_put(doc, TD_NORMAL,
				    _("No cases on the agenda."));
			textdoc_newline(doc);
		}
		if (ap.clock_min > end_min) {
			textdoc_printf(
			    doc, TD_WARN,
			    ngettext("The agenda runs %d minute over "
				     "the meeting's %d.",
				     "The agenda runs %d minutes over "
				     "the meeting's %d.",
				     (unsigned long)(ap.clock_min - end_min)),
			    ap.clock_min - end_min, m->length_min);
			textdoc_newline(doc);
		}
		if (check && closed) {
			textdoc_printf(doc, TD_STRONG,
				       _("The meeting is %s: readiness is not "
					 "checked%s"),
				       model_meeting_status_label(m->status),
				       strcmp(m->status, "finished") == 0
					   ? _(" (see its minutes)")
					   : "");
			textdoc_newline(doc);
		} else if (check) {
			char *ready =
			    agenda_doc_ready(ap.ready, ap.items, ap.decided);
			textdoc_put(doc, TD_STRONG, ready);
			free(ready);
			textdoc_newline(doc);
		}
		if (ap.trials) {
			/* paper has no help screen: the mark explained */
			textdoc_put(doc, TD_DIM,
				    _("T, TRIAL: an open trial of the registry "
				      "may fit the case"));
			textdoc_newline(doc);
		}
		/* the board's turnaround over the last twelve months: below
		 * the agenda, which the page opens with */
		char *line = NULL;
		if (pdf && report_board_summary(db, bs, m->board, m->date,
						&line) == TB_OK) {
			textdoc_newline(doc);
			textdoc_printf(doc, TD_DIM, _("Turnaround: %s"), line);
			textdoc_newline(doc);
			free(line);
		}
		/* the text keeps its old shape: no empty trailing lines */
		while (doc->n_lines && doc->lines[doc->n_lines - 1].len == 0) {
			free(doc->lines[doc->n_lines - 1].text);
			free(doc->lines[doc->n_lines - 1].spans);
			doc->n_lines--;
		}
	}
	out->items = ap.items;
	out->ready = ap.ready;
	out->decided = ap.decided;
	out->checked = ap.check;
	return st != TB_OK ? st : ap.failed ? TB_DB : TB_OK;
}

/* An agenda names patients: what leaves the program is recorded. */
static enum tb_status record_out(struct db *db, const struct tb_meeting *m,
				 const char *what)
{
	if (db_begin(db) != TB_OK ||
	    db_audit_append(db, db_actor(), "export", "meeting", m->id, what) !=
		TB_OK ||
	    db_commit(db) != TB_OK) {
		db_rollback(db);
		return TB_DB;
	}
	return TB_OK;
}

/* doc as m's A4 agenda PDF at path; its title is the agenda's. */
static enum tb_status write_pdf(const struct tb_meeting *m,
				const struct textdoc *doc, const char *path,
				char *err, size_t errlen, char **title_out)
{
	char *title = xasprintf(_("Agenda %s %s"), m->date, m->start_time);
	struct pdf_options po = {.title = title,
				 .footer_text = title,
				 .page_text = "{page}/{pages}"};
	enum tb_status st = pdf_write(doc, &po, path, err, errlen);
	if (title_out)
		*title_out = title;
	else
		free(title);
	return st;
}

enum tb_status agenda_doc_pdf(struct db *db, const struct tb_meeting *m,
			      const struct textdoc *doc, const char *path,
			      char *err, size_t errlen)
{
	enum tb_status st = write_pdf(m, doc, path, err, errlen, NULL);
	if (st == TB_OK)
		st = record_out(
		    db, m, /* untranslated: an audit detail */ "agenda as PDF");
	return st;
}

enum tb_status agenda_doc_print(struct db *db, const struct tb_meeting *m,
				const struct textdoc *doc, const char *printer,
				char *err, size_t errlen)
{
	char *tmp = pdf_temp_file("agenda", err, errlen);
	if (!tmp)
		return TB_IO;
	if (!printer || !*printer)
		printer = getenv("TUMORBOARD_PRINTER");
	char *title = NULL;
	enum tb_status st = write_pdf(m, doc, tmp, err, errlen, &title);
	if (st == TB_OK)
		st = pdf_lp(tmp, printer, title,
			    _("lp did not accept the agenda"), err, errlen);
	unlink(tmp);
	free(tmp);
	free(title);
	if (st == TB_OK) {
		char *what = xasprintf(
		    /* untranslated: an audit detail */ "agenda printed%s%s",
		    printer && *printer ? " on " : "",
		    printer && *printer ? printer : "");
		st = record_out(db, m, what);
		free(what);
		if (st != TB_OK)
			snprintf(err, errlen, _("the print was not recorded"));
	}
	return st;
}

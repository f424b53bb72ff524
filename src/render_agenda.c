/*
 * The agenda and meeting lines (render.h): one agenda line for the
 * screen, the command line and print, and one meeting line.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "i18n.h"
#include "readiness.h"
#include "util.h"
#include "validate.h"

/* The readiness of an agenda line: "ready", or "N missing" with the
 * missing items' names after it unless they get lines of their own or
 * there is no room (details, or narrow: the count only); "decided" for a
 * case signed at the meeting, which is no longer waiting for anything. */
static void agenda_readiness(const struct render_agenda_mark *k,
			     struct textdoc *doc)
{
	const struct readiness *rd = k->rd;
	bool details = k->details || k->narrow;
	if (k->decided || !rd) {
		textdoc_put(doc, TD_NORMAL, model_outcome_label("decided"));
		return;
	}
	if (!rd->missing)
		textdoc_put(doc, TD_NORMAL, pgettext("readiness", "ready"));
	else
		textdoc_printf(doc, TD_WARN, _("%d missing%s"), rd->missing,
			       details ? "" : ":");
	for (int i = 0; rd->missing && !details && i < rd->n; i++)
		if (!rd->items[i].ok)
			textdoc_printf(doc, TD_WARN, " %s", rd->items[i].what);
}

/* One line per missing item, with its reason, indented to column at.
 * print: "missing:" and the item in columns (two spaces: a tab stop, so
 * that the reason wraps under the item and the lines stay together). */
static void agenda_missing(const struct readiness *rd, int at, bool print,
			   struct textdoc *doc)
{
	for (int i = 0; rd && i < rd->n; i++) {
		if (rd->items[i].ok)
			continue;
		textdoc_pad_to(doc, at);
		if (print)
			textdoc_printf(doc, TD_WARN, "%s  %s",
				       pgettext("agenda", "missing:"),
				       rd->items[i].what);
		else
			textdoc_printf(doc, TD_WARN, _("missing: %s"),
				       rd->items[i].what);
		if (rd->items[i].detail[0])
			textdoc_printf(doc, TD_NORMAL, ": %s",
				       rd->items[i].detail);
		textdoc_newline(doc);
	}
}

/* The readiness count's cells before the marks that follow it (TRIAL,
 * INTERPRETER): "1 missing", "1 saknas", "ready", "decided". */
#define AGENDA_READY_CELLS 9
/* A screen row's ICD-10 column and its readiness column after it, with
 * the identity number (else narrow). */
#define AGENDA_ICD_COL	 80
#define AGENDA_READY_COL (AGENDA_ICD_COL + 8)

/* Whether the readiness column holds the count alone (what is missing
 * is below it, or nothing is), so that marks after it make a column. */
static bool ready_count_alone(const struct render_agenda_mark *k)
{
	return k->details || k->decided || !k->rd || !k->rd->missing;
}

/* The start of an agenda line: position (with the trial mark), and the
 * start time and slot, or what the meeting did with the case. */
static void agenda_lead(int position, int clock_min, int slot,
			const struct render_agenda_mark *k, struct textdoc *doc)
{
	/* a trial mark in the first column shows on a narrow screen */
	if (k->trial && position < 10)
		textdoc_printf(doc, TD_NORMAL, "T%d  ", position);
	else
		textdoc_printf(doc, TD_NORMAL, "%2d  ", position);
	/* the outcome in the 15 columns of time and slot, one space after
	 * it at least: cut and padded by display cells, not bytes (a word
	 * with å, ä or ö is as wide as it reads, and the case stays in its
	 * column) */
	if (k->outcome) {
		char *word = util_fit_words(k->outcome, 14);
		struct strbuf lead = {0};
		util_pad_cells(&lead, word, 15);
		textdoc_put(doc, TD_NORMAL, lead.buf);
		strbuf_done(&lead);
		free(word);
	} else
		textdoc_printf(doc, TD_NORMAL, _("%02d:%02d  %2d min  "),
			       clock_min / 60 % 24, clock_min % 60, slot);
}

/* The agenda line for an A4 page (about 68 columns of the PDF's font;
 * the case column at 20, where the second line's indent puts the name,
 * ICD-10 at 41, after the longest case id, readiness at 49):
 * what the coordinator scans down (time, case, diagnosis, readiness) on
 * the first line, who the patient is on the second. */
static void agenda_row_print(const struct tb_case *c, int position,
			     int clock_min, int slot,
			     const struct render_agenda_mark *k,
			     const char *masked, struct textdoc *doc)
{
	agenda_lead(position, clock_min, slot, k, doc);
	textdoc_pad_to(doc, 20);
	textdoc_put(doc, TD_STRONG, c->external_id);
	textdoc_column(doc, 41);
	textdoc_put(doc, TD_NORMAL, c->icd10);
	if (k->rd || k->decided) {
		textdoc_column(doc, 49);
		agenda_readiness(k, doc);
		if (k->trial && ready_count_alone(k))
			textdoc_pad_to(doc, 49 + AGENDA_READY_CELLS);
	} else if (k->trial && k->ready_column) { /* the others' marks' */
		textdoc_pad_to(doc, 49 + AGENDA_READY_CELLS);
	}
	if (k->trial)
		textdoc_put(doc, TD_NORMAL, _("  TRIAL"));
	textdoc_newline(doc);
	/* the identity number after a tab stop: the name line and the
	 * missing items below it stay one block on the page */
	textdoc_pad_to(doc, 20);
	char *name =
	    xasprintf("%s, %s", c->patient.family_name, c->patient.given_name);
	textdoc_put(doc, TD_NORMAL, name);
	/* in its column (headed "Identity number" on the heading's second
	 * line) when the name leaves room */
	if (util_display_width(name) <= 19)
		textdoc_pad_to(doc, 41);
	else
		textdoc_put(doc, TD_NORMAL, "  ");
	free(name);
	textdoc_put(doc, TD_NORMAL, masked);
	if (c->patient.interpreter)
		textdoc_printf(doc, TD_WARN, _("  INTERPRETER (%s)"),
			       c->patient.language ? c->patient.language : "?");
	textdoc_newline(doc);
	if (k->details)
		agenda_missing(k->rd, 20, true, doc);
}

void render_agenda_head_print(bool readiness, struct textdoc *doc)
{
	textdoc_put(doc, TD_LABEL, pgettext("agenda column", " #"));
	textdoc_pad_to(doc, 4);
	textdoc_put(doc, TD_LABEL, pgettext("agenda column", "Time"));
	textdoc_pad_to(doc, 11);
	textdoc_put(doc, TD_LABEL, pgettext("agenda column", "Slot"));
	textdoc_pad_to(doc, 20);
	textdoc_put(doc, TD_LABEL, pgettext("agenda column", "Case"));
	textdoc_pad_to(doc, 41);
	textdoc_put(doc, TD_LABEL, pgettext("agenda column", "ICD-10"));
	if (readiness) {
		textdoc_pad_to(doc, 49);
		textdoc_put(doc, TD_LABEL,
			    pgettext("agenda column", "Readiness"));
	}
	textdoc_newline(doc);
	/* each row's second line has columns of its own: the name and the
	 * identity number, headed here, not under ICD-10's heading */
	textdoc_pad_to(doc, 20);
	textdoc_put(doc, TD_LABEL, pgettext("agenda column", "Patient"));
	textdoc_pad_to(doc, 41);
	textdoc_put(doc, TD_LABEL,
		    pgettext("agenda column", "Identity number"));
	textdoc_newline(doc);
}

/* The narrowest screen of each tier (render_agenda_tight): the row
 * drawn from the second column; position 4, time and slot 15, case 21
 * (an id longer than 20 ends in "…"), name 20, readiness 14 cells. */
static const int tight_min[] = {80, 75, 54, 40, 0};

int render_agenda_tight(int cols)
{
	int t = 0;
	while (cols < tight_min[t])
		t++;
	return t;
}

void render_agenda_tight_heading(const char *narrow, int tier,
				 struct strbuf *sb)
{
	/* the narrow heading's columns: position, time and slot, case,
	 * name, ICD-10 (left out), readiness */
	static const int from[] = {0, 4, 19, 39, 63},
			 to[] = {4, 19, 39, 56, 99};
	int width[] = {4, 15, 21, tier >= 4 ? 0 : 20, 0};
	for (int i = 0; i < 5; i++)
		if ((i != 1 || tier < 4) && (i != 2 || tier < 2) &&
		    (i != 4 || tier < 3))
			render_heading_part(sb, narrow, from[i], to[i],
					    width[i]);
}

/* An agenda row under 80 columns (render_agenda_tight): the columns of
 * k->tight, each whole. */
static void agenda_row_tight(const struct tb_case *c, int position,
			     int clock_min, int slot,
			     const struct render_agenda_mark *k,
			     struct textdoc *doc)
{
	int col = 4;
	if (k->tight < 4) {
		agenda_lead(position, clock_min, slot, k, doc);
		col = 19;
	} else
		textdoc_printf(doc, TD_NORMAL,
			       k->trial && position < 10 ? "T%d  " : "%2d  ",
			       position);
	if (k->tight < 2) {
		char *id = util_fit_words(c->external_id, 20);
		textdoc_put(doc, TD_NORMAL, id);
		free(id);
		textdoc_pad_to(doc, col += 21);
	}
	int name_w = k->tight >= 4 ? 24 : 20;
	render_name_cut(doc, c->patient.family_name, c->patient.given_name,
			name_w - 1);
	if (k->tight < 3 && (k->rd || k->decided)) {
		textdoc_pad_to(doc, col + name_w);
		struct render_agenda_mark count = *k;
		count.details = true; /* the count only */
		agenda_readiness(&count, doc);
	}
	textdoc_newline(doc);
}

/* The cells of a screen row's marks (TRIAL, INTERPRETER) at the end. */
static int marks_cells(const struct tb_case *c,
		       const struct render_agenda_mark *k)
{
	int w = k->trial ? util_display_width(_("  TRIAL")) : 0;
	if (c->patient.interpreter) {
		char *m =
		    xasprintf(_("  INTERPRETER (%s)"),
			      c->patient.language ? c->patient.language : "?");
		w += util_display_width(m);
		free(m);
	}
	return w;
}

/* Whether a screen row's readiness may name what is missing on its line
 * from ready_col: its marks after it still within k->cols (0: any). */
static bool missing_fits(const struct tb_case *c,
			 const struct render_agenda_mark *k, int ready_col)
{
	if (!k->cols || k->details || k->narrow || !k->rd || !k->rd->missing)
		return true;
	struct textdoc t;
	textdoc_init(&t, 1000);
	agenda_readiness(k, &t);
	textdoc_newline(&t);
	int w = util_display_width(t.lines[0].text);
	textdoc_done(&t);
	return ready_col + w + marks_cells(c, k) <= k->cols;
}

void render_agenda_row(const struct tb_case *c, int position, int clock_min,
		       int slot, const struct render_agenda_mark *mark,
		       struct textdoc *doc)
{
	static const struct render_agenda_mark none = {0};
	const struct render_agenda_mark *k = mark ? mark : &none;
	const struct readiness *rd = k->rd;
	if (k->marks_at) /* none but on a screen's full row */
		*k->marks_at = -1;
	if (k->brief_int)
		*k->brief_int = false;
	char masked[14] = "?";
	if (c->patient.pnr && strlen(c->patient.pnr) == 13)
		validate_pnr_mask(c->patient.pnr, masked);
	if (k->print) {
		agenda_row_print(c, position, clock_min, slot, k, masked, doc);
		return;
	}
	if (k->tight) {
		agenda_row_tight(c, position, clock_min, slot, k, doc);
		return;
	}
	agenda_lead(position, clock_min, slot, k, doc);
	textdoc_put(doc, TD_NORMAL, c->external_id);
	/* narrow: case 20, name 15 (cut), ICD-10 7, readiness from 63 (14
	 * columns: "1 saknas  TOLK", the last one left free). Every column
	 * is followed by a space: a case id of 20 characters or more moves
	 * the name on, two spaces after it, and the name is cut shorter,
	 * two spaces before ICD-10, so that ICD-10 stays in its column. */
	int name_col = k->narrow ? 39 : 57,
	    icd_col = k->narrow ? 56 : AGENDA_ICD_COL;
	if (!k->narrow) {
		textdoc_column(doc, 42);
		textdoc_put(doc, TD_NORMAL, masked);
	}
	int at = textdoc_column(doc, name_col);
	if (k->narrow && at > name_col)
		at = textdoc_column(doc, at + 1);
	if (k->narrow)
		render_name_cut(doc, c->patient.family_name,
				c->patient.given_name,
				icd_col - 2 - at < 15 ? icd_col - 2 - at : 15);
	else
		textdoc_printf(doc, TD_NORMAL, "%s, %s", c->patient.family_name,
			       c->patient.given_name);
	textdoc_column(doc, icd_col);
	textdoc_put(doc, TD_NORMAL, c->icd10);
	/* what is missing, after the count: not on a narrow screen, where
	 * the column holds the count only (in any language) and the case
	 * view says what */
	if (rd || k->decided) {
		int ready_col = textdoc_column(
		    doc, k->narrow ? icd_col + 7 : AGENDA_READY_COL);
		/* what is missing named on the line only where the marks
		 * still fit after it (the count alone else) */
		struct render_agenda_mark said = *k;
		said.details |= !missing_fits(c, k, ready_col);
		agenda_readiness(&said, doc);
		/* the marks in a column of their own after the count
		 * ("ready", "1 missing", as wide as "1 missing") */
		if (!k->narrow && ready_count_alone(&said) &&
		    (k->trial || c->patient.interpreter))
			textdoc_pad_to(doc, ready_col + AGENDA_READY_CELLS);
	} else if (!k->narrow && k->ready_column &&
		   (k->trial || c->patient.interpreter)) {
		/* no readiness (signed elsewhere, say): the marks where the
		 * others' follow their count, not in the readiness column */
		textdoc_pad_to(doc, AGENDA_READY_COL + AGENDA_READY_CELLS);
	}
	/* brief (INT; no TRIAL beside the T) on a narrow screen, or where
	 * the whole marks would run past its edge */
	bool brief =
	    k->narrow ||
	    (k->cols && textdoc_width(doc) + marks_cells(c, k) > k->cols);
	bool trial = k->trial && !(brief && position < 10);
	if (k->marks_at) /* where they begin, to line them up */
		*k->marks_at = trial || c->patient.interpreter
				   ? (int)doc->lines[doc->n_lines - 1].len
				   : -1;
	if (k->brief_int)
		*k->brief_int = brief && c->patient.interpreter;
	if (trial)
		textdoc_put(doc, TD_NORMAL, _("  TRIAL"));
	if (c->patient.interpreter && brief)
		textdoc_put(doc, TD_WARN,
			    pgettext("interpreter, narrow agenda", "  INT"));
	else if (c->patient.interpreter)
		textdoc_printf(doc, TD_WARN, _("  INTERPRETER (%s)"),
			       c->patient.language ? c->patient.language : "?");
	textdoc_newline(doc);
	if (k->details)
		agenda_missing(rd, 22, false, doc);
}

int render_agenda_full_cells(void)
{
	/* the count's cells, then INT in the language */
	return AGENDA_READY_COL + AGENDA_READY_CELLS +
	       util_display_width(
		   pgettext("interpreter, narrow agenda", "  INT"));
}

/* The widest text of rows before their marks (all: of every row, a row
 * without marks whole; else of the rows with marks). */
static int text_widest(char **rows, const int *marks_at, int n, bool all)
{
	int widest = 0;
	for (int i = 0; i < n; i++) {
		if (!all && marks_at[i] < 0)
			continue;
		char *text =
		    xstrndup(rows[i], marks_at[i] < 0 ? strlen(rows[i])
						      : (size_t)marks_at[i]);
		int w = util_display_width(text);
		free(text);
		if (w > widest)
			widest = w;
	}
	return widest;
}

/* Whether every row's marks fit in cols after column at. */
static bool marks_fit(char **rows, const int *marks_at, int n, int at, int cols)
{
	for (int i = 0; i < n; i++)
		if (marks_at[i] >= 0 &&
		    at + util_display_width(rows[i] + marks_at[i]) > cols)
			return false;
	return true;
}

void render_agenda_marks_align(char **rows, const int *marks_at, int n,
			       int cols)
{
	/* after every row's text; else after the marked rows' own */
	int at = text_widest(rows, marks_at, n, true);
	if (!marks_fit(rows, marks_at, n, at, cols))
		at = text_widest(rows, marks_at, n, false);
	if (!marks_fit(rows, marks_at, n, at, cols))
		return; /* each after its row's */
	for (int i = 0; i < n; i++) {
		if (marks_at[i] < 0)
			continue;
		char *text = xstrndup(rows[i], (size_t)marks_at[i]);
		struct strbuf row = {0};
		util_pad_cells(&row, text, at);
		strbuf_puts(&row, rows[i] + marks_at[i]);
		free(rows[i]);
		rows[i] = strbuf_detach(&row);
		free(text);
	}
}

char *render_agenda_lacks(const struct readiness *rd)
{
	if (!rd->missing)
		return NULL;
	struct strbuf what = {0};
	for (int i = 0; i < rd->n; i++) {
		if (rd->items[i].ok)
			continue;
		strbuf_printf(&what, "%s%s", what.len ? "; " : "",
			      rd->items[i].what);
		if (rd->items[i].detail[0])
			strbuf_printf(&what, " (%s)", rd->items[i].detail);
	}
	return strbuf_detach(&what);
}

/* The meeting line's columns, in the order of the line, each as wide as
 * its cells in the heading (the last but the place: the widest count,
 * "12 cases, 10 ready"), and the order in which a screen under 80 columns
 * leaves them out, least important first: the level, the number, the
 * number of cases, the status. The date and the board stay. */
enum {
	MCOL_NUMBER,
	MCOL_DATE,
	MCOL_BOARD,
	MCOL_LEVEL,
	MCOL_STATUS,
	MCOL_CASES,
	N_MCOLS
};
static const int mcol_cells[N_MCOLS] = {6, 18, 12, 10, 10, 20};
static const int mcol_left_out[] = {MCOL_LEVEL, MCOL_NUMBER, MCOL_CASES,
				    MCOL_STATUS};

/* The widest of the labels (translated), in display cells. */
static int widest(const char *(*label)(const char *), const char *const *of,
		  size_t n, int at_least)
{
	for (size_t i = 0; i < n; i++) {
		int w = util_display_width(label(of[i]));
		if (w > at_least)
			at_least = w;
	}
	return at_least;
}

/* The columns' widths: the level and the status as wide as their longest
 * word in the interface's language and two spaces ("nationell", "ej
 * hållet"), at least as wide as their heading's cells. */
static void meeting_widths(int w[N_MCOLS])
{
	static const char *const states[] = {"planned", "running", "finished",
					     "cancelled"};
	memcpy(w, mcol_cells, sizeof(mcol_cells));
	int level = render_level_width();
	int status =
	    widest(model_meeting_status_label, states, UTIL_ARRAY_LEN(states),
		   util_display_width(_("not held")));
	if (level + 2 > w[MCOL_LEVEL])
		w[MCOL_LEVEL] = level + 2;
	if (status + 2 > w[MCOL_STATUS])
		w[MCOL_STATUS] = status + 2;
}

/* Whether a meeting line of tier shows column c. */
static bool meeting_shows(int tier, int c)
{
	for (int i = 0; i < tier; i++)
		if (mcol_left_out[i] == c)
			return false;
	return true;
}

int render_meeting_tight(int cols)
{
	int w[N_MCOLS], tier = 0, need = 0;
	meeting_widths(w);
	for (int c = 0; c < N_MCOLS; c++)
		need += w[c];
	/* the line from the second column, its last column's gap the margin */
	while (tier < (int)UTIL_ARRAY_LEN(mcol_left_out) && need > cols)
		need -= w[mcol_left_out[tier++]];
	return tier;
}

void render_meeting_heading(const char *heading, const char *place, int tier,
			    struct strbuf *sb)
{
	int w[N_MCOLS], from = 0;
	meeting_widths(w);
	for (int c = 0; c < N_MCOLS; c++) {
		int to = c == MCOL_CASES ? 999 : from + mcol_cells[c];
		if (meeting_shows(tier, c))
			render_heading_part(sb, heading, from, to,
					    to == 999 && !place ? 0 : w[c]);
		from = to;
	}
	while (place && *place == ' ')
		place++;
	if (place)
		strbuf_puts(sb, place);
}

/* Column c of a meeting line. */
static void meeting_cell(const struct tb_meeting *m, int ready, int c,
			 struct textdoc *doc)
{
	/* still planned after its time: flagged, so that it is started,
	 * moved or cancelled rather than forgotten */
	bool past = c >= MCOL_STATUS && model_meeting_past(m, clock_now());
	switch (c) {
	case MCOL_NUMBER:
		textdoc_printf(doc, TD_NORMAL, "%lld", m->id);
		break;
	case MCOL_DATE:
		textdoc_printf(doc, TD_NORMAL, "%s %s", m->date, m->start_time);
		break;
	case MCOL_BOARD:
		textdoc_put(doc, TD_NORMAL, model_board_label(m->board));
		break;
	case MCOL_LEVEL:
		textdoc_put(doc, TD_NORMAL, model_level_label(m->level));
		break;
	case MCOL_STATUS:
		if (past)
			textdoc_put(doc, TD_WARN, _("not held"));
		else
			textdoc_put(doc, TD_NORMAL,
				    model_meeting_status_label(m->status));
		break;
	default:
		textdoc_printf(
		    doc, TD_NORMAL,
		    ngettext("%d case", "%d cases", (unsigned long)m->n_cases),
		    m->n_cases);
		if (ready >= 0 && strcmp(m->status, "planned") == 0 && !past)
			textdoc_printf(doc,
				       ready < m->n_cases ? TD_WARN : TD_NORMAL,
				       ngettext(", %d ready", ", %d ready",
						(unsigned long)ready),
				       ready);
	}
}

void render_meeting_row_tight(const struct tb_meeting *m, int ready, int tier,
			      bool place, struct textdoc *doc)
{
	int w[N_MCOLS], col = 0;
	meeting_widths(w);
	for (int c = 0; c < N_MCOLS; c++) {
		if (!meeting_shows(tier, c))
			continue;
		meeting_cell(m, ready, c, doc);
		if (c < N_MCOLS - 1 || place)
			textdoc_pad_to(doc, col += w[c]);
	}
	if (place)
		textdoc_put(doc, TD_NORMAL, m->location);
	textdoc_newline(doc);
}

void render_meeting_row(const struct tb_meeting *m, int ready, bool place,
			struct textdoc *doc)
{
	render_meeting_row_tight(m, ready, 0, place, doc);
}

/*
 * render — turns stored data into a textdoc: the whole case as text (for
 * `tumorboard show`, the TUI case pager and later printouts).
 */
#ifndef TB_RENDER_H
#define TB_RENDER_H

#include <stdbool.h>

#include "model.h"
#include "model_list.h"
#include "model_meeting.h"
#include "textdoc.h"
#include "util.h"

struct readiness;
struct decision_brief;
struct answer_brief;
struct origin_brief;
struct kb;

struct render_opts {
	bool mask_id;	   /* show YYYYMMDD-**** instead of the number */
	const char *today; /* YYYY-MM-DD, for ages and result ages */
	/* When set, the summary shows the readiness checklist (borrowed). */
	const struct readiness *readiness;
	/* When set, the patient's signed decisions (borrowed), shown in
	 * their own section and at the end of the whole case. */
	const struct decision_brief *decisions;
	size_t n_decisions;
	bool with_decisions;
	/* When set, the answers received from the boards the case was
	 * referred to (borrowed), shown with the referral. */
	const struct answer_brief *answers;
	size_t n_answers;
	/* When set, the board the case was received from (borrowed), shown
	 * with the referral. */
	const struct origin_brief *origin;
	/* When set, each finding shows the knowledge base's suggestion
	 * (borrowed). */
	const struct kb *kb;
	/* The terminal shows block elements: the imaging section draws the
	 * RECIST sums as a sparkline (render_sparkline) above the numbers. */
	bool blocks;
};

void render_case(const struct tb_case *c, const struct render_opts *o,
		 struct textdoc *doc);

/* The case view in parts: a banner that stays on screen (name, identity
 * number, age, sex; case id, level, priority, status), a line of tabs, and
 * one section (RENDER_ALL is the whole case as render_case shows it). */
enum render_section {
	RENDER_ALL,
	RENDER_SUMMARY, /* patient, diagnosis, staging, referral, question */
	RENDER_PATHOLOGY,
	RENDER_MOLECULAR,
	RENDER_IMAGING,
	RENDER_DECISIONS, /* only when render_opts.with_decisions */
	RENDER_SECTION_COUNT
};
const char *render_section_name(enum render_section s);
void render_case_banner(const struct tb_case *c, const struct render_opts *o,
			struct textdoc *doc);
void render_case_tabs(const struct tb_case *c, const struct render_opts *o,
		      enum render_section current, struct textdoc *doc);
void render_case_section(const struct tb_case *c, const struct render_opts *o,
			 enum render_section s, struct textdoc *doc);
/* render_case_section in parts (RENDER_ALL: summary, pathology, each
 * finding, imaging, decisions): from part *part and finding *finding (both
 * 0 to begin) on, stopping before the next part once doc holds `lines`
 * lines (0: to the end); true when the section is whole, else *part and
 * *finding say where it goes on. */
bool render_case_section_upto(const struct tb_case *c,
			      const struct render_opts *o,
			      enum render_section s, struct textdoc *doc,
			      int *part, size_t *finding, size_t lines);

/*
 * One case as a list row, appended to the current line of doc: [case id]
 * referral date, identity number (masked unless full_id), name, ICD-10,
 * level, status [, diagnosis]. The same columns in the batch list and on
 * the screen.
 */
void render_case_row(const struct db_case_row *r, bool full_id,
		     bool with_case_id, bool with_diagnosis,
		     struct textdoc *doc);

/* The screen's row in a layout: 0 on a narrow screen (under 100
 * columns), the name cut to 19 columns so that the status, the last
 * column that fits in 80, shows in full ("not-discussed",
 * "decision-draft"); 1 with the diagnosis; 2 (from 150 columns) led by
 * the case's id, which tells two cases of one patient apart; under 80
 * columns (3 to 7) whole columns are left out, one more in each, in a
 * fixed order (the level, the referral date, the ICD-10 code, the
 * status, the identity number): never a column cut in a word, and the
 * name always there (at 40 columns with the identity number, 23 cells
 * of it). The layout for a screen cols wide; the heading of each
 * layout's columns (static). */
int render_case_screen_layout(int cols);
/* The part of a translated heading in display cells [from, to), without
 * the spaces around it (those before the first column kept), appended to sb
 * padded to width cells (0: not padded): a narrow screen's heading made of a
 * wider one's columns. */
void render_heading_part(struct strbuf *sb, const char *heading, int from,
			 int to, int width);
void render_case_screen_row(const struct db_case_row *r, int layout,
			    struct textdoc *doc);
const char *render_case_screen_heading(int layout);

/* What an empty case list says for the search text search: that no case
 * matches, and for a birth date alone (validate_pnr_partial) that an
 * identity number is searched whole. */
const char *render_no_match(const char *search);

/* What an agenda line shows besides the case (all optional). */
struct render_agenda_mark {
	const struct readiness *rd; /* "ready" or "N missing" */
	bool details;		    /* one line per missing item, with reason,
				       instead of their names on the line */
	const char *outcome;	    /* what the meeting did with the case: shown
				       in place of start time and slot */
	bool trial;		    /* a registry trial fits: "T" in the first
				       column (positions 1-9) and "TRIAL" at the end */
	bool narrow; /* for a narrow screen: no identity number, a shorter
			name column, so that readiness shows in 80 columns */
	int tight;   /* under 80 columns (render_agenda_tight; 0: not):
			whole columns left out, the name kept */
	bool print;  /* for an A4 page: two lines, the first with position,
			time, slot, case id, ICD-10 and readiness, the second
			with name, identity number and interpreter */
	/* signed at this meeting: "decided" where the readiness goes (rd is
	 * NULL then) */
	bool decided;
	/* the screen's width (0: any): what is missing is named on the row
	 * only where its marks still fit after it */
	int cols;
	/* the agenda has a readiness column: a row that shows none (signed
	 * elsewhere) keeps its room before the marks */
	bool ready_column;
	/* when not NULL, set to where the row's marks (TRIAL, INTERPRETER)
	 * begin in its line, in bytes; -1 when it has none (nor on a page or
	 * under 80 columns): render_agenda_marks_align */
	int *marks_at;
	/* when not NULL, set to whether the row marks an interpreter in short
	 * (INT: a narrow screen, or the whole mark past the edge of cols) */
	bool *brief_int;
};

/*
 * One agenda line: position, start time (clock_min: minutes since
 * midnight), slot, case id, masked identity number, name, ICD-10, and what
 * mark (NULL: nothing) adds.
 */
void render_agenda_row(const struct tb_case *c, int position, int clock_min,
		       int slot, const struct render_agenda_mark *mark,
		       struct textdoc *doc);

/*
 * The marks of an agenda's rows (marks_at, as render_agenda_row set it) in
 * one column within cols: after every row's text (a row without marks:
 * all of it) where they all fit there, else after the widest text of the
 * rows with marks; where they do not fit even so, each stays after its
 * row's text.
 */
void render_agenda_marks_align(char **rows, const int *marks_at, int n,
			       int cols);

/* The cells a screen's agenda row needs with the identity number: its
 * count of what is missing and a brief interpreter mark (INT) whole
 * (102 in English); a screen narrower takes the narrow layout. */
int render_agenda_full_cells(void);

/* What a case's readiness lacks, for the line under the agenda ("item
 * (detail); item"); NULL when nothing. Caller frees. */
char *render_agenda_lacks(const struct readiness *rd);

/* The agenda screen's tier for a screen cols wide: 0 from 80 columns;
 * below, 1 to 4, each leaving out one more whole column, in a fixed
 * order (the ICD-10 code with the interpreter and trial marks, the case
 * id, the readiness, the time and slot): the position and the name stay,
 * the name in 20 cells (24 in tier 4). The heading of a tier's columns,
 * made of narrow (the translated heading of the narrow rows, whose
 * columns it takes) into sb. */
int render_agenda_tight(int cols);
void render_agenda_tight_heading(const char *narrow, int tier,
				 struct strbuf *sb);

/* The column heads over print rows (render_agenda_mark.print); readiness:
 * the rows show it. */
void render_agenda_head_print(bool readiness, struct textdoc *doc);

/* One meeting line: date and start, board, level, status, number of
 * cases, and the place when place is true (it needs more than 80
 * columns). ready: how many of its listed cases are ready (-1: not
 * counted); shown for planned meetings. */
void render_meeting_row(const struct tb_meeting *m, int ready, bool place,
			struct textdoc *doc);
/* The meetings screen's tier for a screen cols wide: 0 when the whole
 * line fits; above, each leaves out one more whole column, in a fixed
 * order (the level, the number, the number of cases, the status): the
 * date and the board stay. The level and the status are as wide as
 * their longest word in the interface's language and two spaces. The
 * heading of a tier's columns, made of heading (the translated heading
 * of the whole line) and place (its heading; NULL: none) into sb, and
 * the line of a tier (the place only with tier 0). */
int render_meeting_tight(int cols);
void render_meeting_heading(const char *heading, const char *place, int tier,
			    struct strbuf *sb);
void render_meeting_row_tight(const struct tb_meeting *m, int ready, int tier,
			      bool place, struct textdoc *doc);

/* The widest of the levels (local, regional, national) in the
 * interface's language, in display cells: a column of levels is as wide
 * and two spaces. */
int render_level_width(void);

/* "Family, Given" in at most maxw columns, cut with "…" when longer. */
void render_name_cut(struct textdoc *doc, const char *family, const char *given,
		     int maxw);

/* Whole years between birth and today (both YYYY-MM-DD). */
int render_age(const char *birth, const char *today);

/*
 * A sparkline of n values in order, one block element (▁ to █) each,
 * scaled from the smallest to the largest; marks[i] true puts "│" (a
 * decision: a new line of treatment) before value i, marks[n] after the
 * last. marks may be NULL. Caller frees.
 */
char *render_sparkline(const double *v, size_t n, const bool *marks);

/* A finding's variant in one short phrase: "p.Leu858Arg (c.2573T>G)",
 * "EML4::ALK fusion", "amplification, 18 copies", "MSI-H",
 * "14.5 mut/Mb". Caller frees. */
char *render_variant(const struct tb_finding *f);

#endif

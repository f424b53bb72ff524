/*
 * report — quality and equity of care for a period: aggregates only, no
 * identity numbers or names.
 *
 * The cases counted are those referred in the period (referral date from
 * `from` to `to`, both included). Per board and level: cases referred,
 * discussed, deferred and listed but not discussed; days from referral to
 * the first meeting that discussed the case and from that meeting to the
 * first signed decision (median, quartiles, share within the board's
 * target); the latest decision's follow-up (carried out, not and why,
 * open); patients informed and how soon; molecular results dated on or
 * before the meeting; a clinical trial considered and recommended. The
 * same broken down by region, sex, age band and preferred language.
 *
 * Small groups are suppressed: a count under REPORT_MIN_COUNT is shown as
 * "<5", and where a line of a table (a row with its total, or a column
 * with its total) would show every cell but one hidden one, another cell
 * is hidden too ("x"), so the small one cannot be worked out by
 * subtraction. Figures computed from fewer than REPORT_MIN_COUNT cases
 * (medians, quartiles, shares) are not shown either.
 *
 * A struct report holds the figures (struct report_group, for charts) and
 * the tables as text cells already suppressed (struct report_table): the
 * text, CSV and PDF outputs print the same tables.
 */
#ifndef TB_REPORT_H
#define TB_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "board.h"
#include "db.h"
#include "status.h"
#include "textdoc.h"

#define REPORT_MIN_COUNT 5

/* How a count is printed. */
enum report_mark {
	REPORT_SHOWN,
	REPORT_SMALL, /* under REPORT_MIN_COUNT: "<5" */
	REPORT_HIDDEN /* hidden to protect a small one: "x" */
};

/*
 * Suppression over cells and the sums that tie them ("lines"): add every
 * count with report_sup_cell (printed or not: a count that is not printed
 * but can be worked out, such as "referred but not discussed", is a cell
 * too), then each line (a total and the cells that add up to it), then
 * report_sup_run. A printed count under REPORT_MIN_COUNT is REPORT_SMALL;
 * then, while some line would let a count under REPORT_MIN_COUNT be worked
 * out (every other member of the line printed, or worked out in turn), the
 * smallest printed cell of that line (a part before the total) becomes
 * REPORT_HIDDEN.
 */
struct report_sup {
	long *v;
	bool *printed;
	enum report_mark *mark;
	size_t n;
	size_t *lines; /* total, n parts, parts…, one after another */
	size_t n_lines, len_lines;
};

void report_sup_init(struct report_sup *s);
void report_sup_done(struct report_sup *s);
size_t report_sup_cell(struct report_sup *s, long v, bool printed);
void report_sup_line(struct report_sup *s, size_t total, const size_t *parts,
		     size_t n);
void report_sup_run(struct report_sup *s);
/* The cell as printed: the number, "<5" or "x". Caller frees. */
char *report_sup_text(const struct report_sup *s, size_t cell);

/* Whole days and how many cases waited each: a group's days to meeting,
 * to decision or to informed, held as counts so that a group of a
 * million cases takes what its distinct days do. */
struct report_day {
	long day;
	long count;
};
struct report_days {
	struct report_day *v; /* distinct days, ascending */
	size_t n_v;
	long n; /* cases in all */
};

/* count more cases at day. */
void report_days_add(struct report_days *d, long day, long count);
/* Every case of from added to d. */
void report_days_merge(struct report_days *d, const struct report_days *from);
/* Cases from lo to hi days (hi < 0: and more). */
long report_days_between(const struct report_days *d, long lo, long hi);
void report_days_done(struct report_days *d);

/* The figures of one row: a board and level, or one group of a breakdown
 * (dim "region", "sex", "age", "language"), or all cases (dim "all"). */
struct report_group {
	char *dim;
	char *name;
	const struct board *board; /* board rows; borrowed from the boards */
	long referred, discussed, deferred, not_discussed;
	long decided; /* with a signed decision */
	long done, not_done, open;
	long why_medical, why_patient, why_other; /* of not_done */
	long informed;
	long molecular; /* of discussed: a result on or before the meeting */
	long trial_considered, trial_offered; /* of decided */
	struct report_days to_meeting, to_decision, to_informed;
	long within_target; /* of to_meeting.n, within the board's target */
};

struct report_table {
	char *id;    /* a short name for CSV ("boards", "by-sex", …) */
	char *title; /* a line for people */
	size_t cols; /* the first column names the row */
	size_t rows;
	char **head;  /* cols */
	char **cells; /* rows × cols */
	char **label; /* rows: the first column as people read it (the
		       * boards, levels and sexes in the interface's
		       * language; cells keeps the codes for CSV) */
};

struct report {
	char from[11], to[11];
	struct report_group *g; /* boards × levels first, then the others */
	size_t n_g;
	struct report_table *t;
	size_t n_t;
	size_t n_cases; /* referred in the period */
};

/*
 * Builds the report for cases referred from..to (YYYY-MM-DD, both
 * included). Reads only. TB_INVALID when a date is invalid or from is
 * after to. r is initialised here; report_done frees it.
 */
enum tb_status report_build(struct db *db, const struct boards *bs,
			    const char *from, const char *to, struct report *r);
void report_done(struct report *r);

/*
 * The tables of r from its groups (r->g: dim "board" rows, one "all"
 * group, and the rows of each breakdown), suppressed all at once: a
 * figure of a group is one cell in every table that prints it, so no
 * table or line of totals gives away what another table hides. Called by
 * report_build; r->t is appended to.
 */
void report_tables(struct report *r);

/* Quartile p (0.25, 0.5, 0.75) of the days, linearly interpolated
 * between the closest ranks (position (n − 1) p of the n days in order);
 * -1 when there are none. */
double report_quantile(const struct report_days *d, double p);

/* The report as text, and as CSV: one line per figure,
 * "from,to,table,row,column,value" with a header line. */
void report_text(const struct report *r, struct textdoc *doc);
/* The title and the explanation that open report_text (the PDF's first
 * page; its charts and tables follow as drawings). */
void report_intro(const struct report *r, struct textdoc *doc);
void report_csv(const struct report *r, FILE *out);

/* The report's charts (chart.h): days to meeting per board and level,
 * the distribution of waiting days, the share carried out per group; all
 * suppressed as the tables are. */
struct chart_set;
void report_charts(const struct report *r, struct chart_set *out);

/*
 * A case's course on one chart (the pre-meeting brief): the RECIST sums in
 * date order and the patient's signed decisions (new lines of treatment:
 * date and recommendation). False, with out untouched, when the case has
 * no RECIST sum. out is initialised here (chart_done frees it).
 */
struct tb_case;
struct decision_brief;
struct chart;
bool report_course_chart(const struct tb_case *c,
			 const struct decision_brief *d, size_t n,
			 struct chart *out);

/* One line for an agenda and the minutes, in sentences: "Lungcancer,
 * 2026-01-01 – 2026-06-30: 12 referred, 10 discussed. Median 14 days from
 * referral to meeting (target 21 days, 80 % within it)." A count under
 * REPORT_MIN_COUNT reads "fewer than 5", one withheld says so and why.
 * Caller frees. */
char *report_board_line(const struct report *r, const char *board_id);

/* The first day of the twelve months that end on date (YYYY-MM-DD): the
 * day after the same date a year earlier (29 February counts from 1
 * March). out holds 11 bytes. */
void report_year_before(const char *date, char out[11]);

/* report_board_line for the twelve months up to and including date, for
 * an agenda. *line is set (caller frees) on TB_OK. */
enum tb_status report_board_summary(struct db *db, const struct boards *bs,
				    const char *board_id, const char *date,
				    char **line);

#endif

/*
 * view_agenda_internal — what the agenda view's two files share
 * (view_agenda.c: the agenda; view_agenda_live.c: the running meeting).
 * Only these two include it.
 */
#ifndef TB_VIEW_AGENDA_INTERNAL_H
#define TB_VIEW_AGENDA_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "action.h"
#include "db_meeting.h"
#include "minutes.h"
#include "view_rows.h"

struct ui;

/* An agenda: position, time by the running clock, slot, case, readiness
 * as of the meeting date; Enter opens the case and ] [ walk the agenda. */
struct agenda_view {
	struct ui *ui; /* the screen it is on (outlives the view) */
	struct db *db;
	struct tb_meeting m;
	long long *ids;
	char **ext;    /* the case ids */
	char **status; /* listed, discussed, not-discussed, deferred */
	/* the line under the agenda for each case, made when the case is
	 * first selected (agenda_detail) from its question to the board
	 * (asked; NULL: the case was not found) and, while the meeting is
	 * prepared, what its readiness lacks (lacks; NULL: nothing) */
	char **question, **asked, **lacks;
	bool *trial;	  /* a trial of the registry fits the case */
	bool interpreter; /* a row marks an interpreter in short (INT) */
	bool *opened;	  /* its clock ran at the meeting: it was reached */
	int n;
	int ready;
	int decided; /* signed at this meeting: not counted as ready */
	/* a finished meeting's: what became of its cases */
	struct minutes_tally tally;
	int end_min;	/* when the last case ends, minutes since midnight */
	time_t started; /* a running meeting's real start */
	/* a running meeting's rows: the minute of the day their times were
	 * reckoned at (the cases not reached start no earlier than it) */
	int built_min;
	/* a running meeting's: the minutes its last case not yet done is
	 * projected to end past its length from the real start (0: not) */
	int over_min;
	char quorum[200]; /* a running meeting's "quorate" or what is missing */
	size_t n_missing; /* core roles missing */
	struct row_list rl;
	char title[400];
	char heading[128];
	int narrow; /* the rows were built for: 0 a wide screen, 1 a narrow
		       one, 2 + render_agenda_tight under 80 columns */
	/* a move refused that an override lets through (T, then O), until
	 * the next key; never kept with the agenda (view_agenda_kept.c) */
	struct agenda_refusal {
		long long case_id, to;
		char ext[64];
		char *why; /* the move's reason */
	} refused;
};

/* What became of a case at the meeting, in words ("not discussed",
 * "deferred"), from its agenda status. */
const char *view_agenda_outcome(const char *status);
/* (Re)reads the agenda: ids, rows and title. */
bool view_agenda_load(struct agenda_view *av);
/* Frees the per-case arrays and sets n to 0. */
void view_agenda_free_ids(struct agenda_view *av);
/* view_agenda_kept.c: av as loaded is kept by the screen, replacing what
 * was kept; take_kept copies it into av (whose ui, db and m.id are set)
 * if it is of the same meeting, built for the same width and nothing in
 * the store changed since, and says whether it did. */
void view_agenda_keep(const struct agenda_view *av);
bool view_agenda_take_kept(struct agenda_view *av, int narrow);
/* The key that runs action a in the agenda, as text ("u"), or "?". */
const char *view_agenda_key(struct agenda_view *av, enum action a,
			    char name[16]);
/* Forgets av's refused move (agenda_refusal). */
void view_agenda_forget(struct agenda_view *av);
/* A running meeting's title: clock, cases done, time left, quorum. */
void view_agenda_live_title(struct agenda_view *av);
/* A finished or cancelled meeting's title (av->title): what became of
 * its cases, its date and board kept in sight. */
void view_agenda_record_title(struct agenda_view *av);
/* A title of what became of a meeting's cases: a lead of leads (longest
 * first) shortened before any count, tail when it fits, then the counts
 * without the number of cases (minutes_tally_counts) after a lead, and
 * only then the last lead with the counts that fit (without the number
 * of cases too when they add up to it; caller frees). */
char *view_agenda_tally_title(const char *const *leads, size_t n_leads,
			      const struct minutes_tally *t, const char *tail);
/* S, F, D or X, u on the case at index; each returns where the selection
 * goes. */
int view_agenda_start(struct agenda_view *av, int index);
int view_agenda_finish(struct agenda_view *av, int index);
int view_agenda_mark(struct agenda_view *av, enum action a, int index);
int view_agenda_undo(struct agenda_view *av, int index);
/* view_agenda_print.c: p on a planned or running agenda, p on a finished
 * one (every summary), W (the agenda as a PDF) */
int view_agenda_print(struct agenda_view *av, int index);
int view_agenda_print_all(struct agenda_view *av, int index);
int view_agenda_save_pdf(struct agenda_view *av, int index);

#endif

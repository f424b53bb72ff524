/*
 * followup — after the meeting: each decision's follow-up (owner, date,
 * whether the recommendation was carried out and, if not, why; when the
 * patient was told), and turnaround figures per board. An MDK
 * recommendation is advice: deviations are recorded, never prevented.
 */
#ifndef TB_FOLLOWUP_H
#define TB_FOLLOWUP_H

#include <stdbool.h>
#include <stddef.h>

#include "board.h"
#include "db.h"
#include "db_decision.h"
#include "form_def.h"
#include "status.h"

/* One decision to follow up (the latest version of each chain). Strings
 * are borrowed for the callback's duration. */
struct followup_row {
	long long decision_id;
	long long case_row; /* cases.id */
	const char *case_id;
	const char *name;	    /* the patient's, "Family, Given" */
	const char *family, *given; /* the same name's parts */
	int version;
	const char *due;   /* YYYY-MM-DD, "" when the decision has none */
	const char *day;   /* where it stands: due, else the day signed */
	const char *owner; /* "" when none */
	const char *recommendation; /* the option's label */
	const char *status;	    /* "open", "done", "not-done" */
	const char *reason;	    /* for not-done */
	bool overdue;		    /* open and due before today */
	const char *informed_on;    /* "" when not recorded */
};

/* The words shown to people for a follow-up status ("open", "done",
 * "not-done") and a reason ("medical", "patient-wish", "other"), in the
 * interface language; an unknown word is returned as it is. Machine
 * output and the database keep the words. */
const char *followup_status_label(const char *status);
const char *followup_reason_label(const char *reason);

/*
 * The cases a list of decisions may name to the signed-in user: the
 * decided cases (those with a signed decision, db_case_decided: no case
 * still undecided is read) in her care as the case list decides it
 * (perm_list_care, perm.h: an agenda of one of her boards lists it, a
 * board of hers takes its diagnosis, her unit referred it, an emergency
 * grant runs), each with the patient's name; every decided case when
 * nobody is signed in or her boards take every case. Free with
 * followup_care_done.
 */
struct followup_care {
	long long *ids;		/* sorted */
	char **names;		/* "Family, Given" of ids[i] */
	char **family, **given; /* its parts */
	size_t n;
};
enum tb_status followup_care_load(struct db *db, struct followup_care *fc);
/* The patient's name of the case case_row (cases.id); NULL when the case
 * is not in fc (not in the user's care). Borrowed. */
const char *followup_care_name(const struct followup_care *fc,
			       long long case_row);
/* The index in fc of case case_row, -1 when it is not there. */
long followup_care_find(const struct followup_care *fc, long long case_row);
void followup_care_done(struct followup_care *fc);

/*
 * Before a follow-up of decision_id is changed: its case opened for the
 * reader as a read of the case is (access_open_case, access.h: the
 * permission to read a case, then the care relationship, or an emergency
 * access running or given with --emergency) and the change logged in the
 * access log ("followup") under that relationship. Nothing may be changed
 * unless it returns TB_OK: TB_NOT_FOUND (no such decision), TB_DENIED
 * (*err, caller frees, says why: no permission, outside the care; on_screen:
 * in the screen's words, without the command line's option), TB_DB (the
 * access log could not be written).
 */
enum tb_status followup_open_change(struct db *db, long long decision_id,
				    bool on_screen, char **err);

/*
 * A change of decision_id's follow-up: the outcome (status "done", or
 * "not-done" with reason medical, patient-wish or other, and a note that
 * may be NULL; db_followup_set) or, with informed_on set, when and by whom
 * the patient was told (db_followup_informed).
 */
struct followup_change {
	const char *status, *reason, *note;
	const char *informed_on, *informed_by, *how;
};
/*
 * Opens the case for the change (followup_open_change: logged in the
 * access log) and writes the change, in one transaction: both are kept
 * or neither (a refusal keeps its audit entry alone). *err (caller frees)
 * is set when the opening failed, as followup_open_change says, and NULL
 * when the change itself failed (TB_INVALID, TB_DB: nothing was logged
 * either).
 */
enum tb_status followup_record(struct db *db, long long decision_id,
			       const struct followup_change *ch, bool on_screen,
			       char **err);

/*
 * The follow-up list: fn called for the latest decision of each chain
 * whose case is in the signed-in user's care (perm_list_care: the case
 * list's rule), by the day it stands at (its follow-up date; a decision
 * without one at the day it was signed), then id: the last span->past of
 * them before today and the first span->ahead from today on (each < 0:
 * every one), span->earlier and span->later set when more stand before
 * and after (db_followup_window: a window read by its index, never the
 * whole archive, no content decoded). fn returns false to stop. The
 * facts of decisions signed before the index (schema 28) are read from
 * their content first, once (followup_due_catch_up).
 */
enum tb_status
followup_window(struct db *db, const struct form_set *forms, const char *today,
		struct db_followup_span *span,
		bool (*fn)(const struct followup_row *r, void *arg), void *arg);
/* followup_window of every one, the catching up showing its progress on
 * a terminal (the command line's list). */
enum tb_status
followup_list(struct db *db, const struct form_set *forms, const char *today,
	      bool (*fn)(const struct followup_row *r, void *arg), void *arg);
/* What the follow-up list shows of a decision, from its values by f's
 * roles (follow-up-date, follow-up-owner, recommendation); free with
 * db_followup_facts_done. */
void followup_facts_of(const struct form *f, const struct form_values *v,
		       struct tb_followup_facts *out);
/* The facts of the decisions signed before schema 28 read from their
 * content (forms: their definitions) into the index, a thousand a
 * transaction; progress: on standard error when it is a terminal. Nothing
 * to do (one statement) once done. */
enum tb_status followup_due_catch_up(struct db *db,
				     const struct form_set *forms,
				     bool progress);

/*
 * The follow-up list's index against the decisions, for verify: a
 * decision without its row, a row naming no decision, a row whose case
 * or latest flag differs, and (forms not NULL) one whose date, owner or
 * recommendation differs from the decision's content, each a line in d
 * ("followup"). The decisions are what counts: the index only decides
 * what the list shows.
 */
struct diag;
enum tb_status followup_index_verify(struct db *db,
				     const struct form_set *forms,
				     struct diag *d);

struct textdoc;
/*
 * Finishes a running meeting: every case still listed (not reached) moves
 * to the board's next planned meeting, cases decided here leave the other
 * planned agendas, the meeting is marked finished, and doc gets the
 * report: the real start when it was another day than planned, what moved
 * and where, what was decided (signed at the meeting), what was discussed
 * but is unsigned, deferred (and to which meeting), and listed but not
 * discussed, with the counts of each. TB_INVALID when the meeting is not
 * running.
 */
enum tb_status followup_finish_meeting(struct db *db, long long meeting_id,
				       struct textdoc *doc);

/*
 * The same, also giving what was done (see db_finish_all in db_meeting.h):
 * the meeting the cases not reached moved to (res->next, 0 for none) and
 * how many moved, and (tally not NULL) what became of the cases in the
 * minutes' words (minutes_tally_words). Finishing is one transaction: on
 * failure nothing has changed and doc is left as it was.
 */
struct db_finish;
struct minutes_tally;
enum tb_status followup_finish_meeting_result(struct db *db,
					      long long meeting_id,
					      struct textdoc *doc,
					      struct db_finish *res,
					      struct minutes_tally *tally);

/* Days from referral to meeting, meeting to signature, referral to
 * signature for the first decision of each case, per board. */
struct turnaround {
	const char *board_id; /* borrowed from the boards */
	const char *board_name;
	size_t n; /* cases with a first decision */
	/* medians in days; -1 when there is nothing to measure */
	double referral_to_meeting;
	double meeting_to_signed;
	double referral_to_signed;
	size_t n_meeting; /* of n, decided at a meeting */
};

/* One entry per board (in boards order); caller frees *out. */
enum tb_status followup_turnaround(struct db *db, const struct boards *bs,
				   struct turnaround **out, size_t *n);

#endif

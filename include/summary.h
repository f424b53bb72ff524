/*
 * summary — what a signed decision says to the patient, and to the record.
 *
 * The patient summary is built only from patient-visible fields (patient="yes"
 * in the form) and their plain-language wording, in form order, framed by
 * the phrases of forms/summary.xml: title, who it is for, when and which
 * team met, what the team looked at, recommends and why, other options and
 * why not, whether a trial was considered, what happens next, whom to
 * contact, that the advice is the patient's to decide on, and the right to
 * a second opinion; then a short part for other caregivers. Wording missing
 * in the patient's language falls back to Swedish (then English) and a
 * visible note says so. Staff-only fields never appear.
 *
 * The clinician note is the structured record of the same decision for the
 * medical record: question, findings considered, recommendation,
 * alternatives, intent, trial, follow-up, attendees.
 */
#ifndef TB_SUMMARY_H
#define TB_SUMMARY_H

#include <stdbool.h>

#include "board.h"
#include "db.h"
#include "db_decision.h"
#include "form_def.h"
#include "model.h"
#include "readability.h"
#include "status.h"
#include "support.h"
#include "textdoc.h"

struct summary_info {
	char lang[8];	      /* the language asked for */
	bool fallback;	      /* some wording came from another language */
	struct readability r; /* of the patient part (not the caregivers') */
	double limit;	      /* the readability limit for r's formula */
	bool within;	      /* r within limit */
	bool scored;	      /* false when the language has no formula */
};

struct summary_src {
	const struct tb_decision *d;
	const struct form *f; /* the exact form version of d */
	const struct tb_case *c;
	const struct form_phrases *ph;
	const char *board_name; /* the team, in words */
	const char *date;	/* YYYY-MM-DD of the meeting (or signing) */
	/* Optional (NULL or 0 when not known): */
	const char *board_id;		/* boards.xml id, for its plain name */
	const struct tb_decision *prev; /* the version d amends */
	const char *prev_date; /* YYYY-MM-DD the earlier one was made */
	int latest_version;    /* set when d is not the latest version */
	const char *issued; /* YYYY-MM-DD the letter is issued; NULL: today */
	const struct trials *trials; /* the trial registry, to name a trial */
	/* The contact nurse named by the decision as a known user (an
	 * active user of that name): nurse_known, and nurse_unit her care
	 * unit (the case's referring unit when it is one of hers, else her
	 * first; NULL when she has none or users of that name differ). A
	 * name that is no user is never paired with a unit the letter
	 * cannot vouch for. */
	bool nurse_known;
	const char *nurse_unit;
};

/* The patient summary of src in lang (NULL: the patient's language). */
void summary_patient(const struct summary_src *src, const char *lang,
		     struct textdoc *doc, struct summary_info *info);

/* The language a summary of src is in: lang, else the patient's, else
 * "sv". Borrowed. */
const char *summary_language(const struct summary_src *src, const char *lang);

/* The line at the top of every page of the letter: the patient's name and
 * date of birth, the date of issue and the responsible doctor. Caller
 * frees. */
char *summary_header(const struct summary_src *src, const char *lang);

/* What the person handing src's letter over must know and the letter
 * never says (an interpreter to book, the contact nurse's number missing,
 * a contact nurse who is not a known user), in the interface's language,
 * one note a line; caller frees; NULL when there is none. */
char *summary_staff_notes(const struct summary_src *src);

/* Whether name (trimmed; empty: false) is the name of an active user,
 * and in *unit (caller frees; may be NULL) the unit summary_src's
 * nurse_unit takes, given the case's referring unit (may be NULL). */
bool summary_nurse_user(struct db *db, const char *name,
			const char *referrer_unit, char **unit);

/* For the form's read-back (form show, the screen's before signing): a
 * line saying the contact nurse v names is not a known user and what the
 * letter then says (caller frees); NULL when she is one or none is
 * named. */
char *summary_nurse_line(struct db *db, const struct form *f,
			 const struct form_values *v);

/* The clinician note of src (labels in Swedish). */
void summary_note(const struct summary_src *src, struct textdoc *doc);

/*
 * Writes the patient summary as an A4 PDF (file mode 0600) and records the
 * export in the audit log. err gets a message on failure.
 */
enum tb_status summary_pdf(struct db *db, const struct summary_src *src,
			   const char *lang, const char *path,
			   struct summary_info *info, char *err, size_t errlen);

/*
 * Prints the patient summary through the system's print service (lp,
 * printer NULL: its default, else TUMORBOARD_PRINTER or the name given)
 * and records it in the audit log.
 */
enum tb_status summary_print(struct db *db, const struct summary_src *src,
			     const char *lang, const char *printer,
			     struct summary_info *info, char *err,
			     size_t errlen);

/* Records in the audit log that a summary of d left the program. */
enum tb_status summary_record(struct db *db, const struct tb_decision *d,
			      const char *what);

/*
 * Loads what a summary needs for decision id: the decision, its case, the
 * exact form version (TB_INVALID with a message in err when that version
 * is not installed), the board's name and the date, the version it amends
 * and whether a later one replaces it, and the trial registry (no_trials
 * when it cannot be read). Release with summary_loaded_done.
 */
struct summary_loaded {
	struct summary_src src;
	struct tb_decision d;
	struct tb_decision prev; /* valid when src.prev is set */
	struct tb_case *c;
	char date[11];
	char prev_date[11];
	char board_id[64];
	long long latest_id; /* the latest version of d's chain (d's own id
				when d is the latest) */
	char *board_name;
	struct trials trials; /* the trial registry, to name a trial */
	char *nurse_unit;     /* src.nurse_unit's */
	bool no_trials;	      /* it could not be read: a trial is named by
				 its number */
};
enum tb_status summary_load(struct db *db, const struct form_set *forms,
			    const struct form_phrases *ph,
			    const struct boards *boards, long long id,
			    struct summary_loaded *out, char *err,
			    size_t errlen);
void summary_loaded_done(struct summary_loaded *l);

/*
 * The decisions of id's chain of versions (id, the versions it amends and
 * those that amend it), oldest first, in *ids (caller frees) and their
 * versions in *versions (caller frees; may be NULL); returns the count, 0
 * when id is not a decision or on error.
 */
size_t summary_chain(struct db *db, long long id, long long **ids,
		     int **versions);

#endif

/*
 * minutes — the minutes of a meeting, built from its record: the board,
 * when it was planned and when it really ran, who attended in which role
 * and when (arriving, leaving), whether the core roles were filled, each
 * case of the agenda in order with its outcome (the recommendation of the
 * decision signed at the meeting, a deferral and where to with its reason,
 * listed but not discussed, not reached), the time spent on each case, the
 * counts, and the board's turnaround over the twelve months up to the
 * meeting (report_board_summary).
 *
 * The minutes are a textdoc (renderers' rule): the terminal, the screen and
 * the PDF writer show the same document, in the interface language. Every
 * PDF of them is recorded as an export. Times are UTC, as recorded.
 *
 * What finishing a meeting records in the audit log is the SHA-256 of the
 * minutes' canonical record, never their text: the facts the minutes are
 * made of (the meeting, its real start and finish, every attendee with
 * role, core or cover and times, every case of the agenda with outcome,
 * note, where it went and its clock, every decision signed at it with
 * version, signer, time and quorum override), one "key=value" line each,
 * in no language. Minutes printed in Swedish and in English are two
 * renderings of the same record, and both check against the hash
 * (minutes_verify). The turnaround line is a figure of the whole archive,
 * not the meeting's record, and the recommendations' wording comes from
 * the decisions (sealed with them): neither is in the canonical record.
 * Archives finished before the canonical record hold the hash of the
 * English text at width 100; minutes_verify checks those against the
 * English minutes.
 */
#ifndef TB_MINUTES_H
#define TB_MINUTES_H

#include <stddef.h>

#include "board.h"
#include "db.h"
#include "form_def.h"
#include "hash.h"
#include "status.h"
#include "textdoc.h"
#include "util.h"

/*
 * Builds the minutes of meeting id into doc (build it at
 * PDF_TEXTDOC_WIDTH for a PDF). forms gives the recommendations' labels
 * (a decision whose form version is not loaded shows its value). A
 * meeting not finished says so in the title: the minutes so far.
 * TB_NOT_FOUND when there is no such meeting.
 */
enum tb_status minutes_build(struct db *db, const struct boards *bs,
			     const struct form_set *forms, long long id,
			     struct textdoc *doc);

/* The canonical record of meeting id's minutes (see above), appended to
 * out. TB_NOT_FOUND when there is no such meeting. */
enum tb_status minutes_canonical(struct db *db, const struct boards *bs,
				 const struct form_set *forms, long long id,
				 struct strbuf *out);

/* What became of a meeting's cases, the one wording of it (the minutes,
 * the finish report, a finished meeting's agenda): cases counted once
 * (a decision amended at the meeting is one case decided). */
struct minutes_tally {
	int cases, decided, amended, undecided, deferred, not_discussed,
	    not_reached, listed, already_signed;
};
/* "7 cases: 1 decided, 1 discussed without a decision, 1 deferred, 1
 * not discussed, 4 not reached" in room display cells (0: all of it,
 * each count said; "already signed" and "still listed" only when some
 * are); in a room, counts of 0 are left out, then the counts that do
 * not fit, down to "7 cases". Caller frees. */
char *minutes_tally_words(const struct minutes_tally *t, int room);
/* The counts of minutes_tally_words (those of 0 left out, as in a room)
 * without the number of cases in front ("1 decided, 5 not reached"),
 * when they add up to it and so say it all the same, in room display
 * cells (0: all of them; the counts that do not fit left out, "…" where
 * they would be); NULL otherwise (a case decided off the agenda, a
 * cancelled meeting's cases), or when not one count fits. Caller
 * frees. */
char *minutes_tally_counts(const struct minutes_tally *t, int room);

/* How many of the cases ids (n of them, a meeting's agenda) had a
 * decision signed at meeting meeting_id amended, at it or since an
 * earlier one, as the minutes count them: in *amended. */
enum tb_status minutes_tally_amended(struct db *db, long long meeting_id,
				     const long long *ids, size_t n,
				     int *amended);

/* What became of one case of a meeting's agenda, as the tally counts
 * it. */
enum minutes_outcome {
	MINUTES_DECIDED,       /* a decision about it signed at the meeting */
	MINUTES_UNDECIDED,     /* discussed, none signed at the meeting */
	MINUTES_DEFERRED,      /* deferred to a later meeting */
	MINUTES_NOT_DISCUSSED, /* listed but not discussed (why given) */
	MINUTES_NOT_REACHED,   /* see minutes_tally_case */
	MINUTES_LISTED,	       /* the meeting not finished: still to come */
	/* signed elsewhere before the finished meeting reached it (before
	 * it or during it): it left the agenda decided, never skipped */
	MINUTES_ALREADY_SIGNED
};

struct db_agenda_row;

/* The one rule the minutes, the finish report and a finished meeting's
 * agenda count and list a case by: the outcome of r (a row of
 * db_agenda_record or db_agenda_list), counted in t (and t->cases). A
 * case not reached is one finishing took off (moved on: status
 * "not-reached") or, finished is true (the meeting is finished), one
 * never opened and still listed (not moved: no later meeting). One
 * finishing took off because it had a signed decision by then (decided
 * meanwhile) is already signed when finished is true, not reached
 * otherwise. finished false counts the ones never opened "listed" and
 * those decided meanwhile "not reached" (the meeting still to finish,
 * or the text of an archive recorded before these rules). */
enum minutes_outcome minutes_tally_case(struct minutes_tally *t,
					const struct db_agenda_row *r,
					bool finished);

/* An attendee's kind ("core", "other", "cover", board_attendee_kind) in
 * the interface language. Static. */
const char *minutes_kind_label(const char *kind);
/* The widest of those labels, in terminal cells ("ersättare": 9). */
int minutes_kind_width(void);

struct tb_meeting;

/* Who chaired meeting m, as the minutes' header names it (caller frees;
 * NULL when m names no chair): the chair m names (an account or a name),
 * unless the meeting ran with someone recorded present and never the
 * chair (in any role, a guest too), nor did the chair sign one of its
 * decisions (signers); then that the chair was absent, with
 * who stood in: those of signers (the names that signed the meeting's
 * decisions, one a line) who are not the chair, each once. */
char *minutes_chair_said(struct db *db, const struct tb_meeting *m,
			 const char *signers);

/* The minutes' title (the board named board) and the line under it:
 * level, place and who chaired (minutes_chair_said of signers); with
 * as_written, as an older archive's text was written (the chair
 * planned, the line not wrapped). */
void minutes_put_head(struct db *db, const struct tb_meeting *m,
		      const char *board, const char *signers, bool as_written,
		      struct textdoc *doc);

/* The SHA-256 of the document's text (lines joined by newlines): what
 * archives before the canonical record hold. */
void minutes_hash(const struct textdoc *doc, char out[HASH_HEX_LEN + 1]);

/*
 * Records in the audit log that the minutes of meeting id were taken at
 * its finish: action "minutes", detail "minutes at finish, canonical
 * sha256 HEX" (the canonical record's hash), with the board types and
 * forms in force (the user's, else the built-in ones). Its own
 * transaction; what finishing a meeting calls once it is committed.
 */
enum tb_status minutes_record_finish(struct db *db, long long id);

/*
 * Whether the minutes of meeting id are what was recorded at its finish:
 * TB_OK when the canonical record (or, for an older archive, the English
 * text) hashes to the recorded hash; TB_INTEGRITY when it does not;
 * TB_NOT_FOUND when no minutes were recorded (the meeting is not
 * finished, or there is no such meeting). hex gets the recorded hash
 * ("" when none).
 */
enum tb_status minutes_verify(struct db *db, const struct boards *bs,
			      const struct form_set *forms, long long id,
			      char hex[HASH_HEX_LEN + 1]);

/*
 * Writes the minutes of meeting id (doc, built at PDF_TEXTDOC_WIDTH) as an
 * A4 PDF at path and records the export in the audit log. TB_IO with err
 * (errlen bytes) naming the file when it cannot be written (nothing is
 * left behind); TB_DB when the record fails.
 */
enum tb_status minutes_pdf(struct db *db, long long id,
			   const struct textdoc *doc, const char *path,
			   char *err, size_t errlen);

#endif

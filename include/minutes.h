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
 * the PDF writer show the same document. Finishing a meeting records its
 * minutes in the audit log (the SHA-256 of their text, never the text);
 * every PDF of them is recorded as an export. Times are UTC, as recorded.
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

/* The SHA-256 of the document's text (lines joined by newlines), as
 * recorded in the audit log. */
void minutes_hash(const struct textdoc *doc, char out[HASH_HEX_LEN + 1]);

/*
 * Records in the audit log that the minutes of meeting id were taken at
 * its finish: action "minutes", the hash of doc (built at width 100, the
 * text the command line prints) in the detail. Its own transaction.
 */
enum tb_status minutes_record(struct db *db, long long id,
			      const struct textdoc *doc);

/*
 * minutes_build with the board types and forms in force (the user's, else
 * the built-in ones) at width 100, then minutes_record: what finishing a
 * meeting calls once it is committed.
 */
enum tb_status minutes_record_finish(struct db *db, long long id);

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

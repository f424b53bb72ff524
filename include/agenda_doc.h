/*
 * agenda_doc — a meeting's agenda as a document (textdoc): position, time
 * by the meeting's clock, slot, case, masked identity, name and ICD-10,
 * presenter, outcome, time spent; with check, each case's readiness as of
 * the meeting date and "N of M ready" (", K decided" after it for the
 * cases signed at this meeting, which read "decided" in place of their
 * readiness; a finished or cancelled meeting's readiness is not checked:
 * it says so). A finished meeting's agenda is its record
 * (db_agenda_record). For print (pdf) the meeting comes first (title,
 * date, team), then the agenda, then the board's turnaround over the
 * twelve months up to the meeting; the readiness is always checked, and
 * each case takes two lines that fit A4 (time, case id, ICD-10 and
 * readiness; then name and identity number), under two heading lines.
 * A case that a trial of the registry may fit is marked as on the
 * agenda screen (T before its position, TRIAL after its readiness), and
 * an agenda with such a case, printed or as text, says what the mark
 * means below it.
 */
#ifndef TB_AGENDA_DOC_H
#define TB_AGENDA_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "board.h"
#include "db.h"
#include "db_meeting.h"
#include "status.h"
#include "textdoc.h"

struct trials;

struct agenda_doc_info {
	int items, ready;
	int decided;  /* signed at this meeting (counted when checked) */
	bool checked; /* readiness was checked (check, and not closed) */
};

/* "2 of 4 ready": how many of an agenda's items are ready, in the
 * words of the interface's language for that number, and ", 1 decided"
 * after it when decided (signed at this meeting: neither ready nor
 * missing) is not 0; caller frees. The agenda's text, its screen title
 * and the command line say it so. */
char *agenda_doc_ready(int ready, int items, int decided);

/* Builds m's agenda into doc (width 200 for the terminal,
 * PDF_TEXTDOC_WIDTH for print), the cases a trial of ts may fit marked
 * (ts NULL: none). TB_DB when it cannot be read. */
enum tb_status agenda_doc_build(struct db *db, const struct boards *bs,
				const struct trials *ts,
				const struct tb_meeting *m, bool check,
				bool pdf, struct textdoc *doc,
				struct agenda_doc_info *out);

/* Writes doc as m's A4 agenda PDF at path and records the export in the
 * audit log. TB_IO with err (errlen bytes) naming the file; nothing is
 * left behind. */
enum tb_status agenda_doc_pdf(struct db *db, const struct tb_meeting *m,
			      const struct textdoc *doc, const char *path,
			      char *err, size_t errlen);

/* Prints doc as m's A4 agenda through lp (printer NULL: the
 * TUMORBOARD_PRINTER environment variable, else lp's default) and records
 * the print in the audit log. TB_IO with err (errlen bytes) when it could
 * not be printed; TB_DB when it was printed but not recorded. */
enum tb_status agenda_doc_print(struct db *db, const struct tb_meeting *m,
				const struct textdoc *doc, const char *printer,
				char *err, size_t errlen);

#endif

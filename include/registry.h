/*
 * registry — one file per signed decision with the MDK variables the
 * national quality registries ask for (which board, level, date, the
 * diagnosis and stage the decision rests on, the recommendation, intent,
 * guideline, trial, who took part), so they need not be typed again.
 *
 * The file is UTF-8 text, one variable a line after a header:
 *
 *     variabel;värde;kodverk
 *     mdk_datum;2026-11-19;ISO 8601
 *
 * Values never hold a semicolon or a line break (they are codes, dates,
 * numbers and identifiers; a semicolon in a trial id becomes a comma).
 * Every variable and its code system is listed in tumorboard(1), QUALITY
 * REGISTRY FILE; a variable without a value is left out (the registry
 * form shows it as missing), never written empty.
 */
#ifndef TB_REGISTRY_H
#define TB_REGISTRY_H

#include "db_decision.h"
#include "db_meeting.h"
#include "form_def.h"
#include "model.h"
#include "util.h"

/* The version written in the file's first variable. */
#define REGISTRY_FORMAT "tumorboard-mdk-1"

/*
 * Appends the file for decision d of case c (f: its form, may be NULL; m:
 * its meeting, may be NULL) to out, and the names of the variables
 * written, comma-separated, to names (for the audit log: names only,
 * never values).
 */
void registry_write(const struct tb_decision *d, const struct form *f,
		    const struct tb_case *c, const struct tb_meeting *m,
		    struct strbuf *out, struct strbuf *names);

#endif

/*
 * bench_sign — fills a case's decision draft as a quick board would on
 * the form screen (every empty required field shown, the findings' tiers)
 * through decision_set, for the bench programs that sign decisions
 * (bench_decide, bench_history).
 */
#ifndef TB_BENCH_SIGN_H
#define TB_BENCH_SIGN_H

#include <stdbool.h>

#include "db.h"
#include "diag.h"
#include "form_def.h"

/* Fills the open draft of case_id (form f) until no required field is
 * left: a valid value for each empty required field shown, date fields
 * from date_input (as typed: "+14" is two weeks from today), free text
 * numbered k. False when the draft cannot be read. */
bool bench_sign_fill(struct db *db, const struct form_set *forms,
		     const struct form *f, long long case_id, long long k,
		     const char *date_input, struct diag *d);

#endif

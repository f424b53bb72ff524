/*
 * render — turns stored data into a textdoc: the whole case as text (for
 * `tumorboard show`, the TUI case pager and later printouts).
 */
#ifndef TB_RENDER_H
#define TB_RENDER_H

#include <stdbool.h>

#include "db_case.h"
#include "model.h"
#include "textdoc.h"

struct render_opts {
	bool mask_id;	   /* show YYYYMMDD-**** instead of the number */
	const char *today; /* YYYY-MM-DD, for ages and result ages */
};

void render_case(const struct tb_case *c, const struct render_opts *o,
		 struct textdoc *doc);

/*
 * One case as a list row, appended to the current line of doc: [case id]
 * referral date, identity number (masked unless full_id), name, ICD-10,
 * level, status [, diagnosis]. The same columns in the batch list and on
 * the screen.
 */
void render_case_row(const struct db_case_row *r, bool full_id,
		     bool with_case_id, bool with_diagnosis,
		     struct textdoc *doc);

/* Whole years between birth and today (both YYYY-MM-DD). */
int render_age(const char *birth, const char *today);

/* A finding's variant in one short phrase: "p.Leu858Arg (c.2573T>G)",
 * "EML4::ALK fusion", "amplification, 18 copies", "MSI-H",
 * "14.5 mut/Mb". Caller frees. */
char *render_variant(const struct tb_finding *f);

#endif

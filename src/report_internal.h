/*
 * report_internal — what the files of the report share (report.c: the
 * cases of a period, groups and tables; report_sup.c: suppression of small
 * groups and quantiles; report_out.c: text, CSV, the one-line summary,
 * charts and a case's course). Only these three include it.
 */
#ifndef TB_REPORT_INTERNAL_H
#define TB_REPORT_INTERNAL_H

#include "report.h"

/* report.c */
/* The titles of the groups by region, sex, age band and language (N_). */
extern const char *const report_dim_titles[4];
/* A group's name as people read it: a board and level, a sex and "all" in
 * the interface's language (buf holds it when made), the rest (regions,
 * age bands, language codes) as they are. */
const char *report_group_label(const struct report_group *g, char *buf,
			       size_t len);
/* Days of fewer than REPORT_MIN_COUNT cases are not given: "n<5", so the
 * cell cannot be read as "under 5 days". */
char *report_fmt_days(const struct report_days *d, double p);

/* report_sup.c */
bool report_small(long v);

#endif

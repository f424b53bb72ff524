/*
 * db_report — what the quality and equity report (report.c) reads of a
 * period: the cases referred in it with their agenda rows, decisions and
 * follow-up, read through the index of referral dates, so that a period
 * costs what its cases do, not what the archive holds.
 */
#ifndef TB_DB_REPORT_H
#define TB_DB_REPORT_H

#include <stdbool.h>

#include "db.h"
#include "status.h"

/* A case referred in the period with what the report needs of it: the
 * case and its patient, its agenda rows and its decisions (strings NULL
 * when not known; valid during the call). */
struct db_report_case {
	long long id;
	const char *referral_date;
	const char *icd10, *level;
	const char *region, *sex, *language, *birth_date; /* the patient's */
	const char *first_finding; /* its earliest dated finding's date */
	/* of its agenda rows (not removed): one discussed, deferred, listed
	 * but not discussed; the date of the first meeting that discussed
	 * it */
	bool discussed, deferred, not_discussed;
	const char *first_meeting;
	/* the signing time of its first decision (version 1; of several,
	 * the one of the highest id) */
	const char *first_signed;
	/* its latest decision (of those no decision of the case supersedes,
	 * the one of the highest id; 0 none): signed when, what, and its
	 * follow-up. A decision's id is given as it is signed: the highest
	 * is the last signed. */
	long long latest_id;
	const char *latest_signed, *latest_content;
	const char *status, *reason, *informed_on;
};

/* The cases whose referral date (its first ten characters) is from..to,
 * by id, one statement: the report keeps none of them, so a period of a
 * million cases costs what one case does in memory. fn returns false to
 * stop. */
enum tb_status db_report_cases(struct db *db, const char *from, const char *to,
			       bool (*fn)(const struct db_report_case *c,
					  void *arg),
			       void *arg);

#endif

/*
 * db_report — what the quality and equity report (report.c) reads of a
 * period: the cases referred in it, their agenda rows and (db_decision.h)
 * their decisions; each read through the index of referral dates, so that
 * a period costs what its cases do, not what the archive holds.
 */
#ifndef TB_DB_REPORT_H
#define TB_DB_REPORT_H

#include <stdbool.h>

#include "db.h"
#include "db_decision.h"
#include "status.h"

/* A case referred in the period, as far as the report needs it (strings
 * NULL when not known; valid during the call). */
struct db_report_case {
	long long id;
	const char *referral_date;
	const char *icd10, *level;
	const char *region, *sex, *language, *birth_date; /* the patient's */
	const char *first_finding; /* its earliest dated finding's date */
};

/* The cases whose referral date (its first ten characters) is from..to,
 * by id; fn returns false to stop. */
enum tb_status db_report_cases(struct db *db, const char *from, const char *to,
			       bool (*fn)(const struct db_report_case *c,
					  void *arg),
			       void *arg);

/* Every agenda row (not removed) of those cases, with its meeting's date:
 * the rows every meeting's agenda lists for them (db_agenda_list). */
enum tb_status db_report_agenda(struct db *db, const char *from, const char *to,
				bool (*fn)(long long case_id,
					   const char *status,
					   const char *meeting_date, void *arg),
				void *arg);

/* The decisions of those cases, by id (db_decision_each's rows). */
enum tb_status
db_report_decisions(struct db *db, const char *from, const char *to,
		    bool (*fn)(const struct tb_decision *d, void *arg),
		    void *arg);

#endif

/*
 * db_report — what the report of a period reads (include/db_report.h).
 * A case is in the period when the first ten characters of its referral
 * date are from..to: referral_date >= from and < the day after to (as
 * text: so in any collation that orders digits, a time after the date
 * included), ten characters at least; the index of referral dates
 * (cases_list) finds them.
 */
#include "db_report.h"

#include <stdio.h>
#include <stdlib.h>

#include "db_internal.h"

/* The period's cases, ?1 from and ?2 the day after to. */
#define IN_PERIOD                                                              \
	" c.referral_date >= ?1 AND c.referral_date < ?2"                      \
	" AND length(c.referral_date) >= 10"

struct report_fn {
	union {
		bool (*c)(const struct db_report_case *c, void *arg);
		bool (*a)(long long case_id, const char *status,
			  const char *meeting_date, void *arg);
	} fn;
	void *arg;
};

static bool case_row(struct store_stmt *st, void *arg)
{
	const struct report_fn *x = arg;
	struct db_report_case c = {
	    .id = store_column_int64(st, 0),
	    .referral_date = db_column_text(st, 1),
	    .icd10 = db_column_text(st, 2),
	    .level = db_column_text(st, 3),
	    .region = db_column_text(st, 4),
	    .sex = db_column_text(st, 5),
	    .language = db_column_text(st, 6),
	    .birth_date = db_column_text(st, 7),
	    .first_finding = db_column_text(st, 8),
	};
	return x->fn.c(&c, x->arg);
}

/* The day after the date to (YYYY-MM-DD) in buf. */
static const char *to_end(const char *to, char buf[32])
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	int y = atoi(to), m = atoi(to + 5), d = atoi(to + 8);
	if (m < 1 || m > 12)
		m = 12;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (++d > mdays[m - 1] + (m == 2 && leap)) {
		d = 1;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	if (y > 9999) /* after every date */
		snprintf(buf, 32, "9999-99-99");
	else
		snprintf(buf, 32, "%04d-%02d-%02d", y, m, d);
	return buf;
}

enum tb_status db_report_cases(struct db *db, const char *from, const char *to,
			       bool (*fn)(const struct db_report_case *c,
					  void *arg),
			       void *arg)
{
	struct report_fn x = {.fn.c = fn, .arg = arg};
	char end[32];
	return db_each(
	    db,
	    "SELECT c.id, c.referral_date, c.icd10, c.level, p.region, p.sex,"
	    " p.language, p.birth_date, (SELECT min(f.date) FROM finding f"
	    " WHERE f.case_id = c.id AND f.date <> '') FROM cases c"
	    " JOIN patient p ON p.id = c.patient_id WHERE" IN_PERIOD
	    " ORDER BY c.id",
	    DB_PARAMS(DB_TEXT(from), DB_TEXT(to_end(to, end))), case_row, &x);
}

static bool agenda_row(struct store_stmt *st, void *arg)
{
	const struct report_fn *x = arg;
	return x->fn.a(store_column_int64(st, 0), db_column_text(st, 1),
		       db_column_text(st, 2), x->arg);
}

enum tb_status db_report_agenda(struct db *db, const char *from, const char *to,
				bool (*fn)(long long case_id,
					   const char *status,
					   const char *meeting_date, void *arg),
				void *arg)
{
	struct report_fn x = {.fn.a = fn, .arg = arg};
	char end[32];
	return db_each(db,
		       "SELECT a.case_id, a.status, m.date FROM agenda_item a"
		       " JOIN meeting m ON m.id = a.meeting_id"
		       " WHERE a.status <> 'removed' AND a.case_id IN"
		       " (SELECT c.id FROM cases c WHERE" IN_PERIOD ")"
		       " ORDER BY m.date, m.start_time, m.id, a.position, a.id",
		       DB_PARAMS(DB_TEXT(from), DB_TEXT(to_end(to, end))),
		       agenda_row, &x);
}

enum tb_status
db_report_decisions(struct db *db, const char *from, const char *to,
		    bool (*fn)(const struct tb_decision *d, void *arg),
		    void *arg)
{
	char end[32];
	return db_decision_each_sql(
	    db,
	    "WHERE d.case_id IN (SELECT c.id FROM cases c WHERE" IN_PERIOD
	    ") ORDER BY d.id",
	    DB_PARAMS(DB_TEXT(from), DB_TEXT(to_end(to, end))), fn, arg);
}

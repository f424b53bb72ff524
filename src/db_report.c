/*
 * db_report — what the report of a period reads (include/db_report.h).
 * A case is in the period when the first ten characters of its referral
 * date are from..to: referral_date >= from and < the day after to (as
 * text: so in any collation that orders digits, a time after the date
 * included), ten characters at least; the index of referral dates
 * (cases_referral on SQLite, cases_list on PostgreSQL) finds them.
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
	bool (*fn)(const struct db_report_case *c, void *arg);
	void *arg;
};

static bool case_row(struct store_stmt *st, void *arg)
{
	const struct report_fn *x = arg;
	long long agenda = store_column_int64(st, 9);
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
	    .discussed = agenda & 1,
	    .deferred = agenda & 2,
	    .not_discussed = agenda & 4,
	    .first_meeting = db_column_text(st, 10),
	    .first_signed = db_column_text(st, 11),
	    .latest_id = store_column_int64(st, 12),
	    .latest_signed = db_column_text(st, 13),
	    .latest_content = db_column_text(st, 14),
	    .status = db_column_text(st, 15),
	    .reason = db_column_text(st, 16),
	    .informed_on = db_column_text(st, 17),
	};
	return x->fn(&c, x->arg);
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
	struct report_fn x = {fn, arg};
	char end[32];
	/* each of a case's facts by an index on its case id (finding_case,
	 * agenda_case, decision_case): per case, not per archive; its
	 * agenda rows' outcomes as bits (1 discussed, 2 deferred, 4 not
	 * discussed) */
	return db_each(
	    db,
	    "SELECT c.id, c.referral_date, c.icd10, c.level, p.region, p.sex,"
	    " p.language, p.birth_date, (SELECT min(f.date) FROM finding f"
	    " WHERE f.case_id = c.id AND f.date <> ''),"
	    " (SELECT coalesce(sum(DISTINCT CASE a.status WHEN 'discussed'"
	    " THEN 1 WHEN 'deferred' THEN 2 WHEN 'not-discussed' THEN 4"
	    " ELSE 0 END), 0) FROM agenda_item a WHERE a.case_id = c.id),"
	    " (SELECT min(m.date) FROM agenda_item a JOIN meeting m ON m.id ="
	    " a.meeting_id WHERE a.case_id = c.id AND a.status = 'discussed'),"
	    " (SELECT d.signed_at FROM decision d WHERE d.case_id = c.id AND"
	    " d.version = 1 ORDER BY d.id DESC LIMIT 1),"
	    " l.id, l.signed_at, l.content, u.status, u.reason, i.informed_on"
	    " FROM cases c JOIN patient p ON p.id = c.patient_id"
	    " LEFT JOIN decision l ON l.id = (SELECT max(d.id) FROM decision d"
	    " WHERE d.case_id = c.id AND NOT EXISTS (SELECT 1 FROM decision s"
	    " WHERE s.case_id = c.id AND s.supersedes = d.id))"
	    " LEFT JOIN follow_up u ON u.decision_id = l.id"
	    " LEFT JOIN patient_informed i ON i.decision_id = l.id"
	    " WHERE" IN_PERIOD " ORDER BY c.id",
	    DB_PARAMS(DB_TEXT(from), DB_TEXT(to_end(to, end))), case_row, &x);
}

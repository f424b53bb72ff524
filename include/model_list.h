/*
 * model_list — a case as a list row shows it (the case list, `cases`),
 * apart from the query that fills it (db_case.h), so that renderers need
 * no database header. The strings are borrowed from the query.
 */
#ifndef TB_MODEL_LIST_H
#define TB_MODEL_LIST_H

/* One line of a case list; strings borrowed for the callback's duration. */
struct db_case_row {
	long long id;
	const char *external_id;
	const char *pnr;
	const char *family_name;
	const char *given_name;
	const char *birth_date;
	const char *sex;
	const char *icd10;
	const char *diagnosis_text;
	const char *level;
	const char *priority;
	const char *status;
	const char *referral_date;
	const char *region;
};

#endif

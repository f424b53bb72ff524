/*
 * db_extract — what a research extract reads from the archive (cases with
 * the patient's quasi-identifiers, findings, signed decisions), and the
 * record of each extract made: who, when, why (purpose and legal basis)
 * and what (counts, the key's fingerprint), kept in research_extract
 * (append-only) with an audit entry whose detail names the counts and a
 * digest of the request; verify checks the two agree.
 */
#ifndef TB_DB_EXTRACT_H
#define TB_DB_EXTRACT_H

#include <stdbool.h>

#include "db.h"

struct diag;

/* The statements of the schema step that adds research_extract. */
extern const char *const db_extract_schema[];

/* One case with what of its patient an extract may use. Strings borrowed
 * for the callback's duration; NULL when not set. */
struct db_extract_case {
	long long id;
	const char *external_id;
	const char *pnr;
	const char *sex;
	const char *birth_date;
	const char *region;
	const char *referral_date;
	const char *level;
	const char *priority;
	const char *status;
	const char *icd10;
	const char *icdo3;
	const char *diagnosis_date;
	const char *ecog; /* as text; NULL when not known */
	const char *tnm_t, *tnm_n, *tnm_m, *tnm_stage;
};
/* Cases referred from from to to (YYYY-MM-DD, inclusive; NULL: open), in
 * id order. */
enum tb_status db_extract_cases(struct db *db, const char *from, const char *to,
				bool (*fn)(const struct db_extract_case *c,
					   void *arg),
				void *arg);

struct db_extract_finding {
	long long case_id;
	const char *gene, *kind, *origin, *hgvs_c, *hgvs_p, *classification,
	    *test, *date, *context, *vaf;
	bool absent; /* result="absent": looked for and not found */
};
/* Every finding, by case id. */
enum tb_status
db_extract_findings(struct db *db,
		    bool (*fn)(const struct db_extract_finding *f, void *arg),
		    void *arg);

struct db_extract_decision {
	long long id, case_id;
	int version;
	const char *form_id, *form_version, *signed_at, *content;
};
/* Every signed decision, by case id and version. */
enum tb_status
db_extract_decisions(struct db *db,
		     bool (*fn)(const struct db_extract_decision *d, void *arg),
		     void *arg);

/* Records an extract: a research_extract row (by, purpose, basis, the
 * counts, the key's fingerprint) and its audit entry ("extract", entity
 * "research-extract"; the detail holds the counts and the digest of
 * purpose and basis, never their text), in one transaction. *id gets the
 * row's id. */
enum tb_status db_extract_record(struct db *db, const char *by,
				 const char *purpose, const char *basis,
				 long long cases, long long decisions,
				 long long left_out, int min_group,
				 const char *key_id, long long *id);

/* Checks every research_extract row against its audit entry (and the
 * other way round) and that its guards are in place; problems go to d. */
enum tb_status db_extract_verify(struct db *db, struct diag *d);

#endif

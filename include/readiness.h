/*
 * readiness — is a case ready for its board? Each rule of the board type
 * (board.h) becomes one checklist item, met or missing with the reason
 * ("newest imaging 2026-09-02 is 82 days old; the limit is 56").
 */
#ifndef TB_READINESS_H
#define TB_READINESS_H

#include <stdbool.h>

#include "board.h"
#include "status.h"
#include "model.h"

#define READINESS_MAX_ITEMS 8

struct readiness_item {
	const char *what; /* "Question to the board", static */
	bool ok;
	char detail[160];
};

struct readiness {
	const struct board *board; /* borrowed */
	char as_of[11];
	struct readiness_item items[READINESS_MAX_ITEMS];
	int n;
	int missing;
};

/* What of a case its readiness is checked by, and nothing more: read by
 * the store in one statement (db_case_ready, db_case_ready_many) or taken
 * from a case loaded whole (readiness_facts_of). The strings are NULL
 * when not stated. */
struct readiness_facts {
	long long id;
	const char *external_id, *icd10;
	bool question, level_reason; /* stated and not empty */
	size_t n_pathology;	     /* pathology reports */
	const char *birth_date;	     /* the patient's */
	int ecog, lansky;	     /* -1: not stated */
	const char *tnm_stage;
	const char *newest_imaging; /* the newest imaging's date; NULL: none */
	size_t n_findings, n_clinical; /* clinical: context NULL or clinical */
	/* the storage of the strings when the store read them (freed by
	 * readiness_facts_done); NULL when they are borrowed from a case */
	char *text;
};

/* The facts of c, its strings borrowed from c (valid while c is). */
void readiness_facts_of(const struct tb_case *c, struct readiness_facts *f);
/* Frees what the store read into f (nothing for facts of a case). */
void readiness_facts_done(struct readiness_facts *f);

/* Checks the case of the facts f against b's rules as of the date as_of
 * (YYYY-MM-DD). */
void readiness_check_facts(const struct readiness_facts *f,
			   const struct board *b, const char *as_of,
			   struct readiness *r);
/* readiness_check_facts of c's facts. */
void readiness_check(const struct tb_case *c, const struct board *b,
		     const char *as_of, struct readiness *r);

struct db;
struct tb_meeting;
struct boards;
/* How many cases still listed on the meeting's agenda are ready as of its
 * date, each by the rules of the board that takes its diagnosis (*n: how
 * many are listed). */
enum tb_status readiness_meeting(struct db *db, const struct boards *bs,
				 const struct tb_meeting *m, int *ready,
				 int *n);
/* readiness_meeting for the n_ms meetings ms at once (ready[k] and n[k]
 * of ms[k]), their agendas read together, then the readiness facts of
 * their cases (db_case_ready_many): as many round trips on a server for
 * a list of meetings as for one, and no case loaded whole. */
enum tb_status readiness_meetings(struct db *db, const struct boards *bs,
				  const struct tb_meeting *ms, size_t n_ms,
				  int *ready, int *n);

/* The readiness of a list of meetings kept with the store's data version
 * it was read at (db_data_version): asked again for the same meetings
 * while nothing changed, it is not read again. Zeroed to start. */
struct readiness_memo {
	bool valid;
	unsigned long long other, own;
	size_t n_ms;
	long long *ids;
	char (*dates)[11];
	int *ready, *n;
};
/* readiness_meetings through memo: read when the meetings, their dates
 * or the data version differ from what memo holds, copied otherwise. */
enum tb_status readiness_meetings_kept(struct readiness_memo *memo,
				       struct db *db, const struct boards *bs,
				       const struct tb_meeting *ms, size_t n_ms,
				       int *ready, int *n);
void readiness_memo_done(struct readiness_memo *memo);

#endif

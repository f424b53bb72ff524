/*
 * db_decision — signed decisions: stored once, never changed (triggers
 * refuse UPDATE and DELETE), each with a SHA-256 of its content that the
 * audit log records too. decision.c builds and checks them; this module
 * only stores and reads.
 */
#ifndef TB_DB_DECISION_H
#define TB_DB_DECISION_H

#include <stdbool.h>

#include "db.h"
#include "diag.h"
#include "model_decision.h"
#include "status.h"

void db_decision_done(struct tb_decision *d);

/*
 * Stores a decision (id, version set here from the case's latest), marks
 * its form instance signed and the case signed, and appends the audit
 * entry holding the hash — all in one transaction. The caller computed
 * content_hash over the fields including version and signed_at: hash_fn
 * is called with the version filled in to do that. TB_INVALID when the
 * instance is not a draft, or not at d->form_revision when that is set.
 */
enum tb_status db_decision_insert(struct db *db, struct tb_decision *d,
				  void (*hash_fn)(struct tb_decision *d));

enum tb_status db_decision_get(struct db *db, long long id,
			       struct tb_decision *out);

/* Calls fn for each decision (of the case, or all when case_id is 0) in
 * id order; fn returns false to stop. */
enum tb_status
db_decision_each(struct db *db, long long case_id,
		 bool (*fn)(const struct tb_decision *d, void *arg), void *arg);

/* Calls fn for each decision signed at the meeting, in id order; fn
 * returns false to stop. */
enum tb_status db_decision_each_meeting(struct db *db, long long meeting_id,
					bool (*fn)(const struct tb_decision *d,
						   void *arg),
					void *arg);

/* Calls fn for each decision about any case of the patient, newest
 * first; fn returns false to stop. */
enum tb_status db_decision_each_patient(struct db *db, long long patient_id,
					bool (*fn)(const struct tb_decision *d,
						   void *arg),
					void *arg);

/* db_decision_each_patient for the patient of case case_id, with one
 * statement that db_decision_send may have sent ahead (store_send) for
 * that case: a reader of a case page sends it with the case's parts and
 * gets it in the same round trip on a server. db_decision_unsend drops
 * what was sent and not read. */
enum tb_status db_decision_send(struct db *db, long long case_id);
void db_decision_unsend(struct db *db);
enum tb_status
db_decision_each_of_patient(struct db *db, long long case_id,
			    bool (*fn)(const struct tb_decision *d, void *arg),
			    void *arg);

/* The audit detail recorded for each signed decision's hash, for verify:
 * calls fn(decision id, detail) for every "sign"/"amend" entry. */
enum tb_status db_decision_audit_each(struct db *db,
				      void (*fn)(long long id,
						 const char *detail, void *arg),
				      void *arg);

/* Decisions whose text holds every word of query as a word prefix (any
 * text is valid; no word matches nothing); fn gets decision ids. */
enum tb_status db_decision_search(struct db *db, const char *query, int limit,
				  void (*fn)(long long id, void *arg),
				  void *arg);

/* What became of a decision's recommendation, and when the patient was
 * told. Empty strings when nothing is recorded. */
struct db_followup {
	char status[12]; /* "", "done", "not-done" */
	char reason[16]; /* for not-done: medical | patient-wish | other */
	char *note;	 /* may be NULL */
	char updated[21];
	char *updated_by;
	char informed_on[11]; /* YYYY-MM-DD or "" */
	char *informed_by;
	char *how;
};

void db_followup_done(struct db_followup *f);
enum tb_status db_followup_get(struct db *db, long long decision_id,
			       struct db_followup *out);

/* Records whether the recommendation was carried out: status "done", or
 * "not-done" with a reason (medical, patient-wish, other). A later record
 * replaces the earlier; the audit log keeps the history. Both write in
 * the open transaction when there is one (the caller commits or rolls
 * back; followup_record), else in one of their own. */
enum tb_status db_followup_set(struct db *db, long long decision_id,
			       const char *status, const char *reason,
			       const char *note);

/* Records when (YYYY-MM-DD) and by whom the patient was told. */
enum tb_status db_followup_informed(struct db *db, long long decision_id,
				    const char *on, const char *by,
				    const char *how);

/* Frees what a struct tb_followup_facts holds, and clears it. */
void db_followup_facts_done(struct tb_followup_facts *f);

/*
 * The follow-up list's index (schema 28): each decision's follow-up date
 * and the day it stands at in the list (that date, else the day it was
 * signed), for the latest version of each chain.
 */
/* A latest decision as the follow-up list reads it, with what was
 * recorded of it. Strings borrowed for the callback's duration. */
struct db_case_care;
struct db_followup_item {
	long long decision_id, case_row;
	int version;
	const char *case_id, *family, *given;
	const char *form_id, *form_version;
	const char *due; /* YYYY-MM-DD, "" when the decision gives none */
	const char *day; /* where it stands: the due date, else signed */
	const char *owner, *rec_field, *rec_value; /* "" when none */
	struct db_followup fu;
};
/*
 * The latest decisions by day, then id, of the cases care admits (every
 * case when NULL; db_user_care_sql): the last past of them before today
 * and the first ahead from today on (each < 0: every one); *earlier and
 * *later (either may be NULL) say whether more stand before the first
 * and after the last. cb returns false to stop.
 */
struct db_followup_span {
	int past, ahead;
	bool earlier, later; /* set by the read */
};
enum tb_status
db_followup_window(struct db *db, const struct db_case_care *care,
		   const char *today, struct db_followup_span *span,
		   bool (*cb)(const struct db_followup_item *it, void *arg),
		   void *arg);
/* The decisions signed before schema 28 whose follow-up date has not been
 * read from their content yet: up to limit of them, by id; how many. */
enum tb_status db_followup_unknown(struct db *db, int limit,
				   bool (*cb)(long long id, const char *form_id,
					      const char *form_version,
					      const char *content, void *arg),
				   void *arg);
enum tb_status db_followup_unknown_count(struct db *db, long long *n);
/* Decision decision_id's facts read from its content: in the index, known
 * from now on. */
enum tb_status db_followup_due_put(struct db *db, long long decision_id,
				   const struct tb_followup_facts *f);

/* A decision beside its row in the index, for verify: what the row
 * should say (from the decision) and what it says (x_…). Borrowed for
 * the callback's duration; a fact the row does not give is NULL. */
struct db_followup_check {
	long long decision_id, case_row;
	const char *case_id; /* the case's external id */
	bool latest;	     /* no decision supersedes it */
	const char *form_id, *form_version, *content;
	const char *signed_on; /* YYYY-MM-DD */
	bool indexed;	       /* the index has a row for it */
	long long x_case_row;
	bool x_latest, x_known;
	const char *x_day, *x_due, *x_owner, *x_rec_field, *x_rec_value;
};
/* Every decision with its index row, by id; *orphans: the index's rows
 * that name no decision. */
enum tb_status
db_followup_check_each(struct db *db,
		       bool (*fn)(const struct db_followup_check *c, void *arg),
		       void *arg, long long *orphans);

#endif

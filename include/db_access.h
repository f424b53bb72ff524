/*
 * db_access — the access log in the database: one row per read of a
 * patient's data, append-only (triggers) and chained by SHA-256 like the
 * audit log, checked by verify; the review marks an auditor sets on it;
 * and the queries behind `tumorboard log`.
 *
 * access_log   id (1, 2, 3 … without gaps), at, who, unit (NULL when not
 *              known), what (a code of access.h), patient_id (the
 *              patient's row: never the identity number), case_id (NULL
 *              for a read of the patient alone), relation, emergency_id
 *              (the grant of an emergency access, emergency_access.id,
 *              which holds the reason and how long it ran), prev_hash,
 *              hash.
 * access_review one row per review mark: the entry, when, by whom, the
 *              finding (justified, unjustified); append-only, each also
 *              an audit entry (entity "access").
 * access_log_by_patient, access_log_by_case  (patient_id or case_id, id)
 *              of every entry up to access_log_indexed.upto: the log's
 *              lookups, caught up after the keys (db_access_lookup.c).
 */
#ifndef TB_DB_ACCESS_H
#define TB_DB_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"

struct diag;
struct store;

/* The statements of the schema step that adds the access log. */
extern const char *const db_access_schema[];

/* The case's patient row; TB_NOT_FOUND when there is no such case. */
enum tb_status db_access_patient_of(struct db *db, long long case_id,
				    long long *patient_id);
/* The patients of up to DB_ACCESS_PREFETCH cases read in one statement
 * (the rest are read one by one), which db_access_patient_of answers
 * from until db_access_patients_forget: a screenful logged costs one
 * statement for its patients, not one per row (with a user signed in
 * db_user_care_prefetch reads them with the care facts). */
#define DB_ACCESS_PREFETCH 64
/* Rows the case list's window read for the user of user_id (a users id,
 * 0: none; db_case_filter.access_user) come with their patients: read
 * nothing for them while the data has not moved since. */
enum tb_status db_access_patients_prefetch(struct db *db, long long user_id,
					   const long long *case_ids, size_t n);
/* Forgets the patients read (the window's stand while the data does). */
void db_access_patients_forget(struct db *db);

/* A batch (db_access_batch) writes its entries at its end, up to
 * DB_ACCESS_ROWS in one INSERT (of exactly that many rows, each shape
 * prepared once), their chain computed here: a screenful logged costs
 * one or two statements, not one per row. */
#define DB_ACCESS_ROWS 32
/* The INSERT of a batch of n entries (at most DB_ACCESS_ROWS) prepared
 * now, in a pause, so that the screen that logs as many is not the one
 * to parse it; on SQLite only (on a server it would be a round trip of
 * its own). */
void db_access_warm(struct db *db, size_t n);

/*
 * Appends one entry (case_id 0: a read of the patient alone). Opens and
 * commits a transaction of its own unless one is open. unit may be
 * NULL; emergency_id is 0 unless relation is "emergency". The caller has
 * checked that what and relation are known codes.
 */
enum tb_status db_access_append(struct db *db, const char *who,
				const char *unit, const char *what,
				long long patient_id, long long case_id,
				const char *relation, long long emergency_id);
/* Runs fn inside one transaction of its own (or the open one): many
 * appends cost one commit. */
enum tb_status db_access_batch(struct db *db,
			       enum tb_status (*fn)(struct db *db, void *arg),
			       void *arg);

/* One entry as read back; strings borrowed for the callback's duration. */
struct db_access_row {
	long long id;
	const char *at;
	const char *who;
	const char *unit;
	const char *what;
	long long patient_id;
	long long case_id; /* 0: none */
	const char *case_ext;
	const char *relation;
	const char *reason; /* an emergency access's, from its grant */
	long long emergency_id;
	const char *emergency_until;
	const char *who_name; /* the user of that account now; may be NULL */
	const char *who_title;
	const char *reviewed; /* newest finding, NULL when not reviewed */
	const char *reviewed_by;
	const char *reviewed_at;
	long long review_marks; /* every mark is kept: how many there are */
};

struct db_access_filter {
	long long patient_id; /* 0: any */
	long long case_id;    /* 0: any */
	const char *who;      /* NULL: any */
	const char *from;     /* YYYY-MM-DD, inclusive; NULL: any */
	const char *to;	      /* YYYY-MM-DD, inclusive; NULL: any */
	/* only emergency accesses and those outside a relationship that
	 * no review has marked */
	bool unreviewed_flagged;
};

/* Entries matching f, oldest first. fn returns false to stop. */
enum tb_status
db_access_each(struct db *db, const struct db_access_filter *f,
	       bool (*fn)(const struct db_access_row *r, void *arg), void *arg);

/* Readers who read more than limit distinct patients on one day (UTC),
 * within f's dates: fn(who, day, patients). A reviewer's lists of the
 * access log ("log-list" entries) are not counted. */
enum tb_status db_access_volume(struct db *db, const struct db_access_filter *f,
				long long limit,
				bool (*fn)(const char *who, const char *day,
					   long long patients, void *arg),
				void *arg);

/* The newest review mark of an entry before another was added. */
struct db_access_mark {
	long long n; /* marks before this one; 0: none (the rest is "") */
	char finding[16];
	char by[64];
	char at[21];
};

/* Marks entry id as reviewed by by with finding ("justified" or
 * "unjustified"): a row in access_review and an audit entry. A mark
 * never replaces an earlier one: every mark is kept (a later review may
 * revise a finding), the newest counts, and earlier (may be NULL) gets
 * the newest mark there was before this one so the caller can say so.
 * TB_NOT_FOUND when there is no such entry, TB_INVALID for another
 * finding. */
enum tb_status db_access_review(struct db *db, long long id, const char *by,
				const char *finding,
				struct db_access_mark *earlier);

/* The patient of an identity number, as the extract's heading names
 * them (caller frees with db_access_patient_done). */
struct db_access_patient {
	long long id;
	char *given_name, *family_name, *birth_date, *language;
};
/* TB_NOT_FOUND when no patient has this (normalised) identity number. */
enum tb_status db_access_patient_find(struct db *db, const char *pnr,
				      struct db_access_patient *out);
void db_access_patient_done(struct db_access_patient *p);

/* The statements of schema step 23: the lookups by patient and by case,
 * filled from the log, in place of its two indexes. */
extern const char *const db_access_lookup_schema[];
/* A screen catches the lookups up in a pause (db_idle); a batch does at
 * once when this many of its connection's entries wait (other
 * connections do at the end of every batch). */
#define DB_ACCESS_LOOKUP_CAP 10000
/* The entries past the lookups' mark into them, the mark moved on;
 * inside the caller's transaction (migrate's copy, a batch). */
enum tb_status db_access_lookup_fill(struct store *s);
/* The same in a transaction of its own, when this connection appended
 * since its last one and holds no transaction; never waits for another
 * connection's write (the next pause tries again). */
enum tb_status db_access_lookup_catch_up(struct db *db);
/* The lookups against the log: every entry up to the mark in each, no
 * row that is not an entry's, one mark and not past the newest entry. */
enum tb_status db_access_lookup_verify(struct db *db, struct diag *d);

/* Checks the access log: its append-only triggers, the chain (sequence,
 * prev and own hashes), that every review mark has its audit entry, and
 * its lookups (db_access_lookup_verify). Problems go to d; *entries
 * counts the entries checked. */
enum tb_status db_access_verify(struct db *db, struct diag *d,
				long long *entries);

#endif

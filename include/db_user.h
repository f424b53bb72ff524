/*
 * db_user — the users table and its lists (roles, care units, boards),
 * the emergency-access grants, and the facts a care relationship is
 * decided from (which boards' agendas list a case, which unit referred
 * it). Every change is audited (field names only) and sealed into the
 * audit chain as a "user" record.
 */
#ifndef TB_DB_USER_H
#define TB_DB_USER_H

#include <stdbool.h>

#include "db.h"
#include "user.h"

/* The user with this account (caller frees *out). TB_NOT_FOUND when
 * there is none. */
enum tb_status db_user_get(struct db *db, const char *account,
			   struct user **out);
/* The user that text (trimmed) names: the account as typed, else in any
 * letter case where only one account is that, else the one user of that
 * name (caller frees *out). TB_NOT_FOUND when none does (or several
 * users share the name). */
enum tb_status db_user_named(struct db *db, const char *text,
			     struct user **out);
/* text (size bytes) trimmed and, when it is a user's account (in any
 * letter case, where only one account is that), replaced by the user's
 * name, as people read it (a meeting's chair typed as an account); any
 * other text is left as it is. */
void db_user_name_for(struct db *db, char *text, size_t size);
/* db_user_get by row id. */
enum tb_status db_user_get_id(struct db *db, long long id, struct user **out);

/* How many users there are, and how many active administrators
 * (role "administrator"). */
enum tb_status db_user_count(struct db *db, long long *users,
			     long long *active_admins);

/*
 * Inserts u (u->id is set) in its own transaction with an audit entry
 * by actor ("user-add"). TB_INVALID when the account is taken (*why
 * says so) or user_check fails.
 */
enum tb_status db_user_add(struct db *db, struct user *u, const char *actor,
			   char *why, size_t why_len);
/*
 * Replaces name, title, active and the lists of the user u->id with u's,
 * in one transaction with an audit entry ("user-edit"; the detail names
 * the fields that changed). TB_NOT_FOUND when there is no such user.
 */
enum tb_status db_user_update(struct db *db, const struct user *u,
			      const char *actor, char *why, size_t why_len);

/* Every user by account; cb returns false to stop. u is borrowed for the
 * call. */
enum tb_status db_user_list(struct db *db,
			    bool (*cb)(const struct user *u, void *arg),
			    void *arg);

/* The facts of a care relationship between u and the case. */
struct db_user_care {
	long long meeting_id;	/* a meeting of one of u's boards that lists
				   the case (newest first); 0: none */
	char board[41];		/* that meeting's board */
	bool referred_by_unit;	/* the case's referring unit is one of u's */
	char icd10[16];		/* the case's diagnosis code (for the board
				   that takes it) */
	long long emergency_id; /* an emergency grant still running; 0 none */
	char emergency_until[21];
};
/* TB_NOT_FOUND when there is no such case. now is a UTC timestamp. */
enum tb_status db_user_care(struct db *db, const struct user *u,
			    long long case_id, const char *now,
			    struct db_user_care *out);
/* The same for many cases, the statement prepared once: begin, next for
 * each case (as db_user_care), end (NULLs *q; NULL is fine). */
struct db_user_care_query;
enum tb_status db_user_care_begin(struct db *db, struct db_user_care_query **q);
enum tb_status db_user_care_next(struct db_user_care_query *q,
				 const struct user *u, long long case_id,
				 const char *now, struct db_user_care *out);
void db_user_care_end(struct db_user_care_query **q);
/* The patient of case_id when the last care facts read were case_id's
 * (read with them: a case never changes patient); taken once. */
bool db_user_care_patient(struct db *db, long long case_id,
			  long long *patient_id);
/* The facts of case_id as the case list read them with its rows, into q
 * (and its patient, for the access log's entry), while nothing but this
 * connection's access log changed since: false when they are not there
 * (db_user_care_next reads them). */
bool db_user_care_listed(struct db *db, struct db_user_care_query *q,
			 const struct user *u, long long case_id);
/* The facts of up to 64 cases read in one statement (the rest are read
 * one by one), which db_user_care_next answers from for u: a screenful
 * logged costs one statement for its care relationships, not one per
 * row. The facts are those at now. Their patients with them, for the
 * access log's entries (as db_access_patients_prefetch reads them). */
enum tb_status db_user_care_prefetch(struct db *db,
				     struct db_user_care_query *q,
				     const struct user *u,
				     const long long *case_ids, size_t n,
				     const char *now);

/*
 * Records an emergency access of u to the case, with reason, from now
 * until until (UTC timestamps), flagged for review, in one transaction
 * with an audit entry ("emergency-access"; the reason is kept in the
 * grant, not in the audit detail): the open one when there is one (the
 * caller commits it), else its own. *id is the grant's id.
 */
enum tb_status db_user_emergency_grant(struct db *db, const struct user *u,
				       long long case_id, const char *reason,
				       const char *now, const char *until,
				       long long *id);

/* The care facts of case_ids (the first 64) for u read now, in a pause
 * ahead of the screen that shows them first (the referral queue, the
 * follow-up list, the first agenda), and kept while nothing but the
 * access log changes: that screen's access log reads none of them
 * (db_user_care_prefetch). The last three reads are kept; none
 * are kept while an emergency access of u's is to begin or end. */
enum tb_status db_user_care_ahead(struct db *db, const struct user *u,
				  const long long *case_ids, size_t n);

/* Whether user_id has an emergency access that has not ended by now
 * (running, or to begin): a list of her care changes when it ends or
 * begins, with no change in the store. True when it cannot be read. */
bool db_user_emergency_pending(struct db *db, long long user_id,
			       const char *now);

/* Records a refusal in the audit log ("denied"): who, which permission
 * (detail: permission and what asked, no patient data), and the case
 * (0: none). Opens and commits its own transaction when none is open. */
enum tb_status db_user_log_denied(struct db *db, const char *actor,
				  const char *perm, const char *what,
				  long long case_id);

/* The condition (" AND (…)") that limits a list of cases c to a user's
 * care, and its binding (named parameters :cu :cnow :call :cmine :cfb;
 * c NULL binds nothing). See struct db_case_care (db_case.h). */
struct store_stmt;
struct db_case_care;
extern const char db_user_care_sql[];
/* The facts of db_user_care as columns (", c.icd10, …": six of them) and
 * joins of a query of cases c, for the user :au at the time :anow; read
 * by db_user_care_row from column col on. */
extern const char db_user_care_cols_sql[];
extern const char db_user_care_joins_sql[];
void db_user_care_row(struct store_stmt *st, int col, struct db_user_care *out);
void db_user_care_bind(struct store_stmt *st, const struct db_case_care *c);

#endif

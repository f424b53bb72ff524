/*
 * db_referral — referrals between boards: where a received case came from
 * (its origin: the board that referred it, when, the package's SHA-256),
 * and the answers (signed decision Bundles from the board a case was
 * referred to) attached to the original case. Both are sealed clinical
 * records (db_audit.c); every write is audited without patient values.
 */
#ifndef TB_DB_REFERRAL_H
#define TB_DB_REFERRAL_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "status.h"

struct db_origin {
	char board[201];    /* the board that referred the case */
	char to_board[201]; /* this board, as the package named it */
	char sent[21];	    /* when the package was written (UTC) */
	char received[21];
	char sha256[65]; /* of the package as received */
};

/* Records the origin of case_id with its audit entry, inside the caller's
 * open transaction (db_begin): the case received and its origin are
 * stored together or not at all. A case referred again keeps the latest
 * origin (the audit log keeps every one). */
enum tb_status db_referral_put_origin(struct db *db, long long case_id,
				      const struct db_origin *o);

/* Sends the statements of db_referral_answers and db_referral_origin for
 * case_id ahead (store_send), for them to read: on a server they come
 * back with the next statement waited for (a case's page: with its
 * load), not a round trip each. */
enum tb_status db_referral_send(struct db *db, long long case_id);
/* Drops what db_referral_send sent and nobody read. */
void db_referral_unsend(struct db *db);

/* TB_NOT_FOUND when the case was not referred from another board. */
enum tb_status db_referral_origin(struct db *db, long long case_id,
				  struct db_origin *out);

struct db_answer {
	long long id;
	long long case_id;
	char board[201];      /* the board that answered */
	char decision[32];    /* its decision id there */
	char signed_at[21];   /* when it was signed there */
	char *recommendation; /* option code; may be NULL */
	char *intent;	      /* may be NULL */
	char format[8];	      /* xml | json */
	char *package;	      /* the Bundle as received */
	char sha256[65];
	char received[21];
};

void db_answer_done(struct db_answer *a);

/* Attaches an answer to its case in one transaction with its audit entry;
 * *id_out gets its id. TB_INVALID when the same package (same SHA-256) is
 * attached to the case already. */
enum tb_status db_referral_add_answer(struct db *db, struct db_answer *a);

/* The answers attached to case_id, oldest first; fn returns false to
 * stop. The answer is borrowed for the call. */
enum tb_status db_referral_answers(struct db *db, long long case_id,
				   bool (*fn)(const struct db_answer *a,
					      void *arg),
				   void *arg);

#endif

/*
 * Shared between db*.c only: the connection struct and the prepared
 * statement cache. Each hot statement is prepared once per connection on
 * first use and reset after each use.
 */
#ifndef TB_DB_INTERNAL_H
#define TB_DB_INTERNAL_H

#include <sqlite3.h>

#include "db.h"

/* The open statuses of a case: those the referral queue may hold. The
 * queue's partial index (schema step 8) and its query use this very term,
 * so that the planner can use the index; never change it in place (a new
 * schema step rebuilds the index). */
#define DB_QUEUE_STATUSES                                                      \
	"('referred','incomplete','ready','listed','discussed',"               \
	"'not-discussed','deferred','decision-draft')"

enum db_stmt_id {
	DB_STMT_PATIENT_FIND,
	DB_STMT_PATIENT_INSERT,
	DB_STMT_PATIENT_UPDATE,
	DB_STMT_CASE_FIND,
	DB_STMT_CASE_INSERT,
	DB_STMT_CASE_UPDATE,
	DB_STMT_CASE_DELETE_CHILDREN_PATH,
	DB_STMT_CASE_DELETE_CHILDREN_FIND,
	DB_STMT_CASE_DELETE_CHILDREN_IMG,
	DB_STMT_PATHOLOGY_INSERT,
	DB_STMT_MARKER_INSERT,
	DB_STMT_FINDING_INSERT,
	DB_STMT_IMAGING_INSERT,
	DB_STMT_AUDIT_LAST,
	DB_STMT_AUDIT_INSERT,
	/* db_case_load */
	DB_STMT_CASE_LOAD,
	DB_STMT_PATHOLOGY_LOAD,
	DB_STMT_MARKER_LOAD,
	DB_STMT_FINDING_LOAD,
	DB_STMT_IMAGING_LOAD,
	DB_STMT_LEVEL_CHANGE_LOAD,
	DB_STMT__COUNT
};

/* Case list and count statements, prepared once per shape (which filters
 * are set) by db_case.c; finalized by db_close. */
#define DB_LIST_CACHE 16
struct db_list_cache {
	unsigned shape; /* 0: empty */
	sqlite3_stmt *st;
};

struct db {
	sqlite3 *conn;
	sqlite3_stmt *stmts[DB_STMT__COUNT];
	int txn_depth;
	struct db_list_cache list_cache[DB_LIST_CACHE];
	unsigned list_next;
};

/* The cached statement, prepared on first use; NULL on error. */
sqlite3_stmt *db_stmt(struct db *db, enum db_stmt_id id);

/* Runs one statement binding ?1 = a, ?2 = b and ?3 = text, as many as it
 * has (a statement needing only ?1 and ?3 writes "AND ?2 = 0"). */
enum tb_status db_exec_bound(struct db *db, const char *sql, long long a,
			     long long b, const char *text);

/* Turns free text into an FTS5 query of prefix terms, each quoted so that
 * nothing a user types is FTS syntax; words are split at any white space.
 * Returns NULL when the text holds no word (the caller then searches for
 * nothing in particular). Caller frees. */
char *db_fts_query(const char *text);

/* Binds text or NULL. */
int db_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* Copies column text (NULL stays NULL); caller frees. */
char *db_column_dup(sqlite3_stmt *st, int col);

#endif

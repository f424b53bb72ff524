/*
 * db — owns the store connection (src/store.h: SQLite, or PostgreSQL
 * where built in): opening (a file is created mode 0600), schema
 * migrations, transactions and a cache of prepared statements. Only db*.c
 * include store.h; everything else sees struct db as opaque.
 *
 * Schema history (the schema version: PRAGMA user_version on SQLite):
 *   1  patients, cases, pathology, findings, imaging, meetings, agenda,
 *      attendees, form instances and values, decisions, audit log
 *   2  full-text index over cases (FTS5)
 *   3–7 see the comments beside migrations[] in db.c
 *   8  the referral queue's partial index covers every open case
 *   9  whether the patient needs an interpreter
 *  10  audit entries numbered and sealing the clinical records they
 *      wrote (audit_seal); the records present at the upgrade are sealed
 *  11  users (account, name, title, active), their roles, care units and
 *      boards; emergency accesses (db_user.c)
 *  12  the access log (access_log, access_review; db_access.h)
 *  13  referrals between boards: a received case's origin, the answers
 *      attached to a referred case (case_origin, referral_answer)
 *  14  the record of research extracts (research_extract; db_extract.h)
 *  15–19 see the comments beside migrations[] in db.c
 *  20  the Swedish copy-number words in drafts' finding keys rewritten
 *      as every language writes them (db_draft_keys.c; SQLite only)
 *  21  a finding's result: a variant looked for and not found (absent)
 * A database whose user_version is above DB_SCHEMA_VERSION is refused.
 */
#ifndef TB_DB_H
#define TB_DB_H

#include <stdbool.h>

#include "status.h"

#define DB_SCHEMA_VERSION 31

struct db;

/*
 * Opens (and, unless readonly, creates and migrates) the database at path.
 * ":memory:" is accepted for tests. On failure *out is NULL and *err
 * receives a message (caller frees).
 */
enum tb_status db_open(const char *path, bool readonly, struct db **out,
		       char **err);
/*
 * Opens (and migrates) a database that must exist: a missing file is
 * TB_NOT_FOUND and nothing is created. For every command that does not
 * start a database of its own.
 */
enum tb_status db_open_existing(const char *path, struct db **out, char **err);
/*
 * Starts a new archive at path (tumorboard init). A PostgreSQL database
 * (which the server's administrator made, empty) gets the whole schema
 * and the application role's privileges, run as the role that is to own
 * the tables; TB_INVALID when it holds a schema already. A SQLite file is
 * created (mode 0600) with the schema; TB_INVALID when it exists. *err
 * on failure (caller frees).
 */
enum tb_status db_init(const char *path, char **err);
/*
 * tumorboard init on a PostgreSQL archive at an older schema: brings it
 * up to date by the steps that make a new one (db_pg_upgrade.c), in one
 * transaction, as the role that owns the tables; *from is the version it
 * had. Nothing to do (TB_OK, *from 0) for a SQLite path (every open
 * upgrades a file), an empty database or one at this version (db_init
 * then says what it says). *err on failure (caller frees).
 */
enum tb_status db_upgrade_server(const char *path, int *from, char **err);
void db_close(struct db **db);

/*
 * Copies the open database to a new file at dest with SQLite's online
 * backup, which sees every committed change (also those still in the
 * write-ahead log) and copes with writers in other processes. The copy is
 * written to a temporary file (mode 0600) in dest's directory, checked
 * with PRAGMA quick_check and renamed into place; dest must not exist
 * (TB_INVALID). The copy is a single file (no -wal beside it). The
 * backup is recorded in the audit log. *err on failure (caller frees).
 */
enum tb_status db_backup(struct db *db, const char *dest, char **err);

/*
 * The default database path: $TUMORBOARD_DB, else
 * $XDG_DATA_HOME/tumorboard/tumorboard.db, else
 * $HOME/.local/share/tumorboard/tumorboard.db. Caller frees; NULL when no
 * home is known.
 */
char *db_default_path(void);
/* Creates the parent directories of path with mode 0700 (a file path
 * only: nothing for a PostgreSQL database argument). */
enum tb_status db_make_parent_dirs(const char *path, char **err);

int db_user_version(struct db *db);

enum tb_status db_begin(struct db *db);
/* What db_begin makes before the first write (the temporary triggers
 * that mark what a write touches), made now: making them changes the
 * schema, and SQLite prepares again every statement prepared before. */
enum tb_status db_ready_writes(struct db *db);
enum tb_status db_commit(struct db *db);
void db_rollback(struct db *db);
/* Numbers that move whenever the store changed: *other when another
 * connection (another terminal, the command line) committed, *own when
 * this one wrote (its access-log batches aside: a logged read changes
 * nothing a view shows). The screen reloads a view whose numbers moved. */
enum tb_status db_data_version(struct db *db, unsigned long long *other,
			       unsigned long long *own);
/* The CPU milliseconds the database server has spent on this connection
 * (store_server_cpu_ms); -1 with no server process to read (SQLite). */
double db_server_cpu_ms(struct db *db);
/* While small, the connection keeps few of the archive's pages in memory
 * (store_cache_small): import checks a file so, its look-ups few, and
 * writes with the usual cache. */
void db_cache_small(struct db *db, bool small);

/* The screen's connection: the write-ahead log's checkpoint and the
 * access log's lookups (db_access_lookup_catch_up) wait for a pause
 * between keys (store_defer_checkpoints); db_idle, called in such a
 * pause, runs them when this connection wrote since. */
void db_defer_checkpoints(struct db *db);
bool db_idle(struct db *db);

/* Prepares the statements of the screens one key from the first (a case
 * opened, the meetings list's readiness, an agenda's cases), so that the
 * first such key does not wait for them: called once the first screen is
 * drawn. A statement that fails to prepare is left for its first use,
 * which reports it. Nothing on a server (a round trip each): false
 * there. */
bool db_warm(struct db *db);

/* The statements this connection has run (store_statements_run): what a
 * screen costs in round trips, counted by the tests. */
unsigned long long db_statements_run(struct db *db);

/* The last SQLite error message of this connection (borrowed). */
const char *db_errmsg(struct db *db);

/*
 * Appends one entry to the audit log, chained to the previous one by
 * SHA-256, with the seals (hashes) of every clinical record the open
 * transaction wrote. detail must not contain patient values (field names,
 * codes of what happened and counts only; never names, identity numbers
 * or free text). Call inside the transaction that made the change.
 */
enum tb_status db_audit_append(struct db *db, const char *actor,
			       const char *action, const char *entity,
			       long long entity_id, const char *detail);

/*
 * Inside a transaction about to write many records (an import): the
 * entries appended from now on leave the records they wrote to a `seal`
 * entry of their own, appended after every DB_SEAL_LATER_EVERY such
 * entries and at the commit, which reads the records back by ranges (a
 * statement per part for all of them) instead of one by one. Ends with
 * the transaction.
 */
#define DB_SEAL_LATER_EVERY 256
void db_audit_seal_later(struct db *db);

/* The account recorded in audit entries: the signed-in user's, else the
 * operating-system account (user_actor). Borrowed. */
const char *db_actor(void);

/* The newest audit entry: its sequence number (0 and "genesis" for an
 * empty log) and hash. */
struct db_audit_head {
	long long seq;
	char hash[65];
};
enum tb_status db_audit_head(struct db *db, struct db_audit_head *h);

/* The detail of the newest audit entry with this action about entity id
 * (caller frees *detail); TB_NOT_FOUND when there is none. */
enum tb_status db_audit_detail(struct db *db, const char *action,
			       const char *entity, long long id, char **detail);

struct db_audit_check {
	long long entries;	   /* audit entries checked */
	long long records;	   /* sealed records compared */
	struct db_audit_head head; /* as found by the walk */
};

/* Checks the append-only triggers, the audit chain (sequence, hashes,
 * seal digests) and every clinical record against its newest seal.
 * Problems go to d (one line each, saying what and where). */
struct diag;
enum tb_status db_audit_verify(struct db *db, struct diag *d,
			       struct db_audit_check *r);

/* Anchors: the head kept outside the database. The default anchor file is
 * $TUMORBOARD_ANCHOR, else $XDG_STATE_HOME/tumorboard/anchors, else
 * ~/.local/state/tumorboard/anchors (caller frees; NULL without a home).
 * When TUMORBOARD_ANCHOR is set, every committed write appends its head
 * there. */
char *db_anchor_default_path(void);
/* Appends "SEQ HASH TIME PATH" for this database (file mode 0600,
 * O_APPEND). *err receives a message on failure (caller frees). */
enum tb_status db_anchor_append(struct db *db, const char *file, char **err);
/* Checks every line of file that names this database: the entry it
 * records must still be in the log with the same hash. A missing file is
 * no error. TB_INTEGRITY when the log was cut back or rewritten. */
enum tb_status db_anchor_check(struct db *db, const char *file, struct diag *d,
			       long long *n_checked);
/* The same for one head written down elsewhere: "SEQ:HASH" (at least 16
 * hex digits). TB_USAGE when head is not in that form. */
enum tb_status db_anchor_expect(struct db *db, const char *head,
				struct diag *d);

/* Writers take turns: a connection that finds the database locked waits
 * up to timeout_s seconds (< 0: for ever) and calls notice once, after a
 * second, with a line to show (NULL: silent). Applies to every
 * connection of the process. */
#define DB_BUSY_TIMEOUT_DEFAULT 600
void db_set_busy(long timeout_s, void (*notice)(const char *msg));

#endif

/*
 * db — owns the SQLite connection: opening (creating mode 0600), pragmas,
 * schema migrations, transactions and a cache of prepared statements.
 * Only db*.c include <sqlite3.h>; everything else sees struct db as opaque.
 *
 * Schema history (PRAGMA user_version):
 *   1  patients, cases, pathology, findings, imaging, meetings, agenda,
 *      attendees, form instances and values, decisions, audit log
 *   2  full-text index over cases (FTS5)
 *   3–7 see the comments beside migrations[] in db.c
 *   8  the referral queue's partial index covers every open case
 * A database whose user_version is above DB_SCHEMA_VERSION is refused.
 */
#ifndef TB_DB_H
#define TB_DB_H

#include <stdbool.h>

#include "status.h"

#define DB_SCHEMA_VERSION 9

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
/* Creates the parent directories of path with mode 0700. */
enum tb_status db_make_parent_dirs(const char *path, char **err);

int db_user_version(struct db *db);

enum tb_status db_begin(struct db *db);
enum tb_status db_commit(struct db *db);
void db_rollback(struct db *db);

/* The last SQLite error message of this connection (borrowed). */
const char *db_errmsg(struct db *db);

/*
 * Appends one entry to the audit log, chained to the previous one by
 * SHA-256. detail must not contain patient values (field names and counts
 * only). Call inside the transaction that made the change.
 */
enum tb_status db_audit_append(struct db *db, const char *actor,
			       const char *action, const char *entity,
			       long long entity_id, const char *detail);

/* The user name recorded in audit entries: $LOGNAME, $USER or the passwd
 * entry. Borrowed, static. */
const char *db_actor(void);

/* Checks the audit chain: every entry's hash over its columns and the
 * previous hash. Problems go to d; returns how many entries were checked
 * in *n_out. */
struct diag;
enum tb_status db_audit_verify(struct db *db, struct diag *d, long long *n_out);

#endif

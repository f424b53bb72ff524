/*
 * store — the database engine interface of db*.c.
 *
 * db*.c speak to the database through these calls only; each engine
 * implements them in a file of its own (store_sqlite.c: SQLite, the
 * embedded default; store_pg.c: PostgreSQL through libpq). Nothing above
 * db*.c sees this header, and nothing outside the engine files includes
 * an engine's own header (sqlite3.h, libpq-fe.h).
 *
 * Handles. struct store is one open connection; struct store_stmt is one
 * prepared statement of a connection. Both are opaque. A statement must
 * be finalized before its connection is closed. A connection is used by
 * one thread at a time.
 *
 * SQL. Statements are written as SQLite reads them, with parameters
 * written `?` (numbered in order), `?N` (1-based) or `:name` (a named
 * parameter: its index comes from store_param_index; the same name used
 * twice is one parameter). Other engines rewrite the parameters at
 * prepare time (PostgreSQL: `$N`). What cannot be written portably is
 * listed in HACKING.md ("Engines"); it goes through the engine-specific
 * calls at the end of this header, or is chosen by store_engine().
 *
 * Result codes. Every call that can fail returns an int result code:
 * STORE_OK (0) on success, STORE_ROW / STORE_DONE from store_step, or one
 * of the error codes below. store_errcode() and store_errmsg() describe
 * the last failure on a connection.
 *
 * Lifetimes. Text and blobs returned by store_column_* are borrowed from
 * the statement: valid until the statement is next stepped, reset or
 * finalized. Text bound with store_bind_text / store_bind_blob is NOT
 * copied: it must stay valid and unchanged until that parameter is bound
 * again, the bindings are cleared, or the statement is finalized
 * (SQLite's rule for static text). Strings returned through char **err are
 * allocated and freed by the caller; store_errmsg's text is borrowed from
 * the connection, valid until its next call.
 *
 * A NULL statement (a prepare that failed) is accepted by every statement
 * call, as SQLite accepts one: finalize, reset and clear_bindings do
 * nothing and return STORE_OK, step and the binds return STORE_MISUSE,
 * columns read as NULL (0, NULL, STORE_NULL), store_stmt_busy is false.
 *
 * Cost. These calls sit on the keystroke path: one direct call per
 * column or parameter, no allocation per row or per bind.
 */
#ifndef TB_STORE_H
#define TB_STORE_H

#include <stdbool.h>
#include <stddef.h>

struct store;
struct store_stmt;

/* ------------------------------------------------------------------------
 * Result codes (engine-neutral)
 * ---------------------------------------------------------------------- */

enum store_rc {
	STORE_OK = 0,
	/* any failure not named below */
	STORE_ERROR = 1,
	/* another connection holds a lock and the busy handler gave up */
	STORE_BUSY = 5,
	/* a lock inside this connection */
	STORE_LOCKED = 6,
	STORE_NOMEM = 7,
	/* a write on a read-only connection */
	STORE_READONLY = 8,
	/* the file or the connection to the server failed */
	STORE_IOERR = 10,
	/* the database is damaged */
	STORE_CORRUPT = 11,
	/* store_open: no such database (and it was not created) */
	STORE_NOTFOUND = 12,
	/* store_open: cannot open or reach it */
	STORE_CANTOPEN = 14,
	/* a constraint or trigger refused the change (UNIQUE, FOREIGN KEY,
	 * CHECK, NOT NULL, RAISE(ABORT) in a trigger) */
	STORE_CONSTRAINT = 19,
	/* store_guard_check: the guard is not as it was made */
	STORE_MISMATCH = 20,
	/* the interface was used wrongly */
	STORE_MISUSE = 21,
	/* a parameter index out of range */
	STORE_RANGE = 25,
	/* this engine (or this build) cannot do it */
	STORE_UNSUPPORTED = 99,
	/* store_step: a row is ready */
	STORE_ROW = 100,
	/* store_step: no more rows */
	STORE_DONE = 101,
};

/* Column types as store_column_type reports them. */
enum store_type {
	STORE_INTEGER = 1,
	STORE_FLOAT = 2,
	STORE_TEXT = 3,
	STORE_BLOB = 4,
	STORE_NULL = 5,
};

enum store_engine {
	STORE_ENGINE_SQLITE = 1,
	STORE_ENGINE_POSTGRES = 2,
};

/* ------------------------------------------------------------------------
 * Connections
 * ---------------------------------------------------------------------- */

/* store_open flags */
#define STORE_OPEN_READONLY  0x1u /* no writes; the database must exist */
#define STORE_OPEN_READWRITE 0x2u /* the database must exist */
#define STORE_OPEN_CREATE    0x4u /* with READWRITE: create it if missing */

/*
 * Which engine a database argument names, without opening anything:
 * `postgresql://…` and `postgres://…` URIs and libpq conninfo strings
 * (beginning with a keyword and `=`, e.g. "host=db1 dbname=board" or
 * "service=board") are PostgreSQL; anything else (a file path,
 * ":memory:") is SQLite. A file whose name looks like a conninfo string
 * is given as ./name.
 */
enum store_engine store_engine_for(const char *db_arg);

/* Whether this build has the engine (PostgreSQL needs libpq at build
 * time). */
bool store_engine_available(enum store_engine engine);

/* The engine's name for messages: "SQLite", "PostgreSQL". */
const char *store_engine_name(enum store_engine engine);

/*
 * Opens the database db_arg names (see store_engine_for) with flags.
 *
 * SQLite: a file path or ":memory:". A missing file is created with mode
 * 0600 under STORE_OPEN_CREATE and refused with STORE_NOTFOUND otherwise;
 * symbolic links are not followed; something that is not a regular file
 * is refused. The connection runs with foreign keys on, extended
 * constraint checking, the write-ahead log (not for ":memory:" or a
 * read-only connection) and synchronous = NORMAL.
 *
 * PostgreSQL: a URI or conninfo string; the service file and PG*
 * environment variables apply as in every libpq program. STORE_OPEN_CREATE
 * does not create a database (the server's administrator does). A build
 * without PostgreSQL support returns STORE_UNSUPPORTED with a message that
 * says so.
 *
 * On success *out is the connection and *err NULL. On failure *out is NULL
 * and *err an allocated message naming the database (never a password);
 * the caller frees it.
 */
int store_open(const char *db_arg, unsigned flags, struct store **out,
	       char **err);

/* store_open with the busy handler (see store_set_busy_handler) in place
 * from the open's first statement: the settings an open makes (SQLite's
 * write-ahead log) may wait for another connection's write. busy NULL:
 * as store_open. */
int store_open_busy(const char *db_arg, unsigned flags,
		    int (*busy)(void *arg, int count), void *busy_arg,
		    struct store **out, char **err);

/* Closes the connection (NULL is ignored); its statements must have been
 * finalized. Returns STORE_OK or STORE_ERROR/STORE_BUSY when statements
 * were left open (the connection is closed anyway). */
int store_close(struct store *s);

enum store_engine store_engine(const struct store *s);

/* Whether statements are answered by a server (PostgreSQL): each round
 * trip costs more than the work of a small statement, so reading what a
 * later step needs beside an earlier statement pays. On SQLite a short
 * statement of its own costs less than widening another. */
bool store_remote(const struct store *s);

/* SQLite: the resolved path of the file (realpath), NULL for ":memory:".
 * PostgreSQL: NULL. Borrowed from the connection. */
const char *store_file_path(const struct store *s);

/* A screen's connection: copying the write-ahead log into the database
 * file (a checkpoint; SQLite's default, at every commit that leaves 1,000
 * pages in the log, takes tens of milliseconds at 100,000 cases) waits
 * for store_idle, unless the log holds 10,000 pages. A server checkpoints
 * by itself: nothing to do there. */
void store_defer_checkpoints(struct store *s);
/* SQLite's page cache at 256 KiB while small, else its default (2 MiB);
 * a server keeps its own (nothing done). */
void store_cache_small(struct store *s, bool small);

/* Between keys (no key for a quarter of a second): the checkpoint
 * store_defer_checkpoints put off, when this connection wrote since the
 * last one and holds no transaction; PASSIVE, it never waits for another
 * terminal's reader. Whether it ran one. */
bool store_idle(struct store *s);

/* The archive as an anchor line names it (db_anchor.c): SQLite the file's
 * path (store_file_path), NULL for ":memory:"; PostgreSQL
 * "postgresql://HOST:PORT/DATABASE" of the connection (no user, no
 * password: the owner and the application role name one archive alike).
 * Borrowed from the connection. */
const char *store_archive_name(const struct store *s);

/* The result code of the connection's last failed call (STORE_OK when the
 * last call succeeded). */
int store_errcode(struct store *s);

/* The connection's last error in words (the engine's message). Borrowed;
 * never NULL. */
const char *store_errmsg(struct store *s);

/* A fixed description of a result code; never NULL. */
const char *store_errstr(int rc);

/* Runs one or more statements separated by `;` (no parameters, rows are
 * discarded). Stops at the first failure. */
int store_exec(struct store *s, const char *sql);

/* ------------------------------------------------------------------------
 * Transactions
 * ---------------------------------------------------------------------- */

/* Begins a transaction that will write: the write lock is taken at once
 * (SQLite: BEGIN IMMEDIATE, which waits through the busy handler;
 * PostgreSQL: BEGIN). */
int store_begin(struct store *s);
/* Begins a transaction as store_begin does, for one whose statements
 * need no answer before its commit (an access log batch whose head is
 * known): PostgreSQL sends BEGIN and one try of the writers' lock ahead,
 * the writes behind them and NOTIFY and COMMIT behind those, and reads
 * every answer at the commit: the whole transaction is one round trip.
 * The lock held by another connection fails the try, nothing behind it
 * runs and the commit (or the first statement waited for) fails with
 * STORE_BUSY: the caller rolls back and tries again with store_begin,
 * which waits. SQLite: store_begin. */
int store_begin_ahead(struct store *s);
int store_commit(struct store *s);
/* Rolls back when a transaction is open; otherwise does nothing and
 * returns STORE_OK. */
int store_rollback(struct store *s);
/* Whether a transaction is open on the connection (SQLite: not in
 * autocommit mode). */
bool store_in_transaction(struct store *s);

/* ------------------------------------------------------------------------
 * Statements
 * ---------------------------------------------------------------------- */

/* store_prepare flags */
#define STORE_PERSISTENT                                                       \
	0x1u /* kept for the life of the connection                            \
	      * (SQLite: a persistent statement; the                           \
	      * engine may prepare it on the server) */

/* Called with the text of every statement prepared (never a value: they
 * are bound). Does nothing in the installed program (src/store_trace.c);
 * the program the tests run (tests/store_trace_test.c) appends it to the
 * file $TB_SQL_TRACE names, so that tests/access.sh can tell which
 * commands read patient data. */
void store_trace_sql(const char *sql);

/* Prepares the first statement of sql (the rest is ignored). On failure
 * *out is NULL and store_errmsg says why. */
int store_prepare(struct store *s, const char *sql, unsigned flags,
		  struct store_stmt **out);

/* Finalizes a statement (NULL is ignored). Returns STORE_OK, or the code
 * of the statement's last failed step (as sqlite3_finalize does). */
int store_finalize(struct store_stmt *st);

/* Steps: STORE_ROW when a row is ready, STORE_DONE when the statement has
 * run to its end, an error code otherwise. A statement that wrote
 * (INSERT … RETURNING id) gives its rows and then STORE_DONE. */
int store_step(struct store_stmt *st);

/* Runs the statement, bound, without waiting for its answer: its first
 * step reads it. On a server the statements sent this way one after
 * another (and writes sent ahead, HACKING.md "PostgreSQL") travel
 * together and their answers come back in one round trip, so a reader
 * of several independent parts sends them all and then steps each; on
 * SQLite nothing happens until the step. Returns STORE_OK or an error
 * code (then the step returns it too). */
int store_send(struct store_stmt *st);

/* Back to the start; bindings stay. Returns STORE_OK, or the code of the
 * last failed step. */
int store_reset(struct store_stmt *st);

/* Every parameter back to NULL. */
int store_clear_bindings(struct store_stmt *st);

/* After a temporary table or trigger was made (db_audit_watch), which
 * on SQLite expires every statement prepared before: st prepared again
 * now (unless it is running), its bindings kept, rather than at its next
 * step. Nothing to do on a server; NULL is ignored. */
int store_renew(struct store_stmt *st);

/* Whether the statement has been stepped and is neither done nor reset
 * (a cached statement in use elsewhere must not be shared). */
bool store_stmt_busy(struct store_stmt *st);

/* The connection a statement belongs to. */
struct store *store_stmt_store(struct store_stmt *st);

/* How many times a prepared statement has been run on the connection
 * since it was opened (a step that starts it; the rows after the first
 * are not counted, nor scripts, BEGIN or COMMIT). On a server each is a
 * round trip: tests count them per screen, never the time. */
unsigned long long store_statements_run(const struct store *s);

/* A count that moves whenever the connection may have written: each
 * statement run or sent that is not a read (SQLite:
 * sqlite3_stmt_readonly; PostgreSQL: one that does not begin with
 * SELECT) and each script. It may move without a write,
 * never the other way: a caller that finds it where it was knows that
 * nothing was written in between (db_audit.c: tb_dirty not read again
 * after the entry that emptied it). */
unsigned long long store_writes(const struct store *s);

/* The number of parameters (the largest index). */
int store_param_count(struct store_stmt *st);

/* The index of the named parameter (name with its prefix, ":limit"), 0
 * when the statement has none of that name. */
int store_param_index(struct store_stmt *st, const char *name);

/* ------------------------------------------------------------------------
 * Binding (idx is 1-based). Return STORE_OK, or STORE_RANGE / STORE_MISUSE.
 * ---------------------------------------------------------------------- */

int store_bind_int64(struct store_stmt *st, int idx, long long v);
int store_bind_double(struct store_stmt *st, int idx, double v);
/* NUL-terminated UTF-8 text; NULL binds NULL. Not copied (see above). */
int store_bind_text(struct store_stmt *st, int idx, const char *v);
/* n bytes; NULL binds NULL. Not copied (see above). */
int store_bind_blob(struct store_stmt *st, int idx, const void *v, size_t n);
int store_bind_null(struct store_stmt *st, int idx);

/* ------------------------------------------------------------------------
 * Columns of the current row (col is 0-based; only after STORE_ROW)
 * ---------------------------------------------------------------------- */

int store_column_count(struct store_stmt *st);
/* The column's name as the SQL gave it (AS name, or the column). */
const char *store_column_name(struct store_stmt *st, int col);
/* The type of this row's value (SQLite types values, not columns;
 * PostgreSQL reports the column's type: integer types are
 * STORE_INTEGER, floating types STORE_FLOAT, bytea STORE_BLOB, all else
 * STORE_TEXT; a NULL value is STORE_NULL). */
int store_column_type(struct store_stmt *st, int col);
bool store_column_is_null(struct store_stmt *st, int col);
/* 0 for NULL; text holding a number is converted. */
long long store_column_int64(struct store_stmt *st, int col);
int store_column_int(struct store_stmt *st, int col);
double store_column_double(struct store_stmt *st, int col);
/* UTF-8 text, NUL-terminated; NULL for NULL. Borrowed (see above). */
const char *store_column_text(struct store_stmt *st, int col);
/* Bytes of the text or blob (without the NUL); call after
 * store_column_text / store_column_blob. */
int store_column_bytes(struct store_stmt *st, int col);
/* The blob's bytes; NULL for NULL or an empty blob. Borrowed. */
const void *store_column_blob(struct store_stmt *st, int col);

/* ------------------------------------------------------------------------
 * Engine-specific services (what portable SQL cannot say)
 * ---------------------------------------------------------------------- */

/*
 * Busy waiting: fn is called while another connection holds the lock this
 * one needs, with count = 0, 1, 2 … for one wait; it sleeps as it likes
 * and returns nonzero to try again, 0 to give up (the call then fails
 * with STORE_BUSY). NULL removes the handler (fail at once). PostgreSQL
 * waits for row locks in the server; the engine calls fn between short
 * lock timeouts so that the same notice and limit apply.
 */
int store_set_busy_handler(struct store *s, int (*fn)(void *arg, int count),
			   void *arg);

/*
 * The schema version of the database (SQLite: PRAGMA user_version;
 * PostgreSQL: a one-row table of its own). 0 for an empty database.
 * Setting it belongs in the migration's transaction.
 */
int store_schema_version(struct store *s, int *version);
int store_set_schema_version(struct store *s, int version);

/*
 * Change detection for live screens: *other moves when another connection
 * committed a change since the last call (SQLite: PRAGMA data_version;
 * PostgreSQL: notifications received), *own when this connection changed
 * anything (SQLite: total changes). Compare with earlier values only.
 * Cheap: no round trip to a server when nothing arrived.
 */
int store_data_version(struct store *s, unsigned long long *other,
		       unsigned long long *own);

/*
 * The CPU time, in milliseconds, the server process answering this
 * connection has spent so far (Linux: /proc/PID/schedstat of the
 * backend), for measuring what a keystroke costs the server; -1 where
 * there is no such process (SQLite runs in the program) or it cannot be
 * read (a server on another machine).
 */
double store_server_cpu_ms(struct store *s);

/*
 * Full-text search: turns free text into the engine's query text for the
 * full-text column bound as the search parameter: every word a prefix
 * term, quoted so that nothing typed is query syntax (SQLite FTS5:
 * "word"* "word"*; PostgreSQL to_tsquery: 'word':* & 'word':*). Words are
 * split at white space. NULL when the text holds no word. Caller frees.
 */
char *store_fts_query(enum store_engine engine, const char *text);

/*
 * The words of text[0..n) as the case index (case_fts) holds them: split
 * and folded by SQLite's own tokenizer (unicode61, remove_diacritics 2),
 * each given to fn in turn (borrowed for the call). SQLite only
 * (STORE_UNSUPPORTED elsewhere); STORE_OK or an error code.
 */
int store_fts_words(struct store *s, const char *text, size_t n,
		    void (*fn)(const char *word, size_t n, void *arg),
		    void *arg);

/* Whether the archive holds a table of that name (SQLite: sqlite_master;
 * PostgreSQL: the current schema). */
bool store_table_exists(struct store *s, const char *name);

/*
 * Checks a guard, a trigger that keeps a table append-only, written as
 * SQLite's "CREATE TRIGGER name BEFORE UPDATE|DELETE ON table BEGIN SELECT
 * RAISE(ABORT, 'message'); END": STORE_OK when the archive holds it as
 * this engine made it from that statement, STORE_NOTFOUND when it is
 * missing, STORE_MISMATCH when it was changed (PostgreSQL: the row
 * trigger calling tb_refuse('message'), for DELETE also the TRUNCATE
 * trigger, and tb_refuse itself), else an error code.
 */
int store_guard_check(struct store *s, const char *name,
		      const char *sqlite_sql);

/*
 * How far long work of the store has come: done of total bytes (total 0
 * while not known). Called from inside the work, often; arg is the
 * caller's.
 */
typedef void store_progress_fn(long long done, long long total, void *arg);

/*
 * Online backup to a new file: a consistent copy of every committed
 * change, written into the existing empty file path (the caller makes it,
 * mode 0600, and renames it into place), standing alone (no write-ahead
 * log) and checked (PRAGMA quick_check). progress (may be NULL) is told
 * the bytes copied as the copy goes, the last time with done = total.
 * SQLite only; PostgreSQL returns STORE_UNSUPPORTED (pg_dump is the tool
 * there) without calling progress. *err as for store_open.
 */
int store_backup_to_file(struct store *s, const char *path,
			 store_progress_fn *progress, void *arg, char **err);

#endif

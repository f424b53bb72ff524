/*
 * store_sqlite — the SQLite engine of the store interface (src/store.h):
 * the only file that includes <sqlite3.h>. A file path (or ":memory:")
 * is the database; each call is a thin wrapper of the SQLite call of the
 * same purpose, with SQLite's result codes mapped to the store's.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fts_word.h"
#include "i18n.h"
#include "store_engine.h"
#include "util.h"

/* how many finalized statements a connection keeps for reuse */
#define STORE_SQLITE_KEPT 16
/* store_defer_checkpoints: a commit leaving this many pages in the log
 * checkpoints all the same (keys without a pause; SQLite's default 1,000) */
#define STORE_WAL_CAP 10000

struct sqlite_store {
	struct store base;
	sqlite3 *conn;
	char *path; /* realpath of the file; NULL for :memory: */
	sqlite3_stmt *data_version; /* PRAGMA data_version, on first use */
	/* FTS5's unicode61 tokenizer as the case index has it, on first
	 * use (store_sqlite_fts_words) */
	fts5_tokenizer tok;
	Fts5Tokenizer *tokenizer;
	/* statements prepared once (not STORE_PERSISTENT) and finalized,
	 * kept reset by their text for the same text prepared again (the
	 * one-off helpers of every key), as store_pg_reuse keeps its own;
	 * the newest last, the oldest finalized when full. */
	struct {
		char *sql;
		sqlite3_stmt *st;
	} kept[STORE_SQLITE_KEPT];
	int n_kept;
	bool wal_dirty; /* the log holds our frames no checkpoint copied */
};

struct sqlite_stmt {
	struct store_stmt base;
	sqlite3_stmt *st;
	char *sql; /* the text it was prepared from, when not persistent */
};

static inline struct sqlite_store *S(struct store *s)
{
	return (struct sqlite_store *)s;
}

static inline sqlite3_stmt *ST(struct store_stmt *st)
{
	return ((struct sqlite_stmt *)st)->st;
}

/* SQLite's (extended) result code as the store's. */
static int rc_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
		return STORE_OK;
	case SQLITE_ROW:
		return STORE_ROW;
	case SQLITE_DONE:
		return STORE_DONE;
	case SQLITE_BUSY:
		return STORE_BUSY;
	case SQLITE_LOCKED:
		return STORE_LOCKED;
	case SQLITE_NOMEM:
		return STORE_NOMEM;
	case SQLITE_READONLY:
		return STORE_READONLY;
	case SQLITE_IOERR:
	case SQLITE_FULL:
		return STORE_IOERR;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return STORE_CORRUPT;
	case SQLITE_CANTOPEN:
		return STORE_CANTOPEN;
	case SQLITE_CONSTRAINT:
		return STORE_CONSTRAINT;
	case SQLITE_MISUSE:
		return STORE_MISUSE;
	case SQLITE_RANGE:
		return STORE_RANGE;
	default:
		return STORE_ERROR;
	}
}

/* ------------------------------------------------------------------------
 * Opening
 * ---------------------------------------------------------------------- */

/* Process-wide settings, before SQLite's first use. A write that fires a
 * trigger (every sealed table has them) keeps the pages it changes in a
 * statement journal, in memory up to 64 KiB, then in a temporary file (an
 * import wrote 26 pages a case there). Up to 128 KiB stay in memory; not
 * more: with SQLite 3.40 a larger limit makes a statement whose journal
 * spills fail with "database or disk is full" (test_db checks it). */
#define STMT_JOURNAL_SPILL (128 * 1024)
static void configure_sqlite(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	/* SQLITE_MISUSE when SQLite is already in use: the default stays */
	(void)sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, STMT_JOURNAL_SPILL);
	/* one thread, no mutexes nor a memory count taken under one */
	(void)sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
#ifdef M_TRIM_THRESHOLD
	/* A statement journal (to 128 KiB) freed at the heap's top went back
	 * to the kernel (9,000 brk calls an import of 1,000 cases); this set,
	 * mmap's threshold stays 128 KiB: its chunk mapped anew each write */
	(void)mallopt(M_TRIM_THRESHOLD, 4 * 1024 * 1024);
	(void)mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
#endif
}

/* Creates the file with mode 0600 before SQLite sees it, so the database
 * and its WAL/SHM companions (which SQLite gives the same mode) are never
 * readable by others. */
static int create_private(const char *path, char **err)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err =
		    xasprintf(_("cannot create %s: %s"), path, strerror(errno));
		return STORE_IOERR;
	}
	close(fd);
	return STORE_OK;
}

/* SQLite's words for a result code in the interface's language (SQLite
 * writes English only; the English here is its own). */
static const struct {
	int rc;
	const char *text;
} code_texts[] = {
    {SQLITE_PERM, N_("access permission denied")},
    {SQLITE_BUSY, N_("database is locked")},
    {SQLITE_LOCKED, N_("database table is locked")},
    {SQLITE_NOMEM, N_("out of memory")},
    {SQLITE_READONLY, N_("attempt to write a readonly database")},
    {SQLITE_INTERRUPT, N_("interrupted")},
    {SQLITE_IOERR, N_("disk I/O error")},
    {SQLITE_CORRUPT, N_("database disk image is malformed")},
    {SQLITE_FULL, N_("database or disk is full")},
    {SQLITE_CANTOPEN, N_("unable to open database file")},
    {SQLITE_NOTADB, N_("file is not a database")},
};

/* code_texts' words for rc; NULL for a code without any. */
static const char *code_text(int rc)
{
	for (size_t i = 0; i < UTIL_ARRAY_LEN(code_texts); i++)
		if (code_texts[i].rc == (rc & 0xff))
			return _(code_texts[i].text);
	return NULL;
}

/* The connection's last error: SQLite's generic words for its code in
 * the interface's language, a message of its own (naming a table, a
 * constraint) as SQLite wrote it. */
static const char *said(sqlite3 *c)
{
	const char *msg = sqlite3_errmsg(c);
	int rc = sqlite3_extended_errcode(c);
	const char *t = code_text(rc);
	return t && strcmp(msg, sqlite3_errstr(rc)) == 0 ? t : msg;
}

/* sqlite3_errstr in the interface's language. */
static const char *code_said(int rc)
{
	const char *t = code_text(rc);
	return t && strcmp(sqlite3_errstr(rc), sqlite3_errstr(rc & 0xff)) == 0
		   ? t
		   : sqlite3_errstr(rc);
}

/* How long opening waits for another connection that holds the
 * database while it is configured, when the caller gives no busy handler
 * (milliseconds). */
#define OPEN_BUSY_MS 60000

int store_sqlite_open(const char *path, unsigned flags,
		      int (*busy)(void *arg, int count), void *busy_arg,
		      struct store **out, char **err)
{
	bool memory = strcmp(path, ":memory:") == 0;
	bool readonly = flags & STORE_OPEN_READONLY;
	bool create = !readonly && (flags & STORE_OPEN_CREATE);
	int oflags = readonly ? SQLITE_OPEN_READONLY
		     : create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
			      : SQLITE_OPEN_READWRITE;
	struct sqlite_store *s = NULL;
	int rc = STORE_OK;
	struct stat sb;

	*out = NULL;
	*err = NULL;
	if (!memory && !create) {
		if (stat(path, &sb) != 0) {
			*err = xasprintf(_("no database at %s: %s (nothing was "
					   "created; check --db and "
					   "TUMORBOARD_DB)"),
					 path, strerror(errno));
			return errno == ENOENT ? STORE_NOTFOUND : STORE_IOERR;
		}
		if (!S_ISREG(sb.st_mode)) {
			*err = xasprintf(_("%s is not a database file"), path);
			return STORE_IOERR;
		}
	}
	if (!memory && create && stat(path, &sb) != 0) {
		rc = create_private(path, err);
		if (rc != STORE_OK)
			return rc;
	}
	configure_sqlite();
	s = xcalloc(1, sizeof(*s));
	s->base.engine = STORE_ENGINE_SQLITE;
	if (sqlite3_open_v2(path, &s->conn, oflags | SQLITE_OPEN_NOFOLLOW,
			    NULL) != SQLITE_OK) {
		*err = xasprintf(_("cannot open database %s: %s"), path,
				 s->conn ? said(s->conn) : _("out of memory"));
		rc = STORE_CANTOPEN;
		goto cleanup;
	}
	sqlite3_extended_result_codes(s->conn, 1);
	if (!memory) {
		char *real = realpath(path, NULL);
		s->path = real ? real : xstrdup(path);
	}
	/* Switching to the write-ahead log reads the database, which
	 * another connection may hold for a moment (several programs
	 * opening at once; its recovery or checkpoint): wait for it as every
	 * statement after it does,
	 * through the caller's busy handler (store_open_busy), or else for
	 * up to OPEN_BUSY_MS until the caller installs its own
	 * (store_set_busy_handler). */
	if (busy)
		sqlite3_busy_handler(s->conn, busy, busy_arg);
	else
		sqlite3_busy_timeout(s->conn, OPEN_BUSY_MS);
	if (sqlite3_exec(s->conn, "PRAGMA foreign_keys = ON", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    (!memory && !readonly &&
	     sqlite3_exec(s->conn, "PRAGMA journal_mode = WAL", NULL, NULL,
			  NULL) != SQLITE_OK) ||
	    sqlite3_exec(s->conn, "PRAGMA synchronous = NORMAL", NULL, NULL,
			 NULL) != SQLITE_OK) {
		*err = xasprintf(_("cannot configure database %s: %s"), path,
				 said(s->conn));
		rc = STORE_ERROR;
		goto cleanup;
	}
cleanup:
	if (rc != STORE_OK) {
		store_sqlite_close(&s->base);
		return rc;
	}
	*out = &s->base;
	return STORE_OK;
}

int store_sqlite_close(struct store *st)
{
	struct sqlite_store *s = S(st);
	for (int i = 0; i < s->n_kept; i++) {
		sqlite3_finalize(s->kept[i].st);
		free(s->kept[i].sql);
	}
	sqlite3_finalize(s->data_version);
	if (s->tokenizer)
		s->tok.xDelete(s->tokenizer);
	int rc = sqlite3_close(s->conn);
	if (rc != SQLITE_OK)
		(void)sqlite3_close_v2(s->conn); /* closes when the last
						  * statement is finalized */
	free(s->path);
	free(s);
	return rc_of(rc);
}

/* The log copied as far as no reader needs it (PASSIVE: waits for no
 * one); wal_dirty stays when a reader kept part of it. */
static void checkpoint(struct sqlite_store *s, const char *name)
{
	int log = 0, done = 0;
	if (sqlite3_wal_checkpoint_v2(s->conn, name, SQLITE_CHECKPOINT_PASSIVE,
				      &log, &done) == SQLITE_OK &&
	    done >= log)
		s->wal_dirty = false;
}

/* After every commit (sqlite3_wal_hook): pages, the frames in the log. */
static int wal_written(void *arg, sqlite3 *conn, const char *name, int pages)
{
	(void)conn;
	((struct sqlite_store *)arg)->wal_dirty = true;
	if (pages >= STORE_WAL_CAP)
		checkpoint(arg, name);
	return SQLITE_OK;
}

void store_sqlite_defer_checkpoints(struct store *st)
{
	if (S(st)->path) /* a file's archive: :memory: has no log */
		sqlite3_wal_hook(S(st)->conn, wal_written, S(st));
}

bool store_sqlite_idle(struct store *st)
{
	if (!S(st)->wal_dirty || store_sqlite_in_transaction(st))
		return false;
	checkpoint(S(st), "main");
	return true;
}

const char *store_sqlite_file_path(const struct store *s)
{
	return ((const struct sqlite_store *)s)->path;
}

const char *store_sqlite_archive_name(const struct store *s)
{
	return store_sqlite_file_path(s);
}

int store_sqlite_errcode(struct store *s)
{
	return rc_of(sqlite3_errcode(S(s)->conn));
}

const char *store_sqlite_errmsg(struct store *s)
{
	return said(S(s)->conn);
}

int store_sqlite_exec(struct store *s, const char *sql)
{
	s->writes++;
	return rc_of(sqlite3_exec(S(s)->conn, sql, NULL, NULL, NULL));
}

/* ------------------------------------------------------------------------
 * Transactions
 * ---------------------------------------------------------------------- */

int store_sqlite_begin(struct store *s)
{
	return store_sqlite_exec(s, "BEGIN IMMEDIATE");
}

int store_sqlite_begin_ahead(struct store *s)
{
	return store_sqlite_begin(s);
}

int store_sqlite_commit(struct store *s)
{
	return store_sqlite_exec(s, "COMMIT");
}

int store_sqlite_rollback(struct store *s)
{
	if (sqlite3_get_autocommit(S(s)->conn))
		return STORE_OK;
	return store_sqlite_exec(s, "ROLLBACK");
}

bool store_sqlite_in_transaction(struct store *s)
{
	return !sqlite3_get_autocommit(S(s)->conn);
}

/* ------------------------------------------------------------------------
 * Statements
 * ---------------------------------------------------------------------- */

int store_sqlite_prepare(struct store *s, const char *sql, unsigned flags,
			 struct store_stmt **out)
{
	struct sqlite_store *ss = S(s);
	sqlite3_stmt *raw = NULL;
	bool persistent = flags & STORE_PERSISTENT;
	*out = NULL;
	char *text = NULL;
	/* the newest first: a statement finalized and prepared again */
	for (int i = persistent ? -1 : ss->n_kept - 1; i >= 0; i--)
		if (strcmp(ss->kept[i].sql, sql) == 0) {
			raw = ss->kept[i].st;
			text = ss->kept[i].sql;
			memmove(&ss->kept[i], &ss->kept[i + 1],
				(size_t)(ss->n_kept - i - 1) *
				    sizeof(ss->kept[0]));
			ss->n_kept--;
			break;
		}
	if (!raw) {
		int rc = sqlite3_prepare_v3(
		    ss->conn, sql, -1,
		    persistent ? SQLITE_PREPARE_PERSISTENT : 0, &raw, NULL);
		if (rc != SQLITE_OK) {
			sqlite3_finalize(raw);
			return rc_of(rc);
		}
		if (!raw) /* nothing but blanks or a comment */
			return STORE_MISUSE;
		if (!persistent)
			text = xstrdup(sql);
	}
	struct sqlite_stmt *st = xmalloc(sizeof(*st));
	st->base.engine = STORE_ENGINE_SQLITE;
	st->base.store = s;
	st->st = raw;
	st->sql = text;
	*out = &st->base;
	return STORE_OK;
}

/* A statement prepared once is reset (the code of its last run, as
 * sqlite3_finalize gives it) and kept by its text for the next prepare
 * of that text; a persistent one is finalized. */
int store_sqlite_finalize(struct store_stmt *st)
{
	struct sqlite_stmt *sst = (struct sqlite_stmt *)st;
	struct sqlite_store *ss = S(st->store);
	int rc;
	if (!sst->sql) {
		rc = sqlite3_finalize(sst->st);
	} else {
		rc = sqlite3_reset(sst->st);
		sqlite3_clear_bindings(sst->st);
		if (ss->n_kept == STORE_SQLITE_KEPT) {
			sqlite3_finalize(ss->kept[0].st);
			free(ss->kept[0].sql);
			memmove(&ss->kept[0], &ss->kept[1],
				(size_t)(ss->n_kept - 1) * sizeof(ss->kept[0]));
			ss->n_kept--;
		}
		ss->kept[ss->n_kept].sql = sst->sql;
		ss->kept[ss->n_kept].st = sst->st;
		ss->n_kept++;
	}
	free(st);
	return rc_of(rc);
}

int store_sqlite_step(struct store_stmt *st)
{
	if (!sqlite3_stmt_busy(ST(st))) {
		st->store->runs++;
		if (!sqlite3_stmt_readonly(ST(st)))
			st->store->writes++;
	}
	int rc = sqlite3_step(ST(st));
	if (rc == SQLITE_ROW)
		return STORE_ROW;
	if (rc == SQLITE_DONE)
		return STORE_DONE;
	return rc_of(rc);
}

/* Nothing to send ahead: the step runs it in the process. */
int store_sqlite_send(struct store_stmt *st)
{
	(void)st;
	return STORE_OK;
}

int store_sqlite_reset(struct store_stmt *st)
{
	return rc_of(sqlite3_reset(ST(st)));
}

int store_sqlite_clear_bindings(struct store_stmt *st)
{
	return rc_of(sqlite3_clear_bindings(ST(st)));
}

/* A temporary table or trigger made expires every statement of the
 * connection (SQLite then prepares each again at its next step): st, if
 * it is one of them and not running, prepared again now, its bindings
 * kept. */
int store_sqlite_renew(struct store_stmt *st)
{
	struct sqlite_stmt *sst = (struct sqlite_stmt *)st;
	sqlite3_stmt *raw = NULL;
	if (sqlite3_stmt_busy(sst->st) || !sqlite3_expired(sst->st))
		return STORE_OK;
	int rc = sqlite3_prepare_v3(
	    S(st->store)->conn, sqlite3_sql(sst->st), -1,
	    sst->sql ? 0 : SQLITE_PREPARE_PERSISTENT, &raw, NULL);
	if (rc != SQLITE_OK)
		return rc_of(rc); /* as it was: its next step prepares it */
	sqlite3_transfer_bindings(sst->st, raw);
	sqlite3_finalize(sst->st);
	sst->st = raw;
	return STORE_OK;
}

bool store_sqlite_stmt_busy(struct store_stmt *st)
{
	return sqlite3_stmt_busy(ST(st)) != 0;
}

int store_sqlite_param_count(struct store_stmt *st)
{
	return sqlite3_bind_parameter_count(ST(st));
}

int store_sqlite_param_index(struct store_stmt *st, const char *name)
{
	return sqlite3_bind_parameter_index(ST(st), name);
}

/* ------------------------------------------------------------------------
 * Binding
 * ---------------------------------------------------------------------- */

int store_sqlite_bind_int64(struct store_stmt *st, int idx, long long v)
{
	return rc_of(sqlite3_bind_int64(ST(st), idx, v));
}

int store_sqlite_bind_double(struct store_stmt *st, int idx, double v)
{
	return rc_of(sqlite3_bind_double(ST(st), idx, v));
}

int store_sqlite_bind_text(struct store_stmt *st, int idx, const char *v)
{
	if (!v)
		return rc_of(sqlite3_bind_null(ST(st), idx));
	return rc_of(sqlite3_bind_text(ST(st), idx, v, -1, SQLITE_STATIC));
}

int store_sqlite_bind_blob(struct store_stmt *st, int idx, const void *v,
			   size_t n)
{
	if (!v)
		return rc_of(sqlite3_bind_null(ST(st), idx));
	return rc_of(sqlite3_bind_blob64(ST(st), idx, v, (sqlite3_uint64)n,
					 SQLITE_STATIC));
}

int store_sqlite_bind_null(struct store_stmt *st, int idx)
{
	return rc_of(sqlite3_bind_null(ST(st), idx));
}

/* ------------------------------------------------------------------------
 * Columns
 * ---------------------------------------------------------------------- */

int store_sqlite_column_count(struct store_stmt *st)
{
	return sqlite3_column_count(ST(st));
}

const char *store_sqlite_column_name(struct store_stmt *st, int col)
{
	return sqlite3_column_name(ST(st), col);
}

int store_sqlite_column_type(struct store_stmt *st, int col)
{
	switch (sqlite3_column_type(ST(st), col)) {
	case SQLITE_INTEGER:
		return STORE_INTEGER;
	case SQLITE_FLOAT:
		return STORE_FLOAT;
	case SQLITE_BLOB:
		return STORE_BLOB;
	case SQLITE_NULL:
		return STORE_NULL;
	default:
		return STORE_TEXT;
	}
}

bool store_sqlite_column_is_null(struct store_stmt *st, int col)
{
	return sqlite3_column_type(ST(st), col) == SQLITE_NULL;
}

long long store_sqlite_column_int64(struct store_stmt *st, int col)
{
	return sqlite3_column_int64(ST(st), col);
}

int store_sqlite_column_int(struct store_stmt *st, int col)
{
	return sqlite3_column_int(ST(st), col);
}

double store_sqlite_column_double(struct store_stmt *st, int col)
{
	return sqlite3_column_double(ST(st), col);
}

const char *store_sqlite_column_text(struct store_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(ST(st), col);
}

int store_sqlite_column_bytes(struct store_stmt *st, int col)
{
	return sqlite3_column_bytes(ST(st), col);
}

const void *store_sqlite_column_blob(struct store_stmt *st, int col)
{
	return sqlite3_column_blob(ST(st), col);
}

/* ------------------------------------------------------------------------
 * Engine-specific services
 * ---------------------------------------------------------------------- */

int store_sqlite_set_busy_handler(struct store *s,
				  int (*fn)(void *arg, int count), void *arg)
{
	return rc_of(sqlite3_busy_handler(S(s)->conn, fn, arg));
}

/* The first column of a PRAGMA's row as a number in *v (else untouched). */
static int pragma_int(sqlite3 *conn, const char *sql, long long *v)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(conn, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*v = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int store_sqlite_schema_version(struct store *s, int *version)
{
	long long v = 0;
	int rc = pragma_int(S(s)->conn, "PRAGMA user_version", &v);
	if (rc == SQLITE_OK)
		*version = (int)v;
	return rc_of(rc);
}

int store_sqlite_set_schema_version(struct store *s, int version)
{
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", version);
	return store_sqlite_exec(s, sql);
}

/* The SQL text of a schema object, or NULL (caller frees). */
static char *master_sql(struct store *s, const char *type, const char *name,
			int *rc)
{
	sqlite3_stmt *st = NULL;
	char *sql = NULL;
	int r = sqlite3_prepare_v2(
	    S(s)->conn,
	    "SELECT coalesce(sql, '') FROM main.sqlite_master"
	    " WHERE type = ?1 AND name = ?2",
	    -1, &st, NULL);
	if (r == SQLITE_OK) {
		sqlite3_bind_text(st, 1, type, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
		r = sqlite3_step(st);
		if (r == SQLITE_ROW) {
			sql = xstrdup((const char *)sqlite3_column_text(st, 0));
			r = SQLITE_OK;
		} else if (r == SQLITE_DONE) {
			r = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	*rc = rc_of(r);
	return sql;
}

bool store_sqlite_table_exists(struct store *s, const char *name)
{
	int rc;
	char *sql = master_sql(s, "table", name, &rc);
	free(sql);
	return sql != NULL;
}

int store_sqlite_guard_check(struct store *s, const char *name,
			     const char *sqlite_sql)
{
	int rc;
	char *sql = master_sql(s, "trigger", name, &rc);
	if (rc == STORE_OK)
		rc = !sql			    ? STORE_NOTFOUND
		     : strcmp(sql, sqlite_sql) != 0 ? STORE_MISMATCH
						    : STORE_OK;
	free(sql);
	return rc;
}

int store_sqlite_data_version(struct store *st, unsigned long long *other,
			      unsigned long long *own)
{
	struct sqlite_store *s = S(st);
	if (!s->data_version &&
	    sqlite3_prepare_v3(s->conn, "PRAGMA data_version", -1,
			       SQLITE_PREPARE_PERSISTENT, &s->data_version,
			       NULL) != SQLITE_OK)
		return rc_of(sqlite3_errcode(s->conn));
	int rc = sqlite3_step(s->data_version);
	long long v =
	    rc == SQLITE_ROW ? sqlite3_column_int64(s->data_version, 0) : 0;
	sqlite3_reset(s->data_version);
	if (rc != SQLITE_ROW)
		return rc_of(rc);
	/* data_version moves with other connections' commits only */
	*other = (unsigned long long)v;
	*own = (unsigned long long)sqlite3_total_changes64(s->conn);
	return STORE_OK;
}

/* FTS5's API of the connection, or NULL. */
static fts5_api *fts5_of(sqlite3 *conn)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(conn, "SELECT fts5(?1)", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return api;
}

struct words_ctx {
	void (*fn)(const char *word, size_t n, void *arg);
	void *arg;
};

static int one_word(void *ctx, int flags, const char *token, int n, int start,
		    int end)
{
	struct words_ctx *w = ctx;
	(void)flags;
	(void)start;
	(void)end;
	if (n > 0)
		w->fn(token, (size_t)n, w->arg);
	return SQLITE_OK;
}

int store_sqlite_fts_words(struct store *st, const char *text, size_t n,
			   void (*fn)(const char *word, size_t n, void *arg),
			   void *arg)
{
	struct sqlite_store *s = S(st);
	if (!s->tokenizer) {
		/* as case_fts is made (db.c, schema 17) */
		static const char *const args[] = {"remove_diacritics", "2"};
		void *ud = NULL;
		fts5_api *api = fts5_of(s->conn);
		if (!api ||
		    api->xFindTokenizer(api, "unicode61", &ud, &s->tok) !=
			SQLITE_OK ||
		    s->tok.xCreate(ud, (const char **)args, 2, &s->tokenizer) !=
			SQLITE_OK) {
			s->tokenizer = NULL;
			return STORE_ERROR;
		}
	}
	if (n > (size_t)INT_MAX)
		return STORE_RANGE;
	struct words_ctx ctx = {fn, arg};
	return rc_of(s->tok.xTokenize(s->tokenizer, &ctx,
				      FTS5_TOKENIZE_DOCUMENT, text, (int)n,
				      one_word));
}

/* The page size of the main database of conn, in bytes. */
static long long page_size(sqlite3 *conn)
{
	long long n = 4096;
	(void)pragma_int(conn, "PRAGMA page_size", &n);
	return n;
}

/* Steps the backup to the end, waiting while another connection writes;
 * tells progress (if any) the bytes copied after every step. */
static int copy_pages(sqlite3 *dst, sqlite3 *src, store_progress_fn *progress,
		      void *arg)
{
	long long psize = progress ? page_size(src) : 0;
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return sqlite3_errcode(dst);
	int rc;
	int waited = 0;
	while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK ||
	       rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		if (rc != SQLITE_OK) {
			if (waited++ > 500)
				break;
			sqlite3_sleep(10);
		} else if (progress) {
			long long total = sqlite3_backup_pagecount(b);
			progress((total - sqlite3_backup_remaining(b)) * psize,
				 total * psize, arg);
		}
	}
	if (rc == SQLITE_DONE && progress) {
		long long total =
		    (long long)sqlite3_backup_pagecount(b) * psize;
		progress(total, total, arg);
	}
	int fin = sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? fin : rc;
}

/* PRAGMA quick_check on the copy: "ok" or the first problem. */
static bool copy_ok(sqlite3 *dst)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;
	if (sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &st, NULL) ==
		SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		ok = t && strcmp((const char *)t, "ok") == 0;
	}
	sqlite3_finalize(st);
	return ok;
}

/*
 * *err says what failed, without the file's name (the caller names it):
 * STORE_CANTOPEN: the file could not be opened; STORE_BUSY/STORE_LOCKED:
 * other connections kept the database busy; STORE_CORRUPT: the copy
 * failed its check; STORE_IOERR: the copy could not be closed; another
 * code: the copy failed.
 */
int store_sqlite_backup_to_file(struct store *s, const char *path,
				store_progress_fn *progress, void *arg,
				char **err)
{
	sqlite3 *dst = NULL;
	int rc;
	*err = NULL;
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		*err = xstrdup(dst ? said(dst) : _("out of memory"));
		sqlite3_close(dst);
		return STORE_CANTOPEN;
	}
	rc = copy_pages(dst, S(s)->conn, progress, arg);
	if (rc != SQLITE_OK) {
		*err = xstrdup(code_said(rc));
		sqlite3_close(dst);
		return rc_of(rc) == STORE_OK ? STORE_ERROR : rc_of(rc);
	}
	/* The copy stands alone: no write-ahead log beside it. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    !copy_ok(dst)) {
		*err = xstrdup(said(dst));
		sqlite3_close(dst);
		return STORE_CORRUPT;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		*err = xstrdup(_("close failed"));
		(void)sqlite3_close_v2(dst);
		return STORE_IOERR;
	}
	return STORE_OK;
}

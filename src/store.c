/*
 * store — the engine-neutral part of the store interface: which engine a
 * database argument names, and each call handed to its engine (one direct
 * call, chosen by the handle's engine; with one engine built in, a jump).
 */
#include "config.h"

#include "store.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fts_word.h"
#include "i18n.h"
#include "store_engine.h"
#include "util.h"

#ifdef HAVE_LIBPQ
/* The PostgreSQL engine's table (store_engine.h), set by the first open
 * of a server: a PostgreSQL handle exists only after one. */
static const struct store_pg_ops *pg;
#define ENGINE(h, fn, ...)                                                     \
	((h)->engine == STORE_ENGINE_POSTGRES                                  \
	     ? pg->fn(__VA_ARGS__)                                             \
	     : store_sqlite_##fn(__VA_ARGS__))
#else
#define ENGINE(h, fn, ...) store_sqlite_##fn(__VA_ARGS__)
#endif

/* A libpq keyword: letters and underscores, then optional blanks and '='. */
static bool conninfo_like(const char *s)
{
	const char *p = s;
	while (*p == '_' || (*p >= 'a' && *p <= 'z'))
		p++;
	if (p == s)
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '=';
}

enum store_engine store_engine_for(const char *db_arg)
{
	if (strncmp(db_arg, "postgresql://", 13) == 0 ||
	    strncmp(db_arg, "postgres://", 11) == 0 || conninfo_like(db_arg))
		return STORE_ENGINE_POSTGRES;
	return STORE_ENGINE_SQLITE;
}

bool store_engine_available(enum store_engine engine)
{
#ifdef HAVE_LIBPQ
	return engine == STORE_ENGINE_SQLITE || engine == STORE_ENGINE_POSTGRES;
#else
	return engine == STORE_ENGINE_SQLITE;
#endif
}

const char *store_engine_name(enum store_engine engine)
{
	return engine == STORE_ENGINE_POSTGRES ? "PostgreSQL" : "SQLite";
}

int store_open(const char *db_arg, unsigned flags, struct store **out,
	       char **err)
{
	return store_open_busy(db_arg, flags, NULL, NULL, out, err);
}

int store_open_busy(const char *db_arg, unsigned flags,
		    int (*busy)(void *arg, int count), void *busy_arg,
		    struct store **out, char **err)
{
	*out = NULL;
	*err = NULL;
	if (store_engine_for(db_arg) == STORE_ENGINE_POSTGRES) {
#ifdef HAVE_LIBPQ
		if (!pg && !(pg = store_pg_ops(err)))
			return STORE_UNSUPPORTED;
		int rc = pg->open(db_arg, flags, out, err);
		if (rc == STORE_OK && busy)
			pg->set_busy_handler(*out, busy, busy_arg);
		return rc;
#else
		(void)busy;
		(void)busy_arg;
		*err = xstrdup(_("this tumorboard was built without PostgreSQL "
				 "support; the database argument names a "
				 "PostgreSQL server (a postgresql:// URI or "
				 "key=value settings)"));
		return STORE_UNSUPPORTED;
#endif
	}
	return store_sqlite_open(db_arg, flags, busy, busy_arg, out, err);
}

enum store_engine store_engine(const struct store *s)
{
	return s->engine;
}

bool store_remote(const struct store *s)
{
	return s->engine != STORE_ENGINE_SQLITE;
}

struct store *store_stmt_store(struct store_stmt *st)
{
	return st->store;
}

unsigned long long store_statements_run(const struct store *s)
{
	return s ? s->runs : 0;
}

unsigned long long store_writes(const struct store *s)
{
	return s ? s->writes : 0;
}

const char *store_errstr(int rc)
{
	switch (rc) {
	case STORE_OK:
		return _("not an error");
	case STORE_BUSY:
		return _("the database is locked by another connection");
	case STORE_LOCKED:
		return _("a table is locked");
	case STORE_NOMEM:
		return _("out of memory");
	case STORE_READONLY:
		return _("attempt to write a read-only database");
	case STORE_IOERR:
		return _("disk I/O error");
	case STORE_CORRUPT:
		return _("the database disk image is malformed");
	case STORE_NOTFOUND:
		return _("no such database");
	case STORE_CANTOPEN:
		return _("unable to open the database");
	case STORE_CONSTRAINT:
		return _("constraint failed");
	case STORE_MISUSE:
		return _("bad parameter or other API misuse");
	case STORE_RANGE:
		return _("column index out of range");
	case STORE_UNSUPPORTED:
		return _("not supported by this database engine");
	case STORE_ROW:
		return _("another row available");
	case STORE_DONE:
		return _("no more rows available");
	default:
		return _("SQL logic error");
	}
}

/* store_fts_query for SQLite: FTS5's query text (the words as prefixes;
 * no SQLite call, so not in store_sqlite.c). */
static char *sqlite_fts_query(const char *text)
{
	struct strbuf sb = {0};
	const char *p = text, *w, *end;
	while (fts_word_search_next(&p, &w, &end)) {
		if (sb.len)
			strbuf_putc(&sb, ' ');
		fts_word_fts5_phrase(&sb, w, (size_t)(end - w));
		strbuf_putc(&sb, '*');
	}
	if (!sb.len) {
		strbuf_done(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

char *store_fts_query(enum store_engine engine, const char *text)
{
#ifdef HAVE_LIBPQ
	if (engine == STORE_ENGINE_POSTGRES)
		return store_pg_fts_query(text);
#else
	(void)engine;
#endif
	return sqlite_fts_query(text);
}

int store_fts_words(struct store *s, const char *text, size_t n,
		    void (*fn)(const char *word, size_t n, void *arg),
		    void *arg)
{
	/* PostgreSQL's index folds in SQL (store_pg_fts.c): no words here */
	if (s->engine != STORE_ENGINE_SQLITE)
		return STORE_UNSUPPORTED;
	return store_sqlite_fts_words(s, text, n, fn, arg);
}

int store_close(struct store *s)
{
	if (!s)
		return STORE_OK;
	return ENGINE(s, close, s);
}

const char *store_file_path(const struct store *s)
{
	/* a server's archive is no file */
	return s->engine == STORE_ENGINE_SQLITE ? store_sqlite_file_path(s)
						: NULL;
}

void store_defer_checkpoints(struct store *s)
{
	if (s->engine == STORE_ENGINE_SQLITE) /* a server checkpoints itself */
		store_sqlite_defer_checkpoints(s);
}

void store_cache_small(struct store *s, bool small)
{
	if (s->engine == STORE_ENGINE_SQLITE)
		(void)store_exec(s, small ? /* untranslated: SQL */
					"PRAGMA cache_size = -256"
					  : "PRAGMA cache_size = -2000");
}

bool store_idle(struct store *s)
{
	if (s->engine != STORE_ENGINE_SQLITE || !store_sqlite_idle(s))
		return false;
	/* traced as the statements are: what a pause did */
	store_trace_sql("PRAGMA wal_checkpoint(PASSIVE)");
	return true;
}

const char *store_archive_name(const struct store *s)
{
	return ENGINE(s, archive_name, s);
}

int store_errcode(struct store *s)
{
	return ENGINE(s, errcode, s);
}

const char *store_errmsg(struct store *s)
{
	return ENGINE(s, errmsg, s);
}

int store_exec(struct store *s, const char *sql)
{
	return ENGINE(s, exec, s, sql);
}

int store_begin(struct store *s)
{
	return ENGINE(s, begin, s);
}

int store_begin_ahead(struct store *s)
{
	return ENGINE(s, begin_ahead, s);
}

int store_commit(struct store *s)
{
	return ENGINE(s, commit, s);
}

int store_rollback(struct store *s)
{
	return ENGINE(s, rollback, s);
}

bool store_in_transaction(struct store *s)
{
	return ENGINE(s, in_transaction, s);
}

int store_prepare(struct store *s, const char *sql, unsigned flags,
		  struct store_stmt **out)
{
	store_trace_sql(sql);
	return ENGINE(s, prepare, s, sql, flags, out);
}

int store_finalize(struct store_stmt *st)
{
	if (!st)
		return STORE_OK;
	return ENGINE(st, finalize, st);
}

int store_step(struct store_stmt *st)
{
	if (!st)
		return STORE_MISUSE;
	return ENGINE(st, step, st);
}

int store_send(struct store_stmt *st)
{
	if (!st)
		return STORE_MISUSE;
	return ENGINE(st, send, st);
}

int store_reset(struct store_stmt *st)
{
	if (!st)
		return STORE_OK;
	return ENGINE(st, reset, st);
}

int store_clear_bindings(struct store_stmt *st)
{
	if (!st)
		return STORE_OK;
	return ENGINE(st, clear_bindings, st);
}

int store_renew(struct store_stmt *st)
{
	if (!st || st->engine != STORE_ENGINE_SQLITE)
		return STORE_OK;
	return store_sqlite_renew(st);
}

bool store_stmt_busy(struct store_stmt *st)
{
	if (!st)
		return false;
	return ENGINE(st, stmt_busy, st);
}

int store_param_count(struct store_stmt *st)
{
	if (!st)
		return 0;
	return ENGINE(st, param_count, st);
}

int store_param_index(struct store_stmt *st, const char *name)
{
	if (!st)
		return 0;
	return ENGINE(st, param_index, st, name);
}

int store_bind_int64(struct store_stmt *st, int idx, long long v)
{
	if (!st)
		return STORE_MISUSE;
	return ENGINE(st, bind_int64, st, idx, v);
}

int store_bind_double(struct store_stmt *st, int idx, double v)
{
	if (!st)
		return STORE_MISUSE;
	return ENGINE(st, bind_double, st, idx, v);
}

int store_bind_text(struct store_stmt *st, int idx, const char *v)
{
	if (!st)
		return STORE_MISUSE;
	return ENGINE(st, bind_text, st, idx, v);
}

int store_bind_blob(struct store_stmt *st, int idx, const void *v, size_t n)
{
	if (!st)
		return STORE_MISUSE;
	return ENGINE(st, bind_blob, st, idx, v, n);
}

int store_bind_null(struct store_stmt *st, int idx)
{
	if (!st)
		return STORE_MISUSE;
	return ENGINE(st, bind_null, st, idx);
}

int store_column_count(struct store_stmt *st)
{
	if (!st)
		return 0;
	return ENGINE(st, column_count, st);
}

const char *store_column_name(struct store_stmt *st, int col)
{
	if (!st)
		return NULL;
	return ENGINE(st, column_name, st, col);
}

int store_column_type(struct store_stmt *st, int col)
{
	if (!st)
		return STORE_NULL;
	return ENGINE(st, column_type, st, col);
}

bool store_column_is_null(struct store_stmt *st, int col)
{
	if (!st)
		return true;
	return ENGINE(st, column_is_null, st, col);
}

long long store_column_int64(struct store_stmt *st, int col)
{
	if (!st)
		return 0;
	return ENGINE(st, column_int64, st, col);
}

int store_column_int(struct store_stmt *st, int col)
{
	if (!st)
		return 0;
	return ENGINE(st, column_int, st, col);
}

double store_column_double(struct store_stmt *st, int col)
{
	if (!st)
		return 0;
	return ENGINE(st, column_double, st, col);
}

const char *store_column_text(struct store_stmt *st, int col)
{
	if (!st)
		return NULL;
	return ENGINE(st, column_text, st, col);
}

int store_column_bytes(struct store_stmt *st, int col)
{
	if (!st)
		return 0;
	return ENGINE(st, column_bytes, st, col);
}

const void *store_column_blob(struct store_stmt *st, int col)
{
	if (!st)
		return NULL;
	return ENGINE(st, column_blob, st, col);
}

int store_set_busy_handler(struct store *s, int (*fn)(void *arg, int count),
			   void *arg)
{
	return ENGINE(s, set_busy_handler, s, fn, arg);
}

int store_schema_version(struct store *s, int *version)
{
	return ENGINE(s, schema_version, s, version);
}

int store_set_schema_version(struct store *s, int version)
{
	return ENGINE(s, set_schema_version, s, version);
}

int store_data_version(struct store *s, unsigned long long *other,
		       unsigned long long *own)
{
	return ENGINE(s, data_version, s, other, own);
}

double store_server_cpu_ms(struct store *s)
{
	char path[64], comm[32] = "", buf[96];
	if (!s || s->server_pid <= 0)
		return -1;
	/* a server on another machine: the number names no process here,
	 * or some other program's */
	snprintf(path, sizeof(path), "/proc/%d/comm", s->server_pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	bool ours =
	    fgets(comm, sizeof(comm), f) && strncmp(comm, "postgres", 8) == 0;
	fclose(f);
	snprintf(path, sizeof(path), "/proc/%d/schedstat", s->server_pid);
	if (!ours || !(f = fopen(path, "r")))
		return -1;
	/* the first field: nanoseconds on a CPU */
	unsigned long long ns = 0;
	bool read = fgets(buf, sizeof(buf), f) && sscanf(buf, "%llu", &ns) == 1;
	fclose(f);
	return read ? (double)ns / 1e6 : -1;
}

int store_backup_to_file(struct store *s, const char *path,
			 store_progress_fn *progress, void *arg, char **err)
{
#ifdef HAVE_LIBPQ
	/* PostgreSQL refuses a backup before anything is copied */
	if (s->engine == STORE_ENGINE_POSTGRES)
		return pg->backup_to_file(s, path, err);
#endif
	return store_sqlite_backup_to_file(s, path, progress, arg, err);
}

bool store_table_exists(struct store *s, const char *name)
{
	return ENGINE(s, table_exists, s, name);
}

int store_guard_check(struct store *s, const char *name, const char *sqlite_sql)
{
	return ENGINE(s, guard_check, s, name, sqlite_sql);
}

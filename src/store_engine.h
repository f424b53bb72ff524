/*
 * store_engine — what an engine file implements (store.c, store_sqlite.c
 * and store_pg.c include it; nothing else does).
 *
 * Every engine's connection and statement begin with the neutral part
 * below, so that store.c can tell which engine a handle belongs to:
 *
 *     struct sqlite_store { struct store base; ... };
 *
 * store.c defines the functions of store.h: the neutral ones itself, and
 * each of the others as one direct call of the engine's function of the
 * same name with the engine's prefix (store_sqlite_step, store_pg_step),
 * chosen by base.engine. The engine functions have exactly the contract
 * store.h gives the public ones; handles passed to them are never NULL
 * (store.c answers store_close(NULL) and store_finalize(NULL) itself).
 */
#ifndef TB_STORE_ENGINE_H
#define TB_STORE_ENGINE_H

#include "module.h"
#include "store.h"

struct store {
	enum store_engine engine;
	/* statements run (store_statements_run); the engine counts them */
	unsigned long long runs;
	/* statements that may have written (store_writes); the engine
	 * counts them */
	unsigned long long writes;
	/* the process of the server answering this connection, where there
	 * is one (store_server_cpu_ms); 0 where there is none */
	int server_pid;
};

struct store_stmt {
	enum store_engine engine;
	struct store *store; /* the connection it was prepared on */
};

/* Opens db_arg (which store_engine_for gave to this engine), as
 * store_open_busy (busy may be NULL). */
int store_sqlite_open(const char *db_arg, unsigned flags,
		      int (*busy)(void *arg, int count), void *busy_arg,
		      struct store **out, char **err);
int store_sqlite_fts_words(struct store *s, const char *text, size_t n,
			   void (*fn)(const char *word, size_t n, void *arg),
			   void *arg);

int store_sqlite_close(struct store *s);
const char *store_sqlite_file_path(const struct store *s);
void store_sqlite_defer_checkpoints(struct store *s);
bool store_sqlite_idle(struct store *s);
const char *store_sqlite_archive_name(const struct store *s);
int store_sqlite_errcode(struct store *s);
const char *store_sqlite_errmsg(struct store *s);
int store_sqlite_exec(struct store *s, const char *sql);
int store_sqlite_begin(struct store *s);
int store_sqlite_begin_ahead(struct store *s);
int store_sqlite_commit(struct store *s);
int store_sqlite_rollback(struct store *s);
bool store_sqlite_in_transaction(struct store *s);
int store_sqlite_prepare(struct store *s, const char *sql, unsigned flags,
			 struct store_stmt **out);
int store_sqlite_finalize(struct store_stmt *st);
int store_sqlite_step(struct store_stmt *st);
int store_sqlite_reset(struct store_stmt *st);
int store_sqlite_send(struct store_stmt *st);
int store_sqlite_clear_bindings(struct store_stmt *st);
int store_sqlite_renew(struct store_stmt *st);
bool store_sqlite_stmt_busy(struct store_stmt *st);
int store_sqlite_param_count(struct store_stmt *st);
int store_sqlite_param_index(struct store_stmt *st, const char *name);
int store_sqlite_bind_int64(struct store_stmt *st, int idx, long long v);
int store_sqlite_bind_double(struct store_stmt *st, int idx, double v);
int store_sqlite_bind_text(struct store_stmt *st, int idx, const char *v);
int store_sqlite_bind_blob(struct store_stmt *st, int idx, const void *v,
			   size_t n);
int store_sqlite_bind_null(struct store_stmt *st, int idx);
int store_sqlite_column_count(struct store_stmt *st);
const char *store_sqlite_column_name(struct store_stmt *st, int col);
int store_sqlite_column_type(struct store_stmt *st, int col);
bool store_sqlite_column_is_null(struct store_stmt *st, int col);
long long store_sqlite_column_int64(struct store_stmt *st, int col);
int store_sqlite_column_int(struct store_stmt *st, int col);
double store_sqlite_column_double(struct store_stmt *st, int col);
const char *store_sqlite_column_text(struct store_stmt *st, int col);
int store_sqlite_column_bytes(struct store_stmt *st, int col);
const void *store_sqlite_column_blob(struct store_stmt *st, int col);
int store_sqlite_set_busy_handler(struct store *s,
				  int (*fn)(void *arg, int count), void *arg);
int store_sqlite_schema_version(struct store *s, int *version);
int store_sqlite_set_schema_version(struct store *s, int version);
int store_sqlite_data_version(struct store *s, unsigned long long *other,
			      unsigned long long *own);
int store_sqlite_backup_to_file(struct store *s, const char *path,
				store_progress_fn *progress, void *arg,
				char **err);
bool store_sqlite_table_exists(struct store *s, const char *name);
int store_sqlite_guard_check(struct store *s, const char *name,
			     const char *sqlite_sql);

#ifdef HAVE_LIBPQ
/* as store_open; store.c sets the busy handler of store_open_busy after
 * it (nothing an open does on a server waits for another writer) */
int store_pg_open(const char *db_arg, unsigned flags, struct store **out,
		  char **err);
char *store_pg_fts_query(const char *text);
int store_pg_close(struct store *s);
const char *store_pg_archive_name(const struct store *s);
int store_pg_errcode(struct store *s);
const char *store_pg_errmsg(struct store *s);
int store_pg_exec(struct store *s, const char *sql);
int store_pg_begin(struct store *s);
int store_pg_begin_ahead(struct store *s);
int store_pg_commit(struct store *s);
int store_pg_rollback(struct store *s);
bool store_pg_in_transaction(struct store *s);
int store_pg_prepare(struct store *s, const char *sql, unsigned flags,
		     struct store_stmt **out);
int store_pg_finalize(struct store_stmt *st);
int store_pg_step(struct store_stmt *st);
int store_pg_reset(struct store_stmt *st);
int store_pg_send(struct store_stmt *st);
int store_pg_clear_bindings(struct store_stmt *st);
bool store_pg_stmt_busy(struct store_stmt *st);
int store_pg_param_count(struct store_stmt *st);
int store_pg_param_index(struct store_stmt *st, const char *name);
int store_pg_bind_int64(struct store_stmt *st, int idx, long long v);
int store_pg_bind_double(struct store_stmt *st, int idx, double v);
int store_pg_bind_text(struct store_stmt *st, int idx, const char *v);
int store_pg_bind_blob(struct store_stmt *st, int idx, const void *v, size_t n);
int store_pg_bind_null(struct store_stmt *st, int idx);
int store_pg_column_count(struct store_stmt *st);
const char *store_pg_column_name(struct store_stmt *st, int col);
int store_pg_column_type(struct store_stmt *st, int col);
bool store_pg_column_is_null(struct store_stmt *st, int col);
long long store_pg_column_int64(struct store_stmt *st, int col);
int store_pg_column_int(struct store_stmt *st, int col);
double store_pg_column_double(struct store_stmt *st, int col);
const char *store_pg_column_text(struct store_stmt *st, int col);
int store_pg_column_bytes(struct store_stmt *st, int col);
const void *store_pg_column_blob(struct store_stmt *st, int col);
int store_pg_set_busy_handler(struct store *s, int (*fn)(void *arg, int count),
			      void *arg);
int store_pg_schema_version(struct store *s, int *version);
int store_pg_set_schema_version(struct store *s, int version);
int store_pg_data_version(struct store *s, unsigned long long *other,
			  unsigned long long *own);
int store_pg_backup_to_file(struct store *s, const char *path, char **err);
bool store_pg_table_exists(struct store *s, const char *name);
int store_pg_guard_check(struct store *s, const char *name,
			 const char *sqlite_sql);

/*
 * The engine's functions above (but store_pg_fts_query, which needs no
 * server) as one table. The program loads it from its PostgreSQL module
 * (module.h) the first time a database argument names a server, so that
 * libpq is mapped only then (store_pg_load.c); a program that links the
 * engine in (the unit tests) gets it at once (store_pg_linked.c).
 */
/* clang-format off */
#define STORE_PG_FUNCTIONS(X)                                                  \
	X(open) X(close) X(archive_name) X(errcode) X(errmsg) X(exec) X(begin)    \
	X(begin_ahead) X(commit) X(rollback) X(in_transaction) X(prepare) X(finalize)         \
	X(step) X(send) X(reset) X(clear_bindings) X(stmt_busy) X(param_count)         \
	X(param_index) X(bind_int64) X(bind_double) X(bind_text)               \
	X(bind_blob) X(bind_null) X(column_count) X(column_name)               \
	X(column_type) X(column_is_null) X(column_int64) X(column_int)         \
	X(column_double) X(column_text) X(column_bytes) X(column_blob)         \
	X(set_busy_handler) X(schema_version) X(set_schema_version)            \
	X(data_version) X(backup_to_file) X(table_exists) X(guard_check)
/* clang-format on */

struct store_pg_ops {
	struct module_head head;
#define STORE_PG_MEMBER(fn) __typeof__(store_pg_##fn) *fn;
	STORE_PG_FUNCTIONS(STORE_PG_MEMBER)
#undef STORE_PG_MEMBER
};

#define STORE_PG_MODULE	   "postgresql.so"
#define STORE_PG_TABLE_SYM "store_pg_table"

/* The table itself (store_pg_table.c, in the module). */
extern const struct store_pg_ops store_pg_table;

/* The engine's table, loaded on the first call; NULL with *err set
 * (caller frees) when the module cannot be loaded. */
const struct store_pg_ops *store_pg_ops(char **err);
#endif

#endif

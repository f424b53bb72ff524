/*
 * store_pg_internal — the PostgreSQL engine's connection and statement,
 * shared by its files (store_pg.c: connections, transactions, statements,
 * the pipeline; store_pg_stmt.c: parameters and columns). Nothing else
 * includes it.
 */
#ifndef TB_STORE_PG_INTERNAL_H
#define TB_STORE_PG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <libpq-fe.h>

#include "store_engine.h"
#include "store_pg_sql.h"

/* the channel that tells other connections something changed */
#define PG_CHANNEL "tumorboard_changes"

/* The session's settings (store_pg_open): literals are standard (the
 * rewrite of parameters reads them so); and from PostgreSQL 12 on, a
 * prepared statement's plan made once and kept (its generic plan). The
 * server's own choice planned each statement afresh for its first five
 * runs, some 0.1 to 1 ms each, before it kept the generic plan in every
 * statement a key sends (at 1,000 cases): a process's first keys of
 * each kind paid for it, and a new process pays again. */
static inline const char *store_pg_session_sql(int server_version)
{
	return server_version >= 120000
		   ? "SET standard_conforming_strings = on;"
		     " SET plan_cache_mode = force_generic_plan"
		   : "SET standard_conforming_strings = on";
}

/* At most this many answers wait unread: each is a few bytes the server
 * holds in its socket buffer while the program is still sending */
#define PIPE_MAX 256
/* a pipeline's length: PIPE_MAX, and NOTIFY and COMMIT behind them */
#define PIPE_QUEUE (PIPE_MAX + 2)

struct pg_store {
	struct store base;
	PGconn *conn;
	int errcode;
	char *errmsg; /* NULL: none */
	char *name;   /* store_archive_name; owned */
	unsigned long next_name;
	int open_stmts;
	bool readonly;
	bool wrote;	/* the open transaction changed something */
	bool tx_failed; /* a statement of the open transaction failed */
	bool piped;	/* in pipeline mode, `pending` answers unread */
	int pending;
	/* store_pg_begin_ahead's try of the writers' lock: its place in the
	 * queue plus one (0: none sent) */
	int lock_at;
	/* whose each answer is, in the order sent: a statement sent by
	 * store_send, NULL for one whose answer is dropped */
	struct pg_stmt *queue[PIPE_QUEUE];
	int (*busy_fn)(void *arg, int count);
	void *busy_arg;
	unsigned long long other;   /* notifications from other connections */
	unsigned long long own;	    /* rows this connection changed */
	struct store_pg_reuse kept; /* finalized statements, for reuse */
	/* BEGIN, the lock's tries, NOTIFY and COMMIT of a transaction,
	 * prepared on the server (store_pg_fixed_run): 0 not yet,
	 * 1 prepared, 2 not to be (sent as text) */
	unsigned char fixed;
	/* statements finalized for good and not yet dropped on the server:
	 * dropped STORE_PG_DROP_MAX at a time in one round trip, or with
	 * the connection when it closes */
	char (*drop)[STORE_PG_NAME_MAX];
	size_t n_drop, cap_drop;
};

struct pg_stmt {
	struct store_stmt base;
	struct pg_store *pg;
	struct store_pg_sql q;
	char name[STORE_PG_NAME_MAX];
	bool persistent;
	bool answerless; /* store_pg_sql_answerless: may be sent ahead */
	bool reads;	 /* store_pg_sql_reads: not counted in writes */
	bool queued;	 /* sent by store_send, its answer not read yet */
	/* parameters: values[i] points at the caller's text, at num[i] or
	 * is NULL; formats[i] 1 for a blob */
	const char **values;
	int *lengths;
	int *formats;
	char (*num)[32];
	/* the last execution */
	PGresult *res;
	int row; /* the current row; -1 before the first */
	int nrows;
	bool executed; /* res belongs to this run (reset clears it) */
	int last_rc;   /* of the last failed step, for reset/finalize */
	/* a bytea column decoded for the current row */
	unsigned char *blob;
	size_t blob_len;
	int blob_col;
};

static inline struct pg_store *P(struct store *s)
{
	return (struct pg_store *)s;
}

static inline struct pg_stmt *PS(struct store_stmt *st)
{
	return (struct pg_stmt *)st;
}

/* Records a failure (msg copied; NULL: none) with its code. */
void store_pg_set_error(struct pg_store *pg, int rc, const char *msg);
/* A transaction's fixed statements (store_pg_stmt.c), prepared once a
 * connection, the first time one is run outside a transaction. */
enum store_pg_fixed {
	PG_FIXED_BEGIN,
	PG_FIXED_TRY,	     /* the writers' lock's try, failing without it */
	PG_FIXED_TRY_ANSWER, /* ... answering whether it got it */
	PG_FIXED_NOTIFY,
	PG_FIXED_COMMIT
};
/* Sends f into the pipeline: as prepared, else as text; false when it
 * could not be sent. */
bool store_pg_fixed_send(struct pg_store *pg, enum store_pg_fixed f);
/* Runs the n statements of f in one round trip, outside the pipeline:
 * the first failure's result, else the last one's (caller clears; NULL
 * when nothing came back). */
PGresult *store_pg_fixed_run(struct pg_store *pg, const enum store_pg_fixed *f,
			     size_t n);
/* The pipeline (store_pg.c, "Writes sent ahead"): a fixed statement
 * sent, its answer dropped; every answer read and the pipeline left (the
 * first failure's code). */
bool store_pg_pipe_send_fixed(struct pg_store *pg, enum store_pg_fixed f);
int store_pg_pipe_collect(struct pg_store *pg);

#endif

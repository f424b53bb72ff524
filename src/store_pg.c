/*
 * store_pg — the PostgreSQL engine of the store interface (src/store.h),
 * through libpq (with store_pg_stmt.c, parameters and columns, the only
 * files that include <libpq-fe.h>, through store_pg_internal.h). HACKING.md
 * ("Engines", "PostgreSQL") has the design: statements rewritten by
 * store_pg_sql and prepared on the server, whole results walked by
 * store_step, writers taking turns by an advisory lock, a failed
 * statement ending its transaction (later statements and the COMMIT
 * refused, never reported as done), change counts by LISTEN/NOTIFY,
 * writes inside a transaction sent ahead without waiting for their
 * answers (libpq's pipeline mode: "Writes sent ahead" below).
 * Error messages keep the server's primary message only: the detail of a
 * refused row may quote patient values.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "i18n.h"
#include "store_engine.h"
#include "store_pg_sql.h"
#include "util.h"

#include "store_pg_internal.h"

/* ------------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------- */

#define set_error store_pg_set_error

void store_pg_set_error(struct pg_store *pg, int rc, const char *msg)
{
	free(pg->errmsg);
	pg->errmsg = msg ? xstrdup(msg) : NULL;
	if (pg->errmsg) {
		size_t n = strlen(pg->errmsg);
		while (n &&
		       (pg->errmsg[n - 1] == '\n' || pg->errmsg[n - 1] == ' '))
			pg->errmsg[--n] = '\0';
	}
	pg->errcode = rc;
}

static void clear_error(struct pg_store *pg)
{
	free(pg->errmsg);
	pg->errmsg = NULL;
	pg->errcode = STORE_OK;
}

/* Records the failure res (NULL: no result at all) and returns its
 * code. Only the primary message is kept (see the top of the file). */
static int fail_with(struct pg_store *pg, const PGresult *res)
{
	const char *state =
	    res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg =
	    res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	int rc = store_pg_sql_state_rc(state);
	if (!msg)
		msg = PQerrorMessage(pg->conn);
	if (!msg || !*msg)
		msg = store_errstr(rc);
	set_error(pg, rc, msg);
	if (PQtransactionStatus(pg->conn) == PQTRANS_INERROR)
		pg->tx_failed = true;
	return rc;
}

/* Whether res is a success (the caller records a failure). */
static bool ok_result(const PGresult *res)
{
	ExecStatusType t = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	return t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK ||
	       t == PGRES_EMPTY_QUERY;
}

/* Counts the rows a command changed (store_data_version's own). */
static void count_changes(struct pg_store *pg, const PGresult *res)
{
	const char *n = PQcmdTuples((PGresult *)res);
	const char *status = PQcmdStatus((PGresult *)res);
	if (!n || !*n || !status || strncmp(status, "SELECT", 6) == 0)
		return;
	unsigned long long v = strtoull(n, NULL, 10);
	if (v) {
		pg->own += v;
		pg->wrote = true;
	}
}

/* Runs sql without parameters; the result is checked and cleared. */
static int run(struct pg_store *pg, const char *sql)
{
	PGresult *res = PQexec(pg->conn, sql);
	int rc = STORE_OK;
	if (!ok_result(res))
		rc = fail_with(pg, res);
	else
		count_changes(pg, res);
	PQclear(res);
	return rc;
}

/* Lists a statement to drop on the server: not a round trip of its own
 * (drop_listed drops them together; closing the connection drops every
 * one). */
static void deallocate(struct pg_store *pg, const char *name)
{
	if (pg->n_drop == pg->cap_drop) {
		pg->cap_drop = pg->cap_drop ? 2 * pg->cap_drop : 16;
		pg->drop = xrealloc(pg->drop, pg->cap_drop * sizeof(*pg->drop));
	}
	snprintf(pg->drop[pg->n_drop++], STORE_PG_NAME_MAX, "%s", name);
}

/* Drops the statements listed, once there are STORE_PG_DROP_MAX of them
 * (every one: all), in one round trip. Not in a failed transaction
 * (nothing runs there until its rollback): they wait for the next. */
static int settle(struct pg_store *pg);
static void drop_listed(struct pg_store *pg, bool all)
{
	if (!pg->n_drop || (!all && pg->n_drop < STORE_PG_DROP_MAX))
		return;
	settle(pg);
	if (PQtransactionStatus(pg->conn) == PQTRANS_INERROR)
		return;
	struct strbuf sql = {0};
	for (size_t i = 0; i < pg->n_drop; i++)
		strbuf_printf(&sql, "DEALLOCATE %s; ", pg->drop[i]);
	pg->base.runs++;
	PQclear(PQexec(pg->conn, sql.buf));
	strbuf_done(&sql);
	pg->n_drop = 0;
}

/* Refuses a statement in a transaction an earlier failure ended. */
static bool tx_dead(struct pg_store *pg)
{
	if (!pg->tx_failed || PQtransactionStatus(pg->conn) != PQTRANS_INERROR)
		return false;
	set_error(pg, STORE_ERROR,
		  _("an earlier statement of this transaction failed; "
		    "nothing more is done until it is rolled back"));
	return true;
}

/* ------------------------------------------------------------------------
 * Writes sent ahead
 *
 * Inside a transaction a write whose answer nobody reads (an INSERT,
 * UPDATE or DELETE without RETURNING: store_pg_sql_answerless) is sent
 * in libpq's pipeline mode and its step returns STORE_DONE at once. The
 * answers are read with the next statement that is waited for (sent
 * behind them in the same round trip), or by COMMIT (NOTIFY and COMMIT
 * behind them), or before anything else that talks to the server. A
 * write that failed ends the transaction as it would have at its own
 * step: the statement that reads its answer returns its code and
 * message, what follows is refused, COMMIT rolls back. The server runs
 * them in order, so a later read sees every earlier write.
 * ---------------------------------------------------------------------- */

/* Reads every answer in the pipeline, in the order sent: a statement
 * sent ahead by store_send gets its rows (or its failure), a write's
 * answer is counted and dropped; then leaves pipeline mode. Returns the
 * first failure's code, recorded as fail_with does (the transaction
 * marked failed). The statements behind it were not run: outside a
 * transaction each runs at its own step, inside one the step refuses
 * it with the transaction. */
#define pipe_collect store_pg_pipe_collect
int store_pg_pipe_collect(struct pg_store *pg)
{
	int rc = STORE_OK;
	if (!pg->piped)
		return STORE_OK;
	bool synced = PQpipelineSync(pg->conn) == 1;
	if (!synced) {
		set_error(pg, STORE_IOERR, PQerrorMessage(pg->conn));
		rc = STORE_IOERR;
	}
	for (int i = 0; i < pg->pending; i++) {
		struct pg_stmt *st = pg->queue[i];
		PGresult *res = synced ? PQgetResult(pg->conn) : NULL;
		if (st)
			st->queued = false;
		if (!res) {
			if (rc == STORE_OK)
				rc = fail_with(pg, NULL);
			if (st)
				st->last_rc = rc;
			continue;
		}
		/* each query's answer ends with a NULL */
		PGresult *end;
		while ((end = PQgetResult(pg->conn)) != NULL)
			PQclear(end);
		if (!ok_result(res)) {
			if (rc == STORE_OK &&
			    PQresultStatus(res) != PGRES_PIPELINE_ABORTED) {
				rc = fail_with(pg, res);
				if (i + 1 == pg->lock_at) {
					/* begin_ahead's try did not get it */
					set_error(pg, STORE_BUSY,
						  _("another connection is "
						    "writing the database"));
					rc = STORE_BUSY;
				}
			}
			if (rc == STORE_OK)
				rc = STORE_ERROR;
			if (st)
				st->last_rc = rc;
			PQclear(res);
			continue;
		}
		count_changes(pg, res);
		if (st) {
			st->res = res;
			st->executed = true;
			st->row = -1;
			st->nrows = PQntuples(res);
			st->last_rc = STORE_OK;
		} else {
			PQclear(res);
		}
	}
	/* the sync's own answer */
	for (int nulls = synced ? 0 : 2; nulls < 2;) {
		PGresult *res = PQgetResult(pg->conn);
		if (!res) {
			nulls++;
			continue;
		}
		nulls = 0;
		ExecStatusType t = PQresultStatus(res);
		PQclear(res);
		if (t == PGRES_PIPELINE_SYNC)
			break;
	}
	PQexitPipelineMode(pg->conn);
	pg->piped = false;
	pg->pending = 0;
	pg->lock_at = 0;
	if (rc != STORE_OK)
		pg->tx_failed = true;
	return rc;
}

/* Reads the answers of what was sent ahead before something else talks
 * to the server (a round trip, counted as one statement). */
static int settle(struct pg_store *pg)
{
	if (!pg->piped)
		return STORE_OK;
	pg->base.runs++;
	return pipe_collect(pg);
}

/* Sends a fixed statement into the pipeline; its answer is dropped. */
#define pipe_send_fixed store_pg_pipe_send_fixed
bool store_pg_pipe_send_fixed(struct pg_store *pg, enum store_pg_fixed f)
{
	if (!store_pg_fixed_send(pg, f))
		return false;
	pg->queue[pg->pending++] = NULL;
	return true;
}

/* Sends st's execution into the pipeline (entering it first); its rows
 * go to st (answer) or are dropped. */
static bool pipe_send(struct pg_store *pg, struct pg_stmt *st, bool answer)
{
	if (!pg->piped) {
		if (!PQenterPipelineMode(pg->conn))
			return false;
		pg->piped = true;
	}
	if (PQsendQueryPrepared(pg->conn, st->name, st->q.nparams, st->values,
				st->lengths, st->formats, 0) != 1)
		return false;
	pg->queue[pg->pending++] = answer ? st : NULL;
	st->queued = answer;
	return true;
}

/* ------------------------------------------------------------------------
 * Connections
 * ---------------------------------------------------------------------- */

/* The database named for messages: its name and server, no password. */
static char *describe(PGconn *conn)
{
	const char *db = PQdb(conn), *host = PQhost(conn);
	if (host && *host)
		return xasprintf(_("PostgreSQL database %s on %s"),
				 db && *db ? db : "?", host);
	return xasprintf(_("PostgreSQL database %s"), db && *db ? db : "?");
}

static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

int store_pg_open(const char *db_arg, unsigned flags, struct store **out,
		  char **err)
{
	struct pg_store *pg = xcalloc(1, sizeof(*pg));
	int rc = STORE_OK;

	*out = NULL;
	*err = NULL;
	pg->base.engine = STORE_ENGINE_POSTGRES;
	pg->readonly = (flags & STORE_OPEN_READONLY) != 0;
	pg->conn = PQconnectdb(db_arg);
	if (!pg->conn) {
		*err = xstrdup(_("cannot reach PostgreSQL: out of memory"));
		rc = STORE_NOMEM;
		goto cleanup;
	}
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		char *what = describe(pg->conn);
		const char *m = PQerrorMessage(pg->conn);
		size_t n = strlen(m);
		while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
			n--;
		*err =
		    xasprintf(_("cannot connect to %s: %.*s"), what, (int)n, m);
		free(what);
		rc = STORE_CANTOPEN;
		goto cleanup;
	}
	pg->base.server_pid = PQbackendPID(pg->conn);
	/* the server's notices (IF NOT EXISTS … skipping) are not for the
	 * user's terminal */
	PQsetNoticeProcessor(pg->conn, quiet, NULL);
	/* text is UTF-8, the session's settings (store_pg_session_sql); a
	 * read-only connection cannot write */
	if (PQsetClientEncoding(pg->conn, "UTF8") != 0 ||
	    run(pg, store_pg_session_sql(PQserverVersion(pg->conn))) !=
		STORE_OK ||
	    (pg->readonly &&
	     run(pg, "SET default_transaction_read_only = on") != STORE_OK) ||
	    run(pg, "LISTEN " PG_CHANNEL) != STORE_OK) {
		char *what = describe(pg->conn);
		*err = xasprintf(_("cannot configure %s: %s"), what,
				 pg->errmsg ? pg->errmsg
					    : PQerrorMessage(pg->conn));
		free(what);
		rc = STORE_CANTOPEN;
		goto cleanup;
	}
	clear_error(pg);
	pg->name = xasprintf("postgresql://%s:%s/%s", PQhost(pg->conn),
			     PQport(pg->conn), PQdb(pg->conn)); /* never NULL */
cleanup:
	if (rc != STORE_OK) {
		PQfinish(pg->conn);
		free(pg->errmsg);
		free(pg);
		return rc;
	}
	*out = &pg->base;
	return STORE_OK;
}

int store_pg_close(struct store *s)
{
	struct pg_store *pg = P(s);
	int rc = pg->open_stmts ? STORE_BUSY : STORE_OK;
	/* what is listed to drop goes with the connection */
	store_pg_reuse_done(&pg->kept);
	free(pg->drop);
	PQfinish(pg->conn);
	free(pg->errmsg);
	free(pg->name);
	free(pg);
	return rc;
}

const char *store_pg_archive_name(const struct store *s)
{
	return ((const struct pg_store *)s)->name;
}

int store_pg_errcode(struct store *s)
{
	return P(s)->errcode;
}

const char *store_pg_errmsg(struct store *s)
{
	struct pg_store *pg = P(s);
	if (pg->errmsg)
		return pg->errmsg;
	return store_errstr(pg->errcode);
}

int store_pg_exec(struct store *s, const char *sql)
{
	struct pg_store *pg = P(s);
	char name[STORE_PG_NAME_MAX];
	s->writes++;
	if (settle(pg) != STORE_OK || tx_dead(pg))
		return STORE_ERROR;
	/* a script may change the tables: nothing prepared before is kept */
	while (store_pg_reuse_pop(&pg->kept, name))
		deallocate(pg, name);
	drop_listed(pg, true);
	clear_error(pg);
	return run(pg, sql);
}

/* ------------------------------------------------------------------------
 * Transactions
 * ---------------------------------------------------------------------- */

int store_pg_begin(struct store *s)
{
	struct pg_store *pg = P(s);
	clear_error(pg);
	if (PQtransactionStatus(pg->conn) != PQTRANS_IDLE) {
		set_error(pg, STORE_MISUSE, _("a transaction is already open"));
		return STORE_MISUSE;
	}
	int rc;
	pg->wrote = false;
	pg->tx_failed = false;
	/* writers take turns (see the top of the file); BEGIN and the first
	 * try go in one round trip, prepared */
	static const enum store_pg_fixed begin_try[] = {PG_FIXED_BEGIN,
							PG_FIXED_TRY_ANSWER};
	for (int count = 0;; count++) {
		PGresult *res = store_pg_fixed_run(pg, begin_try + (count > 0),
						   count ? 1 : 2);
		if (!ok_result(res) || PQntuples(res) != 1) {
			rc = fail_with(pg, res);
			PQclear(res);
			break;
		}
		bool got = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
		PQclear(res);
		if (got)
			return STORE_OK;
		if (!pg->busy_fn || !pg->busy_fn(pg->busy_arg, count)) {
			set_error(pg, STORE_BUSY,
				  _("another connection is writing the "
				    "database"));
			rc = STORE_BUSY;
			break;
		}
	}
	PQclear(PQexec(pg->conn, "ROLLBACK"));
	pg->tx_failed = false;
	return rc;
}

int store_pg_commit(struct store *s)
{
	struct pg_store *pg = P(s);
	if (pg->piped) {
		/* NOTIFY and COMMIT behind the writes sent ahead: one round
		 * trip (a write sent ahead is taken to have changed rows; none
		 * behind begin_ahead's BEGIN and try: nothing to tell) */
		clear_error(pg);
		int rc = STORE_OK;
		bool none = pg->lock_at && pg->pending == pg->lock_at;
		if ((!none && !pipe_send_fixed(pg, PG_FIXED_NOTIFY)) ||
		    !pipe_send_fixed(pg, PG_FIXED_COMMIT)) {
			set_error(pg, STORE_IOERR, PQerrorMessage(pg->conn));
			rc = STORE_IOERR;
		}
		int crc = pipe_collect(pg);
		if (rc == STORE_OK)
			rc = crc;
		pg->wrote = false;
		pg->tx_failed = false;
		if (rc != STORE_OK) {
			/* keep the failed write's code and message */
			int code = pg->errcode;
			char *msg = pg->errmsg ? xstrdup(pg->errmsg) : NULL;
			if (PQtransactionStatus(pg->conn) != PQTRANS_IDLE)
				PQclear(PQexec(pg->conn, "ROLLBACK"));
			set_error(pg, code, msg);
			free(msg);
		}
		return rc;
	}
	PGTransactionStatusType ts = PQtransactionStatus(pg->conn);
	if (ts == PQTRANS_INERROR) {
		/* COMMIT would roll back and report success */
		PQclear(PQexec(pg->conn, "ROLLBACK"));
		pg->tx_failed = false;
		set_error(pg, STORE_ERROR,
			  _("the transaction failed and was rolled back; "
			    "nothing was changed"));
		return STORE_ERROR;
	}
	if (ts != PQTRANS_INTRANS) {
		set_error(pg, STORE_MISUSE, _("no transaction is open"));
		return STORE_MISUSE;
	}
	clear_error(pg);
	/* other connections learn of the change when it commits (one round
	 * trip: a failed NOTIFY leaves the COMMIT unrun, rolled back below) */
	static const enum store_pg_fixed notify_commit[] = {PG_FIXED_NOTIFY,
							    PG_FIXED_COMMIT};
	PGresult *res = store_pg_fixed_run(pg, notify_commit + !pg->wrote,
					   pg->wrote ? 2 : 1);
	int rc = ok_result(res) ? STORE_OK : fail_with(pg, res);
	PQclear(res);
	pg->wrote = false;
	pg->tx_failed = false;
	if (rc != STORE_OK && PQtransactionStatus(pg->conn) != PQTRANS_IDLE)
		PQclear(PQexec(pg->conn, "ROLLBACK"));
	return rc;
}

int store_pg_rollback(struct store *s)
{
	struct pg_store *pg = P(s);
	if (pg->piped)
		pipe_collect(pg); /* a failure among them is undone */
	pg->wrote = false;
	pg->tx_failed = false;
	if (PQtransactionStatus(pg->conn) == PQTRANS_IDLE)
		return STORE_OK;
	return run(pg, "ROLLBACK");
}

bool store_pg_in_transaction(struct store *s)
{
	PGTransactionStatusType ts = PQtransactionStatus(P(s)->conn);
	return ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR ||
	       ts == PQTRANS_ACTIVE;
}

/* ------------------------------------------------------------------------
 * Statements
 * ---------------------------------------------------------------------- */

int store_pg_prepare(struct store *s, const char *sql, unsigned flags,
		     struct store_stmt **out)
{
	struct pg_store *pg = P(s);
	struct pg_stmt *st;
	char *err = NULL;
	struct store_pg_sql q;

	*out = NULL;
	if (tx_dead(pg))
		return STORE_ERROR;
	clear_error(pg);
	if (!store_pg_sql_rewrite(sql, &q, &err)) {
		set_error(pg, STORE_ERROR, err);
		free(err);
		return STORE_ERROR;
	}
	st = xcalloc(1, sizeof(*st));
	st->base.engine = STORE_ENGINE_POSTGRES;
	st->base.store = s;
	st->pg = pg;
	st->q = q;
	st->persistent = (flags & STORE_PERSISTENT) != 0;
	st->answerless = store_pg_sql_answerless(q.text);
	st->reads = store_pg_sql_reads(q.text);
	st->row = -1;
	st->blob_col = -1;
	if (q.nparams > 0) {
		size_t n = (size_t)q.nparams;
		st->values = xcalloc(n, sizeof(*st->values));
		st->lengths = xcalloc(n, sizeof(*st->lengths));
		st->formats = xcalloc(n, sizeof(*st->formats));
		st->num = xcalloc(n, sizeof(*st->num));
	}
	/* the server infers each parameter's type from where it stands
	 * (text for one the SQL leaves out); one finalized is used again */
	PGresult *res = NULL;
	bool fresh =
	    st->persistent || !store_pg_reuse_take(&pg->kept, q.text, st->name);
	if (fresh && settle(pg) != STORE_OK) {
		st->name[0] = '\0';
		int rc = pg->errcode;
		store_pg_finalize(&st->base);
		pg->errcode = rc;
		return rc;
	}
	if (fresh) {
		drop_listed(pg, false);
		snprintf(st->name, sizeof(st->name), "tb_%lu", ++pg->next_name);
		res = PQprepare(pg->conn, st->name, q.text,
				q.types ? q.nparams : 0, q.types);
	}
	if (fresh && !ok_result(res)) {
		int rc = fail_with(pg, res);
		PQclear(res);
		st->name[0] = '\0';
		store_pg_finalize(&st->base);
		pg->errcode = rc; /* finalize must not hide why */
		return rc;
	}
	PQclear(res);
	pg->open_stmts++;
	*out = &st->base;
	return STORE_OK;
}

static void drop_result(struct pg_stmt *st)
{
	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	st->nrows = 0;
	st->executed = false;
	free(st->blob);
	st->blob = NULL;
	st->blob_col = -1;
}

int store_pg_finalize(struct store_stmt *base)
{
	struct pg_stmt *st = PS(base);
	struct pg_store *pg = st->pg;
	if (st->queued)
		settle(pg);
	int rc = st->last_rc;
	drop_result(st);
	char gone[STORE_PG_NAME_MAX];
	if (st->name[0]) {
		pg->open_stmts--;
		if (st->persistent ||
		    store_pg_reuse_keep(&pg->kept, st->q.text, st->name, gone))
			deallocate(pg, st->persistent ? st->name : gone);
	}
	store_pg_sql_done(&st->q);
	free(st->values);
	free(st->lengths);
	free(st->formats);
	free(st->num);
	free(st);
	return rc;
}

/* The next row of st's answer: STORE_ROW or STORE_DONE. */
static int walk(struct pg_stmt *st)
{
	free(st->blob);
	st->blob = NULL;
	st->blob_col = -1;
	if (st->row + 1 < st->nrows) {
		st->row++;
		return STORE_ROW;
	}
	st->row = st->nrows;
	return STORE_DONE;
}

/* A failure to send: recorded, the pipeline read and left. */
static int send_failed(struct pg_stmt *st)
{
	struct pg_store *pg = st->pg;
	set_error(pg, STORE_IOERR, PQerrorMessage(pg->conn));
	pipe_collect(pg);
	set_error(pg, STORE_IOERR, PQerrorMessage(pg->conn));
	pg->tx_failed = true;
	st->queued = false;
	return st->last_rc = STORE_IOERR;
}

int store_pg_send(struct store_stmt *base)
{
	struct pg_stmt *st = PS(base);
	struct pg_store *pg = st->pg;
	if (st->queued)
		return STORE_OK;
	if (tx_dead(pg))
		return st->last_rc = STORE_ERROR;
	if (pg->pending >= PIPE_MAX && settle(pg) != STORE_OK)
		return st->last_rc = pg->errcode;
	clear_error(pg);
	drop_result(st);
	if (!st->reads)
		pg->base.writes++;
	if (!pipe_send(pg, st, true))
		return send_failed(st);
	return STORE_OK;
}

int store_pg_step(struct store_stmt *base)
{
	struct pg_stmt *st = PS(base);
	struct pg_store *pg = st->pg;

	if (st->queued) {
		/* sent ahead by store_send: its answer (and those before it)
		 * in one round trip */
		clear_error(pg);
		settle(pg);
		if (!st->executed)
			return st->last_rc;
		return walk(st);
	}
	if (st->executed)
		return walk(st);
	if (tx_dead(pg))
		return st->last_rc = STORE_ERROR;
	clear_error(pg);
	drop_result(st);
	if (!st->reads)
		pg->base.writes++;
	if (st->answerless &&
	    (pg->piped || PQtransactionStatus(pg->conn) == PQTRANS_INTRANS)) {
		/* sent ahead: its answer is read later (see above) */
		if (pg->pending >= PIPE_MAX && settle(pg) != STORE_OK)
			return st->last_rc = pg->errcode;
		if (!pipe_send(pg, st, false))
			return send_failed(st);
		st->executed = true;
		st->row = st->nrows = 0;
		st->last_rc = STORE_OK;
		return STORE_DONE;
	}
	base->store->runs++;
	if (pg->piped) {
		/* behind what was sent ahead, in the same round trip */
		if (pg->pending >= PIPE_MAX)
			settle(pg);
		if (tx_dead(pg))
			return st->last_rc = STORE_ERROR;
		if (!pipe_send(pg, st, true))
			return send_failed(st);
		pipe_collect(pg);
		if (!st->executed)
			return st->last_rc;
	} else {
		st->res =
		    PQexecPrepared(pg->conn, st->name, st->q.nparams,
				   st->values, st->lengths, st->formats, 0);
		if (!ok_result(st->res)) {
			int rc = fail_with(pg, st->res);
			drop_result(st);
			return st->last_rc = rc;
		}
		count_changes(pg, st->res);
		st->executed = true;
		st->row = -1;
		st->nrows = PQntuples(st->res);
	}
	/* a write outside a transaction commits at once: say so */
	if (pg->wrote && PQtransactionStatus(pg->conn) == PQTRANS_IDLE) {
		pg->wrote = false;
		PQclear(PQexec(pg->conn, "NOTIFY " PG_CHANNEL));
	}
	st->last_rc = STORE_OK;
	return walk(st);
}

int store_pg_reset(struct store_stmt *base)
{
	struct pg_stmt *st = PS(base);
	if (st->queued)
		settle(st->pg);
	int rc = st->last_rc;
	drop_result(st);
	st->last_rc = STORE_OK;
	return rc;
}

int store_pg_clear_bindings(struct store_stmt *base)
{
	struct pg_stmt *st = PS(base);
	for (int i = 0; i < st->q.nparams; i++) {
		st->values[i] = NULL;
		st->lengths[i] = 0;
		st->formats[i] = 0;
	}
	return STORE_OK;
}

bool store_pg_stmt_busy(struct store_stmt *base)
{
	struct pg_stmt *st = PS(base);
	return st->queued || (st->executed && st->row < st->nrows);
}

int store_pg_param_count(struct store_stmt *base)
{
	return PS(base)->q.nparams;
}

int store_pg_param_index(struct store_stmt *base, const char *name)
{
	struct pg_stmt *st = PS(base);
	for (int i = 0; i < st->q.nparams; i++)
		if (st->q.names[i] && strcmp(st->q.names[i], name) == 0)
			return i + 1;
	return 0;
}

/* ------------------------------------------------------------------------
 * Engine-specific services
 * ---------------------------------------------------------------------- */

int store_pg_set_busy_handler(struct store *s, int (*fn)(void *arg, int count),
			      void *arg)
{
	P(s)->busy_fn = fn;
	P(s)->busy_arg = arg;
	return STORE_OK;
}

/* The schema version lives in a one-row table of its own. */
int store_pg_schema_version(struct store *s, int *version)
{
	struct pg_store *pg = P(s);
	*version = -1;
	if (settle(pg) != STORE_OK || tx_dead(pg))
		return STORE_ERROR;
	clear_error(pg);
	PGresult *res =
	    PQexec(pg->conn, "SELECT to_regclass('schema_version') IS NULL");
	if (!ok_result(res) || PQntuples(res) != 1) {
		int rc = fail_with(pg, res);
		PQclear(res);
		return rc;
	}
	bool missing = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	if (missing) {
		*version = 0;
		return STORE_OK;
	}
	res = PQexec(pg->conn, "SELECT max(version) FROM schema_version");
	if (!ok_result(res) || PQntuples(res) != 1) {
		int rc = fail_with(pg, res);
		PQclear(res);
		return rc;
	}
	*version = PQgetisnull(res, 0, 0) ? 0 : atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return STORE_OK;
}

int store_pg_set_schema_version(struct store *s, int version)
{
	struct pg_store *pg = P(s);
	char sql[160];
	if (settle(pg) != STORE_OK || tx_dead(pg))
		return STORE_ERROR;
	clear_error(pg);
	int rc = run(pg, "CREATE TABLE IF NOT EXISTS schema_version"
			 " (version integer NOT NULL)");
	if (rc == STORE_OK)
		rc = run(pg, "DELETE FROM schema_version");
	snprintf(sql, sizeof(sql),
		 "INSERT INTO schema_version (version) VALUES (%d)", version);
	if (rc == STORE_OK)
		rc = run(pg, sql);
	return rc;
}

int store_pg_data_version(struct store *s, unsigned long long *other,
			  unsigned long long *own)
{
	struct pg_store *pg = P(s);
	/* the own count waits for the answers of writes sent ahead */
	settle(pg);
	/* reads what the server sent without asking it anything */
	if (!PQconsumeInput(pg->conn)) {
		set_error(pg, STORE_IOERR, PQerrorMessage(pg->conn));
		return STORE_IOERR;
	}
	PGnotify *n;
	int me = PQbackendPID(pg->conn);
	while ((n = PQnotifies(pg->conn)) != NULL) {
		if (n->be_pid != me)
			pg->other++;
		PQfreemem(n);
	}
	*other = pg->other;
	*own = pg->own;
	return STORE_OK;
}

int store_pg_backup_to_file(struct store *s, const char *path, char **err)
{
	(void)path;
	set_error(P(s), STORE_UNSUPPORTED, NULL);
	*err = xstrdup(_("backup copies SQLite archives; a PostgreSQL "
			 "archive is copied with the server's own tools "
			 "(pg_dump, base backups)"));
	return STORE_UNSUPPORTED;
}

/*
 * store_pg_stmt — the PostgreSQL engine's parameters and columns
 * (store_pg_internal.h): parameters kept as text (blobs binary) until the
 * statement runs, columns read from the result the step keeps, typed by
 * the column's type as SQLite types them; a transaction begun ahead
 * (store_begin_ahead: BEGIN and the writers' lock sent into the pipeline).
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "store_pg_internal.h"
#include "util.h"

#define set_error store_pg_set_error

/* ------------------------------------------------------------------------
 * Binding
 * ---------------------------------------------------------------------- */

static int slot(struct pg_stmt *st, int idx)
{
	if (idx < 1 || idx > st->q.nparams) {
		set_error(st->pg, STORE_RANGE,
			  _("parameter number out of range"));
		return -1;
	}
	return idx - 1;
}

int store_pg_bind_int64(struct store_stmt *base, int idx, long long v)
{
	struct pg_stmt *st = PS(base);
	int i = slot(st, idx);
	if (i < 0)
		return STORE_RANGE;
	snprintf(st->num[i], sizeof(st->num[i]), "%lld", v);
	st->values[i] = st->num[i];
	st->formats[i] = 0;
	return STORE_OK;
}

int store_pg_bind_double(struct store_stmt *base, int idx, double v)
{
	struct pg_stmt *st = PS(base);
	int i = slot(st, idx);
	if (i < 0)
		return STORE_RANGE;
	/* enough digits to read back the same double */
	snprintf(st->num[i], sizeof(st->num[i]), "%.17g", v);
	st->values[i] = st->num[i];
	st->formats[i] = 0;
	return STORE_OK;
}

int store_pg_bind_text(struct store_stmt *base, int idx, const char *v)
{
	struct pg_stmt *st = PS(base);
	int i = slot(st, idx);
	if (i < 0)
		return STORE_RANGE;
	st->values[i] = v;
	st->formats[i] = 0;
	return STORE_OK;
}

int store_pg_bind_blob(struct store_stmt *base, int idx, const void *v,
		       size_t n)
{
	struct pg_stmt *st = PS(base);
	int i = slot(st, idx);
	if (i < 0)
		return STORE_RANGE;
	if (n > INT_MAX) {
		set_error(st->pg, STORE_MISUSE, _("blob too large"));
		return STORE_MISUSE;
	}
	/* binary format: the bytes as they are ("" for an empty blob) */
	st->values[i] = v ? (const char *)v : NULL;
	st->lengths[i] = (int)n;
	st->formats[i] = 1;
	return STORE_OK;
}

int store_pg_bind_null(struct store_stmt *base, int idx)
{
	struct pg_stmt *st = PS(base);
	int i = slot(st, idx);
	if (i < 0)
		return STORE_RANGE;
	st->values[i] = NULL;
	st->formats[i] = 0;
	return STORE_OK;
}

/* ------------------------------------------------------------------------
 * Columns
 * ---------------------------------------------------------------------- */

static bool have_row(struct pg_stmt *st, int col)
{
	return st->res && st->row >= 0 && st->row < st->nrows && col >= 0 &&
	       col < PQnfields(st->res);
}

int store_pg_column_count(struct store_stmt *base)
{
	struct pg_stmt *st = PS(base);
	return st->res ? PQnfields(st->res) : 0;
}

const char *store_pg_column_name(struct store_stmt *base, int col)
{
	struct pg_stmt *st = PS(base);
	if (!st->res || col < 0 || col >= PQnfields(st->res))
		return NULL;
	return PQfname(st->res, col);
}

bool store_pg_column_is_null(struct store_stmt *base, int col)
{
	struct pg_stmt *st = PS(base);
	return !have_row(st, col) || PQgetisnull(st->res, st->row, col);
}

int store_pg_column_type(struct store_stmt *base, int col)
{
	struct pg_stmt *st = PS(base);
	if (store_pg_column_is_null(base, col))
		return STORE_NULL;
	switch (PQftype(st->res, col)) {
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
	case OID_OID:
	case OID_BOOL:
		return STORE_INTEGER;
	case OID_FLOAT4:
	case OID_FLOAT8:
	case OID_NUMERIC:
		return STORE_FLOAT;
	case OID_BYTEA:
		return STORE_BLOB;
	default:
		return STORE_TEXT;
	}
}

long long store_pg_column_int64(struct store_stmt *base, int col)
{
	struct pg_stmt *st = PS(base);
	if (store_pg_column_is_null(base, col))
		return 0;
	const char *v = PQgetvalue(st->res, st->row, col);
	if (PQftype(st->res, col) == OID_BOOL)
		return v[0] == 't';
	/* as SQLite reads text: the leading number, else 0 */
	if (PQftype(st->res, col) == OID_FLOAT4 ||
	    PQftype(st->res, col) == OID_FLOAT8 ||
	    PQftype(st->res, col) == OID_NUMERIC)
		return (long long)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

int store_pg_column_int(struct store_stmt *base, int col)
{
	long long v = store_pg_column_int64(base, col);
	return (int)(v > INT_MAX ? INT_MAX : v < INT_MIN ? INT_MIN : v);
}

double store_pg_column_double(struct store_stmt *base, int col)
{
	struct pg_stmt *st = PS(base);
	if (store_pg_column_is_null(base, col))
		return 0;
	const char *v = PQgetvalue(st->res, st->row, col);
	if (PQftype(st->res, col) == OID_BOOL)
		return v[0] == 't';
	return strtod(v, NULL);
}

/* A bytea column of the current row, decoded once (PQunescapeBytea). */
static bool decode_blob(struct pg_stmt *st, int col)
{
	if (st->blob_col == col)
		return true;
	free(st->blob);
	st->blob = NULL;
	st->blob_col = -1;
	size_t n = 0;
	unsigned char *raw = PQunescapeBytea(
	    (const unsigned char *)PQgetvalue(st->res, st->row, col), &n);
	if (!raw)
		return false;
	/* a copy of our own, NUL-terminated, freed with free() */
	st->blob = xmalloc(n + 1);
	memcpy(st->blob, raw, n);
	st->blob[n] = '\0';
	PQfreemem(raw);
	st->blob_len = n;
	st->blob_col = col;
	return true;
}

const char *store_pg_column_text(struct store_stmt *base, int col)
{
	struct pg_stmt *st = PS(base);
	if (store_pg_column_is_null(base, col))
		return NULL;
	const char *v = PQgetvalue(st->res, st->row, col);
	switch (PQftype(st->res, col)) {
	case OID_BOOL:
		/* as SQLite gives a comparison: 1 or 0 */
		return v[0] == 't' ? "1" : "0";
	case OID_BYTEA:
		return decode_blob(st, col) ? (const char *)st->blob : NULL;
	default:
		return v;
	}
}

int store_pg_column_bytes(struct store_stmt *base, int col)
{
	struct pg_stmt *st = PS(base);
	if (store_pg_column_is_null(base, col))
		return 0;
	switch (PQftype(st->res, col)) {
	case OID_BOOL:
		return 1;
	case OID_BYTEA:
		return decode_blob(st, col) ? (int)st->blob_len : 0;
	default:
		return PQgetlength(st->res, st->row, col);
	}
}

const void *store_pg_column_blob(struct store_stmt *base, int col)
{
	struct pg_stmt *st = PS(base);
	if (store_pg_column_is_null(base, col))
		return NULL;
	if (PQftype(st->res, col) != OID_BYTEA) {
		const char *v = store_pg_column_text(base, col);
		return v && *v ? v : NULL;
	}
	if (!decode_blob(st, col) || st->blob_len == 0)
		return NULL;
	return st->blob;
}

/* ------------------------------------------------------------------------
 * A transaction begun ahead (store_begin_ahead)
 * ---------------------------------------------------------------------- */

/* the writers' lock tried (store_pg_begin's try), failing when it is not
 * got (a division by zero): what was sent behind it is not run */
#define TRY_LOCK_OR_FAIL                                                       \
	"SELECT 1 / pg_try_advisory_xact_lock(" STORE_PG_WRITE_LOCK ")::int"
/* the try answering whether it got it (store_pg_begin, which waits) */
#define TRY_LOCK "SELECT pg_try_advisory_xact_lock(" STORE_PG_WRITE_LOCK ")"

/* The fixed statements of a transaction, each prepared once a connection
 * (a statement sent as text is parsed again every time, the try planned
 * again too: some 0.05 ms of the server's a transaction, more than its
 * INSERT of one access log entry costs), in the order of enum
 * store_pg_fixed. */
static const struct {
	const char *name, *sql;
} fixed[] = {[PG_FIXED_BEGIN] = {"tbx_begin", "BEGIN"},
	     [PG_FIXED_TRY] = {"tbx_try", TRY_LOCK_OR_FAIL},
	     [PG_FIXED_TRY_ANSWER] = {"tbx_try_answer", TRY_LOCK},
	     [PG_FIXED_NOTIFY] = {"tbx_notify", "NOTIFY " PG_CHANNEL},
	     [PG_FIXED_COMMIT] = {"tbx_commit", "COMMIT"}};
#define N_FIXED (sizeof(fixed) / sizeof(fixed[0]))

static bool succeeded(const PGresult *res)
{
	ExecStatusType t = PQresultStatus(res);
	return t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK;
}

/* Reads the pipeline's answers up to its sync's (or until nothing more
 * comes: a lost connection): the first failed one's result, else the
 * last one's (the caller clears it; NULL when none came). */
static PGresult *drain(PGconn *conn)
{
	PGresult *keep = NULL;
	for (int nulls = 0; nulls < 2;) {
		PGresult *res = PQgetResult(conn);
		if (!res) {
			nulls++; /* one ends each statement's answer */
			continue;
		}
		nulls = 0;
		if (PQresultStatus(res) == PGRES_PIPELINE_SYNC) {
			PQclear(res);
			break;
		}
		if (keep && !succeeded(keep)) {
			PQclear(res); /* after a failure: not run */
			continue;
		}
		PQclear(keep);
		keep = res;
	}
	return keep;
}

/* Prepares the fixed statements in one round trip, outside a transaction
 * (nothing can make them fail but the connection, or a statement of the
 * same name); on any failure they are sent as text from then on. What
 * was sent is synced and read whether all of it went or not: a prepare
 * that libpq refused to send mid-way must not leave the ones before it
 * in the pipeline, and the connection in pipeline mode. */
static void fixed_prepare(struct pg_store *pg)
{
	pg->fixed = 2;
	if (PQenterPipelineMode(pg->conn) != 1)
		return;
	size_t sent = 0;
	while (sent < N_FIXED && PQsendPrepare(pg->conn, fixed[sent].name,
					       fixed[sent].sql, 0, NULL) == 1)
		sent++;
	bool synced = PQpipelineSync(pg->conn) == 1;
	pg->base.runs++;
	PGresult *res = synced ? drain(pg->conn) : NULL;
	bool ok = sent == N_FIXED && res && succeeded(res);
	PQclear(res);
	if (PQexitPipelineMode(pg->conn) == 1 && ok)
		pg->fixed = 1;
}

bool store_pg_fixed_send(struct pg_store *pg, enum store_pg_fixed f)
{
	if (pg->fixed == 1)
		return PQsendQueryPrepared(pg->conn, fixed[f].name, 0, NULL,
					   NULL, NULL, 0) == 1;
	return PQsendQueryParams(pg->conn, fixed[f].sql, 0, NULL, NULL, NULL,
				 NULL, 0) == 1;
}

PGresult *store_pg_fixed_run(struct pg_store *pg, const enum store_pg_fixed *f,
			     size_t n)
{
	if (!pg->fixed && !pg->piped &&
	    PQtransactionStatus(pg->conn) == PQTRANS_IDLE)
		fixed_prepare(pg);
	if (pg->fixed != 1 || PQenterPipelineMode(pg->conn) != 1) {
		/* as text, in one round trip: PQexec answers with the
		 * first failure, else the last statement's result */
		struct strbuf sql = {0};
		for (size_t i = 0; i < n; i++)
			strbuf_printf(&sql, "%s%s", i ? "; " : "",
				      fixed[f[i]].sql);
		PGresult *res = PQexec(pg->conn, sql.buf);
		strbuf_done(&sql);
		return res;
	}
	size_t sent = 0;
	while (sent < n && store_pg_fixed_send(pg, f[sent]))
		sent++;
	bool synced = PQpipelineSync(pg->conn) == 1;
	PGresult *res = synced ? drain(pg->conn) : NULL;
	PQexitPipelineMode(pg->conn);
	if (sent < n && res && succeeded(res)) {
		PQclear(res); /* not all of it sent: a failure */
		res = NULL;
	}
	return res;
}

/* BEGIN and the lock's try sent into the pipeline, not waited for: their
 * answers come with the first statement waited for, or with the commit,
 * which fails with STORE_BUSY when the try did not get the lock
 * (store_pg_pipe_collect, by lock_at). */
int store_pg_begin_ahead(struct store *s)
{
	struct pg_store *pg = P(s);
	if (pg->piped || PQtransactionStatus(pg->conn) != PQTRANS_IDLE)
		return store_pg_begin(s); /* as store_begin answers it */
	set_error(pg, STORE_OK, NULL);
	pg->wrote = false;
	pg->tx_failed = false;
	if (!pg->fixed)
		fixed_prepare(pg);
	if (!PQenterPipelineMode(pg->conn))
		return store_pg_begin(s);
	pg->piped = true;
	bool sent = store_pg_pipe_send_fixed(pg, PG_FIXED_BEGIN);
	pg->lock_at = pg->pending + 1;
	if (sent && store_pg_pipe_send_fixed(pg, PG_FIXED_TRY))
		return STORE_OK;
	char *msg = xstrdup(PQerrorMessage(pg->conn));
	store_pg_pipe_collect(pg);
	if (PQtransactionStatus(pg->conn) != PQTRANS_IDLE)
		PQclear(PQexec(pg->conn, "ROLLBACK"));
	pg->tx_failed = false;
	set_error(pg, STORE_IOERR, msg);
	free(msg);
	return STORE_IOERR;
}

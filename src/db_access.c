/*
 * db_access — the access log, its chain and review marks, and the queries
 * of `tumorboard log`. See db_access.h for the tables.
 *
 * The chain: entry n's hash is the SHA-256 of "access1", its id, entry
 * n-1's hash ("genesis" for the first) and every column, each written as
 * its length and bytes (NULL as "-"), so that no two different entries
 * hash alike. Like the audit log, anyone who can write the file can
 * recompute the chain: the triggers stop the program and honest tools,
 * the chain shows an edit made behind them.
 */
#include "db_access.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_internal.h"
#include "diag.h"
#include "hash.h"
#include "i18n.h"
#include "util.h"

const char *const db_access_schema[] = {
    "CREATE TABLE access_log ("
    " id INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL, who TEXT NOT NULL, unit TEXT,"
    " what TEXT NOT NULL,"
    " patient_id INTEGER NOT NULL REFERENCES patient(id),"
    " case_id INTEGER REFERENCES cases(id),"
    " relation TEXT NOT NULL CHECK (relation IN"
    "  ('unchecked','agenda','board','referral','emergency','none')),"
    " emergency_id INTEGER REFERENCES emergency_access(id)"
    "  CHECK ((relation = 'emergency') = (emergency_id IS NOT NULL)),"
    " prev_hash TEXT NOT NULL, hash TEXT NOT NULL"
    ") STRICT",
    "CREATE INDEX access_log_patient ON access_log(patient_id, id)",
    "CREATE INDEX access_log_case ON access_log(case_id, id)",
    "CREATE INDEX access_log_who ON access_log(who, at)",
    "CREATE INDEX access_log_flagged ON access_log(id)"
    " WHERE relation IN ('emergency','none')",
    "CREATE TABLE access_review ("
    " id INTEGER PRIMARY KEY,"
    " access_id INTEGER NOT NULL REFERENCES access_log(id),"
    " audit_id INTEGER NOT NULL UNIQUE,"
    " at TEXT NOT NULL, by TEXT NOT NULL,"
    " finding TEXT NOT NULL CHECK (finding IN ('justified','unjustified'))"
    ") STRICT",
    "CREATE INDEX access_review_entry ON access_review(access_id, id)",
    "CREATE TRIGGER access_log_append_only_u BEFORE UPDATE ON access_log"
    " BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
    "CREATE TRIGGER access_log_append_only_d BEFORE DELETE ON access_log"
    " BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
    "CREATE TRIGGER access_review_append_only_u BEFORE UPDATE ON"
    " access_review"
    " BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
    "CREATE TRIGGER access_review_append_only_d BEFORE DELETE ON"
    " access_review"
    " BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END",
    NULL};

/* The guards exactly as created; verify reports a missing or changed one. */
static const char *const guard_names[] = {
    "access_log_append_only_u", "access_log_append_only_d",
    "access_review_append_only_u", "access_review_append_only_d"};

enum tb_status db_access_patient_of(struct db *db, long long case_id,
				    long long *patient_id)
{
	for (size_t i = 0; i < db->access_n; i++)
		if (db->access_case[i] == case_id) {
			*patient_id = db->access_patient[i];
			return TB_OK;
		}
	struct store_stmt *st = db_stmt(db, DB_STMT_ACCESS_PATIENT);
	if (!st)
		return TB_DB;
	store_bind_int64(st, 1, case_id);
	int rc = store_step(st);
	if (rc == STORE_ROW)
		*patient_id = store_column_int64(st, 0);
	store_reset(st);
	if (rc == STORE_ROW)
		return TB_OK;
	return rc == STORE_DONE ? TB_NOT_FOUND : TB_DB;
}

/* One shape for every batch: the list filled up with its first id.
 * Caller frees. */
static char *patients_many_sql(void)
{
	struct strbuf sql = {0};
	strbuf_puts(&sql, "SELECT id, patient_id FROM cases WHERE id IN (?1");
	for (int i = 2; i <= DB_ACCESS_PREFETCH; i++)
		strbuf_printf(&sql, ", ?%d", i);
	strbuf_puts(&sql, ")");
	return strbuf_detach(&sql);
}

/* The statement of the patients of case_ids, bound; NULL on failure. */
static struct store_stmt *patients_bound(struct db *db,
					 const long long *case_ids, size_t n)
{
	struct store_stmt *st =
	    db_stmt_sql(db, DB_STMT_ACCESS_PATIENTS_MANY, patients_many_sql);
	for (int i = 0; st && i < DB_ACCESS_PREFETCH; i++)
		store_bind_int64(st, i + 1,
				 case_ids[(size_t)i < n ? (size_t)i : 0]);
	return st;
}

/* The patients of case_ids from the case list's window, if it has all. */
static bool patients_ahead(struct db *db, long long user_id,
			   const long long *case_ids, size_t n)
{
	const struct db_list_ahead *a = db_ahead_of(db, user_id, case_ids, n);
	if (!a)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		db->access_case[i] = a->ids[i];
		db->access_patient[i] = a->patients[i];
	}
	db->access_n = a->n;
	return true;
}

enum tb_status db_access_patients_prefetch(struct db *db, long long user_id,
					   const long long *case_ids, size_t n)
{
	enum tb_status status = TB_OK;
	db->access_n = 0;
	if (!n || patients_ahead(db, user_id, case_ids, n))
		return TB_OK;
	struct store_stmt *st = patients_bound(db, case_ids, n);
	if (!st)
		return TB_DB;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW &&
	       db->access_n < DB_ACCESS_PREFETCH) {
		db->access_case[db->access_n] = store_column_int64(st, 0);
		db->access_patient[db->access_n++] = store_column_int64(st, 1);
	}
	if (rc != STORE_ROW && rc != STORE_DONE) {
		db->access_n = 0;
		status = TB_DB;
	}
	store_reset(st);
	store_clear_bindings(st);
	return status;
}

void db_access_patients_forget(struct db *db)
{
	db->access_n = 0;
}

/* A number and then end, without printf (a page of the list logs some
 * thirty entries, each with four numbers and five fields). */
static void put_number(struct strbuf *sb, long long v, char end)
{
	char buf[24];
	char *p = buf + sizeof(buf);
	unsigned long long u =
	    v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	*--p = end;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	strbuf_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

/* "LENGTH:TEXT\n", or "-\n" for none. */
static void put_field(struct strbuf *sb, const char *s)
{
	if (!s) {
		strbuf_add(sb, "-\n", 2);
		return;
	}
	size_t n = strlen(s);
	put_number(sb, (long long)n, ':');
	strbuf_add(sb, s, n);
	strbuf_putc(sb, '\n');
}

/* The text hashed for an entry; see the top of this file. */
static void material(struct strbuf *sb, long long id, const char *prev,
		     const char *at, const char *who, const char *unit,
		     const char *what, long long patient_id, long long case_id,
		     const char *relation, long long emergency_id)
{
	strbuf_add(sb, "access1\n", 8);
	put_number(sb, id, '\n');
	strbuf_puts(sb, prev);
	strbuf_putc(sb, '\n');
	put_field(sb, at);
	put_field(sb, who);
	put_field(sb, unit);
	put_field(sb, what);
	put_number(sb, patient_id, '\n');
	put_number(sb, case_id, '\n');
	put_field(sb, relation);
	put_number(sb, emergency_id, '\n');
}

/* An entry of a batch, chained, not yet written; its texts where they
 * start in db->access_texts (NO_TEXT: NULL). */
#define NO_TEXT ((size_t)-1)
struct db_access_pending {
	long long id, patient_id, case_id, emergency_id;
	char at[21];
	size_t who, unit, what, relation;
	char prev[HASH_HEX_LEN + 1], hash[HASH_HEX_LEN + 1];
};

static void pending_free(struct db *db)
{
	db->access_pending_n = 0;
	strbuf_reset(&db->access_texts);
}

/* s kept for a pending entry whose same field was *before (the entry
 * before it: a batch's reader and unit are the same, its codes few). */
static size_t pending_text(struct db *db, const char *s, size_t before)
{
	struct strbuf *t = &db->access_texts;
	if (!s)
		return NO_TEXT;
	if (before != NO_TEXT && strcmp(t->buf + before, s) == 0)
		return before;
	size_t at = t->len;
	strbuf_add(t, s, strlen(s) + 1); /* with its NUL */
	return at;
}

static const char *text_of(const struct db *db, size_t at)
{
	return at == NO_TEXT ? NULL : db->access_texts.buf + at;
}

/* The INSERT of n rows (1 to DB_ACCESS_ROWS), prepared once. checked
 * (on a server, a batch's first when it took its head unread, unless it
 * starts the log): the first row's prev_hash only if the log's newest
 * entry has it (else NULL, refused): a head that moved on fails it. */
static struct store_stmt *insert_rows(struct db *db, int n, bool checked)
{
	struct store_stmt **slot = checked ? &db->access_insert_checked[n - 1]
					   : &db->access_insert[n - 1];
	if (*slot)
		return *slot;
	struct strbuf sql = {0};
	strbuf_puts(&sql, "INSERT INTO access_log (id, at, who, unit, what,"
			  " patient_id, case_id, relation, emergency_id,"
			  " prev_hash, hash) VALUES ");
	for (int r = 0; r < n; r++) {
		strbuf_puts(&sql, r ? ", (" : "(");
		for (int c = 1; c <= 11; c++)
			if (checked && r == 0 && c == 10)
				strbuf_puts(&sql,
					    ",(SELECT hash FROM access_log"
					    " WHERE id = (SELECT max(id) FROM"
					    " access_log) AND hash = ?10)");
			else /* numbered by place: "?" (a "?N" of its own
			      * costs SQLite a search of those before it) */
				strbuf_puts(&sql, c > 1 ? ",?" : "?");
		strbuf_puts(&sql, ")");
	}
	if (store_prepare(db->conn, sql.buf, STORE_PERSISTENT, slot) !=
	    STORE_OK)
		*slot = NULL;
	strbuf_done(&sql);
	return *slot;
}

void db_access_warm(struct db *db, size_t n)
{
	if (n && !db->read_ahead)
		(void)insert_rows(
		    db, n < DB_ACCESS_ROWS ? (int)n : DB_ACCESS_ROWS, false);
}

/* Whether the batch's next INSERT checks the head it follows (checked,
 * insert_rows): not when the head was read in this transaction or is
 * the batch's own INSERT's, nor on SQLite, where that check's read of
 * the table written puts the rows in a temporary table first (some
 * 5 k instructions a row), and a head that moved on fails all the same:
 * its next id is taken (the log's ids have no gaps), and the head is
 * taken unread only while no other connection has committed since the
 * last batch (db_access_batch), a count SQLite keeps for every writer
 * of the file. */
static bool checked_first(const struct db *db)
{
	return db->read_ahead && !db->access_head_sure &&
	       strcmp(db->access_pending[0].prev, "genesis") != 0;
}

/* Writes the batch's pending entries (never more than DB_ACCESS_ROWS)
 * in one INSERT and forgets them (also when it fails). */
static enum tb_status flush(struct db *db)
{
	enum tb_status st = TB_OK;
	size_t at = 0;
	while (st == TB_OK && at < db->access_pending_n) {
		size_t left = db->access_pending_n - at;
		int k = left < DB_ACCESS_ROWS ? (int)left : DB_ACCESS_ROWS;
		struct store_stmt *ins =
		    insert_rows(db, k, !at && checked_first(db));
		if (!ins) {
			st = TB_DB;
			break;
		}
		for (int r = 0; r < k; r++) {
			const struct db_access_pending *p =
			    &db->access_pending[at + (size_t)r];
			int b = r * 11;
			store_bind_int64(ins, b + 1, p->id);
			store_bind_text(ins, b + 2, p->at);
			store_bind_text(ins, b + 3, text_of(db, p->who));
			store_bind_text(ins, b + 4, text_of(db, p->unit));
			store_bind_text(ins, b + 5, text_of(db, p->what));
			store_bind_int64(ins, b + 6, p->patient_id);
			if (p->case_id > 0)
				store_bind_int64(ins, b + 7, p->case_id);
			else
				store_bind_null(ins, b + 7);
			store_bind_text(ins, b + 8, text_of(db, p->relation));
			if (p->emergency_id > 0)
				store_bind_int64(ins, b + 9, p->emergency_id);
			else
				store_bind_null(ins, b + 9);
			store_bind_text(ins, b + 10, p->prev);
			store_bind_text(ins, b + 11, p->hash);
		}
		if (store_step(ins) != STORE_DONE)
			st = TB_DB;
		else /* its rows the head now: no one else writes */
			db->access_head_sure = true;
		store_reset(ins);
		store_clear_bindings(ins);
		at += (size_t)k;
	}
	pending_free(db);
	return st;
}

static enum tb_status append(struct db *db, const char *who, const char *unit,
			     const char *what, long long patient_id,
			     long long case_id, const char *relation,
			     long long emergency_id)
{
	struct store_stmt *last = db_stmt(db, DB_STMT_ACCESS_LAST);
	struct store_stmt *ins = db_stmt(db, DB_STMT_ACCESS_INSERT);
	char prev[HASH_HEX_LEN + 1] = "genesis";
	char hash[HASH_HEX_LEN + 1];
	char at[21], last_at[21] = "";
	long long id = 1;
	enum tb_status st = TB_OK;

	assert(who && what && relation && patient_id > 0);
	assert(store_in_transaction(db->conn));
	if (!last || !ins)
		return TB_DB;
	db->access_known_id *= db->access_batch; /* beside one: read it next */
	if (db->access_head_id) {
		/* the row this batch appended last: no one else writes */
		id = db->access_head_id + 1;
		util_copy(prev, sizeof(prev), db->access_head);
		util_copy(last_at, sizeof(last_at), db->access_head_at);
		store_reset(last);
	} else if (db_chain_tail(last, &id, prev, last_at) != TB_OK) {
		return TB_DB;
	} else {
		db->access_head_sure = true; /* read in this transaction */
	}
	/* never before the row it follows (a clock set back) */
	clock_timestamp_after(at, last_at);
	struct strbuf *m = &db->access_material; /* kept: no malloc a row */
	strbuf_reset(m);
	material(m, id, prev, at, who, unit, what, patient_id, case_id,
		 relation, emergency_id);
	hash_sha256_hex(m->buf, m->len, hash);
	db->access_behind++; /* its lookups: db_access_lookup.c */

	if (db->access_batch) {
		/* written when the batch ends (or this many are waiting) */
		if (!db->access_pending)
			db->access_pending = xcalloc(
			    DB_ACCESS_ROWS, sizeof(*db->access_pending));
		size_t n = db->access_pending_n++;
		struct db_access_pending *p = &db->access_pending[n];
		const struct db_access_pending *b =
		    n ? &db->access_pending[n - 1] : NULL;
		p->id = id;
		p->patient_id = patient_id;
		p->case_id = case_id;
		p->emergency_id = emergency_id;
		util_copy(p->at, sizeof(p->at), at);
		p->who = pending_text(db, who, b ? b->who : NO_TEXT);
		p->unit = pending_text(db, unit, b ? b->unit : NO_TEXT);
		p->what = pending_text(db, what, b ? b->what : NO_TEXT);
		p->relation =
		    pending_text(db, relation, b ? b->relation : NO_TEXT);
		util_copy(p->prev, sizeof(p->prev), prev);
		memcpy(p->hash, hash, sizeof(p->hash));
		db->access_appended = true; /* its head goes to the anchor */
		db->access_head_id = id;
		memcpy(db->access_head, hash, sizeof(hash));
		memcpy(db->access_head_at, at, sizeof(at));
		return db->access_pending_n == DB_ACCESS_ROWS ? flush(db)
							      : TB_OK;
	}

	store_bind_int64(ins, 1, id);
	store_bind_text(ins, 2, at);
	store_bind_text(ins, 3, who);
	store_bind_text(ins, 4, unit);
	store_bind_text(ins, 5, what);
	store_bind_int64(ins, 6, patient_id);
	if (case_id > 0)
		store_bind_int64(ins, 7, case_id);
	else
		store_bind_null(ins, 7);
	store_bind_text(ins, 8, relation);
	if (emergency_id > 0)
		store_bind_int64(ins, 9, emergency_id);
	else
		store_bind_null(ins, 9);
	store_bind_text(ins, 10, prev);
	store_bind_text(ins, 11, hash);
	if (store_step(ins) != STORE_DONE)
		st = TB_DB;
	else
		db->access_appended = true; /* its head goes to the anchor */
	store_reset(ins);
	store_clear_bindings(ins);
	return st;
}

/* One try of a batch in a transaction of its own. known: the last batch's
 * head taken unread, else read. first: store_begin_ahead. *head: left. */
static enum tb_status batch_try(struct db *db,
				enum tb_status (*fn)(struct db *db, void *arg),
				void *arg, bool known, bool first,
				long long *id, char head[65], char head_at[21])
{
	db->busy_gave_up = false;
	if ((first ? store_begin_ahead : store_begin)(db->conn) != STORE_OK)
		return TB_DB;
	db->access_appended = false;
	/* writers take turns (store_begin): no one else appends meanwhile */
	db->access_batch = true;
	db->access_head_sure = false;
	struct store_stmt *last = NULL;
	enum tb_status st = TB_OK;
	if (known) {
		db->access_head_id = db->access_known_id;
		memcpy(db->access_head, db->access_known,
		       sizeof(db->access_head));
		memcpy(db->access_head_at, db->access_known_at, 21);
	} else {
		last = db_stmt(db, DB_STMT_ACCESS_LAST);
		st = last && store_send(last) == STORE_OK ? TB_OK : TB_DB;
	}
	if (st == TB_OK)
		st = fn(db, arg);
	if (last)
		store_reset(last); /* read by the first entry, or not at all */
	if (st == TB_OK)
		st = flush(db);
	/* the lookups with the entries, unless a screen's pause takes them */
	bool fill = !db->access_lookup_deferred ||
		    db->access_behind >= DB_ACCESS_LOOKUP_CAP;
	if (st == TB_OK && fill)
		st = db_access_lookup_fill(db->conn);
	pending_free(db);
	*id = db->access_head_id;
	snprintf(head, 65, "%s", db->access_head);
	snprintf(head_at, 21, "%s", db->access_head_at);
	db->access_batch = false;
	db->access_head_id = 0;
	if (st != TB_OK || store_commit(db->conn) != STORE_OK) {
		store_rollback(db->conn);
		db->access_appended = false;
		st = st != TB_OK ? st : TB_DB;
	} else {
		db_audit_after_commit(db); /* the anchor, when one is kept */
		if (fill)
			db->access_behind = 0;
	}
	return st;
}

bool db_access_own_since(struct db *db, unsigned long long own0,
			 unsigned long long *other)
{
	unsigned long long own1 = 0;
	if (store_data_version(db->conn, other, &own1) != STORE_OK ||
	    own1 < own0)
		return false;
	db->dv_own_access += own1 - own0;
	return true;
}

enum tb_status db_access_batch(struct db *db,
			       enum tb_status (*fn)(struct db *db, void *arg),
			       void *arg)
{
	if (store_in_transaction(db->conn)) {
		/* read before what this one wrote; an access batch's own
		 * entries change no fact */
		if (!db->access_batch)
			db_ahead_forget(db);
		return fn(db, arg);
	}
	/* the access log's rows do not move this connection's data version
	 * (a screen does not read again what it just drew and logged) */
	unsigned long long other, own0 = 0;
	if (store_data_version(db->conn, &other, &own0) != STORE_OK)
		return TB_DB;
	/* what the case list read with its rows, or a pause ahead of a
	 * screen, stands while nothing moved but the access log
	 * (db_ready_version) */
	db_ahead_forget_moved(db, other, own0 - db->dv_own_access);
	/* the head the last batch left, while no one else has committed; if
	 * someone appended or held the lock, again: head read, lock waited */
	bool known = db->access_known_id > 0 && other == db->access_known_other;
	long long id = 0;
	char head[65], at[21];
	enum tb_status st = batch_try(db, fn, arg, known, true, &id, head, at);
	if (st != TB_OK && !db->busy_gave_up)
		st = batch_try(db, fn, arg, false, false, &id, head, at);
	if (!db_access_own_since(db, own0, &other))
		id = 0;
	db->access_known_id = 0;
	if (st == TB_OK && id > 0) {
		db->access_known_id = id;
		memcpy(db->access_known, head, sizeof(db->access_known));
		snprintf(db->access_known_at, sizeof(db->access_known_at), "%s",
			 at);
		db->access_known_other = other;
	}
	return st;
}

struct one {
	const char *who, *unit, *what, *relation;
	long long patient_id, case_id, emergency_id;
};

static enum tb_status append_one(struct db *db, void *arg)
{
	struct one *o = arg;
	return append(db, o->who, o->unit, o->what, o->patient_id, o->case_id,
		      o->relation, o->emergency_id);
}

enum tb_status db_access_append(struct db *db, const char *who,
				const char *unit, const char *what,
				long long patient_id, long long case_id,
				const char *relation, long long emergency_id)
{
	struct one o = {who,	    unit,    what,	  relation,
			patient_id, case_id, emergency_id};
	return db_access_batch(db, append_one, &o);
}

/* ------------------------------------------------------------------------
 * Review marks
 * ---------------------------------------------------------------------- */

/* The newest mark of entry id and how many there are. */
static bool mark_row(struct store_stmt *st, void *arg)
{
	struct db_access_mark *m = arg;
	m->n = store_column_int64(st, 0);
	const char *f = db_column_text(st, 1), *b = db_column_text(st, 2),
		   *a = db_column_text(st, 3);
	snprintf(m->finding, sizeof(m->finding), "%s", f ? f : "");
	snprintf(m->by, sizeof(m->by), "%s", b ? b : "");
	snprintf(m->at, sizeof(m->at), "%s", a ? a : "");
	return false;
}

enum tb_status db_access_review(struct db *db, long long id, const char *by,
				const char *finding,
				struct db_access_mark *earlier)
{
	struct store_stmt *st = NULL;
	enum tb_status status;
	char at[21];
	struct db_access_mark prev = {0};

	if (strcmp(finding, "justified") != 0 &&
	    strcmp(finding, "unjustified") != 0)
		return TB_INVALID;
	if ((status = db_begin(db)) != TB_OK)
		return status;
	status = TB_DB;
	if (store_prepare(db->conn, "SELECT 1 FROM access_log WHERE id = ?1", 0,
			  &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, id);
	int rc = store_step(st);
	store_finalize(st);
	st = NULL;
	if (rc == STORE_DONE) {
		status = TB_NOT_FOUND;
		goto cleanup;
	}
	if (rc != STORE_ROW)
		goto cleanup;
	if (db_each(db,
		    "SELECT (SELECT count(*) FROM access_review WHERE"
		    " access_id = ?1), finding, by, at FROM access_review"
		    " WHERE access_id = ?1 ORDER BY id DESC LIMIT 1",
		    DB_PARAMS(DB_INT(id)), mark_row, &prev) != TB_OK)
		goto cleanup;
	char *detail = xasprintf(
	    /* untranslated: an audit detail */ "reviewed: %s", finding);
	status = db_audit_append(db, by, "access-review", "access", id, detail);
	free(detail);
	if (status != TB_OK)
		goto cleanup;
	status = TB_DB;
	clock_timestamp(at);
	if (store_prepare(db->conn,
			  "INSERT INTO access_review (access_id, audit_id,"
			  " at, by, finding) VALUES (?1, ?2, ?3, ?4, ?5)",
			  0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, id);
	store_bind_int64(st, 2, db->head_seq);
	store_bind_text(st, 3, at);
	store_bind_text(st, 4, by);
	store_bind_text(st, 5, finding);
	if (store_step(st) != STORE_DONE)
		goto cleanup;
	status = db_commit(db);
	if (status == TB_OK && earlier)
		*earlier = prev;
cleanup:
	store_finalize(st);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

/* ------------------------------------------------------------------------
 * Verification
 * ---------------------------------------------------------------------- */

static enum tb_status verify_guards(struct db *db, struct diag *d)
{
	for (size_t i = 0; i < UTIL_ARRAY_LEN(guard_names); i++) {
		/* the statement as the schema step created it */
		const char *want = NULL;
		for (size_t k = 0; db_access_schema[k] && !want; k++)
			if (strstr(db_access_schema[k], guard_names[i]) &&
			    strncmp(db_access_schema[k], "CREATE TRIGGER",
				    14) == 0)
				want = db_access_schema[k];
		assert(want);
		int rc = store_guard_check(db->conn, guard_names[i], want);
		if (rc == STORE_NOTFOUND)
			diag_add(d, NULL, 0, "schema",
				 _("the trigger %s that keeps the access log "
				   "append-only was removed"),
				 guard_names[i]);
		else if (rc == STORE_MISMATCH)
			diag_add(d, NULL, 0, "schema",
				 _("the trigger %s that keeps the access log "
				   "append-only was changed"),
				 guard_names[i]);
		else if (rc != STORE_OK)
			return TB_DB;
	}
	return TB_OK;
}

/* verify_chain: a review mark that does not match the audit log. */
static bool review_mismatch(struct store_stmt *st, void *arg)
{
	diag_add(arg, NULL, 0, /* untranslated: an audit detail */ "access log",
		 _("the review mark of access log entry %lld does not "
		   "match the audit log (added, removed or changed "
		   "behind the program's back)"),
		 (long long)store_column_int64(st, 0));
	return true;
}

static enum tb_status verify_chain(struct db *db, struct diag *d,
				   long long *entries)
{
	struct store_stmt *st = NULL;
	char prev[HASH_HEX_LEN + 1] = "genesis";
	long long expect = 1;
	struct strbuf m = {0};
	enum tb_status status = TB_DB;
	int rc;

	if (store_prepare(db->conn,
			  "SELECT id, at, who, unit, what, patient_id,"
			  " case_id, relation, emergency_id, prev_hash,"
			  " hash"
			  " FROM access_log ORDER BY id",
			  0, &st) != STORE_OK)
		goto cleanup;
	while ((rc = store_step(st)) == STORE_ROW) {
		long long id = store_column_int64(st, 0);
		const char *ph = db_column_text(st, 9),
			   *h = db_column_text(st, 10);
		if (id != expect)
			diag_add(
			    d, NULL, 0,
			    /* untranslated: an audit detail */ "access log",
			    id > expect
				? _("access log entry %lld follows entry "
				    "%lld: entries were removed or "
				    "renumbered")
				: _("access log entry %lld is out of "
				    "sequence (after %lld)"),
			    id, expect - 1);
		strbuf_reset(&m);
		material(&m, id, ph ? ph : "", db_column_text(st, 1),
			 db_column_text(st, 2), db_column_text(st, 3),
			 db_column_text(st, 4), store_column_int64(st, 5),
			 store_column_int64(st, 6), db_column_text(st, 7),
			 store_column_int64(st, 8));
		char hash[HASH_HEX_LEN + 1];
		hash_sha256_hex(m.buf, m.len, hash);
		if (!ph || strcmp(ph, prev) != 0)
			diag_add(
			    d, NULL, 0,
			    /* untranslated: an audit detail */ "access log",
			    _("access log entry %lld does not follow the "
			      "entry before it (an entry was removed, "
			      "inserted or moved)"),
			    id);
		if (!h || strcmp(h, hash) != 0)
			diag_add(
			    d, NULL, 0,
			    /* untranslated: an audit detail */ "access log",
			    _("access log entry %lld was altered: its hash "
			      "does not match its content"),
			    id);
		snprintf(prev, sizeof(prev), "%s", h ? h : "");
		(*entries)++;
		expect = id + 1;
	}
	if (rc != STORE_DONE)
		goto cleanup;
	/* review marks without their audit entry, and audit entries of
	 * review marks that are gone */
	status = db_each(
	    db,
	    "SELECT r.access_id FROM access_review r LEFT JOIN audit a"
	    " ON a.id = r.audit_id WHERE a.id IS NULL OR a.action <>"
	    " 'access-review' OR a.entity <> 'access' OR a.entity_id <>"
	    " r.access_id OR a.detail <> 'reviewed: ' || r.finding OR"
	    " a.actor <> r.by"
	    " UNION ALL SELECT a.entity_id FROM audit a WHERE a.action ="
	    " 'access-review' AND NOT EXISTS (SELECT 1 FROM access_review"
	    " r WHERE r.audit_id = a.id)",
	    NULL, review_mismatch, d);
cleanup:
	store_finalize(st);
	strbuf_done(&m);
	return status;
}

enum tb_status db_access_verify(struct db *db, struct diag *d,
				long long *entries)
{
	*entries = 0;
	enum tb_status st = verify_guards(db, d);
	if (st == TB_OK)
		st = verify_chain(db, d, entries);
	if (st == TB_OK)
		st = db_access_lookup_verify(db, d);
	return st;
}

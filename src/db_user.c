/*
 * db_user — users, their lists, emergency grants and the care facts (see
 * db_user.h). Schema step 11 (db_user_schema_v11) creates the tables.
 */
#include "db_user.h"

#include "store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_case.h"
#include "db_internal.h"
#include "fts_word.h"
#include "i18n.h"
#include "util.h"

/* Schema 11: users (identity = operating-system account on the embedded
 * store), their roles, care units and boards; emergency accesses, kept
 * for review. All sealed into the audit chain ("user", "emergency"). */
const char *const db_user_schema_v11[] = {
    "CREATE TABLE users ("
    " id INTEGER PRIMARY KEY,"
    " account TEXT NOT NULL UNIQUE,"
    " name TEXT NOT NULL, title TEXT NOT NULL,"
    " active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),"
    " created TEXT NOT NULL, updated TEXT NOT NULL"
    ") STRICT;",
    "CREATE TABLE user_role ("
    " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    " role TEXT NOT NULL, PRIMARY KEY (user_id, role)"
    ") STRICT, WITHOUT ROWID;",
    "CREATE TABLE user_unit ("
    " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    " unit TEXT NOT NULL, PRIMARY KEY (user_id, unit)"
    ") STRICT, WITHOUT ROWID;",
    "CREATE INDEX user_unit_unit ON user_unit(unit);",
    "CREATE TABLE user_board ("
    " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
    " board TEXT NOT NULL, PRIMARY KEY (user_id, board)"
    ") STRICT, WITHOUT ROWID;",
    "CREATE TABLE emergency_access ("
    " id INTEGER PRIMARY KEY,"
    " user_id INTEGER NOT NULL REFERENCES users(id),"
    " case_id INTEGER NOT NULL REFERENCES cases(id),"
    " reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),"
    " granted TEXT NOT NULL, until TEXT NOT NULL,"
    " review INTEGER NOT NULL DEFAULT 1 CHECK (review IN (0,1))"
    ") STRICT;",
    "CREATE INDEX emergency_user_case ON emergency_access(user_id, case_id,"
    " until);",
    NULL};

static enum tb_status prepare(struct db *db, const char *sql,
			      struct store_stmt **st)
{
	return store_prepare(db->conn, sql, 0, st) == STORE_OK ? TB_OK : TB_DB;
}

struct user_list {
	char ***list;
	size_t *n;
};

static bool list_row(struct store_stmt *st, void *arg)
{
	struct user_list *l = arg;
	user_list_add(l->list, l->n, db_column_text(st, 0));
	return true;
}

static enum tb_status load_list(struct db *db, const char *sql, long long id,
				char ***list, size_t *n)
{
	struct user_list l = {list, n};
	return db_each(db, sql, DB_PARAMS(DB_INT(id)), list_row, &l);
}

static enum tb_status load_lists(struct db *db, struct user *u)
{
	enum tb_status st =
	    load_list(db, "SELECT role FROM user_role WHERE user_id = ?1",
		      u->id, &u->roles, &u->n_roles);
	if (st == TB_OK)
		st = load_list(db,
			       "SELECT unit FROM user_unit WHERE user_id = ?1",
			       u->id, &u->units, &u->n_units);
	if (st == TB_OK)
		st = load_list(
		    db, "SELECT board FROM user_board WHERE user_id = ?1",
		    u->id, &u->boards, &u->n_boards);
	return st;
}

static struct user *row_user(struct store_stmt *st)
{
	struct user *u = user_new();
	u->id = store_column_int64(st, 0);
	u->account = db_column_dup(st, 1);
	u->name = db_column_dup(st, 2);
	u->title = db_column_dup(st, 3);
	u->active = store_column_int(st, 4) != 0;
	return u;
}

#define USER_COLS "SELECT id, account, name, title, active FROM users "

static enum tb_status get_by(struct db *db, const char *where, const char *text,
			     long long id, struct user **out)
{
	struct store_stmt *st = NULL;
	char *sql = xasprintf(USER_COLS "%s", where);
	enum tb_status status = prepare(db, sql, &st);
	free(sql);
	*out = NULL;
	if (status != TB_OK)
		return status;
	if (text)
		store_bind_text(st, 1, text);
	else
		store_bind_int64(st, 1, id);
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		*out = row_user(st);
		status = TB_OK;
	} else {
		status = rc == STORE_DONE ? TB_NOT_FOUND : TB_DB;
	}
	store_finalize(st);
	if (status == TB_OK && (status = load_lists(db, *out)) != TB_OK)
		user_free(out);
	return status;
}

enum tb_status db_user_get(struct db *db, const char *account,
			   struct user **out)
{
	return get_by(db, "WHERE account = ?1", account, 0, out);
}

/* A name sought in another letter case: the users whose name folds as
 * it does (fts_word_fold, in C: SQLite's lower() folds ASCII only). */
struct name_fold {
	struct strbuf want, name;
	long long id;
	int n;
};

static bool name_folds(struct store_stmt *st, void *arg)
{
	struct name_fold *f = arg;
	const char *name = db_column_text(st, 1);
	strbuf_reset(&f->name);
	fts_word_folded(&f->name, name, strlen(name), false);
	if (f->name.len == f->want.len &&
	    memcmp(f->name.buf, f->want.buf, f->want.len) == 0) {
		f->id = store_column_int64(st, 0);
		f->n++;
	}
	return f->n < 2;
}

enum tb_status db_user_named(struct db *db, const char *text, struct user **out)
{
	*out = NULL;
	char *t = util_trim(xstrdup(text));
	long long id =
	    *t ? db_first_int(db,
			      "SELECT id FROM users WHERE account = ?1"
			      " UNION ALL SELECT min(id) FROM users WHERE"
			      " lower(account) = lower(?1)"
			      " HAVING count(*) = 1"
			      " UNION ALL SELECT min(id) FROM users WHERE"
			      " name = ?1 HAVING count(*) = 1 LIMIT 1",
			      DB_PARAMS(DB_TEXT(t)), 0)
	       : 0;
	if (!id && *t) { /* the name of one user in another letter case */
		struct name_fold f = {0};
		fts_word_folded(&f.want, t, strlen(t), false);
		if (db_each(db, "SELECT id, name FROM users WHERE name <> ''",
			    NULL, name_folds, &f) == TB_OK &&
		    f.n == 1)
			id = f.id;
		strbuf_done(&f.want);
		strbuf_done(&f.name);
	}
	free(t);
	return id ? db_user_get_id(db, id, out) : TB_NOT_FOUND;
}

void db_user_name_for(struct db *db, char *text, size_t size)
{
	struct user *u = NULL;
	util_trim(text);
	if (db_user_named(db, text, &u) == TB_OK && u->name && *u->name &&
	    strlen(u->name) < size)
		snprintf(text, size, "%s", u->name);
	user_free(&u);
}

enum tb_status db_user_get_id(struct db *db, long long id, struct user **out)
{
	return get_by(db, "WHERE id = ?1", NULL, id, out);
}

enum tb_status db_user_count(struct db *db, long long *users,
			     long long *active_admins)
{
	struct store_stmt *st = NULL;
	enum tb_status status =
	    prepare(db,
		    "SELECT (SELECT count(*) FROM users),"
		    " (SELECT count(*) FROM users u JOIN user_role r"
		    "  ON r.user_id = u.id WHERE u.active = 1"
		    "  AND r.role = 'administrator')",
		    &st);
	if (status != TB_OK)
		return status;
	if (store_step(st) == STORE_ROW) {
		*users = store_column_int64(st, 0);
		*active_admins = store_column_int64(st, 1);
	} else {
		status = TB_DB;
	}
	store_finalize(st);
	return status;
}

static enum tb_status put_list(struct db *db, const char *table,
			       const char *col, long long id, char *const *list,
			       size_t n)
{
	char *del = xasprintf("DELETE FROM %s WHERE user_id = ?1", table);
	char *ins = xasprintf("INSERT INTO %s (user_id, %s) VALUES (?1, ?2)",
			      table, col);
	struct store_stmt *st = NULL;
	enum tb_status status = prepare(db, del, &st);
	if (status == TB_OK) {
		store_bind_int64(st, 1, id);
		if (store_step(st) != STORE_DONE)
			status = TB_DB;
		store_finalize(st);
		st = NULL;
	}
	if (status == TB_OK)
		status = prepare(db, ins, &st);
	for (size_t i = 0; status == TB_OK && i < n; i++) {
		store_bind_int64(st, 1, id);
		store_bind_text(st, 2, list[i]);
		if (store_step(st) != STORE_DONE)
			status = TB_DB;
		store_reset(st);
	}
	store_finalize(st);
	free(del);
	free(ins);
	return status;
}

static enum tb_status put_lists(struct db *db, const struct user *u)
{
	enum tb_status st =
	    put_list(db, "user_role", "role", u->id, u->roles, u->n_roles);
	if (st == TB_OK)
		st = put_list(db, "user_unit", "unit", u->id, u->units,
			      u->n_units);
	if (st == TB_OK)
		st = put_list(db, "user_board", "board", u->id, u->boards,
			      u->n_boards);
	return st;
}

enum tb_status db_user_add(struct db *db, struct user *u, const char *actor,
			   char *why, size_t why_len)
{
	struct store_stmt *st = NULL;
	struct user *old = NULL;
	char now[21];
	enum tb_status status;

	if (!user_check(u, why, why_len))
		return TB_INVALID;
	if ((status = db_begin(db)) != TB_OK)
		return status;
	status = db_user_get(db, u->account, &old);
	if (status == TB_OK) {
		snprintf(why, why_len, _("the account '%s' is already a user"),
			 u->account);
		status = TB_INVALID;
		goto cleanup;
	}
	if (status != TB_NOT_FOUND)
		goto cleanup;
	clock_timestamp(now);
	status = prepare(db,
			 "INSERT INTO users (account, name, title, active,"
			 " created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?5)"
			 " RETURNING id",
			 &st);
	if (status != TB_OK)
		goto cleanup;
	store_bind_text(st, 1, u->account);
	store_bind_text(st, 2, u->name);
	store_bind_text(st, 3, u->title);
	store_bind_int64(st, 4, u->active ? 1 : 0);
	store_bind_text(st, 5, now);
	if (db_step_id(st, &u->id) != STORE_DONE) {
		status = TB_DB;
		goto cleanup;
	}
	status = put_lists(db, u);
	if (status == TB_OK) {
		char detail[120];
		snprintf(detail, sizeof(detail),
			 /* untranslated: an audit detail */
			 "roles=%zu units=%zu boards=%zu", u->n_roles,
			 u->n_units, u->n_boards);
		status = db_audit_append(db, actor, "user-add", "user", u->id,
					 detail);
	}
cleanup:
	store_finalize(st);
	user_free(&old);
	if (status == TB_OK)
		status = db_commit(db);
	else
		db_rollback(db);
	return status;
}

static bool same_list(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

enum tb_status db_user_update(struct db *db, const struct user *u,
			      const char *actor, char *why, size_t why_len)
{
	struct store_stmt *st = NULL;
	struct user *old = NULL;
	struct strbuf changed = {0};
	char now[21];
	enum tb_status status;

	if (!user_check(u, why, why_len))
		return TB_INVALID;
	if ((status = db_begin(db)) != TB_OK)
		return status;
	status = db_user_get_id(db, u->id, &old);
	if (status != TB_OK) {
		if (status == TB_NOT_FOUND)
			snprintf(why, why_len, _("no such user"));
		goto cleanup;
	}
	if (strcmp(old->name, u->name) != 0)
		strbuf_puts(&changed, " name");
	if (strcmp(old->title, u->title) != 0)
		strbuf_puts(&changed, " title");
	if (old->active != u->active)
		strbuf_puts(&changed, u->active ? " enabled" : " disabled");
	if (!same_list(old->roles, old->n_roles, u->roles, u->n_roles))
		strbuf_puts(&changed, " roles");
	if (!same_list(old->units, old->n_units, u->units, u->n_units))
		strbuf_puts(&changed, " units");
	if (!same_list(old->boards, old->n_boards, u->boards, u->n_boards))
		strbuf_puts(&changed, " boards");
	if (!changed.len) {
		status = TB_OK;
		goto cleanup;
	}
	clock_timestamp(now);
	status = prepare(db,
			 "UPDATE users SET name = ?2, title = ?3, active = ?4,"
			 " updated = ?5 WHERE id = ?1",
			 &st);
	if (status != TB_OK)
		goto cleanup;
	store_bind_int64(st, 1, u->id);
	store_bind_text(st, 2, u->name);
	store_bind_text(st, 3, u->title);
	store_bind_int64(st, 4, u->active ? 1 : 0);
	store_bind_text(st, 5, now);
	if (store_step(st) != STORE_DONE) {
		status = TB_DB;
		goto cleanup;
	}
	status = put_lists(db, u);
	if (status == TB_OK)
		status = db_audit_append(db, actor, "user-edit", "user", u->id,
					 changed.buf + 1);
cleanup:
	store_finalize(st);
	user_free(&old);
	strbuf_done(&changed);
	if (status == TB_OK)
		status = db_commit(db);
	else
		db_rollback(db);
	return status;
}

struct user_fn {
	struct db *db;
	bool (*cb)(const struct user *u, void *arg);
	void *arg;
	enum tb_status status; /* of the lists of the last row */
};

static bool user_row(struct store_stmt *st, void *arg)
{
	struct user_fn *x = arg;
	struct user *u = row_user(st);
	x->status = load_lists(x->db, u);
	bool go = x->status == TB_OK && x->cb(u, x->arg);
	user_free(&u);
	return go;
}

enum tb_status db_user_list(struct db *db,
			    bool (*cb)(const struct user *u, void *arg),
			    void *arg)
{
	struct user_fn x = {db, cb, arg, TB_OK};
	enum tb_status status =
	    db_each(db, USER_COLS "ORDER BY account", NULL, user_row, &x);
	return x.status != TB_OK ? x.status : status;
}

/* The facts of a care relationship in one statement: the diagnosis,
 * whether one of the user's units referred the case, the newest meeting
 * of one of the user's boards listing it (a removed item no longer
 * does) and its board, an emergency grant running at ?3 and its end.
 * The meeting looked for only when the case is on an agenda at all: on
 * SQLite the search's sort costs a temporary table a case (about 5 k
 * instructions, most cases on none). */
#define CARE_COLS(U)                                                           \
	"c.icd10, EXISTS (SELECT 1 FROM user_unit uu"                          \
	"  WHERE uu.user_id = " U " AND uu.unit = c.referrer_unit),"           \
	" m.id, m.board, e.id, e.until"
#define CARE_JOINS(U, NOW)                                                     \
	" LEFT JOIN meeting m ON m.id = CASE WHEN EXISTS (SELECT 1 FROM"       \
	"  agenda_item x WHERE x.case_id = c.id) THEN (SELECT a.meeting_id"    \
	"  FROM agenda_item a JOIN meeting am ON am.id = a.meeting_id"         \
	"  JOIN user_board ub ON ub.board = am.board AND ub.user_id = " U      \
	"  WHERE a.case_id = c.id AND a.status <> 'removed'"                   \
	"  ORDER BY am.date DESC, am.id DESC LIMIT 1) END"                     \
	" LEFT JOIN emergency_access e ON e.id = (SELECT g.id"                 \
	"  FROM emergency_access g WHERE g.user_id = " U " AND g.case_id ="    \
	" c.id AND g.until > " NOW " AND g.granted <= " NOW                    \
	" ORDER BY g.until DESC LIMIT 1)"
#define CARE_SELECT "SELECT " CARE_COLS("?2")
#define CARE_FROM   " FROM cases c" CARE_JOINS("?2", "?3")
/* the same facts as columns and joins of a list of cases c (the case
 * list's window read with its access log's facts: db_case_list.c) */
const char db_user_care_cols_sql[] = ", " CARE_COLS(":au");
const char db_user_care_joins_sql[] = CARE_JOINS(":au", ":anow");
static const char care_sql[] =
    CARE_SELECT ", c.patient_id" CARE_FROM " WHERE c.id = ?1";

/* care_sql for up to DB_USER_CARE_BATCH cases at once, the case's id
 * and its patient last. */
#define DB_USER_CARE_BATCH 64
_Static_assert(DB_USER_CARE_BATCH <= DB_ACCESS_PREFETCH,
	       /* untranslated: an assertion */ "the patients of a batch fit "
						"db->access_case");

struct db_user_care_query {
	struct db *db;
	struct store_stmt *st;
	/* db_user_care_prefetch: the facts of the cases read at once, for
	 * the user of that id */
	long long user_id;
	size_t n;
	long long ids[DB_USER_CARE_BATCH];
	struct db_user_care care[DB_USER_CARE_BATCH];
};

void db_user_care_row(struct store_stmt *st, int col, struct db_user_care *out)
{
	memset(out, 0, sizeof(*out));
	util_copy(out->icd10, sizeof(out->icd10), db_column_text(st, col));
	out->referred_by_unit = store_column_int(st, col + 1) != 0;
	out->meeting_id = store_column_int64(st, col + 2);
	util_copy(out->board, sizeof(out->board), db_column_text(st, col + 3));
	out->emergency_id = store_column_int64(st, col + 4);
	util_copy(out->emergency_until, sizeof(out->emergency_until),
		  db_column_text(st, col + 5));
}

static void care_row(struct store_stmt *st, struct db_user_care *out)
{
	db_user_care_row(st, 0, out);
}

/* One shape for every batch: ?1 and ?4 … ?66, the list filled up with
 * its first id; the case's id and patient after the facts. Caller
 * frees. */
static char *care_many_sql(void)
{
	struct strbuf sql = {0};
	strbuf_puts(&sql, CARE_SELECT);
	strbuf_puts(&sql, /* untranslated: SQL */ ", c.id, c.patient_id");
	strbuf_puts(&sql, CARE_FROM " WHERE c.id IN (?1");
	for (int i = 4; i < 3 + DB_USER_CARE_BATCH; i++)
		strbuf_printf(&sql, ", ?%d", i);
	strbuf_puts(&sql, ")");
	return strbuf_detach(&sql);
}

static char *care_one_sql(void)
{
	return xstrdup(care_sql);
}

/* The statement of the care facts of case_ids for u, bound; NULL on
 * failure. */
static struct store_stmt *care_bound(struct db *db, const struct user *u,
				     const long long *case_ids, size_t n,
				     const char *now)
{
	struct store_stmt *st =
	    db_stmt_sql(db, DB_STMT_CARE_MANY, care_many_sql);
	if (!st)
		return NULL;
	store_bind_int64(st, 2, u->id);
	store_bind_text(st, 3, now);
	for (size_t i = 0; i < DB_USER_CARE_BATCH; i++)
		store_bind_int64(st, i ? (int)i + 3 : 1,
				 case_ids[i < n ? i : 0]);
	return st;
}

/* The facts read (with the case list's rows, in a pause, or now) into
 * q, and their cases' patients for the access log's entries. */
static void take_ahead(struct db *db, struct db_user_care_query *q,
		       const struct user *u, const struct db_list_ahead *a)
{
	for (size_t i = 0; i < a->n && q->n < DB_USER_CARE_BATCH; i++) {
		q->ids[q->n] = a->ids[i];
		q->care[q->n++] = a->care[i];
		db->access_case[db->access_n] = a->ids[i];
		db->access_patient[db->access_n++] = a->patients[i];
	}
	q->user_id = u->id;
}

bool db_user_care_listed(struct db *db, struct db_user_care_query *q,
			 const struct user *u, long long case_id)
{
	unsigned long long other, own;
	/* the rows in memory first: no version read when none is there */
	const struct db_list_ahead *a = db_ahead_of(db, u->id, &case_id, 1);
	if (!a || !db_ready_version(db, &other, &own) ||
	    !db_ahead_stands(a, other, own))
		return false;
	q->n = 0;
	db->access_n = 0;
	take_ahead(db, q, u, a);
	return true;
}

/* The care facts of case_ids (at most DB_USER_CARE_BATCH) for u into a,
 * with the cases' patients; false when they cannot be read. */
static bool read_facts(struct db *db, const struct user *u,
		       const long long *case_ids, size_t n, const char *now,
		       struct db_list_ahead *a)
{
	a->n = 0;
	a->user_id = 0;
	struct store_stmt *st = care_bound(db, u, case_ids, n, now);
	if (!st)
		return false;
	int rc;
	while ((rc = store_step(st)) == STORE_ROW &&
	       a->n < DB_USER_CARE_BATCH) {
		care_row(st, &a->care[a->n]);
		a->ids[a->n] = store_column_int64(st, 6);
		a->patients[a->n++] = store_column_int64(st, 7);
	}
	store_reset(st);
	store_clear_bindings(st);
	if (rc != STORE_ROW && rc != STORE_DONE) {
		a->n = 0;
		return false;
	}
	a->user_id = u->id;
	return true;
}

enum tb_status db_user_care_prefetch(struct db *db,
				     struct db_user_care_query *q,
				     const struct user *u,
				     const long long *case_ids, size_t n,
				     const char *now)
{
	q->n = 0;
	db->access_n = 0;
	if (!n)
		return TB_OK;
	/* read with the window of the case list that shows them, or ahead
	 * of the screen in a pause; else now */
	const struct db_list_ahead *a = db_ahead_of(db, u->id, case_ids, n);
	struct db_list_ahead now_read;
	if (!a && !read_facts(db, u, case_ids, n, now, &now_read))
		return TB_DB;
	/* the entries' patients with them (db_access_patient_of) */
	take_ahead(db, q, u, a ? a : &now_read);
	return TB_OK;
}

enum tb_status db_user_care_ahead(struct db *db, const struct user *u,
				  const long long *case_ids, size_t n)
{
	struct db_list_ahead *a = &db->care_ahead[db->care_next];
	db->care_next = (db->care_next + 1) % DB_CARE_AHEAD;
	char now[21];
	a->n = 0;
	a->user_id = 0;
	clock_timestamp(now);
	/* not while a grant of hers is to begin or end: her care changes
	 * then with nothing in the store */
	if (!u || !n || db_user_emergency_pending(db, u->id, now))
		return TB_OK;
	if (n > DB_USER_CARE_BATCH)
		n = DB_USER_CARE_BATCH;
	/* before the read: a change after it moves it */
	if (!db_ready_version(db, &a->other, &a->own))
		return TB_DB;
	return read_facts(db, u, case_ids, n, now, a) ? TB_OK : TB_DB;
}

enum tb_status db_user_care_begin(struct db *db, struct db_user_care_query **q)
{
	*q = xcalloc(1, sizeof(**q));
	(*q)->db = db;
	(*q)->st = db_stmt_sql(db, DB_STMT_CARE_ONE, care_one_sql);
	if ((*q)->st)
		return TB_OK;
	db_user_care_end(q);
	return TB_DB;
}

enum tb_status db_user_care_next(struct db_user_care_query *q,
				 const struct user *u, long long case_id,
				 const char *now, struct db_user_care *out)
{
	struct store_stmt *st = q->st;
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < q->n && q->user_id == u->id; i++)
		if (q->ids[i] == case_id) {
			*out = q->care[i];
			return TB_OK;
		}
	store_bind_int64(st, 1, case_id);
	store_bind_int64(st, 2, u->id);
	store_bind_text(st, 3, now);
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		care_row(st, out);
		/* the access log's entry needs it next: not read again */
		q->db->care_case = case_id;
		q->db->care_patient = store_column_int64(st, 6);
	}
	store_reset(st);
	store_clear_bindings(st);
	return rc == STORE_ROW	  ? TB_OK
	       : rc == STORE_DONE ? TB_NOT_FOUND
				  : TB_DB;
}

bool db_user_care_patient(struct db *db, long long case_id,
			  long long *patient_id)
{
	bool same = db->care_case == case_id;
	db->care_case = 0;
	if (same)
		*patient_id = db->care_patient;
	return same;
}

void db_user_care_end(struct db_user_care_query **q)
{
	if (!*q)
		return;
	/* the statement is the connection's (db_stmt_sql), reset after
	 * each use */
	free(*q);
	*q = NULL;
}

enum tb_status db_user_care(struct db *db, const struct user *u,
			    long long case_id, const char *now,
			    struct db_user_care *out)
{
	struct db_user_care_query *q = NULL;
	memset(out, 0, sizeof(*out));
	enum tb_status st = db_user_care_begin(db, &q);
	if (st == TB_OK)
		st = db_user_care_next(q, u, case_id, now, out);
	db_user_care_end(&q);
	return st;
}

enum tb_status db_user_emergency_grant(struct db *db, const struct user *u,
				       long long case_id, const char *reason,
				       const char *now, const char *until,
				       long long *id)
{
	struct store_stmt *st = NULL;
	/* in the open transaction (a follow-up's change, followup_record:
	 * kept with it or not at all) or one of its own */
	bool own = !store_in_transaction(db->conn);
	enum tb_status status = own ? db_begin(db) : TB_OK;
	if (status != TB_OK)
		return status;
	status = prepare(db, "SELECT 1 FROM cases WHERE id = ?1", &st);
	if (status == TB_OK) {
		store_bind_int64(st, 1, case_id);
		int rc = store_step(st);
		status = rc == STORE_ROW    ? TB_OK
			 : rc == STORE_DONE ? TB_NOT_FOUND
					    : TB_DB;
	}
	store_finalize(st);
	st = NULL;
	if (status == TB_OK)
		status = prepare(db,
				 "INSERT INTO emergency_access (user_id, "
				 "case_id, reason, granted, until)"
				 " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
				 &st);
	if (status == TB_OK) {
		store_bind_int64(st, 1, u->id);
		store_bind_int64(st, 2, case_id);
		store_bind_text(st, 3, reason);
		store_bind_text(st, 4, now);
		store_bind_text(st, 5, until);
		if (db_step_id(st, id) != STORE_DONE)
			status = TB_DB;
	}
	store_finalize(st);
	if (status == TB_OK) {
		char detail[80];
		snprintf(detail, sizeof(detail),
			 /* untranslated: an audit detail */
			 "case=%lld until=%s review=1", case_id, until);
		status = db_audit_append(db, u->account, "emergency-access",
					 "emergency", *id, detail);
	}
	if (status == TB_OK && own)
		status = db_commit(db);
	else if (own)
		db_rollback(db);
	return status;
}

enum tb_status db_user_log_denied(struct db *db, const char *actor,
				  const char *perm, const char *what,
				  long long case_id)
{
	/* what names a command and its verb (fixed words), never an
	 * argument a person typed */
	char detail[160];
	snprintf(detail, sizeof(detail), "permission=%s what=%s", perm, what);
	bool own = !store_in_transaction(db->conn);
	enum tb_status st = own ? db_begin(db) : TB_OK;
	if (st != TB_OK)
		return st;
	st = db_audit_append(db, actor ? actor : "unknown", "denied",
			     case_id ? "case" : "command", case_id, detail);
	if (own) {
		if (st == TB_OK)
			st = db_commit(db);
		else
			db_rollback(db);
	}
	return st;
}

/* The care relationship of a list (struct db_case_care): the unit that
 * referred the case, an agenda of the user's boards, an emergency grant
 * running, or the board that takes the diagnosis by its longest prefix
 * (as boards_for_icd10), prefixes of up to 8 characters. */
#define CARE_BOARD(n)                                                          \
	/* untranslated: SQL */                                                \
	" WHEN :call LIKE '% ' || substr(c.icd10, 1, " #n ") || ' %'"          \
	" THEN :cmine LIKE '% ' || substr(c.icd10, 1, " #n ") || ' %'"
const char db_user_care_sql[] =
    " AND (EXISTS (SELECT 1 FROM user_unit cu WHERE cu.user_id = :cu"
    " AND cu.unit = c.referrer_unit)"
    " OR EXISTS (SELECT 1 FROM agenda_item ca"
    " JOIN meeting cm ON cm.id = ca.meeting_id"
    " JOIN user_board cb ON cb.board = cm.board AND cb.user_id = :cu"
    " WHERE ca.case_id = c.id AND ca.status <> 'removed')"
    " OR EXISTS (SELECT 1 FROM emergency_access ce"
    " WHERE ce.user_id = :cu AND ce.case_id = c.id"
    " AND ce.until > :cnow AND ce.granted <= :cnow)"
    " OR CASE" CARE_BOARD(8) CARE_BOARD(7) CARE_BOARD(6) CARE_BOARD(5)
	CARE_BOARD(4) CARE_BOARD(3) CARE_BOARD(2)
	    CARE_BOARD(1) " ELSE :cfb END)";

void db_user_care_bind(struct store_stmt *st, const struct db_case_care *c)
{
	if (!c)
		return;
	store_bind_int64(st, store_param_index(st, ":cu"), c->user_id);
	store_bind_text(st, store_param_index(st, ":cnow"), c->now);
	store_bind_text(st, store_param_index(st, ":call"), c->all);
	store_bind_text(st, store_param_index(st, ":cmine"), c->mine);
	store_bind_int64(st, store_param_index(st, ":cfb"),
			 c->fallback ? 1 : 0);
}

bool db_user_emergency_pending(struct db *db, long long user_id,
			       const char *now)
{
	/* the index emergency_user_case: the user's grants alone */
	return db_first_int(db,
			    "SELECT EXISTS (SELECT 1 FROM emergency_access"
			    " WHERE user_id = ?1 AND until > ?2)",
			    DB_PARAMS(DB_INT(user_id), DB_TEXT(now)), 1) != 0;
}

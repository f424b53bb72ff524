/*
 * What a case's readiness is checked by (struct readiness_facts), read
 * without loading the case: one statement for one case, one for up to
 * DB_CASE_BATCH cases, its parts counted by subqueries (the case list's
 * readiness line, the readiness of the meetings list's agendas). A whole
 * case is six statements. On a server a row scrolled into the case list
 * brings its facts with it (db_case_filter.ready): none then. An
 * agenda's row of a case (db_case_row_read: what the row shows with the
 * same facts), and the patient's birth date, what a form needs of a case.
 */
#include "db_case.h"

#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "readiness.h"
#include "util.h"

/* The text columns of DB_READY_COLS, in the order of the facts' strings
 * filled from them (db_case_ready_row), after its first column. */
enum {
	COL_EXTERNAL_ID = 1,
	COL_ICD10 = 2,
	COL_BIRTH = 6,
	COL_STAGE = 9,
	COL_IMAGING = 10
};

/* The text of column col copied to *at (its end moved on), or NULL. */
static const char *take(struct store_stmt *st, int col, char **at)
{
	const char *t = db_column_text(st, col);
	if (!t)
		return NULL;
	size_t len = (size_t)store_column_bytes(st, col);
	char *s = *at;
	memcpy(s, t, len);
	s[len] = '\0';
	*at = s + len + 1;
	return s;
}

void db_case_ready_row(struct store_stmt *st, int col,
		       struct readiness_facts *f)
{
	static const int text_cols[] = {COL_EXTERNAL_ID, COL_ICD10, COL_BIRTH,
					COL_STAGE, COL_IMAGING};
	size_t size = 1;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(text_cols); i++)
		if (db_column_text(st, col + text_cols[i]))
			size +=
			    (size_t)store_column_bytes(st, col + text_cols[i]) +
			    1;
	memset(f, 0, sizeof(*f));
	f->text = xmalloc(size);
	char *at = f->text;
	f->id = store_column_int64(st, col);
	f->external_id = take(st, col + COL_EXTERNAL_ID, &at);
	f->icd10 = take(st, col + COL_ICD10, &at);
	f->question = store_column_int(st, col + 3) != 0;
	f->level_reason = store_column_int(st, col + 4) != 0;
	f->n_pathology = (size_t)store_column_int64(st, col + 5);
	f->birth_date = take(st, col + COL_BIRTH, &at);
	f->ecog = store_column_is_null(st, col + 7)
		      ? -1
		      : store_column_int(st, col + 7);
	f->lansky = store_column_is_null(st, col + 8)
			? -1
			: store_column_int(st, col + 8);
	f->tnm_stage = take(st, col + COL_STAGE, &at);
	f->newest_imaging = take(st, col + COL_IMAGING, &at);
	f->n_findings = (size_t)store_column_int64(st, col + 11);
	f->n_clinical = (size_t)store_column_int64(st, col + 12);
}

bool db_ready_version(struct db *db, unsigned long long *other,
		      unsigned long long *own)
{
	if (store_data_version(db->conn, other, own) != STORE_OK)
		return false;
	/* the access log's batches, written between the read and the
	 * readiness line, change no case */
	*own -= db->dv_own_access;
	return true;
}

void db_ready_ahead_forget(struct db *db)
{
	if (db->ready_ahead.valid)
		readiness_facts_done(&db->ready_ahead.f);
	db->ready_ahead.valid = false;
}

/* The facts of case id read with its row (db_case_list), taken once,
 * while nothing has changed since. */
static bool ready_ahead(struct db *db, long long id, struct readiness_facts *f)
{
	struct db_ready_ahead *a = &db->ready_ahead;
	if (!a->valid)
		return false;
	unsigned long long other, own;
	bool stands = a->f.id == id && db_ready_version(db, &other, &own) &&
		      other == a->other && own == a->own;
	if (stands) {
		*f = a->f;
		a->valid = false;
		return true;
	}
	db_ready_ahead_forget(db);
	return false;
}

enum tb_status db_case_ready(struct db *db, long long id,
			     struct readiness_facts *f)
{
	memset(f, 0, sizeof(*f));
	if (ready_ahead(db, id, f))
		return TB_OK;
	struct store_stmt *st = db_stmt(db, DB_STMT_CASE_READY);
	if (!st)
		return TB_DB;
	store_reset(st);
	store_bind_int64(st, 1, id);
	int rc = store_step(st);
	if (rc == STORE_ROW)
		db_case_ready_row(st, 0, f);
	store_reset(st);
	return rc == STORE_ROW	  ? TB_OK
	       : rc == STORE_DONE ? TB_NOT_FOUND
				  : TB_DB;
}

enum tb_status db_case_ready_many(struct db *db, const long long *ids, size_t n,
				  struct db_case_ready_set *set)
{
	enum tb_status status = TB_OK;
	memset(set, 0, sizeof(*set));
	if (!n)
		return TB_OK;
	size_t nu;
	long long *u = db_ids_distinct(ids, n, &nu);
	set->facts = xcalloc(nu, sizeof(*set->facts));
	for (size_t at = 0; at < nu && status == TB_OK; at += DB_CASE_BATCH) {
		struct store_stmt *st = db_stmt(db, DB_STMT_CASE_READY_MANY);
		if (!st) {
			status = TB_DB;
			break;
		}
		store_reset(st);
		/* one shape for every batch: filled up with its first id */
		for (size_t i = 0; i < DB_CASE_BATCH; i++)
			store_bind_int64(st, (int)i + 1,
					 at + i < nu ? u[at + i] : u[at]);
		int rc;
		/* in id order, as the set keeps them */
		while ((rc = store_step(st)) == STORE_ROW)
			if (set->n < nu)
				db_case_ready_row(st, 0, &set->facts[set->n++]);
		store_reset(st);
		if (rc != STORE_DONE)
			status = TB_DB;
	}
	free(u);
	if (status != TB_OK)
		db_case_ready_set_done(set);
	return status;
}

size_t db_case_ready_ahead(const struct db *db)
{
	return db->read_ahead ? DB_CASE_BATCH : DB_CASE_READY_AHEAD_LOCAL;
}

const struct readiness_facts *
db_case_ready_find(const struct db_case_ready_set *set, long long id)
{
	size_t lo = 0, hi = set->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (set->facts[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < set->n && set->facts[lo].id == id ? &set->facts[lo] : NULL;
}

void db_case_ready_set_done(struct db_case_ready_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		readiness_facts_done(&set->facts[i]);
	free(set->facts);
	memset(set, 0, sizeof(*set));
}

struct tb_case *db_case_row_read(struct store_stmt *st,
				 struct readiness_facts *f)
{
	struct tb_case *c = model_case_new();
	c->id = store_column_int64(st, 0);
	c->external_id = db_column_dup(st, 1);
	c->icd10 = db_column_dup(st, 2);
	c->question = db_column_dup(st, 3);
	c->level_reason = db_column_dup(st, 4);
	if (!store_column_is_null(st, 5))
		c->ecog = store_column_int(st, 5);
	if (!store_column_is_null(st, 6))
		c->lansky = store_column_int(st, 6);
	c->tnm_stage = db_column_dup(st, 7);
	c->patient.pnr = db_column_dup(st, 8);
	c->patient.family_name = db_column_dup(st, 9);
	c->patient.given_name = db_column_dup(st, 10);
	c->patient.birth_date = db_column_dup(st, 11);
	c->patient.language = db_column_dup(st, 12);
	c->patient.interpreter = store_column_int(st, 13) != 0;
	f->n_pathology = (size_t)store_column_int64(st, 14);
	f->text = db_column_dup(st, 15);
	return c;
}

/* db_case_birth_date */
struct birth {
	bool found;
	char *date;
};

static bool birth_row(struct store_stmt *st, void *arg)
{
	struct birth *b = arg;
	b->found = true;
	b->date = db_column_dup(st, 0);
	return false;
}

enum tb_status db_case_birth_date(struct db *db, long long id, char **out)
{
	struct birth b = {0};
	*out = NULL;
	enum tb_status st =
	    db_each(db,
		    "SELECT p.birth_date FROM cases c JOIN patient p"
		    " ON p.id = c.patient_id WHERE c.id = ?1",
		    DB_PARAMS(DB_INT(id)), birth_row, &b);
	if (st == TB_OK && !b.found)
		st = TB_NOT_FOUND;
	if (st == TB_OK)
		*out = b.date;
	else
		free(b.date);
	return st;
}

/*
 * db_extract — the archive's side of a research extract; see
 * db_extract.h.
 */
#include "db_extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_internal.h"
#include "diag.h"
#include "hash.h"
#include "i18n.h"
#include "util.h"

const char *const db_extract_schema[] = {
    "CREATE TABLE research_extract ("
    " id INTEGER PRIMARY KEY,"
    " at TEXT NOT NULL, by TEXT NOT NULL,"
    " purpose TEXT NOT NULL CHECK (length(trim(purpose)) > 0),"
    " basis TEXT NOT NULL CHECK (length(trim(basis)) > 0),"
    " cases INTEGER NOT NULL, decisions INTEGER NOT NULL,"
    " left_out INTEGER NOT NULL, min_group INTEGER NOT NULL,"
    " key_id TEXT NOT NULL,"
    " audit_id INTEGER NOT NULL UNIQUE"
    ") STRICT",
    "CREATE TRIGGER research_extract_append_only_u BEFORE UPDATE ON"
    " research_extract"
    " BEGIN SELECT RAISE(ABORT, 'the record of extracts is append-only');"
    " END",
    "CREATE TRIGGER research_extract_append_only_d BEFORE DELETE ON"
    " research_extract"
    " BEGIN SELECT RAISE(ABORT, 'the record of extracts is append-only');"
    " END",
    NULL};

/* The caller's function of db_extract_cases/findings/decisions. */
struct extract_fn {
	union {
		bool (*c)(const struct db_extract_case *c, void *arg);
		bool (*f)(const struct db_extract_finding *f, void *arg);
		bool (*d)(const struct db_extract_decision *d, void *arg);
	} fn;
	void *arg;
};

static bool case_row(struct store_stmt *st, void *arg)
{
	const struct extract_fn *x = arg;
	struct db_extract_case c = {
	    .id = store_column_int64(st, 0),
	    .external_id = db_column_text(st, 1),
	    .pnr = db_column_text(st, 2),
	    .sex = db_column_text(st, 3),
	    .birth_date = db_column_text(st, 4),
	    .region = db_column_text(st, 5),
	    .referral_date = db_column_text(st, 6),
	    .level = db_column_text(st, 7),
	    .priority = db_column_text(st, 8),
	    .status = db_column_text(st, 9),
	    .icd10 = db_column_text(st, 10),
	    .icdo3 = db_column_text(st, 11),
	    .diagnosis_date = db_column_text(st, 12),
	    .ecog = db_column_text(st, 13),
	    .tnm_t = db_column_text(st, 14),
	    .tnm_n = db_column_text(st, 15),
	    .tnm_m = db_column_text(st, 16),
	    .tnm_stage = db_column_text(st, 17),
	};
	return x->fn.c(&c, x->arg);
}

enum tb_status db_extract_cases(struct db *db, const char *from, const char *to,
				bool (*fn)(const struct db_extract_case *c,
					   void *arg),
				void *arg)
{
	struct extract_fn x = {.fn.c = fn, .arg = arg};
	return db_each(
	    db,
	    "SELECT c.id, c.external_id, p.pnr, p.sex, p.birth_date,"
	    " p.region, c.referral_date, c.level, c.priority, c.status,"
	    " c.icd10, c.icdo3, c.diagnosis_date, c.ecog, c.tnm_t, c.tnm_n,"
	    " c.tnm_m, c.tnm_stage FROM cases c JOIN patient p ON p.id ="
	    " c.patient_id WHERE (CAST(?1 AS TEXT) IS NULL OR"
	    " c.referral_date >= ?1) AND (CAST(?2 AS TEXT) IS NULL OR"
	    " c.referral_date <= ?2) ORDER BY c.id",
	    DB_PARAMS(DB_TEXT(from), DB_TEXT(to)), case_row, &x);
}

static bool finding_row(struct store_stmt *st, void *arg)
{
	const struct extract_fn *x = arg;
	struct db_extract_finding f = {
	    .case_id = store_column_int64(st, 0),
	    .gene = db_column_text(st, 1),
	    .kind = db_column_text(st, 2),
	    .origin = db_column_text(st, 3),
	    .hgvs_c = db_column_text(st, 4),
	    .hgvs_p = db_column_text(st, 5),
	    .classification = db_column_text(st, 6),
	    .test = db_column_text(st, 7),
	    .date = db_column_text(st, 8),
	    .context = db_column_text(st, 9),
	    .vaf = db_column_text(st, 10),
	    .absent = !store_column_is_null(st, 11),
	};
	return x->fn.f(&f, x->arg);
}

enum tb_status
db_extract_findings(struct db *db,
		    bool (*fn)(const struct db_extract_finding *f, void *arg),
		    void *arg)
{
	struct extract_fn x = {.fn.f = fn, .arg = arg};
	return db_each(db,
		       "SELECT case_id, gene, kind, origin, hgvs_c,"
		       " hgvs_p, classification, test, date, context,"
		       " vaf, result FROM finding ORDER BY case_id, seq",
		       NULL, finding_row, &x);
}

static bool decision_row(struct store_stmt *st, void *arg)
{
	const struct extract_fn *x = arg;
	struct db_extract_decision d = {
	    .id = store_column_int64(st, 0),
	    .case_id = store_column_int64(st, 1),
	    .version = store_column_int(st, 2),
	    .form_id = db_column_text(st, 3),
	    .form_version = db_column_text(st, 4),
	    .signed_at = db_column_text(st, 5),
	    .content = db_column_text(st, 6),
	};
	return x->fn.d(&d, x->arg);
}

enum tb_status
db_extract_decisions(struct db *db,
		     bool (*fn)(const struct db_extract_decision *d, void *arg),
		     void *arg)
{
	struct extract_fn x = {.fn.d = fn, .arg = arg};
	return db_each(db,
		       "SELECT id, case_id, version, form_id,"
		       " form_version, signed_at, content FROM decision"
		       " ORDER BY case_id, version, id",
		       NULL, decision_row, &x);
}

/* The audit detail of an extract: counts, key, and the digest of the
 * request (purpose and basis), never their words. Caller frees. */
static char *detail_of(const char *purpose, const char *basis, long long cases,
		       long long decisions, long long left_out,
		       long long min_group, const char *key_id)
{
	char h[HASH_HEX_LEN + 1];
	char *req = xasprintf("%zu:%s\n%zu:%s\n", strlen(purpose), purpose,
			      strlen(basis), basis);
	hash_sha256_hex(req, strlen(req), h);
	free(req);
	return xasprintf(/* untranslated: an audit detail */
			 "%lld cases, %lld decisions, %lld left out (groups "
			 "under %lld); key %s; request %.16s",
			 cases, decisions, left_out, min_group, key_id, h);
}

enum tb_status db_extract_record(struct db *db, const char *by,
				 const char *purpose, const char *basis,
				 long long cases, long long decisions,
				 long long left_out, int min_group,
				 const char *key_id, long long *id)
{
	struct store_stmt *st = NULL;
	char at[21];
	enum tb_status status = db_begin(db);
	if (status != TB_OK)
		return status;
	status = TB_DB;
	if (store_prepare(db->conn,
			  "SELECT coalesce(max(id), 0) + 1 FROM"
			  " research_extract",
			  0, &st) != STORE_OK ||
	    store_step(st) != STORE_ROW)
		goto cleanup;
	*id = store_column_int64(st, 0);
	store_finalize(st);
	st = NULL;
	char *detail = detail_of(purpose, basis, cases, decisions, left_out,
				 min_group, key_id);
	status =
	    db_audit_append(db, by, "extract", "research-extract", *id, detail);
	free(detail);
	if (status != TB_OK)
		goto cleanup;
	status = TB_DB;
	clock_timestamp(at);
	if (store_prepare(db->conn,
			  "INSERT INTO research_extract (id, at, by,"
			  " purpose, basis, cases, decisions, left_out,"
			  " min_group, key_id, audit_id) VALUES (?1, ?2,"
			  " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
			  0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, *id);
	store_bind_text(st, 2, at);
	store_bind_text(st, 3, by);
	store_bind_text(st, 4, purpose);
	store_bind_text(st, 5, basis);
	store_bind_int64(st, 6, cases);
	store_bind_int64(st, 7, decisions);
	store_bind_int64(st, 8, left_out);
	store_bind_int64(st, 9, min_group);
	store_bind_text(st, 10, key_id);
	store_bind_int64(st, 11, db->head_seq);
	if (store_step(st) != STORE_DONE)
		goto cleanup;
	status = db_commit(db);
cleanup:
	store_finalize(st);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

/* db_extract_verify: a record of an extract against its audit entry. */
static bool check_record(struct store_stmt *st, void *arg)
{
	struct diag *d = arg;
	long long id = store_column_int64(st, 0);
	char *want =
	    detail_of(db_column_text(st, 2) ? db_column_text(st, 2) : "",
		      db_column_text(st, 3) ? db_column_text(st, 3) : "",
		      store_column_int64(st, 4), store_column_int64(st, 5),
		      store_column_int64(st, 6), store_column_int64(st, 7),
		      db_column_text(st, 8) ? db_column_text(st, 8) : "");
	const char *actor = db_column_text(st, 9),
		   *action = db_column_text(st, 10),
		   *entity = db_column_text(st, 11),
		   *detail = db_column_text(st, 13);
	if (!actor || strcmp(actor, db_column_text(st, 1)) != 0 ||
	    strcmp(action, "extract") != 0 ||
	    strcmp(entity, "research-extract") != 0 ||
	    store_column_int64(st, 12) != id || strcmp(detail, want) != 0)
		diag_add(d, NULL, 0,
			 /* untranslated: an audit detail */ "research extract",
			 _("the record of research extract %lld does "
			   "not match its audit entry (changed or added "
			   "behind the program's back)"),
			 id);
	free(want);
	return true;
}

/* db_extract_verify: an audit entry whose record of an extract is gone. */
static bool check_removed(struct store_stmt *st, void *arg)
{
	diag_add(arg, NULL, 0,
		 /* untranslated: an audit detail */ "research extract",
		 _("the record of research extract %lld was removed "
		   "(its audit entry remains)"),
		 (long long)store_column_int64(st, 0));
	return true;
}

enum tb_status db_extract_verify(struct db *db, struct diag *d)
{
	static const char *const guards[] = {"research_extract_append_only_u",
					     "research_extract_append_only_d"};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(guards); i++) {
		int rc = store_guard_check(db->conn, guards[i],
					   db_extract_schema[1 + i]);
		if (rc == STORE_NOTFOUND || rc == STORE_MISMATCH)
			diag_add(d, NULL, 0, "schema",
				 rc == STORE_MISMATCH
				     ? _("the trigger %s that keeps the record "
					 "of research extracts append-only was "
					 "changed")
				     : _("the trigger %s that keeps the record "
					 "of research extracts append-only was "
					 "removed"),
				 guards[i]);
		else if (rc != STORE_OK)
			return TB_DB;
	}
	enum tb_status status =
	    db_each(db,
		    "SELECT r.id, r.by, r.purpose, r.basis, r.cases,"
		    " r.decisions, r.left_out, r.min_group, r.key_id, a.actor,"
		    " a.action, a.entity, a.entity_id, a.detail FROM"
		    " research_extract r LEFT JOIN audit a ON a.id = r.audit_id"
		    " ORDER BY r.id",
		    NULL, check_record, d);
	if (status == TB_OK)
		status =
		    db_each(db,
			    "SELECT a.entity_id FROM audit a WHERE a.action"
			    " = 'extract' AND a.entity = 'research-extract'"
			    " AND NOT EXISTS (SELECT 1 FROM research_extract"
			    " r WHERE r.audit_id = a.id)",
			    NULL, check_removed, d);
	return status;
}

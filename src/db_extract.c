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

enum tb_status db_extract_cases(struct db *db, const char *from, const char *to,
				bool (*fn)(const struct db_extract_case *c,
					   void *arg),
				void *arg)
{
	sqlite3_stmt *st = NULL;
	enum tb_status status = TB_DB;
	if (sqlite3_prepare_v2(
		db->conn,
		"SELECT c.id, c.external_id, p.pnr, p.sex, p.birth_date,"
		" p.region, c.referral_date, c.level, c.priority, c.status,"
		" c.icd10, c.icdo3, c.diagnosis_date, c.ecog, c.tnm_t, c.tnm_n,"
		" c.tnm_m, c.tnm_stage FROM cases c JOIN patient p ON p.id ="
		" c.patient_id WHERE (?1 IS NULL OR c.referral_date >= ?1)"
		" AND (?2 IS NULL OR c.referral_date <= ?2) ORDER BY c.id",
		-1, &st, NULL) != SQLITE_OK)
		return TB_DB;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_extract_case c = {
		    .id = sqlite3_column_int64(st, 0),
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
		if (!fn(&c, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc == SQLITE_DONE)
		status = TB_OK;
	sqlite3_finalize(st);
	return status;
}

enum tb_status
db_extract_findings(struct db *db,
		    bool (*fn)(const struct db_extract_finding *f, void *arg),
		    void *arg)
{
	sqlite3_stmt *st = NULL;
	enum tb_status status = TB_DB;
	if (sqlite3_prepare_v2(db->conn,
			       "SELECT case_id, gene, kind, origin, hgvs_c,"
			       " hgvs_p, classification, test, date, context,"
			       " vaf FROM finding ORDER BY case_id, seq",
			       -1, &st, NULL) != SQLITE_OK)
		return TB_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_extract_finding f = {
		    .case_id = sqlite3_column_int64(st, 0),
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
		};
		if (!fn(&f, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc == SQLITE_DONE)
		status = TB_OK;
	sqlite3_finalize(st);
	return status;
}

enum tb_status
db_extract_decisions(struct db *db,
		     bool (*fn)(const struct db_extract_decision *d, void *arg),
		     void *arg)
{
	sqlite3_stmt *st = NULL;
	enum tb_status status = TB_DB;
	if (sqlite3_prepare_v2(db->conn,
			       "SELECT id, case_id, version, form_id,"
			       " form_version, signed_at, content FROM decision"
			       " ORDER BY case_id, version, id",
			       -1, &st, NULL) != SQLITE_OK)
		return TB_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_extract_decision d = {
		    .id = sqlite3_column_int64(st, 0),
		    .case_id = sqlite3_column_int64(st, 1),
		    .version = sqlite3_column_int(st, 2),
		    .form_id = db_column_text(st, 3),
		    .form_version = db_column_text(st, 4),
		    .signed_at = db_column_text(st, 5),
		    .content = db_column_text(st, 6),
		};
		if (!fn(&d, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc == SQLITE_DONE)
		status = TB_OK;
	sqlite3_finalize(st);
	return status;
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
	return xasprintf("%lld cases, %lld decisions, %lld left out (groups "
			 "under %lld); key %s; request %.16s",
			 cases, decisions, left_out, min_group, key_id, h);
}

enum tb_status db_extract_record(struct db *db, const char *by,
				 const char *purpose, const char *basis,
				 long long cases, long long decisions,
				 long long left_out, int min_group,
				 const char *key_id, long long *id)
{
	sqlite3_stmt *st = NULL;
	char at[21];
	enum tb_status status = db_begin(db);
	if (status != TB_OK)
		return status;
	status = TB_DB;
	if (sqlite3_prepare_v2(db->conn,
			       "SELECT ifnull(max(id), 0) + 1 FROM"
			       " research_extract",
			       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		goto cleanup;
	*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
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
	if (sqlite3_prepare_v2(db->conn,
			       "INSERT INTO research_extract (id, at, by,"
			       " purpose, basis, cases, decisions, left_out,"
			       " min_group, key_id, audit_id) VALUES (?1, ?2,"
			       " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
			       -1, &st, NULL) != SQLITE_OK)
		goto cleanup;
	sqlite3_bind_int64(st, 1, *id);
	db_bind_text(st, 2, at);
	db_bind_text(st, 3, by);
	db_bind_text(st, 4, purpose);
	db_bind_text(st, 5, basis);
	sqlite3_bind_int64(st, 6, cases);
	sqlite3_bind_int64(st, 7, decisions);
	sqlite3_bind_int64(st, 8, left_out);
	sqlite3_bind_int64(st, 9, min_group);
	db_bind_text(st, 10, key_id);
	sqlite3_bind_int64(st, 11, db->head_seq);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto cleanup;
	status = db_commit(db);
cleanup:
	sqlite3_finalize(st);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

enum tb_status db_extract_verify(struct db *db, struct diag *d)
{
	static const char *const guards[] = {"research_extract_append_only_u",
					     "research_extract_append_only_d"};
	sqlite3_stmt *st = NULL;
	enum tb_status status = TB_DB;
	if (sqlite3_prepare_v2(db->conn,
			       "SELECT sql FROM sqlite_master WHERE type ="
			       " 'trigger' AND name = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return TB_DB;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(guards); i++) {
		const char *want = db_extract_schema[1 + i];
		db_bind_text(st, 1, guards[i]);
		int rc = sqlite3_step(st);
		const char *sql =
		    rc == SQLITE_ROW ? db_column_text(st, 0) : NULL;
		if (!sql || strcmp(sql, want) != 0)
			diag_add(d, NULL, 0, "schema",
				 "the trigger %s that keeps the record of "
				 "research extracts append-only was %s",
				 guards[i], sql ? "changed" : "removed");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db->conn,
			       "SELECT r.id, r.by, r.purpose, r.basis, r.cases,"
			       " r.decisions, r.left_out, r.min_group,"
			       " r.key_id, a.actor, a.action, a.entity,"
			       " a.entity_id, a.detail FROM research_extract r"
			       " LEFT JOIN audit a ON a.id = r.audit_id"
			       " ORDER BY r.id",
			       -1, &st, NULL) != SQLITE_OK)
		return TB_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		char *want = detail_of(
		    db_column_text(st, 2) ? db_column_text(st, 2) : "",
		    db_column_text(st, 3) ? db_column_text(st, 3) : "",
		    sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
		    sqlite3_column_int64(st, 6), sqlite3_column_int64(st, 7),
		    db_column_text(st, 8) ? db_column_text(st, 8) : "");
		const char *actor = db_column_text(st, 9),
			   *action = db_column_text(st, 10),
			   *entity = db_column_text(st, 11),
			   *detail = db_column_text(st, 13);
		if (!actor || strcmp(actor, db_column_text(st, 1)) != 0 ||
		    strcmp(action, "extract") != 0 ||
		    strcmp(entity, "research-extract") != 0 ||
		    sqlite3_column_int64(st, 12) != id ||
		    strcmp(detail, want) != 0)
			diag_add(d, NULL, 0, "research extract",
				 "the record of research extract %lld does "
				 "not match its audit entry (changed or added "
				 "behind the program's back)",
				 id);
		free(want);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		return TB_DB;
	if (sqlite3_prepare_v2(
		db->conn,
		"SELECT a.entity_id FROM audit a WHERE a.action = 'extract'"
		" AND a.entity = 'research-extract' AND NOT EXISTS (SELECT 1"
		" FROM research_extract r WHERE r.audit_id = a.id)",
		-1, &st, NULL) != SQLITE_OK)
		return TB_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		diag_add(d, NULL, 0, "research extract",
			 "the record of research extract %lld was removed "
			 "(its audit entry remains)",
			 (long long)sqlite3_column_int64(st, 0));
	if (rc == SQLITE_DONE)
		status = TB_OK;
	sqlite3_finalize(st);
	return status;
}

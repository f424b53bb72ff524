#include "db_referral.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "util.h"

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	snprintf(dst, n, "%s", t ? (const char *)t : "");
}

enum tb_status db_referral_set_origin(struct db *db, long long case_id,
				      const struct db_origin *o)
{
	sqlite3_stmt *st = NULL;
	enum tb_status status = db_begin(db);
	if (status != TB_OK)
		return status;
	status = TB_DB;
	if (sqlite3_prepare_v2(db->conn,
			       "INSERT INTO case_origin (case_id, board,"
			       " to_board, sent, received, package_sha256)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
			       " ON CONFLICT (case_id) DO UPDATE SET"
			       " board = ?2, to_board = ?3, sent = ?4,"
			       " received = ?5, package_sha256 = ?6",
			       -1, &st, NULL) != SQLITE_OK)
		goto cleanup;
	sqlite3_bind_int64(st, 1, case_id);
	db_bind_text(st, 2, o->board);
	db_bind_text(st, 3, o->to_board);
	db_bind_text(st, 4, o->sent);
	db_bind_text(st, 5, o->received);
	db_bind_text(st, 6, o->sha256);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto cleanup;
	char *detail =
	    xasprintf("referral package received (sha256 %s)", o->sha256);
	status = db_audit_append(db, db_actor(), "refer-in", "case", case_id,
				 detail);
	free(detail);
	if (status == TB_OK)
		status = db_commit(db);
cleanup:
	sqlite3_finalize(st);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

enum tb_status db_referral_origin(struct db *db, long long case_id,
				  struct db_origin *out)
{
	sqlite3_stmt *st = NULL;
	enum tb_status status = TB_DB;
	memset(out, 0, sizeof(*out));
	if (sqlite3_prepare_v2(db->conn,
			       "SELECT board, to_board, sent, received,"
			       " package_sha256 FROM case_origin"
			       " WHERE case_id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return TB_DB;
	sqlite3_bind_int64(st, 1, case_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		copy_col(out->board, sizeof(out->board), st, 0);
		copy_col(out->to_board, sizeof(out->to_board), st, 1);
		copy_col(out->sent, sizeof(out->sent), st, 2);
		copy_col(out->received, sizeof(out->received), st, 3);
		copy_col(out->sha256, sizeof(out->sha256), st, 4);
		status = TB_OK;
	} else if (rc == SQLITE_DONE) {
		status = TB_NOT_FOUND;
	}
	sqlite3_finalize(st);
	return status;
}

void db_answer_done(struct db_answer *a)
{
	free(a->recommendation);
	free(a->intent);
	free(a->package);
	a->recommendation = a->intent = a->package = NULL;
}

enum tb_status db_referral_add_answer(struct db *db, struct db_answer *a)
{
	sqlite3_stmt *st = NULL;
	enum tb_status status = db_begin(db);
	if (status != TB_OK)
		return status;
	status = TB_DB;
	if (sqlite3_prepare_v2(
		db->conn,
		"INSERT INTO referral_answer (case_id, board, decision,"
		" signed_at, recommendation, intent, format, package,"
		" package_sha256, received) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		" ?7, ?8, ?9, ?10)",
		-1, &st, NULL) != SQLITE_OK)
		goto cleanup;
	sqlite3_bind_int64(st, 1, a->case_id);
	db_bind_text(st, 2, a->board);
	db_bind_text(st, 3, a->decision);
	db_bind_text(st, 4, a->signed_at);
	db_bind_text(st, 5, a->recommendation);
	db_bind_text(st, 6, a->intent);
	db_bind_text(st, 7, a->format);
	db_bind_text(st, 8, a->package);
	db_bind_text(st, 9, a->sha256);
	db_bind_text(st, 10, a->received);
	int rc = sqlite3_step(st);
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		status = TB_INVALID;
		goto cleanup;
	}
	if (rc != SQLITE_DONE)
		goto cleanup;
	a->id = sqlite3_last_insert_rowid(db->conn);
	char *detail = xasprintf("referral answer attached: decision %s,"
				 " %s; sha256 %s",
				 a->decision, a->format, a->sha256);
	status = db_audit_append(db, db_actor(), "refer-answer", "case",
				 a->case_id, detail);
	free(detail);
	if (status == TB_OK)
		status = db_commit(db);
cleanup:
	sqlite3_finalize(st);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

enum tb_status
db_referral_answers(struct db *db, long long case_id,
		    bool (*fn)(const struct db_answer *a, void *arg), void *arg)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->conn,
			       "SELECT id, case_id, board, decision, signed_at,"
			       " recommendation, intent, format, package,"
			       " package_sha256, received FROM referral_answer"
			       " WHERE case_id = ?1 ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK)
		return TB_DB;
	sqlite3_bind_int64(st, 1, case_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_answer a = {0};
		a.id = sqlite3_column_int64(st, 0);
		a.case_id = sqlite3_column_int64(st, 1);
		copy_col(a.board, sizeof(a.board), st, 2);
		copy_col(a.decision, sizeof(a.decision), st, 3);
		copy_col(a.signed_at, sizeof(a.signed_at), st, 4);
		a.recommendation = db_column_dup(st, 5);
		a.intent = db_column_dup(st, 6);
		copy_col(a.format, sizeof(a.format), st, 7);
		a.package = db_column_dup(st, 8);
		copy_col(a.sha256, sizeof(a.sha256), st, 9);
		copy_col(a.received, sizeof(a.received), st, 10);
		bool go = fn(&a, arg);
		db_answer_done(&a);
		if (!go) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? TB_OK : TB_DB;
}

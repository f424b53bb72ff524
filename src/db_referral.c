#include "db_referral.h"

#include "store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "util.h"

static void copy_col(char *dst, size_t n, struct store_stmt *st, int col)
{
	const char *t = db_column_text(st, col);
	snprintf(dst, n, "%s", t ? t : "");
}

enum tb_status db_referral_put_origin(struct db *db, long long case_id,
				      const struct db_origin *o)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	if (store_prepare(db->conn,
			  "INSERT INTO case_origin (case_id, board,"
			  " to_board, sent, received, package_sha256)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
			  " ON CONFLICT (case_id) DO UPDATE SET"
			  " board = ?2, to_board = ?3, sent = ?4,"
			  " received = ?5, package_sha256 = ?6",
			  0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, o->board);
	store_bind_text(st, 3, o->to_board);
	store_bind_text(st, 4, o->sent);
	store_bind_text(st, 5, o->received);
	store_bind_text(st, 6, o->sha256);
	if (store_step(st) != STORE_DONE)
		goto cleanup;
	char *detail =
	    xasprintf(/* untranslated: an audit detail */
		      "referral package received (sha256 %s)", o->sha256);
	status = db_audit_append(db, db_actor(), "refer-in", "case", case_id,
				 detail);
	free(detail);
cleanup:
	store_finalize(st);
	return status;
}

enum tb_status db_referral_send(struct db *db, long long case_id)
{
	struct store_stmt *a = db_stmt(db, DB_STMT_REFERRAL_ANSWERS);
	struct store_stmt *o = db_stmt(db, DB_STMT_REFERRAL_ORIGIN);
	if (!a || !o)
		return TB_DB;
	store_bind_int64(a, 1, case_id);
	store_bind_int64(o, 1, case_id);
	db->sent_answers = db->sent_origin = case_id;
	if (store_send(a) == STORE_OK && store_send(o) == STORE_OK)
		return TB_OK;
	db_referral_unsend(db);
	return TB_DB;
}

void db_referral_unsend(struct db *db)
{
	if (db->sent_answers)
		store_reset(db_stmt(db, DB_STMT_REFERRAL_ANSWERS));
	if (db->sent_origin)
		store_reset(db_stmt(db, DB_STMT_REFERRAL_ORIGIN));
	db->sent_answers = db->sent_origin = 0;
}

/* st ready to step for case_id: the answer sent ahead for it, or
 * nothing left of one sent for another. */
static void sent_for(struct store_stmt *st, long long *sent, long long case_id)
{
	if (*sent != case_id)
		store_reset(st);
	*sent = 0;
	store_bind_int64(st, 1, case_id);
}

enum tb_status db_referral_origin(struct db *db, long long case_id,
				  struct db_origin *out)
{
	/* sent ahead by db_referral_send, or run here */
	struct store_stmt *st = db_stmt(db, DB_STMT_REFERRAL_ORIGIN);
	enum tb_status status = TB_DB;
	memset(out, 0, sizeof(*out));
	if (!st)
		return TB_DB;
	sent_for(st, &db->sent_origin, case_id);
	int rc = store_step(st);
	if (rc == STORE_ROW) {
		copy_col(out->board, sizeof(out->board), st, 0);
		copy_col(out->to_board, sizeof(out->to_board), st, 1);
		copy_col(out->sent, sizeof(out->sent), st, 2);
		copy_col(out->received, sizeof(out->received), st, 3);
		copy_col(out->sha256, sizeof(out->sha256), st, 4);
		status = TB_OK;
	} else if (rc == STORE_DONE) {
		status = TB_NOT_FOUND;
	}
	store_reset(st);
	store_clear_bindings(st);
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
	struct store_stmt *st = NULL;
	enum tb_status status = db_begin(db);
	if (status != TB_OK)
		return status;
	status = TB_DB;
	if (store_prepare(
		db->conn,
		"INSERT INTO referral_answer (case_id, board, decision,"
		" signed_at, recommendation, intent, format, package,"
		" package_sha256, received) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
		" ?7, ?8, ?9, ?10) RETURNING id",
		0, &st) != STORE_OK)
		goto cleanup;
	store_bind_int64(st, 1, a->case_id);
	store_bind_text(st, 2, a->board);
	store_bind_text(st, 3, a->decision);
	store_bind_text(st, 4, a->signed_at);
	store_bind_text(st, 5, a->recommendation);
	store_bind_text(st, 6, a->intent);
	store_bind_text(st, 7, a->format);
	store_bind_text(st, 8, a->package);
	store_bind_text(st, 9, a->sha256);
	store_bind_text(st, 10, a->received);
	int rc = db_step_id(st, &a->id);
	if (rc == STORE_CONSTRAINT) {
		status = TB_INVALID;
		goto cleanup;
	}
	if (rc != STORE_DONE)
		goto cleanup;
	char *detail = xasprintf(/* untranslated: an audit detail */
				 "referral answer attached: decision %s,"
				 " %s; sha256 %s",
				 a->decision, a->format, a->sha256);
	status = db_audit_append(db, db_actor(), "refer-answer", "case",
				 a->case_id, detail);
	free(detail);
	if (status == TB_OK)
		status = db_commit(db);
cleanup:
	store_finalize(st);
	if (status != TB_OK)
		db_rollback(db);
	return status;
}

enum tb_status
db_referral_answers(struct db *db, long long case_id,
		    bool (*fn)(const struct db_answer *a, void *arg), void *arg)
{
	/* sent ahead by db_referral_send, or run here */
	struct store_stmt *st = db_stmt(db, DB_STMT_REFERRAL_ANSWERS);
	if (!st)
		return TB_DB;
	sent_for(st, &db->sent_answers, case_id);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		struct db_answer a = {0};
		a.id = store_column_int64(st, 0);
		a.case_id = store_column_int64(st, 1);
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
			rc = STORE_DONE;
			break;
		}
	}
	store_reset(st);
	store_clear_bindings(st);
	return rc == STORE_DONE ? TB_OK : TB_DB;
}

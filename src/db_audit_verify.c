/*
 * The check of the audit log: the hash chain entry by entry, every sealed
 * record against its newest seal, and the guards (triggers) that keep
 * the log append-only (db_audit_verify).
 */
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_audit_internal.h"
#include "db_internal.h"
#include "diag.h"
#include "i18n.h"
#include "progress.h"
#include "util.h"

/* The triggers that keep the archive append-only, exactly as created; a
 * missing or changed one is reported by verify. */
static const struct {
	const char *name, *sql;
} guards[] = {
    {"decision_immutable_u",
     "CREATE TRIGGER decision_immutable_u BEFORE UPDATE ON decision"
     " BEGIN SELECT RAISE(ABORT, 'signed decisions are immutable'); END"},
    {"decision_immutable_d",
     "CREATE TRIGGER decision_immutable_d BEFORE DELETE ON decision"
     " BEGIN SELECT RAISE(ABORT, 'signed decisions are immutable'); END"},
    {"audit_append_only_u",
     "CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit"
     " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"},
    {"audit_append_only_d",
     "CREATE TRIGGER audit_append_only_d BEFORE DELETE ON audit"
     " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"},
    {"audit_seal_append_only_u",
     "CREATE TRIGGER audit_seal_append_only_u BEFORE UPDATE ON audit_seal"
     " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"},
    {"audit_seal_append_only_d",
     "CREATE TRIGGER audit_seal_append_only_d BEFORE DELETE ON audit_seal"
     " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"},
};

/* The digest of the seal rows of entry id, as seal_dirty() made it. */
static enum tb_status seals_digest(struct store_stmt *st, long long id,
				   char out[HASH_HEX_LEN + 1])
{
	struct strbuf lines = {0};
	store_bind_int64(st, 1, id);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW)
		strbuf_printf(&lines, "%s\t%lld\t%s\n", db_column_text(st, 0),
			      (long long)store_column_int64(st, 1),
			      db_column_text(st, 2));
	store_reset(st);
	if (lines.len)
		hash_sha256_hex(lines.buf, lines.len, out);
	else
		snprintf(out, HASH_HEX_LEN + 1, "-");
	strbuf_done(&lines);
	return rc == STORE_DONE ? TB_OK : TB_DB;
}

static enum tb_status verify_chain(struct db *db, struct diag *d,
				   struct db_audit_check *r)
{
	struct store_stmt *st = NULL, *seal = NULL;
	char prev[HASH_HEX_LEN + 1] = "genesis";
	long long expect = 1;
	bool seen_v2 = false;
	enum tb_status status = TB_DB;
	int rc;

	if (store_prepare(db->conn,
			  "SELECT id, at, actor, action, entity,"
			  " entity_id, detail, prev_hash, hash, fmt, seals"
			  " FROM audit ORDER BY id",
			  0, &st) != STORE_OK ||
	    store_prepare(db->conn,
			  "SELECT entity, entity_id, hash FROM audit_seal"
			  " WHERE audit_id = ?1 ORDER BY entity,"
			  " entity_id",
			  0, &seal) != STORE_OK)
		goto cleanup;
	while ((rc = store_step(st)) == STORE_ROW) {
		progress_add(1);
		long long id = store_column_int64(st, 0);
		int fmt = store_column_int(st, 9);
		const char *col[11];
		for (int i = 1; i < 11; i++) {
			const char *t = db_column_text(st, i);
			col[i] = t ? t : "";
		}
		if (id != expect) {
			if (id > expect)
				diag_add(
				    d, NULL, 0, "audit",
				    _("entry %lld follows entry %lld: "
				      "entries %lld to %lld are missing or "
				      "the entries were renumbered"),
				    id, expect - 1, expect, id - 1);
			else
				diag_add(d, NULL, 0, "audit",
					 _("entry %lld is out of sequence"),
					 id);
		}
		if (fmt != 1 && fmt != 2)
			diag_add(d, NULL, 0, "audit",
				 _("entry %lld was altered: it has no known "
				   "format"),
				 id);
		else if (fmt == 1 && seen_v2)
			diag_add(d, NULL, 0, "audit",
				 _("entry %lld was altered: it claims an older "
				   "format than the entries before it"),
				 id);
		seen_v2 = seen_v2 || fmt == 2;
		if (fmt == 2) {
			char dg[HASH_HEX_LEN + 1];
			if (seals_digest(seal, id, dg) != TB_OK)
				goto cleanup;
			if (strcmp(dg, store_column_is_null(st, 10)
					   ? "-"
					   : col[10]) != 0)
				diag_add(d, NULL, 0, "audit",
					 _("entry %lld: its record of the rows "
					   "it wrote was altered (seal rows "
					   "added, removed or changed)"),
					 id);
		}
		char *m = db_audit_material(
		    fmt == 2 ? 2 : 1, id, col[1], col[2], col[3], col[4],
		    store_column_int64(st, 5), col[6], col[7], col[10]);
		char hash[HASH_HEX_LEN + 1];
		hash_sha256_hex(m, strlen(m), hash);
		free(m);
		if (strcmp(col[7], prev) != 0)
			diag_add(
			    d, NULL, 0, "audit",
			    _("entry %lld does not follow the entry before "
			      "it (an entry was removed, inserted or "
			      "moved)"),
			    id);
		if (strcmp(hash, col[8]) != 0)
			diag_add(d, NULL, 0, "audit",
				 _("entry %lld was altered: its hash does not "
				   "match its content"),
				 id);
		snprintf(prev, sizeof(prev), "%s", col[8]);
		r->entries++;
		r->head.seq = id;
		snprintf(r->head.hash, sizeof(r->head.hash), "%s", col[8]);
		expect = id + 1;
	}
	if (rc != STORE_DONE)
		goto cleanup;
	store_finalize(st);
	st = NULL;
	/* seal rows of no entry */
	if (store_prepare(db->conn,
			  "SELECT DISTINCT audit_id FROM audit_seal"
			  " WHERE audit_id NOT IN (SELECT id FROM audit"
			  " WHERE fmt = 2) ORDER BY audit_id",
			  0, &st) != STORE_OK)
		goto cleanup;
	while ((rc = store_step(st)) == STORE_ROW)
		diag_add(d, NULL, 0, "audit",
			 _("the log holds row records of entry %lld, which is "
			   "missing (entries were removed)"),
			 (long long)store_column_int64(st, 0));
	if (rc == STORE_DONE)
		status = TB_OK;
cleanup:
	store_finalize(st);
	store_finalize(seal);
	return status;
}

static void describe(struct db *db, const struct seal_kind *k, long long id,
		     struct strbuf *sb)
{
	strbuf_printf(sb, "%s %lld", k->label, id);
	if (strcmp(k->entity, "case") != 0)
		return;
	struct store_stmt *st = NULL;
	if (store_prepare(db->conn,
			  "SELECT external_id FROM cases WHERE id = ?1", 0,
			  &st) == STORE_OK) {
		store_bind_int64(st, 1, id);
		if (store_step(st) == STORE_ROW)
			strbuf_printf(sb, " (%s)", db_column_text(st, 0));
	}
	store_finalize(st);
}

static const char *parts_of(const struct seal_kind *k)
{
	if (strcmp(k->entity, "case") == 0)
		return _("the case row, its pathology, findings, imaging or "
			 "level changes");
	if (strcmp(k->entity, "meeting") == 0)
		return _("the meeting row, its run or its attendees");
	if (strcmp(k->entity, "agenda_item") == 0)
		return _("the agenda row or its time");
	if (strcmp(k->entity, "form_instance") == 0)
		return _("the draft row, its values or its amendment note");
	if (strcmp(k->entity, "decision") == 0)
		return _("the decision row, its follow-up or whether the "
			 "patient was told");
	return _("the patient row");
}

/* Compares every sealed record's newest seal with the record as it is
 * now, and finds records that no entry sealed. */
static enum tb_status verify_records(struct db *db, struct diag *d,
				     struct db_audit_check *r)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_DB;
	int rc;
	char prev_entity[32] = "";
	long long prev_id = -1;

	if (store_prepare(db->conn,
			  "SELECT entity, entity_id, hash, audit_id"
			  " FROM audit_seal ORDER BY entity, entity_id,"
			  " audit_id DESC",
			  0, &st) != STORE_OK)
		return TB_DB;
	while ((rc = store_step(st)) == STORE_ROW) {
		const char *entity = db_column_text(st, 0);
		long long id = store_column_int64(st, 1);
		const char *sealed = db_column_text(st, 2);
		long long at = store_column_int64(st, 3);
		if (!entity || !sealed)
			continue;
		if (id == prev_id && strcmp(entity, prev_entity) == 0)
			continue; /* an older seal of the same record */
		snprintf(prev_entity, sizeof(prev_entity), "%s", entity);
		prev_id = id;
		const struct seal_kind *k = db_audit_kind_of(entity);
		if (!k) {
			diag_add(d, NULL, 0, "audit",
				 _("entry %lld records a row of no known kind"),
				 at);
			continue;
		}
		char now[HASH_HEX_LEN + 1];
		if (db_audit_record_hash(db, (size_t)(k - db_audit_kinds), id,
					 now) != TB_OK)
			goto cleanup;
		r->records++;
		if (strcmp(now, sealed) == 0)
			continue;
		struct strbuf sb = {0};
		describe(db, k, id, &sb);
		if (strcmp(now, "-") == 0)
			diag_add(d, NULL, 0, k->entity,
				 _("%s was removed behind the program's back "
				   "(audit entry %lld recorded it)"),
				 sb.buf, at);
		else if (strcmp(sealed, "-") == 0)
			diag_add(d, NULL, 0, k->entity,
				 _("%s was put back behind the program's back "
				   "(audit entry %lld recorded its removal)"),
				 sb.buf, at);
		else
			diag_add(d, NULL, 0, k->entity,
				 _("%s was changed behind the program's back: "
				   "%s no longer match what audit entry %lld "
				   "recorded"),
				 sb.buf, parts_of(k), at);
		strbuf_done(&sb);
	}
	if (rc != STORE_DONE)
		goto cleanup;
	store_finalize(st);
	st = NULL;

	/* records that no entry ever sealed */
	for (size_t k = 0; k < db_audit_n_kinds; k++) {
		struct store_stmt *ids = NULL;
		if (store_prepare(db->conn, db_audit_kinds[k].ids, 0, &ids) !=
		    STORE_OK)
			goto cleanup;
		if (store_prepare(db->conn,
				  "SELECT 1 FROM audit_seal WHERE entity"
				  " = ?1 AND entity_id = ?2 LIMIT 1",
				  0, &st) != STORE_OK) {
			store_finalize(ids);
			goto cleanup;
		}
		while ((rc = store_step(ids)) == STORE_ROW) {
			long long id = store_column_int64(ids, 0);
			store_bind_text(st, 1, db_audit_kinds[k].entity);
			store_bind_int64(st, 2, id);
			int found = store_step(st);
			store_reset(st);
			if (found == STORE_ROW)
				continue;
			struct strbuf sb = {0};
			describe(db, &db_audit_kinds[k], id, &sb);
			diag_add(d, NULL, 0, db_audit_kinds[k].entity,
				 _("%s is in no audit entry: it was added "
				   "behind the program's back"),
				 sb.buf);
			strbuf_done(&sb);
		}
		store_finalize(ids);
		store_finalize(st);
		st = NULL;
		if (rc != STORE_DONE)
			goto cleanup;
	}
	status = TB_OK;
cleanup:
	store_finalize(st);
	return status;
}

static enum tb_status verify_guards(struct db *db, struct diag *d)
{
	for (size_t i = 0; i < UTIL_ARRAY_LEN(guards); i++) {
		int rc =
		    store_guard_check(db->conn, guards[i].name, guards[i].sql);
		if (rc == STORE_NOTFOUND)
			diag_add(d, NULL, 0, "schema",
				 _("the trigger %s that keeps the archive "
				   "append-only was removed"),
				 guards[i].name);
		else if (rc == STORE_MISMATCH)
			diag_add(d, NULL, 0, "schema",
				 _("the trigger %s that keeps the archive "
				   "append-only was changed"),
				 guards[i].name);
		else if (rc != STORE_OK)
			return TB_DB;
	}
	return TB_OK;
}

enum tb_status db_audit_verify(struct db *db, struct diag *d,
			       struct db_audit_check *r)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->head.hash, sizeof(r->head.hash), "genesis");
	enum tb_status st = verify_guards(db, d);
	if (st == TB_OK)
		st = verify_chain(db, d, r);
	if (st == TB_OK)
		st = verify_records(db, d, r);
	return st;
}

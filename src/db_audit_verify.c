/*
 * The check of the audit log: the hash chain entry by entry, every sealed
 * record against its newest seal, and the guards (triggers) that keep
 * the log append-only (db_audit_verify).
 */
#include "db.h"

#include <assert.h>
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

/* The seal rows of every entry, in entry order (one statement, not one
 * per entry), walked beside the entries. */
struct seal_walk {
	struct store_stmt *st;
	int rc;
};

/* The digest of the seal rows of entry id, as seal_dirty() made it; the
 * walk goes past them (entries come in id order). */
static enum tb_status seals_digest(struct seal_walk *w, long long id,
				   char out[HASH_HEX_LEN + 1])
{
	struct strbuf lines = {0};
	while (w->rc == STORE_ROW && store_column_int64(w->st, 0) < id)
		w->rc = store_step(w->st); /* of no entry: found below */
	while (w->rc == STORE_ROW && store_column_int64(w->st, 0) == id) {
		strbuf_printf(&lines, "%s\t%lld\t%s\n",
			      db_column_text(w->st, 1),
			      (long long)store_column_int64(w->st, 2),
			      db_column_text(w->st, 3));
		w->rc = store_step(w->st);
	}
	if (lines.len)
		hash_sha256_hex(lines.buf, lines.len, out);
	else
		snprintf(out, HASH_HEX_LEN + 1, "-");
	strbuf_done(&lines);
	return w->rc == STORE_ROW || w->rc == STORE_DONE ? TB_OK : TB_DB;
}

static enum tb_status verify_chain(struct db *db, struct diag *d,
				   struct db_audit_check *r)
{
	struct store_stmt *st = NULL;
	struct seal_walk seal = {NULL, STORE_DONE};
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
			  "SELECT audit_id, entity, entity_id, hash"
			  " FROM audit_seal ORDER BY audit_id, entity,"
			  " entity_id",
			  0, &seal.st) != STORE_OK)
		goto cleanup;
	seal.rc = store_step(seal.st);
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
			if (seals_digest(&seal, id, dg) != TB_OK)
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
	store_finalize(seal.st);
	return status;
}

static void describe(struct db *db, const struct seal_kind *k, long long id,
		     struct strbuf *sb)
{
	strbuf_printf(sb, "%s %lld", i18n_ctx(k->label), id);
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

/* A record as it is now (db_audit_record_hashes), kept for the merge
 * with the seals. */
struct now_rec {
	long long id;
	char hash[HASH_HEX_LEN + 1];
};

struct now_list {
	struct now_rec *v;
	size_t n, cap;
};

static void now_add(long long id, const char *hash, void *arg)
{
	struct now_list *l = arg;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 256;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n].id = id;
	snprintf(l->v[l->n++].hash, HASH_HEX_LEN + 1, "%s", hash);
}

/* The newest seal of a record of kind k against the record now (hash "-":
 * there is none). */
static void compare_seal(struct db *db, struct diag *d,
			 const struct seal_kind *k, long long id,
			 const char *sealed, long long at, const char *now)
{
	if (strcmp(now, sealed) == 0)
		return;
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

/* The records of kind k as they are now, read a range of ids at a time
 * (one statement per part for each, not per record). */
#define RECORDS_AT_ONCE 512
static enum tb_status records_now(struct db *db, size_t k, struct now_list *out)
{
	struct store_stmt *ids = NULL;
	enum tb_status status = TB_DB;
	if (store_prepare(db->conn, db_audit_kinds[k].ids, 0, &ids) != STORE_OK)
		return TB_DB;
	int rc = store_step(ids);
	while (rc == STORE_ROW) {
		long long lo = store_column_int64(ids, 0), hi = lo;
		for (int i = 1;
		     i < RECORDS_AT_ONCE && (rc = store_step(ids)) == STORE_ROW;
		     i++)
			hi = store_column_int64(ids, 0);
		if (rc == STORE_ROW)
			rc = store_step(ids);
		if (db_audit_record_hashes(db, k, lo, hi, now_add, out) !=
		    TB_OK)
			goto cleanup;
	}
	if (rc == STORE_DONE)
		status = TB_OK;
cleanup:
	store_finalize(ids);
	return status;
}

/* A record that no entry sealed: its kind (an index of db_audit_kinds)
 * and id. */
struct unsealed {
	size_t k;
	long long id;
};

/* Reports the records that no entry ever sealed, kind by kind as
 * listed. */
static void report_unsealed(struct db *db, struct diag *d,
			    const struct unsealed *v, size_t n)
{
	for (size_t k = 0; k < db_audit_n_kinds; k++)
		for (size_t u = 0; u < n; u++) {
			if (v[u].k != k)
				continue;
			struct strbuf sb = {0};
			describe(db, &db_audit_kinds[k], v[u].id, &sb);
			diag_add(d, NULL, 0, db_audit_kinds[k].entity,
				 _("%s is in no audit entry: it was added "
				   "behind the program's back"),
				 sb.buf);
			strbuf_done(&sb);
		}
}

static int kind_cmp(const void *a, const void *b)
{
	return strcmp(db_audit_kinds[*(const size_t *)a].entity,
		      db_audit_kinds[*(const size_t *)b].entity);
}

/* Compares every sealed record's newest seal with the record as it is
 * now, and finds records that no entry sealed: kind by kind (in the order
 * of their names), the seals and the records now, each in id order,
 * walked side by side. */
static enum tb_status verify_records(struct db *db, struct diag *d,
				     struct db_audit_check *r)
{
	struct store_stmt *st = NULL, *other = NULL;
	enum tb_status status = TB_DB;
	struct now_list now = {0};
	struct unsealed *unsealed = NULL;
	size_t n_unsealed = 0;
	size_t order[32];
	int rc, orc = STORE_DONE;
	char prev_entity[32] = "";
	long long prev_id = -1;

	assert(db_audit_n_kinds <= UTIL_ARRAY_LEN(order));
	for (size_t k = 0; k < db_audit_n_kinds; k++)
		order[k] = k;
	qsort(order, db_audit_n_kinds, sizeof(order[0]), kind_cmp);
	/* seals of no known kind, in their place by name */
	struct strbuf sql = {0};
	strbuf_puts(&sql, "SELECT entity, entity_id, audit_id FROM audit_seal"
			  " WHERE hash IS NOT NULL AND entity NOT IN (");
	for (size_t k = 0; k < db_audit_n_kinds; k++)
		strbuf_printf(&sql, "%s?%zu", k ? ", " : "", k + 1);
	strbuf_puts(&sql, ") ORDER BY entity, entity_id, audit_id DESC");
	int prc = store_prepare(db->conn, sql.buf, 0, &other);
	strbuf_done(&sql);
	if (prc != STORE_OK)
		goto cleanup;
	for (size_t k = 0; k < db_audit_n_kinds; k++)
		store_bind_text(other, (int)k + 1, db_audit_kinds[k].entity);
	orc = store_step(other);
	if (store_prepare(db->conn,
			  "SELECT entity_id, hash, audit_id FROM audit_seal"
			  " WHERE entity = ?1 ORDER BY entity_id,"
			  " audit_id DESC",
			  0, &st) != STORE_OK)
		goto cleanup;

	for (size_t o = 0; o <= db_audit_n_kinds; o++) {
		const struct seal_kind *k =
		    o < db_audit_n_kinds ? &db_audit_kinds[order[o]] : NULL;
		while (
		    orc == STORE_ROW &&
		    (!k || strcmp(db_column_text(other, 0), k->entity) < 0)) {
			const char *entity = db_column_text(other, 0);
			long long id = store_column_int64(other, 1);
			if (entity && !(id == prev_id &&
					strcmp(entity, prev_entity) == 0)) {
				snprintf(prev_entity, sizeof(prev_entity), "%s",
					 entity);
				prev_id = id;
				diag_add(
				    d, NULL, 0, "audit",
				    _("entry %lld records a row of no "
				      "known kind"),
				    (long long)store_column_int64(other, 2));
			}
			orc = store_step(other);
		}
		if (!k)
			break;
		now.n = 0;
		if (records_now(db, order[o], &now) != TB_OK)
			goto cleanup;
		store_reset(st);
		store_bind_text(st, 1, k->entity);
		size_t i = 0;
		long long last = -1;
		while ((rc = store_step(st)) == STORE_ROW) {
			long long id = store_column_int64(st, 0);
			const char *sealed = db_column_text(st, 1);
			long long at = store_column_int64(st, 2);
			if (!sealed || id == last)
				continue; /* an older seal of the same record */
			last = id;
			for (; i < now.n && now.v[i].id < id; i++) {
				unsealed =
				    xrealloc(unsealed, (n_unsealed + 1) *
							   sizeof(*unsealed));
				unsealed[n_unsealed].k = order[o];
				unsealed[n_unsealed++].id = now.v[i].id;
			}
			bool exists = i < now.n && now.v[i].id == id;
			r->records++;
			compare_seal(db, d, k, id, sealed, at,
				     exists ? now.v[i].hash : "-");
			if (exists)
				i++;
		}
		if (rc != STORE_DONE)
			goto cleanup;
		for (; i < now.n; i++) {
			unsealed = xrealloc(unsealed, (n_unsealed + 1) *
							  sizeof(*unsealed));
			unsealed[n_unsealed].k = order[o];
			unsealed[n_unsealed++].id = now.v[i].id;
		}
	}
	if (orc != STORE_DONE)
		goto cleanup;

	report_unsealed(db, d, unsealed, n_unsealed);
	status = TB_OK;
cleanup:
	store_finalize(st);
	store_finalize(other);
	free(now.v);
	free(unsealed);
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

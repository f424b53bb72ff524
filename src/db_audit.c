/*
 * db_audit — the audit log, its hash chain and the seals that tie the
 * clinical tables to it (verify in db_audit_verify.c, anchors in
 * db_anchor.c).
 *
 * Data structures:
 *   audit       one row per recorded action: id (the sequence number, 1,
 *               2, 3 … without gaps), when, who, what, on which entity, a
 *               detail without patient values, the previous entry's hash
 *               and its own. fmt 1 entries (schema 1–9) hash their columns
 *               and the previous hash; fmt 2 entries also hash their own
 *               id and `seals`, the digest of their seal rows.
 *   audit_seal  (audit_id, entity, entity_id, hash): the SHA-256 of every
 *               clinical record (a case with its results, a patient, a
 *               meeting, an agenda item, a draft, a decision) as it was
 *               after the write the entry records; "-" when the write
 *               removed it. The newest seal of a record must match the
 *               record as it is now.
 *   tb_dirty    (temporary, per connection) the records touched by the
 *               open transaction, filled by temporary triggers (SQLite)
 *               or by the schema's tb_watch_* triggers (PostgreSQL,
 *               which has no temporary triggers); sealed by
 *               the next db_audit_append() or, failing that, by a "seal"
 *               entry at commit. Nothing is committed unsealed.
 *
 * What this can and cannot find is said in tumorboard(1) under verify and
 * in RELIABILITY.md: without a secret, someone who can write the file can
 * recompute every hash; an anchor (the head, sequence number and hash,
 * kept outside the database) is what makes a rewritten or rewound log
 * detectable.
 */
#include "db.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "db_audit_internal.h"
#include "db_internal.h"
#include "diag.h"
#include "hash.h"
#include "i18n.h"
#include "progress.h"
#include "util.h"

/* ------------------------------------------------------------------------
 * Sealed records: which rows make up each kind, and which table's rows
 * belong to which record.
 * ---------------------------------------------------------------------- */

/* Each kind's label names a record in verify's messages, translated
 * there (i18n_ctx). */
const struct seal_kind db_audit_kinds[] = {
    {"patient",
     NC_("sealed record", "patient"),
     "SELECT id FROM patient ORDER BY id",
     {"SELECT * FROM patient WHERE id = ?1", NULL}},
    {"case",
     NC_("sealed record", "case"),
     "SELECT id FROM cases ORDER BY id",
     {"SELECT * FROM cases WHERE id = ?1",
      "SELECT * FROM pathology WHERE case_id = ?1 ORDER BY id",
      "SELECT m.* FROM pathology_marker m JOIN pathology p"
      " ON p.id = m.pathology_id WHERE p.case_id = ?1 ORDER BY m.id",
      "SELECT * FROM finding WHERE case_id = ?1 ORDER BY id",
      "SELECT * FROM imaging WHERE case_id = ?1 ORDER BY id",
      "SELECT * FROM level_change WHERE case_id = ?1 ORDER BY id", NULL}},
    {"meeting",
     NC_("sealed record", "meeting"),
     "SELECT id FROM meeting ORDER BY id",
     {"SELECT * FROM meeting WHERE id = ?1",
      "SELECT * FROM meeting_run WHERE meeting_id = ?1",
      "SELECT * FROM attendee WHERE meeting_id = ?1 ORDER BY id", NULL}},
    {"agenda_item",
     NC_("sealed record", "agenda item"),
     "SELECT id FROM agenda_item ORDER BY id",
     {"SELECT * FROM agenda_item WHERE id = ?1",
      "SELECT * FROM agenda_time WHERE item_id = ?1", NULL}},
    {"form_instance",
     NC_("sealed record", "draft"),
     "SELECT id FROM form_instance ORDER BY id",
     {"SELECT * FROM form_instance WHERE id = ?1",
      "SELECT * FROM form_value WHERE instance_id = ?1 ORDER BY field",
      "SELECT * FROM form_amend WHERE instance_id = ?1",
      "SELECT * FROM form_value_rev WHERE instance_id = ?1 ORDER BY field",
      NULL}},
    {"decision",
     NC_("sealed record", "decision"),
     "SELECT id FROM decision ORDER BY id",
     {"SELECT * FROM decision WHERE id = ?1",
      "SELECT * FROM follow_up WHERE decision_id = ?1",
      "SELECT * FROM patient_informed WHERE decision_id = ?1", NULL}},
    /* who may do what: a role granted behind the program's back is found
     * by verify */
    {"user",
     NC_("sealed record", "user"),
     "SELECT id FROM users ORDER BY id",
     {"SELECT * FROM users WHERE id = ?1",
      "SELECT * FROM user_role WHERE user_id = ?1 ORDER BY role",
      "SELECT * FROM user_unit WHERE user_id = ?1 ORDER BY unit",
      "SELECT * FROM user_board WHERE user_id = ?1 ORDER BY board", NULL}},
    {"emergency",
     NC_("sealed record", "emergency access"),
     "SELECT id FROM emergency_access ORDER BY id",
     {"SELECT * FROM emergency_access WHERE id = ?1", NULL}},
    /* schema 13: referrals between boards */
    {"case_origin",
     NC_("sealed record", "case origin"),
     "SELECT case_id FROM case_origin ORDER BY case_id",
     {"SELECT * FROM case_origin WHERE case_id = ?1", NULL}},
    {"referral_answer",
     NC_("sealed record", "referral answer"),
     "SELECT id FROM referral_answer ORDER BY id",
     {"SELECT * FROM referral_answer WHERE id = ?1", NULL}},
};

#define N_KINDS (sizeof(db_audit_kinds) / sizeof(db_audit_kinds[0]))
const size_t db_audit_n_kinds = N_KINDS;
_Static_assert(N_KINDS *SEAL_MAX_PARTS *DB_SEAL_BANKS <= DB_SEAL_STMTS,
	       /* untranslated: an assertion */ "struct db has room for every "
						"part statement");

/* Each table that holds clinical content, the record its rows belong to
 * and the expression (X = the row) that gives the record's id. */
static const struct {
	const char *table, *entity, *key;
} watched[] = {
    {"patient", "patient", "X.id"},
    {"cases", "case", "X.id"},
    {"pathology", "case", "X.case_id"},
    {"pathology_marker", "case",
     "(SELECT case_id FROM pathology WHERE id = X.pathology_id)"},
    {"finding", "case", "X.case_id"},
    {"imaging", "case", "X.case_id"},
    {"level_change", "case", "X.case_id"},
    {"meeting", "meeting", "X.id"},
    {"meeting_run", "meeting", "X.meeting_id"},
    {"attendee", "meeting", "X.meeting_id"},
    {"agenda_item", "agenda_item", "X.id"},
    {"agenda_time", "agenda_item", "X.item_id"},
    {"form_instance", "form_instance", "X.id"},
    {"form_value", "form_instance", "X.instance_id"},
    {"form_amend", "form_instance", "X.instance_id"},
    {"form_value_rev", "form_instance", "X.instance_id"},
    {"decision", "decision", "X.id"},
    {"follow_up", "decision", "X.decision_id"},
    {"patient_informed", "decision", "X.decision_id"},
    {"users", "user", "X.id"},
    {"user_role", "user", "X.user_id"},
    {"user_unit", "user", "X.user_id"},
    {"user_board", "user", "X.user_id"},
    {"emergency_access", "emergency", "X.id"},
    {"case_origin", "case_origin", "X.case_id"},
    {"referral_answer", "referral_answer", "X.id"},
};

const char *const db_audit_schema_v10[] = {
    "ALTER TABLE audit ADD COLUMN fmt INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE audit ADD COLUMN seals TEXT",
    "CREATE TABLE audit_seal ("
    " audit_id INTEGER NOT NULL,"
    " entity TEXT NOT NULL, entity_id INTEGER NOT NULL,"
    " hash TEXT NOT NULL,"
    " PRIMARY KEY (audit_id, entity, entity_id)"
    ") STRICT, WITHOUT ROWID",
    "CREATE INDEX audit_seal_entity ON audit_seal(entity, entity_id,"
    " audit_id)",
    "CREATE TRIGGER audit_seal_append_only_u BEFORE UPDATE ON audit_seal"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER audit_seal_append_only_d BEFORE DELETE ON audit_seal"
    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    NULL};

const struct seal_kind *db_audit_kind_of(const char *entity)
{
	for (size_t i = 0; i < N_KINDS; i++)
		if (strcmp(db_audit_kinds[i].entity, entity) == 0)
			return &db_audit_kinds[i];
	return NULL;
}

static int exec(struct db *db, const char *sql)
{
	return store_exec(db->conn, sql);
}

/* Appends a watched table's key expression with X. as row. */
static void put_key(struct strbuf *sb, const char *key, const char *row)
{
	for (const char *p = key; *p; p++) {
		if (p[0] == 'X' && p[1] == '.')
			strbuf_puts(sb, row);
		else
			strbuf_putc(sb, *p);
	}
}

/* Creates the per-connection table of touched records and, on SQLite,
 * the temporary triggers that fill it (on PostgreSQL the schema's own
 * triggers fill it: db_audit_watch_sql_pg). Idempotent; cheap after the
 * first call. */
enum tb_status db_audit_watch(struct db *db)
{
	if (db->watching)
		return TB_OK;
	if (store_engine(db->conn) != STORE_ENGINE_SQLITE) {
		/* a connection's temporary table: filled by the triggers
		 * only where it exists, so a write from elsewhere (psql)
		 * is sealed by nothing and found by verify */
		if (exec(db, "CREATE TEMP TABLE IF NOT EXISTS tb_dirty ("
			     " entity TEXT NOT NULL, id BIGINT NOT NULL,"
			     " PRIMARY KEY (entity, id))") != STORE_OK)
			return TB_DB;
		db->watching = true;
		return TB_OK;
	}
	if (exec(db, "CREATE TEMP TABLE IF NOT EXISTS tb_dirty ("
		     " entity TEXT NOT NULL, id INTEGER NOT NULL,"
		     " PRIMARY KEY (entity, id)) WITHOUT ROWID") != STORE_OK)
		return TB_DB;
	static const char *const events[] = {"INSERT", "UPDATE", "DELETE"};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(watched); i++) {
		/* during an upgrade a later step's table does not exist yet
		 * (migrate() watches again after each step) */
		if (!store_table_exists(db->conn, watched[i].table))
			continue;
		for (size_t e = 0; e < 3; e++) {
			struct strbuf sb = {0};
			strbuf_printf(&sb,
				      "CREATE TEMP TRIGGER IF NOT EXISTS"
				      " tb_watch_%s_%c AFTER %s ON main.%s"
				      " BEGIN",
				      watched[i].table, "iud"[e], events[e],
				      watched[i].table);
			/* new row for insert and update, old for update and
			 * delete */
			for (int which = 0; which < 2; which++) {
				if ((which == 0 && e == 2) ||
				    (which == 1 && e == 0))
					continue;
				/* an upsert, not an OR clause (an outer
				 * statement's conflict clause would override
				 * that); not a NOT EXISTS on tb_dirty either:
				 * an INSERT that reads its own table copies
				 * its rows to a temporary table first, for
				 * every row written (a tenth of an import) */
				strbuf_printf(
				    &sb,
				    " INSERT INTO tb_dirty (entity, id)"
				    " SELECT '%s', k FROM (SELECT ",
				    watched[i].entity);
				put_key(&sb, watched[i].key,
					which == 0 ? "new" : "old");
				strbuf_puts(&sb, " AS k) WHERE k IS NOT NULL"
						 " ON CONFLICT DO NOTHING;");
			}
			strbuf_puts(&sb, " END");
			int rc = exec(db, sb.buf);
			strbuf_done(&sb);
			if (rc != STORE_OK)
				return TB_DB;
		}
	}
	db->watching = true;
	return TB_OK;
}

char *db_audit_watch_sql_pg(size_t i)
{
	if (i >= UTIL_ARRAY_LEN(watched))
		return NULL;
	struct strbuf sb = {0};
	strbuf_printf(&sb,
		      "CREATE OR REPLACE FUNCTION tb_watch_%s() RETURNS"
		      " trigger LANGUAGE plpgsql AS $$ DECLARE k BIGINT;"
		      " BEGIN IF to_regclass('pg_temp.tb_dirty') IS NULL"
		      " THEN RETURN NULL; END IF;",
		      watched[i].table);
	for (int which = 0; which < 2; which++) {
		strbuf_printf(&sb, " IF TG_OP <> '%s' THEN k := ",
			      which == 0 ? "DELETE" : "INSERT");
		put_key(&sb, watched[i].key, which == 0 ? "NEW" : "OLD");
		strbuf_printf(&sb,
			      "; IF k IS NOT NULL THEN INSERT INTO"
			      " pg_temp.tb_dirty (entity, id) VALUES ('%s',"
			      " k) ON CONFLICT DO NOTHING; END IF; END IF;",
			      watched[i].entity);
	}
	strbuf_printf(&sb,
		      " RETURN NULL; END $$; CREATE OR REPLACE TRIGGER"
		      " tb_watch_%s AFTER INSERT OR UPDATE OR DELETE ON %s"
		      " FOR EACH ROW EXECUTE FUNCTION tb_watch_%s()",
		      watched[i].table, watched[i].table, watched[i].table);
	return strbuf_detach(&sb);
}

/* ------------------------------------------------------------------------
 * Appending
 * ---------------------------------------------------------------------- */

/* The text hashed for an entry. fmt 1 (schema 1–9): the columns and the
 * previous hash. fmt 2: also the entry's own id and the digest of its
 * seals, so renumbering or dropping a seal breaks the chain. */
char *db_audit_material(int fmt, long long id, const char *at,
			const char *actor, const char *action,
			const char *entity, long long entity_id,
			const char *detail, const char *prev, const char *seals)
{
	if (fmt == 1)
		return xasprintf("%s\n%s\n%s\n%s\n%s\n%lld\n%s", prev, at,
				 actor, action, entity, entity_id, detail);
	return xasprintf("v2\n%lld\n%s\n%s\n%s\n%s\n%s\n%lld\n%s\n%s", id, prev,
			 at, actor, action, entity, entity_id, detail,
			 seals ? seals : "-");
}

/* The records the open transaction touched (tb_dirty), each with its
 * newest seal's hash and its hash as it is now, read once: a commit that
 * finds some changed seals them with the hashes it compared. */
struct dirty_rec {
	size_t k, bank;
	long long id;
	bool ranged; /* read with its neighbours (read_ranges) */
	char last[HASH_HEX_LEN + 1]; /* "" when never sealed */
	char now[HASH_HEX_LEN + 1];
};
struct dirty_set {
	struct dirty_rec *v;
	size_t n, cap;
	long long changed; /* how many differ from their newest seal */
};

/* Records of a kind this near each other (a run of SEAL_RANGE_MIN or
 * more, no two more than SEAL_RANGE_GAP ids apart: an import's cases)
 * are read by ranges, a statement a part for the run instead of one a
 * record; the few records between them are read for nothing. */
#define SEAL_RANGE_MIN 8
#define SEAL_RANGE_GAP 4

struct range_fill {
	struct dirty_rec *v;
	size_t n, at;
};

static void range_take(long long id, const char *hash, void *arg)
{
	struct range_fill *f = arg;
	while (f->at < f->n && f->v[f->at].id < id)
		f->at++;
	if (f->at < f->n && f->v[f->at].id == id)
		snprintf(f->v[f->at].now, sizeof(f->v[f->at].now), "%s", hash);
}

static enum tb_status read_ranges(struct db *db, struct dirty_set *ds)
{
	for (size_t i = 0, j; i < ds->n; i = j) {
		for (j = i + 1; j < ds->n && ds->v[j].k == ds->v[i].k &&
				ds->v[j].id - ds->v[j - 1].id <= SEAL_RANGE_GAP;
		     j++)
			;
		if (j - i < SEAL_RANGE_MIN)
			continue;
		struct range_fill f = {ds->v + i, j - i, 0};
		for (size_t m = i; m < j; m++) {
			ds->v[m].ranged = true;
			/* a record removed: no row, as record_read says */
			snprintf(ds->v[m].now, sizeof(ds->v[m].now), "-");
		}
		if (db_audit_record_hashes(db, ds->v[i].k, ds->v[i].id,
					   ds->v[j - 1].id, range_take,
					   &f) != TB_OK)
			return TB_DB;
	}
	return TB_OK;
}

/* Reads sel (DB_STMT_DIRTY_SEALS, sent ahead or not) into ds, then each
 * record's hash now; head (the audit log's, or NULL) is sent with the
 * records' parts when there are any, for the entry that seals them. */
static enum tb_status dirty_read(struct db *db, struct store_stmt *sel,
				 struct store_stmt *head, struct dirty_set *ds)
{
	int rc;
	while ((rc = store_step(sel)) == STORE_ROW) {
		const char *entity = db_column_text(sel, 0);
		const struct seal_kind *k =
		    entity ? db_audit_kind_of(entity) : NULL;
		assert(k); /* tb_dirty is filled from watched[] only */
		if (!k) {
			store_reset(sel);
			return TB_DB;
		}
		if (ds->n == ds->cap) {
			ds->cap = ds->cap ? 2 * ds->cap : 8;
			ds->v = xrealloc(ds->v, ds->cap * sizeof(*ds->v));
		}
		struct dirty_rec *r = &ds->v[ds->n++];
		const char *last = db_column_text(sel, 2);
		r->k = (size_t)(k - db_audit_kinds);
		r->id = store_column_int64(sel, 1);
		r->ranged = false;
		snprintf(r->last, sizeof(r->last), "%s", last ? last : "");
	}
	store_reset(sel);
	if (rc != STORE_DONE)
		return TB_DB;
	enum tb_status st = TB_OK;
	if (head && ds->n && store_send(head) != STORE_OK)
		st = TB_DB;
	if (st == TB_OK)
		st = read_ranges(db, ds);
	/* the others' parts sent together, DB_SEAL_BANKS records of a
	 * kind at a time (one round trip on a server), then read in order */
	for (size_t i = 0, j; i < ds->n && st == TB_OK; i = j) {
		size_t used[N_KINDS] = {0};
		for (j = i; j < ds->n && used[ds->v[j].k] < DB_SEAL_BANKS;
		     j++) {
			if (ds->v[j].ranged)
				continue;
			ds->v[j].bank = used[ds->v[j].k]++;
			if (st == TB_OK)
				st = db_audit_record_send(
				    db, ds->v[j].bank, ds->v[j].k, ds->v[j].id);
		}
		for (size_t m = i; m < j; m++) {
			struct dirty_rec *r = &ds->v[m];
			if (r->ranged)
				continue;
			if (st != TB_OK)
				db_audit_record_unsend(db, r->bank, r->k);
			else
				st = db_audit_record_read(db, r->bank, r->k,
							  r->id, r->now);
		}
	}
	/* rewritten as it was (an unchanged re-import): the newest seal
	 * still holds */
	for (size_t i = 0; i < ds->n && st == TB_OK; i++)
		if (strcmp(ds->v[i].last, ds->v[i].now) != 0)
			ds->changed++;
	return st;
}

/* Seals the records of ds that differ from their newest seal into entry
 * audit_id and empties tb_dirty; the digest of the seal lines goes to
 * digest ("-" for none). */
static enum tb_status dirty_seal(struct db *db, const struct dirty_set *ds,
				 long long audit_id,
				 char digest[HASH_HEX_LEN + 1])
{
	struct store_stmt *ins = db_stmt(db, DB_STMT_SEAL_INSERT);
	struct store_stmt *clear = db_stmt(db, DB_STMT_DIRTY_CLEAR);
	struct strbuf lines = {0};
	enum tb_status status = TB_DB;
	long long n = 0;
	int rc;

	snprintf(digest, HASH_HEX_LEN + 1, "-");
	if (!ins || !clear)
		return TB_DB;
	for (size_t i = 0; i < ds->n; i++) {
		const struct dirty_rec *r = &ds->v[i];
		if (strcmp(r->last, r->now) == 0)
			continue;
		const char *entity = db_audit_kinds[r->k].entity;
		store_bind_int64(ins, 1, audit_id);
		store_bind_text(ins, 2, entity);
		store_bind_int64(ins, 3, r->id);
		store_bind_text(ins, 4, r->now);
		rc = store_step(ins);
		store_reset(ins);
		if (rc != STORE_DONE)
			goto cleanup;
		strbuf_puts(&lines, entity);
		strbuf_putc(&lines, '\t');
		strbuf_printf(&lines, "%lld", r->id);
		strbuf_putc(&lines, '\t');
		strbuf_puts(&lines, r->now);
		strbuf_putc(&lines, '\n');
		n++;
	}
	if (n)
		hash_sha256_hex(lines.buf, lines.len, digest);
	rc = store_step(clear);
	store_reset(clear);
	if (rc != STORE_DONE)
		goto cleanup;
	status = TB_OK;
cleanup:
	store_clear_bindings(ins);
	strbuf_done(&lines);
	return status;
}

static void dirty_done(struct dirty_set *ds)
{
	free(ds->v);
	memset(ds, 0, sizeof(*ds));
}

/* db_audit_append with the touched records already read (dirty), or
 * read here (NULL): the log's head and tb_dirty are sent together (one
 * round trip on a server). */
static enum tb_status append_entry(struct db *db, const char *actor,
				   const char *action, const char *entity,
				   long long entity_id, const char *detail,
				   const struct dirty_set *dirty)
{
	struct store_stmt *last = db_stmt(db, DB_STMT_AUDIT_LAST);
	struct store_stmt *ins = db_stmt(db, DB_STMT_AUDIT_INSERT);
	struct store_stmt *sel = NULL;
	struct dirty_set read = {0};
	char prev[HASH_HEX_LEN + 1] = "genesis";
	char hash[HASH_HEX_LEN + 1];
	char seals[HASH_HEX_LEN + 1] = "-";
	char at[21], last_at[21] = "";
	long long id = 1;
	enum tb_status st = TB_OK;

	/* an entry is always part of a write transaction, and never holds
	 * more than names and counts */
	assert(actor && action && entity && detail);
	assert(store_in_transaction(db->conn));
	if (!last || !ins)
		return TB_DB;
	/* db_audit_seal_later: the records are left to a seal entry */
	if (db->watching && !dirty && !db->seal_later) {
		sel = db_stmt(db, DB_STMT_DIRTY_SEALS);
		if (!sel)
			return TB_DB;
	}
	if (db->appended) {
		/* this transaction's own last entry is the head: the
		 * writers' lock keeps every other writer out */
		id = db->head_seq + 1;
		snprintf(prev, sizeof(prev), "%s", db->head_hash);
	} else {
		if (sel && (store_send(last) != STORE_OK ||
			    store_send(sel) != STORE_OK))
			st = TB_DB;
		if (st == TB_OK)
			st = db_chain_tail(last, &id, prev, last_at);
		else
			store_reset(last);
	}
	if (st == TB_OK && sel) {
		st = dirty_read(db, sel, NULL, &read);
		dirty = &read;
	} else if (sel) {
		store_reset(sel);
	}
	if (st == TB_OK && dirty)
		st = dirty_seal(db, dirty, id, seals);
	dirty_done(&read);
	if (st != TB_OK)
		return st;
	/* never before the entry it follows (a clock set back) */
	clock_timestamp_after(at, last_at);
	char *m = db_audit_material(2, id, at, actor, action, entity, entity_id,
				    detail, prev, seals);
	hash_sha256_hex(m, strlen(m), hash);
	free(m);

	store_bind_int64(ins, 1, id);
	store_bind_text(ins, 2, at);
	store_bind_text(ins, 3, actor);
	store_bind_text(ins, 4, action);
	store_bind_text(ins, 5, entity);
	store_bind_int64(ins, 6, entity_id);
	store_bind_text(ins, 7, detail);
	store_bind_text(ins, 8, prev);
	store_bind_text(ins, 9, hash);
	store_bind_text(ins, 10, seals);
	if (store_step(ins) != STORE_DONE)
		st = TB_DB;
	store_reset(ins);
	store_clear_bindings(ins);
	if (st == TB_OK) {
		db->head_seq = id;
		snprintf(db->head_hash, sizeof(db->head_hash), "%s", hash);
		db->appended = true;
		if (sel || dirty) /* tb_dirty is empty now */
			db->entry_writes = store_writes(db->conn);
		db->dv_txn_audit++; /* db_data_version: this one's own */
	}
	return st;
}

static enum tb_status seal_pending(struct db *db);

enum tb_status db_audit_append(struct db *db, const char *actor,
			       const char *action, const char *entity,
			       long long entity_id, const char *detail)
{
	enum tb_status st =
	    append_entry(db, actor, action, entity, entity_id, detail, NULL);
	if (st == TB_OK && db->watching && db->seal_later &&
	    ++db->seal_owed >= DB_SEAL_LATER_EVERY)
		st = seal_pending(db);
	return st;
}

void db_audit_seal_later(struct db *db)
{
	assert(store_in_transaction(db->conn));
	db->seal_later = true;
	db->seal_owed = 0;
}

#ifndef NDEBUG
/* How many records the open transaction touched. */
static enum tb_status dirty_count(struct db *db, long long *n)
{
	struct store_stmt *st = NULL;
	*n = 0;
	if (store_prepare(db->conn, "SELECT count(*) FROM tb_dirty", 0, &st) !=
	    STORE_OK)
		return TB_DB;
	int rc = store_step(st);
	if (rc == STORE_ROW)
		*n = store_column_int64(st, 0);
	store_finalize(st);
	return rc == STORE_ROW ? TB_OK : TB_DB;
}
#endif

enum tb_status db_audit_before_commit(struct db *db)
{
	if (!db->watching)
		return TB_OK;
	/* an entry of this transaction emptied tb_dirty: when nothing was
	 * written since, there is nothing to read (a round trip on a
	 * server) */
	if (db->appended && store_writes(db->conn) == db->entry_writes)
		return TB_OK;
	return seal_pending(db);
}

/* Seals what the open transaction wrote and no entry sealed, by an entry
 * of its own. */
static enum tb_status seal_pending(struct db *db)
{
	db->seal_owed = 0;
	/* the touched records and their hashes, read once: compared with
	 * their newest seals here and, when some changed, sealed with the
	 * same hashes */
	struct store_stmt *sel = db_stmt(db, DB_STMT_DIRTY_SEALS);
	/* the log's head goes with the records: the entry that seals them
	 * needs it (unless this transaction appended one already) */
	struct store_stmt *head =
	    db->appended ? NULL : db_stmt(db, DB_STMT_AUDIT_LAST);
	struct dirty_set ds = {0};
	if (!sel || (!db->appended && !head) ||
	    dirty_read(db, sel, head, &ds) != TB_OK) {
		if (head)
			store_reset(head);
		dirty_done(&ds);
		return TB_DB;
	}
	if (head && !ds.changed)
		store_reset(head); /* sent and not needed */
	enum tb_status s = TB_OK;
	if (!ds.n) {
		/* nothing touched */
	} else if (!ds.changed) {
		/* rows changed after the transaction's last entry (or in one
		 * that made none) and all as their newest seal says */
		struct store_stmt *clear = db_stmt(db, DB_STMT_DIRTY_CLEAR);
		s = clear && store_step(clear) == STORE_DONE ? TB_OK : TB_DB;
		if (clear)
			store_reset(clear);
	} else {
		/* sealed by an entry of their own */
		char *detail = xasprintf(
		    /* untranslated: an audit detail */ "%lld record%s sealed",
		    ds.changed, ds.changed == 1 ? "" : "s");
		s = append_entry(db, db_actor(), "seal", "records", 0, detail,
				 &ds);
		free(detail);
#ifndef NDEBUG
		/* the invariant the archive rests on: nothing is committed
		 * that no audit entry sealed; asked where a statement is a
		 * call in the process, not a round trip to a server (the
		 * code above is the same on both engines) */
		long long n = 0;
		assert(s != TB_OK ||
		       store_engine(db->conn) != STORE_ENGINE_SQLITE ||
		       (dirty_count(db, &n) == TB_OK && n == 0));
#endif
	}
	dirty_done(&ds);
	return s;
}

enum tb_status db_audit_seal_all(struct db *db, const char *action,
				 const char *detail)
{
	enum tb_status st = db_audit_watch(db);
	long long n = 0;
	for (size_t k = 0; st == TB_OK && k < N_KINDS; k++) {
		struct store_stmt *ids = NULL;
		struct store_stmt *ins = NULL;
		/* an upgrade seals at step 10 what exists then: a later
		 * step's kind (users) has no table yet */
		if (store_prepare(db->conn, db_audit_kinds[k].ids, 0, &ids) !=
			STORE_OK &&
		    strncmp(store_errmsg(db->conn),
			    /* untranslated: an audit detail */ "no such table",
			    13) == 0)
			continue;
		store_finalize(ids);
		ids = NULL;
		st = TB_DB;
		if (store_prepare(db->conn, db_audit_kinds[k].ids, 0, &ids) ==
			STORE_OK &&
		    store_prepare(db->conn,
				  "INSERT INTO tb_dirty (entity, id)"
				  " VALUES (?1, ?2) ON CONFLICT DO NOTHING",
				  0, &ins) == STORE_OK) {
			int rc;
			st = TB_OK;
			while (st == TB_OK &&
			       (rc = store_step(ids)) == STORE_ROW) {
				store_bind_text(ins, 1,
						db_audit_kinds[k].entity);
				store_bind_int64(ins, 2,
						 store_column_int64(ids, 0));
				if (store_step(ins) != STORE_DONE)
					st = TB_DB;
				store_reset(ins);
				n++;
			}
			if (st == TB_OK && rc != STORE_DONE)
				st = TB_DB;
		}
		store_finalize(ids);
		store_finalize(ins);
	}
	if (st == TB_OK && n)
		st = db_audit_append(db, db_actor(), action, "records", n,
				     detail);
	return st;
}

enum tb_status db_audit_detail(struct db *db, const char *action,
			       const char *entity, long long id, char **detail)
{
	struct store_stmt *st = NULL;
	enum tb_status rc = TB_DB;
	*detail = NULL;
	if (store_prepare(db->conn,
			  "SELECT detail FROM audit WHERE action = ?1 AND"
			  " entity = ?2 AND entity_id = ?3"
			  " ORDER BY id DESC LIMIT 1",
			  0, &st) == STORE_OK) {
		store_bind_text(st, 1, action);
		store_bind_text(st, 2, entity);
		store_bind_int64(st, 3, id);
		int r = store_step(st);
		if (r == STORE_ROW) {
			*detail = db_column_dup(st, 0);
			if (!*detail)
				*detail = xstrdup("");
			rc = TB_OK;
		} else if (r == STORE_DONE)
			rc = TB_NOT_FOUND;
	}
	store_finalize(st);
	return rc;
}

/*
 * The schema on PostgreSQL (db_schema_pg.c) against the schema on SQLite
 * (db_open): the same tables, columns (type, NOT NULL, primary key),
 * unique constraints and indexes, foreign keys and append-only guards,
 * read from each engine's catalogue, so that the two cannot drift; the
 * application role's privileges (the append-only tables only read and
 * added to, even with the guards gone) and the guards refusing their
 * owner. Run through tests/pg_store.sh against tests/pg-server.sh.
 */
#include "testutil.h"

#include "db.h"
#include "db_access.h"
#include "db_schema_pg.h"
#include "fts_word.h"
#include "store.h"

static const char *owner_uri, *app_uri;

/* Full-text tables differ by design (FTS5 virtual tables and their
 * shadow tables on SQLite; tsvector tables on PostgreSQL); the schema
 * version is a pragma on SQLite. */
static bool engine_own(const char *table)
{
	/* the case list's rows in list order (db_case_row.c) */
	return strstr(table, "_fts") || strncmp(table, "sqlite_", 7) == 0 ||
	       strcmp(table, "schema_version") == 0 ||
	       strcmp(table, "case_row") == 0 ||
	       strcmp(table, "queue_count") == 0;
}

/* The indexes of the case list's order each engine keeps: SQLite reads
 * the list from case_row and finds a period by cases_referral (schema
 * 31), PostgreSQL reads cases by cases_list and cases_queue. */
static bool engine_own_index(bool sqlite, const char *name)
{
	return sqlite ? strcmp(name, "cases_referral") == 0
		      : strcmp(name, "cases_list") == 0 ||
			    strcmp(name, "cases_queue") == 0;
}

struct lines {
	char **v;
	size_t n;
};

static void add(struct lines *l, char *line)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = line;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static struct store_stmt *q(struct store *s, const char *sql)
{
	struct store_stmt *st = NULL;
	if (store_prepare(s, sql, 0, &st) != STORE_OK)
		fail_msg("%s: %s", sql, store_errmsg(s));
	return st;
}

static const char *txt(struct store_stmt *st, int col)
{
	const char *v = store_column_text(st, col);
	return v ? v : "";
}

/* The type as both engines can say it. */
static const char *type_class(const char *t)
{
	if (strcasecmp(t, "INTEGER") == 0 || strcmp(t, "bigint") == 0)
		return "integer";
	if (strcasecmp(t, "REAL") == 0 || strcmp(t, "double precision") == 0)
		return "real";
	if (strcasecmp(t, "TEXT") == 0 || strcmp(t, "text") == 0)
		return "text";
	return t;
}

/* Tables, columns, indexes, foreign keys and guards of the SQLite file. */
static void sqlite_schema(struct store *s, struct lines *out)
{
	struct store_stmt *t = q(s, "SELECT name FROM sqlite_master WHERE"
				    " type = 'table' ORDER BY name");
	while (store_step(t) == STORE_ROW) {
		const char *table = txt(t, 0);
		if (engine_own(table))
			continue;
		add(out, xasprintf("table %s", table));
		struct store_stmt *c =
		    q(s, "SELECT name, type, \"notnull\", pk FROM"
			 " pragma_table_info(?1) ORDER BY cid");
		store_bind_text(c, 1, table);
		while (store_step(c) == STORE_ROW) {
			int pk = store_column_int(c, 3);
			add(out,
			    xasprintf("column %s.%s %s%s%s", table, txt(c, 0),
				      type_class(txt(c, 1)),
				      store_column_int(c, 2) || pk ? " not null"
								   : "",
				      pk ? " primary key" : ""));
		}
		store_finalize(c);
		struct store_stmt *i = q(
		    s, "SELECT l.name, l.\"unique\", l.origin, l.partial,"
		       " (SELECT group_concat(name, ',') FROM (SELECT name"
		       " FROM pragma_index_info(l.name) ORDER BY seqno))"
		       " FROM pragma_index_list(?1) l WHERE l.origin <> 'pk'");
		store_bind_text(i, 1, table);
		while (store_step(i) == STORE_ROW) {
			bool made = strcmp(txt(i, 2), "c") == 0;
			if (engine_own_index(true, txt(i, 0)))
				continue;
			add(out,
			    xasprintf(
				"index %s%s%s (%s)%s%s", table, made ? " " : "",
				made ? txt(i, 0) : "", txt(i, 4),
				store_column_int(i, 1) ? " unique" : "",
				store_column_int(i, 3) ? " partial" : ""));
		}
		store_finalize(i);
		struct store_stmt *f =
		    q(s, "SELECT \"from\", \"table\", \"to\", on_delete FROM"
			 " pragma_foreign_key_list(?1)");
		store_bind_text(f, 1, table);
		while (store_step(f) == STORE_ROW)
			add(out, xasprintf("foreign key %s.%s -> %s.%s on "
					   "delete %s",
					   table, txt(f, 0), txt(f, 1),
					   txt(f, 2), txt(f, 3)));
		store_finalize(f);
	}
	store_finalize(t);
	struct store_stmt *g =
	    q(s, "SELECT tbl_name, name, sql LIKE '%BEFORE UPDATE%' FROM"
		 " sqlite_master WHERE type = 'trigger' AND sql LIKE"
		 " '%RAISE(ABORT%' ORDER BY name");
	while (store_step(g) == STORE_ROW) {
		add(out,
		    xasprintf("guard %s %s %s", txt(g, 0), txt(g, 1),
			      store_column_int(g, 2) ? "update" : "delete"));
		if (!store_column_int(g, 2))
			add(out, xasprintf("truncate refused %s", txt(g, 0)));
	}
	store_finalize(g);
	qsort(out->v, out->n, sizeof(*out->v), cmp);
}

static void pg_schema(struct store *s, struct lines *out)
{
	struct store_stmt *t =
	    q(s, "SELECT c.relname FROM pg_class c WHERE c.relkind = 'r' AND"
		 " c.relnamespace = 'public'::regnamespace ORDER BY 1");
	while (store_step(t) == STORE_ROW) {
		const char *table = txt(t, 0);
		if (engine_own(table))
			continue;
		add(out, xasprintf("table %s", table));
		struct store_stmt *c =
		    q(s, "SELECT a.attname, format_type(a.atttypid, NULL),"
			 " a.attnotnull, EXISTS (SELECT 1 FROM pg_index i WHERE"
			 " i.indrelid = a.attrelid AND i.indisprimary AND"
			 " a.attnum = ANY (i.indkey))"
			 " FROM pg_attribute a WHERE a.attrelid = ?1::regclass"
			 " AND a.attnum > 0 AND NOT a.attisdropped"
			 " ORDER BY a.attnum");
		store_bind_text(c, 1, table);
		while (store_step(c) == STORE_ROW) {
			int pk = store_column_int(c, 3);
			add(out,
			    xasprintf("column %s.%s %s%s%s", table, txt(c, 0),
				      type_class(txt(c, 1)),
				      store_column_int(c, 2) || pk ? " not null"
								   : "",
				      pk ? " primary key" : ""));
		}
		store_finalize(c);
		struct store_stmt *i = q(
		    s,
		    "SELECT x.relname, i.indisunique, EXISTS (SELECT 1 FROM"
		    " pg_constraint k WHERE k.conindid = i.indexrelid AND"
		    " k.contype = 'u'), i.indpred IS NOT NULL,"
		    " (SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM"
		    " unnest(i.indkey) WITH ORDINALITY AS k(col, n) JOIN"
		    " pg_attribute a ON a.attrelid = i.indrelid AND"
		    " a.attnum = k.col)"
		    " FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid"
		    " WHERE i.indrelid = ?1::regclass AND NOT i.indisprimary");
		store_bind_text(i, 1, table);
		while (store_step(i) == STORE_ROW) {
			bool made = !store_column_int(i, 2);
			if (engine_own_index(false, txt(i, 0)))
				continue;
			add(out,
			    xasprintf(
				"index %s%s%s (%s)%s%s", table, made ? " " : "",
				made ? txt(i, 0) : "", txt(i, 4),
				store_column_int(i, 1) ? " unique" : "",
				store_column_int(i, 3) ? " partial" : ""));
		}
		store_finalize(i);
		struct store_stmt *f = q(
		    s, "SELECT a.attname, c.confrelid::regclass::text,"
		       " af.attname, CASE c.confdeltype WHEN 'c' THEN"
		       " 'CASCADE' ELSE 'NO ACTION' END"
		       " FROM pg_constraint c, unnest(c.conkey, c.confkey)"
		       " AS k(col, fcol), pg_attribute a, pg_attribute af"
		       " WHERE c.contype = 'f' AND c.conrelid = ?1::regclass"
		       " AND a.attrelid = c.conrelid AND a.attnum = k.col"
		       " AND af.attrelid = c.confrelid AND af.attnum = k.fcol");
		store_bind_text(f, 1, table);
		while (store_step(f) == STORE_ROW)
			add(out, xasprintf("foreign key %s.%s -> %s.%s on "
					   "delete %s",
					   table, txt(f, 0), txt(f, 1),
					   txt(f, 2), txt(f, 3)));
		store_finalize(f);
	}
	store_finalize(t);
	/* the guards: row triggers calling tb_refuse; TRUNCATE refused by
	 * a statement trigger */
	struct store_stmt *g =
	    q(s, "SELECT tgrelid::regclass::text, tgname, tgtype & 1 = 1,"
		 " tgtype & 16 = 16, tgtype & 32 = 32 FROM pg_trigger"
		 " WHERE NOT tgisinternal AND tgfoid = 'tb_refuse'::regproc"
		 " ORDER BY tgname");
	while (store_step(g) == STORE_ROW) {
		if (!store_column_int(g, 2)) {
			if (store_column_int(g, 4))
				add(out, xasprintf("truncate refused %s",
						   txt(g, 0)));
			continue;
		}
		add(out,
		    xasprintf("guard %s %s %s", txt(g, 0), txt(g, 1),
			      store_column_int(g, 3) ? "update" : "delete"));
	}
	store_finalize(g);
	qsort(out->v, out->n, sizeof(*out->v), cmp);
}

static struct store *open_pg(const char *uri)
{
	struct store *s = NULL;
	char *err = NULL;
	if (store_open(uri, STORE_OPEN_READWRITE, &s, &err) != STORE_OK)
		fail_msg("%s: %s", uri, err);
	return s;
}

/* An empty public schema, as the server's administrator leaves it. */
static int empty_database(void **state)
{
	(void)state;
	struct store *s = open_pg(owner_uri);
	if (store_exec(s, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
			  " REVOKE ALL ON SCHEMA public FROM PUBLIC;"
			  " GRANT USAGE ON SCHEMA public TO tumorboard_app") !=
	    STORE_OK)
		fail_msg("%s", store_errmsg(s));
	store_close(s);
	return 0;
}

static void test_same_schema(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/archive.db", dir);
	struct db *db = NULL;
	char *err = NULL;
	struct lines a = {0}, b = {0};

	if (db_open(path, false, &db, &err) != TB_OK)
		fail_msg("%s", err);
	db_close(&db);
	struct store *lite = NULL;
	assert_int_equal(store_open(path, STORE_OPEN_READONLY, &lite, &err),
			 STORE_OK);
	sqlite_schema(lite, &a);
	store_close(lite);

	struct store *pg = open_pg(owner_uri);
	if (db_schema_pg_create(pg, &err) != TB_OK)
		fail_msg("%s", err);
	int v = 0;
	assert_int_equal(store_schema_version(pg, &v), STORE_OK);
	assert_int_equal(v, DB_SCHEMA_VERSION);
	pg_schema(pg, &b);
	/* a second time: refused, nothing changed */
	assert_int_equal(db_schema_pg_create(pg, &err), TB_INVALID);
	assert_non_null(strstr(err, "already holds schema version"));
	free(err);
	store_close(pg);

	/* line by line, so that a difference says what it is */
	size_t i = 0, j = 0, diffs = 0;
	/* TB_SCHEMA_DUMP=1 prints what was compared */
	for (size_t k = 0; getenv("TB_SCHEMA_DUMP") && k < b.n; k++)
		print_message("%s\n", b.v[k]);
	while (i < a.n || j < b.n) {
		int c = i == a.n ? 1 : j == b.n ? -1 : strcmp(a.v[i], b.v[j]);
		if (c < 0)
			print_message("only on SQLite:     %s\n", a.v[i++]);
		else if (c > 0)
			print_message("only on PostgreSQL: %s\n", b.v[j++]);
		else {
			i++;
			j++;
			continue;
		}
		diffs++;
	}
	assert_int_equal(diffs, 0);
	/* and the comparison saw the schema, not two empty lists */
	size_t tables = 0, guards = 0;
	for (i = 0; i < a.n; i++) {
		tables += strncmp(a.v[i], "table ", 6) == 0;
		guards += strncmp(a.v[i], "guard ", 6) == 0;
	}
	assert_true(tables >= 30);
	assert_int_equal(guards, 12);

	lines_free(&a);
	lines_free(&b);
	test_rmtree(dir);
	free(path);
	free(dir);
}

static void test_a_difference_is_found(void **state)
{
	(void)state;
	/* the comparison fails when one side lacks something: a guard
	 * dropped, a column's NOT NULL gone */
	char *err = NULL;
	struct store *pg = open_pg(owner_uri);
	struct lines a = {0}, b = {0};
	assert_int_equal(db_schema_pg_create(pg, &err), TB_OK);
	pg_schema(pg, &a);
	assert_int_equal(store_exec(pg, "DROP TRIGGER audit_append_only_u ON"
					" audit; ALTER TABLE cases ALTER"
					" COLUMN question DROP NOT NULL"),
			 STORE_OK);
	pg_schema(pg, &b);
	assert_int_equal(a.n, b.n + 1);
	size_t same = 0;
	for (size_t i = 0, j = 0; i < a.n && j < b.n;) {
		int c = strcmp(a.v[i], b.v[j]);
		if (c == 0) {
			same++;
			i++;
			j++;
		} else if (c < 0)
			i++;
		else
			j++;
	}
	assert_int_equal(same, b.n - 1);
	lines_free(&a);
	lines_free(&b);
	store_close(pg);
}

/* Whether sql is refused with code rc on connection s. */
static void refused(struct store *s, const char *sql, int rc, const char *part)
{
	int got = store_exec(s, sql);
	if (got != rc)
		fail_msg("%s: %d (%s), want %d", sql, got, store_errmsg(s), rc);
	if (part && !strstr(store_errmsg(s), part))
		fail_msg("%s: '%s' lacks '%s'", sql, store_errmsg(s), part);
}

static void test_append_only(void **state)
{
	(void)state;
	char *err = NULL;
	struct store *own = open_pg(owner_uri);
	assert_int_equal(db_schema_pg_create(own, &err), TB_OK);
	struct store *app = open_pg(app_uri);

	/* the application adds to the logs */
	static const char *const rows[] = {
	    "INSERT INTO audit (id, at, actor, action, entity, entity_id,"
	    " detail, prev_hash, hash, fmt, seals) VALUES (1, 'now', 'a',"
	    " 'x', 'case', 1, '', 'genesis', 'h1', 2, '')",
	    "INSERT INTO audit_seal (audit_id, entity, entity_id, hash)"
	    " VALUES (1, 'case', 1, 'h')",
	    "INSERT INTO research_extract (at, by, purpose, basis, cases,"
	    " decisions, left_out, min_group, key_id, audit_id) VALUES"
	    " ('now', 'a', 'p', 'b', 0, 0, 0, 5, 'k', 1)",
	};
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (store_exec(app, rows[i]) != STORE_OK)
			fail_msg("%s: %s", rows[i], store_errmsg(app));

	/* … and changes none of them: no privilege */
	static const char *const tables[] = {
	    "audit",	  "audit_seal",	   "research_extract",
	    "access_log", "access_review", "decision"};
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		char *u = xasprintf("UPDATE %s SET id = id", tables[i]);
		char *d = xasprintf("DELETE FROM %s", tables[i]);
		char *t = xasprintf("TRUNCATE %s", tables[i]);
		if (strcmp(tables[i], "audit_seal") == 0) {
			free(u);
			u = xstrdup("UPDATE audit_seal SET hash = hash");
		}
		refused(app, u, STORE_CONSTRAINT, "permission denied");
		refused(app, d, STORE_CONSTRAINT, "permission denied");
		refused(app, t, STORE_CONSTRAINT, "permission denied");
		free(u);
		free(d);
		free(t);
	}
	/* the owner is stopped by the guards */
	refused(own, "UPDATE audit SET actor = 'b'", STORE_CONSTRAINT,
		"the audit log is append-only");
	refused(own, "DELETE FROM audit_seal", STORE_CONSTRAINT,
		"the audit log is append-only");
	refused(own, "TRUNCATE research_extract CASCADE", STORE_CONSTRAINT,
		"append-only");
	/* with the guards switched off, the application still cannot */
	assert_int_equal(store_exec(own, "ALTER TABLE audit DISABLE TRIGGER"
					 " USER"),
			 STORE_OK);
	refused(app, "UPDATE audit SET actor = 'b'", STORE_CONSTRAINT,
		"permission denied");
	/* an ordinary table: read and written */
	assert_int_equal(store_exec(app, "UPDATE case_count SET n = n"),
			 STORE_OK);
	/* and the schema is the owner's */
	refused(app, "DROP TABLE audit", STORE_CONSTRAINT, "must be owner");
	refused(app, "ALTER TABLE audit DISABLE TRIGGER USER", STORE_CONSTRAINT,
		"must be owner");
	store_close(app);
	store_close(own);
}

/* The access log's mark (how far its lookups reach, schema 23): the
 * application moves it only as a catch-up does, over entries in both
 * lookups and no further than the newest; it neither adds nor takes
 * away the row. A mark moved on over an entry would hide that read from
 * the patient's extract (log --patient reads only the entries past it
 * one by one). */
static void test_access_mark(void **state)
{
	(void)state;
	char *err = NULL;
	struct store *own = open_pg(owner_uri);
	assert_int_equal(db_schema_pg_create(own, &err), TB_OK);
	struct store *app = open_pg(app_uri);
	static const char *const setup[] = {
	    "INSERT INTO patient (id, pnr, id_type, family_name, given_name,"
	    " birth_date, sex, source, received, updated) VALUES"
	    " (1, '19121212-1212', 'personnummer', 'Öberg', 'Åsa',"
	    " '1912-12-12', 'female', 's', 'r', 'u')",
	    "INSERT INTO access_log (id, at, who, what, patient_id, relation,"
	    " prev_hash, hash) VALUES (1, 'now', 'a', 'show', 1, 'none',"
	    " 'genesis', 'h1'), (2, 'now', 'a', 'show', 1, 'none', 'h1',"
	    " 'h2')",
	};
	for (size_t i = 0; i < 2; i++)
		if (store_exec(app, setup[i]) != STORE_OK)
			fail_msg("%s: %s", setup[i], store_errmsg(app));
	const char *hide = "UPDATE access_log_indexed SET upto = 2";
	refused(app, hide, STORE_CONSTRAINT, "mark moves only over entries");
	refused(app, "UPDATE access_log_indexed SET upto = 9", STORE_CONSTRAINT,
		"mark moves only over entries");
	refused(app, "INSERT INTO access_log_indexed VALUES (9)",
		STORE_CONSTRAINT, "permission denied");
	refused(app, "DELETE FROM access_log_indexed", STORE_CONSTRAINT,
		"permission denied");
	refused(app, "TRUNCATE access_log_indexed", STORE_CONSTRAINT,
		"permission denied");
	/* a catch-up: the entries into the lookups, then the mark */
	assert_int_equal(store_exec(app, "INSERT INTO access_log_by_patient"
					 " VALUES (1, 1), (1, 2)"),
			 STORE_OK);
	assert_int_equal(store_exec(app, hide), STORE_OK);
	refused(app, "UPDATE access_log_indexed SET upto = 1", STORE_CONSTRAINT,
		"mark moves only over entries");
	/* the catch-up of a screen's pause (db_access_lookup_fill), in a
	 * transaction: the new entry into the lookups, the mark on to it,
	 * and the statements the connection keeps prepared still there (a
	 * script would have dropped them all: every statement of the next
	 * key prepared again) */
	const char *kept = "SELECT count(*) FROM access_log WHERE id > ?1";
	struct store_stmt *st = NULL;
	assert_int_equal(store_prepare(app, kept, 0, &st), STORE_OK);
	store_bind_int64(st, 1, 0);
	assert_int_equal(store_step(st), STORE_ROW);
	store_finalize(st);
	assert_int_equal(
	    store_exec(app, "INSERT INTO access_log (id, at, who, what,"
			    " patient_id, relation, prev_hash, hash) VALUES"
			    " (3, 'now', 'a', 'show', 1, 'none', 'h2', 'h3')"),
	    STORE_OK);
	st = NULL;
	assert_int_equal(store_prepare(app, kept, 0, &st), STORE_OK);
	store_finalize(st);
	assert_int_equal(store_begin(app), STORE_OK);
	assert_int_equal(db_access_lookup_fill(app), TB_OK);
	assert_int_equal(store_commit(app), STORE_OK);
	st = q(app, "SELECT (SELECT upto FROM access_log_indexed) || ' ' ||"
		    " (SELECT count(*) FROM access_log_by_patient) || ' ' ||"
		    " (SELECT count(*) FROM pg_prepared_statements WHERE"
		    " statement LIKE '%access_log WHERE id > $1')");
	assert_int_equal(store_step(st), STORE_ROW);
	assert_string_equal(txt(st, 0), "3 3 1");
	store_finalize(st);
	store_close(app);
	store_close(own);
}

/* The version (xmin) of the one case's row of the search index. */
static char *index_row_version(struct store *app)
{
	struct store_stmt *v = q(app, "SELECT xmin::text FROM case_fts");
	assert_int_equal(store_step(v), STORE_ROW);
	char *version = xstrdup(txt(v, 0));
	store_finalize(v);
	return version;
}

/* The count st (a search's, ?1 the query) gives for typed. */
static int found(struct store_stmt *st, const char *typed)
{
	char *tq = store_fts_query(STORE_ENGINE_POSTGRES, typed);
	store_bind_text(st, 1, tq);
	assert_int_equal(store_step(st), STORE_ROW);
	int n = store_column_int(st, 0);
	store_reset(st);
	free(tq);
	return n;
}

static void test_full_text_and_count(void **state)
{
	(void)state;
	char *err = NULL;
	struct store *own = open_pg(owner_uri);
	assert_int_equal(db_schema_pg_create(own, &err), TB_OK);
	struct store *app = open_pg(app_uri);
	static const char *const setup[] = {
	    "INSERT INTO patient (pnr, id_type, family_name, given_name,"
	    " birth_date, sex, source, received, updated) VALUES"
	    " ('19121212-1212', 'personnummer', 'Öberg', 'Åsa',"
	    " '1912-12-12', 'female', 's', 'r', 'u')",
	    "INSERT INTO cases (external_id, patient_id, referral_date, level,"
	    " level_reason, priority, status, icd10, diagnosis_text,"
	    " question, referrer_name, referrer_unit, source, received,"
	    " created, updated) VALUES ('LUNG-1', 1, '2026-01-01', 'local',"
	    " 'r', 'routine', 'referred', 'C34.1', 'Lungcancer',"
	    " 'Behandling?', 'Dr', 'Enhet', 's', 'r', 'c', 'u')",
	};
	for (size_t i = 0; i < 2; i++)
		if (store_exec(app, setup[i]) != STORE_OK)
			fail_msg("%s: %s", setup[i], store_errmsg(app));
	/* as db_case.c asks SQLite, rewritten by the engine: "1-lung" is
	 * the end of C34.1 and the start of Lungcancer; a phrase does not
	 * run from one field into the next (external id, name, diagnosis,
	 * question) */
	struct store_stmt *st = q(app, "SELECT count(*) FROM case_fts"
				       " JOIN cases c ON c.id = case_fts.rowid"
				       " WHERE case_fts MATCH ?1");
	static const struct {
		const char *typed;
		int n;
	} cases[] = {
	    {"åsa", 1},		 {"ASA", 1},	    {"öber lung", 1},
	    {"ober lung", 1},	 {"lung-1", 1},	    {"1-lung", 1},
	    {"c34", 1},		 {"c34.1 lung", 1}, {"behandling", 1},
	    {"behandling?", 1},	 {"per", 0},	    {"-", 0},
	    {"åsa-öberg", 1},	 {"öberg åsa", 1},  {"lung-1 åsa", 1},
	    {"1 lungcancer", 1}, {"lung-c34", 0},   {"behandling-dr", 0}};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *tq =
		    store_fts_query(STORE_ENGINE_POSTGRES, cases[i].typed);
		store_bind_text(st, 1, tq);
		assert_int_equal(store_step(st), STORE_ROW);
		if (store_column_int(st, 0) != cases[i].n)
			fail_msg("%s: %d", cases[i].typed,
				 store_column_int(st, 0));
		store_reset(st);
		free(tq);
	}
	/* a renamed patient is found by the new name */
	assert_int_equal(
	    store_exec(app, "UPDATE patient SET given_name = 'Birgitta'"),
	    STORE_OK);
	assert_int_equal(found(st, "birgit"), 1);
	/* schema 30: a change of status leaves the case's words (and its
	 * row of the index) as they were; a change of a word writes them */
	char *before = index_row_version(app);
	assert_int_equal(store_exec(app, "UPDATE cases SET status = 'listed',"
					 " priority = 'urgent'"),
			 STORE_OK);
	assert_int_equal(store_exec(app, "UPDATE patient SET given_name ="
					 " given_name"),
			 STORE_OK);
	char *after = index_row_version(app);
	assert_string_equal(after, before);
	free(after);
	assert_int_equal(
	    store_exec(app, "UPDATE cases SET question = 'Strålbehandling?'"),
	    STORE_OK);
	after = index_row_version(app);
	assert_string_not_equal(after, before);
	free(after);
	free(before);
	assert_int_equal(found(st, "strålbeh"), 1);
	assert_int_equal(found(st, "behandling?"), 0);
	store_finalize(st);
	st = q(app, "SELECT n FROM case_count");
	assert_int_equal(store_step(st), STORE_ROW);
	assert_int_equal(store_column_int(st, 0), 1);
	store_finalize(st);
	store_close(app);
	store_close(own);
}

/* tb_fts_fold (schema 22: PL/pgSQL, planned once per connection, not
 * parsed into each query that calls it) folds as fts_word's tables say:
 * every character of the Basic Multilingual Plane at once, and text of
 * ASCII alone, for the cases' index and the decisions'. */
static void test_fold(void **state)
{
	(void)state;
	char *err = NULL;
	struct store *own = open_pg(owner_uri);
	assert_int_equal(db_schema_pg_create(own, &err), TB_OK);
	struct store *app = open_pg(app_uri);
	struct store_stmt *st =
	    q(app, "SELECT l.lanname FROM pg_proc p JOIN pg_language l"
		   " ON l.oid = p.prolang WHERE p.proname = 'tb_fts_fold'");
	assert_int_equal(store_step(st), STORE_ROW);
	assert_string_equal(txt(st, 0), "plpgsql");
	store_finalize(st);
	st = q(app, "SELECT tb_fts_fold(?1, ?2 = 1)");
	for (int d = 0; d < 2; d++) {
		size_t n;
		const uint16_t(*t)[2] = fts_word_fold_table(d != 0, &n);
		struct strbuf all = {0}, want = {0};
		for (unsigned long cp = 1; cp <= 0xFFFF; cp++) {
			if (cp >= 0xD800 && cp <= 0xDFFF)
				continue;
			unsigned long to = cp;
			for (size_t i = 0; i < n; i++)
				if (t[i][0] == cp)
					to = t[i][1];
			fts_word_put_utf8(&all, cp);
			if (to)
				fts_word_put_utf8(&want, to);
		}
		static const char *const ascii[][2] = {
		    {"EGFR exon 19, PD-L1 60 %", "egfr exon 19, pd-l1 60 %"},
		    {"", ""}};
		const char *in[] = {all.buf, ascii[0][0], ascii[1][0]};
		const char *out[] = {want.buf, ascii[0][1], ascii[1][1]};
		for (size_t k = 0; k < 3; k++) {
			store_bind_text(st, 1, in[k]);
			store_bind_int64(st, 2, d);
			assert_int_equal(store_step(st), STORE_ROW);
			if (strcmp(txt(st, 0), out[k]) != 0)
				fail_msg("diacritics %d, text %zu: folded "
					 "otherwise",
					 d, k);
			store_reset(st);
		}
		strbuf_done(&all);
		strbuf_done(&want);
	}
	/* a text of both, each character folded wherever it stands */
	store_bind_text(st, 1, "ÅSA Öberg-Ängström, åsa ÖBERG: Crème");
	store_bind_int64(st, 2, 1);
	assert_int_equal(store_step(st), STORE_ROW);
	assert_string_equal(txt(st, 0), "asa oberg-angstrom, asa oberg: creme");
	store_reset(st);
	store_bind_text(st, 1, "ÅSA Öberg-Ängström, åsa ÖBERG: Crème");
	store_bind_int64(st, 2, 0);
	assert_int_equal(store_step(st), STORE_ROW);
	assert_string_equal(txt(st, 0), "åsa öberg-ängström, åsa öberg: crème");
	store_finalize(st);
	store_close(app);
	store_close(own);
}

int main(void)
{
	owner_uri = getenv("TB_PG_OWNER");
	app_uri = getenv("TB_PG_URI");
	if (!owner_uri || !app_uri) {
		fprintf(stderr, "test_schema_pg: run it through "
				"tests/pg-server.sh (TB_PG_URI unset)\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_same_schema, empty_database),
	    cmocka_unit_test_setup(test_a_difference_is_found, empty_database),
	    cmocka_unit_test_setup(test_append_only, empty_database),
	    cmocka_unit_test_setup(test_access_mark, empty_database),
	    cmocka_unit_test_setup(test_full_text_and_count, empty_database),
	    cmocka_unit_test_setup(test_fold, empty_database),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

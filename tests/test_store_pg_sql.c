/* store_pg_sql: SQLite's ?/?N parameters as PostgreSQL's $N, with
 * literals, identifiers and comments left alone; every refusal. */
#include "testutil.h"

#include "fts_word.h"
#include "store_pg_sql.h"

/* sql rewritten must give want with n parameters */
static void expect(const char *sql, const char *want, int n)
{
	char *err = NULL;
	struct store_pg_sql q;
	if (!store_pg_sql_rewrite(sql, &q, &err))
		fail_msg("%s: refused: %s", sql, err);
	if (strcmp(q.text, want) != 0)
		fail_msg("%s\n  got  %s\n  want %s", sql, q.text, want);
	if (q.nparams != n)
		fail_msg("%s: %d parameters, want %d", sql, q.nparams, n);
	store_pg_sql_done(&q);
}

/* sql must be refused with a message holding part */
static void refuse(const char *sql, const char *part)
{
	char *err = NULL;
	struct store_pg_sql q;
	if (store_pg_sql_rewrite(sql, &q, &err))
		fail_msg("%s: taken as %s", sql, q.text);
	assert_non_null(err);
	if (!strstr(err, part))
		fail_msg("%s: message '%s' lacks '%s'", sql, err, part);
	assert_int_equal(q.nparams, 0);
	assert_null(q.text);
	assert_null(q.names);
	free(err);
}

static void test_plain(void **state)
{
	(void)state;
	expect("", "", 0);
	expect("SELECT 1", "SELECT 1", 0);
	expect("SELECT a FROM t WHERE id = ?", "SELECT a FROM t WHERE id = $1",
	       1);
	expect("INSERT INTO t VALUES (?,?,?)",
	       "INSERT INTO t VALUES ($1,$2,$3)", 3);
	expect("UPDATE t SET a=?2, b=?3 WHERE id=?1",
	       "UPDATE t SET a=$2, b=$3 WHERE id=$1", 3);
	/* the same number twice */
	expect("VALUES (?1,?2,?2,?2)", "VALUES ($1,$2,$2,$2)", 2);
	expect("SELECT ?10", "SELECT $10", 10);
	expect("SELECT ?32766", "SELECT $32766", 32766);
}

static void test_sqlite_numbering(void **state)
{
	(void)state;
	/* a bare ? is one above the highest number so far, as in SQLite */
	expect("SELECT ?, ?5, ?", "SELECT $1, $5, $6", 6);
	expect("SELECT ?3, ?", "SELECT $3, $4", 4);
	expect("SELECT ?2, ?1, ?", "SELECT $2, $1, $3", 3);
	/* no space needed around it */
	expect("a=?AND b=?", "a=$1AND b=$2", 2);
	expect("(?)", "($1)", 1);
	expect("?", "$1", 1);
	expect("x>=?1+?2", "x>=$1+$2", 2);
}

static void test_literals_left_alone(void **state)
{
	(void)state;
	expect("SELECT '?' , ?", "SELECT '?' , $1", 1);
	expect("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1);
	expect("SELECT '', ?", "SELECT '', $1", 1);
	expect("SELECT '''?''' , ?", "SELECT '''?''' , $1", 1);
	/* E'…': a backslash escapes the quote */
	expect("SELECT E'a\\'?', ?", "SELECT E'a\\'?', $1", 1);
	expect("SELECT e'\\\\', ?", "SELECT e'\\\\', $1", 1);
	/* in a standard string a backslash is an ordinary character */
	expect("SELECT 'a\\', ?", "SELECT 'a\\', $1", 1);
	/* a name ending in E is no E-string */
	expect("SELECT abcE'x?', ?", "SELECT abcE'x?', $1", 1);
	expect("SELECT \"odd?name\", ?", "SELECT \"odd?name\", $1", 1);
	expect("SELECT \"a\"\"?\", ?", "SELECT \"a\"\"?\", $1", 1);
	expect("SELECT 'å?ä', ?", "SELECT 'å?ä', $1", 1);
}

static void test_comments_left_alone(void **state)
{
	(void)state;
	expect("SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2);
	expect("SELECT ? -- at the end?", "SELECT $1 -- at the end?", 1);
	expect("SELECT /* ? */ ?", "SELECT /* ? */ $1", 1);
	/* PostgreSQL nests block comments */
	expect("SELECT /* a /* ? */ still ? */ ?",
	       "SELECT /* a /* ? */ still ? */ $1", 1);
	expect("SELECT ?/2", "SELECT $1/2", 1);
	expect("SELECT 3-?", "SELECT 3-$1", 1);
	expect("SELECT '--', ?", "SELECT '--', $1", 1);
	expect("SELECT '/*', ?", "SELECT '/*', $1", 1);
}

static void test_postgresql_text_passes(void **state)
{
	(void)state;
	/* dollar quotes, as in a plpgsql function of the schema */
	expect("CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN"
	       " RAISE EXCEPTION 'no?'; END $$ LANGUAGE plpgsql",
	       "CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN"
	       " RAISE EXCEPTION 'no?'; END $$ LANGUAGE plpgsql",
	       0);
	expect("SELECT $fn$ a $$ ? $fn$, ?", "SELECT $fn$ a $$ ? $fn$, $1", 1);
	/* $N as PostgreSQL writes it is kept and counted */
	expect("SELECT $1, $3", "SELECT $1, $3", 3);
	/* casts and names with $ in them */
	expect("SELECT ?::text, a$b FROM t", "SELECT $1::text, a$b FROM t", 1);
	expect("SELECT a[1:2] FROM t WHERE x = ?",
	       "SELECT a[1:2] FROM t WHERE x = $1", 1);
	/* a number, then a parameter */
	expect("LIMIT 10 OFFSET ?", "LIMIT 10 OFFSET $1", 1);
	expect("SELECT 1e5+?", "SELECT 1e5+$1", 1);
}

static void test_named(void **state)
{
	(void)state;
	struct store_pg_sql q;
	char *err = NULL;

	/* a name is numbered at its first use, as SQLite numbers it */
	expect("WHERE a = :x AND b = :y AND c = :x",
	       "WHERE a = $1 AND b = $2 AND c = $1", 2);
	expect("WHERE a = ?2 AND b = :x AND c = ?",
	       "WHERE a = $2 AND b = $3 AND c = $4", 4);
	expect("substr(c, 1, length(:icd)) = :icd",
	       "substr(c, 1, length($1)) = $1", 1);
	/* a cast is no name */
	expect("SELECT :v::bigint", "SELECT $1::bigint", 1);
	expect("SELECT ':x', \":y\", :z -- :w", "SELECT ':x', \":y\", $1 -- :w",
	       1);

	/* the names by number */
	assert_true(store_pg_sql_rewrite(
	    "SELECT ?1, :level, :status, :level, ?", &q, &err));
	assert_string_equal(q.text, "SELECT $1, $2, $3, $2, $4");
	assert_int_equal(q.nparams, 4);
	assert_null(q.names[0]);
	assert_string_equal(q.names[1], ":level");
	assert_string_equal(q.names[2], ":status");
	assert_null(q.names[3]);
	store_pg_sql_done(&q);
	assert_null(q.names);

	assert_true(store_pg_sql_rewrite("SELECT 1", &q, &err));
	assert_int_equal(q.nparams, 0);
	assert_null(q.names);
	store_pg_sql_done(&q);
}

static void test_refused(void **state)
{
	(void)state;
	refuse("SELECT 'open", "unterminated string literal");
	refuse("SELECT 'it''s", "unterminated string literal");
	refuse("SELECT E'a\\'", "unterminated string literal");
	refuse("SELECT \"open", "unterminated quoted identifier");
	refuse("SELECT /* open", "unterminated comment");
	refuse("SELECT /* a /* b */", "unterminated comment");
	refuse("SELECT $$ open", "unterminated dollar-quoted string");
	refuse("SELECT $a$ open $b$", "unterminated dollar-quoted string");
	refuse("SELECT ?0", "parameter ?0");
	refuse("SELECT $0", "parameter $0");
	refuse("SELECT ?32767", "too large");
	refuse("SELECT ?99999999999999999999", "too large");
	refuse("SELECT ?32766, ?", "too many parameters");
	refuse("SELECT ?32766, :x", "too many parameters");
	refuse("SELECT :x, $1", "both ?N and $N");
	refuse("SELECT @name", "named parameter (@name)");
	refuse("SELECT $name", "named parameter ($name)");
	refuse("SELECT ?, $2", "both ?N and $N");
	refuse("SELECT $1, ?", "both ?N and $N");
	/* the byte where it happens */
	refuse("SELECT 1, 'x", "byte 11");
}

/* a schema statement for SQLite must become want on PostgreSQL (NULL:
 * skipped there) */
static void ddl(const char *sql, const char *want)
{
	char *got = store_pg_sql_ddl(sql);
	if (!want && got)
		fail_msg("%s\n  got  %s\n  want it skipped", sql, got);
	if (want && !got)
		fail_msg("%s\n  skipped, want %s", sql, want);
	if (want && strcmp(got, want) != 0)
		fail_msg("%s\n  got  %s\n  want %s", sql, got, want);
	free(got);
}

static void test_ddl(void **state)
{
	(void)state;
	ddl("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL,"
	    " x REAL CHECK (x >= 0), s TEXT DEFAULT 'INTEGER REAL') STRICT;",
	    "CREATE TABLE t (id BIGINT PRIMARY KEY, n BIGINT NOT NULL,"
	    " x DOUBLE PRECISION CHECK (x >= 0), s TEXT DEFAULT 'INTEGER"
	    " REAL'); CREATE FUNCTION tb_rowid_t() RETURNS trigger LANGUAGE"
	    " plpgsql AS $$ BEGIN IF NEW.id IS NULL THEN PERFORM"
	    " pg_advisory_xact_lock(7548276101325107812); SELECT"
	    " coalesce(max(id), 0) + 1 INTO NEW.id FROM t; END IF; RETURN"
	    " NEW; END $$; CREATE TRIGGER t_rowid BEFORE INSERT ON t FOR EACH"
	    " ROW EXECUTE FUNCTION tb_rowid_t()");
	/* a key of another name, in a table made only if missing */
	ddl("CREATE TABLE IF NOT EXISTS form_amend (instance_id INTEGER"
	    " PRIMARY KEY REFERENCES f(id), amends INTEGER) STRICT;",
	    "CREATE TABLE IF NOT EXISTS form_amend (instance_id BIGINT"
	    " PRIMARY KEY REFERENCES f(id), amends BIGINT); CREATE FUNCTION"
	    " tb_rowid_form_amend() RETURNS trigger LANGUAGE plpgsql AS $$"
	    " BEGIN IF NEW.instance_id IS NULL THEN PERFORM"
	    " pg_advisory_xact_lock(7548276101325107812); SELECT"
	    " coalesce(max(instance_id), 0) + 1 INTO NEW.instance_id FROM"
	    " form_amend; END IF; RETURN NEW; END $$; CREATE TRIGGER"
	    " form_amend_rowid BEFORE INSERT ON form_amend FOR EACH ROW"
	    " EXECUTE FUNCTION tb_rowid_form_amend()");
	ddl("CREATE TABLE v (a INTEGER NOT NULL, b TEXT,"
	    " PRIMARY KEY (a, b)) STRICT, WITHOUT ROWID;",
	    "CREATE TABLE v (a BIGINT NOT NULL, b TEXT,"
	    " PRIMARY KEY (a, b));");
	/* no row id in a WITHOUT ROWID table: no trigger */
	ddl("CREATE TABLE w (a INTEGER\n PRIMARY\tKEY) WITHOUT ROWID",
	    "CREATE TABLE w (a BIGINT\n PRIMARY\tKEY)");
	/* names that hold the words are names */
	ddl("CREATE TABLE x (integer_count INTEGER, \"REAL\" TEXT, strict_mode"
	    " INTEGER)",
	    "CREATE TABLE x (integer_count BIGINT, \"REAL\" TEXT, strict_mode"
	    " BIGINT)");
	ddl("ALTER TABLE patient ADD COLUMN interpreter INTEGER NOT NULL"
	    " DEFAULT 0 CHECK (interpreter IN (0, 1));",
	    "ALTER TABLE patient ADD COLUMN interpreter BIGINT NOT NULL"
	    " DEFAULT 0 CHECK (interpreter IN (0, 1));");
	ddl("CREATE INDEX q ON cases(referral_date DESC, id DESC)"
	    " WHERE status IN ('referred','ready');",
	    "CREATE INDEX q ON cases(referral_date DESC, id DESC)"
	    " WHERE status IN ('referred','ready');");
	/* the append-only guards: a row trigger, and TRUNCATE refused too */
	ddl("CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit"
	    " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
	    "CREATE TRIGGER audit_append_only_u BEFORE UPDATE ON audit FOR"
	    " EACH ROW EXECUTE FUNCTION tb_refuse('the audit log is"
	    " append-only')");
	ddl("CREATE TRIGGER research_extract_append_only_d BEFORE DELETE ON\n"
	    " research_extract\n BEGIN SELECT RAISE(ABORT, 'the record of"
	    " extracts  is append-only');\n END",
	    "CREATE TRIGGER research_extract_append_only_d BEFORE DELETE ON"
	    " research_extract FOR EACH ROW EXECUTE FUNCTION tb_refuse('the"
	    " record of extracts  is append-only'); CREATE TRIGGER"
	    " research_extract_append_only_d_t BEFORE TRUNCATE ON"
	    " research_extract FOR EACH STATEMENT EXECUTE FUNCTION"
	    " tb_refuse('the record of extracts  is append-only')");
	/* SQLite's own: full-text tables, what fills them, other triggers */
	ddl("CREATE VIRTUAL TABLE case_fts USING fts5(a, content='');", NULL);
	ddl("INSERT INTO case_fts(rowid, a) SELECT id, a FROM cases;", NULL);
	ddl("DROP TABLE case_fts;", NULL);
	/* a search table's companion: the case index's words */
	ddl("CREATE TABLE case_fts_word (word TEXT PRIMARY KEY) STRICT,"
	    " WITHOUT ROWID;",
	    NULL);
	/* but not a table whose name only holds "fts" */
	ddl("CREATE TABLE shifts (id INTEGER)",
	    "CREATE TABLE shifts (id BIGINT)");
	ddl("CREATE TRIGGER case_count_i AFTER INSERT ON cases BEGIN"
	    " UPDATE case_count SET n = n + 1; END;",
	    NULL);
	ddl("CREATE TRIGGER g BEFORE INSERT ON audit BEGIN SELECT"
	    " RAISE(ABORT, 'x'); END",
	    NULL);
	ddl("CREATE TRIGGER g BEFORE UPDATE ON audit BEGIN SELECT"
	    " RAISE(ABORT, 'x'); SELECT 1; END",
	    NULL);
	ddl("PRAGMA foreign_keys = ON", NULL);
	/* an ordinary INSERT stays */
	ddl("INSERT INTO case_count (n) SELECT count(*) FROM cases;",
	    "INSERT INTO case_count (n) SELECT count(*) FROM cases;");
}

/* SQLite's own words in statements: the full-text match and INDEXED BY;
 * a parameter the SQL leaves out is typed text for the server */
static void test_sqlite_words(void **state)
{
	(void)state;
	expect("SELECT rowid FROM case_fts WHERE case_fts MATCH :text LIMIT ?",
	       "SELECT rowid FROM case_fts WHERE case_fts.doc @@"
	       " case_fts_query($1) LIMIT $2",
	       2);
	expect("SELECT rowid FROM decision_fts WHERE decision_fts match ?1",
	       "SELECT rowid FROM decision_fts WHERE decision_fts.doc @@"
	       " decision_fts_query($1)",
	       1);
	expect("SELECT 'MATCH ?' FROM t", "SELECT 'MATCH ?' FROM t", 0);
	expect("SELECT c.id FROM cases c INDEXED BY cases_queue WHERE TRUE",
	       "SELECT c.id FROM cases c  WHERE TRUE", 0);
	expect("SELECT indexed_by FROM t", "SELECT indexed_by FROM t", 0);
	expect("SELECT 1 FROM a CROSS JOIN b ON b.id = a.id",
	       "SELECT 1 FROM a JOIN b ON b.id = a.id", 0);
	expect("SELECT cross FROM t", "SELECT cross FROM t", 0);
	refuse("SELECT 1 FROM t WHERE MATCH ?", "MATCH without a search");
	refuse("SELECT 1 FROM t WHERE t MATCH ?", "MATCH without a search");
	refuse("SELECT 1 FROM t_fts WHERE t_fts MATCH 'x'",
	       "MATCH without a search");

	char *err = NULL;
	struct store_pg_sql q;
	assert_true(store_pg_sql_rewrite("SELECT ?2, ?4", &q, &err));
	assert_non_null(q.types);
	assert_int_equal(q.types[0], 25);
	assert_int_equal(q.types[1], 0);
	assert_int_equal(q.types[2], 25);
	assert_int_equal(q.types[3], 0);
	store_pg_sql_done(&q);
	assert_true(store_pg_sql_rewrite("SELECT ?1, ?2", &q, &err));
	assert_null(q.types);
	store_pg_sql_done(&q);
}

static void fts(const char *text, const char *want)
{
	char *got = store_pg_sql_fts_query(text);
	if (!want ? got != NULL : !got || strcmp(got, want) != 0)
		fail_msg("'%s'\n  got  %s\n  want %s", text,
			 got ? got : "(null)", want ? want : "(null)");
	free(got);
}

/* the query text: words split as unicode61 splits them, a phrase per
 * word, its last word a prefix */
static void test_fts_query(void **state)
{
	(void)state;
	fts("EGFR", "'EGFR':*");
	fts("  egfr\tlung ", "'egfr':* & 'lung':*");
	fts("c.2573T>G", "'c' <-> '2573T' <-> 'G':*");
	fts("Åsa Öberg-Lind", "'Åsa':* & 'Öberg' <-> 'Lind':*");
	fts("it's", "'it' <-> 's':*");
	fts("a\\b", "'a' <-> 'b':*");
	/* words without a letter or digit match nothing, as in FTS5; one
	 * beside a real word is left out */
	fts("-", "'-'");
	fts("- egfr", "'egfr':*");
	fts("", NULL);
	fts(" \t", NULL);
	/* bytes that begin no character separate */
	fts("ab\xff\xfe"
	    "cd",
	    "'ab' <-> 'cd':*");
	assert_true(fts_word_char('a'));
	assert_true(fts_word_char(0xE5)); /* å */
	assert_false(fts_word_char('-'));
	assert_false(fts_word_char(0xD7)); /* × */
	assert_false(fts_word_char(0x1F600));
}

/* Statements kept for reuse: the same SQL takes the newest kept one,
 * the oldest leaves when full, pop empties. */
/* Writes whose answer nobody reads, which may be sent ahead */
static void test_answerless(void **state)
{
	(void)state;
	assert_true(store_pg_sql_answerless("INSERT INTO t (a) VALUES ($1)"));
	assert_true(store_pg_sql_answerless("  update t SET a = $1"));
	assert_true(store_pg_sql_answerless("-- note\nDELETE FROM t"));
	assert_true(store_pg_sql_answerless(
	    "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING"));
	/* an answer is read: new ids, rows, several statements */
	assert_false(store_pg_sql_answerless(
	    "INSERT INTO t (a) VALUES ($1) RETURNING id"));
	assert_false(
	    store_pg_sql_answerless("DELETE FROM t WHERE a = 1 returning a"));
	assert_false(store_pg_sql_answerless("SELECT * FROM t"));
	assert_false(store_pg_sql_answerless(
	    "WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x"));
	assert_false(store_pg_sql_answerless("INSERT INTO t VALUES (1); "
					     "SELECT 1"));
	assert_false(store_pg_sql_answerless("INSERTED"));
	assert_false(store_pg_sql_answerless("BEGIN"));
	assert_false(store_pg_sql_answerless(""));
	/* a column named like the keyword is no RETURNING */
	assert_true(store_pg_sql_answerless(
	    "UPDATE t SET returning_at = $1, x_returning = $2"));
}

static void test_reads(void **state)
{
	(void)state;
	assert_true(store_pg_sql_reads("SELECT id FROM t WHERE a = $1"));
	assert_true(store_pg_sql_reads(" -- the head\n select 1"));
	/* anything else may write (store_writes) */
	assert_false(store_pg_sql_reads("INSERT INTO t (a) VALUES ($1)"));
	assert_false(store_pg_sql_reads("DELETE FROM t RETURNING a"));
	assert_false(store_pg_sql_reads(
	    "WITH x AS (DELETE FROM t RETURNING a) SELECT * FROM x"));
	assert_false(store_pg_sql_reads("SELECT 1; DELETE FROM t"));
	assert_false(store_pg_sql_reads("SELECTED"));
	assert_false(store_pg_sql_reads(""));
}

static void test_reuse(void **state)
{
	(void)state;
	struct store_pg_reuse r = {0};
	char name[STORE_PG_NAME_MAX], gone[STORE_PG_NAME_MAX];
	assert_false(store_pg_reuse_take(&r, "SELECT 1", name));
	assert_false(store_pg_reuse_keep(&r, "SELECT 1", "tb_1", gone));
	assert_false(store_pg_reuse_keep(&r, "SELECT 2", "tb_2", gone));
	assert_false(store_pg_reuse_keep(&r, "SELECT 1", "tb_3", gone));
	/* the newest of two for one text, then the other, then none */
	assert_true(store_pg_reuse_take(&r, "SELECT 1", name));
	assert_string_equal(name, "tb_3");
	assert_true(store_pg_reuse_take(&r, "SELECT 1", name));
	assert_string_equal(name, "tb_1");
	assert_false(store_pg_reuse_take(&r, "SELECT 1", name));
	assert_false(store_pg_reuse_take(&r, "SELECT 3", name));
	assert_int_equal(r.n, 1);
	/* full: the oldest (tb_2) leaves for the caller to deallocate */
	for (int i = 0; i < STORE_PG_REUSE_MAX - 1; i++) {
		char sql[32], nm[16];
		snprintf(sql, sizeof(sql), "SELECT %d", 100 + i);
		snprintf(nm, sizeof(nm), "tb_%d", 100 + i);
		assert_false(store_pg_reuse_keep(&r, sql, nm, gone));
	}
	assert_int_equal(r.n, STORE_PG_REUSE_MAX);
	assert_true(store_pg_reuse_keep(&r, "SELECT 4", "tb_4", gone));
	assert_string_equal(gone, "tb_2");
	assert_int_equal(r.n, STORE_PG_REUSE_MAX);
	assert_false(store_pg_reuse_take(&r, "SELECT 2", name));
	assert_true(store_pg_reuse_take(&r, "SELECT 100", name));
	assert_string_equal(name, "tb_100");
	/* pop takes them all, newest first */
	assert_true(store_pg_reuse_pop(&r, name));
	assert_string_equal(name, "tb_4");
	int n = 1;
	while (store_pg_reuse_pop(&r, name))
		n++;
	assert_int_equal(n, STORE_PG_REUSE_MAX - 1);
	assert_int_equal(r.n, 0);
	/* done frees what is kept */
	assert_false(store_pg_reuse_keep(&r, "SELECT 5", "tb_5", gone));
	store_pg_reuse_done(&r);
	assert_int_equal(r.n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain),
	    cmocka_unit_test(test_sqlite_numbering),
	    cmocka_unit_test(test_literals_left_alone),
	    cmocka_unit_test(test_comments_left_alone),
	    cmocka_unit_test(test_postgresql_text_passes),
	    cmocka_unit_test(test_named),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_ddl),
	    cmocka_unit_test(test_sqlite_words),
	    cmocka_unit_test(test_fts_query),
	    cmocka_unit_test(test_reuse),
	    cmocka_unit_test(test_answerless),
	    cmocka_unit_test(test_reads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

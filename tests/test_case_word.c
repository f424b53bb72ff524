/* Unit tests: the case search's words (db_case_word.c) and its index held
 * to a transaction's commit (db_case_fts.c). A prefix of five
 * letters or more is searched as the whole words of case_fts_word that
 * it begins; on a generated archive every search must find exactly the
 * cases the plain FTS5 prefix query finds, and the table must hold every
 * word of the index, also after a schema upgrade. */
#include "testutil.h"

#include "db.h"
#include "db_case.h"
#include "db_internal.h"
#include "migrate.h"
#include "model.h"
#include "store.h"

/* The words the generated texts are made of: Swedish letters, hyphens,
 * digits, words that share long prefixes. */
static const char *const vocab[] = {"hjärnmetastas",
				    "hjärnmetastaser",
				    "Hjärntumör",
				    "hjärtsvikt",
				    "Östergötland",
				    "östrogenreceptor",
				    "Östrogen",
				    "ärftlig",
				    "Ärftlighet",
				    "åtgärd",
				    "Åkessons",
				    "adenokarcinom",
				    "Adenokarcinomet",
				    "adenom",
				    "PD-L1",
				    "al-Sayed",
				    "ALK-positiv",
				    "C34.1",
				    "c34.9",
				    "2573T",
				    "exon19",
				    "exon20ins",
				    "1234567",
				    "12345678",
				    "lungcancer",
				    "Lungcancern",
				    "lungmetastas",
				    "strålbehandling",
				    "Strålning",
				    "osimertinib",
				    "osimertinibs",
				    "kemoterapi",
				    "kemoterapeutisk",
				    "immunterapi",
				    "pembrolizumab",
				    "EGFR-mutation",
				    "KRAS",
				    "G12C",
				    "brca2",
				    "BRCA2-bärare",
				    "mammografi",
				    "mammografiscreening"};

static unsigned long rnd_state = 1;
static unsigned long rnd(void)
{
	rnd_state = rnd_state * 1103515245UL + 12345UL;
	return (rnd_state >> 16) & 0x7fff;
}

static char *words(int n)
{
	struct strbuf sb = {0};
	for (int i = 0; i < n; i++)
		strbuf_printf(&sb, "%s%s", i ? " " : "",
			      vocab[rnd() % (sizeof(vocab) / sizeof(*vocab))]);
	return strbuf_detach(&sb);
}

static void store_case(struct db *db, const char *ext, const char *pnr,
		       const char *family, const char *question,
		       const char *summary)
{
	bool created;
	char *changes = NULL;
	struct tb_case *c = test_make_case(ext, pnr, "Märta");
	util_set(&c->patient.family_name, family);
	util_set(&c->question, question);
	util_set(&c->summary, summary);
	assert_int_equal(db_case_store(db, c, "t", &created, &changes), TB_OK);
	free(changes);
	model_case_free(&c);
}

/* The ids a full-text query finds, newest first, as text. */
static char *ids(struct store *s, const char *query)
{
	struct store_stmt *st = NULL;
	struct strbuf sb = {0};
	assert_int_equal(store_prepare(s,
				       "SELECT rowid FROM case_fts WHERE"
				       " case_fts MATCH ?1 ORDER BY rowid DESC",
				       0, &st),
			 STORE_OK);
	store_bind_text(st, 1, query);
	int rc;
	while ((rc = store_step(st)) == STORE_ROW)
		strbuf_printf(&sb, "%lld ", store_column_int64(st, 0));
	if (rc != STORE_DONE)
		fail_msg("query %s: %s", query, store_errmsg(s));
	store_finalize(st);
	strbuf_putc(&sb, '.');
	return strbuf_detach(&sb);
}

static long long scalar(struct store *s, const char *sql)
{
	struct store_stmt *st = NULL;
	long long v = -1;
	assert_int_equal(store_prepare(s, sql, 0, &st), STORE_OK);
	if (store_step(st) == STORE_ROW)
		v = store_column_int64(st, 0);
	store_finalize(st);
	return v;
}

/* The index's words that case_fts_word lacks. */
static long long missing(struct store *s)
{
	assert_int_equal(store_exec(s, "CREATE VIRTUAL TABLE IF NOT EXISTS"
				       " temp.vocab USING fts5vocab(main,"
				       " case_fts, row)"),
			 STORE_OK);
	return scalar(s, "SELECT count(*) FROM temp.vocab WHERE term NOT IN"
			 " (SELECT word FROM case_fts_word)");
}

struct fixture {
	char *dir;
	char *path;
	struct db *db;
};

/* 400 generated cases; a word that occurs once; a word a later import
 * took away (question changed), a family name changed by a later case
 * of the same patient; 80 words that share one long prefix. */
/* A new archive in a directory of its own. */
static void open_new(struct fixture *f)
{
	char *err = NULL;
	f->dir = test_tmpdir();
	f->path = xasprintf("%s/tb.db", f->dir);
	assert_int_equal(db_open(f->path, false, &f->db, &err), TB_OK);
}

static void build(struct fixture *f)
{
	open_new(f);
	assert_int_equal(db_begin(f->db), TB_OK);
	for (int i = 0; i < 400; i++) {
		char ext[32], pnr[32], fam[64];
		snprintf(ext, sizeof(ext), "GEN-%04d", i);
		snprintf(pnr, sizeof(pnr), "1956%04d-%04d", 100 + i % 97,
			 1000 + i);
		snprintf(fam, sizeof(fam), "%s", i % 3 ? "Åström" : "Öberg");
		char *q = words(6), *s = words(12);
		if (i == 17)
			util_set(&q, "Unikordsbeskrivning av fallet");
		if (i < 80) {
			char *o = s;
			s = xasprintf("%s prefixord%03d", o, i);
			free(o);
		}
		if (i == 42)
			util_set(&q, "Borttagningsordet försvinner snart");
		store_case(f->db, ext, pnr, fam, q, s);
		free(q);
		free(s);
	}
	assert_int_equal(db_commit(f->db), TB_OK);
	/* a later import: case 42's word is gone, patient of case 5
	 * renamed (through a case of its own) */
	assert_int_equal(db_begin(f->db), TB_OK);
	store_case(f->db, "GEN-0042", "19560142-1042", "Åström",
		   "Ny fråga utan det ordet", "Sammanfattning");
	store_case(f->db, "GEN-0005", "19560105-1005", "Lindqvist-Ärlig",
		   "Hjärnmetastaserna", "Omnamnad patient");
	assert_int_equal(db_commit(f->db), TB_OK);
}

static void done(struct fixture *f)
{
	db_close(&f->db);
	test_rmtree(f->dir);
	free(f->dir);
	free(f->path);
}

/* Compares the new query with the plain prefix query for every prefix
 * of 1 to 15 letters of the vocabulary's words and a few more; returns
 * how many were expanded to whole words. */
static int compare_all(struct fixture *f, struct store *s)
{
	static const char *const extra[] = {
	    "Unikordsb",	"borttagningsord", "borttagningsordet",
	    "lindqvist-ärl",	"lindqvist-arlig", "hjärnmetastaserna",
	    "prefixord",	"prefixord0",	   "prefixord01",
	    "prefixord079",	"c34.1 hjärnm",	   "al-say ösTROG",
	    "- hjärnme",	"hjärnme -",	   "pd-l1 östrogenr",
	    "adenokarcinomet)", "(adenokarc",	   "\"hjärnmet",
	    "hjärnmetastasx",	"ÅKESSON",	   "akesson 2573t",
	    "exon20i exon19",	"123456",	   "1234567 123456",
	    "brca2-bära",	"nosuchwordatall", "mammografisc"};
	int expanded = 0, n = 0;
	struct strbuf text = {0};
	size_t nv = sizeof(vocab) / sizeof(*vocab);
	size_t ne = sizeof(extra) / sizeof(*extra);
	for (size_t i = 0; i < nv + ne; i++) {
		const char *w = i < nv ? vocab[i] : extra[i - nv];
		size_t len = strlen(w);
		/* every prefix of 1 to 15 letters (whole characters) */
		for (size_t k = 1; k <= len; k++) {
			if (k < len && ((w[k] & 0xC0) == 0x80 || i >= nv))
				continue;
			text.len = 0;
			strbuf_add(&text, w, k);
			char *plain =
			    store_fts_query(STORE_ENGINE_SQLITE, text.buf);
			char *q = db_case_word_query(f->db, text.buf);
			assert_non_null(plain);
			assert_non_null(q);
			if (strcmp(plain, q) != 0)
				expanded++;
			char *a = ids(s, plain), *b = ids(s, q);
			if (strcmp(a, b) != 0)
				fail_msg(
				    "search \"%s\": %s (%s) against %s (%s)",
				    text.buf, b, q, a, plain);
			/* the list's count runs the same query */
			struct db_case_filter cf = {.text = text.buf};
			long long cnt = -1;
			assert_int_equal(db_case_count(f->db, &cf, &cnt),
					 TB_OK);
			long long want = 0;
			for (const char *c = a; *c; c++)
				want += *c == ' ';
			if (cnt != want)
				fail_msg("count \"%s\": %lld, want %lld",
					 text.buf, cnt, want);
			free(a);
			free(b);
			free(plain);
			free(q);
			n++;
		}
	}
	strbuf_done(&text);
	assert_true(n > 400);
	return expanded;
}

static bool is_expanded(struct db *db, const char *text)
{
	char *plain = store_fts_query(STORE_ENGINE_SQLITE, text);
	char *q = db_case_word_query(db, text);
	bool e = strcmp(plain, q) != 0;
	free(plain);
	free(q);
	return e;
}

static void test_long_prefix_finds_the_same_cases(void **state)
{
	(void)state;
	struct fixture f = {0};
	build(&f);
	struct store *s = test_store_open(f.path);
	assert_int_equal(missing(s), 0);
	int expanded = compare_all(&f, s);
	if (expanded < 200)
		fail_msg("only %d searches used whole words", expanded);
	/* which ones did */
	assert_true(is_expanded(f.db, "hjärnm"));
	assert_true(is_expanded(f.db, "Östergötl"));
	assert_true(is_expanded(f.db, "prefixord01"));
	assert_true(is_expanded(f.db, "borttagningsord"));
	assert_true(is_expanded(f.db, "c34.1 hjärnm"));
	/* four letters: the prefix index; more words than the cap, or
	 * none: the prefix as it is */
	assert_false(is_expanded(f.db, "hjär"));
	assert_false(is_expanded(f.db, "prefixord0"));
	assert_false(is_expanded(f.db, "nosuchwordatall"));
	char *gone = ids(s, "\"borttagningsordet\"");
	assert_string_equal(gone, ".");
	free(gone);
	store_close(s);
	done(&f);
}

/* Schema 19 fills the table from an archive of version 18. */
static void test_migration_step_19_fills_words(void **state)
{
	(void)state;
	struct fixture f = {0};
	char *err = NULL;
	build(&f);
	db_close(&f.db);
	struct store *s = test_store_open(f.path);
	long long words_before =
	    scalar(s, "SELECT count(*) FROM case_fts_word");
	assert_true(words_before > 100);
	assert_int_equal(
	    store_exec(s, "DROP TABLE case_fts_word;"
			  " ALTER TABLE finding DROP COLUMN result;"
			  " " TEST_UNDO_23_LOG " PRAGMA user_version = 18"),
	    STORE_OK);
	store_close(s);
	assert_int_equal(db_open(f.path, false, &f.db, &err), TB_OK);
	assert_int_equal(db_user_version(f.db), DB_SCHEMA_VERSION);
	s = test_store_open(f.path);
	assert_int_equal(missing(s), 0);
	/* the words the index holds now (the one taken away is not) */
	assert_int_equal(scalar(s, "SELECT count(*) FROM case_fts_word"
				   " WHERE word = 'borttagningsordet'"),
			 0);
	assert_true(scalar(s, "SELECT count(*) FROM case_fts_word") <=
		    words_before);
	compare_all(&f, s);
	store_close(s);
	done(&f);
}

/* A word added by a transaction that rolled back is added again by the
 * next one (the words a transaction added are remembered for it only). */
static void test_rolled_back_word_added_again(void **state)
{
	(void)state;
	struct fixture f = {0};
	open_new(&f);
	assert_int_equal(db_begin(f.db), TB_OK);
	store_case(f.db, "RB-1", "19560312-9809", "Tillbakarullad", "Fråga",
		   "Sammanfattning");
	db_rollback(f.db);
	assert_int_equal(db_begin(f.db), TB_OK);
	store_case(f.db, "RB-2", "19710824-9819", "Tillbakarullad", "Fråga",
		   "Sammanfattning");
	assert_int_equal(db_commit(f.db), TB_OK);
	struct store *s = test_store_open(f.path);
	assert_int_equal(missing(s), 0);
	assert_int_equal(scalar(s, "SELECT count(*) FROM case_fts_word"
				   " WHERE word = 'tillbakarullad'"),
			 1);
	char *q = db_case_word_query(f.db, "tillbakar");
	assert_non_null(strstr(q, "\"tillbakarullad\""));
	char *got = ids(s, q);
	assert_string_equal(got, "1 .");
	free(got);
	free(q);
	store_close(s);
	done(&f);
}

static void assert_found(struct store *s, const char *query, const char *want)
{
	char *got = ids(s, query);
	assert_string_equal(got, want);
	free(got);
}

/* Cases stored while the index waits for the commit (db_case_fts_defer:
 * an import) are not indexed until it, and then as they are at it (a
 * case changed and its patient renamed after it was added); a case there
 * before is indexed by the triggers as ever; nothing waits after the
 * commit, nor after a transaction rolled back. */
static void test_index_held_to_commit(void **state)
{
	(void)state;
	struct fixture f = {0};
	open_new(&f);
	assert_int_equal(db_begin(f.db), TB_OK);
	store_case(f.db, "H-1", "19560312-9809", "Förut", "Gammalfråga",
		   "Sammanfattning");
	assert_int_equal(db_commit(f.db), TB_OK);

	struct store *in = f.db->conn;
	assert_int_equal(db_begin(f.db), TB_OK);
	assert_int_equal(db_case_fts_defer(f.db), TB_OK);
	assert_int_equal(db_case_fts_defer(f.db), TB_OK); /* once is enough */
	assert_int_equal(scalar(in, "SELECT count(*) FROM case_fts_defer"), 1);
	store_case(f.db, "H-2", "19710824-9819", "Hållen", "Förstafråga",
		   "Sammanfattning");
	assert_found(in, "hållen", "."); /* held */
	store_case(f.db, "H-2", "19710824-9819", "Omdöpt", "Andrafråga",
		   "Sammanfattning");
	store_case(f.db, "H-1", "19560312-9809", "Förut", "Nyfråga",
		   "Sammanfattning");
	assert_found(in, "nyfråga", "1 ."); /* there before: as ever */
	assert_found(in, "omdöpt", ".");
	assert_int_equal(db_commit(f.db), TB_OK);

	struct store *s = test_store_open(f.path);
	assert_int_equal(scalar(s, "SELECT count(*) FROM case_fts_defer"), 0);
	assert_found(s, "omdöpt", "2 .");
	assert_found(s, "andrafråga", "2 .");
	assert_found(s, "hållen", ".");
	assert_found(s, "förstafråga", ".");
	assert_found(s, "gammalfråga", ".");
	assert_found(s, "nyfråga", "1 .");
	assert_found(s, "sammanfattning", "2 1 .");
	assert_int_equal(store_exec(s, "INSERT INTO case_fts(case_fts)"
				       " VALUES ('integrity-check')"),
			 STORE_OK);

	/* rolled back: its case and the wait gone; the next transaction's
	 * case is indexed by the triggers at once */
	assert_int_equal(db_begin(f.db), TB_OK);
	assert_int_equal(db_case_fts_defer(f.db), TB_OK);
	store_case(f.db, "H-3", "19450617-9802", "Bortrullad", "Fråga",
		   "Sammanfattning");
	db_rollback(f.db);
	assert_int_equal(db_begin(f.db), TB_OK);
	store_case(f.db, "H-4", "19450617-9802", "Efteråt", "Fråga",
		   "Sammanfattning");
	assert_found(in, "efteråt", "3 .");
	assert_int_equal(db_commit(f.db), TB_OK);
	assert_int_equal(scalar(s, "SELECT count(*) FROM case_fts_defer"), 0);
	assert_found(s, "bortrullad", ".");
	assert_found(s, "efteråt", "3 .");
	store_close(s);
	done(&f);
}

/* An archive copied into a new SQLite file gets its words too. */
static void test_migrate_fills_words(void **state)
{
	(void)state;
	struct fixture f = {0};
	struct migrate_result r;
	char *err = NULL;
	build(&f);
	db_close(&f.db);
	char *to = xasprintf("%s/copy.db", f.dir);
	if (migrate_archive(f.path, to, &r, &err) != TB_OK)
		fail_msg("migrate: %s", err);
	free(f.path);
	f.path = to;
	assert_int_equal(db_open(f.path, false, &f.db, &err), TB_OK);
	struct store *s = test_store_open(f.path);
	assert_true(scalar(s, "SELECT count(*) FROM case_fts_word") > 100);
	assert_int_equal(missing(s), 0);
	compare_all(&f, s);
	store_close(s);
	done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_long_prefix_finds_the_same_cases),
	    cmocka_unit_test(test_migration_step_19_fills_words),
	    cmocka_unit_test(test_migrate_fills_words),
	    cmocka_unit_test(test_rolled_back_word_added_again),
	    cmocka_unit_test(test_index_held_to_commit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

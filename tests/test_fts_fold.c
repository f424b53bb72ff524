/* The PostgreSQL index splits and folds words as SQLite's FTS5 unicode61
 * tokenizer does (src/fts_word.c): every character of the Basic
 * Multilingual Plane is put to SQLite, with diacritics kept
 * (remove_diacritics 0, the decisions' index) and removed (2, the
 * cases'), and its answer compared with the tables. */
#include "testutil.h"

#include "store.h"
#include "fts_word.h"
#include "store_pg_sql.h"

static void put_utf8(char *b, unsigned long cp)
{
	if (cp < 0x80) {
		b[0] = (char)cp;
		b[1] = 0;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3F));
		b[2] = 0;
	} else {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		b[3] = 0;
	}
}

/* Decodes the one character of s, or returns -1 */
static long one_char(const unsigned char *s)
{
	if (!s[0])
		return 0;
	if (s[0] < 0x80)
		return s[1] ? -1 : s[0];
	if ((s[0] & 0xE0) == 0xC0)
		return s[2] ? -1 : (long)((s[0] & 0x1F) << 6 | (s[1] & 0x3F));
	if ((s[0] & 0xF0) == 0xE0)
		return s[3] ? -1
			    : (long)((s[0] & 0x0F) << 12 | (s[1] & 0x3F) << 6 |
				     (s[2] & 0x3F));
	return -1;
}

static void check(int diacritics)
{
	struct store *s = test_store_open(":memory:");
	char sql[200];
	snprintf(sql, sizeof(sql),
		 "CREATE VIRTUAL TABLE t USING fts5(x, content='',"
		 " tokenize='unicode61 remove_diacritics %d');"
		 " CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')",
		 diacritics ? 2 : 0);
	assert_int_equal(store_exec(s, sql), STORE_OK);
	assert_int_equal(store_begin(s), STORE_OK);
	struct store_stmt *ins = NULL;
	assert_int_equal(store_prepare(s,
				       "INSERT INTO t (rowid, x) VALUES"
				       " (?1, ?2)",
				       0, &ins),
			 STORE_OK);
	for (unsigned long cp = 0x20; cp <= 0xFFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		char text[8] = "q";
		put_utf8(text + 1, cp);
		strcat(text, "q");
		store_bind_int64(ins, 1, (long long)cp);
		store_bind_text(ins, 2, text);
		assert_int_equal(store_step(ins), STORE_DONE);
		store_reset(ins);
	}
	store_finalize(ins);
	assert_int_equal(store_commit(s), STORE_OK);
	/* each character: one word "q…q" (kept in a word, folded to …) or
	 * two words "q" (a separator) */
	struct store_stmt *st = NULL;
	assert_int_equal(store_prepare(s,
				       "SELECT doc, count(*), min(term)"
				       " FROM v GROUP BY doc ORDER BY doc",
				       0, &st),
			 STORE_OK);
	long bad = 0, checked = 0;
	while (store_step(st) == STORE_ROW) {
		unsigned long cp = (unsigned long)store_column_int64(st, 0);
		int words = store_column_int(st, 1);
		const char *term = store_column_text(st, 2);
		bool token = words == 1;
		if (token != fts_word_char(cp)) {
			if (bad++ < 10)
				print_message(
				    "U+%04lX: SQLite %s it in a word\n", cp,
				    token ? "keeps" : "does not keep");
			continue;
		}
		checked++;
		if (!token)
			continue;
		size_t n = strlen(term);
		assert_true(n >= 2 && term[0] == 'q' && term[n - 1] == 'q');
		char mid[8] = {0};
		memcpy(mid, term + 1, n - 2);
		long want = one_char((const unsigned char *)mid);
		if (want < 0 ||
		    (unsigned long)want != fts_word_fold(cp, diacritics != 0)) {
			if (bad++ < 10)
				print_message(
				    "U+%04lX: SQLite folds it to '%s',"
				    " the table to U+%04lX\n",
				    cp, mid,
				    fts_word_fold(cp, diacritics != 0));
		}
	}
	store_finalize(st);
	store_close(s);
	/* every character was seen (a separator makes two words) */
	assert_int_equal(checked + bad, 0xFFFF - 0x20 + 1 - 0x800);
	assert_int_equal(bad, 0);
}

static void test_case_index(void **state)
{
	(void)state;
	check(1);
}

static void test_decision_index(void **state)
{
	(void)state;
	check(0);
}

/* PostgreSQL's tb_fts_fold (schema 22) replaces each character a text
 * holds once, in turn: right only while no character folds to one that
 * the table folds again, to anything but itself. */
static void test_fold_once(void **state)
{
	(void)state;
	for (int d = 0; d < 2; d++) {
		size_t n;
		const uint16_t(*t)[2] = fts_word_fold_table(d != 0, &n);
		assert_true(n > 0);
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; t[i][1] && j < n; j++)
				if (t[j][0] == t[i][1] && t[j][1] != t[i][1])
					fail_msg(
					    "U+%04X folds to U+%04X, which "
					    "folds to U+%04X",
					    t[i][0], t[i][1], t[j][1]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fold_once),
	    cmocka_unit_test(test_case_index),
	    cmocka_unit_test(test_decision_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * The words of the case search index (case_fts), one row each in
 * case_fts_word (schema 19, SQLite only), and the search text as the
 * index's query with a long prefix expanded to those words.
 *
 * FTS5 answers a prefix of one to four letters from its prefix indexes,
 * lazily; a longer one is in no index, and FTS5 merges the entries of
 * every word it begins before it gives the first row: every match in the
 * archive, whatever the LIMIT. The same words searched as whole words,
 * one OR the other, are read lazily in rowid order. So a prefix of five
 * letters or more is looked up in case_fts_word (an indexed range) and
 * searched as its whole words, up to DB_CASE_WORD_MAX of them; past that
 * (or with none) it is searched as the prefix it is.
 *
 * The table holds every word the index holds (and may hold words no case
 * has any more: a case changed by a later import keeps its old words
 * here, which find nothing): db_case_store adds a case's words in its own
 * transaction, split and folded by SQLite's own tokenizer
 * (store_fts_words), so that searching the words finds exactly what the
 * prefix finds.
 */
#include "db_case.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "fts_word.h"
#include "util.h"

/* as db_stmt.c's DB_STMT_CASE_WORD_ADD */
#define WORD_ADD                                                               \
	"INSERT INTO case_fts_word (word) VALUES (?1) ON CONFLICT DO NOTHING"

/* The longest prefix case_fts has an index for (db.c, schema 17). */
#define PREFIX_INDEXED 4

/*
 * The words one transaction added, so that a word the cases share (most
 * of them) is written once: a direct-mapped table by a hash of the word;
 * a slot keeps the last word that fell on it. Within one transaction a
 * word added stays in the table (the program never deletes one), so a
 * word found here needs no INSERT; a new transaction starts empty (the
 * last one may have rolled back).
 */
#define CACHE_SLOTS 4096 /* a power of two */
#define CACHE_WORD  24	 /* longer words are always written */
struct db_word_cache {
	unsigned char len[CACHE_SLOTS];
	char word[CACHE_SLOTS][CACHE_WORD];
};

struct add_ctx {
	struct store_stmt *ins;
	struct db_word_cache *cache; /* may be NULL */
	int rc;
};

static size_t slot_of(const char *w, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h & (CACHE_SLOTS - 1);
}

static void add_word(const char *word, size_t n, void *arg)
{
	struct add_ctx *a = arg;
	if (a->rc != STORE_DONE)
		return;
	size_t slot = 0;
	bool cached = a->cache && n < CACHE_WORD;
	if (cached) {
		slot = slot_of(word, n);
		if (a->cache->len[slot] == n &&
		    memcmp(a->cache->word[slot], word, n) == 0)
			return;
	}
	char *w = xstrndup(word, n);
	store_bind_text(a->ins, 1, w);
	a->rc = store_step(a->ins);
	store_reset(a->ins);
	free(w);
	if (cached && a->rc == STORE_DONE) {
		memcpy(a->cache->word[slot], word, n);
		a->cache->len[slot] = (unsigned char)n;
	}
}

void db_case_word_forget(struct db *db)
{
	if (db->words)
		memset(db->words->len, 0, sizeof(db->words->len));
}

/* Adds the words of texts[0..n) (NULL ones skipped) with ins. */
static enum tb_status add_texts(struct store *s, struct store_stmt *ins,
				struct db_word_cache *cache,
				const char *const *texts, size_t n)
{
	struct add_ctx a = {ins, cache, STORE_DONE};
	for (size_t i = 0; i < n && a.rc == STORE_DONE; i++)
		if (texts[i] && store_fts_words(s, texts[i], strlen(texts[i]),
						add_word, &a) != STORE_OK)
			return TB_DB;
	return a.rc == STORE_DONE ? TB_OK : TB_DB;
}

enum tb_status db_case_word_add(struct db *db, const struct tb_case *c)
{
	if (store_engine(db->conn) != STORE_ENGINE_SQLITE)
		return TB_OK;
	struct store_stmt *ins = db_stmt(db, DB_STMT_CASE_WORD_ADD);
	if (!ins)
		return TB_DB;
	/* the columns of case_fts (db.c, schema 2): a word is a word in
	 * any of them */
	const char *texts[] = {
	    c->external_id, c->patient.given_name, c->patient.family_name,
	    c->icd10,	    c->diagnosis_text,	   c->question,
	    c->summary};
	if (!db->words)
		db->words = xcalloc(1, sizeof(*db->words));
	return add_texts(db->conn, ins, db->words, texts,
			 sizeof(texts) / sizeof(texts[0]));
}

enum tb_status db_case_word_fill(struct store *s)
{
	struct store_stmt *rows = NULL, *ins = NULL;
	enum tb_status status = TB_DB;
	int rc;
	if (store_engine(s) != STORE_ENGINE_SQLITE)
		return TB_OK;
	/* one transaction: the caller's */
	struct db_word_cache *cache = xcalloc(1, sizeof(*cache));
	if (store_prepare(s,
			  "SELECT c.external_id, p.given_name, p.family_name,"
			  " c.icd10, c.diagnosis_text, c.question, c.summary"
			  " FROM cases c JOIN patient p ON p.id = c.patient_id",
			  0, &rows) != STORE_OK ||
	    store_prepare(s, WORD_ADD, 0, &ins) != STORE_OK)
		goto cleanup;
	while ((rc = store_step(rows)) == STORE_ROW) {
		const char *texts[7];
		for (int i = 0; i < 7; i++)
			texts[i] = store_column_text(rows, i);
		if (add_texts(s, ins, cache, texts, 7) != TB_OK)
			goto cleanup;
	}
	if (rc == STORE_DONE)
		status = TB_OK;
cleanup:
	store_finalize(rows);
	store_finalize(ins);
	free(cache);
	return status;
}

/*
 * Appends the whole words of case_fts_word that begin with the folded
 * prefix pre (n bytes) as an OR of phrases, each the word's text before
 * its last word (head, hn bytes) and then the whole word. False (nothing
 * appended) when there are none or more than DB_CASE_WORD_MAX.
 */
static bool expand(struct db *db, struct strbuf *sb, const char *head,
		   size_t hn, const char *pre, size_t n)
{
	struct store_stmt *st = db_stmt(db, DB_STMT_CASE_WORD_RANGE);
	if (!st)
		return false;
	/* every word that begins with pre sorts from pre up to pre with
	 * its last byte one higher (the last byte of a UTF-8 character is
	 * never 0xFF), as the index compares them: bytewise */
	char *lo = xstrndup(pre, n);
	char *hi = xstrndup(pre, n);
	hi[n - 1] = (char)((unsigned char)hi[n - 1] + 1);
	store_bind_text(st, 1, lo);
	store_bind_text(st, 2, hi);
	store_bind_int64(st, 3, DB_CASE_WORD_MAX + 1);
	struct strbuf or = {0};
	struct strbuf phrase = {0};
	int k = 0, rc;
	while ((rc = store_step(st)) == STORE_ROW) {
		const char *w = (const char *)store_column_text(st, 0);
		if (++k > DB_CASE_WORD_MAX || !w)
			break;
		strbuf_puts(& or, k == 1 ? "(" : " OR ");
		phrase.len = 0;
		strbuf_add(&phrase, head, hn);
		strbuf_puts(&phrase, w);
		fts_word_fts5_phrase(& or, phrase.buf, phrase.len);
	}
	store_reset(st);
	free(lo);
	free(hi);
	strbuf_done(&phrase);
	bool ok = (rc == STORE_DONE || rc == STORE_ROW) && k > 0 &&
		  k <= DB_CASE_WORD_MAX;
	if (ok) {
		strbuf_putc(& or, ')');
		strbuf_add(sb, or.buf, or.len);
	}
	strbuf_done(& or);
	return ok;
}

char *db_case_word_query(struct db *db, const char *text)
{
	if (store_engine(db->conn) != STORE_ENGINE_SQLITE)
		return db_fts_query(db, text);
	/* the plain phrases as FTS5's implicit AND ("a"* "b"*), which
	 * leaves out a phrase without a word ("-"*, alone: nothing), and
	 * each group after it with an explicit AND (FTS5 takes a group only
	 * so; an explicit AND with a phrase without a word finds nothing,
	 * so such a phrase is left out when there is a word elsewhere) */
	struct strbuf plain = {0}, groups = {0}, folded = {0};
	struct strbuf empty = {0};
	bool words = false;
	const char *p = text, *w, *end;
	while (fts_word_search_next(&p, &w, &end)) {
		/* the word's last word is the prefix */
		const char *t = NULL, *te = NULL, *s = w, *ts;
		while (fts_word_next(&s, end, &ts)) {
			t = ts;
			te = s;
		}
		struct strbuf *sb = t ? &plain : &empty;
		if (t) {
			words = true;
			folded.len = 0;
			/* outside the BMP the tables are not SQLite's */
			size_t mark = groups.len;
			if (groups.len)
				strbuf_puts(&groups, " AND ");
			if (fts_word_bmp(w, (size_t)(end - w)) &&
			    fts_word_folded(&folded, t, (size_t)(te - t),
					    true) > PREFIX_INDEXED &&
			    expand(db, &groups, w, (size_t)(t - w), folded.buf,
				   folded.len))
				continue;
			groups.len = mark;
			if (groups.buf)
				groups.buf[mark] = '\0';
		}
		if (sb->len)
			strbuf_putc(sb, ' ');
		fts_word_fts5_phrase(sb, w, (size_t)(end - w));
		strbuf_putc(sb, '*');
	}
	strbuf_done(&folded);
	struct strbuf *first = words ? &plain : &empty;
	if (words && groups.len) {
		if (first->len)
			strbuf_puts(first, " AND ");
		strbuf_add(first, groups.buf, groups.len);
	}
	strbuf_done(&groups);
	strbuf_done(words ? &empty : &plain);
	if (!first->len) {
		strbuf_done(first);
		return NULL;
	}
	return strbuf_detach(first);
}

enum tb_status db_case_search_merge(struct store *s)
{
	if (store_engine(s) != STORE_ENGINE_SQLITE)
		return TB_OK;
	return store_exec(s, "INSERT INTO case_fts(case_fts)"
			     " VALUES ('optimize')") == STORE_OK
		   ? TB_OK
		   : TB_DB;
}

enum tb_status db_case_search_tidy(struct db *db, long long added)
{
	long long all = 0;
	struct db_case_filter every = {0};
	if (added <= 0 || store_engine(db->conn) != STORE_ENGINE_SQLITE)
		return TB_OK;
	enum tb_status st = db_case_count(db, &every, &all);
	if (st != TB_OK || added * 10 < all)
		return st;
	if (db_begin(db) != TB_OK)
		return TB_DB;
	if (db_case_search_merge(db->conn) != TB_OK) {
		db_rollback(db);
		return TB_DB;
	}
	return db_commit(db);
}

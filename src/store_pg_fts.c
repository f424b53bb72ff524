/*
 * store_pg_fts — full-text search on PostgreSQL with the words SQLite's
 * FTS5 index holds (tokenizer unicode61): the same characters split words
 * and the same folding, from fts_word's tables (SQLite's own answers for
 * every character of the Basic Multilingual Plane). PostgreSQL's parser
 * and its 'simple' configuration split differently (hyphenated words, numbers
 * with dots, addresses), so the words are split and folded here and given
 * to tsvector and tsquery as lexemes (db_schema_pg.c: tb_fts_doc and the
 * *_fts_query functions).
 */
#include "config.h"

#include "store_pg_sql.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fts_word.h"
#include "util.h"

char *store_pg_sql_fts_query(const char *text)
{
	struct strbuf sb = {0};
	const char *p = text, *w, *end;
	bool words = false;
	while (fts_word_search_next(&p, &w, &end)) {
		const char *t;
		bool first = true;
		words = true;
		/* the word's tokens as one phrase, the last a prefix */
		while (fts_word_next(&w, end, &t)) {
			if (first && sb.len)
				strbuf_puts(&sb, " & ");
			else if (!first)
				strbuf_puts(&sb, "' <-> ");
			strbuf_putc(&sb, '\'');
			strbuf_add(&sb, t, (size_t)(w - t));
			first = false;
		}
		if (!first)
			strbuf_puts(&sb, "':*");
	}
	if (!words) {
		strbuf_done(&sb);
		return NULL;
	}
	/* words without a letter or digit: SQLite's empty phrase, which
	 * matches nothing; '-' is no word of any document */
	if (!sb.len)
		return xstrdup("'-'");
	return strbuf_detach(&sb);
}

/* translate()'s two arguments for a fold table, as SQL literals; the
 * dropped characters last, with no partner. */
static void put_fold(struct strbuf *sb, bool diacritics)
{
	size_t n;
	const uint16_t(*t)[2] = fts_word_fold_table(diacritics, &n);
	struct strbuf to = {0};
	strbuf_putc(sb, '\'');
	for (int dropped = 0; dropped < 2; dropped++)
		for (size_t i = 0; i < n; i++) {
			if ((t[i][1] == 0) != dropped)
				continue;
			fts_word_put_utf8(sb, t[i][0]);
			if (!dropped)
				fts_word_put_utf8(&to, t[i][1]);
		}
	strbuf_puts(sb, "', '");
	if (to.len)
		strbuf_add(sb, to.buf, to.len);
	strbuf_putc(sb, '\'');
	strbuf_done(&to);
}

char *store_pg_sql_fts_functions(void)
{
	struct strbuf sb = {0};
	strbuf_puts(&sb, "CREATE OR REPLACE FUNCTION tb_fts_fold(t text,"
			 " diacritics boolean) RETURNS text LANGUAGE sql"
			 " IMMUTABLE STRICT AS $$ SELECT CASE WHEN diacritics"
			 " THEN translate(t, ");
	put_fold(&sb, true);
	strbuf_puts(&sb, ") ELSE translate(t, ");
	put_fold(&sb, false);
	/* the words of each column with their positions, one apart, and
	 * the columns two apart (a phrase never spans two, as in FTS5);
	 * PostgreSQL keeps positions up to 16383 and words up to 2047
	 * bytes */
	strbuf_puts(&sb, ") END $$; CREATE OR REPLACE FUNCTION tb_fts_doc("
			 "cols text[], diacritics boolean) RETURNS tsvector"
			 " LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce("
			 "string_agg('''' || left(w, 500) || ''':' ||"
			 " least(n, 16383), ' '), '')::tsvector FROM (SELECT"
			 " w.w, row_number() OVER (ORDER BY c.i, w.j) + c.i"
			 " AS n FROM unnest(cols) WITH ORDINALITY AS c(t, i),"
			 " regexp_split_to_table(btrim(regexp_replace("
			 "tb_fts_fold(c.t, diacritics), '[^");
	size_t nr;
	const uint16_t(*token_ranges)[2] = fts_word_ranges(&nr);
	for (size_t i = 0; i < nr; i++) {
		strbuf_printf(&sb, "\\u%04x", token_ranges[i][0]);
		if (token_ranges[i][1] != token_ranges[i][0])
			strbuf_printf(&sb, "-\\u%04x", token_ranges[i][1]);
	}
	strbuf_puts(&sb, "]+', ' ', 'g')), ' ') WITH ORDINALITY AS w(w, j)"
			 " WHERE w.w <> '') x $$; CREATE OR REPLACE FUNCTION"
			 " case_fts_query(q text) RETURNS tsquery LANGUAGE sql"
			 " IMMUTABLE STRICT AS $$ SELECT tb_fts_fold(q,"
			 " true)::tsquery $$; CREATE OR REPLACE FUNCTION"
			 " decision_fts_query(q text) RETURNS tsquery LANGUAGE"
			 " sql IMMUTABLE STRICT AS $$ SELECT tb_fts_fold(q,"
			 " false)::tsquery $$");
	return strbuf_detach(&sb);
}

/* One side of a fold table as an SQL literal: the characters (from) or
 * what they fold to (to), of the ASCII entries or of the others; in from
 * the dropped characters come last, with no partner in to (translate()'s
 * and substr()'s reading). */
static void put_side(struct strbuf *sb, bool diacritics, bool ascii, bool to)
{
	size_t n;
	const uint16_t(*t)[2] = fts_word_fold_table(diacritics, &n);
	strbuf_putc(sb, '\'');
	for (int dropped = 0; dropped < 2; dropped++)
		for (size_t i = 0; i < n; i++) {
			if ((t[i][1] == 0) != dropped ||
			    (t[i][0] < 0x80) != ascii || (to && dropped))
				continue;
			fts_word_put_utf8(sb, t[i][to]);
		}
	strbuf_putc(sb, '\'');
}

/* The ASCII entries by translate(), then each other character the text
 * holds, once: found in the table by strpos and replaced everywhere. */
static void put_fold_v22(struct strbuf *sb, bool diacritics)
{
	strbuf_puts(sb, "r := translate(t, ");
	put_side(sb, diacritics, true, false);
	strbuf_puts(sb, ", ");
	put_side(sb, diacritics, true, true);
	strbuf_puts(sb, "); IF octet_length(r) = char_length(r) THEN RETURN"
			" r; END IF; FOR c IN SELECT DISTINCT x.m[1] FROM"
			" regexp_matches(r, '[^\\x01-\\x7f]', 'g') AS x(m)"
			" LOOP p := strpos(");
	put_side(sb, diacritics, false, false);
	strbuf_puts(sb, ", c); IF p > 0 THEN r := replace(r, c, substr(");
	put_side(sb, diacritics, false, true);
	strbuf_puts(
	    sb,
	    /* untranslated: SQL */ ", p, 1)); END IF; END LOOP; RETURN r;");
}

char *store_pg_sql_fts_fold_v22(void)
{
	struct strbuf sb = {0};
	strbuf_puts(&sb, "CREATE OR REPLACE FUNCTION tb_fts_fold(t text,"
			 " diacritics boolean) RETURNS text LANGUAGE plpgsql"
			 " IMMUTABLE STRICT AS $$ DECLARE r text; c text;"
			 " p integer; BEGIN IF diacritics THEN ");
	put_fold_v22(&sb, true);
	strbuf_puts(&sb, " ELSE ");
	put_fold_v22(&sb, false);
	strbuf_puts(&sb, /* untranslated: SQL */ " END IF; END $$");
	return strbuf_detach(&sb);
}

#ifdef HAVE_LIBPQ
#include "store_engine.h"

char *store_pg_fts_query(const char *text)
{
	return store_pg_sql_fts_query(text);
}
#endif

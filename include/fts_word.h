/*
 * fts_word — the words of the full-text index as SQLite's FTS5 unicode61
 * tokenizer splits and folds them, from tables of SQLite's own answers
 * for the Basic Multilingual Plane; one splitter of the search text for
 * both engines.
 */
#ifndef TB_FTS_WORD_H
#define TB_FTS_WORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* What fts_word_utf8 gives for a byte that begins no well-formed
 * character. */
#define FTS_WORD_BAD 0xFFFFFFFFUL

/* Whether unicode61 keeps code point cp in a word (within the BMP; any
 * other code point separates here). */
bool fts_word_char(unsigned long cp);

/* cp as unicode61 folds it in a word: to lower case, and without its
 * diacritics when diacritics is true; 0 when it is dropped. */
unsigned long fts_word_fold(unsigned long cp, bool diacritics);

/* The tables themselves, for the PostgreSQL schema's functions: the word
 * characters' ranges (first, last) and a fold table (code point, folded
 * or 0), both in order; *n their length. Static, never freed. */
const uint16_t (*fts_word_ranges(size_t *n))[2];
const uint16_t (*fts_word_fold_table(bool diacritics, size_t *n))[2];

/* The code point at s and its length in bytes; a byte that begins no
 * well-formed character is one character of its own, FTS_WORD_BAD. */
size_t fts_word_utf8(const char *s, unsigned long *cp);
void fts_word_put_utf8(struct strbuf *sb, unsigned long cp);

/* The next word of a search text, split at white space: true with
 * [*start, *end) and *p moved past it, false at the end. */
bool fts_word_search_next(const char **p, const char **start, const char **end);

/* The next word of the index within [*p, end): true with *start at its
 * first byte and *p just past its last, false (and *p at end) when no
 * word is left. */
bool fts_word_next(const char **p, const char *end, const char **start);

/* Whether s[0..n) holds only well-formed characters of the BMP (where
 * the tables are SQLite's answers). */
bool fts_word_bmp(const char *s, size_t n);

/* Appends s[0..n) folded (fts_word_fold) to sb; returns the number of
 * characters appended. */
size_t fts_word_folded(struct strbuf *sb, const char *s, size_t n,
		       bool diacritics);

/* Appends s[0..n) to sb as an FTS5 phrase: in double quotes, a double
 * quote doubled, so that nothing in it is query syntax. */
void fts_word_fts5_phrase(struct strbuf *sb, const char *s, size_t n);

#endif

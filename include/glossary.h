/*
 * glossary — the words a patient meets in a summary and what they mean
 * (data/glossary.xml, tumorboard-forms(5)), per language, and the boards'
 * names in plain lower-case words.
 *
 * A term has match words per language ("cytostatika|cytostatikan": each
 * alternative is matched case-insensitively at the start of a word, so
 * inflected forms match too) and an explanation per language, which names
 * the word. A summary explains each term once, after the section where a
 * word of the letter's language first appears.
 * Texts are struct form_text (form_def.h): lookups fall back to Swedish,
 * then English, and say when they did.
 */
#ifndef TB_GLOSSARY_H
#define TB_GLOSSARY_H

#include <stdbool.h>
#include <stddef.h>

#include "form_def.h"

struct glossary_term {
	char *id;
	struct form_text match;	  /* "word|word" per language */
	struct form_text explain; /* a sentence or two per language */
};

struct glossary_board {
	char *id; /* as in boards.xml */
	struct form_text name;
};

struct glossary {
	char *version;
	char *source; /* "built-in" or the file */
	struct glossary_term *t;
	size_t n;
	struct glossary_board *b;
	size_t n_boards;
};

#define GLOSSARY_NONE ((size_t)-1)

struct glossary *glossary_new(void);
void glossary_free(struct glossary **g);

/*
 * The index of the term (among the first n_skip, those with !skip[i]) that
 * occurs first in text, by its match words in lang (falling back as
 * form_text_get: a note explains a word of the letter's language, and
 * the word is on the page); GLOSSARY_NONE when none does or g is NULL.
 */
size_t glossary_find(const struct glossary *g, const char *text,
		     const char *lang, const bool *skip, size_t n_skip);

/* Whether one of the '|'-separated alternatives of words starts a word of
 * text (letter case aside), as glossary_find matches them. */
bool glossary_words_in(const char *text, const char *words);

/* Term i's explanation in lang (fallback as form_text_get). Borrowed. */
const char *glossary_explanation(const struct glossary *g, size_t i,
				 const char *lang, bool *fallback);

/* The plain name of board id in lang; NULL when the glossary has none (or
 * g is NULL). Borrowed. */
const char *glossary_board(const struct glossary *g, const char *id,
			   const char *lang, bool *fallback);

#endif

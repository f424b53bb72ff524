/*
 * readability — how hard a text is to read, for patient summaries: LIX for
 * Swedish, Flesch reading ease for English. Pure functions of the text; no
 * locale, no allocation.
 *
 * Counting rules (shared by both formulas):
 *
 * - Text is UTF-8; invalid bytes separate words like punctuation.
 * - A letter is an ASCII letter or a letter of the Latin-1 Supplement,
 *   Latin Extended-A/B, IPA, Greek, Cyrillic or Latin Extended Additional
 *   blocks (so å, ä, ö, é, ü, ø, æ are letters; × and ÷ are not). Combining
 *   marks (U+0300–U+036F) continue a word but are not letters, so "a" + U+0308
 *   counts as one letter, like the precomposed "ä".
 * - A word is a run of letters and digits. An apostrophe (' or U+2019) or a
 *   hyphen (- or U+2010/U+2011) between two letters or digits joins them:
 *   "don't" and "HER2-positiv" are one word each. A decimal point or comma
 *   between digits joins them too: "3.5" and "14,30" are one word. "2026" is
 *   a word (with no letters).
 * - A long word (LIX) has more than 6 letters; digits do not count.
 * - A sentence ends at a run of terminators (so "..." and "?!" end one
 *   sentence) followed by white space, a closing quote or bracket, or the
 *   end of the text: "3.5" and "kl. 14.30" do not end at the inner dot.
 *   Terminators are . ! ? … and, for LIX only, : (Björnsson's definition
 *   counts the colon; Flesch's usual implementations do not). Words after
 *   the last terminator form one more sentence, so a text without a final
 *   full stop still has at least one.
 * - A line break ends a sentence too when words follow the last terminator:
 *   a heading or a list item without a full stop counts as a sentence of
 *   its own, as in Björnsson's definition. Give running text one paragraph
 *   per line.
 * - Numbers are words ("2026-12-24", "046-17", "10"), never long ones: only
 *   letters count towards the length.
 * - Abbreviations are not recognised: "t.ex. " and "Dr. " end a sentence,
 *   which makes sentences look shorter (LIX lower, Flesch higher). Summaries
 *   written for patients should avoid abbreviations anyway.
 *
 * LIX = words / sentences + 100 * long words / words. Lower is easier;
 * below 30 is very easy, 40 is ordinary newspaper text, above 50 is hard.
 *
 * Flesch reading ease = 206.835 - 1.015 * (words / sentences)
 *                               - 84.6 * (syllables / words).
 * Higher is easier; 60–70 is plain English.
 *
 * Syllables (English heuristic, per word): the number of groups of
 * consecutive vowels (a e i o u y, and accented Latin vowels such as é),
 * minus one for a silent final "e" — an "e" after a consonant ("make",
 * "there"), but not after consonant + "l" ("table", "people") — when there
 * is more than one group; at least 1. Words of digits only count 1.
 *
 * A text with no words has every count and the score 0; it is within any
 * limit (there is nothing hard to read).
 */
#ifndef TB_READABILITY_H
#define TB_READABILITY_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

enum readability_formula {
	READABILITY_LIX,    /* Swedish; lower is easier */
	READABILITY_FLESCH, /* English; higher is easier */
};

/* Default limits for patient-facing text. */
#define READABILITY_LIX_LIMIT	 35.0 /* LIX at most this */
#define READABILITY_FLESCH_LIMIT 60.0 /* Flesch at least this */

struct readability {
	enum readability_formula formula;
	size_t words;
	size_t sentences;
	size_t long_words; /* more than 6 letters */
	size_t syllables;  /* English heuristic, counted for both formulas */
	double score;
};

/* Counts text (NULL is empty) and computes LIX. */
struct readability readability_lix(const char *text);
/* Counts text (NULL is empty) and computes Flesch reading ease. */
struct readability readability_flesch(const char *text);

/*
 * Picks the formula by language code: "sv" (or "sv-SE", "sv_FI"…) → LIX,
 * "en" (or "en-GB"…) → Flesch, case-insensitive. Returns TB_INVALID and
 * leaves *out alone for any other language.
 */
enum tb_status readability_for_language(const char *lang, const char *text,
					struct readability *out);

/* The default limit of a formula: READABILITY_LIX_LIMIT or
 * READABILITY_FLESCH_LIMIT. */
double readability_default_limit(enum readability_formula formula);

/* True when r's score is within limit: LIX <= limit, Flesch >= limit.
 * Always true for a text with no words. */
bool readability_within(const struct readability *r, double limit);

#endif

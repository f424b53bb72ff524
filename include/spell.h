/*
 * spell — names compared as people type them: letter case and accents
 * folded (å and ä as a, ö as o, é as e: fts_word_fold, as the case search
 * folds), white space trimmed and runs of it as one space, and the
 * everyday Swedish spellings q/k and w/v (Lindqvist, Lindkvist) taken as
 * one letter; and how far apart two such names are, for a "did you mean"
 * that offers a near name and never takes it for the name itself.
 */
#ifndef TB_SPELL_H
#define TB_SPELL_H

#include <stdbool.h>
#include <stddef.h>

/* The characters of a name compared; the rest is not looked at. */
#define SPELL_MAX 64

/* s folded as above into out; returns how many characters it holds (at
 * most SPELL_MAX). s may be NULL (none). */
size_t spell_fold(const char *s, unsigned long out[SPELL_MAX]);

/* Whether a and b are one name once folded ("Åberg", "aberg"). */
bool spell_same(const char *a, const char *b);

/* The edit distance of a and b folded: the characters inserted, deleted,
 * replaced, or two neighbours swapped, that make one the other. */
size_t spell_distance(const char *a, const char *b);

/* Whether name is near typed: within the edit distance a typed name of
 * its length may be off by (none up to 3 characters, 1 up to 5, 2 up to
 * 10, then 3), whole or one of name's words. */
bool spell_near(const char *typed, const char *name);

/* The distance spell_near allows a typed name of n folded characters. */
size_t spell_tolerance(size_t n);

/* Whether needle, folded, is within hay folded (an empty needle is not). */
bool spell_contains(const char *hay, const char *needle);

/* A name folded once, for comparing it with many (spell_name_fold). */
struct spell_name {
	unsigned long c[SPELL_MAX];
	size_t n;
};
void spell_name_fold(struct spell_name *f, const char *s);
/* spell_near and spell_contains of names folded. */
bool spell_near_name(const struct spell_name *typed,
		     const struct spell_name *name);
bool spell_contains_name(const struct spell_name *hay,
			 const struct spell_name *needle);

#endif

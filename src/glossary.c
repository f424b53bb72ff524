#include "glossary.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct glossary *glossary_new(void)
{
	return xcalloc(1, sizeof(struct glossary));
}

void glossary_free(struct glossary **gp)
{
	struct glossary *g = *gp;
	if (!g)
		return;
	for (size_t i = 0; i < g->n; i++) {
		free(g->t[i].id);
		form_text_done(&g->t[i].match);
		form_text_done(&g->t[i].explain);
	}
	for (size_t i = 0; i < g->n_boards; i++) {
		free(g->b[i].id);
		form_text_done(&g->b[i].name);
	}
	free(g->t);
	free(g->b);
	free(g->version);
	free(g->source);
	free(g);
	*gp = NULL;
}

/* Lower case for ASCII and the two-byte Latin-1 capitals (Å, Ä, Ö, É…). */
static void fold(const unsigned char *s, size_t i, unsigned char out[2],
		 size_t *len)
{
	if (s[i] == 0xC3 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9E &&
	    s[i + 1] != 0x97) {
		out[0] = 0xC3;
		out[1] = (unsigned char)(s[i + 1] + 0x20);
		*len = 2;
		return;
	}
	out[0] =
	    (s[i] >= 'A' && s[i] <= 'Z') ? (unsigned char)(s[i] + 32) : s[i];
	*len = 1;
}

/* Whether word (n bytes, lower case) starts at text[i], ignoring case. */
static bool match_at(const unsigned char *text, size_t i,
		     const unsigned char *word, size_t n)
{
	size_t k = 0;
	while (k < n) {
		if (!text[i])
			return false;
		unsigned char c[2];
		size_t len;
		fold(text, i, c, &len);
		if (k + len > n || memcmp(c, word + k, len) != 0)
			return false;
		i += len;
		k += len;
	}
	return true;
}

/* Whether the byte before text[i] ends a letter or digit (a word goes on):
 * ASCII letters and digits, and any byte of a multi-byte character. */
static bool in_word(const unsigned char *text, size_t i)
{
	if (i == 0)
		return false;
	unsigned char p = text[i - 1];
	return (p >= 'a' && p <= 'z') || (p >= 'A' && p <= 'Z') ||
	       (p >= '0' && p <= '9') || p >= 0x80;
}

/* The first offset in text where one of the '|'-separated alternatives of
 * words starts a word; (size_t)-1 when none does. */
static size_t first_of(const char *text, const char *words)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t best = (size_t)-1;
	const char *w = words;
	while (*w) {
		size_t n = strcspn(w, "|");
		unsigned char low[128];
		size_t m = 0;
		for (size_t k = 0; k < n && m + 2 < sizeof(low);) {
			size_t len;
			fold((const unsigned char *)w, k, low + m, &len);
			m += len;
			k += len;
		}
		for (size_t i = 0; m && t[i] && i < best; i++)
			if (!in_word(t, i) && match_at(t, i, low, m)) {
				best = i;
				break;
			}
		w += n;
		if (*w == '|')
			w++;
	}
	return best;
}

size_t glossary_find(const struct glossary *g, const char *text,
		     const char *lang, const bool *skip, size_t n_skip)
{
	if (!g || !text)
		return GLOSSARY_NONE;
	size_t found = GLOSSARY_NONE, at = (size_t)-1;
	for (size_t i = 0; i < g->n && i < n_skip; i++) {
		if (skip[i])
			continue;
		size_t p =
		    first_of(text, form_text_get(&g->t[i].match, lang, NULL));
		if (p < at) {
			at = p;
			found = i;
		}
	}
	return found;
}

bool glossary_words_in(const char *text, const char *words)
{
	return text && words && first_of(text, words) != (size_t)-1;
}

const char *glossary_explanation(const struct glossary *g, size_t i,
				 const char *lang, bool *fallback)
{
	return form_text_get(&g->t[i].explain, lang, fallback);
}

const char *glossary_board(const struct glossary *g, const char *id,
			   const char *lang, bool *fallback)
{
	if (!g || !id)
		return NULL;
	for (size_t i = 0; i < g->n_boards; i++)
		if (strcmp(g->b[i].id, id) == 0)
			return form_text_get(&g->b[i].name, lang, fallback);
	return NULL;
}

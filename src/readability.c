#include "readability.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

#define BAD_CP 0xFFFFFFFFu

/* Decodes one code point at s (n bytes left); *len gets its length. Invalid
 * or truncated sequences give BAD_CP with length 1. */
static uint32_t decode(const unsigned char *s, size_t n, size_t *len)
{
	uint32_t cp;
	size_t need;

	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		cp = s[0] & 0x1Fu;
		need = 1;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		cp = s[0] & 0x0Fu;
		need = 2;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		cp = s[0] & 0x07u;
		need = 3;
	} else {
		return BAD_CP;
	}
	if (need >= n)
		return BAD_CP;
	for (size_t i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return BAD_CP;
		cp = (cp << 6) | (s[i] & 0x3Fu);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return BAD_CP;
	*len = need + 1;
	return cp;
}

static bool is_letter(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	if (c >= 0xC0 && c <= 0x2AF) /* Latin-1 letters, Latin Ext-A/B, IPA */
		return c != 0xD7 && c != 0xF7;
	if (c >= 0x370 && c <= 0x3FF) /* Greek, without its punctuation */
		return c != 0x37E && c != 0x387 && c != 0x375 && c != 0x384 &&
		       c != 0x385;
	if (c >= 0x400 && c <= 0x4FF) /* Cyrillic, without signs and marks */
		return c < 0x482 || c > 0x489;
	return c >= 0x1E00 && c <= 0x1EFF; /* Latin Extended Additional */
}

static bool is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static bool is_mark(uint32_t c)
{
	return c >= 0x300 && c <= 0x36F;
}

static bool is_vowel(uint32_t c)
{
	if (c < 0x80)
		return c && strchr("aeiouyAEIOUY", (int)c) != NULL;
	/* À–Æ, È–Ï, Ò–Ö, Ø–Ü, Ý and their lower-case forms, ÿ */
	uint32_t l = (c >= 0xC0 && c <= 0xDE) ? c + 0x20 : c;
	return (l >= 0xE0 && l <= 0xE6) || (l >= 0xE8 && l <= 0xEF) ||
	       (l >= 0xF2 && l <= 0xF6) || (l >= 0xF8 && l <= 0xFD) ||
	       l == 0xFF;
}

static bool is_word_joiner(uint32_t c)
{
	return c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 ||
	       c == 0x2011;
}

static bool is_terminator(uint32_t c, bool colon)
{
	return c == '.' || c == '!' || c == '?' || c == 0x2026 ||
	       (colon && c == ':');
}

static bool is_closer(uint32_t c)
{
	return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' ||
	       c == 0xAB || c == 0xBB || c == 0x2019 || c == 0x201D;
}

static bool is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
	       c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x3000;
}

/* The word being read: letters and the last three letters, for the
 * silent-e rule ('v' stands for a non-ASCII vowel, '#' for another
 * non-ASCII letter). */
struct word {
	size_t letters;
	size_t groups;
	bool in_vowels;
	char tail[3]; /* tail[2] is the last letter */
};

static void word_letter(struct word *w, uint32_t c)
{
	w->letters++;
	bool v = is_vowel(c);
	if (v && !w->in_vowels)
		w->groups++;
	w->in_vowels = v;
	char ch = c < 0x80 ? (char)tolower((int)c) : (v ? 'v' : '#');
	w->tail[0] = w->tail[1];
	w->tail[1] = w->tail[2];
	w->tail[2] = ch;
}

static bool ascii_consonant(char c)
{
	return c >= 'a' && c <= 'z' && !strchr("aeiouy", c);
}

static size_t word_syllables(const struct word *w)
{
	size_t n = w->groups;
	if (n > 1 && w->tail[2] == 'e' && ascii_consonant(w->tail[1]) &&
	    !(w->tail[1] == 'l' && ascii_consonant(w->tail[0])))
		n--;
	return n ? n : 1;
}

static struct readability count(const char *text, bool colon)
{
	struct readability r = {0};
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	size_t n = strlen((const char *)s);
	size_t i = 0, in_sentence = 0;
	struct word w;
	bool in_word = false;

	while (i < n) {
		size_t len;
		uint32_t c = decode(s + i, n - i, &len);
		if (is_letter(c) || is_digit(c) || (in_word && is_mark(c))) {
			if (!in_word) {
				memset(&w, 0, sizeof(w));
				in_word = true;
			}
			if (is_letter(c))
				word_letter(&w, c);
			else if (is_digit(c))
				w.in_vowels = false;
			i += len;
			continue;
		}
		if (in_word && i + len < n) {
			/* A joiner between letters or digits, or a decimal
			 * point or comma between digits, keeps the word. */
			size_t nlen;
			uint32_t next = decode(s + i + len, n - i - len, &nlen);
			uint32_t prev = s[i - 1];
			bool joins = (is_word_joiner(c) &&
				      (is_letter(next) || is_digit(next))) ||
				     ((c == '.' || c == ',') &&
				      is_digit(prev) && is_digit(next));
			if (joins) {
				w.in_vowels = false;
				i += len;
				continue;
			}
		}
		if (in_word) {
			in_word = false;
			r.words++;
			in_sentence++;
			if (w.letters > 6)
				r.long_words++;
			r.syllables += word_syllables(&w);
		}
		if (c == '\n' && in_sentence) {
			/* a heading or list item is a sentence of its own */
			r.sentences++;
			in_sentence = 0;
		}
		if (!is_terminator(c, colon)) {
			i += len;
			continue;
		}
		/* A run of terminators, then closing quotes or brackets, ends
		 * a sentence when white space or the end follows. */
		while (i < n && is_terminator(c, colon)) {
			i += len;
			if (i < n)
				c = decode(s + i, n - i, &len);
		}
		while (i < n && is_closer(c)) {
			i += len;
			if (i < n)
				c = decode(s + i, n - i, &len);
		}
		if ((i >= n || is_space(c)) && in_sentence) {
			r.sentences++;
			in_sentence = 0;
		}
	}
	if (in_word) {
		r.words++;
		in_sentence++;
		if (w.letters > 6)
			r.long_words++;
		r.syllables += word_syllables(&w);
	}
	if (in_sentence)
		r.sentences++;
	return r;
}

struct readability readability_lix(const char *text)
{
	struct readability r = count(text, true);
	r.formula = READABILITY_LIX;
	if (r.words)
		r.score = (double)r.words / (double)r.sentences +
			  100.0 * (double)r.long_words / (double)r.words;
	return r;
}

struct readability readability_flesch(const char *text)
{
	struct readability r = count(text, false);
	r.formula = READABILITY_FLESCH;
	if (r.words)
		r.score = 206.835 -
			  1.015 * ((double)r.words / (double)r.sentences) -
			  84.6 * ((double)r.syllables / (double)r.words);
	return r;
}

enum tb_status readability_for_language(const char *lang, const char *text,
					struct readability *out)
{
	if (!lang)
		return TB_INVALID;
	if (util_lang_is(lang, "sv")) {
		*out = readability_lix(text);
		return TB_OK;
	}
	if (util_lang_is(lang, "en")) {
		*out = readability_flesch(text);
		return TB_OK;
	}
	return TB_INVALID;
}

double readability_default_limit(enum readability_formula formula)
{
	return formula == READABILITY_LIX ? READABILITY_LIX_LIMIT
					  : READABILITY_FLESCH_LIMIT;
}

bool readability_within(const struct readability *r, double limit)
{
	if (!r->words)
		return true;
	return r->formula == READABILITY_LIX ? r->score <= limit
					     : r->score >= limit;
}

/*
 * util — memory helpers that never return NULL, a growable string buffer,
 * and text hygiene (UTF-8 checks, control-character stripping).
 *
 * Out of memory is fatal: util_die_nomem() runs the hook registered with
 * util_set_fatal_hook() (the UI restores the terminal there), prints one
 * line and exits with status 70.
 */
#ifndef TB_UTIL_H
#define TB_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#define UTIL_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void util_set_fatal_hook(void (*hook)(void));
_Noreturn void util_die_nomem(void);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Returns NULL for NULL. */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Frees *p and sets it to NULL. */
void util_free(char **p);

/* Replaces *dst with a copy of src (which may be NULL). */
void util_set(char **dst, const char *src);

/* Growable NUL-terminated buffer; zero-initialise or strbuf_init(). */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};

void strbuf_init(struct strbuf *sb);
void strbuf_done(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Hands the buffer to the caller (caller frees) and resets sb. Never NULL. */
char *strbuf_detach(struct strbuf *sb);

/* True when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, no
 * code points above U+10FFFF). On failure *bad_offset is the first bad byte. */
bool util_utf8_valid(const char *s, size_t n, size_t *bad_offset);

/*
 * Copies s into a new string (caller frees) with every C0/C1 control
 * character and DEL removed, except that tab becomes a space and, when
 * keep_newlines, '\n' is kept. Invalid UTF-8 bytes become U+FFFD. Every
 * string from files or the database passes through here before it is drawn
 * or printed.
 */
char *util_sanitize(const char *s, bool keep_newlines);
/* The bytes of s when every one is printable ASCII (what util_sanitize
 * gives back as it is, so there is nothing to clean), else -1. */
long util_printable_len(const char *s);

/* True for the characters no stored text may hold: C0 and C1 controls,
 * DEL, line and paragraph separators, zero-width and invisible format
 * characters (U+200B..U+200F, U+2060..U+2064, U+FEFF) and bidi controls
 * (U+202A..U+202E, U+2066..U+2069). Tab and newline are not in the set;
 * callers decide about them. */
bool util_char_hidden(uint32_t cp);

/*
 * Checks text that is about to be stored: valid UTF-8 and no character of
 * util_char_hidden(); newline and tab only when multiline. Returns true
 * when fine; otherwise false and, when why is not NULL, a message that
 * names the character by its code point (never the text), e.g.
 * "contains a control character (U+001B)" (static storage).
 */
bool util_text_check(const char *s, bool multiline, const char **why);

/* Length in bytes of the UTF-8 character s starts with (1 for a bad
 * byte, 0 at the end of the string). */
size_t util_utf8_char_len(const char *s);

/* Number of characters (code points) in UTF-8 text. */
size_t util_utf8_count(const char *s);

/* src (NULL: "") into dst of size bytes, cut to fit, as snprintf's
 * "%s" would without its formatting (a field or two a row read). */
void util_copy(char *dst, size_t size, const char *src);

/* Appends the sentence more to the text in buf (size bytes, cut to
 * fit): after ". " where the text does not end one ('.' or '?'), else
 * after a space; more alone into an empty buf. */
void util_add_sentence(char *buf, size_t size, const char *more);

/* Trims ASCII white space at both ends in place; returns s. */
char *util_trim(char *s);

/* Whether s is NULL, empty or only spaces, tabs and line breaks: a reason,
 * a name or a note that says nothing. */
bool util_blank(const char *s);

/* True when the language tag lang is code ("sv") alone or followed by '-'
 * or '_' ("sv-SE", "SV_se"), letters compared without case. */
bool util_lang_is(const char *lang, const char *code);

/* Number of terminal columns s occupies (wide characters count two). */
int util_display_width(const char *s);

/* Appends s to sb and pads it with spaces to `cells` terminal columns
 * (nothing is added when s is that wide already): a column of a row in
 * any language, where "%-13s" would count bytes. */
void util_pad_cells(struct strbuf *sb, const char *s, int cells);

/* s as it fits `cells` terminal columns (caller frees): s itself when it
 * fits, else its whole words that fit with "…" after them (the spaces
 * and the commas, colons and opening brackets before the cut left off),
 * and only a single word wider than the room is cut inside, at a
 * character. Labels and one-line values never end in half a word. */
char *util_fit_words(const char *s, int cells);

/* $XDG_CONFIG_HOME/tumorboard/name, or ~/.config/tumorboard/name when
 * XDG_CONFIG_HOME is unset (or not absolute); NULL when neither is known.
 * Caller frees. */
char *util_config_path(const char *name);

/* A database row id written on the command line: a whole decimal number
 * above zero; 0 for anything else (empty, trailing text, zero, negative). */
long long util_parse_id(const char *s);

/* Where a file's text starts: the index of its first byte after a UTF-8
 * byte order mark and white space (space, tab, CR, LF); n when none is
 * left. */
size_t util_text_start(const char *buf, size_t n);

/* qsort and bsearch order of two long longs (case and decision ids). */
int util_cmp_ll(const void *a, const void *b);

/* v[0..n) sorted in place; util_ll_has then finds a value in it in
 * O(log n) (which decisions a list of them supersedes, for one). */
void util_ll_sort(long long *v, size_t n);
bool util_ll_has(const long long *v, size_t n, long long x);
/* Where x is in sorted v[0..n), or n when it is not there. */
size_t util_ll_index(const long long *v, size_t n, long long x);
/* FNV-1a (64 bits): where a hash starts, and what each step multiplies
 * by. */
#define UTIL_HASH_START 1469598103934665603ULL
#define UTIL_HASH_PRIME 1099511628211ULL
/* FNV-1a of s: the hash of the program's tables of strings. */
uint64_t util_hash_str(const char *s);
/* The hash of what h is the hash of followed by s. */
uint64_t util_hash_more(uint64_t h, const char *s);

/* A whole decimal number in [min, max] into *out; false (and *out left
 * alone) for anything else. */
bool util_parse_long(const char *s, long min, long max, long *out);

#endif

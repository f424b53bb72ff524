#include "util.h"
#include "i18n.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*fatal_hook)(void);

void util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

_Noreturn void util_die_nomem(void)
{
	if (fatal_hook)
		fatal_hook();
	fputs(_("tumorboard: out of memory\n"), stderr);
	exit(70);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		util_die_nomem();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		util_die_nomem();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		util_die_nomem();
	return q;
}

char *xstrdup(const char *s)
{
	if (!s)
		return NULL;
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb);
}

void util_free(char **p)
{
	free(*p);
	*p = NULL;
}

void util_set(char **dst, const char *src)
{
	char *copy = xstrdup(src);
	free(*dst);
	*dst = copy;
}

void strbuf_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = 0;
	sb->cap = 0;
}

void strbuf_done(struct strbuf *sb)
{
	free(sb->buf);
	strbuf_init(sb);
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

static void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	sb->buf = xrealloc(sb->buf, cap);
	sb->cap = cap;
	sb->buf[sb->len] = '\0';
}

void util_copy(char *dst, size_t size, const char *src)
{
	size_t n = src ? strnlen(src, size - 1) : 0;
	memcpy(dst, src ? src : "", n);
	dst[n] = '\0';
}

void util_add_sentence(char *buf, size_t size, const char *more)
{
	size_t n = strlen(buf);
	const char *sep = !n					   ? ""
			  : buf[n - 1] == '.' || buf[n - 1] == '?' ? " "
								   : ". ";
	snprintf(buf + n, size - n, "%s%s", sep, more);
}

void strbuf_add(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_puts(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_putc(struct strbuf *sb, char c)
{
	strbuf_add(sb, &c, 1);
}

/* Formatted once into the room there is; only what does not fit is
 * formatted again, after the buffer grew (it was always formatted twice:
 * once to measure it). */
void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	strbuf_grow(sb, 0);
	size_t room = sb->cap - sb->len;
	va_copy(ap2, ap);
	int n = vsnprintf(sb->buf + sb->len, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		sb->buf[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		strbuf_grow(sb, (size_t)n);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	}
	sb->len += (size_t)n;
}

void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}

char *strbuf_detach(struct strbuf *sb)
{
	char *p = sb->buf ? sb->buf : xstrdup("");
	strbuf_init(sb);
	return p;
}

/* Decodes one UTF-8 sequence at s (n bytes left). Returns its length, or 0
 * when malformed. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len;
	uint32_t c, min;
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2;
		c = s[0] & 0x1F;
		min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3;
		c = s[0] & 0x0F;
		min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

bool util_utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		if (u[i] < 0x80) { /* the common case */
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(u + i, n - i, &cp);
		if (!len) {
			if (bad_offset)
				*bad_offset = i;
			return false;
		}
		i += len;
	}
	return true;
}

bool util_char_hidden(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
	       (cp >= 0x80 && cp < 0xA0) || (cp >= 0x200B && cp <= 0x200F) ||
	       cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x2064) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

bool util_blank(const char *s)
{
	while (s && *s) {
		if (!strchr(" \t\r\n\v\f", *s))
			return false;
		s++;
	}
	return true;
}

bool util_lang_is(const char *lang, const char *code)
{
	size_t n = strlen(code);
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)lang[i]) != code[i])
			return false;
	return lang[n] == '\0' || lang[n] == '-' || lang[n] == '_';
}

bool util_text_check(const char *s, bool multiline, const char **why)
{
	static char msg[64];
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)u);
	for (size_t i = 0; i < n;) {
		if (u[i] >= 0x20 && u[i] < 0x7F) { /* the common case */
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(u + i, n - i, &cp);
		if (!len) {
			if (why)
				*why = _("is not valid UTF-8");
			return false;
		}
		bool bad = util_char_hidden(cp) ||
			   (!multiline && (cp == '\n' || cp == '\t'));
		if (bad) {
			if (why) {
				snprintf(
				    msg, sizeof(msg), _("contains %s (U+%04X)"),
				    cp < 0xA0 ? _("a control character")
					      : _("an invisible character"),
				    (unsigned)cp);
				*why = msg;
			}
			return false;
		}
		i += len;
	}
	return true;
}

size_t util_utf8_char_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!*u)
		return 0;
	uint32_t cp;
	size_t len = utf8_decode(u, strlen(s), &cp);
	return len ? len : 1;
}

size_t util_utf8_count(const char *s)
{
	size_t n = 0;
	for (size_t k; (k = util_utf8_char_len(s)) != 0; s += k)
		n++;
	return n;
}

long util_printable_len(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;
	while (u[n] >= 0x20 && u[n] < 0x7f)
		n++;
	return u[n] ? -1 : (long)n;
}

char *util_sanitize(const char *s, bool keep_newlines)
{
	struct strbuf sb = {0};
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)u);
	size_t i = 0;

	strbuf_grow(&sb, n);
	while (i < n) {
		/* printable ASCII, the common case, is kept as it is: copied
		 * a run at a time, not decoded and added one by one */
		size_t run = i;
		while (run < n && u[run] >= 0x20 && u[run] < 0x7F)
			run++;
		if (run > i) {
			strbuf_add(&sb, (const char *)u + i, run - i);
			i = run;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(u + i, n - i, &cp);
		if (!len) {
			strbuf_puts(&sb, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		if (cp == '\t' || (cp == '\n' && !keep_newlines) ||
		    cp == '\r') {
			if (cp != '\r')
				strbuf_putc(&sb, ' ');
		} else if (cp == '\n') {
			strbuf_putc(&sb, '\n');
		} else if (util_char_hidden(cp)) {
			/* Controls, zero-width characters and bidi overrides
			 * that could disguise text on screen are dropped. */
		} else {
			strbuf_add(&sb, (const char *)u + i, len);
		}
		i += len;
	}
	return strbuf_detach(&sb);
}

char *util_trim(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
		     s[n - 1] == '\r'))
		s[--n] = '\0';
	size_t i = 0;
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
		i++;
	if (i)
		memmove(s, s + i, n - i + 1);
	return s;
}

/*
 * Terminal columns of one code point, the same in every locale so that
 * batch output lines up whatever LANG says: combining marks and
 * zero-width characters take none, East Asian wide and emoji take two.
 */
static int cp_width(uint32_t cp)
{
	if (cp < 0x300) /* Latin, the common case: no table to search */
		return 1;
	static const uint32_t zero[][2] = {
	    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD},
	    {0x0610, 0x061A}, {0x064B, 0x065F}, {0x200B, 0x200F},
	    {0x20D0, 0x20FF}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F},
	};
	static const uint32_t wide[][2] = {
	    {0x1100, 0x115F},	{0x2E80, 0x303E},   {0x3041, 0x33FF},
	    {0x3400, 0x4DBF},	{0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
	    {0xAC00, 0xD7A3},	{0xF900, 0xFAFF},   {0xFE30, 0xFE4F},
	    {0xFF00, 0xFF60},	{0xFFE0, 0xFFE6},   {0x1F300, 0x1F64F},
	    {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD},
	};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(zero); i++)
		if (cp >= zero[i][0] && cp <= zero[i][1])
			return 0;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(wide); i++)
		if (cp >= wide[i][0] && cp <= wide[i][1])
			return 2;
	return 1;
}

int util_display_width(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;
	int w = 0;
	while (i < n) {
		if (u[i] < 0x80) { /* ASCII without decoding */
			w += u[i] >= 0x20;
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(u + i, n - i, &cp);
		if (!len) {
			w++;
			i++;
			continue;
		}
		w += cp < 0x20 ? 0 : cp_width(cp);
		i += len;
	}
	return w;
}

void util_pad_cells(struct strbuf *sb, const char *s, int cells)
{
	strbuf_puts(sb, s);
	for (int w = util_display_width(s); w < cells; w++)
		strbuf_putc(sb, ' ');
}

char *util_fit_words(const char *s, int cells)
{
	if (util_display_width(s) <= cells)
		return xstrdup(s);
	if (cells < 1)
		return xstrdup("");
	/* the longest prefix of cells - 1 columns (room for the "…"),
	 * and the last word boundary in it */
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, cut = 0, word_end = 0;
	int w = 0;
	while (i < n) {
		uint32_t cp = u[i];
		size_t len = 1;
		if (u[i] >= 0x80) {
			len = utf8_decode(u + i, n - i, &cp);
			if (!len)
				len = 1;
		}
		int cw = cp < 0x20 ? 0 : cp_width(cp);
		if (w + cw > cells - 1)
			break;
		if (u[i] == ' ' && i > 0 && u[i - 1] != ' ')
			word_end = i;
		w += cw;
		i += len;
		cut = i;
	}
	/* the next character begins a word: the prefix ends a whole one */
	if (i < n && u[i] == ' ' && cut > 0)
		word_end = cut;
	if (word_end) {
		cut = word_end;
		while (cut > 0 && strchr(" ,;:([/-", s[cut - 1]))
			cut--;
		if (!cut)
			cut = word_end;
	}
	return xasprintf("%.*s…", (int)cut, s);
}

char *util_config_path(const char *name)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/tumorboard/%s", xdg, name);
	const char *home = getenv("HOME");
	if (home && *home)
		return xasprintf("%s/.config/tumorboard/%s", home, name);
	return NULL;
}

size_t util_text_start(const char *buf, size_t n)
{
	size_t i = 0;
	if (n >= 3 && (unsigned char)buf[0] == 0xef &&
	    (unsigned char)buf[1] == 0xbb && (unsigned char)buf[2] == 0xbf)
		i = 3;
	while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' ||
			 buf[i] == '\r'))
		i++;
	return i;
}

int util_cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return (x > y) - (x < y);
}

void util_ll_sort(long long *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), util_cmp_ll);
}

bool util_ll_has(const long long *v, size_t n, long long x)
{
	return util_ll_index(v, n, x) < n;
}

size_t util_ll_index(const long long *v, size_t n, long long x)
{
	const long long *at =
	    n ? bsearch(&x, v, n, sizeof(*v), util_cmp_ll) : NULL;
	return at ? (size_t)(at - v) : n;
}

long long util_parse_id(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	return (*s && !*end && v > 0) ? v : 0;
}

bool util_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

uint64_t util_hash_more(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * UTIL_HASH_PRIME;
	return h;
}

uint64_t util_hash_str(const char *s)
{
	return util_hash_more(UTIL_HASH_START, s);
}

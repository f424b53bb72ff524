#include "lineedit.h"

#include <stdio.h>
#include <string.h>

#include "keymap.h"
#include "util.h"

void lineedit_init(struct lineedit *le, const char *text)
{
	snprintf(le->buf, sizeof(le->buf), "%s", text ? text : "");
	le->len = strlen(le->buf);
	/* A cut in the middle of a character is trimmed off. */
	while (le->len && !util_utf8_valid(le->buf, le->len, NULL))
		le->buf[--le->len] = '\0';
	le->cur = le->len;
}

static bool is_cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

static size_t prev_char(const struct lineedit *le, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && is_cont(le->buf[at]))
		at--;
	return at;
}

static size_t next_char(const struct lineedit *le, size_t at)
{
	if (at >= le->len)
		return le->len;
	at++;
	while (at < le->len && is_cont(le->buf[at]))
		at++;
	return at;
}

/* Removes bytes [from, to). */
static void cut(struct lineedit *le, size_t from, size_t to)
{
	memmove(le->buf + from, le->buf + to, le->len - to + 1);
	le->len -= to - from;
	le->cur = from;
}

static size_t encode(int cp, char out[4])
{
	unsigned c = (unsigned)cp;
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

enum lineedit_result lineedit_key(struct lineedit *le, int key)
{
	switch (key) {
	case '\r':
	case '\n':
		return LINEEDIT_ACCEPT;
	case 27:
	case 7: /* C-g */
		return LINEEDIT_CANCEL;
	case KEYMAP_BACKSPACE:
	case 8:	  /* C-h */
	case 127: /* DEL as sent by many terminals for Backspace */
		if (le->cur == 0)
			return LINEEDIT_NONE;
		cut(le, prev_char(le, le->cur), le->cur);
		return LINEEDIT_CHANGED;
	case KEYMAP_DELETE:
	case 4: /* C-d */
		if (le->cur >= le->len)
			return LINEEDIT_NONE;
		{
			size_t from = le->cur;
			cut(le, from, next_char(le, from));
		}
		return LINEEDIT_CHANGED;
	case KEYMAP_LEFT:
	case 2: /* C-b */
		le->cur = prev_char(le, le->cur);
		return LINEEDIT_NONE;
	case KEYMAP_RIGHT:
	case 6: /* C-f */
		le->cur = next_char(le, le->cur);
		return LINEEDIT_NONE;
	case KEYMAP_HOME:
	case 1: /* C-a */
		le->cur = 0;
		return LINEEDIT_NONE;
	case KEYMAP_END:
	case 5: /* C-e */
		le->cur = le->len;
		return LINEEDIT_NONE;
	case 21: /* C-u */
		if (!le->len)
			return LINEEDIT_NONE;
		le->len = le->cur = 0;
		le->buf[0] = '\0';
		return LINEEDIT_CHANGED;
	case 23: /* C-w */
	{
		size_t to = le->cur, from = le->cur;
		while (from > 0 && le->buf[from - 1] == ' ')
			from--;
		while (from > 0 && le->buf[from - 1] != ' ')
			from--;
		if (from == to)
			return LINEEDIT_NONE;
		cut(le, from, to);
		return LINEEDIT_CHANGED;
	}
	default:
		break;
	}
	if (key < ' ' || key == 127 || key >= 0x110000 ||
	    (key >= 0x80 && key < 0xA0) || (key >= 0xD800 && key <= 0xDFFF))
		return LINEEDIT_NONE;
	char enc[4];
	size_t n = encode(key, enc);
	if (le->len + n >= sizeof(le->buf))
		return LINEEDIT_NONE;
	memmove(le->buf + le->cur + n, le->buf + le->cur,
		le->len - le->cur + 1);
	memcpy(le->buf + le->cur, enc, n);
	le->len += n;
	le->cur += n;
	return LINEEDIT_CHANGED;
}

int lineedit_cursor_col(const struct lineedit *le)
{
	char tmp[LINEEDIT_MAX];
	memcpy(tmp, le->buf, le->cur);
	tmp[le->cur] = '\0';
	return util_display_width(tmp);
}

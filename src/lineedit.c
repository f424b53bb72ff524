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
	le->multiline = false;
	le->offered = false;
}

/* Display width of buf[from, to). */
static int width_of(const struct lineedit *le, size_t from, size_t to)
{
	char tmp[LINEEDIT_MAX];
	memcpy(tmp, le->buf + from, to - from);
	tmp[to - from] = '\0';
	return util_display_width(tmp);
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

/* The start of the line holding byte offset at. */
static size_t line_start(const struct lineedit *le, size_t at)
{
	while (at > 0 && le->buf[at - 1] != '\n')
		at--;
	return at;
}

static size_t line_end(const struct lineedit *le, size_t at)
{
	while (at < le->len && le->buf[at] != '\n')
		at++;
	return at;
}

/* The offset in the line starting at from that is col display columns in
 * (or the line's end). */
static size_t at_col(const struct lineedit *le, size_t from, int col)
{
	size_t end = line_end(le, from), at = from;
	while (at < end) {
		size_t nx = next_char(le, at);
		if (width_of(le, from, nx) > col)
			break;
		at = nx;
	}
	return at;
}

static enum lineedit_result insert(struct lineedit *le, const char *enc,
				   size_t n)
{
	if (le->len + n >= sizeof(le->buf))
		return LINEEDIT_NONE;
	memmove(le->buf + le->cur + n, le->buf + le->cur,
		le->len - le->cur + 1);
	memcpy(le->buf + le->cur, enc, n);
	le->len += n;
	le->cur += n;
	return LINEEDIT_CHANGED;
}

void lineedit_offer(struct lineedit *le, const char *text)
{
	lineedit_init(le, text);
	le->offered = le->len > 0;
}

enum lineedit_result lineedit_key(struct lineedit *le, int key)
{
	bool offered = le->offered;
	le->offered = false;
	if (le->multiline) {
		size_t ls = line_start(le, le->cur);
		int col = width_of(le, ls, le->cur);
		switch (key) {
		case 15: /* C-o: a new line */
			return insert(le, "\n", 1);
		case KEYMAP_UP:
		case 16: /* C-p */
			if (ls > 0)
				le->cur =
				    at_col(le, line_start(le, ls - 1), col);
			return LINEEDIT_NONE;
		case KEYMAP_DOWN:
		case 14: /* C-n */
		{
			size_t le_end = line_end(le, le->cur);
			if (le_end < le->len)
				le->cur = at_col(le, le_end + 1, col);
			return LINEEDIT_NONE;
		}
		case KEYMAP_HOME:
		case 1: /* C-a: the start of this line */
			le->cur = ls;
			return LINEEDIT_NONE;
		case KEYMAP_END:
		case 5: /* C-e */
			le->cur = line_end(le, le->cur);
			return LINEEDIT_NONE;
		default:
			break;
		}
	}
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
	/* controls, and invisible characters (zero-width, BOM, bidi) that
	 * would be stored unseen, are not typed in */
	if (key < ' ' || key >= 0x110000 || util_char_hidden((uint32_t)key) ||
	    (key >= 0xD800 && key <= 0xDFFF))
		return LINEEDIT_NONE;
	if (offered) { /* typed over what was offered */
		le->len = le->cur = 0;
		le->buf[0] = '\0';
	}
	char enc[4];
	size_t n = encode(key, enc);
	return insert(le, enc, n);
}

int lineedit_cursor_col(const struct lineedit *le)
{
	char tmp[LINEEDIT_MAX];
	memcpy(tmp, le->buf, le->cur);
	tmp[le->cur] = '\0';
	return util_display_width(tmp);
}

size_t lineedit_scroll(const struct lineedit *le, int width, size_t start)
{
	if (width < 2)
		width = 2;
	if (start > le->cur)
		start = le->cur;
	while (start > 0 && is_cont(le->buf[start]))
		start--;
	/* columns available for text: one less when a mark shows hidden text
	 * on the left; the cursor needs a column of its own */
	for (;;) {
		int avail = width - (start > 0 ? 1 : 0) - 1;
		if (width_of(le, start, le->cur) <= avail)
			break;
		start = next_char(le, start);
	}
	/* nothing needlessly hidden: move back while everything up to the
	 * cursor still fits */
	while (start > 0) {
		size_t back = prev_char(le, start);
		int avail = width - (back > 0 ? 1 : 0) - 1;
		if (width_of(le, back, le->cur) > avail ||
		    width_of(le, back, le->len) > width - (back > 0 ? 1 : 0))
			break;
		start = back;
	}
	return start;
}

/* Where the row beginning at from ends: before the character that would
 * not fit width columns, moved back to just after the row's last space
 * when there is one (a word goes to the next row whole, as textdoc_wrap
 * breaks the read-back), or at a new line. A space that does not fit
 * stays at the end of its row; only a word wider than the row is cut. */
static size_t row_end(const struct lineedit *le, size_t from, int width)
{
	size_t at = from, after_space = from;
	int col = 0;
	while (at < le->len && le->buf[at] != '\n') {
		size_t nx = next_char(le, at);
		if (le->buf[at] == ' ') {
			after_space = nx;
			if (col + 1 > width)
				return nx;
		} else if (col + width_of(le, at, nx) > width)
			return after_space > from ? after_space
			       : at > from	  ? at
						  : nx;
		col += width_of(le, at, nx);
		at = nx;
	}
	return at;
}

size_t lineedit_wrap(const struct lineedit *le, int width, size_t *starts,
		     size_t max, size_t *cur_row, int *cur_col)
{
	if (width < 1)
		width = 1;
	size_t rows = 0, at = 0;
	size_t crow = 0;
	int ccol = 0;
	for (;;) {
		if (rows < max)
			starts[rows] = at;
		rows++;
		size_t end = row_end(le, at, width);
		bool last = end >= le->len;
		/* the cursor is on this row when it is before the row's end,
		 * or at the end of the text or of a line */
		if (le->cur >= at &&
		    (le->cur < end ||
		     (le->cur == end && (last || le->buf[end] == '\n')))) {
			crow = rows - 1;
			ccol = width_of(le, at, le->cur);
		}
		if (end < le->len && le->buf[end] == '\n')
			end++; /* the next row begins after the new line */
		else if (last)
			break;
		at = end;
		if (at == le->len && le->buf[at - 1] == '\n') {
			/* an empty last line after a new line */
			if (rows < max)
				starts[rows] = at;
			rows++;
			if (le->cur == at) {
				crow = rows - 1;
				ccol = 0;
			}
			break;
		}
	}
	/* a cursor at the right edge goes to a row of its own */
	if (ccol >= width && le->cur == le->len) {
		if (rows < max)
			starts[rows] = le->len;
		rows++;
		crow = rows - 1;
		ccol = 0;
	}
	if (cur_row)
		*cur_row = crow;
	if (cur_col)
		*cur_col = ccol;
	return rows;
}

#include "textdoc.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void textdoc_init(struct textdoc *doc, int width)
{
	memset(doc, 0, sizeof(*doc));
	doc->width = width > 20 ? width : 20;
}

void textdoc_done(struct textdoc *doc)
{
	for (size_t i = 0; i < doc->n_lines; i++) {
		free(doc->lines[i].text);
		free(doc->lines[i].spans);
	}
	free(doc->lines);
	memset(doc, 0, sizeof(*doc));
}

/* The last line is always the open one being built; textdoc_newline()
 * closes it by opening a new, empty one. */
static void open_line(struct textdoc *doc)
{
	if (doc->n_lines == doc->cap) {
		doc->cap = doc->cap ? doc->cap * 2 : 64;
		doc->lines =
		    xrealloc(doc->lines, doc->cap * sizeof(*doc->lines));
	}
	struct textdoc_line *l = &doc->lines[doc->n_lines++];
	memset(l, 0, sizeof(*l));
	/* room for a line of the screen's width without growing */
	l->cap = 128;
	l->text = xmalloc(l->cap);
	l->text[0] = '\0';
}

static struct textdoc_line *current(struct textdoc *doc)
{
	if (doc->n_lines == 0)
		open_line(doc);
	return &doc->lines[doc->n_lines - 1];
}

/* The columns of line l: what was added since it was last asked is
 * measured, not the whole line again. What is added is whole characters
 * (sanitized text, spaces, whole words), so the columns add up. */
static int line_width(struct textdoc_line *l)
{
	if (l->measured < l->len) {
		l->width += util_display_width(l->text + l->measured);
		l->measured = l->len;
	}
	return l->width;
}

static void add_raw(struct textdoc *doc, enum textdoc_style style,
		    const char *clean, size_t n)
{
	struct textdoc_line *l = current(doc);
	if (!n)
		return;
	if (l->len + n + 1 > l->cap) { /* room grows by doubling */
		while (l->len + n + 1 > l->cap)
			l->cap *= 2;
		l->text = xrealloc(l->text, l->cap);
	}
	memcpy(l->text + l->len, clean, n);
	l->text[l->len + n] = '\0';
	if (style != TD_NORMAL) {
		struct textdoc_span *last =
		    l->n_spans ? &l->spans[l->n_spans - 1] : NULL;
		if (last && last->style == style &&
		    last->start + last->len == l->len) {
			last->len += n;
		} else {
			/* a wrapped styled text is a span a word (the spaces
			 * between are plain): room grows by doubling */
			if (l->n_spans == l->span_cap) {
				l->span_cap = l->span_cap ? l->span_cap * 2 : 4;
				l->spans = xrealloc(
				    l->spans, l->span_cap * sizeof(*l->spans));
			}
			l->spans[l->n_spans++] = (struct textdoc_span){
			    .start = l->len, .len = n, .style = style};
		}
	}
	l->len += n;
}

void textdoc_put(struct textdoc *doc, enum textdoc_style style,
		 const char *text)
{
	long n = util_printable_len(text ? text : "");
	if (n >= 0) { /* nothing to clean: added as it is */
		add_raw(doc, style, text ? text : "", (size_t)n);
		return;
	}
	char *clean = util_sanitize(text ? text : "", false);
	add_raw(doc, style, clean, strlen(clean));
	free(clean);
}

void textdoc_printf(struct textdoc *doc, enum textdoc_style style,
		    const char *fmt, ...)
{
	struct strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	textdoc_put(doc, style, sb.buf ? sb.buf : "");
	strbuf_done(&sb);
}

void textdoc_pad_to(struct textdoc *doc, int col)
{
	static const char spaces[] = "                                ";
	int w = line_width(current(doc));
	while (w < col) {
		int n = col - w;
		if (n > (int)sizeof(spaces) - 1)
			n = (int)sizeof(spaces) - 1;
		add_raw(doc, TD_NORMAL, spaces, (size_t)n);
		w += n;
	}
}

int textdoc_width(struct textdoc *doc)
{
	return line_width(current(doc));
}

int textdoc_column(struct textdoc *doc, int col)
{
	int w = line_width(current(doc));
	if (w >= col) {
		add_raw(doc, TD_NORMAL, " ", 1);
		return w + 1;
	}
	textdoc_pad_to(doc, col);
	return col;
}

void textdoc_put_at(struct textdoc *doc, int col, int indent,
		    enum textdoc_style style, const char *text)
{
	char *clean = util_sanitize(text ? text : "", false);
	if (line_width(current(doc)) > indent &&
	    col + util_display_width(clean) > doc->width) {
		textdoc_newline(doc);
		col = indent;
	}
	textdoc_pad_to(doc, col);
	add_raw(doc, style, clean, strlen(clean));
	free(clean);
}

void textdoc_put_part(struct textdoc *doc, int indent, enum textdoc_style style,
		      const char *sep, const char *text)
{
	char *clean = util_sanitize(text ? text : "", false);
	struct textdoc_line *l = current(doc);
	int w = line_width(l);
	if (w > indent &&
	    w + util_display_width(sep) + util_display_width(clean) >
		doc->width) {
		textdoc_newline(doc);
		textdoc_pad_to(doc, indent);
	} else {
		add_raw(doc, TD_NORMAL, sep, strlen(sep));
	}
	add_raw(doc, style, clean, strlen(clean));
	free(clean);
}

void textdoc_newline(struct textdoc *doc)
{
	current(doc);
	open_line(doc);
}

/* A word wider than a whole line (a web address, a long sequence), put
 * from column col: broken at characters over as many lines as it takes,
 * never cut at the screen's edge. Returns the column after it. */
static int put_broken(struct textdoc *doc, int indent, enum textdoc_style style,
		      const char *p, int col)
{
	while (*p) {
		char ch[8];
		size_t n = util_utf8_char_len(p);
		if (n == 0 || n >= sizeof(ch))
			n = 1;
		memcpy(ch, p, n);
		ch[n] = '\0';
		int cw = util_display_width(ch);
		if (col + cw > doc->width && col > indent) {
			textdoc_newline(doc);
			textdoc_pad_to(doc, indent);
			col = indent;
		}
		add_raw(doc, style, ch, n);
		col += cw;
		p += n;
	}
	return col;
}

/* How wrap_impl starts: on a line of its own, after what the current line
 * has, or (hanging) at the start of a line of its own. */
enum wrap_start { WRAP_NEW, WRAP_ON, WRAP_HANG };

/* Whether the word at s is a group of one to four digits (a comma,
 * period, semicolon or bracket may close it). */
static bool digit_group(const char *s)
{
	size_t d = strspn(s, "0123456789");
	size_t n = d + (d && s[d] && strchr(",.;)", s[d]));
	return d >= 1 && d <= 4 && (s[n] == ' ' || s[n] == '\0');
}

/* Word-wraps text; the lines after the first start at indent. */
static void wrap_impl(struct textdoc *doc, int indent, enum textdoc_style style,
		      const char *text, enum wrap_start start)
{
	char *clean = util_sanitize(text ? text : "", true);
	struct textdoc_line *l = current(doc);
	bool line_open = false;
	int col = 0;

	if (l->len && start != WRAP_ON)
		textdoc_newline(doc);
	if (start == WRAP_HANG || (start == WRAP_ON && l->len)) {
		line_open = true;
		col = line_width(current(doc));
	}

	char *para = clean;
	while (para) {
		char *nl = strchr(para, '\n');
		if (nl)
			*nl = '\0';
		char *p = para;
		for (;;) {
			while (*p == ' ')
				p++;
			if (!*p)
				break;
			char *end = p;
			while (*end && *end != ' ')
				end++;
			/* a tally's count stays with its words ("…,
			 * 2 not reached"): a number that opens the text or
			 * follows a comma or colon is never a line's last
			 * word ("exon 19" may part) */
			if (!doc->counts_apart && *end == ' ' && end[1] &&
			    end[1] != ' ' &&
			    (p - para < 2 || p[-2] == ',' || p[-2] == ':') &&
			    strspn(p, "0123456789") == (size_t)(end - p))
				for (end++; *end && *end != ' ';)
					end++;
			/* a number written in groups stays whole ("tel.
			 * 031-342 10 00", "100 000"): a group of at most
			 * four digits after one ending in a digit */
			while (!doc->counts_apart && *end == ' ' && end > p &&
			       isdigit((unsigned char)end[-1]) &&
			       digit_group(end + 1))
				for (end++; *end && *end != ' ';)
					end++;
			char saved = *end;
			*end = '\0';
			int w = util_display_width(p);
			if (line_open && col + 1 + w > doc->width &&
			    col > indent) {
				textdoc_newline(doc);
				line_open = false;
			}
			if (!line_open) {
				textdoc_pad_to(doc, indent);
				col = indent;
				line_open = true;
			} else {
				const struct textdoc_line *cl = current(doc);
				if (cl->len && cl->text[cl->len - 1] != ' ') {
					add_raw(doc, TD_NORMAL, " ", 1);
					col++;
				}
			}
			if (col + w > doc->width && w > doc->width - indent) {
				col = put_broken(doc, indent, style, p, col);
			} else {
				add_raw(doc, style, p, strlen(p));
				col += w;
			}
			*end = saved;
			p = end;
		}
		if (line_open)
			textdoc_newline(doc);
		line_open = false;
		para = nl ? nl + 1 : NULL;
	}
	free(clean);
}

void textdoc_wrap(struct textdoc *doc, int indent, enum textdoc_style style,
		  const char *text)
{
	wrap_impl(doc, indent, style, text, WRAP_NEW);
}

void textdoc_wrap_on(struct textdoc *doc, int indent, enum textdoc_style style,
		     const char *text)
{
	wrap_impl(doc, indent, style, text, WRAP_ON);
}

void textdoc_wrap_hanging(struct textdoc *doc, int indent,
			  enum textdoc_style style, const char *text)
{
	wrap_impl(doc, indent, style, text, WRAP_HANG);
}

void textdoc_write(const struct textdoc *doc, FILE *out)
{
	size_t n = doc->n_lines;
	/* The trailing open line is not part of the output when empty. */
	if (n && doc->lines[n - 1].len == 0)
		n--;
	for (size_t i = 0; i < n; i++) {
		fwrite(doc->lines[i].text, 1, doc->lines[i].len, out);
		fputc('\n', out);
	}
}

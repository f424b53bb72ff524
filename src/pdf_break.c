/*
 * pdf_break — where the PDF writer breaks a paragraph between pages and
 * its running header between lines, and the footer's and header's text:
 * arithmetic on heights and widths measured by pdf.c, no Cairo or Pango
 * here (tests/test_pdf.c).
 */
#include "pdf.h"

#include <string.h>

#include "util.h"

char *pdf_page_text(const char *template, int page, int pages)
{
	const char *t = template ? template : PDF_DEFAULT_PAGE_TEXT;
	struct strbuf sb = {0};
	while (*t) {
		if (strncmp(t, "{page}", 6) == 0) {
			strbuf_printf(&sb, "%d", page);
			t += 6;
		} else if (strncmp(t, "{pages}", 7) == 0) {
			strbuf_printf(&sb, "%d", pages);
			t += 7;
		} else {
			strbuf_putc(&sb, *t++);
		}
	}
	return strbuf_detach(&sb);
}

/* The header's parts are separated by " · " (name and birth date, the
 * date, the doctor, a phone number): a line breaks only between them, so
 * a name or a number is never cut in two. Every other space becomes a
 * no-break space. Caller frees. */
char *pdf_header_unbreakable(const char *text)
{
	static const char dot[] = "\xc2\xb7"; /* U+00B7 */
	struct strbuf sb;
	strbuf_init(&sb);
	for (const char *p = text; *p; p++) {
		bool sep = *p == ' ' &&
			   (strncmp(p + 1, dot, 2) == 0 ||
			    (p - text >= 2 && strncmp(p - 2, dot, 2) == 0));
		if (*p == ' ' && !sep)
			strbuf_puts(&sb, "\xc2\xa0"); /* U+00A0 */
		else
			strbuf_putc(&sb, *p);
	}
	return strbuf_detach(&sb);
}

size_t pdf_lead_lines(size_t nl)
{
	/* two lines and a lone last one would leave one alone either way */
	return nl <= 3 ? nl : 2;
}

size_t pdf_lines_fit(const double *h, size_t nl, size_t k, double y,
		     double bottom, bool at_top)
{
	size_t fit = 0;
	while (k + fit < nl && (y + h[k + fit] <= bottom || (at_top && !fit))) {
		y += h[k + fit];
		fit++;
	}
	size_t rest = nl - k - fit;
	if (!rest || !fit)
		return fit;
	/* what this page keeps: a paragraph's first line never alone */
	size_t least = k == 0 ? 2 : 1;
	if (rest == 1 && fit > least)
		fit--; /* no lone last line on the next page */
	else if (rest == 1 && !at_top)
		fit = 0; /* nor a lone first line here: all of it there */
	if (k == 0 && fit == 1 && !at_top)
		fit = 0;
	return fit;
}

char *pdf_header_lines(const char *text,
		       double (*width)(const char *s, size_t n, void *arg),
		       void *arg, double max)
{
	static const char sep[] = " \xc2\xb7 "; /* " · " */
	const size_t sep_len = sizeof(sep) - 1;
	struct strbuf sb;
	strbuf_init(&sb);
	size_t line = 0; /* where the line being filled starts in sb */
	const char *p = text;
	for (;;) {
		const char *end = strstr(p, sep);
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (sb.len > line) {
			size_t mark = sb.len;
			strbuf_puts(&sb, sep);
			strbuf_add(&sb, p, n);
			if (width(sb.buf + line, sb.len - line, arg) > max) {
				/* the part starts the next line, with no
				 * separator left at the end of this one */
				sb.len = mark;
				sb.buf[mark] = '\0';
				strbuf_putc(&sb, '\n');
				line = sb.len;
				strbuf_add(&sb, p, n);
			}
		} else
			strbuf_add(&sb, p, n);
		if (!end)
			break;
		p = end + sep_len;
	}
	if (!sb.buf)
		strbuf_puts(&sb, "");
	return strbuf_detach(&sb);
}

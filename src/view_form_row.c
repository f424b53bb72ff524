/*
 * A field's value on its row of the form: cut in whole words to the room
 * the row leaves it, and a findings field that does not fit whole named
 * by its findings, as many as fit, then "+N more" (the tier and evidence
 * are in the detail pane and the read-back).
 */
#include "i18n.h"
#include "view_form_internal.h"

#include <stdlib.h>
#include <string.h>

#include "form_type.h"
#include "util.h"

/* "+N more" after s (caller frees). */
static char *more_after(const char *s, size_t n)
{
	return xasprintf(
	    ngettext("%s +%zu more", "%s +%zu more", (unsigned long)n), s, n);
}

/* "A; B +N more": the findings (the rows' first columns) of value, as
 * many as fit `cells` with the count of the rest after them; the first
 * cut in whole words when even it does not fit beside the count. */
static char *findings_fit(const char *value, int cells)
{
	size_t n = 0, shown = 0;
	for (const char *p = value; *p;) {
		size_t len = strcspn(p, "\n");
		n += len > 0;
		p += len;
		p += *p == '\n';
	}
	struct strbuf sb;
	strbuf_init(&sb);
	for (const char *p = value; *p && shown < n;) {
		size_t len = strcspn(p, "\t\n"), was = sb.len;
		if (!strcspn(p, "\n")) {
			p++; /* an empty row */
			continue;
		}
		strbuf_printf(&sb, "%s%.*s", was ? "; " : "", (int)len, p);
		size_t rest = n - shown - 1;
		char *try = rest ? more_after(sb.buf, rest) : xstrdup(sb.buf);
		bool fits = util_display_width(try) <= cells;
		free(try);
		if (!fits && was) {
			sb.len = was;
			sb.buf[was] = '\0';
			break;
		}
		if (!fits) { /* the first, cut so that the count fits */
			char *more = rest ? more_after("", rest) : xstrdup("");
			char *name = xstrndup(p, len);
			char *cut = util_fit_words(
			    name, cells - util_display_width(more));
			strbuf_reset(&sb);
			strbuf_puts(&sb, cut);
			free(cut);
			free(name);
			free(more);
		}
		shown++;
		if (!fits)
			break;
		p += strcspn(p, "\n");
		p += *p == '\n';
	}
	if (shown >= n)
		return strbuf_detach(&sb);
	char *out = more_after(sb.buf, n - shown);
	strbuf_done(&sb);
	return out;
}

/* A field's value as its row on the form shows it in `cells` columns
 * (caller frees): the whole value when it fits, else cut in whole words;
 * the rows of a finding field that do not fit whole are named by their
 * findings, every one that fits, then "+N more" (the tier and evidence
 * are in the detail pane and the read-back). */
char *view_form_row_value(const struct form_screen *fs,
			  const struct form_field *fd, const char *value,
			  int cells)
{
	char *text = form_type_format(fs->f, fd, value, fs->lang);
	char *one = view_form_to_editor(text, false);
	free(text);
	if (fd->type == FT_FINDING && strchr(value, '\n') &&
	    util_display_width(one) > cells) {
		free(one);
		char *shown = form_type_decimals(xstrdup(value), fs->lang);
		char *fit = findings_fit(shown, cells);
		free(shown);
		return fit;
	}
	char *fit = util_fit_words(one, cells);
	free(one);
	return fit;
}

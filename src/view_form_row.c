/*
 * A field's value on its row of the form: cut in whole words to the room
 * the row leaves it, and a findings field that does not fit whole named
 * by its findings, as many as fit, then "+N more" (the tier and evidence
 * are in the detail pane and the read-back); and a findings field's rows
 * edited one at a time.
 */
#include "i18n.h"
#include "view_form_internal.h"

#include <stdlib.h>
#include <string.h>

#include "form_type.h"
#include "walk.h"
#include "util.h"
#include "view.h"

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

/* The rows the row editor holds, for check_row: the one edited is
 * fs->edit_row. */
static char **rows_held;
static size_t n_rows_held;

/* The finding (the key, as stored) of a row, stored or as typed; NULL
 * when it names none. Caller frees. */
static char *row_key(const struct form_screen *fs, const char *row)
{
	char err[FORM_ERR_MAX];
	char *canon = NULL;
	if (!form_type_parse_value(walk_field(&fs->w), row, &fs->ctx, &canon,
				   err) ||
	    !canon || !*canon) {
		free(canon);
		return NULL;
	}
	canon[strcspn(canon, "\t\n")] = '\0';
	return canon;
}

/* The other row held (from 1) that has the finding of a line of text
 * (the lines are rows `first` on, in place of the row `first` held), 0
 * when none does; *at that line's row. Two lines of the text with one
 * finding the field's own check refuses (form_type_parse_value). */
static size_t row_again(const struct form_screen *fs, const char *text,
			size_t first, size_t *at)
{
	size_t other = 0, lines = 1;
	for (const char *q = text; (q = strchr(q, '\n')); q++)
		lines++;
	char *copy = xstrdup(text);
	size_t row = first;
	for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l && !other;
	     l = strtok_r(NULL, "\n", &save), row++) {
		char *key = row_key(fs, l);
		for (size_t i = 0; key && i < n_rows_held && !other; i++) {
			char *k =
			    i + 1 == first ? NULL : row_key(fs, rows_held[i]);
			if (k && strcmp(k, key) == 0)
				other = i < first ? i + 1 : i + lines;
			free(k);
		}
		*at = row;
		free(key);
	}
	free(copy);
	return other;
}

/* One finding row, checked as the whole field would check it, and for a
 * finding another row has. */
static bool check_row(struct form_screen *fs, const char *text)
{
	const struct form_field *fd = walk_field(&fs->w);
	char err[FORM_ERR_MAX];
	char *canon = NULL;
	/* a refusal names the row as the prompt does ("Finding 3 of 4") */
	struct form_ctx ctx = fs->ctx;
	ctx.first_row = fs->edit_row;
	bool ok = form_type_parse_value(fd, text, &ctx, &canon, err) &&
		  form_type_complete(fd, canon, &ctx, err);
	free(canon);
	size_t at = 0, other = ok ? row_again(fs, text, fs->edit_row, &at) : 0;
	if (other) {
		snprintf(err, sizeof(err),
			 _("row %zu: row %zu has that finding already"), at,
			 other);
		ok = false;
	}
	if (ok)
		fs->error[0] = '\0';
	else
		snprintf(fs->error, sizeof(fs->error), "%s", err);
	return ok;
}

/* Whether finding row n, line (stored, or as typed), is to be dropped:
 * asked, naming its finding. */
static bool drop_row(struct form_screen *fs, size_t n, const char *line)
{
	size_t len = strcspn(line, "\t");
	const char *bar = strstr(line, " | ");
	if (bar && (size_t)(bar - line) < len)
		len = (size_t)(bar - line);
	char *q = xasprintf(_("Finding %zu (%.*s) was cleared: drop the row?"),
			    n, (int)len, line);
	bool yes = ui_confirm(fs->ui, q);
	free(q);
	return yes;
}

/*
 * Finding rows are edited one at a time: the editor holds "finding | tier
 * | evidence" for each row in turn (Esc stops, keeping the rows before).
 * A line opened in a row's text (C-o) is a new row after it, edited next
 * and counted in the prompts; a row cleared is dropped when confirmed; a
 * finding another row has is refused. The rows are then saved together.
 * True when saved.
 */
bool view_form_edit_rows(struct form_screen *fs)
{
	const struct form_field *fd = walk_field(&fs->w);
	const char *val = form_values_get(&fs->v, fd->id);
	long long seen = fs->fi.revision;
	char **rows = NULL;
	size_t n_rows = 0;
	for (const char *p = val ? val : ""; *p;) {
		size_t len = strcspn(p, "\n");
		rows = xrealloc(rows, (n_rows + 1) * sizeof(*rows));
		rows[n_rows++] = xstrndup(p, len);
		p += len + (p[len] == '\n');
	}
	bool stopped = false;
	for (size_t row = 0; row < n_rows && !stopped; row++) {
		/* its finding as the reader writes it ("TMB 1,8" in
		 * Swedish; taken either way), the rest as is */
		const char *line = rows[row];
		char *init;
		if (line[strcspn(line, "\t")]) {
			char *key = xstrndup(line, strcspn(line, "\t"));
			char *shown =
			    xasprintf("%s%s", form_type_decimals(key, fs->lang),
				      line + strlen(key));
			init = view_form_to_editor(shown, false);
			free(shown);
			free(key);
		} else /* a row opened in the editor: as it was typed */
			init = xstrdup(line);
		char *prompt = xasprintf(
		    _("Finding %zu of %zu (C-o adds one): "), row + 1, n_rows);
		fs->edit_row = row + 1;
		rows_held = rows;
		n_rows_held = n_rows;
		char *text =
		    view_form_edit_line(fs, prompt, init, false, check_row);
		rows_held = NULL;
		n_rows_held = 0;
		free(prompt);
		free(init);
		if (!text) {
			stopped = true;
			break;
		}
		/* a row cleared (C-u clears the lines opened in it too) is
		 * dropped only when that is said and confirmed */
		size_t first = strcspn(text, "\n");
		if (*rows[row] && strspn(text, " \t") >= first &&
		    !drop_row(fs, row + 1, rows[row])) {
			char *kept = xasprintf("%s%s", rows[row], text + first);
			free(text);
			text = kept;
		}
		/* the lines opened in it: new rows after it */
		size_t more = 0;
		for (const char *q = text; (q = strchr(q, '\n')); q++)
			more++;
		rows = xrealloc(rows, (n_rows + more) * sizeof(*rows));
		memmove(rows + row + 1 + more, rows + row + 1,
			(n_rows - row - 1) * sizeof(*rows));
		n_rows += more;
		free(rows[row]);
		char *q = text;
		for (size_t k = 0; k <= more; k++) {
			size_t len = strcspn(q, "\n");
			rows[row + k] = xstrndup(q, len);
			q += len + (q[len] == '\n');
		}
		free(text);
	}
	struct strbuf out;
	strbuf_init(&out);
	for (size_t row = 0; row < n_rows; row++) {
		if (*rows[row])
			strbuf_printf(&out, "%s%s", out.len ? "\n" : "",
				      rows[row]);
		free(rows[row]);
	}
	free(rows);
	bool ok = out.len ? view_form_save(fs, out.buf, seen) : false;
	if (!out.len && !stopped)
		snprintf(fs->error, sizeof(fs->error), "%s",
			 _("Every finding row was dropped: nothing is saved "
			   "(Delete clears the field)"));
	strbuf_done(&out);
	return ok && !stopped;
}

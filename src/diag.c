#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "i18n.h"
#include "util.h"

void diag_init(struct diag *d)
{
	d->items = NULL;
	d->n = 0;
	d->cap = 0;
	d->limit = 100;
	d->dropped = 0;
}

void diag_done(struct diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].field);
		free(d->items[i].message);
	}
	free(d->items);
	size_t limit = d->limit;
	diag_init(d);
	d->limit = limit;
}

void diag_add(struct diag *d, const char *file, long line, const char *field,
	      const char *fmt, ...)
{
	size_t limit = d->limit ? d->limit : 100;
	if (d->n >= limit) {
		d->dropped++;
		return;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = xrealloc(d->items, d->cap * sizeof(*d->items));
	}
	struct strbuf sb = {0};
	va_list ap;
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);

	struct diag_item *it = &d->items[d->n++];
	it->file = xstrdup(file);
	it->line = line;
	it->field = xstrdup(field);
	it->message = strbuf_detach(&sb);
}

struct diag_mark diag_here(const struct diag *d)
{
	return (struct diag_mark){d->n, d->dropped};
}

void diag_back_to(struct diag *d, struct diag_mark m)
{
	while (d->n > m.n) {
		struct diag_item *it = &d->items[--d->n];
		free(it->file);
		free(it->field);
		free(it->message);
	}
	d->dropped = m.dropped;
}

void diag_print(const struct diag *d, FILE *out)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag_item *it = &d->items[i];
		char *msg = util_sanitize(it->message, false);
		/* the file name comes from the command line and the field
		 * from the file: both untrusted */
		char *file = it->file ? util_sanitize(it->file, false) : NULL;
		char *field =
		    it->field ? util_sanitize(it->field, false) : NULL;
		if (file)
			fprintf(out, "%s:", file);
		if (it->line > 0)
			fprintf(out, "%ld:", it->line);
		if (file || it->line > 0)
			fputc(' ', out);
		if (field)
			fprintf(out, "%s: ", field);
		fprintf(out, "%s\n", msg);
		free(msg);
		free(file);
		free(field);
	}
	if (d->dropped)
		fprintf(out, _("... and %zu more\n"), d->dropped);
}

void diag_append(struct diag *dst, const struct diag *src)
{
	for (size_t i = 0; i < src->n; i++) {
		const struct diag_item *it = &src->items[i];
		diag_add(dst, it->file, it->line, it->field, "%s", it->message);
	}
	dst->dropped += src->dropped;
}

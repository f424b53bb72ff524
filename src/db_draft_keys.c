/*
 * db_draft_keys — schema 20: the finding keys of drafts in the words of
 * no language. A finding's key (form_finding_key) names a copy number of
 * about 2 "no change"; for a while it was translated, so that a draft
 * filled in Swedish holds "ingen förändring" where one filled in English
 * holds "no change", and the form no longer finds that row among the
 * case's findings ("row N: not a finding of this case"). The step
 * rewrites such keys in the drafts (never a signed decision: its content
 * is its own), each draft changed recorded by an audit entry of its own.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "util.h"

/* the stored words, before and after */
#define SV_WORDS  /* untranslated: stored words */ " ingen förändring "
#define KEY_WORDS /* untranslated: stored words */ " no change "

struct found {
	long long *ids;
	char **fields, **values;
	size_t n, cap;
};

static bool collect(struct store_stmt *st, void *arg)
{
	struct found *f = arg;
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 8;
		f->ids = xrealloc(f->ids, f->cap * sizeof(*f->ids));
		f->fields = xrealloc(f->fields, f->cap * sizeof(*f->fields));
		f->values = xrealloc(f->values, f->cap * sizeof(*f->values));
	}
	f->ids[f->n] = store_column_int64(st, 0);
	f->fields[f->n] = db_column_dup(st, 1);
	f->values[f->n] = db_column_dup(st, 2);
	f->n++;
	return true;
}

/* A copy number as form_finding_key wrote it for "no change" (%g of a
 * value from 1.5 up to 2.5). */
static bool no_change_copies(const char *s)
{
	size_t dots = 0, digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.')
			dots++;
		else if (*p >= '0' && *p <= '9')
			digits++;
		else
			return false;
	}
	if (!digits || dots > 1)
		return false;
	double v = strtod(s, NULL);
	return v >= 1.5 && v < 2.5;
}

/* value's rows (key TAB tier TAB evidence) with a Swedish copy-number key
 * rewritten: the new value (caller frees) and *rows, or NULL when no row
 * is. Only the key column is looked at: evidence is free text. */
static char *rewrite(const char *value, int *rows)
{
	struct strbuf sb;
	strbuf_init(&sb);
	*rows = 0;
	const char *line = value;
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		const char *tab = memchr(line, '\t', len);
		const char *tab2 =
		    tab ? memchr(tab + 1, '\t', len - (size_t)(tab - line) - 1)
			: NULL;
		const char *w = NULL;
		if (tab2 &&
		    !memchr(tab2 + 1, '\t', len - (size_t)(tab2 - line) - 1)) {
			/* the last " ingen förändring " of the key */
			for (const char *p = line; p < tab; p++)
				if (strncmp(p, SV_WORDS, strlen(SV_WORDS)) ==
					0 &&
				    p + strlen(SV_WORDS) <= tab)
					w = p;
		}
		char *num = w ? xstrndup(w + strlen(SV_WORDS),
					 (size_t)(tab - w) - strlen(SV_WORDS))
			      : NULL;
		if (w && w > line && no_change_copies(num)) {
			strbuf_add(&sb, line, (size_t)(w - line));
			strbuf_puts(&sb, KEY_WORDS);
			strbuf_add(&sb, w + strlen(SV_WORDS),
				   len - (size_t)(w - line) - strlen(SV_WORDS));
			(*rows)++;
		} else
			strbuf_add(&sb, line, len);
		free(num);
		if (!end)
			break;
		strbuf_putc(&sb, '\n');
		line = end + 1;
	}
	if (!*rows) {
		strbuf_done(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

static bool no_row(struct store_stmt *st, void *arg)
{
	(void)st;
	(void)arg;
	return true;
}

enum tb_status db_draft_keys_migrate(struct db *db)
{
	struct found f = {0};
	enum tb_status st = db_audit_watch(db);
	if (st == TB_OK)
		st = db_each(db,
			     "SELECT v.instance_id, v.field, v.value"
			     " FROM form_value v JOIN form_instance i"
			     " ON i.id = v.instance_id"
			     " WHERE i.status = 'draft' AND v.value LIKE ?1"
			     " ORDER BY v.instance_id, v.field",
			     DB_PARAMS(DB_TEXT("%" SV_WORDS "%")), collect, &f);
	int rows = 0;
	for (size_t i = 0; st == TB_OK && i < f.n; i++) {
		int n = 0;
		char *v = rewrite(f.values[i], &n);
		if (v)
			st =
			    db_each(db,
				    "UPDATE form_value SET value = ?3"
				    " WHERE instance_id = ?1 AND field = ?2",
				    DB_PARAMS(DB_INT(f.ids[i]),
					      DB_TEXT(f.fields[i]), DB_TEXT(v)),
				    no_row, NULL);
		free(v);
		rows += n;
		/* one entry for each draft, after its last field */
		if (st == TB_OK && rows &&
		    (i + 1 == f.n || f.ids[i + 1] != f.ids[i])) {
			char *detail = xasprintf(
			    /* untranslated: an audit detail */
			    "schema 20: %d finding key%s of a copy number "
			    "of 2 in the words of no language",
			    rows, rows == 1 ? "" : "s");
			st = db_audit_append(db, db_actor(), "migrate",
					     "form_instance", f.ids[i], detail);
			free(detail);
			rows = 0;
		}
	}
	for (size_t i = 0; i < f.n; i++) {
		free(f.fields[i]);
		free(f.values[i]);
	}
	free(f.ids);
	free(f.fields);
	free(f.values);
	return st;
}

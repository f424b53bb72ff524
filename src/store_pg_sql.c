/*
 * store_pg_sql — `?`/`?N` parameters to PostgreSQL's `$N`, skipping
 * literals, quoted identifiers and comments as PostgreSQL's lexer does.
 */
#include "store_pg_sql.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "store.h"
#include "util.h"

static bool ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c >= 0x80;
}

static bool ident_char(unsigned char c)
{
	return ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The end of a dollar-quote opening at p ("$$" or "$tag$"): the length
 * of the delimiter, or 0 when p does not open one. */
static size_t dollar_tag(const char *p)
{
	size_t n = 1;
	if (p[1] == '$')
		return 2;
	if (!ident_start((unsigned char)p[1]))
		return 0;
	while (ident_char((unsigned char)p[n]) && p[n] != '$')
		n++;
	return p[n] == '$' ? n + 1 : 0;
}

/* Reads the digits of a parameter number at p; *len their count.
 * Returns the number, or -1 when it is above the limit. */
static long param_number(const char *p, size_t *len)
{
	long v = 0;
	size_t n = 0;
	while (is_digit((unsigned char)p[n])) {
		if (v <= STORE_PG_SQL_MAX_PARAM)
			v = v * 10 + (p[n] - '0');
		n++;
	}
	*len = n;
	return v > STORE_PG_SQL_MAX_PARAM ? -1 : v;
}

void store_pg_sql_done(struct store_pg_sql *q)
{
	for (int i = 0; q->names && i < q->nparams; i++)
		free(q->names[i]);
	free(q->names);
	free(q->text);
	free(q->types);
	q->text = NULL;
	q->names = NULL;
	q->types = NULL;
	q->nparams = 0;
}

/* The parameters named so far: name (with its ':') and number. */
struct named {
	char *name;
	long number;
};

/* The state of one rewrite. */
struct rw {
	const char *sql;
	struct strbuf out;
	long max;
	bool question, dollar; /* which styles were seen */
	struct named *named;
	size_t n_named;
	bool close_match;    /* the next parameter ends an X MATCH rewrite */
	unsigned char *used; /* used[v]: $v appears; up to used_n */
	size_t used_n;
	const char *what; /* set on an error */
};

/* 'literal' (E'…' keeps backslash escapes) or "identifier" at p, a
 * doubled quote staying inside; copied. The end, or NULL. */
static const char *tok_quoted(struct rw *r, const char *p)
{
	const char *start = p;
	unsigned char c = (unsigned char)*p;
	bool esc = c == '\'' && p > r->sql && (p[-1] == 'E' || p[-1] == 'e') &&
		   (p - 1 == r->sql || !ident_char((unsigned char)p[-2]));
	for (p++;; p++) {
		if (!*p) {
			r->what = c == '\''
				      ? N_("unterminated string literal")
				      : N_("unterminated quoted identifier");
			return NULL;
		}
		if (esc && *p == '\\' && p[1])
			p++;
		else if ((unsigned char)*p == c && (unsigned char)p[1] == c)
			p++;
		else if ((unsigned char)*p == c)
			break;
	}
	p++;
	strbuf_add(&r->out, start, (size_t)(p - start));
	return p;
}

/* A block comment at p, nested as PostgreSQL nests them; copied. */
static const char *tok_comment(struct rw *r, const char *p)
{
	const char *start = p;
	int depth = 1;
	for (p += 2; depth > 0;) {
		if (!*p) {
			r->what = N_("unterminated comment");
			return NULL;
		}
		if (p[0] == '/' && p[1] == '*') {
			depth++;
			p += 2;
		} else if (p[0] == '*' && p[1] == '/') {
			depth--;
			p += 2;
		} else {
			p++;
		}
	}
	strbuf_add(&r->out, start, (size_t)(p - start));
	return p;
}

/* Counts parameter v as the highest so far if it is. */
static void seen(struct rw *r, long v)
{
	if (v > r->max)
		r->max = v;
	if ((size_t)v >= r->used_n) {
		size_t n = (size_t)v + 16;
		r->used = xrealloc(r->used, n);
		memset(r->used + r->used_n, 0, n - r->used_n);
		r->used_n = n;
	}
	r->used[v] = 1;
}

/* $N (kept), $tag$ … $tag$ (copied), or a $ alone. */
static const char *tok_dollar(struct rw *r, const char *p)
{
	size_t tag = dollar_tag(p), n;
	if (is_digit((unsigned char)p[1])) {
		long v = param_number(p + 1, &n);
		if (v <= 0) {
			r->what = v == 0 ? N_("parameter $0")
					 : N_("parameter number too large");
			return NULL;
		}
		r->dollar = true;
		seen(r, v);
		strbuf_add(&r->out, p, 1 + n);
		return p + 1 + n;
	}
	if (tag) {
		const char *end = p + tag;
		while ((end = strchr(end, '$')) && strncmp(end, p, tag) != 0)
			end++;
		if (!end) {
			r->what = N_("unterminated dollar-quoted string");
			return NULL;
		}
		strbuf_add(&r->out, p, (size_t)(end + tag - p));
		return end + tag;
	}
	if (ident_start((unsigned char)p[1])) {
		r->what = N_("named parameter ($name)");
		return NULL;
	}
	strbuf_putc(&r->out, '$');
	return p + 1;
}

/* ?N, or ? numbered one above the highest so far. */
static const char *tok_question(struct rw *r, const char *p)
{
	size_t n = 0;
	long v;
	if (is_digit((unsigned char)p[1])) {
		v = param_number(p + 1, &n);
		if (v <= 0) {
			r->what = v == 0 ? N_("parameter ?0")
					 : N_("parameter number too large");
			return NULL;
		}
	} else if ((v = r->max + 1) > STORE_PG_SQL_MAX_PARAM) {
		r->what = N_("too many parameters");
		return NULL;
	}
	r->question = true;
	seen(r, v);
	strbuf_printf(&r->out, "$%ld", v);
	if (r->close_match) {
		strbuf_putc(&r->out, ')');
		r->close_match = false;
	}
	return p + 1 + n;
}

/* :name: its number, given at its first use. */
static const char *tok_named(struct rw *r, const char *p)
{
	size_t n = 1;
	long v = 0;
	while (ident_char((unsigned char)p[n]))
		n++;
	for (size_t k = 0; k < r->n_named && !v; k++)
		if (strlen(r->named[k].name) == n &&
		    strncmp(r->named[k].name, p, n) == 0)
			v = r->named[k].number;
	if (!v) {
		if ((v = r->max + 1) > STORE_PG_SQL_MAX_PARAM) {
			r->what = N_("too many parameters");
			return NULL;
		}
		r->named =
		    xrealloc(r->named, (r->n_named + 1) * sizeof(*r->named));
		r->named[r->n_named].name = xstrndup(p, n);
		r->named[r->n_named].number = v;
		r->n_named++;
	}
	r->question = true;
	seen(r, v);
	strbuf_printf(&r->out, "$%ld", v);
	if (r->close_match) {
		strbuf_putc(&r->out, ')');
		r->close_match = false;
	}
	return p + n;
}

/* Whether the word at p (of n bytes) is kw, in any case. */
static bool is_word(const char *p, size_t n, const char *kw)
{
	return strlen(kw) == n && strncasecmp(p, kw, n) == 0;
}

/* SQLite's full-text match, "X MATCH param" (X a table of the search
 * index, named NAME_fts), as PostgreSQL says it: "X.doc @@ X_query(param)",
 * X_query being the schema's function that folds and parses the query text
 * (db_schema_pg.c). The word X was copied already. */
static const char *tok_match(struct rw *r, const char *p)
{
	size_t end = r->out.len;
	while (end && r->out.buf[end - 1] == ' ')
		end--;
	size_t start = end;
	while (start && ident_char((unsigned char)r->out.buf[start - 1]))
		start--;
	const char *next = p + 5 + strspn(p + 5, " \t\n\r");
	if (end - start < 5 || strncmp(r->out.buf + end - 4, "_fts", 4) != 0 ||
	    (*next != '?' && *next != ':')) {
		r->what = N_("MATCH without a search table (NAME_fts) before "
			     "it and a parameter after it");
		return NULL;
	}
	char *table = xstrndup(r->out.buf + start, end - start);
	r->out.len = end;
	r->out.buf[end] = '\0';
	strbuf_printf(&r->out, ".doc @@ %s_query(", table);
	free(table);
	r->close_match = true;
	return next;
}

/* A run of characters that holds no parameter: a word (with any $ in
 * it: a$b is one name), a number (1e5, 0x1F), a line comment, a cast.
 * SQLite's INDEXED BY name is left out (PostgreSQL's planner chooses),
 * CROSS JOIN … ON is JOIN … ON,
 * and X MATCH param becomes a text search (tok_match). */
static const char *tok_plain(struct rw *r, const char *p)
{
	const char *start = p;
	unsigned char c = (unsigned char)*p;
	if (ident_start(c) &&
	    (p == r->sql || !ident_char((unsigned char)p[-1]))) {
		size_t n = 0;
		while (ident_char((unsigned char)p[n]))
			n++;
		if (is_word(p, n, "MATCH"))
			return tok_match(r, p);
		/* SQLite's CROSS JOIN … ON: an inner join whose order the
		 * planner keeps; PostgreSQL's CROSS JOIN takes no ON */
		if (is_word(p, n, "CROSS")) {
			const char *q = p + n + strspn(p + n, " \t\n\r");
			size_t m = 0;
			while (ident_char((unsigned char)q[m]))
				m++;
			if (is_word(q, m, "JOIN"))
				return p + n + strspn(p + n, " \t\n\r");
		}
		if (is_word(p, n, "INDEXED")) {
			const char *q = p + n + strspn(p + n, " \t\n\r");
			size_t m = 0;
			while (ident_char((unsigned char)q[m]))
				m++;
			if (is_word(q, m, "BY")) {
				q += m + strspn(q + m, " \t\n\r");
				m = 0;
				while (ident_char((unsigned char)q[m]))
					m++;
				if (m)
					return q + m;
			}
		}
	}
	if (c == '-' && p[1] == '-')
		p += strcspn(p, "\n");
	else if (c == ':' && p[1] == ':')
		p += 2;
	else if (ident_start(c))
		while (ident_char((unsigned char)*p))
			p++;
	else if (is_digit(c))
		while (is_digit((unsigned char)*p) ||
		       ident_start((unsigned char)*p) || *p == '.')
			p++;
	else
		p++;
	strbuf_add(&r->out, start, (size_t)(p - start));
	return p;
}

bool store_pg_sql_rewrite(const char *sql, struct store_pg_sql *q, char **err)
{
	struct rw r = {.sql = sql};
	const char *p = sql;

	q->text = NULL;
	q->nparams = 0;
	q->names = NULL;
	q->types = NULL;
	*err = NULL;
	while (p && *p) {
		unsigned char c = (unsigned char)*p;
		const char *at = p;
		if (c == '\'' || c == '"')
			p = tok_quoted(&r, p);
		else if (c == '/' && p[1] == '*')
			p = tok_comment(&r, p);
		else if (c == '$')
			p = tok_dollar(&r, p);
		else if (c == '?')
			p = tok_question(&r, p);
		else if (c == ':' && ident_start((unsigned char)p[1]))
			/* :name (a slice, a[1:2], is no name) */
			p = tok_named(&r, p);
		else if (c == '@' && ident_start((unsigned char)p[1])) {
			r.what = N_("named parameter (@name)");
			p = NULL;
		} else
			p = tok_plain(&r, p);
		if (p && r.question && r.dollar) {
			r.what = N_("both ?N and $N parameters");
			p = NULL;
		}
		if (!p) {
			*err = xasprintf(_("SQL at byte %zu: %s"),
					 (size_t)(at - sql) + 1, _(r.what));
			break;
		}
	}
	if (*err) {
		free(r.used);
		strbuf_done(&r.out);
		for (size_t k = 0; k < r.n_named; k++)
			free(r.named[k].name);
		free(r.named);
		return false;
	}
	q->nparams = (int)r.max;
	q->text = r.out.buf ? strbuf_detach(&r.out) : xstrdup("");
	if (r.max > 0)
		q->names = xcalloc((size_t)r.max, sizeof(*q->names));
	for (size_t k = 0; k < r.n_named; k++)
		q->names[r.named[k].number - 1] = r.named[k].name;
	free(r.named);
	for (long v = 1; v <= r.max; v++) {
		if (r.used[v])
			continue;
		if (!q->types)
			q->types = xcalloc((size_t)r.max, sizeof(*q->types));
		q->types[v - 1] = 25;
	}
	free(r.used);
	return true;
}

/* ------------------------------------------------------------------------
 * Schema statements
 * ---------------------------------------------------------------------- */

/* The words of sql outside literals, upper-cased, one space between,
 * punctuation kept (a cheap normal form to recognise a statement by). */
static char *words(const char *sql)
{
	struct strbuf sb = {0};
	for (const char *p = sql; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			if (sb.len && sb.buf[sb.len - 1] != ' ')
				strbuf_putc(&sb, ' ');
			continue;
		}
		strbuf_putc(&sb, (char)(c >= 'a' && c <= 'z' ? c - 32 : c));
	}
	if (!sb.buf)
		return xstrdup("");
	return strbuf_detach(&sb);
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* An append-only guard: "CREATE TRIGGER n BEFORE UPDATE|DELETE ON t BEGIN
 * SELECT RAISE(ABORT, 'msg'); END". Fills the parts (caller frees). */
static bool guard_trigger(const char *sql, char **name, char **event,
			  char **table, char **msg)
{
	char n[128], e[16], t[128];
	int used = 0;
	if (sscanf(sql,
		   " CREATE TRIGGER %127[A-Za-z0-9_] BEFORE %15[A-Z] ON"
		   " %127[A-Za-z0-9_] BEGIN SELECT RAISE(ABORT, %n",
		   n, e, t, &used) != 3 ||
	    used == 0 || (strcmp(e, "UPDATE") != 0 && strcmp(e, "DELETE") != 0))
		return false;
	const char *q = sql + used;
	if (*q != '\'')
		return false;
	const char *end = strchr(q + 1, '\'');
	if (!end || end[1] == '\'')
		return false;
	const char *rest = end + 1;
	rest += strspn(rest, " ");
	if (strncmp(rest, "); END", 6) != 0 || rest[6 + strspn(rest + 6, " ;")])
		return false;
	*name = xstrdup(n);
	*event = xstrdup(e);
	*table = xstrdup(t);
	*msg = xstrndup(q, (size_t)(end + 1 - q));
	return true;
}

/*
 * SQLite gives a row whose INTEGER PRIMARY KEY is left out the largest id
 * in the table plus one; an identity column would not (it never gives a
 * number back, and an INSERT … ON CONFLICT that updates spends one), and
 * the ids are part of every record's hash in the audit chain. So the
 * column is a plain BIGINT and a trigger gives the same number SQLite
 * gives, under the writers' lock (a write outside a transaction waits for
 * it too). Appended to the CREATE TABLE statement text (freed); not for a
 * WITHOUT ROWID table, whose key is never given by SQLite.
 */
static char *rowid_trigger(char *text, const char *sql, const char *col)
{
	char *w = words(sql);
	bool rowid = !strstr(w, "WITHOUT ROWID");
	const char *t = w + strlen("CREATE TABLE ");
	if (starts(t, "IF NOT EXISTS "))
		t += strlen("IF NOT EXISTS ");
	size_t n = strcspn(t, " (");
	if (!starts(w, "CREATE TABLE ") || !rowid || n == 0) {
		free(w);
		return text;
	}
	/* the table's name as written (words() upper-cased it) */
	const char *name = strstr(text, " ");
	name = name ? name + 1 + strspn(name + 1, " ") : text;
	if (strncasecmp(name, "TABLE ", 6) == 0)
		name += 6 + strspn(name + 6, " ");
	if (strncasecmp(name, "IF NOT EXISTS ", 14) == 0)
		name += 14 + strspn(name + 14, " ");
	char *table = xstrndup(name, n);
	free(w);
	size_t len = strlen(text);
	while (len && (text[len - 1] == ';' || text[len - 1] == ' ' ||
		       text[len - 1] == '\n'))
		len--;
	char *out = xasprintf(
	    "%.*s; CREATE FUNCTION tb_rowid_%s() RETURNS trigger LANGUAGE"
	    " plpgsql AS $$ BEGIN IF NEW.%s IS NULL THEN PERFORM"
	    " pg_advisory_xact_lock(" STORE_PG_WRITE_LOCK "); SELECT"
	    " coalesce(max(%s), 0) + 1 INTO NEW.%s FROM %s; END IF; RETURN NEW;"
	    " END $$; CREATE TRIGGER %s_rowid BEFORE INSERT ON %s FOR EACH ROW"
	    " EXECUTE FUNCTION tb_rowid_%s()",
	    (int)len, text, table, col, col, col, table, table, table, table);
	free(table);
	free(text);
	return out;
}

/* sql word by word, literals and quoted names copied as they are, with
 * SQLite's types as PostgreSQL's; *rowid_col the column of an INTEGER
 * PRIMARY KEY (caller frees both). */
static char *ddl_words(const char *sql, char **rowid_col)
{
	struct strbuf sb = {0};
	const char *p = sql;
	while (*p) {
		unsigned char c = (unsigned char)*p;
		const char *start = p;
		if (c == '\'' || c == '"') {
			p++;
			while (*p && !((unsigned char)*p == c &&
				       (unsigned char)p[1] != c)) {
				if ((unsigned char)*p == c)
					p++;
				p++;
			}
			if (*p)
				p++;
			strbuf_add(&sb, start, (size_t)(p - start));
			continue;
		}
		if (!ident_start(c)) {
			strbuf_putc(&sb, (char)c);
			p++;
			continue;
		}
		while (ident_char((unsigned char)*p))
			p++;
		size_t n = (size_t)(p - start);
		const char *next = p + strspn(p, " \t\n\r");
		if (n == 7 && strncasecmp(start, "INTEGER", 7) == 0) {
			char *ahead = words(next);
			if (starts(ahead, "PRIMARY KEY") && !*rowid_col) {
				/* the column before it */
				size_t e = sb.len;
				while (e && sb.buf[e - 1] == ' ')
					e--;
				size_t b = e;
				while (b &&
				       ident_char((unsigned char)sb.buf[b - 1]))
					b--;
				if (b < e)
					*rowid_col =
					    xstrndup(sb.buf + b, e - b);
			}
			free(ahead);
			strbuf_puts(&sb, "BIGINT");
		} else if (n == 4 && strncasecmp(start, "REAL", 4) == 0) {
			strbuf_puts(&sb, "DOUBLE PRECISION");
		} else if (n == 6 && strncasecmp(start, "STRICT", 6) == 0) {
			/* ") STRICT" and ") STRICT, WITHOUT ROWID" */
			while (sb.len && sb.buf[sb.len - 1] == ' ')
				sb.buf[--sb.len] = '\0';
			if (*next == ',') {
				const char *after = next + 1;
				after += strspn(after, " \t\n\r");
				if (strncasecmp(after, "WITHOUT", 7) == 0)
					p = after;
			}
		} else if (n == 7 && strncasecmp(start, "WITHOUT", 7) == 0 &&
			   strncasecmp(next, "ROWID", 5) == 0 &&
			   !ident_char((unsigned char)next[5])) {
			while (sb.len && sb.buf[sb.len - 1] == ' ')
				sb.buf[--sb.len] = '\0';
			p = next + 5;
		} else {
			strbuf_add(&sb, start, n);
		}
	}
	return sb.buf ? strbuf_detach(&sb) : xstrdup("");
}

char *store_pg_sql_ddl(const char *sql)
{
	char *w = words(sql);
	char *name, *event, *table, *msg;
	char *out = NULL;

	/* FTS5 tables, a search table's companions (case_fts_word,
	 * case_fts_defer) and the triggers that fill it */
	if (starts(w, "CREATE VIRTUAL TABLE") || starts(w, "PRAGMA") ||
	    (starts(w, "DROP TRIGGER ") && strstr(w, "_FTS_")) ||
	    (starts(w, "CREATE TABLE ") && strstr(w, "_FTS_") &&
	     (size_t)(strstr(w, "_FTS_") - w) < 40)) {
		free(w);
		return NULL;
	}
	if (starts(w, "CREATE TRIGGER") || starts(w, "CREATE TEMP")) {
		/* blanks collapsed outside the message, case kept */
		struct strbuf sb = {0};
		bool in_lit = false;
		for (const char *p = sql; *p; p++) {
			char ch =
			    *p == '\n' || *p == '\t' || *p == '\r' ? ' ' : *p;
			if (ch == '\'')
				in_lit = !in_lit;
			if (!in_lit && ch == ' ' && sb.len &&
			    sb.buf[sb.len - 1] == ' ')
				continue;
			strbuf_putc(&sb, ch);
		}
		if (sb.buf &&
		    guard_trigger(sb.buf, &name, &event, &table, &msg)) {
			out = xasprintf(
			    "CREATE TRIGGER %s BEFORE %s ON %s FOR EACH"
			    " ROW EXECUTE FUNCTION tb_refuse(%s)",
			    name, event, table, msg);
			if (strcmp(event, "DELETE") == 0) {
				char *both = xasprintf(
				    "%s; CREATE TRIGGER %s_t BEFORE TRUNCATE"
				    " ON %s FOR EACH STATEMENT EXECUTE"
				    " FUNCTION tb_refuse(%s)",
				    out, name, table, msg);
				free(out);
				out = both;
			}
			free(name);
			free(event);
			free(table);
			free(msg);
		}
		strbuf_done(&sb);
		free(w);
		return out;
	}
	free(w);

	char *rowid_col = NULL;
	char *text = ddl_words(sql, &rowid_col);
	if (rowid_col)
		text = rowid_trigger(text, sql, rowid_col);
	free(rowid_col);
	/* what fills an FTS5 table, or drops one */
	w = words(text);
	bool fts = (starts(w, "INSERT INTO ") || starts(w, "DROP TABLE ")) &&
		   strstr(w, "_FTS") && (size_t)(strstr(w, "_FTS") - w) < 40;
	free(w);
	if (fts) {
		free(text);
		return NULL;
	}
	return text;
}

/* sql past its leading blanks and comments */
static const char *verb_of(const char *sql)
{
	const char *p = sql;
	for (;;) {
		p += strspn(p, " \t\r\n");
		if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
			continue;
		}
		return p;
	}
}

bool store_pg_sql_reads(const char *sql)
{
	const char *p = verb_of(sql);
	return strncasecmp(p, "SELECT", 6) == 0 &&
	       (p[6] == ' ' || p[6] == '\t' || p[6] == '\n' || p[6] == '\r') &&
	       strchr(p, ';') == NULL;
}

bool store_pg_sql_answerless(const char *sql)
{
	const char *p = verb_of(sql);
	static const char *const verbs[] = {"INSERT", "UPDATE", "DELETE"};
	bool write = false;
	for (size_t i = 0; i < UTIL_ARRAY_LEN(verbs); i++) {
		size_t n = strlen(verbs[i]);
		if (strncasecmp(p, verbs[i], n) == 0 &&
		    (p[n] == ' ' || p[n] == '\t' || p[n] == '\n' ||
		     p[n] == '\r'))
			write = true;
	}
	if (!write)
		return false;
	/* RETURNING anywhere, a literal's word too: such a statement is
	 * waited for, which is never wrong */
	for (const char *q = p; *q; q++) {
		if (strncasecmp(q, "RETURNING", 9) != 0)
			continue;
		if ((q == p || !ident_char((unsigned char)q[-1])) &&
		    !ident_char((unsigned char)q[9]))
			return false;
	}
	/* several statements, or a cursor's work: waited for */
	return strchr(p, ';') == NULL;
}

/* ------------------------------------------------------------------------
 * Result codes and full-text queries
 * ---------------------------------------------------------------------- */

int store_pg_sql_state_rc(const char *state)
{
	if (!state || strlen(state) != 5)
		return STORE_IOERR;
	/* integrity constraints, and RAISE in a trigger function (the
	 * append-only guards; SQLite's RAISE(ABORT) is a constraint too) */
	if (strncmp(state, "23", 2) == 0 || strcmp(state, "P0001") == 0)
		return STORE_CONSTRAINT;
	/* the application role may not change an append-only table */
	if (strcmp(state, "42501") == 0)
		return STORE_CONSTRAINT;
	/* serialization failure, deadlock, lock not available */
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0)
		return STORE_BUSY;
	if (strcmp(state, "25006") == 0)
		return STORE_READONLY;
	if (strncmp(state, "08", 2) == 0 || strcmp(state, "53100") == 0 ||
	    strncmp(state, "57P", 3) == 0 || strncmp(state, "58", 2) == 0)
		return STORE_IOERR;
	if (strcmp(state, "53200") == 0)
		return STORE_NOMEM;
	if (strcmp(state, "XX001") == 0 || strcmp(state, "XX002") == 0)
		return STORE_CORRUPT;
	return STORE_ERROR;
}

/* ------------------------------------------------------------------------
 * Prepared statements kept for reuse
 * ---------------------------------------------------------------------- */

static unsigned long reuse_hash(const char *s)
{
	unsigned long h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static void reuse_remove(struct store_pg_reuse *r, int i,
			 char name[STORE_PG_NAME_MAX])
{
	memcpy(name, r->slot[i].name, STORE_PG_NAME_MAX);
	free(r->slot[i].sql);
	memmove(&r->slot[i], &r->slot[i + 1],
		(size_t)(r->n - i - 1) * sizeof(r->slot[0]));
	r->n--;
}

bool store_pg_reuse_take(struct store_pg_reuse *r, const char *sql,
			 char name[STORE_PG_NAME_MAX])
{
	unsigned long h = reuse_hash(sql);
	/* the newest first: a statement finalized and prepared again */
	for (int i = r->n - 1; i >= 0; i--)
		if (r->slot[i].hash == h && strcmp(r->slot[i].sql, sql) == 0) {
			reuse_remove(r, i, name);
			return true;
		}
	return false;
}

bool store_pg_reuse_keep(struct store_pg_reuse *r, const char *sql,
			 const char *name, char gone[STORE_PG_NAME_MAX])
{
	bool full = r->n == STORE_PG_REUSE_MAX;
	if (full)
		reuse_remove(r, 0, gone);
	r->slot[r->n].sql = xstrdup(sql);
	r->slot[r->n].hash = reuse_hash(sql);
	snprintf(r->slot[r->n].name, STORE_PG_NAME_MAX, "%s", name);
	r->n++;
	return full;
}

bool store_pg_reuse_pop(struct store_pg_reuse *r, char name[STORE_PG_NAME_MAX])
{
	if (!r->n)
		return false;
	reuse_remove(r, r->n - 1, name);
	return true;
}

void store_pg_reuse_done(struct store_pg_reuse *r)
{
	char name[STORE_PG_NAME_MAX];
	while (store_pg_reuse_pop(r, name))
		;
}

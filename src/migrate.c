/*
 * migrate — an archive copied between databases through the store
 * interface (src/store.h), whatever the engines on either side.
 *
 * tables[] lists every table of the archive in the order the schema made
 * them, which is an order that satisfies every foreign key (a table only
 * refers to tables made before it; decision.supersedes refers to earlier
 * rows of its own table, and rows are copied in key order). A source
 * holding a table that is neither in tables[] nor one the engines derive
 * (derived[]: full-text indexes and their SQLite shadow tables and word
 * table, filled after the copy, the kept case count, PostgreSQL's schema
 * version, the access log's lookups, filled after the copy) is refused, so that
 * a new table cannot be left behind silently: it must be added here.
 *
 * Values are copied by the type the source reports for each value
 * (integer, floating point, text, blob, NULL), columns by name; ids are
 * copied as they are (a new row's id is then the largest plus one, on
 * either engine).
 */
#include "migrate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "db_access.h"
#include "db_case.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

struct table {
	const char *name;
	const char *key; /* ORDER BY: the primary key */
};

static const struct table tables[] = {
    {"patient", "id"},
    {"cases", "id"},
    {"pathology", "id"},
    {"pathology_marker", "id"},
    {"finding", "id"},
    {"imaging", "id"},
    {"meeting", "id"},
    {"agenda_item", "id"},
    {"attendee", "id"},
    {"form_instance", "id"},
    {"form_value", /* untranslated: SQL */ "instance_id, field"},
    {"decision", "id"},
    {"audit", "id"},
    {"form_amend", "instance_id"},
    {"meeting_run", "meeting_id"},
    {"agenda_time", "item_id"},
    {"follow_up", "decision_id"},
    {"patient_informed", "decision_id"},
    {"followup_due", "decision_id"},
    {"level_change", "id"},
    {"form_value_rev", "instance_id, field"},
    {"audit_seal", /* untranslated: SQL */ "audit_id, entity, entity_id"},
    {"users", "id"},
    {"user_role", /* untranslated: SQL */ "user_id, role"},
    {"user_unit", /* untranslated: SQL */ "user_id, unit"},
    {"user_board", /* untranslated: SQL */ "user_id, board"},
    {"emergency_access", "id"},
    {"access_log", "id"},
    {"access_review", "id"},
    {"case_origin", "case_id"},
    {"referral_answer", "id"},
    {"research_extract", "id"},
    {"meeting_live", "meeting_id"},
};

/* Tables an engine keeps by itself (triggers, the schema) or filled from
 * others after the copy: not copied. */
static const char *const derived[] = {"case_fts",
				      "decision_fts",
				      "case_count",
				      "schema_version",
				      "access_log_by_patient",
				      "access_log_by_case",
				      "access_log_indexed",
				      "case_row",
				      "queue_count",
				      NULL};

static bool is_derived(const char *name)
{
	for (size_t i = 0; derived[i]; i++) {
		size_t n = strlen(derived[i]);
		/* SQLite's FTS5 shadow tables: case_fts_data, ... */
		if (strncmp(name, derived[i], n) == 0 &&
		    (name[n] == '\0' ||
		     (name[n] == '_' && strstr(derived[i], "_fts"))))
			return true;
	}
	return false;
}

static bool is_known(const char *name)
{
	for (size_t i = 0; i < UTIL_ARRAY_LEN(tables); i++)
		if (strcmp(tables[i].name, name) == 0)
			return true;
	return is_derived(name);
}

/* The tables of the database, as its engine's catalogue lists them. */
static const char *catalogue_sql(struct store *s)
{
	return store_engine(s) == STORE_ENGINE_POSTGRES
		   ? "SELECT tablename FROM pg_tables"
		     " WHERE schemaname = current_schema() ORDER BY 1"
		   : "SELECT name FROM sqlite_master WHERE type = 'table'"
		     " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY 1";
}

/* TB_INVALID naming the first table of s that tables[] does not know. */
static enum tb_status check_tables(struct store *s, bool source, char **err)
{
	struct store_stmt *st = NULL;
	enum tb_status status = TB_OK;
	int rc;

	if (store_prepare(s, catalogue_sql(s), 0, &st) != STORE_OK) {
		*err =
		    xasprintf(source ? _("cannot list the source's tables: %s")
				     : _("cannot list the target's tables: %s"),
			      store_errmsg(s));
		return TB_DB;
	}
	while ((rc = store_step(st)) == STORE_ROW) {
		const char *name = store_column_text(st, 0);
		if (name && !is_known(name)) {
			char *clean = util_sanitize(name, false);
			*err = xasprintf(
			    source
				? _("the source holds a table this version "
				    "does not know (%s); nothing was copied")
				: _("the target holds a table this version "
				    "does not know (%s); nothing was copied"),
			    clean);
			free(clean);
			status = TB_INVALID;
			break;
		}
	}
	if (status == TB_OK && rc != STORE_DONE) {
		*err =
		    xasprintf(source ? _("cannot list the source's tables: %s")
				     : _("cannot list the target's tables: %s"),
			      store_errmsg(s));
		status = TB_DB;
	}
	store_finalize(st);
	return status;
}

/* TB_INVALID when a table of the target holds a row. */
static enum tb_status check_empty(struct store *s, char **err)
{
	for (size_t i = 0; i < UTIL_ARRAY_LEN(tables); i++) {
		char *sql =
		    xasprintf("SELECT 1 FROM %s LIMIT 1", tables[i].name);
		struct store_stmt *st = NULL;
		int rc = store_prepare(s, sql, 0, &st);
		free(sql);
		if (rc == STORE_OK)
			rc = store_step(st);
		store_finalize(st);
		if (rc == STORE_ROW) {
			*err = xasprintf(_("the target is not empty (table %s "
					   "holds rows); migrate copies into "
					   "an empty archive only, nothing "
					   "was copied"),
					 tables[i].name);
			return TB_INVALID;
		}
		if (rc != STORE_DONE) {
			*err = xasprintf(_("cannot read the target's table "
					   "%s: %s"),
					 tables[i].name, store_errmsg(s));
			return TB_DB;
		}
	}
	return TB_OK;
}

/* Whether every column name is a plain identifier (they are written into
 * the INSERT; the source's catalogue is not trusted further). */
static bool plain_names(struct store_stmt *st, int n)
{
	for (int c = 0; c < n; c++) {
		const char *name = store_column_name(st, c);
		if (!name || !*name)
			return false;
		for (const char *p = name; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || *p == '_' ||
			      (*p >= '0' && *p <= '9')))
				return false;
	}
	return true;
}

/* INSERT INTO t (the source row's columns) VALUES (?1, ...). Caller
 * frees. */
static char *insert_sql(const char *table, struct store_stmt *src, int n)
{
	struct strbuf sb;
	strbuf_init(&sb);
	strbuf_printf(&sb, "INSERT INTO %s (", table);
	for (int c = 0; c < n; c++)
		strbuf_printf(&sb, "%s%s", c ? ", " : "",
			      store_column_name(src, c));
	strbuf_puts(&sb, ") VALUES (");
	for (int c = 0; c < n; c++)
		strbuf_printf(&sb, "%s?%d", c ? ", " : "", c + 1);
	strbuf_puts(&sb, ")");
	return strbuf_detach(&sb);
}

/* Binds the source row's values to ins, each by the type it has. */
static int bind_row(struct store_stmt *src, struct store_stmt *ins, int n)
{
	int rc = STORE_OK;
	for (int c = 0; rc == STORE_OK && c < n; c++) {
		switch (store_column_type(src, c)) {
		case STORE_INTEGER:
			rc = store_bind_int64(ins, c + 1,
					      store_column_int64(src, c));
			break;
		case STORE_FLOAT:
			rc = store_bind_double(ins, c + 1,
					       store_column_double(src, c));
			break;
		case STORE_BLOB: {
			const void *b = store_column_blob(src, c);
			rc =
			    store_bind_blob(ins, c + 1, b ? b : "",
					    (size_t)store_column_bytes(src, c));
			break;
		}
		case STORE_NULL:
			rc = store_bind_null(ins, c + 1);
			break;
		default:
			rc = store_bind_text(ins, c + 1,
					     store_column_text(src, c));
			break;
		}
	}
	return rc;
}

/* Every row of table t from src into dst (inside dst's transaction). */
static enum tb_status copy_table(struct store *from, struct store *to,
				 const struct table *t, long long *rows,
				 char **err)
{
	char *sql = xasprintf("SELECT * FROM %s ORDER BY %s", t->name, t->key);
	struct store_stmt *src = NULL, *ins = NULL;
	struct store *failed = from;
	enum tb_status st = TB_DB;
	int n = 0, rc;

	rc = store_prepare(from, sql, 0, &src);
	free(sql);
	while (rc == STORE_OK && (rc = store_step(src)) == STORE_ROW) {
		if (!ins) {
			n = store_column_count(src);
			if (!plain_names(src, n)) {
				*err = xasprintf(_("the source's table %s has "
						   "a column name this version "
						   "does not take"),
						 t->name);
				st = TB_INVALID;
				goto cleanup;
			}
			char *isql = insert_sql(t->name, src, n);
			failed = to;
			rc = store_prepare(to, isql, 0, &ins);
			free(isql);
			if (rc != STORE_OK)
				break;
		}
		failed = to;
		rc = bind_row(src, ins, n);
		if (rc == STORE_OK)
			rc = store_step(ins);
		if (rc != STORE_DONE)
			break;
		rc = store_reset(ins);
		failed = from;
		(*rows)++;
	}
	if (rc == STORE_OK || rc == STORE_DONE) {
		st = TB_OK;
	} else {
		*err = xasprintf(failed == to
				     ? _("copying table %s: the target refused "
					 "a row: %s")
				     : _("copying table %s: reading the source "
					 "failed: %s"),
				 t->name, store_errmsg(failed));
	}
cleanup:
	store_finalize(ins);
	store_finalize(src);
	return st;
}

/* A consistent picture of the source: one read-only snapshot. */
static int begin_snapshot(struct store *s)
{
	return store_exec(s, store_engine(s) == STORE_ENGINE_POSTGRES
				 ? "BEGIN ISOLATION LEVEL REPEATABLE READ"
				   " READ ONLY"
				 : "BEGIN");
}

/* The source open, at this version's schema, with known tables only. */
static enum tb_status open_source(const char *from, struct store **out,
				  char **err)
{
	int v = -1;
	int rc = store_open(from, STORE_OPEN_READONLY, out, err);
	if (rc != STORE_OK)
		return rc == STORE_NOTFOUND	 ? TB_NOT_FOUND
		       : rc == STORE_UNSUPPORTED ? TB_USAGE
						 : TB_DB;
	if (store_schema_version(*out, &v) != STORE_OK) {
		*err = xasprintf(_("cannot read the source's schema version: "
				   "%s"),
				 store_errmsg(*out));
		return TB_DB;
	}
	if (v > DB_SCHEMA_VERSION) {
		*err = xasprintf(_("the source has schema version %d; this "
				   "tumorboard understands up to %d. Use a "
				   "newer tumorboard"),
				 v, DB_SCHEMA_VERSION);
		return TB_DB_NEWER;
	}
	if (v < DB_SCHEMA_VERSION) {
		*err = xasprintf(
		    _("the source has schema version %d, not %d: it is not an "
		      "archive or needs an upgrade (open it once with this "
		      "tumorboard, e.g. tumorboard --db SOURCE verify); "
		      "nothing was copied"),
		    v, DB_SCHEMA_VERSION);
		return TB_INVALID;
	}
	return check_tables(*out, true, err);
}

/* A new SQLite file is made in a directory of its own beside the
 * target, renamed into place when everything was copied. The directory's
 * path, caller frees; NULL with *err on failure. */
static char *make_temp_dir(const char *to, char **err)
{
	const char *slash = strrchr(to, '/');
	char *tmpl = slash ? xasprintf("%.*s/.tumorboard-migrate.XXXXXX",
				       (int)(slash - to), to)
			   : xstrdup(".tumorboard-migrate.XXXXXX");
	if (slash == to)
		tmpl[0] = '/';
	if (!mkdtemp(tmpl)) {
		*err = xasprintf(_("cannot make a temporary directory beside "
				   "%s: %s"),
				 to, strerror(errno));
		free(tmpl);
		return NULL;
	}
	return tmpl;
}

/* Removes the temporary directory and what SQLite left in it. */
static void remove_temp_dir(char *dir, const char *file)
{
	if (!dir)
		return;
	const char *const ends[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < UTIL_ARRAY_LEN(ends); i++) {
		char *p = xasprintf("%s%s", file, ends[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
}

/* The target open and checked: made (temporary file, or PostgreSQL
 * schema) when it holds no archive yet, else an empty archive. */
static enum tb_status open_target(const char *to, const char *tmp_file,
				  struct store **out, bool *created, char **err)
{
	const char *path = tmp_file ? tmp_file : to;
	enum tb_status st = TB_OK;
	int v = -1;

	if (tmp_file) {
		st = db_init(tmp_file, err);
		*created = st == TB_OK;
	}
	if (st != TB_OK)
		return st;
	int rc = store_open(path, STORE_OPEN_READWRITE, out, err);
	if (rc != STORE_OK)
		return rc == STORE_NOTFOUND	 ? TB_NOT_FOUND
		       : rc == STORE_UNSUPPORTED ? TB_USAGE
						 : TB_DB;
	if (store_schema_version(*out, &v) != STORE_OK) {
		*err = xasprintf(_("cannot read the target's schema version: "
				   "%s"),
				 store_errmsg(*out));
		return TB_DB;
	}
	if (v == 0 && store_engine(*out) == STORE_ENGINE_POSTGRES) {
		/* an empty database: the schema first, as init makes it */
		store_close(*out);
		*out = NULL;
		st = db_init(to, err);
		if (st != TB_OK)
			return st;
		*created = true;
		rc = store_open(path, STORE_OPEN_READWRITE, out, err);
		if (rc != STORE_OK)
			return TB_DB;
		v = DB_SCHEMA_VERSION;
	}
	if (v != DB_SCHEMA_VERSION) {
		*err = xasprintf(_("the target holds schema version %d, not %d "
				   "(empty): migrate copies into a new file, "
				   "an empty archive or an empty PostgreSQL "
				   "database only; nothing was copied"),
				 v, DB_SCHEMA_VERSION);
		return v > DB_SCHEMA_VERSION ? TB_DB_NEWER : TB_INVALID;
	}
	st = check_tables(*out, false, err);
	if (st == TB_OK)
		st = check_empty(*out, err);
	return st;
}

/* Every table copied in one transaction of to. */
static enum tb_status copy_all(struct store *from, struct store *to,
			       struct migrate_result *r, char **err)
{
	enum tb_status st = TB_OK;

	if (begin_snapshot(from) != STORE_OK) {
		*err = xasprintf(_("cannot read the source: %s"),
				 store_errmsg(from));
		return TB_DB;
	}
	if (store_begin(to) != STORE_OK) {
		*err = xasprintf(_("cannot begin writing the target: %s"),
				 store_errmsg(to));
		store_rollback(from);
		return TB_DB;
	}
	for (size_t i = 0; st == TB_OK && i < UTIL_ARRAY_LEN(tables); i++) {
		st = copy_table(from, to, &tables[i], &r->rows, err);
		if (st == TB_OK)
			r->tables++;
	}
	/* the case search's words, which SQLite keeps beside its index */
	if (st == TB_OK && db_case_word_fill(to) != TB_OK) {
		*err = xasprintf(_("cannot fill the search's words: %s"),
				 store_errmsg(to));
		st = TB_DB;
	}
	/* its search index as one b-tree (db_case_search_tidy) */
	if (st == TB_OK && db_case_search_merge(to) != TB_OK) {
		*err = xasprintf(_("cannot merge the search index: %s"),
				 store_errmsg(to));
		st = TB_DB;
	}
	if (st == TB_OK && db_access_lookup_fill(to) != TB_OK) {
		*err = xasprintf(_("cannot fill the access log's lookups: %s"),
				 store_errmsg(to));
		st = TB_DB;
	}
	if (st == TB_OK && store_commit(to) != STORE_OK) {
		*err = xasprintf(_("cannot commit the copy: %s"),
				 store_errmsg(to));
		st = TB_DB;
	}
	if (st != TB_OK)
		store_rollback(to);
	store_rollback(from);
	return st;
}

/* The finished temporary file into place, never over a file that
 * appeared meanwhile. */
static enum tb_status put_in_place(const char *tmp_file, const char *to,
				   char **err)
{
	char *wal = xasprintf("%s-wal", tmp_file);
	struct stat sb;
	bool wal_left = lstat(wal, &sb) == 0;
	free(wal);
	if (wal_left) {
		*err = xasprintf(_("the copy is not complete in its file "
				   "(a write-ahead log is left); nothing was "
				   "put at %s"),
				 to);
		return TB_IO;
	}
	if (link(tmp_file, to) != 0) {
		*err = xasprintf(_("cannot put the copy at %s: %s"), to,
				 strerror(errno));
		return errno == EEXIST ? TB_INVALID : TB_IO;
	}
	unlink(tmp_file);
	return TB_OK;
}

enum tb_status migrate_archive(const char *from, const char *to,
			       struct migrate_result *r, char **err)
{
	struct store *src = NULL, *dst = NULL;
	char *tmp_dir = NULL, *tmp_file = NULL;
	struct stat sb;
	enum tb_status st;

	*err = NULL;
	memset(r, 0, sizeof(*r));
	if (strcmp(from, to) == 0) {
		*err = xstrdup(_("--from and --to name the same database"));
		return TB_USAGE;
	}
	st = open_source(from, &src, err);
	if (st != TB_OK)
		goto cleanup;
	if (store_engine_for(to) == STORE_ENGINE_SQLITE &&
	    strcmp(to, ":memory:") != 0 && lstat(to, &sb) != 0) {
		tmp_dir = make_temp_dir(to, err);
		if (!tmp_dir) {
			st = TB_IO;
			goto cleanup;
		}
		tmp_file = xasprintf("%s/archive.db", tmp_dir);
	}
	st = open_target(to, tmp_file, &dst, &r->created, err);
	if (st == TB_OK) {
		const char *fp = store_file_path(src);
		const char *tp = store_file_path(dst);
		if (fp && tp && strcmp(fp, tp) == 0) {
			*err = xstrdup(_("--from and --to name the same "
					 "database"));
			st = TB_USAGE;
		}
	}
	if (st == TB_OK)
		st = copy_all(src, dst, r, err);
	store_close(dst);
	dst = NULL;
	if (st == TB_OK && tmp_file)
		st = put_in_place(tmp_file, to, err);
cleanup:
	store_close(dst);
	store_close(src);
	remove_temp_dir(tmp_dir, tmp_file);
	free(tmp_file);
	free(tmp_dir);
	return st;
}

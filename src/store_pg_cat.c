/*
 * store_pg_cat — what the PostgreSQL engine reads from the server's
 * catalogue: whether a table exists, and whether an append-only guard is
 * as the schema made it. Written with the store interface on the
 * engine's own connection (no libpq here).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store_engine.h"
#include "store_pg_sql.h"
#include "util.h"

bool store_pg_table_exists(struct store *s, const char *name)
{
	struct store_stmt *st = NULL;
	bool yes = false;
	if (store_pg_prepare(
		s,
		"SELECT 1 FROM pg_catalog.pg_tables WHERE"
		" schemaname = current_schema() AND tablename = ?1",
		0, &st) == STORE_OK) {
		store_pg_bind_text(st, 1, name);
		yes = store_pg_step(st) == STORE_ROW;
		store_pg_finalize(st);
	}
	return yes;
}

/* One trigger's definition as the server prints it, without the schema
 * in front of the table's name; disabled triggers count as missing
 * ("" when absent, NULL on error; caller frees). */
static char *trigger_def(struct store *s, const char *name)
{
	struct store_stmt *st = NULL;
	char *def = NULL;
	if (store_pg_prepare(
		s,
		"SELECT replace(pg_get_triggerdef(t.oid), ' ON ' ||"
		" quote_ident(n.nspname) || '.', ' ON ') FROM pg_trigger t"
		" JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON"
		" n.oid = c.relnamespace WHERE t.tgname = ?1 AND n.nspname ="
		" current_schema() AND t.tgenabled <> 'D'",
		0, &st) != STORE_OK)
		return NULL;
	store_pg_bind_text(st, 1, name);
	int rc = store_pg_step(st);
	if (rc == STORE_ROW)
		def = xstrdup(store_pg_column_text(st, 0));
	else if (rc == STORE_DONE)
		def = xstrdup("");
	store_pg_finalize(st);
	return def;
}

/* Whether tb_refuse() is the function the schema made. */
static int refuse_check(struct store *s)
{
	struct store_stmt *st = NULL;
	int rc = store_pg_prepare(s,
				  "SELECT prosrc FROM pg_proc WHERE proname ="
				  " 'tb_refuse' AND pronamespace ="
				  " current_schema()::regnamespace",
				  0, &st);
	if (rc != STORE_OK)
		return rc;
	rc = store_pg_step(st);
	if (rc == STORE_ROW)
		rc = strcmp(store_pg_column_text(st, 0),
			    STORE_PG_REFUSE_BODY) == 0
			 ? STORE_OK
			 : STORE_MISMATCH;
	else if (rc == STORE_DONE)
		rc = STORE_MISMATCH;
	store_pg_finalize(st);
	return rc;
}

int store_pg_guard_check(struct store *s, const char *name,
			 const char *sqlite_sql)
{
	char *want = store_pg_sql_ddl(sqlite_sql);
	char *have = trigger_def(s, name);
	char *have_t = NULL;
	int rc = STORE_OK;
	if (!want)
		rc = STORE_MISUSE;
	else if (!have)
		rc = store_pg_errcode(s);
	else if (!*have)
		rc = STORE_NOTFOUND;
	if (rc != STORE_OK)
		goto cleanup;
	/* a guard against DELETE comes with one against TRUNCATE */
	char *truncate = strstr(want, "; CREATE TRIGGER ");
	if (truncate) {
		*truncate = '\0';
		truncate += 2;
		char *tname = xasprintf("%s_t", name);
		have_t = trigger_def(s, tname);
		free(tname);
		if (!have_t) {
			rc = store_pg_errcode(s);
			goto cleanup;
		}
	}
	if (strcmp(have, want) != 0 ||
	    (truncate && strcmp(have_t, truncate) != 0))
		rc = STORE_MISMATCH;
	else
		rc = refuse_check(s);
cleanup:
	free(want);
	free(have);
	free(have_t);
	return rc;
}

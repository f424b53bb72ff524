/*
 * db_pg_upgrade — the schema upgrade of an archive on PostgreSQL: the
 * steps of migrations[] (db.c) as db_schema_pg_step runs them, the same
 * steps `tumorboard init` runs on an empty database, so that an upgraded
 * archive has the schema a new one has (tests/pg_upgrade.sh compares
 * their catalogues).
 */
#include "db_pg_upgrade.h"

#include <stdlib.h>

#include "db_internal.h"
#include "db_schema_pg.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

/* The version found, checked: TB_OK when steps from v on may run. */
static enum tb_status check_version(struct store *s, int *v, char **err)
{
	if (store_schema_version(s, v) != STORE_OK) {
		*err = xasprintf(_("cannot read the schema version: %s"),
				 store_errmsg(s));
		return TB_DB;
	}
	if (*v == 0) {
		*err = xstrdup(_("the PostgreSQL database holds no archive: "
				 "its owner starts one with tumorboard init"));
		return TB_INVALID;
	}
	if (*v > DB_SCHEMA_VERSION) {
		*err = xasprintf(_("the database has schema version %d; this "
				   "tumorboard understands up to %d. Use a "
				   "newer tumorboard; the database was not "
				   "changed"),
				 *v, DB_SCHEMA_VERSION);
		return TB_DB_NEWER;
	}
	for (int step = *v; step < DB_SCHEMA_VERSION; step++)
		if (db_schema_step_hooked(step)) {
			*err = xasprintf(_("the PostgreSQL archive has schema "
					   "version %d: step %d → %d changes "
					   "its records as well, which this "
					   "version does on SQLite only; "
					   "nothing was changed"),
					 *v, step, step + 1);
			return TB_INVALID;
		}
	return TB_OK;
}

enum tb_status db_pg_upgrade(struct store *s, int *from, char **err)
{
	enum tb_status st;

	*err = NULL;
	*from = -1;
	st = check_version(s, from, err);
	if (st != TB_OK || *from == DB_SCHEMA_VERSION)
		return st;
	if (store_begin(s) != STORE_OK) {
		*err = xasprintf(_("cannot begin: %s"), store_errmsg(s));
		return TB_DB;
	}
	/* another process may have upgraded it meanwhile */
	st = check_version(s, from, err);
	/* the same steps and finish as a new archive's */
	if (st == TB_OK && *from < DB_SCHEMA_VERSION)
		st = db_schema_pg_steps(s, *from, err);
	if (st == TB_OK && store_commit(s) != STORE_OK) {
		*err = xasprintf(_("cannot commit the schema: %s"),
				 store_errmsg(s));
		st = TB_DB;
	}
	if (st != TB_OK)
		store_rollback(s);
	return st;
}

enum tb_status db_upgrade_server(const char *path, int *from, char **err)
{
	struct store *s = NULL;
	int v = 0;

	*from = 0;
	*err = NULL;
	if (store_engine_for(path) != STORE_ENGINE_POSTGRES)
		return TB_OK;
	int rc = store_open(path, STORE_OPEN_READWRITE, &s, err);
	if (rc != STORE_OK)
		return rc == STORE_UNSUPPORTED ? TB_USAGE : TB_DB;
	enum tb_status st = TB_OK;
	if (store_schema_version(s, &v) != STORE_OK) {
		*err = xasprintf(_("cannot read the schema version: %s"),
				 store_errmsg(s));
		st = TB_DB;
	} else if (v > 0 && v != DB_SCHEMA_VERSION) {
		st = db_pg_upgrade(s, from, err);
	}
	store_close(s);
	return st;
}

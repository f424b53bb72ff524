/*
 * db_init — where an archive is and how one starts: the default path,
 * its directories, and `tumorboard init` on either engine.
 */
#include "db.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db_internal.h"
#include "db_schema_pg.h"
#include "i18n.h"
#include "store.h"
#include "util.h"

char *db_default_path(void)
{
	const char *env = getenv("TUMORBOARD_DB");
	if (env && *env)
		return xstrdup(env);
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg == '/')
		return xasprintf("%s/tumorboard/tumorboard.db", xdg);
	const char *home = getenv("HOME");
	if (home && *home)
		return xasprintf("%s/.local/share/tumorboard/tumorboard.db",
				 home);
	return NULL;
}

enum tb_status db_make_parent_dirs(const char *path, char **err)
{
	/* a server's address is no path: nothing to make (the slashes of
	 * postgresql://host/db are not directories) */
	if (store_engine_for(path) != STORE_ENGINE_SQLITE)
		return TB_OK;
	char *copy = xstrdup(path);
	enum tb_status st = TB_OK;

	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			*err = xasprintf(_("cannot create directory %s: %s"),
					 copy, strerror(errno));
			st = TB_IO;
			break;
		}
		*p = '/';
	}
	free(copy);
	return st;
}

enum tb_status db_server_schema(struct db *db, int version, char **err)
{
	if (store_engine(db->conn) == STORE_ENGINE_SQLITE ||
	    version >= DB_SCHEMA_VERSION)
		return TB_OK;
	/* the application role cannot make or change the schema: its
	 * owner runs init */
	*err = version == 0 ? xstrdup(_("the PostgreSQL database holds no "
					"archive: its owner starts one with "
					"tumorboard init"))
			    : xasprintf(_("the PostgreSQL archive has schema "
					  "version %d; this tumorboard needs "
					  "%d: its owner brings it up to date "
					  "with tumorboard init"),
					version, DB_SCHEMA_VERSION);
	return TB_DB;
}

enum tb_status db_init(const char *path, char **err)
{
	*err = NULL;
	if (store_engine_for(path) == STORE_ENGINE_POSTGRES) {
		struct store *s = NULL;
		int rc = store_open(path, STORE_OPEN_READWRITE, &s, err);
		if (rc != STORE_OK)
			return rc == STORE_UNSUPPORTED ? TB_USAGE : TB_DB;
		enum tb_status st = db_schema_pg_create(s, err);
		store_close(s);
		return st;
	}
	struct stat sb;
	if (strcmp(path, ":memory:") == 0 || lstat(path, &sb) == 0) {
		*err = xasprintf(_("%s exists already; init starts a new "
				   "archive only"),
				 path);
		return TB_INVALID;
	}
	enum tb_status st = db_make_parent_dirs(path, err);
	struct db *db = NULL;
	if (st == TB_OK)
		st = db_open(path, false, &db, err);
	db_close(&db);
	return st;
}

/*
 * db_backup — a consistent copy of the open database with SQLite's online
 * backup API. Copying the file with cp while the program (or anyone) has
 * it open misses what is still in the write-ahead log; the backup API
 * reads through SQLite, so the copy holds every committed change.
 */
#include "db.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_internal.h"
#include "i18n.h"
#include "util.h"

/* Steps the backup to the end, waiting while another connection writes. */
static int copy_pages(sqlite3 *dst, sqlite3 *src)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return sqlite3_errcode(dst);
	int rc;
	int waited = 0;
	while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK ||
	       rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		if (rc != SQLITE_OK) {
			if (waited++ > 500)
				break;
			sqlite3_sleep(10);
		}
	}
	int fin = sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? fin : rc;
}

/* PRAGMA quick_check on the copy: "ok" or the first problem. */
static bool copy_ok(sqlite3 *dst)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;
	if (sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &st, NULL) ==
		SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		ok = t && strcmp((const char *)t, "ok") == 0;
	}
	sqlite3_finalize(st);
	return ok;
}

enum tb_status db_backup(struct db *db, const char *dest, char **err)
{
	enum tb_status status = TB_IO;
	sqlite3 *dst = NULL;
	char *tmp = NULL;
	int fd = -1;
	bool renamed = false;
	struct stat sb;

	*err = NULL;
	if (lstat(dest, &sb) == 0) {
		*err =
		    xasprintf(_("%s exists already; a backup is written to a "
				"new file"),
			      dest);
		return TB_INVALID;
	}
	if (errno != ENOENT) {
		*err = xasprintf("%s: %s", dest, strerror(errno));
		return TB_IO;
	}
	tmp = xasprintf("%s.XXXXXX", dest);
	fd = mkstemp(tmp); /* mode 0600 */
	if (fd < 0) {
		*err =
		    xasprintf(_("cannot write %s: %s"), dest, strerror(errno));
		free(tmp);
		return TB_IO;
	}
	close(fd);
	fd = -1;
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		*err = xasprintf(_("cannot write %s: %s"), dest,
				 dst ? sqlite3_errmsg(dst) : "out of memory");
		goto cleanup;
	}
	int rc = copy_pages(dst, db->conn);
	if (rc != SQLITE_OK) {
		*err = xasprintf(_("backup to %s failed: %s"), dest,
				 sqlite3_errstr(rc));
		status =
		    rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? TB_DB : TB_IO;
		goto cleanup;
	}
	/* The copy stands alone: no write-ahead log beside it. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    !copy_ok(dst)) {
		*err = xasprintf(_("backup to %s failed its check: %s"), dest,
				 sqlite3_errmsg(dst));
		status = TB_DB;
		goto cleanup;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		*err = xasprintf(_("cannot close %s"), dest);
		goto cleanup;
	}
	dst = NULL;
	fd = open(tmp, O_RDONLY);
	if (fd < 0 || fsync(fd) != 0 || rename(tmp, dest) != 0) {
		*err =
		    xasprintf(_("cannot write %s: %s"), dest, strerror(errno));
		goto cleanup;
	}
	renamed = true;
	status = TB_OK;
	/* The copy holds every patient: that it was taken is recorded. */
	if (db_begin(db) != TB_OK ||
	    db_audit_append(db, db_actor(), "backup", "database", 0,
			    "online backup to a new file") != TB_OK ||
	    db_commit(db) != TB_OK) {
		db_rollback(db);
		*err =
		    xasprintf(_("the backup was written to %s, but recording "
				"it in the audit log failed: %s"),
			      dest, sqlite3_errmsg(db->conn));
		status = TB_DB;
	}
cleanup:
	if (fd >= 0)
		close(fd);
	if (dst)
		sqlite3_close(dst);
	if (!renamed)
		unlink(tmp);
	free(tmp);
	return status;
}

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
#include "progress.h"
#include "util.h"

/* The copy's progress on standard error (progress.h), in KiB: the line
 * starts at the first step, when the size is known. */
static void backup_progress(long long done, long long total, void *arg)
{
	long long *shown = arg; /* KiB drawn so far; -1 before the first */
	if (*shown < 0) {
		progress_begin("backup", N_("KiB"), total / 1024);
		*shown = 0;
	}
	progress_add(done / 1024 - *shown);
	*shown = done / 1024;
}

enum tb_status db_backup(struct db *db, const char *dest, char **err)
{
	enum tb_status status = TB_IO;
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
	char *why = NULL;
	long long shown = -1;
	int rc =
	    store_backup_to_file(db->conn, tmp, backup_progress, &shown, &why);
	if (shown >= 0 && rc == STORE_OK)
		progress_end();
	else if (shown >= 0)
		progress_abandon();
	if (rc != STORE_OK) {
		switch (rc) {
		case STORE_CANTOPEN:
			*err = xasprintf(_("cannot write %s: %s"), dest, why);
			break;
		case STORE_CORRUPT:
			*err = xasprintf(_("backup to %s failed its check: %s"),
					 dest, why);
			status = TB_DB;
			break;
		case STORE_IOERR:
			*err = xasprintf(_("cannot close %s"), dest);
			break;
		default:
			*err =
			    xasprintf(_("backup to %s failed: %s"), dest, why);
			status = rc == STORE_BUSY || rc == STORE_LOCKED ? TB_DB
									: TB_IO;
			break;
		}
		free(why);
		goto cleanup;
	}
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
			    /* untranslated: an audit detail */
			    "online backup to a new file") != TB_OK ||
	    db_commit(db) != TB_OK) {
		db_rollback(db);
		*err =
		    xasprintf(_("the backup was written to %s, but recording "
				"it in the audit log failed: %s"),
			      dest, db_errmsg(db));
		status = TB_DB;
	}
cleanup:
	if (fd >= 0)
		close(fd);
	if (!renamed)
		unlink(tmp);
	free(tmp);
	return status;
}

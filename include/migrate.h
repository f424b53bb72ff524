/*
 * migrate — moves a whole archive from one database to another, between
 * engines in either direction (SQLite to PostgreSQL, PostgreSQL to
 * SQLite, SQLite to SQLite): every row of every table, ids, hashes and
 * all, so that the audit chain, the record seals and the access log's
 * chain verify on the target as they did on the source. Full-text
 * indexes and the kept case count are not copied: the target's own
 * triggers build them from the rows.
 */
#ifndef TB_MIGRATE_H
#define TB_MIGRATE_H

#include <stdbool.h>

#include "status.h"

/* What a migration did. */
struct migrate_result {
	long long tables; /* tables copied (every table of the archive) */
	long long rows;	  /* rows copied */
	bool created;	  /* the target's schema was made by the migration */
};

/*
 * Copies the archive at from (a database argument as for --db) into to.
 *
 * The source must hold the schema of this version (an older archive is
 * brought up to date by opening it once; a newer one is TB_DB_NEWER) and
 * only tables this version knows (TB_INVALID naming the table
 * otherwise); it is read in one snapshot and never written.
 *
 * The target must hold no rows: a SQLite file that does not exist yet
 * (written to a temporary file beside it, mode 0600, and renamed into
 * place only when everything was copied), an empty archive (made by
 * init), or an empty PostgreSQL database (its schema is made as by init,
 * so the migration runs as the role that is to own the tables). A target
 * holding rows is refused (TB_INVALID, naming the table) before anything
 * is written. Every row is written in one transaction on the target:
 * a failure leaves no row behind (and no file). from and to naming the
 * same database is TB_USAGE.
 *
 * *r says what was done; *err on failure (caller frees): never a value
 * of the archive.
 */
enum tb_status migrate_archive(const char *from, const char *to,
			       struct migrate_result *r, char **err);

#endif

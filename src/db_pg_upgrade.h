/*
 * db_pg_upgrade — an archive on PostgreSQL at an older schema version
 * brought up to date by the same steps that make it (db_schema_pg_step,
 * from migrations[] in db.c). Private to db*.c and its tests.
 */
#ifndef TB_DB_PG_UPGRADE_H
#define TB_DB_PG_UPGRADE_H

#include "status.h"

struct store;

/*
 * Runs the schema steps from the archive's version to DB_SCHEMA_VERSION
 * on s, a PostgreSQL connection as the role that owns the tables, in one
 * transaction with the new version and the application role's
 * privileges (a step's new tables included). *from is the version found
 * (DB_SCHEMA_VERSION: nothing to do, TB_OK).
 *
 * Refused, with nothing changed: an empty database (TB_INVALID: init
 * starts an archive), a newer schema (TB_DB_NEWER), and a step that runs
 * a function on the archive's rows as well (TB_INVALID: sealing the
 * records present at schema 10; no PostgreSQL archive is older than the
 * first schema PostgreSQL took). *err on failure (caller frees).
 */
enum tb_status db_pg_upgrade(struct store *s, int *from, char **err);

#endif

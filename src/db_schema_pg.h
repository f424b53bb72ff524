/*
 * db_schema_pg — the archive's schema on PostgreSQL, from the steps of
 * the SQLite schema (see db_schema_pg.c). Private to db*.c and its tests.
 */
#ifndef TB_DB_SCHEMA_PG_H
#define TB_DB_SCHEMA_PG_H

#include "status.h"

struct store;

/*
 * Creates the whole schema (DB_SCHEMA_VERSION) in an empty PostgreSQL
 * database, in one transaction, with the application role's privileges.
 * Run it as the role that is to own the tables (not the application
 * role: an owner can always change its own tables). TB_INVALID when the
 * database already holds a schema; *err on failure (caller frees).
 */
enum tb_status db_schema_pg_create(struct store *s, char **err);

/* Steps from, from + 1 … up to DB_SCHEMA_VERSION, the version recorded,
 * the watch triggers and the privileges: what makes a new archive from
 * an empty database (from 0) and brings an older one up to date
 * (db_pg_upgrade.c), inside the caller's transaction. */
enum tb_status db_schema_pg_steps(struct store *s, int from, char **err);

/* Step v (0-based, as migrations[] in db.c: step v brings version v to
 * v + 1) inside the caller's transaction. */
enum tb_status db_schema_pg_step(struct store *s, int v, char **err);

/* The audit log's watch triggers on every sealed table (again after a
 * step that added one): db_audit_watch_sql_pg. */
enum tb_status db_schema_pg_watch(struct store *s, char **err);

/* The application role's privileges on every table (again after a
 * step that added tables). */
enum tb_status db_schema_pg_grant(struct store *s, char **err);

#endif

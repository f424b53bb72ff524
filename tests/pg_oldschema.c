/*
 * tests/pg_oldschema URI VERSION: an archive on PostgreSQL as an older
 * tumorboard made it, at schema VERSION (steps 0 … VERSION - 1 of
 * db_schema_pg_step, the version recorded, the application role's
 * privileges), for tests/pg_upgrade.sh. Run as the schema's owner.
 */
#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "db_schema_pg.h"
#include "store.h"

int main(int argc, char **argv)
{
	struct store *s = NULL;
	char *err = NULL;
	enum tb_status st = TB_OK;
	int v = argc == 3 ? atoi(argv[2]) : 0;

	if (v < 1 || v > DB_SCHEMA_VERSION) {
		fputs("usage: pg_oldschema URI VERSION\n", stderr);
		return 2;
	}
	if (store_open(argv[1], STORE_OPEN_READWRITE, &s, &err) != STORE_OK) {
		fprintf(stderr, "pg_oldschema: %s\n", err);
		free(err);
		return 1;
	}
	if (store_begin(s) != STORE_OK)
		st = TB_DB;
	for (int step = 0; st == TB_OK && step < v; step++)
		st = db_schema_pg_step(s, step, &err);
	if (st == TB_OK && store_set_schema_version(s, v) != STORE_OK)
		st = TB_DB;
	/* the application role's privileges as they were then (the
	 * append-only tables of later steps did not exist yet) */
	if (st == TB_OK &&
	    store_exec(s, "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES"
			  " IN SCHEMA public TO tumorboard_app;"
			  " GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO"
			  " tumorboard_app;"
			  " REVOKE UPDATE, DELETE, TRUNCATE ON audit, decision"
			  " FROM tumorboard_app") != STORE_OK)
		st = TB_DB;
	if (st == TB_OK && store_commit(s) != STORE_OK)
		st = TB_DB;
	if (st != TB_OK)
		fprintf(stderr, "pg_oldschema: %s\n",
			err ? err : store_errmsg(s));
	free(err);
	store_close(s);
	return st == TB_OK ? 0 : 1;
}

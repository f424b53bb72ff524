/*
 * store_pg_linked — the PostgreSQL engine linked into the program that
 * uses it (the unit tests): its table is there from the start. The
 * program itself loads it from its module instead (store_pg_load.c).
 */
#include "config.h"

#include "store_engine.h"

const struct store_pg_ops *store_pg_ops(char **err)
{
	*err = NULL;
	return &store_pg_table;
}

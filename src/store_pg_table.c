/*
 * store_pg_table — the PostgreSQL engine's functions as the one table its
 * module exports (store_engine.h).
 */
#include "config.h"

#include "store_engine.h"

const struct store_pg_ops store_pg_table = {
    .head = MODULE_HEAD(struct store_pg_ops),
#define STORE_PG_INIT(fn) .fn = store_pg_##fn,
    STORE_PG_FUNCTIONS(STORE_PG_INIT)
#undef STORE_PG_INIT
};

#!/bin/sh
# The schema on PostgreSQL against the schema on SQLite, the application
# role's privileges and the append-only guards (tests/test_schema_pg),
# beside a throwaway server; skipped as tests/pg_store.sh says.
TB_PG_PROG=test_schema_pg
. "$TB_SRCDIR/tests/pg_store.sh"

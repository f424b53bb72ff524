#!/bin/sh
# The second pass against PostgreSQL, group 3: tests/pg-pass.sh says which
# tests; make check runs the groups side by side.
TB_PG_GROUP=3
export TB_PG_GROUP
exec sh "$TB_SRCDIR/tests/pg-pass.sh"

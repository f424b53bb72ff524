#!/bin/sh
# The PostgreSQL engine (src/store_pg.c) through the store interface:
# tests/test_store_pg run against a throwaway server (tests/pg-server.sh);
# tests/pg_schema.sh runs tests/test_schema_pg the same way. Skipped, and
# said so, in a build without libpq or where the PostgreSQL server is not
# installed.
prog=${TB_PG_PROG:-test_store_pg}
. "$TB_SRCDIR/tests/tap.sh"
if [ "${TB_HAVE_LIBPQ:-}" != yes ]; then
	diag "SKIPPED: $prog: this build has no libpq (configure --with-postgresql)"
	echo "1..0 # SKIP built without PostgreSQL (libpq)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh "$TB_SRCDIR/tests/pg-server.sh" "$TB_TESTBIN/$prog" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 77 ]; then
	diag "SKIPPED: $prog: $(cat "$tmp/err")"
	echo "1..0 # SKIP PostgreSQL server not installed"
	exit 0
fi
sed 's/^/# /' "$tmp/err"
exit "$rc"

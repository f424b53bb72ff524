#!/bin/sh
# An archive on PostgreSQL at an older schema version (tests/pg_oldschema:
# the steps an older tumorboard ran) is brought up to date by init, run
# as the tables' owner, with the same steps that make a new archive: its
# catalogue (tables, columns, defaults, constraints, indexes, triggers,
# functions, the application role's privileges) is then the catalogue of
# a new archive's, its rows are kept, and the application role can work
# in it. The application role cannot upgrade it; an archive at this
# version or a newer one is refused and left as it was. Beside a
# throwaway server (tests/pg-server.sh); skipped, and said so, without.
. "$TB_SRCDIR/tests/tap.sh"
if [ "${TB_HAVE_LIBPQ:-}" != yes ]; then
	diag "SKIPPED: the PostgreSQL upgrade: this build has no libpq"
	echo "1..0 # SKIP built without PostgreSQL (libpq)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
N=$(sed -n 's/^#define DB_SCHEMA_VERSION //p' "$TB_SRCDIR/include/db.h")
# the oldest schema a PostgreSQL archive can be upgraded from: after the
# step that seals the records present (10)
old=10
cat >"$tmp/run.sh" <<'EOF'
d=$1 old=$2 N=$3
psql() { "$TB_PG_BIN/psql" -X -At -v ON_ERROR_STOP=1 "$@"; }
# a second database beside the first, for a new archive
psql -d postgres -q -c "CREATE DATABASE fresh OWNER tb_owner TEMPLATE template0" \
	-c "GRANT CONNECT, TEMPORARY ON DATABASE fresh TO tumorboard_app" >/dev/null || exit 1
psql -d fresh -q -c 'REVOKE ALL ON SCHEMA public FROM PUBLIC' \
	-c 'GRANT USAGE ON SCHEMA public TO tumorboard_app' >/dev/null || exit 1
fresh=$(echo "$TB_PG_OWNER" | sed 's|/tumorboard$|/fresh|')
"$TB" --db "$fresh" init >"$d/fresh.out" 2>&1 || exit 1
# the old archive, with rows an older tumorboard wrote
"$TB_TESTBIN/pg_oldschema" "$TB_PG_OWNER" "$old" 2>"$d/old.err" || exit 1
psql -c "SELECT max(version) FROM schema_version" >"$d/old.version"
psql -q -c "INSERT INTO meeting (date, start_time, length_min, board, level, location, created, updated) VALUES ('2026-11-26', '14:00', 60, 'lung', 'regional', 'Konferensrum Onkologen', '2026-11-01T08:00:00Z', '2026-11-01T08:00:00Z')" >/dev/null || exit 1
# as the application role: refused, nothing changed
"$TB" --db "$TB_PG_URI" init >"$d/app.out" 2>&1
echo $? >"$d/app.rc"
psql -c "SELECT max(version) FROM schema_version" >"$d/app.version"
# as the owner: brought up to date
"$TB" --db "$TB_PG_OWNER" init >"$d/up.out" 2>&1
echo $? >"$d/up.rc"
psql -c "SELECT max(version) FROM schema_version" >"$d/up.version"
psql -c "SELECT location FROM meeting WHERE id = 1" >"$d/kept"
# at this version: init refuses as before
"$TB" --db "$TB_PG_OWNER" init >"$d/again.out" 2>&1
echo $? >"$d/again.rc"
# the catalogue of each database, in words that do not name the database
catalogue() {
	psql -d "$1" -c "SELECT table_name, column_name, data_type, is_nullable, coalesce(column_default, '') FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2" \
		-c "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2" \
		-c "SELECT conrelid::regclass, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2" \
		-c "SELECT event_object_table, trigger_name, action_timing, event_manipulation, action_statement FROM information_schema.triggers WHERE trigger_schema = 'public' ORDER BY 1, 2, 4" \
		-c "SELECT proname, pg_get_function_arguments(oid), md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1, 2" \
		-c "SELECT table_name, privilege_type FROM information_schema.role_table_grants WHERE grantee = 'tumorboard_app' ORDER BY 1, 2" \
		-c "SELECT max(version) FROM schema_version"
}
catalogue tumorboard >"$d/upgraded.cat"
catalogue fresh >"$d/fresh.cat"
# the application role works in the upgraded archive
psql -d "$TB_PG_URI" -c "SELECT has_table_privilege('audit', 'UPDATE'), has_table_privilege('audit', 'INSERT'), has_table_privilege('meeting_live', 'INSERT')" >"$d/priv"
# a newer archive: refused, left as it was
psql -q -c "INSERT INTO schema_version (version) VALUES ($N + 1)" >/dev/null
"$TB" --db "$TB_PG_OWNER" init >"$d/newer.out" 2>&1
echo $? >"$d/newer.rc"
psql -c "SELECT max(version) FROM schema_version" >"$d/newer.version"
EOF
sh "$TB_SRCDIR/tests/pg-server.sh" sh "$tmp/run.sh" "$tmp" "$old" "$N" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 77 ]; then
	diag "SKIPPED: the PostgreSQL upgrade: $(cat "$tmp/err")"
	echo "1..0 # SKIP PostgreSQL server not installed"
	exit 0
fi
result "the run ends well ($rc)" "$rc"
[ "$rc" -eq 0 ] || sed 's/^/# /' "$tmp/err" "$tmp"/*.err 2>/dev/null
result "the old archive is at schema $old" "$([ "$(cat "$tmp/old.version")" = "$old" ] && echo 0 || echo 1)"
result "init as the application role: refused, exit 6" "$([ "$(cat "$tmp/app.rc")" = 6 ] && echo 0 || echo 1)"
check "and says why" grep -q "permission denied" "$tmp/app.out"
result "and the schema is as it was" "$([ "$(cat "$tmp/app.version")" = "$old" ] && echo 0 || echo 1)"
result "init as the owner: exit 0" "$([ "$(cat "$tmp/up.rc")" = 0 ] && echo 0 || echo 1)"
check "and says what it did" grep -qx "the archive's schema brought up to date: version $old to $N" "$tmp/up.out"
result "the archive is at schema $N" "$([ "$(cat "$tmp/up.version")" = "$N" ] && echo 0 || echo 1)"
result "its rows are kept" "$([ "$(cat "$tmp/kept")" = "Konferensrum Onkologen" ] && echo 0 || echo 1)"
result "the upgraded catalogue is read ($(wc -l <"$tmp/upgraded.cat") lines)" \
	"$([ "$(wc -l <"$tmp/upgraded.cat")" -gt 300 ] && echo 0 || echo 1)"
diff "$tmp/fresh.cat" "$tmp/upgraded.cat" >"$tmp/cat.diff"
result "the upgraded archive's catalogue is a new archive's" $?
diag <"$tmp/cat.diff"
result "the application role adds to the audit log, changes nothing in it, writes a table of a later step" \
	"$([ "$(cat "$tmp/priv")" = "f|t|t" ] && echo 0 || echo 1)"
result "init again at schema $N: refused, exit 3" "$([ "$(cat "$tmp/again.rc")" = 3 ] && echo 0 || echo 1)"
check "and says the database holds a schema" grep -q "already holds schema version $N" "$tmp/again.out"
result "a newer archive: refused, exit 7" "$([ "$(cat "$tmp/newer.rc")" = 7 ] && echo 0 || echo 1)"
result "and left as it was" "$([ "$(cat "$tmp/newer.version")" = $((N + 1)) ] && echo 0 || echo 1)"
finish

#!/bin/sh
# The throwaway PostgreSQL server of the tests (tests/pg-server.sh): it
# listens on its socket only, the application role is no superuser and
# owns nothing, and everything is gone after the command ends, fails or
# is stopped. Skipped, loudly, where the PostgreSQL server is not
# installed.
. "$TB_SRCDIR/tests/tap.sh"
server="$TB_SRCDIR/tests/pg-server.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# what --version says follows configure (--with-postgresql, libpq found)
if [ "${TB_HAVE_LIBPQ:-}" = yes ]; then
	check "--version: PostgreSQL built in" sh -c '"$TB" --version | grep -qx "stores: SQLite, PostgreSQL"'
else
	check "--version: built without PostgreSQL, and says so" sh -c '"$TB" --version | grep -q "built without PostgreSQL"'
	diag "NOTE: built without libpq: the PostgreSQL store is not in this build"
fi

# a PostgreSQL database argument that reaches no server: refused, with a
# message that names the database and host, and nothing made
for arg in "postgresql://tb@localhost/board" "host=/nonexistent dbname=board"; do
	(cd "$tmp" && "$TB" --db "$arg" cases >out 2>err)
	rc=$?
	if [ "${TB_HAVE_LIBPQ:-}" = yes ]; then
		result "--db '$arg': refused, exit 6 ($rc)" "$([ "$rc" -eq 6 ] && echo 0 || echo 1)"
		check "--db '$arg': says it cannot connect to the database" \
			grep -q "cannot connect to PostgreSQL database board on" "$tmp/err"
	else
		result "--db '$arg': refused, exit 6 ($rc)" "$([ "$rc" -eq 6 ] && echo 0 || echo 1)"
		check "--db '$arg': says this build has no PostgreSQL" \
			grep -q "built without PostgreSQL" "$tmp/err"
	fi
	(cd "$tmp" && "$TB" --db "$arg" user add "$(id -un)" --name "Test Testsson" \
		--title läkare --role administrator >/dev/null 2>&1)
	result "--db '$arg': user add refused too" "$([ $? -eq 6 ] && echo 0 || echo 1)"
	check "--db '$arg': nothing made in the current directory" \
		sh -c '[ -z "$(ls -A "$1" | grep -v -x -e out -e err)" ]' sh "$tmp"
	rm -f "$tmp/out" "$tmp/err"
done

# init on SQLite: a new file with the schema, its first administrator
# after it; an existing file refused
"$TB" --db "$tmp/new/a.db" init >"$tmp/sinit.out" 2>&1
result "init makes a new SQLite archive (exit $?)" $?
check "init says what it made" grep -q "a new archive, schema version" "$tmp/sinit.out"
result "the file is private (0600)" "$([ "$(stat -c %a "$tmp/new/a.db")" = 600 ] && echo 0 || echo 1)"
tb_fixture "$tmp/new/a.db"
result "its first administrator is made after it" $?
"$TB" --db "$tmp/new/a.db" init >"$tmp/sinit2.out" 2>&1
result "init of an existing archive: exit 3" "$([ $? -eq 3 ] && echo 0 || echo 1)"
check "and says it exists" grep -q "exists already" "$tmp/sinit2.out"
"$TB" --db "$tmp/new/a.db" init extra >/dev/null 2>&1
result "init takes no argument: exit 2" "$([ $? -eq 2 ] && echo 0 || echo 1)"

# skipped without the server's programs: 77 and a message
env -u TB_NEED_TOOLS PG_BINDIR="$tmp/none" sh "$server" true 2>"$tmp/skip.err"
skip_rc=$?
# where tools/bootstrap installed everything (TB_NEED_TOOLS: .ci/run) a
# missing server is a failure
env TB_NEED_TOOLS=1 PG_BINDIR="$tmp/none" sh "$server" true 2>"$tmp/need.err"
need_rc=$?

sh "$server" true 2>"$tmp/probe.err"
rc=$?
if [ "$rc" -eq 77 ]; then
	diag "SKIPPED: every PostgreSQL test: $(cat "$tmp/probe.err")"
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP PostgreSQL server not installed: the throwaway server not tried"
	finish
	exit $?
fi
result "the server starts and stops (exit $rc)" "$rc"
result "no server programs: exit 77, said as SKIPPED" \
	"$([ "$skip_rc" -eq 77 ] && grep -q 'SKIPPED: the PostgreSQL server is not installed' "$tmp/skip.err" && echo 0 || echo 1)"
result "no server programs under TB_NEED_TOOLS: exit 1, said as FAILED" \
	"$([ "$need_rc" -eq 1 ] && grep -q 'FAILED: the PostgreSQL server is not installed' "$tmp/need.err" && echo 0 || echo 1)"

cat >"$tmp/probe.sh" <<'EOF'
echo "$TB_PG_DIR" >"$1/dir"
q() { "$TB_PG_BIN/psql" -X -At -d "$TB_PG_URI" -c "$1"; }
q "SELECT current_user" >"$1/user"
q "SHOW listen_addresses" >"$1/listen"
q "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user" >"$1/super"
q "SELECT pg_has_role('tumorboard_app', 'MEMBER')" >"$1/member"
q "CREATE TABLE x (a int)" >"$1/create.out" 2>&1
echo $? >"$1/create.rc"
"$TB_PG_BIN/psql" -X -At -c "SELECT current_user" >"$1/pgenv"
exit 3
EOF
sh "$server" sh "$tmp/probe.sh" "$tmp" 2>"$tmp/run.err"
rc=$?
result "the command's exit status is passed on (3: $rc)" "$([ "$rc" -eq 3 ] && echo 0 || echo 1)"
result "the URI connects as the application role" \
	"$([ "$(cat "$tmp/user")" = tb_app ] && echo 0 || echo 1)"
result "PG* variables reach the owner (as for every libpq program)" \
	"$([ "$(cat "$tmp/pgenv")" = tb_owner ] && echo 0 || echo 1)"
result "listen_addresses is empty: socket only" \
	"$([ -f "$tmp/listen" ] && [ "$(wc -l <"$tmp/listen")" -eq 1 ] && [ -z "$(cat "$tmp/listen")" ] && echo 0 || echo 1)"
result "the application role is no superuser, creates no role or database" \
	"$([ "$(cat "$tmp/super")" = f ] && echo 0 || echo 1)"
result "the application role is a member of tumorboard_app" \
	"$([ "$(cat "$tmp/member")" = t ] && echo 0 || echo 1)"
result "the application role creates no table in the public schema" \
	"$([ "$(cat "$tmp/create.rc")" != 0 ] && grep -q 'permission denied' "$tmp/create.out" && echo 0 || echo 1)"
check "the connection string is printed" grep -q "postgresql://tb_app@" "$tmp/run.err"
# init on PostgreSQL: the application role cannot make the schema; the
# owner can, once; the application role's privileges; before it, every
# other command refuses the empty database, after it they run
if [ "${TB_HAVE_LIBPQ:-}" = yes ]; then
	cat >"$tmp/init.sh" <<'EOF'
"$TB" --db "$TB_PG_URI" init >"$1/init-app.out" 2>&1
echo $? >"$1/init-app.rc"
"$TB_PG_BIN/psql" -X -At -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'" >"$1/tables0"
"$TB" --db "$TB_PG_URI" cases >/dev/null 2>"$1/cases0.err"
echo $? >"$1/cases0.rc"
"$TB" --db "$TB_PG_OWNER" init >"$1/init.out" 2>&1
echo $? >"$1/init.rc"
"$TB_PG_BIN/psql" -X -At -c "SELECT max(version) FROM schema_version" >"$1/version"
"$TB_PG_BIN/psql" -X -At -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'" >"$1/tables"
"$TB_PG_BIN/psql" -X -At -d "$TB_PG_URI" -c "SELECT has_table_privilege('audit', 'UPDATE'), has_table_privilege('audit', 'INSERT'), has_table_privilege('cases', 'UPDATE')" >"$1/priv"
"$TB" --db "$TB_PG_OWNER" init >"$1/init2.out" 2>&1
echo $? >"$1/init2.rc"
"$TB" --db "$TB_PG_URI" user add "$(id -un)" --name "Test Testsson" --title läkare --role administrator,member >/dev/null 2>&1
"$TB" --db "$TB_PG_URI" cases >/dev/null 2>"$1/cases.err"
echo $? >"$1/cases.rc"
printf 'r r /\ntype lung\nEsc q\n' >"$1/timing.keys"
"$TB" --db "$TB_PG_URI" --script "$1/timing.keys" --size 80x24 --dump /dev/null \
	--timing "$1/pg.timing" >/dev/null 2>&1
EOF
	sh "$server" sh "$tmp/init.sh" "$tmp" 2>/dev/null
	result "init as the application role: refused, exit 6 ($(cat "$tmp/init-app.rc"))" \
		"$([ "$(cat "$tmp/init-app.rc")" = 6 ] && echo 0 || echo 1)"
	check "and says why" grep -q "permission denied" "$tmp/init-app.out"
	result "and leaves no table behind" "$([ "$(cat "$tmp/tables0")" = 0 ] && echo 0 || echo 1)"
	result "init as the owner: exit 0" "$([ "$(cat "$tmp/init.rc")" = 0 ] && echo 0 || echo 1)"
	check "init says what it made" grep -q "a new archive, schema version" "$tmp/init.out"
	result "the schema version is the program's" \
		"$([ "$(cat "$tmp/version")" = "$(sed -n 's/^#define DB_SCHEMA_VERSION //p' "$TB_SRCDIR/include/db.h")" ] && echo 0 || echo 1)"
	result "every table is there ($(cat "$tmp/tables"))" "$([ "$(cat "$tmp/tables")" -ge 30 ] && echo 0 || echo 1)"
	result "the application role adds to the audit log, changes nothing in it, writes cases" \
		"$([ "$(cat "$tmp/priv")" = "f|t|t" ] && echo 0 || echo 1)"
	result "init again: exit 3" "$([ "$(cat "$tmp/init2.rc")" = 3 ] && echo 0 || echo 1)"
	# --timing on a server of this machine: each key's server CPU beside
	# the program's, and the keys that ask the server cost it something
	result "--timing: every key with the server's CPU, a fifth number" \
		"$(awk '$1 == "key" { n++; if (NF != 5 || $5 < 0) bad++ }
			END { exit !(n >= 8 && !bad) }' "$tmp/pg.timing" && echo 0 || echo 1)"
	result "--timing: the server's CPU over the keys is above zero" \
		"$(awk '$1 == "key" { s += $5 } END { exit !(s > 0) }' "$tmp/pg.timing" &&
			echo 0 || echo 1)"
	check "and says the database holds a schema" grep -q "already holds schema version" "$tmp/init2.out"
	result "cases on the empty database: refused (exit 6)" \
		"$([ "$(cat "$tmp/cases0.rc")" = 6 ] && echo 0 || echo 1)"
	check "and says that its owner starts an archive with init" \
		grep -q "holds no archive: its owner starts one with tumorboard init" "$tmp/cases0.err"
	result "cases on the PostgreSQL archive, after its first administrator: runs (exit $(cat "$tmp/cases.rc"))" \
		"$([ "$(cat "$tmp/cases.rc")" = 0 ] && echo 0 || echo 1)"
fi
result "the command reads the caller's standard input" \
	"$([ "$(echo 'SELECT 6 * 7' | sh "$server" sh -c '"$TB_PG_BIN/psql" -X -At' 2>/dev/null)" = 42 ] && echo 0 || echo 1)"
d=$(cat "$tmp/dir")
result "the directory is gone after the command" \
	"$([ -n "$d" ] && [ ! -e "$d" ] && echo 0 || echo 1)"

# stopped by a signal while the command runs: server stopped, directory
# removed
sh "$server" sh -c 'echo "$TB_PG_DIR" >"$1/dir2"; echo "$$" >"$1/pid2"; sleep 60' \
	sh "$tmp" 2>/dev/null &
wrapper=$!
n=0
while [ ! -s "$tmp/pid2" ] && [ "$n" -lt 300 ]; do
	sleep 0.1
	n=$((n + 1))
done
kill -TERM "$wrapper"
wait "$wrapper"
rc=$?
d2=$(cat "$tmp/dir2" 2>/dev/null)
result "stopped by SIGTERM: exit 143 ($rc)" "$([ "$rc" -eq 143 ] && echo 0 || echo 1)"
result "stopped by SIGTERM: the directory is gone" \
	"$([ -n "$d2" ] && [ ! -e "$d2" ] && echo 0 || echo 1)"
result "stopped by SIGTERM: the command was stopped too" \
	"$(kill -0 "$(cat "$tmp/pid2")" 2>/dev/null && echo 1 || echo 0)"
n=$(ps -eo args | grep -c "[p]ostgres -D $d2/data" || true)
result "stopped by SIGTERM: no server left running" "$([ "$n" -eq 0 ] && echo 0 || echo 1)"
finish

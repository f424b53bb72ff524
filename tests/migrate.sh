#!/bin/sh
# tumorboard migrate: an archive moved between databases keeps every row
# of every table (compared table by table), verifies on the target with
# the source's head, and searches the same; a target that holds rows, an
# altered source and a table this version does not know are refused with
# nothing written. SQLite to SQLite in every run; SQLite to PostgreSQL and
# back beside a throwaway server (tests/pg-server.sh), skipped and said so
# where there is none.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ex=$TB_SRCDIR/examples

# the demo archive, and what the demo leaves empty: a follow-up, the
# patient told, a level change, a reviewed read, a research extract
src=$tmp/src.db
sh "$ex/demo-users.sh" "$TB" "$src" &&
	"$TB" --db "$src" import "$ex"/cases/*.xml "$ex"/fhir/*.json >/dev/null &&
	sh "$ex/demo-meetings.sh" "$TB" "$src" >/dev/null 2>&1 &&
	sh "$ex/demo-decisions.sh" "$TB" "$src" >/dev/null 2>&1 &&
	sh "$ex/demo-access.sh" "$TB" "$src" >/dev/null 2>&1 &&
	"$TB" --db "$src" followup 1 informed >/dev/null &&
	"$TB" --db "$src" followup 1 done >/dev/null &&
	"$TB" --db "$src" refer SKA-LUNG-2026-0014 --level national \
		--reason "Fas 3-studie aktuell" >/dev/null &&
	"$TB" --db "$src" log --mark 1 --finding justified >/dev/null &&
	"$TB" --db "$src" extract --purpose "Studie om EGFR-behandling" \
		--basis "Etikprövning EPM 2026-01234-01" --dir "$tmp/ex" >/dev/null
result "the source archive is made" $?
"$TB" --db "$src" verify >"$tmp/src.verify" 2>&1
result "the source verifies" $?
head=$(sed -n 's/^head: //p' "$tmp/src.verify")

# the archive's tables (SQLite's full-text shadow tables are the
# engine's own), each dumped in key order
tables() { sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' ORDER BY name"; }
# every table of $1 and $2 the same, row for row; the differing ones named
same_tables() {
	ta=$(tables "$1")
	[ "$ta" = "$(tables "$2")" ] || { diag "the tables differ"; return 1; }
	bad=""
	for t in $ta; do
		sqlite3 "$1" ".dump $t" >"$tmp/a.dump"
		sqlite3 "$2" ".dump $t" >"$tmp/b.dump"
		cmp -s "$tmp/a.dump" "$tmp/b.dump" || bad="$bad $t"
	done
	[ -z "$bad" ] || diag "tables that differ:$bad"
	[ -z "$bad" ]
}
rows() { sqlite3 "$1" "SELECT count(*) FROM $2"; }
# which tables the source fills (the comparison means something only for
# them); the ones it leaves empty are said
empty=""
for t in $(tables "$src"); do
	[ "$(rows "$src" "$t")" -gt 0 ] || empty="$empty $t"
done
diag "tables the sample leaves empty (compared as empty):$empty"
for t in patient cases finding imaging meeting agenda_item attendee \
	form_instance form_value form_value_rev decision form_amend audit \
	audit_seal users user_role access_log access_review emergency_access \
	follow_up patient_informed level_change research_extract; do
	[ "$(rows "$src" "$t")" -gt 0 ] || diag "empty in the source: $t"
done
result "the source holds rows in every kind of record migrate must carry" \
	"$(for t in patient cases finding meeting agenda_item attendee \
		form_value form_value_rev decision form_amend audit audit_seal \
		users access_log access_review follow_up patient_informed \
		level_change research_extract followup_due; do
		[ "$(rows "$src" "$t")" -gt 0 ] || echo x
	done | grep -c x)"

# --- SQLite to SQLite ---------------------------------------------------
cp "$src" "$tmp/src.before"
"$TB" migrate --from "$src" --to "$tmp/copy.db" >"$tmp/out" 2>"$tmp/err"
result "SQLite to SQLite: exit 0 ($(cat "$tmp/err"))" $?
check "it says what it copied" grep -q "^copied [0-9]* rows of 33 tables into a new archive" "$tmp/out"
check "and that the copy verifies with the source's head" \
	grep -q "^the copy verifies: .* intact; head $head, as the source's" "$tmp/out"
result "the copy is private (0600)" "$([ "$(stat -c %a "$tmp/copy.db")" = 600 ] && echo 0 || echo 1)"
check "every table of the copy is the source's, row for row" same_tables "$src" "$tmp/copy.db"
"$TB" --db "$tmp/copy.db" verify >"$tmp/copy.verify" 2>&1
result "verify on the copy: exit 0" $?
check "verify on the copy: the source's head" grep -qx "head: $head" "$tmp/copy.verify"
check "the source is not changed by being read" same_tables "$src" "$tmp/src.before"
"$TB" --db "$src" cases --search EGFR >"$tmp/s1" 2>&1
"$TB" --db "$tmp/copy.db" cases --search EGFR >"$tmp/s2" 2>&1
check "a search finds the same cases in the copy (its index built from the rows)" \
	sh -c '[ -s "$1" ] && cmp -s "$1" "$2"' sh "$tmp/s1" "$tmp/s2"
check "  its index one b-tree (merged)" \
	test "$(sqlite3 "$tmp/copy.db" "SELECT count(DISTINCT segid) FROM case_fts_idx")" = 1
result "nothing is left beside the copy" \
	"$(ls -A "$tmp" | grep -c '^\.tumorboard-migrate')"

# into an empty archive made by init: taken; into one that holds rows:
# refused, unchanged
"$TB" --db "$tmp/empty.db" init >/dev/null
"$TB" migrate --from "$src" --to "$tmp/empty.db" >/dev/null 2>"$tmp/err"
result "into an empty archive (init): exit 0 ($(cat "$tmp/err"))" $?
check "and every table is the source's" same_tables "$src" "$tmp/empty.db"
cp "$tmp/copy.db" "$tmp/copy.before"
"$TB" migrate --from "$src" --to "$tmp/copy.db" >"$tmp/out" 2>"$tmp/err"
result "into an archive that holds rows: refused, exit 3" "$([ $? -eq 3 ] && echo 0 || echo 1)"
check "and says the target is not empty, naming the table" grep -q "the target is not empty (table patient holds rows)" "$tmp/err"
check "and the target is unchanged" same_tables "$tmp/copy.before" "$tmp/copy.db"

# usage: the same database, --db, a missing source, no --to
cp "$src" "$tmp/src.before"
"$TB" migrate --from "$src" --to "$src" >/dev/null 2>"$tmp/err"
result "--from and --to the same: exit 2" "$([ $? -eq 2 ] && echo 0 || echo 1)"
"$TB" migrate --from "$src" --to "$tmp/./src.db" >/dev/null 2>"$tmp/err"
result "the same file by another name: refused" "$([ $? -ne 0 ] && echo 0 || echo 1)"
check "the source is unchanged by that" same_tables "$src" "$tmp/src.before"
"$TB" --db "$src" migrate --from "$src" --to "$tmp/x.db" >/dev/null 2>"$tmp/err"
result "--db with migrate: exit 2" "$([ $? -eq 2 ] && echo 0 || echo 1)"
"$TB" migrate --from "$tmp/none.db" --to "$tmp/x.db" >/dev/null 2>"$tmp/err"
result "a missing source: exit 4" "$([ $? -eq 4 ] && echo 0 || echo 1)"
"$TB" migrate --from "$src" >/dev/null 2>"$tmp/err"
result "no --to: exit 2" "$([ $? -eq 2 ] && echo 0 || echo 1)"
check "and the usage is shown" grep -q "usage: tumorboard migrate --from DATABASE --to DATABASE" "$tmp/err"
result "no file is made by any of these" "$([ ! -e "$tmp/x.db" ] && [ ! -e "$tmp/none.db" ] && echo 0 || echo 1)"

# an altered source (a case's question changed underneath the program):
# refused, exit 8, nothing written
cp "$src" "$tmp/altered.db"
sqlite3 "$tmp/altered.db" "UPDATE cases SET question = 'Ändrad fråga' WHERE id = 1"
"$TB" migrate --from "$tmp/altered.db" --to "$tmp/alt-copy.db" >"$tmp/out" 2>"$tmp/err"
result "an altered source: refused, exit 8" "$([ $? -eq 8 ] && echo 0 || echo 1)"
check "and says the source does not verify" grep -q "the source does not verify" "$tmp/err"
check "and what is altered" grep -q "^ALTERED: " "$tmp/out"
result "and no copy is made" "$([ ! -e "$tmp/alt-copy.db" ] && echo 0 || echo 1)"

# a table this version does not know: refused before anything is copied
cp "$src" "$tmp/extra.db"
sqlite3 "$tmp/extra.db" "CREATE TABLE local_notes (id INTEGER PRIMARY KEY, note TEXT)"
"$TB" migrate --from "$tmp/extra.db" --to "$tmp/extra-copy.db" >/dev/null 2>"$tmp/err"
result "a table migrate does not know: refused, exit 3" "$([ $? -eq 3 ] && echo 0 || echo 1)"
check "and it is named" grep -q "does not know (local_notes)" "$tmp/err"
result "and no copy is made, nothing left beside it" \
	"$([ ! -e "$tmp/extra-copy.db" ] && [ -z "$(ls -A "$tmp" | grep '^\.tumorboard-migrate')" ] && echo 0 || echo 1)"

# an archive at an older schema: brought up to date first
sqlite3 "$tmp/old.db" <"$TB_TESTDATA/schema5.sql"
"$TB" migrate --from "$tmp/old.db" --to "$tmp/old-copy.db" >/dev/null 2>"$tmp/err"
result "an older schema: refused, exit 3" "$([ $? -eq 3 ] && echo 0 || echo 1)"
check "and says how to bring it up to date" grep -q "has schema version 5, not .*needs an upgrade" "$tmp/err"

# --- SQLite to PostgreSQL and back ------------------------------------
if [ "${TB_HAVE_LIBPQ:-}" != yes ]; then
	diag "SKIPPED: SQLite to PostgreSQL and back: this build has no libpq"
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP built without PostgreSQL (libpq)"
	finish
	exit $?
fi
cat >"$tmp/pg.sh" <<'EOF'
d=$1 src=$2
psql() { "$TB_PG_BIN/psql" -X -At -v ON_ERROR_STOP=1 "$@"; }
# as the application role: the schema cannot be made, nothing is left
"$TB" migrate --from "$src" --to "$TB_PG_URI" >"$d/app.out" 2>"$d/app.err"
echo $? >"$d/app.rc"
psql -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'" >"$d/app.tables"
# as the owner: the schema and every row
"$TB" migrate --from "$src" --to "$TB_PG_OWNER" >"$d/to.out" 2>"$d/to.err"
echo $? >"$d/to.rc"
# (case_row and queue_count are SQLite's own: db_case_row.c)
for t in $(sqlite3 "$src" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT IN ('case_row', 'queue_count') ORDER BY name"); do
	echo "$t $(psql -c "SELECT count(*) FROM $t")"
done >"$d/pg.counts"
psql -c "SELECT n FROM case_count" >"$d/pg.case_count"
# again: refused, the target holds rows
"$TB" migrate --from "$src" --to "$TB_PG_OWNER" >/dev/null 2>"$d/again.err"
echo $? >"$d/again.rc"
# back to SQLite, as the application role
"$TB" migrate --from "$TB_PG_URI" --to "$d/back.db" >"$d/back.out" 2>"$d/back.err"
echo $? >"$d/back.rc"
# a search on PostgreSQL's own index
psql -c "SELECT count(*) FROM case_fts WHERE doc::text LIKE '%egfr%'" >"$d/pg.fts"
# the copy on PostgreSQL verified there, and a new meeting gets a fresh id
"$TB" --db "$TB_PG_URI" verify >"$d/pg.verify" 2>&1
echo $? >"$d/pg.verify.rc"
"$TB" --db "$TB_PG_URI" meeting add --date 2026-12-10 --start 14:00 \
	--length 60 --board lung --level regional >"$d/pg.newid" 2>&1
EOF
sh "$TB_SRCDIR/tests/pg-server.sh" sh "$tmp/pg.sh" "$tmp" "$src" 2>"$tmp/pg.err"
rc=$?
if [ "$rc" -eq 77 ]; then
	diag "SKIPPED: SQLite to PostgreSQL and back: $(cat "$tmp/pg.err")"
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP PostgreSQL server not installed"
	finish
	exit $?
fi
result "the PostgreSQL run ends well ($rc)" "$rc"
result "to PostgreSQL as the application role: refused ($(cat "$tmp/app.rc"))" \
	"$([ "$(cat "$tmp/app.rc")" = 6 ] && echo 0 || echo 1)"
check "and says why" grep -q "permission denied" "$tmp/app.err"
result "and leaves no table" "$([ "$(cat "$tmp/app.tables")" = 0 ] && echo 0 || echo 1)"
result "SQLite to PostgreSQL (as the schema's owner): exit 0 ($(cat "$tmp/to.err"))" \
	"$(cat "$tmp/to.rc")"
check "it says what it copied" grep -q "^copied [0-9]* rows of 33 tables into a new archive" "$tmp/to.out"
bad=$(while read -r t n; do
	[ "$n" = "$(rows "$src" "$t")" ] || echo "$t"
done <"$tmp/pg.counts")
[ -z "$bad" ] || diag "tables whose rows differ on PostgreSQL: $bad"
result "every table on PostgreSQL holds the source's number of rows" "$([ -z "$bad" ] && [ -s "$tmp/pg.counts" ] && echo 0 || echo 1)"
result "the kept case count follows the rows" \
	"$([ "$(cat "$tmp/pg.case_count")" = "$(rows "$src" cases)" ] && echo 0 || echo 1)"
result "the next meeting on PostgreSQL gets a fresh id" \
	"$([ "$(head -1 "$tmp/pg.newid")" = "$(($(rows "$src" meeting) + 1))" ] && echo 0 || echo 1)"
check "SQLite to PostgreSQL: the copy verifies there with the source's head" \
	grep -q "^the copy verifies: .* intact; head $head, as the source's" "$tmp/to.out"
result "verify on PostgreSQL: exit 0" "$(cat "$tmp/pg.verify.rc")"
check "verify on PostgreSQL: the source's head" grep -qx "head: $head" "$tmp/pg.verify"
result "into a PostgreSQL archive that holds rows: refused, exit 3" \
	"$([ "$(cat "$tmp/again.rc")" = 3 ] && echo 0 || echo 1)"
check "and says so" grep -q "the target is not empty" "$tmp/again.err"
result "PostgreSQL back to SQLite: exit 0 ($(cat "$tmp/back.err"))" "$(cat "$tmp/back.rc")"
check "every table of the round trip is the source's, row for row" same_tables "$src" "$tmp/back.db"
"$TB" --db "$tmp/back.db" verify >"$tmp/back.verify" 2>&1
result "verify on the round trip: exit 0" $?
check "verify on the round trip: the source's head" grep -qx "head: $head" "$tmp/back.verify"
finish

#!/bin/sh
# The command line on PostgreSQL as on SQLite: the same files imported
# into a SQLite file and into the throwaway server (tests/pg-server.sh)
# give the same import report, case list, case pages, the same answers to
# every search of tests/data/search/cases.tsv (and of decisions.tsv over
# the signed decisions); the same meetings,
# agendas, decisions, summaries and follow-up after the demo scripts; the
# same audit chain (the same hashes, head and all) and access log; the append-only tables are kept
# so by the application role's privileges as well as by triggers; verify
# finds a changed row, a dropped or disabled guard and a changed tb_refuse.
# Skipped, and said so, without libpq or the PostgreSQL server.
. "$TB_SRCDIR/tests/tap.sh"
if [ "${TB_HAVE_LIBPQ:-}" != yes ]; then
	diag "SKIPPED: pg_cmd.sh: this build has no libpq (configure --with-postgresql)"
	echo "1..0 # SKIP built without PostgreSQL (libpq)"
	exit 0
fi
if [ -z "${TB_PG_DIR:-}" ]; then
	err=$(mktemp)
	sh "$TB_SRCDIR/tests/pg-server.sh" sh "$0" 2>"$err"
	rc=$?
	if [ "$rc" -eq 77 ] && grep -q SKIPPED "$err"; then
		diag "SKIPPED: pg_cmd.sh: $(cat "$err")"
		echo "1..0 # SKIP PostgreSQL server not installed"
		rc=0
	else
		diag <"$err"
	fi
	rm -f "$err"
	exit "$rc"
fi

# beside the server from here on
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pg=$TB_PG_URI
sq=$tmp/a.db
owner() { "$TB_PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
app() { "$TB_PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -d "$TB_PG_URI" "$@"; }
same() { # description, command args... (run on both, outputs compared)
	desc=$1
	shift
	"$TB" --db "$sq" "$@" >"$tmp/sq.out" 2>&1
	a=$?
	"$TB" --db "$pg" "$@" >"$tmp/pg.out" 2>&1
	b=$?
	if [ "$a" -eq "$b" ] && cmp -s "$tmp/sq.out" "$tmp/pg.out"; then
		result "$desc" 0
	else
		result "$desc (exit $a and $b)" 1
		diff "$tmp/sq.out" "$tmp/pg.out" | head -20 | diag
	fi
}

"$TB" --db "$TB_PG_OWNER" init >/dev/null
tb_fixture "$sq"
tb_fixture "$pg"
result "the first administrator on PostgreSQL" $?

same "import: the same report" import "$TB_EXAMPLES"/*.xml
result "and it imported ($(grep -c ': 1 new' "$tmp/pg.out") files)" \
	"$([ "$(grep -c ': 1 new' "$tmp/pg.out")" -ge 30 ] && echo 0 || echo 1)"
same "import again: unchanged" import "$TB_EXAMPLES"/*.xml
# a changed case (its question) and a rejected file
f=$(ls "$TB_EXAMPLES"/*.xml | head -1)
sed 's|<question>|<question>Ändrad fråga. |' "$f" >"$tmp/changed.xml"
same "import of a changed case: updated" import "$tmp/changed.xml"
check "which the report says" grep -q ": 0 new, [1-9][0-9]* updated" "$tmp/pg.out"
printf '<cases><case id="X-1"></case></cases>\n' >"$tmp/bad.xml"
same "a rejected file: the same message and exit" import "$tmp/bad.xml"

same "cases: the same list" cases
awk '{ print $1 }' "$tmp/pg.out" >"$tmp/ids"
same "cases --status ready" cases --status ready
same "cases --level regional" cases --level regional
same "cases --icd C50" cases --icd C50
same "cases --full-id" cases --full-id
n=0
for id in $(cat "$tmp/ids"); do
	"$TB" --db "$sq" show "$id" >"$tmp/s1" 2>&1
	"$TB" --db "$pg" show "$id" >"$tmp/s2" 2>&1
	cmp -s "$tmp/s1" "$tmp/s2" || {
		diag "show $id differs"
		n=$((n + 1))
	}
done
result "show: every case page the same ($n differ)" "$n"
same "show of no such case" show NO-SUCH-CASE

# the search queries both engines answer alike, and as counted
n=0
bad=0
while IFS='	' read -r query count; do
	case $query in '#'* | '') continue ;; esac
	n=$((n + 1))
	"$TB" --db "$sq" cases --search "$query" >"$tmp/q1" 2>&1
	"$TB" --db "$pg" cases --search "$query" >"$tmp/q2" 2>&1
	got=$(grep -c . "$tmp/q2")
	if ! cmp -s "$tmp/q1" "$tmp/q2" || [ "$got" != "$count" ]; then
		diag "search '$query': $got cases on PostgreSQL, $(grep -c . "$tmp/q1") on SQLite, $count counted"
		bad=$((bad + 1))
	fi
done <"$TB_TESTDATA/search/cases.tsv"
result "search: $n queries of tests/data/search/cases.tsv answered alike ($bad not)" \
	"$([ "$n" -ge 30 ] && [ "$bad" -eq 0 ] && echo 0 || echo 1)"

# meetings, agendas, attendance, drafts, signed decisions, amendments,
# summaries and follow-up: the demo scripts on both engines
for db in "$sq" "$pg"; do
	sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$db" >"$tmp/demo.out" 2>&1 &&
		sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$db" >>"$tmp/demo.out" 2>&1
	result "the meeting and decision demos run ($db)" $?
done
same "meetings" meetings
same "agenda 1 with readiness" agenda 1 --check
same "agenda 2" agenda 2
same "decision list" decision list
# the decisions' search: the same queries, the same decisions, as counted
n=0
bad=0
while IFS='	' read -r query count; do
	case $query in '#'* | '') continue ;; esac
	n=$((n + 1))
	"$TB" --db "$sq" decision list --search "$query" >"$tmp/q1" 2>&1
	"$TB" --db "$pg" decision list --search "$query" >"$tmp/q2" 2>&1
	got=$(grep -c . "$tmp/q2")
	if ! cmp -s "$tmp/q1" "$tmp/q2" || [ "$got" != "$count" ]; then
		diag "decision search '$query': $got decisions on PostgreSQL, $(grep -c . "$tmp/q1") on SQLite, $count counted"
		bad=$((bad + 1))
	fi
done <"$TB_TESTDATA/search/decisions.tsv"
result "decision search: $n queries of tests/data/search/decisions.tsv answered alike ($bad not)" \
	"$([ "$n" -ge 40 ] && [ "$bad" -eq 0 ] && echo 0 || echo 1)"
same "decision show 1" decision show 1
same "decision show 3 (an amendment)" decision show 3 --lang en
same "decision export 3" decision export 3 --format xml
same "summary 1" summary 1
same "note 3" note 3
same "followup" followup
same "turnaround" turnaround
same "meeting minutes 1" meeting minutes 1
same "cases after the meetings" cases

# the audit chain: the same entries and hashes, head and all
same "verify: intact, the same head" verify
check "the head is named" grep -q "^head: [0-9]*:[0-9a-f]\{64\}$" "$tmp/pg.out"
sqlite3 "$sq" "SELECT id, at, actor, action, entity, entity_id, detail, hash, coalesce(seals, '') FROM audit ORDER BY id" >"$tmp/a1"
app -F '|' -c "SELECT id, at, actor, action, entity, entity_id, detail, hash, coalesce(seals, '') FROM audit ORDER BY id" >"$tmp/a2"
result "every audit entry the same, hash and seals ($(wc -l <"$tmp/a2") entries)" \
	"$([ "$(wc -l <"$tmp/a2")" -gt 70 ] && cmp -s "$tmp/a1" "$tmp/a2" && echo 0 || echo 1)"
sqlite3 "$sq" "SELECT audit_id, entity, entity_id, hash FROM audit_seal ORDER BY 1, 2, 3" >"$tmp/s1"
app -F '|' -c "SELECT audit_id, entity, entity_id, hash FROM audit_seal ORDER BY 1, 2, 3" >"$tmp/s2"
result "every record seal the same" "$(cmp -s "$tmp/s1" "$tmp/s2" && echo 0 || echo 1)"
id=$(sed -n 3p "$tmp/ids")
same "log --case: the same reads" log --case "$id"
check "and it lists them" grep -q "  case printed  " "$tmp/pg.out"
same "log --user" log --user "$(id -un)" --from 2026-11-01 --to 2026-11-23
same "log --review" log --review
same "log of a day before anything: empty" log --user "$(id -un)" --to 2026-01-01

# append-only by privilege as well as by trigger
app -c "UPDATE audit SET actor = 'x' WHERE id = 1" >"$tmp/u" 2>&1
result "the application role cannot change the audit log" \
	"$([ $? -ne 0 ] && grep -q "permission denied" "$tmp/u" && echo 0 || echo 1)"
owner -c "ALTER TABLE audit DISABLE TRIGGER USER" \
	-c "ALTER TABLE decision DISABLE TRIGGER USER" \
	-c "ALTER TABLE access_log DISABLE TRIGGER USER"
for sql in "UPDATE audit SET actor = 'x'" "DELETE FROM audit" "TRUNCATE audit_seal" \
	"DELETE FROM decision" "DELETE FROM access_log" "UPDATE access_log SET who = 'x'"; do
	app -c "$sql" >"$tmp/u" 2>&1
	result "with the guards disabled, still refused: $sql" \
		"$([ $? -ne 0 ] && grep -q "permission denied" "$tmp/u" && echo 0 || echo 1)"
done
"$TB" --db "$pg" verify >"$tmp/v" 2>&1
result "verify: a disabled guard is found (exit 8: $?)" "$([ $? -eq 8 ] && echo 0 || echo 1)"
check "and named" grep -q "trigger audit_append_only_u that keeps the archive append-only was removed" "$tmp/v"
check "the access log's too" grep -q "trigger access_log_append_only_u that keeps the access log append-only was removed" "$tmp/v"
owner -c "ALTER TABLE audit ENABLE TRIGGER USER" \
	-c "ALTER TABLE decision ENABLE TRIGGER USER" \
	-c "ALTER TABLE access_log ENABLE TRIGGER USER"
check "enabled again: intact" "$TB" --db "$pg" verify
owner -c "UPDATE audit SET actor = 'x' WHERE id = 1" >"$tmp/u" 2>&1
result "the owner is refused by the trigger" \
	"$([ $? -ne 0 ] && grep -q "append-only" "$tmp/u" && echo 0 || echo 1)"

# a changed guard, a changed tb_refuse, a row changed behind the
# program's back
owner -c "CREATE OR REPLACE TRIGGER decision_immutable_u BEFORE UPDATE ON decision FOR EACH ROW EXECUTE FUNCTION tb_refuse('x')"
"$TB" --db "$pg" verify >"$tmp/v" 2>&1
result "verify: a changed guard (exit $?)" "$([ $? -eq 8 ] && echo 0 || echo 1)"
check "is named" grep -q "trigger decision_immutable_u that keeps the archive append-only was changed" "$tmp/v"
owner -c "CREATE OR REPLACE TRIGGER decision_immutable_u BEFORE UPDATE ON decision FOR EACH ROW EXECUTE FUNCTION tb_refuse('signed decisions are immutable')"
check "put back: intact" "$TB" --db "$pg" verify
body=$(owner -c "SELECT prosrc FROM pg_proc WHERE proname = 'tb_refuse'")
owner -c 'CREATE OR REPLACE FUNCTION tb_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$'
"$TB" --db "$pg" verify >"$tmp/v" 2>&1
result "verify: tb_refuse made harmless (exit $?)" "$([ $? -eq 8 ] && echo 0 || echo 1)"
check "every guard is named changed" sh -c '[ "$(grep -c "append-only was changed" "$0")" -ge 6 ]' "$tmp/v"
owner -c "CREATE OR REPLACE FUNCTION tb_refuse() RETURNS trigger LANGUAGE plpgsql AS \$\$$body\$\$"
check "put back: intact" "$TB" --db "$pg" verify
owner -c "UPDATE cases SET question = 'x' WHERE external_id = '$id'"
"$TB" --db "$pg" verify >"$tmp/v" 2>&1
result "verify: a case changed behind the program's back (exit $?)" "$([ $? -eq 8 ] && echo 0 || echo 1)"
check "is named" grep -q "case [0-9]* ($id) was changed behind the program's back" "$tmp/v"
finish

#!/bin/sh
# How a case's decisions are read: by the index decision_case, never by
# scanning every decision of the archive. A patient letter (summary), a
# decision list of one case and the follow-up of one decision read only
# that case's decisions; with the old "?1 = 0 OR d.case_id = ?1" the
# engine scanned the whole table (a letter at 10,000 cases with 1,000
# decisions read 299 pages where it now reads 63).
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_need_as

tb_archive "$db" decisions || exit 1
q() { sqlite3 "$db" "$1"; }
dec=$(q "SELECT d.id FROM decision d JOIN cases c ON c.id = d.case_id WHERE c.external_id = 'SKA-LUNG-2026-0001' ORDER BY d.id DESC LIMIT 1")
check "the archive has a lung decision ($dec)" test -n "$dec"

# plans TRACE: the plan of every statement in TRACE that reads the
# decision table (as d), one block each
plans() {
	grep "FROM decision d " "$1" | sort -u >"$tmp/stmts"
	while IFS= read -r s; do
		echo "== $s"
		sqlite3 "$db" "EXPLAIN QUERY PLAN $s" 2>&1
	done <"$tmp/stmts"
}

for cmd in "summary $dec" "decision list --case SKA-LUNG-2026-0001"; do
	rm -f "$tmp/trace"
	# shellcheck disable=SC2086
	TB_SQL_TRACE="$tmp/trace" TB_AS=ssk "$AS" --db "$db" $cmd \
		>"$tmp/out" 2>&1
	result "$cmd runs" $?
	plans "$tmp/trace" >"$tmp/plan"
	check "  it reads decisions" grep -q "^== " "$tmp/plan"
	check "  each by an index, none by scanning the table" \
		sh -c '! grep -q "SCAN d\( \|$\)" "$0"' "$tmp/plan"
	grep -B3 "SCAN d\( \|$\)" "$tmp/plan" | sed 's/^/# /'
done
finish

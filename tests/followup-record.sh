#!/bin/sh
# What the follow-up list reads and how a follow-up is written. The list's
# rows are read from its index of the latest decisions (followup_due,
# schema 28): an undecided case is never among them, and the rows read
# do not grow with undecided cases (the statement's plan walks the index
# and looks cases up by id; its steps are the same with 200 more
# undecided cases in the archive). A change of a follow-up and its
# access log entry are written in one transaction: when the change fails
# (a trigger in this test database refuses it) the entry is not kept
# either, and when the entry fails the change is not made.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_need_as

tb_archive "$db" decisions || exit 1
q() { sqlite3 "$db" "$1"; }
lung=$(q "SELECT d.id FROM decision d JOIN cases c ON c.id = d.case_id WHERE c.external_id = 'SKA-LUNG-2026-0001' ORDER BY d.id DESC LIMIT 1")
check "the archive has a lung decision ($lung)" test -n "$lung"

# ---- the list's rows: the latest decisions, read from the index ------------
TB_SQL_TRACE="$tmp/trace" TB_AS=ssk "$AS" --db "$db" followup >"$tmp/list" 2>&1
result "her follow-up list runs" $?
# the statement that reads the list's cases and their patients' names
grep "family_name" "$tmp/trace" | grep "FROM followup_due" | head -n 1 >"$tmp/care.sql"
check "the list's rows are read from its index" test -s "$tmp/care.sql"
sqlite3 "$db" "EXPLAIN QUERY PLAN $(cat "$tmp/care.sql")" >"$tmp/plan" 2>&1
check "  each case looked up by its id, none scanned" \
	sh -c 'grep -q "SEARCH c USING INTEGER PRIMARY KEY" "$0" && ! grep -q "SCAN c\( \|$\)" "$0"' "$tmp/plan"
check "  the index of the latest decisions walked in the list's order" \
	sh -c 'grep -q "followup_due_list" "$0" && ! grep -q "TEMP B-TREE" "$0"' "$tmp/plan"
# the statement as the command line runs it (every row: :day '', :id 0)
# for a user whose boards take every diagnosis (:cfb)
care() { sqlite3 "$db" ".parameter init" ".parameter set :cfb 1" ".parameter set :day \"''\"" ".parameter set :id 0" "$@" "$(cat "$tmp/care.sql")"; }
# its rows' decisions (a row's content has lines of its own)
rows() { sqlite3 "$db" ".parameter init" ".parameter set :cfb 1" ".parameter set :day \"''\"" ".parameter set :id 0" "SELECT decision_id FROM ($(cat "$tmp/care.sql"))" | sort -n; }
steps() { care ".stats vmstep" | sed -n 's/^VM-steps: *//p'; }
rows >"$tmp/ids"
q "SELECT id FROM decision WHERE id NOT IN (SELECT supersedes FROM decision WHERE supersedes IS NOT NULL) ORDER BY id" >"$tmp/decided"
check "  its rows are the latest decisions" sh -c 'test -s "$0" && cmp -s "$0" "$1"' "$tmp/ids" "$tmp/decided"
s0=$(steps)
undecided=$(q "SELECT count(*) FROM cases WHERE id NOT IN (SELECT case_id FROM decision)")
# 200 more undecided lung cases, in her care as the lung case is
cols=$(q "SELECT group_concat(name, ', ') FROM pragma_table_info('cases') WHERE name NOT IN ('id', 'external_id', 'status')")
q "INSERT INTO cases (external_id, status, $cols)
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	WHERE i < 200) SELECT 'TST-LUNG-2026-' || (1000 + i), 'referred',
	$cols FROM n, cases WHERE external_id = 'SKA-LUNG-2026-0001'" || exit 1
check "the archive has 200 more undecided cases ($undecided before)" \
	test "$(q "SELECT count(*) FROM cases WHERE id NOT IN (SELECT case_id FROM decision)")" = $((undecided + 200))
s1=$(steps)
check "  the list's statement takes as many steps as before ($s0)" test -n "$s0" -a "$s0" = "$s1"
rows >"$tmp/ids"
check "  and reads the same rows" cmp -s "$tmp/ids" "$tmp/decided"
TB_AS=ssk "$AS" --db "$db" followup >"$tmp/list2" 2>&1
result "her follow-up list runs" $?
check "  it is the list it was" cmp -s "$tmp/list" "$tmp/list2"
check "  no undecided case in it" lacks "$tmp/list2" -e "TST-LUNG"

# ---- a change and its access log entry: both or neither --------------------
written() { q "SELECT count(*) FROM access_log WHERE who = 'ssk' AND what = 'followup'"; }
fu() { q "SELECT count(*) FROM follow_up WHERE decision_id = $lung"; }
told() { q "SELECT count(*) FROM patient_informed WHERE decision_id = $lung"; }
w0=$(written)
q "CREATE TRIGGER test_refuse_followup BEFORE INSERT ON follow_up
	BEGIN SELECT RAISE(ABORT, 'refused by the test'); END" || exit 1
for how in done "not-done --reason medical --note x"; do
	# shellcheck disable=SC2086 # the arguments are words
	TB_AS=ssk "$AS" --db "$db" followup "$lung" $how >"$tmp/out" 2>"$tmp/err"
	result "followup $lung $how fails when the follow-up cannot be written (exit 6)" $([ $? -eq 6 ]; echo $?)
	check "  nothing recorded" test "$(fu)" = 0
	check "  and its access log entry is not kept" test "$(written)" = "$w0"
	check "  it does not say it was recorded" lacks "$tmp/out" -e "recorded"
done
q "DROP TRIGGER test_refuse_followup; CREATE TRIGGER test_refuse_informed
	BEFORE INSERT ON patient_informed
	BEGIN SELECT RAISE(ABORT, 'refused by the test'); END" || exit 1
TB_AS=ssk "$AS" --db "$db" followup "$lung" informed >"$tmp/out" 2>"$tmp/err"
result "followup $lung informed fails when it cannot be written (exit 6)" $([ $? -eq 6 ]; echo $?)
check "  nothing recorded" test "$(told)" = 0
check "  and its access log entry is not kept" test "$(written)" = "$w0"
q "DROP TRIGGER test_refuse_informed" || exit 1
# the other way: the access log refuses, the change is not made
q "CREATE TRIGGER test_refuse_log BEFORE INSERT ON access_log
	BEGIN SELECT RAISE(ABORT, 'refused by the test'); END" || exit 1
TB_AS=ssk "$AS" --db "$db" followup "$lung" done >"$tmp/out" 2>"$tmp/err"
result "followup $lung done fails when the access log cannot be written (exit 6)" $([ $? -eq 6 ]; echo $?)
check "  it says so, and that nothing was changed" grep -q "could not be written to the access log.*nothing was changed" "$tmp/err"
check "  nothing recorded" test "$(fu)" = 0
q "DROP TRIGGER test_refuse_log" || exit 1
# on the screen: the same, in its words
q "CREATE TRIGGER test_refuse_followup BEFORE INSERT ON follow_up
	BEGIN SELECT RAISE(ABORT, 'refused by the test'); END" || exit 1
printf 'f\nc\ny\ndump\n' >"$tmp/keys"
TB_AS=ssk "$AS" --db "$db" --script "$tmp/keys" --size 160x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
result "c on her screen row when the follow-up cannot be written" $?
check "  says it is not recorded" grep -q "Not recorded" "$tmp/screen"
check "  nothing recorded" test "$(fu)" = 0
check "  and its access log entry is not kept" test "$(written)" = "$w0"
q "DROP TRIGGER test_refuse_followup" || exit 1
TB_AS=ssk "$AS" --db "$db" followup "$lung" done >"$tmp/out" 2>"$tmp/err"
result "once it can be written, it is" $?
check "  recorded" test "$(fu)" = 1
check "  with one access log entry" test "$(written)" = $((w0 + 1))

finish

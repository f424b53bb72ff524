#!/bin/sh
# make bench's script once, short: 1,100 cases, the screen and the command
# line only (BENCH_QUICK), no FHIR. Whether it sets every key class up and
# measures it is checked here; no timing is (the targets' verdicts and the
# exit status of the check at the end are make bench's business).
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for p in gencases runstat bench_core bench_history keycode benchcheck; do
	check "bench/$p is built" test -x "$TB_BENCHBIN/$p"
done
TB=$TB BENCH_BIN=$TB_BENCHBIN BENCH_SIZES=1100 BENCH_QUICK=1 BENCH_FHIR=0 \
	BENCH_KEY_RUNS=2 BENCH_DIR="$tmp/b" BENCH_TARGET_SIZE=1100 BENCH_OUT="$tmp/r.json" \
	sh "$TB_SRCDIR/bench/bench.sh" >"$tmp/out" 2>"$tmp/err"
check "the script ran to the check at its end" grep -q '^results: ' "$tmp/out"
grep -v '^{' "$tmp/err" | diag
db=$tmp/b/tb-1100.db
check "1,100 cases imported" \
	sh -c '"$1" --db "$2" cases --count | grep -qx 1100' sh "$TB" "$db"
# a search is counted as the screen counts it: up to 1,000, then 1000+
check "cases --search --count: 1,100 matches counted as 1000+" \
	sh -c '"$1" --db "$2" cases --search gen --count | grep -qx "1000+"' sh "$TB" "$db"
n=$("$TB" --db "$db" cases --search c34 | wc -l)
check "fewer matches than that are counted exactly ($n)" \
	sh -c '[ "$3" -gt 0 ] && [ "$3" -lt 1000 ] &&
		[ "$("$1" --db "$2" cases --search c34 --count)" = "$3" ]' sh "$TB" "$db" "$n"
# the live agenda step is measured on a meeting that runs (the screen
# asks before it starts a meeting planned for another day: a script
# that pressed S and then q left it planned, at every size)
TUMORBOARD_NOW=2026-11-30T13:00:00Z "$TB" --db "$db" meetings >"$tmp/meetings"
check "the second meeting runs, with its 12 cases" \
	grep -q '^2 .* running  *12 cases' "$tmp/meetings"
check "the first is planned, with 12 cases" \
	grep -q '^1 .* planned  *12 cases' "$tmp/meetings"
# the archive's past (bench_history): one case in twenty decided at
# meetings held before today, through the program's own paths, so that
# the archive still verifies
check "the history: 55 decisions at its meetings, none refused" \
	grep -q '"op":"history","cases":1100,"meetings":[1-9][0-9]*,"decisions":55,.*"failed":0,' \
	"$tmp/r.json"
check "its meetings are held and finished" \
	sh -c 'grep -c "^[0-9]* *20[12][0-9]-[0-9-]* .* finished " "$1" | grep -qv "^0$"' \
	sh "$tmp/meetings"
check "the archive verifies after the history" \
	sh -c 'TUMORBOARD_NOW=2026-11-30T13:00:00Z "$1" --db "$2" verify >/dev/null' \
	sh "$TB" "$db"
TUMORBOARD_NOW=2026-11-30T13:00:00Z "$TB" --db "$db" followup >"$tmp/followup"
for s in "OVERDUE" " open " "carried out" "not carried out" " v2 "; do
	check "its follow-up list has a row '$s'" grep -q "$s" "$tmp/followup"
done
check "55 follow-ups, the latest version of each decision" \
	grep -q '^55 follow-ups, [1-9][0-9]* overdue' "$tmp/followup"
# every class measured, with the number of keys it counts: the screen's
# from both runs (BENCH_KEY_RUNS), the in-process ones once
for c in scroll:800 page:224 open_case:100 tab:160 queue:80 meetings:60 \
	followup:60 agenda:60 live_step:120 form_step:240 access_log:500 \
	reload:500 reload_queue:500 search_clear:40; do
	check "key class ${c%%:*}: ${c#*:} keys measured" \
		grep -q "\"op\":\"key_${c%%:*}\",\"cases\":1100,\"n\":${c#*:}," \
		"$tmp/r.json"
done
# the in-process rows: two runs (BENCH_KEY_RUNS), one row each
for op in key_access_log key_reload key_reload_queue page_next; do
	check "in process: $op once" \
		test "$(grep -c "\"op\":\"$op\"," "$tmp/r.json")" = 1
done
check "search keystroke: every letter and Backspace measured" \
	grep -q '"op":"key_search_key","cases":1100,"n":216,' "$tmp/r.json"
check "every class has its row in the check" \
	grep -q '^live agenda step (\]/\[) *[0-9.]*/[0-9.]*  *\(PASS\|FAIL\)' "$tmp/out"
# trips.sh counts statements over the keys bench.sh times (bench/keys.sh):
# every class, the search keystroke over its 108 keys
TB=$TB sh "$TB_SRCDIR/bench/trips.sh" "$db" >"$tmp/trips" 2>"$tmp/trips.err"
check "trips.sh: a line for each of the 12 key classes" \
	test "$(grep -c ' statements per key ' "$tmp/trips")" = 12
check "trips.sh: the search keystroke counted over 108 keys, with statements" \
	grep -q '^search_key  *[0-9.]* statements per key ([1-9][0-9]* over 108 keys)' \
	"$tmp/trips"
finish

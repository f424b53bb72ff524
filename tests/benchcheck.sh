#!/bin/sh
# make bench's check (bench/benchcheck) on results written here, not
# measured: every key class, the access log write and the view reloads get
# their median and p99 at each size, the targets at the target size with
# PASS or FAIL, and the growth from the smallest size to the largest
# against 1.5×; a class not measured fails. No timing is measured here.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check "benchcheck is built" test -x "$TB_BENCHCHECK"
classes="scroll page open_case tab queue meetings followup agenda live_step
form_step search_key search_clear access_log reload reload_queue"
# key N MEDIAN P99 : one key class's record
key() {
	printf '{"op":"key_%s","cases":%s,"n":100,"cpu_median_ms":%s,"cpu_p99_ms":%s,"wall_median_ms":%s,"wall_p99_ms":30}\n' \
		"$1" "$2" "$3" "$4" "$3"
}
# results FILE [CLASS N MEDIAN P99]... : every class at 0.20/0.50 at
# both sizes, the processes within their targets, then the overrides
results() {
	f=$1
	shift
	: >"$f"
	for n in 1000 100000; do
		for c in $classes; do key "$c" "$n" 0.20 0.50 >>"$f"; done
		printf '{"op":"first_screen","cases":%s,"cpu_ms":12.5}\n' "$n" >>"$f"
		printf '{"op":"%s","cases":%s,"ms":900,"cpu_ms":%s,"maxrss_kib":15000,"status":0}\n' \
			import "$n" 1000 ref_parse_insert "$n" 1000 \
			tui_cold_start "$n" 40 >>"$f"
	done
	while [ $# -ge 4 ]; do
		key "$1" "$2" "$3" "$4" >>"$f"
		shift 4
	done
}
run() { "$TB_BENCHCHECK" "$1" 100000 >"$1.out" 2>&1; }
# the row of one class: "label  fig fig  verdicts"
row() { grep "^$2 " "$1.out" | tail -1; }

results "$tmp/ok.json"
run "$tmp/ok.json"
result "all within the targets: exit 0" $?
check "and says so" grep -q '^PASS: 0 targets failed' "$tmp/ok.json.out"
for label in "list scroll" "page" "open case" "tab" "queue toggle" \
	"meetings" "follow-up list" "agenda" "live agenda step" "form walk step" \
	"search keystroke" "search clear" "access log write" \
	"view reload: case list" "view reload: queue"; do
	check "$label: 1k and 100k figures, median and p99 PASS, growth PASS" \
		sh -c 'grep "^$1" "$2" | tail -1 |
			grep -q "0\.20/0\.50 *0\.20/0\.50 *PASS PASS *1\.00× PASS"' \
		sh "$label" "$tmp/ok.json.out"
done

# page grows 2.5× while staying under the absolute targets
results "$tmp/grow.json" page 100000 0.25 0.60 page 1000 0.10 0.20
run "$tmp/grow.json"
result "growth over 1.5×: exit 1" $([ $? -eq 1 ]; echo $?)
check "page: median and p99 PASS, growth 2.50× FAIL" \
	sh -c 'grep "^page" "$1" | tail -1 | grep -q "PASS PASS *2\.50× FAIL"' \
	sh "$tmp/grow.json.out"
check "one target failed" grep -q '^FAIL: 1 target failed' "$tmp/grow.json.out"

# below 0.05 ms both ends count as 0.05 ms (the clock's noise)
results "$tmp/floor.json" tab 1000 0.01 0.10 tab 100000 0.04 0.10
run "$tmp/floor.json"
result "a growth of 4× below the floor passes" $?
check "tab: growth 1.00×" sh -c 'grep "^tab" "$1" | tail -1 | grep -q "1\.00× PASS"' \
	sh "$tmp/floor.json.out"

# p99: 5 ms for a search keystroke, 1 ms for every other class
results "$tmp/p99.json" search_key 100000 0.20 4.0 open_case 100000 0.20 4.0
run "$tmp/p99.json"
result "a p99 over 1 ms fails: exit 1" $([ $? -eq 1 ]; echo $?)
check "search keystroke: p99 4 ms PASS" \
	sh -c 'grep "^search keystroke" "$1" | tail -1 | grep -q "PASS PASS"' \
	sh "$tmp/p99.json.out"
check "open case: p99 4 ms FAIL" \
	sh -c 'grep "^open case" "$1" | tail -1 | grep -q "PASS FAIL"' \
	sh "$tmp/p99.json.out"
# a median over 0.3 ms fails
results "$tmp/median.json" meetings 100000 0.35 0.50 meetings 1000 0.35 0.50
run "$tmp/median.json"
check "meetings: median 0.35 ms FAIL" \
	sh -c 'grep "^meetings" "$1" | tail -1 | grep -q "FAIL PASS *1\.00× PASS"' \
	sh "$tmp/median.json.out"

# a class that was not measured at the target size fails
grep -v '"key_reload_queue","cases":100000' "$tmp/ok.json" >"$tmp/missing.json"
run "$tmp/missing.json"
result "a class not measured: exit 1" $([ $? -eq 1 ]; echo $?)
check "view reload: queue: FAIL, growth not measured" \
	sh -c 'grep "^view reload: queue" "$1" | tail -1 | grep -q "FAIL.*not measured FAIL"' \
	sh "$tmp/missing.json.out"

# a measured process that exited with an error measured nothing (an
# import into an archive that was never made): it fails, named
cp "$tmp/ok.json" "$tmp/exit.json"
printf '{"op":"import_fhir","cases":1000,"ms":16,"cpu_ms":15,"maxrss_kib":7000,"status":4}\n' \
	>>"$tmp/exit.json"
run "$tmp/exit.json"
result "a process that exited 4: exit 1" $([ $? -eq 1 ]; echo $?)
check "it is named with its size and exit status, FAIL" \
	grep -q '^import_fhir .* at 1000 cases exited 4: not measured  FAIL' \
	"$tmp/exit.json.out"
check "one target failed" grep -q '^FAIL: 1 target failed' "$tmp/exit.json.out"

# the FHIR import's peak RSS is held to the command line's 20 MiB too
cp "$tmp/ok.json" "$tmp/fhir.json"
printf '{"op":"import_fhir","cases":100000,"ms":9e4,"cpu_ms":9e4,"maxrss_kib":117596,"status":0}\n' \
	>>"$tmp/fhir.json"
run "$tmp/fhir.json"
result "a FHIR import over 20 MiB: exit 1" $([ $? -eq 1 ]; echo $?)
check "its row: 114.8 MiB, FAIL" \
	grep -q '^import (FHIR Bundles) *peak RSS 114.8 MiB ≤ 20  FAIL' "$tmp/fhir.json.out"

# bench/middle.awk: of bench_core's rows from three runs, each
# operation's row of the middle median, in the order they first came; a
# line that is no row, once
{
	key reload 1000 0.30 0.9
	printf '{"op":"page_next","cases":1000,"n":5,"median_ms":3.0,"p99_ms":9}\n'
	echo "# a note"
	key reload 1000 0.10 0.8
	printf '{"op":"page_next","cases":1000,"n":5,"median_ms":1.0,"p99_ms":8}\n'
	echo "# a note"
	key reload 1000 0.20 0.7
	printf '{"op":"page_next","cases":1000,"n":5,"median_ms":2.0,"p99_ms":7}\n'
} >"$tmp/runs.json"
awk -f "$TB_SRCDIR/bench/middle.awk" "$tmp/runs.json" >"$tmp/middle.json"
check "middle.awk: three rows, one a line that is no row" \
	test "$(wc -l <"$tmp/middle.json")" = 3
check "middle.awk: the reload's middle run (0.20, its p99 0.7)" \
	grep -q '"op":"key_reload",.*"cpu_median_ms":0.20,"cpu_p99_ms":0.7,' "$tmp/middle.json"
check "middle.awk: the page's middle run (2.0, its p99 7)" \
	grep -q '"op":"page_next",.*"median_ms":2.0,"p99_ms":7}' "$tmp/middle.json"
check "middle.awk: in the order they came" \
	sh -c 'head -1 "$1" | grep -q key_reload' sh "$tmp/middle.json"
# no results at all is an error, not a pass
: >"$tmp/empty.json"
run "$tmp/empty.json"
result "no results: exit 2" $([ $? -eq 2 ]; echo $?)
finish

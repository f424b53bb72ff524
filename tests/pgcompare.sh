#!/bin/sh
# make bench-pg's check (bench/pg_compare.sh) on results written here, not
# measured: each key class at each size with SQLite's CPU per key beside
# PostgreSQL's (the program's and the server's summed key by key), the
# ratio and PASS or FAIL against 2x, the in-process rows as the others;
# a class measured on one engine only, or without the server's figure,
# fails.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmp=$TB_SRCDIR/bench/pg_compare.sh
screen="scroll page open_case tab queue meetings followup agenda live_step
form_step search_key search_clear"
inproc="access_log reload reload_queue"
# key ENGINE CLASS N MEDIAN WALL [SERVER TOTAL TOTAL_P99] : one key class's
# record; on PostgreSQL with the server's median and the per-key sums
key() {
	extra=""
	[ $# -ge 8 ] && extra=$(printf ',"server_median_ms":%s,"server_p99_ms":0.90,"total_median_ms":%s,"total_p99_ms":%s' "$6" "$7" "$8")
	printf '{"engine":"%s","op":"key_%s","cases":%s,"n":100,"cpu_median_ms":%s,"cpu_p99_ms":1.50,"wall_median_ms":%s,"wall_p99_ms":30%s}\n' \
		"$1" "$2" "$3" "$4" "$5" "$extra"
}
# results FILE: every class at both sizes, SQLite 0.40 ms, PostgreSQL
# 0.30 + 0.20 summed per key: 0.50 (1.25x), p99 1.70; wall 0.40 and 0.60
results() {
	: >"$1"
	for n in 1000 10000; do
		for c in $screen $inproc; do
			key SQLite "$c" "$n" 0.40 0.40 >>"$1"
			key PostgreSQL "$c" "$n" 0.30 0.60 0.20 0.50 1.70 >>"$1"
		done
	done
}
run() { sh "$cmp" "$1" >"$1.out" 2>&1; }
row() { grep "^$2 *$3 " "$1.out"; }

results "$tmp/ok.json"
run "$tmp/ok.json"
check "all within 2x: exit 0" test $? -eq 0
check "30 rows, each PASS" \
	sh -c '[ "$(grep -c " PASS" "$1")" -eq 30 ]' sh "$tmp/ok.json.out"
for c in "list scroll (j/k)" "page (PgDn/PgUp/Home/End)" "open case (Enter)" \
	"tab (Tab/BackTab)" "queue toggle (r)" "meetings (m)" \
	"follow-up list (f)" "agenda (Enter)" \
	"live agenda step (]/\[)" "form walk step (j/k)" "search keystroke" \
	"search clear (Esc)"; do
	check "$c: program and server summed, ratio 1.25x, wall side by side" \
		sh -c 'grep "^$2 *1000 " "$1" | grep -q "0.40 /  1.50  0.50 / 1.70 (0.20) *1.25x *0.40 / *0.60 PASS"' \
		sh "$tmp/ok.json.out" "$c"
done
check "in-process rows are judged as the others, on CPU (1.25x)" \
	sh -c 'grep "^view reload: queue \* *10000 " "$1" | grep -q "0.50 / 1.70 (0.20) *1.25x.*PASS$"' \
	sh "$tmp/ok.json.out"

# one class over 2x at one size
results "$tmp/slow.json"
key PostgreSQL agenda 10000 0.70 3.0 0.20 0.90 3.1 >>"$tmp/slow.json"
run "$tmp/slow.json"
check "agenda at 0.70 + 0.20 ms a key against 0.40: exit 1" test $? -eq 1
check "its row says 2.25x FAIL" \
	sh -c 'grep "^agenda (Enter) *10000 " "$1" | grep -q "2.25x.*FAIL"' \
	sh "$tmp/slow.json.out"
check "the same class at 1,000 cases still passes" \
	sh -c 'grep "^agenda (Enter) *1000 " "$1" | grep -q PASS' \
	sh "$tmp/slow.json.out"
check "one row over the target" grep -q '^1 row(s) over the target' \
	"$tmp/slow.json.out"

# the server's CPU counts: the program alone would pass
results "$tmp/server.json"
key PostgreSQL tab 1000 0.30 0.60 0.60 0.90 1.9 >>"$tmp/server.json"
run "$tmp/server.json"
check "tab: 0.30 + 0.60 against 0.40 fails" \
	sh -c 'grep "^tab (Tab/BackTab) *1000 " "$1" | grep -q "2.25x.*FAIL"' \
	sh "$tmp/server.json.out"

# SQLite below the CPU clock's noise counts as 0.05 ms
results "$tmp/floor.json"
key SQLite tab 1000 0.01 0.01 >>"$tmp/floor.json"
key PostgreSQL tab 1000 0.06 0.06 0.02 0.08 0.3 >>"$tmp/floor.json"
run "$tmp/floor.json"
check "0.06 + 0.02 against 0.01 (floor 0.05): 1.60x PASS" \
	sh -c 'grep "^tab (Tab/BackTab) *1000 " "$1" | grep -q "1.60x.*PASS"' \
	sh "$tmp/floor.json.out"

# a class measured on one engine only, or with no server figure
results "$tmp/missing.json"
grep -v '"engine":"PostgreSQL","op":"key_meetings","cases":1000,' \
	"$tmp/missing.json" >"$tmp/m1.json"
grep -v '"engine":"PostgreSQL","op":"key_queue","cases":10000,' "$tmp/m1.json" >"$tmp/m2.json"
key PostgreSQL queue 10000 0.30 0.60 >>"$tmp/m2.json"
run "$tmp/m2.json"
check "a class missing on one engine, another without the server: exit 1" \
	test $? -eq 1
check "meetings at 1,000: measured on SQLite only, FAIL" \
	sh -c 'grep "^meetings (m) *1000 " "$1" | grep -q "measured on SQLite only.*FAIL"' \
	sh "$tmp/m2.json.out"
check "queue at 10,000: no server figure, FAIL" \
	sh -c 'grep "^queue toggle (r) *10000 " "$1" | grep -q "no server figure.*FAIL"' \
	sh "$tmp/m2.json.out"

# another terminal writing: the list's keys with and without a writer
live() {
	printf '{"engine":"%s","op":"live_%s","cases":1000,"n":2000,"cpu_median_ms":%s,"cpu_p99_ms":%s,"wall_median_ms":%s,"wall_p99_ms":9,"writes":%s}\n' \
		"$@"
}
results "$tmp/live.json"
live SQLite quiet 0.30 0.60 0.30 0 >>"$tmp/live.json"
live SQLite writing 0.33 0.90 0.35 14 >>"$tmp/live.json"
live PostgreSQL quiet 0.40 0.80 1.00 0 >>"$tmp/live.json"
live PostgreSQL writing 0.44 2.00 1.20 12 >>"$tmp/live.json"
run "$tmp/live.json"
check "a writer that does not show in the keys: exit 0" test $? -eq 0
check "SQLite: 0.30 quiet, 0.33 writing, 1.10x, 14 writes, PASS" \
	grep -q '^SQLite  *1000   0.30 /  0.60   0.33 /  0.90   1.10x      14    0.30 /   0.35 PASS$' \
	"$tmp/live.json.out"
check "PostgreSQL: 1.10x PASS" \
	grep -q '^PostgreSQL  *1000 .* 1.10x      12 .*PASS$' "$tmp/live.json.out"
live PostgreSQL writing 0.80 2.00 1.20 12 >>"$tmp/live.json"
run "$tmp/live.json"
check "a key twice as dear while another terminal writes: exit 1" test $? -eq 1
check "its row: 2.00x FAIL" \
	grep -q '^PostgreSQL  *1000 .* 2.00x      12 .*FAIL$' "$tmp/live.json.out"
live SQLite writing 0.30 0.60 0.30 0 >>"$tmp/live.json"
run "$tmp/live.json"
check "a writer that wrote nothing proves nothing" \
	grep -q '^SQLite  *1000 .*FAIL (nothing written)$' "$tmp/live.json.out"
results "$tmp/live1.json"
live SQLite quiet 0.30 0.60 0.30 0 >>"$tmp/live1.json"
run "$tmp/live1.json"
check "the run with the writer missing: exit 1" test $? -eq 1
check "its row says so" \
	grep -q '^SQLite  *1000  one of the two runs is missing.*FAIL$' \
	"$tmp/live1.json.out"

# nothing to compare, or no file
printf '{"engine":"SQLite","op":"import","cases":1000,"ms":1}\n' >"$tmp/none.json"
# what no key can go below on the server (bench/pg_floor.sh), beside the
# access log write's target: figures, never a verdict
results "$tmp/fl.json"
cp "$tmp/ok.json.out" "$tmp/nofloor.out"
for f in round_trip:0.0330 read_txn:0.0320 write_txn:0.0650 \
	access_txn:0.1170; do
	printf '{"engine":"PostgreSQL","op":"floor_%s","cases":1000,"n":10000,"server_ms":%s}\n' \
		"${f%%:*}" "${f#*:}" >>"$tmp/fl.json"
done
run "$tmp/fl.json"
check "floor figures change no verdict: exit 0" test $? -eq 0
check "without them no floor is printed" \
	sh -c '! grep -q "least a key asks" "$1"' sh "$tmp/nofloor.out"
check "the floor's heading names its size and how it was measured" \
	grep -q "^The least a key asks of the server, 1000 cases (bench/pg_floor.sh" \
	"$tmp/fl.json.out"
check "one access log entry's server CPU, 0.117" \
	grep -q "^  one access log entry .* 0.117$" "$tmp/fl.json.out"
check "the least write, 0.065; a round trip, 0.033" \
	sh -c 'grep -q "^  the least write .* 0.065$" "$1" &&
		grep -q "^  a round trip .* 0.033$" "$1"' sh "$tmp/fl.json.out"
check "the access log write's target beside it: 2x SQLite's 0.40" \
	grep -q "^  the access log write's target (2x SQLite's 0.400, taken as 0.40) *0.800$" \
	"$tmp/fl.json.out"
check "a size without a floor has none" \
	sh -c '! grep -q "least a key asks of the server, 10000" "$1"' \
	sh "$tmp/fl.json.out"

run "$tmp/none.json"
check "no key class in the results: exit 2" test $? -eq 2
run "$tmp/absent.json"
check "a missing results file: exit 2" test $? -eq 2
finish

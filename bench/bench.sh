#!/bin/sh
# make bench: generate synthetic archives and measure import, parse and
# insert references, start-up, paging, case view and search.
# Environment: BENCH_SIZES (default "1000 10000 100000"), BENCH_DIR
# (scratch space, default a temporary directory), BENCH_OUT (JSON lines,
# default bench-results.json in the build directory).
set -eu
: "${BENCH_SIZES:=1000 10000 100000}"
: "${BENCH_OUT:=bench-results.json}"
: "${TB:=./tumorboard}"
: "${BENCH_BIN:=bench}"
scratch=${BENCH_DIR:-$(mktemp -d)}
trap '[ -n "${BENCH_DIR:-}" ] || rm -rf "$scratch"' EXIT
: >"$BENCH_OUT"

# stat LABEL N CMD... : runs CMD under runstat, records ms and peak RSS
stat_run() {
	label=$1 n=$2
	shift 2
	line=$("$BENCH_BIN/runstat" "$@" 2>&1 >/dev/null | tail -1)
	ms=$(echo "$line" | sed -n 's/.*ms=\([0-9.]*\).*/\1/p')
	rss=$(echo "$line" | sed -n 's/.*maxrss_kib=\([0-9]*\).*/\1/p')
	st=$(echo "$line" | sed -n 's/.*status=\([0-9]*\).*/\1/p')
	printf '{"op":"%s","cases":%s,"ms":%s,"maxrss_kib":%s,"status":%s}\n' \
		"$label" "$n" "$ms" "$rss" "$st" >>"$BENCH_OUT"
	printf '%-22s %8s cases  %10s ms  %8s KiB  exit %s\n' "$label" "$n" "$ms" "$rss" "$st"
}

for n in $BENCH_SIZES; do
	dir="$scratch/cases-$n"
	rm -rf "$dir"
	"$BENCH_BIN/gencases" --seed 1 --per-file 1000 "$n" "$dir"
	db="$scratch/tb-$n.db"
	ref="$scratch/ref-$n.db"
	rm -f "$db" "$db"-wal "$db"-shm "$ref" "$ref"-wal "$ref"-shm
	files=$(ls "$dir"/*.xml)
	# shellcheck disable=SC2086
	stat_run import "$n" "$TB" --db "$db" import $files
	# shellcheck disable=SC2086
	stat_run xmllint_parse "$n" xmllint --noout $files
	"$TB" --db "$ref" cases --count >/dev/null
	# shellcheck disable=SC2086
	stat_run ref_parse_insert "$n" "$BENCH_BIN/refimport" "$ref" $files
	stat_run cold_start_list "$n" "$TB" --db "$db" cases --limit 40
	stat_run show_case "$n" "$TB" --db "$db" show GEN-LUNG-0000001
	stat_run search_cli "$n" "$TB" --db "$db" cases --search egfr --limit 40
	"$BENCH_BIN/bench_core" "$db" 500 | tee -a "$BENCH_OUT"
done
echo "results: $BENCH_OUT"

#!/bin/sh
# make bench: generate synthetic archives and measure import, parse and
# insert references, start-up, paging, case view and search, signing
# decisions, search over decisions, patient summaries to text and PDF.
# Environment: BENCH_SIZES (default "1000 10000 100000"), BENCH_DIR
# (scratch space, default a temporary directory), BENCH_OUT (JSON lines,
# default bench-results.json in the build directory).
set -eu
: "${BENCH_SIZES:=1000 10000 100000}"
: "${BENCH_OUT:=bench-results.json}"
: "${TB:=./tumorboard}"
: "${BENCH_BIN:=bench}"
scratch=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$scratch"
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
	stat_run show_case "$n" "$TB" --db "$db" show GEN-LUNG-0000000
	stat_run search_cli "$n" "$TB" --db "$db" cases --search egfr --limit 40
	"$BENCH_BIN/bench_core" "$db" 500 | tee -a "$BENCH_OUT"
	# Decisions for one case in ten (at most 2,000) through the form path,
	# then search over decisions and patient summaries to text and PDF.
	nd=$((n / 10))
	[ "$nd" -gt 2000 ] && nd=2000
	"$BENCH_BIN/bench_decide" "$db" "$nd" 200 | tee -a "$BENCH_OUT"

	# The interactive screen, headless: cold start to the first drawn
	# screen (whole process), then keystrokes in the list and a case view.
	echo "q" >"$scratch/quit.keys"
	stat_run tui_cold_start "$n" "$TB" --db "$db" --script "$scratch/quit.keys" \
		--size 120x40 --dump /dev/null
	cat >"$scratch/list.keys" <<-KEYS
		j*300 k*100 PgDn*100 PgUp*50 End k*50 PgUp*20 Home j*100
	KEYS
	cat >"$scratch/case.keys" <<-KEYS
		Enter j*40 PgDn*5 End k*40 g Esc j Enter End Esc
	KEYS
	for what in list case; do
		"$TB" --db "$db" --script "$scratch/$what.keys" --size 120x40 \
			--dump /dev/null --timing "$scratch/$what.timing"
		t=$(cat "$scratch/$what.timing")
		med=$(echo "$t" | sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p')
		p99=$(echo "$t" | sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p')
		max=$(echo "$t" | sed -n 's/.*max_ms=\([0-9.]*\).*/\1/p')
		start=$(echo "$t" | sed -n 's/.*startup_ms=\([0-9.]*\).*/\1/p')
		keys=$(echo "$t" | sed -n 's/.*keys=\([0-9]*\).*/\1/p')
		printf '{"op":"tui_keys_%s","cases":%s,"n":%s,"startup_ms":%s,"median_ms":%s,"p99_ms":%s,"max_ms":%s}\n' \
			"$what" "$n" "$keys" "$start" "$med" "$p99" "$max" | tee -a "$BENCH_OUT"
	done
done
echo "results: $BENCH_OUT"

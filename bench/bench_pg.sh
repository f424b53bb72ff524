#!/bin/sh
# make bench-pg: the same synthetic archive imported into SQLite and into
# PostgreSQL (a throwaway server, tests/pg-server.sh, on a Unix socket),
# then the command line's list, a case shown and a search on each, side
# by side: wall ms, CPU ms of the program, peak RSS. The server's own CPU
# is not in the program's CPU figure (it is in the wall time).
#
# Environment: BENCH_PG_SIZES (default "1000"), BENCH_DIR (scratch,
# default a temporary directory), BENCH_PG_OUT (JSON lines, default
# bench-pg-results.json).
set -eu
: "${BENCH_PG_SIZES:=1000}"
: "${BENCH_PG_OUT:=bench-pg-results.json}"
: "${TB:=./tumorboard}"
: "${BENCH_BIN:=bench}"
TB=$(cd "$(dirname "$TB")" && pwd)/$(basename "$TB")
BENCH_BIN=$(cd "$BENCH_BIN" && pwd)
case $BENCH_PG_OUT in /*) ;; *) BENCH_PG_OUT=$(pwd)/$BENCH_PG_OUT ;; esac
srcdir=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${TB_PG_URI:-}" ]; then
	# again, beside a server of its own
	export TB BENCH_BIN BENCH_PG_OUT BENCH_PG_SIZES
	exec sh "$srcdir/tests/pg-server.sh" sh "$0" "$@"
fi

scratch=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$scratch"
trap '[ -n "${BENCH_DIR:-}" ] || rm -rf "$scratch"' EXIT
: >"$BENCH_PG_OUT"
TUMORBOARD_NOW=2026-11-30T13:00:00Z
XDG_CONFIG_HOME="$scratch/config"
export TUMORBOARD_NOW XDG_CONFIG_HOME

# stat_run ENGINE LABEL N CMD...: wall ms, CPU ms and peak RSS of CMD
stat_run() {
	engine=$1 label=$2 n=$3
	shift 3
	RUNSTAT_OUT="$scratch/runstat.out" "$BENCH_BIN/runstat" "$@" >/dev/null ||
		true
	line=$(tail -1 "$scratch/runstat.out")
	ms=$(echo "$line" | sed -n 's/.*ms=\([0-9.]*\) cpu.*/\1/p')
	cpu=$(echo "$line" | sed -n 's/.*cpu_ms=\([0-9.]*\).*/\1/p')
	rss=$(echo "$line" | sed -n 's/.*maxrss_kib=\([0-9]*\).*/\1/p')
	st=$(echo "$line" | sed -n 's/.*status=\([0-9]*\).*/\1/p')
	printf '{"engine":"%s","op":"%s","cases":%s,"ms":%s,"cpu_ms":%s,"maxrss_kib":%s,"status":%s}\n' \
		"$engine" "$label" "$n" "$ms" "$cpu" "$rss" "$st" >>"$BENCH_PG_OUT"
	printf '%-10s %-12s %8s cases  %10s ms  %10s ms CPU  %8s KiB  exit %s\n' \
		"$engine" "$label" "$n" "$ms" "$cpu" "$rss" "$st"
}

admin() {
	"$TB" --db "$1" user add "$(id -un)" --name "Bench Bänksson" \
		--title läkare --role administrator,coordinator,member,chair \
		--board lung --board breast --board colorectal --board prostate \
		--board melanoma --board general >/dev/null
}

measure() {
	engine=$1 db=$2 n=$3 files=$4
	# shellcheck disable=SC2086
	stat_run "$engine" import "$n" "$TB" --db "$db" import $files
	stat_run "$engine" list "$n" "$TB" --db "$db" cases --limit 40
	stat_run "$engine" show "$n" "$TB" --db "$db" show GEN-LUNG-0000000
	stat_run "$engine" search "$n" "$TB" --db "$db" cases --search egfr --limit 40
	stat_run "$engine" count "$n" "$TB" --db "$db" cases --count
	stat_run "$engine" verify "$n" "$TB" --db "$db" verify
}

for n in $BENCH_PG_SIZES; do
	dir="$scratch/cases-$n"
	[ -f "$dir/.done" ] || {
		rm -rf "$dir"
		"$BENCH_BIN/gencases" --seed 1 --per-file 1000 "$n" "$dir"
		: >"$dir/.done"
	}
	files=$(ls "$dir"/*.xml)
	sdb="$scratch/tb-$n.db"
	rm -f "$sdb" "$sdb"-wal "$sdb"-shm
	admin "$sdb"
	measure SQLite "$sdb" "$n" "$files"
	# a database of its own on the server for each size
	"$TB_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d postgres \
		-c "CREATE DATABASE bench$n OWNER tb_owner TEMPLATE template0" \
		-c "GRANT CONNECT, TEMPORARY ON DATABASE bench$n TO tumorboard_app" >/dev/null
	"$TB_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "bench$n" \
		-c "REVOKE ALL ON SCHEMA public FROM PUBLIC" \
		-c "GRANT USAGE ON SCHEMA public TO tumorboard_app" >/dev/null
	owner=$(echo "$TB_PG_OWNER" | sed "s|/tumorboard\$|/bench$n|")
	app=$(echo "$TB_PG_URI" | sed "s|/tumorboard\$|/bench$n|")
	"$TB" --db "$owner" init >/dev/null
	admin "$app"
	measure PostgreSQL "$app" "$n" "$files"
done
echo "results: $BENCH_PG_OUT"

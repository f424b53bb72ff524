#!/bin/sh
# make bench-pg: the screen's key classes and the command line on SQLite
# and on PostgreSQL (a throwaway server, tests/pg-server.sh, on a Unix
# socket), side by side, with each key class's ratio and PASS or FAIL
# against the target: a key on PostgreSQL costs at most 2x what it costs
# on SQLite.
#
# For each size: bench.sh (BENCH_QUICK, no FHIR) generates the cases,
# imports them into a SQLite file, plans and starts the meetings and
# measures every key class there; the archive is then copied into a
# PostgreSQL database of its own (migrate; then VACUUM ANALYZE, as
# autovacuum would do a little later) and bench.sh measures the same
# classes on it (BENCH_DB, BENCH_REUSE). On PostgreSQL a key's CPU time is
# the program's plus the server's: the screen's --timing reads the CPU
# time of the server process answering its connection before and after
# each key (/proc/PID/schedstat: the server runs on this machine), and
# bench_core does the same around each operation. The verdict is on the
# median CPU per key (on PostgreSQL the two summed key by key; below
# 0.05 ms SQLite's figure counts as 0.05 ms, the CPU clock's noise); wall
# time per key is printed beside it.
#
# On each engine the list is also scrolled on a quiet archive and while
# another process commits a change every tenth of a second (live): the
# screen's look at the data version before each key must not show. Then
# bench/pg_floor.sh measures what no key can go below on the server (a
# round trip, the least transaction, the least write, one access log
# entry), printed beside the access log write's target.
#
# Then, for the sizes in BENCH_PG_IMPORT_SIZES, the same cases imported
# by `import` into a new SQLite file and a new PostgreSQL database, and
# the command line's list, show, search, count and verify on each: wall
# ms, CPU ms of the program, peak RSS (the server's CPU is in the wall
# time only).
#
# Environment: BENCH_PG_SIZES (default "1000"), BENCH_PG_IMPORT_SIZES
# (default "1000"; "" for none), BENCH_DIR (scratch, default a temporary
# directory), BENCH_PG_OUT (JSON lines, default bench-pg-results.json),
# BENCH_PG_RATIO (the target, default 2). Exits 1 when a key class fails.
set -eu
: "${BENCH_PG_SIZES:=1000}"
: "${BENCH_PG_IMPORT_SIZES=1000}"
: "${BENCH_PG_OUT:=bench-pg-results.json}"
: "${BENCH_PG_RATIO:=2}"
# the test program by default: it reads TUMORBOARD_NOW, which the fixed
# meetings and clock of these runs need (the installed program does not)
: "${TB:=./tests/tumorboard-as}"
: "${BENCH_BIN:=bench}"
TB=$(cd "$(dirname "$TB")" && pwd)/$(basename "$TB")
BENCH_BIN=$(cd "$BENCH_BIN" && pwd)
case $BENCH_PG_OUT in /*) ;; *) BENCH_PG_OUT=$(pwd)/$BENCH_PG_OUT ;; esac
srcdir=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${TB_PG_URI:-}" ]; then
	# again, beside a server of its own
	export TB BENCH_BIN BENCH_PG_OUT BENCH_PG_SIZES BENCH_PG_IMPORT_SIZES \
		BENCH_PG_RATIO
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

# pg_database NAME: a new database on the server with the tumorboard
# schema; prints its URI as the application role
pg_database() {
	"$TB_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d postgres \
		-c "DROP DATABASE IF EXISTS $1" \
		-c "CREATE DATABASE $1 OWNER tb_owner TEMPLATE template0" \
		-c "GRANT CONNECT, TEMPORARY ON DATABASE $1 TO tumorboard_app" >/dev/null
	"$TB_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$1" \
		-c "REVOKE ALL ON SCHEMA public FROM PUBLIC" \
		-c "GRANT USAGE ON SCHEMA public TO tumorboard_app" >/dev/null
	"$TB" --db "$(echo "$TB_PG_OWNER" | sed "s|/tumorboard\$|/$1|")" init \
		>/dev/null
	echo "$TB_PG_URI" | sed "s|/tumorboard\$|/$1|"
}

# bench ENGINE N DB...: bench.sh's screen and command line at size N,
# its JSON lines tagged with the engine
bench() {
	engine=$1 n=$2
	shift 2
	out="$scratch/$engine-$n.json"
	echo "== $engine, $n cases" >&2
	env TB="$TB" "$@" BENCH_BIN="$BENCH_BIN" BENCH_DIR="$scratch" BENCH_SIZES="$n" \
		BENCH_QUICK=1 BENCH_FHIR=0 BENCH_TARGET_SIZE="$n" BENCH_OUT="$out" \
		sh "$srcdir/bench/bench.sh" >"$scratch/$engine-$n.out" || true
	# bench.sh ends with its own targets' check, which may fail: only a
	# run that got there counts
	grep -q '^results: ' "$scratch/$engine-$n.out" || {
		echo "bench_pg: bench.sh on $engine at $n cases stopped" >&2
		cat "$scratch/$engine-$n.out" >&2
		exit 1
	}
	sed "s/^{/{\"engine\":\"$engine\",/" "$out" >>"$BENCH_PG_OUT"
}

# pct: reads numbers, prints "median p99" (bench.sh's ranks)
pct() {
	sort -g | awk '{v[NR] = $1}
		END { if (!NR) { print "0 0"; exit }
		      p = int(NR * 0.99) + 1; if (p > NR) p = NR
		      print v[int(NR / 2) + 1], v[p] }'
}

# live ENGINE N DB: the list scrolled (j*300 k*100, five times) on a
# quiet archive, then while another process commits a change every
# tenth of a second (the planned meeting's first case moved on its
# agenda and back): the screen looks at the data version before each
# key and reloads the list when it moved. Records both runs' CPU and
# wall per key and the changes committed during the second.
live() {
	engine=$1 n=$2 db=$3
	keys=""
	for i in 1 2 3 4 5; do keys="$keys j*300 k*100"; done
	echo "$keys" >"$scratch/live.keys"
	first=$("$TB" --db "$db" agenda 1 |
		awk 'NR == 2 { for (i = 1; i <= NF; i++) if ($i ~ /^GEN-/) print $i }')
	for mode in quiet writing; do
		rm -f "$scratch/live.stop"
		: >"$scratch/live.writes"
		if [ "$mode" = writing ]; then
			(
				pos=2
				while [ ! -f "$scratch/live.stop" ]; do
					"$TB" --db "$db" agenda 1 move "$first" "$pos" \
						>/dev/null && echo >>"$scratch/live.writes"
					pos=$((3 - pos))
					sleep 0.1
				done
			) &
			writer=$!
			# the writer is under way before the screen starts
			i=0
			while [ ! -s "$scratch/live.writes" ]; do
				i=$((i + 1))
				[ "$i" -lt 300 ] || {
					: >"$scratch/live.stop"
					echo "bench_pg: agenda 1 move fails on $engine" >&2
					exit 1
				}
				sleep 0.1
			done
			: >"$scratch/live.writes"
		fi
		"$TB" --db "$db" --script "$scratch/live.keys" --size 120x40 \
			--dump /dev/null --timing "$scratch/live.timing"
		w=$(wc -l <"$scratch/live.writes")
		if [ "$mode" = writing ]; then
			: >"$scratch/live.stop"
			wait "$writer"
		fi
		awk '$1 == "key"' "$scratch/live.timing" >"$scratch/live.sel"
		k=$(wc -l <"$scratch/live.sel")
		cpu=$(awk '{print $4}' "$scratch/live.sel" | pct)
		wall=$(awk '{print $3}' "$scratch/live.sel" | pct)
		printf '{"engine":"%s","op":"live_%s","cases":%s,"n":%s,"cpu_median_ms":%s,"cpu_p99_ms":%s,"wall_median_ms":%s,"wall_p99_ms":%s,"writes":%s}\n' \
			"$engine" "$mode" "$n" "$k" "${cpu% *}" "${cpu#* }" "${wall% *}" \
			"${wall#* }" "$w" | tee -a "$BENCH_PG_OUT"
	done
}

for n in $BENCH_PG_SIZES; do
	bench SQLite "$n"
	live SQLite "$n" "$scratch/tb-$n.db"
	app=$(pg_database "bench$n")
	stat_run PostgreSQL migrate "$n" "$TB" migrate --from "$scratch/tb-$n.db" \
		--to "$app"
	"$TB_PG_BIN/psql" -X -q -d "bench$n" -c "VACUUM ANALYZE" >/dev/null
	bench PostgreSQL "$n" BENCH_DB="$app" BENCH_REUSE=1
	live PostgreSQL "$n" "$app"
	# what no key can go below on this server (as its owner: the floor's
	# tables are made and dropped beside the archive's)
	sh "$srcdir/bench/pg_floor.sh" "bench$n" "$n" >>"$BENCH_PG_OUT"
done

for n in $BENCH_PG_IMPORT_SIZES; do
	dir="$scratch/cases-$n"
	[ -f "$dir/.done" ] || {
		rm -rf "$dir"
		"$BENCH_BIN/gencases" --seed 1 --per-file 1000 "$n" "$dir"
		: >"$dir/.done"
	}
	files=$(ls "$dir"/*.xml)
	sdb="$scratch/import-$n.db"
	rm -f "$sdb" "$sdb"-wal "$sdb"-shm
	admin "$sdb"
	measure SQLite "$sdb" "$n" "$files"
	app=$(pg_database "import$n")
	admin "$app"
	measure PostgreSQL "$app" "$n" "$files"
done
echo "results: $BENCH_PG_OUT"
sh "$srcdir/bench/pg_compare.sh" "$BENCH_PG_OUT" "$BENCH_PG_RATIO"

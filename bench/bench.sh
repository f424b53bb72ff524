#!/bin/sh
# make bench: generate synthetic archives and measure import (against a
# plain parse + insert reference), start-up, every class of key on the
# interactive screen, the command line, decisions and patient summaries;
# then print each figure against its target (BENCHMARKS.md) with PASS or
# FAIL, and how each key class grows from the smallest to the largest size.
#
# Keys are timed in CPU time of the process (the figure PASS/FAIL uses) and
# in wall-clock time (reported; on a shared machine it also counts waiting
# for a core).
#
# Environment: BENCH_SIZES (default "1000 10000 100000"), BENCH_DIR
# (scratch space, default a temporary directory; the generated files and
# databases stay there when it is given), BENCH_OUT (JSON lines, default
# bench-results.json in the build directory), BENCH_TARGET_SIZE (the size
# the absolute targets apply to, default 100000), BENCH_QUICK=1 (skips the
# reference loader, xmllint and bench_decide's decisions: only the screen
# and the command line, on the archive with its history), BENCH_FHIR=0
# (skips importing the same number of cases from FHIR JSON Bundles),
# BENCH_REUSE=1 (with BENCH_DIR: a database already there is measured
# again as it is, without generating, importing, planning meetings or
# writing a history; to compare two builds on the same archives),
# BENCH_DB (with BENCH_REUSE=1 and one size: the database to measure
# instead, as --db takes it; bench_pg.sh gives a PostgreSQL URI).
set -eu
: "${BENCH_SIZES:=1000 10000 100000}"
: "${BENCH_OUT:=bench-results.json}"
# the test program by default: it reads TUMORBOARD_NOW, which the fixed
# meetings and clock of these runs need (the installed program does not)
: "${TB:=./tests/tumorboard-as}"
: "${BENCH_BIN:=bench}"
: "${BENCH_TARGET_SIZE:=100000}"
: "${BENCH_QUICK:=0}"
scratch=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$scratch"
trap '[ -n "${BENCH_DIR:-}" ] || rm -rf "$scratch"' EXIT
: >"$BENCH_OUT"
# Meetings and the clock of the screen runs are fixed, so every run sees
# the same agenda state.
TUMORBOARD_NOW=2026-11-30T13:00:00Z
XDG_CONFIG_HOME="$scratch/config" # no personal key bindings
export TUMORBOARD_NOW XDG_CONFIG_HOME

# stat_run LABEL N CMD... : runs CMD under runstat, records wall ms, CPU ms
# and peak RSS
stat_run() {
	label=$1 n=$2
	shift 2
	# the command's standard error stays on the terminal (progress)
	RUNSTAT_OUT="$scratch/runstat.out" "$BENCH_BIN/runstat" "$@" >/dev/null ||
		true
	line=$(tail -1 "$scratch/runstat.out")
	ms=$(echo "$line" | sed -n 's/.*ms=\([0-9.]*\) cpu.*/\1/p')
	cpu=$(echo "$line" | sed -n 's/.*cpu_ms=\([0-9.]*\).*/\1/p')
	rss=$(echo "$line" | sed -n 's/.*maxrss_kib=\([0-9]*\).*/\1/p')
	st=$(echo "$line" | sed -n 's/.*status=\([0-9]*\).*/\1/p')
	printf '{"op":"%s","cases":%s,"ms":%s,"cpu_ms":%s,"maxrss_kib":%s,"status":%s}\n' \
		"$label" "$n" "$ms" "$cpu" "$rss" "$st" >>"$BENCH_OUT"
	printf '%-22s %8s cases  %10s ms  %10s ms CPU  %8s KiB  exit %s\n' \
		"$label" "$n" "$ms" "$cpu" "$rss" "$st"
}

# admin DB ROLES: a new archive's first administrator (tumorboard-roles(5)),
# with ROLES and every board: who may do what is measured there
admin() {
	"$TB" --db "$1" user add "$(id -un)" --name "Bench Bänksson" \
		--title läkare --role "$2" --board lung --board breast \
		--board colorectal --board prostate --board melanoma \
		--board general >/dev/null
}

# pct: reads numbers, prints "median p99" (the same ranks as bench_core)
pct() {
	sort -g | awk '{v[NR] = $1}
		END { if (!NR) { print "0 0"; exit }
		      p = int(NR * 0.99) + 1; if (p > NR) p = NR
		      print v[int(NR / 2) + 1], v[p] }'
}

# key_class NAME N SETUP MEASURED CODES : runs the screen on SETUP then
# MEASURED keys (tumorboard(1), SCREEN SCRIPTS); only the measured keys
# whose code is in CODES (comma-separated) count. The script runs
# BENCH_KEY_RUNS times (3), each a process of its own, and the keys of all
# runs are pooled: one run's CPU per key moves by a third with the
# machine, and the growth from the smallest size to the largest compares
# two runs made minutes apart.
key_class() {
	name=$1 n=$2 setup=$3 measured=$4 codes=$5
	printf '%s\n' "$setup" >"$scratch/setup.keys"
	printf '%s\n' "$setup" "$measured" >"$scratch/$name.keys"
	"$TB" --db "$db" --script "$scratch/setup.keys" --size 120x40 \
		--dump /dev/null --timing "$scratch/setup.timing"
	skip=$(grep -c '^key ' "$scratch/setup.timing" || true)
	: >"$scratch/$name.sel"
	run=0
	while [ "$run" -lt "${BENCH_KEY_RUNS:-3}" ]; do
		run=$((run + 1))
		"$TB" --db "$db" --script "$scratch/$name.keys" --size 120x40 \
			--dump /dev/null --timing "$scratch/$name.timing"
		awk -v skip="$skip" -v codes=",$codes," \
			'$1 == "key" && ++i > skip && index(codes, "," $2 ",")' \
			"$scratch/$name.timing" >>"$scratch/$name.sel"
	done
	nk=$(wc -l <"$scratch/$name.sel")
	cpu=$(awk '{print $4}' "$scratch/$name.sel" | pct)
	wall=$(awk '{print $3}' "$scratch/$name.sel" | pct)
	# a database server's CPU per key, where the screen measured it (a
	# fifth field: tumorboard(1), --timing); with it, the program's and
	# the server's summed key by key
	server=""
	if [ "$nk" -gt 0 ] && [ "$(awk 'NF >= 5' "$scratch/$name.sel" | wc -l)" = "$nk" ]; then
		sv=$(awk '{print $5}' "$scratch/$name.sel" | pct)
		tot=$(awk '{print $4 + $5}' "$scratch/$name.sel" | pct)
		server=$(printf ',"server_median_ms":%s,"server_p99_ms":%s,"total_median_ms":%s,"total_p99_ms":%s' \
			${sv% *} ${sv#* } ${tot% *} ${tot#* })
	fi
	printf '{"op":"key_%s","cases":%s,"n":%s,"cpu_median_ms":%s,"cpu_p99_ms":%s,"wall_median_ms":%s,"wall_p99_ms":%s%s}\n' \
		"$name" "$n" "$nk" ${cpu% *} ${cpu#* } ${wall% *} ${wall#* } "$server" |
		tee -a "$BENCH_OUT"
}

# repeat, search_keys: the keys trips.sh counts too
. "$(dirname "$0")/keys.sh"

for n in $BENCH_SIZES; do
	dir="$scratch/cases-$n"
	db=${BENCH_DB:-$scratch/tb-$n.db}
	reuse=0
	[ "${BENCH_REUSE:-0}" = 1 ] && { [ -f "$db" ] || [ -n "${BENCH_DB:-}" ]; } &&
		reuse=1
	[ "$reuse" = 1 ] || [ -f "$dir/.done" ] || {
		rm -rf "$dir"
		echo "generating $n cases in $dir" >&2
		"$BENCH_BIN/gencases" --seed 1 --per-file 1000 "$n" "$dir"
		: >"$dir/.done"
	}
	ref="$scratch/ref-$n.db"
	if [ "$reuse" = 1 ]; then
		echo "measuring $db as it is (BENCH_REUSE)" >&2
	else
		rm -f "$db" "$db"-wal "$db"-shm "$ref" "$ref"-wal "$ref"-shm
		files=$(ls "$dir"/*.xml)
		# the archive starts with its first administrator (tumorboard-roles(5)),
		# who may do everything measured here
		admin "$db" administrator,coordinator,member,chair,nurse,auditor
		# shellcheck disable=SC2086
		stat_run import "$n" "$TB" --db "$db" import $files
		# the same number of cases as FHIR R4 JSON Bundles, 1,000 to a file
		# (tumorboard-fhir(7)), into an archive of their own
		if [ "${BENCH_FHIR:-1}" != 0 ]; then
			fdir="$scratch/fhir-$n"
			[ -f "$fdir/.done" ] || {
				rm -rf "$fdir"
				echo "generating $n FHIR cases in $fdir" >&2
				"$BENCH_BIN/gencases" --seed 1 --per-file 1000 --fhir \
					"$n" "$fdir"
				: >"$fdir/.done"
			}
			fdb="$scratch/tb-fhir-$n.db"
			rm -f "$fdb" "$fdb"-wal "$fdb"-shm
			admin "$fdb" administrator,coordinator
			# shellcheck disable=SC2046
			stat_run import_fhir "$n" "$TB" --db "$fdb" import \
				$(ls "$fdir"/*.json)
			rm -f "$fdb" "$fdb"-wal "$fdb"-shm
		fi
		if [ "$BENCH_QUICK" != 1 ]; then
			# shellcheck disable=SC2086
			stat_run xmllint_parse "$n" xmllint --noout $files
			# the reference gets the program's schema from a new archive
			admin "$ref" administrator
			# shellcheck disable=SC2086
			stat_run ref_parse_insert "$n" "$BENCH_BIN/refimport" "$ref" $files
			rm -f "$ref" "$ref"-wal "$ref"-shm
			# The import and the reference once more each, one after
			# the other, into new files: the ratio is of the lower CPU
			# time of each (another process's work on the machine only
			# ever adds to a run's).
			again="$scratch/again-$n.db"
			rm -f "$again" "$again"-wal "$again"-shm
			admin "$again" administrator,coordinator
			# shellcheck disable=SC2086
			stat_run import_again "$n" "$TB" --db "$again" import $files
			rm -f "$again" "$again"-wal "$again"-shm
			admin "$ref" administrator
			# shellcheck disable=SC2086
			stat_run ref_again "$n" "$BENCH_BIN/refimport" "$ref" $files
			rm -f "$ref" "$ref"-wal "$ref"-shm
		fi
	fi
	# The archive's file read once, so that what follows measures the
	# program and not the disk: the steps above write a gigabyte at
	# 100,000 cases and the archive's pages may have left the kernel's
	# cache meanwhile (the case list's reload measured 0.14 ms a key so,
	# 0.095 with the file cached; BENCHMARKS.md, twenty-ninth round), as
	# they do not on a server in use. A server's archive is not a file.
	[ -f "$db" ] && cat "$db" >/dev/null
	stat_run cold_start_list "$n" "$TB" --db "$db" cases --limit 40
	stat_run show_case "$n" "$TB" --db "$db" show GEN-LUNG-0000000
	stat_run search_cli "$n" "$TB" --db "$db" cases --search egfr --limit 40
	stat_run count_cli "$n" "$TB" --db "$db" cases --count
	# in process, as many runs as the keys (a process each); of each of
	# its rows, the run whose median is the middle one
	: >"$scratch/core.runs"
	run=0
	while [ "$run" -lt "${BENCH_KEY_RUNS:-3}" ]; do
		run=$((run + 1))
		"$BENCH_BIN/bench_core" "$db" 500 >>"$scratch/core.runs"
	done
	awk -f "$(dirname "$0")/middle.awk" "$scratch/core.runs" |
		tee -a "$BENCH_OUT"
	if [ "$BENCH_QUICK" != 1 ] && [ "$reuse" != 1 ]; then
		# Decisions for one case in ten (at most 2,000) through the form
		# path, then search over decisions and patient summaries.
		nd=$((n / 10))
		[ "$nd" -gt 2000 ] && nd=2000
		"$BENCH_BIN/bench_decide" "$db" "$nd" 200 | tee -a "$BENCH_OUT"
		stat_run summary_pdf_cli "$n" "$TB" --db "$db" summary 1 \
			--pdf "$scratch/summary.pdf"
	fi

	# Two lung meetings of 12 cases each (the same at every size, so
	# that only the archive grows): one planned (the agenda), one started
	# (live stepping through its cases).
	for date in 2026-12-01 2026-12-02; do
		[ "$reuse" = 1 ] && break
		mid=$("$TB" --db "$db" meeting add --date "$date" --start 14:00 \
			--length 240 --board lung --level regional)
		"$TB" --db "$db" cases --diagnosis C34 --status referred \
			--limit 12 --full-id | awk '{print $1}' |
			while read -r c; do
				"$TB" --db "$db" agenda "$mid" add "$c" >/dev/null
			done
	done
	# The archive's past, written through the program's own paths
	# (bench/bench_history.c): meetings held over the years before
	# today, about one a week per board, each deciding the cases on its
	# agenda; decisions for one case in twenty (at most 5,000), some
	# superseded, three follow-ups in four recorded once their date has
	# passed. The meetings list and the follow-up list are measured on
	# it. After the two meetings above, so that they keep ids 1 and 2.
	if [ "$reuse" != 1 ]; then
		nh=$((n / 20))
		[ "$nh" -gt 5000 ] && nh=5000
		echo "writing the history of $n cases ($nh decisions)" >&2
		"$BENCH_BIN/bench_history" "$db" "$nh" >"$scratch/history.json" || {
			echo "bench: bench_history failed on $db" >&2
			exit 1
		}
		tee -a "$BENCH_OUT" <"$scratch/history.json"
	fi
	# The quality report of the archive's last year of referrals (the
	# generator's end, 2025-11-14): what finishing a meeting reads for
	# its minutes' line, a year of cases, read through the index of
	# referral dates.
	stat_run report_year "$n" "$TB" --db "$db" report --from 2024-11-15 \
		--to 2025-11-14
	# The second is started on the command line: the clock says
	# 2026-11-30, and the screen asks before it starts a meeting planned
	# for another day (the answer is not part of any key class).
	[ "$reuse" = 1 ] ||
		"$TB" --db "$db" meeting start "$mid" >/dev/null 2>"$scratch/start.err" || {
		cat "$scratch/start.err" >&2
		exit 1
	}
	# the live agenda step is measured on a running meeting, or not at all
	"$TB" --db "$db" meetings | grep ' running ' | grep -qv ' 0 cases' || {
		echo "bench: no meeting with cases runs in $db: the live" \
			"agenda step would not be measured" >&2
		exit 1
	}

	# Cold start to the first screen: CPU time of the process up to the
	# first screen drawn; the whole process (first screen, the forms and
	# knowledge base read after it, quit) in wall time and peak RSS.
	echo "q" >"$scratch/quit.keys"
	"$TB" --db "$db" --script "$scratch/quit.keys" --size 120x40 \
		--dump /dev/null --timing "$scratch/quit.timing"
	fs=$(sed -n 's/.*first_screen_cpu_ms=\([0-9.]*\).*/\1/p' "$scratch/quit.timing")
	printf '{"op":"first_screen","cases":%s,"cpu_ms":%s}\n' "$n" "$fs" |
		tee -a "$BENCH_OUT"
	stat_run tui_cold_start "$n" "$TB" --db "$db" --script "$scratch/quit.keys" \
		--size 120x40 --dump /dev/null

	# Every class of key. Codes: j 106, k 107, Enter 13, Tab 9,
	# BackTab/PgUp/PgDn/Home/End the keymap's codes (tumorboard-keys(5)),
	# r 114, m 109, f 102, ] 93, [ 91, Backspace, Esc 27.
	c() { "$BENCH_BIN/keycode" "$@"; }
	key_class scroll "$n" "" "j*300 k*100" "$(c j k)"
	# every page key moves: 25 screens of 36 rows stay inside the smallest
	# archive (at the end of the list PgDn does nothing and costs little)
	key_class page "$n" "" "PgDn*25 PgUp*25 End PgUp*20 Home PgDn*20 PgUp*20" \
		"$(c PgDn PgUp End Home)"
	key_class open_case "$n" "" "$(repeat 50 'Enter q j')" "$(c Enter)"
	key_class tab "$n" "Enter" "Tab*40 BackTab*40" "$(c Tab BackTab)"
	key_class queue "$n" "" "r*40" "$(c r)"
	key_class meetings "$n" "" "$(repeat 30 'm q')" "$(c m)"
	key_class followup "$n" "" "$(repeat 30 'f q')" "$(c f)"
	key_class agenda "$n" "m" "$(repeat 30 'Enter q')" "$(c Enter)"
	key_class live_step "$n" "m j Enter Enter" "]*10 [*10 ]*10 [*10 ]*10 [*10" "$(c ] [)"
	key_class form_step "$n" "/
type GEN-LUNG
Enter Enter d" "j*30 k*30 j*30 k*30" "$(c j k)"
	key_class search_key "$n" "/" "$(search_keys)" \
		"$(c Backspace a b c d e f g h i j k l m n o p q r s t u v w x y z ä 2 3 4)"
	key_class search_clear "$n" "" "$(repeat 20 '/ e Enter Esc')" "$(c Esc)"
done
echo "results: $BENCH_OUT"
"$BENCH_BIN/benchcheck" "$BENCH_OUT" "$BENCH_TARGET_SIZE"

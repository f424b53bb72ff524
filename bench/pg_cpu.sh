#!/bin/sh
# bench_pg.sh runs bench.sh with this as the program: it runs the real
# one (BENCH_PG_TB) and, for a screen run (--timing FILE), appends to
# BENCH_PG_CPULOG one line "FILE SERVER_TICKS KEYS": the CPU time the
# whole PostgreSQL server (the postmaster BENCH_PG_PM, its live children
# and those it has reaped: utime + stime + cutime + cstime, clock ticks)
# spent during the run, and the number of keys the run timed. A run
# without --timing is the real program, exec'd.
set -u
timing=""
prev=""
for a in "$@"; do
	[ "$prev" = --timing ] && timing=$a
	prev=$a
done
[ -n "$timing" ] || exec "$BENCH_PG_TB" "$@"

# ticks: the server's CPU so far
ticks() {
	pm=$BENCH_PG_PM
	# shellcheck disable=SC2046
	cat /proc/"$pm"/stat $(sed 's|[0-9][0-9]*|/proc/&/stat|g' \
		/proc/"$pm"/task/"$pm"/children) 2>/dev/null |
		awk '{ s += $14 + $15 + $16 + $17 } END { print s + 0 }'
}
t0=$(ticks)
rc=0
"$BENCH_PG_TB" "$@" || rc=$?
# the backend ends after the program has gone
sleep 0.2
t1=$(ticks)
keys=$(grep -c '^key ' "$timing" || true)
echo "$timing $((t1 - t0)) $keys" >>"$BENCH_PG_CPULOG"
exit "$rc"

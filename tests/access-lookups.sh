#!/bin/sh
# The access log's lookups by patient and by case (schema 23) as an
# auditor and a patient use them while screens are open: a screen pages
# through the case list without a pause (its lookups wait for one) and
# every patient it showed is listed by `log --patient` at once, before
# the pause, after it, and after the screen is killed; verify stays clean
# meanwhile; and verify checks the lookups at the cost of reading the
# archive about once, not a page per entry (read calls from the process's
# own count, /proc/PID/io, not a time).
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all tmux tmux
tap_need_all sqlite3 sqlite3
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_archive "$db" || exit 1
"$TB_GENCASES" --seed 7 --per-file 500 1000 "$tmp/gen" >/dev/null || exit 1
"$TB" --db "$db" import "$tmp/gen"/*.xml >/dev/null || exit 1
n=$("$TB" --db "$db" cases --count)

# every entry past $1 of a patient listed by log --patient: the entries
# of each such patient the log held before the extract, at least
listed() {
	l_bad=0
	for l_p in $(sqlite3 "$db" "SELECT DISTINCT p.pnr || ':' || a.patient_id
		FROM access_log a JOIN patient p ON p.id = a.patient_id
		WHERE a.id > $1"); do
		l_want=$(sqlite3 "$db" "SELECT count(*) FROM access_log
			WHERE patient_id = ${l_p#*:}")
		l_got=$("$TB" --db "$db" log --patient "${l_p%%:*}" --lang en |
			grep -c '^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] ')
		[ "$l_got" -ge "$l_want" ] || {
			diag "patient ${l_p#*:}: $l_got listed of $l_want"
			l_bad=1
		}
	done
	return $l_bad
}
newest() { sqlite3 "$db" "SELECT max(id) FROM access_log"; }
mark() { sqlite3 "$db" "SELECT upto FROM access_log_indexed"; }

screen() {
	tmux -u -S "$sock" -f /dev/null new-window -d -t tb -n "$1" \
		"exec env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'"
}
tmux -u -S "$sock" -f /dev/null new-session -d -s tb -x 120 -y 40 "sleep 600"
screen one
check "a screen shows the case list" tmux_wait_for -n 100 -S "$sock" tb:one "row 1 of $n"
tmux_wait_for -n 50 -S "$sock" tb:one "row 1 of $n" >/dev/null
# its first page's lookups in the first pause
i=0
while [ $i -lt 50 ] && [ "$(mark)" != "$(newest)" ]; do
	sleep 0.1
	i=$((i + 1))
done
check "the first page's reads are in the lookups after a pause" test "$(mark)" = "$(newest)"

m0=$(newest)
tmux -S "$sock" send-keys -t tb:one NPage NPage NPage NPage NPage NPage
check "six pages at once" tmux_wait_for -n 100 -S "$sock" tb:one "row $((1 + 6 * 36)) of $n"
check "the patients shown are listed by log --patient at once" listed "$m0"
sleep 1
check "and after the screen's pause" listed "$m0"
check "the pause caught the lookups up" test "$(mark)" = "$(newest)"

# a second screen pages while the first does and verify runs: clean, and
# neither screen waits for the other's write
screen two
tmux_wait_for -n 100 -S "$sock" tb:two "row 1 of $n" >/dev/null
m1=$(newest)
clean=0
for r in 1 2 3 4 5; do
	tmux -S "$sock" send-keys -t tb:one NPage NPage
	tmux -S "$sock" send-keys -t tb:two NPage NPage
	"$TB" --db "$db" verify >"$tmp/v" 2>&1 || {
		clean=1
		diag <"$tmp/v"
	}
done
result "verify stays clean while two screens page" $clean
check "the first screen is not held up" tmux_wait_for -n 100 -S "$sock" tb:one "row $((1 + 16 * 36)) of $n"
check "nor the second" tmux_wait_for -n 100 -S "$sock" tb:two "row $((1 + 10 * 36)) of $n"
check "both screens' patients are listed" listed "$m1"

# killed before its pause: what it logged is listed all the same
pid=$(tmux -S "$sock" display -p -t tb:one '#{pane_pid}')
m2=$(newest)
tmux -S "$sock" send-keys -t tb:one G
tmux_wait_for -n 100 -S "$sock" tb:one "row $n of $n" >/dev/null
kill -9 "$pid"
check "the killed screen's patients are listed" listed "$m2"
check "verify is clean after the kill" "$TB" --db "$db" verify
tmux -S "$sock" send-keys -t tb:two q
sleep 0.5
check "a screen that quits leaves the lookups caught up" test "$(mark)" = "$(newest)"

# a lookup's row put in ahead of its entry (by hand, or by PostgreSQL's
# application role, which may add to the lookups): the entry's own when
# it comes, not a failure of every logged read from then on
c=$("$TB" --db "$db" cases | awk 'NR == 1 { print $1 }')
sqlite3 "$db" "INSERT INTO access_log_by_patient SELECT patient_id,
	(SELECT max(id) + 1 FROM access_log) FROM cases WHERE external_id = '$c'"
check "a read is logged with its lookup's row put in ahead" "$TB" --db "$db" show "$c"
check "and the lookups caught up" test "$(mark)" = "$(newest)"
check "verify is clean after it" "$TB" --db "$db" verify

# verify reads the archive about once for the lookups (each in its own
# order, sorted together), not a page of it per entry: some 40,000
# entries, read calls counted against the archive's pages
i=0
while [ $i -lt 20 ]; do
	"$TB" --db "$db" cases >/dev/null || break
	i=$((i + 1))
done
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
entries=$(newest)
pages=$(sqlite3 "$db" "PRAGMA page_count")
reads=$(sh -c '"$1" --db "$2" verify >/dev/null 2>&1 || exit 1
	sed -n "s/^syscr: //p" /proc/$$/io' sh "$TB" "$db")
diag "verify of $entries entries in $pages pages: $reads read calls"
result "verify of the lookups reads the archive about once ($reads read calls, $pages pages)" \
	$([ "${reads:-0}" -gt 0 ] && [ "$reads" -lt $((pages * 3)) ]; echo $?)
finish

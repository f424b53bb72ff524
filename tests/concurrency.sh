#!/bin/sh
# Several writers at once: parallel imports into a new database, 8
# processes importing, setting form values, signing, amending and adding to
# an agenda, and a short write while another holds the write lock. No
# command may fail or print anything but the waiting notice, no
# acknowledged value may be lost, and the chain must stay intact.
# CONCURRENCY_ROUNDS (default 1) and CONCURRENCY_IMPORTS (default 16) set
# the size; make crashtest runs it larger. CONCURRENCY_SUMMARY=FILE writes
# the figures.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ex="$TB_EXAMPLES"
rounds=${CONCURRENCY_ROUNDS:-1}
imports=${CONCURRENCY_IMPORTS:-16}
waiting="^tumorboard: waiting for another tumorboard to finish writing the database"

# only the waiting notice may reach the user
# (every file named must be there: one missing proves nothing)
quiet_or_waiting() {
	for f in "$@"; do
		lacks "$f" -v "$waiting" || return 1
	done
}

# ---- parallel imports into a new archive (its first administrator only) ---
db="$tmp/new.db"
tb_fixture "$db" || exit 1
i=0
while [ $i -lt "$imports" ]; do
	i=$((i + 1))
	(
		"$TB" --db "$db" import "$ex"/*.xml >/dev/null 2>"$tmp/imp.$i.err"
		echo $? >"$tmp/imp.$i.rc"
	) &
done
wait
failed=0
i=0
while [ $i -lt "$imports" ]; do
	i=$((i + 1))
	if [ "$(cat "$tmp/imp.$i.rc")" != 0 ] || ! quiet_or_waiting "$tmp/imp.$i.err"; then
		failed=$((failed + 1))
		diag <"$tmp/imp.$i.err"
	fi
done
result "$imports parallel imports into a new archive: none fails" $failed
n=$("$TB" --db "$db" cases --count)
result "each case once" $([ "$n" = "$(ls "$ex"/*.xml | wc -l | awk '{ print $1 + 2 }')" ] || [ "$n" -ge 38 ]; echo $?)
check "the chain is intact" "$TB" --db "$db" verify

# ---- 8 writers doing everything at once ---------------------------------------
db="$tmp/tb.db"
tb_fixture "$db" || exit 1
"$TB" --db "$db" import "$ex"/*.xml >/dev/null || exit 1
meeting=$("$TB" --db "$db" meeting add --date 2026-12-10 --start 13:00 --length 120 \
	--board general --level regional --chair "Karin Berg") || exit 1
"$TB" --db "$db" cases | awk '{ print $1 }' | head -n 8 >"$tmp/cases"
check "8 cases to work on" sh -c '[ "$(wc -l <"$0")" = 8 ]' "$tmp/cases"

worker() {
	w=$1 c=$2
	run() {
		"$TB" --db "$db" "$@" >>"$tmp/w$w.out" 2>>"$tmp/w$w.err" ||
			echo "exit $? from: $*" >>"$tmp/w$w.fail"
	}
	run agenda "$meeting" add "$c"
	r=0
	while [ $r -lt "$rounds" ]; do
		r=$((r + 1))
		run import "$ex"/lung-egfr-l858r.xml "$ex"/crc-msi-lynch.xml
		if [ $r -eq 1 ]; then
			run form open "$c" --form general
		else
			last=$("$TB" --db "$db" decision list --case "$c" 2>>"$tmp/w$w.err" | awk 'END { print $1 }')
			run decision amend "$last" --reason "Omgång $r"
		fi
		# a child's performance status is Lansky, an adult's ECOG
		ps=ecog=1
		case $c in *-PED-*) ps=lansky=80 ;; esac
		for kv in "$ps" "discussed=history imaging" recommendation=surgery \
			intent=curative "rationale=Skrivare $w omgång $r" guideline=follows \
			trial-considered=no "contact-nurse=Eva Lind" follow-up-date=+2w; do
			run form set "$c" "${kv%%=*}" "${kv#*=}"
		done
		run decision sign "$c" --attendee "Karin Berg:onkolog" \
			--quorum-override "Prov"
		echo "$c Skrivare $w omgång $r" >>"$tmp/acked"
	done
}
w=0
while read -r c; do
	w=$((w + 1))
	worker $w "$c" &
done <"$tmp/cases"
wait

fails=0
notices=0
for w in 1 2 3 4 5 6 7 8; do
	if [ -s "$tmp/w$w.fail" ]; then
		fails=$((fails + $(wc -l <"$tmp/w$w.fail")))
		diag <"$tmp/w$w.fail"
	fi
	if ! quiet_or_waiting "$tmp/w$w.err"; then
		fails=$((fails + 1))
		diag <"$tmp/w$w.err"
	fi
	notices=$((notices + $(grep -c "$waiting" "$tmp/w$w.err" 2>/dev/null || true)))
done
result "8 writers: no command failed, nothing but the waiting notice shown" $fails
lost=0
# each round's values are in the decision that round signed (a later
# round amends it: a new version, the old one kept)
while read -r c text; do
	found=no
	for id in $("$TB" --db "$db" decision list --case "$c" | awk '{ print $1 }'); do
		"$TB" --db "$db" decision show "$id" 2>&1 | grep -q "$text\( \|$\)" && found=yes
	done
	if [ $found = no ]; then
		diag "lost: $c $text"
		lost=$((lost + 1))
	fi
done <"$tmp/acked"
# every round signed: one decision per round and case
n=$(sqlite3 "$db" "SELECT count(*) FROM decision")
result "every acknowledged value is in the signed decisions (no lost update)" $lost
result "one decision per round and writer" $([ "$n" = $((rounds * 8)) ]; echo $?)
n=$(sqlite3 "$db" "SELECT count(*) FROM agenda_item WHERE meeting_id = $meeting AND status <> 'removed'")
result "all 8 cases on the agenda" $([ "$n" = 8 ]; echo $?)
check "integrity_check ok" sh -c '[ "$(sqlite3 "$0" "PRAGMA integrity_check")" = ok ]' "$db"
check "the chain is intact after the 8 writers" "$TB" --db "$db" verify

# ---- a short write while another holds the lock --------------------------------
c=$(head -n 1 "$tmp/cases")
(
	echo "BEGIN IMMEDIATE;"
	sleep 8
	echo "COMMIT;"
) | sqlite3 "$db" &
holder=$!
sleep 1
"$TB" --db "$db" agenda "$meeting" set "$c" --minutes 15 >"$tmp/out" 2>"$tmp/err"
result "a short write waits out a 7 s lock (the old limit was 5 s)" $?
check "and said it was waiting" grep -q "$waiting" "$tmp/err"
wait $holder
(
	echo "BEGIN IMMEDIATE;"
	sleep 4
	echo "COMMIT;"
) | sqlite3 "$db" &
holder=$!
sleep 1
"$TB" --db "$db" --busy-timeout 1 agenda "$meeting" set "$c" --minutes 20 >"$tmp/out" 2>"$tmp/err"
result "--busy-timeout 1 gives up: exit 6" $([ $? -eq 6 ]; echo $?)
check "and says why and what to do" grep -q "kept the database busy for more than the busy timeout (1 s); nothing was changed" "$tmp/err"
wait $holder
TUMORBOARD_BUSY_TIMEOUT=soon "$TB" --db "$db" cases --count >/dev/null 2>"$tmp/err"
result "a bad TUMORBOARD_BUSY_TIMEOUT is a usage error" $([ $? -eq 2 ]; echo $?)
check "the chain is intact at the end" "$TB" --db "$db" verify

if [ -n "$CONCURRENCY_SUMMARY" ]; then
	echo "parallel imports into a new database: $imports, failed: $failed" >"$CONCURRENCY_SUMMARY"
	echo "writers: 8 x $rounds rounds, commands failed: $fails, lost values: $lost, waiting notices: $notices" >>"$CONCURRENCY_SUMMARY"
fi
finish

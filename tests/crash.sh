#!/bin/sh
# SIGKILL at random moments during import, form set, sign, amend and
# meeting finish. After every kill: PRAGMA integrity_check is ok, verify
# finds the archive intact (every record matches its seal: nothing
# half-written), and the step is run again as a user would. At the end
# every acknowledged value (a command that exited 0) is in the database.
# CRASH_CYCLES (default 2) sets the length; make crashtest runs hundreds
# of kills. CRASH_SUMMARY=FILE writes the figures.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ex="$TB_EXAMPLES"
db="$tmp/tb.db"
cycles=${CRASH_CYCLES:-2}
kills=0
attempts=0
bad=0

random_ms() {
	# 0 .. $1 - 1
	od -An -N2 -tu2 /dev/urandom | awk -v m="$1" '{ print $1 % m }'
}

# after a kill: the file is sound and the chain holds
check_sound() {
	ic=$(sqlite3 -cmd ".timeout 5000" "$db" "PRAGMA integrity_check" 2>&1)
	if [ "$ic" != ok ]; then
		diag "integrity_check after a kill in: $*" "$ic"
		bad=$((bad + 1))
	fi
	if ! "$TB" --db "$db" verify >"$tmp/verify" 2>&1; then
		diag "verify after a kill in: $*"
		diag <"$tmp/verify"
		bad=$((bad + 1))
	fi
}

# step ARGS...: runs the command under a SIGKILL at a random moment
# (start-up, the write or the exit); when it was killed, checks the file
# and runs the command again, to completion.
# The window is 1.2 times the time the last full run of the same command
# took, so that kills fall before, in and after the write.
step() {
	attempts=$((attempts + 1))
	span=$(cat "$tmp/span.$1" 2>/dev/null || echo 150)
	ms=$(random_ms $((span * 12 / 10 + 1)))
	timeout -s KILL "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))" \
		"$TB" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -eq 137 ]; then
		kills=$((kills + 1))
		check_sound "$@"
		t0=$(date +%s%N)
		"$TB" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		echo $((($(date +%s%N) - t0) / 1000000)) >"$tmp/span.$1"
	fi
	if [ $rc -ne 0 ]; then
		# a step whose work the killed run had done already, e.g. a
		# second sign of a signed draft: the state tells
		echo "$rc $*" >>"$tmp/refused"
		cat "$tmp/err" >>"$tmp/refused"
	fi
	return $rc
}

# two versions of three case files, so that every import writes
mkdir "$tmp/v0" "$tmp/v1"
for f in lung-egfr-l858r crc-msi-lynch melanoma-braf-v600e; do
	cp "$ex/$f.xml" "$tmp/v0/$f.xml"
	sed 's|<question>|<question>Omprövning: |' "$ex/$f.xml" >"$tmp/v1/$f.xml"
done
tb_fixture "$db" || exit 1
"$TB" --db "$db" import "$ex"/*.xml >/dev/null || exit 1
"$TB" --db "$db" cases | awk '{ print $1 }' >"$tmp/cases"
ncases=$(wc -l <"$tmp/cases")

k=0
while [ $k -lt "$cycles" ]; do
	k=$((k + 1))
	v=$((k % 2))
	if step import "$tmp/v$v"/*.xml; then
		echo "$v" >"$tmp/imported"
	fi
	c=$(sed -n "$(((k - 1) % ncases + 1))p" "$tmp/cases")
	day=$(printf '%02d' $(((k - 1) % 28 + 1)))
	m=$("$TB" --db "$db" meeting add --date "2027-01-$day" --start 13:00 \
		--length 60 --board general --level regional --chair "Karin Berg") || exit 1
	# a case signed in an earlier cycle is listed again as a re-review
	"$TB" --db "$db" agenda "$m" add "$c" >/dev/null 2>&1 ||
		"$TB" --db "$db" agenda "$m" add "$c" --override "Omprövning" >/dev/null || exit 1
	"$TB" --db "$db" meeting start "$m" >/dev/null 2>&1 || exit 1
	if ! "$TB" --db "$db" decision list --case "$c" | grep -q .; then
		step form open "$c" --form general
	else
		last=$("$TB" --db "$db" decision list --case "$c" | awk 'END { print $1 }')
		step decision amend "$last" --reason "Omgång $k"
	fi
	# a child's performance status is Lansky, an adult's ECOG
	ps=ecog=1
	case $c in *-PED-*) ps=lansky=80 ;; esac
	for kv in "$ps" "discussed=history imaging" recommendation=surgery \
		intent=curative "rationale=Motivering $k" guideline=follows \
		trial-considered=no "contact-nurse=Eva Lind" follow-up-date=+2w; do
		step form set "$c" "${kv%%=*}" "${kv#*=}"
	done
	step decision sign "$c" --meeting "$m" \
		--attendee "Karin Berg:onkolog" --quorum-override "Prov"
	# a sign whose killed run had committed is refused the second time:
	# either way the decision must be there
	echo "signed $c Motivering $k" >>"$tmp/acked"
	if step meeting finish "$m"; then
		echo "finished $m" >>"$tmp/acked"
	fi
done

lost=0
# the last acknowledged import is what the cases say now
q=$(sqlite3 "$db" "SELECT question FROM cases WHERE external_id = 'SKA-LUNG-2026-0001'")
case $q in "Omprövning: "*) now=1 ;; *) now=0 ;; esac
if [ -s "$tmp/imported" ] && [ "$now" != "$(cat "$tmp/imported")" ]; then
	diag "lost: the last import"
	lost=$((lost + 1))
fi
while read -r what a b c2; do
	case $what in
	signed)
		found=no
		for id in $("$TB" --db "$db" decision list --case "$a" | awk '{ print $1 }'); do
			"$TB" --db "$db" decision show "$id" | grep -Eq "$b $c2( |\$)" && found=yes
		done
		if [ $found = no ]; then
			diag "lost: decision of $a with $b $c2"
			lost=$((lost + 1))
		fi
		;;
	finished)
		[ "$(sqlite3 "$db" "SELECT status FROM meeting WHERE id = $a")" = finished ] || {
			diag "lost: meeting $a finished"
			lost=$((lost + 1))
		}
		;;
	esac
done <"$tmp/acked"
# the acknowledged import of the last cycle is the state now
result "$kills kills in $attempts steps: the file sound and the chain intact after each" $bad
result "every acknowledged value is there" $lost
# steps refused after a kill are only those whose work was done already
others=$(grep -v "^[0-9]* " "$tmp/refused" 2>/dev/null |
	grep -v "is signed already\|has a draft already\|not a draft\|no draft\|the meeting is not running\|was amended already" | head -5)
[ -n "$others" ] && diag "$others"
result "a step run again after a kill fails only because its work was done" $([ -z "$others" ]; echo $?)
check "integrity_check ok at the end" sh -c '[ "$(sqlite3 "$0" "PRAGMA integrity_check")" = ok ]' "$db"
check "verify intact at the end" "$TB" --db "$db" verify
if [ -n "$CRASH_SUMMARY" ]; then
	echo "steps: $attempts, killed: $kills, unsound after a kill: $bad, acknowledged values lost: $lost" >"$CRASH_SUMMARY"
fi
diag "steps: $attempts, killed: $kills, unsound after a kill: $bad, acknowledged values lost: $lost"
finish

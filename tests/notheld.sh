#!/bin/sh
# A meeting whose time passed while it was planned was not held: its
# agenda says so in its title (it read as any planned agenda, "ends
# 14:40", its cases stranded on it) and says at once what can be done:
# start it, move it to another day or cancel it (its cases back to the
# referral queue). A meeting still to come reads as before.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
db=$tmp/a.db
tb_archive "$db" meetings || exit 1
# the day after the lung meeting of 2026-11-26 14:00 (meeting 1), before
# the national one of 2026-12-02 (meeting 3)
TUMORBOARD_NOW=2026-11-27T10:00:00Z
export TUMORBOARD_NOW
check "meeting 1 is listed not held" sh -c '"$0" --db "$1" meetings | grep -q "^1 .* not held "' "$TB" "$db"

# row N: the keys that select meeting N on the meetings list
row() {
	tb_meeting_keys "$db" "$1"
}
# screen LANG SIZE KEYS: the dump of KEYS
screen() {
	printf '%s dump\n' "$3" >"$tmp/keys"
	LANGUAGE=$1 "$TB" --db "$db" --script "$tmp/keys" --size "$2" \
		--dump "$tmp/screen" >/dev/null 2>&1
	cat "$tmp/screen"
}
screen en 200x40 "$(row 1) Enter" >"$tmp/en"
check "its agenda's title says NOT HELD" \
	grep -q "tumorboard — agenda 2026-11-26 14:00 lung  NOT HELD  4 of 7 ready" "$tmp/en"
check "  and no end time" sh -c '! sed -n 2p "$0" | grep -q " ends "' "$tmp/en"
check "the status line says what can be done, with the keys" \
	grep -q "Not held: its time passed while it was planned\. S starts it if it is held now; on the meetings list e moves it to another day and C cancels it (its cases go back to the referral queue)" "$tmp/en"
screen sv 200x40 "$(row 1) Enter" >"$tmp/sv"
check "in Swedish: EJ HÅLLET" \
	grep -q "tumorboard — agenda 2026-11-26 14:00 lunga  EJ HÅLLET  4 av 7 klara" "$tmp/sv"
check "  and what can be done" \
	grep -q "Ej hållet: tiden gick medan mötet var planerat\. S startar det" "$tmp/sv"
screen en 80x24 "$(row 1) Enter" >"$tmp/en80"
check "at 80 columns the title is whole" \
	grep -q "^ tumorboard — agenda 2026-11-26 14:00 lung  NOT HELD  4 of 7 ready$" "$tmp/en80"
# a meeting still to come: its end, nothing said
screen en 200x40 "$(row 3) Enter" >"$tmp/coming"
check "a coming meeting's agenda has its end time" \
	sh -c 'sed -n 2p "$0" | grep -q "tumorboard — agenda 2026-12-02 15:00 .* ends "' "$tmp/coming"
check "  and no word of not held" sh -c '! grep -qi "not held" "$0"' "$tmp/coming"
# cancelled on the meetings list: its cases are back in the queue
printf '%s\n' "$(row 1)" C "type Mötet hölls aldrig" Enter dump >"$tmp/keys"
"$TB" --db "$db" --script "$tmp/keys" --size 200x40 --dump "$tmp/cancel" >/dev/null 2>&1
check "C on the meetings list cancels it" grep -q "Meeting 1 cancelled; its cases are back in the referral queue" "$tmp/cancel"
n=$("$TB" --db "$db" cases --status referred | grep -c "LUNG-2026")
check "  and its lung cases are referred again ($n)" test "$n" -ge 6
finish

#!/bin/sh
# The attendance screen: before the meeting has started Enter refuses at
# once (no name asked) and says which key on the agenda starts it; the
# times present are local, as the agenda's; a person recorded twice is
# named in the refusal. And the meetings list plans a meeting (a) when
# it has none yet: actions that need no row work on an empty list.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
# the lung meeting's day, at 14:05 UTC (its start is 14:00)
TUMORBOARD_NOW=2026-11-26T14:05:00Z
export TUMORBOARD_NOW
tb_fixture "$db" || exit 1
"$TB" --db "$db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$db" >/dev/null 2>&1 || exit 1
tb() { "$TB" --db "$db" "$@"; }
m=$(tb meetings | awk '/lung/ && /planned/ { print $1; exit }')
check "the lung meeting ($m) is the first listed, planned" test "$m" = 1
screen() { # keys... : the screen dumped after them, in $tmp/screen
	printf '%s\n' "$@" dump >"$tmp/keys"
	tb --script "$tmp/keys" --size 100x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
}

# ---- before the meeting has started ---------------------------------------
screen m Enter A Enter
result "Enter on the attendance of a planned meeting" $?
check "  refuses at once, naming the agenda's key that starts it" \
	grep -q "The meeting has not started: press S on the agenda to start it" "$tmp/screen"
check "  asks no name first" lacks "$tmp/screen" -e "name?"
check "  no command-line hint" lacks "$tmp/screen" -e "meeting start"
check "  nothing recorded" lacks "$tmp/screen" -e "is present as"
# the key as the user's key file binds it
mkdir -p "$tmp/config/tumorboard"
printf 'bind agenda F2 start-meeting\n' >"$tmp/config/tumorboard/keys"
printf 'm\nEnter\nA\nEnter\ndump\n' >"$tmp/keys"
XDG_CONFIG_HOME="$tmp/config" tb --script "$tmp/keys" --size 100x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
check "  the key as the user's keymap binds it" \
	grep -q "The meeting has not started: press F2 on the agenda to start it" "$tmp/screen"

# ---- the help says where c and L act (the agenda's keys: the attendance
# picker opened from it shares them) ------------------------------------------
screen m Enter ? End
check "help: c is the attendance's, said so" \
	grep -q "in agenda: c  *In the attendance: someone arrives covering for the selected core role" "$tmp/screen"
check "help: so is L" \
	grep -q "in agenda: L  *In the attendance: someone in the selected role leaves" "$tmp/screen"
# and pressed on the agenda itself, they say where they act
screen m Enter c
check "c on the agenda says where arrivals are recorded" \
	grep -q "Arrivals and departures are recorded in the attendance: press A" "$tmp/screen"
screen m Enter L
check "  so does L" \
	grep -q "Arrivals and departures are recorded in the attendance: press A" "$tmp/screen"

# ---- local times, and a person recorded twice -------------------------------
tb meeting start "$m" >/dev/null || exit 1
TZ=Europe/Stockholm
export TZ
screen m Enter A Enter "type Lars Ek" Enter
result "Lars Ek arrives as pulmonologist at 14:05 UTC" $?
check "  the heading says no UTC" lacks "$tmp/screen" -e "UTC"
check "  his time is local, 15:05 in Stockholm, as the agenda's" \
	grep -q "pulmonologist  *core   Lars Ek (15:05)" "$tmp/screen"
screen m Enter A Enter "type lars.ek" Enter
check "recorded again, the refusal names him" \
	grep -q "Not recorded: Lars Ek is present already" "$tmp/screen"
TZ=UTC

# ---- an empty meetings list ------------------------------------------------
empty="$tmp/empty.db"
tb_fixture "$empty" || exit 1
tb_role_users "$empty" || exit 1
printf 'm\ndump\n' >"$tmp/keys"
"$TB" --db "$empty" --script "$tmp/keys" --size 100x30 --dump "$tmp/screen" >/dev/null 2>&1 </dev/null
check "the empty meetings list names the key that plans one" \
	grep -q "No meetings planned. Press a to plan one." "$tmp/screen"
TB_AS=ledamot "$TB_AS_BIN" --db "$empty" --script "$tmp/keys" --size 100x30 --dump "$tmp/screen" >/dev/null 2>&1 </dev/null
check "  but not to a member, who may not plan" sh -c \
	'grep -q "No meetings planned\." "$0" && ! grep -q "Press a" "$0"' "$tmp/screen"
printf 'm\na\ndump\n' >"$tmp/keys"
"$TB" --db "$empty" --script "$tmp/keys" --size 100x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
result "a on an empty meetings list" $?
check "  asks for the new meeting's date" grep -q "Date (YYYY-MM-DD): 2026-11-26" "$tmp/screen"
finish

#!/bin/sh
# Taking a case off a running meeting's agenda. The case being discussed
# (the one the chair has open, what follow mode shows) stays: refused on
# the command line (exit 3) and on the screen, naming the case and why,
# in Swedish too; so does a case with a decision signed at the meeting.
# Any other case comes off on the screen only once a yes-or-no question
# naming it and the meeting is answered yes, and the audit log records
# it. A planned meeting's agenda asks no question. Once the chair has
# moved on, the case that was open comes off.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
# the meeting's day, at 14:05 (its start is 14:00)
TUMORBOARD_NOW=2026-11-26T14:05:00Z
export TUMORBOARD_NOW
tb_archive "$db" meetings || exit 1
tb() { "$TB" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
lung=$(tb meetings | awk '/lung/ && /planned/ { print $1; exit }')
check "the lung meeting is planned" test -n "$lung"
# the agenda's first three cases, in order
open=SKA-LUNG-2026-0001 other=OST-LUNG-2026-0004 decided=HAL-LUNG-2026-0017
# The screen, headless: the keys $1 (a line each), the screens written
# to $tmp/$2.dump.
run() {
	printf '%s\n' "$1" >"$tmp/$2.keys"
	env XDG_CONFIG_HOME="$tmp/config" "$TB" --db "$db" \
		--script "$tmp/$2.keys" --size 100x30 \
		--dump "$tmp/$2.dump" >/dev/null 2>&1
}
on_agenda() { tb agenda "$lung" | grep -q -- "$1"; }
removals() { q "SELECT count(*) FROM audit WHERE action = 'remove'"; }
room() { q "SELECT c.external_id FROM meeting_live l JOIN cases c ON c.id = l.case_id WHERE l.meeting_id = $lung"; }

# ---- a planned meeting: no question, the reason asked at once ---------------
run "m Enter R
dump
Esc" planned
check "planned: R asks why at once" grep -q "Remove $open — why?" "$tmp/planned.dump"
check "planned: no yes-or-no question" lacks "$tmp/planned.dump" -q "(y/n)"
check "planned: the case stays when the reason is not given" on_agenda "$open"

# ---- the chair opens the first case -----------------------------------------
tb meeting start "$lung" >/dev/null || exit 1
# the script ends on the case: a chair who quits leaves the room on it
run "m Enter Enter" chair
check "the chair's case is the room's" test "$(room)" = "$open"

# ---- the command line refuses the case being discussed ----------------------
n=$(removals)
tb agenda "$lung" remove "$open" --reason "Fel patient" >"$tmp/out" 2>"$tmp/err"
result "command line: the case being discussed is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "command line: it names the case, the meeting and why" grep -qx "tumorboard agenda remove: $open is being discussed now at meeting $lung: the chair moves on to another case first" "$tmp/err"
check "command line: nothing printed as done" lacks "$tmp/out" -q removed
check "command line: the case is still on the agenda" on_agenda "$open"
check "command line: no removal in the audit log" test "$(removals)" = "$n"
LANGUAGE=sv tb agenda "$lung" remove "$open" --reason "Fel patient" 2>"$tmp/err.sv"
result "command line, Swedish: refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "command line, Swedish: in Swedish" grep -qx "tumorboard agenda remove: $open diskuteras just nu på möte $lung: ordföranden går vidare till ett annat fall först" "$tmp/err.sv"

# ---- the screen refuses it too, before asking anything ----------------------
run "m Enter R" refused
check "screen: the case being discussed is refused, named, with why" grep -q "Not removed: $open is being discussed now at meeting $lung: the chair" "$tmp/refused.dump"
check "screen: no reason was asked" lacks "$tmp/refused.dump" -q "why?"
check "screen: the case is still on the agenda" on_agenda "$open"
LANGUAGE=sv run "m Enter R" refused.sv
check "screen, Swedish: refused in Swedish" grep -q "Inte borttaget: $open diskuteras just nu på möte $lung" "$tmp/refused.sv.dump"
check "screen: still no removal in the audit log" test "$(removals)" = "$n"

# ---- another case: a question naming it and the meeting ---------------------
run "m Enter j R
dump
n
dump
R y
type Ny DT bokad
Enter" confirm
sed -n '/^--- screen 1 /,/^--- screen 2 /p' "$tmp/confirm.dump" >"$tmp/asked"
check "screen: the question names the case and the running meeting" grep -q "Meeting $lung (lung 2026-11-26) is running: take $other off its agenda? (y/n)" "$tmp/asked"
sed -n '/^--- screen 2 /,/^--- screen 3 /p' "$tmp/confirm.dump" >"$tmp/no"
check "screen: n leaves it, and says so" grep -q "Not removed: $other stays on the agenda" "$tmp/no"
check "screen: y and a reason take it off" grep -q "$other taken off the agenda; the reason is kept" "$tmp/confirm.dump"
check "the case is off the agenda" sh -c '! "$0" --db "$1" agenda "$2" | grep -q "$3"' "$TB" "$db" "$lung" "$other"
check "the removal is in the audit log, once" test "$(removals)" = $((n + 1))
check "the audit entry says a reason was recorded" test "$(q "SELECT detail FROM audit WHERE action = 'remove' ORDER BY id DESC LIMIT 1")" = "removed from the agenda; reason recorded"
check "the reason is kept with the item" test "$(q "SELECT a.note FROM agenda_item a JOIN cases c ON c.id = a.case_id WHERE c.external_id = '$other' AND a.meeting_id = $lung")" = "Ny DT bokad"
LANGUAGE=sv run "m Enter j R
dump
n" confirm.sv
check "screen, Swedish: the question in Swedish" grep -q "Möte $lung (.* 2026-11-26) pågår: ta bort $decided från dess agenda? (j/n)" "$tmp/confirm.sv.dump"
check "screen, Swedish: n leaves it" on_agenda "$decided"

# ---- a case decided at the meeting stays --------------------------------------
tb form open "$decided" >/dev/null || exit 1
for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
	operability=operable recommendation=lobectomy intent=curative \
	guideline=follows trial-considered=no "contact-nurse=Lena Holm" \
	follow-up-date=+2w "findings=" "rationale=Enligt riktlinje."; do
	tb form set "$decided" "${kv%%=*}" "${kv#*=}" >/dev/null || exit 1
done
tb meeting attend "$lung" "Eva Lind" onkolog >/dev/null || exit 1
tb decision sign "$decided" --meeting "$lung" --quorum-override "Testmöte" >/dev/null || exit 1
tb agenda "$lung" remove "$decided" --reason "Fel" 2>"$tmp/err"
result "command line: a case decided at the meeting is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "command line: it says why" grep -qx "tumorboard agenda remove: $decided has a decision signed at meeting $lung: it stays on that agenda, the record of where it was decided" "$tmp/err"
run "m Enter j R" decided
check "screen: a case decided at the meeting is refused, with why" grep -q "Not removed: $decided has a decision signed at meeting $lung" "$tmp/decided.dump"
check "it is still on the agenda" on_agenda "$decided"

# ---- the chair moves on: the case that was open comes off --------------------
run "m Enter j Enter" moved
check "the chair's case is now another" test "$(room)" = "$decided"
check "command line: the case the chair left comes off" sh -c '"$0" --db "$1" agenda "$2" remove "$3" --reason "Fel patient" | grep -qx "$3 removed from meeting $2"' "$TB" "$db" "$lung" "$open"
check "the removals in the audit log: two" test "$(removals)" = $((n + 2))
finish

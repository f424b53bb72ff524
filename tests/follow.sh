#!/bin/sh
# Follow mode, as the room sees it: the chair runs the meeting on one
# terminal (its own tmux server), the projector runs `tumorboard follow
# MEETING` on another. The follow screen shows the case the chair opens,
# masked, with the meeting's clock, and moves with the chair within a
# second without a key; back on the agenda it says so. It is read only
# (Tab and BackTab move between the case's tabs, and change nothing);
# every case it shows is in the access log as a read; a member reading
# ahead does not move it; a member of another board sees the meeting but
# not the case; someone who may not see meetings may not follow.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all tmux tmux
tmp=$(mktemp -d)
trap 'for s in chair room member other lapse; do tmux -L "tbf$$$s" kill-server 2>/dev/null; done; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
TUMORBOARD_NOW=2026-11-26T14:05:00Z
export TUMORBOARD_NOW
tb_archive "$db" meetings || exit 1
tb() { "$TB" --db "$db" "$@"; }
as() { who=$1; shift; TB_AS=$who "$TB_AS_BIN" --db "$db" "$@"; }
me=$(id -un)
tb user add ledamot --name "Lars Ek" --title lungläkare --role member --board lung >/dev/null || exit 1
tb user add brost --name "Sara Holm" --title bröstkirurg --role member --board breast >/dev/null || exit 1
tb user add revisor --name "Ali Nasser" --title revisor --role auditor >/dev/null || exit 1
lung=$(tb meetings | awk '/lung/ && /planned/ { print $1; exit }')
check "the lung meeting is planned" test -n "$lung"
first=SKA-LUNG-2026-0001 second=OST-LUNG-2026-0004
# the second case has a slot of its own: its clock runs against it
tb agenda "$lung" set "$second" --minutes 10 >/dev/null || exit 1
reads() { sqlite3 "$db" "SELECT count(*) FROM access_log a JOIN cases c ON c.id = a.case_id WHERE a.what = 'screen-case' AND c.external_id = '$1' AND a.who = '${2:-$me}'"; }

# ---- before the meeting runs ------------------------------------------------
start() {
	name=$1
	shift
	tmux -L "tbf$$$name" -f /dev/null new-session -d -s tb -x 100 -y 30 \
		"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW $*; echo EXITED \$?; sleep 30"
}
on=room
screen() { tmux -L "tbf$$$on" capture-pane -p -t tb; }
keys() { tmux -L "tbf$$$on" send-keys -t tb "$@"; }
wait_for() { tmux_wait_for -L "tbf$$$on" tb "$1"; }
now_ms() { date +%s%3N; }
# within a second of $2 (now_ms when the chair's key was sent)
in_time() {
	while [ $(($(now_ms) - $2)) -le 1000 ]; do
		screen | grep -q -- "$1" && return 0
		sleep 0.02
	done
	screen | diag
	return 1
}
start room "'$TB' --db '$db' follow $lung"
check "follow: a planned meeting has nothing to follow yet" wait_for "FOLLOW lung 2026-11-26  the meeting has not started"
tb meeting start "$lung" >/dev/null || exit 1
check "follow: the meeting started elsewhere shows as running, no case open" \
	wait_for "FOLLOW lung 2026-11-26  LIVE  60 min left"
check "follow: it says the chair has no case open" wait_for "The chair has no case open"
check "follow: with no case shown, no Tab among the hints" \
	sh -c '! tmux -L "$0" capture-pane -p -t tb | grep -q "Tab next tab"' "tbf$$room"

# ---- the chair moves, the room follows --------------------------------------
start chair "'$TB' --db '$db'"
on=chair
wait_for "tumorboard — cases (" >/dev/null
keys m
wait_for "tumorboard — meetings" >/dev/null
keys Enter
check "chair: the live agenda" wait_for "LIVE lung  0/7 done"
keys Enter
t0=$(now_ms)
check "chair: the first case open" wait_for "LIVE $first"
on=room
check "follow: the chair's case shows within a second, without a key" in_time "FOLLOW lung 2026-11-26  LIVE  ⏱ 0:00/6 min  60 min left  $first" "$t0"
check "follow: the patient's banner, the identity number masked" wait_for "Åström, Märta   19560312-\*\*\*\*"
check "follow: the whole case (readiness, the question)" wait_for "QUESTION TO THE BOARD\|READINESS"
check "follow: the case shown is logged as read by the one following" test "$(reads "$first")" -eq 2
on=chair
keys ]
t0=$(now_ms)
on=room
check "follow: the chair's next case within a second, against its own slot" in_time "LIVE  ⏱ 0:00/10 min  60 min left  $second" "$t0"
on=chair
check "chair: the next case's clock against its own slot, not the board's 6 minutes" \
	wait_for "LIVE $second .*⏱ 0:00/10 min"
on=room
check "follow: its banner" wait_for "Haddad, Amira   19720214-\*\*\*\*"
check "follow: logged as read too" test "$(reads "$second")" -eq 2

# ---- read only ----------------------------------------------------------------
keys d
check "follow: read only: a key that would act says so" wait_for "Follow mode is read only"
check "follow: no draft was opened" test "$(sqlite3 "$db" "SELECT count(*) FROM form_instance")" -eq 0
# nor does the command line open another case over it (where d decides)
keys :
keys -l "case SLL-LUNG-2026-0031"
keys Enter
check "follow: read only: the command line's case is refused, said so" wait_for "Follow mode is read only"
check "follow: no case view opened over it" sh -c '! tmux -L "$0" capture-pane -p -t tb | grep -q "tumorboard — case"' "tbf$$room"
check "follow: still following the chair's case" wait_for "LIVE  ⏱ 0:00/10 min  60 min left  $second"
keys d
check "follow: still no draft" test "$(sqlite3 "$db" "SELECT count(*) FROM form_instance")" -eq 0
keys i
sleep 0.3
check "follow: the identity number stays masked" sh -c '! tmux -L "$0" capture-pane -p -t tb | grep -q "19720214-[0-9]"' "tbf$$room"

# ---- the case's tabs: this screen's own, as on the case view ------------------
keys Tab
check "follow: Tab moves to the case's next tab" wait_for "^ All  \[Summary\]  Pathology"
screen >"$tmp/tab.screen"
check "  not refused as a change" lacks "$tmp/tab.screen" "read only"
keys Tab Tab
check "follow: Tab again, the molecular findings' tab" wait_for "\[Molecular ([0-9]*)\]"
screen >"$tmp/tab.screen"
check "  its part of the case" grep -q "^MOLECULAR FINDINGS" "$tmp/tab.screen"
check "  alone" lacks "$tmp/tab.screen" "QUESTION TO THE BOARD"
check "  under the patient's banner" grep -q "Haddad, Amira   19720214-\*\*\*\*" "$tmp/tab.screen"
check "follow: the hints say Tab moves to the next tab" grep -q "Tab next tab" "$tmp/tab.screen"
check "  and that q stops following" grep -q "q stop following" "$tmp/tab.screen"
check "  not a pane, not back" lacks "$tmp/tab.screen" "next pane\|q back"
keys BTab BTab BTab
check "follow: BackTab back to the whole case" wait_for "^\[All\]  Summary"
check "follow: the tabs read nothing more, logged no more" test "$(reads "$second")" -eq 2
check "follow: and opened no draft" test "$(sqlite3 "$db" "SELECT count(*) FROM form_instance")" -eq 0

# ---- a member reading ahead does not move the room ----------------------------
start member "env TB_AS=ledamot '$TB_AS_BIN' --db '$db'"
on=member
wait_for "tumorboard — cases (" >/dev/null
keys m
wait_for "tumorboard — meetings" >/dev/null
keys Enter Down Down Enter
check "member: a case opened from the live agenda" wait_for "LIVE HAL-LUNG-2026-0017"
sleep 1
on=room
check "follow: still on the chair's case" wait_for "LIVE  ⏱ 0:00/10 min  60 min left  $second"
check "follow: the member's case is not shown" sh -c '! tmux -L "$0" capture-pane -p -t tb | grep -q "HAL-LUNG-2026-0017"' "tbf$$room"
# the clocks are the room's: the member's step starts none and stops none
# (it started its case's clock and stopped the chair's)
item_of() { sqlite3 "$db" "SELECT a.id FROM agenda_item a JOIN cases c ON c.id = a.case_id WHERE a.meeting_id = $lung AND c.external_id = '$1'"; }
check "member: reading ahead starts no clock" \
	test "$(sqlite3 "$db" "SELECT count(*) FROM agenda_time WHERE item_id = $(item_of HAL-LUNG-2026-0017)")" -eq 0
check "member: the chair's case's clock still runs" \
	test "$(sqlite3 "$db" "SELECT count(*) FROM agenda_time WHERE item_id = $(item_of "$second") AND ended IS NULL")" -eq 1
check "member: the room's case stays the chair's" \
	test "$(sqlite3 "$db" "SELECT c.external_id FROM meeting_live l JOIN cases c ON c.id = l.case_id WHERE l.meeting_id = $lung")" = "$second"

# ---- the case changes elsewhere: the room shows it ----------------------------
on=room
check "follow: the chair's case is listed" wait_for "status listed"
tb form open "$second" >/dev/null || exit 1
t0=$(now_ms)
tb form set "$second" note "Utkast" >/dev/null || exit 1
check "follow: a draft saved elsewhere shows within a second, without a key" \
	in_time "status decision draft" "$t0"
check "follow: read again, not logged again" test "$(reads "$second")" -eq 2

# ---- a member of another board: the meeting, not the case ----------------------
start other "env TB_AS=brost '$TB_AS_BIN' --db '$db' follow $lung"
on=other
check "another board's member follows the meeting" wait_for "FOLLOW lung 2026-11-26  LIVE"
check "but is not shown the case outside their care" wait_for "The case the chair has open is not shown here"
check "  told why and where to open it (follow mode opens nothing)" wait_for "is not in your care, and following the meeting"
check "  not told to open it again here" sh -c '! tmux -L "$0" capture-pane -p -t tb | grep -q "open the case again"' "tbf$$other"
check "and no case of the meeting is on the screen" sh -c '! tmux -L "$0" capture-pane -p -t tb | grep -q "Haddad"' "tbf$$other"
keys q
check "another board's member leaves with q" wait_for "EXITED 0"

# ---- a follower who sees the case only under an emergency access ---------------
# A grant that ends a few seconds from now on the real clock, made by the
# program (show --emergency) with its clock set back by the grant's hours
# (roles.xml: 4): follow shows the chair's case under it; when it ends,
# without a key, follow stops showing the patient, says why, and reads and
# logs nothing more of the case.
utc() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
t0=$(date +%s)
TUMORBOARD_NOW=$(utc $((t0 + 8 - 4 * 3600))) TB_AS=brost "$TB_AS_BIN" --db "$db" \
	--emergency "jour, akut" show "$second" >/dev/null 2>&1
result "emergency follow: a grant for the chair's case" $?
grant=$(sqlite3 "$db" "SELECT max(id) FROM emergency_access")
check "  ending $(utc $((t0 + 8)))" test "$(sqlite3 "$db" "SELECT until FROM emergency_access WHERE id = $grant")" = "$(utc $((t0 + 8)))"
logged() { sqlite3 "$db" "SELECT count(*) FROM access_log a JOIN cases c ON c.id = a.case_id WHERE a.who = 'brost' AND c.external_id = '$second'"; }
start lapse "env -u TUMORBOARD_NOW TB_AS=brost '$TB_AS_BIN' --db '$db' follow $lung"
on=lapse
check "emergency follow: the chair's case shown under the grant" wait_for "Haddad, Amira   19720214-\*\*\*\*"
check "  its read logged under the grant" test "$(sqlite3 "$db" "SELECT count(*) FROM access_log WHERE emergency_id = $grant AND what = 'screen-case'")" -ge 1
check "  when the grant ends, without a key, the status line says why" \
	tmux_wait_for -n 150 -L "tbf$$lapse" tb "The emergency access ended at $(utc $((t0 + 8))): the case is no longer shown"
before=$(logged)
screen >"$tmp/lapse.screen"
check "  the follow screen stays, on the meeting" grep -q "FOLLOW lung 2026-11-26  LIVE" "$tmp/lapse.screen"
check "  and says why the case is not shown" grep -q "not shown here" "$tmp/lapse.screen"
check "  nothing of the patient is on the screen" lacks "$tmp/lapse.screen" -e "Haddad" -e "19720214" -e "$second"
keys j k G g
sleep 1.5
screen >"$tmp/lapse2.screen"
check "  a second later, and after keys, follow is still on the meeting" grep -q "FOLLOW lung 2026-11-26  LIVE" "$tmp/lapse2.screen"
check "  with nothing of the patient" lacks "$tmp/lapse2.screen" -e "Haddad" -e "19720214" -e "$second"
result "  nothing more read or logged of the case" $([ "$(logged)" -eq "$before" ]; echo $?)
keys q
check "  q leaves" wait_for "EXITED 0"
on=room

# ---- back on the agenda, then the meeting finished ------------------------------
on=chair
keys q
t0=$(now_ms)
on=room
check "follow: the chair back on the agenda within a second" in_time "The chair has no case open" "$t0"
tb meeting finish "$lung" >/dev/null 2>&1
check "follow: the meeting finished elsewhere" wait_for "FOLLOW lung 2026-11-26  the meeting is finished"
check "follow: it says the meeting has ended" wait_for "Nothing to follow: the meeting has ended"
screen >"$tmp/ended.screen"
check "  not that it shows the case the chair opens once it runs" lacks "$tmp/ended.screen" "the chair opens"
keys q
check "follow: q leaves" wait_for "EXITED 0"

# ---- who may follow ------------------------------------------------------------
as revisor follow "$lung" >/dev/null 2>"$tmp/err"
result "follow without meeting.read is refused (exit 9)" $([ $? -eq 9 ]; echo $?)
check "and names the permission" grep -q "meeting.read" "$tmp/err"
tb follow 999 2>"$tmp/err" >/dev/null
result "follow of no such meeting exits 4" $([ $? -eq 4 ]; echo $?)
check "and says so" grep -q "no meeting 999" "$tmp/err"
tb follow 2>"$tmp/err" >/dev/null
result "follow without a meeting is a usage error (exit 2)" $([ $? -eq 2 ]; echo $?)
check "every change of the room's case is in the audit log" test "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'current' AND entity = 'meeting' AND entity_id = $lung")" -ge 3
# a cancelled meeting is said to be cancelled, not "not started"
gone=$(tb meetings | awk '/planned/ && !/lung/ { print $1; exit }')
check "another meeting is planned" test -n "$gone"
tb meeting cancel "$gone" --reason "no cases" >/dev/null || exit 1
printf 'dump\nq\n' >"$tmp/gone.keys"
"$TB" --db "$db" --script "$tmp/gone.keys" --size 100x30 \
	--dump "$tmp/gone" follow "$gone" >/dev/null 2>&1
check "follow: a cancelled meeting's title says it was cancelled" \
	grep -q "FOLLOW .*  the meeting was cancelled" "$tmp/gone"
check "follow: and the screen says so, not that it will run" \
	grep -q "Nothing to follow: the meeting was cancelled." "$tmp/gone"
"$TB" --db "$db" verify >"$tmp/verify" 2>&1; r=$?; [ $r -eq 0 ] || diag <"$tmp/verify"; result "the chain is intact" $r
finish

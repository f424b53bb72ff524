#!/bin/sh
# Live updates across terminals: an idle screen (tmux, no key pressed)
# shows within a second what the command line changes in the same
# archive — the agenda's order and a case's readiness, attendance and the
# quorum of the running meeting, a draft's values, a decision signed, a
# case taken off the agenda (on the agenda and in the live step's title:
# its count and next case; the case open there is refused). The
# screen looks at the store's data version every quarter second while it
# waits for a key and reloads the view on top only when it moved.
# LIVE_WITHIN (seconds, default 1) is the bound.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all tmux tmux
tmp=$(mktemp -d)
trap 'tmux -L "tblive$$" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
within=${LIVE_WITHIN:-1}
# the meeting's day, at 14:05 (its start is 14:00)
TUMORBOARD_NOW=2026-11-26T14:05:00Z
export TUMORBOARD_NOW
tb_archive "$db" meetings || exit 1
tb() { "$TB" --db "$db" "$@"; }
lung=$(tb meetings | awk '/lung/ && /planned/ { print $1; exit }')
check "the lung meeting is planned" test -n "$lung"
tb meeting start "$lung" >/dev/null || exit 1

T="tmux -L tblive$$"
screen() { $T capture-pane -p -t tb; }
wait_for() { tmux_wait_for -L "tblive$$" tb "$1"; }
now_ms() { date +%s%3N; }
# Waits up to 5 s for pattern $1 and prints the milliseconds it took from
# $2 (a now_ms taken when the change was committed).
took() {
	while :; do
		if screen | grep -q -- "$1"; then
			echo $(($(now_ms) - $2))
			return 0
		fi
		[ $(($(now_ms) - $2)) -gt 5000 ] && break
		sleep 0.02
	done
	screen | diag >&2
	echo 99999
	return 1
}
# "desc" ms: within the bound
in_time() {
	diag "$1: ${2} ms"
	result "$1 (within ${within} s)" $([ "$2" -le $((within * 1000)) ]; echo $?)
}

$T -f /dev/null new-session -d -s tb -x 110 -y 30 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'; echo EXITED \$?; sleep 30"
check "the case list is drawn" wait_for "tumorboard — cases ("
$T send-keys -t tb m
check "the meetings are drawn" wait_for "tumorboard — meetings"
$T send-keys -t tb Enter
check "the live agenda is drawn" wait_for "LIVE lung  0/7 done"
check "it is not quorate" wait_for "NOT QUORATE (6 core roles missing)"

# ---- the agenda's order ----------------------------------------------------
last=ORE-LUNG-2026-0021
# the selection is on the first case; its detail line names it
first=$(screen | sed -n 's/^ *\([A-Z]*-[A-Z]*-[0-9]*-[0-9]*\): .*/\1/p')
check "the first case is selected, not the one to be moved" sh -c 'test -n "$1" && test "$1" != "$2" && tmux -L "$0" capture-pane -p -t tb | sed -n 3p | grep -q "$1"' "tblive$$" "$first" "$last"
tb agenda "$lung" move "$last" 1 >/dev/null
t0=$(now_ms)
ms=$(took "1  14:05  10 min  $last" "$t0")
in_time "agenda order: a case moved elsewhere is shown first" "$ms"
# the selection stays on the case it was on, now the second row, not on
# the row number (a key would act on another patient)
check "the selection follows its case down the agenda" sh -c 'tmux -L "$0" capture-pane -p -t tb | grep -q "^ *$1: "' "tblive$$" "$first"
check "the moved case is not the one selected" sh -c '! tmux -L "$0" capture-pane -p -t tb | grep -q "^ *$2: "' "tblive$$" "$last"

# ---- a case's readiness ---------------------------------------------------
# OST-LUNG-2026-0004 lacks current imaging; its file sent again with a
# new CT makes it ready
check "a case is not ready for lack of imaging" sh -c \
	'"$0" --db "$1" agenda "$2" --check | grep -A1 OST-LUNG-2026-0004 | grep -q "Current imaging"' "$TB" "$db" "$lung"
check "the agenda shows it not ready" wait_for "OST-LUNG-2026-0004 .* 1 missing"
ready_before=$(screen | grep -c "ready")
sed 's/date="2026-08-18"/date="2026-11-20"/' "$TB_EXAMPLES/lung-ros1-cd74.xml" >"$tmp/ros1.xml"
check "the new imaging date is in the file" grep -q 'date="2026-11-20"' "$tmp/ros1.xml"
tb import "$tmp/ros1.xml" >/dev/null
t0=$(now_ms)
ms=$(took "OST-LUNG-2026-0004 .* ready" "$t0")
in_time "readiness: a case made ready elsewhere shows ready" "$ms"
check "one more case is ready" test "$(screen | grep -c "ready")" -gt "$ready_before"

# ---- attendance and quorum --------------------------------------------------
tb meeting attend "$lung" "Eva Lind" thoraxkirurg >/dev/null
t0=$(now_ms)
ms=$(took "NOT QUORATE (5 core roles missing)" "$t0")
in_time "quorum: an arrival recorded elsewhere changes the quorum" "$ms"
for who in "Karin Berg:onkolog" "Lars Ek:lungmedicinare" "Sara Holm:radiolog" "Ali Nasser:patolog"; do
	tb meeting attend "$lung" "${who%%:*}" "${who#*:}" >/dev/null
done
tb meeting attend "$lung" "Lena Holm" kontaktsjuksköterska >/dev/null
t0=$(now_ms)
ms=$(took "LIVE lung .* min left  quorate" "$t0")
in_time "quorum: the board quorate once the last core role arrives" "$ms"
check "and no longer says NOT QUORATE" sh -c '! tmux -L "$0" capture-pane -p -t tb | head -1 | grep -q "NOT QUORATE"' "tblive$$"

# ---- a draft's values -----------------------------------------------------
c=SKA-LUNG-2026-0001
tb form open "$c" >/dev/null || exit 1
$T send-keys -t tb :
$T send-keys -t tb -l "case $c"
$T send-keys -t tb Enter d
check "the decision form is open" wait_for "Lung cancer MDT – decision (lung 4)"
tb form set "$c" rationale "Skriven i ett annat fönster." >/dev/null
t0=$(now_ms)
ms=$(took "Rationale  *Skriven i ett annat fönster." "$t0")
in_time "draft: a value set elsewhere shows in the open form" "$ms"
check "draft: marked beside the field" wait_for "Rationale  *Skriven i ett annat fönster.  *changed elsewhere"

# ---- a decision signed ------------------------------------------------------
for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
	operability=operable recommendation=lobectomy intent=curative \
	guideline=follows trial-considered=no "contact-nurse=Lena Holm" \
	follow-up-date=+2w "findings="; do
	tb form set "$c" "${kv%%=*}" "${kv#*=}" >/dev/null || exit 1
done
$T send-keys -t tb Escape
check "back on the case view" wait_for "Case $c"
tb decision sign "$c" --meeting "$lung" >/dev/null || echo "sign failed" | diag
t0=$(now_ms)
ms=$(took "status signed" "$t0")
in_time "decision: a decision signed elsewhere shows on the open case" "$ms"
check "decision: the case view lists it" wait_for "Decisions (1)"

# ---- a case taken off the agenda elsewhere -----------------------------------
# the order now: ORE-0021, SKA-0001 (decided), OST-0004, HAL-0017,
# SLL-0031, VGR-0019, SLL-0044
$T send-keys -t tb Escape
check "back on the live agenda" wait_for "LIVE lung  1/7 done"
tb agenda "$lung" remove VGR-LUNG-2026-0019 --reason "Ny DT bokad" >/dev/null
t0=$(now_ms)
ms=$(took "LIVE lung  1/6 done" "$t0")
in_time "agenda: a case taken off elsewhere leaves the chair's agenda" "$ms"
check "agenda: it is no longer listed" sh -c '! tmux -L "$0" capture-pane -p -t tb | grep -q VGR-LUNG-2026-0019' "tblive$$"
# the live step: the chair on the second case, the next one taken off
$T send-keys -t tb g Enter
check "live step: the first case open" wait_for "LIVE ORE-LUNG-2026-0021  1/6 .* next SKA-LUNG-2026-0001"
$T send-keys -t tb ]
check "live step: the second case, the third next" wait_for "LIVE SKA-LUNG-2026-0001  2/6 .* next OST-LUNG-2026-0004"
tb agenda "$lung" remove OST-LUNG-2026-0004 --reason "Fel MDK" >/dev/null
t0=$(now_ms)
ms=$(took "LIVE SKA-LUNG-2026-0001  2/5 .* next HAL-LUNG-2026-0017" "$t0")
in_time "live step: a case taken off elsewhere leaves the count and the next case" "$ms"
# the case on the chair's screen stays, refused on the command line
tb agenda "$lung" remove SKA-LUNG-2026-0001 --reason "Fel" 2>"$tmp/err"
result "live step: the case the chair has open is not taken off (exit 3)" $([ $? -eq 3 ]; echo $?)
check "live step: refused as being discussed now" grep -q "SKA-LUNG-2026-0001 is being discussed now at meeting $lung" "$tmp/err"
$T send-keys -t tb ]
check "live step: ] goes to the case now next" wait_for "LIVE HAL-LUNG-2026-0017  3/5"

$T send-keys -t tb q q q q q
check "quits" wait_for "EXITED 0"
finish

#!/bin/sh
# D at a running meeting while the case is dealt with elsewhere. The
# coordinator (two cases listed, no later meeting of the board planned)
# presses D and types the reason; before Enter, another terminal records
# the case not discussed. Enter reads the case again: the deferral is
# refused with what changed, no question follows and no meeting is
# planned. The same once the date of the meeting to plan is asked: the
# case dealt with while the date was asked, nothing is planned. A case
# still listed is deferred to the meeting planned. On the screen (tmux)
# and the command line, with tests/tumorboard-as.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all tmux tmux
tmp=$(mktemp -d)
T="tmux -L tbdefer$$"
trap '$T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
AS=$TB_AS_BIN
[ -x "$AS" ] || {
	echo "Bail out! $AS missing"
	exit 1
}
tb_fixture "$db" || exit 1
tb_role_users "$db" || exit 1
"$TB" --db "$db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
m=$("$TB" --db "$db" meeting add --date 2026-11-23 --start 09:00 --length 60 \
	--board lung --level regional) || exit 1
for c in SKA-LUNG-2026-0001 SLL-LUNG-2026-0031 VGR-LUNG-2026-0019; do
	"$TB" --db "$db" agenda "$m" add "$c" >/dev/null || exit 1
done
"$TB" --db "$db" meeting start "$m" >/dev/null || exit 1
wait_for() { tmux_wait_for -L "tbdefer$$" tb "$1"; }
pane() { $T capture-pane -p -t tb; }
no_plan() { ! pane | grep -q "Plan one now?"; }
meetings() { sqlite3 "$db" "SELECT count(*) FROM meeting"; }
status_of() {
	sqlite3 "$db" "SELECT a.status FROM agenda_item a JOIN cases c ON c.id = a.case_id WHERE a.meeting_id = $m AND c.external_id = '$1'"
}

$T -f /dev/null new-session -d -s tb -x 160 -y 30 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TB_AS=koord '$AS' --db '$db'; echo EXITED \$?; sleep 30"
check "the case list is drawn" wait_for "tumorboard — cases ("
$T send-keys -t tb m
check "the meetings are drawn" wait_for "tumorboard — meetings"
$T send-keys -t tb Enter
check "the live agenda is drawn" wait_for "SKA-LUNG-2026-0001"

# ---- dealt with while the reason is typed -----------------------------------
$T send-keys -t tb D
check "D asks the reason" wait_for "Defer — why?"
$T send-keys -t tb -l "Ny PET-CT"
check "the reason is typed" wait_for "Defer — why? Ny PET-CT"
"$TB" --db "$db" agenda "$m" not-discussed SKA-LUNG-2026-0001 \
	--reason "Standardbehandling" >/dev/null
result "elsewhere: the case is recorded not discussed" $?
$T send-keys -t tb Enter
check "Enter: the deferral is refused with what changed" \
	wait_for "Not recorded: SKA-LUNG-2026-0001 was recorded not discussed meanwhile"
check "no question to plan a meeting follows" no_plan
check "no meeting is planned" [ "$(meetings)" = 1 ]
check "the case stays not discussed" [ "$(status_of SKA-LUNG-2026-0001)" = not-discussed ]

# ---- dealt with while the date of the meeting to plan is asked --------------
$T send-keys -t tb Home j
sleep 0.3
$T send-keys -t tb D
check "D on the next case asks the reason" wait_for "Defer — why?"
$T send-keys -t tb -l "Ny PET-CT"
$T send-keys -t tb Enter
check "none planned: asked whether to plan one" wait_for "Plan one now?"
$T send-keys -t tb y
check "y: the date is asked" wait_for "Next meeting's date"
"$TB" --db "$db" agenda "$m" not-discussed SLL-LUNG-2026-0031 \
	--reason "Standardbehandling" >/dev/null
result "elsewhere: the second case is recorded not discussed" $?
$T send-keys -t tb Enter
check "the date answered: the deferral is refused with what changed" \
	wait_for "Not recorded: SLL-LUNG-2026-0031 was recorded not discussed meanwhile"
check "and no meeting is planned for it" [ "$(meetings)" = 1 ]

# ---- a case still listed: the meeting planned, the case deferred to it ------
$T send-keys -t tb Home j j
sleep 0.3
$T send-keys -t tb D
check "D on the third case asks the reason" wait_for "Defer — why?"
$T send-keys -t tb -l "Ny PET-CT"
$T send-keys -t tb Enter
check "asked whether to plan one" wait_for "Plan one now?"
$T send-keys -t tb y
check "the date is asked" wait_for "Next meeting's date"
$T send-keys -t tb Enter
check "the case is deferred" wait_for "VGR-LUNG-2026-0019 deferred to the"
check "one meeting is planned" [ "$(meetings)" = 2 ]
check "the case is deferred there" [ "$(status_of VGR-LUNG-2026-0019)" = deferred ]
pane | diag
finish

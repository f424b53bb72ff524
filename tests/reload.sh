#!/bin/sh
# Views reload what changed: two processes on one archive. The screen runs
# in tmux; the command line writes while it shows the case list, the
# referral queue, the meetings and an agenda, and the screen shows the
# change without a key being pressed (it watches the store's data
# version), so that what is on screen is never older than what a key will
# act on.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all tmux tmux
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
late="$TB_EXAMPLES/melanoma-nras.xml"
for f in "$TB_EXAMPLES"/*.xml; do
	[ "$f" = "$late" ] || echo "$f"
done >"$tmp/files"
check "the case imported later is a sample" test -f "$late"
# shellcheck disable=SC2046
tb_fixture "$db" || exit 1
"$TB" --db "$db" import $(cat "$tmp/files") >/dev/null || exit 1
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$db" >/dev/null || exit 1
tb() { "$TB" --db "$db" "$@"; }

screen() { tmux -S "$sock" capture-pane -p -t tb; }
wait_for() { tmux_wait_for -S "$sock" tb "$1"; }
# the number in the title: "cases (37)" → 37
title_count() { screen | sed -n '1s/.*(\([0-9][0-9]*\)).*/\1/p'; }

tmux -u -S "$sock" -f /dev/null new-session -d -s tb -x 100 -y 30 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'; echo EXITED \$?; sleep 30"
check "the case list is drawn" wait_for "tumorboard — cases ("
n=$(title_count)
tb import "$late" >/dev/null
check "case list: a case imported elsewhere is counted without a key" \
	wait_for "tumorboard — cases ($((n + 1)))"

tmux -S "$sock" send-keys -t tb r
check "the referral queue is drawn" wait_for "tumorboard — referral queue ("
q=$(title_count)
# the queue was read ahead when the screen started (view_list_queue_ahead),
# before the import: the first r shows it as it is now
check "the first r counts the queue as it is now ($q)" \
	test "$q" = "$(tb cases --queue --count)"
lung=$(tb meetings | awk '/lung/ && /planned/ {print $1; exit}')
check "a planned lung meeting to list on" test -n "$lung"
c=$(tb cases --queue --diagnosis C34 | awk '{print $1; exit}')
check "a lung case in the queue" test -n "$c"
tb agenda "$lung" add "$c" >/dev/null
check "queue: a case listed elsewhere leaves the count without a key" \
	wait_for "tumorboard — referral queue ($((q - 1)))"

tmux -S "$sock" send-keys -t tb r m
check "the meetings are drawn" wait_for "tumorboard — meetings"
tb meeting add --date 2027-01-15 --start 10:00 --length 60 --board lung \
	--level regional >/dev/null
check "meetings: a meeting planned elsewhere shows without a key" \
	wait_for "2027-01-15"

tmux -S "$sock" send-keys -t tb G Enter
check "the new meeting's agenda is drawn" wait_for "agenda 2027-01-15"
check "it is empty" wait_for "No cases on this agenda"
new=$(tb meetings | awk '/2027-01-15/ {print $1; exit}')
c2=$(tb cases --queue --diagnosis C34 | awk '{print $1; exit}')
check "another lung case in the queue" test -n "$c2"
tb agenda "$new" add "$c2" >/dev/null
check "agenda: a case listed elsewhere shows without a key" wait_for "$c2"
check "agenda: and is counted in the title" wait_for "agenda 2027-01-15 .* [01] of 1 ready"
tb agenda "$new" remove "$c2" --reason "planned elsewhere" >/dev/null
check "agenda: a case removed elsewhere goes without a key" \
	wait_for "No cases on this agenda"

# A key that acts on what changed since the screen drew it is not run on
# the old picture: the screen is stopped, the command line reorders the
# agenda and J (move the selected case down) is typed; woken, the screen
# shows the new order, the selection on the case it was on, and says so
# instead of moving a case.
c3=$(tb cases --queue --diagnosis C34 | awk '{print $1; exit}')
tb agenda "$new" add "$c3" >/dev/null
c4=$(tb cases --queue --diagnosis C34 | awk '{print $1; exit}')
tb agenda "$new" add "$c4" >/dev/null
check "two cases listed elsewhere show" wait_for "$c4"
order() { tb agenda "$new" | grep -o '[A-Z]*-LUNG-2026-[0-9]*' | tr '\n' ' '; }
pid=$(pgrep -P "$(tmux -S "$sock" display -p -t tb '#{pane_pid}')" | head -1)
check "the screen's process is found" test -n "$pid"
kill -STOP "$pid"
tb agenda "$new" move "$c4" 1 >/dev/null
tmux -S "$sock" send-keys -t tb J
sleep 0.3
kill -CONT "$pid"
check "stale: the key is not run on what changed" \
	wait_for "Changed elsewhere: shown again as it is now; press the key again"
check "stale: the order is the one made elsewhere" \
	test "$(order)" = "$c4 $c3 "
# the selection stayed on the case it was on ($c3, now second), not on
# the row number: moving the selected case up puts $c3 first again
tmux -S "$sock" send-keys -t tb K
check "stale: the next key acts on the case still selected" \
	sh -c 'sleep 0.5; [ "$("$0" --db "$1" agenda "$2" | grep -o "[A-Z]*-LUNG-2026-[0-9]*" | tr "\n" " ")" = "$3 $4 " ]' \
	"$TB" "$db" "$new" "$c3" "$c4"

# An agenda opened again is not the one kept from before when the store
# changed meanwhile (view_agenda_kept.c): left for the meetings list, the
# order changed elsewhere, opened again, it shows the new order.
# the agenda's rows (number, T when a trial fits, time) and their cases, top to bottom
screen_order() {
	screen | grep -E '^ *T?[0-9]+ +[0-9][0-9]:[0-9][0-9] ' |
		grep -o '[A-Z]*-LUNG-2026-[0-9]*' | tr '\n' ' '
}
check "kept: the agenda is in the order the screen made" \
	sh -c 'sleep 0.5; [ "$("$0" --db "$1" agenda "$2" | grep -o "[A-Z]*-LUNG-2026-[0-9]*" | tr "\n" " ")" = "$3 $4 " ]' \
	"$TB" "$db" "$new" "$c3" "$c4"
tmux -S "$sock" send-keys -t tb q
check "kept: back on the meetings list" wait_for "tumorboard — meetings"
tmux -S "$sock" send-keys -t tb Enter
check "kept: the agenda opened again" wait_for "agenda 2027-01-15"
check "kept: in the same order" test "$(screen_order)" = "$c3 $c4 "
tmux -S "$sock" send-keys -t tb q
check "kept: back on the meetings list again" wait_for "tumorboard — meetings"
tb agenda "$new" move "$c4" 1 >/dev/null
sleep 1.5
tmux -S "$sock" send-keys -t tb Enter
check "kept: the agenda opened after a change elsewhere" \
	wait_for "agenda 2027-01-15"
sleep 0.5
check "kept: shows the order made elsewhere, not the one kept" \
	test "$(screen_order)" = "$c4 $c3 "

# The meetings list opened again is the one kept while nothing changed
# (view_meetings.c); a meeting planned elsewhere while the case list is
# shown is on it when it is opened again.
tmux -S "$sock" send-keys -t tb q q
check "kept: back on the case list" wait_for "tumorboard — cases ("
tmux -S "$sock" send-keys -t tb m
check "kept: the meetings list opened again" wait_for "tumorboard — meetings"
check "kept: without a meeting not planned yet" \
	sh -c '! tmux -S "$0" capture-pane -p -t tb | grep -q 2027-02-19' "$sock"
tmux -S "$sock" send-keys -t tb q
check "kept: on the case list" wait_for "tumorboard — cases ("
tb meeting add --date 2027-02-19 --start 10:00 --length 60 --board lung \
	--level regional >/dev/null
sleep 1.5
tmux -S "$sock" send-keys -t tb m
check "kept: the meetings list opened after a meeting was planned elsewhere shows it" \
	wait_for "2027-02-19"
# came_in ID: a case of that id imported elsewhere (the late case again),
# and time for the screen to see it
came_in() {
	sed "s/NOR-MEL-2026-0012/$1/" "$late" >"$tmp/$1.xml"
	tb import "$tmp/$1.xml" >/dev/null
	sleep 1.5
}
# The referral queue closed and opened again is the one kept while
# nothing changed (view_list.c); a case imported elsewhere meanwhile is
# counted in it when it is opened again.
tmux -S "$sock" send-keys -t tb q r
check "kept: the referral queue" wait_for "tumorboard — referral queue ("
q=$(title_count)
tmux -S "$sock" send-keys -t tb r
check "kept: back on the case list from the queue" wait_for "tumorboard — cases ("
tmux -S "$sock" send-keys -t tb r
check "kept: the queue opened again, as many cases ($q)" \
	wait_for "tumorboard — referral queue ($q)"
tmux -S "$sock" send-keys -t tb r
check "kept: on the case list again" wait_for "tumorboard — cases ("
came_in NOR-MEL-2026-0098
tmux -S "$sock" send-keys -t tb r
check "kept: the queue opened after a case came in elsewhere counts it" \
	wait_for "tumorboard — referral queue ($((q + 1)))"
# A search cleared while nothing changed shows the list as it was read
# before the search (view_list.c); a case come in elsewhere while the
# search is shown is counted once it is cleared.
tmux -S "$sock" send-keys -t tb r
check "kept: on the case list, before a search" wait_for "tumorboard — cases ("
n=$(title_count)
tmux -S "$sock" send-keys -t tb / m e l a n o m Enter
check "kept: a search shown" wait_for 'matching "melanom"'
tmux -S "$sock" send-keys -t tb Escape
check "kept: the search cleared, the list as it was ($n)" \
	wait_for "tumorboard — cases ($n)"
tmux -S "$sock" send-keys -t tb / m e l a n o m Enter
check "kept: the search again" wait_for 'matching "melanom"'
came_in NOR-MEL-2026-0097
tmux -S "$sock" send-keys -t tb Escape
check "kept: cleared after a case came in elsewhere, it is counted" \
	wait_for "tumorboard — cases ($((n + 1)))"
tmux -S "$sock" send-keys -t tb q
check "quits" wait_for "EXITED 0"

# A case opened live at a running meeting, the meeting finished on another
# screen: the case view is no longer live (its title said LIVE and its
# clock ran on, and the chair could step on as if it still ran).
db2="$tmp/live.db"
tb_fixture "$db2" || exit 1
"$TB" --db "$db2" import $(cat "$tmp/files") >/dev/null || exit 1
lm=$("$TB" --db "$db2" meeting add --date "${TUMORBOARD_NOW%%T*}" --start 08:00 \
	--length 60 --board lung --level regional) || exit 1
"$TB" --db "$db2" agenda "$lm" add SKA-LUNG-2026-0001 OST-LUNG-2026-0004 >/dev/null || exit 1
"$TB" --db "$db2" meeting start "$lm" >/dev/null 2>&1 || exit 1
tmux -u -S "$sock" -f /dev/null new-session -d -s tb2 -x 100 -y 30 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db2'; echo EXITED \$?; sleep 30"
wait2() { tmux_wait_for -S "$sock" tb2 "$1"; }
check "live: the case list" wait2 "tumorboard — cases ("
tmux -S "$sock" send-keys -t tb2 m
check "live: the meetings list" wait2 "tumorboard — meetings"
tmux -S "$sock" send-keys -t tb2 Enter
check "live: the running meeting's agenda" wait2 "LIVE"
tmux -S "$sock" send-keys -t tb2 Enter
check "live: its first case opened live" wait2 "^ *LIVE SKA-LUNG-2026-0001"
"$TB" --db "$db2" meeting finish "$lm" >/dev/null 2>&1
check "live: finished elsewhere, the case view says so without a key" \
	wait2 "The meeting was finished on another screen"
check "  and is no longer live" sh -c '! tmux -S "$0" capture-pane -p -t tb2 | grep -q "LIVE"' "$sock"
tmux -S "$sock" send-keys -t tb2 q q q q
check "live: quits" wait2 "EXITED 0"
finish

#!/bin/sh
# The moving keys as terminals send them, in a real terminal under tmux
# with TERM=xterm-256color (the usual setting over SSH): that description
# names Home and End as ESC OH and ESC OF, but tmux and many terminals send
# ESC [1~ and ESC [4~ (or ESC [H and ESC [F, ESC [7~ and ESC [8~). Each
# must be Home or End, never Esc (back) followed by stray characters; a
# lone Esc still goes back at once.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all tmux tmux
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_archive "$db" meetings || exit 1

tb=tb
wait_for() { tmux_wait_for -S "$sock" "$tb" "$1"; }
# the pane never shows PATTERN (after the keys before have been handled)
never() { ! tmux -S "$sock" capture-pane -p -t "$tb" | grep -q -- "$1"; }
# hex SEQUENCE...: each sequence ("1b 5b 34 7e") sent as the terminal's
# bytes, one write each
hex() {
	for seq; do
		# shellcheck disable=SC2086 # the bytes are words
		tmux -S "$sock" send-keys -t "$tb" -H $seq
	done
}
keys() { tmux -S "$sock" send-keys -t "$tb" "$@"; }
tmux -u -S "$sock" -f /dev/null new-session -d -s "$tb" -x 100 -y 30 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'; echo EXITED \$?; sleep 30"
check "case list is drawn" wait_for "tumorboard — cases ("

# The meetings: the last row's place is shown under the list when End
# moved there; Home goes back to the first. Each form of End and Home in
# turn, with a marker key (m opens nothing more in the meetings list: it
# is the list's own key) between, so that stray characters would show.
keys m
check "m opens the meetings" wait_for "tumorboard — meetings"
first="Place: Konferensrum Onkologen, SUS Lund"
last="Place: Konferensrum 4, Akademiska"
check "the first meeting is selected" wait_for "$first"
n=0
for pair in "1b 5b 34 7e:1b 5b 31 7e:ESC [4~ and ESC [1~" \
	"1b 5b 46:1b 5b 48:ESC [F and ESC [H" \
	"1b 5b 38 7e:1b 5b 37 7e:ESC [8~ and ESC [7~" \
	"1b 4f 46:1b 4f 48:ESC OF and ESC OH"; do
	end=${pair%%:*}
	rest=${pair#*:}
	home=${rest%%:*}
	name=${rest#*:}
	hex "$end"
	check "meetings: End as ${name% and *} goes to the last meeting" wait_for "$last"
	check "meetings: End as ${name% and *} stays in the meetings" wait_for "tumorboard — meetings"
	hex "$home"
	check "meetings: Home as ${name#* and } goes to the first meeting" wait_for "$first"
	check "meetings: Home as ${name#* and } stays in the meetings" wait_for "tumorboard — meetings"
	n=$((n + 1))
done
# tmux's own names for the keys (what it sends for them)
keys End
check "meetings: End (tmux) goes to the last meeting" wait_for "$last"
keys Home
check "meetings: Home (tmux) goes to the first meeting" wait_for "$first"
check "meetings: no key went back to the case list" never "tumorboard — cases ("

# An agenda: Home must select its first case, not go back to the
# meetings (G, a plain key, goes to the last case first).
keys Enter
check "Enter opens the first agenda" wait_for "tumorboard — agenda 2026-11-26 14:00 lung"
keys G
hex "1b 5b 31 7e"
keys Enter
check "agenda: Home (ESC [1~) then Enter opens the first case" wait_for "tumorboard — case SKA-LUNG-2026-0001 "
# Delete, Insert, PgUp and PgDn as terminals send them are one key each,
# not Esc (back) and characters: Tab after them moves to the case's next
# pane.
hex "1b 5b 33 7e" "1b 5b 32 7e" "1b 5b 35 7e" "1b 5b 36 7e"
keys Tab
check "case: after Delete, Insert, PgUp, PgDn, Tab moves to the next pane" wait_for "\[Summary\]"
check "case: and the case is still open" wait_for "tumorboard — case SKA-LUNG-2026-0001 "

# A lone Esc is back within a second (the wait for a sequence's next byte
# is short).
keys Escape
check "a lone Esc goes back from the case to the agenda" tmux_wait_for -n 10 -S "$sock" "$tb" "tumorboard — agenda 2026-11-26"
keys Escape
check "a lone Esc goes back from the agenda to the meetings" tmux_wait_for -n 10 -S "$sock" "$tb" "tumorboard — meetings"
keys Escape
check "a lone Esc goes back from the meetings to the case list" tmux_wait_for -n 10 -S "$sock" "$tb" "tumorboard — cases ("

# The case list: End (ESC [4~) then Enter opens the case G (the last row)
# opens.
title() { tmux -S "$sock" capture-pane -p -t "$tb" | head -n 1; }
keys G Enter
check "list: G then Enter opens the last case" wait_for "tumorboard — case "
last_case=$(title)
keys Escape
check "list: back at the list" wait_for "tumorboard — cases ("
keys g
hex "1b 5b 34 7e"
keys Enter
check "list: End (ESC [4~) then Enter opens the last case" wait_for "^$last_case\$"
keys Escape
check "list: back at the list again" wait_for "tumorboard — cases ("
keys Q
check "Q quits with status 0" wait_for "EXITED 0"

# A user's ESCDELAY (ncurses' own setting, in milliseconds) is kept: on a
# slow link a sequence's bytes come apart, and with ESCDELAY=1500 an End
# whose ESC comes 0.4 s before the rest is still End, not Esc (back) and
# stray characters (the program set 25 ms over it before).
tb=slow
tmux -u -S "$sock" -f /dev/null new-session -d -s "$tb" -x 100 -y 30 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color ESCDELAY=1500 TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'; echo EXITED \$?; sleep 30"
check "ESCDELAY: the case list is drawn" wait_for "tumorboard — cases ("
keys m
check "ESCDELAY: m opens the meetings" wait_for "$first"
hex "1b"
sleep 0.4
hex "5b 34 7e"
check "ESCDELAY: End in two writes 0.4 s apart goes to the last meeting" wait_for "$last"
check "ESCDELAY: and stays in the meetings" never "tumorboard — cases ("
keys Q
check "ESCDELAY: Q quits with status 0" wait_for "EXITED 0"
finish

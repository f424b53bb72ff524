#!/bin/sh
# Prompts in a real terminal under tmux, in colour and with NO_COLOR: the
# command line and a yes-or-no question stay open when the terminal is
# resized under them, the screen they were asked from is drawn again at
# the new size beneath them (no line of the old size left), what was
# typed is kept, and the answer is taken as before.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all tmux tmux
sgrcheck="$TB_SRCDIR/tests/sgr-check.awk"
[ -f "$sgrcheck" ] || { echo "Bail out! tests/sgr-check.awk missing"; exit 1; }
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_archive "$db" meetings || exit 1

screen() { tmux -S "$sock" capture-pane -p -t "$tb"; }
wait_for() { tmux_wait_for -n 100 -S "$sock" "$tb" "$1"; }
# the pane has $1 lines (the resize reached it) and its last line matches $2
resized() {
	i=0
	while [ $i -lt 50 ]; do
		[ "$(screen | wc -l)" = "$1" ] && screen | tail -1 | grep -q -- "$2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	screen | diag
	return 1
}

for mode in colour mono; do
	tb=$mode
	env=""
	[ $mode = mono ] && env="NO_COLOR=1"
	tmux -u -S "$sock" -f /dev/null new-session -d -s "$tb" -x 80 -y 24 \
		"env $env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'; echo EXITED \$?; sleep 30"
	wait_for "tumorboard — cases (" >/dev/null
	# the command line, resized while it is open
	tmux -S "$sock" send-keys -t "$tb" :
	tmux -S "$sock" send-keys -t "$tb" -l "cas"
	check "$mode: the command line is open" wait_for "^ :cas"
	tmux -S "$sock" resize-window -t "$tb" -x 100 -y 30
	check "$mode: resized, the command line is still on the last line" resized 30 "^ :cas"
	check "$mode: the list under it is drawn at the new width (its Diagnosis column)" \
		sh -c 'tmux -S "$0" capture-pane -p -t "$1" | sed -n 2p | grep -q "Diagnosis"' "$sock" "$tb"
	check "$mode: the prompt is on the screen once (none left where the old last line was)" \
		sh -c '[ "$(tmux -S "$0" capture-pane -p -t "$1" | grep -c "^ :cas")" = 1 ]' "$sock" "$tb"
	tmux -S "$sock" capture-pane -e -p -t "$tb" >"$tmp/$mode-prompt.txt"
	if [ $mode = colour ]; then
		check "$mode: every printed cell readable with the prompt open" \
			sh -c 'LC_ALL=C awk -f "$0" "$1" >/dev/null' "$sgrcheck" "$tmp/$mode-prompt.txt"
	else
		check "$mode: no colour with the prompt open" \
			lacks "$tmp/$mode-prompt.txt" -q "$(printf "\033")\[[0-9;]*3[0-7]m"
	fi
	# what was typed is kept and the command runs
	tmux -S "$sock" send-keys -t "$tb" -l "e SKA-LUNG-2026-0014"
	tmux -S "$sock" send-keys -t "$tb" Enter
	check "$mode: the command typed before the resize runs" wait_for "Carter, Emily"
	tmux -S "$sock" send-keys -t "$tb" Escape
	wait_for "tumorboard — cases (" >/dev/null
	tmux -S "$sock" resize-window -t "$tb" -x 80 -y 24
	# a yes-or-no question (starting a meeting planned for another day)
	tmux -S "$sock" send-keys -t "$tb" m Enter S
	check "$mode: the question is asked" wait_for "start it now? (y/n)"
	tmux -S "$sock" resize-window -t "$tb" -x 120 -y 40
	check "$mode: resized, the question is still on the last line" resized 40 "start it now? (y/n)"
	check "$mode: the question is on the screen once" \
		sh -c '[ "$(tmux -S "$0" capture-pane -p -t "$1" | grep -c "start it now")" = 1 ]' "$sock" "$tb"
	check "$mode: a resize is not taken for a wrong answer" \
		sh -c '! tmux -S "$0" capture-pane -p -t "$1" | grep -q "Answer y or n"' "$sock" "$tb"
	check "$mode: the agenda under it is drawn at the new width (its Identity column)" \
		sh -c 'tmux -S "$0" capture-pane -p -t "$1" | sed -n 2p | grep -q "Identity"' "$sock" "$tb"
	tmux -S "$sock" send-keys -t "$tb" n
	check "$mode: n answers no" wait_for "Not started"
	tmux -S "$sock" send-keys -t "$tb" q q Q
	check "$mode: quits" wait_for "EXITED 0"
done
finish

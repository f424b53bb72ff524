#!/bin/sh
# The screen on a real terminal (tmux) writes each update in one go: the
# number of write calls per key, from the process's own count
# (/proc/PID/io, syscw), not a time. ncurses 6.4 wrote after every cursor
# movement until the screen had once come back from endwin: about 6
# writes per j on this list, over 100 for a new screenful.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all tmux tmux
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_archive "$db" || exit 1
n=$("$TB" --db "$db" cases --count)

screen() { tmux -S "$sock" capture-pane -p -t tb; }
wait_for() { tmux_wait_for -n 100 -S "$sock" tb "$1"; }
tmux -u -S "$sock" -f /dev/null new-session -d -s tb -x 120 -y 24 \
	"exec env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'"
check "the case list is drawn" wait_for "row 1 of $n"
pid=$(tmux -S "$sock" display -p -t tb '#{pane_pid}')
check "the screen's process is known" test -r "/proc/$pid/io"
writes() { sed -n 's/^syscw: //p' "/proc/$pid/io"; }
w0=$(writes)
i=0
while [ $i -lt 20 ]; do
	tmux -S "$sock" send-keys -t tb j
	i=$((i + 1))
done
check "20 × j: the selection moved" wait_for "row 21 of $n"
w1=$(writes)
diag "write calls for 20 × j: $((w1 - w0))"
result "at most 2 write calls per j" $([ $((w1 - w0)) -le 40 ]; echo $?)
# the patients a screenful shows are logged (a write to the archive) the
# first time they are on the screen: the last screen is shown once before
# the terminal's writes for a whole new screen are counted
tmux -S "$sock" send-keys -t tb G
wait_for "row $n of $n" >/dev/null
tmux -S "$sock" send-keys -t tb g
wait_for "row 1 of $n" >/dev/null
w1=$(writes)
tmux -S "$sock" send-keys -t tb G
check "G: the last screen" wait_for "row $n of $n"
w2=$(writes)
diag "write calls for G: $((w2 - w1))"
result "at most 2 write calls for a whole new screen" $([ $((w2 - w1)) -le 2 ]; echo $?)
# a new page's rows are written (term_out.c): the terminal shows
# exactly what the headless screen holds after the same keys
same_as_headless() {
	printf '%s\n' "$1" >"$tmp/keys"
	env XDG_CONFIG_HOME="$tmp/config" LANG=C.UTF-8 "$TB" --db "$db" \
		--script "$tmp/keys" --size 120x24 --dump "$tmp/dump" \
		>/dev/null 2>&1 || return 1
	tail -n 24 "$tmp/dump" >"$tmp/want"
	# once the key has been handled (the title with the row number)
	wait_for "$(head -n 1 "$tmp/want")" >/dev/null 2>&1
	screen >"$tmp/got"
	diff "$tmp/want" "$tmp/got" | diag
	cmp -s "$tmp/want" "$tmp/got"
}
check "G: the terminal shows what the headless screen holds" \
	same_as_headless "j*20 G"
tmux -S "$sock" send-keys -t tb PPage
check "PgUp: the terminal shows what the headless screen holds" \
	same_as_headless "j*20 G PgUp"
tmux -S "$sock" send-keys -t tb q
i=0
while [ $i -lt 50 ] && [ -d "/proc/$pid" ]; do
	sleep 0.1
	i=$((i + 1))
done
check "q: the screen has quit" test ! -d "/proc/$pid"
finish

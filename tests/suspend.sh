#!/bin/sh
# Ctrl-Z and fg in a real terminal (tmux, an interactive shell with job
# control): stopped, the screen gives the terminal back as it was (the
# shell's own screen, its modes); after fg it is drawn again whole, in
# colour, and reads keys at once (not echoed, not waiting for Enter), and
# q still leaves it.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all tmux tmux
tap_need_all bash bash
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_archive "$db" meetings || exit 1

wait_for() { tmux_wait_for -S "$sock" tb "$1"; }
never() { ! tmux -S "$sock" capture-pane -p -t tb | grep -q -- "$1"; }
keys() { tmux -S "$sock" send-keys -t tb "$@"; }
cat >"$tmp/run" <<EOT
env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'
EOT
tmux -u -S "$sock" -f /dev/null new-session -d -s tb -x 100 -y 30 \
	"env PS1='shell> ' bash --norc --noprofile -i"
check "the shell is up" wait_for "shell>"
keys ". $tmp/run" Enter
check "case list is drawn" wait_for "tumorboard — cases ("
keys j
check "j moves to the second row" wait_for "row 2 of"

keys C-z
check "Ctrl-Z: the shell says the screen stopped" wait_for "Stopped"
check "Ctrl-Z: the shell's own screen is back (the case list gone)" \
	never "tumorboard — cases ("
keys "fg" Enter
check "fg: the case list is drawn again" wait_for "tumorboard — cases ("
check "fg: on the row it was on" wait_for "row 2 of"
check "fg: the shell's lines are gone" never "Stopped"
tmux -S "$sock" capture-pane -e -p -t tb >"$tmp/colour"
check "fg: drawn in colour (the title bar's blue background)" \
	grep -q "$(printf '\033')\[44m tumorboard" "$tmp/colour"
keys j
check "fg: a key is read at once (not waiting for Enter)" wait_for "row 3 of"
check "fg: the key is not echoed" never "^j"
# a prompt's cursor is shown again after fg
keys /
check "search prompt opens" wait_for "^ /"
keys C-z
check "a second Ctrl-Z stops it again" wait_for "Stopped"
keys "fg" Enter
check "and fg draws it again" wait_for "row 3 of"
check "the prompt's cursor is shown after fg" \
	test "$(tmux -S "$sock" display -p -t tb '#{cursor_flag}')" = 1
keys Escape
keys q
# (a job once stopped is not followed by the rest of its command line: no
# "EXITED" here)
gone() {
	i=0
	while [ $i -lt 50 ]; do
		never "tumorboard — cases (" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
check "q leaves the screen (the shell's screen is back)" gone
check "the shell reads lines again (its modes back)" \
	sh -c 'tmux -S "$0" send-keys -t tb "echo back-in-shell" Enter; sleep 0.5; tmux -S "$0" capture-pane -p -t tb | grep -q "^back-in-shell"' "$sock"

# TERM=vt100: its terminfo strings carry padding ("$<5>"), a delay for
# the terminal, never text on the screen
tmux -u -S "$sock" -f /dev/null new-session -d -s vt -x 80 -y 24 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=vt100 TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'"
check "vt100: the case list is drawn" \
	tmux_wait_for -S "$sock" vt "tumorboard — cases ("
tmux -S "$sock" send-keys -t vt j
check "vt100: j moves" tmux_wait_for -S "$sock" vt "row 2 of"
check "vt100: no padding written as text" \
	sh -c '! tmux -S "$0" capture-pane -p -t vt | grep -q "[$]<"' "$sock"
finish

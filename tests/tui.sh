#!/bin/sh
# Smoke test in a real terminal under tmux: start, open a case, scroll,
# back, quit; the terminal is restored and the process gone.
. "$TB_SRCDIR/tests/tap.sh"
# Without a terminal the screen says so and exits 1 at once (it used to
# spin at full speed on an input at its end).
notty=$(mktemp -d)
tb_fixture "$notty/tb.db" || exit 1
"$TB" --db "$notty/tb.db" import "$TB_EXAMPLES"/lung-egfr-l858r.xml >/dev/null || exit 1
timeout 10 "$TB" --db "$notty/tb.db" </dev/null >"$notty/out" 2>"$notty/err"
result "input not a terminal: exits 1 at once" $([ $? -eq 1 ]; echo $?)
check "input not a terminal: says so" grep -q "needs a terminal on standard input and output" "$notty/err"
check "input not a terminal: nothing drawn" test ! -s "$notty/out"
rm -rf "$notty"
# (checks were made above: a skip now is one, not the whole test's)
if ! tap_need tmux tmux; then
	tap_skip "the screen in a real terminal" "tmux not installed"
	finish
	exit
fi
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_archive "$db" || exit 1

tb=tb
screen() { tmux -S "$sock" capture-pane -p -t "$tb"; }
wait_for() { tmux_wait_for -n 100 -S "$sock" "$tb" "$1"; }
tmux -u -S "$sock" -f /dev/null new-session -d -s tb -x 120 -y 40 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'; echo EXITED \$?; sleep 30"
check "case list is drawn" wait_for "tumorboard — cases ("
check "identity numbers masked in the list" wait_for "[0-9]-\*\*\*\*"
check "status bar shows keys" wait_for "Enter open  / search"
tmux -S "$sock" send-keys -t tb End Enter
check "Enter opens a case" wait_for "QUESTION TO THE BOARD"
tmux -S "$sock" send-keys -t tb j j NPage Escape
check "Esc goes back to the list" wait_for "tumorboard — cases ("
tmux -S "$sock" send-keys -t tb /
tmux -S "$sock" send-keys -t tb -l "Märta"
tmux -S "$sock" send-keys -t tb Enter
check "search typed with å/ä/ö narrows the list" wait_for 'cases matching "Märta" (1)'
check "the match is listed" wait_for "Åström, Märta"
tmux -S "$sock" send-keys -t tb Escape
check "Esc clears the search" wait_for "tumorboard — cases (38)"
tmux -S "$sock" send-keys -t tb q
check "q quits with status 0" wait_for "EXITED 0"
check "terminal restored (no list left on screen)" sh -c '! tmux -S "$0" capture-pane -p -t tb | grep -q "Enter open  / search"' "$sock"

# SIGTERM while the list is shown: the terminal is restored and the exit
# status says which signal ended it.
tb=tb2
tmux -u -S "$sock" new-session -d -s tb2 -x 80 -y 24 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color sh -c 'echo \$\$ >$tmp/pid; exec \"$TB\" --db \"$db\"'; echo EXITED \$?; sleep 30"
check "list drawn at 80x24" wait_for "tumorboard — cases ("
kill -TERM "$(cat "$tmp/pid")"
check "SIGTERM exits with 143" wait_for "EXITED 143"
check "terminal restored after SIGTERM" sh -c '! tmux -S "$0" capture-pane -p -t tb2 | grep -q "Enter open  / search"' "$sock"

# A terminal that cannot place the cursor, or a type nobody knows: said
# at once, exit 1, nothing left on the terminal.
for term in dumb no-such-terminal; do
	tb=t$term
	tmux -u -S "$sock" new-session -d -s "$tb" -x 80 -y 24 \
		"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=$term timeout 10 '$TB' --db '$db'; echo EXITED \$?; sleep 30"
	check "TERM=$term exits 1 at once" wait_for "EXITED 1"
	check "TERM=$term is named" wait_for "TERM=$term"
done
tb=tdumb
check "TERM=dumb: the terminal cannot place the cursor" wait_for "cannot place the cursor"

# Colours come from one table; NO_COLOR keeps the meaning in attributes
# (reverse video for the selection) without any colour.
esc=$(printf '\033')
tmux -u -S "$sock" new-session -d -s tb3 -x 100 -y 20 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color '$TB' --db '$db'; sleep 30"
tmux -u -S "$sock" new-session -d -s tb4 -x 100 -y 20 \
	"env XDG_CONFIG_HOME=$tmp/config NO_COLOR=1 LANG=C.UTF-8 TERM=xterm-256color '$TB' --db '$db'; sleep 30"
tb=tb3
wait_for "tumorboard — cases" >/dev/null
tb=tb4
wait_for "tumorboard — cases" >/dev/null
tmux -S "$sock" capture-pane -e -p -t tb3 >"$tmp/colour.txt"
tmux -S "$sock" capture-pane -e -p -t tb4 >"$tmp/mono.txt"
check "colour screen uses colours" grep -q "${esc}\[4[0-7]m" "$tmp/colour.txt"
check "NO_COLOR screen has no colour" lacks "$tmp/mono.txt" -q "$esc\[[34][0-7]m"
check "NO_COLOR selection in reverse video" grep -q "${esc}\[0*;*7m" "$tmp/mono.txt"
# kill -9 in the middle of a decision form loses no accepted value: each
# is saved as it is entered; reopening resumes the draft.
tb=tb5
tmux -u -S "$sock" new-session -d -s tb5 -x 100 -y 32 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW sh -c 'echo \$\$ >$tmp/pid5; exec \"$TB\" --db \"$db\"'; echo \$? >$tmp/status5; sleep 30"
wait_for "tumorboard — cases (" >/dev/null
tmux -S "$sock" send-keys -t tb5 /
tmux -S "$sock" send-keys -t tb5 -l "Carter"
tmux -S "$sock" send-keys -t tb5 Enter Enter d
check "d opens the decision form" wait_for "Lung cancer MDT – decision (lung 4)"
tmux -S "$sock" send-keys -t tb5 3 3 6
check "digits set values and the walk moves on" wait_for "Treatment intent  — type the option"
tmux -S "$sock" send-keys -t tb5 Enter
tmux -S "$sock" send-keys -t tb5 -l "Ej avslutad text"
check "the editor is open" wait_for "Treatment intent: Ej avslutad text"
kill -KILL "$(cat "$tmp/pid5")"
# A killed program leaves the terminal as it was (nothing can restore
# it), so the status is read from a file, not from the screen.
wait_status() {
	i=0
	while [ $i -lt 100 ] && [ ! -s "$1" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ "$(cat "$1" 2>/dev/null)" = "$2" ]
}
check "killed with -9" wait_status "$tmp/status5" 137
check "values entered before the kill are in the draft" sh -c \
	'"$0" --db "$1" form show SKA-LUNG-2026-0014 | grep -q "Recommendation *Targeted therapy"' "$TB" "$db"
check "the draft is still one draft" sh -c \
	'[ "$(sqlite3 "$0" "SELECT count(*) FROM form_instance WHERE status = '"'"'draft'"'"'")" = 1 ]' "$db"
tb=tb6
tmux -u -S "$sock" new-session -d -s tb6 -x 100 -y 32 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'; echo EXITED \$?; sleep 30"
wait_for "tumorboard — cases (" >/dev/null
tmux -S "$sock" send-keys -t tb6 /
tmux -S "$sock" send-keys -t tb6 -l "Carter"
tmux -S "$sock" send-keys -t tb6 Enter Enter d
check "reopening resumes at the next empty field" wait_for "Treatment intent  — type the option"
tmux -S "$sock" send-keys -t tb6 q q q
check "q leaves the form, the case and the program" wait_for "EXITED 0"

# Two processes on one draft: the command line changes a value while the
# form is open on the screen. The form shows the new value at the next
# key; signing reads back what will be archived, and a change made after
# the read-back is refused, naming the field, so only what was read back
# is ever signed.
c=SLL-LUNG-2026-0044
"$TB" --db "$db" form open "$c" >/dev/null || exit 1
for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
	operability=operable recommendation=lobectomy intent=curative \
	"rationale=Tumören är liten." guideline=follows trial-considered=no \
	"contact-nurse=Lena Holm" follow-up-date=+2w "findings="; do
	"$TB" --db "$db" form set "$c" "${kv%%=*}" "${kv#*=}" || exit 1
done
tb=tb7
tmux -u -S "$sock" new-session -d -s tb7 -x 100 -y 40 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'; echo EXITED \$?; sleep 30"
wait_for "tumorboard — cases (" >/dev/null
tmux -S "$sock" send-keys -t tb7 :
tmux -S "$sock" send-keys -t tb7 -l "case $c"
tmux -S "$sock" send-keys -t tb7 Enter d
check "two processes: the form is open" wait_for "ready to sign"
check "two processes: the screen shows the value" wait_for "Rationale  *Tumören är liten."
"$TB" --db "$db" form set "$c" rationale "Ändrad i en annan terminal."
# no key pressed: the screen sees the store's data version move
check "two processes: the change shows without a key" wait_for "Rationale  *Ändrad i en annan terminal."
check "two processes: and is named" wait_for "Changed elsewhere (revision [0-9]* → [0-9]*): Rationale"
tmux -S "$sock" send-keys -t tb7 Down
tmux -S "$sock" send-keys -t tb7 F2
# the signer line is offered with the signed-in user
tmux -S "$sock" send-keys -t tb7 Enter
tmux -S "$sock" send-keys -t tb7 -l "Karin Berg:onkolog"
tmux -S "$sock" send-keys -t tb7 Enter
check "two processes: signing reads the decision back" wait_for "read back the decision before signing"
check "two processes: the read-back holds the new value" wait_for "Rationale  *Ändrad i en annan terminal."
"$TB" --db "$db" form set "$c" rationale "Ändrad efter uppläsningen."
tmux -S "$sock" send-keys -t tb7 Enter
check "two processes: a draft changed after the read-back is not signed" wait_for "Not signed: the draft changed after it was read back (Rationale)"
check "two processes: nothing was signed" sh -c '[ -z "$("$0" --db "$1" decision list --case "$2")" ]' "$TB" "$db" "$c"
check "two processes: the form shows the later value" wait_for "Rationale  *Ändrad efter uppläsningen."
tmux -S "$sock" send-keys -t tb7 F2 Enter Enter
check "two processes: read back again" wait_for "read back the decision before signing"
tmux -S "$sock" send-keys -t tb7 Enter
check "two processes: signed after reading it back" wait_for "Decision [0-9]* signed by Karin Berg"
check "two processes: the signed decision holds what was read back" sh -c \
	'"$0" --db "$1" decision show "$("$0" --db "$1" decision list --case "$2" | awk "{ print \$1 }")" | grep -q "Ändrad efter uppläsningen."' "$TB" "$db" "$c"
tmux -S "$sock" send-keys -t tb7 q Q

# A write from the screen while another program holds the write lock (a
# long import): the screen says that it waits, and the value is saved
# once the lock is free, never refused.
tb=tb8
tmux -u -S "$sock" new-session -d -s tb8 -x 100 -y 32 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'; echo EXITED \$?; sleep 30"
wait_for "tumorboard — cases (" >/dev/null
tmux -S "$sock" send-keys -t tb8 /
tmux -S "$sock" send-keys -t tb8 -l "Carter"
tmux -S "$sock" send-keys -t tb8 Enter Enter d
check "locked: the form is open" wait_for "Treatment intent  — type the option"
printf 'BEGIN IMMEDIATE;\n.shell sleep 4\nCOMMIT;\n' | sqlite3 "$db" &
holder=$!
sleep 0.5
tmux -S "$sock" send-keys -t tb8 1
check "locked: the screen says it waits for the other writer" wait_for "waiting for another tumorboard to finish writing"
wait "$holder"
check "locked: the value is saved once the lock is free" wait_for "Treatment intent  *Curative"
check "locked: and is in the draft" sh -c \
	'"$0" --db "$1" form show SKA-LUNG-2026-0014 | grep -q "Treatment intent *Curative"' "$TB" "$db"
tmux -S "$sock" send-keys -t tb8 q q Q
finish

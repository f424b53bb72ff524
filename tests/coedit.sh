#!/bin/sh
# Two screens on one archive with the decision form of the same case open
# (two terminals under tmux, 100x32). What one saves shows on the other
# without a key, marked "changed elsewhere" beside the field with who and
# when; an editor open on the field keeps what was typed, says what the
# field holds now, and saving over it is refused once with that value
# before it replaces it. Two people editing different fields both save.
# At 80 columns the mark is shorter and still names who.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all tmux tmux
tmp=$(mktemp -d)
sock="$tmp/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_archive "$db" || exit 1
c=SLL-LUNG-2026-0044
"$TB" --db "$db" form open "$c" >/dev/null || exit 1
# everything but the rationale and the contact nurse
for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
	operability=operable recommendation=lobectomy intent=curative \
	guideline=follows trial-considered=no follow-up-date=+2w "findings="; do
	"$TB" --db "$db" form set "$c" "${kv%%=*}" "${kv#*=}" || exit 1
done
me=$(id -un)

tb=a
screen() { tmux -S "$sock" capture-pane -p -t "$tb"; }
wait_for() { tmux_wait_for -S "$sock" "$tb" "$1"; }
keys() { tmux -S "$sock" send-keys -t "$tb" "$@"; }
start() {
	tmux -u -S "$sock" -f /dev/null new-session -d -s "$1" -x 100 -y 32 \
		"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'; echo EXITED \$?; sleep 30"
	tb=$1
	wait_for "tumorboard — cases (" >/dev/null
	keys :
	keys -l "case $c"
	keys Enter d
}
start a
check "A: the form is open on the rationale" wait_for "Rationale  — type the value"
start b
check "B: the form is open on the rationale" wait_for "Rationale  — type the value"

# B starts typing; A saves the same field meanwhile
keys -l "B skriver"
check "B: the editor holds what B typed" wait_for "^│ B skriver"
tb=a
keys -l "A:s motivering"
keys Enter
check "A: saved" wait_for "Rationale  *A:s motivering"
tb=b
check "B, typing: the change is said without a key, with who, when and the value now" \
	wait_for "Rationale changed elsewhere: $me 09:00, now: A:s motivering. What you typed is kept."
check "B, typing: what B typed is kept" wait_for "^│ B skriver"
check "B, typing: the field row shows the new value, marked" \
	wait_for "Rationale  *A:s motivering  *changed elsewhere: $me 09:00"
keys Enter
check "B: saving over it is refused once, naming the value it would replace" \
	wait_for "Not saved: Rationale was changed elsewhere after you read it (now: A:s motivering). Save again to"
check "B: still what B typed" wait_for "^│ B skriver"
check "B: nothing replaced yet" sh -c '"$0" --db "$1" form show "$2" | grep -q "Rationale *A:s motivering"' "$TB" "$db" "$c"
keys Enter
check "B: saved the second time" wait_for "Rationale  *B skriver"
check "B: the mark goes once B set the field" sh -c '! tmux -S "$0" capture-pane -p -t b | grep -q "Rationale .*changed elsewhere"' "$sock"
tb=a
check "A, idle: B's value shows without a key, marked" \
	wait_for "Rationale  *B skriver  *changed elsewhere: $me 09:00"
check "A, idle: and is named" wait_for "Changed elsewhere (revision [0-9]* → [0-9]*): Rationale"

# different fields at once: B's editor is open on the contact nurse while
# A changes the rationale; both are saved
tb=b
check "B: on to the contact nurse" wait_for "Contact nurse  — Enter to edit"
keys Enter
keys -l "Eva Lind"
check "B: typing the contact nurse" wait_for "Contact nurse: Eva Lind"
tb=a
keys Up Up Up Up Up
check "A: on the rationale" wait_for "Rationale  — type to add to it"
keys -l "!"
keys Enter
check "A: the rationale saved" wait_for "Rationale  *B skriver!"
tb=b
check "B: the other field's change shows while B types" wait_for "Rationale  *B skriver!  *changed elsewhere"
check "B: and is named while B types" wait_for "Changed elsewhere (revision [0-9]* → [0-9]*): Rationale"
check "B: the editor keeps the contact nurse" wait_for "Contact nurse: Eva Lind"
keys Enter
check "B: the contact nurse is saved at once (another field changed)" \
	wait_for "Contact nurse  *Eva Lind"
check "B: the line naming the change goes once B saved (the mark stays)" \
	sh -c '! tmux -S "$0" capture-pane -p -t b | grep -q "Changed elsewhere (revision" &&
		tmux -S "$0" capture-pane -p -t b | grep -q "Rationale  *B skriver!  *changed elsewhere"' "$sock"
check "B: nothing was refused" sh -c '! tmux -S "$0" capture-pane -p -t b | grep -q "Not saved"' "$sock"
check "both values are in the draft" sh -c '"$0" --db "$1" form show "$2" >"$3" && grep -q "Rationale *B skriver!" "$3" && grep -q "Contact nurse *Eva Lind" "$3"' "$TB" "$db" "$c" "$tmp/show"

# at 80 columns the mark has less room: it names who changed the field
# in fewer words ("changed by"), never "changed elsewhere:" cut after
# the colon
tmux -S "$sock" resize-window -t b -x 80 -y 24
check "B, 80 columns: the mark names who changed the rationale" \
	wait_for "Rationale  *B skriver!  *changed by $me"

keys Escape q q
tb=a
keys Escape q q
check "A quits" wait_for "EXITED 0"
tb=b
check "B quits" wait_for "EXITED 0"
finish

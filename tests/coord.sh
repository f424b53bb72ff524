#!/bin/sh
# What a coordinator, a chair and a nurse met on the screen when others
# worked on the same archive at the same time (tmux, one server per test,
# the command line as the other person): two chairs marking one case, a
# status line left from before an outside change, two terminals' banners.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all tmux tmux
tmp=$(mktemp -d)
T="tmux -L tbcoord$$"
trap '$T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
TUMORBOARD_NOW=2026-11-26T14:05:00Z
export TUMORBOARD_NOW
tb_archive "$db" meetings || exit 1
tb() { "$TB" --db "$db" "$@"; }
lung=$(tb meetings | awk '/lung/ && /planned/ { print $1; exit }')
check "the lung meeting is planned" test -n "$lung"
later=$(tb meeting add --date 2026-12-10 --start 14:00 --length 60 --board lung --level regional)
check "a later lung meeting is planned" test -n "$later"
tb meeting start "$lung" >/dev/null || exit 1

screen() { $T capture-pane -p -t "${2:-tb}"; }
wait_for() { tmux_wait_for -L "tbcoord$$" "${2:-tb}" "$1"; }
gone() {
	i=0
	while [ $i -lt 50 ]; do
		screen "" "${2:-tb}" | grep -q -- "$1" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	screen "" "${2:-tb}" | diag
	return 1
}
run() {
	$T -f /dev/null new-session -d -s "$1" -x 110 -y 30 \
		"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'; echo EXITED \$?; sleep 30"
}
run tb
check "the case list is drawn" wait_for "tumorboard — cases ("
$T send-keys -t tb m
check "the meetings are drawn" wait_for "tumorboard — meetings"
$T send-keys -t tb Enter
check "the live agenda is drawn" wait_for "LIVE lung  0/7 done"

# ---- two chairs, one case ---------------------------------------------------
# This screen asks why the first case is deferred; meanwhile another chair
# defers it on the command line. The reason given here is not recorded, and
# the screen says what the other did and shows the agenda as it is now.
first=$(screen | sed -n 's/^ *\([A-Z]*-[A-Z]*-[0-9]*-[0-9]*\): .*/\1/p')
check "the first case is selected" test -n "$first"
$T send-keys -t tb D
check "the reason is asked" wait_for "Defer — why?"
tb agenda "$lung" defer "$first" --reason "Ny PET-CT" >/dev/null
$T send-keys -t tb -l "Inväntar patologi"
$T send-keys -t tb Enter
check "the second chair is told the first deferred it" wait_for "Not recorded: $first was recorded deferred meanwhile, elsewhere"
check "not: not found" gone "Not recorded: not found"
check "the agenda shows it deferred" wait_for "^ *T*1 *deferred *$first"
check "the first reason is kept" sh -c '"$0" --db "$1" agenda "$2" | grep -A1 "$3" | grep -q "deferred: moved to meeting $4: Ny PET-CT"' "$TB" "$db" "$lung" "$first" "$later"
check "and the second was not recorded" sh -c '! "$0" --db "$1" agenda "$2" | grep -q "Inväntar patologi"' "$TB" "$db" "$lung"

# ---- an undo made elsewhere --------------------------------------------------
# This screen records the second case not discussed (its message says u
# undoes); a second terminal shows that case. The undo is made on the
# command line: the message here is no longer true and goes, and both
# terminals show the case listed again.
second=$(tb agenda "$lung" | sed -n 's/^ *2  .*  \([A-Z]*-[A-Z]*-[0-9]*-[0-9]*\) .*/\1/p')
check "the second case is known" test -n "$second"
$T send-keys -t tb j X
check "the reason is asked" wait_for "Not discussed — why?"
$T send-keys -t tb -l "Standardbehandling"
$T send-keys -t tb Enter
check "the screen says it is recorded and how to undo it" wait_for "$second recorded as listed but not discussed (u undoes)"
run tb2
check "a second terminal is drawn" wait_for "tumorboard — cases (" tb2
$T send-keys -t tb2 :
$T send-keys -t tb2 -l "case $second"
$T send-keys -t tb2 Enter
check "it shows the case not discussed" wait_for "Case $second .* status not discussed" tb2
tb agenda "$lung" undo >/dev/null
check "the stale message is gone after the undo elsewhere" gone "recorded as listed but not discussed"
check "the status line shows the keys again" wait_for "Enter open  D defer"
check "the agenda shows the case listed again" gone "^ *2 *not discussed *$second"
check "the second terminal shows it listed" wait_for "Case $second .* status listed" tb2
# (X moved the selection on to the next case)
$T send-keys -t tb k Enter
check "the first terminal's case view says the same" wait_for "Case $second .* status listed"
$T send-keys -t tb2 q q q q
check "the second terminal quits" wait_for "EXITED 0" tb2

# ---- the read-back, idle -------------------------------------------------------
# Signing reads the decision back; while it is shown and no key is
# pressed, the draft is changed on the command line. The read-back says so
# at once, naming the field, and Enter does not sign what was read.
c=SLL-LUNG-2026-0044
tb form open "$c" >/dev/null || exit 1
for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
	operability=operable recommendation=lobectomy intent=curative \
	"rationale=Tumören är liten." guideline=follows trial-considered=no \
	"contact-nurse=Lena Holm" follow-up-date=+2w "findings="; do
	tb form set "$c" "${kv%%=*}" "${kv#*=}" >/dev/null || exit 1
done
run tb3
check "a third terminal is drawn" wait_for "tumorboard — cases (" tb3
$T send-keys -t tb3 :
$T send-keys -t tb3 -l "case $c"
$T send-keys -t tb3 Enter d
check "the form is open and ready to sign" wait_for "ready to sign" tb3
$T send-keys -t tb3 F2
$T send-keys -t tb3 Enter
$T send-keys -t tb3 -l "Karin Berg:onkolog"
$T send-keys -t tb3 Enter
check "signing reads the decision back" wait_for "read back the decision before signing" tb3
check "the read-back says nothing changed yet" gone "Changed elsewhere" tb3
tb form set "$c" rationale "Ändrad medan den lästes upp." >/dev/null
check "the idle read-back says the draft changed, naming the field" wait_for "Changed elsewhere while you read (Rationale)" tb3
check "and that Enter does not sign it" wait_for "Changed elsewhere: Esc back to the form, not signed" tb3
$T send-keys -t tb3 Enter
check "Enter does not sign what was read" wait_for "Not signed: the draft changed after it was read back (Rationale)" tb3
check "nothing was signed" sh -c '[ -z "$("$0" --db "$1" decision list --case "$2")" ]' "$TB" "$db" "$c"
$T send-keys -t tb3 Escape
sleep 0.3
$T send-keys -t tb3 q q
check "the third terminal quits" wait_for "EXITED 0" tb3

# ---- a read logged elsewhere --------------------------------------------------
# Another terminal (here the command line) reads a case: a read is logged,
# nothing changes. This screen's next key is not held back with "press
# the key again", and it does not reload. The screen is stopped while the
# read is logged and the key typed, so the key is read before the screen
# could look at the archive while idle.
$T send-keys -t tb q
check "back on the live agenda" wait_for "LIVE lung"
pid=$($T display -p -t tb '#{pane_pid}')
tbpid=$(pgrep -P "$pid" -f "tumorboard" | head -1)
check "the screen's process is known" test -n "$tbpid"
sleep 0.5
kill -STOP "$tbpid"
tb show "$first" >/dev/null
# (read with sqlite3: log --case is itself a logged read, written to
# the audit log as well, which is a change)
check "the read is in the access log" sh -c '[ "$(sqlite3 "$0" "SELECT what FROM access_log WHERE case_id = (SELECT id FROM cases WHERE external_id = '"'"'$1'"'"') ORDER BY id DESC LIMIT 1")" = show ]' "$db" "$first"
$T send-keys -t tb X
sleep 0.3
kill -CONT "$tbpid"
check "the key acts at once after a read logged elsewhere" wait_for "Not discussed — why?"
check "not: changed elsewhere, press the key again" gone "press the key again"
$T send-keys -t tb Escape

# ---- a page moved back to after an outside change --------------------------
# The list keeps the rows it read lately, so that a page moved back to is
# shown from memory; a case imported elsewhere meanwhile is on it when it
# comes back (the kept rows are let go when the archive changes).
run tl
check "a second list is drawn" wait_for "tumorboard — cases (" tl
top=$(screen "" tl | awk 'NR == 3 { print $3 }')
check "its first row is a case" test -n "$top"
$T send-keys -t tl NPage
check "the next page is drawn" gone " $top " tl
$T send-keys -t tl PPage
check "the first page again, from the rows kept" wait_for " $top " tl
$T send-keys -t tl NPage
check "the next page again" gone " $top " tl
# at the list's end, the last case selected: a newer case imported
# elsewhere moves every row down one, and the selection stays on its case
# (it went to the row that took the place, another patient's)
$T send-keys -t tl End
check "the list's end is drawn" wait_for "row [0-9]* of [0-9]*" tl
last=$(screen "" tl | awk 'NR > 2 && /^ *[0-9-]+ / { l = $0 } END { print l }' | awk '{ print $3 }')
sel=$(screen "" tl | sed -n 's/^ *\([A-Z]*-[A-Z]*-[0-9]*-[0-9]*\): .*/\1/p' | tail -1)
check "its last case is selected ($sel, $last)" test -n "$sel"
n0=$(screen "" tl | sed -n 's/.*cases (\([0-9]*\)).*/\1/p' | head -1)
# a second case of the oldest referral (the last row's, a later id):
# listed just above it, inside the window
sed -e 's/SKA-BREAST-2025-0142/SKA-BREAST-2025-0998/' \
	"$TB_EXAMPLES/breast-male-brca2-germline.xml" >"$tmp/old.xml"
check "the last row is the oldest referral" test "$sel" = SKA-BREAST-2025-0142
check "a second case of its date is imported elsewhere" "$TB" --db "$db" import "$tmp/old.xml"
check "the list shows one case more" wait_for "cases ($((n0 + 1)))" tl
check "the selection stays on its case" sh -c '"$0" -L "$1" capture-pane -p -t tl | grep -q "^ *$2: "' tmux "tbcoord$$" "$sel"
sed -e 's/OST-CRC-2026-0057/OST-CRC-2026-0999/' \
	-e 's/referred="2026-10-26"/referred="2026-11-25"/' \
	"$TB_EXAMPLES/crc-braf-v600e.xml" >"$tmp/new.xml"
tb import "$tmp/new.xml" >/dev/null
check "a newer case is imported elsewhere" sh -c '"$0" --db "$1" cases --limit 1 --full-id | grep -q OST-CRC-2026-0999' "$TB" "$db"
$T send-keys -t tl PPage Home
check "the first page shows it" wait_for "^ *2026-11-25 " tl
$T send-keys -t tl q
$T send-keys -t tb q q q q q
check "quits" wait_for "EXITED 0"
finish

#!/bin/sh
# Statements per key (issue 20: on a server each is a round trip), by the
# program's own count (TUMORBOARD_STATEMENTS, a run with the keys less a
# run without them): the meetings list and an agenda read each agenda's
# cases at once, so opening them costs as many statements for an agenda
# of three cases as for one of seven, and the meetings list as many for
# three meetings as for one; a page of the case list is logged
# in a few statements, not two or three per row; opening a case, a row
# scrolled into view, a live agenda step, a search keystroke and an
# import a case stay under a limit per engine (on a server the count is
# of round trips: the second pass runs this too).
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
tb_fixture "$tmp/base.db" || exit 1
"$TB" --db "$tmp/base.db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1

# agenda DB CASES...: a planned lung meeting with these cases
agenda() {
	db=$1
	shift
	cp "$tmp/base.db" "$db"
	m=$("$TB" --db "$db" meeting add --date 2026-11-26 --start 14:00 \
		--length 60 --board lung --level regional) || exit 1
	"$TB" --db "$db" agenda "$m" add "$@" >/dev/null || exit 1
}
agenda "$tmp/three.db" SKA-LUNG-2026-0001 OST-LUNG-2026-0004 \
	HAL-LUNG-2026-0017
agenda "$tmp/seven.db" SKA-LUNG-2026-0001 OST-LUNG-2026-0004 \
	HAL-LUNG-2026-0017 SLL-LUNG-2026-0031 VGR-LUNG-2026-0019 \
	SLL-LUNG-2026-0044 ORE-LUNG-2026-0021

# run DB SIZE KEYS: the statements of a screen run of KEYS (then q)
run() {
	printf '%s q\n' "$3" >"$tmp/keys"
	rm -f "$tmp/count"
	LANG=C.UTF-8 TUMORBOARD_STATEMENTS="$tmp/count" "$TB" --db "$1" \
		--script "$tmp/keys" --size "$2" --dump /dev/null >/dev/null 2>&1 ||
		return 1
	awk '$1 == "statements" { n += $2 } END { print n + 0 }' "$tmp/count"
}
# statements DB SIZE SETUP KEYS: those of KEYS after SETUP
statements() {
	a=$(run "$1" "$2" "$3") && b=$(run "$1" "$2" "$3 $4") &&
		echo $((b - a))
}

n=$(run "$tmp/base.db" 80x24 "")
result "a run's statements are counted ($n)" $([ "${n:-0}" -gt 0 ]; echo $?)

m3=$(statements "$tmp/three.db" 120x40 "" "m q")
m7=$(statements "$tmp/seven.db" 120x40 "" "m q")
diag "meetings list (m q): $m3 statements with 3 cases on the agenda, $m7 with 7"
result "the meetings list: as many statements for 7 cases as for 3 ($m3, $m7)" \
	$([ -n "$m3" ] && [ "$m3" = "$m7" ]; echo $?)
# three meetings with cases on their agendas: the agendas of the whole
# list are read at once (they were two statements a meeting)
cp "$tmp/seven.db" "$tmp/multi.db"
for d in "2026-11-27 NOR-LUNG-2026-0009 SKA-LUNG-2026-0014" \
	"2026-11-28 UPP-LUNG-2026-0033 VGR-LUNG-2026-0012"; do
	set -- $d
	mm=$("$TB" --db "$tmp/multi.db" meeting add --date "$1" --start 14:00 \
		--length 60 --board lung --level regional) || exit 1
	"$TB" --db "$tmp/multi.db" agenda "$mm" add "$2" "$3" >/dev/null ||
		exit 1
done
mm=$(statements "$tmp/multi.db" 120x40 "" "m q")
diag "meetings list (m q): $mm statements with three meetings"
result "the meetings list: as many statements for 3 meetings as for 1 ($m7, $mm)" \
	$([ -n "$mm" ] && [ "$mm" = "$m7" ]; echo $?)
# the same for a whole session that opens the meetings list: on SQLite
# the meetings' readiness is read ahead once the first screen is drawn
# (view_meetings_ahead), at the key on a server; either way at once for
# all their cases
w3=$(run "$tmp/three.db" 120x40 "m q")
w7=$(run "$tmp/seven.db" 120x40 "m q")
wm=$(run "$tmp/multi.db" 120x40 "m q")
diag "a session with the meetings list (m q): $w3 statements with 3 cases, $w7 with 7, $wm with three meetings"
result "a session with the meetings list: as many statements for 7 cases and for 3 meetings as for 3 cases ($w3, $w7, $wm)" \
	$([ -n "$w3" ] && [ "$w3" = "$w7" ] && [ "$w7" = "$wm" ]; echo $?)
# the command line's meetings list too: every agenda's readiness read at
# once (it read each meeting's agenda and cases on its own: 26 statements
# for three meetings with agendas, 12 for one, before)
cmd_meetings() {
	rm -f "$tmp/count"
	TUMORBOARD_STATEMENTS="$tmp/count" "$TB" --db "$1" meetings >/dev/null 2>&1 ||
		return 1
	awk '$1 == "statements" { n += $2 } END { print n + 0 }' "$tmp/count"
}
c1=$(cmd_meetings "$tmp/seven.db")
c3=$(cmd_meetings "$tmp/multi.db")
diag "tumorboard meetings: $c1 statements with one meeting's agenda, $c3 with three"
result "tumorboard meetings: as many statements for 3 meetings as for 1 ($c1, $c3)" \
	$([ -n "$c1" ] && [ "$c1" -gt 0 ] && [ "$c1" = "$c3" ]; echo $?)
# and what the readiness is checked by read for all their cases in one
# statement (12 before on either engine: each case loaded whole)
result "tumorboard meetings in at most 7 statements ($c1)" \
	$([ -n "$c1" ] && [ "$c1" -le 7 ]; echo $?)
a3=$(statements "$tmp/three.db" 120x40 "m" "Enter q")
a7=$(statements "$tmp/seven.db" 120x40 "m" "Enter q")
diag "agenda (Enter q): $a3 statements with 3 cases, $a7 with 7"
result "the agenda: as many statements for 7 cases as for 3 ($a3, $a7)" \
	$([ -n "$a3" ] && [ "$a3" = "$a7" ]; echo $?)

# a page down the case list on a screen of some 30 rows: its new rows
# logged with the care facts and the patients read at once and one
# INSERT of the entries (it was two or three statements a row)
# on a server the care facts, the patients and the access log's head
# are sent together (they were three round trips: 6 / 6 before)
# near the end of the list the last screenful is the window's last rows
# and those read after them, not read a second time (12 / 4 before)
# the window's rows come with their patients and the reader's care
# facts, and a batch takes the log's head its last one left while no
# one else has committed: the log writes without a read (6 / 3 before)
# On SQLite a page's care facts and patients are read by the log's batch
# for the rows it logs (a page moved back to is not logged again): five
# statements, fewer instructions than three (the facts of 36 rows read
# with them whether logged or not: 4.9 M instructions a page key against
# 4.4 M at 1,000 cases)
# On a server a batch sends the writers' lock try ahead with its writes
# (store_begin_ahead): one statement more than before, one round trip
# fewer (BENCHMARKS.md, bench-pg's round trips a key)
max_page=5
[ -n "${TB_PG_DIR:-}" ] && max_page=3
p=$(statements "$tmp/seven.db" 100x34 "" "PgDn")
diag "a page down the case list: $p statements"
result "a page of the case list in at most $max_page statements ($p)" \
	$([ -n "$p" ] && [ "$p" -le "$max_page" ]; echo $?)
check "and its reads are in the access log, the chain whole" \
	"$TB" --db "$tmp/seven.db" verify
# pages moved back and forth over again are shown from the rows read
# lately (view_list_run.c), and their rows' readiness lines from those
# kept: nothing is read again while nothing changed (1.5 statements a
# page key before, on either engine)
b=$(statements "$tmp/seven.db" 80x24 "PgDn PgUp" "PgDn PgUp PgDn PgUp")
diag "pages moved back and forth over again: $b statements"
result "pages shown again read nothing from the store ($b)" \
	$([ -n "$b" ] && [ "$b" -eq 0 ]; echo $?)

# Keys of one case or one row, with the most statements a key may run:
# on a server (TB_PG_DIR: the second pass) the statements sent together
# (store_send, and writes sent ahead in a transaction) are one round trip
# and one in the count; on SQLite each is one. Before (SQLite /
# PostgreSQL): opening a case 20 / 20, a row scrolled into view 11 / 11,
# a live agenda step 51 / 51, the meetings list 14 / 14, an agenda 22 /
# 22, an import 35 / 26 a case. A live agenda step names the next case
# from the agenda's rows instead of loading it whole: 51 / 27 before.
# The records a commit seals are read once, not three times, and the
# audit log's head comes with them (a live step 45 / 26 before); on a
# server a batch's care facts, patients and access log head come back
# together, and so do a case page's answers and origin with the case
# (before: opening a case 9, a row scrolled into view 5, an agenda 6).
# A live step's checks of the meeting, the agenda and its clock are sent
# together, and so are the parts of all the records a commit seals, with
# the log's head (39 / 19 before; an import 10 a case). A commit reads
# tb_dirty again only when something was written after the transaction's
# last audit entry, and the check that a sealing commit left nothing
# unsealed is asked on SQLite only (a live step 38 / 15 before); a case
# page reads the patient's decisions with the case (13 before on a
# server). Opening a case reads the reader's care relationship once, the
# emergency prompt asked from inside that check (it read it twice: 14 on
# SQLite, 6 on a server). A live step writes the clock and the room's
# case in one transaction under one audit entry (37 / 12 before: two
# commits, the second reading the meeting and the agenda again), and
# the case view takes the clock's state from the step instead of reading
# it back (30 / 10 before; nor does it read it each second). The case
# list's readiness line reads what readiness is checked by in one
# statement, not the case whole in six (a row scrolled into view 11 on
# SQLite before; on a server the six were sent together, one round trip,
# as the one is). The meetings list's readiness reads the same of all
# its agendas' cases in one statement, not each whole in six (the
# meetings list 8 / 8 before: on a server the six were prepared there
# one by one, each reading the answers sent ahead before it). A case's
# load prepares its six statements before it sends the first; on a
# server the first case opened prepares them behind its answers and
# decisions sent ahead, one round trip more than when the list's
# readiness line had prepared them at the start (5). A row scrolled into
# view is logged with its patient and care facts read with the row and
# the log's head as its last batch left it: no read of its own (6 / 3
# before). Opening a case reads the patient with the reader's care
# relationship, the access log's entry does not read it again (12 / 6
# before, a live step 28 / 9). On a server a row scrolled into view
# reads the selected case's readiness with the row (3 before). An
# agenda reads of its cases what its rows show, in two statements sent
# together instead of six (10 on SQLite before; on a server they were
# one round trip then too).
if [ -n "${TB_PG_DIR:-}" ]; then
	max_open=4 max_row=3 max_step=8 max_meet=3 max_agenda=5 max_import=9
	max_search=1 max_ten=4 max_decide=30
else
	max_open=11 max_row=4 max_step=27 max_meet=3 max_agenda=6 max_import=34
	max_search=8 max_ten=20 max_decide=85
fi
# A search keystroke: the count and the screen's ids from the index,
# then the screen's rows read by id at once (before: one statement a row,
# 22 / 17 for the 15 cases of "lung"), logged as a page is: the last
# letter of "lung" typed. On a server the ids and the screen's rows come
# in one statement (2 before). search_run LINES: the statements of a search
# typed by the script LINES, then cleared.
search_run() {
	printf '/\n%s\nEsc q\n' "$1" >"$tmp/keys"
	rm -f "$tmp/count"
	LANG=C.UTF-8 TUMORBOARD_STATEMENTS="$tmp/count" "$TB" --db \
		"$tmp/seven.db" --script "$tmp/keys" --size 100x34 \
		--dump "$tmp/search.dump" >/dev/null 2>&1 || return 1
	awk '$1 == "statements" { n += $2 } END { print n + 0 }' "$tmp/count"
}
a=$(search_run "type lun") && b=$(search_run "type lung") && s=$((b - a))
rows=$(search_run "type lung
dump" >/dev/null && sed -n 's/.*matching "lung" (\([0-9]*\)).*/\1/p' \
	"$tmp/search.dump" | head -1)
diag "a search keystroke (g of lung): $s statements, $rows cases found"
result "a search keystroke in at most $max_search statements ($s, $rows cases)" \
	$([ -n "$s" ] && [ "${rows:-0}" -ge 8 ] && [ "$s" -le "$max_search" ]; echo $?)

# A search cleared (Esc) while nothing changed: the list without it is
# shown again from its rows read lately, its count and readiness as
# they were, its rows' access log standing (shown before): no statement
# (before: the count and the rows read again, 2)
printf '/\ntype lung\nEnter\n' >"$tmp/search.keys"
clear_run() {
	cp "$tmp/search.keys" "$tmp/keys"
	[ -n "$1" ] && printf '%s\n' "$1" >>"$tmp/keys"
	printf 'q\n' >>"$tmp/keys"
	rm -f "$tmp/count"
	LANG=C.UTF-8 TUMORBOARD_STATEMENTS="$tmp/count" "$TB" --db \
		"$tmp/seven.db" --script "$tmp/keys" --size 100x34 \
		--dump /dev/null >/dev/null 2>&1 || return 1
	awk '$1 == "statements" { n += $2 } END { print n + 0 }' "$tmp/count"
}
a=$(clear_run "") && b=$(clear_run "Esc") && e=$((b - a))
diag "a search cleared (Esc after lung): $e statements"
result "a search cleared while nothing changed reads nothing ($e)" \
	$([ -n "$a" ] && [ -n "$b" ] && [ "$e" -eq 0 ]; echo $?)

result "the meetings list in at most $max_meet statements ($m7)" \
	$([ -n "$m7" ] && [ "$m7" -le "$max_meet" ]; echo $?)
result "an agenda in at most $max_agenda statements ($a7)" \
	$([ -n "$a7" ] && [ "$a7" -le "$max_agenda" ]; echo $?)
o=$(statements "$tmp/seven.db" 100x34 "" "Enter q")
diag "open a case and back (Enter q): $o statements"
result "opening a case in at most $max_open statements ($o)" \
	$([ -n "$o" ] && [ "$o" -le "$max_open" ]; echo $?)
# The decision form opened on a case without a draft (d, then back): the
# case read once, by the form; the form it is decided with (the board's
# or the molecular tumour board's) chosen from that read (91 / 31 before:
# the choice read the case again)
cp "$tmp/base.db" "$tmp/decide.db"
dd=$(statements "$tmp/decide.db" 100x34 "/
type Åström
Enter Enter" "d Esc")
diag "the decision form opened, a new draft (d Esc): $dd statements"
result "a new draft's form in at most $max_decide statements ($dd)" \
	$([ -n "$dd" ] && [ "$dd" -le "$max_decide" ]; echo $?)
# the list shows 30 rows at 100x34: the 30th j shows a new one
r=$(statements "$tmp/seven.db" 100x34 "j*29" "j")
diag "a row scrolled into view (j): $r statements"
result "a row scrolled into view in at most $max_row statements ($r)" \
	$([ -n "$r" ] && [ "$r" -le "$max_row" ]; echo $?)
# Steps over rows in view read nothing: the first step read the
# readiness of the rows ahead with its own, in one statement (one a
# step before, the selected case's); and rows scrolled into view one by
# one come from a screenful read ahead, their readiness from one
# statement: each costs its access log entry (two a row on a server,
# three on SQLite before: 20 / 30 for ten; the first now one more, the
# screenful and the readiness read ahead: 3 / 4; on a server the
# reader's care facts read with the screenful serve each row's entry:
# 11 before, 3). The readiness read ahead is eight rows' on SQLite
# (db_case_ready_ahead: the key that reads it costs less), a batch's on
# a server: ten steps after the first read the next eight's once there,
# nothing here.
w=$(statements "$tmp/seven.db" 100x34 "j" "j*10")
max_w=1
[ -n "${TB_PG_DIR:-}" ] && max_w=0
diag "ten steps over rows in view (j*10 after j): $w statements"
result "steps over rows in view read at most the readiness ahead ($w <= $max_w)" \
	$([ -n "$w" ] && [ "$w" -le "$max_w" ]; echo $?)
# ... and steps over rows whose readiness was read ahead read nothing
w7=$(statements "$tmp/seven.db" 100x34 "j" "j*6")
result "steps over rows whose readiness was read ahead read nothing ($w7)" \
	$([ -n "$w7" ] && [ "$w7" -eq 0 ]; echo $?)
r10=$(statements "$tmp/seven.db" 100x34 "j*29" "j*10")
diag "ten rows scrolled into view (j*10 after j*29): $r10 statements"
result "ten rows scrolled into view in at most $max_ten statements ($r10)" \
	$([ -n "$r10" ] && [ "$r10" -le "$max_ten" ]; echo $?)
# On a server a row scrolled into view brings its readiness facts with
# it (3 round trips before: the row, its readiness, its access log): the
# line they make is the one the same case has when it is selected
# without scrolling, in a taller window (read then on its own)
ready_line() {
	printf 'j*30\ndump\nq\n' >"$tmp/keys"
	LANG=C.UTF-8 "$TB" --db "$tmp/seven.db" --script "$tmp/keys" \
		--size "$1" --dump "$tmp/ready.dump" >/dev/null 2>&1 &&
		tail -2 "$tmp/ready.dump" | head -1
}
rs=$(ready_line 100x34) && rt=$(ready_line 100x44)
diag "the readiness line of row 31: scrolled in \"$rs\", shown \"$rt\""
result "a row scrolled into view: its readiness line as read on its own" \
	$([ -n "$rs" ] && [ "$rs" = "$rt" ]; echo $?)
# What was read lately is not read again while nothing changed: the
# meetings list opened a second time reads no agenda and no case (it
# read them again: 8 statements, as the first time, before; on SQLite
# the first reads none either: read ahead after the first screen), and a row
# moved back to was read when it was selected (its readiness line: the
# case loaded again, 6 statements, before).
m2=$(statements "$tmp/seven.db" 120x40 "m q" "m q")
diag "meetings list opened again (m q m q): $m2 statements"
result "the meetings list opened again reads no more than the first ($m2 <= $m7)" \
	$([ -n "$m2" ] && [ -n "$m7" ] && [ "$m2" -le "$m7" ]; echo $?)
# ... and no more than a meetings list whose agendas are empty: the
# meetings alone (base.db's meetings have no cases on their agendas)
cp "$tmp/base.db" "$tmp/empty.db"
"$TB" --db "$tmp/empty.db" meeting add --date 2026-11-26 --start 14:00 \
	--length 60 --board lung --level regional >/dev/null || exit 1
m0=$(statements "$tmp/empty.db" 120x40 "m q" "m q")
result "the meetings list opened again reads only the meetings ($m2 = $m0)" \
	$([ -n "$m2" ] && [ "$m2" = "$m0" ]; echo $?)
# ... and not the meetings either: the list's window is kept while
# nothing changed (view_meetings.c; one statement before)
result "the meetings list opened again reads nothing ($m2)" \
	$([ -n "$m2" ] && [ "$m2" -eq 0 ]; echo $?)
# The referral queue opened again while nothing changed is the one
# closed (view_list.c): its rows and readiness read lately, from its
# first row (before: its rows read again, one or two statements)
qa=$(statements "$tmp/seven.db" 120x40 "r r" "r r")
diag "queue opened again (r r r r): $qa statements"
result "the referral queue opened again reads nothing ($qa)" \
	$([ -n "$qa" ] && [ "$qa" -eq 0 ]; echo $?)
# The first r on SQLite: the queue was read ahead once the first screen
# was drawn and kept as a queue closed is (view_list_queue_ahead), so the
# key reads no row of it, nor the care facts of its rows
# (db_user_care_ahead): what is left is its access log's INSERT in its
# transaction (2 for this archive; 5 before: the queue's count and
# window, and the care facts, read at the key).
# On a server nothing is read ahead: the key reads the queue with its
# care facts and the log's head.
if [ -z "${TB_PG_DIR:-}" ]; then
	q1=$(statements "$tmp/seven.db" 120x40 "" "r")
	diag "first r: $q1 statements"
	result "the first r reads no row of the queue, only its access log's ($q1)" \
		$([ -n "$q1" ] && [ "$q1" -gt 0 ] && [ "$q1" -le 2 ]; echo $?)
fi
# An agenda opened again while nothing changed is the one built before
# (view_agenda_kept.c): no statement (before: as many as the first
# opening, 11 on SQLite with the q); on a server the data version may
# read the audit log's head once, after the first opening's access log
# entries.
a2=$(statements "$tmp/seven.db" 120x40 "m Enter q" "Enter q")
diag "agenda opened again (m Enter q Enter q): $a2 statements"
result "an agenda opened again while nothing changed reads at most one ($a2, first $a7)" \
	$([ -n "$a2" ] && [ -n "$a7" ] && [ "$a2" -le 1 ] && [ "$a2" -lt "$a7" ]; echo $?)
k=$(statements "$tmp/seven.db" 100x34 "j" "k")
j=$(statements "$tmp/seven.db" 100x34 "j k" "j")
diag "a row moved back to (k after j): $k statements; down again (j): $j"
result "a row moved back to is not read again ($k, $j)" \
	$([ -n "$k" ] && [ "$k" -eq 0 ] && [ "$j" -eq 0 ]; echo $?)
# a running meeting: its first case open, then the next
cp "$tmp/seven.db" "$tmp/live.db"
"$TB" --db "$tmp/live.db" meeting start "$m" >/dev/null 2>&1 || exit 1
cp "$tmp/live.db" "$tmp/live-base.db"
l=$(statements "$tmp/live.db" 120x40 "m Enter Enter" "]")
diag "a live agenda step (]): $l statements"
result "a live agenda step in at most $max_step statements ($l)" \
	$([ -n "$l" ] && [ "$l" -le "$max_step" ]; echo $?)
# The step is one write: the next case's clock and the room's case
# (tumorboard follow) together, under one audit entry that seals the
# clocks it moved (before: the clock and its seal entry, then the room's
# case and its entry, two commits)
entries() {
	cp "$tmp/live-base.db" "$1"
	run "$1" 120x40 "$2" >/dev/null || return 1
	sqlite3 "$1" "SELECT count(*) FROM audit"
}
e1=$(entries "$tmp/step1.db" "m Enter Enter") &&
	e2=$(entries "$tmp/step2.db" "m Enter Enter ]")
diag "audit entries: $e1 without the step, $e2 with it"
result "a live agenda step writes one audit entry ($e1, $e2)" \
	$([ -n "$e1" ] && [ -n "$e2" ] && [ $((e2 - e1)) -eq 1 ]; echo $?)
sq() { sqlite3 "$tmp/step2.db" "$1"; }
second=$(sq "SELECT case_id FROM agenda_item WHERE meeting_id = $m AND position = 2")
# (q after it leaves the case: the room is back on the agenda)
check "the room's case moved to the step's ($second)" \
	test "$(sq "SELECT count(*) FROM audit WHERE action = 'current' AND entity_id = $m AND detail = 'case $second open'")" = 1
check "and the step's case's clock ran" \
	test "$(sq "SELECT count(*) FROM agenda_time t JOIN agenda_item a ON a.id = t.item_id WHERE a.meeting_id = $m AND a.case_id = $second AND t.started IS NOT NULL")" = 1
check "the room's entry seals the clocks of both cases" \
	test "$(sq "SELECT count(*) FROM audit_seal WHERE entity = 'agenda_item' AND audit_id = (SELECT id FROM audit WHERE action = 'current' AND detail = 'case $second open')")" = 2
check "the chain verifies after the step" "$TB" --db "$tmp/step2.db" verify

# an import: statements per case of a file of twenty
"$TB_GENCASES" --seed 3 --per-file 20 20 "$tmp/gen" >/dev/null || exit 1
cp "$tmp/base.db" "$tmp/imp.db"
rm -f "$tmp/count"
TUMORBOARD_STATEMENTS="$tmp/count" "$TB" --db "$tmp/imp.db" import \
	"$tmp"/gen/*.xml >/dev/null || exit 1
i=$(awk '$1 == "statements" { n += $2 } END { print int(n / 20) }' "$tmp/count")
diag "an import: $i statements a case"
result "an import in at most $max_import statements a case ($i)" \
	$([ -n "$i" ] && [ "$i" -le "$max_import" ]; echo $?)

# the follow-up list (f): what was recorded of its decisions read at
# once, not a statement (a round trip) a decision
tb_archive "$tmp/fu.db" decisions || exit 1
nd=$("$TB" --db "$tmp/fu.db" followup 2>/dev/null | grep -c '^ *[0-9]')
"$TB" --db "$tmp/fu.db" followup "$("$TB" --db "$tmp/fu.db" followup |
	awk '/^ *[0-9]/ { print $1; exit }')" done >/dev/null 2>&1
f1=$(statements "$tmp/fu.db" 120x40 "" "f q")
f0=$(statements "$tmp/base.db" 120x40 "" "f q")
diag "follow-up list (f q): $f1 statements with $nd decisions, $f0 with none"
result "the follow-up list: at most 3 statements more for $nd decisions than for none ($f1, $f0)" \
	$([ -n "$f1" ] && [ -n "$f0" ] && [ "$nd" -ge 3 ] &&
		[ "$f1" -le $((f0 + 3)) ]; echo $?)
# On SQLite the first screens' care facts are read in the pause after
# the first screen (db_user_care_ahead): the first f and the first
# agenda read none for their access log (the first r: above). The
# follow-up list, read ahead too, is then its log's INSERT (2 before);
# the agenda reads its rows and writes its log (6 before).
if [ -z "${TB_PG_DIR:-}" ]; then
	fk=$(statements "$tmp/fu.db" 120x40 "" "f")
	ak=$(statements "$tmp/seven.db" 120x40 "m" "Enter")
	diag "first f: $fk statements; first agenda Enter: $ak"
	result "the first follow-up list reads no care facts ($fk)" \
		$([ -n "$fk" ] && [ "$fk" -gt 0 ] && [ "$fk" -le 1 ]; echo $?)
	result "the first agenda reads no care facts ($ak)" \
		$([ -n "$ak" ] && [ "$ak" -gt 0 ] && [ "$ak" -le 5 ]; echo $?)
fi
finish

#!/bin/sh
# Meetings from the command line: a finished meeting is closed, cases of
# another board or already decided need an override, no open case falls
# off every list, decided cases leave other agendas, the real start, bounds
# with clear errors, the finish report, and finishing as one transaction.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
ex="$TB_EXAMPLES"
tb() { "$TB" --db "$db" "$@"; }
# draft TB CASE: a general-form decision of the case filled to be
# signed, by TB (tb, ct: the archive it runs on)
draft() {
	"$1" form open "$2" --form general >/dev/null
	for kv in "discussed=history" recommendation=surgery intent=curative \
		"rationale=Stabil sjukdom." guideline=follows trial-considered=no \
		"contact-nurse=Lena Holm" follow-up-date=+4w; do
		"$1" form set "$2" "${kv%%=*}" "${kv#*=}" >/dev/null 2>&1
	done
}
q() { sqlite3 "$db" "$1"; }
tb_fixture "$db" || exit 1
"$TB" --db "$db" import "$ex"/*.xml >/dev/null 2>&1 || exit 1

# --- A finished meeting's record is closed. ---
m=$(tb meeting add --date 2026-11-23 --start 09:00 --length 60 --board lung --level regional)
for c in SKA-LUNG-2026-0001 SLL-LUNG-2026-0031 ORE-LUNG-2026-0021; do
	tb agenda "$m" add "$c" >/dev/null
done
tb meeting start "$m" >/dev/null
tb meeting attend "$m" "Eva Lind" onkolog >/dev/null
tb agenda "$m" discussed SKA-LUNG-2026-0001 >/dev/null
tb agenda "$m" not-discussed SLL-LUNG-2026-0031 --reason "Standardbehandling" >/dev/null
tb agenda "$m" defer ORE-LUNG-2026-0021 --reason "Ny DT" >/dev/null 2>&1 # no later meeting: stays
tb meeting finish "$m" >/dev/null
q .dump >"$tmp/before.sql"
for args in "agenda $m add VGR-LUNG-2026-0019" "agenda $m move SKA-LUNG-2026-0001 2" \
	"agenda $m set SKA-LUNG-2026-0001 --minutes 10" \
	"agenda $m remove SKA-LUNG-2026-0001 --reason x" \
	"agenda $m not-discussed ORE-LUNG-2026-0021" \
	"meeting attend $m nils.berg radiolog" "meeting leave $m Eva"; do
	# shellcheck disable=SC2086
	tb $args >/dev/null 2>"$tmp/err"
	rc=$?
	result "finished meeting: $args exits 3" $([ $rc -eq 3 ]; echo $?)
	check "finished meeting: $args says the record is closed" grep -q "meeting $m: the meeting is finished or cancelled: its record is closed" "$tmp/err"
done
q .dump >"$tmp/after.sql"
check "a finished meeting is unchanged by all of them" cmp -s "$tmp/before.sql" "$tmp/after.sql"

# --- The minutes: text, an A4 PDF (recorded as an export), errors. ---
check "finishing recorded the minutes in the audit log" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE action = '"'minutes'"' AND entity_id = $1")" = 1 ]' "$db" "$m"
tb meeting minutes "$m" >"$tmp/min.txt"
check "the minutes name each case with its outcome" sh -c 'grep -q "SKA-LUNG-2026-0001 .*discussed, no decision signed" "$0" && grep -q "SLL-LUNG-2026-0031 .*listed but not discussed" "$0" && grep -q "Reason: Standardbehandling" "$0" && grep -q "Eva Lind .*oncologist .*core" "$0"' "$tmp/min.txt"
tb agenda "$m" >"$tmp/out" 2>&1
check "and the agenda says discussed, without a decision, as they do" sh -c 'grep -A1 "SKA-LUNG-2026-0001" "$0" | grep -q "^ *discussed$"' "$tmp/out"
tb meeting minutes "$m" --pdf "$tmp/min.pdf" >/dev/null
check "the minutes PDF is A4 and holds the cases and attendance" sh -c 'pdfinfo "$0" | grep -q "A4" && pdftotext "$0" - | grep -q "Minutes of meeting" && pdftotext "$0" - | grep -q "SLL-LUNG-2026-0031" && pdftotext "$0" - | grep -q "Eva Lind"' "$tmp/min.pdf"
check "the minutes PDF is recorded as an export" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE action = '"'export'"' AND entity = '"'meeting'"' AND entity_id = $1 AND detail = '"'minutes as PDF'"'")" = 1 ]' "$db" "$m"
tb meeting minutes "$m" --pdf "$tmp/no-such-dir/min.pdf" >/dev/null 2>"$tmp/err"
rc=$?
result "minutes to a directory that does not exist: exit 5, names the file, nothing written" \
	$([ $rc -eq 5 ] && grep -q "no-such-dir/min.pdf" "$tmp/err" && [ ! -e "$tmp/no-such-dir" ]; echo $?)
tb meeting minutes 999 >/dev/null 2>"$tmp/err"
rc=$?
result "minutes of no meeting: exit 4 and says so" $([ $rc -eq 4 ] && grep -q "no meeting 999" "$tmp/err"; echo $?)
tb meeting minutes >/dev/null 2>"$tmp/err"
result "minutes without a meeting: usage, exit 2" $([ $? -eq 2 ] && grep -q "usage: tumorboard meeting minutes" "$tmp/err"; echo $?)
open_m=$(tb meeting add --date 2026-12-09 --start 09:00 --length 60 --board lung --level regional)
tb agenda "$open_m" add VGR-LUNG-2026-0019 >/dev/null
tb agenda "$open_m" transfer VGR-LUNG-2026-0019 "$m" --reason "x" 2>"$tmp/err"
result "a transfer onto a finished meeting exits 3" $([ $? -eq 3 ]; echo $?)
check "and names the finished meeting" grep -q "meeting $m: the meeting is finished or cancelled" "$tmp/err"
check "and the case stays where it was" sh -c '"$0" --db "$1" agenda "$2" | grep -q VGR-LUNG-2026-0019' "$TB" "$db" "$open_m"
tb agenda "$open_m" remove VGR-LUNG-2026-0019 --reason "test" >/dev/null

# --- Another board's case, and a decided case, need an override. ---
breast=$(tb meeting add --date 2026-12-03 --start 13:00 --length 60 --board breast --level regional)
tb agenda "$breast" add SKA-LUNG-2026-0014 >"$tmp/out" 2>"$tmp/err"
result "a lung case on the breast board is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and the error says why and how: the code, its board, the diagnoses this one takes" grep -q "C34\.[0-9] is a diagnosis of the lung board, not of the breast board (C50 D05).*(--override REASON)" "$tmp/err"
check "and the case is not listed" sh -c '! "$0" --db "$1" agenda "$2" | grep -q SKA-LUNG-2026-0014' "$TB" "$db" "$breast"
LANGUAGE=sv "$TB" --db "$db" agenda "$breast" add SKA-LUNG-2026-0014 >"$tmp/out" 2>"$tmp/err"
check "in Swedish the boards are named in Swedish (lunga, bröst)" grep -q "C34\.[0-9] är en diagnos för konferensen lunga, inte för konferensen bröst (C50 D05)" "$tmp/err"
tb agenda "$breast" add SKA-LUNG-2026-0014 --override "Misstänkt bröstmetastas" >"$tmp/out" 2>&1
result "with --override REASON it is listed" $?
check "and it says so" grep -q "SKA-LUNG-2026-0014 added to meeting $breast at position 1 (override recorded)" "$tmp/out"
check "the override's reason stays with the item" sh -c '[ "$(sqlite3 "$0" "SELECT note FROM agenda_item WHERE meeting_id = $1")" = "listed with an override: Misstänkt bröstmetastas" ]' "$db" "$breast"
check "the audit log records the override, not its reason" sh -c 'sqlite3 "$0" "SELECT detail FROM audit WHERE action = '"'"'override'"'"'" | grep -qx "listed for another board; reason recorded" && ! sqlite3 "$0" "SELECT detail FROM audit" | grep -q bröstmetastas' "$db"
tb agenda "$breast" add VGR-BREAST-2026-0101 >"$tmp/out" 2>&1
check "a breast case needs no override" grep -q "added to meeting $breast at position 2$" "$tmp/out"
q "UPDATE cases SET status = 'signed' WHERE external_id = 'UPP-BREAST-2026-0150'"
tb agenda "$breast" add UPP-BREAST-2026-0150 >/dev/null 2>"$tmp/err"
result "a signed case on a new agenda is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and the error says it has a signed decision" grep -q "the case has a signed decision" "$tmp/err"
check "a re-review is listed with --override" "$TB" --db "$db" agenda "$breast" add UPP-BREAST-2026-0150 --override "Ny medicinsk bedömning"

# --- No open case is on no list. ---
queue() { tb cases --queue | awk '{ print $1 }'; }
check "a case listed but not discussed is in the queue" sh -c 'echo "$0" | grep -qx SLL-LUNG-2026-0031' "$(queue)"
check "a case left listed on a finished meeting is in the queue" sh -c 'echo "$0" | grep -qx ORE-LUNG-2026-0021' "$(queue)"
sed -e 's/status="ready"/status="listed"/' -e 's/VGR-BREAST-2026-0101/VGR-BREAST-2026-0999/' \
	"$ex/breast-her2-amplified.xml" >"$tmp/listed.xml"
tb import "$tmp/listed.xml" >/dev/null 2>&1
check "a case imported as listed without an agenda is in the queue" sh -c 'echo "$0" | grep -qx VGR-BREAST-2026-0999' "$(queue)"
open=$(q "SELECT count(*) FROM cases WHERE status NOT IN ('signed','communicated','followed-up','closed')")
onagenda=$(q "SELECT count(DISTINCT a.case_id) FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id JOIN cases c ON c.id = a.case_id WHERE a.status = 'listed' AND m.status IN ('planned','running') AND c.status NOT IN ('signed','communicated','followed-up','closed')")
inqueue=$(tb cases --queue --count)
result "every open case is in the queue or on an agenda to come ($open = $inqueue + $onagenda)" $([ "$open" -eq $((inqueue + onagenda)) ]; echo $?)

# --- A case decided at one meeting leaves the other agendas. ---
a=$(tb meeting add --date 2026-11-24 --start 09:00 --length 60 --board lung --level regional)
b=$(tb meeting add --date 2026-12-08 --start 09:00 --length 60 --board lung --level regional)
tb agenda "$a" add HAL-LUNG-2026-0017 >/dev/null
# listed on two planned agendas at once, as an archive from before a case
# waited on one agenda at a time may hold it
q "INSERT INTO agenda_item (meeting_id, case_id, position) SELECT $b, id, 1 FROM cases WHERE external_id = 'HAL-LUNG-2026-0017'"
tb agenda "$b" add VGR-LUNG-2026-0019 >/dev/null
tb meeting start "$a" >/dev/null 2>&1
tb meeting attend "$a" "Eva Lind" onkolog >/dev/null
draft tb HAL-LUNG-2026-0017
# not quorate: the board is named as a person reads it, in either language
tb decision sign HAL-LUNG-2026-0017 --meeting "$a" >/dev/null 2>"$tmp/err"
check "not quorate without a reason: refused, naming the board" \
	grep -q "quorum: the lung board is not quorate: nobody present as " "$tmp/err"
LANGUAGE=sv "$TB" --db "$db" decision sign HAL-LUNG-2026-0017 --meeting "$a" >/dev/null 2>"$tmp/err"
check "in Swedish with the board's Swedish name" \
	grep -q "quorum: konferensen lunga är inte beslutsför: ingen närvarande som " "$tmp/err"
# an attendee's role that is no role of the board is refused, naming the
# nearest, before quorum is asked about, and nothing is signed
signed_a() { q "SELECT count(*) FROM decision WHERE meeting_id = $a"; }
tb decision sign HAL-LUNG-2026-0017 --meeting "$a" --attendee "Johan Lindqvist:onkologi" >/dev/null 2>"$tmp/err"
result "an attendee as 'onkologi': refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "  naming the entry and the role meant as the interface names it" grep -q "attendees: Johan Lindqvist: no such role 'onkologi'; did you mean 'oncologist'?" "$tmp/err"
check "  not asking for a reason to sign without quorum" lacks "$tmp/err" "quorate"
check "  and nothing is signed" test "$(signed_a)" = 0
# several at once: each named, the roles listed once at the end
tb decision sign HAL-LUNG-2026-0017 --meeting "$a" --attendee "Johan Lindqvist:onkologi" \
	--attendee "Eva Lind:thoraxkirurg" --attendee "Per Ek:kurator" >/dev/null 2>"$tmp/err"
result "two attendees' roles wrong: refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "  both named in one line, the roles once" grep -q \
	"attendees: Johan Lindqvist: no such role 'onkologi'; did you mean 'oncologist'? Per Ek: no such role 'kurator'. The roles: pulmonologist, " "$tmp/err"
check "  the roles not listed twice" test "$(grep -o 'The roles' "$tmp/err" | wc -l)" = 1
# an entry without its role: the one meant is named, of several given
tb decision sign HAL-LUNG-2026-0017 --meeting "$a" --attendee "Johan Lindqvist:onkolog" \
	--attendee "Eva Lind" >/dev/null 2>"$tmp/err"
result "an attendee without a role: refused (exit 2)" $([ $? -eq 2 ]; echo $?)
check "  naming the entry" grep -q "^tumorboard decision: --attendee 'Eva Lind': give it as NAME:ROLE or NAME:ROLE:cover" "$tmp/err"
LANGUAGE=sv "$TB" --db "$db" decision sign HAL-LUNG-2026-0017 --meeting "$a" --guest "Eva Lind" >/dev/null 2>"$tmp/err"
check "  a guest too, in Swedish" grep -q "^tumorboard decision: --guest 'Eva Lind': ange den som 'Namn, yrke, enhet:ROLL'" "$tmp/err"
check "  and nothing is signed" test "$(signed_a)" = 0
LANGUAGE=sv "$TB" --db "$db" decision sign HAL-LUNG-2026-0017 --meeting "$a" --attendee "Johan Lindqvist:onkologi" \
	--attendee "Eva Lind:thoraxkirurg" >/dev/null 2>"$tmp/err"
check "  in Swedish too" grep -q "ingen roll 'onkologi'; menade du 'onkolog'?" "$tmp/err"
tb decision sign HAL-LUNG-2026-0017 --meeting "$a" --attendee "Eva Lind:kirurg" >/dev/null 2>"$tmp/err"
check "  a word of a role's name: the role offered (kirurg: thoracic surgeon)" grep -q "attendees: Eva Lind: no such role 'kirurg'; did you mean 'thoracic surgeon'?" "$tmp/err"
tb decision sign HAL-LUNG-2026-0017 --attendee "Johan Lindqvist:onkolog" --attendee "Eva Lind:bröstkirurgen" \
	--quorum-override "Test" >/dev/null 2>"$tmp/err"
check "outside a meeting the roles are any board's: 'bröstkirurgen' is refused" \
	grep -q "no such role 'bröstkirurgen'; did you mean 'breast surgeon'?" "$tmp/err"
tb decision sign HAL-LUNG-2026-0017 --attendee "Johan Lindqvist:onkolog" --attendee "Eva Lind:kirurg" \
	--quorum-override "Test" >/dev/null 2>"$tmp/err"
check "  and a word of several boards' roles offers none of them (kirurg)" sh -c \
	'grep -q "no such role '"'"'kirurg'"'"'; the roles:" "$0" && ! grep -q "did you mean" "$0"' "$tmp/err"
check "  and nothing is signed" test "$(q "SELECT count(*) FROM decision")" = 0
# a guess near no role is offered none, and a board's roles are named
tb decision sign HAL-LUNG-2026-0017 --meeting "$a" --attendee "Johan Lindqvist:kurator" >/dev/null 2>"$tmp/err"
check "a guess near no role ('kurator'): the board's roles named" \
	grep -q "attendees: Johan Lindqvist: no such role 'kurator'; the roles: pulmonologist, oncologist, " "$tmp/err"
check "  and no role offered as meant" lacks "$tmp/err" "did you mean"
# a user's name a letter off, or without its accent, is not taken for
# the user: the user is offered, and nothing is signed
for typo in "Johan Lindkvist:Johan Lindqvist (johan.lindqvist)" \
	"Maria Ekk:Maria Ek (maria.ek)" "Sara Holmm:Sara Holm (sara.holm)" \
	"Lena As:Lena Ås (lena.as)" "lindkvist:Johan Lindqvist (johan.lindqvist)"; do
	tb decision sign HAL-LUNG-2026-0017 --meeting "$a" --attendee "${typo%%:*}:onkolog" \
		--quorum-override "Test" >/dev/null 2>"$tmp/err"
	result "'${typo%%:*}' refused" $([ $? -ne 0 ]; echo $?)
	check "  offering ${typo#*:}" grep -q "'${typo%%:*}' is not a user of this archive; users like it: ${typo#*:};" "$tmp/err"
done
check "  and nothing is signed" test "$(q "SELECT count(*) FROM decision")" = 0
# attendance is recorded by any of a role's names, stored by its code
tb meeting attend "$a" "Maria Ek" Pathologist >"$tmp/out" &&
	tb meeting attend "$a" "Lena Holm" "contact nurse" >/dev/null &&
	tb meeting attend "$a" "Sara Holm" Kontaktsjukskoterska >/dev/null
result "attendance by the roles' English and unaccented names" $?
check "  said with the role as the interface names it" grep -q "^Maria Ek is present at meeting $a as pathologist$" "$tmp/out"
check "  stored by the roles' codes" test "$(q "SELECT role FROM attendee WHERE meeting_id = $a AND name IN ('Maria Ek', 'Lena Holm', 'Sara Holm') ORDER BY id" | tr '\n' ',')" = "patolog,kontaktsjuksköterska,kontaktsjuksköterska,"
tb meeting attend "$a" "Per Ek" radiologst >/dev/null 2>"$tmp/err"
check "a role mistyped at attendance: the role meant is offered" \
	grep -q "'radiologst' is not a role of the lung board; did you mean 'radiologist'?" "$tmp/err"
check "  and the board's roles are named with it" \
	grep -q "did you mean 'radiologist'? Its roles: pulmonologist, oncologist, thoracic surgeon, radiologist, pathologist, contact nurse" "$tmp/err"
# a word of a role's name, not near in spelling: the one role that holds
# it is offered (never one of several)
for w in kirurg surgeon KIRURG; do
	tb meeting attend "$a" "Per Ek" "$w" >/dev/null 2>"$tmp/err"
	check "a role named by a word of it ($w): the role is offered" \
		grep -q "'$w' is not a role of the lung board; did you mean 'thoracic surgeon'?" "$tmp/err"
done
tb meeting attend "$a" "Per Ek" sjuksköterska >/dev/null 2>"$tmp/err"
check "  a word of two roles' names: neither offered, the roles named" sh -c \
	'grep -q "'"'"'sjuksköterska'"'"' is not a role of the lung board; its roles:" "$0" && ! grep -q "did you mean" "$0"' "$tmp/err"
tb meeting attend "$a" "Per Ek" kir >/dev/null 2>"$tmp/err"
check "  three letters: nothing offered" sh -c '! grep -q "did you mean" "$0"' "$tmp/err"
tb meeting leave "$a" "Maria Ek" >/dev/null && tb meeting leave "$a" "Lena Holm" >/dev/null &&
	tb meeting leave "$a" "Sara Holm" >/dev/null
result "  (those three leave again)" $?
tb decision sign HAL-LUNG-2026-0017 --meeting "$a" --quorum-override "Test" >/dev/null 2>"$tmp/err" ||
	diag <"$tmp/err"
check "the decision is signed at meeting $a" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM decision WHERE meeting_id = $1")" = 1 ]' "$db" "$a"
tb agenda "$a" >"$tmp/out" 2>&1
check "its agenda says it was decided at this meeting" sh -c 'grep -A1 "HAL-LUNG-2026-0017" "$0" | grep -q "^ *decided at this meeting$"' "$tmp/out"
check "  not merely discussed" lacks "$tmp/out" -E "^ *discussed"
tb agenda "$a" --pdf "$tmp/here.pdf" >/dev/null 2>&1
check "  and so does its PDF" sh -c 'pdftotext "$0" - | grep -q "decided at this meeting"' "$tmp/here.pdf"
LANGUAGE=sv tb agenda "$a" >"$tmp/out" 2>&1
check "  in Swedish too" sh -c 'grep -A1 "HAL-LUNG-2026-0017" "$0" | grep -q "^ *beslutat vid detta möte$"' "$tmp/out"
tb agenda "$b" --check >"$tmp/out" 2>&1
check "before the finish the other agenda marks it decided" grep -q "DECIDED: signed since it was listed" "$tmp/out"
check "  (decided elsewhere: not \"decided at this meeting\")" lacks "$tmp/out" "decided at this meeting"
ascreen() { # MEETING NAME: the agenda screen of MEETING (from the meetings, by its row)
	row=$(tb meetings | awk -v m="$1" '$1 == m { print NR }')
	keys="m"
	while [ "$row" -gt 1 ]; do keys="$keys j"; row=$((row - 1)); done
	echo "$keys Enter dump" >"$tmp/$2.keys"
	"$TB" --db "$db" --script "$tmp/$2.keys" --size 80x24 --dump "$tmp/$2.dump" >/dev/null 2>&1
}
ascreen "$a" here
check "on the screen: decided at this meeting" grep -q "^ *1  decided  *HAL-LUNG-2026-0017 " "$tmp/here.dump"
ascreen "$b" there
check "on the other agenda's screen: already signed, distinct" grep -q "^ *1  already signed HAL-LUNG-2026-0017 " "$tmp/there.dump"
LANGUAGE=sv ascreen "$a" here-sv
LANGUAGE=sv ascreen "$b" there-sv
check "in Swedish: beslutat here, redan signerat there" sh -c 'grep -q "^ *1  beslutat  *HAL-LUNG-2026-0017 " "$0" && grep -q "^ *1  redan signerat HAL-LUNG-2026-0017 " "$1"' "$tmp/here-sv.dump" "$tmp/there-sv.dump"
# The outcome column is cut and padded by display cells: a Swedish word
# with å, ä or ö keeps the case in its column (a catalogue whose words
# for "discussed" and "not discussed" have them: 11 and 14 cells, 12
# and 15 bytes).
if tap_need msgfmt gettext; then
	mkdir -p "$tmp/locale/sv/LC_MESSAGES"
	sed 's/^msgstr "diskuterat"$/msgstr "genomgånget"/; s/^msgstr "ej diskuterat"$/msgstr "ej genomgånget"/' \
		"$TB_SRCDIR/po/sv.po" >"$tmp/wide.po"
	msgfmt -o "$tmp/locale/sv/LC_MESSAGES/tumorboard.mo" "$tmp/wide.po"
	TUMORBOARD_LOCALEDIR="$tmp/locale" LANGUAGE=sv ascreen "$m" wide-sv
	check "an outcome with å, ä or ö keeps the case in its column (80x24, in Swedish)" \
		sh -c 'grep -q "^ *T\{0,1\}1  genomgånget    SKA-LUNG-2026-0001 " "$0" && grep -q "^ *T\{0,1\}2  ej genomgånget SLL-LUNG-2026-0031 " "$0"' "$tmp/wide-sv.dump"
else
	tap_skip "an outcome with å, ä or ö keeps the case in its column" "msgfmt not installed"
fi
check "and does not count it as ready" grep -q "^0 of 2 ready\|^1 of 2 ready" "$tmp/out"
# amended at the meeting: two decisions signed at it, one case decided
first=$(tb decision list --case HAL-LUNG-2026-0017 | awk 'NR == 1 { print $1 }')
tb decision amend "$first" --reason "Rättat vid mötet" >/dev/null 2>"$tmp/err" || diag <"$tmp/err"
tb decision sign HAL-LUNG-2026-0017 --meeting "$a" --quorum-override "Test" >/dev/null 2>"$tmp/err" ||
	diag <"$tmp/err"
tb meeting finish "$a" >"$tmp/finish" 2>&1
check "the finish report counts a case signed and amended once, the amendment apart" \
	grep -q "^1 case: 1 decided (1 amended), 0 discussed without a decision" "$tmp/finish"
check "  not as two signed" lacks "$tmp/finish" "2 signed"
check "the finish report says it left later agendas" grep -q "1 case decided here taken off later agendas" "$tmp/finish"
check "after the finish it is off the other agenda" sh -c '! "$0" --db "$1" agenda "$2" | grep -q HAL-LUNG-2026-0017' "$TB" "$db" "$b"
check "with a note that names the meeting" sh -c '[ "$(sqlite3 "$0" "SELECT note FROM agenda_item WHERE meeting_id = $1 AND status = '"'"'removed'"'"'")" = "decided at meeting $2" ]' "$db" "$b" "$a"
tb meeting minutes "$a" >"$tmp/min-a.txt" 2>&1
check "the minutes count it in the same words" grep -q "^1 case: 1 decided (1 amended), 0 discussed without a decision" "$tmp/min-a.txt"
tb agenda "$a" >"$tmp/out" 2>&1
check "the minutes and the finished agenda agree: decided" sh -c 'grep -q "HAL-LUNG-2026-0017 .*discussed, decided" "$0" && grep -A1 "HAL-LUNG-2026-0017" "$1" | grep -q "^ *decided at this meeting$"' "$tmp/min-a.txt" "$tmp/out"
tb meeting cancel "$b" --reason "test klart" >/dev/null

# --- The real start, and a report that names what happened. ---
c=$(tb meeting add --date 2026-11-26 --start 14:00 --length 60 --board colorectal --level regional)
d=$(tb meeting add --date 2026-12-11 --start 08:00 --length 45 --board colorectal --level regional)
for x in SKA-CRC-2026-0118 JKP-CRC-2026-0031 SLL-CRC-2026-0212 VGR-CRC-2026-0233; do
	tb agenda "$c" add "$x" >/dev/null
done
tb meeting start "$c" >"$tmp/out" 2>"$tmp/err"
check "meeting start prints the real start" grep -q "meeting $c started 2026-11-23 09:00 UTC" "$tmp/out"
check "and notes it is another day than planned" grep -q "was planned for 2026-11-26 14:00; its real start is recorded" "$tmp/err"
check "the meeting keeps its real start" sh -c '[ "$(sqlite3 "$0" "SELECT started FROM meeting_run WHERE meeting_id = $1")" = 2026-11-23T09:00:00Z ]' "$db" "$c"
tb agenda "$c" defer JKP-CRC-2026-0031 --reason "Ny DT" >/dev/null
tb agenda "$c" not-discussed SLL-CRC-2026-0212 --reason "Standard" >/dev/null
q .dump >"$tmp/before.sql"
# a step that fails midway: the second case's move to the next meeting
# (on PostgreSQL, in the second pass, a PL/pgSQL trigger does the same)
if [ -n "${TB_PG_DIR:-}" ]; then
	q 'CREATE FUNCTION fail_move() RETURNS trigger LANGUAGE plpgsql AS $f$
	BEGIN
		IF NEW.case_id = (SELECT id FROM cases WHERE external_id = '"'VGR-CRC-2026-0233'"') THEN
			RAISE EXCEPTION '"'injected'"';
		END IF;
		RETURN NEW;
	END $f$;
	CREATE TRIGGER fail_move BEFORE INSERT ON agenda_item FOR EACH ROW EXECUTE FUNCTION fail_move()'
else
	q "CREATE TRIGGER fail_move BEFORE INSERT ON agenda_item WHEN new.case_id = (SELECT id FROM cases WHERE external_id = 'VGR-CRC-2026-0233') BEGIN SELECT RAISE(ABORT, 'injected'); END"
fi
q .dump >"$tmp/before.sql"
tb meeting finish "$c" >"$tmp/out" 2>&1
result "a finish that fails midway exits 6" $([ $? -eq 6 ]; echo $?)
q .dump >"$tmp/after.sql"
check "and changed nothing: not the first move, not the status" cmp -s "$tmp/before.sql" "$tmp/after.sql"
check "and says so, with the database's reason" grep -q "meeting $c could not be finished and nothing was changed: injected" "$tmp/out"
check "the meeting is still running" sh -c '[ "$(sqlite3 "$0" "SELECT status FROM meeting WHERE id = $1")" = running ]' "$db" "$c"
if [ -n "${TB_PG_DIR:-}" ]; then
	q "DROP TRIGGER fail_move ON agenda_item; DROP FUNCTION fail_move()"
else
	q "DROP TRIGGER fail_move"
fi
tb meeting finish "$c" >"$tmp/finish" 2>&1
result "then it finishes" $?
check "the report shows the planned and the real start" grep -q "^Planned for 2026-11-26 14:00; started 2026-11-23 09:00 UTC" "$tmp/finish"
check "the report names where the deferred case went" grep -q "JKP-CRC-2026-0031 → meeting $d (2026-12-11 08:00)" "$tmp/finish"
check "and where the cases not reached went" grep -q "moved to meeting $d (2026-12-11 08:00): VGR-CRC-2026-0233" "$tmp/finish"
check "the report names the case not discussed" sh -c 'grep -A1 "^Listed but not discussed" "$0" | grep -q SLL-CRC-2026-0212' "$tmp/finish"
# finished a second time: refused, saying when it finished (not merely
# that it is not running); in Swedish too
# (the clock of the tests: TUMORBOARD_NOW)
tb meeting finish "$c" >/dev/null 2>"$tmp/twice"
result "finished twice: refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "  saying when it finished" grep -q "the meeting is not running: it finished 2026-11-23 09:00 UTC" "$tmp/twice"
LANGUAGE=sv "$TB" --db "$db" meeting start "$c" >/dev/null 2>"$tmp/twice-sv"
check "  started again: refused in Swedish, its status named" grep -q "mötet har inte statusen ”planerat”: det avslutades 2026-11-23 09:00 UTC" "$tmp/twice-sv"
check "the report counts deferred and not discussed" sh -c 'tr "\n" " " <"$0" | grep -q "4 cases: 0 decided, 0 discussed without a decision, 1 deferred, 1 not discussed, 2 not reached, 2 moved on, 0 not moved"' "$tmp/finish"
# the meetings list counts what the finished meeting's record lists: the
# four cases, the two moved on among them (it said "2 cases" before)
check "the meetings list counts every case of the finished meeting" sh -c '"$0" --db "$1" meetings | grep -q "^$2 .* finished   4 cases "' "$TB" "$db" "$c"
# each meeting's readiness reads its listed cases with one statement,
# prepared once for the whole list, not once a meeting
rm -f "$tmp/trace"
TB_SQL_TRACE="$tmp/trace" "$TB" --db "$db" meetings >"$tmp/out" 2>&1
result "the meetings list: more than one meeting" $([ "$(grep -c '^[0-9]' "$tmp/out")" -gt 1 ]; echo $?)
result "  the statement of the listed cases prepared once" $([ "$(grep -c 'a\.meeting_id IN (?1' "$tmp/trace" 2>/dev/null)" = 1 ]; echo $?)

# --- Bounds, with clear errors. ---
tb meeting add --date 1999-03-02 --start 09:00 --length 60 --board lung --level local 2>"$tmp/err"
result "a meeting in 1999 is refused (exit 2)" $([ $? -eq 2 ]; echo $?)
check "and the error says why" grep -q "more than a year ago" "$tmp/err"
tb meeting add --date 2031-03-02 --start 09:00 --length 60 --board lung --level local 2>"$tmp/err"
result "a meeting in 2031 is refused (exit 2)" $([ $? -eq 2 ]; echo $?)
check "and the error says why" grep -q "more than two years ahead" "$tmp/err"
long=$(printf '%0600d' 0)
tb meeting add --date 2026-12-20 --start 09:00 --length 60 --board lung --level local --location "$long" 2>"$tmp/err"
result "a 600-character location is refused (exit 2)" $([ $? -eq 2 ]; echo $?)
check "and the error names the limit" grep -q "location is 600 bytes long; at most 200" "$tmp/err"
tb meeting add --date 2026-12-20 --start 09:00 --board lung --level local 2>"$tmp/err"
result "a missing required option exits 2" $([ $? -eq 2 ]; echo $?)
check "and names it" grep -q "missing --length" "$tmp/err"
three=$(tb meeting add --date 2026-12-21 --start 09:00 --length 60 --board lung --level local)
for x in SKA-LUNG-2026-0001 SLL-LUNG-2026-0031 ORE-LUNG-2026-0021; do
	tb agenda "$three" add "$x" >/dev/null
done
tb agenda "$three" move SKA-LUNG-2026-0001 9 2>"$tmp/err"
result "agenda move to 9 of 3 is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and says the agenda has 3 cases" grep -q "POSITION 9 is outside the agenda: it has 3 cases (positions 1–3)" "$tmp/err"
check "the order is unchanged" sh -c '"$0" --db "$1" agenda "$2" | grep -q "^[ T]1 .*SKA-LUNG-2026-0001"' "$TB" "$db" "$three"

# --- Successful changes say what they did. ---
tb agenda "$three" move SKA-LUNG-2026-0001 3 >"$tmp/out"
check "move prints the new position" grep -qx "SKA-LUNG-2026-0001 moved to position 3 of 3" "$tmp/out"
tb agenda "$three" set SLL-LUNG-2026-0031 --minutes 12 --presenter "Dr Ek" >"$tmp/out"
check "set prints the slot and presenter" grep -qx "SLL-LUNG-2026-0031 on meeting $three: 12 min, presenter Dr Ek" "$tmp/out"
tb agenda "$three" remove ORE-LUNG-2026-0021 --reason "Ny DT" >"$tmp/out"
check "remove prints what it did" grep -qx "ORE-LUNG-2026-0021 removed from meeting $three" "$tmp/out"
tb agenda "$three" --check --pdf "$tmp/agenda.pdf" >"$tmp/out" 2>"$tmp/err"
result "agenda --check --pdf exits 0 when the PDF is written" $?
check "and prints where it went" grep -q "agenda of meeting $three written to $tmp/agenda.pdf" "$tmp/out"
check "and notes the readiness" grep -q "of 2 ready; the PDF says what is missing" "$tmp/err"
check "the PDF is there" test -s "$tmp/agenda.pdf"
# the printed agenda always gives the readiness, and its rows fit A4:
# the ICD-10 and the readiness on the case's line, not wrapped under the
# time; the name and masked identity number on the line below
tb agenda "$three" --pdf "$tmp/agenda-plain.pdf" >"$tmp/out" 2>"$tmp/err"
result "agenda --pdf without --check exits 0" $?
check "and still notes the readiness" grep -q "of 2 ready; the PDF says what is missing" "$tmp/err"
pdftotext -layout "$tmp/agenda-plain.pdf" "$tmp/agenda-plain.txt"
check "the PDF's column heads" grep -Eq "^ *# +Time +Slot +Case +ICD-10 +Readiness" "$tmp/agenda-plain.txt"
check "  and, below, those of each case's second line" grep -Eq "^ +Patient +Identity number$" "$tmp/agenda-plain.txt"
for x in SKA-LUNG-2026-0001 SLL-LUNG-2026-0031; do
	check "$x: time, slot, case, ICD-10 and readiness on one line" \
		grep -Eq "^ *T?[0-9]+ +[0-9]{2}:[0-9]{2} +[0-9]+ min +$x +C34\.[0-9] +(ready|[0-9]+ missing)" "$tmp/agenda-plain.txt"
	check "$x: the name and masked identity number below it" sh -c \
		'grep -A1 "$1" "$0" | tail -n 1 | grep -Eq "^ +[^ ].*, .* +[0-9]{8}-\*\*\*\*"' "$tmp/agenda-plain.txt" "$x"
done
check "what is missing, item by item with the reason" \
	grep -Eq "missing: +[A-Z][a-z]+.*: " "$tmp/agenda-plain.txt"
check "and how many are ready" grep -Eq "^ *[0-9] of 2 ready" "$tmp/agenda-plain.txt"
pdftoppm -png -r 40 "$tmp/agenda-plain.pdf" "$tmp/agenda-page"
check "the PDF renders" test -s "$tmp/agenda-page-1.png"
tb agenda "$three" --check >/dev/null 2>&1
result "agenda --check alone still exits 3 for scripts" $([ $? -eq 3 ]; echo $?)
tb meeting cancel "$three" --reason "test klart" >/dev/null
# --- Several cases at once; attendance by the board's roles; undo. ---
four=$(tb meeting add --date 2026-12-22 --start 09:00 --length 60 --board lung --level regional)
tb agenda "$four" add SLL-LUNG-2026-0031 >/dev/null
tb agenda "$four" add NOR-LUNG-2026-0009 SLL-LUNG-2026-0031 SKA-CRC-2026-0118 HAL-LUNG-2026-0017 NO-SUCH-1 OST-LUNG-2026-0004 >"$tmp/out" 2>"$tmp/err"
result "agenda add with several cases: exit 3 when some are refused" $([ $? -eq 3 ]; echo $?)
check "the others are added, in the order given" sh -c 'grep -qx "2 of 6 added to meeting $1" "$0" && "$2" --db "$3" agenda "$1" | grep -q "^[ T]2 .*NOR-LUNG-2026-0009" && "$2" --db "$3" agenda "$1" | grep -q "^[ T]3 .*OST-LUNG-2026-0004"' "$tmp/out" "$four" "$TB" "$db"
check "each refusal is named with its reason" sh -c 'grep -q "SLL-LUNG-2026-0031: the case is already on this agenda" "$0" && grep -q "SKA-CRC-2026-0118: C[0-9.]* is a diagnosis of the colorectal board, not of the lung board" "$0" && grep -q "NO-SUCH-1: no such case" "$0" && grep -q "HAL-LUNG-2026-0017: the case has a signed decision" "$0"' "$tmp/err"
tb agenda "$four" add VGR-LUNG-2026-0019 SLL-LUNG-2026-0044 >"$tmp/out"
result "all added: exit 0" $?
# The agenda on standard output marks a case a trial of the registry may
# fit as the screen and the PDF do (T before its position, TRIAL at the
# end of its line) and says under the agenda what the mark means; a case
# no trial fits is not marked. In English and Swedish, with --check too.
for lang in en sv; do
	mark=TRIAL
	[ $lang = sv ] && mark=STUDIE
	for chk in "" --check; do
		# shellcheck disable=SC2086
		LANGUAGE=$lang tb agenda "$four" $chk >"$tmp/trial.txt" 2>/dev/null
		check "agenda${chk:+ $chk} ($lang): the case a trial may fit is marked $mark" \
			grep -q "^T1  .*SLL-LUNG-2026-0031 .*  $mark\$" "$tmp/trial.txt"
		check "agenda${chk:+ $chk} ($lang): the case no trial fits is not" \
			sh -c 'grep -q "^ 3  .*OST-LUNG-2026-0004" "$0" && ! grep "OST-LUNG-2026-0004" "$0" | grep -q "$1"' \
			"$tmp/trial.txt" "$mark"
		check "agenda${chk:+ $chk} ($lang): the mark explained below the agenda" \
			sh -c 'tail -n 1 "$0" | grep -q "^T, $1: "' "$tmp/trial.txt" "$mark"
	done
done
tb agenda "$four" add VGR-LUNG-2026-0019 SLL-LUNG-2026-0044 --presenter X >/dev/null 2>"$tmp/err"
result "--presenter with several cases is a usage error" $([ $? -eq 2 ] && grep -q "go with one case" "$tmp/err"; echo $?)
tb meeting start "$four" >/dev/null 2>&1
tb meeting attend "$four" "Eva Lind" onkologist >/dev/null 2>"$tmp/err"
result "a role the board does not have is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and the role meant is offered" grep -q "'onkologist' is not a role of the lung board; did you mean 'oncologist'?" "$tmp/err"
tb meeting attend "$four" "Eva Lind" kurator >/dev/null 2>"$tmp/err"
result "a role near none of the board's is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and the board's roles are named" grep -q "'kurator' is not a role of the lung board; its roles: pulmonologist, oncologist, thoracic surgeon" "$tmp/err"
tb meeting attend "$four" "Eva Lind" Onkolog >/dev/null
tb meeting attend "$four" "Nils Berg" "klinisk genetiker" >/dev/null
tb meeting attend "$four" "Per Ek" "klinisk genetiker" --cover >/dev/null 2>"$tmp/err"
result "covering is for a core role only" $([ $? -eq 3 ] && grep -q "not a core role" "$tmp/err"; echo $?)
check "the role is stored as the board spells it" sh -c '[ "$(sqlite3 "$0" "SELECT role FROM attendee WHERE meeting_id = $1 ORDER BY name" | tr "\n" /)" = "onkolog/klinisk genetiker/" ]' "$db" "$four"
# the attendance names each role, and the core roles nobody fills, in the
# interface's language (boards.xml names them in Swedish)
tb meeting attendance "$four" >"$tmp/out"
check "attendance (en): the roles in English; another role attends as other" sh -c 'grep -q "^Eva Lind  *oncologist  *core " "$0" && grep -q "^Nils Berg  *clinical geneticist  *other " "$0"' "$tmp/out"
check "attendance (en): the core roles nobody fills in English" grep -q "^NOT QUORATE for Lung cancer: nobody present as pulmonologist, thoracic surgeon, radiologist, pathologist, contact nurse$" "$tmp/out"
check "attendance (en): no role by its Swedish name" sh -c '! grep -E -q "onkolog |genetiker|lungmedicinare|kontaktsjuksk" "$0"' "$tmp/out"
LANGUAGE=sv tb meeting attendance "$four" >"$tmp/out"
check "attendance (sv): the roles in Swedish" sh -c 'grep -q "^Eva Lind  *onkolog  *kärna " "$0" && grep -q "^Nils Berg  *klinisk genetiker  *övrig " "$0"' "$tmp/out"
tb meeting attend "$four" "Per Ek" onkolog --cover >/dev/null
LANGUAGE=sv tb meeting attendance "$four" >"$tmp/out"
check "attendance (sv): the time in one column, after the widest kind (ersättare)" \
	sh -c 'grep -q "^Per Ek .* ersättare " "$0" && [ "$(grep -o "  *20[0-9-]*T" "$0" | wc -l)" -eq 3 ] && sed -n "/ 20[0-9-]*T/p" "$0" | awk "{ print index(\$0, \"2026-\") }" | sort -u | wc -l | grep -qx 1' "$tmp/out"
tb meeting leave "$four" "Per Ek" >/dev/null
check "attendance (sv): the core roles nobody fills in Swedish" grep -q "^INTE BESLUTSFÖR för Lungcancer: ingen närvarande som lungmedicinare, thoraxkirurg, radiolog, patolog, kontaktsjuksköterska$" "$tmp/out"
# a board's name: name-en in English (above), name in Swedish; a boards.xml
# that gives no English name has its name in both
mkdir -p "$tmp/noen/tumorboard"
sed 's/ name-en="[^"]*"//' "$TB_SRCDIR/data/boards.xml" >"$tmp/noen/tumorboard/boards.xml"
check "  (the copy has no English name)" sh -c '! grep -q "name-en" "$0"' "$tmp/noen/tumorboard/boards.xml"
XDG_CONFIG_HOME=$tmp/noen tb meeting attendance "$four" >"$tmp/out" 2>"$tmp/err"
check "a boards.xml without name-en: the board's name in English too" grep -q "^NOT QUORATE for Lungcancer: " "$tmp/out"
tb agenda "$four" undo >/dev/null 2>"$tmp/err"
result "undo before anything is recorded: exit 4" $([ $? -eq 4 ] && grep -q "nothing to undo" "$tmp/err"; echo $?)
later=$(tb meeting add --date 2026-12-29 --start 09:00 --length 60 --board lung --level regional)
tb meeting start "$four" >/dev/null 2>&1
tb agenda "$four" defer NOR-LUNG-2026-0009 --reason "Ny PET" --to "$later" >/dev/null
tb agenda "$four" undo >"$tmp/out"
result "undo takes back the deferral" $?
check "and says where it came off" grep -qx "NOR-LUNG-2026-0009: deferral undone; listed again at meeting $four and taken off meeting $later" "$tmp/out"
check "the later meeting no longer lists it" sh -c '! "$0" --db "$1" agenda "$2" | grep -q NOR-LUNG-2026-0009' "$TB" "$db" "$later"
tb agenda "$four" undo >/dev/null 2>&1
result "a second undo finds nothing (exit 4)" $([ $? -eq 4 ]; echo $?)
# --- A planned meeting whose time has passed is flagged. ---
pdb="$tmp/past.db"
tb_fixture "$pdb" || exit 1
pt() { "$TB" --db "$pdb" "$@"; }
p1=$(pt meeting add --date 2026-11-20 --start 09:00 --length 60 --board lung --level regional)
p2=$(pt meeting add --date 2026-11-23 --start 07:00 --length 60 --board breast --level regional)
p3=$(pt meeting add --date 2026-11-23 --start 08:30 --length 60 --board colorectal --level regional)
p4=$(pt meeting add --date 2026-11-24 --start 09:00 --length 60 --board prostate --level regional)
pt meetings >"$tmp/past"
check "a planned meeting days ago is flagged not held" grep -q "^$p1 .*  not held   0 cases *$" "$tmp/past"
check "one that ended earlier today too" grep -q "^$p2 .*  not held " "$tmp/past"
check "one under way by the clock is not (it may start late)" grep -q "^$p3 .*  planned    0 cases, 0 ready" "$tmp/past"
check "nor one tomorrow" grep -q "^$p4 .*  planned " "$tmp/past"
# --- No case is put on a meeting that was not held. ---
pt import "$ex"/*.xml >/dev/null 2>&1 || exit 1
pt agenda "$p1" add SKA-LUNG-2026-0001 >"$tmp/out" 2>"$tmp/err"
result "a case for a meeting past its time and not held is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and the error names the meeting, its date, that it lies in the past, and the override" grep -q "meeting $p1 (lung 2026-11-20 09:00) lies in the past and was not held; put the case on a coming meeting.*(--override REASON)" "$tmp/err"
check "and the case is not listed" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM agenda_item")" = 0 ]' "$pdb"
LANGUAGE=sv pt agenda "$p2" add VGR-BREAST-2026-0101 >"$tmp/out" 2>"$tmp/err"
check "in Swedish: the meeting, its board in Swedish, its date" grep -q "möte $p2 (bröst 2026-11-23 07:00) ligger i det förflutna och hölls inte" "$tmp/err"
check "and how to override it, in Swedish too (the store says it may be, not an English word)" grep -q "ligger i det förflutna och hölls inte.*(--override SKÄL)$" "$tmp/err"
LANGUAGE=sv pt agenda "$p2" add VGR-BREAST-2026-0101 SKA-LUNG-2026-0001 >"$tmp/out" 2>"$tmp/err"
check "several at once, in Swedish: each refusal with how to override it" sh -c '[ "$(grep -c "hölls inte.*(--override SKÄL)$" "$0")" = 2 ]' "$tmp/err"
pt agenda "$p1" add SKA-LUNG-2026-0001 HAL-LUNG-2026-0017 >"$tmp/out" 2>"$tmp/err"
result "several at once on it: exit 3" $([ $? -eq 3 ]; echo $?)
check "each named with the reason, none added" sh -c '[ "$(grep -c "lies in the past and was not held" "$0")" = 2 ] && grep -q "^0 of 2 added to meeting" "$1"' "$tmp/err" "$tmp/out"
check "each with how to override it" sh -c '[ "$(grep -c "lies in the past and was not held.*(--override REASON)$" "$0")" = 2 ]' "$tmp/err"
pt agenda "$p3" add SKA-CRC-2026-0118 >/dev/null 2>&1
result "a meeting under way by the clock still takes a case" $?
pt agenda "$p1" add SKA-LUNG-2026-0001 --override "Efterregistrering" >"$tmp/out" 2>&1
check "with --override REASON it is listed" grep -q "SKA-LUNG-2026-0001 added to meeting $p1 at position 1 (override recorded)" "$tmp/out"
pt agenda "$p1" add SKA-LUNG-2026-0001 --override "Efterregistrering" >"$tmp/out" 2>"$tmp/err"
check "listed there already: refused with the reason" grep -q "already on this agenda" "$tmp/err"
check "and no override offered, which would not help" lacks "$tmp/err" -e "--override"
check "the audit log says it went on a meeting past its time, not the reason" sh -c 'sqlite3 "$0" "SELECT detail FROM audit WHERE action = '"'"'override'"'"'" | grep -qx "listed on a meeting past its time; override given; reason recorded" && ! sqlite3 "$0" "SELECT detail FROM audit" | grep -q Efterregistrering' "$pdb"
# the referral queue offers the next meeting that takes the case: by the
# clock of 2026-12-01 the demo's lung meeting (1, 2026-11-26) was not held
qdb="$tmp/queue.db"
tb_fixture "$qdb" || exit 1
"$TB" --db "$qdb" import "$ex"/*.xml >/dev/null 2>&1 || exit 1
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$qdb" >/dev/null || exit 1
qt() { TUMORBOARD_NOW=2026-12-01T10:00:00Z "$TB" --db "$qdb" "$@"; }
ql=$(qt meeting add --date 2026-12-10 --start 14:00 --length 60 --board lung --level regional)
cp "$qdb" "$tmp/queue-fresh.db"
qscreen() { # KEYS NAME: the queue's screen after KEYS
	echo "$1" >"$tmp/$2.keys"
	qt --script "$tmp/$2.keys" --size 80x24 --dump "$tmp/$2.dump" >/dev/null 2>&1
}
qscreen "r j j j j a dump Enter dump" carter
check "the queue offers a lung case the next lung meeting, not the one not held" sh -c 'grep -q "Carter, Emily .*C34\.1" "$0" && grep -q "^ Add 1 case to meeting ('"$ql"' is 2026-12-10 14:00): '"$ql"' *$" "$0"' "$tmp/carter.dump"
check "and Enter puts it there" grep -q "^ 1 added to meeting $ql (lung 2026-12-10 14:00)" "$tmp/carter.dump"
qscreen "r a dump" national
check "a national case for the general board: the general meeting (3) is offered" sh -c 'grep -q "Dahlén, Hugo .*C71\.6 .*national" "$0" && grep -q "^ Add 1 case to meeting (3 is 2026-12-02 15:00): 3 *$" "$0"' "$tmp/national.dump"
qscreen "r j j j a Backspace Backspace 1 Enter dump Esc dump" given
check "the meeting not held, given by hand, is refused on the screen with the case id and the reason" sh -c 'grep -q "^0 of 1 added to meeting 1 (lung 2026-11-26 14:00)$" "$0" && grep -q "^UPP-LUNG-2026-0033: meeting 1 (lung 2026-11-26 14:00) lies in the past" "$0"' "$tmp/given.dump"
check "and the case stays in the queue" grep -q "Öhman, Gunilla" "$tmp/given.dump"
check "a refusal adds nothing to meeting 1" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM agenda_item WHERE meeting_id = 1")" = 7 ]' "$qdb"
# four marked, two refused (another board's diagnosis): each refused case
# is named by its case id with its own reason, stays marked and selected;
# the two added leave the queue
qscreen "r j j j x x j j j x j j j j j x a Backspace Backspace Backspace Backspace $ql Enter dump Esc dump" marks
sed -n '/^--- screen 1 /,/^--- screen 2 /p' "$tmp/marks.dump" >"$tmp/marks.why"
sed -n '/^--- screen 2 /,/^--- screen 3 /p' "$tmp/marks.dump" >"$tmp/marks.queue"
check "after a with four marked: how many were added, to which meeting" grep -q "^2 of 4 added to meeting $ql (lung 2026-12-10 14:00)$" "$tmp/marks.why"
check "each refused case by its case id with its own reason" sh -c 'grep -q "^SKA-PANC-2026-0029: C25.0 is not a diagnosis of the lung board" "$0" && grep -q "^VGR-BREAST-2026-0101: C50.4 is a diagnosis of the breast board, not of the lung" "$0"' "$tmp/marks.why"
check "and that they stay marked; the status line says how many" sh -c 'grep -q "^Not added, 2 cases: still marked in the queue$" "$0" && grep -q "^ 2 of 4 added; 2 cases not added, each with its reason here" "$0"' "$tmp/marks.why"
check "no patient's name in the list of refusals" lacks "$tmp/marks.why" -e "Strömberg" -e "Nyström" -e "19591228"
check "back in the queue the refused cases are still marked" sh -c 'grep -q "^\*2026-11-09 .*Strömberg, Ulla" "$0" && grep -q "^\*2026-10-19 .*Nyström, Sofia" "$0" && [ "$(grep -c "^\*" "$0")" = 2 ]' "$tmp/marks.queue"
check "the selection on the first refused one" sh -c 'grep -q "row 4 of 16" "$0" && grep -q "^ SKA-PANC-2026-0029: " "$0"' "$tmp/marks.queue"
check "the added ones have left the queue" lacks "$tmp/marks.queue" -e "Öhman, Gunilla" -e "Lindström, Sture"
check "and are on the meeting after Carter's case, the refused ones not" sh -c '[ "$(sqlite3 "$0" "SELECT c.external_id FROM agenda_item a JOIN cases c ON c.id = a.case_id WHERE a.meeting_id = $1 ORDER BY a.position" | tr "\n" " ")" = "SKA-LUNG-2026-0014 UPP-LUNG-2026-0033 NOR-LUNG-2026-0009 " ]' "$qdb" "$ql"
# when every refusal fits the status line it is said there, in Swedish too
# (with how to override it: 240 columns hold it on one line)
echo "r j j j x j j j j j j x a Backspace Backspace Backspace Backspace $ql Enter dump" >"$tmp/wide.keys"
LANGUAGE=sv qt --script "$tmp/wide.keys" --size 240x30 --dump "$tmp/wide.all" >/dev/null 2>&1
sed -n '/^--- screen 1 /,/^--- screen 2 /p' "$tmp/wide.all" >"$tmp/wide.dump"
check "a wide screen: the status line names the refused case with its reason" grep -q "^ 1 av 2 tillagda på möte $ql (lunga 2026-12-10 14:00); inte tillagt: SKA-PANC-2026-0029: C25.0 är ingen diagnos för konferensen lunga" "$tmp/wide.dump"
check "and it stays marked, selected" sh -c 'grep -q "^\*SKA-PANC-2026-0029  *2026-11-09 .*Strömberg, Ulla" "$0" && [ "$(grep -c "^\*" "$0")" = 1 ] && grep -q "^ SKA-PANC-2026-0029: " "$0"' "$tmp/wide.dump"
# the refused case above the window when a is pressed (marked, then a
# page down): the queue is read from its top to select it
echo "r j j j x PgDn a Backspace Backspace Backspace Backspace $ql Enter Esc dump" >"$tmp/above.keys"
qt --script "$tmp/above.keys" --size 80x12 --dump "$tmp/above.all" >/dev/null 2>&1
sed -n '/^--- screen 1 /,/^--- screen 2 /p' "$tmp/above.all" >"$tmp/above.dump"
check "a refused case above the window: still marked, the selection up on it" sh -c 'grep -q "row 4 of 15" "$0" && grep -q "^\*2026-11-09 .*Strömberg, Ulla" "$0" && grep -q "^ SKA-PANC-2026-0029: " "$0"' "$tmp/above.dump"
# every marked case added: the selection stays on the case it was on
# (rows 4 and 5, Öhman and Carter, leave above it), or, when that case
# left the queue, on the row that took its place
for k in "j j:stays on its case:OST-GYN-2026-0039:row 6 of" "k:is on the row that took the place of its case:SKA-PANC-2026-0029:row 4 of"; do
	cp "$tmp/queue-fresh.db" "$tmp/keep.db"
	echo "r j j j x x ${k%%:*} a Backspace Backspace Backspace Backspace $ql Enter dump" >"$tmp/keep.keys"
	TUMORBOARD_NOW=2026-12-01T10:00:00Z "$TB" --db "$tmp/keep.db" --script "$tmp/keep.keys" \
		--size 80x24 --dump "$tmp/keep.dump" >/dev/null 2>&1
	k=${k#*:}
	what=${k%%:*}
	k=${k#*:}
	check "after a the selection $what, ${k%%:*}" sh -c 'grep -q "^2 added to meeting $3 \|^ 2 added to meeting $3 " "$0" && grep -q "$2" "$0" && grep -q "^ $1: " "$0"' "$tmp/keep.dump" "${k%%:*}" "${k#*:}" "$ql"
done
# --- Nor moved onto one: transfer and defer refuse it as add does, and
# a deferral's next meeting is never one not held. ---
p5=$(pt meeting add --date 2026-12-10 --start 09:00 --length 60 --board lung --level regional)
pt agenda "$p5" add HAL-LUNG-2026-0017 >/dev/null 2>&1 || exit 1
pt agenda "$p5" transfer HAL-LUNG-2026-0017 "$p1" --reason "Tidigare möte" >"$tmp/out" 2>"$tmp/err"
result "a case moved onto a meeting past its time and not held is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "with the reason an add gives, and the override" grep -q "^tumorboard agenda transfer: meeting $p1 (lung 2026-11-20 09:00) lies in the past and was not held; .*(--override REASON)$" "$tmp/err"
check "and the case stays where it was" sh -c '[ "$(sqlite3 "$0" "SELECT a.meeting_id FROM agenda_item a JOIN cases c ON c.id = a.case_id WHERE c.external_id = '"'"'HAL-LUNG-2026-0017'"'"' AND a.status = '"'"'listed'"'"' ORDER BY a.meeting_id")" = "$1" ]' "$pdb" "$p5"
LANGUAGE=sv pt agenda "$p5" transfer HAL-LUNG-2026-0017 "$p1" --reason "Tidigare möte" >"$tmp/out" 2>"$tmp/err"
check "in Swedish too, with how to override it" grep -q "möte $p1 (lunga 2026-11-20 09:00) ligger i det förflutna och hölls inte.*(--override SKÄL)$" "$tmp/err"
pt agenda "$p5" transfer HAL-LUNG-2026-0017 "$p1" --reason "Tidigare möte" --override "Efterregistrering" >"$tmp/out" 2>"$tmp/err"
check "with --override REASON it is moved" grep -q "^HAL-LUNG-2026-0017 moved to meeting $p1$" "$tmp/out"
check "the audit log says it was moved past its time with an override, not the reason" sh -c 'sqlite3 "$0" "SELECT detail FROM audit WHERE action = '"'"'override'"'"'" | grep -qx "moved to a meeting past its time; reason recorded" && ! sqlite3 "$0" "SELECT detail FROM audit" | grep -q Efterregistrering' "$pdb"
p0=$(pt meeting add --date 2026-11-18 --start 09:00 --length 60 --board lung --level regional)
pt agenda "$p0" add ORE-LUNG-2026-0021 SLL-LUNG-2026-0031 --override "Efterregistrering" >/dev/null 2>&1 || exit 1
pt meeting start "$p0" >/dev/null 2>&1 || exit 1
pt agenda "$p0" defer SLL-LUNG-2026-0031 --reason "Ny DT" --to "$p1" >"$tmp/out" 2>"$tmp/err"
result "a deferral onto a meeting not held is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "with the same reason and the override" grep -q "^tumorboard agenda defer: meeting $p1 (lung 2026-11-20 09:00) lies in the past and was not held; .*(--override REASON)$" "$tmp/err"
pt agenda "$p0" defer ORE-LUNG-2026-0021 --reason "Ny DT" >"$tmp/out" 2>"$tmp/err"
check "the next meeting of a deferral passes over the one not held" grep -q "^ORE-LUNG-2026-0021 moved to meeting $p5$" "$tmp/out"
pt meeting finish "$p0" >/dev/null 2>&1
# the agenda screen's move (T) refuses it too, with the same reason
pscreen() { # KEYS NAME: the screen after KEYS
	echo "$1" >"$tmp/$2.keys"
	pt --script "$tmp/$2.keys" --size 80x24 --dump "$tmp/$2.dump" >/dev/null 2>&1
}
pscreen "m j j j j j Enter T $(echo "$p1" | sed 's/./& /g') Enter x Enter dump" move-past
check "the screen's move onto the meeting not held is refused with the reason" grep -q "^ Not moved: meeting $p1 (lung 2026-11-20 09:00) lies in the past and was not" "$tmp/move-past.dump"
check "and the case stays on its agenda" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM agenda_item WHERE meeting_id = $1 AND status = '"'"'listed'"'"'")" = 2 ]' "$pdb" "$p5"
LANGUAGE=sv pscreen "m j j j j j Enter T $(echo "$p1" | sed 's/./& /g') Enter x Enter dump" move-past-sv
check "in Swedish too" grep -q "möte $p1 (lunga 2026-11-20 09:00) ligger i det förflutna och" "$tmp/move-past-sv.dump"
pt meeting start "$p1" >/dev/null 2>&1
pt meetings >"$tmp/past"
check "started, it is running, not flagged" grep -q "^$p1 .*  running " "$tmp/past"
# --- One board, one meeting at a time; one agenda per case; attendance
# once the meeting runs; a moved case keeps its slot and presenter; a case
# referred on leaves the agenda of the level it left; the level history
# names the person. ---
ddb="$tmp/defects.db"
tb_fixture "$ddb" || exit 1
dt() { "$TB" --db "$ddb" "$@"; }
dt import "$ex"/*.xml >/dev/null 2>&1 || exit 1
d1=$(dt meeting add --date 2026-12-10 --start 09:00 --length 60 --board lung --level regional)
dt meeting add --date 2026-12-10 --start 09:30 --length 60 --board lung --level regional >/dev/null 2>"$tmp/err"
result "a second lung meeting overlapping the first is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and the one it clashes with is named" grep -q "the lung board meets at that time already: meeting $d1, 2026-12-10 09:00, 60 min" "$tmp/err"
dt meeting add --date 2026-12-10 --start 09:00 --length 60 --board lung --level regional >/dev/null 2>&1
result "the same time exactly too" $([ $? -eq 3 ]; echo $?)
d2=$(dt meeting add --date 2026-12-10 --start 10:00 --length 30 --board lung --level regional)
result "one starting as the first ends is planned" $([ -n "$d2" ]; echo $?)
dt meeting add --date 2026-12-10 --start 09:00 --length 60 --board breast --level regional >/dev/null
result "another board may meet at the same time" $?
dt meeting edit "$d2" --start 09:45 >/dev/null 2>"$tmp/err"
result "moving a meeting onto another of its board is refused (exit 3)" $([ $? -eq 3 ] && grep -q "meeting $d1," "$tmp/err"; echo $?)
dt meeting cancel "$d2" --reason "dubbelbokad" >/dev/null
d3=$(dt meeting add --date 2026-12-10 --start 10:00 --length 30 --board lung --level regional)
result "a cancelled meeting's time is free again" $([ -n "$d3" ]; echo $?)
dt meeting cancel "$d3" --reason "behövs ej" >/dev/null
# Only a planned or running meeting holds its time: once finished, the
# board may meet at that time again (on the command line and on the
# screen); while it runs, it may not.
sdb="$tmp/slot.db"
tb_fixture "$sdb" || exit 1
st() { "$TB" --db "$sdb" "$@"; }
f1=$(st meeting add --date 2026-11-23 --start 08:00 --length 60 --board lung --level regional)
st meeting start "$f1" >/dev/null 2>&1 || exit 1
st meeting add --date 2026-11-23 --start 08:00 --length 60 --board lung --level regional >/dev/null 2>&1
result "a running meeting holds its time (exit 3)" $([ $? -eq 3 ]; echo $?)
st meeting finish "$f1" >/dev/null 2>&1 || exit 1
f2=$(st meeting add --date 2026-11-23 --start 08:00 --length 60 --board lung --level regional 2>"$tmp/err")
result "a finished meeting's time is free again" $([ -n "$f2" ]; echo $?)
check "  and nothing is said of a clash" lacks "$tmp/err" "meets at that time"
st meeting cancel "$f2" --reason "dubbelbokad" >/dev/null
# on the screen: a planned today at 08:00 on the first board, the
# finished meeting's slot, each field taken as offered
echo "m a Enter Enter Enter Enter Enter Enter Enter dump" >"$tmp/slot.keys"
LANG=C.UTF-8 st --script "$tmp/slot.keys" --size 80x24 --dump "$tmp/slot.dump" >/dev/null 2>&1
check "the screen plans one at a finished meeting's time" \
	grep -q "^ Meeting [0-9]* planned: 2026-11-23 08:00 " "$tmp/slot.dump"

dt agenda "$d1" add SKA-LUNG-2026-0001 --presenter "Sara Holm" --minutes 12 >/dev/null
d4=$(dt meeting add --date 2026-12-17 --start 09:00 --length 60 --board lung --level regional)
dt agenda "$d4" add SKA-LUNG-2026-0001 >/dev/null 2>"$tmp/err"
result "a case on one planned agenda is not put on a second (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and is told where it is and how to move it" grep -q "the case is on the agenda of meeting $d1 already; move it from there with: agenda $d1 transfer CASE-ID $d4" "$tmp/err"
dt agenda "$d4" add SKA-LUNG-2026-0001 HAL-LUNG-2026-0017 >"$tmp/out" 2>&1
check "several at once: that one is left out, the other added" sh -c 'grep -q "1 of 2 added" "$0" && grep -q "meeting '"$d1"'" "$0"' "$tmp/out"
dt agenda "$d1" transfer SKA-LUNG-2026-0001 "$d4" --reason "flyttad" >/dev/null
result "transfer moves it" $?
dt agenda "$d4" >"$tmp/out"
check "the moved case keeps its slot" grep -q "SKA-LUNG-2026-0001 .*" "$tmp/out"
check "  12 minutes" grep -q "12 min  SKA-LUNG-2026-0001" "$tmp/out"
check "  and its presenter" grep -q "presented by Sara Holm" "$tmp/out"

dt meeting attend "$d4" "Sara Holm" onkolog >/dev/null 2>"$tmp/err"
result "attendance before the meeting started is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and says to start it first" grep -q "the meeting has not started: start it first" "$tmp/err"
check "nothing was recorded" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM attendee")" -eq 0 ]' "$ddb"
dt meeting start "$d4" >/dev/null 2>&1
dt meeting attend "$d4" "Sara Holm" onkolog >/dev/null
result "once started it is recorded" $?
dt meeting finish "$d4" >/dev/null 2>&1

d5=$(dt meeting add --date 2026-12-21 --start 09:00 --length 60 --board lung --level regional)
dt agenda "$d5" add OST-LUNG-2026-0004 >/dev/null
dt refer OST-LUNG-2026-0004 --level national --reason "Fas 3-studie" >/dev/null
result "a case is referred on to the national level" $?
check "and leaves the regional agenda" sh -c '! "$0" --db "$1" agenda "$2" | grep -q OST-LUNG-2026-0004' "$TB" "$ddb" "$d5"
check "  noted where it was" sh -c '[ "$(sqlite3 "$0" "SELECT note FROM agenda_item WHERE meeting_id = $1")" = "referred to the national level" ]' "$ddb" "$d5"
check "  back in the queue for the national board" sh -c '"$0" --db "$1" cases --queue | grep -q OST-LUNG-2026-0004' "$TB" "$ddb"
dt show OST-LUNG-2026-0004 >"$tmp/out"
check "the level history names the person, not the account" grep -q "referred regional → national by Karin Berg, läkare" "$tmp/out"

# --- The minutes name who chaired: the chair planned, unless the meeting's
# attendance shows that person absent; then who stood in (who signed). ---
cdb="$tmp/chair.db"
tb_archive "$cdb" || exit 1
ct() { "$TB" --db "$cdb" "$@"; }
c1=$(ct meeting add --date 2026-11-24 --start 09:00 --length 60 --board lung --level regional --chair "Sara Holm")
ct agenda "$c1" add HAL-LUNG-2026-0017 >/dev/null
ct meeting start "$c1" >/dev/null 2>&1
ct meeting attend "$c1" "Karin Berg" onkolog >/dev/null
draft ct HAL-LUNG-2026-0017
ct decision sign HAL-LUNG-2026-0017 --meeting "$c1" --quorum-override "Test" >/dev/null 2>&1
ct meeting finish "$c1" >/dev/null 2>&1
ct meeting minutes "$c1" >"$tmp/out"
check "minutes: the chair planned but absent is named so, with who stood in" \
	grep -q "^Regional MDK\. Chair: Karin Berg, standing in for Sara Holm (absent)$" "$tmp/out"
LANGUAGE=sv ct meeting minutes "$c1" >"$tmp/out"
check "  in Swedish too" \
	grep -q "^Regional MDK\. Ordförande: Karin Berg, ersättare för Sara Holm (frånvarande)$" "$tmp/out"
ct meeting minutes "$c1" --pdf "$tmp/chair.pdf" >/dev/null
check "  and in the PDF" sh -c 'pdftotext "$0" - | grep -q "Chair: Karin Berg, standing in for Sara Holm (absent)"' "$tmp/chair.pdf"
check "  the minutes still verify" ct meeting minutes "$c1" --verify
c2=$(ct meeting add --date 2026-11-25 --start 09:00 --length 60 --board lung --level regional --chair "Sara Holm")
ct meeting start "$c2" >/dev/null 2>&1
ct meeting attend "$c2" "Karin Berg" onkolog >/dev/null
ct meeting finish "$c2" >/dev/null 2>&1
ct meeting minutes "$c2" >"$tmp/out"
check "minutes: absent with no decision signed: who stood in is not known" \
	grep -q "^Regional MDK\. Chair: Sara Holm (absent; who stood in is not recorded)$" "$tmp/out"
c3=$(ct meeting add --date 2026-11-26 --start 09:00 --length 60 --board lung --level regional --chair sara.holm)
ct meeting start "$c3" >/dev/null 2>&1
ct meeting attend "$c3" "Sara Holm" onkolog >/dev/null
ct meeting finish "$c3" >/dev/null 2>&1
ct meeting minutes "$c3" >"$tmp/out"
check "minutes: a chair named by account who attended is the chair, by name" \
	grep -q "^Regional MDK\. Chair: Sara Holm$" "$tmp/out"
# a chair not recorded in the attendance who signed at the meeting was
# there: not absent
c4=$(ct meeting add --date 2026-11-27 --start 09:00 --length 60 --board lung --level regional --chair "Karin Berg")
ct agenda "$c4" add SKA-LUNG-2026-0001 >/dev/null
ct meeting start "$c4" >/dev/null 2>&1
ct meeting attend "$c4" "Sara Holm" onkolog >/dev/null
draft ct SKA-LUNG-2026-0001
ct decision sign SKA-LUNG-2026-0001 --meeting "$c4" --quorum-override "Test" >/dev/null 2>&1
ct meeting finish "$c4" >/dev/null 2>&1
ct meeting minutes "$c4" >"$tmp/out"
check "minutes: a chair who signed at the meeting, not in the attendance, is not absent" \
	grep -q "^Regional MDK\. Chair: Karin Berg$" "$tmp/out"
check "  the decision was signed at it by the chair" grep -q "SKA-LUNG-2026-0001" "$tmp/out"
# attendance says who was there, in whatever capacity: a chair who is no
# user of the archive attends as a guest
c5=$(ct meeting add --date 2026-11-28 --start 09:00 --length 60 --board lung --level regional --chair "Eva Strand")
ct meeting start "$c5" >/dev/null 2>&1
ct meeting attend "$c5" "Karin Berg" onkolog >/dev/null
ct meeting attend "$c5" --guest "Eva Strand, överläkare, SUS Lund" onkolog >/dev/null
ct meeting finish "$c5" >/dev/null 2>&1
ct meeting minutes "$c5" >"$tmp/out"
check "minutes: a chair who attended as a guest is the chair, not absent" \
	grep -q "^Regional MDK\. Chair: Eva Strand$" "$tmp/out"
check "  attendance marks the guest" grep -q "(guest, överläkare, SUS Lund)" "$tmp/out"
check "  the minutes verify" ct meeting minutes "$c5" --verify
c4=$(ct meeting add --date 2026-11-27 --start 09:00 --length 60 --board lung --level regional --chair "Sara Holm")
ct meeting minutes "$c4" >"$tmp/out"
check "minutes: before the meeting runs, the chair planned" \
	grep -q "^Regional MDK\. Chair: Sara Holm$" "$tmp/out"
finish

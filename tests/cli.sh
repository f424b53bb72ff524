#!/bin/sh
# Command-line behaviour: help, version, exit codes, database file mode,
# refusal of a newer database, all-or-nothing import seen from outside.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/a/b/tb.db"
ex="$TB_EXAMPLES"

check "--help prints usage" sh -c '"$TB" --help | grep -q "usage: tumorboard"'
check "--version prints the version" sh -c '"$TB" --version | grep -Eq "^tumorboard [0-9]+\.[0-9]+"'
"$TB" --db "$db" frobnicate >/dev/null 2>&1
result "unknown command exits 2" $([ $? -eq 2 ]; echo $?)

tb_fixture "$db"
result "the first administrator starts the archive" $?
"$TB" --db "$db" import "$ex"/*.xml >"$tmp/out" 2>&1
result "sample cases import" $?
check "database file is mode 0600" sh -c '[ "$(stat -c %a "$0")" = 600 ]' "$db"
check "database directory is mode 0700" sh -c '[ "$(stat -c %a "$(dirname "$0")")" = 700 ]' "$db"

n=$("$TB" --db "$db" cases --count)
result "at least 30 sample cases" $([ "$n" -ge 30 ]; echo $?)
# The sample cases say what their text says: a patient whose summary
# says an interpreter is needed (tolk behövs, bokad, önskas) has
# interpreter="yes" on the language, and the case page says so.
awk '
	/<case / { id = $0; sub(/.*id="/, "", id); sub(/".*/, "", id); lang = "" }
	/<language/ { lang = $0 }
	/<summary>/ && /[Tt]olk[ ()]/ && !/[Tt]olk behövs ej/ && lang !~ /interpreter="yes"/ {
		print FILENAME ": " id ": the summary asks for an interpreter"; bad = 1
	}
	END { exit bad }' "$ex"/*.xml >"$tmp/tolk" 2>&1
result "every sample case whose text needs an interpreter says so" $?
diag <"$tmp/tolk"
check "the case page of OST-LUNG-2026-0004 says it" sh -c '"$0" --db "$1" show OST-LUNG-2026-0004 | grep -q "language ar, needs an interpreter"' "$TB" "$db"
# what a case and its parts were stored as: rows, their ids, and when
rows() {
	for t in cases patient pathology pathology_marker finding imaging; do
		sqlite3 "$db" "SELECT '$t', * FROM $t ORDER BY id"
	done
}
rows >"$tmp/rows1"
"$TB" --db "$db" import "$ex"/*.xml >"$tmp/out2" 2>&1
n2=$("$TB" --db "$db" cases --count)
result "re-import does not duplicate" $([ "$n" = "$n2" ]; echo $?)
check "re-import reports unchanged" grep -q "0 new, 0 updated, 1 unchanged" "$tmp/out2"
# the same files again write nothing: no part gets a new id or a new
# time received (each was deleted and written again before)
rows >"$tmp/rows2"
check "re-import of unchanged files writes no row again" cmp -s "$tmp/rows1" "$tmp/rows2"
check "  (rows were compared)" test "$(wc -l <"$tmp/rows1")" -gt 100

# a variant too long for its column: its kind, allele frequency, origin
# and test on the line below, whole (they ran into it: "...del)indel0.41")
check "a long variant keeps its own line, the rest below it" sh -c '"$0" --db "$1" show SLL-LUNG-2026-0044 | grep -A1 "^  EGFR     p.Glu746_Ala750del (c.2235_2249del)\$" | grep -q "^           indel  VAF 0.41  somatic  GMS560\$"' "$TB" "$db"

check "list masks identity numbers" sh -c '"$TB" --db "$0" cases | grep -q "SKA-LUNG-2026-0001.*19560312-\*\*\*\*"' "$db"
check "--full-id shows the number" sh -c '"$TB" --db "$0" cases --full-id | grep -q "19560312-9809"' "$db"
check "filter by level" sh -c '"$TB" --db "$0" cases --level national | grep -vq " regional "' "$db"
check "search finds a case by name" sh -c '"$TB" --db "$0" cases --search Märta | grep -q SKA-LUNG-2026-0001' "$db"
# Any search text is valid input: blank, tabs, quotes, FTS operators.
all=$("$TB" --db "$db" cases --count)
for q in "   " "	" '"' '""' "-" "*" "NEAR(a b)" "a OR" "^" ":"; do
	"$TB" --db "$db" cases --search "$q" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	result "search [$q] exits 0" $rc
	check "search [$q] prints no error" test ! -s "$tmp/err"
done
n=$("$TB" --db "$db" cases --count --search "   ")
result "a blank search is no filter" $([ "$n" = "$all" ]; echo $?)
check "bad --status is a usage error" sh -c '"$TB" --db "$0" cases --status nope; [ $? -eq 2 ]' "$db"

"$TB" --db "$db" show NO-SUCH-CASE >/dev/null 2>"$tmp/err"
result "show of a missing case exits 4" $([ $? -eq 4 ]; echo $?)
check "show names the missing case" grep -q "no case NO-SUCH-CASE" "$tmp/err"

# A file with one good and one bad case: rejected whole, database unchanged.
sqlite3 "$db" .dump >"$tmp/before.sql"
sed -e 's/vaf="0.31"/vaf="3.1"/' "$ex/lung-egfr-l858r.xml" >"$tmp/bad.xml"
"$TB" --db "$db" import "$tmp/bad.xml" >/dev/null 2>"$tmp/err"
result "bad file exits 3" $([ $? -eq 3 ]; echo $?)
check "error names file, line and field" grep -Eq "bad.xml:[0-9]+: finding/@vaf: " "$tmp/err"
check "error says nothing was imported" grep -q "nothing from this file was imported" "$tmp/err"
sqlite3 "$db" .dump >"$tmp/after.sql"
check "database unchanged after a rejected file" cmp -s "$tmp/before.sql" "$tmp/after.sql"

# A newer schema is refused and left alone.
cp "$db" "$tmp/new.db"
sqlite3 "$tmp/new.db" "PRAGMA user_version = 42"
"$TB" --db "$tmp/new.db" cases >/dev/null 2>"$tmp/err"
result "newer database exits 7" $([ $? -eq 7 ]; echo $?)
check "newer database message" grep -q "schema version 42" "$tmp/err"
check "newer database untouched" sh -c '[ "$(sqlite3 "$0" "PRAGMA user_version")" = 42 ]' "$tmp/new.db"

# Environment: TUMORBOARD_DB and XDG_DATA_HOME.
me=$(id -un)
TUMORBOARD_DB="$tmp/env.db" "$TB" user add "$me" --name T --title t --role administrator >/dev/null 2>&1
check "TUMORBOARD_DB is used" test -f "$tmp/env.db"
XDG_DATA_HOME="$tmp/xdg" "$TB" user add "$me" --name T --title t --role administrator >/dev/null 2>&1
check "XDG_DATA_HOME default path" test -f "$tmp/xdg/tumorboard/tumorboard.db"

# Control characters are refused at the door (import) and, should one be
# in the database all the same, never reach the output.
sed -e 's|<question>|<question>\&#x9b;31m\&#x85;|' "$ex/lung-egfr-l858r.xml" >"$tmp/ctl.xml"
tb_fixture "$tmp/ctl.db"
"$TB" --db "$tmp/ctl.db" import "$tmp/ctl.xml" >/dev/null 2>"$tmp/err"
result "C1 controls refused at import" $([ $? -eq 3 ]; echo $?)
check "the refusal names line, field and code point" grep -Eq "ctl.xml:[0-9]+: question: contains a control character \(U\+009B\)" "$tmp/err"
"$TB" --db "$tmp/ctl.db" import "$ex/lung-egfr-l858r.xml" >/dev/null 2>&1
sqlite3 "$tmp/ctl.db" "UPDATE cases SET question = char(155) || '31m' || char(133) || question"
"$TB" --db "$tmp/ctl.db" show SKA-LUNG-2026-0001 >"$tmp/show.txt"
check "C1 controls stripped from show" sh -c '! LC_ALL=C grep -q "$(printf "\302\233")" "$0" && grep -q "31mEGFR" "$0"' "$tmp/show.txt"

# Meetings and agendas.
m=$("$TB" --db "$db" meeting add --date 2026-12-01 --start 09:00 --length 30 --board breast --level local)
result "meeting add prints the new id" $([ -n "$m" ] && [ "$m" -gt 0 ]; echo $?)
"$TB" --db "$db" meeting add --date 2026-12-10 --start 09:00 --length 30 --board nope --level local 2>"$tmp/err"
result "unknown board is a usage error" $([ $? -eq 2 ]; echo $?)
check "unknown board lists the boards" grep -q "boards: lung breast" "$tmp/err"
"$TB" --db "$db" meeting add --date 2026-02-30 --start 09:00 --length 30 --board breast --level local 2>/dev/null
result "impossible meeting date is refused" $([ $? -eq 2 ]; echo $?)
"$TB" --db "$db" meeting add --date 2026-12-10 --start 25:00 --length 30 --board breast --level local 2>/dev/null
result "impossible start time is refused" $([ $? -eq 2 ]; echo $?)
check "agenda add" "$TB" --db "$db" agenda "$m" add VGR-BREAST-2026-0101
"$TB" --db "$db" agenda "$m" add VGR-BREAST-2026-0101 2>"$tmp/err"
result "a case is put on an agenda once" $([ $? -eq 3 ]; echo $?)
check "duplicate add says why" grep -q "already on this agenda" "$tmp/err"
check "a ready agenda checks out" "$TB" --db "$db" agenda "$m" --check
"$TB" --db "$db" agenda "$m" add UPP-BREAST-2026-0150 >/dev/null
"$TB" --db "$db" agenda "$m" --check >"$tmp/out"
result "--check fails while a case is not ready" $([ $? -eq 3 ]; echo $?)
check "--check counts the ready" grep -q "^1 of 2 ready" "$tmp/out"
check "--check names what is missing" grep -q "missing: Pathology: no pathology report" "$tmp/out"
q1=$("$TB" --db "$db" cases --queue --count)
"$TB" --db "$db" agenda "$m" add SKA-LUNG-2026-0001 --override "Lungmetastas vid bröstcancer" >/dev/null
q2=$("$TB" --db "$db" cases --queue --count)
result "a listed case leaves the referral queue" $([ "$q2" -eq $((q1 - 1)) ]; echo $?)
check "the queue holds no case an agenda to come lists" sh -c '! "$0" --db "$1" cases --queue | grep -q "SKA-LUNG-2026-0001"' "$TB" "$db"
short=$("$TB" --db "$db" meeting add --date 2026-12-01 --start 12:00 --length 10 --board lung --level local)
for c in SKA-LUNG-2026-0014 VGR-LUNG-2026-0012; do "$TB" --db "$db" agenda "$short" add "$c"; done
check "an overrunning agenda says so" sh -c '"$0" --db "$1" agenda "$2" | grep -q "runs 2 minutes over the meeting'"'"'s 10"' "$TB" "$db" "$short"
check "the running clock" sh -c '"$0" --db "$1" agenda "$2" | grep -q "^[ T]2  12:06   6 min  VGR-LUNG-2026-0012"' "$TB" "$db" "$short"
check "agenda move" "$TB" --db "$db" agenda "$short" move VGR-LUNG-2026-0012 1
check "moved case is first" sh -c '"$0" --db "$1" agenda "$2" | grep -q "^[ T]1  12:00   6 min  VGR-LUNG-2026-0012"' "$TB" "$db" "$short"
"$TB" --db "$db" agenda "$short" remove VGR-LUNG-2026-0012 2>"$tmp/err"
result "remove without a reason is refused" $([ $? -eq 2 ]; echo $?)
check "agenda remove with a reason" "$TB" --db "$db" agenda "$short" remove VGR-LUNG-2026-0012 --reason "Ny DT inväntas"
check "removed case is off the agenda" sh -c '! "$0" --db "$1" agenda "$2" | grep -q VGR-LUNG-2026-0012' "$TB" "$db" "$short"
check "the reason is kept with the item" sh -c '[ "$(sqlite3 "$0" "SELECT note FROM agenda_item WHERE status = '"'"'removed'"'"'")" = "Ny DT inväntas" ]' "$db"
check "the reason is not in the audit log" sh -c '! sqlite3 "$0" "SELECT detail FROM audit" | grep -q "inväntas"' "$db"
"$TB" --db "$db" agenda 999 >/dev/null 2>&1
result "unknown meeting exits 4" $([ $? -eq 4 ]; echo $?)
check "agenda as PDF" "$TB" --db "$db" agenda "$short" --pdf "$tmp/agenda.pdf"
check "the printed agenda masks identity numbers" sh -c 'pdftotext "$0" - | grep -q "[0-9]\{8\}-\*\*\*\*" && ! pdftotext "$0" - | grep -q "[0-9]\{8\}-[0-9]\{4\}"' "$tmp/agenda.pdf"
check "the agenda export is recorded" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE action = '"'"'export'"'"' AND entity = '"'"'meeting'"'"'")" = 1 ]' "$db"
check "refer a case up a level" "$TB" --db "$db" refer SKA-LUNG-2026-0014 --level national --reason "Fas 3-studie aktuell"
check "the case shows its history" sh -c '"$0" --db "$1" show SKA-LUNG-2026-0014 | grep -q "referred regional → national by"' "$TB" "$db"
check "referred on, it leaves the local meeting's agenda" sh -c '! "$0" --db "$1" agenda "$2" | grep -q SKA-LUNG-2026-0014' "$TB" "$db" "$short"
# listed again by hand for what follows
"$TB" --db "$db" agenda "$short" add SKA-LUNG-2026-0014 >/dev/null
"$TB" --db "$db" refer SKA-LUNG-2026-0014 --level national --reason "igen" 2>/dev/null
result "referring to the same level is refused" $([ $? -eq 3 ]; echo $?)
# Decision support: the knowledge base beside the findings.
check "support shows the suggestion beside EGFR L858R" sh -c '"$0" --db "$1" support SKA-LUNG-2026-0001 | grep -q "Suggestion (knowledge base .*): ESCAT I-A"' "$TB" "$db"
check "and cites its source" sh -c '"$0" --db "$1" support SKA-LUNG-2026-0001 | grep -q "Source: "' "$TB" "$db"
printf '<kb xmlns="urn:x-tumorboard:kb:1" version="local-1" reviewed="2026-11-01" reviewer="Test"><source id="s">S.</source><entry id="e"><gene>EGFR</gene><alteration kind="variant" protein="p.L858R"/><tumour icd10="C34">NSCLC</tumour><tier system="ESCAT">II-B</tier><cite source="nowhere"/></entry></kb>' >"$tmp/kb-bad.xml"
XDG_CONFIG_HOME="$tmp/kbconf" "$TB" --db "$db" kb import "$tmp/kb-bad.xml" 2>"$tmp/err"
result "a knowledge base citing an unknown source is refused" $([ $? -eq 3 ]; echo $?)
check "the error names the file and line" grep -q "kb-bad.xml:1: e: cites 'nowhere'" "$tmp/err"
sed 's/source="nowhere"/source="s"/' "$tmp/kb-bad.xml" >"$tmp/kb-good.xml"
check "kb import installs a checked knowledge base" env XDG_CONFIG_HOME="$tmp/kbconf" "$TB" --db "$db" kb import "$tmp/kb-good.xml"
check "and it is used" sh -c 'XDG_CONFIG_HOME="$2" "$0" --db "$1" support SKA-LUNG-2026-0001 | grep -q "knowledge base local-1): ESCAT II-B"' "$TB" "$db" "$tmp/kbconf"
check "the install is recorded" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE entity = '"'"'kb'"'"'")" = 1 ]' "$db"
# The knowledge base carries its review date; kb show warns when it is old.
check "kb show says when and by whom it was reviewed" sh -c '"$0" --db "$1" kb show | grep -q "^reviewed 20[0-9-]* by ."' "$TB" "$db"
check "a recent review gives no warning" sh -c '! TUMORBOARD_NOW=2026-12-01T08:00:00Z "$0" --db "$1" kb show 2>&1 >/dev/null | grep -q warning' "$TB" "$db"
check "an old review is warned about" sh -c 'TUMORBOARD_NOW=2027-12-01T08:00:00Z "$0" --db "$1" kb show 2>&1 >/dev/null | grep -q "warning: the knowledge base was reviewed 366 days ago, more than 180"' "$TB" "$db"
check "the age is configurable (TUMORBOARD_KB_MAX_AGE)" sh -c '! TUMORBOARD_NOW=2027-12-01T08:00:00Z TUMORBOARD_KB_MAX_AGE=400 "$0" --db "$1" kb show 2>&1 >/dev/null | grep -q warning' "$TB" "$db"
check "and by --max-age" sh -c 'TUMORBOARD_NOW=2026-12-31T08:00:00Z "$0" --db "$1" kb show --max-age 14 2>&1 >/dev/null | grep -q "31 days ago, more than 14"' "$TB" "$db"
"$TB" --db "$db" kb show --max-age soon >/dev/null 2>&1
result "a maximum age that is not a number is refused" $([ $? -eq 2 ]; echo $?)
check "a user knowledge base shows its own review" sh -c 'XDG_CONFIG_HOME="$2" "$0" --db "$1" kb show | grep -q "^reviewed 2026-11-01 by Test"' "$TB" "$db" "$tmp/kbconf"
# The molecular tumor board form starts from the knowledge base's tiers;
# a tier the board changes is recorded as an override in the decision.
m=SKA-LUNG-2026-0001
check "mtb form opens" "$TB" --db "$db" form open "$m" --form mtb
check "finding rows start from the knowledge base" sh -c '"$0" --db "$1" form show "$2" | grep -q "p.Leu858Arg — I-A — kunskapsbas"' "$TB" "$db" "$m"
# an entry with several options, some written as sentences: they follow
# one another as sentences ("produktresumé. Krizotinib"), never ".,";
# the rows begin on the line below their long label, no blank line between
alk=SLL-LUNG-2026-0031
check "the ALK case's form opens" "$TB" --db "$db" form open "$alk" --form mtb
"$TB" --db "$db" form show "$alk" >"$tmp/alk"
check "its finding row starts from the knowledge base's options" grep -q "ALK fusion EML4 — I-A — kunskapsbas" "$tmp/alk"
check "  the options one after another as sentences" sh -c 'tr "\n" " " <"$0" | grep -q "produktresumé\. *Krizotinib (Xalkori)"' "$tmp/alk"
check "  and no period before a comma" lacks "$tmp/alk" -q "\.,"
check "  the rows right below their label" sh -c 'grep -A1 "^  Findings discussed$" "$0" | tail -1 | grep -q "^    ALK fusion EML4"' "$tmp/alk"
for kv in tests=gms560 result-origin=clinical therapy-options=Osimertinib \
	recommendation=targeted-approved intent=palliative "rationale=Enligt vårdprogram." \
	guideline=follows trial-considered=no off-label=no germline=no \
	"contact-nurse=Lena Holm" follow-up-date=+2w \
	"findings=EGFR c.2573T>G p.Leu858Arg | II-B | styrelsens bedömning
TP53 c.743G>A p.Arg248Gln | X | ingen
TMB 4.2 | X | låg"; do
	"$TB" --db "$db" form set "$m" "${kv%%=*}" "${kv#*=}" || echo "set $kv failed" | diag
done
# a finding in two rows is refused (the row editor refuses it too), the
# findings set as they were; the same finding by another of its names too
"$TB" --db "$db" form set "$m" findings "EGFR c.2573T>G p.Leu858Arg | II-B | a
TMB 4.2 | X | låg
EGFR p.Leu858Arg | I-A | b" >"$tmp/out" 2>&1
result "form set of a finding in two rows is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "  naming both rows" grep -q "row 3: row 1 has that finding already" "$tmp/out"
"$TB" --db "$db" form show "$m" >"$tmp/mtb-show"
check "  and the findings are as they were" grep -q "TP53 c.743G>A p.Arg248Gln — X — ingen" "$tmp/mtb-show"
check "the mtb decision is signed" "$TB" --db "$db" decision sign "$m" --attendee "A B:onkolog"
mdec=$("$TB" --db "$db" decision list --case "$m" | awk '{ print $1 }')
check "decision list --search finds it by a word of its text" sh -c '[ "$("$0" --db "$1" decision list --search "osimertinib vårdprogram" | awk "{ print \$1 }")" = "$2" ]' "$TB" "$db" "$mdec"
check "and not by words it does not hold" sh -c '[ -z "$("$0" --db "$1" decision list --search "osimertinib nonexistentword")" ]' "$TB" "$db"
check "the override of the knowledge base is in the decision" sh -c '"$0" --db "$1" decision show "$2" | grep -q "p.Leu858Arg: knowledge base I-A, board II-B"' "$TB" "$db" "$mdec"
check "and the decision records the knowledge base version" sh -c '"$0" --db "$1" decision show "$2" | grep -q "^Knowledge base 2026-11"' "$TB" "$db" "$mdec"
check "the briefs of a meeting as PDF" "$TB" --db "$db" support --meeting "$short" --pdf "$tmp/briefs.pdf"
check "the briefs PDF holds the trials part" sh -c 'pdftotext "$0" - | grep -q "TRIALS"' "$tmp/briefs.pdf"
check "meeting edit changes the chair" sh -c '"$0" --db "$1" meeting edit "$2" --chair "Nils Ek" && sqlite3 "$1" "SELECT chair FROM meeting WHERE id = $2" | grep -qx "Nils Ek"' "$TB" "$db" "$short"
check "the edit names the field in the audit log" sh -c 'sqlite3 "$0" "SELECT detail FROM audit WHERE action = '"'"'edit'"'"' AND entity = '"'"'meeting'"'"'" | grep -qx "changed: chair"' "$db"
"$TB" --db "$db" meeting cancel "$short" >/dev/null 2>&1
result "cancel without a reason is refused" $([ $? -eq 2 ]; echo $?)
"$TB" --db "$db" agenda "$short" defer SKA-LUNG-2026-0014 >/dev/null 2>&1
result "defer without a reason is refused" $([ $? -eq 2 ]; echo $?)
"$TB" --db "$db" meeting finish "$short" >/dev/null 2>&1
result "a planned meeting cannot be finished" $([ $? -eq 3 ]; echo $?)
check "meeting start" "$TB" --db "$db" meeting start "$short"
"$TB" --db "$db" meeting edit "$short" --chair X >/dev/null 2>&1
result "a running meeting cannot be edited" $([ $? -eq 3 ]; echo $?)
"$TB" --db "$db" agenda "$short" defer SKA-LUNG-2026-0014 --reason "Ny DT" >"$tmp/out" 2>&1
result "defer needs a later meeting of the board" $([ $? -eq 4 ]; echo $?)
check "and says so" grep -q "no later meeting of the lung board" "$tmp/out"
"$TB" --db "$db" meeting finish "$short" >"$tmp/finish-short" 2>&1
check "meeting finish moves nothing when nothing is left" grep -q "NOT MOVED" "$tmp/finish-short"
check "  and says the case is back in the referral queue" grep -q "NOT MOVED (no later meeting of the board; back in the referral queue): SKA-LUNG-2026-0014" "$tmp/finish-short"
check "  where it is" sh -c '"$0" --db "$1" cases --queue | grep -q SKA-LUNG-2026-0014' "$TB" "$db"
# Decisions: a draft per case, field errors, signing, export recorded,
# tampering found by verify.
c=SLL-LUNG-2026-0044
check "form open" "$TB" --db "$db" form open "$c"
"$TB" --db "$db" form open "$c" 2>"$tmp/err"
result "a second draft is refused" $([ $? -eq 3 ]; echo $?)
check "and says why" grep -q "has a draft already" "$tmp/err"
"$TB" --db "$db" form set "$c" ecog 7 2>"$tmp/err"
result "a bad value exits 3" $([ $? -eq 3 ]; echo $?)
check "the error names the field" grep -q "^tumorboard form: ecog: " "$tmp/err"
# A diagnosis of another organ than the board's: saved with the same
# warning as on the screen, naming the code, its board and the board's
# diagnoses (tumorboard-boards(5)); the board's own one says nothing.
"$TB" --db "$db" form set "$c" diagnosis c50.9 >"$tmp/out" 2>"$tmp/err"
result "a breast diagnosis on the lung form is saved (exit 0)" $?
check "with a warning naming the code, its board and the lung board's diagnoses" \
	grep -qx "tumorboard form: diagnosis: warning: C50.9 is a diagnosis of the breast board, not of the lung board (C33 C34 C38.4 C45); saved" "$tmp/err"
check "the value is saved" sh -c '"$0" --db "$1" form show "$2" | grep -q "C50.9"' "$TB" "$db" "$c"
# in Swedish the boards are named as everywhere else on the screen
# (lunga, bröst), not by their codes
LANGUAGE=sv "$TB" --db "$db" form set "$c" diagnosis C50.9 >"$tmp/out" 2>"$tmp/err"
result "in Swedish too (exit 0)" $?
check "the Swedish warning names the boards in Swedish" \
	grep -qx "tumorboard form: diagnosis: varning: C50.9 är en diagnos för konferensen bröst, inte för konferensen lunga (C33 C34 C38.4 C45); sparat" "$tmp/err"
"$TB" --db "$db" form set "$c" diagnosis C34.3 >"$tmp/out" 2>"$tmp/err"
result "a lung diagnosis on the lung form is saved (exit 0)" $?
check "without a word" test ! -s "$tmp/err"
"$TB" --db "$db" decision sign "$c" --attendee "A B:onkolog" 2>"$tmp/err"
result "an incomplete draft is not signed" $([ $? -eq 3 ]; echo $?)
check "every missing field is named" sh -c 'grep -q "recommendation: required" "$0" && grep -q "follow-up-date: required" "$0"' "$tmp/err"
for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
	operability=operable recommendation=lobectomy intent=curative \
	"rationale=Tumören är liten." guideline=follows trial-considered=no \
	"contact-nurse=Lena Holm" follow-up-date=+2w "findings="; do
	"$TB" --db "$db" form set "$c" "${kv%%=*}" "${kv#*=}" || echo "set $kv failed" | diag
done
"$TB" --db "$db" decision sign "$c" --attendee "A B:onkolog:guest" 2>"$tmp/err"
result "an attendee of no known kind is refused" $([ $? -eq 2 ]; echo $?)
check "and the form of --attendee is named" grep -q "NAME:ROLE or NAME:ROLE:cover" "$tmp/err"
# The form is pre-filled from the case's pathology: the histology from
# its ICD-O-3 morphology (8140/3: adenocarcinoma), the PD-L1 TPS from the
# report's marker (TPS 80 %).
c3=HAL-LUNG-2026-0017
"$TB" --db "$db" form open "$c3" >/dev/null
"$TB" --db "$db" form show "$c3" >"$tmp/out"
check "the histology is pre-filled from the morphology code" grep -q "^  Histological type  *NSCLC, adenocarcinoma$" "$tmp/out"
check "the PD-L1 TPS is pre-filled from the pathology report" grep -q "^  PD-L1 (TPS)  *80 %$" "$tmp/out"
"$TB" --db "$db" form abandon "$c3" >/dev/null 2>&1 || "$TB" --db "$db" form abandon "$c3" --reason "test" >/dev/null 2>&1
# A decision that contradicts itself is not signed: a clinical trial
# recommended while "trial considered" says no; both fields are named.
c2=VGR-LUNG-2026-0019
"$TB" --db "$db" form open "$c2" >/dev/null
for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
	operability=operable recommendation=trial trial=NCT04294004 intent=curative \
	"rationale=Studien passar." guideline=follows trial-considered=no \
	"contact-nurse=Lena Holm" follow-up-date=+2w "findings="; do
	"$TB" --db "$db" form set "$c2" "${kv%%=*}" "${kv#*=}" || echo "set $kv failed" | diag
done
"$TB" --db "$db" decision sign "$c2" --attendee "A B:onkolog" 2>"$tmp/err"
result "a trial recommended but not considered is not signed (exit 3)" $([ $? -eq 3 ]; echo $?)
cp "$tmp/err" "$tmp/err-en"
check "and both fields are named (the other by its label)" grep -q "trial-considered: no, but Recommendation is a clinical trial: a trial recommended was considered (set this to yes, or change Recommendation)" "$tmp/err-en"
LANGUAGE=sv "$TB" --db "$db" decision sign "$c2" --attendee "A B:onkolog" 2>"$tmp/err-sv"
check "  in Swedish by its Swedish label, the id beside it" grep -q "trial-considered: nej, men Rekommendation (recommendation) är en klinisk studie" "$tmp/err-sv"
check "nothing was signed" sh -c '[ -z "$("$0" --db "$1" decision list --case "$2")" ]' "$TB" "$db" "$c2"
"$TB" --db "$db" form set "$c2" trial-considered yes >/dev/null
check "set to yes it is signed" sh -c '"$0" --db "$1" decision sign "$2" --attendee "A B:onkolog" | grep -q "^decision [0-9]* signed$"' "$TB" "$db" "$c2"
# The revision read back: signing refuses a draft changed since, naming
# what changed; an edit from a stale revision of the same field too.
rev=$("$TB" --db "$db" form show "$c" | sed -n '1s/.*, revision \([0-9]*\)$/\1/p')
check "form show says the draft's revision" test -n "$rev"
"$TB" --db "$db" form set "$c" rationale "Tumören är liten, 12 mm." --revision "$rev" || echo "set at $rev failed" | diag
"$TB" --db "$db" form set "$c" rationale "Liten tumör." --revision "$rev" 2>"$tmp/err"
result "an edit of a value changed since its revision exits 10" $([ $? -eq 10 ]; echo $?)
check "and says who changed the field, when, after which revision, and its value now" grep -q "^tumorboard form: rationale: changed by $(id -un) at 2026-11-23 09:00, after revision $rev that you read; now: \"Tumören är liten, 12 mm.\". Read it and set it again$" "$tmp/err"
check "the value set first is kept" sh -c '"$0" --db "$1" form show "$2" | grep -q "Tumören är liten, 12 mm."' "$TB" "$db" "$c"
"$TB" --db "$db" decision sign "$c" --attendee "A B:onkolog" --revision "$rev" 2>"$tmp/err"
result "signing a draft changed since the revision read back exits 10" $([ $? -eq 10 ]; echo $?)
check "and names what changed" grep -q "revision: the draft changed after revision $rev was read back (it is at revision $((rev + 1)) now; changed: rationale)" "$tmp/err"
"$TB" --db "$db" decision sign "$c" --attendee "A B:onkolog" --revision 999 2>"$tmp/err"
result "a revision the draft never had exits 3" $([ $? -eq 3 ]; echo $?)
check "and says which revision the draft is at" grep -q "revision: the draft is at revision $((rev + 1)); revision 999 was never read back" "$tmp/err"
check "nothing was signed" sh -c '[ -z "$("$0" --db "$1" decision list --case "$2")" ]' "$TB" "$db" "$c"
check "a complete draft is signed at the revision read back" sh -c '"$0" --db "$1" decision sign "$2" --attendee "A B:onkolog" --revision "$3" | grep -q "^decision [0-9]* signed$"' "$TB" "$db" "$c" $((rev + 1))
dec=$("$TB" --db "$db" decision list --case "$c" | awk '{ print $1 }')
check "decision export as XML is well-formed" sh -c '"$0" --db "$1" decision export "$2" --format xml | xmllint --noout -' "$TB" "$db" "$dec"
check "the export is recorded" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE action = '"'"'export'"'"' AND entity = '"'"'decision'"'"'")" = 1 ]' "$db"
check "verify: intact" "$TB" --db "$db" verify
# A case file sent again updates the clinical data only: a signed case
# stays signed and a level the board changed stays (the files say
# status="referred" and level="regional").
"$TB" --db "$db" import "$ex"/*.xml >"$tmp/out3" 2>&1
result "the sample files import again" $?
check "a signed case stays signed after its file is imported again" sh -c '"$0" --db "$1" cases --status signed | grep -q "^$2 "' "$TB" "$db" "$c"
check "a case referred up stays national after its file is imported again" sh -c '"$0" --db "$1" cases --level national | grep -q "^SKA-LUNG-2026-0014 "' "$TB" "$db"
check "verify: intact after the second import" "$TB" --db "$db" verify

# The patient summary: text, PDF, printing through lp; each recorded.
check "summary as text" sh -c '"$0" --db "$1" summary "$2" 2>/dev/null | grep -q "^Brev från teamet om din vård"' "$TB" "$db" "$dec"
check "summary says its LIX" sh -c '"$0" --db "$1" summary "$2" 2>&1 >/dev/null | grep -q "(sv): LIX [0-9]*, limit 35$"' "$TB" "$db" "$dec"
# No contact phone in the decision: the letter still says how to call.
"$TB" --db "$db" summary "$dec" --width 1000 >"$tmp/letter" 2>"$tmp/letter.err"
check "no phone: the letter never says call without a number" sh -c '! grep -q "^Ring din kontaktsjuksköterska\.* *$" "$0" && grep -Eq "^Ring (.* på telefon [0-9]|1177)" "$0"' "$tmp/letter"
check "no phone: the staff are told, on standard error" grep -q "for staff: the contact nurse's phone number is missing" "$tmp/letter.err"
check "  and the letter says nothing of it" lacks "$tmp/letter" -i -e "telefonnummer saknas" -e "Till personalen"
check "summary as PDF" "$TB" --db "$db" summary "$dec" --pdf "$tmp/s.pdf"
check "the PDF is A4" sh -c 'pdfinfo "$0" | grep -q "Page size:.*(A4)"' "$tmp/s.pdf"
check "the PDF holds the text and page numbers" sh -c 'pdftotext "$0" - | grep -q "Sida 1 av" && pdftotext "$0" - | grep -q "ny medicinsk bedömning"' "$tmp/s.pdf"
check "every page of the PDF names the patient, date of issue and doctor" sh -c 'n=$(pdfinfo "$0" | awk "/^Pages:/ { print \$2 }"); [ "$n" -ge 2 ] && for p in $(seq 1 "$n"); do pdftotext -f $p -l $p "$0" - | head -2 | tr "\n" " " | grep -q "född [0-9-]* · Datum [0-9-]*  *Ansvarig läkare" || exit 1; done' "$tmp/s.pdf"
# the header breaks only between its parts: a name or a phone number is
# never cut in two (the first line ends with a whole part and no
# separator after it, the second holds the doctor's whole name)
check "the PDF header's first line ends between two parts" sh -c 'pdftotext -f 1 -l 1 "$0" - | head -1 | grep -q "· Datum [0-9-]*$"' "$tmp/s.pdf"
check "and the doctor's name is on one line" sh -c 'pdftotext -f 1 -l 1 "$0" - | head -2 | grep -q "^Ansvarig läkare [[:alpha:]]* [[:alpha:]]*$"' "$tmp/s.pdf"
# Arabic: the title right-aligned (laid out right to left) and the dates
# kept in their order.
check "summary in Arabic as PDF" "$TB" --db "$db" summary "$dec" --lang ar --pdf "$tmp/ar.pdf"
check "the Arabic title is aligned right" sh -c 'pdftotext -f 1 -l 1 -bbox "$0" - | awk -F"\"" "/<word/ { y = \$4 + 0; if (y > 50 && y < 80) { if (min == \"\" || \$2 + 0 < min) min = \$2 + 0; if (\$6 + 0 > max) max = \$6 + 0 } } END { exit !(min > 150 && max > 530) }"' "$tmp/ar.pdf"
check "Arabic: dates read left to right" sh -c 'pdftotext -f 1 -l 1 -bbox "$0" - | grep -q ">[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]</word>" && ! pdftotext -f 1 -l 1 -bbox "$0" - | grep -q ">[0-9][0-9]-[0-9][0-9]-[0-9]\{4\}</word>"' "$tmp/ar.pdf"
check "the PDF is readable only by its owner" sh -c '[ "$(stat -c %a "$0")" = 600 ]' "$tmp/s.pdf"
mkdir "$tmp/bin"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >"%s/lp.args"\nfor f; do :; done\ncp "$f" "%s/printed.pdf"\n' "$tmp" "$tmp" >"$tmp/bin/lp"
chmod +x "$tmp/bin/lp"
check "summary --print goes through lp" sh -c 'PATH="$3:$PATH" "$0" --db "$1" summary "$2" --print --printer Mottagning3' "$TB" "$db" "$dec" "$tmp/bin"
check "lp got the printer and a PDF" sh -c 'grep -qx Mottagning3 "$0/lp.args" && pdfinfo "$0/printed.pdf" >/dev/null' "$tmp"
PATH="$tmp/nothing" "$TB" --db "$db" summary "$dec" --print 2>"$tmp/err"
result "no print service: exit 5" $([ $? -eq 5 ]; echo $?)
check "and says so" grep -q "print service (lp) could not be started" "$tmp/err"
check "every summary out is recorded" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE action = '"'"'export'"'"' AND detail LIKE '"'"'patient summary%'"'"'")" = 6 ]' "$db"
check "the clinician note" sh -c '"$0" --db "$1" note "$2" | grep -q "^Rekommendation *Lobektomi"' "$TB" "$db" "$dec"
check "a signed decision cannot be updated" sh -c '! sqlite3 "$0" "UPDATE decision SET signed_by = '"'"'X'"'"'" 2>/dev/null' "$db"
sqlite3 "$db" "DROP TRIGGER decision_immutable_u; UPDATE decision SET content = replace(content, 'lobectomy', 'sbrt')"
"$TB" --db "$db" verify >"$tmp/out"
result "verify finds the altered decision (exit 8)" $([ $? -eq 8 ]; echo $?)
check "and names it" grep -q "^ALTERED: decision $dec (case $c, version 1) was altered" "$tmp/out"
LANGUAGE=sv "$TB" --db "$db" verify >"$tmp/out-sv"
result "verify in Swedish: exit 8 as well" $([ $? -eq 8 ]; echo $?)
check "and names it in Swedish, head and all" sh -c 'grep -q "^ÄNDRAT: beslut $1 " "$0" && ! grep -q "ALTERED" "$0"' "$tmp/out-sv" "$dec"
"$TB" --db "$db" summary "$dec" >/dev/null 2>"$tmp/err"
result "an altered decision is not handed out (exit 8)" $([ $? -eq 8 ]; echo $?)
finish

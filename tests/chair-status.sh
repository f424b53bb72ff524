#!/bin/sh
# A chair at a running meeting. The decision form opened on a case and
# left at once (nothing typed) leaves the case's status as it was and no
# draft behind; a value saved makes it a decision draft. Finishing the
# meeting (F's question, the finish report) names the cases whose decision
# drafts stay unsigned, kept with their cases; the finish report, the
# minutes and the finished agenda count the cases not reached as they list
# them (no later meeting: not moved, and not reached all the same), and a
# case signed elsewhere before the meeting reached it as already signed,
# never as not reached. In English and Swedish.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap '[ -n "$TB_KEEP" ] || rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb() { "$TB" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
tb_fixture "$db" || exit 1
tb import "$TB_EXAMPLES"/*.xml >/dev/null 2>&1 || exit 1
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
m=$(tb meeting add --date 2026-11-23 --start 09:00 --length 60 --board lung --level regional)
for c in SKA-LUNG-2026-0001 SLL-LUNG-2026-0031 ORE-LUNG-2026-0021; do
	tb agenda "$m" add "$c" >/dev/null || exit 1
done
tb meeting start "$m" >/dev/null 2>&1 || exit 1
status() { q "SELECT status FROM cases WHERE external_id = '$1'"; }
drafts() { q "SELECT count(*) FROM form_instance f JOIN cases c ON c.id = f.case_id WHERE c.external_id = '$1' AND f.status = 'draft'"; }

# ---- the form opened and left at once -----------------------------------
c=SKA-LUNG-2026-0001
before=$(status $c)
check "the case is not a decision draft ($before)" sh -c '[ -n "$0" ] && [ "$0" != decision-draft ]' "$before"
for lang in en sv; do
	printf '%s\n' : "type case $c" Enter d dump Esc dump >"$tmp/leave.keys"
	LANGUAGE=$lang tb --script "$tmp/leave.keys" --size 80x24 --dump "$tmp/leave-$lang" >/dev/null 2>&1
	result "form opened and left ($lang) runs" $?
	check "the form was open ($lang)" grep -q "$c" "$tmp/leave-$lang"
	check "left with nothing typed, the status stored is still $before ($lang)" test "$(status $c)" = "$before"
	check "and no draft stays behind ($lang)" test "$(drafts $c)" = 0
done
sed -n '/^--- screen 2 /,$p' "$tmp/leave-en" >"$tmp/after-en"
check "the case view after it does not say decision draft" sh -c '! grep -q "decision draft" "$0"' "$tmp/after-en"
check "and says no draft was kept" grep -q "Nothing saved: no draft was kept" "$tmp/after-en"
sed -n '/^--- screen 2 /,$p' "$tmp/leave-sv" >"$tmp/after-sv"
check "in Swedish: no beslutsutkast" sh -c '! grep -q "beslutsutkast" "$0"' "$tmp/after-sv"
check "in Swedish: says no draft was kept" grep -q "Inget sparades: inget utkast behölls" "$tmp/after-sv"
check "the chain is intact" tb verify

# a value saved: a decision draft, kept when the form is left
d=SLL-LUNG-2026-0031
tb form open "$d" >/dev/null || exit 1
check "opened from the command line: not yet a decision draft" sh -c '[ "$0" != decision-draft ]' "$(status $d)"
tb form set "$d" note "Utkast utan signatur." >/dev/null || exit 1
check "a value saved makes it a decision draft" test "$(status $d)" = decision-draft
printf '%s\n' : "type case $d" Enter d Esc dump >"$tmp/kept.keys"
tb --script "$tmp/kept.keys" --size 80x24 --dump "$tmp/kept" >/dev/null 2>&1
check "a resumed draft with a value is kept when the form is left" test "$(drafts $d)" = 1
check "and the case stays a decision draft" test "$(status $d)" = decision-draft

# ---- finishing: the unsigned draft named --------------------------------
for lang in en sv; do
	printf '%s\n' m Enter F dump n >"$tmp/finish.keys"
	LANGUAGE=$lang tb --script "$tmp/finish.keys" --size 200x30 --dump "$tmp/finish-$lang" >/dev/null 2>&1
	result "F then n ($lang) runs" $?
done
check "the finish question names the unsigned draft, kept with its case" grep -q "1 decision draft stays unsigned, kept with its case: $d\." "$tmp/finish-en"
check "in Swedish too" grep -q "1 beslutsutkast förblir osignerat och följer med sitt fall: $d\." "$tmp/finish-sv"
check "and the cases not reached, in the same question" grep -q "Finish? 3 cases not reached go back to the referral queue: no later meeting of the board is planned\. 1 decision" "$tmp/finish-en"
check "not finished after n" test "$(q "SELECT status FROM meeting WHERE id = $m")" = running

# ---- the finish report and the minutes: the tally counts what is listed ---
tb meeting finish "$m" >"$tmp/report" 2>&1
check "finished" test "$(q "SELECT status FROM meeting WHERE id = $m")" = finished
check "and the cases not reached went back to the referral queue, as the question said" grep -q "back in the referral queue" "$tmp/report"
check "the draft stays, unsigned" test "$(drafts $d)" = 1
check "and the case is still a decision draft" test "$(status $d)" = decision-draft
check "the finish report names the unsigned draft" sh -c 'grep -A1 "^Decision drafts left unsigned (kept with their cases)" "$0" | grep -qx "  $1"' "$tmp/report" "$d"
n=$(sed -n '/^Not reached/,/^Decided/p' "$tmp/report" | grep -c "LUNG-2026")
check "the finish report lists 3 not reached" test "$n" = 3
check "and its tally says 3 not reached, none still listed" sh -c 'tr "\n" " " <"$0" | grep -q "3 cases: .*, 3 not reached, 0" && ! grep -q "still listed" "$0"' "$tmp/report"
for lang in en sv; do
	LANGUAGE=$lang tb meeting minutes "$m" >"$tmp/minutes-$lang" 2>&1
	result "meeting minutes ($lang)" $?
done
n=$(grep -c "not reached; not moved: no later meeting" "$tmp/minutes-en")
check "the minutes list the 3 not moved as not reached" test "$n" = 3
check "and their tally says 3 not reached" grep -q "^3 cases: .*, 3 not reached$" "$tmp/minutes-en"
check "and none still listed" sh -c '! grep -q "still listed" "$0"' "$tmp/minutes-en"
n=$(grep -c "hanns ej med; inte flyttat: inget senare möte" "$tmp/minutes-sv")
check "in Swedish: 3 listed as not reached" test "$n" = 3
check "and counted so" grep -q "^3 fall: .*, 3 hanns ej med$" "$tmp/minutes-sv"
check "the minutes still verify" tb meeting minutes "$m" --verify

# ---- a decision signed for the meeting after it finished ----------------
# (allowed: the meeting has met) is said after the minutes as recorded at
# the finish and changes neither them nor the finished agenda's record
for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
	operability=operable recommendation=targeted intent=palliative \
	"rationale=Opereras." guideline=follows trial-considered=no \
	"contact-nurse=Lena Holm" follow-up-date=+2w "findings="; do
	tb form set "$d" "${kv%%=*}" "${kv#*=}" >/dev/null 2>&1
done
item=$(q "SELECT status || ',' || coalesce(note, '') FROM agenda_item WHERE meeting_id = $m AND case_id = (SELECT id FROM cases WHERE external_id = '$d')")
TUMORBOARD_NOW=2026-11-23T11:00:00Z tb decision sign "$d" --meeting "$m" --attendee "Eva Lind:onkolog" \
	--quorum-override "Signeras efter mötet" >"$tmp/late" 2>&1
result "a draft signed for the finished meeting afterwards" $?
check "  the minutes still verify" tb meeting minutes "$m" --verify
check "  the agenda's record of the case is as it was" test "$(q "SELECT status || ',' || coalesce(note, '') FROM agenda_item WHERE meeting_id = $m AND case_id = (SELECT id FROM cases WHERE external_id = '$d')")" = "$item"
tb meeting minutes "$m" >"$tmp/minutes-late" 2>&1
check "  the minutes say it after their tally" sh -c 'sed -n "/^3 cases: /,\$p" "$0" | grep -A1 "^Signed after the meeting finished" | grep -q "$1"' "$tmp/minutes-late" "$d"
check "  its case still not reached at the meeting" test "$(grep -c "not reached; not moved: no later meeting" "$tmp/minutes-late")" = 3
LANGUAGE=sv tb meeting minutes "$m" >"$tmp/minutes-late-sv" 2>&1
check "  in Swedish" grep -q "^Signerat efter att mötet avslutats" "$tmp/minutes-late-sv"

# ---- the finished agenda's title counts them too -----------------------
printf '%s\n' m Enter dump >"$tmp/agenda.keys"
tb --script "$tmp/agenda.keys" --size 200x30 --dump "$tmp/agenda" >/dev/null 2>&1
result "the finished agenda opens" $?
check "its title counts 3 not reached" grep -q "3 cases: 0 decided.*3 not reached" "$tmp/agenda"
check "and none still listed" sh -c '! grep -q "still listed" "$0"' "$tmp/agenda"
n=$(sed -n "/^--- screen 1 /,/^--- screen 2 /p" "$tmp/agenda" | grep -c "^ T[0-9]  *not reached  *[A-Z]*-LUNG-2026")
check "its rows say not reached in place of time and slot" test "$n" = 3
# ---- every case reached: F's question says so, not "0 cases not reached" --
one="$tmp/one.db"
tb_archive "$one" || exit 1
m1=$("$TB" --db "$one" meeting add --date 2026-11-23 --start 09:00 --length 60 --board lung --level regional)
"$TB" --db "$one" agenda "$m1" add SKA-LUNG-2026-0001 >/dev/null || exit 1
"$TB" --db "$one" meeting start "$m1" >/dev/null 2>&1 || exit 1
printf '%s\n' m Enter Enter q F dump n >"$tmp/all.keys"
for lang in en sv; do
	LANGUAGE=$lang "$TB" --db "$one" --script "$tmp/all.keys" --size 120x30 \
		--dump "$tmp/all-$lang" >/dev/null 2>&1
	result "the only case opened, then F ($lang) runs" $?
done
check "F asks to finish, every case reached" grep -q "Finish the meeting? Every case was reached\." "$tmp/all-en"
check "  in Swedish" grep -q "Avsluta mötet? Alla fall hanns med\." "$tmp/all-sv"
check "  not a count of none" lacks "$tmp/all-en" -e "Finish? 0"

# ---- a case signed before the meeting: already signed, never skipped ----
# listed, then decided outside the meeting before it was held: finishing
# takes it off the agenda decided, and every count says so, apart from
# the cases the board did not reach
pre="$tmp/pre.db"
tb_archive "$pre" || exit 1
tp() { "$TB" --db "$pre" "$@"; }
m2=$(tp meeting add --date 2026-11-23 --start 09:00 --length 60 --board lung --level regional)
for c in SKA-LUNG-2026-0001 SLL-LUNG-2026-0031; do
	tp agenda "$m2" add "$c" >/dev/null || exit 1
done
s=SLL-LUNG-2026-0031
tp form open $s >/dev/null || exit 1
for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
	operability=operable recommendation=lobectomy intent=curative \
	guideline=follows trial-considered=no "contact-nurse=Lena Holm" \
	follow-up-date=+1w "findings=" "rationale=Operabel."; do
	tp form set $s "${kv%%=*}" "${kv#*=}" >/dev/null || exit 1
done
tp decision sign $s --attendee "Karin Berg:onkolog" --attendee "eva.lind:thoraxkirurg" \
	--attendee "lars.ek:lungmedicinare" --attendee "sara.holm:radiolog" \
	--attendee "ali.nasser:patolog" >/dev/null || exit 1
tp meeting start "$m2" >/dev/null 2>&1 || exit 1
printf '%s\n' m Enter F y dump q dump >"$tmp/pre.keys"
for lang in en sv; do
	cp "$pre" "$tmp/pre-$lang.db"
	LANGUAGE=$lang "$TB" --db "$tmp/pre-$lang.db" --script "$tmp/pre.keys" --size 200x30 \
		--dump "$tmp/pre-$lang" >/dev/null 2>&1
	result "the meeting with a case signed before it finished ($lang)" $?
done
sed -n '/^--- screen 1 /,/^--- screen 2 /p' "$tmp/pre-en" >"$tmp/pre-report"
check "the finish report counts it already signed, not reached" \
	sh -c 'tr "\n" " " <"$0" | grep -qF "2 cases: 0 decided, 1 already signed, 0 discussed without a decision, 0 deferred, 0 not discussed, 1 not reached"' "$tmp/pre-report"
check "  and lists it already signed, not under Not reached" \
	sh -c 'sed -n "/^Not reached/,/^Decided/p" "$0" | grep -q "$1" && exit 1; sed -n "/^Already signed/{n;p}" "$0" | grep -q "^  $1\$"' "$tmp/pre-report" "$s"
agenda=$(awk '/^--- screen 2/ { getline; print; exit }' "$tmp/pre-en")
check "the finished agenda's title too" \
	sh -c 'printf "%s\n" "$0" | grep -qF "2 cases: 0 decided, 1 already signed, 1 not reached"' "$agenda"
check "  and its row says already signed" \
	sh -c 'sed -n "/^--- screen 2 /,\$p" "$0" | grep -q "already signed  *$1"' "$tmp/pre-en" "$s"
agenda=$(awk '/^--- screen 2/ { getline; print; exit }' "$tmp/pre-sv")
check "in Swedish: 1 redan signerat, 1 hanns ej med" \
	sh -c 'printf "%s\n" "$0" | grep -qF "2 fall: 0 beslutade, 1 redan signerat, 1 hanns ej med"' "$agenda"
"$TB" --db "$tmp/pre-en.db" meeting minutes "$m2" >"$tmp/pre-minutes" 2>&1
check "the minutes list it decided meanwhile, not as not reached" \
	sh -c 'grep "$1" "$0" | grep -q "decided meanwhile; not moved on" && ! grep "$1" "$0" | grep -q "not reached"' "$tmp/pre-minutes" "$s"
check "  and count it already signed" sh -c 'tr "\n" " " <"$0" | grep -q "2 cases: 0 decided, 1 already signed, .*, 1 not reached *$"' "$tmp/pre-minutes"
check "  and still verify" "$TB" --db "$tmp/pre-en.db" meeting minutes "$m2" --verify

finish

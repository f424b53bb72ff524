#!/bin/sh
# Follow-up records and the decision list under the care relationship: a
# nurse of the lung board (ssk) neither sees nor changes the follow-up of
# a colorectal patient, as she may not read that case; the refusal says
# why (English and Swedish) and is in the audit log; nothing changes. A
# change she may make is in the access log as "followup" under its
# relationship; an emergency access opens the other case for it. The
# screen's follow-up list shows the same rows, with the patient's name.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_need_as

tb_archive "$db" decisions || exit 1
q() { sqlite3 "$db" "$1"; }
crc=$(q "SELECT d.id FROM decision d JOIN cases c ON c.id = d.case_id WHERE c.external_id = 'SKA-CRC-2026-0118' ORDER BY d.id DESC LIMIT 1")
lung=$(q "SELECT d.id FROM decision d JOIN cases c ON c.id = d.case_id WHERE c.external_id = 'SKA-LUNG-2026-0001' ORDER BY d.id DESC LIMIT 1")
check "the archive has a colorectal and a lung decision ($crc, $lung)" test -n "$crc" -a -n "$lung"
fu() { q "SELECT count(*) FROM follow_up WHERE decision_id = $1"; }
written() { q "SELECT count(*) FROM access_log WHERE who = 'ssk' AND what = 'followup'"; }
denied() { q "SELECT count(*) FROM audit WHERE action = 'denied' AND actor = 'ssk'"; }

# ---- the colorectal case is not hers to read -----------------------------
TB_AS=ssk "$AS" --db "$db" show SKA-CRC-2026-0118 >/dev/null 2>&1
result "the nurse may not read the colorectal case (exit 9)" $([ $? -eq 9 ]; echo $?)
# nor learn, from her refused letter, that its decision was amended: the
# "printing its latest version" note came before the refusal
first=$(q "SELECT d.id FROM decision d JOIN cases c ON c.id = d.case_id WHERE c.external_id = 'SKA-CRC-2026-0118' ORDER BY d.id LIMIT 1")
TB_AS=ssk "$AS" --db "$db" summary "$first" >/dev/null 2>"$tmp/err"
result "her letter of the colorectal decision $first is refused (exit 9)" $([ $? -eq 9 ]; echo $?)
check "  without a word of a later version" lacks "$tmp/err" -e "amended" -e "$crc"
"$TB" --db "$db" summary "$first" >/dev/null 2>"$tmp/err"
check "  which someone in every board is told of" grep -q "decision $first was amended; printing its latest version, decision $crc" "$tmp/err"

# ---- nor its follow-up, on the command line -----------------------------
TB_AS=ssk "$AS" --db "$db" followup >"$tmp/list" 2>"$tmp/err"
result "her follow-up list runs" $?
check "  it lists the lung decision" grep -q "SKA-LUNG-2026-0001" "$tmp/list"
check "  not the colorectal one" lacks "$tmp/list" -e "SKA-CRC-2026-0118"
check "  and counts only what it lists" grep -q "^1 follow-up," "$tmp/list"
"$TB" --db "$db" followup >"$tmp/all" 2>&1
check "someone in every board sees both" grep -q "SKA-CRC-2026-0118" "$tmp/all"
TB_AS=ssk "$AS" --db "$db" decision list >"$tmp/dl" 2>"$tmp/err"
result "her decision list runs" $?
check "  it lists the lung decision" grep -q "SKA-LUNG-2026-0001" "$tmp/dl"
check "  not the colorectal one" lacks "$tmp/dl" -e "SKA-CRC-2026-0118"
TB_AS=ssk "$AS" --db "$db" decision list --case SKA-CRC-2026-0118 >"$tmp/dl" 2>"$tmp/err"
check "  nor when asked for by its case" lacks "$tmp/dl" -e "SKA-CRC-2026-0118"
"$TB" --db "$db" decision list --search surgery >"$tmp/dsa" 2>&1
TB_AS=ssk "$AS" --db "$db" decision list --search surgery >"$tmp/ds" 2>"$tmp/err"
check "a search finds the colorectal decision for someone in every board" grep -q "SKA-CRC-2026-0118" "$tmp/dsa"
check "  not for her" lacks "$tmp/ds" -e "SKA-CRC-2026-0118"

d0=$(denied)
w0=$(written)
for how in "not-done --reason patient-wish --note x" "informed" "done"; do
	# shellcheck disable=SC2086 # the arguments are words
	TB_AS=ssk "$AS" --db "$db" followup "$crc" $how >"$tmp/out" 2>"$tmp/err"
	result "followup $crc $how is refused to her (exit 9)" $([ $? -eq 9 ]; echo $?)
	check "  the refusal says why, to her as you" grep -q "^tumorboard followup: You may not open this case: it is not in your care" "$tmp/err"
	check "  no account, no internal action" lacks "$tmp/err" -e "'ssk'" -e "followup:.*followup:" -e "refused:"
	check "  and prints nothing recorded" lacks "$tmp/out" -e "recorded" -e "told"
done
check "nothing of the colorectal follow-up was recorded" test "$(fu "$crc")" = 0
check "the three refusals are in the audit log" test "$(denied)" = $((d0 + 3))
check "  nothing was logged as a change" test "$(written)" = "$w0"
LANGUAGE=sv TB_AS=ssk "$AS" --db "$db" followup "$crc" done >/dev/null 2>"$tmp/err"
check "the refusal in Swedish" grep -q "^tumorboard followup: Du får inte öppna fallet: det är inte i din vård" "$tmp/err"
TB_AS=ssk "$AS" --db "$db" followup "$crc" not-done --reason forgot >/dev/null 2>"$tmp/err"
result "a wrong reason is refused as before (exit 3)" $([ $? -eq 3 ]; echo $?)
check "  and logs nothing" test "$(written)" = "$w0"

# ---- a change she may make is logged as one ------------------------------
TB_AS=ssk "$AS" --db "$db" followup "$lung" done >"$tmp/out" 2>"$tmp/err"
result "she records the lung patient's follow-up" $?
check "  recorded" test "$(q "SELECT status FROM follow_up WHERE decision_id = $lung")" = done
check "  in the access log as a change, under her board's care" \
	test "$(q "SELECT what || ' ' || relation FROM access_log WHERE who = 'ssk' ORDER BY id DESC LIMIT 1")" = "followup agenda" -o \
	"$(q "SELECT what || ' ' || relation FROM access_log WHERE who = 'ssk' ORDER BY id DESC LIMIT 1")" = "followup board"
check "  of the lung patient" test "$(q "SELECT c.external_id FROM access_log a JOIN cases c ON c.id = a.case_id WHERE a.who = 'ssk' ORDER BY a.id DESC LIMIT 1")" = SKA-LUNG-2026-0001
TB_AS=ssk "$AS" --db "$db" followup "$lung" informed --how telefon >/dev/null 2>&1
check "  telling the patient is logged too" test "$(written)" = $((w0 + 2))

# ---- an emergency access opens the other case for it -----------------------
TB_AS=ssk "$AS" --db "$db" --emergency "patienten ringer om sin behandling" followup "$crc" done >"$tmp/out" 2>"$tmp/err"
result "with an emergency access she records the colorectal follow-up" $?
check "  recorded" test "$(q "SELECT status FROM follow_up WHERE decision_id = $crc")" = done
check "  logged as a change under the emergency access" test "$(q "SELECT what || ' ' || relation FROM access_log WHERE who = 'ssk' ORDER BY id DESC LIMIT 1")" = "followup emergency"
TB_AS=ssk "$AS" --db "$db" followup >"$tmp/list" 2>&1
check "  while the grant runs the case is in her list" grep -q "SKA-CRC-2026-0118" "$tmp/list"

# ---- the screen: the same rows ---------------------------------------------
db2="$tmp/tb2.db"
rm -f "$db2"
tb_fixture "$db2" || exit 1
"$TB" --db "$db2" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$db2" >/dev/null 2>&1 || exit 1
sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$db2" >/dev/null 2>&1 || exit 1
tb_role_users "$db2" || exit 1
# the case list alone first: what it logs of each case, to tell the
# follow-up screen's own entries from it
lists() { sqlite3 "$db2" "SELECT count(*) FROM access_log a JOIN cases c ON c.id = a.case_id WHERE a.who = 'ssk' AND a.what = 'list' AND c.external_id = '$1'"; }
n0=$(lists SKA-LUNG-2026-0001)
printf 'dump\n' >"$tmp/keys"
TB_AS=ssk "$AS" --db "$db2" --script "$tmp/keys" --size 160x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
result "her case list opens" $?
n1=$(lists SKA-LUNG-2026-0001)
case_list=$((n1 - n0))
printf 'f\ndump\n' >"$tmp/keys"
TB_AS=ssk "$AS" --db "$db2" --script "$tmp/keys" --size 160x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
result "her follow-up screen opens" $?
check "  it shows the lung decision" grep -q "SKA-LUNG-2026-0001" "$tmp/screen"
check "  not the colorectal one" lacks "$tmp/screen" -e "SKA-CRC-2026-0118"
name=$(sqlite3 "$db2" "SELECT p.family_name || ', ' || p.given_name FROM cases c JOIN patient p ON p.id = c.patient_id WHERE c.external_id = 'SKA-LUNG-2026-0001'")
check "  the list has a column for the patient's name" grep -q "Case  *Name  *Owner" "$tmp/screen"
check "  the lung patient's name ($name) is on her row, as the case list writes it" grep -q "SKA-LUNG-2026-0001  *$name  *[A-Z]" "$tmp/screen"
check "  the row shown is in the access log once more than the case list alone logs it ($case_list)" test $(($(lists SKA-LUNG-2026-0001) - n1)) = $((case_list + 1))
check "  every entry of it as the case list's: reader, unit, what, patient, relationship" \
	test "$(sqlite3 "$db2" "SELECT count(DISTINCT a.who || '/' || coalesce(a.unit, '') || '/' || a.what || '/' || a.patient_id || '/' || a.relation) FROM access_log a JOIN cases c ON c.id = a.case_id WHERE a.who = 'ssk' AND a.what = 'list' AND c.external_id = 'SKA-LUNG-2026-0001'")" = 1
# under 100 columns the name is cut as the case list cuts it and the
# owner is on the detail line, so that the heading fits 80
printf 'f\ndump\n' >"$tmp/keys"
TB_AS=ssk "$AS" --db "$db2" --script "$tmp/keys" --size 80x24 --dump "$tmp/screen80" >/dev/null 2>"$tmp/err" </dev/null
result "at 80 columns" $?
check "  the heading names the name column and fits" sh -c 'sed -n 3p "$0" | grep -q "Case  *Name *$" && [ "$(sed -n 3p "$0" | wc -m)" -le 80 ]' "$tmp/screen80"
short=$(printf '%s' "$name" | cut -c1-17)
check "  the name is on the row, cut to fit ($short…)" grep -q "SKA-LUNG-2026-0001  *$short" "$tmp/screen80"
check "  the owner on the detail line" grep -q "^ Owner [A-Z].* · " "$tmp/screen80"
printf 'f\nc\ny\ndump\n' >"$tmp/keys"
TB_AS=ssk "$AS" --db "$db2" --script "$tmp/keys" --size 160x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
result "c on her row" $?
check "  records it" test "$(sqlite3 "$db2" "SELECT status FROM follow_up WHERE decision_id = $lung")" = done
check "  logged as a change" test "$(sqlite3 "$db2" "SELECT count(*) FROM access_log WHERE who = 'ssk' AND what = 'followup'")" = 1
grep "SKA-LUNG-2026-0001" "$tmp/screen" >"$tmp/row"
check "  its status in the words of its key: carried out" grep -q "  carried out  " "$tmp/row"
check "  the title names the keys in the same words" grep -q "c carried out, x not carried out" "$tmp/screen"
printf 'f\ndump\n' >"$tmp/keys"
LANGUAGE=sv TB_AS=ssk "$AS" --db "$db2" --script "$tmp/keys" --size 160x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
grep "SKA-LUNG-2026-0001" "$tmp/screen" >"$tmp/row"
check "in Swedish the status is the key's word (genomförd)" grep -q "  genomförd  " "$tmp/row"
check "  as in the title" grep -q "c genomförd, x ej genomförd" "$tmp/screen"
check "  and no other word for it" lacks "$tmp/screen" -e "utfört"

finish

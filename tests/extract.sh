#!/bin/sh
# The pseudonymized research extract: refused without a purpose and a
# legal basis; keyed pseudonyms, dates shifted per patient, small groups
# left out, coded decision fields only; recorded with who, why and what;
# and, over the whole output, no identity number, name or free text of
# any patient of the archive (the sample cases with their decisions and a
# data set whose groups are known: tests/data/report).
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
srcdir="$TB_SRCDIR"
data="$TB_TESTDATA/report"
TUMORBOARD_EXTRACT_KEY=$tmp/extract.key
export TUMORBOARD_EXTRACT_KEY

tb_archive "$db" || exit 1
sh "$srcdir/examples/demo-meetings.sh" "$TB" "$db" >/dev/null 2>&1 || exit 1
sh "$srcdir/examples/demo-decisions.sh" "$TB" "$db" >/dev/null 2>&1 || exit 1
"$TB" --db "$db" followup 1 not-done --reason patient-wish --note "HEMLIGANTECKNING om patienten" >/dev/null || exit 1
# L01 also had EGFR T790M looked for and not found (result="absent")
sh "$data/gencases.sh" "$data/cases.tsv" |
	sed '/id="RPT-L01"/,/<\/case>/s|^\( *\)\(<finding gene="EGFR".*\) c="c.2573T&gt;G" p="p.Leu858Arg"\(.*\)$|&\n\1\2 result="absent" c="c.2369C\&gt;T" p="p.Thr790Met"\3|' \
		>"$tmp/report.xml"
check "the case with a variant not found is in the data" \
	test "$(grep -c 'result="absent"' "$tmp/report.xml")" = 1
"$TB" --db "$db" import "$tmp/report.xml" >/dev/null || exit 1
# L01–L07 and X01: women of Skåne in their sixties with C34, one group of
# eight (L08 is a man: a group of three, left out)
for c in L01 L02 L03 L04 L05 L06 L07 L08; do
	"$TB" --db "$db" form open "RPT-$c" >/dev/null || exit 1
	for kv in histology=adenocarcinoma resectability=unresectable operability=not-assessed \
		recommendation=targeted intent=palliative "discussed=history imaging" \
		"rationale=HEMLIGMOTIVERING för $c" guideline=follows trial-considered=no \
		"contact-nurse=Sköterska Hemligsson" follow-up-date=2026-12-20; do
		"$TB" --db "$db" form set "RPT-$c" "${kv%%=*}" "${kv#*=}" >/dev/null || exit 1
	done
	"$TB" --db "$db" decision sign "RPT-$c" --attendee "Karin Berg:onkolog" \
		--quorum-override "HEMLIGTSKÄL" >/dev/null || exit 1
done

# ---- refused without both -----------------------------------------------------
"$TB" --db "$db" extract --basis "EPM 2026-01234-01" --dir "$tmp/a" >/dev/null 2>"$tmp/err"
result "without --purpose: exit 2" $([ $? -eq 2 ]; echo $?)
check "it says both are needed" grep -q "needs both --purpose" "$tmp/err"
"$TB" --db "$db" extract --purpose "Studie" --dir "$tmp/a" >/dev/null 2>&1
result "without --basis: exit 2" $([ $? -eq 2 ]; echo $?)
"$TB" --db "$db" extract --purpose " " --basis "EPM" --dir "$tmp/a" >/dev/null 2>&1
result "a blank purpose: exit 2" $([ $? -eq 2 ]; echo $?)
check "nothing was written" test ! -e "$tmp/a"
check "no key was made" test ! -e "$TUMORBOARD_EXTRACT_KEY"
check "nothing was recorded" test "$(sqlite3 "$db" "SELECT count(*) FROM research_extract")" = 0

# ---- the extract ----------------------------------------------------------------
"$TB" --db "$db" extract --purpose "Studie om EGFR-behandling" --basis "Etikprövning EPM 2026-01234-01" \
	--dir "$tmp/x" >"$tmp/out" 2>"$tmp/err"
result "the extract is written" $?
check "it says what it wrote" grep -q "^extract 1 written to $tmp/x: 8 cases" "$tmp/out"
check "a key was made, mode 0600" sh -c '[ "$(stat -c %a "$0")" = 600 ]' "$TUMORBOARD_EXTRACT_KEY"
check "the directory is mode 0700" sh -c '[ "$(stat -c %a "$0")" = 700 ]' "$tmp/x"
for f in cases.csv findings.csv decisions.csv about.txt; do
	check "$f is there, mode 0600" sh -c '[ "$(stat -c %a "$0")" = 600 ]' "$tmp/x/$f"
done
check "the key is not in the extract" lacks "$tmp/x" -rqF "$(cat "$TUMORBOARD_EXTRACT_KEY")"
check "the eight cases of the one large group, and no other" test "$(($(wc -l <"$tmp/x/cases.csv") - 1))" = 8
check "each a group of women of Skåne in their sixties with C34" \
	test "$(awk -F, 'NR > 1 { print $3 "|" $4 "|" $5 "|" substr($10, 1, 3) }' "$tmp/x/cases.csv" | sort -u)" = "female|60-69|Skåne|C34"
check "left out: every other case" grep -q "; $(($(sqlite3 "$db" "SELECT count(*) FROM cases") - 8)) cases left out (groups under 5)" "$tmp/out"
check "pseudonyms are 16 hex digits" sh -c 'awk -F, "NR > 1 { print \$1; print \$2 }" "$0" | grep -Evq "^[0-9a-f]{16}$" && exit 1 || exit 0' "$tmp/x/cases.csv"
check "eight patients, eight cases" test "$(awk -F, 'NR > 1 { print $1 }' "$tmp/x/cases.csv" | sort -u | wc -l)" = 8
# own_dates DIR: every kept case is moved off its own referral date, and
# its finding with it by the same days. The kept cases are L01–L07
# (referred 2026-02-01, a finding of 2026-01-20 each) and X01 (referred
# 2025-12-15, no finding): a case is told by its finding in findings.csv.
# (Each case against its own date: a shift of 48 days moves X01 onto the
# others' 2026-02-01, which is no date of its own.)
own_dates() {
	tail -n +2 "$1/cases.csv" >"$tmp/rows" || return 1
	l=0 x=0
	while IFS=, read -r _ cs _ _ _ ref _; do
		f=$(awk -F, -v c="$cs" '$2 == c { print $11; exit }' "$1/findings.csv")
		if [ -n "$f" ]; then
			l=$((l + 1))
			[ "$ref" != 2026-02-01 ] || return 1
			r=$(date -u -d "$ref" +%s 2>/dev/null) &&
				g=$(date -u -d "$f" +%s 2>/dev/null) || return 1
			[ $(((r - g) / 86400)) -eq 12 ] || return 1
		else
			x=$((x + 1))
			[ "$ref" != 2025-12-15 ] || return 1
		fi
	done <"$tmp/rows"
	[ "$l" -eq 7 ] && [ "$x" -eq 1 ]
}
check "dates are shifted (each kept case off its own referral date, its finding moved with it)" own_dates "$tmp/x"
check "every date stays a date" sh -c 'awk -F, "NR > 1 { print \$6 }" "$0" | grep -Evq "^20[0-9]{2}-[01][0-9]-[0-3][0-9]$" && exit 1 || exit 0' "$tmp/x/cases.csv"
check "decisions keep their coded fields" grep -q ",recommendation,targeted$" "$tmp/x/decisions.csv"
check "a decision's date field is shifted" sh -c '! grep -q ",follow-up-date,2026-12-20$" "$0" && grep -q ",follow-up-date,20" "$0"' "$tmp/x/decisions.csv"
check "no text field of a decision" lacks "$tmp/x/decisions.csv" -Eq ",(rationale|contact-nurse|responsible|question|alternatives|follow-up-owner|contact-phone),"
check "decisions of kept cases only (L01–L07, not L08)" test "$(awk -F, 'NR > 1 { print $2 }' "$tmp/x/decisions.csv" | sort -u | wc -l)" = 7
check "findings.csv says whether each variant was found (its last column, result)" \
	sh -c 'head -1 "$0" | grep -q ",context,result$" && ! awk -F, "NR > 1 && \$NF != \"present\" && \$NF != \"absent\"" "$0" | grep -q .' "$tmp/x/findings.csv"
check "L01's T790M not found is a row with result absent" \
	test "$(grep -c ',EGFR,snv,somatic,c.2369C>T,p.Thr790Met,,,GMS560,[0-9-]*,clinical,absent$' "$tmp/x/findings.csv")" = 1
check "and every other finding is present" \
	test "$(grep -c ',present$' "$tmp/x/findings.csv")" = "$(($(wc -l <"$tmp/x/findings.csv") - 2))"
check "findings of kept cases only" sh -c 'awk -F, "NR > 1 { print \$2 }" "$0" | sort -u | while read -r c; do grep -q "^[0-9a-f]*,$c," "$1" || exit 1; done' "$tmp/x/findings.csv" "$tmp/x/cases.csv"
check "about.txt says why and how" sh -c 'grep -q "^Purpose: Studie om EGFR-behandling$" "$0" && grep -q "^Legal basis: Etikprövning EPM 2026-01234-01$" "$0" && grep -q "HMAC-SHA-256" "$0"' "$tmp/x/about.txt"

# ---- nothing of any patient's identity or free text, over the whole output ------
cat "$tmp/x"/* >"$tmp/all"
sqlite3 "$db" "
SELECT pnr FROM patient UNION SELECT replace(pnr, '-', '') FROM patient
UNION SELECT substr(replace(pnr, '-', ''), 3) FROM patient
UNION SELECT family_name FROM patient UNION SELECT given_name FROM patient
UNION SELECT given_name || ' ' || family_name FROM patient
UNION SELECT birth_date FROM patient UNION SELECT hospital FROM patient
UNION SELECT external_id FROM cases
UNION SELECT question FROM cases UNION SELECT summary FROM cases
UNION SELECT level_reason FROM cases UNION SELECT diagnosis_text FROM cases
UNION SELECT referrer_name FROM cases UNION SELECT referrer_unit FROM cases
UNION SELECT referrer_phone FROM cases
UNION SELECT report FROM pathology UNION SELECT specimen FROM pathology UNION SELECT lab FROM pathology
UNION SELECT findings FROM imaging UNION SELECT impression FROM imaging
UNION SELECT note FROM finding UNION SELECT sample FROM finding UNION SELECT lab FROM finding
UNION SELECT value FROM form_value WHERE field IN ('rationale', 'contact-nurse', 'responsible', 'question', 'alternatives', 'follow-up-owner', 'contact-phone')
UNION SELECT signed_by FROM decision UNION SELECT quorum_override FROM decision
UNION SELECT note FROM follow_up UNION SELECT name FROM attendee
" | while IFS= read -r v; do [ ${#v} -ge 5 ] && printf '%s\n' "$v"; done >"$tmp/values"
n=$(wc -l <"$tmp/values")
check "the values looked for were read ($n)" test "$n" -ge 300
leak=0
while IFS= read -r v; do
	grep -qF -- "$v" "$tmp/all" && { diag "the extract holds a patient value (${#v} characters)"; leak=1; }
done <"$tmp/values"
result "no identity number, name or free text of any patient in the extract" $leak
check "no HEMLIG marker" lacks "$tmp/all" -q HEMLIG
# (-w: a pseudonym is 16 hex digits, and a run of them may look like a
# number; an identity number stands as a word of its own)
check "no identity number shaped string" lacks "$tmp/all" -Ewq "(19|20)[0-9]{6}-?[0-9]{4}"

# ---- the same key, the same pseudonyms; another key, others --------------------
"$TB" --db "$db" extract --purpose "Uppföljning" --basis "EPM 2026-01234-01" --dir "$tmp/y" >/dev/null 2>&1
check "the same key gives the same pseudonyms" cmp -s "$tmp/x/cases.csv" "$tmp/y/cases.csv"
# another key, a fixed one: it shifts X01 (referred 2025-12-15) by 48 days,
# onto 2026-02-01, the date L01–L07 were referred
printf '%s\n' e5c85c9db4f00db039065476f0252bb92e41d0b903739bbaf9639bca41bc2160 >"$tmp/other.key"
"$TB" --db "$db" extract --purpose "Annan studie" --basis "EPM 2026-09999-01" --dir "$tmp/z" \
	--key "$tmp/other.key" >/dev/null 2>&1
check "another key gives other pseudonyms" sh -c '[ "$(sed -n 2p "$0" | cut -d, -f1)" != "$(sed -n 2p "$1" | cut -d, -f1)" ]' "$tmp/x/cases.csv" "$tmp/z/cases.csv"
check "the fixed key moves one case onto 2026-02-01 (X01, 48 days)" sh -c 'awk -F, "NR > 1 { print \$6 }" "$0" | grep -qx 2026-02-01' "$tmp/z/cases.csv"
check "  and still each kept case is off its own date" own_dates "$tmp/z"
"$TB" --db "$db" extract --purpose "x" --basis "y" --dir "$tmp/x" >/dev/null 2>&1
result "an existing directory is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
printf 'nonsense\n' >"$tmp/bad.key"
"$TB" --db "$db" extract --purpose "x" --basis "y" --dir "$tmp/w" --key "$tmp/bad.key" >/dev/null 2>"$tmp/err"
result "a broken key file is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and named with its line" grep -q "bad.key:1: not an extract key" "$tmp/err"
check "and nothing written" test ! -e "$tmp/w"
"$TB" --db "$db" extract --purpose "x" --basis "y" --dir "$tmp/m" --min-group 9 >"$tmp/out" 2>&1
check "--min-group 9 leaves out the group of eight" grep -q ": 0 cases," "$tmp/out"

# ---- a small archive: the demo's cases --------------------------------------------
# Every case of examples/ is a kind of its own (sex, age, region,
# diagnosis): at the finest grouping every group is under 5 and the
# extract is empty. It says so and how to coarsen; --generalize coarsens
# until at most a tenth is left out, and what it writes is grouped so: no
# combination of the grouped columns in cases.csv occurs under 5 times.
sdb="$tmp/small.db"
tb_fixture "$sdb" || exit 1
"$TB" --db "$sdb" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
n_small=$(sqlite3 "$sdb" "SELECT count(*) FROM cases")
"$TB" --db "$sdb" extract --purpose "Demo" --basis "Test" --dir "$tmp/s0" >"$tmp/out" 2>&1
check "the finest groups leave every sample case out" grep -q ": 0 cases, .*; $n_small cases left out" "$tmp/out"
check "and it says why and what to do" grep -q "^$n_small of $n_small cases are in groups under 5: --generalize coarsens the groups" "$tmp/out"
"$TB" --db "$sdb" extract --purpose "Demo" --basis "Test" --dir "$tmp/s1" --generalize >"$tmp/out" 2>&1
result "--generalize writes an extract" $?
kept=$(($(wc -l <"$tmp/s1/cases.csv") - 1))
check "with cases in it ($kept of $n_small)" test "$kept" -gt 0
check "leaving out at most a tenth" test $((n_small - kept)) -le $((n_small / 10))
check "every group of the grouped columns holds at least 5 cases" sh -c '[ -z "$(awk -F, "NR > 1 { print \$3 \"|\" \$4 \"|\" \$5 \"|\" \$10 }" "$0" | sort | uniq -c | awk "\$1 < 5")" ]' "$tmp/s1/cases.csv"
check "the grouping is named in about.txt" grep -q "^Grouped by: sex, " "$tmp/s1/about.txt"
check "no identity number in the generalized extract" lacks "$tmp/s1" -rEwq "(19|20)[0-9]{6}-?[0-9]{4}"

# ---- recorded: who, why, what ------------------------------------------------------
check "every extract is recorded" test "$(sqlite3 "$db" "SELECT count(*) FROM research_extract")" = 4
check "with purpose and basis" test "$(sqlite3 "$db" "SELECT purpose || '|' || basis || '|' || cases FROM research_extract WHERE id = 1")" = "Studie om EGFR-behandling|Etikprövning EPM 2026-01234-01|8"
check "and in the audit log, without the words" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE action = '"'extract'"' AND entity_id = 1 AND detail LIKE '"'8 cases, 7 decisions%'"' AND detail NOT LIKE '"'%Studie%'"'")" = 1 ]' "$db"
check "who made it" test "$(sqlite3 "$db" "SELECT by FROM research_extract WHERE id = 1")" = "$(id -un)"
check "the archive verifies intact" "$TB" --db "$db" verify
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$db" "$tmp/pristine.db"
if [ -n "${TB_PG_DIR:-}" ]; then # the second pass: the same on the server
	sqlite3 "$db" "DROP TRIGGER research_extract_append_only_u ON research_extract; UPDATE research_extract SET purpose = 'Annat' WHERE id = 1;"
else
	sqlite3 "$db" "DROP TRIGGER research_extract_append_only_u; UPDATE research_extract SET purpose = 'Annat' WHERE id = 1;"
fi
"$TB" --db "$db" verify >"$tmp/v" 2>&1
result "a purpose changed behind the program's back: verify exits 8" $([ $? -eq 8 ]; echo $?)
check "and says so" grep -q "research extract 1 does not match its audit entry" "$tmp/v"
check "and that the guard is gone" grep -q "research_extract_append_only_u .*removed" "$tmp/v"
cp "$tmp/pristine.db" "$db"
rm -f "$db-wal" "$db-shm"
check "an extract record cannot be removed" sh -c '! sqlite3 "$0" "DELETE FROM research_extract" 2>/dev/null' "$db"
finish

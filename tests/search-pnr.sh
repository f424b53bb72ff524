#!/bin/sh
# The case search by identity number, the first thing a nurse types: the
# case list's search (`cases --search`, the screen's /) finds a patient's
# cases by the number in every form people write it (twelve digits with
# or without the hyphen or with a space for it, ten with '-' or without
# (the person under a hundred) or, past a hundred years, '+'; a
# samordningsnummer too), by two index lookups and no scan of the
# archive, only the cases in the searcher's care, and each hit is in the
# access log as a search. A wrong check digit or a part of a number finds
# nothing; a birth date alone says that a number is searched whole.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_need_as

tb_archive "$db" || exit 1
# one synthetic patient born in 1919 with two cases: the ten-digit form
# with '+' (a hundred years or more), and a search that finds both
src="$TB_EXAMPLES/lung-kras-g12c.xml"
check "the sample case to copy is there" test -s "$src"
for n in 0921 0922; do
	sed -e "s/ORE-LUNG-2026-0021/ORE-LUNG-2026-$n/" \
		-e "s/19511130-9877/19190314-9977/" "$src" >"$tmp/old-$n.xml"
done
"$TB" --db "$db" import "$tmp/old-0921.xml" "$tmp/old-0922.xml" >/dev/null
result "two cases of a patient born in 1919 are imported" $?
tb_role_users "$db" || exit 1
q() { sqlite3 "$db" "$1"; }
searched() { q "SELECT count(*) FROM access_log WHERE what = 'search' AND who = '$1'"; }

# cases --search TEXT as $1 (a user of tb_role_users, or "" for the
# fixture's administrator in every board): the case ids found, sorted
found() {
	who=$1
	shift
	if [ -n "$who" ]; then
		TB_AS=$who "$AS" --db "$db" cases --search "$1" 2>"$tmp/err"
	else
		"$TB" --db "$db" cases --search "$1" 2>"$tmp/err"
	fi | awk '{ print $1 }' | sort | tr '\n' ' '
}

lung=UPP-LUNG-2026-0033 # 19530319-9821
for form in 19530319-9821 195303199821 530319-9821 " 530319-9821 " 5303199821 \
	"19530319 9821" "530319 9821"; do
	check "'$form' finds the patient's case" test "$(found "" "$form")" = "$lung "
done
check "  and --count counts it" test "$("$TB" --db "$db" cases --search 530319-9821 --count)" = 1
check "a samordningsnummer (day + 60) too" test "$(found "" 790978-9963)" = "SKA-LUNG-2026-0014 "
check "'190314+9977' finds both cases of the patient born in 1919" \
	test "$(found "" 190314+9977)" = "ORE-LUNG-2026-0921 ORE-LUNG-2026-0922 "
check "  as do the twelve digits" test "$(found "" 191903149977)" = "ORE-LUNG-2026-0921 ORE-LUNG-2026-0922 "
check "  and --count counts both" test "$("$TB" --db "$db" cases --search 19190314-9977 --count)" = 2
check "'190314-9977' (born 2019) finds nobody" test -z "$(found "" 190314-9977)"
check "a wrong check digit finds nobody" test -z "$(found "" 19530319-9822)"
check "  and is no error" test ! -s "$tmp/err"
check "the number's last four digits alone find nobody" test -z "$(found "" 9821)"
check "nor the number with a word after it" test -z "$(found "" "19530319-9821 Gunilla")"
check "ten digits are read as YYMMDD-NNNC: '1903149977' (born 2019) finds nobody" test -z "$(found "" 1903149977)"
check "nor a space with more after it" test -z "$(found "" "19530319 9821 9821")"
check "  and that is no birth date: nothing more is said" test ! -s "$tmp/err"
# a birth date alone is no identity number: it finds nothing, and says how
# a number is searched
check "the birth date alone (19530319) finds nobody" test -z "$(found "" 19530319)"
check "  and says that a number is searched whole" grep -qx "No case matches. An identity number is searched whole: 12 digits, or 10." "$tmp/err"
check "  as does the six-digit date (530319)" sh -c 'test -z "$1" && grep -q "searched whole" "$2"' - "$(found "" 530319)" "$tmp/err"
LANGUAGE=sv "$TB" --db "$db" cases --search 19530319 >/dev/null 2>"$tmp/err"
check "  in Swedish too" grep -qx "Inget fall matchar. Ett personnummer söks helt: 12 siffror, eller 10." "$tmp/err"

# ---- only the cases in the searcher's care, each hit logged -------------
s0=$(searched ssk)
check "the lung nurse finds the lung patient" test "$(found ssk 19530319-9821)" = "$lung "
check "  and the read is in the access log as a search" test "$(searched ssk)" = $((s0 + 1))
check "  with the patient and the case" test "$(q "SELECT p.pnr || ' ' || c.external_id FROM access_log a JOIN patient p ON p.id = a.patient_id JOIN cases c ON c.id = a.case_id WHERE a.who = 'ssk' AND a.what = 'search' ORDER BY a.id DESC LIMIT 1")" = "19530319-9821 $lung"
check "the colorectal patient is not hers to find" test -z "$(found ssk 19880208-9998)"
check "  and nothing is logged" test "$(searched ssk)" = $((s0 + 1))
check "the coordinator of every board finds that one" test "$(found "" 880208-9998)" = "SKA-CRC-2026-0118 "

# ---- on the screen: / and the number ------------------------------------
printf '%s\n' / 'type 530319-9821' Enter dump q >"$tmp/keys"
s1=$(searched ssk)
TB_AS=ssk "$AS" --db "$db" --script "$tmp/keys" --size 80x24 --dump "$tmp/screen" >/dev/null 2>&1
result "the nurse's screen search runs" $?
check "  the case list shows the patient's case" grep -q "$lung" "$tmp/screen"
check "  and only it" test "$(grep -c -e '-LUNG-' -e '-CRC-' -e '-BR-' "$tmp/screen")" = 1
check "  logged as a search" test "$(searched ssk)" = $((s1 + 1))

# the birth date alone on the screen: the empty list says how to search
printf '%s\n' / 'type 19530319' Enter dump q >"$tmp/keys"
for lang in en sv; do
	LANG=C.UTF-8 LANGUAGE=$lang TB_AS=ssk "$AS" --db "$db" --script "$tmp/keys" --size 80x24 --dump "$tmp/date-$lang" >/dev/null 2>&1
	result "the screen search for a birth date runs ($lang)" $?
done
check "  the empty list says a number is searched whole" grep -q "No case matches. An identity number is searched whole: 12 digits, or 10." "$tmp/date-en"
check "  in Swedish too" grep -q "Inget fall matchar. Ett personnummer söks helt: 12 siffror, eller 10." "$tmp/date-sv"
check "a word finds nothing and says only that" sh -c 'printf "%s\n" / "type Zzyzx" Enter dump q >"$0/kw" && TB_AS=ssk "$1" --db "$2" --script "$0/kw" --size 80x24 --dump "$0/word" >/dev/null 2>&1 && grep -q "No case matches\.\$" "$0/word"' "$tmp" "$AS" "$db"

# ---- two cases of one patient told apart on the screen -----------------
# From 150 columns the list leads with the case's id (the same patient's
# two rows are otherwise alike); under 150 it does not (the diagnosis
# keeps its room), and the selected row's id is on the detail line.
printf '%s\n' / 'type 19190314-9977' Enter dump q >"$tmp/two"
for size in 150x30 149x30; do
	LANG=C.UTF-8 LANGUAGE=en "$TB" --db "$db" --script "$tmp/two" --size $size --dump "$tmp/two-$size" >/dev/null 2>&1
	result "the patient's two cases on the screen at $size" $?
done
check "at 150 columns the heading begins with the case" grep -q "^ Case  *Referred  *Identity  *Name" "$tmp/two-150x30"
check "  and each row with its case id" sh -c 'grep -q "^ ORE-LUNG-2026-0921  *[0-9-]*  *19190314-\*\*\*\*" "$0" && grep -q "^ ORE-LUNG-2026-0922  *[0-9-]*  *19190314-\*\*\*\*" "$0"' "$tmp/two-150x30"
check "at 149 the heading begins with the referral date" grep -q "^ Referred  *Identity  *Name" "$tmp/two-149x30"
check "  and no row with a case id" lacks "$tmp/two-149x30" -E "^ ORE-LUNG-2026-09[0-9]+  +[0-9]{4}-"
check "  which the selected row's detail line names" grep -q "ORE-LUNG-2026-092[12]" "$tmp/two-149x30"
LANG=C.UTF-8 LANGUAGE=sv "$TB" --db "$db" --script "$tmp/two" --size 150x30 --dump "$tmp/two-sv" >/dev/null 2>&1
check "in Swedish the case's column is headed Fall" grep -q "^ Fall  *Remitterad  *Personnummer" "$tmp/two-sv"

# ---- the plan: the identity number's index, then the patient's cases ---
# (the list's WHERE as db_case_list.c writes it for such a search)
where="c.patient_id = (SELECT id FROM patient WHERE pnr = '19530319-9821')"
list="SELECT c.id, p.pnr FROM cases c JOIN patient p ON p.id = c.patient_id WHERE TRUE AND $where ORDER BY c.referral_date DESC, c.id DESC LIMIT 40"
if q "SELECT sqlite_version()" >/dev/null 2>&1; then
	q "EXPLAIN QUERY PLAN $list" >"$tmp/plan"
	check "the plan looks the number up in patient.pnr's unique index" grep -q "patient USING COVERING INDEX sqlite_autoindex_patient_1 (pnr=?)" "$tmp/plan"
	check "  then the patient's cases in cases_patient" grep -q "c USING INDEX cases_patient (patient_id=?)" "$tmp/plan"
	check "  and scans no table" lacks "$tmp/plan" -e "SCAN"
else
	# on a server: whether the indexes serve it (a sample this small
	# is read whole by a planner left to choose)
	q "SET enable_seqscan = off; EXPLAIN $list" >"$tmp/plan"
	check "the plan looks the number up in patient.pnr's unique index" grep -q "Index.* Scan using patient_pnr_key on patient" "$tmp/plan"
	check "  then the patient's cases in cases_patient" grep -q "Scan using cases_patient on cases" "$tmp/plan"
	check "  and scans no table" lacks "$tmp/plan" -e "Seq Scan"
fi
finish

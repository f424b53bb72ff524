#!/bin/sh
# What import says of a bad file, seen from outside: every fault once (no
# follow-on messages of the schema check, the walk's word for a missing
# element rather than the schema's too), as FILE:LINE: field: message with
# its line (an unknown attribute, an element given twice), in the order of
# the file's lines, in the user's language; a file that is no case document
# or FHIR file (a CSV, an empty file) named as such rather than with the
# XML parser's words. The FHIR reader's messages are checked file by file
# in fhir.sh (tests/data/fhir/bad), libxml2's translations in
# libmessages.sh.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
db="$tmp/t.db"
tb_fixture "$db" || exit 1
ex="$TB_EXAMPLES/lung-egfr-l858r.xml"
[ -s "$ex" ] || { echo "Bail out! $ex missing"; exit 1; }

# refused FILE LANG: the messages of importing FILE in LANG, the file's
# own "rejected" line left out; fails unless the import was refused
refused() {
	LANGUAGE=$2 "$TB" --db "$db" import "$1" >/dev/null 2>"$tmp/err"
	rc=$?
	grep -v 'rejected; nothing\|avvisad; inget' "$tmp/err"
	[ "$rc" -ne 0 ]
}
# made NAME FILE PATTERN: the test file was made as meant
made() {
	check "$1: the test file is made" grep -q -- "$3" "$2"
}

# --- not XML, not JSON ------------------------------------------------------
printf 'case id;identity number;diagnosis\nSKA-1;19560312-9809;C34.1\n' \
	>"$tmp/cases.csv"
: >"$tmp/empty.xml"
printf '\n  \n' >"$tmp/blank.xml"
for lang in en sv; do
	refused "$tmp/cases.csv" $lang >"$tmp/csv.$lang"
	result "a CSV file is refused ($lang)" $?
	refused "$tmp/empty.xml" $lang >"$tmp/empty.$lang"
	result "an empty file is refused ($lang)" $?
	refused "$tmp/blank.xml" $lang >"$tmp/blank.$lang"
	result "a file of white space is refused ($lang)" $?
	for f in csv empty blank; do
		check "  $f ($lang): one line" \
			sh -c '[ "$(wc -l <"$0")" -eq 1 ]' "$tmp/$f.$lang"
		check "  $f ($lang): not libxml2's words" \
			lacks "$tmp/$f.$lang" -e "Document is empty" \
			-e "Extra content" -e "dokumentet är tomt" \
			-e "innehåll efter dokumentets slut"
	done
done
check "a CSV file: says what it is not" grep -qxF \
	"$tmp/cases.csv: not a case document (XML) or FHIR bundle (JSON)" \
	"$tmp/csv.en"
check "  in Swedish" grep -qxF \
	"$tmp/cases.csv: inget falldokument (XML) eller FHIR Bundle (JSON)" \
	"$tmp/csv.sv"
check "an empty file: says so" grep -qxF "$tmp/empty.xml: empty" \
	"$tmp/empty.en"
check "  in Swedish" grep -qxF "$tmp/empty.xml: tom" "$tmp/empty.sv"
check "a file of white space: empty" grep -qxF "$tmp/blank.xml: empty" \
	"$tmp/blank.en"

# --- one message per fault -------------------------------------------------
# (libxml2's validator follows a fault with a message about every element
# above it; an element its interleave could not take it names without a
# line or a reason)
# one NAME FILE MESSAGE: importing FILE gives exactly the one line MESSAGE
one() {
	refused "$2" en >"$tmp/one.out"
	result "$1: refused" $?
	check "  says: $3" grep -qxF -- "$3" "$tmp/one.out"
	check "  and nothing else" \
		sh -c '[ "$(wc -l <"$0")" -eq 1 ]' "$tmp/one.out"
	[ "$(wc -l <"$tmp/one.out")" -eq 1 ] || diag "$(cat "$tmp/one.out")"
}
grep -v '<sex>' "$ex" >"$tmp/nosex.xml"
lacks "$tmp/nosex.xml" -q '<sex>'
result "no sex: the test file is made" $?
one "a required element missing" "$tmp/nosex.xml" \
	"$tmp/nosex.xml:5: patient/sex: required element is missing"

sed 's/<ecog date=/<ecog colour="red" date=/' "$ex" >"$tmp/ecog.xml"
made "an unknown attribute" "$tmp/ecog.xml" 'colour="red"'
one "an unknown attribute (of ecog)" "$tmp/ecog.xml" \
	"$tmp/ecog.xml:18: ecog: Invalid attribute colour for element ecog"
sed 's/<tnm edition=/<tnm colour="red" edition=/' "$ex" >"$tmp/tnm.xml"
made "an unknown attribute" "$tmp/tnm.xml" 'colour="red"'
one "an unknown attribute (of tnm)" "$tmp/tnm.xml" \
	"$tmp/tnm.xml:19: tnm: Invalid attribute colour for element tnm"
sed 's/<report>/<report colour="red">/' "$ex" >"$tmp/report.xml"
made "an unknown attribute" "$tmp/report.xml" 'colour="red"'
one "an unknown attribute (of a pathology report)" "$tmp/report.xml" \
	"$tmp/report.xml:21: report: Invalid attribute colour for element report"
sed 's/<name family=/<name colour="red" family=/' "$ex" >"$tmp/name.xml"
made "an unknown attribute" "$tmp/name.xml" 'colour="red"'
one "an unknown attribute (of the patient's name)" "$tmp/name.xml" \
	"$tmp/name.xml:7: name: Invalid attribute colour for element name"
sed '0,/<\/patient>/s//<hobby>golf<\/hobby><\/patient>/' "$ex" >"$tmp/hobby.xml"
made "an unknown element" "$tmp/hobby.xml" '<hobby>'
one "an element the schema does not know" "$tmp/hobby.xml" \
	"$tmp/hobby.xml:12: hobby: Element patient has extra content: hobby"
# an element the schema declares nowhere, before one that is required:
# libxml2 calls the required one missing; the stranger is the fault
sed 's|<question>|<hobby/><question>|' "$ex" >"$tmp/before.xml"
made "an unknown element before the question" "$tmp/before.xml" '<hobby/>'
one "an unknown element in the way" "$tmp/before.xml" \
	"$tmp/before.xml:15: hobby: Element case has extra content: hobby"
sed 's|<report>|<hobby/><report>|' "$ex" >"$tmp/before2.xml"
made "an unknown element before a report" "$tmp/before2.xml" '<hobby/>'
one "an unknown element in the way (of a report)" "$tmp/before2.xml" \
	"$tmp/before2.xml:21: hobby: Element pathology has extra content: hobby"
sed 's|<marker name="TTF-1" value="positiv"/>|<marker name="TTF-1"/>|' \
	"$ex" >"$tmp/marker.xml"
made "a marker without a value" "$tmp/marker.xml" '<marker name="TTF-1"/>'
one "a required attribute missing" "$tmp/marker.xml" \
	"$tmp/marker.xml:22: pathology/marker/@value: required attribute is missing or empty"
sed 's|<ecog date="\([^"]*\)">1</ecog>|<ecog date="\1">1</ecog><ecog date="\1">2</ecog>|' \
	"$ex" >"$tmp/twice.xml"
check "twice: the test file is made" \
	sh -c '[ "$(grep -o "<ecog " "$0" | wc -l)" -eq 2 ]' "$tmp/twice.xml"
one "an element given twice" "$tmp/twice.xml" \
	"$tmp/twice.xml:18: ecog: given more than once; only one is allowed"
refused "$tmp/twice.xml" sv >"$tmp/twice.sv"
check "  in Swedish" grep -qxF \
	"$tmp/twice.xml:18: ecog: förekommer mer än en gång; bara ett är tillåtet" \
	"$tmp/twice.sv"
refused "$tmp/ecog.xml" sv >"$tmp/ecog.sv"
check "an unknown attribute in Swedish" grep -qxF \
	"$tmp/ecog.xml:18: ecog: attributet colour är inte tillåtet i elementet ecog" \
	"$tmp/ecog.sv"

# --- in the order of the lines ----------------------------------------------
# a bad date early (the field walk finds it) and an attribute the schema
# does not know late (the schema check, which runs first, finds it)
sed -e 's/date="2026-10-14">Adeno/date="2026-14-10">Adeno/' \
	-e 's/<imaging date="2026-10-19"/<imaging colour="red" date="2026-10-19"/' \
	"$ex" >"$tmp/order.xml"
made "lines (the date)" "$tmp/order.xml" '2026-14-10'
made "lines (the attribute)" "$tmp/order.xml" 'colour="red"'
refused "$tmp/order.xml" en >"$tmp/order.out"
result "a file with two faults is refused" $?
check "  the date's fault, with its line" \
	grep -qxF "$tmp/order.xml:13: diagnosis/@date: month must be 01–12" \
	"$tmp/order.out"
check "  the attribute's, with its line" \
	grep -qxF "$tmp/order.xml:32: imaging: Invalid attribute colour for element imaging" \
	"$tmp/order.out"
check "  and nothing else" sh -c '[ "$(wc -l <"$0")" -eq 2 ]' "$tmp/order.out"
sed 's/^[^:]*:\([0-9]*\):.*/\1/' "$tmp/order.out" >"$tmp/order.lines"
check "  in the order of the lines" sort -n -c "$tmp/order.lines"
sort -n -c "$tmp/order.lines" 2>/dev/null || diag "$(cat "$tmp/order.out")"

check "nothing was imported" \
	sh -c '[ "$("$0" --db "$1" cases --count)" = 0 ]' "$TB" "$db"
finish

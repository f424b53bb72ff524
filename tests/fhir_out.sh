#!/bin/sh
# FHIR R4 out: a signed decision as a document Bundle and a case as a
# Bundle, in XML and JSON, against golden files (tests/golden/fhir/);
# the same archive gives the same bytes; a decision imported back is its
# case as it was; XML well-formed; every export audited without patient
# data; a failed export leaves no file and no record.
# TB_UPDATE_GOLDEN=1 rewrites the golden files.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
golden="$TB_SRCDIR/tests/golden/fhir"
[ -n "$TB_UPDATE_GOLDEN" ] && mkdir -p "$golden"

# one archive as the demo builds it: meetings, decisions, an amendment
build() {
	tb_fixture "$1" &&
		"$TB" --db "$1" import "$TB_EXAMPLES"/*.xml >/dev/null &&
		sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$1" >/dev/null 2>&1 &&
		sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$1" >/dev/null 2>&1
}
db="$tmp/tb.db"
build "$db" || { echo "Bail out! cannot build the demo archive"; exit 1; }

compare() {
	name=$1
	shift
	"$@" >"$tmp/$name" 2>"$tmp/$name.err"
	rc=$?
	if [ -n "$TB_UPDATE_GOLDEN" ] && [ $rc -eq 0 ]; then
		cp "$tmp/$name" "$golden/$name"
	fi
	if [ $rc -eq 0 ] && [ -s "$golden/$name" ] &&
		cmp -s "$tmp/$name" "$golden/$name"; then
		result "golden fhir/$name" 0
	else
		cat "$tmp/$name.err" | diag
		diff -u "$golden/$name" "$tmp/$name" 2>&1 | head -40 | diag
		result "golden fhir/$name" 1
	fi
}

audit_count() {
	sqlite3 "$1" "SELECT count(*) FROM audit WHERE action = 'export'"
}

# decision 1: signed at a meeting (an Encounter with its attendees);
# decision 3: an amendment (relatesTo replaces decision 2)
compare decision-1.json "$TB" --db "$db" decision export 1 --format fhir-json
compare decision-1.xml "$TB" --db "$db" decision export 1 --format fhir-xml
compare decision-3.json "$TB" --db "$db" decision export 3 --format fhir-json
compare case-SKA-LUNG-2026-0001.json "$TB" --db "$db" export SKA-LUNG-2026-0001 --format json
compare case-SKA-LUNG-2026-0001.xml "$TB" --db "$db" export SKA-LUNG-2026-0001 --format xml

# the quality-registry file: golden, every variable documented, audited
# with the variable names only
compare registry-1.txt "$TB" --db "$db" registry 1
compare registry-3.txt "$TB" --db "$db" registry 3
# the demo's meeting was planned for 2026-11-19 and held on 2026-11-23:
# the registry's conference date is the day it met
check "mdk_datum is the day the meeting was held, not the day planned" \
	grep -qx "mdk_datum;2026-11-23;ISO 8601" "$tmp/registry-1.txt"
check "the registry file starts with its header" sh -c \
	'[ "$(head -1 "$0")" = "variabel;värde;kodverk" ]' "$tmp/registry-1.txt"
check "every line has three fields" sh -c \
	'! awk -F";" "NF != 3" "$0" | grep -q .' "$tmp/registry-1.txt"
man1="$TB_SRCDIR/man/tumorboard.1"
for v in $(sed 1d "$tmp/registry-1.txt" "$tmp/registry-3.txt" | cut -d";" -f1 | sort -u); do
	check "tumorboard(1) documents registry variable $v" \
		sh -c 'sed -n "/^\.SH QUALITY REGISTRY FILE/,/^\.SH COPYING/p" "$0" | grep -q "$1"' "$man1" "$v"
done
reg=$(sqlite3 "$db" "SELECT detail FROM audit WHERE action = 'export' AND detail LIKE 'quality-registry%' AND entity_id = 1")
check "the registry export is recorded with its variables" sh -c \
	'printf "%s\n" "$0" | grep -q "mdk_datum,mdk_niva"' "$reg"
check "the record holds no value (no identity number)" sh -c \
	'! printf "%s\n" "$0" | grep -Eq "19560312|Åström|C34"' "$reg"
"$TB" --db "$db" registry 99 >/dev/null 2>&1
result "registry of no decision is not found (4)" $([ $? -eq 4 ]; echo $?)

# well-formed XML in the FHIR namespace
for f in decision-1.xml case-SKA-LUNG-2026-0001.xml; do
	check "$f is well-formed" xmllint --noout "$tmp/$f"
	check "$f is a FHIR Bundle" sh -c \
		'xmllint --xpath "namespace-uri(/*)" "$0" | grep -qx "http://hl7.org/fhir"' "$tmp/$f"
done

# XML and JSON carry the same resources in the same order
types_json() { grep -o '"resourceType": "[A-Za-z]*"' "$1" | sed 's/.*: "//; s/"$//'; }
types_json "$tmp/decision-1.json" | sed 1d >"$tmp/t.json"
xmllint --xpath '//*[local-name()="resource"]/*' "$tmp/decision-1.xml" |
	grep -o '<[A-Z][A-Za-z]*[ >]' | sed 's/^<//; s/[ >]$//' >"$tmp/t.xml" || true
n=$(wc -l <"$tmp/t.json")
result "the JSON document holds resources ($n)" $([ "$n" -gt 20 ]; echo $?)
check "XML and JSON list the same resources in order" cmp -s "$tmp/t.json" "$tmp/t.xml"
check "the document starts with its Composition" sh -c \
	'[ "$(head -1 "$0")" = Composition ]' "$tmp/t.json"
for t in Patient Condition ServiceRequest CarePlan Encounter Practitioner PractitionerRole Observation DiagnosticReport; do
	check "decision 1 holds a $t" grep -qx "$t" "$tmp/t.json"
done
check "the alternatives are activities not chosen, with why" sh -c \
	'grep -q "\"status\": \"cancelled\"" "$0" && grep -q "statusReason" "$0" && grep -q "\"doNotPerform\": true" "$0"' \
	"$tmp/decision-1.json"
check "the treatment intent is coded (SNOMED CT palliative)" grep -q '"363676003"' "$tmp/decision-1.json"
check "the amendment replaces decision 2" sh -c \
	'grep -q "\"replaces\"" "$0" && grep -A3 targetIdentifier "$0" | grep -q "\"value\": \"2\""' \
	"$tmp/decision-3.json"

# deterministic: again, and from a second archive built the same way
"$TB" --db "$db" decision export 1 --format fhir-json >"$tmp/again.json"
check "the same decision gives the same bytes" cmp -s "$tmp/again.json" "$tmp/decision-1.json"
db2="$tmp/second.db"
build "$db2"
"$TB" --db "$db2" decision export 1 --format fhir-xml >"$tmp/second.xml"
check "a second archive built alike gives the same bytes" cmp -s "$tmp/second.xml" "$tmp/decision-1.xml"

# the decision document round-trips: imported into an empty archive, an
# exported decision (XML and JSON, a first decision and an amendment)
# gives its case as the archive holds it; left out of the comparison:
# when the case was received and its decisions (the receiving archive
# signs its own)
shown_case() {
	"$TB" --db "$1" show --full-id --width 400 "$2" 2>&1 |
		sed -e 's/, received [0-9TZ:-]*//' -e '/^DECISIONS/,$d'
}
for d in 1 3; do
	for f in json xml; do
		"$TB" --db "$db" decision export $d --format fhir-$f >"$tmp/rt.$f"
		rm -f "$tmp/rt.db"
		tb_fixture "$tmp/rt.db"
		"$TB" --db "$tmp/rt.db" import "$tmp/rt.$f" >"$tmp/rt.out" 2>&1
		result "decision $d ($f) imports" $?
		id=$("$TB" --db "$db" decision list | awk -v d=$d '$1 == d {print $2}')
		shown_case "$db" "$id" >"$tmp/rt.a"
		shown_case "$tmp/rt.db" "$id" >"$tmp/rt.b"
		check "decision $d ($f): the case shown has its summary" \
			grep -q "^CLINICAL SUMMARY" "$tmp/rt.b"
		cmp -s "$tmp/rt.a" "$tmp/rt.b" ||
			diff "$tmp/rt.a" "$tmp/rt.b" | head -6 | diag
		check "decision $d ($f) read back is its case as it was" \
			cmp -s "$tmp/rt.a" "$tmp/rt.b"
	done
done

# every export is recorded, with its size and hash, never patient data
exports=$(sqlite3 "$db" "SELECT detail FROM audit WHERE action = 'export' AND entity IN ('decision', 'case')")
check "each FHIR export is in the audit log" sh -c \
	'[ "$(printf "%s\n" "$0" | grep -c "exported as FHIR")" -ge 6 ]' "$exports"
h=$(sha256sum "$tmp/decision-1.json" | cut -d" " -f1)
check "the audit entry holds the file's SHA-256" sh -c 'printf "%s\n" "$0" | grep -q "$1"' "$exports" "$h"
check "no identity number or name in the audit details" sh -c \
	'! printf "%s\n" "$0" | grep -Eq "19560312|195603129809|Åström|Märta"' "$exports"
check "verify holds after the exports" "$TB" --db "$db" verify

# to a file: mode 0600; a directory that does not exist: an error, no
# file, no record
"$TB" --db "$db" export SKA-LUNG-2026-0001 --format json --output "$tmp/case.json"
check "--output writes the same bytes" cmp -s "$tmp/case.json" "$tmp/case-SKA-LUNG-2026-0001.json"
check "the file is mode 0600" sh -c '[ "$(stat -c %a "$0")" = 600 ]' "$tmp/case.json"
before=$(audit_count "$db")
"$TB" --db "$db" export SKA-LUNG-2026-0001 --format json --output "$tmp/nodir/case.json" 2>"$tmp/err"
rc=$?
result "an unwritable output is a file error (5)" $([ $rc -eq 5 ]; echo $?)
check "the message names the file" grep -q "nodir/case.json" "$tmp/err"
check "nothing is left behind" sh -c '! ls "$0"/nodir* 2>/dev/null | grep -q .' "$tmp"
check "a failed export is not recorded" sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE action = '"'export'"'")" = "$1" ]' "$db" "$before"
"$TB" --db "$db" export NO-SUCH-CASE --format json >/dev/null 2>&1
result "an unknown case is not found (4)" $([ $? -eq 4 ]; echo $?)
"$TB" --db "$db" export SKA-LUNG-2026-0001 --format yaml >/dev/null 2>&1
result "an unknown format is a usage error (2)" $([ $? -eq 2 ]; echo $?)
"$TB" --db "$db" decision show 1 --format fhir-json >/dev/null 2>&1
result "decision show has no FHIR format (2)" $([ $? -eq 2 ]; echo $?)
finish

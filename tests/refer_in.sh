#!/bin/sh
# A referral received by another board, through the FHIR import: the
# package becomes a referred case that keeps its origin and is the case
# that was sent (JSON and XML); the decision signed there goes back to the
# board it came from without being named and is attached to the original
# case; the answer (a decision document) read by the import is the same
# case again. Every package in and out is in the audit log.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
a="$tmp/regional.db"
b="$tmp/national.db"
case=SKA-LUNG-2026-0001
b2="$tmp/national2.db"
c="$tmp/reader.db"
for db in "$a" "$b" "$b2" "$c"; do
	tb_fixture "$db" || { echo "Bail out! users"; exit 1; }
done
"$TB" --db "$a" import "$TB_EXAMPLES"/*.xml >/dev/null ||
	{ echo "Bail out! import"; exit 1; }
# the case is ready at the regional board
sed 's/status="referred"/status="ready"/' "$TB_EXAMPLES/lung-egfr-l858r.xml" >"$tmp/ready.xml"
"$TB" --db "$a" import "$tmp/ready.xml" >/dev/null || { echo "Bail out! ready"; exit 1; }
# what a board may differ in: the case's status on its own work list (a
# referral starts as referred) and when the case arrived; the pathology
# grade and where each item came from travel with the package
shown() {
	"$TB" --db "$1" show --full-id --width 200 "$2" |
		sed -e 's/ · status [a-z-]*$//' -e 's/, received [0-9TZ:-]*//' \
			-e '/^From board /d'
}

check "the regional board sends the case" \
	"$TB" --db "$a" refer $case --to "Nationell lung-MDK" --from "Regional lung-MDK Syd" --package "$tmp/ref.json"
check "and as FHIR XML" \
	"$TB" --db "$a" refer $case --to "Nationell lung-MDK" --from "Regional lung-MDK Syd" --package "$tmp/ref.xml" --format xml

# --- in: a new archive at the national board ---
"$TB" --db "$b" import "$TB_EXAMPLES/lung-kras-g12c.xml" >/dev/null
"$TB" --db "$b" refer --receive "$tmp/ref.json" >"$tmp/out" 2>"$tmp/err"
result "the national board receives the package" $?
diag <"$tmp/err"
check "and says from where" grep -q "case $case received from Regional lung-MDK Syd" "$tmp/out"
shown "$a" $case >"$tmp/sent.txt"
shown "$b" $case >"$tmp/got.txt"
check "the case received is the case sent" cmp -s "$tmp/sent.txt" "$tmp/got.txt"
diff -u "$tmp/sent.txt" "$tmp/got.txt" | head -20 | diag
check "the sender's case is ready" sh -c '"$0" --db "$1" show "$2" | grep -q " · status ready$"' "$TB" "$a" $case
check "the received one starts as referred" sh -c '"$0" --db "$1" show "$2" | grep -q " · status referred$"' "$TB" "$b" $case
"$TB" --db "$b" refer $case --show >"$tmp/show"
check "the case keeps its origin" grep -q "^referred from Regional lung-MDK Syd to Nationell lung-MDK, sent " "$tmp/show"
"$TB" --db "$b" show --width 200 $case >"$tmp/page"
check "the case page says which board it came from and when" \
	grep -q "^From board  *Regional lung-MDK Syd (package sent [0-9-]*, received [0-9-]*)" "$tmp/page"
printf ':\ntype case %s\nEnter\n' $case >"$tmp/keys"
LANG=C.UTF-8 XDG_CONFIG_HOME="$tmp/config" "$TB" --db "$b" --script "$tmp/keys" \
	--size 100x200 --dump "$tmp/screen" >/dev/null 2>&1
check "and the case view too" grep -q "^From board  *Regional lung-MDK Syd (package sent" "$tmp/screen"
"$TB" --db "$a" show $case >"$tmp/page"
check "a case not received from a board names none" lacks "$tmp/page" -q "^From board"
check "receiving is in the audit log with the package's hash" sh -c \
	'sqlite3 "$0" "SELECT detail FROM audit WHERE action = '"'refer-in'"'" | grep -q "$1"' \
	"$b" "$(sha256sum "$tmp/ref.json" | cut -d" " -f1)"
check "verify holds at the national board" "$TB" --db "$b" verify
"$TB" --db "$b2" import "$TB_EXAMPLES/lung-kras-g12c.xml" >/dev/null
"$TB" --db "$b2" refer --receive "$tmp/ref.xml" >"$tmp/outx" 2>"$tmp/err"
result "the XML package is received too" $?
shown "$b2" $case >"$tmp/got2.txt"
check "and is the same case" cmp -s "$tmp/sent.txt" "$tmp/got2.txt"

# what the case has no field for is listed, as the import lists it
sed 's/"gender": "female",/"gender": "female", "telecom": [ { "system": "email", "value": "p@example.se" } ],/' \
	"$tmp/ref.json" >"$tmp/extra.json"
b3="$tmp/national3.db"
tb_fixture "$b3"
"$TB" --db "$b3" refer --receive "$tmp/extra.json" >"$tmp/out3" 2>"$tmp/err3"
result "a package with a field the case lacks is received" $?
check "and what was not mapped is listed (file:line, resource, path)" \
	grep -q "^$tmp/extra.json:[0-9]*: Patient/[0-9a-f-]* Patient.telecom: not mapped: " "$tmp/out3"
check "without the value (standard output)" lacks "$tmp/out3" -q "p@example.se"
check "without the value (standard error)" lacks "$tmp/err3" -q "p@example.se"

# what refer --receive reads of a package is not listed as not mapped (its
# kind, Bundle.meta.tag, and the boards, ServiceRequest.extension, kept as
# the case's origin); what nothing reads still is (the board named as
# performer, a tag in another system); import, which reads the case alone,
# lists the package's kind and boards and says why
for f in out3 outx; do
	check "receive ($f): the package's kind is not listed as not mapped" \
		sh -c '! grep -q "Bundle.meta.tag" "$0"' "$tmp/$f"
	check "receive ($f): nor its boards" \
		sh -c '! grep -q "ServiceRequest.extension" "$0"' "$tmp/$f"
	check "receive ($f): the performer, which nothing reads, is" \
		grep -q ": ServiceRequest/[0-9a-f-]* ServiceRequest.performer: not mapped: the case has no field for it$" "$tmp/$f"
done
sed 's/"code": "referral"/"code": "referral" }, { "system": "http:\/\/example.org\/tags", "code": "sent-by-hand"/' \
	"$tmp/ref.json" >"$tmp/tags.json"
tagline=$(grep -n '"system": "http://example.org/tags"' "$tmp/tags.json" | cut -d: -f1)
check "the package has a tag in another system" test -n "$tagline"
b6="$tmp/national6.db"
tb_fixture "$b6"
"$TB" --db "$b6" refer --receive "$tmp/tags.json" >"$tmp/out6t" 2>"$tmp/err6t"
result "a package with a second tag is received" $?
check "that tag is listed as not mapped at its line" grep -q \
	"^$tmp/tags.json:$tagline: Bundle/[0-9a-f-]* Bundle.meta.tag: not mapped: the case has no field for it$" "$tmp/out6t"
check "and only that tag" test "$(grep -c 'Bundle.meta.tag' "$tmp/out6t")" = 1
# the tag's line is its object's, the line before its system
kindline=$(($(grep -n '"system": "urn:x-tumorboard:tag"' "$tmp/ref.json" | cut -d: -f1) - 1))
"$TB" --db "$b6" import --dry-run "$tmp/ref.json" >"$tmp/out6i" 2>&1
result "import reads the package as a case file" $?
why="not mapped: routes a package between boards: read by refer --receive, not by import"
check "import lists the package's kind, saying why" grep -q \
	"^$tmp/ref.json:$kindline: Bundle/[0-9a-f-]* Bundle.meta.tag: $why$" "$tmp/out6i"
check "and both boards" test "$(grep -c "ServiceRequest.extension: $why$" "$tmp/out6i")" = 2

# one case per package, one rule for routing and reading: two different
# case ids on the ServiceRequest are refused at the second one's line
# (file:line: element: message), by refer --receive and by import alike,
# and nothing is stored
sed 's/"value": "'$case'"/"value": "'$case'" }, { "system": "urn:x-tumorboard:case-id", "value": "SKA-LUNG-2026-0999"/' \
	"$tmp/ref.json" >"$tmp/two-ids.json"
line2=$(grep -n '"value": "SKA-LUNG-2026-0999"' "$tmp/two-ids.json" | cut -d: -f1)
b4="$tmp/national4.db"
tb_fixture "$b4"
"$TB" --db "$b4" import "$TB_EXAMPLES/lung-kras-g12c.xml" >/dev/null
"$TB" --db "$b4" cases --full-id >"$tmp/before4"
n4=$(sqlite3 "$b4" "SELECT count(*) FROM audit")
"$TB" --db "$b4" refer --receive "$tmp/two-ids.json" >"$tmp/out4" 2>"$tmp/err4"
result "a package with two different case ids is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "at the second id's line, naming the element and why" grep -q \
	"^$tmp/two-ids.json:$line2: ServiceRequest.identifier: a second case id (system urn:x-tumorboard:case-id) that differs from the first (line [0-9]*): a package is about one case" "$tmp/err4"
"$TB" --db "$b4" import "$tmp/two-ids.json" >"$tmp/out5" 2>"$tmp/err5"
result "import refuses the same file (exit 3)" $([ $? -eq 3 ]; echo $?)
check "at the same line, by the same rule" grep -q \
	"^$tmp/two-ids.json:$line2: ServiceRequest.identifier.value: a second case id (system urn:x-tumorboard:case-id) that differs from the first (line [0-9]*): a referral is about one case" "$tmp/err5"
sed 's/<value value="'$case'"\/>/&<\/identifier><identifier><system value="urn:x-tumorboard:case-id"\/><value value="SKA-LUNG-2026-0999"\/>/' \
	"$tmp/ref.xml" >"$tmp/two-ids.xml"
check "the XML package has the second id" grep -q "SKA-LUNG-2026-0999" "$tmp/two-ids.xml"
"$TB" --db "$b4" refer --receive "$tmp/two-ids.xml" >"$tmp/out6" 2>"$tmp/err6"
result "in XML too (exit 3)" $([ $? -eq 3 ]; echo $?)
check "with its line" grep -q "^$tmp/two-ids.xml:[0-9][0-9]*: ServiceRequest.identifier: a second case id" "$tmp/err6"
"$TB" --db "$b4" import "$tmp/two-ids.xml" 2>"$tmp/err7" >/dev/null
check "and import of the XML by the same rule" grep -q "^$tmp/two-ids.xml:[0-9][0-9]*: ServiceRequest.identifier.value: a second case id" "$tmp/err7"
sed 's/"value": "'$case'"/"value": "'$case'" }, { "system": "urn:x-tumorboard:case-id", "value": "'$case'"/' \
	"$tmp/ref.json" >"$tmp/same-ids.json"
b5="$tmp/national5.db"
tb_fixture "$b5"
"$TB" --db "$b5" refer --receive "$tmp/same-ids.json" >"$tmp/out8" 2>"$tmp/err8"
result "the same case id twice is one case: received" $?
check "as that case" grep -q "case $case received from" "$tmp/out8"
"$TB" --db "$b4" cases --full-id >"$tmp/after4"
check "the archive holds no case from the refused ones" cmp -s "$tmp/before4" "$tmp/after4"
check "and nothing in the audit log" test "$(sqlite3 "$b4" "SELECT count(*) FROM audit")" = "$n4"
check "verify holds" "$TB" --db "$b4" verify

# --- the national board decides and answers ---
run() { "$TB" --db "$b" "$@" >/dev/null; }
run form open $case &&
	for kv in histology=adenocarcinoma "discussed=history imaging pathology molecular" \
		resectability=unresectable operability=not-assessed \
		"findings=EGFR c.2573T>G p.Leu858Arg | I-A | EGFR-hämmare" \
		recommendation=targeted intent=palliative \
		"rationale=Tabletter som verkar mot förändringen i EGFR." \
		guideline=follows trial-considered=no \
		"alternatives=chemo-immunotherapy: Fungerar sämre vid förändringar i EGFR." \
		"contact-nurse=Lena Holm" "contact-phone=046-17 10 00" follow-up-date=+4w; do
		run form set $case "${kv%%=*}" "${kv#*=}" || break
	done
"$TB" --db "$b" decision sign $case --attendee "Anna Lund:onkolog" \
	--attendee "Per Sten:thoraxkirurg" --attendee "Ali Hassan:radiolog" \
	--attendee "Maria Ek:patolog" --attendee "Lena Holm:kontaktsjuksköterska" \
	>"$tmp/signed" 2>&1
result "the national board signs a decision" $?
d=$(sed -n 's/^decision \([0-9]*\) signed$/\1/p' "$tmp/signed")
check "refer --answer goes back to the origin without --to" \
	"$TB" --db "$b" refer --answer "$d" --package "$tmp/ans.json"
check "it names the board that asked" sh -c \
	'grep -A1 "urn:x-tumorboard:referral-from" "$0" | grep -q "Regional lung-MDK Syd"' "$tmp/ans.json"
check "and the board that answers" sh -c \
	'grep -A1 "urn:x-tumorboard:referral-to" "$0" | grep -q "Nationell lung-MDK"' "$tmp/ans.json"
"$TB" --db "$a" refer --receive "$tmp/ans.json" >"$tmp/out" 2>&1
result "the regional board attaches the answer" $?
check "to the original case" grep -q "answer attached to case $case (decision $d of Nationell lung-MDK)" "$tmp/out"
check "verify holds at the regional board" "$TB" --db "$a" verify

# --- the decision document is a case Bundle too ---
"$TB" --db "$c" import "$tmp/ans.json" >/dev/null 2>"$tmp/err"
result "the decision document imports" $?
diag <"$tmp/err"
shown "$c" $case >"$tmp/doc.txt"
check "as the same case" cmp -s "$tmp/got.txt" "$tmp/doc.txt"
diff -u "$tmp/got.txt" "$tmp/doc.txt" | head -20 | diag
finish

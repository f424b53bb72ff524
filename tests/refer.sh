#!/bin/sh
# Referral packages between boards: a case sent as a FHIR package (refer
# --to --package), the answer (a signed decision Bundle, refer --answer)
# sent back and attached to the original case (refer --receive), every
# package out and in audited without patient data, the answers sealed
# (verify finds one altered), and every bad use refused with nothing
# written.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
a="$tmp/a.db" # the regional board that refers
b="$tmp/b.db" # the national board that answers
case=SKA-LUNG-2026-0001
tb_fixture "$a" && tb_fixture "$b" || { echo "Bail out! users"; exit 1; }
"$TB" --db "$a" import "$TB_EXAMPLES"/*.xml >/dev/null ||
	{ echo "Bail out! import"; exit 1; }
"$TB" --db "$b" import "$TB_EXAMPLES"/*.xml >/dev/null &&
	sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$b" >/dev/null 2>&1 &&
	sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$b" >/dev/null 2>&1 ||
	{ echo "Bail out! demo decisions"; exit 1; }
audit() { sqlite3 "$1" "SELECT action || '|' || entity || '|' || detail FROM audit WHERE action LIKE 'refer-%' ORDER BY id"; }

# --- out: the referral package ---
check "refer --to --package writes the package" \
	"$TB" --db "$a" refer $case --to "Nationell lung-MDK" --from "Regional lung-MDK Syd" --package "$tmp/ref.json"
check "the package is mode 0600" sh -c '[ "$(stat -c %a "$0")" = 600 ]' "$tmp/ref.json"
check "the package is tagged as a referral" grep -q '"code": "referral"' "$tmp/ref.json"
check "it names the board it goes to" sh -c \
	'grep -A1 "urn:x-tumorboard:referral-to" "$0" | grep -q "Nationell lung-MDK"' "$tmp/ref.json"
check "and the board it comes from" sh -c \
	'grep -A1 "urn:x-tumorboard:referral-from" "$0" | grep -q "Regional lung-MDK Syd"' "$tmp/ref.json"
check "it carries the question" grep -q "Förstahandsbehandling med osimertinib" "$tmp/ref.json"
check "and the level reason" grep -q "Regional lungcancer-MDK: stadium IV" "$tmp/ref.json"
check "and the case id" sh -c \
	'grep -A1 "urn:x-tumorboard:case-id" "$0" | grep -q "$1"' "$tmp/ref.json" $case
check "refer --format xml writes FHIR XML" \
	"$TB" --db "$a" refer $case --to "Nationell lung-MDK" --package "$tmp/ref.xml" --format xml
check "the XML package is well-formed" xmllint --noout "$tmp/ref.xml"
h=$(sha256sum "$tmp/ref.json" | cut -d" " -f1)
check "the package sent is in the audit log with its hash" sh -c \
	'audit() { sqlite3 "$1" "SELECT detail FROM audit WHERE action = '"'refer-out'"'"; }; audit "$0" | grep -q "to Nationell lung-MDK (FHIR json).*$1"' "$a" "$h"

# bad uses: nothing written, nothing recorded
n0=$(audit "$a" | wc -l)
"$TB" --db "$a" refer $case --to "Nationell lung-MDK" 2>/dev/null
result "--to without --package is a usage error (2)" $([ $? -eq 2 ]; echo $?)
"$TB" --db "$a" refer $case --to "" --package "$tmp/x.json" 2>/dev/null
result "an empty board is a usage error (2)" $([ $? -eq 2 ]; echo $?)
"$TB" --db "$a" refer $case --to "$(printf 'Na\033[2Jtional')" --package "$tmp/x.json" 2>/dev/null
result "a control character in the board is refused (2)" $([ $? -eq 2 ]; echo $?)
"$TB" --db "$a" refer NO-SUCH-CASE --to N --package "$tmp/x.json" 2>/dev/null
result "an unknown case is not found (4)" $([ $? -eq 4 ]; echo $?)
"$TB" --db "$a" refer $case --to N --package "$tmp/x.json" --format yaml 2>/dev/null
result "an unknown format is a usage error (2)" $([ $? -eq 2 ]; echo $?)
"$TB" --db "$a" refer $case --to N --package "$tmp/nodir/x.json" 2>"$tmp/err"
result "an unwritable package is a file error (5)" $([ $? -eq 5 ]; echo $?)
check "the message names the file" grep -q "nodir/x.json" "$tmp/err"
check "no package file was left" sh -c '! ls "$0"/x.json* "$0"/nodir 2>/dev/null | grep -q .' "$tmp"
result "nothing was recorded for them" $([ "$(audit "$a" | wc -l)" -eq "$n0" ]; echo $?)
check "the level commands still work (refer --level)" \
	"$TB" --db "$a" refer SKA-LUNG-2026-0014 --level national --reason "Fas 3-studie"

# --- back: the answer, signed at the national board ---
reads=$(sqlite3 "$b" "SELECT count(*) FROM access_log")
"$TB" --db "$b" refer --answer 1 --package "$tmp/ans.json" 2>"$tmp/err"
result "an answer for a case not received from a board needs --to (2)" $([ $? -eq 2 ]; echo $?)
check "and says so" grep -q "was not referred from another board" "$tmp/err"
check "the refused answer is no export in the patient's access log" \
	test "$(sqlite3 "$b" "SELECT count(*) FROM access_log")" = "$reads"
check "refer --answer writes the signed decision as the answer" \
	"$TB" --db "$b" refer --answer 1 --to "Regional lung-MDK Syd" --from "Nationell lung-MDK" --package "$tmp/ans.json"
check "the answer is a FHIR document" grep -q '"type": "document"' "$tmp/ans.json"
check "tagged as the answer to a referral" grep -q '"code": "referral-answer"' "$tmp/ans.json"
"$TB" --db "$b" decision export 1 --format fhir-json >"$tmp/d1.json"
check "the same decision Bundle apart from tag and boards" sh -c \
	'[ "$(grep -c "\"resourceType\"" "$0")" = "$(grep -c "\"resourceType\"" "$1")" ]' "$tmp/ans.json" "$tmp/d1.json"
"$TB" --db "$b" refer --answer 1 --to "Regional lung-MDK Syd" --from "Nationell lung-MDK" --package "$tmp/ans2.json"
check "the answer is the same bytes when written again" cmp -s "$tmp/ans.json" "$tmp/ans2.json"
check "refer --answer --format xml" \
	"$TB" --db "$b" refer --answer 1 --to "Regional lung-MDK Syd" --from "Nationell lung-MDK" --package "$tmp/ans.xml" --format xml
check "the answer sent is in the national board's audit log" sh -c \
	'sqlite3 "$0" "SELECT detail FROM audit WHERE action = '"'refer-out'"' AND entity = '"'decision'"'" | grep -q "referral answer to Regional lung-MDK Syd"' "$b"

# --- in: the answer attached to the original case ---
"$TB" --db "$a" refer --receive "$tmp/ans.json" >"$tmp/out" 2>&1
result "refer --receive attaches the answer" $?
check "and says to which case" grep -q "answer attached to case $case (decision 1 of Nationell lung-MDK)" "$tmp/out"
check "an XML answer is attached too" "$TB" --db "$a" refer --receive "$tmp/ans.xml"
"$TB" --db "$a" refer $case --show >"$tmp/show"
check "the case lists its answers" sh -c '[ "$(grep -c "^answer " "$0")" -eq 2 ]' "$tmp/show"
check "with the recommendation and intent" grep -q "decision 1 of Nationell lung-MDK, signed .*: targeted (palliative)" "$tmp/show"
sqlite3 "$a" "SELECT writefile('$tmp/stored.json', package) FROM referral_answer WHERE format = 'json'" >/dev/null
check "the answer is kept as received" cmp -s "$tmp/stored.json" "$tmp/ans.json"
check "receiving is in the audit log" sh -c \
	'sqlite3 "$0" "SELECT detail FROM audit WHERE action = '"'refer-answer'"'" | grep -q "referral answer attached: decision 1, json; sha256 $1"' \
	"$a" "$(sha256sum "$tmp/ans.json" | cut -d" " -f1)"
details=$(sqlite3 "$a" "SELECT detail FROM audit WHERE action LIKE 'refer-%'")
check "no identity number, name or free text in the audit details" sh -c \
	'! printf "%s\n" "$0" | grep -Eq "19560312|195603129809|Åström|Märta|osimertinib"' "$details"
check "verify holds with the answers sealed" "$TB" --db "$a" verify

# the case page (show and the screen's case view) shows the answers
"$TB" --db "$a" show $case >"$tmp/page"
check "show gives both answers with the referral" sh -c \
	'[ "$(grep -c "^Answer  *Nationell lung-MDK, decision 1 signed " "$0")" -eq 2 ]' "$tmp/page"
check "with the recommendation in the form's words and when it came" sh -c \
	'tr -s " \n" " " <"$0" | grep -q "Answer Nationell lung-MDK, decision 1 signed [0-9-]*: Targeted therapy .*(Palliative); received [0-9-]* Answer"' "$tmp/page"
printf ':\ntype case %s\nEnter\n' $case >"$tmp/keys"
LANG=C.UTF-8 XDG_CONFIG_HOME="$tmp/config" "$TB" --db "$a" --script "$tmp/keys" \
	--size 80x200 --dump "$tmp/screen" >/dev/null 2>&1
check "the case view shows both answers" sh -c \
	'[ "$(grep -c "^Answer  *Nationell lung-MDK, decision 1 signed " "$0")" -eq 2 ]' "$tmp/screen"
"$TB" --db "$b" show $case >"$tmp/page"
check "a case without answers shows none" lacks "$tmp/page" -q "^Answer "

n1=$(audit "$a" | wc -l)
"$TB" --db "$a" refer --receive "$tmp/ans.json" 2>"$tmp/err"
result "the same answer twice is refused (3)" $([ $? -eq 3 ]; echo $?)
check "and says it is attached already" grep -q "attached to case $case already" "$tmp/err"
sed "s/$case/SKA-LUNG-2099-9999/" "$tmp/ans.json" >"$tmp/other.json"
"$TB" --db "$a" refer --receive "$tmp/other.json" 2>"$tmp/err"
result "an answer for a case not here is not found (4)" $([ $? -eq 4 ]; echo $?)
check "the message names the file, line and element" grep -q "other.json:[0-9][0-9]*: ServiceRequest.identifier" "$tmp/err"
"$TB" --db "$a" export $case --format json --output "$tmp/plain.json"
"$TB" --db "$a" refer --receive "$tmp/plain.json" 2>"$tmp/err"
result "a Bundle that is no package is refused (3)" $([ $? -eq 3 ]; echo $?)
check "naming the line and Bundle.meta.tag" grep -q "plain.json:[0-9][0-9]*: Bundle.meta.tag" "$tmp/err"
# a package is about one case: a second ServiceRequest is refused at
# its line, not routed by the first
awk '/^    \{$/ { inE = 1; n = 0 }
	inE { buf[++n] = $0
		if ($0 ~ /^    \},?$/) { inE = 0; sr = 0
			for (i = 1; i <= n; i++) if (buf[i] ~ /"resourceType": "ServiceRequest"/) sr = 1
			if (sr) { for (i = 1; i < n; i++) print buf[i]; print "    }," }
			for (i = 1; i <= n; i++) print buf[i] }
		next }
	{ print }' "$tmp/ans.json" >"$tmp/two-sr.json"
check "the doubled package has two ServiceRequests" sh -c \
	'[ "$(grep -c "\"resourceType\": \"ServiceRequest\"" "$0")" -eq 2 ]' "$tmp/two-sr.json"
"$TB" --db "$a" refer --receive "$tmp/two-sr.json" 2>"$tmp/err"
result "a package with a second ServiceRequest is refused (3)" $([ $? -eq 3 ]; echo $?)
check "at the second one's line" grep -q "two-sr.json:[0-9][0-9]*: ServiceRequest: a second ServiceRequest: a package is about one case" "$tmp/err"
printf '{"resourceType": "Bundle", "entry": [' >"$tmp/broken.json"
"$TB" --db "$a" refer --receive "$tmp/broken.json" 2>"$tmp/err"
result "broken JSON is refused (3)" $([ $? -eq 3 ]; echo $?)
check "with the file named" grep -q "broken.json" "$tmp/err"
sed 's/"value": "SKA-LUNG-2026-0001"/"value": "SKA\\u001b[2J"/' "$tmp/ans.json" >"$tmp/ctrl.json"
"$TB" --db "$a" refer --receive "$tmp/ctrl.json" >"$tmp/out" 2>"$tmp/err"
result "a control character in a routing field is refused (3)" $([ $? -eq 3 ]; echo $?)
check "naming the line, the element and the code point" grep -q "ctrl.json:[0-9][0-9]*: ServiceRequest.identifier: .*U+001B" "$tmp/err"
check "and never printing it (standard output)" lacks "$tmp/out" -q "$(printf "\033")"
check "and never printing it (standard error)" lacks "$tmp/err" -q "$(printf "\033")"
printf '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<Bundle xmlns="http://hl7.org/fhir">&e;</Bundle>\n' >"$tmp/xxe.xml"
"$TB" --db "$a" refer --receive "$tmp/xxe.xml" 2>"$tmp/err"
result "an XML package with a DOCTYPE is refused (3)" $([ $? -eq 3 ]; echo $?)
"$TB" --db "$a" refer --receive "$tmp/none.json" 2>/dev/null
result "a missing package is a file error (5)" $([ $? -eq 5 ]; echo $?)
result "nothing was attached or recorded by them" $([ "$(audit "$a" | wc -l)" -eq "$n1" ]; echo $?)

# an answer altered behind the program's back is found
cp "$a" "$tmp/t.db"
sqlite3 "$tmp/t.db" "UPDATE referral_answer SET recommendation = 'surgery' WHERE id = 1"
"$TB" --db "$tmp/t.db" verify >"$tmp/out" 2>&1
result "verify finds an altered answer (8)" $([ $? -eq 8 ]; echo $?)
check "and names it" grep -q "referral answer 1" "$tmp/out"
finish

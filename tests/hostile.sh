#!/bin/sh
# Hostile case files (tests/hostile/ and generated ones: bad UTF-8, NUL,
# huge, many attributes, deep nesting, 20,000 findings in one case): each is refused
# with FILE:LINE (or FILE:) and a message, fast, reading nothing outside the
# file, and the database is exactly as before. Also the identity-conflict
# path of the command line (--patient-changed), and that the letter of a
# decision signed before a change of the patient's details stays as signed.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
hd="$TB_SRCDIR/tests/hostile"

tb_fixture "$db"
"$TB" --db "$db" import "$TB_EXAMPLES/lung-egfr-l858r.xml" >/dev/null 2>&1
result "a sample imports first" $?
sqlite3 "$db" .dump >"$tmp/before.sql"

# Generated: too big for the static set, or not text.
good="$TB_EXAMPLES/lung-egfr-l858r.xml"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<cases xmlns="urn:x-tumorboard:case:1">\n<case id="\377\376"/>\n</cases>\n' >"$tmp/bad-utf8.xml"
{ head -c 200 "$good"; printf '\000'; tail -c +201 "$good"; } >"$tmp/nul.xml"
truncate -s 65M "$tmp/huge.xml"
awk 'BEGIN { printf "<?xml version=\"1.0\"?>\n<cases xmlns=\"urn:x-tumorboard:case:1\"\n";
	for (i = 0; i < 200000; i++) printf " a%d=\"x\"", i; print ">"; print "</cases>" }' \
	>"$tmp/many-attributes.xml"
awk 'BEGIN { printf "<?xml version=\"1.0\"?>\n<cases xmlns=\"urn:x-tumorboard:case:1\">\n";
	for (i = 0; i < 100000; i++) printf "<a>"; print "" }' >"$tmp/deep-nesting.xml"
f=$(grep -m1 '<finding ' "$good")
awk -v f="$f" '{ print } /<finding / && !done { for (i = 0; i < 20000; i++) print f; done = 1 }' \
	"$good" >"$tmp/many-children.xml"

for f in "$hd"/*.xml "$tmp/bad-utf8.xml" "$tmp/nul.xml" "$tmp/huge.xml" \
	"$tmp/many-attributes.xml" "$tmp/deep-nesting.xml" "$tmp/many-children.xml"; do
	n=$(basename "$f" .xml)
	start=$(date +%s)
	timeout 20 "$TB" --db "$db" import "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	end=$(date +%s)
	result "$n: refused (exit 3)" $([ $rc -eq 3 ]; echo $?)
	check "$n: the error names the file and line" \
		grep -Eq "^$f(:[0-9]+)?: " "$tmp/err"
	result "$n: refused within 5 s" $([ $((end - start)) -le 5 ]; echo $?)
	check "$n: nothing read from /etc/passwd" lacks "$tmp/err" -q "root:"
	sqlite3 "$db" .dump >"$tmp/after.sql"
	check "$n: database unchanged" cmp -s "$tmp/before.sql" "$tmp/after.sql"
done

# The stray text after the last case made libxml2 read freed memory; under
# valgrind the import must be clean and name the right line.
# (The sample with one character before </cases>, as it was found.)
sed 's#^</cases>#x</cases>#' "$good" >"$tmp/stray.xml"
last=$(wc -l <"$tmp/stray.xml")
if [ "$TB_SANITIZERS" = yes ]; then
	# AddressSanitizer reports the invalid read itself (and exits 1).
	"$TB" --db "$db" import "$tmp/stray.xml" >/dev/null 2>"$tmp/err"
	result "stray text: no invalid read under AddressSanitizer" $([ $? -eq 3 ]; echo $?)
elif tap_need valgrind valgrind; then
	valgrind -q --error-exitcode=99 "$TB" --db "$db" import "$tmp/stray.xml" \
		>/dev/null 2>"$tmp/err"
	result "stray text: no invalid read under valgrind" $([ $? -eq 3 ]; echo $?)
else
	"$TB" --db "$db" import "$tmp/stray.xml" >/dev/null 2>"$tmp/err"
	result "stray text: no invalid read under valgrind # SKIP no valgrind" 0
fi
check "stray text: reported on its line" grep -q "stray.xml:$last: cases: text between cases" "$tmp/err"
"$TB" --db "$db" import "$hd/stray-text.xml" >/dev/null 2>"$tmp/err"
check "stray text (small file): reported on its line" grep -q "stray-text.xml:11: cases: text between cases" "$tmp/err"

# A decision signed for the patient before the details change: its letter
# must never change.
c=SKA-LUNG-2026-0001
"$TB" --db "$db" form open "$c" >/dev/null
for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
	operability=operable recommendation=lobectomy intent=curative \
	"rationale=Tumören är liten." guideline=follows trial-considered=no \
	"contact-nurse=Lena Holm" follow-up-date=+2w "findings="; do
	"$TB" --db "$db" form set "$c" "${kv%%=*}" "${kv#*=}" || echo "set $kv failed" | diag
done
"$TB" --db "$db" decision sign "$c" --attendee "A B:onkolog" >/dev/null
result "a decision is signed for the patient" $?
dec=$("$TB" --db "$db" decision list --case "$c" | awk '{ print $1 }')
"$TB" --db "$db" summary "$dec" >"$tmp/letter-before.txt" 2>/dev/null
check "its letter names the patient" grep -q "Märta Åström" "$tmp/letter-before.txt"
sqlite3 "$db" .dump >"$tmp/before.sql"

# The same identity number under another name: refused, masked, unless
# --patient-changed says the details changed.
sed -e 's/SKA-LUNG-2026-0001/OTHER-1/' -e 's/family="[^"]*"/family="Berg"/' \
	-e 's/given="[^"]*"/given="Karin"/' "$good" >"$tmp/renamed.xml"
"$TB" --db "$db" import "$tmp/renamed.xml" >/dev/null 2>"$tmp/err"
result "another name for a stored number is refused" $([ $? -eq 3 ]; echo $?)
check "the refusal names line, field and both names masked" \
	grep -Eq "renamed.xml:[0-9]+: patient/id: .*K\. B\*\*\*" "$tmp/err"
check "the refusal does not repeat the names" lacks "$tmp/err" -q "Berg"
sqlite3 "$db" .dump >"$tmp/after.sql"
check "database unchanged after the refusal" cmp -s "$tmp/before.sql" "$tmp/after.sql"
"$TB" --db "$db" import --patient-changed "$tmp/renamed.xml" >/dev/null 2>&1
result "--patient-changed accepts it" $?
check "the change is audited without values" sh -c \
	'[ "$(sqlite3 "$0" "SELECT detail FROM audit WHERE entity = '"'patient'"'")" = "details changed: family_name,given_name" ]' "$db"
"$TB" --db "$db" verify >/dev/null 2>&1
result "verify passes after the change" $?
"$TB" --db "$db" summary "$dec" >"$tmp/letter-after.txt" 2>/dev/null
check "the signed decision's letter is unchanged" cmp -s "$tmp/letter-before.txt" "$tmp/letter-after.txt"
check "the case itself shows the new name" sh -c '"$0" --db "$1" show OTHER-1 | grep -q "Berg"' "$TB" "$db"

finish

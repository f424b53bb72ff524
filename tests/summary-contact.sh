#!/bin/sh
# Whom the patient's letter tells to call (tumorboard(1), SUMMARY): a
# contact nurse who is a known user is asked for at her own unit (the
# referring unit's number when it is hers, else through 1177); a name
# that is no user is never paired with a unit, and the form's read-back
# says so. Notes for staff (the number missing, an interpreter, a name
# that is no user) go to the person printing, never on the letter, text
# or PDF.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_archive "$db" || exit 1
# the case's referring unit: Lungmedicin, SUS Lund, 046-17 10 00
c=SKA-LUNG-2026-0014
"$TB" --db "$db" user add lena.aberg --name "Lena Åberg" --title sjuksköterska \
	--role nurse --unit "Onkologiska kliniken, SUS Lund" >/dev/null || exit 1
"$TB" --db "$db" form open $c >/dev/null || exit 1
for kv in histology=adenocarcinoma "discussed=history imaging pathology molecular" \
	resectability=unresectable operability=not-assessed \
	recommendation=targeted intent=palliative \
	"rationale=Tumören har en förändring i RET-genen." \
	guideline=follows trial-considered=no \
	"contact-nurse=Lena Åberg" follow-up-date=+4w; do
	"$TB" --db "$db" form set $c "${kv%%=*}" "${kv#*=}" >/dev/null || exit 1
done
"$TB" --db "$db" form show $c >"$tmp/show" 2>&1
check "form show: a known user as contact nurse is not remarked on" \
	lacks "$tmp/show" -e "not a known user"
"$TB" --db "$db" decision sign $c --attendee "Karin Berg:onkolog" \
	--attendee "Ali Hassan:radiolog" >/dev/null 2>&1 || exit 1
dec=$("$TB" --db "$db" decision list --case $c | awk 'END { print $1 }')

letter() { # letter NAME [ARGS]: the Swedish letter, its stderr in NAME.err
	n=$1
	shift
	"$TB" --db "$db" summary "$dec" --lang sv --width 1000 "$@" \
		>"$tmp/$n" 2>"$tmp/$n.err"
}
no_staff_note() { # no_staff_note FILE: nothing meant for staff in it
	lacks "$1" -e "Till personalen" -e "For staff" -e "telefonnummer saknas" \
		-e "phone number is missing" -e "behöver tolk" -e "needs an interpreter"
}

# her unit is not the referring one: 1177, put through to hers
letter own
check "a known nurse of another unit: 1177 to her unit, ask for her" \
	grep -q "Ring 1177 och be att få komma till Onkologiska kliniken, SUS Lund. Fråga efter din kontaktsjuksköterska Lena Åberg." "$tmp/own"
check "and never the referring unit's number paired with her" \
	lacks "$tmp/own" -e "046-17 10 00"
check "the letter carries no note for staff" no_staff_note "$tmp/own"
check "the person printing is told the number is missing" \
	grep -q "for staff: the contact nurse's phone number is missing" "$tmp/own.err"
check "and not that she is unknown" lacks "$tmp/own.err" -e "not a known user"

# her unit is the referring one: its number, ask for her
"$TB" --db "$db" user edit lena.aberg --unit "Lungmedicin, SUS Lund" >/dev/null || exit 1
letter same
check "a known nurse of the referring unit: its number, ask for her" \
	grep -q "Ring Lungmedicin, SUS Lund på telefon 046-17 10 00. Fråga efter din kontaktsjuksköterska Lena Åberg." "$tmp/same"

# the English letter and the PDF carry no note for staff either
c_interp() { sqlite3 "$db" "UPDATE patient SET interpreter = $1 WHERE id = (SELECT patient_id FROM cases WHERE external_id = '$c')"; }
if command -v sqlite3 >/dev/null 2>&1 && c_interp 1 2>/dev/null; then
	letter interp
	check "an interpreter: the person printing is told" \
		grep -q "for staff: the patient needs an interpreter" "$tmp/interp.err"
	check "and the letter says nothing of it to staff" no_staff_note "$tmp/interp"
else
	tap_skip "the interpreter note" "the patient's interpreter could not be set"
fi
"$TB" --db "$db" summary "$dec" --lang en --width 1000 >"$tmp/en" 2>"$tmp/en.err"
check "the English letter carries no note for staff" no_staff_note "$tmp/en"
check "and the note is given in stderr" grep -q "for staff" "$tmp/en.err"
if tap_need pdftotext poppler-utils; then
	"$TB" --db "$db" summary "$dec" --lang sv --pdf "$tmp/sv.pdf" \
		>/dev/null 2>"$tmp/pdf.err"
	pdftotext "$tmp/sv.pdf" "$tmp/sv-pdf.txt"
	check "the PDF carries no note for staff" no_staff_note "$tmp/sv-pdf.txt"
	tr '\n' ' ' <"$tmp/sv-pdf.txt" | tr -s ' ' >"$tmp/sv-pdf.line"
	check "the PDF still says whom to call" grep -q "Fråga efter din kontaktsjuksköterska Lena Åberg" "$tmp/sv-pdf.line"
	check "the person writing the PDF is told" grep -q "for staff: the contact nurse's phone number is missing" "$tmp/pdf.err"
else
	tap_skip "the PDF has no note for staff" "pdftotext not installed"
fi

# a name that is no user: never paired with a unit
"$TB" --db "$db" decision amend "$dec" --reason "Ny kontaktsjuksköterska" >/dev/null 2>&1 || exit 1
"$TB" --db "$db" form set $c contact-nurse "Lena Okänd" >/dev/null || exit 1
"$TB" --db "$db" form show $c >"$tmp/show2" 2>&1
check "form show: a contact nurse who is no user is said to be unknown" \
	grep -q "Contact nurse 'Lena Okänd' is not a known user" "$tmp/show2"
"$TB" --db "$db" decision sign $c --attendee "Karin Berg:onkolog" \
	--attendee "Ali Hassan:radiolog" >/dev/null 2>&1 || exit 1
dec=$("$TB" --db "$db" decision list --case $c | awk 'END { print $1 }')
letter free
check "the referring unit's number, without her name" \
	grep -q "Ring Lungmedicin, SUS Lund på telefon 046-17 10 00.\$" "$tmp/free"
check "her name said apart, with whom to ask" \
	grep -q "Din kontaktsjuksköterska heter Lena Okänd. Fråga din läkare hur du når hen." "$tmp/free"
check "never 'ask for' her at a unit" lacks "$tmp/free" -e "Fråga efter din kontaktsjuksköterska"
check "the person printing is told she is no known user" \
	grep -q "for staff: the contact nurse 'Lena Okänd' is not a known user" "$tmp/free.err"
check "the letter carries no note for staff" no_staff_note "$tmp/free"

echo "1..$tap_n"
[ "$tap_failed" -eq 0 ]

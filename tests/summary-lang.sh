#!/bin/sh
# The language of the team's free text (text-lang): set on the draft with
# form set, kept when signed and amended; the patient letter marks free
# text only when it is not in the letter's language, and names the
# language it is in (text and PDF).
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_archive "$db" || exit 1
c=SKA-LUNG-2026-0014
"$TB" --db "$db" form open $c >/dev/null || exit 1
for kv in histology=adenocarcinoma "discussed=history imaging pathology molecular" \
	resectability=unresectable operability=not-assessed \
	recommendation=targeted intent=palliative \
	"rationale=The tumour has a change in the RET gene. Tablets that act on it often work well." \
	guideline=follows trial-considered=no \
	"alternatives=chemo-immunotherapy: Works less well with a change in RET." \
	"contact-nurse=Lena Holm" "contact-phone=046-17 10 00" follow-up-date=+4w; do
	"$TB" --db "$db" form set $c "${kv%%=*}" "${kv#*=}" >/dev/null || exit 1
done

# only the languages the letters can name
"$TB" --db "$db" form set $c text-lang fr >/dev/null 2>"$tmp/err"
result "text-lang fr is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and the message names the field and the languages" grep -q "text-lang: the team's free text is in one of: sv en" "$tmp/err"
check "text-lang en is taken" "$TB" --db "$db" form set $c text-lang en
"$TB" --db "$db" decision sign $c --attendee "Karin Berg:onkolog" \
	--attendee "Ali Hassan:radiolog" >/dev/null 2>&1 || exit 1
dec=$("$TB" --db "$db" decision list --case $c | awk 'END { print $1 }')

# the English letter: the team's English is not marked
"$TB" --db "$db" summary "$dec" --lang en --width 1000 >"$tmp/en" 2>/dev/null
check "the English letter has the English rationale" grep -q "^The tumour has a change in the RET gene" "$tmp/en"
check "and says nothing of Swedish" lacks "$tmp/en" -e "in Swedish" -e "not in your language"
check "and no note under the free text" lacks "$tmp/en" -F "(Written in"
# the caregivers read what was decided (the RET fusion the board tiered
# I-A), never the form's examples of a targeted therapy (EGFR, ALK or
# KRAS G12C)
sed -n '/^For other caregivers$/,$p' "$tmp/en" >"$tmp/en-cg"
check "the caregivers read a targeted therapy, and RET" grep -qx "Recommendation: Targeted therapy (RET)" "$tmp/en-cg"
check "and never the form's examples" lacks "$tmp/en-cg" -e EGFR -e "e\.g\."
# the Swedish letter: the English is marked, and named
"$TB" --db "$db" summary "$dec" --lang sv --width 1000 >"$tmp/sv" 2>/dev/null
check "the Swedish letter marks the English rationale" sh -c 'grep -A1 "^The tumour has a change in the RET gene" "$0" | grep -qx "(Skrivet på engelska av teamet.)"' "$tmp/sv"
check "and why not, too" sh -c 'grep -A1 "Works less well with a change in RET." "$0" | grep -q "(Skrivet på engelska av teamet.)"' "$tmp/sv"
check "and says at the top that part is in English" grep -q "Den delen står på engelska. Du kan få hjälp av en tolk." "$tmp/sv"
check "and never that it is in Swedish" lacks "$tmp/sv" -e "på svenska"
sed -n '/^Till andra vårdgivare$/,$p' "$tmp/sv" >"$tmp/sv-cg"
check "its caregivers read RET too" grep -qx "Rekommendation: Målriktad behandling (RET)" "$tmp/sv-cg"
check "and never the form's examples" lacks "$tmp/sv-cg" -e EGFR -e "t\.ex\."
# a Finnish letter: the forms' wording in Swedish, the free text in English
"$TB" --db "$db" summary "$dec" --lang fi --width 1000 >"$tmp/fi" 2>/dev/null
check "a Finnish letter names both: the wording in Swedish" grep -q "Se osa on ruotsiksi." "$tmp/fi"
check "and the free text in English" grep -q "Se osa on englanniksi." "$tmp/fi"
check "and marks the free text as English" grep -qx "(Tiimi on kirjoittanut tämän englanniksi.)" "$tmp/fi"

# the PDF says the same
if tap_need pdftotext poppler-utils; then
	"$TB" --db "$db" summary "$dec" --lang en --pdf "$tmp/en.pdf" >/dev/null 2>&1
	pdftotext "$tmp/en.pdf" "$tmp/en-pdf.txt"
	check "the English PDF has the rationale" grep -q "The tumour has a change in the RET gene" "$tmp/en-pdf.txt"
	check "and no note of Swedish" lacks "$tmp/en-pdf.txt" -e "in Swedish" -e "not in your language"
	"$TB" --db "$db" summary "$dec" --lang sv --pdf "$tmp/sv.pdf" >/dev/null 2>&1
	pdftotext "$tmp/sv.pdf" "$tmp/sv-pdf.txt"
	check "the Swedish PDF marks the English" grep -q "Skrivet på engelska av teamet" "$tmp/sv-pdf.txt"
	# the running header on two lines breaks between its parts, the
	# separator dropped there (pdf_header_lines)
	check "the letter runs to two pages" grep -q "$(printf '\f')" "$tmp/sv-pdf.txt"
	check "the header is on two lines" grep -q "^Ansvarig läkare " "$tmp/sv-pdf.txt"
	check "and no line of it ends with a ·" lacks "$tmp/sv-pdf.txt" "·$"
else
	tap_skip "the letters as PDF" "pdftotext not installed"
fi

# an amendment starts from the signed values, the language included
"$TB" --db "$db" decision amend "$dec" --reason "Nytt datum" >/dev/null 2>&1 || exit 1
"$TB" --db "$db" form set $c follow-up-date +6w >/dev/null || exit 1
"$TB" --db "$db" decision sign $c --attendee "Karin Berg:onkolog" \
	--attendee "Ali Hassan:radiolog" >/dev/null 2>&1 || exit 1
v2=$("$TB" --db "$db" decision list --case $c | awk 'END { print $1 }')
result "the amendment is a new decision" $([ "$v2" != "$dec" ]; echo $?)
"$TB" --db "$db" summary "$v2" --lang en --width 1000 >"$tmp/en2" 2>/dev/null
check "its English letter still says nothing of Swedish" lacks "$tmp/en2" -e "in Swedish" -e "not in your language"
# only the follow-up date changed: the letter says some details were
# updated, never that the advice changed
check "a new date only: details updated" grep -q "^The team has updated some details of the decision. This letter replaces" "$tmp/en2"
check "and the advice is the same" grep -q "The advice is the same as before." "$tmp/en2"
check "and never that the advice changed" lacks "$tmp/en2" -e "changed its advice" -e "the new advice"
"$TB" --db "$db" summary "$v2" --lang sv --width 1000 >"$tmp/sv2" 2>/dev/null
check "in Swedish too: some details" grep -q "^Teamet har ändrat några uppgifter i beslutet. Det här brevet ersätter" "$tmp/sv2"
check "and the list names the date" grep -q "^  • Din läkare hör av sig senast: " "$tmp/sv2"
check "and never its advice" lacks "$tmp/sv2" -e "ändrat sitt råd" -e "ändrade teamet för .* sitt råd" -e "det nya rådet"

# back to Swedish: the default, for a draft that says nothing
"$TB" --db "$db" decision amend "$v2" --reason "Svensk text" >/dev/null 2>&1 || exit 1
"$TB" --db "$db" form set $c rationale "Tumören har en förändring i genen RET." >/dev/null || exit 1
check "text-lang sv is taken" "$TB" --db "$db" form set $c text-lang sv
"$TB" --db "$db" decision sign $c --attendee "Karin Berg:onkolog" \
	--attendee "Ali Hassan:radiolog" >/dev/null 2>&1 || exit 1
v3=$("$TB" --db "$db" decision list --case $c | awk 'END { print $1 }')
"$TB" --db "$db" summary "$v3" --lang en --width 1000 >"$tmp/en3" 2>/dev/null
check "a Swedish rationale is marked in the English letter" sh -c 'grep -A1 "^Tumören har en förändring i genen RET." "$0" | grep -qx "(Written in Swedish by the team.)"' "$tmp/en3"
check "and the note says Swedish" grep -q "That part is in Swedish." "$tmp/en3"
# the rationale changed: the advice did
check "a new rationale: the team changed its advice" grep -q "^The team has changed its advice. This letter replaces" "$tmp/en3"
check "and not merely details" lacks "$tmp/en3" -e "updated some details"

echo "1..$tap_n"
[ "$tap_failed" -eq 0 ]

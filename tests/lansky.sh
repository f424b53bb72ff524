#!/bin/sh
# Performance status for a child: Lansky play-performance (0-100 in steps
# of 10) for a patient under 16 at the meeting date, ECOG for an adult.
# The case format and FHIR carry it both ways; the form offers the one
# that fits the patient and the command line refuses the other, saying
# why; the signed decision, the patient letter, the registry file and the
# brief's readiness show it, and the agenda's readiness asks for the one
# that fits.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/a.db"
tb_fixture "$db" || { echo "Bail out! users"; exit 1; }
tb() { TUMORBOARD_NOW=2026-12-01T08:00:00Z "$TB" --db "$db" "$@"; }
child=SLL-PED-2026-0007
adult=SKA-LUNG-2026-0001
teen=SKA-LUNG-2026-0916
# a synthetic teenager who turns 16 on 2026-12-10 (a lung case, for a
# lung meeting after that day)
sed -e 's/19560312-9809/20101210-2388/' -e "s/SKA-LUNG-2026-0001/$teen/" \
	-e '/<ecog /d' "$TB_EXAMPLES/lung-egfr-l858r.xml" >"$tmp/teen.xml"
tb import "$TB_EXAMPLES/peds-neuroblastoma-alk-wgs.xml" \
	"$TB_EXAMPLES/lung-egfr-l858r.xml" "$tmp/teen.xml" >/dev/null ||
	{ echo "Bail out! import"; exit 1; }

# --- the case format ---
tb show $child >"$tmp/show-child"
check "the case page shows the child's Lansky with its date" \
	grep -q '^Lansky  *70 (2026-11-10)$' "$tmp/show-child"
check "and no ECOG line said missing for her" lacks "$tmp/show-child" -e '^ECOG'
tb show $adult >"$tmp/show-adult"
check "an adult's case page shows ECOG as before" grep -q '^ECOG  *1 (2026-10-20)$' "$tmp/show-adult"
check "and no Lansky line" lacks "$tmp/show-adult" -e '^Lansky'
sed 's|<lansky date="2026-11-10">70</lansky>|<lansky date="2026-11-10">75</lansky>|' \
	"$TB_EXAMPLES/peds-neuroblastoma-alk-wgs.xml" >"$tmp/bad75.xml"
line=$(grep -n '<lansky' "$tmp/bad75.xml" | cut -d: -f1)
tb import "$tmp/bad75.xml" >/dev/null 2>"$tmp/err75"
result "Lansky 75 in a case file is refused (exit 3)" $(($? == 3 ? 0 : 1))
check "at its line, naming the field and the rule" \
	grep -q "bad75.xml:$line: lansky: Lansky must be a whole number 0–100 in steps of 10" "$tmp/err75"
check "and nothing of it is stored (the case keeps 70)" sh -c \
	'TUMORBOARD_NOW=2026-12-01T08:00:00Z "$0" --db "$1" show "$2" | grep -q "^Lansky  *70 "' "$TB" "$db" $child

# --- the form: the one that fits the patient ---
tb form open $child >/dev/null
tb form show $child >"$tmp/form-child"
check "a child's draft offers Lansky, pre-filled from the case" \
	grep -q -A1 '^  Performance status (Lansky)$' "$tmp/form-child"
check "pre-filled with 70" sh -c 'grep -A1 "^  Performance status (Lansky)$" "$0" | grep -q "^  *70$"' "$tmp/form-child"
check "and does not offer ECOG" lacks "$tmp/form-child" -e 'ECOG'
tb form set $child ecog 1 >/dev/null 2>"$tmp/err-ecog"
result "ECOG for a child is refused (exit 3)" $(($? == 3 ? 0 : 1))
check "naming why: her age at the meeting date, and the field to use" \
	grep -q "ecog: not for a child: the patient is 2 at the meeting date 2026-12-01 (under 16); give the performance status as Lansky play-performance (field lansky)" "$tmp/err-ecog"
tb form set $child lansky 75 >/dev/null 2>"$tmp/err-step"
result "Lansky 75 is refused" $(($? == 3 ? 0 : 1))
check "saying the steps" grep -q "lansky: give a number from 0 to 100 in steps of 10" "$tmp/err-step"
check "Lansky 110 is refused" sh -c '! TUMORBOARD_NOW=2026-12-01T08:00:00Z "$0" --db "$1" form set "$2" lansky 110 2>/dev/null' "$TB" "$db" $child
check "Lansky 60 is taken" tb form set $child lansky 60

tb form open $adult >/dev/null
tb form set $adult lansky 80 >/dev/null 2>"$tmp/err-adult"
result "Lansky for an adult is refused (exit 3)" $(($? == 3 ? 0 : 1))
check "naming why" grep -q "lansky: for children only: the patient is 70 at the meeting date 2026-12-01 (16 or over); give the performance status as ECOG (field ecog)" "$tmp/err-adult"
tb form show $adult >"$tmp/form-adult"
check "an adult's draft offers ECOG" sh -c 'grep -A1 "^  Performance status (ECOG/WHO)$" "$0" | grep -q "^  *1$"' "$tmp/form-adult"
check "and not Lansky" lacks "$tmp/form-adult" -e 'Lansky'

# the age that counts is the one at the meeting date: 15 today, 16 at
# the meeting the case is on
tb form open $teen >/dev/null
check "a 15-year-old not on any agenda: Lansky is taken" tb form set $teen lansky 90
tb form set $teen ecog 0 >/dev/null 2>"$tmp/err-teen"
result "and ECOG refused" $(($? == 3 ? 0 : 1))
check "at 15 on today's date" grep -q "the patient is 15 at the meeting date 2026-12-01" "$tmp/err-teen"
m=$(tb meeting add --date 2026-12-16 --start 09:00 --length 60 --board lung --level regional)
tb agenda "$m" add $teen >/dev/null || echo "# agenda add failed"
check "on the agenda of 2026-12-16, when he is 16: ECOG is taken" tb form set $teen ecog 0
tb form set $teen lansky 90 >/dev/null 2>"$tmp/err-teen2"
result "and Lansky refused" $(($? == 3 ? 0 : 1))
check "at 16 on the meeting's date" grep -q "the patient is 16 at the meeting date 2026-12-16" "$tmp/err-teen2"
tb form show $teen >"$tmp/form-teen"
check "his draft now asks for ECOG, not the Lansky he had" lacks "$tmp/form-teen" -e 'Lansky'
check "clearing a value not for the patient is allowed" tb form set $teen lansky ""

# --- signed: the decision, the letter, the registry ---
for kv in recommendation=systemic intent=curative \
	"rationale=Behandlingen kan bota sjukdomen." guideline=follows \
	trial-considered=no "contact-nurse=Lena Holm" follow-up-date=+2w; do
	tb form set $child "${kv%%=*}" "${kv#*=}" >/dev/null
done
check "the child's decision is signed" tb decision sign $child --attendee "Karin Berg:onkolog"
id=$(tb decision list --case $child | awk 'NR == 1 { print $1 }')
tb decision show "$id" >"$tmp/decision"
check "the decision's text holds Lansky 60" sh -c 'grep -A1 "^  Performance status (Lansky)$" "$0" | grep -q "^  *60$"' "$tmp/decision"
check "and no ECOG" lacks "$tmp/decision" -e 'ECOG'
tb summary "$id" --lang en >"$tmp/letter-en" 2>/dev/null
check "the letter says it in plain words (English)" \
	sh -c 'grep -A1 "^How much your child can play and be active, from 0 to 100 (100 is as usual)$" "$0" | grep -q "^60$"' "$tmp/letter-en"
tb summary "$id" --lang sv >"$tmp/letter-sv" 2>/dev/null
check "and in Swedish" \
	sh -c 'grep -A1 "^Hur mycket ditt barn orkar leka och vara aktivt, från 0 till 100 (100 är som vanligt)$" "$0" | grep -q "^60$"' "$tmp/letter-sv"
tb registry "$id" >"$tmp/registry"
check "the registry file gives lansky 60" grep -qx 'lansky;60;Lansky' "$tmp/registry"
check "and no ecog" lacks "$tmp/registry" -e '^ecog;'

# --- FHIR: an Observation with NCI Thesaurus C38144 (mCODE's Lansky) ---
tb export $child --format json --output "$tmp/child.json" >/dev/null
check "the case Bundle holds the Lansky Observation" \
	sh -c 'tr -d " \n" <"$0" | grep -q "\"code\":\"C38144\"}\],\"text\":\"LanskyPlay-PerformanceStatus\"},\"subject\":{[^}]*},\"effectiveDateTime\":\"2026-11-10\",\"valueInteger\":70"' "$tmp/child.json"
tb export $child --format xml --output "$tmp/child.xml" >/dev/null
check "in XML too" grep -q 'C38144' "$tmp/child.xml"
db2="$tmp/b.db"
tb_fixture "$db2" || { echo "Bail out! users"; exit 1; }
for f in json xml; do
	"$TB" --db "$db2" import "$tmp/child.$f" >"$tmp/imp-$f" 2>&1
	result "the $f Bundle imports" $?
	"$TB" --db "$db2" show $child >"$tmp/show2-$f"
	check "and the case holds Lansky 70 with its date ($f)" grep -q '^Lansky  *70 (2026-11-10)$' "$tmp/show2-$f"
	check "not listed as not mapped ($f)" lacks "$tmp/imp-$f" -e 'C38144' -e 'Lansky'
done
sed 's/"valueInteger": 70/"valueInteger": 75/' "$tmp/child.json" >"$tmp/bad75.json"
line=$(grep -n '"valueInteger": 75' "$tmp/bad75.json" | cut -d: -f1)
"$TB" --db "$db2" import "$tmp/bad75.json" >/dev/null 2>"$tmp/errj"
result "a FHIR Lansky of 75 is refused" $(($? == 3 ? 0 : 1))
check "at its line" grep -q "bad75.json:$line: Observation.valueInteger: Lansky must be a whole number 0–100 in steps of 10 (lansky)" "$tmp/errj"

# --- the brief: readiness of a board that needs the performance status ---
# (lung): the teenager is a child today, so his Lansky is what counts
tb support $teen >"$tmp/brief-teen-today" 2>&1
check "the brief asks for the Lansky of a child (lung board, today)" \
	grep -q 'missing: Performance status (Lansky)' "$tmp/brief-teen-today"
tb support $adult >"$tmp/brief-adult" 2>&1
check "and for the ECOG of an adult, stated" lacks "$tmp/brief-adult" -e 'missing: Performance status'

# --- the agenda's readiness on a board that asks for the performance
# status (lung), as of the meeting date: a child's Lansky is it, her ECOG
# does not stand in for it, and an adult's Lansky does not stand in for
# his ECOG. Lung cases with current imaging: a girl of 11 with Lansky, a
# girl of 15 with ECOG, an adult with Lansky, an adult with ECOG.
lungcase() { # ID PNR ELEMENT
	sed -e "s/19560312-9809/$2/" -e "s/SKA-LUNG-2026-0001/$1/" \
		-e '/<ecog /d' -e 's/imaging date="2026-10-19"/imaging date="2026-11-20"/' \
		-e "s|<tnm |$3\n    <tnm |" "$TB_EXAMPLES/lung-egfr-l858r.xml" >"$tmp/$1.xml"
}
lungcase SKA-LUNG-2026-0921 20150305-2381 '<lansky date="2026-11-20">80</lansky>'
lungcase SKA-LUNG-2026-0922 20110421-2392 '<ecog date="2026-11-20">1</ecog>'
lungcase SKA-LUNG-2026-0923 19560312-9809 '<lansky date="2026-11-20">80</lansky>'
lungcase SKA-LUNG-2026-0924 19560312-9809 '<ecog date="2026-11-20">1</ecog>'
for k in 1 2 3 4; do
	check "lung case 092$k is written as meant" grep -q -e '<lansky ' -e '<ecog ' "$tmp/SKA-LUNG-2026-092$k.xml"
done
tb import "$tmp"/SKA-LUNG-2026-092?.xml >/dev/null || echo "# import of the lung cases failed"
m2=$(tb meeting add --date 2026-12-03 --start 09:00 --length 60 --board lung --level regional)
tb agenda "$m2" add SKA-LUNG-2026-0921 SKA-LUNG-2026-0922 SKA-LUNG-2026-0923 \
	SKA-LUNG-2026-0924 >/dev/null || echo "# agenda add failed"
tb agenda "$m2" --check >"$tmp/agenda-check"
result "agenda --check exits 3 while cases are not ready" $(($? == 3 ? 0 : 1))
check "a child with Lansky is ready" grep -q 'SKA-LUNG-2026-0921 .* ready$' "$tmp/agenda-check"
check "a child with ECOG alone is not" grep -q 'SKA-LUNG-2026-0922 .* 1 missing$' "$tmp/agenda-check"
check "she lacks Lansky" sh -c 'grep -A1 "SKA-LUNG-2026-0922 " "$0" | grep -q "missing: Performance status (Lansky): Lansky not stated"' "$tmp/agenda-check"
check "an adult with Lansky alone is not ready" grep -q 'SKA-LUNG-2026-0923 .* 1 missing\( *TRIAL\)\?$' "$tmp/agenda-check"
check "he lacks ECOG" sh -c 'grep -A1 "SKA-LUNG-2026-0923 " "$0" | grep -q "missing: Performance status (ECOG): ECOG not stated"' "$tmp/agenda-check"
check "an adult with ECOG is ready" grep -q 'SKA-LUNG-2026-0924 .* ready\( *TRIAL\)\?$' "$tmp/agenda-check"
check "2 of 4 ready" grep -qx '2 of 4 ready' "$tmp/agenda-check"
tb meetings >"$tmp/meetings"
check "the meetings list counts the same" grep -q "^$m2 .* 4 cases, 2 ready" "$tmp/meetings"
finish

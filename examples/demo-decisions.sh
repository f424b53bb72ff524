#!/bin/sh
# Signs demo decisions through the same commands a board uses, so the
# demo database holds a past meeting run with attendance, signed
# decisions and one amendment.
# usage: demo-decisions.sh TUMORBOARD DATABASE
set -eu
tb=$1
db=$2
run() { "$tb" --db "$db" "$@" >/dev/null; }
set_all() {
	case_id=$1
	shift
	for kv in "$@"; do
		run form set "$case_id" "${kv%%=*}" "${kv#*=}"
	done
}
# A past lung meeting, run from the start to the end: attendance (the
# board is quorate), one decision signed at it.
past=$("$tb" --db "$db" meeting add --date 2026-11-19 --start 14:00 --length 60 \
	--board lung --level regional --location "Konferensrum Onkologen, SUS Lund" \
	--chair "Karin Berg")
# the meeting is recorded after the fact: started first, since a case
# is not moved onto a meeting still planned past its time (not held)
run meeting start "$past"
# the case waits on the next lung meeting's agenda (demo-meetings.sh): a
# case is on one agenda at a time, so it is moved to this one
# (found by its date and time: the board's name is shown in the
# interface's language)
next=$("$tb" --db "$db" meetings | awk '$2 == "2026-11-26" && $3 == "14:00" { print $1 }')
run agenda "$next" transfer SKA-LUNG-2026-0001 "$past" --reason "diskuteras tidigare"
for a in "Karin Berg:onkolog" "Johan Lindqvist:lungmedicinare" \
	"Sara Nyberg:thoraxkirurg" "Ali Hassan:radiolog" "Maria Ek:patolog" \
	"Lena Holm:kontaktsjuksköterska"; do
	run meeting attend "$past" "${a%%:*}" "${a#*:}"
done

# Lung, EGFR L858R, stage IVA: targeted therapy
c=SKA-LUNG-2026-0001
run form open $c
set_all $c histology=adenocarcinoma "discussed=history imaging pathology molecular" \
	resectability=unresectable operability=not-assessed \
	"findings=EGFR c.2573T>G p.Leu858Arg | I-A | EGFR-hämmare, ESCAT (Mosele 2020)
TP53 c.743G>A p.Arg248Gln | X | ingen riktad behandling" \
	recommendation=targeted intent=palliative \
	"rationale=Tumören har en förändring i genen EGFR. Tabletter som verkar mot den brukar fungera bra." \
	guideline=follows trial-considered=no \
	"alternatives=chemo-immunotherapy: Fungerar sämre vid förändringar i EGFR." \
	"contact-nurse=Lena Holm" "contact-phone=046-17 10 00" follow-up-date=+4w
run decision sign $c --meeting "$past"
run meeting finish "$past"

# Colon, stage IIA, MSI-high with a suspected Lynch syndrome: surgery and a
# referral to cancer genetics; amended when the patient asked to wait
c=SKA-CRC-2026-0118
run form open $c
set_all $c site=colon liver-metastases=none \
	"discussed=history imaging pathology molecular" \
	mmr=dmmr lynch-suspicion=yes \
	"findings=MSI MSI-H | I-A | immunterapi vid spridd sjukdom (ESCAT, Mosele 2020)" \
	recommendation=surgery intent=curative \
	"rationale=Tumören sitter bara i tarmen. En operation kan bota sjukdomen." \
	guideline=follows trial-considered=no genetics-referral=yes relatives=yes \
	"contact-nurse=Eva Lind" "contact-phone=040-33 10 00" follow-up-date=+3w
run decision sign $c --attendee "Karin Berg:onkolog" \
	--attendee "Elin Bergström:kolorektalkirurg" --attendee "Ali Hassan:radiolog" \
	--attendee "Maria Ek:patolog" --attendee "Eva Lind:kontaktsjuksköterska"
first=$("$tb" --db "$db" decision list --case $c | awk 'NR == 1 { print $1 }')
run decision amend "$first" \
	--reason "Patienten vill vänta med operationen tills svaret från den genetiska utredningen kommit"
set_all $c follow-up-date=+6w
run decision sign $c --attendee "Karin Berg:onkolog" \
	--attendee "Elin Bergström:kolorektalkirurg" --attendee "Maria Ek:patolog" \
	--attendee "Eva Lind:kontaktsjuksköterska" \
	--quorum-override "Radiologen hade förhinder; bilderna var granskade i förväg"

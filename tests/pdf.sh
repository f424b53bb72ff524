#!/bin/sh
# The PDF writer seen from outside with poppler-utils: page count, A4,
# metadata, embedded fonts, the text with å/ä/ö and a footer on every page.
. "$TB_SRCDIR/tests/tap.sh"
missing=""
for tool in pdfinfo pdftotext pdffonts; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
	diag "missing:$missing — install poppler-utils (tools/bootstrap does)"
	result "poppler-utils installed" 1
	finish
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pdf="$tmp/sammanfattning.pdf"

"$TB_PDFDEMO" "$pdf" 2>"$tmp/err"
result "the sample document is written" $?
[ -s "$tmp/err" ] && diag "$(cat "$tmp/err")"
pdfinfo -isodates "$pdf" >"$tmp/info" 2>&1
result "pdfinfo reads it" $?
pages=$(sed -n 's/^Pages: *//p' "$tmp/info")
# Three pages with DejaVu Sans at 12 pt (fonts-dejavu-core).
result "three pages (got ${pages:-none})" $([ "$pages" = 3 ]; echo $?)
check "pages are A4" grep -q '^Page size: *595.276 x 841.89 pts (A4)' "$tmp/info"
check "title in the metadata" grep -q '^Title: *Sammanfattning för Åsa Testsson$' "$tmp/info"
check "creator is tumorboard" grep -q '^Creator: *tumorboard$' "$tmp/info"
check "creation date is TUMORBOARD_NOW" grep -q '^CreationDate: *2026-11-23T09:00:00' "$tmp/info"

pdffonts "$pdf" >"$tmp/fonts" 2>&1
check "DejaVu Sans is embedded" sh -c 'grep DejaVuSans "$0" | grep -q " yes "' "$tmp/fonts"

pdftotext -enc UTF-8 "$pdf" "$tmp/all.txt"
result "pdftotext reads it" $?
check "title with å" grep -q 'Sammanfattning för Åsa Testsson' "$tmp/all.txt"
check "headings" sh -c 'grep -q "^Om din sjukdom$" "$0" && grep -q "^Nästa steg$" "$0"' "$tmp/all.txt"
check "text with å, ä and ö" grep -q 'Du har träffat läkare på mottagningen för lungsjukdomar' "$tmp/all.txt"
check "table row" grep -q 'p.Leu858Arg' "$tmp/all.txt"
check "warning" grep -q 'Forskningsresultat: används inte ensamt' "$tmp/all.txt"
ok=0
i=1
while [ -n "$pages" ] && [ "$i" -le "$pages" ]; do
	pdftotext -enc UTF-8 -f "$i" -l "$i" "$pdf" "$tmp/p$i.txt"
	grep -q "Sida $i av $pages" "$tmp/p$i.txt" || { diag "no footer on page $i"; ok=1; }
	grep -q "TEST-2026-0001 · fiktivt exempel" "$tmp/p$i.txt" || { diag "no footer text on page $i"; ok=1; }
	i=$((i + 1))
done
result "footer \"Sida N av $pages\" on every page" $ok
# A heading is never the last line of a page.
ok=0
i=1
while [ -n "$pages" ] && [ "$i" -lt "$pages" ]; do
	last=$(grep -v -e '^$' -e 'Sida ' -e 'TEST-2026-0001' "$tmp/p$i.txt" | tail -n 1)
	case $last in
	"Om din sjukdom" | "Vad proverna visar" | "Förslag till behandling" | \
		Biverkningar | "Kontakt och frågor" | "Nästa steg")
		diag "page $i ends with the heading $last"
		ok=1
		;;
	esac
	i=$((i + 1))
done
result "no page ends with a heading" $ok

"$TB_PDFDEMO" "$tmp/big.pdf" 18 && "$TB_PDFDEMO" "$tmp/small.pdf" 8
result "font sizes 18 and 8 are written" $?
big=$(pdfinfo "$tmp/big.pdf" | sed -n 's/^Pages: *//p')
small=$(pdfinfo "$tmp/small.pdf" | sed -n 's/^Pages: *//p')
result "18 pt takes more pages ($big)" $([ "${big:-0}" -gt "${pages:-0}" ]; echo $?)
result "8 pt is raised to 12 ($small pages)" $([ "$small" = "$pages" ]; echo $?)

"$TB_PDFDEMO" "$tmp/no/such/dir/x.pdf" 2>"$tmp/err"
result "an unwritable path fails" $([ $? -eq 1 ]; echo $?)
check "the message names the file" grep -q "$tmp/no/such/dir/x.pdf" "$tmp/err"

# The agenda PDF as the page reads: the meeting first (title and date,
# then its line), the column headings, the cases, the count, and the
# board's turnaround only after the agenda. A running meeting of two
# ready cases, one decided at it: that one reads "decided", and the
# count says so rather than calling it missing.
db="$tmp/tb.db"
tb() { "$TB" --db "$db" "$@"; }
tb_fixture "$db" || exit 1
tb import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
m=$(tb meeting add --date 2026-11-23 --start 08:30 --length 60 --board lung \
	--level regional --location "Rum 1" --chair "Karin Berg")
tb agenda "$m" add UPP-LUNG-2026-0033 >/dev/null || exit 1
tb agenda "$m" add VGR-LUNG-2026-0012 >/dev/null || exit 1
tb meeting start "$m" >/dev/null || exit 1
tb meeting attend "$m" "Eva Lind" onkolog >/dev/null || exit 1
tb form open UPP-LUNG-2026-0033 --form general >/dev/null || exit 1
for kv in "discussed=history" recommendation=surgery intent=curative \
	"rationale=Stabil sjukdom." guideline=follows trial-considered=no \
	"contact-nurse=Lena Holm" follow-up-date=+4w; do
	tb form set UPP-LUNG-2026-0033 "${kv%%=*}" "${kv#*=}" >/dev/null || exit 1
done
tb decision sign UPP-LUNG-2026-0033 --meeting "$m" --quorum-override "Test" >/dev/null || exit 1
tb agenda "$m" --pdf "$tmp/agenda.pdf" >/dev/null 2>"$tmp/err"
result "the agenda PDF is written" $?
pdftotext -enc UTF-8 -layout "$tmp/agenda.pdf" - | grep -v "^ *$" >"$tmp/agenda.txt"
check "its first line is the title with the meeting's date and start" \
	grep -q "^ *Agenda 2026-11-23 08:30 — Lung cancer$" "$tmp/agenda.txt" -m1
check "  (first, before anything else)" \
	sh -c 'head -n 1 "$0" | grep -q "Agenda 2026-11-23 08:30"' "$tmp/agenda.txt"
check "then the meeting's line, then the column headings" \
	sh -c 'sed -n 2p "$0" | grep -q "^ *Meeting [0-9]*, regional MDK" && sed -n 3p "$0" | grep -q "^ *# *Time *Slot *Case *ICD-10 *Readiness$"' "$tmp/agenda.txt"
# the masked identity number stands under a heading that names it, at
# the same x (within a point), never only under ICD-10's
pdftotext -bbox "$tmp/agenda.pdf" "$tmp/agenda.html"
x() { # WORD: the x where the first word WORD starts, or nothing
	sed -n "s/.*<word xMin=\"\([0-9.]*\)\".*>$1<\/word>.*/\1/p" "$tmp/agenda.html" | head -n 1
}
ih=$(x Identity)
pnr=$(x "19530319-\*\*\*\*")
result "the identity number is under its own heading (heading at x ${ih:-none}, number at ${pnr:-none})" \
	$(awk -v a="$ih" -v b="$pnr" 'BEGIN { d = a - b; exit !(a != "" && b != "" && d < 1 && d > -1) }'; echo $?)
check "the case decided here reads decided, in the readiness column" \
	grep -q "UPP-LUNG-2026-0033 *C34.1 *decided$" "$tmp/agenda.txt"
check "  and the count says so, not missing" grep -q "^ *1 of 2 ready, 1 decided$" "$tmp/agenda.txt"
check "  nor does standard error call a case not ready" lacks "$tmp/err" "ready"
check "the turnaround comes after the agenda" \
	sh -c 'c=$(grep -n "1 of 2 ready" "$0" | cut -d: -f1); t=$(grep -n "^ *Turnaround:" "$0" | cut -d: -f1); [ -n "$c" ] && [ -n "$t" ] && [ "$t" -gt "$c" ]' "$tmp/agenda.txt"
# A case that a trial of the registry may fit carries the agenda
# screen's mark on paper too (T before its position, TRIAL after its
# readiness), and the page says what the mark means; a case no trial
# fits is not marked. In English and Swedish.
t=$(tb meeting add --date 2026-11-24 --start 13:00 --length 60 --board lung \
	--level regional)
tb agenda "$t" add SKA-LUNG-2026-0001 >/dev/null || exit 1
tb agenda "$t" add OST-LUNG-2026-0004 >/dev/null || exit 1
for lang in en sv; do
	mark=TRIAL
	[ $lang = sv ] && mark=STUDIE
	LANGUAGE=$lang tb agenda "$t" --pdf "$tmp/trial-$lang.pdf" >/dev/null 2>&1
	pdftotext -enc UTF-8 -layout "$tmp/trial-$lang.pdf" - >"$tmp/trial-$lang.txt"
	check "agenda PDF ($lang): the case a trial may fit is marked $mark" \
		grep -q "^ *T1 .*SKA-LUNG-2026-0001 .* $mark\$" "$tmp/trial-$lang.txt"
	check "agenda PDF ($lang): the case no trial fits is not" \
		sh -c 'grep -q "^ *2 .*OST-LUNG-2026-0004" "$0" && ! grep "OST-LUNG-2026-0004" "$0" | grep -q "$1"' \
		"$tmp/trial-$lang.txt" "$mark"
	check "agenda PDF ($lang): the mark explained below the agenda" \
		grep -q "^ *T, $mark: " "$tmp/trial-$lang.txt"
done
finish

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
finish

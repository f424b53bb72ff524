#!/bin/sh
# Counts in both languages (#18): where a number counts something the
# program asks ngettext for the words, and po/sv.po gives the Swedish
# forms (its Plural-Forms: nplurals=2; plural=(n != 1)). Shown here with
# one and with several, in English and in Swedish, on the command line
# (log's count of the entries it lists: 1 entry, 3 entries; 1 post,
# 3 poster; the meetings' cases ready, 1 klart, 3 klara; an import's
# new cases, 1 nytt; a finished meeting's report and minutes, 1
# uppskjutet, 1 ej diskuterat, 2 flyttade vidare) and on the screen (the running meeting's title short of one
# core role or of six: 1 core role, 6 core roles; 1 kärnroll, 6
# kärnroller; the nurse's batch of summaries stopped by the printer,
# 0 of 1 summary, 1 of 2 summaries; 0 av 1 sammanfattning utskriven).
# An import's dry run (1 nytt, 3 nya, 1 uppdaterat) and migrate's line
# of what it copied too. A count written with _() (one form for every number), a
# Swedish entry with the wrong form or a wrong Plural-Forms fails here.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
tb_fixture "$tmp/base.db" || exit 1
"$TB" --db "$tmp/base.db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
c=SKA-LUNG-2026-0001

# The command line: log --case counts the entries it lists (not its own
# listing, which it records after). Each run from its own copy.
cp "$tmp/base.db" "$tmp/one.db"
"$TB" --db "$tmp/one.db" show $c >/dev/null || exit 1
cp "$tmp/one.db" "$tmp/three.db"
"$TB" --db "$tmp/three.db" show $c >/dev/null || exit 1
"$TB" --db "$tmp/three.db" show $c >/dev/null || exit 1
for lang in en sv; do
	for n in one three; do
		cp "$tmp/$n.db" "$tmp/run.db"
		LANGUAGE=$lang "$TB" --db "$tmp/run.db" log --case $c \
			>"$tmp/log-$lang-$n" 2>&1
		result "log --case in $lang ($n entry)" $?
	done
done
last() { tail -n 1 "$1"; }
check "en: 1 entry" test "$(last "$tmp/log-en-one")" = "1 entry"
check "en: 3 entries" test "$(last "$tmp/log-en-three")" = "3 entries"
check "sv: 1 post" test "$(last "$tmp/log-sv-one")" = "1 post"
check "sv: 3 poster" test "$(last "$tmp/log-sv-three")" = "3 poster"

# The screen: meeting 1 running, its agenda drawn at every width from 60
# to 130 columns: where the missing core roles are too many to name, the
# title counts them.
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$tmp/base.db" >/dev/null || exit 1
cp "$tmp/base.db" "$tmp/meet.db" # the demo meetings, none started
"$TB" --db "$tmp/base.db" meeting start 1 >/dev/null 2>&1 || exit 1
cp "$tmp/base.db" "$tmp/six.db" # nobody there: six core roles missing
cp "$tmp/base.db" "$tmp/one.db"
for a in "Karin Berg:onkolog" "Johan Lindqvist:lungmedicinare" \
	"Sara Nyberg:thoraxkirurg" "Ali Hassan:radiolog" "Maria Ek:patolog"; do
	"$TB" --db "$tmp/one.db" meeting attend 1 "${a%%:*}" "${a#*:}" \
		>/dev/null || exit 1
done # all but the contact nurse
{
	echo "m Enter"
	w=60
	while [ $w -le 130 ]; do
		echo "resize:${w}x24 dump"
		w=$((w + 1))
	done
} >"$tmp/widths.keys"
for lang in en sv; do
	for n in one six; do
		cp "$tmp/$n.db" "$tmp/run.db"
		LANG=C.UTF-8 LANGUAGE=$lang "$TB" --db "$tmp/run.db" \
			--script "$tmp/widths.keys" --dump "$tmp/title-$lang-$n" \
			>"$tmp/out" 2>&1
		result "the running meeting drawn in $lang ($n missing)" $?
		k=$(grep -c '^--- screen ' "$tmp/title-$lang-$n")
		result "  at 71 widths ($k screens)" $([ "$k" -ge 71 ]; echo $?)
	done
done
# the title, the line after each screen's header
titles() { awk '/^--- screen /{getline; print}' "$1"; }
for f in en-one en-six sv-one sv-six; do
	titles "$tmp/title-$f" >"$tmp/titles-$f"
done
# (in English the one role's name is shorter than the count: the title
# names it wherever the count would fit)
check "en: 1 core role missing" grep -q '(1 core role missing)$\|NOT QUORATE: no contact nurse$' "$tmp/titles-en-one"
check "en: 6 core roles missing" grep -q '(6 core roles missing)$' "$tmp/titles-en-six"
check "sv: 1 kärnroll saknas" grep -q '(1 kärnroll saknas)$' "$tmp/titles-sv-one"
check "sv: 6 kärnroller saknas" grep -q '(6 kärnroller saknas)$' "$tmp/titles-sv-six"
check "en: never 1 core roles" lacks "$tmp/titles-en-one" -q 'core roles missing'
check "en: never 6 core role" lacks "$tmp/titles-en-six" -q 'core role missing'
check "sv: never 1 kärnroller" lacks "$tmp/titles-sv-one" -q 'kärnroller saknas'
check "sv: never 6 kärnroll" lacks "$tmp/titles-sv-six" -q 'kärnroll saknas'
# The meetings list: the breast meeting with two cases, one of them
# ready; the colorectal meeting with four, three ready.
cp "$tmp/meet.db" "$tmp/run.db"
for c in UPP-BREAST-2026-0150 VGR-BREAST-2026-0101; do
	"$TB" --db "$tmp/run.db" agenda 4 add $c >/dev/null || exit 1
done
for lang in en sv; do
	LANGUAGE=$lang "$TB" --db "$tmp/run.db" meetings >"$tmp/meetings-$lang" 2>&1
	result "meetings in $lang" $?
done
check "en: 2 cases, 1 ready" grep -q '^4 .* 2 cases, 1 ready ' "$tmp/meetings-en"
check "en: 4 cases, 3 ready" grep -q '^2 .* 4 cases, 3 ready ' "$tmp/meetings-en"
check "sv: 2 fall, 1 klart" grep -q '^4 .* 2 fall, 1 klart ' "$tmp/meetings-sv"
check "sv: 4 fall, 3 klara" grep -q '^2 .* 4 fall, 3 klara ' "$tmp/meetings-sv"

# An import of one case: 1 new; 1 nytt.
for lang in en sv; do
	tb_fixture "$tmp/import-$lang.db" || exit 1
	LANGUAGE=$lang "$TB" --db "$tmp/import-$lang.db" import \
		"$TB_EXAMPLES/lung-egfr-l858r.xml" >"$tmp/import-$lang" 2>&1
	result "import of one case in $lang" $?
done
check "en: 1 new, 0 updated, 0 unchanged" \
	grep -q ': 1 new, 0 updated, 0 unchanged$' "$tmp/import-en"
check "sv: 1 nytt, 0 uppdaterade, 0 oförändrade" \
	grep -q ': 1 nytt, 0 uppdaterade, 0 oförändrade$' "$tmp/import-sv"

# The colorectal meeting finished with one case deferred, one listed
# but not discussed and two not reached: the report's last count line
# and the minutes' (each language from its own copy).
cp "$tmp/meet.db" "$tmp/fin.db"
"$TB" --db "$tmp/fin.db" meeting add --date 2026-12-11 --start 08:00 \
	--length 45 --board colorectal --level regional >/dev/null || exit 1
"$TB" --db "$tmp/fin.db" meeting start 2 >/dev/null 2>&1 || exit 1
"$TB" --db "$tmp/fin.db" agenda 2 defer JKP-CRC-2026-0031 \
	--reason "Ny DT inväntas" >/dev/null || exit 1
"$TB" --db "$tmp/fin.db" agenda 2 not-discussed SLL-CRC-2026-0212 \
	--reason "Standardbehandling" >/dev/null || exit 1
for lang in en sv; do
	cp "$tmp/fin.db" "$tmp/run.db"
	LANGUAGE=$lang "$TB" --db "$tmp/run.db" meeting finish 2 \
		>"$tmp/finish-$lang" 2>&1
	result "meeting finish in $lang" $?
	LANGUAGE=$lang "$TB" --db "$tmp/run.db" meeting minutes 2 \
		>"$tmp/minutes-$lang" 2>&1
	result "meeting minutes in $lang" $?
done
# the finish report's counts: the minutes' words, then what moved (wrapped)
check "en: the finish report's counts" sh -c 'tr "\n" " " <"$0" | grep -q "$1"' \
	"$tmp/finish-en" \
	'4 cases: 0 decided, 0 discussed without a decision, 1 deferred, 1 not discussed, 2 not reached, 2 moved on, 0 not moved'
check "sv: the finish report's counts" sh -c 'tr "\n" " " <"$0" | grep -q "$1"' \
	"$tmp/finish-sv" \
	'4 fall: 0 beslutade, 0 diskuterade utan beslut, 1 uppskjutet, 1 ej diskuterat, 2 hanns ej med, 2 flyttade vidare, 0 kvar'
check "en: the minutes' counts" grep -qx \
	'4 cases: 0 decided, 0 discussed without a decision, 1 deferred, 1 not discussed, 2 not reached' \
	"$tmp/minutes-en"
check "sv: the minutes' counts" grep -qx \
	'4 fall: 0 beslutade, 0 diskuterade utan beslut, 1 uppskjutet, 1 ej diskuterat, 2 hanns ej med' \
	"$tmp/minutes-sv"

# verify counts the access log: a case read once, and three times.
cp "$tmp/meet.db" "$tmp/acc-one.db"
"$TB" --db "$tmp/acc-one.db" show $c >/dev/null || exit 1
cp "$tmp/acc-one.db" "$tmp/acc-three.db"
"$TB" --db "$tmp/acc-three.db" show $c >/dev/null || exit 1
"$TB" --db "$tmp/acc-three.db" show $c >/dev/null || exit 1
for lang in en sv; do
	for n in one three; do
		cp "$tmp/acc-$n.db" "$tmp/run.db"
		LANGUAGE=$lang "$TB" --db "$tmp/run.db" verify \
			>"$tmp/verify-$lang-$n" 2>&1
		result "verify in $lang ($n access)" $?
	done
done
check "en: 1 access log entry checked" grep -qx '1 access log entry checked' "$tmp/verify-en-one"
check "sv: 1 post i åtkomstloggen kontrollerad" grep -qx '1 post i åtkomstloggen kontrollerad' "$tmp/verify-sv-one"
check "sv: 3 poster i åtkomstloggen kontrollerade" grep -qx '3 poster i åtkomstloggen kontrollerade' "$tmp/verify-sv-three"
# kb show: the built-in knowledge base (many entries and sources) and a
# user's of one entry citing one source.
printf '<kb xmlns="urn:x-tumorboard:kb:1" version="local-1" reviewed="2026-11-01" reviewer="Test"><source id="s">S.</source><entry id="e"><gene>EGFR</gene><alteration kind="variant" protein="p.L858R"/><tumour icd10="C34">NSCLC</tumour><tier system="ESCAT">II-B</tier><cite source="s"/></entry></kb>' >"$tmp/kb-one.xml"
XDG_CONFIG_HOME="$tmp/kbconf" "$TB" --db "$tmp/base.db" kb import "$tmp/kb-one.xml" >/dev/null 2>&1
result "a knowledge base of one entry is installed" $?
LANGUAGE=sv "$TB" --db "$tmp/base.db" kb show >"$tmp/kb-sv-many" 2>/dev/null
XDG_CONFIG_HOME="$tmp/kbconf" LANGUAGE=sv "$TB" --db "$tmp/base.db" kb show >"$tmp/kb-sv-one" 2>/dev/null
check "sv: kb show's N poster, M källor" grep -Eq '^kunskapsbas .*, [0-9]+ poster, [0-9]+ källor$' "$tmp/kb-sv-many"
check "sv: kb show's 1 post, 1 källa" grep -q '^kunskapsbas local-1 (.*), 1 post, 1 källa$' "$tmp/kb-sv-one"
# the breast meeting's agenda checked: 1 of 2 ready; the colorectal
# meeting's: 3 of 4.
cp "$tmp/meet.db" "$tmp/run.db"
for c in UPP-BREAST-2026-0150 VGR-BREAST-2026-0101; do
	"$TB" --db "$tmp/run.db" agenda 4 add $c >/dev/null || exit 1
done
LANGUAGE=sv "$TB" --db "$tmp/run.db" agenda 4 --check >"$tmp/check-sv-one" 2>&1
LANGUAGE=sv "$TB" --db "$tmp/run.db" agenda 2 --check >"$tmp/check-sv-three" 2>&1
check "sv: 1 av 2 klart" grep -qx '1 av 2 klart' "$tmp/check-sv-one"
check "sv: 3 av 4 klara" grep -qx '3 av 4 klara' "$tmp/check-sv-three"

# An import's dry run: one new case, three new (a batch of three) and
# one updated (the case imported, then its hospital changed).
tb_fixture "$tmp/dry.db" || exit 1
"$TB" --db "$tmp/dry.db" import "$TB_EXAMPLES/lung-egfr-l858r.xml" >/dev/null || exit 1
sed 's/Skånes universitetssjukhus, Lund/Skånes universitetssjukhus, Malmö/' \
	"$TB_EXAMPLES/lung-egfr-l858r.xml" >"$tmp/changed.xml"
result "the changed case differs from the imported one" \
	$(cmp -s "$tmp/changed.xml" "$TB_EXAMPLES/lung-egfr-l858r.xml" && echo 1 || echo 0)
for lang in en sv; do
	tb_fixture "$tmp/dry-$lang.db" || exit 1
	for f in lung-egfr-l858r batch-uppsala-akademiska; do
		LANGUAGE=$lang "$TB" --db "$tmp/dry-$lang.db" import --dry-run \
			"$TB_EXAMPLES/$f.xml" >>"$tmp/dry-$lang" 2>&1
		result "a dry run of $f in $lang" $?
	done
	LANGUAGE=$lang "$TB" --db "$tmp/dry.db" import --dry-run \
		"$tmp/changed.xml" >>"$tmp/dry-$lang" 2>&1
	result "a dry run of the changed case in $lang" $?
done
check "en: would import 1 new, 0 updated" grep -q \
	'lung-egfr-l858r.xml: would import 1 new, 0 updated (dry run: nothing written)$' "$tmp/dry-en"
check "en: would import 3 new, 0 updated" grep -q \
	'batch-uppsala-akademiska.xml: would import 3 new, 0 updated (dry run: nothing written)$' "$tmp/dry-en"
check "en: would import 0 new, 1 updated" grep -q \
	'changed.xml: would import 0 new, 1 updated (dry run: nothing written)$' "$tmp/dry-en"
check "sv: skulle importera 1 nytt, 0 uppdaterade" grep -q \
	'lung-egfr-l858r.xml: skulle importera 1 nytt, 0 uppdaterade (provkörning: inget skrivet)$' "$tmp/dry-sv"
check "sv: skulle importera 3 nya, 0 uppdaterade" grep -q \
	'batch-uppsala-akademiska.xml: skulle importera 3 nya, 0 uppdaterade (provkörning: inget skrivet)$' "$tmp/dry-sv"
check "sv: skulle importera 0 nya, 1 uppdaterat" grep -q \
	'changed.xml: skulle importera 0 nya, 1 uppdaterat (provkörning: inget skrivet)$' "$tmp/dry-sv"

# The nurse's batch of a finished meeting's patient summaries (p on the
# meeting's agenda) stopped by the printer: the past lung meeting of
# the demo (one decision signed at it), everything refused (0 of 1);
# the next lung meeting with two signed at it, the first printed and
# the second refused (1 of 2).
cp "$tmp/meet.db" "$tmp/sum.db"
sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$tmp/sum.db" >/dev/null || exit 1
cp "$tmp/sum.db" "$tmp/sum-one.db"
run2() { "$TB" --db "$tmp/sum.db" "$@" >/dev/null; }
run2 meeting start 1 2>/dev/null || exit 1
for a in "Karin Berg:onkolog" "Johan Lindqvist:lungmedicinare" \
	"Sara Nyberg:thoraxkirurg" "Ali Hassan:radiolog" "Maria Ek:patolog" \
	"Lena Holm:kontaktsjuksköterska"; do
	run2 meeting attend 1 "${a%%:*}" "${a#*:}" || exit 1
done
for c in HAL-LUNG-2026-0017 VGR-LUNG-2026-0019; do
	run2 form open $c || exit 1
	for kv in histology=adenocarcinoma "discussed=history imaging pathology" \
		resectability=unresectable operability=not-assessed \
		recommendation=chemo-immunotherapy intent=palliative \
		"rationale=Behandlingen ges för att bromsa sjukdomen." \
		guideline=follows trial-considered=no "contact-nurse=Lena Holm" \
		"contact-phone=046-17 10 00" follow-up-date=+4w; do
		run2 form set $c "${kv%%=*}" "${kv#*=}" || exit 1
	done
	run2 decision sign $c --meeting 1 || exit 1
done
run2 meeting finish 1 || exit 1
cp "$tmp/sum.db" "$tmp/sum-two.db"
mkdir "$tmp/bin"
# lp: takes the first job of a run, refuses every one after it
printf '#!/bin/sh\n[ -e "%s/lp.once" ] && { echo "lp: stopped" >&2; exit 1; }\n: >"%s/lp.once"\n' \
	"$tmp" "$tmp" >"$tmp/bin/lp"
chmod +x "$tmp/bin/lp"
for lang in en sv; do
	for n in one two; do
		cp "$tmp/sum-$n.db" "$tmp/run.db"
		# the meetings by date: the past one first, the next one second
		case $n in
		one) : >"$tmp/lp.once" ;;
		two) rm -f "$tmp/lp.once" ;;
		esac
		{
			# (the list opens on the next one: Home, the first)
			printf 'm\nHome\n'
			[ $n = two ] && echo Down
			printf 'Enter\np\ndump\n'
		} >"$tmp/print.keys"
		PATH="$tmp/bin:$PATH" LANGUAGE=$lang "$TB" --db "$tmp/run.db" \
			--script "$tmp/print.keys" --size 120x30 \
			--dump "$tmp/print-$lang-$n" >/dev/null 2>&1 </dev/null
		result "the summaries printed in $lang ($n signed)" $?
	done
done
check "en: 0 of 1 summary printed" grep -q '^ 0 of 1 summary printed; stopped: ' "$tmp/print-en-one"
check "en: 1 of 2 summaries printed" grep -q '^ 1 of 2 summaries printed; stopped: ' "$tmp/print-en-two"
check "sv: 0 av 1 sammanfattning utskriven" grep -q '^ 0 av 1 sammanfattning utskriven; avbrutet: ' "$tmp/print-sv-one"
check "sv: 1 av 2 sammanfattningar utskrivna" grep -q '^ 1 av 2 sammanfattningar utskrivna; avbrutet: ' "$tmp/print-sv-two"

# migrate's line of what it copied: many rows of many tables on the
# command line; its one row and one table only the catalogue can show
# (an archive never holds so few).
for lang in en sv; do
	LANGUAGE=$lang "$TB" migrate --from "$tmp/base.db" \
		--to "$tmp/migrated-$lang.db" >"$tmp/migrate-$lang" 2>&1
	result "migrate in $lang" $?
done
check "en: copied N rows of 33 tables" grep -Eq \
	'^copied [0-9]+ rows of 33 tables into a new archive$' "$tmp/migrate-en"
check "sv: kopierade N rader i 33 tabeller" grep -Eq \
	'^kopierade [0-9]+ rader i 33 tabeller till ett nytt arkiv$' "$tmp/migrate-sv"
sv() { TEXTDOMAINDIR=$TUMORBOARD_LOCALEDIR LANGUAGE=sv ngettext -d tumorboard "$@"; }
check "sv: kopierade 1 rad" test "$(sv 'copied %lld row' 'copied %lld rows' 1)" = 'kopierade %lld rad'
check "sv: i 1 tabell" test "$(sv ' of %lld table' ' of %lld tables' 1)" = ' i %lld tabell'
check "sv: i 2 tabeller" test "$(sv ' of %lld table' ' of %lld tables' 2)" = ' i %lld tabeller'
finish

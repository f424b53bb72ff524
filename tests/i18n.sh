#!/bin/sh
# Translations (GNU gettext, po/): every message for people is marked,
# po/sv.po translates every marked message (nothing untranslated or fuzzy),
# and the program speaks Swedish when asked and English otherwise — from
# LANGUAGE, LANG (also a Swedish locale this machine has not installed),
# TUMORBOARD_LANGUAGE or the user's language file.
#
# Unmarked strings: xgettext reads every string of the sources (-a), every
# marked one, and every string literal given to a function that shows
# text (ui_say, prompts, textdoc, diag_add, printf and the like). A string
# that looks like words for people (two words or more; one word is enough
# when it is given to such a function), that is not SQL, and that occurs
# in a file more often than it is marked there, fails the test unless
# the source says why it stays as it is: a comment
# /* untranslated: REASON */ just before the string (machine output,
# audit details, SQL, the Swedish record, ...).
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$TB_SRCDIR
po=$src/po
LC_ALL=C.UTF-8
export LC_ALL

for t in xgettext msgmerge msgfmt; do
	check "$t is installed (Debian: gettext)" command -v $t
done

# The sources xgettext reads: every C file we write (not the generated
# byte arrays) and the action table.
files=$(cd "$src" && ls src/*.c include/*.h | grep -v -E '^src/(schema|data)_')
result "the source list is read" $([ "$(echo "$files" | wc -w)" -ge 40 ]; echo $?)

# Every source file with marked strings is in po/POTFILES.in.
missing=""
for f in $files; do
	grep -q -E '(^|[^A-Za-z0-9_])(N?C?_|ngettext|pgettext)\(' "$src/$f" || continue
	grep -qx "$f" "$po/POTFILES.in" || missing="$missing $f"
done
result "every file with marked strings is in po/POTFILES.in" $([ -z "$missing" ]; echo $?)
[ -z "$missing" ] || diag "not in po/POTFILES.in:$missing"

# xgettext's options for the marked strings, as po/Makevars gives them.
xopts=$(sed -n '/^XGETTEXT_OPTIONS/,/[^\\]$/p' "$po/Makevars" |
	sed 's/^XGETTEXT_OPTIONS *= *//; s/\\$//' | tr '\n' ' ')
# Functions that put text in front of a person, with the argument that
# holds it: a string literal there (also in a ?: or a concatenation) is
# unmarked, whatever it says (one word too); _("...") there is not seen.
outputs="--keyword=ui_say:2 --keyword=ui_prompt_line:2 --keyword=ui_prompt_checked:2
	--keyword=textdoc_put:3 --keyword=textdoc_printf:3 --keyword=textdoc_wrap:4
	--keyword=textdoc_wrap_on:4 --keyword=diag_add:5 --keyword=fprintf:2
	--keyword=printf:1 --keyword=fputs:1 --keyword=puts:1
	--keyword=term_put_text:4 --keyword=view_draw_title:2"

# Occurrences "string<TAB>file:line", one escaped message per line
# (context\004message), as xgettext reads them: all = every string (-a),
# marked = the marked ones, output = the literals given to the functions
# above.
occurrences() {
	mode=$1
	shift
	opts="--from-code=UTF-8 --no-wrap --language=C -o -"
	case $mode in
	all) opts="$opts -a --add-comments=untranslated:" ;;
	marked) opts="$opts $xopts" ;;
	output) opts="$opts -k $outputs --add-comments=untranslated:" ;;
	esac
	# shellcheck disable=SC2086
	(cd "$src" && xgettext $opts --add-location=full "$@" 2>/dev/null) | awk '
	# a string the source says stays untranslated (and why) is left out
	/^#\. untranslated:/{ exempt = 1; next }
	/^#: /{ for (i = 2; i <= NF; i++) locs = locs " " $i; next }
	/^msgctxt /{ctx=substr($0,9); next}
	/^msgid /{cur=substr($0,7); inid=1; next}
	/^msgid_plural /{inid=0; pl=substr($0,14); inpl=1; next}
	/^msgstr/{ if (cur != "\"\"" && !exempt) {
			n = split(locs, L, " ")
			for (i = 1; i <= n; i++) {
				print (ctx != "" ? ctx "\\004" cur : cur) "\t" L[i]
				# a plural, a context and the message of a
				# context are marked strings too
				if (pl != "") print pl "\t" L[i]
				# a plural the same in both English forms
				# (", %d deferred") is two strings of the
				# file all the same: counted twice (its own
				# line number with a 0 after it, the same file)
				if (pl != "" && pl == cur) print pl "\t" L[i] "0"
				if (ctx != "") { print ctx "\t" L[i]; print cur "\t" L[i] }
			}
		}
		cur="\"\""; ctx=""; pl=""; inid=0; inpl=0; locs=""; exempt=0; next}
	/^"/{ if (inid) cur=substr(cur,1,length(cur)-1) substr($0,2)
		else if (inpl) pl=substr(pl,1,length(pl)-1) substr($0,2); next}' |
		LC_ALL=C sort -u
}
# The strings of the first list that occur in a file more often than the
# second list has them there: "marked in one file" does not cover the
# same words left bare in another (a plural's second string may sit on
# the next line, so files are compared, not lines).
more_often() {
	# (FILENAME, not NR == FNR: the second list may be empty)
	awk -F '\t' 'FILENAME == ARGV[1] { sub(/:[0-9]+$/, "", $2); seen[$1 "\t" $2]++; next }
	{ f = $2; sub(/:[0-9]+$/, "", f); k = $1 "\t" f
	  if (seen[k] > 0) seen[k]--; else print $1 }' "$2" "$1" | LC_ALL=C sort -u
}
# Words for people: letters left once format directives, escapes, the
# program's and commands' names and SQL are taken out.
for_people() {
	grep -v -E '(^"|[^A-Za-z_])(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|JOIN|ORDER BY|GROUP BY|LIMIT|CREATE|PRAGMA|VALUES|HAVING|MATCH|EXISTS|AND|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|ALTER TABLE|DROP TABLE|DROP TRIGGER|DROP INDEX|SET|DEALLOCATE|GRANT|REVOKE|PRIMARY KEY|DOUBLE PRECISION|GENERATED|WITHOUT ROWID|THEN|ELSE)([^A-Za-z_]|$)' |
		awk '{ s = $0
		gsub(/%[-+ #0-9.*]*(hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp%]/, "", s)
		gsub(/\\[ntr"\\]/, " ", s)
		gsub(/tumorboard( [a-z]+)*:/, "", s)
		if (s ~ /[A-Za-z][A-Za-z]/) print }'
}
# shellcheck disable=SC2086
occurrences all $files >"$tmp/occ-all"
# marked: what the catalogue is made from (po/POTFILES.in); a file that
# marks strings must be listed there (checked above)
potfiles=$(grep -v '^#' "$po/POTFILES.in")
# shellcheck disable=SC2086
occurrences marked $potfiles >"$tmp/occ-marked"
# shellcheck disable=SC2086
occurrences output $files >"$tmp/occ-output"
cut -f1 "$tmp/occ-marked" | LC_ALL=C sort -u >"$tmp/marked"
result "xgettext reads the strings" $([ "$(wc -l <"$tmp/occ-all")" -ge 1000 ]; echo $?)
result "xgettext reads the marked strings" $([ "$(wc -l <"$tmp/marked")" -ge 10 ]; echo $?)
result "xgettext reads the strings given to output functions" $([ "$(wc -l <"$tmp/occ-output")" -ge 10 ]; echo $?)
# two words or more anywhere; any word given to an output function
{
	more_often "$tmp/occ-all" "$tmp/occ-marked" | for_people |
		grep -E '[A-Za-z]{2,}[ ,;:]+[A-Za-z%]'
	more_often "$tmp/occ-output" "$tmp/occ-marked" | for_people
} | LC_ALL=C sort -u >"$tmp/unmarked"

result "no unmarked string for people" $([ ! -s "$tmp/unmarked" ]; echo $?)
[ -s "$tmp/unmarked" ] && {
	diag "mark these with _() (N_() in tables) and translate them in po/sv.po,"
	diag "or, when they are not for people, say so where they are:"
	diag "/* untranslated: REASON */ just before the string:"
	head -40 "$tmp/unmarked" | diag
}
# every such comment gives its reason
(cd "$src" && grep -n -o 'untranslated:[^*]*\*/' $files) |
	grep -E 'untranslated: *\*/' >"$tmp/noreason"
result "every /* untranslated: */ gives a reason" $([ ! -s "$tmp/noreason" ]; echo $?)
[ -s "$tmp/noreason" ] && diag <"$tmp/noreason"
n=$(cd "$src" && cat $files | grep -o 'untranslated: [^*]*\*/' | wc -l)
diag "$(wc -l <"$tmp/marked") strings marked, $n left untranslated on purpose"

# The test above catches a new unmarked string: one added to a copy of a
# source file shows up, the same string marked does not, a single word
# given to ui_say shows up, and a string marked in one file does not
# cover it left bare in another.
mkdir -p "$tmp/probe/src"
probe() {
	(
		src="$tmp/probe"
		occurrences all src/a.c src/b.c >"$tmp/probe-all"
		occurrences marked src/a.c src/b.c >"$tmp/probe-marked"
		occurrences output src/a.c src/b.c >"$tmp/probe-output"
		{
			more_often "$tmp/probe-all" "$tmp/probe-marked" | for_people |
				grep -E '[A-Za-z]{2,}[ ,;:]+[A-Za-z%]'
			more_often "$tmp/probe-output" "$tmp/probe-marked" | for_people
		} | LC_ALL=C sort -u
	)
}
printf 'static const char *a(void)\n{\n\treturn "a new message for people";\n}\n' >"$tmp/probe/src/a.c"
printf 'void b(struct ui *ui)\n{\n\tui_say(ui, "%%d cases", 2);\n\tui_say(ui, "SELECT id FROM cases");\n}\n' >"$tmp/probe/src/b.c"
probe >"$tmp/probe-out"
check "an unmarked probe string is seen as unmarked" grep -qx '"a new message for people"' "$tmp/probe-out"
check "SQL is not taken for words" lacks "$tmp/probe-out" -q SELECT
printf 'static const char *a(void)\n{\n\treturn _("a new message for people");\n}\n' >"$tmp/probe/src/a.c"
probe >"$tmp/probe-out"
check "the same string marked is seen as marked" lacks "$tmp/probe-out" -q "a new message"
printf 'void b(struct ui *ui, int n)\n{\n\tui_say(ui, n ? "core" : _("other"));\n\tui_say(ui, pgettext("ctx", "none"));\n}\n' >"$tmp/probe/src/b.c"
probe >"$tmp/probe-out"
check "a single word given to ui_say is seen as unmarked" grep -qx '"core"' "$tmp/probe-out"
check "and the marked ones beside it are not" lacks "$tmp/probe-out" -q -e other -e none
printf 'static const char *b(void)\n{\n\treturn "a new message for people";\n}\n' >"$tmp/probe/src/b.c"
probe >"$tmp/probe-out"
check "a string marked in one file and bare in another is seen" grep -qx '"a new message for people"' "$tmp/probe-out"
printf 'void b(struct ui *ui)\n{\n\tui_say(ui, /* untranslated: a test */ "an audit detail here");\n\tui_say(ui, "left bare here");\n}\n' >"$tmp/probe/src/b.c"
probe >"$tmp/probe-out"
check "a string that says why it stays untranslated is not seen" lacks "$tmp/probe-out" -q "an audit detail"
check "and one beside it without the comment is" grep -qx '"left bare here"' "$tmp/probe-out"
check "po/unmarked.list is gone (the reasons are in the sources)" test ! -e "$po/unmarked.list"

# po/sv.po against a template made from the sources now: every message
# translated, none fuzzy, and msgfmt's format checks pass.
# shellcheck disable=SC2046
(cd "$src" && xgettext -o "$tmp/tb.pot" $(sed -n '/^XGETTEXT_OPTIONS/,/[^\\]$/p' "$po/Makevars" |
	sed 's/^XGETTEXT_OPTIONS *= *//; s/\\$//' | tr '\n' ' ') $potfiles 2>/dev/null)
result "xgettext writes the template" $?
msgmerge -q --no-wrap -o "$tmp/sv.po" "$po/sv.po" "$tmp/tb.pot" 2>"$tmp/err"
result "sv.po merges with the template" $?
msgfmt -c --statistics -o "$tmp/sv.mo" "$tmp/sv.po" >"$tmp/stats" 2>&1
result "msgfmt -c accepts sv.po" $?
diag <"$tmp/stats"
check "sv.po translates every message (none untranslated)" lacks "$tmp/stats" -q untranslated
check "sv.po has no fuzzy message" lacks "$tmp/stats" -q fuzzy
check "sv.po translates at least one message" grep -q "translated message" "$tmp/stats"
check "sv.po in the tree has no fuzzy entry" lacks "$po/sv.po" -q "^#,.*fuzzy"

# The program in Swedish and in English.
unset LANG LC_MESSAGES LANGUAGE TUMORBOARD_LANGUAGE
LANGUAGE=sv "$TB" bogus 2>"$tmp/err"
result "Swedish: an unknown command exits 2" $([ $? -eq 2 ]; echo $?)
check "Swedish: LANGUAGE=sv says it in Swedish" grep -qx "tumorboard: okänt kommando 'bogus'; se tumorboard --help" "$tmp/err"
LANGUAGE=en "$TB" bogus 2>"$tmp/err"
check "English: LANGUAGE=en says it in English" grep -qx "tumorboard: unknown command 'bogus'; see tumorboard --help" "$tmp/err"
"$TB" bogus 2>"$tmp/err"
check "English is the fallback when nothing names a language" grep -qx "tumorboard: unknown command 'bogus'; see tumorboard --help" "$tmp/err"
LANGUAGE=fi "$TB" bogus 2>"$tmp/err"
check "English is the fallback for a language without a catalogue" grep -qx "tumorboard: unknown command 'bogus'; see tumorboard --help" "$tmp/err"
env -u LC_ALL LANG=sv_SE.UTF-8 "$TB" bogus 2>"$tmp/err"
check "LANG=sv_SE.UTF-8 speaks Swedish (also where that locale is not installed)" grep -q "okänt kommando" "$tmp/err"
env -u LC_ALL LC_MESSAGES=sv_SE.UTF-8 "$TB" bogus 2>"$tmp/err"
check "LC_MESSAGES=sv_SE.UTF-8 speaks Swedish" grep -q "okänt kommando" "$tmp/err"
env -u LC_ALL LANG=sv_SE.UTF-8 TUMORBOARD_LANGUAGE=en "$TB" bogus 2>"$tmp/err"
check "TUMORBOARD_LANGUAGE=en overrides a Swedish locale" grep -q "unknown command" "$tmp/err"
LANGUAGE=en TUMORBOARD_LANGUAGE=sv "$TB" bogus 2>"$tmp/err"
check "TUMORBOARD_LANGUAGE=sv overrides LANGUAGE=en" grep -q "okänt kommando" "$tmp/err"
mkdir -p "$tmp/config/tumorboard"
echo sv >"$tmp/config/tumorboard/language"
XDG_CONFIG_HOME=$tmp/config LANGUAGE=en "$TB" bogus 2>"$tmp/err"
check "the language file (sv) overrides LANGUAGE" grep -q "okänt kommando" "$tmp/err"
XDG_CONFIG_HOME=$tmp/config TUMORBOARD_LANGUAGE=en "$TB" bogus 2>"$tmp/err"
check "TUMORBOARD_LANGUAGE overrides the language file" grep -q "unknown command" "$tmp/err"
echo "../../etc" >"$tmp/config/tumorboard/language"
XDG_CONFIG_HOME=$tmp/config LANGUAGE=en "$TB" bogus 2>"$tmp/err"
check "a bad language file is reported as file:line: field: message" grep -qx "$tmp/config/tumorboard/language:1: language: not a language name (e.g. sv or en); ignored" "$tmp/err"
check "and the command still answers" grep -q "unknown command" "$tmp/err"
TUMORBOARD_LANGUAGE='x/y' "$TB" bogus 2>"$tmp/err"
check "a bad TUMORBOARD_LANGUAGE is reported" grep -q "TUMORBOARD_LANGUAGE is not a language name" "$tmp/err"

# --help in Swedish: translated, and every line fits 80 columns.
LANGUAGE=sv "$TB" --help >"$tmp/help-sv"
check "Swedish --help" grep -q "^användning: tumorboard" "$tmp/help-sv"
w=$(wc -L <"$tmp/help-sv")
result "Swedish --help fits 80 columns (widest: $w)" $([ "$w" -le 80 ]; echo $?)
LANGUAGE=en "$TB" --help >"$tmp/help-en"
check "English --help" grep -q "^usage: tumorboard" "$tmp/help-en"
w=$(wc -L <"$tmp/help-en")
result "English --help fits 80 columns (widest: $w)" $([ "$w" -le 80 ]; echo $?)
# the command names stay as they are typed
for c in import cases show meetings agenda verify summary report backup; do
	check "Swedish --help names the command $c as typed" grep -Eq "^  $c( |$)" "$tmp/help-sv"
done
# The command line in Swedish on a real case: headings translated, decimals
# with a comma for people; the same case in English keeps the point.
db="$tmp/tb.db"
tb_fixture "$db"
sed 's/recist-sum="29"/recist-sum="29.5"/' \
	"$TB_EXAMPLES/breast-brca1-germline.xml" >"$tmp/case.xml"
"$TB" --db "$db" import "$tmp/case.xml" >/dev/null 2>&1
result "the test case imports" $?
LANGUAGE=sv "$TB" --db "$db" show SLL-BREAST-2026-0088 >"$tmp/show-sv" 2>&1
check "Swedish show: the tabs' headings" grep -q "^MOLEKYLÄRA FYND" "$tmp/show-sv"
check "Swedish show: the question heading" grep -q "^FRÅGA TILL KONFERENSEN" "$tmp/show-sv"
check "Swedish show: a RECIST sum with a decimal comma" grep -q "RECIST-summa 29,5 mm" "$tmp/show-sv"
check "Swedish show: no English heading left" lacks "$tmp/show-sv" -q -E "^(MOLECULAR FINDINGS|IMAGING|PATHOLOGY|QUESTION TO THE BOARD)"
check "Swedish show: patient data as it was imported" grep -q "SLL-BREAST-2026-0088" "$tmp/show-sv"
LANGUAGE=en "$TB" --db "$db" show SLL-BREAST-2026-0088 >"$tmp/show-en" 2>&1
check "English show: the point" grep -qF "RECIST sum 29.5 mm" "$tmp/show-en"
check "English show: no Swedish heading" lacks "$tmp/show-en" -q -E "MOLEKYLÄRA|FRÅGA TILL"
# the codes of a finding in the reader's words: origin and classification
# (the germline BRCA1 case), never the file's code words
check "Swedish show: a germline finding's origin in Swedish" grep -Eq "^  BRCA1 .* konstitutionell( +|$)" "$tmp/show-sv"
check "Swedish show: its classification in Swedish" grep -q " · patogen · NM_007294.4" "$tmp/show-sv"
check "Swedish show: no origin or classification code" lacks "$tmp/show-sv" -q -E "^  [A-Z0-9]+ .* (germline|somatic) |· (pathogenic|likely-pathogenic|vus) ·"
check "English show: the origin" grep -Eq "^  BRCA1 .* germline( +|$)" "$tmp/show-en"
check "English show: the classification" grep -q " · pathogenic · NM_007294.4" "$tmp/show-en"
# decimals a finding carries: copies and TMB with a comma in Swedish, the
# point in English (and in the export)
"$TB" --db "$db" import "$TB_EXAMPLES/breast-her2-amplified.xml" "$TB_EXAMPLES/crc-msi-lynch.xml" >/dev/null 2>&1
result "the cases with copies and TMB import" $?
LANGUAGE=sv "$TB" --db "$db" show VGR-BREAST-2026-0101 >"$tmp/her2-sv" 2>&1
LANGUAGE=en "$TB" --db "$db" show VGR-BREAST-2026-0101 >"$tmp/her2-en" 2>&1
check "Swedish show: copies with a decimal comma, in Swedish" grep -q "amplifiering, 9,8 kopior" "$tmp/her2-sv"
check "English show: copies with the point" grep -q "amplification, 9.8 copies" "$tmp/her2-en"
LANGUAGE=sv "$TB" --db "$db" show SKA-CRC-2026-0118 >"$tmp/tmb-sv" 2>&1
LANGUAGE=en "$TB" --db "$db" show SKA-CRC-2026-0118 >"$tmp/tmb-en" 2>&1
check "Swedish show: TMB with a decimal comma" grep -q "38,6 mut/Mb" "$tmp/tmb-sv"
check "English show: TMB with the point" grep -q "38.6 mut/Mb" "$tmp/tmb-en"
LANGUAGE=sv "$TB" --db "$db" export SKA-CRC-2026-0118 --format xml >"$tmp/tmb-export.xml" 2>&1
check "Swedish export (FHIR): the TMB with the point" sh -c 'grep -q "value=.38\.6" "$0" && ! grep -q "38,6" "$0"' "$tmp/tmb-export.xml"
# the installed forms named in the interface's language (--lang for another)
LANGUAGE=en "$TB" --db "$db" form list >"$tmp/forms-en" 2>&1
check "English form list: the lung form's English title" grep -q "^lung .*Lung cancer MDT – decision$" "$tmp/forms-en"
check "English form list: no Swedish title" lacks "$tmp/forms-en" -q "MDK – beslut"
LANGUAGE=sv "$TB" --db "$db" form list >"$tmp/forms-sv" 2>&1
check "Swedish form list: the lung form's Swedish title" grep -q "^lung .*Lungcancer MDK – beslut$" "$tmp/forms-sv"
LANGUAGE=en "$TB" --db "$db" form list --lang sv >"$tmp/forms-en-sv" 2>&1
check "form list --lang sv in an English interface: Swedish titles" grep -q "^lung .*Lungcancer MDK – beslut$" "$tmp/forms-en-sv"
LANGUAGE=sv "$TB" --db "$db" show NO-SUCH-CASE 2>"$tmp/err"
result "Swedish: a missing case exits 4" $([ $? -eq 4 ]; echo $?)
check "Swedish: and says so in Swedish" grep -qx "tumorboard show: inget fall NO-SUCH-CASE" "$tmp/err"
# the people of the archive in Swedish: what was done, and a refusal
LANGUAGE=sv "$TB" --db "$db" user add anna.a --name "Anna A" --title sjuksköterska --role nurse >"$tmp/out" 2>&1
check "Swedish: user add says what was done" grep -qx "användare anna.a tillagd" "$tmp/out"
LANGUAGE=sv "$TB" --db "$db" user edit nosuch --title x >"$tmp/out" 2>&1
check "Swedish: user edit of nobody says so" grep -q "ingen användare 'nosuch'" "$tmp/out"
LANGUAGE=sv "$TB" --db "$db" user add berit.b --name " " --title x --role nurse >"$tmp/out" 2>&1
check "Swedish: an empty name is refused in Swedish" grep -q "namnet är tomt" "$tmp/out"
LANGUAGE=sv "$TB" --db "$db" user add >"$tmp/out" 2>&1
check "Swedish: user's usage" grep -q "^användning: tumorboard user add KONTO" "$tmp/out"
LANGUAGE=sv "$TB" --db "$db" user add anna.a --name "Anna A" --title sjuksköterska --role nurse >"$tmp/out" 2>&1
check "Swedish: an account that is a user already" grep -q "kontot 'anna.a' är redan en användare" "$tmp/out"
LANGUAGE=sv "$TB" --db "$db" kb show >"$tmp/out" 2>&1
check "Swedish: kb show's sources heading" grep -qx "källor:" "$tmp/out"
check "Swedish: kb show names the built-in knowledge base in Swedish" sh -c 'grep -q "^kunskapsbas [^ ]* (inbyggd), " "$0" && ! grep -q "built-in" "$0"' "$tmp/out"
# FHIR in Swedish: a broken file's diagnostics, a dry run, a referral's usage
fb="$TB_SRCDIR/tests/data/fhir"
(cd "$fb/bad" && LANGUAGE=sv "$TB" --db "$db" import json-no-resourcetype.json) >"$tmp/out" 2>&1
check "Swedish FHIR: a JSON object without resourceType" grep -qx "json-no-resourcetype.json:1: objektet har ingen resourceType" "$tmp/out"
(cd "$fb/bad" && LANGUAGE=sv "$TB" --db "$db" import snomed-only.json) >"$tmp/out" 2>&1
check "Swedish FHIR: a diagnosis coded only in SNOMED CT" grep -q "primärcancern är kodad bara i SNOMED CT (.*); fallet behöver dess ICD-10-kod (C00-D48) i en kodning med system http" "$tmp/out"
(cd "$fb/valid" && LANGUAGE=sv "$TB" --db "$db" import --dry-run searchset.json) >"$tmp/out" 2>&1
check "Swedish FHIR: the dry run's case line" grep -Eq ": (nytt|uppdateras), ICD-10 .*, [0-9]+ patologi, [0-9]+ fynd" "$tmp/out"
check "Swedish FHIR: the dry run's not-mapped notes" grep -q ": inte överfört: " "$tmp/out"
LANGUAGE=sv "$TB" --db "$db" refer SLL-BREAST-2026-0088 --to other --package "$tmp/p" --format bogus >"$tmp/out" 2>&1
check "Swedish: refer's usage" grep -q "^användning: tumorboard refer FALL-ID --to KONFERENS" "$tmp/out"
# the access log's review and a research extract in Swedish
LANGUAGE=sv "$TB" --db "$db" log --review >"$tmp/out" 2>&1
check "Swedish: log --review's heading" grep -qx "Nödåtkomster och läsningar utanför en vårdrelation, ännu inte granskade:" "$tmp/out"
check "Swedish: log --review's count" grep -q "^0 att granska, 0 med ovanlig volym; markera" "$tmp/out"
LANGUAGE=sv "$TB" --db "$db" log --case SLL-BREAST-2026-0088 >"$tmp/out" 2>&1
check "Swedish: log --case says what was read in Swedish" grep -q "  fallet utskrivet  SLL-BREAST-2026-0088  " "$tmp/out"
check "Swedish: log --case shows no code of the log" lacks "$tmp/out" -q -E "  (show|list|brief|board|agenda|unchecked)(  |$)"
LANGUAGE=en "$TB" --db "$db" log --case SLL-BREAST-2026-0088 >"$tmp/out" 2>&1
check "English: log --case in words" grep -q "  case printed  SLL-BREAST-2026-0088  " "$tmp/out"
LANGUAGE=sv "$TB" --db "$db" log --lang fi >"$tmp/out" 2>&1
check "Swedish: log --lang's refusal" grep -qx "tumorboard log: --lang vill ha sv eller en" "$tmp/out"
LANGUAGE=sv "$TB" --db "$db" extract --dir "$tmp/x0" >"$tmp/out" 2>&1
check "Swedish: an extract without purpose is refused in Swedish" grep -q "^tumorboard extract: nekat: ett uttag kräver både --purpose" "$tmp/out"
LANGUAGE=sv "$TB" --db "$db" extract --purpose "test" --basis "test" --dir "$tmp/x1" --key "$tmp/x.key" >"$tmp/out" 2>&1
check "Swedish: extract says what it wrote" grep -q "^uttag [0-9]* skrivet till $tmp/x1: [0-9]* fall, [0-9]* fynd" "$tmp/out"
check "Swedish: the extract's about.txt" grep -qx "Pseudonymiserat forskningsuttag [0-9]* från tumorboard" "$tmp/x1/about.txt"
check "Swedish: the extract's grouping in words" grep -q "^Grupperat efter: kön, " "$tmp/x1/about.txt"
# A draft stores the same values whatever language it was filled in: the
# finding keys the form pre-fills (a copy number of 2: "no change") are
# the same when the form is opened in Swedish and in English.
sed 's/copies="0"/copies="2"/' "$TB_EXAMPLES/mtb-cup-tmb-high.xml" >"$tmp/cnv2.xml"
for l in sv en; do
	tb_fixture "$tmp/keys-$l.db"
	"$TB" --db "$tmp/keys-$l.db" import "$tmp/cnv2.xml" >/dev/null 2>&1
	LANGUAGE=$l "$TB" --db "$tmp/keys-$l.db" form open VGR-MTB-2026-0047 --form mtb >/dev/null 2>&1
	result "$l: the form opens on a copy number of 2" $?
	LANGUAGE=$l "$TB" --db "$tmp/keys-$l.db" form set VGR-MTB-2026-0047 intent palliative >/dev/null 2>&1
	LANGUAGE=en "$TB" --db "$tmp/keys-$l.db" form show VGR-MTB-2026-0047 >"$tmp/keys-$l" 2>&1
done
check "the draft filled in English keeps the finding's key" grep -q "CDKN2A no change 2" "$tmp/keys-en"
check "a draft filled in Swedish stores what one filled in English stores" cmp "$tmp/keys-sv" "$tmp/keys-en"
LANGUAGE=sv "$TB" --db "$tmp/keys-sv.db" show VGR-MTB-2026-0047 >"$tmp/out" 2>&1
check "Swedish show: the copy number of 2 in Swedish words" grep -q "ingen förändring, 2 kopior" "$tmp/out"
# A case's status in words, never its code, in both languages.
LANGUAGE=en "$TB" --db "$tmp/keys-sv.db" cases >"$tmp/out" 2>&1
check "English cases: the draft's status in words" grep -q "decision draft$" "$tmp/out"
LANGUAGE=sv "$TB" --db "$tmp/keys-sv.db" cases >"$tmp/out" 2>&1
check "Swedish cases: the draft's status in Swedish" grep -q "beslutsutkast$" "$tmp/out"
# The knowledge base in the reader's language: a Swedish screen or command
# shows each suggestion's Swedish text (data/kb.xml xml:lang="sv"), an
# English one the English text; never the patient letter's language.
LANGUAGE=sv "$TB" --db "$db" support SLL-BREAST-2026-0088 >"$tmp/kb-sv" 2>&1
LANGUAGE=en "$TB" --db "$db" support SLL-BREAST-2026-0088 >"$tmp/kb-en" 2>&1
check "Swedish support: the germline meaning in Swedish" sh -c 'tr "\n" " " <"$0" | tr -s " " | grep -q "Remittera till onkogenetisk mottagning"' "$tmp/kb-sv"
check "Swedish support: a therapy in Swedish" sh -c 'tr "\n" " " <"$0" | tr -s " " | grep -q "Olaparib (Lynparza): HER2-negativ"' "$tmp/kb-sv"
check "Swedish support: no English text of the knowledge base" sh -c '! tr "\n" " " <"$0" | tr -s " " | grep -q -e "Hereditary breast" -e "Refer to cancer genetics" -e "breast cancer, adjuvant"' "$tmp/kb-sv"
check "English support: the English text" sh -c 'tr "\n" " " <"$0" | tr -s " " | grep -q "Hereditary breast and ovarian cancer"' "$tmp/kb-en"
check "English support: no Swedish text of the knowledge base" lacks "$tmp/kb-en" -q -e "Ärftlig" -e "onkogenetisk mottagning för"
LANGUAGE=sv "$TB" --db "$db" show SLL-BREAST-2026-0088 >"$tmp/out" 2>&1
check "Swedish show: the suggestion's therapy in Swedish" sh -c 'tr "\n" " " <"$0" | tr -s " " | grep -q "Talazoparib (Talzenna): HER2-negativ"' "$tmp/out"
LANGUAGE=sv "$TB" --db "$db" kb show >"$tmp/out" 2>&1
check "Swedish kb show: the tumours in Swedish" grep -q "Icke-småcellig lungcancer" "$tmp/out"
LANGUAGE=en "$TB" --db "$db" kb show >"$tmp/out" 2>&1
check "English kb show: the tumours in English" grep -q "Non-small cell lung cancer" "$tmp/out"
# the review: the date and the reviewer, a plain name shown as written,
# under the interface's label
check "English kb show: the reviewer a plain name" grep -Eqx "reviewed [0-9]{4}-[0-9]{2}-[0-9]{2} by tumorboard" "$tmp/out"
LANGUAGE=sv "$TB" --db "$db" kb show >"$tmp/out" 2>&1
check "Swedish kb show: the reviewer under the Swedish label" grep -Eqx "granskad [0-9]{4}-[0-9]{2}-[0-9]{2} av tumorboard" "$tmp/out"
# The trial registry in the reader's language (data/trials.xml, each text
# with its xml:lang="sv" version): an English brief shows the English
# title, contact role and note and none of the Swedish, a Swedish one the
# Swedish. A registry written in one language loads and shows what it has
# in both; a second Swedish title is refused at its line.
"$TB" --db "$db" import "$TB_EXAMPLES/lung-egfr-l858r.xml" >/dev/null 2>&1
result "the lung case that two trials match imports" $?
LANGUAGE=en "$TB" --db "$db" support SKA-LUNG-2026-0001 >"$tmp/tr-en" 2>&1
LANGUAGE=sv "$TB" --db "$db" support SKA-LUNG-2026-0001 >"$tmp/tr-sv" 2>&1
check "English support: the trial's English title, marked fictional" sh -c 'tr "\n" " " <"$0" | tr -s " " | grep -q "Example study 1 (fictional): phase III, randomised comparison"' "$tmp/tr-en"
check "English support: the contact's role in English" grep -q "contact: Anna Exempel, Study nurse (fictional), studie1@example.org" "$tmp/tr-en"
check "English support: the trial's note in English" sh -c 'tr "\n" " " <"$0" | tr -s " " | grep -q "note: Excludes T790M found before any treatment"' "$tmp/tr-en"
check "English support: no Swedish text of the trial registry" lacks "$tmp/tr-en" -q -e Exempelstudie -e "(fiktiv)" -e Utesluter -e Studiesjuksköterska
check "Swedish support: the trial's Swedish title" sh -c 'tr "\n" " " <"$0" | tr -s " " | grep -q "Exempelstudie 1 (fiktiv): fas III, randomiserad jämförelse"' "$tmp/tr-sv"
check "Swedish support: the contact's role in Swedish" grep -q "kontakt: Anna Exempel, Studiesjuksköterska (fiktiv), studie1@example.org" "$tmp/tr-sv"
check "Swedish support: the trial's note in Swedish" sh -c 'tr "\n" " " <"$0" | tr -s " " | grep -q "anteckning: Utesluter T790M påvisad"' "$tmp/tr-sv"
check "Swedish support: no English text of the trial registry" lacks "$tmp/tr-sv" -q -e "Example study" -e "(fictional)" -e "Excludes T790M" -e "Study nurse"
# one trial that SKA-LUNG-2026-0001 matches, its texts as TITLE, ROLE, NOTE
one_trial() {
	printf '<trials xmlns="urn:x-tumorboard:trials:1" version="t1">\n<trial id="t"><study-id registry="eu-ct">2099-500001-11-00</study-id>\n'
	printf '%s\n' "$1"
	printf '<phase>II</phase><status>recruiting</status><site>S</site><eligibility><diagnoses>C34</diagnoses></eligibility>\n'
	printf '%s\n' "$2"
	printf '<source>https://example.org/t</source>\n%s\n</trial>\n</trials>\n' "$3"
}
mkdir -p "$tmp/tr-sv-only/tumorboard" "$tmp/tr-en-only/tumorboard" "$tmp/tr-twice/tumorboard"
one_trial '<title>Endast svensk titel (fiktiv)</title>' '<contact name="N N" role="Prövare (fiktiv)"/>' '<note>Bara svenska.</note>' \
	>"$tmp/tr-sv-only/tumorboard/trials.xml"
one_trial '<title>English title only (fictional)</title>' '<contact name="N N" role="Investigator (fictional)"/>' '<note>English only.</note>' \
	>"$tmp/tr-en-only/tumorboard/trials.xml"
one_trial '<title>A title (fictional)</title>
<title xml:lang="sv">En titel (fiktiv)</title>
<title xml:lang="sv">En titel till (fiktiv)</title>' '<contact name="N N"/>' '' >"$tmp/tr-twice/tumorboard/trials.xml"
for l in en sv; do
	XDG_CONFIG_HOME=$tmp/tr-sv-only LANGUAGE=$l "$TB" --db "$db" support SKA-LUNG-2026-0001 >"$tmp/out" 2>&1
	check "$l support: a registry in Swedish only shows its title" grep -q "Endast svensk titel (fiktiv)" "$tmp/out"
	check "$l support: and its role and note" sh -c 'grep -q "N N, Prövare (fiktiv)" "$0" && grep -q "Bara svenska\." "$0"' "$tmp/out"
	XDG_CONFIG_HOME=$tmp/tr-en-only LANGUAGE=$l "$TB" --db "$db" support SKA-LUNG-2026-0001 >"$tmp/out" 2>&1
	check "$l support: a registry in English only shows its title" grep -q "English title only (fictional)" "$tmp/out"
	check "$l support: and its role and note" sh -c 'grep -q "N N, Investigator (fictional)" "$0" && grep -q "English only\." "$0"' "$tmp/out"
done
XDG_CONFIG_HOME=$tmp/tr-twice LANGUAGE=en "$TB" --db "$db" support SKA-LUNG-2026-0001 >"$tmp/out" 2>&1
check "a second Swedish title is refused at its line" grep -q "tr-twice/tumorboard/trials.xml:5: .*element title" "$tmp/out"
check "and the built-in registry is used" grep -q "Example study 1 (fictional)" "$tmp/out"
# Decimal comma in forms: a number typed with a comma is taken, shown with
# a comma to a Swedish reader and a point to an English one (stored with
# the point), and the step message writes its numbers the reader's way
# (a form of the user's own with steps of 0.5).
tb_fixture "$tmp/num.db"
"$TB" --db "$tmp/num.db" import "$TB_EXAMPLES/mtb-cup-tmb-high.xml" >/dev/null 2>&1
LANGUAGE=sv "$TB" --db "$tmp/num.db" form open VGR-MTB-2026-0047 --form mtb >/dev/null 2>&1
LANGUAGE=sv "$TB" --db "$tmp/num.db" form set VGR-MTB-2026-0047 tumour-content 42,5 >"$tmp/out" 2>&1
result "Swedish form set: a number with a decimal comma is taken" $?
LANGUAGE=sv "$TB" --db "$tmp/num.db" form show VGR-MTB-2026-0047 >"$tmp/out" 2>&1
check "Swedish form show: the number with a decimal comma" grep -q "Tumörcellsandel i provet  *42,5 %" "$tmp/out"
LANGUAGE=en "$TB" --db "$tmp/num.db" form show VGR-MTB-2026-0047 >"$tmp/out" 2>&1
check "English form show: the same number with the point" grep -q " 42\.5 %$" "$tmp/out"
mkdir -p "$tmp/numconf/tumorboard/forms"
sed 's/id="mtb" version="[0-9]*"/id="mtb-step" version="1"/; s/id="tumour-content" type="number" min="0" max="100"/id="tumour-content" type="number" min="0" max="2.5" step="0.5"/' \
	"$src/forms/mtb.xml" >"$tmp/numconf/tumorboard/forms/mtb-step.xml"
check "the form with steps of 0.5 is made" grep -q 'step="0.5"' "$tmp/numconf/tumorboard/forms/mtb-step.xml"
"$TB" --db "$tmp/num.db" form abandon VGR-MTB-2026-0047 >/dev/null 2>&1
XDG_CONFIG_HOME=$tmp/numconf LANGUAGE=sv "$TB" --db "$tmp/num.db" form open VGR-MTB-2026-0047 --form mtb-step >/dev/null 2>&1
result "the form with steps of 0.5 opens" $?
XDG_CONFIG_HOME=$tmp/numconf LANGUAGE=sv "$TB" --db "$tmp/num.db" form set VGR-MTB-2026-0047 tumour-content 0,7 >"$tmp/out" 2>&1
check "Swedish: the step message with decimal commas" grep -q "ange ett tal från 0 till 2,5 i steg om 0,5$" "$tmp/out"
XDG_CONFIG_HOME=$tmp/numconf LANGUAGE=en "$TB" --db "$tmp/num.db" form set VGR-MTB-2026-0047 tumour-content 0.7 >"$tmp/out" 2>&1
check "English: the step message with points" grep -q "give a number from 0 to 2\.5 in steps of 0\.5$" "$tmp/out"
XDG_CONFIG_HOME=$tmp/numconf LANGUAGE=sv "$TB" --db "$tmp/num.db" form set VGR-MTB-2026-0047 tumour-content 1,5 >/dev/null 2>&1
result "Swedish: a number on a step with a decimal comma is taken" $?
# The words a Swedish screen or message asks for are taken when typed in
# Swedish, in either interface language, and the English ones still work:
# a date +3v (veckor) weeks ahead, an attendee's kind kärna or ersättare.
tb_fixture "$tmp/typed.db"
"$TB" --db "$tmp/typed.db" import "$TB_EXAMPLES"/*.xml >/dev/null 2>&1
# A trial that needs a biomarker is only possible for a case without
# molecular results, in either language (the matching did not depend on
# the words it shows: in Swedish such trials counted as matching, and a
# phase III one could suggest the national level).
LANGUAGE=en "$TB" --db "$tmp/typed.db" support VGR-LUNG-2026-0019 >"$tmp/trials-en" 2>&1
LANGUAGE=sv "$TB" --db "$tmp/typed.db" support VGR-LUNG-2026-0019 >"$tmp/trials-sv" 2>&1
check "trials without molecular results: English counts 1 matching and 5 possible" sh -c 'grep -q "^TRIALS (1 matching" "$0" && grep -q "5 more trials possible" "$0"' "$tmp/trials-en"
check "and Swedish the same" sh -c 'grep -q "^STUDIER (1 matchande" "$0" && grep -q "5 studier till möjliga" "$0"' "$tmp/trials-sv"
check "and the same level suggested in both (regional)" sh -c 'grep -q "^  Suggestion: regional " "$0" && grep -q "^  Förslag: regional " "$1"' "$tmp/trials-en" "$tmp/trials-sv"
c=SLL-LUNG-2026-0044
"$TB" --db "$tmp/typed.db" form open "$c" >/dev/null 2>&1
result "typed words: the lung form opens" $?
for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
	operability=operable recommendation=lobectomy intent=curative \
	"rationale=Tumören är liten." guideline=follows trial-considered=no \
	"contact-nurse=Lena Holm" "findings="; do
	"$TB" --db "$tmp/typed.db" form set "$c" "${kv%%=*}" "${kv#*=}" >/dev/null 2>&1 || echo "set $kv failed" | diag
done
LANGUAGE=en "$TB" --db "$tmp/typed.db" form set "$c" follow-up-date +2v >"$tmp/out" 2>&1
result "English form set: +2v (veckor) is taken" $?
check "as two weeks ahead" sh -c '"$0" --db "$1" form show "$2" | grep -q "^  Follow-up date  *2026-12-07$"' "$TB" "$tmp/typed.db" "$c"
LANGUAGE=sv "$TB" --db "$tmp/typed.db" form set "$c" follow-up-date +3v >"$tmp/out" 2>&1
result "Swedish form set: +3v is taken" $?
check "as three weeks ahead" sh -c '"$0" --db "$1" form show "$2" | grep -q "^  Follow-up date  *2026-12-14$"' "$TB" "$tmp/typed.db" "$c"
LANGUAGE=sv "$TB" --db "$tmp/typed.db" form set "$c" follow-up-date 2026-13-01 >"$tmp/out" 2>&1
check "a refused date names +6v in Swedish" grep -q "(eller +14, +6v, +3m från i dag)" "$tmp/out"
LANGUAGE=sv "$TB" --db "$tmp/typed.db" decision sign "$c" --attendee "A B:onkolog:gäst" >"$tmp/out" 2>&1
result "Swedish decision sign: an attendee of no known kind is refused" $([ $? -eq 2 ]; echo $?)
check "naming the Swedish word for a cover" grep -q "NAMN:ROLL eller NAMN:ROLL:ersättare$" "$tmp/out"
LANGUAGE=sv "$TB" --db "$tmp/typed.db" decision sign "$c" --attendee "A B:onkolog:kärna" \
	--attendee "ali.hassan:radiolog:ersättare" >"$tmp/out" 2>&1
result "Swedish decision sign: the kinds kärna and ersättare are taken" $?
LANGUAGE=en "$TB" --db "$tmp/typed.db" decision show 1 >"$tmp/out" 2>&1
check "the core member recorded as one" grep -qx "  A B, oncologist" "$tmp/out"
check "the one typed as ersättare recorded as covering" grep -qx "  Ali Hassan, radiologist (cover)" "$tmp/out"
LANGUAGE=en "$TB" --db "$tmp/typed.db" form open SKA-LUNG-2026-0001 >/dev/null 2>&1
LANGUAGE=en "$TB" --db "$tmp/typed.db" form set SKA-LUNG-2026-0001 follow-up-date +6w >/dev/null 2>&1
result "the English +6w still works" $?

# diagnostics keep file:line: field: message, the field as in the file
sed 's/<ecog[^>]*>[0-9]</<ecog>7</' "$tmp/case.xml" >"$tmp/bad.xml"
tb_fixture "$tmp/bad.db"
LANGUAGE=sv "$TB" --db "$tmp/bad.db" import "$tmp/bad.xml" >"$tmp/out" 2>&1
check "Swedish diagnostic: file:line: field: message, field name as in the file" \
	grep -Eq "^$tmp/bad.xml:[0-9]+: [a-z/@]*ecog[a-z/@]*: ECOG måste vara ett heltal 0–5$" "$tmp/out"

# With a real Swedish locale (built here with localedef, so the test does
# not depend on what the machine has installed): the interface follows it,
# LC_NUMERIC stays C (an English interface in a Swedish locale keeps the
# point), and man finds the Swedish page.
loc="$tmp/locale"
mkdir -p "$loc"
if localedef -i sv_SE -f UTF-8 "$loc/sv_SE.UTF-8" >/dev/null 2>&1; then
	env -u LC_ALL LOCPATH="$loc" LANG=sv_SE.UTF-8 "$TB" --db "$db" show SLL-BREAST-2026-0088 >"$tmp/show-loc" 2>&1
	check "sv_SE.UTF-8: Swedish with a comma" grep -q "RECIST-summa 29,5 mm" "$tmp/show-loc"
	env -u LC_ALL LOCPATH="$loc" LANG=sv_SE.UTF-8 TUMORBOARD_LANGUAGE=en "$TB" --db "$db" show SLL-BREAST-2026-0088 >"$tmp/show-loc-en" 2>&1
	check "sv_SE.UTF-8 with an English interface: the locale's comma does not leak into printf" grep -qF "RECIST sum 29.5 mm" "$tmp/show-loc-en"
	mkdir -p "$tmp/man/man1" "$tmp/man/sv/man1"
	cp "$src/man/tumorboard.1" "$tmp/man/man1/"
	cp "$src/man/sv/tumorboard.1" "$tmp/man/sv/man1/"
	page=$(env -i PATH="$PATH" LOCPATH="$loc" LANG=sv_SE.UTF-8 MANPATH="$tmp/man" man -w tumorboard 2>/dev/null)
	result "man finds man/sv/man1/tumorboard.1 for a Swedish locale" $([ "$page" = "$tmp/man/sv/man1/tumorboard.1" ]; echo $?)
	page=$(env -i PATH="$PATH" LANG=C.UTF-8 MANPATH="$tmp/man" man -w tumorboard 2>/dev/null)
	result "and the English page otherwise" $([ "$page" = "$tmp/man/man1/tumorboard.1" ]; echo $?)
else
	result "localedef builds sv_SE.UTF-8 (Debian: locales)" 1
fi

# The Swedish man page: clean for groff, ASCII with groff escapes, and it
# names every command of the command table.
svman="$src/man/sv/tumorboard.1"
check "man/sv/tumorboard.1 is there" test -s "$svman"
check "man/sv/tumorboard.1 is ASCII (å ä ö as groff escapes)" sh -c '! LC_ALL=C grep -q "[^ -~]" "$0"' "$svman"
check "man/sv/tumorboard.1 writes å ä ö as groff escapes" grep -qF '\(:a' "$svman"
# the keys that cancel a PDF or a print, as the English page gives them
screen_sv=$(sed -n '/^\.SH INTERAKTIV/,/^\.SH /p' "$svman")
for k in 'Esc' 'Ctrl\\-C' 'cancel'; do
	grep -q "^\.B $k\$" "$src/man/tumorboard.1" || result "man/tumorboard.1 names $k as a cancel key" 1
	check "man/sv/tumorboard.1's screen section names $k (cancel a PDF or a print)" \
		sh -c 'printf "%s\n" "$1" | grep -q "^\.B $0\$"' "$k" "$screen_sv"
done
check "man/sv/tumorboard.1 says what cancelling leaves (nothing written)" \
	sh -c 'printf "%s\n" "$0" | grep -q "ingen fil skrivs"' "$screen_sv"
cmds=$(sed -n 's/^    {"\([a-z]*\)", cmd_[a-z_]*, [a-z]*, PERM_[A-Z_]*, [a-z_A-Z]*},$/\1/p' "$src/src/main.c")
result "the command table is read" $([ "$(echo "$cmds" | wc -w)" -ge 16 ]; echo $?)
for c in $cmds; do
	check "man/sv/tumorboard.1 describes $c" grep -Eq "^\.(B|BI|BR) \"?$c( |\"|\\\\|$)" "$svman"
done

# verify names a record changed behind the program's back by its kind in
# the interface's language (a case and a user edited with sqlite3, as
# tests/tamper.sh does): fall and användare in Swedish, never case or
# user; case and user in English.
if tap_need sqlite3 sqlite3; then
	tb_fixture "$tmp/tamper.db"
	"$TB" --db "$tmp/tamper.db" import "$TB_EXAMPLES/lung-egfr-l858r.xml" >/dev/null 2>&1
	result "the case to tamper with imports" $?
	sqlite3 "$tmp/tamper.db" "UPDATE cases SET question = 'Annan fråga' WHERE external_id = 'SKA-LUNG-2026-0001';
		UPDATE users SET name = 'Annan Person' WHERE id = 1;"
	result "the case and the user are changed behind the program's back" $?
	for lang in en sv; do
		LANGUAGE=$lang "$TB" --db "$tmp/tamper.db" verify >"$tmp/tamper-$lang" 2>&1
		result "verify in $lang finds it (exit 8)" $([ $? -eq 8 ]; echo $?)
	done
	check "en: case N (SKA-LUNG-2026-0001) was changed" grep -Eq \
		"case [0-9]+ \(SKA-LUNG-2026-0001\) was changed behind the program's back" "$tmp/tamper-en"
	check "en: user 1 was changed" grep -q "user 1 was changed behind the program's back" "$tmp/tamper-en"
	check "sv: fall N (SKA-LUNG-2026-0001) ändrades" grep -Eq \
		"fall [0-9]+ \(SKA-LUNG-2026-0001\) ändrades bakom programmets rygg" "$tmp/tamper-sv"
	check "sv: användare 1 ändrades" grep -q "användare 1 ändrades bakom programmets rygg" "$tmp/tamper-sv"
	check "sv: no kind in English" lacks "$tmp/tamper-sv" -Eq "(case|user) [0-9]+ "
fi
finish

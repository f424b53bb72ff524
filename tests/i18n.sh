#!/bin/sh
# Translations (GNU gettext, po/): every message for people is marked,
# po/sv.po translates every marked message (nothing untranslated or fuzzy),
# and the program speaks Swedish when asked and English otherwise — from
# LANGUAGE, LANG (also a Swedish locale this machine has not installed),
# TUMORBOARD_LANGUAGE or the user's language file.
#
# Unmarked strings: xgettext reads every string of the sources (-a) and
# every marked one; a string that looks like words for people (two words
# or more, not SQL) and is neither marked nor listed in po/unmarked.list
# fails the test. po/unmarked.list holds what is deliberately left
# (machine output, SQL, names of file fields) and what is still to be
# marked; rewrite it with TB_UPDATE_UNMARKED=1 only after reading the diff.
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

# One escaped message per line (context\004message), as xgettext reads it.
strings() {
	mode=$1
	shift
	opts="--from-code=UTF-8 --no-wrap --language=C -o -"
	if [ "$mode" = all ]; then
		opts="$opts -a"
	else
		opts="$opts $(sed -n '/^XGETTEXT_OPTIONS/,/[^\\]$/p' "$po/Makevars" |
			sed 's/^XGETTEXT_OPTIONS *= *//; s/\\$//' | tr '\n' ' ')"
	fi
	# shellcheck disable=SC2086
	(cd "$src" && xgettext $opts "$@" 2>/dev/null) | awk '
	/^msgctxt /{ctx=substr($0,9); next}
	/^msgid /{cur=substr($0,7); inid=1; next}
	/^msgid_plural /{inid=0; pl=substr($0,14); inpl=1; next}
	/^msgstr/{ if (cur != "\"\"") { s=cur; if (ctx != "") s=ctx "\\004" s; print s }
		# a plural and a context are marked strings too
		if (pl != "") print pl
		if (ctx != "") print ctx
		cur="\"\""; ctx=""; pl=""; inid=0; inpl=0; next}
	/^"/{ if (inid) cur=substr(cur,1,length(cur)-1) substr($0,2)
		else if (inpl) pl=substr(pl,1,length(pl)-1) substr($0,2); next}' |
		LC_ALL=C sort -u
}
# shellcheck disable=SC2086
strings all $files >"$tmp/all"
# marked: what the catalogue is made from (po/POTFILES.in); a file that
# marks strings must be listed there (checked above)
potfiles=$(grep -v '^#' "$po/POTFILES.in")
# shellcheck disable=SC2086
strings marked $potfiles >"$tmp/marked"
result "xgettext reads the strings" $([ "$(wc -l <"$tmp/all")" -ge 1000 ]; echo $?)
result "xgettext reads the marked strings" $([ "$(wc -l <"$tmp/marked")" -ge 10 ]; echo $?)
LC_ALL=C comm -23 "$tmp/all" "$tmp/marked" |
	grep -E '[A-Za-z]{2,}[ ,;:]+[A-Za-z%]' |
	grep -v -E '^"(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|WITH|ALTER|DROP|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|REPLACE) ' \
		>"$tmp/unmarked"
if [ -n "$TB_UPDATE_UNMARKED" ]; then
	{
		sed -n '/^#/p' "$po/unmarked.list"
		cat "$tmp/unmarked"
	} >"$tmp/list" && cp "$tmp/list" "$po/unmarked.list"
fi
grep -v '^#' "$po/unmarked.list" | LC_ALL=C sort -u >"$tmp/allowed"
LC_ALL=C comm -23 "$tmp/unmarked" "$tmp/allowed" >"$tmp/new"
result "no unmarked string for people beyond po/unmarked.list" $([ ! -s "$tmp/new" ]; echo $?)
[ -s "$tmp/new" ] && {
	diag "mark these with _() (N_() in tables) and translate them in po/sv.po,"
	diag "or, when they are not for people, add them to po/unmarked.list:"
	head -40 "$tmp/new" | diag
}
# the list holds nothing that is marked by now (it only shrinks)
LC_ALL=C comm -12 "$tmp/allowed" "$tmp/marked" >"$tmp/stale"
result "po/unmarked.list lists no marked string" $([ ! -s "$tmp/stale" ]; echo $?)
[ -s "$tmp/stale" ] && head -20 "$tmp/stale" | diag
diag "$(wc -l <"$tmp/marked") strings marked, $(wc -l <"$tmp/allowed") left in po/unmarked.list"

# The test above catches a new unmarked string: one added to a copy of a
# source file shows up, the same string marked does not.
mkdir -p "$tmp/probe/src"
printf 'static const char *probe(void)\n{\n\treturn "a new message for people";\n}\n' >"$tmp/probe/src/probe.c"
(src="$tmp/probe"; strings all src/probe.c) >"$tmp/probe-all"
check "an unmarked probe string is seen as unmarked" grep -qx '"a new message for people"' "$tmp/probe-all"
printf 'static const char *probe(void)\n{\n\treturn _("a new message for people");\n}\n' >"$tmp/probe/src/probe.c"
(src="$tmp/probe"; strings marked src/probe.c) >"$tmp/probe-marked"
check "the same string marked is seen as marked" grep -qx '"a new message for people"' "$tmp/probe-marked"

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
check "sv.po translates every message (none untranslated)" sh -c '! grep -q untranslated "$0"' "$tmp/stats"
check "sv.po has no fuzzy message" sh -c '! grep -q fuzzy "$0"' "$tmp/stats"
check "sv.po translates at least one message" grep -q "translated message" "$tmp/stats"
check "sv.po in the tree has no fuzzy entry" sh -c '! grep -q "^#,.*fuzzy" "$0"' "$po/sv.po"

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
check "Swedish show: no English heading left" sh -c '! grep -q -E "^(MOLECULAR FINDINGS|IMAGING|PATHOLOGY|QUESTION TO THE BOARD)" "$0"' "$tmp/show-sv"
check "Swedish show: patient data as it was imported" grep -q "SLL-BREAST-2026-0088" "$tmp/show-sv"
LANGUAGE=en "$TB" --db "$db" show SLL-BREAST-2026-0088 >"$tmp/show-en" 2>&1
check "English show: the point" grep -qF "RECIST sum 29.5 mm" "$tmp/show-en"
check "English show: no Swedish heading" sh -c '! grep -q -E "MOLEKYLÄRA|FRÅGA TILL" "$0"' "$tmp/show-en"
LANGUAGE=sv "$TB" --db "$db" show NO-SUCH-CASE 2>"$tmp/err"
result "Swedish: a missing case exits 4" $([ $? -eq 4 ]; echo $?)
check "Swedish: and says so in Swedish" grep -qx "tumorboard show: inget fall NO-SUCH-CASE" "$tmp/err"
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
cmds=$(sed -n 's/^    {"\([a-z]*\)", cmd_[a-z_]*, [a-z]*, PERM_[A-Z_]*, [a-z_A-Z]*},$/\1/p' "$src/src/main.c")
result "the command table is read" $([ "$(echo "$cmds" | wc -w)" -ge 16 ]; echo $?)
for c in $cmds; do
	check "man/sv/tumorboard.1 describes $c" grep -Eq "^\.(B|BI|BR) \"?$c( |\"|\\\\|$)" "$svman"
done
finish

#!/bin/sh
# The Swedish man pages keep in step with the English ones: every
# man/NAME.N has a man/sv/NAME.N (and no Swedish page is left without its
# English one), and each pair names the same long options (--db), the
# same commands and verbs of the program (import, meeting add) and the
# same environment variables (TUMORBOARD_DB, LANG), both ways; each pair
# has the same outline, and each entry of it names the same long options
# and numbers.
#   man-sv.sh [ENGLISH SWEDISH]: with two files, compares only that pair.
. "$TB_SRCDIR/tests/tap.sh"
man=$TB_SRCDIR/man
main_c=$TB_SRCDIR/src/main.c
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# The program's commands and their verbs, read from its command table:
# one "command" or "command verb" a line. Read from the source so that a
# new command is checked without this file knowing it.
if [ ! -s "$main_c" ]; then
	echo "Bail out! $main_c is missing: the commands cannot be known"
	exit 1
fi
awk '
	/^static const struct verb [a-z]+_verbs\[\]/ {
		cmd = $0; sub(/^static const struct verb /, "", cmd)
		sub(/_verbs.*/, "", cmd); inverbs = 1
	}
	inverbs {
		line = $0
		while (match(line, /\{"[a-z-]+"/)) {
			w = substr(line, RSTART + 2, RLENGTH - 3)
			if (w !~ /^-/) print cmd " " w
			line = substr(line, RSTART + RLENGTH)
		}
		if ($0 ~ /;/) inverbs = 0
		next
	}
	/^[ \t]*\{"[a-z-]+", cmd_/ {
		w = $0; sub(/^[ \t]*\{"/, "", w); sub(/".*/, "", w); print w
	}
	/strcmp\(argv\[0\], "[a-z]+"\)/ {
		w = $0; sub(/.*strcmp\(argv\[0\], "/, "", w); sub(/".*/, "", w)
		print w
	}' "$main_c" | sort -u >"$tmp/commands"
ncommands=$(wc -l <"$tmp/commands")
if [ "$ncommands" -lt 20 ] || ! grep -qx 'meeting add' "$tmp/commands" ||
	! grep -qx migrate "$tmp/commands"; then
	echo "Bail out! only $ncommands commands read from $main_c: the table moved"
	exit 1
fi

# names PAGE: what PAGE names, one "kind name" a line:
#   option --name      every \-\-name anywhere in the page
#   env NAME           every NAME_WITH_UNDERSCORE (RefSeq ids aside) and
#                      the bold names an ENVIRONMENT (MILJÖ) entry heads
#   command word       a command in bold (.B word, .BI "word ...",
#                      \fBword) or after "tumorboard "
#   command word verb  the same with the command's verb after it
names() {
	sed -e 's/\\f[BIRP]//g' -e 's/\\f(\(CW\|BI\)//g' -e 's/\\-/-/g' \
		-e 's/\\[&%]//g' -e 's/\\(:O/Ö/g' "$1" |
		awk -v cmdfile="$tmp/commands" '
		BEGIN {
			while ((getline c < cmdfile) > 0) known[c] = 1
		}
		{
			line = $0
			while (match(line, /--[a-z0-9]+(-[a-z0-9]+)*/)) {
				print "option " substr(line, RSTART, RLENGTH)
				line = substr(line, RSTART + RLENGTH)
			}
			line = $0
			while (match(line, /[A-Z][A-Z0-9]*(_[A-Z0-9]+)+/)) {
				v = substr(line, RSTART, RLENGTH)
				if (v !~ /^N[CGMPRT]_[0-9]+$/) print "env " v
				line = substr(line, RSTART + RLENGTH)
			}
		}
		/^\.SH/ { env = ($0 ~ /ENVIRONMENT|MILJÖ/) }
		env && prev == ".TP" && /^\.B/ {
			line = $0; sub(/^\.[BIR]+ */, "", line); gsub(/"/, "", line)
			n = split(line, w, /[ ,]+/)
			for (i = 1; i <= n; i++)
				if (w[i] ~ /^[A-Z][A-Z0-9_]+$/) print "env " w[i]
		}
		{ prev = $0 }
		# commands: a bold line (its first word), or after "tumorboard "
		{
			text = ""
			if ($0 ~ /^\.(B|BI|BR|IB) /) {
				text = $0; sub(/^\.[BIR]+ /, "", text)
			}
			rest = $0
			while (match(rest, /tumorboard +[a-z-]+( +[a-z-]+)?/)) {
				t = substr(rest, RSTART + 10, RLENGTH - 10)
				sub(/^ +/, "", t)
				words(t)
				rest = substr(rest, RSTART + RLENGTH)
			}
			if (text != "") { gsub(/"/, "", text); words(text) }
		}
		function words(t,    w, n) {
			n = split(t, w, /[ ,.;:()\[\]|]+/)
			if (n >= 1 && (w[1] in known)) {
				print "command " w[1]
				if (n >= 2 && ((w[1] " " w[2]) in known))
					print "command " w[1] " " w[2]
			}
		}' | sort -u
}

# compare ENGLISH SWEDISH: one result per page pair
compare() {
	en=$1
	sv=$2
	label=${sv#"$TB_SRCDIR"/}
	names "$en" >"$tmp/en"
	names "$sv" >"$tmp/sv"
	if [ ! -s "$tmp/en" ]; then
		diag "$en names nothing: the reader of names is broken"
		result "$label names what ${en#"$TB_SRCDIR"/} names" 1
		return
	fi
	comm -23 "$tmp/en" "$tmp/sv" | sed 's/^/only in English: /' >"$tmp/diff"
	comm -13 "$tmp/en" "$tmp/sv" | sed 's/^/only in Swedish: /' >>"$tmp/diff"
	[ -s "$tmp/diff" ] && diag <"$tmp/diff"
	result "$label names what ${en#"$TB_SRCDIR"/} names ($(wc -l <"$tmp/en") names)" \
		"$([ ! -s "$tmp/diff" ]; echo $?)"
}

if [ $# -eq 2 ]; then
	compare "$1" "$2"
	finish
	exit
fi

# The check can fail: a Swedish page with one option taken out, one
# command and one variable taken out, is found lacking each.
if [ -s "$man/sv/tumorboard.1" ]; then
	sed -e 's/\\-\\-busy\\-timeout//g' -e 's/TUMORBOARD_DB//g' \
		-e 's/^\.B \(\\%\)\{0,1\}turnaround$/.B x/' "$man/sv/tumorboard.1" >"$tmp/cut.1"
	names "$man/tumorboard.1" >"$tmp/en"
	names "$tmp/cut.1" >"$tmp/cut"
	comm -23 "$tmp/en" "$tmp/cut" >"$tmp/lacks"
	result "a Swedish page without --busy-timeout, TUMORBOARD_DB and turnaround is found lacking them" \
		"$(grep -qx 'option --busy-timeout' "$tmp/lacks" &&
			grep -qx 'env TUMORBOARD_DB' "$tmp/lacks" &&
			grep -qx 'command turnaround' "$tmp/lacks"
		echo $?)"
fi

# Every action of the screen (include/action.h) heads an entry of
# tumorboard-keys(5), in both languages.
action_h=$TB_SRCDIR/include/action.h
sed -n 's/^[ \t]*X([A-Z_]*, "\([a-z-]*\)".*/\1/p' "$action_h" | sort -u >"$tmp/actions"
if [ "$(wc -l <"$tmp/actions")" -lt 40 ]; then
	echo "Bail out! only $(wc -l <"$tmp/actions") actions read from $action_h"
	exit 1
fi
for page in "$man/tumorboard-keys.5" "$man/sv/tumorboard-keys.5"; do
	[ -e "$page" ] || continue
	# the words of a bold line that heads an entry (.TP, then .B or .BR)
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\%//g' "$page" |
		awk 'prev == ".TP" && /^\.BR? / {
			sub(/^\.BR? /, ""); gsub(/"/, " "); gsub(/,/, " ")
			n = split($0, w, / +/)
			for (i = 1; i <= n; i++) if (w[i] ~ /^[a-z-]+$/) print w[i]
		}
		{ prev = $0 }' | sort -u >"$tmp/documented"
	missing=$(comm -23 "$tmp/actions" "$tmp/documented" | tr '\n' ' ')
	[ -n "$missing" ] && diag "not in ${page#"$TB_SRCDIR"/}: $missing"
	result "${page#"$TB_SRCDIR"/} names every action of the screen" "$([ -z "$missing" ]; echo $?)"
done

# No identifier is broken across lines where a Swedish page is read: each
# page rendered at 80 columns as man renders it for a Swedish user (UTF-8,
# where groff's own hyphen is U+2010), every line that ends in a hyphen is
# joined to the next, and the page fails when the join makes one of the
# program's names (a permission from include/perm.h, a long option or a
# command from src/main.c, tumorboard itself) that neither line holds
# whole, or when groff hyphenated a word shaped as a name (an option, a
# path, a dotted or colon name, one with _ or an inner capital). The cure
# is \% before the name, which keeps groff from breaking it at all.
perm_h=$TB_SRCDIR/include/perm.h
sed -n 's/^[ \t]*X([A-Z_]*, "\([a-z]*\.[a-z]*\)".*/\1/p' "$perm_h" >"$tmp/perms"
if [ "$(wc -l <"$tmp/perms")" -lt 20 ] || ! grep -qx meeting.finish "$tmp/perms"; then
	echo "Bail out! only $(wc -l <"$tmp/perms") permissions read from $perm_h"
	exit 1
fi
{
	sed -n 's/.*{"\([a-z][a-z0-9-]*\)", *\(no\|required\|optional\)_argument.*/--\1/p' "$main_c"
	grep -o -- '"--[a-z][a-z0-9-]*\|[ (]--[a-z][a-z0-9-]*' "$main_c" | sed 's/^[" (]//'
} | sort -u >"$tmp/options"
if [ "$(wc -l <"$tmp/options")" -lt 20 ] || ! grep -qx -- --busy-timeout "$tmp/options"; then
	echo "Bail out! only $(wc -l <"$tmp/options") long options read from $main_c"
	exit 1
fi
tr ' ' '\n' <"$tmp/commands" | awk 'length($0) >= 5' | sort -u >"$tmp/words"
cat "$tmp/perms" "$tmp/options" "$tmp/words" - <<-EOF | sort -u >"$tmp/idents"
	tumorboard
EOF

# The English pages: the same, but a command word there is an English
# word too (decision, summary) that groff may break like any other, so
# only the names that are no English word count: permissions, options,
# tumorboard, and the shapes of a name.
cat "$tmp/perms" "$tmp/options" - <<-EOF | sort -u >"$tmp/idents-en"
	tumorboard
EOF
: >"$tmp/words-en"

# broken PAGE [IDENTS WORDS]: one "line: name broken as 'end' 'start'" a
# line for each name broken at the end of a line of PAGE rendered at 80
# columns; the names are read from IDENTS, those of them that count only
# whole from WORDS (the Swedish sets by default)
broken() {
	"$GROFF" -man -Tutf8 -rLL=80n -P-c -P-b -P-o -P-u "$1" 2>/dev/null |
		awk -v identfile="${2:-$tmp/idents}" -v wholefile="${3:-$tmp/words}" -v hy="$(printf '\342\200\220')" '
		BEGIN {
			while ((getline w < identfile) > 0) ident[w] = 1
			while ((getline w < wholefile) > 0) whole[w] = 1
		}
		function bare(s) {
			sub(/^[("\047\[]+/, "", s); sub(/[)"\047\],.;:!?]+$/, "", s)
			return s
		}
		NR > 1 && held != "" {
			w2 = $1; hyph = (substr(held, length(held) - 2) == hy)
			joined = hyph ? substr(held, 1, length(held) - 3) w2 : held w2
			joined = bare(joined)
			bad = ""
			# a command word whole (agenda, not the Swedish agendan),
			# a permission, an option or tumorboard anywhere in it
			for (w in ident) {
				if (w in whole) {
					if (joined == w) bad = w
				} else if (index(joined, w) && !index(held, w) &&
				    !index(w2, w))
					bad = w
			}
			if (bad == "" && hyph && (joined ~ /^-/ || joined ~ /^[$~\/]/ ||
			    joined ~ /[A-Za-z0-9][._:\/=@][A-Za-z0-9]/ ||
			    joined ~ /_/ || joined ~ /[a-z][A-Z]/)) bad = joined
			if (bad != "")
				printf "%d: %s broken as \047%s\047 \047%s\047\n", NR - 1, bad, held, w2
		}
		{
			held = ""
			if ($0 ~ /[^ ]-$/ || substr($0, length($0) - 2) == hy) held = $NF
		}
		END { if (NR < 5) exit 2 }'
}

if [ -z "${GROFF:-}" ] || [ "$GROFF" = no ]; then
	GROFF=groff
fi
if tap_need "$GROFF" groff-base; then
	# The check can fail: a permission name that groff hyphenates is
	# found, in every place along the line it may fall; with \% before
	# it, it is never broken.
	for mark in '' '\%'; do
		{
			printf '.TH T 5\n.hla sv\n.hpf hyphen.sv\n.SH T\n'
			i=0
			while [ "$i" -lt 24 ]; do
				printf '.PP\n'
				j=0
				while [ "$j" -lt "$i" ]; do printf 'x '; j=$((j + 1)); done
				printf 'behandlingsbeslutet ska signeras av ordf\\(:oranden med '
				printf 'beh\\(:origheten %smeeting.finish innan m\\(:otet avslutas.\n' "$mark"
				i=$((i + 1))
			done
		} >"$tmp/hyph.5"
		broken "$tmp/hyph.5" >"$tmp/broken" || echo "0: the page did not render" >>"$tmp/broken"
		if [ -z "$mark" ]; then
			result "meeting.finish hyphenated at the end of a line is found ($(wc -l <"$tmp/broken") times)" \
				"$(grep -q '^[0-9]*: meeting.finish broken as' "$tmp/broken"; echo $?)"
		else
			[ -s "$tmp/broken" ] && diag <"$tmp/broken"
			result "\\%meeting.finish is never broken" "$([ ! -s "$tmp/broken" ]; echo $?)"
		fi
	done
	for sv in "$man"/sv/*.[0-9]; do
		[ -e "$sv" ] || continue
		broken "$sv" >"$tmp/broken" || echo "0: the page did not render" >>"$tmp/broken"
		[ -s "$tmp/broken" ] && sed "s|^|${sv#"$TB_SRCDIR"/}:|" "$tmp/broken" | diag
		result "${sv#"$TB_SRCDIR"/} breaks no name at 80 columns" "$([ ! -s "$tmp/broken" ]; echo $?)"
	done
	for en in "$man"/*.[0-9]; do
		[ -e "$en" ] || continue
		broken "$en" "$tmp/idents-en" "$tmp/words-en" >"$tmp/broken" ||
			echo "0: the page did not render" >>"$tmp/broken"
		[ -s "$tmp/broken" ] && sed "s|^|${en#"$TB_SRCDIR"/}:|" "$tmp/broken" | diag
		result "${en#"$TB_SRCDIR"/} breaks no name at 80 columns" "$([ ! -s "$tmp/broken" ]; echo $?)"
	done
else
	tap_skip "names are not broken in the pages" "groff is not installed"
fi

# structure PAGE: the page's outline, one "kind<TAB>where" a line in the
# page's order: each section (.SH), subsection (.SS), item (.TP, .TQ,
# .IP) and table row (a line of data between .TS's format and .TE), with
# the section and subsection it is in
#   structure PAGE [SECTIONS]: the sections numbered in SECTIONS (" 5 6 ")
#   keep their heading but not what is in them
structure() {
	awk -v skip="${2:-}" '
		/^\.TS/ { tbl = 1; fmt = 0; next }
		/^\.TE/ { tbl = 0; next }
		tbl && !fmt { if ($0 ~ /\.[ \t]*$/) fmt = 1; next }
		tbl { if ($0 !~ /^\./) print "row\t" where; next }
		/^\.SH/ {
			sh = $0; sub(/^\.SH */, "", sh); ss = ""; where = sh
			print "SH\t" where
			nsh++; out = !index(" " skip " ", " " nsh " ")
			next
		}
		!out { next }
		/^\.SS/ { ss = $0; sub(/^\.SS */, "", ss); where = sh " / " ss; print "SS\t" where; next }
		/^\.(TP|TQ|IP)( |$)/ { k = substr($0, 2, 2); print k "\t" where }' "$1"
}

# same_structure ENGLISH SWEDISH [SECTIONS]: the pair has the same
# outline, so a section, subsection, item or table row of the English page
# that the Swedish one lacks (or the other way) fails, not only a missing
# name; SECTIONS (numbers) are compared by their headings only
same_structure() {
	label=${2#"$TB_SRCDIR"/}
	structure "$1" "${3:-}" >"$tmp/outline-en"
	structure "$2" "${3:-}" >"$tmp/outline-sv"
	cut -f1 "$tmp/outline-en" >"$tmp/kinds-en"
	cut -f1 "$tmp/outline-sv" >"$tmp/kinds-sv"
	if ! cmp -s "$tmp/kinds-en" "$tmp/kinds-sv"; then
		# where they part: the first differing entry, with its place
		n=$(paste "$tmp/kinds-en" "$tmp/kinds-sv" | awk -F '\t' '$1 != $2 { print NR; exit }')
		[ -n "$n" ] || n=$(($(wc -l <"$tmp/kinds-en") + 1))
		diag "$label parts from ${1#"$TB_SRCDIR"/} at entry $n:" \
			"  English: $(sed -n "${n}p" "$tmp/outline-en")" \
			"  Swedish: $(sed -n "${n}p" "$tmp/outline-sv")" \
			"  $(grep -c . "$tmp/kinds-en") entries in English, $(grep -c . "$tmp/kinds-sv") in Swedish"
	fi
	result "$label has the outline of ${1#"$TB_SRCDIR"/}${3:+ (but in sections$3)} ($(grep -c '^SH' "$tmp/kinds-en") sections, $(grep -c '^SS' "$tmp/kinds-en") subsections, $(grep -Ec '^(TP|TQ|IP)' "$tmp/kinds-en") items, $(grep -c '^row' "$tmp/kinds-en") table rows)" \
		"$(cmp -s "$tmp/kinds-en" "$tmp/kinds-sv"; echo $?)"
}

# The check can fail: an English page with one more item, and one with a
# subsection moved, are found apart from their Swedish page.
if [ -s "$man/tumorboard-kb.5" ] && [ -s "$man/sv/tumorboard-kb.5" ]; then
	awk '{ print } /^\.TP/ && !done { print "x"; print ".TP"; done = 1 }' \
		"$man/tumorboard-kb.5" >"$tmp/more.5"
	structure "$tmp/more.5" | cut -f1 >"$tmp/kinds-more"
	structure "$man/sv/tumorboard-kb.5" | cut -f1 >"$tmp/kinds-sv"
	result "an English item added without its Swedish one is found" \
		"$(! cmp -s "$tmp/kinds-more" "$tmp/kinds-sv"; echo $?)"
	printf '.TS\nl l.\na\tb\nc\td\n.TE\n.TS\nl.\ne\n.TE\n' >"$tmp/rows.5"
	result "table rows are counted ($(structure "$tmp/rows.5" | grep -c '^row') of 3)" \
		"$([ "$(structure "$tmp/rows.5" | grep -c '^row')" -eq 3 ]; echo $?)"
fi

# entry_names PAGE: the long options and the numbers each entry of
# PAGE's outline names, one "N<TAB>--option" or "N<TAB>#number" a line: N
# counts the sections, subsections and items (.SH, .SS, .TP, .TQ, .IP)
# before it, so that entry N of an English page and entry N of its
# Swedish page are the same entry once their outlines match; what comes
# before the first heading is entry 0. A number is read as a reader of
# either language writes it: 1,000, 1\ 000 and 1\~000 are 1000, 0,5 and
# 0.5 are 0.5 (an exit status, a default, a limit, a file mode).
entry_names() {
	sed -e '/^\.\\"/d' -e 's/\\\[[^]]*\]/x/g' -e 's/\\f[BIRP]//g' \
		-e 's/\\f(\(CW\|BI\)//g' -e 's/\\-/-/g' -e 's/\\[&%]//g' \
		-e 's/\\(..//g' \
		-e 's/\([0-9]\)\(,\|\\ \|\\~\)\([0-9][0-9][0-9]\)\([^0-9]\|$\)/\1\3\4/g' \
		-e 's/\([0-9]\),\([0-9]\)/\1.\2/g' "$1" |
		awk '/^\.(SH|SS|TP|TQ|IP)( |$)/ { n++ }
		{
			line = $0
			while (match(line, /--[a-z0-9]+(-[a-z0-9]+)*/)) {
				print n "\t" substr(line, RSTART, RLENGTH)
				line = substr(line, RSTART + RLENGTH)
			}
			line = $0
			gsub(/--[a-z0-9]+(-[a-z0-9]+)*/, "", line)
			while (match(line, /[0-9]+(\.[0-9]+)*/)) {
				print n "\t#" substr(line, RSTART, RLENGTH)
				line = substr(line, RSTART + RLENGTH)
			}
		}' | sort -u
}

# same_names ENGLISH SWEDISH: every entry names the same long options and
# the same numbers in both languages, so an option the English page gives
# for one command (or key) and the Swedish page gives only elsewhere, or
# an exit status or default that differs, fails; the page-wide names
# above do not see that
same_names() {
	label=${2#"$TB_SRCDIR"/}
	entry_names "$1" >"$tmp/opts-en"
	entry_names "$2" >"$tmp/opts-sv"
	comm -23 "$tmp/opts-en" "$tmp/opts-sv" | sed 's/^/only in English: entry /' >"$tmp/diff"
	comm -13 "$tmp/opts-en" "$tmp/opts-sv" | sed 's/^/only in Swedish: entry /' >>"$tmp/diff"
	# each named by its English heading and the line after it (a .TP's tag)
	[ -s "$tmp/diff" ] && awk -F '\t' 'NR == FNR {
			if ($0 ~ /^\.(SH|SS|TP|TQ|IP)( |$)/) { n++; head[n] = $0; want = n; next }
			if (want) { head[want] = head[want] " " $0; want = 0 }
			next
		}
		{ split($1, w, "entry "); print $1 " " $2 " (English: " head[w[2]] ")" }' \
		"$1" "$tmp/diff" | diag
	result "$label names each entry's options and numbers as ${1#"$TB_SRCDIR"/} does ($(grep -c -- '	--' "$tmp/opts-en") options, $(grep -c '	#' "$tmp/opts-en") numbers)" \
		"$([ ! -s "$tmp/diff" ]; echo $?)"
}

# The check can fail: an English tumorboard(1) whose first command also
# names --busy-timeout and 99 (an option and a number the Swedish page
# names, but elsewhere) is found apart from the Swedish page, for each.
if [ -s "$man/tumorboard.1" ] && [ -s "$man/sv/tumorboard.1" ]; then
	awk '{ print } /^\.SH COMMANDS/ { c = 1 } c && /^\.TP/ && !done { getline; print; print "\\-\\-busy\\-timeout 99"; done = 1 }' \
		"$man/tumorboard.1" >"$tmp/opt.1"
	entry_names "$tmp/opt.1" >"$tmp/opts-en"
	entry_names "$man/sv/tumorboard.1" >"$tmp/opts-sv"
	comm -23 "$tmp/opts-en" "$tmp/opts-sv" >"$tmp/lacks"
	result "an option and a number named in one more English entry are found" \
		"$(grep -q -- '	--busy-timeout$' "$tmp/lacks" && grep -q '	#99$' "$tmp/lacks"; echo $?)"
	printf '.SH A\n1,000 and 0,5 and 1\\ 712 and 1\\~234\n' >"$tmp/num-a.1"
	printf '.SH A\n1000 and 0.5 and 1712 and 1234\n' >"$tmp/num-b.1"
	result "numbers are read as either language writes them" \
		"$(entry_names "$tmp/num-a.1" >"$tmp/num-a"; entry_names "$tmp/num-b.1" >"$tmp/num-b"
			cmp -s "$tmp/num-a" "$tmp/num-b" && [ "$(wc -l <"$tmp/num-a")" -eq 4 ]; echo $?)"
fi

npages=0
for en in "$man"/*.[0-9]; do
	[ -e "$en" ] || continue
	npages=$((npages + 1))
	sv=$man/sv/${en##*/}
	if [ ! -e "$sv" ]; then
		result "man/sv/${en##*/} exists" 1
		continue
	fi
	result "man/sv/${en##*/} exists" 0
	compare "$en" "$sv"
	same_structure "$en" "$sv"
	same_names "$en" "$sv"
done
result "there are English man pages to compare ($npages)" "$([ "$npages" -ge 10 ]; echo $?)"
for sv in "$man"/sv/*.[0-9]; do
	[ -e "$sv" ] || continue
	result "man/${sv##*/} exists for man/sv/${sv##*/}" "$([ -e "$man/${sv##*/}" ]; echo $?)"
done
finish

#!/bin/sh
# The Swedish man pages keep in step with the English ones: every
# man/NAME.N has a man/sv/NAME.N (and no Swedish page is left without its
# English one), and each pair names the same long options (--db), the
# same commands and verbs of the program (import, meeting add) and the
# same environment variables (TUMORBOARD_DB, LANG), both ways.
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
		-e 's/\\&//g' -e 's/\\(:O/Ö/g' "$1" |
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
		-e 's/^\.B turnaround$/.B x/' "$man/sv/tumorboard.1" >"$tmp/cut.1"
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
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$page" |
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
done
result "there are English man pages to compare ($npages)" "$([ "$npages" -ge 10 ]; echo $?)"
for sv in "$man"/sv/*.[0-9]; do
	[ -e "$sv" ] || continue
	result "man/${sv##*/} exists for man/sv/${sv##*/}" "$([ -e "$man/${sv##*/}" ]; echo $?)"
done
finish

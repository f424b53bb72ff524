#!/bin/sh
# The whole run in one language (#18): the command-line, meeting and
# screen tests are run again with the program in Swedish, then in
# English, and everything it writes is collected — standard output and
# error, every screen a --script run dumps, the text of every PDF it
# writes (pdftotext) — and read word by word against a list: no word of
# tests/words-en.list on a Swedish screen, in a Swedish message or PDF;
# no word of tests/words-sv.list in the English ones. The tests' own
# checks are not counted here (their expectations are in English); only
# the program's text is. Runs of its own add what those tests do not
# show: every example case with its knowledge-base support and trials,
# the demo agendas and briefs as text and PDF, the access log's review
# and its lists of one case and one reader (log --case, --user), which
# show what was read and why in words, never the log's codes (show,
# brief, board, agenda: include/access.h).
#
# Left out by rule, not by hand:
# - what the program was given: a word that, with a word next to it,
#   makes a pair found in what it read (the arguments, the text typed in
#   a key script, the text and attribute values of every XML file given
#   to it and of data/*.xml, the reference data it ships), or that is a
#   whole value of such a file by itself — patient data and the sample
#   data's own text in whatever language they are written — unless that
#   value is a code of a schema's word list (origin="germline"): codes
#   are shown in the reader's words;
# - documents in the patient's or the record's language, not the
#   interface's: the patient letter (the summary command, the summary
#   view's screens, summary-*.pdf), the patient's extract of the access
#   log (log --patient) and the journal note (note);
# - machine output (XML, JSON, CSV) and option names, paths, command
#   lines and command names before their colon, names with an
#   underscore (triggers, fields), what is quoted back ('...').
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C.UTF-8
export LC_ALL
unset TB_UPDATE_GOLDEN
for f in words-en.list words-sv.list; do
	[ -s "$TB_SRCDIR/tests/$f" ] || {
		echo "Bail out! tests/$f missing"
		exit 1
	}
done
for t in pdftotext; do
	command -v $t >/dev/null 2>&1 || {
		echo "Bail out! $t is not installed (Debian: poppler-utils)"
		exit 1
	}
done

# A program in the place of the real one (and of tests/tumorboard-as):
# it runs it in $WORDS_LANG and keeps what it wrote in $WORDS_OUT.
shim() {
	cat <<EOF
#!/bin/sh
real='$1'
EOF
	cat <<'EOF'
n=$(mktemp -p "$WORDS_OUT" run.XXXXXX) || exit 99
touch "$n.start"
printf '%s\n' "$@" >"$n.args"
LANGUAGE=$WORDS_LANG "$real" "$@" >"$n.out" 2>"$n.err"
rc=$?
cat "$n.out"
cat "$n.err" >&2
prev=
for a; do
	if [ "$prev" = --dump ] && [ -f "$a" ]; then cp "$a" "$n.dump"; fi
	if [ "$prev" = --script ] && [ -f "$a" ]; then
		sed -n 's/^type //p' "$a" >>"$n.typed"
	fi
	case $a in
	*.xml) [ -f "$a" ] && printf '%s\n' "$a" >>"$n.inputs" ;;
	esac
	prev=$a
done
{
	for a; do
		case $a in
		*.pdf) [ -f "$a" ] && [ "$a" -nt "$n.start" ] && printf '%s\n' "$a" ;;
		*/) find "$a" -maxdepth 1 -name '*.pdf' -newer "$n.start" 2>/dev/null ;;
		esac
	done
	find . -maxdepth 1 -name '*.pdf' -newer "$n.start" 2>/dev/null
} | sort -u | while read -r p; do
	case ${p##*/} in
	summary-*) continue ;; # a patient letter, in the patient's language
	esac
	pdftotext "$p" - >>"$n.pdf" 2>/dev/null
done
exit $rc
EOF
}
shim "$TB" >"$tmp/tb"
shim "$TB_AS_BIN" >"$tmp/tb-as"
chmod +x "$tmp/tb" "$tmp/tb-as"

# Lower case, also for the Swedish capitals (awk may read bytes), and
# punctuation outside ASCII (U+0080-U+00BF, U+2000-U+2FFF: dashes, the
# middle dot, arrows, ⏱) made a space: what is left outside A-Z is
# letters (å, ä, ö, é; Arabic)
lower='function lower(s) { s = tolower(s); gsub(/Å/, "å", s); gsub(/Ä/, "ä", s)
	gsub(/Ö/, "ö", s); gsub(/É/, "é", s)
	gsub(/\302[\200-\277]|\342[\200-\277][\200-\277]/, " ", s); return s }
# the same text without what is no word of a language: the command and
# the field a message is about, a command line, options, a name with an
# underscore or hyphens (a value), a path, what was given, quoted back
function words(s) { s = " " s
	gsub(/tumorboard( [a-z-]+)*:( [a-z][a-z-]*:)?/, " ", s)
	gsub(/tumorboard( [a-z-]+)+/, " ", s)
	gsub(/[^A-Za-z0-9]--?[a-z][a-z0-9-]*/, " ", s)
	gsub(/[A-Za-z0-9]*_[A-Za-z0-9_]*/, " ", s)
	gsub(/[a-z0-9]+(-[a-z0-9]+)+/, " ", s)
	gsub(/[^[:space:]]*\/[^[:space:]]*/, " ", s)
	gsub(/\047[^\047]*\047/, " ", s)
	return lower(s) }'

# The words of what the program was given: pairs of neighbouring words
# and whole one-word values ("a b" or "a" a line, lower case).
data_words() {
	dir=$1
	{
		# XML: text and attribute values, one segment each
		{
			cat "$dir"/*.inputs 2>/dev/null | sort -u
			ls "$TB_SRCDIR"/data/*.xml
		} | while read -r x; do
			[ -f "$x" ] && cat "$x"
		done | tr '\n' ' ' | sed 's/<!--[^>]*-->//g' |
			sed -E 's/<[/?!]?[A-Za-z_:][-A-Za-z0-9_:.]*/\n/g; s/[A-Za-z_:][-A-Za-z0-9_:.]*="/\n/g; s/["<>]/\n/g' |
			sed 's/^/x /'
		# the arguments and the typed text, one segment each
		cat "$dir"/*.args "$dir"/*.typed 2>/dev/null | sed 's/^/a /'
	} | awk "$lower"'{
		n = split(words(substr($0, 3)), w, /[^A-Za-z\200-\377]+/); k = 0
		for (i = 1; i <= n; i++) if (w[i] != "") v[++k] = w[i]
		for (i = 1; i < k; i++) print v[i] " " v[i + 1]
		# a whole value of a file (an argument may be a command)
		if (k == 1 && $1 == "x") print v[1]
		split("", v) }' | sort -u | grep -vxF -f "$tmp/codes"
}
# The words of the schemas' word lists that are shown and never typed (a
# finding's origin and classification, a trial's status: <value> of
# data/case.rng and data/trials.rng) are codes the program shows in the
# reader's language, never data: a whole value of a file that is one of
# them is not left out. (A case status is typed as an option's value.)
{
	grep -A2 -E 'name="(origin|classification)"' "$TB_SRCDIR/data/case.rng"
	grep -A2 '<element name="status">' "$TB_SRCDIR/data/trials.rng"
} | grep -o '<value>[a-z-]*</value>' | sed 's/<[^>]*>//g' | sort -u >"$tmp/codes"
n=$(wc -l <"$tmp/codes")
result "the schemas' word lists are read ($n codes)" $([ "$n" -ge 9 ]; echo $?)
for w in germline pathogenic recruiting; do
	check "the code $w is among them" grep -qx $w "$tmp/codes"
done

# Runs of their own, beside the tests': every example case shown and its
# knowledge-base support and trials (origin, classification, trial
# status), the agendas of the demo meetings with their outcomes and the
# access log's review, in the language of the run.
extra_runs() {
	(
		TB="$tmp/tb"
		cd "$tmp/$1-x" || exit 1
		db="$tmp/$1-x/x.db"
		tb_fixture "$db" || exit 1
		"$TB" --db "$db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
		sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$db" >/dev/null || exit 1
		sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$db" >/dev/null || exit 1
		for id in $(grep -ho '<case id="[^"]*"' "$TB_EXAMPLES"/*.xml | sed 's/.*"\(.*\)"/\1/'); do
			"$TB" --db "$db" show "$id" >/dev/null 2>&1
			"$TB" --db "$db" support "$id" >/dev/null 2>&1
		done
		for m in 1 2 3 4; do
			"$TB" --db "$db" agenda "$m" >/dev/null 2>&1
			"$TB" --db "$db" agenda "$m" --pdf "$tmp/$1-x/agenda-$m.pdf" >/dev/null 2>&1
			"$TB" --db "$db" support --meeting "$m" --pdf "$tmp/$1-x/brief-$m.pdf" >/dev/null 2>&1
		done
		"$TB" --db "$db" log --review >/dev/null 2>&1
		"$TB" --db "$db" log --case SKA-LUNG-2026-0001 >/dev/null 2>&1 || exit 1
		"$TB" --db "$db" log --user "$(id -un)" >/dev/null 2>&1 || exit 1
		exit 0
	)
}

# Prints "word<TAB>where<TAB>line" for each word of the list $2 written in
# the run kept in $1 that is not data.
findings() {
	dir=$1
	data_words "$dir" >"$dir.data"
	: >"$dir.files"
	for f in "$dir"/*.args; do
		run=${f%.args}
		# the command: the first argument that is no option or its value
		cmd=$(awk '/^--(db|script|size|dump|dump-mode|timing|anchor|busy-timeout)$/ { skip = 1; next }
			skip { skip = 0; next } /^-/ { next } { print; exit }' "$f")
		case $cmd in
		summary | note) continue ;;
		log) grep -qx -- --patient "$f" && continue ;; # the patient's extract
		esac
		attrs=0
		grep -qx attrs "$f" && attrs=1
		for o in "$run.out" "$run.err" "$run.dump" "$run.pdf"; do
			[ -s "$o" ] || continue
			case $o in
			*.out) # machine output
				c=$(sed -n '/[^[:space:]]/{s/^[[:space:]]*//;p;q}' "$o" | cut -c1)
				case $c in "<" | "{" | "[") continue ;; esac
				# CSV: field;value
				head -1 "$o" | grep -q '^[a-z_]*;' && continue ;;
			esac
			printf '%s\t%s\t%s\n' "$o" "$cmd" "$attrs" >>"$dir.files"
		done
	done
	[ -s "$dir.files" ] || return 0
	# shellcheck disable=SC2046
	awk -v files="$dir.files" -v data="$dir.data" -v list="$2" "$lower"'
	BEGIN {
		FS = "\t"
		while ((getline l < files) > 0) { split(l, x, "\t"); CMD[x[1]] = x[2]; ATTRS[x[1]] = x[3] }
		while ((getline l < data) > 0) D[l] = 1
		while ((getline l < list) > 0) if (l !~ /^#/ && l != "") L[l] = 1
		FS = " "
	}
	FNR == 1 {
		where = FILENAME; sub(/.*\//, "", where); where = where " (" CMD[FILENAME] ")"
		mode = ATTRS[FILENAME] == 1; dump = FILENAME ~ /\.dump$/
		last = ""
	}
	# a dump: a header, then each row (with attributes: each row, then
	# its attributes); the patient summary view shows the letter under
	# its title
	dump {
		if ($0 ~ /^--- (colour|monochrome): /) next
		if ($0 ~ /^--- screen /) {
			rows = $0; sub(/.*x/, "", rows); rows += 0
			row = 0; letter = 0; odd = 1; next
		}
		if (mode) { if (!odd) { odd = 1; next } odd = 0 }
		row++
		if (row == 1 && $0 ~ /— (patient summary|patientsammanfattning)/) letter = 1
		if (letter && row > 1 && row < rows) next
	}
	{
		n = split(words($0), t, /[^A-Za-z\200-\377]+/); k = 0
		for (i = 1; i <= n; i++) if (t[i] != "") w[++k] = t[i]
		for (i = 1; i <= k; i++) {
			if (!(w[i] in L) || (w[i] in D)) continue
			if (i > 1 && ((w[i - 1] " " w[i]) in D)) continue
			if (i < k && ((w[i] " " w[i + 1]) in D)) continue
			# text wrapped: the last word of the line before
			if (i == 1 && ((last " " w[i]) in D)) continue
			print w[i] "\t" where "\t" $0
			break
		}
		last = k ? w[k] : ""
		split("", w)
	}' $(cut -f1 "$dir.files")
}

runs="cli.sh meeting.sh screens.sh"
for lang in sv en; do
	mkdir "$tmp/$lang"
	for t in $runs; do
		WORDS_OUT="$tmp/$lang" WORDS_LANG=$lang TB="$tmp/tb" TB_AS_BIN="$tmp/tb-as" \
			sh "$TB_SRCDIR/tests/$t" >"$tmp/$lang-$t.tap" 2>&1
	done
	mkdir "$tmp/$lang-x"
	WORDS_OUT="$tmp/$lang" WORDS_LANG=$lang extra_runs $lang
	result "$lang: the runs of its own" $?
	n=$(ls "$tmp/$lang"/*.args | wc -l)
	result "$lang: the runs are kept ($n)" $([ "$n" -ge 300 ]; echo $?)
	n=$(ls "$tmp/$lang"/*.dump | wc -l)
	result "$lang: the screens are kept ($n scripts)" $([ "$n" -ge 50 ]; echo $?)
	n=$(cat "$tmp/$lang"/*.pdf | grep -c '^Agenda ')
	result "$lang: the agenda PDFs are read ($n)" $([ "$n" -ge 3 ]; echo $?)
done
check "sv: the program spoke Swedish" grep -q '? hjälp' "$tmp"/sv/*.dump
check "en: the program spoke English" grep -q '? help' "$tmp"/en/*.dump

findings "$tmp/sv" "$TB_SRCDIR/tests/words-en.list" >"$tmp/sv.found"
result "no English word in the Swedish run" $([ ! -s "$tmp/sv.found" ]; echo $?)
[ -s "$tmp/sv.found" ] && sort -u "$tmp/sv.found" | head -60 | diag
findings "$tmp/en" "$TB_SRCDIR/tests/words-sv.list" >"$tmp/en.found"
result "no Swedish word in the English run" $([ ! -s "$tmp/en.found" ]; echo $?)
[ -s "$tmp/en.found" ] && sort -u "$tmp/en.found" | head -60 | diag

# The access log's lists for staff (log --case, --user, --review) name
# what was read and under which relationship in the reader's words: a
# column of an entry that is one of the log's codes (include/access.h) is
# a finding.
# The codes are the second argument of each X(...) of the header's
# tables, read from the header as one text without its comments: an
# entry may begin on one line of a macro and name its code on the next
# (X(UNCHECKED, "unchecked", ...).
access_codes() {
	awk '{ s = s $0 " " } END {
		gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, " ", s)
		while (match(s, /X\([A-Z_]+,[[:space:]\\]*"[a-z-]+"/)) {
			c = substr(s, RSTART, RLENGTH)
			sub(/^[^"]*"/, "", c)
			sub(/"$/, "", c)
			print c
			s = substr(s, RSTART + RLENGTH)
		} }' "$1" | sort -u
}
access_codes "$TB_SRCDIR/include/access.h" >"$tmp/access-codes"
n=$(wc -l <"$tmp/access-codes")
result "the access log's codes are read ($n)" $([ "$n" -ge 20 ]; echo $?)
for c in show unchecked agenda log-list; do
	check "the code $c is among them" grep -qx -- $c "$tmp/access-codes"
done
printf '#define T(X) \\\n\tX(ONE, \\\n\t  "one-code", /* a "comment" */ \\\n\t  "Words") \\\n\tX(TWO, "two", "More words")\n' >"$tmp/probe-codes.h"
access_codes "$tmp/probe-codes.h" >"$tmp/probe-codes"
check "a code on the line after its X( is read, no comment or text" sh -c '[ "$(cat "$0" | tr "\n" " ")" = "one-code two " ]' "$tmp/probe-codes"
raw_codes() {
	for f in "$1"/*.args; do
		grep -qx log "$f" && grep -qx -e --case -e --user -e --review "$f" || continue
		cat "${f%.args}.out"
	done | awk -v codes="$tmp/access-codes" '
	BEGIN { while ((getline l < codes) > 0) C[l] = 1 }
	# an entry: its number, then its time
	$0 ~ /^ *[0-9]+  [0-9][0-9][0-9][0-9]-/ { n = split($0, F, /  +/)
	  for (i = 1; i <= n; i++) { w = F[i]; sub(/ \(.*/, "", w); if (w in C) { print; break } } }'
}
for lang in sv en; do
	n=$(for f in "$tmp/$lang"/*.args; do grep -qx -e --case "$f" && grep -qx log "$f" && cat "${f%.args}.out"; done | grep -c SKA-LUNG-2026-0001)
	result "$lang: log --case lists the case's reads ($n)" $([ "$n" -ge 2 ]; echo $?)
	raw_codes "$tmp/$lang" >"$tmp/$lang.codes"
	result "$lang: the access log's lists show no code" $([ ! -s "$tmp/$lang.codes" ]; echo $?)
	[ -s "$tmp/$lang.codes" ] && head -5 "$tmp/$lang.codes" | diag
done
mkdir "$tmp/probe-log"
printf 'log\n--case\nX\n' >"$tmp/probe-log/run.a.args"
printf '     1  2026-11-23T09:00:00Z  me  show  X  board\n' >"$tmp/probe-log/run.a.out"
raw_codes "$tmp/probe-log" >"$tmp/probe-log.codes"
check "the check finds a code in a log list" test -s "$tmp/probe-log.codes"
printf 'Readers of more than 50 patients on one day:\n  none\n' >"$tmp/probe-log/run.a.out"
raw_codes "$tmp/probe-log" >"$tmp/probe-log.codes"
check "and not in a line that is no entry" test ! -s "$tmp/probe-log.codes"

# The check itself: a word of the list written by the program is found;
# the same word given to the program (data) is not.
mkdir "$tmp/probe"
printf -- '--db\nx.db\ncases\n' >"$tmp/probe/run.a.args"
printf 'Inga fall: press q\n' >"$tmp/probe/run.a.out"
printf -- '--db\nx.db\nshow\nwhere the tumour is\n' >"$tmp/probe/run.b.args"
printf 'Fråga: where the tumour is\n' >"$tmp/probe/run.b.out"
findings "$tmp/probe" "$TB_SRCDIR/tests/words-en.list" >"$tmp/probe.found"
check "the check finds an English word the program writes" grep -q '^press	run.a.out (cases)' "$tmp/probe.found"
check "the check leaves out the same words given to it" lacks "$tmp/probe.found" -q run.b
finish

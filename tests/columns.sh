#!/bin/sh
# The command line's tables line up in display cells, in English and in
# Swedish (#18): å, ä, ö, a dash and an arrow take one cell and two or
# three bytes, so a column padded by bytes ("%-12s", "%30s") stands
# short of its heading in Swedish. Each listing of the example data
# (turnaround, meetings, cases, agenda, form list, kb show) is
# written with one byte a cell (tests/cells) and measured: a column
# starts (or, right-aligned, ends) in the same cell on every row and
# under its heading.
. "$TB_SRCDIR/tests/tap.sh"
[ -x "${TB_CELLS:-}" ] || {
	echo "Bail out! tests/cells is not built (TB_CELLS=${TB_CELLS:-})"
	exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
db="$tmp/tb.db"
tb_archive "$db" meetings || exit 1
sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$db" >/dev/null || exit 1
later=2027-01-10T09:00:00Z

# run NAME ARGS...: the command in both languages, one byte a cell
run() {
	name=$1
	shift
	for lang in en sv; do
		LANGUAGE=$lang TUMORBOARD_NOW=$later "$TB" --db "$db" "$@" \
			>"$tmp/$name-$lang.txt" 2>"$tmp/$name-$lang.err"
		result "$name ($lang) runs" $?
		"$TB_CELLS" <"$tmp/$name-$lang.txt" >"$tmp/$name-$lang"
	done
}

# same NAME LANG ERE [end]: every line with ERE has it starting (or
# ending) in one cell, and there are two such lines or more
same() {
	f="$tmp/$1-$2"
	awk -v re="$3" -v end="${4:-}" 'match($0, re) {
		print end ? RSTART + RLENGTH : RSTART }' "$f" | sort -u >"$f.at"
	k=$(grep -Ec -e "$3" "$f")
	result "$1 ($2): /$3/ in one column on $k lines" \
		$([ "$k" -ge 2 ] && [ "$(wc -l <"$f.at")" -eq 1 ]; echo $?)
}

# turnaround: each heading (split at two spaces) ends where its values
# end, from the second column on; the board starts where its heading
# does
run turnaround turnaround
for lang in en sv; do
	f="$tmp/turnaround-$lang"
	awk 'NR == 1 {
		n = 0; s = $0; at = 0
		while (match(s, /[^ ]+( [^ ]+)*/)) {
			e[++n] = at + RSTART + RLENGTH; at += RSTART + RLENGTH - 1
			s = substr(s, RSTART + RLENGTH) }
		# "median days:" and its first label are one column
		if (n == 7) { e[4] = e[5]; e[5] = e[6]; e[6] = e[7]; n = 6 }
		cols = n; next }
	{
		m = 0; s = $0; at = 0
		while (match(s, /[^ ]+/)) {
			f[++m] = at + RSTART + RLENGTH; at += RSTART + RLENGTH - 1
			s = substr(s, RSTART + RLENGTH) }
		if (m != cols) { print "row " NR ": " m " columns, not " cols; bad = 1 }
		for (i = 2; i <= m && i <= cols; i++)
			if (f[i] != e[i]) { print "row " NR " column " i ": ends in cell " f[i] ", its heading in " e[i]; bad = 1 }
		rows++ }
	END { if (!rows) { print "no rows"; bad = 1 } exit bad }' "$f" >"$f.why"
	result "turnaround ($lang): the values end under their headings" $?
	diag <"$f.why"
done

# meetings: the board, the level, the status, the count, the place
run meetings meetings
for lang in en sv; do
	same meetings $lang '(lung|breast|colorectal|general|br#st|kolorektal|allm#n)'
	same meetings $lang ' [0-9]+ (cases?|fall)'
	same meetings $lang '(Konferensrum|Video|Nationell)'
done

# a board is named in the reader's language (its code in English)
check "meetings (en): the lung board as lung" grep -q '^1 .* lung  ' "$tmp/meetings-en.txt"
check "meetings (sv): the lung board as lunga" grep -q '^1 .* lunga  ' "$tmp/meetings-sv.txt"
check "turnaround (sv): the lung board as lunga" grep -q '^lunga ' "$tmp/turnaround-sv.txt"

# cases: the diagnosis code, the level and the status
run cases cases
for lang in en sv; do
	same cases $lang ' [A-Z][0-9][0-9]\.[0-9] '
	same cases $lang '(local|regional|national|lokal|nationell) '
done

# the agenda's text: the case, the name, the diagnosis code
run agenda agenda 1
for lang in en sv; do
	same agenda $lang '[A-Z]+-LUNG-2026-[0-9]+'
	same agenda $lang ' C[0-9][0-9]\.[0-9]'
done

# form list and the knowledge base's entries
run forms form list
run kb kb show
for lang in en sv; do
	same forms $lang ' [0-9]+ +[A-Z#]'
	same kb $lang '^[a-z0-9-]+ +[A-Z0-9]+ +(ESCAT|AMP) ' end
done
finish

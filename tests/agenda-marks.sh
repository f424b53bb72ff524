#!/bin/sh
# An agenda's marks (TRIAL, INTERPRETER) in one column of their own on a
# wide screen, after every row's readiness: never in the readiness column
# of a row that shows none (a case signed elsewhere, "already signed"),
# nor straight after one row's list of what is missing and apart from the
# next row's. Where they do not fit the width, they follow the row's text.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap '[ -n "$TB_KEEP" ] || rm -rf "$tmp"' EXIT
tb_archive "$tmp/tb.db" decisions || exit 1
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME

# norm: a character a byte (å, ö, é as one), so that awk counts columns
norm() {
	LC_ALL=C sed -e 's/[\xc0-\xdf][\x80-\xbf]/_/g' \
		-e 's/[\xe0-\xef][\x80-\xbf][\x80-\xbf]/_/g'
}

# screen NAME SIZE KEYS: the first screen dumped by a run of KEYS
screen() {
	printf '%s\n' "$3" >"$tmp/$1.keys"
	LANGUAGE=${LANG_RUN:-en} "$TB" --db "$tmp/tb.db" --script "$tmp/$1.keys" \
		--size "$2" --dump "$tmp/$1.out" >/dev/null 2>&1
	result "$1 at $2 runs" $?
	sed -n '/^--- screen 1 /,/^--- screen 2 /p' "$tmp/$1.out" |
		grep -E '^ (T| )[0-9] ' | norm >"$tmp/$1"
	check "$1: agenda rows dumped" test -s "$tmp/$1"
}

# marks FILE WORD...: the columns (in characters) where each row's first
# WORD starts, one a line ("-" for a row without one)
marks() {
	f=$1
	shift
	awk -v words="$*" 'BEGIN { n = split(words, w, " ") }
	{
		at = 0
		for (i = 1; i <= n; i++) {
			p = index($0, "  " w[i])
			if (p && (!at || p < at))
				at = p
		}
		print at ? at + 2 : "-"
	}' "$f"
}

# text_end FILE WORD...: the widest row's end before its marks
text_end() {
	f=$1
	shift
	awk -v words="$*" 'BEGIN { n = split(words, w, " ") }
	{
		s = $0
		for (i = 1; i <= n; i++) {
			p = index(s, "  " w[i])
			if (p)
				s = substr(s, 1, p - 1)
		}
		sub(/ +$/, "", s)
		if (length(s) > e)
			e = length(s)
	}
	END { print e }' "$f"
}

# the colorectal meeting: its first case signed outside it (already
# signed, no readiness), and a trial of the registry fits it
screen signed 200x60 "$(tb_meeting_keys "$tmp/tb.db" 2) Enter dump
Esc Esc"
check "the signed case's row says so and carries TRIAL" \
	grep -q "already signed.*TRIAL" "$tmp/signed"
col=$(marks "$tmp/signed" TRIAL | grep -v -- - | head -1)
end=$(text_end "$tmp/signed" TRIAL)
check "  TRIAL after every row's readiness (at $col, the text ends at $end)" \
	test "$col" -gt "$((end + 1))"

# the lung meeting: TRIAL on ready rows, INTERPRETER after a row's list of
# what is missing
lung=$(tb_meeting_keys "$tmp/tb.db" 1)
screen lung 200x60 "$lung Enter dump
Esc Esc"
check "the lung agenda has both marks" \
	sh -c 'grep -q TRIAL "$0" && grep -q INTERPRETER "$0"' "$tmp/lung"
check "  every mark in one column" \
	test "$(marks "$tmp/lung" TRIAL INTERPRETER | grep -v -- - | sort -u | wc -l)" = 1
col=$(marks "$tmp/lung" TRIAL INTERPRETER | grep -v -- - | head -1)
end=$(text_end "$tmp/lung" TRIAL INTERPRETER)
check "  after every row's readiness (at $col, the text ends at $end)" \
	test "$col" -gt "$((end + 1))"
LANG_RUN=sv screen lung-sv 200x60 "$lung Enter dump
Esc Esc"
check "  in Swedish too (STUDIE, TOLK)" \
	test "$(marks "$tmp/lung-sv" STUDIE TOLK | grep -v -- - | sort -u | wc -l)" = 1

# printed (agenda --check, and its PDF): the signed case's TRIAL where the
# marks follow a count ("ready", "1 missing"), not in the readiness column
"$TB" --db "$tmp/tb.db" agenda 2 --check 2>&1 | norm >"$tmp/cli"
t=$(awk '/SKA-CRC-2026-0118/ { print index($0, "TRIAL"); exit }' "$tmp/cli")
r=$(awk '/JKP-CRC-2026-0031/ { print index($0, "ready"); exit }' "$tmp/cli")
check "agenda --check: the signed case's TRIAL after a count's room (at ${t:-none}, readiness at ${r:-none})" \
	test "${t:-0}" -eq "$((${r:-0} + 11))" -a "${r:-0}" -gt 0
"$TB" --db "$tmp/tb.db" agenda 2 --check --pdf "$tmp/ag.pdf" >/dev/null 2>&1
pdftotext -layout "$tmp/ag.pdf" - | norm >"$tmp/pdf"
check "  in its PDF not right after ICD-10 either" \
	sh -c 'grep -q "SKA-CRC-2026-0118 *C18.0 .*TRIAL" "$0" && ! grep -q "C18.0 \{1,4\}TRIAL" "$0"' "$tmp/pdf"

# narrower: what is missing named on the row only where its marks still
# fit after it, the marks brief (INT, T alone) where whole ones would not:
# at no width is a mark cut at the screen's edge
screen lung120 120x40 "$lung Enter dump
Esc Esc"
check "at 120 columns TRIAL follows the count" \
	grep -q "ready      TRIAL" "$tmp/lung120"
check "  and INTERPRETER after the count alone, whole, in the same column" \
	grep -q "C34.3   1 missing  INTERPRETER (ar)\$" "$tmp/lung120"
for w in 103 104; do # Swedish's brief mark, "  TOLK", is a cell wider
	LANG_RUN=sv screen "lung-sv$w" "${w}x40" "$lung Enter dump
Esc Esc"
	check "  in Swedish at $w columns the interpreter marked whole" \
		grep -Eq "OST-LUNG-2026-0004 .*(  TOLK \(ar\)|  TOLK)\$" "$tmp/lung-sv$w"
done
for w in 100 103 110 116 130 140 160; do
	screen "lung$w" "${w}x40" "$lung Enter dump
Esc Esc"
	check "  at $w columns the interpreter marked whole (INTERPRETER (ar) or INT)" \
		grep -Eq "OST-LUNG-2026-0004 .*(  INTERPRETER \(ar\)|  INT)\$" "$tmp/lung$w"
done
# at a running meeting the line under the agenda says, for the selected
# case, the question to the board and then what is missing (its row may
# have room for the count only)
cp "$tmp/tb.db" "$tmp/run.db"
"$TB" --db "$tmp/run.db" meeting start 1 >/dev/null 2>&1
result "the lung meeting started" $?
printf '%s\n' "$lung Enter dump" "Esc Esc" >"$tmp/run.keys"
"$TB" --db "$tmp/run.db" --script "$tmp/run.keys" --size 200x60 \
	--dump "$tmp/run.out" >/dev/null 2>&1
q=$(sqlite3 "$tmp/run.db" "SELECT substr(question, 1, 20) FROM cases WHERE external_id = 'OST-LUNG-2026-0004'")
check "  its question read (${q:-none})" test -n "$q"
check "  the selected case's line: its question, then what is missing" \
	sh -c 'grep -F "OST-LUNG-2026-0004: $1" "$0" |
		grep -q " · missing Current imaging"' "$tmp/run.out" "$q"
finish

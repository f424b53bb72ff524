#!/bin/sh
# The case list's count of a search while it is typed: a key reads the
# first screen of matches and no further, so the title says "counting…"
# (Swedish "räknas…") and shows no row number while there are more; the
# pause after the screen is drawn (a script's idle) fills in the count
# and the row without a key; End counts at once; a search with no more
# matches than the screen holds is counted at the key; the queue too.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_archive "$db" || exit 1
all=$("$TB" --db "$db" cases --search c --count)
few=$("$TB" --db "$db" cases --search braf --count)
check "the archive has more c-matches than a screen, braf fewer" \
	test "${all:-0}" -gt 8 -a "${few:-9}" -ge 1 -a "${few:-9}" -le 4
# screen KEYS [LANG]: the title of every dump, one a line
screen() {
	printf '%s\n' "$1" >"$tmp/keys"
	LANGUAGE=${2:-en} "$TB" --db "$db" --script "$tmp/keys" --size 100x8 \
		--dump "$tmp/screen" >/dev/null 2>&1 </dev/null
	grep -A1 '^--- screen' "$tmp/screen" | grep -v '^--' >"$tmp/titles"
}
screen '/ c dump idle dump Enter End dump'
check "a key leaves the count to the pause: counting…, no row" \
	sh -c 'sed -n 1p "$0" | grep -q "cases matching \"c\" (counting…) *$"' "$tmp/titles"
check "  the pause fills it in, and the row" \
	sh -c 'sed -n 2p "$0" | grep -q "cases matching \"c\" ($1)   row 1 of $1 *$"' "$tmp/titles" "$all"
check "  End is on the list's last row" \
	sh -c 'sed -n 3p "$0" | grep -q "($1)   row $1 of $1 *$"' "$tmp/titles" "$all"
screen '/ c Enter End dump'
check "End while it is counted counts it" \
	sh -c 'sed -n 1p "$0" | grep -q "cases matching \"c\" ($1)   row $1 of $1 *$"' "$tmp/titles" "$all"
screen '/ c Enter PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn PgDn dump'
check "paging to the end counts it" \
	sh -c 'sed -n 1p "$0" | grep -q "($1)   row $1 of $1 *$"' "$tmp/titles" "$all"
screen '/ b r a f dump'
check "a search the screen holds is counted at the key" \
	sh -c 'sed -n 1p "$0" | grep -q "cases matching \"braf\" ($1)   row 1 of $1 *$"' "$tmp/titles" "$few"
screen '/ c dump idle dump' sv
check "in Swedish: räknas…" \
	sh -c 'sed -n 1p "$0" | grep -q "(räknas…) *$"' "$tmp/titles"
check "  then the count" \
	sh -c 'sed -n 2p "$0" | grep -q "($1)   rad 1 av $1 *$"' "$tmp/titles" "$all"
q=$("$TB" --db "$db" cases --queue --search c --count 2>/dev/null)
screen 'r / c dump idle dump'
check "the queue's search: counting…, then the count" \
	sh -c 'sed -n 1p "$0" | grep -q "(counting…) *$" && sed -n 2p "$0" | grep -q "($1)   row 1 of $1 *$"' "$tmp/titles" "$q"
finish

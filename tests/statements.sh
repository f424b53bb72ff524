#!/bin/sh
# Statements per key (issue 20: on a server each is a round trip), by the
# program's own count (TUMORBOARD_STATEMENTS, a run with the keys less a
# run without them): the meetings list and an agenda read each agenda's
# cases at once, so opening them costs as many statements for an agenda
# of three cases as for one of seven; a page of the case list is logged
# in a few statements, not two or three per row.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
tb_fixture "$tmp/base.db" || exit 1
"$TB" --db "$tmp/base.db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1

# agenda DB CASES...: a planned lung meeting with these cases
agenda() {
	db=$1
	shift
	cp "$tmp/base.db" "$db"
	m=$("$TB" --db "$db" meeting add --date 2026-11-26 --start 14:00 \
		--length 60 --board lung --level regional) || exit 1
	"$TB" --db "$db" agenda "$m" add "$@" >/dev/null || exit 1
}
agenda "$tmp/three.db" SKA-LUNG-2026-0001 OST-LUNG-2026-0004 \
	HAL-LUNG-2026-0017
agenda "$tmp/seven.db" SKA-LUNG-2026-0001 OST-LUNG-2026-0004 \
	HAL-LUNG-2026-0017 SLL-LUNG-2026-0031 VGR-LUNG-2026-0019 \
	SLL-LUNG-2026-0044 ORE-LUNG-2026-0021

# run DB SIZE KEYS: the statements of a screen run of KEYS (then q)
run() {
	printf '%s q\n' "$3" >"$tmp/keys"
	rm -f "$tmp/count"
	LANG=C.UTF-8 TUMORBOARD_STATEMENTS="$tmp/count" "$TB" --db "$1" \
		--script "$tmp/keys" --size "$2" --dump /dev/null >/dev/null 2>&1 ||
		return 1
	awk '$1 == "statements" { n += $2 } END { print n + 0 }' "$tmp/count"
}
# statements DB SIZE SETUP KEYS: those of KEYS after SETUP
statements() {
	a=$(run "$1" "$2" "$3") && b=$(run "$1" "$2" "$3 $4") &&
		echo $((b - a))
}

n=$(run "$tmp/base.db" 80x24 "")
result "a run's statements are counted ($n)" $([ "${n:-0}" -gt 0 ]; echo $?)

m3=$(statements "$tmp/three.db" 120x40 "" "m q")
m7=$(statements "$tmp/seven.db" 120x40 "" "m q")
diag "meetings list (m q): $m3 statements with 3 cases on the agenda, $m7 with 7"
result "the meetings list: as many statements for 7 cases as for 3 ($m3, $m7)" \
	$([ -n "$m3" ] && [ "$m3" = "$m7" ]; echo $?)
a3=$(statements "$tmp/three.db" 120x40 "m" "Enter q")
a7=$(statements "$tmp/seven.db" 120x40 "m" "Enter q")
diag "agenda (Enter q): $a3 statements with 3 cases, $a7 with 7"
result "the agenda: as many statements for 7 cases as for 3 ($a3, $a7)" \
	$([ -n "$a3" ] && [ "$a3" = "$a7" ]; echo $?)

# a page down the case list on a screen of some 30 rows: its new rows
# logged with the care facts and the patients read at once and one
# INSERT of the entries (it was two or three statements a row)
p=$(statements "$tmp/seven.db" 100x34 "" "PgDn")
diag "a page down the case list: $p statements"
result "a page of the case list in at most 16 statements ($p)" \
	$([ -n "$p" ] && [ "$p" -le 16 ]; echo $?)
check "and its reads are in the access log, the chain whole" \
	"$TB" --db "$tmp/seven.db" verify
finish

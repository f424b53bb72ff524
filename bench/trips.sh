#!/bin/sh
# Statements per key of each of bench.sh's key classes on an archive that
# bench.sh has measured (its two lung meetings planned and started): each
# class's run (its setup keys, then the keys measured) less the run of
# its setup keys alone, over the keys the class counts, from the
# program's own count (TUMORBOARD_STATEMENTS, tumorboard(1)). On a server
# each statement is a round trip; BEGIN, COMMIT and NOTIFY are not in the
# count. Keys the class does not count (q in "Enter q") are in its
# statements: the figure is then the cost of the pair.
#
# usage: bench/trips.sh DB   (a SQLite file or a PostgreSQL URI; TB names the
# program, default ./tests/tumorboard-as)
set -eu
# the test program by default: it reads TUMORBOARD_NOW, which the fixed
# meetings and clock of these runs need (the installed program does not)
: "${TB:=./tests/tumorboard-as}"
db=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME

# run KEYS: the statements of a screen run of KEYS
run() {
	printf '%s\n' "$1" >"$tmp/keys"
	rm -f "$tmp/count"
	TUMORBOARD_STATEMENTS="$tmp/count" "$TB" --db "$db" --script \
		"$tmp/keys" --size 120x40 --dump /dev/null >/dev/null 2>&1 || true
	awk '$1 == "statements" { n += $2 } END { print n + 0 }' "$tmp/count"
}

# repeat, search_keys: the keys bench.sh times
. "$(dirname "$0")/keys.sh"

# class NAME KEYS SETUP MEASURED
class() {
	a=$(run "$3")
	b=$(run "$3
$4")
	awk -v n="$1" -v k="$2" -v d="$((b - a))" \
		'BEGIN { printf "%-14s %6.1f statements per key (%d over %d keys)\n", n, d / k, d, k }'
}

class scroll 400 "" "j*300 k*100"
class page 112 "" "PgDn*25 PgUp*25 End PgUp*20 Home PgDn*20 PgUp*20"
class open_case 50 "" "$(repeat 50 'Enter q j')"
class tab 80 "Enter" "Tab*40 BackTab*40"
class queue 40 "" "r*40"
class meetings 30 "" "$(repeat 30 'm q')"
class followup 30 "" "$(repeat 30 'f q')"
class agenda 30 "m" "$(repeat 30 'Enter q')"
class live_step 60 "m j Enter Enter" "]*10 [*10 ]*10 [*10 ]*10 [*10"
class form_step 120 "/
type GEN-LUNG
Enter Enter d" "j*30 k*30 j*30 k*30"
class search_key 108 "/" "$(search_keys)"
class search_clear 20 "" "$(repeat 20 '/ e Enter Esc')"

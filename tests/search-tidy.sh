#!/bin/sh
# An import that is a large part of the archive leaves the case search's
# index (SQLite's FTS5) as one b-tree: db_case_search_tidy. A small import
# into a larger archive leaves it as FTS5 does (a b-tree more), and a
# search finds the same either way.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check "bench/gencases is built" test -x "$TB_BENCHBIN/gencases"
# 120 cases, five to a file: files 0-19 (100 cases), then 20 and 21
"$TB_BENCHBIN/gencases" --seed 1 --per-file 5 120 "$tmp/c" >/dev/null 2>&1
set -- "$tmp"/c/*.xml
check "the cases were generated" test "$#" -eq 24
first=""
i=0
for f in "$@"; do
	[ "$i" -lt 20 ] && first="$first $f"
	i=$((i + 1))
done
f20=$(ls "$tmp"/c/*.xml | sed -n 21p)
f21=$(ls "$tmp"/c/*.xml | sed -n 22p)
segments() { sqlite3 "$1" "SELECT count(DISTINCT segid) FROM case_fts_idx"; }
db=$tmp/tb.db
tb() { TUMORBOARD_NOW=2026-11-30T13:00:00Z "$TB" --db "$db" "$@"; }
boards="--board lung --board breast --board colorectal --board prostate --board melanoma --board general"
# shellcheck disable=SC2086 # the options are words
tb user add "$(id -un)" --name "Test Testsson" --title läkare \
	--role administrator,coordinator $boards >/dev/null
# shellcheck disable=SC2086 # the file names have no spaces
tb import $first >"$tmp/out" 2>&1
check "100 cases imported in one command, 20 files" \
	test "$(tb cases --count)" = 100
check "  the search's index is one b-tree" test "$(segments "$db")" = 1
tb import "$f20" >/dev/null 2>&1 && tb import "$f21" >/dev/null 2>&1
check "5 and 5 more, each a tenth of the archive or less" \
	test "$(tb cases --count)" = 110
n=$(segments "$db")
check "  leave a b-tree each, as FTS5 does ($n)" test "$n" -gt 1
# the same 110 cases in one command: one b-tree, and the same answers
one=$tmp/one.db
# shellcheck disable=SC2086
TUMORBOARD_NOW=2026-11-30T13:00:00Z "$TB" --db "$one" user add "$(id -un)" \
	--name "Test Testsson" --title läkare --role administrator,coordinator \
	$boards >/dev/null
# shellcheck disable=SC2086
TUMORBOARD_NOW=2026-11-30T13:00:00Z "$TB" --db "$one" import $first "$f20" "$f21" >/dev/null 2>&1
check "110 cases in one command: one b-tree" test "$(segments "$one")" = 1
for w in egfr lung c34 gen andersson 'kras g12c' hjärn; do
	tb cases --search "$w" --full-id >"$tmp/a" 2>&1
	TUMORBOARD_NOW=2026-11-30T13:00:00Z "$TB" --db "$one" cases --search "$w" \
		--full-id >"$tmp/b" 2>&1
	check "search \"$w\" finds the same ($(wc -l <"$tmp/a") cases)" \
		cmp -s "$tmp/a" "$tmp/b"
	[ "$w" = lung ] && cp "$tmp/a" "$tmp/lung"
done
check "  and finds something" test "$(tb cases --search gen --count)" = 110
check "  and a word of a few" sh -c 'n=$(wc -l <"$1"); [ "$n" -gt 0 ] && [ "$n" -lt 110 ]' sh "$tmp/lung"
# a dry run writes nothing, merges nothing
cp "$db" "$tmp/dry.db"
# shellcheck disable=SC2086
TUMORBOARD_NOW=2026-11-30T13:00:00Z "$TB" --db "$tmp/dry.db" import --dry-run "$@" >/dev/null 2>&1
check "a dry run of all 120 leaves the b-trees as they were" \
	test "$(segments "$tmp/dry.db")" = "$n"
# Schema 30: a case's words are written again only when one of them
# changes. A change of status (listed on an agenda, taken off) leaves the
# index as it was, byte for byte: before, each left a b-tree of its own.
index() { sqlite3 "$1" "SELECT group_concat(id || ':' || hex(block), ',') FROM (SELECT id, block FROM case_fts_data ORDER BY id)" | cksum; }
before=$(index "$one")
on1() { TUMORBOARD_NOW=2026-11-30T13:00:00Z "$TB" --db "$one" "$@"; }
m=$(on1 meeting add --date 2026-12-07 --start 09:00 --length 60 --board lung --level regional)
on1 cases --diagnosis C34 --status referred --full-id | awk '{print $1}' >"$tmp/listed"
was=$(on1 cases --diagnosis C34 --status listed --count)
while read -r c; do on1 agenda "$m" add "$c" >/dev/null || exit 1; done <"$tmp/listed"
c1=$(head -n 1 "$tmp/listed")
on1 agenda "$m" remove "$c1" --reason "Väntar på PET" >/dev/null || exit 1
check "the lung cases waiting listed, one taken off again" \
	test "$(on1 cases --diagnosis C34 --status listed --count)" = "$((was + $(wc -l <"$tmp/listed") - 1))"
check "  leave the search index as it was, byte for byte" \
	test "$(index "$one")" = "$before"
sqlite3 "$one" "UPDATE patient SET given_name = given_name"
check "  and so does a patient's name written as it was" \
	test "$(index "$one")" = "$before"
n=$(segments "$one")
sqlite3 "$one" "UPDATE cases SET question = 'Strålbehandling av binjuremetastas?' WHERE external_id = '$c1'"
check "a case's question changed is written to the index" \
	test "$(segments "$one")" -gt "$n"
check "  found by its new words" \
	test "$(on1 cases --search binjuremetastas --full-id | awk '{print $1}')" = "$c1"
sqlite3 "$one" "UPDATE patient SET family_name = 'Quist' WHERE id = (SELECT patient_id FROM cases WHERE external_id = '$c1')"
on1 cases --search quist --full-id | awk '{print $1}' >"$tmp/quist"
check "  and a renamed patient's case by the new name" \
	grep -qx "$c1" "$tmp/quist"
finish

#!/bin/sh
# The screen's write-ahead log is copied into the archive in a pause
# between keys, never while keys come (SQLite's own checkpoint, at a
# commit that left 1,000 pages in the log, took tens of milliseconds of a
# key at 100,000 cases): a script's "idle" (a quarter of a second without
# a key) runs one checkpoint after the screen wrote (its access-log
# entries), a second pause with nothing new none, keys alone none.
# (tests/test_db.c checks the log's pages stay out of the file until the
# pause and a connection that does not wait.)
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
tb_fixture "$tmp/a.db" || exit 1
"$TB" --db "$tmp/a.db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1

# checkpoints KEYS: the checkpoints a screen run of KEYS (then q) ran
checkpoints() {
	printf '%s q\n' "$1" >"$tmp/keys"
	: >"$tmp/trace"
	TB_SQL_TRACE="$tmp/trace" "$TB" --db "$tmp/a.db" --script "$tmp/keys" \
		--size 120x40 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" ||
		{
			cat "$tmp/err" >&2
			echo fail
			return
		}
	grep -c '^PRAGMA wal_checkpoint(PASSIVE)$' "$tmp/trace"
}

n=$(checkpoints "j j idle idle")
result "a pause after the screen wrote runs one checkpoint, a second pause none ($n)" \
	$([ "$n" = 1 ]; echo $?)
n=$(checkpoints "j j PgDn j")
result "keys without a pause run none ($n)" $([ "$n" = 0 ]; echo $?)
n=$(checkpoints "j idle PgDn idle")
result "a pause after more was written runs another ($n)" \
	$([ "$n" = 2 ]; echo $?)
# the pause is not a key: the screen after it is the screen before it
printf 'j j dump q\n' >"$tmp/keys"
"$TB" --db "$tmp/a.db" --script "$tmp/keys" --size 120x40 \
	--dump "$tmp/s1" >/dev/null 2>&1
printf 'j idle j dump q\n' >"$tmp/keys"
"$TB" --db "$tmp/a.db" --script "$tmp/keys" --size 120x40 \
	--dump "$tmp/s2" >/dev/null 2>&1
result "a pause moves nothing on the screen" \
	$([ -s "$tmp/s1" ] && cmp -s "$tmp/s1" "$tmp/s2"; echo $?)
# a script's idle is not timed as a key: as many timed as without it
timed() {
	printf '%s q\n' "$1" >"$tmp/keys"
	rm -f "$tmp/timing"
	"$TB" --db "$tmp/a.db" --script "$tmp/keys" --size 120x40 \
		--dump /dev/null --timing "$tmp/timing" >/dev/null 2>&1
	grep -c '^key ' "$tmp/timing"
}
k1=$(timed "j j") k2=$(timed "j idle j")
result "a pause is not timed as a key ($k2 keys timed, $k1 without it)" \
	$([ -n "$k1" ] && [ "$k1" -gt 0 ] && [ "$k1" = "$k2" ]; echo $?)
# SQLite runs in the program: no server's CPU beside a key's own
result "on SQLite a timed key has four fields, no server's CPU" \
	$(awk '$1 == "key" { n++; if (NF != 4) bad++ } END { exit !(n && !bad) }' \
		"$tmp/timing"; echo $?)
finish

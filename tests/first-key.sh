#!/bin/sh
# The first key of its kind parses no statement: the next screens'
# statements are prepared once the first screen is drawn (db_warm, on
# SQLite: on a server each would be a round trip before the first key),
# so that a run of KEY then q prepares exactly the statements a run of q
# alone does. The referral queue (r: its count and its rows), the
# meetings list (m), an agenda (m Enter), the follow-up list (f) and a
# row scrolled into view (j). The screen is small enough that the queue
# fills it as the list does: the access log's INSERT of a screen of rows
# is then the one the first screen prepared.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
tb_fixture "$tmp/a.db" || exit 1
"$TB" --db "$tmp/a.db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
m=$("$TB" --db "$tmp/a.db" meeting add --date 2026-12-07 --start 14:00 \
	--length 60 --board lung --level regional) || exit 1
"$TB" --db "$tmp/a.db" agenda "$m" add SKA-LUNG-2026-0001 \
	OST-LUNG-2026-0004 >/dev/null || exit 1

# prepared KEYS: the statements a screen run of KEYS (then q) prepares,
# one line each, sorted
prepared() {
	printf '%s q\n' "$1" >"$tmp/keys"
	: >"$tmp/trace"
	TB_SQL_TRACE="$tmp/trace" "$TB" --db "$tmp/a.db" --script "$tmp/keys" \
		--size 100x16 --dump /dev/null >/dev/null 2>"$tmp/err" || {
		cat "$tmp/err" >&2
		return 1
	}
	sort -u "$tmp/trace"
}
prepared "" >"$tmp/start" || exit 1
check "the start prepares the queue's two statements" \
	test "$(grep -c '^SELECT c\.id.* FROM case_row c WHERE TRUE AND c\.waiting = 1 ORDER\|FROM queue_count' "$tmp/start")" = 2
for k in r m "m Enter" f j; do
	prepared "$k" >"$tmp/after" || exit 1
	comm -13 "$tmp/start" "$tmp/after" >"$tmp/new"
	check "the first $k prepares no statement ($(wc -l <"$tmp/new") new)" \
		test ! -s "$tmp/new"
	[ -s "$tmp/new" ] && sed 's/^/#   /' "$tmp/new" | cut -c1-120
done
finish

#!/bin/sh
# The follow-up list reads a window of its index, not every decision: the
# last 30 follow-ups before today and every one from today on; the title
# says from when, and Up (or Page Up) on the first row reads 50 earlier
# ones, the selection moving up from the row it was on. The archive's extra
# decisions stand as an upgraded archive's do (schema 28): in the
# index at the day they were signed, their follow-up dates not read yet;
# the list reads those dates from the decisions' content first, once.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_need_as
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
# the demo's cases and decisions, made on the demo's day (the tests'
# clock); the screen is looked at a week later
tb_fixture "$db" || exit 1
"$TB" --db "$db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$db" >/dev/null || exit 1
sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$db" >/dev/null 2>&1 || exit 1
q() { sqlite3 "$db" "$1"; }
lung=$(q "SELECT d.id FROM decision d JOIN cases c ON c.id = d.case_id WHERE c.external_id = 'SKA-LUNG-2026-0001'")
due=$(q "SELECT substr(content, instr(content, 'follow-up-date=') + 15, 10) FROM decision WHERE id = $lung")
check "the lung decision is due $due" test -n "$due"
# every undecided case (over 30) gets a copy of it, the k-th due
# 2026-09-30 + k days (the last in early November, before today)
n=$(q "SELECT count(*) FROM cases WHERE id NOT IN (SELECT case_id FROM decision)")
check "over 30 undecided cases ($n)" test "$n" -gt 30
q "INSERT INTO decision (case_id, form_instance_id, version, meeting_id,
	form_id, form_version, kb_version, content, signed_by, signed_at,
	attendees, content_hash)
	SELECT c.id, d.form_instance_id, 1, d.meeting_id, d.form_id,
	d.form_version, d.kb_version, replace(d.content,
	'follow-up-date=$due', 'follow-up-date=' || date('2026-09-30',
	'+' || c.k || ' days')), d.signed_by, '2026-08-01T10:00:00Z',
	d.attendees, d.content_hash
	FROM decision d, (SELECT id, row_number() OVER (ORDER BY id) AS k
	FROM cases WHERE id NOT IN (SELECT case_id FROM decision)
	ORDER BY id) c WHERE d.id = $lung;
	INSERT INTO followup_due (decision_id, case_id, due, day, latest, known)
	SELECT id, case_id, NULL, substr(signed_at, 1, 10), 1, 0
	FROM decision WHERE signed_at = '2026-08-01T10:00:00Z'" || exit 1
check "$n follow-ups stand unread at the day they were signed" \
	test "$(q "SELECT count(*) FROM followup_due WHERE known = 0 AND day = '2026-08-01'")" = "$n"
# the window begins at the 30th before today, the one before is left
first=$(date -u -d "2026-09-30 + $((n - 29)) days" +%F)
left=$(date -u -d "2026-09-30 + $((n - 30)) days" +%F)
case_of() { q "SELECT c.external_id FROM decision d JOIN cases c ON c.id = d.case_id WHERE d.content LIKE '%follow-up-date=$1%'"; }
tenth=$(case_of "$left")
eleventh=$(case_of "$first")
check "their cases ($left $tenth, $first $eleventh)" test -n "$tenth" -a -n "$eleventh"

TUMORBOARD_NOW=2026-11-30T13:00:00Z
export TUMORBOARD_NOW
screen() { awk -v n="$2" '/^--- screen /{ s++; next } s == n' "$1"; }
on() { screen "$1" "$2" | grep -qF -- "$3"; }
off() { [ -s "$1" ] && ! screen "$1" "$2" | grep -qF -- "$3"; }
title() { screen "$1" "$2" | sed -n 1p; }

printf '%s\n' f dump Enter dump q Up dump Enter dump q q q >"$tmp/keys"
for lang in en sv; do
	if [ $lang = sv ]; then
		from="uppföljning från $first  Upp överst: tidigare"
	else
		from="follow-up from $first  Up at the top: earlier"
	fi
	[ $lang = en ] || q "UPDATE followup_due SET known = 0, due = NULL, day = '2026-08-01' WHERE decision_id IN (SELECT id FROM decision WHERE signed_at = '2026-08-01T10:00:00Z')"
	out="$tmp/$lang.dump"
	LANGUAGE=$lang "$AS" --db "$db" --script "$tmp/keys" --size 100x60 \
		--dump "$out" >/dev/null 2>&1
	result "$lang: the list runs" $?
	check "$lang:   the dates were read from the decisions" \
		test "$(q "SELECT count(*) FROM followup_due WHERE known = 0")" = 0
	check "$lang: the title says from when" on "$out" 1 "$from"
	check "$lang: the 30th before today is the first row" \
		sh -c 'awk "/^--- screen /{s++; next} s == 1" "$0" | sed -n 3p |
			grep -qF "$1"' "$out" "$first"
	check "$lang: the one before it is not read" off "$out" 1 "$left"
	check "$lang: the ones from today on are there ($due)" on "$out" 1 "$due"
	check "$lang: Enter opens the first row's case" on "$out" 2 "$eleventh"
	check "$lang: Up on it reads the earlier ones" on "$out" 3 "2026-10-01"
	check "$lang:   and the title no longer says from when" \
		sh -c 'title=$(awk "/^--- screen /{s++; next} s == 3" "$0" | sed -n 1p)
			[ -n "$title" ] && ! echo "$title" | grep -qF "$1"' "$out" "$first"
	check "$lang:   the selection moves up from the row it was on" \
		on "$out" 4 "$tenth"
	check "$lang:   (not to the first read)" off "$out" 4 "$eleventh"
done
# ---- ahead: the first 20 from today on, Down at the bottom reads more ------
# two more copies for each of those cases, due 2027-02-01 + j days
# (j = 1 .. 2n), after the demo's own (the last 2027-01-04)
q "INSERT INTO decision (case_id, form_instance_id, version, meeting_id,
	form_id, form_version, kb_version, content, signed_by, signed_at,
	attendees, content_hash)
	SELECT c.id, d.form_instance_id, 1 + c.j, d.meeting_id, d.form_id,
	d.form_version, d.kb_version, replace(d.content,
	'follow-up-date=$due', 'follow-up-date=' || date('2027-02-01',
	'+' || c.j || ' days')), d.signed_by, '2026-08-02T10:00:00Z',
	d.attendees, d.content_hash
	FROM decision d, (SELECT x.case_id AS id, row_number() OVER
	(ORDER BY x.decision_id, t.t) AS j FROM followup_due x, (SELECT 1 AS t
	UNION ALL SELECT 2) t WHERE x.day < '2026-11-30') c WHERE d.id = $lung;
	INSERT INTO followup_due (decision_id, case_id, due, day, latest, known)
	SELECT id, case_id, NULL, substr(signed_at, 1, 10), 1, 0
	FROM decision WHERE signed_at = '2026-08-02T10:00:00Z'" || exit 1
ahead=$(q "SELECT count(*) FROM followup_due WHERE latest = 1 AND (day >= '2026-11-30' OR known = 0)")
check "$ahead follow-ups from today on" test "$ahead" -gt 21
# the 20th ahead (the demo's two first) and the 21st
twentieth=$(date -u -d "2027-02-01 + 18 days" +%F)
twentyfirst=$(date -u -d "2027-02-01 + 19 days" +%F)
printf '%s\n' f End dump Down dump q q >"$tmp/down.keys"
"$AS" --db "$db" --script "$tmp/down.keys" --size 100x30 \
	--dump "$tmp/down.dump" >/dev/null 2>&1
result "the list runs with them" $?
check "End goes to the 20th from today on ($twentieth)" \
	on "$tmp/down.dump" 1 "$twentieth"
check "  the one after it is not read" off "$tmp/down.dump" 1 "$twentyfirst"
check "Down on it reads the later ones" on "$tmp/down.dump" 2 "$twentyfirst"

# ---- the list kept: read ahead once, opened again without a read ---------
# (read after the first screen; opened twice while nothing changed)
tb_role_users "$db" || exit 1
reads() { grep -c "family_name.*FROM followup_due" "$1"; }
printf '%s\n' f q f q >"$tmp/twice.keys"
rm -f "$tmp/t1"
TB_AS=ledamot TB_SQL_TRACE="$tmp/t1" "$AS" --db "$db" --script "$tmp/twice.keys" \
	--size 100x30 --dump /dev/null >/dev/null 2>&1
check "the list is read once for two openings ($(reads "$tmp/t1"))" \
	test "$(reads "$tmp/t1")" = 1
# an emergency access of hers to come: her list changes when it begins
# with nothing in the store, so it is not kept
q "INSERT INTO emergency_access (user_id, case_id, reason, granted, until)
	SELECT u.id, (SELECT min(id) FROM cases), 'jour', '2026-12-01T08:00:00Z',
	'2026-12-01T20:00:00Z' FROM users u WHERE u.account = 'ledamot'" || exit 1
rm -f "$tmp/t2"
TB_AS=ledamot TB_SQL_TRACE="$tmp/t2" "$AS" --db "$db" --script "$tmp/twice.keys" \
	--size 100x30 --dump /dev/null >/dev/null 2>&1
check "  with an emergency access of hers to come, at each opening ($(reads "$tmp/t2"))" \
	test "$(reads "$tmp/t2")" = 3

# the window's statement: the index in the list's order, no sort
TB_SQL_TRACE="$tmp/trace" "$AS" --db "$db" --script "$tmp/keys" \
	--size 100x60 --dump /dev/null >/dev/null 2>&1
grep "family_name" "$tmp/trace" | grep "FROM followup_due" | head -n 1 >"$tmp/list.sql"
sqlite3 "$db" "EXPLAIN QUERY PLAN $(cat "$tmp/list.sql")" >"$tmp/plan" 2>&1
check "the list's statement walks its index, no sort" \
	sh -c 'test -s "$1" && grep -q followup_due_list "$0" && ! grep -q "TEMP B-TREE" "$0"' "$tmp/plan" "$tmp/list.sql"
finish

#!/bin/sh
# The clock and the logs' times (tumorboard(1), TUMORBOARD_NOW): the
# installed program ($TB_INSTALLED) never reads TUMORBOARD_NOW, only the
# program the tests run ($TB) does; and in either, an audit or access-log
# entry is never earlier than the entry before it in its chain (a clock
# set back is clamped to that entry's time).
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$TB_INSTALLED" ] || { echo "Bail out! the installed program ($TB_INSTALLED) is missing"; exit 1; }
db="$tmp/tb.db"
case=SKA-LUNG-2026-0001
last() { sqlite3 "$db" "SELECT at FROM $1 ORDER BY id DESC LIMIT 1"; }
# between A B C: A <= B <= C as timestamps (their text orders as the time)
between() { printf '%s\n' "$1" "$2" "$3" | LC_ALL=C sort -c 2>/dev/null; }
now() { date -u +%Y-%m-%dT%H:%M:%SZ; }

TUMORBOARD_NOW=2026-11-23T09:00:00Z tb_fixture "$db" || exit 1
TUMORBOARD_NOW=2026-11-23T09:00:00Z "$TB" --db "$db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1

# --- the installed program: the variable is not read ---------------------
t0=$(now)
TUMORBOARD_NOW=2099-01-01T00:00:00Z "$TB_INSTALLED" --db "$db" show $case >/dev/null 2>"$tmp/err"
r=$?
t1=$(now)
result "the installed program runs with TUMORBOARD_NOW set" $r
at=$(last access_log)
check "its read is logged at the real time, not at TUMORBOARD_NOW ($at)" between "$t0" "$at" "$t1"
t0=$(now)
TUMORBOARD_NOW=2099-01-01T00:00:00Z "$TB_INSTALLED" --db "$db" user add clock.a --name "Ada Klocka" --title läkare --role member >/dev/null 2>>"$tmp/err"
r=$?
t1=$(now)
result "  and writes with it set" $r
at=$(last audit)
check "its audit entry is at the real time, not at TUMORBOARD_NOW ($at)" between "$t0" "$at" "$t1"
TUMORBOARD_NOW="våren 2018" "$TB_INSTALLED" --db "$db" cases --count >/dev/null 2>>"$tmp/err"
result "  a malformed TUMORBOARD_NOW is not read either" $?
check "  and nothing is said about it" lacks "$tmp/err" -i now
TUMORBOARD_NOW="våren 2018" "$TB" --db "$db" cases --count >/dev/null 2>"$tmp/err2"
result "the test build reads it: malformed is a usage error (exit 2)" $([ $? -eq 2 ]; echo $?)
check "  said" grep -q "TUMORBOARD_NOW must look like" "$tmp/err2"

# --- the logs never go backwards (the test build's clock set back) --------
future=2031-06-01T12:00:00Z
TUMORBOARD_NOW=$future "$TB" --db "$db" show $case >/dev/null || echo "show at $future failed" | diag
TUMORBOARD_NOW=$future "$TB" --db "$db" user add clock.b --name "Bo Klocka" --title läkare --role member >/dev/null ||
	echo "user add at $future failed" | diag
result "an access-log row at $future" $([ "$(last access_log)" = $future ]; echo $?)
result "an audit entry at $future" $([ "$(last audit)" = $future ]; echo $?)
n_access=$(sqlite3 "$db" "SELECT count(*) FROM access_log")
n_audit=$(sqlite3 "$db" "SELECT count(*) FROM audit")
TUMORBOARD_NOW=2026-11-23T09:00:00Z "$TB" --db "$db" show $case >/dev/null
result "a read with the clock set back runs" $?
TUMORBOARD_NOW=2026-11-23T09:00:00Z "$TB" --db "$db" user add clock.c --name "Cilla Klocka" --title läkare --role member >/dev/null
result "  and a write" $?
result "  its access-log row is written" $([ "$(sqlite3 "$db" "SELECT count(*) FROM access_log")" -gt "$n_access" ]; echo $?)
result "  at the time of the row before it, not earlier (clamped)" $([ "$(last access_log)" = $future ]; echo $?)
result "  its audit entry is written" $([ "$(sqlite3 "$db" "SELECT count(*) FROM audit")" -gt "$n_audit" ]; echo $?)
result "  at the time of the entry before it, not earlier (clamped)" $([ "$(last audit)" = $future ]; echo $?)
# the screen's list logs its rows in a batch (one INSERT at its end)
printf 'q\n' >"$tmp/keys"
TUMORBOARD_NOW=2026-11-23T09:00:00Z "$TB" --db "$db" --script "$tmp/keys" --size 80x24 >/dev/null 2>&1
result "a screenful logged in a batch with the clock set back: no row earlier than the one before" \
	"$(sqlite3 "$db" "SELECT count(*) FROM access_log a JOIN access_log b ON b.id = a.id + 1 WHERE b.at < a.at")"
result "  nor in the audit log" \
	"$(sqlite3 "$db" "SELECT count(*) FROM audit a JOIN audit b ON b.id = a.id + 1 WHERE b.at < a.at")"
result "  the batch was written" $([ "$(last access_log)" = $future ] && [ "$(sqlite3 "$db" "SELECT count(*) FROM access_log WHERE what = 'list'")" -gt 0 ]; echo $?)
TUMORBOARD_NOW=2026-11-23T09:00:00Z "$TB" --db "$db" verify >"$tmp/verify" 2>&1
result "verify finds both logs whole" $?
finish

#!/bin/sh
# A running meeting's agenda: the cases not reached start no earlier than
# now (they kept their planned times after earlier cases ran long: a
# chair at 14:30 read the first case at 14:00), one opened at the meeting
# shows when its clock started, the cases after them follow on; done
# cases and a meeting on time read as before.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
db=$tmp/a.db
tb_archive "$db" meetings || exit 1
TUMORBOARD_NOW=2026-11-26T14:00:00Z "$TB" --db "$db" meeting start 1 >/dev/null ||
	exit 1
open=$(tb_meeting_keys "$db" 1)
# rows_at AT KEYS: the agenda's rows "case time" after KEYS at AT
rows_at() {
	printf '%s Enter %s dump\n' "$open" "$2" >"$tmp/keys"
	TUMORBOARD_NOW=2026-11-26T$1:00Z "$TB" --db "$db" --script "$tmp/keys" \
		--size 120x30 --dump "$tmp/screen" >/dev/null 2>&1
	awk '/^--- screen/ { if (seen++) exit; next }
		$3 == "min" || $4 == "min" { for (f = 1; f <= NF; f++)
			if ($f ~ /-LUNG-/) { print $f, $2; break } }' "$tmp/screen"
}
rows_at 14:00 "" >"$tmp/t1"
check "on time: the planned times" \
	sh -c 'head -2 "$0" | tr "\n" " " | grep -q "^SKA-LUNG-2026-0001 14:00 OST-LUNG-2026-0004 14:06 $"' "$tmp/t1"
rows_at 14:30 "" >"$tmp/t2"
check "half an hour on, nothing reached: the first case at 14:30" \
	grep -qx "SKA-LUNG-2026-0001 14:30" "$tmp/t2"
check "  and the next after its slot" grep -qx "OST-LUNG-2026-0004 14:36" "$tmp/t2"
n=$(wc -l <"$tmp/t2")
check "  every case of the agenda has a time ($n)" test "$n" = 7
# the second case opened at 14:10, the first skipped
rows_at 14:10 "j Enter q" >/dev/null
rows_at 14:25 "" >"$tmp/t3"
check "a case opened at the meeting shows when its clock started" \
	grep -qx "OST-LUNG-2026-0004 14:10" "$tmp/t3"
check "  the one skipped before it: not before now" \
	grep -qx "SKA-LUNG-2026-0001 14:25" "$tmp/t3"
check "  the case after them follows both" \
	grep -qx "HAL-LUNG-2026-0017 14:37" "$tmp/t3"
finish

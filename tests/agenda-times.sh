#!/bin/sh
# A running meeting's agenda: the cases not reached start no earlier than
# now (they kept their planned times after earlier cases ran long: a
# chair at 14:30 read the first case at 14:00), one opened at the meeting
# shows when its clock started, the cases after them follow on; done
# cases and a meeting on time read as before. When the last case not yet
# done would end past the meeting's length, the title says by how much,
# at 80 columns too.
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
# title_at AT [SIZE]: the agenda's title at AT
title_at() {
	printf '%s Enter dump\n' "$open" >"$tmp/keys"
	TUMORBOARD_NOW=2026-11-26T$1:00Z "$TB" --db "$db" --script "$tmp/keys" \
		--size "${2:-120x30}" --dump "$tmp/screen" >/dev/null 2>&1
	awk '/^--- screen/ { if (seen++) exit; next } { print; exit }' "$tmp/screen"
}
# fits LINE: the title's line leaves the last of 80 columns free (a
# space, then at most 78 columns of title)
fits() {
	[ "$(printf '%s' "$1" | wc -m)" -le 79 ]
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
# 46 minutes of cases from 14:30 end at 15:16, past 15:00
title_at 14:00 >"$tmp/title"
check "on time: the title says nothing of running over" lacks "$tmp/title" "over"
title_at 14:30 >"$tmp/title"
check "half an hour on: the title says the agenda runs 16 min over" \
	grep -q "  30 min left  runs 16 min over  " "$tmp/title"
LANGUAGE=sv title_at 14:30 >"$tmp/title"
check "  in Swedish: drar över 16 min" \
	grep -q "  30 min kvar  drar över 16 min  " "$tmp/title"
for lang in en sv; do
	over="runs 16 min over"
	[ $lang = sv ] && over="drar över 16 min"
	t=$(LANGUAGE=$lang title_at 14:30 80x24)
	result "  at 80 columns ($lang) it still says so, and the title fits: $t" \
		$(printf '%s' "$t" | grep -q "$over" && fits "$t"; echo $?)
done
# the second case opened at 14:10, the first skipped
rows_at 14:10 "j Enter q" >/dev/null
rows_at 14:25 "" >"$tmp/t3"
check "a case opened at the meeting shows when its clock started" \
	grep -qx "OST-LUNG-2026-0004 14:10" "$tmp/t3"
check "  the one skipped before it: not before now" \
	grep -qx "SKA-LUNG-2026-0001 14:25" "$tmp/t3"
check "  the case after them follows both" \
	grep -qx "HAL-LUNG-2026-0017 14:37" "$tmp/t3"
title_at 14:25 >"$tmp/title"
check "  and the title reckons from them: the last case ends 15:11, 11 min over" \
	grep -q "runs 11 min over" "$tmp/title"
# the last case recorded not discussed: the case before it ends last
TUMORBOARD_NOW=2026-11-26T14:26:00Z "$TB" --db "$db" agenda 1 not-discussed \
	ORE-LUNG-2026-0021 --reason "Ny DT" >/dev/null || exit 1
title_at 14:30 >"$tmp/title"
check "a case done counts no more: the last one not done ends 15:06, 6 min over" \
	grep -q "runs 6 min over" "$tmp/title"
# A meeting started half an hour late: its length counts from the real
# start, as its minutes left do (24 minutes of cases from 08:30 end well
# before 09:15, though after the planned 08:45)
TUMORBOARD_NOW=2026-11-27T08:30:00Z "$TB" --db "$db" meeting start 2 >/dev/null ||
	exit 1
open=$(tb_meeting_keys "$db" 2)
printf '%s Enter dump\n' "$open" >"$tmp/keys"
TUMORBOARD_NOW=2026-11-27T08:30:00Z "$TB" --db "$db" --script "$tmp/keys" \
	--size 120x30 --dump "$tmp/screen" >/dev/null 2>&1
sed -n 2p "$tmp/screen" >"$tmp/title"
check "started late: 45 min left, and not over" \
	sh -c 'grep -q "  45 min left  " "$0" && ! grep -q over "$0"' "$tmp/title"
finish

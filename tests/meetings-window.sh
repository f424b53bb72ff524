#!/bin/sh
# The meetings list with a year of meetings behind it (a decade is
# thousands): it reads a window, not every meeting. It opens on the next
# meeting (Enter opens that agenda, not the archive's first), shows the
# last 30 held or cancelled before today and says since when, keeps a
# planned meeting that was never held however old it is (flagged, not
# forgotten), and Up on the first row reads the earlier ones above it,
# the selection moving up from the row it was on. In English and
# Swedish, with tests/tumorboard-as at a fixed clock.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_need_as
TUMORBOARD_NOW=2026-11-30T13:00:00Z
XDG_CONFIG_HOME="$tmp/config"
export TUMORBOARD_NOW XDG_CONFIG_HOME
tb_fixture "$db" || exit 1
add() {
	"$AS" --db "$db" meeting add --date "$1" --start 14:00 --length 60 \
		--board "$2" --level regional
}
# planned for a day that passed, never held: older than every other
old=$(add 2025-12-15 breast) || exit 1
# 35 cancelled, a week apart from 2026-01-05 to 2026-08-31
d=0
while [ $d -lt 35 ]; do
	day=$(date -u -d "2026-01-05 + $((d * 7)) days" +%F)
	id=$(add "$day" lung) || exit 1
	"$AS" --db "$db" meeting cancel "$id" --reason "moved" >/dev/null ||
		exit 1
	d=$((d + 1))
done
next=$(add 2026-12-07 lung) || exit 1
[ -n "$old" ] && [ -n "$next" ] || exit 1

screen() { awk -v n="$2" '/^--- screen /{ s++; next } s == n' "$1"; }
on() { screen "$1" "$2" | grep -qF -- "$3"; }
off() { [ -s "$1" ] && ! screen "$1" "$2" | grep -qF -- "$3"; }

printf '%s\n' m dump Enter dump q Home dump Up dump Enter dump q q q \
	>"$tmp/keys"
for lang in en sv; do
	if [ $lang = sv ]; then
		since='möten hållna sedan 2026-02-09  Upp överst: tidigare'
		plain='tumorboard — möten'
		nothe='ej hållet'
	else
		since='meetings held since 2026-02-09  Up at the top: earlier'
		plain='tumorboard — meetings'
		nothe='not held'
	fi
	out="$tmp/$lang.dump"
	LANGUAGE=$lang "$AS" --db "$db" --script "$tmp/keys" --size 100x40 \
		--dump "$out" >/dev/null 2>&1
	check "$lang: the title says since when the held ones are shown" \
		on "$out" 1 "$since"
	check "$lang: the 30th cancelled before today is the first of them" \
		on "$out" 1 "2026-02-09 14:00"
	check "$lang: the one before it is not read" off "$out" 1 "2026-02-02"
	check "$lang: the planned one never held is there, flagged" \
		on "$out" 1 "$nothe"
	check "$lang: Enter opens the next meeting's agenda" \
		on "$out" 2 "2026-12-07 14:00"
	check "$lang: Home goes to the first row read" \
		on "$out" 3 "$since"
	check "$lang: Up on it reads the earlier ones (none left after)" \
		on "$out" 4 "2026-01-05 14:00"
	check "$lang:   and the title no longer says since when" \
		sh -c 'awk "/^--- screen /{s++; next} s == 4" "$0" | sed -n 1p |
			grep -qxF " $1"' "$out" "$plain"
	# the first row was the one never held: it stays first, selected
	check "$lang:   the selection stays on the row it was on" \
		on "$out" 5 "2025-12-15 14:00"
	# in a split pane the title keeps since when, whole
	printf 'm dump q q\n' >"$tmp/narrow.keys"
	LANGUAGE=$lang "$AS" --db "$db" --script "$tmp/narrow.keys" \
		--size 41x24 --dump "$tmp/narrow-$lang" >/dev/null 2>&1
	check "$lang: at 41 columns the title says since when, no word cut" \
		sh -c 'awk "/^--- screen /{s++; next} s == 1" "$0" | sed -n 1p |
			grep -qxF " $1"' "$tmp/narrow-$lang" "${since%%  *}"
done
finish

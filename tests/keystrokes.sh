#!/bin/sh
# Keystrokes a complete decision takes in the form screen, for simple
# sample cases with pre-fill, at a running meeting whose attendance is
# recorded:
# each script in tests/keystrokes/ must end with the decision signed, in
# fewer than 60 keys counted from opening the form (the first line of a
# script reaches the case and ends with d, which is counted).
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
tb_fixture "$tmp/base.db" || exit 1
"$TB" --db "$tmp/base.db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1

attend() {
	m=$1
	shift
	for a in "$@"; do
		"$TB" --db "$db" meeting attend "$m" "${a%%:*}" "${a#*:}" || exit 1
	done
}

for keys in "$TB_SRCDIR"/tests/keystrokes/*.keys; do
	name=$(basename "$keys" .keys)
	db="$tmp/$name.db"
	cp "$tmp/base.db" "$db"
	case $name in
	lung-agenda)
		case_id=SKA-LUNG-2026-0001
		sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$db" >/dev/null || exit 1
		"$TB" --db "$db" meeting start 1 >/dev/null || exit 1
		attend 1 "Karin Berg:onkolog" "Johan Lindqvist:lungmedicinare" \
			"Sara Nyberg:thoraxkirurg" "Ali Hassan:radiolog" \
			"Maria Ek:patolog" "Lena Holm:kontaktsjuksköterska"
		;;
	prostate-agenda)
		case_id=UPP-PROST-2026-0077
		m=$("$TB" --db "$db" meeting add --date 2026-11-24 --start 08:00 \
			--length 30 --board prostate --level local --chair "Nils Ek")
		"$TB" --db "$db" agenda "$m" add "$case_id" >/dev/null || exit 1
		"$TB" --db "$db" meeting start "$m" >/dev/null || exit 1
		attend "$m" "Nils Ek:urolog" "Karin Berg:onkolog" "Ali Hassan:radiolog" \
			"Maria Ek:patolog" "Eva Lind:kontaktsjuksköterska"
		;;
	*)
		result "keystrokes $name: no set-up for this script" 1
		continue
		;;
	esac
	LANG=C.UTF-8 "$TB" --db "$db" --script "$keys" --size 80x24 \
		--dump "$tmp/$name.screen" --timing "$tmp/$name.timing" \
		>"$tmp/$name.out" 2>&1
	check "keystrokes $name: the decision is signed" sh -c \
		'"$0" --db "$1" decision list --case "$2" | grep -q " v1 "' \
		"$TB" "$db" "$case_id"
	total=$(sed -n 's/.* keys=\([0-9]*\) .*/\1/p' "$tmp/$name.timing")
	nav=$(grep -v '^#' "$keys" | head -1 | wc -w)
	n=$((total - nav + 1))
	diag "$name: $n keys from opening the form to the signed decision"
	result "keystrokes $name: $n keys, fewer than 60" $([ "$n" -lt 60 ]; echo $?)
done
finish

#!/bin/sh
# Counts in both languages (#18): where a number counts something the
# program asks ngettext for the words, and po/sv.po gives the Swedish
# forms (its Plural-Forms: nplurals=2; plural=(n != 1)). Shown here with
# one and with several, in English and in Swedish, on the command line
# (log's count of the entries it lists: 1 entry, 3 entries; 1 post,
# 3 poster) and on the screen (the running meeting's title short of one
# core role or of six: 1 core role, 6 core roles; 1 kärnroll, 6
# kärnroller). A count written with _() (one form for every number), a
# Swedish entry with the wrong form or a wrong Plural-Forms fails here.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
tb_fixture "$tmp/base.db" || exit 1
"$TB" --db "$tmp/base.db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
c=SKA-LUNG-2026-0001

# The command line: log --case counts the entries it lists (not its own
# listing, which it records after). Each run from its own copy.
cp "$tmp/base.db" "$tmp/one.db"
"$TB" --db "$tmp/one.db" show $c >/dev/null || exit 1
cp "$tmp/one.db" "$tmp/three.db"
"$TB" --db "$tmp/three.db" show $c >/dev/null || exit 1
"$TB" --db "$tmp/three.db" show $c >/dev/null || exit 1
for lang in en sv; do
	for n in one three; do
		cp "$tmp/$n.db" "$tmp/run.db"
		LANGUAGE=$lang "$TB" --db "$tmp/run.db" log --case $c \
			>"$tmp/log-$lang-$n" 2>&1
		result "log --case in $lang ($n entry)" $?
	done
done
last() { tail -n 1 "$1"; }
check "en: 1 entry" test "$(last "$tmp/log-en-one")" = "1 entry"
check "en: 3 entries" test "$(last "$tmp/log-en-three")" = "3 entries"
check "sv: 1 post" test "$(last "$tmp/log-sv-one")" = "1 post"
check "sv: 3 poster" test "$(last "$tmp/log-sv-three")" = "3 poster"

# The screen: meeting 1 running, its agenda drawn at every width from 60
# to 130 columns: where the missing core roles are too many to name, the
# title counts them.
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$tmp/base.db" >/dev/null || exit 1
"$TB" --db "$tmp/base.db" meeting start 1 >/dev/null 2>&1 || exit 1
cp "$tmp/base.db" "$tmp/six.db" # nobody there: six core roles missing
cp "$tmp/base.db" "$tmp/one.db"
for a in "Karin Berg:onkolog" "Johan Lindqvist:lungmedicinare" \
	"Sara Nyberg:thoraxkirurg" "Ali Hassan:radiolog" "Maria Ek:patolog"; do
	"$TB" --db "$tmp/one.db" meeting attend 1 "${a%%:*}" "${a#*:}" \
		>/dev/null || exit 1
done # all but the contact nurse
{
	echo "m Enter"
	w=60
	while [ $w -le 130 ]; do
		echo "resize:${w}x24 dump"
		w=$((w + 1))
	done
} >"$tmp/widths.keys"
for lang in en sv; do
	for n in one six; do
		cp "$tmp/$n.db" "$tmp/run.db"
		LANG=C.UTF-8 LANGUAGE=$lang "$TB" --db "$tmp/run.db" \
			--script "$tmp/widths.keys" --dump "$tmp/title-$lang-$n" \
			>"$tmp/out" 2>&1
		result "the running meeting drawn in $lang ($n missing)" $?
		k=$(grep -c '^--- screen ' "$tmp/title-$lang-$n")
		result "  at 71 widths ($k screens)" $([ "$k" -ge 71 ]; echo $?)
	done
done
# the title, the line after each screen's header
titles() { awk '/^--- screen /{getline; print}' "$1"; }
for f in en-one en-six sv-one sv-six; do
	titles "$tmp/title-$f" >"$tmp/titles-$f"
done
check "en: 1 core role missing" grep -q '(1 core role missing)$' "$tmp/titles-en-one"
check "en: 6 core roles missing" grep -q '(6 core roles missing)$' "$tmp/titles-en-six"
check "sv: 1 kärnroll saknas" grep -q '(1 kärnroll saknas)$' "$tmp/titles-sv-one"
check "sv: 6 kärnroller saknas" grep -q '(6 kärnroller saknas)$' "$tmp/titles-sv-six"
check "en: never 1 core roles" lacks "$tmp/titles-en-one" -q 'core roles missing'
check "en: never 6 core role" lacks "$tmp/titles-en-six" -q 'core role missing'
check "sv: never 1 kärnroller" lacks "$tmp/titles-sv-one" -q 'kärnroller saknas'
check "sv: never 6 kärnroll" lacks "$tmp/titles-sv-six" -q 'kärnroll saknas'
finish

#!/bin/sh
# The form of a new decision on the screen: a case of the general board
# (which is the molecular tumour board too) with molecular findings asks
# which form (1 the general one, 2 the molecular tumour board's, with
# ESCAT tiers); Esc opens no draft; a case without findings, or of a
# board with a form of its own (lung), asks nothing.
# The command line's `form open --form` names it instead. In English and
# Swedish.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb() { "$TB" --db "$db" "$@"; }
tb_fixture "$db" || exit 1
tb import "$TB_EXAMPLES"/*.xml >/dev/null 2>&1 || exit 1
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
mtb=SLL-MTB-2026-0061 plain=VML-LYMF-2026-0003 lung=SKA-LUNG-2026-0001
forms() { sqlite3 "$db" "SELECT f.form_id FROM form_instance f JOIN cases c ON c.id = f.case_id WHERE c.external_id = '$1' AND f.status = 'draft'"; }
found=$(sqlite3 "$db" "SELECT count(*) FROM finding f JOIN cases c ON c.id = f.case_id WHERE c.external_id = '$mtb' AND f.result IS NULL")
check "the molecular case has findings found ($found)" test "${found:-0}" -gt 0
# screen N of a dump, its lines
screen() { awk -v n="$2" '/^--- screen /{ s++; next } s == n' "$1"; }
on() { screen "$1" "$2" | grep -qF -- "$3"; }
off() { [ -s "$1" ] && ! screen "$1" "$2" | grep -qF -- "$3"; }
# run NAME LABEL KEYS...: the screen in $lang on two.db with the keys
# after opening case $cid; its dump in $tmp/NAME-$lang
run() {
	name=$1 label=$2
	shift 2
	printf '%s\n' : "type case $cid" Enter "$@" >"$tmp/$name.keys"
	LANGUAGE=$lang "$TB" --db "$tmp/two.db" --script "$tmp/$name.keys" \
		--size 120x40 --dump "$tmp/$name-$lang" >/dev/null 2>&1
	result "$lang: the screen runs ($label)" $?
}
for lang in en sv; do
	if [ $lang = sv ]; then
		ask='Fallet har molekylära fynd'
		general='Allmän MDK – beslut' mtbform='Molekylär tumörkonferens (MTB) – beslut'
		none='Inget utkast öppnat'
	else
		ask='The case has molecular findings'
		general='General MDT – decision' mtbform='Molecular tumour board – decision'
		none='No draft opened'
	fi
	# d, the question; 2: the molecular tumour board's form, a value
	# typed into its first field and saved (the draft stays)
	cp "$db" "$tmp/two.db"
	cid=$mtb
	run two 2 d dump 2 dump Esc q q
	check "$lang: d on a case with findings asks which form" on "$tmp/two-$lang" 1 "$ask"
	check "$lang: naming both" sh -c 'awk "/^--- screen /{ s++; next } s == 1" "$0" | tr -s " \n" "  " | grep -F -- "$1" | grep -qF -- "$2"' "$tmp/two-$lang" "$general" "$mtbform"
	check "$lang: 2 opens the molecular tumour board's form" on "$tmp/two-$lang" 2 "$mtbform"
	run one 1 d 1 dump Esc q q
	check "$lang: 1 opens the board's form" on "$tmp/one-$lang" 1 "$general"
	check "$lang: not the molecular one" off "$tmp/one-$lang" 1 "$mtbform"
	run esc Esc d Esc dump q q
	check "$lang: Esc: no draft opened, said so" on "$tmp/esc-$lang" 1 "$none"
	check "$lang: and no form is shown" off "$tmp/esc-$lang" 1 "$general"
	check "$lang: nor is a draft left behind" test -z "$(forms $mtb)"
	cid=$plain
	run plain "no findings" d dump Esc q q
	check "$lang: a case without findings found is not asked" off "$tmp/plain-$lang" 1 "$ask"
	cid=$lung
	run lung lung d dump Esc q q
	check "$lang: a lung case with findings is not asked: the lung form" off "$tmp/lung-$lang" 1 "$ask"
done
# a value saved in the molecular form: the draft is the molecular form's
# (its first field to do: the tests, a choice of several; 1 the panel)
printf '%s\n' : "type case $mtb" Enter d 2 Enter 1 Enter dump Esc q q >"$tmp/save.keys"
"$TB" --db "$db" --script "$tmp/save.keys" --size 120x40 --dump "$tmp/save" >/dev/null 2>&1
result "the screen runs (a value saved)" $?
check "a value saved: the draft is the molecular tumour board's form" test "$(forms $mtb)" = mtb
finish

#!/bin/sh
# The language of the team's free text on the decision form screen: l (on
# a choice field, or on a text field the walk brought the form to) and
# C-l (on a text field, where l types) switch it between Swedish, the
# default, and English; the progress line says "free text in English"
# while it is, the status line what it is now; the draft keeps it; `form
# show` and the read-back before signing say which language it is in
# ("Free text written in: English"); and the signed decision's Swedish
# letter marks the English free text.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tb_fixture "$tmp/tb.db" || exit 1
"$TB" --db "$tmp/tb.db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
c=SKA-LUNG-2026-0014

# play NAME LANG [DB]: runs $tmp/NAME.keys at 80x24 with the interface in
# LANG on $tmp/NAME.db (a fresh copy of DB, else of the imported archive);
# the screens dumped into $tmp/NAME-LANG.
play() {
	cp "${3:-$tmp/tb.db}" "$tmp/$1.db"
	out="$tmp/$1-$2"
	LANG=C.UTF-8 LANGUAGE=$2 "$TB" --db "$tmp/$1.db" \
		--script "$tmp/$1.keys" --size 80x24 --dump "$out" \
		>"$out.err" 2>&1
	result "$1 ($2) runs" $?
}
# screen N of a dump, without its heading
screen_of() { awk -v n="$2" '/^--- screen /{k++; next} k == n' "$1"; }

# opened on a choice field (Resectability): l switches to English; g
# goes to the first field, the question, a text field the user moved to
# (l would type there): C-l switches back
cat >"$tmp/switch.keys" <<KEYS
:
type case $c
Enter
d dump
l dump
g C-l dump
KEYS
for lang in en sv; do
	play switch $lang
	out="$tmp/switch-$lang"
	for n in 1 2 3; do
		screen_of "$out" $n >"$out.$n"
	done
	if [ $lang = sv ]; then
		prog="fritext på engelska"
		now_en="Teamets fritext är på engelska"
		now_sv="Teamets fritext är på svenska"
	else
		prog="free text in English"
		now_en="The team's free text is in English"
		now_sv="The team's free text is in Swedish"
	fi
	check "($lang) the form opens with the free text in Swedish" \
		lacks "$out.1" -e "$prog"
	check "($lang) l: the progress line says English" \
		sh -c 'sed -n 5p "$0" | grep -q "$1"' "$out.2" "$prog"
	check "($lang) l: the status says it is English now, and l switches" \
		sh -c 'tr "\n" " " <"$0" | grep -q "$1: .*(l *[a-zäö]*)"' \
		"$out.2" "$now_en"
	check "($lang) C-l on the question: Swedish again" \
		sh -c 'grep -q "$1" "$0" && ! grep -q "$2" "$0"' \
		"$out.3" "$now_sv" "$prog"
	check "($lang) and the question was not typed into" \
		lacks "$out.3" -e "^│"
done
# what the command line shows of the draft names the language too: back
# to Swedish here (on a copy: a read is logged)
cp "$tmp/switch.db" "$tmp/show-sv.db"
"$TB" --db "$tmp/show-sv.db" form show $c >"$tmp/show-sv" 2>&1
check "form show: the free text is in Swedish" \
	grep -qx "Free text written in: Swedish" "$tmp/show-sv"

# the key's choice is the draft's: with the rest set from the command
# line and signed, the Swedish letter marks the English rationale
cat >"$tmp/keep.keys" <<KEYS
:
type case $c
Enter
d l
KEYS
play keep en
for kv in histology=adenocarcinoma "discussed=history imaging pathology molecular" \
	resectability=unresectable operability=not-assessed \
	recommendation=targeted intent=palliative \
	"rationale=The tumour has a change in the RET gene." \
	guideline=follows trial-considered=no \
	"contact-nurse=Lena Holm" "contact-phone=046-17 10 00" follow-up-date=+4w; do
	"$TB" --db "$tmp/keep.db" form set $c "${kv%%=*}" "${kv#*=}" >/dev/null ||
		exit 1
done
# what the chair reads before signing says the free text is in English:
# form show on the command line, and the read-back on the screen
cp "$tmp/keep.db" "$tmp/show-en.db"
"$TB" --db "$tmp/show-en.db" form show $c >"$tmp/show-en" 2>&1
check "form show: the free text is in English" \
	grep -qx "Free text written in: English" "$tmp/show-en"
LANGUAGE=sv "$TB" --db "$tmp/show-en.db" form show $c >"$tmp/show-en.sv" 2>&1
check "(sv) form show: fritext på engelska" \
	grep -qx "Fritext skriven på: engelska" "$tmp/show-en.sv"
cat >"$tmp/readback.keys" <<KEYS
:
type case $c
Enter
d F2
Enter
type Karin Berg:onkolog, Ali Hassan:radiolog
Enter dump
KEYS
for lang in en sv; do
	play readback $lang "$tmp/keep.db"
	out="$tmp/readback-$lang"
	screen_of "$out" 1 >"$out.1"
	if [ $lang = sv ]; then
		rb="Läs upp före signering" tl="Fritext skriven på: engelska"
	else
		rb="Read back before signing" tl="Free text written in: English"
	fi
	check "($lang) the read-back before signing" grep -q "$rb" "$out.1"
	check "($lang) says the free text is in English" grep -q "^$tl *\$" "$out.1"
done
"$TB" --db "$tmp/keep.db" decision sign $c --attendee "Karin Berg:onkolog" \
	--attendee "Ali Hassan:radiolog" >/dev/null 2>&1 || exit 1
dec=$("$TB" --db "$tmp/keep.db" decision list --case $c | awk 'END { print $1 }')
"$TB" --db "$tmp/keep.db" summary "$dec" --lang sv --width 1000 >"$tmp/sv" 2>/dev/null
check "the Swedish letter marks the rationale as English" \
	sh -c 'grep -A1 "^The tumour has a change in the RET gene." "$0" | grep -qx "(Skrivet på engelska av teamet.)"' \
	"$tmp/sv"

finish

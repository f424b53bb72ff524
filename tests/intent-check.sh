#!/bin/sh
# A decision that says its intent is curative while it recommends no
# further tumour-specific therapy is not refused (the team may mean it)
# but the signer is warned in plain words before signing, in English and
# Swedish: when either field is set (as the board's diagnosis warning),
# in the draft shown, on the command line's signature and in the screen's
# read-back. A curative decision with a therapy says nothing.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
tb_archive "$db" || exit 1
tb() { "$TB" --db "$db" "$@"; }
en="the treatment intent is curative, but the recommendation is no further tumour-specific therapy: check that both are meant"
sv="behandlingsavsikten är kurativ, men rekommendationen är ingen ytterligare tumörspecifik behandling: kontrollera att båda stämmer"
# fill CASE REC: every field of the lung form, the recommendation REC
fill() {
	tb form open "$1" >/dev/null || exit 1
	for kv in histology=adenocarcinoma "discussed=history imaging" \
		resectability=resectable operability=operable \
		"recommendation=$2" "rationale=Tumören är liten." \
		guideline=follows trial-considered=no "contact-nurse=Lena Holm" \
		follow-up-date=+2w "findings="; do
		tb form set "$1" "${kv%%=*}" "${kv#*=}" >/dev/null 2>&1 ||
			echo "set $kv failed" | diag
	done
}
c=SLL-LUNG-2026-0044
fill $c no-tumour-therapy
tb form set $c intent curative >"$tmp/out" 2>"$tmp/err"
result "a curative intent with no further therapy is saved (exit 0)" $?
check "  with a warning in plain words" grep -qx "tumorboard form: intent: warning: $en; saved" "$tmp/err"
LANGUAGE=sv tb form set $c intent curative >"$tmp/out" 2>"$tmp/err"
check "  in Swedish too" grep -qx "tumorboard form: intent: varning: $sv; sparat" "$tmp/err"
tb form set $c recommendation no-tumour-therapy >"$tmp/out" 2>"$tmp/err"
check "set the other way round, the same warning" grep -q "warning: $en; saved" "$tmp/err"
tb form show $c >"$tmp/show"
check "the draft shown says it" grep -q "Warning: $en" "$tmp/show"
tb decision sign $c --attendee "A B:onkolog" >"$tmp/out" 2>"$tmp/err"
result "it is signed (exit 0): advice, not refused" $?
check "  signed" grep -q "^decision [0-9]* signed$" "$tmp/out"
check "  and the signer is told why to look again" grep -qx "tumorboard decision: warning: $en" "$tmp/err"

# a curative lobectomy: nothing said
c2=VGR-LUNG-2026-0019
fill $c2 lobectomy
tb form set $c2 intent curative >"$tmp/out" 2>"$tmp/err"
result "a curative lobectomy is saved" $?
check "  without a word" test ! -s "$tmp/err"
tb form show $c2 >"$tmp/show"
check "  and shown without a warning" lacks "$tmp/show" -e "Warning"
tb form set $c2 recommendation no-tumour-therapy >/dev/null 2>&1
tb form set $c2 intent palliative >"$tmp/out" 2>"$tmp/err"
check "a palliative intent with no further therapy says nothing" test ! -s "$tmp/err"

# the screen's read-back before signing, in English and Swedish
tb form set $c2 intent curative >/dev/null 2>&1
for lang in en sv; do
	cat >"$tmp/keys" <<'KEYS'
/
type VGR-LUNG-2026-0019
Enter Enter d
F2 Enter
type A B:onkolog
Enter dump
Esc
KEYS
	LANGUAGE=$lang "$TB" --db "$db" --script "$tmp/keys" --size 100x30 \
		--dump "$tmp/screen.$lang" >/dev/null 2>"$tmp/err"
	result "the screen's read-back ($lang)" $?
	# the warning is wrapped: its words on one line
	tr '\n' ' ' <"$tmp/screen.$lang" | tr -s ' ' >"$tmp/flat.$lang"
done
check "  warns before signing" grep -q "Warning: $en" "$tmp/flat.en"
check "  in Swedish" grep -q "Varning: $sv" "$tmp/flat.sv"
check "  nothing was signed from it" sh -c '[ -z "$("$0" --db "$1" decision list --case "$2")" ]' "$TB" "$db" $c2

finish

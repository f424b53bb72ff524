#!/bin/sh
# Text at the door: control and invisible characters are refused in every
# argument (signer, location, chair, presenter, reasons, names) without
# being echoed; single-line fields refuse newlines in the core too; the
# decision export stays well-formed XML even with a control character in
# the database; an installed knowledge base is 0600 whatever the umask.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
esc=$(printf '\033')
bel=$(printf '\007')
zwsp=$(printf '\342\200\213')
bom=$(printf '\357\273\277')
nl='
'

tb_fixture "$db"
"$TB" --db "$db" import "$TB_EXAMPLES"/*.xml >/dev/null 2>&1
result "samples import" $?
c=SLL-LUNG-2026-0044
"$TB" --db "$db" form open "$c" >/dev/null
for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
	operability=operable recommendation=lobectomy intent=curative \
	"rationale=Tumören är liten." guideline=follows trial-considered=no \
	"contact-nurse=Lena Holm" follow-up-date=+2w "findings="; do
	"$TB" --db "$db" form set "$c" "${kv%%=*}" "${kv#*=}" || echo "set $kv failed" | diag
done
sqlite3 "$db" .dump >"$tmp/before.sql"

# refused (exit 2), named by position and code point, not echoed
refused() {
	what=$1 cp=$2
	shift 2
	"$TB" --db "$db" "$@" >/dev/null 2>"$tmp/err"
	rc=$?
	result "$what: refused (exit 2)" $([ $rc -eq 2 ]; echo $?)
	check "$what: the message names the character" grep -Eq "^tumorboard: argument [0-9]+ contains (a control|an invisible) character \\(U\\+$cp\\); nothing was done" "$tmp/err"
	check "$what: nothing of it is echoed" lacks "$tmp/err" -q "$(printf "\033\|\007\|\342\200\213\|Mallory")"
}
refused "signer with ESC" 001B decision sign "$c" --by "Dr ${esc}[31mMallory${bel}" --attendee "A B:onkolog"
refused "signer with a zero-width space" 200B decision sign "$c" --by "Mall${zwsp}ory" --attendee "A B:onkolog"
refused "signer with a BOM" FEFF decision sign "$c" --by "${bom}Mallory" --attendee "A B:onkolog"
refused "attendee with BEL" 0007 decision sign "$c" --attendee "Mallory${bel}:onkolog"
refused "meeting location with BEL" 0007 meeting add --date 2026-12-01 --start 09:00 --length 30 --board lung --level local --location "Rum${bel}Mallory"
refused "meeting chair with ESC" 001B meeting add --date 2026-12-01 --start 09:00 --length 30 --board lung --level local --chair "${esc}]0;Mallory${bel}"
refused "presenter with a zero-width space" 200B agenda 1 add "$c" --presenter "Mall${zwsp}ory"
refused "a reason with ESC" 001B refer "$c" national --reason "Mallory${esc}[2J"
refused "an unknown command with ESC" 001B "Mallory${esc}]0;x${bel}"
refused "a file name with ESC" 001B import "$tmp/Mallory${esc}[2J.xml"
sqlite3 "$db" .dump >"$tmp/after.sql"
check "nothing was stored by any of them" cmp -s "$tmp/before.sql" "$tmp/after.sql"

# A newline passes the argument door (reasons may have several lines) but
# not a one-line field.
"$TB" --db "$db" user add nyx --name "Ordf${nl}Mallory" --title läkare --role member >/dev/null 2>"$tmp/err"
result "a user's name with a newline: refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "a user's name with a newline: the field is named" grep -q "the name contains a control character (U+000A)" "$tmp/err"

"$TB" --db "$db" meeting add --date 2026-12-01 --start 09:00 --length 30 --board lung --level local --chair "A	B" >/dev/null 2>"$tmp/err"
result "chair with a tab: refused (exit 2)" $([ $? -eq 2 ]; echo $?)
check "chair with a tab: the option is named" grep -q "^tumorboard meeting: --chair contains a control character (U+0009)" "$tmp/err"
"$TB" --db "$db" meeting add --date 2026-12-01 --start 09:00 --length 30 --board lung --level local --location "Rum 3${nl}Mallory" >/dev/null 2>"$tmp/err"
result "location with a newline: refused (exit 2)" $([ $? -eq 2 ]; echo $?)
"$TB" --db "$db" agenda 1 add "$c" --presenter "Ann${nl}Mallory" >/dev/null 2>"$tmp/err"
result "presenter with a newline: refused (exit 2)" $([ $? -eq 2 ]; echo $?)
check "presenter with a newline: the option is named" grep -q "^tumorboard agenda: --presenter contains a control character (U+000A)" "$tmp/err"
sqlite3 "$db" .dump >"$tmp/after.sql"
check "none of them was stored" cmp -s "$tmp/before.sql" "$tmp/after.sql"

# The export is well-formed even if a control character is in the
# database (stored before these checks, or written around them).
"$TB" --db "$db" decision sign "$c" --attendee "A B:onkolog" >/dev/null
result "a clean signature is accepted" $?
dec=$("$TB" --db "$db" decision list --case "$c" | awk '{ print $1 }')
if [ -n "${TB_PG_DIR:-}" ]; then # the second pass: the same on the server
	sqlite3 "$db" "ALTER TABLE decision DISABLE TRIGGER decision_immutable_u; UPDATE decision SET signed_by = 'Dr ' || chr(27) || '[31mX' || chr(7) || chr(133), amend_reason = 'a' || chr(11) || 'b' WHERE id = $dec"
else
	sqlite3 "$db" "DROP TRIGGER decision_immutable_u; UPDATE decision SET signed_by = 'Dr ' || char(27) || '[31mX' || char(7) || char(133), amend_reason = 'a' || char(11) || 'b' WHERE id = $dec"
fi
check "the controls are in the database" sh -c '[ "$(sqlite3 "$0" "SELECT signed_by FROM decision WHERE id = $1" | od -An -c | grep -c 033)" = 1 ]' "$db" "$dec"
"$TB" --db "$db" decision export "$dec" --format xml >"$tmp/export.xml" 2>/dev/null
check "export with controls in the database is well-formed" xmllint --noout "$tmp/export.xml"
check "and carries no control character" sh -c '! LC_ALL=C grep -q "$(printf "[\001-\010\013\014\016-\037]")" "$0"' "$tmp/export.xml"
check "the signer is there without them" grep -q 'signed-by="Dr \[31mX"' "$tmp/export.xml"

# An installed knowledge base does not follow a permissive umask.
(umask 000 && XDG_CONFIG_HOME="$tmp/kbconf" "$TB" --db "$db" kb import "$TB_SRCDIR/data/kb.xml" >/dev/null 2>&1)
result "kb import under umask 000" $?
check "the installed kb.xml is mode 0600" sh -c '[ "$(stat -c %a "$0")" = 600 ]' "$tmp/kbconf/tumorboard/kb.xml"

finish

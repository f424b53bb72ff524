#!/bin/sh
# The follow-up list on the screen: c asks first, naming the patient and
# the follow-up; i offers the signed-in user's name and takes a name or
# an account; and the selection stays on the follow-up it was on when
# the list is read again after an action while another terminal signed
# a decision (a row added above it), so that the next key acts on the
# follow-up the user sees, not on whichever row took its place. The list
# opened again while nothing changed is the one kept; a follow-up
# recorded elsewhere meanwhile has it read again.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all tmux tmux sqlite3 sqlite3
tmp=$(mktemp -d)
sock="tbfus$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
# the lung meeting's day, at 14:05 (its start is 14:00)
TUMORBOARD_NOW=2026-11-26T14:05:00Z
export TUMORBOARD_NOW
tb_fixture "$db" || exit 1
"$TB" --db "$db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$db" >/dev/null 2>&1 || exit 1
sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$db" >/dev/null 2>&1 || exit 1
tb_role_users "$db" || exit 1
tb() { "$TB" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
lung=$(q "SELECT d.id FROM decision d JOIN cases c ON c.id = d.case_id WHERE c.external_id = 'SKA-LUNG-2026-0001'")
check "the lung case has one decision ($lung)" test -n "$lung"
done_of() { q "SELECT count(*) FROM follow_up WHERE decision_id = $lung"; }

# ---- c asks, naming the patient and the follow-up --------------------------
printf 'f\nc\ndump\nn\ndump\n' >"$tmp/keys"
TB_AS=ssk tb --script "$tmp/keys" --size 110x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
result "c on the follow-up list" $?
check "  asks y/n naming the decision, the patient and the case" \
	grep -q "Record decision $lung (Åström, Märta, SKA-LUNG-2026-0001) as carried out? (y/n)" "$tmp/screen"
check "  n records nothing" test "$(done_of)" = 0
check "  and says so" grep -q "Not recorded: decision $lung (Åström, Märta, SKA-LUNG-2026-0001) stays as it was" "$tmp/screen"
printf 'f\nc\ny\ndump\n' >"$tmp/keys"
TB_AS=ssk tb --script "$tmp/keys" --size 110x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
check "  y records it carried out" test "$(done_of)" = 1
check "  and says so" grep -q "Recorded" "$tmp/screen"

# ---- i offers the user's name, takes a name or an account -------------------
printf 'f\ni\ndump\nEsc\n' >"$tmp/keys"
TB_AS=ssk tb --script "$tmp/keys" --size 110x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
check "i offers the signed-in user's name, not the account" \
	grep -q "^ > Lena Åberg *$" "$tmp/screen"
printf 'f\ni\nEnter\ndump\n' >"$tmp/keys"
TB_AS=ssk tb --script "$tmp/keys" --size 110x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
check "  Enter records her account as who told the patient" \
	test "$(q "SELECT informed_by FROM patient_informed WHERE decision_id = $lung")" = ssk
q "DELETE FROM patient_informed" || exit 1
printf 'f\ni\nC-u\ntype Maja Östlund\nEnter\ndump\n' >"$tmp/keys"
TB_AS=ssk tb --script "$tmp/keys" --size 110x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
check "  another user's name records that user's account" \
	test "$(q "SELECT informed_by FROM patient_informed WHERE decision_id = $lung")" = koord
q "DELETE FROM patient_informed" || exit 1
# the offered name is marked, and a name typed over it replaces it (it
# was appended: "Lena ÅbergMaja Östlund", no such user)
printf 'f\ni\ndump\ntype Maja Östlund\nEnter\ndump\n' >"$tmp/keys"
TB_AS=ssk tb --script "$tmp/keys" --size 110x30 --dump "$tmp/screen" \
	--dump-mode attrs >/dev/null 2>"$tmp/err" </dev/null
row=$(grep -A1 "^ > Lena Åberg *$" "$tmp/screen" | sed -n 2p)
check "  the offered name is marked (black on yellow in the cyan line)" \
	sh -c 'echo "$1" | grep -q " 0/6" && echo "$1" | grep -q " 0/3"' - "$row"
printf 'f\ni\ndump\nEsc\n' >"$tmp/keys"
NO_COLOR=1 TB_AS=ssk tb --script "$tmp/keys" --size 110x30 --dump "$tmp/mono" \
	--dump-mode attrs >/dev/null 2>"$tmp/err" </dev/null
row=$(grep -A1 "^ > Lena Åberg *$" "$tmp/mono" | sed -n 2p)
check "  with NO_COLOR, underlined in the reverse-video line" \
	sh -c 'echo "$1" | grep -q "reverse underline"' - "$row"
check "  a name typed over the offered one replaces it" \
	test "$(q "SELECT informed_by FROM patient_informed WHERE decision_id = $lung")" = koord
q "DELETE FROM patient_informed; DELETE FROM follow_up" || exit 1

# ---- x: Esc at the note takes the whole answer back --------------------------
printf 'f\nx\n1\nEsc\ndump\n' >"$tmp/keys"
TB_AS=ssk tb --script "$tmp/keys" --size 110x30 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
check "x, a reason, then Esc at the note: nothing recorded" test "$(done_of)" = 0
check "  and says so, naming the decision and the patient" \
	grep -q "Not recorded: decision $lung (Åström, Märta, SKA-LUNG-2026-0001) stays as it was" "$tmp/screen"

# ---- the selection across a reload, after an action ---------------------------
# a draft for another case, signed from another terminal while the list is
# open: its follow-up is due sooner, its row comes first
m=$(tb meetings | awk '/lung/ && /planned/ { print $1; exit }')
tb meeting start "$m" >/dev/null || exit 1
for who in "eva.lind:thoraxkirurg" "Karin Berg:onkolog" "lars.ek:lungmedicinare" \
	"sara.holm:radiolog" "ali.nasser:patolog" "lena.holm:kontaktsjuksköterska"; do
	tb meeting attend "$m" "${who%%:*}" "${who#*:}" >/dev/null || exit 1
done
o=ORE-LUNG-2026-0021
tb form open "$o" >/dev/null || exit 1
for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
	operability=operable recommendation=lobectomy intent=curative \
	guideline=follows trial-considered=no "contact-nurse=Lena Holm" \
	follow-up-date=+1w "findings=" "rationale=Operabel."; do
	tb form set "$o" "${kv%%=*}" "${kv#*=}" >/dev/null || exit 1
done
T="tmux -L $sock"
wait_for() { tmux_wait_for -L "$sock" tb "$1"; }
$T -f /dev/null new-session -d -s tb -x 110 -y 30 \
	"env XDG_CONFIG_HOME=$tmp/config LANG=C.UTF-8 TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW '$TB' --db '$db'; echo EXITED \$?; sleep 30"
check "the case list is drawn" wait_for "tumorboard — cases ("
$T send-keys -t tb f
check "the follow-up list is drawn, the lung decision first" wait_for "^ *$lung  2026-12-24  open .*SKA-LUNG-2026-0001"
# x on the lung decision: the reason, then the note asked while the other
# terminal signs
$T send-keys -t tb x 1
check "x asks for a note" wait_for "(optional):"
tb decision sign "$o" --meeting "$m" >/dev/null || exit 1
$T send-keys -t tb Enter
check "the decision signed elsewhere is listed first" wait_for "^ *[0-9]*  2026-12-03  open .*$o"
check "  x recorded on the lung decision" test "$(q "SELECT status FROM follow_up WHERE decision_id = $lung")" = not-done
check "  the selection stays on the lung decision (its recommendation below)" \
	wait_for "^ *Targeted therapy"
$T send-keys -t tb c
check "  c then asks about the lung patient, not the new row's" \
	wait_for "Record decision $lung (Åström, Märta, SKA-LUNG-2026-0001) as carried out?"
$T send-keys -t tb n
check "  n: nothing more recorded" test "$(q "SELECT count(*) FROM follow_up WHERE status = 'done'")" = 0
# the list opened again is the one kept while nothing changed; a
# follow-up recorded elsewhere meanwhile has it read again
$T send-keys -t tb q
check "q: back on the case list" wait_for "tumorboard — cases ("
$T send-keys -t tb f
check "f again: the list as it was" wait_for "^ *$lung  2026-12-24  not carried out"
$T send-keys -t tb q
check "q: back on the case list again" wait_for "tumorboard — cases ("
tb followup "$lung" done >/dev/null || exit 1
$T send-keys -t tb f
check "f after another terminal recorded it carried out: read again" \
	wait_for "^ *$lung  2026-12-24  carried out"
$T send-keys -t tb q q q
check "quits" wait_for "EXITED 0"
finish

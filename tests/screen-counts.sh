#!/bin/sh
# What three screens say, as a coordinator, a chair and a nurse read them:
# the follow-up list's x and i name the decision, the patient and the case
# as c does, and its title offers c, x and i only to a user whose role may
# use them; a finished meeting's titles (the finish report's, the finished
# agenda's) keep every count, amended ones too, at 80 and at 200 columns,
# in English and in Swedish, the meeting's name shortened first, though
# never so far that the agenda's title loses its date and board (the
# number of cases goes first: the counts add up to it); and the
# referral queue never says "listed" of a case on no meeting to come (an
# imported one, one taken off an agenda, one its meeting left not reached
# with no later meeting), nor does the case keep that status; and the
# decision form offers S (sign) to a chair, not to a member.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap '[ -n "$TB_KEEP" ] || rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_archive "$db" decisions || exit 1
tb() { "$TB" --db "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
tap_need_all sqlite3 sqlite3
lung=$(q "SELECT d.id FROM decision d JOIN cases c ON c.id = d.case_id WHERE c.external_id = 'SKA-LUNG-2026-0001'")
named="decision $lung (Åström, Märta, SKA-LUNG-2026-0001)"

# ---- A: the follow-up list --------------------------------------------------
cp "$db" "$tmp/a.db"
printf 'f\nx\ndump\n1\ndump\nEsc\n' >"$tmp/keys"
TB_AS=ssk "$TB" --db "$tmp/a.db" --script "$tmp/keys" --size 110x30 --dump "$tmp/screen" >/dev/null 2>&1 </dev/null
result "x on the follow-up list" $?
flat() { tr -s ' \n' '  ' <"$tmp/screen"; }
check "  the reason's question names the decision, the patient and the case" \
	sh -c 'tr -s " \n" "  " <"$0" | grep -qF "Record $1 as not carried out — 1 medical"' "$tmp/screen" "$named"
check "  and so does the note's" \
	sh -c 'tr -s " \n" "  " <"$0" | grep -qF "Note on $1 (optional):"' "$tmp/screen" "$named"
printf 'f\ni\ndump\nEsc\n' >"$tmp/keys"
TB_AS=ssk "$TB" --db "$tmp/a.db" --script "$tmp/keys" --size 110x30 --dump "$tmp/screen" >/dev/null 2>&1 </dev/null
check "i's question names the decision, the patient and the case" \
	sh -c 'tr -s " \n" "  " <"$0" | grep -qF "Patient informed of $1 today by (name or account): > Lena Åberg"' "$tmp/screen" "$named"
LANGUAGE=sv TB_AS=ssk "$TB" --db "$tmp/a.db" --script "$tmp/keys" --size 110x30 --dump "$tmp/screen" >/dev/null 2>&1 </dev/null
check "  in Swedish too" \
	sh -c 'tr -s " \n" "  " <"$0" | grep -qF "Patienten informerades om beslut $1 (Åström, Märta, SKA-LUNG-2026-0001) i dag av"' "$tmp/screen" "$lung"
printf 'f\ndump\n' >"$tmp/keys"
for who in koord ssk; do
	TB_AS=$who "$TB" --db "$tmp/a.db" --script "$tmp/keys" --size 110x30 --dump "$tmp/$who" >/dev/null 2>&1 </dev/null
done
check "a coordinator's follow-up title offers no c, x, i" \
	sh -c 'sed -n 2p "$0" | grep -q "^ tumorboard — follow-up *$"' "$tmp/koord"
check "  nor does her status line" sh -c '! grep -Eq "c carried out|x not carried|i informed" "$0"' "$tmp/koord"
check "a nurse's offers them" \
	grep -q "^ tumorboard — follow-up (c carried out, x not carried out, i informed)" "$tmp/ssk"

# ---- B: a finished meeting's titles keep their counts -----------------------
# the lung meeting on its day: one case decided and amended at it, one
# not discussed, five not reached (no later lung meeting: they stay)
b="$tmp/b.db"
tb_archive "$b" meetings || exit 1
(
	TUMORBOARD_NOW=2026-11-26T14:05:00Z
	export TUMORBOARD_NOW
	t() { "$TB" --db "$b" "$@" >/dev/null; }
	t meeting start 1 || exit 1
	for who in "eva.lind:thoraxkirurg" "Karin Berg:onkolog" "lars.ek:lungmedicinare" \
		"sara.holm:radiolog" "ali.nasser:patolog" "lena.holm:kontaktsjuksköterska"; do
		t meeting attend 1 "${who%%:*}" "${who#*:}" || exit 1
	done
	o=SKA-LUNG-2026-0001
	t form open "$o" || exit 1
	for kv in histology=adenocarcinoma "discussed=history imaging" resectability=resectable \
		operability=operable recommendation=lobectomy intent=curative \
		guideline=follows trial-considered=no "contact-nurse=Lena Holm" \
		follow-up-date=+1w "findings=" "rationale=Operabel."; do
		t form set "$o" "${kv%%=*}" "${kv#*=}" || exit 1
	done
	t decision sign "$o" --meeting 1 || exit 1
	d=$("$TB" --db "$b" decision list --case $o | awk 'NR == 1 { print $1 }')
	t decision amend "$d" --reason "Patienten vill vänta" || exit 1
	t decision sign "$o" --meeting 1 || exit 1
	t agenda 1 not-discussed OST-LUNG-2026-0004 --reason "Ny PET-CT" || exit 1
) || exit 1
en_counts='7 cases: 1 decided (1 amended), 1 not discussed, 5 not reached'
sv_counts='7 fall: 1 beslutat (1 ändrat), 1 ej diskuterat, 5 hanns ej med'
en_board=lung sv_board=lunga
printf 'm\nEnter\nF\ny\ndump\nq\ndump\n' >"$tmp/keys"
for lang in en sv; do
	eval "counts=\$${lang}_counts board=\$${lang}_board"
	# the counts after the number of cases: they add up to it
	parts=${counts#*: }
	for size in 80x24 200x60; do
		cp "$b" "$tmp/f.db"
		TUMORBOARD_NOW=2026-11-26T14:05:00Z LANGUAGE=$lang "$TB" --db "$tmp/f.db" \
			--script "$tmp/keys" --size $size --dump "$tmp/screen" >/dev/null 2>&1 </dev/null
		report=$(sed -n 2p "$tmp/screen")
		agenda=$(awk '/^--- screen 2/ { getline; print; exit }' "$tmp/screen")
		check "$lang $size: the finish report's title has every count" \
			sh -c 'printf "%s\n" "$0" | grep -qF ": $1"' "$report" "$counts"
		check "$lang $size: the finished agenda's title too" \
			sh -c 'printf "%s\n" "$0" | grep -qF "$1"' "$agenda" "$parts"
		check "$lang $size: after the meeting's date and board" \
			sh -c 'printf "%s\n" "$0" | grep -Eq " 2026-11-26 ([0-9:]+ )?$1[ :]"' "$agenda" "$board"
		[ $size = 200x60 ] && check "$lang $size: with the meeting's date, time and the minutes' key" \
			sh -c 'printf "%s\n" "$0" | grep "agenda 2026-11-26 14:00 " | grep -qF ": $1  (M "' "$agenda" "$counts"
		result "$lang $size: the titles fit" $(printf '%s\n%s\n' "$report" "$agenda" |
			awk -v w=${size%x*} '{ if (length($0) > w - 1) bad = 1 } END { exit bad }'; echo $?)
	done
done

# ---- C: the referral queue says what is true --------------------------------
printf 'r\ndump\n' >"$tmp/keys"
"$TB" --db "$db" --script "$tmp/keys" --size 120x30 --dump "$tmp/screen" >/dev/null 2>&1 </dev/null
result "the referral queue" $?
check "  an imported case on no agenda reads referred, not listed (Carter)" \
	grep -q "Carter, Emily .* referred " "$tmp/screen"
check "  no row of the queue says listed" sh -c '! grep -q " listed " "$0"' "$tmp/screen"
# taken off the agenda of a meeting, still on that of a finished one (not
# reached): back to referred
c=$(tb meetings | awk '$2 == "2026-11-27" { print $1 }')
tb agenda "$c" remove JKP-CRC-2026-0031 --reason "Fel MDK" >/dev/null 2>&1 || true
check "a case taken off its agenda is referred" \
	test "$(q "SELECT status FROM cases WHERE external_id = 'JKP-CRC-2026-0031'")" = referred
# the finished meeting above left five cases not reached with no later lung
# meeting: they are on no agenda to come
check "a case its finished meeting did not reach, with no later one, is referred" \
	test "$(sqlite3 "$tmp/f.db" "SELECT status FROM cases WHERE external_id = 'HAL-LUNG-2026-0017'")" = referred
# ---- D: the decision form offers S only to who may sign ----------------------
# a member and a chair of the lung board open the same case's form: the
# status line offers S to the chair; the member, whom signing refuses, is
# not offered it (and S still says why, in words)
printf '/\ntype Carter\nEnter\nEnter\nd\ndump\nS\ndump\n' >"$tmp/keys"
for who in ledamot ordf; do
	cp "$db" "$tmp/d.db"
	TB_AS=$who "$TB" --db "$tmp/d.db" --script "$tmp/keys" --size 100x30 \
		--dump "$tmp/form-$who" >/dev/null 2>&1 </dev/null
	result "the form opened by $who" $?
	awk '/^--- screen 2/ { exit } { print }' "$tmp/form-$who" | tail -1 >"$tmp/hints-$who"
done
check "a chair's form offers S sign" grep -q "  S sign  " "$tmp/hints-ordf"
check "a member's form does not" lacks "$tmp/hints-ledamot" -e "S sign" -e "F2 sign"
check "  but offers what a member may (e edit, u undo)" grep -q "e edit  Esc back  u undo" "$tmp/hints-ledamot"
check "  and S, pressed all the same, says why not" \
	grep -q "You may not sign a decision: your role (Board member) does not allow it" "$tmp/form-ledamot"
finish

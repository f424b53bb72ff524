#!/bin/sh
# The decision form as a chair uses it, at 80x24 and 200x60, in English
# and Swedish: the keys after a value is taken (the walk goes on; command
# keys stay commands until Enter edits), the rationale's editor wrapped
# at word boundaries, what a refused answer says beside the prompt that
# asks again, and the read-back before signing (its labels and the
# attendees' roles). Each script runs on a fresh copy of the sample archive
# with its meetings (examples/demo-meetings.sh), meeting 1 running.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap '[ -n "$TB_KEEP" ] || rm -rf "$tmp"' EXIT
tb_fixture "$tmp/tb.db" || exit 1
"$TB" --db "$tmp/tb.db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$tmp/tb.db" >/dev/null ||
	exit 1
"$TB" --db "$tmp/tb.db" meeting start 1 >/dev/null 2>&1 || exit 1
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME

# play NAME SIZE LANG: runs $tmp/NAME.keys at SIZE with the interface in
# LANG on a fresh copy; the screens dumped into $tmp/NAME-SIZE-LANG.
play() {
	cp "$tmp/tb.db" "$tmp/run.db"
	out="$tmp/$1-$2-$3"
	LANG=C.UTF-8 LANGUAGE=$3 "$TB" --db "$tmp/run.db" \
		--script "$tmp/$1.keys" --size "$2" --dump "$out" \
		>"$out.err" 2>&1
	result "$1 at $2 ($3) runs" $?
}

# The board of meeting 1 is not quorate: an empty reason to sign anyway
# is asked for again, and the prompt says why, on the rows just above it
# (not somewhere in the detail pane).
cat >"$tmp/quorum.keys" <<'KEYS'
m Enter Enter d
Enter Enter
type X
Enter
type X
Enter 3 3 6 2
Enter
type Enligt vårdprogram.
Enter 1 2
Enter
type Lena Holm
Enter
Enter
type +3w
Enter
F2 Enter
type Karin Berg:onkolog
Enter
Enter dump
KEYS
for size in 80x24 200x60; do
	play quorum $size en
	check "quorum $size (en): the refusal is said just above the prompt" \
		sh -c 'grep -A1 "quorate; Esc does not sign$" "$0" | grep -q "^ Not quorate (nobody as"' \
		"$tmp/quorum-$size-en"
	play quorum $size sv
	check "quorum $size (sv): the refusal is said just above the prompt" \
		sh -c 'grep -A1 "signerar inte$" "$0" | grep -q "^ Inte beslutsför (ingen som"' \
		"$tmp/quorum-$size-sv"
done

# An attendee's role that is no role of the meeting's board is refused
# as it is typed, naming the nearest, before quorum is asked about; the
# line is offered again and Esc leaves nothing signed.
sed -e 's/^type Karin Berg:onkolog$/type Karin Berg:onkologi/' \
	-e 's/^Enter dump$/dump Esc/' "$tmp/quorum.keys" >"$tmp/role.keys"
check "the role script names the mistyped role" grep -q "onkologi$" "$tmp/role.keys"
for lang in en sv; do
	play role 80x24 $lang
	check "role ($lang): nothing is signed" \
		test "$(sqlite3 "$tmp/run.db" "SELECT count(*) FROM decision")" = 0
	check "role ($lang): no reason to sign without quorum is asked" \
		lacks "$tmp/role-80x24-$lang" -e "Not quorate" -e "Inte beslutsför"
done
check "role (en): the role meant is named, as the interface names it" grep -q "no such role 'onkologi'; did you mean 'oncologist'?" "$tmp/role-80x24-en"
check "role (sv): in Swedish" grep -q "ingen roll 'onkologi'; menade du 'onkolog'?" "$tmp/role-80x24-sv"
# and the roles the board takes are named with it, above the prompt in
# full at 80x24 (wrapped, up to five lines); a role that is near none
# ('chair', a title rather than a board role) is refused naming them too
flat() { sed -n '/^--- screen 1 /,/^--- screen 2 /p' "$1" | tr -s ' \n' '  ' >"$1.flat"; }
lung_en='pulmonologist, oncologist, thoracic surgeon, radiologist, pathologist, contact nurse, clinical geneticist, research nurse, referring physician'
lung_sv='lungmedicinare, onkolog, thoraxkirurg, radiolog, patolog, kontaktsjuksköterska, klinisk genetiker, forskningssjuksköterska, remitterande läkare'
flat "$tmp/role-80x24-en"
check "role (en): the board's roles named after the one meant, the message whole" \
	grep -qF "did you mean 'oncologist'? The roles: $lung_en; Esc does not sign" "$tmp/role-80x24-en.flat"
flat "$tmp/role-80x24-sv"
check "role (sv): the roles named in Swedish too" \
	grep -qF "menade du 'onkolog'? Rollerna: $lung_sv; Esc signerar inte" "$tmp/role-80x24-sv.flat"
sed -e 's/^type Karin Berg:onkolog$/type Karin Berg:chair/' \
	-e 's/^Enter dump$/dump Esc/' "$tmp/quorum.keys" >"$tmp/chair.keys"
play chair 80x24 en
flat "$tmp/chair-80x24-en"
check "chair (en): refused, naming every role of the board, then Esc" \
	grep -qF "no such role 'chair'; the roles: $lung_en; Esc does not sign" "$tmp/chair-80x24-en.flat"
play chair 80x24 sv
flat "$tmp/chair-80x24-sv"
check "chair (sv): in Swedish" \
	grep -qF "ingen roll 'chair'; rollerna: $lung_sv; Esc signerar inte" "$tmp/chair-80x24-sv.flat"
# several attendees wrong at once: each is named in the one refusal
sed -e 's/^type Karin Berg:onkolog$/type Karin Berg:onkologi, Lena Holm:kurator/' \
	-e 's/^Enter dump$/dump Esc/' "$tmp/quorum.keys" >"$tmp/roles2.keys"
play roles2 200x60 en
flat "$tmp/roles2-200x60-en"
check "two roles wrong: both named, the roles once" \
	grep -qF "Attendees: Karin Berg: no such role 'onkologi'; did you mean 'oncologist'? Lena Holm: no such role 'kurator'. The roles: $lung_en; Esc does not sign" \
	"$tmp/roles2-200x60-en.flat"
check "  nothing is signed" \
	test "$(sqlite3 "$tmp/run.db" "SELECT count(*) FROM decision")" = 0
sed -e 's/^type Karin Berg:onkolog$/type Karin Bergg:onkolog, Lena Holmm:kontaktsjuksköterska; Lena Holm:kurator/' \
	-e 's/^Enter dump$/dump Esc/' "$tmp/quorum.keys" >"$tmp/users2.keys"
for lang in en sv; do
	play users2 200x60 $lang
	flat "$tmp/users2-200x60-$lang"
done
check "two unknown users: the first said whole" \
	grep -qF "Not an attendee: Karin Bergg:onkolog: 'Karin Bergg' is not a user of this archive" \
	"$tmp/users2-200x60-en.flat"
check "  the second named after it" \
	grep -qF "Also refused: Lena Holmm:kontaktsjuksköterska. " \
	"$tmp/users2-200x60-en.flat"
check "  and the third's role, that is none of the board's, said with them" \
	grep -qF ". Lena Holm: no such role 'kurator'; the roles: $lung_en; Esc does not sign" \
	"$tmp/users2-200x60-en.flat"
check "  in Swedish too" \
	grep -qF "Även avvisade: Lena Holmm:kontaktsjuksköterska. Lena Holm: ingen roll 'kurator'; rollerna: " \
	"$tmp/users2-200x60-sv.flat"

# narrower, the message is cut at its end ("…" after a whole word) on its
# fifth line, its start kept
play role 40x20 en
sed -n '/^--- screen 1 /,/^--- screen 2 /p' "$tmp/role-40x20-en" |
	grep -A5 "^ Attendees: Karin Berg: no such role" >"$tmp/role-40"
check "role at 40x20: the message starts as it starts" test -s "$tmp/role-40"
check "  and what did not fit is cut at its end, marked" \
	sh -c 'sed -n 5p "$0" | grep -q "…$" && sed -n 6p "$0" | grep -q "^ Attendees (name:role"' "$tmp/role-40"

# A role is typed by any of its names: its code (boards.xml's Swedish
# name), its English name, letter case and accents aside; the line
# offered (those present) names the roles in the interface's language,
# and what is stored is each role's code, whichever name was typed.
cp "$tmp/tb.db" "$tmp/named.db"
"$TB" --db "$tmp/named.db" meeting attend 1 "Eva Lind" radiolog >/dev/null &&
	"$TB" --db "$tmp/named.db" meeting attend 1 "Anna Lund" lungmedicinare >/dev/null
result "two present at meeting 1" $?
sed -n '1,/^F2 Enter$/p' "$tmp/quorum.keys" >"$tmp/named.keys"
printf '%s\n' dump "type , Karin Berg:Oncologist, Maria Ek:pathologist, Lena Holm:kontaktsjukskoterska" \
	Enter dump "type Ingen thoraxkirurg i tjänst." Enter Enter >>"$tmp/named.keys"
for lang in en sv; do
	cp "$tmp/named.db" "$tmp/run.db"
	out="$tmp/named-$lang"
	LANG=C.UTF-8 LANGUAGE=$lang "$TB" --db "$tmp/run.db" \
		--script "$tmp/named.keys" --size 200x60 --dump "$out" >"$out.err" 2>&1
	result "named ($lang) runs" $?
	check "named ($lang): no role is refused" lacks "$out" -e "no such role" -e "ingen roll"
	sqlite3 "$tmp/run.db" "SELECT attendees FROM decision" >"$tmp/att-$lang"
	check "named ($lang): signed, every role stored by its code" \
		test "$(tr '\t\n' '|;' <"$tmp/att-$lang")" = \
		"Eva Lind|radiolog|core;Anna Lund|lungmedicinare|core;Karin Berg|onkolog|core;Maria Ek|patolog|core;Lena Holm|kontaktsjuksköterska|core;"
	"$TB" --db "$tmp/run.db" verify >/dev/null 2>&1
	result "named ($lang): the audit chain verifies" $?
done
check "named (en): those present are offered with the English names" \
	grep -q "Attendees (name:role\[:cover\], ...): Eva Lind:radiologist, Anna Lund:pulmonologist" "$tmp/named-en"
check "named (en): the roles typed in English count for the quorum" \
	grep -q "Not quorate (nobody as thoracic surgeon)\. Reason" "$tmp/named-en"
check "named (sv): those present are offered with the Swedish names" \
	grep -q "Eva Lind:radiolog, Anna Lund:lungmedicinare" "$tmp/named-sv"
check "named (sv): the quorum in Swedish" grep -q "(ingen som thoraxkirurg)" "$tmp/named-sv"

# A guess far from every role offers none (not the nearest whatever its
# distance) and names the board's roles instead.
sed -e 's/^type Karin Berg:onkolog$/type Karin Berg:kurator/' \
	-e 's/^Enter dump$/dump Esc/' "$tmp/quorum.keys" >"$tmp/guess.keys"
play guess 200x60 en
check "guess: refused, the board's roles named in English" \
	grep -q "no such role 'kurator'; the roles: pulmonologist, oncologist, thoracic surgeon, radiologist, pathologist, contact nurse" "$tmp/guess-200x60-en"
check "guess: nothing is offered as meant" lacks "$tmp/guess-200x60-en" "did you mean"

# A user's name a letter off or without its accent is not taken for the
# user: the user meant is offered, and nothing is signed.
for typo in "Johan Lindkvist:Johan Lindqvist (johan.lindqvist)" \
	"Maria Ekk:Maria Ek (maria.ek)" "Lena As:Lena Ås (lena.as)"; do
	sed -e "s/^type Karin Berg:onkolog\$/type ${typo%%:*}:onkolog/" \
		-e 's/^Enter dump$/dump Esc/' "$tmp/quorum.keys" >"$tmp/typo.keys"
	play typo 200x60 en
	check "typo '${typo%%:*}': the user meant is offered" \
		grep -q "'${typo%%:*}' is not a user of this archive; users like it: ${typo#*:}" "$tmp/typo-200x60-en"
	check "typo '${typo%%:*}': nothing is signed" \
		test "$(sqlite3 "$tmp/run.db" "SELECT count(*) FROM decision")" = 0
done

# After a value is taken the walk goes on to the next field that blocks
# signing and waits there: a command key shown on the status line keeps
# its meaning (S signs, here saying what is still to do), nothing is
# typed into the field, and Enter starts editing it. After a pick
# (choice), after a text saved, after a date saved (the same step after
# every value taken: view_form.c after_set). The rationale is
# wrapped in the editor at word boundaries, and the cursor stays at the
# end of what was typed.
cat >"$tmp/walk.keys" <<'KEYS'
/ C a r t e r Enter Enter d
3 3 6 2
S dump
L dump
Enter
type Surgery is the best option for this patient given the stage and the performance status after the discussion at the meeting today.
dump
Enter 1 2
S dump
Enter
type Lena Holm
Enter
S dump
Enter
type +3w
Enter
S dump
KEYS
# screen N of a dump, without its heading
screen_of() { awk -v n="$2" '/^--- screen /{k++; next} k == n' "$1"; }
for size in 80x24 200x60; do
	for lang in en sv; do
		play walk $size $lang
		out="$tmp/walk-$size-$lang"
		if [ $lang = sv ]; then
			rat=Motivering
			nurse=Kontaktsjuksköterska
			date=Uppföljningsdatum
			req=krävs
			todo="kvar före signering; detta är det första"
			nottyped="Inte skrivet: Enter redigerar Motivering"
			signer="Signeras av [^(]* (inloggad): Enter går vidare, Esc tillbaka"
		else
			rat=Rationale
			nurse="Contact nurse"
			date="Follow-up date"
			req=required
			todo="to do before signing; this is the first"
			nottyped="Not typed: Enter edits Rationale"
			signer="To be signed by [^(]* (signed in): Enter goes on, Esc back"
		fi
		for n in 1 2 3 4 5 6; do
			screen_of "$out" $n >"$out.$n"
		done
		t="walk $size ($lang)"
		check "$t, after a pick: S signs (says what is to do)" \
			grep -q "$todo" "$out.1"
		check "$t, after a pick: S is not typed into the rationale" \
			sh -c 'grep -q "^\* $1  *$2" "$0" && ! grep -q "^│" "$0"' \
			"$out.1" "$rat" "$req"
		check "$t: the status line shows S as sign" \
			sh -c 'tail -1 "$0" | grep -q " S [a-z]"' "$out.1"
		check "$t: a letter that is no command says how to edit" \
			sh -c 'grep -q "$1" "$0" && ! grep -q "^│" "$0"' \
			"$out.2" "$nottyped"
		check "$t: Enter edits: the rationale in the editor" \
			grep -q "^│ Surgery is the best" "$out.3"
		check "$t: the editor breaks its lines between words" \
			sh -c 'grep "^│" "$0" | sed "s/^│ //" | tr -s " " "\n" | grep -v "^$" >"$0.words" &&
				printf "%s\n" Surgery is the best option for this patient given the stage and the performance status after the discussion at the meeting today. | cmp -s - "$0.words"' \
			"$out.3"
		check "$t, after a pick: S is not typed into the contact nurse" \
			sh -c 'grep -q "$1" "$0" && grep -q "^\* $2  *$3" "$0" && ! grep -q "^ *$2:" "$0"' \
			"$out.4" "$todo" "$nurse" "$req"
		check "$t, after a text saved: S is not typed into the date" \
			sh -c 'grep -q "$1" "$0" && grep -q "^\* $2  *$3" "$0"' \
			"$out.5" "$todo" "$date" "$req"
		check "$t, after a date saved: S says who signs (the signed-in user)" \
			grep -q "$signer" "$out.6"
	done
done
# The way back is Esc on every field, and the status line says so at
# 80 columns too; q goes back from a choice field and from a number field
# (no number has a q: the tester's "q" went into PD-L1 as "q"), and is
# typed on a text field.
cat >"$tmp/back.keys" <<'KEYS'
:
type case OST-LUNG-2026-0004
Enter d dump
Up Up Up Up dump
q dump
d Up Up Up Up Up Up Up Up Up
q dump
KEYS
for lang in en sv; do
	play back 80x24 $lang
	out="$tmp/back-80x24-$lang"
	for n in 1 2 3 4; do
		screen_of "$out" $n >"$out.$n"
	done
	if [ $lang = sv ]; then
		back="Esc tillbaka"
		pdl1="PD-L1 (TPS)  — "
		case="^ tumorboard — fall OST-LUNG-2026-0004$"
	else
		back="Esc back"
		pdl1="PD-L1 (TPS)  — "
		case="^ tumorboard — case OST-LUNG-2026-0004$"
	fi
	t="back 80x24 ($lang)"
	check "$t: a choice field's status line shows Esc as the way back" \
		sh -c 'tail -1 "$0" | grep -q "  $1  "' "$out.1" "$back"
	check "$t: so does a number field's" \
		sh -c 'grep -q "^$1" "$0" && tail -1 "$0" | grep -q "  $2  "' \
		"$out.2" "$pdl1" "$back"
	check "$t: q on a number field goes back, nothing typed" \
		sh -c 'head -1 "$0" | grep -q "$1" && ! grep -q "^│" "$0" &&
			! grep -q "PD-L1 (TPS): q" "$0"' "$out.3" "$case"
	check "$t: q on a text field is typed" \
		grep -q "^│ .* före start?q$" "$out.4"
done

# The label column is wider where the screen allows: at 200 columns the
# Swedish "Telefon till kontaktsjuksköterska" is whole (at 80 it is
# "Telefon till…", cut in whole words).
check "labels at 200x60 (sv): a long label whole" \
	grep -q "^  Telefon till kontaktsjuksköterska  *—" "$tmp/walk-200x60-sv.1"

# A sentence typed just after a pick, before Enter: every character is
# refused as the first was, naming the field the walk brought the form
# to; its spaces do not page on to another field (Space pages on a
# form), its letters do not act, and none of it is typed anywhere (the
# sentence once went into the responsible physician's field).
cat >"$tmp/sentence.keys" <<'KEYS'
/ C a r t e r Enter Enter d
3 3 6 2
T 7 9 0 M Space i Space p l a s m a .
dump
KEYS
for lang in en sv; do
	play sentence 80x24 $lang
	out="$tmp/sentence-80x24-$lang"
	if [ $lang = sv ]; then
		nottyped="Inte skrivet: Enter redigerar Motivering"
	else
		nottyped="Not typed: Enter edits Rationale"
	fi
	check "a sentence after a pick ($lang): its last character refused on the rationale" \
		grep -q "$nottyped" "$out"
	check "  nothing of it typed anywhere" lacks "$out" -e "plasma" -e "^│"
	check "  nothing of it saved" test "$(sqlite3 "$tmp/run.db" \
		"SELECT count(*) FROM form_value WHERE value LIKE '%plasma%' OR value LIKE '%T790M%'")" = 0
done

# A character typed on a text field opens the editor with it; that
# character is typed text like any other: the first Esc asks ("Esc again
# discards what you typed"), the second throws it away and stays in the
# form on the field, the old value kept (it was taken as the editor's
# starting text: one Esc discarded it unasked, the next left the form).
# On a multi-line field (the recommendation's details) and a one-line
# one (TNM, with a value).
cat >"$tmp/esc.keys" <<'KEYS'
m Enter Enter d
j j j j j j
type X
Esc dump
Esc dump
k k k k k k k k k
type X
Esc dump
Esc dump
KEYS
for lang in en sv; do
	play esc 80x24 $lang
	out="$tmp/esc-80x24-$lang"
	n=$(grep -c -e "Esc again discards what you typed; Enter keeps it" \
		-e "Esc igen kastar det du skrev" "$out")
	check "Esc on typed text ($lang): asked first, on both fields ($n)" test "$n" = 2
	check "Esc twice ($lang): still in the form, on the field" \
		sh -c 'test "$(grep -c -e "Esc back" -e "Esc tillbaka" "$0")" -ge 2' "$out"
	check "Esc twice ($lang): the form was not left" \
		lacks "$out" -e "Nothing saved" -e "Inget sparades"
	check "Esc twice ($lang): TNM keeps its value" \
		sh -c 'tail -30 "$0" | grep -q "cT2a cN2 cM1b"' "$out"
	check "Esc twice ($lang): nothing typed was saved" \
		test "$(sqlite3 "$tmp/run.db" "SELECT count(*) FROM form_value WHERE value = 'X'")" = 0
done

# On the read-back only Enter signs, as its status line says: e (the
# form's edit), S and F2 (the form's sign, which opened it) and other
# letters do nothing there; e signed before, unread.
sed '$d' "$tmp/quorum.keys" >"$tmp/rbkeys.keys"
printf '%s\n' "type Akut beslut." Enter e S F2 s x dump "Enter dump" >>"$tmp/rbkeys.keys"
play rbkeys 80x24 en
first=$(awk '/^--- screen /{ s++; next } s == 1' "$out")
check "read-back: e, S, F2 and other letters do not sign" \
	sh -c 'printf "%s\n" "$0" | grep -q "Enter signs this" && ! printf "%s\n" "$0" | grep -q "Decision [0-9]* signed"' "$first"
check "read-back: then Enter signs" grep -q "Decision [0-9]* signed by" "$out"
check "read-back: one decision signed" \
	test "$(sqlite3 "$tmp/run.db" "SELECT count(*) FROM decision")" = 1

# The read-back before signing, at both sizes, in English and Swedish:
# the attendees' roles by their names in the interface's language (the
# code is what is stored); at 200 columns every label beside its value
# (a findings value of several rows apart), at 80 a label too long for
# its column whole, its value on the line below.
sed '$d' "$tmp/quorum.keys" >"$tmp/readback.keys"
printf '%s\n' "type Akut beslut." "Enter dump" "PgDn dump" >>"$tmp/readback.keys"
for lang in en sv; do
	for size in 80x24 200x60 41x24; do
		play readback $size $lang
		t="read-back $size ($lang)"
		check "$t: read back" grep -q "^Attendees$\|^Deltagare$" "$out"
		case $lang in
		en) role=oncologist staging="Mediastinal staging (EBUS/EUS, mediastinoscopy)" ;;
		sv) role=onkolog staging="Mediastinal stadieindelning (EBUS/EUS, mediastinoskopi)" ;;
		esac
		check "$t: the attendee's role named '$role'" grep -qx "  Karin Berg, $role" "$out"
		if [ $size = 41x24 ]; then
			# a split pane: nothing cut at the edge, each value
			# below its label
			case $lang in
			en) head="Read back before signing (draft revision [0-9]*): this is what will be archived." ;;
			sv) head="Läs upp före signering (utkastets revision [0-9]*): detta är vad som arkiveras." ;;
			esac
			tr '\n' ' ' <"$out" | tr -s ' ' >"$tmp/joined"
			check "$t: the read-back's first line whole, wrapped" grep -q "$head" "$tmp/joined"
			case $lang in
			en) long="Driver alterations and other molecular findings" ;;
			sv) long="Drivarförändringar och andra molekylära fynd" ;;
			esac
			check "$t: a long label whole, wrapped" grep -qF " $long " "$tmp/joined"
			check "$t: who signs and the meeting, wrapped" grep -q "Karin Berg. M[a-zö]* 1\." "$tmp/joined"
			check "$t: a value below its label, indented by four" \
				grep -q "^    Karin Berg\|^    — *\$\|^    [A-ZÅÄÖa-zåäö]" "$out"
			continue
		fi
		if [ $size = 200x60 ]; then
			check "$t: a long label beside its value" \
				grep -q "^  $staging  *—\$" "$out"
			# a label alone: a line of words indented by two (but
			# the attendee's, and the findings' label, whose value
			# has rows of its own below it)
			grep -E '^  [^ ]+( [^ ]+)*$' "$out" | grep -v -e '^  Karin Berg, ' \
				-e '^  Driver alterations' -e '^  Drivarförändringar' >"$tmp/alone"
			diag <"$tmp/alone"
			check "$t: no other label alone on its line" test ! -s "$tmp/alone"
		else
			check "$t: a long label whole, on its own line" grep -qx "  $staging" "$out"
			check "$t: its value below it, in the values' column" \
				sh -c 'grep -A1 -x "  $1" "$0" | tail -1 | grep -qx " \{30\}—"' "$out" "$staging"
		fi
	done
done
check "read-back (en): no role by its Swedish code" lacks "$tmp/readback-200x60-en" -e ", onkolog\$"

# A case with two molecular findings (G719A at diagnosis, T790M in
# plasma): the findings row names both where they fit and counts the
# rest where they do not, never the first alone cut with "…".
printf '/ Ö h m a n Enter Enter d dump\n' >"$tmp/findings.keys"
for lang in en sv; do
	play findings 80x24 $lang
	more="+1 more"
	[ $lang = sv ] && more="+1 till"
	check "findings at 80x24 ($lang): the first, then \"$more\"" \
		grep -q " EGFR c.2156G>C p.Gly719Ala $more\$" "$out"
	play findings 200x60 $lang
	check "findings at 200x60 ($lang): both on the row" \
		grep -q " EGFR c.2156G>C p.Gly719Ala; EGFR c.2369C>T p.Thr790Met\$" "$out"
done

finish

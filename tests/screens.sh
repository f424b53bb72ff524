#!/bin/sh
# Scripted screen tests: the program reads keys from tests/screens/*.keys,
# draws into a headless screen and dumps it. Every script runs twice, from
# the one keys file: in English (compared with NAME.screen) and in Swedish
# (LANGUAGE=sv, compared with NAME.sv.screen). A script whose keys differ
# in Swedish (a command typed by its Swedish name) is NAME.sv.keys: with a
# NAME.keys beside it, it is the Swedish run of that script; alone, the
# script runs only in Swedish. An expected screen missing is a failure,
# and so is an expected screen no script draws.
# TB_UPDATE_GOLDEN=1 rewrites the expected screens.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dir="$TB_SRCDIR/tests/screens"
tb_fixture "$tmp/tb.db" || exit 1
"$TB" --db "$tmp/tb.db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
tb_fixture "$tmp/empty.db" || exit 1 # an archive with its users, no case
cp "$tmp/tb.db" "$tmp/meet.db"
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$tmp/meet.db" >/dev/null || exit 1
cp "$tmp/meet.db" "$tmp/live.db"
"$TB" --db "$tmp/live.db" meeting add --date 2026-12-10 --start 14:00 \
	--length 60 --board lung --level regional >/dev/null || exit 1
cp "$tmp/meet.db" "$tmp/decided.db"
sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$tmp/decided.db" >/dev/null || exit 1

# A print service that refuses every job, so printing from a screen gives
# the same message on every machine.
mkdir "$tmp/refusing-lp"
printf '#!/bin/sh\nexit 1\n' >"$tmp/refusing-lp/lp"
chmod +x "$tmp/refusing-lp/lp"
# and one that takes it (the agenda printed from its screen)
mkdir "$tmp/accepting-lp"
printf '#!/bin/sh\nfor f; do :; done\ncp "$f" "%s/printed-agenda.pdf"\n' "$tmp" >"$tmp/accepting-lp/lp"
chmod +x "$tmp/accepting-lp/lp"

# A developer's own key bindings must not change the expected screens.
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME

# run KEYS BASE LANG: the script KEYS, of the screen BASE, with the
# interface in LANG (en or sv); compared with BASE.screen in English and
# BASE.sv.screen in Swedish.
run() {
	keys=$1
	base=$2
	lang=$3
	name=$base
	[ $lang = sv ] && name=$base.sv
	db="$tmp/tb.db"
	[ "$base" = empty ] && db="$tmp/empty.db"
	# Scripts may change the agenda: each starts from a fresh copy.
	case $base in
	form-amend*)
		cp "$tmp/decided.db" "$tmp/run.db"
		db="$tmp/run.db"
		;;
	form-quorum)
		# signing at a meeting needs the meeting to have started
		cp "$tmp/meet.db" "$tmp/run.db"
		db="$tmp/run.db"
		"$TB" --db "$db" meeting start 1 >/dev/null || exit 1
		;;
	meetings* | form*)
		cp "$tmp/meet.db" "$tmp/run.db"
		db="$tmp/run.db"
		;;
	live*)
		cp "$tmp/live.db" "$tmp/run.db"
		db="$tmp/run.db"
		;;
	summary* | decided*)
		cp "$tmp/decided.db" "$tmp/run.db"
		db="$tmp/run.db"
		;;
	esac
	# Dumped with attributes: the text is compared, and no printed
	# cell may have the same foreground and background colour.
	# run in $tmp: a file a script saves (a summary's PDF) lands there
	lp=refusing-lp
	case $base in meetings-print*) lp=accepting-lp ;; esac
	rm -f "$tmp/printed-agenda.pdf"
	(cd "$tmp" && PATH="$tmp/$lp:$PATH" LANG=C.UTF-8 LANGUAGE=$lang \
		"$TB" --db "$db" --script "$keys" --size 80x24 \
		--dump-mode attrs --dump "$tmp/$name.attrs" \
		--timing "$tmp/$name.timing") >"$tmp/$name.out" 2>&1
	status=$?
	# what it wrote on the way, in English (the Swedish words are read
	# by tests/words.sh)
	case $lang-$base in
	sv-*) ;;
	en-summary-pdf)
		check "screen $name: the PDF is written where it was asked" \
			sh -c 'pdfinfo "$0" | grep -q A4' "$tmp/summary-3-sv.pdf"
		# the working mark was on the status line while it was written
		check "screen $name: the working mark while the PDF is written" \
			grep -q '^notice [0-9]* Writing the PDF…$' "$tmp/$name.timing"
		;;
	en-summary-pdf-folder)
		check "screen $name: the PDF is written under the name corrected" \
			sh -c 'pdfinfo "$0" | grep -q A4' "$tmp/summary-corrected.pdf"
		check "screen $name: one export recorded, none for the refused name" \
			sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE action = '"'"'export'"'"'")" = 1 ]' "$db"
		;;
	en-summary-pdf-cancel)
		check "screen $name: the working mark while the PDF is written" \
			grep -q '^notice [0-9]* Writing the PDF…$' "$tmp/$name.timing"
		check "screen $name: no PDF and no half-written file" \
			sh -c '! ls "$0" | grep -q "^summary-3-sv\.pdf"' "$tmp"
		check "screen $name: the status line says it was cancelled" \
			grep -q "Not saved: cancelled; nothing was written" "$tmp/$name.attrs"
		check "screen $name: no export is recorded" \
			sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE action = '"'"'export'"'"'")" = 0 ]' "$db"
		;;
	en-meetings-print-cancel)
		check "screen $name: the working mark while it prints" \
			grep -q '^notice [0-9]* Printing…$' "$tmp/$name.timing"
		check "screen $name: nothing reaches the print service" \
			test ! -e "$tmp/printed-agenda.pdf"
		check "screen $name: the status line says it was cancelled" \
			grep -q "Not printed: cancelled; nothing was written" "$tmp/$name.attrs"
		check "screen $name: no print is recorded" \
			sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE action = '"'"'export'"'"' AND detail = '"'"'agenda printed'"'"'")" = 0 ]' "$db"
		;;
	en-meetings-print)
		check "screen $name: lp got the agenda with its readiness" \
			sh -c 'pdftotext "$0" - | grep -q "Agenda 2026-11-26 14:00" && pdftotext "$0" - | grep -q -i "ready"' "$tmp/printed-agenda.pdf"
		check "screen $name: the printed agenda marks a trial as the screen" \
			sh -c 'pdftotext -layout "$0" - | grep -q "^ *T1 .*SKA-LUNG-2026-0001 .* TRIAL$" && pdftotext "$0" - | grep -q "^T, TRIAL: "' "$tmp/printed-agenda.pdf"
		check "screen $name: the working mark while it prints" \
			grep -q '^notice [0-9]* Printing…$' "$tmp/$name.timing"
		check "screen $name: the print is recorded" \
			sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM audit WHERE action = '"'"'export'"'"' AND detail = '"'"'agenda printed'"'"'")" = 1 ]' "$db"
		;;
	en-live)
		check "screen $name: the working mark while the meeting finishes" \
			grep -q '^notice [0-9]* Finishing the meeting…$' "$tmp/$name.timing"
		;;
	en-meetings-edit)
		check "screen $name: the agenda PDF is written where it was asked" \
			sh -c 'pdftotext "$0" - | grep -q "Agenda 2026-11-26 14:00"' "$tmp/agenda-1.pdf"
		check "screen $name: the working mark while the PDF is written" \
			grep -q '^notice [0-9]* Writing the PDF…$' "$tmp/$name.timing"
		;;
	esac
	awk '/^--- screen /{print; t = 1; next}
		/^--- (colour|monochrome): /{next}
		{if (t) print; t = !t}' "$tmp/$name.attrs" >"$tmp/$name.screen"
	if grep -q UNREADABLE "$tmp/$name.attrs"; then
		grep -B1 UNREADABLE "$tmp/$name.attrs" | head -4 | diag
		result "screen $name: every printed cell readable" 1
	else
		check "screen $name: dumped in colour" \
			grep -q '^--- colour: [1-9]' "$tmp/$name.attrs"
	fi
	[ -n "$TB_UPDATE_GOLDEN" ] && cp "$tmp/$name.screen" "$dir/$name.screen"
	if [ ! -f "$dir/$name.screen" ]; then
		diag "tests/screens/$name.screen missing (TB_UPDATE_GOLDEN=1 writes it)"
		result "screen $name" 1
	elif [ $status -eq 0 ] && cmp -s "$tmp/$name.screen" "$dir/$name.screen"; then
		result "screen $name" 0
	else
		diag "exit status $status" "$(cat "$tmp/$name.out")"
		diff -u "$dir/$name.screen" "$tmp/$name.screen" | head -40 | diag
		result "screen $name" 1
	fi
}

: >"$tmp/drawn"
for script in "$dir"/*.keys; do
	s=$(basename "$script" .keys)
	case $s in
	*.sv)
		# the Swedish keys of a script run with it, below
		[ -f "$dir/${s%.sv}.keys" ] && continue
		run "$script" "${s%.sv}" sv
		echo "$s.screen" >>"$tmp/drawn"
		;;
	*)
		run "$script" "$s" en
		sv=$script
		[ -f "$dir/$s.sv.keys" ] && sv=$dir/$s.sv.keys
		run "$sv" "$s" sv
		printf '%s\n' "$s.screen" "$s.sv.screen" >>"$tmp/drawn"
		;;
	esac
done
n=$(wc -l <"$tmp/drawn")
result "the scripts are drawn ($n screens)" $([ "$n" -ge 95 ]; echo $?)
(cd "$dir" && ls *.screen) | sort >"$tmp/expected"
sort "$tmp/drawn" | comm -23 "$tmp/expected" - >"$tmp/orphans"
result "every expected screen has its script" $([ ! -s "$tmp/orphans" ]; echo $?)
diag <"$tmp/orphans"

# A keys file: good lines apply, bad ones are named with file:line, and
# the program starts anyway.
mkdir -p "$tmp/config/tumorboard"
printf 'bind list x open\nbind list Dwon move-down\nbind case x back\n' \
	>"$tmp/config/tumorboard/keys"
printf 'dump x dump x dump\n' >"$tmp/rebind.keys"
LANG=C.UTF-8 "$TB" --db "$tmp/tb.db" --script "$tmp/rebind.keys" \
	--dump "$tmp/rebind.screen" 2>"$tmp/err"
result "starts despite a bad keys file" $?
check "keys file error names file and line" grep -q "config/tumorboard/keys:2: unknown key 'Dwon'" "$tmp/err"
check "keys file error shown on the status line" sh -c 'sed -n 25p "$0" | grep -q "keys:2: unknown key"' "$tmp/rebind.screen"
check "rebound key opens a case" grep -q "^Diagnosis " "$tmp/rebind.screen"
check "rebound key goes back" sh -c 'tail -24 "$0" | grep -q "tumorboard — cases"' "$tmp/rebind.screen"
check "status line shows the rebinding" sh -c 'tail -1 "$0" | grep -q "x open"' "$tmp/rebind.screen"
rm -r "$tmp/config/tumorboard"

printf 'Down\nFoo\n' >"$tmp/bad.keys"
"$TB" --db "$tmp/tb.db" --script "$tmp/bad.keys" >/dev/null 2>"$tmp/err"
result "bad key script exits 2" $([ $? -eq 2 ]; echo $?)
check "bad key is named with file and line" grep -q "bad.keys:2: unknown key 'Foo'" "$tmp/err"
finish

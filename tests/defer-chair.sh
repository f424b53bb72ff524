#!/bin/sh
# D at a running meeting when no later meeting of the board is planned,
# and typed text at a yes-or-no question. The chair (ordf: meeting.run,
# no meeting.plan) is told at once that no later meeting is planned and
# who plans meetings, and is asked nothing; the case stays listed. A
# coordinator of the board is asked the reason first, then whether to
# plan one. Text typed at a yes-or-no question (a reason typed ahead,
# "Molekylära ...", with a y in it) answers nothing and reaches no agenda
# key: the question stays until Enter, then a key answers. In English and
# Swedish, with tests/tumorboard-as.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
AS=$TB_AS_BIN
[ -x "$AS" ] || {
	echo "Bail out! $AS missing"
	exit 1
}
tb_fixture "$db" || exit 1
tb_role_users "$db" || exit 1
"$TB" --db "$db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
m=$("$TB" --db "$db" meeting add --date 2026-11-23 --start 09:00 --length 60 \
	--board lung --level regional) || exit 1
for c in SKA-LUNG-2026-0001 SLL-LUNG-2026-0031; do
	"$TB" --db "$db" agenda "$m" add "$c" >/dev/null || exit 1
done
"$TB" --db "$db" meeting start "$m" >/dev/null || exit 1
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME
# screen N of a dump, its lines
screen() { awk -v n="$2" '/^--- screen /{ s++; next } s == n' "$1"; }
on() { screen "$1" "$2" | grep -qF -- "$3"; }
off() { [ -s "$1" ] && ! screen "$1" "$2" | grep -qF -- "$3"; }

# the chair: D, then the reason typed ahead (y in it; not shown under the
# refusal, which has no answer), Enter; then F with
# the same text typed at its question, Enter, n
printf '%s\n' m Enter D dump 'type Molekylära' dump Enter dump F dump \
	'type Molekylära orsaker' dump Enter dump n dump q q Q >"$tmp/chair.keys"
# a coordinator of the board: D asks the reason, then the plan question;
# typed text at it is ignored up to Enter; y plans the date offered
printf '%s\n' m Enter D dump 'type Ny PET-CT' Enter dump \
	'type Molekylära' dump Enter y dump Enter dump q q Q >"$tmp/coord.keys"
# a coordinator typing a date the meeting cannot have (before this one's):
# refused while the prompt is open, the text kept; the next keys are the
# prompt's, never the running agenda's (Enter there opens a case)
printf '%s\n' m Enter D 'type Ny PET-CT' Enter Enter y C-u 'type 2026-11-20' \
	Enter dump C-u 'type 2026-11-30' Enter dump q q Q >"$tmp/refused.keys"
# a coordinator deferring from a meeting held long after it was planned
# (twelve days on): a week after its date has passed, so the date offered
# is its weekday next after today; a date that has passed is refused
printf '%s\n' m Enter D 'type Ny PET-CT' Enter Enter y dump C-u \
	'type 2026-12-01' Enter dump C-u 'type 2026-12-07' Enter dump \
	q q Q >"$tmp/late.keys"
for lang in en sv; do
	if [ $lang = sv ]; then
		plan='Planera ett nu?'
		told="Inte uppskjutet: inget senare möte för den här konferensen är planerat, och du får inte planera ett; konferensens MDK-koordinator planerar möten. SKA-LUNG-2026-0001 står kvar här."
		finish='Avsluta?'
		typed='Skriven text är inget svar och ignoreras'
		answer='Svara j eller n (Esc: nej)'
		why='Skjut upp — varför?'
		date='Nästa mötes datum'
		passed='2026-12-01 09:00 har passerat'
		casew=fall
	else
		plan='Plan one now?'
		told="Not deferred: no later meeting of this board is planned, and you may not plan one; the board's MDK coordinator plans meetings. SKA-LUNG-2026-0001 stays listed here."
		finish='Finish?'
		typed='Typed text is no answer and is ignored'
		answer='Answer y or n (Esc: no)'
		why='Defer — why?'
		date="Next meeting's date"
		passed='2026-12-01 09:00 has passed'
		casew=case
	fi
	cp "$db" "$tmp/chair.db"
	LANGUAGE=$lang TB_AS=ordf "$AS" --db "$tmp/chair.db" --script "$tmp/chair.keys" \
		--dump "$tmp/chair-$lang" --size 200x60 >/dev/null 2>&1
	result "$lang: the chair's screen runs" $?
	d="$tmp/chair-$lang"
	check "$lang: chair, D with no later meeting: no question to plan one" off "$d" 1 "$plan"
	check "$lang: chair, D: says no later meeting is planned and who plans one" \
		sh -c 'awk "/^--- screen /{ s++; next } s == 1" "$0" | tr -s " \n" "  " | grep -qF -- "$1"' "$d" "$told"
	check "$lang: chair, D: nothing refused (no plan tried)" off "$d" 1 "meeting.plan"
	check "$lang: chair: the reason typed ahead is no agenda key (the message holds)" \
		sh -c 'awk "/^--- screen /{ s++; next } s == 2" "$0" | tr -s " \n" "  " | grep -qF -- "$1"' "$d" "$told"
	check "$lang: chair: the refusal is clean: the text typed is not echoed under it" \
		off "$d" 2 "> Molekylära"
	check "$lang: chair: nor is there a line to type on" \
		sh -c '! awk "/^--- screen /{ s++; next } s == 1" "$0" | grep -q "^ >"' "$d"
	check "$lang: chair: after Enter the message stays on the status line" \
		sh -c 'awk "/^--- screen /{ s++; next } s == 3" "$0" | tr -s " \n" "  " | grep -qF -- "$1"' "$d" "$told"
	check "$lang: chair, D: the case stays listed" \
		sh -c '[ "$(sqlite3 "$0" "SELECT a.status FROM agenda_item a JOIN cases c ON c.id = a.case_id WHERE a.meeting_id = $1 AND c.external_id = '"'SKA-LUNG-2026-0001'"'")" = listed ]' "$tmp/chair.db" "$m"
	check "$lang: chair, F asks its question" on "$d" 4 "$finish"
	check "$lang: text typed at the question (a y in it) does not answer it" on "$d" 5 "$finish"
	check "$lang: and says it is ignored up to Enter" on "$d" 5 "$typed"
	check "$lang: after Enter the question waits for its answer" on "$d" 6 "$answer"
	check "$lang: n answers no: the meeting is still running" \
		sh -c '[ "$(sqlite3 "$0" "SELECT status FROM meeting WHERE id = $1")" = running ]' "$tmp/chair.db" "$m"
	check "$lang: no typed letter acted on the agenda (M: no minutes shown)" \
		sh -c '[ -s "$0" ] && ! grep -qi "^ tumorboard — minutes\|protokoll" "$0"' "$d"

	cp "$db" "$tmp/coord.db"
	LANGUAGE=$lang TB_AS=koord "$AS" --db "$tmp/coord.db" --script "$tmp/coord.keys" \
		--dump "$tmp/coord-$lang" --size 200x60 >/dev/null 2>&1
	result "$lang: the coordinator's screen runs" $?
	d="$tmp/coord-$lang"
	check "$lang: coordinator, D asks the reason first" on "$d" 1 "$why"
	check "$lang: coordinator, D: no plan question before the reason" off "$d" 1 "$plan"
	check "$lang: coordinator: then asks whether to plan one" on "$d" 2 "$plan"
	check "$lang: text typed at the plan question answers nothing" on "$d" 3 "$plan"
	check "$lang: and says it is ignored" on "$d" 3 "$typed"
	check "$lang: Enter, then y: the date is asked" on "$d" 4 "$date"
	check "$lang: coordinator: the case is deferred with the reason" \
		sh -c '[ "$(sqlite3 "$0" "SELECT a.status FROM agenda_item a JOIN cases c ON c.id = a.case_id WHERE a.meeting_id = $1 AND c.external_id = '"'SKA-LUNG-2026-0001'"'")" = deferred ]' "$tmp/coord.db" "$m"

	cp "$db" "$tmp/refused.db"
	LANGUAGE=$lang TB_AS=koord "$AS" --db "$tmp/refused.db" --script "$tmp/refused.keys" \
		--dump "$tmp/refused-$lang" --size 200x60 >/dev/null 2>&1
	result "$lang: the coordinator's screen runs (a date refused)" $?
	d="$tmp/refused-$lang"
	check "$lang: a date before this meeting's: the date is asked still" on "$d" 1 "$date"
	check "$lang: the refusal names this meeting's date" on "$d" 1 "2026-11-23"
	check "$lang: the text typed is kept" on "$d" 1 "2026-11-20"
	check "$lang: nothing is planned for the date refused" \
		sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM meeting WHERE date = '"'2026-11-20'"'")" = 0 ]' "$tmp/refused.db"
	check "$lang: no case was opened meanwhile (the keys were the prompt's)" \
		sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM meeting_live WHERE meeting_id = $1 AND case_id IS NOT NULL")" = 0 ]' "$tmp/refused.db" "$m"
	check "$lang: and no case screen was shown" off "$d" 2 "tumorboard — $casew "
	check "$lang: the date then taken: deferred to the meeting planned for it" \
		sh -c '[ "$(sqlite3 "$0" "SELECT m.date FROM agenda_item a JOIN cases c ON c.id = a.case_id JOIN meeting m ON m.id = a.meeting_id WHERE c.external_id = '"'SKA-LUNG-2026-0001'"' AND a.status = '"'listed'"'")" = 2026-11-30 ]' "$tmp/refused.db"

	cp "$db" "$tmp/late.db"
	TUMORBOARD_NOW=2026-12-05T09:00:00Z LANGUAGE=$lang TB_AS=koord "$AS" \
		--db "$tmp/late.db" --script "$tmp/late.keys" \
		--dump "$tmp/late-$lang" --size 200x60 >/dev/null 2>&1
	result "$lang: the coordinator's screen runs (twelve days on)" $?
	d="$tmp/late-$lang"
	check "$lang: twelve days on: the date offered is the meeting's weekday after today" \
		sh -c 'awk "/^--- screen /{ s++; next } s == 1" "$0" | grep -F -- "$1" | grep -qF 2026-12-07' "$d" "$date"
	check "$lang: not the week after its date, which has passed" off "$d" 1 "2026-11-30"
	check "$lang: a date that has passed is refused, the prompt still open" \
		sh -c 'awk "/^--- screen /{ s++; next } s == 2" "$0" | grep -F -- "$1" | grep -qF 2026-12-01' "$d" "$date"
	check "$lang: and says it has passed" on "$d" 2 "$passed"
	check "$lang: the date then taken: deferred to the meeting planned for it" \
		sh -c '[ "$(sqlite3 "$0" "SELECT m.date FROM agenda_item a JOIN cases c ON c.id = a.case_id JOIN meeting m ON m.id = a.meeting_id WHERE c.external_id = '"'SKA-LUNG-2026-0001'"' AND a.status = '"'listed'"'")" = 2026-12-07 ]' "$tmp/late.db"
	check "$lang: no meeting was planned in the past" \
		sh -c '[ "$(sqlite3 "$0" "SELECT count(*) FROM meeting WHERE date > '"'2026-11-23'"' AND date < '"'2026-12-05'"'")" = 0 ]' "$tmp/late.db"
done
finish

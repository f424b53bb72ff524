#!/bin/sh
# The screen at 80x24 in a real terminal (tmux), in English and in
# Swedish (longer words), in colour and with NO_COLOR: nothing a person
# needs is cut at the right edge. Each capture goes through
# tests/sgr-check.awk (no printed cell fg = bg). Checked, one by one, where
# cuts were found: the meetings' place, the help's lines, the agenda's
# rows (readiness and the interpreter mark), the form's
# status line (help always there), the live agenda's title, the finish
# question and the finish report's title (the counts its body says);
# and yes-or-no questions answered with one key, without Enter. Every kind
# of screen is drawn: the case list, the referral queue, the follow-up
# list, help, the meetings, an agenda, the live agenda, a case, its
# brief, the form, attendance, the finish report, the finished agenda and
# its minutes.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'for s in "$tmp"/tmux-*.sock; do tmux -S "$s" kill-server 2>/dev/null; done; rm -rf "$tmp"' EXIT
if ! command -v tmux >/dev/null 2>&1; then
	echo "Bail out! tmux is not installed (Debian: tmux)"
	exit 1
fi
sgrcheck="$TB_SRCDIR/tests/sgr-check.awk"
[ -s "$sgrcheck" ] || {
	echo "Bail out! tests/sgr-check.awk missing"
	exit 1
}
tb_fixture "$tmp/base.db" || exit 1
"$TB" --db "$tmp/base.db" import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
sh "$TB_SRCDIR/examples/demo-meetings.sh" "$TB" "$tmp/base.db" >/dev/null || exit 1
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME

e=$(printf '\033')
sock=
tb=
send() { tmux -S "$sock" send-keys -t "$tb" "$@"; }
plain() { tmux -S "$sock" capture-pane -p -t "$tb" | sed 's/ *$//'; }
# waits until the screen holds the pattern (grep -E), at most 10 s; then
# keeps the screen in $tmp/screen and checks its colours
wait_for() {
	i=0
	until plain >"$tmp/screen" && grep -Eq -- "$1" "$tmp/screen"; do
		i=$((i + 1))
		[ $i -ge 100 ] && {
			diag "never on the screen: $1"
			diag <"$tmp/screen"
			return 1
		}
		sleep 0.1
	done
	tmux -S "$sock" capture-pane -e -p -t "$tb" >"$tmp/cap"
	r=$(LC_ALL=C awk -f "$sgrcheck" "$tmp/cap") || {
		diag "$r printed cells fg = bg"
		return 1
	}
	return 0
}
# a check that the screen comes to hold the pattern (its diagnostics
# shown)
see() {
	wait_for "$2"
	result "$1" $?
}
# line N (1-based) of the screen kept by wait_for
line() { sed -n "${1}p" "$tmp/screen"; }
# a line that runs to the last column the program writes (78 cells after
# the margin) was cut there
fits() { [ "$(printf '%s' "$1" | wc -m)" -lt 79 ]; }
# the lines of the screen kept by wait_for that reach the last column: a
# document is drawn one cell narrower, so such a line was cut
edge() { sed 's/./x/g' "$tmp/screen" | grep -n '^x\{80\}' | cut -d: -f1 |
	while read -r n; do line "$n"; done; }
# a check that the rows view kept by wait_for (a list of rows with a
# title, a heading, the selected row's detail and the status line) cut
# nothing: title, heading, detail and status line fit, or the detail
# ends in "…" (shortened at a word)
rows_fit() {
	bad=
	for n in 1 2 24; do
		fits "$(line $n)" || bad="$bad$(line $n)
"
	done
	d=$(line 23)
	fits "$d" || case $d in *…) ;; *) bad="$bad$d
" ;; esac
	result "$1" $([ -z "$bad" ]; echo $?)
	[ -n "$bad" ] && printf '%s' "$bad" | diag
}

# the case the meeting's first row opens, as its file names it
diagnosis='Adenocarcinoma, right upper lobe'
grep -qF ">$diagnosis<" "$TB_EXAMPLES/lung-egfr-l858r.xml" || {
	echo "Bail out! examples/cases/lung-egfr-l858r.xml: the diagnosis changed"
	exit 1
}
for lang in en sv; do
	if [ $lang = sv ]; then
		help='\? hjälp'
		helptitle='tumorboard — hjälp'
		yes=j
		meetings='tumorboard — möten'
		place='Plats: Konferensrum Onkologen, SUS Lund'
		question='Planerat till 2026-11-26, i dag är det 2026-11-23: starta nu\? \(j/n\)$'
		running='^ PÅGÅR lunga'
		form='^ PÅGÅR ⏱'
		finishq='Avsluta\? [0-9]+ fall som inte hanns med går tillbaka till remisskön'
		report='^ (tumorboard — )?(avslutat: )?[0-9]+ fall: [0-9]+ beslutade?'
		body='N hanns ej med, 0 flyttade vidare, N kvar'
		staleimg='Aktuell bilddiagnostik: senaste 2026-10-19 är [0-9]+ dagar gammal; gränsen är 42'
		list='tumorboard — fall \('
		queue='tumorboard — remisskö \('
		follow='tumorboard — uppföljning'
		brief='tumorboard — underlag SKA-LUNG-2026-0001'
		attend='tumorboard — närvaro, möte'
		finished=' 2026-11-26 lunga(  avslutat)?: '
		minutes='tumorboard — protokoll för möte'
	else
		help='\? help'
		helptitle='tumorboard — help'
		yes=y
		meetings='tumorboard — meetings'
		place='Place: Konferensrum Onkologen, SUS Lund'
		question='Planned for 2026-11-26, today is 2026-11-23: start it now\? \(y/n\)$'
		running='^ LIVE lung'
		form='^ LIVE ⏱'
		finishq='Finish\? [0-9]+ cases not reached go back to the referral queue'
		report='^ (tumorboard — )?(finished: )?[0-9]+ cases?: [0-9]+ decided'
		body='N not reached, 0 moved on, N not moved'
		staleimg='Current imaging: newest 2026-10-19 is [0-9]+ days old; the limit is 42'
		list='tumorboard — cases \('
		queue='tumorboard — referral queue \('
		follow='tumorboard — follow-up'
		brief='tumorboard — brief SKA-LUNG-2026-0001'
		attend='tumorboard — attendance, meeting'
		finished=' 2026-11-26 lung(  finished)?: '
		minutes='tumorboard — minutes of meeting'
	fi
	for mode in colour mono; do
		nc=
		[ $mode = mono ] && nc=1
		tb="$lang$mode"
		sock="$tmp/tmux-$tb.sock"
		cp "$tmp/base.db" "$tmp/$tb.db"
		tmux -u -S "$sock" -f /dev/null new-session -d -s "$tb" -x 80 -y 24 \
			"env XDG_CONFIG_HOME=$tmp/config NO_COLOR=$nc LANGUAGE=$lang LC_ALL=C.UTF-8 TUMORBOARD_LOCALEDIR=$TUMORBOARD_LOCALEDIR TERM=xterm-256color TUMORBOARD_NOW=$TUMORBOARD_NOW TZ=$TZ '$TB' --db '$tmp/$tb.db'; echo EXITED \$?; sleep 30"
		t="$lang $mode 80x24"
		wait_for "$help" || true
		# the case list, the referral queue and the follow-up list:
		# their titles, headings, detail and status lines fit
		see "$t: the case list" "$list"
		rows_fit "$t: the case list cuts nothing"
		send r
		see "$t: the referral queue" "$queue"
		rows_fit "$t: the referral queue cuts nothing"
		send r
		wait_for "$list" >/dev/null
		send f
		see "$t: the follow-up list" "$follow"
		rows_fit "$t: the follow-up list cuts nothing"
		send q
		wait_for "$list" >/dev/null
		# help: every line wraps within the width, none is cut
		send '?'
		see "$t: help shown" "$helptitle"
		cut=$(awk '{ if (length($0) >= 79) print }' "$tmp/screen")
		result "$t: no line of the help is cut" $([ -z "$cut" ]; echo $?)
		[ -n "$cut" ] && printf '%s\n' "$cut" | diag
		send q
		# meetings: the place of the selected meeting is there whole
		send m
		see "$t: the meetings" "$meetings"
		check "$t: the selected meeting's place, whole" grep -q "$place" "$tmp/screen"
		result "$t: the meetings' heading fits" $(fits "$(line 2)"; echo $?)
		# S on another day asks; one key answers it (no Enter)
		send Enter
		wait_for '14:00' >/dev/null
		# the agenda's rows: the interpreter mark whole, none cut;
		# readiness a word or a count
		see "$t: the interpreter mark whole on an agenda row" "  (TOLK|INT)\$"
		cut=$(grep -E '^ +T?[0-9]+ +[0-9]{2}:[0-9]{2} ' "$tmp/screen" | awk 'length($0) >= 79')
		result "$t: no agenda row is cut" $([ -z "$cut" ]; echo $?)
		[ -n "$cut" ] && printf '%s\n' "$cut" | diag
		# the selected case's question under the rows: whole, or its
		# first words and "…"
		rows_fit "$t: the agenda cuts nothing"
		send S
		see "$t: the start question whole" "$question"
		send "$yes"
		see "$t: one key starts the meeting" "$running"
		result "$t: the live agenda's title fits" $(fits "$(line 1)"; echo $?)
		# the form of the first case: its title and status line fit, and
		# help is always on the status line
		send Enter
		wait_for '^(Fall|Case) SKA-LUNG-2026-0001 ' >/dev/null
		# the case view: the banner's diagnosis whole (wrapped under
		# the patient, not cut at the edge), and each readiness item's
		# detail whole (wrapped under the item); no line reaches the
		# last column (the document is one cell narrower: a line there
		# was cut)
		cp "$tmp/screen" "$tmp/case1"
		send PageDown
		wait_for "^  [A-Z]+ +${staleimg%%:*}:" >/dev/null
		cat "$tmp/case1" "$tmp/screen" >"$tmp/case"
		check "$t: the banner's diagnosis whole" sh -c 'sed -n 2,4p "$0" | tr -s " \n" "  " | grep -qF "$1"' "$tmp/case1" "C34.1 $diagnosis"
		check "$t: the readiness item's detail whole" sh -c 'tr -s " \n" "  " <"$0" | grep -Eq "$1"' "$tmp/case" "$staleimg"
		cut=$(sed 's/./x/g' "$tmp/case" | grep -n '^x\{80\}' | cut -d: -f1 |
			while read -r n; do sed -n "${n}p" "$tmp/case"; done)
		result "$t: no line of the case view reaches the edge" $([ -z "$cut" ]; echo $?)
		[ -n "$cut" ] && printf '%s\n' "$cut" | diag
		# the pre-meeting brief: its document within the width
		send b
		see "$t: the brief" "$brief"
		cut=$(edge)
		result "$t: no line of the brief reaches the edge" $([ -z "$cut" ]; echo $?)
		[ -n "$cut" ] && printf '%s\n' "$cut" | diag
		send q
		wait_for '^(Fall|Case) SKA-LUNG-2026-0001 ' >/dev/null
		send d
		see "$t: the form" "$form"
		result "$t: the form's title fits" $(fits "$(line 1)"; echo $?)
		# the form's rows: a label is the form's own, whole, or its
		# first whole words and "…"; a value that reaches the row's end
		# ends in "…" (never in half a word)
		sed -n "s/.*<label xml:lang=\"$lang\">\(.*\)<\/label>.*/\1/p" \
			"$TB_SRCDIR/forms/lung.xml" >"$tmp/labels"
		grep -E '^[ *] [^ ]' "$tmp/screen" | sed -n '/^.\{32\}/p' >"$tmp/rows"
		sed 's/^..\(.\{29\}\).*/\1/; s/ *$//' "$tmp/rows" >"$tmp/rowlabels"
		bad=$(awk 'NR == FNR { L[$0] = 1; next }
			/…$/ { p = substr($0, 1, length($0) - length("…")); ok = 0
				for (l in L) if (index(l, p) == 1 && substr(l, length(p) + 1, 1) ~ /[ ,;:(\[\/-]/) ok = 1
				if (!ok) print; next }
			!($0 in L) { print }' "$tmp/labels" "$tmp/rowlabels")
		result "$t: the form's labels whole or shortened at a word ($(wc -l <"$tmp/rowlabels") rows)" \
			$([ -z "$bad" ] && [ -s "$tmp/rowlabels" ]; echo $?)
		[ -n "$bad" ] && printf '%s\n' "$bad" | diag
		cut=$(grep -v '…$' "$tmp/rows" | sed 's/./x/g' | grep '^x\{79\}')
		result "$t: no value of the form's rows cut in a word" $([ -z "$cut" ]; echo $?)
		[ -n "$cut" ] && printf '%s\n' "$cut" | diag
		# (on a text field help is F1: ? types there)
		check "$t: the form's status line ends with help" sh -c 'tail -1 "$0" | grep -Eq "($1|F1${1#??})\$"' "$tmp/screen" "$help"
		result "$t: the form's status line fits" $(fits "$(line 24)"; echo $?)
		send Escape
		sleep 0.2
		send q
		wait_for "$running" >/dev/null
		# attendance: the roles, who is there and the quorum
		send A
		see "$t: attendance" "$attend"
		rows_fit "$t: attendance cuts nothing"
		send q
		wait_for "$running" >/dev/null
		# F asks whole (wrapped above the answer's line when long); y
		# finishes; the report's title counts what its body says (no
		# later lung meeting is planned: the cases not reached go back
		# to the referral queue)
		send F
		see "$t: the finish question" "$finishq"
		n=$(grep -Eo "$finishq" "$tmp/screen" | grep -Eo '[0-9]+' | head -1)
		body=$(echo "$body" | sed "s/N/$n/g")
		result "$t: the finish question fits one line" $(fits "$(line 24)"; echo $?)
		send "$yes"
		see "$t: the finish report's title says what moved" "$report"
		check "$t: and its body says the same" sh -c 'tr "\n" " " <"$0" | grep -q "$1"' "$tmp/screen" "$body"
		# the finished agenda and its minutes: the document within
		# the width
		send q
		see "$t: the finished agenda" "$finished"
		result "$t: the finished agenda's title fits" $(fits "$(line 1)"; echo $?)
		send M
		see "$t: the minutes" "$minutes"
		cut=$(edge)
		result "$t: no line of the minutes reaches the edge" $([ -z "$cut" ]; echo $?)
		[ -n "$cut" ] && printf '%s\n' "$cut" | diag
		send q
		wait_for "$finished" >/dev/null
		send Q
		i=0
		until plain | grep -q '^EXITED 0$' || [ $i -ge 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		result "$t: the program ends cleanly" $([ $i -lt 100 ]; echo $?)
		if [ $mode = colour ]; then
			check "$t uses colours" grep -q "${e}\[4[0-7]m" "$tmp/cap"
		fi
		tmux -S "$sock" kill-server 2>/dev/null
	done
done
finish

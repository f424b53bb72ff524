#!/bin/sh
# Every role against every command (tests/roles/commands.tsv): each line
# run as one user of each shipped role, allowed (not exit 9) or refused
# (exit 9, in words: what may not be done, the roles that may, the
# permission only in brackets; the refusal in the audit log).
# A command of main.c's commands[] or a verb of its verb tables that has
# no line fails the test, so no command is added without saying who may
# run it. The screen's actions are the same table in tests/test_user.c
# (tests/roles/actions.tsv).
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
srcdir="$TB_SRCDIR"
table="$srcdir/tests/roles/commands.tsv"
main="$srcdir/src/main.c"
tb_need_as
[ -r "$table" ] || { echo "Bail out! $table missing"; exit 1; }
TUMORBOARD_EXTRACT_KEY="$tmp/extract.key"
export TUMORBOARD_EXTRACT_KEY
me=$(id -un)
as() { # as ACCOUNT ARGS...
	who=$1
	shift
	TB_AS=$who "$AS" --db "$db" "$@"
}
denials() { sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'denied'"; }

# ---- every command and verb has a line ---------------------------------
rows=$(grep -v '^#' "$table" | grep -v '^$' | cut -f1)
missing=0
n_cmd=0
for c in $(sed -n 's/^ *{"\([a-z-]*\)", cmd_.*/\1/p' "$main"); do
	n_cmd=$((n_cmd + 1))
	printf '%s\n' "$rows" | grep -q "^$c\( \|$\)" ||
		{ diag "command $c has no line in tests/roles/commands.tsv"; missing=1; }
done
# the verbs: "static const struct verb meeting_verbs[] = {{"add", ...}, ..."
verbs=$(awk '
	/static const struct verb [a-z]+_verbs\[\]/ {
		cmd = $0; sub(/.*struct verb /, "", cmd); sub(/_verbs.*/, "", cmd); on = 1
	}
	on {
		s = $0
		while (match(s, /\{"[a-z-]+", PERM_/)) {
			w = substr(s, RSTART + 2, RLENGTH - 2)
			sub(/",.*/, "", w)
			print cmd, w
			s = substr(s, RSTART + RLENGTH)
		}
		if ($0 ~ /NULL, 0\}/) on = 0
	}' "$main")
n_verb=0
while read -r c w; do
	[ -n "$c" ] || continue
	n_verb=$((n_verb + 1))
	printf '%s\n' "$rows" | grep -q "^$c\( .*\)\? $w\( \|$\)" ||
		{ diag "$c $w has no line in tests/roles/commands.tsv"; missing=1; }
done <<VERBS
$verbs
VERBS
result "every command and verb has a line ($n_cmd commands, $n_verb verbs)" $missing
check "the tables were read" test "$n_cmd" -ge 20 -a "$n_verb" -ge 25

# ---- the archive: one user per role ------------------------------------
tb_archive "$db" || exit 1
tb_role_users "$db" || exit 1
m=$("$TB" --db "$db" meeting add --date 2026-12-03 --start 09:00 --length 60 \
	--board lung --level regional --chair ordf) || exit 1
"$TB" --db "$db" agenda "$m" add SKA-LUNG-2026-0001 >/dev/null || exit 1

# ---- every line as every role ------------------------------------------
tab=$(printf '\t')
grep -v '^#' "$table" | grep -v '^$' >"$tmp/rows"
while IFS="$tab" read -r args coord member chair nurse admin auditor; do
	for pair in koord:$coord ledamot:$member ordf:$chair ssk:$nurse \
		admin:$admin revisor:$auditor; do
		who=${pair%%:*}
		want=${pair#*:}
		# shellcheck disable=SC2086 # the arguments are words
		eval "set -- $args"
		before=$(denials)
		as "$who" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
		rc=$?
		after=$(denials)
		case $want in
		y) result "$who may: $args (exit $rc)" $([ $rc -ne 9 ]; echo $?)
		   [ $rc -ne 9 ] || diag <"$tmp/err" ;;
		n) ok=1
		   [ $rc -eq 9 ] && tb_cli_refusal "$tmp/err" 2>>"$tmp/err" &&
			[ "$after" -eq $((before + 1)) ] && ok=0
		   result "$who may not: $args (exit $rc, refusal logged)" $ok
		   [ $ok -eq 0 ] || diag <"$tmp/err" ;;
		*) result "line '$args': $who wants y or n, not '$want'" 1 ;;
		esac
	done
done <"$tmp/rows"
check "the table has lines" test "$(wc -l <"$tmp/rows")" -ge 50

# ---- the screen asks the same (tests/roles/actions.tsv, test_user.c) ----
# screen ACCOUNT KEYS: the dump of a headless screen run as ACCOUNT
screen() {
	printf '%b\n' "$2" >"$tmp/keys"
	TB_AS=$1 "$AS" --db "$db" --script "$tmp/keys" --size 100x30 \
		--dump "$tmp/screen" >/dev/null 2>&1 </dev/null
}
"$TB" --db "$db" meeting start "$m" >/dev/null 2>&1
before=$(denials)
screen ledamot 'm\nEnter\nA\nEnter\ndump'
check "a member may not record an arrival on the attendance screen: in words" \
	tb_refusal_words "$(tb_status_text "$tmp/screen")" meeting.run open
result "  and the refusal is logged" $([ "$(denials)" -gt "$before" ]; echo $?)
screen koord 'm\nEnter\nA\nEnter\ndump'
check "the coordinator may" lacks "$tmp/screen" -q "You may not"
screen ledamot 'm\na\ndump'
check "a member may not plan a meeting on the screen: in words" \
	tb_refusal_words "$(tb_status_text "$tmp/screen")" meeting.plan plan-meeting
# keys a role cannot use are not offered: the nurse's meetings list shows
# no plan, edit or cancel (the permission data), the coordinator's does
screen ssk 'm\ndump'
check "the nurse is not offered plan, edit or cancel in the meetings" sh -c \
	'tail -1 "$0" | grep -q "Enter open" && ! tail -1 "$0" | grep -q "plan meeting\|edit meeting\|cancel meeting"' "$tmp/screen"
screen koord 'm\ndump'
check "the coordinator is" sh -c 'tail -1 "$0" | grep -q "a plan meeting  e edit meeting  C cancel meeting"' "$tmp/screen"
screen ssk 'm\nEnter\ndump'
check "nor the running meeting's keys in an agenda (defer, finish)" sh -c \
	'tail -1 "$0" | grep -q "Enter open" && ! tail -1 "$0" | grep -q "defer\|finish-meeting\|not-discussed"' "$tmp/screen"

finish

#!/bin/sh
# Every action of the screen refused on a screen (tests/roles/screen.tsv):
# for each action of ACTION_TABLE (include/action.h, the table the help
# screen is made from), a user who lacks its permission presses its key
# on a headless screen; the status line says in words what may not be
# done, by the user's role, and which roles may (the permission's name
# only in brackets at the end, no action name before it: tb_refusal_words),
# and the refusal is in the audit log (permission and action). An action
# without a line fails; an action every role may take must say so in
# tests/roles/actions.tsv too.
. "$TB_SRCDIR/tests/tap.sh"
tap_need_all sqlite3 sqlite3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
srcdir="$TB_SRCDIR"
table="$srcdir/tests/roles/screen.tsv"
roles="$srcdir/tests/roles/actions.tsv"
tb_need_as
[ -r "$table" ] && [ -r "$roles" ] || { echo "Bail out! $table or $roles missing"; exit 1; }
tab=$(printf '\t')
grep -v '^#' "$table" | grep -v '^$' >"$tmp/rows"

# ---- every action of ACTION_TABLE has a line -----------------------------
sed -n 's/^[[:space:]]*X([A-Z_]*, "\([a-z-]*\)".*/\1/p' "$srcdir/include/action.h" >"$tmp/actions"
missing=0
while read -r a; do
	cut -f1 "$tmp/rows" | grep -qx -- "$a" ||
		{ diag "action $a has no line in tests/roles/screen.tsv"; missing=1; }
done <"$tmp/actions"
result "every action of ACTION_TABLE has a line ($(wc -l <"$tmp/actions") actions)" $missing
check "the action table was read" test "$(wc -l <"$tmp/actions")" -ge 50
# an action no role is refused says so in actions.tsv as well
bad=0
while IFS="$tab" read -r action account bind keys perm; do
	[ "$perm" = - ] || continue
	line=$(grep "^\*$tab$action$tab" "$roles")
	[ -n "$line" ] && ! printf '%s\n' "$line" | cut -f3- | grep -q n ||
		{ diag "$action: no permission here, but refused to a role in actions.tsv"; bad=1; }
done <"$tmp/rows"
result "an action without a permission is one every role may take (actions.tsv)" $bad

# each account tried lacks the permission: its role's column says n
col() { case $1 in koord) echo 3 ;; ledamot) echo 4 ;; ordf) echo 5 ;; ssk) echo 6 ;; admin) echo 7 ;; revisor) echo 8 ;; esac; }
bad=0
while IFS="$tab" read -r action account bind keys perm; do
	[ "$perm" = - ] && continue
	case $action in
	*:*) view=${action%%:*} ;;
	*) view='\*' ;;
	esac
	c=$(col "$account")
	want=$(grep "^$view$tab${action#*:}$tab" "$roles" | cut -f"${c:-99}")
	[ "$want" = n ] || { diag "$action: $account is not refused it in actions.tsv ('$want')"; bad=1; }
done <"$tmp/rows"
result "each line's account is one whose role is refused the action (actions.tsv)" $bad

# ---- the archive: one user per role, a meeting, a signed decision --------
tb_archive "$db" || exit 1
sh "$srcdir/examples/demo-meetings.sh" "$TB" "$db" >/dev/null 2>&1 || exit 1
sh "$srcdir/examples/demo-decisions.sh" "$TB" "$db" >/dev/null 2>&1 || exit 1
tb_role_users "$db" || exit 1
"$TB" --db "$db" followup 1 not-done --reason other >/dev/null 2>&1 || true
denials() { sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'denied'"; }
last_denial() { sqlite3 "$db" "SELECT detail FROM audit WHERE action = 'denied' ORDER BY id DESC LIMIT 1"; }

# ---- each line on a screen -----------------------------------------------
n_run=0
while IFS="$tab" read -r action account bind keys perm; do
	[ "$perm" = - ] && continue
	name=${action#*:}
	before=$(denials)
	rm -rf "$tmp/config" "$tmp/screen"
	if [ "$keys" = screen ]; then
		# the screen needs case.list: the role may not open it at all
		printf 'dump\n' >"$tmp/keys"
		TB_AS=$account "$AS" --db "$db" --script "$tmp/keys" --size 200x50 \
			--dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
		rc=$?
		ok=1
		[ $rc -eq 9 ] && tb_refusal_words "$(sed 's/^tumorboard: //' "$tmp/err")" case.list "$name" &&
			[ ! -e "$tmp/screen" ] && [ "$(denials)" -eq $((before + 1)) ] && ok=0
		result "$action ($perm): $account, who lacks it, may not open the screen (exit $rc, logged)" $ok
		[ $ok -eq 0 ] || diag <"$tmp/err"
		continue
	fi
	n_run=$((n_run + 1))
	mkdir -p "$tmp/config/tumorboard"
	if [ "$bind" != - ]; then
		echo "bind $bind $name" >"$tmp/config/tumorboard/keys"
	fi
	printf '%b\ndump\n' "$keys" >"$tmp/keys"
	XDG_CONFIG_HOME=$tmp/config TB_AS=$account "$AS" --db "$db" --script "$tmp/keys" \
		--size 200x50 --dump "$tmp/screen" >/dev/null 2>"$tmp/err" </dev/null
	rc=$?
	after=$(denials)
	ok=1
	# the status line is the dump's last lines (wrapped when long)
	[ $rc -eq 0 ] && tb_refusal_words "$(tb_status_text "$tmp/screen")" "$perm" "$name" 2>"$tmp/words" &&
		[ "$after" -eq $((before + 1)) ] && [ "$(last_denial)" = "permission=$perm what=$name" ] && ok=0
	result "$action: $account is refused on the screen in words, the roles that may named, logged (exit $rc)" $ok
	if [ $ok -ne 0 ]; then
		tail -3 "$tmp/screen" 2>/dev/null | diag
		diag <"$tmp/words"
		diag <"$tmp/err"
		diag "denials $before -> $after: $(last_denial)"
	fi
done <"$tmp/rows"
check "the screen was tried for most actions with a permission" test "$n_run" -ge 25

# ---- an agenda prints itself with meeting.read, its summaries need more ------
# p on a planned meeting's agenda prints the agenda (meeting.read, as
# saving it as a PDF and agenda --pdf); on a finished one it prints every
# patient summary of the meeting (summary.write, as p on a summary).
mkdir -p "$tmp/bin"
printf '#!/bin/sh\nexit 0\n' >"$tmp/bin/lp"
chmod +x "$tmp/bin/lp"
rm -rf "$tmp/config" "$tmp/screen"
before=$(denials)
printf 'm\nHome\nDown\nEnter\np\ndump\n' >"$tmp/keys"
PATH="$tmp/bin:$PATH" TB_AS=koord "$AS" --db "$db" --script "$tmp/keys" --size 200x50 \
	--dump "$tmp/screen" >/dev/null 2>&1 </dev/null
check "the coordinator prints a planned meeting's agenda on the screen" grep -q "The agenda was sent to the printer" "$tmp/screen"
result "  nothing refused" $([ "$(denials)" -eq "$before" ]; echo $?)
printf 'm\nHome\nEnter\np\ndump\n' >"$tmp/keys"
PATH="$tmp/bin:$PATH" TB_AS=koord "$AS" --db "$db" --script "$tmp/keys" --size 200x50 \
	--dump "$tmp/screen" >/dev/null 2>&1 </dev/null
check "but not a finished meeting's patient summaries: in words, the roles that may named" \
	tb_refusal_words "$(tb_status_text "$tmp/screen")" summary.write print
check "  and logged" test "$(last_denial)" = "permission=summary.write what=print"
finish

#!/bin/sh
# One case page: `tumorboard show` and the screen's case view print the
# same document (app_case_page and render_case: readiness, the patient's
# signed decisions, the knowledge base's suggestions). The case view's
# body, dumped from a headless screen tall enough for the whole case, is
# what `show` prints after its banner, line for line, at the width the
# screen gives the document (its columns less one); the screen cuts a
# table row that is wider than itself at its edge.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
tb_archive "$db" meetings || exit 1
sh "$TB_SRCDIR/examples/demo-decisions.sh" "$TB" "$db" >/dev/null || exit 1
XDG_CONFIG_HOME="$tmp/config" # no personal key bindings
export XDG_CONFIG_HOME
list="$TB_SRCDIR/tests/golden/casepage.list"
check "the list of cases compared is there" test -s "$list"

for id in $(cat "$list"); do
	printf ':\ntype case %s\nEnter\n' "$id" >"$tmp/keys"
	LANG=C.UTF-8 "$TB" --db "$db" --script "$tmp/keys" --size 80x900 \
		--dump "$tmp/screen" >/dev/null 2>&1
	"$TB" --db "$db" show --width 79 "$id" >"$tmp/show"
	# the body: after the tabs line, up to the status line; trailing
	# empty lines dropped on both sides
	awk '/^\[All\]/ {on = 1; next} on' "$tmp/screen" | sed '$d' |
		awk '{l[NR] = $0} END {n = NR; while (n > 0 && l[n] == "") n--;
			for (i = 1; i <= n; i++) print l[i]}' >"$tmp/body"
	awk '{l[NR] = $0} END {n = NR; while (n > 0 && l[n] == "") n--;
		for (i = 1; i <= n; i++) print l[i]}' "$tmp/show" >"$tmp/show.t"
	n=$(wc -l <"$tmp/body")
	check "$id: the case view shows a whole case" test "$n" -gt 20
	tail -n "$n" "$tmp/show.t" | LC_ALL=C.UTF-8 sed -E 's/^(.{80}).*/\1/; s/ *$//' \
		>"$tmp/show.tail"
	if cmp -s "$tmp/body" "$tmp/show.tail"; then
		result "$id: show and the case view print the same case" 0
	else
		diff -u "$tmp/show.tail" "$tmp/body" | head -20 | diag
		result "$id: show and the case view print the same case" 1
	fi
done

# The page holds what the screen always showed: the patient's decisions
# and the knowledge base's suggestions.
"$TB" --db "$db" show SKA-LUNG-2026-0001 >"$tmp/show"
check "show lists the patient's signed decisions" \
	grep -q '^DECISIONS' "$tmp/show"
check "show gives the knowledge base's suggestion beside a finding" \
	grep -q 'kunskapsbas\|knowledge base' "$tmp/show"
# The command line opens a decision by the screen's rule
# (app_decision_start): a case with a signed decision changes by an
# amendment with its reason, never by a new draft beside it.
"$TB" --db "$db" form open SKA-LUNG-2026-0001 >"$tmp/out" 2>&1
result "form open on a decided case is refused (exit 3)" $([ $? -eq 3 ]; echo $?)
check "and names the amendment" grep -q "decision amend 1 --reason" "$tmp/out"
check "and no draft was opened" sh -c '! "$0" --db "$1" form show SKA-LUNG-2026-0001 >/dev/null 2>&1' "$TB" "$db"
check "the amendment opens the draft" sh -c '"$0" --db "$1" decision amend 1 --reason "Ny PAD" | grep -q "amends decision 1"' "$TB" "$db"
finish

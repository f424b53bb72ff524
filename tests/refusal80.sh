#!/bin/sh
# Refusals and the emergency access question at 80x24, in Swedish (longer
# words) and in English: a message wider than the status line takes the
# lines above it, word-wrapped, and nothing of it is cut (a refusal in
# words: what may not be done, why, who may); the question
# for the reason of an emergency access fits its line. The program is
# tests/tumorboard-as, signed in as a nurse (no draft.edit), as a
# member asking to sign in the decision form (no decision.sign: the form
# draws its own status line) and as a urologist (a lung case outside
# their care).
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tb.db"
AS=$TB_AS_BIN
[ -x "$AS" ] || {
	echo "Bail out! $AS missing"
	exit 1
}
as() { # as ACCOUNT ARGS...
	who=$1
	shift
	TB_AS=$who "$AS" --db "$db" "$@"
}
as eva.lind user add eva.lind --name "Eva Lind" --title systemförvaltare \
	--role administrator,coordinator >/dev/null || exit 1
as eva.lind import "$TB_EXAMPLES"/*.xml >/dev/null || exit 1
as eva.lind user add ssk --name "Lena Åberg" --title sjuksköterska \
	--role nurse --board lung >/dev/null || exit 1
as eva.lind user add uro --name "Per Sten" --title läkare --role member \
	--board prostate >/dev/null || exit 1
as eva.lind user add konf --name "Karin Ek" --title läkare --role member \
	--board lung >/dev/null || exit 1
XDG_CONFIG_HOME="$tmp/config"
export XDG_CONFIG_HOME

# the screens of a dump, as "N<TAB>line" (N: the screen's number)
screens() { awk '/^--- screen /{ n++; next } { print n "\t" $0 }' "$1"; }
# the last lines of screen N from row $3 on, joined with spaces
bottom() { screens "$1" | awk -F '\t' -v n="$2" -v from="$3" '$1 == n { r++; if (r >= from) { sub(/^ /, "", $2); s = s (s == "" ? "" : " ") $2 } } END { print s }'; }
# no status line of screen N (rows 21 to 24) reaches the last column
# (79 cells and more: cut; counted in characters, UTF-8's continuation
# bytes left out)
uncut() { [ -s "$1" ] && ! screens "$1" | LC_ALL=C sed 's/[\x80-\xbf]//g' | awk -F '\t' -v n="$2" '$1 == n { r++; if (r >= 21 && length($2) >= 79) print }' | grep -q .; }

printf '%s\n' ':' 'type case OST-LUNG-2026-0004' Enter d dump q >"$tmp/nurse.keys"
printf '%s\n' ':' 'type case OST-LUNG-2026-0004' Enter d F2 dump Esc Esc >"$tmp/member.keys"
printf '%s\n' ':' 'type case VGR-LUNG-2026-0019' Enter dump 'type jourläkare, akut' Enter dump q >"$tmp/em.keys"
printf '%s\n' ':' 'type case VGR-LUNG-2026-0019' Enter Esc dump q >"$tmp/noem.keys"
for lang in sv en; do
	if [ $lang = sv ]; then
		refusal="Du får inte öppna, redigera eller överge beslutsutkast: din roll (Kontaktsjuksköterska) ger inte det. Rollerna Konferensdeltagare och Ordförande får det. [draft.edit]"
		question='VGR-LUNG-2026-0019: inte i din vård. Nödåtkomst — ange skäl (Esc avbryter):'
		granted='Nödåtkomst till 2026-11-23 14:00, registrerad för granskning'
		from=21 # four lines in Swedish
		rfrom=22 # the refusal: three lines
		sign_refusal="Du får inte signera ett beslut: din roll (Konferensdeltagare) ger inte det. Rollen Ordförande får det. [decision.sign]"
		outside='Du får inte öppna fallet: det är inte i din vård (ingen agenda för dina konferenser tar upp det, ingen av dina konferenser tar det, dina enheter har inte remitterat det). Nödåtkomst kräver ett skäl: öppna fallet igen och ange ett.'
	else
		refusal="You may not open, edit or abandon draft decisions: your role (Contact nurse) does not allow it. The roles Board member and Chair may. [draft.edit]"
		question='VGR-LUNG-2026-0019: not in your care. Emergency access — give a reason (Esc cancels):'
		granted='Emergency access until 2026-11-23 14:00, recorded for review'
		from=22
		rfrom=23 # the refusal: two lines in English
		sign_refusal="You may not sign a decision: your role (Board member) does not allow it. The role Chair may. [decision.sign]"
		outside='You may not open this case: it is not in your care (no agenda of your boards lists it, no board of yours takes it, your units did not refer it). Emergency access asks for a reason: open the case again and give one.'
	fi
	LANGUAGE=$lang TB_AS=ssk "$AS" --db "$db" --script "$tmp/nurse.keys" \
		--dump "$tmp/nurse-$lang" --size 80x24 >/dev/null 2>&1
	result "$lang: the nurse's screen runs" $?
	# the refusal's lines are the last of the screen
	check "$lang 80x24: the refusal whole on the last lines" \
		sh -c '[ "$1" = "$2" ]' sh "$(bottom "$tmp/nurse-$lang" 1 "$rfrom")" "$refusal"
	check "$lang 80x24: no status line cut" uncut "$tmp/nurse-$lang" 1
	# the roles that may, named in the screen's language
	was=$LANGUAGE
	LANGUAGE=$lang
	check "$lang 80x24: the refusal in words" tb_refusal_words "$(bottom "$tmp/nurse-$lang" 1 "$rfrom" | sed 's/^Du får inte /You may not /')" draft.edit decide
	LANGUAGE=$was
	# a member asks to sign in the decision form: the refusal whole
	# there too (the form draws its own status line), the roles that
	# may sign named
	cp "$db" "$tmp/member.db"
	LANGUAGE=$lang TB_AS=konf "$AS" --db "$tmp/member.db" --script "$tmp/member.keys" \
		--dump "$tmp/member-$lang" --size 80x24 >/dev/null 2>&1
	result "$lang: the member's form runs" $?
	check "$lang 80x24: the form: the sign refusal whole at the bottom" \
		sh -c '[ "$1" = "$2" ]' sh "$(bottom "$tmp/member-$lang" 1 23)" "$sign_refusal"
	was=$LANGUAGE
	LANGUAGE=$lang
	check "$lang 80x24: the form: the sign refusal in words" tb_refusal_words "$(bottom "$tmp/member-$lang" 1 23 | sed 's/^Du får inte /You may not /')" decision.sign sign
	LANGUAGE=$was
	cp "$db" "$tmp/em.db"
	# the grant's end in local time, as every time on a screen
	TZ=Europe/Stockholm LANGUAGE=$lang TB_AS=uro "$AS" --db "$tmp/em.db" --script "$tmp/em.keys" \
		--dump "$tmp/em-$lang" --size 80x24 >/dev/null 2>&1
	result "$lang: the urologist's screen runs" $?
	# whole in the last three lines, wrapped at spaces (it names the
	# case: as long as its identifier), the answer typed after it or on
	# the line below
	check "$lang 80x24: the emergency question whole at the bottom" \
		sh -c 'screens() { awk "/^--- screen /{ n++; next } n == 1 { r++; if (r >= 22) { sub(/^ /, \"\"); printf \"%s \", \$0 } }" "$1"; }
			screens "$1" | grep -qF -- "$2"' sh "$tmp/em-$lang" "$question"
	check "$lang 80x24: no status line cut there" uncut "$tmp/em-$lang" 1
	check "$lang 80x24: the grant whole on the status line" \
		sh -c '[ "$1" = "$2" ]' sh "$(bottom "$tmp/em-$lang" 2 24)" "$granted"
	# no reason given: the screen says how to be asked, not an option
	cp "$db" "$tmp/em.db"
	LANGUAGE=$lang TB_AS=uro "$AS" --db "$tmp/em.db" --script "$tmp/noem.keys" \
		--dump "$tmp/noem-$lang" --size 80x24 >/dev/null 2>&1
	check "$lang 80x24: Esc: the refusal whole, in the screen's words" \
		sh -c '[ "$1" = "$2" ]' sh "$(bottom "$tmp/noem-$lang" 1 "$from")" "$outside"
	check "$lang 80x24: no status line cut there" uncut "$tmp/noem-$lang" 1
done
finish

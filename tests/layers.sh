#!/bin/sh
# The layering rules of HACKING.md, checked on #include lines.
. "$TB_SRCDIR/tests/tap.sh"
cd "$TB_SRCDIR" || exit 1
only() {
	what=$1 pattern=$2 allowed=$3
	bad=$(grep -l -E "^#include[[:space:]]*[<\"]$pattern" src/*.c src/*.h include/*.h | grep -v -E "$allowed")
	[ -z "$bad" ] || diag "$what included by: $bad"
	result "only $allowed include $what" $([ -z "$bad" ]; echo $?)
}
only "sqlite3.h" "sqlite3\.h" '^src/store_sqlite\.c$'
only "libpq-fe.h" "libpq-fe\.h" '^src/store_pg(_stmt)?\.c$|^src/store_pg_internal\.h$'
# the engines stay behind src/store.h: no SQLite or libpq call (nor their
# types and result codes) anywhere else in the program
engine_calls() {
	what=$1 pattern=$2 allowed=$3
	bad=$(grep -l -E "$pattern" src/*.c src/*.h include/*.h tests/*.c tests/*.h | grep -v -E "$allowed")
	if [ -n "$bad" ]; then
		diag "$what used by: $(echo $bad)"
		diag "$(grep -n -E "$pattern" $bad | head -5)"
	fi
	result "only $allowed use $what" $([ -z "$bad" ]; echo $?)
}
# (the unit tests too: they look underneath through the store interface)
engine_calls "sqlite3.h, sqlite3_* or SQLITE_*" '^#include[[:space:]]*[<"]sqlite3\.h|\<(sqlite3_?[a-z0-9_]*[[:space:]]*[(*]|SQLITE_[A-Z_]+)' '^src/store_sqlite\.c$'
engine_calls "libpq-fe.h or PQ*()" '^#include[[:space:]]*[<"]libpq-fe\.h|\<PQ[a-z][A-Za-z]*[[:space:]]*\(' '^src/store_pg(_stmt)?\.c$|^src/store_pg_internal\.h$'
only "store.h" "store\.h" '^src/(db[a-z_]*|store[a-z_]*|migrate)\.[ch]$'
# only the engine files see an engine's handles from the inside
only "store_engine.h" "store_engine\.h" '^src/store(_sqlite|_pg|_pg_[a-z]+)?\.c$|^src/store_pg_internal\.h$'
only "libxml2" "libxml/" '^src/(import|export|fhir)[a-z_]*\.[ch]$'
only "json-c" "json-c/|json\.h" '^src/(import|fhir)[a-z_]*\.[ch]$'
only "curses" "n?curses" '^src/ui_curses\.h$'
only "ui_curses.h" "ui_curses\.h" '^src/term\.c$'
only "nettle" "nettle/" '^src/hash\.c$'
only "cairo, pango or glib" "(cairo|pango|glib)" '^src/(pdf|chart_draw)\.c$'
# no cycle between the screen's files: each file's includes of the
# screen's headers, as "file module" pairs, sort topologically (the
# form's three files and the agenda's two count as one each)
mod() { basename "$1" | sed -E 's/\.[ch]$//; s/^view_form(_draw|_row|_sign|_internal)$/view_form/; s/^view_agenda(_live|_internal)$/view_agenda/'; }
pairs=$(for f in src/ui.c src/term.c src/view*.c src/view*.h; do
	m=$(mod "$f")
	grep -o -E '^#include "(ui|term|view[a-z_]*)\.h"' "$f" | sed -E 's/.*"(.*)\.h"/\1/' |
		while read -r h; do
			d=$(mod "$h.h")
			[ "$d" = "$m" ] || echo "$m $d"
		done
done)
out=$(echo "$pairs" | tsort 2>&1 >/dev/null)
[ -z "$out" ] || diag "$out"
result "no cycle between the screen's files" $([ -z "$out" ]; echo $?)
# one loop reads the keys (view.c): no view, prompt or editor reads them
# itself
bad=$(grep -l -E '(term_getkey|ui_key)[[:space:]]*\(' src/*.c | grep -v -E '^src/(view|term)\.c$')
[ -z "$bad" ] || diag "keys read by: $bad"
result "only the one loop (view.c) reads keys" $([ -z "$bad" ]; echo $?)
# renderers take model types, never database headers
bad=$(grep -l -E '^#include[[:space:]]*"(db[a-z_]*|decision)\.h"' src/render*.c include/render*.h)
[ -z "$bad" ] || diag "database headers included by: $bad"
result "renderers include no database header" $([ -z "$bad" ]; echo $?)
core=$(grep -o -E '^\s*src/[a-z_]+\.c' Makefile.am | tr -d '\t ' | sort -u)
bad=""
for f in $(sed -n '/^libtbcore_a_SOURCES/,/^$/p' Makefile.am | grep -o 'src/[a-z_]*\.c'); do
	grep -q -E '#include "(ui|cmd)\.h"' "$f" && bad="$bad $f"
done
result "core does not call the UI or commands" $([ -z "$bad" ]; echo $?)
# Sizes: no source file over 900 lines and no function over 120 (from
# its opening to its closing brace, kernel style: both in column 0). The
# generated tables (src/data_*.c, src/schema_*.c) are not sources. What is
# still over is listed here with the size it may not grow past; cut it and
# take it off the list.
FILE_MAX=900 FUNC_MAX=120
over_files="
"
over_funcs="
"
sources=$(ls src/*.c src/*.h include/*.h | grep -v -E '^src/(data|schema)_')
bad=""
for f in $sources; do
	n=$(wc -l <"$f")
	[ "$n" -le $FILE_MAX ] && continue
	max=$(echo "$over_files" | awk -v f="$f" '$1 == f { print $2 }')
	[ -n "$max" ] && [ "$n" -le "$max" ] && continue
	bad="$bad $f:$n"
done
[ -z "$bad" ] || diag "files over $FILE_MAX lines:$bad"
result "no source file over $FILE_MAX lines (generated tables aside)" $([ -z "$bad" ]; echo $?)
bad=""
for f in $sources; do
	bad="$bad$(awk -v f="$f" -v max=$FUNC_MAX -v over="$over_funcs" '
		BEGIN {
			n = split(over, l, "\n")
			for (i = 1; i <= n; i++) {
				split(l[i], w, " ")
				if (w[1] == f) allow[w[2]] = w[3]
			}
		}
		/^[A-Za-z].*\(/ && !start {
			name = $0; sub(/\(.*/, "", name); sub(/.*[ *]/, "", name)
		}
		/^\{/ { start = NR }
		/^\}/ && start {
			len = NR - start + 1
			lim = (name in allow) ? allow[name] : max
			if (len > lim) printf " %s:%s:%d", f, name, len
			start = 0
		}' "$f")"
done
[ -z "$bad" ] || diag "functions over $FUNC_MAX lines:$bad"
result "no function over $FUNC_MAX lines" $([ -z "$bad" ]; echo $?)
# the lists only shrink: an entry that is no longer over (or is gone) is
# taken off, so that what comes back over is caught
stale=$(echo "$over_files" | while read -r f max; do
	[ -n "$f" ] || continue
	[ -f "$f" ] && [ "$(wc -l <"$f")" -gt $FILE_MAX ] || printf ' %s' "$f"
done)
stale="$stale$(echo "$over_funcs" | while read -r f name max; do
	[ -n "$f" ] || continue
	len=$(awk -v want="$name" '
		/^[A-Za-z].*\(/ && !start {
			name = $0; sub(/\(.*/, "", name); sub(/.*[ *]/, "", name)
		}
		/^\{/ { start = NR }
		/^\}/ && start {
			if (name == want) print NR - start + 1
			start = 0
		}' "$f" 2>/dev/null | sort -n | tail -1)
	[ -n "$len" ] && [ "$len" -gt $FUNC_MAX ] || printf ' %s:%s' "$f" "$name"
done)"
[ -z "$stale" ] || diag "no longer over, take off the list:$stale"
result "the lists of what is still over hold only what is" $([ -z "$stale" ]; echo $?)
finish

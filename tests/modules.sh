#!/bin/sh
# The PDF writer, the PostgreSQL engine and the XML and FHIR readers and
# writers are modules of their own (include/module.h): the program links
# neither Cairo/Pango, libpq nor libxml2 (and what it pulls in: ICU,
# libstdc++, liblzma) nor json-c, works without the modules until it
# writes a PDF, opens a server or reads or writes XML or FHIR, and then
# loads them, or says which module it could not load and why, with
# nothing written. The first screen comes up without the XML module.
. "$TB_SRCDIR/tests/tap.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/a.db
mods=${TUMORBOARD_MODULEDIR:?}
none=$tmp/no-modules

for bin in "${TB_INSTALLED:?}" "$TB_AS_BIN"; do
	needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
	result "$(basename "$bin") needs libsqlite3 (the check reads NEEDED)" \
		"$(echo "$needed" | grep -q '^libsqlite3' && echo 0 || echo 1)"
	bad=$(echo "$needed" | grep -E '^lib(pq|cairo|pango|glib|gobject|fontconfig|harfbuzz)')
	[ -z "$bad" ] || diag "$(basename "$bin") needs: $bad"
	result "$(basename "$bin") needs neither libpq nor Cairo/Pango/GLib" \
		"$([ -z "$bad" ] && echo 0 || echo 1)"
	bad=$(echo "$needed" | grep -E '^lib(xml2|icu|stdc\+\+|lzma|json-c)')
	[ -z "$bad" ] || diag "$(basename "$bin") needs: $bad"
	result "$(basename "$bin") needs neither libxml2 (ICU, libstdc++, liblzma) nor json-c" \
		"$([ -z "$bad" ] && echo 0 || echo 1)"
	# SHA-256 by Nettle: libcrypto's load alone was some 2 ms of a start
	bad=$(echo "$needed" | grep -E '^lib(crypto|ssl)')
	[ -z "$bad" ] || diag "$(basename "$bin") needs: $bad"
	result "$(basename "$bin") needs no libcrypto (hashes by Nettle)" \
		"$([ -z "$bad" ] && echo "$needed" | grep -q '^libnettle' && echo 0 || echo 1)"
done
check "the PDF module is built" test -f "$mods/pdf.so"
check "the XML module is built" test -f "$mods/xml.so"
needed=$(readelf -d "$mods/xml.so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
result "the XML module needs libxml2 and json-c" \
	"$(echo "$needed" | grep -q '^libxml2' && echo "$needed" | grep -q '^libjson-c' && echo 0 || echo 1)"

# an import without the XML module: refused, the module named, in the
# interface's language, nothing imported
tb_fixture "$db" || { echo "Bail out! users"; exit 1; }
TUMORBOARD_MODULEDIR=$none "$TB" --db "$db" import "$TB_EXAMPLES/crc-msi-lynch.xml" >/dev/null 2>"$tmp/err"
rc=$?
result "an import without the XML module fails (exit $rc)" "$([ $rc -ne 0 ] && echo 0 || echo 1)"
check "and names the module it could not load" grep -q "^cannot load $none/xml.so: there is no such file" "$tmp/err"
n=$("$TB" --db "$db" cases --count 2>"$tmp/err")
result "and imports nothing ($n cases)" "$([ "${n:-1}" -eq 0 ] && echo 0 || echo 1)"
LANGUAGE=sv TUMORBOARD_MODULEDIR=$none "$TB" --db "$db" import "$TB_EXAMPLES/crc-msi-lynch.xml" >/dev/null 2>"$tmp/err"
check "in Swedish: the module and that it is missing" \
	grep -q "kan inte ladda $none/xml.so: filen finns inte" "$tmp/err"
cp "$mods/pdf.so" "$tmp/xml.so"
TUMORBOARD_MODULEDIR=$tmp "$TB" --db "$db" import "$TB_EXAMPLES/crc-msi-lynch.xml" >/dev/null 2>"$tmp/err"
check "a module without the XML table is refused" grep -q "$tmp/xml.so: it has no xml_module_table" "$tmp/err"
rm -f "$tmp/xml.so"
# with it: every reader and writer it holds is there (the program calls
# into the module and the module into the program: dlopen binds every
# name at once, so one load shows none is missing)
"$TB" --db "$db" import "$TB_EXAMPLES"/*.xml >/dev/null 2>"$tmp/err"
result "import with the XML module" $?

# without any module: the command line and the screen work on SQLite
n=$(TUMORBOARD_MODULEDIR=$none "$TB" --db "$db" cases --count 2>"$tmp/err")
result "cases --count without the modules ($n)" "$([ "${n:-0}" -gt 0 ] && echo 0 || echo 1)"
printf 'j j\n' >"$tmp/keys"
TUMORBOARD_MODULEDIR=$none "$TB" --db "$db" --script "$tmp/keys" \
	--size 80x24 --dump "$tmp/screen" >/dev/null 2>"$tmp/err"
result "the screen without the modules" $?
check "shows the case list" grep -q "row 3 of $n" "$tmp/screen"

# the first screen is drawn with neither the XML module nor libxml2
# mapped (the test program writes what is mapped then: tests/noxml_test.c)
TB_TEST_MAPS=$tmp/maps "$TB_AS_BIN" --db "$db" --script "$tmp/keys" \
	--size 80x24 --dump "$tmp/screen" >/dev/null 2>"$tmp/err"
result "the screen with the modules" $?
check "what is mapped at the first screen is written" grep -q "/libc[.-]" "$tmp/maps"
# (libstdc++ is left out: a sanitizer build's runtime maps it; the
# program's NEEDED entries are checked above)
bad=$(grep -E '/(xml\.so|libxml2|libicu|libjson-c|libcrypto)' "$tmp/maps")
[ -z "$bad" ] || diag "mapped at the first screen: $bad"
result "neither xml.so, libxml2 nor libcrypto is mapped at the first screen" \
	"$([ -s "$tmp/maps" ] && [ -z "$bad" ] && echo 0 || echo 1)"

# a PDF without its module: refused, named, nothing written
rep() {
	TUMORBOARD_NOW=2026-07-01T09:00:00Z "$TB" --db "$db" report \
		--from 2026-01-01 --to 2026-06-30 --pdf "$1"
}
mkdir "$tmp/out"
TUMORBOARD_MODULEDIR=$none rep "$tmp/out/r.pdf" >/dev/null 2>"$tmp/err"
rc=$?
result "a PDF without the module fails (exit $rc)" "$([ $rc -ne 0 ] && echo 0 || echo 1)"
check "and names the module it could not load" grep -q "cannot load $none/pdf.so" "$tmp/err"
check "and leaves nothing in the directory" sh -c '[ -z "$(ls -A "$1")" ]' sh "$tmp/out"
# in the interface's language, the loader's English left out
LANGUAGE=sv TUMORBOARD_MODULEDIR=$none rep "$tmp/out/r.pdf" >/dev/null 2>"$tmp/err"
check "in Swedish: the module and that it is missing" \
	grep -q "kan inte ladda $none/pdf.so: filen finns inte" "$tmp/err"
check "naming the file once (not again in the loader's words)" \
	sh -c '[ "$(grep -o "$2" "$1" | wc -l)" -eq 1 ]' sh "$tmp/err" "$none/pdf.so"

# a file that is no module, or a module without the table: refused
mkdir "$tmp/wrong"
echo "not a shared object" >"$tmp/wrong/pdf.so"
TUMORBOARD_MODULEDIR=$tmp/wrong rep "$tmp/out/r.pdf" >/dev/null 2>"$tmp/err"
rc=$?
result "a file that is no module is refused (exit $rc)" "$([ $rc -ne 0 ] && echo 0 || echo 1)"
check "and named" grep -q "cannot load $tmp/wrong/pdf.so" "$tmp/err"
check "and nothing is written" sh -c '[ -z "$(ls -A "$1")" ]' sh "$tmp/out"

# with the module: the PDF is written, from the directory named, or from
# beside the program when none is named (a build not installed)
rep "$tmp/out/r.pdf" >/dev/null 2>"$tmp/err"
result "a PDF with the module" $?
check "is a PDF" sh -c 'head -c 5 "$1" | grep -q "%PDF-"' sh "$tmp/out/r.pdf"
rm -f "$tmp/out/r.pdf"
# (the installed program: the test build is in tests/, away from them)
(unset TUMORBOARD_MODULEDIR; TB=$TB_INSTALLED rep "$tmp/out/r.pdf" >/dev/null 2>"$tmp/err")
result "a PDF with the module beside the program" $?
check "is a PDF" sh -c 'head -c 5 "$1" | grep -q "%PDF-"' sh "$tmp/out/r.pdf"

# the test program is not beside the modules: with no directory named it
# loads the build's, not the installed ones (it once looked for
# $pkglibdir/pdf.so, as a program run as another user showed)
rm -f "$tmp/out/r.pdf"
(unset TUMORBOARD_MODULEDIR; TB=$TB_AS_BIN rep "$tmp/out/r.pdf" >/dev/null 2>"$tmp/err")
result "the test program finds the build's modules" $?
[ -s "$tmp/err" ] && diag "$(cat "$tmp/err")"
check "is a PDF" sh -c 'head -c 5 "$1" | grep -q "%PDF-"' sh "$tmp/out/r.pdf"

# PostgreSQL: the engine is loaded only for a server
if [ "${TB_HAVE_LIBPQ:-}" = yes ]; then
	check "the PostgreSQL module is built" test -f "$mods/postgresql.so"
	arg="host=/nonexistent dbname=board"
	TUMORBOARD_MODULEDIR=$none "$TB" --db "$arg" cases >/dev/null 2>"$tmp/err"
	rc=$?
	result "a server without the module is refused (exit $rc)" "$([ $rc -ne 0 ] && echo 0 || echo 1)"
	check "and names the module it could not load" grep -q "cannot load $none/postgresql.so" "$tmp/err"
	cp "$mods/pdf.so" "$tmp/wrong/postgresql.so"
	TUMORBOARD_MODULEDIR=$tmp/wrong "$TB" --db "$arg" cases >/dev/null 2>"$tmp/err"
	check "a module without the engine's table is refused" grep -q "postgresql.so: it has no store_pg_table" "$tmp/err"
	"$TB" --db "$arg" cases >/dev/null 2>"$tmp/err"
	check "with the module the engine is there (it cannot connect)" grep -q "cannot connect to PostgreSQL database board" "$tmp/err"
else
	diag "NOTE: built without libpq: no PostgreSQL module"
fi
finish

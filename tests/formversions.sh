#!/bin/sh
# A shipped form never changes under the same version (tumorboard-forms(5),
# VERSIONS): each form file's bytes are recorded with its id and version in
# tests/form-versions.list, so that a form changed without a new version
# fails here. A change is a new version: the old file kept as
# forms/earlier/ID-VERSION.xml (compiled in, so that drafts and decisions
# made with it still read) and a line for each in the list.
. "$TB_SRCDIR/tests/tap.sh"
list="$TB_SRCDIR/tests/form-versions.list"
[ -s "$list" ] || { echo "Bail out! $list is missing"; exit 1; }
cd "$TB_SRCDIR" || exit 1
# id and version of a form file, from its root element
idver() {
	sed -n 's/.*<form [^>]*id="\([^"]*\)" version="\([^"]*\)".*/\1 \2/p' "$1"
}
n=0
for f in forms/*.xml forms/earlier/*.xml; do
	[ "$f" = forms/summary.xml ] && continue
	n=$((n + 1))
	iv=$(idver "$f")
	sum=$(sha256sum "$f" | cut -d' ' -f1)
	rec=$(awk -v f="$f" '$1 == f { print $2, $3, $4 }' "$list")
	if [ -z "$rec" ]; then
		result "$f ($iv) is recorded in tests/form-versions.list" 1
		continue
	fi
	if [ "${rec% *}" != "$iv" ]; then
		diag "$f: the list says ${rec% *}, the file $iv"
		result "$f is still $iv" 1
		continue
	fi
	[ "${rec##* }" = "$sum" ] ||
		diag "$f changed without a new version: give it a new version," \
			"keep this one as forms/earlier/${iv% *}-${iv#* }.xml and record both"
	result "$f ($iv) is as it was recorded" $([ "${rec##* }" = "$sum" ]; echo $?)
done
result "the shipped forms were found" $([ "$n" -ge 16 ]; echo $?)
# every recorded file is there, and an earlier version is named after its
# id and version and compiled in
while read -r f id ver sum; do
	case $f in '#'* | '') continue ;; esac
	check "$f ($id $ver) is there" test -s "$f"
	case $f in
	forms/earlier/*)
		result "$f is named $id-$ver.xml" \
			$([ "$f" = "forms/earlier/$id-$ver.xml" ]; echo $?)
		check "$f is compiled into the program" \
			grep -q -F "$f" Makefile.am
		;;
	esac
done <"$list"
# no two files give the same id and version
dups=$(awk '!/^#/ && NF { print $2, $3 }' "$list" | sort | uniq -d)
[ -z "$dups" ] || diag "twice: $dups"
result "no id and version is given by two files" $([ -z "$dups" ]; echo $?)
finish

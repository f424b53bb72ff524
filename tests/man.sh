#!/bin/sh
# Man pages render without groff warnings.
. "$TB_SRCDIR/tests/tap.sh"
if [ -z "$GROFF" ] || [ "$GROFF" = no ]; then
	echo "1..0 # SKIP groff not installed"
	exit 0
fi
for page in "$TB_SRCDIR"/man/*.[0-9] "$TB_SRCDIR"/man/sv/*.[0-9]; do
	out=$("$GROFF" -man -ww -z "$page" 2>&1)
	[ -z "$out" ] || diag "$out"
	result "${page#"$TB_SRCDIR"/man/} renders cleanly" $([ -z "$out" ]; echo $?)
done
finish

#!/bin/sh
# Man pages render without groff warnings.
. "$TB_SRCDIR/tests/tap.sh"
# configure's groff, else one on the PATH
if [ -z "${GROFF:-}" ] || [ "$GROFF" = no ]; then
	tap_need_all groff groff-base
	GROFF=groff
fi
for page in "$TB_SRCDIR"/man/*.[0-9] "$TB_SRCDIR"/man/sv/*.[0-9]; do
	out=$("$GROFF" -man -ww -z "$page" 2>&1)
	[ -z "$out" ] || diag "$out"
	result "${page#"$TB_SRCDIR"/man/} renders cleanly" $([ -z "$out" ]; echo $?)
done
finish

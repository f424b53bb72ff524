#!/bin/sh
# Turns files into C byte arrays (NUL-terminated) with their lengths.
# usage: embed.sh NAME FILE > out.c
#        embed.sh --table NAME FILE... > out.c   (a table of
#            struct embedded_file, ended by a row with name NULL)
set -eu
bytes() {
	od -An -v -tu1 "$1" | sed -e 's/^ *//' -e 's/  */, /g' -e 's/$/,/' -e '/^,$/d'
}
if [ "$1" = --table ]; then
	name=$2
	shift 2
	printf '/* Generated from %s; do not edit. */\n' "$*"
	printf '#include "schemas.h"\n'
	i=0
	for f in "$@"; do
		printf 'static const unsigned char %s_%d[] = {\n' "$name" "$i"
		bytes "$f"
		printf '0};\n'
		i=$((i + 1))
	done
	printf 'const struct embedded_file %s[] = {\n' "$name"
	i=0
	for f in "$@"; do
		printf '    {"%s", %s_%d, sizeof(%s_%d) - 1},\n' \
			"$(basename "$f")" "$name" "$i" "$name" "$i"
		i=$((i + 1))
	done
	printf '    {0, 0, 0}};\n'
	exit 0
fi
name=$1
file=$2
printf '/* Generated from %s; do not edit. */\n' "$(basename "$file")"
printf '#include "schemas.h"\n'
printf 'const unsigned char %s[] = {\n' "$name"
bytes "$file"
printf '0};\n'
printf 'const size_t %s_len = sizeof(%s) - 1;\n' "$name" "$name"

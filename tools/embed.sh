#!/bin/sh
# Turns a file into a C byte array (NUL-terminated) and its length.
# usage: embed.sh NAME FILE > out.c
set -eu
name=$1
file=$2
printf '/* Generated from %s; do not edit. */\n' "$(basename "$file")"
printf '#include "schemas.h"\n'
printf 'const unsigned char %s[] = {\n' "$name"
od -An -v -tu1 "$file" | sed -e 's/^ *//' -e 's/  */, /g' -e 's/$/,/' -e '/^,$/d'
printf '0};\n'
printf 'const size_t %s_len = sizeof(%s) - 1;\n' "$name" "$name"

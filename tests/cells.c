/*
 * Reads UTF-8 text and writes it with one byte a display cell, for
 * tests/columns.sh: an ASCII character as it is, any other as '#' for
 * each cell it takes (util_display_width: å one, a wide character two),
 * so that a column's place in a line is its place in bytes, which awk
 * and cut measure.
 *   cells <TEXT
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

int main(void)
{
	char line[8192];
	while (fgets(line, sizeof(line), stdin)) {
		for (const char *p = line; *p;) {
			size_t n = util_utf8_char_len(p);
			if (n <= 1) {
				putchar(*p++);
				continue;
			}
			char ch[8] = "";
			memcpy(ch, p, n < sizeof(ch) ? n : sizeof(ch) - 1);
			for (int w = util_display_width(ch); w > 0; w--)
				putchar('#');
			p += n;
		}
	}
	return ferror(stdout) ? 1 : 0;
}

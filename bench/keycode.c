/*
 * keycode — prints the codes of key names (tumorboard-keys(5)) separated
 * by commas, as the --timing file of a screen script gives them, so the
 * benchmark can pick the keys of one class.
 *
 * usage: keycode KEY...
 */
#include <stdio.h>

#include "keymap.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: keycode KEY...\n", stderr);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int k = keymap_parse_key(argv[i]);
		if (k < 0) {
			fprintf(stderr, "keycode: unknown key '%s'\n", argv[i]);
			return 1;
		}
		printf("%s%d", i > 1 ? "," : "", k);
	}
	putchar('\n');
	return 0;
}

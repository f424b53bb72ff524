/*
 * lineedit — the editing logic of a one-line text field (search prompt,
 * later form fields), pure and curses-free: feed it keymap keys, it says
 * what happened. Text is UTF-8; the cursor is a byte offset on a character
 * boundary.
 */
#ifndef TB_LINEEDIT_H
#define TB_LINEEDIT_H

#include <stddef.h>

#define LINEEDIT_MAX 2048

struct lineedit {
	char buf[LINEEDIT_MAX]; /* NUL-terminated */
	size_t len;
	size_t cur;
};

enum lineedit_result {
	LINEEDIT_NONE,	  /* key ignored or cursor moved */
	LINEEDIT_CHANGED, /* the text changed */
	LINEEDIT_ACCEPT,  /* Enter */
	LINEEDIT_CANCEL,  /* Esc, or C-g */
};

void lineedit_init(struct lineedit *le, const char *text);

/*
 * Applies one key (keymap_parse_key codes): printable characters insert,
 * Backspace/C-h and Delete/C-d delete, Left/Right/Home/End and C-a/C-e
 * move, C-u clears, C-w deletes the word before the cursor, Enter accepts,
 * Esc and C-g cancel. Text that would not fit is refused (LINEEDIT_NONE).
 */
enum lineedit_result lineedit_key(struct lineedit *le, int key);

/* Display columns before the cursor (to place it on screen). */
int lineedit_cursor_col(const struct lineedit *le);

#endif

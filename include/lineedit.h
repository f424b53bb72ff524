/*
 * lineedit — the editing logic of a one-line text field (search prompt,
 * later form fields), pure and curses-free: feed it keymap keys, it says
 * what happened. Text is UTF-8; the cursor is a byte offset on a character
 * boundary.
 */
#ifndef TB_LINEEDIT_H
#define TB_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

#define LINEEDIT_MAX 2048

struct lineedit {
	char buf[LINEEDIT_MAX]; /* NUL-terminated */
	size_t len;
	size_t cur;
	/* Multi-line: C-o inserts a new line ('\n' in buf), Up and Down move
	 * between lines. Off after lineedit_init. */
	bool multiline;
	/* The text was offered (lineedit_offer) and no key has come yet: a
	 * character typed first replaces it; any other key (Enter, a move,
	 * Backspace) takes it as it is, to accept or to edit. */
	bool offered;
	/* The first byte shown when the text is wider than its line and
	 * scrolls sideways (lineedit_scroll's start, kept by the drawing). */
	size_t shown_from;
};

enum lineedit_result {
	LINEEDIT_NONE,	  /* key ignored or cursor moved */
	LINEEDIT_CHANGED, /* the text changed */
	LINEEDIT_ACCEPT,  /* Enter */
	LINEEDIT_CANCEL,  /* Esc, or C-g */
};

void lineedit_init(struct lineedit *le, const char *text);

/* As lineedit_init, the text offered: the first character typed replaces
 * it (see offered). */
void lineedit_offer(struct lineedit *le, const char *text);

/*
 * Applies one key (keymap_parse_key codes): printable characters insert,
 * Backspace/C-h and Delete/C-d delete, Left/Right/Home/End and C-a/C-e
 * move, C-u clears, C-w deletes the word before the cursor, Enter accepts,
 * Esc and C-g cancel. Text that would not fit is refused (LINEEDIT_NONE).
 */
enum lineedit_result lineedit_key(struct lineedit *le, int key);

/* Display columns before the cursor (to place it on screen). */
int lineedit_cursor_col(const struct lineedit *le);

/*
 * Horizontal scrolling of a one-line editor width columns wide: the byte
 * offset of the first character to show so that the cursor is on screen,
 * keeping start (the offset shown before) when the cursor is still
 * visible from there. With text hidden on the left the first column is
 * left for a mark, so the cursor never lands on it.
 */
size_t lineedit_scroll(const struct lineedit *le, int width, size_t start);

/*
 * Wraps the text for a box width columns wide at word boundaries, as
 * textdoc_wrap wraps the read-back: a row ends at a new line or after its
 * last space before the next character would not fit (a space that does
 * not fit ends its row; only a word wider than the row is cut at a
 * character). starts[] (room for max) receives
 * the byte offset where each row begins; returns the number of rows (at
 * least 1). *cur_row and *cur_col (may be NULL) receive the cursor's row
 * and display column.
 */
size_t lineedit_wrap(const struct lineedit *le, int width, size_t *starts,
		     size_t max, size_t *cur_row, int *cur_col);

#endif

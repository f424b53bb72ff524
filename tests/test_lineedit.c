/* Unit tests: lineedit, the pure editing logic of one-line fields. */
#include "testutil.h"

#include "keymap.h"
#include "lineedit.h"

static void type(struct lineedit *le, const char *keys)
{
	/* Each UTF-8 character of keys is one key. */
	const unsigned char *p = (const unsigned char *)keys;
	while (*p) {
		char one[5] = {0};
		size_t n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		memcpy(one, p, n);
		assert_int_equal(lineedit_key(le, keymap_parse_key(one)),
				 LINEEDIT_CHANGED);
		p += n;
	}
}

static void test_insert_and_delete(void **state)
{
	(void)state;
	struct lineedit le;
	lineedit_init(&le, NULL);
	type(&le, "Åsa");
	assert_string_equal(le.buf, "Åsa");
	assert_int_equal(lineedit_cursor_col(&le), 3);
	assert_int_equal(lineedit_key(&le, KEYMAP_BACKSPACE), LINEEDIT_CHANGED);
	assert_string_equal(le.buf, "Ås");
	assert_int_equal(lineedit_key(&le, KEYMAP_LEFT), LINEEDIT_NONE);
	assert_int_equal(lineedit_key(&le, KEYMAP_BACKSPACE), LINEEDIT_CHANGED);
	assert_string_equal(le.buf, "s"); /* the two-byte Å went whole */
	assert_int_equal(le.cur, 0);
	assert_int_equal(lineedit_key(&le, KEYMAP_BACKSPACE), LINEEDIT_NONE);
	type(&le, "ö");
	assert_string_equal(le.buf, "ös");
	assert_int_equal(lineedit_key(&le, KEYMAP_DELETE), LINEEDIT_CHANGED);
	assert_string_equal(le.buf, "ö");
	assert_int_equal(lineedit_key(&le, KEYMAP_DELETE), LINEEDIT_NONE);
}

static void test_motion_and_words(void **state)
{
	(void)state;
	struct lineedit le;
	lineedit_init(&le, "egfr l858r exon");
	assert_int_equal(le.cur, strlen("egfr l858r exon"));
	assert_int_equal(lineedit_key(&le, 23), LINEEDIT_CHANGED); /* C-w */
	assert_string_equal(le.buf, "egfr l858r ");
	assert_int_equal(lineedit_key(&le, 23), LINEEDIT_CHANGED);
	assert_string_equal(le.buf, "egfr ");
	assert_int_equal(lineedit_key(&le, 1), LINEEDIT_NONE); /* C-a */
	assert_int_equal(le.cur, 0);
	type(&le, "x");
	assert_string_equal(le.buf, "xegfr ");
	assert_int_equal(lineedit_key(&le, KEYMAP_END), LINEEDIT_NONE);
	assert_int_equal(le.cur, le.len);
	assert_int_equal(lineedit_key(&le, 21), LINEEDIT_CHANGED); /* C-u */
	assert_string_equal(le.buf, "");
	assert_int_equal(lineedit_key(&le, 21), LINEEDIT_NONE);
}

static void test_accept_cancel_and_junk(void **state)
{
	(void)state;
	struct lineedit le;
	lineedit_init(&le, "abc");
	assert_int_equal(lineedit_key(&le, '\r'), LINEEDIT_ACCEPT);
	assert_int_equal(lineedit_key(&le, 27), LINEEDIT_CANCEL);
	assert_int_equal(lineedit_key(&le, 7), LINEEDIT_CANCEL);
	/* Control characters, C1 controls and named keys never enter. */
	assert_int_equal(lineedit_key(&le, 0x1b + 0), LINEEDIT_CANCEL);
	assert_int_equal(lineedit_key(&le, 0x9b), LINEEDIT_NONE);
	assert_int_equal(lineedit_key(&le, KEYMAP_F1), LINEEDIT_NONE);
	assert_int_equal(lineedit_key(&le, 0x0c), LINEEDIT_NONE);
	/* Nor invisible ones that would be stored unseen: zero-width space,
	 * BOM, word joiner, a bidi override. */
	assert_int_equal(lineedit_key(&le, 0x200B), LINEEDIT_NONE);
	assert_int_equal(lineedit_key(&le, 0xFEFF), LINEEDIT_NONE);
	assert_int_equal(lineedit_key(&le, 0x2060), LINEEDIT_NONE);
	assert_int_equal(lineedit_key(&le, 0x202E), LINEEDIT_NONE);
	assert_string_equal(le.buf, "abc");
	/* Full: refused, nothing half-written. */
	char big[LINEEDIT_MAX + 10];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	lineedit_init(&le, big);
	assert_int_equal(le.len, LINEEDIT_MAX - 1);
	assert_int_equal(lineedit_key(&le, 0xF6), LINEEDIT_NONE);
	assert_int_equal(le.len, LINEEDIT_MAX - 1);
	/* An initial text cut inside a character is trimmed to whole ones. */
	char cut[LINEEDIT_MAX + 2];
	memset(cut, 'a', LINEEDIT_MAX - 2);
	memcpy(cut + LINEEDIT_MAX - 2, "ö", 3);
	lineedit_init(&le, cut);
	assert_int_equal(le.len, LINEEDIT_MAX - 2);
}

/* A one-line editor narrower than its text scrolls sideways: the cursor is
 * always on screen, with a column for the mark when text is hidden on the
 * left, and nothing is hidden needlessly. */
/* An offered value (a prompt's default): the first character typed
 * replaces it; a move or Backspace first keeps it to edit; Enter takes it
 * as it is; lineedit_init offers nothing. */
static void test_offered(void **state)
{
	(void)state;
	struct lineedit le;
	lineedit_offer(&le, "lung");
	assert_true(le.offered);
	type(&le, "lunga");
	assert_string_equal(le.buf, "lunga"); /* not "lunglunga" */
	assert_false(le.offered);
	lineedit_offer(&le, "lung");
	assert_int_equal(lineedit_key(&le, KEYMAP_END), LINEEDIT_NONE);
	type(&le, "a");
	assert_string_equal(le.buf, "lunga");
	lineedit_offer(&le, "lung");
	assert_int_equal(lineedit_key(&le, KEYMAP_BACKSPACE), LINEEDIT_CHANGED);
	type(&le, "e");
	assert_string_equal(le.buf, "lune");
	lineedit_offer(&le, "Åsa Ek");
	assert_int_equal(lineedit_key(&le, '\r'), LINEEDIT_ACCEPT);
	assert_string_equal(le.buf, "Åsa Ek");
	lineedit_offer(&le, "");
	assert_false(le.offered);
	lineedit_init(&le, "lung");
	assert_false(le.offered);
	type(&le, "a");
	assert_string_equal(le.buf, "lunga");
}

static void test_scroll(void **state)
{
	(void)state;
	struct lineedit le;
	lineedit_init(&le, "0123456789abcdefghij"); /* 20, cursor at the end */
	size_t start = lineedit_scroll(&le, 10, 0);
	/* mark + 8 characters + the cursor's column */
	assert_int_equal(start, 12);
	assert_string_equal(le.buf + start, "cdefghij");
	/* Home: back to the start */
	lineedit_key(&le, KEYMAP_HOME);
	start = lineedit_scroll(&le, 10, start);
	assert_int_equal(start, 0);
	/* moving right inside the window keeps it */
	for (int i = 0; i < 5; i++)
		lineedit_key(&le, KEYMAP_RIGHT);
	assert_int_equal(lineedit_scroll(&le, 10, 0), 0);
	/* text that fits is never scrolled */
	lineedit_init(&le, "kort");
	assert_int_equal(lineedit_scroll(&le, 10, 3), 0);
	/* two-byte characters count one column each, not two */
	lineedit_init(&le, "åäöåäöåäöåäö"); /* 12 columns, 24 bytes */
	start = lineedit_scroll(&le, 8, 0);
	assert_int_equal(start, 12 * 2 - 6 * 2);
	assert_int_equal(lineedit_cursor_col(&le), 12);
}

/* The multi-line editor: C-o makes a new line, Up and Down keep the
 * column, Home and End work on the line; wrapping gives the rows and where
 * the cursor is. */
static void test_multiline(void **state)
{
	(void)state;
	struct lineedit le;
	lineedit_init(&le, NULL);
	/* one-line: C-o is not text */
	assert_int_equal(lineedit_key(&le, 15), LINEEDIT_NONE);
	le.multiline = true;
	type(&le, "första");
	assert_int_equal(lineedit_key(&le, 15), LINEEDIT_CHANGED);
	type(&le, "andra");
	assert_int_equal(lineedit_key(&le, ' '), LINEEDIT_CHANGED);
	type(&le, "raden");
	assert_string_equal(le.buf, "första\nandra raden");
	lineedit_key(&le, KEYMAP_UP);
	/* column 11 of "andra raden" → the end of "första" (6) */
	assert_int_equal(le.cur, strlen("första"));
	lineedit_key(&le, KEYMAP_HOME);
	assert_int_equal(le.cur, 0);
	lineedit_key(&le, KEYMAP_RIGHT);
	lineedit_key(&le, KEYMAP_RIGHT);
	lineedit_key(&le, KEYMAP_DOWN);
	assert_int_equal(le.cur, strlen("första\nan"));
	lineedit_key(&le, KEYMAP_END);
	assert_int_equal(le.cur, le.len);
	/* Enter still accepts */
	assert_int_equal(lineedit_key(&le, '\r'), LINEEDIT_ACCEPT);

	size_t starts[8], row;
	int col;
	/* width 5: "först" "a" | "andra " "raden", and the cursor at the
	 * end of the full last row on a row of its own; a word is never
	 * cut at a row's end unless it is wider than the row */
	assert_int_equal(lineedit_wrap(&le, 5, starts, 8, &row, &col), 5);
	assert_int_equal(starts[1], strlen("först"));
	assert_int_equal(starts[2], strlen("första\n"));
	assert_int_equal(starts[3], strlen("första\nandra "));
	assert_int_equal(starts[4], le.len);
	assert_int_equal(row, 4);
	assert_int_equal(col, 0);
	/* 80 columns less the box's frame: "the best o / ption." no more */
	lineedit_init(&le, "Surgery is the best option.");
	le.multiline = true;
	assert_int_equal(lineedit_wrap(&le, 20, starts, 8, &row, &col), 2);
	assert_int_equal(starts[1], strlen("Surgery is the best "));
	assert_int_equal(row, 1);
	assert_int_equal(col, (int)strlen("option."));
	/* the cursor inside a word that went to the next row is there */
	le.cur = strlen("Surgery is the best op");
	lineedit_wrap(&le, 18, starts, 8, &row, &col);
	assert_int_equal(starts[1], strlen("Surgery is the "));
	assert_int_equal(row, 1);
	assert_int_equal(col, (int)strlen("best op"));
	/* on the space that ends a row: at the row's end */
	le.cur = strlen("Surgery is the");
	lineedit_wrap(&le, 14, starts, 8, &row, &col);
	assert_int_equal(starts[1], strlen("Surgery is the "));
	assert_int_equal(row, 0);
	assert_int_equal(col, 14);
	/* a word wider than the row is cut at a character */
	lineedit_init(&le, "ab Lungcancerutredning");
	lineedit_wrap(&le, 8, starts, 8, &row, &col);
	assert_int_equal(starts[1], strlen("ab "));
	assert_int_equal(starts[2], strlen("ab Lungcanc"));
	/* a wrapped row of width characters keeps the Swedish letters
	 * whole (bytes are not columns) */
	lineedit_init(&le, "åäö åäö");
	assert_int_equal(lineedit_wrap(&le, 4, starts, 8, &row, &col), 2);
	assert_int_equal(starts[1], strlen("åäö "));
	/* the cursor at the right edge goes to a row of its own */
	lineedit_init(&le, "abcde");
	assert_int_equal(lineedit_wrap(&le, 5, starts, 8, &row, &col), 2);
	assert_int_equal(row, 1);
	assert_int_equal(col, 0);
	lineedit_init(&le, "");
	assert_int_equal(lineedit_wrap(&le, 5, starts, 8, &row, &col), 1);
	assert_int_equal(row, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_insert_and_delete),
	    cmocka_unit_test(test_motion_and_words),
	    cmocka_unit_test(test_accept_cancel_and_junk),
	    cmocka_unit_test(test_offered),
	    cmocka_unit_test(test_scroll),
	    cmocka_unit_test(test_multiline),
	};
	return cmocka_run_group_tests_name("lineedit", tests, NULL, NULL);
}

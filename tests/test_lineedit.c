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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_insert_and_delete),
	    cmocka_unit_test(test_motion_and_words),
	    cmocka_unit_test(test_accept_cancel_and_junk),
	};
	return cmocka_run_group_tests_name("lineedit", tests, NULL, NULL);
}

/* Unit tests: action table and keymap (names, lookup, user file, help). */
#include "testutil.h"

#include "action.h"
#include "keymap.h"

static void test_actions(void **state)
{
	(void)state;
	assert_int_equal(action_by_name("move-down"), ACTION_MOVE_DOWN);
	assert_int_equal(action_by_name("nope"), ACTION_NONE);
	assert_string_equal(action_name(ACTION_QUIT), "quit");
	assert_string_equal(action_group(ACTION_OPEN), "navigation");
	for (int a = 1; a < ACTION__COUNT; a++) {
		assert_true(strlen(action_help(a)) > 5);
		assert_int_equal(action_by_name(action_name(a)), a);
		/* every action has a word for the status line's hints,
		 * in English the name read as words (no hyphen) */
		assert_true(action_has_hint(a));
		char words[64];
		snprintf(words, sizeof(words), "%s", action_name(a));
		for (char *p = words; *p; p++)
			if (*p == '-')
				*p = ' ';
		assert_string_equal(action_hint(a), words);
		/* the name the help shows and ':' takes: in English the
		 * name itself, found again */
		char typed[64];
		assert_string_equal(action_typed_name(a, typed, sizeof(typed)),
				    action_name(a));
		assert_int_equal(action_by_typed_name(typed), a);
	}
	assert_int_equal(action_by_typed_name("nope"), ACTION_NONE);
	assert_string_equal(action_hint(ACTION_NEXT_CASE), "next case");
}

static void test_key_names(void **state)
{
	(void)state;
	char buf[16];
	assert_int_equal(keymap_parse_key("j"), 'j');
	assert_int_equal(keymap_parse_key("PgDn"), KEYMAP_PGDN);
	assert_int_equal(keymap_parse_key("Enter"), '\r');
	assert_int_equal(keymap_parse_key("F1"), KEYMAP_F1);
	assert_int_equal(keymap_parse_key("F12"), KEYMAP_F12);
	assert_int_equal(keymap_parse_key("F13"), -1);
	assert_int_equal(keymap_parse_key("C-l"), 12);
	assert_int_equal(keymap_parse_key("ö"), 0xF6);
	assert_int_equal(keymap_parse_key("Hash"), '#');
	assert_int_equal(keymap_parse_key("jk"), -1);
	assert_int_equal(keymap_parse_key("Dwon"), -1);
	assert_int_equal(keymap_parse_key(""), -1);
	const char *names[] = {"j",   "Down", "PgUp",  "Esc", "F5",
			       "C-x", "ö",    "Space", "Tab"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_string_equal(
		    keymap_key_name(keymap_parse_key(names[i]), buf), names[i]);
}

static void test_defaults_and_fallback(void **state)
{
	(void)state;
	struct keymap km;
	keymap_init(&km);
	assert_int_equal(keymap_lookup(&km, KEYMAP_VIEW_LIST, 'j'),
			 ACTION_MOVE_DOWN);
	assert_int_equal(keymap_lookup(&km, KEYMAP_VIEW_LIST, 'q'),
			 ACTION_QUIT);
	assert_int_equal(keymap_lookup(&km, KEYMAP_VIEW_CASE, 'q'),
			 ACTION_BACK);
	/* the queue: q is back to the list; the list's keys, then the
	 * generic ones, apply where it binds nothing itself */
	assert_int_equal(keymap_lookup(&km, KEYMAP_VIEW_QUEUE, 'q'),
			 ACTION_BACK);
	assert_int_equal(keymap_lookup(&km, KEYMAP_VIEW_QUEUE, 'x'),
			 ACTION_MARK);
	assert_int_equal(keymap_lookup(&km, KEYMAP_VIEW_QUEUE, 'Q'),
			 ACTION_QUIT);
	assert_int_equal(keymap_key_for(&km, KEYMAP_VIEW_QUEUE, ACTION_BACK),
			 'q');
	assert_int_equal(keymap_key_for(&km, KEYMAP_VIEW_QUEUE, ACTION_MARK),
			 'x');
	assert_int_equal(keymap_key_for(&km, KEYMAP_VIEW_QUEUE, ACTION_QUIT),
			 'Q');
	assert_int_equal(keymap_view_by_name("queue"), KEYMAP_VIEW_QUEUE);
	assert_int_equal(keymap_lookup(&km, KEYMAP_VIEW_CASE, '\r'),
			 ACTION_NONE);
	assert_int_equal(keymap_key_for(&km, KEYMAP_VIEW_LIST, ACTION_OPEN),
			 '\r');
	/* A view binding of ACTION_NONE hides the generic one. */
	keymap_bind(&km, KEYMAP_VIEW_CASE, 'j', ACTION_NONE);
	assert_int_equal(keymap_lookup(&km, KEYMAP_VIEW_CASE, 'j'),
			 ACTION_NONE);
	assert_int_equal(keymap_lookup(&km, KEYMAP_VIEW_LIST, 'j'),
			 ACTION_MOVE_DOWN);
	keymap_done(&km);
}

static void test_user_file(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	char *path = xasprintf("%s/keys", dir);
	const char *text = "# my keys\n"
			   "bind list x open\n"
			   "\n"
			   "bind generic ö help   # a comment\n"
			   "bind lists x open\n"
			   "bind list Dwon move-down\n"
			   "bind case j jump\n"
			   "bind list j\n"
			   "bind case k none\n"
			   "bind generic Hash quit\n";
	test_write_file(path, text, strlen(text));
	struct keymap km;
	struct diag d;
	keymap_init(&km);
	diag_init(&d);
	assert_int_equal(keymap_load_file(&km, path, &d), TB_INVALID);
	assert_int_equal(d.n, 4);
	assert_int_equal(d.items[0].line, 5);
	assert_non_null(strstr(d.items[0].message, "unknown view 'lists'"));
	/* The message names every view the file takes, from the table. */
	for (int v = 0; v < KEYMAP_VIEW__COUNT; v++) {
		char *want =
		    xasprintf(v + 1 < KEYMAP_VIEW__COUNT ? " %s," : " %s)",
			      keymap_view_name(v));
		assert_non_null(strstr(d.items[0].message, want));
		free(want);
	}
	assert_int_equal(d.items[1].line, 6);
	assert_non_null(strstr(d.items[1].message, "unknown key 'Dwon'"));
	assert_int_equal(d.items[2].line, 7);
	assert_non_null(strstr(d.items[2].message, "unknown action 'jump'"));
	assert_int_equal(d.items[3].line, 8);
	assert_non_null(strstr(d.items[3].message, "bind VIEW KEY ACTION"));
	assert_string_equal(d.items[0].file, path);
	/* The good lines applied. */
	assert_int_equal(keymap_lookup(&km, KEYMAP_VIEW_LIST, 'x'),
			 ACTION_OPEN);
	assert_int_equal(keymap_lookup(&km, KEYMAP_VIEW_CASE, 0xF6),
			 ACTION_HELP);
	assert_int_equal(keymap_lookup(&km, KEYMAP_VIEW_CASE, 'k'),
			 ACTION_NONE);
	assert_int_equal(keymap_lookup(&km, KEYMAP_VIEW_LIST, '#'),
			 ACTION_QUIT);
	diag_done(&d);

	/* A missing file is fine. */
	char *missing = xasprintf("%s/none", dir);
	assert_int_equal(keymap_load_file(&km, missing, &d), TB_OK);
	assert_int_equal(d.n, 0);

	/* The help lists the rebinding. */
	struct textdoc doc;
	char *buf = NULL;
	size_t len = 0;
	textdoc_init(&doc, 100);
	keymap_help(&km, &doc);
	FILE *f = open_memstream(&buf, &len);
	textdoc_write(&doc, f);
	fclose(f);
	assert_non_null(strstr(buf, "in list: Enter x"));
	assert_non_null(strstr(buf, "Show this help"));
	free(buf);
	textdoc_done(&doc);
	keymap_done(&km);
	diag_done(&d);
	free(missing);
	free(path);
	test_rmtree(dir);
	free(dir);
}

/* The help names each group once, every action of the group under it
 * (the table does not keep a group's rows together). */
static void test_help_groups_once(void **state)
{
	(void)state;
	struct keymap km;
	struct textdoc doc;
	keymap_init(&km);
	textdoc_init(&doc, 100);
	keymap_help(&km, &doc);
	int headings = 0;
	for (size_t i = 0; i < doc.n_lines; i++) {
		const struct textdoc_line *l = &doc.lines[i];
		if (l->n_spans != 1 || l->spans[0].style != TD_HEADING)
			continue;
		headings++;
		for (size_t j = i + 1; j < doc.n_lines; j++) {
			const struct textdoc_line *m = &doc.lines[j];
			if (m->n_spans == 1 && m->spans[0].style == TD_HEADING)
				assert_false(m->len == l->len &&
					     memcmp(m->text, l->text, l->len) ==
						 0);
		}
	}
	/* navigation, search, general, case, lists, agenda, form, summary,
	 * follow-up, meeting, and last editing a value (the editor's keys) */
	assert_int_equal(headings, 11);
	/* every action is listed */
	for (int a = 1; a < ACTION__COUNT; a++) {
		char tag[64];
		snprintf(tag, sizeof(tag), "[%s]", action_name(a));
		bool found = false;
		for (size_t i = 0; i < doc.n_lines && !found; i++)
			found = strstr(doc.lines[i].text, tag) != NULL;
		assert_true(found);
	}
	textdoc_done(&doc);
	keymap_done(&km);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_actions),
	    cmocka_unit_test(test_key_names),
	    cmocka_unit_test(test_defaults_and_fallback),
	    cmocka_unit_test(test_user_file),
	    cmocka_unit_test(test_help_groups_once),
	};
	return cmocka_run_group_tests_name("keymap", tests, NULL, NULL);
}

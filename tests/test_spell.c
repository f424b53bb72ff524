/* Unit tests: spell (names folded, their edit distance), a board's roles
 * typed by any of their names, and the "did you mean" of a role. */
#include "testutil.h"

#include "board.h"
#include "i18n.h"
#include "quorum.h"
#include "spell.h"

static void test_fold(void **state)
{
	(void)state;
	assert_true(spell_same("Lena Åberg", "lena aberg"));
	assert_true(spell_same("ÄNGEL Öst", "angel ost"));
	assert_true(spell_same("René", "rene"));
	assert_true(spell_same("Lindqvist", "Lindkvist"));
	assert_true(spell_same("Wallin", "Vallin"));
	assert_true(spell_same("  Maria \t Ek ", "maria ek"));
	assert_false(spell_same("Maria Ek", "Maria Ekk"));
	assert_false(spell_same("Maria Ek", "MariaEk"));
	assert_false(spell_same("", "a"));
	unsigned long out[SPELL_MAX];
	assert_int_equal(spell_fold(NULL, out), 0);
	assert_int_equal(spell_fold("Ås", out), 2);
	assert_int_equal(out[0], 'a');
	assert_int_equal(out[1], 's');
	/* a long name is compared by its first SPELL_MAX characters */
	char longer[200];
	memset(longer, 'x', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	assert_int_equal(spell_fold(longer, out), SPELL_MAX);
}

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(spell_distance("onkolog", "onkolog"), 0);
	assert_int_equal(spell_distance("onkolog", "ONKOLOG"), 0);
	assert_int_equal(spell_distance("Maria Ekk", "Maria Ek"), 1);
	assert_int_equal(spell_distance("Holm", "Hlom"), 1); /* a swap */
	assert_int_equal(spell_distance("oncologst", "oncologist"), 1);
	assert_int_equal(spell_distance("kitten", "sitting"), 3);
	assert_int_equal(spell_distance("", "abc"), 3);
	assert_int_equal(spell_distance("abc", ""), 3);
	assert_true(spell_distance("kurator", "onkolog") > 2);
}

static void test_near(void **state)
{
	(void)state;
	assert_int_equal(spell_tolerance(3), 0);
	assert_int_equal(spell_tolerance(5), 1);
	assert_int_equal(spell_tolerance(10), 2);
	assert_int_equal(spell_tolerance(11), 3);
	assert_true(spell_near("Per Lindkvist", "Per Lindqvist"));
	assert_true(spell_near("Maria Ekk", "Maria Ek"));
	assert_true(spell_near("Sara Holmm", "Sara Holm"));
	assert_true(spell_near("Lena Aberg", "Lena Åberg"));
	assert_true(spell_near("Lindkvist", "Per Lindqvist")); /* one word */
	assert_true(spell_near("Holmm", "Sara Holm"));
	assert_false(spell_near("Zzz Qqq", "Sara Holm"));
	assert_false(spell_near("Ek", "Ok")); /* too short to be off */
	assert_false(spell_near("", "Sara Holm"));
	assert_false(spell_near("Eva Lindberg", "Eva Lind"));
	assert_true(spell_contains("Lena Åberg", "aberg"));
	assert_true(spell_contains("Sara Holm", "HOLM"));
	assert_false(spell_contains("Sara Holm", ""));
	assert_false(spell_contains("Holm", "Sara Holm"));
}

/* The lung board's roles as boards.xml names them. */
static struct board lung(void)
{
	static char r1[] = "lungmedicinare", r2[] = "onkolog", r3[] = "patolog",
		    r4[] = "kontaktsjuksköterska", r5[] = "klinisk genetiker",
		    id[] = "lung";
	static char *core[] = {r1, r2, r3, r4}, *other[] = {r5};
	struct board b = {.id = id,
			  .core_roles = core,
			  .n_core_roles = 4,
			  .roles = other,
			  .n_roles = 1};
	return b;
}

static void test_role_names(void **state)
{
	(void)state;
	struct board b = lung();
	bool core = false;
	assert_string_equal(board_role(&b, "onkolog", &core), "onkolog");
	assert_true(core);
	assert_string_equal(board_role(&b, "Oncologist", NULL), "onkolog");
	assert_string_equal(board_role(&b, "contact nurse", NULL),
			    "kontaktsjuksköterska");
	assert_string_equal(board_role(&b, "KONTAKTSJUKSKOTERSKA", NULL),
			    "kontaktsjuksköterska");
	assert_string_equal(board_role(&b, "Clinical Geneticist", &core),
			    "klinisk genetiker");
	assert_false(core);
	assert_null(board_role(&b, "radiologist", NULL)); /* not this board's */
	assert_null(board_role(&b, "oncologst", NULL));	  /* near is not it */
	assert_true(board_role_named("patolog", "Pathologist"));
	assert_false(board_role_named("patolog", "oncologist"));
	size_t dist = (size_t)-1;
	assert_string_equal(board_role_nearest(&b, "oncologst", NULL, &dist),
			    "onkolog");
	assert_int_equal(dist, 1);
	dist = (size_t)-1;
	assert_string_equal(
	    board_role_nearest(&b, "kontaktsjukskotreska", NULL, &dist),
	    "kontaktsjuksköterska");
	dist = (size_t)-1;
	assert_null(board_role_nearest(&b, "kurator", NULL, &dist));
	/* a physician's role by any of its names wants a physician */
	assert_true(quorum_physician_role("Pulmonologist"));
	assert_true(quorum_physician_role("remitterande lakare"));
	assert_true(quorum_physician_role("clinical geneticist"));
	assert_false(quorum_physician_role("contact nurse"));
	assert_int_equal(quorum_role_claim("pulmonologist", "sjuksköterska"),
			 QUORUM_CLAIM_REFUSED);
	assert_int_equal(quorum_role_claim("dermatologist", "överläkare"),
			 QUORUM_CLAIM_OK);
	struct strbuf sb;
	strbuf_init(&sb);
	board_roles_list(&b, &sb);
	assert_string_equal(sb.buf, "pulmonologist, oncologist, pathologist, "
				    "contact nurse, clinical geneticist");
	strbuf_done(&sb);
}

static void test_roles_known(void **state)
{
	(void)state;
	struct board b = lung();
	struct boards bs = {.b = &b, .n = 1};
	char why[300];
	struct strbuf coded;
	strbuf_init(&coded);
	/* typed by any name; stored by the code, the rest of the line kept */
	assert_true(quorum_roles_known(&bs, &b,
				       "Karin Berg\toncologist\tcore\n"
				       "Maria Ek\tPatolog\tcover\n"
				       "Lena Holm\tcontact nurse\tcore",
				       &coded, why, sizeof(why)));
	assert_string_equal(coded.buf, "Karin Berg\tonkolog\tcore\n"
				       "Maria Ek\tpatolog\tcover\n"
				       "Lena Holm\tkontaktsjuksköterska\tcore");
	/* the quorum counts the roles so coded */
	assert_int_equal(quorum_missing(&b, coded.buf, NULL), 1);
	/* the nearest near enough, in the interface's language */
	assert_false(quorum_roles_known(&bs, &b, "A\toncologst\tcore", NULL,
					why, sizeof(why)));
	/* and the roles there are named with it, after the attendee */
	assert_string_equal(why, "A: no such role 'oncologst'; did you mean "
				 "'oncologist'? The roles: pulmonologist, "
				 "oncologist, pathologist, contact nurse, "
				 "clinical geneticist");
	assert_false(quorum_roles_known(&bs, NULL, "A\tonkologi\tcore", NULL,
					why, sizeof(why)));
	/* outside a meeting: the roles of every board, each once */
	assert_string_equal(why, "A: no such role 'onkologi'; did you mean "
				 "'oncologist'? The roles: pulmonologist, "
				 "oncologist, pathologist, contact nurse, "
				 "clinical geneticist");
	/* several wrong: each named in turn, the roles once at the end */
	assert_false(quorum_roles_known(&bs, &b,
					"A\toncologst\tcore\n"
					"B\tpathologist\tcore\n"
					"C\tkurator\tcover",
					NULL, why, sizeof(why)));
	assert_string_equal(why, "A: no such role 'oncologst'; did you mean "
				 "'oncologist'? C: no such role 'kurator'. "
				 "The roles: pulmonologist, oncologist, "
				 "pathologist, contact nurse, clinical "
				 "geneticist");
	/* none near: the board's roles, no guess */
	assert_false(quorum_roles_known(&bs, &b, "A\tkurator\tcore", NULL, why,
					sizeof(why)));
	assert_string_equal(why, "A: no such role 'kurator'; the roles: "
				 "pulmonologist, oncologist, pathologist, "
				 "contact nurse, clinical geneticist");
	assert_false(quorum_roles_known(&bs, NULL, "A\tkurator\tcore", NULL,
					why, sizeof(why)));
	assert_string_equal(why, "A: no such role 'kurator'; the roles: "
				 "pulmonologist, oncologist, pathologist, "
				 "contact nurse, clinical geneticist");
	/* boards with no roles: none to name */
	struct board bare = {0};
	struct boards none = {.b = &bare, .n = 1};
	assert_false(quorum_roles_known(&none, NULL, "A\tkurator\tcore", NULL,
					why, sizeof(why)));
	assert_string_equal(why, "A: no such role 'kurator'");
	strbuf_done(&coded);
}

#ifdef ENABLE_NLS
/* In Swedish the names offered are the Swedish ones, and an English name
 * is still taken. */
static void test_roles_swedish(void **state)
{
	(void)state;
	struct board b = lung();
	char why[300];
	i18n_init();
	char *was = i18n_language_use("sv");
	assert_string_equal(board_role(&b, "oncologist", NULL), "onkolog");
	assert_false(quorum_roles_known(NULL, &b, "A\toncologst\tcore", NULL,
					why, sizeof(why)));
	assert_string_equal(why,
			    "A: ingen roll 'oncologst'; menade du 'onkolog'? "
			    "Rollerna: lungmedicinare, onkolog, patolog, "
			    "kontaktsjuksköterska, klinisk genetiker");
	i18n_language_restore(was);
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_distance),
	    cmocka_unit_test(test_near),
	    cmocka_unit_test(test_role_names),
	    cmocka_unit_test(test_roles_known),
#ifdef ENABLE_NLS
	    cmocka_unit_test(test_roles_swedish),
#endif
	};
	return cmocka_run_group_tests_name("spell", tests, NULL, NULL);
}

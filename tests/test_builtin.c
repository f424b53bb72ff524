/* The data files compiled into the program (forms, the summary wording,
 * the glossary, the knowledge base, trials, levels, boards, roles): each
 * follows its RELAX NG schema (checked here, on a copy of its bytes,
 * through the validating path), and a start that loads them as they are
 * does not validate them again; a copy of them, changed or not, and any
 * other file still is. */
#include "testutil.h"

#include <stdbool.h>
#include <sys/stat.h>

#include "board.h"
#include "diag.h"
#include "form_def.h"
#include "import_boards.h"
#include "import_form.h"
#include "import_kb.h"
#include "import_roles.h"
#include "import_xml.h"
#include "kb.h"
#include "perm.h"
#include "schemas.h"
#include "support.h"

static char *config_dir;

static int setup(void **state)
{
	(void)state;
	/* no user files: the built-in ones are loaded */
	config_dir = test_tmpdir();
	setenv("XDG_CONFIG_HOME", config_dir, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_rmtree(config_dir);
	free(config_dir);
	import_xml_cleanup();
	return 0;
}

struct shipped {
	const char *name;
	const unsigned char *data;
	size_t len;
	const unsigned char *rng;
	size_t rng_len;
};

/* Every data file compiled in, with its schema; caller frees. */
static struct shipped *all_shipped(size_t *n)
{
	const struct shipped one[] = {
	    {"summary.xml", data_summary_xml, data_summary_xml_len,
	     schema_summary_rng, schema_summary_rng_len},
	    {"glossary.xml", data_glossary_xml, data_glossary_xml_len,
	     schema_glossary_rng, schema_glossary_rng_len},
	    {"kb.xml", data_kb_xml, data_kb_xml_len, schema_kb_rng,
	     schema_kb_rng_len},
	    {"trials.xml", data_trials_xml, data_trials_xml_len,
	     schema_trials_rng, schema_trials_rng_len},
	    {"levels.xml", data_levels_xml, data_levels_xml_len,
	     schema_levels_rng, schema_levels_rng_len},
	    {"boards.xml", data_boards_xml, data_boards_xml_len,
	     schema_boards_rng, schema_boards_rng_len},
	    {"roles.xml", data_roles_xml, data_roles_xml_len, schema_roles_rng,
	     schema_roles_rng_len},
	};
	size_t k = sizeof(one) / sizeof(one[0]), forms = 0;
	for (const struct embedded_file *e = data_forms; e->name; e++)
		forms++;
	*n = 0;
	struct shipped *s = xcalloc(k + forms, sizeof(*s));
	for (size_t i = 0; i < k; i++)
		s[(*n)++] = one[i];
	for (const struct embedded_file *e = data_forms; e->name; e++) {
		assert_true(*n < k + forms);
		s[(*n)++] =
		    (struct shipped){e->name, e->data, e->len, schema_form_rng,
				     schema_form_rng_len};
	}
	return s;
}

/* Each shipped file, copied, follows its schema: one validation each,
 * nothing said. */
static void test_shipped_files_follow_their_schemas(void **state)
{
	(void)state;
	size_t n;
	struct shipped *s = all_shipped(&n);
	assert_true(n >= 15); /* 7 data files and the 8 forms */
	for (size_t i = 0; i < n; i++) {
		char *copy = xmalloc(s[i].len + 1);
		memcpy(copy, s[i].data, s[i].len + 1);
		struct diag d;
		diag_init(&d);
		unsigned long before = import_xml_validations();
		xmlDocPtr doc =
		    import_xml_parse(s[i].name, copy, s[i].len, s[i].rng,
				     s[i].rng_len, "its schema", &d);
		if (!doc || d.n)
			fail_msg("%s: %s", s[i].name,
				 d.n ? d.items[0].message : "not read");
		assert_int_equal(import_xml_validations(), before + 1);
		xmlFreeDoc(doc);
		diag_done(&d);
		free(copy);
	}
	free(s);
}

/* Loading everything the screen loads at its start validates nothing:
 * the bytes are the shipped ones. */
static void test_start_validates_nothing(void **state)
{
	(void)state;
	unsigned long before = import_xml_validations();
	struct diag d;
	diag_init(&d);
	struct form_set fs;
	assert_int_equal(import_form_load_all(NULL, &fs, &d), TB_OK);
	assert_true(fs.n >= 8);
	struct form_phrases ph;
	assert_int_equal(import_form_phrases(NULL, &ph, &d), TB_OK);
	assert_non_null(ph.glossary);
	struct kb kb;
	assert_int_equal(import_kb_load(&kb, &d), TB_OK);
	assert_true(kb.n > 0);
	struct trials tr = {0};
	assert_int_equal(import_trials_load(&tr, &d), TB_OK);
	struct levels lv = {0};
	assert_int_equal(import_levels_load(&lv, &d), TB_OK);
	struct boards bs;
	assert_int_equal(import_boards_load_default(&bs, &d), TB_OK);
	struct roles rs;
	assert_int_equal(import_roles_parse("roles.xml",
					    (const char *)data_roles_xml,
					    data_roles_xml_len, &rs, &d),
			 TB_OK);
	assert_int_equal(d.n, 0);
	assert_int_equal(import_xml_validations(), before);
	roles_done(&rs);
	boards_done(&bs);
	levels_done(&lv);
	trials_done(&tr);
	kb_done(&kb);
	form_phrases_done(&ph);
	form_set_done(&fs);
	diag_done(&d);
}

/* A form that breaks the schema is refused from a copy of the shipped
 * bytes and from the user's forms directory; a shipped file given with
 * another schema is validated against it (and refused). */
static void test_copies_and_files_are_validated(void **state)
{
	(void)state;
	const char *lung = "";
	for (const struct embedded_file *e = data_forms; e->name; e++)
		if (strcmp(e->name, "lung.xml") == 0)
			lung = (const char *)e->data;
	/* an element the schema does not know, first in the root */
	const char *root = strstr(lung, "<form ");
	const char *gt = root ? strchr(root, '>') : NULL;
	if (!gt)
		fail_msg("the shipped lung.xml has no <form> root");
	size_t head = (size_t)(gt - lung) + 1;
	char *bad = xasprintf("%.*s<unknown/>%s", (int)head, lung, lung + head);
	struct diag d;
	diag_init(&d);
	struct form *f = NULL;
	unsigned long before = import_xml_validations();
	assert_int_equal(
	    import_form_parse("lung.xml", bad, strlen(bad), &f, &d),
	    TB_INVALID);
	assert_null(f);
	assert_true(d.n > 0);
	assert_int_equal(import_xml_validations(), before + 1);
	diag_done(&d);

	/* the same file in the user's forms directory */
	char *dir = xasprintf("%s/forms", config_dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	char *path = xasprintf("%s/lung.xml", dir);
	test_write_file(path, bad, strlen(bad));
	diag_init(&d);
	struct form_set fs;
	assert_int_equal(import_form_load_all(dir, &fs, &d), TB_INVALID);
	assert_true(d.n > 0);
	assert_non_null(strstr(d.items[0].file, "lung.xml"));
	form_set_done(&fs);
	diag_done(&d);
	unlink(path);
	free(path);
	rmdir(dir);
	free(dir);
	free(bad);

	/* the shipped knowledge base is no form */
	diag_init(&d);
	before = import_xml_validations();
	xmlDocPtr doc = import_xml_parse(
	    "kb.xml", (const char *)data_kb_xml, data_kb_xml_len,
	    schema_form_rng, schema_form_rng_len, "the forms schema", &d);
	assert_null(doc);
	assert_true(d.n > 0);
	assert_int_equal(import_xml_validations(), before + 1);
	diag_done(&d);
}

/* Both NULL or the same text. */
static void same_str(const char *what, const char *a, const char *b)
{
	if (!a || !b) {
		if (a != b)
			fail_msg("%s: '%s' and '%s'", what, a ? a : "(none)",
				 b ? b : "(none)");
		return;
	}
	if (strcmp(a, b) != 0)
		fail_msg("%s: '%s' and '%s'", what, a, b);
}

static void same_list(const char *what, char *const *a, size_t na,
		      char *const *b, size_t nb)
{
	if (na != nb)
		fail_msg("%s: %zu and %zu items", what, na, nb);
	for (size_t i = 0; i < na; i++)
		same_str(what, a[i], b[i]);
}

/* Every field of every role, but the source. */
static void same_roles(const struct roles *a, const struct roles *b)
{
	same_str("roles version", a->version, b->version);
	assert_int_equal(a->emergency_hours, b->emergency_hours);
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		same_str("role id", a->r[i].id, b->r[i].id);
		same_str("role name", a->r[i].name, b->r[i].name);
		for (size_t p = 0; p < PERM__COUNT; p++)
			if (a->r[i].grants[p] != b->r[i].grants[p])
				fail_msg("role %s: %s differs", a->r[i].id,
					 perm_name((enum perm)p));
	}
}

/* Every field of every board, but the source. */
static void same_boards(const struct boards *a, const struct boards *b)
{
	same_str("boards version", a->version, b->version);
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct board *x = &a->b[i], *y = &b->b[i];
		same_str("board id", x->id, y->id);
		same_str("board name", x->name, y->name);
		assert_int_equal(x->minutes_per_case, y->minutes_per_case);
		assert_int_equal(x->target_days, y->target_days);
		same_list("diagnoses", x->diagnoses, x->n_diagnoses,
			  y->diagnoses, y->n_diagnoses);
		same_list("core roles", x->core_roles, x->n_core_roles,
			  y->core_roles, y->n_core_roles);
		same_list("roles", x->roles, x->n_roles, y->roles, y->n_roles);
		const struct board_ready *r = &x->ready, *q = &y->ready;
		assert_int_equal(r->question, q->question);
		assert_int_equal(r->level_reason, q->level_reason);
		assert_int_equal(r->pathology, q->pathology);
		assert_int_equal(r->ecog, q->ecog);
		assert_int_equal(r->molecular, q->molecular);
		same_list("molecular stages", r->molecular_stages,
			  r->n_molecular_stages, q->molecular_stages,
			  q->n_molecular_stages);
		assert_int_equal(r->imaging_max_days, q->imaging_max_days);
	}
}

/* The built-in roles and boards, compiled in as tables, are what parsing
 * the shipped roles.xml and boards.xml gives, and so are the copies a
 * load without a file returns (marked built-in). */
static void test_tables_are_the_shipped_files(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d);
	struct roles parsed_rs, loaded_rs;
	assert_int_equal(import_roles_parse("roles.xml",
					    (const char *)data_roles_xml,
					    data_roles_xml_len, &parsed_rs, &d),
			 TB_OK);
	assert_true(parsed_rs.n >= 5);
	same_roles(&builtin_roles, &parsed_rs);
	char *none = xasprintf("%s/no-such-roles.xml", config_dir);
	assert_int_equal(import_roles_load(none, &loaded_rs, &d), TB_OK);
	same_roles(&loaded_rs, &parsed_rs);
	same_str("roles source", loaded_rs.source, "built-in");
	assert_true(loaded_rs.r != builtin_roles.r);

	struct boards parsed_bs, loaded_bs;
	assert_int_equal(
	    import_boards_parse("boards.xml", (const char *)data_boards_xml,
				data_boards_xml_len, &parsed_bs, &d),
	    TB_OK);
	assert_true(parsed_bs.n >= 6);
	same_boards(&builtin_boards, &parsed_bs);
	assert_int_equal(import_boards_load(NULL, &loaded_bs, &d), TB_OK);
	same_boards(&loaded_bs, &parsed_bs);
	same_str("boards source", loaded_bs.source, "built-in");
	assert_true(loaded_bs.b != builtin_boards.b);
	assert_int_equal(d.n, 0);
	roles_done(&loaded_rs);
	roles_done(&parsed_rs);
	boards_done(&loaded_bs);
	boards_done(&parsed_bs);
	free(none);
	diag_done(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shipped_files_follow_their_schemas),
	    cmocka_unit_test(test_start_validates_nothing),
	    cmocka_unit_test(test_copies_and_files_are_validated),
	    cmocka_unit_test(test_tables_are_the_shipped_files),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

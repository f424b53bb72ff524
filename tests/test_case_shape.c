/* The quick look at a case (src/import_shape.c) against the case schema
 * itself (src/import_schema.c): every case it calls valid, the schema
 * must too. Tried on every example case file and on some thousands of
 * cases made from them one change at a time (an element or attribute
 * dropped, doubled, renamed, put in another namespace; values out of
 * their lists, too long, with a line break, spaces around a word; text
 * where none belongs), as many valid as not. And it is not idle: every
 * example case takes the quick way. */
#include "testutil.h"

#include <dirent.h>
#include <libxml/parser.h>

#include "diag.h"
#include "fhir_in.h"
#include "import_schema.h"
#include "import_shape.h"
#include "import_walk.h"

struct tally {
	size_t tried, quick, schema_ok, schema_not;
};

static struct case_check cc;

/* The one rule: quick ⇒ schema. */
static void judge(xmlNodePtr n, struct tally *t, const char *what)
{
	bool quick = import_shape_ok(n);
	bool schema = case_check_run(&cc, n);
	case_check_clear(&cc);
	t->tried++;
	t->quick += quick;
	if (schema)
		t->schema_ok++;
	else
		t->schema_not++;
	if (quick && !schema)
		fail_msg("the quick look takes a case the schema refuses: %s",
			 what);
}

/* The k-th element of n's subtree in document order (0: n). */
static xmlNodePtr nth_element(xmlNodePtr n, int *k)
{
	if (n->type != XML_ELEMENT_NODE)
		return NULL;
	if ((*k)-- == 0)
		return n;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		xmlNodePtr hit = nth_element(c, k);
		if (hit)
			return hit;
	}
	return NULL;
}

static char *repeat(const char *unit, int times)
{
	struct strbuf sb = {0};
	for (int i = 0; i < times; i++)
		strbuf_puts(&sb, unit);
	return strbuf_detach(&sb);
}

/* Values an attribute or a text is set to, one at a time. */
static const char *values[] = {
    "",	   "zzz",     " local ",  "local",	"female",	 " female",
    "8",   "yes",     "clinical", "2026-01-02", "2026-01-02\nx", "ct",
    "snv", "somatic", "present",  NULL};

/* What is done to the element e (of a copy): mutation m; false when
 * there is no mutation m. */
static bool mutate_element(xmlDocPtr doc, xmlNodePtr e, int m, char *what,
			   size_t len)
{
	char *long_ones[] = {repeat("a", 200),	repeat("a", 201),
			     repeat("é", 200),	repeat("é", 201),
			     repeat("a", 40),	repeat("é", 41),
			     repeat("b", 20001)};
	bool done = true;
	int nv = 0;
	while (values[nv])
		nv++;
	switch (m) {
	case 0:
		snprintf(what, len, "<%s> dropped", e->name);
		xmlUnlinkNode(e);
		xmlFreeNode(e);
		break;
	case 1:
		snprintf(what, len, "<%s> twice", e->name);
		xmlAddNextSibling(e, xmlDocCopyNode(e, doc, 1));
		break;
	case 2:
		snprintf(what, len, "<%s> renamed", e->name);
		xmlNodeSetName(e, (const xmlChar *)"bogus");
		break;
	case 3:
		snprintf(what, len, "<%s> in another namespace", e->name);
		xmlSetNs(e, xmlNewNs(e, (const xmlChar *)"urn:x-other",
				     (const xmlChar *)"o"));
		break;
	case 4:
		snprintf(what, len, "text in <%s>", e->name);
		xmlAddChild(e, xmlNewDocText(doc, (const xmlChar *)"x"));
		break;
	case 5:
		snprintf(what, len, "an element in <%s>", e->name);
		xmlAddChild(e, xmlNewDocNode(doc, e->ns,
					     (const xmlChar *)"bogus", NULL));
		break;
	case 6:
		snprintf(what, len, "an unknown attribute on <%s>", e->name);
		xmlSetProp(e, (const xmlChar *)"bogus", (const xmlChar *)"1");
		break;
	case 7:
		snprintf(what, len, "xml:lang on <%s>", e->name);
		xmlNodeSetLang(e, (const xmlChar *)"sv");
		break;
	case 8:
		snprintf(what, len, "a comment in <%s>", e->name);
		xmlAddChild(e, xmlNewDocComment(doc, (const xmlChar *)"c"));
		break;
	case 9:
		snprintf(what, len, "<%s> emptied", e->name);
		xmlNodeSetContent(e, NULL);
		break;
	default:
		if (m - 10 < nv) {
			snprintf(what, len, "<%s> text '%s'", e->name,
				 values[m - 10]);
			xmlNodeSetContent(e, (const xmlChar *)values[m - 10]);
		} else if (m - 10 - nv < 7) {
			snprintf(what, len, "<%s> long text %d", e->name,
				 m - 10 - nv);
			xmlNodeSetContent(
			    e, (const xmlChar *)long_ones[m - 10 - nv]);
		} else
			done = false;
	}
	for (size_t i = 0; i < sizeof(long_ones) / sizeof(*long_ones); i++)
		free(long_ones[i]);
	return done;
}

/* Mutation m of attribute a; false when there is none. */
static bool mutate_attr(xmlNodePtr e, xmlAttrPtr a, int m, char *what,
			size_t len)
{
	char *long_ones[] = {repeat("a", 200), repeat("a", 201),
			     repeat("é", 200), repeat("é", 201),
			     repeat("a", 40),  repeat("a", 41),
			     repeat("é", 40),  repeat("é", 41)};
	int nv = 0;
	while (values[nv])
		nv++;
	bool done = true;
	const xmlChar *name = a->name;
	if (m == 0) {
		snprintf(what, len, "@%s of <%s> dropped", name, e->name);
		xmlRemoveProp(a);
	} else if (m - 1 < nv) {
		snprintf(what, len, "@%s of <%s> = '%s'", name, e->name,
			 values[m - 1]);
		xmlSetProp(e, name, (const xmlChar *)values[m - 1]);
	} else if (m - 1 - nv < 8) {
		snprintf(what, len, "@%s of <%s> long %d", name, e->name,
			 m - 1 - nv);
		xmlSetProp(e, name, (const xmlChar *)long_ones[m - 1 - nv]);
	} else if (m - 1 - nv == 8) {
		/* its name, but in a namespace */
		snprintf(what, len, "@o:%s beside @%s of <%s>", name, name,
			 e->name);
		xmlSetNsProp(e,
			     xmlNewNs(e, (const xmlChar *)"urn:x-other",
				      (const xmlChar *)"o"),
			     name, a->children ? a->children->content : NULL);
	} else if (m - 1 - nv == 9) {
		snprintf(what, len, "@o:%s for @%s of <%s>", name, name,
			 e->name);
		xmlChar *v = xmlGetProp(e, name);
		xmlSetNsProp(e,
			     xmlNewNs(e, (const xmlChar *)"urn:x-other",
				      (const xmlChar *)"o"),
			     name, v);
		xmlFree(v);
		xmlUnsetProp(e, name);
	} else if (m - 1 - nv == 11) {
		/* a control character: no parser makes one, a tree built from
		 * JSON may */
		snprintf(what, len, "@%s of <%s> with U+0001", name, e->name);
		xmlSetProp(e, name, (const xmlChar *)"2026\x01");
	} else if (m - 1 - nv == 10) {
		/* twice on the element: no parser makes it, a tree built in
		 * memory (the FHIR reader's) may */
		snprintf(what, len, "@%s of <%s> twice", name, e->name);
		xmlNewProp(e, name, a->children ? a->children->content : NULL);
	} else
		done = false;
	for (size_t i = 0; i < sizeof(long_ones) / sizeof(*long_ones); i++)
		free(long_ones[i]);
	return done;
}

/* A copy of c beside it, and its k-th element in *e. */
static xmlNodePtr copy_of(xmlDocPtr doc, xmlNodePtr c, int k, xmlNodePtr *e)
{
	xmlNodePtr copy = xmlDocCopyNode(c, doc, 1);
	xmlAddNextSibling(c, copy);
	int at = k;
	xmlNodePtr hit = nth_element(copy, &at);
	if (!hit)
		fail_msg("element %d is not in the copy", k);
	*e = hit;
	return copy;
}

static void drop(xmlNodePtr copy)
{
	xmlUnlinkNode(copy);
	xmlFreeNode(copy);
}

/* Every mutation of every element and attribute of the case c. */
static void mutations(xmlDocPtr doc, xmlNodePtr c, struct tally *t)
{
	char what[160];
	for (int k = 0;; k++) {
		int at = k;
		xmlNodePtr orig = nth_element(c, &at);
		if (!orig)
			break;
		for (int m = 0;; m++) {
			xmlNodePtr e;
			xmlNodePtr copy = copy_of(doc, c, k, &e);
			bool done =
			    (k > 0 || m > 1) && /* not the case itself away */
			    mutate_element(doc, e, m, what, sizeof(what));
			if (done)
				judge(copy, t, what);
			drop(copy);
			if (!done && m > 1)
				break;
		}
		int n_attrs = 0;
		for (xmlAttrPtr a = orig->properties; a; a = a->next)
			n_attrs++;
		for (int ai = 0; ai < n_attrs; ai++)
			for (int m = 0;; m++) {
				xmlNodePtr e;
				xmlNodePtr copy = copy_of(doc, c, k, &e);
				xmlAttrPtr a = e->properties;
				for (int i = 0; i < ai; i++)
					a = a->next;
				bool done = a && mutate_attr(e, a, m, what,
							     sizeof(what));
				if (done)
					judge(copy, t, what);
				drop(copy);
				if (!done)
					break;
			}
	}
}

static void test_examples_and_their_mutations(void **state)
{
	(void)state;
	assert_true(case_check_init(&cc, "shape"));
	const char *dir = test_examples_dir();
	DIR *d = opendir(dir);
	if (!d)
		fail_msg("no examples at %s", dir);
	struct tally ex = {0}, mut = {0};
	size_t files = 0, mutated = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		size_t nl = strlen(de->d_name);
		if (nl < 5 || strcmp(de->d_name + nl - 4, ".xml") != 0)
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		/* parsed as the importer's reader parses */
		xmlDocPtr doc =
		    xmlReadFile(path, NULL,
				XML_PARSE_NONET | XML_PARSE_BIG_LINES |
				    XML_PARSE_COMPACT | XML_PARSE_NOCDATA);
		if (!doc)
			fail_msg("%s does not parse", path);
		files++;
		for (xmlNodePtr c = xmlDocGetRootElement(doc)->children; c;
		     c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			struct tally one = {0};
			judge(c, &one, path);
			if (!one.quick)
				fail_msg("a case of %s does not take the quick "
					 "way",
					 path);
			ex.tried++;
			ex.quick++;
			/* a case in three files' worth changed one way at a
			 * time: some thousands of checks */
			if (mutated < 3) {
				mutations(doc, c, &mut);
				mutated++;
			}
		}
		xmlFreeDoc(doc);
		free(path);
	}
	closedir(d);
	case_check_done(&cc);
	assert_true(files >= 30);
	assert_true(ex.tried >= 30);
	print_message("# %zu example cases, all the quick way; %zu changed "
		      "cases: %zu the quick way, the schema took %zu and "
		      "refused %zu\n",
		      ex.tried, mut.tried, mut.quick, mut.schema_ok,
		      mut.schema_not);
	/* the changes both ways: not all refused, not all taken */
	assert_true(mut.tried > 1000);
	assert_true(mut.quick > 100);
	assert_true(mut.schema_not > 500);
	assert_true(mut.schema_ok > mut.quick);
}

static void judge_built(const struct fhir_in *in, xmlNodePtr ce, size_t case_no,
			void *arg)
{
	(void)in;
	(void)case_no;
	judge(ce, arg, "a case the FHIR reader built");
}

/* The FHIR reader builds its cases in memory, where a tree can hold what
 * no parser makes (an attribute twice): every case it builds from the
 * FHIR test files and samples, valid and broken, is looked at both ways
 * as the import looks at it. */
static void test_fhir_built_cases(void **state)
{
	(void)state;
	assert_true(case_check_init(&cc, "shape"));
	const char *src = getenv("TB_SRCDIR");
	const char *dirs[] = {"examples/fhir", "tests/data/fhir/valid",
			      "tests/data/fhir/bad", "tests/data/fhir/apart"};
	struct tally t = {0};
	size_t files = 0;
	for (size_t k = 0; k < sizeof(dirs) / sizeof(*dirs); k++) {
		char *dir =
		    xasprintf("%s/%s", src && *src ? src : ".", dirs[k]);
		DIR *d = opendir(dir);
		if (!d)
			fail_msg("no FHIR files at %s", dir);
		struct dirent *de;
		while ((de = readdir(d))) {
			size_t nl = strlen(de->d_name);
			if (nl < 6 || (strcmp(de->d_name + nl - 5, ".json") &&
				       strcmp(de->d_name + nl - 4, ".xml")))
				continue;
			char *path = xasprintf("%s/%s", dir, de->d_name);
			size_t n = 0;
			char *buf = test_slurp(path, &n);
			struct fhir_in fi;
			struct diag dg;
			diag_init(&dg);
			(void)fhir_in_build(path, buf, n, "2026-11-23",
					    judge_built, &t, &fi, &dg);
			fhir_in_done(&fi);
			diag_done(&dg);
			free(buf);
			free(path);
			files++;
		}
		closedir(d);
		free(dir);
	}
	case_check_done(&cc);
	print_message("# %zu FHIR files: %zu cases built, %zu the quick "
		      "way; the schema refused %zu\n",
		      files, t.tried, t.quick, t.schema_not);
	assert_true(files > 100);
	assert_true(t.quick > 50);
	assert_true(t.schema_not > 0); /* the broken ones are there */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_examples_and_their_mutations),
	    cmocka_unit_test(test_fhir_built_cases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * import_shape — is a <case> certainly valid against data/case.rng?
 * (import_shape.h). The schema's rules as tables: what each element
 * takes as attributes and as content. Every doubt answers false: the
 * schema then decides. tests/test_case_shape.c holds these tables to the
 * schema (a case this calls valid that the schema does not fails it).
 */
#include "import_shape.h"

#include <stdint.h>
#include <string.h>

#include "import_walk.h"
#include "model.h"

/* How a value is checked: the schema's "short" (a string of at most 200
 * characters), "long" (20,000), "date" (at most 40 characters, no line
 * break: the pattern .{0,40}), one of a list of words, any text. */
enum kind { K_SHORT, K_LONG, K_DATE, K_WORD, K_TEXT };

struct rule {
	const char *name;
	bool required;
	enum kind kind;
	const char *const *words; /* K_WORD */
};

static const char *const levels[] = {"local", "regional", "national", NULL};
static const char *const priorities[] = {"routine", "urgent", NULL};
static const char *const statuses[] = {
    "referred",	 "incomplete",	  "ready",	 "listed",
    "discussed", "not-discussed", "deferred",	 "decision-draft",
    "signed",	 "communicated",  "followed-up", "closed",
    NULL};
static const char *const contexts[] = {"clinical", "research", NULL};
static const char *const id_types[] = {"personnummer", "samordningsnummer",
				       NULL};
static const char *const sexes[] = {"female", "male", "other", "unknown", NULL};
static const char *const yes_no[] = {"yes", "no", NULL};
static const char *const editions[] = {"8", NULL};
static const char *const kinds[] = {"snv", "indel", "fusion", "cnv",
				    "msi", "tmb",   NULL};
static const char *const origins[] = {"somatic", "germline", NULL};
static const char *const classes[] = {
    "pathogenic", "likely-pathogenic", "vus", "likely-benign", "benign", NULL};
static const char *const results[] = {"present", "absent", NULL};
static const char *const modalities[] = {
    "ct",	  "pet-ct",    "mri",	      "x-ray",
    "ultrasound", "bone-scan", "mammography", NULL};
static const char *const true_false[] = {"true", "false", NULL};

#define REQ(n, k)                                                              \
	{                                                                      \
		n, true, k, NULL                                               \
	}
#define OPT(n, k)                                                              \
	{                                                                      \
		n, false, k, NULL                                              \
	}
#define REQ_WORD(n, w)                                                         \
	{                                                                      \
		n, true, K_WORD, w                                             \
	}
#define OPT_WORD(n, w)                                                         \
	{                                                                      \
		n, false, K_WORD, w                                            \
	}
#define END                                                                    \
	{                                                                      \
		NULL, false, K_TEXT, NULL                                      \
	}

/* An element: its attributes, then either its content as a value
 * (content.name NULL: none at all; else content.kind) or its child
 * elements, each from min to max times (interleaved: any order). */
struct shape;
struct child {
	const struct shape *shape;
	int min, max;
};
struct shape {
	const char *name;
	const struct rule *attrs;
	struct rule content; /* .name "" for a value; NULL: empty */
	const struct child *children;
};

#define MANY 0x7fffffff

static const struct rule no_attrs[] = {END};
static const struct shape text_long_q = {"question", no_attrs, REQ("", K_LONG),
					 NULL};
static const struct shape text_long_r = {"level-reason", no_attrs,
					 REQ("", K_LONG), NULL};
static const struct shape text_long_s = {"summary", no_attrs, REQ("", K_LONG),
					 NULL};
static const struct rule referrer_a[] = {
    REQ("name", K_SHORT), REQ("unit", K_SHORT), OPT("phone", K_SHORT), END};
static const struct shape referrer = {"referrer", referrer_a, END, NULL};
static const struct rule dated[] = {REQ("date", K_DATE), END};
static const struct shape ecog = {"ecog", dated, REQ("", K_TEXT), NULL};
static const struct shape lansky = {"lansky", dated, REQ("", K_TEXT), NULL};

static const struct rule id_a[] = {OPT_WORD("type", id_types), END};
static const struct shape pid = {"id", id_a, REQ("", K_SHORT), NULL};
static const struct rule name_a[] = {REQ("family", K_SHORT),
				     REQ("given", K_SHORT), END};
static const struct shape pname = {"name", name_a, END, NULL};
static const struct shape psex = {"sex", no_attrs, REQ_WORD("", sexes), NULL};
static const struct rule lang_a[] = {OPT_WORD("interpreter", yes_no), END};
static const struct shape plang = {"language", lang_a, REQ("", K_SHORT), NULL};
static const struct shape pregion = {"region", no_attrs, REQ("", K_SHORT),
				     NULL};
static const struct shape phosp = {"hospital", no_attrs, REQ("", K_SHORT),
				   NULL};
static const struct child patient_c[] = {
    {&pid, 1, 1},     {&pname, 1, 1}, {&psex, 1, 1}, {&plang, 0, 1},
    {&pregion, 0, 1}, {&phosp, 0, 1}, {NULL, 0, 0}};
static const struct shape patient = {"patient", no_attrs, END, patient_c};

static const struct rule diag_a[] = {
    REQ("icd10", K_SHORT), OPT("icdo3", K_SHORT), OPT("date", K_DATE), END};
static const struct shape diagnosis = {"diagnosis", diag_a, REQ("", K_SHORT),
				       NULL};
static const struct rule tnm_a[] = {OPT_WORD("edition", editions),
				    REQ("t", K_SHORT),
				    REQ("n", K_SHORT),
				    REQ("m", K_SHORT),
				    OPT("stage", K_SHORT),
				    OPT("date", K_DATE),
				    END};
static const struct shape tnm = {"tnm", tnm_a, END, NULL};

static const struct shape report = {"report", no_attrs, REQ("", K_LONG), NULL};
static const struct rule marker_a[] = {REQ("name", K_SHORT),
				       REQ("value", K_SHORT), END};
static const struct shape marker = {"marker", marker_a, END, NULL};
static const struct child pathology_c[] = {
    {&report, 1, 1}, {&marker, 0, MANY}, {NULL, 0, 0}};
static const struct rule pathology_a[] = {
    REQ("date", K_DATE),      REQ("lab", K_SHORT),
    REQ("specimen", K_SHORT), OPT("icdo3", K_SHORT),
    OPT("grade", K_SHORT),    OPT_WORD("context", contexts),
    OPT("source", K_SHORT),   END};
static const struct shape pathology = {"pathology", pathology_a, END,
				       pathology_c};

static const struct rule finding_a[] = {
    OPT("gene", K_SHORT),	 REQ_WORD("kind", kinds),
    REQ_WORD("origin", origins), REQ("test", K_SHORT),
    REQ("sample", K_SHORT),	 REQ("lab", K_SHORT),
    REQ("date", K_DATE),	 OPT("c", K_SHORT),
    OPT("p", K_SHORT),		 OPT("g", K_SHORT),
    OPT("transcript", K_SHORT),	 OPT("partner", K_SHORT),
    OPT("copies", K_SHORT),	 OPT("value", K_SHORT),
    OPT("vaf", K_SHORT),	 OPT_WORD("classification", classes),
    OPT_WORD("result", results), OPT_WORD("context", contexts),
    OPT("source", K_SHORT),	 END};
/* <text/>: any text, none too */
static const struct shape finding = {"finding", finding_a, OPT("", K_TEXT),
				     NULL};

static const struct shape findings = {"findings", no_attrs, REQ("", K_LONG),
				      NULL};
static const struct shape impression = {"impression", no_attrs, REQ("", K_LONG),
					NULL};
static const struct child imaging_c[] = {
    {&findings, 1, 1}, {&impression, 1, 1}, {NULL, 0, 0}};
static const struct rule imaging_a[] = {REQ("date", K_DATE),
					REQ_WORD("modality", modalities),
					REQ("region", K_SHORT),
					OPT("recist-sum", K_SHORT),
					OPT_WORD("ai", true_false),
					OPT("source", K_SHORT),
					END};
static const struct shape imaging = {"imaging", imaging_a, END, imaging_c};

static const struct child case_c[] = {
    {&patient, 1, 1},	   {&diagnosis, 1, 1},	{&text_long_q, 1, 1},
    {&text_long_r, 1, 1},  {&referrer, 1, 1},	{&text_long_s, 0, 1},
    {&ecog, 0, 1},	   {&lansky, 0, 1},	{&tnm, 0, 1},
    {&pathology, 0, MANY}, {&finding, 0, MANY}, {&imaging, 0, MANY},
    {NULL, 0, 0}};
static const struct rule case_a[] = {REQ("id", K_SHORT),
				     REQ("referred", K_DATE),
				     REQ_WORD("level", levels),
				     OPT_WORD("priority", priorities),
				     OPT_WORD("status", statuses),
				     OPT("source", K_SHORT),
				     END};
static const struct shape case_shape = {"case", case_a, END, case_c};

/* Characters XML has (no control character but tab and line breaks, no
 * U+FFFE or U+FFFF, no surrogate: a parser lets no other through, but
 * the FHIR reader builds its cases from JSON, and the schema's strings
 * refuse them), at most max of them (UTF-8: a byte that does not
 * continue one starts one); a date also no line break. */
static bool text_ok(const char *s, size_t max, bool no_break)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 && ((*p != '\t' && *p != '\n' && *p != '\r') ||
				  (no_break && *p != '\t')))
			return false;
		if (p[0] == 0xEF && p[1] == 0xBF &&
		    (p[2] == 0xBE || p[2] == 0xBF))
			return false;
		if (p[0] == 0xED && p[1] >= 0xA0)
			return false;
		if ((*p & 0xC0) != 0x80 && ++n > max)
			return false;
	}
	return true;
}

static bool value_ok(const struct rule *r, const char *v)
{
	switch (r->kind) {
	case K_SHORT:
		return text_ok(v, 200, false);
	case K_LONG:
		return text_ok(v, 20000, false);
	case K_DATE:
		return text_ok(v, 40, true);
	case K_WORD:
		return text_ok(v, SIZE_MAX, false) &&
		       model_enum_valid(r->words, v);
	case K_TEXT:
		return text_ok(v, SIZE_MAX, false);
	}
	return false;
}

/* Every attribute one the element takes, once, of no namespace, its
 * value a single text and right; every one it must have there. */
static bool attrs_ok(const xmlNode *n, const struct rule *rules)
{
	unsigned seen = 0;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->ns || !a->children || a->children->next ||
		    a->children->type != XML_TEXT_NODE)
			return false;
		size_t i = 0;
		while (rules[i].name &&
		       strcmp((const char *)a->name, rules[i].name) != 0)
			i++;
		/* twice: a tree built in memory (the FHIR reader's) may have
		 * it, which no parser lets through */
		if (!rules[i].name || (seen & (1u << i)) ||
		    !value_ok(&rules[i], (const char *)a->children->content))
			return false;
		seen |= 1u << i;
	}
	for (size_t i = 0; rules[i].name; i++)
		if (rules[i].required && !(seen & (1u << i)))
			return false;
	return true;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static bool shape_ok(const xmlNode *n, const struct shape *sh);

/* Child elements as the shape lists them, white space between. */
static bool children_ok(const xmlNode *n, const struct child *c)
{
	int count[16] = {0};
	for (const xmlNode *k = n->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE && blank((const char *)k->content))
			continue;
		if (k->type != XML_ELEMENT_NODE || !k->ns ||
		    strcmp((const char *)k->ns->href, CASE_NS) != 0)
			return false;
		size_t i = 0;
		while (c[i].shape &&
		       strcmp((const char *)k->name, c[i].shape->name) != 0)
			i++;
		if (!c[i].shape || ++count[i] > c[i].max ||
		    !shape_ok(k, c[i].shape))
			return false;
	}
	for (size_t i = 0; c[i].shape; i++)
		if (count[i] < c[i].min)
			return false;
	return true;
}

/* A value's element: one text, not empty (an empty one is left to the
 * schema); none at all where the shape takes none. */
static bool content_ok(const xmlNode *n, const struct rule *r)
{
	const xmlNode *k = n->children;
	if (!r->name) /* empty */
		return !k;
	if (!k)
		return !r->required;
	if (k->next || k->type != XML_TEXT_NODE || !k->content ||
	    !k->content[0])
		return false;
	return value_ok(r, (const char *)k->content);
}

static bool shape_ok(const xmlNode *n, const struct shape *sh)
{
	if (!attrs_ok(n, sh->attrs))
		return false;
	return sh->children ? children_ok(n, sh->children)
			    : content_ok(n, &sh->content);
}

bool import_shape_ok(const xmlNode *cn)
{
	return cn && cn->type == XML_ELEMENT_NODE && cn->ns &&
	       strcmp((const char *)cn->ns->href, CASE_NS) == 0 &&
	       strcmp((const char *)cn->name, "case") == 0 &&
	       shape_ok(cn, &case_shape);
}

#include "import_schema.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/xmlerror.h>

#include "i18n.h"
#include "import_walk.h"
#include "import_xml.h"
#include "schemas.h"
#include "util.h"

/* What libxml2 said of one case, sorted out as it came. */
struct import_schema_msgs {
	struct diag faults;
	/* per item of faults: the element "Expecting an element X, got
	 * nothing" names, else NULL */
	char **missing;
	size_t cap_missing;
	/* the first follow-on message (libxml2 writes the deepest first):
	 * given when the case has no other */
	struct diag follow;
	/* the elements an interleave could not take, named without a line,
	 * and those a follow-on message named */
	char **extra, **failed;
	size_t n_extra, cap_extra, n_failed, cap_failed;
	/* elements the schema declares nowhere, met by a follow-on message
	 * (libxml2 blames their parent: "Expecting an element impression,
	 * got nothing" of an <imaging> that holds one before its
	 * impression): said as extra content of the parent */
	struct diag strays;
	long *stray_parent; /* per item of strays: its parent's line */
	size_t cap_stray_parent;
	/* while an extra element is looked for: messages only noted */
	const char *probe;
	bool probing, probe_seen;
};

/* The messages that only say a fault below made an element fail. */
static bool follow_on(int code)
{
	return code == XML_RELAXNG_ERR_INTERSEQ ||
	       code == XML_RELAXNG_ERR_CONTENTVALID ||
	       code == XML_RELAXNG_ERR_ATTRVALID;
}

static bool name_in(char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

/* Adds name to the list once. */
static void name_add(char ***list, size_t *n, size_t *cap, const char *name)
{
	if (name_in(*list, *n, name))
		return;
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 4;
		*list = xrealloc(*list, *cap * sizeof(**list));
	}
	(*list)[(*n)++] = xstrdup(name);
}

/* True when the case schema has an element of this name. */
static bool declared(const char *name)
{
	char *pat = xasprintf(
	    /* untranslated: RELAX NG */ "<element name=\"%s\"", name);
	size_t k = strlen(pat);
	bool found = false;
	for (size_t i = 0; !found && i + k <= schema_case_rng_len; i++)
		found = memcmp(schema_case_rng + i, pat, k) == 0;
	free(pat);
	return found;
}

/* Keeps the undeclared element n as extra content of its parent. */
static void add_stray(struct case_check *cc, xmlNodePtr n)
{
	struct import_schema_msgs *m = cc->msgs;
	size_t before = m->strays.n;
	diag_add(&m->strays, cc->name, xmlGetLineNo(n), (const char *)n->name,
		 _("Element %s has extra content: %s"),
		 (const char *)n->parent->name, (const char *)n->name);
	if (m->strays.n == before)
		return;
	if (m->strays.n > m->cap_stray_parent) {
		m->cap_stray_parent = 2 * m->strays.n;
		m->stray_parent =
		    xrealloc(m->stray_parent,
			     m->cap_stray_parent * sizeof(*m->stray_parent));
	}
	m->stray_parent[before] = xmlGetLineNo(n->parent);
}

static void schema_error(void *arg, xmlErrorPtr e)
{
	struct case_check *cc = arg;
	struct import_schema_msgs *m = cc->msgs;
	if (!e || e->level == XML_ERR_WARNING)
		return;
	bool extra = e->domain == XML_FROM_RELAXNGV &&
		     e->code == XML_RELAXNG_ERR_INTEREXTRA && e->str1;
	if (m->probing) {
		if (extra && strcmp(e->str1, m->probe) == 0)
			m->probe_seen = true;
		return;
	}
	if (e->domain == XML_FROM_RELAXNGV && follow_on(e->code)) {
		import_xml_error_diag(&m->follow, cc->name, e, true);
		xmlNodePtr n = e->node;
		if (n && n->type == XML_ELEMENT_NODE) {
			name_add(&m->failed, &m->n_failed, &m->cap_failed,
				 (const char *)n->name);
			if (!declared((const char *)n->name) && n->parent &&
			    n->parent->type == XML_ELEMENT_NODE)
				add_stray(cc, n);
		}
		return;
	}
	if (extra) {
		name_add(&m->extra, &m->n_extra, &m->cap_extra, e->str1);
		return;
	}
	size_t before = m->faults.n;
	import_xml_error_diag(&m->faults, cc->name, e, true);
	if (m->faults.n == before)
		return;
	if (m->faults.n > m->cap_missing) {
		m->cap_missing = 2 * m->faults.n;
		m->missing =
		    xrealloc(m->missing, m->cap_missing * sizeof(*m->missing));
	}
	m->missing[before] = e->domain == XML_FROM_RELAXNGV &&
				     e->code == XML_RELAXNG_ERR_NOELEM &&
				     e->str1
				 ? xstrdup(e->str1)
				 : NULL;
}

bool case_check_init(struct case_check *cc, const char *name)
{
	memset(cc, 0, sizeof(*cc));
	xmlRelaxNGPtr schema =
	    import_xml_schema(schema_case_rng, schema_case_rng_len);
	if (!schema)
		return false;
	cc->name = name;
	cc->msgs = xcalloc(1, sizeof(*cc->msgs));
	diag_init(&cc->msgs->faults);
	diag_init(&cc->msgs->follow);
	cc->msgs->follow.limit = 1;
	diag_init(&cc->msgs->strays);
	cc->doc = xmlNewDoc((const xmlChar *)"1.0");
	cc->root = xmlNewDocNode(cc->doc, NULL, (const xmlChar *)"cases", NULL);
	cc->vc = xmlRelaxNGNewValidCtxt(schema);
	if (!cc->doc || !cc->root || !cc->vc)
		util_die_nomem();
	xmlSetNs(cc->root, xmlNewNs(cc->root, (const xmlChar *)CASE_NS, NULL));
	xmlDocSetRootElement(cc->doc, cc->root);
	xmlRelaxNGSetValidStructuredErrors(cc->vc, schema_error, cc);
	return true;
}

void case_check_clear(struct case_check *cc)
{
	struct import_schema_msgs *m = cc->msgs;
	if (!m)
		return;
	for (size_t i = 0; i < m->faults.n; i++)
		free(m->missing[i]);
	diag_done(&m->faults);
	diag_done(&m->follow);
	diag_done(&m->strays);
	for (size_t i = 0; i < m->n_extra; i++)
		free(m->extra[i]);
	m->n_extra = 0;
	for (size_t i = 0; i < m->n_failed; i++)
		free(m->failed[i]);
	m->n_failed = 0;
}

/* True when validating the document again still leaves the element
 * m->probe to no interleave. */
static bool still_extra(struct case_check *cc)
{
	struct import_schema_msgs *m = cc->msgs;
	m->probing = true;
	m->probe_seen = false;
	xmlRelaxNGValidateDoc(cc->vc, cc->doc);
	m->probing = false;
	return m->probe_seen;
}

/* The next element after n in document order below top. */
static xmlNodePtr next_element(xmlNodePtr n, xmlNodePtr top)
{
	for (;;) {
		if (n->children)
			n = n->children;
		else {
			while (n != top && !n->next)
				n = n->parent;
			if (n == top)
				return NULL;
			n = n->next;
		}
		if (n->type == XML_ELEMENT_NODE)
			return n;
	}
}

/* True when an element before el among its siblings has its name. */
static bool repeated(const xmlNode *el)
{
	for (const xmlNode *p = el->prev; p; p = p->prev)
		if (p->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(p->name, el->name))
			return true;
	return false;
}

/*
 * An element named what that an interleave of the copy could not take,
 * found and said with its line: an attribute whose removal lets it in
 * (one the schema does not know), else the element's second occurrence
 * among its siblings, else its first occurrence with libxml2's words.
 * Runs only for an invalid case.
 */
static void locate_extra(struct case_check *cc, xmlNodePtr copy,
			 const char *what, struct diag *d)
{
	struct import_schema_msgs *m = cc->msgs;
	xmlNodePtr first = NULL, twice = NULL;
	m->probe = what;
	for (xmlNodePtr el = copy; el; el = next_element(el, copy)) {
		if (el->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)el->name, what) != 0)
			continue;
		if (!first)
			first = el;
		if (!twice && repeated(el))
			twice = el;
		for (xmlAttrPtr a = el->properties; a; a = a->next) {
			xmlUnlinkNode((xmlNodePtr)a);
			bool still = still_extra(cc);
			/* back at the end of the list: the order of
			 * attributes does not matter to the schema */
			xmlAddChild(el, (xmlNodePtr)a);
			if (!still) {
				diag_add(d, cc->name, xmlGetLineNo(el), what,
					 _("Invalid attribute %s for element "
					   "%s"),
					 (const char *)a->name, what);
				return;
			}
		}
	}
	if (twice)
		diag_add(d, cc->name, xmlGetLineNo(twice), what,
			 _("given more than once; only one is allowed"));
	else
		diag_add(d, cc->name, first ? xmlGetLineNo(first) : 0, what,
			 _("Extra element %s in interleave"), what);
}

bool case_check_run(struct case_check *cc, xmlNodePtr cn)
{
	case_check_clear(cc);
	xmlNodePtr copy = xmlDocCopyNode(cn, cc->doc, 1);
	if (!copy)
		util_die_nomem();
	xmlAddChild(cc->root, copy);
	int rc = xmlRelaxNGValidateDoc(cc->vc, cc->doc);
	struct import_schema_msgs *m = cc->msgs;
	cc->line = xmlGetLineNo(cn);
	if (rc != 0 && m->n_extra) {
		/* the extra elements become faults of their own */
		size_t n_extra = m->n_extra;
		m->n_extra = 0;
		for (size_t i = 0; i < n_extra; i++) {
			/* said already: a fault at it, or below it (a
			 * follow-on message named it) */
			bool named =
			    name_in(m->failed, m->n_failed, m->extra[i]);
			for (size_t k = 0; k < m->faults.n && !named; k++)
				named = m->faults.items[k].field &&
					strcmp(m->faults.items[k].field,
					       m->extra[i]) == 0;
			size_t before = m->faults.n;
			if (!named)
				locate_extra(cc, copy, m->extra[i], &m->faults);
			if (m->faults.n > m->cap_missing) {
				m->cap_missing = 2 * m->faults.n;
				m->missing = xrealloc(m->missing,
						      m->cap_missing *
							  sizeof(*m->missing));
			}
			for (size_t k = before; k < m->faults.n; k++)
				m->missing[k] = NULL;
			free(m->extra[i]);
		}
	}
	xmlUnlinkNode(copy);
	xmlFreeNode(copy);
	return rc == 0;
}

/* True when the walk reported the element name missing at line. */
static bool walk_said_missing(const struct diag *d, size_t from, long line,
			      const char *name)
{
	size_t len = strlen(name);
	for (size_t i = from; i < d->n; i++) {
		const struct diag_item *it = &d->items[i];
		if (it->line != line || !it->field)
			continue;
		size_t fl = strlen(it->field);
		if (fl > len && it->field[fl - len - 1] == '/' &&
		    strcmp(it->field + fl - len, name) == 0)
			return true;
	}
	return false;
}

void case_check_report(struct case_check *cc, struct diag *d, size_t walk_from)
{
	struct import_schema_msgs *m = cc->msgs;
	if (!m)
		return;
	size_t walk_to = d->n;
	bool any = m->strays.n > 0;
	for (size_t i = 0; i < m->strays.n; i++) {
		const struct diag_item *it = &m->strays.items[i];
		bool said = false;
		for (size_t k = 0; k < m->faults.n && !said; k++)
			said = m->faults.items[k].line == it->line &&
			       m->faults.items[k].field && it->field &&
			       strcmp(m->faults.items[k].field, it->field) == 0;
		if (!said)
			diag_add(d, it->file, it->line, it->field, "%s",
				 it->message);
	}
	for (size_t i = 0; i < m->faults.n; i++) {
		const struct diag_item *it = &m->faults.items[i];
		any = true;
		if (m->missing[i] &&
		    walk_said_missing(d, walk_from, it->line, m->missing[i]))
			continue;
		/* an element "missing" where an undeclared one stood in
		 * the way is not missing */
		bool derailed = false;
		for (size_t k = 0; m->missing[i] && k < m->strays.n; k++)
			derailed = derailed || m->stray_parent[k] == it->line;
		if (derailed)
			continue;
		diag_add(d, it->file, it->line, it->field, "%s", it->message);
	}
	if (!any && walk_to == walk_from) {
		/* nothing but follow-on messages: the deepest stands for
		 * the fault (never nothing: the case is invalid) */
		const struct diag_item *it =
		    m->follow.n ? &m->follow.items[0] : NULL;
		if (it)
			diag_add(d, it->file, it->line, it->field, "%s",
				 it->message);
		else
			diag_add(d, cc->name, cc->line, "case",
				 _("not as the schema says: %s"), "case");
	}
	case_check_clear(cc);
}

void case_check_done(struct case_check *cc)
{
	case_check_clear(cc);
	if (cc->msgs) {
		free(cc->msgs->missing);
		free(cc->msgs->extra);
		free(cc->msgs->failed);
		free(cc->msgs->stray_parent);
		free(cc->msgs);
	}
	if (cc->vc)
		xmlRelaxNGFreeValidCtxt(cc->vc);
	if (cc->doc)
		xmlFreeDoc(cc->doc);
	memset(cc, 0, sizeof(*cc));
}

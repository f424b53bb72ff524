#include "fhir_package.h"

#include <stdlib.h>
#include <string.h>

#include "fhir.h"
#include "fhir_in.h"
#include "fhir_out.h"
#include "import_xml.h"
#include "i18n.h"
#include "util.h"

/* ---- reading the fields from the FHIR tree (fhir_in.h) ---- */

static struct fnode *kid(const struct fnode *n, const char *name)
{
	for (struct fnode *c = n ? n->first : NULL; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static struct fnode *next_kid(const struct fnode *c, const char *name)
{
	for (c = c ? c->next : NULL; c; c = c->next)
		if (strcmp(c->name, name) == 0)
			return (struct fnode *)c;
	return NULL;
}

/* The primitive value of n's child name; NULL when there is none. */
static const char *val(const struct fnode *n, const char *name)
{
	const struct fnode *c = kid(n, name);
	return c ? c->value : NULL;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? xstrdup(s) : NULL;
}

/* The resource of an entry (the one child of its "resource"), or NULL. */
static struct fnode *entry_resource(const struct fnode *entry)
{
	const struct fnode *r = kid(entry, "resource");
	return r ? r->first : NULL;
}

/* The first resource of this type in the Bundle; *second gets the next
 * one of the type when second is not NULL (NULL when there is none). */
static struct fnode *resource(const struct fnode *bundle, const char *type,
			      struct fnode **second)
{
	struct fnode *first = NULL;
	if (second)
		*second = NULL;
	for (struct fnode *e = kid(bundle, "entry"); e;
	     e = next_kid(e, "entry")) {
		struct fnode *r = entry_resource(e);
		if (!r || strcmp(r->name, type) != 0)
			continue;
		if (!first) {
			first = r;
			if (!second)
				break;
		} else {
			*second = r;
			break;
		}
	}
	return first;
}

/* The node value_key of the first repetition of list under n whose child
 * match_key has the value match; NULL when none has. */
static struct fnode *find(const struct fnode *n, const char *list,
			  const char *match_key, const char *match,
			  const char *value_key)
{
	for (struct fnode *e = kid(n, list); e; e = next_kid(e, list)) {
		const char *m = val(e, match_key);
		struct fnode *v = kid(e, value_key);
		if (m && strcmp(m, match) == 0 && v)
			return v;
	}
	return NULL;
}

/* As find, the value; *at gets the repetition it stands in (NULL when
 * none), what routing the package reads of the file. */
static const char *find_value(const struct fnode *n, const char *list,
			      const char *match_key, const char *match,
			      const char *value_key, struct fnode **at)
{
	struct fnode *v = find(n, list, match_key, match, value_key);
	*at = v ? v->parent : NULL;
	return v ? v->value : NULL;
}

/*
 * The case a package is about: the value of the ServiceRequest's
 * identifier in urn:x-tumorboard:case-id. The one rule, the same as the
 * reader of the case (fhir_in_case.c): a package names one case, so a
 * second ServiceRequest, or a second case id that differs from the first,
 * is refused where it stands.
 */
static bool read_case_id(const char *name, const struct fnode *root,
			 struct fhir_package *p, struct diag *d)
{
	struct fnode *sr2 = NULL;
	struct fnode *sr = resource(root, "ServiceRequest", &sr2);
	bool ok = true;
	if (sr2) {
		diag_add(d, name, sr2->line, "ServiceRequest",
			 _("a second ServiceRequest: a package is about one "
			   "case"));
		ok = false;
	}
	for (struct fnode *e = kid(sr, "identifier"); e;
	     e = next_kid(e, "identifier")) {
		const char *sys = val(e, "system");
		struct fnode *v = kid(e, "value");
		if (!sys || strcmp(sys, FHIR_SYS_TB_CASE) != 0 || !v ||
		    !v->value || !*v->value)
			continue;
		if (!p->case_id) {
			p->case_id = xstrdup(v->value);
			p->case_id_line = v->line;
		} else if (strcmp(p->case_id, v->value) != 0) {
			diag_add(d, name, v->line, "ServiceRequest.identifier",
				 _("a second case id (system %s) that differs "
				   "from the first (line %ld): a package is "
				   "about one case"),
				 FHIR_SYS_TB_CASE, p->case_id_line);
			ok = false;
		}
	}
	if (!p->case_id_line)
		p->case_id_line = sr ? sr->line : root->line;
	return ok;
}

/* Where the routing fields stand in the tree: marked read (fhir_in.h)
 * for the kind of package that uses them, so that the import of a
 * referral's case from the same tree lists them as read. */
struct read_at {
	struct fnode *tag, *from, *to, *decision, *signed_at, *recommendation,
	    *intent;
};

static void read_fields(const struct fnode *root, struct fhir_package *p,
			long *lines, struct read_at *at)
{
	p->sent = dup_or_null(val(root, "timestamp"));
	p->tag = dup_or_null(find_value(kid(root, "meta"), "tag", "system",
					FHIR_SYS_TB_TAG, "code", &at->tag));
	struct fnode *sr = resource(root, "ServiceRequest", NULL);
	p->from = dup_or_null(find_value(sr, "extension", "url",
					 FHIR_EXT_TB_REFERRAL_FROM,
					 "valueString", &at->from));
	p->to = dup_or_null(find_value(sr, "extension", "url",
				       FHIR_EXT_TB_REFERRAL_TO, "valueString",
				       &at->to));
	struct fnode *cp = resource(root, "CarePlan", NULL);
	p->decision = dup_or_null(find_value(cp, "identifier", "system",
					     FHIR_SYS_TB_DECISION, "value",
					     &at->decision));
	struct fnode *comp = resource(root, "Composition", NULL);
	p->signed_at = dup_or_null(val(comp, "date"));
	at->signed_at = kid(comp, "date");
	struct fnode *code = kid(kid(kid(cp, "activity"), "detail"), "code");
	p->recommendation =
	    dup_or_null(find_value(code, "coding", "system", FHIR_SYS_TB_OPTION,
				   "code", &at->recommendation));
	for (struct fnode *e = kid(cp, "extension"); e;
	     e = next_kid(e, "extension")) {
		const char *url = val(e, "url");
		if (!url || strcmp(url, FHIR_EXT_TB_INTENT) != 0)
			continue;
		struct fnode *cc = kid(e, "valueCodeableConcept");
		struct fnode *coding;
		free(p->intent);
		p->intent = dup_or_null(find_value(cc, "coding", "system",
						   FHIR_SYS_TB_OPTION, "code",
						   &coding));
		at->intent = coding ? e : NULL;
	}
	/* where each one stands, for messages */
	lines[0] = root->line;
	lines[1] = sr ? sr->line : root->line;
	lines[2] = cp ? cp->line : root->line;
	lines[3] = comp ? comp->line : root->line;
}

/* What routing reads of a package of its kind is marked read: a
 * referral's kind and boards (refer --receive keeps them as the case's
 * origin; the case id the reader of the case reads itself), an answer's
 * kind, the board that answers and the decision. */
static void mark_read(const struct fhir_package *p, const struct read_at *at)
{
	if (!p->tag)
		return;
	bool answer = strcmp(p->tag, FHIR_TAG_ANSWER) == 0;
	if (!answer && strcmp(p->tag, FHIR_TAG_REFERRAL) != 0)
		return;
	fhir_in_use_all(at->tag);
	fhir_in_use_all(at->to);
	if (!answer) {
		fhir_in_use_all(at->from);
		return;
	}
	fhir_in_use_all(at->decision);
	fhir_in_use_all(at->signed_at);
	fhir_in_use_all(at->recommendation);
	fhir_in_use_all(at->intent);
}

enum tb_status fhir_package_read(const char *name, const char *buf, size_t n,
				 struct fhir_package *out, struct diag *d)
{
	memset(out, 0, sizeof(*out));
	enum fhir_format fmt = fhir_in_detect(buf, n);
	if (fmt == FHIR_FORMAT_NONE) {
		diag_add(d, name, 0, NULL,
			 _("not FHIR (neither JSON nor XML in the FHIR "
			   "namespace)"));
		return TB_INVALID;
	}
	out->xml = fmt == FHIR_FORMAT_XML;
	struct fnode *root = fhir_tree_parse(name, buf, n, fmt, d);
	if (!root)
		return TB_INVALID;
	out->tree = root;
	if (strcmp(root->name, "Bundle") != 0) {
		diag_add(d, name, root->line, "resourceType",
			 _("a package is a FHIR Bundle"));
		return TB_INVALID;
	}
	enum tb_status st = TB_OK;
	long at[4];
	struct read_at read = {0};
	read_fields(root, out, at, &read);
	mark_read(out, &read);
	if (!read_case_id(name, root, out, d))
		st = TB_INVALID;
	/* these are shown and stored: one line of text each */
	const struct {
		const char *element, *value;
		long line;
	} f[] = {{"Bundle.meta.tag", out->tag, at[0]},
		 {"Bundle.timestamp", out->sent, at[0]},
		 {"ServiceRequest.identifier", out->case_id, out->case_id_line},
		 {"ServiceRequest.extension", out->from, at[1]},
		 {"ServiceRequest.extension", out->to, at[1]},
		 {"CarePlan.identifier", out->decision, at[2]},
		 {"Composition.date", out->signed_at, at[3]},
		 {"CarePlan.activity", out->recommendation, at[2]},
		 {"CarePlan.extension", out->intent, at[2]}};
	for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++) {
		const char *why = NULL;
		if (f[k].value && !util_text_check(f[k].value, false, &why)) {
			diag_add(d, name, f[k].line, f[k].element, "%s", why);
			st = TB_INVALID;
		}
	}
	if (!out->tag) {
		diag_add(d, name, at[0], "Bundle.meta.tag",
			 _("no %s tag: not a package between boards"),
			 FHIR_SYS_TB_TAG);
		st = TB_INVALID;
	}
	if (!out->case_id) {
		diag_add(d, name, at[1], "ServiceRequest.identifier",
			 _("no case id (system %s)"), FHIR_SYS_TB_CASE);
		st = TB_INVALID;
	}
	if (out->tag && strcmp(out->tag, FHIR_TAG_ANSWER) == 0 &&
	    (!out->decision || !out->signed_at)) {
		diag_add(d, name, !out->decision ? at[2] : at[3],
			 !out->decision ? "CarePlan.identifier"
					: "Composition.date",
			 _("an answer names its signed decision"));
		st = TB_INVALID;
	}
	return st;
}

enum tb_status fhir_package_load(const char *path, size_t max, char **buf,
				 size_t *n, struct fhir_package *out,
				 struct diag *d)
{
	memset(out, 0, sizeof(*out));
	enum tb_status st = import_xml_read(path, max, buf, n, d);
	if (st == TB_OK)
		st = fhir_package_read(path, *buf, *n, out, d);
	return st;
}

void fhir_package_done(struct fhir_package *p)
{
	free(p->tag);
	free(p->case_id);
	free(p->from);
	free(p->to);
	free(p->sent);
	free(p->decision);
	free(p->signed_at);
	free(p->recommendation);
	free(p->intent);
	fhir_tree_free(&p->tree);
	memset(p, 0, sizeof(*p));
}

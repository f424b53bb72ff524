#include "import_boards.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "i18n.h"
#include "import_xml.h"
#include "schemas.h"
#include "util.h"

#define BOARDS_NS	 /* untranslated: a URI */ "urn:x-tumorboard:boards:1"
#define BOARDS_MAX_BYTES (1024 * 1024)

static bool is_el(const xmlNode *n, const char *name)
{
	return import_xml_is(n, BOARDS_NS, name);
}

#define prop	import_xml_prop
#define content import_xml_text

/* Splits words separated by spaces into a new list. */
static void split(const char *text, char ***list, size_t *n)
{
	char *copy = xstrdup(text);
	for (char *t = strtok(copy, " \t\r\n"); t;
	     t = strtok(NULL, " \t\r\n")) {
		*list = xrealloc(*list, (*n + 1) * sizeof(char *));
		(*list)[(*n)++] = xstrdup(t);
	}
	free(copy);
}

static void map_board(const xmlNode *bn, struct board *b)
{
	char *minutes = prop(bn, "minutes-per-case");
	b->id = prop(bn, "id");
	b->name = prop(bn, "name");
	b->name_en = prop(bn, "name-en");
	b->minutes_per_case = minutes ? atoi(minutes) : 0;
	free(minutes);
	char *target = prop(bn, "target-days");
	b->target_days = target ? atoi(target) : 0;
	free(target);
	for (const xmlNode *c = bn->children; c; c = c->next) {
		if (is_el(c, "diagnoses")) {
			char *t = content(c);
			split(t, &b->diagnoses, &b->n_diagnoses);
			free(t);
		} else if (is_el(c, "core-role")) {
			b->core_roles =
			    xrealloc(b->core_roles,
				     (b->n_core_roles + 1) * sizeof(char *));
			b->core_roles[b->n_core_roles++] = content(c);
		} else if (is_el(c, "role")) {
			b->roles = xrealloc(b->roles,
					    (b->n_roles + 1) * sizeof(char *));
			b->roles[b->n_roles++] = content(c);
		} else if (is_el(c, "ready")) {
			struct board_ready *r = &b->ready;
			for (const xmlNode *k = c->children; k; k = k->next) {
				if (is_el(k, "question"))
					r->question = true;
				else if (is_el(k, "level-reason"))
					r->level_reason = true;
				else if (is_el(k, "pathology"))
					r->pathology = true;
				else if (is_el(k, "ecog"))
					r->ecog = true;
				else if (is_el(k, "imaging")) {
					char *d = prop(k, "max-age-days");
					r->imaging_max_days = d ? atoi(d) : 0;
					free(d);
				} else if (is_el(k, "molecular")) {
					char *st = prop(k, "stages");
					r->molecular = true;
					if (st)
						split(st, &r->molecular_stages,
						      &r->n_molecular_stages);
					free(st);
				}
			}
		}
	}
}

static enum tb_status parse(const char *name, const char *buf, size_t n,
			    struct boards *out, struct diag *d)
{
	size_t before = d->n + d->dropped;
	xmlDocPtr doc =
	    import_xml_parse(name, buf, n, schema_boards_rng,
			     schema_boards_rng_len, _("the boards schema"), d);
	if (!doc)
		return TB_INVALID;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	out->version = prop(root, "version");
	for (xmlNodePtr bn = root->children; bn; bn = bn->next) {
		if (!is_el(bn, "board"))
			continue;
		out->b = xrealloc(out->b, (out->n + 1) * sizeof(*out->b));
		struct board *b = &out->b[out->n++];
		memset(b, 0, sizeof(*b));
		map_board(bn, b);
		/* a role is named once, core or not: attendance picks it */
		for (size_t i = 0; i < b->n_core_roles + b->n_roles; i++) {
			const char *r = board_role_at(b, i);
			bool core;
			const char *first = board_role(b, r, &core);
			if (first != r)
				diag_add(
				    d, name, xmlGetLineNo(bn), "board/role",
				    _("board '%s' names the role '%s' twice"),
				    b->id, r);
		}
		for (size_t i = 0; i + 1 < out->n; i++)
			if (strcmp(out->b[i].id, b->id) == 0)
				diag_add(d, name, xmlGetLineNo(bn), "board/@id",
					 _("board id '%s' is used twice"),
					 b->id);
	}
	xmlFreeDoc(doc);
	if (d->n + d->dropped != before) {
		boards_done(out);
		return TB_INVALID;
	}
	return TB_OK;
}

enum tb_status import_boards_parse(const char *name, const char *buf, size_t n,
				   struct boards *out, struct diag *d)
{
	memset(out, 0, sizeof(*out));
	return parse(name, buf, n, out, d);
}

enum tb_status import_boards_read(const char *path, struct boards *out,
				  struct diag *d)
{
	memset(out, 0, sizeof(*out));
	FILE *f = fopen(path, "rb");
	if (!f) {
		diag_add(d, path, 0, NULL, _("cannot read: %s"),
			 strerror(errno));
		return TB_IO;
	}
	char *buf = xmalloc(BOARDS_MAX_BYTES + 1);
	size_t n = fread(buf, 1, BOARDS_MAX_BYTES + 1, f);
	bool err = ferror(f);
	fclose(f);
	enum tb_status st;
	if (err) {
		diag_add(d, path, 0, NULL, _("read error"));
		st = TB_IO;
	} else if (n > BOARDS_MAX_BYTES) {
		diag_add(d, path, 0, NULL, _("file is larger than 1 MiB"));
		st = TB_INVALID;
	} else {
		st = parse(path, buf, n, out, d);
		if (st == TB_OK)
			out->source = xstrdup(path);
	}
	free(buf);
	return st;
}

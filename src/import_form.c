#include "import_form.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "glossary.h"
#include "i18n.h"
#include "import_xml.h"
#include "schemas.h"
#include "util.h"

#define FORM_NS	       /* untranslated: a URI */ "urn:x-tumorboard:form:1"
#define FORM_MAX_BYTES (1024 * 1024)

/* The roles every form records (PRODUCT: the record of the judgement). */
static const char *const required_roles[] = {
    "recommendation", "intent",		"alternatives",	   "responsible",
    "contact-nurse",  "follow-up-date", "follow-up-owner", NULL};

static bool is_el(const xmlNode *n, const char *name)
{
	return import_xml_is(n, FORM_NS, name);
}

/* Adds a <title>/<label>/<help>/<plain> element's text to t. */
static void add_text(const xmlNode *n, struct form_text *t)
{
	char *lang = import_xml_lang(n);
	char *text = import_xml_text(n);
	form_text_add(t, lang ? lang : "sv", text);
	free(lang);
	free(text);
}

static void split_words(const char *s, char ***list, size_t *n)
{
	char *copy = xstrdup(s);
	for (char *save = NULL, *t = strtok_r(copy, " \t\r\n", &save); t;
	     t = strtok_r(NULL, " \t\r\n", &save)) {
		*list = xrealloc(*list, (*n + 1) * sizeof(char *));
		(*list)[(*n)++] = xstrdup(t);
	}
	free(copy);
}

static void map_option(const xmlNode *on, struct form_option *o)
{
	o->value = import_xml_prop(on, "value");
	o->icdo3 = import_xml_prop(on, "icdo3");
	for (const xmlNode *c = on->children; c; c = c->next)
		if (is_el(c, "label"))
			add_text(c, &o->label);
		else if (is_el(c, "plain"))
			add_text(c, &o->plain);
}

static void map_field(const xmlNode *fn, struct form_field *fd)
{
	char *s;
	fd->line = xmlGetLineNo(fn);
	fd->id = import_xml_prop(fn, "id");
	s = import_xml_prop(fn, "type");
	if (!s || !form_type_parse(s, &fd->type))
		fd->type = FT_TEXT; /* the schema allows no other */
	free(s);
	s = import_xml_prop(fn, "required");
	fd->required = s && strcmp(s, "yes") == 0;
	free(s);
	s = import_xml_prop(fn, "patient");
	fd->patient = s && strcmp(s, "yes") == 0;
	free(s);
	fd->role = import_xml_prop(fn, "role");
	fd->prefill = import_xml_prop(fn, "prefill");
	s = import_xml_prop(fn, "patients");
	fd->patients = !s			    ? FORM_PATIENTS_ALL
		       : strcmp(s, "children") == 0 ? FORM_PATIENTS_CHILDREN
						    : FORM_PATIENTS_ADULTS;
	free(s);
	s = import_xml_prop(fn, "step");
	fd->step = s ? strtod(s, NULL) : 0;
	free(s);
	s = import_xml_prop(fn, "min");
	fd->min = s ? strtod(s, NULL) : 0;
	free(s);
	s = import_xml_prop(fn, "max");
	fd->max = s ? strtod(s, NULL) : 0;
	free(s);
	fd->unit = import_xml_prop(fn, "unit");
	fd->range = import_xml_prop(fn, "range");
	s = import_xml_prop(fn, "lines");
	fd->lines = s ? atoi(s) : 1;
	free(s);
	s = import_xml_prop(fn, "max-length");
	fd->max_length = s ? atoi(s) : 0;
	free(s);
	fd->system = import_xml_prop(fn, "system");
	fd->options_from = import_xml_prop(fn, "options-from");
	for (const xmlNode *c = fn->children; c; c = c->next) {
		if (is_el(c, "label"))
			add_text(c, &fd->label);
		else if (is_el(c, "help"))
			add_text(c, &fd->help);
		else if (is_el(c, "plain"))
			add_text(c, &fd->plain);
		else if (is_el(c, "guideline"))
			fd->guideline = import_xml_text(c);
		else if (is_el(c, "show-if")) {
			fd->show_field = import_xml_prop(c, "field");
			s = import_xml_prop(c, "values");
			if (s)
				split_words(s, &fd->show_values,
					    &fd->n_show_values);
			free(s);
		} else if (is_el(c, "option")) {
			fd->options =
			    xrealloc(fd->options, (fd->n_options + 1) *
						      sizeof(*fd->options));
			struct form_option *o = &fd->options[fd->n_options++];
			memset(o, 0, sizeof(*o));
			map_option(c, o);
		}
	}
}

static bool has_lang(const struct form_text *t, const char *lang)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->lang[i], lang) == 0)
			return true;
	return false;
}

/* The rules the schema cannot express. */
static void check_form(const char *name, const struct form *f, struct diag *d)
{
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		long ln = fd->line;
		size_t j;
		for (j = 0; j < i; j++)
			if (strcmp(f->fields[j].id, fd->id) == 0)
				diag_add(d, name, ln, fd->id,
					 _("field id is used twice"));
		for (size_t a = 0; a < fd->n_options; a++)
			for (size_t b = 0; b < a; b++)
				if (strcmp(fd->options[a].value,
					   fd->options[b].value) == 0)
					diag_add(
					    d, name, ln, fd->id,
					    _("option '%s' is listed twice"),
					    fd->options[a].value);
		if (fd->type == FT_NUMBER && fd->min > fd->max)
			diag_add(d, name, ln, fd->id, _("min is above max"));
		if (fd->type == FT_YESNO)
			for (size_t a = 0; a < fd->n_options; a++)
				if (strcmp(fd->options[a].value, "yes") != 0 &&
				    strcmp(fd->options[a].value, "no") != 0)
					diag_add(
					    d, name, ln, fd->id,
					    _("a yes/no field has only the "
					      "options yes and no"));
		if (fd->show_field) {
			size_t k;
			const struct form_field *dep =
			    form_field(f, fd->show_field, &k);
			if (!dep || k >= i)
				diag_add(
				    d, name, ln, fd->id,
				    _("show-if names '%s', which is not an "
				      "earlier field"),
				    fd->show_field);
			else if (dep->type != FT_CHOICE &&
				 dep->type != FT_MULTI && dep->type != FT_YESNO)
				diag_add(d, name, ln, fd->id,
					 _("show-if names '%s', which is not a "
					   "choice, multi or yesno field"),
					 fd->show_field);
			else
				for (size_t v = 0; v < fd->n_show_values; v++) {
					const char *w = fd->show_values[v];
					bool ok = form_option(dep, w) ||
						  (dep->type == FT_YESNO &&
						   (strcmp(w, "yes") == 0 ||
						    strcmp(w, "no") == 0));
					if (!ok)
						diag_add(
						    d, name, ln, fd->id,
						    _("show-if value '%s' "
						      "is not an option of "
						      "'%s'"),
						    w, dep->id);
				}
		}
		if (fd->type == FT_ALTERNATIVES) {
			const struct form_field *src =
			    form_field(f, fd->options_from, NULL);
			if (!src || src->type != FT_CHOICE)
				diag_add(d, name, ln, fd->id,
					 _("options-from names '%s', which is "
					   "not a choice field"),
					 fd->options_from);
		}
		if (!fd->patient)
			continue;
		static const char *const langs[] = {"sv", "en"};
		for (size_t l = 0; l < 2; l++) {
			if (!has_lang(&fd->plain, langs[l]))
				diag_add(d, name, ln, fd->id,
					 _("patient-visible field has no "
					   "<plain xml:lang=\"%s\"> wording"),
					 langs[l]);
			for (size_t a = 0; a < fd->n_options; a++)
				if (!has_lang(&fd->options[a].plain, langs[l]))
					diag_add(
					    d, name, ln, fd->id,
					    _("option '%s' of a "
					      "patient-visible field has no "
					      "<plain xml:lang=\"%s\"> "
					      "wording"),
					    fd->options[a].value, langs[l]);
		}
	}
	for (size_t r = 0; required_roles[r]; r++)
		if (!form_field_by_role(f, required_roles[r]))
			diag_add(
			    d, name, 0, "form",
			    _("no field has the role '%s', which every form "
			      "records"),
			    required_roles[r]);
	const struct form_field *rec = form_field_by_role(f, "recommendation");
	if (rec && rec->type != FT_CHOICE)
		diag_add(d, name, rec->line, rec->id,
			 _("the recommendation must be a choice field"));
}

enum tb_status import_form_parse(const char *name, const char *buf, size_t n,
				 struct form **out, struct diag *d)
{
	size_t before = d->n + d->dropped;
	*out = NULL;
	xmlDocPtr doc =
	    import_xml_parse(name, buf, n, schema_form_rng, schema_form_rng_len,
			     _("the forms schema"), d);
	if (!doc)
		return TB_INVALID;
	struct form *f = xcalloc(1, sizeof(*f));
	xmlNodePtr root = xmlDocGetRootElement(doc);
	f->id = import_xml_prop(root, "id");
	f->version = import_xml_prop(root, "version");
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (is_el(c, "title"))
			add_text(c, &f->title);
		else if (is_el(c, "help"))
			add_text(c, &f->help);
		else if (!is_el(c, "section"))
			continue;
		f->sections = xrealloc(f->sections, (f->n_sections + 1) *
							sizeof(*f->sections));
		struct form_section *s = &f->sections[f->n_sections++];
		memset(s, 0, sizeof(*s));
		s->id = import_xml_prop(c, "id");
		s->first = f->n_fields;
		for (xmlNodePtr k = c->children; k; k = k->next) {
			if (is_el(k, "title"))
				add_text(k, &s->title);
			if (!is_el(k, "field"))
				continue;
			f->fields = xrealloc(f->fields, (f->n_fields + 1) *
							    sizeof(*f->fields));
			struct form_field *fd = &f->fields[f->n_fields++];
			memset(fd, 0, sizeof(*fd));
			map_field(k, fd);
			s->n++;
		}
	}
	xmlFreeDoc(doc);
	check_form(name, f, d);
	if (d->n + d->dropped != before) {
		form_free(&f);
		return TB_INVALID;
	}
	*out = f;
	return TB_OK;
}

enum tb_status import_form_file(const char *path, struct form **out,
				struct diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	*out = NULL;
	enum tb_status st =
	    import_xml_read(path, FORM_MAX_BYTES, &buf, &len, d);
	if (st == TB_OK) {
		st = import_form_parse(path, buf, len, out, d);
		if (st == TB_OK)
			(*out)->source = xstrdup(path);
	}
	free(buf);
	return st;
}

/* Keeps f among the earlier versions; one of the same id and version
 * already there stays. */
static void set_put_earlier(struct form_set *fs, struct form *f)
{
	if (form_set_version(fs, f->id, f->version)) {
		form_free(&f);
		return;
	}
	fs->earlier =
	    xrealloc(fs->earlier, (fs->n_earlier + 1) * sizeof(*fs->earlier));
	fs->earlier[fs->n_earlier++] = f;
}

/* Puts f into the set, replacing a form with the same id; the replaced
 * one is kept as an earlier version when its version differs (drafts and
 * decisions made with it still read). */
static void set_put(struct form_set *fs, struct form *f)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->f[i]->id, f->id) == 0) {
			struct form *old = fs->f[i];
			fs->f[i] = f;
			if (strcmp(old->version, f->version) != 0)
				set_put_earlier(fs, old);
			else
				form_free(&old);
			return;
		}
	fs->f = xrealloc(fs->f, (fs->n + 1) * sizeof(*fs->f));
	fs->f[fs->n++] = f;
}

/* Whether a shipped file is the form in use (ID.xml), not an earlier
 * version of it (forms/earlier/ID-VERSION.xml). */
static bool builtin_current(const char *name, const struct form *f)
{
	size_t len = strlen(f->id);
	return strncmp(name, f->id, len) == 0 &&
	       strcmp(name + len, ".xml") == 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum tb_status import_form_load_all(const char *dir, struct form_set *out,
				    struct diag *d)
{
	enum tb_status st = TB_OK;
	memset(out, 0, sizeof(*out));
	for (const struct embedded_file *e = data_forms; e->name; e++) {
		struct form *f = NULL;
		char *name = xasprintf(_("built-in %s"), e->name);
		if (import_form_parse(name, (const char *)e->data, e->len, &f,
				      d) == TB_OK) {
			f->source = xstrdup("built-in");
			if (builtin_current(e->name, f))
				set_put(out, f);
			else
				set_put_earlier(out, f);
		} else
			st = TB_INVALID;
		free(name);
	}
	DIR *dp = dir ? opendir(dir) : NULL;
	if (!dp) {
		if (dir && errno != ENOENT) {
			diag_add(d, dir, 0, NULL,
				 _("cannot read the directory"));
			st = TB_IO;
		}
		return st;
	}
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *de; (de = readdir(dp));) {
		size_t len = strlen(de->d_name);
		/* summary.xml holds the summary wording, not a form */
		if (len > 4 && strcmp(de->d_name + len - 4, ".xml") == 0 &&
		    de->d_name[0] != '.' &&
		    strcmp(de->d_name, "summary.xml") != 0) {
			names = xrealloc(names, (n + 1) * sizeof(char *));
			names[n++] = xstrdup(de->d_name);
		}
	}
	closedir(dp);
	qsort(names, n, sizeof(char *), cmp_names);
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		struct form *f = NULL;
		if (import_form_file(path, &f, d) == TB_OK) {
			size_t base = strlen(names[i]) - 4;
			if (strlen(f->id) != base ||
			    strncmp(f->id, names[i], base) != 0) {
				diag_add(
				    d, path, 0, "form/@id",
				    _("the file of form '%s' must be called "
				      "%s.xml"),
				    f->id, f->id);
				form_free(&f);
				st = TB_INVALID;
			} else
				set_put(out, f);
		} else
			st = TB_INVALID;
		free(path);
		free(names[i]);
	}
	free(names);
	return st;
}

#define SUMMARY_NS /* untranslated: a URI */ "urn:x-tumorboard:summary:1"

static enum tb_status parse_phrases(const char *name, const char *buf, size_t n,
				    struct form_phrases *out, struct diag *d)
{
	size_t before = d->n + d->dropped;
	xmlDocPtr doc = import_xml_parse(name, buf, n, schema_summary_rng,
					 schema_summary_rng_len,
					 _("the summary wording schema"), d);
	if (!doc)
		return TB_INVALID;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	out->version = import_xml_prop(root, "version");
	for (xmlNodePtr p = root->children; p; p = p->next) {
		if (!import_xml_is(p, SUMMARY_NS, "phrase"))
			continue;
		char *id = import_xml_prop(p, "id");
		for (size_t i = 0; i < out->n; i++)
			if (strcmp(out->id[i], id) == 0)
				diag_add(d, name, xmlGetLineNo(p), id,
					 _("phrase id is used twice"));
		out->id = xrealloc(out->id, (out->n + 1) * sizeof(char *));
		out->text =
		    xrealloc(out->text, (out->n + 1) * sizeof(*out->text));
		out->id[out->n] = id;
		memset(&out->text[out->n], 0, sizeof(*out->text));
		for (xmlNodePtr t = p->children; t; t = t->next)
			if (import_xml_is(t, SUMMARY_NS, "text"))
				add_text(t, &out->text[out->n]);
		out->n++;
	}
	xmlFreeDoc(doc);
	for (size_t k = 0; form_phrase_ids[k]; k++) {
		size_t i = 0;
		while (i < out->n &&
		       strcmp(out->id[i], form_phrase_ids[k]) != 0)
			i++;
		if (i == out->n) {
			diag_add(d, name, 0, form_phrase_ids[k],
				 _("the phrase is missing"));
			continue;
		}
		if (!has_lang(&out->text[i], "sv") ||
		    !has_lang(&out->text[i], "en"))
			diag_add(d, name, 0, form_phrase_ids[k],
				 _("the phrase needs Swedish and English"));
	}
	if (d->n + d->dropped != before) {
		form_phrases_done(out);
		return TB_INVALID;
	}
	return TB_OK;
}

enum tb_status import_form_phrases_parse(const char *name, const char *buf,
					 size_t n, struct form_phrases *out,
					 struct diag *d)
{
	memset(out, 0, sizeof(*out));
	return parse_phrases(name, buf, n, out, d);
}

static enum tb_status phrases_load(const char *dir, struct form_phrases *out,
				   struct diag *d)
{
	memset(out, 0, sizeof(*out));
	char *path = dir ? xasprintf("%s/summary.xml", dir) : NULL;
	enum tb_status st;
	if (path && access(path, F_OK) == 0) {
		char *buf = NULL;
		size_t len = 0;
		st = import_xml_read(path, FORM_MAX_BYTES, &buf, &len, d);
		if (st == TB_OK)
			st = parse_phrases(path, buf, len, out, d);
		free(buf);
		if (st == TB_OK) {
			out->source = path;
			return TB_OK;
		}
		free(path);
		/* a broken file is reported; the built-in wording is used */
		enum tb_status b = parse_phrases(_("built-in summary.xml"),
						 (const char *)data_summary_xml,
						 data_summary_xml_len, out, d);
		if (b == TB_OK)
			out->source = xstrdup("built-in");
		return st;
	}
	free(path);
	st = parse_phrases(_("built-in summary.xml"),
			   (const char *)data_summary_xml, data_summary_xml_len,
			   out, d);
	if (st == TB_OK)
		out->source = xstrdup("built-in");
	return st;
}

#define GLOSSARY_NS /* untranslated: a URI */ "urn:x-tumorboard:glossary:1"

static enum tb_status parse_glossary(const char *name, const char *buf,
				     size_t n, struct glossary *g,
				     struct diag *d)
{
	size_t before = d->n + d->dropped;
	xmlDocPtr doc = import_xml_parse(name, buf, n, schema_glossary_rng,
					 schema_glossary_rng_len,
					 _("the glossary schema"), d);
	if (!doc)
		return TB_INVALID;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	g->version = import_xml_prop(root, "version");
	for (xmlNodePtr p = root->children; p; p = p->next) {
		bool term = import_xml_is(p, GLOSSARY_NS, "term");
		if (!term && !import_xml_is(p, GLOSSARY_NS, "board"))
			continue;
		char *id = import_xml_prop(p, "id");
		struct form_text *text, *match = NULL;
		if (term) {
			for (size_t i = 0; i < g->n; i++)
				if (strcmp(g->t[i].id, id) == 0)
					diag_add(d, name, xmlGetLineNo(p), id,
						 _("term id is used twice"));
			g->t = xrealloc(g->t, (g->n + 1) * sizeof(*g->t));
			memset(&g->t[g->n], 0, sizeof(*g->t));
			g->t[g->n].id = id;
			text = &g->t[g->n].explain;
			match = &g->t[g->n].match;
			g->n++;
		} else {
			for (size_t i = 0; i < g->n_boards; i++)
				if (strcmp(g->b[i].id, id) == 0)
					diag_add(d, name, xmlGetLineNo(p), id,
						 _("board id is used twice"));
			g->b =
			    xrealloc(g->b, (g->n_boards + 1) * sizeof(*g->b));
			memset(&g->b[g->n_boards], 0, sizeof(*g->b));
			g->b[g->n_boards].id = id;
			text = &g->b[g->n_boards].name;
			g->n_boards++;
		}
		for (xmlNodePtr t = p->children; t; t = t->next) {
			if (import_xml_is(t, GLOSSARY_NS, "text"))
				add_text(t, text);
			else if (match &&
				 import_xml_is(t, GLOSSARY_NS, "match"))
				add_text(t, match);
		}
		if (!has_lang(text, "sv") || !has_lang(text, "en"))
			diag_add(d, name, xmlGetLineNo(p), id,
				 _("needs Swedish and English text"));
	}
	xmlFreeDoc(doc);
	return d->n + d->dropped != before ? TB_INVALID : TB_OK;
}

/* The glossary: the user's glossary.xml when there is one and it loads,
 * else the built-in one. */
static enum tb_status load_glossary(struct form_phrases *out, struct diag *d)
{
	char *path = util_config_path("glossary.xml");
	enum tb_status st = TB_OK;
	if (path && access(path, F_OK) == 0) {
		char *buf = NULL;
		size_t len = 0;
		struct glossary *g = glossary_new();
		st = import_xml_read(path, FORM_MAX_BYTES, &buf, &len, d);
		if (st == TB_OK)
			st = parse_glossary(path, buf, len, g, d);
		free(buf);
		if (st == TB_OK) {
			g->source = path;
			out->glossary = g;
			return TB_OK;
		}
		glossary_free(&g);
	}
	free(path);
	struct glossary *g = glossary_new();
	enum tb_status b = parse_glossary(_("built-in glossary.xml"),
					  (const char *)data_glossary_xml,
					  data_glossary_xml_len, g, d);
	if (b == TB_OK) {
		g->source = xstrdup("built-in");
		out->glossary = g;
	} else
		glossary_free(&g);
	return st != TB_OK ? st : b;
}

enum tb_status import_form_phrases(const char *dir, struct form_phrases *out,
				   struct diag *d)
{
	enum tb_status st = phrases_load(dir, out, d);
	if (out->n) {
		enum tb_status g = load_glossary(out, d);
		if (st == TB_OK)
			st = g;
	}
	return st;
}

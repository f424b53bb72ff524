#include "import_kb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "i18n.h"
#include "import_xml.h"
#include "schemas.h"
#include "util.h"

#define KB_NS	     /* untranslated: a URI */ "urn:x-tumorboard:kb:1"
#define KB_MAX_BYTES (8 * 1024 * 1024)

static bool is_el(const xmlNode *n, const char *name)
{
	return import_xml_is(n, KB_NS, name);
}

static void add_str(char ***list, size_t *n, char *s)
{
	*list = xrealloc(*list, (*n + 1) * sizeof(char *));
	(*list)[(*n)++] = s;
}

static void map_alteration(const xmlNode *an, struct kb_entry *e,
			   const char *name, struct diag *d)
{
	char *kind = import_xml_prop(an, "kind");
	static const struct {
		const char *name;
		enum kb_kind kind;
	} kinds[] = {{"variant", KB_VARIANT},
		     {"codon", KB_CODON},
		     {"range", KB_RANGE},
		     {"mutation", KB_MUTATION},
		     {"splice", KB_SPLICE},
		     {"fusion", KB_FUSION},
		     {"msi-high", KB_MSI_HIGH},
		     {"pathogenic", KB_PATHOGENIC},
		     {"amplification", KB_AMPLIFICATION},
		     {"deletion", KB_DELETION},
		     {"expression", KB_EXPRESSION},
		     {"tmb-high", KB_TMB_HIGH}};
	for (size_t i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].name, kind) == 0)
			e->kind = kinds[i].kind;
	free(kind);
	char *s;
	if ((s = import_xml_prop(an, "protein"))) {
		if (!kb_protein_normalize(s, e->protein))
			diag_add(d, name, xmlGetLineNo(an), e->id,
				 _("the protein change cannot be read"));
		free(s);
	}
	if ((s = import_xml_prop(an, "codon"))) {
		e->codon = atoi(s);
		free(s);
	}
	if ((s = import_xml_prop(an, "from"))) {
		e->from = atoi(s);
		free(s);
	}
	if ((s = import_xml_prop(an, "to"))) {
		e->to = atoi(s);
		free(s);
	}
	if ((s = import_xml_prop(an, "change"))) {
		snprintf(e->change, sizeof(e->change), "%s", s);
		free(s);
	}
	snprintf(e->origin, sizeof(e->origin), "any");
	if ((s = import_xml_prop(an, "origin"))) {
		snprintf(e->origin, sizeof(e->origin), "%s", s);
		free(s);
	}
	if ((s = import_xml_prop(an, "min-copies")) ||
	    (s = import_xml_prop(an, "min"))) {
		e->min = strtod(s, NULL);
		free(s);
	}
	if ((s = import_xml_prop(an, "min-ratio"))) {
		e->min_ratio = strtod(s, NULL);
		free(s);
	}
	if ((s = import_xml_prop(an, "max-copies"))) {
		e->max = strtod(s, NULL);
		free(s);
	}
	if ((s = import_xml_prop(an, "exon"))) {
		e->exon = atoi(s);
		free(s);
	}
	if (e->kind == KB_RANGE && e->from > e->to)
		diag_add(d, name, xmlGetLineNo(an), e->id,
			 _("the range's from is after its to"));
}

/* Whether the element is the Swedish version of the one before it: its
 * own xml:lang="sv" (not one inherited from the root). */
static bool is_swedish(const xmlNode *n)
{
	xmlChar *v =
	    xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	bool sv = v && strcmp((const char *)v, "sv") == 0;
	xmlFree(v);
	return sv;
}

/* The Swedish version of the text just read (the schema puts it right
 * after its English element); a second one for the same text is
 * refused. */
static void set_swedish(char **slot, const xmlNode *c, const char *name,
			const char *id, struct diag *d)
{
	if (*slot) {
		diag_add(d, name, xmlGetLineNo(c), id,
			 _("%s: a second Swedish version of the same text"),
			 (const char *)c->name);
		return;
	}
	*slot = import_xml_text(c);
}

/* The entry's Swedish texts: each follows the English one it gives. */
static void map_entry_sv(const xmlNode *c, struct kb_entry *e, const char *name,
			 struct diag *d)
{
	char **slot = NULL;
	if (is_el(c, "tumour"))
		slot = e->n_icd10 && !e->tumour_sv ? &e->tumour_sv : NULL;
	else if (is_el(c, "therapy") && e->n_therapies)
		slot = &e->therapies[e->n_therapies - 1].name_sv;
	else if (is_el(c, "germline"))
		slot = &e->germline_sv;
	else if (is_el(c, "note"))
		slot = &e->note_sv;
	else if (is_el(c, "unchecked"))
		slot = &e->unchecked_sv;
	/* a later tumour's Swedish: only the first tumour is shown */
	if (slot)
		set_swedish(slot, c, name, e->id, d);
}

static void map_entry(const xmlNode *en, struct kb_entry *e, const char *name,
		      struct diag *d)
{
	e->id = import_xml_prop(en, "id");
	e->line = xmlGetLineNo(en);
	for (const xmlNode *c = en->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && is_swedish(c))
			map_entry_sv(c, e, name, d);
		else if (is_el(c, "gene"))
			e->gene = import_xml_text(c);
		else if (is_el(c, "alteration"))
			map_alteration(c, e, name, d);
		else if (is_el(c, "tumour")) {
			char *codes = import_xml_prop(c, "icd10");
			char *save = NULL;
			for (char *t = strtok_r(codes, " ", &save); t;
			     t = strtok_r(NULL, " ", &save))
				add_str(&e->icd10, &e->n_icd10, xstrdup(t));
			free(codes);
			if (!e->tumour)
				e->tumour = import_xml_text(c);
		} else if (is_el(c, "tier")) {
			char *sys = import_xml_prop(c, "system");
			char *t = import_xml_text(c);
			snprintf(e->tier_system, sizeof(e->tier_system), "%s",
				 sys ? sys : "");
			snprintf(e->tier, sizeof(e->tier), "%s", t);
			free(sys);
			free(t);
		} else if (is_el(c, "therapy")) {
			char *ap = import_xml_prop(c, "approved");
			e->therapies =
			    xrealloc(e->therapies, (e->n_therapies + 1) *
						       sizeof(*e->therapies));
			e->therapies[e->n_therapies].name = import_xml_text(c);
			e->therapies[e->n_therapies].name_sv = NULL;
			e->therapies[e->n_therapies].approved =
			    ap && strcmp(ap, "yes") == 0;
			e->n_therapies++;
			free(ap);
		} else if (is_el(c, "germline"))
			e->germline = import_xml_text(c);
		else if (is_el(c, "note"))
			e->note = import_xml_text(c);
		else if (is_el(c, "unchecked"))
			e->unchecked = import_xml_text(c);
		else if (is_el(c, "cite"))
			add_str(&e->cites, &e->n_cites,
				import_xml_prop(c, "source"));
	}
}

enum tb_status import_kb_parse(const char *name, const char *buf, size_t n,
			       struct kb *out, struct diag *d)
{
	size_t before = d->n + d->dropped;
	memset(out, 0, sizeof(*out));
	xmlDocPtr doc =
	    import_xml_parse(name, buf, n, schema_kb_rng, schema_kb_rng_len,
			     _("the knowledge base schema"), d);
	if (!doc)
		return TB_INVALID;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	out->version = import_xml_prop(root, "version");
	out->reviewed = import_xml_prop(root, "reviewed");
	out->reviewer = import_xml_prop(root, "reviewer");
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (is_el(c, "source") && is_swedish(c) && out->n_sources)
			set_swedish(&out->sources[out->n_sources - 1].text_sv,
				    c, name, NULL, d);
		else if (is_el(c, "source")) {
			out->sources =
			    xrealloc(out->sources, (out->n_sources + 1) *
						       sizeof(*out->sources));
			struct kb_source *s = &out->sources[out->n_sources++];
			s->id = import_xml_prop(c, "id");
			s->text = import_xml_text(c);
			s->text_sv = NULL;
		} else if (is_el(c, "entry")) {
			out->e =
			    xrealloc(out->e, (out->n + 1) * sizeof(*out->e));
			struct kb_entry *e = &out->e[out->n++];
			memset(e, 0, sizeof(*e));
			map_entry(c, e, name, d);
		}
	}
	xmlFreeDoc(doc);
	/* c. descriptions are read through the shipped transcript table */
	kb_transcripts_builtin(d);
	for (size_t i = 0; i < out->n; i++) {
		const struct kb_entry *e = &out->e[i];
		if (e->kind == KB_SPLICE && !e->exon)
			diag_add(d, name, e->line, e->id,
				 _("a splice alteration needs exon="));
		for (size_t j = 0; j < i; j++)
			if (strcmp(out->e[j].id, e->id) == 0)
				diag_add(d, name, e->line, e->id,
					 _("entry id is used twice"));
		for (size_t k = 0; k < e->n_cites; k++)
			if (!kb_source(out, e->cites[k]))
				diag_add(
				    d, name, e->line, e->id,
				    _("cites '%s', which is not a declared "
				      "source"),
				    e->cites[k]);
	}
	if (d->n + d->dropped != before) {
		kb_done(out);
		return TB_INVALID;
	}
	return TB_OK;
}

static enum tb_status load_builtin(struct kb *out, struct diag *d)
{
	enum tb_status st =
	    import_kb_parse(_("built-in kb.xml"), (const char *)data_kb_xml,
			    data_kb_xml_len, out, d);
	if (st == TB_OK)
		out->origin = xstrdup("built-in");
	return st;
}

enum tb_status import_kb_load(struct kb *out, struct diag *d)
{
	char *path = import_kb_default_path();
	memset(out, 0, sizeof(*out));
	if (!path || access(path, F_OK) != 0) {
		free(path);
		return load_builtin(out, d);
	}
	char *buf = NULL;
	size_t len = 0;
	enum tb_status st = import_xml_read(path, KB_MAX_BYTES, &buf, &len, d);
	if (st == TB_OK)
		st = import_kb_parse(path, buf, len, out, d);
	free(buf);
	if (st == TB_OK) {
		out->origin = path;
		return TB_OK;
	}
	free(path);
	load_builtin(out, d);
	return st;
}

enum tb_status import_kb_install(const char *path, char **version_out,
				 struct diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	struct kb kb;
	*version_out = NULL;
	enum tb_status st = import_xml_read(path, KB_MAX_BYTES, &buf, &len, d);
	if (st == TB_OK)
		st = import_kb_parse(path, buf, len, &kb, d);
	if (st != TB_OK) {
		free(buf);
		return st;
	}
	*version_out = xstrdup(kb.version);
	kb_done(&kb);
	char *dest = import_kb_default_path();
	char *tmp = dest ? xasprintf("%s.new", dest) : NULL;
	st = TB_IO;
	if (dest) {
		/* the directory may not exist yet */
		char *dir = xstrdup(dest);
		char *slash = strrchr(dir, '/');
		if (slash) {
			*slash = '\0';
			char *parent = xstrdup(dir);
			char *ps = strrchr(parent, '/');
			if (ps) {
				*ps = '\0';
				mkdir(parent, 0700);
			}
			free(parent);
			mkdir(dir, 0700);
		}
		free(dir);
		/* 0600 whatever the umask, and never through a file or link
		 * left at the temporary name */
		unlink(tmp);
		int fd =
		    open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
		if (fd >= 0 && !f)
			close(fd);
		if (f && fwrite(buf, 1, len, f) == len && fflush(f) == 0 &&
		    fsync(fileno(f)) == 0 && fclose(f) == 0) {
			f = NULL;
			if (rename(tmp, dest) == 0)
				st = TB_OK;
		}
		if (f)
			fclose(f);
		if (st != TB_OK) {
			diag_add(d, dest, 0, NULL, _("cannot write: %s"),
				 strerror(errno));
			unlink(tmp);
		}
	} else
		diag_add(d, path, 0, NULL,
			 _("no place for the knowledge base: set HOME or "
			   "XDG_CONFIG_HOME"));
	free(tmp);
	free(dest);
	free(buf);
	if (st != TB_OK) {
		free(*version_out);
		*version_out = NULL;
	}
	return st;
}

/* ---- the trial registry and the level criteria ---- */

#define TRIALS_NS /* untranslated: a URI */ "urn:x-tumorboard:trials:1"
#define LEVELS_NS /* untranslated: a URI */ "urn:x-tumorboard:levels:1"

static void split_codes(const char *s, char ***list, size_t *n)
{
	char *copy = xstrdup(s ? s : "");
	char *save = NULL;
	for (char *t = strtok_r(copy, " \t\n", &save); t;
	     t = strtok_r(NULL, " \t\n", &save))
		add_str(list, n, xstrdup(t));
	free(copy);
}

static int int_prop(const xmlNode *n, const char *name)
{
	char *s = import_xml_prop(n, name);
	int v = s ? atoi(s) : -1;
	free(s);
	return v;
}

/* A <requires> or <excludes> list of biomarkers, each a gene and an
 * alteration read as a knowledge-base entry. */
static void map_biomarkers(const xmlNode *ln, struct kb_entry **out, size_t *n,
			   const char *name, struct diag *d)
{
	for (const xmlNode *b = ln->children; b; b = b->next) {
		if (!import_xml_is(b, TRIALS_NS, "biomarker"))
			continue;
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		struct kb_entry *e = &(*out)[(*n)++];
		memset(e, 0, sizeof(*e));
		for (const xmlNode *c = b->children; c; c = c->next) {
			if (import_xml_is(c, TRIALS_NS, "gene"))
				e->gene = import_xml_text(c);
			else if (import_xml_is(c, TRIALS_NS, "alteration"))
				map_alteration(c, e, name, d);
		}
	}
}

static void map_trial(const xmlNode *tn, struct trial *t, const char *name,
		      struct diag *d)
{
	t->id = import_xml_prop(tn, "id");
	t->max_ecog = t->age_min = t->age_max = t->max_lines = -1;
	for (const xmlNode *c = tn->children; c; c = c->next) {
		if (import_xml_is(c, TRIALS_NS, "study-id"))
			t->study_id = import_xml_text(c);
		else if (import_xml_is(c, TRIALS_NS, "title") && is_swedish(c))
			set_swedish(&t->title_sv, c, name, t->id, d);
		else if (import_xml_is(c, TRIALS_NS, "title"))
			t->title = import_xml_text(c);
		else if (import_xml_is(c, TRIALS_NS, "note") && is_swedish(c))
			set_swedish(&t->note_sv, c, name, t->id, d);
		else if (import_xml_is(c, TRIALS_NS, "note"))
			t->note = import_xml_text(c);
		else if (import_xml_is(c, TRIALS_NS, "contact") &&
			 is_swedish(c)) /* one, after the contact (schema) */
			t->contact_role_sv = import_xml_prop(c, "role");
		else if (import_xml_is(c, TRIALS_NS, "phase"))
			t->phase = import_xml_text(c);
		else if (import_xml_is(c, TRIALS_NS, "status"))
			t->status = import_xml_text(c);
		else if (import_xml_is(c, TRIALS_NS, "site")) {
			char *site = import_xml_text(c);
			char *city = import_xml_prop(c, "city");
			t->sites = xrealloc(t->sites,
					    (t->n_sites + 1) * sizeof(char *));
			t->sites[t->n_sites++] =
			    city ? xasprintf("%s, %s", site, city)
				 : xstrdup(site);
			free(site);
			free(city);
		} else if (import_xml_is(c, TRIALS_NS, "contact") &&
			   !t->contact) {
			char *mail = import_xml_prop(c, "email");
			char *ph = import_xml_prop(c, "phone");
			t->contact = import_xml_prop(c, "name");
			t->contact_role = import_xml_prop(c, "role");
			t->contact_reach =
			    xasprintf("%s%s%s", mail ? mail : "",
				      mail && ph ? ", " : "", ph ? ph : "");
			free(mail);
			free(ph);
		} else if (import_xml_is(c, TRIALS_NS, "eligibility")) {
			for (const xmlNode *k = c->children; k; k = k->next) {
				if (import_xml_is(k, TRIALS_NS, "diagnoses")) {
					char *s = import_xml_text(k);
					split_codes(s, &t->icd10, &t->n_icd10);
					free(s);
				} else if (import_xml_is(k, TRIALS_NS,
							 "requires")) {
					char *m = import_xml_prop(k, "match");
					t->requires_all =
					    m && strcmp(m, "all") == 0;
					free(m);
					map_biomarkers(k, &t->requires,
						       &t->n_requires, name, d);
				} else if (import_xml_is(k, TRIALS_NS,
							 "excludes"))
					map_biomarkers(k, &t->excludes,
						       &t->n_excludes, name, d);
				else if (import_xml_is(k, TRIALS_NS,
						       "max-ecog")) {
					char *s = import_xml_text(k);
					t->max_ecog = atoi(s);
					free(s);
				} else if (import_xml_is(k, TRIALS_NS, "age")) {
					t->age_min = int_prop(k, "min");
					t->age_max = int_prop(k, "max");
				} else if (import_xml_is(k, TRIALS_NS,
							 "max-prior-lines")) {
					char *s = import_xml_text(k);
					t->max_lines = atoi(s);
					free(s);
				}
			}
		}
	}
}

enum tb_status import_trials_parse(const char *name, const char *buf, size_t n,
				   struct trials *out, struct diag *d)
{
	size_t before = d->n + d->dropped;
	memset(out, 0, sizeof(*out));
	xmlDocPtr doc = import_xml_parse(name, buf, n, schema_trials_rng,
					 schema_trials_rng_len,
					 _("the trial registry schema"), d);
	if (!doc)
		return TB_INVALID;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	out->version = import_xml_prop(root, "version");
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (!import_xml_is(c, TRIALS_NS, "trial"))
			continue;
		out->t = xrealloc(out->t, (out->n + 1) * sizeof(*out->t));
		struct trial *t = &out->t[out->n++];
		memset(t, 0, sizeof(*t));
		map_trial(c, t, name, d);
		for (size_t i = 0; i + 1 < out->n; i++)
			if (strcmp(out->t[i].id, t->id) == 0)
				diag_add(d, name, xmlGetLineNo(c), t->id,
					 _("trial id is used twice"));
	}
	xmlFreeDoc(doc);
	if (d->n + d->dropped != before) {
		trials_done(out);
		return TB_INVALID;
	}
	return TB_OK;
}

enum tb_status import_levels_parse(const char *name, const char *buf, size_t n,
				   struct levels *out, struct diag *d)
{
	size_t before = d->n + d->dropped;
	memset(out, 0, sizeof(*out));
	xmlDocPtr doc = import_xml_parse(name, buf, n, schema_levels_rng,
					 schema_levels_rng_len,
					 _("the level criteria schema"), d);
	if (!doc)
		return TB_INVALID;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	out->version = import_xml_prop(root, "version");
	size_t defaults = 0;
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (!import_xml_is(c, LEVELS_NS, "criterion"))
			continue;
		out->c = xrealloc(out->c, (out->n + 1) * sizeof(*out->c));
		struct level_criterion *cr = &out->c[out->n++];
		memset(cr, 0, sizeof(*cr));
		cr->id = import_xml_prop(c, "id");
		cr->level = import_xml_prop(c, "level");
		cr->when = import_xml_prop(c, "when");
		char *codes = import_xml_prop(c, "icd10");
		split_codes(codes, &cr->icd10, &cr->n_icd10);
		free(codes);
		defaults += cr->when && strcmp(cr->when, "default") == 0;
		for (xmlNodePtr t = c->children; t; t = t->next) {
			if (!import_xml_is(t, LEVELS_NS, "text"))
				continue;
			char *lang = import_xml_lang(t);
			if (lang && strcmp(lang, "en") == 0)
				cr->text_en = import_xml_text(t);
			else if (!cr->text_sv)
				cr->text_sv = import_xml_text(t);
			free(lang);
		}
	}
	xmlFreeDoc(doc);
	if (defaults != 1)
		diag_add(d, name, 0, "levels",
			 _("exactly one criterion must be the default"));
	if (d->n + d->dropped != before) {
		levels_done(out);
		return TB_INVALID;
	}
	return TB_OK;
}

/* The user's file in the config directory when it exists, else the
 * built-in data; a broken user file is reported and the built-in used. */
static enum tb_status
load_data(const char *file, const unsigned char *data, size_t len, void *out,
	  enum tb_status (*parse)(const char *, const char *, size_t, void *,
				  struct diag *),
	  struct diag *d)
{
	char *path = util_config_path(file);
	enum tb_status st = TB_OK;
	if (path && access(path, F_OK) == 0) {
		char *buf = NULL;
		size_t n = 0;
		st = import_xml_read(path, KB_MAX_BYTES, &buf, &n, d);
		if (st == TB_OK)
			st = parse(path, buf, n, out, d);
		free(buf);
		if (st == TB_OK) {
			free(path);
			return TB_OK;
		}
	}
	free(path);
	char *name = xasprintf(_("built-in %s"), file);
	enum tb_status b = parse(name, (const char *)data, len, out, d);
	free(name);
	return st != TB_OK ? st : b;
}

static enum tb_status parse_trials_v(const char *name, const char *buf,
				     size_t n, void *out, struct diag *d)
{
	return import_trials_parse(name, buf, n, out, d);
}

static enum tb_status parse_levels_v(const char *name, const char *buf,
				     size_t n, void *out, struct diag *d)
{
	return import_levels_parse(name, buf, n, out, d);
}

enum tb_status import_trials_load(struct trials *out, struct diag *d)
{
	return load_data("trials.xml", data_trials_xml, data_trials_xml_len,
			 out, parse_trials_v, d);
}

enum tb_status import_levels_load(struct levels *out, struct diag *d)
{
	return load_data("levels.xml", data_levels_xml, data_levels_xml_len,
			 out, parse_levels_v, d);
}

#include "form_def.h"
#include "glossary.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kb.h"
#include "util.h"

static const char *const type_names[FT__COUNT] = {
    [FT_CHOICE] = "choice", [FT_MULTI] = "multi",
    [FT_YESNO] = "yesno",   [FT_NUMBER] = "number",
    [FT_DATE] = "date",	    [FT_TEXT] = "text",
    [FT_CODE] = "code",	    [FT_ALTERNATIVES] = "alternatives",
    [FT_TRIAL] = "trial",   [FT_FINDING] = "finding",
};

const char *form_type_name(enum form_field_type t)
{
	return t < FT__COUNT ? type_names[t] : "?";
}

bool form_type_parse(const char *name, enum form_field_type *out)
{
	for (int i = 0; i < FT__COUNT; i++)
		if (strcmp(type_names[i], name) == 0) {
			*out = (enum form_field_type)i;
			return true;
		}
	return false;
}

void form_text_add(struct form_text *t, const char *lang, const char *text)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->lang[i], lang) == 0) {
			util_set(&t->text[i], text);
			return;
		}
	t->lang = xrealloc(t->lang, (t->n + 1) * sizeof(char *));
	t->text = xrealloc(t->text, (t->n + 1) * sizeof(char *));
	t->lang[t->n] = xstrdup(lang);
	t->text[t->n] = xstrdup(text);
	t->n++;
}

void form_text_done(struct form_text *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->lang[i]);
		free(t->text[i]);
	}
	free(t->lang);
	free(t->text);
	memset(t, 0, sizeof(*t));
}

const char *form_text_get(const struct form_text *t, const char *lang,
			  bool *fallback)
{
	static const char *const order[] = {"sv", "en"};
	if (fallback)
		*fallback = false;
	if (t->n == 0)
		return "";
	for (size_t i = 0; lang && i < t->n; i++)
		if (strcmp(t->lang[i], lang) == 0)
			return t->text[i];
	if (fallback)
		*fallback = true;
	for (size_t k = 0; k < 2; k++)
		for (size_t i = 0; i < t->n; i++)
			if (strcmp(t->lang[i], order[k]) == 0)
				return t->text[i];
	return t->text[0];
}

static void field_done(struct form_field *fd)
{
	free(fd->id);
	free(fd->role);
	free(fd->prefill);
	form_text_done(&fd->label);
	form_text_done(&fd->help);
	form_text_done(&fd->plain);
	free(fd->guideline);
	free(fd->show_field);
	for (size_t i = 0; i < fd->n_show_values; i++)
		free(fd->show_values[i]);
	free(fd->show_values);
	for (size_t i = 0; i < fd->n_options; i++) {
		free(fd->options[i].value);
		free(fd->options[i].icdo3);
		form_text_done(&fd->options[i].label);
		form_text_done(&fd->options[i].plain);
	}
	free(fd->options);
	free(fd->unit);
	free(fd->range);
	free(fd->system);
	free(fd->options_from);
}

void form_free(struct form **fp)
{
	struct form *f = *fp;
	if (!f)
		return;
	free(f->id);
	free(f->version);
	free(f->source);
	form_text_done(&f->title);
	form_text_done(&f->help);
	for (size_t i = 0; i < f->n_sections; i++) {
		free(f->sections[i].id);
		form_text_done(&f->sections[i].title);
	}
	free(f->sections);
	for (size_t i = 0; i < f->n_fields; i++)
		field_done(&f->fields[i]);
	free(f->fields);
	free(f);
	*fp = NULL;
}

void form_set_done(struct form_set *fs)
{
	for (size_t i = 0; i < fs->n; i++)
		form_free(&fs->f[i]);
	free(fs->f);
	for (size_t i = 0; i < fs->n_earlier; i++)
		form_free(&fs->earlier[i]);
	free(fs->earlier);
	memset(fs, 0, sizeof(*fs));
}

const struct form *form_set_get(const struct form_set *fs, const char *id)
{
	for (size_t i = 0; id && i < fs->n; i++)
		if (strcmp(fs->f[i]->id, id) == 0)
			return fs->f[i];
	return NULL;
}

const struct form *form_set_version(const struct form_set *fs, const char *id,
				    const char *version)
{
	const struct form *f = form_set_get(fs, id);
	if (f && version && strcmp(f->version, version) == 0)
		return f;
	for (size_t i = 0; id && version && i < fs->n_earlier; i++)
		if (strcmp(fs->earlier[i]->id, id) == 0 &&
		    strcmp(fs->earlier[i]->version, version) == 0)
			return fs->earlier[i];
	return NULL;
}

const struct form *form_set_best(const struct form_set *fs, const char *id,
				 const char *version)
{
	const struct form *f = form_set_version(fs, id, version);
	return f ? f : form_set_get(fs, id);
}

const struct form_field *form_field(const struct form *f, const char *id,
				    size_t *index)
{
	for (size_t i = 0; id && i < f->n_fields; i++)
		if (strcmp(f->fields[i].id, id) == 0) {
			if (index)
				*index = i;
			return &f->fields[i];
		}
	return NULL;
}

const struct form_field *form_field_by_role(const struct form *f,
					    const char *role)
{
	for (size_t i = 0; i < f->n_fields; i++)
		if (f->fields[i].role && strcmp(f->fields[i].role, role) == 0)
			return &f->fields[i];
	return NULL;
}

const struct form_option *form_option(const struct form_field *fd,
				      const char *value)
{
	for (size_t i = 0; value && i < fd->n_options; i++)
		if (strcmp(fd->options[i].value, value) == 0)
			return &fd->options[i];
	return NULL;
}

const struct form_section *form_section_of(const struct form *f, size_t i)
{
	for (size_t s = 0; s < f->n_sections; s++)
		if (i >= f->sections[s].first &&
		    i < f->sections[s].first + f->sections[s].n)
			return &f->sections[s];
	return f->n_sections ? &f->sections[f->n_sections - 1] : NULL;
}

/* ---- summary wording ---- */

const char *const form_phrase_ids[] = {"title",
				       "for",
				       "issued",
				       "issued-no-doctor",
				       "header",
				       "header-no-doctor",
				       "older-version",
				       "language-note",
				       "replaces-heading",
				       "replaces",
				       "replaces-details",
				       "changed-none",
				       "intro",
				       "intro-outside",
				       "intro-amend",
				       "intro-amend-details",
				       "why-not",
				       "yes",
				       "no",
				       "free-text-note",
				       "next-heading",
				       "next",
				       "next-no-owner",
				       "advice",
				       "contact-heading",
				       "contact-nurse",
				       "contact-phone",
				       "contact-unit",
				       "contact-unit-only",
				       "contact-1177-unit",
				       "contact-nurse-unknown",
				       "contact-1177-only",
				       "contact-tip",
				       "second-opinion-heading",
				       "second-opinion",
				       "second-opinion-more",
				       "genetics-germline",
				       "genetics-tumour",
				       "genetics-family",
				       "trial-name",
				       "trial-id",
				       "trial-sites",
				       "trial-contact",
				       "caregivers-heading",
				       "caregivers",
				       "page",
				       NULL};

void form_phrases_done(struct form_phrases *ph)
{
	for (size_t i = 0; i < ph->n; i++) {
		free(ph->id[i]);
		form_text_done(&ph->text[i]);
	}
	free(ph->id);
	free(ph->text);
	free(ph->version);
	free(ph->source);
	glossary_free(&ph->glossary);
	memset(ph, 0, sizeof(*ph));
}

const char *form_phrase(const struct form_phrases *ph, const char *id,
			const char *lang, bool *fallback)
{
	for (size_t i = 0; i < ph->n; i++)
		if (strcmp(ph->id[i], id) == 0)
			return form_text_get(&ph->text[i], lang, fallback);
	if (fallback)
		*fallback = false;
	return "";
}

/* ---- values ---- */

void form_values_init(struct form_values *v)
{
	memset(v, 0, sizeof(*v));
}

void form_values_done(struct form_values *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free(v->field[i]);
		free(v->value[i]);
	}
	free(v->field);
	free(v->value);
	memset(v, 0, sizeof(*v));
}

const char *form_values_get(const struct form_values *v, const char *id)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->field[i], id) == 0)
			return v->value[i];
	return NULL;
}

void form_values_set(struct form_values *v, const char *id, const char *value)
{
	for (size_t i = 0; i < v->n; i++) {
		if (strcmp(v->field[i], id) != 0)
			continue;
		if (value && *value) {
			util_set(&v->value[i], value);
			return;
		}
		free(v->field[i]);
		free(v->value[i]);
		memmove(&v->field[i], &v->field[i + 1],
			(v->n - i - 1) * sizeof(char *));
		memmove(&v->value[i], &v->value[i + 1],
			(v->n - i - 1) * sizeof(char *));
		v->n--;
		return;
	}
	if (!value || !*value)
		return;
	v->field = xrealloc(v->field, (v->n + 1) * sizeof(char *));
	v->value = xrealloc(v->value, (v->n + 1) * sizeof(char *));
	v->field[v->n] = xstrdup(id);
	v->value[v->n] = xstrdup(value);
	v->n++;
}

/* True when the space-separated list holds word. */
const char *form_role_value(const struct form *f, const struct form_values *v,
			    const char *role, const struct form_field **fd)
{
	for (size_t i = 0; f && i < f->n_fields; i++) {
		const struct form_field *x = &f->fields[i];
		const char *val = x->role && strcmp(x->role, role) == 0
				      ? form_values_get(v, x->id)
				      : NULL;
		if (val) {
			if (fd)
				*fd = x;
			return val;
		}
	}
	return NULL;
}

bool form_value_has(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; *p;) {
		while (*p == ' ')
			p++;
		size_t k = strcspn(p, " ");
		if (k == n && strncmp(p, word, n) == 0)
			return true;
		p += k;
	}
	return false;
}

bool form_field_visible(const struct form *f, const struct form_field *fd,
			const struct form_values *v)
{
	if (fd && fd->patients != FORM_PATIENTS_ALL &&
	    (v->patients != FORM_PATIENTS_ALL ? fd->patients != v->patients
					      : !form_values_get(v, fd->id)))
		return false;
	/* Conditions point at earlier fields (checked when loading), so this
	 * walk ends; the depth cap guards a hand-built form. */
	for (int depth = 0; fd && fd->show_field && depth < 64; depth++) {
		const char *val = form_values_get(v, fd->show_field);
		if (!val)
			return false;
		bool any = false;
		for (size_t i = 0; i < fd->n_show_values && !any; i++)
			any = form_value_has(val, fd->show_values[i]);
		if (!any)
			return false;
		fd = form_field(f, fd->show_field, NULL);
	}
	return true;
}

/* YYYY-MM-DD into its numbers; false when it is not one. */
static bool ymd(const char *s, int *y, int *m, int *d)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

enum form_patients form_patients_at(const char *birth, const char *on, int *age)
{
	int by, bm, bd, y, m, d;
	if (age)
		*age = -1;
	if (!ymd(birth, &by, &bm, &bd) || !ymd(on, &y, &m, &d))
		return FORM_PATIENTS_ALL;
	int years = y - by - (m < bm || (m == bm && d < bd));
	if (years < 0)
		return FORM_PATIENTS_ALL;
	if (age)
		*age = years;
	return years < FORM_CHILD_AGE ? FORM_PATIENTS_CHILDREN
				      : FORM_PATIENTS_ADULTS;
}

const char *form_patients_name(enum form_patients p)
{
	/* untranslated: the words of form files */
	return p == FORM_PATIENTS_CHILDREN ? "children"
	       : p == FORM_PATIENTS_ADULTS ? "adults"
					   : NULL;
}

size_t form_required_left(const struct form *f, const struct form_values *v)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n_fields; i++) {
		const struct form_field *fd = &f->fields[i];
		if (fd->required && !form_values_get(v, fd->id) &&
		    form_field_visible(f, fd, v))
			n++;
	}
	return n;
}

/* ---- pre-fill ---- */

char *form_finding_key(const struct tb_finding *fi)
{
	struct strbuf sb;
	strbuf_init(&sb);
	if (fi->gene)
		strbuf_puts(&sb, fi->gene);
	else if (fi->kind && strcmp(fi->kind, "msi") == 0)
		strbuf_puts(&sb, "MSI");
	else if (fi->kind && strcmp(fi->kind, "tmb") == 0)
		strbuf_puts(&sb, "TMB");
	const char *parts[] = {fi->hgvs_c, fi->hgvs_p};
	bool any = false;
	for (size_t i = 0; i < 2; i++)
		if (parts[i] && *parts[i]) {
			strbuf_printf(&sb, " %s", parts[i]);
			any = true;
		}
	if (!any && fi->kind && strcmp(fi->kind, "fusion") == 0)
		strbuf_printf(&sb, " fusion%s%s", fi->partner ? " " : "",
			      fi->partner ? fi->partner : "");
	else if (!any && fi->has_copies)
		/* "CDKN2A deletion 0", never "amplification 0" */
		strbuf_printf(&sb, " %s %g", kb_cnv_word(fi->copies),
			      fi->copies);
	else if (!any && fi->value)
		strbuf_printf(&sb, " %s", fi->value);
	else if (!any && fi->kind)
		strbuf_printf(&sb, " %s", fi->kind);
	char *s = strbuf_detach(&sb);
	/* keys live in tab-separated rows */
	for (char *p = s; *p; p++)
		if (*p == '\t' || *p == '\n')
			*p = ' ';
	return s;
}

/* Whether change (typed after the gene) is fi's protein or coding
 * change, in any HGVS spelling of the protein change. */
static bool same_change(const struct tb_finding *fi, const char *change)
{
	char a[40], b[40];
	if (fi->hgvs_c && strcasecmp(fi->hgvs_c, change) == 0)
		return true;
	return fi->hgvs_p && kb_protein_normalize(fi->hgvs_p, a) &&
	       kb_protein_normalize(change, b) && strcmp(a, b) == 0;
}

int form_finding_named(const struct tb_case *c, const char *typed)
{
	int found = -1, absent = -1, named = -1, n_named = 0, of_gene = -1,
	    n_gene = 0;
	size_t glen = strcspn(typed, " ");
	const char *change = typed + glen + strspn(typed + glen, " ");
	for (size_t i = 0; c && i < c->n_findings; i++) {
		const struct tb_finding *fi = &c->findings[i];
		char *k = form_finding_key(fi);
		/* "TMB 1,8" as a Swedish reader sees and types it */
		char *kc = i18n_decimal_commas(xstrdup(k));
		bool same =
		    strcasecmp(k, typed) == 0 || strcasecmp(kc, typed) == 0;
		free(kc);
		free(k);
		if (same && !fi->absent && found < 0)
			found = (int)i;
		else if (same && fi->absent && absent < 0)
			absent = (int)i;
		bool gene = !fi->absent && fi->gene && glen &&
			    strlen(fi->gene) == glen &&
			    strncasecmp(fi->gene, typed, glen) == 0;
		if (gene && *change && same_change(fi, change)) {
			named = (int)i;
			n_named++;
		}
		if (gene && !*change) {
			of_gene = (int)i;
			n_gene++;
		}
	}
	if (found >= 0 || absent >= 0)
		return found >= 0 ? found : absent;
	if (n_named)
		return n_named == 1 ? named : -1;
	return n_gene == 1 ? of_gene : -1;
}

char *form_findings_named(const struct tb_case *c, size_t max)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (size_t i = 0; c && i < c->n_findings; i++) {
		const struct tb_finding *fi = &c->findings[i];
		char p[40];
		if (fi->absent)
			continue;
		char *name = fi->gene && fi->hgvs_p &&
				     kb_protein_normalize(fi->hgvs_p, p)
				 ? xasprintf("%s %s", fi->gene, p)
				 : form_finding_key(fi);
		size_t was = sb.len;
		strbuf_printf(&sb, "%s%s", was ? ", " : "", name);
		free(name);
		/* room kept for the cut's mark */
		if (sb.len + strlen("…") > max && was) {
			sb.len = was;
			sb.buf[was] = '\0';
			strbuf_puts(&sb, "…");
			break;
		}
	}
	return strbuf_detach(&sb);
}

static char *tnm_text(const struct tb_case *c)
{
	if (!c->tnm_t && !c->tnm_n && !c->tnm_m)
		return NULL;
	return xasprintf("%s %s %s", c->tnm_t ? c->tnm_t : "TX",
			 c->tnm_n ? c->tnm_n : "NX",
			 c->tnm_m ? c->tnm_m : "MX");
}

/* The case's ICD-O-3 morphology (its own, else the newest pathology
 * report's) as the option whose icdo3 list names its four digits. */
static char *histology_option(const struct form_field *fd,
			      const struct tb_case *c)
{
	const char *code = c->icdo3;
	const char *newest = NULL;
	for (size_t i = 0; !c->icdo3 && i < c->n_pathology; i++) {
		const struct tb_pathology *p = &c->pathology[i];
		const char *d = p->date ? p->date : "";
		if (p->icdo3 && (!code || strcmp(d, newest) > 0)) {
			code = p->icdo3;
			newest = d;
		}
	}
	if (!code || strlen(code) < 4)
		return NULL;
	for (size_t i = 0; i < fd->n_options; i++) {
		const char *l = fd->options[i].icdo3;
		for (const char *w = l; w && *w; w += strspn(w, " ")) {
			if (strncmp(w, code, 4) == 0 && (w[4] == ' ' || !w[4]))
				return xstrdup(fd->options[i].value);
			w += strcspn(w, " ");
		}
	}
	return NULL;
}

/* The PD-L1 tumour proportion score of the newest pathology report that
 * gives one (a marker "PD-L1" written "TPS 80 %"), as a number; a
 * combined positive score (CPS) is another measure and is not taken. */
static char *pdl1_tps(const struct tb_case *c)
{
	const char *best = NULL, *best_date = NULL;
	for (size_t i = 0; i < c->n_pathology; i++) {
		const struct tb_pathology *p = &c->pathology[i];
		const char *d = p->date ? p->date : "";
		for (size_t k = 0; k < p->n_markers; k++) {
			const struct tb_marker *m = &p->markers[k];
			if (!m->name || !m->value ||
			    strcasecmp(m->name, "PD-L1") != 0)
				continue;
			const char *t = strstr(m->value, "TPS");
			if (!t)
				continue;
			if (!best || strcmp(d, best_date) > 0) {
				best = t + 3;
				best_date = d;
			}
		}
	}
	if (!best)
		return NULL;
	best += strspn(best, " :=<>");
	size_t n = strspn(best, "0123456789");
	if (!n || n > 3)
		return NULL;
	return xstrndup(best, n);
}

/* What a present finding of a gene says of its status: 1 a variant the
 * board would call mutated (pathogenic, likely pathogenic or not
 * classified: a hotspot as labs report it), -1 one of uncertain
 * significance (the board weighs it; nothing is pre-filled), 0 none. */
static int gene_variant(const struct tb_finding *f, const char *gene)
{
	if (f->absent || !f->gene || strcasecmp(f->gene, gene) != 0 ||
	    !f->kind ||
	    (strcmp(f->kind, "snv") != 0 && strcmp(f->kind, "indel") != 0))
		return 0;
	const char *cl = f->classification;
	if (!cl || strcmp(cl, "pathogenic") == 0 ||
	    strcmp(cl, "likely-pathogenic") == 0)
		return 1;
	return strcmp(cl, "vus") == 0 ? -1 : 0;
}

/* The option of a colorectal RAS field from the findings: "kras" or
 * "nras" for a variant of the one (never both: the board says which);
 * else nothing. Never "wild-type": a case records the variants found
 * and single changes looked for, not a gene found without any (a
 * report's "KRAS and NRAS without mutation" is its text), and a change
 * not found says nothing of the rest of the gene. */
static const char *ras_status(const struct tb_case *c)
{
	int k = 0, n = 0;
	for (size_t i = 0; i < c->n_findings; i++) {
		int a = gene_variant(&c->findings[i], "KRAS");
		int b = gene_variant(&c->findings[i], "NRAS");
		if (a < 0 || b < 0)
			return NULL;
		k += a;
		n += b;
	}
	if (k && n)
		return NULL;
	return k ? "kras" : n ? "nras" : NULL;
}

/* The option of a BRAF field: "v600e" (p.V600E, p.Val600Glu), "other"
 * for another variant; else nothing (never "wild-type", as for RAS). */
static const char *braf_status(const struct tb_case *c)
{
	const char *out = NULL;
	for (size_t i = 0; i < c->n_findings; i++) {
		const struct tb_finding *f = &c->findings[i];
		int v = gene_variant(f, "BRAF");
		if (v < 0)
			return NULL;
		if (!v)
			continue;
		const char *p = f->hgvs_p ? f->hgvs_p : "";
		bool e = strcmp(p, "p.V600E") == 0 ||
			 strcmp(p, "p.Val600Glu") == 0 ||
			 strcmp(p, "p.(V600E)") == 0 ||
			 strcmp(p, "p.(Val600Glu)") == 0;
		if (out && strcmp(out, e ? "v600e" : "other") != 0)
			return NULL; /* both: the board says which */
		out = e ? "v600e" : "other";
	}
	return out;
}

/* The option of a colorectal MMR/MSI field from the MSI findings:
 * "dmmr" for MSI-H, "pmmr" for MSS; MSI-L, or findings that disagree,
 * leave it to the board. */
static const char *msi_status(const struct tb_case *c)
{
	const char *out = NULL;
	for (size_t i = 0; i < c->n_findings; i++) {
		const struct tb_finding *f = &c->findings[i];
		if (f->absent || !f->kind || strcmp(f->kind, "msi") != 0)
			continue;
		const char *v = !f->value			     ? NULL
				: strcasecmp(f->value, "MSI-H") == 0 ? "dmmr"
				: strcasecmp(f->value, "MSS") == 0   ? "pmmr"
								     : NULL;
		if (!v || (out && strcmp(out, v) != 0))
			return NULL;
		out = v;
	}
	return out;
}

/* s when the field offers it as an option, else NULL (caller frees). */
static char *offered(const struct form_field *fd, const char *s)
{
	return s && form_option(fd, s) ? xstrdup(s) : NULL;
}

char *form_prefill(const struct form_field *fd, const struct tb_case *c)
{
	const char *p = fd->prefill;
	if (!p || !c)
		return NULL;
	if (strcmp(p, "ecog") == 0)
		return c->ecog >= 0 ? xasprintf("%d", c->ecog) : NULL;
	if (strcmp(p, "lansky") == 0)
		return c->lansky >= 0 ? xasprintf("%d", c->lansky) : NULL;
	if (strcmp(p, "tnm") == 0)
		return tnm_text(c);
	if (strcmp(p, "stage") == 0)
		return c->tnm_stage ? xstrdup(c->tnm_stage) : NULL;
	if (strcmp(p, "icd10") == 0)
		return c->icd10 ? xstrdup(c->icd10) : NULL;
	if (strcmp(p, "icdo3") == 0)
		return c->icdo3 ? xstrdup(c->icdo3) : NULL;
	if (strcmp(p, "diagnosis") == 0)
		return c->diagnosis_text ? xstrdup(c->diagnosis_text) : NULL;
	if (strcmp(p, "question") == 0)
		return c->question ? xstrdup(c->question) : NULL;
	if (strcmp(p, "level") == 0)
		return c->level ? xstrdup(c->level) : NULL;
	if (strcmp(p, "histology") == 0)
		return histology_option(fd, c);
	if (strcmp(p, "pdl1-tps") == 0)
		return pdl1_tps(c);
	if (strcmp(p, "ras") == 0)
		return offered(fd, ras_status(c));
	if (strcmp(p, "braf") == 0)
		return offered(fd, braf_status(c));
	if (strcmp(p, "msi") == 0)
		return offered(fd, msi_status(c));
	if (strcmp(p, "referrer") == 0)
		return c->referrer_name ? xstrdup(c->referrer_name) : NULL;
	if (strcmp(p, "discussed") == 0) {
		/* what the case holds, among the field's options: the board
		 * confirms or changes it */
		const struct {
			const char *option;
			bool present;
		} parts[] = {
		    {"history", c->summary || c->ecog >= 0 || c->lansky >= 0},
		    {"imaging", c->n_imaging > 0},
		    {"pathology", c->n_pathology > 0},
		    {"molecular", c->n_findings > 0},
		};
		struct strbuf sb;
		strbuf_init(&sb);
		for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
			if (parts[i].present &&
			    form_option(fd, parts[i].option))
				strbuf_printf(&sb, "%s%s", sb.len ? " " : "",
					      parts[i].option);
		if (!sb.len) {
			strbuf_done(&sb);
			return NULL;
		}
		return strbuf_detach(&sb);
	}
	if (strcmp(p, "findings") == 0) {
		if (c->n_findings == 0)
			return NULL;
		struct strbuf sb;
		strbuf_init(&sb);
		for (size_t i = 0; i < c->n_findings; i++) {
			/* a variant not found is no finding to tier */
			if (c->findings[i].absent)
				continue;
			char *k = form_finding_key(&c->findings[i]);
			strbuf_printf(&sb, "%s%s\t\t", sb.len ? "\n" : "", k);
			free(k);
		}
		if (!sb.len) {
			strbuf_done(&sb);
			return NULL;
		}
		return strbuf_detach(&sb);
	}
	return NULL;
}

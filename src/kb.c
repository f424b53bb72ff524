#include "kb.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

void kb_done(struct kb *kb)
{
	for (size_t i = 0; i < kb->n_sources; i++) {
		free(kb->sources[i].id);
		free(kb->sources[i].text);
	}
	free(kb->sources);
	for (size_t i = 0; i < kb->n; i++) {
		struct kb_entry *e = &kb->e[i];
		free(e->id);
		free(e->gene);
		free(e->contains);
		for (size_t k = 0; k < e->n_icd10; k++)
			free(e->icd10[k]);
		free(e->icd10);
		free(e->tumour);
		for (size_t k = 0; k < e->n_therapies; k++)
			free(e->therapies[k].name);
		free(e->therapies);
		free(e->germline);
		free(e->note);
		for (size_t k = 0; k < e->n_cites; k++)
			free(e->cites[k]);
		free(e->cites);
	}
	free(kb->e);
	free(kb->version);
	free(kb->origin);
	memset(kb, 0, sizeof(*kb));
}

const struct kb_source *kb_source(const struct kb *kb, const char *id)
{
	for (size_t i = 0; id && i < kb->n_sources; i++)
		if (strcmp(kb->sources[i].id, id) == 0)
			return &kb->sources[i];
	return NULL;
}

static const char *const amino[][2] = {
    {"Ala", "A"}, {"Arg", "R"}, {"Asn", "N"}, {"Asp", "D"}, {"Cys", "C"},
    {"Gln", "Q"}, {"Glu", "E"}, {"Gly", "G"}, {"His", "H"}, {"Ile", "I"},
    {"Leu", "L"}, {"Lys", "K"}, {"Met", "M"}, {"Phe", "F"}, {"Pro", "P"},
    {"Ser", "S"}, {"Thr", "T"}, {"Trp", "W"}, {"Tyr", "Y"}, {"Val", "V"},
    {"Ter", "*"}, {"Xaa", "X"}, {"Sec", "U"},
};

bool kb_protein_normalize(const char *in, char out[40])
{
	char buf[36];
	size_t n = 0;
	out[0] = '\0';
	if (!in)
		return false;
	while (isspace((unsigned char)*in))
		in++;
	if (strncmp(in, "p.", 2) == 0)
		in += 2;
	/* p.(...) is a predicted change: the same change */
	for (const char *p = in; *p && n + 2 < sizeof(buf); p++) {
		if (*p == '(' || *p == ')' || isspace((unsigned char)*p))
			continue;
		size_t k;
		for (k = 0; k < sizeof(amino) / sizeof(amino[0]); k++)
			if (strncmp(p, amino[k][0], 3) == 0)
				break;
		if (k < sizeof(amino) / sizeof(amino[0])) {
			buf[n++] = amino[k][1][0];
			p += 2;
			continue;
		}
		buf[n++] = *p;
	}
	buf[n] = '\0';
	/* a change: a residue, a position, something after it */
	if (n < 3 || !(isupper((unsigned char)buf[0]) || buf[0] == '*') ||
	    !isdigit((unsigned char)buf[1]))
		return false;
	snprintf(out, 40, "p.%s", buf);
	return true;
}

/* The first codon of a normalised change ("p.E746_A750del" → 746). */
static int first_codon(const char *norm)
{
	const char *p = norm + 2;
	while (*p && !isdigit((unsigned char)*p))
		p++;
	return *p ? atoi(p) : 0;
}

static bool contains_fold(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; hay && *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

static bool gene_is(const struct tb_finding *f, const char *gene)
{
	return (f->gene && strcasecmp(f->gene, gene) == 0);
}

bool kb_entry_matches(const struct kb_entry *e, const struct tb_finding *f)
{
	const char *kind = f->kind ? f->kind : "";
	char norm[40] = "";
	bool has_p = kb_protein_normalize(f->hgvs_p, norm);
	switch (e->kind) {
	case KB_VARIANT:
		return gene_is(f, e->gene) && has_p &&
		       strcmp(norm, e->protein) == 0;
	case KB_CODON:
		return gene_is(f, e->gene) && has_p &&
		       first_codon(norm) == e->codon &&
		       !strstr(norm, "_"); /* one residue, not a range */
	case KB_RANGE: {
		if (!gene_is(f, e->gene) || !has_p)
			return false;
		int at = first_codon(norm);
		if (at < e->from || at > e->to)
			return false;
		if (strcmp(e->change, "any") == 0)
			return true;
		/* "delins" counts as both a deletion and an insertion */
		return strstr(norm, e->change) != NULL;
	}
	case KB_FUSION:
		return strcmp(kind, "fusion") == 0 &&
		       (gene_is(f, e->gene) ||
			(f->partner && strcasecmp(f->partner, e->gene) == 0));
	case KB_MSI_HIGH:
		return strcmp(kind, "msi") == 0 && f->value &&
		       (contains_fold(f->value, "high") ||
			strcasecmp(f->value, "MSI-H") == 0 ||
			strcasecmp(f->value, "H") == 0);
	case KB_TMB_HIGH: {
		if (strcmp(kind, "tmb") != 0 || !f->value)
			return false;
		char *end;
		double v = strtod(f->value, &end);
		return end != f->value && v >= (e->min > 0 ? e->min : 10);
	}
	case KB_AMPLIFICATION:
		return gene_is(f, e->gene) && strcmp(kind, "cnv") == 0 &&
		       f->has_copies && f->copies >= (e->min > 0 ? e->min : 6);
	case KB_PATHOGENIC: {
		const char *cl = f->classification ? f->classification : "";
		bool path = strcmp(cl, "pathogenic") == 0 ||
			    strcmp(cl, "likely-pathogenic") == 0;
		bool origin = strcmp(e->origin, "any") == 0 || !e->origin[0] ||
			      (f->origin && strcmp(f->origin, e->origin) == 0);
		return gene_is(f, e->gene) && path && origin;
	}
	case KB_TEXT:
		return gene_is(f, e->gene) &&
		       (contains_fold(f->hgvs_c, e->contains) ||
			contains_fold(f->hgvs_p, e->contains) ||
			contains_fold(f->note, e->contains));
	}
	return false;
}

size_t kb_entry_tumour(const struct kb_entry *e, const char *icd10)
{
	size_t best = 0;
	for (size_t i = 0; icd10 && i < e->n_icd10; i++) {
		size_t n = strlen(e->icd10[i]);
		if (strncmp(icd10, e->icd10[i], n) == 0 && n > best)
			best = n;
	}
	return best;
}

/* Tiers from best to worst, for choosing between entries. */
static int tier_rank(const char *t)
{
	static const char *const order[] = {
	    "I-A",   "I-B",   "I-C", "II-A", "II-B", "II-C", "II-D", "III",
	    "III-A", "III-B", "IV",  "IV-A", "IV-B", "V",    "X",    NULL};
	for (int i = 0; order[i]; i++)
		if (strcmp(order[i], t) == 0)
			return i;
	return 99;
}

size_t kb_match_case(const struct kb *kb, const struct tb_case *c,
		     struct kb_match **out)
{
	struct kb_match *m = NULL;
	size_t n = 0;
	for (size_t i = 0; i < c->n_findings; i++) {
		const struct kb_entry *best = NULL;
		size_t best_len = 0;
		for (size_t k = 0; k < kb->n; k++) {
			const struct kb_entry *e = &kb->e[k];
			size_t len = kb_entry_tumour(e, c->icd10);
			if (!len || !kb_entry_matches(e, &c->findings[i]))
				continue;
			if (!best || len > best_len ||
			    (len == best_len &&
			     tier_rank(e->tier) < tier_rank(best->tier))) {
				best = e;
				best_len = len;
			}
		}
		if (!best)
			continue;
		bool approved = false;
		for (size_t t = 0; t < best->n_therapies; t++)
			approved |= best->therapies[t].approved;
		m = xrealloc(m, (n + 1) * sizeof(*m));
		m[n].finding = i;
		m[n].e = best;
		m[n].off_label = best->n_therapies > 0 && !approved;
		n++;
	}
	*out = m;
	return n;
}

/*
 * The knowledge base in memory: its lifetime, protein-change spellings,
 * matching each kind of finding, the best entry per finding and why a
 * finding has none, fusion labels and the review age (the transcript
 * table is in kb_transcript.c).
 */
#include "kb.h"
#include "kb_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "i18n.h"
#include "util.h"

void kb_done(struct kb *kb)
{
	for (size_t i = 0; i < kb->n_sources; i++) {
		free(kb->sources[i].id);
		free(kb->sources[i].text);
		free(kb->sources[i].text_sv);
	}
	free(kb->sources);
	for (size_t i = 0; i < kb->n; i++) {
		struct kb_entry *e = &kb->e[i];
		free(e->id);
		free(e->gene);
		for (size_t k = 0; k < e->n_icd10; k++)
			free(e->icd10[k]);
		free(e->icd10);
		free(e->tumour);
		free(e->tumour_sv);
		for (size_t k = 0; k < e->n_therapies; k++) {
			free(e->therapies[k].name);
			free(e->therapies[k].name_sv);
		}
		free(e->therapies);
		free(e->germline);
		free(e->germline_sv);
		free(e->note);
		free(e->note_sv);
		free(e->unchecked);
		free(e->unchecked_sv);
		for (size_t k = 0; k < e->n_cites; k++)
			free(e->cites[k]);
		free(e->cites);
	}
	free(kb->e);
	free(kb->version);
	free(kb->origin);
	free(kb->reviewed);
	free(kb->reviewer);
	memset(kb, 0, sizeof(*kb));
}

const char *kb_text(const char *en, const char *sv)
{
	return sv && strcmp(i18n_language(), "sv") == 0 ? sv : en;
}

const struct kb_source *kb_source(const struct kb *kb, const char *id)
{
	for (size_t i = 0; id && i < kb->n_sources; i++)
		if (strcmp(kb->sources[i].id, id) == 0)
			return &kb->sources[i];
	return NULL;
}

/* ---- protein changes ---- */

static const char *const amino[][2] = {
    {"Ala", "A"}, {"Arg", "R"}, {"Asn", "N"}, {"Asp", "D"}, {"Cys", "C"},
    {"Gln", "Q"}, {"Glu", "E"}, {"Gly", "G"}, {"His", "H"}, {"Ile", "I"},
    {"Leu", "L"}, {"Lys", "K"}, {"Met", "M"}, {"Phe", "F"}, {"Pro", "P"},
    {"Ser", "S"}, {"Thr", "T"}, {"Trp", "W"}, {"Tyr", "Y"}, {"Val", "V"},
    {"Ter", "*"}, {"Xaa", "X"}, {"Sec", "U"},
};

/* Drops the residues HGVS allows after del and dup ("delELREA"): the
 * change is the same. delins keeps what it inserts. */
static void drop_deleted_residues(char *buf)
{
	static const char *const ops[] = {"del", "dup"};
	for (size_t k = 0; k < 2; k++) {
		char *op = strstr(buf, ops[k]);
		if (!op || strncmp(op, "delins", 6) == 0)
			continue;
		char *p = op + 3;
		if (!*p)
			continue;
		bool letters = true;
		for (char *q = p; *q; q++)
			letters &= isupper((unsigned char)*q) || *q == '*';
		if (letters)
			*p = '\0';
	}
}

bool kb_protein_normalize(const char *in, char out[40])
{
	char buf[36];
	size_t n = 0;
	out[0] = '\0';
	if (!in)
		return false;
	/* a protein accession in front: "NP_005219.2:p.Leu858Arg" */
	const char *colon = strchr(in, ':');
	if (colon && strstr(colon, "p."))
		in = colon + 1;
	while (isspace((unsigned char)*in))
		in++;
	if (strncmp(in, "p.", 2) == 0)
		in += 2;
	/* p.(...) is a predicted change: the same change */
	for (const char *p = in; *p && n + 2 < sizeof(buf); p++) {
		if (*p == '(' || *p == ')' || isspace((unsigned char)*p))
			continue;
		size_t k = sizeof(amino) / sizeof(amino[0]);
		/* every three-letter code is a capital and two small ASCII
		 * letters: the table is searched only at one */
		if (*p >= 'A' && *p <= 'Z' && p[1] >= 'a' && p[1] <= 'z' &&
		    p[2] >= 'a' && p[2] <= 'z')
			for (k = 0; k < sizeof(amino) / sizeof(amino[0]); k++)
				if (*p == amino[k][0][0] &&
				    strncmp(p, amino[k][0], 3) == 0)
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
	drop_deleted_residues(buf);
	snprintf(out, 40, "p.%s", buf);
	return true;
}

/* The first codon of a normalised change ("p.E746_A750del" → 746). */
int kb_first_codon(const char *norm)
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

/* ---- matching ---- */

static bool gene_is(const struct tb_finding *f, const char *gene)
{
	return (f->gene && strcasecmp(f->gene, gene) == 0);
}

static const char *cls(const struct tb_finding *f)
{
	return f->classification ? f->classification : "";
}

static bool classed_pathogenic(const struct tb_finding *f)
{
	return strcmp(cls(f), "pathogenic") == 0 ||
	       strcmp(cls(f), "likely-pathogenic") == 0;
}

/* The lab says it is not actionable: VUS, likely benign, benign. */
static bool classed_not_actionable(const struct tb_finding *f)
{
	return strcmp(cls(f), "vus") == 0 ||
	       strcmp(cls(f), "likely-benign") == 0 ||
	       strcmp(cls(f), "benign") == 0;
}

static bool is_kind(const struct tb_finding *f, const char *k)
{
	return f->kind && strcmp(f->kind, k) == 0;
}

static bool is_mutation(const struct tb_finding *f)
{
	return is_kind(f, "snv") || is_kind(f, "indel");
}

/* Splits "EML4::ALK", "EML4-ALK", "EML4/ALK" or "EML4 ALK" into genes.
 * Returns how many were written (at most 2), each at most 31 bytes. */
static size_t split_genes(const char *s, char out[2][32])
{
	size_t n = 0;
	if (!s)
		return 0;
	char buf[96];
	snprintf(buf, sizeof(buf), "%s", s);
	/* "::" first; a single '-' only between two gene-like parts */
	char *sep = strstr(buf, "::");
	size_t seplen = 2;
	if (!sep) {
		sep = strpbrk(buf, "/ ");
		seplen = 1;
	}
	if (!sep) {
		char *dash = strchr(buf, '-');
		if (dash && dash - buf >= 2 &&
		    isalpha((unsigned char)dash[1]) && strlen(dash + 1) >= 2)
			sep = dash;
		seplen = 1;
	}
	const char *parts[2] = {buf, NULL};
	if (sep) {
		*sep = '\0';
		parts[1] = sep + seplen;
	}
	for (int k = 0; k < 2 && parts[k]; k++) {
		const char *p = parts[k];
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || strlen(p) >= 32)
			continue;
		snprintf(out[n], 32, "%s", p);
		for (char *q = out[n] + strlen(out[n]) - 1;
		     q >= out[n] && isspace((unsigned char)*q); q--)
			*q = '\0';
		n++;
	}
	return n;
}

static bool fusion_has(const struct tb_finding *f, const char *gene)
{
	char g[2][32];
	const char *fields[2] = {f->gene, f->partner};
	for (int k = 0; k < 2; k++) {
		size_t n = split_genes(fields[k], g);
		for (size_t i = 0; i < n; i++)
			if (strcasecmp(g[i], gene) == 0)
				return true;
	}
	return false;
}

static bool msi_high(const struct tb_finding *f)
{
	return is_kind(f, "msi") && f->value &&
	       (contains_fold(f->value, "high") ||
		strcasecmp(f->value, "MSI-H") == 0 ||
		strcasecmp(f->value, "H") == 0 ||
		contains_fold(f->value, "dMMR"));
}

/* An ISH ratio in a copy-number finding's value ("ISH ratio 2.6",
 * "HER2/CEP17 ratio 2.6"); -1 when none. */
static double ish_ratio(const struct tb_finding *f)
{
	const char *v = f->value;
	for (; v && *v; v++)
		if (strncasecmp(v, "ratio", 5) == 0) {
			const char *p = v + 5;
			while (*p == ' ' || *p == ':' || *p == '=')
				p++;
			char *end;
			double r = strtod(p, &end);
			return end != p ? r : -1;
		}
	return -1;
}

/* A finding's protein change as the knowledge base writes it
 * (kb_finding_protein), worked out once for all the entries the finding
 * is held against: known -1 until asked, then whether there is one. */
struct finding_protein {
	int known;
	char norm[40];
};

static bool protein_of(const struct tb_finding *f, struct finding_protein *fp)
{
	if (fp->known < 0)
		fp->known = kb_finding_protein(f, fp->norm);
	return fp->known > 0;
}

static bool matches_why(const struct kb_entry *e, const struct tb_finding *f,
			struct finding_protein *fp, char *caveat, size_t size)
{
	const char *norm = fp->norm;
	if (caveat && size)
		caveat[0] = '\0';
	kb_tx_ensure();
	/* a variant looked for and not found is never the variant */
	if (f->absent)
		return false;
	/* the lab's classification comes first */
	if (classed_not_actionable(f))
		return false;
	switch (e->kind) {
	case KB_VARIANT:
		return gene_is(f, e->gene) && is_mutation(f) &&
		       protein_of(f, fp) && strcmp(norm, e->protein) == 0;
	case KB_CODON:
		return gene_is(f, e->gene) && is_mutation(f) &&
		       protein_of(f, fp) && kb_first_codon(norm) == e->codon &&
		       !strchr(norm, '_') &&
		       !strchr(norm, '='); /* one residue, changed */
	case KB_RANGE:
		return gene_is(f, e->gene) && is_mutation(f) &&
		       kb_match_range(e, f);
	case KB_MUTATION: {
		bool origin = strcmp(e->origin, "any") == 0 || !e->origin[0] ||
			      (f->origin && strcmp(f->origin, e->origin) == 0);
		return gene_is(f, e->gene) && is_mutation(f) &&
		       classed_pathogenic(f) && origin;
	}
	case KB_SPLICE:
		if (!gene_is(f, e->gene) || !is_mutation(f))
			return false;
		if (kb_match_splice(e, f))
			return true;
		return kb_splice_other_transcript(e, f, caveat, size);
	case KB_FUSION:
		return is_kind(f, "fusion") && fusion_has(f, e->gene);
	case KB_MSI_HIGH:
		return msi_high(f);
	case KB_TMB_HIGH: {
		if (!is_kind(f, "tmb") || !f->value)
			return false;
		char *end;
		double v = strtod(f->value, &end);
		return end != f->value && v >= (e->min > 0 ? e->min : 10);
	}
	case KB_AMPLIFICATION: {
		if (!gene_is(f, e->gene) || !is_kind(f, "cnv"))
			return false;
		double r = ish_ratio(f);
		return (f->has_copies &&
			f->copies >= (e->min > 0 ? e->min : 6)) ||
		       (r >= 0 && r >= (e->min_ratio > 0 ? e->min_ratio : 2.0));
	}
	case KB_DELETION:
		return gene_is(f, e->gene) && is_kind(f, "cnv") &&
		       f->has_copies &&
		       f->copies <= (e->max > 0 ? e->max : 0.5);
	case KB_EXPRESSION:
		/* protein expression is a pathology result, not a finding */
		return false;
	case KB_PATHOGENIC: {
		bool origin = strcmp(e->origin, "any") == 0 || !e->origin[0] ||
			      (f->origin && strcmp(f->origin, e->origin) == 0);
		/* a loss of the gene counts, a gain never does */
		bool kind =
		    is_mutation(f) ||
		    (is_kind(f, "cnv") && f->has_copies && f->copies < 1.5);
		return gene_is(f, e->gene) && kind && classed_pathogenic(f) &&
		       origin;
	}
	}
	return false;
}

bool kb_entry_matches_why(const struct kb_entry *e, const struct tb_finding *f,
			  char *caveat, size_t size)
{
	struct finding_protein fp = {.known = -1};
	return matches_why(e, f, &fp, caveat, size);
}

bool kb_entry_matches(const struct kb_entry *e, const struct tb_finding *f)
{
	return kb_entry_matches_why(e, f, NULL, 0);
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

/* How narrowly an alteration kind describes a finding: one change beats a
 * codon, a codon beats a range, a range any mutation of the gene. */
static int specificity(enum kb_kind k)
{
	switch (k) {
	case KB_VARIANT:
		return 4;
	case KB_CODON:
		return 3;
	case KB_RANGE:
	case KB_SPLICE:
		return 2;
	default:
		return 1;
	}
}

/* kb_match_finding with each entry's fit to the tumour (kb_entry_tumour)
 * given, or worked out here (NULL). */
static bool match_finding(const struct kb *kb, const struct tb_case *c,
			  size_t i, const size_t *tumour, struct kb_match *out)
{
	const struct kb_entry *best = NULL;
	size_t best_len = 0;
	char caveat[240] = "", best_caveat[240] = "";
	struct finding_protein fp = {.known = -1};
	for (size_t k = 0; k < kb->n; k++) {
		const struct kb_entry *e = &kb->e[k];
		size_t len = tumour ? tumour[k] : kb_entry_tumour(e, c->icd10);
		if (!len || !matches_why(e, &c->findings[i], &fp, caveat,
					 sizeof(caveat)))
			continue;
		bool better =
		    !best || len > best_len ||
		    (len == best_len &&
		     (specificity(e->kind) > specificity(best->kind) ||
		      (specificity(e->kind) == specificity(best->kind) &&
		       tier_rank(e->tier) < tier_rank(best->tier))));
		if (better) {
			best = e;
			best_len = len;
			memcpy(best_caveat, caveat, sizeof(caveat));
		}
	}
	if (!best)
		return false;
	bool approved = false;
	for (size_t t = 0; t < best->n_therapies; t++)
		approved |= best->therapies[t].approved;
	out->finding = i;
	out->e = best;
	out->off_label = best->n_therapies > 0 && !approved;
	memcpy(out->caveat, best_caveat, sizeof(best_caveat));
	return true;
}

bool kb_match_finding(const struct kb *kb, const struct tb_case *c, size_t i,
		      const size_t *fits, struct kb_match *out)
{
	return match_finding(kb, c, i, fits, out);
}

size_t *kb_tumour_fits(const struct kb *kb, const struct tb_case *c)
{
	size_t *fits = kb->n ? xmalloc(kb->n * sizeof(*fits)) : NULL;
	for (size_t k = 0; k < kb->n; k++)
		fits[k] = kb_entry_tumour(&kb->e[k], c->icd10);
	return fits;
}

size_t kb_match_case(const struct kb *kb, const struct tb_case *c,
		     struct kb_match **out)
{
	struct kb_match *m = NULL;
	size_t n = 0;
	/* how well each entry's tumours fit the case: the same for every
	 * finding */
	size_t *tumour = c->n_findings ? kb_tumour_fits(kb, c) : NULL;
	for (size_t i = 0; i < c->n_findings; i++) {
		m = xrealloc(m, (n + 1) * sizeof(*m));
		n += match_finding(kb, c, i, tumour, &m[n]);
	}
	free(tumour);
	if (!n) {
		free(m);
		m = NULL;
	}
	*out = m;
	return n;
}

static const char *class_words(const char *cl)
{
	if (strcmp(cl, "vus") == 0)
		return _("a variant of uncertain significance (VUS)");
	if (strcmp(cl, "likely-benign") == 0)
		return _("likely benign");
	return "benign";
}

bool kb_no_match_reason(const struct kb *kb, const struct tb_case *c, size_t i,
			char *buf, size_t size)
{
	const struct tb_finding *f = &c->findings[i];
	bool named = false, matched = false;
	kb_tx_ensure();
	for (size_t k = 0; k < kb->n; k++) {
		const struct kb_entry *e = &kb->e[k];
		if (!kb_entry_tumour(e, c->icd10))
			continue;
		bool gene = gene_is(f, e->gene) ||
			    (is_kind(f, "fusion") && fusion_has(f, e->gene));
		named |= gene;
		matched |= kb_entry_matches(e, f);
	}
	if (matched || (!named && !classed_not_actionable(f)))
		return false;
	if (classed_not_actionable(f)) {
		snprintf(buf, size,
			 _("No suggestion: the lab classed this finding as %s, "
			   "and such findings are never actionable."),
			 class_words(cls(f)));
		return true;
	}
	char tbuf[40];
	const char *lab = kb_finding_transcript(f, tbuf, sizeof(tbuf));
	char norm[40];
	if (is_mutation(f) && !kb_protein_normalize(f->hgvs_p, norm) &&
	    f->hgvs_c) {
		if (!lab)
			snprintf(buf, size,
				 _("No suggestion: the c. change names no "
				   "transcript, so it cannot be read as a "
				   "protein change; ask the lab for the "
				   "transcript or the p. change."));
		else if (!kb_tx_known(f->gene, lab))
			snprintf(
			    buf, size,
			    _("No suggestion: %s is not a transcript of "
			      "the table (data/transcripts.tsv), so the c. "
			      "change cannot be read; ask the lab for the "
			      "p. change."),
			    lab);
		else
			snprintf(
			    buf, size,
			    _("No suggestion: the knowledge base has "
			      "entries for %s in this tumour, and this c. "
			      "change on %s is none of them and not a "
			      "hotspot of the table (data/transcripts.tsv), "
			      "so its protein change is not known here; ask "
			      "the lab for the p. change."),
			    f->gene, lab);
		return true;
	}
	if (is_mutation(f) && !classed_pathogenic(f) && !f->classification) {
		snprintf(buf, size,
			 _("No suggestion: the lab gave no classification, "
			   "and entries for any mutation of %s need it "
			   "classed pathogenic or likely pathogenic."),
			 f->gene ? f->gene : _("the gene"));
		return true;
	}
	return false;
}

const char *kb_cnv_word(double copies)
{
	if (copies < 0.5)
		return "deletion";
	if (copies < 1.5)
		return "loss";
	if (copies < 2.5)
		/* untranslated: a key stored in drafts (render.c shows it) */
		return "no change";
	if (copies < 6)
		return "gain";
	return "amplification";
}

/* Kinase genes that are the 3' partner of their fusions, and genes that
 * are the 5' partner (HGNC/HGVS: 5' gene first, "EML4::ALK",
 * "FGFR2::BICC1"). */
static const char *const three_prime[] = {"ALK",   "ROS1",  "RET",  "NTRK1",
					  "NTRK2", "NTRK3", "NRG1", "BRAF",
					  "MET",   NULL};
static const char *const five_prime[] = {"FGFR1", "FGFR2", "FGFR3", NULL};

static bool in_list(const char *const *l, const char *g)
{
	for (; *l; l++)
		if (strcasecmp(*l, g) == 0)
			return true;
	return false;
}

char *kb_fusion_label(const struct tb_finding *f)
{
	char a[2][32], b[2][32];
	size_t na = split_genes(f->gene, a);
	size_t nb = split_genes(f->partner, b);
	char g[2][32];
	size_t n = 0;
	for (size_t i = 0; i < na && n < 2; i++)
		memcpy(g[n++], a[i], 32);
	for (size_t i = 0; i < nb && n < 2; i++)
		if (!n || strcasecmp(g[0], b[i]) != 0)
			memcpy(g[n++], b[i], 32);
	if (n == 0)
		return xstrdup("?::? fusion");
	if (n == 1)
		return xasprintf(_("%s fusion (partner not known)"), g[0]);
	/* "A::B" in one field is the lab's orientation */
	const char *hgvs = f->gene && strstr(f->gene, "::")	    ? f->gene
			   : f->partner && strstr(f->partner, "::") ? f->partner
								    : NULL;
	char w[2][32];
	bool written = hgvs && split_genes(hgvs, w) == 2;
	const char *five = written ? w[0] : g[0];
	const char *three = written ? w[1] : g[1];
	if (!written) {
		if (in_list(three_prime, g[0]) || in_list(five_prime, g[1])) {
			five = g[1];
			three = g[0];
		} else if (!in_list(three_prime, g[1]) &&
			   !in_list(five_prime, g[0]) && na == 1 && nb == 1) {
			/* not known: the partner first, as before */
			five = g[1];
			three = g[0];
		}
	}
	return xasprintf("%s::%s fusion", five, three);
}

bool kb_fusion_split(const char *s, char gene[32], char partner[32])
{
	char g[2][32];
	if (split_genes(s, g) != 2)
		return false;
	bool five = in_list(five_prime, g[0]);
	memcpy(gene, g[five ? 0 : 1], 32);
	memcpy(partner, g[five ? 1 : 0], 32);
	return true;
}

/* Days since 1970-01-01 of a YYYY-MM-DD date (the civil calendar);
 * false when it is not one. */
static bool day_number(const char *s, long *out)
{
	if (!s || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return false;
	long y = atol(s), m = atol(s + 5), d = atol(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*out = era * 146097 + doe - 719468;
	return true;
}

long kb_review_age_days(const struct kb *kb, const char *today)
{
	long a, b;
	if (!day_number(kb->reviewed, &a) || !day_number(today, &b))
		return -1;
	return b - a;
}

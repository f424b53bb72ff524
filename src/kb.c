#include "kb.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "i18n.h"
#include "schemas.h"
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
		for (size_t k = 0; k < e->n_icd10; k++)
			free(e->icd10[k]);
		free(e->icd10);
		free(e->tumour);
		for (size_t k = 0; k < e->n_therapies; k++)
			free(e->therapies[k].name);
		free(e->therapies);
		free(e->germline);
		free(e->note);
		free(e->unchecked);
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
	drop_deleted_residues(buf);
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

/* ---- the transcript table ---- */

enum tx_what { TX_TRANSCRIPT, TX_HOTSPOT, TX_EXON };

struct tx_row {
	enum tx_what what;
	char gene[16];
	char acc[32]; /* NM_005228.5 */
	bool mane;
	char c[40]; /* TX_HOTSPOT, as written in the table */
	char p[40]; /* TX_HOTSPOT, normalised */
	int exon, first, last;
};

#define TX_MAX 256
static struct tx_row tx[TX_MAX];
static size_t n_tx;
static bool tx_loaded;

size_t kb_transcripts_count(void)
{
	return n_tx;
}

static bool copy_field(char *dst, size_t size, const char *src)
{
	if (!src || !*src || strlen(src) >= size)
		return false;
	memcpy(dst, src, strlen(src) + 1);
	return true;
}

bool kb_transcripts_parse(const char *name, const char *buf, size_t len,
			  struct diag *d)
{
	size_t before = d->n + d->dropped;
	char *copy = xmalloc(len + 1);
	memcpy(copy, buf, len);
	copy[len] = '\0';
	n_tx = 0;
	tx_loaded = true;
	long line = 0;
	char *save = NULL;
	for (char *l = copy; l; l = save) {
		save = strchr(l, '\n');
		if (save)
			*save++ = '\0';
		line++;
		if (!*l || *l == '#')
			continue;
		char *col[7] = {0};
		size_t nc = 0;
		char *s2 = NULL;
		for (char *t = strtok_r(l, "\t", &s2); t && nc < 7;
		     t = strtok_r(NULL, "\t", &s2))
			col[nc++] = t;
		if (n_tx >= TX_MAX) {
			diag_add(d, name, line, NULL, _("more than %d rows"),
				 TX_MAX);
			break;
		}
		struct tx_row *r = &tx[n_tx];
		memset(r, 0, sizeof(*r));
		bool ok = nc >= 3 &&
			  copy_field(r->gene, sizeof(r->gene), col[1]) &&
			  copy_field(r->acc, sizeof(r->acc), col[2]) &&
			  strchr(r->acc, '.');
		if (ok && strcmp(col[0], "transcript") == 0 && nc == 4) {
			r->what = TX_TRANSCRIPT;
			r->mane = strcmp(col[3], "mane") == 0;
			ok = r->mane || strcmp(col[3], "alternative") == 0;
		} else if (ok && strcmp(col[0], "hotspot") == 0 && nc == 5) {
			r->what = TX_HOTSPOT;
			ok = strncmp(col[3], "c.", 2) == 0 &&
			     copy_field(r->c, sizeof(r->c), col[3]) &&
			     strncmp(col[4], "p.", 2) == 0 &&
			     kb_protein_normalize(col[4], r->p);
		} else if (ok && strcmp(col[0], "exon") == 0 && nc == 6) {
			r->what = TX_EXON;
			r->exon = atoi(col[3]);
			r->first = atoi(col[4]);
			r->last = atoi(col[5]);
			ok = r->exon > 0 && r->first > 0 && r->last >= r->first;
		} else
			ok = false;
		if (!ok) {
			diag_add(d, name, line, col[0] ? col[0] : "row",
				 _("not a transcript, hotspot or exon row "
				   "(see the header of data/transcripts.tsv)"));
			continue;
		}
		n_tx++;
	}
	free(copy);
	/* every hotspot and exon names a listed transcript */
	for (size_t i = 0; i < n_tx; i++) {
		if (tx[i].what == TX_TRANSCRIPT)
			continue;
		bool known = false;
		for (size_t k = 0; k < n_tx && !known; k++)
			known = tx[k].what == TX_TRANSCRIPT &&
				strcmp(tx[k].acc, tx[i].acc) == 0 &&
				strcmp(tx[k].gene, tx[i].gene) == 0;
		if (!known)
			diag_add(d, name, 0, tx[i].acc,
				 _("not listed as a transcript of %s"),
				 tx[i].gene);
	}
	if (d->n + d->dropped != before) {
		n_tx = 0;
		return false;
	}
	return true;
}

bool kb_transcripts_builtin(struct diag *d)
{
	if (tx_loaded)
		return n_tx > 0;
	return kb_transcripts_parse("built-in transcripts.tsv",
				    (const char *)data_transcripts_tsv,
				    data_transcripts_tsv_len, d);
}

static void tx_ensure(void)
{
	if (!tx_loaded) {
		struct diag d;
		diag_init(&d);
		kb_transcripts_builtin(&d);
		diag_done(&d);
	}
}

/* Whether the lab's transcript is acc: the same accession, and the same
 * version when the lab gave one. */
static bool acc_is(const char *lab, const char *acc)
{
	if (!lab)
		return false;
	size_t base = strcspn(acc, ".");
	if (strncmp(lab, acc, base) != 0)
		return false;
	return lab[base] == '\0' || strcmp(lab, acc) == 0;
}

/* The finding's transcript: its own field, or the prefix of its c.
 * description ("NM_005228.5:c.2573T>G"). Writes into buf. */
static const char *finding_transcript(const struct tb_finding *f, char *buf,
				      size_t size)
{
	if (f->transcript && *f->transcript)
		return f->transcript;
	const char *c = f->hgvs_c;
	const char *colon = c ? strchr(c, ':') : NULL;
	if (!colon || (size_t)(colon - c) >= size)
		return NULL;
	memcpy(buf, c, colon - c);
	buf[colon - c] = '\0';
	while (*buf && isspace((unsigned char)buf[strlen(buf) - 1]))
		buf[strlen(buf) - 1] = '\0';
	return buf;
}

/* The c. (or r.) description without an accession in front. */
static const char *finding_c(const struct tb_finding *f)
{
	const char *c = f->hgvs_c;
	if (!c)
		return NULL;
	const char *colon = strchr(c, ':');
	if (colon)
		c = colon + 1;
	while (isspace((unsigned char)*c))
		c++;
	return c;
}

static const struct tx_row *tx_transcript(const char *gene, const char *lab)
{
	for (size_t i = 0; gene && i < n_tx; i++)
		if (tx[i].what == TX_TRANSCRIPT &&
		    strcasecmp(tx[i].gene, gene) == 0 && acc_is(lab, tx[i].acc))
			return &tx[i];
	return NULL;
}

/* ---- c. descriptions ---- */

struct cpos {
	long base; /* c. position of the nearest coding base */
	long off;  /* intronic offset: +1 after, -1 before; 0 in the exon */
};

struct cchange {
	struct cpos a, b; /* b == a for one position */
	char op[8];	  /* sub, del, ins, dup, delins */
	long ins_len;	  /* bases inserted (ins, delins) */
	bool rna;	  /* r. (an observed transcript), not c. */
};

static const char *read_pos(const char *s, struct cpos *p)
{
	char *end;
	if (!isdigit((unsigned char)*s))
		return NULL;
	p->base = strtol(s, &end, 10);
	p->off = 0;
	if (*end == '+' || *end == '-') {
		char *e2;
		long o = strtol(end + 1, &e2, 10);
		if (e2 == end + 1)
			return NULL;
		p->off = *end == '-' ? -o : o;
		end = e2;
	}
	return end;
}

static long count_bases(const char *s)
{
	long n = 0;
	while (*s && strchr("ACGTUacgtu", *s)) {
		n++;
		s++;
	}
	if (n == 0 && isdigit((unsigned char)*s))
		n = strtol(s, NULL, 10); /* "ins3" */
	return n;
}

/* Reads "c.2573T>G", "c.2235_2249del", "c.2310_2311insGGT",
 * "c.2300_2308dup", "c.3082+1G>A", "c.2888-5_2888-2del",
 * "r.2888_3028del". False for anything else. */
static bool parse_c(const char *s, struct cchange *ch)
{
	memset(ch, 0, sizeof(*ch));
	if (!s)
		return false;
	if (strncmp(s, "c.", 2) == 0)
		s += 2;
	else if (strncmp(s, "r.", 2) == 0) {
		ch->rna = true;
		s += 2;
	} else
		return false;
	if (*s == '(')
		s++;
	s = read_pos(s, &ch->a);
	if (!s)
		return false;
	ch->b = ch->a;
	if (*s == '_') {
		s = read_pos(s + 1, &ch->b);
		if (!s)
			return false;
	}
	if (strncmp(s, "delins", 6) == 0) {
		snprintf(ch->op, sizeof(ch->op), "delins");
		ch->ins_len = count_bases(s + 6);
	} else if (strncmp(s, "del", 3) == 0)
		snprintf(ch->op, sizeof(ch->op), "del");
	else if (strncmp(s, "ins", 3) == 0) {
		snprintf(ch->op, sizeof(ch->op), "ins");
		ch->ins_len = count_bases(s + 3);
	} else if (strncmp(s, "dup", 3) == 0)
		snprintf(ch->op, sizeof(ch->op), "dup");
	else if (strchr("ACGTacgt", s[0]) && s[1] == '>' &&
		 strchr("ACGTacgt", s[2]))
		snprintf(ch->op, sizeof(ch->op), "sub");
	else
		return false;
	return true;
}

/* Whether a change on the coding sequence keeps the frame and lies in
 * exons: the deletions and insertions a codon range means. */
static bool in_frame_coding(const struct cchange *ch)
{
	if (ch->a.off || ch->b.off || ch->b.base < ch->a.base)
		return false;
	long len = ch->b.base - ch->a.base + 1;
	if (strcmp(ch->op, "del") == 0 || strcmp(ch->op, "dup") == 0)
		return len % 3 == 0;
	if (strcmp(ch->op, "ins") == 0)
		return ch->ins_len > 0 && ch->ins_len % 3 == 0 && len == 2;
	if (strcmp(ch->op, "delins") == 0)
		return ch->ins_len > 0 && (len - ch->ins_len) % 3 == 0;
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

/*
 * The finding's protein change, normalised: its p. description, or the
 * protein change its c. description maps to through the transcript table.
 */
static bool finding_protein(const struct tb_finding *f, char norm[40])
{
	if (kb_protein_normalize(f->hgvs_p, norm))
		return true;
	char tbuf[40];
	const char *lab = finding_transcript(f, tbuf, sizeof(tbuf));
	const char *c = finding_c(f);
	if (!lab || !c || !tx_transcript(f->gene, lab))
		return false;
	for (size_t i = 0; i < n_tx; i++)
		if (tx[i].what == TX_HOTSPOT &&
		    strcasecmp(tx[i].gene, f->gene) == 0 &&
		    acc_is(lab, tx[i].acc) && strcmp(tx[i].c, c) == 0) {
			memcpy(norm, tx[i].p, 40);
			return true;
		}
	return false;
}

static bool range_op_fits(const char *want, const char *have)
{
	if (strcmp(want, "any") == 0)
		return true;
	/* an insertion is often written as the duplication it is; delins
	 * counts as both a deletion and an insertion */
	if (strcmp(want, "ins") == 0)
		return strstr(have, "ins") || strstr(have, "dup");
	return strstr(have, want) != NULL;
}

static bool match_range(const struct kb_entry *e, const struct tb_finding *f)
{
	char norm[40];
	if (kb_protein_normalize(f->hgvs_p, norm)) {
		int at = first_codon(norm);
		return at >= e->from && at <= e->to &&
		       range_op_fits(e->change, norm);
	}
	/* c. on the MANE transcript: in frame, placed by its first codon */
	char tbuf[40];
	const char *lab = finding_transcript(f, tbuf, sizeof(tbuf));
	const struct tx_row *t = tx_transcript(f->gene, lab);
	struct cchange ch;
	if (!t || !t->mane || !parse_c(finding_c(f), &ch) || ch.rna ||
	    !in_frame_coding(&ch))
		return false;
	long at = (ch.a.base + 2) / 3;
	return at >= e->from && at <= e->to && range_op_fits(e->change, ch.op);
}

static int pos_cmp(struct cpos x, long base, long off)
{
	if (x.base != base)
		return x.base < base ? -1 : 1;
	return x.off < off ? -1 : x.off > off ? 1 : 0;
}

/* Whether a change touches the canonical splice sites of the exon [first,
 * last] (the two intronic bases on either side of it), or, in an RNA
 * result, removes exactly that exon. */
static bool touches_splice_site(const struct cchange *ch, long first, long last)
{
	if (ch->rna)
		return strcmp(ch->op, "del") == 0 &&
		       pos_cmp(ch->a, first, 0) == 0 &&
		       pos_cmp(ch->b, last, 0) == 0;
	/* the span [a, b] meets [first-2, first-1] or [last+1, last+2] */
	return (pos_cmp(ch->a, first, -1) <= 0 &&
		pos_cmp(ch->b, first, -2) >= 0) ||
	       (pos_cmp(ch->a, last, 2) <= 0 && pos_cmp(ch->b, last, 1) >= 0);
}

static bool match_splice(const struct kb_entry *e, const struct tb_finding *f)
{
	char tbuf[40];
	const char *lab = finding_transcript(f, tbuf, sizeof(tbuf));
	struct cchange ch;
	if (!lab || !parse_c(finding_c(f), &ch))
		return false;
	/* on the transcript the lab names */
	for (size_t i = 0; i < n_tx; i++)
		if (tx[i].what == TX_EXON && tx[i].exon == e->exon &&
		    strcasecmp(tx[i].gene, e->gene) == 0 &&
		    acc_is(lab, tx[i].acc))
			return touches_splice_site(&ch, tx[i].first,
						   tx[i].last);
	return false;
}

/* The same position fits the exon on another transcript of the gene:
 * likely the lab's numbering is of that one. Says so in caveat. */
static bool splice_other_transcript(const struct kb_entry *e,
				    const struct tb_finding *f, char *caveat,
				    size_t size)
{
	char tbuf[40];
	const char *lab = finding_transcript(f, tbuf, sizeof(tbuf));
	struct cchange ch;
	if (!parse_c(finding_c(f), &ch))
		return false;
	for (size_t i = 0; i < n_tx; i++) {
		if (tx[i].what != TX_EXON || tx[i].exon != e->exon ||
		    strcasecmp(tx[i].gene, e->gene) != 0 ||
		    (lab && acc_is(lab, tx[i].acc)) ||
		    !touches_splice_site(&ch, tx[i].first, tx[i].last))
			continue;
		if (caveat)
			snprintf(caveat, size,
				 _("%s is at the exon %d splice site on %s, "
				   "not on %s as the finding says: confirm the "
				   "transcript with the lab before relying on "
				   "this."),
				 finding_c(f), e->exon, tx[i].acc,
				 lab ? lab : _("the transcript (none given)"));
		return true;
	}
	return false;
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

bool kb_entry_matches_why(const struct kb_entry *e, const struct tb_finding *f,
			  char *caveat, size_t size)
{
	char norm[40] = "";
	if (caveat && size)
		caveat[0] = '\0';
	tx_ensure();
	/* the lab's classification comes first */
	if (classed_not_actionable(f))
		return false;
	switch (e->kind) {
	case KB_VARIANT:
		return gene_is(f, e->gene) && is_mutation(f) &&
		       finding_protein(f, norm) &&
		       strcmp(norm, e->protein) == 0;
	case KB_CODON:
		return gene_is(f, e->gene) && is_mutation(f) &&
		       finding_protein(f, norm) &&
		       first_codon(norm) == e->codon && !strchr(norm, '_') &&
		       !strchr(norm, '='); /* one residue, changed */
	case KB_RANGE:
		return gene_is(f, e->gene) && is_mutation(f) &&
		       match_range(e, f);
	case KB_MUTATION: {
		bool origin = strcmp(e->origin, "any") == 0 || !e->origin[0] ||
			      (f->origin && strcmp(f->origin, e->origin) == 0);
		return gene_is(f, e->gene) && is_mutation(f) &&
		       classed_pathogenic(f) && origin;
	}
	case KB_SPLICE:
		if (!gene_is(f, e->gene) || !is_mutation(f))
			return false;
		if (match_splice(e, f))
			return true;
		return splice_other_transcript(e, f, caveat, size);
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

size_t kb_match_case(const struct kb *kb, const struct tb_case *c,
		     struct kb_match **out)
{
	struct kb_match *m = NULL;
	size_t n = 0;
	for (size_t i = 0; i < c->n_findings; i++) {
		const struct kb_entry *best = NULL;
		size_t best_len = 0;
		char caveat[240] = "", best_caveat[240] = "";
		for (size_t k = 0; k < kb->n; k++) {
			const struct kb_entry *e = &kb->e[k];
			size_t len = kb_entry_tumour(e, c->icd10);
			if (!len ||
			    !kb_entry_matches_why(e, &c->findings[i], caveat,
						  sizeof(caveat)))
				continue;
			bool better =
			    !best || len > best_len ||
			    (len == best_len &&
			     (specificity(e->kind) > specificity(best->kind) ||
			      (specificity(e->kind) ==
				   specificity(best->kind) &&
			       tier_rank(e->tier) < tier_rank(best->tier))));
			if (better) {
				best = e;
				best_len = len;
				memcpy(best_caveat, caveat, sizeof(caveat));
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
		memcpy(m[n].caveat, best_caveat, sizeof(best_caveat));
		n++;
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
	tx_ensure();
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
	const char *lab = finding_transcript(f, tbuf, sizeof(tbuf));
	char norm[40];
	if (is_mutation(f) && !kb_protein_normalize(f->hgvs_p, norm) &&
	    f->hgvs_c) {
		if (!lab)
			snprintf(buf, size,
				 _("No suggestion: the c. change names no "
				   "transcript, so it cannot be read as a "
				   "protein change; ask the lab for the "
				   "transcript or the p. change."));
		else if (!tx_transcript(f->gene, lab))
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
		return _("no change");
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

/*
 * The transcript table of the knowledge base (data/transcripts.tsv: MANE
 * Select transcripts, hotspots from c. to p., exons) and what it reads:
 * c. descriptions as protein changes, positions in codons, splice sites.
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
#include "schemas.h"
#include "util.h"

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
	return kb_transcripts_parse(_("built-in transcripts.tsv"),
				    (const char *)data_transcripts_tsv,
				    data_transcripts_tsv_len, d);
}

void kb_tx_ensure(void)
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
const char *kb_finding_transcript(const struct tb_finding *f, char *buf,
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
const char *kb_finding_c(const struct tb_finding *f)
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

bool kb_tx_known(const char *gene, const char *lab)
{
	return tx_transcript(gene, lab) != NULL;
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

/* ---- what the table reads: c. changes as p., splice sites ---- */

/*
 * The finding's protein change, normalised: its p. description, or the
 * protein change its c. description maps to through the transcript table.
 */
bool kb_finding_protein(const struct tb_finding *f, char norm[40])
{
	if (kb_protein_normalize(f->hgvs_p, norm))
		return true;
	char tbuf[40];
	const char *lab = kb_finding_transcript(f, tbuf, sizeof(tbuf));
	const char *c = kb_finding_c(f);
	if (!lab || !c || !kb_tx_known(f->gene, lab))
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

bool kb_match_range(const struct kb_entry *e, const struct tb_finding *f)
{
	char norm[40];
	if (kb_protein_normalize(f->hgvs_p, norm)) {
		int at = kb_first_codon(norm);
		return at >= e->from && at <= e->to &&
		       range_op_fits(e->change, norm);
	}
	/* c. on the MANE transcript: in frame, placed by its first codon */
	char tbuf[40];
	const char *lab = kb_finding_transcript(f, tbuf, sizeof(tbuf));
	const struct tx_row *t = tx_transcript(f->gene, lab);
	struct cchange ch;
	if (!t || !t->mane || !parse_c(kb_finding_c(f), &ch) || ch.rna ||
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

bool kb_match_splice(const struct kb_entry *e, const struct tb_finding *f)
{
	char tbuf[40];
	const char *lab = kb_finding_transcript(f, tbuf, sizeof(tbuf));
	struct cchange ch;
	if (!lab || !parse_c(kb_finding_c(f), &ch))
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
bool kb_splice_other_transcript(const struct kb_entry *e,
				const struct tb_finding *f, char *caveat,
				size_t size)
{
	char tbuf[40];
	const char *lab = kb_finding_transcript(f, tbuf, sizeof(tbuf));
	struct cchange ch;
	if (!parse_c(kb_finding_c(f), &ch))
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
				 kb_finding_c(f), e->exon, tx[i].acc,
				 lab ? lab : _("the transcript (none given)"));
		return true;
	}
	return false;
}

/*
 * kb — the knowledge base of actionable findings (data/kb.xml, schema
 * data/kb.rng) and matching a case's molecular findings against it.
 *
 * An entry names a gene alteration in a group of tumours (ICD-10
 * prefixes), its actionability tier, therapy options with whether each is
 * approved for that tumour (otherwise off-label), any germline implication,
 * its public sources and what in it could not be checked. The knowledge
 * base carries the date it was reviewed and by whom.
 *
 * Alteration kinds are kept apart: a mutation entry (one protein change, a
 * codon, a codon range, a splice site, any pathogenic mutation of a gene)
 * never matches a copy-number or fusion finding, an amplification never
 * matches a deletion. Matching reads variants as labs write them: protein
 * HGVS with or without "p.", one- or three-letter, predicted "p.(...)",
 * with a protein accession in front; c. descriptions mapped through the
 * transcript the lab names (data/transcripts.tsv: MANE Select transcripts
 * and hotspots, never a guess); "dup" where an insertion is meant; splice
 * variants by position; fusions written EML4::ALK, EML4-ALK or as gene and
 * partner in either order; amplification by copy number or ISH ratio.
 * A finding the lab classed as a VUS, likely benign or benign is never
 * actionable. What matches is a suggestion beside the finding; the board
 * decides.
 */
#ifndef TB_KB_H
#define TB_KB_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

enum kb_kind {
	KB_VARIANT,	  /* one protein change */
	KB_CODON,	  /* any change at one codon (BRAF V600) */
	KB_RANGE,	  /* an in-frame deletion or insertion between codons */
	KB_MUTATION,	  /* any pathogenic SNV or indel of the gene */
	KB_SPLICE,	  /* a splice-site variant of an exon (MET exon 14) */
	KB_FUSION,	  /* the gene in a fusion, either partner */
	KB_AMPLIFICATION, /* copies at or above min, or ISH ratio */
	KB_DELETION,	  /* copies at or below max (homozygous deletion) */
	KB_EXPRESSION,	  /* protein expression: never a DNA finding */
	KB_MSI_HIGH,
	KB_TMB_HIGH,
	KB_PATHOGENIC, /* pathogenic SNV, indel or loss, by origin */
};

/* Every text a reader sees has its English and, where the file gives
 * one, its Swedish version (xml:lang="sv"; NULL when none): kb_text
 * chooses by the interface language. */
struct kb_therapy {
	char *name;
	char *name_sv;
	bool approved; /* for this entry's tumours, in the EU */
};

struct kb_entry {
	char *id;
	char *gene;
	enum kb_kind kind;
	char protein[40]; /* KB_VARIANT, normalised: "p.L858R" */
	int codon;	  /* KB_CODON */
	int from, to;	  /* KB_RANGE */
	char change[8];	  /* KB_RANGE: del, ins, dup, any */
	char origin[12];  /* KB_PATHOGENIC, KB_MUTATION: germline, somatic,
			     any */
	double min;	  /* KB_AMPLIFICATION copies, KB_TMB_HIGH mut/Mb */
	double min_ratio; /* KB_AMPLIFICATION: ISH ratio (0: 2.0) */
	double max;	  /* KB_DELETION copies (0: 0.5) */
	int exon;	  /* KB_SPLICE */
	char **icd10;	  /* prefixes; "C" is any cancer */
	size_t n_icd10;
	char *tumour; /* the first tumour in words */
	char *tumour_sv;
	char tier_system[8];
	char tier[8];
	struct kb_therapy *therapies;
	size_t n_therapies;
	char *germline; /* NULL when none */
	char *germline_sv;
	char *note; /* NULL when none */
	char *note_sv;
	char *unchecked; /* what could not be checked; NULL when all was */
	char *unchecked_sv;
	char **cites; /* source ids */
	size_t n_cites;
	long line;
};

struct kb_source {
	char *id;
	char *text;
	char *text_sv; /* NULL: the reference as published, in any language */
};

struct kb {
	char *version;
	char *origin;	/* "built-in" or the file */
	char *reviewed; /* YYYY-MM-DD */
	char *reviewer;
	struct kb_source *sources;
	size_t n_sources;
	struct kb_entry *e;
	size_t n;
};

void kb_done(struct kb *kb);

/* A knowledge-base text in the interface language: sv when the interface
 * speaks Swedish and the file gives a Swedish version, else en (which
 * may be NULL). Never the language of a patient letter. Borrowed. */
const char *kb_text(const char *en, const char *sv);

/* The source with this id; NULL when none. Borrowed. */
const struct kb_source *kb_source(const struct kb *kb, const char *id);

/*
 * Normalises a protein change to one-letter HGVS: "p.Leu858Arg",
 * "p.(Leu858Arg)", "Leu858Arg", "L858R", "NP_005219.2:p.Leu858Arg" →
 * "p.L858R"; "Ter" and "*" → "*"; the residues after del or dup are
 * dropped ("p.E746_A750delELREA" → "p.E746_A750del"). False when it is
 * not a protein change.
 */
bool kb_protein_normalize(const char *in, char out[40]);

/*
 * The transcript table (data/transcripts.tsv). kb_transcripts_parse reads
 * one into the table used for matching (replacing the built-in one; name
 * is used in messages, "name:line: ..."); kb_transcripts_builtin loads the
 * shipped table, once. Both return false, with the reason in d, on a bad
 * row (the table is then empty). The table lives in static storage.
 */
struct diag;
bool kb_transcripts_parse(const char *name, const char *buf, size_t n,
			  struct diag *d);
bool kb_transcripts_builtin(struct diag *d);
/* Rows read (transcripts, hotspots, exons together). */
size_t kb_transcripts_count(void);

/* One finding of a case and the entry it matches. */
struct kb_match {
	size_t finding;		  /* index into the case's findings */
	const struct kb_entry *e; /* borrowed from the kb */
	bool off_label;		  /* no therapy of the entry is approved */
	char caveat[240];	  /* what to check before relying on it; "" */
};

/*
 * Matches every finding of c against the entries for its diagnosis: for
 * each finding the most specific entry (the longest matching ICD-10
 * prefix, then the most specific alteration, then the highest tier). *out
 * (caller frees) holds one match per matched finding, in finding order;
 * returns how many.
 */
size_t kb_match_case(const struct kb *kb, const struct tb_case *c,
		     struct kb_match **out);
/* kb_match_case for finding i of c alone: false when no entry matches.
 * fits (may be NULL: worked out here, for every entry) is what
 * kb_tumour_fits gave for c: the same for every finding of the case. */
bool kb_match_finding(const struct kb *kb, const struct tb_case *c, size_t i,
		      const size_t *fits, struct kb_match *out);
/* How well each entry's tumours fit c's diagnosis (kb_entry_tumour), one
 * per entry in kb order (caller frees; NULL for an empty kb). */
size_t *kb_tumour_fits(const struct kb *kb, const struct tb_case *c);

/* Whether entry e matches finding f (ignoring the tumour). caveat (may be
 * NULL, else size bytes) receives what to check when the match rests on
 * an assumption, "" otherwise. */
bool kb_entry_matches(const struct kb_entry *e, const struct tb_finding *f);
bool kb_entry_matches_why(const struct kb_entry *e, const struct tb_finding *f,
			  char *caveat, size_t size);

/*
 * Why finding i of c has no suggestion although an entry for its tumour
 * names its gene: the lab's classification (VUS, benign), a c. change on a
 * transcript the table does not know, a splice variant away from the
 * splice sites. Writes a sentence into buf and returns true; false when
 * there is nothing to say (no entry for the gene, or the finding matched).
 */
bool kb_no_match_reason(const struct kb *kb, const struct tb_case *c, size_t i,
			char *buf, size_t size);

/* Whether the entry applies to the ICD-10 code; the length of the matching
 * prefix (0 when none). */
size_t kb_entry_tumour(const struct kb_entry *e, const char *icd10);

/* The word for a copy number: "deletion" (below 0.5 copies), "loss"
 * (below 1.5), "no change" (below 2.5), "gain" (below 6), "amplification".
 * English whatever the interface language: it is part of the key a draft
 * stores (form_finding_key); render.c shows it in the reader's words.
 * Static. */
const char *kb_cnv_word(double copies);

/* A fusion written as one name, 5' gene first ("EML4::ALK", "EML4-ALK",
 * "EML4/ALK"; a dash only between two names of two or more characters),
 * as a finding's gene and partner: the gene is the 5' one when it is a
 * known 5' driver (FGFR2), else the 3' one, so that kb_fusion_label
 * shows it as written. False when s is not two names. */
bool kb_fusion_split(const char *s, char gene[32], char partner[32]);

/* A fusion as HGVS and HGNC write it, 5' gene first: "EML4::ALK",
 * "FGFR2::BICC1", whichever of gene and partner the lab put first and
 * whether it wrote "EML4-ALK" in one field. Caller frees. */
char *kb_fusion_label(const struct tb_finding *f);

/* Days from the knowledge base's review date to today (YYYY-MM-DD); -1
 * when either date cannot be read. */
long kb_review_age_days(const struct kb *kb, const char *today);

#endif

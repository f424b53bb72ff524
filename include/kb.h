/*
 * kb — the knowledge base of actionable findings (data/kb.xml, schema
 * data/kb.rng) and matching a case's molecular findings against it.
 *
 * An entry names a gene alteration in a group of tumours (ICD-10
 * prefixes), its actionability tier, therapy options with whether each is
 * approved for that tumour (otherwise off-label), any germline implication
 * and its public sources. Matching normalises protein HGVS (p.Leu858Arg,
 * p.(Leu858Arg) and p.L858R are the same) and understands classes of
 * alterations: a codon, a deletion or insertion between two codons (exon
 * 19 deletions), fusions with either partner, amplification by copy
 * number, MSI-high, TMB-high, pathogenic variants by origin, and words in
 * the finding (MET exon 14). What matches is a suggestion beside the
 * finding; the board decides.
 */
#ifndef TB_KB_H
#define TB_KB_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

enum kb_kind {
	KB_VARIANT,
	KB_CODON,
	KB_RANGE,
	KB_FUSION,
	KB_MSI_HIGH,
	KB_PATHOGENIC,
	KB_AMPLIFICATION,
	KB_TMB_HIGH,
	KB_TEXT,
};

struct kb_therapy {
	char *name;
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
	char origin[12];  /* KB_PATHOGENIC: germline, somatic, any */
	double min;	  /* KB_AMPLIFICATION copies, KB_TMB_HIGH mut/Mb */
	char *contains;	  /* KB_TEXT */
	char **icd10;	  /* prefixes; "C" is any cancer */
	size_t n_icd10;
	char *tumour; /* the first tumour in words */
	char tier_system[8];
	char tier[8];
	struct kb_therapy *therapies;
	size_t n_therapies;
	char *germline; /* NULL when none */
	char *note;	/* NULL when none */
	char **cites;	/* source ids */
	size_t n_cites;
	long line;
};

struct kb_source {
	char *id;
	char *text;
};

struct kb {
	char *version;
	char *origin; /* "built-in" or the file */
	struct kb_source *sources;
	size_t n_sources;
	struct kb_entry *e;
	size_t n;
};

void kb_done(struct kb *kb);

/* The source with this id; NULL when none. Borrowed. */
const struct kb_source *kb_source(const struct kb *kb, const char *id);

/*
 * Normalises a protein change to one-letter HGVS: "p.Leu858Arg",
 * "p.(Leu858Arg)", "Leu858Arg", "L858R" → "p.L858R"; "Ter" and "*" → "*".
 * False when it is not a protein change.
 */
bool kb_protein_normalize(const char *in, char out[40]);

/* One finding of a case and the entry it matches. */
struct kb_match {
	size_t finding;		  /* index into the case's findings */
	const struct kb_entry *e; /* borrowed from the kb */
	bool off_label;		  /* no therapy of the entry is approved */
};

/*
 * Matches every finding of c against the entries for its diagnosis: for
 * each finding the most specific entry (the longest matching ICD-10
 * prefix, then the highest tier). *out (caller frees) holds one match per
 * matched finding, in finding order; returns how many.
 */
size_t kb_match_case(const struct kb *kb, const struct tb_case *c,
		     struct kb_match **out);

/* Whether entry e matches finding f (ignoring the tumour). */
bool kb_entry_matches(const struct kb_entry *e, const struct tb_finding *f);

/* Whether the entry applies to the ICD-10 code; the length of the matching
 * prefix (0 when none). */
size_t kb_entry_tumour(const struct kb_entry *e, const char *icd10);

#endif

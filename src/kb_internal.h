/*
 * (private to src/kb*.c) what the matching of kb.c and the transcript
 * table of kb_transcript.c give each other.
 */
#ifndef TB_KB_INTERNAL_H
#define TB_KB_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "kb.h"

/* The first codon of a normalised change ("p.E746_A750del" → 746). */
int kb_first_codon(const char *norm);

/* Loads the built-in transcript table unless a table is loaded. */
void kb_tx_ensure(void);
/* Whether lab (may be NULL) is a transcript of gene in the table. */
bool kb_tx_known(const char *gene, const char *lab);
/* The finding's transcript: its own field, or the prefix of its c.
 * description ("NM_005228.5:c.2573T>G"), written into buf; NULL: none. */
const char *kb_finding_transcript(const struct tb_finding *f, char *buf,
				  size_t size);
/* The c. (or r.) description without an accession in front; NULL: none. */
const char *kb_finding_c(const struct tb_finding *f);
/* The finding's protein change, normalised: its p. description, or the
 * protein change its c. description maps to through the table. */
bool kb_finding_protein(const struct tb_finding *f, char norm[40]);
/* A codon range entry against the finding's p. change, or its in-frame c.
 * change on the MANE transcript. */
bool kb_match_range(const struct kb_entry *e, const struct tb_finding *f);
/* A splice-site entry against the finding's c. change on the transcript
 * the lab names. */
bool kb_match_splice(const struct kb_entry *e, const struct tb_finding *f);
/* The same position fits the exon on another transcript of the gene;
 * says so in caveat (may be NULL). */
bool kb_splice_other_transcript(const struct kb_entry *e,
				const struct tb_finding *f, char *caveat,
				size_t size);

#endif

/*
 * schemas — the RELAX NG schemas of the tree (the .rng files under data/
 * and forms/) and the shipped data files,
 * compiled into the program by tools/embed.sh so that a build needs no
 * installed data to validate input.
 */
#ifndef TB_SCHEMAS_H
#define TB_SCHEMAS_H

#include <stddef.h>

extern const unsigned char schema_case_rng[];
extern const size_t schema_case_rng_len;
extern const unsigned char schema_boards_rng[];
extern const size_t schema_boards_rng_len;
extern const unsigned char schema_form_rng[];
extern const size_t schema_form_rng_len;

extern const unsigned char schema_summary_rng[];
extern const size_t schema_summary_rng_len;
/* The summary wording shipped (forms/summary.xml). */
extern const unsigned char data_summary_xml[];
extern const size_t data_summary_xml_len;

extern const unsigned char schema_kb_rng[];
extern const size_t schema_kb_rng_len;
/* The knowledge base shipped (data/kb.xml). */
extern const unsigned char data_kb_xml[];
extern const size_t data_kb_xml_len;

/* The transcripts and hotspots the knowledge base uses
 * (data/transcripts.tsv). */
extern const unsigned char data_transcripts_tsv[];
extern const size_t data_transcripts_tsv_len;

extern const unsigned char schema_trials_rng[];
extern const size_t schema_trials_rng_len;
extern const unsigned char data_trials_xml[];
extern const size_t data_trials_xml_len;
extern const unsigned char schema_levels_rng[];
extern const size_t schema_levels_rng_len;
extern const unsigned char data_levels_xml[];
extern const size_t data_levels_xml_len;

/* A file compiled into the program. */
struct embedded_file {
	const char *name; /* base name, e.g. "general.xml"; NULL ends a table */
	const unsigned char *data;
	size_t len;
};

/* The decision forms shipped (the XML files in forms/), ended by a row
 * without name. */
extern const struct embedded_file data_forms[];

/* The board types shipped with the program (data/boards.xml). */
extern const unsigned char data_boards_xml[];
extern const size_t data_boards_xml_len;

/* The roles and their permissions (data/roles.xml). */
extern const unsigned char schema_roles_rng[];
extern const size_t schema_roles_rng_len;
extern const unsigned char data_roles_xml[];
extern const size_t data_roles_xml_len;

/* The shipped roles.xml and boards.xml as the program's own structs,
 * parsed and checked at build time by tools/gen_builtin.c (the generated
 * src/data_builtin.c, in libtbbuiltin.a), so that a start reads no XML:
 * import_roles_load and import_boards_load give copies of them when there
 * is no file. */
struct roles;
struct boards;
extern const struct roles builtin_roles;
extern const struct boards builtin_boards;

/* The words explained in patient summaries (data/glossary.xml). */
extern const unsigned char schema_glossary_rng[];
extern const size_t schema_glossary_rng_len;
extern const unsigned char data_glossary_xml[];
extern const size_t data_glossary_xml_len;

#endif

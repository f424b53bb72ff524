/*
 * import — reads case files (tumorboard-case(5)) into the store.
 *
 * A file is read whole with a size cap, its bytes checked (UTF-8, no NUL,
 * no DOCTYPE, at most IMPORT_XML_MAX_ATTRS attributes per element, nesting
 * depth capped), then streamed with network access off: one <case> at a
 * time is expanded, checked against the RELAX NG schema and field by field
 * (identity numbers, dates, codes, HGVS, ranges, enumerations, required
 * parts, an identity number stored under another name or sex) and freed.
 * The whole file is checked before the write transaction opens, so a bad
 * or hostile file never locks the database; then it is written in one
 * transaction: all of it or none of it. Every problem is reported as
 * FILE:LINE: field: message; nothing outside the file is ever read. Memory
 * follows the largest case for large files (they are read twice), the file
 * for small ones (their checked cases are kept).
 *
 * A FHIR R4 file (XML or JSON, recognised by its content) is read by
 * fhir_in (tumorboard-fhir(7)) into the same cases, which pass the same
 * checks; its diagnostics name the FHIR line and path.
 */
#ifndef TB_IMPORT_H
#define TB_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "diag.h"
#include "model.h"

#define IMPORT_DEFAULT_MAX_BYTES (64u * 1024u * 1024u)

struct fnode; /* the FHIR reader's tree (src/fhir_in.h) */

struct import_opts {
	size_t max_bytes;  /* 0 = IMPORT_DEFAULT_MAX_BYTES */
	const char *today; /* YYYY-MM-DD; NULL = the clock's today */
	/* The file may change the name or sex stored for an identity number
	 * (the patient's details changed); without it that is refused. */
	bool patient_changed;
	/* Check everything, write nothing; import_result.dry_run says what
	 * would have been imported. */
	bool dry_run;
	/* A FHIR file's not-mapped report (tumorboard-fhir(7)) is added here
	 * as FILE:LINE: Resource/id path: not mapped: why; NULL: the caller
	 * does not want it. */
	struct diag *notes;
	/* Called once the file's cases are stored, inside the same
	 * transaction and before it commits (NULL: nothing); anything but
	 * TB_OK rolls the whole file back. A dry run never calls it. */
	enum tb_status (*before_commit)(struct db *db, void *arg);
	void *before_commit_arg;
	/* The file as the caller read it (borrowed; NULL: import_file reads
	 * path itself, which then only names it in messages): its bytes and,
	 * for FHIR, the tree the caller parsed from them (fhir_tree_parse;
	 * NULL: parsed here). A tree is imported once; what the caller
	 * marked read in it is not listed as not mapped. refer --receive
	 * routes a package and imports its case from one reading. */
	const char *buf;
	size_t buf_len;
	struct fnode *fhir_tree;
};

struct import_result {
	size_t created;
	size_t updated;
	size_t unchanged;
	/* With opts->dry_run: one line per case that would be imported
	 * ("CASE-ID: new|update, ICD-10 C34.1, 1 pathology, 2 findings, 1
	 * imaging"), no patient data; caller frees. NULL otherwise. */
	char *dry_run;
};

/* Installs libxml2 hooks (refusing external entities). Call once. */
void import_global_init(void);
void import_global_cleanup(void);

/*
 * Parses and checks a buffer holding a case file named name (used in
 * messages). On success *cases (caller frees each with model_case_free and
 * the array with free) holds n cases. On TB_INVALID d holds every problem.
 */
enum tb_status import_parse(const char *name, const char *buf, size_t n,
			    const struct import_opts *opts, struct diag *d,
			    struct tb_case ***cases, size_t *n_cases);

/* Reads and checks one file, then stores it in one transaction. */
enum tb_status import_file(struct db *db, const char *path,
			   const struct import_opts *opts, struct diag *d,
			   struct import_result *res);

#endif

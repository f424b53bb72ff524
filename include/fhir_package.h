/*
 * fhir_package — reads what routes a package between boards: the kind of
 * package (Bundle.meta.tag in urn:x-tumorboard:tag: referral or
 * referral-answer), the case it is about (ServiceRequest.identifier in
 * urn:x-tumorboard:case-id), the boards (the ServiceRequest's
 * referral-from and referral-to extensions) and, for an answer, the
 * decision (CarePlan.identifier in urn:x-tumorboard:decision-id, its first
 * activity's code, the intent extension, Composition.date).
 *
 * The package is read by the FHIR reader's parser (fhir_tree_parse in
 * fhir_in.h: XML checked as every XML input is, JSON strictly with a depth
 * limit), so every message names the file and line. The tree is kept: a
 * referral's case is imported from it (import_opts.fhir_tree), so the
 * package is parsed once, and what routing read of it (its kind, the
 * boards) is marked read there and not listed as not mapped.
 *
 * One rule for the case, the same as the reader of the case's fields
 * (tumorboard-fhir(7)): a package is about one case, so it holds one
 * ServiceRequest, and a second case id on it that differs from the first
 * is refused at its line, never silently chosen between.
 */
#ifndef TB_FHIR_PACKAGE_H
#define TB_FHIR_PACKAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "status.h"

struct fnode;

struct fhir_package {
	bool xml;
	char *tag;	   /* "referral", "referral-answer" or NULL */
	char *case_id;	   /* the case's id at the sending board */
	long case_id_line; /* where it stands in the file */
	char *from, *to;   /* the boards the ServiceRequest names */
	char *sent;	   /* Bundle.timestamp */
	char *decision; /* answers: the decision's id at the answering board */
	char *signed_at;
	char *recommendation; /* option code of the first activity */
	char *intent;
	/* the parsed package (fhir_in.h), owned; NULL when it did not
	 * parse. Routing's fields are marked read in it. */
	struct fnode *tree;
};

/* Reads buf (named name in messages). TB_INVALID with "name:line:
 * element: message" diagnostics in d when it is not FHIR, lacks what
 * routes it or names more than one case; out is filled as far as it could
 * be either way. */
enum tb_status fhir_package_read(const char *name, const char *buf, size_t n,
				 struct fhir_package *out, struct diag *d);
/* Reads the file at path (at most max bytes) into *buf (caller frees)
 * and then as fhir_package_read. */
enum tb_status fhir_package_load(const char *path, size_t max, char **buf,
				 size_t *n, struct fhir_package *out,
				 struct diag *d);
void fhir_package_done(struct fhir_package *p);

#endif

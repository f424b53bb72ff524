/*
 * fhir_package — reads what routes a package between boards: the kind of
 * package (Bundle.meta.tag in urn:x-tumorboard:tag: referral or
 * referral-answer), the case it is about (ServiceRequest.identifier in
 * urn:x-tumorboard:case-id), the boards (the ServiceRequest's
 * referral-from and referral-to extensions) and, for an answer, the
 * decision (CarePlan.identifier in urn:x-tumorboard:decision-id, its first
 * activity's code, the intent extension, Composition.date).
 *
 * FHIR XML is checked as every XML input is (import_xml_precheck: UTF-8,
 * no DOCTYPE, structure caps) and parsed without network or entities;
 * FHIR JSON is parsed by json-c with a depth limit. Both become one json-c
 * tree (XML elements as members, value attributes as strings, repeated
 * elements as arrays), so the fields are read once.
 */
#ifndef TB_FHIR_PACKAGE_H
#define TB_FHIR_PACKAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "status.h"

struct fhir_package {
	bool xml;
	char *tag;	 /* "referral", "referral-answer" or NULL */
	char *case_id;	 /* the case's id at the sending board */
	char *from, *to; /* the boards the ServiceRequest names */
	char *sent;	 /* Bundle.timestamp */
	char *decision;	 /* answers: the decision's id at the answering board */
	char *signed_at;
	char *recommendation; /* option code of the first activity */
	char *intent;
};

/* Reads buf (named name in messages). TB_INVALID with "name: element:
 * message" diagnostics in d when it is not FHIR or lacks what routes it;
 * out is filled as far as it could be either way. */
enum tb_status fhir_package_read(const char *name, const char *buf, size_t n,
				 struct fhir_package *out, struct diag *d);
/* Reads the file at path (at most max bytes) into *buf (caller frees)
 * and then as fhir_package_read. */
enum tb_status fhir_package_load(const char *path, size_t max, char **buf,
				 size_t *n, struct fhir_package *out,
				 struct diag *d);
void fhir_package_done(struct fhir_package *p);

#endif

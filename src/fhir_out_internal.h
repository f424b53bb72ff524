/*
 * fhir_out_internal — what the two files of the FHIR writer share
 * (fhir_out.c: the Bundle, its shared resources and a case's;
 * fhir_out_decision.c: a signed decision's document Bundle). Only these
 * two include it.
 */
#ifndef TB_FHIR_OUT_INTERNAL_H
#define TB_FHIR_OUT_INTERNAL_H

#include <stddef.h>

#include "fhir_out.h"
#include "fhir_out_tree.h"

struct named {
	char *name;
	char *url;
};

struct bundle {
	struct fo *root;
	char *scope; /* "case:ID": the keys of the case's resources */
	struct named *orgs, *pracs, *specs;
	size_t n_orgs, n_pracs, n_specs;
	/* the case's resources other resources point at */
	char *patient, *condition, *request;
};

/* fhir_out.c */
/* "urn:uuid:…" for key (caller frees). */
char *fhir_out_uuid_url(const char *key);
/* A new entry with its fullUrl and resource (id = the UUID); *url_out
 * (may be NULL) receives the fullUrl (caller frees). */
struct fo *fhir_out_entry(struct bundle *b, const char *type, const char *key,
			  char **url_out);
const char *fhir_out_practitioner(struct bundle *b, const char *name);
void fhir_out_bundle_done(struct bundle *b);
/* An extension with a primitive value; nothing without a value. */
void fhir_out_ext_value(struct fo *r, const char *url, const char *name,
			const char *value);
/* Every resource of the case, Patient first. */
void fhir_out_case_entries(struct bundle *b, const struct tb_case *c,
			   const struct fhir_out_referral *ref);
enum tb_status fhir_out_write_out(struct bundle *b, enum fhir_out_format fmt,
				  struct strbuf *out);
/* Bundle.meta with a tag (NULL: none), identifier, type, timestamp. */
void fhir_out_bundle_head(struct bundle *b, const char *tag_code,
			  const char *id_key, const char *type,
			  const char *timestamp);

#endif

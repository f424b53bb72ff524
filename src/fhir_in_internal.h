/*
 * fhir_in_internal — what the files of the FHIR reader share (fhir_in.c:
 * tree helpers, diagnostics, the generated elements, the index and the
 * whole file; fhir_in_case.c: Patient, referral and one case per Patient;
 * fhir_in_cond.c: conditions; fhir_in_obs.c: observations;
 * fhir_in_report.c: diagnostic reports, procedures and medication;
 * fhir_in_ref.c: references; fhir_in_lazy.c: a JSON Bundle a Patient at
 * a time). Only these include it.
 */
#ifndef TB_FHIR_IN_INTERNAL_H
#define TB_FHIR_IN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fhir_in.h"
#include "fhir_in_mem.h"
#include "util.h"

#define CASE_NS "urn:x-tumorboard:case:1"
#define MAX_IDS 65000 /* generated elements per case (xmlNode line) */

/* A reference resource from makes, as the hash of the key it is looked
 * up by (c->lazy). */
struct ref_made {
	uint64_t hash;
	size_t from;
};

/* The marks (used, reported) of a kept resource's entry while its tree
 * is not read (c->lazy): two bits a node, in the order the tree is
 * walked; in one word up to 32 nodes. */
struct fold {
	uint32_t res, n; /* the resource; its entry's nodes, 0: none yet */
	union {
		uint64_t one;
		uint64_t *many;
	} bits;
};

/* Where a resource's tree is (a Bundle read an entry at a time). */
enum res_pool { POOL_NONE, POOL_SHARED, POOL_MINE };

struct res {
	struct fnode *n; /* NULL: not read (c->lazy) */
	const char *type;
	const char *id;
	const char *full_url;
	const char *version;	    /* meta.versionId, NULL */
	const char *subject;	    /* its subject's (or patient's) reference */
	struct fhir_entry_bytes at; /* its entry in the bytes */
	int patient;		    /* index of its Patient, -1 when none */
	int report;	    /* index of the DiagnosticReport listing it, -1 */
	int line;	    /* where the resource starts */
	enum res_pool pool; /* the memory its tree is in */
	bool mapped;	    /* fed a case */
	/* a Bundle read an entry at a time (c->lazy): */
	bool done;	 /* reported, its tree let go */
	bool kept;	 /* reached across Patients, or of none: read
			    when reached, its marks kept between reads,
			    reported at the end (as one tree does) */
	bool link_later; /* its subject read from its tree */
};

/* fullUrls and Type/id to resource numbers: open addressing by the key's
 * FNV-1a. A slot keeps no string of its own but whose key it is: a
 * resource's fullUrl, or its Type/id. */
struct islot {
	uint32_t key; /* 0: empty; else (resource << 1 | Type/id) + 1 */
	int32_t val;  /* a resource, or FHIR_IN_AMBIGUOUS */
};
struct index {
	struct islot *slots;
	size_t cap, n;
};

struct ctx {
	const char *name;
	struct diag *d;
	const char *today;
	struct fhir_in *out;
	struct res *res;
	size_t n_res, cap_res;
	xmlNsPtr ns;
	size_t case_no;
	unsigned next_id;
	bool too_many;
	struct strbuf lines; /* the summary lines of the case being built */
	struct index idx;    /* fullUrl and Type/id → resource */
	struct fnode *root;  /* the Bundle or the one resource */
	/* the Bundle's meta, found once (a Bundle has many children) */
	struct fnode *root_meta;
	uint32_t *mine; /* the resources of the Patient being built */
	size_t n_mine;
	/* a JSON Bundle read an entry at a time (fhir_in_lazy.c): the
	 * trees of a Patient's resources are read when its case is built
	 * and let go after; the rest stay read from the start */
	bool lazy;
	const char *buf;      /* the file's bytes */
	struct fmem shared;   /* resources of no Patient's, and those read
				 out of turn */
	struct fmem mine_mem; /* the Patient being built's */
	struct fmem strs;     /* the resources' names and references */
	struct diag held;     /* problems found while the file is read */
	struct fhir_entry_bytes *bare; /* the entries without a resource */
	size_t n_bare, cap_bare;
	/* the references each resource makes (fhir_in_ref_hash), by
	 * resource: which resources are reached across Patients */
	struct ref_made *refs;
	size_t n_refs, cap_refs;
	/* the kept resources: read when reached, into the Patient's memory,
	 * their marks folded when it is let go (by resource) */
	struct fold *folds;
	size_t n_folds;
	uint32_t *loaded; /* the kept resources read for this Patient */
	size_t n_loaded, cap_loaded;
	/* what more of the file kept resources may be read again for:
	 * past it, one is read once and stays (a large one reached from
	 * many Patients is not read for each) */
	size_t reread_left;
};

#define EACH(var, parent, nm)                                                  \
	for (struct fnode *var = fhir_in_kid((parent), (nm)); var;             \
	     var = fhir_in_next_kid(var, (nm)))

enum cond_kind { COND_PRIMARY, COND_SECONDARY, COND_OTHER };

enum obs_kind {
	OBS_OTHER,
	OBS_T,
	OBS_N,
	OBS_M,
	OBS_STAGE,
	OBS_ECOG,
	OBS_LANSKY,
	OBS_KARNOFSKY,
	OBS_STATUS,
	OBS_VARIANT,
	OBS_TMB,
	OBS_MSI,
	OBS_REGION,
	OBS_MARKER,
	OBS_FINDINGS,
	OBS_RECIST,
	OBS_KINDS
};

struct obs_pick {
	struct res *best[OBS_KINDS];
};

enum dr_kind { DR_OTHER, DR_GENOMICS, DR_PATHOLOGY, DR_IMAGING };

/* fhir_in_lazy.c */
/* The file's tree; a JSON Bundle's entries collected as they are read
 * (c->lazy set), their trees let go. */
struct fnode *fhir_in_lazy_parse(struct ctx *c, const char *buf, size_t n);
/* Resource i's tree read (c->lazy; nothing when it is) into m. */
void fhir_in_lazy_load(struct ctx *c, size_t i, struct fmem *m);
void fhir_in_lazy_link(struct ctx *c);
/* The kept resources read since the last call let go, their marks kept
 * (c->lazy; nothing when it is not). */
void fhir_in_lazy_let_go(struct ctx *c);
/* Patient i's resources read before its case is built, and reported and
 * let go after. */
void fhir_in_lazy_load_mine(struct ctx *c, size_t i);
void fhir_in_lazy_done_mine(struct ctx *c, size_t i);
void fhir_in_lazy_report(struct ctx *c);
void fhir_in_lazy_end(struct ctx *c);

/* fhir_in.c */
void fhir_in_res_marks(struct fnode *r);
/* An entry's parts marked read; its resource (added to the resources
 * when add), or NULL after saying why there is none. */
struct fnode *fhir_in_collect_entry(struct ctx *c, struct fnode *e, bool add);
/* What of n fed nothing, in the not-mapped report. */
void fhir_in_report_unused(struct ctx *c, struct fnode *n);
/* x's not-mapped report (with its entry's when c->lazy). */
void fhir_in_report_res(struct ctx *c, struct res *x);
/* The value stored for key in the index, or -1. */
long fhir_in_index_get(const struct ctx *c, const char *key);
struct fnode *fhir_in_kid(const struct fnode *n, const char *name);
struct fnode *fhir_in_next_kid(const struct fnode *c, const char *name);
/* The value of n's child name, marked used; NULL when absent. */
const char *fhir_in_val(struct fnode *n, const char *name);
/* The first coding of a CodeableConcept in system (NULL: any). */
struct fnode *fhir_in_coding_in(struct fnode *cc, const char *system);
bool fhir_in_cc_has(struct fnode *cc, const char *system, const char *code);
const char *fhir_in_coding_code(struct fnode *cd);
const char *fhir_in_coding_display(struct fnode *cd);
/* text, else the first display, else the first code */
const char *fhir_in_cc_text(struct fnode *cc);
/* "text [SYSTEM code; SYSTEM code]" for a summary line; marks cc used. */
void fhir_in_put_cc(struct strbuf *sb, struct fnode *cc);
/* The date part of a FHIR date or dateTime (caller frees). */
char *fhir_in_date_part(const char *v);
bool fhir_in_has_profile(struct fnode *r, const char *last_segment);
/* A meta.tag code in one of tumorboard's systems. */
const char *fhir_in_tag(struct fnode *r, const char *system);
/* meta.source (the system that produced the resource) → source="…" of
 * the element fed from it */
void fhir_in_source_attr(struct ctx *c, xmlNodePtr el, struct fnode *r,
			 const char *field);
void fhir_in_err(struct ctx *c, const struct fnode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Lists n (a subtree that fed nothing) in the not-mapped report. */
void fhir_in_note(struct ctx *c, struct fnode *n, const char *why);
/* Lists a package's routing (its kind, the boards) that refer --receive
 * reads and import does not, unless it was marked read: the first
 * repetition of list under n whose key is match and that has value_key,
 * as fhir_package.c finds it. */
void fhir_in_note_routing(struct ctx *c, struct fnode *n, const char *list,
			  const char *key, const char *match,
			  const char *value_key);
void fhir_in_map_add(struct ctx *c, unsigned id, const char *field, long line,
		     char *path, const char *hint);
xmlNodePtr fhir_in_el_new(struct ctx *c, xmlNodePtr parent, const char *name,
			  const struct fnode *src);
/* Sets attribute field of el from src (the FHIR node it came from); a NULL
 * value leaves it out and records where it was looked for. */
void fhir_in_attr(struct ctx *c, xmlNodePtr el, const char *name,
		  const char *value, const struct fnode *src, const char *field,
		  const struct fnode *missing_at, const char *missing_path,
		  const char *hint);
/* A child element with text (NULL: left out, recorded as missing). */
xmlNodePtr fhir_in_text_el(struct ctx *c, xmlNodePtr parent, const char *name,
			   const char *text, const struct fnode *src,
			   const char *field, const struct fnode *missing_at,
			   const char *missing_path, const char *hint);
/* "Given Family" of a HumanName (caller frees). */
char *fhir_in_human_name(struct fnode *hn);
struct fnode *fhir_in_phone_of(struct fnode *r);

/* fhir_in_ref.c */
/* An index value: resources of one Type/id at more than one server. */
#define FHIR_IN_AMBIGUOUS (-2L)
/* The length of the base of a RESTful fullUrl ([base]Type/id), 0 when fu
 * is not one (urn:uuid, NULL). */
size_t fhir_in_restful_base(const char *fu);
/* The resource the reference node at (a Reference's "reference", with a
 * value) names inside the file, or -1: an absolute reference by an entry's
 * fullUrl only; a relative one (Type/id) by the base of its entry's
 * RESTful fullUrl and the fullUrls, else by type and id; a version must be
 * the entry's meta.versionId when it has one. */
long fhir_in_resolve_str(struct ctx *c, const struct fnode *at);
/* The resource ref, made in the entry whose fullUrl is full_url (NULL:
 * none), names, or -1; its tree not read. */
long fhir_in_resolve_ref(const struct ctx *c, const char *ref,
			 const char *full_url);
/* The index for references (fullUrls and Type/id); the same resource twice
 * is an error: the same fullUrl, or the same Type/id where not both have
 * RESTful fullUrls (two servers may each have a Patient/1; a relative
 * reference then chooses by its entry's base). */
void fhir_in_index_resources(struct ctx *c);
void fhir_in_index_done(struct index *m);
/* The hash of x's index key: its Type/id when type_id, else its fullUrl
 * (the hash fhir_in_ref_hash gives a reference to it). */
uint64_t fhir_in_res_key_hash(const struct res *x, bool type_id);
/* Whose is x: the Patient its subject (or patient) refers to. */
void fhir_in_link(struct ctx *c, struct res *x);
/* Whose is each resource. */
void fhir_in_link_patients(struct ctx *c);
/* The hash of the index key the reference ref, made in the entry whose
 * fullUrl is full_url, is looked up by; 0 when it names nothing. */
uint64_t fhir_in_ref_hash(const char *ref, const char *full_url);
/* The error for the reference node at that does not resolve, saying
 * why. */
void fhir_in_unresolved(struct ctx *c, const struct fnode *at);
/* The resource a Reference element points to, or NULL after an error
 * (when it has a reference that does not resolve) or when it has none. */
struct res *fhir_in_resolve(struct ctx *c, struct fnode *refn);
struct res *fhir_in_resolve_type(struct ctx *c, struct fnode *refn,
				 const char *type);
const char *fhir_in_org_name(struct ctx *c, struct fnode *refn);

/* fhir_in_case.c */
bool fhir_in_is_type(const struct res *x, const char *t);
void fhir_in_build_case(struct ctx *c, long pi);

/* fhir_in_cond.c */
/* primary (profile, or ICD-10 C00-D48 outside C77-C79), secondary
 * (profile, or C77-C79), else other */
enum cond_kind fhir_in_cond_kind(struct fnode *r);
/* The primary cancer into ce's diagnosis: the Condition the referral sr
 * names, else the first primary one; NULL when none (noted). */
struct res *fhir_in_map_primary(struct ctx *c, xmlNodePtr ce, struct res *p,
				long pi, struct res *sr);
/* The Patient's other Conditions as summary lines, checked. */
void fhir_in_other_conditions(struct ctx *c, long pi, struct res *primary);

/* fhir_in_obs.c */
enum obs_kind fhir_in_obs_kind(struct fnode *r);
/* The gene a component names when it is a gene studied (LOINC 48018-6):
 * the node holding its HGNC symbol (the HGNC coding's display, else the
 * concept's text), or NULL; *vc its valueCodeableConcept. *is_gene false
 * when cp is another component. */
struct fnode *fhir_in_gene_node(struct fnode *cp, struct fnode **vc,
				bool *is_gene);
/* effectiveDateTime, effectivePeriod.start or issued; marks it used */
const char *fhir_in_effective(struct fnode *r, struct fnode **src);
/* A value as written, for markers and summary lines (caller frees). */
char *fhir_in_value_text(struct fnode *r, struct fnode **src);
void fhir_in_map_tnm(struct ctx *c, xmlNodePtr ce, struct obs_pick *pk);
void fhir_in_map_ecog(struct ctx *c, xmlNodePtr ce, struct res *x);
void fhir_in_map_lansky(struct ctx *c, xmlNodePtr ce, struct res *x);
/* "label: value (date)" for an observation that only the summary holds */
void fhir_in_obs_line(struct ctx *c, struct res *x, const char *label);
void fhir_in_karnofsky_line(struct ctx *c, struct res *x);
struct fnode *fhir_in_component(struct fnode *r, const char *loinc);
const char *fhir_in_classification_of(struct fnode *cc);
void fhir_in_map_variant(struct ctx *c, xmlNodePtr ce, struct res *x,
			 const char *significance, struct fnode *sig_src);
void fhir_in_map_tmb_msi(struct ctx *c, xmlNodePtr ce, struct res *x, bool tmb);
/* The regions studied (Genomics Reporting region-studied) that report rep
 * lists (-1: none) for Patient pi, as one summary line: each region's
 * genes, description, mutations tested for, ranges and coverage, and the
 * genes studied in which that report found no variant. */
void fhir_in_region_lines(struct ctx *c, long pi, long rep);

/* fhir_in_status.c */
/* True when r is a cancer disease status: profile
 * mcode-cancer-disease-status or code LOINC 97509-4. */
bool fhir_in_is_status(struct fnode *r);
/* Refuses each cancer disease status without a subject or whose subject
 * is not a Patient (after the resources are linked to their Patients). */
void fhir_in_status_subjects(struct ctx *c);
/* x (a cancer disease status of the case being built) checked and put as
 * a summary line: the judgement with its codes, the cancers it is about,
 * the evidence, the date. */
void fhir_in_status_line(struct ctx *c, struct res *x);

/* fhir_in_absent.c */
/* True when the variant r is reported absent: valueCodeableConcept, or a
 * component 69548-6, LOINC LA9634-2. */
bool fhir_in_variant_absent(struct fnode *r);
/* True when r names the change looked for (HGVS c. or p.): a variant
 * reported absent that is a finding with result="absent". */
bool fhir_in_absent_names_change(struct fnode *r);
/* x (a variant reported absent) as a "No variant found" summary line: its
 * test, genes (checked), the change looked for, the absence's code, the
 * date. */
void fhir_in_absent_line(struct ctx *c, struct res *x);

/* fhir_in_report.c */
enum dr_kind fhir_in_dr_kind(struct fnode *r);
void fhir_in_map_pathology(struct ctx *c, xmlNodePtr ce, struct res *x);
void fhir_in_map_imaging(struct ctx *c, xmlNodePtr ce, struct res *x);
void fhir_in_genomics_line(struct ctx *c, struct res *x);
/* A FHIR date or the date part of a dateTime (d): YYYY, YYYY-MM or a
 * calendar date; anything else ("våren 2018") is refused at n. True when
 * d is NULL or one. */
bool fhir_in_check_date(struct ctx *c, struct fnode *n, const char *d);
/* The same, and a date after today refused at n ("date is in the future"),
 * as the case format's own dates. */
bool fhir_in_check_past_date(struct ctx *c, struct fnode *n, const char *d);
void fhir_in_procedure_line(struct ctx *c, struct res *x);
void fhir_in_medication_line(struct ctx *c, struct res *x);

#endif

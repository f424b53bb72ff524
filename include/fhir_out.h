/*
 * fhir_out — cases and signed decisions as HL7 FHIR R4, XML or JSON.
 *
 * The case Bundle (type collection) carries the case the way the importer
 * reads it (tumorboard-fhir(7)): the Patient, the ServiceRequest that holds
 * the board's question, level and referrer, the primary cancer Condition,
 * ECOG and TNM Observations, each molecular finding as a Genomics
 * Reporting variant (or TMB/MSI) Observation, pathology and imaging as
 * DiagnosticReports with their result Observations, and the
 * Organizations, Practitioners and Specimens they name.
 *
 * The decision Bundle (type document) starts with a Composition whose
 * sections are the form's sections (every signed value as text), then a
 * CarePlan (the recommendation with its treatment intent, the alternatives
 * considered and why not, the follow-up), the team and attendees as
 * Practitioner and PractitionerRole, the meeting as an Encounter, and the
 * case's resources as above.
 *
 * Output is deterministic: resource ids and fullUrls are name-based UUIDs
 * (SHA-256) of our own ids, and the only times written are recorded ones
 * (signed, referred, sent). Writing never touches the database.
 */
#ifndef TB_FHIR_OUT_H
#define TB_FHIR_OUT_H

#include <stdbool.h>

#include "db_decision.h"
#include "db_meeting.h"
#include "form_def.h"
#include "model.h"
#include "status.h"
#include "util.h"

enum fhir_out_format { FHIR_OUT_XML, FHIR_OUT_JSON };

/* "xml" or "json"; false for anything else. */
bool fhir_out_format_parse(const char *s, enum fhir_out_format *out);

/* tumorboard's own extensions and tags for referrals between boards. */
#define FHIR_EXT_TB_INTENT /* untranslated: a URI */                           \
	"urn:x-tumorboard:treatment-intent"
#define FHIR_EXT_TB_GUIDELINE /* untranslated: a URI */                        \
	"urn:x-tumorboard:guideline"
#define FHIR_EXT_TB_TRIAL  /* untranslated: a URI */ "urn:x-tumorboard:trial"
#define FHIR_EXT_TB_MEMBER /* untranslated: a URI */                           \
	"urn:x-tumorboard:board-member"
#define FHIR_SYS_TB_DECISION /* untranslated: a URI */                         \
	"urn:x-tumorboard:decision-id"
#define FHIR_SYS_TB_MEETING /* untranslated: a URI */                          \
	"urn:x-tumorboard:meeting-id"
#define FHIR_SYS_TB_OPTION /* untranslated: a URI */                           \
	"urn:x-tumorboard:form-option"
#define FHIR_SYS_TB_ROLE  /* untranslated: a URI */ "urn:x-tumorboard:board-role"
#define FHIR_TAG_REFERRAL "referral"
#define FHIR_TAG_ANSWER	  "referral-answer"

/* A referral package's additions to the case Bundle. */
struct fhir_out_referral {
	const char *from; /* the sending board */
	const char *to;	  /* the receiving board */
	const char *sent; /* YYYY-MM-DDTHH:MM:SSZ */
};

/* The case as a collection Bundle appended to out; with ref, the Bundle
 * is tagged as a referral package and the ServiceRequest names both
 * boards. */
enum tb_status fhir_out_case(const struct tb_case *c,
			     const struct fhir_out_referral *ref,
			     enum fhir_out_format fmt, struct strbuf *out);

/* A signed decision as a document Bundle appended to out. f (may be NULL)
 * gives labels, sections and roles; m (may be NULL) is the meeting it was
 * signed at; c is the decision's case. With answer (may be NULL) the
 * Bundle is tagged as the answer to a referral, and its ServiceRequest
 * names the board that referred the case (from) and the one that
 * answers (to). */
enum tb_status fhir_out_decision(const struct tb_decision *d,
				 const struct form *f, const struct tb_case *c,
				 const struct tb_meeting *m,
				 const struct fhir_out_referral *answer,
				 enum fhir_out_format fmt, struct strbuf *out);

#endif

/*
 * model_decision — a signed decision and the short form the case page
 * lists, as the program holds them in memory, apart from how they are
 * stored (db_decision.h) and signed (decision.h), so that renderers need
 * no database header; and the two readers of a decision's stored text
 * (decision.c) that renderers use.
 */
#ifndef TB_MODEL_DECISION_H
#define TB_MODEL_DECISION_H

#include "form_def.h"

/* What the follow-up list shows of a decision, from its content by the
 * form's roles: the follow-up date (YYYY-MM-DD) and owner, and the
 * recommendation as its field and value (formatted in the reader's
 * language when shown). NULL for each the content does not give. */
struct tb_followup_facts {
	char *due, *owner, *rec_field, *rec_value;
};

struct tb_decision {
	long long id;
	long long case_id;
	long long form_instance_id;
	int version;	      /* 1, 2, ... per case */
	long long supersedes; /* the decision amended; 0 when none */
	char *amend_reason;   /* NULL unless an amendment */
	long long meeting_id; /* 0 when signed outside a meeting */
	char *form_id;
	char *form_version;
	char *kb_version; /* NULL when no knowledge base was used */
	char *content;	  /* "field=value" lines (decision.h) */
	char *signed_by;
	char *signed_at;       /* YYYY-MM-DDTHH:MM:SSZ */
	char *attendees;       /* "name\trole\tcore|cover" lines */
	char *quorum_override; /* NULL unless signed while not quorate */
	char *content_hash;
	/* filled by reads, not stored in the row */
	char *case_external_id;
	/* for inserts: the draft revision the content was built from (0:
	 * not checked); a draft changed since is not signed */
	long long form_revision;
	/* for inserts: what the follow-up list shows of it, kept beside it
	 * in the list's index (followup_facts_of) */
	struct tb_followup_facts follow_up;
};

/* A signed decision as the case view lists it (all strings owned). */
struct decision_brief {
	long long id;
	char *case_id; /* external id */
	int version;
	long long supersedes;
	bool superseded; /* a later version amends it */
	char *signed_at;
	char *signed_by;
	char *recommendation; /* the option's label, or the stored value */
	char *intent;
	char *follow_up; /* the follow-up date; NULL when none */
};

/* An answer from the board a case was referred to (its signed decision,
 * received back and attached to the case), as the case page shows it (all
 * strings owned). */
struct answer_brief {
	char *board;	      /* the board that answered */
	char *decision;	      /* its decision id there */
	char *signed_at;      /* when it was signed there */
	char *recommendation; /* the option's label, or the code received;
				 NULL when the answer named none */
	char *intent;	      /* likewise; NULL when none */
	char *received;	      /* when it was attached here */
};

/* Where a case received from another board came from (its referral
 * package), as the case page shows it (borrowed strings). */
struct origin_brief {
	const char *board;    /* the board that referred it */
	const char *sent;     /* when the package was written (UTC) */
	const char *received; /* when it was received here */
};

/* Splits one attendee line "name\trole\tcore|cover" in place: line keeps
 * the name, *role and *kind point into it ("" when missing). */
void decision_attendee_split(char *line, char **role, char **kind);
/*
 * The patient's identity as it was when the decision was signed: kept in
 * the signed (hashed) content beside the form's values, so that the
 * patient letter of a signed decision never changes when the patient's
 * details change later. "Given Family" and YYYY-MM-DD. Decisions signed
 * before these keys existed do not have them.
 */
#define DECISION_PATIENT_NAME "patient-name"
#define DECISION_PATIENT_BORN "patient-born"

/* Adds the values of content to out (initialised by the caller). */
void decision_content_decode(const char *content, struct form_values *out);

#endif

/*
 * decision — signing, amending and verifying decisions.
 *
 * A signed decision's content is the shown values of its form instance in
 * form order, one "field=value" line each (backslash, newline and tab in a
 * value written \\, \n and \t). Its hash is SHA-256 over every stored
 * column that means something (case, instance, version, amendment link and
 * reason, meeting, form id and version, knowledge-base version, content,
 * signer, time, attendees, quorum override), so changing any of them behind
 * the program's back is found by decision_verify(), which also checks the
 * audit chain and that the audit log holds the same hash.
 */
#ifndef TB_DECISION_H
#define TB_DECISION_H

#include "db.h"
#include "board.h"
#include "db_decision.h"
#include "model_decision.h"
#include "diag.h"
#include "form_def.h"
#include "kb.h"
#include "status.h"
#include "util.h"

/* One attendee as typed, "Name:role[:core|cover]" (white space around each
 * part ignored; the kind also in Swedish, kärna or ersättare, in any
 * interface language), appended to sb as an attendee line (kind "core" or
 * "cover"; "core" when not given); false, with sb unchanged, when the name
 * or role is empty or the kind is something else. */
bool decision_attendee_add(struct strbuf *sb, const char *entry);

/* DECISION_PATIENT_NAME, DECISION_PATIENT_BORN: model_decision.h */

/*
 * The language the team wrote the free text in (rationale, why an option
 * was not chosen): a value of the draft beside the form's fields (`form
 * set CASE text-lang en`), kept in the signed content, so that the patient
 * letter marks free text that is not in its own language and names the
 * language. One of DECISION_TEXT_LANGS; Swedish when absent.
 */
#define DECISION_TEXT_LANG  "text-lang"
#define DECISION_TEXT_LANGS /* untranslated: codes */ "sv en"

/* Sets the language of the free text of draft instance_id (edited from
 * revision seen, as db_form_set_at): input one of DECISION_TEXT_LANGS,
 * or empty for Swedish; TB_INVALID with a message in d otherwise. */
enum tb_status decision_text_lang_set(struct db *db, long long instance_id,
				      const char *input, long long seen,
				      struct diag *d);

/* Copies the draft's language of free text into the values it signs
 * (Swedish, the default, is not recorded). */
void decision_text_lang_keep(const struct form_values *draft,
			     struct form_values *shown);

/* The language of v's free text: "en", else "sv". Borrowed. */
const char *decision_text_lang(const struct form_values *v);

/*
 * What in a draft's values v (of form f) does not block signing but the
 * signer is warned of before signing, in plain words: values that
 * contradict each other, as a curative intent (role intent, "curative")
 * with a recommendation of no further tumour-specific therapy (role
 * recommendation, "no-tumour-therapy"). Each is added to d (may be NULL),
 * without a "warning:" of its own, on the field it concerns; returns how
 * many. Said when such a field is set, in the read-back and on signing.
 */
size_t decision_warnings(const struct form *f, const struct form_values *v,
			 struct diag *d);

/* "Free text written in: English" for v, in the interface's language:
 * shown with the draft and in the read-back before signing, as the
 * language is signed with the rest. Caller frees. */
char *decision_text_lang_line(const struct form_values *v);

/*
 * The patient group of case c's decision (form_def.h): children are under
 * FORM_CHILD_AGE at the meeting date, which is meeting_id's day (0: the
 * meeting the case is on the agenda of, else today). on (11 bytes, may be
 * NULL) receives that date, *age (may be NULL) the whole years then (-1
 * when the birth date is not known: FORM_PATIENTS_ALL).
 */
enum form_patients decision_patients(struct db *db, const struct tb_case *c,
				     long long meeting_id, char *on, int *age);
/* The same for case_id, read from the store (the patient's birth date
 * and the case's meeting, not the whole case: a few statements);
 * FORM_PATIENTS_ALL when the case cannot be read. */
enum form_patients decision_patients_of(struct db *db, long long case_id,
					long long meeting_id);

/* Caller frees. */
char *decision_content_encode(const struct form_values *v);
/* Sets d->content_hash from the other columns. */
void decision_hash(struct tb_decision *d);

/* The form a case's decision uses: the form named after the board that
 * takes its diagnosis, else "general". Borrowed; NULL when neither is
 * installed. */
const struct form *decision_form_for(const struct form_set *forms,
				     const char *board_id);

/*
 * Opens a draft of form f for the case with the values the case gives
 * (pre-fill); with a knowledge base (may be NULL), finding rows start with
 * its tier and options, for the board to confirm or change. TB_INVALID
 * with a message in d when the case has a draft.
 */
enum tb_status decision_open(struct db *db, const struct form *f,
			     const struct kb *kb, long long case_id,
			     struct diag *d, long long *instance_out);

/* The value the case gives field of f now, as decision_open pre-fills it
 * (v: the draft's other values, may be NULL), or NULL when it gives none.
 * Caller frees. */
char *decision_prefill(struct db *db, const struct form *f, const struct kb *kb,
		       long long case_id, const struct form_values *v,
		       const char *field);

/*
 * Checks input for field of the case's draft and saves it at once (""
 * clears it). Problems go to d as "field: message"; the draft keeps its
 * earlier value then.
 */
enum tb_status decision_set(struct db *db, const struct form_set *forms,
			    long long case_id, const char *field,
			    const char *input, struct diag *d);

/* As decision_set, for a value edited from what was read at draft
 * revision seen (0: not checked): when that field changed after seen, it
 * is refused (TB_STALE) with a message saying who changed it, when, and
 * what it holds now; other fields changing does not matter. With the
 * board rules bs (may be NULL), an ICD-10 code outside the diagnoses of
 * the form's board is saved with a warning in d (boards_check_icd10);
 * TB_OK then, with d holding it: the screen and the command line say
 * the same. */
enum tb_status decision_set_at(struct db *db, const struct form_set *forms,
			       const struct boards *bs, long long case_id,
			       const char *field, const char *input,
			       long long seen, struct diag *d);

/* Who changed a field of a draft last, when, and what it holds now: what
 * a refusal of an edit made on an earlier read says. */
struct decision_change {
	long long revision; /* the revision that changed it last (0: none) */
	char *value;	    /* the value now as stored; NULL when empty */
	char *by;	    /* the account that changed it; NULL: not known */
	char *at; /* when, local "YYYY-MM-DD HH:MM"; NULL: not known */
};

/* Fills *out (caller frees with decision_change_done) for field of draft
 * instance_id. */
enum tb_status decision_field_change(struct db *db, long long instance_id,
				     const char *field,
				     struct decision_change *out);
void decision_change_done(struct decision_change *c);

/* "changed by kberg at 2026-11-30 12:03 after revision 4 that you read;
 * now: …" for a field refused as stale (seen: the revision read); caller
 * frees. */
char *decision_change_message(const struct decision_change *c, long long seen);

struct decision_sign_opts {
	const char *signed_by; /* the chair; required */
	/* "name\trole\tcore|cover" lines; NULL: those present at the
	 * meeting */
	const char *attendees;
	long long meeting_id;	   /* 0 when none */
	const struct board *board; /* quorum is checked when set */
	/* the attendees' roles are a board's (board's when set, else any
	 * of these boards'); NULL with no board: not checked */
	const struct boards *boards;
	const char *quorum_override; /* reason, when not quorate */
	const char *kb_version;	     /* NULL when none */
	/* When set, finding rows whose tier differs from the knowledge
	 * base's are recorded in the decision as overrides ("kb-overrides"
	 * in its content). */
	const struct kb *kb;
	/* The draft revision that was read back to the signer (0: not
	 * checked): a draft at another revision is not signed (TB_STALE),
	 * and the message names the fields changed since. */
	long long revision;
	/* When set, what the signer is warned of and signing does not
	 * refuse (decision_warnings) is added here. */
	struct diag *warnings;
};

struct tb_meeting;

/* Whether a meeting has met (running or finished): only then can a
 * decision be made at it. A planned or cancelled meeting has not. */
bool decision_meeting_held(const struct tb_meeting *m);

/* The attendees present at a meeting as "name\trole\tcore|cover" lines
 * (appended to out). */
enum tb_status decision_meeting_attendees(struct db *db, long long meeting_id,
					  struct strbuf *out);

/*
 * Signs the case's draft: every shown required field filled, every value
 * valid for the exact form version the draft was opened with. Problems go
 * to d (field: message) and TB_INVALID is returned with nothing stored.
 * *id_out receives the decision id.
 */
enum tb_status decision_sign(struct db *db, const struct form_set *forms,
			     long long case_id,
			     const struct decision_sign_opts *o, struct diag *d,
			     long long *id_out);

/* The decision signing would store now, with the same checks, for a
 * read-back: *out (caller frees with db_decision_done) has no id, version
 * or hash yet; out->form_revision is the draft revision it was built
 * from, to pass as o->revision when signing. */
enum tb_status decision_preview(struct db *db, const struct form_set *forms,
				long long case_id,
				const struct decision_sign_opts *o,
				struct diag *d, struct tb_decision *out);

/* Opens a draft amending decision id (the latest of its case), with its
 * values and the reason; *instance_out receives the draft's id. */
enum tb_status decision_amend(struct db *db, const struct form_set *forms,
			      long long id, const char *reason, struct diag *d,
			      long long *instance_out);

/* The patient's signed decisions, newest first, with labels in lang from
 * the forms (*out: caller frees with decision_briefs_free). */
enum tb_status decision_briefs(struct db *db, const struct form_set *forms,
			       long long patient_id, const char *lang,
			       struct decision_brief **out, size_t *n);
/* decision_briefs for the patient of case case_id, as
 * db_decision_each_of_patient reads them (sent ahead with the case by
 * db_decision_send, or read here). */
enum tb_status decision_briefs_of_case(struct db *db,
				       const struct form_set *forms,
				       long long case_id, const char *lang,
				       struct decision_brief **out, size_t *n);
void decision_briefs_free(struct decision_brief *b, size_t n);

struct decision_verify_result {
	long long audit_entries;
	long long records; /* clinical records compared with their seals */
	long long decisions;
	long long problems;
	struct db_audit_head head; /* the newest audit entry */
};

/* Checks the audit chain and every decision; problems go to d. TB_OK when
 * everything holds, TB_INTEGRITY when anything was altered. */
enum tb_status decision_verify(struct db *db, struct diag *d,
			       struct decision_verify_result *r);

#endif

/*
 * db_form — form instances (drafts) and their values. A case has at most
 * one draft (a partial unique index says so), so a second draft cannot be
 * opened by accident; every value is written at once in its own
 * transaction, so a crash or kill loses nothing typed before the field was
 * left. The audit log says which field changed, never its value.
 */
#ifndef TB_DB_FORM_H
#define TB_DB_FORM_H

#include "db.h"
#include "form_def.h"
#include "status.h"
#include "util.h"

struct db_form_instance {
	long long id;
	long long case_id;
	char *form_id;
	char *form_version;
	char *status; /* draft | signed | abandoned */
	char *created;
	char *updated;
	long long amends; /* the decision this draft amends; 0 when none */
	char *amend_reason;
	/* 1 when opened; every change of a value adds one */
	long long revision;
};

void db_form_instance_done(struct db_form_instance *fi);

/* The case's draft and its values (v initialised by the caller). TB_NOT_FOUND
 * when the case has no draft. */
enum tb_status db_form_draft(struct db *db, long long case_id,
			     struct db_form_instance *out,
			     struct form_values *v);

/* The instance with this id and its values. */
enum tb_status db_form_get(struct db *db, long long id,
			   struct db_form_instance *out, struct form_values *v);

/*
 * Opens a draft for the case with initial values (pre-fill), amending a
 * decision when amends is non-zero (reason required then). TB_INVALID when
 * the case already has a draft. *id_out receives the instance id.
 */
enum tb_status db_form_create(struct db *db, long long case_id,
			      const char *form_id, const char *form_version,
			      const struct form_values *initial,
			      long long amends, const char *reason,
			      long long *id_out);

/* Saves one value of a draft (NULL or "" clears it) and bumps the draft's
 * revision; saving the value the field has already changes nothing.
 * TB_INVALID when the instance is not a draft. */
enum tb_status db_form_set(struct db *db, long long instance_id,
			   const char *field, const char *value);

/* As db_form_set, for a value edited from what the caller read at revision
 * seen (0: not checked): when the field itself changed after seen, nothing
 * is saved, *stale (may be NULL) is set and TB_INVALID returned. Changes
 * of other fields after seen do not matter. */
enum tb_status db_form_set_at(struct db *db, long long instance_id,
			      const char *field, const char *value,
			      long long seen, bool *stale);

/* The case's status (model_statuses) into out (32 bytes); "" when it
 * cannot be read. A draft's first value saved moves it. */
void db_case_status(struct db *db, long long case_id, char out[32]);

/* The draft's current revision. */
enum tb_status db_form_revision(struct db *db, long long instance_id,
				long long *revision);

/* Who changed field of the draft last and when (UTC timestamp): the
 * audit entry of the revision that changed it. The revision is 0 and the
 * account and time NULL when no revision changed it; the account and time
 * are NULL when it was set as the draft was opened (pre-filled). Caller
 * frees by and at. */
enum tb_status db_form_field_by(struct db *db, long long instance_id,
				const char *field, long long *revision,
				char **by, char **at);

/* The ids of the fields changed after revision, one a line, oldest change
 * first, appended to fields. */
enum tb_status db_form_changed_since(struct db *db, long long instance_id,
				     long long revision, struct strbuf *fields);

/* Abandons a draft (kept, marked abandoned) so another can be opened. */
enum tb_status db_form_abandon(struct db *db, long long instance_id);

/* Abandons a draft nothing was saved in since it was opened (its
 * revision is the first: the values filled in when it was opened, none
 * typed), so that leaving the form leaves no draft behind; a draft with a
 * value saved, by anyone, stays. *dropped says whether it went. */
enum tb_status db_form_drop_unsaved(struct db *db, long long instance_id,
				    bool *dropped);

/* The cases on meeting_id's agenda (removed items left out) with a
 * decision draft a value was saved in (past its first revision, the
 * values filled in when it was opened), their ids appended to ids (", "
 * between) in the agenda's order; *n of them. Finishing the meeting
 * leaves those drafts as they are, unsigned, with their cases. */
enum tb_status db_form_agenda_drafts(struct db *db, long long meeting_id,
				     struct strbuf *ids, int *n);

#endif

/*
 * support — decision support for one case, prepared before the meeting:
 * the trials of the local registry (data/trials.xml) the case may match,
 * with the criteria met and those not known, and the MDK level the level
 * criteria (data/levels.xml) suggest, with the reasons. Suggestions only:
 * labelled as such, the board decides.
 */
#ifndef TB_SUPPORT_H
#define TB_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "kb.h"
#include "model.h"

/* A trial of the registry. Each text a reader is shown (title, note, the
 * contact's role) is the file's, with its Swedish version (xml:lang="sv",
 * as in the knowledge base; NULL when the file has none): kb_text picks
 * the one of the interface language, a patient letter the one of its. */
struct trial {
	char *id;
	char *study_id;
	char *title, *title_sv;
	char *note, *note_sv; /* NULL when none */
	char *phase;	      /* I, I/II, II, III, IV */
	char *status;	      /* recruiting, not-yet-recruiting, closed */
	char **icd10;
	size_t n_icd10;
	struct kb_entry *requires; /* gene + alteration, as in the kb */
	size_t n_requires;
	bool requires_all;
	struct kb_entry *excludes;
	size_t n_excludes;
	int max_ecog;			      /* -1 when not set */
	int age_min, age_max;		      /* -1 when not set */
	int max_lines;			      /* -1 when not set */
	char *contact;			      /* the name; NULL when none */
	char *contact_reach;		      /* "email, phone", or "" */
	char *contact_role, *contact_role_sv; /* NULL when none */
	char **sites;			      /* "hospital, city" */
	size_t n_sites;
};

struct trials {
	char *version;
	struct trial *t;
	size_t n;
};

struct level_criterion {
	char *id;
	char *level; /* national, regional, local */
	char *when;
	char **icd10; /* rare-tumour */
	size_t n_icd10;
	char *text_sv, *text_en;
};

struct levels {
	char *version;
	struct level_criterion *c;
	size_t n;
};

void trials_done(struct trials *t);
void levels_done(struct levels *l);

/* How a trial fits a case. Texts are static or owned by the struct. */
struct trial_fit {
	const struct trial *t;
	bool eligible; /* nothing known rules it out, biomarkers found */
	bool possible; /* only the biomarkers are not known */
	char met[400];
	char unknown[400];
	char failed[400];
};

/* Evaluates every open trial (not closed) against the case as of today;
 * *out (caller frees) holds the eligible ones first. */
size_t support_trials(const struct trials *ts, const struct tb_case *c,
		      const char *today, struct trial_fit **out);

/* The level the criteria suggest, and the reasons (lines, in lang). */
struct level_suggestion {
	char level[12];
	char reasons[1200];
	bool fits; /* the case's level is the one suggested */
};

void support_level(const struct levels *ls, const struct kb *kb,
		   const struct trials *ts, const struct tb_case *c,
		   const char *today, const char *lang,
		   struct level_suggestion *out);

struct readiness;
struct textdoc;

/*
 * The pre-meeting brief of a case on one screen: who, the question, the
 * readiness (rd may be NULL), the findings with the knowledge base's
 * suggestions, the matching trials with the criteria met and not known,
 * and the suggested MDK level with its reasons (flagged when it does not
 * fit the referral). Everything suggested is labelled as a suggestion.
 */
void support_brief(const struct tb_case *c, const struct kb *kb,
		   const struct trials *ts, const struct levels *ls,
		   const struct readiness *rd, const char *today,
		   struct textdoc *doc);

/* Whether an open biomarker-driven trial of the registry is eligible for
 * the case, its required biomarker found (what the agenda flags). */
bool support_has_trial(const struct trials *ts, const struct tb_case *c,
		       const char *today);

#endif

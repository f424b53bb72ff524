/*
 * model — the in-memory shape of a case as it is imported, stored and shown.
 *
 * A struct tb_case owns all its strings and child arrays; model_case_free()
 * releases everything. Strings are UTF-8 and NULL when absent. Numbers that
 * may be absent carry a has_ flag. Enumerated values are kept as their
 * canonical lower-case spelling (the same words the case format and the
 * database use); model_*_label() give the words shown to people.
 */
#ifndef TB_MODEL_H
#define TB_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Where an item came from: the system or file, and when it arrived. */
struct tb_source {
	char *system;	/* e.g. "Region Skåne, Melior export" or file name */
	char *received; /* YYYY-MM-DDTHH:MM:SSZ */
};

struct tb_patient {
	long long id;  /* database id, 0 before storing */
	char *pnr;     /* canonical YYYYMMDD-NNNC */
	char *id_type; /* "personnummer" | "samordningsnummer" */
	char *family_name;
	char *given_name;
	char *birth_date; /* YYYY-MM-DD, derived from pnr */
	char *sex;	  /* female | male | other | unknown */
	char *language;	  /* ISO 639 code, default "sv" */
	bool interpreter; /* needs an interpreter */
	char *region;
	char *hospital;
};

struct tb_marker {
	char *name;
	char *value;
};

struct tb_pathology {
	char *date;
	char *lab;
	char *specimen;
	char *icdo3;
	char *grade;
	char *report;
	char *context; /* clinical | research */
	struct tb_source source;
	struct tb_marker *markers;
	size_t n_markers;
};

struct tb_finding {
	char *gene;   /* NULL for msi/tmb */
	char *kind;   /* snv | indel | fusion | cnv | msi | tmb */
	char *origin; /* somatic | germline */
	char *hgvs_c;
	char *hgvs_p;
	char *hgvs_g;
	char *transcript;
	char *partner; /* fusion partner gene */
	bool has_copies;
	double copies;
	char *value; /* msi status or tmb number as written */
	bool has_vaf;
	double vaf;
	char *classification;
	/* result="absent": the variant (gene, change) was looked for and
	 * not found; never a mutation of the patient's */
	bool absent;
	char *test;
	char *sample;
	char *lab;
	char *date;
	char *context;
	char *note;
	struct tb_source source;
};

struct tb_imaging {
	char *date;
	char *modality; /* ct | pet-ct | mri | x-ray | ultrasound | bone-scan |
			   mammography */
	char *region;
	char *findings;
	char *impression;
	bool has_recist;
	double recist_sum; /* mm */
	bool ai;
	struct tb_source source;
};

/* A referral moved between MDK levels (kept by the store, not imported). */
struct tb_level_change {
	char *at; /* YYYY-MM-DDTHH:MM:SSZ */
	char *by; /* who referred: the user's name and title (the account
		   * when no user has it) */
	char *from, *to;
	char *reason;
};

struct tb_case {
	long long id; /* database id, 0 before storing */
	char *external_id;
	struct tb_patient patient;
	char *referral_date;
	char *level; /* local | regional | national */
	char *level_reason;
	char *priority; /* routine | urgent */
	char *status;
	char *icd10;
	char *icdo3;
	char *diagnosis_text;
	char *diagnosis_date;
	char *question;
	char *summary;
	char *referrer_name;
	char *referrer_unit;
	char *referrer_phone;
	int ecog; /* -1 when unknown */
	char *ecog_date;
	int lansky; /* Lansky play-performance 0-100, -1 when unknown */
	char *lansky_date;
	char *tnm_t, *tnm_n, *tnm_m, *tnm_stage, *tnm_date;
	struct tb_source source;
	char *updated; /* last change in the store */

	struct tb_pathology *pathology;
	size_t n_pathology;
	struct tb_finding *findings;
	size_t n_findings;
	struct tb_imaging *imaging;
	size_t n_imaging;
	struct tb_level_change *level_changes; /* oldest first */
	size_t n_level_changes;
	bool packed; /* in one block (model_case_pack): read it only */
};

struct tb_case *model_case_new(void);
void model_case_free(struct tb_case **c);
/* c (freed) in one block of memory, strings and parts with it: a case
 * kept a while (an import's checked cases, until they are written) takes
 * one allocation instead of a hundred. Read it only; model_case_free
 * frees it. model_case_unpack gives it back as model_case_new's cases
 * are, to change (k freed; a case not packed is given back as it is). */
struct tb_case *model_case_pack(struct tb_case *c);
struct tb_case *model_case_unpack(struct tb_case *k);
/* Frees the strings of a patient held outside a case and zeroes it. */
void model_patient_done(struct tb_patient *p);

/* Appends a zeroed child and returns it (borrowed, valid until the next
 * append or model_case_free). */
struct tb_pathology *model_case_add_pathology(struct tb_case *c);
struct tb_marker *model_pathology_add_marker(struct tb_pathology *p);
struct tb_finding *model_case_add_finding(struct tb_case *c);
struct tb_imaging *model_case_add_imaging(struct tb_case *c);

/* Whether two strings are equal, NULL equal only to NULL. */
bool model_same_str(const char *a, const char *b);

/*
 * What differs between two versions of the same case, as field names and
 * counts only (never values: the result goes to the audit log), e.g.
 * "question, ecog; findings: 1 added, 1 removed". NULL when nothing that
 * matters changed (ids, sources and receive times are ignored). Caller frees.
 */
char *model_case_diff(const struct tb_case *before,
		      const struct tb_case *after);

/* Enumerations: the canonical words, NULL-terminated, and human labels. */
extern const char *const model_levels[];
extern const char *const model_priorities[];
extern const char *const model_statuses[];
extern const char *const model_sexes[];
extern const char *const model_finding_kinds[];
extern const char *const model_origins[];
extern const char *const model_contexts[];
extern const char *const model_modalities[];
extern const char *const model_classifications[];
/* finding/@result: present (the default) or absent */
extern const char *const model_results[];
extern const char *const model_id_types[];

/* True when word is one of the NULL-terminated list. */
bool model_enum_valid(const char *const *list, const char *word);
/* "a, b or c" — caller frees. */
char *model_enum_describe(const char *const *list);

/* Display labels: "CT", "PET-CT", "Regional", "SNV", ... (static). */
const char *model_modality_label(const char *modality);
const char *model_kind_label(const char *kind);
const char *model_level_label(const char *level);
/* A board's code (lung, breast, ...) in the interface language where a
 * person reads it; a board of a region's own boards.xml by its code.
 * Files, options and machine output keep the code. */
const char *model_board_label(const char *board);
/* A board's role (data/boards.xml names it in Swedish) in the interface
 * language; a role of a region's own boards.xml as it is named. The
 * attendance records and matches the name as it is in boards.xml. */
const char *model_role_label(const char *role);
/* A shipped board role's English name (boards.xml's role, Swedish), as
 * typed in any interface language: "onkolog" → "oncologist"; NULL for a
 * role a region named itself. Static. */
const char *model_role_english(const char *role);
/* The shipped board role typed names by any of its names (code, English,
 * interface language; spell_same): its code, else NULL. Static. */
const char *model_role_code(const char *typed);
/* A user role (roles.xml's id and name) in the interface language: the
 * shipped roles translated, a role a site named otherwise by its name. */
const char *model_user_role_label(const char *id, const char *name);
/* Labels of the word lists in the interface language (for people; files
 * and the database keep the words). */
const char *model_sex_label(const char *sex);
const char *model_priority_label(const char *priority);
const char *model_status_label(const char *status);
const char *model_meeting_status_label(const char *status);
/* somatic, germline (case.rng's origin) */
const char *model_origin_label(const char *origin);
/* pathogenic, likely-pathogenic, vus, ... (case.rng's classification) */
const char *model_classification_label(const char *classification);
/* recruiting, not-yet-recruiting, closed (trials.rng's status) */
const char *model_trial_status_label(const char *status);
/* an agenda item's outcome: not discussed, not reached, or the case
 * status of the same word (discussed, deferred, listed) */
const char *model_outcome_label(const char *status);

struct tb_meeting;
/* Whether m is still planned although its planned end (date, start and
 * length, local time) is before now: a meeting not held, or held without
 * being started. Lists flag it as not held. */
bool model_meeting_past(const struct tb_meeting *m, time_t now);
/* The day m was held, YYYY-MM-DD into buf: the local date of its real
 * start when it started (a meeting held on another day than planned),
 * else the planned date. What registries and turnaround count from. */
void model_meeting_held_on(const struct tb_meeting *m, char buf[11]);

#endif

/*
 * access — who reads patient data, under which care relationship, and the
 * access log of every such read (patientdatalagen 4 kap., HSLF-FS 2016:40).
 *
 * Every path that shows a patient's data to a person (a case on the
 * screen or printed with show, an unmasked identity number, a summary, a
 * note, a brief, an export, a search that returns the patient) calls
 * access_log_case() before it shows anything; when the read cannot be
 * logged, nothing is shown (fail closed). The kinds of read are one table
 * (ACCESS_WHAT_TABLE): the code stored in the log and the plain words the
 * patient's extract uses.
 *
 * Who: the signed-in user (user.h: their account and their first care
 * unit), else the operating-system account with no unit. Relationship:
 * opening a case asks perm_open() (perm.h: the permission to read a case,
 * then the care relationship or an emergency access with a reason) and
 * logs the relationship it returns; nothing is shown when it refuses. A
 * list or search records each patient's relationship (perm_relation(),
 * "none" when there is none: flagged for review) without refusing. With
 * nobody signed in (a unit test, a tool) the relationship is "unchecked".
 *
 * The log never holds an identity number, a name or the record's text: it
 * names the patient by the archive's row number (patient.id), which means
 * nothing outside the archive; the identity number stays in the patient
 * table (sealed by the audit chain). The patient's extract looks the
 * number up there. See tumorboard-log(1).
 */
#ifndef TB_ACCESS_H
#define TB_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "status.h"

struct db;

/* X(ENUM, "code", what the reader did in plain words: English, Swedish) */
/* clang-format off */
#define ACCESS_WHAT_TABLE(X)                                              \
	X(SHOW, "show",                                                   \
	  /* untranslated: extract language */                            \
	  "printed the whole case",                                       \
	  /* untranslated: extract language */                            \
	  "skrev ut hela fallet")                                         \
	X(SHOW_ID, "show-id",                                             \
	  /* untranslated: extract language */                            \
	  "printed the whole case with your full identity number",        \
	  /* untranslated: extract language */                            \
	  "skrev ut hela fallet med ditt fullständiga personnummer")      \
	X(SCREEN_CASE, "screen-case",                                     \
	  /* untranslated: extract language */                            \
	  "opened the case on the screen",                                \
	  /* untranslated: extract language */                            \
	  "öppnade fallet på skärmen")                                    \
	X(SCREEN_ID, "screen-id",                                         \
	  /* untranslated: extract language */                            \
	  "showed your full identity number on the screen",               \
	  /* untranslated: extract language */                            \
	  "visade ditt fullständiga personnummer på skärmen")             \
	X(LIST_ID, "list-id",                                             \
	  /* untranslated: extract language */                            \
	  "listed cases with full identity numbers",                      \
	  /* untranslated: extract language */                            \
	  "listade fall med fullständiga personnummer")                   \
	X(LIST, "list",                                                   \
	  /* untranslated: extract language */                            \
	  "saw your name in a list of cases",                             \
	  /* untranslated: extract language */                            \
	  "såg ditt namn i en lista över fall")                           \
	X(SEARCH, "search",                                               \
	  /* untranslated: extract language */                            \
	  "found your case in a search",                                  \
	  /* untranslated: extract language */                            \
	  "fick upp ditt fall i en sökning")                              \
	X(SUMMARY, "summary",                                             \
	  /* untranslated: extract language */                            \
	  "read the patient summary of a decision",                       \
	  /* untranslated: extract language */                            \
	  "läste patientsammanfattningen av ett beslut")                  \
	X(NOTE, "note",                                                   \
	  /* untranslated: extract language */                            \
	  "read the clinician note of a decision",                        \
	  /* untranslated: extract language */                            \
	  "läste journalanteckningen om ett beslut")                      \
	X(BRIEF, "brief",                                                 \
	  /* untranslated: extract language */                            \
	  "read the pre-meeting brief of the case",                       \
	  /* untranslated: extract language */                            \
	  "läste underlaget inför konferensen")                           \
	X(DECISION, "decision",                                           \
	  /* untranslated: extract language */                            \
	  "read a signed decision",                                       \
	  /* untranslated: extract language */                            \
	  "läste ett signerat beslut")                                    \
	X(DRAFT, "draft",                                                 \
	  /* untranslated: extract language */                            \
	  "read the draft decision",                                      \
	  /* untranslated: extract language */                            \
	  "läste beslutsutkastet")                                        \
	X(EXPORT, "export",                                               \
	  /* untranslated: extract language */                            \
	  "exported the case or a decision from the archive",             \
	  /* untranslated: extract language */                            \
	  "exporterade fallet eller ett beslut ur arkivet")               \
	X(LOG, "log",                                                     \
	  /* untranslated: extract language */                            \
	  "read who has read your information (an extract like this)",    \
	  /* untranslated: extract language */                            \
	  "läste vem som har läst dina uppgifter (ett utdrag som detta)") \
	X(LOG_LIST, "log-list",                                           \
	  /* untranslated: extract language */                            \
	  "reviewed the access log, which lists reads of your case",      \
	  /* untranslated: extract language */                            \
	  "granskade åtkomstloggen, som visar läsningar av ditt fall")   \
	X(FOLLOWUP, "followup",                                           \
	  /* untranslated: extract language */                            \
	  "recorded the follow-up of a decision about you",               \
	  /* untranslated: extract language */                            \
	  "registrerade uppföljningen av ett beslut om dig")
/* clang-format on */

enum access_what {
#define ACCESS_WHAT_ENUM(e, code, en, sv) ACCESS_##e,
	ACCESS_WHAT_TABLE(ACCESS_WHAT_ENUM)
#undef ACCESS_WHAT_ENUM
	    ACCESS_WHAT__COUNT
};

/* The care relationship under which a read happened: X(ENUM, "code",
 * English, Swedish). */
#define ACCESS_REL_TABLE(X)                                                    \
	X(UNCHECKED,                                                           \
	  "unchecked", /* untranslated: the extract's own language */          \
	  "no care relationship was checked", /* untranslated: the extract's   \
						 own language */               \
	  "ingen vårdrelation kontrollerades")                                 \
	X(AGENDA, "agenda", /* untranslated: the extract's own language */     \
	  "the case was on a meeting of their board", /* untranslated: the     \
							 extract's own         \
							 language */           \
	  "fallet stod på dagordningen för deras konferens")                   \
	X(BOARD, "board", /* untranslated: the extract's own language */       \
	  "their board takes the case", /* untranslated: the extract's own     \
					   language */                         \
	  "deras konferens tar hand om fallet")                                \
	X(REFERRAL, "referral", /* untranslated: the extract's own language */ \
	  "their unit referred the case", /* untranslated: the extract's own   \
					     language */                       \
	  "deras enhet remitterade fallet")                                    \
	X(EMERGENCY, "emergency",                                              \
	  /* untranslated: an audit detail */ "emergency access",              \
	  "nödåtkomst")                                                        \
	X(NONE, "none", /* untranslated: the extract's own language */         \
	  "outside a care relationship", /* untranslated: the extract's own    \
					    language */                        \
	  "utanför en vårdrelation")

enum access_rel {
#define ACCESS_REL_ENUM(e, code, en, sv) ACCESS_REL_##e,
	ACCESS_REL_TABLE(ACCESS_REL_ENUM)
#undef ACCESS_REL_ENUM
	    ACCESS_REL__COUNT
};

/* "show"; NULL when out of range. Static strings. */
const char *access_what_code(enum access_what w);
const char *access_rel_code(enum access_rel r);
/* The plain words of a code in lang ("sv"; anything else: English); NULL
 * for an unknown code. Static strings. */
const char *access_what_words(const char *code, const char *lang);
const char *access_rel_words(const char *code, const char *lang);
/* A code as short words in the interface language, for the staff's
 * lists (log --user, --case, --review); the code itself when unknown.
 * Static strings. */
const char *access_what_label(const char *code);
const char *access_rel_label(const char *code);
/* ACCESS_REL__COUNT when no relationship has this code. */
enum access_rel access_rel_by_code(const char *code);

/* The reader: an account and the care unit they read from (NULL: not
 * known). Borrowed strings. */
struct access_who {
	const char *who;
	const char *unit;
};
/* The reader now: the signed-in user (user_current(): account, first
 * unit), else the operating-system account (user_actor()) and no unit. */
void access_who_current(struct access_who *w);

/* The relationship of a read, and for an emergency access the grant
 * (emergency_access.id, which holds the reason and how long it runs). */
struct access_grant {
	enum access_rel rel;
	long long emergency_id;
};

/*
 * Opens case_id's data for the current reader and logs the read: asks
 * perm_open() (when a user is signed in) and logs under the relationship
 * it gives. Call before showing anything: on failure show nothing —
 * TB_DENIED (no permission or care relationship; *err says why),
 * TB_NOT_FOUND (no such case), TB_DB. *err (caller frees; err may be
 * NULL) gets a message on failure. Works inside or outside an open
 * transaction.
 */
enum tb_status access_open_case(struct db *db, enum access_what what,
				long long case_id, char **err);
/* access_open_case, and when the read was logged, until when the grant it
 * was made under runs: until (21 bytes, "YYYY-MM-DDTHH:MM:SSZ") is set
 * for an emergency access and emptied for any other relationship. The
 * screen closes what it showed under a grant once the grant has ended. */
enum tb_status access_open_case_until(struct db *db, enum access_what what,
				      long long case_id, char until[21],
				      char **err);
/* access_open_case_until, where a case outside the reader's care asks
 * ask for the reason of an emergency access (perm_open_asking). */
struct perm_asker;
enum tb_status access_open_case_asking(struct db *db, enum access_what what,
				       long long case_id,
				       const struct perm_asker *ask,
				       char until[21], char **err);
/* Logs that n cases were shown in a list or a search, each under the
 * reader's relationship to it ("none" when there is none), in one
 * transaction; refuses nothing but a database error. */
enum tb_status access_log_cases(struct db *db, enum access_what what,
				const long long *case_ids, size_t n);
/* Logs one read with the reader and relationship given (tests, the
 * demo). TB_INVALID for an unknown code or an emergency without a
 * grant. */
enum tb_status access_log_case_as(struct db *db, const struct access_who *w,
				  const struct access_grant *g,
				  enum access_what what, long long case_id);

/*
 * The patients a list on the screen has shown (the case list, the queue,
 * an agenda, search results) while it is open: each is logged once, the
 * first time its row is on the screen, not again when the selection
 * moves, the list is drawn again or reloaded. Zeroed to start; freed by
 * access_shown_done.
 */
struct access_shown {
	long long *slot; /* open addressing; 0 is an empty slot */
	size_t cap, n;
	/* the cases logged under an emergency grant, each with the grant's
	 * end, not yet taken (access_shown_grant) */
	struct access_shown_grant {
		long long case_id;
		char until[21];
	} * grants;
	size_t n_grants;
};
/*
 * Logs the cases of ids (n of them; 0 ids are skipped) that sh has not
 * shown yet, as what, in one transaction (access_log_cases), and adds
 * them to sh. *written (may be NULL) says how many were new. Nothing is
 * added when the log cannot be written: show nothing then.
 */
enum tb_status access_log_shown(struct db *db, struct access_shown *sh,
				enum access_what what, const long long *ids,
				size_t n, size_t *written);
void access_shown_done(struct access_shown *sh);
/* Takes one case that sh logged under an emergency grant, into *out;
 * false when there is none left. A screen that shows such a row reads it
 * again when the grant ends. */
bool access_shown_grant(struct access_shown *sh,
			struct access_shown_grant *out);

/*
 * The patients the screen's lists logged lately under a care relationship
 * (agenda, board, referral), by the kind of list (kind: any pointer that
 * names it, the view's) and what was logged. A list of the same kind
 * shown again (the referral queue opened again, the case list after a
 * search is cleared, an agenda opened again) does not log them again
 * while the reader is the same, the archive has not changed (its data
 * version: a read logged is no change) and less than
 * ACCESS_RECENT_SECONDS have passed since the first of them was logged:
 * that entry stands for the list shown again. A patient shown outside a
 * care relationship (none, emergency) or with nothing checked is logged
 * every time a list shows them, as before. Zeroed to start; freed by
 * access_recent_done.
 */
enum { ACCESS_RECENT_SECONDS = 600 };
struct access_recent {
	struct access_recent_list {
		const void *kind;
		enum access_what what;
		struct access_shown set;
	} * lists;
	size_t n;
	time_t since;		       /* when the first entry was logged */
	unsigned long long other, own; /* the data version then */
	char *who;
};
/*
 * access_log_shown, with recent: the patients a list of this kind logged
 * lately (above) are added to sh without an entry; those logged now under
 * a care relationship are added to recent.
 */
enum tb_status access_log_shown_recent(struct db *db, struct access_shown *sh,
				       struct access_recent *recent,
				       const void *kind, enum access_what what,
				       const long long *ids, size_t n,
				       size_t *written);
void access_recent_done(struct access_recent *r);

/* A read of the patient alone (no case): their access log extract. */
enum tb_status access_log_patient(struct db *db, enum access_what what,
				  long long patient_id);

/*
 * The patient's extract (patientdatalagen 8 kap.): every logged read of
 * patient patient_id's data from from to to (YYYY-MM-DD, inclusive; NULL:
 * open), in plain words in lang ("sv" or "en"): when (local time), who
 * (name and title when the account is a user, else the account), from
 * which unit, what they did, and under which relationship (an emergency
 * access with the reason given). name and born head it. Into doc.
 */
struct textdoc;
enum tb_status access_patient_extract(struct db *db, long long patient_id,
				      const char *name, const char *born,
				      const char *from, const char *to,
				      const char *lang, struct textdoc *doc);

/* Reads logged by this process so far (tests and benchmarks). */
long long access_logged_count(void);

#endif

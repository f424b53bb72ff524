/*
 * board — board types as data (tumorboard-boards(5)): which diagnoses a
 * board takes, its core roles, minutes per case, and its readiness rules.
 * Loaded by import_boards; this module only holds and queries them.
 */
#ifndef TB_BOARD_H
#define TB_BOARD_H

#include <stdbool.h>
#include <stddef.h>

struct board_ready {
	bool question;
	bool level_reason;
	bool pathology;
	bool ecog;
	bool molecular;
	char **molecular_stages;   /* stage groups (I..IV) that need it; */
	size_t n_molecular_stages; /* none listed = every stage */
	int imaging_max_days;	   /* 0 = imaging not required */
};

struct board {
	char *id;
	char *name;    /* as the board calls itself (Swedish) */
	char *name_en; /* its English name (name-en); NULL: none given */
	int minutes_per_case;
	int target_days;  /* days from referral to meeting; 0 = none */
	char **diagnoses; /* ICD-10 prefixes; none = the catch-all board */
	size_t n_diagnoses;
	char **core_roles;
	size_t n_core_roles;
	char **roles; /* other roles that attend (not needed for quorum) */
	size_t n_roles;
	struct board_ready ready;
};

struct boards {
	char *version;
	char *source; /* "built-in" or the file it came from */
	struct board *b;
	size_t n;
};

void boards_done(struct boards *bs);
/* b's name in the interface's language: its English name in an English
 * interface where one is given, else its name. */
const char *board_name(const struct board *b);
/* A copy of src in *dst, its own to boards_done. */
void boards_copy(struct boards *dst, const struct boards *src);

/* The board for an ICD-10 code: the longest matching diagnosis prefix,
 * else the board without diagnoses; NULL when neither exists. Borrowed. */
const struct board *boards_for_icd10(const struct boards *bs,
				     const char *icd10);

/* The board with this id; NULL when none. Borrowed. */
const struct board *boards_by_id(const struct boards *bs, const char *id);

/* The minutes an agenda item has: its own slot when it has one (own >
 * 0), else its board's minutes per case, else 5 (no board, or a board
 * that gives none). */
int board_slot_minutes(const struct board *b, int own);

/* Whether board b takes a case of the ICD-10 code icd10: b is the board
 * boards_for_icd10 gives the code, or b has no diagnoses of its own (it
 * takes every case). True when b is NULL or icd10 NULL or empty. */
bool boards_take_icd10(const struct boards *bs, const struct board *b,
		       const char *icd10);

/* The one rule for a diagnosis against a board, for the decision form
 * and the agenda alike: false when the board with the id board_id has
 * diagnoses of its own and the ICD-10 code icd10 is not one of them (the
 * code's board, boards_for_icd10, is another); why then holds what to
 * say: the code, its board and the diagnoses this board takes, the boards
 * named as a person reads them (model_board_label). True, and
 * why empty, otherwise (no such board, a board that takes every case, no
 * code). */
bool boards_check_icd10(const struct boards *bs, const char *board_id,
			const char *icd10, char *why, size_t why_len);

/* The board's diagnoses as the boards file writes them (prefixes
 * separated by spaces) into sb; nothing for a board without. */
struct strbuf;
void board_diagnoses_list(const struct board *b, struct strbuf *sb);

/* The board's own spelling of role (its code, as boards.xml names it),
 * one of its core roles or other roles typed by any of its names: the
 * code, the English name or the interface language's (model_role_label),
 * letter case and accents aside ("Oncologist", "kontaktsjukskoterska");
 * NULL when it is neither. *core says which (may be NULL). Borrowed. */
const char *board_role(const struct board *b, const char *role, bool *core);

/* The board's roles counted core first, then the others: role i (its
 * code) of b->n_core_roles + b->n_roles. */
const char *board_role_at(const struct board *b, size_t i);

/* Whether typed names the role whose code is r: the code, its English
 * name or its name in the interface language, letter case and accents
 * aside (spell_same). */
bool board_role_named(const char *r, const char *typed);

/* The role of b (its code) with a name (as board_role_named reads them)
 * nearest to typed, near enough to offer (spell_tolerance) and nearer
 * than *dist, which it sets; else best. For "did you mean": with *dist
 * (size_t)-1 and best NULL first, then over other boards. */
const char *board_role_nearest(const struct board *b, const char *typed,
			       const char *best, size_t *dist);

/* The role of b (its code) one of whose names holds typed (four
 * characters or more, letter case aside: "kirurg" in "thoraxkirurg",
 * "surgeon" in "thoracic surgeon"), for "did you mean" when no name is
 * near in spelling: found when none does; *several set when another
 * role than found does (then none is offered). Over several boards:
 * found NULL and *several false first. */
const char *board_role_within(const struct board *b, const char *typed,
			      const char *found, bool *several);

/* How an attendee in role attends: "cover" (covering for a core member,
 * core_member false), "other" (one of the board's other roles) or
 * "core". b may be NULL. */
const char *board_attendee_kind(const struct board *b, const char *role,
				bool core_member);

/* The kind typed after an attendee's role, in English or in the Swedish
 * the interface shows for it (sv.po's "core" and "cover": kärna,
 * ersättare), whatever the interface language, in any ASCII letter case:
 * "core", "cover", or NULL for anything else. */
const char *board_attendee_kind_typed(const char *typed);

/* The board's roles as the interface names them (model_role_label),
 * core roles first, joined by ", " into sb. */
void board_roles_list(const struct board *b, struct strbuf *sb);

/* The stage group of a TNM stage: "IIIA" → "III", "IVB" → "IV", "0" →
 * "0"; "" when none. out holds 8 bytes. */
void boards_stage_group(const char *stage, char out[8]);

#endif

/*
 * user — the people known to the archive. A user is identified by an
 * account: on the embedded store the operating-system account that runs
 * the program (user_os_account), looked up in the users table. A user has
 * a name, a title (profession: läkare, sjuksköterska, koordinator …),
 * roles (ids of roles.xml, tumorboard-roles(5)), the care units and boards
 * they belong to, and is active or disabled.
 *
 * The signed-in user of this process is kept here (user_sign_in,
 * user_current): both front ends and every core check read it, and every
 * write records its account, never a typed name.
 */
#ifndef TB_USER_H
#define TB_USER_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

struct db;
struct strbuf;

/* Limits of the text fields (characters as bytes of UTF-8). */
#define USER_ACCOUNT_MAX 64
#define USER_NAME_MAX	 200
#define USER_TITLE_MAX	 60
#define USER_UNIT_MAX	 200

struct user {
	long long id;
	char *account; /* the operating-system account; unique */
	char *name;
	char *title; /* profession */
	bool active;
	char **roles; /* role ids, sorted */
	size_t n_roles;
	char **units; /* care units, e.g. "Onkologiska kliniken, SU" */
	size_t n_units;
	char **boards; /* board ids of boards.xml the user belongs to */
	size_t n_boards;
};

/* A new empty user (every list empty, active). Caller frees with
 * user_free. */
struct user *user_new(void);
/* Frees u and NULLs the pointer; NULL is fine. */
void user_free(struct user **u);
/* A deep copy (caller frees). */
struct user *user_dup(const struct user *u);

/* Adds s to one of u's lists (roles, units or boards) unless present;
 * keeps roles and boards sorted. */
void user_list_add(char ***list, size_t *n, const char *s);
/* Whether the list holds s. */
bool user_list_has(char *const *list, size_t n, const char *s);

bool user_has_role(const struct user *u, const char *role);
bool user_in_unit(const struct user *u, const char *unit);
bool user_in_board(const struct user *u, const char *board);

/*
 * Checks the fields of u before it is stored: an account of letters,
 * digits, '.', '_' or '-' (1–64, not starting with '-'), a name and a
 * title on one line within their limits, units on one line. why gets
 * what is wrong (no patient data is involved; the value is not echoed).
 */
bool user_check(const struct user *u, char *why, size_t why_len);

/* The operating-system account running the program (the real user id's
 * passwd entry; never an environment variable). Borrowed, static; NULL
 * when the id has no passwd entry. Kept in a file of its own
 * (src/user_os.c) so that a test program can link a different one. */
const char *user_os_account(void);
/* The real user id's passwd entry's name, what user_os_account() gives in
 * the installed program. Borrowed, static; NULL when there is none. */
const char *user_passwd_account(void);

/*
 * Signs the process in: looks up user_os_account() in the users table.
 * TB_DENIED with *err saying so when the account is not a user or is
 * disabled (and how the first administrator is made when there is no
 * user yet); TB_DB on a database error. On success user_current()
 * returns the user until user_sign_out().
 */
enum tb_status user_sign_in(struct db *db, char **err);
/* Forgets the signed-in user (frees it). */
void user_sign_out(void);
/* The signed-in user; NULL before user_sign_in. Borrowed, valid until
 * user_sign_out or the next user_sign_in / user_set_current. */
const struct user *user_current(void);
/* Makes u (taken over; may be NULL) the signed-in user. For the unit
 * tests and the first-run path, which have the user in hand. */
void user_set_current(struct user *u);

/* The active user with this account, where a command names a person
 * (who told the patient, who attends): TB_NOT_FOUND when no user has
 * it, TB_INVALID when the user is disabled, with why (why_len bytes)
 * saying so; TB_DB on a database error. Caller frees *out. */
enum tb_status user_lookup_active(struct db *db, const char *account,
				  struct user **out, char *why, size_t why_len);
/* The active user who (an account, or a name only one active user has),
 * as user_lookup_active; why says when it is none or several. */
enum tb_status user_find_active(struct db *db, const char *who,
				struct user **out, char *why, size_t why_len);

/* A recorded attendee's name as shown: a guest's "Name (guest,
 * profession, unit)" with "guest" in the interface's language (the
 * archive keeps the English word); anyone else's as it is. Caller
 * frees. An offered line shown so is read back as recorded. */
char *user_attendee_shown(const char *recorded);
/*
 * The name an attendee is recorded under (meeting attend and leave, the
 * attendance screen, decision sign): who is the account or the name
 * (letter case aside) of an active user, recorded as the user's name in
 * the archive. Anyone else is refused: TB_NOT_FOUND with why saying so
 * and naming the users whose name or account holds who (or that none
 * does) and how a guest is added; TB_INVALID for a disabled user. With
 * guest, who is a guest's "Name, profession, unit" (all three, no ':'),
 * recorded as "Name (guest, profession, unit)"; TB_INVALID when a part
 * is missing. *out: caller frees (NULL on failure).
 */
enum tb_status user_attendee_name(struct db *db, const char *who, bool guest,
				  char **out, char *why, size_t why_len);
/* The same, where the name was typed on the screen: how a guest is
 * typed there ("guest: Name, profession, unit") in the refusal. */
enum tb_status user_attendee_name_screen(struct db *db, const char *who,
					 bool guest, char **out, char *why,
					 size_t why_len);

/*
 * The same, the person to attend as role: a physician's role is refused
 * (TB_INVALID, why saying so) for a user whose title names another
 * profession (quorum_role_claim); a guest is not checked (the minutes
 * mark guests). screen as for user_attendee_name_screen.
 */
enum tb_status user_attendee_name_as(struct db *db, const char *who, bool guest,
				     const char *role, bool screen, char **out,
				     char *why, size_t why_len);

/*
 * One attendee given as "WHO:ROLE[:cover]" (WHO as for
 * user_attendee_name; with guest, "Name, profession, unit"), appended to
 * att as an attendee line (decision_attendee_add) under the name the
 * archive records, its role's claim checked (user_attendee_name_as). On
 * refusal att is unchanged and why says what was wrong: that status, or
 * TB_USAGE when the role is missing or the kind is not "cover".
 */
enum tb_status user_attendee_entry(struct db *db, const char *arg, bool guest,
				   struct strbuf *att, char *why,
				   size_t why_len);

/*
 * The attendees typed on one line (the form's sign-off): entries
 * separated by commas or semicolons, each "WHO:ROLE[:cover]" for a user
 * or "guest: Name, profession, unit:ROLE[:cover]" (also "gäst:"; a
 * guest's commas before its role are its own), a guest as recorded,
 * "Name (guest, profession, unit):ROLE", taken as that guest. Each is
 * resolved by user_attendee_entry into att; the first refused stops,
 * with why naming the entry and what was wrong, a guest's hint as typed
 * on the screen (a line naming nobody: TB_USAGE).
 */
enum tb_status user_attendees_line(struct db *db, const char *line,
				   struct strbuf *att, char *why,
				   size_t why_len);

/* The account recorded in the audit log for what this process writes:
 * the signed-in user's account, else user_os_account(), else "unknown".
 * Borrowed. */
const char *user_actor(void);

#endif

/*
 * quorum — whether the people present fill a board's core roles (as data in
 * boards.xml, tumorboard-boards(5)). A core member or someone covering for
 * one fills a role; roles compare without regard to ASCII case.
 */
#ifndef TB_QUORUM_H
#define TB_QUORUM_H

#include <stdbool.h>
#include <stddef.h>

#include "board.h"
#include "util.h"

/*
 * The board's core roles that no attendee fills. attendees holds lines
 * "name\trole\tcore|cover". Appends the missing roles to missing (may be
 * NULL), separated by ", ", and returns how many there are.
 */
size_t quorum_missing(const struct board *b, const char *attendees,
		      struct strbuf *missing);
/* The same, the roles named in the interface language (model_role_label)
 * for a screen; quorum_missing names them as they are typed. */
size_t quorum_missing_said(const struct board *b, const char *attendees,
			   struct strbuf *missing);

/*
 * Whether every attendee's role (attendees as above) is one of board b's,
 * core or other, typed by any of its names (board_role), or with b NULL
 * one of any board's in bs (bs may be NULL then: nothing is checked).
 * When true, coded (may be NULL) has the attendees appended with each
 * role as its code, the name boards.xml gives it (what the archive
 * stores). False on the first that is not, with why (why_len bytes)
 * naming it and the role whose name is nearest by edit distance, if one
 * is near enough (spell_tolerance), in the interface language: "no such
 * role 'oncologst'; did you mean 'oncologist'?"; else b's roles.
 */
bool quorum_roles_known(const struct boards *bs, const struct board *b,
			const char *attendees, struct strbuf *coded, char *why,
			size_t why_len);

/*
 * Whether a person whose title (profession) is title may fill role, as
 * far as the words tell: a physician's role (onkolog, patolog, radiolog,
 * a surgeon, "… läkare", lungmedicinare, klinisk genetiker …) wants a
 * physician's title (läkare, överläkare, a specialist's title …).
 * QUORUM_CLAIM_OK: the title says so, or the role is no physician's;
 * QUORUM_CLAIM_REFUSED: the title names another profession
 * (sjuksköterska, koordinator …); QUORUM_CLAIM_OWN: the title (empty or
 * unknown) cannot tell, and the role is the person's own claim.
 */
enum quorum_claim {
	QUORUM_CLAIM_OK,
	QUORUM_CLAIM_REFUSED,
	QUORUM_CLAIM_OWN,
};
enum quorum_claim quorum_role_claim(const char *role, const char *title);

/* Whether role is a physician's role (as quorum_role_claim reads it). */
bool quorum_physician_role(const char *role);

/* The profession of a guest as recorded, "Name (guest, profession,
 * unit)", into out (out_len bytes); false (out empty) when name is not a
 * guest's. */
bool quorum_guest_profession(const char *name, char *out, size_t out_len);

/* The core roles of b (into out, ", " between) that only guests fill in
 * the attendance lines att ("name\trole\t…" a line). */
void quorum_guest_only(const struct board *b, const char *att,
		       struct strbuf *out);

#endif

/*
 * view_refused — the referral queue's `a`: the meeting asked, what it
 * says of the cases a meeting refused (each named by its case id with its
 * own reason), and O, the override of a refusal an override lets through.
 */
#ifndef TB_VIEW_REFUSED_H
#define TB_VIEW_REFUSED_H

#include <stdbool.h>
#include <stddef.h>

struct ui;
struct db;
struct tb_meeting;
struct db_agenda_added;

/* Says what became of the n cases of db_agenda_add_all (out, added) put
 * on meeting m: on the status line when every refused case with its
 * reason fits there, else how many there and a document listing each
 * refused case with its reason (pushed; Esc is back). marked: the cases
 * were marked, and the refused ones stay so. Cases an override would let
 * in are said to be so, with the key that overrides (O). */
void view_refused_say(struct ui *ui, const struct tb_meeting *m,
		      const struct db_agenda_added *out, size_t n, size_t added,
		      bool marked);

/* The marks left after db_agenda_add_all: marked (n_marked of them, in
 * the order marked) without the cases out says were added. Returns how
 * many are left. */
size_t view_refused_unmark(long long *marked, size_t n_marked,
			   const struct db_agenda_added *out, size_t n);

/* A refusal of the queue's `a` an override would let through,
 * remembered until the next key the queue reads: the cases refused so,
 * and the meeting. */
struct view_refusal {
	long long meeting_id;
	long long *ids;
	size_t n;
};

/* r remembers the cases of out an override would let on meeting_id's
 * agenda (none: r is empty). */
void view_refused_keep(struct view_refusal *r, long long meeting_id,
		       const struct db_agenda_added *out, size_t n);
void view_refused_forget(struct view_refusal *r);
/* A key the queue (keymap view) read: any but the override's forgets
 * r. */
void view_refused_key(struct ui *ui, struct view_refusal *r, int view, int key);
/* O: the override's reason, asked (ui_prompt_checked) when r holds a
 * refusal and the user may add to its meeting (read into m); NULL when
 * it holds none, the user may not or the prompt was left (r is
 * forgotten then). Caller frees. */
char *view_refused_reason(struct ui *ui, struct view_refusal *r,
			  struct tb_meeting *m);
/* A meeting asked by its number, checked while its prompt is open
 * (view_meeting_check): the meeting found is read into m; other_than
 * (not 0) is refused as no other meeting; not_found is what a number
 * that names none is told. */
struct view_meeting_ask {
	struct db *db;
	long long other_than;
	struct tb_meeting *m;
	const char *not_found;
};
/* The check (ui_prompt_checked) of a meeting's number; arg: a struct
 * view_meeting_ask. */
const char *view_meeting_check(const char *value, const void *arg);

/* a: the meeting for the n cases ids, asked (the next one that takes
 * them offered) into m, a number naming no meeting asked again; false
 * (said why) when there is no case, the prompt was left or the user may
 * not plan its board. */
bool view_refused_meeting(struct ui *ui, const long long *ids, size_t n,
			  struct tb_meeting *m);

/* ids (n of them) on meeting m's agenda in one transaction
 * (db_agenda_add_all), override (NULL: none) given for each: what became
 * of them said (view_refused_say), the cases added unmarked from marked
 * (*n_marked of them), those an override lets in remembered in r. False
 * (said why) when nothing was added: a closed meeting, a failure. */
bool view_refused_add(struct ui *ui, const struct tb_meeting *m,
		      const long long *ids, size_t n, const char *override,
		      long long *marked, size_t *n_marked,
		      struct view_refusal *r);

#endif

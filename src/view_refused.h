/*
 * view_refused — what the referral queue's `a` says of the cases a
 * meeting refused: each named by its case id with its own reason.
 */
#ifndef TB_VIEW_REFUSED_H
#define TB_VIEW_REFUSED_H

#include <stdbool.h>
#include <stddef.h>

struct ui;
struct tb_meeting;
struct db_agenda_added;

/* Says what became of the n cases of db_agenda_add_all (out, added) put
 * on meeting m: on the status line when every refused case with its
 * reason fits there, else how many there and a document listing each
 * refused case with its reason (pushed; Esc is back). marked: the cases
 * were marked, and the refused ones stay so. */
void view_refused_say(struct ui *ui, const struct tb_meeting *m,
		      const struct db_agenda_added *out, size_t n, size_t added,
		      bool marked);

#endif
